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

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::portfolio::fields::{Fields, Other, Value};

/// What every digest starts with.
pub const PREFIX: &str = "sha256:";

/// The first line of the canonical form; a new form would get a new number.
const FORM: &str = "pqs-record 1\n";

/// The field that holds the sign-offs, left out of the digest.
const SIGNOFF: &str = "signoff";

#[derive(Serialize)]
struct Canonical<'a> {
    body: String,
    fields: BTreeMap<&'a str, Other>,
}

/// The canonical form of a record whose front-matter reads as `fields` and whose Markdown is
/// `body`.
pub fn canonical(fields: &Fields, body: &str) -> String {
    let mut map = BTreeMap::new();
    for (name, value) in &fields.known {
        if *name != SIGNOFF {
            map.insert(*name, written(value));
        }
    }
    for (name, value) in &fields.unknown {
        map.entry(name.as_str()).or_insert_with(|| value.clone());
    }
    let body = body.replace("\r\n", "\n").trim_end_matches('\n').to_owned();
    let json = serde_json::to_string(&Canonical { body, fields: map }).unwrap_or_default();
    format!("{FORM}{json}\n")
}

/// The digest of a record: `sha256:` and 64 lowercase hexadecimal digits.
pub fn digest(fields: &Fields, body: &str) -> String {
    let hash = Sha256::digest(canonical(fields, body).as_bytes());
    let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{PREFIX}{hex}")
}

fn written(value: &Value) -> Other {
    match value {
        Value::Text(text) => Other::Text(text.clone()),
        Value::List(items) => Other::List(items.iter().cloned().map(Other::Text).collect()),
        Value::Entries(entries) => Other::List(entries.iter().map(group).collect()),
        Value::Group(fields) => group(fields),
    }
}

fn group(fields: &Fields) -> Other {
    let mut map: BTreeMap<String, Other> =
        fields.known.iter().map(|(k, v)| ((*k).to_owned(), written(v))).collect();
    for (name, value) in &fields.unknown {
        map.entry(name.clone()).or_insert_with(|| value.clone());
    }
    Other::Map(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::fields::read;
    use crate::portfolio::front_matter::split;
    use crate::portfolio::record::FIELDS;

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
        assert!(crate::portfolio::record::is_sha256_digest(&of(RECORD)));
    }
}
