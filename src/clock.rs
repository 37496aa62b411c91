//! Time as a parameter: the running program reads the system clock, tests fix it.

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that always says the same time.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// A clock that tests move by hand.
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<Timestamp>);

impl ManualClock {
    pub fn new(at: Timestamp) -> ManualClock {
        ManualClock(std::sync::Mutex::new(at))
    }

    pub fn advance(&self, by: jiff::SignedDuration) {
        let mut t = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *t = t.saturating_add(by).unwrap_or(*t);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Names the instant the binary's clock starts at, for tests of things that take minutes
/// (a lease's 150 s, a schedule coming due): `2026-11-28T03:00:00Z`. The clock then runs at
/// the machine's pace from there. Unset, the clock is the system's.
pub const TEST_CLOCK_VAR: &str = "NEWSROOM_TEST_CLOCK";

/// A clock that starts at a given instant and runs on from it at the machine's pace: what
/// `NEWSROOM_TEST_CLOCK` gives the binary, so a second session can live "151 s later".
#[derive(Debug, Clone, Copy)]
pub struct StartedClock {
    start: Timestamp,
    since: std::time::Instant,
}

impl StartedClock {
    pub fn new(start: Timestamp) -> StartedClock {
        StartedClock {
            start,
            since: std::time::Instant::now(),
        }
    }
}

impl Clock for StartedClock {
    fn now(&self) -> Timestamp {
        let run = jiff::SignedDuration::try_from(self.since.elapsed()).unwrap_or(jiff::SignedDuration::MAX);
        self.start.saturating_add(run).unwrap_or(self.start)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{TEST_CLOCK_VAR}={value:?} is not an instant: write it like 2026-11-28T03:00:00Z, or unset it.")]
pub struct TestClockError {
    pub value: String,
}

/// The binary's clock: the system's, unless `NEWSROOM_TEST_CLOCK` names where it starts.
pub fn from_env() -> Result<std::sync::Arc<dyn Clock>, TestClockError> {
    from_setting(std::env::var_os(TEST_CLOCK_VAR).map(|v| v.to_string_lossy().into_owned()))
}

fn from_setting(value: Option<String>) -> Result<std::sync::Arc<dyn Clock>, TestClockError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(std::sync::Arc::new(SystemClock)),
        Some(value) => match value.trim().parse::<Timestamp>() {
            Ok(start) => Ok(std::sync::Arc::new(StartedClock::new(start))),
            Err(_) => Err(TestClockError { value }),
        },
    }
}

/// The newsroom's default zone: Hanoi.
pub const DEFAULT_ZONE: &str = "Asia/Ho_Chi_Minh";

/// Looks a zone up in the time-zone database built into the binary.
///
/// Not the system's `/usr/share/zoneinfo`: jiff lists that whole tree (hundreds of
/// directory reads) before its first lookup, a cost every command paid at start-up for
/// one zone. The built-in copy answers from memory, and gives the same times on every
/// server whatever its tzdata package (scheduling uses it too, see `domain::schedule`).
pub fn zone(name: &str) -> Option<TimeZone> {
    jiff::tz::TimeZoneDatabase::bundled().get(name).ok()
}

/// The site's own stamp, `13:55 06/10/2020`, in the given zone.
pub fn stamp(t: Timestamp, zone: &TimeZone) -> String {
    t.to_zoned_datetime(zone.clone())
        .strftime("%H:%M %d/%m/%Y")
        .to_string()
}

/// A time in a list: `05:00` when it falls on `now`'s day in `zone`, else `05:00 25/11`,
/// and `05:00 25/11/2025` in another year, so comments days or a year apart never read
/// like one morning.
pub fn list_stamp(t: Timestamp, now: Timestamp, zone: &TimeZone) -> String {
    let at = t.to_zoned_datetime(zone.clone());
    let today = now.to_zoned_datetime(zone.clone());
    let format = if at.date() == today.date() {
        "%H:%M"
    } else if at.year() == today.year() {
        "%H:%M %d/%m"
    } else {
        "%H:%M %d/%m/%Y"
    };
    at.strftime(format).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_stamps_say_the_day_unless_it_is_today_in_the_zone() {
        let hanoi = zone(DEFAULT_ZONE).unwrap();
        // 22:00 UTC on the 24th is already 05:00 on the 25th in Hanoi.
        let now: Timestamp = "2026-11-25T03:00:00Z".parse().unwrap();
        for (t, want) in [
            ("2026-11-24T22:00:00Z", "05:00"),
            ("2026-11-25T16:59:00Z", "23:59"),
            ("2026-11-24T16:59:00Z", "23:59 24/11"),
            ("2026-11-25T17:00:00Z", "00:00 26/11"),
            ("2025-11-25T03:00:00Z", "10:00 25/11/2025"),
        ] {
            let t: Timestamp = t.parse().unwrap();
            assert_eq!(list_stamp(t, now, &hanoi), want, "{t}");
        }
        // The same instant is another day in UTC.
        let t: Timestamp = "2026-11-24T22:00:00Z".parse().unwrap();
        assert_eq!(list_stamp(t, now, &TimeZone::UTC), "22:00 24/11");
    }

    #[test]
    fn stamps_use_the_zone() {
        let t: Timestamp = "2020-10-06T06:55:00Z".parse().unwrap();
        let hanoi = zone(DEFAULT_ZONE).unwrap();
        assert_eq!(stamp(t, &hanoi), "13:55 06/10/2020");
        assert_eq!(stamp(t, &TimeZone::UTC), "06:55 06/10/2020");
        assert!(zone("Mars/Olympus").is_none());
    }

    #[test]
    fn a_test_clock_starts_where_it_is_told_and_runs_on() {
        let start: Timestamp = "2026-11-28T03:00:00Z".parse().unwrap();
        let clock = from_setting(Some("2026-11-28T03:00:00Z".into())).unwrap();
        let first = clock.now();
        assert!(first >= start && first.duration_since(start) < jiff::SignedDuration::from_secs(5));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first, "it runs");
        let system = from_setting(None).unwrap().now();
        assert!(system.duration_since(Timestamp::now()).abs() < jiff::SignedDuration::from_secs(5));
        let unset = from_setting(Some(String::new())).unwrap().now();
        assert!(unset.duration_since(Timestamp::now()).abs() < jiff::SignedDuration::from_secs(5));
        let err = from_setting(Some("28/11/2026".into())).err().unwrap();
        assert_eq!(
            err.to_string(),
            "NEWSROOM_TEST_CLOCK=\"28/11/2026\" is not an instant: write it like 2026-11-28T03:00:00Z, or unset it."
        );
    }
}
