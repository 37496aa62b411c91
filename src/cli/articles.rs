use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{self, Listing, Out};
use super::session::Context;
use crate::clock::stamp;
use crate::domain::{Article, ArticleDraft, Status};
use crate::text::sanitize;

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Start a draft; prints its id.
    New(NewArgs),
    /// List articles, most recently updated first.
    List(ListArgs),
    /// Show one article.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Publish now (editors and admins); needs a title, a lead and a body.
    Publish { id: i64 },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[arg(long)]
    title: String,
    #[arg(long, default_value = "")]
    lead: String,
    /// A UTF-8 Markdown file with the body.
    #[arg(long, value_name = "FILE")]
    body_file: Option<PathBuf>,
    #[arg(long, default_value = "")]
    byline: String,
    /// The source prefix, e.g. HNP.
    #[arg(long, default_value = "")]
    dateline: String,
    /// Print the new article as JSON instead of its id.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// draft, submitted, scheduled, published or spiked.
    #[arg(long)]
    status: Option<String>,
    /// A tag's name or slug.
    #[arg(long)]
    tag: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, cmd: ArticleCommand) -> anyhow::Result<()> {
    match cmd {
        ArticleCommand::New(args) => new(ctx, &args),
        ArticleCommand::List(args) => list(ctx, &args),
        ArticleCommand::Show { id, json } => show(ctx, id, json),
        ArticleCommand::Publish { id } => {
            let (mut store, user) = ctx.open_as_user()?;
            store.transition(&user, id, crate::domain::Transition::Publish, ctx.now())?;
            Out::new().line(&format!("Published article {id}."))
        }
    }
}

fn new(ctx: &Context, args: &NewArgs) -> anyhow::Result<()> {
    let body = match &args.body_file {
        Some(path) => crate::files::read_text_capped(path, crate::files::BODY_LIMIT).map_err(|e| {
            anyhow::anyhow!(
                "Cannot use the body file {} ({e}): give a UTF-8 Markdown file of at most {}.",
                path.display(),
                crate::files::size(crate::files::BODY_LIMIT)
            )
        })?,
        None => String::new(),
    };
    let draft = ArticleDraft {
        title: args.title.clone(),
        dateline: args.dateline.clone(),
        lead: args.lead.clone(),
        body,
        byline: args.byline.clone(),
    };
    let (mut store, user) = ctx.open_as_user()?;
    let id = store.create_article(&user, &draft, ctx.zone_name(), ctx.now())?;
    if args.json {
        // The same object `article show --json` prints: a new article has no autosave yet.
        let article = store.article(id)?;
        Out::new().line(&output::json(&ShowJson {
            article: &article,
            autosave: None,
        })?)
    } else {
        Out::new().line(&id.to_string())
    }
}

fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<()> {
    let status: Option<Status> = args.status.as_deref().map(str::parse).transpose()?;
    let (store, _user) = ctx.open_as_user()?;
    let zone = ctx.zone();
    let mut listing = Listing::new(args.json)?;
    let mut after = None;
    loop {
        let page = store.article_ids_page(status, args.tag.as_deref(), after, 100)?;
        let Some((last, _)) = page.last() else { break };
        after = Some(*last);
        for (_, id) in &page {
            let a = store.article(*id)?;
            listing.item(&a, || {
                let title = sanitize(&a.title).text.replace('\n', " ");
                format!(
                    "{:>6}  {:<10} {}  {title}",
                    a.id,
                    a.status.as_str(),
                    stamp(a.updated_at, &zone)
                )
            })?;
        }
    }
    listing.finish()
}

/// `article show`: the saved article, plus the newest autosave when it holds text the
/// saved article does not (someone is typing, or a session ended before saving).
#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    article: &'a Article,
    autosave: Option<AutosaveJson<'a>>,
}

#[derive(Serialize)]
struct AutosaveJson<'a> {
    user: &'a str,
    saved_at: jiff::Timestamp,
    #[serde(flatten)]
    text: &'a crate::domain::ArticleText,
}

fn show(ctx: &Context, id: i64, json: bool) -> anyhow::Result<()> {
    let (store, _user) = ctx.open_as_user()?;
    let a = store.article(id)?;
    let autosave = store.newest_unsaved_autosave(id)?;
    let mut out = Out::new();
    if json {
        let autosave = autosave.as_ref().map(|s| AutosaveJson {
            user: &s.login,
            saved_at: s.saved_at,
            text: &s.text,
        });
        return out.line(&output::json(&ShowJson {
            article: &a,
            autosave,
        })?);
    }
    for line in plain(&a, &ctx.zone()) {
        out.line(&line)?;
    }
    if let Some(save) = autosave {
        out.line("")?;
        out.line(&format!(
            "Unsaved autosave by {} at {} ({} words), newer than the saved text:",
            save.login,
            stamp(save.saved_at, &ctx.zone()),
            save.text.words()
        ))?;
        out.line(&sanitize(&save.text.title).text)?;
        for line in sanitize(&save.text.body).text.lines() {
            out.line(line)?;
        }
    }
    Ok(())
}

/// The article as a reader would meet it, with the newsroom's details around it.
fn plain(a: &Article, zone: &jiff::tz::TimeZone) -> Vec<String> {
    let s = |t: &str| sanitize(t).text;
    let mut lines = vec![
        format!("#{}  {}  {}", a.id, a.status, a.slug),
        s(&a.title),
        String::new(),
    ];
    let dateline = if a.dateline.is_empty() {
        String::new()
    } else {
        format!("{} - ", s(&a.dateline))
    };
    lines.push(format!("{dateline}{}", s(&a.lead)));
    lines.push(String::new());
    lines.extend(s(&a.body).lines().map(str::to_owned));
    lines.push(String::new());
    for (i, p) in a.photos.iter().enumerate() {
        let alt = match (&p.alt, p.decorative) {
            (_, true) => "decorative".to_owned(),
            (Some(alt), false) => format!("alt: {}", s(alt)),
            (None, false) => "no alt text".to_owned(),
        };
        lines.push(format!(
            "Photo {}: {} — {} ({}) [{alt}]",
            i + 1,
            s(&p.file),
            s(&p.caption),
            s(&p.credit)
        ));
    }
    if !a.tags.is_empty() {
        lines.push(format!(
            "Tags: {}",
            a.tags.iter().map(|t| s(t)).collect::<Vec<_>>().join(", ")
        ));
    }
    lines.push(format!(
        "Byline: {}   Author: {}   Updated: {}",
        s(&a.byline),
        a.author,
        stamp(a.updated_at, zone)
    ));
    if let Some(at) = a.scheduled_at {
        lines.push(format!("Scheduled: {}", stamp(at, zone)));
    }
    if let Some(at) = a.published_at {
        lines.push(format!("Published: {}", stamp(at, zone)));
    }
    lines
}
