//! The rules every reader comment passes on arrival, and the form it arrives through.
//! Pure: the store gathers the facts (history, last comment from the address), the rules
//! decide, and every decision names the rule and the words or links it matched.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::Allowance;
use crate::text;

/// What the moderation rules look for; every field can be set in the config file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Hold a comment with this many links or more.
    pub hold_links: usize,
    /// Hold the first comment of a name + phone that has nothing approved yet.
    pub hold_first_time: bool,
    /// Flood control: a reader (an IPv4 address, an IPv6 /64) may send `flood_burst`
    /// comments at once, and gets the whole allowance back over this many seconds, one
    /// comment every `flood_seconds / flood_burst` (see `Allowance`). 0 turns it off.
    pub flood_seconds: i64,
    /// Hold a comment whose text was already sent.
    pub hold_repeats: bool,
    /// Reject a comment containing any of these (matched without diacritics).
    pub banned_words: Vec<String>,
    /// Hold a comment containing any of these (matched without diacritics).
    pub suspect_words: Vec<String>,
    /// Publish a comment that no rule holds; when false every comment waits for a moderator.
    pub auto_approve: bool,
    /// Comments one reader may send at once (see `flood_seconds`); at least 1.
    pub flood_burst: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            hold_links: 2,
            hold_first_time: true,
            flood_seconds: 15,
            hold_repeats: true,
            banned_words: Vec::new(),
            suspect_words: Vec::new(),
            auto_approve: true,
            // Readers behind one carrier NAT share an address: a few neighbours may comment
            // on the same story within seconds.
            flood_burst: 3,
        }
    }
}

impl Rules {
    /// A burst of 0 would refuse every reader: say so instead.
    pub fn check(&self) -> Result<(), String> {
        if self.flood_burst == 0 {
            return Err("[moderation] flood_burst must be at least 1 (set flood_seconds = 0 to turn flood control off)".into());
        }
        Ok(())
    }
}

/// Which rule decided, as stored in `held_by_rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Links,
    FirstTime,
    Repeat,
    BannedWord,
    SuspectWord,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Links => "links",
            Rule::FirstTime => "first_time",
            Rule::Repeat => "repeat",
            Rule::BannedWord => "banned_word",
            Rule::SuspectWord => "suspect_word",
        }
    }
}

/// What the store knows about the sender before the comment is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Something under this name + phone was approved before.
    pub known_author: bool,
    /// The same text (folded) arrived before.
    pub repeated_text: bool,
    /// The reader's (address or /64) recent comments, newest first, as far back as they
    /// bear on their allowance (`Allowance::reaches`).
    pub recent_from_reader: Vec<Timestamp>,
}

/// The outcome of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    /// Waits for a moderator; `rule` is None when the site moderates everything first.
    Hold {
        rule: Option<Rule>,
        matched: Vec<String>,
    },
    /// Stored as rejected; the sender is told no more than for a held comment.
    Reject {
        rule: Rule,
        matched: Vec<String>,
    },
    /// Not stored at all: the reader spent their allowance, and the next comment of it
    /// comes back after `wait`.
    Flood {
        wait: SignedDuration,
    },
}

/// Decides a comment. Order matters: flood first (nothing is stored), then banned words,
/// then the reasons to hold, most telling first.
pub fn judge(rules: &Rules, form: &CommentForm, facts: &Facts, now: Timestamp) -> Verdict {
    if let Some(wait) = Allowance::of(rules).and_then(|a| a.wait(&facts.recent_from_reader, now)) {
        return Verdict::Flood { wait };
    }
    let all = format!("{}\n{}\n{}", form.name, form.title, form.content);
    let banned = matching_words(&all, &rules.banned_words);
    if !banned.is_empty() {
        return Verdict::Reject {
            rule: Rule::BannedWord,
            matched: banned,
        };
    }
    let found = links(&all);
    if rules.hold_links > 0 && found.len() >= rules.hold_links {
        return Verdict::Hold {
            rule: Some(Rule::Links),
            matched: found,
        };
    }
    let suspect = matching_words(&all, &rules.suspect_words);
    if !suspect.is_empty() {
        return Verdict::Hold {
            rule: Some(Rule::SuspectWord),
            matched: suspect,
        };
    }
    if rules.hold_repeats && facts.repeated_text {
        return Verdict::Hold {
            rule: Some(Rule::Repeat),
            matched: Vec::new(),
        };
    }
    if rules.hold_first_time && !facts.known_author {
        return Verdict::Hold {
            rule: Some(Rule::FirstTime),
            matched: Vec::new(),
        };
    }
    if rules.auto_approve {
        Verdict::Approve
    } else {
        Verdict::Hold {
            rule: None,
            matched: Vec::new(),
        }
    }
}

