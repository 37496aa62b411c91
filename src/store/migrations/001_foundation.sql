-- Version 1: the whole data model of DESIGN.md. Times are Unix seconds (UTC); zones are
-- IANA names. Text is stored NFC by the library.

CREATE TABLE users (
    login        TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('reporter', 'editor', 'admin')),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE ssh_keys (
    id         INTEGER PRIMARY KEY,
    login      TEXT NOT NULL REFERENCES users(login),
    public_key TEXT NOT NULL UNIQUE,
    added_at   INTEGER NOT NULL
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    dateline     TEXT NOT NULL DEFAULT '',
    lead         TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    byline       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'submitted', 'scheduled', 'published', 'spiked')),
    author       TEXT NOT NULL REFERENCES users(login),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    scheduled_at INTEGER,
    published_at INTEGER,
    zone         TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_by_update ON articles (updated_at, id);
CREATE INDEX articles_by_status ON articles (status, updated_at, id);
CREATE INDEX articles_due ON articles (scheduled_at) WHERE status = 'scheduled';

CREATE TABLE article_revisions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    dateline   TEXT NOT NULL,
    lead       TEXT NOT NULL,
    body       TEXT NOT NULL,
    byline     TEXT NOT NULL,
    slug       TEXT NOT NULL,
    status     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    saved_by   TEXT NOT NULL REFERENCES users(login),
    saved_at   INTEGER NOT NULL
);
CREATE INDEX revisions_by_article ON article_revisions (article_id, id);

-- Autosaves are kept apart from revisions: one row per article and person, overwritten.
CREATE TABLE autosaves (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    login      TEXT NOT NULL REFERENCES users(login),
    content    TEXT NOT NULL,
    cursor     TEXT NOT NULL DEFAULT '',
    saved_at   INTEGER NOT NULL,
    PRIMARY KEY (article_id, login)
) WITHOUT ROWID;

CREATE TABLE photos (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    file       TEXT NOT NULL,
    sha256     TEXT NOT NULL DEFAULT '',
    caption    TEXT NOT NULL DEFAULT '',
    credit     TEXT NOT NULL DEFAULT '',
    alt        TEXT,
    decorative INTEGER NOT NULL DEFAULT 0 CHECK (decorative IN (0, 1)),
    position   INTEGER NOT NULL
);
CREATE INDEX photos_by_article ON photos (article_id, position);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);

-- Reader comments, stored as they arrived (NFC); sanitised only when shown.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    author_name  TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    submitted_at INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    held_by_rule TEXT,
    decided_by   TEXT REFERENCES users(login),
    decided_at   INTEGER,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX comments_by_status ON comments (status, submitted_at, id);
CREATE INDEX comments_by_article ON comments (article_id, submitted_at);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    login     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
