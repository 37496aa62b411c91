//! `article tag` and `tag list|rename|merge`: tags from the command line, under the same
//! rules as the TUI (the store checks who may do what).

use clap::{Args, Subcommand};

use super::output::{Listing, Out};
use super::session::Context;
use crate::domain::Tag;
use crate::store::TagChange;
use crate::text::sanitize_line;

#[derive(Debug, Args)]
pub struct ArticleTagArgs {
    /// The article's id.
    id: i64,
    /// Tag names; a new one is created. A name starting with # is internal (never published).
    #[arg(required = true, value_name = "TAG")]
    tags: Vec<String>,
    /// Take these tags off instead of adding them.
    #[arg(long)]
    remove: bool,
}

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Every tag with how many articles carry it, in slug order.
    List {
        /// Print JSON instead of text (the field names are stable for scripts).
        #[arg(long)]
        json: bool,
    },
    /// Rename a tag (editors); its slug follows the new name.
    Rename {
        /// The tag's name or slug now.
        #[arg(value_name = "OLD")]
        old: String,
        /// Its new name.
        #[arg(value_name = "NEW")]
        new: String,
    },
    /// Move every article from one tag to another and delete the first (editors).
    Merge {
        /// The tag to empty and delete (name or slug).
        #[arg(value_name = "FROM")]
        from: String,
        /// The tag its articles get (name or slug).
        #[arg(value_name = "INTO")]
        into: String,
    },
}

/// How many tags `tag list` reads at a time.
const PAGE: usize = 200;

pub fn article_tag(ctx: &Context, args: &ArticleTagArgs) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    let change = if args.remove {
        TagChange::Remove
    } else {
        TagChange::Add
    };
    let done = store.change_article_tags(&user, args.id, &args.tags, change, ctx.now())?;
    let mut out = Out::new();
    out.line(&format!("Article {} is tagged: {}", args.id, names(&done.tags)))?;
    if !done.created.is_empty() {
        out.line(&format!("New tags: {}", names(&done.created)))?;
    }
    Ok(())
}

fn names(tags: &[Tag]) -> String {
    if tags.is_empty() {
        return "(no tags)".to_owned();
    }
    tags.iter()
        .map(|t| sanitize_line(&t.name).text)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(ctx: &Context, cmd: TagCommand) -> anyhow::Result<()> {
    match cmd {
        TagCommand::List { json } => list(ctx, json),
        TagCommand::Rename { old, new } => {
            let (mut store, user) = ctx.open_as_user()?;
            let tag = store.rename_tag(&user, &old, &new, ctx.now())?;
            Out::new().line(&format!("{} ({})", sanitize_line(&tag.name).text, tag.slug))
        }
        TagCommand::Merge { from, into } => {
            let (mut store, user) = ctx.open_as_user()?;
            let (into, moved) = store.merge_tags(&user, &from, &into, ctx.now())?;
            Out::new().line(&format!(
                "Merged {} into {} ({moved} articles)",
                sanitize_line(from.trim()).text,
                sanitize_line(&into.name).text
            ))
        }
    }
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let (store, _user) = ctx.read_as_user()?;
    let mut listing = Listing::new(json)?;
    let mut from: Option<i64> = None;
    loop {
        let mut page = store.tag_rows_from("", from, PAGE + 1)?;
        from = if page.len() > PAGE {
            page.pop().map(|r| r.id)
        } else {
            None
        };
        for row in &page {
            listing.item(row, || {
                let internal = if row.tag.internal { "  (internal)" } else { "" };
                format!(
                    "{:>6}  {:<24} {}{internal}",
                    row.articles,
                    row.tag.slug,
                    sanitize_line(&row.tag.name).text
                )
            })?;
        }
        if from.is_none() {
            break;
        }
    }
    listing.finish()
}
