//! `newsroom search` as a person or a script meets it: Vietnamese words found with or
//! without accents (đ included), titles first, filters that narrow, mistakes that are
//! one sentence, query syntax that never reaches SQLite, and an index that is never stale.
//!
//! Every test gets its own temporary folder and demo store, a config path that does not
//! exist and an explicit USER.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

mod support;

use support::cli::*;

const ZONE: &str = "Asia/Ho_Chi_Minh";

const TAY_HO: &str = "Giải chạy “Vì Tây Hồ xanh” thu hút hơn 3.000 vận động viên phong trào";
const DONG_DA: &str =
    "Đống Đa: Trường THCS mới trên phố Hoàng Cầu hoàn thành, sẵn sàng đón 900 học sinh trong năm học mới";

/// Words of SQLite's that must never reach a person.
fn assert_no_sql(text: &str, what: &str) {
    let lower = text.to_lowercase();
    for word in [
        "fts5",
        "syntax error",
        "sqlite",
        "sql ",
        "no such column",
        "malformed match",
    ] {
        assert!(!lower.contains(word), "`{what}` leaked SQL ({word:?}): {text}");
    }
}

/// (kind, id) of every hit, in order.
fn keys(hits: &[Value]) -> Vec<(String, i64)> {
    hits.iter()
        .map(|h| (h["kind"].as_str().unwrap().to_owned(), h["id"].as_i64().unwrap()))
        .collect()
}

fn articles_of(hits: &[Value]) -> Vec<&Value> {
    hits.iter().filter(|h| h["kind"] == "article").collect()
}

