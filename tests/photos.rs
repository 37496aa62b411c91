//! Photos from the command line and over SSH: the media library keeps one copy per image,
//! every refusal copies nothing and leaves the store as it was, captions are versioned,
//! and the forced command's `photo-put` takes exactly one plain name.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod support;

use support::cli::*;

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn media(sb: &Sandbox) -> PathBuf {
    sb.dir.path().join("media")
}

/// The images in the library (not the inboxes).
/// The pictures in the library, but for those in `demo` (the demo load draws one for each
/// of its photos, named by SHA-256 like any other).
fn library(sb: &Sandbox, demo: &[String]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(media(sb)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|name| !demo.contains(name))
        .collect();
    names.sort();
    names
}

fn new_article(sb: &Sandbox, user: &str) -> i64 {
    let out = sb.run(
        user,
        &["article", "new", "--title", "Ảnh hồ Tây", "--lead", "Sa-pô ngắn."],
    );
    assert_ok(&out, "article new");
    let id: i64 = stdout(&out).trim().parse().unwrap();
    let body = sb.path("body.md");
    write_file(&body, "Đoạn một.\n\nĐoạn hai.\n\nĐoạn ba.");
    assert_ok(
        &sb.run(
            user,
            &[
                "article",
                "edit",
                &id.to_string(),
                "--body-file",
                body.to_str().unwrap(),
            ],
        ),
        "edit body",
    );
    id
}

