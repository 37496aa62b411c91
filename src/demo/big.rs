//! A big generated sample: `demo --articles N --comments M`. One thread makes and folds
//! the text while this one writes it, in large transactions. Into a new store the indexes,
//! text indexes and counts are built once at the end (`store/fast_load.rs`).

use std::ops::ControlFlow;
use std::sync::mpsc;

use jiff::{SignedDuration, Timestamp};

use super::generate::{self, People, Target};
use super::rng::Rng;
use super::{DemoError, DemoOutcome};
use crate::domain::{Role, User};
use crate::store::{FinishStep, PreparedArticle, PreparedComment, Store};

const ARTICLE_BATCH: usize = 2_000;
const COMMENT_BATCH: usize = 25_000;
/// Batches made ahead of the writer: enough to keep it busy, little enough to stay small.
const AHEAD: usize = 2;
/// Page cache while writing, in MiB.
const CACHE_MIB: u32 = 256;

/// A busy city site publishes about a hundred articles a day; a small sample still spans a
/// month, so most of it is old enough to be published and commented on.
const SPACING: SignedDuration = SignedDuration::from_mins(15);
const SHORTEST_SPAN: SignedDuration = SignedDuration::from_hours(30 * 24);

/// Where a big load is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Articles {
        done: u64,
        total: u64,
    },
    Comments {
        done: u64,
        total: u64,
    },
    /// Rows are in; a new store's indexes and counts are being built.
    Finishing(FinishStep),
}

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct BigSize {
    pub articles: u64,
    pub comments: u64,
}

