//! Anonymisation lint: finds identifying details left in a portfolio record's text.
//!
//! Records describe real supervision sessions, so before anyone else reads them they must not carry
//! NHS or National Insurance numbers, dates of birth, full postcodes, email addresses, phone numbers,
//! names with titles or local case references. [`Scanner::scan`] reports each one as a [`Finding`]
//! with a byte range into the text; it never prints, never panics and never stops at the first one.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod code;
pub mod reader;

pub use code::{Code, Level};

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
        }
        if text.contains('@') {
            emails(text, &mut found);
        }
        if has_title_start(text) {
            names_with_titles(text, &mut found);
        }
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
        finding.code == Code::NameTitle
            && matched
                .rsplit(|c: char| !is_name_char(c))
                .find(|w| !w.is_empty())
                .is_some_and(|surname| self.allow_words.contains(surname))
    }
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

/// Compile a constant pattern.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a constant pattern in privacy.rs is a valid regular expression")
}

/// The character at byte `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().next())
}

/// Whether a letter or digit touches byte `at` from the right.
fn alnum_at(text: &str, at: usize) -> bool {
    char_at(text, at).is_some_and(char::is_alphanumeric)
}

/// Whether the text at `at` continues a number: a separator such as `.` or `/` and then a digit.
fn number_continues(text: &str, at: usize, separators: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let (Some(separator), Some(digit)) = (bytes.get(at), bytes.get(at + 1)) else { return false };
    separators.contains(separator) && digit.is_ascii_digit()
}

/// Whether the text before `at` ends a number: a digit and then a separator such as `.` or `,`.
fn number_precedes(text: &str, at: usize, separators: &[u8]) -> bool {
    let bytes = text.as_bytes();
    at >= 2 && separators.contains(&bytes[at - 1]) && bytes[at - 2].is_ascii_digit()
}

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether `word` is one of the space-separated (lowercase ASCII) words of `list`, ignoring case.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w.eq_ignore_ascii_case(word))
}

/// Horizontal space inside a detail: a space or a no-break space (never a line break).
const SP: &str = "[ \u{A0}]";

/// A pattern's prefix that starts a candidate at a word boundary (consumed, outside group 1).
const START: &str = r"(?:^|[^\p{L}\p{N}])";

// ---------------------------------------------------------------------------------------------
// NHS numbers

static NHS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{START}([0-9]{{3}}(?:[0-9]{{3}}[0-9]{{4}}|{SP}[0-9]{{3}}{SP}[0-9]{{4}}|-[0-9]{{3}}-[0-9]{{4}}))"
    ))
});

/// Whether ten digits carry a valid NHS mod-11 check digit.
fn nhs_checksum_ok(digits: &[u8]) -> bool {
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
fn nhs_numbers(text: &str, found: &mut Vec<Finding>) {
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

static NI: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"{START}(([A-Za-z]{{2}}{SP}?[0-9]{{2}}{SP}?[0-9]{{2}}{SP}?[0-9]{{2}})(?:{SP}?[A-Da-d])?)"))
});

/// Whether a two-letter prefix (uppercase) can start an allocated National Insurance number.
fn ni_prefix_ok(first: u8, second: u8) -> bool {
    !b"DFIQUV".contains(&first)
        && !b"DFIOQUV".contains(&second)
        && !matches!(&[first, second], b"BG" | b"GB" | b"NK" | b"KN" | b"TN" | b"NT" | b"ZZ")
}

/// Whether "NI", "NINO" or "National Insurance" comes just before byte `at` on the same line.
fn ni_context_before(text: &str, at: usize) -> bool {
    let start = floor_boundary(text, at.saturating_sub(40));
    let line = text.get(start..at).and_then(|w| w.rsplit('\n').next()).unwrap_or("");
    words(line).any(|w| listed("ni nino insurance", w))
}

/// National Insurance numbers with an allocated prefix, in one consistent case.
fn ni_numbers(text: &str, found: &mut Vec<Finding>) {
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

static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"{START}(GIR{SP}?0AA|([A-Z]{{1,2}}[0-9][A-Z0-9]?){SP}?([0-9][A-Z]{{2}}))"))
});

