use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{DomainError, Operation};

pub type ArticleId = i64;

/// Where an article is in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    /// Waiting for an editor, when the newsroom requires review.
    Submitted,
    Scheduled,
    Published,
    /// Set aside; reversible, never deleted.
    Spiked,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Submitted,
        Status::Scheduled,
        Status::Published,
        Status::Spiked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Spiked => "spiked",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| DomainError::Unknown {
                kind: "status",
                value: s.to_owned(),
                allowed: "draft, submitted, scheduled, published, spiked",
            })
    }
}

/// A move through the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    Submit,
    /// Send a submitted article back to its author.
    ReturnToDraft,
    Schedule,
    Unschedule,
    Publish,
    Unpublish,
    Spike,
    Unspike,
}

impl Transition {
    pub const ALL: [Transition; 8] = [
        Transition::Submit,
        Transition::ReturnToDraft,
        Transition::Schedule,
        Transition::Unschedule,
        Transition::Publish,
        Transition::Unpublish,
        Transition::Spike,
        Transition::Unspike,
    ];

    /// The one transition table: from which statuses a move is allowed, and where it leads.
    pub fn apply(self, from: Status) -> Result<Status, DomainError> {
        use Status::*;
        let to = match (self, from) {
            (Transition::Submit, Draft) => Submitted,
            (Transition::ReturnToDraft, Submitted) => Draft,
            (Transition::Schedule, Draft | Submitted) => Scheduled,
            (Transition::Unschedule, Scheduled) => Draft,
            (Transition::Publish, Draft | Submitted | Scheduled) => Published,
            (Transition::Unpublish, Published) => Draft,
            (Transition::Spike, Draft | Submitted | Scheduled) => Spiked,
            (Transition::Unspike, Spiked) => Draft,
            _ => {
                return Err(DomainError::BadTransition {
                    from,
                    transition: self,
                });
            }
        };
        Ok(to)
    }

    /// Who may make this move: the author's own right, or the wider right over anyone's article.
    pub fn operation(self, own: bool) -> Operation {
        match self {
            Transition::Publish | Transition::Unpublish | Transition::ReturnToDraft => {
                Operation::PublishArticle
            }
            Transition::Schedule | Transition::Unschedule if own => Operation::ScheduleOwnArticle,
            Transition::Schedule | Transition::Unschedule => Operation::ScheduleOthersArticle,
            _ if own => Operation::WriteOwnArticle,
            _ => Operation::WriteOthersArticle,
        }
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Transition::Submit => "be submitted",
            Transition::ReturnToDraft => "be returned to its author",
            Transition::Schedule => "be scheduled",
            Transition::Unschedule => "be unscheduled",
            Transition::Publish => "be published",
            Transition::Unpublish => "be unpublished",
            Transition::Spike => "be spiked",
            Transition::Unspike => "be brought back from the spike",
        })
    }
}

/// One thing the ready-to-publish check found missing. Photos are numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Title,
    Lead,
    Body,
    Caption(usize),
    Credit(usize),
    /// Neither alt text nor "decorative".
    Alt(usize),
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::Title => f.write_str("the title is empty"),
            Missing::Lead => f.write_str("the lead is empty"),
            Missing::Body => f.write_str("the body is empty"),
            Missing::Caption(n) => write!(f, "photo {n} has no caption"),
            Missing::Credit(n) => write!(f, "photo {n} has no credit"),
            Missing::Alt(n) => write!(f, "photo {n} has no alt text (or is not marked decorative)"),
        }
    }
}

