//! The git commit a portfolio is at, for the pack's cover.

use std::path::Path;
use std::process::Command;

/// The commit of the repository holding `root`, with a note if tracked files have changed
/// since; `None` outside a repository or without git.
pub fn commit(root: &Path) -> Option<String> {
    let run = |args: &[&str]| {
        // `git status` would otherwise refresh and rewrite `.git/index`: reading the commit
        // changes nothing in the repository, and never holds a lock that `git commit` needs.
        let mut git = Command::new("git");
        let output = git.arg("--no-optional-locks").arg("-C").arg(root).args(args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let head = run(&["rev-parse", "--verify", "--quiet", "HEAD"]).filter(|h| !h.is_empty())?;
    let changed =
        run(&["status", "--porcelain", "--untracked-files=no", "--", "."]).is_some_and(|s| !s.is_empty());
    Some(if changed { format!("{head} (with changes not yet committed)") } else { head })
}
