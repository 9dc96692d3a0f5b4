//! Find the record files of a portfolio: every `*.md` under the evidence folder, at any depth,
//! except names that start with `.` or `_` (and everything inside such folders).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization as _;
use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::paths::relative;
use crate::problem::Problem;

/// The record files under `evidence`, sorted by path. Folders that cannot be read are reported
/// in `diagnostics` and skipped.
pub fn records(root: &Path, evidence: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let reported = diagnostics.len();
    let real_root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Sorted once at the end: sorting each folder's entries by name as they are walked costs
    // more, and gives the same order.
    let walk = WalkDir::new(evidence)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        match entry {
            Ok(entry) => {
                // A linked folder is not walked (it could loop, or lead anywhere): say so.
                if entry.path_is_symlink() && entry.depth() > 0 && entry.path().is_dir() {
                    let file = relative(root, entry.path());
                    diagnostics.push(Diagnostic::new(&Problem::LinkToFolder, Some(&file), None));
                    continue;
                }
                let is_markdown = entry.path().extension().is_some_and(|e| e == "md");
                if !is_markdown || entry.file_type().is_dir() {
                    continue;
                }
                if entry.path_is_symlink() {
                    // A link is read only if it leads to a file inside the portfolio.
                    let problem = match dunce::canonicalize(entry.path()) {
                        Ok(target) if !target.starts_with(&real_root) => Some(Problem::LinkOutside),
                        Ok(_) => None,
                        Err(error) => Some(Problem::Unreadable { reason: error.to_string() }),
                    };
                    if let Some(problem) = problem {
                        diagnostics.push(Diagnostic::new(
                            &problem,
                            Some(&relative(root, entry.path())),
                            None,
                        ));
                        continue;
                    }
                }
                // The folder listing says what each entry is; a link was followed above. A pipe,
                // socket or device named `*.md` is kept too, for reading to refuse it by name.
                files.push(entry.into_path());
            }
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_else(|| evidence.to_path_buf());
                let reason = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
                // The walk opens folders and does not follow links: what it cannot read is a
                // folder, unless it is still there as a file.
                let problem = if path.symlink_metadata().is_ok_and(|m| m.is_file()) {
                    Problem::Unreadable { reason }
                } else {
                    Problem::UnreadableFolder { reason }
                };
                diagnostics.push(Diagnostic::new(&problem, Some(&relative(root, &path)), None));
            }
        }
    }
    files.sort_by_cached_key(|path| path_order(path));
    diagnostics.extend(names_elsewhere(root, &files));
    diagnostics[reported..].sort_by(|a, b| a.file.cmp(&b.file));
    files
}

/// A key that orders paths as `Path` does, part by part, in one comparison of bytes: the path's
/// bytes with the separator made the lowest byte. (The paths of a walk have no empty parts.)
fn path_order(path: &Path) -> Vec<u8> {
    let separator = std::path::MAIN_SEPARATOR as u8;
    path.as_os_str().as_encoded_bytes().iter().map(|&b| if b == separator { 0 } else { b }).collect()
}

/// Findings on record paths that name no file, or one file for two, on another system: paths
/// that are one on macOS and Windows (they differ only in case or in how an accented letter is
/// written), and parts that Windows keeps for devices or would cut short.
fn names_elsewhere(root: &Path, files: &[PathBuf]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut first_of: HashMap<String, String> = HashMap::with_capacity(files.len());
    let mut collided: Vec<(String, String)> = Vec::new();
    for file in files {
        let path = relative(root, file);
        if let Some(name) = path.split('/').find(|part| reserved_on_windows(part)) {
            let problem = Problem::ReservedName { name: name.to_owned() };
            found.push(Diagnostic::new(&problem, Some(&path), None));
        }
        match first_of.entry(folded(&path)) {
            Entry::Occupied(first) => collided.push((path, first.get().clone())),
            Entry::Vacant(slot) => {
                slot.insert(path);
            }
        }
    }
    let mut firsts_told = std::collections::BTreeSet::new();
    for (path, first) in collided {
        if firsts_told.insert(first.clone()) {
            let problem = Problem::NameCollision { other: path.clone() };
            found.push(Diagnostic::new(&problem, Some(&first), None));
        }
        found.push(Diagnostic::new(&Problem::NameCollision { other: first }, Some(&path), None));
    }
    found
}