/// The ready-to-publish check: a title, a lead and a body, and on every photo a caption,
/// a credit and alt text (or "decorative"). Everything missing, in reading order.
pub fn readiness(title: &str, lead: &str, body: &str, photos: &[Photo]) -> Vec<Missing> {
    let mut missing = Vec::new();
    for (value, item) in [
        (title, Missing::Title),
        (lead, Missing::Lead),
        (body, Missing::Body),
    ] {
        if value.trim().is_empty() {
            missing.push(item);
        }
    }
    for (i, p) in photos.iter().enumerate() {
        let n = i + 1;
        if p.caption.trim().is_empty() {
            missing.push(Missing::Caption(n));
        }
        if p.credit.trim().is_empty() {
            missing.push(Missing::Credit(n));
        }
        if p.alt.as_deref().is_none_or(|a| a.trim().is_empty()) && !p.decorative {
            missing.push(Missing::Alt(n));
        }
    }
    missing
}

/// A photo placed in an article. `alt: None` with `decorative: true` is a deliberate choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    /// The file's name in the media folder (its SHA-256 and extension), or a name the demo
    /// made up.
    pub file: String,
    pub caption: String,
    pub credit: String,
    pub alt: Option<String>,
    pub decorative: bool,
    /// Empty for photos that never passed through the media library (the demo's).
    #[serde(default)]
    pub sha256: String,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    /// Its 1-based place among the article's photos: the N of `article photo set ID N`.
    #[serde(default)]
    pub position: usize,
    /// The body paragraph it follows (0: before the first); none: after the body, unless a
    /// `![[N]]` line in the body places it.
    #[serde(default)]
    pub after_paragraph: Option<u32>,
}

/// An article as the store holds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub dateline: String,
    pub lead: String,
    pub body: String,
    pub byline: String,
    pub status: Status,
    pub author: String,
    pub tags: Vec<super::Tag>,
    pub photos: Vec<Photo>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub scheduled_at: Option<Timestamp>,
    pub published_at: Option<Timestamp>,
    /// IANA zone the schedule was chosen in.
    pub zone: String,
    pub version: i64,
    /// The wall time typed for the schedule, in `zone` (`HH:MM dd/mm/yyyy`).
    pub scheduled_wall: String,
    /// Why a due schedule was not published yet (the ready-to-publish check).
    pub held_because: String,
    /// How late the scheduled publication went out, in minutes.
    pub late_minutes: Option<i64>,
    /// The last public correction of the live article, and its note.
    pub corrected_at: Option<Timestamp>,
    pub updated_note: String,
    /// Slugs it had before; they still lead to it.
    pub old_slugs: Vec<String>,
}

impl Article {
    /// Once live, an article keeps its address; only an editor changes it, on purpose.
    pub fn ever_published(&self) -> bool {
        self.published_at.is_some()
    }

