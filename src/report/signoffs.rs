//! The report of `pqs sign --verify`: each record's sign-offs and whether they are still valid, and
//! the sign-offs the framework still asks for; and the diff of `pqs diff-signed`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use schemars::JsonSchema;
use serde::Serialize;

use super::endorsements::{self, EndorsementEntry, endorsement};
use crate::check::Outcome;
use crate::rules::Record;
use crate::rules::{Seal, Signoff, SignoffState};
use crate::text::escape;
use crate::text::plural;

/// What the report found, for the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    /// Sign-offs still valid: the record is the version that was signed, and the signature,
    /// if any, holds.
    pub valid: usize,
    /// Of those, signed with a key the allowed signers allow.
    pub verified: usize,
    /// Sign-offs made over another version of the record.
    pub stale: usize,
    /// Sign-offs whose digest is missing or malformed.
    pub unverifiable: usize,
    /// Sign-offs that do not count: a signature that does not match, a key not allowed, or a
    /// typed name where keys are required.
    pub untrusted: usize,
    /// Sign-offs the framework asks for that no sign-off gives.
    pub needed: usize,
}

/// The version of the JSON report's format.
pub const VERSION: u32 = 1;

/// The result of `pqs sign --verify`, as `--format json` gives it (its schema is
/// `schemas/signoffs-report.schema.json`).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignoffReport {
    /// The version of this report's format.
    pub version: u32,
    /// The allowed-signers file keys are checked against, as named from the portfolio, if any.
    pub allowed_signers: Option<String>,
    /// Whether the settings require every sign-off to be signed with a key.
    pub keys_required: bool,
    /// Each record reported on, in the portfolio's order.
    pub records: Vec<RecordSignoffs>,
    /// Whether the settings require the mentor's endorsement of the whole portfolio.
    pub endorsement_required: bool,
    /// The mentor's endorsements of the whole portfolio (`pqs-endorsement.yaml`), in the order
    /// written.
    pub endorsements: Vec<EndorsementEntry>,
    /// The totals.
    pub totals: Tally,
}

/// One record's sign-offs.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSignoffs {
    /// The record, relative to the portfolio.
    pub file: String,
    /// Its sign-offs, in the order written.
    pub signoffs: Vec<SignoffEntry>,
    /// The sign-offs the framework asks for that it does not have.
    pub needed: Vec<Needed>,
}

/// One sign-off.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignoffEntry {
    /// Who signed, as written.
    pub by: Option<String>,
    /// In what role.
    pub role: Option<String>,
    /// When, YYYY-MM-DD.
    pub date: Option<String>,
    /// `valid`, `stale`, `unverifiable` or `untrusted`.
    pub state: &'static str,
    /// `typed` (a name only), `verified` (signed with an allowed key), `unknown-key` (signed
    /// with a key no allowed-signers file names) or `refused` (the signature or signer does not
    /// hold).
    pub seal: &'static str,
    /// The fingerprint of the key it was signed with, `SHA256:...`.
    pub fingerprint: Option<String>,
    /// What changed since it was signed, for a stale one, in words.
    pub changed: Option<String>,
    /// Why its signature or signer does not hold, in words.
    pub refused: Option<String>,
}

/// A sign-off the framework asks for.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Needed {
    /// The role.
    pub role: String,
    /// The requirement that asks for it.
    pub requirement: String,
}

impl SignoffReport {
    /// The sign-offs of the records of `outcome` whose files are in `files` (every record when
    /// `files` is `None`).
    pub fn new(outcome: &Outcome, files: Option<&[String]>) -> SignoffReport {
        let mut needed: BTreeMap<&str, Vec<Needed>> = BTreeMap::new();
        for requirement in &outcome.coverage.requirements {
            for unsigned in &requirement.unsigned {
                for role in &unsigned.roles {
                    let wanted = Needed { role: role.clone(), requirement: requirement.id.clone() };
                    needed.entry(unsigned.file.as_str()).or_default().push(wanted);
                }
            }
        }
        let mut totals = Tally::default();
        let chosen = |r: &&Record| files.is_none_or(|files| files.contains(&r.file));
        let mut records = Vec::new();
        for record in outcome.portfolio.records.iter().filter(chosen) {
            let signoffs: Vec<SignoffEntry> = record.signoff.iter().map(entry).collect();
            for signoff in &record.signoff {
                match signoff.state {
                    SignoffState::Valid => totals.valid += 1,
                    SignoffState::Stale => totals.stale += 1,
                    SignoffState::Unverifiable => totals.unverifiable += 1,
                    SignoffState::Untrusted => totals.untrusted += 1,
                }
                if signoff.state == SignoffState::Valid && matches!(signoff.seal, Seal::Verified { .. }) {
                    totals.verified += 1;
                }
            }
            // A role with a sign-off that does not hold is already shown.
            let needed: Vec<Needed> = needed
                .remove(record.file.as_str())
                .unwrap_or_default()
                .into_iter()
                .filter(|n| !record.signoff.iter().any(|s| s.role.as_deref() == Some(n.role.as_str())))
                .collect();
            totals.needed += needed.len();
            records.push(RecordSignoffs { file: record.file.clone(), signoffs, needed });
        }
        let signing = &outcome.portfolio.signing;
        SignoffReport {
            version: VERSION,
            allowed_signers: signing.allowed.as_ref().map(|a| a.shown.clone()),
            keys_required: signing.keys_required,
            records,
            endorsement_required: signing.endorsement_required,
            endorsements: outcome.portfolio.endorsements.iter().map(endorsement).collect(),
            totals,
        }
    }

