//! The report for people: each finding drawn like a compiler error, then the requirements, the
//! standards, and a one-line verdict.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Style};

use crate::check::Outcome;
use crate::coverage::RequirementResult;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Severity;
use crate::text::escape;
use crate::text::{plural, wrap};

use super::paint::Paint;
use super::todo;

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Use colour (ANSI escapes).
    pub color: bool,
    /// The width to wrap long lines at, in columns.
    pub width: usize,
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
    let paint = Paint::new(options.color, options.width);
    let mut out = String::new();
    let (in_files, gaps): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        outcome.diagnostics.iter().partition(|d| d.file.is_some());
    for diagnostic in in_files {
        out.push_str(&diagnostic_text_at(diagnostic, options.color, options.width));
        out.push_str("\n\n");
    }
    if with_summary {
        summary(outcome, paint, &mut out);
    }
    // Each gap once, in the order to act on them; a finding about the whole portfolio that the
    // list does not say is drawn as it is, first.
    let others: Vec<&Diagnostic> = gaps.into_iter().filter(|d| !todo::covered(d)).collect();
    let items = todo::items(outcome, paint);
    if !others.is_empty() || !items.is_empty() {
        let heading = if todo::blocking(outcome) {
            "Still to do (each an error with `--complete`)"
        } else {
            "Still to do"
        };
        let _ = writeln!(out, "{}", paint.heading(heading));
        for gap in others {
            gap_text(gap, paint, &mut out);
        }
        out.push_str(&items);
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
    let head = format!("{}[{}]", diagnostic.severity.as_str(), diagnostic.code());
    let prefix = format!("  {}: ", paint.style(style, &head));
    paint.wrapped(out, &prefix, head.chars().count() + 4, 4, &escape(&diagnostic.message()));
    if let Some(help) = diagnostic.help() {
        let prefix = format!("    {} ", paint.style(Style::new().bold(), "help:"));
        paint.wrapped(out, &prefix, 10, 10, &escape(&help));
    }
}

/// One diagnostic drawn with its source line and underline; every text from the portfolio in it
/// is escaped ([`escape`]). Its help is wrapped at 100 columns.
pub fn diagnostic_text(diagnostic: &Diagnostic, color: bool) -> String {
    diagnostic_text_at(diagnostic, color, 100)
}

/// As [`diagnostic_text`], its help wrapped at `width` columns.
pub fn diagnostic_text_at(diagnostic: &Diagnostic, color: bool, width: usize) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let (message, label, help) = (diagnostic.message(), diagnostic.label(), diagnostic.help());
    let code = diagnostic.code();
    // `note[code]: ` comes before the message, and the drawing starts each line after a break
    // in it at the same column.
    let lead = diagnostic.severity.as_str().len() + code.len() + 4;
    let message = wrap(&escape(&message), width, lead, lead).join("\n");
    let file = diagnostic.file.as_deref().map(escape);
    let label = label.as_deref().map(escape);
    // The drawing puts ` = help: ` before the help, after the margin as wide as the line's
    // number, and indents what follows a line break in it to the same column.
    let margin = diagnostic.span.as_ref().map_or(1, |s| s.line.to_string().len()) + 9;
    let help = help.as_deref().map(|help| wrap(&escape(help), width, margin, margin).join("\n"));
    let quoted = diagnostic.span.as_ref().map(quoted_line);
    let mut group = Group::with_title(level.primary_title(message.as_str()).id(code.as_ref()));
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
        group = group.element(Level::HELP.message(help.as_str()));
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

