//! `pqs standards`: the framework in use, for people and for programs.

use std::fmt::Write as _;

use crate::framework::Framework;
use crate::text::plural;

/// The framework as text: standards with their statements, then the requirements.
pub fn standards_human(framework: &Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", framework.title, framework.id);
    if let Some(source) = &framework.source {
        let _ = writeln!(out, "Official text: {source}");
    }
    out.push('\n');
    for standard in &framework.standards {
        let _ = writeln!(out, "{:<4} {}", standard.id, standard.title);
        if !standard.summary.is_empty() {
            let _ = writeln!(out, "     {}", standard.summary);
        }
        for statement in &standard.statements {
            let _ = writeln!(out, "     {:<6} {}", statement.id, statement.label);
        }
        if !standard.statements_complete {
            let note = if standard.statements.is_empty() {
                "no statements listed"
            } else {
                "this list may be incomplete"
            };
            let _ = writeln!(out, "     ({note}; other statement numbers are accepted with a warning)");
        }
        out.push('\n');
    }
    if !framework.requirements.is_empty() {
        out.push_str("Requirements\n");
        for req in &framework.requirements {
            let kind = req.kind.as_deref().map(|k| format!(", kind {k}")).unwrap_or_default();
            let first = if req.initial { ", and the first of its type" } else { "" };
            let count = if req.min > 0 {
                format!("at least {} {} record{}", req.min, req.record_type, plural(req.min))
            } else {
                format!("every {} record", req.record_type)
            };
            let signed = if req.signed_by.is_empty() {
                String::new()
            } else {
                format!(", signed off by {}", req.signed_by.join(" and "))
            };
            let months: Vec<String> = req.due_months.iter().map(u32::to_string).collect();
            let due = match months.len() {
                0 => String::new(),
                1 => format!(", due by month {}", months[0]),
                _ => format!(", due by months {}", months.join(" and ")),
            };
            let _ = writeln!(out, "  {}: {count}{kind}{first}{signed}{due} ({})", req.label, req.id);
        }
    }
    let _ = writeln!(
        out,
        "  Every standard: at least {} record{}",
        framework.coverage.min_per_standard,
        plural(framework.coverage.min_per_standard)
    );
    out
}

/// The framework as JSON, in the framework file's own shape.
pub fn standards_json(framework: &Framework) -> String {
    let mut text = serde_json::to_string_pretty(framework).unwrap_or_default();
    text.push('\n');
    text
}
