//! What the reader is told, in Vietnamese (the site's language): a small HTML page, or JSON
//! when the request's Accept header prefers it. Replies name fields and limits, never echo
//! what the reader sent; every dynamic piece is HTML-escaped all the same.

use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::captcha;
use super::page::Around;
use crate::domain::{CommentId, FormError};

/// One wrong field, named as the form names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    /// A stable word for scripts: missing, too_long, bad_phone, no_token, invalid, expired,
    /// used, wrong.
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub fn form(e: &FormError) -> Problem {
        let field = e.field();
        match e {
            FormError::Missing { .. } => Problem {
                field,
                code: "missing",
                message: format!("Chưa điền {}.", label(field).to_lowercase()),
            },
            FormError::TooLong { len, max, .. } => Problem {
                field,
                code: "too_long",
                message: format!("{} quá dài: {len} ký tự, tối đa {max}.", label(field)),
            },
            FormError::BadPhone => Problem {
                field,
                code: "bad_phone",
                message:
                    "Số điện thoại không đúng dạng số Việt Nam (ví dụ 0912 345 678 hoặc +84 912 345 678)."
                        .into(),
            },
        }
    }

    pub fn no_article() -> Problem {
        Problem {
            field: "article",
            code: "missing",
            message: "Không rõ bình luận cho bài viết nào: hãy gửi từ trang bài viết.".into(),
        }
    }

    pub fn captcha(p: captcha::Problem) -> Problem {
        let renew = "hãy bấm “Lấy lại mã bảo mật” để có mã mới";
        let (code, message) = match p {
            captcha::Problem::NoToken => (
                "no_token",
                "Chưa có mã xác nhận: hãy tải lại trang để lấy mã.".into(),
            ),
            captcha::Problem::NoAnswer => ("missing", "Chưa nhập mã xác nhận.".into()),
            captcha::Problem::Malformed => ("invalid", format!("Mã xác nhận không hợp lệ: {renew}.")),
            captcha::Problem::Expired => ("expired", format!("Mã xác nhận đã hết hạn: {renew}.")),
            captcha::Problem::Used => ("used", format!("Mã xác nhận này đã được dùng: {renew}.")),
            captcha::Problem::Wrong => ("wrong", format!("Mã xác nhận không đúng: {renew} rồi nhập lại.")),
        };
        Problem {
            field: "captcha",
            code,
            message,
        }
    }
}

/// The form's own label for a field.
fn label(field: &str) -> &'static str {
    match field {
        "article" => "Bài viết",
        "name" => "Họ tên",
        "phone" => "Số điện thoại",
        "title" => "Tiêu đề",
        "content" => "Nội dung",
        "captcha" => "Mã xác nhận",
        _ => "Mục",
    }
}

/// Every answer to a comment post (and to requests that are not one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Stored, whatever the rules decided: a rejected comment reads like a held one.
    Received {
        id: CommentId,
    },
    Invalid(Vec<Problem>),
    NoArticle,
    NotPublished,
    Flood {
        seconds: i64,
    },
    /// Too many wrong or forged captcha answers from this reader lately.
    Guessing {
        seconds: i64,
    },
    TooLarge,
    WrongType,
    Unreadable,
    /// The body stopped short of its length, or its chunks were malformed.
    Broken,
    /// The body did not arrive in time.
    TooSlow,
    Unavailable,
    /// Every connection is taken.
    Busy,
    NoRoute,
    WrongMethod,
    /// `GET /captcha` on a server that asks for no code.
    CaptchaOff,
    /// A path that is not one of the served site's files.
    NoPage,
    /// `GET /comments/form`: a new image code and the form to send with it.
    NewCode,
}

