-- Version 4: search. The folded text (no case, no diacritics, đ → d) is computed in Rust
-- and kept beside the original; FTS5 indexes it. Triggers keep each index in step with
-- its table, whichever session or command writes. The Rust step of this migration folds
-- the rows that are already there.
ALTER TABLE articles ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN text_fold TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE article_fts USING fts5(
    title_fold, text_fold, content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
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
    tokenize = 'unicode61 remove_diacritics 0'
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
