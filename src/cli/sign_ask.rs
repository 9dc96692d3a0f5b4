//! The questions `pqs sign` asks at a terminal for what its flags did not give: who signs (the
//! people `pqs.yaml` and the records name are offered), in what role, and, once the records about
//! to be signed are shown, whether to go ahead.

use std::io::Write;

use anyhow::Context as _;
use jiff::civil::Date;

use super::Session;
use crate::check::{CheckOptions, Outcome, check};
use crate::error::Input;
use crate::model::SIGNOFF_ROLES;
use crate::paths::relative;
use crate::portfolio::manifest::Manifest;
use crate::rules::Record;
use crate::scaffold::ask::required;
use crate::signoff::Target;
use crate::text::escape;

/// Someone the portfolio names, in the role they would sign in.
#[derive(Debug, PartialEq, Eq)]
struct Person {
    name: String,
    role: &'static str,
}

/// Who signs and in what role: `by` and `role` where the flags gave them, the rest asked for
/// after showing the records of `targets`. `None` when the person chose not to sign.
pub(super) fn who_signs(
    by: Option<String>,
    role: Option<String>,
    date: Date,
    targets: &[Target],
    session: &mut Session<'_>,
) -> anyhow::Result<Option<(String, String)>> {
    if let (Some(by), Some(role)) = (&by, &role) {
        return Ok(Some((by.clone(), role.clone())));
    }
    let Some(first) = targets.first() else { return Ok(None) };
    let outcome = check(&first.root, &CheckOptions { today: date, complete: false, bodies: false })?;
    let records: Vec<&Record> = targets.iter().filter_map(|t| record_of(&outcome, t)).collect();
    let people = people(&outcome.portfolio.manifest, &records);
    let (by, role) = match by {
        Some(by) => {
            let role = match role {
                Some(role) => role,
                None => ask_role(&people, Some(&by), session)?,
            };
            (by, role)
        }
        None => ask_person(&people, role, session)?,
    };
    // Shown after the questions that a script without a flag stops at, so only a person sees it.
    show(targets, &outcome, session.err).context("could not write to the terminal")?;
    let question = format!("Sign as {by} ({role}) on {date}");
    let options = ["Yes, sign".to_owned(), "No, sign nothing".to_owned()];
    if session.ask.choose(&question, &options, Input::By)? == 0 {
        Ok(Some((by, role)))
    } else {
        writeln!(session.err, "Nothing was signed.").context("could not write to the terminal")?;
        Ok(None)
    }
}

/// Each record about to be signed: its title, type and date, and its file.
fn show(targets: &[Target], outcome: &Outcome, err: &mut dyn Write) -> std::io::Result<()> {
    writeln!(err, "To sign:")?;
    for target in targets {
        let file = relative(&outcome.portfolio.root, &target.real);
        match record_of(outcome, target) {
            Some(record) => writeln!(err, "  {}\n    {}", escape(&describe(record)), escape(&file))?,
            None => writeln!(err, "  {}", escape(&file))?,
        }
    }
    Ok(())
}

/// "Group supervision: formative observation, 2026-03-02", with what the record says of these.
fn describe(record: &Record) -> String {
    let title = record.title.clone().unwrap_or_else(|| "(no title)".to_owned());
    let what = match (&record.kind, record.record_type) {
        (Some(kind), Some(record_type)) => format!("{kind} {record_type}"),
        (None, Some(record_type)) => record_type.to_string(),
        _ => "no type".to_owned(),
    };
    let date = record.date.map(|d| format!(", {d}")).unwrap_or_default();
    format!("{title}: {what}{date}")
}

fn record_of<'a>(outcome: &'a Outcome, target: &Target) -> Option<&'a Record> {
    let file = relative(&outcome.portfolio.root, &target.real);
    outcome.portfolio.records.iter().find(|r| r.file == file)
}

/// The people who may sign the `records`: the mentor, the candidate and the line manager that
/// `pqs.yaml` names, and each record's observer.
fn people(manifest: &Manifest, records: &[&Record]) -> Vec<Person> {
    let mut found = Vec::new();
    let mut add = |name: Option<&str>, role: &'static str| {
        let Some(name) = name.map(without_note).filter(|n| !n.is_empty()) else { return };
        let person = Person { name: name.to_owned(), role };
        if !found.contains(&person) {
            found.push(person);
        }
    };
    add(manifest.mentor.as_deref(), "mentor");
    for record in records {
        add(record.observer.as_deref(), "observer");
    }
    add(manifest.candidate.as_deref(), "candidate");
    add(manifest.line_manager.as_deref(), "line-manager");
    found
}

/// A name without a note in brackets after it: `Sam Patel (mentor)` is `Sam Patel`.
fn without_note(name: &str) -> &str {
    let name = name.trim();
    match name.strip_suffix(')').and_then(|n| n.rfind(" (").map(|at| &name[..at])) {
        Some(bare) if !bare.trim().is_empty() => bare.trim(),
        _ => name,
    }
}

/// Ask who signs, offering the `people` who may sign in `role` (any role if none is given); the
/// role is the one they were offered in unless `role` was given.
fn ask_person(
    people: &[Person],
    role: Option<String>,
    session: &mut Session<'_>,
) -> anyhow::Result<(String, String)> {
    let offered: Vec<&Person> =
        people.iter().filter(|p| role.as_deref().is_none_or(|role| role == p.role)).collect();
    let mut options: Vec<String> =
        offered.iter().map(|p| format!("{}, as {}", p.name, p.role.replace('-', " "))).collect();
    options.push("Someone else".to_owned());
    let chosen = session.ask.choose("Who is signing", &options, Input::By)?;
    if let Some(person) = offered.get(chosen) {
        return Ok((person.name.clone(), role.unwrap_or_else(|| person.role.to_owned())));
    }
    let by = required(None, session.ask.as_mut(), "Their full name", Input::By)?;
    let role = match role {
        Some(role) => role,
        None => ask_role(people, Some(&by), session)?,
    };
    Ok((by, role))
}

