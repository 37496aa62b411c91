//! Running the intake: the store and secret prepared up front, then our own accept loop
//! on its own thread with a single-threaded tokio runtime (HTTP is cheap; the store is one
//! connection), a cap on connections, and a graceful stop on request, Ctrl-C or SIGTERM.
//!
//! Not `axum::serve`: it has no timeouts and no cap, so a few thousand idle or trickling
//! clients could hold the server (see `connection`).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpStream;
use tokio::signal::unix::{Signal, SignalKind, signal};
use tokio::sync::{Semaphore, oneshot, watch};

use super::attempts::Attempts;
use super::captcha::{self, Captchas};
use super::connection::{self, Limits};
use super::files::SiteFiles;
use super::handlers::{self, Shared};
use super::reply::Reply;
use super::{IntakeError, Options};
use crate::store::{OpenMode, Store, StoreError};

/// How long a stop waits for requests in flight before closing their connections.
const GRACE: Duration = Duration::from_secs(10);
/// Threads for store calls and image drawing; posts queue on the store lock anyway.
const BLOCKING_THREADS: usize = 8;

/// A running intake server. Dropping it stops the server too.
#[derive(Debug)]
pub struct Handle {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<std::io::Result<()>>>,
}

impl Handle {
    /// Where the server listens (the real port when bound to port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets requests in flight finish, and waits for the server to end.
    pub fn stop(mut self) -> Result<(), IntakeError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.join()
    }

    /// Runs until a signal stops the server (with `Options::stop_on_signals`).
    pub fn wait(mut self) -> Result<(), IntakeError> {
        self.join()
    }

    fn join(&mut self) -> Result<(), IntakeError> {
        match self.thread.take().map(JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(e))) => Err(IntakeError::Crashed(e.to_string())),
            Some(Err(_)) => Err(IntakeError::Crashed("its thread panicked".into())),
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.join();
    }
}

