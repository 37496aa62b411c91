//! The command line as a person or a script meets it: what is printed, what the exit code
//! says, and what the store holds afterwards (read back through the CLI's own `--json`).
//!
//! Every test gets its own temporary folder and store, a config path that does not exist
//! (so the machine's config cannot leak in) and an explicit USER.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

mod support;

use support::cli::*;

const ARTICLE_KEYS: [&str; 12] = [
    "id",
    "slug",
    "title",
    "lead",
    "body",
    "byline",
    "dateline",
    "status",
    "tags",
    "photos",
    "scheduled_at",
    "published_at",
];
const STATUSES: [&str; 5] = ["draft", "submitted", "scheduled", "published", "spiked"];

#[test]
fn the_store_is_0660_whatever_the_umask() {
    for umask in ["077", "022", "002"] {
        let sb = Sandbox::empty();
        let script = format!("umask {umask}; exec \"$0\" --db \"$1\" init");
        let out = std::process::Command::new("sh")
            .args(["-c", &script, support::BIN])
            .arg(&sb.db)
            .env("NEWSROOM_CONFIG", sb.dir.path().join("none.toml"))
            .env("USER", ADMIN)
            .output()
            .unwrap();
        assert_ok(&out, "init");
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sb.db), 0o660, "umask {umask}");
    }
}

#[test]
fn init_creates_a_private_store_whose_admin_is_the_os_login() {
    let sb = Sandbox::empty();
    // No --user: the OS login (USER) becomes the admin.
    let out = sb.bare().arg("--db").arg(&sb.db).arg("init").output().unwrap();
    assert_ok(&out, "init");
    assert!(
        stdout(&out).contains(ADMIN),
        "init should name the new admin: {}",
        stdout(&out)
    );

    let mode = std::fs::metadata(&sb.db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & !0o660, 0, "the store must be 0660 or tighter, is {mode:o}");

    let users = sb.users();
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!(users[0]["login"], ADMIN);
    assert_eq!(users[0]["role"], "admin");
    assert_eq!(users[0]["active"], true);
}

#[test]
fn a_second_init_is_refused_and_leaves_the_store_as_it_was() {
    let sb = Sandbox::empty();
    assert_ok(&sb.run(ADMIN, &["init"]), "init");
    let users = sb.users();
    let audit = sb.json(ADMIN, &["audit", "--json"]);
    let before = sb.bytes();

    for who in [ADMIN, "someone.else"] {
        let out = sb.run(who, &["init"]);
        let line = assert_refused(&out, "second init");
        assert!(line.contains("already set up"), "{line}");
    }

    assert_eq!(sb.bytes(), before, "a refused init changed the store file");
    assert_eq!(sb.users(), users);
    assert_eq!(sb.json(ADMIN, &["audit", "--json"]), audit);
}

#[test]
fn demo_articles_cover_every_status_with_the_documented_json_keys() {
    let sb = Sandbox::demo();
    let articles = sb.articles();
    assert!(articles.len() >= 12, "only {} articles", articles.len());
    assert_eq!(ids(&articles).len(), articles.len(), "ids repeat");

    for a in &articles {
        let obj = a.as_object().expect("each article is an object");
        for key in ARTICLE_KEYS {
            assert!(obj.contains_key(key), "article lacks {key:?}: {a}");
        }
        assert!(a["tags"].is_array() && a["photos"].is_array(), "{a}");
        for key in ["scheduled_at", "published_at", "created_at", "updated_at"] {
            let v = &a[key];
            assert!(
                v.is_null() || is_utc_stamp(v),
                "{key} should be RFC 3339 UTC (…Z), is {v}"
            );
        }
    }
    let statuses: BTreeSet<&str> = articles
        .iter()
        .map(|a| a["status"].as_str().expect("status is a string"))
        .collect();
    for s in STATUSES {
        assert!(statuses.contains(s), "no {s} article in the demo");
    }
    for a in articles.iter().filter(|a| a["status"] == "published") {
        assert!(is_utc_stamp(&a["published_at"]), "{a}");
    }
    for a in articles.iter().filter(|a| a["status"] == "scheduled") {
        assert!(is_utc_stamp(&a["scheduled_at"]), "{a}");
    }
    let titles: Vec<&str> = articles.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.contains(&"Rộn ràng Trung thu phố cổ"),
        "a demo title is missing: {titles:?}"
    );

    // The sample users are there with their roles.
    let users = sb.users();
    for (login, role) in [(REPORTER, "reporter"), (EDITOR, "editor"), ("duc.bui", "admin")] {
        assert!(
            users.iter().any(|u| u["login"] == login && u["role"] == role),
            "{login} ({role}) missing from {users:?}"
        );
    }
    assert_eq!(users.len(), 11, "10 demo users and the admin: {users:?}");
}

#[test]
fn demo_twice_adds_nothing_and_finds_the_store_through_newsroom_db() {
    let sb = Sandbox::empty();
    let run = || sb.bare().env("NEWSROOM_DB", &sb.db).arg("demo").output().unwrap();
    assert_ok(&run(), "demo via NEWSROOM_DB");
    assert!(sb.db.exists(), "NEWSROOM_DB was not used");
    let count = sb.articles().len();
    let out = run();
    assert_ok(&out, "second demo");
    assert!(stdout(&out).contains("nothing was added"), "{}", stdout(&out));
    assert_eq!(sb.articles().len(), count);
}

// ---------------------------------------------------------------------------------------
// articles

#[test]
fn article_list_filters_by_status() {
    let sb = Sandbox::demo();
    let all = sb.articles();
    for status in STATUSES {
        let got = array(sb.json(ADMIN, &["article", "list", "--status", status, "--json"]));
        let want: BTreeSet<i64> = ids(&all
            .iter()
            .filter(|a| a["status"] == status)
            .cloned()
            .collect::<Vec<_>>());
        assert!(!got.is_empty(), "no {status} articles listed");
        assert_eq!(ids(&got), want, "--status {status}");
    }

    // The plain listing shows the same articles, one line each.
    let out = sb.run(ADMIN, &["article", "list", "--status", "published"]);
    assert_ok(&out, "article list --status published");
    let text = stdout(&out);
    let published = all.iter().filter(|a| a["status"] == "published").count();
    assert_eq!(text.lines().count(), published, "{text}");
    assert!(text.lines().all(|l| l.contains("published")), "{text}");

    let line = assert_refused(
        &sb.run(ADMIN, &["article", "list", "--status", "printed"]),
        "--status printed",
    );
    assert!(line.contains("printed"), "{line}");
}

