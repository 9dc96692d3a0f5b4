//! The anonymisation lint over one record: what [`crate::privacy`] finds in its whole text
//! (front-matter and body, code blocks included), less what a `pqs-allow` comment on the line
//! before allows, as diagnostics at the exact line and column; and the allowances used, so that
//! reports can list them.
//!
//! The names a record's own front-matter gives to its observer and to those who signed it are
//! allowed in that record, like the portfolio's names in every record.
//!
//! An allowance is a comment on a line of its own, with a reason:
//! `<!-- pqs-allow privacy-postcode: the team's office -->` in the text, or
//! `# pqs-allow privacy-name-title: the observer's title` in the front-matter. It allows one
//! finding of each code it names on the next line.

use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::{Capped, Diagnostic, Lines, Severity};
use crate::portfolio::manifest::PrivacySettings;
use crate::privacy::{Code, Scanner};
use crate::problem::Problem;

/// What the code of every finding of the lint starts with.
pub const CODE_PREFIX: &str = "privacy-";

/// The lint, set up for one portfolio.
#[derive(Clone, Debug)]
pub struct Privacy {
    scanner: Scanner,
    /// The level of each check; `None` turns it off.
    levels: Vec<(Code, Option<Severity>)>,
}

/// A finding that a `pqs-allow` comment allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Allowance {
    /// The record, relative to the portfolio with `/`.
    pub file: String,
    /// The 1-based line of the finding allowed.
    pub line: usize,
    /// The code allowed, e.g. `privacy-postcode`.
    pub code: String,
    /// The reason given.
    pub reason: String,
}

impl Privacy {
    /// The lint as `settings` set it, allowing `names` (the candidate's, mentor's, line
    /// manager's and organisation's). A case-reference pattern that cannot be used is reported
    /// (in `pqs.yaml`) and left out.
    pub fn new(settings: &PrivacySettings, names: &[&str]) -> (Privacy, Option<Diagnostic>) {
        let mut allow = settings.allow.clone();
        allow.extend(names.iter().map(|n| (*n).to_owned()));
        let (scanner, problem) = match Scanner::new(settings.case_reference.as_deref(), &allow) {
            Ok(scanner) => (scanner, None),
            Err(error) => {
                let problem = Problem::PrivacyPattern {
                    pattern: settings.case_reference.clone().unwrap_or_default(),
                    reason: error.to_string(),
                };
                let diagnostic = Diagnostic::new(
                    &problem,
                    Some(crate::portfolio::manifest::FILE_NAME),
                    settings.case_reference_span.clone(),
                );
                let fallback = Scanner::new(None, &allow).unwrap_or_default();
                (fallback, Some(diagnostic))
            }
        };
        let levels = Code::ALL
            .iter()
            .map(|&code| {
                let level = settings.levels.iter().find(|(c, _)| *c == code.as_str()).map(|(_, l)| *l);
                let severity = match level {
                    Some("off") => None,
                    Some("error") => Some(Severity::Error),
                    Some("warning") => Some(Severity::Warning),
                    Some("note") => Some(Severity::Note),
                    _ if code.is_error() => Some(Severity::Error),
                    _ => Some(Severity::Warning),
                };
                (code, severity)
            })
            .collect();
        (Privacy { scanner, levels }, problem)
    }

    fn level(&self, code: Code) -> Option<Severity> {
        self.levels.iter().find(|(c, _)| *c == code).and_then(|(_, level)| *level)
    }

