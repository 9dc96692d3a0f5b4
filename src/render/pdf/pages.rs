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
/// vouches for the rest.
pub const MAX_PAGES: usize = 20;

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

/// The pages of the PDF file `bytes` as PNG pictures (the first [`MAX_PAGES`]), or why it
/// cannot be shown, in words for the pack.
pub fn pages(bytes: Vec<u8>) -> Result<Pages, String> {
    // hayro is written not to panic on any input; should it still, the pack says so for this
    // file rather than failing, as for any other unreadable attachment.
    std::panic::catch_unwind(|| draw(bytes))
        .unwrap_or_else(|_| Err("its pages cannot be shown: the file could not be read as a PDF".to_owned()))
}

fn draw(bytes: Vec<u8>) -> Result<Pages, String> {
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
    for page in pages.iter().take(MAX_PAGES) {
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
