//! NHS numbers (with their checksum) and National Insurance numbers.

use std::sync::LazyLock;

use regex::Regex;

use super::text::*;
use super::{Code, Finding};

pub(super) static NHS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{START}([0-9]{{3}}(?:[0-9]{{3}}[0-9]{{4}}|{SP}[0-9]{{3}}{SP}[0-9]{{4}}|-[0-9]{{3}}-[0-9]{{4}}))"
    ))
});

/// Whether ten digits carry a valid NHS mod-11 check digit.
pub(super) fn nhs_checksum_ok(digits: &[u8]) -> bool {
    if digits.len() != 10 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits[..9].iter().zip((2..=10).rev()).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == u32::from(digits[9] - b'0')
}

/// NHS numbers: ten digits, together or spaced 3-3-4, with a valid check digit.
pub(super) fn nhs_numbers(text: &str, found: &mut Vec<Finding>) {
    for caps in NHS.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        if alnum_at(text, m.end())
            || number_continues(text, m.end(), b".,")
            || number_precedes(text, m.start(), b".,")
        {
            continue;
        }
        let digits: Vec<u8> = m.as_str().bytes().filter(u8::is_ascii_digit).collect();
        if nhs_checksum_ok(&digits) {
            found.push(Finding { code: Code::NhsNumber, range: m.range() });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// National Insurance numbers

pub(super) static NI: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"{START}(([A-Za-z]{{2}}{SP}?[0-9]{{2}}{SP}?[0-9]{{2}}{SP}?[0-9]{{2}})(?:{SP}?[A-Da-d])?)"))
});

/// Whether a two-letter prefix (uppercase) can start an allocated National Insurance number.
pub(super) fn ni_prefix_ok(first: u8, second: u8) -> bool {
    !b"DFIQUV".contains(&first)
        && !b"DFIOQUV".contains(&second)
        && !matches!(&[first, second], b"BG" | b"GB" | b"NK" | b"KN" | b"TN" | b"NT" | b"ZZ")
}

/// Whether "NI", "NINO" or "National Insurance" comes just before byte `at` on the same line.
pub(super) fn ni_context_before(text: &str, at: usize) -> bool {
    let start = floor_boundary(text, at.saturating_sub(40));
    let line = text.get(start..at).and_then(|w| w.rsplit('\n').next()).unwrap_or("");
    words(line).any(|w| listed("ni nino insurance", w))
}

/// National Insurance numbers with an allocated prefix, in one consistent case.
pub(super) fn ni_numbers(text: &str, found: &mut Vec<Finding>) {
    for caps in NI.captures_iter(text) {
        let (Some(whole), Some(without_suffix)) = (caps.get(1), caps.get(2)) else { continue };
        // The final letter is sometimes left off; then only "NI"/"National Insurance" just before
        // tells a number like "SL 12 34 56" from any other reference.
        let m = if alnum_at(text, whole.end()) { without_suffix } else { whole };
        if alnum_at(text, m.end()) {
            continue;
        }
        let letters: Vec<u8> = m.as_str().bytes().filter(u8::is_ascii_alphabetic).collect();
        let all_upper = letters.iter().all(u8::is_ascii_uppercase);
        let all_lower = letters.iter().all(u8::is_ascii_lowercase);
        if letters.len() < 2 || !(all_upper || all_lower) {
            continue;
        }
        if letters.len() == 2 && !ni_context_before(text, m.start()) {
            continue;
        }
        if ni_prefix_ok(letters[0].to_ascii_uppercase(), letters[1].to_ascii_uppercase()) {
            found.push(Finding { code: Code::NiNumber, range: m.range() });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Postcodes
