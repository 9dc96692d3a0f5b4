//! One file's text with the places of its front-matter, for pointing diagnostics at the text.

use std::cell::OnceCell;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Lines};
use crate::problem::Problem;
use crate::suggest;
use crate::yaml::fields::Field;
use crate::yaml::fields::Fields;
use crate::yaml::locate;
use crate::yaml::locate::Locations;
use crate::yaml::locate::Place;

/// A file being checked.
#[derive(Debug)]
pub struct Source<'a> {
    /// The path relative to the portfolio, with `/`.
    pub path: &'a str,
    /// The text, without a byte-order mark.
    pub text: &'a str,
    /// The part of the text that is YAML.
    yaml: Range<usize>,
    /// Where each field and item is written, found when first needed: a file with nothing to
    /// report never needs it.
    locations: OnceCell<Locations>,
    /// Where its lines start, found when first needed, for placing findings.
    lines: OnceCell<Lines<'a>>,
    /// What to point at when a place cannot be found (the opening `---`, or line 1).
    pub fallback: Range<usize>,
}

impl<'a> Source<'a> {
    /// The file `path` (relative, with `/`) holding `text`, whose YAML is the part `yaml`;
    /// `fallback` is what to point at when a place cannot be found.
    pub fn new(path: &'a str, text: &'a str, yaml: Range<usize>, fallback: Range<usize>) -> Source<'a> {
        Source { path, text, yaml, locations: OnceCell::new(), lines: OnceCell::new(), fallback }
    }

    /// Where each field and item of the YAML is written.
    pub fn locations(&self) -> &Locations {
        self.locations.get_or_init(|| locate::locate(self.text, self.yaml.clone()))
    }

    /// Where the text's lines start.
    fn lines(&self) -> &Lines<'a> {
        self.lines.get_or_init(|| Lines::new(self.text))
    }

    /// A diagnostic for `problem` at the first of `places` found, else at the fallback.
    pub fn at(&self, problem: &Problem, places: &[Place<'_>]) -> Diagnostic {
        let range = self.locations().first(places).unwrap_or_else(|| self.fallback.clone());
        self.at_range(problem, range)
    }

    /// A diagnostic for `problem` at `range` (byte offsets into the text).
    pub fn at_range(&self, problem: &Problem, range: Range<usize>) -> Diagnostic {
        Diagnostic::new(problem, Some(self.path), Some(self.lines().span(range)))
    }

    /// A diagnostic for `problem` at a 1-based line and byte column, underlining to the end of
    /// the line.
    pub fn at_line_byte(&self, problem: &Problem, line: usize, byte_column: usize) -> Diagnostic {
        let start = self.lines().start_of(line);
        let rest = &self.text[start..];
        let end = start + rest.find('\n').unwrap_or(rest.len());
        let at = (start + byte_column.saturating_sub(1)).min(end);
        let at = (0..=at).rev().find(|i| self.text.is_char_boundary(*i)).unwrap_or(0);
        self.at_range(problem, at..self.text[..end].trim_end().len().max(at))
    }

    /// An `unknown-field` finding at the key of each field of `fields` not among `known`, with
    /// the nearest known name; `place` names the mapping ("`pqs.yaml`").
    pub fn unknown_fields(&self, fields: &Fields, known: &[Field], place: &'static str) -> Vec<Diagnostic> {
        let names: Vec<&str> = known.iter().map(|f| f.name).collect();
        let unknown = fields.unknown.iter().map(|(field, _)| {
            let suggestion = suggest::nearest(field, &names);
            let problem = Problem::UnknownField { field: field.clone(), place, suggestion };
            self.at(&problem, &[Place::Key(field)])
        });
        unknown.collect()
    }

    /// A `duplicate-field` finding at each repeat of a field given more than once in `fields`
    /// (the first time it is given is the one that counts).
    pub fn repeated_fields(&self, fields: &Fields) -> Vec<Diagnostic> {
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let repeats = fields.repeated.iter().map(|field| {
            let nth = *seen.entry(field).and_modify(|n| *n += 1).or_insert(1);
            let problem = Problem::DuplicateField { field: (*field).to_owned() };
            match self.locations().all(Place::Key(field)).nth(nth) {
                Some(range) => self.at_range(&problem, range),
                None => self.at(&problem, &[Place::Key(field)]),
            }
        });
        repeats.collect()
    }

    /// A diagnostic for `problem` at the token that starts at byte `offset` of the text.
    pub fn at_offset(&self, problem: &Problem, offset: usize) -> Diagnostic {
        Diagnostic::new(problem, Some(self.path), Some(self.lines().at_offset(offset)))
    }

    /// A diagnostic for `problem` at a 1-based line and column.
    pub fn at_line_column(&self, problem: &Problem, line: usize, column: usize) -> Diagnostic {
        Diagnostic::new(problem, Some(self.path), Some(self.lines().at_line_column(line, column)))
    }
}
