//! The cohort page of `pqs report`: the cohort table, a heat map of the standards each
//! supervisor has evidenced, who is behind the pathway year and who has records due after
//! moderation, as one self-contained HTML file
//! made through the template `templates/cohort.html.tera` (overridable like the others).

use jiff::civil::Date;
use serde::Serialize;

use crate::check::Outcome;
use crate::cohort::{Cohort, Member};
use crate::error::Error;
use crate::report::cohort::{Row, after_moderation};
use crate::templates::Templates;
use crate::text::plural;

/// The template of the page.
pub const TEMPLATE: &str = "cohort.html.tera";

/// What the template is given, as `report`.
#[derive(Debug, Serialize)]
pub struct Page {
    /// The cohort's name (`pqs-cohort.yaml`), else its folder's name.
    pub name: String,
    /// The moderation date, if known.
    pub moderation: Option<String>,
    /// Whether the moderation date is before the day the page is made.
    pub moderation_passed: bool,
    /// The mentors, joined with commas.
    pub mentors: String,
    /// The day the page was made.
    pub made: String,
    /// How many portfolios.
    pub portfolios: usize,
    /// How many have errors, are behind, have records due after moderation, could not be
    /// checked, in a sentence.
    pub summary: String,
    /// One row per portfolio, in the cohort's order, those that could not be checked too.
    pub rows: Vec<RowView>,
    /// One heat map per framework in use.
    pub heat_maps: Vec<HeatMap>,
    /// Who has something overdue.
    pub behind: Vec<Behind>,
    /// Who has records still to do that the pathway year has due after moderation.
    pub after_moderation: Vec<Behind>,
}

/// A row of the table, as text.
#[derive(Debug, Default, Serialize)]
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
    /// What needs doing, the most pressing first.
    pub todo: Vec<Note>,
    /// Errors to fix, or it could not be checked: the row stands out.
    pub stands_out: bool,
    /// Why it could not be checked, for a portfolio that could not be: HTML, escaped, with what
    /// the words quote in backticks shown as code.
    pub failed: Option<String>,
}

