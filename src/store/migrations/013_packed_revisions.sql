-- Revision bodies of 1 KB or more are kept packed (a BLOB: one format byte, then raw
-- DEFLATE; see src/store/packed.rs). The Rust step after this packs the rows already
-- there; nothing in the schema changes, and a reader tells packed from plain bodies by
-- their storage class.
SELECT 1;
