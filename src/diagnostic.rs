//! Findings as values: a [`Diagnostic`] is what a check found, where, and how to fix it.
//!
//! Checks never print and never stop at the first problem: they return diagnostics, which the
//! report layer sorts and draws. The wording of every finding lives in [`crate::problem`].

use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use crate::model::Severity;
use crate::problem::Problem;

/// Where in a file a finding points: a 1-based line and column, and the text of that line with
/// the byte range to underline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The source line, without its line ending; of a line longer than [`Span::CONTEXT`] bytes
    /// either side of the range, only the part within them (a report shows no more), so that a
    /// finding's size does not grow with its line.
    pub source_line: String,
    /// The bytes of `source_line` to underline (may be empty for a point).
    pub range: Range<usize>,
}

impl Span {
    /// How many bytes of a long line a span keeps before and after the text it underlines.
    pub const CONTEXT: usize = 256;

    /// The span of `range` (byte offsets into `text`), clamped to the line it starts on.
    pub fn in_text(text: &str, range: Range<usize>) -> Span {
        Lines::new(text).span(range)
    }

    /// The span of 1-based `line` and `column` (in characters) in `text`, underlining the token
    /// that starts there.
    pub fn at_line_column(text: &str, line: usize, column: usize) -> Span {
        Lines::new(text).at_line_column(line, column)
    }

    /// The span of the token that starts at byte `offset` of `text` (up to the next space or the
    /// end of the line).
    pub fn at_offset(text: &str, offset: usize) -> Span {
        Lines::new(text).at_offset(offset)
    }
}

/// The lines of one text, found once, to place any number of spans in it: each span costs time
/// logarithmic in the number of lines, plus the distance from the previous span on its line.
#[derive(Debug)]
pub struct Lines<'a> {
    /// The text.
    text: &'a str,
    /// The byte offset where each line starts (one after each line feed, and 0).
    starts: Vec<usize>,
    /// The last place whose column was counted, and its 0-based column: spans placed in order
    /// along one long line count on from there, not from the start of the line.
    last: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    /// The lines of `text`.
    pub fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts, last: Cell::new((0, 0)) }
    }

    /// The byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn start_of(&self, line: usize) -> usize {
        self.starts.get(line.saturating_sub(1)).copied().unwrap_or(self.text.len())
    }

    /// The span of `range` (byte offsets into the text), clamped to the line it starts on.
    pub fn span(&self, range: Range<usize>) -> Span {
        let text = self.text;
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let index = self.starts.partition_point(|&s| s <= start) - 1;
        let line_start = self.starts[index];
        let line_end = self.starts.get(index + 1).map_or(text.len(), |next| next - 1);
        let visible_end = line_start + text[line_start..line_end].trim_end_matches('\r').len();
        // A place among the carriage returns that end a line is shown at the end of its text.
        let start = start.min(visible_end);
        let end = floor_char_boundary(text, range.end.clamp(start, visible_end));
        let shown_start = floor_char_boundary(text, start.saturating_sub(Span::CONTEXT).max(line_start));
        let shown_end =
            ceil_char_boundary(text, (end.min(start + Span::CONTEXT) + Span::CONTEXT).min(visible_end));
        Span {
            line: index + 1,
            column: self.column(line_start, start) + 1,
            source_line: text[shown_start..shown_end].to_owned(),
            range: start - shown_start..end.min(shown_end) - shown_start,
        }
    }

    /// The 0-based column, in characters, of byte `at` of the line starting at `line_start`.
    fn column(&self, line_start: usize, at: usize) -> usize {
        let (last, last_column) = self.last.get();
        let (from, column) =
            if (line_start..=at).contains(&last) { (last, last_column) } else { (line_start, 0) };
        let column = column + self.text[from..at].chars().count();
        self.last.set((at, column));
        column
    }

    /// The span of 1-based `line` and `column` (in characters), underlining the token that
    /// starts there.
    pub fn at_line_column(&self, line: usize, column: usize) -> Span {
        let line_start = self.start_of(line);
        let rest = &self.text[line_start..];
        let line_text = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
        let start =
            line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
        self.at_offset(line_start + start)
    }

    /// The span of the token that starts at byte `offset` (up to the next space or the end of
    /// the line).
    pub fn at_offset(&self, offset: usize) -> Span {
        let text = self.text;
        let start = floor_char_boundary(text, offset);
        let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
        let token = text[start..line_end].find(char::is_whitespace).map_or(line_end, |i| start + i);
        // A place on a space shows that one character.
        let end = if token == start {
            text[start..line_end].chars().next().map_or(start, |c| start + c.len_utf8())
        } else {
            token
        };
        self.span(start..end)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// One finding: the [`Problem`] found, as a value, with how serious it is and where. Its words
/// (code, message, label, help) are computed from the problem when a report asks for them, so
/// that policy (which findings stop a pack, which level a report gives) matches on the problem,
/// never on text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is: the problem's own severity, unless a setting changed it.
    pub severity: Severity,
    /// What was found.
    pub problem: Problem,
    /// The file, relative to the portfolio with `/`; `None` for findings about the whole
    /// portfolio (a requirement not yet met).
    pub file: Option<String>,
    /// Where in the file, when known.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A finding about `problem` in `file` at `span`.
    pub fn new(problem: &Problem, file: Option<&str>, span: Option<Span>) -> Diagnostic {
        Diagnostic::of(problem.clone(), file, span)
    }

    /// A finding about `problem` in `file` at `span`, taking the problem.
    pub fn of(problem: Problem, file: Option<&str>, span: Option<Span>) -> Diagnostic {
        Diagnostic { severity: problem.severity(), problem, file: file.map(str::to_owned), span }
    }

    /// Stable kebab-case code, e.g. `unknown-field`.
    pub fn code(&self) -> Cow<'static, str> {
        self.problem.code()
    }

    /// What is wrong, in plain English.
    pub fn message(&self) -> String {
        self.problem.message()
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        self.problem.help()
    }

    /// A short label under the underlined text.
    pub fn label(&self) -> Option<String> {
        self.problem.label()
    }

    /// The message, and the help on a line of its own after `help: `, for reports that have one
    /// text per finding.
    pub fn message_and_help(&self) -> String {
        let message = self.message();
        match self.help() {
            Some(help) => format!("{message}\nhelp: {help}"),
            None => message,
        }
    }

    /// The same finding with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Order for reports: by file (portfolio-wide findings last), line, column, then code.
    pub fn report_order(&self, other: &Diagnostic) -> Ordering {
        fn key(d: &Diagnostic) -> (bool, Option<&str>, Option<(usize, usize)>) {
            (d.file.is_none(), d.file.as_deref(), d.span.as_ref().map(|s| (s.line, s.column)))
        }
        key(self)
            .cmp(&key(other))
            .then_with(|| other.severity.cmp(&self.severity))
            .then_with(|| self.code().cmp(&other.code()))
            // Words are made only for the rare findings that tie on all the rest.
            .then_with(|| self.message().cmp(&other.message()))
    }
}

