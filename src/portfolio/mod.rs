//! Loading a portfolio from the disk, and nothing more: find `pqs.yaml` and read it ([`manifest`]),
//! load its framework and templates, and find its record files ([`discover`]). A record's text is
//! split ([`front_matter`]) and read into fields ([`parse`]) here too; what the fields mean is
//! judged in [`crate::rules`], and [`crate::check`] runs the stages in order.

pub mod digest;
pub mod discover;
pub mod endorsement;
pub mod front_matter;
pub mod manifest;
pub mod parse;
pub mod pixels;
pub mod signing;
pub mod source;
pub mod statement;

use std::path::{Path, PathBuf};

pub use manifest::Manifest;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::framework::Framework;
use crate::problem::Problem;
use crate::templates::Templates;

/// A portfolio as found on the disk: what `pqs.yaml` says, the framework and templates it uses,
/// and its record files, not yet read.
#[derive(Debug)]
pub struct Loaded {
    /// The folder holding `pqs.yaml`.
    pub root: PathBuf,
    /// What `pqs.yaml` says.
    pub manifest: Manifest,
    /// The framework it names.
    pub framework: Framework,
    /// The templates: the portfolio's own where it has them, else the built-in ones.
    pub templates: Templates,
    /// The record files, sorted; `None` when the evidence folder is missing.
    pub files: Option<Vec<PathBuf>>,
    /// What was found while loading (in `pqs.yaml`, or a file that cannot be listed).
    pub diagnostics: Vec<Diagnostic>,
}

/// Load the portfolio at or above `start`.
pub fn load(start: &Path) -> Result<Loaded, Error> {
    let root = manifest::find(start)?;
    let (manifest, mut diagnostics) = manifest::read(&root)?;
    let framework = Framework::load(&manifest.framework, &root)?;
    let templates = Templates::load(Some(&root))?;
    let evidence = root.join(&manifest.evidence);
    let files = if evidence.is_dir() {
        let files = discover::records(&root, &evidence, &mut diagnostics);
        if files.is_empty() {
            diagnostics.push(Diagnostic::new(
                &Problem::NoRecords { folder: manifest.evidence.clone() },
                Some(manifest::FILE_NAME),
                None,
            ));
        }
        Some(files)
    } else {
        diagnostics.push(manifest.evidence_missing());
        None
    };
    Ok(Loaded { root, manifest, framework, templates, files, diagnostics })
}
