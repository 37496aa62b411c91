//! The newsroom's workflow policy on top of the transition table: whether reporters go
//! through review, which moves a person may make on an article, who may change its text
//! once it is scheduled or published, and which drafts may be deleted.

use serde::Deserialize;

use super::{DomainError, Operation, Role, Status, Transition};

/// How this newsroom works (`[workflow]` in the config file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    /// Reporters submit; only editors schedule or publish.
    #[serde(default)]
    pub review: bool,
}

/// What a person may do to an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    /// Save as often as they like.
    Free,
    /// The article is live: every save is a public correction with a note.
    Correction,
    /// Read only.
    ReadOnly,
}

impl Workflow {
    /// Checks the table, the role and the review rule; returns the new status.
    pub fn check(self, t: Transition, from: Status, role: Role, own: bool) -> Result<Status, DomainError> {
        if t == Transition::Submit && !self.review {
            return Err(DomainError::NoReview);
        }
        let to = t.apply(from)?;
        let operation = match t {
            // With review, scheduling is the editor's decision, like publishing.
            Transition::Schedule if self.review => Operation::PublishArticle,
            _ => t.operation(own),
        };
        role.check(operation)?;
        Ok(to)
    }

    /// Every move this person may make on this article now, in the table's order: what the
    /// workflow menu offers, and nothing else.
    pub fn moves(self, from: Status, role: Role, own: bool) -> Vec<Transition> {
        Transition::ALL
            .into_iter()
            .filter(|t| self.check(*t, from, role, own).is_ok())
            .collect()
    }
}

/// Who may change the text of an article in this status.
pub fn editing(status: Status, role: Role, own: bool) -> Editing {
    let may_write = role
        .check(if own {
            Operation::WriteOwnArticle
        } else {
            Operation::WriteOthersArticle
        })
        .is_ok();
    let editor = role.may(Operation::PublishArticle);
    match status {
        _ if !may_write => Editing::ReadOnly,
        Status::Published if editor => Editing::Correction,
        Status::Published | Status::Scheduled if !editor => Editing::ReadOnly,
        _ => Editing::Free,
    }
}

/// Checks a save against `editing`: refused when read-only, and a correction needs a note.
pub fn check_save(status: Status, role: Role, own: bool, note: Option<&str>) -> Result<Editing, DomainError> {
    match editing(status, role, own) {
        Editing::ReadOnly if matches!(status, Status::Published | Status::Scheduled) => {
            Err(DomainError::LiveReadOnly { status })
        }
        Editing::ReadOnly => Err(DomainError::Forbidden {
            role,
            operation: if own {
                Operation::WriteOwnArticle
            } else {
                Operation::WriteOthersArticle
            },
        }),
        Editing::Correction if note.is_none_or(|n| n.trim().is_empty()) => Err(DomainError::NoteNeeded),
        other => Ok(other),
    }
}

