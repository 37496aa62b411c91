//! The listings and the other commands that only read open the store read-only
//! (src/store/open_read.rs): they write nothing, not even the checkpoint a read-write
//! connection makes when it is the last to close, and a store that needs the ordinary open
//! still gets it.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use rusqlite::config::DbConfig;
use support::cli::*;

const ONLY_IN_THE_WAL: &str = "Tiêu đề chỉ có trong WAL";

#[test]
fn a_listing_reads_the_wal_and_leaves_the_files_as_they_were() {
    let sb = Sandbox::demo();
    let newest = {
        // A writer that commits and leaves its frames in the WAL, as one still running would.
        let conn = rusqlite::Connection::open(&sb.db).unwrap();
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .unwrap();
        conn.execute(
            "UPDATE articles SET title = ?1 WHERE id = (SELECT max(id) FROM articles)",
            [ONLY_IN_THE_WAL],
        )
        .unwrap();
        conn.execute(
            "UPDATE comments SET title = ?1 WHERE id = (SELECT min(id) FROM comments)",
            [ONLY_IN_THE_WAL],
        )
        .unwrap();
        conn.query_row("SELECT max(id) FROM articles", [], |r| r.get::<_, i64>(0))
            .unwrap()
            .to_string()
    };
    let wal = sb.path("newsroom.db-wal");
    let wal_before = std::fs::read(&wal).unwrap();
    assert!(!wal_before.is_empty(), "the writer left nothing in the WAL");
    let store_before = std::fs::read(&sb.db).unwrap();

    // The listings, and the other commands that only read, with whether they show the title.
    for (user, args, shows) in [
        (ADMIN, &["article", "list", "--all"][..], true),
        (ADMIN, &["article", "list", "--all", "--json"], true),
        (EDITOR, &["comments", "list", "--all"], true),
        (EDITOR, &["comments", "list", "--all", "--json"], true),
        (ADMIN, &["article", "show", &newest], true),
        (ADMIN, &["search", "trong", "wal"], true),
        (ADMIN, &["audit"], false),
        (ADMIN, &["user", "list"], false),
        (ADMIN, &["tag", "list"], false),
        (ADMIN, &["schedule", "list"], false),
    ] {
        let out = sb.run(user, args);
        assert_ok(&out, &args.join(" "));
        assert!(
            !shows || stdout(&out).contains(ONLY_IN_THE_WAL),
            "{args:?} did not show what the WAL holds"
        );
        assert_eq!(
            std::fs::read(&wal).unwrap(),
            wal_before,
            "{args:?} changed the WAL"
        );
        assert_eq!(
            std::fs::read(&sb.db).unwrap(),
            store_before,
            "{args:?} wrote to the store file"
        );
    }
}

#[test]
fn a_store_that_needs_the_ordinary_open_gets_it() {
    let sb = Sandbox::demo();
    {
        let conn = rusqlite::Connection::open(&sb.db).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    assert_eq!(std::fs::read(&sb.db).unwrap()[18], 1, "not in rollback mode");
    let out = sb.run(ADMIN, &["article", "list"]);
    assert_ok(&out, "article list");
    // The ordinary open puts every store in WAL mode (bytes 18 and 19 of the header are 2).
    assert_eq!(
        std::fs::read(&sb.db).unwrap()[18],
        2,
        "the store was not put in WAL mode"
    );

    // A file that is no store is refused in the same words as by any other command.
    let garbage = sb.path("garbage.db");
    std::fs::write(&garbage, "không phải một kho dữ liệu").unwrap();
    let run = |args: &[&str]| {
        sb.bare()
            .arg("--db")
            .arg(&garbage)
            .args(["--user", ADMIN])
            .args(args)
            .output()
            .unwrap()
    };
    let listing = assert_refused(&run(&["comments", "list"]), "comments list on garbage");
    let other = assert_refused(&run(&["audit"]), "audit on garbage");
    assert_eq!(listing, other);
}
