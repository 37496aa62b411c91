//! `newsroom search QUERY [--json]`: articles and comments, ranked, with the matched words.

use std::io::IsTerminal;

use clap::Args;
use serde::Serialize;

use super::output::{self, Out};
use super::session::Context;
use crate::clock::stamp;
use crate::domain::SearchQuery;
use crate::store::{SNIPPET_CHARS, Toward};
use crate::text::{match_ranges, sanitize_line, snippet};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Whole words (accents optional; end the last with * for the words it begins) and filters: status:S tag:T author:LOGIN before:dd/mm/yyyy after:dd/mm/yyyy.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// At most this many articles and this many comments.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON instead of text (the field names are stable for scripts).
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
    /// A short piece of the text around the first match, sanitised, on one line.
    snippet: String,
    #[serde(skip)]
    marks: Vec<(usize, usize)>,
}

pub fn run(ctx: &Context, args: &SearchArgs) -> anyhow::Result<()> {
    let q = SearchQuery::parse_complete(&args.query.join(" "))?;
    if q.is_empty() {
        anyhow::bail!(
            "There is nothing to search for: give a word or a filter, e.g. `newsroom search tay ho`."
        );
    }
    let (store, _user) = ctx.read_as_user()?;
    let zone = ctx.zone();
    let articles = store.search_article_rows(&q, &zone, None, Toward::Down, args.limit)?;
    // Comments have no status, tag or author of the article kind: those filters mean articles.
    let comments = if q.status.is_some() || q.tag.is_some() || q.author.is_some() {
        Vec::new()
    } else {
        store.search_comments(&q, &zone, None, args.limit)?
    };
    let matched = |text: &str| -> Vec<String> {
        match_ranges(text, &q.words, q.open_end)
            .iter()
            .map(|(a, b)| text[*a..*b].to_owned())
            .collect()
    };
    let mut hits = Vec::new();
    for a in &articles {
        let snippet = a.snippet.clone().unwrap_or_default();
        hits.push(Hit {
            kind: "article",
            id: a.id,
            title: a.title.clone(),
            status: a.status.to_string(),
            at: a.updated_at,
            matched: matched(&a.title),
            snippet: snippet.text,
            marks: snippet.marks,
        });
    }
    for c in &comments {
        let all = format!("{} {} {}", c.name, c.title, c.content);
        let snippet = snippet(&c.content, &q.words, q.open_end, SNIPPET_CHARS);
        hits.push(Hit {
            kind: "comment",
            id: c.id,
            title: c.title.clone(),
            status: c.status.to_string(),
            at: c.submitted_at,
            matched: matched(&all),
            snippet: snippet.text,
            marks: snippet.marks,
        });
    }
    let mut out = Out::new();
    if args.json {
        return out.line(&output::json(&hits)?);
    }
    // Bold for matches on a terminal (unless NO_COLOR); brackets for pipes and NO_COLOR,
    // so the match shows in any text.
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (open, close) = if bold {
        ("\u{1b}[1m", "\u{1b}[22m")
    } else {
        ("[", "]")
    };
    for hit in &hits {
        let title = sanitize_line(&hit.title).text;
        let title_marks = match_ranges(&title, &q.words, q.open_end);
        let shown = if bold {
            mark(&title, &title_marks, open, close)
        } else {
            title
        };
        out.line(&format!(
            "{:<7} {:>7}  {:<9}  {}  {shown}",
            hit.kind,
            hit.id,
            hit.status,
            stamp(hit.at, &zone)
        ))?;
        if !hit.snippet.is_empty() {
            out.line(&format!(
                "{:>18}{}",
                "",
                mark(&hit.snippet, &hit.marks, open, close)
            ))?;
        }
    }
    if hits.is_empty() {
        out.line("Nothing found.")?;
    }
    Ok(())
}

/// `text` with each marked range between `open` and `close`.
fn mark(text: &str, marks: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(a, b) in marks {
        out.push_str(&text[last..a]);
        out.push_str(open);
        out.push_str(&text[a..b]);
        out.push_str(close);
        last = b;
    }
    out.push_str(&text[last..]);
    out
}
