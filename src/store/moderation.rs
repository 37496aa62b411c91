//! Writing reader comments: arrivals through the rules, decisions, undo, bulk decisions
//! and erasing an author's personal data. Every decision is one conditional UPDATE on the
//! version the moderator saw, so two moderators never both decide one comment.

use jiff::{SignedDuration, Timestamp};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::audit::{self, AuditEntry};
use super::{NewComment, Store, StoreError, from_seconds, to_seconds};
use crate::domain::{
    Allowance, CommentForm, CommentId, CommentStatus, Facts, Operation, Rules, User, Verdict, judge,
};
use crate::text;

mod flood;

/// What an erased author's name becomes.
const ERASED: &str = "(đã xoá)";

/// The article a comment is for, as a reader's form names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleRef {
    Id(i64),
    Slug(String),
}

impl ArticleRef {
    pub fn parse(s: &str) -> ArticleRef {
        match s.trim().parse() {
            Ok(id) => ArticleRef::Id(id),
            Err(_) => ArticleRef::Slug(s.trim().to_owned()),
        }
    }
}

impl Store {
    /// The current slug of the published article a form names (by id, slug or old slug),
    /// for the intake's link back to it; None if there is no such published article.
    pub fn published_slug(&self, article: &ArticleRef) -> Result<Option<String>, StoreError> {
        let id = match article {
            ArticleRef::Id(id) => Some(*id),
            ArticleRef::Slug(slug) => self.article_id_by_slug(slug)?,
        };
        let Some(id) = id else { return Ok(None) };
        Ok(self
            .conn
            .query_row(
                "SELECT slug FROM articles WHERE id = ?1 AND status = 'published'",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// A comment arriving from the intake or an import.
#[derive(Debug, Clone)]
pub struct Submission {
    pub article: ArticleRef,
    /// Already validated (`CommentForm::validate`).
    pub form: CommentForm,
    pub ip: String,
    pub submitted_at: Timestamp,
    /// Imports pass a key of the line, so importing the same file twice adds nothing.
    pub import_key: Option<String>,
}

/// What became of a submission that was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: CommentId,
    pub status: CommentStatus,
    pub rule: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("there is no article {0}")]
    NoArticle(String),
    #[error("article {0} is not published")]
    NotPublished(i64),
    #[error("another comment came from this address {wait:?} too early")]
    Flood { wait: SignedDuration },
    #[error("this comment was already imported")]
    Duplicate,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for SubmitError {
    fn from(e: rusqlite::Error) -> Self {
        SubmitError::Store(e.into())
    }
}

/// A decision as made, with what it replaced: enough to undo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: CommentId,
    pub status: CommentStatus,
    pub before: (CommentStatus, Option<String>, Option<Timestamp>),
    /// The comment's version after the decision; an undo is refused if it moved since.
    pub version: i64,
}

/// The outcome of deciding many comments in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub decided: Vec<Decision>,
    /// Comments someone else decided first (or that changed since they were marked).
    pub skipped: Vec<CommentId>,
}

fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The key of an imported line: the same fields give the same key.
pub fn import_key(article: &str, form: &CommentForm, submitted_at: Option<Timestamp>) -> String {
    let at = submitted_at.map(|t| t.to_string()).unwrap_or_default();
    sha256_hex(&format!(
        "{article}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{at}",
        form.name, form.phone, form.title, form.content
    ))
}

struct Insert<'a> {
    article_id: i64,
    form: &'a CommentForm,
    ip: &'a str,
    submitted_at: Timestamp,
    status: CommentStatus,
    rule: Option<&'a str>,
    matched: &'a [String],
    decided_by: Option<&'a str>,
    decided_at: Option<Timestamp>,
    import_key: Option<&'a str>,
}

/// The first 8 bytes of the SHA-256 of the folded words: what `repeated_text` compares.
/// Eight bytes keep a chance collision out of reach for any newsroom's comments, at an
/// eighth of the hex digest's room (migration 11 shortened the stored ones alike).
pub(super) fn content_key(content: &str) -> Vec<u8> {
    content_key_of_fold(&text::fold(content))
}

