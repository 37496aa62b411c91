//! The intake's HTML replies lead somewhere: back to the article by its current slug, and
//! after a captcha problem, a new picture with the form to send again. Read with an HTML
//! parser, not string search.

use scraper::{Html, Selector};

use super::*;

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(page: &Html, css: &str, name: &str) -> Option<String> {
    select(page, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

#[test]
fn replies_link_back_to_the_article_by_its_current_slug() {
    let site = site(no_captcha);
    let id = site.store().article_id_by_slug(&site.published).unwrap().unwrap();
    let want = format!("/{}.html", site.published);
    // Named by id: the link is the slug, read from the store.
    let by_id = post(
        &site,
        &site.form(&[("article", &id.to_string())]),
        "10.2.0.1",
        false,
    );
    assert_eq!(by_id.status, 200, "{by_id:?}");
    let page = Html::parse_document(&by_id.body);
    assert_eq!(attr(&page, "a#back", "href").as_deref(), Some(want.as_str()));
    assert_eq!(attr(&page, "a#home", "href").as_deref(), Some("/"));
    // A form mistake links back too, and still repeats nothing the reader sent.
    let no_name = post(&site, &site.form(&[("name", "")]), "10.2.0.2", false);
    assert_eq!(no_name.status, 422);
    let page = Html::parse_document(&no_name.body);
    assert_eq!(attr(&page, "a#back", "href").as_deref(), Some(want.as_str()));
    let text: String = page.root_element().text().collect();
    assert!(text.contains("Chưa điền họ tên."), "{text}");
    assert!(!no_name.body.contains("Thụy Khuê"), "the title was echoed");
    // An unknown article gets no link back, only home.
    let unknown = post(
        &site,
        &site.form(&[("article", "<script>khong-co</script>")]),
        "10.2.0.3",
        false,
    );
    assert_eq!(unknown.status, 404);
    let page = Html::parse_document(&unknown.body);
    assert!(select(&page, "a#back").is_empty());
    assert!(!unknown.body.contains("khong-co"), "the article field was echoed");
}

#[test]
fn a_wrong_code_reply_offers_a_new_picture_and_the_form() {
    let site = site(|o| o.rules.flood_seconds = 0);
    let wrong = site.token("K7M4P", SignedDuration::from_secs(60));
    let reply = post(
        &site,
        &site.form(&[("captcha_token", &wrong), ("captcha", "K7M4X")]),
        "10.2.0.4",
        false,
    );
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.header("content-security-policy").as_deref(),
        Some("default-src 'none'; img-src data:")
    );
    let page = Html::parse_document(&reply.body);
    let image = attr(&page, "form#retry img#captcha-image", "src").unwrap();
    assert!(image.starts_with("data:image/png;base64,"), "{image}");
    let renew = attr(&page, "form#retry a#captcha-new", "href").unwrap();
    assert_eq!(
        renew,
        format!("/comments/form?article={}", site.published.replace('-', "%2D"))
    );
    let link: String = select(&page, "a#captcha-new")[0].text().collect();
    assert_eq!(link, "Lấy lại mã bảo mật");
    assert_eq!(
        attr(&page, "form#retry input[name=article]", "value").as_deref(),
        Some(site.published.as_str())
    );
    for field in ["name", "phone", "title", "captcha"] {
        let css = format!("form#retry input[name={field}]");
        assert_eq!(attr(&page, &css, "value"), None, "{field} is empty");
    }
    assert_eq!(select(&page, "form#retry textarea[name=content]").len(), 1);
    assert!(!reply.body.contains("Trần Thị Mai") && !reply.body.contains("sạch hơn"));
    // The new token is a real one: answered wrongly it is `wrong`, not `invalid`.
    let token = attr(&page, "form#retry input[name=captcha_token]", "value").unwrap();
    assert_ne!(token, wrong);
    let again = post(
        &site,
        &site.form(&[("captcha_token", &token), ("captcha", "?????")]),
        "10.2.0.4",
        true,
    );
    assert_eq!(again.problems(), [("captcha".into(), "wrong".into())]);
    // "Lấy lại mã bảo mật" draws yet another picture.
    let renewed = request(site.addr(), "GET", &renew, &[], b"");
    assert_eq!(renewed.status, 200, "{renewed:?}");
    let page = Html::parse_document(&renewed.body);
    let other = attr(&page, "form#retry input[name=captcha_token]", "value").unwrap();
    assert_ne!(other, token);
    assert!(
        attr(&page, "img#captcha-image", "src")
            .unwrap()
            .starts_with("data:image/png")
    );
    let nowhere = request(site.addr(), "GET", "/comments/form?article=khong-co", &[], b"");
    assert_eq!(nowhere.status, 404);
}
