//! Judging: what a record's fields and writing mean, checked against the framework, the templates
//! and the portfolio. [`record`] checks one record's text in memory; [`crate::check`] runs it over
//! a portfolio and adds the checks across records ([`ids`]).

pub mod attachments;
pub mod endorsement;
mod fields;
pub mod ids;
pub mod privacy;
mod record;
mod seal;
pub mod sections;
mod signoff;
mod standards;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

pub use record::{Record, Reference, Seal, Signoff, SignoffState};
pub use sections::Sections;
pub use signoff::{TEXT_CHANGED, is_sha256_digest};

use crate::diagnostic::{Capped, Diagnostic};
use crate::framework::Framework;
use crate::markdown;
use crate::portfolio::parse::{self, Parsed};
use crate::portfolio::signing::Signing;
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::rules::attachments::FileDigests;
use crate::rules::privacy::Privacy;
use crate::yaml::fields::Fields;
use crate::yaml::locate::Place;
use std::sync::atomic::AtomicUsize;

/// What checking a record needs beyond the file.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The portfolio folder.
    pub root: &'a Path,
    /// The framework, for standards references.
    pub framework: &'a Framework,
    /// Today, for dates in the future.
    pub today: Date,
    /// The headings each type's template asks for, for finding empty sections.
    pub sections: &'a Sections,
    /// The anonymisation lint.
    pub privacy: &'a Privacy,
    /// Keep the record's Markdown in [`Record::body`] (for a pack); else it is left empty.
    pub bodies: bool,
    /// Who may sign and how.
    pub signing: &'a Signing,
    /// The digests of the files records refer to, read once for the portfolio.
    pub file_digests: &'a FileDigests,
    /// Signatures that may still be tried to tell what was changed in a sign-off whose signature
    /// does not match it: shared by every record of the portfolio, so that a portfolio of forged
    /// sign-offs costs a bounded time.
    pub trials: &'a AtomicUsize,
}

/// Check the record `file` (relative name, for findings) whose text is `bytes`: its fields, its
/// writing and the anonymisation lint. `path` is where it is (or would be) in the portfolio, for
/// its attachments; the text itself is never read from the disk.
pub fn record(
    file: &str,
    path: &Path,
    bytes: &[u8],
    context: &Context<'_>,
) -> (Option<Record>, Vec<Diagnostic>) {
    let split = match parse::split(file, bytes) {
        Ok(split) => split,
        Err(found) => return (None, vec![*found]),
    };
    // One parse of the body serves the outline and the anonymisation lint.
    let arena = comrak::Arena::new();
    let body = markdown::Reading::new(&arena, split.body());
    // A record whose fields cannot be read is still read for identifying details.
    let (record, mut found) = match parse::read(file, &split) {
        Ok(parsed) => {
            let (record, found) = judge(path, &parsed, &body, context);
            (Some(record), found)
        }
        Err(found) => (None, vec![*found]),
    };
    let names: Vec<String> = record
        .iter()
        .flat_map(|r| r.observer.iter().chain(r.signoff.iter().filter_map(|s| s.by.as_ref())))
        .cloned()
        .collect();
    let (identifying, allowances) = context.privacy.lint(file, &split, &body, &names);
    found.extend(identifying);
    (record.map(|record| Record { allowances, ..record }), found)
}

/// Judge the fields and the writing of a record that could be read.
fn judge(
    path: &Path,
    parsed: &Parsed<'_>,
    body: &markdown::Reading<'_, '_>,
    context: &Context<'_>,
) -> (Record, Vec<Diagnostic>) {
    let (source, fields, split) = (&parsed.source, &parsed.fields, &parsed.split);
    let mut checker = Checker { source, fields, context, found: Capped::default(), files: BTreeMap::new() };
    let mut record = checker.record(path, split.body.clone(), split.body_line);
    if context.bodies {
        record.body = split.body().to_owned();
    }
    record.body_line = split.body_line;
    record.files = std::mem::take(&mut checker.files);
    if !record.draft {
        checker.writing(record.record_type, body, split.body_line);
    }
    (record, checker.found.finish())
}

struct Checker<'a, 's> {
    source: &'a Source<'s>,
    fields: &'a Fields,
    context: &'a Context<'a>,
    found: Capped,
    /// The attachments and images resolved so far (see [`Record::files`]).
    files: BTreeMap<String, Result<PathBuf, Problem>>,
}

impl Checker<'_, '_> {
    pub(super) fn report(&mut self, problem: Problem, places: &[Place<'_>]) {
        self.found.add(&problem, || self.source.at(&problem, places));
    }

    /// A single-value field's text, if given and not blank.
    pub(super) fn text(&self, name: &str) -> Option<String> {
        self.fields.given(name)
    }
}
