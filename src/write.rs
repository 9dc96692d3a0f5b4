//! Writing files so that nothing is lost: a file appears whole or not at all, and a file that
//! is already there is never replaced unless that is the point.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::Error;

/// The start of the name of every temporary file `pqs` writes; six random letters and digits
/// follow.
const TEMPORARY_PREFIX: &str = ".pqs-";

/// How many random letters and digits follow [`TEMPORARY_PREFIX`].
const TEMPORARY_RANDOM: usize = 6;

/// A temporary file of `pqs` this long untouched was left by a `pqs` that was stopped while
/// writing (killed, or the machine lost power); the next write to its folder removes it.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// How long to wait before each new try of a replace that another program stands in the way of,
/// 1.55 s in all: long enough for a sync tool to finish with a small file, short enough that a
/// person waits for no program that will not let go (a pack open in Word).
const PAUSES: [Duration; 5] = [
    Duration::from_millis(50),
    Duration::from_millis(100),
    Duration::from_millis(200),
    Duration::from_millis(400),
    Duration::from_millis(800),
];

/// Windows' `ERROR_ACCESS_DENIED`, which renaming over a file that is open gives.
const ERROR_ACCESS_DENIED: i32 = 5;
/// Windows' `ERROR_SHARING_VIOLATION`: another program has the file open and shares it not.
const ERROR_SHARING_VIOLATION: i32 = 32;
/// Windows' `ERROR_LOCK_VIOLATION`: another program has locked part of the file.
const ERROR_LOCK_VIOLATION: i32 = 33;

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
/// was there keeps its permissions. While another program has the file open (on Windows), the
/// rename is tried again a few times before [`Error::InUse`] says so.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::Write { path: path.to_path_buf(), source };
    let mut temporary = temporary_beside(path).map_err(failed)?;
    if let Ok(old) = std::fs::metadata(path) {
        temporary.as_file().set_permissions(old.permissions()).map_err(failed)?;
    }
    temporary.write_all(bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    let rename = |temporary: tempfile::NamedTempFile| temporary.persist(path).map_err(|e| (e.file, e.error));
    match again_while_in_use(temporary, rename, |error| in_use(error, path), std::thread::sleep) {
        Ok(_) => Ok(()),
        Err(Failed::InUse) => Err(Error::InUse { path: path.to_path_buf() }),
        Err(Failed::Other(error)) => Err(failed(error)),
    }
}

/// A file as it was read, to be replaced only while it still holds the same bytes.
#[derive(Debug)]
pub struct Original {
    /// Where it is: an ordinary file, not a link.
    pub path: PathBuf,
    /// What it held.
    pub bytes: Vec<u8>,
    /// What it was, to tell it from a file put in its place since.
    identity: Identity,
}

/// What tells one version of a file from another without reading it: its size and time of
/// change, and on Unix the file itself (device and inode).
#[derive(Debug, PartialEq, Eq)]
struct Identity {
    /// Its size in bytes.
    len: u64,
    /// When it was last changed.
    modified: Option<SystemTime>,
    /// Its device and inode.
    #[cfg(unix)]
    file: (u64, u64),
}

impl Identity {
    /// The identity of the file at `path` itself (a link is not followed); `None` unless it is an
    /// ordinary file.
    fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::symlink_metadata(path).ok().filter(std::fs::Metadata::is_file)?;
        #[cfg(unix)]
        let file = {
            use std::os::unix::fs::MetadataExt as _;
            (meta.dev(), meta.ino())
        };
        Some(Identity {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            file,
        })
    }
}

impl Original {
    /// Read the ordinary file at `path` (not a link), to replace it later with [`stage`].
    pub fn read(path: &Path) -> io::Result<Original> {
        let not_a_file = || io::Error::new(io::ErrorKind::InvalidInput, "it is not an ordinary file");
        if !std::fs::symlink_metadata(path)?.is_file() {
            return Err(not_a_file());
        }
        let bytes = crate::read::ordinary(path)?;
        // Taken after reading: a file replaced while it was read fails the comparison of bytes.
        let identity = Identity::of(path).ok_or_else(not_a_file)?;
        Ok(Original { path: path.to_path_buf(), bytes, identity })
    }