impl Reply {
    fn status(&self) -> StatusCode {
        match self {
            Reply::Received { .. } | Reply::NewCode => StatusCode::OK,
            Reply::Invalid(_) | Reply::NotPublished => StatusCode::UNPROCESSABLE_ENTITY,
            Reply::NoArticle | Reply::NoRoute | Reply::CaptchaOff | Reply::NoPage => StatusCode::NOT_FOUND,
            Reply::Flood { .. } | Reply::Guessing { .. } => StatusCode::TOO_MANY_REQUESTS,
            Reply::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Reply::WrongType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Reply::Unreadable | Reply::Broken => StatusCode::BAD_REQUEST,
            Reply::TooSlow => StatusCode::REQUEST_TIMEOUT,
            Reply::Unavailable | Reply::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Reply::WrongMethod => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    /// A stable word for scripts.
    fn code(&self) -> &'static str {
        match self {
            Reply::Received { .. } => "received",
            Reply::Invalid(_) => "invalid",
            Reply::NoArticle => "no_article",
            Reply::NotPublished => "not_published",
            Reply::Flood { .. } => "flood",
            Reply::Guessing { .. } => "captcha_failures",
            Reply::TooLarge => "too_large",
            Reply::WrongType => "wrong_type",
            Reply::Unreadable => "unreadable",
            Reply::Broken => "broken_body",
            Reply::TooSlow => "too_slow",
            Reply::Unavailable => "unavailable",
            Reply::Busy => "busy",
            Reply::NoRoute => "no_route",
            Reply::WrongMethod => "wrong_method",
            Reply::CaptchaOff => "captcha_off",
            Reply::NoPage => "no_page",
            Reply::NewCode => "new_code",
        }
    }

    fn message(&self) -> String {
        match self {
            Reply::Received { .. } => {
                "Cảm ơn bạn! Bình luận đã được nhận và đang chờ duyệt trước khi hiện trên trang.".into()
            }
            Reply::Invalid(_) => "Bình luận chưa được gửi: hãy sửa những mục dưới đây rồi gửi lại.".into(),
            Reply::NoArticle => "Không tìm thấy bài viết này nên bình luận chưa được gửi.".into(),
            Reply::NotPublished => "Bài viết này chưa đăng hoặc đã gỡ nên không nhận bình luận.".into(),
            // Readers behind one carrier NAT share the allowance: it may not be this reader
            // who sent the others.
            Reply::Flood { seconds } => format!(
                "Vừa có nhiều bình luận liên tiếp từ địa chỉ mạng của bạn: hãy chờ {seconds} giây rồi gửi lại."
            ),
            Reply::TooLarge => format!(
                "Bình luận quá dài: cả biểu mẫu phải dưới {} KiB; hãy rút ngắn rồi gửi lại.",
                super::BODY_LIMIT / 1024
            ),
            Reply::WrongType => {
                "Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded, như trang bài viết vẫn gửi.".into()
            }
            Reply::Unreadable => "Không đọc được biểu mẫu: nội dung gửi lên không phải văn bản UTF-8 hợp lệ.".into(),
            Reply::Guessing { seconds } => format!(
                "Mã xác nhận bị nhập sai quá nhiều lần từ địa chỉ của bạn: hãy chờ {seconds} giây, rồi bấm “Lấy lại mã bảo mật” và gửi lại."
            ),
            Reply::Broken => {
                "Không đọc được biểu mẫu: nội dung gửi lên bị cắt ngang hoặc chia khúc sai; hãy gửi lại.".into()
            }
            Reply::TooSlow => {
                "Nội dung gửi lên đến quá chậm nên máy chủ đã ngừng chờ: hãy kiểm tra kết nối mạng rồi gửi lại.".into()
            }
            Reply::Unavailable => "Hệ thống đang bận nên chưa nhận được bình luận: hãy thử lại sau ít phút.".into(),
            Reply::Busy => "Máy chủ đang quá tải nên chưa nhận được yêu cầu: hãy thử lại sau vài giây.".into(),
            Reply::NoRoute => "Không có trang này: bình luận được gửi tới /comments.".into(),
            Reply::WrongMethod => {
                "Địa chỉ này không nhận kiểu yêu cầu đó: gửi bình luận bằng POST /comments, lấy mã xác nhận bằng GET /captcha."
                    .into()
            }
            Reply::CaptchaOff => "Máy chủ này không hỏi mã xác nhận: bình luận gửi không cần mã.".into(),
            Reply::NoPage => "Không có trang này: có thể bài đã đổi địa chỉ hoặc đã gỡ. Hãy tìm từ trang chủ.".into(),
            Reply::NewCode => "Đây là mã xác nhận mới: nhập các ký tự trong hình rồi gửi bình luận.".into(),
        }
    }

    fn title(&self) -> &'static str {
        match self {
            Reply::Received { .. } => "Đã nhận bình luận",
            Reply::NoRoute | Reply::WrongMethod | Reply::NoPage => "Không có trang này",
            Reply::CaptchaOff => "Không cần mã xác nhận",
            Reply::NewCode => "Viết bình luận",
            _ => "Bình luận chưa được gửi",
        }
    }

