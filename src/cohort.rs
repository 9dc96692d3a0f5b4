//! A cohort: an organisation's repository with a folder per supervisor, each a portfolio with its
//! own `pqs.yaml`, and perhaps a `pqs-cohort.yaml` at the top (the cohort's name, its
//! moderation date, its mentors). Every portfolio is checked, in parallel, and handed on in path
//! order as soon as it and those before it are done ([`check_each`]), so that a report can be
//! written as the check goes; one that cannot be checked at all is handed on with its error, so
//! the others are still reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use jiff::civil::Date;
use walkdir::WalkDir;

use crate::check::{CheckOptions, Outcome, check};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::Severity;
use crate::paths::relative;
use crate::portfolio::manifest;
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::yaml::fields::Field;
use crate::yaml::fields::Meaning;
use crate::yaml::fields::Shape;
use crate::yaml::locate::Place;
use crate::yaml::values::parse_date;

/// The cohort file's name.
pub const FILE_NAME: &str = manifest::COHORT_FILE_NAME;

/// The fields of `pqs-cohort.yaml`.
pub const FIELDS: &[Field] = &[
    Field::new("name", Shape::Text, Meaning::Text, "The cohort's name, e.g. Practice supervisors 2026."),
    Field::new("moderation", Shape::Text, Meaning::Date, "The day the portfolios are moderated, YYYY-MM-DD."),
    Field::new("mentors", Shape::List, Meaning::Text, "The cohort's mentors."),
    Field::new(
        "signing",
        Shape::Group(manifest::SIGNING_FIELDS),
        Meaning::Mapping,
        "How sign-offs are made in every portfolio of the cohort: with keys or typed names, whose keys are whose, the mentor's endorsement.",
    ),
];

/// What `pqs-cohort.yaml` says.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The cohort's name.
    pub name: Option<String>,
    /// The moderation date.
    pub moderation: Option<Date>,
    /// The mentors.
    pub mentors: Vec<String>,
}

/// One portfolio of the cohort.
#[derive(Debug)]
pub struct Member {
    /// Its folder, relative to the cohort's folder, with `/` (empty if it is the cohort's folder).
    pub folder: String,
    /// What checking it found, or why it could not be checked.
    pub result: Result<Outcome, Error>,
}

/// A checked cohort.
#[derive(Debug)]
pub struct Cohort {
    /// The folder the portfolios are under.
    pub root: PathBuf,
    /// What `pqs-cohort.yaml` says.
    pub settings: Settings,
    /// Findings in `pqs-cohort.yaml`.
    pub diagnostics: Vec<Diagnostic>,
    /// Every portfolio, by folder.
    pub members: Vec<Member>,
}

impl Cohort {
    /// The portfolios that could be checked.
    pub fn outcomes(&self) -> impl Iterator<Item = (&Member, &Outcome)> {
        self.members.iter().filter_map(|m| m.result.as_ref().ok().map(|o| (m, o)))
    }

    /// How many findings of `severity` there are, in `pqs-cohort.yaml` and every portfolio.
    pub fn count(&self, severity: Severity) -> usize {
        let own = self.diagnostics.iter().filter(|d| d.severity == severity).count();
        own + self.outcomes().map(|(_, o)| o.count(severity)).sum::<usize>()
    }
}

/// The portfolios below `root`: every folder holding a `pqs.yaml`, in path order. A portfolio's
/// own folders are not searched for more, nor are hidden folders, `target` or `node_modules`.
pub fn discover(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut walk = WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let skipped =
            entry.depth() > 0 && (name.starts_with('.') || name == "target" || name == "node_modules");
        if skipped {
            walk.skip_current_dir();
            continue;
        }
        if entry.path().join(manifest::FILE_NAME).is_file() {
            found.push(entry.into_path());
            walk.skip_current_dir();
        }
    }
    found
}

