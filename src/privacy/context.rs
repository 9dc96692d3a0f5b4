//! What the words around a detail say about it: the name lists, the capitalised words that are
//! not names, where a sentence starts, citations and references sections. The checks of names,
//! places and ages share them.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::text::{ceil_boundary, floor_boundary, listed};

/// A fast hash for the word sets: FNV-1a, which for short words is many times cheaper than the
/// standard library's (whose resistance to chosen keys these constant sets do not need).
#[derive(Clone, Copy, Default)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A set of constant words, hashed with [`Fnv`].
pub(super) type WordSet = HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

/// Given names and surnames common in the UK, each with whether it is also a common English word
/// (`src/privacy/data/`, built from a public dataset by its `build.py`).
pub(super) struct NameList {
    names: WordSet,
    common: WordSet,
}

impl NameList {
    fn parse(text: &'static str) -> NameList {
        let mut names = WordSet::default();
        let mut common = WordSet::default();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            match line.strip_suffix(" *") {
                Some(name) => {
                    common.insert(name);
                }
                None => {
                    names.insert(line.trim());
                }
            }
        }
        NameList { names, common }
    }

    /// Whether `word` is on the list and is not also an ordinary word.
    pub(super) fn strong(&self, word: &str) -> bool {
        self.names.contains(word) && !is_ordinary(word)
    }

    /// Whether `word` is on the list at all (as a name or as an ordinary word too).
    pub(super) fn any(&self, word: &str) -> bool {
        self.names.contains(word) || self.common.contains(word)
    }
}

pub(super) static GIVEN: LazyLock<NameList> =
    LazyLock::new(|| NameList::parse(include_str!("data/given-names.txt")));
pub(super) static SURNAMES: LazyLock<NameList> =
    LazyLock::new(|| NameList::parse(include_str!("data/surnames.txt")));

/// Capitalised words that are often not names: ordinary words that start sentences or headings,
/// days, months, and names that are also words ("Will", "May", "Grace", "Mark"). A word here is
/// a name only beside a name the lists know.
const ORDINARY: &str = "\
    a about above across act action actually add additionally adult adults after afternoon again \
    against age agency all already also although always amber among an and angel another any \
    anyway april are around as ask assessment at august autumn baby back baptist baron based be \
    because before being below best between beyond bill birthday bishop black blessing both \
    brief briefly britain british brown but by call can canal captain care carer carers carolina \
    case central chair charity chase check chef chelsea china christian christmas clearly close \
    comfort community cord could council crystal currently daily dakota danish dawn day deacon \
    dear december despite destiny devon diamond did direct do doctor does done due duke during \
    each earl early east easter eastern eden edit eid either else england english equally even \
    evening eventually every faith fancy february feedback finally first fit following for \
    formal forum frank friday from further general generally georgia georgian german get given \
    go good grace green guy had hall happy harm harmony has have having he health her here hill \
    his holly hope houston how however i if in including india initially innocent instead into \
    ireland iris is it its ivy january job jordan joy judge july june just kent key king \
    kingston last lastly later law like lincoln little local london long lord lore lucky mad \
    madison main major make man many march marine mark may meanwhile melody mental mercy meta \
    miles monday more moreover morning most much my nail national nazi never new next night no \
    noel none nor north northern not note nothing november now nurse october of often on once \
    one only open or orlando other our over overall page paris pastor pat patience peace pearl \
    per perhaps person phoenix plan please practice prince princess prior purity raid rain \
    rather raven read really recently regarding review river robin rose royal ruby run sad \
    safeguarding said saturday savannah scotland second see september server set several she \
    should sierra since sky so social sole some sometimes soon south southern spring standard \
    star still storm sue summary summer sunday sunny support sure sydney take team tell than \
    thank thanks that the their them then there therefore these they third this those though \
    through throughout thursday till to today together tomorrow too toy trinidad trinity tuesday \
    under unfortunately unless until upon urban us use valentine very victor victory violet \
    virginia wales was washington we wednesday well were west western what when where whether \
    which while white who why will willow winter with within without wood work would write yes \
    yesterday yet york you young your";

static ORDINARY_SET: LazyLock<WordSet> = LazyLock::new(|| ORDINARY.split_whitespace().collect());

