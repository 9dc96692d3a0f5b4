//! A record's Markdown as typst markup, from the same Markdown tree the HTML pack uses.
//!
//! Every piece of the writer's text is emitted as a typst string literal (`#"..."`), so nothing
//! in a record can be read as typst markup or code: `#let`, `$x$`, `<label>` and `@ref` come out
//! as the characters typed.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, parse_document};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::markdown;
use crate::typeset::literal::{address, literal, shown};

/// How deeply the Markdown may nest (quotes in quotes, lists in lists, emphasis in emphasis)
/// before what is deeper is set as plain text. typst refuses markup nested much deeper, and
/// following a record's nesting without a limit could overflow the stack.
const MAX_DEPTH: usize = 12;

/// The longest run of characters without a space that is set as it is; longer runs (a long
/// address, a pasted code) get a place to break the line after every this many characters.
/// Without one, the run would run off the page, and a line longer than a PDF string may be
/// (32,767 characters) fails PDF/A.
const MAX_UNBROKEN: usize = 40;

/// `text` with a zero-width space (a place to break a line) after every [`MAX_UNBROKEN`]
/// grapheme clusters of a run without spaces; a cluster is never parted.
fn breakable(text: &str) -> Cow<'_, str> {
    let mut run = 0;
    if !text.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > MAX_UNBROKEN
    }) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / MAX_UNBROKEN * 3);
    let mut run = 0;
    for cluster in text.graphemes(true) {
        if cluster.chars().all(char::is_whitespace) {
            run = 0;
        } else if run == MAX_UNBROKEN {
            out.push('\u{200b}');
            run = 1;
        } else {
            run += 1;
        }
        out.push_str(cluster);
    }
    Cow::Owned(out)
}

/// `text` (an attachment's) as a block of typst markup that shows it character for character,
/// in a fixed-width font, lines as they are, a long run of characters given places to break.
pub fn plain_block(text: &str) -> String {
    format!("#raw(block: true, {})", shown(&breakable(text.trim_end())))
}

/// What the pack makes of an image shown in a record's text.
#[derive(Debug, PartialEq, Eq)]
pub enum Picture {
    /// The image, at this virtual path.
    Embedded(String),
    /// A box with these words in its place: the image is not shown.
    Placeholder(String),
}

/// `body` as typst markup. Headings are nested from level `top` (see
/// [`markdown::nest_headings`]) and kept out of the outline;
/// `image` gives what to show for an image it can embed or must leave out, and other images
/// become links.
pub fn to_typst(body: &str, top: u8, image: &dyn Fn(&str) -> Option<Picture>) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &markdown::options());
    markdown::drop_empty_headings(root);
    markdown::nest_headings(root, top);
    let mut writer = Writer { image, footnotes: HashMap::new(), out: String::new(), depth: 0 };
    for node in root.children() {
        if let NodeValue::FootnoteDefinition(definition) = &node.data.borrow().value {
            let mut inner = Writer { image, footnotes: HashMap::new(), out: String::new(), depth: 0 };
            inner.children(node);
            writer.footnotes.insert(definition.name.clone(), inner.out.trim().to_owned());
        }
    }
    writer.children(root);
    writer.out
}

struct Writer<'i> {
    image: &'i dyn Fn(&str) -> Option<Picture>,
    footnotes: HashMap<String, String>,
    out: String,
    /// How many nodes enclose the one being written.
    depth: usize,
}