fn article_ids(hits: &[Value]) -> BTreeSet<i64> {
    articles_of(hits)
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

fn comment_ids(hits: &[Value]) -> BTreeSet<i64> {
    hits.iter()
        .filter(|h| h["kind"] == "comment")
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

fn matched(hit: &Value) -> Vec<&str> {
    hit["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect()
}

fn id_titled(sb: &Sandbox, title: &str) -> i64 {
    let found: Vec<i64> = sb
        .articles()
        .iter()
        .filter(|a| a["title"] == title)
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(found.len(), 1, "articles titled {title:?}: {found:?}");
    found[0]
}

/// The day in Hanoi of an RFC 3339 stamp.
fn hanoi_day(stamp: &Value) -> jiff::civil::Date {
    let ts: jiff::Timestamp = stamp.as_str().expect("a stamp").parse().expect("RFC 3339");
    ts.in_tz(ZONE).expect("the zone").date()
}

/// Lower case, no diacritics, đ → d: what search compares.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace('đ', "d")
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

fn ddmmyyyy(d: jiff::civil::Date) -> String {
    d.strftime("%d/%m/%Y").to_string()
}

// ---------------------------------------------------------------------------------------
// words

#[test]
fn tay_ho_without_accents_finds_the_title_first_with_its_accented_words() {
    let sb = Sandbox::demo();
    let want = id_titled(&sb, TAY_HO);
    let hits = sb.search(&["tay", "ho"]);
    let first = hits.first().expect("tay ho finds something");
    assert_eq!(first["kind"], "article", "{hits:#?}");
    assert_eq!(first["id"], want, "the title match comes first: {hits:#?}");
    assert_eq!(first["title"], TAY_HO);
    assert_eq!(first["status"], "published");
    let words = matched(first);
    assert!(
        words.contains(&"Tây") && words.contains(&"Hồ"),
        "matched {words:?}"
    );

    // Title matches (both words in the title, the last as a prefix) come before the rest.
    let in_title: Vec<bool> = articles_of(&hits)
        .iter()
        .map(|h| {
            let t: Vec<String> = matched(h).iter().map(|w| fold(w)).collect();
            t.iter().any(|w| w == "tay") && t.iter().any(|w| w.starts_with("ho"))
        })
        .collect();
    assert!(
        in_title.windows(2).all(|w| w[0] || !w[1]),
        "a title match after a body match: {hits:#?}"
    );
    // "Long Biên" does not name Tây Hồ in its title: if found at all, it is after those.
    if let Some(at) = hits
        .iter()
        .position(|h| h["title"].as_str().unwrap().starts_with("Long Biên"))
    {
        assert!(!in_title[at], "{hits:#?}");
    }
}

#[test]
fn case_accents_hyphens_and_decomposed_input_make_no_difference() {
    let sb = Sandbox::demo();
    let plain = keys(&sb.search(&["tay", "ho"]));
    assert!(!plain.is_empty());
    let nfd: String = "Tây Hồ".nfd().collect();
    for query in ["TÂY HỒ", "Tây-Hồ", "tay ho", "Tây Hồ", "tây   hồ", nfd.as_str()] {
        assert_eq!(keys(&sb.search(&[query])), plain, "search {query:?}");
    }
}

#[test]
fn dong_da_folds_the_d_with_a_stroke() {
    let sb = Sandbox::demo();
    let want = id_titled(&sb, DONG_DA);
    for query in [["dong", "da"], ["Đống", "Đa"], ["ĐỐNG", "ĐA"]] {
        let hits = sb.search(&query);
        assert_eq!(
            hits.first().map(|h| &h["id"]),
            Some(&Value::from(want)),
            "{query:?}: {hits:#?}"
        );
        let words = matched(&hits[0]);
        assert!(
            words.contains(&"Đống") && words.contains(&"Đa"),
            "matched {words:?}"
        );
    }
}

/// The command line's query is complete: its words are whole, and a `*` after the last
/// one asks for the words it begins (the screen's search, which follows the typing, takes
/// the last word as begun without it).
#[test]
fn a_star_after_the_last_word_makes_it_a_prefix() {
    let sb = Sandbox::demo();
    let want = id_titled(&sb, DONG_DA);
    let hits = sb.search(&["dong d*"]);
    assert!(article_ids(&hits).contains(&want), "dong d*: {hits:#?}");
    let hit = hits
        .iter()
        .find(|h| h["id"] == want && h["kind"] == "article")
        .unwrap();
    assert!(matched(hit).contains(&"Đa"), "the prefix is highlighted: {hit}");
    // Half a word finds the whole one.
    let hits = sb.search(&["Tây", "H*"]);
    assert!(article_ids(&hits).contains(&id_titled(&sb, TAY_HO)), "{hits:#?}");
    // Only the last one: "ta* ho" does not match "Tây" in the title.
    let hits = sb.search(&["ta*", "ho"]);
    if let Some(hit) = hits.iter().find(|h| h["title"] == TAY_HO) {
        assert!(!matched(hit).contains(&"Tây"), "{hit}");
    }
    // Without the star, "d" is a word of its own, which no title has; and "Đa" is not
    // highlighted as a match where the article is found by its other words.
    let hits = sb.search(&["dong d"]);
    for hit in articles_of(&hits) {
        assert!(
            !matched(hit).contains(&"Đa"),
            "a whole word matched a prefix: {hit}"
        );
    }
    let whole: BTreeSet<i64> = article_ids(&sb.search(&["Tây", "H"]));
    assert!(!whole.contains(&id_titled(&sb, TAY_HO)), "H is not Hồ: {whole:?}");
}

#[test]
fn query_syntax_is_only_words_and_never_an_sql_error() {
    let sb = Sandbox::demo();
    for query in [
        "\"",
        "NOT",
        "a OR b",
        "x*",
        "*",
        "AND",
        "NEAR(a b)",
        "(tay",
        "tay)",
        "^ho",
        "title_fold:tay",
        "'",
        "--",
        "tay -ho",
        "{ho}",
        "ho:",
        ":ho",
        "\\",
        "%",
        "_",
        "tay AND NOT ho",
    ] {
        let out = sb.run(ADMIN, &["search", query]);
        let what = format!("search {query:?}");
        assert_no_sql(&stderr(&out), &what);
        assert_no_sql(&stdout(&out), &what);
        if !out.status.success() {
            assert_refused(&out, &what);
        }
        let out = sb.run(ADMIN, &["search", "--json", query]);
        if out.status.success() {
            let v: Value =
                serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what} --json: {e}"));
            assert!(v.is_array(), "{what}: {v}");
        } else {
            assert_no_sql(&assert_refused(&out, &what), &what);
        }
    }
    // NOT is a word like any other: it does not exclude.
    let with_not = sb.search(&["tay NOT"]);
    let plain = sb.search(&["tay"]);
    assert!(article_ids(&with_not).is_subset(&article_ids(&plain)));
}

#[test]
fn nothing_to_search_for_is_one_sentence() {
    let sb = Sandbox::demo();
    for query in ["", "   ", "\"", "--"] {
        let out = sb.run(ADMIN, &["search", query]);
        let line = assert_refused(&out, &format!("search {query:?}"));
        assert_no_sql(&line, query);
        assert!(line.len() > 20, "a sentence, not a code: {line}");
    }
}

#[test]
fn a_word_found_nowhere_says_so_and_succeeds() {
    let sb = Sandbox::demo();
    let out = sb.run(ADMIN, &["search", "qqqzzzxx"]);
    assert_ok(&out, "search qqqzzzxx");
    assert_eq!(stdout(&out).trim(), "Nothing found.");
    assert!(sb.search(&["qqqzzzxx"]).is_empty());
}

#[test]
fn plain_output_is_one_line_per_hit_without_escapes_in_a_pipe() {
    let sb = Sandbox::demo();
    let out = sb.run(ADMIN, &["search", "tay", "ho"]);
    assert_ok(&out, "search tay ho");
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "escape codes in a pipe: {text:?}");
    let hits = sb.search(&["tay", "ho"]);
    // Each hit is one line, then its snippet indented under it, the matches in brackets.
    let (snippets, lines): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| l.starts_with(' '));
    assert_eq!(lines.len(), hits.len(), "{text}");
    assert_eq!(snippets.len(), hits.len(), "a snippet under every hit:\n{text}");
    assert!(
        snippets.iter().all(|s| s.contains("[")),
        "matches marked:\n{text}"
    );
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("article") && first.contains("Vì Tây Hồ xanh"),
        "{first}"
    );
    // JSON carries the snippet as plain text, from the accented original.
    for hit in &hits {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(!snippet.contains('['), "{snippet}");
        assert!(
            fold_contains(snippet, "tay") || fold_contains(snippet, "ho"),
            "{snippet}"
        );
    }
}

