//! `pqs new`: scaffold one record from its template, valid from the first save.
//!
//! Values come from flags; what is missing is asked for through [`Ask`] (or, without a
//! terminal, named as the flag to pass). Every value is checked before anything is written, so
//! the new file passes `pqs check` with no error.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::{Error, Input, InputError, RefusedReference};
use crate::framework::{Framework, Resolved};
use crate::model::RecordType;
use crate::scaffold::ask::non_blank;
use crate::scaffold::ask::required;
use crate::scaffold::ask::{self, Ask};
use crate::templates::record::NewRecord;
use crate::text::slug;
use crate::write::create_new;

/// What the flags gave; `None` (or empty) for what they did not.
#[derive(Clone, Debug, Default)]
pub struct Given {
    /// `--title`.
    pub title: Option<String>,
    /// `--date`, as written.
    pub date: Option<String>,
    /// `--kind`.
    pub kind: Option<String>,
    /// `--observer`.
    pub observer: Option<String>,
    /// `--setting`.
    pub setting: Option<String>,
    /// `--standards`, split at commas.
    pub standards: Vec<String>,
    /// `--tags`, split at commas.
    pub tags: Vec<String>,
}

/// The question for an observation's setting, which may be left out.
const SETTING: &str = "Where it happened, e.g. group supervision (optional: enter to leave it out)";

/// Complete `given` for a record of `record_type`, asking `ask` for what is missing.
pub fn complete(
    record_type: RecordType,
    given: Given,
    framework: &Framework,
    today: Date,
    ask: &mut dyn Ask,
) -> Result<NewRecord, Error> {
    let title = required(given.title, ask, "Title", Input::Title)?;
    let date = ask::date(given.date, ask, "Date", today, Input::Date)?.to_string();
    let kind = kind(record_type, non_blank(given.kind), ask)?;
    let (observer, setting) = if record_type == RecordType::Observation {
        let observer = required(given.observer, ask, "Who observed (name or role)", Input::Observer)?;
        let setting = match non_blank(given.setting) {
            Some(setting) => Some(setting),
            None => non_blank(Some(ask.text(SETTING, Some(""), Input::Setting)?)),
        };
        (Some(observer), setting)
    } else {
        refuse(non_blank(given.observer).is_some(), Input::Observer, record_type)?;
        refuse(non_blank(given.setting).is_some(), Input::Setting, record_type)?;
        (None, None)
    };
    let mut standards: Vec<String> = given.standards.into_iter().filter_map(|s| non_blank(Some(s))).collect();
    if standards.is_empty() && record_type.needs_standards() {
        standards = choose_standards(framework, ask)?;
    }
    check_references(&standards, framework)?;
    let tags = given.tags.into_iter().filter_map(|t| non_blank(Some(t))).collect();
    Ok(NewRecord { record_type, title, date, kind, observer, setting, standards, tags })
}

fn refuse(given: bool, input: Input, record_type: RecordType) -> Result<(), Error> {
    if given {
        return Err(InputError::NotForType { input, only_for: "observations", record_type }.into());
    }
    Ok(())
}

fn kind(record_type: RecordType, given: Option<String>, ask: &mut dyn Ask) -> Result<Option<String>, Error> {
    let kinds = record_type.kinds();
    match given {
        Some(_) if kinds.is_empty() => Err(InputError::NotForType {
            input: Input::Kind,
            only_for: "observations and feedback",
            record_type,
        }
        .into()),
        Some(kind) if kinds.contains(&kind.as_str()) => Ok(Some(kind)),
        Some(kind) => Err(InputError::UnknownKind { value: kind, record_type }.into()),
        None if kinds.is_empty() => Ok(None),
        None => {
            let options: Vec<String> = kinds.iter().map(|k| (*k).to_owned()).collect();
            let index = ask.choose(&format!("Kind of {record_type}"), &options, Input::Kind)?;
            Ok(Some(options[index].clone()))
        }
    }
}

