//! The submission pack as PDF: the pack template `templates/pack.typ.tera` renders typst
//! source, which the typst compiler, built in, typesets with its bundled fonts. No program,
//! font or network outside the binary is used.

mod lines;
mod markup;
mod pages;
mod world;

use std::cell::RefCell;

use typst::WorldExt as _;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::check::Outcome;
use crate::error::Error;
use crate::portfolio::pixels;
use crate::render::attachments::{self, Image};
use crate::render::{PackOptions, view};
use crate::rules::Record;
use crate::templates::Templates;

pub use markup::{Picture, plain_block, to_typst};

/// The PDF pack template.
pub const TEMPLATE: &str = "pack.typ.tera";

/// The virtual path of the timeline picture in the typst world.
const TIMELINE: &str = "/timeline.svg";

/// The PDF standards the pack is made to: PDF/UA-1 (tagged, accessible) and PDF/A-2b.
pub const STANDARDS: &[PdfStandard] = &[PdfStandard::Ua_1, PdfStandard::A_2b];

/// The pack of `outcome` as PDF bytes, through the portfolio's templates.
pub fn pdf(outcome: &Outcome, options: PackOptions) -> Result<Vec<u8>, Error> {
    // Images become virtual files of the typst world, named in the order they are met.
    let files: RefCell<Vec<(String, Vec<u8>)>> = RefCell::new(Vec::new());
    let add = |image: Image| {
        let mut files = files.borrow_mut();
        let name = format!("/images/{}.{}", files.len() + 1, image.extension);
        files.push((name.clone(), image.bytes));
        name
    };
    let picture = |written: &str, image: Image| match pixels::too_many_in(&image.bytes) {
        Some((width, height)) => Picture::Placeholder(format!(
            "Image not shown: {written} is {width} by {height} pixels, more than a pack shows."
        )),
        None => Picture::Embedded(add(image)),
    };
    // Each body starts with a line naming it, so that a typst error in it names its record.
    let bodies: RefCell<Vec<Body>> = RefCell::new(Vec::new());
    let body = |record: &Record| {
        let markup = to_typst(&record.body, 2, &|url| {
            attachments::image(record, url).map(|image| picture(url, image))
        });
        let mut bodies = bodies.borrow_mut();
        let marked = format!("\n{BODY_MARK}{}\n{markup}", bodies.len());
        bodies.push(Body { file: record.file.clone(), len: marked.len() });
        marked
    };
    let mut pack = view::pack(outcome, options, &view::Format { body: &body, embed_images: false });
    let images: Vec<Option<String>> = pack
        .attachments
        .iter_mut()
        .map(|a| a.image.take().filter(|image| pixels::too_many_in(&image.bytes).is_none()).map(add))
        .collect();
    let texts: Vec<Option<String>> =
        pack.attachments.iter().map(|a| a.text.as_deref().map(plain_block)).collect();
    let mut left = pages::MAX_PACK_PAGES;
    let pdf_pages: Vec<Vec<PagePicture>> =
        pack.attachments.iter_mut().map(|attachment| attachment_pages(attachment, &mut left, &add)).collect();
    // The timeline is a file of the typst world, as a template's values are cut short.
    let timeline = (!pack.timeline_svg.is_empty()).then(|| {
        files.borrow_mut().push((TIMELINE.to_owned(), pack.timeline_svg.clone().into_bytes()));
        TIMELINE
    });
    let mut context = tera::Context::new();
    context.insert("pack", &pack);
    context.insert("timeline", &timeline);
    context.insert("title", &format!("PQS portfolio of {}", pack.candidate));
    context.insert(
        "made",
        &Made { year: options.made.year(), month: options.made.month(), day: options.made.day() },
    );
    context.insert("images", &images);
    context.insert("texts", &texts);
    context.insert("pdf_pages", &pdf_pages);
    let templates = &outcome.portfolio.templates;
    let source = templates.render(TEMPLATE, &context)?;
    to_pdf(source, files.into_inner(), options.made)
        .map_err(|failure| explain(failure, &bodies.into_inner(), templates, &context))
}

/// The virtual paths of the pictures of a PDF attachment's pages, each added with `add`; a
/// file whose pages cannot all be shown gets a note saying so.
fn attachment_pages(
    attachment: &mut attachments::AttachmentView,
    left: &mut usize,
    add: &dyn Fn(Image) -> String,
) -> Vec<PagePicture> {
    let Some(bytes) = attachment.pdf.take() else { return Vec::new() };
    match pages::pages(bytes, pages::MAX_PAGES.min(*left)) {
        Ok(shown) => {
            *left -= shown.pictures.len();
            let (count, total) = (shown.pictures.len(), shown.total);
            attachment.note = match count {
                _ if count == total => None,
                0 => Some(format!(
                    "its {total} pages are not shown: the pack shows at most {} pages of attachments; the HTML pack holds the whole file",
                    pages::MAX_PACK_PAGES
                )),
                _ => Some(format!(
                    "the first {count} of its {total} pages are shown; the HTML pack holds the whole file"
                )),
            };
            let picture = |bytes| Image { mime: "image/png", extension: "png".to_owned(), bytes };
            shown
                .pictures
                .into_iter()
                .map(|(png, wide)| PagePicture { path: add(picture(png)), wide })
                .collect()
        }
        Err(note) => {
            attachment.note = Some(note);
            Vec::new()
        }
    }
}

