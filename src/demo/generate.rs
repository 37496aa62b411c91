//! Made-up articles and comments from `words`: realistic lengths, tags, photos, a mix of
//! statuses, and a comment queue with every state and held rule. Pure: time is a
//! parameter and the randomness is seeded.

use jiff::{SignedDuration, Timestamp};

use super::rng::Rng;
use super::words::*;
use crate::domain::{ArticleDraft, CommentStatus, Photo, Rule, Status};
use crate::store::{NewComment, SampleOutcome, SeedArticle};

/// The logins articles and decisions are attributed to.
#[derive(Debug, Clone)]
pub struct People {
    pub reporters: Vec<String>,
    pub editors: Vec<String>,
}

/// A published article comments can go to.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub id: i64,
    pub published_at: Timestamp,
}

fn fill(rng: &mut Rng, template: &str) -> String {
    template
        .replace("{n}", &rng.range(2, 40).to_string())
        .replace("{big}", &rng.range(120, 4_000).to_string())
        .replace("{place}", rng.word(PLACES))
}

fn person(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.word(FAMILY), rng.word(MIDDLE), rng.word(GIVEN))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn sentence(rng: &mut Rng, place: &str) -> String {
    match rng.range(0, 5) {
        0 => format!(
            "{}, {} {place} {} {} {}.",
            rng.word(OPENERS),
            rng.word(BODIES),
            rng.word(DEEDS),
            rng.word(WORKS),
            rng.word(OUTCOMES)
        ),
        1 => {
            let fact = rng.word(FACTS);
            format!("{}.", capitalised(&fill(rng, fact)))
        }
        2 => {
            let fact = rng.word(FACTS);
            let fact = fill(rng, fact);
            format!("Theo {}, {fact}.", rng.word(CITY_BODIES))
        }
        3 => format!(
            "“{}”, ông {}, {} {place}, cho biết.",
            rng.word(QUOTES),
            person(rng),
            rng.word(ROLES).to_lowercase()
        ),
        4 => (rng.word(FOLLOW_UPS)).to_owned(),
        _ => format!(
            "Bên cạnh {}, {} còn {} {}.",
            rng.word(WORKS),
            rng.word(CITY_BODIES),
            rng.word(DEEDS),
            rng.word(WORKS)
        ),
    }
}

