//! The report of `pqs sign --verify`: each record's sign-offs and whether they are still valid, and
//! the sign-offs the framework still asks for; and the diff of `pqs diff-signed`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::check::Outcome;
use crate::rules::Record;
use crate::rules::SignoffState;
use crate::text::escape;
use crate::text::plural;

/// What the report found, for the exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sign-offs still valid: the record is the version that was signed.
    pub valid: usize,
    /// Sign-offs made over another version of the record.
    pub stale: usize,
    /// Sign-offs whose digest is missing or malformed.
    pub unverifiable: usize,
    /// Sign-offs the framework asks for that no sign-off gives.
    pub needed: usize,
}

/// The sign-off report of the records of `outcome` whose files are in `files` (every record
/// when `files` is `None`).
pub fn verify(outcome: &Outcome, files: Option<&[String]>, color: bool) -> (String, Tally) {
    let paint =
        |style: Style, text: &str| if color { format!("{style}{text}{style:#}") } else { text.to_owned() };
    let mut needed: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for requirement in &outcome.coverage.requirements {
        for unsigned in &requirement.unsigned {
            for role in &unsigned.roles {
                needed.entry(unsigned.file.as_str()).or_default().push((role, &requirement.id));
            }
        }
    }
    let mut out = String::new();
    let mut tally = Tally::default();
    let chosen = |r: &&Record| files.is_none_or(|files| files.contains(&r.file));
    for record in outcome.portfolio.records.iter().filter(chosen) {
        let _ = writeln!(out, "{}", paint(Style::new().bold(), &escape(&record.file)));
        if record.signoff.is_empty() {
            let _ = writeln!(out, "  not signed");
        }
        for signoff in &record.signoff {
            let (mark, style, note) = match signoff.state {
                SignoffState::Valid => ("✓ still valid      ", AnsiColor::Green.on_default(), ""),
                SignoffState::Stale => (
                    "✗ no longer valid  ",
                    AnsiColor::Red.on_default().bold(),
                    ": the record changed after it was signed",
                ),
                SignoffState::Unverifiable => (
                    "✗ cannot be checked",
                    AnsiColor::Red.on_default().bold(),
                    ": its digest is missing or malformed",
                ),
            };
            match signoff.state {
                SignoffState::Valid => tally.valid += 1,
                SignoffState::Stale => tally.stale += 1,
                SignoffState::Unverifiable => tally.unverifiable += 1,
            }
            let date = signoff.date.map(|d| format!(", signed {d}")).unwrap_or_default();
            let _ = writeln!(out, "  {} {}{date}{note}", paint(style, mark), escape(&signoff.who()));
        }
        let needed = needed.get(record.file.as_str()).into_iter().flatten();
        // A role with a stale or unverifiable sign-off is already shown above.
        for (role, requirement) in
            needed.filter(|(role, _)| !record.signoff.iter().any(|s| s.role.as_deref() == Some(role)))
        {
            tally.needed += 1;
            let mark = paint(AnsiColor::Yellow.on_default().bold(), "· needed           ");
            let (role, requirement) = (escape(role), escape(requirement));
            let _ = writeln!(out, "  {mark} a sign-off by the {role} (asked for by `{requirement}`)");
        }
    }
    let Tally { valid, stale, unverifiable, needed } = tally;
    let _ = writeln!(
        out,
        "\n{valid} sign-off{} still valid, {stale} no longer valid, {unverifiable} cannot be checked; {needed} still needed.",
        plural(valid),
    );
    (out, tally)
}

/// A unified diff from `old` to `new`, with three lines of context, coloured if asked.
pub fn diff(old: &str, new: &str, old_label: &str, new_label: &str, color: bool) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(3).header(old_label, new_label).to_string();
    // Each line of the diff is one line of a record (or a label): what is hidden in it is shown
    // escaped, tabs kept, before any colour of ours is added.
    text.split_inclusive('\n')
        .map(|line| {
            let (content, end) = line.split_at(line.trim_end_matches('\n').len());
            let (content, _) = crate::text::escape_quoted_line(content, 0..0);
            let line = format!("{content}{end}");
            if !color {
                return line;
            }
            let style = match line.as_bytes().first() {
                Some(b'+') if !line.starts_with("+++") => AnsiColor::Green.on_default(),
                Some(b'-') if !line.starts_with("---") => AnsiColor::Red.on_default(),
                Some(b'@') => AnsiColor::Cyan.on_default(),
                _ => return line,
            };
            format!("{style}{content}{style:#}{end}")
        })
        .collect()
}
