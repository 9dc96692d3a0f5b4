//! Unit tests of `write.rs`.

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
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).expect("metadata").permissions())
            & 0o777,
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
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).expect("metadata").permissions().mode();
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

#[test]
fn a_link_at_the_name_is_neither_replaced_nor_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("elsewhere.md");
    let path = dir.path().join("new.md");
    // On Windows, making a link takes Developer Mode or an administrator, as on CI's runners.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, &path).expect("link");
    #[cfg(windows)]
    std::os::windows::fs::symlink_file(&target, &path).expect("link");
    assert!(!link_new(&path, b"ours").expect("refuses"));
    assert!(!target.exists(), "nothing is written where the link points");
    assert_eq!(std::fs::read_link(&path).expect("still a link"), target);
}

#[test]
fn stale_temporaries_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let put = |name: &str, age: Duration| {
        let file = std::fs::File::create(dir.path().join(name)).expect("create");
        let modified = std::time::SystemTime::now() - age;
        file.set_modified(modified).expect("set the time");
    };
    let old = STALE_AFTER + Duration::from_secs(60);
    put(".pqs-aB3xY9", old);
    put(".pqs-fresh1", Duration::ZERO);
    put(".pqs-notes.md", old);
    put(".pqs-toolong1", old);
    put("pack.html", old);
    std::fs::create_dir(dir.path().join(".pqs-Folder")).expect("mkdir");
    replace(&dir.path().join("pack.html"), b"new").expect("writes");
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [".pqs-Folder", ".pqs-fresh1", ".pqs-notes.md", ".pqs-toolong1", "pack.html"]);
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `a.md` and `b.md` in `dir` read, and their new texts staged.
fn stage_both(dir: &Path) -> Vec<Staged> {
    ["a.md", "b.md"]
        .iter()
        .map(|name| {
            let path = dir.join(name);
            std::fs::write(&path, format!("old {name}")).expect("write");
            let original = Original::read(&path).expect("reads");
            stage(original, format!("new {name}").as_bytes()).expect("stages")
        })
        .collect()
}

#[test]
fn staged_files_replace_their_originals_together() {
    let dir = tempfile::tempdir().expect("temp dir");
    replace_unchanged(stage_both(dir.path())).expect("replaces");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).expect("read"), "new a.md");
    assert_eq!(std::fs::read_to_string(dir.path().join("b.md")).expect("read"), "new b.md");
    assert_eq!(names(dir.path()), ["a.md", "b.md"], "no temporary file is left");
}

/// An editor saves `b.md` (a new file renamed over it) after both were read and staged: neither
/// is replaced, and the editor's text is kept.
#[test]
fn a_file_saved_after_it_was_read_stops_every_replacement() {
    let dir = tempfile::tempdir().expect("temp dir");
    let staged = stage_both(dir.path());
    std::fs::write(dir.path().join("b.swp"), "the editor's b.md").expect("write");
    std::fs::rename(dir.path().join("b.swp"), dir.path().join("b.md")).expect("rename");
    let refused = replace_unchanged(staged);
    assert!(matches!(&refused, Err(NotReplaced::Changed(p)) if p.ends_with("b.md")), "{refused:?}");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).expect("read"), "old a.md");
    assert_eq!(std::fs::read_to_string(dir.path().join("b.md")).expect("read"), "the editor's b.md");
    assert_eq!(names(dir.path()), ["a.md", "b.md"], "no temporary file is left");
}

/// A file written in place, to the same length, is told apart by its bytes; one removed is
/// changed too. Both where files are swapped and where they are compared, then renamed.
#[test]
fn a_file_written_in_place_or_removed_is_not_replaced() {
    for rename in [false, true] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut staged = stage_both(dir.path());
        std::fs::write(dir.path().join("a.md"), "OLD a.md").expect("write");
        std::fs::remove_file(dir.path().join("b.md")).expect("remove");
        let b = staged.pop().expect("b");
        let a = staged.pop().expect("a");
        let outcomes = if rename {
            [rename_if_unchanged(a).map(|_| ()), rename_if_unchanged(b).map(|_| ())]
        } else {
            [replace_unchanged(vec![a]), replace_unchanged(vec![b])]
        };
        for (outcome, name) in outcomes.iter().zip(["a.md", "b.md"]) {
            assert!(matches!(outcome, Err(NotReplaced::Changed(p)) if p.ends_with(name)), "{outcome:?}");
        }
        assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).expect("read"), "OLD a.md");
        assert_eq!(names(dir.path()), ["a.md"], "no temporary file is left");
    }
}

