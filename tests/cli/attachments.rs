//! What the packs show of attachments that are not images: a text file as escaped text, a PDF
//! file offered for download (HTML) and page by page (PDF), and a sentence, never a failure,
//! for a file that cannot be shown.

use std::fs;
use std::path::Path;

use crate::pqs;

/// A one-page PDF whose page says `words` in Helvetica, a font the file leaves out (as many
/// small programs' PDFs do), with a correct cross-reference table.
pub fn small_pdf(words: &str) -> Vec<u8> {
    let stream = format!("BT /F1 24 Tf 72 720 Td ({words}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
    }
    let table = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n", objects.len() + 1)
            .bytes(),
    );
    pdf
}

/// A portfolio of one record attaching `files` (name, bytes) from `evidence/files/`.
pub fn portfolio(root: &Path, files: &[(&str, Vec<u8>)]) {
    fs::write(root.join("pqs.yaml"), "candidate: Jo Bloggs\nmentor: Sam Patel\nstarted: 2026-01-05\n")
        .expect("manifest");
    fs::create_dir_all(root.join("evidence/files")).expect("mkdir");
    let mut list = String::new();
    for (name, bytes) in files {
        fs::write(root.join("evidence/files").join(name), bytes).expect("attachment");
        list.push_str(&format!("  - files/{name}\n"));
    }
    fs::write(
        root.join("evidence/2026-02-01-notes.md"),
        format!("---\ntitle: Notes\ntype: learning\ndate: 2026-02-01\nstandards: [1]\nattachments:\n{list}---\nText.\n"),
    )
    .expect("record");
}

/// The HTML pack of the portfolio at `root`.
fn html(root: &Path) -> String {
    let out = root.join("pack.html");
    let output = pqs()
        .arg("render")
        .arg(root)
        .args(["--force", "--date", "2026-11-22", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    fs::read_to_string(out).expect("the pack")
}

/// The attachments section of an HTML pack.
fn section(html: &str) -> &str {
    let start = html.find("<section class=\"attachments\"").expect("an attachments section");
    &html[start..start + html[start..].find("</section>").expect("its end")]
}

#[test]
fn the_html_pack_shows_text_escaped_offers_a_pdf_and_says_why_a_file_is_not_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    portfolio(
        dir.path(),
        &[
            ("notes.txt", b"\xef\xbb\xbfA note <script>window.pwned = 1</script> & more\n".to_vec()),
            ("plan.md", b"# Not a heading here\n".to_vec()),
            ("old.txt", b"caf\xe9".to_vec()),
            ("big.csv", "a,b\n".repeat(40_000).into_bytes()),
            ("report.pdf", small_pdf("Hello")),
        ],
    );
    let html = html(dir.path());
    let section = section(&html);
    let shown: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("<h3>") || l.starts_with("<pre") || l.starts_with("<p "))
        .map(|l| l.split(" href=\"data:").next().unwrap_or(l))
        .collect();
    assert_eq!(
        shown,
        [
            "<h3>files/notes.txt</h3>",
            "<pre class=\"attachment-text\">A note &lt;script&gt;window.pwned = 1&lt;/script&gt; &amp; more",
            "<h3>files/plan.md</h3>",
            "<pre class=\"attachment-text\"># Not a heading here",
            "<p class=\"note\">files/old.txt: not shown: it is not text in UTF-8 (save it as UTF-8 text).</p>",
            "<p class=\"note\">files/big.csv: not shown: it is 156.2 KB, more than the 128.0 KB a pack shows.</p>",
            "<p class=\"download\"><a",
        ]
    );
    let pdf = small_pdf("Hello");
    let data = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &pdf);
    assert!(
        section.contains(&format!(
            "<a href=\"data:application/pdf;base64,{data}\" download=\"report.pdf\" type=\"application/pdf\">Download files/report.pdf</a> (PDF, {} bytes): the file as it is in the portfolio.",
            pdf.len()
        )),
        "{section}"
    );
    assert!(!html.contains("<script>"), "the text is never markup");
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_pack_shows_a_pdf_attachments_pages_and_a_sentence_for_one_it_cannot_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    portfolio(
        dir.path(),
        &[
            ("report.pdf", small_pdf("Hello")),
            ("broken.pdf", b"%PDF-1.4\nnot a PDF at all".to_vec()),
            ("notes.txt", b"#set page(fill: red) and $x$ <b>\n".to_vec()),
        ],
    );
    let out = dir.path().join("pack.pdf");
    let output = pqs()
        .arg("render")
        .arg(dir.path())
        .args(["--format", "pdf", "--force", "--date", "2026-11-22", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = fs::read(&out).expect("the pack");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text");
    // The text extractor puts a space between a file name and the words after it.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace(" :", ":");
    for shown in [
        "files/report.pdf, page 1",
        "files/broken.pdf: its pages cannot be shown: the file is not a PDF that can be read.",
        "#set page(fill: red) and $x$ <b>",
    ] {
        assert!(flat.contains(shown), "{shown} in {flat}");
    }
    let document = lopdf::Document::load_mem(&pdf).expect("a PDF");
    let streams: Vec<(lopdf::ObjectId, &lopdf::Stream)> =
        document.objects.iter().filter_map(|(id, o)| Some((*id, o.as_stream().ok()?))).collect();
    let is_image =
        |s: &lopdf::Stream| s.dict.get(b"Subtype").and_then(|t| t.as_name()).is_ok_and(|n| n == b"Image");
    // A picture's transparency is an image of its own, named by the picture's `SMask`.
    let masks: Vec<lopdf::ObjectId> = streams
        .iter()
        .filter_map(|(_, s)| s.dict.get(b"SMask").and_then(|m| m.as_reference()).ok())
        .collect();
    let images = streams.iter().filter(|(id, s)| is_image(s) && !masks.contains(id)).count();
    assert_eq!(images, 1, "the one page of the PDF that can be read, as a picture");
}
