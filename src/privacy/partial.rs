//! Partial dates of birth: a month and year, or a year, given as when someone was born ("born
//! in May 1938", "DOB 06/1947", "b. 1949", "YOB 1950").

use std::sync::LazyLock;

use regex::Regex;

use super::birth::{BIRTH_WORD, EVENT_PREPOSITIONS, MONTHS, figurative_birth, gap_links};
use super::text::*;
use super::{Code, Finding};

/// A month and year, a month and year in figures, or a year, that could be when someone was born.
static PARTIAL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        concat!(
            r"(?i){START}((?:(?:{MONTHS})\.?,?(?:{SP}|-)(?:of{SP})?|(?:0?[1-9]|1[0-2])[/.\-])?(?:19[0-9]{{2}}|20[0-2][0-9])",
            r"(?:-(?:0[1-9]|1[0-2]))?|['’][0-9]{{2}})(?:[^0-9\p{{L}}]|$)"
        ),
        START = START,
        SP = SP,
        MONTHS = MONTHS,
    ))
});

/// "b. 1949": the abbreviation of "born" before a year.
static BORN_ABBREVIATED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i){START}(b\.{SP}?(?:(?:0?[1-9]|1[0-2])/|(?:{MONTHS})\.?{SP})?(?:19[0-9]{{2}}|20[0-2][0-9]))(?-u:\b)"
    ))
});

/// "year of birth", which [`BIRTH_WORD`] does not hold.
static YEAR_OF_BIRTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i){START}(year{SP}of{SP}birth|birth{SP}year|yob|date_of_birth|birth_date|year_of_birth|birth:)"
    ))
});

/// "b. 1949" in a `line` (one with a digit): the abbreviation of "born" before a year.
pub(super) fn born_abbreviated(line: &str, found: &mut Vec<Finding>) {
    // "b." as a word of its own before a digit or a month: rare, so looked for first. "YOB", which
    // the text-wide test for words of birth leaves out, is looked for here too: it needs a year.
    let bytes = line.as_bytes();
    let word_start = |i: usize| i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
    let mut abbreviated = false;
    let mut yob = false;
    for i in 1..bytes.len() {
        match bytes[i] {
            b'.' if bytes[i - 1] == b'b' && word_start(i - 1) => {
                let after = line[i + 1..].trim_start_matches([' ', '\u{A0}']);
                abbreviated |= after.starts_with(|c: char| c.is_alphanumeric());
            }
            b'b' | b'B'
                if i >= 2
                    && bytes[i - 1].eq_ignore_ascii_case(&b'o')
                    && bytes[i - 2].eq_ignore_ascii_case(&b'y') =>
            {
                yob |= word_start(i - 2) && bytes.get(i + 1).is_none_or(|b| !b.is_ascii_alphanumeric());
            }
            _ => {}
        }
    }
    if yob {
        partial_dates_of_birth(line, found);
    }
    if abbreviated {
        for caps in BORN_ABBREVIATED.captures_iter(line) {
            if let Some(m) = caps.get(1) {
                found.push(Finding { code: Code::PartialDateOfBirth, range: m.range() });
            }
        }
    }
}

/// Partial dates linked to a word of birth in the same sentence, in a text that holds one
/// ([`super::birth::has_birth_word`]); full dates of birth are found by
/// [`super::birth::dates_of_birth`] and win where both match.
pub(super) fn partial_dates_of_birth(text: &str, found: &mut Vec<Finding>) {
    let mut keywords: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
    for caps in BIRTH_WORD.captures_iter(text).chain(YEAR_OF_BIRTH.captures_iter(text)) {
        let Some(m) = caps.get(1) else { continue };
        if alnum_at(text, m.end()) {
            continue;
        }
        let lower = m.as_str().to_ascii_lowercase();
        if lower == "birthday" {
            continue;
        }
        keywords.push((m.range(), lower == "born"));
    }
    for (kw, born) in keywords {
        if born && figurative_birth(text, &kw) {
            continue;
        }
        // "April 1943: born at home": the date just before.
        let back = floor_boundary(text, kw.start.saturating_sub(24));
        if born
            && let Some(date) =
                PARTIAL_DATE.captures_iter(&text[back..kw.start]).filter_map(|c| c.get(1)).last()
        {
            let gap = &text[back + date.end()..kw.start];
            if gap.trim_matches(|c: char| c.is_whitespace() || ":,-–—".contains(c)).is_empty()
                && !gap.is_empty()
            {
                found.push(Finding {
                    code: Code::PartialDateOfBirth,
                    range: back + date.start()..back + date.end(),
                });
                continue;
            }
        }
        let end = ceil_boundary(text, kw.end + 50);
        let window = &text[kw.end..end];
        let Some(caps) = PARTIAL_DATE.captures(window) else { continue };
        let Some(date) = caps.get(1) else { continue };
        let range = kw.end + date.start()..kw.end + date.end();
        if number_continues(text, range.end, b"/.-:") || alnum_at(text, range.end) {
            continue;
        }
        let gap = &text[kw.end..range.start];
        // "born c. 1930": about then.
        let linked = gap_links(gap, 4, true)
            || ["c. ", "c.", "ca. ", "circa "]
                .iter()
                .any(|c| gap.ends_with(c) && gap_links(&gap[..gap.len() - c.len()], 4, true));
        // "The Born in Bradford study (2007)": a year in brackets is a work's; "born in the 2020
        // lockdown": a year before a noun is the noun's.
        let next = words(&text[range.end..ceil_boundary(text, range.end + 16)]).next().unwrap_or("");
        let before_noun = gap.ends_with("the ") && next.starts_with(char::is_lowercase);
        if gap.ends_with('(') || !linked || before_noun {
            continue;
        }
        // "born ... since 1990", "DOB ... by 2026": the year of something else.
        let last = words(gap).last().map(str::to_ascii_lowercase);
        if last.as_deref().is_some_and(|w| listed(EVENT_PREPOSITIONS, w) && w != "on" || w == "since") {
            continue;
        }
        // "DOB checked on ... 2026": an event's date, as for full dates.
        let event = words(gap).any(|w| w.len() > 3 && w.to_ascii_lowercase().ends_with("ed"))
            && last.as_deref().is_some_and(|w| listed(EVENT_PREPOSITIONS, w));
        if !born && event {
            continue;
        }
        found.push(Finding { code: Code::PartialDateOfBirth, range });
    }
}