/// A cohort before its portfolios are checked: where it is, what `pqs-cohort.yaml` says, and
/// the portfolios' folders, in path order.
#[derive(Debug)]
pub struct Roster {
    /// The folder the portfolios are under, canonical.
    pub root: PathBuf,
    /// What `pqs-cohort.yaml` says.
    pub settings: Settings,
    /// Findings in `pqs-cohort.yaml`.
    pub diagnostics: Vec<Diagnostic>,
    /// Every portfolio's folder.
    pub folders: Vec<PathBuf>,
}

/// Find the cohort under `root`: its portfolios and its `pqs-cohort.yaml`.
pub fn roster(root: &Path) -> Result<Roster, Error> {
    let given = root;
    let root = dunce::canonicalize(root).map_err(Error::reading(root))?;
    let folders = discover(&root);
    if folders.is_empty() {
        return Err(Error::NoManifest { start: given.to_path_buf(), below: None });
    }
    let (settings, diagnostics) = read_settings(&root)?;
    Ok(Roster { root, settings, diagnostics, folders })
}

/// Check every portfolio of `roster`, several at a time, and give each to `each` in the
/// roster's order as soon as it and those before it are done, so that a report can be written
/// while the rest are checked and no portfolio is kept longer than its part of the report needs.
/// `progress` is told how many are done after each one. Both are called on this thread.
pub fn check_each(
    roster: &Roster,
    options: &CheckOptions,
    progress: &mut dyn FnMut(usize, usize),
    each: &mut dyn FnMut(Member),
) {
    let folders = &roster.folders;
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, usize::from).min(folders.len()).max(1);
    let window = Window { width: 4 * workers, state: Mutex::new((0, false)), moved: Condvar::new() };
    let (send, receive) = mpsc::channel::<(usize, Member)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (send, next, window) = (send.clone(), &next, &window);
            scope.spawn(move || {
                let _abandon = Abandon { window, always: false };
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(folder) = folders.get(index) else { break };
                    window.wait_for(index);
                    // A portfolio that cannot be checked is named from the cohort's folder.
                    let result = check(folder, options).map_err(|error| error.relative_to(&roster.root));
                    let member = Member { folder: relative(&roster.root, folder), result };
                    if send.send((index, member)).is_err() {
                        break;
                    }
                }
            });
        }
        // The workers hold the only senders left, so the loop ends when the last one is done.
        drop(send);
        let _abandon = Abandon { window: &window, always: true };
        // Portfolios done before one earlier in the order wait here for it.
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (done, (index, member)) in receive.iter().enumerate() {
            progress(done + 1, folders.len());
            waiting.insert(index, member);
            while let Some(member) = waiting.remove(&due) {
                each(in_cohort(member, &roster.settings));
                due += 1;
                window.advance(due);
            }
        }
    });
}

/// How far ahead of the first portfolio not yet handed on the workers may start: a slow
/// portfolio early in the order holds back at most this many done after it, not the cohort.
struct Window {
    width: usize,
    /// The first portfolio not yet handed on, and whether the waiting is over (a worker or the
    /// thread handing them on has stopped: waiting for it could be forever).
    state: Mutex<(usize, bool)>,
    moved: Condvar,
}

impl Window {
    fn wait_for(&self, index: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !state.1 && index >= state.0 + self.width {
            state = self.moved.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn advance(&self, due: usize) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).0 = due;
        self.moved.notify_all();
    }
}

/// Ends the waiting when dropped: by the thread handing portfolios on (`always`), or by a worker
/// when it panics, so that no other worker waits for a portfolio that will never come.
struct Abandon<'a> {
    window: &'a Window,
    always: bool,
}

impl Drop for Abandon<'_> {
    fn drop(&mut self) {
        if self.always || std::thread::panicking() {
            self.window.state.lock().unwrap_or_else(PoisonError::into_inner).1 = true;
            self.window.moved.notify_all();
        }
    }
}

/// A member named by its folder in the cohort, so that two supervisors' folders of the same name
/// in different places are told apart, and with a warning if its mentor is not the cohort's.
fn in_cohort(mut member: Member, settings: &Settings) -> Member {
    if let Ok(outcome) = &mut member.result {
        if !member.folder.is_empty() {
            outcome.name = member.folder.clone();
        }
        mentor_in_cohort(outcome, settings);
    }
    member
}

