//! Tags on the command line: tagging articles (new tags made on the way), the list with
//! counts, an editor's rename and merge with search following, and the refusals, each one
//! sentence with the store left as it was.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};

mod support;

use support::cli::*;

fn tags_of(sb: &Sandbox, id: i64) -> Vec<Value> {
    sb.article(id)["tags"].as_array().cloned().unwrap_or_default()
}

fn names_of(sb: &Sandbox, id: i64) -> Vec<String> {
    tags_of(sb, id)
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_owned())
        .collect()
}

fn new_article(sb: &Sandbox, user: &str, title: &str) -> i64 {
    let out = sb.run(user, &["article", "new", "--title", title]);
    assert_ok(&out, "article new");
    stdout(&out).trim().parse().unwrap()
}

fn tag_list(sb: &Sandbox) -> Vec<Value> {
    array(sb.json(ADMIN, &["tag", "list", "--json"]))
}

fn search_ids(sb: &Sandbox, words: &str) -> Vec<i64> {
    sb.search(&[words])
        .iter()
        .filter_map(|hit| hit["id"].as_i64().filter(|_| hit.get("article_id").is_none()))
        .collect()
}

#[test]
fn article_show_lists_tags_as_objects_and_article_tag_adds_and_removes() {
    let sb = Sandbox::demo();
    let id = new_article(&sb, REPORTER, "Phường Phúc Đồng làm đường mới");
    assert!(tags_of(&sb, id).is_empty());

    let out = sb.run(
        REPORTER,
        &["article", "tag", &id.to_string(), "dan van", "#Chờ ảnh", "Đô thị"],
    );
    assert_ok(&out, "article tag");
    // `dan van` is the demo's `Dân vận`: the existing spelling is kept, no new tag is made.
    let tags = tags_of(&sb, id);
    assert_eq!(
        tags,
        vec![
            json!({"name": "#Chờ ảnh", "slug": "_cho-anh", "internal": true}),
            json!({"name": "Dân vận", "slug": "dan-van", "internal": false}),
            json!({"name": "Đô thị", "slug": "do-thi", "internal": false}),
        ]
    );
    assert!(stdout(&out).contains("New tags: #Chờ ảnh"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("New tags: #Chờ ảnh, Dân vận"));

    let out = sb.run(
        REPORTER,
        &["article", "tag", &id.to_string(), "#cho anh", "--remove"],
    );
    assert_ok(&out, "article tag --remove");
    assert_eq!(names_of(&sb, id), ["Dân vận", "Đô thị"]);

    let audit = array(sb.json(ADMIN, &["audit", "--json", "--limit", "2"]));
    assert!(audit.iter().all(|a| a["action"] == "article.tag"), "{audit:?}");
}

#[test]
fn tag_list_counts_articles_in_slug_order() {
    let sb = Sandbox::demo();
    let list = tag_list(&sb);
    let slugs: Vec<&str> = list.iter().map(|t| t["slug"].as_str().unwrap()).collect();
    let mut sorted = slugs.clone();
    sorted.sort();
    assert_eq!(slugs, sorted);
    let van_hoa = list.iter().find(|t| t["slug"] == "van-hoa").unwrap();
    let carrying = sb
        .articles()
        .iter()
        .filter(|a| {
            a["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["slug"] == "van-hoa")
        })
        .count();
    assert_eq!(van_hoa["articles"], carrying as u64);
    assert_eq!(van_hoa["name"], "Văn hóa");
    assert_eq!(van_hoa["internal"], false);

    let plain = stdout(&sb.run(ADMIN, &["tag", "list"]));
    assert!(
        plain
            .lines()
            .any(|l| l.contains("van-hoa") && l.contains("Văn hóa")),
        "{plain}"
    );
}

#[test]
fn rename_moves_the_slug_and_search_follows() {
    let sb = Sandbox::demo();
    let tagged: Vec<i64> = sb
        .articles()
        .iter()
        .filter(|a| a["tags"].as_array().unwrap().iter().any(|t| t["slug"] == "y-te"))
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert!(!tagged.is_empty());

    let out = sb.run(EDITOR, &["tag", "rename", "y te", "Sức khỏe cộng đồng"]);
    assert_ok(&out, "tag rename");
    assert_eq!(stdout(&out).trim(), "Sức khỏe cộng đồng (suc-khoe-cong-dong)");
    for id in &tagged {
        assert!(names_of(&sb, *id).contains(&"Sức khỏe cộng đồng".to_owned()));
    }
    let found = search_ids(&sb, "suc khoe cong dong");
    for id in &tagged {
        assert!(
            found.contains(id),
            "search for the new name misses {id}: {found:?}"
        );
    }
    let listed = array(sb.json(
        ADMIN,
        &["article", "list", "--tag", "suc-khoe-cong-dong", "--json"],
    ));
    assert_eq!(listed.len(), tagged.len());
    let audit = &array(sb.json(ADMIN, &["audit", "--json", "--limit", "1"]))[0];
    assert_eq!(audit["action"], "tag.rename");
    assert_eq!(audit["before"]["name"], "Y tế");
}

#[test]
fn merge_keeps_one_copy_deletes_from_and_search_follows() {
    let sb = Sandbox::demo();
    let id = new_article(&sb, REPORTER, "Sân chơi mới cho thiếu nhi");
    let out = sb.run(
        REPORTER,
        &["article", "tag", &id.to_string(), "Thể thao", "Giáo dục"],
    );
    assert_ok(&out, "article tag");
    let count = |list: &[Value], slug: &str| {
        list.iter()
            .find(|t| t["slug"] == slug)
            .map(|t| t["articles"].as_u64().unwrap())
    };
    let either = sb
        .articles()
        .iter()
        .filter(|a| {
            a["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["slug"] == "the-thao" || t["slug"] == "giao-duc")
        })
        .count() as u64;

    let out = sb.run(EDITOR, &["tag", "merge", "the thao", "Giáo dục"]);
    assert_ok(&out, "tag merge");
    let after = tag_list(&sb);
    assert_eq!(count(&after, "the-thao"), None, "FROM is deleted");
    // An article that carried both counts once.
    assert_eq!(count(&after, "giao-duc"), Some(either));
    assert_eq!(names_of(&sb, id), ["Giáo dục"]);
    assert!(
        !search_ids(&sb, "Thể thao").contains(&id),
        "the old name still finds it"
    );
    let audit = &array(sb.json(ADMIN, &["audit", "--json", "--limit", "1"]))[0];
    assert_eq!(audit["action"], "tag.merge");
    assert_eq!(audit["before"]["from"], "Thể thao");
}

#[test]
fn refusals_are_one_sentence_and_change_nothing() {
    let sb = Sandbox::demo();
    let id = new_article(&sb, REPORTER, "Bài của phóng viên").to_string();
    let other = new_article(&sb, EDITOR, "Bài của biên tập viên").to_string();
    let before = sb.bytes();
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            REPORTER,
            vec!["tag", "rename", "Y tế", "Sức khỏe"],
            "reporter may not rename or merge",
        ),
        (
            REPORTER,
            vec!["tag", "merge", "Y tế", "Văn hóa"],
            "reporter may not rename or merge",
        ),
        (EDITOR, vec!["tag", "merge", "Y tế", "y te"], "merged into itself"),
        (EDITOR, vec!["tag", "merge", "Không có", "Y tế"], "no tag"),
        (EDITOR, vec!["tag", "rename", "Không có", "Mới"], "no tag"),
        (EDITOR, vec!["tag", "rename", "Y tế", "Văn hoá"], "already a tag"),
        (REPORTER, vec!["article", "tag", &id, "a,b"], "comma"),
        (REPORTER, vec!["article", "tag", &id, "!!!"], "no letter"),
        (
            REPORTER,
            vec!["article", "tag", &id, "Không có", "--remove"],
            "no tag",
        ),
        (REPORTER, vec!["article", "tag", &other, "Y tế"], "may not"),
        (REPORTER, vec!["article", "tag", "99999", "Y tế"], "no article"),
    ];
    for (user, args, says) in cases {
        let line = assert_refused(&sb.run(user, &args), &args.join(" "));
        assert!(
            line.to_lowercase().contains(says),
            "`{}` said {line:?}, not {says:?}",
            args.join(" ")
        );
    }
    assert_eq!(sb.bytes(), before, "a refusal changed the store");
}
