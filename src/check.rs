//! `pqs check` as a library call, the stages in order: load the portfolio ([`crate::portfolio`]),
//! judge each record ([`crate::rules`], on several threads when there are many) and the records
//! together (duplicate ids), set them against the framework ([`crate::coverage`]) and the year
//! ([`crate::pathway`]), and return everything found as an [`Outcome`].
//!
//! [`record`] checks one record's text in memory, with no file read; [`check_with`] checks a
//! portfolio whose unsaved texts are given in an [`Overlay`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use jiff::civil::Date;

use crate::coverage::Coverage;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::framework::Framework;
use crate::model::Severity;
use crate::paths::relative;
use crate::pathway::Pathway;
use crate::portfolio::manifest::PrivacySettings;
use crate::portfolio::signing::Signing;
use crate::portfolio::{self, Manifest};
use crate::problem::Problem;
use crate::rules::attachments::FileDigests;
use crate::rules::endorsement::{self, Endorsement};
use crate::rules::privacy::Privacy;
use crate::rules::{self, Context, Record, Seal, Sections, ids, sections};
use crate::templates::Templates;

/// A portfolio with its records read and judged.
#[derive(Debug)]
pub struct Portfolio {
    /// The folder holding `pqs.yaml`.
    pub root: PathBuf,
    /// What `pqs.yaml` says.
    pub manifest: Manifest,
    /// The framework it names.
    pub framework: Framework,
    /// Every record that could be read, in the order of their files.
    pub records: Vec<Record>,
    /// What was found in `pqs.yaml` and in each record.
    pub diagnostics: Vec<Diagnostic>,
    /// The templates: the portfolio's own where it has them, else the built-in ones.
    pub templates: Templates,
    /// Who may sign and how.
    pub signing: Signing,
    /// The mentor's endorsements of the whole portfolio (`pqs-endorsement.yaml`), as judged.
    pub endorsements: Vec<Endorsement>,
}

/// Texts that stand in for files of a portfolio: a record being edited and not yet saved (or not
/// yet written at all), by its path on the disk.
pub type Overlay = BTreeMap<PathBuf, String>;

/// How many signatures of changed sign-offs a portfolio may try, to tell what was changed (a
/// sign-off takes a few hundred at most; each costs tens of microseconds). Past it, a changed
/// sign-off is still an error, said without naming what changed.
const TRIALS: usize = 4000;

/// What checking a record needs that is made once per portfolio.
#[derive(Debug)]
pub struct Prepared {
    /// The headings each type's template asks for.
    pub sections: Sections,
    /// The anonymisation lint, with the names it allows.
    pub privacy: Privacy,
    /// Who may sign and how.
    pub signing: Signing,
    /// The digests of the files the records refer to, each read once.
    pub file_digests: FileDigests,
    /// What is left of the portfolio's budget of signatures tried to tell what changed in a
    /// sign-off ([`Context::trials`]).
    pub trials: AtomicUsize,
}

impl Prepared {
    /// Prepare for the records of the portfolio at `root`, with `manifest`, `framework` and
    /// `templates`; what is wrong with its templates or privacy settings goes to `diagnostics`.
    pub fn new(
        root: &Path,
        manifest: &Manifest,
        framework: &Framework,
        templates: &Templates,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Prepared, Error> {
        let sections = sections::for_portfolio(root, templates, framework, diagnostics)?;
        let names = [&manifest.candidate, &manifest.mentor, &manifest.line_manager, &manifest.organisation];
        let names: Vec<&str> = names.into_iter().flatten().map(String::as_str).collect();
        let (privacy, pattern_problem) = Privacy::new(&manifest.privacy, &names);
        diagnostics.extend(pattern_problem);
        let signing = Signing::load(root, manifest, diagnostics);
        Ok(Prepared::with(sections, privacy, signing))
    }

    /// Prepare for the records of a new portfolio of `framework`, with the built-in templates
    /// and privacy settings, allowing `names`: to check a record with no portfolio around it.
    pub fn built_in(framework: &Framework, names: &[&str]) -> Result<Prepared, Error> {
        let sections = sections::sections(&Templates::load(None)?, framework)?;
        let (privacy, _) = Privacy::new(&PrivacySettings::default(), names);
        Ok(Prepared::with(sections, privacy, Signing::default()))
    }

    /// Give back the whole budget of signatures tried: for a record checked again each time it
    /// changes (`pqs serve`), which would spend it otherwise.
    pub fn renew(&self) {
        self.trials.store(TRIALS, std::sync::atomic::Ordering::Relaxed);
    }

    /// What checking records needs, with nothing read or tried yet.
    fn with(sections: Sections, privacy: Privacy, signing: Signing) -> Prepared {
        let (file_digests, trials) = (FileDigests::default(), AtomicUsize::new(TRIALS));
        Prepared { sections, privacy, signing, file_digests, trials }
    }

    /// The context to check records of the portfolio at `root` in.
    pub fn context<'a>(
        &'a self,
        root: &'a Path,
        framework: &'a Framework,
        options: &CheckOptions,
    ) -> Context<'a> {
        Context {
            root,
            framework,
            today: options.today,
            sections: &self.sections,
            privacy: &self.privacy,
            bodies: options.bodies,
            signing: &self.signing,
            file_digests: &self.file_digests,
            trials: &self.trials,
        }
    }
}

