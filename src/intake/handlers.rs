//! The requests the intake answers: a comment post, a new image code, and everything else.
//!
//! A post is checked in full before anything is written (every wrong field is reported at
//! once), the image code is spent only when the comment is about to be stored, and the
//! store call runs on a blocking thread: SQLite waits must not stall other connections.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http_body_util::BodyExt as _;
use jiff::SignedDuration;
use serde_json::json;

use super::attempts::Attempts;
use super::captcha::{self, Captchas};
use super::files::{self, SiteFiles};
use super::page::{Around, ArticleLink, Retry, article_url};
use super::reply::{Problem, Reply, wants_json};
use super::{BODY_LIMIT, address, form};
use crate::clock::Clock;
use crate::domain::Rules;
use crate::store::{ArticleRef, Store, Submission, SubmitError};
use crate::text;

/// What every request of one server shares.
pub struct Shared {
    /// One connection: every post is a write, and writes queue on this lock rather than
    /// on SQLite's busy handler, which sleeps in steps of milliseconds.
    pub store: Arc<Mutex<Store>>,
    pub rules: Arc<Rules>,
    /// None when the server asks for no image code.
    pub captchas: Option<Captchas>,
    pub clock: Arc<dyn Clock>,
    /// Wrong and forged captcha answers per reader.
    pub attempts: Attempts,
    /// How long a comment's body may take to arrive.
    pub body_timeout: Duration,
    /// The built site, served on every path the intake does not answer.
    pub site: Option<Arc<SiteFiles>>,
    /// `[site] base_url`, for links back to the article.
    pub base_url: String,
}

/// `POST /comments`.
pub async fn post_comment(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let mut article = None;
    let reply = receive(&shared, peer, &headers, body, &mut article).await;
    if wants_json(&headers) {
        return reply.render(true);
    }
    let around = around(&shared, &reply, article).await;
    reply.render_around(false, &around)
}

/// The links and form around an HTML reply: the article the post named, if it is
/// published (its current slug, from the store), and a new code after a captcha problem.
async fn around(shared: &Arc<Shared>, reply: &Reply, article: Option<String>) -> Around {
    let home = format!("{}/", shared.base_url.trim_end_matches('/'));
    let new_code = reply.wants_new_code() && shared.captchas.is_some();
    let now = shared.clock.now();
    let looking = Arc::clone(shared);
    let found = tokio::task::spawn_blocking(move || {
        let slug = article.and_then(|a| {
            let store = looking.store.lock().unwrap_or_else(PoisonError::into_inner);
            store.published_slug(&ArticleRef::parse(&a)).ok().flatten()
        })?;
        let retry = looking
            .captchas
            .as_ref()
            .filter(|_| new_code)
            .and_then(|c| c.challenge(now))
            .map(|c| Retry::new(&c));
        Some((slug, retry))
    })
    .await
    .ok()
    .flatten();
    let Some((slug, retry)) = found else {
        return Around {
            home,
            ..Around::default()
        };
    };
    Around {
        article: Some(ArticleLink {
            url: article_url(&shared.base_url, &slug),
            slug,
        }),
        home,
        retry,
    }
}

/// `GET /comments/form?article=…`: a new image code with the form, for "Lấy lại mã bảo
/// mật" on a reply page, which has no script to fetch one.
pub async fn code_form(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    if shared.captchas.is_none() {
        return Reply::CaptchaOff.render(false);
    }
    let article = uri.query().unwrap_or_default().split('&').find_map(|pair| {
        let value = pair.strip_prefix("article=")?;
        let spaced = value.replace('+', " ");
        percent_encoding::percent_decode_str(&spaced)
            .decode_utf8()
            .ok()
            .map(|v| v.into_owned())
    });
    let around = around(&shared, &Reply::NewCode, article).await;
    if around.article.is_none() {
        return Reply::NoArticle.render_around(false, &around);
    }
    Reply::NewCode.render_around(false, &around)
}

