//! The git repository a portfolio may be in: what is not yet committed, and git run with none of
//! the repository's own programs (see [`crate::git`]).

use std::path::Path;

/// git in the portfolio, with no filter of the repository's configuration.
pub fn git(root: &Path) -> std::process::Command {
    let mut git = crate::git::command(root);
    for setting in crate::git::no_filters(root) {
        git.arg("-c").arg(setting);
    }
    git
}

/// Whether the portfolio is in a git repository (and git is there to say so).
pub fn is_repository(root: &Path) -> bool {
    let inside = crate::git::command(root).args(["rev-parse", "--is-inside-work-tree"]).output();
    inside.is_ok_and(|output| output.status.success())
}

/// The portfolio's files not yet committed, as `git status` lists them; `None` where the
/// portfolio is not in a git repository.
pub fn uncommitted(root: &Path) -> Option<Vec<String>> {
    if !is_repository(root) {
        return None;
    }
    let output = git(root)
        .args(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."])
        .output()
        .ok()?;
    let listed = String::from_utf8_lossy(&output.stdout);
    Some(listed.split('\0').filter(|l| l.len() > 3).map(|l| l[3..].to_owned()).collect())
}

/// Commit `path` (a file, or `.` for the whole portfolio) with `message`: every change in it,
/// new files too, and nothing else the repository has staged. No hook runs, nothing is signed.
pub fn commit(root: &Path, path: &str, message: &str) -> Result<(), String> {
    let run = |args: &[&str]| -> Result<(), String> {
        let output = git(root)
            .args(["-c", "commit.gpgSign=false", "-c", "core.editor=true"])
            .args(args)
            .output()
            .map_err(|error| format!("git could not start: {error}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
        }
    };
    run(&["add", "--all", "--", path])?;
    run(&["commit", "--no-verify", "-m", message, "--", path])
}