    /// Whether the file at the path is still this one, byte for byte.
    fn unchanged(&self) -> bool {
        Identity::of(&self.path).is_some_and(|now| now == self.identity) && self.holds_its_bytes(&self.path)
    }

    /// Whether `path` is an ordinary file holding this file's bytes.
    fn holds_its_bytes(&self, path: &Path) -> bool {
        let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        is_file && crate::read::ordinary(path).is_ok_and(|now| now == self.bytes)
    }
}

/// The new text of a file, written whole to a temporary file beside it and waiting to take its
/// place ([`replace_unchanged`]).
#[derive(Debug)]
pub struct Staged {
    /// The file to replace, as it was read.
    original: Original,
    /// The new text, in a temporary file in the same folder.
    temporary: tempfile::NamedTempFile,
}

/// Write `bytes`, the new text of `original`, to a temporary file beside it with its
/// permissions. Nothing is replaced yet.
pub fn stage(original: Original, bytes: &[u8]) -> Result<Staged, Error> {
    let failed = |source| Error::Write { path: original.path.clone(), source };
    let mut temporary = temporary_beside(&original.path).map_err(failed)?;
    let old = std::fs::metadata(&original.path).map_err(failed)?;
    temporary.as_file().set_permissions(old.permissions()).map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    Ok(Staged { original, temporary })
}

/// Why [`replace_unchanged`] replaced nothing.
#[derive(Debug)]
pub enum NotReplaced {
    /// The file at this path no longer holds what was read: another program wrote it.
    Changed(PathBuf),
    /// Writing failed.
    Failed(Error),
}

/// Put every staged file in place of its original, all or none, and none whose original
/// changed since it was read.
///
/// Where the system can swap two files in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`, macOS's `RENAME_SWAP`), each new file is swapped with the old and the old
/// one, now under the temporary name, is compared with what was read: a file another program
/// saved in between is found there, and is swapped back with every file already swapped.
/// Elsewhere each file is compared (identity and bytes) right before the rename.
pub fn replace_unchanged(staged: Vec<Staged>) -> Result<(), NotReplaced> {
    let mut done = Vec::new();
    for one in staged {
        match swap(one) {
            Ok(swapped) => done.push(swapped),
            Err(error) => {
                done.into_iter().rev().for_each(Swapped::undo);
                return Err(error);
            }
        }
    }
    // Dropping each temporary file removes the old text that was swapped out to its name.
    Ok(())
}

/// A file put in place by [`swap`].
#[derive(Debug)]
enum Swapped {
    /// Exchanged: the old file is under the temporary name, and can be swapped back.
    Exchanged(Staged),
    /// Renamed over the old file, which is gone.
    Renamed,
}

impl Swapped {
    /// Put the old file back, if it is still there to put back.
    fn undo(self) {
        if let Swapped::Exchanged(staged) = self {
            let _ = swap_back(staged);
        }
    }
}

