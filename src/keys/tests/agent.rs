//! Signing through a running ssh-agent that holds the key, given the key's public half.

use super::{Agent, make_key, public_file, ssh_keygen, ssh_keygen_verifies};
use crate::keys::{KeyError, Signer};

const MESSAGE: &[u8] = b"signed through the agent";

fn never() -> Option<String> {
    panic!("no passphrase is asked for a key in the agent")
}

#[test]
fn a_key_in_the_agent_signs_and_ssh_keygen_verifies_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let agent = Agent::start(dir.path());
    for kind in ["ed25519", "rsa"] {
        let key = make_key(dir.path(), kind, kind, "");
        agent.add(&key);
        let signer = Signer::open(&public_file(&key), Some(&agent.socket), &mut never).expect("opens");
        let signature = signer.sign(MESSAGE).expect("the agent signs");
        let allowed = format!("\"Sam Patel\" {}\n", signer.public_key());
        let (good, said) = ssh_keygen_verifies(dir.path(), &allowed, "Sam Patel", &signature, MESSAGE, None);
        assert!(good, "{kind}: ssh-keygen said: {said}");
    }
}

#[test]
fn a_key_the_agent_does_not_hold_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let agent = Agent::start(dir.path());
    let held = make_key(dir.path(), "held", "ed25519", "");
    agent.add(&held);
    let other = make_key(dir.path(), "other", "ed25519", "");
    let public = public_file(&other);
    let refused = Signer::open(&public, Some(&agent.socket), &mut never).err();
    let fingerprint = Signer::open(&other, None, &mut never).expect("opens").fingerprint();
    assert_eq!(refused, Some(KeyError::NotInAgent { path: public, fingerprint }));
}

#[test]
fn a_public_key_with_no_agent_or_an_agent_gone_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let key = make_key(dir.path(), "key", "ed25519", "");
    let public = public_file(&key);
    let refused = Signer::open(&public, None, &mut never).err();
    assert_eq!(refused, Some(KeyError::NoAgent { path: public.clone() }));
    let gone = dir.path().join("no-agent.sock");
    let refused = Signer::open(&public, Some(&gone), &mut never).err();
    let reason = "nothing is there".to_owned();
    assert_eq!(refused, Some(KeyError::AgentUnreachable { socket: gone, reason }));
}

#[test]
fn an_agent_stopped_after_the_key_was_opened_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let agent = Agent::start(dir.path());
    let key = make_key(dir.path(), "key", "ed25519", "");
    agent.add(&key);
    let signer = Signer::open(&public_file(&key), Some(&agent.socket), &mut never).expect("opens");
    let socket = agent.socket.clone();
    drop(agent);
    // ssh-agent removes its socket as it ends; whether it is gone or refuses, pqs says it
    // cannot reach the agent.
    let refused = signer.sign(MESSAGE).err();
    assert!(
        matches!(&refused, Some(KeyError::AgentUnreachable { socket: s, .. }) if *s == socket),
        "{refused:?}"
    );
}

#[test]
fn a_protected_key_the_agent_holds_signs_there_without_its_passphrase() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let agent = Agent::start(dir.path());
    let key = make_key(dir.path(), "key", "ed25519", "");
    agent.add(&key);
    // The same key, now protected by a passphrase in its file.
    let file = key.to_str().expect("UTF-8");
    let out = ssh_keygen(&["-q", "-p", "-P", "", "-N", "secret", "-f", file], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let signer = Signer::open(&key, Some(&agent.socket), &mut never).expect("opens through the agent");
    let signature = signer.sign(MESSAGE).expect("the agent signs");
    let allowed = format!("sam {}\n", signer.public_key());
    let (good, said) = ssh_keygen_verifies(dir.path(), &allowed, "sam", &signature, MESSAGE, None);
    assert!(good, "ssh-keygen said: {said}");
    // With no agent, or one that cannot be reached, the passphrase is asked for.
    let gone = dir.path().join("gone.sock");
    for agent in [None, Some(gone.as_path())] {
        let mut asked = 0;
        let signer = Signer::open(&key, agent, &mut || {
            asked += 1;
            Some("secret".to_owned())
        });
        assert!(signer.is_ok(), "{agent:?}");
        assert_eq!(asked, 1, "{agent:?}");
    }
}
