//! The words of every key and signature error, pinned whole, and the files that lead to them.

use std::path::{Path, PathBuf};

use base64::Engine as _;

use super::{make_key, public_file, ssh_keygen};
use crate::keys::{BadSignature, KeyError, Signer};

fn path() -> PathBuf {
    PathBuf::from("/home/sam/.ssh/id_ed25519")
}

#[test]
fn every_key_error_in_full() {
    let socket = PathBuf::from("/tmp/ssh-x/agent.1");
    let cases = [
        (
            KeyError::Read { path: path(), reason: "No such file or directory (os error 2)".into() },
            "cannot read the key file `/home/sam/.ssh/id_ed25519`: No such file or directory (os error 2)",
        ),
        (
            KeyError::NotAKey { path: path() },
            "`/home/sam/.ssh/id_ed25519` is not an SSH key file. Give the key file that `ssh-keygen` \
             made: the private key (such as `~/.ssh/id_ed25519`), or its public half (`.pub`) if \
             ssh-agent holds the key.",
        ),
        (
            KeyError::OlderFormat { path: path() },
            "the key file `/home/sam/.ssh/id_ed25519` is in an older format that pqs cannot read. \
             Run `ssh-keygen -p -f /home/sam/.ssh/id_ed25519` to save it in the current format (the \
             key stays the same), then sign again.",
        ),
        (
            KeyError::PuttyKey { path: path() },
            "the key file `/home/sam/.ssh/id_ed25519` is a PuTTY key. In PuTTYgen, load it and \
             choose \"Conversions\", then \"Export OpenSSH key\", and give pqs the file it saves.",
        ),
        (
            KeyError::Damaged { path: path() },
            "the key file `/home/sam/.ssh/id_ed25519` is damaged: part of it is missing or was \
             changed. Use the file as `ssh-keygen` made it.",
        ),
        (
            KeyError::NoPassphrase { path: path() },
            "the key file `/home/sam/.ssh/id_ed25519` is protected by a passphrase, and none was given: run `pqs sign` in a terminal to be asked for it, or give the key to ssh-agent once (`ssh-add /home/sam/.ssh/id_ed25519`) and pqs signs through the agent without asking.",
        ),
        (
            KeyError::WrongPassphrase { path: path() },
            "the passphrase for the key file `/home/sam/.ssh/id_ed25519` is not right.",
        ),
        (
            KeyError::NoAgent { path: path() },
            "`/home/sam/.ssh/id_ed25519` is the public half of a key: pqs can sign with it only \
             through ssh-agent, and no ssh-agent is running here. Give the private key file instead \
             (the same name without `.pub`), or start ssh-agent and add the key to it with `ssh-add`.",
        ),
        (
            KeyError::AgentUnreachable { socket: socket.clone(), reason: "nothing is there".into() },
            "cannot reach the ssh-agent at `/tmp/ssh-x/agent.1` (nothing is there). Is it still \
             running? Start it again and add the key with `ssh-add`, or give the private key file \
             instead.",
        ),
        (
            KeyError::NotInAgent { path: path(), fingerprint: "SHA256:abc".into() },
            "the ssh-agent does not hold the key `/home/sam/.ssh/id_ed25519` (SHA256:abc). Add it \
             with `ssh-add` and the private key file, then sign again.",
        ),
        (
            KeyError::AgentRefused { path: path() },
            "the ssh-agent would not sign with the key `/home/sam/.ssh/id_ed25519`: it may be locked \
             (`ssh-add -X` unlocks it) or waiting for a confirmation that was refused.",
        ),
        (
            KeyError::AgentBadSignature { path: path() },
            "the ssh-agent's signature with the key `/home/sam/.ssh/id_ed25519` does not check out, \
             so pqs did not use it. Try again, or give the private key file instead.",
        ),
        (
            KeyError::SigningFailed { path: path() },
            "signing with the key `/home/sam/.ssh/id_ed25519` did not work, so nothing was signed. \
             Try again; if it fails again, make an Ed25519 key with `ssh-keygen -t ed25519` and \
             sign with that.",
        ),
        (
            KeyError::CannotSign { path: path(), kind: "a certificate".into() },
            "the key `/home/sam/.ssh/id_ed25519` is a certificate, which pqs cannot sign with. Make \
             an Ed25519 key with `ssh-keygen -t ed25519` and sign with that.",
        ),
    ];
    for (error, words) in cases {
        assert_eq!(error.to_string(), words);
    }
}

