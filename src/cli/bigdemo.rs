//! `demo --articles N --comments M`: the generated sample, with a progress bar on a
//! terminal and nothing extra when stderr is piped.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::demo::{self, BigSize, DemoOutcome, Progress};
use crate::domain::User;
use crate::store::Store;

use super::session::Context;

/// Articles default to a tenth of the comments (and comments to ten per article), the
/// ratio of a busy city site.
pub fn load(
    ctx: &Context,
    store: &mut Store,
    actor: &User,
    articles: Option<usize>,
    comments: Option<usize>,
) -> anyhow::Result<DemoOutcome> {
    let articles = articles.unwrap_or_else(|| comments.unwrap_or(0).div_ceil(10).max(1)) as u64;
    let comments = comments.unwrap_or(articles as usize * 10) as u64;
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(articles)
    } else {
        ProgressBar::hidden()
    };
    let style = ProgressStyle::with_template("{msg:9} {wide_bar} {human_pos}/{human_len} {per_sec} ~{eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("articles");
    let mut phase_comments = false;
    let mut progress = |p: Progress| match p {
        Progress::Articles { done, .. } => bar.set_position(done),
        Progress::Comments { done, total } => {
            if !phase_comments {
                phase_comments = true;
                bar.reset();
                bar.set_length(total);
                bar.set_message("comments");
            }
            bar.set_position(done);
        }
    };
    let size = BigSize { articles, comments };
    let outcome = demo::load_generated(store, actor, size, ctx.zone_name(), ctx.now(), &mut progress);
    bar.finish_and_clear();
    Ok(outcome?)
}
