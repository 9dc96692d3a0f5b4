//! The `signing` settings of `pqs.yaml` and `pqs-cohort.yaml`: whether sign-offs must be made
//! with a key, which allowed-signers file says whose keys are whose, who may sign in which role,
//! and whether the mentor's endorsement of the whole portfolio is needed.

use std::collections::BTreeMap;

use super::privacy::nested;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::SIGNOFF_ROLES;
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::suggest;
use crate::yaml::fields::{Field, Fields, Meaning, Shape};
use crate::yaml::locate::Place;
use crate::yaml::values::is_blank;

/// The words `keys` and `endorsement` take.
pub const SIGNING_LEVELS: [&str; 2] = ["optional", "required"];

/// The fields of `signing`.
pub const SIGNING_FIELDS: &[Field] = &[
    Field::new(
        "keys",
        Shape::Text,
        Meaning::OneOf(&SIGNING_LEVELS),
        "optional (the default: a sign-off by typed name is a note) or required (it is an error; every sign-off must be signed with an allowed key).",
    ),
    Field::new(
        "allowed_signers",
        Shape::Text,
        Meaning::Text,
        "The allowed-signers file (git's format) that says whose keys are whose, relative to this file (default: `allowed_signers` beside it, if there is one).",
    ),
    Field::new(
        "roles",
        Shape::Group(ROLE_FIELDS),
        Meaning::Mapping,
        "Who may sign with a key in each role, by the names the allowed-signers file gives them (default: anyone it lists, in any role).",
    ),
    Field::new(
        "endorsement",
        Shape::Text,
        Meaning::OneOf(&SIGNING_LEVELS),
        "required: the mentor's endorsement of the whole portfolio (`pqs sign --portfolio`) is needed before submission; optional (the default).",
    ),
];

/// One list of names for each role a sign-off is made in.
pub const ROLE_FIELDS: &[Field] = &[
    Field::new("candidate", Shape::List, Meaning::Text, "Who may sign as the candidate."),
    Field::new("mentor", Shape::List, Meaning::Text, "Who may sign as a mentor."),
    Field::new("observer", Shape::List, Meaning::Text, "Who may sign as an observer."),
    Field::new("line-manager", Shape::List, Meaning::Text, "Who may sign as a line manager."),
    Field::new("moderator", Shape::List, Meaning::Text, "Who may sign as a moderator."),
];

/// `signing:` as one settings file writes it; what it leaves out is `None`.
#[derive(Clone, Debug, Default)]
pub struct SigningSettings {
    /// `keys: required`.
    pub keys_required: Option<bool>,
    /// `endorsement: required`.
    pub endorsement_required: Option<bool>,
    /// The allowed-signers file as written, and where it is written.
    pub allowed_signers: Option<(String, Option<Span>)>,
    /// Who may sign in each role that is listed.
    pub roles: BTreeMap<String, Vec<String>>,
}

/// Read `signing:` from the fields of the settings file `file_name`, reporting unknown fields and
/// values that are not one of the words allowed.
pub fn signing(
    fields: &Fields,
    source: &Source<'_>,
    file_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> SigningSettings {
    let Some(group) = fields.group("signing") else { return SigningSettings::default() };
    let at = |path: &[&str], key: bool| {
        let found = nested(source.text, path).map(|(k, v)| if key { k } else { v.unwrap_or(k) });
        let range = found.or_else(|| source.locations().find(Place::Key("signing")));
        range.map(|range| Span::in_text(source.text, range))
    };
    let mut report = |problem: Problem, path: &[&str]| {
        let key = matches!(problem, Problem::UnknownField { .. });
        diagnostics.push(Diagnostic::new(&problem, Some(file_name), at(path, key)));
    };
    let mut unknown = |found: &Fields, known: &[Field], place, path: &[&str]| {
        let names: Vec<&str> = known.iter().map(|f| f.name).collect();
        for (field, _) in &found.unknown {
            let suggestion = suggest::nearest(field, &names);
            let mut inner = path.to_vec();
            inner.push(field);
            report(Problem::UnknownField { field: field.clone(), place, suggestion }, &inner);
        }
    };
    unknown(group, SIGNING_FIELDS, "`signing`", &["signing"]);
    let mut roles = BTreeMap::new();
    if let Some(listed) = group.group("roles") {
        unknown(listed, ROLE_FIELDS, "`signing.roles`", &["signing", "roles"]);
        for role in SIGNOFF_ROLES {
            if let Some(names) = listed.list(role) {
                let names = names.iter().filter(|n| !is_blank(n)).map(|n| n.trim().to_owned()).collect();
                roles.insert(role.to_owned(), names);
            }
        }
    }
    let mut level = |name: &str| {
        let written = group.given(name)?;
        match SIGNING_LEVELS.iter().position(|level| *level == written.trim()) {
            Some(index) => Some(index == 1),
            None => {
                let problem = Problem::InvalidValue {
                    field: format!("signing.{name}"),
                    suggestion: suggest::nearest(&written, &SIGNING_LEVELS),
                    value: written,
                    allowed: SIGNING_LEVELS.to_vec(),
                };
                diagnostics.push(Diagnostic::new(&problem, Some(file_name), at(&["signing", name], false)));
                None
            }
        }
    };
    let keys_required = level("keys");
    let endorsement_required = level("endorsement");
    let allowed_signers = group
        .given("allowed_signers")
        .filter(|written| !is_blank(written))
        .map(|written| (written.trim().to_owned(), at(&["signing", "allowed_signers"], false)));
    SigningSettings { keys_required, endorsement_required, allowed_signers, roles }
}
