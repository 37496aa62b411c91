//! `comments import FILE`: JSON Lines or CSV with a header, one comment a line.

use std::io::BufRead;
use std::path::Path;

use anyhow::{Context as _, bail};
use jiff::Timestamp;
use serde::Deserialize;

use super::output::Out;
use super::session::Context;
use crate::domain::{CommentForm, CommentStatus, Operation};
use crate::store::{ArticleRef, Submission, SubmitError, import_key};

/// One line of an import, named as the site's form names its fields.
#[derive(Debug, Deserialize)]
struct Line {
    article: serde_json::Value,
    #[serde(default)]
    name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    ip: String,
    #[serde(default)]
    submitted_at: Option<String>,
}

#[derive(Debug, Default)]
struct Tally {
    approved: usize,
    held: usize,
    rejected: usize,
    repeated: usize,
    skipped: usize,
}

pub fn run(ctx: &Context, file: &Path) -> anyhow::Result<()> {
    let (mut store, user) = ctx.open_as_user()?;
    user.role.check(Operation::DecideComment)?;
    let rules = &ctx.config().rules;
    store.note_rules(rules, user.login.as_str(), ctx.now())?;
    let lines = read_lines(file)?;
    let mut tally = Tally::default();
    let mut err = std::io::stderr();
    for (number, parsed) in lines {
        let outcome = parsed.and_then(|line| submission(&line, ctx)).and_then(|sub| {
            match store.submit_comment(&sub, rules, ctx.now()) {
                Ok(received) => Ok(Some(received)),
                Err(SubmitError::Duplicate) => Ok(None),
                Err(e) => Err(e.to_string()),
            }
        });
        match outcome {
            Ok(Some(r)) => match r.status {
                CommentStatus::Approved => tally.approved += 1,
                CommentStatus::Rejected | CommentStatus::Spam => tally.rejected += 1,
                CommentStatus::Pending => tally.held += 1,
            },
            Ok(None) => tally.repeated += 1,
            Err(e) => {
                tally.skipped += 1;
                use std::io::Write;
                let _ = writeln!(
                    err,
                    "{}: line {number}: {}; skipped.",
                    file.display(),
                    crate::text::sanitize_line(&e).text
                );
            }
        }
    }
    let added = tally.approved + tally.held + tally.rejected;
    Out::new().line(&format!(
        "Imported {added} comments ({} approved, {} held, {} rejected); {} already imported; {} lines skipped.",
        tally.approved, tally.held, tally.rejected, tally.repeated, tally.skipped
    ))?;
    if tally.skipped > 0 {
        bail!(
            "{} lines of {} were skipped (see above); the other lines were imported.",
            tally.skipped,
            file.display()
        );
    }
    Ok(())
}

type Numbered = (usize, Result<Line, String>);

/// JSON Lines, or CSV when the file is named .csv or its first byte is not `{`.
fn read_lines(file: &Path) -> anyhow::Result<Vec<Numbered>> {
    let bytes =
        std::fs::read(file).with_context(|| format!("Cannot read {}: check the path.", file.display()))?;
    let is_csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        || bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b != b'{');
    if is_csv {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(bytes.as_slice());
        let headers = reader
            .headers()
            .with_context(|| format!("{} has no CSV header line.", file.display()))?
            .clone();
        if !headers.iter().any(|h| h == "article") {
            bail!(
                "{} needs a header line naming the fields: article,name,phone,title,content[,ip,submitted_at].",
                file.display()
            );
        }
        Ok(reader
            .records()
            .map(|rec| {
                let position = match &rec {
                    Ok(r) => r.position(),
                    Err(e) => e.position(),
                };
                let line = position.map_or(0, |p| p.line() as usize);
                let parsed = rec.map_err(|e| e.to_string()).and_then(|r| {
                    let obj: serde_json::Map<String, serde_json::Value> = headers
                        .iter()
                        .zip(r.iter())
                        .map(|(h, v)| (h.trim().to_owned(), serde_json::Value::String(v.to_owned())))
                        .collect();
                    serde_json::from_value(serde_json::Value::Object(obj)).map_err(|e| e.to_string())
                });
                (line, parsed)
            })
            .collect())
    } else {
        Ok(bytes
            .lines()
            .enumerate()
            .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
            .map(|(i, l)| {
                let parsed = l.map_err(|_| "not UTF-8 text".to_owned()).and_then(|l| {
                    serde_json::from_str::<Line>(&l)
                        .map_err(|e| format!("not a JSON object with the form's fields ({e})"))
                });
                (i + 1, parsed)
            })
            .collect())
    }
}

fn submission(line: &Line, ctx: &Context) -> Result<Submission, String> {
    let article = match &line.article {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        _ => return Err("article must be an id or a slug".into()),
    };
    let form = CommentForm {
        name: line.name.clone(),
        phone: line.phone.clone(),
        title: line.title.clone(),
        content: line.content.clone(),
    }
    .validate()
    .map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    })?;
    let submitted = match line
        .submitted_at
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => Some(parse_time(s, ctx)?),
        None => None,
    };
    let key = import_key(&article, &form, submitted);
    Ok(Submission {
        article: ArticleRef::parse(&article),
        form,
        ip: line.ip.trim().to_owned(),
        submitted_at: submitted.unwrap_or_else(|| ctx.now()),
        import_key: Some(key),
    })
}

/// RFC 3339, or the site's own `HH:MM dd/mm/yyyy` in the newsroom's zone.
fn parse_time(s: &str, ctx: &Context) -> Result<Timestamp, String> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Ok(t);
    }
    jiff::civil::DateTime::strptime("%H:%M %d/%m/%Y", s)
        .ok()
        .and_then(|dt| dt.to_zoned_datetime(ctx.zone()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| format!("submitted_at {s:?} is neither RFC 3339 nor HH:MM dd/mm/yyyy"))
}
