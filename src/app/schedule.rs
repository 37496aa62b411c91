//! The Schedule tab: overdue articles first, then the coming seven days grouped by day in
//! the newsroom's zone, then what went out in the last 24 hours.
//!
//! Owns: the agenda's plain state and its headings. May not touch: SQL (src/store/agenda.rs),
//! drawing (src/ui/schedule.rs).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use super::paging::{Paged, Source};
use super::{App, Tab};
use crate::domain::ArticleId;
use crate::i18n::{Lang, Msg, weekday_name};
use crate::keymap::Command;
use crate::store::{AgendaCounts, AgendaKey, AgendaRow, AgendaWindow, Section, Store, StoreError};

/// Calendar days the agenda covers, today included.
pub const AGENDA_DAYS: i64 = 7;
/// How far back "recently published" reaches.
pub const PUBLISHED_WITHIN: SignedDuration = SignedDuration::from_hours(24);

/// What a group of rows is headed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Overdue,
    /// A day of the agenda, in the newsroom's zone; `today` says which day is today.
    Day {
        date: Date,
        today: Date,
    },
    Published,
}

impl Heading {
    /// As the session's language says it: `Hôm nay · Thứ Bảy 28/11`, `Thứ Hai 30/11`.
    pub fn text(self, lang: Lang) -> String {
        match self {
            Heading::Overdue => Msg::AgendaOverdue.text(lang).to_owned(),
            Heading::Published => Msg::AgendaPublished.text(lang).to_owned(),
            Heading::Day { date, today } => {
                let day = format!(
                    "{} {}",
                    weekday_name(date.weekday(), lang),
                    date.strftime("%d/%m")
                );
                let relative = if date == today {
                    Some(Msg::AgendaToday)
                } else if today.tomorrow().ok() == Some(date) {
                    Some(Msg::AgendaTomorrow)
                } else {
                    None
                };
                match relative {
                    Some(msg) => format!("{} · {day}", msg.text(lang)),
                    None => day,
                }
            }
        }
    }
}

/// One line of the agenda: a heading, or an article under it.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// `key` is where the group starts in the store's order.
    Heading {
        heading: Heading,
        key: AgendaKey,
    },
    Item(AgendaRow),
}

/// Where an entry sits: a heading sits just before the first row of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryKey {
    pub item: AgendaKey,
    pub heading: bool,
}

/// The agenda as a list source: rows from the store, headings put in between here.
#[derive(Debug, Clone)]
pub struct AgendaSource {
    pub zone: TimeZone,
    pub window: AgendaWindow,
    pub today: Date,
}

impl AgendaSource {
    /// The agenda as seen at `now`, to the minute: schedules are whole minutes, and a
    /// window that moved with every second would re-read the store on every tick.
    pub fn at(zone: TimeZone, now: Timestamp) -> AgendaSource {
        let minute = Timestamp::from_second(now.as_second().div_euclid(60) * 60).unwrap_or(now);
        let here = minute.to_zoned_datetime(zone.clone());
        let today = here.date();
        // Calendar days, not 24-hour steps: a day with a clock change is 23 or 25 hours long.
        let until = today
            .checked_add(AGENDA_DAYS.days())
            .ok()
            .and_then(|d| d.to_zoned_datetime(zone.clone()).ok())
            .map_or(Timestamp::MAX, |z| z.timestamp());
        let published_since = minute.checked_sub(PUBLISHED_WITHIN).unwrap_or(Timestamp::MIN);
        AgendaSource {
            zone,
            window: AgendaWindow {
                now: minute,
                until,
                published_since,
            },
            today,
        }
    }

    fn heading_at(&self, section: Section, at: i64) -> Heading {
        match section {
            Section::Overdue => Heading::Overdue,
            Section::Published => Heading::Published,
            Section::Coming => Heading::Day {
                date: Timestamp::from_second(at)
                    .unwrap_or(self.window.now)
                    .to_zoned_datetime(self.zone.clone())
                    .date(),
                today: self.today,
            },
        }
    }

