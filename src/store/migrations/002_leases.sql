-- Version 2: who is editing what. One row per article; a row whose heartbeat is older than
-- the lease's lifetime is free for anyone to take.
CREATE TABLE leases (
    article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    login        TEXT NOT NULL REFERENCES users(login),
    session      TEXT NOT NULL,
    taken_at     INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
CREATE INDEX revisions_by_time ON article_revisions (article_id, saved_at);
