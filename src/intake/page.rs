//! What an HTML reply adds around its message so it leads somewhere: a link back to the
//! article (its current slug, read from the store, never the one the reader sent) and
//! home, and after a captcha problem a new picture with the form to send again.
//!
//! The form's fields are empty: a reply never repeats what the reader sent. The reader's
//! text is still in the article page's form, one "back" away; the page says so.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::captcha::Challenge;
use super::reply::escape;

/// Where the site's pages are: `[site] base_url`, empty for the same origin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Around {
    /// The article's address, when the post named a published one.
    pub article: Option<ArticleLink>,
    /// The site's home page.
    pub home: String,
    /// A new image code to answer, after a captcha problem.
    pub retry: Option<Retry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    /// The current slug, from the store.
    pub slug: String,
    /// `{base_url}/{slug}.html`, the site's layout.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    pub token: String,
    /// The picture as a data URL.
    pub image: String,
}

impl Retry {
    pub fn new(challenge: &Challenge) -> Retry {
        Retry {
            token: challenge.token.clone(),
            image: format!("data:image/png;base64,{}", STANDARD.encode(&challenge.png)),
        }
    }
}

/// The article's address on the site: `{base_url}/{slug}.html` (README "The published
/// site"); an empty base means the same origin.
pub fn article_url(base_url: &str, slug: &str) -> String {
    format!("{}/{slug}.html", base_url.trim_end_matches('/'))
}

/// The address of the page that draws a new code for `slug` ("Lấy lại mã bảo mật").
pub fn retry_url(slug: &str) -> String {
    let slug: String =
        percent_encoding::utf8_percent_encode(slug, percent_encoding::NON_ALPHANUMERIC).collect();
    format!("/comments/form?article={slug}")
}

impl Around {
    /// The links and form, as HTML.
    pub fn to_html(&self) -> String {
        let mut html = String::new();
        if let (Some(retry), Some(article)) = (&self.retry, &self.article) {
            html.push_str(&retry_form(retry, article));
        }
        html.push_str("<p class=\"links\">");
        if let Some(article) = &self.article {
            html.push_str(&format!(
                "<a id=\"back\" href=\"{}\">Quay lại bài viết</a> · ",
                escape(&article.url)
            ));
        }
        // A reply made without a request (one over the connection cap) knows no base.
        let home = if self.home.is_empty() { "/" } else { &self.home };
        html.push_str(&format!(
            "<a id=\"home\" href=\"{}\">Trang chủ</a></p>\n",
            escape(home)
        ));
        html
    }
}

fn retry_form(retry: &Retry, article: &ArticleLink) -> String {
    format!(
        "<form id=\"retry\" method=\"post\" action=\"/comments\">\n\
         <p>Bài bạn viết vẫn còn trong ô bình luận ở trang bài viết (bấm “Quay lại” của trình duyệt). \
         Hoặc điền lại ở đây với mã mới:</p>\n\
         <input type=\"hidden\" name=\"article\" value=\"{slug}\">\n\
         <input type=\"hidden\" name=\"captcha_token\" value=\"{token}\">\n\
         <p><label>Họ tên:(*) <input name=\"name\" required maxlength=\"80\"></label></p>\n\
         <p><label>Số điện thoại: <input name=\"phone\" type=\"tel\"></label></p>\n\
         <p><label>Tiêu đề:(*) <input name=\"title\" required maxlength=\"200\"></label></p>\n\
         <p><label>Nội dung:(*) <textarea name=\"content\" required maxlength=\"5000\"></textarea></label></p>\n\
         <p><img id=\"captcha-image\" src=\"{image}\" alt=\"Mã xác nhận\" width=\"220\" height=\"120\"> \
         <a id=\"captcha-new\" href=\"{renew}\">Lấy lại mã bảo mật</a></p>\n\
         <p><label>Mã xác nhận: <input name=\"captcha\" required autocomplete=\"off\"></label></p>\n\
         <p><button>Gửi bình luận</button></p>\n</form>\n",
        slug = escape(&article.slug),
        token = escape(&retry.token),
        image = escape(&retry.image),
        renew = escape(&retry_url(&article.slug)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_addresses_follow_the_site_layout() {
        assert_eq!(article_url("", "ho-tay"), "/ho-tay.html");
        assert_eq!(
            article_url("https://tin.example.vn/", "ho-tay"),
            "https://tin.example.vn/ho-tay.html"
        );
        assert_eq!(retry_url("ho tay&x"), "/comments/form?article=ho%20tay%26x");
    }
}
