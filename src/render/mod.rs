//! The submission pack: a checked portfolio, made into one self-contained HTML file through the
//! pack templates (`templates/pack.html.tera` and its parts), overridable like the others.

pub mod attachments;
mod git;
pub mod pdf;
pub mod timeline;
pub mod view;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::check::Outcome;
use crate::error::Error;
use crate::new::slug;
use crate::templates::Templates;

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

/// The pack of `outcome` as HTML.
pub fn html(outcome: &Outcome, templates: &Templates, options: PackOptions) -> Result<String, Error> {
    let commit = git::commit(&outcome.portfolio.root);
    let pack = view::pack(outcome, options.drafts, options.made.to_string(), commit);
    let mut context = tera::Context::new();
    context.insert("pack", &pack);
    templates.render(PACK_TEMPLATE, &context)
}

/// Where the pack goes unless told: `dist/<candidate>-pqs-pack.html` in the portfolio.
pub fn default_output(root: &Path, candidate: Option<&str>) -> PathBuf {
    let name = slug(candidate.unwrap_or_default());
    let name = if name.is_empty() { "portfolio".to_owned() } else { name };
    root.join("dist").join(format!("{name}-pqs-pack.html"))
}