impl Writer<'_> {
    fn children<'a>(&mut self, node: &'a AstNode<'a>) {
        for child in node.children() {
            self.node(child);
        }
    }

    /// `#name(args)[children]`.
    fn wrap<'a>(&mut self, call: &str, node: &'a AstNode<'a>) {
        self.out.push_str(call);
        self.out.push('[');
        self.children(node);
        self.out.push(']');
    }

    /// The children of `node` as a link to `url`, or as plain text if `url` is not a web or
    /// mail address.
    fn node_as_link<'a>(&mut self, url: &str, node: &'a AstNode<'a>) {
        if ["http://", "https://", "mailto:"].iter().any(|p| url.starts_with(p)) {
            self.wrap(&format!("#link({})", address(url)), node);
        } else {
            self.children(node);
        }
    }

    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.out.push('#');
            self.out.push_str(&shown(&breakable(text)));
        }
    }

    fn node<'a>(&mut self, node: &'a AstNode<'a>) {
        if self.depth >= MAX_DEPTH && node.first_child().is_some() {
            self.text(&plain_text(node));
            if node.data.borrow().value.block() {
                self.out.push_str("\n\n");
            }
            return;
        }
        self.depth += 1;
        self.write_node(node);
        self.depth -= 1;
    }

    fn write_node<'a>(&mut self, node: &'a AstNode<'a>) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Paragraph => {
                self.children(node);
                self.out.push_str("\n\n");
            }
            NodeValue::Heading(heading) => {
                let level = heading.level;
                self.wrap(&format!("#heading(level: {level}, outlined: false, bookmarked: false)"), node);
                self.out.push_str("\n\n");
            }
            NodeValue::Text(text) => self.text(&text),
            NodeValue::SoftBreak => self.out.push(' '),
            NodeValue::LineBreak => self.out.push_str("#linebreak()"),
            NodeValue::Emph => self.wrap("#emph", node),
            NodeValue::Strong => self.wrap("#strong", node),
            NodeValue::Strikethrough => self.wrap("#strike", node),
            NodeValue::Code(code) => {
                let _ = write!(self.out, "#raw({})", shown(&breakable(&code.literal)));
            }
            NodeValue::CodeBlock(block) => {
                let _ = writeln!(
                    self.out,
                    "#raw(block: true, {})\n",
                    shown(&breakable(block.literal.trim_end_matches('\n')))
                );
            }
            NodeValue::HtmlBlock(html) => {
                self.text(html.literal.trim_end());
                self.out.push_str("\n\n");
            }
            NodeValue::HtmlInline(html) => self.text(&html),
            NodeValue::BlockQuote => {
                self.wrap("#quote(block: true)", node);
                self.out.push_str("\n\n");
            }
            NodeValue::List(list) => {
                let call = match list.list_type {
                    ListType::Bullet => "#list(".to_owned(),
                    ListType::Ordered => format!("#enum(start: {}, ", list.start),
                };
                self.out.push_str(&call);
                for item in node.children() {
                    self.out.push('[');
                    if let NodeValue::TaskItem(task) = &item.data.borrow().value {
                        self.out.push_str(if task.symbol.is_some() { "☑ " } else { "☐ " });
                    }
                    self.children(item);
                    self.out.push_str("], ");
                }
                self.out.push_str(")\n\n");
            }
            NodeValue::Table(table) => {
                let _ = write!(self.out, "#table(columns: {}, ", table.num_columns.max(1));
                for row in node.children() {
                    let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
                    if header {
                        self.out.push_str("table.header(");
                    }
                    for cell in row.children() {
                        self.wrap("", cell);
                        self.out.push_str(", ");
                    }
                    if header {
                        self.out.push_str("), ");
                    }
                }
                self.out.push_str(")\n\n");
            }
            NodeValue::Link(link) => self.node_as_link(&link.url, node),
            NodeValue::Image(link) => match (self.image)(&link.url) {
                Some(Picture::Embedded(path)) => {
                    let alt: String = node.descendants().filter_map(|d| text_of(d)).collect();
                    let _ =
                        write!(self.out, "#image({}, alt: {}, width: 80%)", address(&path), literal(&alt));
                }
                Some(Picture::Placeholder(words)) => {
                    let _ =
                        write!(self.out, "#box(stroke: 0.5pt, inset: 4pt)[#{}]", shown(&breakable(&words)));
                }
                None => self.node_as_link(&link.url, node),
            },
            NodeValue::FootnoteReference(reference) => {
                let content = self.footnotes.get(&reference.name).cloned().unwrap_or_default();
                let _ = write!(self.out, "#footnote[{content}]");
            }
            NodeValue::FootnoteDefinition(_) => {}
            NodeValue::ThematicBreak => self.out.push_str("#line(length: 100%)\n\n"),
            _ => self.children(node),
        }
    }
}