/// The words of `list` found in `text`, compared without case or diacritics, as whole
/// words or phrases ("cá độ" finds "CA DO" but not "cadong").
pub fn matching_words(text: &str, list: &[String]) -> Vec<String> {
    let folded = format!(" {} ", words_only(&text::fold(text)));
    list.iter()
        .filter(|w| {
            let key = words_only(&text::fold(w));
            !key.is_empty() && folded.contains(&format!(" {key} "))
        })
        .cloned()
        .collect()
}

fn words_only(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Links in the text, as written: `http://…`, `https://…` and bare `www.…`.
pub fn links(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')'))
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
        })
        .map(|w| w.trim_end_matches(['.', ',', ';', ':', '!', '?']).to_owned())
        .collect()
}

/// The reader's form, as the seed's "Viết bình luận" has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentForm {
    pub name: String,
    pub phone: String,
    pub title: String,
    pub content: String,
}

/// One thing wrong with a submitted form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("{field} is required")]
    Missing { field: &'static str },
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("phone is not a Vietnamese phone number (e.g. 0912 345 678 or +84 912 345 678)")]
    BadPhone,
}

impl FormError {
    pub fn field(&self) -> &'static str {
        match self {
            FormError::Missing { field } | FormError::TooLong { field, .. } => field,
            FormError::BadPhone => "phone",
        }
    }
}

impl CommentForm {
    pub const MAX_NAME: usize = 80;
    pub const MAX_PHONE: usize = 20;
    pub const MAX_TITLE: usize = 200;
    pub const MAX_CONTENT: usize = 5000;

    /// NFC everywhere, line breaks normalised, the phone in its plain form. Raw otherwise:
    /// nothing is stripped, so moderators see what was sent (sanitised when drawn).
    pub fn normalized(&self) -> CommentForm {
        CommentForm {
            name: text::nfc(self.name.trim()),
            phone: self.phone.trim().to_owned(),
            title: text::nfc(self.title.trim()),
            content: text::normalize_input(self.content.trim()),
        }
    }

    /// Every problem at once, so the reader can fix the form in one go.
    pub fn validate(&self) -> Result<CommentForm, Vec<FormError>> {
        let form = self.normalized();
        let mut errors = Vec::new();
        for (field, value, max) in [
            ("name", &form.name, Self::MAX_NAME),
            ("title", &form.title, Self::MAX_TITLE),
            ("content", &form.content, Self::MAX_CONTENT),
        ] {
            let len = value.chars().count();
            if value.trim().is_empty() {
                errors.push(FormError::Missing { field });
            } else if len > max {
                errors.push(FormError::TooLong { field, len, max });
            }
        }
        let phone = if form.phone.is_empty() {
            Some(String::new())
        } else if form.phone.chars().count() > Self::MAX_PHONE {
            None
        } else {
            vietnamese_phone(&form.phone)
        };
        match phone {
            Some(phone) if errors.is_empty() => Ok(CommentForm { phone, ..form }),
            Some(_) => Err(errors),
            None => {
                errors.push(FormError::BadPhone);
                Err(errors)
            }
        }
    }
}

