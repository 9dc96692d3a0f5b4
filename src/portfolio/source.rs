//! One file's text with the places of its front-matter, for pointing diagnostics at the text.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Span};
use crate::portfolio::locate::{Locations, Place};
use crate::problem::Problem;

/// A file being checked.
#[derive(Debug)]
pub struct Source<'a> {
    /// The path relative to the portfolio, with `/`.
    pub path: &'a str,
    /// The text, without a byte-order mark.
    pub text: &'a str,
    /// Where each field and item is written.
    pub locations: Locations,
    /// What to point at when a place cannot be found (the opening `---`, or line 1).
    pub fallback: Range<usize>,
}

impl Source<'_> {
    /// A diagnostic for `problem` at the first of `places` found, else at the fallback.
    pub fn at(&self, problem: &Problem, places: &[Place<'_>]) -> Diagnostic {
        let range = self.locations.first(places).unwrap_or_else(|| self.fallback.clone());
        self.at_range(problem, range)
    }

    /// A diagnostic for `problem` at `range` (byte offsets into the text).
    pub fn at_range(&self, problem: &Problem, range: Range<usize>) -> Diagnostic {
        Diagnostic::new(problem, Some(self.path), Some(Span::in_text(self.text, range)))
    }

    /// A diagnostic for `problem` at a 1-based line and column.
    pub fn at_line_column(&self, problem: &Problem, line: usize, column: usize) -> Diagnostic {
        Diagnostic::new(problem, Some(self.path), Some(Span::at_line_column(self.text, line, column)))
    }
}
