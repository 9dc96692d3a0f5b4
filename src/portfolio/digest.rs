//! The digest a sign-off is made over: `sha256:` and the SHA-256 of a record's canonical form.
//!
//! The canonical form keeps what the record says and drops how it happens to be written, so a
//! signature survives a change of line endings, key order or YAML quoting, and breaks at any
//! change of a value or of the text. It is one line naming the form, then one line of JSON:
//!
//! ```text
//! pqs-record 1
//! {"body":"...","fields":{"date":"2026-03-02","standards":["6.1","6.2"],"title":"..."}}
//! ```
//!
//! `fields` holds every front-matter field except `signoff`, keys sorted, each value as the
//! text written (so `6.10` stays `6.10`; a list is a list of such texts). `body` is the Markdown
//! after the front-matter with `\r\n` read as `\n` and the line endings at its end removed.
//!
//! Form 2, which sign-offs are made over since attachments were covered, adds the content of
//! every file the record refers to (its `attachments` and the images its text shows), by the
//! path written in the record, each as `sha256:` and the SHA-256 of its bytes, or `none` for a
//! file that is missing or not in the portfolio:
//!
//! ```text
//! pqs-record 2
//! {"body":"...","fields":{...},"files":{"files/notes.pdf":"sha256:...","photo.png":"none"}}
//! ```
//!
//! A sign-off names no form: its digest is compared with both, and form 1 matching means it was
//! made by an earlier version of pqs, before files were covered ([`Form`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::yaml::fields::Fields;
use crate::yaml::fields::Other;
use crate::yaml::fields::Value;

/// What every digest starts with.
pub const PREFIX: &str = "sha256:";

/// The first line of the canonical form; a new form would get a new number.
const FORM: &str = "pqs-record 1\n";

/// The first line of form 2, which covers the record's files.
const FORM_2: &str = "pqs-record 2\n";

/// The digest value of a file that is missing or not in the portfolio.
pub const NO_FILE: &str = "none";

/// Which canonical form a digest was made over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The record's fields and text only: sign-offs made before files were covered.
    One,
    /// The record's fields, text and the content of its files.
    Two,
}

/// The field that holds the sign-offs, left out of the digest.
const SIGNOFF: &str = "signoff";

#[derive(Serialize)]
struct Canonical<'a> {
    body: &'a str,
    fields: BTreeMap<&'a str, Written<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<&'a BTreeMap<String, String>>,
}

/// A value as it goes into the canonical form: the JSON of [`Other`], borrowed from the fields.
#[derive(Serialize)]
#[serde(untagged)]
enum Written<'a> {
    Text(&'a str),
    List(Vec<Written<'a>>),
    Map(BTreeMap<&'a str, Written<'a>>),
    Other(&'a Other),
}

/// The canonical form of a record whose front-matter reads as `fields` and whose Markdown is
/// `body`.
pub fn canonical(fields: &Fields, body: &str) -> String {
    let mut text = Vec::new();
    write_canonical(&mut text, fields, body, None);
    String::from_utf8(text).unwrap_or_default()
}

/// The digest of a record in form 1: `sha256:` and 64 lowercase hexadecimal digits.
pub fn digest(fields: &Fields, body: &str) -> String {
    let mut hasher = Hashing(Sha256::new());
    write_canonical(&mut hasher, fields, body, None);
    format!("{PREFIX}{}", hex(&hasher.0.finalize()))
}

/// The digest of a record in form 2, with `files` the digest of each file it refers to, by the
/// path written ([`file_digest`], or [`NO_FILE`]).
pub fn digest_with_files(fields: &Fields, body: &str, files: &BTreeMap<String, String>) -> String {
    let mut hasher = Hashing(Sha256::new());
    write_canonical(&mut hasher, fields, body, Some(files));
    format!("{PREFIX}{}", hex(&hasher.0.finalize()))
}

/// `sha256:` and the SHA-256 of the bytes of the ordinary file at `path`, read in pieces, so a
/// file of any size costs its reading time and a fixed amount of memory.
pub fn file_digest(path: &std::path::Path) -> io::Result<String> {
    let (mut file, _) = crate::read::open_ordinary(path)?;
    let mut hasher = Hashing(Sha256::new());
    io::copy(&mut file, &mut hasher)?;
    Ok(format!("{PREFIX}{}", hex(&hasher.0.finalize())))
}

/// `bytes` as lowercase hexadecimal digits, two to a byte.
pub fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0xf] {
            text.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    text
}

/// Write the canonical form to `out`, which does not fail.
fn write_canonical(
    out: &mut impl Write,
    fields: &Fields,
    body: &str,
    files: Option<&BTreeMap<String, String>>,
) {
    let mut map = BTreeMap::new();
    for (name, value) in &fields.known {
        if *name != SIGNOFF {
            map.insert(*name, written(value));
        }
    }
    for (name, value) in &fields.unknown {
        map.entry(name.as_str()).or_insert(Written::Other(value));
    }
    let body: Cow<'_, str> =
        if body.contains('\r') { body.replace("\r\n", "\n").into() } else { body.into() };
    let canonical = Canonical { body: body.trim_end_matches('\n'), fields: map, files };
    // Writing to memory or to a hash cannot fail, nor can serialising strings, lists and maps.
    let _ = out.write_all(if files.is_some() { FORM_2 } else { FORM }.as_bytes());
    let _ = serde_json::to_writer(&mut *out, &canonical);
    let _ = out.write_all(b"\n");
}

/// Feeds what is written into the hash.
struct Hashing(Sha256);

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn written(value: &Value) -> Written<'_> {
    match value {
        Value::Text(text) => Written::Text(text),
        Value::List(items) => Written::List(items.iter().map(|item| Written::Text(item)).collect()),
        Value::Entries(entries) => Written::List(entries.iter().map(group).collect()),
        Value::Group(fields) => group(fields),
    }
}

