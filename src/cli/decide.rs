//! `comments approve|reject|spam ID…` and `comments erase --author NAME`.

use anyhow::bail;

use super::output::{self, Out};
use super::session::Context;
use crate::domain::{CommentId, CommentStatus};

/// Decides every listed comment in one transaction. Unknown ids stop everything before any
/// change; comments someone else decided first are reported and left alone.
pub fn decide(ctx: &Context, ids: &[CommentId], status: CommentStatus) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        let c = store.comment(*id)?;
        items.push((c.id, c.version));
    }
    let outcome = store.decide_many(&user, &items, status, ctx.now())?;
    let mut out = Out::new();
    for d in &outcome.decided {
        out.line(&format!("Comment {} {}.", d.id, d.status))?;
    }
    if !outcome.skipped.is_empty() {
        let mut reasons = Vec::new();
        for id in &outcome.skipped {
            let c = store.comment(*id)?;
            let by = c.decided_by.unwrap_or_else(|| "someone".into());
            reasons.push(format!("comment {id} was already {} by {by}", c.status));
        }
        bail!(
            "{}; nothing else was changed for them.",
            output::capitalise(&reasons.join("; "))
        );
    }
    Ok(())
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
