//! The checks of a record's attachments and of the images its text shows: each a file inside the
//! portfolio, of no more pixels than a pack shows.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::Checker;
use crate::portfolio::digest;
use crate::portfolio::pixels;
use crate::problem::Problem;
use crate::yaml::fields::Fields;
use crate::yaml::locate::Place;
use crate::yaml::values::is_blank;

impl Checker<'_, '_> {
    pub(super) fn attachments(&mut self, path: &Path) -> Vec<String> {
        let items = self.fields.list("attachments").map(<[String]>::to_vec).unwrap_or_default();
        let folder = path.parent().unwrap_or(Path::new(""));
        for (index, written) in items.iter().enumerate() {
            let resolved = resolve(self.context.root, folder, written);
            let problem = if is_blank(written) {
                Some(Problem::EmptyField { field: "attachments" })
            } else {
                match &resolved {
                    Ok(found) => pixels::too_many(found).map(|(width, height)| Problem::ImageTooLarge {
                        path: written.clone(),
                        width,
                        height,
                    }),
                    Err(problem) => Some(problem.clone()),
                }
            };
            self.files.insert(written.clone(), resolved);
            if let Some(problem) = problem {
                self.report(problem, &[Place::Item("attachments", index), Place::Value("attachments")]);
            }
        }
        items
    }

    /// Images shown in the text that are inside the portfolio but of more pixels than a pack shows.
    pub(super) fn images_shown(&mut self, path: &Path, body: &str, body_line: usize) {
        let folder = path.parent().unwrap_or(Path::new(""));
        for image in pixels::shown(body, body_line) {
            let resolved = resolve(self.context.root, folder, &image.url);
            if let Some((width, height)) = resolved.as_deref().ok().and_then(pixels::too_many) {
                let problem = Problem::ImageTooLarge { path: image.url.clone(), width, height };
                self.found.push(self.source.at_line_byte(&problem, image.line, image.column));
            }
            self.files.insert(image.url, resolved);
        }
    }
}

/// Every file the record at `path` refers to, by the path written, each with its real path or
/// why it is refused: its `attachments` and the images its text (`body`, starting on line
/// `body_line`) shows. The same files the checks find, for `pqs sign` to cover.
pub fn referenced(
    root: &Path,
    path: &Path,
    fields: &Fields,
    body: &str,
    body_line: usize,
) -> BTreeMap<String, Result<PathBuf, Problem>> {
    let folder = path.parent().unwrap_or(Path::new(""));
    let attachments = fields.list("attachments").unwrap_or_default().iter().cloned();
    let images = pixels::shown(body, body_line).into_iter().map(|image| image.url);
    attachments.chain(images).map(|written| (written.clone(), resolve(root, folder, &written))).collect()
}

/// The digest of each file of `files` ([`referenced`]), by the path written: `sha256:...`, or
/// [`digest::NO_FILE`] for one that is missing, refused or cannot be read. A file's digest is
/// kept in `known` by its real path, so that a file many records refer to is read once.
pub fn file_digests(
    files: &BTreeMap<String, Result<PathBuf, Problem>>,
    known: &FileDigests,
) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(written, found)| {
            let value = found.as_ref().ok().and_then(|real| known.of(real));
            (written.clone(), value.unwrap_or_else(|| digest::NO_FILE.to_owned()))
        })
        .collect()
}

/// The digests of the files read so far, by real path: shared by the records of a portfolio,
/// which are checked on several threads.
#[derive(Debug, Default)]
pub struct FileDigests(Mutex<BTreeMap<PathBuf, Option<String>>>);

impl FileDigests {
    /// The digest of the file at `real`, read the first time it is asked for; `None` if it
    /// cannot be read.
    pub fn of(&self, real: &Path) -> Option<String> {
        let known = |map: &BTreeMap<PathBuf, Option<String>>| map.get(real).cloned();
        if let Some(found) = known(&self.0.lock().unwrap_or_else(PoisonError::into_inner)) {
            return found;
        }
        // Read without the lock, so that other records go on meanwhile.
        let value = digest::file_digest(real).ok();
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(real.to_path_buf(), value.clone());
        value
    }
}

/// The real path of the attachment `written` in a record in `folder`, or why it is refused or
/// missing. A path is refused before anything is read if it is a web address, absolute, leads
/// out of the portfolio with `..`, or is a link to a file outside it.
pub fn resolve(root: &Path, folder: &Path, written: &str) -> Result<PathBuf, Problem> {
    let outside = |reason| Err(Problem::AttachmentOutside { path: written.to_owned(), reason });
    if written.contains("://") || written.starts_with("mailto:") {
        return outside("a web address is not a file in the portfolio");
    }
    let relative_path = Path::new(written);
    let windows_absolute = written.as_bytes().get(1) == Some(&b':') || written.starts_with('\\');
    if relative_path.has_root() || relative_path.is_absolute() || windows_absolute {
        return outside("it is an absolute path; give a path relative to the record");
    }
    // Resolve `..` by hand: the path must stay inside the portfolio before any link is followed.
    let mut inside = folder.strip_prefix(root).unwrap_or(Path::new("")).to_path_buf();
    for component in relative_path.components() {
        match component {
            Component::ParentDir if !inside.pop() => return outside("it leads outside the portfolio"),
            Component::Normal(part) => inside.push(part),
            _ => {}
        }
    }
    let full = root.join(&inside);
    match (dunce::canonicalize(&full), dunce::canonicalize(root)) {
        (Ok(real), Ok(real_root)) if !real.starts_with(&real_root) => {
            outside("it is a link to a file outside the portfolio")
        }
        (Ok(real), _) if real.is_dir() => outside("it is a folder, not a file"),
        // A pipe or a device would never finish being read.
        (Ok(real), _) if !real.is_file() => outside("it is not an ordinary file (a pipe or a device?)"),
        (Ok(real), _) => Ok(real),
        (Err(_), _) => Err(Problem::AttachmentMissing { path: written.to_owned() }),
    }
}
