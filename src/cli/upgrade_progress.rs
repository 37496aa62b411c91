//! A progress bar for a long migration (migrations 11 and 13 on a big store take minutes), drawn
//! on stderr when it is a terminal; nothing at all when it is not.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::store::Progress;

/// What `Store::open_reporting` calls as a migration goes.
pub fn reporter() -> impl FnMut(Progress) {
    // One bar per long step; an upgrade across several versions runs more than one.
    let mut bar: Option<(&'static str, ProgressBar)> = None;
    let terminal = std::io::stderr().is_terminal();
    move |progress| {
        if !terminal {
            return;
        }
        let (template, done, total) = match progress {
            Progress::Indexing { done, total } => (
                "Upgrading the store: indexing {bar:30} {pos}/{len} rows ({eta} left)",
                done,
                total,
            ),
            Progress::Packing { done, total } => (
                "Upgrading the store: packing old revisions {bar:30} {pos}/{len} ({eta} left)",
                done,
                total,
            ),
            Progress::Compacting | Progress::Done => {
                if let Some((_, bar)) = bar.take() {
                    bar.finish_and_clear();
                }
                if progress == Progress::Compacting {
                    eprintln!("Upgrading the store: giving the freed room back to the disk…");
                }
                return;
            }
        };
        if bar.as_ref().is_some_and(|(shown, _)| *shown != template)
            && let Some((_, old)) = bar.take()
        {
            old.finish_and_clear();
        }
        let (_, bar) = bar.get_or_insert_with(|| {
            let style =
                ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
            let bar =
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(style);
            (template, bar)
        });
        bar.set_position(done);
    }
}
