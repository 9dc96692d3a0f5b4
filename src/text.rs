//! Small helpers for text that comes from a portfolio and goes out to a person or a shell: one
//! visible escaping of control characters for every human output, and POSIX shell quoting for
//! every suggested command.
//!
//! File names, field values and other text written by whoever made a portfolio are untrusted: an
//! escape sequence in a file name would reach the terminal, and a line feed in one would start a
//! new line of a CI log (where `::error::...` is a GitHub workflow command). [`escape`] shows
//! such characters as Rust writes them (`\n`, `\u{1b}`), so they are visible and inert. A
//! backslash itself is left as it is, so that Windows paths stay readable: the escaping is for
//! safety, not a reversible encoding.

use std::borrow::Cow;
use std::ops::Range;

/// Whether `c` must not reach a terminal or a log as it is: a control character (C0, DEL, C1)
/// or a bidirectional override or isolate (U+202A to U+202E, U+2066 to U+2069), which reorder
/// what is shown.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` with every character [`is_hidden`] shown visibly: `\n`, `\r`, `\t`, and any other as
/// `\u{1b}` (hexadecimal code point). Every human output passes user text through this.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, is_hidden)
}

/// An error message as [`escape`], but keeping the line breaks of its own layout: a break
/// followed by a space or a digit (an indented `help:` line, a quoted source line such as
/// `1 | ...` under a template error) stays, unless what follows the spaces starts with `::` (a
/// GitHub workflow command). Any other line break, such as one in a file name, is escaped, so
/// it cannot start a line of its own at the margin of a terminal or a CI log.
pub fn escape_message(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(&escape(line));
        if let Some(next) = lines.peek() {
            let layout = next.starts_with(|c: char| c == ' ' || c.is_ascii_digit())
                && !next.trim_start().starts_with("::");
            out.push_str(if layout { "\n" } else { "\\n" });
        }
    }
    Cow::Owned(out)
}

/// A line of a file as quoted under a finding: as [`escape`], but tabs are kept (the drawing
/// shows them as spaces); `range` (bytes of `line`) is moved to the same text in the result.
pub fn escape_quoted_line(line: &str, range: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let hidden = |c: char| c != '\t' && is_hidden(c);
    if !line.chars().any(hidden) {
        return (Cow::Borrowed(line), range);
    }
    let moved = |at: usize| at + escape_where(&line[..at.min(line.len())], hidden).len() - at.min(line.len());
    let range = moved(range.start)..moved(range.end);
    (escape_where(line, hidden), range)
}

/// `text` with the characters for which `hidden` holds written as escapes.
fn escape_where(text: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !hidden(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

/// `text` as one word of a POSIX shell command line: as it is when every character is a letter,
/// a digit or one of `-_./@%+=:,` (and it is not empty), else in single quotes, with each `'`
/// written `'\''`. Inside single quotes no character is special, so a suggested command pasted
/// into a shell passes the value as one argument and runs nothing else.
pub fn shell_quote(text: &str) -> Cow<'_, str> {
    let plain = |c: char| {
        c.is_ascii_alphanumeric() || (c.is_alphanumeric() && !c.is_ascii()) || "-_./@%+=:,".contains(c)
    };
    if !text.is_empty() && text.chars().all(plain) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("'{}'", text.replace('\'', "'\\''")))
    }
}

/// `a`, `a and b`, `a, b and c`; nothing for no items.
pub fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Who signed and as what, for messages: `Sam Patel (mentor)`, `Sam Patel` without a role,
/// `someone unnamed` without a name.
pub fn who(by: &str, role: &str) -> String {
    let by = if by.trim().is_empty() { "someone unnamed" } else { by };
    if role.is_empty() { by.to_owned() } else { format!("{by} ({role})") }
}