#[test]
fn a_link_is_not_read_to_be_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("a.md");
    std::fs::write(&target, "a").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, dir.path().join("link.md")).expect("link");
    #[cfg(windows)]
    std::os::windows::fs::symlink_file(&target, dir.path().join("link.md")).expect("link");
    let error = Original::read(&dir.path().join("link.md")).expect_err("a link");
    assert_eq!(error.to_string(), "it is not an ordinary file");
}

/// An operation that fails with `errors` in turn, then succeeds; it counts its tries in the
/// value it is handed back.
fn failing(mut errors: Vec<io::Error>) -> impl FnMut(usize) -> Result<usize, (usize, io::Error)> {
    errors.reverse();
    move |tries| match errors.pop() {
        Some(error) => Err((tries + 1, error)),
        None => Ok(tries + 1),
    }
}

fn busy() -> io::Error {
    io::Error::from_raw_os_error(ERROR_SHARING_VIOLATION)
}

fn is_busy(error: &io::Error) -> bool {
    error.raw_os_error() == Some(ERROR_SHARING_VIOLATION)
}

#[test]
fn a_file_in_use_is_tried_again_after_growing_pauses() {
    let mut pauses = Vec::new();
    let done = again_while_in_use(0, failing(vec![busy(), busy()]), is_busy, |p| pauses.push(p));
    assert_eq!(done.expect("the third try succeeds"), 3);
    assert_eq!(pauses, PAUSES[..2]);
}

#[test]
fn a_file_still_in_use_after_the_last_pause_is_given_up() {
    let mut pauses = Vec::new();
    let operation = failing((0..10).map(|_| busy()).collect());
    let failed = again_while_in_use(0, operation, is_busy, |p| pauses.push(p));
    assert!(matches!(failed, Err(Failed::InUse)), "{failed:?}");
    assert_eq!(pauses, PAUSES);
    assert!(pauses.windows(2).all(|w| w[0] < w[1]), "each pause is longer");
    assert!(pauses.iter().sum::<Duration>() < Duration::from_secs(2), "a person is not kept waiting");
}

#[test]
fn other_errors_are_not_tried_again() {
    let mut pauses = Vec::new();
    let denied = io::Error::from(io::ErrorKind::PermissionDenied);
    let failed = again_while_in_use(0, failing(vec![denied, busy()]), is_busy, |p| pauses.push(p));
    assert!(matches!(failed, Err(Failed::Other(e)) if e.kind() == io::ErrorKind::PermissionDenied));
    assert!(pauses.is_empty());
}

#[test]
fn windows_errors_that_mean_in_use() {
    let never = || -> bool { panic!("read-only is asked only for access denied") };
    assert!(windows_in_use(ERROR_SHARING_VIOLATION, never));
    assert!(windows_in_use(ERROR_LOCK_VIOLATION, never));
    assert!(windows_in_use(ERROR_ACCESS_DENIED, || false));
    assert!(!windows_in_use(ERROR_ACCESS_DENIED, || true), "a read-only file is not in use");
    // ERROR_FILE_NOT_FOUND, ERROR_ALREADY_EXISTS, ERROR_DISK_FULL.
    for code in [2, 183, 112] {
        assert!(!windows_in_use(code, never), "{code}");
    }
}

/// Only Windows refuses to rename over an open file: elsewhere the same codes mean other
/// things (5 is EIO, 32 EPIPE on Linux) and are never taken for a file in use.
#[cfg(not(windows))]
#[test]
fn elsewhere_no_error_means_in_use() {
    let dir = tempfile::tempdir().expect("temp dir");
    for code in [ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION] {
        assert!(!in_use(&io::Error::from_raw_os_error(code), &dir.path().join("pack.html")));
    }
}

#[test]
fn the_message_names_the_file_and_what_to_do() {
    let error = Error::InUse { path: "packs/alex pack.html".into() };
    assert_eq!(
        error.to_string(),
        "could not replace `packs/alex pack.html`: another program has it open (for example Word, \
         or a sync tool such as OneDrive)\n  help: close it there, or wait for the sync to finish, \
         then try again"
    );
}
