-- Version 11: a compact store (issue 14.2; what each change saved is in the README's
-- Performance section).
-- - The text indexes read the original columns: SQLite folds accents itself
--   (`remove_diacritics 2`), and a query spells each `d` as d, đ or ð (SearchQuery::fts),
--   since đ has no decomposition. The folded copies of every text, nearly as big as the
--   text, go.
-- - A comment's repeated-text key is 8 bytes (the start of its SHA-256) instead of 64 hex
--   letters.
-- - Indexes no query uses go: `articles_due` (`articles_by_schedule` serves the same
--   queries) and `comments_by_author` (an author's approved comments are looked up in
--   `author_counts`; their queue in `comments_by_author_decided`). See
--   store/query_plan_tests.rs.
-- The Rust step (search_migrations::fill_indexes) fills both indexes in batches, with
-- progress, and the whole migration is one transaction: stopped half way, the store is
-- as it was.
DROP TRIGGER article_fts_insert;
DROP TRIGGER article_fts_delete;
DROP TRIGGER article_fts_update;
DROP TABLE article_fts;
DROP TRIGGER comment_fts_insert;
DROP TRIGGER comment_fts_delete;
DROP TRIGGER comment_fts_update;
DROP TABLE comment_fts;

ALTER TABLE articles DROP COLUMN title_fold;
ALTER TABLE articles DROP COLUMN text_fold;
-- What else a reader sees of an article: captions, credits, alt text and tags, kept by
-- search::refold_article.
ALTER TABLE articles ADD COLUMN search_extra TEXT NOT NULL DEFAULT '';
-- Filled before the triggers below exist: they would take each row out of an index that
-- does not hold it yet.
UPDATE articles SET search_extra =
    coalesce((SELECT group_concat(caption || ' ' || credit || ' ' || coalesce(alt, ''), ' ')
              FROM photos WHERE article_id = articles.id), '') || ' ' ||
    coalesce((SELECT group_concat(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
              WHERE x.article_id = articles.id), '');
ALTER TABLE comments DROP COLUMN search_fold;
UPDATE comments SET content_key = unhex(substr(content_key, 1, 16)) WHERE length(content_key) = 64;

DROP INDEX articles_due;
DROP INDEX comments_by_author;

-- Both keep 2-letter prefixes (a word being typed, "tay h", stays one lookup) but no longer
-- 3-letter ones, which cost a third of the index; nor the per-column sizes (columnsize),
-- which only ranking by bm25 reads, and nothing here ranks by bm25.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, dateline, lead, body, byline, search_extra, content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2', columnsize = 0
);
CREATE TRIGGER article_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts (rowid, title, dateline, lead, body, byline, search_extra)
    VALUES (new.id, new.title, new.dateline, new.lead, new.body, new.byline, new.search_extra);
END;
CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, dateline, lead, body, byline, search_extra)
    VALUES ('delete', old.id, old.title, old.dateline, old.lead, old.body, old.byline, old.search_extra);
END;
CREATE TRIGGER article_fts_update AFTER UPDATE OF title, dateline, lead, body, byline, search_extra ON articles BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, dateline, lead, body, byline, search_extra)
    VALUES ('delete', old.id, old.title, old.dateline, old.lead, old.body, old.byline, old.search_extra);
    INSERT INTO article_fts (rowid, title, dateline, lead, body, byline, search_extra)
    VALUES (new.id, new.title, new.dateline, new.lead, new.body, new.byline, new.search_extra);
END;

-- Comments are searched as one text (name, title, words): one column, and no copy of it
-- (contentless), since the triggers can give the index the old text to take out. Half
-- the size of three columns over the table.
CREATE VIRTUAL TABLE comment_fts USING fts5(
    text, content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '2', columnsize = 0
);
CREATE TRIGGER comment_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comment_fts (rowid, text) VALUES (new.id, new.author_name || ' ' || new.title || ' ' || new.body);
END;
CREATE TRIGGER comment_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comment_fts (comment_fts, rowid, text)
    VALUES ('delete', old.id, old.author_name || ' ' || old.title || ' ' || old.body);
END;
CREATE TRIGGER comment_fts_update AFTER UPDATE OF author_name, title, body ON comments BEGIN
    INSERT INTO comment_fts (comment_fts, rowid, text)
    VALUES ('delete', old.id, old.author_name || ' ' || old.title || ' ' || old.body);
    INSERT INTO comment_fts (rowid, text) VALUES (new.id, new.author_name || ' ' || new.title || ' ' || new.body);
END;
