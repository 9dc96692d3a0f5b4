//! Street addresses ("Flat 2, 41 Mill Lane") and named places that identify: wards, hospitals,
//! care homes, surgeries, schools, day centres and teams named with their place.

use std::sync::LazyLock;

use regex::Regex;

use super::context::{is_kind, is_ordinary};
use super::text::*;
use super::{Code, Finding};

/// The kinds of street, as UK addresses write them (a closed list), with their usual
/// abbreviations.
const STREET_KINDS: &str = "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Crescent|Cres|Grove|Gardens|Gdns|Place|Pl\
    |Way|Court|Ct|Terrace|Terr|Tce|Walk|Row|Square|Sq|Hill|Mews|Parade|Rise|View|Green|Park|Vale|Wharf\
    |Boulevard|Chase|Croft|Mount|Brow|Wynd|Fold|Gate|Yard|Approach|Circus|Meadows?|Heights|Fields|End|Bank\
    |Side|Lea|Hey|Garth|Nook|Paddock|Glade|Dene|Dale|Link|Loke|Ride|Broadway|Embankment|Quay|Villas|Cottages";

/// Buildings a flat is in ("Flat 4, Larch Court").
const BUILDING_KINDS: &str =
    "House|Court|Lodge|Tower|Heights|Mansions|Buildings|Point|Block|Apartments|Flats|Villas|Cottages|Hall";

/// Words a number can follow without being a house number ("Section 42", "Band 7").
const NOT_HOUSE: &str = "\
    aged age appendix article band bay bed chapter clause cohort day figure grade item level line \
    module page paragraph part phase question regulation room schedule section session stage \
    standard step table term tier unit version ward week year";

/// Capitalised pairs that end in a street kind and are not streets ("High Court").
const NOT_STREETS: &str = "high court|crown court|county court|family court|supreme court|magistrates court|coroner's court|appeal court";

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let flat = format!(r"(?:Flat|Apartment|Apt\.?|Unit|Suite){SP}[0-9]{{1,4}}[A-Za-z]?,?{SP}");
    let number = format!(r"[0-9]{{1,4}}[A-Za-z]?(?:{SP}?[-–]{SP}?[0-9]{{1,4}}[A-Za-z]?)?,?{SP}");
    let word = r"(?:The|St\.?|\p{Lu}[\p{L}'’\-]*)";
    let streets = STREET_KINDS.replace(' ', "");
    re(&format!(
        concat!(
            r"{START}(",
            r"{flat}(?:{number})?(?:{word}{SP}){{0,3}}{word}{SP}(?:{BUILDINGS}|{streets})(?-u:\b)\.?",
            r"|(?:No\.?{SP})?{number}(?:{word}{SP}){{0,3}}{word}{SP}(?:{streets})(?-u:\b)\.?",
            ")"
        ),
        START = START,
        SP = SP,
        flat = flat,
        number = number,
        word = word,
        streets = streets,
        BUILDINGS = BUILDING_KINDS,
    ))
});

/// Street addresses: a house or flat number, a capitalised street name and its kind.
pub(super) fn addresses(text: &str, found: &mut Vec<Finding>) {
    if !number_then_capital(text.as_bytes()) {
        return;
    }
    let mut here: Vec<Finding> = Vec::new();
    for caps in ADDRESS.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        let mut range = m.range();
        let matched = m.as_str();
        // "12 Mill Rd." and "12 Mill Rd": the same street.
        let end = matched.trim_end_matches('.');
        if alnum_at(text, range.end) {
            continue;
        }
        let starts_with_number = matched.starts_with(|c: char| c.is_ascii_digit());
        if starts_with_number
            && let Some(word) = super::birth::words_before(text, range.start, 1).first()
            && listed(NOT_HOUSE, word)
        {
            continue;
        }
        let lower = end.to_lowercase();
        if NOT_STREETS.split('|').any(|s| lower.ends_with(s)) {
            continue;
        }
        // A full stop after the kind ends the sentence, except after the abbreviations that
        // take one.
        if matched.ends_with('.')
            && !matched.ends_with("St.")
            && !matched.ends_with("Dr.")
            && !matched.ends_with("Apt.")
        {
            range.end -= 1;
        }
        // One address: "Flat 11, Priestley House, 40 Gledhow Lane".
        if let Some(last) = here.last_mut()
            && matches!(text.get(last.range.end..range.start), Some(", " | " " | ","))
        {
            last.range.end = range.end;
            continue;
        }
        here.push(Finding { code: Code::Address, range });
    }
    found.extend(here);
}

