//! Writing files so that nothing is lost: a file appears whole or not at all, and a file that
//! is already there is never replaced unless that is the point.

use std::io::Write as _;
use std::path::Path;

use crate::error::Error;

/// Create `path` holding `bytes`, only if no file is there. The text is written to a temporary
/// file beside it, which is then linked into place without replacing anything, so the file
/// appears whole or not at all. Returns `false` (and writes nothing) if `path` exists.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    let failed = |source| Error::Write { path: path.to_path_buf(), source };
    if path.symlink_metadata().is_ok() {
        return Ok(false);
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(failed)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pqs-");
    // An ordinary file, as an editor would make it: readable by others unless the umask says not.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temporary = builder.tempfile_in(folder).map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    match temporary.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(failed(error.error)),
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
}