fn fold_contains(text: &str, word: &str) -> bool {
    newsroom::text::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(word))
}

/// Quoted words must stand together; unquoted they may stand anywhere.
#[test]
fn a_quoted_phrase_finds_fewer_than_its_words() {
    let sb = Sandbox::demo();
    let words = article_ids(&sb.search(&["ho", "tay"]));
    let phrase = article_ids(&sb.search(&["\"ho tay\""]));
    assert!(phrase.is_subset(&words), "{phrase:?} ⊄ {words:?}");
    assert!(phrase.len() < words.len(), "{phrase:?} vs {words:?}");
}

#[test]
fn limit_caps_articles_and_comments_each() {
    let sb = Sandbox::demo();
    let all = sb.search(&["ho"]);
    let cut = sb.search(&["ho", "--limit", "2"]);
    assert_eq!(articles_of(&cut).len(), 2.min(articles_of(&all).len()));
    assert!(comment_ids(&cut).len() <= 2);
    assert_eq!(
        keys(&cut)
            .iter()
            .filter(|(k, _)| k == "article")
            .collect::<Vec<_>>(),
        keys(&all)
            .iter()
            .filter(|(k, _)| k == "article")
            .take(2)
            .collect::<Vec<_>>(),
        "the first page is the top of the full ranking"
    );
}

// ---------------------------------------------------------------------------------------
// filters

#[test]
fn an_unknown_filter_is_named_in_one_sentence() {
    let sb = Sandbox::demo();
    let line = assert_refused(&sb.run(ADMIN, &["search", "x", "colour:red"]), "colour:red");
    assert!(line.contains("colour"), "{line}");
    let line = assert_refused(&sb.run(ADMIN, &["search", "x colour:red"]), "colour:red");
    assert!(line.contains("colour"), "{line}");
}

#[test]
fn a_date_not_written_dd_mm_yyyy_says_how_to_write_it() {
    let sb = Sandbox::demo();
    for query in ["before:2020-10-01", "after:32/01/2020", "before:1/10/20x"] {
        let line = assert_refused(&sb.run(ADMIN, &["search", query]), query);
        assert!(line.contains("dd/mm/yyyy"), "{query}: {line}");
    }
    let line = assert_refused(&sb.run(ADMIN, &["search", "status:live"]), "status:live");
    assert!(line.contains("live"), "{line}");
    let line = assert_refused(&sb.run(ADMIN, &["search", "tag:"]), "tag:");
    assert!(line.contains("tag"), "{line}");
}

