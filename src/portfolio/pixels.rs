//! How many pixels an image holds, read from its header alone: an image file of a megabyte can
//! declare 100,000 by 100,000 pixels, and decoding it would take tens of gigabytes. Images over
//! [`MAX_PIXELS`] are reported by `check` and never decoded by a pack.

use std::path::Path;

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};

use crate::markdown;
use crate::model::MAX_PIXELS;

/// The width and height of the image file at `path` if they are more than [`MAX_PIXELS`]; a
/// file that is not an image, or whose header cannot be read, gives `None`.
pub fn too_many(path: &Path) -> Option<(u64, u64)> {
    imagesize::size(path).ok().and_then(|size| over((size.width, size.height)))
}

/// The width and height of the image `bytes` if they are more than [`MAX_PIXELS`].
pub fn too_many_in(bytes: &[u8]) -> Option<(u64, u64)> {
    imagesize::blob_size(bytes).ok().and_then(|size| over((size.width, size.height)))
}

/// `(width, height)` if that is more than [`MAX_PIXELS`].
fn over((width, height): (usize, usize)) -> Option<(u64, u64)> {
    let (width, height) = (width as u64, height as u64);
    (width.saturating_mul(height) > MAX_PIXELS).then_some((width, height))
}

/// An image shown in a record's text: its address as written, and the 1-based line (of the file)
/// and byte column where it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Shown {
    /// The address as written.
    pub url: String,
    /// The line.
    pub line: usize,
    /// The byte column.
    pub column: usize,
}

/// The images shown in `body`, which starts on 1-based line `first_line` of its file.
pub fn shown(body: &str, first_line: usize) -> Vec<Shown> {
    // Most records show no image: they are not parsed again.
    if !body.contains("![") {
        return Vec::new();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, body, &markdown::options());
    let shift = first_line.saturating_sub(1);
    root.descendants()
        .filter_map(|node| {
            let data = node.data.borrow();
            let NodeValue::Image(link) = &data.value else { return None };
            let start = data.sourcepos.start;
            Some(Shown { url: link.url.clone(), line: start.line + shift, column: start.column })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_found_where_they_start() {
        let body = "Text.\n\nA ![chart](chart.png) and ![b](b.jpg \"t\")\n";
        let found = shown(body, 7);
        let at: Vec<(&str, usize, usize)> =
            found.iter().map(|s| (s.url.as_str(), s.line, s.column)).collect();
        assert_eq!(at, [("chart.png", 9, 3), ("b.jpg", 9, 27)]);
        assert!(shown("no images [here](x.png)", 1).is_empty());
    }

    #[test]
    fn pixels_over_the_budget_are_too_many() {
        assert_eq!(over((100_000, 100_000)), Some((100_000, 100_000)));
        assert_eq!(over((8_000, 6_000)), None);
        assert_eq!(over((usize::MAX, usize::MAX)), Some((u64::MAX, u64::MAX)));
        assert_eq!(too_many_in(b"not an image"), None);
    }
}
