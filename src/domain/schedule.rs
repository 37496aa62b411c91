//! When an article goes out: the wall time a person typed (`HH:MM dd/mm/yyyy`) in a zone,
//! turned into one instant or refused with a sentence. Daylight-saving gaps and folds are
//! refused, never guessed: a schedule that silently lands an hour off is the bug every web
//! newsroom tool has shipped.
//!
//! Owns: parsing and checking schedules. May not touch: the clock (`now` is a parameter).

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp, ToSpan};

/// The format people type, and the site prints.
pub const WALL_FORMAT: &str = "%H:%M %d/%m/%Y";

/// A checked schedule: the instant, the zone it was chosen in and the wall time typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub at: Timestamp,
    pub zone: String,
    pub wall: String,
}

/// Why a schedule was refused. Each message says what is wrong and what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("{typed:?} is not a time: type it as HH:MM dd/mm/yyyy, for example 06:00 29/11/2026")]
    Format { typed: String },
    #[error("{typed:?} is not a date on the calendar: check the day and the month")]
    Impossible { typed: String },
    #[error("unknown time zone {zone:?}: use an IANA name such as Asia/Ho_Chi_Minh or Europe/Berlin")]
    Zone { zone: String },
    #[error("{wall} in {zone} has already passed: choose a time after {now}")]
    Past { wall: String, zone: String, now: String },
    #[error(
        "{wall} does not exist in {zone}: the clocks jump forward over it that night; choose {after} or later"
    )]
    Gap {
        wall: String,
        zone: String,
        after: String,
    },
    #[error(
        "{wall} happens twice in {zone} when the clocks go back: it could be {first} or {second} (UTC); choose a time outside that hour"
    )]
    Fold {
        wall: String,
        zone: String,
        first: String,
        second: String,
    },
}

fn utc(t: Timestamp) -> String {
    t.strftime("%H:%M %d/%m/%Y").to_string()
}

/// Parses `HH:MM dd/mm/yyyy` as a wall time in `zone` and checks it can be published at:
/// it exists once in that zone and is after `now`.
pub fn parse(typed: &str, zone: &str, now: Timestamp) -> Result<Schedule, ScheduleError> {
    // The built-in database, as for every zone the newsroom shows (`clock::zone`).
    let tz = jiff::tz::TimeZoneDatabase::bundled()
        .get(zone)
        .map_err(|_| ScheduleError::Zone { zone: zone.into() })?;
    let wall_typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let dt = civil(&wall_typed)?;
    let wall = dt.strftime(WALL_FORMAT).to_string();
    let at = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset
            .to_timestamp(dt)
            .map_err(|_| ScheduleError::Impossible { typed: typed.into() })?,
        AmbiguousOffset::Gap { after, before } => {
            // The first wall time after the jump: the gap's length past the typed time, floored
            // to the start of the hour the clocks jump to.
            let skipped = SignedDuration::from_secs(i64::from(after.seconds() - before.seconds()));
            let later = dt
                .checked_add(skipped)
                .map_err(|_| ScheduleError::Impossible { typed: typed.into() })?;
            let after_jump = later
                .with()
                .minute(0)
                .build()
                .unwrap_or(later)
                .strftime("%H:%M")
                .to_string();
            return Err(ScheduleError::Gap {
                wall,
                zone: zone.into(),
                after: after_jump,
            });
        }
        AmbiguousOffset::Fold { before, after } => {
            let first = before.to_timestamp(dt);
            let second = after.to_timestamp(dt);
            return Err(ScheduleError::Fold {
                wall,
                zone: zone.into(),
                first: first.map(utc).unwrap_or_default(),
                second: second.map(utc).unwrap_or_default(),
            });
        }
    };
    if at <= now {
        return Err(ScheduleError::Past {
            wall,
            zone: zone.into(),
            now: now.to_zoned_datetime(tz).strftime(WALL_FORMAT).to_string(),
        });
    }
    Ok(Schedule {
        at,
        zone: zone.into(),
        wall,
    })
}

fn civil(typed: &str) -> Result<DateTime, ScheduleError> {
    let format = || ScheduleError::Format { typed: typed.into() };
    let (time, date) = typed.split_once(' ').ok_or_else(format)?;
    let (h, m) = time.split_once(':').ok_or_else(format)?;
    let mut parts = date.split('/');
    let (Some(d), Some(mo), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(format());
    };
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Result<i64, ScheduleError> {
        if !digits.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format());
        }
        s.parse().map_err(|_| format())
    };
    let (h, m, d, mo, y) = (
        number(h, 1..=2)?,
        number(m, 2..=2)?,
        number(d, 1..=2)?,
        number(mo, 1..=2)?,
        number(y, 4..=4)?,
    );
    let impossible = || ScheduleError::Impossible { typed: typed.into() };
    let (Ok(y), Ok(mo), Ok(d), Ok(h), Ok(m)) = (
        i16::try_from(y),
        i8::try_from(mo),
        i8::try_from(d),
        i8::try_from(h),
        i8::try_from(m),
    ) else {
        return Err(impossible());
    };
    DateTime::new(y, mo, d, h, m, 0, 0).map_err(|_| impossible())
}

/// The quick choices of the schedule picker, as wall times in `zone`: in one hour (to the
/// minute), tomorrow 06:00, tomorrow 12:00.
pub fn quick_choices(zone: &TimeZone, now: Timestamp) -> [String; 3] {
    let here = now.to_zoned_datetime(zone.clone());
    let in_an_hour = here
        .checked_add(1.hour())
        .map(|z| z.strftime(WALL_FORMAT).to_string())
        .unwrap_or_default();
    let tomorrow = here.date().tomorrow().unwrap_or(here.date());
    let at = |h: i8| tomorrow.at(h, 0, 0, 0).strftime(WALL_FORMAT).to_string();
    [in_an_hour, at(6), at(12)]
}

