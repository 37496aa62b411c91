use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{self, Listing, Out};
use super::paging;
use super::session::Context;
use super::workflow;
use crate::clock::stamp;
use crate::domain::{Article, ArticleDraft, Status, Transition};
use crate::store::ArticleKey;
use crate::text::{sanitize, sanitize_line};

#[derive(Debug, Subcommand)]
pub enum ArticleCommand {
    /// Start a draft; prints its id.
    New(NewArgs),
    /// List articles, most recently updated first.
    List(ListArgs),
    /// Show one article, by id or by slug (an old slug works too).
    Show {
        /// The article, by id or slug.
        #[arg(value_name = "ID|SLUG")]
        id: String,
        /// Print JSON instead of text (the field names are stable for scripts).
        #[arg(long)]
        json: bool,
    },
    /// Change a saved article (the TUI's rules: a published one needs --note).
    Edit(super::workflow::EditArgs),
    /// Send a draft for review (when the newsroom has review).
    Submit(super::workflow::IdArgs),
    /// Schedule publication at a wall time in the newsroom's zone (or --zone).
    Schedule(super::workflow::ScheduleArgs),
    /// Take an article off the schedule, back to draft.
    Unschedule(super::workflow::IdArgs),
    /// Publish now (editors and admins); the ready-to-publish check must pass.
    Publish(super::workflow::IdArgs),
    /// Take a published article off the site, back to draft (editors and admins).
    Unpublish(super::workflow::IdArgs),
    /// Set an article aside; reversible with unspike.
    Spike(super::workflow::IdArgs),
    /// Bring a spiked article back as a draft.
    Unspike(super::workflow::IdArgs),
    /// Delete a draft that was never published (after --yes); anything else is spiked.
    Delete(super::workflow::DeleteArgs),
    /// Give an article a new slug on purpose (editors); old slugs keep working.
    Slug(super::workflow::SlugArgs),
    /// Add tags to an article (new ones are created), or take them off with --remove.
    Tag(super::tags::ArticleTagArgs),
    /// Add, caption, place and remove an article's photos.
    #[command(subcommand)]
    Photo(super::photos::PhotoCommand),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline.
    #[arg(long)]
    title: String,
    /// The lead paragraph, in bold under the headline.
    #[arg(long, default_value = "")]
    lead: String,
    /// A UTF-8 Markdown file with the body.
    #[arg(long, value_name = "FILE")]
    body_file: Option<PathBuf>,
    /// Who wrote it, as printed at the end (e.g. "Minh Anh").
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
    /// Print JSON instead of text (the field names are stable for scripts).
    #[arg(long)]
    json: bool,
    /// Include each article's body in the JSON (left out otherwise: it is most of the size).
    #[arg(long)]
    with_body: bool,
    #[command(flatten)]
    page: super::paging::PageArgs,
}

pub fn run(ctx: &Context, cmd: ArticleCommand) -> anyhow::Result<()> {
    match cmd {
        ArticleCommand::New(args) => new(ctx, &args),
        ArticleCommand::List(args) => list(ctx, &args),
        ArticleCommand::Show { id, json } => show(ctx, &id, json),
        ArticleCommand::Edit(args) => workflow::edit(ctx, &args),
        ArticleCommand::Submit(a) => workflow::apply(ctx, a.id, Transition::Submit),
        ArticleCommand::Schedule(args) => workflow::schedule(ctx, &args),
        ArticleCommand::Unschedule(a) => workflow::apply(ctx, a.id, Transition::Unschedule),
        ArticleCommand::Publish(a) => workflow::apply(ctx, a.id, Transition::Publish),
        ArticleCommand::Unpublish(a) => workflow::apply(ctx, a.id, Transition::Unpublish),
        ArticleCommand::Spike(a) => workflow::apply(ctx, a.id, Transition::Spike),
        ArticleCommand::Unspike(a) => workflow::apply(ctx, a.id, Transition::Unspike),
        ArticleCommand::Delete(args) => workflow::delete(ctx, &args),
        ArticleCommand::Slug(args) => workflow::slug(ctx, &args),
        ArticleCommand::Tag(args) => super::tags::article_tag(ctx, &args),
        ArticleCommand::Photo(cmd) => super::photos::run(ctx, cmd),
    }
}

/// A body file, within the limit, as UTF-8.
pub(super) fn read_body(path: &std::path::Path) -> anyhow::Result<String> {
    crate::files::read_text_capped(path, crate::files::BODY_LIMIT).map_err(|e| {
        anyhow::anyhow!(
            "Cannot use the body file {} ({e}): give a UTF-8 Markdown file of at most {}.",
            path.display(),
            crate::files::size(crate::files::BODY_LIMIT)
        )
    })
}

