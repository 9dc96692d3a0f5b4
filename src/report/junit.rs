//! The report of `pqs check --format junit`: JUnit XML, the test report GitLab and Jenkins show.
//!
//! Each portfolio is a `<testsuite>` with one `<testcase>` per requirement of the framework, one
//! per record file, and one for the portfolio as a whole (`pqs.yaml` and the standards). Every
//! finding is in the test case it belongs to, written as a line of text. A test case fails when
//! it has an error, as the run does; a requirement or standard not yet met, a gap that is only a
//! note without `--complete`, is skipped, as is a requirement for sign-offs with nothing to sign
//! yet; warnings and notes are shown in `<system-out>` and
//! never fail. A portfolio of a cohort that could not be checked at all is a suite of one test
//! case, `check`, in error; a cohort's findings in its own `pqs-cohort.yaml` are a suite of one
//! test case before the portfolios'.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::stream::{Failure, Head, Part, Writer};
use super::{Checked, Unchecked};
use crate::coverage::RequirementResult;
use crate::diagnostic::Diagnostic;
use crate::model::Severity;
use crate::portfolio::manifest::FILE_NAME as MANIFEST;
use crate::text::plural;
use crate::xml::{attribute, text};

/// The JUnit XML of the findings of `checked`.
pub fn render(checked: &[Checked<'_>], unchecked: &[Unchecked<'_>]) -> String {
    let mut report = Cohort::default();
    for portfolio in checked {
        report.add(portfolio);
    }
    let mut out = report.head(unchecked.len());
    out.push_str(&report.suites);
    report.tail(unchecked, &mut out);
    out
}

/// The JUnit XML of a cohort. Its first line gives the totals, so each portfolio's suite is
/// made as it comes and kept as text, with the counts, until the end.
#[derive(Default)]
pub(crate) struct Cohort {
    tests: usize,
    failures: usize,
    suites: String,
    unchecked: Vec<Failure>,
}

impl Cohort {
    fn add(&mut self, checked: &Checked<'_>) {
        let suite = suite(checked);
        self.tests += suite.cases.len();
        self.failures += suite.count(Verdict::Failed);
        write_suite(&suite, &mut self.suites);
    }

    /// The declaration and the opening of `<testsuites>`, with the totals.
    fn head(&self, unchecked: usize) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"pqs check\" tests=\"{}\" failures=\"{}\" errors=\"{unchecked}\">",
            self.tests + unchecked,
            self.failures,
        );
        out
    }

    /// The suites of the portfolios that could not be checked, and the closing tag.
    fn tail(&self, unchecked: &[Unchecked<'_>], out: &mut String) {
        for portfolio in unchecked {
            write_unchecked(portfolio, out);
        }
        out.push_str("</testsuites>\n");
    }
}

impl Writer for Cohort {
    fn begin(&mut self, head: &Head<'_>, _: &mut dyn Write) -> io::Result<()> {
        // The cohort's own file, when it has findings: a suite of one test case before the
        // portfolios'.
        if head.diagnostics.is_empty() {
            return Ok(());
        }
        let path = head.path("pqs-cohort.yaml");
        let findings =
            head.diagnostics.iter().map(|d| (d, d.file.as_deref().map(|f| head.path(f)))).collect();
        let case = Case { group: "cohort", name: path, findings, nothing_to_sign: false };
        let suite = Suite { name: "pqs-cohort.yaml", cases: vec![case] };
        self.tests += 1;
        self.failures += suite.count(Verdict::Failed);
        write_suite(&suite, &mut self.suites);
        Ok(())
    }

    fn portfolio(&mut self, part: &Part<'_>, _: &mut dyn Write) -> io::Result<()> {
        match part.checked() {
            Ok(checked) => self.add(&checked),
            Err(failure) => self.unchecked.push(failure),
        }
        Ok(())
    }

