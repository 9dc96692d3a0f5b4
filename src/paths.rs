//! Paths as reports write them: `/` between parts on every system, never `\`, so that a CI
//! service, a program reading the JSON report, or git, reads the same path whether `pqs` ran on
//! Linux, macOS or Windows. Every report path is made here, by [`slashed`] or [`relative`].

use std::path::Path;

/// `path` as reports write it: its parts with `/` between them, and no empty parts (`a//b/` is
/// `a/b`). On Windows `\` separates parts too and the verbatim prefix is dropped: `\\?\C:\p` is
/// `C:/p`, `\\server\share\p` is `//server/share/p`. Elsewhere `\` is a character of a name like
/// any other, and is kept.
pub fn slashed(path: &Path) -> String {
    slashes(&path.to_string_lossy(), cfg!(windows))
}

/// `path` relative to `root` (or the whole of `path` if it is not inside `root`), as
/// [`slashed`] writes it.
pub fn relative(root: &Path, path: &Path) -> String {
    slashed(path.strip_prefix(root).unwrap_or(path))
}

/// [`slashed`] on a path written as text, as Windows reads it (`windows`) or as other systems do.
fn slashes(text: &str, windows: bool) -> String {
    let separator = |c: char| c == '/' || (windows && c == '\\');
    let (root, rest) = if windows { windows_root(text) } else { ("", text) };
    let root = if root.is_empty() && rest.starts_with(separator) { "/" } else { root };
    let parts: Vec<&str> = rest.split(separator).filter(|part| !part.is_empty()).collect();
    format!("{root}{}", parts.join("/"))
}

/// How a Windows path starts, as reports write it, and the rest: `//` for a server's share
/// (`\\server\share`, or `\\?\UNC\server\share`), and nothing for the verbatim prefix `\\?\`, which
/// only tells Windows to take the rest literally (`\\?\C:\p`).
fn windows_root(text: &str) -> (&'static str, &str) {
    if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        ("//", rest)
    } else if let Some(rest) = text.strip_prefix(r"\\?\") {
        ("", rest)
    } else if text.get(..2).is_some_and(|start| start.bytes().all(|b| b == b'\\' || b == b'/')) {
        ("//", &text[2..])
    } else {
        ("", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_have_only_forward_slashes() {
        let cases = [
            (r"C:\cohort\alex\evidence\a b.md", "C:/cohort/alex/evidence/a b.md"),
            (r"evidence\x.md", "evidence/x.md"),
            (r"evidence/sub\x.md", "evidence/sub/x.md"),
            (r"\\server\share\p", "//server/share/p"),
            (r"\\?\C:\p", "C:/p"),
            (r"\\?\UNC\server\share\p", "//server/share/p"),
            (r"C:\cohort\alex\", "C:/cohort/alex"),
            (r"\evidence\x.md", "/evidence/x.md"),
            ("", ""),
        ];
        for (windows, slashed) in cases {
            assert_eq!(slashes(windows, true), slashed, "{windows}");
        }
    }

    #[test]
    fn elsewhere_a_backslash_is_part_of_a_name() {
        let cases = [
            ("evidence/a\\b.md", "evidence/a\\b.md"),
            ("/tmp/cohort/alex/évidence/a b.md", "/tmp/cohort/alex/évidence/a b.md"),
            ("a//b/", "a/b"),
            ("//a", "/a"),
            ("./a", "./a"),
            ("", ""),
        ];
        for (unix, slashed) in cases {
            assert_eq!(slashes(unix, false), slashed, "{unix}");
        }
    }

    #[test]
    fn relative_to_a_folder() {
        let root = Path::new("portfolio");
        assert_eq!(relative(root, &root.join("evidence").join("a b.md")), "evidence/a b.md");
        assert_eq!(relative(root, Path::new("elsewhere/x.md")), "elsewhere/x.md");
        assert_eq!(relative(root, root), "");
    }
}
