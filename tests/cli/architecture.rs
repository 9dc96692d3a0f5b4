//! The shape of `src/`: data flows one way. Every file's `use crate::...` and `super::...` paths
//! (and inline `crate::` paths) are read; a module may use only modules of its own layer or a
//! lower one, and no files may use each other in a circle. `ARCHITECTURE.md` explains the layers;
//! the table below is the one that holds.
//!
//! Test code is left out: the part of a file after `#[cfg(test)]`, and files that are declared
//! `#[cfg(test)] mod name;` (a folder's `tests.rs`, `testing.rs`). A folder's `mod.rs` may use
//! its own files by their bare names; that is declaring them, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::repo;

/// The layers, lowest first, and the top-level modules of each. A module may use the modules of
/// its own layer and of the layers before it, never those after it.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "vocabulary",
        &["model", "text", "paths", "read", "xml", "git", "markdown", "suggest", "typeset", "yaml"],
    ),
    ("findings", &["error", "privacy", "problem", "diagnostic", "write", "lock"]),
    ("inputs", &["framework", "templates", "keys"]),
    ("load", &["portfolio"]),
    ("judge", &["rules"]),
    ("cover", &["coverage", "pathway"]),
    ("orchestrate", &["check", "cohort"]),
    ("output", &["report", "render", "scaffold", "signoff", "schema"]),
    ("serve", &["serve"]),
    ("command line", &["cli"]),
];

/// The leaves: modules that use nothing else of the crate.
const LEAVES: &[&str] =
    &["model", "text", "paths", "read", "xml", "git", "markdown", "suggest", "typeset", "yaml"];

/// One file of the crate: its module path and the source that is not test code.
struct File {
    path: String,
    module: Vec<String>,
    source: String,
}

/// A use of one module by another that breaks a rule, in words.
type Breach = String;

#[test]
fn every_module_uses_only_its_own_layer_and_those_below_it() {
    let breaches = breaches(&repo().join("src"));
    assert!(breaches.is_empty(), "the code does not flow one way:\n{}", breaches.join("\n"));
}

/// The one file allowed over 400 lines: the list of every finding, each with its documentation.
const LONG_FILES: &[&str] = &["problem/mod.rs"];

#[test]
fn no_file_of_src_is_over_400_lines_but_the_list_of_findings() {
    let src = repo().join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let path = entry.expect("src/ can be listed").into_path();
        let name = path.strip_prefix(&src).expect("inside").to_string_lossy().replace('\\', "/");
        if path.extension().is_some_and(|e| e == "rs") && !LONG_FILES.contains(&name.as_str()) {
            let lines = std::fs::read_to_string(&path).expect("text").lines().count();
            if lines > 400 {
                long.push(format!("{name}: {lines} lines"));
            }
        }
    }
    assert!(long.is_empty(), "files over 400 lines (split them by concern):\n{}", long.join("\n"));
}

/// The checker itself, on a small crate with a wrong import planted: it must fail, naming it.
#[test]
fn a_wrong_import_or_a_circle_is_found() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let src = dir.path();
    let write = |name: &str, text: &str| {
        let path = src.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    };
    write("lib.rs", "pub mod model;\npub mod check;\npub mod cli;\n");
    write("model/mod.rs", "//! x\nuse crate::cli::run;\n#[cfg(test)]\nmod tests;\n");
    write("model/tests.rs", "use crate::cli::anything;\n");
    write("check.rs", "use crate::{model::Record, cli::Args};\n");
    write("cli/mod.rs", "pub mod a;\npub mod b;\nuse crate::check;\n");
    write("cli/a.rs", "use super::b::X;\n");
    write("cli/b.rs", "// use crate::nothing;\nfn f() { super::a::g() }\n");
    assert_eq!(
        breaches(src),
        [
            "check.rs (orchestrate) uses cli (command line), a layer above it",
            "files use each other in a circle: check.rs, cli/mod.rs, model/mod.rs",
            "files use each other in a circle: cli/a.rs, cli/b.rs",
            "model/mod.rs (vocabulary) uses cli (command line), a layer above it",
            "model/mod.rs (vocabulary) uses cli, but model is a leaf: it uses nothing of the crate",
        ]
    );
}

/// Every rule the files of the crate at `src` break, sorted.
fn breaches(src: &Path) -> Vec<Breach> {
    let files = files(src);
    let owners: BTreeMap<Vec<String>, String> =
        files.iter().map(|f| (f.module.clone(), f.path.clone())).collect();
    let mut found = BTreeSet::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(own) = file.module.first() else { continue };
        for used in uses(file) {
            let Some(target) = owner(&owners, &used) else { continue };
            if *target == file.path {
                continue;
            }
            edges.entry(file.path.clone()).or_default().insert(target.clone());
            let Some(other) = used.first() else { continue };
            if other == own {
                continue;
            }
            found.extend(layer_breach(&file.path, own, other));
        }
    }
    for circle in circles(&edges) {
        found.insert(format!("files use each other in a circle: {}", circle.join(", ")));
    }
    found.into_iter().collect()
}

