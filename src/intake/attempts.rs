//! Failed captcha answers per reader: after too many wrong or forged answers from one
//! reader (an IPv4 address, an IPv6 /64) within a window, their posts are refused until the
//! window ends, so a bot cannot keep guessing or fill memory with forged tokens.
//!
//! Kept in memory by the one serving process, at most `READERS` readers: past that the
//! reader whose window began first is forgotten.

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};

use hashlink::LinkedHashMap;
use jiff::Timestamp;

use crate::domain::reader_network;

/// Readers tracked at most: about 5 MB when full.
const READERS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    ends: i64,
    failures: u32,
}

/// Counts failed answers per reader.
#[derive(Debug)]
pub struct Attempts {
    limit: u32,
    seconds: i64,
    capacity: usize,
    /// Reader → their window, in the order the windows began (so the front ends first).
    windows: Mutex<LinkedHashMap<IpAddr, Window>>,
}

impl Attempts {
    /// `limit` failures per `seconds`-long window.
    pub fn new(limit: u32, seconds: i64) -> Attempts {
        Attempts::with_capacity(limit, seconds, READERS)
    }

    fn with_capacity(limit: u32, seconds: i64, capacity: usize) -> Attempts {
        Attempts {
            limit: limit.max(1),
            seconds: seconds.max(1),
            capacity: capacity.max(1),
            windows: Mutex::new(LinkedHashMap::new()),
        }
    }

    /// How many whole seconds `reader` must wait before answering again, if they must.
    pub fn wait(&self, reader: IpAddr, now: Timestamp) -> Option<i64> {
        let now = now.as_second();
        let windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let window = windows.get(&reader_network(reader))?;
        (window.ends > now && window.failures >= self.limit).then(|| window.ends - now)
    }

    /// Notes a wrong or forged answer from `reader`.
    pub fn failed(&self, reader: IpAddr, now: Timestamp) {
        let now = now.as_second();
        let key = reader_network(reader);
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        while windows.front().is_some_and(|(_, w)| w.ends <= now) {
            windows.pop_front();
        }
        match windows.get_mut(&key) {
            Some(window) => window.failures = window.failures.saturating_add(1),
            None => {
                // A new window goes to the back: windows end in the order they are kept.
                windows.insert(
                    key,
                    Window {
                        ends: now.saturating_add(self.seconds),
                        failures: 1,
                    },
                );
                while windows.len() > self.capacity {
                    windows.pop_front();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_reader_waits_after_the_limit_until_the_window_ends() {
        let a = Attempts::new(3, 300);
        for _ in 0..2 {
            a.failed(ip("198.51.100.7"), at(1000));
        }
        assert_eq!(a.wait(ip("198.51.100.7"), at(1010)), None, "two of three");
        a.failed(ip("198.51.100.7"), at(1010));
        assert_eq!(a.wait(ip("198.51.100.7"), at(1010)), Some(290));
        assert_eq!(a.wait(ip("198.51.100.8"), at(1010)), None, "another reader");
        assert_eq!(a.wait(ip("198.51.100.7"), at(1300)), None, "the window ended");
        a.failed(ip("198.51.100.7"), at(1300));
        assert_eq!(a.wait(ip("198.51.100.7"), at(1300)), None, "a new window");
    }

    #[test]
    fn an_ipv6_slash_64_is_one_reader() {
        let a = Attempts::new(2, 300);
        a.failed(ip("2001:db8:1:2::1"), at(1000));
        a.failed(ip("2001:db8:1:2::ffff"), at(1000));
        assert_eq!(a.wait(ip("2001:db8:1:2::77"), at(1000)), Some(300));
        assert_eq!(a.wait(ip("2001:db8:1:3::1"), at(1000)), None);
    }

    #[test]
    fn memory_is_bounded_oldest_reader_forgotten() {
        let a = Attempts::with_capacity(1, 300, 100);
        for i in 0..1000u32 {
            a.failed(IpAddr::from(i.to_be_bytes()), at(1000));
        }
        assert_eq!(a.windows.lock().unwrap().len(), 100);
        assert_eq!(a.wait(IpAddr::from(999u32.to_be_bytes()), at(1000)), Some(300));
        assert_eq!(a.wait(IpAddr::from(0u32.to_be_bytes()), at(1000)), None);
    }
}