/// One thing a portfolio needs, and what kind of thing it is (a class of the page's style):
/// `errors`, `overdue`, `moderation` (needed by moderation, due after it), `next`, `done` or
/// `unplaced` (no start date).
#[derive(Debug, Serialize)]
pub struct Note {
    /// Its kind.
    pub kind: &'static str,
    /// Its words.
    pub text: String,
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

/// Someone with something overdue, or due after moderation.
#[derive(Debug, Serialize)]
pub struct Behind {
    /// The portfolio's folder.
    pub portfolio: String,
    /// The supervisor.
    pub candidate: Option<String>,
    /// The month of the pathway they are in.
    pub month: i32,
    /// What is overdue or due after moderation, each with its due date.
    pub overdue: Vec<String>,
}

/// The page's content for `cohort`, made on `made`.
pub fn page(cohort: &Cohort, made: Date) -> Page {
    let outcomes: Vec<&Outcome> = cohort.outcomes().map(|(_, o)| o).collect();
    let folder_name = cohort.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let moderation = cohort.settings.moderation;
    let rows: Vec<RowView> = cohort.members.iter().map(|member| row_of(member, moderation)).collect();
    Page {
        name: cohort.settings.name.clone().unwrap_or(folder_name),
        moderation: moderation.map(|d| d.to_string()),
        moderation_passed: moderation.is_some_and(|d| d < made),
        mentors: cohort.settings.mentors.join(", "),
        made: made.to_string(),
        portfolios: cohort.members.len(),
        summary: summary(&rows, moderation.is_some()),
        rows,
        heat_maps: heat_maps(&outcomes),
        behind: outcomes.iter().filter_map(|o| behind(o)).collect(),
        after_moderation: outcomes.iter().filter_map(|o| late(o, moderation)).collect(),
    }
}

/// The row of a member: a checked portfolio's, or one that says why it could not be checked.
fn row_of(member: &Member, moderation: Option<Date>) -> RowView {
    match &member.result {
        Ok(outcome) => row(&Row::new(outcome, moderation), outcome),
        Err(error) => RowView {
            portfolio: member.folder.clone(),
            stands_out: true,
            failed: Some(quoted_as_code(&error.to_string())),
            ..RowView::default()
        },
    }
}

fn row(row: &Row, outcome: &Outcome) -> RowView {
    let note = |kind, text: String| Note { kind, text };
    let mut todo = Vec::new();
    if row.errors > 0 {
        todo.push(note("errors", format!("{} error{} to fix", row.errors, plural(row.errors))));
    }
    match &row.next {
        Some(next) if row.behind => todo.push(note("overdue", capitalised(next))),
        Some(next) if !row.after_moderation.is_empty() => todo.push(note("moderation", capitalised(next))),
        Some(next) => todo.push(note("next", format!("Next: {next}"))),
        None if outcome.pathway.is_none() => {
            todo.push(note(
                "unplaced",
                "No start date in pqs.yaml, so nothing can be placed in the year".to_owned(),
            ));
        }
        None if row.errors == 0 => todo.push(note("done", "Nothing more due".to_owned())),
        None => {}
    }
    // The first record due after moderation is the note above unless something is overdue.
    let late = row.after_moderation.len();
    let more = if row.behind { late } else { late.saturating_sub(1) };
    if more > 0 {
        let also = if row.behind { "" } else { " more" };
        todo.push(note("moderation", format!("And {more}{also} due after moderation")));
    }
    RowView {
        portfolio: row.portfolio.clone(),
        candidate: row.candidate.clone().unwrap_or_default(),
        records: row.records,
        requirements: format!("{} of {}", row.requirements.0, row.requirements.1),
        standards: format!("{} of {}", row.standards.0, row.standards.1),
        errors: row.errors,
        warnings: row.warnings,
        todo,
        stands_out: row.errors > 0,
        failed: None,
    }
}

/// `text` as HTML, escaped, each part between backticks as code (the backticks a message
/// quotes a file or value in are not shown as they are on a page).
fn quoted_as_code(text: &str) -> String {
    let parts: Vec<String> = text.split('`').map(crate::xml::text).collect();
    if parts.len().is_multiple_of(2) {
        // A backtick without its pair: shown as written.
        return crate::xml::text(text);
    }
    let mut html = String::new();
    for (n, part) in parts.iter().enumerate() {
        if n % 2 == 1 {
            html.push_str(&format!("<code>{part}</code>"));
        } else {
            html.push_str(part);
        }
    }
    html
}

/// `text` with a capital first letter.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The sentence the page opens with: how many portfolios need what.
fn summary(rows: &[RowView], moderation: bool) -> String {
    let with = |kind: &str| rows.iter().filter(|r| r.todo.iter().any(|n| n.kind == kind)).count();
    let (with_errors, behind, late) = (with("errors"), with("overdue"), with("moderation"));
    let failed = rows.iter().filter(|r| r.failed.is_some()).count();
    let mut parts = Vec::new();
    if with_errors > 0 {
        parts.push(format!("{with_errors} with errors to fix"));
    }
    if behind > 0 {
        parts.push(format!("{behind} behind the pathway year"));
    }
    if late > 0 && moderation {
        parts.push(format!("{late} with records due after moderation"));
    }
    if failed > 0 {
        parts.push(format!("{failed} that could not be checked"));
    }
    if parts.is_empty() {
        return "Every portfolio is free of errors and on time.".to_owned();
    }
    format!("Needing attention: {}.", parts.join(", "))
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

/// Someone with records still to do that the pathway year has due after moderation.
fn late(outcome: &Outcome, moderation: Option<Date>) -> Option<Behind> {
    let pathway = outcome.pathway.as_ref()?;
    let late: Vec<String> = after_moderation(outcome, moderation)
        .iter()
        .map(|d| format!("{}: due by {} (month {})", d.what(), d.date, d.month))
        .collect();
    (!late.is_empty()).then(|| Behind {
        portfolio: outcome.name.clone(),
        candidate: outcome.portfolio.manifest.candidate.clone(),
        month: pathway.months + 1,
        overdue: late,
    })
}

/// The cohort page as HTML, through `templates`.
pub fn html(cohort: &Cohort, made: Date, templates: &Templates) -> Result<String, Error> {
    let mut context = tera::Context::new();
    context.insert("report", &page(cohort, made));
    templates.render(TEMPLATE, &context)
}

#[cfg(test)]
mod tests {
    use super::quoted_as_code;

    #[test]
    fn quoted_words_are_code_and_everything_is_escaped() {
        assert_eq!(
            quoted_as_code("`a<b>/pqs.yaml` cannot be read: `x` & y"),
            "<code>a&lt;b&gt;/pqs.yaml</code> cannot be read: <code>x</code> &amp; y"
        );
        assert_eq!(quoted_as_code("one ` alone <"), "one ` alone &lt;");
    }
}
