//! The submission pack as PDF: the pack template `templates/pack.typ.tera` renders typst
//! source, which the typst compiler, built in, typesets with its bundled fonts. No program,
//! font or network outside the binary is used.

mod markup;
mod world;

use std::cell::RefCell;

use typst::WorldExt as _;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::check::Outcome;
use crate::error::Error;
use crate::portfolio::Record;
use crate::render::attachments::{self, Image};
use crate::render::{PackOptions, view};
use crate::templates::Templates;

pub use markup::{literal, to_typst};

/// The PDF pack template.
pub const TEMPLATE: &str = "pack.typ.tera";

/// The PDF standards the pack is made to: PDF/UA-1 (tagged, accessible) and PDF/A-2b.
pub const STANDARDS: &[PdfStandard] = &[PdfStandard::Ua_1, PdfStandard::A_2b];

/// The pack of `outcome` as PDF bytes, through the portfolio's templates.
pub fn pdf(outcome: &Outcome, options: PackOptions) -> Result<Vec<u8>, Error> {
    let root = &outcome.portfolio.root;
    // Images become virtual files of the typst world, named in the order they are met.
    let files: RefCell<Vec<(String, Vec<u8>)>> = RefCell::new(Vec::new());
    let add = |image: Image| {
        let mut files = files.borrow_mut();
        let name = format!("/images/{}.{}", files.len() + 1, image.extension);
        files.push((name.clone(), image.bytes));
        name
    };
    let body = |record: &Record| {
        let file = root.join(&record.file);
        let folder = file.parent().unwrap_or(root);
        to_typst(&record.body, 2, &|url| attachments::image(root, folder, url).map(add))
    };
    let mut pack = view::pack(outcome, options, &view::Format { body: &body, embed_images: false });
    let images: Vec<Option<String>> = pack.attachments.iter_mut().map(|a| a.image.take().map(add)).collect();
    let mut context = tera::Context::new();
    context.insert("pack", &pack);
    context.insert("title", &format!("PQS portfolio of {}", pack.candidate));
    context.insert(
        "made",
        &Made { year: options.made.year(), month: options.made.month(), day: options.made.day() },
    );
    context.insert("images", &images);
    let templates = &outcome.portfolio.templates;
    let source = templates.render(TEMPLATE, &context)?;
    typeset(source, files.into_inner(), options.made, templates)
}

#[derive(serde::Serialize)]
struct Made {
    year: i16,
    month: i8,
    day: i8,
}

fn typeset(
    source: String,
    files: Vec<(String, Vec<u8>)>,
    made: jiff::civil::Date,
    templates: &Templates,
) -> Result<Vec<u8>, Error> {
    to_pdf(source, files, made).map_err(|failure| match failure {
        Failure { compiled: false, line, message } => Error::Template {
            file: templates.origin(TEMPLATE),
            line,
            message: format!("the typst source it made does not compile: {message}"),
        },
        Failure { compiled: true, message, .. } => Error::Pdf { message },
    })
}

/// The preamble [`body_alone`] sets a record's text under: the pack's document, text and page
/// settings that bear on how a body is set.
const ALONE: &str = "#set document(title: \"Record\", author: \"Candidate\")\n\
#set text(font: \"Libertinus Serif\", size: 10.5pt, lang: \"en\", region: \"GB\")\n\
#set page(paper: \"a4\", margin: (x: 18mm, top: 24mm, bottom: 22mm))\n\
#set heading(numbering: none)\n\
= Record\n\n";

/// One record's Markdown typeset on its own, as the pack sets a record's text, and made into a
/// PDF to the pack's [`STANDARDS`]. Whatever the Markdown, this gives a PDF: the fuzz target
/// `markdown_typst` and the tests hold it to that. The error, if any, is typst's first message.
/// typst's caches keep only what the last few calls used, so that many calls do not fill memory.
pub fn body_alone(body: &str, made: jiff::civil::Date) -> Result<Vec<u8>, String> {
    let source = format!("{ALONE}{}", to_typst(body, 2, &|_| None));
    let made = to_pdf(source, Vec::new(), made).map_err(|failure| failure.message);
    typst::comemo::evict(10);
    made
}

/// Why typst could not make a PDF: its first message, the line of the source it points at, and
/// whether the source compiled (and the PDF export failed).
struct Failure {
    compiled: bool,
    line: Option<usize>,
    message: String,
}