    /// The findings in `text`, the whole file of the record `file`, whose own front-matter names
    /// the people in `names` (its observer and those who signed it); and the allowances used.
    pub fn lint(&self, file: &str, text: &str, names: &[String]) -> (Vec<Diagnostic>, Vec<Allowance>) {
        let findings = self.scanner.scan_allowing(text, names);
        // Most records have no finding and no allow comment: they need no table of lines.
        if findings.is_empty() && !text.contains(MARK) {
            return (Vec::new(), Vec::new());
        }
        let lines = line_starts(text);
        let mut comments = allow_comments(text, &lines);
        let mut found = Capped::default();
        let index = Lines::new(text);
        let mut allowances = Vec::new();
        for finding in findings {
            let Some(severity) = self.level(finding.code) else { continue };
            let line = line_of(&lines, finding.range.start);
            let allowed =
                comments.iter_mut().filter(|c| c.line + 1 == line).find_map(|c| c.allow(finding.code));
            if let Some(reason) = allowed {
                let code = finding.code.as_str().to_owned();
                allowances.push(Allowance { file: file.to_owned(), line, code, reason });
                continue;
            }
            let problem = Problem::Privacy { code: finding.code.as_str(), what: finding.code.what() };
            let span = || Some(index.span(finding.range.clone()));
            found.add(&problem, || Diagnostic::new(&problem, Some(file), span()).with_severity(severity));
        }
        for comment in comments {
            let span = Some(index.span(comment.range.clone()));
            for written in &comment.unknown {
                let problem = Problem::AllowUnknownCode {
                    code: written.clone(),
                    suggestion: crate::suggest::nearest(written, &Code::ALL.map(Code::as_str)),
                };
                found.push(Diagnostic::new(&problem, Some(file), span.clone()));
            }
            if comment.reason.is_none() {
                found.push(Diagnostic::new(&Problem::AllowWithoutReason, Some(file), span.clone()));
                continue;
            }
            for (code, used) in &comment.codes {
                if !used && self.level(*code).is_some() {
                    let problem = Problem::AllowUnused { code: code.as_str() };
                    found.push(Diagnostic::new(&problem, Some(file), span.clone()));
                }
            }
        }
        (found.finish(), allowances)
    }
}

/// A `pqs-allow` comment.
#[derive(Debug)]
struct AllowComment {
    /// Its 1-based line.
    line: usize,
    /// The text of the comment, for pointing at it.
    range: Range<usize>,
    /// The codes it names, each with whether it has allowed a finding yet.
    codes: Vec<(Code, bool)>,
    /// Names after `pqs-allow` that are not codes.
    unknown: Vec<String>,
    /// The reason, if one is given.
    reason: Option<String>,
}

impl AllowComment {
    /// Allow one finding of `code` if this comment names it, has a reason, and has not already
    /// allowed one of that code; the reason.
    fn allow(&mut self, code: Code) -> Option<String> {
        let reason = self.reason.clone()?;
        let (_, used) = self.codes.iter_mut().find(|(c, used)| *c == code && !*used)?;
        *used = true;
        Some(reason)
    }
}

const MARK: &str = "pqs-allow";

/// Every line that is only a `pqs-allow` comment.
fn allow_comments(text: &str, lines: &[usize]) -> Vec<AllowComment> {
    let mut comments = Vec::new();
    for (index, &start) in lines.iter().enumerate() {
        let end = lines.get(index + 1).copied().unwrap_or(text.len());
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let inner = if let Some(html) = trimmed.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->")) {
            html.trim()
        } else if let Some(yaml) = trimmed.strip_prefix('#') {
            yaml.trim()
        } else {
            continue;
        };
        let Some(rest) = inner.strip_prefix(MARK) else { continue };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let (names, reason) = match rest.split_once(':') {
            Some((names, reason)) => {
                (names, Some(reason.trim()).filter(|r| !r.is_empty()).map(str::to_owned))
            }
            None => (rest, None),
        };
        let mut codes = Vec::new();
        let mut unknown = Vec::new();
        for name in names.split([',', ' ']).map(str::trim).filter(|n| !n.is_empty()) {
            match Code::from_code(name) {
                Some(code) => codes.push((code, false)),
                None => unknown.push(name.to_owned()),
            }
        }
        let offset = line.len() - line.trim_start().len();
        comments.push(AllowComment {
            line: index + 1,
            range: start + offset..start + offset + trimmed.len(),
            codes,
            unknown,
            reason,
        });
    }
    comments
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len() || i == 0)
        .collect()
}

/// The 1-based line holding byte `at`.
fn line_of(lines: &[usize], at: usize) -> usize {
    lines.partition_point(|&start| start <= at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::manifest::PRIVACY_SEVERITY_FIELDS;

    /// `pqs.yaml`'s `privacy.severity` names every check of the lint, with its default level.
    #[test]
    fn the_severity_fields_are_the_checks_of_the_lint() {
        let names: Vec<&str> = PRIVACY_SEVERITY_FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, Code::ALL.map(Code::as_str));
        for (field, code) in PRIVACY_SEVERITY_FIELDS.iter().zip(Code::ALL) {
            let default = if code.is_error() { "(default: error)" } else { "(default: warning)" };
            assert!(field.about.ends_with(&format!("{default}.")), "{}: {}", field.name, field.about);
        }
    }
}