    fn finish(&mut self, _: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        let unchecked: Vec<Unchecked<'_>> = self.unchecked.iter().map(Failure::unchecked).collect();
        out.write_all(self.head(unchecked.len()).as_bytes())?;
        out.write_all(self.suites.as_bytes())?;
        let mut tail = String::new();
        self.tail(&unchecked, &mut tail);
        out.write_all(tail.as_bytes())
    }
}

/// A portfolio that could not be checked: a suite of one test case in error.
fn write_unchecked(portfolio: &Unchecked<'_>, out: &mut String) {
    let name = attribute(portfolio.folder);
    let message = portfolio.message();
    let _ =
        writeln!(out, "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">");
    let _ = writeln!(out, "    <testcase classname=\"{name}\" name=\"check\">");
    let _ = writeln!(
        out,
        "      <error type=\"error\" message=\"{}\">{}</error>",
        attribute(&message),
        text(&message)
    );
    out.push_str("    </testcase>\n  </testsuite>\n");
}

/// One portfolio's test cases.
struct Suite<'a> {
    name: &'a str,
    cases: Vec<Case<'a>>,
}

impl Suite<'_> {
    fn count(&self, verdict: Verdict) -> usize {
        self.cases.iter().filter(|c| c.verdict() == verdict).count()
    }
}

/// One test case and the findings that belong to it, each with the path to show for its file.
struct Case<'a> {
    group: &'static str,
    name: String,
    findings: Vec<(&'a Diagnostic, Option<String>)>,
    /// A requirement for sign-offs with nothing to sign yet: not met, and not failed either.
    nothing_to_sign: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Passed,
    /// Not met yet: a gap that does not fail the run.
    Skipped,
    Failed,
}

impl Case<'_> {
    fn verdict(&self) -> Verdict {
        if self.findings.iter().any(|(d, _)| d.severity == Severity::Error) {
            Verdict::Failed
        } else if self.nothing_to_sign || self.findings.iter().any(|(d, _)| d.file.is_none()) {
            Verdict::Skipped
        } else {
            Verdict::Passed
        }
    }
}

/// The test cases of one portfolio: its requirements, its files, and the portfolio as a whole.
fn suite<'a>(checked: &Checked<'a>) -> Suite<'a> {
    let outcome = checked.outcome;
    let (in_files, mut gaps): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        outcome.diagnostics.iter().partition(|d| d.file.is_some());
    let mut cases: Vec<Case<'a>> =
        outcome.coverage.requirements.iter().map(|req| requirement_case(req, &mut gaps)).collect();
    let files: BTreeSet<&str> = outcome
        .portfolio
        .records
        .iter()
        .map(|r| r.file.as_str())
        .chain(in_files.iter().filter_map(|d| d.file.as_deref()))
        .filter(|file| *file != MANIFEST)
        .collect();
    for file in files {
        let findings = in_files.iter().filter(|d| d.file.as_deref() == Some(file)).copied();
        let findings = located(checked, findings);
        cases.push(Case { group: "records", name: checked.path(file), findings, nothing_to_sign: false });
    }
    let manifest = in_files.iter().filter(|d| d.file.as_deref() == Some(MANIFEST)).copied();
    let mut whole = located(checked, manifest);
    whole.extend(gaps.into_iter().map(|d| (d, None)));
    let name = format!("the portfolio as a whole: {} and the standards", checked.path(MANIFEST));
    cases.push(Case { group: "portfolio", name, findings: whole, nothing_to_sign: false });
    Suite { name: &outcome.name, cases }
}

/// A requirement's test case, with its gaps taken out of `gaps`.
fn requirement_case<'a>(requirement: &RequirementResult, gaps: &mut Vec<&'a Diagnostic>) -> Case<'a> {
    let mut findings = Vec::new();
    for problem in requirement.gaps() {
        if let Some(at) = gaps.iter().position(|d| d.problem == problem) {
            findings.push((gaps.remove(at), None));
        }
    }
    let nothing_to_sign = requirement.nothing_to_sign();
    Case { group: "requirements", name: requirement.label.clone(), findings, nothing_to_sign }
}

