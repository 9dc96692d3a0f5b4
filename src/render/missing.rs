//! The status page's "Still missing": each gap once, in words whose `code` (a file name, a
//! field) is marked as such rather than shown with its backticks.

use serde::Serialize;

use crate::check::Outcome;
use crate::problem::Problem;

/// A piece of a sentence: plain words, or a name to show as code.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// The words.
    pub text: String,
    /// Whether they were between backticks: a file name, a field, a command.
    pub code: bool,
}

/// What the portfolio still lacks, one sentence per gap. A requirement whose record is overdue
/// is said once, by the sentence that gives its due date, not again as "0 of 1 found";
/// a statement with no record is left to the standards table.
pub fn missing(outcome: &Outcome) -> Vec<Vec<Piece>> {
    let overdue: Vec<&str> = outcome
        .diagnostics
        .iter()
        .filter_map(|d| match &d.problem {
            Problem::Overdue { label, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect();
    let mut said: Vec<String> = Vec::new();
    for diagnostic in outcome.diagnostics.iter().filter(|d| d.file.is_none()) {
        let repeated = match &diagnostic.problem {
            Problem::StatementUncovered { .. } => true,
            Problem::RequirementUnmet { label, .. } => overdue.contains(&label.as_str()),
            _ => false,
        };
        let message = diagnostic.message();
        if !repeated && !said.contains(&message) {
            said.push(message);
        }
    }
    said.iter().map(|message| pieces(message)).collect()
}

/// `message` cut at its backticks: the parts between them are code. An unpaired backtick is
/// kept as a character.
pub fn pieces(message: &str) -> Vec<Piece> {
    let parts: Vec<&str> = message.split('`').collect();
    let paired = parts.len() % 2 == 1;
    let mut pieces = Vec::new();
    for (index, part) in parts.iter().enumerate() {
        let code = paired && index % 2 == 1;
        if part.is_empty() {
            continue;
        }
        let text = if !paired && index > 0 { format!("`{part}") } else { (*part).to_owned() };
        pieces.push(Piece { text, code });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Piece]) -> String {
        pieces.iter().map(|p| if p.code { format!("<{}>", p.text) } else { p.text.clone() }).collect()
    }

    #[test]
    fn backticks_mark_code_and_an_unpaired_one_stays() {
        assert_eq!(shown(&pieces("a `b.md` is `c`")), "a <b.md> is <c>");
        assert_eq!(shown(&pieces("`x`")), "<x>");
        assert_eq!(shown(&pieces("one ` only")), "one ` only");
        assert_eq!(shown(&pieces("no code")), "no code");
    }
}
