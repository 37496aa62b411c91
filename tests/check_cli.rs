//! `newsroom check`: findings with line, column, word, rule and suggestions, in plain lines
//! and JSON, and the exit status scripts read (0 clean, 1 findings, 2 could not check).

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Output;

use serde_json::{Value, json};

mod support;

use support::cli::*;

/// Checks by the rules alone, so the results are the same with and without `hunspell-vi`.
fn check(sb: &Sandbox, args: &[&str]) -> Output {
    sb.cmd(ADMIN, &[&["check"], args].concat())
        .env("NEWSROOM_DICTIONARY", "none")
        .output()
        .unwrap()
}

fn write(sb: &Sandbox, name: &str, text: &str) -> String {
    let path = sb.path(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_file_with_mistakes_exits_1_and_says_where_each_is() {
    let sb = Sandbox::empty();
    let file = write(
        &sb,
        "bai.txt",
        "Hôm nay mọi nguời đươc nghe tin.\nHòa bình, thủy lợi và hoà giải; HĐND TP.HCM họp lúc 9h.\nkà phê\n",
    );
    let out = check(&sb, &["--file", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(|l| l.replace(&file, "F")).collect();
    assert_eq!(
        lines,
        [
            "F:1:13: nguời (syllable) → người, nguồi",
            "F:1:19: đươc (stop-tone) → đước, được",
            "F:2:23: hoà (tone-placement) → hòa",
            "F:3:1: kà (k-c) → cà",
        ]
    );
    let out = check(&sb, &["--file", &file, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        found[1],
        json!({"field": file, "line": 1, "column": 19, "word": "đươc", "rule": "stop-tone",
               "suggestions": ["đước", "được"]})
    );
    assert_eq!(found.as_array().unwrap().len(), 4);
}

#[test]
fn a_clean_file_exits_0_and_prints_nothing() {
    let sb = Sandbox::empty();
    let file = write(
        &sb,
        "ok.txt",
        "Người dân phường Phúc Đồng được nghe tin vui, xem https://vd.vn/tiềng.\n",
    );
    let out = check(&sb, &["--file", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    let out = check(&sb, &["--file", &file, "--json"]);
    assert_eq!((out.status.code(), stdout(&out).trim()), (Some(0), "[]"));
}

#[test]
fn an_article_is_checked_field_by_field_with_the_house_style() {
    let sb = Sandbox::demo();
    // The sandbox points NEWSROOM_CONFIG at this file.
    write(
        &sb,
        "no-config.toml",
        "[style]\ntone_placement = \"new\"\nbanned = [\"cực kỳ sốc\"]\n[style.prefer]\n\"Sài Gòn\" = \"TP.HCM\"\n",
    );
    let body = write(
        &sb,
        "body.txt",
        "Đoạn một rất hay.\n\nTin cực kỳ sốc ở Sài Gòn về thủy lợi.",
    );
    let out = sb.run(
        ADMIN,
        &["article", "new", "--title", "Ghà mới", "--body-file", &body],
    );
    assert_ok(&out, "article new");
    let id = stdout(&out).trim().to_owned();
    assert_ok(&sb.run(ADMIN, &["article", "tag", &id, "Ngề cá"]), "article tag");
    let out = check(&sb, &[&id, "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found: Vec<(String, i64, i64, String, String)> = serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["line"].as_i64().unwrap(),
                f["column"].as_i64().unwrap(),
                f["word"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let row = |field: &str, line, column, word: &str, rule: &str| {
        (field.to_owned(), line, column, word.to_owned(), rule.to_owned())
    };
    assert_eq!(
        found,
        [
            row("title", 1, 1, "Ghà", "gh-g"),
            row("body", 3, 5, "cực kỳ sốc", "house-banned"),
            row("body", 3, 18, "Sài Gòn", "house-preferred"),
            row("body", 3, 29, "thủy", "tone-placement"),
            row("tags", 1, 1, "Ngề", "ngh-ng"),
        ]
    );
}

#[test]
fn what_cannot_be_checked_exits_2_with_one_sentence() {
    let sb = Sandbox::demo();
    for (args, says) in [
        (vec!["--file", "missing.txt"], "Cannot check missing.txt"),
        (vec!["999"], "There is no article 999"),
        (vec!["no-such-slug"], "No article has the slug"),
    ] {
        let out = check(&sb, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&out), "");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out).trim().lines().count(), 1);
    }
}

#[test]
fn the_system_dictionary_flags_syllables_no_word_has() {
    if !std::path::Path::new("/usr/share/hunspell/vi_VN.dic").exists() {
        eprintln!("hunspell-vi is not installed: the dictionary is not tested here");
        return;
    }
    let sb = Sandbox::empty();
    let file = write(&sb, "a.txt", "Tiềng Việt hòa bình\n");
    let out = sb.cmd(ADMIN, &["check", "--file", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(":1:1: Tiềng (dictionary) → "),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "hòa is the old style, not a mistake"
    );
}
