//! The check of a sign-off's signature: that it is a good signature of the entry as written,
//! by a key the allowed-signers file gives to the person who signed, in a role they may sign in.
//!
//! A signature covers the statement of the entry ([`crate::portfolio::statement`]); when it does
//! not match, the statements of the likeliest edits are tried (another name the key belongs to,
//! another role, another date, the record's digest now) to say what was changed, within the
//! portfolio's budget ([`super::Context::trials`]).

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

use jiff::ToSpan as _;
use jiff::civil::Date;

use super::Checker;
use super::Seal;
use crate::keys::{Judgement, Signature};
use crate::model::SIGNOFF_ROLES;
use crate::portfolio::digest;
use crate::portfolio::signing::Signing;
use crate::portfolio::statement;
use crate::problem::Problem;
use crate::yaml::fields::Fields;
use crate::yaml::locate::Place;

/// The values of a sign-off entry as written, which its signature covers.
#[derive(Clone, Debug, Default)]
pub(super) struct Entry {
    pub by: String,
    pub role: String,
    pub date: String,
    pub digest: String,
}

/// The record as it is now, in both forms of digest.
pub(super) struct Current<'a> {
    /// Its fields and text, for form 1.
    pub fields: &'a Fields,
    pub body: &'a str,
    /// Form 1, made only for a sign-off that form 2 does not match.
    pub form_1: OnceCell<String>,
    pub form_2: String,
    /// The digest of each file it refers to.
    pub files: BTreeMap<String, String>,
}

impl Current<'_> {
    /// The record's digest in form 1, before files were covered.
    pub fn form_1(&self) -> &str {
        self.form_1.get_or_init(|| digest::digest(self.fields, self.body))
    }
}

/// How many days either side of the date written are tried, to tell a changed date.
const DAYS_TRIED: i32 = 400;

impl Checker<'_, '_> {
    /// What the signature `armoured` of the entry at `index` shows, and whether the sign-off
    /// may count; what is wrong is reported.
    pub(super) fn seal(
        &mut self,
        armoured: &str,
        entry: &Entry,
        date: Option<Date>,
        current: &Current,
        index: usize,
    ) -> (Seal, bool) {
        let who = crate::text::who(&entry.by, &entry.role);
        let at = [
            Place::EntryValue("signoff", index, "signature"),
            Place::EntryKey("signoff", index, "signature"),
            Place::Item("signoff", index),
        ];
        let signature = match Signature::parse(armoured) {
            Ok(signature) => signature,
            Err(error) => {
                let why = error.to_string();
                self.report(Problem::SignatureInvalid { who, why: why.clone() }, &at);
                return (Seal::Refused { fingerprint: None, why }, false);
            }
        };
        let fingerprint = signature.fingerprint();
        let signing = self.context.signing;
        let record = self.source.path.to_owned();
        let statement = |e: &Entry| {
            statement::Signoff {
                by: &e.by,
                candidate: &signing.candidate,
                date: &e.date,
                digest: &e.digest,
                record: &record,
                role: &e.role,
            }
            .bytes()
        };
        if !signature.verifies(&statement(entry)) {
            let why = self.what_was_signed(&signature, entry, current, &statement);
            self.report(Problem::SignatureInvalid { who, why: why.clone() }, &at);
            return (Seal::Refused { fingerprint: Some(fingerprint), why }, false);
        }
        let on = date.unwrap_or(self.context.today);
        match vouch(signing, &entry.by, &entry.role, &signature, on) {
            Vouched::Allowed { file } => (Seal::Verified { fingerprint, file }, true),
            Vouched::NoFile => {
                let required = signing.keys_required;
                let problem = Problem::SignerUnknown { who, fingerprint: fingerprint.clone(), required };
                self.report(problem, &at);
                (Seal::Unknown { fingerprint }, !required)
            }
            Vouched::Refused { why } => {
                let problem =
                    Problem::SignerNotAllowed { who, fingerprint: fingerprint.clone(), why: why.clone() };
                self.report(problem, &at);
                (Seal::Refused { fingerprint: Some(fingerprint), why }, false)
            }
        }
    }

