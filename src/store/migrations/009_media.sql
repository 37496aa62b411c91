-- Photos in the media library: what the header said, and where each stands in the body.
ALTER TABLE photos ADD COLUMN width INTEGER;
ALTER TABLE photos ADD COLUMN height INTEGER;
ALTER TABLE photos ADD COLUMN format TEXT;
-- The body paragraph the photo follows (0: before the first); NULL: after the body.
ALTER TABLE photos ADD COLUMN after_paragraph INTEGER;

-- Captions are versioned with the text: every revision keeps the article's photos as
-- they were, whoever inserted it (a save, a restore, a photo change, a recovery).
ALTER TABLE article_revisions ADD COLUMN photos TEXT;
CREATE TRIGGER revisions_keep_photos AFTER INSERT ON article_revisions
WHEN NEW.photos IS NULL BEGIN
    UPDATE article_revisions SET photos = (
        SELECT json_group_array(json_object(
                   'file', file, 'caption', caption, 'credit', credit, 'alt', alt,
                   'decorative', decorative, 'after_paragraph', after_paragraph))
        FROM (SELECT * FROM photos WHERE article_id = NEW.article_id ORDER BY position))
    WHERE id = NEW.id;
END;
