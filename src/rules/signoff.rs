//! The check of a record's sign-offs: each entry well formed; whether its digest still matches
//! the record and its files, and if not what changed; its signature ([`super::seal`]); and
//! whether a mentor's or observer's sign-off names the person the portfolio or record names.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::attachments::file_digests;
use super::seal::{Current, Entry};
use super::{Checker, Seal, Signoff, SignoffState};
use crate::model::SIGNOFF_ROLES;
use crate::portfolio::digest::{self, Form};
use crate::portfolio::parse::SIGNOFF_FIELDS;
use crate::problem::Problem;
use crate::suggest;
use crate::text::and_list;
use crate::yaml::fields::Fields;
use crate::yaml::locate::Place;
use crate::yaml::values::parse_date;

impl Checker<'_, '_> {
    pub(super) fn signoff(
        &mut self,
        body: &str,
        record_date: Option<Date>,
        observer: Option<&str>,
    ) -> Vec<Signoff> {
        let Some(entries) = self.fields.entries("signoff") else { return Vec::new() };
        // The files are read only for a record with sign-offs.
        let files = file_digests(&self.files, self.context.file_digests);
        let current = Current {
            fields: self.fields,
            body,
            form_1: OnceCell::new(),
            form_2: digest::digest_with_files(self.fields, body, &files),
            files,
        };
        let names: Vec<&str> = SIGNOFF_FIELDS.iter().map(|f| f.name).collect();
        let mut signoffs = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let at_key = |name| [Place::EntryKey("signoff", index, name), Place::Item("signoff", index)];
            for (field, _) in &entry.unknown {
                let problem = Problem::UnknownField {
                    field: field.clone(),
                    place: "a sign-off entry",
                    suggestion: suggest::nearest(field, &names),
                };
                self.report(problem, &at_key(field));
            }
            signoffs.push(self.entry(index, entry, &current, record_date, observer));
        }
        signoffs
    }

    fn entry(
        &mut self,
        index: usize,
        entry: &Fields,
        current: &Current,
        record_date: Option<Date>,
        observer: Option<&str>,
    ) -> Signoff {
        let at_value = |name| {
            [
                Place::EntryValue("signoff", index, name),
                Place::EntryKey("signoff", index, name),
                Place::Item("signoff", index),
            ]
        };
        let text = |name| entry.given(name);
        for (name, example) in [
            ("by", "by: Sam Patel"),
            ("role", "role: mentor"),
            ("date", "date: 2026-03-02"),
            ("digest", "digest: sha256:..."),
        ] {
            if text(name).is_none() {
                let problem = Problem::MissingField {
                    field: name,
                    why: "each sign-off says who signed, as what, when, and what they signed".to_owned(),
                    example,
                };
                self.report(problem, &[Place::Item("signoff", index)]);
            }
        }
        let role = text("role");
        if let Some(written) = role.as_deref().filter(|r| !SIGNOFF_ROLES.contains(r)) {
            let problem = Problem::InvalidValue {
                field: "role".to_owned(),
                value: written.to_owned(),
                allowed: SIGNOFF_ROLES.to_vec(),
                suggestion: suggest::nearest(written, &SIGNOFF_ROLES),
            };
            self.report(problem, &at_value("role"));
        }
        let date = text("date").and_then(|written| match parse_date(&written) {
            Ok(date) => {
                if let Some(record_date) = record_date.filter(|r| date < *r) {
                    let problem =
                        Problem::SignoffBeforeRecord { signed: written, record: record_date.to_string() };
                    self.report(problem, &at_value("date"));
                } else if date > self.context.today {
                    let today = self.context.today.to_string();
                    self.report(Problem::FutureDate { value: written, today }, &at_value("date"));
                }
                Some(date)
            }
            Err(reason) => {
                let problem = Problem::InvalidDate { field: "date".to_owned(), value: written, reason };
                self.report(problem, &at_value("date"));
                None
            }
        });
        let digest = text("digest");
        let (mut state, form) = match digest.as_deref() {
            Some(written) if !is_sha256_digest(written) => {
                self.report(Problem::MalformedDigest { value: written.to_owned() }, &at_value("digest"));
                (SignoffState::Unverifiable, None)
            }
            Some(written) if written == current.form_2 => (SignoffState::Valid, Some(Form::Two)),
            Some(written) if written == current.form_1() => (SignoffState::Valid, Some(Form::One)),
            Some(_) => (SignoffState::Stale, None),
            None => (SignoffState::Unverifiable, None),
        };
        let mut signoff = Signoff {
            by: text("by"),
            role,
            date,
            digest,
            state,
            form,
            changed: String::new(),
            files: listed_files(entry),
            seal: Seal::Typed,
            expected: None,
        };
        if state == SignoffState::Stale {
            signoff.changed = self.changed(entry, current);
            let problem = Problem::SignoffStale {
                date: text("date").unwrap_or_else(|| "an unknown date".to_owned()),
                file: self.source.path.to_owned(),
                by: signoff.by.clone(),
                role: signoff.role.clone(),
                changed: signoff.changed.clone(),
            };
            self.report(problem, &at_value("digest"));
        }
        if form == Some(Form::One) && !current.files.is_empty() {
            let files: Vec<String> = current.files.keys().map(|f| format!("`{f}`")).collect();
            let problem = Problem::SignoffOldDigest { who: signoff.who(), files: files.join(", ") };
            self.report(problem, &at_value("digest"));
        }
        let written = Entry {
            by: text("by").unwrap_or_default(),
            role: signoff.role.clone().unwrap_or_default(),
            date: text("date").unwrap_or_default(),
            digest: signoff.digest.clone().unwrap_or_default(),
        };
        let signing = self.context.signing;
        let (seal, trusted) = match text("signature") {
            Some(armoured) => self.seal(&armoured, &written, date, current, index),
            // Where keys are not required, the portfolio's typed sign-offs get one note together
            // ([`crate::check`]).
            None if !signing.keys_required => (Seal::Typed, true),
            None => {
                let problem =
                    Problem::SignoffTyped { who: signoff.who(), set_in: signing.keys_set_in.clone() };
                self.report(
                    problem,
                    &[Place::EntryKey("signoff", index, "by"), Place::Item("signoff", index)],
                );
                (Seal::Typed, false)
            }
        };
        signoff.seal = seal;
        let expected = match signoff.role.as_deref() {
            Some("mentor") => signing.mentor.as_deref().map(|m| (m, "the portfolio's mentor in `pqs.yaml`")),
            Some("observer") => observer.map(|o| (o, "the observer this record names")),
            _ => None,
        };
        if let (Some((expected, from)), Some(by)) = (expected, signoff.by.as_deref())
            && !same_person(expected, by)
        {
            signoff.expected = Some((expected.to_owned(), from));
            let problem = Problem::SignoffWrongPerson {
                who: signoff.who(),
                expected: expected.to_owned(),
                from,
                required: signing.keys_required,
            };
            self.report(problem, &at_value("by"));
        }
        if !trusted || (signoff.expected.is_some() && signing.keys_required) {
            state = SignoffState::Untrusted;
        }
        signoff.state = state;
        signoff
    }

    /// What changed in the record since the sign-off `entry` was made, in words: its text or
    /// fields, and which of its files (told from the file digests the entry lists).
    fn changed(&self, entry: &Fields, current: &Current) -> String {
        let written = entry.given("digest").unwrap_or_default();
        let listed = listed_files(entry);
        let text_same = digest::digest_with_files(self.fields, current.body, &listed) == written;
        if !text_same && listed.is_empty() && !current.files.is_empty() {
            // Signed before files were covered, or with none: which changed cannot be told.
            return TEXT_CHANGED.to_owned();
        }
        let files: BTreeSet<&String> = listed.keys().chain(current.files.keys()).collect();
        let changed = files.into_iter().filter(|file| listed.get(*file) != current.files.get(*file));
        let text = (!text_same).then(|| TEXT_CHANGED.to_owned());
        let parts: Vec<String> =
            text.into_iter().chain(changed.map(|file| format!("the file `{file}`"))).collect();
        and_list(&parts)
    }
}

/// What [`Signoff::changed`](super::Signoff::changed) starts with when the record's own text or
/// fields changed (then the files that changed follow).
pub const TEXT_CHANGED: &str = "the record's text or details";

/// The file digests a sign-off entry lists (`sha256:... path` each), by path.
fn listed_files(entry: &Fields) -> BTreeMap<String, String> {
    let lines = entry.list("files").unwrap_or_default();
    lines
        .iter()
        .filter_map(|line| line.trim().split_once(' '))
        .map(|(digest, file)| (file.trim().to_owned(), digest.to_owned()))
        .collect()
}

/// Whether the name `by` is the person `expected` names: the same words in any case, with a
/// role in brackets after either left out (`Sam Patel (mentor)` is Sam Patel).
pub fn same_person(expected: &str, by: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        let name = name.split_once(" (").map_or(name, |(before, _)| before);
        name.split_whitespace().map(str::to_lowercase).collect()
    };
    words(expected) == words(by)
}

/// Whether `digest` is `sha256:` followed by 64 lowercase hexadecimal digits.
pub fn is_sha256_digest(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}