/// Ask the role, offering first the roles the portfolio gives the person named `by`.
fn ask_role(people: &[Person], by: Option<&str>, session: &mut Session<'_>) -> anyhow::Result<String> {
    let theirs = |role: &str| {
        people.iter().any(|p| p.role == role && by.is_some_and(|b| b.eq_ignore_ascii_case(&p.name)))
    };
    let mut roles: Vec<&str> = SIGNOFF_ROLES.to_vec();
    roles.sort_by_key(|role| !theirs(role));
    let options: Vec<String> = roles.iter().map(|r| (*r).to_owned()).collect();
    let chosen = session.ask.choose("In what role are they signing", &options, Input::Role)?;
    Ok(options[chosen].clone())
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::error::Error;
    use crate::scaffold::ask::{Ask, Scripted};

    /// Scripted answers that the test can still read after the session has them.
    struct Shared(Rc<RefCell<Scripted>>);

    impl Ask for Shared {
        fn text(&mut self, question: &str, default: Option<&str>, input: Input) -> Result<String, Error> {
            self.0.borrow_mut().text(question, default, input)
        }
        fn choose(&mut self, question: &str, options: &[String], input: Input) -> Result<usize, Error> {
            self.0.borrow_mut().choose(question, options, input)
        }
        fn choose_many(
            &mut self,
            question: &str,
            options: &[String],
            input: Input,
        ) -> Result<Vec<usize>, Error> {
            self.0.borrow_mut().choose_many(question, options, input)
        }
        fn secret(&mut self, question: &str) -> Option<String> {
            self.0.borrow_mut().secret(question)
        }
    }

    /// A copy of the sample portfolio and the target of its first observation.
    fn sample() -> (tempfile::TempDir, Target) {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-portfolio");
        copy(&from, dir.path());
        let file =
            dir.path().join("evidence/observations/2026-03-02-observation-formative-group-supervision.md");
        let target = crate::signoff::locate(&file).expect("a record");
        (dir, target)
    }

    fn copy(from: &std::path::Path, to: &std::path::Path) {
        for entry in std::fs::read_dir(from).expect("list") {
            let entry = entry.expect("entry");
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("copy");
            }
        }
    }

    /// Run the questions with `answers`; what was decided, the questions asked and what was shown.
    fn asked(
        by: Option<&str>,
        role: Option<&str>,
        answers: &[&str],
    ) -> (Option<(String, String)>, Vec<String>, String) {
        let (_dir, target) = sample();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let script = Rc::new(RefCell::new(Scripted::new(answers)));
        let mut session = Session {
            out: &mut out,
            err: &mut err,
            today: Date::new(2026, 11, 20).expect("date"),
            ask: Box::new(Shared(Rc::clone(&script))),
            progress: false,
            width: crate::cli::WIDTH,
        };
        let date = session.today;
        let decided =
            who_signs(by.map(str::to_owned), role.map(str::to_owned), date, &[target], &mut session)
                .expect("answered");
        drop(session);
        let questions = script.borrow().asked.clone();
        (decided, questions, String::from_utf8(err).expect("UTF-8"))
    }

    #[test]
    fn shows_the_record_then_asks_the_name_first_offering_the_portfolios_people() {
        let (decided, questions, shown) = asked(None, None, &["Sam Patel, as mentor", "Yes, sign"]);
        assert_eq!(decided, Some(("Sam Patel".to_owned(), "mentor".to_owned())));
        assert_eq!(questions, ["Who is signing", "Sign as Sam Patel (mentor) on 2026-11-20"]);
        assert_eq!(
            shown,
            "To sign:\n  Formative observation of my first group supervision session: formative observation, \
             2026-03-02\n    \
             evidence/observations/2026-03-02-observation-formative-group-supervision.md\n"
        );
    }

    #[test]
    fn a_role_given_offers_the_people_in_that_role() {
        let (decided, _, _) = asked(None, Some("observer"), &["Sam Patel, as observer", "Yes, sign"]);
        assert_eq!(decided, Some(("Sam Patel".to_owned(), "observer".to_owned())));
        let (decided, questions, _) = asked(Some("Sam Patel"), None, &["mentor", "Yes, sign"]);
        assert_eq!(decided, Some(("Sam Patel".to_owned(), "mentor".to_owned())));
        assert_eq!(questions[0], "In what role are they signing");
    }

    #[test]
    fn someone_else_is_asked_their_name_and_role_and_may_stop() {
        let (decided, questions, _) =
            asked(None, None, &["Someone else", "Chris Lowe", "moderator", "No, sign nothing"]);
        assert_eq!(decided, None);
        assert_eq!(
            questions,
            [
                "Who is signing",
                "Their full name",
                "In what role are they signing",
                "Sign as Chris Lowe (moderator) on 2026-11-20"
            ]
        );
    }

    #[test]
    fn names_lose_their_note_in_brackets() {
        assert_eq!(without_note("Sam Patel (mentor)"), "Sam Patel");
        assert_eq!(without_note("(mentor)"), "(mentor)");
        assert_eq!(without_note(" Dee Okafor "), "Dee Okafor");
    }
}
