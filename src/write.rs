//! Writing files so that nothing is lost: a file appears whole or not at all, and a file that
//! is already there is never replaced unless that is the point.

use std::io::Write as _;
use std::path::Path;

use crate::error::Error;

/// Create `path` holding `bytes`, only if no file is there. The text is written to a temporary
/// file beside it, which is then linked into place without replacing anything, so the file
/// appears whole or not at all. Returns `false` (and writes nothing) if `path` exists.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    // A quick answer when the name is plainly taken; `link_new` is what makes sure.
    if path.symlink_metadata().is_ok() {
        return Ok(false);
    }
    link_new(path, bytes)
}

/// Write `bytes` to a temporary file beside `path`, then link it to `path` only if nothing (no
/// file, folder or link) is there: the operating system checks and links in one step, so a
/// file that appears at `path` after [`create_new`] looked is never replaced.
fn link_new(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    let failed = |source| Error::Write { path: path.to_path_buf(), source };
    let mut temporary = temporary_beside(path).map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    match temporary.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(failed(error.error)),
    }
}

/// Write `bytes` to `path`, replacing what is there: written to a temporary file beside it and
/// renamed into place, so a failed or interrupted write leaves the old file whole. A file that
/// was there keeps its permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::Write { path: path.to_path_buf(), source };
    let mut temporary = temporary_beside(path).map_err(failed)?;
    if let Ok(old) = std::fs::metadata(path) {
        temporary.as_file().set_permissions(old.permissions()).map_err(failed)?;
    }
    temporary.write_all(bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// A temporary file in `path`'s folder (created if needed), with ordinary permissions.
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pqs-");
    // An ordinary file, as an editor would make it: readable by others unless the umask says not.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(folder).map_err(without_temporary_path)
}

/// `error` without the name of the temporary file that `tempfile` adds to its message: the
/// error already names the file being written, and `.pqs-9NscmN` would only puzzle.
fn without_temporary_path(error: std::io::Error) -> std::io::Error {
    match error.to_string().split_once(" at path ") {
        Some((reason, _)) => std::io::Error::new(error.kind(), reason.to_owned()),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_never_replaces() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a/b/c.md");
        assert!(create_new(&path, b"first").expect("writes"));
        assert!(!create_new(&path, b"second").expect("refuses"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first");
        let left: Vec<_> = std::fs::read_dir(path.parent().expect("parent")).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn replace_swaps_the_whole_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out/pack.html");
        replace(&path, b"old").expect("writes");
        #[cfg(unix)]
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
        replace(&path, b"new").expect("replaces");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::PermissionsExt::mode(
                &std::fs::metadata(&path).expect("metadata").permissions()
            ) & 0o777,
            0o600,
            "the old file's permissions are kept"
        );
        assert_eq!(std::fs::read_dir(dir.path().join("out")).expect("list").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_as_readable_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        create_new(&path, b"x").expect("writes");
        std::fs::write(dir.path().join("plain.md"), b"x").expect("plain write");
        let mode =
            |name: &str| std::fs::metadata(dir.path().join(name)).expect("metadata").permissions().mode();
        assert_eq!(mode("a.md"), mode("plain.md"), "the same mode as any file written here");
    }

    #[test]
    fn a_name_taken_after_the_check_is_still_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("2026-03-02-pdp.md");
        // Another program writes the name between `create_new`'s look and its link.
        std::fs::write(&path, "theirs").expect("write");
        assert!(!link_new(&path, b"ours").expect("refuses"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "theirs");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_name_is_neither_replaced_nor_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("elsewhere.md");
        let path = dir.path().join("new.md");
        std::os::unix::fs::symlink(&target, &path).expect("link");
        assert!(!link_new(&path, b"ours").expect("refuses"));
        assert!(!target.exists(), "nothing is written where the link points");
        assert_eq!(std::fs::read_link(&path).expect("still a link"), target);
    }
}
