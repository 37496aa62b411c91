//! One screenful of a long list, paged through the store by key: a list never holds more
//! than a page, however many rows the store has.

use crate::store::{Store, StoreError};

/// Where a list's rows come from, in list order.
pub trait Source {
    type Row;
    type Key: Copy + PartialEq;

    fn key(row: &Self::Row) -> Self::Key;
    fn id(row: &Self::Row) -> i64;
    /// Up to `limit` rows from `anchor` (inclusive), or from the top.
    fn from(
        &self,
        store: &Store,
        anchor: Option<Self::Key>,
        limit: usize,
    ) -> Result<Vec<Self::Row>, StoreError>;
    /// Up to `limit` rows just above `key` (or the last rows of all), in list order.
    fn above(
        &self,
        store: &Store,
        key: Option<Self::Key>,
        limit: usize,
    ) -> Result<Vec<Self::Row>, StoreError>;
    fn count(&self, store: &Store) -> Result<u64, StoreError>;
}

#[derive(Debug, Clone)]
pub struct Paged<S: Source> {
    pub source: S,
    /// The rows on screen, at most `page` of them.
    pub rows: Vec<S::Row>,
    pub selected: usize,
    pub total: u64,
    page: usize,
    /// The key of the top row; `None` means the top of the list.
    anchor: Option<S::Key>,
    /// The row just below the screen, if any.
    next: Option<S::Key>,
}

impl<S: Source> Paged<S> {
    pub fn new(source: S, page: usize) -> Paged<S> {
        Paged {
            source,
            rows: Vec::new(),
            selected: 0,
            total: 0,
            page: page.max(1),
            anchor: None,
            next: None,
        }
    }

    pub fn page_size(&self) -> usize {
        self.page
    }

    pub fn selected_row(&self) -> Option<&S::Row> {
        self.rows.get(self.selected)
    }

    pub fn selected_row_mut(&mut self) -> Option<&mut S::Row> {
        self.rows.get_mut(self.selected)
    }

    pub fn has_more_below(&self) -> bool {
        self.next.is_some()
    }

    pub fn is_at_top(&self) -> bool {
        self.anchor.is_none()
    }

    /// Re-reads the page from its anchor. The cursor stays on the same row when it is still
    /// on the page, else on the same line.
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        let keep = self.selected_row().map(S::id);
        self.load(store)?;
        if let Some(i) = keep.and_then(|id| self.rows.iter().position(|r| S::id(r) == id)) {
            self.selected = i;
        }
        self.total = self.source.count(store)?;
        Ok(())
    }

    /// Starts again at the top, e.g. after the source's filter changed.
    pub fn reset(&mut self, store: &Store) -> Result<(), StoreError> {
        self.anchor = None;
        self.selected = 0;
        self.refresh(store)
    }

    fn load(&mut self, store: &Store) -> Result<(), StoreError> {
        let mut rows = self.source.from(store, self.anchor, self.page + 1)?;
        self.next = if rows.len() > self.page {
            rows.pop().map(|r| S::key(&r))
        } else {
            None
        };
        if rows.is_empty() && self.anchor.is_some() {
            // Everything from the anchor down went away: show the last page instead.
            return self.show_last(store);
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Brings the row at `key` on screen and selects it: it stays where it is when already
    /// shown, else it becomes the top row (or is on the last page, when the list ends
    /// within a page of it). Without such a row, the row after where it would be.
    pub fn show(&mut self, store: &Store, key: S::Key) -> Result<(), StoreError> {
        if let Some(i) = self.rows.iter().position(|r| S::key(r) == key) {
            self.selected = i;
            return Ok(());
        }
        let first = self.source.above(store, Some(key), 1)?.is_empty();
        self.anchor = if first { None } else { Some(key) };
        self.selected = 0;
        self.load(store)?;
        if self.next.is_none() && self.rows.len() < self.page && self.anchor.is_some() {
            self.show_last(store)?;
        }
        let key_at = |rows: &[S::Row]| rows.iter().position(|r| S::key(r) == key);
        self.selected = key_at(&self.rows).unwrap_or(0);
        self.total = self.source.count(store)?;
        Ok(())
    }

    pub fn resize(&mut self, store: &Store, page: usize) -> Result<(), StoreError> {
        self.page = page.max(1);
        self.refresh(store)
    }

    pub fn down(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.selected + 1 < self.rows.len() {
            self.selected += 1;
        } else if self.next.is_some() {
            // Scroll by one line: the second row becomes the top.
            self.anchor = self.rows.get(1).map(S::key).or(self.next);
            self.load(store)?;
            self.selected = self.rows.len().saturating_sub(1);
        }
        Ok(())
    }

    pub fn up(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.selected > 0 {
            self.selected -= 1;
        } else if self.anchor.is_some() {
            // Two rows: when the one above is the first of all, the list is back at its top.
            let mut above = self.source.above(store, self.anchor, 2)?;
            let Some(row) = above.pop() else {
                return Ok(());
            };
            self.anchor = if above.is_empty() {
                None
            } else {
                Some(S::key(&row))
            };
            self.load(store)?;
            self.selected = 0;
        }
        Ok(())
    }

    pub fn page_down(&mut self, store: &Store) -> Result<(), StoreError> {
        match self.next {
            Some(next) => {
                self.anchor = Some(next);
                self.load(store)?;
            }
            None => self.selected = self.rows.len().saturating_sub(1),
        }
        Ok(())
    }

    pub fn page_up(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.anchor.is_none() {
            self.selected = 0;
            return Ok(());
        }
        let above = self.source.above(store, self.anchor, self.page)?;
        self.anchor = match above.first() {
            // A short page above means we reached the top.
            Some(top) if above.len() == self.page => Some(S::key(top)),
            _ => None,
        };
        self.load(store)
    }

    pub fn first(&mut self, store: &Store) -> Result<(), StoreError> {
        self.anchor = None;
        self.load(store)?;
        self.selected = 0;
        Ok(())
    }

    pub fn last(&mut self, store: &Store) -> Result<(), StoreError> {
        self.show_last(store)?;
        self.selected = self.rows.len().saturating_sub(1);
        Ok(())
    }

    fn show_last(&mut self, store: &Store) -> Result<(), StoreError> {
        let rows = self.source.above(store, None, self.page)?;
        // The bottom page's top row is the anchor, unless the whole list fits on one page.
        let top = rows.first().map(S::key);
        let fits = rows.len() < self.page || self.source.above(store, top, 1)?.is_empty();
        self.anchor = if fits { None } else { top };
        self.next = None;
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }
}
