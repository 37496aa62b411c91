use jiff::tz::TimeZone;

use super::paging::{Paged, Source};
use crate::domain::{SearchQuery, Status};
use crate::store::{ArticleKey, ArticleRow, Store, StoreError, Toward};

/// The article list: newest update first; or, while searching, title matches first.
#[derive(Debug, Clone)]
pub struct Articles {
    pub status: Option<Status>,
    /// A search typed with `/`.
    pub query: Option<SearchQuery>,
    /// For the date filters of a search.
    pub zone: TimeZone,
}

impl Articles {
    pub fn new(zone: TimeZone) -> Articles {
        Articles {
            status: None,
            query: None,
            zone,
        }
    }
}

pub type ArticleList = Paged<Articles>;

impl Source for Articles {
    type Row = ArticleRow;
    type Key = ArticleKey;

    fn key(row: &ArticleRow) -> ArticleKey {
        row.key()
    }

    fn id(row: &ArticleRow) -> i64 {
        row.id
    }

    fn from(
        &self,
        store: &Store,
        anchor: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        match &self.query {
            Some(q) => store.search_article_rows(q, &self.zone, anchor, Toward::Down, limit),
            None => store.article_rows_from(self.status, anchor, limit),
        }
    }

    fn above(
        &self,
        store: &Store,
        key: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        match &self.query {
            Some(q) => store.search_article_rows(q, &self.zone, key, Toward::Up, limit),
            None => store.article_rows_above(self.status, key, limit),
        }
    }

    fn count(&self, store: &Store) -> Result<u64, StoreError> {
        match &self.query {
            Some(q) => store.search_article_count(q, &self.zone),
            None => store.article_count(self.status),
        }
    }
}
