//! A record as the checks understood it: what `pqs check` counts, a pack shows and a sign-off
//! names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::diagnostic::Span;
use crate::framework::Resolved;
use crate::model::RecordType;
use crate::problem::Problem;
use crate::rules::privacy::Allowance;

/// A record, as far as it could be understood. Fields that were missing or wrong are `None`
/// (and reported).
#[derive(Clone, Debug)]
pub struct Record {
    /// The id: `id:` if given, else the file name without `.md`.
    pub id: String,
    /// Where the id is written (for duplicate ids), if given.
    pub id_span: Option<Span>,
    /// The file, relative to the portfolio, with `/`.
    pub file: String,
    /// The title.
    pub title: Option<String>,
    /// The type.
    pub record_type: Option<RecordType>,
    /// The date.
    pub date: Option<Date>,
    /// The kind (observations and feedback).
    pub kind: Option<String>,
    /// Who observed (observations).
    pub observer: Option<String>,
    /// Where it happened (observations).
    pub setting: Option<String>,
    /// A draft counts toward nothing.
    pub draft: bool,
    /// The standards and statements it evidences.
    pub references: Vec<Reference>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Attached files, relative to the record.
    pub attachments: Vec<String>,
    /// Sign-offs, as written, each with whether it still matches.
    pub signoff: Vec<Signoff>,
    /// The Markdown after the front-matter (empty unless asked for, see [`crate::rules::Context::bodies`]).
    pub body: String,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Findings of the anonymisation lint that a `pqs-allow` comment allowed.
    pub allowances: Vec<Allowance>,
    /// Every attachment and every image of its text, as written, with its real path inside the
    /// portfolio or why it was refused: found once, by the checks, for the packs to use.
    pub files: BTreeMap<String, Result<PathBuf, Problem>>,
}

/// One entry of `standards`, as written and as understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// As written, e.g. `6.10`.
    pub text: String,
    /// What it points at.
    pub resolved: Resolved,
}

impl Reference {
    /// The index of the standard it counts for, if any.
    pub fn standard(&self) -> Option<usize> {
        match self.resolved {
            Resolved::Standard(s) | Resolved::Statement(s, _) | Resolved::Unlisted(s) => Some(s),
            Resolved::UnknownStandard | Resolved::Invalid => None,
        }
    }
}

/// One sign-off entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signoff {
    /// Who signed.
    pub by: Option<String>,
    /// In what role.
    pub role: Option<String>,
    /// When.
    pub date: Option<Date>,
    /// The digest of the record as signed.
    pub digest: Option<String>,
    /// Whether it still matches the record.
    pub state: SignoffState,
}

/// Whether a sign-off still holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignoffState {
    /// Its digest matches the record as it is now.
    Valid,
    /// The record has changed since it was signed.
    Stale,
    /// Its digest is missing or malformed, so it cannot be checked.
    Unverifiable,
}

impl SignoffState {
    /// One word for reports: `valid`, `stale`, `unverifiable`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignoffState::Valid => "valid",
            SignoffState::Stale => "stale",
            SignoffState::Unverifiable => "unverifiable",
        }
    }
}

impl Record {
    /// Whether the record has a sign-off in `role` that still holds.
    pub fn signed_as(&self, role: &str) -> bool {
        self.signoff.iter().any(|s| s.role.as_deref() == Some(role) && s.state == SignoffState::Valid)
    }
}

impl Signoff {
    /// Who signed and as what, for messages: `Sam Patel (mentor)`.
    pub fn who(&self) -> String {
        let by = self.by.as_deref().unwrap_or("someone unnamed");
        match &self.role {
            Some(role) => format!("{by} ({role})"),
            None => by.to_owned(),
        }
    }
}
