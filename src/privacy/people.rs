//! People's names without a title ("Joan Pritchard told me ..."): two or three capitalised words
//! that the name lists ([`super::context::GIVEN`], [`super::context::SURNAMES`]) and the words
//! around them show to be a person's name, and not a place, an organisation, a law, a work, a
//! citation or the start of a sentence.

use std::ops::Range;

use super::context::{
    GIVEN, INSTRUCTIONS, SURNAMES, is_citation, is_kind, is_ordinary, words_after, words_before,
};
use super::text::listed;
use super::{Code, Finding};

/// Words for the people in someone's life, which a name often follows ("her daughter Jane Hill").
const RELATIONS: &str = "\
    aunt aunty brother carer colleague cousin dad daughter father fiancé fiancée friend \
    granddaughter grandfather grandma grandmother grandad grandson husband landlady landlord lodger \
    mother mum neighbour nephew niece partner sister son stepdaughter stepson tenant uncle wife";

/// Verbs of meeting and contact, which a name often follows ("I visited Jane Hill").
const CONTACT: &str = "\
    called contacted emailed met phoned rang referred saw supported telephoned texted visited \
    with to";

/// Verbs of speech and contact, which a name often comes before ("Jane Hill said ...").
const SPEECH: &str = "\
    added admitted agreed answered asked called confirmed described disclosed emailed explained \
    felt insisted mentioned phoned rang replied reported said says shared stated texted told wanted \
    wrote";

/// Capitalised runs that look like names and are not the people a record is about: public
/// figures whose names social work writing recalls (those whose deaths led to inquiries and
/// reviews, and pioneers), and phrases.
const NOT_PEOPLE: [&str; 25] = [
    "Arthur Labinjo-Hughes",
    "Carol Service",
    "Carol Singers",
    "Christian Aid",
    "Daniel Pelka",
    "Elizabeth Line",
    "Fiona Pilkington",
    "Florence Nightingale",
    "Grace Darling",
    "Holly Tree",
    "Jack Russell",
    "Jasmine Beckford",
    "Jo Cox",
    "Khyra Ishaq",
    "Maria Colwell",
    "Marie Curie",
    "Mark Sheet",
    "Mary Seacole",
    "Peter Connelly",
    "Rose Garden",
    "Star Hobson",
    "Steven Hoskin",
    "Sue Ryder",
    "Victoria Climbié",
    "Victoria Line",
];

/// Titles, which are never part of a name without one; a name after a title is the titled
/// names' check's.
const TITLES: &str = "mr mrs ms miss mx dr prof professor rev revd reverend sir dame lord lady";

/// A capitalised word: its range, without a possessive `'s`.
#[derive(Clone, Debug)]
struct Word {
    range: Range<usize>,
}

