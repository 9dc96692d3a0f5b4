//! `pqs sign --portfolio`: the mentor's endorsement of the whole portfolio, one statement over
//! the digest of every record and its files ([`crate::rules::endorsement::record_digest`]),
//! drafts too, written to `pqs-endorsement.yaml` at the portfolio's root.
//!
//! As for sign-offs, it is done under the portfolio's lock ([`crate::lock`]), and the file is
//! written whole beside the old one and put in place only if no other program changed it since
//! it was read ([`write::replace_unchanged`]); a new endorsement by the same person in the same
//! role replaces theirs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::Error;
use crate::keys::Signer;
use crate::lock;
use crate::paths::relative;
use crate::portfolio;
use crate::portfolio::endorsement::{self, Entry, FILE_NAME, WORDS};
use crate::rules::attachments::FileDigests;
use crate::rules::endorsement::record_digest;
use crate::write;

/// Who endorses, as what, when, and what they endorse.
#[derive(Clone, Debug)]
pub struct Endorse {
    /// Their name.
    pub by: String,
    /// Their role: only `mentor` may endorse.
    pub role: String,
    /// The date.
    pub date: Date,
    /// What they endorse: words of [`WORDS`].
    pub endorse: Vec<String>,
}

/// What endorsing did.
#[derive(Clone, Debug)]
pub struct Endorsed {
    /// The file written.
    pub file: PathBuf,
    /// How many records the endorsement covers.
    pub records: usize,
    /// How many of them say `draft: true`.
    pub drafts: usize,
    /// It replaced an earlier endorsement by the same person in the same role.
    pub replaced: bool,
}

fn refuse(message: impl Into<String>) -> Error {
    Error::Endorse { message: message.into() }
}

/// Endorse the portfolio whose root is `root` as `request` says, with `key` if given (else by
/// typed name only).
pub fn endorse(root: &Path, request: &Endorse, key: Option<&Signer>) -> Result<Endorsed, Error> {
    let by = request.by.trim();
    if by.is_empty() || by.chars().any(char::is_control) {
        return Err(refuse("the name of the person endorsing must be one line of text"));
    }
    if request.role != "mentor" {
        return Err(refuse(format!(
            "only the mentor endorses a portfolio (the pathway gives that duty to the mentor), not the {}; use `--role mentor`",
            request.role
        )));
    }
    if request.endorse.is_empty()
        || request.endorse.iter().any(|w| !WORDS.contains(&w.as_str()))
        || request.endorse.iter().enumerate().any(|(i, w)| request.endorse[..i].contains(w))
    {
        return Err(refuse("`--endorse` takes `authenticity`, `anonymity` or both, once each"));
    }
    let _lock = lock::lock(root)?;
    let loaded = portfolio::load(root)?;
    let Some(files) = loaded.files else {
        return Err(refuse(format!("its evidence folder `{}` does not exist", loaded.manifest.evidence)));
    };
    if files.is_empty() {
        return Err(refuse("it has no records yet"));
    }
    let mut records = BTreeMap::new();
    let mut drafts = 0;
    let known = FileDigests::default();
    for path in &files {
        let file = relative(root, path);
        let bytes = crate::read::ordinary(path).map_err(Error::reading(path))?;
        let Some(digested) = record_digest(root, path, &bytes, &known) else {
            return Err(refuse(format!(
                "the record `{file}` cannot be read (`pqs check` says why); fix it first"
            )));
        };
        drafts += usize::from(digested.draft);
        if let Some(dated) = digested.date.filter(|d| *d > request.date) {
            return Err(refuse(format!(
                "the record `{file}` is dated {dated}, so the portfolio cannot be endorsed on {}, before it",
                request.date
            )));
        }
        records.insert(file, digested.digest);
    }
    let path = root.join(FILE_NAME);
    let original = match path.symlink_metadata() {
        Ok(_) => Some(write::Original::read(&path).map_err(Error::reading(&path))?),
        Err(_) => None,
    };
    let mut entries = match &original {
        Some(original) => {
            let text = String::from_utf8_lossy(&original.bytes);
            endorsement::parse(&text).map_err(|reason| {
                refuse(format!(
                    "`{FILE_NAME}` cannot be read: {reason}; remove it (git keeps its history) and endorse again"
                ))
            })?
        }
        None => Vec::new(),
    };
    let mut entry = Entry {
        by: by.to_owned(),
        role: request.role.clone(),
        date: request.date.to_string(),
        endorse: request.endorse.clone(),
        records,
        signature: None,
    };
    let replace = entries.iter().position(|e| e.by.trim().eq_ignore_ascii_case(by) && e.role == request.role);
    if let Some(key) = key {
        let candidate = loaded.manifest.candidate.clone().unwrap_or_default();
        let signature = key.sign(&entry.statement(&candidate)).map_err(|error| refuse(error.to_string()))?;
        entry.signature = Some(signature);
    }
    let endorsed =
        Endorsed { file: path.clone(), records: entry.records.len(), drafts, replaced: replace.is_some() };
    match replace {
        Some(index) => entries[index] = entry,
        None => entries.push(entry),
    }
    let text = endorsement::text(&entries);
    let changed = || {
        refuse(format!(
            "`{FILE_NAME}` changed while pqs was writing it (another program saved it); run the command again"
        ))
    };
    match original {
        Some(original) => {
            let staged = write::stage(original, text.as_bytes())?;
            write::replace_unchanged(vec![staged]).map_err(|error| match error {
                write::NotReplaced::Changed(_) => changed(),
                write::NotReplaced::Failed(error) => error,
            })?;
        }
        None => {
            if !write::create_new(&path, text.as_bytes())? {
                return Err(changed());
            }
        }
    }
    Ok(endorsed)
}
