//! The PDF pack against hostile and awkward input: an image that declares billions of pixels,
//! text the fonts cannot show whole, values longer than a PDF string, a PDF that cannot be made,
//! and a typst error in a portfolio's own pack template. Each ends by itself, and says what it
//! could not do naming the record or the template line.

use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use crate::{Run, finish, pqs};

const TODAY: &str = "2026-11-22";

const MANIFEST: &str = "candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n";

/// A portfolio in a temporary folder with `pqs.yaml` and the files `records` (path, bytes).
fn portfolio(records: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "pqs.yaml", MANIFEST.as_bytes());
    for (file, bytes) in records {
        put(dir.path(), file, bytes);
    }
    dir
}

/// Write `bytes` to `file` under `root`, making its folder.
fn put(root: &Path, file: &str, bytes: &[u8]) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

/// `pqs render ROOT --format FORMAT` into `out/pack.html` or `out/pack.pdf`, the date fixed.
fn render(root: &Path, out: &Path, format: &str) -> Run {
    let file = if format == "pdf" { "pack.pdf" } else { "pack.html" };
    finish(
        pqs()
            .env_remove("SOURCE_DATE_EPOCH")
            .arg("render")
            .arg(root)
            .args(["--format", format, "--date", TODAY, "--out"])
            .arg(out.join(file)),
    )
}

/// `run`'s standard output and error, with the temporary folders `dirs` named by their role.
fn shown(run: &Run, dirs: &[(&Path, &str)]) -> String {
    let mut text = format!("exit {}\n--- stdout\n{}--- stderr\n{}", run.code, run.stdout, run.stderr);
    for (dir, name) in dirs {
        text = text.replace(&dir.display().to_string(), name);
    }
    text
}

/// The text of the PDF at `path`, its words joined by single spaces.
fn pdf_words(path: &Path) -> String {
    let pdf = fs::read(path).expect("the PDF pack");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text can be read");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The CRC-32 of `bytes`, as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG chunk: length, type, data and CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).expect("small").to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

/// A well-formed PNG header declaring `width` by `height` RGB pixels, followed by a few
/// kilobytes of zeros in a zlib stream of stored blocks: far less than the pixels it declares.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let zeros = [0u8; 4096];
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend_from_slice(&4096u16.to_le_bytes());
    zlib.extend_from_slice(&(!4096u16).to_le_bytes());
    zlib.extend_from_slice(&zeros);
    // The Adler-32 of 4096 zeros: a = 1, b = 4096.
    zlib.extend_from_slice(&((4096u32 << 16) | 1).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &zlib));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// The findings of `pqs check --format json` about `file`, as (line, column, code, message).
fn findings(root: &Path, file: &str) -> Vec<(u64, u64, String, String)> {
    let run = finish(pqs().arg("check").arg(root).args(["--format", "json", "--today", TODAY]));
    let report: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    let text = |d: &Value, key: &str| d[key].as_str().unwrap_or_default().to_owned();
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            let number = |key: &str| d[key].as_u64().unwrap_or(0);
            (number("line"), number("column"), text(d, "code"), text(d, "message"))
        })
        .collect()
}

#[test]
fn an_image_of_ten_billion_pixels_is_reported_and_never_decoded() {
    let huge = png(100_000, 100_000);
    let record = "---\ntitle: Big picture\ntype: other\ndate: 2026-02-01\nattachments: [huge.png]\n---\nThe chart:\n\n![chart](huge.png)\n";
    let dir = portfolio(&[("evidence/big.md", record.as_bytes()), ("evidence/huge.png", &huge)]);
    let root = dir.path();
    let message = "the image `huge.png` is 100000 by 100000 pixels, more than the 50 million pixels a pack shows, so the pack lists it but does not show it";
    let expected = [(5, 15, "image-too-large", message), (9, 1, "image-too-large", message)]
        .map(|(line, column, code, message)| (line, column, code.to_owned(), message.to_owned()));
    assert_eq!(findings(root, "evidence/big.md"), expected);
    let out = tempfile::tempdir().expect("temp dir");
    let run = render(root, out.path(), "pdf");
    assert_eq!(
        shown(&run, &[(out.path(), "[OUT]")]),
        "exit 0\n--- stdout\n[OUT]/pack.pdf (incomplete: not for submission)\n--- stderr\n"
    );
    let words = pdf_words(&out.path().join("pack.pdf"));
    let placeholder = "Image not shown: huge.png is 100000 by 100000 pixels, more than a pack shows.";
    assert!(words.contains(placeholder), "{words}");
    // The HTML pack lists it too, and embeds no image a reader's browser would have to decode.
    let run = render(root, out.path(), "html");
    assert_eq!(
        shown(&run, &[(out.path(), "[OUT]")]),
        "exit 0\n--- stdout\n[OUT]/pack.html (incomplete: not for submission)\n--- stderr\n"
    );
    let html = std::fs::read_to_string(out.path().join("pack.html")).expect("the HTML pack");
    assert!(
        html.contains("huge.png") && !html.contains("data:image/png"),
        "huge.png is listed, not embedded"
    );
}

/// A record whose title and text hold a keycap emoji and letters with marks the fonts lack.
const CLUSTERS: &str = "---\ntitle: Steps 1\u{fe0f}\u{20e3} and a\u{20d7}\ntype: other\ndate: 2026-02-01\n---\nStep 1\u{fe0f}\u{20e3} first, then q\u{323} and a\u{20d7} and x\u{353}.\n";

