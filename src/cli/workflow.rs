//! `article submit|publish|unschedule|unpublish|spike|unspike|delete|schedule|slug|edit`
//! and `schedule run-due|list`: the workflow from the command line, under the same rules
//! the TUI obeys (the library checks them).

use std::path::PathBuf;

use anyhow::bail;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{Listing, Out};
use super::session::Context;
use crate::clock::stamp;
use crate::domain::{ArticleId, ArticleText, Transition, parse_schedule};
use crate::store::{DueOutcome, SaveRequest, SlugSource};
use crate::text::sanitize;

#[derive(Debug, Args)]
pub struct IdArgs {
    /// The article's id (see `newsroom article list`).
    pub id: ArticleId,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The article's id.
    pub id: ArticleId,
    /// Confirms the deletion: a deleted draft is gone (the audit log keeps its title).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The article's id.
    pub id: ArticleId,
    /// The wall time it goes live, as "HH:MM dd/mm/yyyy".
    #[arg(long, value_name = "HH:MM dd/mm/yyyy")]
    pub at: String,
    /// The time zone of --at (default: the config file's zone, else Asia/Ho_Chi_Minh).
    #[arg(long)]
    pub zone: Option<String>,
}

#[derive(Debug, Args)]
pub struct SlugArgs {
    /// The article, by id or slug (an old slug works too).
    pub id: ArticleId,
    /// The new slug; the old one keeps leading to the article once it has been live.
    pub slug: String,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The article, by id or slug (an old slug works too).
    pub id: ArticleId,
    /// A new headline.
    #[arg(long)]
    pub title: Option<String>,
    /// A new lead paragraph.
    #[arg(long)]
    pub lead: Option<String>,
    /// A UTF-8 Markdown file with the new body.
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// A new byline.
    #[arg(long)]
    pub byline: Option<String>,
    /// A new source prefix, e.g. HNP.
    #[arg(long)]
    pub dateline: Option<String>,
    /// What changed, in one line: required to correct a published article.
    #[arg(long)]
    pub note: Option<String>,
    /// Refuse the edit unless the article is still at this version (from `article show --json`).
    #[arg(long, value_name = "N")]
    pub version: Option<i64>,
}

/// One workflow move on one article.
pub fn apply(ctx: &Context, id: ArticleId, transition: Transition) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let to = store.transition(&user, id, transition, ctx.config().workflow, ctx.now())?;
    // Scripts already match this sentence for publishing.
    if transition == Transition::Publish {
        return Out::new().line(&format!("Published article {id}."));
    }
    Out::new().line(&format!("Article {id} is now {to}."))
}

pub fn delete(ctx: &Context, args: &DeleteArgs) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let article = store.article(args.id)?;
    if !args.yes {
        bail!(
            "Deleting draft {} ({:?}) cannot be undone: pass --yes to delete it, or spike it instead.",
            args.id,
            sanitize(&article.title).text
        );
    }
    store.delete_draft(&user, args.id, ctx.now())?;
    Out::new().line(&format!("Deleted draft {}.", args.id))
}

pub fn schedule(ctx: &Context, args: &ScheduleArgs) -> anyhow::Result<()> {
    let zone = args.zone.as_deref().unwrap_or(ctx.zone_name());
    let schedule = parse_schedule(&args.at, zone, ctx.now())
        .map_err(|e| anyhow::anyhow!("{}.", super::output::capitalise(&e.to_string())))?;
    let (mut store, user) = ctx.open_as_user()?;
    store.schedule(&user, args.id, &schedule, ctx.config().workflow, ctx.now())?;
    Out::new().line(&format!(
        "Article {} goes live at {} ({}).",
        args.id,
        stamp(schedule.at, &ctx.zone()),
        ctx.zone_name()
    ))
}

pub fn slug(ctx: &Context, args: &SlugArgs) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let slug = store.change_slug(&user, args.id, &args.slug, ctx.now())?;
    Out::new().line(&format!("Article {} is now at {slug}.", args.id))
}

