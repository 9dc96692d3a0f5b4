//! The report for people: each finding drawn like a compiler error, then the requirements, the
//! standards, and a one-line verdict.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, Severity};
use crate::problem::plural;

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Use colour (ANSI escapes).
    pub color: bool,
}

/// The human report of `outcome`.
pub fn render(outcome: &Outcome, options: Options) -> String {
    report(outcome, options, true)
}

/// The human report of `outcome` without its list of requirements and standards: for one
/// portfolio of a cohort, whose table follows.
pub fn render_brief(outcome: &Outcome, options: Options) -> String {
    report(outcome, options, false)
}

fn report(outcome: &Outcome, options: Options, with_summary: bool) -> String {
    let paint = Paint { color: options.color };
    let mut out = String::new();
    let (in_files, gaps): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        outcome.diagnostics.iter().partition(|d| d.file.is_some());
    for diagnostic in in_files {
        out.push_str(&diagnostic_text(diagnostic, options.color));
        out.push_str("\n\n");
    }
    if with_summary {
        summary(outcome, paint, &mut out);
    }
    if !gaps.is_empty() {
        let _ = writeln!(out, "{}", paint.heading("Still to do"));
        for gap in gaps {
            gap_text(gap, paint, &mut out);
        }
        out.push('\n');
    }
    verdict(outcome, paint, &mut out);
    out
}

/// A finding about the portfolio as a whole: no file to show, so one line and its help.
fn gap_text(diagnostic: &Diagnostic, paint: Paint, out: &mut String) {
    let style = match diagnostic.severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Note => AnsiColor::Cyan.on_default().bold(),
    };
    let head = paint.style(style, &format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.code));
    let _ = writeln!(out, "  {head}: {}", diagnostic.message);
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "    {} {help}", paint.style(Style::new().bold(), "help:"));
    }
}

/// One diagnostic drawn with its source line and underline.
pub fn diagnostic_text(diagnostic: &Diagnostic, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut group =
        Group::with_title(level.primary_title(diagnostic.message.as_str()).id(diagnostic.code.as_str()));
    match (&diagnostic.file, &diagnostic.span) {
        (Some(file), Some(span)) => {
            let mut range = span.range.clone();
            if range.is_empty() && range.end < span.source_line.len() {
                let next = span.source_line[range.start..].chars().next().map_or(1, char::len_utf8);
                range.end += next;
            }
            let mut annotation = AnnotationKind::Primary.span(range);
            if let Some(label) = &diagnostic.label {
                annotation = annotation.label(label.as_str());
            }
            group = group.element(
                Snippet::source(span.source_line.as_str())
                    .line_start(span.line)
                    .path(file.as_str())
                    .annotation(annotation),
            );
        }
        (Some(file), None) => group = group.element(Origin::path(file.as_str())),
        _ => {}
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}

#[derive(Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn style(self, style: Style, text: &str) -> String {
        if self.color { format!("{style}{text}{style:#}") } else { text.to_owned() }
    }
    fn heading(self, text: &str) -> String {
        self.style(Style::new().bold(), text)
    }
    fn mark(self, met: bool) -> String {
        if met {
            self.style(AnsiColor::Green.on_default(), "✓")
        } else {
            self.style(AnsiColor::Red.on_default().bold(), "✗")
        }
    }
}

fn summary(outcome: &Outcome, paint: Paint, out: &mut String) {
    let portfolio = &outcome.portfolio;
    let framework = &portfolio.framework;
    let candidate = portfolio.manifest.candidate.as_deref().unwrap_or("(no candidate named)");
    let _ = write!(out, "{} ", paint.heading(&format!("Portfolio of {candidate}")));
    let _ = write!(out, "({}), framework {}", outcome.name, framework.id);
    if let Some(started) = portfolio.manifest.started {
        let _ = write!(out, ", started {started}");
    }
    out.push_str("\n\n");

    let _ = writeln!(out, "{}", paint.heading("Requirements"));
    for req in &outcome.coverage.requirements {
        let count = if req.required > 0 {
            format!("{}/{}", req.found(), req.required)
        } else {
            format!("{}/{}", req.found() - req.unsigned.len(), req.found())
        };
        let _ = writeln!(out, "  {} {count:>5}  {}", paint.mark(req.met()), req.label);
        if req.required > 0 || req.unsigned.is_empty() {
            list(out, &req.records);
        }
        if !req.unsigned.is_empty() {
            let unsigned: Vec<String> =
                req.unsigned.iter().map(|u| format!("{} (no {})", u.id, u.roles.join(", no "))).collect();
            let _ = writeln!(out, "          not yet signed off:");
            list(out, &unsigned);
        }
    }
    if outcome.coverage.requirements.is_empty() {
        out.push_str("  (the framework sets none)\n");
    }

    let _ = writeln!(out, "\n{}", paint.heading("Standards"));
    let width = framework.standards.iter().map(|s| s.id.chars().count()).max().unwrap_or(1);
    for standard in &outcome.coverage.standards {
        let records = standard.records.len();
        let _ = writeln!(
            out,
            "  {} {:<width$}  {} ({records} record{})",
            paint.mark(standard.met()),
            standard.id,
            standard.title,
            plural(records)
        );
        list(out, &standard.records);
        if standard.statements_complete {
            for statement in standard.statements.iter().filter(|s| s.records.is_empty()) {
                let _ = writeln!(
                    out,
                    "        {} statement {} ({}) has no records",
                    paint.mark(false),
                    statement.id,
                    statement.label
                );
            }
        }
    }

    if !outcome.coverage.drafts.is_empty() {
        let _ = writeln!(out, "\n{}", paint.heading("Drafts, not counted"));
        list(out, &outcome.coverage.drafts);
    }
    let allowances: Vec<_> = portfolio.records.iter().flat_map(|r| &r.allowances).collect();
    if !allowances.is_empty() {
        let _ = writeln!(out, "\n{}", paint.heading("Allowed by `pqs-allow` comments"));
        for allowance in allowances {
            let _ = writeln!(
                out,
                "  {}:{} {}: {}",
                allowance.file, allowance.line, allowance.code, allowance.reason
            );
        }
    }
    out.push('\n');
}

/// Record ids, wrapped, under the line they belong to.
fn list(out: &mut String, ids: &[String]) {
    const INDENT: &str = "          ";
    let mut line = String::new();
    for id in ids {
        if !line.is_empty() && INDENT.len() + line.len() + id.len() + 2 > 100 {
            let _ = writeln!(out, "{INDENT}{line},");
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(id);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{INDENT}{line}");
    }
}

fn verdict(outcome: &Outcome, paint: Paint, out: &mut String) {
    let coverage = &outcome.coverage;
    let records = outcome.portfolio.records.len();
    let drafts = coverage.drafts.len();
    let met = coverage.requirements.iter().filter(|r| r.met()).count();
    let covered = coverage.standards.iter().filter(|s| s.met()).count();
    let (errors, warnings) = (outcome.count(Severity::Error), outcome.count(Severity::Warning));
    let counts = format!(
        "{records} record{} ({drafts} draft{}): {errors} error{}, {warnings} warning{}",
        plural(records),
        plural(drafts),
        plural(errors),
        plural(warnings)
    );
    let progress = format!(
        "{met} of {} requirements met, {covered} of {} standards evidenced",
        coverage.requirements.len(),
        coverage.standards.len()
    );
    let state = if outcome.complete() {
        paint.style(AnsiColor::Green.on_default().bold(), "complete")
    } else {
        paint.style(AnsiColor::Yellow.on_default().bold(), "not yet complete")
    };
    let _ = writeln!(out, "{counts}; {progress}: {state}.");
}
