//! Signing with a key file and checking signatures, both ways with `ssh-keygen -Y`.

use super::{make_key, open, public_file, public_line, ssh_keygen, ssh_keygen_verifies};
use crate::keys::{BadSignature, NAMESPACE, Signature};

const MESSAGE: &[u8] = b"pqs sign-off\nrecord: records/2025-01-10-supervision.md\nsigner: Sam Patel\n";

#[test]
fn ssh_keygen_verifies_what_pqs_signs_with_each_kind_of_key() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for kind in ["ed25519", "ecdsa", "rsa"] {
        let key = make_key(dir.path(), kind, kind, "");
        let signer = open(&key);
        let signature = signer.sign(MESSAGE).expect("signs");
        let allowed = format!("\"Sam Patel\" {}\n", signer.public_key());
        let (good, said) = ssh_keygen_verifies(dir.path(), &allowed, "Sam Patel", &signature, MESSAGE, None);
        assert!(good, "{kind}: ssh-keygen said: {said}");
        assert!(said.contains(&signer.fingerprint()), "{kind}: ssh-keygen named another key: {said}");
        let (good, _) = ssh_keygen_verifies(dir.path(), &allowed, "Sam Patel", &signature, b"another", None);
        assert!(!good, "{kind}: ssh-keygen took the signature for another message");
        // And pqs reads back what it wrote.
        let read = Signature::parse(&signature).expect("reads");
        assert!(read.verifies(MESSAGE), "{kind}");
        assert!(!read.verifies(b"another"), "{kind}");
        assert_eq!(read.public_key(), signer.public_key(), "{kind}");
    }
}

#[test]
fn the_armour_is_written_as_ssh_keygen_writes_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let key = make_key(dir.path(), "key", "ed25519", "");
    let ours = open(&key).sign(MESSAGE).expect("signs");
    let message = dir.path().join("message");
    std::fs::write(&message, MESSAGE).expect("write");
    let key_arg = key.to_str().expect("UTF-8");
    let out = ssh_keygen(&["-Y", "sign", "-n", NAMESPACE, "-f", key_arg, "-"], MESSAGE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let theirs = String::from_utf8(out.stdout).expect("text");
    // Ed25519 signatures are deterministic: the same key, namespace and message give the same
    // bytes, so the whole text can be compared.
    assert_eq!(ours, theirs);
    assert!(ours.ends_with("-----END SSH SIGNATURE-----\n"));
    let widths: Vec<usize> = ours.lines().skip(1).map(str::len).collect();
    assert!(widths[..widths.len() - 2].iter().all(|&w| w == 70), "{widths:?}");
}

#[test]
fn pqs_verifies_what_ssh_keygen_signs() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for kind in ["ed25519", "ecdsa", "rsa"] {
        let key = make_key(dir.path(), kind, kind, "");
        let key_arg = key.to_str().expect("UTF-8");
        let out = ssh_keygen(&["-Y", "sign", "-n", NAMESPACE, "-f", key_arg, "-"], MESSAGE);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        let armoured = String::from_utf8(out.stdout).expect("text");
        let signature = Signature::parse(&armoured).expect("reads");
        assert!(signature.verifies(MESSAGE), "{kind}");
        assert!(!signature.verifies(&MESSAGE[1..]), "{kind}: a changed message verifies");
        assert_eq!(signature.public_key(), public_line(&key), "{kind}");
        let listed = ssh_keygen(&["-l", "-f", public_file(&key).to_str().expect("UTF-8")], b"");
        let listed = String::from_utf8(listed.stdout).expect("text");
        assert_eq!(listed.split_whitespace().nth(1), Some(signature.fingerprint().as_str()), "{kind}");
    }
}

#[test]
fn a_signature_made_for_another_purpose_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let key = make_key(dir.path(), "key", "ed25519", "");
    let out = ssh_keygen(&["-Y", "sign", "-n", "file", "-f", key.to_str().expect("UTF-8"), "-"], MESSAGE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let armoured = String::from_utf8(out.stdout).expect("text");
    let refused = Signature::parse(&armoured).expect_err("another namespace");
    assert_eq!(refused, BadSignature::OtherPurpose { namespace: "file".into() });
}

