//! `site build`: the published site as a reader gets it. Pages are read with an HTML
//! parser and the feeds with an XML and a JSON parser, never by string search alone.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

mod support;

use support::cli::*;

const BASE: &str = "https://tin.example.vn";
const HOSTILE: &str = "<script>alert('x')</script>";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn one<'a>(doc: &'a Html, s: &str) -> ElementRef<'a> {
    let found: Vec<_> = doc.select(&sel(s)).collect();
    assert_eq!(found.len(), 1, "expected one {s}, found {}", found.len());
    found[0]
}

fn all(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s)).map(text).collect()
}

fn png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([x as u8, y as u8, seed]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A store with the demo's articles and one article written here with everything a page
/// shows: photos, public and internal tags, a correction, an old slug, comments of every
/// status. Reader and reporter text carry a script.
struct Site {
    sb: Sandbox,
    id: i64,
    /// Approved comments, oldest first: (id, name, title).
    approved: Vec<(i64, String, String)>,
    photo: Vec<u8>,
}

impl Site {
    fn new() -> Site {
        let sb = Sandbox::demo();
        write_file(
            &sb.path("no-config.toml"),
            &format!("[site]\nname = \"Tin Hà Nội\"\nbase_url = \"{BASE}/\"\n"),
        );
        let out = sb.run(
            EDITOR,
            &[
                "article",
                "new",
                "--title",
                &format!("Hồ Tây mùa sen {HOSTILE}"),
                "--lead",
                "Sáng 3/6, hàng nghìn người dân đến ngắm sen.",
                "--dateline",
                "HNP",
                "--byline",
                "Nhóm PV",
            ],
        );
        assert_ok(&out, "article new");
        let id: i64 = stdout(&out).trim().parse().unwrap();
        let ids = id.to_string();
        let body = sb.path("body.md");
        write_file(
            &body,
            &format!(
                "Đoạn **một** về sen.\n\nĐoạn hai {HOSTILE} vẫn là chữ.\n\n<iframe src=\"https://evil.example/\"></iframe>\n\nĐoạn bốn."
            ),
        );
        assert_ok(
            &sb.run(
                EDITOR,
                &["article", "edit", &ids, "--body-file", body.to_str().unwrap()],
            ),
            "body",
        );
        let photo = png(7);
        let file = sb.path("sen.png");
        std::fs::write(&file, &photo).unwrap();
        let file = file.to_str().unwrap();
        let caption = format!("Sen nở trên hồ {HOSTILE}");
        assert_ok(
            &sb.run(
                EDITOR,
                &[
                    "article",
                    "photo",
                    "add",
                    &ids,
                    file,
                    "--caption",
                    &caption,
                    "--credit",
                    "Minh Anh",
                    "--alt",
                    "Đầm sen hồng",
                    "--after-paragraph",
                    "1",
                ],
            ),
            "photo 1",
        );
        let file2 = sb.path("hoa.png");
        std::fs::write(&file2, png(9)).unwrap();
        assert_ok(
            &sb.run(
                EDITOR,
                &[
                    "article",
                    "photo",
                    "add",
                    &ids,
                    file2.to_str().unwrap(),
                    "--caption",
                    "Hoa văn",
                    "--credit",
                    "Ảnh: Tư liệu",
                    "--decorative",
                ],
            ),
            "photo 2",
        );
        assert_ok(
            &sb.run(EDITOR, &["article", "tag", &ids, "Môi trường", "#chờ ảnh đẹp"]),
            "tags",
        );
        assert_ok(&sb.run(EDITOR, &["article", "publish", &ids]), "publish");
        assert_ok(
            &sb.run(
                EDITOR,
                &[
                    "article",
                    "edit",
                    &ids,
                    "--byline",
                    "Nhóm phóng viên",
                    "--note",
                    "sửa tên nhóm",
                ],
            ),
            "correction",
        );
        let old_slug = sb.article(id)["slug"].as_str().unwrap().to_owned();
        assert_ok(
            &sb.run(EDITOR, &["article", "slug", &ids, "ho-tay-mua-sen"]),
            "slug",
        );
        assert_ne!(old_slug, "ho-tay-mua-sen");
        write_file(&sb.path("old-slug.txt"), &old_slug);

        let mut lines = String::new();
        for (i, (name, title, status)) in [
            ("Trần Văn Bình", "Đẹp quá", "approved"),
            ("Kẻ xấu", "Quảng cáo", "spam"),
            ("Lê Thị Cúc", "Chưa duyệt", "pending"),
            ("Ngô Đức", "Bị từ chối", "rejected"),
            (
                &*format!("Hải {HOSTILE}"),
                &*format!("Tiêu đề {HOSTILE}"),
                "approved",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let line = serde_json::json!({
                "article": id, "name": name, "phone": "0912 345 678", "title": title,
                "content": format!("Nội dung {status} số {i}.\nDòng hai {HOSTILE}"),
                "ip": "203.0.113.9", "submitted_at": format!("2026-06-0{}T01:00:00Z", i + 1),
            });
            lines.push_str(&format!("{line}\n"));
        }
        write_file(&sb.path("comments.jsonl"), &lines);
        assert_ok(
            &sb.run(
                EDITOR,
                &["comments", "import", sb.path("comments.jsonl").to_str().unwrap()],
            ),
            "import",
        );
        let mut approved = Vec::new();
        for c in sb.comments() {
            if c["article_id"].as_i64() != Some(id) {
                continue;
            }
            let cid = c["id"].as_i64().unwrap();
            let content = c["content"].as_str().unwrap();
            let verb = ["approved", "spam", "rejected"]
                .into_iter()
                .find(|s| content.contains(&format!("Nội dung {s} ")));
            let Some(verb) = verb else { continue };
            let command = match verb {
                "approved" => "approve",
                "spam" => "spam",
                _ => "reject",
            };
            assert_ok(
                &sb.run(EDITOR, &["comments", command, "--change", &cid.to_string()]),
                command,
            );
            if verb == "approved" {
                approved.push((
                    cid,
                    c["name"].as_str().unwrap().to_owned(),
                    c["title"].as_str().unwrap().to_owned(),
                ));
            }
        }
        assert_eq!(approved.len(), 2);
        Site {
            sb,
            id,
            approved,
            photo,
        }
    }

    fn out(&self) -> PathBuf {
        self.sb.path("site")
    }

    fn build(&self) -> Value {
        let out = self.sb.run(
            ADMIN,
            &["site", "build", "--out", self.out().to_str().unwrap(), "--json"],
        );
        assert_ok(&out, "site build");
        serde_json::from_str(&stdout(&out)).unwrap()
    }

    fn page(&self, path: &str) -> Html {
        let text = std::fs::read_to_string(self.out().join(path)).unwrap();
        Html::parse_document(&text)
    }
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).unwrap().to_str().unwrap().to_owned();
                out.insert(rel, meta.modified().unwrap());
            }
        }
    }
    out
}

