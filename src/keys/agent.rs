//! Signing through a running ssh-agent: the agent holds the private half and signs the bytes
//! that an SSH signature covers; the signature is put together here, and checked before use.

use std::io;
use std::path::Path;

use ssh_agent_client_rs::{Client, Error as AgentError, Identity};
use ssh_key::{HashAlg, PublicKey, SshSig};

use super::NAMESPACE;
use super::error::KeyError;

/// Whether the agent at `socket` holds the private half of `key` (read from the file `path`).
pub(super) fn holds(socket: &Path, path: &Path, key: &PublicKey) -> Result<(), KeyError> {
    let mut client = connect(socket)?;
    let held = client.list_all_identities().map_err(|error| unreachable(socket, &error))?;
    let found = held.iter().any(|identity| match identity {
        Identity::PublicKey(public) => public.key_data() == key.key_data(),
        // A certificate held for the key is not the key: signing with it would make a
        // signature over the certificate, which allowed signers cannot name.
        Identity::Certificate(_) => false,
    });
    if found {
        Ok(())
    } else {
        Err(KeyError::NotInAgent {
            path: path.to_owned(),
            fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
        })
    }
}

/// `message` signed in [`NAMESPACE`] with SHA-512 by the agent at `socket`, with `key`.
pub(super) fn sign(socket: &Path, path: &Path, key: &PublicKey, message: &[u8]) -> Result<SshSig, KeyError> {
    let bad = || KeyError::AgentBadSignature { path: path.to_owned() };
    let data = SshSig::signed_data(NAMESPACE, HashAlg::Sha512, message).map_err(|_| bad())?;
    let mut client = connect(socket)?;
    let raw = client.sign(key, &data).map_err(|error| match error {
        AgentError::RemoteFailure => KeyError::AgentRefused { path: path.to_owned() },
        other => unreachable(socket, &other),
    })?;
    let signature =
        SshSig::new(key.key_data().clone(), NAMESPACE, HashAlg::Sha512, raw).map_err(|_| bad())?;
    // The agent is another program: what it returns is checked like any signature before it is
    // written into a record (an RSA key signed with SHA-1 by an old agent would fail here).
    key.verify(NAMESPACE, message, &signature).map_err(|_| bad())?;
    Ok(signature)
}

fn connect(socket: &Path) -> Result<Client, KeyError> {
    Client::connect(socket).map_err(|error| unreachable(socket, &error))
}

/// The agent at `socket` could not be used, and why in a few words.
fn unreachable(socket: &Path, error: &AgentError) -> KeyError {
    let reason = match error {
        AgentError::AgentCommunicationError(io) => match io.kind() {
            io::ErrorKind::NotFound => "nothing is there".to_owned(),
            io::ErrorKind::ConnectionRefused => "nothing is listening there".to_owned(),
            io::ErrorKind::PermissionDenied => "it belongs to someone else".to_owned(),
            _ => io.to_string(),
        },
        _ => "it did not answer as an ssh-agent does".to_owned(),
    };
    KeyError::AgentUnreachable { socket: socket.to_owned(), reason }
}
