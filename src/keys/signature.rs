//! A signature read from its armoured text (`-----BEGIN SSH SIGNATURE-----` ...), and checking a
//! message against it. The text comes from a record's YAML, so its line ends and indentation may
//! have changed on the way: only the base64 between the armour lines counts.

use ssh_key::{HashAlg, LineEnding, PublicKey, SshSig};

use super::NAMESPACE;
use super::error::BadSignature;

const BEGIN: &str = "-----BEGIN SSH SIGNATURE-----";
const END: &str = "-----END SSH SIGNATURE-----";
/// The width of the base64 lines `ssh-keygen -Y sign` writes, and that `ssh-key` reads.
const LINE_WIDTH: usize = 70;

/// A signature as read from its armoured text, not yet checked against any message.
#[derive(Debug, Clone)]
pub struct Signature {
    signature: SshSig,
    /// The signing key as `ssh-key` checks with it (the signature's key, with no comment).
    key: PublicKey,
}

impl Signature {
    /// Read it; refuse one that is not an SSH signature or was made in another namespace.
    /// Accept surrounding whitespace and CRLF line ends (YAML block scalars).
    pub fn parse(armoured: &str) -> Result<Signature, BadSignature> {
        let canonical = canonical(armoured)?;
        let signature = SshSig::from_pem(canonical).map_err(|error| match error {
            ssh_key::Error::Version { number } => BadSignature::NewerFormat { version: number },
            _ => BadSignature::Damaged,
        })?;
        if signature.namespace() != NAMESPACE {
            return Err(BadSignature::OtherPurpose { namespace: signature.namespace().to_owned() });
        }
        let key = PublicKey::from(signature.public_key().clone());
        Ok(Signature { signature, key })
    }

    /// The signing key's fingerprint, `SHA256:...`.
    pub fn fingerprint(&self) -> String {
        self.key.fingerprint(HashAlg::Sha256).to_string()
    }

    /// The signing key, one line `ssh-ed25519 AAAA...`.
    pub fn public_key(&self) -> String {
        one_line(&self.key)
    }

    /// Whether it is a good signature of exactly `message` by its key. Cheap enough to call a
    /// few hundred times (the lead tries alternatives to name what changed in a sign-off).
    pub fn verifies(&self, message: &[u8]) -> bool {
        self.key.verify(NAMESPACE, message, &self.signature).is_ok()
    }
}

/// A public key as one line, `ssh-ed25519 AAAA...`, without the comment: as `allowed_signers`
/// lists it and as [`super::AllowedSigners::judge`] takes it.
pub(super) fn one_line(key: &PublicKey) -> String {
    // Encoding a key that `ssh-key` decoded does not fail; were it to, an empty line would match
    // no entry of an allowed signers file.
    PublicKey::new(key.key_data().clone(), "").to_openssh().unwrap_or_default()
}

/// The armoured text of `signature`, exactly as `ssh-keygen -Y sign` writes it.
pub(super) fn armour(signature: &SshSig) -> Result<String, ssh_key::Error> {
    let mut text = signature.to_pem(LineEnding::LF)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// `armoured` with its armour lines trimmed and its base64 rewrapped at [`LINE_WIDTH`], as
/// `ssh-key`'s strict reader wants it.
fn canonical(armoured: &str) -> Result<String, BadSignature> {
    let mut lines = armoured.lines().map(str::trim).filter(|line| !line.is_empty());
    if lines.next() != Some(BEGIN) {
        return Err(BadSignature::NotASignature);
    }
    let mut body = String::with_capacity(armoured.len());
    let mut ended = false;
    for line in lines {
        if ended {
            // Text after the end line: not one signature.
            return Err(BadSignature::NotASignature);
        }
        if line == END {
            ended = true;
        } else {
            body.extend(line.chars().filter(|c| !c.is_whitespace()));
        }
    }
    if !ended {
        return Err(BadSignature::NotASignature);
    }
    if body.is_empty() || !body.is_ascii() {
        return Err(BadSignature::Damaged);
    }
    let mut text = String::with_capacity(body.len() + body.len() / LINE_WIDTH + 64);
    text.push_str(BEGIN);
    text.push('\n');
    // ASCII only, checked above: every index is a character boundary.
    for chunk in body.as_bytes().chunks(LINE_WIDTH) {
        text.push_str(std::str::from_utf8(chunk).map_err(|_| BadSignature::Damaged)?);
        text.push('\n');
    }
    text.push_str(END);
    text.push('\n');
    Ok(text)
}