/// `load_generated` into a store with no articles or comments yet, that nobody else uses
/// and that is thrown away if this fails: it is written without a journal, its indexes and
/// counts built at the end. The result is the store `load_generated` would have made.
pub fn create_generated(
    store: &mut Store,
    actor: &User,
    size: BigSize,
    zone: &str,
    now: Timestamp,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<DemoOutcome, DemoError> {
    actor.role.check(crate::domain::Operation::LoadDemo)?;
    let load = store.begin_fast_load()?;
    let outcome = load_generated(store, actor, size, zone, now, progress)?;
    store.finish_fast_load(load, &mut |step| {
        let _ = progress(Progress::Finishing(step));
    })?;
    Ok(outcome)
}

/// Writes `size` generated articles and comments as `actor` (an admin), after the sample's
/// users. Each run adds more; the same store state gives the same text. `progress` may
/// stop the load between batches (what is written stays).
pub fn load_generated(
    store: &mut Store,
    actor: &User,
    size: BigSize,
    zone: &str,
    now: Timestamp,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<DemoOutcome, DemoError> {
    actor.role.check(crate::domain::Operation::LoadDemo)?;
    let demo = super::parse_demo()?;
    let users = super::add_users(store, actor, &demo.users, now)?;
    let logins = |role: Role| -> Vec<String> {
        demo.users
            .iter()
            .filter(|u| u.role == role.as_str())
            .map(|u| u.login.clone())
            .collect()
    };
    let people = People {
        reporters: logins(Role::Reporter),
        editors: logins(Role::Editor),
    };
    if people.reporters.is_empty() || people.editors.is_empty() {
        return Err(DemoError::Broken("the sample has no reporters or editors".into()));
    }
    let first = store.last_article_id()? as u64 + 1;
    store.set_bulk_cache(Some(CACHE_MIB))?;
    let written = write_all(store, actor, size, zone, now, first, &people, progress);
    store.set_bulk_cache(None)?;
    let (articles, comments) = written?;
    Ok(DemoOutcome::Loaded {
        users,
        articles,
        comments,
    })
}

#[allow(clippy::too_many_arguments)]
fn write_all(
    store: &mut Store,
    actor: &User,
    size: BigSize,
    zone: &str,
    now: Timestamp,
    first: u64,
    people: &People,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<(usize, usize), DemoError> {
    let n = size.articles;
    let span = (SPACING.as_secs() * n as i64).max(SHORTEST_SPAN.as_secs());
    let step = span / n.max(1) as i64;
    let (tx, rx) = mpsc::sync_channel::<Result<Vec<PreparedArticle>, DemoError>>(AHEAD);
    let mut targets = Vec::new();
    let mut written = 0u64;
    std::thread::scope(|s| -> Result<(), DemoError> {
        s.spawn(move || {
            let mut rng = Rng::new(0x6e65_7773_726f_6f6d ^ first);
            let mut batch = Vec::with_capacity(ARTICLE_BATCH);
            for i in 0..n {
                let offset = step * i as i64 + rng.range(0, step.max(1) as u64) as i64;
                let created = now - SignedDuration::from_secs(span - offset);
                let seed = generate::article(&mut rng, first + i, created.min(now), now, people);
                match PreparedArticle::new(seed) {
                    Ok(p) => batch.push(p),
                    Err(e) => {
                        let _ = tx.send(Err(e.into()));
                        return;
                    }
                }
                if (batch.len() == ARTICLE_BATCH || i + 1 == n)
                    && tx.send(Ok(std::mem::take(&mut batch))).is_err()
                {
                    return;
                }
            }
        });
        for batch in rx {
            let batch = batch?;
            let ids = store.bulk_articles(actor, &batch, zone, now)?;
            targets.extend(
                ids.iter()
                    .zip(&batch)
                    .filter_map(|(&id, a)| a.published_at().map(|published_at| Target { id, published_at })),
            );
            written += ids.len() as u64;
            if progress(Progress::Articles {
                done: written,
                total: n,
            })
            .is_break()
            {
                return Err(DemoError::Stopped);
            }
        }
        Ok(())
    })?;
    let m = if targets.is_empty() { 0 } else { size.comments };
    let (tx, rx) = mpsc::sync_channel::<Vec<PreparedComment>>(AHEAD);
    let mut added = 0u64;
    let targets = &targets;
    std::thread::scope(|s| -> Result<(), DemoError> {
        s.spawn(move || {
            let mut rng = Rng::new(0x636f_6d6d_656e_7473 ^ first);
            let mut batch = Vec::with_capacity(COMMENT_BATCH);
            for j in 0..m {
                // Half go anywhere, half crowd onto the newest articles, as readers do.
                let u = rng.unit();
                let skew = if rng.chance(0.5) { u } else { 1.0 - u * u * u };
                let at = ((targets.len() as f64 * skew) as usize).min(targets.len() - 1);
                let (new, outcome) = generate::comment(&mut rng, targets[at], now, &people.editors);
                batch.push(PreparedComment::new(new, outcome));
                if (batch.len() == COMMENT_BATCH || j + 1 == m)
                    && tx.send(std::mem::take(&mut batch)).is_err()
                {
                    return;
                }
            }
        });
        for batch in rx {
            added += store.bulk_comments(actor, &batch, now)? as u64;
            if progress(Progress::Comments {
                done: added,
                total: m,
            })
            .is_break()
            {
                return Err(DemoError::Stopped);
            }
        }
        Ok(())
    })?;
    Ok((written as usize, added as usize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CommentStatus, Login, Status};

    fn loaded(articles: u64, comments: u64) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let now = crate::testing::now();
        let admin = store.init_admin(&Login::parse("root").unwrap(), now).unwrap();
        let size = BigSize { articles, comments };
        let mut seen = Vec::new();
        let outcome = load_generated(&mut store, &admin, size, "Asia/Ho_Chi_Minh", now, &mut |p| {
            seen.push(p);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert!(
            matches!(outcome, DemoOutcome::Loaded { articles: a, comments: c, .. } if a as u64 == articles && c as u64 == comments)
        );
        assert_eq!(
            seen.last(),
            Some(&Progress::Comments {
                done: comments,
                total: comments
            })
        );
        store
    }

    #[test]
    fn a_generated_sample_has_every_status_state_and_rule() {
        let store = loaded(400, 4_000);
        let (total, _) = (store.article_count(None).unwrap(), ());
        assert_eq!(total, 400);
        for status in Status::ALL {
            assert!(
                store.article_count(Some(status)).unwrap() > 0,
                "no {status} article"
            );
        }
        let counts = store.comment_counts_for_tests().unwrap();
        for status in [
            CommentStatus::Pending,
            CommentStatus::Approved,
            CommentStatus::Rejected,
            CommentStatus::Spam,
        ] {
            assert!(
                counts.iter().any(|(s, _, n)| s == status.as_str() && *n > 0),
                "no {status:?}: {counts:?}"
            );
        }
        for rule in ["links", "first_time", "repeat", "banned_word", "suspect_word"] {
            assert!(
                counts
                    .iter()
                    .any(|(_, r, n)| r.as_deref() == Some(rule) && *n > 0),
                "no {rule}: {counts:?}"
            );
        }
        let a = store.article(200).unwrap();
        let words = a.body.split_whitespace().count();
        assert!((80..3_000).contains(&words), "{words} words");
        assert!(a.body.contains("\n\n"));
    }

    #[test]
    fn the_same_store_gets_the_same_sample() {
        let one = loaded(30, 100);
        let two = loaded(30, 100);
        assert_eq!(one.article(17).unwrap().body, two.article(17).unwrap().body);
        assert_ne!(one.article(17).unwrap().body, one.article(18).unwrap().body);
    }
}
