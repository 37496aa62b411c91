use super::{Operation, Role, Status, Transition};

/// A rule of the newsroom was broken; each variant carries what the user needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("a {role} may not {operation}")]
    Forbidden { role: Role, operation: Operation },
    #[error("an article cannot {transition} while it is {from}")]
    BadTransition { from: Status, transition: Transition },
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
    #[error("unknown {kind} {value:?}: use one of {allowed}")]
    Unknown {
        kind: &'static str,
        value: String,
        allowed: &'static str,
    },
}