/// Whether an outward code (the part before the space) follows the Royal Mail rules.
fn outward_ok(outward: &[u8]) -> bool {
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
fn postcodes(text: &str, found: &mut Vec<Finding>) {
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

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        // Not inside a longer address-like run.
        r"(?:^|[^\p{L}\p{N}._%+\-@])",
        // Local part, then the domain's labels (group 2) ending in a top-level domain (group 3).
        r"([A-Za-z0-9][A-Za-z0-9._%+\-]*@",
        r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,24})))",
    ))
});

/// Local parts that describe an address format rather than being one ("firstname.lastname@nhs.net").
const PLACEHOLDER_LOCAL_PARTS: &str = "\
    first.last firstname firstname.lastname firstname.surname forename.surname name name.surname someone \
    user username your.name yourname";

/// Domains reserved for documentation (RFC 2606), and file extensions that are not top-level domains.
const PLACEHOLDER_DOMAINS: &str = "example.com example.org example.net";
const NOT_TLDS: &str =
    "example test invalid localhost png jpg jpeg gif svg webp pdf docx xlsx pptx txt csv html htm";

/// Email addresses, except documentation placeholders and things like `logo@2x.png`.
fn emails(text: &str, found: &mut Vec<Finding>) {
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

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
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
fn uk_national_ok(digits: &[u8]) -> bool {
    match (digits.len(), digits.first(), digits.get(1)) {
        (11, Some(b'0'), Some(second)) => b"12378".contains(second),
        (10, Some(b'0'), Some(second)) => b"18".contains(second),
        _ => false,
    }
}

/// The byte length of the longest leading part of a phone candidate that is a valid UK number.
fn phone_len(candidate: &str) -> Option<usize> {
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
fn phones(text: &str, found: &mut Vec<Finding>) {
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

/// What every title [`TITLE`] matches starts with.
const TITLE_STARTS: [&str; 7] = ["Mr", "Ms", "Mx", "Miss", "Dr", "MR", "MISS"];

static TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"{START}(Mrs|Mr|Ms|Miss|Mx|Dr|MRS|MR|MISS)\.?{SP}")));

/// A name word: "Smith", "O'Brien", "Smith-Jones", "McDonald" (a possessive "'s" is not part of it).
const NAME_WORD: &str = r"\p{Lu}\p{L}*(?:['’\-]\p{Lu}\p{L}*)*";

/// Lowercase particles that can start a surname ("Mrs van der Berg", "Mr de Souza").
const PARTICLES: &str = "van|von|de|da|di|du|del|della|der|den|la|le|al|el|bin|ibn|ap|ter|ten|dos|das";

static NAME_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"^{SP}?((?:\p{{Lu}}(?:\.{SP}?|{SP})){{0,3}}(?:(?:{PARTICLES}){SP}){{0,2}})({NAME_WORD})"))
});
static NAME_MORE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{SP}({NAME_WORD})")));

/// Capitalised words that follow a title without being a name: sentence starters and function
/// words ("Mr. The ..."), days, and well-known non-people ("Ms Teams", "Mr Men", "Dr Who").
const NOT_NAMES: &str = "\
    a about access after all also an and any are as asked at bean because before blobby bookings bossy \
    bounce bump but by chatterbox clumsy copilot dear did do does dos dr during dynamics each edge every \
    evil excel exchange following for forms friday from fussy google greedy grumpy had happy has have he \
    her hers him his how however i if in is it its kipling lazy madam marple martens me men messy miss \
    monday motivator mr mrs ms muscle mx my naughty no nobody noisy nosey not of office on onedrive \
    onenote or our out outlook paint pepper planner please powerpoint project publisher re right said \
    saturday says seuss sharepoint she silly sir skype sneeze so some strange stream sunday sunshine \
    sway teams thank thanks that the their them then there these they this those thursday tickle to \
    today tomorrow tuesday tumble visio was we wednesday were when who with word wrong yesterday";

/// [`NOT_NAMES`] as a set, for the one list looked up for every title.
static NOT_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.split_whitespace().collect());

