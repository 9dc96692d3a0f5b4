//! SSH keys for signed sign-offs: signing bytes with a key from a file or from a running
//! ssh-agent ([`Signer`]), reading and checking such signatures ([`Signature`]), and git's allowed
//! signers file, which says whose each key is ([`AllowedSigners`]).
//!
//! The signatures are the ones `ssh-keygen -Y sign` makes and git uses (OpenSSH's
//! PROTOCOL.sshsig), in a namespace of pqs's own ([`NAMESPACE`]), so `ssh-keygen -Y verify`
//! checks them and pqs checks theirs. The cryptography is RustCrypto's `ssh-key`; this module
//! reads files, asks for passphrases through its caller and puts errors into plain words. It
//! knows nothing of records: what is signed is the caller's affair.

mod agent;
mod allowed;
mod ecdsa;
mod error;
mod rsa;
mod signature;
mod signer;

pub use allowed::{AllowedSigners, Judgement, LineError};
pub use error::{BadSignature, KeyError};
pub use signature::Signature;
pub use signer::Signer;

/// The SSH signature namespace of every pqs signature (`ssh-keygen -Y verify -n pqs-signoff`).
pub const NAMESPACE: &str = "pqs-signoff";

#[cfg(test)]
mod tests;