/// `s` for any number but one: "1 record", "2 records".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `text` cut at spaces into lines that end by column `width`: the first line starts at column
/// `first`, the others at `rest`. What is in backticks (a command, a field) is never cut, nor is
/// a word longer than a line (a path): it has a line to itself, so that it can still be copied
/// whole. A short number (`6)`, `(3`) stays with the word before it and the word after it, as
/// in "month 6)" and "(3 records)".
pub fn wrap(text: &str, width: usize, first: usize, rest: usize) -> Vec<String> {
    let number = |word: &str| word.len() <= 4 && word.starts_with(|c: char| c.is_ascii_digit());
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match words.last_mut() {
            // The last word opened a backtick it did not close, or a number joins two words.
            Some(open)
                if open.matches('`').count() % 2 == 1
                    || number(word)
                    || open.rsplit(' ').next().and_then(|w| w.strip_prefix('(')).is_some_and(number) =>
            {
                open.push(' ');
                open.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    let (mut start, mut used) = (first, 0);
    for word in &words {
        let length = word.chars().count();
        if !line.is_empty() && start + used + 1 + length > width {
            lines.push(std::mem::take(&mut line));
            (start, used) = (rest, 0);
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += length;
    }
    lines.push(line);
    lines
}

/// "the first", "the second", ... for messages about one of several records.
pub fn ordinal(n: usize) -> String {
    const WORDS: [&str; 10] =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    WORDS.get(n.wrapping_sub(1)).map_or_else(|| format!("number {n}"), |w| (*w).to_owned())
}

/// Lowercase ASCII letters and digits joined by `-`, at most 60 characters, cut at a word.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word: String = word.chars().filter_map(ascii_letter).collect();
        if word.is_empty() {
            continue;
        }
        if slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

/// A letter or digit as lowercase ASCII, dropping accents where the letter is Latin.
fn ascii_letter(c: char) -> Option<char> {
    let c = c.to_lowercase().next().unwrap_or(c);
    if c.is_ascii_alphanumeric() {
        return Some(c);
    }
    let base = match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    };
    Some(base)
}

/// The anchor of a record.
pub fn anchor(id: &str) -> String {
    let safe: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("record-{safe}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_shows_hidden_characters_and_keeps_the_rest() {
        let table = [
            ("evidence/a.md", "evidence/a.md"),
            ("evil\n::error::forged.md", "evil\\n::error::forged.md"),
            ("a\r\tb", "a\\r\\tb"),
            ("\u{1b}[31mred\u{1b}[0m", "\\u{1b}[31mred\\u{1b}[0m"),
            ("nul\0del\u{7f}", "nul\\u{0}del\\u{7f}"),
            ("c1\u{9b}2J", "c1\\u{9b}2J"),
            ("\u{202e}dm.exe", "\\u{202e}dm.exe"),
            ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
            ("café ü 1️⃣ C:\\Users", "café ü 1️⃣ C:\\Users"),
            ("\u{200b}zero width", "\u{200b}zero width"),
        ];
        for (text, shown) in table {
            assert_eq!(escape(text), shown, "{text:?}");
        }
    }

    #[test]
    fn a_quoted_line_keeps_tabs_and_its_underline() {
        let line = "a\u{1b}b\tname: \u{9b}x";
        let start = line.find("name").expect("present");
        let (shown, range) = escape_quoted_line(line, start..start + 4);
        assert_eq!(shown, "a\\u{1b}b\tname: \\u{9b}x");
        assert_eq!(&shown[range], "name");
        let (shown, range) = escape_quoted_line("plain", 1..3);
        assert_eq!((shown.as_ref(), range), ("plain", 1..3));
    }

    #[test]
    fn wrap_cuts_at_spaces_and_keeps_long_words_whole() {
        assert_eq!(wrap("one two three four", 14, 2, 4), ["one two", "three four"]);
        assert_eq!(
            wrap("a `pqs new observation --kind direct` b", 10, 0, 2),
            ["a", "`pqs new observation --kind direct`", "b"]
        );
        assert_eq!(wrap("run `pqs new pdp` now", 12, 0, 0), ["run", "`pqs new pdp`", "now"]);
        assert_eq!(wrap("an ` unclosed backtick", 8, 0, 0), ["an", "` unclosed backtick"]);
        assert_eq!(wrap("short", 100, 10, 10), ["short"]);
        assert_eq!(wrap("due by 2026-06-01, month 6)", 25, 0, 0), ["due by 2026-06-01,", "month 6)"]);
        assert_eq!(wrap("the community (3 records)", 20, 0, 0), ["the community", "(3 records)"]);
        assert_eq!(wrap("", 10, 0, 0), [""]);
        assert_eq!(
            wrap("a-very-long-path/that/does/not/fit and more", 10, 2, 2),
            ["a-very-long-path/that/does/not/fit", "and more"]
        );
    }

    #[test]
    fn shell_quote_quotes_only_what_needs_it() {
        let table = [
            ("evidence/a.md", "evidence/a.md"),
            ("evidence/2026-03-02_obs.1.md", "evidence/2026-03-02_obs.1.md"),
            ("évidence/café.md", "évidence/café.md"),
            ("mentor", "mentor"),
            ("", "''"),
            ("Sam Patel", "'Sam Patel'"),
            ("O'Brien", "'O'\\''Brien'"),
            ("notes; touch PWNED #.md", "'notes; touch PWNED #.md'"),
            ("$(reboot)`id`", "'$(reboot)`id`'"),
            ("a\"b\\c", "'a\"b\\c'"),
            ("~/x", "'~/x'"),
            ("!!", "'!!'"),
            ("a*b?[c]", "'a*b?[c]'"),
            ("line\nbreak", "'line\nbreak'"),
            ("no\u{a0}break", "'no\u{a0}break'"),
        ];
        for (text, quoted) in table {
            assert_eq!(shell_quote(text), quoted, "{text:?}");
        }
    }

    #[test]
    fn a_quoted_word_is_one_argument_to_a_shell() {
        for word in ["notes; touch PWNED #.md", "O'Brien", "$(x) `y` \"z\" \\ !", "a'b'c''", "\n"] {
            let script = format!("printf '%s' {}", shell_quote(word));
            let output = std::process::Command::new("sh").args(["-c", &script]).output().expect("sh runs");
            assert_eq!(String::from_utf8_lossy(&output.stdout), word, "{script}");
        }
    }

    #[test]
    fn messages_keep_their_own_layout_and_nothing_else() {
        let cases = [
            ("plain words", "plain words"),
            ("cannot be used\n  help: rename it", "cannot be used\n  help: rename it"),
            ("error\n --> a.tera:1:2\n  |\n1 | {{ x }}", "error\n --> a.tera:1:2\n  |\n1 | {{ x }}"),
            ("`evil\n::error::forged.md` cannot be read", "`evil\\n::error::forged.md` cannot be read"),
            ("`evil\n  ::error::forged.md`", "`evil\\n  ::error::forged.md`"),
            ("a\u{1b}[31m\n  help: b\r", "a\\u{1b}[31m\n  help: b\\r"),
        ];
        for (text, shown) in cases {
            assert_eq!(escape_message(text), shown, "{text:?}");
        }
    }
}
