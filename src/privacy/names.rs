//! Names with a title (`Mrs Ellis`, `Dr J. Patel`).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::text::*;
use super::{Code, Finding};

/// What every title [`TITLE`] matches starts with.
pub(super) const TITLE_STARTS: [&str; 7] = ["Mr", "Ms", "Mx", "Miss", "Dr", "MR", "MISS"];

pub(super) static TITLE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"{START}(Mrs|Mr|Ms|Miss|Mx|Dr|MRS|MR|MISS)\.?{SP}")));

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
pub(super) static NOT_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.split_whitespace().collect());

/// Whether `word` can be (part of) a name after a title; `upper_title` allows "MRS JONES".
pub(super) fn is_name_word(word: &str, upper_title: bool) -> bool {
    let has_lower = word.chars().any(char::is_lowercase);
    let shaped = has_lower || (upper_title && word.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    shaped && !NOT_NAME_SET.contains(word.to_lowercase().as_str())
}

/// A title (Mr, Mrs, Ms, Miss, Mx, Dr) followed by a capitalised name.
pub(super) fn names_with_titles(text: &str, found: &mut Vec<Finding>) {
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

/// Whether `text` holds the start of a title that [`TITLE`] could match: one pass.
pub(super) fn has_title_start(text: &str) -> bool {
    static ANY: LazyLock<Regex> = LazyLock::new(|| re(&TITLE_STARTS.join("|")));
    ANY.is_match(text)
}