/// What is wrong, if anything, with the file `path` of module `own` using module `other`.
fn layer_breach(path: &str, own: &str, other: &str) -> Vec<Breach> {
    let mut found = Vec::new();
    let (own_layer, other_layer) = (layer(own), layer(other));
    match (own_layer, other_layer) {
        (Some((mine, my_name)), Some((theirs, their_name))) if theirs > mine => {
            found.push(format!("{path} ({my_name}) uses {other} ({their_name}), a layer above it"));
        }
        (None, _) => {
            found.push(format!("{path}: the module {own} is in no layer of tests/cli/architecture.rs"))
        }
        (_, None) => {
            found.push(format!("{path} uses {other}, which is in no layer of tests/cli/architecture.rs"))
        }
        _ => {}
    }
    if LEAVES.contains(&own) {
        found.push(format!("{path} ({}) uses {other}, but {own} is a leaf: it uses nothing of the crate", {
            own_layer.map_or("?", |(_, name)| name)
        }));
    }
    found
}

/// The index and name of the layer of the top-level module `module`.
fn layer(module: &str) -> Option<(usize, &'static str)> {
    LAYERS
        .iter()
        .enumerate()
        .find(|(_, (_, modules))| modules.contains(&module))
        .map(|(i, (name, _))| (i, *name))
}

/// Every file of the crate at `src` but `lib.rs`, `main.rs` and test code.
fn files(src: &Path) -> Vec<File> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(src)
        .into_iter()
        .map(|e| e.expect("src/ can be listed").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    all.sort();
    let test_only = test_only(&all);
    let mut files = Vec::new();
    for path in all {
        let relative = path.strip_prefix(src).expect("inside src").to_string_lossy().replace('\\', "/");
        if ["lib.rs", "main.rs"].contains(&relative.as_str()) || test_only.contains(&path) {
            continue;
        }
        let mut module: Vec<String> =
            relative.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).expect("a source file is text");
        let source = text.split("#[cfg(test)]").next().unwrap_or_default();
        let source: String =
            source.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
        files.push(File { path: relative, module, source });
    }
    files
}

/// The files declared as `#[cfg(test)] mod name;`, and what is under them.
fn test_only(all: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    for path in all {
        let text = std::fs::read_to_string(path).expect("a source file is text");
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        // Where a file's own modules live: beside `mod.rs`, `lib.rs` and `main.rs`; else in the
        // folder named after the file.
        let folder = if ["mod", "lib", "main"].contains(&name) {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            path.with_extension("")
        };
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let declared = pair[1].trim().strip_prefix("mod ").and_then(|m| m.strip_suffix(';'));
            if let (true, Some(module)) = (pair[0].trim() == "#[cfg(test)]", declared) {
                found.insert(folder.join(format!("{module}.rs")));
                found.insert(folder.join(module).join("mod.rs"));
            }
        }
    }
    found
}

/// The module paths a file uses: `crate::a::b` and `super::a` (made absolute), with each item of
/// a `{...}` group.
fn uses(file: &File) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let source = &file.source;
    for (at, _) in source.match_indices("crate::").chain(source.match_indices("super::")) {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let is_super = source[at..].starts_with("super::");
        let mut base: Vec<String> =
            if is_super { file.module[..file.module.len().saturating_sub(1)].to_vec() } else { Vec::new() };
        // `crate::` and `super::` are both seven bytes long.
        let rest = &source[at + 7..];
        let path: String =
            rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{').collect();
        if let Some(group_start) = path.find('{') {
            base.extend(segments(&path[..group_start]));
            let inner = &rest[group_start + 1..];
            let inner = &inner[..closing(inner)];
            for item in split_top(inner) {
                let mut full = base.clone();
                full.extend(segments(item.split(" as ").next().unwrap_or_default()));
                found.push(full);
            }
        } else {
            base.extend(segments(&path));
            found.push(base);
        }
    }
    found
}

/// The parts of `a::b::c` that are names (not `self`).
fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "self" && !s.contains('{'))
        .map(str::to_owned)
        .collect()
}

/// Where the `}` that closes a group opened just before `text` is.
fn closing(text: &str) -> usize {
    let mut depth = 0;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return at,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

/// The items of a group, split at its top-level commas: `a, b::{c, d}` is `a` and `b::{c, d}`;
/// a nested group's first item stands for it (its module is what matters).
fn split_top(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(text[start..].trim());
    items.into_iter().filter(|i| !i.is_empty()).collect()
}

/// The file that defines the longest module prefix of `path`.
fn owner<'a>(owners: &'a BTreeMap<Vec<String>, String>, path: &[String]) -> Option<&'a String> {
    (1..=path.len()).rev().find_map(|n| owners.get(&path[..n]))
}

/// Every group of two or more files that use each other in a circle, each sorted.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Two files are in one circle when each reaches the other.
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(at) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = edges.keys().map(|f| (f, reach(f))).collect();
    let mut groups: BTreeSet<Vec<String>> = BTreeSet::new();
    for (file, reaches) in &reached {
        let mut group: Vec<String> = reaches
            .iter()
            .filter(|other| reached.get(other).is_some_and(|back| back.contains(*file)))
            .cloned()
            .collect();
        if !group.contains(file) {
            group.push((*file).clone());
        }
        group.sort();
        if group.len() > 1 {
            groups.insert(group);
        }
    }
    groups.into_iter().collect()
}
