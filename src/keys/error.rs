//! What can go wrong with a key or a signature, in words a mentor understands: each message names
//! the file (a key's) and says what to do. The words are pinned by `keys/tests/errors.rs`.

use std::path::PathBuf;

use thiserror::Error;

/// Why a key cannot be opened or cannot sign.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The file could not be read at all (missing, a folder, not allowed, too large).
    #[error("cannot read the key file `{}`: {reason}", path.display())]
    Read {
        /// The key file.
        path: PathBuf,
        /// Why, from the system.
        reason: String,
    },
    /// The file is readable but holds no SSH key.
    #[error(
        "`{}` is not an SSH key file. Give the key file that `ssh-keygen` made: the private \
         key (such as `~/.ssh/id_ed25519`), or its public half (`.pub`) if ssh-agent holds the key.",
        path.display()
    )]
    NotAKey {
        /// The file given as a key.
        path: PathBuf,
    },
    /// A private key in an older file format (PEM or PKCS#8) that `ssh-key` does not read.
    #[error(
        "the key file `{}` is in an older format that pqs cannot read. Run `ssh-keygen -p -f {}` \
         to save it in the current format (the key stays the same), then sign again.",
        path.display(),
        path.display()
    )]
    OlderFormat {
        /// The key file.
        path: PathBuf,
    },
    /// A PuTTY key file (`.ppk`), which OpenSSH tools do not read either.
    #[error(
        "the key file `{}` is a PuTTY key. In PuTTYgen, load it and choose \"Conversions\", then \
         \"Export OpenSSH key\", and give pqs the file it saves.",
        path.display()
    )]
    PuttyKey {
        /// The key file.
        path: PathBuf,
    },
    /// The file looks like an SSH key but its contents do not read as one.
    #[error(
        "the key file `{}` is damaged: part of it is missing or was changed. Use the file as \
         `ssh-keygen` made it.",
        path.display()
    )]
    Damaged {
        /// The key file.
        path: PathBuf,
    },
    /// The private key is protected by a passphrase and none was given.
    #[error(
        "the key file `{}` is protected by a passphrase, and none was given: run `pqs sign` in a terminal to be asked for it, or give the key to ssh-agent once (`ssh-add {}`) and pqs signs through the agent without asking.",
        path.display(),
        path.display()
    )]
    NoPassphrase {
        /// The key file.
        path: PathBuf,
    },
    /// Every passphrase tried was wrong.
    #[error("the passphrase for the key file `{}` is not right.", path.display())]
    WrongPassphrase {
        /// The key file.
        path: PathBuf,
    },
    /// A public key file was given, and no ssh-agent is running to hold its private half.
    #[error(
        "`{}` is the public half of a key: pqs can sign with it only through ssh-agent, and no \
         ssh-agent is running here. Give the private key file instead (the same name without \
         `.pub`), or start ssh-agent and add the key to it with `ssh-add`.",
        path.display()
    )]
    NoAgent {
        /// The public key file.
        path: PathBuf,
    },
    /// The agent's socket could not be reached or did not answer as an agent does.
    #[error(
        "cannot reach the ssh-agent at `{}` ({reason}). Is it still running? Start it again and \
         add the key with `ssh-add`, or give the private key file instead.",
        socket.display()
    )]
    AgentUnreachable {
        /// The agent's socket (SSH_AUTH_SOCK).
        socket: PathBuf,
        /// Why, from the system or the agent.
        reason: String,
    },
    /// The agent runs but does not hold this key.
    #[error(
        "the ssh-agent does not hold the key `{}` ({fingerprint}). Add it with `ssh-add` and the \
         private key file, then sign again.",
        path.display()
    )]
    NotInAgent {
        /// The public key file.
        path: PathBuf,
        /// The key's fingerprint, `SHA256:...`.
        fingerprint: String,
    },
    /// The agent holds the key but would not sign (locked, or the user said no).
    #[error(
        "the ssh-agent would not sign with the key `{}`: it may be locked (`ssh-add -X` unlocks \
         it) or waiting for a confirmation that was refused.",
        path.display()
    )]
    AgentRefused {
        /// The public key file.
        path: PathBuf,
    },
    /// The agent answered with a signature that is not a good one for the message.
    #[error(
        "the ssh-agent's signature with the key `{}` does not check out, so pqs did not use it. \
         Try again, or give the private key file instead.",
        path.display()
    )]
    AgentBadSignature {
        /// The public key file.
        path: PathBuf,
    },
    /// Signing failed for no reason pqs can name (the kinds of key it accepts all sign): the
    /// signature made did not check out, and was not used.
    #[error(
        "signing with the key `{}` did not work, so nothing was signed. Try again; if it fails \
         again, make an Ed25519 key with `ssh-keygen -t ed25519` and sign with that.",
        path.display()
    )]
    SigningFailed {
        /// The key file.
        path: PathBuf,
    },
    /// A kind of key that pqs cannot sign with: security keys, DSA keys, certificates.
    #[error(
        "the key `{}` is {kind}, which pqs cannot sign with. Make an Ed25519 key with \
         `ssh-keygen -t ed25519` and sign with that.",
        path.display()
    )]
    CannotSign {
        /// The key file.
        path: PathBuf,
        /// What kind of key it is, as words: "a security key (one you touch to use)".
        kind: String,
    },
}

/// Why a signature's text cannot be used, before any message is checked against it.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BadSignature {
    /// The text is not an armoured SSH signature at all.
    #[error(
        "this is not an SSH signature: it should start with `-----BEGIN SSH SIGNATURE-----` and \
         end with `-----END SSH SIGNATURE-----`."
    )]
    NotASignature,
    /// The armour is there but what is inside does not read as a signature.
    #[error("the signature is damaged: part of it is missing or was changed, so it cannot be read.")]
    Damaged,
    /// A signature of a later version of the format than pqs knows.
    #[error("the signature was made in a newer format (version {version}) than pqs can check.")]
    NewerFormat {
        /// The format's version in the signature.
        version: u32,
    },
    /// A good SSH signature, but made for another purpose than a pqs sign-off.
    #[error(
        "the signature was made for another purpose (`{namespace}`), not for a pqs sign-off \
         (`pqs-signoff`). Sign the record again with `pqs sign`."
    )]
    OtherPurpose {
        /// The namespace the signature was made in.
        namespace: String,
    },
}