/// Check one record's text in memory: `file` is its path relative to the portfolio (`/` between
/// parts), where it is or will be; nothing but its attachments is looked for on the disk. This
/// is what `pqs check` runs for every record.
pub fn record(file: &str, text: &[u8], context: &Context<'_>) -> (Option<Record>, Vec<Diagnostic>) {
    record_at(&context.root.join(file), file, text, context)
}

/// As [`record`], for the record whose path on the disk is `path` (which a file name that is not
/// UTF-8 cannot be made from `file`).
pub fn record_at(
    path: &Path,
    file: &str,
    text: &[u8],
    context: &Context<'_>,
) -> (Option<Record>, Vec<Diagnostic>) {
    rules::record(file, path, text, context)
}

/// How to check.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// Today's date, for dates in the future.
    pub today: Date,
    /// Treat every gap (unmet requirement, uncovered standard) as an error.
    pub complete: bool,
    /// Keep each record's Markdown in the outcome, for a pack; a check alone does not need it.
    pub bodies: bool,
}

/// Everything a check found.
#[derive(Debug)]
pub struct Outcome {
    /// The portfolio's folder name.
    pub name: String,
    /// The portfolio and its records.
    pub portfolio: Portfolio,
    /// Requirements and standards against the records.
    pub coverage: Coverage,
    /// Every finding, sorted by file and line; gaps last.
    pub diagnostics: Vec<Diagnostic>,
    /// The pathway year as it stands today, if `pqs.yaml` says when it started.
    pub pathway: Option<Pathway>,
}

impl Outcome {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// Whether any error is a detail that could identify someone, found by the anonymisation
    /// lint in a record's text or name: a pack is never made while one is left. A
    /// case-reference pattern that cannot be used, or a `pqs-allow` comment in error, identifies
    /// no one, and is an error like any other.
    pub fn identifying(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && matches!(d.problem, Problem::Privacy { .. }))
    }

    /// The details the anonymisation lint found that are not errors (warnings and notes, which
    /// leave a pack to be made), in the report's order.
    pub fn identifying_left(&self) -> Vec<&Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Error && matches!(d.problem, Problem::Privacy { .. }))
            .collect()
    }

    /// Whether every requirement is met and every standard evidenced, and the mentor's
    /// endorsement holds where the settings require it.
    pub fn complete(&self) -> bool {
        self.coverage.complete() && self.endorsed() != Some(false)
    }

    /// Whether an endorsement of the portfolio by its mentor holds, where the settings require
    /// one; `None` where they do not.
    pub fn endorsed(&self) -> Option<bool> {
        let portfolio = &self.portfolio;
        portfolio.signing.endorsement_required.then(|| portfolio.endorsements.iter().any(|e| e.holds))
    }
}

/// Check the portfolio at or above `path`.
pub fn check(path: &Path, options: &CheckOptions) -> Result<Outcome, Error> {
    check_with(path, options, &Overlay::new())
}

