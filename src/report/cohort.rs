//! Reports of a cohort: each portfolio's findings under its name, then one table row per
//! supervisor (for people), or one JSON document holding each portfolio's report (for programs).

use std::fmt::Write as _;
use std::io::{self, Write};

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::Serialize;

use crate::check::Outcome;
use crate::cohort::Cohort;
use crate::model::Severity;
use crate::pathway::{Due, State};
use crate::report::human::{self, Options};
use crate::report::json::{CheckReport, JsonDiagnostic};
use crate::report::stream::{Head, Part, Writer};
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
    /// What is overdue (the first of them), else the first record needed by moderation that the
    /// pathway year has due only after it, else what is due next, with its date; `None` when
    /// nothing more is due or the start date is unknown.
    pub next: Option<String>,
    /// Whether something is overdue.
    pub behind: bool,
    /// The records not in the portfolio yet that the pathway year has due after the moderation
    /// date of `pqs-cohort.yaml` (while that date is still to come), each with its due date: the
    /// portfolio is moderated without them unless they are done sooner.
    pub after_moderation: Vec<String>,
}

/// The records of `outcome` not done yet whose pathway due date falls after `moderation`, while
/// moderation is still to come.
pub fn after_moderation(outcome: &Outcome, moderation: Option<Date>) -> Vec<&Due> {
    let (Some(pathway), Some(moderation)) = (outcome.pathway.as_ref(), moderation) else { return Vec::new() };
    if moderation < pathway.today {
        return Vec::new();
    }
    pathway.due.iter().filter(|due| due.state == State::Upcoming && due.date > moderation).collect()
}

impl Row {
    /// The row of one checked portfolio of a cohort moderated on `moderation`, if known.
    pub fn new(outcome: &Outcome, moderation: Option<Date>) -> Row {
        let coverage = &outcome.coverage;
        let pathway = outcome.pathway.as_ref();
        let overdue = pathway.and_then(|p| p.overdue().next());
        let late = after_moderation(outcome, moderation);
        let next = match (overdue, late.first(), moderation) {
            (Some(due), _, _) => Some(format!("overdue: {}, by {}", due.what(), due.date)),
            (None, Some(due), Some(moderation)) => Some(format!(
                "needed by moderation on {moderation}: {}, which the year has by {}",
                due.what(),
                due.date
            )),
            _ => pathway.and_then(|p| p.next()).map(|due| format!("{}, by {}", due.what(), due.date)),
        };
        Row {
            portfolio: outcome.name.clone(),
            candidate: outcome.portfolio.manifest.candidate.clone(),
            records: outcome.portfolio.records.len(),
            requirements: (
                coverage.requirements.iter().filter(|r| r.counts_as_met()).count(),
                coverage.requirements.len(),
            ),
            standards: (coverage.standards.iter().filter(|s| s.met()).count(), coverage.standards.len()),
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            next,
            behind: overdue.is_some(),
            after_moderation: late.iter().map(|due| format!("{}, by {}", due.what(), due.date)).collect(),
        }
    }
}

/// The human report of a cohort: the findings in `pqs-cohort.yaml`, each portfolio's findings
/// under its name, then the table.
pub(crate) struct Human {
    options: Options,
    moderation: Option<Date>,
    /// The table's rows: a checked portfolio's, or the folder of one that could not be checked.
    rows: Vec<Result<Row, String>>,
}

impl Human {
    pub(crate) fn new(options: Options) -> Human {
        Human { options, moderation: None, rows: Vec::new() }
    }
}

impl Writer for Human {
    fn begin(&mut self, head: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.moderation = head.settings.moderation;
        for diagnostic in head.diagnostics {
            write!(out, "{}\n\n", human::diagnostic_text(diagnostic, self.options.color))?;
        }
        Ok(())
    }

    fn portfolio(&mut self, part: &Part<'_>, out: &mut dyn Write) -> io::Result<()> {
        let member = part.member;
        let title = format!("━━ {} ", escape(if member.folder.is_empty() { "." } else { &member.folder }));
        writeln!(out, "{title}{}\n", "━".repeat(60usize.saturating_sub(title.chars().count())))?;
        match &member.result {
            Ok(outcome) => {
                out.write_all(human::render_brief(outcome, self.options).as_bytes())?;
                self.rows.push(Ok(Row::new(outcome, self.moderation)));
            }
            Err(error) => {
                let reason = escape_message(&error.to_string()).into_owned();
                writeln!(out, "error: this portfolio could not be checked: {reason}")?;
                self.rows.push(Err(member.folder.clone()));
            }
        }
        out.write_all(b"\n")
    }