/// `path` as a file system that ignores case and Unicode normalisation (macOS, Windows) sees
/// it: decomposed, in lower case, composed again.
fn folded(path: &str) -> String {
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    path.nfd().collect::<String>().to_lowercase().nfc().collect()
}

/// Whether Windows cannot hold a file or folder named `name`: a device's name (`con`, `prn`,
/// `aux`, `nul`, `com0`-`com9`, `lpt0`-`lpt9`, also with `¹²³`), in any case and with any
/// extension, or a name ending in a dot or a space.
fn reserved_on_windows(name: &str) -> bool {
    if name.ends_with(['.', ' ']) {
        return true;
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ').to_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix).is_some_and(|n| {
            n.chars().count() == 1 && n.chars().all(|c| c.is_ascii_digit() || "¹²³".contains(c))
        })
    };
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul" | "conin$" | "conout$")
        || numbered("com")
        || numbered("lpt")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_ordered_part_by_part() {
        let names = ["e/a-b/c.md", "e/a/b.md", "e/a.md", "e/a b/x.md", "e/A/y.md", "e/a/b/c.md", "e/ab.md"];
        let mut by_path: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        by_path.sort();
        let mut by_key = by_path.clone();
        by_key.reverse();
        by_key.sort_by_cached_key(|path| path_order(path));
        assert_eq!(by_key, by_path);
        let first: Vec<&str> = by_path[..4].iter().filter_map(|p| p.to_str()).collect();
        assert_eq!(first, ["e/A/y.md", "e/a/b/c.md", "e/a/b.md", "e/a b/x.md"]);
    }

    #[test]
    fn names_windows_keeps() {
        let kept = [
            "con",
            "CON.md",
            "aux.md",
            "Nul.tar.gz",
            "com1.md",
            "LPT9",
            "com¹.md",
            "notes.",
            "notes ",
            "con .md",
        ];
        let free = ["console.md", "com10.md", "auxiliary.md", "lpt.md", "a.con.md", "notes.md"];
        assert_eq!(kept.map(reserved_on_windows), [true; 10]);
        assert_eq!(free.map(reserved_on_windows), [false; 6]);
    }

    #[test]
    fn paths_fold_case_and_normalisation() {
        assert_eq!(folded("evidence/Visit.md"), folded("evidence/visit.md"));
        assert_eq!(folded("evidence/caf\u{e9}.md"), folded("evidence/cafe\u{301}.md"));
        assert_eq!(folded("evidence/CAF\u{c9}.md"), folded("evidence/cafe\u{301}.md"));
        assert_ne!(folded("evidence/cafe.md"), folded("evidence/caf\u{e9}.md"));
    }

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

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_inside_the_portfolio() {
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.md"), "x").expect("write");
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("evidence/loop")).expect("mkdir");
        std::fs::write(root.join("evidence/a.md"), "x").expect("write");
        let link =
            |target: &Path, name: &str| std::os::unix::fs::symlink(target, root.join(name)).expect("link");
        link(&root.join("evidence/a.md"), "evidence/inside.md");
        link(&outside.path().join("secret.md"), "evidence/outside.md");
        link(&root.join("evidence/gone.md"), "evidence/dangling.md");
        link(&root.join("evidence"), "evidence/loop/again");
        let mut diagnostics = Vec::new();
        let found: Vec<String> = records(root, &root.join("evidence"), &mut diagnostics)
            .iter()
            .map(|p| relative(root, p))
            .collect();
        assert_eq!(found, ["evidence/a.md", "evidence/inside.md"]);
        let reported: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.file.as_deref().unwrap_or("-"), d.code()))
            .collect();
        assert_eq!(
            reported,
            [
                "evidence/dangling.md: unreadable-file",
                "evidence/loop/again: link-to-folder",
                "evidence/outside.md: link-outside-portfolio",
            ]
        );
    }
}
