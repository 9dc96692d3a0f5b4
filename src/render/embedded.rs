//! Each distinct image once in the HTML pack. A record may show one picture many times (a logo
//! on every page of notes): its bytes go into the pack at its first use, as a `data:` address,
//! and every later use is a link to that first one, named by its own alternative text. So the
//! pack grows with the images a portfolio has, not with how often it shows them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use regex::{Captures, Regex};
use sha2::{Digest as _, Sha256};

use crate::portfolio::digest::hex;
use crate::render::attachments::{self, AttachmentView, Image};
use crate::rules::Record;

/// The images of one pack, by the SHA-256 of their bytes, numbered in the order first met.
#[derive(Debug, Default)]
pub struct Embedded {
    /// Each image's number, by SHA-256.
    numbers: RefCell<HashMap<String, usize>>,
    /// The `data:` address of each image met in a body and not yet written, by number.
    pending: RefCell<HashMap<usize, String>>,
    /// Each image file met in a body, and its number: a file shown again is not read again.
    files: RefCell<HashMap<PathBuf, usize>>,
}

impl Embedded {
    /// What a record's body shows for the image `written` in the record's text (relative to the
    /// record's `folder`), if it is an image of the portfolio small enough to embed: see
    /// [`Embedded::mark`].
    pub fn image(&self, record: &Record, written: &str) -> Option<String> {
        let path = record.files.get(written)?.as_ref().ok()?.clone();
        if let Some(number) = self.files.borrow().get(&path) {
            return Some(format!("data:image/png;base64,pqs-again-{number}"));
        }
        let image = attachments::image(record, written)?;
        // An image of more pixels than a pack shows is not embedded (see `image-too-large`).
        if crate::portfolio::pixels::too_many_in(&image.bytes).is_some() {
            return None;
        }
        let (number, marker) = self.mark(&image);
        self.files.borrow_mut().insert(path, number);
        Some(marker)
    }

    /// What a record's body shows for `image`: a marker that [`Embedded::finish`] turns into the
    /// image at its first use, and a link to it at every later use.
    /// Returns the image's number too.
    pub fn mark(&self, image: &Image) -> (usize, String) {
        let (number, new) = self.number(hex(&Sha256::digest(&image.bytes)));
        if new {
            self.pending.borrow_mut().insert(number, image.data_uri());
            (number, format!("data:image/png;base64,pqs-image-{number}"))
        } else {
            (number, format!("data:image/png;base64,pqs-again-{number}"))
        }
    }

    /// `html` (a record's body, made with [`Embedded::mark`]) with its markers made into images
    /// and links. Text from a record cannot make a marker: its raw HTML is escaped, and an image
    /// address in it goes through [`Embedded::image`] (one that is no file of the portfolio
    /// becomes a link).
    pub fn finish(&self, html: &str) -> String {
        static MARKER: OnceLock<Regex> = OnceLock::new();
        let marker = MARKER.get_or_init(|| {
            Regex::new(
                r#"<img src="data:image/png;base64,pqs-(image|again)-([0-9]+)" alt="([^"]*)"([^>]*) />"#,
            )
            .expect("a constant pattern in embedded.rs is a valid regular expression")
        });
        marker.replace_all(html, |found: &Captures<'_>| self.replace(found)).into_owned()
    }

    /// The image or link for one marker.
    fn replace(&self, found: &Captures<'_>) -> String {
        let (kind, number, alt, rest) = (&found[1], &found[2], &found[3], &found[4]);
        let pending = number.parse().ok().and_then(|n: usize| self.pending.borrow_mut().remove(&n));
        match (kind, pending) {
            ("image", Some(data)) => {
                format!(r#"<img id="pqs-image-{number}" src="{data}" alt="{alt}"{rest} />"#)
            }
            _ => {
                let name = if alt.is_empty() { "Image".to_owned() } else { alt.to_owned() };
                format!(
                    r##"<a class="image-again" href="#pqs-image-{number}">{name} (image shown above)</a>"##
                )
            }
        }
    }

    /// Keep an attachment's image only if no body or earlier attachment showed the same bytes.
    pub fn attachments(&self, attachments: &mut [AttachmentView]) {
        for attachment in attachments.iter_mut().filter(|a| a.image_data.is_some()) {
            let (_, new) = self.number(attachment.sha256.clone());
            if !new {
                attachment.image_data = None;
            }
        }
    }

    /// The number of the image with SHA-256 `digest`, and whether it is met for the first time.
    fn number(&self, digest: String) -> (usize, bool) {
        let mut numbers = self.numbers.borrow_mut();
        let next = numbers.len() + 1;
        let number = *numbers.entry(digest).or_insert(next);
        (number, number == next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(bytes: &[u8]) -> Image {
        Image { mime: "image/png", extension: "png".to_owned(), bytes: bytes.to_vec() }
    }

    #[test]
    fn an_image_shown_twice_is_embedded_once_and_linked_after() {
        let embedded = Embedded::default();
        let body = format!(
            r#"<p><img src="{}" alt="a logo" /> <img src="{}" alt="" /> <img src="{}" alt="b" /></p>"#,
            embedded.mark(&png(b"AB")).1,
            embedded.mark(&png(b"AB")).1,
            embedded.mark(&png(b"CD")).1,
        );
        assert_eq!(
            embedded.finish(&body),
            concat!(
                r#"<p><img id="pqs-image-1" src="data:image/png;base64,QUI=" alt="a logo" /> "#,
                r##"<a class="image-again" href="#pqs-image-1">Image (image shown above)</a> "##,
                r#"<img id="pqs-image-2" src="data:image/png;base64,Q0Q=" alt="b" /></p>"#
            )
        );
    }
}
