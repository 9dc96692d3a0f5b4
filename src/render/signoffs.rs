//! A record's sign-offs as the packs show them: whether each still counts and why not, and how it
//! was made (signed with a key, by its fingerprint, or a typed name only), in words a mentor reads,
//! in pieces of words and code so that both packs mark a key or a file the same way.

use serde::Serialize;

use crate::portfolio::digest::Form;
use crate::portfolio::signing::Signing;
use crate::render::missing::{Piece, pieces};
use crate::rules::{Record, Seal, Signoff, SignoffState};

/// A sign-off entry.
#[derive(Debug, Serialize)]
pub struct SignoffView {
    /// Who signed.
    pub by: String,
    /// In what role.
    pub role: String,
    /// When.
    pub date: String,
    /// `valid`, `stale` (the record changed after signing), `unverifiable` (no digest, or a
    /// malformed one) or `untrusted` (it does not count: see `why`).
    pub state: &'static str,
    /// Whether it is still valid: the record is the version that was signed. (Named `holds`
    /// since the first packs, so that templates written then still work.)
    pub holds: bool,
    /// The state in words: `still valid`, `no longer valid`, `cannot be checked`, `not accepted`.
    pub verdict: &'static str,
    /// Why it is not valid, in words (empty for a valid one).
    pub why: Vec<Piece>,
    /// How it was made: `typed` (a name only), `verified` (signed with a key the allowed-signers
    /// file allows), `unknown-key` (signed with a key no allowed-signers file names) or `refused`
    /// (signed, but the signature or the signer does not hold).
    pub made: &'static str,
    /// The fingerprint of the key it was signed with, `SHA256:...`.
    pub fingerprint: Option<String>,
    /// How it was made, in words.
    pub how: Vec<Piece>,
    /// What it does not cover, in words: the record's files, for a sign-off made by an earlier
    /// pqs (empty otherwise).
    pub note: Vec<Piece>,
}

/// The sign-offs of `record`, checked under `signing`.
pub fn views(record: &Record, signing: &Signing) -> Vec<SignoffView> {
    record.signoff.iter().map(|signoff| view(signoff, record, signing)).collect()
}

fn view(signoff: &Signoff, record: &Record, signing: &Signing) -> SignoffView {
    let verdict = match signoff.state {
        SignoffState::Valid => "still valid",
        SignoffState::Stale => "no longer valid",
        SignoffState::Unverifiable => "cannot be checked",
        SignoffState::Untrusted => "not accepted",
    };
    let note = if signoff.form == Some(Form::One) && !record.files.is_empty() {
        let mut note =
            words("made by an earlier version of pqs, it covers the record's text but not its files: ");
        for (index, file) in record.files.keys().enumerate() {
            if index > 0 {
                note.extend(words(", "));
            }
            note.push(code(file));
        }
        note
    } else {
        Vec::new()
    };
    SignoffView {
        by: signoff.by.clone().unwrap_or_default(),
        role: signoff.role.clone().unwrap_or_default(),
        date: signoff.date.map(|d| d.to_string()).unwrap_or_default(),
        state: signoff.state.as_str(),
        holds: signoff.state == SignoffState::Valid,
        verdict,
        why: why(signoff, signing),
        made: signoff.seal.as_str(),
        fingerprint: signoff.seal.fingerprint().map(str::to_owned),
        how: how(&signoff.seal),
        note,
    }
}

/// Why `signoff` does not count, in words; nothing for a valid one. The reasons of an untrusted
/// one are told in the order the checks judge them (`rules::signoff`): its signature or signer,
/// then a missing key where keys are required, then the name it gives.
fn why(signoff: &Signoff, signing: &Signing) -> Vec<Piece> {
    match signoff.state {
        SignoffState::Valid => Vec::new(),
        SignoffState::Stale if signoff.changed.is_empty() => words("the record changed after it was signed"),
        SignoffState::Stale => pieces(&format!("{} changed after it was signed", signoff.changed)),
        SignoffState::Unverifiable => words("it does not say which version of the record was signed"),
        SignoffState::Untrusted => match &signoff.seal {
            Seal::Refused { why, .. } => pieces(why),
            Seal::Typed if signing.keys_required => {
                let mut why = words("a typed name only, and ");
                why.push(code(&signing.keys_set_in));
                why.extend(words(" requires sign-offs to be signed with a key"));
                why
            }
            Seal::Unknown { .. } if signing.keys_required => {
                let mut why = words("no allowed-signers file says whose key it is, and ");
                why.push(code(&signing.keys_set_in));
                why.extend(words(" requires sign-offs to be signed with an allowed key"));
                why
            }
            _ => wrong_person(signoff),
        },
    }
}

/// Why a sign-off whose key (if any) holds does not count: it gives another name than the one
/// the portfolio gives for its role.
fn wrong_person(signoff: &Signoff) -> Vec<Piece> {
    match &signoff.expected {
        Some((name, from)) => {
            let mut why = words("it should be signed by ");
            why.push(code(name));
            why.extend(words(", "));
            why.extend(pieces(from));
            why
        }
        None => words("it gives another name than the portfolio gives for that role"),
    }
}

/// How a sign-off with `seal` was made, in words.
fn how(seal: &Seal) -> Vec<Piece> {
    match seal {
        Seal::Typed => words("typed name only, not signed with a key"),
        Seal::Verified { fingerprint, file } => {
            let mut how = key(fingerprint);
            how.extend(words(", allowed by "));
            how.push(code(file));
            how
        }
        Seal::Unknown { fingerprint } => {
            let mut how = key(fingerprint);
            how.extend(words(" that no allowed-signers file names"));
            how
        }
        Seal::Refused { fingerprint: Some(fingerprint), .. } => key(fingerprint),
        Seal::Refused { fingerprint: None, .. } => {
            words("signed with a key, but the signature cannot be read")
        }
    }
}

/// `signed with a key (SHA256:...)`.
fn key(fingerprint: &str) -> Vec<Piece> {
    let mut key = words("signed with a key (");
    key.push(code(fingerprint));
    key.extend(words(")"));
    key
}

/// Plain words, as one piece.
fn words(text: &str) -> Vec<Piece> {
    vec![Piece { text: text.to_owned(), code: false }]
}

/// A name shown as code: a file, a key. Taken whole, so a backtick in it stays a character.
fn code(text: &str) -> Piece {
    Piece { text: text.to_owned(), code: true }
}
