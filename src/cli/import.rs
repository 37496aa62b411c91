//! `comments import FILE`: JSON Lines or CSV with a header, one comment a line.

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;

use anyhow::bail;
use jiff::Timestamp;
use serde::Deserialize;

use super::output::Out;
use super::session::Context;
use crate::domain::{CommentForm, CommentStatus, Operation};
use crate::files::{self, Capped, IMPORT_LIMIT, IMPORT_LINE_LIMIT, Overflow};
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
    let mut lines = open_lines(file)?.peekable();
    // A file that fails on its first line leaves the store as it was, rules note included.
    if let Some(Err(stop)) = lines.peek() {
        bail!("{}", stop.sentence(file, 0));
    }
    let rules = &ctx.config().rules;
    store.note_rules(rules, user.login.as_str(), ctx.now())?;
    let mut tally = Tally::default();
    let mut err = std::io::stderr();
    let mut stopped = None;
    for item in lines {
        let (number, parsed) = match item {
            Ok(numbered) => numbered,
            Err(stop) => {
                stopped = Some(stop);
                break;
            }
        };
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
    if let Some(stop) = stopped {
        bail!("{}", stop.sentence(file, added));
    }
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

/// Why reading the file stopped before its end.
#[derive(Debug)]
enum Stop {
    /// A line or the whole file passed its limit.
    Overflow { line: usize, overflow: Overflow },
    /// The disk or the file system failed mid-read.
    Io { line: usize, error: String },
}

impl Stop {
    fn from_io(line: usize, e: &std::io::Error) -> Stop {
        match Overflow::of(e) {
            Some(overflow) => Stop::Overflow { line, overflow },
            None => Stop::Io {
                line,
                error: files::io_reason(e),
            },
        }
    }

    /// One sentence; `imported` says whether lines before the stop were kept.
    fn sentence(&self, file: &Path, imported: usize) -> String {
        let (line, what, fix) = match self {
            Stop::Overflow { line, overflow } => {
                let fix = match overflow {
                    Overflow::Line { .. } => "check that it is JSON Lines or CSV",
                    Overflow::File { .. } => "split it (e.g. with `split -l 100000`) and import the parts",
                };
                (*line, overflow.to_string(), fix)
            }
            Stop::Io { line, error } => (*line, error.clone(), "check the file and import it again"),
        };
        let kept = if imported > 0 {
            "; the lines before it were imported, and importing the file again adds nothing twice"
        } else {
            ""
        };
        format!(
            "The import of {} stopped at line {line} because {what}: {fix}{kept}.",
            file.display()
        )
    }
}

/// The file's lines, read as they are imported: JSON Lines, or CSV when the file is named
/// .csv or its first character (after a byte-order mark) is not `{`.
fn open_lines(file: &Path) -> anyhow::Result<Box<dyn Iterator<Item = Result<Numbered, Stop>>>> {
    let cant_read = |e: std::io::Error| {
        anyhow::anyhow!(
            "Cannot read {} ({}): check the path.",
            file.display(),
            files::io_reason(&e)
        )
    };
    let opened = files::open(file).map_err(|e| match e {
        files::ReadError::Io(e) => cant_read(e),
        other => anyhow::anyhow!(
            "Cannot import {} ({other}): name the file of comments.",
            file.display()
        ),
    })?;
    // A regular file is measured before anything is imported; a pipe stops at the limit.
    let len = opened.metadata().map_err(cant_read)?.len();
    if len > IMPORT_LIMIT {
        bail!(
            "The file {} is larger than {}: split it (e.g. with `split -l 100000`) and import the parts.",
            file.display(),
            files::size(IMPORT_LIMIT)
        );
    }
    let mut reader = BufReader::new(Capped::new(opened, IMPORT_LINE_LIMIT, IMPORT_LIMIT));
    let head = reader
        .fill_buf()
        .map_err(|e| stop_error(file, &Stop::from_io(1, &e)))?;
    // Spreadsheets and Windows editors start UTF-8 files with a byte-order mark.
    let bom = head.starts_with(BOM);
    let first = head[if bom { BOM.len() } else { 0 }..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    if bom {
        reader.consume(BOM.len());
    }
    let is_csv =
        file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) || first.is_some_and(|b| b != b'{');
    if is_csv {
        csv_lines(file, reader)
    } else {
        Ok(Box::new(json_lines(reader)))
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn stop_error(file: &Path, stop: &Stop) -> anyhow::Error {
    anyhow::anyhow!("{}", stop.sentence(file, 0))
}

type Source = BufReader<Capped<std::fs::File>>;

fn json_lines(mut reader: Source) -> impl Iterator<Item = Result<Numbered, Stop>> {
    let mut number = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            number += 1;
            let mut bytes = Vec::new();
            match reader.read_until(b'\n', &mut bytes) {
                Ok(0) => done = true,
                Ok(_) => {
                    if bytes.trim_ascii().is_empty() {
                        continue;
                    }
                    let parsed = String::from_utf8(bytes)
                        .map_err(|_| "not UTF-8 text".to_owned())
                        .and_then(|l| {
                            serde_json::from_str::<Line>(&l)
                                .map_err(|e| format!("not a JSON object with the form's fields ({e})"))
                        });
                    return Some(Ok((number, parsed)));
                }
                Err(e) => {
                    done = true;
                    return Some(Err(Stop::from_io(number, &e)));
                }
            }
        }
        None
    })
}

fn csv_lines(
    file: &Path,
    reader: Source,
) -> anyhow::Result<Box<dyn Iterator<Item = Result<Numbered, Stop>>>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => match e.kind() {
            csv::ErrorKind::Io(io) => return Err(stop_error(file, &Stop::from_io(1, io))),
            _ => bail!("The file {} has no CSV header line.", file.display()),
        },
    };
    if !headers.iter().any(|h| h == "article") {
        bail!(
            "The file {} needs a header line naming the fields: article,name,phone,title,content[,ip,submitted_at].",
            file.display()
        );
    }
    let mut records = reader.into_records();
    let mut done = false;
    Ok(Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rec = records.next()?;
        let position = match &rec {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let line = position.map_or(0, |p| p.line() as usize);
        if let Err(e) = &rec
            && let csv::ErrorKind::Io(io) = e.kind()
        {
            done = true;
            // The record that failed starts after the last one read.
            let line = records.reader().position().line() as usize;
            return Some(Err(Stop::from_io(line.max(1), io)));
        }
        let parsed = rec.map_err(|e| e.to_string()).and_then(|r| {
            let obj: serde_json::Map<String, serde_json::Value> = headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.trim().to_owned(), serde_json::Value::String(v.to_owned())))
                .collect();
            serde_json::from_value(serde_json::Value::Object(obj)).map_err(|e| e.to_string())
        });
        Some(Ok((line, parsed)))
    })))
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
