//! Dates of birth: a full date near a word of birth, told apart from a birthday party or a
//! figure of speech; and the cheap tests that spare most texts the searches.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::*;
use super::{Code, Finding};

/// English month names and their usual abbreviations.
pub(super) const MONTHS: &str = concat!(
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?",
    "|sept(?:ember)?|sep|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
);

pub(super) static DATE_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"{START}([0-9]{{1,2}})([/.\-])([0-9]{{1,2}})([/.\-])([0-9]{{4}}|[0-9]{{2}})"))
});
pub(super) static DATE_ISO: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"{START}([0-9]{{4}})([/\-])([0-9]{{2}})([/\-])([0-9]{{2}})")));
pub(super) static DATE_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        concat!(
            // 12 March 1948, 12th of March 1948, 12 Mar. 48, 12-Mar-1948
            r"(?i){START}([0-9]{{1,2}})(?:st|nd|rd|th)?(?:{SP}of)?(?:{SP}|-)",
            r"({MONTHS})\.?,?(?:{SP}|-)([0-9]{{4}}|[0-9]{{2}})"
        ),
        START = START,
        SP = SP,
        MONTHS = MONTHS
    ))
});
pub(super) static DATE_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    // March 12, 1948; Sept 14th 1951
    re(&format!(r"(?i){START}({MONTHS})\.?{SP}([0-9]{{1,2}})(?:st|nd|rd|th)?,?{SP}([0-9]{{4}}|[0-9]{{2}})"))
});
pub(super) static BIRTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?i){START}(d\.o\.b\.?|dob|date{SP}of{SP}birth|birth(?:{SP}|-)?date|birthday|born)"))
});

/// Which kind of birth keyword was found.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum BirthWord {
    /// "DOB", "D.O.B.", "date of birth", "birth date".
    Dob,
    /// "birthday".
    Birthday,
    /// "born".
    Born,
}

/// The month number of a month name or abbreviation.
pub(super) fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether a day and month make a real calendar date (29 February always allowed).
pub(super) fn day_month_ok(day: u32, month: u32) -> bool {
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The text of a capture group, if it took part in the match.
pub(super) fn group_text<'h>(caps: &regex::Captures<'h>, i: usize) -> Option<&'h str> {
    caps.get(i).map(|m| m.as_str())
}

/// Every full date in `text`, sorted and not overlapping.
pub(super) fn full_dates(text: &str) -> Vec<Range<usize>> {
    let mut dates = Vec::new();
    let number =
        |caps: &regex::Captures<'_>, i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let mut push = |caps: &regex::Captures<'_>, ok: bool| {
        let (Some(first), Some(last)) = (caps.get(1), caps.iter().flatten().last()) else { return };
        let range = first.start()..last.end();
        if ok && !alnum_at(text, range.end) && !number_continues(text, range.end, b"/.-:") {
            dates.push(range);
        }
    };
    for caps in DATE_NUMERIC.captures_iter(text) {
        let ok = group_text(&caps, 2) == group_text(&caps, 4)
            && matches!((number(&caps, 1), number(&caps, 3)), (Some(d), Some(m)) if day_month_ok(d, m));
        push(&caps, ok);
    }
    for caps in DATE_ISO.captures_iter(text) {
        let ok = group_text(&caps, 2) == group_text(&caps, 4)
            && matches!((number(&caps, 5), number(&caps, 3)), (Some(d), Some(m)) if day_month_ok(d, m));
        push(&caps, ok);
    }
    for caps in DATE_DAY_MONTH.captures_iter(text) {
        let month = group_text(&caps, 2).and_then(month_number);
        let ok = matches!((number(&caps, 1), month), (Some(d), Some(m)) if day_month_ok(d, m));
        push(&caps, ok);
    }
    for caps in DATE_MONTH_DAY.captures_iter(text) {
        let month = group_text(&caps, 1).and_then(month_number);
        let ok = matches!((number(&caps, 2), month), (Some(d), Some(m)) if day_month_ok(d, m));
        push(&caps, ok);
    }
    dates.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<Range<usize>> = Vec::with_capacity(dates.len());
    for d in dates {
        if kept.last().is_none_or(|k| k.end <= d.start) {
            kept.push(d);
        }
    }
    kept
}

/// Words that end the link between a birth keyword and a date ("born in Leeds and moved on ...").
pub(super) const BREAK_WORDS: &str =
    "after although and because before but since then though until when whereas while";

/// Prepositions that introduce the date of an event rather than a birth ("checked on 12 March").
pub(super) const EVENT_PREPOSITIONS: &str = "after at before by from on since until";

/// Words after "birthday" that make the date that of a celebration ("birthday tea on 14 March").
pub(super) const BIRTHDAY_EVENTS: &str =
    "cake card celebration dinner do gathering lunch meal outing party tea trip";

/// Subjects that are "born" only figuratively ("the idea was born on ...").
pub(super) const FIGURATIVE_SUBJECTS: &str = "\
    approach campaign charity collaboration concept forum framework group groups hub idea ideas \
    initiative method model movement network organisation organization partnership pilot plan policy \
    process program programme project projects scheme service services strategy team template tool \
    toolkit";

