//! What each fuzz target holds the library to. The fuzz targets call these on every input, and
//! `tests/cli/fuzz_inputs.rs` calls them on the inputs kept in `tests/fuzz/`, so a finding once
//! fixed stays fixed. Each function panics when the library breaks a promise.

#![allow(dead_code)] // each fuzz target uses one of these

use std::path::Path;
use std::sync::OnceLock;

use pqs::check::{self, CheckOptions, Prepared};
use pqs::diagnostic::Diagnostic;
use pqs::framework::Framework;
use pqs::model::DEFAULT_FRAMEWORK;
use pqs::portfolio::front_matter::{self, SplitError};
use pqs::privacy::Scanner;
use pqs::privacy::reader::ReaderText;

/// The front-matter splitter: the parts it gives are the file's own lines, in order, with the
/// fences where it says, and every refusal is true of the bytes.
pub fn front_matter(bytes: &[u8]) {
    let without_bom = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match front_matter::split(bytes) {
        Ok(split) => {
            assert_eq!(split.text.as_bytes(), without_bom, "the text is the file without its BOM");
            let text = split.text;
            assert!(split.yaml.start <= split.yaml.end && split.yaml.end <= split.body.start);
            assert_eq!(split.body.end, text.len(), "the body runs to the end of the file");
            // Slicing checks that both ends fall between characters.
            let yaml = split.yaml();
            let _ = split.body();
            let opening = text[..split.yaml.start].strip_suffix('\n').expect("line 1 ends");
            assert!(is_fence(opening), "line 1 is a fence: {opening:?}");
            assert!(yaml.is_empty() || yaml.ends_with('\n'), "the YAML is whole lines");
            let closing = &text[split.yaml.end..split.body.start];
            let closing = closing.strip_suffix('\n').unwrap_or(closing);
            assert!(!closing.contains('\n') && is_fence(closing), "the closing fence is one line");
            assert!(!yaml.split('\n').any(is_fence), "the YAML holds no fence line");
            assert_eq!(split.yaml_line, line_of(text, split.yaml.start), "the YAML's first line");
            if !split.body.is_empty() {
                assert_eq!(split.body_line, line_of(text, split.body.start), "the body's first line");
            }
        }
        Err(SplitError::NotUtf8 { line, column }) => {
            let error = std::str::from_utf8(bytes).expect_err("refused as not UTF-8, so it is not");
            let good = &bytes[..error.valid_up_to()];
            let before = std::str::from_utf8(good).expect("valid up to there");
            let before = before.strip_prefix('\u{feff}').unwrap_or(before);
            assert_eq!(line, before.matches('\n').count() + 1, "the line of the first bad byte");
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(column, before[line_start..].chars().count() + 1, "its column");
        }
        Err(SplitError::Empty) => {
            let text = std::str::from_utf8(without_bom).expect("an empty file is text");
            assert!(text.trim().is_empty(), "refused as empty, so it is blank");
        }
        Err(SplitError::Missing { .. }) => {
            let text = std::str::from_utf8(without_bom).expect("refused for its first line, so text");
            let first = text.split('\n').next().unwrap_or("");
            assert!(!is_fence(first), "refused for a missing fence, so line 1 is not one");
        }
        Err(SplitError::Unclosed) => {
            let text = std::str::from_utf8(without_bom).expect("refused as unclosed, so text");
            let mut lines = text.split('\n');
            assert!(lines.next().is_some_and(is_fence), "an opening fence");
            let rest: Vec<&str> = lines.collect();
            // The last piece has no line ending; a fence there still closes.
            assert!(!rest.iter().any(|l| is_fence(l)), "refused as unclosed, so no closing fence");
        }
    }
}

/// A line that reads `---`, with any trailing spaces, tabs or carriage returns.
fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == "---"
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// What one record is checked against: the built-in framework and templates, as `pqs check`
/// uses them in a new portfolio.
struct Setting {
    framework: Framework,
    prepared: Prepared,
}

fn setting() -> &'static Setting {
    static SETTING: OnceLock<Setting> = OnceLock::new();
    SETTING.get_or_init(|| {
        let framework = Framework::built_in(DEFAULT_FRAMEWORK).expect("the built-in framework loads");
        let prepared =
            Prepared::built_in(&framework, &["Sam Carter", "Dr Jo Bloggs"]).expect("the templates render");
        Setting { framework, prepared }
    })
}

