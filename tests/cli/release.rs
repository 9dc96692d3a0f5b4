//! The files that name a release of pqs (the action, the pre-commit hook's package, the README's
//! install commands, the Dockerfile) name this version and this repository, so a new version
//! cannot leave one of them installing an older pqs or another project's.

use std::fs;

use regex::Regex;

use crate::repo;

const VERSION: &str = env!("CARGO_PKG_VERSION");
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

fn read(path: &str) -> String {
    fs::read_to_string(repo().join(path)).expect(path)
}

/// Every version that `pattern`'s first group finds in `path`, with its line.
fn versions(path: &str, pattern: &str) -> Vec<(usize, String)> {
    let pattern = Regex::new(pattern).expect("a pattern");
    let text = read(path);
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        found.extend(pattern.captures_iter(line).map(|c| (n + 1, c[1].to_owned())));
    }
    found
}

#[test]
fn every_file_that_names_a_release_names_this_version() {
    // `{v}` stands for a version: digits and dots, and perhaps a pre-release such as `-rc.1`.
    let places = [
        ("action.yml", r"^    default: {v}$"),
        ("pyproject.toml", r#"^version = "{v}""#),
        ("pyproject.toml", r#""pqs=={v}""#),
        ("README.md", r"releases/(?:download|tag)/v{v}"),
        ("README.md", r"pqs-tool/pqs@v{v}"),
        ("README.md", r"^    rev: v{v}"),
        ("README.md", r"ghcr\.io/pqs-tool/pqs:{v}"),
        ("Dockerfile", r"ghcr\.io/pqs-tool/pqs:{v}"),
    ];
    let mut wrong = Vec::new();
    for (path, pattern) in places {
        let pattern = pattern.replace("{v}", r"(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)");
        let found = versions(path, &pattern);
        assert!(!found.is_empty(), "{path} names no version with {pattern}");
        wrong
            .extend(found.into_iter().filter(|(_, v)| v != VERSION).map(|(n, v)| format!("{path}:{n}: {v}")));
    }
    assert_eq!(wrong, Vec::<String>::new(), "pqs is {VERSION}");
}

#[test]
fn every_file_that_names_pqs_home_names_cargo_toml_repository() {
    let releases = format!("{REPOSITORY}/releases/download");
    for path in ["action.yml", ".github/action/run.sh"] {
        assert!(read(path).contains(&releases), "{path} downloads from {releases}");
    }
    let github = Regex::new(r"https://github\.com/([\w.-]+/[\w.-]+)").expect("a pattern");
    for path in ["README.md", "action.yml", ".github/action/run.sh", "pypi/pyproject.toml"] {
        for found in github.captures_iter(&read(path)) {
            let home = format!("https://github.com/{}", &found[1]);
            assert_eq!(home, REPOSITORY, "{path} names pqs's home");
        }
    }
}
