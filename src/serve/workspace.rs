//! One portfolio as the server holds it: its folder, where its pages are, and its last check,
//! made again whenever a file of it changed.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::UNIX_EPOCH;

use jiff::civil::Date;

use crate::check::{self, CheckOptions, Outcome, Prepared};
use crate::cohort;
use crate::error::Error;
use crate::paths::relative;
use crate::portfolio::{discover, manifest};
use crate::text::slug;

/// How many entries of a folder are looked at for changes: a portfolio has hundreds.
const MAX_ENTRIES: usize = 200_000;

/// A portfolio served.
pub struct Workspace {
    /// The folder of its `pqs.yaml`.
    pub root: PathBuf,
    /// Where its pages are: empty for the only portfolio, `/p/<name>` for one of a cohort.
    pub base: String,
    /// Its folder's name.
    pub name: String,
    cache: Mutex<Option<Checked>>,
}

/// A check of the portfolio as its files were.
#[derive(Clone)]
pub struct Checked {
    /// What the files were: see [`fingerprint`].
    pub fingerprint: u64,
    /// The day it was checked on: a server left running checks again the next day.
    pub today: Date,
    /// What the check found.
    pub outcome: Arc<Outcome>,
    /// What checking one record needs, for the checks made as the user types.
    pub prepared: Arc<Prepared>,
    /// Every record file, relative to the portfolio, as `pqs check` finds them (those that could
    /// not be read too).
    pub files: Arc<Vec<String>>,
}

/// The portfolio at or above `path`, or each portfolio of the cohort under it, with the
/// cohort's folder.
pub fn open(path: &Path) -> Result<(Vec<Workspace>, Option<PathBuf>), Error> {
    match manifest::find(path) {
        Ok(root) => Ok((vec![Workspace::new(root, String::new())], None)),
        Err(Error::NoManifest { .. }) => {
            let roster = cohort::roster(path)?;
            let mut workspaces: Vec<Workspace> = Vec::new();
            for folder in roster.folders {
                let mut name = slug(&relative(&roster.root, &folder));
                if name.is_empty() || workspaces.iter().any(|w| w.base == format!("/p/{name}")) {
                    name = format!("{name}-{}", workspaces.len() + 1);
                }
                workspaces.push(Workspace::new(folder, format!("/p/{name}")));
            }
            Ok((workspaces, Some(roster.root)))
        }
        Err(error) => Err(error),
    }
}

impl Workspace {
    fn new(root: PathBuf, base: String) -> Workspace {
        let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Workspace { root, base, name, cache: Mutex::new(None) }
    }

    /// The portfolio checked as its files are now: the last check, unless a file changed since.
    pub fn checked(&self, today: Date) -> Result<Checked, Error> {
        let now = fingerprint(&self.root);
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(checked) = cache.as_ref().filter(|c| c.fingerprint == now && c.today == today) {
            return Ok(checked.clone());
        }
        let options = CheckOptions { today, complete: false, bodies: true };
        let outcome = check::check(&self.root, &options)?;
        let portfolio = &outcome.portfolio;
        let mut ignored = Vec::new();
        let prepared = Prepared::new(
            &portfolio.root,
            &portfolio.manifest,
            &portfolio.framework,
            &portfolio.templates,
            &mut ignored,
        )?;
        let evidence = portfolio.root.join(&portfolio.manifest.evidence);
        let found = if evidence.is_dir() {
            discover::records(&portfolio.root, &evidence, &mut ignored)
        } else {
            Vec::new()
        };
        let files = found.iter().map(|file| relative(&portfolio.root, file)).collect();
        let checked = Checked {
            fingerprint: now,
            today,
            outcome: Arc::new(outcome),
            prepared: Arc::new(prepared),
            files: Arc::new(files),
        };
        *cache = Some(checked.clone());
        Ok(checked)
    }

    /// What the folder's files are now, as one number.
    pub fn fingerprint(&self) -> u64 {
        fingerprint(&self.root)
    }

    /// The record `file` (relative, `/` between parts) on the disk, if it is one of the records
    /// `pqs check` reads in this portfolio: nothing else is ever read or written for a page.
    pub fn record(&self, checked: &Checked, file: &str) -> Option<PathBuf> {
        let plain = Path::new(file).components().all(|c| matches!(c, Component::Normal(_)));
        let known = checked.files.iter().any(|known| known == file);
        (plain && known && !file.contains('\\')).then(|| self.root.join(file))
    }
}

/// What the files under `root` are now, as one number: each one's path, size and time of change.
/// Hidden files and folders (`.git`, the temporary `.pqs-…` of a file being written) and the
/// pack's folder (`dist`) are left out, and so is a folder's own time of change, which a
/// temporary file moves: one save is one change.
pub fn fingerprint(root: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    let walk = walkdir::WalkDir::new(root).sort_by_file_name().into_iter().filter_entry(|entry| {
        let name = entry.file_name().to_string_lossy();
        entry.depth() == 0 || !(name.starts_with('.') || (entry.depth() == 1 && name == "dist"))
    });
    for entry in walk.take(MAX_ENTRIES).flatten() {
        entry.path().hash(&mut hasher);
        if let Ok(meta) = entry.metadata()
            && meta.is_file()
        {
            meta.len().hash(&mut hasher);
            let modified = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok());
            modified.hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// One number for the fingerprints of many portfolios (a cohort's page).
pub fn combined(fingerprints: &[u64]) -> u64 {
    let mut hasher = DefaultHasher::new();
    fingerprints.hash(&mut hasher);
    hasher.finish()
}
