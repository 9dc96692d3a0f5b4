//! The git repository of a new portfolio: `pqs init` makes one in the portfolio's folder, unless
//! the folder is already inside one, so that every version of every record is kept and the
//! mentor can be given a copy. git is run as `crate::git` runs it: no program named in a
//! repository's configuration, and no hook.
//!
//! Nothing is committed: the person reads what was written before they save it, under their own
//! name, which git may not know yet on a new computer.

use std::io;
use std::path::{Path, PathBuf};

use crate::git;

/// What became of the portfolio's repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repository {
    /// A new, empty repository was made in the portfolio's folder.
    Made,
    /// The folder is already inside a git work tree, whose top folder this is (as git writes it).
    Inside(PathBuf),
    /// The folder held other files before, which a repository would take in too: none was made.
    OtherFiles,
    /// git could not be started: it is not installed, or not where programs are looked for.
    NoGit,
    /// git could not make one, in its own words.
    Failed(String),
}

/// Make a repository in `dir` (which exists), unless it is inside one already or held
/// `other_files` before the portfolio's were written.
pub fn start(dir: &Path, other_files: bool) -> Repository {
    match top(dir) {
        Ok(Some(top)) => return Repository::Inside(top),
        Ok(None) => {}
        Err(error) => return failed(&error),
    }
    if other_files {
        return Repository::OtherFiles;
    }
    match git(dir).args(["init", "--quiet"]).output() {
        Ok(output) if output.status.success() => Repository::Made,
        Ok(output) => Repository::Failed(String::from_utf8_lossy(&output.stderr).trim().to_owned()),
        Err(error) => failed(&error),
    }
}

/// The top folder of the work tree `dir` is in, if it is in one.
fn top(dir: &Path) -> io::Result<Option<PathBuf>> {
    let output = git(dir).args(["rev-parse", "--show-toplevel"]).output()?;
    let top = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    Ok((output.status.success() && !top.is_empty()).then(|| PathBuf::from(top)))
}

/// git in `dir`, run safely, looking for a repository from `dir` up: never at one that
/// variables left in the environment point to (as a hook running `pqs` would leave them).
fn git(dir: &Path) -> std::process::Command {
    let mut command = git::command(dir);
    command.env_remove("GIT_DIR").env_remove("GIT_WORK_TREE").env_remove("GIT_INDEX_FILE");
    command
}

fn failed(error: &io::Error) -> Repository {
    if error.kind() == io::ErrorKind::NotFound {
        Repository::NoGit
    } else {
        Repository::Failed(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_inside_a_work_tree_gets_no_repository_of_its_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(std::process::Command::new("git").arg("init").arg("-q").arg(dir.path()).status().is_ok());
        let inner = dir.path().join("portfolio");
        std::fs::create_dir(&inner).expect("mkdir");
        let Repository::Inside(top) = start(&inner, false) else { panic!("inside") };
        assert_eq!(dunce::canonicalize(top).ok(), dunce::canonicalize(dir.path()).ok());
        assert!(!inner.join(".git").exists());
    }
}
