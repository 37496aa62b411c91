//! The built site's files (`serve --site DIR`), so a small newsroom serves its pages, the
//! form and the intake from one origin without nginx.
//!
//! Owns: turning a request path into a file under DIR or a refusal, and the file's reply
//! (type, validators, 304). May not touch: the intake's routes, which come first.
//!
//! Read-only and GET/HEAD only. A path is refused (404, as if absent) when any part is
//! `..`, `.`, hidden (`.name`: the build's temporary files), or holds a `/`, `\` or NUL
//! once decoded; and when the file it names, symlinks followed, lies outside DIR. A folder
//! is its `index.html` or nothing: there are no listings.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use jiff::fmt::rfc2822;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use super::file_body::FileBody;
use super::reply::Reply;

/// Where the site's files are, as given; resolved again on every request, so a build that
/// swaps the folder (or a symlink to it) is served at once.
#[derive(Debug, Clone)]
pub struct SiteFiles {
    root: PathBuf,
}

/// What a request path names, before the disk is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// Decoded path parts, none empty, `.`, `..` or hidden.
    parts: Vec<String>,
    /// The path ended in `/` (or was `/`).
    folder: bool,
}

/// Decodes and checks a request path; None means 404 without looking at the disk.
pub fn parse_path(raw: &str) -> Option<Wanted> {
    let rest = raw.strip_prefix('/')?;
    let mut parts = Vec::new();
    // Split before decoding: an encoded slash (%2F) stays inside its part and refuses it.
    for part in rest.split('/').filter(|p| !p.is_empty()) {
        let decoded = percent_decode_str(part).decode_utf8().ok()?;
        let unsafe_char = |c: char| c == '/' || c == '\\' || c.is_control();
        if decoded.starts_with('.') || decoded.contains(unsafe_char) {
            return None;
        }
        parts.push(decoded.into_owned());
    }
    let folder = rest.is_empty() || rest.ends_with('/');
    Some(Wanted { parts, folder })
}

/// What the disk said about a wanted path.
#[derive(Debug)]
enum Found {
    File {
        file: File,
        path: PathBuf,
    },
    /// A folder asked for without its trailing slash: relative links in its index page
    /// only work from the slashed address.
    AddSlash,
    Missing,
}

impl SiteFiles {
    pub fn new(root: PathBuf) -> SiteFiles {
        SiteFiles { root }
    }

    /// Checks at start that the folder is there, so a typo is one sentence, not a site
    /// of 404s.
    pub fn check(&self) -> Result<(), String> {
        match std::fs::metadata(&self.root) {
            Ok(meta) if meta.is_dir() => Ok(()),
            Ok(_) => Err(format!("{} is not a folder", self.root.display())),
            Err(e) => Err(format!("{} cannot be read ({e})", self.root.display())),
        }
    }

    /// Blocking: canonicalises and opens.
    fn find(&self, wanted: &Wanted) -> io::Result<Found> {
        let root = std::fs::canonicalize(&self.root)?;
        let mut path = root.clone();
        path.extend(&wanted.parts);
        let Some(path) = inside(&root, &path)? else {
            return Ok(Found::Missing);
        };
        let meta = std::fs::metadata(&path)?;
        let path = if meta.is_dir() {
            let Some(index) = inside(&root, &path.join("index.html"))? else {
                return Ok(Found::Missing);
            };
            if !wanted.folder {
                return Ok(if index.is_file() {
                    Found::AddSlash
                } else {
                    Found::Missing
                });
            }
            index
        } else if wanted.folder {
            // `/a.html/` is not a file's address.
            return Ok(Found::Missing);
        } else {
            path
        };
        // The path was checked, then opened: only someone who can write DIR could swap a
        // part in between, and they can change the site anyway.
        let file = File::open(&path)?;
        if !file.metadata()?.is_file() {
            return Ok(Found::Missing);
        }
        Ok(Found::File { file, path })
    }

