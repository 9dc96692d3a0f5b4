//! Unit tests of the checks of one record.

use super::*;
use crate::check::{CheckOptions, Prepared};
use crate::model::DEFAULT_FRAMEWORK;
use crate::portfolio::parse::REQUIRED;

/// Check `bytes` as the record `r.md` of a new portfolio of the built-in framework.
fn check(bytes: &[u8]) -> Vec<Diagnostic> {
    let framework = Framework::built_in(DEFAULT_FRAMEWORK).expect("framework");
    let prepared = Prepared::built_in(&framework, &[]).expect("the built-in templates");
    let options =
        CheckOptions { today: Date::new(2026, 11, 22).expect("date"), complete: false, bodies: true };
    crate::check::record("r.md", bytes, &prepared.context(Path::new("."), &framework, &options)).1
}

#[test]
fn yaml_errors_in_text_with_lone_carriage_returns_point_at_the_right_place() {
    let found = check(b"---\ntitle: T\rkind: a: b\n---\nText.\n");
    let span = found
        .iter()
        .find(|d| matches!(d.problem, Problem::YamlSyntax { .. }))
        .and_then(|d| d.span.clone())
        .expect("a span");
    assert_eq!((span.line, span.source_line.as_str()), (2, "title: T\rkind: a: b"));
    assert_eq!(&span.source_line[span.range.start..], ": b", "{span:?}");
}

/// Mutations of a realistic record, made by a fixed-seed generator: whatever the bytes, the
/// checks report and never panic.
#[test]
fn mangled_records_never_panic() {
    let original = "\u{feff}---\r\ntitle: \"Obs: one\" # c\ntype: observation\nkind: direct\ndate: 2026-02-30\nobserver: M\nstandards:\n  - 6.10\n  - [x]\ntags: [a, 'b', \"c\"]\nsignoff:\n  - by: S\n    role: mentor\n    digest: sha256:00\nattachments: [../x, /y]\n---\n## Heading\n\n_Prompt: p_\n\nText é 日本 Mr Smith 943 476 5919\n";
    let alphabet = b"-:#[]{}'\"\n\r\t &*!|>?,.%@`\\0aZ\xc3\xa9\xff";
    for bytes in crate::testing::mutations(original.as_bytes(), alphabet, 6, 3000) {
        for diagnostic in check(&bytes) {
            if let Some(span) = diagnostic.span {
                assert!(span.range.end <= span.source_line.len(), "a span inside its line");
                assert!(span.source_line.is_char_boundary(span.range.start));
            }
        }
    }
}

#[test]
fn an_empty_front_matter_misses_exactly_the_required_fields() {
    let found = check(b"---\n---\nText.\n");
    let missing: Vec<&str> = found
        .iter()
        .filter_map(|d| match d.problem {
            Problem::MissingField { field, .. } => Some(field),
            _ => None,
        })
        .collect();
    let mut required = REQUIRED.to_vec();
    required.sort_unstable();
    let mut missing_sorted = missing.clone();
    missing_sorted.sort_unstable();
    assert_eq!(missing_sorted, required);
    assert_eq!(found.len(), missing.len(), "nothing else is reported");
}
