//! A finding as the pages list it: its words cut into words and code, and where it is, as a link
//! to its record's line and in the form's own words.

use serde::Serialize;

use super::reply::encode_path;
use crate::diagnostic::Diagnostic;
use crate::render::missing::{Piece, pieces};

/// A finding as a page lists it.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// `error`, `warning` or `note`.
    pub severity: &'static str,
    /// Its code.
    pub code: String,
    /// What is wrong and what to do, in words.
    pub message: String,
    /// The record file, if it is in one.
    pub file: Option<String>,
    /// The line, if known.
    pub line: Option<usize>,
    /// The column, if known.
    pub column: Option<usize>,
    /// Where the page that shows it is.
    pub link: Option<String>,
    /// What is wrong and what to do, in pieces of words and of code (written between backticks).
    pub pieces: Vec<Piece>,
    /// Where it is in the form, in words ("the title", "line 3 of the text"), on the page that
    /// writes the record.
    pub place: Option<String>,
}

/// `diagnostic` as a page lists it, linking to its record in the portfolio at `base`.
pub fn finding(diagnostic: &Diagnostic, base: &str) -> Finding {
    let file = diagnostic.file.clone();
    let line = diagnostic.span.as_ref().map(|s| s.line);
    let message = diagnostic.message_and_help();
    let link = file.as_ref().filter(|f| f.ends_with(".md")).map(|f| {
        let anchor = line.map(|l| format!("#L{l}")).unwrap_or_default();
        format!("{base}/edit/{}{anchor}", encode_path(f))
    });
    Finding {
        severity: diagnostic.severity.as_str(),
        code: diagnostic.code().into_owned(),
        pieces: pieces(&message),
        message,
        file,
        line,
        column: diagnostic.span.as_ref().map(|s| s.column),
        link,
        place: None,
    }
}
