//! Flood control as an allowance per reader: `flood_burst` comments at once, each coming
//! back `flood_seconds / flood_burst` after it was spent, so a whole allowance is back
//! `flood_seconds` after it was used up (a token bucket).
//!
//! Many Vietnamese mobile readers share one carrier-NAT address: "one comment per address
//! per 15 s" refused real readers behind it, where "three at once, then one every 5 s"
//! lets a few neighbours through and still stops a script.
//!
//! The bucket is not kept anywhere: it is worked out from the reader's stored comments,
//! so every server process and restart agrees. Refused comments are not stored, and so
//! cost nothing, as a bucket's refusals cost no token. In the form of the generic cell
//! rate algorithm: each comment moves the reader's "theoretical arrival time" to
//! `max(tat, at) + interval`; a new one is allowed while `tat - now <= flood_seconds -
//! interval`. Unrolled over the comments, `tat = max over k of (k-th newest + k·interval)`.

use jiff::{SignedDuration, Timestamp};

use super::Rules;

/// The reader's allowance under `rules`; None when flood control is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    /// The whole allowance comes back over this.
    window: SignedDuration,
    /// One comment comes back every this long.
    interval: SignedDuration,
}

impl Allowance {
    pub fn of(rules: &Rules) -> Option<Allowance> {
        if rules.flood_seconds <= 0 {
            return None;
        }
        let window = SignedDuration::from_secs(rules.flood_seconds);
        let burst = i32::try_from(rules.flood_burst.max(1)).unwrap_or(i32::MAX);
        Some(Allowance {
            window,
            interval: window / burst,
        })
    }

    /// Whether a comment at `at` still bears on the allowance, given that the reader's
    /// next newer comment (or now) is at `newer`: after a quiet `window` the allowance
    /// was whole again, so nothing older counts. The store stops reading there.
    pub fn reaches(&self, newer: Timestamp, at: Timestamp) -> bool {
        newer.duration_since(at) < self.window
    }

    /// How long the reader must wait before another comment, or None if they may send it
    /// now. `recent`: their stored comments, newest first, as far back as `reaches` goes.
    pub fn wait(&self, recent: &[Timestamp], now: Timestamp) -> Option<SignedDuration> {
        let mut spent_until: Option<Timestamp> = None;
        let mut step = SignedDuration::ZERO;
        for at in recent {
            step = step.saturating_add(self.interval);
            let until = at.saturating_add(step).unwrap_or(*at);
            spent_until = Some(spent_until.map_or(until, |u| u.max(until)));
        }
        let wait = spent_until?.duration_since(now) - (self.window - self.interval);
        (wait > SignedDuration::ZERO).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    fn rules(seconds: i64, burst: u32) -> Rules {
        Rules {
            flood_seconds: seconds,
            flood_burst: burst,
            ..Rules::default()
        }
    }

    /// Sends at each second in `tries` (ascending), keeping the ones allowed like the
    /// store does; returns what each try got.
    fn replay(a: Allowance, tries: &[i64]) -> Vec<Option<i64>> {
        let mut stored: Vec<Timestamp> = Vec::new();
        tries
            .iter()
            .map(|&s| {
                let now = at(s);
                let recent: Vec<_> = stored.iter().rev().copied().collect();
                match a.wait(&recent, now) {
                    None => {
                        stored.push(now);
                        None
                    }
                    Some(w) => Some(w.as_secs() + i64::from(w.subsec_nanos() > 0)),
                }
            })
            .collect()
    }

    #[test]
    fn a_burst_then_one_per_interval() {
        let a = Allowance::of(&rules(15, 3)).unwrap();
        assert_eq!(
            replay(a, &[0, 0, 0, 0, 4, 5, 5, 10, 15]),
            [None, None, None, Some(5), Some(1), None, Some(5), None, None]
        );
    }

    #[test]
    fn the_whole_allowance_is_back_after_the_window() {
        let a = Allowance::of(&rules(15, 3)).unwrap();
        assert_eq!(
            replay(a, &[0, 0, 0, 15, 15, 15, 15]),
            [None, None, None, None, None, None, Some(5)]
        );
        assert_eq!(
            replay(a, &[0, 0, 0, 10, 10, 10]),
            [None, None, None, None, None, Some(5)],
            "two of three are back after 10 s"
        );
    }

    #[test]
    fn a_burst_of_one_is_one_per_window() {
        let a = Allowance::of(&rules(15, 1)).unwrap();
        assert_eq!(
            replay(a, &[0, 10, 15, 29, 30]),
            [None, Some(5), None, Some(1), None]
        );
    }

    #[test]
    fn no_window_is_no_flood_control() {
        assert_eq!(Allowance::of(&rules(0, 3)), None);
        assert_eq!(Allowance::of(&rules(-5, 3)), None);
    }

    #[test]
    fn comments_before_a_quiet_window_do_not_count() {
        let a = Allowance::of(&rules(15, 3)).unwrap();
        assert!(a.reaches(at(20), at(6)));
        assert!(
            !a.reaches(at(20), at(5)),
            "15 s of quiet: the allowance was whole"
        );
        // A burst, then one every interval: the burst 20 s ago still bears, because the
        // allowance never refilled in between.
        let recent = [at(20), at(15), at(10), at(5), at(0), at(0), at(0)];
        assert!(recent.windows(2).all(|w| a.reaches(w[0], w[1])));
        assert_eq!(a.wait(&recent, at(20)), Some(SignedDuration::from_secs(5)));
        assert_eq!(
            a.wait(&recent[..4], at(20)),
            None,
            "without the burst it would pass"
        );
    }
}
