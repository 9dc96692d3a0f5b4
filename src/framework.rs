//! Standards, statements and requirements, loaded from data.
//!
//! The built-in PQS framework is `schemas/frameworks/pqs-asc-2018.yaml`, embedded at build time;
//! a portfolio may name its own framework file instead. These types are the file format: the
//! JSON Schema in `schemas/framework.schema.json` is generated from them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::RecordType;
use crate::model::SIGNOFF_ROLES;
use crate::yaml::fields;

/// The frameworks built into the binary: id and YAML text.
pub const BUILT_IN: &[(&str, &str)] =
    &[("pqs-asc-2018", include_str!("../schemas/frameworks/pqs-asc-2018.yaml"))];

/// A framework of standards and the requirements of a pathway.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Short stable id, e.g. `pqs-asc-2018`.
    pub id: String,
    /// Full title.
    pub title: String,
    /// Where the official text is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The standards, in order.
    pub standards: Vec<Standard>,
    /// What the pathway asks for.
    #[serde(default)]
    pub requirements: Vec<Requirement>,
    /// How much evidence each standard needs.
    #[serde(default)]
    pub coverage: CoverageRule,
}

/// One standard (or domain).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Id, e.g. `6`; records refer to it by this.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it covers, in a sentence.
    #[serde(default)]
    pub summary: String,
    /// Its numbered statements that are known.
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// True when `statements` is known to be the whole list.
    #[serde(default)]
    pub statements_complete: bool,
}

/// One numbered statement of a standard.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Id, `<standard>.<n>`, e.g. `6.2`.
    pub id: String,
    /// A short label.
    pub label: String,
}

/// What the pathway asks for of the non-draft records of a type (and kind): at least `min` of
/// them, each signed off in every role of `signed_by`, or both.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Stable id, e.g. `direct-observations`.
    pub id: String,
    /// What it asks, in plain words.
    pub label: String,
    /// The record type that counts.
    #[serde(rename = "type")]
    pub record_type: RecordType,
    /// The kind that counts, if only one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// How many records are needed (0: any number, for a requirement that only asks for
    /// sign-offs).
    #[serde(default)]
    pub min: usize,
    /// Roles in which every such record must be signed off, with a sign-off that still holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signed_by: Vec<String>,
    /// True when the earliest record of this type must be of this kind.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub initial: bool,
    /// Months after the pathway starts by which each occurrence is due.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub due_months: Vec<u32>,
}

/// How much evidence each standard needs.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageRule {
    /// Non-draft records needed for each standard.
    #[serde(default = "one")]
    pub min_per_standard: usize,
}

impl Default for CoverageRule {
    fn default() -> Self {
        CoverageRule { min_per_standard: 1 }
    }
}

fn one() -> usize {
    1
}

/// What a reference in a record's `standards` list points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A whole standard (index into `standards`).
    Standard(usize),
    /// A listed statement (indexes of standard and statement).
    Statement(usize, usize),
    /// A statement-shaped reference under a known standard that is not listed.
    Unlisted(usize),
    /// Shaped like a reference, but to no standard of this framework.
    UnknownStandard,
    /// Not shaped like a reference at all.
    Invalid,
}

impl Framework {
    /// Load the framework a portfolio names: a built-in id, or a path relative to `base`.
    ///
    /// A framework is parsed once per run: the portfolios of a cohort that use the same one share
    /// it.
    pub fn load(name: &str, base: &Path) -> Result<Framework, Error> {
        if let Some((_, text)) = BUILT_IN.iter().find(|(id, _)| *id == name) {
            return parsed_once(PathBuf::from(format!("<built-in {name}>")), || Ok((*text).to_owned()));
        }
        let looks_like_path = name.ends_with(".yaml") || name.ends_with(".yml") || name.contains('/');
        if !looks_like_path {
            return Err(Error::UnknownFramework { name: name.to_owned() });
        }
        let path = base.join(name);
        let key = dunce::canonicalize(&path).unwrap_or_else(|_| path.clone());
        parsed_once(key, || crate::read::ordinary_text(&path).map_err(Error::reading(&path)))
    }