/// Whether a capitalised `word` is often an ordinary word (see [`ORDINARY`]), or is marked as one
/// in the name lists.
pub(super) fn is_ordinary(word: &str) -> bool {
    lowercased(word, |lower| ORDINARY_SET.contains(lower))
        || GIVEN.common.contains(word)
        || SURNAMES.common.contains(word)
}

/// `f` of `word` in lower case: without allocating for a short ASCII word, as most are.
fn lowercased<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 24];
    if word.is_ascii() && word.len() <= buffer.len() {
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII stays UTF-8.
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// Words that start instructions ("Add Sass styles", "Contact Dr Ng"), never a name's first.
pub(super) const INSTRUCTIONS: &str = "add ask call check close contact email get go make open phone please read ring run see set tell thank use write";

/// Words that end the name of a place, an organisation, a law or a work: a capitalised run
/// ending in one of them is not a person ("Florence Nightingale Hospital", "Jo Cox Foundation").
pub(super) const KINDS: &str = "\
    academy act acts agency alliance ambulance approach association avenue award bank board \
    boulevard bridge building buildings center centre chambers chapel church circus clinic close \
    collective college commission committee company consortium council court crescent croft day \
    department drive estate federation fellowship field fields foundation fund gardens gate \
    green group grove hall heights hill home hospice hospital house infirmary inquiry institute \
    intelligence lane lecture library lodge ltd mall manor market mead meadow meadows memorial \
    mews ministry model mount network parade park partnership place plaza practice principle \
    principles prize programme project protocol rd regulations report review rise road row rules \
    safeguards scale scheme school service services society square st standards station strategy \
    street surgery system terrace test theory tool tower trust union unit university vale view \
    village walk ward way wharf wing";

static KIND_SET: LazyLock<WordSet> = LazyLock::new(|| KINDS.split_whitespace().collect());

/// Whether `word` is one of [`KINDS`], ignoring case.
pub(super) fn is_kind(word: &str) -> bool {
    lowercased(word, |lower| KIND_SET.contains(lower))
}

/// Whether byte `at` starts a sentence, a heading, a list item or a cell: only spaces, and then
/// the start of the text, a line break, or one of `. ! ? : ; " “ ( [ - * | # >`, come before it.
pub(super) fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..floor_boundary(text, at)].trim_end_matches([' ', '\t']);
    match before.chars().next_back() {
        None
        | Some(
            '\n' | '.' | '!' | '?' | ':' | ';' | '"' | '“' | '‘' | '(' | '[' | '-' | '*' | '|' | '#' | '>',
        ) => true,
        Some('\'') => before.len() == 1 || before[..before.len() - 1].ends_with([' ', '\n']),
        _ => false,
    }
}

/// Up to `n` words just before byte `at`, nearest first, within the same sentence, lowercased.
pub(super) fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    let start = floor_boundary(text, at.saturating_sub(100));
    let window = &text[start..floor_boundary(text, at)];
    let sentence = window.rsplit(['.', ';', '!', '?', '\n']).next().unwrap_or("");
    let mut out: Vec<String> = super::text::words(sentence).map(str::to_lowercase).collect();
    out.reverse();
    out.truncate(n);
    out
}

/// Up to `n` words just after byte `at`, within the same sentence, lowercased.
pub(super) fn words_after(text: &str, at: usize, n: usize) -> Vec<String> {
    let end = ceil_boundary(text, at + 100);
    let window = &text[ceil_boundary(text, at)..end];
    let sentence = window.split(['.', ';', '!', '?', '\n']).next().unwrap_or("");
    super::text::words(sentence).take(n).map(str::to_lowercase).collect()
}

/// Works whose author is named after "by", or before them with "'s" ("the report by ...",
/// "Kolb's cycle").
const WORKS: &str = "\
    article articles blog book books chapter cycle framework guidance guide hierarchy inquiry lecture \
    model paper papers podcast report research review study talk textbook theory work";

