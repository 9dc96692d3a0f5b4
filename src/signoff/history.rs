//! Find, in the portfolio's git history, the version of a record that a sign-off was made over:
//! the newest commit at which the record's digest is the one signed. Renames are followed.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Error;
use crate::paths::relative;
use crate::signoff::is_signed_version;

/// A version of a record found in git.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// The commit's hash.
    pub commit: String,
    /// The commit's date, YYYY-MM-DD.
    pub date: String,
    /// The record's path at that commit, relative to the repository.
    pub path: String,
    /// The record's bytes at that commit.
    pub bytes: Vec<u8>,
}

/// The newest committed version of the record at `file` whose digest is `digest` (with `files`,
/// the file digests the sign-off lists), or `None` if no commit has it.
pub fn signed_version(
    file: &Path,
    digest: &str,
    files: &BTreeMap<String, String>,
) -> Result<Option<Version>, Error> {
    let real = dunce::canonicalize(file).map_err(Error::reading(file))?;
    let folder = real.parent().unwrap_or(Path::new("/"));
    let top = git(folder, &["rev-parse", "--show-toplevel"]).map_err(|_| Error::Git {
        message: format!(
            "`{}` is not in a git repository, so the version that was signed cannot be found",
            file.display()
        ),
    })?;
    let top = dunce::canonicalize(String::from_utf8_lossy(&top).trim()).map_err(Error::reading(file))?;
    let inside = relative(&top, &real);
    let log = git(
        &top,
        &[
            "-c",
            "core.quotePath=false",
            "log",
            "--follow",
            "--no-ext-diff",
            "--no-textconv",
            "--format=commit %H %cs",
            "--name-only",
            "--",
            &inside,
        ],
    )
    .map_err(|message| Error::Git {
        message: format!("could not read the history of `{inside}`: {message}"),
    })?;
    let log = String::from_utf8_lossy(&log);
    for (commit, date, path) in commits(&log) {
        let Ok(bytes) = git(&top, &["cat-file", "blob", &format!("{commit}:{path}")]) else { continue };
        if is_signed_version(&bytes, digest, files) {
            return Ok(Some(Version { commit, date, path, bytes }));
        }
    }
    Ok(None)
}

/// The commits of `git log --format='commit %H %cs' --name-only`: hash, date and path, newest
/// first.
fn commits(log: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("commit ") {
            let mut words = rest.split(' ');
            current = Some((
                words.next().unwrap_or_default().to_owned(),
                words.next().unwrap_or_default().to_owned(),
            ));
        } else if !line.is_empty()
            && let Some((commit, date)) = current.take()
        {
            found.push((commit, date, line.to_owned()));
        }
    }
    found
}

/// Run git in `folder`, with no program of the repository's configuration (see [`crate::git`]);
/// its output, or its error message.
fn git(folder: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = crate::git::command(folder)
        .args(args)
        .output()
        .map_err(|error| format!("git could not be run ({error}); is it installed?"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::commits;

    #[test]
    fn reads_the_log_with_renames() {
        let log = "commit aaa 2026-03-10\n\nevidence/new.md\ncommit bbb 2026-03-09\n\nevidence/old name.md\n";
        assert_eq!(
            commits(log),
            [
                ("aaa".to_owned(), "2026-03-10".to_owned(), "evidence/new.md".to_owned()),
                ("bbb".to_owned(), "2026-03-09".to_owned(), "evidence/old name.md".to_owned()),
            ]
        );
    }
}
