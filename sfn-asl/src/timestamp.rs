//! RFC 3339 timestamps as Step Functions reads them: a Wait state's `Timestamp`, the
//! `Timestamp…` Choice operators and `IsTimestamp`.
//!
//! The form is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with an uppercase `T` and `Z`, a
//! fraction of any number of digits, and a zone that is required. A bare date or a time without
//! a zone is not a timestamp.
//!
//! ```
//! use sfn_asl::timestamp::{self, Timestamp};
//! assert!(timestamp::is_timestamp("2016-03-14T01:59:00Z"));
//! assert!(!timestamp::is_timestamp("2016-03-14T01:59:00"));
//! // Timestamps compare as instants.
//! let a = timestamp::parse("2012-10-09T19:00:55+01:00").unwrap();
//! let b = timestamp::parse("2012-10-09T18:00:55Z").unwrap();
//! assert_eq!(a, b);
//! assert_eq!(b, Timestamp { seconds: 1_349_805_655, nanos: 0 });
//! ```

/// An instant: seconds and nanoseconds since 1970-01-01T00:00:00Z. Ordering is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// Whole seconds since the Unix epoch (negative before 1970).
    pub seconds: i64,
    /// Nanoseconds within the second (0 to 999,999,999); digits beyond the ninth are dropped.
    pub nanos: u32,
}

/// Whether `text` is an RFC 3339 timestamp AWS accepts.
pub fn is_timestamp(text: &str) -> bool {
    parse(text).is_some()
}

/// Parses an RFC 3339 timestamp into the instant it names, or `None` when it is not one.
pub fn parse(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    // YYYY-MM-DDTHH:MM:SS is 19 bytes, then at least `Z`.
    if b.len() < 20 {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        b.get(from..from + len)?.iter().try_fold(0i64, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut pos = 19;
    let mut nanos = 0u32;
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            if pos - start < 9 {
                nanos = nanos * 10 + u32::from(b[pos] - b'0');
            }
            pos += 1;
        }
        let digits = pos - start;
        if digits == 0 {
            return None;
        }
        for _ in digits..9 {
            nanos *= 10;
        }
    }
    let offset = match b.get(pos..)? {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (num(pos + 1, 2)?, num(pos + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset * 60;
    Some(Timestamp { seconds, nanos })
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_timestamps_parse() {
        assert_eq!(
            parse("1970-01-01T00:00:00Z"),
            Some(Timestamp {
                seconds: 0,
                nanos: 0
            })
        );
        assert_eq!(
            parse("2016-03-14T01:59:00Z").unwrap().seconds,
            1_457_920_740
        );
    }

    #[test]
    fn fractions_of_any_length_are_accepted() {
        assert_eq!(
            parse("2019-03-26T20:14:13.192Z").unwrap().nanos,
            192_000_000
        );
        assert_eq!(parse("2019-03-26T20:14:13.1Z").unwrap().nanos, 100_000_000);
        assert_eq!(
            parse("2019-03-26T20:14:13.123456789123Z").unwrap().nanos,
            123_456_789
        );
        assert!(parse("2019-03-26T20:14:13.Z").is_none());
    }

    #[test]
    fn offsets_shift_the_instant() {
        let plus = parse("2012-10-09T19:00:55+01:00").unwrap();
        let minus = parse("2012-10-09T17:00:55-01:00").unwrap();
        assert_eq!(plus, minus);
    }

    #[test]
    fn dates_before_the_epoch_are_negative() {
        assert_eq!(parse("1969-12-31T23:59:59Z").unwrap().seconds, -1);
    }

    #[test]
    fn a_zone_is_required() {
        assert!(!is_timestamp("2012-10-09T19:00:55"));
        assert!(!is_timestamp("2023-02-24"));
    }

    #[test]
    fn lowercase_t_and_z_are_rejected() {
        assert!(!is_timestamp("2012-10-09t19:00:55Z"));
        assert!(!is_timestamp("2012-10-09T19:00:55z"));
        assert!(!is_timestamp("2012-10-09 19:00:55Z"));
    }

    #[test]
    fn out_of_range_fields_are_rejected() {
        for bad in [
            "2012-13-09T19:00:55Z",
            "2012-02-30T19:00:55Z",
            "2013-02-29T19:00:55Z",
            "2012-10-09T24:00:00Z",
            "2012-10-09T19:60:00Z",
            "2012-10-09T19:00:60Z",
            "2012-10-09T19:00:55+24:00",
            "2012-10-09T19:00:55+0100",
            "2012-10-09T19:00:55Z ",
            "２012-10-09T19:00:55Z",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
        assert!(is_timestamp("2012-02-29T19:00:55Z"));
        assert!(is_timestamp("2000-02-29T19:00:55Z"));
    }
}
