//! A key ready to sign: an OpenSSH private key file read (and decrypted with its passphrase), or
//! a public key file whose private half a running ssh-agent holds ([`super::agent`]).

use std::path::{Path, PathBuf};

use ssh_key::private::KeypairData;
use ssh_key::{Algorithm, HashAlg, PrivateKey, PublicKey, SshSig};

use super::NAMESPACE;
use super::agent;
use super::ecdsa;
use super::error::KeyError;
use super::rsa;
use super::signature::{armour, one_line};

/// How many passphrases are asked for before giving up, as `ssh` and `ssh-add` do.
const PASSPHRASE_TRIES: usize = 3;

/// A key ready to sign: a private key file read (and decrypted), or a public key whose private
/// half the running ssh-agent holds.
pub struct Signer {
    /// The public half, with no comment.
    public: PublicKey,
    /// The key file given, for messages.
    path: PathBuf,
    how: How,
}

/// Names the key and where its private half is, never the private half itself.
impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = match &self.how {
            How::File(_) => "the key file".to_owned(),
            How::Agent(socket) => format!("the ssh-agent at {}", socket.display()),
        };
        f.debug_struct("Signer")
            .field("path", &self.path)
            .field("fingerprint", &self.fingerprint())
            .field("private half in", &held)
            .finish()
    }
}

/// Where the private half is.
enum How {
    /// Read from the file and decrypted.
    File(Box<PrivateKey>),
    /// In the ssh-agent listening on this socket.
    Agent(PathBuf),
}

impl Signer {
    /// `path` is either an OpenSSH private key file (passphrase-protected or not; `passphrase` is
    /// called only when it is protected, and `None` from it means "give up"), or a public key file
    /// (one line `ssh-ed25519 AAAA... comment`, usually `*.pub`) whose private half is in the
    /// ssh-agent listening on `agent` (the value of SSH_AUTH_SOCK, given by the caller: the
    /// library never reads the environment). A private key path whose `.pub` sibling exists but
    /// is not needed is fine. Errors name the file and say what to do, in plain words.
    ///
    /// A wrong passphrase is asked for again, up to three times in all, as `ssh-add` does; a
    /// caller that cannot ask again returns `None` the second time. A protected private key that
    /// the agent holds is signed with there, and its passphrase is not asked for.
    pub fn open(
        path: &Path,
        agent: Option<&Path>,
        passphrase: &mut dyn FnMut() -> Option<String>,
    ) -> Result<Signer, KeyError> {
        let bytes = crate::read::ordinary(path)
            .map_err(|error| KeyError::Read { path: path.to_owned(), reason: error.to_string() })?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}').trim();
        match kind_of(text) {
            Kind::Private => {
                let key = PrivateKey::from_openssh(text)
                    .ok()
                    .or_else(|| ecdsa::read(text, None))
                    .ok_or_else(|| KeyError::Damaged { path: path.to_owned() })?;
                // As `ssh-keygen -Y sign` does: a protected key that the agent already holds is
                // signed with there, without asking for its passphrase again. An agent that
                // cannot be reached is no error here: the passphrase is asked for instead.
                if let Some(socket) = agent.filter(|_| key.is_encrypted()) {
                    let public = PublicKey::new(key.public_key().key_data().clone(), "");
                    if able_to_sign(path, &public).is_ok() && agent::holds(socket, path, &public).is_ok() {
                        return Ok(Signer {
                            public,
                            path: path.to_owned(),
                            how: How::Agent(socket.to_owned()),
                        });
                    }
                }
                let key = decrypted(path, text, key, passphrase)?;
                let public = PublicKey::new(key.public_key().key_data().clone(), "");
                able_to_sign(path, &public)?;
                Ok(Signer { public, path: path.to_owned(), how: How::File(Box::new(key)) })
            }
            Kind::Public(line) => {
                let public =
                    PublicKey::from_openssh(line).map_err(|_| KeyError::Damaged { path: path.to_owned() })?;
                let public = PublicKey::new(public.key_data().clone(), "");
                able_to_sign(path, &public)?;
                let socket = agent.ok_or_else(|| KeyError::NoAgent { path: path.to_owned() })?;
                agent::holds(socket, path, &public)?;
                Ok(Signer { public, path: path.to_owned(), how: How::Agent(socket.to_owned()) })
            }
            Kind::Certificate => Err(cannot_sign(path, "a certificate")),
            Kind::OlderFormat => Err(KeyError::OlderFormat { path: path.to_owned() }),
            Kind::Putty => Err(KeyError::PuttyKey { path: path.to_owned() }),
            Kind::Other => Err(KeyError::NotAKey { path: path.to_owned() }),
        }
    }

    /// `SHA256:...` as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        self.public.fingerprint(HashAlg::Sha256).to_string()
    }

    /// The public key as one line: `ssh-ed25519 AAAA...` (no comment), as allowed_signers wants it.
    pub fn public_key(&self) -> String {
        one_line(&self.public)
    }

    /// Sign `message` in NAMESPACE with SHA-512, as `ssh-keygen -Y sign` does, and return the
    /// armoured text exactly as ssh-keygen writes it (`-----BEGIN SSH SIGNATURE-----` ... lines of
    /// 70 base64 characters ... `-----END SSH SIGNATURE-----`, ending with a newline).
    pub fn sign(&self, message: &[u8]) -> Result<String, KeyError> {
        let signature = match &self.how {
            // Ed25519, ECDSA (RFC 6979) and RSA (PKCS #1 v1.5) signing are deterministic: no
            // randomness is needed, so none is asked of the system.
            How::File(key) => match key.key_data() {
                KeypairData::Rsa(keypair) => rsa::sign(keypair, &self.public, message),
                _ => SshSig::sign(key.as_ref(), NAMESPACE, HashAlg::Sha512, message).ok(),
            }
            // Checked before use like the agent's: a signature that does not verify is never
            // written into a record.
            .filter(|signature| self.public.verify(NAMESPACE, message, signature).is_ok())
            .ok_or_else(|| KeyError::SigningFailed { path: self.path.clone() })?,
            How::Agent(socket) => agent::sign(socket, &self.path, &self.public, message)?,
        };
        armour(&signature).map_err(|_| KeyError::SigningFailed { path: self.path.clone() })
    }
}

