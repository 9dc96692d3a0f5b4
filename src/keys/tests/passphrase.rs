//! A passphrase-protected key: asked for its passphrase only when protected, a few times at most,
//! and giving up when the caller does.

use super::short::short_p256;
use super::{make_key, open, ssh_keygen_verifies};
use crate::keys::{KeyError, Signer};

#[test]
fn the_right_passphrase_opens_the_key_and_it_signs() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let key = make_key(dir.path(), "key", "ed25519", "secret words");
    let mut asked = 0;
    let signer = Signer::open(&key, None, &mut || {
        asked += 1;
        Some("secret words".to_owned())
    })
    .expect("opens");
    assert_eq!(asked, 1);
    // Printed for debugging, it shows the key's name, never its private half.
    let shown = format!("{signer:?}");
    assert_eq!(
        shown,
        format!(
            "Signer {{ path: {key:?}, fingerprint: {:?}, private half in: \"the key file\" }}",
            signer.fingerprint()
        )
    );
    let signature = signer.sign(b"message").expect("signs");
    let allowed = format!("sam@example.org {}\n", signer.public_key());
    let (good, said) =
        ssh_keygen_verifies(dir.path(), &allowed, "sam@example.org", &signature, b"message", None);
    assert!(good, "ssh-keygen said: {said}");
}

#[test]
fn a_wrong_passphrase_is_asked_again_then_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // An ECDSA key that ssh-key alone cannot read (src/keys/ecdsa.rs) is refused the same way.
    let keys = [make_key(dir.path(), "key", "ed25519", "secret"), short_p256(dir.path(), "short", "secret")];
    for key in keys {
        let mut asked = 0;
        let refused = Signer::open(&key, None, &mut || {
            asked += 1;
            Some("guess".to_owned())
        })
        .err();
        assert_eq!(refused, Some(KeyError::WrongPassphrase { path: key.clone() }));
        assert_eq!(asked, 3, "asked as often as ssh-add asks");
        // Right the second time.
        let mut tries = vec!["secret", "guess"];
        let opened = Signer::open(&key, None, &mut || tries.pop().map(str::to_owned));
        assert!(opened.is_ok(), "{}", key.display());
    }
}

#[test]
fn no_passphrase_from_the_caller_gives_up_at_once() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let key = make_key(dir.path(), "key", "ed25519", "secret");
    let mut asked = 0;
    let refused = Signer::open(&key, None, &mut || {
        asked += 1;
        None
    })
    .err();
    assert_eq!(refused, Some(KeyError::NoPassphrase { path: key.clone() }));
    assert_eq!(asked, 1);
}

#[test]
fn an_unprotected_key_never_asks() {
    let dir = tempfile::tempdir().expect("temporary folder");
    // `open` panics if the passphrase is asked for.
    let signer = open(&make_key(dir.path(), "key", "ed25519", ""));
    assert!(signer.sign(b"message").is_ok());
}