/// "HH:MM dd/mm/yyyy" of an RFC 3339 time, in Hanoi (UTC+7, no summer time).
fn hanoi(rfc3339: &str) -> String {
    let t: jiff::Timestamp = rfc3339.parse().unwrap();
    t.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap())
        .strftime("%H:%M %d/%m/%Y")
        .to_string()
}

#[test]
fn an_article_page_has_the_seed_articles_shape() {
    let site = Site::new();
    let report = site.build();
    assert!(report["articles"].as_u64().unwrap() >= 6, "{report}");
    let article = site.sb.article(site.id);
    let doc = site.page("ho-tay-mua-sen.html");

    let headline = text(one(&doc, "h1.headline"));
    let stamp = hanoi(article["published_at"].as_str().unwrap());
    assert_eq!(headline, format!("Hồ Tây mùa sen {HOSTILE} ({stamp})"));
    assert_eq!(
        text(one(&doc, "title")),
        format!("Hồ Tây mùa sen {HOSTILE} - Tin Hà Nội")
    );
    let lead = one(&doc, "p.lead");
    assert_eq!(text(one(&doc, "p.lead .dateline")), "HNP -");
    assert_eq!(text(lead), "HNP - Sáng 3/6, hàng nghìn người dân đến ngắm sen.");
    assert_eq!(text(one(&doc, "p.byline")), "Nhóm phóng viên");

    let correction = text(one(&doc, "p.correction"));
    let corrected = hanoi(
        article["corrected_at"]
            .as_str()
            .unwrap_or_else(|| panic!("{article}")),
    );
    assert_eq!(correction, format!("cập nhật {corrected}: sửa tên nhóm"));

    // The body: paragraph one, the photo placed after it, the rest, the unplaced photo last.
    let body = one(&doc, "div.body");
    let order: Vec<String> = body
        .child_elements()
        .map(|e| match e.value().name() {
            "figure" => format!("photo:{}", text(e.select(&sel(".caption")).next().unwrap())),
            _ => text(e),
        })
        .collect();
    assert_eq!(
        order,
        [
            "Đoạn một về sen.".to_owned(),
            format!("photo:Sen nở trên hồ {HOSTILE}"),
            format!("Đoạn hai {HOSTILE} vẫn là chữ."),
            "<iframe src=\"https://evil.example/\"></iframe>".to_owned(),
            "Đoạn bốn.".to_owned(),
            "photo:Hoa văn".to_owned(),
        ]
    );
    let imgs: Vec<_> = body.select(&sel("figure img")).collect();
    assert_eq!(imgs.len(), 2);
    assert_eq!(imgs[0].attr("alt"), Some("Đầm sen hồng"));
    assert_eq!(
        imgs[1].attr("alt"),
        Some(""),
        "a decorative photo has empty alt text"
    );
    assert_eq!(all(&doc, "figure .credit"), ["Ảnh: Minh Anh", "Ảnh: Tư liệu"]);
    let src = imgs[0].attr("src").unwrap();
    let sha = article["photos"][0]["sha256"].as_str().unwrap();
    assert_eq!(src, format!("media/{sha}.png"));
    assert_eq!(
        std::fs::read(site.out().join(src)).unwrap(),
        site.photo,
        "the photo is copied as it is"
    );

    // Tags: the public one links to its page; the internal one is nowhere.
    let tags: Vec<_> = doc.select(&sel("ul.tags a")).collect();
    assert_eq!(tags.len(), 1);
    assert_eq!(text(tags[0]), "Môi trường");
    assert_eq!(tags[0].attr("href"), Some("tag/moi-truong.html"));
    let html = doc.html();
    assert!(!html.contains("chờ ảnh"), "an internal tag is on the page");

    // Comments: the approved ones, oldest first, without phone or address.
    let comments: Vec<_> = doc.select(&sel("#comments .comment")).collect();
    assert_eq!(comments.len(), 2);
    for (c, (id, name, title)) in comments.iter().zip(&site.approved) {
        assert_eq!(c.attr("id"), Some(format!("comment-{id}").as_str()));
        assert_eq!(text(c.select(&sel(".comment-name")).next().unwrap()), *name);
        assert_eq!(text(c.select(&sel(".comment-title")).next().unwrap()), *title);
        let time = text(c.select(&sel(".comment-time")).next().unwrap());
        assert!(time.len() == 16 && time.contains('/'), "{time}");
    }
    assert_eq!(
        text(comments[0].select(&sel(".comment-content")).next().unwrap()),
        format!("Nội dung approved số 0. Dòng hai {HOSTILE}")
    );
    assert_eq!(
        text(comments[0].select(&sel(".comment-time")).next().unwrap()),
        "08:00 01/06/2026"
    );
    for absent in [
        "Chưa duyệt",
        "Quảng cáo",
        "Bị từ chối",
        "345 678",
        "0912345678",
        "203.0.113.9",
    ] {
        assert!(!html.contains(absent), "{absent:?} is on the page");
    }

    // No script but the site's own, no element from reader or reporter text.
    let scripts: Vec<_> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].attr("src"), Some("site.js"));
    assert!(doc.select(&sel("iframe")).next().is_none());
    // Nothing is fetched from another origin.
    for e in doc.select(&sel("[src], link[rel=stylesheet], link[rel=icon]")) {
        let url = e.attr("src").or(e.attr("href")).unwrap();
        assert!(!url.contains("//"), "{url} is fetched from elsewhere");
    }
    assert_eq!(
        one(&doc, "link[rel=canonical]").attr("href"),
        Some(format!("{BASE}/ho-tay-mua-sen.html").as_str())
    );

    // The form posts to the intake with the seed's fields, and asks it for the picture.
    let form = one(&doc, "form");
    assert_eq!(form.attr("method"), Some("post"));
    assert_eq!(form.attr("action"), Some("/comments"));
    assert_eq!(form.attr("data-captcha"), Some("/captcha"));
    let field = |name: &str| one(&doc, &format!("form [name={name}]"));
    assert_eq!(field("article").attr("value"), Some(site.id.to_string().as_str()));
    assert_eq!(field("article").attr("type"), Some("hidden"));
    for (name, label, required) in [
        ("name", "Họ tên:(*)", true),
        ("phone", "Số điện thoại:", false),
        ("title", "Tiêu đề:(*)", true),
        ("content", "Nội dung:(*)", true),
        ("captcha", "Mã xác nhận:", false),
    ] {
        let input = field(name);
        assert_eq!(input.attr("required").is_some(), required, "{name}");
        let id = input.attr("id").unwrap();
        assert_eq!(text(one(&doc, &format!("label[for={id}]"))), label);
    }
    assert_eq!(field("captcha_token").attr("type"), Some("hidden"));
    assert_eq!(one(&doc, "#captcha-image").attr("alt"), Some("Mã xác nhận"));
    assert_eq!(text(one(&doc, "#captcha-new")), "Lấy lại mã bảo mật");
    let js = std::fs::read_to_string(site.out().join("site.js")).unwrap();
    assert!(js.contains("data-captcha") && js.contains("captcha-new"), "{js}");

    // Newer and older articles: this one is the newest.
    let h2 = all(&doc, "section.related h2");
    assert_eq!(h2, ["Các tin mới hơn", "Các tin đã đăng"]);
    assert!(doc.select(&sel("section.newer li")).next().is_none());
    let older: Vec<_> = doc.select(&sel("section.older li a")).collect();
    assert_eq!(older.len(), 5);
    for a in older {
        assert!(site.out().join(a.attr("href").unwrap()).is_file());
    }
}