fn new(ctx: &Context, args: &NewArgs) -> anyhow::Result<()> {
    let body = match &args.body_file {
        Some(path) => read_body(path)?,
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
    let mut after = args.page.cursor("a")?.map(|c| ArticleKey {
        tier: 0,
        updated_at: c.time,
        id: c.id,
    });
    let (store, _user) = ctx.read_as_user()?;
    let zone = ctx.zone();
    let mut listing = Listing::new(args.json)?;
    let limit = args.page.limit();
    let tag = args.tag.as_deref();
    let mut shown = 0;
    let mut more = None;
    loop {
        let want = limit.map_or(paging::STREAM_CHUNK, |l| (l - shown).min(paging::STREAM_CHUNK));
        // One row more than is printed says whether a next page exists.
        let (read, keys) = if args.json {
            let page = store.articles_page(status, tag, after, want + 1, args.with_body)?;
            for (_, a) in page.iter().take(want) {
                listing.item(&as_list_json(a, args.with_body)?, String::new)?;
            }
            (page.len(), page[..page.len().min(want)].last().map(|(k, _)| *k))
        } else {
            let page = store.article_lines_page(status, tag, after, want + 1)?;
            for line in page.iter().take(want) {
                let title = sanitize(&line.title).text.replace('\n', " ");
                let text = format!(
                    "{:>6}  {:<10} {}  {title}",
                    line.key.id,
                    line.status.as_str(),
                    stamp(line.updated_at, &zone)
                );
                listing.item(&(), || text)?;
            }
            (page.len(), page[..page.len().min(want)].last().map(|l| l.key))
        };
        shown += read.min(want);
        after = keys.or(after);
        if read <= want {
            break;
        }
        if limit.is_some_and(|l| shown >= l) {
            more = after;
            break;
        }
    }
    listing.finish()?;
    if let Some(key) = more {
        let cursor = paging::encode(
            "a",
            paging::Cursor {
                time: key.updated_at,
                id: key.id,
            },
        );
        paging::note_more(shown, ("article", "articles"), &next_command(args), &cursor);
    }
    Ok(())
}

/// An article as `article list --json` prints it: every key `article show --json` has
/// but the autosave, with `body` null unless `--with-body` (DESIGN.md: the same keys on
/// every object).
fn as_list_json(a: &Article, with_body: bool) -> anyhow::Result<serde_json::Value> {
    let mut value = serde_json::to_value(a)?;
    if !with_body && let Some(fields) = value.as_object_mut() {
        fields.insert("body".into(), serde_json::Value::Null);
    }
    Ok(value)
}

/// The command that lists the next page with the same filters.
fn next_command(args: &ListArgs) -> String {
    let mut command = "newsroom article list".to_owned();
    if let Some(s) = &args.status {
        command.push_str(&format!(" --status {}", sanitize_line(s).text));
    }
    if let Some(t) = &args.tag {
        command.push_str(&format!(" --tag {:?}", sanitize_line(t).text));
    }
    for (on, flag) in [(args.json, " --json"), (args.with_body, " --with-body")] {
        if on {
            command.push_str(flag);
        }
    }
    command.push_str(&args.page.limit_flag());
    command
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

fn show(ctx: &Context, id_or_slug: &str, json: bool) -> anyhow::Result<()> {
    let (store, _user) = ctx.read_as_user()?;
    let id = match id_or_slug.parse::<i64>() {
        Ok(id) => id,
        Err(_) => store.article_id_by_slug(id_or_slug)?.ok_or_else(|| {
            anyhow::anyhow!("No article has the slug {id_or_slug:?}: check it with `newsroom article list`.")
        })?,
    };
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
        let size = match (p.width, p.height) {
            (Some(w), Some(h)) => format!(" {w}×{h}"),
            _ => String::new(),
        };
        let place = match p.after_paragraph {
            Some(0) => " before the body".to_owned(),
            Some(n) => format!(" after paragraph {n}"),
            None => String::new(),
        };
        lines.push(format!(
            "Photo {}: {} — {} ({}) [{alt}]{size}{place}",
            i + 1,
            s(&p.file),
            s(&p.caption),
            s(&p.credit)
        ));
    }
    if !a.tags.is_empty() {
        lines.push(format!(
            "Tags: {}",
            a.tags.iter().map(|t| s(&t.name)).collect::<Vec<_>>().join(", ")
        ));
    }
    lines.push(format!(
        "Byline: {}   Author: {}   Updated: {}",
        s(&a.byline),
        a.author,
        stamp(a.updated_at, zone)
    ));
    if let Some(at) = a.scheduled_at {
        let typed = if a.scheduled_wall.is_empty() {
            String::new()
        } else {
            format!(" (typed {} {})", a.scheduled_wall, a.zone)
        };
        lines.push(format!("Scheduled: {}{typed}", stamp(at, zone)));
    }
    if !a.held_because.is_empty() {
        lines.push(format!(
            "Held: {}; it stays scheduled until that is fixed",
            s(&a.held_because)
        ));
    }
    if let Some(at) = a.published_at {
        let late = match a.late_minutes {
            Some(n) if n > 0 => format!(", {n} min late"),
            _ => String::new(),
        };
        lines.push(format!("Published: {}{late}", stamp(at, zone)));
    }
    if let Some(at) = a.corrected_at {
        lines.push(format!("Corrected: {}: {}", stamp(at, zone), s(&a.updated_note)));
    }
    if !a.old_slugs.is_empty() {
        lines.push(format!("Old slugs (still lead here): {}", a.old_slugs.join(", ")));
    }
    lines
}
