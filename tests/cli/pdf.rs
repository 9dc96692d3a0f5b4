//! `pqs render --format pdf`: a typeset PDF with the same parts as the HTML pack, read back with
//! a PDF library (no system tool).

use std::fs;
use std::path::Path;

use crate::{example, fixture, pqs};

/// Render `portfolio` as PDF with `args`; returns the exit status, the bytes, and what was printed.
fn render(portfolio: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.pdf");
    let output = pqs()
        .env_remove("SOURCE_DATE_EPOCH")
        .arg("render")
        .arg(portfolio)
        .args(["--format", "pdf", "--date", "2026-11-22", "--out"])
        .arg(&out)
        .args(args)
        .output()
        .expect("runs");
    let printed =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code().expect("exit"), fs::read(&out).unwrap_or_default(), printed)
}

fn text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text can be read")
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("a PDF").get_pages().len()
}

/// The titles of the records in a portfolio's evidence folder.
fn titles(portfolio: &Path) -> Vec<String> {
    let mut titles = Vec::new();
    let mut folders = vec![portfolio.join("evidence")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = fs::read_to_string(&path).expect("read");
                let front: yaml_serde::Value =
                    yaml_serde::from_str(text.split("---\n").nth(1).expect("front-matter")).expect("YAML");
                titles.push(front["title"].as_str().expect("title").to_owned());
            }
        }
    }
    titles
}

#[test]
fn the_sample_pdf_has_the_cover_every_record_and_page_numbers() {
    let (code, pdf, printed) = render(&example("sample-portfolio"), &[]);
    assert_eq!(code, 0, "{printed}");
    let text = text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for cover in ["PORTFOLIO OF EVIDENCE", "Alex Morgan", "Northshire Council", "Pack made 2026-11-22"] {
        assert!(flat.contains(cover), "the cover shows {cover}");
    }
    for title in titles(&example("sample-portfolio")) {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&title), "the pack holds {title}");
    }
    let count = pages(&pdf);
    assert!(count > 17, "a page for each record and more: {count}");
    assert!(
        flat.contains(&format!("Page 1 of {count}")) && flat.contains(&format!("Page {count} of {count}"))
    );
    assert!(!flat.contains("Incomplete: not for submission"));
    assert!(
        flat.contains("Sam Patel (mentor), 2026-03-09: still valid"),
        "each sign-off says it is still valid"
    );
}

#[test]
fn the_pdf_is_tagged_has_bookmarks_metadata_and_is_byte_identical() {
    let (_, first, _) = render(&example("sample-portfolio"), &[]);
    let (_, second, _) = render(&example("sample-portfolio"), &[]);
    assert!(first == second, "byte-identical");
    let document = lopdf::Document::load_mem(&first).expect("a PDF");
    let catalog = document.catalog().expect("catalog");
    assert!(catalog.get(b"MarkInfo").is_ok(), "tagged");
    let outlines = catalog.get(b"Outlines").and_then(|o| o.as_reference()).expect("bookmarks");
    let count = document
        .get_dictionary(outlines)
        .and_then(|d| d.get(b"Count"))
        .and_then(|c| c.as_i64())
        .expect("count");
    assert!(count.abs() >= 17, "a bookmark for every record: {count}");
    let info = String::from_utf8_lossy(&first);
    assert!(info.contains("PQS portfolio of Alex Morgan"), "the title is in the metadata");
    assert!(info.contains("pdfaid:part") && info.contains("pdfuaid:part"), "PDF/A and PDF/UA are declared");
}

#[test]
fn markup_in_a_record_is_plain_text_and_unicode_names_come_through() {
    let (code, pdf, printed) = render(&fixture("hostile"), &[]);
    assert_eq!(code, 0, "{printed}");
    let flat = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Zoë Núñez"), "{flat}");
    assert!(flat.contains("#let x = 1 and $x^2$ and <label> and @ref and #set page(fill: red)"), "{flat}");
    assert!(flat.contains("<script>window.pwned = 'body'; document.title = 'pwned';</script>"));
}

#[test]
fn an_incomplete_pdf_says_so_on_every_page() {
    let (_, pdf, _) = render(&example("in-progress"), &[]);
    let text = text(&pdf);
    let marks = text.matches("Incomplete: not for submission").count();
    assert!(marks >= pages(&pdf), "{marks} marks on {} pages", pages(&pdf));
}

#[test]
fn a_typst_error_in_a_portfolio_template_names_the_file_and_writes_only_the_html_pack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("pqs.yaml"), "candidate: A\nmentor: B\nstarted: 2026-01-01\n").expect("manifest");
    fs::create_dir_all(root.join("evidence")).expect("mkdir");
    fs::write(root.join("evidence/a.md"), "---\ntitle: A\ntype: other\ndate: 2026-02-01\n---\nText.\n")
        .expect("record");
    fs::create_dir_all(root.join("templates")).expect("mkdir");
    fs::write(root.join("templates/pack.typ.tera"), "= Title\n\n#let broken = (\n").expect("template");
    let output = pqs().current_dir(root).args(["render", "--format", "all"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("templates/pack.typ.tera") && stderr.contains("does not compile"), "{stderr}");
    assert!(root.join("dist/a-pqs-pack.html").is_file(), "the HTML pack is written");
    assert!(!root.join("dist/a-pqs-pack.pdf").exists(), "the PDF pack is not");
}

