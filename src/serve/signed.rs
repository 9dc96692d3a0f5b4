//! What changed in a record since each sign-off that no longer holds: the version signed, found
//! in git as `pqs diff-signed` finds it, set against the record as it is now.

use std::path::Path;

use serde_json::json;

use crate::report::signoffs;
use crate::rules::{Record, SignoffState};
use crate::signoff::{self, history};

/// For each sign-off of `record` (at `path`) that changed since it was signed: who signed, and
/// the lines of the difference, or why it cannot be shown.
pub fn changes(record: &Record, path: &Path) -> Vec<serde_json::Value> {
    let Ok(now) = crate::read::ordinary(path) else { return Vec::new() };
    let now = signoff::without_signoff(&now);
    let mut shown: Vec<&str> = Vec::new();
    let mut changes = Vec::new();
    for entry in record.signoff.iter().filter(|s| s.state == SignoffState::Stale) {
        let Some(digest) = entry.digest.as_deref() else { continue };
        if shown.contains(&digest) {
            continue;
        }
        shown.push(digest);
        let who = entry.who();
        let change = match history::signed_version(path, digest, &entry.files) {
            Ok(Some(version)) => {
                let old = signoff::without_signoff(&version.bytes);
                let short = &version.commit[..version.commit.len().min(10)];
                let diff =
                    signoffs::diff(&old, &now, &format!("signed ({short}, {})", version.date), "now", false);
                let lines: Vec<_> = diff
                    .lines()
                    .skip(2)
                    .map(|line| {
                        let class = match line.as_bytes().first() {
                            Some(b'+') => "ins",
                            Some(b'-') => "del",
                            _ => "",
                        };
                        json!({ "class": class, "text": line })
                    })
                    .collect();
                json!({ "who": who, "commit": short, "date": version.date, "lines": lines })
            }
            Ok(None) => {
                json!({ "who": who, "why": "no commit of the portfolio holds the version that was signed" })
            }
            Err(error) => json!({ "who": who, "why": error.to_string() }),
        };
        changes.push(change);
    }
    changes
}
