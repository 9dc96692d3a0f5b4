//! The cohort page of `pqs report`: the cohort table, a heat map of the standards each
//! supervisor has evidenced, and who is behind the pathway year, as one self-contained HTML file
//! made through the template `templates/cohort.html.tera` (overridable like the others).

use jiff::civil::Date;
use serde::Serialize;

use crate::check::Outcome;
use crate::cohort::Cohort;
use crate::error::Error;
use crate::report::cohort::Row;
use crate::templates::Templates;

/// The template of the page.
pub const TEMPLATE: &str = "cohort.html.tera";

/// What the template is given, as `report`.
#[derive(Debug, Serialize)]
pub struct Page {
    /// The cohort's name (`pqs-cohort.yaml`), else its folder's name.
    pub name: String,
    /// The moderation date, if known.
    pub moderation: Option<String>,
    /// The mentors, joined with commas.
    pub mentors: String,
    /// The day the page was made.
    pub made: String,
    /// How many portfolios.
    pub portfolios: usize,
    /// One row per portfolio checked.
    pub rows: Vec<RowView>,
    /// Portfolios that could not be checked.
    pub failed: Vec<FailedView>,
    /// One heat map per framework in use.
    pub heat_maps: Vec<HeatMap>,
    /// Who has something overdue.
    pub behind: Vec<Behind>,
}

/// A row of the table, as text.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// The portfolio's folder.
    pub portfolio: String,
    /// The supervisor.
    pub candidate: String,
    /// Records.
    pub records: usize,
    /// `5 of 7`.
    pub requirements: String,
    /// `8 of 8`.
    pub standards: String,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// What is overdue or due next.
    pub next: String,
    /// Something is overdue.
    pub behind: bool,
}

/// A portfolio that could not be checked.
#[derive(Debug, Serialize)]
pub struct FailedView {
    /// Its folder.
    pub portfolio: String,
    /// Why.
    pub error: String,
}

/// Standards down the top, supervisors down the side.
#[derive(Debug, Serialize)]
pub struct HeatMap {
    /// The framework's title and id.
    pub framework: String,
    /// Its standards.
    pub standards: Vec<StandardView>,
    /// One row per portfolio using it.
    pub rows: Vec<HeatRow>,
}

/// A standard, for a column heading.
#[derive(Debug, Serialize)]
pub struct StandardView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// One supervisor's row of a heat map.
#[derive(Debug, Serialize)]
pub struct HeatRow {
    /// The portfolio's folder.
    pub portfolio: String,
    /// One cell per standard.
    pub cells: Vec<Cell>,
}

/// How many records evidence a standard, and a level 0 to 3 for its shade.
#[derive(Debug, Serialize)]
pub struct Cell {
    /// Records.
    pub records: usize,
    /// 0 (none), 1, 2, 3 (three or more).
    pub level: usize,
}

/// Someone with something overdue.
#[derive(Debug, Serialize)]
pub struct Behind {
    /// The portfolio's folder.
    pub portfolio: String,
    /// The supervisor.
    pub candidate: Option<String>,
    /// The month of the pathway they are in.
    pub month: i32,
    /// What is overdue, each with its due date.
    pub overdue: Vec<String>,
}

/// The page's content for `cohort`, made on `made`.
pub fn page(cohort: &Cohort, made: Date) -> Page {
    let outcomes: Vec<&Outcome> = cohort.outcomes().map(|(_, o)| o).collect();
    let folder_name = cohort.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Page {
        name: cohort.settings.name.clone().unwrap_or(folder_name),
        moderation: cohort.settings.moderation.map(|d| d.to_string()),
        mentors: cohort.settings.mentors.join(", "),
        made: made.to_string(),
        portfolios: cohort.members.len(),
        rows: outcomes.iter().map(|o| row(&Row::new(o))).collect(),
        failed: cohort
            .members
            .iter()
            .filter_map(|m| {
                let error = m.result.as_ref().err()?;
                Some(FailedView { portfolio: m.folder.clone(), error: error.to_string() })
            })
            .collect(),
        heat_maps: heat_maps(&outcomes),
        behind: outcomes.iter().filter_map(|o| behind(o)).collect(),
    }
}

fn row(row: &Row) -> RowView {
    RowView {
        portfolio: row.portfolio.clone(),
        candidate: row.candidate.clone().unwrap_or_default(),
        records: row.records,
        requirements: format!("{} of {}", row.requirements.0, row.requirements.1),
        standards: format!("{} of {}", row.standards.0, row.standards.1),
        errors: row.errors,
        warnings: row.warnings,
        next: row.next.clone().unwrap_or_else(|| "Nothing more due".to_owned()),
        behind: row.behind,
    }
}

/// One heat map per framework, in the order the frameworks are first used.
fn heat_maps(outcomes: &[&Outcome]) -> Vec<HeatMap> {
    let mut maps: Vec<(String, HeatMap)> = Vec::new();
    for outcome in outcomes {
        let framework = &outcome.portfolio.framework;
        let at = match maps.iter().position(|(id, _)| *id == framework.id) {
            Some(at) => at,
            None => {
                let map = HeatMap {
                    framework: format!("{} ({})", framework.title, framework.id),
                    standards: framework
                        .standards
                        .iter()
                        .map(|s| StandardView { id: s.id.clone(), title: s.title.clone() })
                        .collect(),
                    rows: Vec::new(),
                };
                maps.push((framework.id.clone(), map));
                maps.len() - 1
            }
        };
        let cells = outcome
            .coverage
            .standards
            .iter()
            .map(|s| Cell { records: s.records.len(), level: s.records.len().min(3) })
            .collect();
        maps[at].1.rows.push(HeatRow { portfolio: outcome.name.clone(), cells });
    }
    maps.into_iter().map(|(_, map)| map).collect()
}

fn behind(outcome: &Outcome) -> Option<Behind> {
    let pathway = outcome.pathway.as_ref()?;
    let overdue: Vec<String> =
        pathway.overdue().map(|d| format!("{}: due by {} (month {})", d.what(), d.date, d.month)).collect();
    (!overdue.is_empty()).then(|| Behind {
        portfolio: outcome.name.clone(),
        candidate: outcome.portfolio.manifest.candidate.clone(),
        month: pathway.months + 1,
        overdue,
    })
}

/// The cohort page as HTML, through `templates`.
pub fn html(cohort: &Cohort, made: Date, templates: &Templates) -> Result<String, Error> {
    let mut context = tera::Context::new();
    context.insert("report", &page(cohort, made));
    templates.render(TEMPLATE, &context)
}