#[test]
fn lists_tags_feeds_and_redirects() {
    let site = Site::new();
    site.build();
    let index = site.page("index.html");
    let first = index.select(&sel("li.entry h2 a")).next().unwrap();
    assert_eq!(first.attr("href"), Some("ho-tay-mua-sen.html"));
    assert_eq!(text(first), format!("Hồ Tây mùa sen {HOSTILE}"));
    let published = site
        .sb
        .articles()
        .iter()
        .filter(|a| a["status"] == "published")
        .count();
    assert_eq!(index.select(&sel("li.entry")).count(), published);

    let tag = site.page("tag/moi-truong.html");
    assert_eq!(text(one(&tag, "h1")), "Môi trường");
    let links: Vec<_> = tag
        .select(&sel("li.entry h2 a"))
        .filter_map(|a| a.attr("href"))
        .collect();
    assert!(links.contains(&"../ho-tay-mua-sen.html"), "{links:?}");
    for link in links {
        assert!(site.out().join("tag").join(link).is_file(), "{link}");
    }
    let tag_pages: Vec<String> = std::fs::read_dir(site.out().join("tag"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(tag_pages.iter().all(|n| !n.starts_with('_')), "{tag_pages:?}");

    // The Atom feed: its required elements, absolute links.
    let atom = std::fs::read_to_string(site.out().join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let feed = doc.root_element();
    let ns = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ns));
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
        let ns = "http://www.w3.org/2005/Atom";
        n.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ns))
    }
    for required in ["id", "title", "updated", "author"] {
        assert!(child(feed, required).is_some(), "the feed has no {required}");
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), published);
    let entry = entries[0];
    for required in ["id", "title", "updated", "link", "summary", "content"] {
        assert!(child(entry, required).is_some(), "an entry has no {required}");
    }
    assert_eq!(
        child(entry, "title").unwrap().text(),
        Some(format!("Hồ Tây mùa sen {HOSTILE}").as_str())
    );
    assert_eq!(
        child(entry, "link").unwrap().attribute("href"),
        Some(format!("{BASE}/ho-tay-mua-sen.html").as_str())
    );
    let content = child(entry, "content").unwrap().text().unwrap();
    assert!(
        content.contains("&lt;script&gt;") && !content.contains("<script"),
        "{content}"
    );
    assert!(content.contains(&format!("src=\"{BASE}/media/")), "{content}");
    let updated: jiff::Timestamp = child(entry, "updated").unwrap().text().unwrap().parse().unwrap();
    assert!(updated > jiff::Timestamp::UNIX_EPOCH);

    // JSON Feed 1.1.
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(site.out().join("feed.json")).unwrap()).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["title"], "Tin Hà Nội");
    assert_eq!(json["home_page_url"], format!("{BASE}/index.html"));
    assert_eq!(json["feed_url"], format!("{BASE}/feed.json"));
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), published);
    for item in items {
        assert!(
            item["id"].is_string() && item["content_html"].is_string(),
            "{item}"
        );
        assert!(
            item["url"].as_str().unwrap().starts_with(&format!("{BASE}/")),
            "{item}"
        );
    }
    assert_eq!(items[0]["authors"][0]["name"], "Nhóm phóng viên");

    // The old slug leads to the new one.
    let old = std::fs::read_to_string(site.sb.path("old-slug.txt")).unwrap();
    let redirect = site.page(&format!("{old}.html"));
    let refresh = one(&redirect, "meta[http-equiv=refresh]")
        .attr("content")
        .unwrap();
    assert_eq!(refresh, "0; url=ho-tay-mua-sen.html");
    assert_eq!(
        one(&redirect, "link[rel=canonical]").attr("href"),
        Some(format!("{BASE}/ho-tay-mua-sen.html").as_str())
    );
    assert_eq!(one(&redirect, "a").attr("href"), Some("ho-tay-mua-sen.html"));
}

