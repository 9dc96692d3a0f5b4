//! The "Still to do" of the human report: each gap once, in the order a supervisor would act on
//! it (what is overdue first, then by due date in the pathway, then what has no date: sign-offs,
//! standards, statements), each with what fixes it.
//!
//! The findings about the portfolio as a whole say a gap up to three times for programs (an
//! unmet requirement, each of its overdue records, each uncovered standard); this list is made
//! from the coverage and the pathway instead, and uses the findings' own help, so that what a
//! person reads and what CI reads agree.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::paint::Paint;
use crate::check::Outcome;
use crate::coverage::{Coverage, RequirementResult};
use crate::diagnostic::Diagnostic;
use crate::model::Severity;
use crate::pathway::{Due, State};
use crate::problem::Problem;
use crate::text::{escape, ordinal, plural};

/// Whether the list below says what `diagnostic` says, so it is not drawn on its own.
pub(super) fn covered(diagnostic: &Diagnostic) -> bool {
    matches!(
        diagnostic.problem,
        Problem::RequirementUnmet { .. }
            | Problem::InitialKind { .. }
            | Problem::SignoffMissing { .. }
            | Problem::StandardUncovered { .. }
            | Problem::StatementUncovered { .. }
            | Problem::Overdue { .. }
            | Problem::EndorsementMissing { .. }
    )
}

/// Whether the gaps are errors, as `--complete` makes them.
pub(super) fn blocking(outcome: &Outcome) -> bool {
    outcome.diagnostics.iter().any(|d| {
        d.severity == Severity::Error
            && matches!(
                d.problem,
                Problem::RequirementUnmet { .. }
                    | Problem::InitialKind { .. }
                    | Problem::SignoffMissing { .. }
                    | Problem::StandardUncovered { .. }
                    | Problem::EndorsementMissing { .. }
            )
    })
}

/// One thing to do: where it goes in the list, and its lines.
struct Item {
    /// Overdue (0), dated (1), undated (2), standards (3), statements (4); then the date; then
    /// the framework's order.
    key: (u8, Option<Date>, usize),
    text: String,
}

/// The items of `outcome`'s gaps, in order, as text; empty when there is nothing to do.
pub(super) fn items(outcome: &Outcome, paint: Paint) -> String {
    // Checked with `--complete`, every gap but a statement's is an error: marked as one.
    let blocking = blocking(outcome);
    let dues: &[Due] = outcome.pathway.as_ref().map_or(&[], |p| p.due.as_slice());
    let mut items: Vec<Item> = Vec::new();
    for (index, req) in outcome.coverage.requirements.iter().enumerate() {
        let dues: Vec<&Due> = dues.iter().filter(|d| d.requirement == req.id).collect();
        items.extend(requirement(index, req, &dues, blocking, paint));
    }
    items.extend(standards(&outcome.coverage, blocking, paint));
    items.extend(statements(&outcome.coverage, paint));
    items.extend(endorsement(outcome, blocking, paint));
    items.sort_by_key(|item| item.key);
    items.into_iter().map(|item| item.text).collect()
}

/// The item of one requirement, if anything is left to do for it.
fn requirement(
    index: usize,
    req: &RequirementResult,
    dues: &[&Due],
    blocking: bool,
    paint: Paint,
) -> Option<Item> {
    let gaps = req.gaps();
    let overdue: Vec<&&Due> = dues.iter().filter(|d| d.state == State::Overdue).collect();
    if gaps.is_empty() && overdue.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !req.unsigned.is_empty() {
        parts.push(format!("{} of {} signed off", req.found(), req.required));
    } else if req.required > 1 {
        parts.push(format!("{} of {}", req.records.len(), req.required));
    }
    let upcoming = dues.iter().find(|d| d.state == State::Upcoming);
    if let [first, rest @ ..] = overdue.as_slice() {
        let mut when = match first.occurrence.1 {
            1 => format!("overdue (due by {}, month {})", first.date, first.month),
            _ => format!(
                "the {} is overdue (due by {}, month {})",
                ordinal(first.occurrence.0),
                first.date,
                first.month
            ),
        };
        for due in rest {
            let _ = write!(
                when,
                ", the {} too (due by {}, month {})",
                ordinal(due.occurrence.0),
                due.date,
                due.month
            );
        }
        parts.push(when);
    } else if let Some(due) = upcoming.filter(|_| req.records.len() < req.required) {
        parts.push(match due.occurrence.1 {
            1 => format!("due by {} (month {})", due.date, due.month),
            _ => format!("the {} is due by {} (month {})", ordinal(due.occurrence.0), due.date, due.month),
        });
    }
    // Drafts matter where records are missing; a draft needs no sign-off yet.
    let drafts = if req.records.len() < req.required { req.drafts.as_slice() } else { &[] };
    match drafts {
        [] => {}
        [draft] => parts.push(format!("`{draft}` is a draft, not counted yet")),
        drafts => parts.push(format!(
            "{} drafts, not counted yet: {}",
            drafts.len(),
            drafts.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", ")
        )),
    }
    let mut text = String::new();
    let mark = if overdue.is_empty() && !blocking { paint.todo() } else { paint.mark(false) };
    let head =
        if parts.is_empty() { req.label.clone() } else { format!("{}: {}", req.label, parts.join("; ")) };
    paint.wrapped(&mut text, &format!("  {mark} "), 4, 4, &escape(&head));
    for gap in &gaps {
        match gap {
            Problem::RequirementUnmet { .. } => help(gap, paint, &mut text),
            Problem::SignoffMissing { file, roles, .. } => {
                let what =
                    format!("`{}` is not yet signed off by the {}", escape(file), roles.join(" and the "));
                paint.wrapped(&mut text, "      ", 6, 8, &what);
                help(gap, paint, &mut text);
            }
            _ => {
                paint.wrapped(&mut text, "      ", 6, 8, &escape(&gap.message()));
                help(gap, paint, &mut text);
            }
        }
    }
    let date = overdue.first().map(|d| d.date).or(upcoming.map(|d| d.date));
    let rank = if !overdue.is_empty() {
        0
    } else if date.is_some() && req.records.len() < req.required {
        1
    } else {
        2
    };
    Some(Item { key: (rank, date, index), text })
}