/// The findings of one file, keeping at most [`Capped::CAP`] of each code: past that, findings of
/// the code are only counted (a record can repeat one mistake 100,000 times, and a report of
/// them all helps no one), and [`Capped::finish`] adds one finding that says how many more there
/// are, at the first one not shown. Every report (human, JSON, SARIF, ...) gets the same list.
#[derive(Debug, Default)]
pub struct Capped {
    /// The findings kept.
    kept: Vec<Diagnostic>,
    /// For each code: how many were found, and the first not kept.
    counts: HashMap<Cow<'static, str>, (usize, Option<Diagnostic>)>,
}

impl Capped {
    /// How many findings of one code a file keeps.
    pub const CAP: usize = 100;

    /// Add the finding that `make` makes for `problem`; `make` is called only when the finding is
    /// kept (or is the first past the cap), so that a finding past the cap costs next to nothing.
    pub fn add(&mut self, problem: &Problem, make: impl FnOnce() -> Diagnostic) {
        let (count, first_dropped) = self.counts.entry(problem.code()).or_default();
        *count += 1;
        if *count <= Capped::CAP {
            self.kept.push(make());
        } else if first_dropped.is_none() {
            *first_dropped = Some(make());
        }
    }

    /// Add a finding already made.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let (count, first_dropped) = self.counts.entry(diagnostic.code()).or_default();
        *count += 1;
        if *count <= Capped::CAP {
            self.kept.push(diagnostic);
        } else if first_dropped.is_none() {
            *first_dropped = Some(diagnostic);
        }
    }

    /// Add every finding of `found`.
    pub fn extend(&mut self, found: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in found {
            self.push(diagnostic);
        }
    }

    /// The findings kept, and for each code past the cap one that says how many more were found.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut found = self.kept;
        let mut over: Vec<_> =
            self.counts.into_iter().filter(|(_, (count, _))| *count > Capped::CAP).collect();
        over.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, (count, first_dropped)) in over {
            let Some(first) = first_dropped else { continue };
            let problem = Problem::Repeated { of: Box::new(first.problem), more: count - Capped::CAP };
            let summary = Diagnostic::of(problem, first.file.as_deref(), first.span);
            found.push(summary.with_severity(first.severity));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_in_text_reports_line_and_character_column() {
        let text = "---\ntitlé: x\nbad: ü\n";
        let start = text.find("ü").expect("present");
        let span = Span::in_text(text, start..start + 2);
        assert_eq!((span.line, span.column), (3, 6));
        assert_eq!(span.source_line, "bad: ü");
        assert_eq!(&span.source_line[span.range.clone()], "ü");
    }

    #[test]
    fn span_at_line_column_underlines_the_token() {
        let text = "a: 1\r\nkind: sideways now\r\n";
        let span = Span::at_line_column(text, 2, 7);
        assert_eq!(&span.source_line[span.range.clone()], "sideways");
        assert_eq!((span.line, span.column), (2, 7));
    }

    #[test]
    fn a_place_among_closing_carriage_returns_is_shown_at_the_end_of_the_line() {
        let text = "a: 1\r\r\r\nb: 2\n";
        let span = Span::in_text(text, 5..6);
        assert_eq!((span.line, span.column, span.range.clone()), (1, 5, 4..4));
        assert_eq!(span.source_line, "a: 1");
        let span = Span::at_offset(text, 6);
        assert_eq!((span.line, span.range), (1, 4..4));
    }

    #[test]
    fn span_at_offset_underlines_the_token_or_one_character() {
        let text = "x: é one\ry: two\n";
        let span = Span::at_offset(text, 3);
        assert_eq!(&span.source_line[span.range.clone()], "é");
        let span = Span::at_offset(text, 2);
        assert_eq!(&span.source_line[span.range.clone()], " ");
        let at_y = text.find("y:").expect("present");
        assert_eq!(&Span::at_offset(text, at_y).source_line[..], "x: é one\ry: two");
    }

    #[test]
    fn a_span_on_a_long_line_keeps_only_its_context() {
        let line = "é".repeat(1000);
        let text = format!("a: 1\n{line}x{line}\nb: 2\n");
        let at = text.find('x').expect("present");
        let lines = Lines::new(&text);
        let span = lines.span(at..at + 1);
        assert_eq!((span.line, span.column), (2, 1001));
        assert_eq!(&span.source_line[span.range.clone()], "x");
        assert_eq!(span.source_line, format!("{}x{}", "é".repeat(128), "é".repeat(128)));
        // Spans placed in order along the line count on from the last one.
        let later = lines.span(at + 3..at + 5);
        assert_eq!((later.line, later.column, &later.source_line[later.range.clone()]), (2, 1003, "é"));
        assert_eq!(lines.span(5..6).column, 1, "and back to the start of the line");
    }

    #[test]
    fn capped_keeps_a_hundred_of_a_code_and_counts_the_rest() {
        let text = "x\n".repeat(300);
        let lines = Lines::new(&text);
        let mut capped = Capped::default();
        for line in 0..250 {
            let problem = Problem::EmptyBody;
            capped.add(&problem, || {
                Diagnostic::new(&problem, Some("a.md"), Some(lines.span(line * 2..line * 2 + 1)))
            });
        }
        capped.push(Diagnostic::new(&Problem::UnansweredPrompt, Some("a.md"), None));
        let found = capped.finish();
        assert_eq!(found.len(), 102);
        let summary = found.last().expect("a summary");
        assert_eq!(summary.code(), "empty-body");
        assert!(
            matches!(&summary.problem, Problem::Repeated { of, more: 150 } if **of == Problem::EmptyBody)
        );
        assert_eq!(summary.severity, Problem::EmptyBody.severity());
        assert_eq!(summary.span.as_ref().map(|s| s.line), Some(101), "at the first not shown");
        assert_eq!(
            summary.message(),
            "and 150 more `empty-body` findings in this file, from here on, not shown one by one"
        );
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let span = Span::at_line_column("a: 1", 9, 40);
        assert_eq!(span.range, 4..4);
    }
}