/// Whether `word` can be (part of) a name after a title; `upper_title` allows "MRS JONES".
fn is_name_word(word: &str, upper_title: bool) -> bool {
    let has_lower = word.chars().any(char::is_lowercase);
    let shaped = has_lower || (upper_title && word.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    shaped && !NOT_NAME_SET.contains(word.to_lowercase().as_str())
}

/// A title (Mr, Mrs, Ms, Miss, Mx, Dr) followed by a capitalised name.
fn names_with_titles(text: &str, found: &mut Vec<Finding>) {
    for caps in TITLE.captures_iter(text) {
        let Some(title) = caps.get(1) else { continue };
        let upper_title = title.as_str().bytes().all(|b| b.is_ascii_uppercase());
        // The title's regex ends with one space; the name starts after it.
        let Some(after) = caps.get(0).map(|m| m.end()) else { continue };
        let Some(head) = text.get(after..).and_then(|rest| NAME_HEAD.captures(rest)) else { continue };
        let Some(word) = head.get(2) else { continue };
        if !is_name_word(word.as_str(), upper_title) {
            continue;
        }
        let mut end = after + word.end();
        for _ in 0..2 {
            let Some(more) = text.get(end..).and_then(|rest| NAME_MORE.captures(rest)) else { break };
            let Some(word) = more.get(1) else { break };
            if !is_name_word(word.as_str(), upper_title) {
                break;
            }
            end += word.end();
        }
        if alnum_at(text, end) {
            continue;
        }
        found.push(Finding { code: Code::NameTitle, range: title.start()..end });
    }
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

/// English month names and their usual abbreviations.
const MONTHS: &str = concat!(
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?",
    "|sept(?:ember)?|sep|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
);

static DATE_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"{START}([0-9]{{1,2}})([/.\-])([0-9]{{1,2}})([/.\-])([0-9]{{4}}|[0-9]{{2}})"))
});
static DATE_ISO: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"{START}([0-9]{{4}})([/\-])([0-9]{{2}})([/\-])([0-9]{{2}})")));
static DATE_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
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
static DATE_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    // March 12, 1948; Sept 14th 1951
    re(&format!(r"(?i){START}({MONTHS})\.?{SP}([0-9]{{1,2}})(?:st|nd|rd|th)?,?{SP}([0-9]{{4}}|[0-9]{{2}})"))
});
static BIRTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?i){START}(d\.o\.b\.?|dob|date{SP}of{SP}birth|birth(?:{SP}|-)?date|birthday|born)"))
});

/// Which kind of birth keyword was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BirthWord {
    /// "DOB", "D.O.B.", "date of birth", "birth date".
    Dob,
    /// "birthday".
    Birthday,
    /// "born".
    Born,
}

/// The month number of a month name or abbreviation.
fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether a day and month make a real calendar date (29 February always allowed).
fn day_month_ok(day: u32, month: u32) -> bool {
    let days = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The text of a capture group, if it took part in the match.
fn group_text<'h>(caps: &regex::Captures<'h>, i: usize) -> Option<&'h str> {
    caps.get(i).map(|m| m.as_str())
}

/// Every full date in `text`, sorted and not overlapping.
fn full_dates(text: &str) -> Vec<Range<usize>> {
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
const BREAK_WORDS: &str = "after although and because before but since then though until when whereas while";

/// Prepositions that introduce the date of an event rather than a birth ("checked on 12 March").
const EVENT_PREPOSITIONS: &str = "after at before by from on since until";

/// Words after "birthday" that make the date that of a celebration ("birthday tea on 14 March").
const BIRTHDAY_EVENTS: &str = "cake card celebration dinner do gathering lunch meal outing party tea trip";

/// Subjects that are "born" only figuratively ("the idea was born on ...").
const FIGURATIVE_SUBJECTS: &str = "\
    approach campaign charity collaboration concept forum framework group groups hub idea ideas \
    initiative method model movement network organisation organization partnership pilot plan policy \
    process program programme project projects scheme service services strategy team template tool \
    toolkit";

/// The words of `text`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty())
}