#[test]
fn article_list_filters_by_tag_name_or_slug() {
    let sb = Sandbox::demo();
    let all = sb.articles();
    let tagged: Vec<Value> = all
        .iter()
        .filter(|a| {
            a["tags"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t["name"] == "Văn hóa"))
        })
        .cloned()
        .collect();
    assert!(tagged.len() >= 2, "the demo should tag several articles Văn hóa");

    let by_name = array(sb.json(ADMIN, &["article", "list", "--tag", "Văn hóa", "--json"]));
    assert_eq!(ids(&by_name), ids(&tagged));
    let by_slug = array(sb.json(ADMIN, &["article", "list", "--tag", "van-hoa", "--json"]));
    assert_eq!(ids(&by_slug), ids(&tagged), "the tag's slug should work too");
    // A decomposed spelling of the name is the same tag.
    let nfd: String = "Văn hóa".nfd().collect();
    let by_nfd = array(sb.json(ADMIN, &["article", "list", "--tag", &nfd, "--json"]));
    assert_eq!(ids(&by_nfd), ids(&tagged), "an NFD tag name should match");

    let none = array(sb.json(ADMIN, &["article", "list", "--tag", "Không có", "--json"]));
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn article_new_prints_the_id_of_a_draft_holding_what_was_given() {
    let sb = Sandbox::demo();
    let before = ids(&sb.articles());
    let body = sb.path("body.md");
    write_file(
        &body,
        "Mưa lớn từ chiều khiến nhiều đoạn đường ngập sâu.\n\nGiao thông ùn tắc kéo dài.\n",
    );
    let out = sb.run(
        REPORTER,
        &[
            "article",
            "new",
            "--title",
            "Đường Láng ngập sau mưa",
            "--lead",
            "Nhiều xe chết máy.",
            "--body-file",
            body.to_str().unwrap(),
            "--byline",
            "Nguyễn Lan",
            "--dateline",
            "HNP",
        ],
    );
    assert_ok(&out, "article new");
    let printed = stdout(&out);
    let id: i64 = printed
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("article new should print only the id, printed {printed:?}"));
    assert_eq!(printed.lines().count(), 1);
    assert!(!before.contains(&id), "id {id} was already taken");

    let a = sb.json(REPORTER, &["article", "show", &id.to_string(), "--json"]);
    assert_eq!(a["id"], id);
    assert_eq!(a["title"], "Đường Láng ngập sau mưa");
    assert_eq!(a["lead"], "Nhiều xe chết máy.");
    assert!(
        a["body"]
            .as_str()
            .is_some_and(|b| b.contains("Giao thông ùn tắc kéo dài.")),
        "{a}"
    );
    assert_eq!(a["byline"], "Nguyễn Lan");
    assert_eq!(a["dateline"], "HNP");
    assert_eq!(a["status"], "draft");
    assert_eq!(a["author"], REPORTER);
    assert!(
        a["slug"].as_str().is_some_and(|s| s.starts_with("duong-lang")),
        "slug {}",
        a["slug"]
    );

    let after = sb.articles();
    assert_eq!(after.len(), before.len() + 1);

    // The plain `show` is what a person reads.
    let out = sb.run(REPORTER, &["article", "show", &id.to_string()]);
    assert_ok(&out, "article show");
    let text = stdout(&out);
    assert!(text.contains("Đường Láng ngập sau mưa"), "{text}");
    assert!(text.contains("HNP - Nhiều xe chết máy."), "{text}");
}

#[test]
fn titles_typed_decomposed_are_stored_composed() {
    let sb = Sandbox::demo();
    let nfc = "Hồ Tây mùa sen nở";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfd, nfc, "the test needs a title that decomposes");

    let out = sb.run(REPORTER, &["article", "new", "--title", &nfd]);
    assert_ok(&out, "article new (NFD)");
    let id = stdout(&out).trim().to_owned();
    let a = sb.json(REPORTER, &["article", "show", &id, "--json"]);
    assert_eq!(a["title"], nfc, "the title should be stored NFC");
}

#[test]
fn article_new_json_prints_the_new_article() {
    let sb = Sandbox::demo();
    let a = sb.json(
        REPORTER,
        &["article", "new", "--title", "Đường Láng ngập sau mưa", "--json"],
    );
    assert!(a.is_object(), "--json should print one object: {a}");
    for key in ARTICLE_KEYS {
        assert!(a.get(key).is_some(), "lacks {key}: {a}");
    }
    assert_eq!(a["title"], "Đường Láng ngập sau mưa");
    assert_eq!(a["status"], "draft");
    let id = a["id"].as_i64().expect("id");
    let shown = sb.json(REPORTER, &["article", "show", &id.to_string(), "--json"]);
    assert_eq!(shown, a, "new --json and show --json disagree");
}

#[test]
fn an_empty_title_is_refused_and_nothing_is_added() {
    let sb = Sandbox::demo();
    let count = sb.articles().len();
    let before = sb.bytes();
    for title in ["", "   "] {
        let out = sb.run(REPORTER, &["article", "new", "--title", title]);
        let line = assert_refused(&out, &format!("article new --title {title:?}"));
        assert!(line.contains("title"), "{line}");
    }
    assert_eq!(sb.bytes(), before, "a refused article changed the store");
    assert_eq!(sb.articles().len(), count);
}

#[test]
fn showing_a_missing_article_says_so() {
    let sb = Sandbox::demo();
    let line = assert_refused(
        &sb.run(ADMIN, &["article", "show", "99999"]),
        "article show 99999",
    );
    assert!(line.contains("99999"), "{line}");
    let line = assert_refused(
        &sb.run(ADMIN, &["article", "show", "99999", "--json"]),
        "article show 99999 --json",
    );
    assert!(line.contains("99999"), "{line}");
}

// ---------------------------------------------------------------------------------------
// comments

#[test]
fn personal_data_is_shown_to_editors_only() {
    let sb = Sandbox::demo();
    let as_editor = array(sb.json(EDITOR, &["comments", "list", "--json", "--limit", "100"]));
    assert_eq!(as_editor.len(), 72);
    for c in &as_editor {
        let obj = c.as_object().unwrap();
        for key in [
            "id",
            "article_id",
            "name",
            "title",
            "content",
            "status",
            "held_by_rule",
            "decided_by",
            "submitted_at",
            "phone",
            "ip",
        ] {
            assert!(obj.contains_key(key), "editor's view lacks {key}: {c}");
        }
        assert!(is_utc_stamp(&c["submitted_at"]), "{c}");
    }
    assert!(
        as_editor.iter().any(|c| c["phone"] != ""),
        "no phone numbers at all in the demo?"
    );

    let as_reporter = array(sb.json(REPORTER, &["comments", "list", "--json", "--limit", "100"]));
    assert_eq!(as_reporter.len(), as_editor.len());
    for c in &as_reporter {
        let obj = c.as_object().unwrap();
        assert!(
            !obj.contains_key("phone") && !obj.contains_key("ip"),
            "a reporter sees personal data: {c}"
        );
        assert!(obj.contains_key("content"));
    }
}

