//! People's names without a title ("Joan Pritchard told me ..."): two or three capitalised words
//! that the name lists ([`super::context::GIVEN`], [`super::context::SURNAMES`]) and the words
//! around them show to be a person's name, and not a place, an organisation, a law, a work, a
//! citation or the start of a sentence.

use super::context::{
    GIVEN, INSTRUCTIONS, References, SURNAMES, is_citation, is_kind, is_ordinary, words_after, words_before,
};
use super::text::listed;
use super::words::Word;
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

/// Every name without a title in `text`, whose capitalised words beside another are `words`
/// ([`capitalised`]); `references`: the references sections.
pub(super) fn names(text: &str, words: &[Word], references: &References<'_>, found: &mut Vec<Finding>) {
    let mut i = 0;
    while i < words.len() {
        let Some(span) = name_at(text, words, i, references) else {
            i += 1;
            continue;
        };
        let range = words[i].range.start..words[span - 1].range.end;
        found.push(Finding { code: Code::Name, range });
        i = span;
    }
}

/// If a name starts at `words[i]`, the index just past its last word.
fn name_at(text: &str, words: &[Word], i: usize, references: &References<'_>) -> Option<usize> {
    let first = &words[i];
    let first_text = &text[first.range.clone()];
    if first_text.ends_with('.') {
        return None;
    }
    // The run of words joined by single spaces: the name and at most two more.
    let mut n = 1;
    while n < 4
        && let Some(next) = words.get(i + n)
        && &text[words[i + n - 1].range.end..next.range.start] == " "
    {
        n += 1;
    }
    if n < 2 {
        return None;
    }
    let run: Vec<usize> = (i..i + n).collect();
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
    references: &References<'_>,
) -> Option<usize> {
    let len = run.len();
    let word = |k: usize| &text[words[run[k]].range.clone()];
    let given = word(0);
    let surname = word(len - 1);
    if surname.ends_with('.') || is_kind(surname) {
        return None;
    }
    // Most capitalised pairs are not names and neither word is on a list: "Care Act".
    if !GIVEN.any(given) && !SURNAMES.any(surname) && (is_ordinary(given) || is_ordinary(surname)) {
        return None;
    }
    // What the lists say, first: most capitalised pairs are not names, and this is cheap.
    // "Anne-Marie": a given name of given names.
    let given_strong =
        GIVEN.strong(given) || given.contains('-') && given.split('-').all(|p| GIVEN.strong(p));
    let given_any = GIVEN.any(given) || given_strong;
    let surname_strong = SURNAMES.strong(surname);
    let plain = |w: &str| !is_ordinary(w) && !is_kind(w);
    let by_lists = (given_strong && (SURNAMES.any(surname) || plain(surname)))
        || (given_any && surname_strong)
        || (plain(given) && surname_strong);
    // Otherwise only the words around can make it a name.
    let could_be = by_lists || (plain(given) || given_any) && plain(surname);
    if !could_be {
        return None;
    }
    let middle_ok = (1..len - 1).all(|k| {
        let w = word(k);
        w.ends_with('.') || GIVEN.any(w) || SURNAMES.any(w) || plain(w)
    });
    // The run goes on into the name of a place, an organisation or a work.
    if !middle_ok
        || (0..len).any(|k| is_kind(word(k)))
        || next.is_some_and(|k| is_kind(&text[words[k].range.clone()]))
    {
        return None;
    }
    let start = words[run[0]].range.start;
    let end = words[run[len - 1]].range.end;
    if followed_by_kind(text, end) || preceded_by_saint(text, start) {
        return None;
    }
    let phrase = &text[start..end];
    if NOT_PEOPLE.iter().any(|p| phrase.starts_with(p)) || listed(INSTRUCTIONS, given) {
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
    // "in Boston Spa": after a word of place, only two names the lists know are a name.
    let locative =
        words_before(text, start, 1).first().is_some_and(|w| listed("in near outside at into the", w));
    if locative && !(given_strong && surname_strong) {
        return None;
    }
    let context = || {
        after_relation(text, start)
            || before_speech(text, end)
            || described_after(text, end)
            || text[..start]
                .trim_end()
                .strip_suffix(':')
                .is_some_and(|key| key.to_ascii_lowercase().ends_with("name"))
    };
    if !(by_lists || context()) || is_citation(text, &(start..end), references, false) {
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
    let rest = &text[end..super::text::ceil_boundary(text, end + 30)];
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

/// Whether a verb of speech comes just after byte `end`: "Jane Hill said".
fn before_speech(text: &str, end: usize) -> bool {
    words_after(text, end, 2).iter().any(|w| listed(SPEECH, w))
}