    fn finish(&mut self, head: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut text = String::new();
        table(head, &self.rows, &mut text);
        out.write_all(text.as_bytes())
    }
}

/// The cohort table, one row per portfolio, columns lined up.
fn table(head: &Head<'_>, checked: &[Result<Row, String>], out: &mut String) {
    let name = escape(head.settings.name.as_deref().unwrap_or("Cohort"));
    let _ = write!(out, "{name}: {} portfolio{}", head.members, plural(head.members));
    if let Some(moderation) = head.settings.moderation {
        let _ = write!(out, ", moderation {moderation}");
    }
    out.push_str("\n\n");
    let header =
        ["portfolio", "supervisor", "records", "requirements", "standards", "errors", "warnings", "next due"];
    let rows: Vec<[String; 8]> = checked
        .iter()
        .map(|row| row.as_ref().map_or_else(|folder| failed_cells(folder), cells))
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
    let checked_rows = || checked.iter().filter_map(|row| row.as_ref().ok());
    let behind = checked_rows().filter(|row| row.behind).count();
    let late = checked_rows().filter(|row| !row.after_moderation.is_empty()).count();
    let failed = checked.iter().filter(|row| row.is_err()).count();
    let own = |severity| head.diagnostics.iter().filter(|d| d.severity == severity).count();
    let errors = own(Severity::Error) + checked_rows().map(|row| row.errors).sum::<usize>();
    let warnings = own(Severity::Warning) + checked_rows().map(|row| row.warnings).sum::<usize>();
    let _ = writeln!(
        out,
        "\n{errors} error{}, {warnings} warning{}; {behind} behind the pathway year{}{}.",
        plural(errors),
        plural(warnings),
        if late > 0 { format!("; {late} with records due after moderation") } else { String::new() },
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

fn failed_cells(folder: &str) -> [String; 8] {
    let mut cells: [String; 8] = Default::default();
    cells[0] = folder.to_owned();
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
            table: cohort.outcomes().map(|(_, o)| Row::new(o, cohort.settings.moderation)).collect(),
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

/// The JSON report of a cohort, as serde would write a [`CohortReport`] pretty-printed, ending
/// with a newline; but each portfolio's report is made when it is checked and kept as text
/// until the end, since the table, which needs them all, comes first.
#[derive(Default)]
pub(crate) struct Json {
    moderation: Option<Date>,
    table: Vec<Row>,
    /// Each portfolio's report, as it is written inside the list of them.
    portfolios: Vec<String>,
    failed: Vec<Failed>,
}

impl Writer for Json {
    fn begin(&mut self, head: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        let diagnostics: Vec<JsonDiagnostic> =
            head.diagnostics.iter().map(|d| JsonDiagnostic::new(d, None)).collect();
        self.moderation = head.settings.moderation;
        writeln!(out, "{{\n  \"version\": {VERSION},")?;
        writeln!(out, "  \"name\": {},", nested(&head.settings.name, 1))?;
        writeln!(out, "  \"moderation\": {},", nested(&head.settings.moderation.map(|d| d.to_string()), 1))?;
        writeln!(out, "  \"mentors\": {},", nested(&head.settings.mentors, 1))?;
        writeln!(out, "  \"diagnostics\": {},", nested(&diagnostics, 1))
    }

    fn portfolio(&mut self, part: &Part<'_>, _: &mut dyn Write) -> io::Result<()> {
        match &part.member.result {
            Ok(outcome) => {
                self.table.push(Row::new(outcome, self.moderation));
                self.portfolios.push(nested(&CheckReport::new(outcome), 2));
            }
            Err(e) => {
                self.failed.push(Failed { portfolio: part.member.folder.clone(), error: e.to_string() })
            }
        }
        Ok(())
    }

    fn finish(&mut self, _: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "  \"table\": {},", nested(&self.table, 1))?;
        if self.portfolios.is_empty() {
            writeln!(out, "  \"portfolios\": [],")?;
        } else {
            writeln!(out, "  \"portfolios\": [")?;
            for (n, portfolio) in self.portfolios.iter().enumerate() {
                let comma = if n + 1 < self.portfolios.len() { "," } else { "" };
                writeln!(out, "    {portfolio}{comma}")?;
            }
            writeln!(out, "  ],")?;
        }
        writeln!(out, "  \"failed\": {}\n}}", nested(&self.failed, 1))
    }
}

/// `value` pretty-printed as serde writes it `depth` levels down in a document: its lines after
/// the first indented two spaces a level (a JSON text holds no line break inside a string).
fn nested(value: &impl Serialize, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

/// The JSON Schema of the cohort report, as shipped in `schemas/cohort-report.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(CohortReport);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