/// Record parsing and checking, through the entry point `pqs check` uses for each record: any
/// bytes give findings and never a panic; every finding that points into the file points at a
/// real line and column of it, quotes that line, and can be printed.
pub fn record(bytes: &[u8]) {
    let setting = setting();
    let options = CheckOptions { today: jiff::civil::date(2026, 11, 22), complete: false, bodies: true };
    let context = setting.prepared.context(Path::new("portfolio"), &setting.framework, &options);
    let (record, found) = check::record("evidence/r.md", bytes, &context);
    let lossy = String::from_utf8_lossy(bytes);
    let text = lossy.strip_prefix('\u{feff}').unwrap_or(&lossy);
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    if record.is_none() {
        assert!(!found.is_empty(), "a record that cannot be read says why");
    }
    for diagnostic in &found {
        assert!(!diagnostic.message().trim().is_empty(), "{}: a finding has words", diagnostic.code());
        assert_eq!(diagnostic.file.as_deref().unwrap_or("evidence/r.md"), "evidence/r.md");
        if let Some(span) = &diagnostic.span {
            in_file(diagnostic, span, &lines);
        }
        pqs::report::human::diagnostic_text(diagnostic, false);
        pqs::report::human::diagnostic_text(diagnostic, true);
    }
}

fn in_file(diagnostic: &Diagnostic, span: &pqs::diagnostic::Span, lines: &[&str]) {
    let code = diagnostic.code();
    assert!(span.line >= 1 && span.line <= lines.len(), "{code}: line {} of {}", span.line, lines.len());
    let whole = lines[span.line - 1];
    let quoted = &span.source_line;
    assert!(span.range.start <= span.range.end && span.range.end <= quoted.len(), "{code}: within its line");
    assert!(quoted.is_char_boundary(span.range.start) && quoted.is_char_boundary(span.range.end), "{code}");
    // The quote is the line, or on a long line the part of it around the finding: the text
    // before the underline and the text underlined are where the column says, in the line.
    let at = whole.char_indices().nth(span.column - 1).map_or(whole.len(), |(at, _)| at);
    assert_eq!(whole[..at].chars().count() + 1, span.column, "{code}: the column is in line {}", span.line);
    assert!(whole[..at].ends_with(&quoted[..span.range.start]), "{code}: the quote is line {}", span.line);
    assert!(whole[at..].starts_with(&quoted[span.range.start..]), "{code}: the quote is line {}", span.line);
}

/// The Markdown-to-typst conversion: whatever a record's Markdown, its typst compiles, and the
/// PDF is made to the pack's standards. (Only in a pqs with the `pdf` feature: the fuzz crate's
/// default feature turns it on.)
#[cfg(feature = "pdf")]
pub fn markdown_typst(bytes: &[u8]) {
    let Ok(body) = std::str::from_utf8(bytes) else { return };
    if let Err(message) = pqs::render::pdf::body_alone(body, jiff::civil::date(2026, 11, 22)) {
        panic!("no PDF for {body:?}: {message}\ntypst: {}", pqs::render::pdf::to_typst(body, 2, &|_| None));
    }
}

/// The privacy scanner: findings are in order, apart, on characters of the text, and a text the
/// scanner is told to allow is never reported. The first line of the input is a case-reference
/// pattern, the second a name to allow, the rest the text.
pub fn privacy(bytes: &[u8]) {
    let Ok(input) = std::str::from_utf8(bytes) else { return };
    let mut parts = input.splitn(3, '\n');
    let (pattern, allowed, text) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let scanners = [
        Some(Scanner::default()),
        Scanner::new(Some(pattern).filter(|p| !p.is_empty()), &[allowed.to_owned()]).ok(),
    ];
    for scanner in scanners.iter().flatten() {
        reader_ranges_point_into_the_text(scanner, text);
        let found = scanner.scan(text);
        for pair in found.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "in order and apart: {pair:?}");
        }
        for (n, finding) in found.iter().enumerate() {
            let matched = text.get(finding.range.clone()).expect("a finding is on characters of the text");
            assert!(!matched.is_empty(), "a finding covers some text");
            // Scanning again for every finding would make a text of thousands (a case-reference
            // pattern of `.`) take minutes: the first and last few are enough.
            if n >= 8 && n + 8 < found.len() {
                continue;
            }
            let again = scanner.scan_allowing(text, &[matched.to_owned()]);
            assert!(
                !again.iter().any(|f| f.range == finding.range),
                "{matched:?} allowed, yet still reported as {:?}",
                finding.code
            );
        }
    }
}

/// Read as a record's body, as the lint reads it, `text` gives findings that map back to
/// characters of `text`, in order and apart.
fn reader_ranges_point_into_the_text(scanner: &Scanner, text: &str) {
    let reader = ReaderText::of_markdown(text);
    let ranges: Vec<_> =
        scanner.scan(reader.text()).into_iter().map(|f| reader.source_range(f.range)).collect();
    for range in &ranges {
        let matched = text.get(range.clone()).expect("a finding maps back to characters of the text");
        assert!(!matched.is_empty(), "a finding maps back to some text");
    }
    for pair in ranges.windows(2) {
        assert!(pair[0].end <= pair[1].start, "mapped back in order and apart: {pair:?}");
    }
}