    /// The built-in framework with this id.
    pub fn built_in(id: &str) -> Result<Framework, Error> {
        Framework::load(id, Path::new("."))
    }

    /// Parse and validate framework YAML read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Framework, Error> {
        let framework: Framework = yaml_serde::from_str(text).map_err(|e| {
            let e = fields::yaml_error(&e);
            let (line, message) = match (not_fields(&e.message), e.message.strip_prefix("missing field ")) {
                (Some(found), _) => (e.line, format!("{MUST_HOLD}; this file holds {found}")),
                // A field missing from the whole file is missing from no line in particular.
                (None, Some(field)) if e.field.is_none() => {
                    (None, format!("{MUST_HOLD}; this file has no {field}"))
                }
                _ => (e.line, crate::problem::value_in_words(e.field.as_deref(), &e.message)),
            };
            Error::Framework { path: path.to_path_buf(), line, message }
        })?;
        framework.validate().map_err(|invalid| Error::Framework {
            path: PathBuf::from(path),
            line: line_of_id(text, &invalid.id, invalid.nth),
            message: invalid.message,
        })?;
        Ok(framework)
    }

    fn validate(&self) -> Result<(), Invalid> {
        let mut ids = BTreeSet::new();
        for standard in &self.standards {
            if standard.id.is_empty()
                || standard.id.contains('.')
                || standard.id.contains(char::is_whitespace)
            {
                return Err(Invalid::at(
                    &standard.id,
                    1,
                    format!("standard id `{}` must be non-empty, without `.` or spaces", standard.id),
                ));
            }
            if !ids.insert(standard.id.as_str()) {
                return Err(Invalid::at(
                    &standard.id,
                    2,
                    format!("standard id `{}` is used twice", standard.id),
                ));
            }
            for statement in &standard.statements {
                let prefix = format!("{}.", standard.id);
                if !statement.id.starts_with(&prefix) || statement.id.len() == prefix.len() {
                    return Err(Invalid::at(
                        &statement.id,
                        1,
                        format!(
                            "statement `{}` is listed under standard {}, so its id must start with `{prefix}`",
                            statement.id, standard.id
                        ),
                    ));
                }
                if !ids.insert(statement.id.as_str()) {
                    return Err(Invalid::at(
                        &statement.id,
                        2,
                        format!("statement id `{}` is used twice", statement.id),
                    ));
                }
            }
        }
        let mut requirement_ids = BTreeSet::new();
        for requirement in &self.requirements {
            if !requirement_ids.insert(requirement.id.as_str()) {
                return Err(Invalid::at(
                    &requirement.id,
                    2,
                    format!("requirement id `{}` is used twice", requirement.id),
                ));
            }
            requirement.check().map_err(|message| Invalid::at(&requirement.id, 1, message))?;
        }
        Ok(())
    }

    /// What `reference` (as written in a record) points at.
    pub fn resolve(&self, reference: &str) -> Resolved {
        let reference = reference.trim();
        for (s, standard) in self.standards.iter().enumerate() {
            if standard.id == reference {
                return Resolved::Standard(s);
            }
            if let Some(n) = standard.statements.iter().position(|st| st.id == reference) {
                return Resolved::Statement(s, n);
            }
        }
        let (head, tail) = reference.split_once('.').unwrap_or((reference, ""));
        let word = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !word(head) || (reference.contains('.') && !word(tail)) {
            return Resolved::Invalid;
        }
        match self.standards.iter().position(|s| s.id == head) {
            Some(s) if reference.contains('.') => Resolved::Unlisted(s),
            _ => Resolved::UnknownStandard,
        }
    }

    /// The standard ids, for messages: `1, 2, ... 8`.
    pub fn standard_ids(&self) -> String {
        self.standards.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// What a framework file holds, for messages about one that does not.
const MUST_HOLD: &str = "a framework file must hold `field: value` lines: `id`, `title` and `standards`, \
                         and may hold `source`, `requirements` and `coverage`";

/// What a file holds instead of `field: value` lines, in words, when the parser's `message` says
/// it is not a group of fields at all; the value itself is not quoted, as the file may be any file.
fn not_fields(message: &str) -> Option<&'static str> {
    let found = message.strip_prefix("invalid type: ")?.strip_suffix(", expected struct Framework")?;
    Some(match found.split(' ').next().unwrap_or_default() {
        "sequence" => "a list",
        "unit" => "nothing",
        _ => "a single value",
    })
}