/// Offer the framework's standards and statements, with their titles and labels.
fn choose_standards(framework: &Framework, ask: &mut dyn Ask) -> Result<Vec<String>, Error> {
    let mut ids = Vec::new();
    let mut options = Vec::new();
    for standard in &framework.standards {
        ids.push(standard.id.clone());
        options.push(format!("{} {}", standard.id, standard.title));
        for statement in &standard.statements {
            ids.push(statement.id.clone());
            options.push(format!("  {} {}", statement.id, statement.label));
        }
    }
    let chosen = ask.choose_many("Standards and statements this evidences", &options, Input::Standards)?;
    if chosen.is_empty() {
        return Err(InputError::NoStandardChosen.into());
    }
    Ok(chosen.into_iter().filter_map(|i| ids.get(i).cloned()).collect())
}

/// Refuse references that `pqs check` would call errors.
fn check_references(standards: &[String], framework: &Framework) -> Result<(), Error> {
    for reference in standards {
        let why = match framework.resolve(reference) {
            Resolved::Invalid => RefusedReference::NotAReference,
            Resolved::UnknownStandard => {
                RefusedReference::UnknownStandard { standards: framework.standard_ids() }
            }
            Resolved::Unlisted(s) if framework.standards[s].statements_complete => {
                RefusedReference::Unlisted { standard: framework.standards[s].id.clone() }
            }
            _ => continue,
        };
        return Err(InputError::BadReference { value: reference.clone(), why }.into());
    }
    Ok(())
}

/// The file name without `.md`: `<date>-<type>[-<kind>]-<slug of title>`. The title's words that
/// the type or kind already say are left out, and so are the small words that this leaves at its
/// start or end: "Formative observation of group supervision" gives `...-observation-formative-group-supervision`,
/// not `...-observation-formative-formative-observation-of-group-supervision`.
pub fn file_stem(record: &NewRecord) -> String {
    let mut stem = format!("{}-{}", record.date, record.record_type);
    if let Some(kind) = &record.kind {
        stem.push('-');
        stem.push_str(kind);
    }
    let said: Vec<&str> = stem.split('-').collect();
    let slug = slug(&record.title);
    let all: Vec<&str> = slug.split('-').filter(|word| !word.is_empty()).collect();
    let mut words: Vec<&str> = all.iter().copied().filter(|word| !said.contains(word)).collect();
    if words.len() < all.len() {
        let start = words.iter().take_while(|word| SMALL_WORDS.contains(word)).count();
        words.drain(..start);
        while words.last().is_some_and(|word| SMALL_WORDS.contains(word)) {
            words.pop();
        }
    }
    if !words.is_empty() {
        stem.push('-');
        stem.push_str(&words.join("-"));
    }
    stem
}

/// Words that say little at the start or the end of a file name.
const SMALL_WORDS: [&str; 14] =
    ["a", "an", "and", "at", "by", "for", "from", "in", "my", "of", "on", "the", "to", "with"];