pub fn edit(ctx: &Context, args: &EditArgs) -> anyhow::Result<()> {
    let body = match &args.body_file {
        Some(path) => Some(super::articles::read_body(path)?),
        None => None,
    };
    let (mut store, user) = ctx.open_as_user()?;
    let article = store.article(args.id)?;
    if let Some(expected) = args.version
        && expected != article.version
    {
        bail!(
            "Article {} is at version {}, not {expected}: someone saved it since; read it again with `newsroom article show {}`.",
            args.id,
            article.version,
            args.id
        );
    }
    let current = article.text();
    let text = ArticleText {
        title: args.title.clone().unwrap_or(current.title),
        lead: args.lead.clone().unwrap_or(current.lead),
        body: body.unwrap_or(current.body),
        byline: args.byline.clone().unwrap_or(current.byline),
        dateline: args.dateline.clone().unwrap_or(current.dateline),
        slug: current.slug,
    };
    let session = format!("cli-{}", std::process::id());
    let request = SaveRequest {
        article: args.id,
        base_version: article.version,
        session: &session,
        slug: SlugSource::Chosen,
        reason: "edited from the command line",
        note: args.note.as_deref(),
    };
    let (version, _) = store.save_article(&user, &text, request, ctx.now())?;
    Out::new().line(&format!("Saved article {} (version {version}).", args.id))
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Publish every article whose time has come (for cron or a systemd timer).
    RunDue,
    /// The scheduled articles, soonest first.
    List {
        /// Print JSON instead of text (the field names are stable for scripts).
        #[arg(long)]
        json: bool,
    },
}

pub fn run_schedule(ctx: &Context, cmd: &ScheduleCommand) -> anyhow::Result<()> {
    match cmd {
        ScheduleCommand::RunDue => run_due(ctx),
        ScheduleCommand::List { json } => list(ctx, *json),
    }
}

fn run_due(ctx: &Context) -> anyhow::Result<()> {
    let mut store = ctx.open(crate::store::OpenMode::MustExist)?;
    let outcomes = store.run_due(ctx.now())?;
    let mut out = Out::new();
    if outcomes.is_empty() {
        return out.line("Nothing is due.");
    }
    for outcome in outcomes {
        let line = match outcome {
            DueOutcome::Published { id, late_minutes: 0 } => format!("Published article {id}."),
            DueOutcome::Published { id, late_minutes } => {
                format!("Published article {id}, {late_minutes} min late.")
            }
            DueOutcome::Held { id, reason } => format!("Held article {id}: {reason}."),
        };
        out.line(&line)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Scheduled<'a> {
    id: ArticleId,
    slug: &'a str,
    title: &'a str,
    author: &'a str,
    scheduled_at: Option<jiff::Timestamp>,
    zone: &'a str,
    scheduled_wall: &'a str,
    held_because: &'a str,
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let (store, _user) = ctx.read_as_user()?;
    let zone = ctx.zone();
    let mut listing = Listing::new(json)?;
    let mut after = None;
    loop {
        let page = store.scheduled_page(after, 100)?;
        let Some(last) = page.last() else { break };
        after = Some(last.0);
        for (_, id) in &page {
            let a = store.article(*id)?;
            let item = Scheduled {
                id: a.id,
                slug: &a.slug,
                title: &a.title,
                author: &a.author,
                scheduled_at: a.scheduled_at,
                zone: &a.zone,
                scheduled_wall: &a.scheduled_wall,
                held_because: &a.held_because,
            };
            listing.item(&item, || {
                let when = a.scheduled_at.map(|t| stamp(t, &zone)).unwrap_or_default();
                let held = if a.held_because.is_empty() {
                    String::new()
                } else {
                    format!("  (held: {})", a.held_because)
                };
                format!(
                    "{:>6}  {when}  {:<12} {}{held}",
                    a.id,
                    a.author,
                    sanitize(&a.title).text.replace('\n', " ")
                )
            })?;
        }
    }
    listing.finish()
}
