//! Names with a title (`Mrs Ellis`, `Dr J. Patel`).

use std::sync::LazyLock;

use regex::Regex;

use super::context::{INSTRUCTIONS, References, is_citation, is_kind, is_ordinary, sentence_start};
use super::text::*;
use super::{Code, Finding};

/// Roles a "Dr" follows as a title ("GP Dr Khan", "Consultant Dr Ng").
const ROLES: &str = "consultant gp psychiatrist physician registrar surgeon doctor locum geriatrician";

/// Whether the titled name at `start..end` is a mention rather than a person: quoted whole
/// (`"Mr Smith" is a placeholder`), the start of a title ("Mrs Brown's Boys"), or the name of an
/// organisation or a kind of place ("Dr Foster Intelligence").
fn not_a_person(text: &str, start: usize, end: usize) -> bool {
    let quoted = |open: char, close: char| text[..start].ends_with(open) && text[end..].starts_with(close);
    if quoted('"', '"') || quoted('“', '”') || quoted('\'', '\'') || quoted('‘', '’') {
        return true;
    }
    let rest = &text[end..];
    let after_possessive = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s "));
    if after_possessive.is_some_and(|r| {
        let mut chars = r.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
    }) {
        return true;
    }
    super::text::words(&text[start..end]).skip(2).any(is_kind)
}

/// Whether the "Dr" at `at` is a street's "Drive": a capitalised word that is not a role comes just
/// before it ("Kingsway Dr Leeds"), and at a sentence's start not an ordinary word or an
/// instruction.
fn drive_after_street_name(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(rest) = before.strip_suffix(' ') else { return false };
    let start = rest.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i);
    let Some(start) = start else { return false };
    let word = &rest[start..];
    // At a sentence's start the word may be an instruction ("Contact Dr Ng") rather than a street.
    let street_like = !sentence_start(text, start) || !is_ordinary(word) && !listed(INSTRUCTIONS, word);
    word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && street_like
        && !listed(ROLES, word)
}

/// What every title [`TITLE`] matches starts with.
pub(super) const TITLE_STARTS: [&str; 13] =
    ["Mr", "Ms", "Mx", "Miss", "Dr", "MR", "MISS", "Prof", "Rev", "Sir", "Dame", "Lord", "Lady"];

pub(super) static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"{START}(Mrs|Mr|Ms|Miss|Mx|Dr|MRS|MR|MISS|Professor|Prof|Reverend|Revd|Rev|Sir|Dame|Lord|Lady)\.?{SP}"
    ))
});

/// Titles that public figures and authors carry more often than the people a record is about:
/// a work named after them ("Munro's review") is cited.
const PUBLIC_TITLES: &str = "professor prof sir dame lord lady";

/// A name word: "Smith", "O'Brien", "Smith-Jones", "McDonald" (a possessive "'s" is not part of it).
pub(super) const NAME_WORD: &str = r"\p{Lu}\p{L}*(?:['’\-]\p{Lu}\p{L}*)*";

/// Lowercase particles that can start a surname ("Mrs van der Berg", "Mr de Souza").
pub(super) const PARTICLES: &str =
    "van|von|de|da|di|du|del|della|der|den|la|le|al|el|bin|ibn|ap|ter|ten|dos|das";

pub(super) static NAME_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"^{SP}?((?:\p{{Lu}}(?:\.{SP}?|{SP})){{0,3}}(?:(?:{PARTICLES}){SP}){{0,2}})({NAME_WORD})"))
});
pub(super) static NAME_MORE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{SP}({NAME_WORD})")));

/// Capitalised words that follow a title without being a name: sentence starters and function
/// words ("Mr. The ..."), days, and well-known non-people ("Ms Teams", "Mr Men", "Dr Who").
pub(super) const NOT_NAMES: &str = "\
    a about access after all also an and any appt appts apt appointment are as asked at bean because \
    before bishop blobby bookings bossy bounce bump but by chancellor chapel chatterbox chief clumsy \
    copilot dalloway dear details did do does dos doubtfire dr during dynamics each edge every \
    evil excel exchange following for forms forename friday from fussy google greedy grumpy had happy \
    has have havisham he her hers him his how however i if in initial initials is it its jekyll justice kipling lazy \
    lieutenant madam marple martens mayor mayoress me men messy miss mother monday motivator mr mrs ms muscle \
    mx my name naughty no nobody noisy nosey not note notes of office on onedrive \
    onenote or our out outlook paint pepper planner please powerpoint project publisher re right said \
    redacted removed saturday says seuss sharepoint she silly sir skype sneeze so some strange stream \
    sunday sunshine surname \
    sway teams thank thanks that the their them then there these they this those thursday tickle to \
    today tomorrow tuesday tumble visio was we wednesday were when who with word wrong yesterday";

/// [`NOT_NAMES`] as a set, for the one list looked up for every title.
pub(super) static NOT_NAME_SET: LazyLock<super::context::WordSet> =
    LazyLock::new(|| NOT_NAMES.split_whitespace().collect());

/// Whether `word` can be (part of) a name after a title; `upper_title` allows "MRS JONES".
pub(super) fn is_name_word(word: &str, upper_title: bool) -> bool {
    let has_lower = word.chars().any(char::is_lowercase);
    let shaped = has_lower || (upper_title && word.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    shaped && !NOT_NAME_SET.contains(word.to_lowercase().as_str())
}

/// A title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Rev, Sir, Dame, Lord, Lady) followed by a
/// capitalised name, unless it is cited (see [`is_citation`]; `references`: the references
/// sections) or the "Dr" is a street's ("Kingsway Dr").
pub(super) fn names_with_titles(text: &str, references: &References<'_>, found: &mut Vec<Finding>) {
    for caps in TITLE.captures_iter(text) {
        let Some(title) = caps.get(1) else { continue };
        if title.as_str() == "Dr"
            && !text[title.end()..].starts_with('.')
            && drive_after_street_name(text, title.start())
        {
            continue;
        }
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
        if alnum_at(text, end) || not_a_person(text, title.start(), end) {
            continue;
        }
        if text[title.start()..end].eq_ignore_ascii_case("lady day") {
            continue;
        }
        let public = listed(PUBLIC_TITLES, title.as_str());
        if is_citation(text, &(title.start()..end), references, public) {
            continue;
        }
        found.push(Finding { code: Code::NameTitle, range: title.start()..end });
    }
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

/// Whether `text` holds the start of a title that [`TITLE`] could match: one pass.
pub(super) fn has_title_start(text: &str) -> bool {
    static ANY: LazyLock<Regex> = LazyLock::new(|| re(&TITLE_STARTS.join("|")));
    ANY.is_match(text)
}
