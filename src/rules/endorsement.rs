//! The check of the mentor's endorsement of the whole portfolio (`pqs-endorsement.yaml`, read by
//! [`crate::portfolio::endorsement`]): each entry well formed; its signature and signer, checked
//! as a sign-off's are ([`super::seal::vouch`]); the mentor `pqs.yaml` names; and whether every
//! record is still the one endorsed, naming those changed, added or removed since.
//!
//! What the file lists is only compared with the records found, never opened: a path in it
//! cannot make pqs read a file, inside the portfolio or out of it.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::ToSpan as _;
use jiff::civil::Date;

use super::Seal;
use super::attachments::{self, FileDigests};
use super::seal::{Vouched, vouch};
use super::signoff::same_person;
use crate::diagnostic::Diagnostic;
use crate::keys::Signature;
use crate::portfolio::digest;
use crate::portfolio::endorsement::{Entry, FILE_NAME, WORDS};
use crate::portfolio::front_matter;
use crate::portfolio::parse::FIELDS;
use crate::portfolio::signing::Signing;
use crate::portfolio::statement;
use crate::problem::Problem;
use crate::yaml::fields;
use crate::yaml::values::{parse_bool, parse_date};

/// How many records of each kind of change a finding names before "and N more".
const NAMED: usize = 5;

/// How many bytes of statements are checked against signatures, for the whole file, to tell what was edited
/// in an entry whose signature does not match it: a statement lists every record, so its size,
/// not the number of tries, is what costs (a few hundred milliseconds at most).
const TRIALS: usize = 64 * 1024 * 1024;

/// How many days either side of the date written are tried, to tell a changed date.
const DAYS_TRIED: i32 = 400;

/// One endorsement, as the check understood it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endorsement {
    /// Who endorsed, as written.
    pub by: String,
    /// In what role, as written.
    pub role: String,
    /// The date, as written.
    pub date: String,
    /// What they endorse, as written.
    pub endorse: Vec<String>,
    /// How many records it covers.
    pub records: usize,
    /// Whether it was signed with a key, and what checking the signature found.
    pub seal: Seal,
    /// The records changed, added and removed since, when its signature (or typed name) could
    /// be read.
    pub changes: Changes,
    /// Why it does not count whatever the records, in words: its signature or signer does not
    /// hold, it is not well formed, or it is a typed name or by someone other than the mentor
    /// where keys are required.
    pub why: Option<String>,
    /// Whether it still holds: well formed, trusted, by the mentor, and every record unchanged.
    pub holds: bool,
}

/// The records that differ from those endorsed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Endorsed, and changed since (or no longer readable).
    pub changed: Vec<String>,
    /// Not endorsed: new since.
    pub added: Vec<String>,
    /// Endorsed, and gone since.
    pub removed: Vec<String>,
}

impl Changes {
    /// Whether no record differs.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }

