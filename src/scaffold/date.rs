//! Asking for a date, again and again until it is one, with a hint in plain words: a person who
//! writes a UK date (`01/09/2026`) is shown how to write it (`2026-09-01`) instead of losing every
//! answer given so far.

use jiff::civil::Date;

use crate::error::{Error, Input};
use crate::scaffold::ask::Ask;
use crate::yaml::values::parse_date;

/// Ask `question` for a date, offering `default` (taken for an empty answer, and without a
/// terminal), until the answer is a date.
pub fn ask_date(ask: &mut dyn Ask, question: &str, default: Date, input: Input) -> Result<Date, Error> {
    let default_text = default.to_string();
    let mut asked = format!("{question} (YYYY-MM-DD)");
    loop {
        let answer = ask.text(&asked, Some(&default_text), input)?;
        let answer = answer.trim();
        let answer = if answer.is_empty() { default_text.as_str() } else { answer };
        match parse_date(answer) {
            Ok(date) => return Ok(date),
            Err(reason) => asked = format!("{}. {question} (YYYY-MM-DD)", hint(answer, &reason)),
        }
    }
}

/// Why `written` is not a date, and how to write it if it looks like a day, month and year.
fn hint(written: &str, reason: &str) -> String {
    match day_month_year(written) {
        Some(date) => {
            format!("`{written}`: write the year first, as {date} for {}", date.strftime("%-d %B %Y"))
        }
        None => format!("`{written}` is not a date: {reason}"),
    }
}

/// `written` read as day, month and year (`01/09/2026`, `1.9.2026`, `1-9-2026`), if it is one.
fn day_month_year(written: &str) -> Option<Date> {
    let parts: Vec<&str> = written.split(['/', '.', '-']).collect();
    let [day, month, year] = parts.as_slice() else { return None };
    if year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scaffold::ask::{NoTerminal, Scripted};

    fn today() -> Date {
        Date::new(2026, 3, 2).expect("date")
    }

    #[test]
    fn asks_again_with_a_hint_until_the_answer_is_a_date() {
        let mut ask = Scripted::new(&["01/09/2026", "2026-02-30", "2026-09-01"]);
        let date = ask_date(&mut ask, "Date", today(), Input::Date).expect("a date at last");
        assert_eq!(date, Date::new(2026, 9, 1).expect("date"));
        assert_eq!(
            ask.asked,
            [
                "Date (YYYY-MM-DD)",
                "`01/09/2026`: write the year first, as 2026-09-01 for 1 September 2026. Date (YYYY-MM-DD)",
                "`2026-02-30` is not a date: February 2026 has 28 days. Date (YYYY-MM-DD)",
            ]
        );
    }

    #[test]
    fn an_empty_answer_or_no_terminal_takes_the_default() {
        let mut ask = Scripted::new(&[""]);
        assert_eq!(ask_date(&mut ask, "Date", today(), Input::Date).expect("default"), today());
        assert_eq!(ask_date(&mut NoTerminal, "Date", today(), Input::Date).expect("default"), today());
    }

    #[test]
    fn only_a_real_day_month_and_year_gets_the_rewritten_hint() {
        assert_eq!(day_month_year("31/12/2026"), Date::new(2026, 12, 31).ok());
        assert_eq!(day_month_year("12/31/2026"), None);
        assert_eq!(day_month_year("2026/12/31"), None);
        assert_eq!(
            hint("next week", "it should be written YYYY-MM-DD"),
            "`next week` is not a date: it should be written YYYY-MM-DD"
        );
    }
}