async fn receive(
    shared: &Shared,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: Body,
    article: &mut Option<String>,
) -> Reply {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !form::is_form_type(content_type) {
        return Reply::WrongType;
    }
    let now = shared.clock.now();
    let reader = address::reader(peer, headers);
    if shared.captchas.is_some()
        && let Some(seconds) = shared.attempts.wait(reader, now)
    {
        return Reply::Guessing { seconds };
    }
    // Refused before a byte of the body is read: nothing past the limit is worth receiving.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > BODY_LIMIT as u64) {
        return Reply::TooLarge;
    }
    let body = match tokio::time::timeout(shared.body_timeout, read_body(body)).await {
        Ok(Ok(body)) => body,
        Ok(Err(reply)) => return reply,
        Err(_) => return Reply::TooSlow,
    };
    let Ok(posted) = form::parse(&body) else {
        return Reply::Unreadable;
    };
    *article = Some(posted.article.clone());

    let mut problems = Vec::new();
    if posted.article.trim().is_empty() {
        problems.push(Problem::no_article());
    }
    let comment = match posted.form.validate() {
        Ok(comment) => Some(comment),
        Err(errors) => {
            problems.extend(errors.iter().map(Problem::form));
            None
        }
    };
    let passed = shared
        .captchas
        .as_ref()
        .map(|c| c.check(&posted.captcha_token, &posted.captcha, now));
    if let Some(Err(p)) = passed {
        if matches!(p, captcha::Problem::Wrong | captcha::Problem::Malformed) {
            shared.attempts.failed(reader, now);
        }
        problems.push(Problem::captcha(p));
    }
    let comment = match comment {
        Some(comment) if problems.is_empty() => comment,
        _ => return Reply::Invalid(problems),
    };
    if let (Some(captchas), Some(Ok(passed))) = (&shared.captchas, passed)
        && let Err(p) = captchas.spend(passed, now)
    {
        return Reply::Invalid(vec![Problem::captcha(p)]);
    }

    let submission = Submission {
        article: ArticleRef::parse(&posted.article),
        form: comment,
        ip: reader.to_string(),
        submitted_at: now,
        import_key: None,
    };
    let store = Arc::clone(&shared.store);
    let rules = Arc::clone(&shared.rules);
    let stored = tokio::task::spawn_blocking(move || {
        let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
        let outcome = store.submit_comment(&submission, &rules, now);
        if let Err(SubmitError::Store(e)) = &outcome {
            store.note_error(e);
        }
        outcome
    })
    .await;
    match stored {
        Ok(Ok(received)) => Reply::Received { id: received.id },
        Ok(Err(SubmitError::NoArticle(_))) => Reply::NoArticle,
        Ok(Err(SubmitError::NotPublished(_))) => Reply::NotPublished,
        Ok(Err(SubmitError::Flood { wait })) => Reply::Flood {
            seconds: whole_seconds(wait),
        },
        // Duplicate needs an import key, which posts never carry: treat it as a fault.
        Ok(Err(e @ (SubmitError::Duplicate | SubmitError::Store(_)))) => {
            log(&e.to_string());
            Reply::Unavailable
        }
        Err(e) => {
            log(&format!("a comment post failed: {e}"));
            Reply::Unavailable
        }
    }
}

/// The whole body, up to `BODY_LIMIT` bytes.
async fn read_body(mut body: Body) -> Result<Bytes, Reply> {
    let mut read = Vec::new();
    while let Some(frame) = body.frame().await {
        // Only the transfer fails here: a body cut short or with malformed chunks.
        let frame = frame.map_err(|_| Reply::Broken)?;
        if let Ok(data) = frame.into_data() {
            if read.len() + data.len() > BODY_LIMIT {
                return Err(Reply::TooLarge);
            }
            read.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(read))
}

/// A wait as the reader is told it: whole seconds, rounded up, at least one.
fn whole_seconds(wait: SignedDuration) -> i64 {
    let secs = wait.as_secs() + i64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// Faults go to stderr for the operator, sanitised: SQLite messages can quote anything.
fn log(message: &str) {
    eprintln!("intake: {}", text::sanitize_line(message).text);
}

/// `GET /captcha`: `{token, image, expires_at}`, the image a PNG data URL.
pub async fn get_captcha(State(shared): State<Arc<Shared>>) -> Response {
    if shared.captchas.is_none() {
        return Reply::CaptchaOff.render(true);
    }
    let now = shared.clock.now();
    let drawing = Arc::clone(&shared);
    let drawn =
        tokio::task::spawn_blocking(move || drawing.captchas.as_ref().and_then(|c| c.challenge(now))).await;
    let challenge = match drawn {
        Ok(Some(challenge)) => challenge,
        Ok(None) => {
            log("an image code could not be drawn");
            return Reply::Unavailable.render(true);
        }
        Err(e) => {
            log(&format!("drawing an image code failed: {e}"));
            return Reply::Unavailable.render(true);
        }
    };
    let body = json!({
        "token": challenge.token,
        "image": format!("data:image/png;base64,{}", STANDARD.encode(&challenge.png)),
        "expires_at": challenge.expires_at.to_string(),
    });
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    // Each code is for one reader once: no cache may hand it to another. And like every
    // reply, it is only ever what its type says.
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Any other path: the site's file when the site is served, else 404.
pub async fn other_path(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    match &shared.site {
        Some(site) => files::answer(Arc::clone(site), &method, uri.path(), &headers).await,
        None => Reply::NoRoute.render(wants_json(&headers)),
    }
}

/// A known path with the wrong method.
pub async fn wrong_method(headers: HeaderMap) -> Response {
    Reply::WrongMethod.render(wants_json(&headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_round_up() {
        assert_eq!(whole_seconds(SignedDuration::from_millis(14_200)), 15);
        assert_eq!(whole_seconds(SignedDuration::from_secs(3)), 3);
        assert_eq!(whole_seconds(SignedDuration::ZERO), 1);
    }
}
