//! Pure newsroom types and rules: articles and their workflow, comments, users,
//! roles and permissions.
//!
//! Owns: the vocabulary and every rule that does not need a store or a clock.
//! May not touch: SQL, the terminal, the file system, the clock (time is a parameter).

mod allowance;
mod article;
mod comment;
mod error;
mod lease;
mod moderation;
mod network;
pub mod placement;
mod role;
mod schedule;
mod search;
mod ssh_key;
mod tag;
mod user;
mod workflow;

pub use allowance::Allowance;
pub use article::{
    Article, ArticleDraft, ArticleId, ArticleText, Missing, Photo, Status, Transition, readiness,
};
pub use comment::{Comment, CommentId, CommentStatus};
pub use error::DomainError;
pub use lease::Lease;
pub use moderation::{
    CommentForm, Facts, FormError, Rule, Rules, Verdict, judge, links, matching_words, vietnamese_phone,
};
pub use network::{reader_network, same_reader};
pub use role::{Operation, Role};
pub use schedule::{
    Schedule, ScheduleError, WALL_FORMAT, late_minutes, parse as parse_schedule, quick_choices,
};
pub use search::{QueryError, SearchQuery, example as search_example};
pub use ssh_key::{KeyError, PublicKey};
pub use tag::{MAX_TAG_CHARS, Tag, search_key as tag_search_key};
pub use user::{Login, NewUser, User};
pub use workflow::{Editing, Workflow, check_delete, check_save, editing};

#[cfg(test)]
pub(crate) use ssh_key::tests::blob as ssh_key_blob_for_tests;
