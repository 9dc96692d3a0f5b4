//! A portfolio on disk: its manifest, its record files, and what each record says.
//!
//! [`load`] runs the first half of the pipeline: find `pqs.yaml`, discover the records, split
//! each into front-matter and body, read the front-matter into fields, and check each record on
//! its own. Checks that need the whole portfolio live in [`crate::check`].

pub mod anonymity;
pub mod digest;
pub mod discover;
pub mod front_matter;
pub mod manifest;
pub mod pixels;
pub mod record;
pub mod source;

use std::path::{Path, PathBuf};

pub use manifest::Manifest;
pub use record::Record;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::framework::Framework;
use crate::problem::Problem;
use crate::templates::Templates;

/// A loaded portfolio: its records and everything found wrong while loading them.
#[derive(Debug)]
pub struct Portfolio {
    /// The folder that holds `pqs.yaml`.
    pub root: PathBuf,
    /// What `pqs.yaml` says.
    pub manifest: Manifest,
    /// The framework it is measured against.
    pub framework: Framework,
    /// Every record that could be read, in path order.
    pub records: Vec<Record>,
    /// Findings from the manifest and from each record on its own.
    pub diagnostics: Vec<Diagnostic>,
    /// Its templates: built-in, overridden by its own `templates/` folder.
    pub templates: Templates,
}

/// What loading needs to know beyond the files.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    /// Today's date, for dates in the future.
    pub today: jiff::civil::Date,
    /// Keep each record's Markdown (`Record::body`), for a pack.
    pub bodies: bool,
}

/// Find the portfolio at or above `start` and load it.
pub fn load(start: &Path, options: LoadOptions) -> Result<Portfolio, Error> {
    let root = manifest::find(start)?;
    let (manifest, mut diagnostics) = manifest::read(&root)?;
    let framework = Framework::load(&manifest.framework, &root)?;
    let templates = Templates::load(Some(&root))?;
    let evidence = root.join(&manifest.evidence);
    let mut records = Vec::new();
    if !evidence.is_dir() {
        diagnostics.push(manifest.evidence_missing());
    } else {
        let files = discover::records(&root, &evidence, &mut diagnostics);
        if files.is_empty() {
            diagnostics.push(Diagnostic::new(
                &Problem::NoRecords { folder: manifest.evidence.clone() },
                Some(manifest::FILE_NAME),
                None,
            ));
        }
        let sections = sections(&root, &templates, &framework, &mut diagnostics)?;
        let names = [&manifest.candidate, &manifest.mentor, &manifest.line_manager, &manifest.organisation];
        let names: Vec<&str> = names.into_iter().flatten().map(String::as_str).collect();
        let (privacy, pattern_problem) = anonymity::Privacy::new(&manifest.privacy, &names);
        diagnostics.extend(pattern_problem);
        let context = record::Context {
            root: &root,
            framework: &framework,
            today: options.today,
            sections: &sections,
            privacy: &privacy,
            bodies: options.bodies,
        };
        records.reserve_exact(files.len());
        for (record, found) in load_all(&files, &context) {
            diagnostics.extend(found);
            records.extend(record);
        }
    }
    Ok(Portfolio { root, manifest, framework, records, diagnostics, templates })
}

/// The sections of each record type, from the record templates. A portfolio's own template that
/// fails or goes over its budget when rendered is a finding at the template, and then no
/// record's sections are checked: the rest of the check goes on.
fn sections(
    root: &Path,
    templates: &Templates,
    framework: &Framework,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<record::Sections, Error> {
    match crate::scaffold::new::sections(templates, framework) {
        Ok(sections) => Ok(sections),
        Err(Error::Template { file, line, message }) if file.starts_with(root) => {
            let at = line.map(|line| format!(" (line {line})")).unwrap_or_default();
            // The help that follows the message is the finding's own.
            let reason = message.split("\n  help:").next().unwrap_or_default();
            let problem = Problem::TemplateUnusable { reason: format!("{reason}{at}") };
            let shown = crate::paths::relative(root, &file);
            diagnostics.push(Diagnostic::new(&problem, Some(&shown), None));
            Ok(record::Sections::new())
        }
        Err(error) => Err(error),
    }
}

/// Read and check every record of `files`, on several threads when there are many; the results
/// are in the order of `files`.
fn load_all(files: &[PathBuf], context: &record::Context<'_>) -> Vec<(Option<Record>, Vec<Diagnostic>)> {
    /// Fewer records than this each are not worth a thread.
    const PER_THREAD: usize = 256;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = cores.min(files.len().div_ceil(PER_THREAD)).max(1);
    if threads == 1 {
        return files.iter().map(|file| record::load(file, context)).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = files
            .chunks(files.len().div_ceil(threads))
            .map(|part| {
                scope.spawn(move || part.iter().map(|f| record::load(f, context)).collect::<Vec<_>>())
            })
            .collect();
        let joined =
            parts.into_iter().map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        joined.flatten().collect()
    })
}