#[test]
fn every_signature_error_in_full() {
    let cases = [
        (
            BadSignature::NotASignature,
            "this is not an SSH signature: it should start with `-----BEGIN SSH SIGNATURE-----` and \
             end with `-----END SSH SIGNATURE-----`.",
        ),
        (
            BadSignature::Damaged,
            "the signature is damaged: part of it is missing or was changed, so it cannot be read.",
        ),
        (
            BadSignature::NewerFormat { version: 2 },
            "the signature was made in a newer format (version 2) than pqs can check.",
        ),
        (
            BadSignature::OtherPurpose { namespace: "file".into() },
            "the signature was made for another purpose (`file`), not for a pqs sign-off \
             (`pqs-signoff`). Sign the record again with `pqs sign`.",
        ),
    ];
    for (error, words) in cases {
        assert_eq!(error.to_string(), words);
    }
}

fn open_error(path: &Path) -> KeyError {
    match Signer::open(path, None, &mut || None) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(error) => error,
    }
}

#[test]
fn files_that_are_not_keys_pqs_can_use_say_why() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let at = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let missing = dir.path().join("missing");
    assert!(matches!(open_error(&missing), KeyError::Read { path, .. } if path == missing));
    assert!(matches!(open_error(dir.path()), KeyError::Read { .. }));
    let notes = at("notes.md", "# My notes\n\nNot a key.\n");
    assert_eq!(open_error(&notes), KeyError::NotAKey { path: notes });
    let putty = at("key.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n");
    assert_eq!(open_error(&putty), KeyError::PuttyKey { path: putty });
    let key = make_key(dir.path(), "key", "ed25519", "");
    let text = std::fs::read_to_string(&key).expect("key");
    let cut = at("cut", &text[..text.len() / 2]);
    assert_eq!(open_error(&cut), KeyError::Damaged { path: cut });
    let public = std::fs::read_to_string(public_file(&key)).expect("public key");
    let cut_public = at("cut.pub", &public[..40]);
    assert_eq!(open_error(&cut_public), KeyError::Damaged { path: cut_public });
}

#[test]
fn an_older_key_format_says_how_to_convert_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("old");
    let file = path.to_str().expect("UTF-8");
    let out = ssh_keygen(&["-q", "-t", "ecdsa", "-m", "PEM", "-N", "", "-f", file], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(open_error(&path), KeyError::OlderFormat { path: path.clone() });
    // The advice works: converted in place, it signs.
    let out = ssh_keygen(&["-q", "-p", "-N", "", "-P", "", "-f", file], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(Signer::open(&path, None, &mut || None).is_ok());
}

#[test]
fn a_certificate_or_a_security_key_cannot_sign() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let authority = make_key(dir.path(), "ca", "ed25519", "");
    let key = make_key(dir.path(), "key", "ed25519", "");
    let args = ["-q", "-s", authority.to_str().expect("UTF-8"), "-I", "sam", "-n", "sam"];
    let out = ssh_keygen(&[&args[..], &[public_file(&key).to_str().expect("UTF-8")]].concat(), b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let certificate = dir.path().join("key-cert.pub");
    let kind = "a certificate".to_owned();
    assert_eq!(open_error(&certificate), KeyError::CannotSign { path: certificate, kind });
    // A security key's public half, written out: its kind, its key and the site it is for.
    let mut blob = Vec::new();
    for part in [&b"sk-ssh-ed25519@openssh.com"[..], &[7; 32], b"ssh:"] {
        blob.extend(u32::try_from(part.len()).expect("short").to_be_bytes());
        blob.extend(part);
    }
    let line = format!(
        "sk-ssh-ed25519@openssh.com {} sam\n",
        base64::engine::general_purpose::STANDARD.encode(blob)
    );
    let security = dir.path().join("id_ed25519_sk.pub");
    std::fs::write(&security, line).expect("write");
    let kind = "a security key (one you touch to use)".to_owned();
    assert_eq!(open_error(&security), KeyError::CannotSign { path: security, kind });
}