#[test]
fn comments_list_filters_and_limits() {
    let sb = Sandbox::demo();
    let pending = array(sb.json(
        EDITOR,
        &[
            "comments", "list", "--status", "pending", "--json", "--limit", "500",
        ],
    ));
    assert!(!pending.is_empty());
    assert!(pending.iter().all(|c| c["status"] == "pending"));
    let three = array(sb.json(EDITOR, &["comments", "list", "--json", "--limit", "3"]));
    assert_eq!(three.len(), 3);
    // Oldest first: the queue order.
    let stamps: Vec<&str> = three.iter().filter_map(|c| c["submitted_at"].as_str()).collect();
    let mut sorted = stamps.clone();
    sorted.sort();
    assert_eq!(stamps, sorted);
}

/// Characters that would act on a terminal if printed raw.
fn terminal_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || ('\u{80}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn plain_comment_lines_never_carry_terminal_controls() {
    let sb = Sandbox::demo();
    let out = sb.run(EDITOR, &["comments", "list", "--limit", "100"]);
    assert_ok(&out, "comments list");
    assert!(!out.stdout.contains(&0x1b), "a raw ESC byte reached stdout");
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 72, "{text}");
    let bad = terminal_controls(&text);
    assert!(bad.is_empty(), "control characters in plain output: {bad:?}");
    assert!(
        text.contains("[contains control codes]"),
        "hostile comments should be flagged:\n{text}"
    );
}

