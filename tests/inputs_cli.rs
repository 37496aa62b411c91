//! Bounded inputs and plain messages on the command line: every file the CLI reads has a
//! limit and a sentence, SSH keys are checked before they reach sshd, an import may start
//! with a byte-order mark, and messages keep the case of what the user typed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine as _;

mod support;

use support::cli::*;

/// A refusal must come quickly: /dev/zero never ends, so only a limit stops the read.
fn refused_quickly(sb: &Sandbox, args: &[&str], what: &str) -> String {
    let started = Instant::now();
    let out = sb
        .cmd(ADMIN, args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let line = assert_refused(&out, what);
    // A bound on behaviour, not a speed test: without a limit this runs until memory ends.
    assert!(started.elapsed() < Duration::from_secs(20), "{what} did not stop");
    line
}

#[test]
fn a_body_file_that_never_ends_stops_at_the_limit() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    let line = refused_quickly(
        &sb,
        &["article", "new", "--title", "Vô tận", "--body-file", "/dev/zero"],
        "article new --body-file /dev/zero",
    );
    assert!(line.contains("/dev/zero") && line.contains("4 MiB"), "{line}");
    assert_eq!(sb.bytes(), before, "a refused body changed the store");

    // One byte over in a real file is refused too; at the limit it is taken.
    let big = sb.path("big.md");
    std::fs::write(&big, vec![b'a'; 4 * 1024 * 1024 + 1]).unwrap();
    let out = sb.run(
        ADMIN,
        &[
            "article",
            "new",
            "--title",
            "Dài",
            "--body-file",
            big.to_str().unwrap(),
        ],
    );
    assert!(assert_refused(&out, "a 4 MiB + 1 body").contains("4 MiB"));
    std::fs::write(&big, vec![b'a'; 4 * 1024 * 1024]).unwrap();
    let out = sb.run(
        ADMIN,
        &[
            "article",
            "new",
            "--title",
            "Dài",
            "--body-file",
            big.to_str().unwrap(),
        ],
    );
    assert_ok(&out, "a 4 MiB body");
}

#[test]
fn an_import_that_never_ends_stops_and_changes_nothing() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    for endless in ["/dev/zero", "/dev/urandom"] {
        let line = refused_quickly(&sb, &["comments", "import", endless], endless);
        assert!(line.contains(endless), "{line}");
    }
    // A file past the limit is refused by its size before a line is read (sparse: no disk).
    let huge = sb.path("huge.jsonl");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(512 * 1024 * 1024 + 1)
        .unwrap();
    let line = refused_quickly(&sb, &["comments", "import", huge.to_str().unwrap()], "huge");
    assert!(line.contains("512 MiB") && line.contains("split"), "{line}");
    assert_eq!(sb.bytes(), before, "a refused import changed the store");
}

#[test]
fn a_key_file_that_never_ends_stops_at_the_limit() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    let line = refused_quickly(
        &sb,
        &[
            "user",
            "add",
            "vo.tan",
            "--role",
            "reporter",
            "--ssh-key",
            "/dev/zero",
        ],
        "user add --ssh-key /dev/zero",
    );
    assert!(line.contains("64 KiB"), "{line}");
    assert_eq!(sb.bytes(), before);
}

