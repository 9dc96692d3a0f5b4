//! Integration tests: the real `pqs` binary on fixture portfolios.

mod architecture;
mod attachments;
mod check_bad;
mod check_examples;
mod check_options;
mod ci_formats;
mod cohort;
mod coverage;
mod endorsement;
mod errors;
mod fixes;
mod fuzz_inputs;
mod hostile;
mod init;
mod keys;
mod new;
mod output;
mod pack_signoffs;
mod paths;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod pdf_hostile;
mod pinned;
mod privacy;
mod privacy_corpus;
mod privacy_text;
mod races;
mod release;
mod render;
mod schema;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod serve_edit;
#[cfg(feature = "serve")]
mod serve_sign;
mod shell;
mod signoff;
mod standards;
mod status;
mod templates;
mod templates_hostile;
mod typed;
mod writes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use sha2::{Digest as _, Sha256};

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture portfolio under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// An example under `examples/`.
pub fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// Copy the folder `from` into the folder `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A new Ed25519 key without a passphrase at `dir/name` (and `dir/name.pub`), made by
/// `ssh-keygen` (Debian's openssh-client, which `.ci/run` installs): its private key file, and its
/// public half as one line without its comment (`ssh-ed25519 AAAA...`).
pub fn ssh_key(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(&path)
        .output()
        .expect("ssh-keygen runs: install OpenSSH's client (Debian's openssh-client)");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let public = std::fs::read_to_string(dir.join(format!("{name}.pub"))).expect("the public key");
    let public = public.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    (path, public)
}

/// `pqs` with no colour and a fixed "today".
pub fn pqs() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pqs"));
    command.env_remove("NO_COLOR");
    command
}

/// The codes of a JSON report's findings at the level of an error, in the report's order.
pub fn error_codes(report: &serde_json::Value) -> Vec<&str> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["code"].as_str())
        .collect()
}

/// Run `pqs check PATH --format json --today 2026-11-22 [extra]` and parse the report.
pub fn check_json(path: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let output = pqs()
        .arg("check")
        .arg(path)
        .args(["--format", "json"])
        .args(if extra.contains(&"--today") { &[][..] } else { &["--today", "2026-11-22"][..] })
        .args(extra)
        .output()
        .expect("pqs runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().expect("exited normally"), report)
}

/// The diagnostics of a report as `(file, line, code)`, file-level ones only.
pub fn located(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].is_string())
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The codes of the portfolio-wide findings (gaps).
pub fn gap_codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].is_null())
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// How long a run of `pqs` may take before it is taken to hang and is stopped: generous, as
/// tests share the machine.
pub const TIME_LIMIT: Duration = Duration::from_secs(120);

/// What a run of `pqs` gave.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Run `command` and show it ended by itself without a panic: a run that takes longer than
/// [`TIME_LIMIT`] is stopped and fails the test as a hang, and one ended by a signal (a stack
/// overflow aborts) as a crash.
pub fn finish(command: &mut Command) -> Run {
    let output = command.timeout(TIME_LIMIT).output().expect("pqs starts");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let Some(code) = output.status.code() else {
        panic!(
            "pqs did not end by itself ({}): it hung and was stopped after {TIME_LIMIT:?}, or it crashed\n{stderr}",
            output.status
        );
    };
    assert!(code != 101 && !stderr.contains("panicked"), "pqs panicked:\n{stderr}");
    Run { code, stdout: String::from_utf8_lossy(&output.stdout).into_owned(), stderr }
}

/// Every file, folder and link under `root` with what it holds: a file's SHA-256, a link's
/// target. Two snapshots are equal when nothing was written, created, replaced or removed.
pub fn snapshot(root: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1).follow_links(false) {
        let entry = entry.expect("every folder can be listed");
        let name = entry.path().strip_prefix(root).expect("inside").to_string_lossy().into_owned();
        let kind = entry.file_type();
        let what = if kind.is_symlink() {
            format!("link to {}", std::fs::read_link(entry.path()).expect("link").display())
        } else if kind.is_file() {
            let bytes = std::fs::read(entry.path()).expect("every file can be read");
            Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
        } else if kind.is_dir() {
            "folder".to_owned()
        } else {
            "special file".to_owned()
        };
        found.insert(name, what);
    }
    found
}

/// Make `link` a symbolic link to the file `target`, which need not exist. On Windows that takes
/// the right to make links (Developer Mode, or an administrator's), which CI's runners have.
pub fn link_file(target: &Path, link: &Path) {
    #[cfg(unix)]
    let made = std::os::unix::fs::symlink(target, link);
    #[cfg(windows)]
    let made = std::os::windows::fs::symlink_file(target, link);
    made.expect("a link to a file");
}

/// How the tests that need a file `pqs` may not read or a folder it may not write run `pqs`: as
/// the user running the tests if that is not root (root may read and write anything), else as
/// the user `nobody` through `setpriv` (util-linux), from a copy of `pqs` in a temporary folder
/// that user may enter (the repository's own folder may be closed to others). Unix only: the tests
/// of permissions set Unix's file modes.
#[cfg(unix)]
#[derive(Debug)]
pub enum Unprivileged {
    /// The tests run as an ordinary user, who file permissions apply to.
    Myself,
    /// The tests run as root; `pqs` runs as `nobody` (uid and gid 65534).
    Nobody {
        /// The copy of `pqs` that user runs.
        binary: PathBuf,
        /// The folder holding it, removed with this value.
        _folder: tempfile::TempDir,
    },
}

#[cfg(unix)]
impl Unprivileged {
    /// The way to run `pqs` here. Fails, saying why, when there is none: such tests are
    /// never skipped.
    pub fn find() -> Unprivileged {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        // A new file belongs to the user the tests run as.
        let probe = tempfile::NamedTempFile::new().expect("temporary file");
        if probe.as_file().metadata().expect("metadata").uid() != 0 {
            return Unprivileged::Myself;
        }
        let setpriv = std::process::Command::new("setpriv").arg("--version").output();
        assert!(
            setpriv.is_ok_and(|o| o.status.success()),
            "the tests run as root, whom file permissions do not stop, and `setpriv` (util-linux) is \
             not there to run pqs as the user nobody: install util-linux, or run the tests as an \
             ordinary user"
        );
        let folder = tempfile::tempdir().expect("temporary folder");
        let binary = folder.path().join("pqs");
        std::fs::copy(env!("CARGO_BIN_EXE_pqs"), &binary).expect("a copy of pqs");
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let nobody = Unprivileged::Nobody { binary, _folder: folder };
        if let Unprivileged::Nobody { _folder: folder, .. } = &nobody {
            nobody.share(folder.path());
        }
        nobody
    }

    /// `pqs`, run as this user.
    pub fn pqs(&self) -> Command {
        match self {
            Unprivileged::Myself => pqs(),
            Unprivileged::Nobody { binary, .. } => {
                let mut command = Command::new("setpriv");
                command
                    .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                    .arg(binary)
                    .env_remove("NO_COLOR");
                command
            }
        }
    }

    /// Let this user into the temporary folder `dir`, as into any folder of another user that
    /// others may read; fails, saying why, if a folder above it is closed to others.
    pub fn share(&self, dir: &Path) {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        if matches!(self, Unprivileged::Myself) {
            return;
        }
        for folder in dir.ancestors() {
            let mode = std::fs::metadata(folder).expect("metadata").permissions().mode();
            assert!(
                mode & 0o001 != 0,
                "the user nobody cannot enter `{}`, so cannot run pqs on `{}`: let others enter it \
                 (chmod o+x), or set TMPDIR to a folder they may enter",
                folder.display(),
                dir.display()
            );
        }
    }
}