/// Every word of `text` that starts with a capital and goes on in lower case ("O'Brien",
/// "Smith-Jones", "McDonald"), or a single capital and a full stop ("J."), in order.
fn capitalised(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Only a byte that can start a capital: an ASCII capital or the lead byte of a non-ASCII
        // character.
        if !(b.is_ascii_uppercase() || b >= 0xC0) {
            i += 1;
            continue;
        }
        let start = i;
        let before = text[..start].chars().next_back();
        let Some(first) = text[start..].chars().next() else { break };
        if !first.is_uppercase()
            || before.is_some_and(|c| {
                c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '@' || c == '/' || c == '_'
            })
        {
            i += first.len_utf8();
            continue;
        }
        let mut end = start + first.len_utf8();
        let mut lower = 0;
        let mut upper_inside = 0;
        let mut rest = text[end..].char_indices().peekable();
        let mut last_end = end;
        while let Some((j, c)) = rest.next() {
            let at = end + j;
            if c.is_lowercase() {
                lower += 1;
                last_end = at + c.len_utf8();
            } else if c.is_uppercase() {
                upper_inside += 1;
                last_end = at + c.len_utf8();
            } else if matches!(c, '\'' | '’' | '-')
                && rest.peek().is_some_and(|(_, n)| n.is_alphabetic())
                && !is_possessive_s(&text[at + c.len_utf8()..])
            {
                last_end = at + c.len_utf8();
            } else {
                break;
            }
        }
        end = last_end;
        let after = text[end..].chars().next();
        if lower == 0 && after == Some('.') {
            // An initial: "J." (a pseudonym alone, a middle initial inside a name).
            out.push(Word { range: start..end + 1 });
        } else if lower > 0 && upper_inside <= lower && !after.is_some_and(|c| c.is_ascii_digit()) {
            out.push(Word { range: start..end });
        }
        i = end.max(start + 1);
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Whether `rest` (just after an apostrophe) is a possessive or contracted `s` ending the word.
fn is_possessive_s(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next() == Some('s') && !chars.next().is_some_and(char::is_alphanumeric)
}

/// Every name without a title in `text`; `references`: the references sections.
pub(super) fn names(text: &str, references: &[Range<usize>], found: &mut Vec<Finding>) {
    let words = capitalised(text);
    let mut i = 0;
    while i < words.len() {
        let Some(span) = name_at(text, &words, i, references) else {
            i += 1;
            continue;
        };
        let range = words[i].range.start..words[span - 1].range.end;
        found.push(Finding { code: Code::Name, range });
        i = span;
    }
}

/// If a name starts at `words[i]`, the index just past its last word.
fn name_at(text: &str, words: &[Word], i: usize, references: &[Range<usize>]) -> Option<usize> {
    let first = &words[i];
    let first_text = &text[first.range.clone()];
    if first_text.ends_with('.') {
        return None;
    }
    // The run of words joined by single spaces: the name and at most two more.
    let mut run = vec![i];
    while let Some(&k) = run.last()
        && run.len() < 4
        && let Some(next) = words.get(k + 1)
        && &text[words[k].range.end..next.range.start] == " "
    {
        run.push(k + 1);
    }
    if run.len() < 2 {
        return None;
    }
    // A name is two or three words: the longer reading first ("Joan Mary Pritchard"), then the
    // shorter, where the word after it is an ordinary one ("Joan Pritchard" in "Joan Pritchard
    // Tuesday", but not in "Robin Hood Energy", the name of something else).
    (2..=run.len().min(3)).rev().find_map(|len| {
        let next = run.get(len).copied();
        let ends = len == run.len() || next.is_some_and(|k| is_ordinary(&text[words[k].range.clone()]));
        if !ends {
            return None;
        }
        name_of(text, words, &run[..len], next, references)
    })
}

/// If the words `run` (indexes into `words`) are a name, the index just past its last word;
/// `next`: the capitalised word right after them, if any.
fn name_of(
    text: &str,
    words: &[Word],
    run: &[usize],
    next: Option<usize>,
    references: &[Range<usize>],
) -> Option<usize> {
    let len = run.len();
    let word = |k: usize| &text[words[run[k]].range.clone()];
    if word(len - 1).ends_with('.') {
        return None;
    }
    // The run goes on into the name of a place, an organisation or a work.
    if (0..len).any(|k| is_kind(word(k))) || next.is_some_and(|k| is_kind(&text[words[k].range.clone()])) {
        return None;
    }
    let start = words[run[0]].range.start;
    let end = words[run[len - 1]].range.end;
    if followed_by_kind(text, end) || preceded_by_saint(text, start) {
        return None;
    }
    let phrase = &text[start..end];
    if NOT_PEOPLE.iter().any(|p| phrase.starts_with(p)) {
        return None;
    }
    let given = word(0);
    let surname = word(len - 1);
    if listed(INSTRUCTIONS, given) {
        return None;
    }
    if (0..len).any(|k| listed(TITLES, word(k).trim_end_matches('.'))) || after_title(text, start) {
        return None;
    }
    // "the Ministry of Justice Design System", "the Court of Protection": the end of a name of
    // something else.
    if let Some(before) = text[..start].strip_suffix("of ")
        && before.trim_end().rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        return None;
    }
    let context = after_relation(text, start)
        || before_speech(text, end)
        || described_after(text, end)
        || text[..start]
            .trim_end()
            .strip_suffix(':')
            .is_some_and(|key| key.to_ascii_lowercase().ends_with("name"));
    // "Anne-Marie": a given name of given names.
    let given_strong =
        GIVEN.strong(given) || given.contains('-') && given.split('-').all(|p| GIVEN.strong(p));
    let given_any = GIVEN.any(given) || given_strong;
    let surname_strong = SURNAMES.strong(surname);
    let plain = |w: &str| !is_ordinary(w) && !is_kind(w);
    let middle_ok = (1..len - 1).all(|k| {
        let w = word(k);
        w.ends_with('.') || GIVEN.any(w) || SURNAMES.any(w) || plain(w)
    });
    if !middle_ok {
        return None;
    }
    // "in Boston Spa": after a word of place, only two names the lists know are a name.
    let locative =
        words_before(text, start, 1).first().is_some_and(|w| listed("in near outside at into the", w));
    if locative && !(given_strong && surname_strong) {
        return None;
    }
    let known = (given_strong && (SURNAMES.any(surname) || plain(surname)))
        || (given_any && surname_strong)
        || (plain(given) && surname_strong)
        || (context && (plain(given) || given_any) && plain(surname));
    if !known {
        return None;
    }
    if is_citation(text, &(start..end), references, false) {
        return None;
    }
    Some(run[len - 1] + 1)
}