/// How late a publication is, in whole minutes; 0 when on time (within a minute).
pub fn late_minutes(due: Timestamp, published: Timestamp) -> i64 {
    published.duration_since(due).as_secs().max(0) / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// A fixed "now" before every row of the table.
    const NOW: &str = "2026-01-01T00:00:00Z";

    #[test]
    fn the_dst_table() {
        type Expect = Result<&'static str, &'static str>;
        let rows: [(&str, &str, Expect); 10] = [
            // Hanoi has no daylight saving: 06:00 is 23:00 UTC the day before.
            ("06:00 29/11/2026", "Asia/Ho_Chi_Minh", Ok("2026-11-28T23:00:00Z")),
            // Berlin, normal winter and summer days.
            ("12:00 15/01/2026", "Europe/Berlin", Ok("2026-01-15T11:00:00Z")),
            ("12:00 15/07/2026", "Europe/Berlin", Ok("2026-07-15T10:00:00Z")),
            // Berlin jumps from 02:00 to 03:00 on 29/03/2026: 02:30 does not exist.
            ("02:30 29/03/2026", "Europe/Berlin", Err("does not exist")),
            // Berlin goes back from 03:00 to 02:00 on 25/10/2026: 02:30 happens twice.
            ("02:30 25/10/2026", "Europe/Berlin", Err("happens twice")),
            // New York: gap on 08/03/2026 at 02:00, fold on 01/11/2026 at 01:00.
            ("02:15 08/03/2026", "America/New_York", Err("does not exist")),
            ("01:30 01/11/2026", "America/New_York", Err("happens twice")),
            ("03:00 08/03/2026", "America/New_York", Ok("2026-03-08T07:00:00Z")),
            // In the past, and not on the calendar.
            ("10:00 31/12/2025", "Asia/Ho_Chi_Minh", Err("already passed")),
            (
                "10:00 31/02/2026",
                "Asia/Ho_Chi_Minh",
                Err("not a date on the calendar"),
            ),
        ];
        for (typed, zone, want) in rows {
            let got = parse(typed, zone, at(NOW));
            match (want, got) {
                (Ok(instant), Ok(s)) => {
                    assert_eq!(s.at, at(instant), "{typed} {zone}");
                    assert_eq!(s.zone, zone);
                    assert_eq!(s.wall, typed);
                }
                (Err(phrase), Err(e)) => assert!(e.to_string().contains(phrase), "{typed} {zone}: {e}"),
                (want, got) => panic!("{typed} {zone}: wanted {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn a_fold_names_both_instants_and_a_gap_the_first_time_after() {
        let e = parse("02:30 25/10/2026", "Europe/Berlin", at(NOW)).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("00:30 25/10/2026") && text.contains("01:30 25/10/2026"),
            "{text}"
        );
        let e = parse("02:30 29/03/2026", "Europe/Berlin", at(NOW)).unwrap_err();
        assert!(e.to_string().contains("choose 03:00 or later"), "{e}");
    }

    #[test]
    fn what_is_not_a_time_is_refused_with_the_format() {
        for typed in [
            "",
            "6h 29/11",
            "06:00",
            "06:00 29-11-2026",
            "6:0 29/11/2026",
            "06:00 29/11/26",
            "ab:cd 1/1/2026",
        ] {
            let e = parse(typed, "Asia/Ho_Chi_Minh", at(NOW)).unwrap_err();
            assert!(matches!(e, ScheduleError::Format { .. }), "{typed:?}: {e}");
            assert!(e.to_string().contains("HH:MM dd/mm/yyyy"));
        }
        for typed in [
            "24:00 01/01/2026",
            "10:60 01/01/2026",
            "10:00 00/01/2026",
            "10:00 01/13/2026",
        ] {
            let e = parse(typed, "Asia/Ho_Chi_Minh", at(NOW)).unwrap_err();
            assert!(matches!(e, ScheduleError::Impossible { .. }), "{typed:?}: {e}");
        }
        assert!(matches!(
            parse("10:00 01/02/2026", "Mars/Olympus", at(NOW)),
            Err(ScheduleError::Zone { .. })
        ));
        // One-digit day, month and hour are how people type; extra spaces do not matter.
        let s = parse(" 6:00   1/2/2026 ", "Asia/Ho_Chi_Minh", at(NOW)).unwrap();
        assert_eq!(s.wall, "06:00 01/02/2026");
    }

    #[test]
    fn quick_choices_are_wall_times_in_the_zone() {
        let hanoi = TimeZone::get("Asia/Ho_Chi_Minh").unwrap();
        // 10:20 on 28/11/2026 in Hanoi.
        let now = at("2026-11-28T03:20:00Z");
        assert_eq!(
            quick_choices(&hanoi, now),
            ["11:20 28/11/2026", "06:00 29/11/2026", "12:00 29/11/2026"]
        );
        for choice in quick_choices(&hanoi, now) {
            assert!(parse(&choice, "Asia/Ho_Chi_Minh", now).is_ok(), "{choice}");
        }
    }

    #[test]
    fn lateness_is_whole_minutes_never_negative() {
        let due = at("2026-11-28T03:00:00Z");
        assert_eq!(late_minutes(due, at("2026-11-28T03:00:59Z")), 0);
        assert_eq!(late_minutes(due, at("2026-11-28T03:47:10Z")), 47);
        assert_eq!(late_minutes(due, at("2026-11-28T02:00:00Z")), 0);
    }
}
