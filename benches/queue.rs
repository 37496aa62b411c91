//! The comment queue on a million comments: one decision plus one redraw (also with the
//! context view on), and one bulk decision of 10,000 marked comments.
//!
//! Run with `cargo bench --bench queue`. Targets: decide + redraw under 2 ms, a bulk decision
//! of 10,000 comments under 0.5 s, both on a file-backed (WAL) store of 1,000,000 comments.
//!
//! The first run loads the demo sample to 1,000,000 comments into `/tmp/newsroom-bench-1m.db`
//! (about 90 s on two cores); later runs reuse it (`NEWSROOM_BENCH_REBUILD=1` loads it again). Every
//! run works on a fresh copy, so the cache keeps its ~62% pending comments.
//!
//! After the decide + redraw benchmark, each store call that one decision makes is timed on
//! its own, to show which one dominates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::RefCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

mod common;

use common::{benchmarking, sidecars};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use newsroom::app::{Action, App, Tab};
use newsroom::demo::{self, DemoOutcome, DemoSize};
use newsroom::domain::{CommentId, CommentStatus, Login};
use newsroom::keymap::{Command, Keymap};
use newsroom::store::{CommentKey, OpenMode, Store};
use newsroom::ui::{Theme, list_rows};

const CACHE: &str = "/tmp/newsroom-bench-1m.db";
/// Seconds the cache took to load, written next to it.
const CACHE_LOAD_SECS: &str = "/tmp/newsroom-bench-1m.db.load-secs";
const COMMENTS: usize = 1_000_000;
const ARTICLES: usize = 20;
const BULK: usize = 10_000;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const MODERATOR: &str = "huong.tran";

/// The cached million-comment store, closed (its WAL checkpointed), loaded if need be
/// (at most once per run).
fn cached_store() -> &'static Path {
    static READY: OnceLock<&'static Path> = OnceLock::new();
    READY.get_or_init(prepare_cache)
}

fn prepare_cache() -> &'static Path {
    let path = Path::new(CACHE);
    let rebuild = std::env::var_os("NEWSROOM_BENCH_REBUILD").is_some();
    if !rebuild && path.exists() {
        let found = Store::open(path, OpenMode::MustExist).and_then(|s| s.comment_count(None));
        match found {
            Ok(n) if n >= COMMENTS as u64 => {
                let took = std::fs::read_to_string(CACHE_LOAD_SECS)
                    .ok()
                    .and_then(|s| s.trim().parse::<f64>().ok());
                match took {
                    Some(s) => println!("queue: reusing {CACHE} ({n} comments; its demo load took {s:.1} s)"),
                    None => println!("queue: reusing {CACHE} ({n} comments; load time not recorded)"),
                }
                return path;
            }
            other => println!("queue: {CACHE} is not usable ({other:?}); loading it again"),
        }
    }
    for p in std::iter::once(path.to_owned()).chain(sidecars(path)) {
        let _ = std::fs::remove_file(p);
    }
    let now = Timestamp::now();
    let started = Instant::now();
    let mut store = Store::open(path, OpenMode::CreateIfMissing).unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now).unwrap();
    let size = DemoSize {
        articles: Some(ARTICLES),
        comments: Some(COMMENTS),
    };
    let outcome = demo::load(&mut store, &admin, size, newsroom::clock::DEFAULT_ZONE, now).unwrap();
    let loaded = started.elapsed();
    // Closing the last connection checkpoints the WAL into the file, so copying the file
    // alone copies the store.
    drop(store);
    let closed = started.elapsed();
    assert!(
        matches!(outcome, DemoOutcome::Loaded { comments, .. } if comments == COMMENTS),
        "{outcome:?}"
    );
    std::fs::write(CACHE_LOAD_SECS, format!("{}\n", loaded.as_secs_f64())).unwrap();
    println!(
        "queue: demo load of {COMMENTS} comments took {:.1} s ({:.1} s with the closing checkpoint)",
        loaded.as_secs_f64(),
        closed.as_secs_f64()
    );
    path
}

