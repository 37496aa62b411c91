use std::path::PathBuf;

use crate::domain::DomainError;

/// Everything that can go wrong between the library and the store file. Each message is one
/// sentence that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("There is no store at {path}: run `newsroom init` (or `newsroom demo`) first, or pass --db.")]
    NoStore { path: PathBuf },
    #[error("{path} is not a Newsroom store: run `newsroom init` to make one, or pass the right --db path.")]
    NotAStore { path: PathBuf },
    #[error("The folder {path} does not exist: create it first, or pass another --db path.")]
    FolderMissing { path: PathBuf },
    #[error("Cannot write to {path}: check its permissions, or pass another --db path.")]
    NotWritable { path: PathBuf },
    #[error(
        "The store at {path} was written by a newer Newsroom (schema {found}, this one knows {supported}): upgrade newsroom; the store was left as it was."
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "The store at {path} is damaged or not a Newsroom store ({detail}): restore it from a backup, or pass another --db path."
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "The disk holding {path} is full: free some space there (or move the store and pass --db), then try again; nothing was written."
    )]
    DiskFull { path: PathBuf },
    #[error(
        "The disk holding the store is full: free some space there, then try again; nothing was written."
    )]
    NoRoom,
    #[error(
        "The store file is damaged ({detail}): restore it from a backup, then run `newsroom doctor` to check it."
    )]
    Damaged { detail: String },
    #[error(
        "The store at {path} was found damaged ({detail}), so nothing is written to it: restore it from a backup, then run `newsroom doctor` to check it and allow writes again."
    )]
    WritesStopped { path: PathBuf, detail: String },
    #[error("The store at {path} is already set up: use it as it is, or pass another --db path.")]
    AlreadySetUp { path: PathBuf },
    #[error(
        "There is no user {login:?}: an admin can add one with `newsroom user add {login} --role reporter`."
    )]
    UnknownUser { login: String },
    #[error("The user {login:?} is not active: ask an admin to reactivate them with `newsroom user add`.")]
    InactiveUser { login: String },
    #[error("The user {login:?} already exists: choose another login.")]
    UserExists { login: String },
    #[error(
        "There is no {what} {id}: check the id with `newsroom {}`.",
        list_command(what)
    )]
    NotFound { what: &'static str, id: String },
    #[error("{path} already exists: choose a new file name so nothing is overwritten.")]
    TargetExists { path: PathBuf },
    #[error(
        "Someone saved article {article} since you opened it (it is at version {current}, you started from {yours}): your text is still on screen; copy what you need, then reopen the article."
    )]
    StaleVersion { article: i64, yours: i64, current: i64 },
    #[error("{login} has been editing this article since {since}: wait, or take it over in the editor.")]
    LeaseHeld { login: String, since: jiff::Timestamp },
    #[error("Comment {id} was already {status} by {by}.")]
    AlreadyDecided {
        id: i64,
        status: crate::domain::CommentStatus,
        by: String,
        /// The display name of `by`, for the TUI; the login when they have none.
        by_name: String,
        at: Option<jiff::Timestamp>,
    },
    #[error("Article {id} cannot be published yet: {reason}; fix that, then try again.")]
    NotReady { id: i64, reason: String },
    #[error("The slug {slug:?} is already used by article {other}: choose another.")]
    SlugTaken { slug: String, other: i64 },
    #[error("There is no tag {name:?}: see the tags with `newsroom tag list`.")]
    UnknownTag { name: String },
    #[error(
        "There is already a tag {other:?}, which {name:?} would be the same as: merge into it with `newsroom tag merge` instead."
    )]
    TagTaken { name: String, other: String },
    #[error("A tag cannot be merged into itself ({name:?}): name two different tags.")]
    MergeIntoItself { name: String },
    #[error(
        "Article {article} has no photo {n} (it has {count}): photos are numbered from 1, as `newsroom article show {article}` lists them."
    )]
    NoSuchPhoto { article: i64, n: usize, count: usize },
    #[error(
        "The body of article {article} has {paragraphs} paragraphs, so a photo cannot follow paragraph {asked}: give a number from 0 to {paragraphs}."
    )]
    NoSuchParagraph {
        article: i64,
        asked: u32,
        paragraphs: usize,
    },
    #[error(
        "{word:?} cannot go in the word list: give one word or name of 1 to 100 characters, without line breaks."
    )]
    BadWord { word: String },
    #[error("{0}")]
    Domain(#[from] DomainError),
    #[error("The store failed: {0}.")]
    Sqlite(rusqlite::Error),
    #[error("{path}: {source}.")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "The store at {path} already has articles or comments, so the fast first load cannot fill it: load into a new --db file."
    )]
    NotEmpty { path: PathBuf },
    #[error(
        "This build's fast first load does not know the store's trigger {name:?}: report it, and load into an existing store meanwhile (that path keeps every trigger)."
    )]
    UnknownTrigger { name: String },
}

/// The command that lists the ids of `what`.
fn list_command(what: &str) -> &'static str {
    match what {
        "comment" => "comments list",
        "user" => "user list",
        _ => "article list",
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
                detail: e.to_string(),
            },
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::NoRoom,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// What SQLite said when it met damage in the middle of a call, if that is what this is.
    pub fn damage_detail(&self) -> Option<String> {
        match self {
            StoreError::Damaged { detail } => Some(detail.clone()),
            _ => None,
        }
    }

    /// SQLite reports damage deep inside any query; name it for what it is.
    pub(super) fn from_sqlite_at(e: rusqlite::Error, path: &std::path::Path) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, DiskFull, NotADatabase, ReadOnly};
        match e.sqlite_error_code() {
            Some(DiskFull) => StoreError::DiskFull {
                path: super::open::folder_of(path).to_owned(),
            },
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
                path: path.to_owned(),
                detail: e.to_string(),
            },
            Some(ReadOnly) => StoreError::NotWritable {
                path: path.to_owned(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}
