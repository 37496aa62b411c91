use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::DomainError;

/// What a person in the newsroom is allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reporter,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Reporter, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// The permission table: one row per operation, so a reader sees the whole policy at once.
    pub fn may(self, operation: Operation) -> bool {
        use Operation::*;
        let (reporter, editor, admin) = match operation {
            WriteOwnArticle | ScheduleOwnArticle => (true, true, true),
            WriteOthersArticle | ScheduleOthersArticle | PublishArticle | ManageTags => (false, true, true),
            DecideComment | SeePersonalData | ReadAudit => (false, true, true),
            ManageUsers | BackUpStore | LoadDemo => (false, false, true),
        };
        match self {
            Role::Reporter => reporter,
            Role::Editor => editor,
            Role::Admin => admin,
        }
    }

    pub fn check(self, operation: Operation) -> Result<(), DomainError> {
        if self.may(operation) {
            Ok(())
        } else {
            Err(DomainError::Forbidden {
                role: self,
                operation,
            })
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| DomainError::Unknown {
                kind: "role",
                value: s.to_owned(),
                allowed: "reporter, editor, admin",
            })
    }
}

/// Everything the permission table decides. "Own" means the user is the article's author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Draft, caption, tag and edit one's own articles.
    WriteOwnArticle,
    WriteOthersArticle,
    ScheduleOwnArticle,
    ScheduleOthersArticle,
    /// Publish at once or unpublish: an editor's call, so reporters go through a schedule.
    PublishArticle,
    /// Rename and merge tags: every article carrying them changes at once.
    ManageTags,
    DecideComment,
    /// Readers' phone numbers and addresses.
    SeePersonalData,
    ReadAudit,
    ManageUsers,
    BackUpStore,
    LoadDemo,
}

impl Operation {
    pub const ALL: [Operation; 12] = [
        Operation::WriteOwnArticle,
        Operation::WriteOthersArticle,
        Operation::ScheduleOwnArticle,
        Operation::ScheduleOthersArticle,
        Operation::PublishArticle,
        Operation::ManageTags,
        Operation::DecideComment,
        Operation::SeePersonalData,
        Operation::ReadAudit,
        Operation::ManageUsers,
        Operation::BackUpStore,
        Operation::LoadDemo,
    ];
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::WriteOwnArticle => "write articles",
            Operation::WriteOthersArticle => "change other people's articles",
            Operation::ScheduleOwnArticle => "schedule articles",
            Operation::ScheduleOthersArticle => "schedule other people's articles",
            Operation::PublishArticle => "publish or unpublish articles",
            Operation::ManageTags => "rename or merge tags",
            Operation::DecideComment => "decide reader comments",
            Operation::SeePersonalData => "see readers' phone numbers and addresses",
            Operation::ReadAudit => "read the audit log",
            Operation::ManageUsers => "manage users",
            Operation::BackUpStore => "back up the store",
            Operation::LoadDemo => "load demo content",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Operation::*;

    /// Every role × operation, written out so a policy change shows up as a diff of this table.
    #[test]
    fn permission_table() {
        let table: [(Operation, [bool; 3]); 12] = [
            //                      reporter editor admin
            (WriteOwnArticle, [true, true, true]),
            (WriteOthersArticle, [false, true, true]),
            (ScheduleOwnArticle, [true, true, true]),
            (ScheduleOthersArticle, [false, true, true]),
            (PublishArticle, [false, true, true]),
            (ManageTags, [false, true, true]),
            (DecideComment, [false, true, true]),
            (SeePersonalData, [false, true, true]),
            (ReadAudit, [false, true, true]),
            (ManageUsers, [false, false, true]),
            (BackUpStore, [false, false, true]),
            (LoadDemo, [false, false, true]),
        ];
        assert_eq!(table.len(), Operation::ALL.len());
        for (op, expected) in table {
            for (role, allowed) in Role::ALL.into_iter().zip(expected) {
                assert_eq!(role.may(op), allowed, "{role} × {op}");
                assert_eq!(role.check(op).is_ok(), allowed);
            }
        }
    }

    /// What `users list` prints is what `--role` takes back.
    #[test]
    fn roles_print_as_they_are_typed() {
        for role in Role::ALL {
            assert_eq!(role.to_string().parse::<Role>(), Ok(role));
        }
        assert_eq!(Role::Editor.to_string(), "editor");
    }

    #[test]
    fn roles_parse_and_reject_unknown() {
        assert_eq!("editor".parse::<Role>(), Ok(Role::Editor));
        let err = "boss".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("reporter, editor, admin"));
    }
}
