//! Dates of claims: a day, a month or a year, as precise as the source is (`2024-05-12`,
//! `2022-03`, `2022`). Validation is jiff's.

use std::fmt;

use jiff::civil::Date as CivilDate;

use crate::error::{Error, Result};

/// How precise a [`Date`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// Year and month are known.
    Month,
    /// The day is known.
    Day,
}

/// A calendar date as precise as its source. A year or month date is in force from the first
/// day of that year or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The first day the date covers.
    first: CivilDate,
    precision: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Result<Date> {
        let s = s.trim();
        let bad = || {
            Error::input(format!("'{s}' is not a date")).hint(
                "write dates as YYYY-MM-DD (or YYYY-MM, YYYY when the source is no more precise)",
            )
        };
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| -> Result<i16> {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<i16>().map_err(|_| bad())
        };
        let (y, m, d, precision) = match parts.as_slice() {
            [y] if y.len() == 4 => (num(y)?, 1, 1, Precision::Year),
            [y, m] if y.len() == 4 && m.len() == 2 => (num(y)?, num(m)?, 1, Precision::Month),
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                (num(y)?, num(m)?, num(d)?, Precision::Day)
            }
            _ => return Err(bad()),
        };
        let (Ok(m8), Ok(d8)) = (i8::try_from(m), i8::try_from(d)) else {
            return Err(bad());
        };
        let first = CivilDate::new(y, m8, d8).map_err(|e| {
            Error::input(format!("'{s}' is not a valid date: {e}"))
                .hint("check the month (01-12) and the day of the month")
        })?;
        Ok(Date {
            first,
            precision: precision as u8,
        })
    }

    /// Today's date in the system's time zone (a day). This is the one input of bordermap that
    /// depends on when it runs (`--as-of today`); everything else is deterministic.
    pub fn today() -> Date {
        Date {
            first: jiff::ZonedDateTime::now().date(),
            precision: Precision::Day as u8,
        }
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match self.precision {
            0 => Precision::Year,
            1 => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first day the date covers, as `(year, month, day)`.
    pub fn ymd(&self) -> (i16, i8, i8) {
        (self.first.year(), self.first.month(), self.first.day())
    }

    /// The first day the date covers, as a day (`2022` → `2022-01-01`).
    pub fn first_day(&self) -> Date {
        Date {
            first: self.first,
            precision: Precision::Day as u8,
        }
    }

    /// Days from `earlier`'s first day to this date's first day (negative when `earlier` is
    /// later).
    pub fn days_since(&self, earlier: &Date) -> i64 {
        earlier
            .first
            .until((jiff::Unit::Day, self.first))
            .map_or(0, |s| i64::from(s.get_days()))
    }

    /// Whether this date is on or before `other` (comparing first days).
    pub fn on_or_before(&self, other: &Date) -> bool {
        self.first <= other.first
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        match self.precision() {
            Precision::Year => write!(f, "{y:04}"),
            Precision::Month => write!(f, "{y:04}-{m:02}"),
            Precision::Day => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