fn summary(outcome: &Outcome, paint: Paint, out: &mut String) {
    let portfolio = &outcome.portfolio;
    let framework = &portfolio.framework;
    let candidate = portfolio.manifest.candidate.as_deref().unwrap_or("(no candidate named)");
    let title = format!("Portfolio of {}", escape(candidate));
    let mut head = format!("{title} ({}), framework {}", escape(&outcome.name), escape(&framework.id));
    if let Some(started) = portfolio.manifest.started {
        let _ = write!(head, ", started {started}");
    }
    let mut text = String::new();
    paint.wrapped(&mut text, "", 0, 2, &head);
    text.replace_range(..title.len(), &paint.heading(&title));
    out.push_str(&text);
    out.push('\n');

    // What is met, and what there is nothing to sign for yet; what is not met is said once,
    // under "Still to do".
    let _ = writeln!(out, "{}", paint.heading("Requirements"));
    let requirements = &outcome.coverage.requirements;
    for req in requirements.iter().filter(|r| r.met()) {
        if req.nothing_to_sign() {
            paint.wrapped(
                out,
                "  –        ",
                11,
                11,
                &format!("{}: nothing to sign yet", escape(&req.label)),
            );
            continue;
        }
        let count = format!("{}/{}", req.found(), req.required);
        paint.wrapped(out, &format!("  {} {count:>5}  ", paint.mark(true)), 11, 11, &escape(&req.label));
        list(out, &req.records, UNDER, paint.width());
    }
    let unmet = requirements.iter().filter(|r| !r.met()).count();
    let none_met = !requirements.iter().any(RequirementResult::counts_as_met);
    match (requirements.is_empty(), none_met, unmet) {
        (true, ..) => out.push_str("  (the framework sets none)\n"),
        (_, _, 0) => {}
        (_, true, _) => {
            let _ = writeln!(out, "  none met yet: {unmet} to do, under \"Still to do\" below");
        }
        _ => {
            let _ = writeln!(out, "  {unmet} more to do, under \"Still to do\" below");
        }
    }

    let _ = writeln!(out, "\n{}", paint.heading("Standards"));
    let width = framework.standards.iter().map(|s| s.id.chars().count()).max().unwrap_or(1);
    let standards = &outcome.coverage.standards;
    for standard in standards.iter().filter(|s| s.met()) {
        let records = standard.records.len();
        let prefix = format!("  {} {:<width$}  ", paint.mark(true), escape(&standard.id));
        let text = format!("{} ({records} record{})", escape(&standard.title), plural(records));
        paint.wrapped(out, &prefix, width + 6, width + 6, &text);
        list(out, &standard.records, UNDER, paint.width());
    }
    let short = standards.iter().filter(|s| !s.met()).count();
    match (short == standards.len(), short) {
        (_, 0) => {}
        (true, _) => {
            let _ = writeln!(out, "  none evidenced yet: {short} to do, under \"Still to do\" below");
        }
        _ => {
            let _ = writeln!(out, "  {short} more to do, under \"Still to do\" below");
        }
    }

    if !outcome.coverage.drafts.is_empty() {
        let _ = writeln!(out, "\n{}", paint.heading("Drafts, not counted"));
        list(out, &outcome.coverage.drafts, "  ", paint.width());
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

/// The indent of the records under a requirement or a standard.
const UNDER: &str = "          ";

/// Record ids, escaped and wrapped at `width`, after `indent`.
fn list(out: &mut String, ids: &[String], indent: &str, width: usize) {
    let mut line = String::new();
    for id in ids.iter().map(|id| escape(id)) {
        if !line.is_empty() && indent.len() + line.chars().count() + id.chars().count() + 2 > width {
            let _ = writeln!(out, "{indent}{line},");
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(&id);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
}

fn verdict(outcome: &Outcome, paint: Paint, out: &mut String) {
    let coverage = &outcome.coverage;
    let records = outcome.portfolio.records.len();
    let drafts = coverage.drafts.len();
    let met = coverage.requirements.iter().filter(|r| r.counts_as_met()).count();
    let nothing_to_sign = coverage.requirements.iter().filter(|r| r.nothing_to_sign()).count();
    let covered = coverage.standards.iter().filter(|s| s.met()).count();
    let (errors, warnings) = (outcome.count(Severity::Error), outcome.count(Severity::Warning));
    let counts = format!(
        "{records} record{} ({drafts} draft{}): {errors} error{}, {warnings} warning{}",
        plural(records),
        plural(drafts),
        plural(errors),
        plural(warnings)
    );
    // A requirement for sign-offs with nothing to sign is neither met nor to do: left out of
    // the count, and said to be waiting.
    let waiting = match nothing_to_sign {
        0 => String::new(),
        n => format!(" ({n} more: nothing to sign yet)"),
    };
    let endorsed = match outcome.endorsed() {
        None => "",
        Some(true) => ", endorsed by the mentor",
        Some(false) => ", not yet endorsed by the mentor",
    };
    let progress = format!(
        "{met} of {} requirements met{waiting}, {covered} of {} standards evidenced{endorsed}",
        coverage.requirements.len() - nothing_to_sign,
        coverage.standards.len()
    );
    let (state, style) = if outcome.complete() {
        ("complete", AnsiColor::Green.on_default().bold())
    } else {
        ("not yet complete", AnsiColor::Yellow.on_default().bold())
    };
    // What was read, then where the portfolio stands, each on its own line; wrapped as plain
    // text, then the verdict coloured where it landed.
    let mut text = String::new();
    paint.wrapped(&mut text, "", 0, 0, &format!("{counts}."));
    paint.wrapped(&mut text, "", 0, 0, &format!("{progress}: {state}."));
    if let Some(at) = text.rfind(state) {
        text.replace_range(at..at + state.len(), &paint.style(style, state));
    }
    out.push_str(&text);
}
