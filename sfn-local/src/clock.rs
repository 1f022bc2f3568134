//! Virtual time: the executor's clock, which Wait states, retry delays and timeouts advance
//! without sleeping.
//!
//! Time is kept in milliseconds since the Unix epoch. An execution starts at
//! [`RunOptions::start_time`](crate::RunOptions::start_time) and every event of its history is
//! stamped with the virtual time at which it happened, so a test can observe that a Wait of
//! 3,600 seconds took an hour while the test itself took microseconds.

use std::fmt;

/// A point in virtual time: milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Instant(pub i64);

/// The default start of an execution: 2024-01-01T00:00:00Z, so that runs are reproducible.
pub const DEFAULT_START: Instant = Instant(1_704_067_200_000);

impl Instant {
    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// This instant plus `millis` milliseconds (saturating).
    pub fn plus_millis(self, millis: i64) -> Instant {
        Instant(self.0.saturating_add(millis))
    }

    /// This instant plus a number of seconds, which may be fractional (retry delays are).
    pub fn plus_seconds(self, seconds: f64) -> Instant {
        self.plus_millis(seconds_to_millis(seconds))
    }

    /// Parses an RFC 3339 timestamp as AWS accepts it: uppercase `T`, `Z` or a `±hh:mm`
    /// offset, optional fractional seconds of any length (kept to the millisecond).
    ///
    /// ```
    /// use sfn_local::clock::Instant;
    /// let t = Instant::parse_rfc3339("2024-01-01T00:00:01.5Z").unwrap();
    /// assert_eq!(t.to_string(), "2024-01-01T00:00:01.500Z");
    /// assert!(Instant::parse_rfc3339("2024-01-01T00:00:01").is_none());
    /// ```
    pub fn parse_rfc3339(text: &str) -> Option<Instant> {
        parse_rfc3339(text)
    }
}

/// Seconds (possibly fractional) to whole milliseconds, rounding to the nearest.
pub(crate) fn seconds_to_millis(seconds: f64) -> i64 {
    let millis = (seconds * 1000.0).round();
    if millis >= i64::MAX as f64 {
        i64::MAX
    } else if millis <= i64::MIN as f64 {
        i64::MIN
    } else {
        millis as i64
    }
}

impl fmt::Display for Instant {
    /// `2024-01-01T00:00:00.000Z`: the format of AWS's `$$.Execution.StartTime`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            rem / 3600,
            (rem / 60) % 60,
            rem % 60
        )
    }
}

/// Days since the epoch to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) to days since the epoch (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn parse_rfc3339(text: &str) -> Option<Instant> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        } else {
            None
        }
    };
    let year = digits(0..4)?;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    let hour = digits(11..13)?;
    let minute = digits(14..16)?;
    let second = digits(17..19)?;
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        for (k, d) in b[start..i].iter().take(3).enumerate() {
            millis += i64::from(d - b'0') * [100, 10, 1][k];
        }
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let h = digits(i + 1..i + 3)?;
            let m = digits(i + 4..i + 6)?;
            if h > 23 || m > 59 {
                return None;
            }
            let total = h * 60 + m;
            if *sign == b'-' { -total } else { total }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(Instant(secs * 1000 + millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_start_prints_as_new_year_2024() {
        assert_eq!(DEFAULT_START.to_string(), "2024-01-01T00:00:00.000Z");
    }

    #[test]
    fn offsets_are_applied() {
        let a = Instant::parse_rfc3339("2012-10-09T19:00:55+01:00").unwrap();
        let b = Instant::parse_rfc3339("2012-10-09T18:00:55Z").unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn zone_less_and_date_only_values_are_not_timestamps() {
        assert_eq!(Instant::parse_rfc3339("2012-10-09T19:00:55"), None);
        assert_eq!(Instant::parse_rfc3339("2023-02-24"), None);
        assert_eq!(Instant::parse_rfc3339("2012-10-09t19:00:55z"), None);
        assert_eq!(Instant::parse_rfc3339("2023-02-30T00:00:00Z"), None);
    }

    #[test]
    fn fractional_seconds_of_any_length_are_accepted() {
        let t = Instant::parse_rfc3339("2016-03-14T01:59:00.000000Z").unwrap();
        assert_eq!(t.to_string(), "2016-03-14T01:59:00.000Z");
        let t = Instant::parse_rfc3339("2016-03-14T01:59:00.1234Z").unwrap();
        assert_eq!(t.millis() % 1000, 123);
    }

    #[test]
    fn dates_before_the_epoch_round_trip() {
        let t = Instant::parse_rfc3339("1969-12-31T23:59:59.999Z").unwrap();
        assert_eq!(t.millis(), -1);
        assert_eq!(t.to_string(), "1969-12-31T23:59:59.999Z");
    }
}
