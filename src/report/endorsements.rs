//! The part of `pqs sign --verify`'s report on the mentor's endorsement of the whole portfolio
//! (`pqs-endorsement.yaml`), in JSON and in words.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use schemars::JsonSchema;
use serde::Serialize;

use crate::rules::endorsement::{Changes, Endorsement};
use crate::text::escape;
use crate::text::plural;

/// One endorsement of the whole portfolio.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndorsementEntry {
    /// Who endorsed, as written.
    pub by: String,
    /// In what role, as written.
    pub role: String,
    /// When, as written.
    pub date: String,
    /// What they endorse: `authenticity`, `anonymity`.
    pub endorse: Vec<String>,
    /// How many records it covers.
    pub records: usize,
    /// `valid` (every record is as endorsed and it counts), `stale` (records changed, were added
    /// or removed since) or `untrusted` (it does not count, whatever the records).
    pub state: &'static str,
    /// `typed`, `verified`, `unknown-key` or `refused`, as for a sign-off.
    pub seal: &'static str,
    /// The fingerprint of the key it was signed with, `SHA256:...`.
    pub fingerprint: Option<String>,
    /// The records changed since, by path.
    pub changed: Vec<String>,
    /// The records added since.
    pub added: Vec<String>,
    /// The records removed since.
    pub removed: Vec<String>,
    /// Why it does not count, in words.
    pub refused: Option<String>,
}

pub(super) fn endorsement(judged: &Endorsement) -> EndorsementEntry {
    let state = if judged.why.is_some() {
        "untrusted"
    } else if judged.changes.is_empty() {
        "valid"
    } else {
        "stale"
    };
    EndorsementEntry {
        by: judged.by.clone(),
        role: judged.role.clone(),
        date: judged.date.clone(),
        endorse: judged.endorse.clone(),
        records: judged.records,
        state,
        seal: judged.seal.as_str(),
        fingerprint: judged.seal.fingerprint().map(str::to_owned),
        changed: judged.changes.changed.clone(),
        added: judged.changes.added.clone(),
        removed: judged.changes.removed.clone(),
        refused: judged.why.clone(),
    }
}

/// The section on the mentor's endorsement of the whole portfolio, when there is one or the
/// settings require it.
pub(super) fn human(
    endorsements: &[EndorsementEntry],
    required: bool,
    allowed_signers: Option<&str>,
    paint: &dyn Fn(Style, &str) -> String,
    out: &mut String,
) {
    if endorsements.is_empty() && !required {
        return;
    }
    let heading = "The mentor's endorsement of the whole portfolio";
    let _ = writeln!(out, "\n{}", paint(Style::new().bold(), heading));
    let bad = AnsiColor::Red.on_default().bold();
    for endorsement in endorsements {
        let (mark, style) = match endorsement.state {
            "valid" => ("✓ still valid      ", AnsiColor::Green.on_default()),
            "stale" => ("✗ no longer valid  ", bad),
            _ => ("✗ not accepted     ", bad),
        };
        let how = match (endorsement.seal, &endorsement.fingerprint, allowed_signers) {
            ("verified", Some(key), Some(file)) => format!(", with the key {key}, allowed by `{file}`"),
            ("unknown-key", Some(key), _) => {
                format!(", with the key {key}, which no allowed-signers file names")
            }
            ("typed", _, _) => ", typed name only".to_owned(),
            _ => String::new(),
        };
        let what = format!(
            "the {} of {} record{}",
            endorsement.endorse.join(" and "),
            endorsement.records,
            plural(endorsement.records)
        );
        let changes = Changes {
            changed: endorsement.changed.clone(),
            added: endorsement.added.clone(),
            removed: endorsement.removed.clone(),
        };
        let why = match (&endorsement.refused, changes.is_empty()) {
            (Some(why), _) => format!(": {why}"),
            (None, false) => format!(": since then, {}", changes.words()),
            (None, true) => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {} ({}) endorsed on {} {}{}{}",
            paint(style, mark),
            escape(&endorsement.by),
            escape(&endorsement.role),
            escape(&endorsement.date),
            escape(&what),
            escape(&how),
            escape(&why)
        );
    }
    if required && !endorsements.iter().any(|e| e.state == "valid") {
        let mark = paint(AnsiColor::Yellow.on_default().bold(), "· needed           ");
        let _ = writeln!(
            out,
            "  {mark} an endorsement by the mentor (the settings require it before submission)"
        );
    }
}
