//! Postcodes, email addresses and phone numbers.

use std::sync::LazyLock;

use regex::Regex;

use super::text::*;
use super::{Code, Finding};

pub(super) static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"{START}(GIR{SP}?0AA|([A-Z]{{1,2}}[0-9][A-Z0-9]?){SP}?([0-9][A-Z]{{2}}))"))
});

/// Whether an outward code (the part before the space) follows the Royal Mail rules.
pub(super) fn outward_ok(outward: &[u8]) -> bool {
    let first_ok = |c: u8| !b"QVX".contains(&c);
    // Only B, E, G, L, M, N, S and W are areas of one letter ("Y1D 7NG" is a handle, not York).
    let alone_ok = |c: u8| b"BEGLMNSW".contains(&c);
    let second_ok = |c: u8| !b"IJZ".contains(&c);
    let d = |c: &u8| c.is_ascii_digit();
    let l = |c: &u8| c.is_ascii_uppercase();
    match outward {
        [a, n] if l(a) && d(n) => alone_ok(*a),
        [a, n, m] if l(a) && d(n) && d(m) => alone_ok(*a),
        [a, n, x] if l(a) && d(n) && l(x) => alone_ok(*a) && b"ABCDEFGHJKPSTUW".contains(x),
        [a, b, n] if l(a) && l(b) && d(n) => first_ok(*a) && second_ok(*b),
        [a, b, n, m] if l(a) && l(b) && d(n) && d(m) => first_ok(*a) && second_ok(*b),
        [a, b, n, x] if l(a) && l(b) && d(n) && l(x) => {
            first_ok(*a) && second_ok(*b) && b"ABEHMNPRVWXY".contains(x)
        }
        _ => false,
    }
}

/// Full UK postcodes in capitals, with or without the space.
pub(super) fn postcodes(text: &str, found: &mut Vec<Finding>) {
    for caps in POSTCODE.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        if alnum_at(text, m.end()) {
            continue;
        }
        let ok = match (caps.get(2), caps.get(3)) {
            (Some(outward), Some(inward)) => {
                outward_ok(outward.as_str().as_bytes())
                    && inward.as_str().bytes().skip(1).all(|c| !b"CIKMOV".contains(&c))
            }
            _ => true, // GIR 0AA
        };
        if ok {
            found.push(Finding { code: Code::Postcode, range: m.range() });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Email addresses

pub(super) static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        // Not inside a longer address-like run.
        r"(?:^|[^\p{L}\p{N}._%+\-@])",
        // Local part, then the domain's labels (group 2) ending in a top-level domain (group 3).
        r"([A-Za-z0-9][A-Za-z0-9._%+\-]*@",
        r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,24})))",
    ))
});

/// Local parts that describe an address format rather than being one ("firstname.lastname@nhs.net").
pub(super) const PLACEHOLDER_LOCAL_PARTS: &str = "\
    first.last firstname firstname.lastname firstname.surname forename.surname name name.surname someone \
    user username your.name yourname";

/// Domains reserved for documentation (RFC 2606), and file extensions that are not top-level domains.
pub(super) const PLACEHOLDER_DOMAINS: &str = "example.com example.org example.net";
pub(super) const NOT_TLDS: &str =
    "example test invalid localhost png jpg jpeg gif svg webp pdf docx xlsx pptx txt csv html htm";

