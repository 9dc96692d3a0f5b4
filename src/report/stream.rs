//! A cohort's report written while the cohort is checked: each portfolio's part as soon as it
//! is ready, keeping only what the end of the report needs (the table's rows, the totals), so
//! that memory does not grow with the cohort. Each format has its [`Writer`]; those whose layout
//! puts totals or an index first (JUnit, SARIF) keep the little they need to write them.

use std::io::{self, Write};

use super::{Checked, Unchecked};
use crate::cohort::{Member, Settings};
use crate::diagnostic::Diagnostic;

/// What a cohort's report needs before its first portfolio.
#[derive(Clone, Copy, Debug)]
pub struct Head<'a> {
    /// What `pqs-cohort.yaml` says.
    pub settings: &'a Settings,
    /// Findings in `pqs-cohort.yaml`.
    pub diagnostics: &'a [Diagnostic],
    /// How many portfolios the cohort has.
    pub members: usize,
    /// The cohort's folder from where `pqs` runs, ending in `/`, or empty ([`super::base`]):
    /// the CI reports name `pqs-cohort.yaml` by it.
    pub base: &'a str,
}

impl Head<'_> {
    /// The path of a file of the cohort's folder from where `pqs` runs.
    pub fn path(&self, file: &str) -> String {
        format!("{}{file}", self.base)
    }
}

/// One portfolio of a cohort, checked or not, and its folder from where `pqs` runs
/// ([`super::base`]).
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    /// The portfolio.
    pub member: &'a Member,
    /// Its folder from where `pqs` runs, ending in `/`, or empty.
    pub base: &'a str,
}

impl<'a> Part<'a> {
    /// The portfolio as the reports take it: checked, or why not.
    pub(crate) fn checked(&self) -> Result<Checked<'a>, Failure> {
        match &self.member.result {
            Ok(outcome) => Ok(Checked { outcome, base: self.base }),
            Err(error) => Err(Failure {
                folder: self.member.folder.clone(),
                base: self.base.to_owned(),
                reason: error.to_string(),
            }),
        }
    }
}

/// A portfolio that could not be checked, kept for the end of a report.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    folder: String,
    base: String,
    reason: String,
}

impl Failure {
    /// As the reports take it.
    pub(crate) fn unchecked(&self) -> Unchecked<'_> {
        Unchecked { folder: &self.folder, base: &self.base, reason: &self.reason }
    }
}

/// One format's report of a cohort, written in three steps.
pub(crate) trait Writer {
    /// What comes before the first portfolio.
    /// (Most formats write nothing before the first portfolio.)
    fn begin(&mut self, _head: &Head<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One portfolio, in the cohort's order.
    fn portfolio(&mut self, part: &Part<'_>, out: &mut dyn Write) -> io::Result<()>;
    /// What comes after the last.
    fn finish(&mut self, head: &Head<'_>, out: &mut dyn Write) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::cohort::{Cohort, Member, Settings};
    use crate::error::Error;
    use crate::report::cohort::CohortReport;
    use crate::report::{self, Checked, Format, Options, Run, Unchecked, gitlab, junit, sarif};

    /// The two example portfolios and, when `failed`, one that could not be checked between
    /// them, as a cohort in the repository's root.
    fn cohort(failed: bool) -> Cohort {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut members: Vec<Member> = crate::testing::example_outcomes()
            .into_iter()
            .map(|outcome| Member { folder: format!("examples/{}", outcome.name), result: Ok(outcome) })
            .collect();
        if failed {
            let error = Error::NoManifest { start: root.join("examples/gone"), below: None };
            members.insert(1, Member { folder: "examples/gone".to_owned(), result: Err(error) });
        }
        let settings = Settings {
            name: Some("Examples".to_owned()),
            mentors: vec!["A, B".to_owned()],
            ..Settings::default()
        };
        // A finding in `pqs-cohort.yaml` too, which the JSON report gives first.
        let problem =
            crate::problem::Problem::MentorNotInCohort { name: "C".to_owned(), mentors: "A, B".to_owned() };
        let diagnostics = vec![crate::diagnostic::Diagnostic::new(&problem, Some("pqs-cohort.yaml"), None)];
        Cohort { root, settings, diagnostics, members }
    }

    fn written(format: Format, cohort: &Cohort) -> String {
        let mut out = Vec::new();
        report::write(format, Run::Cohort(cohort), Options { color: false, width: 100 }, &mut out)
            .expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_streamed_json_is_what_serde_writes_of_the_whole_report() {
        for failed in [false, true] {
            let cohort = cohort(failed);
            let whole = serde_json::to_string_pretty(&CohortReport::new(&cohort)).expect("JSON") + "\n";
            assert_eq!(written(Format::Json, &cohort), whole, "with a portfolio not checked: {failed}");
        }
        let mut none_checked = cohort(true);
        none_checked.members.retain(|m| m.result.is_err());
        let whole = serde_json::to_string_pretty(&CohortReport::new(&none_checked)).expect("JSON") + "\n";
        assert_eq!(written(Format::Json, &none_checked), whole, "no portfolio checked");
    }

    #[test]
    fn the_streamed_ci_reports_are_those_of_every_portfolio_at_once() {
        for failed in [false, true] {
            // The reports of portfolios at once know no `pqs-cohort.yaml`: its findings, which
            // the streamed reports give first, are compared apart, below.
            let mut cohort = cohort(failed);
            let own = std::mem::take(&mut cohort.diagnostics);
            let bases: Vec<String> = cohort.members.iter().map(|m| format!("{}/", m.folder)).collect();
            let reasons: Vec<String> = cohort
                .members
                .iter()
                .map(|m| m.result.as_ref().err().map(ToString::to_string).unwrap_or_default())
                .collect();
            let mut checked = Vec::new();
            let mut unchecked = Vec::new();
            for ((member, base), reason) in cohort.members.iter().zip(&bases).zip(&reasons) {
                match &member.result {
                    Ok(outcome) => checked.push(Checked { outcome, base }),
                    Err(_) => unchecked.push(Unchecked { folder: &member.folder, base, reason }),
                }
            }
            // From the repository's root, each example's base is its folder.
            assert_eq!(written(Format::Gitlab, &cohort), gitlab::render(&checked, &unchecked), "{failed}");
            assert_eq!(written(Format::Junit, &cohort), junit::render(&checked, &unchecked), "{failed}");
            assert_eq!(written(Format::Sarif, &cohort), sarif::render(&checked, &unchecked), "{failed}");
            cohort.diagnostics = own;
            for format in [Format::Github, Format::Gitlab, Format::Junit, Format::Sarif] {
                let text = written(format, &cohort);
                assert!(
                    text.contains("the mentor `C` is not one of the cohort's mentors"),
                    "{format:?}: {text}"
                );
            }
        }
    }
}
