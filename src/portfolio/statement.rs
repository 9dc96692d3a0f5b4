//! What a key signs: the statement of a sign-off, or of the mentor's endorsement of a whole
//! portfolio, as bytes.
//!
//! A statement is one line naming what it is, then one line of JSON with its values, keys
//! sorted:
//!
//! ```text
//! pqs sign-off 1
//! {"by":"Sam Patel","candidate":"Alex Morgan","date":"2026-03-05","digest":"sha256:...","record":"evidence/a.md","role":"mentor"}
//! ```
//!
//! JSON keeps every value whole whatever it holds (a name with a newline cannot pass for another
//! field), and the first line keeps a sign-off's signature from passing for an endorsement's. The
//! candidate binds the statement to one portfolio: a signed record copied into another
//! supervisor's portfolio does not carry its sign-off with it. The record is named by its path
//! in the portfolio, with `/`.

use std::collections::BTreeMap;

use serde::Serialize;

/// The values a sign-off's signature covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signoff<'a> {
    /// Who signs, as written in the entry.
    pub by: &'a str,
    /// The portfolio's candidate (`candidate` in `pqs.yaml`), empty if none is named.
    pub candidate: &'a str,
    /// The date of signing, as written.
    pub date: &'a str,
    /// The record's digest as written in the entry (form 2 covers its files).
    pub digest: &'a str,
    /// The record's path in the portfolio, with `/`.
    pub record: &'a str,
    /// The role, as written.
    pub role: &'a str,
}

impl Signoff<'_> {
    /// The bytes signed.
    pub fn bytes(&self) -> Vec<u8> {
        statement("pqs sign-off 1\n", self)
    }
}

/// The values the mentor's endorsement of a portfolio covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Endorsement<'a> {
    /// Who endorses.
    pub by: &'a str,
    /// The portfolio's candidate, empty if none is named.
    pub candidate: &'a str,
    /// The date, as written.
    pub date: &'a str,
    /// What they endorse (`authenticity`, `anonymity`), in the order written.
    pub endorse: &'a [String],
    /// Every record's path and digest (form 2) at the time.
    pub records: &'a BTreeMap<String, String>,
    /// The role, as written.
    pub role: &'a str,
}

impl Endorsement<'_> {
    /// The bytes signed.
    pub fn bytes(&self) -> Vec<u8> {
        statement("pqs endorsement 1\n", self)
    }
}

fn statement(first_line: &str, values: &impl Serialize) -> Vec<u8> {
    let mut bytes = first_line.as_bytes().to_vec();
    // Serialising strings, lists and maps of strings to memory cannot fail.
    let _ = serde_json::to_writer(&mut bytes, values);
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signoff_statement_is_its_documented_form() {
        let statement = Signoff {
            by: "Sam \"S\" Patel\nrole: x",
            candidate: "Alex Morgan",
            date: "2026-03-05",
            digest: "sha256:00",
            record: "evidence/a b.md",
            role: "mentor",
        };
        assert_eq!(
            String::from_utf8(statement.bytes()).expect("UTF-8"),
            "pqs sign-off 1\n{\"by\":\"Sam \\\"S\\\" Patel\\nrole: x\",\"candidate\":\"Alex Morgan\",\"date\":\"2026-03-05\",\"digest\":\"sha256:00\",\"record\":\"evidence/a b.md\",\"role\":\"mentor\"}\n"
        );
    }

    #[test]
    fn an_endorsement_statement_lists_every_record() {
        let records = BTreeMap::from([
            ("evidence/b.md".to_owned(), "sha256:02".to_owned()),
            ("evidence/a.md".to_owned(), "sha256:01".to_owned()),
        ]);
        let endorse = ["authenticity".to_owned(), "anonymity".to_owned()];
        let statement = Endorsement {
            by: "Sam Patel",
            candidate: "Alex Morgan",
            date: "2026-11-20",
            endorse: &endorse,
            records: &records,
            role: "mentor",
        };
        assert_eq!(
            String::from_utf8(statement.bytes()).expect("UTF-8"),
            "pqs endorsement 1\n{\"by\":\"Sam Patel\",\"candidate\":\"Alex Morgan\",\"date\":\"2026-11-20\",\"endorse\":[\"authenticity\",\"anonymity\"],\"records\":{\"evidence/a.md\":\"sha256:01\",\"evidence/b.md\":\"sha256:02\"},\"role\":\"mentor\"}\n"
        );
    }
}