/// Write `text` as `<folder>/<stem>.md`, or `<stem>-2.md`, `-3`, ... if that is taken. Never
/// replaces a file. Returns the path written.
pub fn write(folder: &Path, stem: &str, text: &str) -> Result<PathBuf, Error> {
    for n in 1..10_000 {
        let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
        let path = folder.join(name);
        if create_new(&path, text.as_bytes())? {
            return Ok(path);
        }
    }
    Err(Error::NamesTaken { stem: stem.to_owned(), folder: folder.to_path_buf() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_FRAMEWORK;
    use crate::scaffold::ask::NoTerminal;
    use crate::scaffold::ask::Scripted;

    fn pqs() -> Framework {
        Framework::built_in(DEFAULT_FRAMEWORK).expect("built-in")
    }

    fn today() -> Date {
        Date::new(2026, 3, 2).expect("date")
    }

    #[test]
    fn asks_for_what_the_flags_did_not_give() {
        let mut ask = Scripted::new(&[
            "  ",
            "Group supervision",
            "01/09/2026",
            "",
            "direct",
            "Sam Patel",
            "group supervision",
            "6 Relationship-based practice supervision|  6.2 Agree a supervision agreement and review it regularly",
        ]);
        let record =
            complete(RecordType::Observation, Given::default(), &pqs(), today(), &mut ask).expect("complete");
        assert_eq!(record.title, "Group supervision", "a blank answer is asked again");
        assert_eq!(record.kind.as_deref(), Some("direct"));
        assert_eq!(record.observer.as_deref(), Some("Sam Patel"));
        assert_eq!(record.standards, ["6", "6.2"]);
        assert_eq!(record.date, "2026-09-01", "a UK date is asked again");
        assert_eq!(record.setting.as_deref(), Some("group supervision"));
        assert_eq!(
            ask.asked,
            [
                "Title",
                "Title",
                "Date (YYYY-MM-DD)",
                "Did you mean 1 September 2026? Press Enter for it, or write the date as YYYY-MM-DD",
                "Kind of observation",
                "Who observed (name or role)",
                SETTING,
                "Standards and statements this evidences"
            ]
        );
    }

    #[test]
    fn without_a_terminal_a_missing_value_names_its_flag() {
        let given = Given { title: Some("T".to_owned()), ..Given::default() };
        let error = complete(RecordType::Feedback, given, &pqs(), today(), &mut NoTerminal)
            .expect_err("kind missing");
        assert!(
            matches!(&error, Error::Input(InputError::MissingAnswer { question, input: Input::Kind }) if question == "Kind of feedback"),
            "{error:?}"
        );
        let given = Given { title: Some("T".to_owned()), ..Given::default() };
        let error =
            complete(RecordType::Reflection, given, &pqs(), today(), &mut NoTerminal).expect_err("standards");
        assert!(
            matches!(error, Error::Input(InputError::MissingAnswer { input: Input::Standards, .. })),
            "{error:?}"
        );
        let record = complete(
            RecordType::Pdp,
            Given { title: Some("Plan".to_owned()), ..Given::default() },
            &pqs(),
            today(),
            &mut NoTerminal,
        )
        .expect("a PDP needs nothing else");
        assert!(record.standards.is_empty());
    }

    #[test]
    fn refuses_values_that_check_would_reject() {
        let base = || Given { title: Some("T".to_owned()), ..Given::default() };
        let cases = [
            (
                RecordType::Reflection,
                Given { standards: vec!["9".to_owned()], ..base() },
                "the standards are",
            ),
            (
                RecordType::Observation,
                Given { kind: Some("sideways".to_owned()), ..base() },
                "is not a kind of observation",
            ),
            (
                RecordType::Pdp,
                Given { kind: Some("direct".to_owned()), ..base() },
                "only for observations and feedback",
            ),
            (RecordType::Pdp, Given { observer: Some("X".to_owned()), ..base() }, "only for observations"),
            (
                RecordType::Pdp,
                Given { date: Some("2026-02-30".to_owned()), ..base() },
                "February 2026 has 28 days",
            ),
        ];
        for (record_type, given, expected) in cases {
            let error = complete(record_type, given, &pqs(), today(), &mut NoTerminal).expect_err(expected);
            assert!(error.to_string().contains(expected), "{error}");
        }
    }

    #[test]
    fn file_names_from_date_type_kind_and_title() {
        let record = NewRecord {
            record_type: RecordType::Observation,
            title: "Café: group supervision — week 1!".to_owned(),
            date: "2026-03-02".to_owned(),
            kind: Some("formative".to_owned()),
            observer: None,
            setting: None,
            standards: Vec::new(),
            tags: Vec::new(),
        };
        assert_eq!(file_stem(&record), "2026-03-02-observation-formative-cafe-group-supervision-week-1");
        let titled = |title: &str| NewRecord { title: title.to_owned(), ..record.clone() };
        let cases = [
            ("Formative observation of my first group supervision", "first-group-supervision"),
            ("Group supervision: a formative observation", "group-supervision"),
            ("Formative observation", ""),
            ("Of mice and men", "of-mice-and-men"),
            ("Observation by my mentor, formative", "mentor"),
        ];
        for (title, slug) in cases {
            let expected =
                format!("2026-03-02-observation-formative{}{slug}", if slug.is_empty() { "" } else { "-" });
            assert_eq!(file_stem(&titled(title)), expected, "{title}");
        }
        assert_eq!(slug("Ünïcode 日本語 words"), "unicode-words");
        assert_eq!(slug(&"word ".repeat(30)).len(), 59);
    }

    #[test]
    fn never_overwrites_and_picks_the_next_free_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = write(dir.path(), "a", "one").expect("first");
        let second = write(dir.path(), "a", "two").expect("second");
        assert_eq!(first.file_name().expect("name"), "a.md");
        assert_eq!(second.file_name().expect("name"), "a-2.md");
        assert_eq!(std::fs::read_to_string(first).expect("read"), "one");
    }
}