/// The item of the standards without enough records, if any.
fn standards(coverage: &Coverage, blocking: bool, paint: Paint) -> Option<Item> {
    let mark = if blocking { paint.mark(false) } else { paint.todo() };
    let short: Vec<_> = coverage.standards.iter().filter(|s| !s.met()).collect();
    let problem = |s: &crate::coverage::StandardResult| Problem::StandardUncovered {
        id: s.id.clone(),
        title: s.title.clone(),
        found: s.records.len(),
        required: s.required,
    };
    let mut text = String::new();
    match short.as_slice() {
        [] => return None,
        [one] => {
            let problem = problem(one);
            paint.wrapped(&mut text, &format!("  {} ", mark), 4, 4, &escape(&capital(&problem.message())));
            help(&problem, paint, &mut text);
        }
        many => {
            let none = many.iter().all(|s| s.records.is_empty());
            let what = if none { "with no record yet" } else { "without enough records" };
            let _ = writeln!(text, "  {} {} standards {what}:", mark, many.len());
            let width = many.iter().map(|s| s.id.chars().count()).max().unwrap_or(1);
            for standard in many {
                let count = if none {
                    String::new()
                } else {
                    format!(
                        " ({} record{} of the {} it needs)",
                        standard.records.len(),
                        plural(standard.records.len()),
                        standard.required
                    )
                };
                let prefix = format!("      {:<width$}  ", escape(&standard.id));
                let line = format!("{}{count}", escape(&standard.title));
                paint.wrapped(&mut text, &prefix, 8 + width, 8 + width, &line);
            }
            let help_text = "add a standard's number (or one of its statements, such as `6.2`) to `standards` in a record that evidences it; `pqs standards` lists them";
            paint.wrapped(&mut text, &format!("      {} ", paint.help()), 12, 12, help_text);
        }
    }
    Some(Item { key: (3, None, 0), text })
}

/// The item of the mentor's endorsement of the whole portfolio, when the settings require it
/// and none holds: after the records' own sign-offs, as it is made last.
fn endorsement(outcome: &Outcome, blocking: bool, paint: Paint) -> Option<Item> {
    let problem =
        outcome.diagnostics.iter().find(|d| matches!(d.problem, Problem::EndorsementMissing { .. }))?;
    let mark = if blocking { paint.mark(false) } else { paint.todo() };
    let mut text = String::new();
    let head = capital(&problem.problem.message());
    paint.wrapped(&mut text, &format!("  {mark} "), 4, 4, &escape(&head));
    help(&problem.problem, paint, &mut text);
    Some(Item { key: (2, None, usize::MAX), text })
}

/// The item of the statements of complete lists that have no record, if any.
fn statements(coverage: &Coverage, paint: Paint) -> Option<Item> {
    let missing: Vec<_> = coverage
        .standards
        .iter()
        .filter(|s| s.statements_complete)
        .flat_map(|s| s.statements.iter().filter(|st| st.records.is_empty()))
        .collect();
    let mut text = String::new();
    match missing.as_slice() {
        [] => return None,
        [one] => {
            let problem = Problem::StatementUncovered { id: one.id.clone(), label: one.label.clone() };
            paint.wrapped(
                &mut text,
                &format!("  {} ", paint.todo()),
                4,
                4,
                &escape(&capital(&problem.message())),
            );
            help(&problem, paint, &mut text);
        }
        many => {
            let _ = writeln!(text, "  {} {} statements with no record yet:", paint.todo(), many.len());
            let width = many.iter().map(|s| s.id.chars().count()).max().unwrap_or(1);
            for statement in many {
                let prefix = format!("      {:<width$}  ", escape(&statement.id));
                paint.wrapped(&mut text, &prefix, 8 + width, 8 + width, &escape(&statement.label));
            }
            let help_text = "add a statement's number to `standards` in a record that evidences it";
            paint.wrapped(&mut text, &format!("      {} ", paint.help()), 12, 12, help_text);
        }
    }
    Some(Item { key: (4, None, 0), text })
}

/// The help line of `problem`, under its item.
fn help(problem: &Problem, paint: Paint, out: &mut String) {
    if let Some(help) = problem.help() {
        paint.wrapped(out, &format!("      {} ", paint.help()), 12, 12, &escape(&help));
    }
}

/// `text` with its first letter in capitals: a message that starts a line.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
