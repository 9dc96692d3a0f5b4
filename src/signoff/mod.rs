//! Sign-offs: sign a record, and find the version of a record that was signed.
//!
//! A sign-off holds the record's digest ([`crate::portfolio::digest`]) at the time of signing;
//! `pqs check` compares it with the record as it is now. Signing edits only the `signoff` block
//! ([`edit`]) and reads the result back before anything is written: if the rest of the record
//! would read differently, or the entries are not exactly the ones meant, nothing is written.
//! Records are signed under the portfolio's lock ([`crate::lock`]), all or none, and a file
//! another program changed since it was read is never replaced ([`sign_files`]).

pub mod edit;
pub mod endorse;
pub mod history;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::{Error, InputError};
use crate::keys::Signer;
use crate::lock;
use crate::model::SIGNOFF_ROLES;
use crate::paths::relative;
use crate::portfolio::digest;
use crate::portfolio::front_matter::{self, Split, SplitError};
use crate::portfolio::manifest;
use crate::portfolio::parse::FIELDS;
use crate::portfolio::statement;
use crate::problem::Problem;
use crate::rules::attachments;
use crate::write;
use crate::yaml::fields;
use crate::yaml::fields::Fields;
use crate::yaml::fields::ReadError;
use crate::yaml::values::parse_bool;
use crate::yaml::values::parse_date;

pub use edit::Entry;

/// Who signs, as what, and when.
#[derive(Clone, Debug)]
pub struct Request {
    /// Their name.
    pub by: String,
    /// Their role: one of [`SIGNOFF_ROLES`].
    pub role: String,
    /// The date of signing.
    pub date: Date,
}

/// What signing did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new entry was added.
    Added,
    /// The signer's earlier entry in the same role was given the new date and digest.
    Renewed,
    /// The signer's entry already holds for this version on this date: nothing to write.
    Unchanged,
}

/// A record signed in memory.
#[derive(Clone, Debug)]
pub struct Signed {
    /// What changed.
    pub change: Change,
    /// The record's new text.
    pub text: String,
    /// The digest signed.
    pub digest: String,
    /// The record says `draft: true`: setting it to `false` later is a change that needs a new
    /// sign-off.
    pub draft: bool,
}

/// A record read far enough to sign or to take its digest.
struct Read<'a> {
    split: Split<'a>,
    fields: Fields,
}

fn read<'a>(path: &Path, bytes: &'a [u8]) -> Result<Read<'a>, Error> {
    let refuse = |line, problem: Problem| Error::Sign {
        path: path.to_path_buf(),
        line,
        message: format!("{}; fix that first", problem.message()),
    };
    let split = front_matter::split(bytes).map_err(|error| match error {
        SplitError::NotUtf8 { line, .. } => refuse(Some(line), Problem::NotUtf8),
        SplitError::Empty => refuse(None, Problem::EmptyFile),
        SplitError::Missing { blank_lines_before } => {
            refuse(Some(1), Problem::MissingFrontMatter { blank_lines_before })
        }
        SplitError::Unclosed => refuse(Some(1), Problem::UnclosedFrontMatter),
    })?;
    let fields = fields::read(split.yaml(), split.yaml_line, FIELDS).map_err(|error| match error {
        ReadError::Yaml(e) => refuse(e.line, Problem::from_yaml(e.field.as_deref(), &e.message)),
        ReadError::NotAMapping(kind) => refuse(Some(2), Problem::NotAMapping { file_kind: kind }),
    })?;
    Ok(Read { split, fields })
}

/// The entries of the `signoff` list as written (blank values as empty text).
fn entries(fields: &Fields) -> Vec<Entry> {
    fields
        .entries("signoff")
        .unwrap_or_default()
        .iter()
        .map(|entry| {
            let value = |name| entry.given(name).unwrap_or_default();
            Entry {
                by: value("by"),
                role: value("role"),
                date: value("date"),
                digest: value("digest"),
                files: entry.list("files").map(<[String]>::to_vec).unwrap_or_default(),
                signature: entry.given("signature").map(|s| s.trim_end().to_owned()),
            }
        })
        .collect()
}

/// Whether the record whose file holds `bytes` is the version signed with `digest`: in either
/// form, with `files` the file digests the sign-off lists (see [`digest::digest_with_files`]).
pub fn is_signed_version(bytes: &[u8], digest: &str, files: &BTreeMap<String, String>) -> bool {
    let Ok(read) = read(Path::new(""), bytes) else { return false };
    let body = read.split.body();
    digest::digest_with_files(&read.fields, body, files) == digest
        || digest::digest(&read.fields, body) == digest
}

