//! Running git on a portfolio that may have come from anyone.
//!
//! A repository's own `.git/config` can name programs that git runs while it works: a file
//! system monitor (`core.fsmonitor`), hooks, filters (`filter.<name>.clean`), a pager, an
//! external diff or a text conversion, a program to check signatures, and the commands of a
//! fetch (a partial clone fetches missing objects when they are read). A portfolio received as an
//! archive carries its sender's `.git/config`, so every git that `pqs` runs is told, on its
//! command line (which outranks every configuration file), to run none of them.
//!
//! The user's own settings (git's system and global files) are kept: they are theirs, and Git
//! for Windows keeps line-ending settings there. A repository owned by another user is refused
//! by git itself (`safe.directory`), which only the user's own settings can allow: the
//! repository's own configuration cannot.

use std::path::Path;
use std::process::Command;

/// Settings that stop git from running a program named in the repository's configuration, or
/// reaching the network, while it reads.
const SAFE: &[&str] = &[
    // An empty value turns the monitor off, in the git versions that take a hook's path as in
    // those that take `true` or `false`.
    "core.fsmonitor=",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=",
    "core.askPass=",
    "core.gitProxy=",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "gpg.program=",
    "protocol.allow=never",
    "submodule.recurse=false",
];

/// git in `folder`, told to run no program of the repository's configuration; the caller adds
/// its own settings (`-c`) and the git command.
pub fn command(folder: &Path) -> Command {
    let mut git = Command::new("git");
    git.arg("--no-pager").arg("--no-optional-locks").arg("-C").arg(folder);
    for setting in SAFE {
        git.args(["-c", setting]);
    }
    // No prompt for a password, and no fetch of an object that a partial clone lacks.
    git.env("GIT_TERMINAL_PROMPT", "0").env("GIT_NO_LAZY_FETCH", "1");
    git
}

/// The settings that turn off every filter driver the repository's configuration defines
/// (`filter.<name>.clean`, `.smudge`, `.process`): git would run them to compare a working file
/// with the committed one. Empty commands are no filter; `required` is lifted so that git does
/// not stop for want of one.
pub fn no_filters(folder: &Path) -> Vec<String> {
    let Ok(output) = command(folder).args(["config", "-z", "--get-regexp", r"^filter\."]).output() else {
        return Vec::new();
    };
    let listed = String::from_utf8_lossy(&output.stdout);
    let mut names: Vec<&str> = listed
        .split('\0')
        .filter_map(|entry| entry.split('\n').next())
        .filter_map(|key| key.strip_prefix("filter.")?.rsplit_once('.').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .iter()
        .flat_map(|name| {
            ["clean=", "smudge=", "process=", "required=false"].map(|part| format!("filter.{name}.{part}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run git for a test, with an author.
    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn lists_the_filters_to_turn_off() {
        let dir = tempfile::tempdir().expect("temporary folder");
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["config", "filter.a.b.clean", "touch x"]);
        git(dir.path(), &["config", "filter.lfs.process", "git-lfs filter-process"]);
        assert_eq!(
            no_filters(dir.path()),
            [
                "filter.a.b.clean=",
                "filter.a.b.smudge=",
                "filter.a.b.process=",
                "filter.a.b.required=false",
                "filter.lfs.clean=",
                "filter.lfs.smudge=",
                "filter.lfs.process=",
                "filter.lfs.required=false",
            ]
        );
    }
}
