//! The workflow on the command line: every move, scheduling with zones and DST, catch-up
//! publishing for cron, corrections, slugs, deletes, and the refusals, each one sentence
//! with the store left as it was.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Output;

use serde_json::Value;

mod support;

use support::cli::*;

/// 10:00 on 28/11/2026 in Hanoi, for every command of these tests.
const T0: &str = "2026-11-28T03:00:00Z";

fn at(sb: &Sandbox, clock: &str, user: &str, args: &[&str]) -> Output {
    sb.cmd(user, args)
        .env("NEWSROOM_TEST_CLOCK", clock)
        .output()
        .expect("the binary runs")
}

fn new_ready(sb: &Sandbox, user: &str, title: &str) -> i64 {
    let out = at(
        sb,
        T0,
        user,
        &[
            "article",
            "new",
            "--title",
            title,
            "--lead",
            "Sa-pô ngắn.",
            "--byline",
            "Lan",
        ],
    );
    assert_ok(&out, "article new");
    let id: i64 = stdout(&out).trim().parse().unwrap();
    let body = sb.path("body.md");
    write_file(&body, "Đoạn một.\n\nĐoạn hai.");
    let out = at(
        sb,
        T0,
        user,
        &[
            "article",
            "edit",
            &id.to_string(),
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    assert_ok(&out, "article edit --body-file");
    id
}

fn show(sb: &Sandbox, id: i64) -> Value {
    sb.article(id)
}

#[test]
fn schedule_run_due_and_list_for_cron() {
    let sb = Sandbox::demo();
    let id = new_ready(&sb, REPORTER, "Hẹn giờ từ dòng lệnh");
    let out = at(
        &sb,
        T0,
        REPORTER,
        &["article", "schedule", &id.to_string(), "--at", "11:30 28/11/2026"],
    );
    assert_ok(&out, "article schedule");
    assert_eq!(
        stdout(&out),
        format!("Article {id} goes live at 11:30 28/11/2026 (Asia/Ho_Chi_Minh).\n")
    );
    let a = show(&sb, id);
    assert_eq!(a["status"], "scheduled");
    assert_eq!(a["scheduled_at"], "2026-11-28T04:30:00Z");
    assert_eq!(a["scheduled_wall"], "11:30 28/11/2026");
    assert_eq!(a["zone"], "Asia/Ho_Chi_Minh");

    let listed = array(sb.json(ADMIN, &["schedule", "list", "--json"]));
    assert!(listed.iter().any(|s| s["id"] == id), "{listed:?}");
    let times: Vec<&str> = listed.iter().filter_map(|s| s["scheduled_at"].as_str()).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "soonest first");

    // Nothing due yet; then 12 minutes after its time, published once and marked late.
    let out = at(&sb, T0, ADMIN, &["schedule", "run-due"]);
    assert_ok(&out, "run-due");
    assert_eq!(stdout(&out), "Nothing is due.\n");
    let out = at(&sb, "2026-11-28T04:42:00Z", ADMIN, &["schedule", "run-due"]);
    assert_ok(&out, "run-due later");
    assert!(
        stdout(&out).contains(&format!("Published article {id}, 12 min late.")),
        "{}",
        stdout(&out)
    );
    let again = at(&sb, "2026-11-28T04:43:00Z", ADMIN, &["schedule", "run-due"]);
    assert!(
        !stdout(&again).contains(&format!("article {id}")),
        "published once"
    );
    let a = show(&sb, id);
    assert_eq!(a["status"], "published");
    assert_eq!(a["late_minutes"], 12);
    for key in ["updated_note", "corrected_at", "late_minutes", "old_slugs"] {
        assert!(a.get(key).is_some(), "article show --json has {key}: {a}");
    }
}

#[test]
fn schedules_that_cannot_be_are_refused_with_the_reason() {
    let sb = Sandbox::demo();
    let id = new_ready(&sb, REPORTER, "Giờ khó");
    let before = sb.bytes();
    let id = id.to_string();
    for (args, says) in [
        (vec!["--at", "09:59 28/11/2026"], "already passed"),
        (
            vec!["--at", "02:30 28/03/2027", "--zone", "Europe/Berlin"],
            "does not exist in Europe/Berlin",
        ),
        (
            vec!["--at", "02:30 31/10/2027", "--zone", "Europe/Berlin"],
            "happens twice",
        ),
        (
            vec!["--at", "01:30 07/11/2027", "--zone", "America/New_York"],
            "05:30 07/11/2027 or 06:30 07/11/2027",
        ),
        (vec!["--at", "10:00 30/02/2027"], "not a date on the calendar"),
        (vec!["--at", "mai 6 giờ"], "HH:MM dd/mm/yyyy"),
        (
            vec!["--at", "10:00 01/01/2027", "--zone", "Hanoi"],
            "Unknown time zone",
        ),
    ] {
        let mut all = vec!["article", "schedule", id.as_str()];
        all.extend(args.iter().copied());
        let line = assert_refused(&at(&sb, T0, REPORTER, &all), &all.join(" "));
        assert!(line.contains(says), "{all:?}: {line}");
    }
    assert_eq!(sb.bytes(), before, "refusals change nothing");
}

#[test]
fn every_move_from_the_command_line_and_its_refusals() {
    let sb = Sandbox::demo();
    let id = new_ready(&sb, REPORTER, "Đi hết quy trình");
    let sid = id.to_string();
    // Without review there is nothing to submit.
    let line = assert_refused(&at(&sb, T0, REPORTER, &["article", "submit", &sid]), "submit");
    assert!(line.contains("no review step"), "{line}");
    // Reporters do not publish; editors do.
    assert_refused(
        &at(&sb, T0, REPORTER, &["article", "publish", &sid]),
        "publish as reporter",
    );
    assert_ok(&at(&sb, T0, EDITOR, &["article", "publish", &sid]), "publish");
    assert_eq!(show(&sb, id)["status"], "published");
    // Live now: a reporter's edit is refused, an editor's needs a note.
    let line = assert_refused(
        &at(
            &sb,
            T0,
            REPORTER,
            &["article", "edit", &sid, "--title", "Đổi tiêu đề"],
        ),
        "reporter edit of a live article",
    );
    assert!(line.contains("ask an editor"), "{line}");
    let line = assert_refused(
        &at(
            &sb,
            T0,
            EDITOR,
            &["article", "edit", &sid, "--title", "Đi hết quy trình (sửa)"],
        ),
        "edit without a note",
    );
    assert!(line.contains("note"), "{line}");
    let slug = show(&sb, id)["slug"].as_str().unwrap().to_owned();
    assert_ok(
        &at(
            &sb,
            T0,
            EDITOR,
            &[
                "article",
                "edit",
                &sid,
                "--title",
                "Đi hết quy trình (sửa)",
                "--note",
                "Sửa tiêu đề",
            ],
        ),
        "correction",
    );
    let a = show(&sb, id);
    assert_eq!(a["updated_note"], "Sửa tiêu đề");
    assert_eq!(a["corrected_at"], T0);
    assert_eq!(a["slug"], slug, "a correction never moves the address");
    // A stale version is refused.
    let line = assert_refused(
        &at(
            &sb,
            T0,
            EDITOR,
            &[
                "article",
                "edit",
                &sid,
                "--lead",
                "x",
                "--note",
                "y",
                "--version",
                "1",
            ],
        ),
        "stale edit",
    );
    assert!(line.contains("not 1"), "{line}");

    // The slug moves on purpose; the old one still finds the article.
    let out = at(
        &sb,
        T0,
        EDITOR,
        &["article", "slug", &sid, "đi hết quy trình mới"],
    );
    assert_ok(&out, "article slug");
    let old = sb.json(ADMIN, &["article", "show", &slug, "--json"]);
    assert_eq!(old["id"], id, "the old slug resolves");
    assert_eq!(old["old_slugs"], serde_json::json!([slug]));
    assert_refused(
        &at(&sb, T0, REPORTER, &["article", "slug", &sid, "khac"]),
        "reporter slug",
    );

    // Unpublish, spike, unspike: back to a draft, which was published once so is never deleted.
    for (verb, status) in [("unpublish", "draft"), ("spike", "spiked"), ("unspike", "draft")] {
        let out = at(&sb, T0, EDITOR, &["article", verb, &sid]);
        assert_ok(&out, verb);
        assert_eq!(show(&sb, id)["status"], status, "{verb}");
    }
    let line = assert_refused(
        &at(&sb, T0, EDITOR, &["article", "delete", &sid, "--yes"]),
        "delete",
    );
    assert!(line.contains("spike it instead"), "{line}");

    // A fresh draft: deleted only with --yes, and the audit log remembers it.
    let gone = new_ready(&sb, REPORTER, "Bỏ đi");
    let line = assert_refused(
        &at(&sb, T0, REPORTER, &["article", "delete", &gone.to_string()]),
        "no --yes",
    );
    assert!(line.contains("--yes"), "{line}");
    assert_ok(
        &at(
            &sb,
            T0,
            REPORTER,
            &["article", "delete", &gone.to_string(), "--yes"],
        ),
        "delete --yes",
    );
    let audit = array(sb.json(ADMIN, &["audit", "--json", "--limit", "5"]));
    assert!(
        audit
            .iter()
            .any(|r| r["action"] == "article.delete" && r["before"]["title"] == "Bỏ đi"),
        "{audit:?}"
    );
}

#[test]
fn with_review_reporters_submit_and_editors_schedule() {
    let sb = Sandbox::demo();
    write_file(&sb.path("no-config.toml"), "[workflow]\nreview = true\n");
    let id = new_ready(&sb, REPORTER, "Cần duyệt");
    let sid = id.to_string();
    let line = assert_refused(
        &at(
            &sb,
            T0,
            REPORTER,
            &["article", "schedule", &sid, "--at", "11:00 28/11/2026"],
        ),
        "reporter schedule with review",
    );
    assert!(line.contains("editor"), "{line}");
    assert_ok(&at(&sb, T0, REPORTER, &["article", "submit", &sid]), "submit");
    assert_eq!(show(&sb, id)["status"], "submitted");
    assert_ok(
        &at(
            &sb,
            T0,
            EDITOR,
            &["article", "schedule", &sid, "--at", "11:00 28/11/2026"],
        ),
        "editor schedule",
    );
    assert_ok(
        &at(&sb, T0, EDITOR, &["article", "unschedule", &sid]),
        "unschedule",
    );
    let a = show(&sb, id);
    assert_eq!(a["status"], "draft");
    assert_eq!(a["scheduled_at"], Value::Null);
}
