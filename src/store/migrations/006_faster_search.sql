-- Version 6: faster search at scale. Comments get an index in time order (search lists
-- the newest first), and both text indexes keep 2- and 3-letter prefixes, so a word being
-- typed ("tay h") does not expand to thousands of terms. The indexes are rebuilt once.
CREATE INDEX comments_by_time ON comments (submitted_at, id);

DROP TRIGGER article_fts_insert;
DROP TRIGGER article_fts_delete;
DROP TRIGGER article_fts_update;
DROP TABLE article_fts;
DROP TRIGGER comment_fts_insert;
DROP TRIGGER comment_fts_delete;
DROP TRIGGER comment_fts_update;
DROP TABLE comment_fts;
-- (continued) The text indexes again, with prefixes.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title_fold, text_fold, content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
);
CREATE TRIGGER article_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts (rowid, title_fold, text_fold) VALUES (new.id, new.title_fold, new.text_fold);
END;
CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts (article_fts, rowid, title_fold, text_fold)
    VALUES ('delete', old.id, old.title_fold, old.text_fold);
END;
CREATE TRIGGER article_fts_update AFTER UPDATE OF title_fold, text_fold ON articles BEGIN
    INSERT INTO article_fts (article_fts, rowid, title_fold, text_fold)
    VALUES ('delete', old.id, old.title_fold, old.text_fold);
    INSERT INTO article_fts (rowid, title_fold, text_fold) VALUES (new.id, new.title_fold, new.text_fold);
END;

CREATE VIRTUAL TABLE comment_fts USING fts5(
    search_fold, content = 'comments', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
);
CREATE TRIGGER comment_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comment_fts (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
CREATE TRIGGER comment_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comment_fts (comment_fts, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);
END;
CREATE TRIGGER comment_fts_update AFTER UPDATE OF search_fold ON comments BEGIN
    INSERT INTO comment_fts (comment_fts, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);
    INSERT INTO comment_fts (rowid, search_fold) VALUES (new.id, new.search_fold);
END;
INSERT INTO article_fts (article_fts) VALUES ('rebuild');
INSERT INTO comment_fts (comment_fts) VALUES ('rebuild');