/// A private copy of the cached store in `dir`.
fn fresh_copy(dir: &Path) -> PathBuf {
    let from = cached_store();
    let to = dir.join("newsroom.db");
    std::fs::copy(from, &to).unwrap();
    // Only there if a run died with the cache open; copied so the copy is whole.
    for (a, b) in sidecars(from).iter().zip(sidecars(&to)) {
        if a.exists() {
            std::fs::copy(a, b).unwrap();
        }
    }
    to
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Runs `f` `n` times; the median, fastest and slowest run.
fn timed(n: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    let mut runs: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    runs.sort();
    (runs[n / 2], runs[0], runs[n - 1])
}

fn report(what: &str, (median, min, max): (Duration, Duration, Duration)) {
    println!(
        "queue:   {what:<44} median {:>11}  [{} .. {}]",
        ms(median),
        ms(min),
        ms(max)
    );
}

/// The one-off figures: the store's size, and opening it as a moderator's session would.
fn one_offs(_: &mut Criterion) {
    if !benchmarking() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_copy(dir.path());
    let bytes = std::fs::metadata(&db).unwrap().len();
    println!(
        "queue: store file {:.0} MiB ({bytes} bytes)",
        bytes as f64 / (1024.0 * 1024.0)
    );
    let started = Instant::now();
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let opened = started.elapsed();
    let counts = store.queue_counts().unwrap();
    let total = started.elapsed();
    println!(
        "queue: Store::open {} + queue_counts() {} = {} (page cache warm from the copy); counts {counts:?}",
        ms(opened),
        ms(total - opened),
        ms(total)
    );
}

fn decide_and_redraw(c: &mut Criterion) {
    if !benchmarking() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_copy(dir.path());
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let session = common::session_of(&store, MODERATOR);
    let mut app = App::new(store, session, list_rows(HEIGHT)).unwrap();
    let started = Instant::now();
    app.update(Action::Command(Command::ShowComments));
    println!("queue: opening the Comments tab took {}", ms(started.elapsed()));
    assert_eq!(app.tab, Tab::Comments);
    assert!(app.notice.is_none(), "{:?}", app.notice);
    let pending_before = app.queue.as_ref().unwrap().counts[0];
    let keymap = Keymap::default();
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal
        .draw(|f| newsroom::ui::draw(f, &app, &keymap, &theme))
        .unwrap();

    let mut group = c.benchmark_group("queue");
    // Each iteration decides one comment for good; flat sampling keeps their number near
    // what the measurement time allows even when an iteration is slow.
    group.sampling_mode(SamplingMode::Flat);
    // One approval and the frame that shows the next comment.
    let mut decide_and_draw = |app: &mut App| {
        app.update(Action::Command(Command::Approve));
        assert!(app.notice.is_none(), "{:?}", app.notice);
        terminal
            .draw(|f| newsroom::ui::draw(f, app, &keymap, &theme))
            .unwrap();
        black_box(terminal.backend());
    };
    group.bench_function("decide_and_redraw_1m", |b| b.iter(|| decide_and_draw(&mut app)));
    // The same with the context view on (`c`): every move also reads the comments around
    // the next one and its article's counts, on articles of 50,000 comments each.
    app.update(Action::Command(Command::ShowContext));
    assert!(app.queue.as_ref().is_some_and(|q| q.context));
    group.bench_function("decide_and_redraw_in_context_1m", |b| {
        b.iter(|| decide_and_draw(&mut app))
    });
    app.update(Action::Command(Command::ShowContext));
    group.finish();
    let queue = app.queue.as_ref().unwrap();
    let decided = pending_before - queue.counts[0];
    assert!(decided > 0, "the benchmark decided comments");
    println!("queue: decide_and_redraw_1m approved {decided} comments");

    breakdown(&db, &mut app, &mut terminal, &keymap, &theme);
}

/// Times, one by one, the calls a single Approve makes, on a second connection to the same
/// file (the app keeps its store to itself).
fn breakdown(db: &Path, app: &mut App, terminal: &mut Terminal<TestBackend>, keymap: &Keymap, theme: &Theme) {
    const RUNS: usize = 30;
    let queue = app.queue.as_ref().unwrap();
    let selected = queue.list.selected_row().unwrap().clone();
    let page = queue.list.page_size();
    let mut probe = Store::open(db, OpenMode::MustExist).unwrap();
    let editor = probe.active_user(MODERATOR).unwrap();
    println!("queue: one Approve, call by call ({RUNS} runs each, 1M comments):");
    // Decide comments from the far end of the queue, away from the app's page.
    let mut far: Vec<(CommentId, i64)> = probe
        .comment_rows_before(Some(CommentStatus::Pending), None, RUNS)
        .unwrap()
        .iter()
        .map(|c| (c.id, c.version))
        .collect();
    report(
        "store.decide (one transaction)",
        timed(RUNS, || {
            let (id, version) = far.pop().unwrap();
            black_box(
                probe
                    .decide(&editor, id, version, CommentStatus::Approved, Timestamp::now())
                    .unwrap(),
            );
        }),
    );
    report(
        "store.queue_counts (GROUP BY status)",
        timed(RUNS, || {
            black_box(probe.queue_counts().unwrap());
        }),
    );
    report(
        "store.comment_count(Some(Pending))",
        timed(RUNS, || {
            black_box(probe.comment_count(Some(CommentStatus::Pending)).unwrap());
        }),
    );
    let newest = probe.newest_comment_id().unwrap();
    report(
        "store.comments_newer_than (on every Tick)",
        timed(RUNS, || {
            black_box(probe.comments_newer_than(CommentStatus::Pending, newest).unwrap());
        }),
    );
    let key: CommentKey = selected.key();
    report(
        &format!("page reload (comment_rows_after, {} rows)", page + 1),
        timed(RUNS, || {
            black_box(
                probe
                    .comment_rows_after(Some(CommentStatus::Pending), Some(key), true, page + 1)
                    .unwrap(),
            );
        }),
    );
    report(
        "store.article (detail pane title)",
        timed(RUNS, || {
            black_box(probe.article(selected.article_id).unwrap());
        }),
    );
    let position = probe
        .comment_position(CommentStatus::Pending, None, None, selected.key())
        .unwrap();
    println!("queue:   (the selected comment stands at {position} in the pending queue)");
    report(
        "store.comment_position (the detail's \"12/47\")",
        timed(RUNS, || {
            black_box(
                probe
                    .comment_position(CommentStatus::Pending, None, None, selected.key())
                    .unwrap(),
            );
        }),
    );
    report(
        &format!("store.conversation (`c`, {page} each way)"),
        timed(RUNS, || {
            black_box(
                probe
                    .conversation(selected.article_id, selected.key(), page, page)
                    .unwrap(),
            );
        }),
    );
    // The authors of the comments on screen, in turn: each decision shows the next one's.
    let authors: Vec<(String, String)> = queue
        .list
        .rows
        .iter()
        .map(|c| (c.name.clone(), c.phone.clone()))
        .collect();
    let sizes: Vec<u64> = authors
        .iter()
        .map(|(name, phone)| {
            let h = probe.author_history(name, phone).unwrap();
            h.approved + h.rejected + h.spam + h.pending
        })
        .collect();
    let mut next = authors.iter().cycle();
    report(
        &format!(
            "store.author_history ({}..{} comments)",
            sizes.iter().min().unwrap(),
            sizes.iter().max().unwrap()
        ),
        timed(RUNS, || {
            let (name, phone) = next.next().unwrap();
            black_box(probe.author_history(name, phone).unwrap());
        }),
    );
    report(
        "ui::draw (120x40, Comments tab)",
        timed(RUNS, || {
            terminal
                .draw(|f| newsroom::ui::draw(f, app, keymap, theme))
                .unwrap();
        }),
    );
    report(
        "app.update(Approve) without drawing",
        timed(RUNS, || {
            app.update(Action::Command(Command::Approve));
        }),
    );
    app.update(Action::Command(Command::ShowContext));
    report(
        "ui::draw (120x40, context view)",
        timed(RUNS, || {
            terminal
                .draw(|f| newsroom::ui::draw(f, app, keymap, theme))
                .unwrap();
        }),
    );
    report(
        "app.update(Approve) in the context view",
        timed(RUNS, || {
            app.update(Action::Command(Command::Approve));
        }),
    );
    app.update(Action::Command(Command::ShowContext));
    assert!(app.notice.is_none(), "{:?}", app.notice);
}

fn decide_10k_marked(c: &mut Criterion) {
    if !benchmarking() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_copy(dir.path());
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let editor = store.active_user(MODERATOR).unwrap();
    let store = RefCell::new(store);

    let mut group = c.benchmark_group("queue");
    group.sample_size(10);
    // Every iteration spends 10,000 pending comments: flat sampling keeps it to a few dozen.
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("decide_10k_marked_1m", |b| {
        b.iter_batched(
            || {
                let marked: Vec<(CommentId, i64)> = store
                    .borrow()
                    .comments_page(Some(CommentStatus::Pending), None, BULK)
                    .unwrap()
                    .iter()
                    .map(|c| (c.id, c.version))
                    .collect();
                assert_eq!(marked.len(), BULK, "the copy ran out of pending comments");
                marked
            },
            |marked| {
                let outcome = store
                    .borrow_mut()
                    .decide_many(&editor, &marked, CommentStatus::Spam, Timestamp::now())
                    .unwrap();
                assert_eq!(outcome.decided.len(), BULK);
                outcome
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, one_offs, decide_and_redraw, decide_10k_marked);
criterion_main!(benches);
