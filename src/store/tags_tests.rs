use jiff::tz::TimeZone;

use super::*;
use crate::domain::{ArticleDraft, Login, Role, SearchQuery};
use crate::store::Toward;

fn t() -> Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

fn hanoi() -> TimeZone {
    crate::clock::zone("Asia/Ho_Chi_Minh").unwrap()
}

fn found(store: &Store, query: &str) -> Vec<ArticleId> {
    let q = SearchQuery::parse(query).unwrap();
    let mut ids: Vec<_> = store
        .search_article_rows(&q, &hanoi(), None, Toward::Down, 50)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort();
    ids
}

/// Three articles: 1 tagged `Dân vận`, 2 tagged `Dân vận` and `Đô thị`, 3 `Đô thị`.
fn tagged() -> (Store, User, Vec<ArticleId>) {
    let mut store = Store::open_in_memory().unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
    let mut ids = Vec::new();
    for (title, tags) in [
        ("Hội nghị phường", vec!["Dân vận"]),
        ("Khu phố văn minh", vec!["dan van", "Đô thị"]),
        ("Vỉa hè thông thoáng", vec!["Đô thị"]),
    ] {
        let draft = ArticleDraft {
            title: title.into(),
            ..Default::default()
        };
        let id = store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", t())
            .unwrap();
        let tags: Vec<String> = tags.into_iter().map(String::from).collect();
        store
            .change_article_tags(&admin, id, &tags, TagChange::Add, t())
            .unwrap();
        ids.push(id);
    }
    (store, admin, ids)
}

fn editor(store: &mut Store, admin: &User) -> User {
    let new = crate::domain::NewUser {
        login: Login::parse("huong").unwrap(),
        display_name: "Hương".into(),
        role: Role::Editor,
    };
    store.add_user(admin, &new, t()).unwrap()
}

#[test]
fn spellings_that_fold_alike_are_one_tag() {
    let (store, _, ids) = tagged();
    let rows = store.tag_rows_from("", None, 10).unwrap();
    let listed: Vec<(&str, u64)> = rows.iter().map(|r| (r.tag.name.as_str(), r.articles)).collect();
    assert_eq!(listed, [("Dân vận", 2), ("Đô thị", 2)]);
    assert_eq!(found(&store, "dan van"), [ids[0], ids[1]]);
}

#[test]
fn rename_moves_the_search_index_with_it() {
    let (mut store, admin, ids) = tagged();
    let tag = store.rename_tag(&admin, "do thi", "Quy hoạch", t()).unwrap();
    assert_eq!(tag.slug, "quy-hoach");
    assert_eq!(found(&store, "quy hoach"), [ids[1], ids[2]]);
    assert!(
        found(&store, "do thi").is_empty(),
        "the old name still finds articles"
    );
    assert_eq!(store.find_tag("do-thi").unwrap(), None);
}

#[test]
fn merge_keeps_one_copy_and_the_index_follows() {
    let (mut store, admin, ids) = tagged();
    let (into, moved) = store.merge_tags(&admin, "Đô thị", "Dân vận", t()).unwrap();
    assert_eq!((into.name.as_str(), moved), ("Dân vận", 2));
    let rows = store.tag_rows_from("", None, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].articles, 3, "article 2 carried both and counts once");
    assert_eq!(store.article_tags(ids[1]).unwrap().len(), 1);
    assert_eq!(found(&store, "dan van"), ids);
    assert!(found(&store, "do thi").is_empty());
}

#[test]
fn only_editors_rename_or_merge_and_refusals_name_the_problem() {
    let (mut store, admin, _) = tagged();
    let reporter = User {
        role: Role::Reporter,
        ..admin.clone()
    };
    assert!(matches!(
        store.rename_tag(&reporter, "Dân vận", "Dân chủ", t()),
        Err(StoreError::Domain(_))
    ));
    let editor = editor(&mut store, &admin);
    assert!(matches!(
        store.merge_tags(&editor, "dan van", "Dân vận", t()),
        Err(StoreError::MergeIntoItself { .. })
    ));
    assert!(matches!(
        store.rename_tag(&editor, "Dân vận", "đô  THỊ", t()),
        Err(StoreError::TagTaken { .. })
    ));
    assert!(matches!(
        store.merge_tags(&editor, "Không có", "Dân vận", t()),
        Err(StoreError::UnknownTag { .. })
    ));
    // Changing only the spelling keeps the tag.
    let tag = store.rename_tag(&editor, "dân vận", "Dân Vận", t()).unwrap();
    assert_eq!(tag.slug, "dan-van");
}

#[test]
fn completion_matches_without_diacritics_prefix_first() {
    let (mut store, admin, ids) = tagged();
    let more: Vec<String> = ["Vận tải", "#Dân vận nội bộ"].map(String::from).to_vec();
    store
        .change_article_tags(&admin, ids[2], &more, TagChange::Add, t())
        .unwrap();
    let names = |typed: &str| -> Vec<String> {
        store
            .complete_tags(typed, 5)
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect()
    };
    assert_eq!(names("dan van"), ["Dân vận"]);
    assert_eq!(names("van"), ["Vận tải", "Dân vận"], "prefix before contains");
    assert_eq!(
        names("#dan"),
        ["#Dân vận nội bộ"],
        "internal tags when asked with #"
    );
    assert!(names("  ").is_empty());
    assert!(names("xyz").is_empty());
}

#[test]
fn replace_sets_exactly_the_given_tags() {
    let (mut store, admin, ids) = tagged();
    let want: Vec<String> = ["Đô thị", "Môi trường"].map(String::from).to_vec();
    let done = store
        .change_article_tags(&admin, ids[0], &want, TagChange::Replace, t())
        .unwrap();
    let names: Vec<&str> = done.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Đô thị", "Môi trường"]);
    assert_eq!(done.created.len(), 1);
    assert_eq!(found(&store, "moi truong"), [ids[0]]);
    assert!(!found(&store, "dan van").contains(&ids[0]));
}

#[test]
fn pages_of_tags_continue_from_their_key() {
    let (store, _, _) = tagged();
    let first = store.tag_rows_from("", None, 1).unwrap();
    let second = store.tag_rows_from("", None, 2).unwrap()[1].id;
    let above = store.tag_rows_above("", Some(second), 5).unwrap();
    assert_eq!(above, first);
    let filtered = store.tag_rows_from("thi", None, 5).unwrap();
    assert_eq!(filtered.len(), 1);
    assert_eq!(store.tag_count("đô").unwrap(), 1);
}