    /// Whether every sign-off reported on holds, and every endorsement of the portfolio.
    pub fn passes(&self) -> bool {
        self.totals.stale + self.totals.unverifiable + self.totals.untrusted == 0
            && self.endorsements.iter().all(|e| e.state == "valid")
    }

    /// The report as JSON, ending with a newline.
    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The report in words, coloured if asked.
    pub fn human(&self, color: bool) -> String {
        let paint = |style: Style, text: &str| {
            if color { format!("{style}{text}{style:#}") } else { text.to_owned() }
        };
        let mut out = String::new();
        let bad = AnsiColor::Red.on_default().bold();
        for record in &self.records {
            let _ = writeln!(out, "{}", paint(Style::new().bold(), &escape(&record.file)));
            if record.signoffs.is_empty() {
                let _ = writeln!(out, "  not signed");
            }
            for signoff in &record.signoffs {
                let (mark, style) = match signoff.state {
                    "valid" => ("✓ still valid      ", AnsiColor::Green.on_default()),
                    "stale" => ("✗ no longer valid  ", bad),
                    "unverifiable" => ("✗ cannot be checked", bad),
                    _ => ("✗ not accepted     ", bad),
                };
                let who = match (&signoff.by, &signoff.role) {
                    (Some(by), Some(role)) => format!("{by} ({role})"),
                    (Some(by), None) => by.clone(),
                    (None, _) => "someone unnamed".to_owned(),
                };
                let date = signoff.date.as_ref().map(|d| format!(", signed {d}")).unwrap_or_default();
                let how = match (signoff.seal, &signoff.fingerprint, &self.allowed_signers) {
                    ("verified", Some(key), Some(file)) => {
                        format!(", with the key {key}, allowed by `{file}`")
                    }
                    ("unknown-key", Some(key), _) => {
                        format!(", with the key {key}, which no allowed-signers file names")
                    }
                    ("typed", _, _) => ", typed name only".to_owned(),
                    _ => String::new(),
                };
                let why = match (&signoff.refused, &signoff.changed, signoff.state) {
                    (Some(why), _, _) => format!(": {why}"),
                    (None, Some(changed), "stale") => format!(": {changed} changed after it was signed"),
                    (None, None, "stale") => ": the record changed after it was signed".to_owned(),
                    (None, _, "unverifiable") => {
                        ": it does not say which version of the record was signed (its `digest` is missing or not as pqs writes it)".to_owned()
                    }
                    (None, _, "untrusted") => {
                        ": a typed name, where sign-offs must be signed with a key".to_owned()
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {} {}{date}{}{}",
                    paint(style, mark),
                    escape(&who),
                    escape(&how),
                    escape(&why)
                );
            }
            for needed in &record.needed {
                let mark = paint(AnsiColor::Yellow.on_default().bold(), "· needed           ");
                let (role, requirement) = (escape(&needed.role), escape(&needed.requirement));
                let _ = writeln!(out, "  {mark} a sign-off by the {role} (asked for by `{requirement}`)");
            }
        }
        let allowed = self.allowed_signers.as_deref();
        endorsements::human(&self.endorsements, self.endorsement_required, allowed, &paint, &mut out);
        let Tally { valid, verified, stale, unverifiable, untrusted, needed } = self.totals;
        let keyed = self.records.iter().flat_map(|r| &r.signoffs).any(|s| s.seal != "typed");
        let keys = if keyed { format!(" ({verified} signed with an allowed key)") } else { String::new() };
        let _ = writeln!(
            out,
            "\n{valid} sign-off{} still valid{keys}, {stale} no longer valid, {unverifiable} cannot be checked, {untrusted} not accepted; {needed} still needed.",
            plural(valid),
        );
        out
    }
}

fn entry(signoff: &Signoff) -> SignoffEntry {
    let refused = match &signoff.seal {
        Seal::Refused { why, .. } => Some(why.clone()),
        _ => None,
    };
    SignoffEntry {
        by: signoff.by.clone(),
        role: signoff.role.clone(),
        date: signoff.date.map(|d| d.to_string()),
        state: signoff.state.as_str(),
        seal: signoff.seal.as_str(),
        fingerprint: signoff.seal.fingerprint().map(str::to_owned),
        changed: Some(signoff.changed.clone()).filter(|c| !c.is_empty()),
        refused,
    }
}

/// The JSON Schema of the report, as shipped in `schemas/signoffs-report.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(SignoffReport);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A unified diff from `old` to `new`, with three lines of context, coloured if asked.
pub fn diff(old: &str, new: &str, old_label: &str, new_label: &str, color: bool) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(3).header(old_label, new_label).to_string();
    // Each line of the diff is one line of a record (or a label): what is hidden in it is shown
    // escaped, tabs kept, before any colour of ours is added.
    text.split_inclusive('\n')
        .map(|line| {
            let (content, end) = line.split_at(line.trim_end_matches('\n').len());
            let (content, _) = crate::text::escape_quoted_line(content, 0..0);
            let line = format!("{content}{end}");
            if !color {
                return line;
            }
            let style = match line.as_bytes().first() {
                Some(b'+') if !line.starts_with("+++") => AnsiColor::Green.on_default(),
                Some(b'-') if !line.starts_with("---") => AnsiColor::Red.on_default(),
                Some(b'@') => AnsiColor::Cyan.on_default(),
                _ => return line,
            };
            format!("{style}{content}{style:#}{end}")
        })
        .collect()
}
