//! `comments list` with reader text that hides or garbles itself: joiners outside emoji,
//! Hangul fillers, private-use characters and noncharacters. Plain lines show them made
//! visible or removed, and flagged; `--json` keeps the raw text, escaped as `\uXXXX`.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use serde_json::Value;
use support::cli::*;

/// What a reader sent: (name, title, content).
const SENT: [(&str, &str, &str); 3] = [
    (
        "Lan\u{3164}\u{3164}",
        "Mua sỉ\u{200d}lẻ \u{e000} giá tốt",
        "Liên hệ \u{f0000}\u{10fffd} ngay\u{fdd0}\u{fffe}\u{ffff}",
    ),
    (
        "\u{115f}\u{1160}\u{ffa0}",
        "Quảng\u{200c}cáo",
        "Xem thêm\u{1fffe}\u{10ffff}",
    ),
    // Emoji sequences are no control codes: drawn as their parts, not flagged.
    (
        "Gia đình 👨\u{200d}👩\u{200d}👧",
        "Cờ 🏳\u{fe0f}\u{200d}🌈",
        "Vui quá 👍🏽",
    ),
];

/// Characters that must never be printed raw.
fn hidden(c: char) -> bool {
    let code = u32::from(c);
    matches!(c,
        '\u{200c}' | '\u{200d}' | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}'
        | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}' | '\u{fdd0}'..='\u{fdef}')
        || code & 0xfffe == 0xfffe
}

fn sandbox_with_comments() -> Sandbox {
    let sb = Sandbox::demo();
    let published = array(sb.json(EDITOR, &["article", "list", "--status", "published", "--json"]));
    let article = published[0]["id"].as_i64().unwrap();
    let lines: Vec<String> = SENT
        .iter()
        .enumerate()
        .map(|(i, (name, title, content))| {
            serde_json::json!({
                "article": article, "name": name, "phone": format!("091234567{i}"),
                "title": title, "content": content, "ip": format!("198.51.100.{}", 20 + i),
            })
            .to_string()
        })
        .collect();
    let file = sb.path("hidden.jsonl");
    write_file(&file, &(lines.join("\n") + "\n"));
    let out = sb.run(EDITOR, &["comments", "import", file.to_str().unwrap()]);
    assert_ok(&out, "comments import");
    sb
}

#[test]
fn plain_lines_show_hidden_characters_removed_or_visible_and_flagged() {
    let sb = sandbox_with_comments();
    let out = sb.run(EDITOR, &["comments", "list", "--limit", "1000"]);
    assert_ok(&out, "comments list");
    let text = stdout(&out);
    let raw: Vec<char> = text.chars().filter(|&c| hidden(c)).collect();
    assert!(raw.is_empty(), "printed raw: {raw:?}\n{text}");
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}:\n{text}"))
            .to_owned()
    };
    let first = line("Mua sỉlẻ");
    assert!(first.contains("Lan: Mua sỉlẻ � giá tốt"), "{first}");
    assert!(first.ends_with("[contains control codes]"), "{first}");
    let second = line("Quảngcáo");
    assert!(second.contains(" : Quảngcáo"), "the fillers are gone: {second}");
    assert!(second.ends_with("[contains control codes]"), "{second}");
    let emoji = line("Gia đình");
    assert!(emoji.contains("Gia đình 👨👩👧: Cờ 🏳🌈"), "{emoji}");
    assert!(!emoji.contains("control codes"), "{emoji}");
}

#[test]
fn json_escapes_hidden_characters_and_keeps_the_raw_text() {
    let sb = sandbox_with_comments();
    let out = sb.run(EDITOR, &["comments", "list", "--limit", "1000", "--json"]);
    assert_ok(&out, "comments list --json");
    let text = stdout(&out);
    let raw: Vec<char> = text.chars().filter(|&c| hidden(c)).collect();
    assert!(raw.is_empty(), "printed raw: {raw:?}");
    for escaped in [
        "\\u3164",
        "\\u200d",
        "\\ue000",
        "\\udb80\\udc00",
        "\\ufdd0",
        "\\ufffe",
        "\\uffff",
        "\\u115f",
        "\\u1160",
        "\\uffa0",
        "\\u200c",
        "\\ud83f\\udffe",
        "\\udbff\\udfff",
    ] {
        assert!(text.contains(escaped), "{escaped} missing from the JSON");
    }
    let comments: Vec<Value> = array(serde_json::from_str(&text).expect("the JSON parses"));
    for (name, title, content) in SENT {
        let c = comments
            .iter()
            .find(|c| c["title"] == title)
            .unwrap_or_else(|| panic!("{title:?} did not round-trip"));
        assert_eq!(c["name"], name);
        assert_eq!(c["content"], content);
        let flagged = !title.contains('🏳');
        assert_eq!(c["has_control_codes"], flagged, "{title:?}");
    }
}
