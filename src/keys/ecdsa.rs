//! ECDSA key files as OpenSSH writes them, which `ssh-key` 0.6.7 cannot always read. OpenSSH
//! writes the private number as an mpint, without leading zero bytes, and ssh-key reads only a
//! number of the curve's full width: about one P-256 or P-384 key in 256, and one P-521 key in
//! two, were refused as damaged. Here such a file is read again with the number padded to its
//! width, first decrypted with ssh-key's own key derivation and cipher when it is protected; what
//! is read is then handed to ssh-key whole, which checks it as it checks any key. Remove this file
//! with ssh-key 0.7.

use ssh_encoding::{Decode, Encode, Reader};
use ssh_key::{Cipher, Kdf, PrivateKey};
use zeroize::Zeroizing;

/// The start of every OpenSSH private key (PROTOCOL.key).
const MAGIC: &[u8] = b"openssh-key-v1\0";
/// OpenSSH's lines of base64 in a private key file.
const LINE_WIDTH: usize = 70;
/// The block size of an unencrypted key's private part, which its padding fills.
const BLOCK: usize = 8;

/// The ECDSA private key in the OpenSSH file `text`, its private number padded to the curve's
/// width, and decrypted with `passphrase` if it is protected. `None` if the file is not an ECDSA
/// key, is damaged, or is protected and `passphrase` does not open it.
pub(super) fn read(text: &str, passphrase: Option<&[u8]>) -> Option<PrivateKey> {
    let mut armour = ssh_encoding::pem::Decoder::new_wrapped(text.as_bytes(), LINE_WIDTH).ok()?;
    if armour.type_label() != "OPENSSH PRIVATE KEY" {
        return None;
    }
    let mut bytes = Zeroizing::new(Vec::new());
    armour.decode_to_end(&mut bytes).ok()?;
    let mut reader = bytes.strip_prefix(MAGIC)?;
    let cipher = Cipher::decode(&mut reader).ok()?;
    let kdf = Kdf::decode(&mut reader).ok()?;
    if u32::decode(&mut reader).ok()? != 1 {
        return None;
    }
    let public = Vec::<u8>::decode(&mut reader).ok()?;
    let mut private = Zeroizing::new(Vec::<u8>::decode(&mut reader).ok()?);
    if cipher.is_some() {
        let tag = if cipher.has_tag() { Some(<[u8; 16]>::decode(&mut reader).ok()?) } else { None };
        let (key, iv) = kdf.derive_key_and_iv(cipher, passphrase?).ok()?;
        cipher.decrypt(&key, &iv, &mut private, tag).ok()?;
    }
    if !reader.is_finished() {
        return None;
    }
    let private = padded(&private)?;
    let mut unencrypted = Zeroizing::new(MAGIC.to_vec());
    let writer = &mut *unencrypted;
    Cipher::None.encode(writer).ok()?;
    Kdf::None.encode(writer).ok()?;
    1u32.encode(writer).ok()?;
    public.encode(writer).ok()?;
    private.as_slice().encode(writer).ok()?;
    PrivateKey::from_bytes(&unencrypted).ok()
}

/// The private part of an unencrypted key file (PROTOCOL.key: two check numbers, the key, its
/// comment, padding) with an ECDSA key's private number written at the curve's full width.
fn padded(private: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let mut reader = private;
    let checks = [u32::decode(&mut reader).ok()?, u32::decode(&mut reader).ok()?];
    let kind = String::decode(&mut reader).ok()?;
    let width: usize = match kind.as_str() {
        "ecdsa-sha2-nistp256" => 32,
        "ecdsa-sha2-nistp384" => 48,
        "ecdsa-sha2-nistp521" => 66,
        _ => return None,
    };
    let curve = Vec::<u8>::decode(&mut reader).ok()?;
    let point = Vec::<u8>::decode(&mut reader).ok()?;
    let number = Zeroizing::new(Vec::<u8>::decode(&mut reader).ok()?);
    let comment = Vec::<u8>::decode(&mut reader).ok()?;
    // What is left is padding, written anew below for the new length.
    let digits = &number[number.iter().take_while(|&&byte| byte == 0).count()..];
    let start = width.checked_sub(digits.len())?;
    // As ssh-key writes it: the full width, after a zero byte if the first would read as negative.
    let sign = usize::from(start == 0 && digits.first().is_some_and(|&byte| byte >= 0x80));
    let mut full = Zeroizing::new(vec![0; sign + width]);
    full[sign + start..].copy_from_slice(digits);

    let mut out = Zeroizing::new(Vec::with_capacity(private.len() + width + BLOCK));
    let writer = &mut *out;
    for check in checks {
        check.encode(writer).ok()?;
    }
    kind.encode(writer).ok()?;
    curve.encode(writer).ok()?;
    point.encode(writer).ok()?;
    full.as_slice().encode(writer).ok()?;
    comment.encode(writer).ok()?;
    let padding = (BLOCK - out.len() % BLOCK) % BLOCK;
    out.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7][..padding]);
    Some(out)
}
