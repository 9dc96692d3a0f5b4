//! Attachments in the pack: size, SHA-256, and images embedded as data so the pack needs
//! nothing beside it.

use std::io::Read as _;
use std::path::Path;

use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::portfolio::digest::hex;
use crate::problem::Problem;
use crate::rules::Record;
use crate::text::anchor;

/// Images larger than this are listed but not embedded.
const MAX_EMBEDDED_BYTES: u64 = 8 * 1024 * 1024;

/// An attachment as the pack shows it.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    /// The anchor of the record it belongs to.
    pub record_anchor: String,
    /// That record's title.
    pub record_title: String,
    /// The path as written in the record.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its size for people: `12.3 KB`.
    pub size: String,
    /// Its SHA-256, in hexadecimal.
    pub sha256: String,
    /// The image as a `data:` address, for images in a pack that embeds them so (HTML).
    pub image_data: Option<String>,
    /// Why it is not in the pack, if it is not.
    pub problem: Option<String>,
    /// The image itself, for images.
    #[serde(skip)]
    pub image: Option<Image>,
}

/// An image small enough to go into a pack.
#[derive(Debug)]
pub struct Image {
    /// Its media type, e.g. `image/png`.
    pub mime: &'static str,
    /// Its file name extension, lowercase.
    pub extension: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Image {
    /// The image read from `path`, if it is a PNG, JPEG, GIF or WebP file small enough to embed.
    fn from(path: &Path, bytes: Vec<u8>) -> Option<Image> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        let mime = match extension.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            _ => return None,
        };
        (bytes.len() as u64 <= MAX_EMBEDDED_BYTES).then_some(Image { mime, extension, bytes })
    }

    /// The image as a `data:` address.
    pub fn data_uri(&self) -> String {
        format!("data:{};base64,{}", self.mime, base64::engine::general_purpose::STANDARD.encode(&self.bytes))
    }
}

/// The attachments of `records`, in order; `embed` adds images as `data:` addresses. Paths that
/// are refused are named but never read.
pub fn views(records: &[&Record], embed: bool) -> Vec<AttachmentView> {
    let mut views = Vec::new();
    for record in records {
        for written in &record.attachments {
            let mut view = AttachmentView {
                record_anchor: anchor(&record.id),
                record_title: record.title.clone().unwrap_or_else(|| record.id.clone()),
                path: written.clone(),
                bytes: 0,
                size: String::new(),
                sha256: String::new(),
                image_data: None,
                problem: None,
                image: None,
            };
            let missing = || Problem::AttachmentMissing { path: written.clone() };
            let resolved = record.files.get(written).cloned().unwrap_or_else(|| Err(missing()));
            match resolved.map(|path| read(&path)) {
                Ok(Ok(read)) => {
                    view.bytes = read.bytes;
                    view.size = size(view.bytes);
                    view.sha256 = read.sha256;
                    view.image = read.image;
                    // An image of more pixels than a pack shows (`image-too-large`) is listed, not
                    // embedded: a reader's browser would have to decode it.
                    let shown = |image: &&Image| {
                        embed && crate::portfolio::pixels::too_many_in(&image.bytes).is_none()
                    };
                    view.image_data = view.image.as_ref().filter(shown).map(Image::data_uri);
                }
                Ok(Err(error)) => view.problem = Some(format!("could not be read: {error}")),
                Err(problem) => view.problem = Some(problem.message()),
            }
            views.push(view);
        }
    }
    views
}

/// The image `written` in the text of `record`, if the checks found it inside the portfolio and
/// it is an image small enough to embed.
pub fn image(record: &Record, written: &str) -> Option<Image> {
    let path = record.files.get(written)?.as_ref().ok()?;
    if std::fs::metadata(path).ok()?.len() > MAX_EMBEDDED_BYTES {
        return None;
    }
    Image::from(path, std::fs::read(path).ok()?)
}

/// What the pack says of an attachment's file.
struct Read {
    bytes: u64,
    sha256: String,
    /// The file itself, when it is an image small enough to embed.
    image: Option<Image>,
}

/// The size and SHA-256 of the file at `path`, read in pieces (a video of the session can run
/// to gigabytes); only a file small enough to embed is kept whole, to become its image.
fn read(path: &Path) -> std::io::Result<Read> {
    let mut file = std::fs::File::open(path)?;
    let keep = file.metadata()?.len() <= MAX_EMBEDDED_BYTES;
    let (mut hasher, mut kept, mut total) = (Sha256::new(), Vec::new(), 0u64);
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        if keep {
            kept.extend_from_slice(&buffer[..n]);
        }
        total += n as u64;
    }
    let image = if keep { Image::from(path, kept) } else { None };
    Ok(Read { bytes: total, sha256: hex(&hasher.finalize()), image })
}

fn size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{:.1} KB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_digests() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(12_595), "12.3 KB");
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
