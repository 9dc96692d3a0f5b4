//! ECDSA keys whose private number is shorter than the curve's width, written as OpenSSH writes
//! them (without leading zero bytes): ssh-key alone refuses them as damaged, pqs opens them,
//! protected or not, and signs with them (src/keys/ecdsa.rs).

use std::path::{Path, PathBuf};

use ssh_key::private::{EcdsaKeypair, KeypairData};
use ssh_key::{LineEnding, PrivateKey};

use super::{ssh_keygen, ssh_keygen_verifies};
use crate::keys::Signer;

const MESSAGE: &[u8] = b"pqs sign-off\nrecord: evidence/2026-03-02-observation.md\n";

/// A P-256 key at `dir/name` whose private number starts with a zero byte, protected by
/// `passphrase` (empty: none), as `ssh-keygen` writes it: made here, then written again by
/// `ssh-keygen -p`, which drops the zero byte.
pub(super) fn short_p256(dir: &Path, name: &str, passphrase: &str) -> PathBuf {
    let mut number = [0x5a; 32];
    number[0] = 0;
    let secret = p256::SecretKey::from_slice(&number).expect("a P-256 private number");
    let pair = EcdsaKeypair::NistP256 { public: secret.public_key().into(), private: secret.into() };
    let key = PrivateKey::new(KeypairData::from(pair), "sam@example.org").expect("a key");
    let path = dir.join(name);
    key.write_openssh_file(&path, LineEnding::LF).expect("written");
    rewrite(&path, "", passphrase);
    path
}

/// The key file at `path` written again by `ssh-keygen -p`, from passphrase `old` to `new`.
fn rewrite(path: &Path, old: &str, new: &str) {
    let file = path.to_str().expect("UTF-8");
    let out = ssh_keygen(&["-q", "-p", "-P", old, "-N", new, "-f", file], b"");
    assert!(out.status.success(), "ssh-keygen -p: {}", String::from_utf8_lossy(&out.stderr));
}

/// Whether ssh-key alone reads the key file at `path` with `passphrase` (empty: none).
fn ssh_key_reads(path: &Path, passphrase: &str) -> bool {
    let text = std::fs::read_to_string(path).expect("the key file");
    match PrivateKey::from_openssh(text) {
        Ok(key) if key.is_encrypted() => key.decrypt(passphrase).is_ok(),
        Ok(_) => true,
        Err(_) => false,
    }
}

/// The public key of the key file at `path`, as `ssh-keygen -y` gives it, without its comment.
fn public_line(path: &Path, passphrase: &str) -> String {
    let out = ssh_keygen(&["-y", "-P", passphrase, "-f", path.to_str().expect("UTF-8")], b"");
    assert!(out.status.success(), "ssh-keygen -y: {}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8(out.stdout).expect("text");
    line.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// The key at `path` opens with `passphrase` (asked for once if it is protected), is the key
/// ssh-keygen sees, and signs what `ssh-keygen -Y verify` accepts.
fn opens_and_signs(dir: &Path, path: &Path, passphrase: &str) {
    let mut asked = 0;
    let signer = Signer::open(path, None, &mut || {
        asked += 1;
        Some(passphrase.to_owned())
    })
    .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    assert_eq!(asked, usize::from(!passphrase.is_empty()), "{}", path.display());
    assert_eq!(signer.public_key(), public_line(path, passphrase), "{}", path.display());
    let signature = signer.sign(MESSAGE).expect("signs");
    let allowed = format!("\"Sam Patel\" {}\n", signer.public_key());
    let (good, said) = ssh_keygen_verifies(dir, &allowed, "Sam Patel", &signature, MESSAGE, None);
    assert!(good, "{}: ssh-keygen said: {said}", path.display());
    assert!(said.contains(&signer.fingerprint()), "{}: another key: {said}", path.display());
}

#[test]
fn a_p256_key_with_a_short_private_number_opens_and_signs_protected_or_not() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for passphrase in ["", "secret words"] {
        let key = short_p256(dir.path(), &format!("short-{}", passphrase.len()), passphrase);
        assert!(!ssh_key_reads(&key, passphrase), "the test's key is one ssh-key alone refuses");
        opens_and_signs(dir.path(), &key, passphrase);
    }
}

/// About one P-521 key in two that ssh-keygen makes has a private number shorter than 66 bytes.
#[test]
fn p521_keys_made_by_ssh_keygen_open_and_sign_protected_or_not() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut short = 0;
    // 64 keys, each short with a chance of one half: that none of them is short is a chance of 2⁻⁶⁴.
    for n in 0..64 {
        let key = dir.path().join(format!("p521-{n}"));
        let file = key.to_str().expect("UTF-8");
        let out = ssh_keygen(&["-q", "-t", "ecdsa", "-b", "521", "-N", "secret words", "-f", file], b"");
        assert!(out.status.success(), "ssh-keygen: {}", String::from_utf8_lossy(&out.stderr));
        if ssh_key_reads(&key, "secret words") {
            continue;
        }
        short += 1;
        opens_and_signs(dir.path(), &key, "secret words");
        rewrite(&key, "secret words", "");
        assert!(!ssh_key_reads(&key, ""), "unprotected, ssh-key alone still refuses it");
        opens_and_signs(dir.path(), &key, "");
        break;
    }
    assert_eq!(short, 1, "one of the keys made has a short private number");
}