#[test]
fn status_filter_gives_only_such_articles_and_no_comments() {
    let sb = Sandbox::demo();
    let published: BTreeSet<i64> = sb
        .articles()
        .iter()
        .filter(|a| a["status"] == "published")
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let hits = sb.search(&["status:published"]);
    assert!(
        comment_ids(&hits).is_empty(),
        "comments in a status search: {hits:#?}"
    );
    assert!(hits.iter().all(|h| h["status"] == "published"), "{hits:#?}");
    assert_eq!(article_ids(&hits), published);
    // With words: both apply.
    let hits = sb.search(&["tay ho status:spiked"]);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["kind"] == "article" && h["status"] == "spiked"),
        "{hits:#?}"
    );
    assert!(!article_ids(&hits).contains(&id_titled(&sb, TAY_HO)));
}

#[test]
fn tag_filter_takes_a_slug_or_a_name() {
    let sb = Sandbox::demo();
    let tagged: BTreeSet<i64> = array(sb.json(ADMIN, &["article", "list", "--tag", "van-hoa", "--json"]))
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert!(tagged.len() >= 2);
    let hits = sb.search(&["tag:van-hoa"]);
    assert!(comment_ids(&hits).is_empty(), "{hits:#?}");
    assert_eq!(article_ids(&hits), tagged);
    let hits = sb.search(&["tag:Văn-hóa"]);
    assert_eq!(article_ids(&hits), tagged, "the name, slugified");
    assert!(sb.search(&["tag:khong-co-the-nay"]).is_empty());
}

#[test]
fn author_filter_gives_only_that_reporters_articles() {
    let sb = Sandbox::demo();
    let theirs: BTreeSet<i64> = sb
        .articles()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .filter(|id| sb.article(*id)["author"] == REPORTER)
        .collect();
    assert!(theirs.len() >= 2, "the demo gives lan.nguyen several articles");
    let hits = sb.search(&["author:lan.nguyen"]);
    assert!(comment_ids(&hits).is_empty(), "{hits:#?}");
    for id in article_ids(&hits) {
        assert_eq!(sb.article(id)["author"], REPORTER, "article {id}");
    }
    assert_eq!(article_ids(&hits), theirs);
    assert_eq!(
        article_ids(&sb.search(&["AUTHOR:Lan.Nguyen"])),
        theirs,
        "case-blind"
    );
    // Words and author together.
    let hits = sb.search(&["dong da author:lan.nguyen"]);
    assert_eq!(
        hits.first().map(|h| &h["id"]),
        Some(&Value::from(id_titled(&sb, DONG_DA)))
    );
    assert!(article_ids(&hits).is_subset(&theirs), "{hits:#?}");
    let hits = sb.search(&["tay ho author:lan.nguyen"]);
    assert!(!article_ids(&hits).contains(&id_titled(&sb, TAY_HO)), "{hits:#?}");
    assert!(article_ids(&hits).is_subset(&theirs), "{hits:#?}");
}

