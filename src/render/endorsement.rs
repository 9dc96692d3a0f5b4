//! What the packs show of the mentor's endorsement of the whole portfolio: who endorsed it and
//! when, what they endorse, whether it still holds or which records changed since, and how it
//! was signed, in words a mentor reads.

use serde::Serialize;

use crate::check::Outcome;
use crate::render::missing::{Piece, pieces};
use crate::rules::Seal;
use crate::rules::endorsement::Endorsement;

/// One endorsement, as a pack shows it.
#[derive(Debug, Serialize)]
pub struct EndorsementView {
    /// Who endorsed, as written.
    pub by: String,
    /// In what role.
    pub role: String,
    /// When.
    pub date: String,
    /// What they endorse, in words: "that the evidence is the candidate's own (authenticity)
    /// and that no one can be identified from it (anonymity)".
    pub what: String,
    /// How many records it covers.
    pub records: usize,
    /// Whether it still holds.
    pub holds: bool,
    /// `valid`, `stale` or `untrusted`.
    pub state: &'static str,
    /// How it was signed, a sentence: by a key the organisation allows, or by typed name only.
    pub how: String,
    /// Why it no longer holds, a sentence in pieces (a record's name shown as code); empty when
    /// it holds.
    pub why: Vec<Piece>,
}

/// The endorsements of `outcome`'s portfolio, as the packs show them.
pub fn views(outcome: &Outcome) -> Vec<EndorsementView> {
    outcome.portfolio.endorsements.iter().map(view).collect()
}

fn view(endorsement: &Endorsement) -> EndorsementView {
    let how = match &endorsement.seal {
        Seal::Verified { fingerprint, file } => {
            format!("Signed with the key {fingerprint}, which the organisation's file `{file}` gives them.")
        }
        Seal::Unknown { fingerprint } => {
            format!("Signed with the key {fingerprint}, but no allowed-signers file says whose key that is.")
        }
        Seal::Refused { fingerprint: Some(fingerprint), .. } => format!("Signed with the key {fingerprint}."),
        Seal::Refused { fingerprint: None, .. } => "Its signature cannot be read.".to_owned(),
        Seal::Typed => "A typed name only, not signed with a key.".to_owned(),
    };
    let (state, why) = match (&endorsement.why, endorsement.changes.is_empty()) {
        (Some(why), _) => ("untrusted", format!("It does not count: {why}.")),
        (None, false) => ("stale", format!("Since then, {}.", endorsement.changes.words())),
        (None, true) => ("valid", String::new()),
    };
    EndorsementView {
        by: endorsement.by.clone(),
        role: endorsement.role.clone(),
        date: endorsement.date.clone(),
        what: endorsement.endorse.iter().map(|word| in_words(word)).collect::<Vec<_>>().join(" and "),
        records: endorsement.records,
        holds: endorsement.holds,
        state,
        how: how.replace('`', ""),
        why: pieces(&why),
    }
}

/// What endorsing `word` says, for a reader who does not know the word.
fn in_words(word: &str) -> String {
    match word {
        "authenticity" => "that the evidence is the candidate's own (authenticity)".to_owned(),
        "anonymity" => "that no one can be identified from it (anonymity)".to_owned(),
        other => other.to_owned(),
    }
}
