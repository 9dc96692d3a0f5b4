//! An exact age with the place someone lives in or comes from ("a 91-year-old man from
//! Barnsley", "aged 79, of Rotherham").

use std::sync::LazyLock;

use regex::Regex;

use super::birth::{MONTHS, words_before};
use super::context::{GIVEN, is_ordinary};
use super::text::*;
use super::{Code, Finding};

/// An exact age: "aged 84", "age 84", "84 years old", "84-year-old", "84 yr old", "84yo"; and
/// ages that need a person beside them: "is 84", "she's 84", "I'm 84", "turned 84", "now 84",
/// "at 84,", "a woman of 84", "Mr A (84)", "Jane Hill, 84,", and "84," starting a line.
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        concat!(
            r"(?i){START}(",
            r"(?:aged|age){SP}([0-9]{{1,3}})(?-u:\b)",
            r"|([0-9]{{1,3}})(?:{SP}|-)?(?:years?|yrs?|yr)(?:{SP}|-)?old(?-u:\b)",
            r"|([0-9]{{1,3}}){SP}?y/?o(?-u:\b)",
            r"|(?:is|was|am|he['’]s|she['’]s|i['’]m|turned|turns|now|at|of){SP}(?:now{SP}|only{SP}|just{SP})?([0-9]{{1,3}})(?-u:\b)",
            r"|\(([0-9]{{1,3}})\)",
            r"|{SP}([0-9]{{1,3}}),",
            r"|([0-9]{{1,3}}),",
            r")"
        ),
        START = START,
        SP = SP,
    ))
});

/// Words for a person, after an age ("an 84-year-old man") or before one ("a woman of 84").
const PEOPLE: &str = "\
    boy brother carer client couple daughter father female gentleman girl grandad grandfather \
    grandma grandmother grandson granddaughter husband lady male man mother mum dad neighbour \
    patient pensioner person resident sister son tenant veteran widow widower wife woman";

/// Nationalities and other adjectives before "man" or "woman" that are not places.
const NOT_PLACE_ADJECTIVES: &str = "\
    african american asian black british caribbean chinese english european frail german ghanaian \
    indian irish italian jamaican kurdish lithuanian local nigerian older pakistani polish romanian \
    scottish somali welsh white young";

/// Words after an age that make it a bound of a group ("aged 65 or over"; "and" only before
/// "over" and the like).
const RANGE_WORDS: &str = "and or to plus over under upwards above below between";

/// Things that have an age in years ("a 100-year-old chapel").
const THINGS: &str = "\
    building business car chapel charity church club company contract group home hospital house \
    mill partnership pilot policy programme project pub scheme school service team tradition tree";

/// Units after a number that make it not an age ("is 3 miles").
const UNITS: &str = "\
    am pm days day hours hour minutes mins miles mile metres km percent per pounds pence people \
    weeks week months month times visits beds staff cases calls sessions records pages";

/// Words before an age that make it a group's ("people aged 65").
const GROUPS: &str = "\
    adults carers children clients families individuals men older over patients people persons \
    population pupils residents those under users women young between";

/// Places that are too large to identify anyone.
const TOO_LARGE: &str = "africa america asia britain caribbean england europe india ireland \
    pakistan poland scotland the uk wales world";

/// A place's name: one to three capitalised words ("Barnsley", "Hebden Bridge", "Newcastle upon
/// Tyne").
const PLACE_NAME: &str = r"\p{Lu}[\p{L}'’\-]+(?:[ \u{A0}](?:upon[ \u{A0}]|on[ \u{A0}]|under[ \u{A0}]|le[ \u{A0}])?\p{Lu}[\p{L}'’\-]+){0,2}";

/// Where someone lives or comes from, in what follows an age: "from Barnsley", "of Rotherham",
/// "lives alone in Keighley", or a place alone between commas ("68, Goole, lives alone").
static PLACE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:(?-u:\b)(?:from|of|in|near|outside){SP}(?:the{SP})?({PLACE_NAME})|,{SP}({PLACE_NAME})(?:[,;(]|{SP}[–-]|$))"
    ))
});

/// A place and a person just after an age: " Harrogate woman".
static PLACE_PERSON_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{SP}({PLACE_NAME}){SP}(\p{{Ll}}+)")));

/// A place and a person just before an age: "a Scarborough man ", "A Cleckheaton woman, ".
static PLACE_PERSON_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:^|[^\p{{L}}])({PLACE_NAME}){SP}(\p{{Ll}}+),?{SP}?$")));

