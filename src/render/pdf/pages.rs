//! A PDF attachment's pages as pictures, for the PDF pack. The pack is made to PDF/A-2b and
//! PDF/UA-1, which forbid placing another PDF's pages as they are (no one can vouch that the
//! attached file meets them too), so each page is drawn as a picture by hayro, the PDF reader
//! typst itself uses, with the same fonts typst gives it for the fonts a PDF may leave out.
//! The file is the portfolio's and so untrusted: its pages are counted and sized before any is
//! drawn, and a file that cannot be read gives a sentence for the pack, never a failure.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::font::{FontData, FontQuery, StandardFont};
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings};

/// The most pages of one attachment the pack shows; the file's SHA-256 in the pack still
/// vouches for the rest, and the HTML pack holds the whole file.
pub const MAX_PAGES: usize = 20;

/// The most pages of all a pack's attachments it shows: each is a picture of some 8 MB once
/// decoded, and typst holds them while it writes the PDF.
pub const MAX_PACK_PAGES: usize = 60;

/// Pixels per point: 2, or 144 dots per inch, sharp enough to read and print.
const SCALE: f32 = 2.0;

/// The longest side of a page's picture, in pixels: an A4 page at [`SCALE`] is 1684 high; a
/// page declared larger is drawn smaller, so no page takes more memory than a large photo.
const MAX_SIDE: f32 = 2400.0;

/// The shape of the space the pack gives a page (174 mm wide, 205 mm high): a page wider for its
/// height than this is fitted to the width.
const WIDE: f32 = 174.0 / 205.0;

/// What the pack shows of a PDF attachment.
pub struct Pages {
    /// Each page shown, as a PNG file, and whether it is wider, for its height, than the space a
    /// pack's page has for it (so it is fitted to the width rather than the height).
    pub pictures: Vec<(Vec<u8>, bool)>,
    /// How many pages the file has.
    pub total: usize,
}

/// The pages of the PDF file `bytes` as PNG pictures (the first `limit`), or why it cannot be
/// shown, in words for the pack.
pub fn pages(bytes: Vec<u8>, limit: usize) -> Result<Pages, String> {
    // hayro is written not to panic on any input; should it still, the pack says so for this
    // file rather than failing, as for any other unreadable attachment.
    std::panic::catch_unwind(|| draw(bytes, limit))
        .unwrap_or_else(|_| Err("its pages cannot be shown: the file could not be read as a PDF".to_owned()))
}

fn draw(bytes: Vec<u8>, limit: usize) -> Result<Pages, String> {
    let pdf = Pdf::new(bytes).map_err(|error| match error {
        LoadPdfError::Decryption(_) => "its pages cannot be shown: the file is protected by a password",
        LoadPdfError::Invalid => "its pages cannot be shown: the file is not a PDF that can be read",
    })?;
    let pages = pdf.pages();
    let settings = InterpreterSettings {
        font_resolver: Arc::new(|query| match query {
            FontQuery::Standard(font) => Some(standard(*font)),
            FontQuery::Fallback(font) => Some(standard(font.pick_standard_font())),
        }),
        ..InterpreterSettings::default()
    };
    let cache = RenderCache::new();
    let mut pictures = Vec::new();
    for page in pages.iter().take(limit) {
        let (width, height) = page.render_dimensions();
        if !(width.is_finite() && height.is_finite() && width >= 1.0 && height >= 1.0) {
            return Err("its pages cannot be shown: a page of the file has no size".to_owned());
        }
        let scale = SCALE.min(MAX_SIDE / width.max(height));
        let render =
            RenderSettings { x_scale: scale, y_scale: scale, bg_color: WHITE, ..RenderSettings::default() };
        let pixmap = hayro::render(page, &cache, &settings, &render);
        let png = pixmap.into_png().map_err(|_| "its pages cannot be shown: a page could not be drawn")?;
        pictures.push((png, width / height > WIDE));
    }
    Ok(Pages { pictures, total: pages.len() })
}

/// The font typst gives a PDF for one of the fourteen standard fonts, which a PDF may use
/// without including.
fn standard(font: StandardFont) -> (FontData, u32) {
    let bytes: &'static [u8] = match font {
        StandardFont::Helvetica => typst_assets::pdf::SANS,
        StandardFont::HelveticaBold => typst_assets::pdf::SANS_BOLD,
        StandardFont::HelveticaOblique => typst_assets::pdf::SANS_ITALIC,
        StandardFont::HelveticaBoldOblique => typst_assets::pdf::SANS_BOLD_ITALIC,
        StandardFont::Courier => typst_assets::pdf::FIXED,
        StandardFont::CourierBold => typst_assets::pdf::FIXED_BOLD,
        StandardFont::CourierOblique => typst_assets::pdf::FIXED_ITALIC,
        StandardFont::CourierBoldOblique => typst_assets::pdf::FIXED_BOLD_ITALIC,
        StandardFont::TimesRoman => typst_assets::pdf::SERIF,
        StandardFont::TimesBold => typst_assets::pdf::SERIF_BOLD,
        StandardFont::TimesItalic => typst_assets::pdf::SERIF_ITALIC,
        StandardFont::TimesBoldItalic => typst_assets::pdf::SERIF_BOLD_ITALIC,
        StandardFont::ZapfDingBats => typst_assets::pdf::DING_BATS,
        StandardFont::Symbol => typst_assets::pdf::SYMBOL,
    };
    (Arc::new(bytes), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `count` empty A4 pages, its cross-reference table correct.
    fn empty_pages(count: usize) -> Vec<u8> {
        let kids: Vec<String> = (0..count).map(|n| format!("{} 0 R", n + 3)).collect();
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            format!("<< /Type /Pages /Kids [{}] /Count {count} >>", kids.join(" ")),
        ];
        objects
            .extend((0..count).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_owned()));
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (index, object) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
        }
        let table = pdf.len();
        pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            pdf.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        let end =
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n", objects.len() + 1);
        pdf.extend(end.bytes());
        pdf
    }

    #[test]
    fn pages_are_drawn_up_to_the_limit_and_counted_all() {
        let shown = pages(empty_pages(3), 2).expect("a PDF that can be read");
        assert_eq!((shown.pictures.len(), shown.total), (2, 3));
        for (png, wide) in &shown.pictures {
            assert!(png.starts_with(b"\x89PNG"), "a PNG picture");
            assert!(!wide, "an A4 page is fitted to the height");
        }
    }

    #[test]
    fn a_file_that_is_no_pdf_gets_a_sentence() {
        for bytes in [b"%PDF-1.4\nnothing else".to_vec(), Vec::new(), b"\x89PNG\r\n".to_vec()] {
            let Err(note) = pages(bytes, MAX_PAGES) else { panic!("no pages from a file that is no PDF") };
            assert_eq!(note, "its pages cannot be shown: the file is not a PDF that can be read");
        }
    }
}