/// `source` compiled in a [`world::PackWorld`] holding `files`, as a PDF to [`STANDARDS`].
fn to_pdf(
    source: String,
    files: Vec<(String, Vec<u8>)>,
    made: jiff::civil::Date,
) -> Result<Vec<u8>, Failure> {
    let failed = |line: Option<usize>, message: String| Failure { compiled: false, line, message };
    let world = world::PackWorld::new(source, files, made)
        .ok_or_else(|| failed(None, "the pack date cannot be used".to_owned()))?;
    let document = typst::compile::<PagedDocument>(&world).output.map_err(|errors| {
        let first = errors.first();
        let line = first
            .and_then(|e| world.range(e.span))
            .and_then(|range| world.main_source().lines().byte_to_line(range.start))
            .map(|line| line + 1);
        let message = first.map_or_else(|| "unknown error".to_owned(), |e| e.message.to_string());
        failed(line, message)
    })?;
    let failed = |message: String| Failure { compiled: true, line: None, message };
    let standards = PdfStandards::new(STANDARDS).map_err(|e| failed(e.message().to_string()))?;
    let timestamp = typst::foundations::Datetime::from_ymd(
        i32::from(made.year()),
        u8::try_from(made.month()).unwrap_or(1),
        u8::try_from(made.day()).unwrap_or(1),
    )
    .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom("pqs-submission-pack".to_owned()),
        creator: Smart::Custom(Some("pqs".to_owned())),
        timestamp,
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| failed(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `body` makes a PDF on its own.
    fn compiles(body: &str) -> bool {
        body_alone(body, jiff::civil::date(2026, 11, 22)).is_ok()
    }

    #[test]
    fn awkward_markdown_always_makes_typst_that_compiles() {
        let bodies = [
            "]]] [[[ } { ) ( #] \\",
            "= not a heading\n- + / // /* */ `` ` ~~~",
            "$ unbalanced $$ and * and _ and <a and @ and \\\n",
            "| a | b |\n|---|---|\n| [^x] `|` | ![i](none.png) |\n\n[^x]: note with ] and #",
            "> quote\n> > nested *em **strong** ~~del~~*\n\n1. one\n   - [ ] two\n     ```rust\n     fn x() {}\n     ```\n",
            "Emoji 🙂, right-to-left שלום, nul \u{0} and bell \u{7}\n\n---\n\n<div>html</div>\n",
            "# H1\n\n###### H6\n\n## H2\n\n[link](http://example.org/\"quote) [mail](mailto:a@b.c) [rel](./x.md)",
            "# \n\n## ![](x.png)\n\nSetext with nothing\n\n \n===\n\n### `` ``\n",
        ];
        for body in bodies {
            assert!(compiles(body), "{body:?} gives {}", to_typst(body, 2, &|_| None));
        }
    }

    #[test]
    fn a_link_keeps_its_address_whatever_characters_it_holds() {
        let body = "[a smile](https://example.org/🙂/会议) and 🙂";
        let typst = to_typst(body, 2, &|_| None);
        assert!(typst.contains(r#"#link("https://example.org/🙂/会议")"#), "{typst}");
        assert!(typst.contains("and [U+1F642]"), "the text still shows the code: {typst}");
        assert!(compiles(body));
    }

    #[test]
    fn markdown_nested_thousands_deep_still_compiles() {
        for body in [
            format!("{} deep", ">".repeat(10_000)),
            format!("{}x", "- ".repeat(5_000)),
            format!("{}x", "1. ".repeat(5_000)),
            format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000)),
            format!("{}x{}", "~~".repeat(2_000), "~~".repeat(2_000)),
            format!("{}x{}", "[".repeat(3_000), "](https://example.org)".repeat(3_000)),
            format!("{} deep", "> - ".repeat(3_000)),
            format!("{0} deep[^n]\n\n[^n]: {0} note", ">".repeat(100)),
            // Longer than a PDF string may be, as a word, inline code and a code block.
            "a".repeat(40_000),
            format!("`{}`", "b".repeat(40_000)),
            format!("```\n{}\n```", "c".repeat(40_000)),
        ] {
            assert!(compiles(&body), "{} gives {}", &body[..20], to_typst(&body, 2, &|_| None));
        }
    }
}
