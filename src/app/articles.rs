use super::paging::{Paged, Source};
use crate::domain::Status;
use crate::store::{ArticleKey, ArticleRow, Store, StoreError};

/// The article list: newest update first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Articles {
    pub status: Option<Status>,
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
        store.article_rows_from(self.status, anchor, limit)
    }

    fn above(
        &self,
        store: &Store,
        key: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        store.article_rows_above(self.status, key, limit)
    }

    fn count(&self, store: &Store) -> Result<u64, StoreError> {
        store.article_count(self.status)
    }
}