/// A line that starts a new block rather than continuing a wrapped sentence: a list item, heading,
/// table row, quote, numbered item or YAML key.
static NEW_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \t]*(?:[-*+#|>]|[0-9]+[.)]|[A-Za-z_][A-Za-z0-9_-]*[ \t]*:)"));

/// Whether the text between a birth keyword and a date still links them. With `wrapped`, the gap
/// may cross one line break of a hard-wrapped paragraph ("Her DOB was" / "12/03/1948 ...").
fn gap_links(gap: &str, max_words: usize, wrapped: bool) -> bool {
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
fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
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
fn introduces_event(text: &str, date_start: usize) -> bool {
    words_before(text, date_start, 1).first().is_some_and(|w| listed(EVENT_PREPOSITIONS, w))
}

/// Whether a "born" at `range` is figurative: "born out of", "born of", "born from", or an idea,
/// project or group that "was born".
fn figurative_birth(text: &str, range: &Range<usize>) -> bool {
    let end = ceil_boundary(text, range.end + 12);
    let next = text.get(range.end..end).and_then(|t| words(t).next());
    if next.is_some_and(|w| listed("out of from", w)) {
        return true;
    }
    words_before(text, range.start, 5).iter().any(|w| listed(FIGURATIVE_SUBJECTS, w))
}

/// Where the first ASCII digit of `bytes` is. Blocks of 32 bytes are tested whole first, which
/// the compiler does many bytes at a time.
fn first_digit(bytes: &[u8]) -> Option<usize> {
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
fn has_birth_word(text: &str) -> bool {
    static ANY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i-u)dob|d\.o\.b|birth|born"));
    ANY.is_match(text)
}

/// Whether `text` holds the start of a title that [`TITLE`] could match: one pass.
fn has_title_start(text: &str) -> bool {
    static ANY: LazyLock<Regex> = LazyLock::new(|| re(&TITLE_STARTS.join("|")));
    ANY.is_match(text)
}

/// Full dates linked to a birth keyword in the same sentence.
fn dates_of_birth(text: &str, found: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_digit_is_found_in_any_block_and_in_the_rest() {
        for length in [0, 1, 31, 32, 33, 64, 95, 100] {
            let letters = vec![b'a'; length];
            assert_eq!(first_digit(&letters), None, "{length} letters");
            for at in 0..length {
                let mut bytes = letters.clone();
                bytes[at] = b'7';
                if at + 1 < length {
                    bytes[length - 1] = b'0';
                }
                assert_eq!(first_digit(&bytes), Some(at), "a digit at {at} of {length}");
            }
        }
    }

    #[test]
    fn a_number_on_a_line_after_one_with_a_digit_is_found() {
        let text = "date: 2026-03-02\nstandards: [6.1]\nCall 07700 900123 or use 943 476 5919.\n";
        let codes: Vec<&str> = Scanner::default().scan(text).iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["privacy-phone", "privacy-nhs-number"]);
    }

    /// Scan with the default scanner and return (code, matched text) pairs.
    fn found(text: &str) -> Vec<(Code, &str)> {
        Scanner::default().scan(text).into_iter().map(|f| (f.code, &text[f.range])).collect()
    }

    #[test]
    fn nhs_checksum() {
        let table = [
            ("9434765919", true),
            ("6260181590", true),
            ("4830166134", true),
            ("6260181593", false),
            ("1234567890", false), // check digit would be 10
            ("943476591", false),
            ("94347659190", false),
        ];
        for (digits, ok) in table {
            assert_eq!(nhs_checksum_ok(digits.as_bytes()), ok, "{digits}");
        }
    }

    #[test]
    fn finds_each_kind_of_detail() {
        use Code::*;
        let table: &[(&str, &[(Code, &str)])] = &[
            // NHS numbers
            ("NHS number 943 476 5919.", &[(NhsNumber, "943 476 5919")]),
            ("NHS 943-476-5919", &[(NhsNumber, "943-476-5919")]),
            ("nhs: 9434765919", &[(NhsNumber, "9434765919")]),
            ("ref 9434765918", &[]),
            ("id A9434765919 and 94347659190", &[]),
            ("sha256:ab9434765919cd", &[]),
            ("total 9434765919.5 units", &[]),
            // NI numbers
            ("NI: AB 12 34 56 C", &[(NiNumber, "AB 12 34 56 C")]),
            ("NI: AB123456C.", &[(NiNumber, "AB123456C")]),
            ("ni ab123456c", &[(NiNumber, "ab123456c")]),
            ("QQ 12 34 56 C is HMRC's example", &[]),
            ("GB123456A BG123456A TN123456A DA123456A AO123456A", &[]),
            ("AB123456E", &[]),
            ("NI number: SL 12 34 56, cut off", &[(NiNumber, "SL 12 34 56")]),
            ("National Insurance no. sl123456.", &[(NiNumber, "sl123456")]),
            ("ref SL 12 34 56 and SL123456", &[]),
            ("NI: AB 12 34 56 Carer", &[(NiNumber, "AB 12 34 56")]),
            ("Ab123456C", &[]),
            // Postcodes
            ("at SW1A 1AA today", &[(Postcode, "SW1A 1AA")]),
            ("M1 1AE", &[(Postcode, "M1 1AE")]),
            ("in B338TH", &[(Postcode, "B338TH")]),
            (
                "W1A 0AX, CR2 6XH, DN55 1PT, EC1A 1BB, GIR 0AA",
                &[
                    (Postcode, "W1A 0AX"),
                    (Postcode, "CR2 6XH"),
                    (Postcode, "DN55 1PT"),
                    (Postcode, "EC1A 1BB"),
                    (Postcode, "GIR 0AA"),
                ],
            ),
            ("the M1 and the SW1A area", &[]),
            ("M1 1AC", &[]),  // C is not used in inward codes
            ("QA1 1AA", &[]), // Q never starts a postcode
            ("m1 1ae", &[]),
            ("XM1 1AE", &[]),
            // Emails
            ("mail jane.doe@council.gov.uk.", &[(Email, "jane.doe@council.gov.uk")]),
            ("<a_b+c@nhs.net>", &[(Email, "a_b+c@nhs.net")]),
            ("@sam and sha256:abc", &[]),
            ("name@example.com, logo@2x.png, git@github.com:org/repo.git", &[]),
            ("format firstname.lastname@nhs.net or your.name@council.gov.uk", &[]),
            // Phones
            ("ring 07700 900123", &[(Phone, "07700 900123")]),
            ("ring 07700900123.", &[(Phone, "07700900123")]),
            ("(0161) 496 0000", &[(Phone, "(0161) 496 0000")]),
            ("+44 (0)161 496 0000", &[(Phone, "+44 (0)161 496 0000")]),
            (
                "+44 7700 900123 or 0044 7700 900123",
                &[(Phone, "+44 7700 900123"), (Phone, "0044 7700 900123")],
            ),
            ("020 7946 0958 x", &[(Phone, "020 7946 0958")]),
            ("0800 123 456", &[(Phone, "0800 123 456")]),
            ("0161 496 0000 12 times", &[(Phone, "0161 496 0000")]),
            ("tel. 0161 4960000", &[(Phone, "0161 4960000")]),
            ("07700 900123/07700 900456", &[(Phone, "07700 900123"), (Phone, "07700 900456")]),
            ("0161 496 0000/1", &[]),
            ("09:30-10:30, 0930 to 1100, 2014-2015, £0.45, 01/03/2026, 111", &[]),
            ("+1 202 555 0147 and 1-800-273-8255", &[]),
            // Names with titles
            ("saw Mr Smith today", &[(NameTitle, "Mr Smith")]),
            ("Mrs A Jones", &[(NameTitle, "Mrs A Jones")]),
            ("Ms J. Patel said", &[(NameTitle, "Ms J. Patel")]),
            ("Mr. O'Brien's wishes", &[(NameTitle, "Mr. O'Brien")]),
            ("Miss Ellie Brown told", &[(NameTitle, "Miss Ellie Brown")]),
            ("Mx Taylor", &[(NameTitle, "Mx Taylor")]),
            ("Mrs Zoë Clarke", &[(NameTitle, "Mrs Zoë Clarke")]),
            ("Mr\u{A0}Smith", &[(NameTitle, "Mr\u{A0}Smith")]),
            ("MRS JONES", &[(NameTitle, "MRS JONES")]),
            ("Mr and Mrs Graham", &[(NameTitle, "Mrs Graham")]),
            (
                "Mrs van der Berg and Mr de Souza",
                &[(NameTitle, "Mrs van der Berg"), (NameTitle, "Mr de Souza")],
            ),
            ("Mr de la rue", &[]),
            ("Dr Google, Mr Right, Mr Happy, Miss Marple", &[]),
            ("Ms Teams, MS Teams, Mr Men, Dr Who, Mr A, Mrs B's, Mr AB, Dr X", &[]),
            ("called Mr. The student", &[]),
            ("Mr\nSmith", &[]),
            ("Mr smith, Professor Munro, Sir Robert", &[]),
            // Dates of birth
            ("DOB 12/03/1948", &[(DateOfBirth, "12/03/1948")]),
            ("D.O.B. 12.03.48", &[(DateOfBirth, "12.03.48")]),
            ("date of birth: 1948-03-12", &[(DateOfBirth, "1948-03-12")]),
            ("born on the 12th of March 1948", &[(DateOfBirth, "12th of March 1948")]),
            ("born March 12, 1948", &[(DateOfBirth, "March 12, 1948")]),
            ("born 12 Mar 48", &[(DateOfBirth, "12 Mar 48")]),
            ("born 12-Mar-1948", &[(DateOfBirth, "12-Mar-1948")]),
            ("12/03/1948 (DOB)", &[(DateOfBirth, "12/03/1948")]),
            ("DOB 12/03/1948, admitted 14/05/2025", &[(DateOfBirth, "12/03/1948")]),
            ("admitted 14/05/2025, DOB 12/03/1948", &[(DateOfBirth, "12/03/1948")]),
            ("born in 1948", &[]),
            ("born in March 1948", &[]),
            ("the idea was born on 12 March 2026", &[]),
            ("born out of a meeting on 12 March 2026", &[]),
            ("newborn 12/03/2026, stubborn 12/03/2026", &[]),
            ("her date of birth was checked on 12 March 2026", &[]),
            ("On 3 March 2026 she asked for his date of birth", &[]),
            ("born in Leeds and moved on 12 March 2020", &[]),
            ("DOB 31/02/1948", &[]),
            ("the birthday tea on 14 March 2026", &[]),
            ("her 80th birthday on 5 May 2026", &[(DateOfBirth, "5 May 2026")]),
            ("DOB.\n12/03/1948", &[]),
            ("Her DOB was\n12/03/1948, see file", &[(DateOfBirth, "12/03/1948")]),
            ("Her DOB was\r\n12/03/1948, see file", &[(DateOfBirth, "12/03/1948")]),
            ("dob:\n  1948-03-12", &[(DateOfBirth, "1948-03-12")]),
            ("DOB\n\n12/03/1948", &[]),
            ("dob_checked: true\ndate: 2026-03-02", &[]),
            ("born:\n- 12/03/1948", &[]),
            ("date: 2026-03-02\ndob_checked: true", &[]),
            ("12 March 2026", &[]),
        ];
        for (text, expected) in table {
            assert_eq!(found(text), *expected, "scanning {text:?}");
        }
    }

    #[test]
    fn overlapping_codes_keep_the_most_specific() {
        use Code::*;
        let table: &[(&str, &[(Code, &str)])] = &[
            // A ten-digit number that is both a valid NHS number and phone-shaped.
            ("0123456789", &[(NhsNumber, "0123456789")]),
            (
                "Mrs Jones, DOB 12/03/1948, NHS 943 476 5919, M1 1AE, 07700 900123, j@x.org",
                &[
                    (NameTitle, "Mrs Jones"),
                    (DateOfBirth, "12/03/1948"),
                    (NhsNumber, "943 476 5919"),
                    (Postcode, "M1 1AE"),
                    (Phone, "07700 900123"),
                    (Email, "j@x.org"),
                ],
            ),
        ];
        assert!(nhs_checksum_ok(b"0123456789"));
        for (text, expected) in table {
            assert_eq!(found(text), *expected, "scanning {text:?}");
        }
    }

    #[test]
    fn scans_front_matter_and_markdown_alike() {
        let record = "---\n\
            title: Observation of a home visit\n\
            date: 2026-03-02\n\
            standards: [6.1, 6.2]\n\
            observer: Sam Patel (mentor)\n\
            digest: sha256:4c7d6260181590ab3f09e1d2c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170615\n\
            ---\n\
            \n\
            # What happened\n\
            \n\
            Mr A (born 1948) lives alone. I met the NQSW on 12 March 2026, see p. 112.\n\
            Her DOB was\n\
            12/03/1948 according to the file.\n\
            \n\
            ```text\n\
            contact: jo@team.org\n\
            ```\n";
        assert_eq!(found(record), [(Code::DateOfBirth, "12/03/1948"), (Code::Email, "jo@team.org")]);
        for f in Scanner::default().scan(record) {
            assert!(!record[f.range].contains('\n'), "a finding spans a line break");
        }
    }

    #[test]
    fn allow_list() {
        let allow = ["Alex  Morgan".to_owned(), String::new(), "Northshire, 0161 496 0000".to_owned()];
        let scanner = Scanner::new(None, &allow).expect("no pattern");
        let table: &[(&str, usize)] = &[
            ("Ms Morgan joined", 0),
            ("Dr Alex Morgan joined", 0),
            ("Mr Morganson joined", 1),
            ("call 0161 496 0000", 0),
            ("call 0161 496 0001", 1),
            ("alex morgan", 0),
        ];
        for (text, n) in table {
            assert_eq!(scanner.scan(text).len(), *n, "scanning {text:?}");
        }
        // Empty allowed strings are ignored rather than allowing everything.
        let scanner = Scanner::new(None, &[String::new(), " ".to_owned()]).expect("no pattern");
        assert_eq!(scanner.scan("Mr Smith").len(), 1);
    }

    #[test]
    fn case_reference_pattern() {
        let scanner = Scanner::new(Some(r"\bCR-[0-9]{6}\b"), &[]).expect("valid pattern");
        let text = "Case CR-123456 and CR-654321, not CR-12.";
        let refs: Vec<&str> = scanner.scan(text).into_iter().map(|f| &text[f.range]).collect();
        assert_eq!(refs, ["CR-123456", "CR-654321"]);
        assert!(Scanner::default().scan(text).is_empty());
        let spaces = Scanner::new(Some("CR-[0-9]+|  +"), &[]).expect("valid pattern");
        assert_eq!(spaces.scan("a  b CR-1").len(), 1, "a match of spaces alone is no finding");

        let bad: &[(&str, &str)] = &[
            ("", "empty"),
            ("   ", "empty"),
            ("(", "not a valid regular expression"),
            ("a*", "empty text"),
            (r"\b", "empty text"),
            ("x?", "empty text"),
            (".", "a single character"),
            (r"\d", "a single character"),
            ("[A-Z][0-9]*", "a single character"),
        ];
        for (pattern, message) in bad {
            let err = Scanner::new(Some(pattern), &[]).expect_err(pattern);
            assert!(err.to_string().contains(message), "{pattern:?}: {err}");
        }
    }

    #[test]
    fn ranges_are_on_char_boundaries_and_never_panic() {
        let sample = "Zoë’s DOB: 12/03/1948 — Mrs Zoë Ñúñez, M1 1AE; ☎ 07700 900123 \
                      ✉ zoë@x.org \
                      NHS 943 476 5919 NI AB 12 34 56 C 日本語 Mr 💡 born 1 May 1950 é";
        let scanner = Scanner::new(Some("Ñ+"), &["é".to_owned()]).expect("valid pattern");
        let boundaries: Vec<usize> = sample.char_indices().map(|(i, _)| i).chain([sample.len()]).collect();
        for &a in &boundaries {
            for &b in boundaries.iter().filter(|&&b| b >= a).step_by(7) {
                let part = &sample[a..b];
                let findings = scanner.scan(part);
                for pair in findings.windows(2) {
                    assert!(pair[0].range.end <= pair[1].range.start, "overlap in {part:?}");
                }
                for f in findings {
                    assert!(part.get(f.range.clone()).is_some(), "bad range {:?} in {part:?}", f.range);
                }
            }
        }
        assert!(!scanner.scan(sample).is_empty());
    }

    #[test]
    fn scans_a_large_text() {
        let paragraph = "I observed the NQSW's visit to Mr Smith (DOB 12/03/1948) at M1 1AE. We discussed \
                         section 42 of the Care Act 2014, PQS 6.2 and the 3,000 people on the list; call \
                         07700 900123 or email a.b@council.gov.uk. Born out of need, digest: sha256:\
                         4c7d6260181590ab3f09e1d2c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170615. Ms Teams.\n";
        let per = Scanner::default().scan(paragraph).len();
        assert_eq!(per, 5);
        let text = paragraph.repeat((1 << 20) / paragraph.len() + 1);
        assert!(text.len() >= 1 << 20);
        let findings = Scanner::default().scan(&text);
        assert_eq!(findings.len(), per * (text.len() / paragraph.len()));
    }
}