/// Check the portfolio at or above `path`, reading a record from `overlay` where it has one
/// instead of from the disk; a text in `overlay` for a record file not yet on the disk (inside
/// the evidence folder, ending in `.md`) is checked as one of its records.
pub fn check_with(path: &Path, options: &CheckOptions, overlay: &Overlay) -> Result<Outcome, Error> {
    let mut portfolio = read(path, options, overlay)?;
    let mut diagnostics = std::mem::take(&mut portfolio.diagnostics);
    diagnostics.extend(ids::duplicates(&portfolio.records));
    let typed = portfolio.records.iter().flat_map(|r| &r.signoff).filter(|s| s.seal == Seal::Typed).count();
    if typed > 0 && !portfolio.signing.keys_required {
        diagnostics.push(Diagnostic::new(&Problem::TypedSignoffs { count: typed }, None, None));
    }
    let coverage = Coverage::compute(&portfolio.framework, &portfolio.records);
    let gap_severity = if options.complete { Severity::Error } else { Severity::Note };
    for gap in coverage.gaps() {
        // Statements without evidence are worth knowing but never block completion.
        let blocks = !matches!(gap, Problem::StatementUncovered { .. });
        let severity = if blocks { gap_severity } else { gap.severity() };
        diagnostics.push(Diagnostic::new(&gap, None, None).with_severity(severity));
    }
    if portfolio.signing.endorsement_required && !portfolio.endorsements.iter().any(|e| e.holds) {
        // A gap like an unmet requirement: a note while the portfolio is built.
        let problem = Problem::EndorsementMissing {
            mentor: portfolio.signing.mentor.clone(),
            stale: !portfolio.endorsements.is_empty(),
        };
        diagnostics.push(Diagnostic::new(&problem, None, None).with_severity(gap_severity));
    }
    let pathway = portfolio.manifest.started.map(|started| {
        Pathway::compute(&portfolio.framework, &coverage, &portfolio.records, started, options.today)
    });
    for due in pathway.iter().flat_map(Pathway::overdue) {
        let problem = Problem::Overdue {
            label: due.label.clone(),
            occurrence: due.occurrence,
            month: due.month,
            due: due.date,
            record_type: due.record_type.as_str(),
            kind: due.kind.clone(),
            draft: due.draft.clone(),
        };
        diagnostics.push(Diagnostic::new(&problem, None, None));
    }
    diagnostics.sort_by(Diagnostic::report_order);
    let name = portfolio
        .root
        .file_name()
        .map_or_else(|| portfolio.root.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok(Outcome { name, portfolio, coverage, diagnostics, pathway })
}

/// Load the portfolio at or above `path` and read and judge each of its records.
fn read(path: &Path, options: &CheckOptions, overlay: &Overlay) -> Result<Portfolio, Error> {
    let loaded = portfolio::load(path)?;
    let (root, manifest, framework, templates) =
        (loaded.root, loaded.manifest, loaded.framework, loaded.templates);
    let mut diagnostics = loaded.diagnostics;
    let mut records = Vec::new();
    let mut signing = Signing::default();
    let mut endorsements = Vec::new();
    if let Some(mut files) = loaded.files {
        let evidence = root.join(&manifest.evidence);
        let unsaved = overlay.keys().filter(|path| path.starts_with(&evidence) && !files.contains(path));
        let unsaved: Vec<PathBuf> =
            unsaved.filter(|path| path.extension().is_some_and(|e| e == "md")).cloned().collect();
        if !unsaved.is_empty() {
            files.extend(unsaved);
            files.sort();
        }
        let prepared = Prepared::new(&root, &manifest, &framework, &templates, &mut diagnostics)?;
        let context = prepared.context(&root, &framework, options);
        records.reserve_exact(files.len());
        for (record, found) in read_all(&files, &context, overlay) {
            diagnostics.extend(found);
            records.extend(record);
        }
        if let Some(read) = portfolio::endorsement::read(&root) {
            let current = digests(&root, &files, overlay, &prepared.file_digests);
            let (judged, found) = endorsement::judge(read, &current, &prepared.signing, options.today);
            endorsements = judged;
            diagnostics.extend(found);
        }
        signing = prepared.signing;
    }
    Ok(Portfolio { root, manifest, framework, records, diagnostics, templates, signing, endorsements })
}

/// Each record's path and its digest as an endorsement covers it (`None` for a record that
/// cannot be read), from `overlay` where it has the file: read again, only for a portfolio with
/// an endorsement.
fn digests(
    root: &Path,
    files: &[PathBuf],
    overlay: &Overlay,
    known: &FileDigests,
) -> BTreeMap<String, Option<String>> {
    files
        .iter()
        .map(|path| {
            let digest = match overlay.get(path) {
                Some(text) => endorsement::record_digest(root, path, text.as_bytes(), known),
                None => {
                    let bytes = crate::read::ordinary(path).ok();
                    bytes.and_then(|b| endorsement::record_digest(root, path, &b, known))
                }
            };
            (relative(root, path), digest.map(|d| d.digest))
        })
        .collect()
}

/// Read the record at `path` (from `overlay` if it has it) and check it.
fn read_one(path: &Path, context: &Context<'_>, overlay: &Overlay) -> (Option<Record>, Vec<Diagnostic>) {
    let file = relative(context.root, path);
    if let Some(text) = overlay.get(path) {
        return record_at(path, &file, text.as_bytes(), context);
    }
    match crate::read::ordinary(path) {
        Ok(bytes) => record_at(path, &file, &bytes, context),
        Err(error) => {
            let problem = match crate::read::TooLarge::size_in(&error) {
                Some(size) => Problem::TooLarge { size },
                None => Problem::Unreadable { reason: error.to_string() },
            };
            (None, vec![Diagnostic::new(&problem, Some(&file), None)])
        }
    }
}

/// Read (from `overlay` where it has the file) and check every record of `files`, on several threads when there are many; the results
/// are in the order of `files`.
fn read_all(
    files: &[PathBuf],
    context: &Context<'_>,
    overlay: &Overlay,
) -> Vec<(Option<Record>, Vec<Diagnostic>)> {
    /// Fewer records than this each are not worth a thread.
    const PER_THREAD: usize = 256;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = cores.min(files.len().div_ceil(PER_THREAD)).max(1);
    if threads == 1 {
        return files.iter().map(|file| read_one(file, context, overlay)).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = files
            .chunks(files.len().div_ceil(threads))
            .map(|part| {
                scope.spawn(move || part.iter().map(|f| read_one(f, context, overlay)).collect::<Vec<_>>())
            })
            .collect();
        let joined =
            parts.into_iter().map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        joined.flatten().collect()
    })
}

#[cfg(test)]
mod tests;