/// Only a draft that was never published may be deleted, by its author or an editor;
/// anything else is spiked, so nothing readers saw disappears without a trace.
pub fn check_delete(status: Status, ever_published: bool, role: Role, own: bool) -> Result<(), DomainError> {
    if status != Status::Draft || ever_published {
        return Err(DomainError::NotDeletable);
    }
    role.check(if own {
        Operation::WriteOwnArticle
    } else {
        Operation::WriteOthersArticle
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;
    use Transition::*;

    /// Who may make which move, for every transition × role × (own, other's) × review.
    /// A row lists the moves allowed from `from`; every other move must be refused.
    #[test]
    fn every_move_by_role_ownership_and_review() {
        type Row = (bool, Role, bool, Status, &'static [Transition]);
        let rows: &[Row] = &[
            // Without review: reporters schedule their own, never publish.
            (false, Role::Reporter, true, Draft, &[Schedule, Spike]),
            (false, Role::Reporter, true, Submitted, &[Schedule, Spike]),
            (false, Role::Reporter, true, Scheduled, &[Unschedule, Spike]),
            (false, Role::Reporter, true, Published, &[]),
            (false, Role::Reporter, true, Spiked, &[Unspike]),
            (false, Role::Reporter, false, Draft, &[]),
            (false, Role::Reporter, false, Scheduled, &[]),
            (false, Role::Editor, false, Draft, &[Schedule, Publish, Spike]),
            (
                false,
                Role::Editor,
                false,
                Submitted,
                &[ReturnToDraft, Schedule, Publish, Spike],
            ),
            (
                false,
                Role::Editor,
                false,
                Scheduled,
                &[Unschedule, Publish, Spike],
            ),
            (false, Role::Editor, false, Published, &[Unpublish]),
            (false, Role::Editor, false, Spiked, &[Unspike]),
            (false, Role::Admin, true, Draft, &[Schedule, Publish, Spike]),
            // With review: reporters submit, only editors schedule or publish.
            (true, Role::Reporter, true, Draft, &[Submit, Spike]),
            (true, Role::Reporter, true, Submitted, &[Spike]),
            (true, Role::Reporter, true, Scheduled, &[Unschedule, Spike]),
            (true, Role::Reporter, true, Published, &[]),
            (true, Role::Reporter, false, Draft, &[]),
            (
                true,
                Role::Editor,
                true,
                Draft,
                &[Submit, Schedule, Publish, Spike],
            ),
            (
                true,
                Role::Editor,
                false,
                Submitted,
                &[ReturnToDraft, Schedule, Publish, Spike],
            ),
            (
                true,
                Role::Editor,
                false,
                Scheduled,
                &[Unschedule, Publish, Spike],
            ),
            (true, Role::Editor, false, Published, &[Unpublish]),
            (true, Role::Admin, false, Spiked, &[Unspike]),
        ];
        for (review, role, own, from, allowed) in rows {
            let wf = Workflow { review: *review };
            assert_eq!(
                wf.moves(*from, *role, *own),
                allowed.to_vec(),
                "review {review}, {role:?}, own {own}, from {from}"
            );
            for t in Transition::ALL {
                let ok = wf.check(t, *from, *role, *own).is_ok();
                assert_eq!(
                    ok,
                    allowed.contains(&t),
                    "{t:?}: review {review}, {role:?}, own {own}, {from}"
                );
            }
        }
    }

    #[test]
    fn submitting_without_review_says_there_is_no_review() {
        let e = Workflow { review: false }
            .check(Submit, Draft, Role::Reporter, true)
            .unwrap_err();
        assert_eq!(e, DomainError::NoReview);
        assert!(e.to_string().contains("no review step"));
    }

    #[test]
    fn live_articles_are_read_only_to_reporters_and_corrections_to_editors() {
        for status in [Published, Scheduled] {
            assert_eq!(editing(status, Role::Reporter, true), Editing::ReadOnly);
            assert_eq!(
                check_save(status, Role::Reporter, true, Some("sửa")),
                Err(DomainError::LiveReadOnly { status })
            );
        }
        assert_eq!(editing(Published, Role::Editor, false), Editing::Correction);
        assert_eq!(
            check_save(Published, Role::Editor, false, None),
            Err(DomainError::NoteNeeded)
        );
        assert_eq!(
            check_save(Published, Role::Editor, false, Some("  ")),
            Err(DomainError::NoteNeeded)
        );
        assert_eq!(
            check_save(Published, Role::Editor, false, Some("Sửa tên phường")),
            Ok(Editing::Correction)
        );
        assert_eq!(
            check_save(Scheduled, Role::Editor, false, None),
            Ok(Editing::Free)
        );
        assert_eq!(check_save(Draft, Role::Reporter, true, None), Ok(Editing::Free));
        assert!(matches!(
            check_save(Draft, Role::Reporter, false, None),
            Err(DomainError::Forbidden { .. })
        ));
    }

    #[test]
    fn only_never_published_drafts_are_deleted() {
        assert_eq!(check_delete(Draft, false, Role::Reporter, true), Ok(()));
        assert_eq!(check_delete(Draft, false, Role::Editor, false), Ok(()));
        assert!(matches!(
            check_delete(Draft, false, Role::Reporter, false),
            Err(DomainError::Forbidden { .. })
        ));
        for (status, ever) in [
            (Draft, true),
            (Submitted, false),
            (Scheduled, false),
            (Published, true),
            (Spiked, false),
        ] {
            assert_eq!(
                check_delete(status, ever, Role::Admin, true),
                Err(DomainError::NotDeletable),
                "{status} ever published {ever}"
            );
        }
    }
}
