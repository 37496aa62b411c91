//! `comments approve|reject|spam ID…` and `comments erase --author NAME`.

use anyhow::bail;
use clap::Args;

use super::output::{self, Out};
use super::session::Context;
use crate::clock::stamp;
use crate::domain::{CommentId, CommentStatus};

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The comments' ids (see `newsroom comments list`).
    #[arg(required = true)]
    ids: Vec<CommentId>,
    /// Also change comments that were already decided (by you or another editor).
    #[arg(long)]
    change: bool,
}

/// Decides every listed comment in one transaction. Unknown ids stop everything before any
/// change. As in the TUI, a decision never silently replaces another: a comment already
/// decided, or decided by someone else meanwhile, is reported and left alone, unless
/// `--change` says that is what is meant.
pub fn decide(ctx: &Context, args: &DecideArgs, status: CommentStatus) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let mut items = Vec::with_capacity(args.ids.len());
    let mut left = Vec::new();
    for id in &args.ids {
        let c = store.comment(*id)?;
        if c.status == CommentStatus::Pending || args.change {
            items.push((c.id, c.version));
        } else {
            left.push(c.id);
        }
    }
    let outcome = store.decide_many(&user, &items, status, ctx.now())?;
    let mut out = Out::new();
    for d in &outcome.decided {
        out.line(&format!("Comment {} {}.", d.id, d.status))?;
    }
    if !outcome.decided.is_empty() {
        rebuild_site(ctx, &mut out)?;
    }
    left.extend(&outcome.skipped);
    if !left.is_empty() {
        let zone = ctx.zone();
        let mut reasons = Vec::new();
        for id in &left {
            let c = store.comment(*id)?;
            let by = c.decided_by.unwrap_or_else(|| "someone".into());
            let when = c
                .decided_at
                .map(|at| format!(" at {}", stamp(at, &zone)))
                .unwrap_or_default();
            reasons.push(format!("comment {id} was already {} by {by}{when}", c.status));
        }
        bail!(
            "{}; it was left as it is (pass --change to decide it again).",
            output::capitalise(&reasons.join("; "))
        );
    }
    Ok(())
}

/// With `[site] rebuild_on_change`, readers see the decision at once: the site is rebuilt
/// (only the pages that changed). The decision stands if the build fails; that is said on
/// stderr and the command still succeeds, since what it was asked to do is done.
fn rebuild_site(ctx: &Context, out: &mut Out) -> anyhow::Result<()> {
    let site = &ctx.config().site;
    let (true, Some(dir)) = (site.rebuild_on_change, site.out.as_deref()) else {
        return Ok(());
    };
    let settings = crate::app::site_rebuild::SiteSettings {
        db: ctx.db.clone(),
        site: site.clone(),
        zone: ctx.zone(),
    };
    match crate::app::site_rebuild::rebuild(&settings) {
        Ok(report) => out.line(&super::site::summary(&report, dir).replacen("Built", "Rebuilt", 1)),
        Err(e) => {
            eprintln!(
                "The decision is saved, but the site was not rebuilt: {}",
                output::sentence(&e)
            );
            Ok(())
        }
    }
}

pub fn erase(ctx: &Context, author: &str) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let n = store.erase_author(&user, author, ctx.now())?;
    if n == 0 {
        bail!("No comment is signed {author:?}: check the name with `newsroom comments list`.");
    }
    Out::new().line(&format!(
        "Erased the name, phone and address of {n} comments; their text stays."
    ))
}