    /// Why the signature does not match `entry`: what was changed since it was signed, found by
    /// trying the statements of the likeliest edits, or a sentence naming what may have been.
    fn what_was_signed(
        &self,
        signature: &Signature,
        entry: &Entry,
        current: &Current,
        statement: &dyn Fn(&Entry) -> Vec<u8>,
    ) -> String {
        let key = signature.public_key();
        let names: Vec<String> = match &self.context.signing.allowed {
            Some(allowed) => allowed.signers.principals_of(&key),
            None => Vec::new(),
        };
        let mut tries: Vec<(Entry, String)> = Vec::new();
        for name in names.iter().filter(|n| **n != entry.by) {
            tries.push((
                Entry { by: name.clone(), ..entry.clone() },
                format!("it was signed by {name}, not {}", entry.by),
            ));
        }
        for role in SIGNOFF_ROLES.iter().filter(|r| **r != entry.role) {
            let said = format!("it was signed in the role {role}, not {}", entry.role);
            tries.push((Entry { role: (*role).to_owned(), ..entry.clone() }, said));
            for name in names.iter().filter(|n| **n != entry.by) {
                let said =
                    format!("it was signed by {name} as {role}, not by {} as {}", entry.by, entry.role);
                tries.push((Entry { by: name.clone(), role: (*role).to_owned(), ..entry.clone() }, said));
            }
        }
        for now in [current.form_2.as_str(), current.form_1()] {
            if *now != entry.digest {
                let said =
                    "its `digest` line was edited after signing, so it no longer names the version signed"
                        .to_owned();
                tries.push((Entry { digest: now.to_owned(), ..entry.clone() }, said));
            }
        }
        if let Ok(written) = entry.date.parse::<Date>() {
            for days in (1..=DAYS_TRIED).flat_map(|d| [d, -d]) {
                if let Ok(other) = written.checked_add(days.days()) {
                    let said = format!("it was signed on {other}, not {written}");
                    tries.push((Entry { date: other.to_string(), ..entry.clone() }, said));
                }
            }
        }
        let budget = self.context.trials;
        for (tried, said) in tries {
            let left = budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
            if left.is_err() {
                break;
            }
            if signature.verifies(&statement(&tried)) {
                return said;
            }
        }
        "it was not made over this entry as written: its name, role, date or digest, the record's file \
         name, or the candidate in `pqs.yaml` changed after signing, or the signature was damaged"
            .to_owned()
    }
}

/// What the allowed-signers file and the roles say of a good signature by `by` in `role`.
pub(super) enum Vouched {
    /// The key is theirs, for pqs, on that day, in a role they may sign in: the file, as
    /// reports name it.
    Allowed { file: String },
    /// No allowed-signers file says whose key it is.
    NoFile,
    /// The file or the roles do not allow it, and why in words.
    Refused { why: String },
}

/// Whether `signing`'s allowed-signers file gives the key of `signature` to `by` on the date
/// `on`, and its roles let them sign in `role`: shared by sign-offs and the mentor's endorsement.
pub(super) fn vouch(signing: &Signing, by: &str, role: &str, signature: &Signature, on: Date) -> Vouched {
    let Some(allowed) = &signing.allowed else { return Vouched::NoFile };
    let file = &allowed.shown;
    let why = match allowed.signers.judge(by, &signature.public_key(), on) {
        Judgement::Allowed { .. } => None,
        Judgement::UnknownKey => Some(format!("the key is not in `{file}`")),
        Judgement::OtherPerson { principals } => {
            Some(format!("`{file}` gives that key to {}, not to {by}", principals.join(", ")))
        }
        Judgement::OtherPurpose { line } => {
            Some(format!("line {line} of `{file}` allows that key for other uses, not pqs sign-offs"))
        }
        Judgement::OutsideDates { line, after, before } => Some(format!(
            "line {line} of `{file}` allows that key {}, and it is dated {on}",
            between(after, before)
        )),
    };
    let why = why.or_else(|| {
        let names = signing.roles.get(role)?;
        (!names.iter().any(|n| n == by)).then(|| {
            format!(
                "`signing.roles.{role}` in `{}` does not list {by} (it lists {})",
                signing.roles_set_in,
                if names.is_empty() { "no one".to_owned() } else { names.join(", ") }
            )
        })
    });
    match why {
        Some(why) => Vouched::Refused { why },
        None => Vouched::Allowed { file: file.clone() },
    }
}

/// `from 2026-01-01 until 2026-12-31`, `from 2026-01-01`, `until 2026-12-31`.
fn between(after: Option<Date>, before: Option<Date>) -> String {
    match (after, before) {
        (Some(a), Some(b)) => format!("from {a} until {b}"),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => "on other dates".to_owned(),
    }
}
