//! The Markdown of a record's body, read with source positions: its headings, whether each has
//! text under it, and the writing prompts that are still there.
//!
//! A prompt is a paragraph that starts with `Prompt:` (the record templates write them in
//! italics, `_Prompt: ..._`); the writer replaces it with their own words.

use std::cell::OnceCell;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

/// The word a prompt paragraph starts with.
pub const PROMPT_MARKER: &str = "Prompt:";

/// A heading of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, ...
    pub level: u8,
    /// Its text.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file.
    pub column: usize,
    /// Whether anything but a prompt stands under it before the next heading of the same or a
    /// higher level.
    pub has_text: bool,
    /// Whether a prompt stands under it.
    pub has_prompt: bool,
}

/// A prompt paragraph still in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// Its text.
    pub text: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file.
    pub column: usize,
}

/// The outline of a body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Prompts in order.
    pub prompts: Vec<Prompt>,
}

/// The parser options every part of `pqs` uses: GitHub-flavoured Markdown.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.autolink = true;
    options
}

/// [`options`] without autolinks, for reading a body's outline or its text: a bare address is
/// text to them either way, and making a link node of each of a record's addresses (a record can
/// hold hundreds of thousands) costs memory for nothing.
pub fn reading_options() -> Options<'static> {
    let mut options = options();
    options.extension.autolink = false;
    options
}

/// Take out the headings under `root` that have no words ("#" alone on a line): an empty heading
/// tells a screen reader nothing, and PDF/UA forbids one.
pub fn drop_empty_headings<'a>(root: &'a AstNode<'a>) {
    let is_heading = |node: &'a AstNode<'a>| matches!(node.data.borrow().value, NodeValue::Heading(_));
    let empty: Vec<_> =
        root.descendants().filter(|node| is_heading(node) && plain_text(node).trim().is_empty()).collect();
    for node in empty {
        node.detach();
    }
}

/// Move the headings under `root` so that the highest is level `top` and none skips a level
/// (a record's headings sit under its own title, and readers and PDF/UA never meet a jump).
pub fn nest_headings<'a>(root: &'a AstNode<'a>, top: u8) {
    let level = |node: &'a AstNode<'a>| match &node.data.borrow().value {
        NodeValue::Heading(heading) => Some(heading.level),
        _ => None,
    };
    let Some(highest) = root.descendants().filter_map(level).min() else { return };
    let mut previous = top.saturating_sub(1);
    for node in root.descendants() {
        if let NodeValue::Heading(heading) = &mut node.data.borrow_mut().value {
            let wanted = heading.level - highest + top;
            heading.level = wanted.min(previous + 1).min(6);
            previous = heading.level;
        }
    }
}

/// `body` as HTML, its headings nested from level `top` (see [`nest_headings`]), and each image
/// replaced by what `image` makes of its address (an embedded `data:` address; in `pqs serve`'s
/// preview, an address of the server's own); an image it cannot take becomes a link, so that the
/// page never fetches anything from elsewhere. Raw HTML in the text is shown as text, never
/// passed through, and links to `javascript:` and the like are dropped.
pub fn to_html(body: &str, top: u8, image: &dyn Fn(&str) -> Option<String>) -> String {
    let mut options = options();
    options.render.escape = true;
    options.render.r#unsafe = false;
    let arena = Arena::new();
    let root = parse_document(&arena, body, &options);
    drop_empty_headings(root);
    nest_headings(root, top);
    let mut to_link = Vec::new();
    for node in root.descendants() {
        if let NodeValue::Image(link) = &mut node.data.borrow_mut().value {
            match image(&link.url) {
                Some(embedded) => link.url = embedded,
                None => to_link.push(node),
            }
        }
    }
    for node in to_link {
        let mut data = node.data.borrow_mut();
        if let NodeValue::Image(link) = &data.value {
            data.value = NodeValue::Link(link.clone());
        }
    }
    let mut html = String::new();
    // Writing to a String cannot fail.
    let _ = comrak::format_html(root, &options, &mut html);
    // Task-list boxes get a name for screen readers. Text from the record cannot produce these
    // tags: its raw HTML is escaped.
    html.replace(
        r#"<input type="checkbox" checked="" disabled="" />"#,
        r#"<input type="checkbox" checked="" disabled="" aria-label="done" />"#,
    )
    .replace(
        r#"<input type="checkbox" disabled="" />"#,
        r#"<input type="checkbox" disabled="" aria-label="not done" />"#,
    )
}

/// A record's body, parsed with [`reading_options`] when first asked for and then kept, so the
/// outline and the anonymisation lint's reader's text share one parse: the parse is most of the
/// cost of either.
pub struct Reading<'a, 'b> {
    arena: &'a Arena<'a>,
    body: &'b str,
    root: OnceCell<&'a AstNode<'a>>,
}

impl<'a, 'b> Reading<'a, 'b> {
    /// `body`, to be parsed in `arena` when first needed.
    pub fn new(arena: &'a Arena<'a>, body: &'b str) -> Reading<'a, 'b> {
        Reading { arena, body, root: OnceCell::new() }
    }

    /// The Markdown text.
    pub fn body(&self) -> &'b str {
        self.body
    }

    /// The parsed document.
    pub fn root(&self) -> &'a AstNode<'a> {
        self.root.get_or_init(|| parse_document(self.arena, self.body, &reading_options()))
    }
}

/// Read `body`, which starts on 1-based line `first_line` of its file.
pub fn outline(body: &str, first_line: usize) -> Outline {
    let arena = Arena::new();
    outline_of(Reading::new(&arena, body).root(), first_line)
}