/// The record's text with its `signoff` block taken out, for showing what changed; the text
/// as it is if it has no front-matter.
pub fn without_signoff(bytes: &[u8]) -> String {
    match front_matter::split(bytes) {
        Ok(split) => edit::without_block(&split),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Sign the record of `target` whose file holds `bytes`, with `key` if given (else by typed
/// name only).
///
/// The digest covers the record and every file it refers to ([`digest::digest_with_files`]),
/// and the entry lists each file's digest, so that `pqs check` can say which changed. With a key,
/// the entry's statement ([`statement::Signoff`]) is signed and the signature written in it.
pub fn sign_text(
    target: &Target,
    bytes: &[u8],
    request: &Request,
    key: Option<&Signer>,
) -> Result<Signed, Error> {
    let path = &target.given;
    let refuse = |message: String| Error::Sign { path: path.clone(), line: None, message };
    let by = request.by.trim();
    if by.is_empty() || by.chars().any(char::is_control) {
        return Err(refuse("the name of the person signing must be one line of text".to_owned()));
    }
    if !SIGNOFF_ROLES.contains(&request.role.as_str()) {
        return Err(InputError::UnknownRole { value: request.role.clone() }.into());
    }
    let before = read(path, bytes)?;
    if let Some(dated) = before.fields.given("date").and_then(|d| parse_date(&d).ok())
        && request.date < dated
    {
        return Err(refuse(format!(
            "the record is dated {dated}, so it cannot be signed off on {}, before it",
            request.date
        )));
    }
    let draft = before.fields.given("draft").and_then(|d| parse_bool(&d)).unwrap_or(false);
    let body = before.split.body();
    let found =
        attachments::referenced(&target.root, &target.real, &before.fields, body, before.split.body_line);
    let files = attachments::file_digests(&found, &attachments::FileDigests::default());
    let digest = digest::digest_with_files(&before.fields, body, &files);
    let existing = entries(&before.fields);
    let renew = existing.iter().position(|e| e.by.eq_ignore_ascii_case(by) && e.role == request.role);
    // A renewed entry keeps the name as it was first written.
    let by = renew.map_or(by, |index| existing[index].by.as_str()).to_owned();
    let mut entry = Entry {
        by,
        role: request.role.clone(),
        date: request.date.to_string(),
        digest,
        files: files.iter().map(|(file, digest)| format!("{digest} {file}")).collect(),
        signature: None,
    };
    if let Some(key) = key {
        let statement = statement::Signoff {
            by: &entry.by,
            candidate: &target.candidate,
            date: &entry.date,
            digest: &entry.digest,
            record: &target.record,
            role: &entry.role,
        };
        let signature = key.sign(&statement.bytes()).map_err(|error| refuse(error.to_string()))?;
        // As it reads back from the entry's block: without the line end after the armour.
        entry.signature = Some(signature.trim_end().to_owned());
    }
    // Signing is deterministic: the same key over the same statement gives the same signature.
    if let Some(index) = renew
        && existing[index].digest == entry.digest
        && existing[index].date == entry.date
        && (key.is_none() || existing[index].signature == entry.signature)
    {
        let text = before.split.text.to_owned();
        return Ok(Signed { change: Change::Unchanged, text, digest: entry.digest, draft });
    }
    let text = edit::write(&before.split, &existing, &entry, renew);
    let mut expected = existing.clone();
    match renew {
        Some(index) => expected[index] = entry.clone(),
        None => expected.push(entry.clone()),
    }
    let after = read(path, text.as_bytes()).map_err(|_| refuse(unsafe_edit()))?;
    let unchanged = digest::digest_with_files(&after.fields, after.split.body(), &files) == entry.digest;
    if !unchanged || entries(&after.fields) != expected {
        return Err(refuse(unsafe_edit()));
    }
    let change = if renew.is_some() { Change::Renewed } else { Change::Added };
    Ok(Signed { change, text, digest: entry.digest, draft })
}

fn unsafe_edit() -> String {
    "its `signoff` block is written in a way pqs cannot add to without changing other lines; \
     write the block as a list of `- by: ...` entries, one field per line, and sign again"
        .to_owned()
}

/// A record to sign: the path it was named by, and the file to read and write.
#[derive(Clone, Debug)]
pub struct Target {
    /// The path as given, for messages.
    pub given: PathBuf,
    /// The file itself: the record, or the file inside the portfolio a link as the record
    /// leads to.
    pub real: PathBuf,
    /// The root of its portfolio, the folder of `pqs.yaml`.
    pub root: PathBuf,
    /// The record's path in the portfolio, with `/`, as a signature names it.
    pub record: String,
    /// The portfolio's candidate, as `pqs.yaml` names them (empty if it does not).
    pub candidate: String,
}

/// Find the record at `path` and its portfolio, refusing anything `pqs check` would not read as
/// a record of it: a file in no portfolio, outside the evidence folder, not `*.md`, with a name
/// (or a folder) starting with `.` or `_`, or a link leading out of the portfolio.
pub fn locate(path: &Path) -> Result<Target, Error> {
    let refuse =
        |message: &str| Error::Sign { path: path.to_path_buf(), line: None, message: message.to_owned() };
    let Some(name) = path.file_name() else { return Err(refuse("it is not the name of a file")) };
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let folder = dunce::canonicalize(parent).map_err(Error::reading(path))?;
    let root = manifest::find(&folder).map_err(|_| {
        refuse("it is in no portfolio: there is no `pqs.yaml` in its folder or any folder above it")
    })?;
    let (manifest, _) = manifest::read(&root)?;
    let evidence = dunce::canonicalize(root.join(&manifest.evidence)).map_err(Error::reading(path))?;
    let not_a_record = |why: &str| {
        refuse(&format!("`pqs check` does not read it as a record ({why}), so pqs does not sign it"))
    };
    let Ok(inside) = folder.strip_prefix(&evidence) else {
        return Err(not_a_record(&format!("it is not in the evidence folder `{}`", manifest.evidence)));
    };
    let hidden = |part: &std::ffi::OsStr| part.to_string_lossy().starts_with(['.', '_']);
    if hidden(name) || inside.iter().any(hidden) {
        return Err(not_a_record("names starting with `.` or `_` are left out"));
    }
    if Path::new(name).extension().is_none_or(|e| e != "md") {
        return Err(not_a_record("only `.md` files are records"));
    }
    let file = folder.join(name);
    let record = relative(&root, &file);
    let candidate = manifest.candidate.clone().unwrap_or_default();
    let meta = file.symlink_metadata().map_err(Error::reading(path))?;
    if !meta.is_symlink() {
        return Ok(Target { given: path.to_path_buf(), real: file, root, record, candidate });
    }
    let real = dunce::canonicalize(&file).map_err(Error::reading(path))?;
    if !real.starts_with(&root) {
        return Err(refuse(&format!(
            "it is a link to `{}`, outside the portfolio; pqs reads and writes only files inside it",
            real.display()
        )));
    }
    Ok(Target { given: path.to_path_buf(), real, root, record, candidate })
}

/// What signing one record did.
#[derive(Clone, Debug)]
pub struct Done {
    /// The record.
    pub target: Target,
    /// What changed.
    pub change: Change,
    /// The record says `draft: true`.
    pub draft: bool,
}

/// Sign every record of `targets` as `request` asks, all or none.
///
/// The lock of each portfolio ([`crate::lock`]) is held throughout, so another `pqs` signing
/// the same records waits. Under it each file is read afresh and signed in memory (a file named
/// twice is signed on the text signed the first time), every new text is written to a
/// temporary file, and only then are they put in place, each only if its file still holds
/// what was read ([`write::replace_unchanged`]). A record that cannot be signed, or that
/// another program changed meanwhile, leaves every file as it was.
pub fn sign_files(targets: &[Target], request: &Request, key: Option<&Signer>) -> Result<Vec<Done>, Error> {
    let roots: Vec<PathBuf> = targets.iter().map(|t| t.root.clone()).collect();
    let _locks = lock::lock_all(&roots)?;
    let mut files = Vec::new();
    let done = targets
        .iter()
        .map(|target| sign_one(target, request, key, &mut files))
        .collect::<Result<Vec<_>, _>>()?;
    let staged = files.into_iter().filter_map(Pending::stage).collect::<Result<Vec<_>, _>>()?;
    write::replace_unchanged(staged).map_err(|error| match error {
        write::NotReplaced::Changed(path) => changed_meanwhile(targets, &path),
        write::NotReplaced::Failed(error) => error,
    })?;
    Ok(done)
}

/// A file read under the lock, and its new text once signed.
struct Pending {
    /// The file as read.
    original: write::Original,
    /// Its new text, without a byte-order mark, if signing changed it.
    text: Option<String>,
}

impl Pending {
    /// The new text written to a temporary file beside the file, keeping a byte-order mark it
    /// had; nothing if the text did not change.
    fn stage(self) -> Option<Result<write::Staged, Error>> {
        let text = self.text?;
        let bom = if self.original.bytes.starts_with("\u{feff}".as_bytes()) { "\u{feff}" } else { "" };
        Some(write::stage(self.original, format!("{bom}{text}").as_bytes()))
    }
}

/// Sign `target` in memory: its file as read into `files` the first time it is named, or as
/// signed already when named again.
fn sign_one(
    target: &Target,
    request: &Request,
    key: Option<&Signer>,
    files: &mut Vec<Pending>,
) -> Result<Done, Error> {
    let index = match files.iter().position(|file| file.original.path == target.real) {
        Some(index) => index,
        None => {
            let original = write::Original::read(&target.real).map_err(Error::reading(&target.given))?;
            files.push(Pending { original, text: None });
            files.len() - 1
        }
    };
    let file = &mut files[index];
    let bytes = file.text.as_ref().map_or(file.original.bytes.as_slice(), |t| t.as_bytes());
    let signed = sign_text(target, bytes, request, key)?;
    if signed.change != Change::Unchanged {
        file.text = Some(signed.text);
    }
    Ok(Done { target: target.clone(), change: signed.change, draft: signed.draft })
}

/// The error for the file at `real`, which another program changed while it was being signed,
/// named as it was given.
fn changed_meanwhile(targets: &[Target], real: &Path) -> Error {
    let given = targets.iter().find(|t| t.real == real).map_or(real, |t| t.given.as_path());
    Error::Sign {
        path: given.to_path_buf(),
        line: None,
        message: "it changed while it was being signed (another program saved it), so no record was \
                  signed; run the command again to sign it as it is now"
            .to_owned(),
    }
}

#[cfg(test)]
mod tests;