#[test]
fn json_lines_may_start_with_a_byte_order_mark() {
    let sb = Sandbox::demo();
    let published = sb
        .articles()
        .into_iter()
        .find(|a| a["status"] == "published")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let file = sb.path("bom.jsonl");
    let line = format!(
        r#"{{"article": {published}, "name": "Trần Bom", "title": "Có BOM", "content": "Tệp từ Notepad."}}"#
    );
    std::fs::write(&file, format!("\u{feff}{line}\n")).unwrap();
    let out = sb
        .cmd(EDITOR, &["comments", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert_ok(&out, "import bom.jsonl");
    assert!(stdout(&out).contains("Imported 1 comments"), "{}", stdout(&out));
    assert!(sb.comments().iter().any(|c| c["name"] == "Trần Bom"));
}

#[test]
fn a_line_over_the_limit_stops_the_import_there_and_keeps_the_lines_before() {
    let sb = Sandbox::demo();
    let published = sb
        .articles()
        .into_iter()
        .find(|a| a["status"] == "published")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let good = |name: &str| {
        format!(r#"{{"article": {published}, "name": "{name}", "title": "Hỏi", "content": "Khi nào?"}}"#)
    };
    let long = format!(r#"{{"article": {published}, "name": "{}"}}"#, "x".repeat(2 << 20));
    let file = sb.path("long.jsonl");
    std::fs::write(
        &file,
        [good("Trước Dòng Dài"), long, good("Sau Dòng Dài")].join("\n"),
    )
    .unwrap();
    let out = sb
        .cmd(EDITOR, &["comments", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stdout(&out).contains("Imported 1 comments"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("stopped at line 2") && err.contains("1 MiB"),
        "{err}"
    );
    let names: Vec<String> = sb
        .comments()
        .iter()
        .filter_map(|c| c["name"].as_str().map(str::to_owned))
        .collect();
    assert!(names.contains(&"Trước Dòng Dài".to_owned()));
    assert!(!names.contains(&"Sau Dòng Dài".to_owned()));
}

// ---------------------------------------------------------------------------------------
// SSH keys

/// A well-formed public key blob: the type name, then these fields, each length-prefixed.
fn blob(kind: &str, fields: &[&[u8]]) -> String {
    let mut bytes = Vec::new();
    for field in std::iter::once(kind.as_bytes()).chain(fields.iter().copied()) {
        bytes.extend_from_slice(&(field.len() as u32).to_be_bytes());
        bytes.extend_from_slice(field);
    }
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn ed25519(seed: u8) -> String {
    format!("ssh-ed25519 {}", blob("ssh-ed25519", &[&[seed; 32]]))
}

fn add_with_key(sb: &Sandbox, login: &str, key_file: &Path) -> std::process::Output {
    sb.run(
        ADMIN,
        &[
            "user",
            "add",
            login,
            "--role",
            "reporter",
            "--ssh-key",
            key_file.to_str().unwrap(),
        ],
    )
}

fn logins(sb: &Sandbox) -> Vec<String> {
    sb.users()
        .iter()
        .map(|u| u["login"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_key_whose_type_word_lies_is_refused() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    let file = sb.path("lan.pub");
    // The line says ed25519; the blob inside is an RSA key.
    let rsa = blob("ssh-rsa", &[&[1, 0, 1], &[0xC5; 257]]);
    for text in [
        format!("ssh-ed25519 {rsa} lan@laptop\n"),
        format!("ssh-ed25519 {}\n", &blob("ssh-ed25519", &[&[7; 32]])[..40]),
        format!("ssh-ed25519 {}\n", blob("ssh-ed25519", &[&[7; 12]])),
    ] {
        std::fs::write(&file, &text).unwrap();
        let line = assert_refused(&add_with_key(&sb, "lan.moi", &file), &text);
        assert!(line.contains("Line 1 of") && line.contains(".pub"), "{line}");
    }
    assert_eq!(sb.bytes(), before);
}

#[test]
fn a_key_registered_to_someone_else_is_refused_and_no_user_is_added() {
    let sb = Sandbox::demo();
    let first = sb.path("huong.pub");
    std::fs::write(&first, format!("{} huong@desk\n", ed25519(1))).unwrap();
    assert_ok(&add_with_key(&sb, "huong.moi", &first), "the first owner");
    let users = logins(&sb);
    let before = sb.bytes();

    // The same key under another comment, as a copied file would carry.
    let copy = sb.path("lan.pub");
    std::fs::write(&copy, format!("{} lan@laptop\n", ed25519(1))).unwrap();
    let line = assert_refused(&add_with_key(&sb, "lan.moi", &copy), "a key already used");
    assert!(line.contains("already registered to huong.moi"), "{line}");
    assert_eq!(logins(&sb), users, "the user was added without their key");
    assert_eq!(sb.bytes(), before);
}

#[test]
fn every_key_in_a_file_is_registered_with_its_own_forced_command() {
    let sb = Sandbox::demo();
    let file = sb.path("lan.pub");
    let (a, b) = (ed25519(3), ed25519(4));
    let ecdsa = format!(
        "ecdsa-sha2-nistp256 {}",
        blob("ecdsa-sha2-nistp256", &[b"nistp256", &[4; 65]])
    );
    std::fs::write(
        &file,
        format!("# Lan's machines\n{a} lan@laptop\n\n{b} lan@desk\n{ecdsa}\n{a} lan@laptop again\n"),
    )
    .unwrap();
    let out = add_with_key(&sb, "lan.moi", &file);
    assert_ok(&out, "user add with three keys");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "lan.moi");
    assert_eq!(lines.len(), 4, "one line per distinct key: {text}");
    for (line, key) in lines[1..].iter().zip([&a, &b, &ecdsa]) {
        assert!(line.starts_with("restrict,pty,command=\""), "{line}");
        assert!(line.contains("--user lan.moi --restricted\""), "{line}");
        assert!(line.ends_with(key.as_str()), "{line}");
    }
    let audit = sb.json(ADMIN, &["audit", "--json", "--limit", "20"]);
    let keys = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "user.add_ssh_key" && r["entity_id"] == "lan.moi")
        .count();
    assert_eq!(keys, 3, "each key is in the audit log");

    // Any key of a second file already taken refuses the whole file, naming which.
    let second = sb.path("minh.pub");
    std::fs::write(&second, format!("{}\n{b}\n", ed25519(9))).unwrap();
    let line = assert_refused(&add_with_key(&sb, "minh", &second), "second file");
    assert!(line.contains("Key 2 of 2") && line.contains("lan.moi"), "{line}");
    assert!(!logins(&sb).contains(&"minh".to_owned()));
}

// ---------------------------------------------------------------------------------------
// messages

#[test]
fn file_names_at_the_start_of_a_message_keep_their_case() {
    let sb = Sandbox::demo();
    std::fs::write(sb.path("backup.db"), b"x").unwrap();
    let out = sb.run(ADMIN, &["backup", "backup.db"]);
    let line = assert_refused(&out, "backup over a file");
    assert!(line.starts_with("backup.db already exists"), "{line}");
    // The rules' own fragments still read as sentences.
    let out = sb.run(ADMIN, &["user", "add", "x.y", "--role", "chief"]);
    let line = assert_refused(&out, "an unknown role");
    assert!(line.starts_with("Unknown role"), "{line}");
}

#[test]
fn search_filter_mistakes_show_the_filter_written_right() {
    let sb = Sandbox::demo();
    for (query, example) in [
        ("colour:red", "status:published"),
        ("status:live", "status:published"),
        ("author:", "author:lan.nguyen"),
        ("before:", "before:06/10/2020"),
        ("after:2020-10-01", "after:01/10/2020"),
    ] {
        let line = assert_refused(&sb.run(ADMIN, &["search", query]), query);
        assert!(line.contains(&format!("e.g. {example}")), "{query}: {line}");
        assert!(line.starts_with(char::is_uppercase), "{query}: {line}");
    }
}

/// Reading the store file through `std::fs` while a connection is open would drop the
/// process's SQLite locks on it (see README, Other programs on the store).
#[test]
fn importing_the_store_itself_is_refused_without_opening_it() {
    let sb = Sandbox::demo();
    let before = sb.bytes();
    let db = sb.db.display().to_string();
    let out = sb.run(ADMIN, &["comments", "import", &db]);
    let line = assert_refused(&out, "comments import of the store");
    assert!(line.contains("is the Newsroom store itself"), "{line}");
    assert_eq!(sb.bytes(), before);
}
