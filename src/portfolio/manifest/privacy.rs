//! The anonymisation lint's settings in `pqs.yaml` (`privacy:`): the severity of each check, the
//! texts allowed, the local case-reference pattern.

use std::ops::Range;

use super::FILE_NAME;
use crate::diagnostic::{Diagnostic, Span};
use crate::portfolio::source::Source;
use crate::privacy::{Code, Level};
use crate::problem::Problem;
use crate::suggest;
use crate::yaml::fields::{Field, Fields, Meaning, Shape};
use crate::yaml::locate::Place;
use crate::yaml::values::is_blank;

/// The levels a privacy finding may be set to; `off` turns the check off.
pub const PRIVACY_LEVELS: [&str; 4] = Level::NAMES;

/// The checks of the anonymisation lint whose severity `privacy.severity` may set.
pub const PRIVACY_SEVERITY_FIELDS: &[Field] = &[
    Field::new(
        Code::NhsNumber.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "NHS numbers (default: error).",
    ),
    Field::new(
        Code::NiNumber.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "National Insurance numbers (default: error).",
    ),
    Field::new(
        Code::DateOfBirth.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Dates of birth (default: error).",
    ),
    Field::new(
        Code::Postcode.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Full postcodes (default: warning).",
    ),
    Field::new(
        Code::Email.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Email addresses (default: warning).",
    ),
    Field::new(
        Code::Phone.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Phone numbers (default: warning).",
    ),
    Field::new(
        Code::NameTitle.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Names after a title, such as Mrs Jones (default: warning).",
    ),
    Field::new(
        Code::CaseReference.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Local case references (default: error).",
    ),
    Field::new(
        Code::Name.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "People's full names without a title, such as Joan Pritchard (default: warning).",
    ),
    Field::new(
        Code::Address.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Street addresses, such as 12 Mill Lane (default: warning).",
    ),
    Field::new(
        Code::Place.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "Named wards, hospitals, care homes, surgeries, schools and teams with a place (default: warning).",
    ),
    Field::new(
        Code::PartialDateOfBirth.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "A month and year or a year of birth, such as born in May 1938 (default: warning).",
    ),
    Field::new(
        Code::AgePlace.as_str(),
        Shape::Text,
        Meaning::OneOf(&PRIVACY_LEVELS),
        "An exact age with the place someone lives, such as aged 79, of Rotherham (default: warning).",
    ),
];

/// The fields of `privacy:` in `pqs.yaml`.
pub const PRIVACY_FIELDS: &[Field] = &[
    Field::new(
        "allow",
        Shape::List,
        Meaning::Text,
        "Texts never reported, such as an office address; the candidate's, mentor's, line manager's and organisation's names always are.",
    ),
    Field::new(
        "pseudonyms",
        Shape::List,
        Meaning::Text,
        "The invented names this portfolio uses for people, never reported (`Mrs A`, `Person B` and initials never are).",
    ),
    Field::new(
        "case_reference",
        Shape::Text,
        Meaning::Text,
        "A regular expression for your local case or system reference numbers, e.g. `\\bLAS-[0-9]{6}\\b`.",
    ),
    Field::new(
        "severity",
        Shape::Group(PRIVACY_SEVERITY_FIELDS),
        Meaning::Mapping,
        "The level of each check: error, warning, note or off.",
    ),
];

/// `privacy:` in `pqs.yaml`.
#[derive(Clone, Debug, Default)]
pub struct PrivacySettings {
    /// Texts never reported.
    pub allow: Vec<String>,
    /// A regular expression for local case references, as written.
    pub case_reference: Option<String>,
    /// Where `case_reference` is written, for pointing at it.
    pub case_reference_span: Option<Span>,
    /// The levels set for checks; a check not listed has its default level.
    pub levels: Vec<(Code, Level)>,
}

/// Read `privacy:`, reporting unknown fields and levels.
pub(super) fn privacy(
    fields: &Fields,
    source: &Source<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> PrivacySettings {
    let Some(group) = fields.group("privacy") else { return PrivacySettings::default() };
    let at = |path: &[&str], key: bool| {
        let found = nested(source.text, path).map(|(k, v)| if key { k } else { v.unwrap_or(k) });
        let range = found.or_else(|| source.locations().find(Place::Key("privacy")));
        range.map(|range| Span::in_text(source.text, range))
    };
    let mut report = |problem: Problem, path: &[&str]| {
        let key = matches!(problem, Problem::UnknownField { .. });
        diagnostics.push(Diagnostic::new(&problem, Some(FILE_NAME), at(path, key)));
    };
    let unknown =
        |found: &Fields, known: &[Field], place, report: &mut dyn FnMut(Problem, &[&str]), path: &[&str]| {
            let names: Vec<&str> = known.iter().map(|f| f.name).collect();
            for (field, _) in &found.unknown {
                let problem = Problem::UnknownField {
                    field: field.clone(),
                    place,
                    suggestion: suggest::nearest(field, &names),
                };
                let mut inner = path.to_vec();
                inner.push(field);
                report(problem, &inner);
            }
        };
    unknown(group, PRIVACY_FIELDS, "`privacy` in `pqs.yaml`", &mut report, &["privacy"]);
    let mut levels = Vec::new();
    if let Some(severity) = group.group("severity") {
        unknown(
            severity,
            PRIVACY_SEVERITY_FIELDS,
            "`privacy.severity`",
            &mut report,
            &["privacy", "severity"],
        );
        for code in Code::ALL {
            let name = code.as_str();
            let Some(written) = severity.given(name) else { continue };
            match Level::from_name(&written) {
                Some(level) => levels.push((code, level)),
                None => report(
                    Problem::InvalidValue {
                        field: name.to_owned(),
                        suggestion: suggest::nearest(&written, &PRIVACY_LEVELS),
                        value: written,
                        allowed: PRIVACY_LEVELS.to_vec(),
                    },
                    &["privacy", "severity", name],
                ),
            }
        }
    }
    let case_reference = group.given("case_reference");
    PrivacySettings {
        allow: ["allow", "pseudonyms"]
            .iter()
            .flat_map(|field| group.list(field).unwrap_or_default())
            .filter(|a| !is_blank(a))
            .map(|a| a.trim().to_owned())
            .collect(),
        case_reference_span: case_reference.as_ref().and_then(|_| at(&["privacy", "case_reference"], false)),
        case_reference,
        levels,
    }
}

/// The nested key `path` (`privacy`, `severity`, ...) in block style, found line by line: each
/// key indented under the one before. The range of the key, and of its value if the value is on
/// the same line.
pub(super) fn nested(text: &str, path: &[&str]) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let mut offset = 0;
    let mut indent = None::<usize>;
    let mut depth = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let this_indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[this_indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if indent.is_some_and(|i| this_indent <= i) && depth > 0 {
            // Left the block of the key found last.
            return None;
        }
        let key = path[depth];
        let Some(after) = rest.strip_prefix(key).and_then(|r| r.trim_start_matches(' ').strip_prefix(':'))
        else {
            continue;
        };
        if depth + 1 == path.len() {
            let value = after.trim();
            let value = value.split(" #").next().unwrap_or(value).trim_end();
            let key_start = start + this_indent;
            let key_range = key_start..key_start + key.len();
            if value.is_empty() {
                return Some((key_range, None));
            }
            let value_start = start + content.len() - after.trim_start().len();
            return Some((key_range, Some(value_start..value_start + value.len())));
        }
        indent = Some(this_indent);
        depth += 1;
    }
    None
}
