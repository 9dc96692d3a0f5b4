//! The submission pack: a checked portfolio, made into one self-contained HTML file through the
//! pack templates (`templates/pack.html.tera` and its parts), overridable like the others.

pub mod attachments;
mod embedded;
pub mod endorsement;
mod git;
pub mod missing;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod signoffs;
pub mod timeline;
pub mod view;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::check::Outcome;
use crate::error::Error;
use crate::markdown;
use crate::rules::Record;
use crate::text::slug;

/// The pack template.
pub const PACK_TEMPLATE: &str = "pack.html.tera";

/// The largest HTML pack `pqs` makes. Each distinct image is in it once, however often it is
/// shown, so only a portfolio with hundreds of large pictures comes near it.
pub const MAX_PACK_BYTES: usize = 256 * 1024 * 1024;

/// How to make the pack.
#[derive(Clone, Copy, Debug)]
pub struct PackOptions {
    /// The date the pack says it was made.
    pub made: Date,
    /// Include drafts, marked as such.
    pub drafts: bool,
}

/// The pack of `outcome` as HTML, through the portfolio's templates. Each distinct image is
/// embedded once; a pack over [`MAX_PACK_BYTES`] is refused.
pub fn html(outcome: &Outcome, options: PackOptions) -> Result<String, Error> {
    let embedded = embedded::Embedded::default();
    let body = |record: &Record| {
        embedded.finish(&markdown::to_html(&record.body, 3, &|url| embedded.image(record, url)))
    };
    let mut pack = view::pack(outcome, options, &view::Format { body: &body, embed_images: true });
    embedded.attachments(&mut pack.attachments);
    let mut context = tera::Context::new();
    context.insert("pack", &pack);
    let html = outcome.portfolio.templates.render(PACK_TEMPLATE, &context)?;
    if html.len() > MAX_PACK_BYTES {
        return Err(Error::PackTooLarge { bytes: html.len(), limit: MAX_PACK_BYTES });
    }
    Ok(html)
}

/// One record's body as the HTML pack shows it, with its images in it: for a page that shows one
/// record (`pqs serve`).
pub fn record_html(record: &Record) -> String {
    let embedded = embedded::Embedded::default();
    embedded.finish(&markdown::to_html(&record.body, 3, &|url| embedded.image(record, url)))
}

/// Where the pack goes unless told: `dist/<candidate>-pqs-pack.html` in the portfolio.
pub fn default_output(root: &Path, candidate: Option<&str>) -> PathBuf {
    let name = slug(candidate.unwrap_or_default());
    let name = if name.is_empty() { "portfolio".to_owned() } else { name };
    root.join("dist").join(format!("{name}-pqs-pack.html"))
}