    /// In words: "`a.md` changed; `b.md` and `c.md` were added".
    pub fn words(&self) -> String {
        let parts = [(&self.changed, "changed", "changed"), (&self.added, "was added", "were added")];
        let removed = (&self.removed, "was removed", "were removed");
        parts
            .into_iter()
            .chain([removed])
            .filter(|(files, _, _)| !files.is_empty())
            .map(|(files, one, many)| {
                format!("{} {}", named(files), if files.len() == 1 { one } else { many })
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `a`, `b` and `c`, in backticks, the first few only: "`a`, `b` and 7 more records".
fn named(files: &[String]) -> String {
    let mut shown: Vec<String> = files.iter().take(NAMED).map(|f| format!("`{f}`")).collect();
    let more = files.len().saturating_sub(NAMED);
    if more > 0 {
        shown.push(format!("{more} more record{}", crate::text::plural(more)));
    }
    crate::text::and_list(&shown)
}

/// A record's digest as an endorsement covers it, and whether it is a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digested {
    /// Form 2: the record and every file it refers to.
    pub digest: String,
    /// It says `draft: true`.
    pub draft: bool,
    /// Its date, if it gives one that can be read.
    pub date: Option<Date>,
}

/// The digest of the record at `path` (in the portfolio at `root`) whose text is `bytes`, as
/// `pqs sign --portfolio` takes it and `pqs check` compares it; `None` if its front-matter cannot
/// be read.
/// `known` keeps the digests of the files read, for the next records.
pub fn record_digest(root: &Path, path: &Path, bytes: &[u8], known: &FileDigests) -> Option<Digested> {
    let split = front_matter::split(bytes).ok()?;
    let fields = fields::read(split.yaml(), split.yaml_line, FIELDS).ok()?;
    let body = split.body();
    let found = attachments::referenced(root, path, &fields, body, split.body_line);
    let digest = digest::digest_with_files(&fields, body, &attachments::file_digests(&found, known));
    let draft = fields.given("draft").and_then(|d| parse_bool(&d)).unwrap_or(false);
    let date = fields.given("date").and_then(|d| parse_date(&d).ok());
    Some(Digested { digest, draft, date })
}

/// Judge the endorsements `read` from the file against the records as they are now
/// (`current`: each record's path and digest, `None` for one that cannot be read). Returns each
/// endorsement, the findings, and whether one holds.
pub fn judge(
    read: Result<Vec<Entry>, String>,
    current: &BTreeMap<String, Option<String>>,
    signing: &Signing,
    today: Date,
) -> (Vec<Endorsement>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let entries = match read {
        Ok(entries) => entries,
        Err(reason) => {
            found.push(at_file(&Problem::EndorsementUnreadable { reason }));
            return (Vec::new(), found);
        }
    };
    if entries.is_empty() {
        let reason = "it lists no endorsement".to_owned();
        found.push(at_file(&Problem::EndorsementUnreadable { reason }));
    }
    let mut trials = TRIALS;
    let judged =
        entries.iter().map(|entry| one(entry, current, signing, today, &mut trials, &mut found)).collect();
    (judged, found)
}

/// A finding about the endorsement file.
fn at_file(problem: &Problem) -> Diagnostic {
    Diagnostic::new(problem, Some(FILE_NAME), None)
}

fn one(
    entry: &Entry,
    current: &BTreeMap<String, Option<String>>,
    signing: &Signing,
    today: Date,
    trials: &mut usize,
    found: &mut Vec<Diagnostic>,
) -> Endorsement {
    let who = entry.who();
    let mut judged = Endorsement {
        by: entry.by.clone(),
        role: entry.role.clone(),
        date: entry.date.clone(),
        endorse: entry.endorse.clone(),
        records: entry.records.len(),
        seal: Seal::Typed,
        changes: Changes::default(),
        why: None,
        holds: false,
    };
    let date = parse_date(&entry.date).ok();
    // The signature first: an edit of the role or the words is told as what was edited.
    match &entry.signature {
        Some(armoured) => {
            let (seal, why) = sealed(armoured, entry, signing, date.unwrap_or(today), trials, found);
            judged.seal = seal;
            judged.why = why;
        }
        None => {
            let required_by = signing.keys_required.then(|| signing.keys_set_in.clone());
            if let Some(file) = &required_by {
                judged.why = Some(format!("it is a typed name only, and `{file}` requires a key"));
            }
            found.push(at_file(&Problem::EndorsementTyped { who: who.clone(), required_by }));
        }
    }
    if matches!(judged.seal, Seal::Refused { .. }) {
        // What a signature that does not hold lists is not worth comparing.
        return judged;
    }
    if let Some(reason) = malformed(entry, date, today) {
        let problem =
            Problem::EndorsementUnreadable { reason: format!("the endorsement by {who}: {reason}") };
        found.push(at_file(&problem));
        judged.why = Some(reason);
    }
    if let Some(mentor) = &signing.mentor
        && !same_person(mentor, &entry.by)
    {
        let required = signing.keys_required;
        if required && judged.why.is_none() {
            judged.why = Some(format!("it should be by {mentor}, the portfolio's mentor in `pqs.yaml`"));
        }
        found.push(at_file(&Problem::EndorsementWrongPerson {
            who: who.clone(),
            expected: mentor.clone(),
            required,
        }));
    }
    judged.changes = changes(&entry.records, current);
    if !judged.changes.is_empty() {
        let changes = judged.changes.words();
        found.push(at_file(&Problem::EndorsementStale { who, date: entry.date.clone(), changes }));
    }
    judged.holds = judged.why.is_none() && judged.changes.is_empty();
    judged
}

/// What is wrong with the entry's values, if anything.
fn malformed(entry: &Entry, date: Option<Date>, today: Date) -> Option<String> {
    if entry.by.trim().is_empty() || entry.by.chars().any(char::is_control) {
        return Some("its `by` must be the mentor's name, on one line".to_owned());
    }
    if entry.role != "mentor" {
        return Some(format!("its `role` is `{}`: only the mentor endorses a portfolio", entry.role));
    }
    let Some(date) = date else { return Some(format!("its `date` `{}` is not a date", entry.date)) };
    if date > today {
        return Some(format!("it is dated {date}, after today"));
    }
    let unknown = entry.endorse.iter().find(|word| !WORDS.contains(&word.as_str()));
    if entry.endorse.is_empty() || unknown.is_some() || has_twice(&entry.endorse) {
        return Some("its `endorse` must list `authenticity`, `anonymity` or both, once each".to_owned());
    }
    None
}

fn has_twice(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| words[..i].contains(w))
}

/// The records that differ between those `endorsed` and those there are now.
pub fn changes(endorsed: &BTreeMap<String, String>, current: &BTreeMap<String, Option<String>>) -> Changes {
    let mut changes = Changes::default();
    for (file, now) in current {
        match endorsed.get(file) {
            None => changes.added.push(file.clone()),
            Some(then) if now.as_deref() != Some(then.as_str()) => changes.changed.push(file.clone()),
            Some(_) => {}
        }
    }
    changes.removed = endorsed.keys().filter(|file| !current.contains_key(*file)).cloned().collect();
    changes
}

/// What the signature `armoured` of `entry` shows, and why the endorsement does not count if it
/// does not; what is wrong goes to `found`.
fn sealed(
    armoured: &str,
    entry: &Entry,
    signing: &Signing,
    on: Date,
    trials: &mut usize,
    found: &mut Vec<Diagnostic>,
) -> (Seal, Option<String>) {
    let who = entry.who();
    let signature = match Signature::parse(armoured) {
        Ok(signature) => signature,
        Err(error) => {
            let why = error.to_string();
            found.push(at_file(&Problem::EndorsementSignatureInvalid { who, why: why.clone() }));
            return (Seal::Refused { fingerprint: None, why: why.clone() }, Some(why));
        }
    };
    let fingerprint = signature.fingerprint();
    if !signature.verifies(&entry.statement(&signing.candidate)) {
        let why = what_was_signed(&signature, entry, signing, trials);
        found.push(at_file(&Problem::EndorsementSignatureInvalid { who, why: why.clone() }));
        return (Seal::Refused { fingerprint: Some(fingerprint), why: why.clone() }, Some(why));
    }
    match vouch(signing, &entry.by, &entry.role, &signature, on) {
        Vouched::Allowed { file } => (Seal::Verified { fingerprint, file }, None),
        Vouched::NoFile => {
            let required = signing.keys_required;
            let problem =
                Problem::EndorsementSignerUnknown { who, fingerprint: fingerprint.clone(), required };
            found.push(at_file(&problem));
            let why = required
                .then(|| "no allowed-signers file says whose key it is, and keys are required".to_owned());
            (Seal::Unknown { fingerprint }, why)
        }
        Vouched::Refused { why } => {
            let problem = Problem::EndorsementSignerNotAllowed {
                who,
                fingerprint: fingerprint.clone(),
                why: why.clone(),
            };
            found.push(at_file(&problem));
            (Seal::Refused { fingerprint: Some(fingerprint), why: why.clone() }, Some(why))
        }
    }
}

/// Why the signature does not match `entry`: what was edited since it was signed, found by
/// trying the statements of the likeliest edits (another name the key belongs to, the role,
/// what is endorsed, the date) within the budget of bytes `trials`, or a sentence naming what
/// may have been.
fn what_was_signed(signature: &Signature, entry: &Entry, signing: &Signing, trials: &mut usize) -> String {
    let names = match &signing.allowed {
        Some(allowed) => allowed.signers.principals_of(&signature.public_key()),
        None => Vec::new(),
    };
    // Each try names only what differs: the records, the largest part, are borrowed by every
    // statement and never copied.
    let mut tries: Vec<(Values, String)> = Vec::new();
    for name in names.iter().filter(|n| **n != entry.by) {
        tries.push((
            Values { by: Some(name.clone()), ..Values::default() },
            format!("it was made by {name}, not {}", entry.by),
        ));
    }
    if entry.role != "mentor" {
        let said = format!("it was made in the role mentor, not {}", entry.role);
        tries.push((Values { role: Some("mentor".to_owned()), ..Values::default() }, said));
    }
    let [first, second] = WORDS.map(str::to_owned);
    let choices =
        [vec![first.clone()], vec![second.clone()], vec![first.clone(), second.clone()], vec![second, first]];
    for words in choices.into_iter().filter(|w| *w != entry.endorse) {
        let said = format!("it endorsed {}, not {}", words.join(" and "), entry.endorse.join(" and "));
        tries.push((Values { endorse: Some(words), ..Values::default() }, said));
    }
    if let Ok(written) = entry.date.parse::<Date>() {
        for days in (1..=DAYS_TRIED).flat_map(|d| [d, -d]) {
            if let Ok(other) = written.checked_add(days.days()) {
                let said = format!("it was made on {other}, not {written}");
                tries.push((Values { date: Some(other.to_string()), ..Values::default() }, said));
            }
        }
    }
    for (values, said) in tries {
        let bytes = statement::Endorsement {
            by: values.by.as_deref().unwrap_or(&entry.by),
            candidate: &signing.candidate,
            date: values.date.as_deref().unwrap_or(&entry.date),
            endorse: values.endorse.as_deref().unwrap_or(&entry.endorse),
            records: &entry.records,
            role: values.role.as_deref().unwrap_or(&entry.role),
        }
        .bytes();
        let Some(left) = trials.checked_sub(bytes.len()) else { break };
        *trials = left;
        if signature.verifies(&bytes) {
            return said;
        }
    }
    "it was not made over the endorsement as written: its name, role, date, what it endorses or its list \
     of records changed after it was signed, the candidate in `pqs.yaml` changed, or the signature was damaged"
        .to_owned()
}

/// The values of an entry one try changes; the others are the entry's own.
#[derive(Default)]
struct Values {
    by: Option<String>,
    role: Option<String>,
    date: Option<String>,
    endorse: Option<Vec<String>>,
}

#[cfg(test)]
mod tests;
