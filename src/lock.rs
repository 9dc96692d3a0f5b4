//! The lock every `pqs` that changes a portfolio's files holds while it does: one `pqs sign`
//! waits for another, so each reads the record as the other left it.
//!
//! The lock is the operating system's advisory lock on [`FILE_NAME`] at the portfolio's root
//! (`flock` on Linux and macOS, `LockFileEx` on Windows), taken through the standard library.
//! It is let go when the lock is dropped, or when the process ends however it ends, so a killed
//! `pqs` never leaves a portfolio locked. The file itself stays: removing it while another
//! `pqs` waits on it would let a third lock a new file of the same name at the same time.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The name of the lock file at a portfolio's root. It holds nothing; `pqs init`'s
/// `.gitignore` leaves it out of git.
pub const FILE_NAME: &str = ".pqs.lock";

/// The lock on one portfolio, held until dropped.
#[derive(Debug)]
pub struct Lock {
    /// The open lock file: closing it lets the lock go. None when there is no lock file and
    /// none may be made.
    _file: Option<File>,
}

/// Wait for, then take, the lock on the portfolio whose root folder is `root`.
///
/// A portfolio whose root folder may not be written, with no lock file yet, has no lock: `pqs`
/// goes on without one, since writing never replaces a file changed since it was read
/// ([`crate::write::replace_unchanged`]); at worst one of two signing at once refuses, and the
/// file it cannot write is the one the error names.
pub fn lock(root: &Path) -> Result<Lock, Error> {
    let path = root.join(FILE_NAME);
    let failed = |source| Error::Write { path: path.clone(), source };
    let file = match open(&path) {
        Ok(file) => file,
        Err(error) if may_not_write(&error) => return Ok(Lock { _file: None }),
        Err(error) => return Err(failed(error)),
    };
    file.lock().map_err(failed)?;
    Ok(Lock { _file: Some(file) })
}

/// Whether `error`, from making the lock file, says the folder may not be written.
fn may_not_write(error: &io::Error) -> bool {
    matches!(error.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem)
}

/// Take the locks on every portfolio of `roots`, one at a time in the order of their paths, so
/// two `pqs` that need the same two locks never each hold one and wait for the other.
pub fn lock_all(roots: &[PathBuf]) -> Result<Vec<Lock>, Error> {
    let mut sorted = roots.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.iter().map(|root| lock(root)).collect()
}

/// Open the lock file at `path`, creating it if needed; read-only if it is there and may not be
/// written (a lock needs no writing). A link at its name is not followed, so nothing is created
/// outside the portfolio.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    match options.open(path) {
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
            let mut read_only = OpenOptions::new();
            read_only.read(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::custom_flags(&mut read_only, libc::O_NOFOLLOW);
            read_only.open(path).map_err(|_| error)
        }
        opened => opened,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_until_the_first_is_let_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = lock(dir.path()).expect("locks");
        let other = File::open(dir.path().join(FILE_NAME)).expect("the lock file is there");
        assert!(other.try_lock().is_err(), "held by the first");
        drop(first);
        assert!(other.try_lock().is_ok(), "let go when dropped");
    }

    #[test]
    fn locks_are_taken_once_each_in_order() {
        let a = tempfile::tempdir().expect("temp dir");
        let b = tempfile::tempdir().expect("temp dir");
        let roots = [b.path().to_path_buf(), a.path().to_path_buf(), b.path().to_path_buf()];
        assert_eq!(lock_all(&roots).expect("locks").len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_lock_files_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = dir.path().join("outside");
        std::os::unix::fs::symlink(&outside, dir.path().join(FILE_NAME)).expect("link");
        assert!(lock(dir.path()).is_err());
        assert!(!outside.exists(), "nothing is created where the link points");
    }
}