/// A line that starts a new block rather than continuing a wrapped sentence: a list item, heading,
/// table row, quote, numbered item or YAML key.
pub(super) static NEW_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \t]*(?:[-*+#|>]|[0-9]+[.)]|[A-Za-z_][A-Za-z0-9_-]*[ \t]*:)"));

/// Whether the text between a birth keyword and a date still links them. With `wrapped`, the gap
/// may cross one line break of a hard-wrapped paragraph ("Her DOB was" / "12/03/1948 ...").
pub(super) fn gap_links(gap: &str, max_words: usize, wrapped: bool) -> bool {
    if let Some((head, tail)) = gap.split_once('\n') {
        // One line break only (a blank line ends the paragraph), into a line that continues it.
        let head = head.strip_suffix('\r').unwrap_or(head);
        return wrapped
            && !tail.contains('\n')
            && !NEW_BLOCK.is_match(tail)
            && gap_links(head, max_words, false)
            && gap_links(tail, max_words.saturating_sub(words(head).count()), false);
    }
    if gap.len() > 60
        || gap.chars().any(|c| c.is_ascii_digit() || matches!(c, '\n' | '\r' | '.' | ';' | '!' | '?'))
    {
        return false;
    }
    let mut count = 0;
    for w in words(gap) {
        count += 1;
        if count > max_words || listed(BREAK_WORDS, w) {
            return false;
        }
    }
    true
}

/// Up to `n` words just before byte `at`, nearest first, within the same sentence.
pub(super) fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
    let start = floor_boundary(text, at.saturating_sub(80));
    let window = text.get(start..at).unwrap_or("");
    let sentence = window.rsplit(['.', ';', '!', '?', '\n']).next().unwrap_or("");
    let mut out: Vec<&str> = words(sentence).collect();
    out.reverse();
    out.truncate(n);
    out
}

/// Whether the word just before a date makes it the date of an event ("On 3 March 2026 she asked
/// for his date of birth").
pub(super) fn introduces_event(text: &str, date_start: usize) -> bool {
    words_before(text, date_start, 1).first().is_some_and(|w| listed(EVENT_PREPOSITIONS, w))
}

/// Whether a "born" at `range` is figurative: "born out of", "born of", "born from", or an idea,
/// project or group that "was born".
pub(super) fn figurative_birth(text: &str, range: &Range<usize>) -> bool {
    let end = ceil_boundary(text, range.end + 12);
    let next = text.get(range.end..end).and_then(|t| words(t).next());
    if next.is_some_and(|w| listed("out of from", w)) {
        return true;
    }
    let before = words_before(text, range.start, 8);
    // "The NHS was born in 1948": an organisation's initials as the subject.
    let initials = |w: &&str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    before.iter().any(|w| listed(FIGURATIVE_SUBJECTS, w))
        || before.get(1).is_some_and(initials) && before.first().is_some_and(|w| listed("was is", w))
}

/// Where the first ASCII digit of `bytes` is. Blocks of 32 bytes are tested whole first, which
/// the compiler does many bytes at a time.
pub(super) fn first_digit(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let blocks = bytes.chunks_exact(BLOCK);
    let rest = blocks.remainder();
    for (index, block) in blocks.enumerate() {
        if block.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            return block.iter().position(u8::is_ascii_digit).map(|i| index * BLOCK + i);
        }
    }
    rest.iter().position(u8::is_ascii_digit).map(|i| bytes.len() - rest.len() + i)
}

/// Whether `text` holds a word that [`BIRTH_WORD`] could match, ignoring case: one pass, with
/// no lowercase copy of the text.
pub(super) fn has_birth_word(text: &str) -> bool {
    static ANY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i-u)dob|d\.o\.b|birth|born"));
    ANY.is_match(text)
}

/// Full dates linked to a birth keyword in the same sentence.
pub(super) fn dates_of_birth(text: &str, found: &mut Vec<Finding>) {
    let mut keywords = Vec::new();
    for caps in BIRTH_WORD.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        if alnum_at(text, m.end()) {
            continue;
        }
        let lower = m.as_str().to_ascii_lowercase();
        let kind = match lower.as_str() {
            "born" => BirthWord::Born,
            "birthday" => BirthWord::Birthday,
            _ => BirthWord::Dob,
        };
        keywords.push((m.range(), kind));
    }
    if keywords.is_empty() {
        return;
    }
    let dates = full_dates(text);
    if dates.is_empty() {
        return;
    }
    let mut bound: Vec<Range<usize>> = Vec::new();
    for (kw, kind) in keywords {
        let i = dates.partition_point(|d| d.start < kw.end);
        // Only a keyword with a date close by needs the (slower) figurative check.
        let after = dates.get(i).is_some_and(|d| d.start - kw.end <= 60);
        let before = i
            .checked_sub(1)
            .and_then(|j| dates.get(j))
            .is_some_and(|d| d.end <= kw.start && kw.start - d.end <= 60);
        if !(after || before) || (kind == BirthWord::Born && figurative_birth(text, &kw)) {
            continue;
        }
        if let Some(d) = dates.get(i)
            && d.start - kw.end <= 60
            && let Some(gap) = text.get(kw.end..d.start)
            && gap_links(gap, 4, true)
        {
            let gap_words: Vec<&str> = words(gap).collect();
            // "date of birth was checked on 12 March 2026": the date of an event, not the birth.
            let event = (kind != BirthWord::Born
                && gap_words
                    .iter()
                    .any(|w| w.len() > 3 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed"))
                && gap_words.last().is_some_and(|w| listed(EVENT_PREPOSITIONS, w)))
                || (kind == BirthWord::Birthday
                    && gap_words.first().is_some_and(|w| listed(BIRTHDAY_EVENTS, w)));
            if !event {
                bound.push(d.clone());
            }
            continue;
        }
        if let Some(d) = i.checked_sub(1).and_then(|j| dates.get(j))
            && d.end <= kw.start
            && kw.start - d.end <= 60
            && let Some(gap) = text.get(d.end..kw.start)
            && gap_links(gap, 4, false)
            && !introduces_event(text, d.start)
        {
            bound.push(d.clone());
        }
    }
    bound.sort_by_key(|r| r.start);
    bound.dedup();
    found.extend(bound.into_iter().map(|range| Finding { code: Code::DateOfBirth, range }));
}

// ---------------------------------------------------------------------------------------------