/// The words of `node` and of everything in it, as plain text; blocks and line breaks part
/// them with a space.
fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for inner in node.descendants() {
        match &inner.data.borrow().value {
            NodeValue::Text(words) => text.push_str(words),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            value if value.block() && !text.is_empty() && !text.ends_with(' ') => text.push(' '),
            _ => {}
        }
    }
    text.trim_end().to_owned()
}

fn text_of<'a>(node: &'a AstNode<'a>) -> Option<String> {
    match &node.data.borrow().value {
        NodeValue::Text(text) => Some(text.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_to_break_never_parts_a_letter_from_its_mark() {
        let text = format!("{}a\u{301}b", "x".repeat(MAX_UNBROKEN - 1));
        assert_eq!(breakable(&text), format!("{}a\u{301}\u{200b}b", "x".repeat(MAX_UNBROKEN - 1)));
    }

    #[test]
    fn long_runs_without_spaces_get_places_to_break() {
        assert!(matches!(
            breakable("short words and a forty-character-long-run-of-letters-ok"),
            Cow::Borrowed(_)
        ));
        let long = format!("see {} here", "x".repeat(100));
        let broken = breakable(&long);
        assert_eq!(broken.replace('\u{200b}', ""), long, "only breaks are added");
        let runs: Vec<usize> =
            broken.split(|c: char| c.is_whitespace() || c == '\u{200b}').map(|r| r.chars().count()).collect();
        assert_eq!(runs, [3, 40, 40, 20, 4]);
    }

    #[test]
    fn typst_syntax_in_a_record_is_text() {
        let typst = to_typst("#let x = 1 $x$ <label> @ref *b* _i_ [x] `#set`\n", 2, &|_| None);
        assert_eq!(
            typst,
            "#\"#let x = 1 $x$ \"#\"<label>\"#\" @ref \"#emph[#\"b\"]#\" \"#emph[#\"i\"]#\" [x] \"#raw(\"#set\")\n\n"
        );
    }

    #[test]
    fn deep_nesting_is_cut_short_and_keeps_the_words() {
        let typst = to_typst(&format!("{} deep *words*\nand `more`", ">".repeat(10_000)), 2, &|_| None);
        assert_eq!(typst.matches("#quote(").count(), MAX_DEPTH);
        assert!(typst.contains("#\"deep words and more\""), "{typst}");
        let typst = to_typst(&format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000)), 2, &|_| None);
        assert!(typst.contains("#\"x\""));
    }

    #[test]
    fn structures_come_through() {
        let typst = to_typst(
            "# Head\n\n- [x] done\n- [ ] open\n\n1. one\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n\n~~old~~ [site](https://example.org) [bad](javascript:x)\n\nNote[^n]\n\n[^n]: The note.\n\n```\ncode #x\n```\n",
            2,
            &|_| None,
        );
        for needle in [
            "#heading(level: 2, outlined: false, bookmarked: false)[#\"Head\"]",
            "#list([☑ #\"done\"",
            "☐ #\"open\"",
            "#enum(start: 1, ",
            "#table(columns: 2, table.header([#\"a\"], [#\"b\"], ), [#\"1\"], [#\"2\"], )",
            "#quote(block: true)[#\"quoted\"",
            "#strike[#\"old\"]",
            "#link(\"https://example.org\")[#\"site\"]",
            "#footnote[#\"The note.\"]",
            "#raw(block: true, \"code #x\")",
        ] {
            assert!(typst.contains(needle), "{needle} in {typst}");
        }
        assert!(!typst.contains("javascript"), "{typst}");
    }
}