#[test]
fn a_signature_reads_with_crlf_indentation_and_other_line_widths() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let signer = open(&make_key(dir.path(), "key", "ed25519", ""));
    let armoured = signer.sign(MESSAGE).expect("signs");
    let crlf = format!("\n\n{}\n  ", armoured.replace('\n', "\r\n"));
    let indented: String = armoured.lines().map(|l| format!("    {l}\n")).collect();
    let body: String = armoured.lines().filter(|l| !l.starts_with("-----")).collect();
    let rewrapped = format!(
        "-----BEGIN SSH SIGNATURE-----\n{}\n{}\n-----END SSH SIGNATURE-----",
        &body[..64],
        &body[64..]
    );
    for text in [crlf, indented, rewrapped] {
        let signature = Signature::parse(&text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
        assert!(signature.verifies(MESSAGE), "{text:?}");
    }
}

#[test]
fn text_that_is_not_a_whole_signature_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let armoured = open(&make_key(dir.path(), "key", "ed25519", "")).sign(MESSAGE).expect("signs");
    let lines: Vec<&str> = armoured.lines().collect();
    let without = |skip: usize| {
        let kept: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, l)| *l).collect();
        kept.join("\n")
    };
    let cases = [
        (String::new(), BadSignature::NotASignature),
        ("Sam Patel".to_owned(), BadSignature::NotASignature),
        (without(0), BadSignature::NotASignature),
        (without(lines.len() - 1), BadSignature::NotASignature),
        (format!("{armoured}{armoured}"), BadSignature::NotASignature),
        (without(2), BadSignature::Damaged),
        (armoured.replacen("U1NIU0lH", "U1NIU0lI", 1), BadSignature::Damaged),
        (armoured.replacen(lines[1], &format!("é{}", &lines[1][1..]), 1), BadSignature::Damaged),
        ("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n".to_owned(), BadSignature::Damaged),
    ];
    for (text, expected) in cases {
        assert_eq!(Signature::parse(&text).err(), Some(expected), "{text:?}");
    }
}

#[test]
fn a_signature_whose_signing_bytes_were_changed_does_not_verify() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let armoured = open(&make_key(dir.path(), "key", "ed25519", "")).sign(MESSAGE).expect("signs");
    // The last line holds the end of the Ed25519 signature itself; flip one of its characters.
    let lines: Vec<&str> = armoured.lines().collect();
    let last = lines[lines.len() - 2];
    let flipped = if last.starts_with('A') { last.replacen('A', "B", 1) } else { format!("A{}", &last[1..]) };
    let changed = armoured.replace(last, &flipped);
    let signature = Signature::parse(&changed).expect("still reads");
    assert!(!signature.verifies(MESSAGE));
}

#[test]
fn the_signer_names_its_key_as_ssh_keygen_does() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let key = make_key(dir.path(), "key", "ed25519", "");
    let signer = open(&key);
    assert_eq!(signer.public_key(), public_line(&key));
    let listed = ssh_keygen(&["-l", "-f", key.to_str().expect("UTF-8")], b"");
    let listed = String::from_utf8(listed.stdout).expect("text");
    assert_eq!(listed.split_whitespace().nth(1), Some(signer.fingerprint().as_str()));
    // A key file saved with Windows line ends, or with spaces around it, is the same key.
    let text = std::fs::read_to_string(&key).expect("key");
    let crlf = dir.path().join("crlf");
    std::fs::write(&crlf, format!("\r\n{}  \r\n", text.replace('\n', "\r\n"))).expect("write");
    assert_eq!(open(&crlf).public_key(), signer.public_key());
    // The key read from its private file and from its public half is one key.
    std::fs::remove_file(public_file(&key)).expect("the private key needs no .pub beside it");
    assert_eq!(open(&key).public_key(), signer.public_key());
}