/// Email addresses, except documentation placeholders and things like `logo@2x.png`.
pub(super) fn emails(text: &str, found: &mut Vec<Finding>) {
    for caps in EMAIL.captures_iter(text) {
        let (Some(m), Some(domain), Some(tld)) = (caps.get(1), caps.get(2), caps.get(3)) else { continue };
        if char_at(text, m.end()).is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '@')) {
            continue;
        }
        // `git@host:path` is an SSH remote, not a mailbox.
        if text.as_bytes().get(m.end()) == Some(&b':')
            && char_at(text, m.end() + 1).is_some_and(|c| !c.is_whitespace())
        {
            continue;
        }
        let local = m.as_str().split('@').next().unwrap_or("").to_ascii_lowercase();
        if listed(PLACEHOLDER_LOCAL_PARTS, &local) {
            continue;
        }
        let domain = domain.as_str().to_ascii_lowercase();
        let tld = tld.as_str().to_ascii_lowercase();
        let placeholder =
            PLACEHOLDER_DOMAINS.split_whitespace().any(|p| domain == p || domain.ends_with(&format!(".{p}")));
        let image_scale = domain.split_once('.').is_some_and(|(first, _)| {
            first.len() >= 2
                && first.ends_with('x')
                && first[..first.len() - 1].bytes().all(|b| b.is_ascii_digit())
        });
        if !placeholder && !image_scale && !listed(NOT_TLDS, &tld) {
            found.push(Finding { code: Code::Email, range: m.range() });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

pub(super) static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        concat!(
            // Not after a letter, a digit or a "+".
            r"(?:^|[^\p{{L}}\p{{N}}+])(",
            // +44 7700 900123, 0044 20 7946 0958, +44 (0)161 496 0000
            r"(?:\+|00)44{SP}?(?:\(0\){SP}?)?[0-9]{{1,10}}(?:{GAP}[0-9]{{2,8}}){{0,4}}",
            // (0161) 496 0000
            r"|\(0[0-9]{{2,5}}\){SP}?[0-9]{{2,8}}(?:{GAP}[0-9]{{2,6}}){{0,3}}",
            // 0161 496 0000, 07700900123, 07700-900-123
            r"|0[0-9]{{2,10}}(?:{GAP}[0-9]{{2,8}}){{0,4}}",
            ")"
        ),
        GAP = "[ \u{A0}-]",
        SP = SP,
    ))
});

/// Whether national digits (starting with the trunk 0) have the length and prefix of a UK number.
pub(super) fn uk_national_ok(digits: &[u8]) -> bool {
    match (digits.len(), digits.first(), digits.get(1)) {
        (11, Some(b'0'), Some(second)) => b"12378".contains(second),
        (10, Some(b'0'), Some(second)) => b"18".contains(second),
        _ => false,
    }
}

/// The byte length of the longest leading part of a phone candidate that is a valid UK number.
pub(super) fn phone_len(candidate: &str) -> Option<usize> {
    let bytes = candidate.as_bytes();
    let (international, mut i) = if candidate.starts_with("+44") {
        (true, 3)
    } else if candidate.starts_with("0044") {
        (true, 4)
    } else {
        (false, 0)
    };
    // Digit groups: (digits, end offset in the candidate).
    let mut groups: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    while i < bytes.len() {
        if international && groups.is_empty() && current.is_empty() && bytes[i..].starts_with(b"(0)") {
            i += 3;
            continue;
        }
        let b = bytes[i];
        if b.is_ascii_digit() {
            current.push(b);
        } else if !current.is_empty() {
            groups.push((std::mem::take(&mut current), i));
        }
        i += 1;
    }
    if !current.is_empty() {
        groups.push((current, bytes.len()));
    }
    for k in (1..=groups.len()).rev() {
        let mut digits: Vec<u8> = if international { vec![b'0'] } else { Vec::new() };
        for (g, _) in &groups[..k] {
            digits.extend_from_slice(g);
        }
        let first_len = groups[0].0.len() + usize::from(international);
        let shaped = k == 1 || (3..=6).contains(&first_len) || international;
        if shaped && uk_national_ok(&digits) {
            // A closing bracket belongs to the number.
            return Some(groups[k - 1].1);
        }
    }
    None
}

/// UK phone numbers: national (0...) and international (+44, 0044) forms.
pub(super) fn phones(text: &str, found: &mut Vec<Finding>) {
    for caps in PHONE.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        let Some(len) = phone_len(m.as_str()) else { continue };
        let end = m.start() + len;
        // "07700 900123/07700 900456" lists two numbers; "0161 496 0000/1" is something else.
        let another_follows = text.as_bytes().get(end) == Some(&b'/')
            && text.as_bytes().get(end + 1).is_some_and(|b| matches!(b, b'0' | b'+'));
        if alnum_at(text, end)
            || (number_continues(text, end, b"./:-") && !another_follows)
            || number_precedes(text, m.start(), b".,:-")
        {
            continue;
        }
        found.push(Finding { code: Code::Phone, range: m.start()..end });
    }
}

// ---------------------------------------------------------------------------------------------
// Names with titles
