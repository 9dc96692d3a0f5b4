//! Tests of the key layer against OpenSSH itself: keys are made with `ssh-keygen` in a temporary
//! folder, signatures go both ways between pqs and `ssh-keygen -Y`, and an `ssh-agent` is started
//! for the agent's tests. OpenSSH's client tools must be installed (Debian: openssh-client); a
//! test that needs them fails, saying so, rather than pass without trying.

mod agent;
mod allowed;
mod errors;
mod judge;
mod passphrase;
mod short;
mod sign;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::Signer;

/// A program of OpenSSH's, or a failed test that says how to install it.
fn openssh(program: &str) -> Command {
    let found = Command::new(program).arg("-?").stdout(Stdio::null()).stderr(Stdio::null()).status();
    assert!(
        found.is_ok(),
        "`{program}` is not installed: these tests check pqs against OpenSSH's own tools \
         (on Debian and Ubuntu: apt-get install openssh-client)"
    );
    Command::new(program)
}

/// `ssh-keygen` run with `args` and `input` on its standard input.
fn ssh_keygen(args: &[&str], input: &[u8]) -> Output {
    let mut child = openssh("ssh-keygen")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssh-keygen starts");
    child.stdin.take().expect("stdin").write_all(input).expect("ssh-keygen reads its input");
    child.wait_with_output().expect("ssh-keygen ends")
}

/// A new key of `kind` (`ed25519`, `rsa`, `ecdsa`) at `dir/name`, protected by `passphrase`
/// (empty: none), with its `.pub` beside it.
fn make_key(dir: &Path, name: &str, kind: &str, passphrase: &str) -> PathBuf {
    let path = dir.join(name);
    let file = path.to_str().expect("a temporary path is UTF-8");
    let out = ssh_keygen(&["-q", "-t", kind, "-N", passphrase, "-C", "sam@example.org", "-f", file], b"");
    assert!(out.status.success(), "ssh-keygen made no key: {}", String::from_utf8_lossy(&out.stderr));
    path
}

/// The key at `path` opened with no passphrase and no agent.
fn open(path: &Path) -> Signer {
    Signer::open(path, None, &mut || panic!("no passphrase is asked for an unprotected key"))
        .expect("the key opens")
}

/// `path`'s `.pub` sibling.
fn public_file(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// The first two words of a `.pub` file: the key as one line, without the comment.
fn public_line(path: &Path) -> String {
    let text = std::fs::read_to_string(public_file(path)).expect("the .pub file");
    text.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// `ssh-keygen -Y verify` of `signature` over `message`, for `principal` in `allowed` (the text
/// of an allowed signers file), on `day` (`YYYYMMDD`); its output and whether it said Good.
fn ssh_keygen_verifies(
    dir: &Path,
    allowed: &str,
    principal: &str,
    signature: &str,
    message: &[u8],
    day: Option<&str>,
) -> (bool, String) {
    let allowed_path = dir.join("allowed_signers");
    let signature_path = dir.join("message.sig");
    std::fs::write(&allowed_path, allowed).expect("write allowed signers");
    std::fs::write(&signature_path, signature).expect("write the signature");
    let mut args = vec!["-Y", "verify", "-n", "pqs-signoff", "-I", principal];
    args.extend(["-f", allowed_path.to_str().expect("UTF-8")]);
    args.extend(["-s", signature_path.to_str().expect("UTF-8")]);
    let when = day.map(|day| format!("verify-time={day}"));
    if let Some(when) = &when {
        args.extend(["-O", when]);
    }
    let out = ssh_keygen(&args, message);
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success() && said.starts_with("Good \"pqs-signoff\" signature"), said)
}

/// An `ssh-agent` of the test's own, listening on a socket in its temporary folder, and ended
/// when this is dropped: also when the test fails.
struct Agent {
    child: Child,
    socket: PathBuf,
}

impl Agent {
    fn start(dir: &Path) -> Agent {
        let socket = dir.join("agent.sock");
        let child = openssh("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ssh-agent starts");
        let agent = Agent { child, socket };
        let started = Instant::now();
        // The socket exists a moment before the agent listens on it: wait for an answer.
        while ssh_agent_client_rs::Client::connect(&agent.socket).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "ssh-agent did not answer in 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        agent
    }

    /// `ssh-add` of the private key `key`, talking to this agent only.
    fn add(&self, key: &Path) {
        let out = openssh("ssh-add")
            .arg(key)
            .env("SSH_AUTH_SOCK", &self.socket)
            .stdin(Stdio::null())
            .output()
            .expect("ssh-add runs");
        assert!(out.status.success(), "ssh-add failed: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        // It is the test's own child: ending it by its id touches nothing else.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