/// Lets a refusal to write into a damaged store through as `None`, with a line for the
/// operator; any other failure stops the start.
fn tolerate_damage<T>(result: Result<T, StoreError>) -> Result<Option<T>, IntakeError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e @ StoreError::WritesStopped { .. }) => {
            eprintln!("intake: {}", crate::text::sanitize_line(&e.to_string()).text);
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Serves the intake on `listener` over the store at `store_path` until stopped.
///
/// Before it returns, the store is open, the rules are noted in the audit log, the captcha
/// secret exists and the signal handlers are in place: a failure is reported here.
pub fn serve_on(
    listener: std::net::TcpListener,
    store_path: &Path,
    options: Options,
) -> Result<Handle, IntakeError> {
    let site = match &options.site {
        Some(root) => {
            let site = SiteFiles::new(root.clone());
            site.check().map_err(IntakeError::Site)?;
            Some(Arc::new(site))
        }
        None => None,
    };
    let mut store = Store::open(store_path, OpenMode::MustExist)?;
    let now = options.clock.now();
    // A store with damage on record is served all the same: every post then gets 503 and
    // a sentence in Vietnamese, instead of the site's proxy failing to reach us at all.
    tolerate_damage(store.note_rules(&options.rules, "serve", now))?;
    let captchas = if options.captcha {
        let fresh = captcha::new_secret().map_err(IntakeError::Random)?;
        let secret = tolerate_damage(store.setting_or_init(captcha::SECRET_SETTING, || fresh.clone()))?
            .unwrap_or(fresh);
        Some(Captchas::new(
            secret,
            options.captcha_seconds,
            options.spent_tokens,
        ))
    } else {
        None
    };
    crate::store::check_in_background(store_path.to_owned()).map_err(IntakeError::Start)?;
    let shared = Arc::new(Shared {
        store: Arc::new(Mutex::new(store)),
        rules: Arc::new(options.rules.clone()),
        captchas,
        clock: Arc::clone(&options.clock),
        attempts: Attempts::new(options.captcha_failures, options.captcha_failure_seconds),
        body_timeout: options.body_timeout,
        site,
        base_url: options.base_url.clone(),
    });
    let serving = Serving {
        limits: Limits {
            header: options.header_timeout,
            idle: options.idle_timeout,
            // A phone on a weak signal may stall for seconds (a cell handover); one that
            // takes nothing for as long as a body may take to arrive is gone.
            send: options.body_timeout,
        },
        max_connections: options
            .max_connections
            .clamp(1, crate::config::Intake::MAX_CONNECTIONS),
    };
    listener.set_nonblocking(true).map_err(IntakeError::Start)?;
    let addr = listener.local_addr().map_err(IntakeError::Start)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .thread_name("intake-store")
        .build()
        .map_err(IntakeError::Start)?;
    let (stop_tx, stop_rx) = oneshot::channel();
    let (ready_tx, ready_rx) = mpsc::channel();
    let signals = options.stop_on_signals;
    let thread = std::thread::Builder::new()
        .name("intake".into())
        .spawn(move || runtime.block_on(run(listener, shared, serving, stop_rx, signals, ready_tx)))
        .map_err(IntakeError::Start)?;
    let mut handle = Handle {
        addr,
        stop: Some(stop_tx),
        thread: Some(thread),
    };
    match ready_rx.recv() {
        Ok(Ok(())) => Ok(handle),
        Ok(Err(e)) => {
            let _ = handle.join();
            Err(IntakeError::Start(e))
        }
        Err(_) => Err(handle
            .join()
            .err()
            .unwrap_or(IntakeError::Crashed("it ended at start".into()))),
    }
}

/// How connections are served.
#[derive(Debug, Clone, Copy)]
struct Serving {
    limits: Limits,
    max_connections: usize,
}

/// After a failed accept (out of file descriptors, most likely), wait this long before the
/// next: nothing frees a descriptor faster, and a loop would only spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(250);

async fn run(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    serving: Serving,
    stop: oneshot::Receiver<()>,
    signals: bool,
    ready: mpsc::Sender<std::io::Result<()>>,
) -> std::io::Result<()> {
    let setup = || -> std::io::Result<_> {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let signals = if signals {
            Some((signal(SignalKind::interrupt())?, signal(SignalKind::terminate())?))
        } else {
            None
        };
        Ok((listener, signals))
    };
    let (listener, signals) = match setup() {
        Ok(parts) => parts,
        Err(e) => {
            let _ = ready.send(Err(e));
            return Ok(());
        }
    };
    let _ = ready.send(Ok(()));
    let router = router(shared);
    let busy = Reply::Busy.raw_close();
    let places = Arc::new(Semaphore::new(serving.max_connections));
    let (stopping_tx, stopping) = watch::channel(false);
    let stop = stopped(stop, signals);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, peer)) => match Arc::clone(&places).try_acquire_owned() {
                    Ok(place) => {
                        // Replies are written whole; without this Nagle holds the last segment.
                        let _ = tcp.set_nodelay(true);
                        let router = router.clone();
                        let stopping = stopping.clone();
                        tokio::spawn(connection::serve(tcp, peer, router, serving.limits, stopping, place));
                    }
                    Err(_) => refuse(tcp, &busy),
                },
                Err(e) if is_per_connection(&e) => {}
                Err(e) => {
                    log(&format!("accepting a connection failed: {e}"));
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                }
            },
        }
    }
    drop(listener);
    let _ = stopping_tx.send(true);
    // Every connection holds a place until it ends: all places back means all done.
    let all = u32::try_from(serving.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(GRACE, places.acquire_many(all)).await;
    Ok(())
}

/// An accept error that concerns only the connection being accepted.
fn is_per_connection(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(e.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset)
}

/// A connection over the cap: told "busy" if its socket takes the answer at once, then
/// closed. Reading what already arrived first makes the close a FIN, not a reset that
/// could discard the answer before the client reads it.
fn refuse(tcp: TcpStream, busy: &[u8]) {
    let mut scratch = [0u8; 2048];
    let _ = tcp.try_read(&mut scratch);
    let _ = tcp.try_write(busy);
}

fn log(message: &str) {
    eprintln!("intake: {message}");
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/comments", post(handlers::post_comment))
        .route("/captcha", get(handlers::get_captcha))
        .route("/comments/form", get(handlers::code_form))
        .fallback(handlers::other_path)
        .method_not_allowed_fallback(handlers::wrong_method)
        .with_state(shared)
}

/// Resolves when the handle asks (or is dropped), or on Ctrl-C / SIGTERM when watched.
async fn stopped(stop: oneshot::Receiver<()>, signals: Option<(Signal, Signal)>) {
    match signals {
        Some((mut interrupt, mut terminate)) => {
            tokio::select! {
                _ = stop => {}
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        }
        None => {
            let _ = stop.await;
        }
    }
}
