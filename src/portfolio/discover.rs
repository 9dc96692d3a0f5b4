//! Find the record files of a portfolio: every `*.md` under the evidence folder, at any depth,
//! except names that start with `.` or `_` (and everything inside such folders).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::portfolio::relative;
use crate::problem::Problem;

/// The record files under `evidence`, sorted by path. Folders that cannot be read are reported
/// in `diagnostics` and skipped.
pub fn records(root: &Path, evidence: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walk = WalkDir::new(evidence)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        match entry {
            Ok(entry) => {
                let is_markdown = entry.path().extension().is_some_and(|e| e == "md");
                let is_file = entry.file_type().is_file() || entry.path().is_file();
                if is_markdown && is_file {
                    files.push(entry.into_path());
                }
            }
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_else(|| evidence.to_path_buf());
                let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
                let problem = Problem::Unreadable { reason };
                diagnostics.push(Diagnostic::new(&problem, Some(&relative(root, &path)), None));
            }
        }
    }
    files
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markdown_at_any_depth_and_skips_hidden_names() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for path in [
            "evidence/a.md",
            "evidence/deep/er/b.md",
            "evidence/_drafts/c.md",
            "evidence/.git/d.md",
            "evidence/_e.md",
            "evidence/notes.txt",
            "evidence/.f.md",
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "x").expect("write");
        }
        let mut diagnostics = Vec::new();
        let found: Vec<String> = records(root, &root.join("evidence"), &mut diagnostics)
            .iter()
            .map(|p| relative(root, p))
            .collect();
        assert_eq!(found, ["evidence/a.md", "evidence/deep/er/b.md"]);
        assert!(diagnostics.is_empty());
    }
}
