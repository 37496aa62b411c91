//! `newsroom check ID|--file F [--json]`: the spelling and house-style findings of an
//! article (title, lead, body, captions, tags) or a text file, for scripts. Exit status 0
//! means none, 1 means some, 2 means the check could not be made.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::output::{self, Out};
use super::session::Context;
use crate::text::sanitize_line;
use crate::text::vietnamese::Checker;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["article", "file"]))]
pub struct CheckArgs {
    /// The article's id or slug.
    article: Option<String>,
    /// A UTF-8 text file instead of an article.
    #[arg(long, value_name = "F")]
    file: Option<PathBuf>,
    /// Print JSON instead of text (the field names are stable for scripts).
    #[arg(long)]
    json: bool,
}

/// How `check` ends when it did not simply succeed: the status scripts read.
#[derive(Debug, thiserror::Error)]
pub enum CheckExit {
    /// There were findings (already printed).
    #[error("")]
    Findings,
    /// The check could not be made; the sentence says why.
    #[error("{0}")]
    Failed(String),
}

impl CheckExit {
    pub fn code(&self) -> u8 {
        match self {
            CheckExit::Findings => 1,
            CheckExit::Failed(_) => 2,
        }
    }
}

#[derive(Serialize)]
struct FindingJson {
    /// `title`, `lead`, `body`, `caption 1`, `tags`, or the file's path.
    field: String,
    line: usize,
    column: usize,
    word: String,
    rule: &'static str,
    suggestions: Vec<String>,
}

/// (field, text) in reading order.
type Texts = Vec<(String, String)>;

/// The texts to check, and the newsroom's word list.
fn texts(ctx: &Context, args: &CheckArgs) -> anyhow::Result<(Texts, Vec<String>)> {
    if let Some(path) = &args.file {
        let text = crate::files::read_text_capped(path, crate::files::BODY_LIMIT)
            .map_err(|e| anyhow::anyhow!("Cannot check {}: {e}", path.display()))?;
        // The word list is the store's; a file is checked without one when there is no store.
        let words = ctx
            .open_as_user()
            .ok()
            .and_then(|(store, _)| store.words().ok())
            .unwrap_or_default();
        let text = crate::text::normalize_input(&text);
        return Ok((vec![(path.display().to_string(), text)], words));
    }
    let (store, _user) = ctx.open_as_user()?;
    let id_or_slug = args.article.as_deref().unwrap_or_default();
    let id = match id_or_slug.parse::<i64>() {
        Ok(id) => id,
        Err(_) => store.article_id_by_slug(id_or_slug)?.ok_or_else(|| {
            anyhow::anyhow!("No article has the slug {id_or_slug:?}: check it with `newsroom article list`.")
        })?,
    };
    let a = store.article(id)?;
    let mut texts = vec![
        ("title".to_owned(), a.title.clone()),
        ("lead".to_owned(), a.lead.clone()),
        ("body".to_owned(), a.body.clone()),
    ];
    for (i, p) in a.photos.iter().enumerate() {
        texts.push((format!("caption {}", i + 1), p.caption.clone()));
    }
    let tags: Vec<&str> = a.tags.iter().map(|t| t.name.as_str()).collect();
    texts.push(("tags".to_owned(), tags.join(", ")));
    Ok((texts, store.words()?))
}

/// Every finding of the texts, checked as one article (tone placement is article-wide).
fn findings(checker: &Checker, texts: &[(String, String)]) -> Vec<FindingJson> {
    let mut lines: Vec<(&str, usize, &str)> = Vec::new();
    for (field, text) in texts {
        for (n, line) in text.split('\n').enumerate() {
            lines.push((field, n + 1, line));
        }
    }
    let plain: Vec<&str> = lines.iter().map(|(_, _, l)| *l).collect();
    let checks: Vec<_> = plain.iter().map(|l| checker.paragraph(l)).collect();
    let refs: Vec<_> = checks.iter().collect();
    let report = checker.report(&plain, &refs);
    report
        .findings
        .iter()
        .map(|f| {
            let (field, line, _) = lines[f.line - 1];
            FindingJson {
                field: field.to_owned(),
                line,
                column: f.column,
                word: f.word.clone(),
                rule: f.rule.name(),
                suggestions: checker.suggest(f, 5),
            }
        })
        .collect()
}

pub fn run(ctx: &Context, args: &CheckArgs) -> anyhow::Result<()> {
    let (texts, words) = texts(ctx, args).map_err(|e| CheckExit::Failed(output::sentence(&e)))?;
    let checker = crate::spelling::checker(ctx.config(), words);
    let found = findings(&checker, &texts);
    let mut out = Out::new();
    if args.json {
        out.line(&output::json(&found)?)?;
    } else {
        for f in &found {
            let offer = match f.suggestions.is_empty() {
                true => String::new(),
                false => format!(" → {}", f.suggestions.join(", ")),
            };
            out.line(
                &sanitize_line(&format!(
                    "{}:{}:{}: {} ({}){offer}",
                    f.field, f.line, f.column, f.word, f.rule
                ))
                .text,
            )?;
        }
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(CheckExit::Findings.into())
    }
}