/// A Vietnamese number in its plain national form: mobiles `0[35789]` + 8 digits, landlines
/// `02` + 9 digits; `+84`/`84` prefixes, spaces, dots and dashes are accepted.
pub fn vietnamese_phone(raw: &str) -> Option<String> {
    let digits: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+84") {
        format!("0{rest}")
    } else if digits.starts_with("84") && digits.len() == 11 {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let ok = national.chars().all(|c| c.is_ascii_digit())
        && match national.as_bytes() {
            [b'0', b'3' | b'5' | b'7' | b'8' | b'9', ..] => national.len() == 10,
            [b'0', b'2', ..] => national.len() == 11,
            _ => false,
        };
    ok.then_some(national)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, title: &str, content: &str) -> CommentForm {
        CommentForm {
            name: name.into(),
            phone: String::new(),
            title: title.into(),
            content: content.into(),
        }
    }

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// Each comment and the rule it triggers, with the facts the store would have found.
    #[test]
    fn the_rule_table() {
        let rules = Rules {
            banned_words: vec!["cá độ".into(), "lừa đảo".into()],
            suspect_words: vec!["vay tiền".into()],
            ..Rules::default()
        };
        let now = t("2026-11-28T03:00:00Z");
        let known = Facts {
            known_author: true,
            ..Facts::default()
        };
        let cases: Vec<(&str, CommentForm, Facts, Verdict)> = vec![
            (
                "a regular reader",
                form("Lan", "Hay", "Bài viết rất hay"),
                known.clone(),
                Verdict::Approve,
            ),
            (
                "a first-time reader",
                form("Mai", "Hỏi", "Khi nào sửa đường?"),
                Facts::default(),
                Verdict::Hold {
                    rule: Some(Rule::FirstTime),
                    matched: vec![],
                },
            ),
            (
                "two links",
                form("Lan", "Xem", "https://a.example và www.b.example."),
                known.clone(),
                Verdict::Hold {
                    rule: Some(Rule::Links),
                    matched: vec!["https://a.example".into(), "www.b.example".into()],
                },
            ),
            (
                "one link is fine",
                form("Lan", "Nguồn", "Theo https://tin.example"),
                known.clone(),
                Verdict::Approve,
            ),
            (
                "a banned word without accents",
                form("Lan", "KEO", "Vào đây CA DO bóng đá"),
                known.clone(),
                Verdict::Reject {
                    rule: Rule::BannedWord,
                    matched: vec!["cá độ".into()],
                },
            ),
            (
                "a banned word in the name",
                form("Lừa đảo Co", "x", "y"),
                known.clone(),
                Verdict::Reject {
                    rule: Rule::BannedWord,
                    matched: vec!["lừa đảo".into()],
                },
            ),
            (
                "not inside another word",
                form("Lan", "x", "cadong"),
                known.clone(),
                Verdict::Approve,
            ),
            (
                "a suspect phrase",
                form("Lan", "Cần", "Ai cho VAY TIỀN không"),
                known.clone(),
                Verdict::Hold {
                    rule: Some(Rule::SuspectWord),
                    matched: vec!["vay tiền".into()],
                },
            ),
            (
                "a repeat",
                form("Lan", "Hay", "Bài viết rất hay"),
                Facts {
                    known_author: true,
                    repeated_text: true,
                    ..Facts::default()
                },
                Verdict::Hold {
                    rule: Some(Rule::Repeat),
                    matched: vec![],
                },
            ),
            (
                "a flood: three comments 2 s ago spent the allowance",
                form("Lan", "Hay", "Lần nữa"),
                Facts {
                    known_author: true,
                    recent_from_reader: vec![t("2026-11-28T02:59:58Z"); 3],
                    ..Facts::default()
                },
                Verdict::Flood {
                    wait: SignedDuration::from_secs(3),
                },
            ),
            (
                "not a flood: two comments leave one",
                form("Lan", "Hay", "Lần nữa"),
                Facts {
                    known_author: true,
                    recent_from_reader: vec![t("2026-11-28T02:59:58Z"); 2],
                    ..Facts::default()
                },
                Verdict::Approve,
            ),
            (
                "not a flood: one comment is back 5 s after three",
                form("Lan", "Hay", "Lần nữa"),
                Facts {
                    known_author: true,
                    recent_from_reader: vec![t("2026-11-28T02:59:55Z"); 3],
                    ..Facts::default()
                },
                Verdict::Approve,
            ),
        ];
        for (what, f, facts, want) in cases {
            assert_eq!(judge(&rules, &f, &facts, now), want, "{what}");
        }
        let strict = Rules {
            auto_approve: false,
            ..Rules::default()
        };
        assert_eq!(
            judge(&strict, &form("Lan", "a", "b"), &known, now),
            Verdict::Hold {
                rule: None,
                matched: vec![]
            }
        );
    }

    #[test]
    fn phones() {
        for (raw, want) in [
            ("0912345678", Some("0912345678")),
            ("0912 345 678", Some("0912345678")),
            ("+84 912 345 678", Some("0912345678")),
            ("84912345678", Some("0912345678")),
            ("091.234.5678", Some("0912345678")),
            ("02438251234", Some("02438251234")),
            ("091234567", None),
            ("0112345678", None),
            ("abc", None),
            ("+1 555 123 4567", None),
        ] {
            assert_eq!(vietnamese_phone(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn forms_report_every_problem() {
        let bad = CommentForm {
            name: " ".into(),
            phone: "12".into(),
            title: "x".repeat(201),
            content: String::new(),
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(FormError::field).collect();
        assert_eq!(fields, ["name", "title", "content", "phone"]);
        let good = CommentForm {
            name: "Ho\u{302}\u{300} Lan".into(),
            phone: "+84 912 345 678".into(),
            title: "Hỏi".into(),
            content: "a\r\nb".into(),
        };
        let ok = good.validate().unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.phone.as_str(), ok.content.as_str()),
            ("Hồ Lan", "0912345678", "a\nb")
        );
    }
}
