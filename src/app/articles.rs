use crate::domain::ArticleId;
use crate::store::{ArticleKey, ArticleRow, Store, StoreError};

/// One screenful of the article list, paged through the store by key: the list never holds
/// more than a page, however many articles there are.
#[derive(Debug, Clone, Default)]
pub struct ArticleList {
    /// The rows on screen, at most `page` of them.
    pub rows: Vec<ArticleRow>,
    pub selected: usize,
    pub total: u64,
    page: usize,
    /// The key of the top row; `None` means the top of the list.
    anchor: Option<ArticleKey>,
    /// The row just below the screen, if any.
    next: Option<ArticleKey>,
}

impl ArticleList {
    pub fn new(page: usize) -> ArticleList {
        ArticleList {
            page: page.max(1),
            ..ArticleList::default()
        }
    }

    pub fn selected_row(&self) -> Option<&ArticleRow> {
        self.rows.get(self.selected)
    }

    pub fn has_more_below(&self) -> bool {
        self.next.is_some()
    }

    pub fn is_at_top(&self) -> bool {
        self.anchor.is_none()
    }

    /// Re-reads the page from its anchor. The cursor stays on the same article when it is
    /// still on the page, else on the same line.
    pub fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        let keep: Option<ArticleId> = self.selected_row().map(|r| r.id);
        self.load(store)?;
        if let Some(i) = keep.and_then(|id| self.rows.iter().position(|r| r.id == id)) {
            self.selected = i;
        }
        self.total = store.article_count(None)?;
        Ok(())
    }

    fn load(&mut self, store: &Store) -> Result<(), StoreError> {
        let mut rows = store.article_rows_from(None, self.anchor, self.page + 1)?;
        self.next = if rows.len() > self.page {
            rows.pop().map(|r| r.key())
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

    pub fn resize(&mut self, store: &Store, page: usize) -> Result<(), StoreError> {
        self.page = page.max(1);
        self.refresh(store)
    }

    pub fn down(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.selected + 1 < self.rows.len() {
            self.selected += 1;
        } else if self.next.is_some() {
            // Scroll by one line: the second row becomes the top.
            self.anchor = self.rows.get(1).map(ArticleRow::key).or(self.next);
            self.load(store)?;
            self.selected = self.rows.len().saturating_sub(1);
        }
        Ok(())
    }

    pub fn up(&mut self, store: &Store) -> Result<(), StoreError> {
        if self.selected > 0 {
            self.selected -= 1;
        } else if let Some(above) = store.article_rows_above(None, self.anchor, 1)?.pop() {
            self.anchor = Some(above.key());
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
        let above = store.article_rows_above(None, self.anchor, self.page)?;
        self.anchor = match above.first() {
            // A short page above means we reached the top.
            Some(top) if above.len() == self.page => Some(top.key()),
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
        let rows = store.article_rows_above(None, None, self.page)?;
        // The bottom page's top row is the anchor, unless the whole list fits on one page.
        let fits = rows.len() < self.page
            || store
                .article_rows_above(None, rows.first().map(ArticleRow::key), 1)?
                .is_empty();
        self.anchor = if fits {
            None
        } else {
            rows.first().map(ArticleRow::key)
        };
        self.next = None;
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }
}