    /// The site's own `404.html`, if it has one.
    fn not_found_page(&self) -> Option<File> {
        let root = std::fs::canonicalize(&self.root).ok()?;
        let page = inside(&root, &root.join("404.html")).ok()??;
        let file = File::open(page).ok()?;
        file.metadata().ok()?.is_file().then_some(file)
    }
}

/// The canonical `path` if it exists and lies under `root` (already canonical), symlinks
/// followed; None if it is missing or outside.
fn inside(root: &Path, path: &Path) -> io::Result<Option<PathBuf>> {
    match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(root) => Ok(Some(real)),
        Ok(_) => Ok(None),
        Err(e) if is_absent(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Errors that mean "no such file" to a reader: the path is missing, or a part of it is
/// a file (`/a.html/b`).
fn is_absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory | io::ErrorKind::InvalidFilename
    )
}

/// Answers a request the intake's routes did not take.
pub async fn answer(site: Arc<SiteFiles>, method: &Method, raw_path: &str, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = Reply::WrongMethod.render(false);
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let head = method == Method::HEAD;
    let Some(wanted) = parse_path(raw_path) else {
        return not_found(site, head).await;
    };
    let finding = Arc::clone(&site);
    let wanted_parts = wanted.clone();
    let found = tokio::task::spawn_blocking(move || finding.find(&wanted_parts)).await;
    match found {
        Ok(Ok(Found::File { file, path })) => serve_file(file, &path, headers, head, StatusCode::OK),
        Ok(Ok(Found::AddSlash)) => add_slash(&wanted),
        Ok(Ok(Found::Missing)) => not_found(site, head).await,
        Ok(Err(e)) if is_absent(&e) => not_found(site, head).await,
        Ok(Err(e)) => {
            log(&format!("reading {raw_path} from the site folder failed: {e}"));
            Reply::Unavailable.render(false)
        }
        Err(e) => {
            log(&format!("reading {raw_path} from the site folder failed: {e}"));
            Reply::Unavailable.render(false)
        }
    }
}

/// The site's own 404 page if it has one, else the intake's.
async fn not_found(site: Arc<SiteFiles>, head: bool) -> Response {
    let page = tokio::task::spawn_blocking(move || site.not_found_page())
        .await
        .ok()
        .flatten();
    match page {
        Some(file) => serve_file(
            file,
            Path::new("404.html"),
            &HeaderMap::new(),
            head,
            StatusCode::NOT_FOUND,
        ),
        None => Reply::NoPage.render(false),
    }
}

/// Characters escaped in a `Location` built from decoded parts.
const LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\');

/// 301 to the folder's slashed address, built from the checked parts: never from the raw
/// path, whose `//host` would make the redirect leave the site.
fn add_slash(wanted: &Wanted) -> Response {
    let mut location = String::from("/");
    for part in &wanted.parts {
        location.push_str(&utf8_percent_encode(part, LOCATION).to_string());
        location.push('/');
    }
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The file's reply: 200 with its body (none for HEAD), or 304 when the client's copy is
/// current.
fn serve_file(file: File, path: &Path, request: &HeaderMap, head: bool, status: StatusCode) -> Response {
    let Ok(meta) = file.metadata() else {
        return Reply::Unavailable.render(false);
    };
    let len = meta.len();
    let modified = meta
        .modified()
        .ok()
        .and_then(|m| Timestamp::try_from(m).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let etag = format!("\"{len:x}-{:x}\"", modified.as_nanosecond());
    let last_modified = http_date(modified);
    let mut headers = HeaderMap::new();
    let mut put = |name, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    put(header::ETAG, &etag);
    put(header::LAST_MODIFIED, &last_modified);
    put(header::CACHE_CONTROL, cache_control(path));
    put(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if status == StatusCode::OK && is_current(request, &etag, modified) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().extend(headers);
        return response;
    }
    put(header::CONTENT_TYPE, content_type(path));
    put(header::CONTENT_LENGTH, &len.to_string());
    let body = if head {
        Body::empty()
    } else {
        Body::new(FileBody::new(file, len))
    };
    let mut response = (status, body).into_response();
    response.headers_mut().extend(headers);
    response
}

/// RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison, so a proxy's
/// `W/` copy counts), else If-Modified-Since, to the second.
fn is_current(request: &HeaderMap, etag: &str, modified: Timestamp) -> bool {
    let mut tags = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .peekable();
    if tags.peek().is_some() {
        return tags.any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag);
    }
    let since = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| rfc2822::DateTimeParser::new().parse_timestamp(v).ok());
    since.is_some_and(|since| modified.as_second() <= since.as_second())
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(at: Timestamp) -> String {
    rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&at)
        .unwrap_or_default()
}

