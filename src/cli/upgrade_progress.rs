//! A progress bar for a long migration (migration 11 on a big store takes minutes), drawn
//! on stderr when it is a terminal; nothing at all when it is not.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::store::Progress;

/// What `Store::open_reporting` calls as a migration goes.
pub fn reporter() -> impl FnMut(Progress) {
    let mut bar: Option<ProgressBar> = None;
    let terminal = std::io::stderr().is_terminal();
    move |progress| {
        if !terminal {
            return;
        }
        match progress {
            Progress::Indexing { done, total } => {
                let bar = bar.get_or_insert_with(|| {
                    let style = ProgressStyle::with_template(
                        "Upgrading the store: indexing {bar:30} {pos}/{len} rows ({eta} left)",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(style)
                });
                bar.set_position(done);
            }
            Progress::Compacting => {
                if let Some(bar) = bar.take() {
                    bar.finish_and_clear();
                }
                eprintln!("Upgrading the store: giving the freed room back to the disk…");
            }
            Progress::Done => {
                if let Some(bar) = bar.take() {
                    bar.finish_and_clear();
                }
            }
        }
    }
}
