//! Where `pqs init` may start a portfolio: not in a folder that is one already, not inside
//! another portfolio (whose check would read the new one's files as its records), not in a
//! folder of portfolios, nor in a folder holding other things unless it was named; and whether it
//! holds other things, which a new git repository would take in with the portfolio.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::error::Error;
use crate::portfolio::manifest::{self, DEFAULT_EVIDENCE, FILE_NAME};

/// What a folder that may hold a new portfolio already holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The first (by name) of the files or folders other than those `pqs init` writes, hidden
    /// ones aside.
    pub other: Option<PathBuf>,
}

impl Place {
    /// Whether the folder holds files or folders other than those `pqs init` writes.
    pub fn other_files(&self) -> bool {
        self.other.is_some()
    }
}

/// How deep to look for portfolios in a folder: a cohort's are one or two folders down.
const DEPTH: usize = 3;

/// The name a folder beside a portfolio is suggested under.
const SUGGESTED: &str = "new-portfolio";

/// Whether `dir` (which need not exist yet) may hold a new portfolio, and what it holds. A folder
/// that holds other files must be `named` (not the current folder by default) or be the top of a
/// git repository: `pqs init` run by mistake in a home folder would make it a portfolio, and
/// every folder in it part of one.
pub fn check(dir: &Path, named: bool) -> Result<Place, Error> {
    if dir.join(FILE_NAME).exists() {
        return Err(Error::AlreadyAPortfolio { dir: dir.to_path_buf() });
    }
    if let Some(portfolio) = enclosing(dir)? {
        let beside = match portfolio.parent() {
            Some(parent) => tidy(from_here(parent).join(SUGGESTED)),
            None => PathBuf::from(SUGGESTED),
        };
        return Err(Error::InsidePortfolio {
            dir: dir.to_path_buf(),
            portfolio: from_here(&portfolio),
            beside,
        });
    }
    if let Some(found) = portfolio_in(dir) {
        let beside = tidy(dir.join(SUGGESTED));
        return Err(Error::HoldsPortfolios { dir: dir.to_path_buf(), found: tidy(found), beside });
    }
    let place = Place { other: first_other(dir) };
    match &place.other {
        // The top of a repository (cloned to hold the portfolio, with a licence, say) is meant.
        Some(other) if !named && !dir.join(".git").exists() => {
            Err(Error::FolderInUse { dir: dir.to_path_buf(), other: other.clone() })
        }
        _ => Ok(place),
    }
}