#[test]
fn keycaps_and_marks_the_fonts_lack_make_both_packs() {
    let dir = portfolio(&[("evidence/clusters.md", CLUSTERS.as_bytes())]);
    let out = tempfile::tempdir().expect("temp dir");
    let run = render(dir.path(), out.path(), "all");
    assert_eq!(
        shown(&run, &[(out.path(), "[OUT]")]),
        "exit 0\n--- stdout\n[OUT]/pack.html (incomplete: not for submission)\n[OUT]/pack.pdf (incomplete: not for submission)\n--- stderr\n"
    );
    let words = pdf_words(&out.path().join("pack.pdf"));
    // The marks no font has are written as their codes; q with a dot below is set whole.
    for text in
        ["Steps 1[U+20E3] and a[U+20D7]", "Step 1[U+20E3] first, then", "and a[U+20D7] and x[U+0353]."]
    {
        assert!(words.contains(text), "{text} in {words}");
    }
}

#[test]
fn a_title_and_a_name_longer_than_a_pdf_string_are_cut_short() {
    let long_title = "word ".repeat(8_000);
    let record = format!("---\ntitle: {}\ntype: other\ndate: 2026-02-01\n---\nText.\n", long_title.trim());
    let unbroken = format!("---\ntitle: {}\ntype: other\ndate: 2026-02-02\n---\nText.\n", "a".repeat(40_000));
    let dir =
        portfolio(&[("evidence/long.md", record.as_bytes()), ("evidence/unbroken.md", unbroken.as_bytes())]);
    let manifest =
        format!("candidate: {}\nmentor: Sam Patel\nstarted: 2026-01-12\n", "Alex ".repeat(8_000).trim());
    put(dir.path(), "pqs.yaml", manifest.as_bytes());
    let out = tempfile::tempdir().expect("temp dir");
    let run = render(dir.path(), out.path(), "pdf");
    assert_eq!(shown(&run, &[(out.path(), "[OUT]")]).lines().next(), Some("exit 0"), "{run:?}");
    let words = pdf_words(&out.path().join("pack.pdf"));
    let cut = format!("{}…", "word ".repeat(200));
    assert!(words.contains(cut.trim_end()), "the title ends in `…` after 1000 characters");
}

#[test]
fn a_pdf_that_cannot_be_made_names_the_record_and_the_html_pack_is_still_written() {
    // A PNG that declares 10 by 10 pixels and whose pixels are not a zlib stream.
    let mut broken = b"\x89PNG\r\n\x1a\n".to_vec();
    broken.extend(chunk(b"IHDR", &[0, 0, 0, 10, 0, 0, 0, 10, 8, 2, 0, 0, 0]));
    broken.extend(chunk(b"IDAT", b"garbage"));
    broken.extend(chunk(b"IEND", &[]));
    let record =
        "---\ntitle: Broken picture\ntype: other\ndate: 2026-02-01\n---\nSee:\n\n![chart](broken.png)\n";
    let dir = portfolio(&[("evidence/broken.md", record.as_bytes()), ("evidence/broken.png", &broken)]);
    let out = tempfile::tempdir().expect("temp dir");
    let run = render(dir.path(), out.path(), "all");
    assert_eq!(
        shown(&run, &[(out.path(), "[OUT]")]),
        "exit 2\n--- stdout\n[OUT]/pack.html (incomplete: not for submission)\n--- stderr\nerror: the PDF pack could not be made: the text of the record `evidence/broken.md` cannot be typeset: failed to decode image (Format error decoding Png: Corrupt deflate stream. BadZlibHeader)\n"
    );
    assert!(out.path().join("pack.html").is_file() && !out.path().join("pack.pdf").exists());
}

#[test]
fn a_typst_error_in_the_portfolio_pack_template_is_reported_at_the_template_line() {
    let template = include_str!("../../templates/pack.typ.tera");
    let mut lines: Vec<&str> = template.lines().collect();
    let heading = lines.iter().position(|l| l.starts_with("#heading(level: 1)")).expect("the record heading");
    lines.insert(heading + 1, "#no-such-function()");
    let record = |title: &str| format!("---\ntitle: {title}\ntype: other\ndate: 2026-02-01\n---\nText.\n");
    let dir = portfolio(&[
        ("evidence/one.md", record("One").as_bytes()),
        ("evidence/two.md", record("Two").as_bytes()),
        ("templates/pack.typ.tera", (lines.join("\n") + "\n").as_bytes()),
    ]);
    let out = tempfile::tempdir().expect("temp dir");
    let run = render(dir.path(), out.path(), "pdf");
    insta::assert_snapshot!(
        "pdf_hostile_template_line",
        shown(&run, &[(out.path(), "[OUT]"), (dir.path(), "[PORTFOLIO]")])
    );
    assert_eq!(heading + 2, 111, "the snapshot names line 111 of the template");
}

#[test]
fn check_says_beforehand_that_a_record_is_too_large_for_the_pdf() {
    let paragraph = "We talked about how the team could share the load while two colleagues are away.\n\n";
    let body = paragraph.repeat(5 * 1024 * 1024 / 2 / paragraph.len());
    let record = format!("---\ntitle: A long log\ntype: other\ndate: 2026-02-01\n---\n{body}");
    let dir = portfolio(&[("evidence/long.md", record.as_bytes())]);
    let message = "this record's text is 2.5 MiB; making the PDF pack of a record over 2 MiB can take more than 3 GB of memory (tables take the most), more than some computers and CI runners have";
    assert_eq!(
        findings(dir.path(), "evidence/long.md"),
        [(5, 1, "record-large-for-pdf".to_owned(), message.to_owned())]
    );
}
