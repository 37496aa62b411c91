-- Version 5: queue counts kept by triggers, so showing "45 pending" after each decision
-- is a lookup instead of a count over a million rows; and an index for an author's last
-- decisions.
CREATE TABLE comment_counts (
    status TEXT PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO comment_counts (status, n)
SELECT s.status, (SELECT count(*) FROM comments c WHERE c.status = s.status)
FROM (SELECT 'pending' AS status UNION ALL SELECT 'approved' UNION ALL SELECT 'rejected' UNION ALL SELECT 'spam') s;

CREATE TRIGGER comment_counts_insert AFTER INSERT ON comments BEGIN
    UPDATE comment_counts SET n = n + 1 WHERE status = new.status;
END;
CREATE TRIGGER comment_counts_delete AFTER DELETE ON comments BEGIN
    UPDATE comment_counts SET n = n - 1 WHERE status = old.status;
END;
CREATE TRIGGER comment_counts_update AFTER UPDATE OF status ON comments WHEN old.status != new.status BEGIN
    UPDATE comment_counts SET n = n - 1 WHERE status = old.status;
    UPDATE comment_counts SET n = n + 1 WHERE status = new.status;
END;

CREATE INDEX comments_by_author_decided ON comments (author_name, phone, decided_at);
