use std::fmt;

use serde::Serialize;

use super::{DomainError, Role};

/// A login name. Restricted to a shell- and authorized_keys-safe alphabet, because it is
/// written into the forced command of an SSH key line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Login(String);

impl Login {
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let ok_first = s
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let ok_rest = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if ok_first && ok_rest && s.len() <= 32 {
            Ok(Login(s.to_owned()))
        } else {
            Err(DomainError::BadLogin { login: s.to_owned() })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A registered member of the newsroom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub login: Login,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

/// A user about to be registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub login: Login,
    pub display_name: String,
    pub role: Role,
}

impl NewUser {
    pub const MAX_NAME: usize = 80;

    pub fn validate(&self) -> Result<(), DomainError> {
        let len = self.display_name.chars().count();
        if len > Self::MAX_NAME {
            return Err(DomainError::TooLong {
                field: "name",
                len,
                max: Self::MAX_NAME,
            });
        }
        if self.display_name.chars().any(char::is_control) {
            return Err(DomainError::Unknown {
                kind: "character in the name",
                value: self.display_name.clone(),
                allowed: "letters, digits, spaces and punctuation",
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_shell_safe() {
        for good in ["lan.nguyen", "tuan_pham", "root", "a", "b2-c"] {
            assert!(Login::parse(good).is_ok(), "{good}");
        }
        let too_long = "a".repeat(33);
        for bad in [
            "",
            "Lan",
            "-x",
            ".x",
            "lan nguyen",
            "a\"b",
            "a;b",
            "lân",
            &too_long,
        ] {
            assert!(Login::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_refuse_control_characters() {
        let u = |name: &str| NewUser {
            login: Login::parse("x").unwrap(),
            display_name: name.into(),
            role: Role::Reporter,
        };
        assert!(u("Nguyễn Thị Lan").validate().is_ok());
        assert!(u("evil\u{1b}[2J").validate().is_err());
    }
}