/// `content_key` for text already folded (the bulk loader folds each text once).
pub(super) fn content_key_of_fold(folded: &str) -> Vec<u8> {
    let words = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    Sha256::digest(words.as_bytes())[..8].to_vec()
}

/// Returns None when the import key was already there.
fn insert(tx: &Transaction<'_>, c: &Insert<'_>) -> rusqlite::Result<Option<CommentId>> {
    let n = tx.execute(
        "INSERT INTO comments (article_id, author_name, phone, title, body, ip, submitted_at, status,
                               held_by_rule, held_matches, decided_by, decided_at, content_key, import_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT DO NOTHING",
        params![
            c.article_id,
            c.form.name,
            c.form.phone,
            c.form.title,
            c.form.content,
            c.ip,
            to_seconds(c.submitted_at),
            c.status.as_str(),
            c.rule,
            serde_json::to_string(c.matched).unwrap_or_else(|_| "[]".into()),
            c.decided_by,
            c.decided_at.map(to_seconds),
            content_key(&c.form.content),
            c.import_key,
        ],
    )?;
    Ok((n == 1).then(|| tx.last_insert_rowid()))
}

/// How far back flood control looks at most, whatever the chain of a reader's comments:
/// it bounds the walk over IPv6 comments for a reader who keeps sending at the full rate.
const FLOOD_LOOKBACK: SignedDuration = SignedDuration::from_hours(1);

fn facts(
    tx: &Transaction<'_>,
    form: &CommentForm,
    ip: &str,
    rules: &Rules,
    now: Timestamp,
) -> rusqlite::Result<Facts> {
    let known_author = tx
        .prepare_cached(
            "SELECT 1 FROM author_counts WHERE author_name = ?1 AND phone = ?2 AND status = 'approved' AND n > 0",
        )?
        .exists(params![form.name, form.phone])?;
    let repeated_text = tx
        .prepare_cached("SELECT 1 FROM comments WHERE content_key = ?1 LIMIT 1")?
        .exists([content_key(&form.content)])?;
    let recent_from_reader = match Allowance::of(rules) {
        Some(allowance) => {
            let lookback = SignedDuration::from_secs(rules.flood_seconds).max(FLOOD_LOOKBACK);
            let since = now.checked_sub(lookback).unwrap_or(now);
            flood::recent_from_reader(tx, ip, allowance, now, to_seconds(since))?
        }
        None => Vec::new(),
    };
    Ok(Facts {
        known_author,
        repeated_text,
        recent_from_reader,
    })
}

