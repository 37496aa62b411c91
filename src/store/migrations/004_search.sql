-- Version 4: search. The folded text (no case, no diacritics, đ → d) is computed in Rust
-- and kept beside the original; FTS5 indexes it. Triggers keep each index in step with
-- its table, whichever session or command writes. The Rust step of this migration folds
-- the rows that are already there, then creates the indexes (004_search_index.sql): a
-- trigger must not see a row the index never held.
ALTER TABLE articles ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN text_fold TEXT NOT NULL DEFAULT '';

