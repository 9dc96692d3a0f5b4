//! A record as the checks understood it: what `pqs check` counts, a pack shows and a sign-off
//! names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::diagnostic::Span;
use crate::framework::Resolved;
use crate::model::RecordType;
use crate::portfolio::digest::Form;
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
    /// The form of digest it matches, when its digest matches the record.
    pub form: Option<Form>,
    /// What changed since it was signed, in words, when it no longer matches (empty when that
    /// cannot be told).
    pub changed: String,
    /// The digest of each file as signed, by path as written, as the entry lists them.
    pub files: BTreeMap<String, String>,
    /// Whether it was signed with a key, and what checking the signature found.
    pub seal: Seal,
    /// For a mentor's or observer's sign-off that names someone else: the name expected, and
    /// where it comes from ("the portfolio's mentor in `pqs.yaml`").
    pub expected: Option<(String, &'static str)>,
}

/// Whether a sign-off still holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignoffState {
    /// Its digest matches the record as it is now, and its signature (if any) holds.
    Valid,
    /// The record has changed since it was signed.
    Stale,
    /// Its digest is missing or malformed, so it cannot be checked.
    Unverifiable,
    /// It does not count, whatever the record: its signature does not match it, its key is not
    /// allowed for that person or role, or it is a typed name (or a key no one vouches for)
    /// where the settings require keys, or a name other than the one required.
    Untrusted,
}

/// Whether a sign-off was signed with a key, and what checking the signature found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seal {
    /// A typed name only: no signature.
    Typed,
    /// Signed with a key that the allowed-signers file allows for this person and role.
    Verified {
        /// The key's fingerprint, `SHA256:...`.
        fingerprint: String,
        /// The allowed-signers file, as reports name it.
        file: String,
    },
    /// Signed with a key and the signature matches, but no allowed-signers file says whose
    /// key it is.
    Unknown {
        /// The key's fingerprint.
        fingerprint: String,
    },
    /// Signed, but the signature or the signer does not hold.
    Refused {
        /// The key's fingerprint, if the signature could be read.
        fingerprint: Option<String>,
        /// Why, in words.
        why: String,
    },
}

impl Seal {
    /// One word for reports: `typed`, `verified`, `unknown-key`, `refused`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Seal::Typed => "typed",
            Seal::Verified { .. } => "verified",
            Seal::Unknown { .. } => "unknown-key",
            Seal::Refused { .. } => "refused",
        }
    }

    /// The fingerprint of the key it was signed with, if any.
    pub fn fingerprint(&self) -> Option<&str> {
        match self {
            Seal::Verified { fingerprint, .. } | Seal::Unknown { fingerprint } => Some(fingerprint),
            Seal::Refused { fingerprint, .. } => fingerprint.as_deref(),
            Seal::Typed => None,
        }
    }
}

impl SignoffState {
    /// One word for reports: `valid`, `stale`, `unverifiable`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignoffState::Valid => "valid",
            SignoffState::Stale => "stale",
            SignoffState::Unverifiable => "unverifiable",
            SignoffState::Untrusted => "untrusted",
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
        crate::text::who(self.by.as_deref().unwrap_or_default(), self.role.as_deref().unwrap_or_default())
    }
}
