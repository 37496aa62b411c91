//! One reader's connection: hyper's HTTP/1 over the socket, watched so that a client who
//! sends nothing, trickles a request head, or keeps an idle connection is cut off.
//!
//! hyper has one timer that runs from the end of an answer to the end of the next head, so
//! an idle wait and a slow head cannot be told apart. Here the socket notes the first
//! byte of a request and the answer notes its last: idle and head have deadlines of their
//! own, and a request being answered has none (its body has one in the handler) until the
//! answer's first byte is written. From then on a client that stops taking it (a site
//! file of megabytes, say) is cut off once nothing moved for `send`.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::Request;
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, watch};
use tokio::time::Instant;

/// The limits every connection is held to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header: Duration,
    pub idle: Duration,
    /// How long an answer may go with no byte taken by the client.
    pub send: Duration,
}

/// Where a connection is between requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request since then.
    Idle(Instant),
    /// A request head began then.
    Head(Instant),
    /// The server is working on an answer; nothing written yet.
    Answering,
    /// Part of the answer is written; the last bytes went out then.
    Sending(Instant),
}

impl Phase {
    fn deadline(self, limits: Limits) -> Option<Instant> {
        match self {
            Phase::Idle(since) => Some(since + limits.idle),
            Phase::Head(since) => Some(since + limits.header),
            Phase::Answering => None,
            Phase::Sending(since) => Some(since + limits.send),
        }
    }
}

/// Serves one connection until it ends, times out, or the server stops; `permit` holds
/// its place under the connection cap until then.
pub async fn serve(
    tcp: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
    permit: OwnedSemaphorePermit,
) {
    let _permit = permit;
    let accepted = Instant::now();
    // hyper takes an 8 KiB read buffer as soon as it is polled: a connection that has sent
    // nothing yet waits without one, so thousands of silent ones cost little.
    let mut first = [0u8; 1];
    tokio::select! {
        peeked = tcp.peek(&mut first) => if !matches!(peeked, Ok(1)) { return },
        () = tokio::time::sleep_until(accepted + limits.idle) => return,
        _ = stopping.wait_for(|stop| *stop) => return,
    }
    // Boxed: a spawned task is as large as its largest state, and hyper's is kilobytes.
    Box::pin(serve_http(tcp, peer, router, limits, stopping, accepted)).await;
}

/// Serves HTTP on a connection that has begun to send.
async fn serve_http(
    tcp: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
    accepted: Instant,
) {
    let (phase, mut changed) = watch::channel(Phase::Idle(accepted));
    let phase = Arc::new(phase);
    let io = TokioIo::new(Watched {
        tcp,
        phase: Arc::clone(&phase),
    });
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        phase.send_replace(Phase::Answering);
        let answer = hyper::service::Service::call(&TowerToHyperService::new(router.clone()), request);
        let phase = Arc::clone(&phase);
        async move {
            let response = answer.await?;
            Ok::<_, std::convert::Infallible>(response.map(|body| Body::new(Answer { body, phase })))
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        // Our own deadlines replace hyper's header timer (see the module comment).
        .header_read_timeout(None)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut stopped = *stopping.borrow();
    if stopped {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        let deadline = changed.borrow_and_update().deadline(limits);
        tokio::select! {
            _ = connection.as_mut() => return,
            () = sleep_until(deadline) => {
                if changed.borrow().deadline(limits).is_some_and(|d| d <= Instant::now()) {
                    // Dropping the connection closes the socket.
                    return;
                }
            }
            _ = changed.changed() => {}
            result = stopping.changed(), if !stopped => {
                stopped = true;
                if result.is_ok() {
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// The socket, noting when a request begins to arrive.
struct Watched {
    tcp: TcpStream,
    phase: Arc<watch::Sender<Phase>>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let read = Pin::new(&mut this.tcp).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.phase.send_if_modified(|phase| match *phase {
                Phase::Idle(_) => {
                    *phase = Phase::Head(Instant::now());
                    true
                }
                _ => false,
            });
        }
        read
    }
}

impl Watched {
    /// Bytes went out: the answer (or the tail of one already handed over) is moving.
    fn wrote(&self, written: &Poll<std::io::Result<usize>>) {
        if !matches!(written, Poll::Ready(Ok(n)) if *n > 0) {
            return;
        }
        self.phase.send_if_modified(|phase| match *phase {
            Phase::Answering | Phase::Sending(_) => {
                *phase = Phase::Sending(Instant::now());
                true
            }
            // The last chunk is still draining after its body ended: the idle wait starts
            // once it is out, so a slow link is not cut off mid-file.
            Phase::Idle(_) => {
                *phase = Phase::Idle(Instant::now());
                true
            }
            // A pipelined request's head has its own deadline.
            Phase::Head(_) => false,
        });
    }
}

impl AsyncWrite for Watched {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.tcp).poll_write(cx, buf);
        this.wrote(&written);
        written
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.tcp).poll_write_vectored(cx, bufs);
        this.wrote(&written);
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }
}

/// An answer's body, noting when it has been handed over whole (or dropped): from then on
/// the connection waits for its next request.
struct Answer {
    body: Body,
    phase: Arc<watch::Sender<Phase>>,
}

impl Answer {
    fn done(&self) {
        self.phase.send_if_modified(|phase| match *phase {
            Phase::Answering | Phase::Sending(_) => {
                *phase = Phase::Idle(Instant::now());
                true
            }
            _ => false,
        });
    }
}

impl http_body::Body for Answer {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.get_mut();
        let frame = Pin::new(&mut this.body).poll_frame(cx);
        if matches!(frame, Poll::Ready(None)) {
            this.done();
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Answer {
    fn drop(&mut self) {
        self.done();
    }
}
