//! `pqs standards`: the framework in use, for people and for programs.

use std::fmt::Write as _;

use crate::framework::Framework;
use crate::text::{plural, wrap};

/// The framework as text: standards with their statements, then the requirements; long lines
/// wrapped at `width` columns.
pub fn standards_human(framework: &Framework, width: usize) -> String {
    // A line of `text` after `prefix`, its later lines indented as far as the prefix and `more`.
    let line = |out: &mut String, prefix: &str, more: usize, text: &str| {
        let first = prefix.chars().count();
        let indent = first + more;
        for (n, part) in wrap(text, width, first, indent).iter().enumerate() {
            let start = if n == 0 { prefix.to_owned() } else { " ".repeat(indent) };
            let _ = writeln!(out, "{start}{part}");
        }
    };
    let mut out = String::new();
    line(&mut out, "", 0, &format!("{} ({})", framework.title, framework.id));
    if let Some(source) = &framework.source {
        line(&mut out, "", 0, &format!("Official text: {source}"));
    }
    out.push('\n');
    for standard in &framework.standards {
        line(&mut out, &format!("{:<4} ", standard.id), 0, &standard.title);
        if !standard.summary.is_empty() {
            line(&mut out, "     ", 0, &standard.summary);
        }
        for statement in &standard.statements {
            line(&mut out, &format!("     {:<6} ", statement.id), 0, &statement.label);
        }
        if !standard.statements_complete {
            let note = if standard.statements.is_empty() {
                "no statements listed"
            } else {
                "this list may be incomplete"
            };
            let text = format!("({note}; other statement numbers are accepted with a warning)");
            line(&mut out, "     ", 0, &text);
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
            line(
                &mut out,
                "  ",
                2,
                &format!("{}: {count}{kind}{first}{signed}{due} ({})", req.label, req.id),
            );
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