    fn problems(&self) -> &[Problem] {
        match self {
            Reply::Invalid(problems) => problems,
            _ => &[],
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        let mut v = json!({
            "ok": matches!(self, Reply::Received { .. }),
            "status": self.code(),
            "message": self.message(),
        });
        match self {
            Reply::Received { id } => v["comment_id"] = json!(id),
            Reply::Invalid(problems) => {
                v["errors"] = problems
                    .iter()
                    .map(|p| json!({ "field": p.field, "code": p.code, "message": p.message }))
                    .collect();
            }
            Reply::Flood { seconds } | Reply::Guessing { seconds } => v["retry_after"] = json!(seconds),
            _ => {}
        }
        v
    }

    /// The page, with links back and, after a captcha problem, a new code to answer.
    pub fn to_html(&self) -> String {
        self.to_html_around(&Around::default())
    }

    /// Whether the reader needs a new image code to send again.
    pub fn wants_new_code(&self) -> bool {
        matches!(self, Reply::NewCode) || self.problems().iter().any(|p| p.field == "captcha")
    }

    pub fn to_html_around(&self, around: &Around) -> String {
        let mut items = String::new();
        for p in self.problems() {
            items.push_str(&format!(
                "<li data-field=\"{}\"><strong>{}</strong>: {}</li>\n",
                escape(p.field),
                escape(label(p.field)),
                escape(&p.message)
            ));
        }
        let list = if items.is_empty() {
            String::new()
        } else {
            format!("<ul>\n{items}</ul>\n")
        };
        let id = match self {
            Reply::Received { id } => format!("<p>Mã bình luận: <span id=\"comment-id\">{id}</span></p>\n"),
            _ => String::new(),
        };
        format!(
            "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n</head>\n\
             <body>\n<h1>{title}</h1>\n<p>{message}</p>\n{list}{id}{around}</body>\n</html>\n",
            title = escape(self.title()),
            message = escape(&self.message()),
            around = around.to_html(),
        )
    }

    /// The response, as JSON if `json`, else HTML.
    pub fn render(&self, json: bool) -> Response {
        self.render_around(json, &Around::default())
    }

    /// The response; an HTML one with `around`'s links and form.
    pub fn render_around(&self, json: bool, around: &Around) -> Response {
        let mut response = if json {
            (
                self.status(),
                [(header::CONTENT_TYPE, "application/json")],
                self.to_json().to_string(),
            )
                .into_response()
        } else {
            let html = [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                // The page needs nothing from anywhere but its own picture (a data URL):
                // nothing injected could run either.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; img-src data:",
                ),
            ];
            (self.status(), html, self.to_html_around(around)).into_response()
        };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some(retry) = self.retry_after() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry));
        }
        if self.closes() {
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }

    /// Seconds a client should wait before trying again.
    fn retry_after(&self) -> Option<i64> {
        match self {
            Reply::Flood { seconds } | Reply::Guessing { seconds } => Some(*seconds),
            Reply::Unavailable => Some(30),
            Reply::Busy => Some(5),
            _ => None,
        }
    }

    /// Whether the connection ends with this reply: the rest of the request is unread, or
    /// not worth waiting for.
    fn closes(&self) -> bool {
        matches!(
            self,
            Reply::TooLarge | Reply::Broken | Reply::TooSlow | Reply::Busy
        )
    }

    /// The whole HTTP/1.1 response as bytes (HTML), for a connection that is answered
    /// without being served: one over the cap.
    pub fn raw_close(&self) -> Vec<u8> {
        let status = self.status();
        let body = self.to_html();
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n",
            status.as_u16(),
            status.canonical_reason().unwrap_or_default(),
            body.len()
        );
        if let Some(retry) = self.retry_after() {
            head.push_str(&format!("Retry-After: {retry}\r\n"));
        }
        head.push_str("\r\n");
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body.as_bytes());
        raw
    }
}

/// JSON when the Accept header lists application/json before text/html (or without it);
/// a browser's form post gets the page.
pub fn wants_json(headers: &HeaderMap) -> bool {
    for value in headers.get_all(header::ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let refused = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .any(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0));
            match media.as_str() {
                "application/json" if !refused => return true,
                "text/html" if !refused => return false,
                _ => {}
            }
        }
    }
    false
}

pub use crate::text::escape_markup as escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn accept_headers() {
        let want = |accept: Option<&str>| {
            let mut h = HeaderMap::new();
            if let Some(a) = accept {
                h.insert(header::ACCEPT, a.parse().unwrap());
            }
            wants_json(&h)
        };
        assert!(!want(None));
        assert!(want(Some("application/json")));
        assert!(want(Some("application/json, text/plain, */*")));
        assert!(!want(Some(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!want(Some("text/html, application/json")));
        assert!(want(Some("text/html;q=0, application/json")));
        assert!(!want(Some("application/json;q=0")));
    }

    #[test]
    fn every_wrong_field_is_named_on_the_page() {
        let reply = Reply::Invalid(vec![
            Problem::form(&FormError::Missing { field: "name" }),
            Problem::form(&FormError::TooLong {
                field: "content",
                len: 5001,
                max: 5000,
            }),
            Problem::form(&FormError::BadPhone),
            Problem::captcha(captcha::Problem::Wrong),
        ]);
        let html = reply.to_html();
        for want in [
            "Chưa điền họ tên.",
            "Nội dung quá dài: 5001 ký tự, tối đa 5000.",
            "Số điện thoại",
            "Mã xác nhận",
        ] {
            assert!(html.contains(want), "{want} in {html}");
        }
        let json = reply.to_json();
        let fields: Vec<_> = json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["name", "content", "phone", "captcha"]);
        assert_eq!(json["status"], "invalid");
    }
}