/// Put `staged` in place of its original if the original is unchanged.
fn swap(staged: Staged) -> Result<Swapped, NotReplaced> {
    let path = staged.original.path.clone();
    match exchange(staged.temporary.path(), &path) {
        Ok(()) if staged.original.holds_its_bytes(staged.temporary.path()) => Ok(Swapped::Exchanged(staged)),
        Ok(()) => {
            swap_back(staged)
                .map_err(|source| NotReplaced::Failed(Error::Write { path: path.clone(), source }))?;
            Err(NotReplaced::Changed(path))
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err(NotReplaced::Changed(path)),
        Err(error) if exchange_unsupported(&error) => rename_if_unchanged(staged),
        Err(error) => Err(NotReplaced::Failed(Error::Write { path, source: error })),
    }
}

/// Swap the files of an exchanged `staged` back, and remove the new text, now under the
/// temporary name again. If a third program saved the file in between, what is under the
/// temporary name is its text, not ours: it is kept.
fn swap_back(staged: Staged) -> io::Result<()> {
    let back = exchange(staged.temporary.path(), &staged.original.path);
    if back.is_err() || !is_same_file(staged.temporary.as_file(), staged.temporary.path()) {
        staged.temporary.into_temp_path().keep().map_err(|e| e.error)?;
    }
    back
}

/// Whether `path` is the file open as `file`.
fn is_same_file(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let open = file.metadata().map(|m| (m.dev(), m.ino())).ok();
        open.is_some() && std::fs::symlink_metadata(path).map(|m| (m.dev(), m.ino())).ok() == open
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Rename `staged` over its original if the original is unchanged, where files cannot be
/// swapped in one step: the check and the rename are two steps, as close together as they can be.
fn rename_if_unchanged(staged: Staged) -> Result<Swapped, NotReplaced> {
    let path = staged.original.path.clone();
    if !staged.original.unchanged() {
        return Err(NotReplaced::Changed(path));
    }
    let rename = |temporary: tempfile::NamedTempFile| temporary.persist(&path).map_err(|e| (e.file, e.error));
    match again_while_in_use(staged.temporary, rename, |error| in_use(error, &path), std::thread::sleep) {
        Ok(_) => Ok(Swapped::Renamed),
        Err(Failed::InUse) => Err(NotReplaced::Failed(Error::InUse { path })),
        Err(Failed::Other(source)) => Err(NotReplaced::Failed(Error::Write { path, source })),
    }
}

/// Swap the files at `a` and `b` in one step.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Elsewhere files cannot be swapped in one step.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether `error`, from [`exchange`], says the system or the file system cannot swap files
/// (an old kernel, a network or FUSE file system): `ENOSYS`, `EOPNOTSUPP` or `EINVAL`.
fn exchange_unsupported(error: &io::Error) -> bool {
    matches!(error.kind(), io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput)
}

/// Why [`again_while_in_use`] gave up.
#[derive(Debug)]
enum Failed {
    /// Another program was still in the way after the last pause.
    InUse,
    /// Any other reason, at once.
    Other(io::Error),
}

/// Do `operation` on `value`, and again after each of [`PAUSES`] (given to `pause`) while it
/// fails for a reason that `in_use` says is another program holding the file, which it may soon
/// stop doing. The operation hands `value` back with its error, to be tried again.
fn again_while_in_use<V, T>(
    mut value: V,
    mut operation: impl FnMut(V) -> Result<T, (V, io::Error)>,
    in_use: impl Fn(&io::Error) -> bool,
    mut pause: impl FnMut(Duration),
) -> Result<T, Failed> {
    let mut pauses = PAUSES.iter();
    loop {
        value = match operation(value) {
            Ok(done) => return Ok(done),
            Err((_, error)) if !in_use(&error) => return Err(Failed::Other(error)),
            Err((back, _)) => match pauses.next() {
                Some(&wait) => {
                    pause(wait);
                    back
                }
                None => return Err(Failed::InUse),
            },
        };
    }
}

/// Whether `error`, from renaming a file over `path`, means that another program has `path` open.
/// Only Windows refuses that; elsewhere no error means it.
fn in_use(error: &io::Error, path: &Path) -> bool {
    let read_only = || std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    cfg!(windows) && error.raw_os_error().is_some_and(|code| windows_in_use(code, read_only))
}

/// Whether Windows' error `code` from renaming over a file means another program has it open: a
/// sharing or lock violation, or access denied to a file that is not `read_only` (asked only
/// then).
fn windows_in_use(code: i32, read_only: impl FnOnce() -> bool) -> bool {
    match code {
        ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION => true,
        ERROR_ACCESS_DENIED => !read_only(),
        _ => false,
    }
}

/// A temporary file in `path`'s folder (created if needed), with ordinary permissions.
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    remove_stale_temporaries(folder);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX).rand_bytes(TEMPORARY_RANDOM);
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

/// Remove the temporary files a stopped `pqs` left in `folder`: files named as
/// [`temporary_beside`] names them, untouched for [`STALE_AFTER`]. Anything else, and anything
/// that cannot be removed, is left as it is.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(random) = name.to_str().and_then(|n| n.strip_prefix(TEMPORARY_PREFIX)) else { continue };
        if random.len() != TEMPORARY_RANDOM || !random.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        // The entry's own metadata: a link is never followed.
        let Ok(metadata) = entry.metadata() else { continue };
        let age = metadata.modified().ok().and_then(|modified| modified.elapsed().ok());
        if metadata.is_file() && age.is_some_and(|age| age >= STALE_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
