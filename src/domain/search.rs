//! What a person types into search: words, and filters like `status:scheduled`,
//! `tag:dan-van`, `author:lan.nguyen`, `before:01/10/2020`, `after:…`.

use jiff::civil::Date;

use super::Status;
use crate::text;

/// A parsed query. Words are folded; the last one matches as a prefix while typing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Every word of every term, folded: what highlighting looks for.
    pub words: Vec<String>,
    /// What must match, in the order typed: single words, and quoted phrases.
    pub terms: Vec<Term>,
    /// Whether the last word is still being typed (matched as a prefix): not once the query
    /// ends with a closing quote.
    pub open_end: bool,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub author: Option<String>,
    /// Dates in the newsroom's zone: before is exclusive, after inclusive of the whole day.
    pub before: Option<Date>,
    pub after: Option<Date>,
}

/// One thing a query asks for: a word, or a quoted phrase whose words stand together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    /// Folded: what the index holds.
    pub folded: Vec<String>,
    /// As typed, lowercase: when they carry accents, matches with those accents rank first.
    pub typed: Vec<String>,
}

impl Term {
    /// Whether the person typed an accent (or đ) in it.
    pub fn is_accented(&self) -> bool {
        self.typed != self.folded
    }
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
        // Between quotes (odd pieces) is a phrase, filters included; an unclosed quote runs
        // to the end, as it does while the closing one is being typed.
        for (i, piece) in input.split('"').enumerate() {
            if i % 2 == 1 {
                q.push_term(piece);
                continue;
            }
            for part in piece.split_whitespace() {
                q.parse_part(part)?;
            }
        }
        q.words = q.terms.iter().flat_map(|t| t.folded.clone()).collect();
        let closed = input.matches('"').count().is_multiple_of(2) && input.trim_end().ends_with('"');
        q.open_end = !q.terms.is_empty() && !closed;
        Ok(q)
    }

    /// A query given whole, as on the command line: every word is complete, unless the
    /// last one ends in `*` (`nguyen v*`), which asks for every word it begins. The screen's
    /// search, which follows the typing, takes the last word as a prefix instead (`parse`).
    /// A prefix of three letters or more reads every word that begins with it in the
    /// index: tens of milliseconds for a common one on a big store, for words nobody asked for.
    pub fn parse_complete(input: &str) -> Result<SearchQuery, QueryError> {
        let mut q = SearchQuery::parse(input)?;
        q.open_end = q.open_end && input.trim_end().ends_with('*');
        Ok(q)
    }

    /// The words of `text` as one term: a phrase when there are several.
    fn push_term(&mut self, text: &str) {
        let (typed, folded): (Vec<String>, Vec<String>) = text::query_words(text).into_iter().unzip();
        if !folded.is_empty() {
            self.terms.push(Term { folded, typed });
        }
    }

    fn parse_part(&mut self, part: &str) -> Result<(), QueryError> {
        let q = self;
        let Some((name, value)) = part.split_once(':').filter(|(n, _)| is_filter_name(n)) else {
            // Outside quotes every word is a term of its own (`Tây-Hồ` is two).
            for (typed, folded) in text::query_words(part) {
                q.terms.push(Term {
                    folded: vec![folded],
                    typed: vec![typed],
                });
            }
            return Ok(());
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
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        *self == SearchQuery::default()
    }

    /// The FTS5 expression: every term quoted (so `NOT`, quotes and hyphens are just
    /// words, and a phrase's words must stand together), the last one a prefix while it is
    /// being typed. None when there are no words.
    pub fn fts(&self, prefix_last: bool) -> Option<String> {
        // A phrase too full of `d`s to spell every way is matched word by word.
        let groups: Vec<Vec<String>> = self
            .terms
            .iter()
            .flat_map(|t| {
                if t.folded.iter().map(|w| w.matches('d').count()).sum::<usize>() > D_MOST {
                    t.folded.iter().map(|w| vec![w.clone()]).collect()
                } else {
                    vec![t.folded.clone()]
                }
            })
            .collect();
        let n = groups.len();
        let parts: Vec<String> = groups
            .iter()
            .enumerate()
            .map(|(i, words)| {
                let star = if prefix_last && self.open_end && i + 1 == n {
                    "*"
                } else {
                    ""
                };
                let spellings: Vec<String> = d_spellings(&words.join(" "))
                    .iter()
                    .map(|s| format!("\"{}\"{star}", s.replace('"', "\"\"")))
                    .collect();
                match spellings.as_slice() {
                    [one] => one.clone(),
                    _ => format!("({})", spellings.join(" OR ")),
                }
            })
            .collect();
        // FTS5 takes no implicit AND next to a parenthesised group.
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }

    /// The terms typed with accents, for `text::has_exact`: None when none was, and the
    /// query matches accents or not alike.
    pub fn accented(&self) -> Option<crate::text::Exact> {
        let last = self.terms.len().saturating_sub(1);
        let phrases: Vec<(Vec<String>, bool)> = self
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_accented())
            .map(|(i, t)| (t.typed.clone(), self.open_end && i == last))
            .collect();
        (!phrases.is_empty()).then_some(crate::text::Exact { phrases })
    }
}