/// What a key file's text is.
enum Kind<'a> {
    /// An OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`).
    Private,
    /// A public key line (the first that is not blank or a `#` comment).
    Public(&'a str),
    /// An OpenSSH certificate (`ssh-ed25519-cert-v01@openssh.com AAAA...`).
    Certificate,
    /// A PEM or PKCS#8 private key (`-----BEGIN RSA PRIVATE KEY-----`, `... PRIVATE KEY-----`).
    OlderFormat,
    /// A PuTTY key file.
    Putty,
    /// Anything else.
    Other,
}

fn kind_of(text: &str) -> Kind<'_> {
    if text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----") {
        return Kind::Private;
    }
    let first = text.lines().next().unwrap_or_default();
    if first.starts_with("-----BEGIN ") && first.ends_with("PRIVATE KEY-----") {
        return Kind::OlderFormat;
    }
    if first.starts_with("PuTTY-User-Key-File-") {
        return Kind::Putty;
    }
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')) else {
        return Kind::Other;
    };
    let algorithm = line.split_whitespace().next().unwrap_or_default();
    if Algorithm::new_certificate(algorithm).is_ok_and(|a| !matches!(a, Algorithm::Other(_))) {
        return Kind::Certificate;
    }
    match Algorithm::new(algorithm) {
        Ok(Algorithm::Other(_)) | Err(_) => Kind::Other,
        Ok(_) => Kind::Public(line),
    }
}

/// `key`, read from `text`, decrypted if it is protected.
fn decrypted(
    path: &Path,
    text: &str,
    key: PrivateKey,
    passphrase: &mut dyn FnMut() -> Option<String>,
) -> Result<PrivateKey, KeyError> {
    if !key.is_encrypted() {
        return Ok(key);
    }
    for _ in 0..PASSPHRASE_TRIES {
        let Some(words) = passphrase() else {
            return Err(KeyError::NoPassphrase { path: path.to_owned() });
        };
        // A wrong passphrase shows as a failed decryption or as a check value that does not
        // match; either way the key cannot be read with it.
        if let Ok(key) = key.decrypt(words.as_bytes()) {
            return Ok(key);
        }
        if matches!(key.algorithm(), Algorithm::Ecdsa { .. })
            && let Some(key) = ecdsa::read(text, Some(words.as_bytes()))
        {
            return Ok(key);
        }
    }
    Err(KeyError::WrongPassphrase { path: path.to_owned() })
}

/// Refuse the kinds of key that cannot make a signature here, before any agent is asked.
fn able_to_sign(path: &Path, key: &PublicKey) -> Result<(), KeyError> {
    match key.algorithm() {
        Algorithm::Ed25519 | Algorithm::Rsa { .. } | Algorithm::Ecdsa { .. } => Ok(()),
        Algorithm::SkEd25519 | Algorithm::SkEcdsaSha2NistP256 => {
            Err(cannot_sign(path, "a security key (one you touch to use)"))
        }
        Algorithm::Dsa => Err(cannot_sign(path, "an old DSA key")),
        _ => Err(cannot_sign(path, "a key of a kind pqs does not know")),
    }
}

fn cannot_sign(path: &Path, kind: &str) -> KeyError {
    KeyError::CannotSign { path: path.to_owned(), kind: kind.to_owned() }
}
