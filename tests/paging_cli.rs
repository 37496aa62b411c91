//! `article list` and `comments list` page: a page by default with a note on stderr, a
//! cursor that walks the list without losing or repeating a row while others write, and
//! `--all` for everything.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::cli::*;

fn generated(articles: &str, comments: &str) -> Sandbox {
    let sb = Sandbox::empty();
    let out = sb.run(ADMIN, &["demo", "--articles", articles, "--comments", comments]);
    assert_ok(&out, "demo --articles");
    sb
}

/// The cursor in a page's stderr note, if it says more follow.
fn next_cursor(stderr: &str) -> Option<String> {
    let at = stderr.find("--cursor ")? + "--cursor ".len();
    Some(stderr[at..].split(['`', ' ']).next()?.to_owned())
}

/// One page: its rows' ids and the cursor for the next.
fn page(sb: &Sandbox, user: &str, args: &[&str], cursor: Option<&str>) -> (Vec<i64>, Option<String>) {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--json");
    if let Some(c) = cursor {
        all.extend(["--cursor", c]);
    }
    let out = sb.run(user, &all);
    assert_ok(&out, &format!("{all:?}"));
    let rows: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON alone");
    let ids = array(rows).iter().map(|r| r["id"].as_i64().unwrap()).collect();
    (ids, next_cursor(&stderr(&out)))
}

fn import_comments(sb: &Sandbox, article: i64, n: usize, round: usize) {
    let lines: Vec<String> = (0..n)
        .map(|k| {
            serde_json::json!({
                "article": article, "name": format!("Độc giả {round}-{k}"), "phone": "",
                "title": "Mới đến", "content": format!("Bình luận mới số {round}-{k} trong lúc đọc danh sách")
            })
            .to_string()
        })
        .collect();
    let file = sb.path(&format!("new-{round}.jsonl"));
    write_file(&file, &(lines.join("\n") + "\n"));
    assert_ok(
        &sb.run(ADMIN, &["comments", "import", file.to_str().unwrap()]),
        "import",
    );
}

#[test]
fn a_cursor_walk_over_comments_sees_each_row_once_while_comments_arrive() {
    let sb = generated("40", "230");
    let published = array(sb.json(
        ADMIN,
        &[
            "article",
            "list",
            "--status",
            "published",
            "--json",
            "--limit",
            "1",
        ],
    ));
    let article = published[0]["id"].as_i64().unwrap();
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    for round in 0.. {
        let (ids, next) = page(
            &sb,
            EDITOR,
            &["comments", "list", "--limit", "25"],
            cursor.as_deref(),
        );
        assert!(ids.len() <= 25);
        walked.extend(ids);
        if round < 4 {
            import_comments(&sb, article, 3, round);
        }
        match next {
            Some(c) => cursor = Some(c),
            None => break,
        }
        assert!(round < 40, "the walk never ends");
    }
    let everything: Vec<i64> = array(sb.json(EDITOR, &["comments", "list", "--all", "--json"]))
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(everything.len(), 230 + 12, "--all lists every comment");
    let unique: BTreeSet<i64> = walked.iter().copied().collect();
    assert_eq!(unique.len(), walked.len(), "a row came twice");
    assert_eq!(walked, everything, "the walk skipped rows or changed order");
}

#[test]
fn a_cursor_walk_over_articles_is_not_shifted_by_new_articles() {
    let sb = generated("75", "0");
    let before: Vec<i64> = array(sb.json(ADMIN, &["article", "list", "--all", "--json"]))
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(before.len(), 75);
    let mut walked = Vec::new();
    let mut cursor: Option<String> = None;
    for round in 0..20 {
        let (ids, next) = page(
            &sb,
            ADMIN,
            &["article", "list", "--limit", "10"],
            cursor.as_deref(),
        );
        walked.extend(ids);
        let title = format!("Bài mới số {round} trong lúc đọc danh sách");
        assert_ok(
            &sb.run(REPORTER, &["article", "new", "--title", &title]),
            "article new",
        );
        match next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(
        walked, before,
        "new articles at the top must not shift the pages below"
    );
}

#[test]
fn lists_print_a_page_by_default_and_say_how_to_get_the_next() {
    let sb = generated("60", "120");
    for (args, noun) in [
        (&["article", "list"][..], "articles"),
        (&["comments", "list"][..], "comments"),
    ] {
        let out = sb.run(EDITOR, args);
        assert_ok(&out, &format!("{args:?}"));
        assert_eq!(stdout(&out).lines().count(), 50, "{args:?} prints one page");
        let note = stderr(&out);
        assert!(note.contains(&format!("Showed 50 {noun}")), "{note}");
        assert!(next_cursor(&note).is_some(), "{note}");
    }
    let bodies = |args: &[&str]| {
        array(sb.json(EDITOR, args))
            .iter()
            .filter(|a| a["body"].is_string())
            .count()
    };
    assert_eq!(
        bodies(&["article", "list", "--json", "--limit", "5"]),
        0,
        "bodies stay out by default"
    );
    assert_eq!(
        bodies(&["article", "list", "--json", "--limit", "5", "--with-body"]),
        5
    );
    let other = sb.run(EDITOR, &["article", "list", "--limit", "5"]);
    let comments_cursor =
        next_cursor(&stderr(&sb.run(EDITOR, &["comments", "list", "--limit", "5"]))).unwrap();
    assert!(next_cursor(&stderr(&other)).is_some());
    let refused = assert_refused(
        &sb.run(EDITOR, &["article", "list", "--cursor", &comments_cursor]),
        "a comments cursor given to article list",
    );
    assert!(refused.contains("cursor"), "{refused}");
}