#[test]
fn json_comments_escape_controls_and_keep_the_raw_text() {
    let sb = Sandbox::demo();
    let out = sb.run(EDITOR, &["comments", "list", "--limit", "100", "--json"]);
    assert_ok(&out, "comments list --json");
    assert!(!out.stdout.contains(&0x1b), "a raw ESC byte reached stdout");
    let text = stdout(&out);
    let bad = terminal_controls(&text);
    assert!(bad.is_empty(), "raw control characters in JSON: {bad:?}");

    let comments = array(serde_json::from_str(&text).expect("the JSON parses"));
    let field = |key: &str, pred: &dyn Fn(&str) -> bool| {
        comments
            .iter()
            .find(|c| c[key].as_str().is_some_and(pred))
            .cloned()
    };
    // The hostile text survives intact, escaped only on the way out.
    let clear = field("title", &|t| t == "Đêm thơ hay\u{1b}[2J\u{1b}[H")
        .expect("the screen-clearing comment round-trips");
    assert!(
        clear["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("\u{1b}[2J\u{1b}[H"))
    );
    assert_eq!(clear["has_control_codes"], true);
    let c1 = field("title", &|t| t == "\u{9b}31mKhẩn cấp!").expect("the 8-bit CSI round-trips");
    assert_eq!(c1["has_control_codes"], true);
    assert!(
        field("name", &|n| n == "Admin\u{202e}").is_some(),
        "the bidi override round-trips"
    );
    assert!(
        field("content", &|c| c.contains("\u{1b}]52;c;")).is_some(),
        "the clipboard OSC round-trips"
    );
    let calm = comments
        .iter()
        .filter(|c| c["has_control_codes"] == false)
        .count();
    assert!(
        calm > 40,
        "most demo comments are harmless, {calm} flagged as such"
    );
}

// ---------------------------------------------------------------------------------------
// users and the audit log

#[test]
fn user_add_is_audited_with_before_and_after() {
    let sb = Sandbox::demo();
    let out = sb.run(
        ADMIN,
        &[
            "user",
            "add",
            "mai.tran",
            "--role",
            "editor",
            "--name",
            "Trần Thị Mai",
        ],
    );
    assert_ok(&out, "user add");
    assert_eq!(stdout(&out), "mai.tran\n");
    let users = sb.users();
    assert!(
        users.iter().any(|u| u["login"] == "mai.tran"
            && u["role"] == "editor"
            && u["display_name"] == "Trần Thị Mai"
            && u["active"] == true),
        "{users:?}"
    );

    let audit = array(sb.json(EDITOR, &["audit", "--json", "--limit", "5"]));
    assert_eq!(audit.len(), 5, "--limit 5");
    for row in &audit {
        let obj = row.as_object().expect("an audit row is an object");
        for key in ["at", "user", "action", "entity", "entity_id", "before", "after"] {
            assert!(obj.contains_key(key), "audit row lacks {key}: {row}");
        }
        assert!(is_utc_stamp(&row["at"]), "{row}");
    }
    let newest = &audit[0];
    assert_eq!(newest["user"], ADMIN, "{newest}");
    assert_eq!(newest["entity"], "user", "{newest}");
    assert_eq!(newest["entity_id"], "mai.tran", "{newest}");
    assert!(newest["before"].is_null(), "{newest}");
    assert!(
        newest["after"].to_string().contains("editor"),
        "the audit row should say what was created: {newest}"
    );

    let out = sb.run(EDITOR, &["audit", "--limit", "3"]);
    assert_ok(&out, "audit (plain)");
    assert_eq!(stdout(&out).lines().count(), 3);
    assert!(stdout(&out).lines().next().unwrap().contains("mai.tran"));
}

#[test]
fn reporters_may_not_read_the_audit_log() {
    let sb = Sandbox::demo();
    for args in [&["audit"][..], &["audit", "--json"][..]] {
        assert_refused(&sb.run(REPORTER, args), "audit as a reporter");
    }
}

#[test]
fn reporters_may_not_add_users() {
    let sb = Sandbox::demo();
    let users = sb.users();
    let before = sb.bytes();
    assert_refused(
        &sb.run(REPORTER, &["user", "add", "kim", "--role", "admin"]),
        "user add as a reporter",
    );
    assert_eq!(sb.bytes(), before, "a refused user add changed the store");
    assert_eq!(sb.users(), users);
}

#[test]
fn unknown_roles_and_bad_logins_are_refused() {
    let sb = Sandbox::demo();
    let users = sb.users();
    let before = sb.bytes();
    let line = assert_refused(
        &sb.run(ADMIN, &["user", "add", "x", "--role", "boss"]),
        "--role boss",
    );
    assert!(line.contains("boss") && line.contains("reporter"), "{line}");
    assert_refused(
        &sb.run(ADMIN, &["user", "add", "Bad Login", "--role", "reporter"]),
        "login with a space",
    );
    assert_refused(
        &sb.run(ADMIN, &["user", "add", REPORTER, "--role", "reporter"]),
        "a login that exists",
    );
    assert_eq!(sb.bytes(), before);
    assert_eq!(sb.users(), users);
}

#[test]
fn user_add_with_a_public_key_prints_a_forced_command_line() {
    let sb = Sandbox::demo();
    let key = sb.path("id_ed25519.pub");
    let blob = "AAAAC3NzaC1lZDI1NTE5AAAAIGx1Y2t5IG51bWJlciBzZXZlbiBpcyBub3QgYSBrZXkh";
    write_file(&key, &format!("ssh-ed25519 {blob} lan@laptop\n"));
    let out = sb.run(
        ADMIN,
        &[
            "user",
            "add",
            "lan2",
            "--role",
            "reporter",
            "--ssh-key",
            key.to_str().unwrap(),
        ],
    );
    assert_ok(&out, "user add --ssh-key");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], "lan2");
    let line = lines[1];
    assert!(line.starts_with("restrict,pty,command=\""), "{line}");
    assert!(line.contains("--user lan2 --restricted\""), "{line}");
    assert!(
        line.contains("--db "),
        "the forced command must name the store: {line}"
    );
    assert!(line.ends_with(&format!("ssh-ed25519 {blob}")), "{line}");
    assert!(
        !line.contains("lan@laptop"),
        "the key's comment should be dropped: {line}"
    );
    assert!(
        sb.users()
            .iter()
            .any(|u| u["login"] == "lan2" && u["role"] == "reporter")
    );
}

#[test]
fn a_private_key_is_refused_before_anything_is_written() {
    let sb = Sandbox::demo();
    let key = sb.path("id_ed25519");
    write_file(
        &key,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    let users = sb.users();
    let before = sb.bytes();
    let out = sb.run(
        ADMIN,
        &[
            "user",
            "add",
            "lan3",
            "--role",
            "reporter",
            "--ssh-key",
            key.to_str().unwrap(),
        ],
    );
    let line = assert_refused(&out, "user add with a private key");
    assert!(line.contains(".pub"), "{line}");
    assert!(
        !line.contains("b3BlbnNzaC1rZXktdjEAAAAA"),
        "the key leaked into the message"
    );
    assert_eq!(sb.bytes(), before);
    assert_eq!(sb.users(), users);
}

// ---------------------------------------------------------------------------------------
// bad input: one line, non-zero, nothing changed

#[test]
fn an_unknown_flag_is_one_line() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    for args in [
        &["--bogus"][..],
        &["article", "list", "--colour"][..],
        &["article", "publish", "not-a-number"][..],
        &["frobnicate"][..],
    ] {
        let line = assert_refused(&sb.run(ADMIN, args), &args.join(" "));
        assert!(
            line.contains("--help"),
            "the message should point at --help: {line}"
        );
    }
    assert_eq!(sb.bytes(), before);
}

#[test]
fn a_store_in_a_missing_folder_is_refused_and_the_folder_not_made() {
    let sb = Sandbox::empty();
    let folder = sb.path("nowhere");
    let db = folder.join("newsroom.db");
    for args in [&["init"][..], &["demo"][..], &["article", "list"][..]] {
        let out = sb.bare().arg("--db").arg(&db).args(args).output().unwrap();
        let line = assert_refused(&out, &format!("{args:?} in a missing folder"));
        assert!(line.contains("nowhere"), "{line}");
        assert!(!folder.exists(), "{args:?} created the folder");
    }
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_left_alone() {
    let sb = Sandbox::empty();
    let garbage = "Đây không phải là cơ sở dữ liệu.\n".repeat(200);
    write_file(&sb.db, &garbage);
    for args in [&["init"][..], &["demo"][..], &["article", "list"][..]] {
        let line = assert_refused(&sb.run(ADMIN, args), &format!("{args:?} on garbage"));
        assert!(line.contains("damaged") || line.contains("not"), "{line}");
        assert_eq!(
            std::fs::read_to_string(&sb.db).unwrap(),
            garbage,
            "{args:?} changed the file"
        );
    }
    let wal = sb.path("newsroom.db-wal");
    assert!(!wal.exists(), "a WAL appeared beside the garbage file");
}

#[test]
fn an_unknown_user_is_told_how_to_be_added() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    for args in [
        &["article", "list"][..],
        &["article", "new", "--title", "Tin"][..],
    ] {
        let line = assert_refused(&sb.run("ai.do", args), "an unknown --user");
        assert!(line.contains("newsroom user add"), "{line}");
        assert!(line.contains("ai.do"), "{line}");
    }
    // The OS login is used when --user is absent.
    let out = sb
        .bare()
        .env("USER", "ai.do")
        .arg("--db")
        .arg(&sb.db)
        .args(["article", "list"])
        .output()
        .unwrap();
    let line = assert_refused(&out, "an unknown OS login");
    assert!(line.contains("ai.do"), "{line}");
    assert_eq!(sb.bytes(), before);
}

#[test]
fn a_store_from_a_newer_version_is_left_exactly_as_it_was() {
    let sb = Sandbox::demo();
    {
        let conn = rusqlite::Connection::open(&sb.db).unwrap();
        // A rollback-journal store, so any switch to WAL would show in the header bytes.
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = sb.bytes();
    assert_eq!(before[18], 1, "the test store should be in rollback-journal mode");
    for args in [&["article", "list"][..], &["init"][..], &["demo"][..]] {
        let line = assert_refused(&sb.run(ADMIN, args), &format!("{args:?} on schema 999"));
        assert!(line.contains("newer"), "{line}");
    }
    assert_eq!(sb.bytes(), before, "the newer store was modified");
    assert!(!sb.path("newsroom.db-wal").exists(), "a WAL file appeared");
    let conn = rusqlite::Connection::open(&sb.db).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 999);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn restricted_sessions_run_no_commands() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    for args in [
        &["--restricted", "article", "list"][..],
        &["--restricted", "article", "new", "--title", "Tin"][..],
        &["--restricted", "backup", "copy.db"][..],
    ] {
        let line = assert_refused(&sb.run(ADMIN, args), &args.join(" "));
        assert!(line.contains("--restricted"), "{line}");
    }
    assert!(!sb.path("copy.db").exists());
    assert_eq!(sb.bytes(), before);
}

#[test]
fn the_tui_needs_a_terminal() {
    let sb = Sandbox::demo();
    let out = sb.cmd(ADMIN, &[]).write_stdin("q").output().unwrap();
    let line = assert_refused(&out, "the TUI without a terminal");
    assert!(line.contains("ssh -t"), "{line}");
    let out = sb.cmd(REPORTER, &["--restricted"]).output().unwrap();
    let line = assert_refused(&out, "the restricted TUI without a terminal");
    assert!(line.contains("ssh -t"), "{line}");
}

// ---------------------------------------------------------------------------------------
// backup

#[test]
fn backup_writes_a_store_with_the_same_articles() {
    let sb = Sandbox::demo();
    let copy = sb.path("copy.db");
    let out = sb.run(ADMIN, &["backup", copy.to_str().unwrap()]);
    assert_ok(&out, "backup");
    assert!(stdout(&out).contains("copy.db"), "{}", stdout(&out));
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode & !0o660,
        0,
        "the copy is more readable than the store: {mode:o}"
    );
    assert!(
        !sb.path("copy.db-wal").exists(),
        "the copy should stand alone, without a WAL"
    );

    let copied = sb.articles_in(&copy);
    assert_eq!(copied, sb.articles());

    let audit = array(sb.json(ADMIN, &["audit", "--json", "--limit", "1"]));
    assert_eq!(audit[0]["action"], "store.backup", "{audit:?}");
}

