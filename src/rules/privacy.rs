//! The anonymisation lint over one record: what [`crate::privacy`] finds in its whole text
//! (front-matter and body, code blocks included) read as a reader sees it
//! ([`crate::privacy::reader`]), less what a `pqs-allow` comment on the line before allows, as
//! diagnostics at the exact line and column; what it finds in the record's name and its folders'
//! names, at the record with no line; and the allowances used, so that reports can list them.
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

use crate::diagnostic::{Capped, Diagnostic, Lines};
use crate::markdown::Reading;
use crate::model::Severity;
use crate::portfolio::front_matter::Split;
use crate::portfolio::manifest::PrivacySettings;
use crate::privacy::reader::ReaderText;
use crate::privacy::{Code, Finding, Scanner};
use crate::problem::Problem;

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
                let set = settings.levels.iter().find(|(c, _)| *c == code).map(|(_, level)| *level);
                (code, set.unwrap_or(code.default_level()).severity())
            })
            .collect();
        (Privacy { scanner, levels }, problem)
    }

    fn level(&self, code: Code) -> Option<Severity> {
        self.levels.iter().find(|(c, _)| *c == code).and_then(|(_, level)| *level)
    }

    /// The findings in the record `file` (its name, and its whole text split in `split`), whose
    /// own front-matter names the people in `names` (its observer and those who signed it); and
    /// the allowances used.
    ///
    /// The text is scanned as a reader sees it ([`ReaderText`]: a paragraph's lines joined,
    /// entities decoded, link addresses left out) and each finding is reported where it starts in
    /// the file. A finding in the record's name or in the name of a folder on its way is reported
    /// at the record with no line: it is in every line and none, and no `pqs-allow` comment
    /// can allow it (renaming can). `body` is the split's body, read once for the outline too.
    pub fn lint(
        &self,
        file: &str,
        split: &Split<'_>,
        body: &Reading<'_, '_>,
        names: &[String],
    ) -> (Vec<Diagnostic>, Vec<Allowance>) {
        let mut found = self.lint_name(file, names);
        let (in_text, allowances) = self.lint_text(file, split, body, names);
        found.extend(in_text);
        (found, allowances)
    }

    /// The findings in the name `file` of a record and of the folders it is in.
    fn lint_name(&self, file: &str, names: &[String]) -> Vec<Diagnostic> {
        let mut codes: Vec<Code> = Vec::new();
        for name in name_readings(file) {
            let reader = ReaderText::of(&name, 0..0);
            let findings = self.scanner.scan_allowing(reader.text(), names);
            codes.extend(findings.into_iter().map(|f| f.code));
        }
        codes.sort();
        codes.dedup();
        let levels = codes.into_iter().filter_map(|code| Some((code, self.level(code)?)));
        let diagnostic = |(code, severity): (Code, Severity)| {
            let problem = Problem::Privacy { check: code, in_name: true };
            Diagnostic::new(&problem, Some(file), None).with_severity(severity)
        };
        levels.map(diagnostic).collect()
    }

    /// The findings in the text of the record `file`, and the allowances used.
    fn lint_text(
        &self,
        file: &str,
        split: &Split<'_>,
        body: &Reading<'_, '_>,
        names: &[String],
    ) -> (Vec<Diagnostic>, Vec<Allowance>) {
        let text = split.text;
        let reader = ReaderText::of_read(text, split.body.start, Some(body));
        let findings = self.scanner.scan_allowing(reader.text(), names);
        // Most records have no finding and no allow comment: they need no table of lines.
        if findings.is_empty() && !text.contains(MARK) {
            return (Vec::new(), Vec::new());
        }
        // Each finding is reported where its first character is in the file; one that spans a
        // joined line break is underlined from there to the end of that line (see `Span::in_text`).
        let findings = findings.into_iter().map(|f| Finding { range: reader.source_range(f.range), ..f });
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
            let problem = Problem::Privacy { check: finding.code, in_name: false };
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
                    let problem = Problem::AllowUnused { check: *code };
                    found.push(Diagnostic::new(&problem, Some(file), span.clone()));
                }
            }
        }
        (found.finish(), allowances)
    }
}

/// The ways a record's name `file` (relative, with `/`) can be read: as written, without its
/// extension, and with `-`, `_` and `.` between words read as spaces ("mrs_jones-dob" as "mrs
/// jones dob"), each folder apart.
fn name_readings(file: &str) -> Vec<String> {
    let file = file.strip_suffix(".md").unwrap_or(file);
    let mut readings = vec![file.replace('/', " / ")];
    let spaced: String = file
        .char_indices()
        .map(|(i, c)| {
            let letter_before = file[..i].chars().next_back().is_some_and(char::is_alphabetic);
            let letter_after = file[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic);
            let joins = matches!(c, '-' | '_' | '.') && (letter_before || letter_after);
            if joins || c == '_' { ' ' } else { c }
        })
        .collect();
    readings.push(spaced.replace('/', " / "));
    readings
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
