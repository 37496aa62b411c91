-- Version 7: how each author's comments were decided, kept by triggers, so the moderator's
-- "approved 3 · rejected 1" beside a comment is a lookup even for an author with tens of
-- thousands of comments (a spam source).
CREATE TABLE author_counts (
    author_name TEXT NOT NULL,
    phone       TEXT NOT NULL,
    status      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (author_name, phone, status)
) WITHOUT ROWID;
INSERT INTO author_counts (author_name, phone, status, n)
SELECT author_name, phone, status, count(*) FROM comments GROUP BY author_name, phone, status;

CREATE TRIGGER author_counts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO author_counts (author_name, phone, status, n) VALUES (new.author_name, new.phone, new.status, 1)
    ON CONFLICT (author_name, phone, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER author_counts_delete AFTER DELETE ON comments BEGIN
    UPDATE author_counts SET n = n - 1
    WHERE author_name = old.author_name AND phone = old.phone AND status = old.status;
END;
CREATE TRIGGER author_counts_update AFTER UPDATE OF status, author_name, phone ON comments
WHEN old.status != new.status OR old.author_name != new.author_name OR old.phone != new.phone BEGIN
    UPDATE author_counts SET n = n - 1
    WHERE author_name = old.author_name AND phone = old.phone AND status = old.status;
    INSERT INTO author_counts (author_name, phone, status, n) VALUES (new.author_name, new.phone, new.status, 1)
    ON CONFLICT (author_name, phone, status) DO UPDATE SET n = n + 1;
END;
