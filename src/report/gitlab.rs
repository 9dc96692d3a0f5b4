//! The report of `pqs check --format gitlab`: GitLab's Code Quality report, which a CI job
//! declares under `artifacts:reports:codequality` so that merge requests show the findings.
//!
//! It is a JSON array with one issue per finding. GitLab reads five things of an issue: what is
//! wrong (`description`: the finding's message, then its help), which check found it
//! (`check_name`: the finding's code), a `fingerprint`, a `severity`, and where
//! (`location.path`, from the folder `pqs` runs in, which CI makes the repository's root, and
//! `location.lines.begin`). Every issue needs a file and a line: a finding about the portfolio
//! as a whole (a requirement not yet met) is placed on line 1 of its `pqs.yaml`, the file SARIF
//! places it at, and a finding in a file but at no line (an empty file) on line 1 of that file.
//! A portfolio of a cohort that could not be checked at all is an issue [`NOT_CHECKED`] on line
//! 1 of its `pqs.yaml`. A cohort's findings in its own `pqs-cohort.yaml` come first, on their
//! lines.
//!
//! Severities, on GitLab's scale of `info`, `minor`, `major`, `critical` and `blocker`: an error
//! is `major` and a warning `minor`, as linters usually map theirs, so that pqs's findings rank
//! as theirs do in a merge request; a note is `info`. A portfolio that could not be checked is
//! `critical`: worse than any one finding, since nothing in it was checked. None is `blocker`.
//!
//! The fingerprint is how GitLab tells, between a merge request's base and its head, a finding
//! that is new from one that was fixed, and it shows issues with the same fingerprint as one;
//! so it must be unique, and must not change when a finding only moves to another line. It is
//! the SHA-256, in hexadecimal, of the path, the code, the message and the finding's number
//! among those with the same path, code and message (0 for the first, in the order of the
//! report), each part as text after its length in bytes (eight bytes, little-endian); no line
//! or column goes into it. A portfolio that could not be checked has an empty message there,
//! since the reason names folders as the machine has them.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::stream::{Failure, Head, Part, Writer};
use super::{Checked, Unchecked};
use crate::diagnostic::Diagnostic;
use crate::model::Severity;
use crate::portfolio::digest::hex;
use crate::portfolio::manifest::FILE_NAME as MANIFEST;

/// The cohort's own file, where its findings are.
const COHORT_FILE: &str = "pqs-cohort.yaml";

/// The `check_name` of a portfolio of a cohort that could not be checked.
pub const NOT_CHECKED: &str = "portfolio-not-checked";

/// The Code Quality report of the findings of `checked` and of the portfolios that could not be
/// checked, pretty-printed, ending with a newline (and, as GitLab asks, with no byte order mark).
pub fn render(checked: &[Checked<'_>], unchecked: &[Unchecked<'_>]) -> String {
    let mut text = serde_json::to_string_pretty(&issues(checked, unchecked)).unwrap_or_default();
    text.push('\n');
    text
}

/// The Code Quality report of a cohort, written a portfolio at a time; the portfolios that
/// could not be checked come last, as in [`render`]. Each portfolio's issues are numbered for
/// their fingerprints on their own, which is the same as numbering them all together: the path
/// in every fingerprint starts with the portfolio's folder.
#[derive(Default)]
pub(crate) struct Cohort {
    /// Whether an issue has been written (then the array is open).
    started: bool,
    unchecked: Vec<Failure>,
}

impl Cohort {
    fn write(&mut self, issues: &[Issue], out: &mut dyn Write) -> io::Result<()> {
        for issue in issues {
            let text = serde_json::to_string_pretty(issue).unwrap_or_default().replace('\n', "\n  ");
            write!(out, "{}  {text}", if self.started { ",\n" } else { "[\n" })?;
            self.started = true;
        }
        Ok(())
    }
}

impl Writer for Cohort {
    fn begin(&mut self, head: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        // The cohort's own file first: its findings are on its lines.
        let drafts =
            head.diagnostics.iter().map(|d| draft(head.path(d.file.as_deref().unwrap_or(COHORT_FILE)), d));
        self.write(&fingerprinted(drafts.collect()), out)
    }

    fn portfolio(&mut self, part: &Part<'_>, out: &mut dyn Write) -> io::Result<()> {
        match part.checked() {
            Ok(checked) => self.write(&issues(&[checked], &[]), out),
            Err(failure) => {
                self.unchecked.push(failure);
                Ok(())
            }
        }
    }

