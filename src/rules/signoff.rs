//! The check of a record's sign-offs: each entry well formed, and whether its digest still
//! matches the record.

use jiff::civil::Date;

use super::{Checker, Signoff, SignoffState};
use crate::model::SIGNOFF_ROLES;
use crate::portfolio::digest;
use crate::portfolio::parse::SIGNOFF_FIELDS;
use crate::problem::Problem;
use crate::suggest;
use crate::yaml::locate::Place;
use crate::yaml::values::parse_date;

impl Checker<'_, '_> {
    pub(super) fn signoff(&mut self, body: &str, record_date: Option<Date>) -> Vec<Signoff> {
        let Some(entries) = self.fields.entries("signoff") else { return Vec::new() };
        let current = digest::digest(self.fields, body);
        let names: Vec<&str> = SIGNOFF_FIELDS.iter().map(|f| f.name).collect();
        let mut signoffs = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let at_key = |name| [Place::EntryKey("signoff", index, name), Place::Item("signoff", index)];
            let at_value = |name| {
                [
                    Place::EntryValue("signoff", index, name),
                    Place::EntryKey("signoff", index, name),
                    Place::Item("signoff", index),
                ]
            };
            for (field, _) in &entry.unknown {
                let problem = Problem::UnknownField {
                    field: field.clone(),
                    place: "a sign-off entry",
                    suggestion: suggest::nearest(field, &names),
                };
                self.report(problem, &at_key(field));
            }
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
            let state = match digest.as_deref() {
                Some(written) if !is_sha256_digest(written) => {
                    self.report(Problem::MalformedDigest { value: written.to_owned() }, &at_value("digest"));
                    SignoffState::Unverifiable
                }
                Some(written) if written == current.as_str() => SignoffState::Valid,
                Some(_) => SignoffState::Stale,
                None => SignoffState::Unverifiable,
            };
            let signoff = Signoff { by: text("by"), role, date, digest, state };
            if state == SignoffState::Stale {
                let problem = Problem::SignoffStale {
                    who: signoff.who(),
                    date: text("date").unwrap_or_else(|| "an unknown date".to_owned()),
                    file: self.source.path.to_owned(),
                    by: signoff.by.clone(),
                    role: signoff.role.clone(),
                };
                self.report(problem, &at_value("digest"));
            }
            signoffs.push(signoff);
        }
        signoffs
    }
}

/// Whether `digest` is `sha256:` followed by 64 lowercase hexadecimal digits.
pub fn is_sha256_digest(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}
