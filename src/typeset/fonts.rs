//! The fonts bundled for the PDF pack (those of `typst-assets`), loaded once, and whether they can
//! show a character or a grapheme cluster: a PDF/A pack may not hold text it cannot display.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, is_default_ignorable};
use typst::utils::LazyHash;
use unicode_segmentation::UnicodeSegmentation as _;

/// The fonts of `typst-assets`, loaded once.
pub fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

/// Whether any bundled font has a glyph for `c`. What none has cannot be set in a PDF/A pack.
pub fn can_display(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    // Latin, with its accents, is in every bundled text font.
    if (' '..='\u{24f}').contains(&c) {
        return true;
    }
    // A font may list the replacement character yet draw it as its blank "no glyph" shape.
    c != char::REPLACEMENT_CHARACTER
        && fonts().1.iter().any(|font| font.info().coverage.contains(u32::from(c)))
}

/// The families that set a record's text before any other: the body's and the code's.
const FIRST_FAMILIES: [&str; 2] = ["Libertinus Serif", "DejaVu Sans Mono"];

/// Whether typst sets the grapheme cluster `cluster` whole with the bundled fonts. typst picks a
/// font for a whole cluster, falling back to another only by the cluster's first character: so a
/// cluster of several characters (a letter and its accents, a keycap `1️⃣`) is set only when every
/// face of the first families has all of its visible characters. A cluster that starts with a
/// combining mark joins the character before it when set, so it is never set as it is.
pub fn can_display_cluster(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else { return true };
    // Latin, with its accents, is in every bundled text font, and none of it is a mark.
    if second.is_none() && (' '..='\u{24f}').contains(&first) {
        return true;
    }
    if is_mark(cluster) {
        return false;
    }
    if second.is_none() {
        return can_display(first);
    }
    let visible: Vec<u32> = cluster.chars().filter(|&c| !is_default_ignorable(c)).map(u32::from).collect();
    let first_faces =
        || fonts().1.iter().filter(|font| FIRST_FAMILIES.contains(&font.info().family.as_str()));
    first_faces().all(|font| visible.iter().all(|&c| font.info().coverage.contains(c)))
}

/// Whether `cluster` starts with a combining mark (or another character that joins the one
/// before it), so that a letter put before it would join it.
fn is_mark(cluster: &str) -> bool {
    format!("a{cluster}").graphemes(true).nth(1).is_none()
}