    fn finish(&mut self, _: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        let unchecked: Vec<Unchecked<'_>> = self.unchecked.iter().map(Failure::unchecked).collect();
        let last = issues(&[], &unchecked);
        self.write(&last, out)?;
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

/// One issue of the report.
#[derive(Debug, Serialize)]
pub struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Debug, Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

/// An issue before its fingerprint, with what the fingerprint is made of.
struct Draft {
    path: String,
    line: usize,
    check_name: String,
    /// The words that go into the fingerprint.
    message: String,
    description: String,
    severity: &'static str,
}

/// The issues of the findings of `checked`, in the order of the report, then one for each
/// portfolio that could not be checked.
pub fn issues(checked: &[Checked<'_>], unchecked: &[Unchecked<'_>]) -> Vec<Issue> {
    let drafts: Vec<Draft> = checked
        .iter()
        .flat_map(|c| c.outcome.diagnostics.iter().map(move |d| finding(c, d)))
        .chain(unchecked.iter().map(not_checked))
        .collect();
    fingerprinted(drafts)
}

/// The issues of `drafts`, each with its fingerprint.
fn fingerprinted(drafts: Vec<Draft>) -> Vec<Issue> {
    let mut seen: HashMap<(&str, &str, &str), u64> = HashMap::new();
    let fingerprints: Vec<String> = drafts
        .iter()
        .map(|d| {
            let number = seen.entry((&d.path, &d.check_name, &d.message)).or_default();
            let fingerprint = fingerprint(&d.path, &d.check_name, &d.message, *number);
            *number += 1;
            fingerprint
        })
        .collect();
    drafts.into_iter().zip(fingerprints).map(|(draft, fingerprint)| draft.issue(fingerprint)).collect()
}

impl Draft {
    fn issue(self, fingerprint: String) -> Issue {
        Issue {
            description: self.description,
            check_name: self.check_name,
            fingerprint,
            severity: self.severity,
            location: Location { path: self.path, lines: Lines { begin: self.line } },
        }
    }
}

/// One finding, at its file and line, or at line 1 of `pqs.yaml` or of its file.
fn finding(checked: &Checked<'_>, diagnostic: &Diagnostic) -> Draft {
    draft(checked.path(diagnostic.file.as_deref().unwrap_or(MANIFEST)), diagnostic)
}

/// The issue of `diagnostic` in the file at `path` (as the report names it): at its line, or 1.
fn draft(path: String, diagnostic: &Diagnostic) -> Draft {
    Draft {
        path,
        line: diagnostic.span.as_ref().map_or(1, |s| s.line),
        check_name: diagnostic.code().into_owned(),
        message: diagnostic.message(),
        description: diagnostic.message_and_help(),
        severity: severity(diagnostic.severity),
    }
}

/// A portfolio that could not be checked, at line 1 of its `pqs.yaml`.
fn not_checked(portfolio: &Unchecked<'_>) -> Draft {
    Draft {
        path: portfolio.path(MANIFEST),
        line: 1,
        check_name: NOT_CHECKED.to_owned(),
        message: String::new(),
        description: portfolio.message(),
        severity: "critical",
    }
}

/// GitLab's word for `severity`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

/// The SHA-256 of `path`, `code`, `message` and `number`, each after its length, in hexadecimal.
fn fingerprint(path: &str, code: &str, message: &str, number: u64) -> String {
    let mut hasher = Sha256::new();
    for part in [path, code, message, &number.to_string()] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(checked: &[Checked<'_>], unchecked: &[Unchecked<'_>]) -> serde_json::Value {
        serde_json::to_value(issues(checked, unchecked)).expect("JSON")
    }

    #[test]
    fn a_gap_is_on_line_1_of_pqs_yaml() {
        let outcomes = crate::testing::example_outcomes();
        let report = value(&crate::testing::checked(&outcomes), &[]);
        let issues = report.as_array().expect("an array");
        assert_eq!(
            issues.len(),
            8,
            "the in-progress example's 6 gaps, and a note of typed sign-offs in each"
        );
        let first = issues.iter().find(|i| i["check_name"] == "pdp-review-minimum").expect("a gap");
        assert_eq!(
            first["location"],
            serde_json::json!({"path": "examples/in-progress/pqs.yaml", "lines": {"begin": 1}})
        );
        assert_eq!(first["severity"], "info");
        assert!(issues.iter().all(|i| i["fingerprint"].as_str().is_some_and(|f| f.len() == 64)));
    }

    #[test]
    fn the_fingerprint_leaves_out_the_line_and_counts_identical_findings() {
        let mut outcome = crate::testing::example_outcomes().into_iter().nth(1).expect("in-progress");
        let at_line = |line: usize| {
            let mut finding = outcome.diagnostics[0].clone();
            finding.file = Some("evidence/a.md".to_owned());
            finding.span = Some(crate::diagnostic::Span::at_line_column(&"x\n".repeat(5), line, 1));
            finding
        };
        let (second, third) = (at_line(2), at_line(3));
        let fingerprints = |outcome: &crate::check::Outcome| -> Vec<String> {
            let checked = [Checked { outcome, base: "p/" }];
            issues(&checked, &[]).into_iter().map(|i| i.fingerprint).collect()
        };
        outcome.diagnostics = vec![second.clone()];
        let before = fingerprints(&outcome);
        outcome.diagnostics = vec![third.clone()];
        assert_eq!(fingerprints(&outcome), before, "a finding that moves keeps its fingerprint");
        outcome.diagnostics = vec![second, third];
        let both = fingerprints(&outcome);
        assert_ne!(both[0], both[1], "identical findings are told apart");
        assert_eq!(both[0], before[0], "the first of them keeps its fingerprint");
    }

    #[test]
    fn each_part_of_the_fingerprint_counts_on_its_own() {
        let digest = fingerprint("a", "b", "c", 0);
        assert_eq!(digest.len(), 64);
        assert_ne!(digest, fingerprint("ab", "", "c", 0), "parts do not run into each other");
        assert_ne!(digest, fingerprint("a", "b", "c", 1));
        assert_eq!(digest, fingerprint("a", "b", "c", 0), "the same finding, the same fingerprint");
    }

    #[test]
    fn severities_keep_their_order() {
        let rank = |word| ["info", "minor", "major", "critical", "blocker"].iter().position(|w| *w == word);
        assert!(rank(severity(Severity::Note)) < rank(severity(Severity::Warning)));
        assert!(rank(severity(Severity::Warning)) < rank(severity(Severity::Error)));
        assert!(rank(severity(Severity::Error)) < rank("critical"), "a portfolio not checked is worse");
    }
}