/// A page of a PDF attachment, as the template places it.
#[derive(serde::Serialize)]
struct PagePicture {
    /// Its picture's virtual path.
    path: String,
    /// Whether it is fitted to the width of the page (else to the height).
    wide: bool,
}

/// The line a record's body starts with in the pack's typst source, followed by its number.
/// No line of a record's own text can start so: its text is in string literals, which hold no
/// line break.
const BODY_MARK: &str = "// pqs record ";

/// A record's body as it is in the pack's typst source.
struct Body {
    /// The record's file.
    file: String,
    /// The length of its markup, in bytes, from the start of its [`BODY_MARK`] line.
    len: usize,
}

#[derive(serde::Serialize)]
struct Made {
    year: i16,
    month: i8,
    day: i8,
}

/// The error for a pack typst could not make: one that names the record when the failure is in
/// a record's text, else the pack template and its line.
fn explain(failure: Failure, bodies: &[Body], templates: &Templates, context: &tera::Context) -> Error {
    let in_body = failure.at.and_then(|(offset, _)| record_at(&failure.source, offset, bodies));
    if let Some(file) = in_body {
        return Error::Pdf {
            message: format!("the text of the record `{file}` cannot be typeset: {}", failure.message),
        };
    }
    let file = templates.origin(TEMPLATE);
    let text = templates.text(TEMPLATE).unwrap_or_default();
    let line = failure.at.map(|(_, line)| lines::template_line(text, context, line).unwrap_or(line));
    if failure.compiled {
        let at = line.map(|line| format!(" (from line {line} of `{}`)", file.display())).unwrap_or_default();
        return Error::Pdf { message: format!("{}{at}", failure.message) };
    }
    let message = format!("the typst source it made does not compile: {}", failure.message);
    Error::Template { file, line, message }
}

/// The file of the record whose body holds byte `offset` of `source`, if one does.
fn record_at<'b>(source: &str, offset: usize, bodies: &'b [Body]) -> Option<&'b str> {
    let before = source.get(..offset)?;
    let mark = before.rfind(&format!("\n{BODY_MARK}"))?;
    let number = source[mark + 1 + BODY_MARK.len()..].split('\n').next()?;
    let body = bodies.get(number.parse::<usize>().ok()?)?;
    (offset < mark + body.len).then_some(body.file.as_str())
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

/// Why typst could not make a PDF: its first message, the byte and 1-based line of the source
/// it points at, whether the source compiled (and the PDF export failed), and the source.
struct Failure {
    compiled: bool,
    at: Option<(usize, usize)>,
    message: String,
    source: String,
}

/// `source` compiled in a [`world::PackWorld`] holding `files`, as a PDF to [`STANDARDS`].
fn to_pdf(
    source: String,
    files: Vec<(String, Vec<u8>)>,
    made: jiff::civil::Date,
) -> Result<Vec<u8>, Failure> {
    let Some(world) = world::PackWorld::new(source, files, made) else {
        let message = "the pack date cannot be used".to_owned();
        return Err(Failure { compiled: false, at: None, message, source: String::new() });
    };
    let failed = |compiled: bool, errors: &[SourceDiagnostic]| {
        let first = errors.first();
        let at = first.and_then(|e| world.range(e.span)).and_then(|range| {
            let line = world.main_source().lines().byte_to_line(range.start)?;
            Some((range.start, line + 1))
        });
        let message = if compiled {
            errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")
        } else {
            first.map_or_else(|| "unknown error".to_owned(), |e| e.message.to_string())
        };
        Failure { compiled, at, message, source: world.main_source().text().to_owned() }
    };
    let document = typst::compile::<PagedDocument>(&world).output.map_err(|errors| failed(false, &errors))?;
    // What typst remembered while laying out (every paragraph's shaping, every page's layout)
    // is not needed to write the PDF: freed now, it does not add to the PDF writer's memory.
    typst::comemo::evict(0);
    let standards = PdfStandards::new(STANDARDS).map_err(|e| Failure {
        compiled: true,
        at: None,
        message: e.message().to_string(),
        source: String::new(),
    })?;
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
    typst_pdf::pdf(&document, &options).map_err(|errors| failed(true, &errors))
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
