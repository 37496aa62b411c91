//! What a person types into search: words, and filters like `status:scheduled`,
//! `tag:dan-van`, `author:lan.nguyen`, `before:01/10/2020`, `after:…`.

use jiff::civil::Date;

use super::Status;
use crate::text;

/// A parsed query. Words are folded; the last one matches as a prefix while typing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub words: Vec<String>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Dates in the newsroom's zone: before is exclusive, after inclusive of the whole day.
    pub before: Option<Date>,
    pub after: Option<Date>,
}

/// A mistake in a query, said with an example of the filter written right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error(
        "Unknown filter \"{0}\": use status:, tag:, author:, before: or after:, e.g. status:published or tag:dan-van."
    )]
    UnknownFilter(String),
    #[error(
        "The date in {filter}:{value} is not dd/mm/yyyy: write it that way, e.g. {}.",
        example(filter)
    )]
    BadDate { filter: &'static str, value: String },
    #[error(
        "Unknown status \"{0}\": use draft, submitted, scheduled, published or spiked, e.g. status:published."
    )]
    BadStatus(String),
    #[error("The filter {name}: is empty: give it a value, e.g. {}.", example(.0), name = .0)]
    EmptyFilter(String),
}

/// A filter written right, for the messages that explain a wrong one.
pub fn example(filter: &str) -> &'static str {
    match filter {
        "status" => "status:published",
        "author" => "author:lan.nguyen",
        "before" => "before:06/10/2020",
        "after" => "after:01/10/2020",
        _ => "tag:dan-van",
    }
}

impl SearchQuery {
    pub fn parse(input: &str) -> Result<SearchQuery, QueryError> {
        let mut q = SearchQuery::default();
        let mut words = String::new();
        for part in input.split_whitespace() {
            let Some((name, value)) = part.split_once(':').filter(|(n, _)| is_filter_name(n)) else {
                words.push_str(part);
                words.push(' ');
                continue;
            };
            let name = name.to_lowercase();
            if value.is_empty() {
                return Err(QueryError::EmptyFilter(name));
            }
            match name.as_str() {
                "status" => {
                    let value = value.to_lowercase();
                    q.status = Some(value.parse().map_err(|_| QueryError::BadStatus(value))?)
                }
                "tag" => q.tag = Some(text::slugify(value)),
                "author" => q.author = Some(value.to_lowercase()),
                "before" => q.before = Some(date("before", value)?),
                "after" => q.after = Some(date("after", value)?),
                _ => return Err(QueryError::UnknownFilter(name)),
            }
        }
        q.words = text::search_words(&words);
        Ok(q)
    }

    pub fn is_empty(&self) -> bool {
        *self == SearchQuery::default()
    }

    /// The FTS5 expression: every word quoted (so `NOT`, quotes and hyphens are just
    /// words), the last one a prefix. None when there are no words.
    pub fn fts(&self, prefix_last: bool) -> Option<String> {
        let n = self.words.len();
        let parts: Vec<String> = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let quoted = format!("\"{}\"", w.replace('"', "\"\""));
                if prefix_last && i + 1 == n {
                    format!("{quoted}*")
                } else {
                    quoted
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// `word:` counts as a filter only when `word` is plain letters, so "10:30" or a URL's
/// "https:" stay words.
fn is_filter_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphabetic())
        && !name.eq_ignore_ascii_case("http")
        && !name.eq_ignore_ascii_case("https")
}

fn date(filter: &'static str, value: &str) -> Result<Date, QueryError> {
    Date::strptime("%d/%m/%Y", value).map_err(|_| QueryError::BadDate {
        filter,
        value: value.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_filters() {
        let q =
            SearchQuery::parse("Tây-Hồ status:scheduled TAG:Dân-vận author:Lan.Nguyen after:01/10/2020 dong")
                .unwrap();
        assert_eq!(q.words, ["tay", "ho", "dong"]);
        assert_eq!(q.status, Some(Status::Scheduled));
        assert_eq!(q.tag.as_deref(), Some("dan-van"));
        assert_eq!(q.author.as_deref(), Some("lan.nguyen"));
        assert_eq!(q.after, Some(jiff::civil::date(2020, 10, 1)));
        assert_eq!(q.fts(true).as_deref(), Some("\"tay\" \"ho\" \"dong\"*"));
    }

    #[test]
    fn mistakes_are_sentences() {
        for (input, says, example) in [
            ("x colour:red", "Unknown filter \"colour\"", "status:published"),
            ("before:2020-10-01", "dd/mm/yyyy", "before:06/10/2020"),
            ("after:32/01/2020", "after:32/01/2020", "after:01/10/2020"),
            ("status:live", "\"live\"", "status:published"),
            ("tag:", "tag: is empty", "tag:dan-van"),
            ("author:", "author: is empty", "author:lan.nguyen"),
            ("status:", "status: is empty", "status:published"),
        ] {
            let err = SearchQuery::parse(input).unwrap_err().to_string();
            assert!(err.contains(says), "{input}: {err}");
            assert!(
                err.contains(&format!("e.g. {example}")),
                "{input} gives no example: {err}"
            );
            assert!(
                err.starts_with(char::is_uppercase),
                "{input}: not a sentence: {err}"
            );
        }
    }

    #[test]
    fn syntax_never_leaks_into_fts() {
        for input in [
            "NOT",
            "\"",
            "a OR b",
            "x* (y)",
            "NEAR(a b)",
            "-",
            "10:30",
            "https://x.example",
        ] {
            let q = SearchQuery::parse(input).unwrap();
            if let Some(fts) = q.fts(false) {
                assert!(
                    fts.split(' ').all(|t| t.starts_with('"') && t.ends_with('"')),
                    "{input} → {fts}"
                );
            }
        }
        assert_eq!(SearchQuery::parse("").unwrap(), SearchQuery::default());
    }
}
