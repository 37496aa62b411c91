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

/// The newsroom's default zone: Hanoi.
pub const DEFAULT_ZONE: &str = "Asia/Ho_Chi_Minh";

/// Looks a zone up in the bundled time-zone database.
pub fn zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok()
}

/// The site's own stamp, `13:55 06/10/2020`, in the given zone.
pub fn stamp(t: Timestamp, zone: &TimeZone) -> String {
    t.to_zoned_datetime(zone.clone())
        .strftime("%H:%M %d/%m/%Y")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_use_the_zone() {
        let t: Timestamp = "2020-10-06T06:55:00Z".parse().unwrap();
        let hanoi = zone(DEFAULT_ZONE).unwrap();
        assert_eq!(stamp(t, &hanoi), "13:55 06/10/2020");
        assert_eq!(stamp(t, &TimeZone::UTC), "06:55 06/10/2020");
        assert!(zone("Mars/Olympus").is_none());
    }
}