#[test]
fn a_rebuild_rewrites_only_what_changed() {
    let site = Site::new();
    let first = site.build();
    assert!(first["written"].as_array().unwrap().len() > 10);
    let before = mtimes(&site.out());
    let again = site.build();
    assert_eq!(
        again["written"],
        serde_json::json!([]),
        "nothing changed: nothing is written"
    );
    let unchanged = |mut m: BTreeMap<String, SystemTime>| {
        m.remove(".newsroom-site");
        m
    };
    assert_eq!(unchanged(mtimes(&site.out())), unchanged(before.clone()));

    // Approving a comment changes its article's page, and nothing else.
    let pending = site
        .sb
        .comments()
        .into_iter()
        .find(|c| c["article_id"].as_i64() == Some(site.id) && c["status"] == "pending")
        .unwrap();
    let cid = pending["id"].as_i64().unwrap().to_string();
    assert_ok(&site.sb.run(EDITOR, &["comments", "approve", &cid]), "approve");
    let report = site.build();
    assert_eq!(report["written"], serde_json::json!(["ho-tay-mua-sen.html"]));
    let after = mtimes(&site.out());
    for (path, time) in &before {
        if path != "ho-tay-mua-sen.html" && path != ".newsroom-site" {
            assert_eq!(after.get(path), Some(time), "{path} was touched");
        }
    }
    let doc = site.page("ho-tay-mua-sen.html");
    assert_eq!(doc.select(&sel("#comments .comment")).count(), 3);

    // Unpublishing takes its page (and its redirect) away.
    assert_ok(
        &site
            .sb
            .run(EDITOR, &["article", "unpublish", &site.id.to_string()]),
        "unpublish",
    );
    let report = site.build();
    assert!(report["removed"].as_u64().unwrap() >= 2, "{report}");
    assert!(!site.out().join("ho-tay-mua-sen.html").exists());
}

