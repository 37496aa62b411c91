//! The Schedule tab's agenda, read a page at a time: what is overdue, what goes out in the
//! coming days, what went out lately. Each section is its own keyset query over its own
//! partial index (`articles_by_schedule`, `articles_by_publication`), so a page costs the
//! same however many articles the store holds.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, Status};

/// The agenda's sections, in list order: what is stuck comes first, because that is the
/// first thing an editor opening the schedule needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Scheduled and due, not published: held by the ready-to-publish check, or no
    /// publishing run has happened since. Longest overdue first.
    Overdue,
    /// Scheduled within the window, soonest first.
    Coming,
    /// Published since the window's start, newest first.
    Published,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Overdue, Section::Coming, Section::Published];
}

/// Which articles the agenda holds, as instants: the caller works them out in the
/// newsroom's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaWindow {
    /// Scheduled at or before this is overdue; after it, coming.
    pub now: Timestamp,
    /// Scheduled before this is in the agenda; at or after it, later.
    pub until: Timestamp,
    /// Published at or after this is recent.
    pub published_since: Timestamp,
}

/// Where a row sits in the agenda. `at` is the scheduled time, or the publication time in
/// the published section; `id` breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaKey {
    pub section: Section,
    pub at: i64,
    pub id: ArticleId,
}

impl AgendaKey {
    /// A key before every row of `section`.
    pub fn top(section: Section) -> AgendaKey {
        match section {
            Section::Published => AgendaKey {
                section,
                at: i64::MAX,
                id: i64::MAX,
            },
            _ => AgendaKey {
                section,
                at: i64::MIN,
                id: i64::MIN,
            },
        }
    }

    /// A key after every row of `section`.
    fn bottom(section: Section) -> AgendaKey {
        match section {
            Section::Published => AgendaKey {
                section,
                at: i64::MIN,
                id: i64::MIN,
            },
            _ => AgendaKey {
                section,
                at: i64::MAX,
                id: i64::MAX,
            },
        }
    }
}

/// One article in the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRow {
    pub section: Section,
    pub id: ArticleId,
    pub title: String,
    pub status: Status,
    /// The author's display name (their login if the name is empty).
    pub author: String,
    /// When it is (or was) due, or, once published, when it went out.
    pub at: Timestamp,
    /// Why a due article was not published (the ready-to-publish check); empty if nothing
    /// has tried yet.
    pub held_because: String,
    /// How late a scheduled publication went out.
    pub late_minutes: Option<i64>,
}

impl AgendaRow {
    pub fn key(&self) -> AgendaKey {
        AgendaKey {
            section: self.section,
            at: to_seconds(self.at),
            id: self.id,
        }
    }
}

/// How many articles each part of the schedule holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgendaCounts {
    pub overdue: u64,
    pub coming: u64,
    /// Scheduled after the window: not in the agenda, but not forgotten either.
    pub later: u64,
    pub published: u64,
}

impl AgendaCounts {
    /// The rows the agenda lists.
    pub fn listed(&self) -> u64 {
        self.overdue + self.coming + self.published
    }
}

const COLUMNS: &str = "a.id, a.title, a.status, COALESCE(NULLIF(u.display_name, ''), a.author),
     a.held_because, a.late_minutes";

/// `?1`, `?2`: the window's bounds for the section.
fn section_filter(section: Section) -> &'static str {
    match section {
        Section::Overdue => "a.status = 'scheduled' AND a.scheduled_at <= ?1",
        Section::Coming => "a.status = 'scheduled' AND a.scheduled_at > ?1 AND a.scheduled_at < ?2",
        Section::Published => "a.status = 'published' AND a.published_at >= ?1",
    }
}

/// The section's partial index, named: without statistics (the store never runs ANALYZE)
/// SQLite prefers `articles_by_status` and sorts every scheduled or published article for
/// one page (42 ms instead of under 1 ms with 100,000 articles).
fn index(section: Section) -> &'static str {
    match section {
        Section::Published => "articles_by_publication",
        _ => "articles_by_schedule",
    }
}

fn time_column(section: Section) -> &'static str {
    match section {
        Section::Published => "a.published_at",
        _ => "a.scheduled_at",
    }
}

