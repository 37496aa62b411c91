//! `newsroom search QUERY [--json]`: articles and comments, ranked, with the matched words.

use std::io::IsTerminal;

use clap::Args;
use serde::Serialize;

use super::output::{self, Out};
use super::session::Context;
use crate::clock::stamp;
use crate::domain::SearchQuery;
use crate::store::Toward;
use crate::text::{match_ranges, sanitize_line};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (accents optional) and filters: status:S tag:T author:LOGIN before:dd/mm/yyyy after:dd/mm/yyyy.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// At most this many articles and this many comments.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Hit {
    kind: &'static str,
    id: i64,
    title: String,
    status: String,
    at: jiff::Timestamp,
    /// The words that matched, as they are written in the original text.
    matched: Vec<String>,
}

pub fn run(ctx: &Context, args: &SearchArgs) -> anyhow::Result<()> {
    let q = SearchQuery::parse(&args.query.join(" "))?;
    if q.is_empty() {
        anyhow::bail!(
            "There is nothing to search for: give a word or a filter, e.g. `newsroom search tay ho`."
        );
    }
    let (store, _user) = ctx.open_as_user()?;
    let zone = ctx.zone();
    let articles = store.search_article_rows(&q, &zone, None, Toward::Down, args.limit)?;
    // Comments have no status, tag or author of the article kind: those filters mean articles.
    let comments = if q.status.is_some() || q.tag.is_some() || q.author.is_some() {
        Vec::new()
    } else {
        store.search_comments(&q, &zone, None, args.limit)?
    };
    let matched = |text: &str| -> Vec<String> {
        match_ranges(text, &q.words, true)
            .iter()
            .map(|(a, b)| text[*a..*b].to_owned())
            .collect()
    };
    let mut hits = Vec::new();
    for a in &articles {
        hits.push(Hit {
            kind: "article",
            id: a.id,
            title: a.title.clone(),
            status: a.status.to_string(),
            at: a.updated_at,
            matched: matched(&a.title),
        });
    }
    for c in &comments {
        let all = format!("{} {} {}", c.name, c.title, c.content);
        hits.push(Hit {
            kind: "comment",
            id: c.id,
            title: c.title.clone(),
            status: c.status.to_string(),
            at: c.submitted_at,
            matched: matched(&all),
        });
    }
    let mut out = Out::new();
    if args.json {
        return out.line(&output::json(&hits)?);
    }
    // Bold for matches on a terminal (unless NO_COLOR); plain for pipes.
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    for hit in &hits {
        let title = sanitize_line(&hit.title).text;
        let shown = if bold { emphasise(&title, &q.words) } else { title };
        out.line(&format!(
            "{:<7} {:>7}  {:<9}  {}  {shown}",
            hit.kind,
            hit.id,
            hit.status,
            stamp(hit.at, &zone)
        ))?;
    }
    if hits.is_empty() {
        out.line("Nothing found.")?;
    }
    Ok(())
}

fn emphasise(text: &str, words: &[String]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (a, b) in match_ranges(text, words, true) {
        out.push_str(&text[last..a]);
        out.push_str("\u{1b}[1m");
        out.push_str(&text[a..b]);
        out.push_str("\u{1b}[22m");
        last = b;
    }
    out.push_str(&text[last..]);
    out
}
