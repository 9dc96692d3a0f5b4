//! Reports of a cohort: each portfolio's findings under its name, then one table row per
//! supervisor (for people), or one JSON document holding each portfolio's report (for programs).

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;

use crate::check::Outcome;
use crate::cohort::{Cohort, Member};
use crate::model::Severity;
use crate::pathway::State;
use crate::report::human::{self, Options};
use crate::report::json::{CheckReport, JsonDiagnostic};
use crate::text::plural;
use crate::text::{escape, escape_message};

/// One row of the cohort table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Row {
    /// The portfolio's folder in the cohort.
    pub portfolio: String,
    /// The supervisor named in its `pqs.yaml`.
    pub candidate: Option<String>,
    /// Records read, drafts included.
    pub records: usize,
    /// Requirements met, and how many there are.
    pub requirements: (usize, usize),
    /// Standards evidenced, and how many there are.
    pub standards: (usize, usize),
    /// Findings of severity `error`.
    pub errors: usize,
    /// Findings of severity `warning`.
    pub warnings: usize,
    /// What is overdue (the first of them), else what is due next, with its date; `None` when
    /// nothing more is due or the start date is unknown.
    pub next: Option<String>,
    /// Whether something is overdue.
    pub behind: bool,
}

impl Row {
    /// The row of one checked portfolio.
    pub fn new(outcome: &Outcome) -> Row {
        let coverage = &outcome.coverage;
        let pathway = outcome.pathway.as_ref();
        let overdue = pathway.and_then(|p| p.overdue().next());
        let next = overdue.or_else(|| pathway.and_then(|p| p.next())).map(|due| {
            let state = if due.state == State::Overdue { "overdue: " } else { "" };
            format!("{state}{}, by {}", due.what(), due.date)
        });
        Row {
            portfolio: outcome.name.clone(),
            candidate: outcome.portfolio.manifest.candidate.clone(),
            records: outcome.portfolio.records.len(),
            requirements: (
                coverage.requirements.iter().filter(|r| r.met()).count(),
                coverage.requirements.len(),
            ),
            standards: (coverage.standards.iter().filter(|s| s.met()).count(), coverage.standards.len()),
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            next,
            behind: overdue.is_some(),
        }
    }
}

/// The human report of a cohort.
pub fn render(cohort: &Cohort, options: Options) -> String {
    let mut out = String::new();
    for diagnostic in &cohort.diagnostics {
        out.push_str(&human::diagnostic_text(diagnostic, options.color));
        out.push_str("\n\n");
    }
    for member in &cohort.members {
        let title = format!("━━ {} ", escape(if member.folder.is_empty() { "." } else { &member.folder }));
        let _ = writeln!(out, "{title}{}\n", "━".repeat(60usize.saturating_sub(title.chars().count())));
        match &member.result {
            Ok(outcome) => out.push_str(&human::render_brief(outcome, options)),
            Err(error) => {
                let _ = writeln!(
                    out,
                    "error: this portfolio could not be checked: {}",
                    escape_message(&error.to_string())
                );
            }
        }
        out.push('\n');
    }
    table(cohort, &mut out);
    out
}

