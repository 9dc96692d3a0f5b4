//! Reading single values as written in YAML: dates and booleans.

use jiff::civil::Date;

/// Read a `YYYY-MM-DD` date, or say in plain words why it is not one.
pub fn parse_date(written: &str) -> Result<Date, String> {
    let text = written.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = parts.len() == 3
        && [4, 2, 2].iter().zip(&parts).all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return Err(match likely_date(text) {
            Some(date) => format!("it should be written YYYY-MM-DD, such as {date} for {}", long_date(date)),
            None => "it should be written YYYY-MM-DD".to_owned(),
        });
    }
    let number = |p: &str| p.parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(parts[0]), number(parts[1]), number(parts[2]));
    if year < 1900 {
        return Err(format!("the year {year} is too early"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    let first = Date::new(year, month as i8, 1).map_err(|e| e.to_string())?;
    let days = first.days_in_month();
    if day < 1 || day > i16::from(days) {
        return Err(format!("{} {year} has {days} days", first.strftime("%B")));
    }
    Date::new(year, month as i8, day as i8).map_err(|e| e.to_string())
}

/// The date a person most likely meant by a date not written `YYYY-MM-DD`: day first as in the
/// UK (`1/9/2026`, `01.09.26`, `1 September 2026`), or year first with other separators or no
/// leading zeros (`2026/9/1`). Only for offering back to them in the right form: a date is never
/// taken from it without asking, as `01/09/2026` is 9 January to some.
pub fn likely_date(written: &str) -> Option<Date> {
    let parts: Vec<&str> = written.split(['/', '.', '-', ' ', ',']).filter(|p| !p.is_empty()).collect();
    let [first, second, third] = parts[..] else { return None };
    let (year, month, day) = if first.len() == 4 && digits(first, 4).is_some() {
        (digits(first, 4)?, digits(second, 2)?, digits(third, 2)?)
    } else {
        let (day, month) = match month_named(first) {
            Some(month) => (second, month),
            None => (first, month_named(second).or_else(|| digits(second, 2))?),
        };
        (year_of(third)?, month, digits(day, 2)?)
    };
    let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    (year >= 1900).then_some(date)
}

/// `text` as a number, if it is 1 to `most` digits.
fn digits(text: &str, most: usize) -> Option<i16> {
    let plain = (1..=most).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    plain.then(|| text.parse().ok()).flatten()
}

/// A year written in full, or by its last two digits (this century).
fn year_of(text: &str) -> Option<i16> {
    match text.len() {
        2 => digits(text, 2).map(|year| 2000 + year),
        4 => digits(text, 4),
        _ => None,
    }
}

/// The month a word names, in English, whole or its first three letters (`Sep`, `Sept`).
fn month_named(word: &str) -> Option<i16> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| m.starts_with(&word) || (word == "sept" && *m == "september"))?;
    i16::try_from(index + 1).ok()
}

/// A date in words, as people in the UK write it: `1 September 2026`.
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// Read `true` or `false` as YAML writes them.
pub fn parse_bool(written: &str) -> Option<bool> {
    match written.trim() {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Whether a value as written means "nothing": empty, `~` or `null`.
pub fn is_blank(written: &str) -> bool {
    matches!(written.trim(), "" | "~" | "null" | "Null" | "NULL")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-03-02").map(|d| d.to_string()), Ok("2026-03-02".to_owned()));
        assert_eq!(parse_date("2026-02-30"), Err("February 2026 has 28 days".to_owned()));
        assert_eq!(parse_date("2024-02-30"), Err("February 2024 has 29 days".to_owned()));
        assert_eq!(parse_date("2026-13-01"), Err("there is no month 13".to_owned()));
        assert_eq!(
            parse_date("2/3/2026"),
            Err("it should be written YYYY-MM-DD, such as 2026-03-02 for 2 March 2026".to_owned())
        );
        assert_eq!(
            parse_date("2026-3-2"),
            Err("it should be written YYYY-MM-DD, such as 2026-03-02 for 2 March 2026".to_owned())
        );
        assert_eq!(parse_date("March"), Err("it should be written YYYY-MM-DD".to_owned()));
        assert_eq!(parse_date("0026-03-02"), Err("the year 26 is too early".to_owned()));
    }

    #[test]
    fn dates_not_written_year_month_day_are_read_as_a_person_in_the_uk_means_them() {
        let table = [
            ("01/09/2026", Some("2026-09-01")),
            ("1/9/2026", Some("2026-09-01")),
            ("1.9.26", Some("2026-09-01")),
            ("13-09-2026", Some("2026-09-13")),
            ("1 September 2026", Some("2026-09-01")),
            ("1 sept 2026", Some("2026-09-01")),
            ("Sep 1, 2026", Some("2026-09-01")),
            ("Sept 1 2026", Some("2026-09-01")),
            ("2026/9/1", Some("2026-09-01")),
            ("2026-9-1", Some("2026-09-01")),
            ("09/13/2026", None),
            ("31/02/2026", None),
            ("1 Smarch 2026", None),
            ("1 ma 2026", None),
            ("1/9/202", None),
            ("1/9/0026", None),
            ("1/9", None),
            ("next Tuesday", None),
            ("", None),
        ];
        for (written, meant) in table {
            assert_eq!(likely_date(written).map(|d| d.to_string()).as_deref(), meant, "{written:?}");
        }
        assert_eq!(long_date(Date::new(2026, 9, 1).expect("date")), "1 September 2026");
    }

    #[test]
    fn booleans_and_blanks() {
        assert_eq!(parse_bool("True"), Some(true));
        assert_eq!(parse_bool("no"), None);
        assert!(is_blank(" ~ ") && is_blank("") && !is_blank("0"));
    }
}
