use clap::{Args, Subcommand};
use jiff::Timestamp;
use serde::Serialize;

use super::output::Listing;
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
    Import { file: std::path::PathBuf },
    /// Approve comments (editors and admins).
    Approve(super::decide::DecideArgs),
    /// Reject comments.
    Reject(super::decide::DecideArgs),
    /// Mark comments as spam.
    Spam(super::decide::DecideArgs),
    /// Anonymise an author: name, phone and address go, the text stays.
    Erase {
        #[arg(long)]
        author: String,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// pending, approved, rejected or spam (default: all).
    #[arg(long)]
    status: Option<String>,
    /// At most this many comments.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long)]
    json: bool,
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
    let (store, user) = ctx.open_as_user()?;
    let personal = user.role.may(Operation::SeePersonalData);
    let zone = ctx.zone();
    let mut listing = Listing::new(args.json)?;
    let mut after = None;
    let mut left = args.limit;
    while left > 0 {
        let page = store.comments_page(status, after, left.min(200))?;
        let Some(last) = page.last() else { break };
        after = Some((last.submitted_at, last.id));
        left -= page.len();
        for c in &page {
            listing.item(&as_json(c, personal), || plain(c, &zone))?;
        }
    }
    listing.finish()
}

fn as_json(c: &Comment, personal: bool) -> CommentJson<'_> {
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
        has_control_codes: has_controls(c),
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
fn plain(c: &Comment, zone: &jiff::tz::TimeZone) -> String {
    let warn = if has_controls(c) {
        " [contains control codes]"
    } else {
        ""
    };
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
