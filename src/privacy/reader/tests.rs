//! Unit tests of `privacy/reader.rs`.

use super::*;

/// The reader's text of a Markdown body, and the stretch of the body behind each place
/// where `needle` is in it.
fn read<'b>(body: &'b str, needle: &str) -> (String, Vec<&'b str>) {
    let reader = ReaderText::of_markdown(body);
    let text = reader.text().to_owned();
    let behind = text.match_indices(needle).map(|(at, _)| &body[reader.source_range(at..at + needle.len())]);
    (text.clone(), behind.collect())
}

#[test]
fn one_parse_serves_the_outline_and_the_reader() {
    let body = "## A\n\nMrs *A*\nJones [x](https://x.org/a)\n\n_Prompt: what?_\n\n## B\n";
    let text = format!("---\ntitle: t\n---\n{body}");
    let start = text.len() - body.len();
    let arena = Arena::new();
    let read = Reading::new(&arena, &text[start..]);
    let shared = ReaderText::of_read(&text, start, Some(&read));
    let alone = ReaderText::of(&text, start..text.len());
    assert_eq!(shared.text(), alone.text());
    assert!(shared.text().ends_with("Mrs A Jones [x]\n\nPrompt: what?\n\n## B\n"), "{}", shared.text());
    assert!(std::ptr::eq(read.root(), read.root()), "the body is parsed once");
    let outline = crate::markdown::outline_of(read.root(), 4);
    assert_eq!(outline, crate::markdown::outline(body, 4));
    assert_eq!((outline.headings.len(), outline.prompts[0].line), (2, 9));
}

#[test]
fn joins_a_paragraphs_lines_and_maps_back() {
    let body = "NHS 943\n476 5919  \n> 5919\n\n- Mrs A\n  Jones\\\n  x\n\n> a b\n> b c\n";
    let (text, behind) = read(body, "943 476");
    assert_eq!(text, "NHS 943 476 5919  \n> 5919\n\n- Mrs A Jones x\n\n> a b b c\n");
    assert_eq!(behind, ["943\n476"]);
    assert_eq!(read(body, "A Jones x").1, ["A\n  Jones\\\n  x"]);
    assert_eq!(read(body, "b b").1, ["b\n> b"]);
}

#[test]
fn leaves_out_the_marks_of_emphasis() {
    let body = "Mrs *A* Jones, **943 476** 5919, _Mrs A_\nJones, ~~gone~~ and 2*3*4.\n";
    let (text, behind) = read(body, "943 476 5919");
    assert_eq!(text, "Mrs A Jones, 943 476 5919, Mrs A Jones, gone and 234.\n");
    assert_eq!(behind, ["943 476** 5919"]);
}

#[test]
fn normalises_characters_and_entities() {
    let body =
        "a\u{A0}b\u{202F}c\u{2009}d １２Ａｚ e\u{200B}f\u{AD}g &nbsp;&#160;&#x31;&pound;&bogus; \u{FEFF}";
    let (text, _) = read(body, " ");
    assert_eq!(text, "a b c d 12Az efg   1£&bogus; ");
    let reader = ReaderText::of_markdown(body);
    let one = text.rfind('1').expect("a 1");
    assert_eq!(&body[reader.source_range(one..one + 1)], "&#x31;");
    let at = text.find("12Az").expect("full-width");
    assert_eq!(&body[reader.source_range(at..at + 4)], "１２Ａｚ");
    let efg = text.find("efg").expect("efg");
    assert_eq!(&body[reader.source_range(efg..efg + 3)], "e\u{200B}f\u{AD}g");
}

#[test]
fn leaves_out_link_addresses_but_not_link_text() {
    let (text, _) = read(
        "See [#1234](https://x.org/issues/1234), ![a](img/0123456789.png), \
         <https://x.org/commit/0123456789> and https://x.org/isbn/9434765919 or \
         [mail](mailto:jo@x.org) [Mr Smith](notes.md \"t\").\n",
        " ",
    );
    assert_eq!(text, "See , ![a],  and   or [mail](mailto:jo@x.org) [Mr Smith].\n");
}