/// Whether `bytes` hold a number, maybe a letter ("12a") or a comma, a space and then what may be
/// a capital: what every address [`ADDRESS`] matches holds. One cheap pass.
fn number_then_capital(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        i = j;
        if bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        if bytes.get(j) == Some(&b',') {
            j += 1;
        }
        let space = match bytes.get(j..j + 2) {
            Some([b' ', _]) => 1,
            Some([0xC2, 0xA0]) => 2,
            _ => continue,
        };
        // An ASCII capital or the lead byte of a character beyond ASCII ("Flat 6, 31 Mill Lane"
        // has "31 M").
        if bytes.get(j + space).is_some_and(|b| b.is_ascii_uppercase() || *b >= 0xC3) {
            return true;
        }
    }
    false
}

/// The kinds of place that a name before them makes identifying.
const PLACE_KINDS: [&str; 14] = [
    "Hospital",
    "Infirmary",
    "Hospice",
    "Surgery",
    "Ward",
    "School",
    "Academy",
    "College",
    "Centre",
    "Center",
    "Practice",
    "Home",
    "Team",
    "Unit",
];

/// Weaker kinds, a place only when "care home" or the like follows ("Oak Lodge care home").
const HOME_NAMES: [&str; 12] = [
    "House", "Lodge", "Court", "Manor", "Grange", "Hall", "View", "Gardens", "Park", "Place", "Villa", "Mews",
];

/// Words in a place's name that do not identify it ("the Community Mental Health Team").
const GENERIC: &str = "\
    a abuse access accessibility acute adaptations admin administration admissions adult adults \
    advice alcohol an and approved assessment assistive autism bed beds behaviour benefits blind \
    brokerage business cancer capacity cardiac care carers central children children's city \
    civic commissioning communications community complaints complex conditions contact \
    continuing contracts county crisis cyber data day deaf defence dementia development diabetes \
    digital disabilities disability discharge disparity district domestic door drug drugs duty \
    early east eastern education emergency employment end engagement equipment evidence \
    excellence experience falls families family finance first flow frailty front general health \
    healthcare hearing her his home homeless homelessness hospital hospital's hours housing hub \
    immunisation improvement infant information innovation intake integrated intermediate \
    intervention leadership learning liaison life local locality long maternity medical memory \
    mental midwifery misuse mobility multi my national needs neighbourhood neonatal new nhs \
    night north northern nursing occupational of offending older operations our out outreach \
    palliative patient patients payments people people's pharmacy physical point policy practice \
    prevention primary protection psychiatric quality race rapid reablement reception recovery \
    referral referrals rehabilitation research residential resource respiratory response review \
    reviewing royal safeguarding safety screening secondary security sensory service services \
    sexual short sight single skills social south southern special specialist stay stroke \
    substance support technology telecare term that the their therapy this town training \
    transitions transport treatment triage urgent vaccination violence virtual vision visitor \
    visitors walk-in weekend welcome welfare wellbeing west western wheelchair work your youth";

/// The words of a place's name (lowercased, as [`super::Scanner`]'s allowed words are) that
/// identify it: not generic, not a kind of place.
pub(super) fn identifying_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !super::is_name_char(c))
        .filter(|w| !w.is_empty())
        .filter(|w| !generic(w) && !is_kind(w) && !PLACE_KINDS.iter().any(|k| k.eq_ignore_ascii_case(w)))
}

/// Whether a word of a place's name is generic.
fn generic(word: &str) -> bool {
    listed(GENERIC, word.trim_end_matches(['\'', '’']).trim_end_matches("'s").trim_end_matches("’s"))
}

/// Capitalised runs ending in a place kind that are national bodies, not places.
const NOT_PLACES: [&str; 6] = [
    "Royal College",
    "Open University",
    "Care Quality",
    "Research in Practice",
    "Skills for Care",
    "Social Care Institute",
];

