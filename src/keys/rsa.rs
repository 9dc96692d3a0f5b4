//! Signing with an RSA key read from a file. `ssh-key` 0.6.7 hands the `rsa` crate the prime `p`
//! twice instead of `p` and `q` (RustCrypto/SSH pull request 217, fixed only in the 0.7 line;
//! issue 387), so every RSA signature it makes from a key file fails. Here the key is put
//! together from its parts as the fix does, and signed with the `rsa` crate directly, in the
//! form `ssh-keygen -Y sign` uses (PKCS #1 v1.5 with SHA-512). Remove this file with ssh-key 0.7.

use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding as _, Signer as _};
use rsa::{BigUint, RsaPrivateKey};
use ssh_key::private::RsaKeypair;
use ssh_key::sha2::Sha512;
use ssh_key::{Algorithm, HashAlg, Mpint, PublicKey, Signature, SshSig};

use super::NAMESPACE;

/// `message` signed in [`NAMESPACE`] with SHA-512 by `keypair`, whose public half is `public`;
/// `None` if the key's parts do not make an RSA key.
pub(super) fn sign(keypair: &RsaKeypair, public: &PublicKey, message: &[u8]) -> Option<SshSig> {
    let number = |mpint: &Mpint| mpint.as_positive_bytes().map(BigUint::from_bytes_be);
    let (key, private) = (&keypair.public, &keypair.private);
    let primes = vec![number(&private.p)?, number(&private.q)?];
    let key =
        RsaPrivateKey::from_components(number(&key.n)?, number(&key.e)?, number(&private.d)?, primes).ok()?;
    let data = SshSig::signed_data(NAMESPACE, HashAlg::Sha512, message).ok()?;
    let raw = SigningKey::<Sha512>::new(key).try_sign(&data).ok()?;
    let signature = Signature::new(Algorithm::Rsa { hash: Some(HashAlg::Sha512) }, raw.to_vec()).ok()?;
    SshSig::new(public.key_data().clone(), NAMESPACE, HashAlg::Sha512, signature).ok()
}
