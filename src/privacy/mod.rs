//! Anonymisation lint: finds identifying details left in a portfolio record's text.
//!
//! Records describe real supervision sessions, so before anyone else reads them they must not carry
//! NHS or National Insurance numbers, dates of birth (whole or in part), full postcodes, street
//! addresses, email addresses, phone numbers, people's names (with a title or without), named
//! wards, hospitals, homes, surgeries, schools and teams, ages with a place, or local case
//! references. [`Scanner::scan`] reports each one as a [`Finding`] with a byte range into the
//! text; it never prints, never panics and never stops at the first one.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

use regex::Regex;

mod age;
mod birth;
mod code;
mod contact;
mod context;
mod names;
mod numbers;
mod partial;
mod people;
mod places;
pub mod reader;
#[cfg(test)]
mod tests;
mod text;
mod words;

pub use code::{Code, Level};

use birth::{dates_of_birth, first_digit, has_birth_word};
use contact::{emails, phones, postcodes};
use names::{has_title_start, names_with_titles};
use numbers::{nhs_numbers, ni_numbers};

/// One finding: what and where (a byte range into the scanned text, on char boundaries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The kind of detail found.
    pub code: Code,
    /// Where it is: a byte range into the scanned text.
    pub range: Range<usize>,
}

/// Why a case-reference pattern was rejected, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError(pub String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatternError {}

/// A configured scanner.
#[derive(Clone, Debug, Default)]
pub struct Scanner {
    /// The local case-reference pattern, if one was configured.
    case_reference: Option<Regex>,
    /// Allowed texts, lowercased with runs of whitespace collapsed to one space.
    allow: Vec<String>,
    /// Every lowercased word of the allowed texts, for surnames after a title.
    allow_words: HashSet<String>,
}

impl Scanner {
    /// A scanner with an optional case-reference pattern and a list of texts never to report.
    ///
    /// `case_reference`: an optional regular expression for local case numbers. It is rejected when
    /// it is not a valid regular expression, is empty, or can match empty text or a single character.
    /// `allow`: texts that are never reported (names of the supervisor, mentor, organisation, an
    /// office address...); empty ones are ignored.
    pub fn new(case_reference: Option<&str>, allow: &[String]) -> Result<Scanner, PatternError> {
        let case_reference = match case_reference {
            None => None,
            Some(pattern) => Some(compile_case_reference(pattern)?),
        };
        Ok(Scanner { case_reference, ..Scanner::default() }.allowing(allow))
    }

    /// This scanner, also never reporting the texts of `more`; empty ones are ignored.
    fn allowing(mut self, more: &[String]) -> Scanner {
        for text in more.iter().map(|a| normalise(a)).filter(|a| !a.is_empty()) {
            let words = text.split(|c: char| !is_name_char(c)).filter(|w| !w.is_empty());
            self.allow_words.extend(words.map(str::to_owned));
            self.allow.push(text);
        }
        self
    }