/// Whether the name at `range` is cited rather than described: followed by a year in brackets
/// ("Ruch (2005)", "Ruch et al."), inside brackets with a year ("(Jo Ruch, 2005)"), named as the
/// author of a work ("a report by ...", "Munro's review"), or under a references heading
/// (`references`, from [`references`]).
pub(super) fn is_citation(
    text: &str,
    range: &Range<usize>,
    references: &References<'_>,
    public_title: bool,
) -> bool {
    if references.get().iter().any(|r| r.start <= range.start && range.start < r.end) {
        return true;
    }
    let after = &text[range.end..ceil_boundary(text, range.end + 40)];
    let bytes = after.as_bytes();
    let year_at = |s: &str| {
        let s = s.trim_start();
        s.len() >= 4
            && (s.starts_with("19") || s.starts_with("20"))
            && s.as_bytes()[2..4].iter().all(u8::is_ascii_digit)
    };
    // "Name (2005)", "Name's (2005)", "Name et al.", "Name, 2005)" and "Name and Other (2011)".
    let rest = after.strip_prefix("'s").or_else(|| after.strip_prefix("’s")).unwrap_or(after);
    let rest_trim = rest.trim_start();
    if let Some(inner) = rest_trim.strip_prefix('(')
        && year_at(inner)
    {
        return true;
    }
    if rest_trim.starts_with("et al") {
        return true;
    }
    if let Some(inner) = rest.strip_prefix(',')
        && year_at(inner)
    {
        return true;
    }
    if bytes.first() == Some(&b' ') {
        let mut w = after.split_whitespace();
        if matches!(w.next(), Some("and" | "&"))
            && w.next().is_some_and(|n| n.starts_with(char::is_uppercase))
        {
            let tail = w.next().unwrap_or("");
            if tail.strip_prefix('(').is_some_and(year_at) {
                return true;
            }
        }
    }
    let before = words_before(text, range.start, 7);
    if before.first().is_some_and(|w| w == "by") && before[1..].iter().any(|w| listed(WORKS, w)) {
        return true;
    }
    let possessive = after.starts_with("'s ") || after.starts_with("’s ") || after.starts_with("' ");
    if possessive {
        let next = words_after(text, range.end + 2, 4);
        let work =
            |w: &String| listed(WORKS, w) && (public_title || w != "review" && w != "work" && w != "report");
        // "Prof Xu's report on his cognition" is about the person, not a work to cite.
        let about_someone =
            next.windows(2).any(|p| listed("on about of", &p[0]) && listed("him her his them their", &p[1]));
        if next.iter().take(2).any(work) && !about_someone {
            return true;
        }
    }
    false
}

/// The references sections of a text, found when first asked for: most texts have no name to
/// ask about.
pub(super) struct References<'t> {
    text: &'t str,
    ranges: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl<'t> References<'t> {
    pub(super) fn new(text: &'t str) -> References<'t> {
        References { text, ranges: std::cell::OnceCell::new() }
    }

    fn get(&self) -> &[Range<usize>] {
        self.ranges.get_or_init(|| references(self.text))
    }
}

/// The stretches of `text` under a heading of references ("References", "Bibliography", "Further
/// reading"...): from the heading to the next heading, or to the end.
fn references(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    // A line that is a reference ("Howe, D. (2008) The Emotionally Intelligent ...").
    if text.contains(". (") || text.contains(".(") {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if REFERENCE_LINE.is_match(line) {
                ranges.push(at..at + line.len());
            }
            at += line.len();
        }
    }
    if !has_reference_word(text) {
        return ranges;
    }
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let heading = trimmed.starts_with('#');
        let title = trimmed.trim_start_matches('#').trim().trim_end_matches(':').trim();
        let is_references = REFERENCE_HEADINGS.iter().any(|h| title.eq_ignore_ascii_case(h));
        if heading || is_references {
            if let Some(start) = open.take() {
                ranges.push(start..at);
            }
            if is_references {
                open = Some(at);
            }
        }
        at += line.len();
    }
    if let Some(start) = open {
        ranges.push(start..text.len());
    }
    ranges
}

static REFERENCE_LINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::text::re(
        r"^[ \t]*(?:[-*][ \t]+)?\p{Lu}[\p{L}'’\-]+,[ \t]?\p{Lu}\.(?:[ \t]?\p{Lu}\.)*[^\n]{0,80}\((?:19|20)[0-9]{2}[a-z]?\)",
    )
});

const REFERENCE_HEADINGS: [&str; 9] = [
    "references",
    "reference list",
    "bibliography",
    "further reading",
    "reading list",
    "reading",
    "sources",
    "works cited",
    "citations",
];

fn has_reference_word(text: &str) -> bool {
    static ANY: LazyLock<regex::Regex> = LazyLock::new(|| {
        super::text::re(r"(?i-u)references|reference list|bibliography|reading|sources|cited|citations")
    });
    ANY.is_match(text)
}
