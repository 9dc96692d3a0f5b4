//! `pqs check` as a library call: load the portfolio, add the checks that need every record,
//! compute coverage, and return everything found as an [`Outcome`].

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::coverage::Coverage;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::Severity;
use crate::pathway::Pathway;
use crate::portfolio::{self, LoadOptions, Portfolio, Record};
use crate::problem::Problem;

/// How to check.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Today's date, for dates in the future.
    pub today: Date,
    /// Treat every gap (unmet requirement, uncovered standard) as an error.
    pub complete: bool,
    /// Keep each record's Markdown in the outcome, for a pack; a check alone does not need it.
    pub bodies: bool,
}

/// Everything a check found.
#[derive(Debug)]
pub struct Outcome {
    /// The portfolio's folder name.
    pub name: String,
    /// The loaded portfolio.
    pub portfolio: Portfolio,
    /// Requirements and standards against the records.
    pub coverage: Coverage,
    /// Every finding, sorted by file and line; gaps last.
    pub diagnostics: Vec<Diagnostic>,
    /// The pathway year as it stands today, if `pqs.yaml` says when it started.
    pub pathway: Option<Pathway>,
}

impl Outcome {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// Whether any error is a detail that could identify someone, found by the anonymisation
    /// lint in a record's text or name: a pack is never made while one is left. A
    /// case-reference pattern that cannot be used, or a `pqs-allow` comment in error, identifies
    /// no one, and is an error like any other.
    pub fn identifying(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && matches!(d.problem, Problem::Privacy { .. }))
    }

    /// Whether every requirement is met and every standard evidenced.
    pub fn complete(&self) -> bool {
        self.coverage.complete()
    }
}

/// Check the portfolio at or above `path`.
pub fn check(path: &Path, options: &CheckOptions) -> Result<Outcome, Error> {
    let mut portfolio = portfolio::load(path, LoadOptions { today: options.today, bodies: options.bodies })?;
    let mut diagnostics = std::mem::take(&mut portfolio.diagnostics);
    diagnostics.extend(duplicate_ids(&portfolio.records));
    let coverage = Coverage::compute(&portfolio.framework, &portfolio.records);
    let gap_severity = if options.complete { Severity::Error } else { Severity::Note };
    for gap in coverage.gaps() {
        // Statements without evidence are worth knowing but never block completion.
        let blocks = !matches!(gap, Problem::StatementUncovered { .. });
        let severity = if blocks { gap_severity } else { gap.severity() };
        diagnostics.push(Diagnostic::new(&gap, None, None).with_severity(severity));
    }
    let pathway = portfolio.manifest.started.map(|started| {
        Pathway::compute(&portfolio.framework, &coverage, &portfolio.records, started, options.today)
    });
    for due in pathway.iter().flat_map(Pathway::overdue) {
        let problem = Problem::Overdue {
            label: due.label.clone(),
            occurrence: due.occurrence,
            month: due.month,
            due: due.date.to_string(),
        };
        diagnostics.push(Diagnostic::new(&problem, None, None));
    }
    diagnostics.sort_by(Diagnostic::report_order);
    let name = portfolio
        .root
        .file_name()
        .map_or_else(|| portfolio.root.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Outcome { name, portfolio, coverage, diagnostics, pathway })
}

/// Records whose ids collide: each later one is reported, naming the first.
fn duplicate_ids(records: &[Record]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Record> = BTreeMap::new();
    let mut found = Vec::new();
    for record in records {
        match first.get(record.id.as_str()) {
            Some(earlier) => {
                let problem = Problem::DuplicateId { id: record.id.clone(), other: earlier.file.clone() };
                found.push(Diagnostic::new(&problem, Some(&record.file), record.id_span.clone()));
            }
            None => {
                first.insert(&record.id, record);
            }
        }
    }
    found
}