#[test]
fn a_retitled_article_rewrites_its_neighbours_and_lists_not_far_articles() {
    let sb = Sandbox::empty();
    assert_ok(
        &sb.run(ADMIN, &["demo", "--articles", "64", "--comments", "0"]),
        "demo",
    );
    let out = sb.path("site");
    let build = || {
        let o = sb.run(
            ADMIN,
            &["site", "build", "--out", out.to_str().unwrap(), "--json"],
        );
        assert_ok(&o, "build");
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()
    };
    build();
    let before = mtimes(&out);
    let newest = sb.json(ADMIN, &["article", "list", "--status", "published", "--json"]);
    let mut published = array(newest);
    published.sort_by_key(|a| {
        std::cmp::Reverse((a["published_at"].as_str().unwrap().to_owned(), a["id"].as_i64()))
    });
    assert!(published.len() >= 15, "{}", published.len());
    let id = published[0]["id"].as_i64().unwrap().to_string();
    assert_ok(
        &sb.run(
            ADMIN,
            &[
                "article",
                "edit",
                &id,
                "--title",
                "Tiêu đề mới hẳn",
                "--note",
                "sửa tiêu đề",
            ],
        ),
        "retitle",
    );
    let report = build();
    let written: Vec<&str> = report["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let page = |a: &Value| format!("{}.html", a["slug"].as_str().unwrap());
    for a in &published[..6] {
        assert!(
            written.contains(&page(a).as_str()),
            "{} not rewritten: {written:?}",
            page(a)
        );
    }
    for p in ["index.html", "atom.xml", "feed.json"] {
        assert!(written.contains(&p), "{p} not rewritten: {written:?}");
    }
    let far = page(&published[10]);
    assert!(!written.contains(&far.as_str()), "{written:?}");
    assert_eq!(mtimes(&out).get(&far), before.get(&far));
    assert!(written.len() < before.len() / 2, "{written:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_site() {
    let site = Site::new();
    site.build();
    let before = mtimes(&site.out());
    let page_before = std::fs::read(site.out().join("ho-tay-mua-sen.html")).unwrap();
    // Something new to publish, then a broken template.
    assert_ok(
        &site.sb.run(
            EDITOR,
            &[
                "article",
                "edit",
                &site.id.to_string(),
                "--title",
                "Tiêu đề khác",
                "--note",
                "sửa",
            ],
        ),
        "edit",
    );
    let templates = site.sb.path("templates");
    std::fs::create_dir(&templates).unwrap();
    // It compiles, and fails only when a list is rendered: after article pages were made.
    write_file(
        &templates.join("list.html"),
        "{% extends \"base.html\" %}{% block main %}{% for x in list.page %}{% endfor %}{% endblock %}",
    );
    let config = std::fs::read_to_string(site.sb.path("no-config.toml")).unwrap();
    write_file(
        &site.sb.path("no-config.toml"),
        &format!("{config}templates = \"{}\"\n", templates.display()),
    );
    let out = site
        .sb
        .run(ADMIN, &["site", "build", "--out", site.out().to_str().unwrap()]);
    let message = assert_refused(&out, "broken template");
    assert!(message.contains("list.html"), "{message}");
    assert_eq!(mtimes(&site.out()), before, "the old site was touched");
    assert_eq!(
        std::fs::read(site.out().join("ho-tay-mua-sen.html")).unwrap(),
        page_before
    );
    let litter: Vec<_> = std::fs::read_dir(site.sb.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");

    // A template that is fine replaces the built-in one.
    write_file(
        &templates.join("list.html"),
        "{% extends \"base.html\" %}{% block main %}<p id=\"mine\">{{ list.items|length }} tin</p>{% endblock %}",
    );
    site.build();
    let doc = site.page("index.html");
    assert!(text(one(&doc, "#mine")).ends_with(" tin"));
}

#[test]
fn a_folder_of_other_files_is_refused() {
    let site = Site::new();
    std::fs::create_dir(site.out()).unwrap();
    write_file(&site.out().join("notes.txt"), "không phải trang web");
    let out = site
        .sb
        .run(ADMIN, &["site", "build", "--out", site.out().to_str().unwrap()]);
    let message = assert_refused(&out, "foreign folder");
    assert!(message.contains("did not write"), "{message}");
    assert!(site.out().join("notes.txt").is_file());
    let out = site.sb.run(ADMIN, &["site", "build"]);
    assert!(assert_refused(&out, "no folder").contains("--out"));
}

#[test]
fn the_summary_line_counts_what_was_written() {
    let site = Site::new();
    let out = site.sb.run(
        ADMIN,
        &["site", "build", "--out", site.out().to_str().unwrap(), "-v"],
    );
    assert_ok(&out, "build");
    let text = stdout(&out);
    assert!(text.lines().any(|l| l == "wrote ho-tay-mua-sen.html"), "{text}");
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("Built the site in ") && last.contains(", kept 0, removed 0."),
        "{last}"
    );
}

#[test]
fn approving_a_comment_rebuilds_the_site_when_the_config_asks() {
    let site = Site::new();
    site.build();
    let pending = site
        .sb
        .comments()
        .into_iter()
        .find(|c| c["article_id"].as_i64() == Some(site.id) && c["status"] == "pending")
        .unwrap();
    let cid = pending["id"].as_i64().unwrap().to_string();
    let config = std::fs::read_to_string(site.sb.path("no-config.toml")).unwrap();
    write_file(
        &site.sb.path("no-config.toml"),
        &format!(
            "{config}out = \"{}\"\nrebuild_on_change = true\n",
            site.out().display()
        ),
    );
    let out = site.sb.run(EDITOR, &["comments", "approve", &cid]);
    assert_ok(&out, "approve");
    let said = stdout(&out);
    assert!(
        said.contains("Rebuilt the site in") && said.contains("wrote 1 files"),
        "{said}"
    );
    let doc = site.page("ho-tay-mua-sen.html");
    let ids: Vec<_> = doc
        .select(&sel("#comments .comment"))
        .filter_map(|c| c.attr("id"))
        .collect();
    assert!(ids.contains(&format!("comment-{cid}").as_str()), "{ids:?}");

    // A build that fails does not undo the decision: it is said, and the command succeeds.
    let templates = site.sb.path("templates");
    std::fs::create_dir(&templates).unwrap();
    write_file(&templates.join("article.html"), "{% if %}");
    let config = std::fs::read_to_string(site.sb.path("no-config.toml")).unwrap();
    write_file(
        &site.sb.path("no-config.toml"),
        &format!("{config}templates = \"{}\"\n", templates.display()),
    );
    let out = site.sb.run(EDITOR, &["comments", "reject", "--change", &cid]);
    assert_ok(&out, "reject");
    assert!(
        stderr(&out).contains("the site was not rebuilt"),
        "{}",
        stderr(&out)
    );
    let comment = site
        .sb
        .comments()
        .into_iter()
        .find(|c| c["id"].as_i64().unwrap().to_string() == cid)
        .unwrap();
    assert_eq!(comment["status"], "rejected");
}