fn group(fields: &Fields) -> Written<'_> {
    let mut map: BTreeMap<&str, Written<'_>> = fields.known.iter().map(|(k, v)| (*k, written(v))).collect();
    for (name, value) in &fields.unknown {
        map.entry(name.as_str()).or_insert(Written::Other(value));
    }
    Written::Map(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::front_matter::split;
    use crate::portfolio::parse::FIELDS;
    use crate::yaml::fields::read;

    fn of(text: &str) -> String {
        let split = split(text.as_bytes()).expect("splits");
        let fields = read(split.yaml(), split.yaml_line, FIELDS).expect("reads");
        digest(&fields, split.body())
    }

    const RECORD: &str = "---\ntitle: Group supervision\ntype: observation\ndate: 2026-03-02\nstandards: [6.1, 6.10]\n---\n## What happened\n\nWe met.\n";

    #[test]
    fn line_endings_key_order_quoting_and_signoff_do_not_change_it() {
        let same = [
            RECORD.replace('\n', "\r\n"),
            "---\ndate: '2026-03-02'\nstandards:\n  - \"6.1\"\n  - 6.10 # a comment\ntype: observation\ntitle: \"Group supervision\"\nsignoff:\n  - by: Sam Patel\n    role: mentor\n---\n## What happened\n\nWe met.\n\n\n".to_owned(),
        ];
        for text in same {
            assert_eq!(of(&text), of(RECORD), "{text:?}");
        }
    }

    #[test]
    fn any_change_of_a_value_or_the_text_changes_it() {
        let changed = [
            RECORD.replace("6.10", "6.1O"),
            RECORD.replace("6.10", "6.1"),
            RECORD.replace("We met.", "We met!"),
            RECORD.replace("We met.", "We  met."),
            RECORD.replace("title: Group supervision\n", "title: Group supervision\nnote: extra\n"),
            RECORD.replace("date: 2026-03-02\n", ""),
        ];
        let original = of(RECORD);
        for text in changed {
            assert_ne!(of(&text), original, "{text:?}");
        }
    }

    #[test]
    fn it_is_sha256_of_the_documented_form() {
        let split = split(RECORD.as_bytes()).expect("splits");
        let fields = read(split.yaml(), split.yaml_line, FIELDS).expect("reads");
        assert_eq!(
            canonical(&fields, split.body()),
            "pqs-record 1\n{\"body\":\"## What happened\\n\\nWe met.\",\"fields\":{\"date\":\"2026-03-02\",\"standards\":[\"6.1\",\"6.10\"],\"title\":\"Group supervision\",\"type\":\"observation\"}}\n"
        );
        assert!(crate::rules::is_sha256_digest(&of(RECORD)));
    }

    /// A record with every kind of value: lists, sign-off entries, a mapping and a tagged value
    /// the format does not know, Windows line ends. Its digest is fixed: signatures made by any
    /// earlier version must stay valid.
    const EVERY_KIND: &str = "---\r\ntitle: \"Mixed: \\u00e9\"\r\ntype: observation\r\nkind: direct\r\ndate: 2026-03-02\r\nstandards: [6.1, 6.10]\r\ntags: []\r\nzeta: {b: 1, a: [x, ~, !t {k: v}]}\r\nalpha: null\r\nsignoff:\r\n  - by: Sam Patel\r\n    role: mentor\r\n    date: 2026-03-03\r\n    digest: sha256:00\r\n---\r\n## What happened\r\n\r\nWe met.\r\n\r\n";

    #[test]
    fn the_digest_of_every_kind_of_value_is_fixed() {
        assert_eq!(of(EVERY_KIND), "sha256:fc7490ac9f463bac4efb0bfd556ef2ac178facb90d7db6ccc3c092f31de61eda");
    }
}