const D_LIMIT: usize = 3;
const D_MOST: usize = 6;

/// Every way the index may spell folded `text`. The index folds accents itself (SQLite's
/// `remove_diacritics 2`) but keeps `đ` and `ð`, which have no decomposition: each `d`
/// typed may stand for any of the three. Past `D_LIMIT` of them, `ð` (legacy text only)
/// is left out, so a phrase stays a handful of alternatives; past `D_MOST` its words are
/// matched one by one.
fn d_spellings(text: &str) -> Vec<String> {
    let ds = text.matches('d').count();
    let options: &[char] = if ds <= D_LIMIT {
        &['d', 'đ', 'ð']
    } else {
        &['d', 'đ']
    };
    let mut out = vec![String::new()];
    for c in text.chars() {
        if c == 'd' {
            out = out
                .iter()
                .flat_map(|s| options.iter().map(move |o| format!("{s}{o}")))
                .collect();
        } else {
            out.iter_mut().for_each(|s| s.push(c));
        }
    }
    out
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
        assert_eq!(
            q.fts(true).as_deref(),
            Some("\"tay\" AND \"ho\" AND (\"dong\"* OR \"đong\"* OR \"ðong\"*)")
        );
    }

    /// (typed, the FTS expression, the terms typed with accents)
    #[test]
    fn phrases_and_accents_table() {
        let table: [(&str, &str, Option<&str>); 6] = [
            ("\"tây hồ\"", "\"tay ho\"", Some("tây hồ")),
            ("\"tay ho\" mua", "\"tay ho\" AND \"mua\"*", None),
            ("\"tay h", "\"tay h\"*", None),
            (
                "Đồng chí",
                "(\"dong\" OR \"đong\" OR \"ðong\") AND \"chi\"*",
                Some("đồng\nchí*"),
            ),
            (
                "dong chi",
                "(\"dong\" OR \"đong\" OR \"ðong\") AND \"chi\"*",
                None,
            ),
            ("\"status:live\" x", "\"status live\" AND \"x\"*", None),
        ];
        for (typed, fts, accented) in table {
            let q = SearchQuery::parse(typed).unwrap();
            assert_eq!(q.fts(true).as_deref(), Some(fts), "{typed}");
            assert_eq!(
                q.accented().map(|e| e.to_pattern()).as_deref(),
                accented,
                "{typed}"
            );
        }
        assert_eq!(SearchQuery::parse("\"tay ho\"").unwrap().words, ["tay", "ho"]);
        // Eight `d`s in one phrase: its words are matched one by one, each spelled 9 ways.
        let many = SearchQuery::parse("\"dd dd dd dd\"").unwrap().fts(true).unwrap();
        assert_eq!((many.matches('(').count(), many.matches(" OR ").count()), (4, 32));
    }

    /// (typed on the command line, the FTS expression): whole words unless a `*` ends it.
    #[test]
    fn a_complete_query_has_whole_words_unless_a_star_ends_it() {
        for (typed, fts) in [
            ("dong chi", "(\"dong\" OR \"đong\" OR \"ðong\") AND \"chi\""),
            ("nguyen v*", "\"nguyen\" AND \"v\"*"),
            ("nguyen v *", "\"nguyen\" AND \"v\"*"),
            ("nguy* van", "\"nguy\" AND \"van\""),
            ("\"tay ho\"", "\"tay ho\""),
            ("\"tay h\"*", "\"tay h\"*"),
            ("tay ho status:published", "\"tay\" AND \"ho\""),
        ] {
            let q = SearchQuery::parse_complete(typed).unwrap();
            assert_eq!(q.fts(true).as_deref(), Some(fts), "{typed}");
        }
        let q = SearchQuery::parse_complete("Đồng chí").unwrap();
        assert_eq!(q.accented().map(|e| e.to_pattern()).as_deref(), Some("đồng\nchí"));
        let q = SearchQuery::parse_complete("Đồng ch*").unwrap();
        assert_eq!(q.accented().map(|e| e.to_pattern()).as_deref(), Some("đồng"));
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
                let bare = fts.replace(['(', ')'], "");
                assert!(
                    bare.split(' ')
                        .all(|t| t == "OR" || t == "AND" || (t.starts_with('"') && t.ends_with('"'))),
                    "{input} → {fts}"
                );
            }
        }
        assert_eq!(SearchQuery::parse("").unwrap(), SearchQuery::default());
    }
}