/// Ages with the place someone lives in or comes from, in the same sentence, in a `line` (one
/// with a digit; a paragraph is one line of the reader's text).
pub(super) fn ages_with_places(text: &str, found: &mut Vec<Finding>) {
    for age in ages(text) {
        let AgeMatch { whole, number, form } = age;
        let weak = form >= 5;
        // ", 84,": the space form is an age only after a comma; "84," only at a line's start.
        if form == 7 && !text[..whole.start].ends_with(',')
            || form == 8 && !super::context::sentence_start(text, whole.start)
        {
            continue;
        }
        let Ok(age) = text[number.clone()].parse::<u32>() else { continue };
        if !(1..=115).contains(&age) || weak && age < 16 {
            continue;
        }
        // The comma after "84," belongs to what follows.
        let end = if text[whole.clone()].ends_with(',') { whole.end - 1 } else { whole.end };
        let rest = &text[end..];
        let next_words: Vec<&str> = words(&rest[..floor_boundary(rest, 24)]).take(2).collect();
        // "aged 65 and over", "aged 18-25", "aged 80+", "is 3 miles".
        let range_words = match next_words.as_slice() {
            [first, second, ..] if first.eq_ignore_ascii_case("and") => {
                listed("over under above below older younger upwards", second)
            }
            [first, ..] => {
                listed(RANGE_WORDS, first) && !first.eq_ignore_ascii_case("and") || listed(UNITS, first)
            }
            [] => false,
        };
        if rest.starts_with(['+', '-', '–', '%', '/'])
            || range_words
            || number_continues(text, number.end, b".,:")
        {
            continue;
        }
        if words_before(text, whole.start, 2).iter().any(|w| listed(GROUPS, w)) {
            continue;
        }
        if weak && !weak_age_is_a_person(text, whole.start, &text[whole.clone()]) {
            continue;
        }
        // "an 84-year-old chapel": the years of a thing, not a person.
        if form == 3 {
            let after: Vec<String> = super::context::words_after(text, end, 3);
            if after.iter().take_while(|w| !listed(PEOPLE, w)).any(|w| listed(THINGS, w)) {
                continue;
            }
        }
        let sentence_end = rest.find(['.', ';', '!', '?', '\n']).map_or(rest.len(), |i| i);
        let window = &rest[..floor_boundary(rest, sentence_end.min(100))];
        // A place alone between commas must not be a given name ("84, Joan said").
        let place = PLACE_AFTER.captures_iter(window).find_map(|c| match (c.get(1), c.get(2)) {
            (Some(m), _) => is_place(m.as_str()).then_some(m),
            (None, Some(m)) => {
                (is_place(m.as_str()) && !GIVEN.any(words(m.as_str()).next().unwrap_or(""))).then_some(m)
            }
            _ => None,
        });
        if let Some(place) = place {
            found.push(Finding { code: Code::AgePlace, range: whole.start..end + place.end() });
            continue;
        }
        // "an 89-year-old Harrogate woman", "a Scarborough man aged 70".
        let after = PLACE_PERSON_AFTER.captures(window).and_then(|c| Some((c.get(1)?, c.get(2)?)));
        if let Some((name, person)) = after
            && listed(PEOPLE, person.as_str())
            && is_place(name.as_str())
        {
            found.push(Finding { code: Code::AgePlace, range: whole.start..end + name.end() });
            continue;
        }
        let back = floor_boundary(text, whole.start.saturating_sub(60));
        let before = &text[back..whole.start];
        let before = before.rsplit(['.', ';', '!', '?', '\n']).next().unwrap_or(before);
        let offset = whole.start - before.len();
        let earlier = PLACE_PERSON_BEFORE.captures(before).and_then(|c| Some((c.get(1)?, c.get(2)?)));
        if let Some((name, person)) = earlier
            && listed(PEOPLE, person.as_str())
            && is_place(name.as_str())
        {
            found.push(Finding { code: Code::AgePlace, range: offset + name.start()..end });
        }
    }
}

/// An age [`AGE`] matched: all of it, its number, and which of its forms (the number's group).
struct AgeMatch {
    whole: std::ops::Range<usize>,
    number: std::ops::Range<usize>,
    form: usize,
}

/// Every match of [`AGE`] in `text`. An age has one to three digits, so [`AGE`] is run only
/// around each such run of digits, from the word before it, rather than over all the prose.
fn ages(text: &str) -> Vec<AgeMatch> {
    let bytes = text.as_bytes();
    let mut out: Vec<AgeMatch> = Vec::new();
    let mut at = 0;
    while let Some(digit) = super::birth::first_digit(&bytes[at..]).map(|i| at + i) {
        let end = digit + bytes[digit..].iter().take_while(|b| b.is_ascii_digit()).count();
        at = end;
        if end - digit > 3 || !could_be_age(text, digit, end) {
            continue;
        }
        // From the start of a word at most 40 bytes before, to 24 bytes after.
        let back = floor_boundary(text, digit.saturating_sub(40));
        let at_word = back == 0 || !text[..back].chars().next_back().is_some_and(char::is_alphanumeric);
        let from = if at_word {
            back
        } else {
            text[back..digit].find([' ', '\n', '(', ',']).map_or(digit, |i| back + i)
        };
        let to = ceil_boundary(text, end + 24);
        for caps in AGE.captures_iter(&text[from..to]) {
            let form = (2..=8).find(|&k| caps.get(k).is_some());
            let (Some(whole), Some(form)) = (caps.get(1), form) else { continue };
            let Some(number) = caps.get(form) else { continue };
            // Each age once: found from its own run of digits.
            if from + number.start() != digit {
                continue;
            }
            out.push(AgeMatch {
                whole: from + whole.start()..from + whole.end(),
                number: from + number.start()..from + number.end(),
                form,
            });
        }
    }
    out
}

