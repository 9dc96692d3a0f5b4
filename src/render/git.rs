//! The git commit a portfolio is at, for the pack's cover.

use std::path::Path;
use std::process::Command;

/// The commit of the repository holding `root`, with a note if tracked files have changed
/// since; `None` outside a repository or without git. No program of the repository's own
/// configuration runs (see [`crate::git`]).
pub fn commit(root: &Path) -> Option<String> {
    let run = |git: &mut Command| {
        let output = git.output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let head = run(crate::git::command(root).args(["rev-parse", "--verify", "--quiet", "HEAD"]))
        .filter(|h| !h.is_empty())?;
    // `git status` compares working files with committed ones through the repository's filters:
    // each is turned off. `--no-optional-locks` (in `crate::git`) keeps `.git/index` as it is.
    let mut status = crate::git::command(root);
    for setting in crate::git::no_filters(root) {
        status.arg("-c").arg(setting);
    }
    status.args(["status", "--porcelain", "--untracked-files=no", "--ignore-submodules=all", "--", "."]);
    let changed = run(&mut status).is_some_and(|s| !s.is_empty());
    Some(if changed { format!("{head} (with changes not yet committed)") } else { head })
}
