-- Version 3: what the moderation rules need and leave behind.
-- held_matches: the words or links the rule matched (JSON array).
-- search_fold: name, title and text folded (no case, no diacritics, đ → d) for patterns.
-- content_key: a hash of the folded text, to notice repeats.
-- import_key: a hash of an imported line, so a file imported twice adds nothing twice.
ALTER TABLE comments ADD COLUMN held_matches TEXT NOT NULL DEFAULT '[]';
ALTER TABLE comments ADD COLUMN search_fold TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN content_key TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX comments_import_key ON comments (import_key) WHERE import_key IS NOT NULL;
CREATE INDEX comments_by_address ON comments (ip, submitted_at) WHERE ip != '';
CREATE INDEX comments_by_author ON comments (author_name, phone, status);
CREATE INDEX comments_by_content ON comments (content_key);

-- Store-wide settings: the captcha secret, the moderation rules last in force.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
