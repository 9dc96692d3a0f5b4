//! Reading single values as written in YAML: dates and booleans.

use jiff::civil::Date;

/// Read a `YYYY-MM-DD` date, or say in plain words why it is not one.
pub fn parse_date(written: &str) -> Result<Date, String> {
    let text = written.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = parts.len() == 3
        && [4, 2, 2].iter().zip(&parts).all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return Err("it should be written YYYY-MM-DD".to_owned());
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
        assert_eq!(parse_date("2/3/2026"), Err("it should be written YYYY-MM-DD".to_owned()));
        assert_eq!(parse_date("2026-3-2"), Err("it should be written YYYY-MM-DD".to_owned()));
        assert_eq!(parse_date("0026-03-02"), Err("the year 26 is too early".to_owned()));
    }

    #[test]
    fn booleans_and_blanks() {
        assert_eq!(parse_bool("True"), Some(true));
        assert_eq!(parse_bool("no"), None);
        assert!(is_blank(" ~ ") && is_blank("") && !is_blank("0"));
    }
}