/// The framework known by `key` (its file's real path, or a built-in's name), parsed from the
/// text `read` gives the first time it is asked for. Errors are not kept: a framework that does
/// not parse is read and reported again.
fn parsed_once(key: PathBuf, read: impl FnOnce() -> Result<String, Error>) -> Result<Framework, Error> {
    static PARSED: Mutex<BTreeMap<PathBuf, Framework>> = Mutex::new(BTreeMap::new());
    if let Some(framework) = PARSED.lock().ok().and_then(|parsed| parsed.get(&key).cloned()) {
        return Ok(framework);
    }
    let framework = Framework::parse(&read()?, &key)?;
    if let Ok(mut parsed) = PARSED.lock() {
        parsed.insert(key, framework.clone());
    }
    Ok(framework)
}

/// The JSON Schema of a framework file, as shipped in `schemas/framework.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Framework);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

impl Requirement {
    /// What is wrong with this requirement on its own, in words.
    fn check(&self) -> Result<(), String> {
        if let Some(kind) = &self.kind {
            let kinds = self.record_type.kinds();
            if !kinds.contains(&kind.as_str()) {
                return Err(format!(
                    "requirement `{}` asks for kind `{kind}`, but records of type `{}` have {}",
                    self.id,
                    self.record_type,
                    if kinds.is_empty() {
                        "no kind".to_owned()
                    } else {
                        format!("kinds {}", kinds.join(", "))
                    }
                ));
            }
        }
        if self.min == 0 && self.signed_by.is_empty() {
            return Err(format!(
                "requirement `{}` asks for nothing: give it `min` (how many records), `signed_by` (roles), or both",
                self.id
            ));
        }
        for role in &self.signed_by {
            if !SIGNOFF_ROLES.contains(&role.as_str()) {
                return Err(format!(
                    "requirement `{}` asks for a sign-off by `{role}`, which is not a role; the roles are {}",
                    self.id,
                    SIGNOFF_ROLES.join(", ")
                ));
            }
        }
        if self.due_months.len() > self.min.max(1) || self.due_months.windows(2).any(|w| w[0] > w[1]) {
            return Err(format!(
                "requirement `{}` has `due_months` {:?}: give at most one month per record it asks for (`min`), in order",
                self.id, self.due_months
            ));
        }
        if self.due_months.contains(&0) {
            return Err(format!(
                "requirement `{}` has a record due in month 0: months count from 1, the first month of the pathway",
                self.id
            ));
        }
        if self.initial && self.kind.is_none() {
            return Err(format!("requirement `{}` is `initial` but names no `kind`", self.id));
        }
        Ok(())
    }
}

/// Why a framework that reads as YAML cannot be used, and the entry at fault.
struct Invalid {
    /// The `id` of the standard, statement or requirement at fault.
    id: String,
    /// Which entry with that id: the second of two for an id used twice, else the first.
    nth: usize,
    message: String,
}

impl Invalid {
    fn at(id: &str, nth: usize, message: String) -> Invalid {
        Invalid { id: id.to_owned(), nth, message }
    }
}

/// The 1-based line of the `nth` entry of `text` whose `id` is `id` (`id: 1`, `id: '1'`,
/// `{id: "1", ...}`), if it can be found.
fn line_of_id(text: &str, id: &str, nth: usize) -> Option<usize> {
    let written = |line: &str| {
        line.match_indices("id:").any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let key_starts = before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-'));
            let value = line[at + 3..].trim_start();
            let value = value.split([',', '}', '#']).next().unwrap_or("").trim();
            key_starts && value.trim_matches(|c| c == '\'' || c == '"') == id
        })
    };
    text.lines().enumerate().filter(|(_, line)| written(line)).nth(nth.saturating_sub(1)).map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests;