    /// Every finding in `text`, in order of position, no two overlapping.
    ///
    /// When two codes match overlapping text, the more specific one is kept (an NHS number is not
    /// also a phone number).
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        self.scan_allowing(text, &[])
    }

    /// As [`Scanner::scan`], also never reporting the texts of `also` (such as the names one
    /// record gives its observer and those who signed it).
    pub fn scan_allowing(&self, text: &str, also: &[String]) -> Vec<Finding> {
        let also = Scanner::default().allowing(also);
        let mut found = Vec::new();
        // Names and named places are capitalised words side by side: found once, and only the
        // lines that hold them are searched for places.
        let capitalised = words::capitalised(text, 0..text.len());
        let place_lines = lines_of(text, capitalised.iter().map(|w| w.range.start));
        // NHS and NI numbers, postcodes and phone numbers hold digits and never cross a line, so
        // only the lines with a digit are searched for them: most lines of prose have none. The
        // digits are looked for, and their lines found around them.
        let mut at = 0;
        while let Some(digit) = first_digit(&text.as_bytes()[at..]).map(|i| at + i) {
            let start = text[at..digit].rfind('\n').map_or(at, |i| at + i + 1);
            let end = text[digit..].find('\n').map_or(text.len(), |i| digit + i + 1);
            let line = &text[start..end];
            let mut here = Vec::new();
            // Each needs at least so many digits: a line with a date or a statement number
            // alone is searched for postcodes only.
            let digits = line.bytes().filter(u8::is_ascii_digit).count();
            if digits >= 10 {
                nhs_numbers(line, &mut here);
            }
            if digits >= 6 {
                ni_numbers(line, &mut here);
            }
            postcodes(line, &mut here);
            places::addresses(line, &mut here);
            age::ages_with_places(line, &mut here);
            partial::born_abbreviated(line, &mut here);
            // "Ward 12" is a place without a second capitalised word.
            if !place_lines.contains(&start) && numbered_ward(line) {
                places::places(line, &mut here);
            }
            // A UK number has ten or eleven digits with its leading 0, which +44 stands for.
            if digits >= 9 {
                phones(line, &mut here);
            }
            let shifted =
                here.into_iter().map(|f| Finding { range: f.range.start + start..f.range.end + start, ..f });
            found.extend(shifted);
            at = end;
        }
        // Cheap tests of what a finding cannot do without spare most texts the slower searches.
        if has_birth_word(text) {
            dates_of_birth(text, &mut found);
            partial::partial_dates_of_birth(text, &mut found);
        }
        for &start in &place_lines {
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
            let mut here = Vec::new();
            places::places(&text[start..end], &mut here);
            found.extend(
                here.into_iter().map(|f| Finding { range: f.range.start + start..f.range.end + start, ..f }),
            );
        }
        if text.contains('@') {
            emails(text, &mut found);
        }
        let references = context::References::new(text);
        if has_title_start(text) {
            names_with_titles(text, &references, &mut found);
        }
        people::names(text, &capitalised, &references, &mut found);
        if let Some(re) = &self.case_reference {
            found.extend(
                re.find_iter(text)
                    // Only spaces identify no one, and could not be allowed.
                    .filter(|m| !m.as_str().trim().is_empty())
                    .map(|m| Finding { code: Code::CaseReference, range: m.range() }),
            );
        }
        found.retain(|f| !self.is_allowed(text, f) && !also.is_allowed(text, f));
        resolve_overlaps(found)
    }

    /// Whether an allowed text covers this finding.
    fn is_allowed(&self, text: &str, finding: &Finding) -> bool {
        if self.allow.is_empty() {
            return false;
        }
        let Some(matched) = text.get(finding.range.clone()) else {
            return false;
        };
        let matched = normalise(matched);
        if self.allow.iter().any(|a| a.contains(&matched)) {
            return true;
        }
        match finding.code {
            Code::NameTitle => matched
                .rsplit(|c: char| !is_name_char(c))
                .find(|w| !w.is_empty())
                .is_some_and(|surname| self.allow_words.contains(surname)),
            // A team or place named after the organisation ("the Northshire North Team" when the
            // organisation is Northshire Council): every word that identifies it is allowed.
            Code::Place => {
                let mut words = places::identifying_words(&matched).peekable();
                words.peek().is_some() && words.all(|w| self.allow_words.contains(w))
            }
            _ => false,
        }
    }
}

/// Whether `line` holds "Ward" and a number ("Ward 12"): a place that is not two capitalised
/// words. Looked for only at each "W".
fn numbered_ward(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'W')
        .any(|(i, _)| bytes[i..].starts_with(b"Ward ") && bytes.get(i + 5).is_some_and(u8::is_ascii_digit))
}

/// The starts of the lines of `text` that hold the bytes `at` (in order), each once.
fn lines_of(text: &str, at: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    let mut line_end = 0;
    for at in at {
        if at < line_end {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        starts.push(start);
    }
    starts
}

/// Lowercase `text` and collapse runs of whitespace into single spaces.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A character that can be part of a name word ("O'Brien", "Smith-Jones").
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// Compile the configured case-reference pattern, rejecting ones that cannot work.
fn compile_case_reference(pattern: &str) -> Result<Regex, PatternError> {
    if pattern.trim().is_empty() {
        return Err(PatternError("it is empty".to_owned()));
    }
    let re = Regex::new(pattern).map_err(|e| {
        // The parser draws the pattern over several lines; its last line says what is wrong.
        let text = e.to_string();
        let reason = text.lines().last().unwrap_or_default().trim().trim_start_matches("error: ").to_owned();
        PatternError(format!("it is not a valid regular expression ({reason})"))
    })?;
    const PROBES: [&str; 8] = ["", "a", "A1", " ", "x y", "0", "-/", "\n"];
    if PROBES.iter().any(|p| re.find_iter(p).any(|m| m.is_empty())) {
        return Err(PatternError(
            "it can match empty text, so it would match everywhere; \
             make it require at least one character"
                .to_owned(),
        ));
    }
    if re.find_iter("a Z 0 . - / _ #").any(|m| m.len() == 1) {
        return Err(PatternError(
            "it matches a single character, so it would flag almost every word; \
             make it match a whole case reference, such as `AB[0-9]{6}`"
                .to_owned(),
        ));
    }
    Ok(re)
}

/// Keep the best of overlapping findings (by [`Code::rank`], then earliest, then longest), sorted.
fn resolve_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by_key(|f| (f.code.rank(), f.range.start, std::cmp::Reverse(f.range.end)));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(found.len());
    for f in found {
        if f.range.is_empty() {
            continue;
        }
        let overlaps = taken.range(..f.range.end).next_back().is_some_and(|(_, &end)| end > f.range.start);
        if !overlaps {
            taken.insert(f.range.start, f.range.end);
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| (f.range.start, f.range.end));
    kept
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