impl Store {
    /// Up to `limit` rows in agenda order, from `from` (inclusive) or from the top.
    pub fn agenda_from(
        &self,
        window: &AgendaWindow,
        from: Option<AgendaKey>,
        limit: usize,
    ) -> Result<Vec<AgendaRow>, StoreError> {
        let start = from.unwrap_or(AgendaKey::top(Section::Overdue));
        let mut rows = Vec::with_capacity(limit);
        for section in Section::ALL.into_iter().filter(|s| *s >= start.section) {
            if rows.len() >= limit {
                break;
            }
            let key = if section == start.section {
                start
            } else {
                AgendaKey::top(section)
            };
            rows.extend(self.section_rows(window, key, true, limit - rows.len())?);
        }
        Ok(rows)
    }

    /// Up to `limit` rows just above `key` (or the last rows of all), in agenda order.
    pub fn agenda_above(
        &self,
        window: &AgendaWindow,
        key: Option<AgendaKey>,
        limit: usize,
    ) -> Result<Vec<AgendaRow>, StoreError> {
        let end = key.unwrap_or(AgendaKey::bottom(Section::Published));
        let mut rows = Vec::with_capacity(limit);
        for section in Section::ALL.into_iter().rev().filter(|s| *s <= end.section) {
            if rows.len() >= limit {
                break;
            }
            let key = if section == end.section {
                end
            } else {
                AgendaKey::bottom(section)
            };
            rows.extend(self.section_rows(window, key, false, limit - rows.len())?);
        }
        rows.reverse();
        Ok(rows)
    }

    /// One section's rows from `key` down (inclusive, in list order), or just above it
    /// (exclusive, nearest first).
    fn section_rows(
        &self,
        window: &AgendaWindow,
        key: AgendaKey,
        down: bool,
        limit: usize,
    ) -> Result<Vec<AgendaRow>, StoreError> {
        let section = key.section;
        let time = time_column(section);
        // The published section runs newest first: its comparisons and order turn round.
        let ascending = section != Section::Published;
        let (cmp, order) = match (down, ascending) {
            (true, true) => (">=", "ASC"),
            (true, false) => ("<=", "DESC"),
            (false, true) => ("<", "DESC"),
            (false, false) => (">", "ASC"),
        };
        let sql = format!(
            "SELECT {COLUMNS}, {time} FROM articles a INDEXED BY {}
             LEFT JOIN users u ON u.login = a.author
             WHERE {} AND ({time}, a.id) {cmp} (?3, ?4)
             ORDER BY {time} {order}, a.id {order} LIMIT ?5",
            index(section),
            section_filter(section)
        );
        let (first, second) = self.bounds(window, section);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![first, second, key.at, key.id, limit as i64], |r| {
            let status: String = r.get(2)?;
            Ok(AgendaRow {
                section,
                id: r.get(0)?,
                title: r.get(1)?,
                status: status.parse().unwrap_or(Status::Scheduled),
                author: r.get(3)?,
                held_because: r.get(4)?,
                late_minutes: r.get(5)?,
                at: from_seconds(r.get::<_, Option<i64>>(6)?.unwrap_or(0)),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn bounds(&self, window: &AgendaWindow, section: Section) -> (i64, i64) {
        match section {
            Section::Published => (to_seconds(window.published_since), 0),
            _ => (to_seconds(window.now), to_seconds(window.until)),
        }
    }

    /// How many articles are overdue, coming, later and recently published.
    pub fn agenda_counts(&self, window: &AgendaWindow) -> Result<AgendaCounts, StoreError> {
        let count = |sql: &str, bounds: &[i64]| -> Result<u64, StoreError> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let n: i64 = stmt.query_row(rusqlite::params_from_iter(bounds), |r| r.get(0))?;
            Ok(n.max(0) as u64)
        };
        let (now, until) = (to_seconds(window.now), to_seconds(window.until));
        let scheduled = "SELECT count(*) FROM articles INDEXED BY articles_by_schedule WHERE status = 'scheduled' AND scheduled_at";
        Ok(AgendaCounts {
            overdue: count(&format!("{scheduled} <= ?1"), &[now])?,
            coming: count(&format!("{scheduled} > ?1 AND scheduled_at < ?2"), &[now, until])?,
            later: count(&format!("{scheduled} >= ?1"), &[until])?,
            published: count(
                "SELECT count(*) FROM articles INDEXED BY articles_by_publication
                 WHERE status = 'published' AND published_at >= ?1",
                &[to_seconds(window.published_since)],
            )?,
        })
    }
}
