//! The git commit a portfolio is at, for the pack's cover.

use std::path::Path;
use std::process::Command;

/// The commit of the repository holding `root`, with a note if tracked files have changed
/// since; `None` outside a repository or without git.
pub fn commit(root: &Path) -> Option<String> {
    let run = |args: &[&str]| {
        let output = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let head = run(&["rev-parse", "--verify", "--quiet", "HEAD"]).filter(|h| !h.is_empty())?;
    let changed =
        run(&["status", "--porcelain", "--untracked-files=no", "--", "."]).is_some_and(|s| !s.is_empty());
    Some(if changed { format!("{head} (with changes not yet committed)") } else { head })
}
