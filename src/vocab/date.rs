//! Calendar dates: just enough for ISO `YYYY-MM-DD` and "week N starts on …".

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Strict ISO 8601 calendar date, `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit())).and_then(|t| t.parse::<u32>().ok());
        let (y, m, d) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || y < 1900 {
            return None;
        }
        Some(Date { year: y, month: m, day: d })
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    fn to_days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `z` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        Date { year: y as i32, month: m, day: d }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// The date `n` working days (Monday to Friday) before `self`; `self` when `n` is 0. Bank
    /// holidays are not known, so a printer's own calendar may add days.
    pub fn working_days_before(self, n: u32) -> Date {
        let mut d = self;
        let mut left = n;
        while left > 0 {
            d = d.add_days(-1);
            if d.weekday() < 5 {
                left -= 1;
            }
        }
        d
    }

    /// First day of campaign week `week` (1-based) when week 1 starts on `self`.
    pub fn week_start(self, week: u32) -> Date {
        self.add_days(7 * (week as i64 - 1))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A UTC date and time to the second: the one date a print PDF carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Timestamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Timestamp {
    /// Used when no `SOURCE_DATE_EPOCH` is given, so reruns are byte-identical.
    pub const FIXED: Timestamp = Timestamp { year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0 };

    /// UTC calendar time of a Unix timestamp; `None` outside the years 1 to 9999.
    pub fn from_unix(t: i64) -> Option<Timestamp> {
        let d = Date::from_days(t.div_euclid(86_400));
        let secs = t.rem_euclid(86_400);
        if !(1..=9999).contains(&d.year) {
            return None;
        }
        Some(Timestamp {
            year: d.year as u16,
            month: d.month as u8,
            day: d.day as u8,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
        })
    }

    /// `SOURCE_DATE_EPOCH`'s value (reproducible builds) as a timestamp; the fixed date when it
    /// is absent or not a time. The caller reads the environment, once, at the edge.
    pub fn from_source_date_epoch(value: Option<&str>) -> Timestamp {
        value.and_then(|s| s.trim().parse::<i64>().ok()).and_then(Timestamp::from_unix).unwrap_or(Timestamp::FIXED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends_and_cross_month_ends() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("2019-03-18").weekday(), 0, "a Monday");
        assert_eq!(d("2024-03-03").weekday(), 6, "a Sunday");
        assert_eq!(d("2019-04-01").working_days_before(1), d("2019-03-29"), "Monday back to Friday, over a month end");
        assert_eq!(d("2019-04-01").working_days_before(10), d("2019-03-18"));
        assert_eq!(d("2024-03-02").working_days_before(1), d("2024-03-01"), "from a Saturday");
        assert_eq!(d("2024-03-03").working_days_before(2), d("2024-02-29"), "a Sunday, over a leap-year month end");
        assert_eq!(d("2025-01-06").working_days_before(5), d("2024-12-30"), "over a year end");
        assert_eq!(d("2019-04-01").working_days_before(0), d("2019-04-01"));
    }
    #[test]
    fn parses_and_adds() {
        let d = Date::parse("2019-03-18").unwrap();
        assert_eq!(d.week_start(4).to_string(), "2019-04-08");
        assert_eq!(Date::parse("2020-02-29").unwrap().add_days(1).to_string(), "2020-03-01");
        assert!(Date::parse("2019-02-29").is_none());
        assert!(Date::parse("2019-13-01").is_none());
        assert!(Date::parse("18/03/2019").is_none());
    }

    #[test]
    fn unix_time_to_calendar() {
        let t = |y, mo, d, h, mi, s| Timestamp { year: y, month: mo, day: d, hour: h, minute: mi, second: s };
        assert_eq!(Timestamp::from_unix(0), Some(t(1970, 1, 1, 0, 0, 0)));
        // 2019-03-18T09:30:15Z
        assert_eq!(Timestamp::from_unix(1_552_901_415), Some(t(2019, 3, 18, 9, 30, 15)));
        assert_eq!(Timestamp::from_unix(951_782_400).map(|d| (d.month, d.day)), Some((2, 29))); // 2000-02-29
        assert_eq!(Timestamp::from_source_date_epoch(Some(" 0 ")), t(1970, 1, 1, 0, 0, 0));
        assert_eq!(Timestamp::from_source_date_epoch(Some("soon")), Timestamp::FIXED);
        assert_eq!(Timestamp::from_source_date_epoch(None), Timestamp::FIXED);
    }
}
