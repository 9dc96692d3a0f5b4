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
    assert!(flat.contains("Sam Patel (mentor), 2026-03-09: holds"), "each sign-off says it still holds");
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