/// The cohort table, one row per portfolio, columns lined up.
fn table(cohort: &Cohort, out: &mut String) {
    let name = escape(cohort.settings.name.as_deref().unwrap_or("Cohort"));
    let _ = write!(out, "{name}: {} portfolio{}", cohort.members.len(), plural(cohort.members.len()));
    if let Some(moderation) = cohort.settings.moderation {
        let _ = write!(out, ", moderation {moderation}");
    }
    out.push_str("\n\n");
    let header =
        ["portfolio", "supervisor", "records", "requirements", "standards", "errors", "warnings", "next due"];
    let checked: Vec<Option<Row>> =
        cohort.members.iter().map(|m| m.result.as_ref().ok().map(Row::new)).collect();
    let rows: Vec<[String; 8]> = cohort
        .members
        .iter()
        .zip(&checked)
        .map(|(member, row)| row.as_ref().map_or_else(|| failed_cells(member), cells))
        .map(|cells| cells.map(|cell| escape(&cell).into_owned()))
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let mut text = String::from(" ");
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            // Numbers to the right, words to the left.
            if (2..=6).contains(&c) {
                let _ = write!(text, " {}{cell} ", " ".repeat(pad));
            } else {
                let _ = write!(text, " {cell}{} ", " ".repeat(pad));
            }
        }
        text.trim_end().to_owned()
    };
    let _ = writeln!(out, "{}", line(&header.map(str::to_owned)));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    let behind = checked.iter().flatten().filter(|row| row.behind).count();
    let failed = checked.iter().filter(|row| row.is_none()).count();
    let (errors, warnings) = (cohort.count(Severity::Error), cohort.count(Severity::Warning));
    let _ = writeln!(
        out,
        "\n{errors} error{}, {warnings} warning{}; {behind} behind the pathway year{}.",
        plural(errors),
        plural(warnings),
        if failed > 0 { format!("; {failed} could not be checked") } else { String::new() }
    );
}

fn cells(row: &Row) -> [String; 8] {
    [
        row.portfolio.clone(),
        row.candidate.clone().unwrap_or_default(),
        row.records.to_string(),
        format!("{}/{}", row.requirements.0, row.requirements.1),
        format!("{}/{}", row.standards.0, row.standards.1),
        row.errors.to_string(),
        row.warnings.to_string(),
        row.next.clone().unwrap_or_else(|| "-".to_owned()),
    ]
}

fn failed_cells(member: &Member) -> [String; 8] {
    let mut cells: [String; 8] = Default::default();
    cells[0] = member.folder.clone();
    cells[7] = "could not be checked".to_owned();
    cells
}

/// The version of the cohort report's format.
pub const VERSION: u32 = 1;

/// The result of `pqs check` on a cohort.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CohortReport {
    /// The version of this report's format.
    pub version: u32,
    /// The cohort's name from `pqs-cohort.yaml`.
    pub name: Option<String>,
    /// The moderation date, YYYY-MM-DD.
    pub moderation: Option<String>,
    /// The cohort's mentors.
    pub mentors: Vec<String>,
    /// Findings in `pqs-cohort.yaml`.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// One row per portfolio that could be checked, as in the table.
    pub table: Vec<Row>,
    /// The report of each portfolio that could be checked, by folder.
    pub portfolios: Vec<CheckReport>,
    /// The portfolios that could not be checked at all, and why.
    pub failed: Vec<Failed>,
}

/// A portfolio that could not be checked.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Failed {
    /// Its folder in the cohort.
    pub portfolio: String,
    /// Why.
    pub error: String,
}

impl CohortReport {
    /// The report of `cohort`.
    pub fn new(cohort: &Cohort) -> CohortReport {
        CohortReport {
            version: VERSION,
            name: cohort.settings.name.clone(),
            moderation: cohort.settings.moderation.map(|d| d.to_string()),
            mentors: cohort.settings.mentors.clone(),
            diagnostics: cohort.diagnostics.iter().map(|d| JsonDiagnostic::new(d, None)).collect(),
            table: cohort.outcomes().map(|(_, o)| Row::new(o)).collect(),
            portfolios: cohort.outcomes().map(|(_, o)| CheckReport::new(o)).collect(),
            failed: cohort
                .members
                .iter()
                .filter_map(|m| {
                    m.result
                        .as_ref()
                        .err()
                        .map(|e| Failed { portfolio: m.folder.clone(), error: e.to_string() })
                })
                .collect(),
        }
    }
}

/// The JSON report of `cohort`, pretty-printed, ending with a newline.
pub fn json(cohort: &Cohort) -> String {
    let mut text = serde_json::to_string_pretty(&CohortReport::new(cohort)).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of the cohort report, as shipped in `schemas/cohort-report.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(CohortReport);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
