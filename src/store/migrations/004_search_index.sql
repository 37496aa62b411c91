-- Version 4, second half: run by the migration's Rust step once every row is folded.
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
