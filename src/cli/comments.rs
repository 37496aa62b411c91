use clap::{Args, Subcommand};
use jiff::Timestamp;
use serde::Serialize;

use super::output::Listing;
use super::paging;
use super::session::Context;
use crate::clock::stamp;
use crate::domain::{Comment, CommentStatus, Operation};
use crate::text::{sanitize, sanitize_line, truncate_to_width};

#[derive(Debug, Subcommand)]
pub enum CommentsCommand {
    /// List reader comments, oldest first (the order of the queue).
    List(ListArgs),
    /// Read comments from JSON Lines or CSV (with a header): article, name, phone, title,
    /// content, and optionally ip and submitted_at. Importing a file twice adds nothing twice.
    Import {
        /// The file: JSON Lines, or CSV with a header (named .csv, or not starting with `{`).
        file: std::path::PathBuf,
    },
    /// Approve comments (editors and admins).
    Approve(super::decide::DecideArgs),
    /// Reject comments.
    Reject(super::decide::DecideArgs),
    /// Mark comments as spam.
    Spam(super::decide::DecideArgs),
    /// Anonymise an author: name, phone and address go, the text stays.
    Erase {
        /// The author's name as their comments give it.
        #[arg(long)]
        author: String,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// pending, approved, rejected or spam (default: all).
    #[arg(long)]
    status: Option<String>,
    /// Print JSON instead of text (the field names are stable for scripts).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    page: super::paging::PageArgs,
}

/// A comment as scripts see it. Text is raw (escaped in the JSON); phone and address only
/// for those allowed to see personal data.
#[derive(Serialize)]
struct CommentJson<'a> {
    id: i64,
    article_id: i64,
    name: &'a str,
    title: &'a str,
    content: &'a str,
    status: CommentStatus,
    held_by_rule: Option<&'a str>,
    decided_by: Option<&'a str>,
    submitted_at: Timestamp,
    has_control_codes: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip: Option<&'a str>,
}

pub fn run(ctx: &Context, cmd: CommentsCommand) -> anyhow::Result<()> {
    match cmd {
        CommentsCommand::List(args) => list(ctx, &args),
        CommentsCommand::Import { file } => super::import::run(ctx, &file),
        CommentsCommand::Approve(args) => super::decide::decide(ctx, &args, CommentStatus::Approved),
        CommentsCommand::Reject(args) => super::decide::decide(ctx, &args, CommentStatus::Rejected),
        CommentsCommand::Spam(args) => super::decide::decide(ctx, &args, CommentStatus::Spam),
        CommentsCommand::Erase { author } => super::decide::erase(ctx, &author),
    }
}

fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<()> {
    let status: Option<CommentStatus> = args.status.as_deref().map(str::parse).transpose()?;
    let mut after = args
        .page
        .cursor("c")?
        .map(|c| (Timestamp::from_second(c.time).unwrap_or(Timestamp::MIN), c.id));
    let (store, user) = ctx.read_as_user()?;
    let personal = user.role.may(Operation::SeePersonalData);
    let zone = ctx.zone();
    let mut listing = Listing::new(args.json)?;
    let limit = args.page.limit();
    let mut shown = 0;
    let mut more = None;
    loop {
        let want = limit.map_or(paging::STREAM_CHUNK, |l| (l - shown).min(paging::STREAM_CHUNK));
        // One row more than is printed says whether a next page exists.
        let page = store.comments_page(status, after, want + 1)?;
        for c in page.iter().take(want) {
            let flagged = has_controls(c);
            listing.item(&as_json(c, personal, flagged), || plain(c, &zone, flagged))?;
            after = Some((c.submitted_at, c.id));
            shown += 1;
        }
        if page.len() <= want {
            break;
        }
        if limit.is_some_and(|l| shown >= l) {
            more = after;
            break;
        }
    }
    listing.finish()?;
    if let Some((at, id)) = more {
        let cursor = paging::encode(
            "c",
            paging::Cursor {
                time: at.as_second(),
                id,
            },
        );
        let mut command = "newsroom comments list".to_owned();
        if let Some(s) = &args.status {
            command.push_str(&format!(" --status {}", sanitize_line(s).text));
        }
        if args.json {
            command.push_str(" --json");
        }
        command.push_str(&args.page.limit_flag());
        paging::note_more(shown, ("comment", "comments"), &command, &cursor);
    }
    Ok(())
}

fn as_json(c: &Comment, personal: bool, flagged: bool) -> CommentJson<'_> {
    CommentJson {
        id: c.id,
        article_id: c.article_id,
        name: &c.name,
        title: &c.title,
        content: &c.content,
        status: c.status,
        held_by_rule: c.held_by_rule.as_deref(),
        decided_by: c.decided_by.as_deref(),
        submitted_at: c.submitted_at,
        has_control_codes: flagged,
        phone: personal.then_some(c.phone.as_str()),
        ip: personal.then_some(c.ip.as_str()),
    }
}

fn has_controls(c: &Comment) -> bool {
    [&c.name, &c.title, &c.content]
        .iter()
        .any(|t| sanitize(t).had_controls)
}

/// One line per comment, sanitised: reader text never reaches the terminal raw.
fn plain(c: &Comment, zone: &jiff::tz::TimeZone, flagged: bool) -> String {
    let warn = if flagged { " [contains control codes]" } else { "" };
    let name = truncate_to_width(&sanitize_line(&c.name).text, 24);
    let title = truncate_to_width(&sanitize_line(&c.title).text, 60);
    format!(
        "{:>7}  {:<8}  {}  #{:<5} {name}: {title}{warn}",
        c.id,
        c.status.as_str(),
        stamp(c.submitted_at, zone),
        c.article_id
    )
}
