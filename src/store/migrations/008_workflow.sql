-- The workflow: corrections of published articles, slugs that stay put, schedules kept as
-- the instant, the zone and the wall time typed, and catch-up publishing.
ALTER TABLE articles ADD COLUMN corrected_at INTEGER;
ALTER TABLE articles ADD COLUMN updated_note TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN scheduled_wall TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN scheduled_by TEXT REFERENCES users(login);
ALTER TABLE articles ADD COLUMN late_minutes INTEGER;
-- Why a due schedule was not published (the ready-to-publish check); empty when it may go.
ALTER TABLE articles ADD COLUMN held_because TEXT NOT NULL DEFAULT '';

-- Every slug an article had once it was live: links and comment forms keep working.
CREATE TABLE old_slugs (
    slug       TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    retired_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX old_slugs_by_article ON old_slugs (article_id);

-- The Schedule tab's agenda and recently published list.
CREATE INDEX articles_by_schedule ON articles (scheduled_at, id) WHERE status = 'scheduled';
CREATE INDEX articles_by_publication ON articles (published_at, id) WHERE status = 'published';
