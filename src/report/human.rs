//! The report for people: each finding drawn like a compiler error, then the requirements, the
//! standards, and a one-line verdict.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Severity;
use crate::text::escape;
use crate::text::plural;

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
    let head = paint.style(style, &format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.code()));
    let _ = writeln!(out, "  {head}: {}", escape(&diagnostic.message()));
    if let Some(help) = diagnostic.help() {
        let _ = writeln!(out, "    {} {}", paint.style(Style::new().bold(), "help:"), escape(&help));
    }
}

/// One diagnostic drawn with its source line and underline; every text from the portfolio in it
/// is escaped ([`escape`]).
pub fn diagnostic_text(diagnostic: &Diagnostic, color: bool) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let (message, label, help) = (diagnostic.message(), diagnostic.label(), diagnostic.help());
    let message = escape(&message);
    let file = diagnostic.file.as_deref().map(escape);
    let label = label.as_deref().map(escape);
    let help = help.as_deref().map(escape);
    let quoted = diagnostic.span.as_ref().map(quoted_line);
    let code = diagnostic.code();
    let mut group = Group::with_title(level.primary_title(message.as_ref()).id(code.as_ref()));
    match (&file, &diagnostic.span, quoted) {
        (Some(file), Some(span), Some((line, range))) => {
            let mut annotation = AnnotationKind::Primary.span(range);
            if let Some(label) = &label {
                annotation = annotation.label(label.as_ref());
            }
            group = group.element(
                Snippet::source(line).line_start(span.line).path(file.as_ref()).annotation(annotation),
            );
        }
        (Some(file), ..) => group = group.element(Origin::path(file.as_ref())),
        _ => {}
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}

/// The line `span` quotes, escaped, and the range to underline in it: at least one character
/// where there is one.
fn quoted_line(span: &Span) -> (String, std::ops::Range<usize>) {
    let line = span.source_line.as_str();
    let mut range = span.range.clone();
    if range.is_empty() && range.end < line.len() {
        range.end += line[range.start..].chars().next().map_or(1, char::len_utf8);
    }
    let (line, range) = crate::text::escape_quoted_line(line, range);
    (line.into_owned(), range)
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
    let _ = write!(out, "{} ", paint.heading(&format!("Portfolio of {}", escape(candidate))));
    let _ = write!(out, "({}), framework {}", escape(&outcome.name), escape(&framework.id));
    if let Some(started) = portfolio.manifest.started {
        let _ = write!(out, ", started {started}");
    }
    out.push_str("\n\n");

    let _ = writeln!(out, "{}", paint.heading("Requirements"));
    for req in &outcome.coverage.requirements {
        let count = format!("{}/{}", req.found(), req.required);
        let _ = writeln!(out, "  {} {count:>5}  {}", paint.mark(req.met()), escape(&req.label));
        // The records that count, or, while some lack sign-offs, those that do.
        if req.unsigned.is_empty() {
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
            escape(&standard.id),
            escape(&standard.title),
            plural(records)
        );
        list(out, &standard.records);
        if standard.statements_complete {
            for statement in standard.statements.iter().filter(|s| s.records.is_empty()) {
                let _ = writeln!(
                    out,
                    "        {} statement {} ({}) has no records",
                    paint.mark(false),
                    escape(&statement.id),
                    escape(&statement.label)
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
                escape(&allowance.file),
                allowance.line,
                allowance.code,
                escape(&allowance.reason)
            );
        }
    }
    out.push('\n');
}

/// Record ids, escaped and wrapped, under the line they belong to.
fn list(out: &mut String, ids: &[String]) {
    const INDENT: &str = "          ";
    let mut line = String::new();
    for id in ids.iter().map(|id| escape(id)) {
        if !line.is_empty() && INDENT.len() + line.len() + id.len() + 2 > 100 {
            let _ = writeln!(out, "{INDENT}{line},");
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(&id);
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
