//! Test only (`#[cfg(test)] mod reply_tests` in intake.rs): what mutation testing found
//! unheld in reply.rs (docs/mutants.md).

use super::captcha;
use super::reply::{Problem, Reply};
use crate::domain::FormError;

/// Each wrong field is named on the page by the form's own label. The messages of the
/// phone and the code say their field's name anyway, so only the label shows a lost one.
#[test]
fn every_wrong_field_is_named_by_the_forms_own_label() {
    let reply = Reply::Invalid(vec![
        Problem::no_article(),
        Problem::form(&FormError::Missing { field: "name" }),
        Problem::form(&FormError::BadPhone),
        Problem::form(&FormError::Missing { field: "title" }),
        Problem::form(&FormError::Missing { field: "content" }),
        Problem::captcha(captcha::Problem::Wrong),
    ]);
    let html = reply.to_html();
    for (field, label) in [
        ("article", "Bài viết"),
        ("name", "Họ tên"),
        ("phone", "Số điện thoại"),
        ("title", "Tiêu đề"),
        ("content", "Nội dung"),
        ("captcha", "Mã xác nhận"),
    ] {
        let want = format!("<li data-field=\"{field}\"><strong>{label}</strong>: ");
        assert!(html.contains(&want), "{want} in {html}");
    }
}

/// The page's title and heading say what happened, for every kind of reply.
#[test]
fn every_page_is_headed_by_what_happened() {
    for (reply, title) in [
        (Reply::Received { id: 7 }, "Đã nhận bình luận"),
        (Reply::NoRoute, "Không có trang này"),
        (Reply::WrongMethod, "Không có trang này"),
        (Reply::NoPage, "Không có trang này"),
        (Reply::CaptchaOff, "Không cần mã xác nhận"),
        (Reply::NewCode, "Viết bình luận"),
        (Reply::Invalid(vec![]), "Bình luận chưa được gửi"),
        (Reply::Flood { seconds: 60 }, "Bình luận chưa được gửi"),
    ] {
        let html = reply.to_html();
        assert!(
            html.contains(&format!("<title>{title}</title>")) && html.contains(&format!("<h1>{title}</h1>")),
            "{reply:?}: {html}"
        );
    }
}

/// Scripts are told in the JSON how long to wait, as they are in `Retry-After`.
#[test]
fn json_replies_to_a_flood_or_guessing_say_how_long_to_wait() {
    for reply in [Reply::Flood { seconds: 42 }, Reply::Guessing { seconds: 42 }] {
        assert_eq!(reply.to_json()["retry_after"], 42, "{reply:?}");
    }
}

/// A new image code is drawn only when the reader needs one: after a problem with the
/// code, or when asking for the form. A stored comment or a form mistake keeps the code
/// the reader has (see `Captchas::check`).
#[test]
fn a_new_code_is_offered_only_after_a_problem_with_the_code() {
    let code = Problem::captcha(captcha::Problem::Wrong);
    let name = Problem::form(&FormError::Missing { field: "name" });
    assert!(Reply::NewCode.wants_new_code());
    assert!(Reply::Invalid(vec![name.clone(), code]).wants_new_code());
    for reply in [
        Reply::Received { id: 7 },
        Reply::Invalid(vec![name]),
        Reply::Flood { seconds: 60 },
        Reply::NoArticle,
    ] {
        assert!(!reply.wants_new_code(), "{reply:?}");
    }
}

/// A reply sent before the request's body was read to the end says the connection ends
/// with it (`Connection: close`): the rest of that body is never read as a new request.
#[test]
fn replies_that_leave_the_body_unread_close_the_connection() {
    use axum::http::header::CONNECTION;
    for reply in [Reply::TooLarge, Reply::Broken, Reply::TooSlow, Reply::Busy] {
        for json in [false, true] {
            let response = reply.render(json);
            assert_eq!(
                response.headers().get(CONNECTION).map(|v| v.as_bytes()),
                Some(&b"close"[..]),
                "{reply:?}, json {json}"
            );
        }
    }
    for reply in [
        Reply::Received { id: 7 },
        Reply::Flood { seconds: 60 },
        Reply::NoPage,
    ] {
        assert!(
            reply.render(false).headers().get(CONNECTION).is_none(),
            "{reply:?}"
        );
    }
}
