-- The newsroom's own word list: names and words the spelling checker must not flag,
-- shared by everyone. A word is kept in lower case NFC, so `Tô Lâm` and `tô lâm` are one.
CREATE TABLE words (
    word     TEXT PRIMARY KEY CHECK (length(word) BETWEEN 1 AND 100),
    added_by TEXT NOT NULL REFERENCES users(login),
    added_at INTEGER NOT NULL
) WITHOUT ROWID;
