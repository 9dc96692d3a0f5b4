//! The pathway year: when each requirement's records are due, from the day the pathway started
//! and the framework's `due_months`, and which are done, overdue or still to come. Pure: no
//! files, no printing.
//!
//! A requirement asking for `min` records with `due_months: [9, 12]` has its first record due by
//! month 9 (the start date plus nine months) and its second by month 12. The records that count
//! for it are taken in date order: the earliest is the first, and so on.

use std::collections::HashMap;

use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::coverage::Coverage;
use crate::framework::Framework;
use crate::model::RecordType;
use crate::rules::Record;

/// Where a due record stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// In the portfolio, dated by its due date.
    Done,
    /// In the portfolio, dated after its due date.
    DoneLate,
    /// Not in the portfolio, and its due date has passed.
    Overdue,
    /// Not in the portfolio yet, and not yet due.
    Upcoming,
}

/// One record a requirement asks for, with its due date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// The requirement's id.
    pub requirement: String,
    /// Its label.
    pub label: String,
    /// The record type it counts.
    pub record_type: RecordType,
    /// The kind it counts, if only one does.
    pub kind: Option<String>,
    /// Which of its records this is (1-based) and how many it asks for.
    pub occurrence: (usize, usize),
    /// The month of the pathway by which it is due.
    pub month: u32,
    /// The date by which it is due: the start plus `month` months.
    pub date: Date,
    /// The record that does it, with its date, if there is one.
    pub record: Option<(String, Date)>,
    /// For one not done: the file of a draft that would do it once marked ready.
    pub draft: Option<String>,
    /// Where it stands today.
    pub state: State,
}

impl Due {
    /// The requirement, and which of its records this is when it asks for more than one:
    /// "Two direct observations (1 of 2)".
    pub fn what(&self) -> String {
        let (n, of) = self.occurrence;
        if of > 1 { format!("{} ({n} of {of})", self.label) } else { self.label.clone() }
    }
}

/// The pathway as it stands on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pathway {
    /// The day it started.
    pub started: Date,
    /// The day it is seen from.
    pub today: Date,
    /// Whole months since it started (0 in the first month).
    pub months: i32,
    /// Every due record, by due date, then in framework order.
    pub due: Vec<Due>,
}

impl Pathway {
    /// The pathway of a portfolio that started on `started`, seen on `today`.
    pub fn compute(
        framework: &Framework,
        coverage: &Coverage,
        records: &[Record],
        started: Date,
        today: Date,
    ) -> Pathway {
        let dates: HashMap<&str, Date> =
            records.iter().filter_map(|r| r.date.map(|d| (r.id.as_str(), d))).collect();
        let mut due = Vec::new();
        for (requirement, result) in framework.requirements.iter().zip(&coverage.requirements) {
            let mut done: Vec<(Date, &str)> = result
                .records
                .iter()
                .filter_map(|id| dates.get(id.as_str()).map(|d| (*d, id.as_str())))
                // A record dated after the day the year is seen from has not happened yet.
                .filter(|(d, _)| *d <= today)
                .collect();
            done.sort();
            // Drafts of the type and kind, by date, stand in line for the occurrences not done.
            let mut drafts: Vec<&Record> = records
                .iter()
                .filter(|r| r.draft && r.record_type == Some(requirement.record_type))
                .filter(|r| requirement.kind.is_none() || r.kind == requirement.kind)
                .collect();
            drafts.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
            let count = requirement.min.max(requirement.due_months.len());
            for (index, &month) in requirement.due_months.iter().enumerate() {
                let date = started.checked_add(i64::from(month).months()).unwrap_or(started);
                let record = done.get(index).map(|(d, id)| ((*id).to_owned(), *d));
                let draft = match record {
                    Some(_) => None,
                    None => drafts.get(index - done.len()).map(|r| r.file.clone()),
                };
                let state = match &record {
                    Some((_, on)) if *on <= date => State::Done,
                    Some(_) => State::DoneLate,
                    None if date < today => State::Overdue,
                    None => State::Upcoming,
                };
                due.push(Due {
                    requirement: requirement.id.clone(),
                    label: requirement.label.clone(),
                    record_type: requirement.record_type,
                    kind: requirement.kind.clone(),
                    occurrence: (index + 1, count),
                    month,
                    date,
                    record,
                    draft,
                    state,
                });
            }
        }
        due.sort_by_key(|d| d.date);
        let months = started.until((jiff::Unit::Month, today)).map_or(0, |span| span.get_months());
        Pathway { started, today, months, due }
    }

    /// The records overdue today.
    pub fn overdue(&self) -> impl Iterator<Item = &Due> {
        self.due.iter().filter(|d| d.state == State::Overdue)
    }

    /// The first record not yet done and not yet due.
    pub fn next(&self) -> Option<&Due> {
        self.due.iter().find(|d| d.state == State::Upcoming)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_FRAMEWORK;
    use crate::text::ordinal;

    fn date(text: &str) -> Date {
        text.parse().expect("date")
    }

    #[test]
    fn months_and_ordinals() {
        let framework = Framework::built_in(DEFAULT_FRAMEWORK).expect("framework");
        let coverage = Coverage::compute(&framework, &[]);
        let pathway = Pathway::compute(&framework, &coverage, &[], date("2026-01-31"), date("2026-03-30"));
        assert_eq!(pathway.months, 1, "from 31 January to 30 March is one whole month");
        let first = &pathway.due[0];
        assert_eq!((first.month, first.date), (2, date("2026-03-31")), "month 2 of a start on 31 January");
        assert_eq!(first.state, State::Upcoming);
        let later = Pathway::compute(&framework, &coverage, &[], date("2026-01-31"), date("2026-04-01"));
        let overdue: Vec<&str> = later.overdue().map(|d| d.requirement.as_str()).collect();
        assert_eq!(overdue, ["self-assessment", "pdp"]);
        assert_eq!(
            (ordinal(1), ordinal(2), ordinal(11)),
            ("first".to_owned(), "second".to_owned(), "number 11".to_owned())
        );
    }
}
