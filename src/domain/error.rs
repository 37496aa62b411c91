use super::{Operation, Role, Status, Transition};

/// A rule of the newsroom was broken; each variant carries what the user needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("{} may not {operation}: ask {}.", with_article(role.as_str(), true), who_may(*operation))]
    Forbidden { role: Role, operation: Operation },
    #[error("an article cannot {transition} while it is {from}")]
    BadTransition { from: Status, transition: Transition },
    #[error("this newsroom has no review step: schedule the article instead (or turn on [workflow] review)")]
    NoReview,
    #[error("only a draft that was never published can be deleted: spike it instead")]
    NotDeletable,
    #[error("a reporter may not change a {status} article: ask an editor to correct it")]
    LiveReadOnly { status: Status },
    #[error("a published article is corrected in public: give a one-line note saying what changed")]
    NoteNeeded,
    #[error(
        "the login {login:?} is not valid: use 1 to 32 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
    )]
    BadLogin { login: String },
    #[error("the {field} is empty: write one")]
    Empty { field: &'static str },
    #[error("the {field} is too long ({len} characters, at most {max})")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("the tag {name:?} {why}")]
    BadTag { name: String, why: &'static str },
    #[error("unknown {kind} {value:?}: use one of {allowed}")]
    Unknown {
        kind: &'static str,
        value: String,
        allowed: &'static str,
    },
}

/// "An editor", "a reporter".
fn with_article(noun: &str, capital: bool) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    let article = match (vowel, capital) {
        (true, true) => "An",
        (true, false) => "an",
        (false, true) => "A",
        (false, false) => "a",
    };
    format!("{article} {noun}")
}

/// The least role that may do it: the person to ask.
fn who_may(operation: Operation) -> String {
    let role = Role::ALL
        .into_iter()
        .find(|r| r.may(operation))
        .unwrap_or(Role::Admin);
    with_article(role.as_str(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_say_who_to_ask() {
        let e = DomainError::Forbidden {
            role: Role::Editor,
            operation: Operation::ManageUsers,
        };
        assert_eq!(e.to_string(), "An editor may not manage users: ask an admin.");
        let e = DomainError::Forbidden {
            role: Role::Reporter,
            operation: Operation::DecideComment,
        };
        assert_eq!(
            e.to_string(),
            "A reporter may not decide reader comments: ask an editor."
        );
    }
}