    fn heading_of(&self, row: &AgendaRow) -> Heading {
        let key = row.key();
        self.heading_at(key.section, key.at)
    }

    fn heading_entry(&self, heading: Heading) -> Entry {
        let key = match heading {
            Heading::Overdue => AgendaKey::top(Section::Overdue),
            Heading::Published => AgendaKey::top(Section::Published),
            Heading::Day { date, .. } => AgendaKey {
                section: Section::Coming,
                at: date
                    .to_zoned_datetime(self.zone.clone())
                    .map_or(i64::MIN, |z| z.timestamp().as_second()),
                id: i64::MIN,
            },
        };
        Entry::Heading { heading, key }
    }

    /// The rows with a heading before the first of each group; `before` is the group of the
    /// row just above the first, if it is known to share the same heading.
    fn with_headings(&self, rows: Vec<AgendaRow>, mut before: Option<Heading>) -> Vec<Entry> {
        let mut entries = Vec::with_capacity(rows.len() + 4);
        for row in rows {
            let heading = self.heading_of(&row);
            if before != Some(heading) {
                entries.push(self.heading_entry(heading));
                before = Some(heading);
            }
            entries.push(Entry::Item(row));
        }
        entries
    }
}

impl Source for AgendaSource {
    type Row = Entry;
    type Key = EntryKey;

    fn key(entry: &Entry) -> EntryKey {
        match entry {
            Entry::Item(row) => EntryKey {
                item: row.key(),
                heading: false,
            },
            Entry::Heading { key, .. } => EntryKey {
                item: *key,
                heading: true,
            },
        }
    }

    fn id(entry: &Entry) -> i64 {
        match entry {
            Entry::Item(row) => row.id,
            // Headings are never articles: negative, and different from one another.
            Entry::Heading {
                heading: Heading::Overdue,
                ..
            } => -1,
            Entry::Heading {
                heading: Heading::Published,
                ..
            } => -2,
            Entry::Heading {
                heading: Heading::Day { date, .. },
                ..
            } => {
                -(3 + i64::from(date.year()) * 10_000 + i64::from(date.month()) * 100 + i64::from(date.day()))
            }
        }
    }

    fn from(&self, store: &Store, anchor: Option<EntryKey>, limit: usize) -> Result<Vec<Entry>, StoreError> {
        // From a row, its heading is above the anchor; from a heading, the group starts here.
        let before = anchor
            .filter(|k| !k.heading)
            .map(|k| self.heading_at(k.item.section, k.item.at));
        let rows = store.agenda_from(&self.window, anchor.map(|k| k.item), limit)?;
        let mut entries = self.with_headings(rows, before);
        entries.truncate(limit);
        Ok(entries)
    }

    fn above(&self, store: &Store, key: Option<EntryKey>, limit: usize) -> Result<Vec<Entry>, StoreError> {
        // One row more than asked: it tells whether the topmost row starts its group.
        let mut rows = store.agenda_above(&self.window, key.map(|k| k.item), limit + 1)?;
        let before = if rows.len() > limit {
            let first = rows.remove(0);
            Some(self.heading_of(&first))
        } else {
            None
        };
        let mut entries = self.with_headings(rows, before);
        if let Some(key) = key.filter(|k| !k.heading) {
            // A row that starts its group has its heading just above it.
            let heading = self.heading_at(key.item.section, key.item.at);
            let same_group = matches!(entries.last(), Some(Entry::Item(r)) if self.heading_of(r) == heading);
            if !same_group {
                entries.push(self.heading_entry(heading));
            }
        }
        let extra = entries.len().saturating_sub(limit);
        entries.drain(..extra);
        Ok(entries)
    }

    fn count(&self, store: &Store) -> Result<u64, StoreError> {
        Ok(store.agenda_counts(&self.window)?.listed())
    }
}

pub type AgendaList = Paged<AgendaSource>;

/// The Schedule tab's state: one page of the agenda and the counts of every part of it.
#[derive(Debug, Clone)]
pub struct Agenda {
    pub list: AgendaList,
    pub counts: AgendaCounts,
}