/// Whether the word after byte `end` names a kind of place or body ("... Hospital").
fn followed_by_kind(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s ")).unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(' ') else { return false };
    let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    next.starts_with(char::is_uppercase) && is_kind(&next)
}

/// Whether a title comes just before byte `start` ("Sir Robert Francis").
fn after_title(text: &str, start: usize) -> bool {
    words_before(text, start, 1).first().is_some_and(|w| listed(TITLES, w))
        && text[..start].ends_with([' ', '.'])
}

/// Whether "St", "St." or "Saint" comes just before byte `start` ("St Mary Magdalene").
fn preceded_by_saint(text: &str, start: usize) -> bool {
    let before = &text[..start];
    ["St ", "St. ", "Saint ", "Santa "].iter().any(|s| before.ends_with(s))
}

/// Whether a relation word comes just before byte `start`: "her daughter Jane Hill", "his son, Tom
/// Reed".
fn after_relation(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', ',']);
    let words = words_before(before, before.len(), 2);
    let relation = words.first().is_some_and(|w| listed(RELATIONS, w));
    // "met Jane Hill", "spoke to Jane Hill", "visited with Jane Hill".
    let contact = words.first().is_some_and(|w| listed(CONTACT, w))
        && (!matches!(words.first().map(String::as_str), Some("with" | "to"))
            || words.get(1).is_some_and(|w| {
                listed("spoke spoken speak speaking talked talking met meeting visited went", w)
            }));
    (relation || contact) && !text[..start].trim_end().ends_with(['.', ';'])
}

/// Whether what follows byte `end` describes a person: a relation or an age in brackets or
/// commas ("Jane Hill (daughter)", "Jane Hill, 84,", "Jane Hill (born 1940)"), or the person's
/// relations and professionals ("Jane Hill's son", "Jane Hill's GP").
fn described_after(text: &str, end: usize) -> bool {
    let rest = &text[end..ceil(text, end + 30)];
    if let Some(inner) = rest.strip_prefix(" (") {
        let word: String = inner.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        return listed(RELATIONS, &word)
            || word == "born"
            || word == "b"
            || inner.starts_with(|c: char| c.is_ascii_digit());
    }
    if let Some(inner) = rest.strip_prefix(", ") {
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        // "Frank Oldroyd, born 1938", "Frank Oldroyd, aged 84".
        let described = ["born ", "b. ", "aged ", "age "].iter().any(|w| inner.starts_with(w));
        return described || (1..=3).contains(&digits) && inner[digits..].starts_with(',');
    }
    if let Some(inner) = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s ")) {
        let word: String = inner.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        return listed(RELATIONS, &word)
            || listed("gp consultant social advocate solicitor keyworker", &word);
    }
    false
}

/// The smallest char boundary of `text` at or above `at`, at most its length.
fn ceil(text: &str, at: usize) -> usize {
    super::text::ceil_boundary(text, at.min(text.len()))
}

/// Whether a verb of speech comes just after byte `end`: "Jane Hill said".
fn before_speech(text: &str, end: usize) -> bool {
    words_after(text, end, 2).iter().any(|w| listed(SPEECH, w))
}
