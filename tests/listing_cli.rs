//! `article list` and `comments list` as a whole process: what a page holds (each listed
//! article is the article `article show` gives), the order of rows and the note after
//! them, and the zone their times are shown in.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Read;
use std::process::Command;

use serde_json::Value;
use support::cli::*;

/// Every listed article, plain or JSON, with or without bodies, on every page, is the one
/// `article show --json` prints: its tags, photos and old slugs belong to it and no other.
#[test]
fn a_listed_article_is_the_article_shown() {
    let sb = Sandbox::demo();
    let published = array(sb.json(
        ADMIN,
        &[
            "article",
            "list",
            "--status",
            "published",
            "--json",
            "--limit",
            "3",
        ],
    ));
    let renamed_id = published[1]["id"].as_i64().unwrap();
    let renamed = renamed_id.to_string();
    for slug in ["ten-cu-mot", "ten-cu-hai"] {
        assert_ok(
            &sb.run(EDITOR, &["article", "slug", &renamed, slug]),
            "article slug",
        );
    }
    assert_ok(
        &sb.run(ADMIN, &["article", "tag", &renamed, "Đô thị", "#chờ ảnh"]),
        "article tag",
    );
    for with_body in [false, true] {
        let mut listed = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut args = vec!["article", "list", "--json", "--limit", "7"];
            if with_body {
                args.push("--with-body");
            }
            if let Some(c) = &cursor {
                args.extend(["--cursor", c]);
            }
            let out = sb.run(ADMIN, &args);
            assert_ok(&out, &format!("{args:?}"));
            listed.extend(array(serde_json::from_slice(&out.stdout).unwrap()));
            let note = stderr(&out);
            match note.find("--cursor ") {
                Some(at) => cursor = note[at + 9..].split('`').next().map(str::to_owned),
                None => break,
            }
        }
        assert_eq!(listed.len(), sb.articles().len(), "every article once");
        let mut with_photos = 0;
        for a in &listed {
            let mut shown = sb.article(a["id"].as_i64().unwrap());
            shown.as_object_mut().unwrap().remove("autosave");
            if !with_body {
                shown["body"] = Value::Null;
            }
            assert_eq!(a, &shown, "article {} as listed and as shown", a["id"]);
            with_photos += usize::from(!a["photos"].as_array().unwrap().is_empty());
        }
        assert!(with_photos > 1, "the demo store has articles with photos");
        let renamed_one = listed.iter().find(|a| a["id"] == renamed_id).unwrap();
        assert_eq!(renamed_one["old_slugs"].as_array().unwrap().len(), 2);
        assert!(renamed_one["tags"].as_array().unwrap().len() >= 2);
    }
    // The plain list shows the same articles in the same order.
    let plain = sb.run(ADMIN, &["article", "list", "--all"]);
    assert_ok(&plain, "article list --all");
    let plain_ids: Vec<i64> = stdout(&plain)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    let json_ids: Vec<i64> = sb.articles().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(plain_ids, json_ids);
}

/// stdout and stderr of one run, in the order they were written, as a terminal shows them.
fn interleaved(sb: &Sandbox, args: &[&str]) -> String {
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .env_remove("NEWSROOM_DB")
        .env("NEWSROOM_CONFIG", sb.path("no-config.toml"))
        .env("HOME", sb.dir.path())
        .env("LANG", "C.UTF-8")
        .arg("--db")
        .arg(&sb.db)
        .args(["--user", ADMIN])
        .args(args)
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .spawn()
        .unwrap();
    let mut text = String::new();
    reader.read_to_string(&mut text).unwrap();
    assert!(child.wait().unwrap().success(), "{args:?}: {text}");
    text
}

/// Rows are written in chunks now; the note still comes after the last of them (and
/// after the closing `]` of a JSON page), where someone at a terminal reads on.
#[test]
fn the_note_after_a_page_follows_its_rows() {
    let sb = Sandbox::demo();
    for args in [
        &["article", "list", "--limit", "3"][..],
        &["article", "list", "--limit", "3", "--json"],
        &["comments", "list", "--limit", "3"],
        &["comments", "list", "--limit", "3", "--json"],
    ] {
        let text = interleaved(&sb, args);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines.last().unwrap().starts_with("Showed 3 "),
            "{args:?}: the note is last:\n{text}"
        );
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("Showed")).count(),
            1,
            "{text}"
        );
        if args.contains(&"--json") {
            assert_eq!(lines[lines.len() - 2], "]", "{args:?}:\n{text}");
        }
    }
}

/// Times are shown in the newsroom's zone from the database built into the binary, not
/// from the machine's zoneinfo files: the same on every server (and not a walk of the
/// whole zoneinfo tree before every command).
#[test]
fn times_use_the_built_in_zone_database() {
    let system_utc = std::path::Path::new("/usr/share/zoneinfo/UTC");
    let Ok(utc) = std::fs::read(system_utc) else {
        return; // No zoneinfo to disagree with.
    };
    let sb = Sandbox::empty();
    assert_ok(&sb.run(ADMIN, &["init"]), "init");
    // A machine whose Asia/Ho_Chi_Minh says UTC.
    let tzdir = sb.path("zoneinfo");
    std::fs::create_dir_all(tzdir.join("Asia")).unwrap();
    std::fs::write(tzdir.join("Asia/Ho_Chi_Minh"), &utc).unwrap();
    std::fs::write(tzdir.join("UTC"), &utc).unwrap();
    let run = |args: &[&str]| {
        sb.cmd(ADMIN, args)
            .env("TZDIR", &tzdir)
            .env("NEWSROOM_TEST_CLOCK", "2026-11-28T03:00:00Z")
            .output()
            .unwrap()
    };
    assert_ok(&run(&["article", "new", "--title", "Giờ Hà Nội"]), "article new");
    let out = run(&["article", "list"]);
    assert_ok(&out, "article list");
    assert!(
        stdout(&out).contains("10:00 28/11/2026"),
        "03:00 UTC is 10:00 in Hanoi: {}",
        stdout(&out)
    );
}