impl Agenda {
    pub fn new(zone: TimeZone, now: Timestamp, page: usize) -> Agenda {
        Agenda {
            list: Paged::new(AgendaSource::at(zone, now), page),
            counts: AgendaCounts::default(),
        }
    }

    /// Re-reads the page as seen at `now`, keeping the cursor on its article.
    pub fn refresh(&mut self, store: &Store, now: Timestamp) -> Result<(), StoreError> {
        let zone = self.list.source.zone.clone();
        self.list.source = AgendaSource::at(zone, now);
        self.list.refresh(store)?;
        self.counts = store.agenda_counts(&self.list.source.window)?;
        self.settle(store, true)
    }

    /// Re-reads when a new minute began: due articles turn overdue, and at midnight
    /// "tomorrow" becomes "today", without anyone committing anything.
    pub fn tick(&mut self, store: &Store, now: Timestamp) -> Result<bool, StoreError> {
        let zone = self.list.source.zone.clone();
        if AgendaSource::at(zone, now).window == self.list.source.window {
            return Ok(false);
        }
        self.refresh(store, now)?;
        Ok(true)
    }

    pub fn resize(&mut self, store: &Store, page: usize) -> Result<(), StoreError> {
        self.list.resize(store, page)?;
        self.settle(store, true)
    }

    /// The article on the selected row.
    pub fn selected_article(&self) -> Option<ArticleId> {
        match self.list.selected_row()? {
            Entry::Item(row) => Some(row.id),
            Entry::Heading { .. } => None,
        }
    }

    /// Moves the cursor; it never rests on a heading.
    pub fn go(&mut self, store: &Store, command: Command) -> Result<bool, StoreError> {
        let list = &mut self.list;
        let forward = match command {
            Command::Down => list.down(store).map(|()| true)?,
            Command::Up => list.up(store).map(|()| false)?,
            Command::PageDown => list.page_down(store).map(|()| true)?,
            Command::PageUp => list.page_up(store).map(|()| true)?,
            Command::First => list.first(store).map(|()| true)?,
            Command::Last => list.last(store).map(|()| false)?,
            _ => return Ok(false),
        };
        self.settle(store, forward)?;
        Ok(true)
    }

    /// Steps off a heading: on, or back when there is nothing further (the list's top).
    fn settle(&mut self, store: &Store, forward: bool) -> Result<(), StoreError> {
        let on_heading = |list: &AgendaList| matches!(list.selected_row(), Some(Entry::Heading { .. }));
        if !on_heading(&self.list) {
            return Ok(());
        }
        if forward {
            self.list.down(store)?;
        } else {
            self.list.up(store)?;
            // Up from the first heading stays on it: the first row is just below.
            if on_heading(&self.list) {
                self.list.down(store)?;
            }
        }
        Ok(())
    }
}

impl App {
    /// A command on the Schedule tab: the list's keys and Enter; the rest as anywhere else.
    pub(super) fn run_in_schedule(&mut self, command: Command) -> Result<(), StoreError> {
        match command {
            Command::Open => {
                if let Some(id) = self.agenda.selected_article() {
                    self.open_editor(id)?;
                }
                Ok(())
            }
            // The agenda is a few screens at most; search is the Articles list's.
            Command::Search => Ok(()),
            other => {
                if self.agenda.go(&self.store, other)? {
                    return Ok(());
                }
                self.run(other)
            }
        }
    }

    /// The article the selected row of the current tab is about (the editor's, when one is
    /// open): what a workflow move acts on.
    pub fn selected_article(&self) -> Option<ArticleId> {
        if let Some(editor) = &self.editor {
            return Some(editor.article_id);
        }
        match self.tab {
            Tab::Articles => self.articles.selected_row().map(|r| r.id),
            Tab::Schedule => self.agenda.selected_article(),
            Tab::Comments | Tab::Tags => None,
        }
    }
}

#[cfg(test)]
mod tests;
