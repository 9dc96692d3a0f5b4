//! Signing through a running ssh-agent that holds the key, given the key's public half.

use super::{Agent, make_key, public_file, ssh_keygen_verifies};
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