/// Named places: the capitalised name before a place kind ("Larch Ward", "St Luke's Hospital",
/// "Oakfield Primary School", "Halifax North Community Mental Health Team"), a ward by number with
/// where it is ("Ward 12", "Ward 5 at St Luke's Hospital"), and a home named with a weaker kind
/// that "care home" follows.
pub(super) fn places(text: &str, found: &mut Vec<Finding>) {
    // Every place names its kind: one pass for the kinds' words spares most texts the rest.
    static CUES: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!("{}|(?:care|nursing|residential|retirement) (?:home|centre)", PLACE_KINDS.join("|")))
    });
    if !CUES.is_match(text) {
        return;
    }
    let mut here: Vec<Finding> = Vec::new();
    // One place: "Ward 7, Dewsbury and District Hospital".
    let mut push = |range: std::ops::Range<usize>| match here.last_mut() {
        Some(last) if matches!(text.get(last.range.end..range.start), Some(", " | ",")) => {
            last.range.end = range.end;
        }
        _ => here.push(Finding { code: Code::Place, range }),
    };
    static KIND: LazyLock<Regex> = LazyLock::new(|| {
        let kinds = PLACE_KINDS.join("|");
        let homes = HOME_NAMES.join("|");
        re(&format!(
            r"(?-u:\b)(?:Ward{SP}([0-9]{{1,2}}[A-Z]?)(?-u:\b)|({kinds})(?-u:\b)|({homes})(?:,{SP}the)?{SP}(?:care|nursing|residential|retirement)(?:{SP}home|{SP}centre))|(\p{{Lu}}[\p{{L}}'’\-]+)(?:,{SP}the)?{SP}(?:care|nursing|residential|retirement){SP}home"
        ))
    });
    let mut last_end = 0;
    for caps in KIND.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if whole.start() < last_end {
            continue;
        }
        let kind = caps.get(2).or_else(|| caps.get(3)).or_else(|| caps.get(4));
        let (name_end, kind_word) = match (kind, caps.get(1)) {
            (Some(k), _) => (k.end(), k.as_str()),
            (None, Some(number)) => {
                // "Ward 12", and where it is: "Ward 12 at St Luke's Hospital".
                let mut end = number.end();
                if let Some(more) = located(text, end) {
                    end = more;
                }
                push(whole.start()..end);
                last_end = end;
                continue;
            }
            _ => continue,
        };
        let kind_start = name_end - kind_word.len();
        // "Medical Practice", "Care Home": a practice and a home are places only so named.
        if kind_word == "Practice" {
            let before = text[..kind_start].trim_end();
            if !["Medical", "Health", "Family", "Group"].iter().any(|w| before.ends_with(w)) {
                continue;
            }
        }
        if kind_word == "Home" {
            let before = text[..kind_start].trim_end();
            if !["Care", "Nursing", "Residential", "Retirement"].iter().any(|w| before.ends_with(w)) {
                continue;
            }
        }
        let named_home = caps.get(4).is_some();
        if named_home && text[..whole.start()].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some(start) = name_start(text, kind_start).or(named_home.then_some(kind_start)) else { continue };
        let name = &text[start..kind_start];
        if NOT_PLACES.iter().any(|p| text[start..].starts_with(p)) {
            continue;
        }
        // A name before "care home" is its last word ("The Laurels care home").
        let name = if named_home { &text[start..name_end] } else { name };
        // Initials ("the GDS Data Protection Team") name an organisation more often than a place,
        // except a hospital's or its ward's ("LGI").
        let initials = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
        let hospital = matches!(kind_word, "Hospital" | "Infirmary" | "Ward");
        let distinctive = |w: &str| {
            !generic(w) && !is_ordinary(w) && (hospital || !initials(w))
                || w == "St"
                || w.ends_with("'s")
                || w.ends_with("’s")
        };
        let identifying = super::text::words(name).any(distinctive) && !super::text::words(name).all(generic);
        if !identifying {
            continue;
        }
        let mut end = name_end;
        if kind_word == "Ward"
            && let Some(more) = located(text, end)
        {
            end = more;
        }
        push(start..end);
        last_end = end;
    }
    found.extend(here);
}

/// Where the capitalised name before byte `kind_start` starts: back over capitalised words,
/// "St", possessives, and "of", "the", "and" or "&" between them; `None` if there is no name.
fn name_start(text: &str, kind_start: usize) -> Option<usize> {
    let mut start = kind_start;
    let mut words = 0;
    loop {
        let before = &text[..start];
        let Some(rest) = before.strip_suffix(' ') else { break };
        let Some(word_start) = rest
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '&'))
            .last()
            .map(|(i, _)| i)
        else {
            break;
        };
        let word = &rest[word_start..];
        let capital = word.starts_with(char::is_uppercase);
        let joiner = matches!(word, "of" | "the" | "and" | "&" | "upon" | "on" | "in" | "le");
        if !(capital || joiner) || words >= 5 || word.ends_with('.') && word != "St." {
            break;
        }
        // A capitalised word that starts the sentence is part of the name only if it is not an
        // ordinary word ("After School Club").
        if capital && is_ordinary(word) && super::context::sentence_start(text, word_start) {
            break;
        }
        start = word_start;
        words += 1;
    }
    // A name does not start with a joiner.
    while let Some(rest) = ["of ", "the ", "and ", "& ", "upon ", "on ", "in ", "le "]
        .iter()
        .find_map(|j| text[start..kind_start].strip_prefix(j))
    {
        start = kind_start - rest.len();
    }
    (start < kind_start).then_some(start)
}

/// The end of "at St Luke's Hospital" or "of Northfield" after a ward, if it is there.
fn located(text: &str, at: usize) -> Option<usize> {
    static LOCATED: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"^,?{SP}(?:at|of|in|on){SP}(?:the{SP})?((?:(?:St\.?|\p{{Lu}}[\p{{L}}'’\-]*){SP}){{0,4}}\p{{Lu}}[\p{{L}}'’\-]*)"
        ))
    });
    let caps = LOCATED.captures(&text[at..])?;
    let name = caps.get(1)?;
    let words: Vec<&str> = super::text::words(name.as_str()).collect();
    if words.iter().all(|w| generic(w) || is_ordinary(w)) {
        return None;
    }
    Some(at + name.end())
}