    /// What stops this article from going live, if anything: the ready-to-publish check,
    /// every missing item named (`the lead is empty; photo 2 has no credit`).
    pub fn not_ready(&self) -> Option<String> {
        let missing = readiness(&self.title, &self.lead, &self.body, &self.photos);
        (!missing.is_empty()).then(|| {
            missing
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    /// The parts a person edits.
    pub fn text(&self) -> ArticleText {
        ArticleText {
            title: self.title.clone(),
            dateline: self.dateline.clone(),
            lead: self.lead.clone(),
            body: self.body.clone(),
            byline: self.byline.clone(),
            slug: self.slug.clone(),
        }
    }
}

/// Everything the editor changes, as one value: what a save, an autosave and a revision hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleText {
    pub title: String,
    pub dateline: String,
    pub lead: String,
    pub body: String,
    pub byline: String,
    pub slug: String,
}

impl ArticleText {
    /// Vietnamese is read at about 200 words (syllables) a minute.
    const WORDS_PER_MINUTE: usize = 200;

    /// Words a reader reads: the lead and the body.
    pub fn words(&self) -> usize {
        self.lead.split_whitespace().count() + self.body.split_whitespace().count()
    }

    /// Whole minutes, rounded up; an empty article takes none.
    pub fn reading_minutes(&self) -> usize {
        Self::minutes_for(self.words())
    }

    pub fn minutes_for(words: usize) -> usize {
        words.div_ceil(Self::WORDS_PER_MINUTE)
    }

    pub fn validate(&self) -> Result<(), DomainError> {
        ArticleDraft {
            title: self.title.clone(),
            dateline: self.dateline.clone(),
            lead: String::new(),
            body: String::new(),
            byline: self.byline.clone(),
        }
        .validate_lengths()
    }
}

/// What a person writes to start an article; validated before it reaches the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: String,
    pub dateline: String,
    pub lead: String,
    pub body: String,
    pub byline: String,
}

impl ArticleDraft {
    pub const MAX_TITLE: usize = 200;
    pub const MAX_DATELINE: usize = 40;
    pub const MAX_BYLINE: usize = 120;

    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Empty { field: "title" });
        }
        self.validate_lengths()
    }

    /// A draft being written may still lack a title; it may not overflow a field.
    fn validate_lengths(&self) -> Result<(), DomainError> {
        for (field, text, max) in [
            ("title", &self.title, Self::MAX_TITLE),
            ("dateline", &self.dateline, Self::MAX_DATELINE),
            ("byline", &self.byline, Self::MAX_BYLINE),
        ] {
            let len = text.chars().count();
            if len > max {
                return Err(DomainError::TooLong { field, len, max });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;
    use Transition::*;

    #[test]
    fn transition_table_allows_exactly_these_moves() {
        let allowed = [
            (Submit, Draft, Submitted),
            (ReturnToDraft, Submitted, Draft),
            (Schedule, Draft, Scheduled),
            (Schedule, Submitted, Scheduled),
            (Unschedule, Scheduled, Draft),
            (Publish, Draft, Published),
            (Publish, Submitted, Published),
            (Publish, Scheduled, Published),
            (Unpublish, Published, Draft),
            (Spike, Draft, Spiked),
            (Spike, Submitted, Spiked),
            (Spike, Scheduled, Spiked),
            (Unspike, Spiked, Draft),
        ];
        for t in Transition::ALL {
            for from in Status::ALL {
                let expected = allowed
                    .iter()
                    .find(|(a, f, _)| *a == t && *f == from)
                    .map(|x| x.2);
                match expected {
                    Some(to) => assert_eq!(t.apply(from), Ok(to), "{t:?} from {from}"),
                    None => assert_eq!(
                        t.apply(from),
                        Err(DomainError::BadTransition { from, transition: t }),
                        "{t:?} from {from} must be refused"
                    ),
                }
            }
        }
    }

    #[test]
    fn the_checklist_names_everything_missing_in_reading_order() {
        let photo = |caption: &str, credit: &str, alt: Option<&str>, decorative| Photo {
            file: "a.jpg".into(),
            caption: caption.into(),
            credit: credit.into(),
            alt: alt.map(str::to_owned),
            decorative,
            ..Photo::default()
        };
        assert_eq!(readiness("T", "L", "B", &[]), vec![]);
        assert_eq!(readiness(" ", "", "B", &[]), vec![Missing::Title, Missing::Lead]);
        let photos = [
            photo("Chú thích", "Ảnh: Lan", Some("Mô tả"), false),
            photo("", " ", None, false),
            photo("Chú thích", "Ảnh: Lan", None, true),
            photo("Chú thích", "Ảnh: Lan", Some("  "), false),
        ];
        assert_eq!(
            readiness("T", "L", "", &photos),
            vec![
                Missing::Body,
                Missing::Caption(2),
                Missing::Credit(2),
                Missing::Alt(2),
                Missing::Alt(4)
            ]
        );
        assert_eq!(Missing::Credit(2).to_string(), "photo 2 has no credit");
    }

    #[test]
    fn draft_needs_a_title_and_bounded_fields() {
        let mut d = ArticleDraft {
            title: "  ".into(),
            ..Default::default()
        };
        assert_eq!(d.validate(), Err(DomainError::Empty { field: "title" }));
        d.title = "Hồ Tây mùa sen".into();
        assert_eq!(d.validate(), Ok(()));
        d.dateline = "x".repeat(41);
        assert!(matches!(
            d.validate(),
            Err(DomainError::TooLong {
                field: "dateline",
                ..
            })
        ));
    }

    #[test]
    fn words_and_reading_time_count_the_lead_and_body() {
        let mut t = ArticleText {
            title: "Không tính tiêu đề".into(),
            ..Default::default()
        };
        assert_eq!((t.words(), t.reading_minutes()), (0, 0));
        t.lead = "Sáng 6/10, quận Tây Hồ".into();
        t.body = "tổ chức\n\ngặp mặt ".repeat(100);
        assert_eq!(t.words(), 5 + 400);
        assert_eq!(t.reading_minutes(), 3);
    }

    /// Which right each move needs, own article or another's: the other half of the workflow.
    #[test]
    fn each_move_needs_its_right() {
        use Operation::*;
        let table = [
            (Submit, WriteOwnArticle, WriteOthersArticle),
            (ReturnToDraft, PublishArticle, PublishArticle),
            (Schedule, ScheduleOwnArticle, ScheduleOthersArticle),
            (Unschedule, ScheduleOwnArticle, ScheduleOthersArticle),
            (Publish, PublishArticle, PublishArticle),
            (Unpublish, PublishArticle, PublishArticle),
            (Spike, WriteOwnArticle, WriteOthersArticle),
            (Unspike, WriteOwnArticle, WriteOthersArticle),
        ];
        assert_eq!(table.len(), Transition::ALL.len());
        for (t, own, others) in table {
            assert_eq!((t.operation(true), t.operation(false)), (own, others), "{t:?}");
        }
    }

    #[test]
    fn refusals_name_the_move_and_the_status() {
        let said: Vec<String> = Transition::ALL
            .iter()
            .map(|t| t.apply(Spiked).map_or_else(|e| e.to_string(), |_| String::new()))
            .collect();
        assert!(said.contains(&"an article cannot be published while it is spiked".to_owned()));
        let words: std::collections::HashSet<_> = Transition::ALL.iter().map(|t| t.to_string()).collect();
        assert_eq!(words.len(), Transition::ALL.len(), "every move is named apart");
        assert!(words.iter().all(|w| w.starts_with("be ")), "{words:?}");
    }

    /// Every limit is inclusive and counts characters, not bytes: a 200-letter Vietnamese
    /// title fits although it takes more than 200 bytes.
    #[test]
    fn limits_are_inclusive_and_count_characters() {
        let fields = [
            ("title", ArticleDraft::MAX_TITLE),
            ("dateline", ArticleDraft::MAX_DATELINE),
            ("byline", ArticleDraft::MAX_BYLINE),
        ];
        for (field, max) in fields {
            let draft = |len: usize| {
                let mut d = ArticleDraft {
                    title: "Hồ Tây".into(),
                    ..Default::default()
                };
                let text = "ồ".repeat(len);
                match field {
                    "title" => d.title = text,
                    "dateline" => d.dateline = text,
                    _ => d.byline = text,
                }
                d
            };
            assert_eq!(draft(max).validate(), Ok(()), "{field} at {max}");
            let too_long = Err(DomainError::TooLong {
                field,
                len: max + 1,
                max,
            });
            assert_eq!(draft(max + 1).validate(), too_long, "{field} past {max}");
            let d = draft(max + 1);
            let text = ArticleText {
                title: d.title,
                dateline: d.dateline,
                byline: d.byline,
                ..Default::default()
            };
            assert_eq!(text.validate(), too_long, "saving a text with a long {field}");
        }
    }

    /// A text being saved may lack a title (a draft in progress) and has no limit on the
    /// lead or the body.
    #[test]
    fn saved_text_checks_only_the_short_fields() {
        let text = ArticleText {
            lead: "chữ ".repeat(1_000),
            body: "chữ ".repeat(100_000),
            ..Default::default()
        };
        assert_eq!(text.validate(), Ok(()));
    }

    #[test]
    fn statuses_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>(), Ok(s));
        }
        assert!("live".parse::<Status>().is_err());
    }
}