/// Whether the digits at `digit..end` could be an age that [`AGE`] matches: not part of a date,
/// a time, a decimal or a code, and with one of its cues just before or after. Cheap, so that
/// [`AGE`] runs only where it may match.
fn could_be_age(text: &str, digit: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let joined = |b: Option<&u8>| b.is_some_and(|b| matches!(b, b'-' | b'/' | b'.' | b':'));
    let digit_at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    // "2025-04-03", "5.2", "12:30", "LS6": part of something else.
    if joined(digit.checked_sub(1).and_then(|i| bytes.get(i))) && digit_at(digit.checked_sub(2))
        || joined(bytes.get(end)) && digit_at(Some(end + 1))
        || digit.checked_sub(1).and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_alphabetic)
    {
        return false;
    }
    let mut after = end;
    while matches!(bytes.get(after), Some(b' ' | b'-')) {
        after += 1;
    }
    if matches!(bytes.get(after), Some(b'y' | b'Y')) {
        return true;
    }
    // An age that only punctuation marks ("(84)", ", 84,", "84," at a line's start) is one of an
    // adult or an older child: not a statement's number in a list ("[1, 2, 5.4]").
    let value = text[digit..end].parse::<u32>().unwrap_or(0);
    let mut before = digit;
    while before > 0 && bytes[before - 1] == b' ' {
        before -= 1;
    }
    let marked = matches!(bytes.get(after), Some(b')' | b','))
        || before == 0
        || matches!(bytes[before - 1], b'(' | b',' | b'\n');
    if marked && value >= 16 {
        return true;
    }
    if before == 0 {
        return false;
    }
    // The word before, in ASCII letters ("aged", "is", the "s" of "she's").
    let mut word_start = before;
    while word_start > 0 && bytes[word_start - 1].is_ascii_alphabetic() && before - word_start < 8 {
        word_start -= 1;
    }
    let word = &bytes[word_start..before];
    let cue = |w: &[u8]| w.eq_ignore_ascii_case(word);
    [
        &b"aged"[..],
        b"age",
        b"is",
        b"was",
        b"am",
        b"s",
        b"m",
        b"turned",
        b"turns",
        b"now",
        b"at",
        b"of",
        b"only",
        b"just",
    ]
    .into_iter()
    .any(cue)
}

/// Whether a number that is an age only beside a person ("is 84", "(84)", ", 84,") is one: a
/// pronoun, a person or a name comes before it.
fn weak_age_is_a_person(text: &str, start: usize, matched: &str) -> bool {
    let before = words_before(text, start, 3);
    let first = before.first().copied();
    let lower = matched.to_ascii_lowercase();
    if lower.starts_with("at") {
        // "At 96, she ...": at the start of a sentence.
        return super::context::sentence_start(text, start);
    }
    if lower.starts_with("of") {
        return first.is_some_and(|w| listed(PEOPLE, w));
    }
    // ", 84,": after anyone's name or description; "84," at a line's start.
    if text[..start].ends_with(',') || matched.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let person = |w: &str| {
        listed("she he i they who", w)
            || listed(PEOPLE, w)
            || w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase())
    };
    match first {
        Some(w) if person(w) => true,
        // "Jane Hill, 84," and "Mr A (84)": a capitalised word before.
        Some(w) => w.starts_with(char::is_uppercase) && !is_ordinary(w),
        None => true,
    }
}

/// Whether `name` is a place that could identify: not an ordinary word, a kind of place, a
/// month, or a country.
fn is_place(name: &str) -> bool {
    let first = words(name).next().unwrap_or("");
    let last = words(name).last().unwrap_or("");
    let titled = listed("mr mrs ms miss mx dr prof rev sir dame lord lady", first);
    !(is_ordinary(first)
        || listed(BUILDINGS, last)
        || listed(TOO_LARGE, first)
        || is_month(first)
        || listed(NOT_PLACE_ADJECTIVES, first)
        || titled)
}

/// The last words of a building's or a street's name, which a town's is not.
const BUILDINGS: &str = "avenue centre close court drive home hospital house lane lodge road school street surgery team unit ward";

/// Whether `word` is a month's name or abbreviation.
fn is_month(word: &str) -> bool {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?i)^(?:{MONTHS})$")));
    MONTH.is_match(word)
}