#[test]
fn before_and_after_bracket_a_demo_articles_day() {
    let sb = Sandbox::demo();
    let id = id_titled(&sb, TAY_HO);
    let a = sb.article(id);
    // The date an article is filed under: published, else last updated.
    let at = if a["published_at"].is_null() {
        &a["updated_at"]
    } else {
        &a["published_at"]
    };
    let day = hanoi_day(at);
    let next = day.tomorrow().unwrap();
    let hits_for = |filter: String| article_ids(&sb.search(&["tay ho", filter.as_str()]));

    assert!(
        hits_for(format!("after:{}", ddmmyyyy(day))).contains(&id),
        "after is inclusive"
    );
    assert!(!hits_for(format!("after:{}", ddmmyyyy(next))).contains(&id));
    assert!(hits_for(format!("before:{}", ddmmyyyy(next))).contains(&id));
    assert!(
        !hits_for(format!("before:{}", ddmmyyyy(day))).contains(&id),
        "before is exclusive"
    );
    let both = hits_for(format!("after:{} before:{}", ddmmyyyy(day), ddmmyyyy(next)));
    assert!(both.contains(&id));

    // Every article a date filter lets through is on the right side of it.
    for hit in articles_of(&sb.search(&[&format!("after:{}", ddmmyyyy(day))])) {
        let a = sb.article(hit["id"].as_i64().unwrap());
        let at = if a["published_at"].is_null() {
            &a["updated_at"]
        } else {
            &a["published_at"]
        };
        assert!(hanoi_day(at) >= day, "{a}");
    }
    // Comments are filtered by when they were sent.
    let hits = sb.search(&[&format!("before:{}", ddmmyyyy(day))]);
    for c in sb.comments() {
        let listed = comment_ids(&hits).contains(&c["id"].as_i64().unwrap());
        if listed {
            assert!(hanoi_day(&c["submitted_at"]) < day, "{c}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// never stale

#[test]
fn a_new_article_is_found_at_once() {
    let sb = Sandbox::demo();
    let title = "Phường Phúc Đồng khánh thành nhà văn hoá";
    let out = sb.run(REPORTER, &["article", "new", "--title", title]);
    assert_ok(&out, "article new");
    let id: i64 = stdout(&out).trim().parse().expect("article new prints the id");
    let hits = sb.search(&["phuc dong"]);
    assert_eq!(
        hits.first().map(|h| &h["id"]),
        Some(&Value::from(id)),
        "{hits:#?}"
    );
    assert_eq!(hits[0]["kind"], "article");
    let words = matched(&hits[0]);
    assert!(words.contains(&"Phúc") && words.contains(&"Đồng"), "{words:?}");
    // The other words of the title, folded: "hoá" written with the old accent placement.
    assert!(article_ids(&sb.search(&["nha van hoa"])).contains(&id));
    assert!(article_ids(&sb.search(&["khanh thanh"])).contains(&id));
}

#[test]
fn an_imported_comment_is_found_at_once() {
    let sb = Sandbox::demo();
    let published = sb
        .articles()
        .iter()
        .find(|a| a["status"] == "published")
        .map(|a| a["id"].as_i64().unwrap())
        .expect("a published demo article");
    let file = sb.path("comments.jsonl");
    write_file(
        &file,
        &format!(
            "{{\"article\": {published}, \"name\": \"Trần Văn Tư\", \"title\": \"Một ý kiến\", \
             \"content\": \"Đây là ý kiến xyzzy độc nhất của tôi.\"}}\n"
        ),
    );
    let out = sb
        .cmd(EDITOR, &["comments", "import"])
        .arg(&file)
        .output()
        .expect("the binary runs");
    assert_ok(&out, "comments import");
    let id = sb
        .comments()
        .iter()
        .find(|c| c["title"] == "Một ý kiến")
        .map(|c| c["id"].as_i64().unwrap())
        .expect("the imported comment");
    let hits = sb.search(&["doc nhat"]);
    assert!(comment_ids(&hits).contains(&id), "{hits:#?}");
    let hit = hits
        .iter()
        .find(|h| h["kind"] == "comment" && h["id"] == id)
        .unwrap();
    let words = matched(hit);
    assert!(words.contains(&"độc") && words.contains(&"nhất"), "{words:?}");
    assert_eq!(comment_ids(&sb.search(&["xyzzy"])), BTreeSet::from([id]));
    // By its author's name too, without accents.
    assert!(comment_ids(&sb.search(&["tran van tu"])).contains(&id));
}

#[test]
fn an_erased_author_is_no_longer_found_by_name() {
    let sb = Sandbox::demo();
    let name = "Trần Văn Bình";
    let theirs: BTreeSet<i64> = sb
        .comments()
        .iter()
        .filter(|c| c["name"] == name)
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(theirs.len() >= 2, "the demo has several comments by {name}");
    let found = comment_ids(&sb.search(&["tran van binh", "--limit", "1000"]));
    assert!(theirs.is_subset(&found), "{theirs:?} not all in {found:?}");

    assert_ok(
        &sb.run(EDITOR, &["comments", "erase", "--author", name]),
        "comments erase",
    );
    let found = comment_ids(&sb.search(&["tran van binh", "--limit", "1000"]));
    assert!(
        found.is_disjoint(&theirs),
        "still found by the erased name: {found:?}"
    );
    let found = comment_ids(&sb.search(&["da xoa", "--limit", "1000"]));
    assert!(theirs.is_subset(&found), "found by the placeholder name");
}
