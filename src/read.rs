//! Reading a user's files: only ordinary files, and only up to a size. A named pipe or a device
//! given where a file belongs would block the read or never end it.

use std::fmt;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// The most `pqs` reads of any one file: records, `pqs.yaml`, frameworks, templates.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;

/// The bytes of the ordinary file at `path` (a link to one is followed), refusing anything else
/// and anything over [`MAX_BYTES`] with an error in plain words.
///
/// The file is opened first and then asked what it is, so a record costs one open, one stat of
/// the open file and its reads. On Unix it is opened without blocking, which opening a named pipe
/// with no writer would otherwise do.
pub fn ordinary(path: &Path) -> io::Result<Vec<u8>> {
    let (file, meta) = open_ordinary(path)?;
    let too_large = |size: u64| io::Error::new(io::ErrorKind::FileTooLarge, TooLarge(size));
    if meta.len() > MAX_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file as it was when asked: a file that grows while it is read stops at the size it
    // had, which also spares a last read to find its end. One that gives no size (some special
    // file systems) is read to its end, up to the limit.
    let wanted = if meta.len() > 0 { meta.len() } else { MAX_BYTES + 1 };
    file.take(wanted).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The ordinary file at `path` (a link to one is followed) opened for reading, of any size,
/// refusing anything else without blocking; and what it is.
pub fn open_ordinary(path: &Path) -> io::Result<(File, std::fs::Metadata)> {
    let file = open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "a folder" } else { "not an ordinary file (a pipe, socket or device)" };
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {what}")));
    }
    Ok((file, meta))
}

#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // Reading an ordinary file is the same with or without it.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Why [`ordinary`] refused a file over [`MAX_BYTES`]: its size in bytes.
#[derive(Debug)]
pub struct TooLarge(pub u64);

impl TooLarge {
    /// The size of the file, if `error` is [`ordinary`] refusing one over [`MAX_BYTES`].
    pub fn size_in(error: &io::Error) -> Option<u64> {
        error.get_ref()?.downcast_ref::<TooLarge>().map(|too_large| too_large.0)
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "it is {} bytes, over the {} MiB limit on a file", self.0, MAX_BYTES / 1024 / 1024)
    }
}

impl std::error::Error for TooLarge {}

/// As [`ordinary`], as UTF-8 text.
pub fn ordinary_text(path: &Path) -> io::Result<String> {
    String::from_utf8(ordinary(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_ordinary_file_and_refuses_folders() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("pqs.yaml");
        std::fs::write(&file, "name: x\n").expect("write");
        assert_eq!(ordinary(&file).expect("reads"), b"name: x\n");
        let error = ordinary(dir.path()).expect_err("a folder");
        assert_eq!(error.to_string(), "it is a folder");
    }

    /// Named pipes among files are Unix's (made with coreutils' `mkfifo`).
    #[cfg(unix)]
    #[test]
    fn refuses_a_pipe_without_waiting() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let pipe = dir.path().join("pipe.yaml");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo runs");
        assert!(made.success());
        let error = ordinary(&pipe).expect_err("a pipe, refused without blocking");
        assert!(error.to_string().contains("not an ordinary file"), "{error}");
    }

    #[test]
    fn refuses_a_file_over_the_limit() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("big.yaml");
        let handle = std::fs::File::create(&file).expect("create");
        handle.set_len(MAX_BYTES + 1).expect("sparse file");
        let error = ordinary(&file).expect_err("too large");
        assert!(error.to_string().contains("over the 5 MiB limit"), "{error}");
        assert_eq!(TooLarge::size_in(&error), Some(MAX_BYTES + 1));
    }

    /// Files of Linux's `/proc` say they are empty and are not: they are read to their end.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_gives_no_size_is_read_to_its_end() {
        let status = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).expect("stat").len(), 0);
        let text = String::from_utf8(ordinary(status).expect("reads")).expect("text");
        assert!(text.contains("\nPid:"), "{text}");
    }
}