fn paragraph(rng: &mut Rng, place: &str, sentences: u64) -> String {
    (0..sentences)
        .map(|_| sentence(rng, place))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Article number `n` (its slug carries it), first written at `created_at`.
pub fn article(rng: &mut Rng, n: u64, created_at: Timestamp, now: Timestamp, people: &People) -> SeedArticle {
    let place = rng.word(PLACES);
    let work = rng.word(WORKS);
    let title = match rng.range(0, 2) {
        0 => format!(
            "{place}: {} {work} {}",
            capitalised(rng.word(DEEDS)),
            rng.word(OUTCOMES)
        ),
        1 => format!("{} {work} ở {place}", capitalised(rng.word(DEEDS))),
        _ => format!("Người dân {place} mong {work} sớm hoàn thành"),
    };
    let paragraphs = rng.range(3, 10);
    let body = (0..paragraphs)
        .map(|_| {
            let n = rng.range(2, 4);
            paragraph(rng, place, n)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let age = now.duration_since(created_at);
    let recent = age < SignedDuration::from_hours(72);
    let status = match (recent, rng.range(0, 99)) {
        (true, 0..=29) => Status::Draft,
        (true, 30..=39) => Status::Submitted,
        (true, 40..=54) => Status::Scheduled,
        (_, 0..=3) => Status::Draft,
        (_, 4..=6) => Status::Spiked,
        _ => Status::Published,
    };
    let tags = (0..rng.range(1, 3))
        .map(|_| (rng.word(TAGS)).to_owned())
        .collect();
    let photos = (0..rng.range(0, 3))
        .map(|k| {
            let decorative = rng.chance(0.1);
            Photo {
                file: format!("sinh-{n}-{k}.jpg"),
                caption: format!("{} {work} tại {place}", capitalised(rng.word(DEEDS))),
                credit: (rng.word(CREDITS)).to_owned(),
                alt: (!decorative).then(|| format!("Toàn cảnh {work} nhìn từ trên cao, người dân qua lại")),
                decorative,
                sha256: String::new(),
                width: None,
                height: None,
                position: 0,
                after_paragraph: Some(rng.range(0, paragraphs) as u32),
            }
        })
        .collect();
    let slug = format!("{}-{n}", crate::text::slugify(&title));
    SeedArticle {
        draft: ArticleDraft {
            lead: paragraph(rng, place, 2),
            title,
            dateline: "HNP".to_owned(),
            body,
            byline: if rng.chance(0.3) {
                "Nhóm PV".to_owned()
            } else {
                person(rng)
            },
        },
        slug,
        status,
        author: rng.pick(&people.reporters).clone(),
        tags,
        photos,
        created_at,
        scheduled_at: (status == Status::Scheduled)
            .then(|| now + SignedDuration::from_mins(rng.range(30, 72 * 60) as i64)),
        published_at: (status == Status::Published)
            .then(|| created_at + SignedDuration::from_mins(rng.range(20, 180) as i64)),
    }
}

/// A reader's comment on `on`, sent some time after publication, with a plausible outcome.
pub fn comment(rng: &mut Rng, on: Target, now: Timestamp, editors: &[String]) -> (NewComment, SampleOutcome) {
    let window = now
        .duration_since(on.published_at)
        .as_secs()
        .clamp(60, 4 * 86_400);
    let submitted_at = on.published_at + SignedDuration::from_secs(rng.range(30, window as u64) as i64);
    let mut lines: Vec<String> = (0..rng.range(1, 4))
        .map(|_| {
            let line = rng.word(COMMENT_LINES);
            fill(rng, line)
        })
        .collect();
    if rng.chance(0.03) {
        // The occasional reader who writes a whole letter.
        lines.extend((0..rng.range(10, 25)).map(|_| {
            let line = rng.word(COMMENT_LINES);
            fill(rng, line)
        }));
    }
    let roll = rng.range(0, 99);
    let link = (roll < 6).then(|| rng.word(LINKS));
    let word = match roll {
        6..=8 => Some((Rule::SuspectWord, rng.word(SUSPECT))),
        9 => Some((Rule::BannedWord, rng.word(BANNED))),
        _ => None,
    };
    if let Some(url) = link {
        lines.push(format!("xem thêm tại {url}"));
    }
    if let Some((_, w)) = word {
        lines.push(format!("chuyện này có dấu hiệu {w}"));
    }
    let content = format!("{}.", capitalised(&lines.join(", ")));
    let rule = match (link, word) {
        (Some(_), _) => Some(Rule::Links),
        (_, Some((r, _))) => Some(r),
        _ if rng.chance(0.15) => Some(Rule::FirstTime),
        _ if rng.chance(0.02) => Some(Rule::Repeat),
        _ => None,
    };
    let matched = match (link, word) {
        (Some(url), _) => vec![url.to_owned()],
        (_, Some((_, w))) => vec![w.to_owned()],
        _ => Vec::new(),
    };
    let recent = now.duration_since(submitted_at) < SignedDuration::from_hours(48);
    let status = match (rule, recent, rng.range(0, 99)) {
        (Some(Rule::BannedWord), ..) => CommentStatus::Rejected,
        (Some(_), true, _) | (None, true, 0..=39) => CommentStatus::Pending,
        (_, _, 0..=2) => CommentStatus::Pending,
        (Some(Rule::Links), _, 3..=59) => CommentStatus::Spam,
        (_, _, 3..=14) => CommentStatus::Rejected,
        (_, _, 15..=19) => CommentStatus::Spam,
        _ => CommentStatus::Approved,
    };
    let decided = (status != CommentStatus::Pending).then(|| {
        let after = SignedDuration::from_mins(rng.range(2, 600) as i64);
        (rng.pick(editors).clone(), (submitted_at + after).min(now))
    });
    let comment = NewComment {
        article_id: on.id,
        name: person(rng),
        phone: if rng.chance(0.6) {
            format!("09{:08}", rng.range(0, 99_999_999))
        } else {
            String::new()
        },
        title: (rng.word(COMMENT_TITLES)).to_owned(),
        content,
        ip: format!(
            "{}.{}.{}.{}",
            rng.pick(&[14u64, 27, 42, 113, 171, 183]),
            rng.range(0, 255),
            rng.range(0, 255),
            rng.range(1, 254)
        ),
        submitted_at,
    };
    (
        comment,
        SampleOutcome {
            status,
            rule,
            matched,
            decided,
        },
    )
}