/// The folder of the portfolio `dir` is inside, canonical: the nearest `pqs.yaml` above the
/// nearest folder of `dir`'s path that exists.
fn enclosing(dir: &Path) -> Result<Option<PathBuf>, Error> {
    let absolute = std::path::absolute(dir).map_err(Error::reading(dir))?;
    let Some(existing) = absolute.ancestors().find(|folder| folder.is_dir()) else {
        return Ok(None);
    };
    match manifest::find(existing) {
        Ok(portfolio) => Ok(Some(portfolio)),
        Err(Error::NoManifest { .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

/// The first portfolio in `dir`'s folders, a few levels down, as `dir` joined with its path.
/// Hidden folders are not searched, as `pqs check` does not search them for a cohort.
fn portfolio_in(dir: &Path) -> Option<PathBuf> {
    let walk = WalkDir::new(dir).min_depth(1).max_depth(DEPTH).follow_links(false).sort_by_file_name();
    walk.into_iter()
        .filter_entry(|entry| !hidden(entry.file_name()))
        .filter_map(Result::ok)
        .find(|entry| entry.file_type().is_dir() && entry.path().join(FILE_NAME).is_file())
        .map(walkdir::DirEntry::into_path)
}

/// The first thing in `dir`, by name, but what `pqs init` writes and hidden files (`.git`,
/// `.DS_Store`).
fn first_other(dir: &Path) -> Option<PathBuf> {
    let mut others: Vec<_> = dir
        .read_dir()
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| {
            !hidden(name) && ![FILE_NAME, DEFAULT_EVIDENCE, "README.md"].iter().any(|own| name == *own)
        })
        .collect();
    others.sort();
    others.into_iter().next().map(PathBuf::from)
}

fn hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// `path` without a leading `./`: `new-portfolio`, not `./new-portfolio`.
fn tidy(path: PathBuf) -> PathBuf {
    path.strip_prefix(".").map(Path::to_path_buf).unwrap_or(path)
}

/// `path` (canonical) as the person would write it from the current folder: relative when it is
/// the current folder, inside it or above it; else whole.
fn from_here(path: &Path) -> PathBuf {
    let Some(here) = std::env::current_dir().ok().and_then(|here| dunce::canonicalize(here).ok()) else {
        return path.to_path_buf();
    };
    if let Ok(below) = path.strip_prefix(&here) {
        return if below.as_os_str().is_empty() { PathBuf::from(".") } else { below.to_path_buf() };
    }
    match here.strip_prefix(path) {
        Ok(above) => above.components().map(|_| Component::ParentDir).collect(),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn folder(path: PathBuf) -> PathBuf {
        fs::create_dir_all(&path).expect("mkdir");
        path
    }

    #[test]
    fn an_empty_or_new_folder_is_a_place_for_a_portfolio() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(check(&dir.path().join("new/deeper"), false).expect("new"), Place { other: None });
        let own = folder(dir.path().join("own"));
        for name in ["README.md", ".gitignore", ".DS_Store"] {
            fs::write(own.join(name), "mine").expect("write");
        }
        folder(own.join(".config/x"));
        folder(own.join("evidence"));
        assert_eq!(check(&own, false).expect("what init writes"), Place { other: None });
        fs::write(own.join("notes.docx"), "mine").expect("write");
        fs::write(own.join("b.txt"), "mine").expect("write");
        let other = Some(PathBuf::from("b.txt"));
        assert_eq!(check(&own, true).expect("named"), Place { other: other.clone() });
        let error = check(&own, false).expect_err("not named");
        assert!(
            matches!(&error, Error::FolderInUse { other: named, .. } if Some(named) == other.as_ref()),
            "{error:?}"
        );
        fs::write(own.join(".git"), "gitdir: elsewhere").expect("write");
        assert_eq!(check(&own, false).expect("a repository's top"), Place { other });
    }

    #[test]
    fn a_folder_inside_a_portfolio_is_refused_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let portfolio = folder(dir.path().join("mine"));
        fs::write(portfolio.join(FILE_NAME), "candidate: A\n").expect("write");
        for inside in [portfolio.join("evidence"), portfolio.join("evidence/not/yet")] {
            let error = check(&inside, true).expect_err("inside");
            let Error::InsidePortfolio { dir, portfolio: named, beside } = error else { panic!("{error:?}") };
            assert_eq!(dir, inside);
            // The tests do not run in the temporary folder, so the paths are whole.
            let canonical = dunce::canonicalize(&portfolio).expect("canonical");
            assert_eq!((named, beside), (canonical.clone(), canonical.with_file_name(SUGGESTED)));
        }
        assert!(matches!(check(&portfolio, true), Err(Error::AlreadyAPortfolio { .. })));
    }

    #[test]
    fn a_folder_of_portfolios_is_refused_naming_the_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["b/pqs.yaml", "a/x/pqs.yaml", ".hidden/pqs.yaml"] {
            let path = dir.path().join("cohort").join(name);
            folder(path.parent().expect("parent").to_path_buf());
            fs::write(path, "candidate: A\n").expect("write");
        }
        let cohort = dir.path().join("cohort");
        let error = check(&cohort, true).expect_err("a cohort");
        let Error::HoldsPortfolios { found, beside, .. } = error else { panic!("{error:?}") };
        assert_eq!((found, beside), (cohort.join("a/x"), cohort.join(SUGGESTED)));
        let inside = check(&dir.path().join("cohort/.hidden/new"), true);
        assert!(matches!(inside, Err(Error::InsidePortfolio { .. })), "{inside:?}");
    }

    #[test]
    fn paths_are_shown_from_the_current_folder() {
        let here = dunce::canonicalize(std::env::current_dir().expect("here")).expect("canonical");
        assert_eq!(from_here(&here), Path::new("."));
        assert_eq!(from_here(&here.join("a/b")), Path::new("a/b"));
        let up = here.parent().and_then(Path::parent).expect("two folders up");
        assert_eq!(from_here(up), Path::new("../.."));
    }
}