#[test]
fn format_all_writes_both_packs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.html");
    let output = pqs()
        .arg("render")
        .arg(example("sample-portfolio"))
        .args(["--format", "all", "--date", "2026-11-22", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(fs::read_to_string(&out).expect("html").starts_with("<!DOCTYPE html>"));
    assert!(fs::read(dir.path().join("pack.pdf")).expect("pdf").starts_with(b"%PDF-"));
}

/// Runs of text in a PDF that reach past the pages' right margin. The text extractor gives where
/// each run of characters starts, but not the widths of typst's fonts: a run's end is estimated
/// at 0.4 em a character, less than any of the pack's fonts takes, so a run said to cross the
/// margin does.
#[derive(Default)]
struct Placed {
    /// The page being read and its width.
    page: u32,
    width: f64,
    /// The run being read: where it starts, its font size, its characters.
    run: Option<(f64, f64, f64, String)>,
    /// Runs past the margin: (page, estimated end, text).
    beyond: Vec<(u32, f64, String)>,
}

/// The pack's right margin: 18 mm, in points.
const MARGIN: f64 = 18.0 / 25.4 * 72.0;

impl Placed {
    fn finish_run(&mut self) {
        if let Some((x, _, size, text)) = self.run.take() {
            let end = x + text.chars().count() as f64 * size * 0.4;
            if end > self.width - MARGIN + 1.0 && !text.trim().is_empty() {
                self.beyond.push((self.page, end, text));
            }
        }
    }
}

impl pdf_extract::OutputDev for Placed {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        (self.page, self.width) = (page, media_box.urx - media_box.llx);
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.finish_run();
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        _: f64,
        _: f64,
        size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (x, y) = (trm.m31, trm.m32);
        match &mut self.run {
            Some((rx, ry, _, text)) if (*rx - x).abs() < 0.01 && (*ry - y).abs() < 0.01 => {
                text.push_str(char)
            }
            _ => {
                self.finish_run();
                self.run = Some((x, y, size * trm.m11, char.to_owned()));
            }
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The runs of text of `pdf` that reach past its pages' right margin.
pub fn past_the_margin(pdf: &[u8]) -> Vec<(u32, f64, String)> {
    let document = pdf_extract::Document::load_mem(pdf).expect("a PDF");
    let mut placed = Placed::default();
    pdf_extract::output_doc(&document, &mut placed).expect("the PDF's text can be read");
    placed.beyond
}

#[test]
fn nothing_runs_past_the_right_margin_in_a_table_a_header_or_an_attachment() {
    for portfolio in [example("sample-portfolio"), example("in-progress"), fixture("pcf-portfolio")] {
        let (_, pdf, printed) = render(&portfolio, &["--force"]);
        assert_eq!(past_the_margin(&pdf), [], "{}: {printed}", portfolio.display());
    }
    // Long names without spaces: a file, a record's title, an observer, a setting, a sign-off's
    // name, and a line of an attached text file. (A key's fingerprint: `pack_signoffs.rs`.)
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "a".repeat(120);
    let name = format!("{}.txt", "long-name-without-spaces".repeat(5));
    crate::attachments::portfolio(dir.path(), &[(&name, format!("{long}\n").into_bytes())]);
    let record = dir.path().join("evidence/2026-02-01-notes.md");
    let text = fs::read_to_string(&record)
        .expect("record")
        .replace("title: Notes\n", &format!("title: {long}\nobserver: {long}\nsetting: {long}\n"));
    fs::write(&record, text).expect("record");
    // And a sign-off by that observer, whose name the sign-off line gives.
    let signed = pqs()
        .env_remove("PQS_SIGNING_KEY")
        .arg("sign")
        .arg(&record)
        .args(["--by", &long, "--role", "observer", "--date", "2026-11-20"])
        .output()
        .expect("runs");
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    let (code, pdf, printed) = render(dir.path(), &["--force"]);
    assert_eq!(code, 0, "{printed}");
    assert!(self::text(&pdf).contains("typed name only"), "the sign-off is in the pack");
    assert_eq!(past_the_margin(&pdf), [], "long names");
}

#[test]
fn every_page_names_the_framework_by_its_title() {
    let (_, pdf, _) = render(&example("sample-portfolio"), &[]);
    let flat = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let title =
        "Post-qualifying standards for social work practice supervisors in adult social care (DHSC, 2018)";
    assert_eq!(flat.matches(title).count(), pages(&pdf) + 1, "once on each page, and on the cover");
    assert!(!flat.contains("pqs-asc-2018"), "not by its id");
}