fn write(sb: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let path = sb.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn photos(sb: &Sandbox, id: i64) -> Vec<Value> {
    sb.article(id)["photos"].as_array().unwrap().clone()
}

#[test]
fn a_photo_is_added_with_its_size_and_kept_once_in_the_library() {
    let sb = Sandbox::demo();
    let demo = library(&sb, &[]);
    let a = new_article(&sb, REPORTER);
    let b = new_article(&sb, REPORTER);
    let file = write(&sb, "anh.png", &png(64, 48));
    let out = sb.run(
        REPORTER,
        &[
            "article",
            "photo",
            "add",
            &a.to_string(),
            &file,
            "--caption",
            "Hồ Tây  lúc sáng sớm",
            "--credit",
            "Ảnh: Minh Anh",
            "--alt",
            "Mặt hồ và hàng liễu",
            "--after-paragraph",
            "1",
        ],
    );
    assert_ok(&out, "photo add");
    assert_eq!(stdout(&out), "1\n", "the new photo's number");
    let p = &photos(&sb, a)[0];
    assert_eq!(p["width"], 64);
    assert_eq!(p["height"], 48);
    assert_eq!(p["caption"], "Hồ Tây lúc sáng sớm", "spaces collapsed");
    assert_eq!(p["credit"], "Ảnh: Minh Anh");
    assert_eq!(p["alt"], "Mặt hồ và hàng liễu");
    assert_eq!(p["decorative"], false);
    assert_eq!(p["position"], 1);
    assert_eq!(p["after_paragraph"], 1);
    let sha = p["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert_eq!(p["file"], format!("{sha}.png"));
    assert_eq!(
        std::fs::read(media(&sb).join(format!("{sha}.png"))).unwrap(),
        png(64, 48)
    );

    // The same picture under another name, on another article and twice on the first.
    let again = write(&sb, "copy.png", &png(64, 48));
    assert_ok(
        &sb.run(REPORTER, &["article", "photo", "add", &b.to_string(), &again]),
        "add to b",
    );
    let out = sb.run(
        REPORTER,
        &["article", "photo", "add", &a.to_string(), &again, "--decorative"],
    );
    assert_eq!(stdout(&out), "2\n");
    assert_eq!(
        library(&sb, &demo),
        [format!("{sha}.png")],
        "one copy of one image"
    );
    assert_eq!(photos(&sb, b)[0]["sha256"], sha);
    let second = &photos(&sb, a)[1];
    assert_eq!(
        (second["decorative"].clone(), second["alt"].clone()),
        (Value::Bool(true), Value::Null)
    );
    assert!(
        stdout(&sb.run(REPORTER, &["article", "show", &a.to_string()])).contains("64×48 after paragraph 1")
    );
}

#[test]
fn refusals_copy_nothing_and_leave_the_store_as_it_was() {
    let sb = Sandbox::demo();
    let demo = library(&sb, &[]);
    let id = new_article(&sb, REPORTER);
    std::fs::write(sb.path("no-config.toml"), "[media]\nmax_mb = 1\n").unwrap();
    let text = write(&sb, "notes.png", b"just some notes, not a picture\n");
    let gif = write(&sb, "anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    let mut big = png(2, 2);
    big.resize((1 << 20) + 1, 0);
    let big = write(&sb, "big.png", &big);
    let good = write(&sb, "good.png", &png(8, 8));
    let missing = sb.path("missing.jpg").to_str().unwrap().to_owned();
    let db = sb.db.to_str().unwrap().to_owned();
    let cases: Vec<(&str, Vec<&str>, &str, &str)> = vec![
        (
            "a text file",
            vec!["add", "ID", &text],
            REPORTER,
            "not a JPEG, PNG or WebP",
        ),
        ("a GIF", vec!["add", "ID", &gif], REPORTER, "GIF"),
        (
            "over max_mb",
            vec!["add", "ID", &big],
            REPORTER,
            "larger than 1 MiB",
        ),
        (
            "a missing file",
            vec!["add", "ID", &missing],
            REPORTER,
            "no such file",
        ),
        (
            "the store itself",
            vec!["add", "ID", &db],
            REPORTER,
            "store itself",
        ),
        (
            "someone else's article",
            vec!["add", "ID", &good],
            "tuan.pham",
            "may not",
        ),
        (
            "no such article",
            vec!["add", "999", &good],
            REPORTER,
            "no article 999",
        ),
        (
            "a paragraph the body lacks",
            vec!["add", "ID", &good, "--after-paragraph", "4"],
            REPORTER,
            "0 to 3",
        ),
        (
            "alt and decorative",
            vec!["add", "ID", &good, "--alt", "x", "--decorative"],
            REPORTER,
            "decorative",
        ),
        (
            "a photo it lacks",
            vec!["set", "ID", "1", "--caption", "x"],
            REPORTER,
            "no photo 1",
        ),
        ("photo 0", vec!["remove", "ID", "0"], REPORTER, "numbered from 1"),
    ];
    let before = sb.bytes();
    for (what, args, user, says) in cases {
        let id = id.to_string();
        let args: Vec<&str> = std::iter::once("article")
            .chain(std::iter::once("photo"))
            .chain(args.iter().map(|a| if *a == "ID" { id.as_str() } else { a }))
            .collect();
        let line = assert_refused(&sb.run(user, &args), what);
        assert!(
            line.to_lowercase().contains(&says.to_lowercase()),
            "{what}: {line}"
        );
        assert!(
            library(&sb, &demo).is_empty(),
            "{what} copied {:?}",
            library(&sb, &demo)
        );
        assert_eq!(sb.bytes(), before, "{what} changed the store");
    }
}

#[test]
fn live_articles_take_photo_changes_from_editors_only_and_every_change_is_a_revision() {
    let sb = Sandbox::demo();
    let id = new_article(&sb, REPORTER);
    let s = id.to_string();
    let file = write(&sb, "anh.png", &png(10, 10));
    assert_ok(
        &sb.run(
            REPORTER,
            &[
                "article",
                "photo",
                "add",
                &s,
                &file,
                "--credit",
                "Ảnh: Lan",
                "--decorative",
            ],
        ),
        "add",
    );
    assert_ok(
        &sb.run(
            REPORTER,
            &["article", "photo", "set", &s, "1", "--caption", "Chú thích đầu"],
        ),
        "caption",
    );
    assert_ok(&sb.run(EDITOR, &["article", "publish", &s]), "publish");
    let line = assert_refused(
        &sb.run(
            REPORTER,
            &["article", "photo", "set", &s, "1", "--caption", "Sửa"],
        ),
        "reporter on a live article",
    );
    assert!(line.contains("published"), "{line}");
    assert_ok(
        &sb.run(
            EDITOR,
            &["article", "photo", "set", &s, "1", "--caption", "Chú thích sửa"],
        ),
        "editor's correction",
    );
    assert_eq!(photos(&sb, id)[0]["caption"], "Chú thích sửa");

    let conn = rusqlite::Connection::open(&sb.db).unwrap();
    let mut stmt = conn
        .prepare("SELECT reason, photos FROM article_revisions WHERE article_id = ?1 ORDER BY id")
        .unwrap();
    let revisions: Vec<(String, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let captions: Vec<(String, Vec<String>)> = revisions
        .iter()
        .map(|(reason, photos)| {
            let photos: Vec<Value> = serde_json::from_str(photos).unwrap();
            (
                reason.clone(),
                photos
                    .iter()
                    .map(|p| p["caption"].as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let tail: Vec<_> = captions.iter().rev().take(3).rev().cloned().collect();
    assert_eq!(
        tail[0],
        (
            "photo 1: caption changed".to_owned(),
            vec!["Chú thích đầu".to_owned()]
        )
    );
    assert_eq!(
        tail[2],
        (
            "photo 1: caption changed".to_owned(),
            vec!["Chú thích sửa".to_owned()]
        )
    );
    let audit = sb.json(ADMIN, &["audit", "--json", "--limit", "20"]);
    let changes: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "photo.change")
        .collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["before"]["caption"], "Chú thích đầu");
    assert_eq!(changes[0]["after"]["caption"], "Chú thích sửa");
}

#[test]
fn photos_are_removed_and_the_rest_renumbered() {
    let sb = Sandbox::demo();
    let demo = library(&sb, &[]);
    let id = new_article(&sb, REPORTER);
    let s = id.to_string();
    for (i, caption) in ["Một", "Hai", "Ba"].iter().enumerate() {
        let file = write(&sb, &format!("{i}.png"), &png(3 + i as u32, 3));
        assert_ok(
            &sb.run(
                REPORTER,
                &["article", "photo", "add", &s, &file, "--caption", caption],
            ),
            "add",
        );
    }
    assert_ok(
        &sb.run(REPORTER, &["article", "photo", "remove", &s, "2"]),
        "remove",
    );
    let left: Vec<(Value, Value)> = photos(&sb, id)
        .iter()
        .map(|p| (p["caption"].clone(), p["position"].clone()))
        .collect();
    assert_eq!(left, [("Một".into(), 1.into()), ("Ba".into(), 2.into())]);
    assert_eq!(
        library(&sb, &demo).len(),
        3,
        "the library keeps the image for other articles"
    );
}

fn ssh(sb: &Sandbox, command: &str, stdin: Vec<u8>) -> Output {
    sb.bare()
        .arg("--db")
        .arg(&sb.db)
        .arg("--user")
        .arg(REPORTER)
        .arg("--restricted")
        .env("SSH_ORIGINAL_COMMAND", command)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

fn inbox(sb: &Sandbox) -> Vec<String> {
    let dir: &Path = &media(sb).join("inbox").join(REPORTER);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn photo_put_streams_one_image_into_the_inbox_and_nothing_else() {
    let sb = Sandbox::demo();
    std::fs::write(sb.path("no-config.toml"), "[media]\nmax_mb = 1\n").unwrap();
    let out = ssh(&sb, "photo-put anh-1.png", png(30, 20));
    assert_ok(&out, "photo-put");
    let said = stdout(&out);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("anh-1.png (PNG, 30×20"), "{said}");
    assert_eq!(inbox(&sb), ["anh-1.png"]);
    assert_eq!(
        std::fs::read(media(&sb).join("inbox").join(REPORTER).join("anh-1.png")).unwrap(),
        png(30, 20)
    );

    let before = sb.bytes();
    let long = format!("photo-put {}.png", "a".repeat(300));
    let huge = {
        let mut b = png(2, 2);
        b.resize(3 << 20, 7);
        b
    };
    let refused: Vec<(&str, Vec<u8>, &str)> = vec![
        ("photo-put ../x", png(2, 2), "plain file name"),
        ("photo-put ../../newsroom.db", png(2, 2), "plain file name"),
        ("photo-put -rf", png(2, 2), "plain file name"),
        ("photo-put .profile", png(2, 2), "plain file name"),
        ("photo-put a;b", png(2, 2), "plain file name"),
        ("photo-put 'a.png'", png(2, 2), "plain file name"),
        ("photo-put \"a.png\"", png(2, 2), "plain file name"),
        ("photo-put $(reboot)", png(2, 2), "plain file name"),
        ("photo-put a/b.png", png(2, 2), "plain file name"),
        (&long, png(2, 2), "plain file name"),
        ("photo-put", png(2, 2), "plain file name"),
        ("photo-put a b", png(2, 2), "plain file name"),
        ("photo-put  a.png", png(2, 2), "plain file name"),
        ("photo-put a.png\nrm -rf ~", png(2, 2), "plain file name"),
        (
            "photo-put notes.png",
            b"#!/bin/sh\nrm -rf ~\n".to_vec(),
            "not a JPEG, PNG or WebP",
        ),
        ("photo-put empty.png", Vec::new(), "not a JPEG, PNG or WebP"),
        ("photo-put huge.png", huge, "larger than 1 MiB"),
        // Not ours: ignored as before, so the TUI is asked for and refused without a terminal.
        ("scp -t media/inbox/x.png", png(2, 2), "ssh -t"),
        ("photo-puts a.png", png(2, 2), "ssh -t"),
        ("sh -c 'cat > a.png'", png(2, 2), "ssh -t"),
    ];
    for (command, stdin, says) in refused {
        let line = assert_refused(&ssh(&sb, command, stdin), command);
        assert!(line.contains(says), "{command:?}: {line}");
        assert_eq!(inbox(&sb), ["anh-1.png"], "{command:?} left a file");
        assert_eq!(sb.bytes(), before, "{command:?} changed the store");
    }
    // Only the forced command's session reads SSH_ORIGINAL_COMMAND.
    let out = sb
        .cmd(REPORTER, &[])
        .env("SSH_ORIGINAL_COMMAND", "photo-put b.png")
        .write_stdin(png(2, 2))
        .output()
        .unwrap();
    assert!(assert_refused(&out, "without --restricted").contains("ssh -t"));
    assert_eq!(inbox(&sb), ["anh-1.png"]);
}