/// The outline of the document `root`, parsed with [`reading_options`] from a body that starts
/// on 1-based line `first_line` of its file.
pub fn outline_of<'a>(root: &'a AstNode<'a>, first_line: usize) -> Outline {
    let shift = first_line.saturating_sub(1);
    let mut outline = Outline::default();
    // Blocks at the top level, in order: a heading, a prompt, or other text.
    enum Block {
        Heading(usize),
        Prompt,
        Text,
    }
    let mut blocks = Vec::new();
    for node in root.children() {
        let data = node.data.borrow();
        let (line, column) = (data.sourcepos.start.line + shift, data.sourcepos.start.column);
        match &data.value {
            NodeValue::Heading(heading) => {
                outline.headings.push(Heading {
                    level: heading.level,
                    text: plain_text(node).trim().to_owned(),
                    line,
                    column,
                    has_text: false,
                    has_prompt: false,
                });
                blocks.push(Block::Heading(outline.headings.len() - 1));
            }
            NodeValue::Paragraph if is_prompt(node) => {
                let text = plain_text(node).trim().to_owned();
                outline.prompts.push(Prompt { text, line, column });
                blocks.push(Block::Prompt);
            }
            _ => blocks.push(Block::Text),
        }
    }
    for (i, block) in blocks.iter().enumerate() {
        let Block::Heading(h) = block else { continue };
        let level = outline.headings[*h].level;
        let section: Vec<&Block> = blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading(other) if outline.headings[*other].level <= level))
            .collect();
        outline.headings[*h].has_text = section.iter().any(|b| matches!(b, Block::Text));
        outline.headings[*h].has_prompt = section.iter().any(|b| matches!(b, Block::Prompt));
    }
    outline
}

/// Whether the text of `node` starts with [`PROMPT_MARKER`]; only as much text is gathered as
/// that takes.
fn is_prompt<'a>(node: &'a AstNode<'a>) -> bool {
    let enough = |text: &str| text.trim_start().len() >= PROMPT_MARKER.len();
    text_until(node, enough).trim_start().starts_with(PROMPT_MARKER)
}

/// The text of a node and its descendants, without markup.
fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    text_until(node, |_| false)
}

/// The text of a node and its descendants, without markup, until `enough` says so.
fn text_until<'a>(node: &'a AstNode<'a>, enough: impl Fn(&str) -> bool) -> String {
    let mut text = String::new();
    for descendant in node.descendants() {
        match &descendant.data.borrow().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(code) => text.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => continue,
        }
        if enough(&text) {
            break;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_prompts_and_empty_sections() {
        let body = "\n## Planning\n\n_Prompt: what did you agree?_\n\n## What happened\n\nWe met.\n\n## Empty\n\n## Parent\n\n### Child\n\nText.\n";
        let outline = outline(body, 7);
        let summary: Vec<(&str, usize, bool, bool)> =
            outline.headings.iter().map(|h| (h.text.as_str(), h.line, h.has_text, h.has_prompt)).collect();
        assert_eq!(
            summary,
            [
                ("Planning", 8, false, true),
                ("What happened", 12, true, false),
                ("Empty", 16, false, false),
                ("Parent", 18, true, false),
                ("Child", 20, true, false)
            ]
        );
        assert_eq!(outline.prompts.len(), 1);
        assert_eq!((outline.prompts[0].line, outline.prompts[0].column), (10, 1));
        assert_eq!(outline.prompts[0].text, "Prompt: what did you agree?");
    }

    #[test]
    fn html_shows_raw_html_as_text_and_keeps_gfm() {
        let html = to_html(
            "# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> ~~gone~~ [x](javascript:alert(3))\n\n- [x] done\n\n| a |\n|---|\n| b |\n\nNote[^1]\n\n[^1]: Footnote.\n\n![a square](square.png) ![far](https://example.org/x.png)\n",
            3,
            &|url| (url == "square.png").then(|| "data:image/png;base64,AAAA".to_owned()),
        );
        assert!(!html.contains("<script") && !html.contains("<img src=x"), "{html}");
        assert!(html.contains(r#"<img src="data:image/png;base64,AAAA" alt="a square" />"#), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org/x.png">far</a>"#),
            "others become links: {html}"
        );
        assert!(html.contains("<h3>Title</h3>"), "headings are moved down: {html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        for needle in ["<del>gone</del>", "aria-label=\"done\"", "<table>", "footnote"] {
            assert!(html.contains(needle), "{needle} in {html}");
        }
    }

    #[test]
    fn headings_without_words_are_left_out() {
        let html = to_html("#\n\n## A\n\ntext\n\n###   \n", 3, &|_| None);
        assert_eq!(html.matches("<h").count(), 1, "{html}");
        assert!(html.contains("<h3>A</h3>"), "{html}");
    }

    #[test]
    fn headings_nest_under_the_record_title_without_skipping() {
        let html = to_html("## A\n\n#### B\n\n### C\n\n## D\n", 3, &|_| None);
        let levels: Vec<&str> = html.match_indices("<h").map(|(i, _)| &html[i + 2..i + 3]).collect();
        assert_eq!(levels, ["3", "4", "4", "3"], "{html}");
    }

    #[test]
    fn prompt_words_inside_a_sentence_are_not_prompts() {
        let outline = outline("The prompt: keep going.\n\n> Prompt: quoted\n", 1);
        assert!(outline.prompts.is_empty());
    }
}