fn located<'a>(
    checked: &Checked<'_>,
    findings: impl Iterator<Item = &'a Diagnostic>,
) -> Vec<(&'a Diagnostic, Option<String>)> {
    findings.map(|d| (d, d.file.as_deref().map(|file| checked.path(file)))).collect()
}

fn write_suite(suite: &Suite<'_>, out: &mut String) {
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
        attribute(suite.name),
        suite.cases.len(),
        suite.count(Verdict::Failed),
        suite.count(Verdict::Skipped)
    );
    for case in &suite.cases {
        write_case(suite.name, case, out);
    }
    out.push_str("  </testsuite>\n");
}

fn write_case(portfolio: &str, case: &Case<'_>, out: &mut String) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}.{}\" name=\"{}\"",
        attribute(portfolio),
        case.group,
        attribute(&case.name)
    );
    if case.nothing_to_sign {
        out.push_str(">\n      <skipped message=\"nothing to sign yet\"/>\n    </testcase>\n");
        return;
    }
    if case.findings.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    let findings = text(&findings_text(&case.findings));
    let summary = attribute(&summary(&case.findings));
    match case.verdict() {
        Verdict::Failed => {
            let _ = writeln!(out, "      <failure type=\"error\" message=\"{summary}\">{findings}</failure>");
        }
        Verdict::Skipped => {
            let _ = writeln!(out, "      <skipped message=\"not met yet: {summary}\"/>");
            let _ = writeln!(out, "      <system-out>{findings}</system-out>");
        }
        Verdict::Passed => {
            let _ = writeln!(out, "      <system-out>{findings}</system-out>");
        }
    }
    out.push_str("    </testcase>\n");
}

/// How many findings of each severity, such as `2 errors, 1 warning`.
fn summary(findings: &[(&Diagnostic, Option<String>)]) -> String {
    let mut parts = Vec::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        let n = findings.iter().filter(|(d, _)| d.severity == severity).count();
        if n > 0 {
            parts.push(format!("{n} {}{}", severity.as_str(), plural(n)));
        }
    }
    parts.join(", ")
}

/// The findings as text, one after another: `error[code] path:line:column: message`, then the
/// help indented on the next line.
fn findings_text(findings: &[(&Diagnostic, Option<String>)]) -> String {
    let mut out = String::new();
    for (diagnostic, path) in findings {
        let _ = write!(out, "\n{}[{}]", diagnostic.severity.as_str(), diagnostic.code());
        if let Some(path) = path {
            let _ = write!(out, " {path}");
            if let Some(span) = &diagnostic.span {
                let _ = write!(out, ":{}:{}", span.line, span.column);
            }
        }
        let _ = writeln!(out, ": {}", diagnostic.message());
        if let Some(help) = diagnostic.help() {
            let _ = writeln!(out, "    help: {help}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_suite_per_portfolio() {
        // The sample's one skipped case is the portfolio as a whole, with the note that its
        // sign-offs are typed names.
        let outcomes = crate::testing::example_outcomes();
        let xml = render(&crate::testing::checked(&outcomes), &[]);
        assert!(
            xml.contains(
                "<testsuite name=\"sample-portfolio\" tests=\"25\" failures=\"0\" errors=\"0\" skipped=\"1\">"
            ),
            "{xml}"
        );
        assert!(xml.contains("<testsuite name=\"in-progress\""), "{xml}");
        assert!(
            xml.contains("<testsuites name=\"pqs check\" tests=\"40\" failures=\"0\" errors=\"0\">"),
            "{xml}"
        );
        assert!(xml.contains("<testcase classname=\"in-progress.records\" name=\"examples/in-progress/evidence/2026-06-22-pdp-first-plan.md\"/>"), "{xml}");
    }
}
