//! The business calendar: weekends, public holidays and make-up working days (调休).
//!
//! Ships China's 2026 arrangement as editable default data; later years are added as settings.
//! The State Council publishes each year's arrangement in November or December, so the calendar
//! knows which years a leader has entered or confirmed ([`BusinessCalendar::covers`]); a
//! working-day count through any other year says so rather than silently counting that year's
//! holidays as working days.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Whether day clocks count calendar days or working days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DayMode {
    #[default]
    CalendarDays,
    WorkingDays,
}

/// A public holiday: an inclusive range of days off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub name_zh: String,
    pub name_en: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Holiday {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }
}

/// Weekends, public holidays and make-up working days. A working day is any Monday to Friday
/// that is not a day off, plus every make-up working day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub holidays: Vec<Holiday>,
    pub make_up_days: BTreeSet<NaiveDate>,
    /// The years a leader has entered or confirmed, including a year with no change beyond
    /// the weekends. Working days are known only in these years.
    pub covered_years: BTreeSet<i32>,
}

/// From this month on, next year's calendar is due: the State Council publishes it in November
/// or December.
pub const NEXT_YEAR_DUE_MONTH: u32 = 11;

/// Longest run of days off the calendar searches through before giving up (a calendar with no
/// working day at all then counts every day as one, so due times stay finite).
const SEARCH_LIMIT: u32 = 3660;

impl BusinessCalendar {
    /// Plain weekends, no holidays, and no year covered.
    pub fn weekends_only() -> Self {
        Self::default()
    }

    /// A calendar as read from data. One written before years were confirmed
    /// (`covered_years` is `None`) covers the years its holidays and make-up days fall in, so
    /// that every year a leader entered then still counts as entered.
    pub fn read(
        holidays: Vec<Holiday>,
        make_up_days: BTreeSet<NaiveDate>,
        covered_years: Option<BTreeSet<i32>>,
    ) -> Self {
        let mut calendar = BusinessCalendar {
            holidays,
            make_up_days,
            covered_years: BTreeSet::new(),
        };
        calendar.covered_years = covered_years.unwrap_or_else(|| calendar.entered_years());
        calendar
    }

    /// The years its holidays and make-up working days fall in.
    pub fn entered_years(&self) -> BTreeSet<i32> {
        super::order::set(
            self.holidays
                .iter()
                .flat_map(|h| [h.first.year(), h.last.year()])
                .chain(self.make_up_days.iter().map(|d| d.year())),
        )
    }

    /// Whether a leader has entered or confirmed `year`, so its working days are known.
    pub fn covers(&self, year: i32) -> bool {
        self.covered_years.contains(&year)
    }

    /// The first year from `first` to `last` (inclusive) that is not covered.
    pub fn first_uncovered_year(&self, first: NaiveDate, last: NaiveDate) -> Option<i32> {
        (first.year()..=last.year()).find(|y| !self.covers(*y))
    }

    /// The calendar with `year`'s holidays and make-up days replaced by the ones given, and the
    /// year covered.
    pub fn with_year_entered(
        mut self,
        year: i32,
        holidays: Vec<Holiday>,
        make_up_days: BTreeSet<NaiveDate>,
    ) -> Self {
        self.holidays.retain(|h| h.first.year() != year);
        self.holidays.extend(holidays);
        crate::domain::order::sort_by_key(&mut self.holidays, |h| h.first);
        self.make_up_days.retain(|d| d.year() != year);
        self.make_up_days.extend(make_up_days);
        self.with_year_confirmed(year)
    }

    /// The calendar with `year` covered as it stands: whatever holidays it already has there,
    /// else weekends only.
    pub fn with_year_confirmed(mut self, year: i32) -> Self {
        self.covered_years.insert(year);
        self
    }

    /// The year whose calendar a leader should add on `today`: this year when it is not
    /// covered, else next year from 1 November on when that is not covered.
    pub fn year_to_add(&self, today: NaiveDate) -> Option<i32> {
        let this = today.year();
        if !self.covers(this) {
            Some(this)
        } else if today.month() >= NEXT_YEAR_DUE_MONTH && !self.covers(this + 1) {
            Some(this + 1)
        } else {
            None
        }
    }

    /// China 2026, from the State Council notice of 2025-11-04.
    pub fn cn_2026() -> Self {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("valid 2026 date");
        let holiday = |zh: &str, en: &str, first, last| Holiday {
            name_zh: zh.into(),
            name_en: en.into(),
            first,
            last,
        };
        BusinessCalendar {
            holidays: vec![
                holiday("元旦", "New Year's Day", d(1, 1), d(1, 3)),
                holiday("春节", "Spring Festival", d(2, 15), d(2, 23)),
                holiday("清明节", "Qingming", d(4, 4), d(4, 6)),
                holiday("劳动节", "Labour Day", d(5, 1), d(5, 5)),
                holiday("端午节", "Dragon Boat", d(6, 19), d(6, 21)),
                holiday("中秋节", "Mid-Autumn", d(9, 25), d(9, 27)),
                holiday("国庆节", "National Day", d(10, 1), d(10, 7)),
            ],
            make_up_days: [d(1, 4), d(2, 14), d(2, 28), d(5, 9), d(9, 20), d(10, 10)]
                .into_iter()
                .collect(),
            covered_years: super::order::set([2026]),
        }
    }

    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.holidays.iter().any(|h| h.contains(day))
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.make_up_days.contains(&day) {
            return true;
        }
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(day)
    }

    /// `day` itself when it is a working day, else the next working day.
    pub fn working_day_on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        for _ in 0..SEARCH_LIMIT {
            if self.is_working_day(d) {
                return d;
            }
            d = next(d);
        }
        day
    }

    /// The `n`th working day after `day` (`day` itself does not count; n = 0 gives `day`).
    pub fn nth_working_day_after(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut d = day;
        for _ in 0..n {
            d = self.working_day_on_or_after(next(d));
        }
        d
    }
}

fn next(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}