/// Photos are named by their content's hash, so a copy never goes stale; pages change
/// with every approved comment, so they are checked each time (a 304 costs a few bytes).
fn cache_control(path: &Path) -> &'static str {
    let in_media = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| folder == "media");
    if in_media {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The type a file is served as, by its extension; anything unknown is a download.
pub fn content_type(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if name == "atom.xml" {
        return "application/atom+xml; charset=utf-8";
    }
    if name == "feed.json" {
        return "application/feed+json; charset=utf-8";
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn log(message: &str) {
    eprintln!("intake: {}", crate::text::sanitize_line(message).text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &str) -> Option<Vec<String>> {
        parse_path(raw).map(|w| w.parts)
    }

    #[test]
    fn paths_that_could_leave_the_folder_are_refused() {
        for raw in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/media%2F..%2F..%2Fetc",
            "/a%5C..%5Cb",
            "/index.html%00.css",
            "/.hidden",
            "/./index.html",
            "/.index.html.tmp",
            "/%ff",
            "relative",
            "",
        ] {
            assert_eq!(parts(raw), None, "{raw}");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(parts("/"), Some(vec![]));
        assert_eq!(parts("/ho-tay.html"), Some(vec!["ho-tay.html".into()]));
        assert_eq!(
            parts("//tag//h%E1%BB%93.html"),
            Some(vec!["tag".into(), "hồ.html".into()])
        );
        assert!(parse_path("/tag/").unwrap().folder);
        assert!(!parse_path("/tag").unwrap().folder);
        assert!(parse_path("/").unwrap().folder);
    }

    #[test]
    fn types_by_extension() {
        for (name, want) in [
            ("a.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("feed.json", "application/feed+json; charset=utf-8"),
            ("media/ab.JPG", "image/jpeg"),
            ("media/ab.webp", "image/webp"),
            ("x.exe", "application/octet-stream"),
            ("README", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), want, "{name}");
        }
    }

    #[test]
    fn validators() {
        let at = Timestamp::from_second(784_111_777).unwrap();
        assert_eq!(http_date(at), "Sun, 06 Nov 1994 08:49:37 GMT");
        let with = |name, value: &str| {
            let mut h = HeaderMap::new();
            h.insert(name, HeaderValue::from_str(value).unwrap());
            h
        };
        let etag = "\"1f-abc\"";
        assert!(is_current(
            &with(header::IF_NONE_MATCH, "\"x\", \"1f-abc\""),
            etag,
            at
        ));
        assert!(is_current(&with(header::IF_NONE_MATCH, "W/\"1f-abc\""), etag, at));
        assert!(is_current(&with(header::IF_NONE_MATCH, "*"), etag, at));
        assert!(!is_current(&with(header::IF_NONE_MATCH, "\"1f-abd\""), etag, at));
        let same = http_date(at);
        assert!(is_current(&with(header::IF_MODIFIED_SINCE, &same), etag, at));
        let before = http_date(Timestamp::from_second(784_111_776).unwrap());
        assert!(!is_current(&with(header::IF_MODIFIED_SINCE, &before), etag, at));
        assert!(!is_current(
            &with(header::IF_MODIFIED_SINCE, "yesterday"),
            etag,
            at
        ));
        assert!(!is_current(&HeaderMap::new(), etag, at));
    }
}
