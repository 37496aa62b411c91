//! `demo --articles N --comments M`: the generated sample, with a progress bar on a
//! terminal and nothing extra when stderr is piped.
//!
//! Into a store that does not exist yet, the store is built under a temporary name beside
//! it (`<name>.loading-<pid>`), without a journal, and moved into place only when complete:
//! a run that fails or is stopped leaves no store at all. Into an existing store the rows go
//! in through the ordinary path, each batch its own transaction, every trigger and index
//! kept up as it goes (slower, but the store stays usable while it fills).

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressStyle};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::demo::{self, BigSize, DemoError, DemoOutcome, Progress};
use crate::domain::{Login, User};
use crate::store::{FinishStep, OpenMode, Store};

use super::session::Context;

/// Articles default to a tenth of the comments (and comments to ten per article), the
/// ratio of a busy city site.
fn size(articles: Option<usize>, comments: Option<usize>) -> BigSize {
    let articles = articles.unwrap_or_else(|| comments.unwrap_or(0).div_ceil(10).max(1)) as u64;
    let comments = comments.map_or(articles * 10, |c| c as u64);
    BigSize { articles, comments }
}

/// Whether `demo` makes a new store here (nothing at the path, not even a broken link).
pub fn is_new(ctx: &Context) -> bool {
    std::fs::symlink_metadata(&ctx.db).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
}

/// Adds the sample to an existing store, batch by batch.
pub fn load(
    ctx: &Context,
    store: &mut Store,
    actor: &User,
    articles: Option<usize>,
    comments: Option<usize>,
) -> anyhow::Result<DemoOutcome> {
    let size = size(articles, comments);
    let bar = Bar::new(size.articles);
    let mut progress = |p| {
        bar.show(p);
        ControlFlow::Continue(())
    };
    let outcome = demo::load_generated(store, actor, size, ctx.zone_name(), ctx.now(), &mut progress);
    bar.done();
    Ok(outcome?)
}

/// Makes a new store at `ctx.db` holding the sample, with `login` as its admin.
pub fn create(
    ctx: &Context,
    login: &Login,
    articles: Option<usize>,
    comments: Option<usize>,
) -> anyhow::Result<DemoOutcome> {
    ctx.make_data_folder()?;
    let loading = loading_path(&ctx.db);
    let stop = Arc::new(AtomicBool::new(false));
    let mut handlers = Vec::new();
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // The first signal stops the load at the next batch and removes the file; a second
        // one ends the process at once.
        handlers.push(signal_hook::flag::register_conditional_shutdown(
            signal,
            130,
            Arc::clone(&stop),
        )?);
        handlers.push(signal_hook::flag::register(signal, Arc::clone(&stop))?);
    }
    let built = build(ctx, &loading, login, size(articles, comments), &stop);
    for id in handlers {
        signal_hook::low_level::unregister(id);
    }
    let moved = built.and_then(|outcome| {
        // Written without a journal and never synced: it goes to the disk here, before it
        // takes the store's name, so a power cut cannot leave a store with holes under
        // that name. No connection to it is open any more, so opening it cannot cost
        // SQLite a lock.
        std::fs::File::open(&loading)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("Cannot write the new store to the disk at {}: check the free space.", loading.display()))?;
        // A link, not a rename: it never replaces a store someone made meanwhile.
        match std::fs::hard_link(&loading, &ctx.db) {
            Ok(()) => {
                // The new name, too, survives a power cut (best effort: the store is whole).
                if let Some(folder) = ctx.db.parent() {
                    let _ = std::fs::File::open(folder).and_then(|d| d.sync_all());
                }
                Ok(outcome)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                "{} appeared while the sample was being made, so it was left as it was and the sample was thrown away: run `newsroom demo` again to add to it.",
                ctx.db.display()
            ),
            Err(e) => Err(e).with_context(|| {
                format!("Cannot put the new store at {}: check the folder's permissions.", ctx.db.display())
            }),
        }
    });
    remove_store_files(&loading);
    moved
}

fn build(
    ctx: &Context,
    loading: &Path,
    login: &Login,
    size: BigSize,
    stop: &AtomicBool,
) -> anyhow::Result<DemoOutcome> {
    // A file by this name is left from a load killed while it ran under this process id.
    remove_store_files(loading);
    let mut store = Store::open(loading, OpenMode::CreateIfMissing)?;
    let actor = store.init_admin(login, ctx.now())?;
    let bar = Bar::new(size.articles);
    let mut progress = |p| {
        bar.show(p);
        if stop.load(Ordering::Relaxed) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let outcome = demo::create_generated(
        &mut store,
        &actor,
        size,
        ctx.zone_name(),
        ctx.now(),
        &mut progress,
    );
    bar.done();
    // A signal while the indexes were being built stops the store from being kept, too.
    if matches!(outcome, Err(DemoError::Stopped)) || stop.load(Ordering::Relaxed) {
        bail!(
            "Stopped before the end: no store was made at {}; run the command again to make it.",
            ctx.db.display()
        );
    }
    Ok(outcome?)
}

/// `<name>.loading-<pid>` in the store's own folder, so moving it into place is a link on
/// the same file system.
fn loading_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(format!(".loading-{}", std::process::id()));
    PathBuf::from(name)
}

fn remove_store_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// The progress bar: articles, then comments, then a spinner while a new store's indexes
/// are built. Hidden when stderr is not a terminal.
struct Bar {
    bar: ProgressBar,
    phase: std::cell::Cell<u8>,
}

impl Bar {
    fn new(articles: u64) -> Bar {
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::new(articles)
        } else {
            ProgressBar::hidden()
        };
        let style =
            ProgressStyle::with_template("{msg:9} {wide_bar} {human_pos}/{human_len} {per_sec} ~{eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message("articles");
        Bar {
            bar,
            phase: std::cell::Cell::new(0),
        }
    }

    fn show(&self, p: Progress) {
        match p {
            Progress::Articles { done, .. } => self.bar.set_position(done),
            Progress::Comments { done, total } => {
                if self.phase.replace(1) != 1 {
                    self.bar.reset();
                    self.bar.set_length(total);
                    self.bar.set_message("comments");
                }
                self.bar.set_position(done);
            }
            Progress::Finishing(step) => {
                if self.phase.replace(2) != 2 {
                    let style = ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner());
                    self.bar.set_style(style);
                    self.bar.enable_steady_tick(Duration::from_millis(200));
                }
                self.bar.set_message(match step {
                    FinishStep::Indexes => "building the indexes",
                    FinishStep::ArticleSearch => "indexing the articles for search",
                    FinishStep::Counts => "counting the queue",
                    FinishStep::CommentSearch => "indexing the comments for search",
                    FinishStep::Optimize => "merging the search indexes",
                });
            }
        }
    }

    fn done(&self) {
        self.bar.finish_and_clear();
    }
}