#[test]
fn backup_never_overwrites() {
    let sb = Sandbox::demo();
    let copy = sb.path("copy.db");
    write_file(&copy, "ảnh chụp quan trọng");
    let before = sb.bytes();
    let line = assert_refused(
        &sb.run(ADMIN, &["backup", copy.to_str().unwrap()]),
        "backup over a file",
    );
    assert!(line.contains("copy.db"), "{line}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "ảnh chụp quan trọng");
    assert_eq!(sb.bytes(), before);

    // Only admins back up.
    let other = sb.path("other.db");
    assert_refused(
        &sb.run(EDITOR, &["backup", other.to_str().unwrap()]),
        "backup as an editor",
    );
    assert!(!other.exists());
}

#[test]
fn backup_works_while_another_session_reads() {
    let sb = Sandbox::demo();
    let conn = rusqlite::Connection::open(&sb.db).unwrap();
    conn.execute_batch("BEGIN").unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert!(n >= 12);

    let copy = sb.path("copy.db");
    let out = sb.run(ADMIN, &["backup", copy.to_str().unwrap()]);
    // Another write while the read is still open must also go through.
    let added = sb.run(ADMIN, &["article", "new", "--title", "Viết trong lúc sao lưu"]);
    conn.execute_batch("COMMIT").unwrap();
    drop(conn);
    assert_ok(&out, "backup during a read transaction");
    assert_ok(&added, "article new during a read transaction");

    let copied = sb.articles_in(&copy);
    assert_eq!(copied.len() as i64, n);
    assert_eq!(sb.articles().len() as i64, n + 1);
}

// ---------------------------------------------------------------------------------------
// many sessions, one file

#[test]
fn parallel_writers_all_succeed() {
    let sb = Sandbox::demo();
    let base = sb.articles().len();
    let bin = env!("CARGO_BIN_EXE_newsroom");
    let config = sb.path("no-config.toml");
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let db = sb.db.clone();
            let config = config.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for i in 0..20 {
                    // The same title everywhere: slugs must still come out unique.
                    let out = std::process::Command::new(bin)
                        .env("NEWSROOM_CONFIG", &config)
                        .env_remove("NEWSROOM_DB")
                        .arg("--db")
                        .arg(&db)
                        .args(["--user", ADMIN, "article", "new", "--title", "Tin nhanh"])
                        .args(["--lead", &format!("Phiên {w}, bài {i}")])
                        .output()
                        .expect("the binary runs");
                    if !out.status.success() || !out.stderr.is_empty() {
                        failures.push(format!(
                            "worker {w} #{i}: {:?} {}",
                            out.status,
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|h| h.join().expect("worker thread"))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");

    let articles = sb.articles();
    assert_eq!(articles.len(), base + 80);
    let fast: Vec<&Value> = articles.iter().filter(|a| a["title"] == "Tin nhanh").collect();
    assert_eq!(fast.len(), 80);
    let slugs: BTreeSet<&str> = fast.iter().filter_map(|a| a["slug"].as_str()).collect();
    assert_eq!(slugs.len(), 80, "slugs collided");
    let leads: BTreeSet<&str> = fast.iter().filter_map(|a| a["lead"].as_str()).collect();
    assert_eq!(leads.len(), 80, "an article was lost or written twice");
}

// ---------------------------------------------------------------------------------------
// help

/// Every command path in clap's own tree (`[]`, `["user"]`, `["user", "add"]`, …), so a
/// command added later is checked without anyone remembering to list it here.
fn command_paths(cmd: &clap::Command, path: &[String], out: &mut Vec<Vec<String>>) {
    out.push(path.to_vec());
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut next = path.to_vec();
        next.push(sub.get_name().to_owned());
        command_paths(sub, &next, out);
    }
}

/// `command --option` for every option and argument in the tree that --help lists bare.
fn options_without_help(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if !arg.is_hide_set()
            && arg.get_help().is_none()
            && arg.get_long_help().is_none()
            && id != "help"
            && id != "version"
        {
            out.push(format!("{path} --{id}"));
        }
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        options_without_help(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn every_command_has_help() {
    use clap::CommandFactory;
    let sb = Sandbox::empty();
    // Each command's part of the tree is added when clap first needs it (cli/deferred.rs);
    // `build` adds them all, as `--help` on each command does.
    let mut tree = newsroom::cli::Cli::command();
    tree.build();
    let mut paths = Vec::new();
    command_paths(&tree, &[], &mut paths);
    // The tree is the real one: the top level, every group, and commands inside groups.
    for known in [
        &["serve"][..],
        &["search"],
        &["doctor"],
        &["comments", "erase"],
        &["comments", "import"],
    ] {
        assert!(
            paths.iter().any(|p| p == known),
            "{known:?} missing from {paths:?}"
        );
    }
    for args in &paths {
        let out = sb.bare().args(args).arg("--help").output().unwrap();
        assert_ok(&out, &format!("{args:?} --help"));
        let text = stdout(&out);
        assert!(text.contains("Usage"), "{args:?} --help printed {text:?}");
        // Each command's own help, not its parent's: the usage line names it.
        let usage = std::iter::once("newsroom")
            .chain(args.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&usage), "{args:?} --help lacks {usage:?}: {text}");
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
        // Every command says what it is for.
        let about = text.lines().next().unwrap_or_default();
        assert!(
            !about.trim().is_empty() && !about.starts_with("Usage"),
            "{args:?} has no description: {text}"
        );
    }
    assert!(!sb.db.exists(), "--help created a store");
    let mut unexplained = Vec::new();
    options_without_help(&tree, "newsroom", &mut unexplained);
    assert!(
        unexplained.is_empty(),
        "options --help shows without a word on what they do: {unexplained:?}"
    );
    let out = sb.bare().arg("--version").output().unwrap();
    assert_ok(&out, "--version");
    assert!(stdout(&out).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn show_includes_an_autosave_newer_than_the_saved_text() {
    let sb = Sandbox::demo();
    let id: i64 = String::from_utf8(
        sb.run(REPORTER, &["article", "new", "--title", "Bản nháp"])
            .stdout,
    )
    .unwrap()
    .trim()
    .parse()
    .unwrap();
    let shown = sb.json(REPORTER, &["article", "show", &id.to_string(), "--json"]);
    assert!(shown["autosave"].is_null(), "no autosave yet: {shown}");
    {
        use newsroom::store::{Autosave, OpenMode, Store};
        let mut store = Store::open(&sb.db, OpenMode::MustExist).unwrap();
        let mut text = store.article(id).unwrap().text();
        text.body = "Đang gõ dở".into();
        let save = Autosave {
            article_id: id,
            login: REPORTER.into(),
            text,
            cursor: String::new(),
            saved_at: jiff::Timestamp::now(),
        };
        store.save_autosave(&save).unwrap();
    }
    let shown = sb.json(REPORTER, &["article", "show", &id.to_string(), "--json"]);
    assert_eq!(shown["body"], "", "the saved text is unchanged");
    assert_eq!(shown["autosave"]["body"], "Đang gõ dở");
    assert_eq!(shown["autosave"]["user"], REPORTER);
    let plain = sb.run(REPORTER, &["article", "show", &id.to_string()]);
    assert!(String::from_utf8_lossy(&plain.stdout).contains("Unsaved autosave by lan.nguyen"));
}

// ---------------------------------------------------------------------------------------
// the comment queue from the command line: import, decisions, erasing an author, publishing

/// Every comment, as an editor sees them (phone and address included).
fn all_comments(sb: &Sandbox) -> Vec<Value> {
    array(sb.json(EDITOR, &["comments", "list", "--json", "--limit", "1000"]))
}

fn comment(sb: &Sandbox, id: i64) -> Value {
    all_comments(sb)
        .into_iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no comment {id}"))
}

/// The one comment with this title.
fn comment_titled(comments: &[Value], title: &str) -> Value {
    let found: Vec<&Value> = comments.iter().filter(|c| c["title"] == title).collect();
    assert_eq!(found.len(), 1, "comments titled {title:?}: {found:?}");
    found[0].clone()
}

/// Ids of the pending comments, oldest first.
fn pending_ids(sb: &Sandbox) -> Vec<i64> {
    array(sb.json(
        EDITOR,
        &[
            "comments", "list", "--status", "pending", "--json", "--limit", "1000",
        ],
    ))
    .iter()
    .map(|c| c["id"].as_i64().expect("a comment id is a number"))
    .collect()
}

/// The whole audit log, newest first, as an editor reads it.
fn audit_log(sb: &Sandbox) -> Vec<Value> {
    array(sb.json(EDITOR, &["audit", "--json", "--limit", "100000"]))
}

/// (id, slug) of a published demo article, and the id of a demo draft.
fn published_and_draft(sb: &Sandbox) -> ((i64, String), i64) {
    let articles = sb.articles();
    let published = articles
        .iter()
        .find(|a| a["status"] == "published")
        .expect("the demo has published articles");
    let draft = articles
        .iter()
        .find(|a| a["status"] == "draft")
        .expect("the demo has drafts");
    (
        (
            published["id"].as_i64().unwrap(),
            published["slug"].as_str().unwrap().to_owned(),
        ),
        draft["id"].as_i64().unwrap(),
    )
}

/// `comments import FILE` as an editor, with the given config file (or none).
fn import(sb: &Sandbox, file: &Path, config: Option<&Path>) -> Output {
    let mut cmd = sb.cmd(EDITOR, &["comments", "import"]);
    cmd.arg(file);
    if let Some(config) = config {
        cmd.env("NEWSROOM_CONFIG", config);
    }
    cmd.output().expect("the binary runs")
}

/// The stderr lines that report a skipped line of the import, by line number.
fn skipped_lines(out: &Output) -> Vec<(usize, String)> {
    stderr(out)
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once(": line ")?;
            let (n, why) = rest.split_once(": ")?;
            Some((n.parse().ok()?, why.to_owned()))
        })
        .collect()
}

#[test]
fn import_json_lines_stores_good_lines_and_reports_bad_ones_by_number() {
    let sb = Sandbox::demo();
    let ((published, slug), draft) = published_and_draft(&sb);
    let before = all_comments(&sb).len();
    let file = sb.path("comments.jsonl");
    let lines = [
        format!(
            r#"{{"article": {published}, "name": "Nguyễn Văn Tư", "phone": "0912 345 678", "title": "Bao giờ xong?", "content": "Ngõ nhà tôi vẫn chưa làm.", "ip": "203.113.1.1", "submitted_at": "2025-11-27T01:00:00Z"}}"#
        ),
        format!(
            r#"{{"article": "{slug}", "name": "Lê Thị Năm", "title": "Cảm ơn", "content": "Bài viết rất kỹ.", "submitted_at": "09:30 27/11/2025"}}"#
        ),
        String::new(),
        format!(r#"{{"article": {published}, "name": "Không Tiêu Đề", "title": "", "content": "x"}}"#),
        format!(
            r#"{{"article": {published}, "name": "Số Sai", "phone": "12345", "title": "T", "content": "x"}}"#
        ),
        r#"{"article": 99999, "name": "Bài Lạ", "title": "T", "content": "x"}"#.to_owned(),
        format!(r#"{{"article": {draft}, "name": "Bài Nháp", "title": "T", "content": "x"}}"#),
        "đây không phải JSON".to_owned(),
    ];
    write_file(&file, &(lines.join("\n") + "\n"));

    let out = import(&sb, &file, None);
    assert!(!out.status.success(), "skipped lines must fail the import");
    assert!(stdout(&out).contains("Imported 2 comments"), "{}", stdout(&out));
    let skipped = skipped_lines(&out);
    let numbers: Vec<usize> = skipped.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [4, 5, 6, 7, 8], "{}", stderr(&out));
    for ((_, why), says) in skipped
        .iter()
        .zip(["title", "phone", "99999", "not published", "JSON"])
    {
        assert!(why.contains(says), "{why:?} should name {says:?}");
    }

    let comments = all_comments(&sb);
    assert_eq!(comments.len(), before + 2);
    let first = comment_titled(&comments, "Bao giờ xong?");
    assert_eq!(first["article_id"], published);
    assert_eq!(first["name"], "Nguyễn Văn Tư");
    assert_eq!(first["phone"], "0912345678", "the phone in its plain form");
    assert_eq!(first["ip"], "203.113.1.1");
    assert_eq!(first["content"], "Ngõ nhà tôi vẫn chưa làm.");
    assert_eq!(first["submitted_at"], "2025-11-27T01:00:00Z");
    assert_eq!(first["status"], "pending", "a first-time author waits");
    assert_eq!(first["held_by_rule"], "first_time");
    let second = comment_titled(&comments, "Cảm ơn");
    assert_eq!(second["article_id"], published, "found by slug");
    assert_eq!(
        second["submitted_at"], "2025-11-27T02:30:00Z",
        "09:30 in Hanoi is 02:30 UTC"
    );
    for name in ["Không Tiêu Đề", "Số Sai", "Bài Lạ", "Bài Nháp"] {
        assert!(
            comments.iter().all(|c| c["name"] != name),
            "the skipped line of {name} was stored"
        );
    }

    // The same file again adds nothing.
    let again = import(&sb, &file, None);
    assert!(!again.status.success());
    assert!(
        stdout(&again).contains("Imported 0 comments") && stdout(&again).contains("2 already imported"),
        "{}",
        stdout(&again)
    );
    assert_eq!(all_comments(&sb).len(), before + 2);
}

#[test]
fn import_csv_with_a_header_and_quoted_fields() {
    let sb = Sandbox::demo();
    let ((published, slug), _) = published_and_draft(&sb);
    let before = all_comments(&sb).len();
    let file = sb.path("comments.csv");
    write_file(
        &file,
        &format!(
            "article,name,phone,title,content,ip,submitted_at\n\
             {published},Phạm Hoa,+84 987 654 321,\"Ổ gà, lại ổ gà\",\"Dòng một\nDòng hai\",14.160.1.1,10:00 26/11/2025\n\
             {published},Thiếu Tiêu Đề,,,không có tiêu đề,,\n\
             {slug},Minh,,Hay,\"Rất hay, cảm ơn\",,2025-11-26T03:00:00Z\n"
        ),
    );
    let out = import(&sb, &file, None);
    assert!(!out.status.success());
    let skipped = skipped_lines(&out);
    assert_eq!(skipped.len(), 1, "{}", stderr(&out));
    assert_eq!(skipped[0].0, 4, "the physical line, after a quoted line break");
    assert!(skipped[0].1.contains("title"), "{:?}", skipped[0]);

    let comments = all_comments(&sb);
    assert_eq!(comments.len(), before + 2);
    let quoted = comment_titled(&comments, "Ổ gà, lại ổ gà");
    assert_eq!(quoted["content"], "Dòng một\nDòng hai");
    assert_eq!(quoted["phone"], "0987654321");
    assert_eq!(quoted["ip"], "14.160.1.1");
    assert_eq!(quoted["submitted_at"], "2025-11-26T03:00:00Z");
    let by_slug = comment_titled(&comments, "Hay");
    assert_eq!(by_slug["article_id"], published);
    assert_eq!(by_slug["content"], "Rất hay, cảm ơn");

    // A clean file succeeds, and succeeds again without adding anything.
    let clean = sb.path("clean.csv");
    write_file(
        &clean,
        &format!("article,name,title,content\n{published},Hà,Góp ý,Nên có thêm ảnh\n"),
    );
    let out = import(&sb, &clean, None);
    assert_ok(&out, "import clean.csv");
    assert!(stdout(&out).contains("Imported 1 comments"), "{}", stdout(&out));
    let again = import(&sb, &clean, None);
    assert_ok(&again, "import clean.csv again");
    assert!(
        stdout(&again).contains("1 already imported"),
        "{}",
        stdout(&again)
    );
    assert_eq!(all_comments(&sb).len(), before + 3);
}

#[test]
fn import_applies_the_moderation_rules_and_a_rule_change_is_audited() {
    let sb = Sandbox::demo();
    let ((published, _), _) = published_and_draft(&sb);
    let links = sb.path("links.jsonl");
    write_file(
        &links,
        &format!(
            "{{\"article\": {published}, \"name\": \"Quảng Cáo\", \"title\": \"Xem thêm\", \"content\": \"https://a.example và www.b.example\"}}\n"
        ),
    );
    assert_ok(&import(&sb, &links, None), "import links.jsonl");
    let held = comment_titled(&all_comments(&sb), "Xem thêm");
    assert_eq!(held["status"], "pending");
    assert_eq!(held["held_by_rule"], "links");

    let rule_changes = |sb: &Sandbox| -> Vec<Value> {
        audit_log(sb)
            .into_iter()
            .filter(|r| r["action"] == "rules.change")
            .collect()
    };
    let before = rule_changes(&sb).len();

    let config = sb.path("banned.toml");
    write_file(&config, "[moderation]\nbanned_words = [\"cá độ\"]\n");
    let banned = sb.path("banned.jsonl");
    write_file(
        &banned,
        &format!(
            "{{\"article\": {published}, \"name\": \"Kèo Thơm\", \"title\": \"Kèo hôm nay\", \"content\": \"CA DO bong da\"}}\n"
        ),
    );
    let out = import(&sb, &banned, Some(&config));
    assert_ok(&out, "import banned.jsonl");
    assert!(stdout(&out).contains("1 rejected"), "{}", stdout(&out));
    let rejected = comment_titled(&all_comments(&sb), "Kèo hôm nay");
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["held_by_rule"], "banned_word");

    let changes = rule_changes(&sb);
    assert_eq!(changes.len(), before + 1, "one new rules.change row: {changes:?}");
    let newest = &changes[0];
    assert_eq!(newest["user"], EDITOR);
    assert_eq!(newest["after"]["banned_words"], serde_json::json!(["cá độ"]));
    assert_eq!(newest["before"]["banned_words"], serde_json::json!([]));

    // The same rules again are no change.
    let more = sb.path("more.jsonl");
    write_file(
        &more,
        &format!(
            "{{\"article\": {published}, \"name\": \"An\", \"title\": \"Hỏi thêm\", \"content\": \"Khi nào có kết quả?\"}}\n"
        ),
    );
    assert_ok(&import(&sb, &more, Some(&config)), "import more.jsonl");
    assert_eq!(rule_changes(&sb).len(), before + 1);
}

#[test]
fn editors_decide_comments_and_each_decision_is_audited() {
    let sb = Sandbox::demo();
    let pending = pending_ids(&sb);
    let (a, b, c) = (pending[0], pending[1], pending[2]);
    for (verb, id, status) in [
        ("approve", a, "approved"),
        ("reject", b, "rejected"),
        ("spam", c, "spam"),
    ] {
        let out = sb.run(EDITOR, &["comments", verb, &id.to_string()]);
        assert_ok(&out, &format!("comments {verb} {id}"));
        assert_eq!(stdout(&out), format!("Comment {id} {status}.\n"));
        let now = comment(&sb, id);
        assert_eq!(now["status"], status, "{now}");
        assert_eq!(now["decided_by"], EDITOR, "{now}");
    }
    let decisions: Vec<Value> = audit_log(&sb)
        .into_iter()
        .filter(|r| r["action"] == "comment.decide")
        .collect();
    for (id, status) in [(a, "approved"), (b, "rejected"), (c, "spam")] {
        let rows: Vec<&Value> = decisions
            .iter()
            .filter(|r| r["entity_id"].as_str() == Some(id.to_string().as_str()))
            .collect();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0]["user"], EDITOR);
        assert_eq!(rows[0]["entity"], "comment");
        assert_eq!(rows[0]["before"]["status"], "pending");
        assert_eq!(rows[0]["after"]["status"], status);
    }

    // Several at once. A second editor deciding again is refused, as in the TUI: nobody
    // silently replaces a colleague's decision.
    let (d, e) = (pending[3], pending[4]);
    let out = sb.run(EDITOR, &["comments", "approve", &d.to_string(), &e.to_string()]);
    assert_ok(&out, "approve two");
    assert_eq!(stdout(&out).lines().count(), 2);
    let audit_before = audit_log(&sb).len();
    let out = sb.run("khanh.do", &["comments", "reject", &d.to_string()]);
    let line = assert_refused(&out, "reject what another editor approved");
    assert!(
        line.contains(&format!("Comment {d} was already approved by {EDITOR} at "))
            && line.contains("--change"),
        "{line}"
    );
    assert_eq!(comment(&sb, d)["status"], "approved");
    assert_eq!(audit_log(&sb).len(), audit_before, "a refusal is not a decision");

    // Asked for on purpose, it is a new decision on what is there now.
    let out = sb.run("khanh.do", &["comments", "reject", "--change", &d.to_string()]);
    assert_ok(&out, "reject --change");
    assert_eq!(comment(&sb, d)["decided_by"], "khanh.do");
    let again = audit_log(&sb)
        .into_iter()
        .find(|r| r["action"] == "comment.decide" && r["entity_id"].as_str() == Some(d.to_string().as_str()))
        .unwrap();
    assert_eq!(again["user"], "khanh.do");
    assert_eq!(again["before"]["status"], "approved");
    assert_eq!(again["after"]["status"], "rejected");
}

#[test]
fn reporters_may_not_decide_comments() {
    let sb = Sandbox::demo();
    let id = pending_ids(&sb)[0].to_string();
    let audit_before = audit_log(&sb).len();
    for verb in ["approve", "reject", "spam"] {
        let out = sb.run(REPORTER, &["comments", verb, &id]);
        let line = assert_refused(&out, &format!("comments {verb} as a reporter"));
        assert!(line.contains("editor"), "should say who may: {line}");
    }
    assert_eq!(comment(&sb, id.parse().unwrap())["status"], "pending");
    assert_eq!(audit_log(&sb).len(), audit_before);
}

#[test]
fn an_unknown_comment_id_stops_the_whole_decision() {
    let sb = Sandbox::demo();
    let good = pending_ids(&sb)[0];
    let audit_before = audit_log(&sb).len();
    let out = sb.run(EDITOR, &["comments", "approve", &good.to_string(), "999999"]);
    let line = assert_refused(&out, "approve a good and an unknown id");
    assert!(line.contains("999999"), "{line}");
    assert_eq!(
        comment(&sb, good)["status"],
        "pending",
        "the good one is untouched"
    );
    assert_eq!(audit_log(&sb).len(), audit_before);
}

#[test]
fn erasing_an_author_keeps_their_words_and_nothing_that_names_them() {
    let sb = Sandbox::demo();
    let name = "Trần Văn Bình";
    let theirs: Vec<Value> = all_comments(&sb)
        .into_iter()
        .filter(|c| c["name"] == name)
        .collect();
    assert!(theirs.len() >= 2, "the demo has several comments by {name}");
    assert!(theirs.iter().all(|c| c["phone"] != "" && c["ip"] != ""));

    let out = sb.run(EDITOR, &["comments", "erase", "--author", name]);
    assert_ok(&out, "comments erase");
    assert!(
        stdout(&out).contains(&theirs.len().to_string()),
        "{}",
        stdout(&out)
    );

    let after = all_comments(&sb);
    assert!(after.iter().all(|c| c["name"] != name));
    for old in &theirs {
        let now = after.iter().find(|c| c["id"] == old["id"]).unwrap();
        assert_eq!(now["name"], "(đã xoá)", "{now}");
        assert_eq!(now["phone"], "", "{now}");
        assert_eq!(now["ip"], "", "{now}");
        assert_eq!(now["content"], old["content"], "the words stay");
        assert_eq!(now["title"], old["title"]);
        assert_eq!(now["status"], old["status"]);
    }
    let audit = audit_log(&sb);
    let row = audit
        .iter()
        .find(|r| r["action"] == "comment.erase_author")
        .expect("the erasure is audited");
    assert_eq!(row["user"], EDITOR);
    let entity_id = row["entity_id"].as_str().unwrap();
    assert!(!entity_id.is_empty());
    let log = serde_json::to_string(&audit).unwrap();
    for trace in [name, "0912468135", "203.113.52.18"] {
        assert!(!log.contains(trace), "the audit log still holds {trace:?}");
    }

    // Nobody left by that name; reporters may not erase.
    let line = assert_refused(
        &sb.run(EDITOR, &["comments", "erase", "--author", name]),
        "erase again",
    );
    assert!(line.contains("comments list"), "{line}");
    assert_refused(
        &sb.run(REPORTER, &["comments", "erase", "--author", "Hoàng Văn Lợi"]),
        "erase as a reporter",
    );
    assert!(all_comments(&sb).iter().any(|c| c["name"] == "Hoàng Văn Lợi"));
}

/// A new draft by the reporter; returns its id.
fn new_draft(sb: &Sandbox, title: &str, lead: &str) -> i64 {
    let body = sb.path("body.md");
    write_file(&body, "Thân bài, đoạn một.\n\nĐoạn hai.\n");
    let mut args = vec!["article", "new", "--title", title, "--lead", lead];
    let body = body.display().to_string();
    args.extend(["--body-file", body.as_str()]);
    let out = sb.run(REPORTER, &args);
    assert_ok(&out, "article new");
    stdout(&out).trim().parse().expect("article new prints the id")
}

fn article_json(sb: &Sandbox, id: i64) -> Value {
    sb.json(ADMIN, &["article", "show", &id.to_string(), "--json"])
}

#[test]
fn editors_publish_complete_drafts_and_readers_may_then_comment() {
    let sb = Sandbox::demo();
    let id = new_draft(&sb, "Phường Ngọc Hà mở lớp vẽ miễn phí", "Sa pô của bài.");
    let file = sb.path("on-new.jsonl");
    write_file(
        &file,
        &format!(
            "{{\"article\": {id}, \"name\": \"Hà\", \"title\": \"Đăng ký ở đâu?\", \"content\": \"Cho tôi hỏi.\"}}\n"
        ),
    );
    let out = import(&sb, &file, None);
    assert!(!out.status.success(), "no comments on a draft");
    assert!(stderr(&out).contains("not published"), "{}", stderr(&out));

    // A reporter may not publish, even their own.
    let line = assert_refused(
        &sb.run(REPORTER, &["article", "publish", &id.to_string()]),
        "publish as a reporter",
    );
    assert!(line.contains("editor"), "{line}");
    assert_eq!(article_json(&sb, id)["status"], "draft");

    let out = sb.run(EDITOR, &["article", "publish", &id.to_string()]);
    assert_ok(&out, "article publish");
    assert_eq!(stdout(&out), format!("Published article {id}.\n"));
    let article = article_json(&sb, id);
    assert_eq!(article["status"], "published");
    assert!(is_utc_stamp(&article["published_at"]), "{article}");

    // Now the same line is accepted (it was skipped before, so it is not "already imported").
    let out = import(&sb, &file, None);
    assert_ok(&out, "import onto the published article");
    let stored = comment_titled(&all_comments(&sb), "Đăng ký ở đâu?");
    assert_eq!(stored["article_id"], id);
}

#[test]
fn a_draft_without_a_lead_is_not_published() {
    let sb = Sandbox::demo();
    let id = new_draft(&sb, "Bài chưa có sa pô", "");
    let line = assert_refused(
        &sb.run(EDITOR, &["article", "publish", &id.to_string()]),
        "publish without a lead",
    );
    assert!(line.to_lowercase().contains("lead"), "{line}");
    let article = article_json(&sb, id);
    assert_eq!(article["status"], "draft");
    assert!(article["published_at"].is_null());
    let out = sb.run(EDITOR, &["article", "publish", "999999"]);
    assert_refused(&out, "publish an unknown article");
}
