//! The submission pack: a checked portfolio, made into one self-contained HTML file through the
//! pack templates (`templates/pack.html.tera` and its parts), overridable like the others.

pub mod attachments;
mod git;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod timeline;
pub mod typst_string;
pub mod view;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::check::Outcome;
use crate::error::Error;
use crate::markdown;
use crate::new::slug;
use crate::portfolio::Record;

/// The pack template.
pub const PACK_TEMPLATE: &str = "pack.html.tera";

/// How to make the pack.
#[derive(Clone, Copy, Debug)]
pub struct PackOptions {
    /// The date the pack says it was made.
    pub made: Date,
    /// Include drafts, marked as such.
    pub drafts: bool,
}

/// The pack of `outcome` as HTML, through the portfolio's templates.
pub fn html(outcome: &Outcome, options: PackOptions) -> Result<String, Error> {
    let root = &outcome.portfolio.root;
    let body = |record: &Record| {
        let file = root.join(&record.file);
        let folder = file.parent().unwrap_or(root);
        markdown::to_html(&record.body, 3, &|url| attachments::image(root, folder, url).map(|i| i.data_uri()))
    };
    let pack = view::pack(outcome, options, &view::Format { body: &body, embed_images: true });
    let mut context = tera::Context::new();
    context.insert("pack", &pack);
    outcome.portfolio.templates.render(PACK_TEMPLATE, &context)
}

/// Where the pack goes unless told: `dist/<candidate>-pqs-pack.html` in the portfolio.
pub fn default_output(root: &Path, candidate: Option<&str>) -> PathBuf {
    let name = slug(candidate.unwrap_or_default());
    let name = if name.is_empty() { "portfolio".to_owned() } else { name };
    root.join("dist").join(format!("{name}-pqs-pack.html"))
}
