//! The report of `pqs check --format github`: one GitHub Actions workflow command per finding
//! (`::error`, `::warning`, `::notice`), so each shows as an annotation on the file and line,
//! then one plain line with the totals. A portfolio of a cohort that could not be checked at
//! all is an `::error` titled with its folder, saying why, in its place among the others; a
//! cohort's findings in its own `pqs-cohort.yaml` come first, on their lines. The totals count
//! them all, and every portfolio, checked or not.
//!
//! GitHub shows only the first few annotations of each kind in a step, so the closing line
//! gives the whole count; it is not a command, so GitHub prints it in the log as it is.
//!
//! Every text is encoded exactly as GitHub documents for a command's data and properties
//! ([`data`], [`property`]), so a line break in a file name or a value cannot end a command and
//! start a forged one, and GitHub reads back every text as it was (a file's annotations land on
//! it whatever its name). Other control characters are left to GitHub, which shows annotations
//! as text; the human report, which a CI log also shows, escapes them ([`crate::text::escape`]).

use std::io::{self, Write};

use super::Checked;
use super::stream::{Head, Part, Writer};
use crate::diagnostic::Diagnostic;
use crate::model::Severity;
use crate::text::plural;

/// The cohort's own file, which names the cohort's findings.
const COHORT_FILE: &str = "pqs-cohort.yaml";

/// The workflow commands for the findings of `checked`, one per line, then the totals.
pub fn render(checked: &[Checked<'_>]) -> String {
    let mut out = String::new();
    for portfolio in checked {
        for diagnostic in &portfolio.outcome.diagnostics {
            out.push_str(&command(portfolio, diagnostic, checked.len() > 1));
            out.push('\n');
        }
    }
    let mut totals = Totals::default();
    for portfolio in checked {
        totals.add(portfolio);
    }
    out.push_str(&totals.line());
    out.push('\n');
    out
}

/// The workflow commands of a cohort, written a portfolio at a time. The title of a finding
/// names its portfolio when the cohort has several.
#[derive(Default)]
pub(crate) struct Cohort {
    name_portfolios: bool,
    totals: Totals,
}

impl Writer for Cohort {
    fn begin(&mut self, head: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.name_portfolios = head.members > 1;
        // The cohort's own file: its findings count in the totals like any portfolio's.
        for diagnostic in head.diagnostics {
            let file = head.path(diagnostic.file.as_deref().unwrap_or(COHORT_FILE));
            let mut properties = vec![format!("file={}", property(&file))];
            if let Some(span) = &diagnostic.span {
                properties.push(format!("line={},col={}", span.line, span.column));
            }
            properties.push(format!("title={}", property(&format!("{COHORT_FILE}: {}", diagnostic.code()))));
            let message = data(&diagnostic.message_and_help());
            writeln!(out, "::{} {}::{message}", command_name(diagnostic.severity), properties.join(","))?;
            self.totals.count(diagnostic.severity);
        }
        Ok(())
    }

    fn portfolio(&mut self, part: &Part<'_>, out: &mut dyn Write) -> io::Result<()> {
        match part.checked() {
            Ok(portfolio) => {
                for diagnostic in &portfolio.outcome.diagnostics {
                    writeln!(out, "{}", command(&portfolio, diagnostic, self.name_portfolios))?;
                }
                self.totals.add(&portfolio);
            }
            Err(failure) => {
                let portfolio = failure.unchecked();
                let message = data(&portfolio.message());
                writeln!(out, "::error title={}::{message}", property(portfolio.folder))?;
                // A portfolio that could not be checked is one of the cohort, and its error one
                // of the run's: the totals leave out neither.
                self.totals.count(Severity::Error);
                self.totals.portfolios += 1;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.totals.line())
    }
}

/// One finding as a workflow command. The title is the code, after the portfolio's name when
/// there are several.
fn command(portfolio: &Checked<'_>, diagnostic: &Diagnostic, name_portfolio: bool) -> String {
    let mut properties = Vec::new();
    if let Some(file) = &diagnostic.file {
        properties.push(format!("file={}", property(&portfolio.path(file))));
        if let Some(span) = &diagnostic.span {
            properties.push(format!("line={},col={}", span.line, span.column));
        }
    }
    let title = if name_portfolio {
        format!("{}: {}", portfolio.outcome.name, diagnostic.code())
    } else {
        diagnostic.code().into_owned()
    };
    properties.push(format!("title={}", property(&title)));
    format!(
        "::{} {}::{}",
        command_name(diagnostic.severity),
        properties.join(","),
        data(&diagnostic.message_and_help())
    )
}

fn command_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// How many findings of each severity, in how many checked portfolios.
#[derive(Default)]
struct Totals {
    errors: usize,
    warnings: usize,
    notes: usize,
    portfolios: usize,
}

impl Totals {
    fn add(&mut self, checked: &Checked<'_>) {
        self.errors += checked.outcome.count(Severity::Error);
        self.warnings += checked.outcome.count(Severity::Warning);
        self.notes += checked.outcome.count(Severity::Note);
        self.portfolios += 1;
    }

    /// One more finding of `severity`.
    fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => self.notes += 1,
        }
    }

    /// The plain closing line.
    fn line(&self) -> String {
        let Totals { errors, warnings, notes, portfolios } = *self;
        format!(
            "pqs check: {errors} error{}, {warnings} warning{} and {notes} note{} in {portfolios} portfolio{}",
            plural(errors),
            plural(warnings),
            plural(notes),
            plural(portfolios)
        )
    }
}

/// A command's message, escaped as GitHub reads it: `%`, carriage returns and line feeds.
pub fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value, escaped as GitHub reads it: as [`data`], and `:` and `,` too.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_reads_specially() {
        assert_eq!(data("100% sure\r\nnext: a, b"), "100%25 sure%0D%0Anext: a, b");
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(property("%3A"), "%253A", "an escape in the text is not read as one");
    }

    #[test]
    fn names_the_portfolio_when_there_are_several() {
        let outcomes = crate::testing::example_outcomes();
        let text = render(&crate::testing::checked(&outcomes));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), outcomes.iter().map(|o| o.diagnostics.len()).sum::<usize>() + 1);
        assert!(lines.contains(&"::notice title=in-progress%3A pdp-review-minimum::PDP reviewed at two points in the year: 1 of 2 found%0Ahelp: start one with `pqs new pdp-review`"), "{text}");
        // The in-progress example's 6 gaps, and in each a note of its sign-offs by typed name.
        assert_eq!(lines.last(), Some(&"pqs check: 0 errors, 0 warnings and 8 notes in 2 portfolios"));
    }
}