impl Store {
    /// A reader's comment arrives: the rules decide, and it is stored (or refused as a flood).
    /// Everything happens in one transaction, so concurrent arrivals see each other.
    pub fn submit_comment(
        &mut self,
        sub: &Submission,
        rules: &Rules,
        now: Timestamp,
    ) -> Result<Received, SubmitError> {
        let tx = self.write()?;
        let article: Option<(i64, String)> = match &sub.article {
            ArticleRef::Id(id) => tx.query_row("SELECT id, status FROM articles WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            }),
            ArticleRef::Slug(slug) => {
                // An old slug still reaches the article: a live page's form never breaks.
                tx.query_row(
                    &format!(
                        "SELECT id, status FROM articles WHERE id = ({})",
                        super::articles::SLUG_LOOKUP
                    ),
                    [slug],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            }
        }
        .optional()?;
        let (article_id, status) = article.ok_or_else(|| {
            SubmitError::NoArticle(match &sub.article {
                ArticleRef::Id(id) => id.to_string(),
                ArticleRef::Slug(s) => s.clone(),
            })
        })?;
        if status != "published" {
            return Err(SubmitError::NotPublished(article_id));
        }
        let judged_at = sub.submitted_at.max(now);
        // An import replays the past: its timestamps say nothing about flooding now.
        let flood_rules = if sub.import_key.is_some() {
            Rules {
                flood_seconds: 0,
                ..rules.clone()
            }
        } else {
            rules.clone()
        };
        let found = facts(&tx, &sub.form, &sub.ip, &flood_rules, judged_at)?;
        let (status, rule, matched) = match judge(&flood_rules, &sub.form, &found, judged_at) {
            Verdict::Flood { wait } => return Err(SubmitError::Flood { wait }),
            Verdict::Approve => (CommentStatus::Approved, None, Vec::new()),
            Verdict::Hold { rule, matched } => (CommentStatus::Pending, rule, matched),
            Verdict::Reject { rule, matched } => (CommentStatus::Rejected, Some(rule), matched),
        };
        let automatic = status != CommentStatus::Pending;
        let row = Insert {
            article_id,
            form: &sub.form,
            ip: &sub.ip,
            submitted_at: sub.submitted_at,
            status,
            rule: rule.map(|r| r.as_str()),
            matched: &matched,
            // Not "rules": decided_by references users(login); the audit row names the rules.
            decided_by: None,
            decided_at: automatic.then_some(now),
            import_key: sub.import_key.as_deref(),
        };
        let id = insert(&tx, &row)?.ok_or(SubmitError::Duplicate)?;
        let entry = AuditEntry {
            action: "comment.receive",
            entity: "comment",
            entity_id: id.to_string(),
            before: None,
            after: Some(
                json!({ "article_id": article_id, "status": status, "rule": rule.map(|r| r.as_str()), "matched": matched }),
            ),
        };
        audit::record(&tx, now, "rules", entry)?;
        tx.commit()?;
        Ok(Received {
            id,
            status,
            rule: rule.map(|r| r.as_str().to_owned()),
        })
    }

    /// Writes comments with given outcomes (demo content) in one transaction, with one
    /// audit row for the batch. Admins only. Returns the ids.
    pub fn seed_comments(
        &mut self,
        actor: &User,
        batch: &[(NewComment, CommentStatus)],
        now: Timestamp,
    ) -> Result<Vec<CommentId>, StoreError> {
        self.seed_comments_judged(actor, batch, None, now)
    }

    /// Like `seed_comments`, but each pending comment is first read by `rules`, as a real
    /// arrival would be, so it records the rule that holds it and the words that matched.
    /// The given outcome stands: rules that would approve, reject or refuse it as a flood
    /// leave it pending with no rule.
    pub fn seed_comments_judged(
        &mut self,
        actor: &User,
        batch: &[(NewComment, CommentStatus)],
        rules: Option<&Rules>,
        now: Timestamp,
    ) -> Result<Vec<CommentId>, StoreError> {
        actor.role.check(Operation::LoadDemo)?;
        let tx = self.write()?;
        let mut ids = Vec::with_capacity(batch.len());
        for (new, status) in batch {
            let form = CommentForm {
                name: new.name.clone(),
                phone: new.phone.clone(),
                title: new.title.clone(),
                content: new.content.clone(),
            }
            .normalized();
            let decided = *status != CommentStatus::Pending;
            let (rule, matched) = match rules {
                Some(rules) if !decided => {
                    let found = facts(&tx, &form, &new.ip, rules, new.submitted_at)?;
                    match judge(rules, &form, &found, new.submitted_at) {
                        Verdict::Hold { rule, matched } => (rule, matched),
                        _ => (None, Vec::new()),
                    }
                }
                _ => (None, Vec::new()),
            };
            let row = Insert {
                article_id: new.article_id,
                form: &form,
                ip: &new.ip,
                submitted_at: new.submitted_at,
                status: *status,
                rule: rule.map(|r| r.as_str()),
                matched: &matched,
                decided_by: decided.then_some(actor.login.as_str()),
                decided_at: decided.then_some(now),
                import_key: None,
            };
            ids.extend(insert(&tx, &row)?);
        }
        let entry = AuditEntry {
            action: "comment.seed",
            entity: "comment",
            entity_id: match (ids.first(), ids.last()) {
                (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
                (Some(a), _) => a.to_string(),
                _ => String::new(),
            },
            before: None,
            after: Some(json!({ "comments": ids.len() })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(ids)
    }

    /// Decides one comment, if it is still at the version the moderator saw.
    pub fn decide(
        &mut self,
        actor: &User,
        id: CommentId,
        seen_version: i64,
        status: CommentStatus,
        now: Timestamp,
    ) -> Result<Decision, StoreError> {
        actor.role.check(Operation::DecideComment)?;
        let tx = self.write()?;
        let decision = decide_in(&tx, actor, id, seen_version, status, now)?;
        tx.commit()?;
        Ok(decision)
    }

    /// Puts a comment back as it was before `decision`, unless someone changed it since.
    pub fn undo(&mut self, actor: &User, decision: &Decision, now: Timestamp) -> Result<(), StoreError> {
        self.undo_many(actor, std::slice::from_ref(decision), now)
            .map(|_| ())
    }

    /// Undoes a group of decisions (a bulk decision) in one transaction: all of them, or,
    /// if someone changed one since, none.
    pub fn undo_many(
        &mut self,
        actor: &User,
        decisions: &[Decision],
        now: Timestamp,
    ) -> Result<usize, StoreError> {
        actor.role.check(Operation::DecideComment)?;
        let tx = self.write()?;
        for decision in decisions {
            undo_in(&tx, actor, decision, now)?;
        }
        tx.commit()?;
        Ok(decisions.len())
    }

    /// Decides every listed comment still at its version, in one transaction.
    pub fn decide_many(
        &mut self,
        actor: &User,
        items: &[(CommentId, i64)],
        status: CommentStatus,
        now: Timestamp,
    ) -> Result<BulkOutcome, StoreError> {
        actor.role.check(Operation::DecideComment)?;
        let tx = self.write()?;
        let mut outcome = BulkOutcome::default();
        for (id, version) in items {
            match decide_in(&tx, actor, *id, *version, status, now) {
                Ok(d) => outcome.decided.push(d),
                Err(StoreError::AlreadyDecided { .. }) => outcome.skipped.push(*id),
                Err(e) => return Err(e),
            }
        }
        tx.commit()?;
        Ok(outcome)
    }

    /// Anonymises everything an author gave about themselves; their words stay.
    pub fn erase_author(&mut self, actor: &User, name: &str, now: Timestamp) -> Result<usize, StoreError> {
        actor.role.check(Operation::SeePersonalData)?;
        let name = text::nfc(name.trim());
        let tx = self.write()?;
        let rows: Vec<i64> = tx
            .prepare("SELECT id FROM comments WHERE author_name = ?1")?
            .query_map([&name], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // The search index follows the name by the triggers of migration 11.
        let mut update = tx.prepare(
            "UPDATE comments SET author_name = ?2, phone = '', ip = '', version = version + 1 WHERE id = ?1",
        )?;
        for id in &rows {
            update.execute(params![id, ERASED])?;
        }
        drop(update);
        let n = rows.len();
        let entry = AuditEntry {
            action: "comment.erase_author",
            entity: "author",
            // The name itself is what is being erased: the log keeps only a hash of it.
            entity_id: sha256_hex(&name)[..16].to_owned(),
            before: None,
            after: Some(json!({ "comments": n })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(n)
    }
}

fn decide_in(
    tx: &Transaction<'_>,
    actor: &User,
    id: CommentId,
    seen_version: i64,
    status: CommentStatus,
    now: Timestamp,
) -> Result<Decision, StoreError> {
    let before: Option<(String, Option<String>, Option<i64>)> = tx
        .prepare_cached("SELECT status, decided_by, decided_at FROM comments WHERE id = ?1 AND version = ?2")?
        .query_row(params![id, seen_version], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((old, by, at)) = before else {
        return Err(already_decided(tx, id)?);
    };
    tx.prepare_cached(
        "UPDATE comments SET status = ?3, decided_by = ?4, decided_at = ?5, version = version + 1
         WHERE id = ?1 AND version = ?2",
    )?
    .execute(params![
        id,
        seen_version,
        status.as_str(),
        actor.login.as_str(),
        to_seconds(now)
    ])?;
    let old: CommentStatus = old.parse().unwrap_or(CommentStatus::Pending);
    let entry = AuditEntry {
        action: "comment.decide",
        entity: "comment",
        entity_id: id.to_string(),
        before: Some(json!({ "status": old })),
        after: Some(json!({ "status": status })),
    };
    audit::record(tx, now, actor.login.as_str(), entry)?;
    Ok(Decision {
        id,
        status,
        before: (old, by, at.map(from_seconds)),
        version: seen_version + 1,
    })
}

fn undo_in(
    tx: &Transaction<'_>,
    actor: &User,
    decision: &Decision,
    now: Timestamp,
) -> Result<(), StoreError> {
    let (status, by, at) = &decision.before;
    let n = tx
        .prepare_cached(
            "UPDATE comments SET status = ?3, decided_by = ?4, decided_at = ?5, version = version + 1
         WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            decision.id,
            decision.version,
            status.as_str(),
            by,
            at.map(to_seconds)
        ])?;
    if n == 0 {
        return Err(already_decided(tx, decision.id)?);
    }
    let entry = AuditEntry {
        action: "comment.undo",
        entity: "comment",
        entity_id: decision.id.to_string(),
        before: Some(json!({ "status": decision.status })),
        after: Some(json!({ "status": status })),
    };
    audit::record(tx, now, actor.login.as_str(), entry)?;
    Ok(())
}

/// The sentence for a decision that came too late.
fn already_decided(tx: &Transaction<'_>, id: CommentId) -> Result<StoreError, StoreError> {
    // Status, who decided it (login, display name) and when.
    type Decided = (String, Option<String>, Option<i64>, Option<String>);
    let row: Option<Decided> = tx
        .query_row(
            "SELECT c.status, c.decided_by, c.decided_at, u.display_name
             FROM comments c LEFT JOIN users u ON u.login = c.decided_by WHERE c.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    match row {
        Some((status, by, at, name)) => {
            let by = by.unwrap_or_else(|| "someone".into());
            Ok(StoreError::AlreadyDecided {
                id,
                status: status.parse().unwrap_or(CommentStatus::Pending),
                by_name: name
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| by.clone()),
                by,
                at: at.map(from_seconds),
            })
        }
        None => Ok(StoreError::NotFound {
            what: "comment",
            id: id.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same line imported twice is one comment; any field that differs makes another.
    #[test]
    fn import_keys_tell_lines_apart() {
        let form = CommentForm {
            name: "Lan".into(),
            phone: "0912345678".into(),
            title: "Hồ Tây".into(),
            content: "Đẹp quá".into(),
        };
        let key = import_key("ho-tay", &form, None);
        assert_eq!(key.len(), 64, "{key}");
        assert_eq!(key, import_key("ho-tay", &form.clone(), None));
        let other = CommentForm {
            content: "Đẹp thật".into(),
            ..form.clone()
        };
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        for different in [
            import_key("ho-tay", &other, None),
            import_key("ho-guom", &form, None),
            import_key("ho-tay", &form, Some(at)),
        ] {
            assert_ne!(key, different);
        }
    }

    /// Loading demo comments is one audit row naming the ids it wrote.
    #[test]
    fn a_seeded_batch_is_audited_with_its_range_of_ids() {
        let mut store = Store::open_in_memory().unwrap();
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        let admin = store
            .init_admin(&crate::domain::Login::parse("lan").unwrap(), at)
            .unwrap();
        let draft = crate::domain::ArticleDraft {
            title: "Hồ Tây".into(),
            ..Default::default()
        };
        let article_id = store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at)
            .unwrap();
        let comment = |content: &str| {
            let new = NewComment {
                article_id,
                name: "Lan".into(),
                phone: String::new(),
                title: "Hồ Tây".into(),
                content: content.into(),
                ip: "203.0.113.7".into(),
                submitted_at: at,
            };
            (new, CommentStatus::Pending)
        };
        let mut audited = |batch: &[(NewComment, CommentStatus)]| {
            let ids = store.seed_comments(&admin, batch, at).unwrap();
            let row = store.audit_page(&admin, None, 1).unwrap().remove(0);
            assert_eq!(row.action, "comment.seed");
            (ids, row.entity_id)
        };
        let (ids, range) = audited(&[comment("một"), comment("hai"), comment("ba")]);
        assert_eq!(range, format!("{}-{}", ids[0], ids[2]));
        let (ids, one) = audited(&[comment("bốn")]);
        assert_eq!(one, ids[0].to_string());
    }
}
