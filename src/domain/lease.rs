use jiff::{SignedDuration, Timestamp};

use super::ArticleId;

/// Who is editing an article. A lease is alive while its session keeps sending heartbeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub article_id: ArticleId,
    pub login: String,
    /// One TUI process: the same person in two terminals holds two sessions.
    pub session: String,
    pub taken_at: Timestamp,
    pub heartbeat_at: Timestamp,
}

impl Lease {
    /// How often an editing session says it is still there.
    pub const HEARTBEAT: SignedDuration = SignedDuration::from_secs(15);
    /// How long a silent session keeps the article: ten missed heartbeats.
    pub const TTL: SignedDuration = SignedDuration::from_secs(150);

    pub fn is_live(&self, now: Timestamp) -> bool {
        now.duration_since(self.heartbeat_at) < Self::TTL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_lives_150_seconds_past_its_last_heartbeat() {
        let t0: Timestamp = "2026-11-28T03:00:00Z".parse().unwrap();
        let lease = Lease {
            article_id: 1,
            login: "lan".into(),
            session: "s1".into(),
            taken_at: t0,
            heartbeat_at: t0,
        };
        assert!(lease.is_live(t0));
        assert!(lease.is_live(t0 + SignedDuration::from_secs(149)));
        assert!(!lease.is_live(t0 + SignedDuration::from_secs(150)));
    }
}
