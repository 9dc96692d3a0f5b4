//! Findings as values: a [`Diagnostic`] is what a check found, where, and how to fix it.
//!
//! Checks never print and never stop at the first problem: they return diagnostics, which the
//! report layer sorts and draws. The wording of every finding lives in [`crate::problem`].

use std::cmp::Ordering;
use std::ops::Range;

use serde::Serialize;

use crate::problem::Problem;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Note,
    /// Probably a mistake; fails a run only with `--deny warnings`.
    Warning,
    /// Must be fixed; fails the run.
    Error,
}

impl Severity {
    /// The lowercase word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where in a file a finding points: a 1-based line and column, and the text of that line with
/// the byte range to underline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The whole source line, without its line ending.
    pub source_line: String,
    /// The bytes of `source_line` to underline (may be empty for a point).
    pub range: Range<usize>,
}

impl Span {
    /// The span of `range` (byte offsets into `text`), clamped to the line it starts on.
    pub fn in_text(text: &str, range: Range<usize>) -> Span {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source_line = text[line_start..line_end].trim_end_matches('\r');
        let visible_end = line_start + source_line.len();
        // A place among the carriage returns that end a line is shown at the end of its text.
        let start = start.min(visible_end);
        let end = floor_char_boundary(text, range.end.clamp(start, visible_end));
        Span {
            line: text[..line_start].matches('\n').count() + 1,
            column: text[line_start..start].chars().count() + 1,
            source_line: source_line.to_owned(),
            range: start - line_start..end - line_start,
        }
    }

    /// The span of 1-based `line` and `column` (in characters) in `text`, underlining the token
    /// that starts there.
    pub fn at_line_column(text: &str, line: usize, column: usize) -> Span {
        let line_start = line_starts(text).nth(line.saturating_sub(1)).unwrap_or(text.len());
        let rest = &text[line_start..];
        let line_text = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
        let start =
            line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i);
        Span::at_offset(text, line_start + start)
    }

    /// The span of the token that starts at byte `offset` of `text` (up to the next space or the
    /// end of the line).
    pub fn at_offset(text: &str, offset: usize) -> Span {
        let start = floor_char_boundary(text, offset);
        let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i);
        let token = text[start..line_end].find(char::is_whitespace).map_or(line_end, |i| start + i);
        // A place on a space shows that one character.
        let end = if token == start {
            text[start..line_end].chars().next().map_or(start, |c| start + c.len_utf8())
        } else {
            token
        };
        Span::in_text(text, start..end)
    }
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `unknown-field`.
    pub code: String,
    /// The file, relative to the portfolio with `/`; `None` for findings about the whole
    /// portfolio (a requirement not yet met).
    pub file: Option<String>,
    /// Where in the file, when known.
    pub span: Option<Span>,
    /// What is wrong, in plain English.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// A short label under the underlined text.
    pub label: Option<String>,
}

impl Diagnostic {
    /// A finding about `problem` in `file` at `span`.
    pub fn new(problem: &Problem, file: Option<&str>, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity: problem.severity(),
            code: problem.code().into_owned(),
            file: file.map(str::to_owned),
            span,
            message: problem.message(),
            help: problem.help(),
            label: problem.label(),
        }
    }

    /// The message, and the help on a line of its own after `help: `, for reports that have one
    /// text per finding.
    pub fn message_and_help(&self) -> String {
        match &self.help {
            Some(help) => format!("{}\nhelp: {help}", self.message),
            None => self.message.clone(),
        }
    }

    /// The same finding with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Order for reports: by file (portfolio-wide findings last), line, column, then code.
    pub fn report_order(&self, other: &Diagnostic) -> Ordering {
        let key =
            |d: &Diagnostic| (d.file.is_none(), d.file.clone(), d.span.as_ref().map(|s| (s.line, s.column)));
        key(self)
            .cmp(&key(other))
            .then_with(|| other.severity.cmp(&self.severity))
            .then_with(|| self.code.cmp(&other.code))
            .then_with(|| self.message.cmp(&other.message))
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
    fn span_past_the_end_is_clamped() {
        let span = Span::at_line_column("a: 1", 9, 40);
        assert_eq!(span.range, 4..4);
    }
}
