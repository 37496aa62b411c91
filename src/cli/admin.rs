//! Store-wide commands: init, demo, audit, backup.

use std::path::PathBuf;

use clap::Args;

use super::output::{Listing, Out};
use super::session::Context;
use crate::clock::stamp;
use crate::demo::{self, DemoOutcome, DemoSize};
use crate::domain::{Login, Operation};
use crate::store::{OpenMode, StoreError};
use crate::text::sanitize_line;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Generate this many articles of made-up news instead of loading the small sample.
    #[arg(long)]
    articles: Option<usize>,
    /// Generate this many reader comments on them (default: ten per article).
    #[arg(long)]
    comments: Option<usize>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// At most this many entries.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON instead of text (the field names are stable for scripts).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// A new file to write the copy to.
    file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the outcome as JSON.
    #[arg(long)]
    json: bool,
}

/// The whole file checked (`PRAGMA integrity_check`); a sound store may be written again.
pub fn doctor(ctx: &Context, args: &DoctorArgs) -> anyhow::Result<()> {
    let store = ctx.open(OpenMode::MustExist)?;
    let cleared = store.full_check_and_clear()?;
    if args.json {
        let outcome = serde_json::json!({
            "store": ctx.db.display().to_string(),
            "ok": true,
            "writes_allowed_again": cleared,
        });
        return Out::new().line(&outcome.to_string());
    }
    let mut line = format!("The store {} is sound", ctx.db.display());
    line.push_str(if cleared {
        ": the damage on record is gone, so writes are allowed again."
    } else {
        "."
    });
    Out::new().line(&line)
}

pub fn init(ctx: &Context) -> anyhow::Result<()> {
    let login = Login::parse(&ctx.login)?;
    let mut store = ctx.open(OpenMode::Init)?;
    store.quick_check()?;
    store.init_admin(&login, ctx.now())?;
    Out::new().line(&format!(
        "Created the store {} with {login} as its admin.",
        ctx.db.display()
    ))
}

/// Loads the sample into the store, creating the store (with you as admin) if needed.
pub fn demo(ctx: &Context, args: &DemoArgs) -> anyhow::Result<()> {
    let login = Login::parse(&ctx.login)?;
    let big = args.articles.is_some() || args.comments.is_some();
    let outcome = if big && super::bigdemo::is_new(ctx) {
        super::bigdemo::create(ctx, &login, args.articles, args.comments)?
    } else {
        demo_into(ctx, &login, args)?
    };
    let message = match outcome {
        DemoOutcome::Loaded {
            users,
            articles,
            comments,
        } => format!(
            "Added {users} users, {articles} articles and {comments} comments to {}; open it with `newsroom`.",
            ctx.db.display()
        ),
        DemoOutcome::AlreadyThere => {
            format!(
                "The demo content is already in {}; nothing was added.",
                ctx.db.display()
            )
        }
    };
    Out::new().line(&message)
}

/// Loads the sample through the ordinary path, creating the store if needed.
fn demo_into(ctx: &Context, login: &Login, args: &DemoArgs) -> anyhow::Result<DemoOutcome> {
    let mut store = ctx.open(OpenMode::CreateIfMissing)?;
    match store.init_admin(login, ctx.now()) {
        Ok(_) | Err(StoreError::AlreadySetUp { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let actor = store.active_user(login.as_str())?;
    if args.articles.is_some() || args.comments.is_some() {
        return super::bigdemo::load(ctx, &mut store, &actor, args.articles, args.comments);
    }
    Ok(demo::load_with_pictures(
        &mut store,
        &actor,
        DemoSize::default(),
        ctx.zone_name(),
        ctx.now(),
        &crate::media::dir_for(&ctx.db),
    )?)
}

pub fn audit(ctx: &Context, args: &AuditArgs) -> anyhow::Result<()> {
    let (store, user) = ctx.read_as_user()?;
    user.role.check(Operation::ReadAudit)?;
    let zone = ctx.zone();
    let mut listing = Listing::new(args.json)?;
    let mut before = None;
    let mut left = args.limit;
    while left > 0 {
        let page = store.audit_page(&user, before, left.min(200))?;
        let Some(last) = page.last() else { break };
        before = Some(last.id);
        left -= page.len();
        for row in &page {
            listing.item(row, || {
                let change = |v: &Option<serde_json::Value>| {
                    v.as_ref().map(ToString::to_string).unwrap_or_else(|| "-".into())
                };
                let line = format!(
                    "{}  {:<12} {:<18} {} {}  {} → {}",
                    stamp(row.at, &zone),
                    row.user,
                    row.action,
                    row.entity,
                    row.entity_id,
                    change(&row.before),
                    change(&row.after)
                );
                sanitize_line(&line).text
            })?;
        }
    }
    listing.finish()
}

pub fn backup(ctx: &Context, args: &BackupArgs) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    store.quick_check()?;
    store.backup_to(&user, &args.file, ctx.now())?;
    Out::new().line(&format!(
        "Backed up {} to {}.",
        ctx.db.display(),
        args.file.display()
    ))
}
