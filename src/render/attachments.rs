//! Attachments in the pack: size, SHA-256, and what a reader needs to read them without the
//! portfolio: images embedded as data, text files shown as text, and PDF files offered for
//! download from the HTML pack (as data, so the pack still needs nothing beside it) and shown
//! page by page in the PDF pack.

use std::io::Read as _;
use std::path::Path;

use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::portfolio::digest::hex;
use crate::problem::Problem;
use crate::rules::Record;
use crate::text::anchor;

/// Images and PDF files larger than this are listed but not embedded.
const MAX_EMBEDDED_BYTES: u64 = 8 * 1024 * 1024;

/// Text files larger than this are listed but not shown: 128 KiB is some forty printed pages,
/// more than a moderator reads of a note attached to a record.
pub const MAX_TEXT_BYTES: u64 = 128 * 1024;

/// The extensions of attachments shown as plain text (never as HTML, Markdown or typst).
const TEXT_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "csv"];

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
    /// The file's name without its folders: the name a downloaded copy gets.
    pub name: String,
    /// The text of a text file (`.txt`, `.text`, `.md`, `.csv`), as it is: templates show it
    /// escaped, never as markup.
    pub text: Option<String>,
    /// A PDF file as a `data:` address, for a pack that offers it for download so (HTML).
    pub pdf_data: Option<String>,
    /// Why the content of a file that is in the pack is not shown (too large, not text, a PDF
    /// that cannot be read), if it is not.
    pub note: Option<String>,
    /// The image itself, for images.
    #[serde(skip)]
    pub image: Option<Image>,
    /// The bytes of a PDF file small enough to embed.
    #[serde(skip)]
    pub pdf: Option<Vec<u8>>,
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
        let (mime, extension) = Image::kind(path)?;
        (bytes.len() as u64 <= MAX_EMBEDDED_BYTES).then_some(Image { mime, extension, bytes })
    }

    /// The media type and lowercase extension of `path`, if its name is an image's.
    fn kind(path: &Path) -> Option<(&'static str, String)> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        let mime = match extension.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            _ => return None,
        };
        Some((mime, extension))
    }

    /// The image as a `data:` address.
    pub fn data_uri(&self) -> String {
        data_uri(self.mime, &self.bytes)
    }
}

/// `bytes` as a `data:` address of media type `mime`.
fn data_uri(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
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
                name: written.rsplit(['/', '\\']).next().unwrap_or(written).to_owned(),
                text: None,
                pdf_data: None,
                note: None,
                image: None,
                pdf: None,
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
                    match read.content {
                        Content::Text(text) => view.text = Some(text),
                        Content::Pdf(bytes) => {
                            if embed {
                                view.pdf_data = Some(data_uri("application/pdf", &bytes));
                            }
                            view.pdf = Some(bytes);
                        }
                        Content::Note(note) => view.note = Some(note),
                        Content::None => {}
                    }
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
    image_at(record.files.get(written)?.as_ref().ok()?)
}

/// The image at `path`, a file of the portfolio already found safe to read (see
/// [`crate::rules::attachments::resolve`]), if it is a PNG, JPEG, GIF or WebP file small enough
/// to embed.
pub fn image_at(path: &Path) -> Option<Image> {
    Image::kind(path)?;
    if std::fs::metadata(path).ok()?.len() > MAX_EMBEDDED_BYTES {
        return None;
    }
    Image::from(path, std::fs::read(path).ok()?)
}

/// Whether `path` is named as an image the packs show (PNG, JPEG, GIF or WebP).
pub fn is_image(path: &Path) -> bool {
    Image::kind(path).is_some()
}

/// What the pack says of an attachment's file.
struct Read {
    bytes: u64,
    sha256: String,
    /// The file itself, when it is an image small enough to embed.
    image: Option<Image>,
    /// What else of the file the pack shows.
    content: Content,
}

/// What the pack shows of an attachment that is not an image.
enum Content {
    /// A text file's text.
    Text(String),
    /// A PDF file's bytes.
    Pdf(Vec<u8>),
    /// Why a text or PDF file is not shown.
    Note(String),
    /// Nothing: an image, or a file of another kind, listed only.
    None,
}

impl Content {
    /// What to show of the file at `path`, of `total` bytes; `kept` holds its bytes if it was
    /// small enough to embed.
    fn of(path: &Path, total: u64, kept: Option<Vec<u8>>) -> Content {
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let too_large = |limit: u64| {
            Content::Note(format!(
                "not shown: it is {}, more than the {} a pack shows",
                size(total),
                size(limit)
            ))
        };
        if TEXT_EXTENSIONS.contains(&extension.as_str()) {
            if total > MAX_TEXT_BYTES {
                return too_large(MAX_TEXT_BYTES);
            }
            return match kept.map(String::from_utf8) {
                Some(Ok(text)) => Content::Text(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned()),
                _ => Content::Note("not shown: it is not text in UTF-8 (save it as UTF-8 text)".to_owned()),
            };
        }
        if extension == "pdf" {
            return match kept {
                Some(bytes) => Content::Pdf(bytes),
                None => too_large(MAX_EMBEDDED_BYTES),
            };
        }
        Content::None
    }
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
    let kept = keep.then_some(kept);
    let (image, content) = match kept {
        Some(kept) if Image::kind(path).is_some() => (Image::from(path, kept), Content::None),
        kept => (None, Content::of(path, total, kept)),
    };
    Ok(Read { bytes: total, sha256: hex(&hasher.finalize()), image, content })
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