/// Check the cohort under `root`, keeping every portfolio (for the cohort page, which needs
/// them all at once).
pub fn check_cohort(
    root: &Path,
    options: &CheckOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Cohort, Error> {
    let roster = roster(root)?;
    let mut members = Vec::with_capacity(roster.folders.len());
    check_each(&roster, options, progress, &mut |member| members.push(member));
    let Roster { root, settings, diagnostics, .. } = roster;
    Ok(Cohort { root, settings, diagnostics, members })
}

/// A warning in the portfolio's `pqs.yaml` if its mentor is not one of the cohort's mentors.
fn mentor_in_cohort(outcome: &mut Outcome, settings: &Settings) {
    let Some(mentor) = &outcome.portfolio.manifest.mentor else { return };
    if settings.mentors.is_empty() || settings.mentors.iter().any(|m| m.trim().eq_ignore_ascii_case(mentor)) {
        return;
    }
    let problem = Problem::MentorNotInCohort { name: mentor.clone(), mentors: settings.mentors.join(", ") };
    outcome.diagnostics.push(Diagnostic::new(&problem, Some(manifest::FILE_NAME), None));
    outcome.diagnostics.sort_by(Diagnostic::report_order);
}

/// Read `pqs-cohort.yaml` in `root`, if there is one.
pub fn read_settings(root: &Path) -> Result<(Settings, Vec<Diagnostic>), Error> {
    let path = root.join(FILE_NAME);
    if !path.is_file() {
        return Ok((Settings::default(), Vec::new()));
    }
    let (text, fields) = manifest::read_file(&path, FIELDS)?;
    let text = text.as_str();
    let source = Source::new(FILE_NAME, text, 0..text.len(), 0..0);
    let mut diagnostics = source.unknown_fields(&fields, FIELDS, "`pqs-cohort.yaml`");
    let moderation = fields.given("moderation").and_then(|value| match parse_date(&value) {
        Ok(date) => Some(date),
        Err(reason) => {
            let problem = Problem::InvalidDate { field: "moderation".to_owned(), value, reason };
            diagnostics.push(source.at(&problem, &[Place::Value("moderation"), Place::Key("moderation")]));
            None
        }
    });
    // What `signing:` says is used by each portfolio's check (see `portfolio::signing`); its
    // mistakes, and those of the allowed-signers file it names, are reported once, here.
    let signing = manifest::signing(&fields, &source, FILE_NAME, &mut diagnostics);
    diagnostics.extend(crate::portfolio::signing::cohort_file_findings(root, &signing));
    let settings = Settings {
        name: fields.given("name"),
        moderation,
        mentors: fields.list("mentors").unwrap_or_default().to_vec(),
    };
    Ok((settings, diagnostics))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn portfolios_are_handed_on_in_order_however_many_are_ahead() {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        // More portfolios than the window is wide, a small one after each larger one.
        let folders: Vec<PathBuf> =
            (0..24).map(|n| examples.join(["sample-portfolio", "in-progress"][n % 2])).collect();
        let roster = Roster {
            root: examples.clone(),
            settings: Settings::default(),
            diagnostics: Vec::new(),
            folders,
        };
        let options = CheckOptions { today: jiff::civil::date(2026, 11, 22), complete: false, bodies: false };
        let mut shown = Vec::new();
        let mut names = Vec::new();
        check_each(&roster, &options, &mut |done, total| shown.push((done, total)), &mut |member| {
            names.push(member.folder.clone());
            assert!(member.result.is_ok(), "{:?}", member.result.err());
        });
        let expected: Vec<String> =
            (0..24).map(|n| ["sample-portfolio", "in-progress"][n % 2].to_owned()).collect();
        assert_eq!(names, expected);
        assert_eq!(shown, (1..=24).map(|done| (done, 24)).collect::<Vec<_>>());
    }
}
