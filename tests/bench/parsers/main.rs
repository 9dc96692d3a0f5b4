//! Scratch benchmark for BENCHMARKS.md's "The load stage and its parsers (issue 15)": reads every
//! record of a cohort and runs one engine over its body or its front-matter, the way `pqs check`
//! uses it, so callgrind can count each engine's instructions apart; and prints the positions each
//! engine gives on tricky input. Built by `tests/bench/parsers.sh` in a crate of its own, so pqs
//! takes no dependency on the engines it does not use.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// pqs's allocator, so allocation costs what it costs in pqs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every `.md` record under `dir` (below its `evidence` folders), split into front-matter and body.
fn records(dir: &Path, out: &mut Vec<(String, usize, usize)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("a folder").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            records(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") && path.components().any(|c| c.as_os_str() == "evidence") {
            let text = std::fs::read_to_string(&path).expect("UTF-8");
            if let Some((yaml, body)) = split(&text) {
                out.push((text.clone(), yaml, body));
            }
        }
    }
}

/// Where the front-matter ends and the body starts (both byte offsets), for `---` fences.
fn split(text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some((4 + end + 1, 4 + end + 5))
}

// ---------------------------------------------------------------------------------------------
// Markdown

fn comrak_options() -> comrak::Options<'static> {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

fn pulldown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_FOOTNOTES
}

/// What both passes of `pqs check` take from a body: headings and prompts with their places
/// (line, byte column), and the ranges the reader's text changes (joined line breaks, link
/// addresses, emphasis marks).
#[derive(Debug, Default, PartialEq)]
struct Found {
    headings: Vec<(u8, String, usize, usize)>,
    prompts: Vec<(usize, usize)>,
    links: Vec<(usize, usize)>,
    emphasis: usize,
    breaks: usize,
}

fn comrak_read(body: &str) -> Found {
    use comrak::nodes::NodeValue;
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, body, &comrak_options());
    let mut found = Found::default();
    for node in root.children() {
        let data = node.data.borrow();
        let at = (data.sourcepos.start.line, data.sourcepos.start.column);
        match &data.value {
            NodeValue::Heading(h) => {
                let mut text = String::new();
                for d in node.descendants() {
                    if let NodeValue::Text(t) = &d.data.borrow().value {
                        text.push_str(t);
                    }
                }
                found.headings.push((h.level, text, at.0, at.1));
            }
            NodeValue::Paragraph => {
                let first = node.first_child().map(|c| match &c.data.borrow().value {
                    NodeValue::Text(t) => t.starts_with("Prompt:"),
                    _ => false,
                });
                let emph = node.first_child().and_then(|c| c.first_child()).map(|c| match &c.data.borrow().value {
                    NodeValue::Text(t) => t.starts_with("Prompt:"),
                    _ => false,
                });
                if first == Some(true) || emph == Some(true) {
                    found.prompts.push(at);
                }
            }
            _ => {}
        }
    }
    for node in root.descendants() {
        let data = node.data.borrow();
        match &data.value {
            NodeValue::Link(_) | NodeValue::Image(_) => found.links.push((data.sourcepos.start.line, data.sourcepos.start.column)),
            NodeValue::Emph | NodeValue::Strong | NodeValue::Strikethrough => found.emphasis += 1,
            NodeValue::SoftBreak | NodeValue::LineBreak => found.breaks += 1,
            _ => {}
        }
    }
    found
}

fn pulldown_read(body: &str) -> Found {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let lines: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let place = |at: usize| {
        let line = lines.partition_point(|&s| s <= at);
        (line, at - lines[line - 1] + 1)
    };
    let mut found = Found::default();
    let mut depth = 0usize;
    let mut heading: Option<(u8, String, Range<usize>)> = None;
    let mut paragraph: Option<(Range<usize>, bool)> = None;
    for (event, range) in Parser::new_ext(body, pulldown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Heading { level, .. } if depth == 0 => heading = Some((*level as u8, String::new(), range.clone())),
                    Tag::Paragraph if depth == 0 => paragraph = Some((range.clone(), true)),
                    Tag::Link { .. } | Tag::Image { .. } => found.links.push(place(range.start)),
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => found.emphasis += 1,
                    _ => {}
                }
                depth += 1;
            }
            Event::End(end) => {
                depth -= 1;
                match end {
                    TagEnd::Heading(_) if depth == 0 => {
                        if let Some((level, text, range)) = heading.take() {
                            let (line, column) = place(range.start);
                            found.headings.push((level, text, line, column));
                        }
                    }
                    TagEnd::Paragraph if depth == 0 => paragraph = None,
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let Some((_, t, _)) = heading.as_mut() {
                    t.push_str(&text);
                }
                if let Some((range, first)) = paragraph.as_mut() {
                    if *first && text.starts_with("Prompt:") {
                        found.prompts.push(place(range.start));
                    }
                    *first = false;
                }
            }
            Event::SoftBreak | Event::HardBreak => found.breaks += 1,
            _ => {}
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// YAML: any value, with or without the places of keys and values

/// A YAML value, its scalars as text.
#[derive(Debug)]
#[allow(dead_code, reason = "made to be measured, not read")]
enum Node {
    Text(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

struct AnyNode;

impl<'de> Visitor<'de> for AnyNode {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Text(String::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Text(String::new()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(AnySeed)? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value_seed(AnySeed)?));
        }
        Ok(Node::Map(entries))
    }
}

struct AnySeed;

impl<'de> DeserializeSeed<'de> for AnySeed {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(AnyNode)
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(AnyNode)
    }
}

/// A YAML value with the place of every key and value, as serde-saphyr gives them.
#[derive(Debug)]
enum Placed {
    Text(String),
    List(Vec<serde_saphyr::Spanned<Placed>>),
    Map(Vec<(serde_saphyr::Spanned<String>, serde_saphyr::Spanned<Placed>)>),
}

struct AnyPlaced;

impl<'de> Visitor<'de> for AnyPlaced {
    type Value = Placed;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Placed, E> {
        Ok(Placed::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Placed, E> {
        Ok(Placed::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Placed, E> {
        Ok(Placed::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Placed, E> {
        Ok(Placed::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Placed, E> {
        Ok(Placed::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Placed, E> {
        Ok(Placed::Text(String::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Placed, E> {
        Ok(Placed::Text(String::new()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Placed, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Placed::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Placed, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Placed::Map(entries))
    }
}

impl<'de> serde::Deserialize<'de> for Placed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Placed, D::Error> {
        d.deserialize_any(AnyPlaced)
    }
}

fn show_placed(yaml: &str, node: &serde_saphyr::Spanned<Placed>, path: &str) {
    let at = |l: &serde_saphyr::Location| {
        let start = l.span().byte_offset().map(|o| o as usize);
        let len = l.span().byte_len().map(|o| o as usize);
        let text = start.zip(len).and_then(|(s, n)| yaml.get(s..s + n)).unwrap_or("?");
        format!("{}:{} {text:?}", l.line(), l.column())
    };
    match &node.value {
        Placed::Text(t) => println!("  {path} = {t:?} at {}", at(&node.referenced)),
        Placed::List(items) => {
            println!("  {path} (list) at {}", at(&node.referenced));
            for (i, item) in items.iter().enumerate() {
                show_placed(yaml, item, &format!("{path}[{i}]"));
            }
        }
        Placed::Map(entries) => {
            println!("  {path} (mapping) at {}", at(&node.referenced));
            for (key, value) in entries {
                println!("  key {path}.{} at {}", key.value, at(&key.referenced));
                show_placed(yaml, value, &format!("{path}.{}", key.value));
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, arg) = (args[1].as_str(), args.get(2).map(String::as_str).unwrap_or(""));
    let mut all = Vec::new();
    if !mode.starts_with("show") && mode != "limits" && mode != "errors" {
        records(Path::new(arg), &mut all);
    }
    let mut count = 0usize;
    match mode {
        // Reading and splitting only: subtracted from the others.
        "none" => count = all.iter().map(|(t, y, b)| t.len() + y + b).sum(),
        "comrak" => count = all.iter().map(|(t, _, b)| comrak_read(&t[*b..]).headings.len()).sum(),
        "pulldown" => count = all.iter().map(|(t, _, b)| pulldown_read(&t[*b..]).headings.len()).sum(),
        "compare" => {
            for (t, _, b) in &all {
                let (c, p) = (comrak_read(&t[*b..]), pulldown_read(&t[*b..]));
                if c != p {
                    count += 1;
                    if count < 3 {
                        println!("differ:\n{c:?}\n{p:?}");
                    }
                }
            }
        }
        "yaml_serde" => {
            for (t, y, _) in &all {
                let node: Node = yaml_serde::from_str(&t[4..*y]).expect("YAML");
                count += matches!(node, Node::Map(_)) as usize;
            }
        }
        "saphyr" => {
            for (t, y, _) in &all {
                let node: Node = serde_saphyr::from_str(&t[4..*y]).expect("YAML");
                count += matches!(node, Node::Map(_)) as usize;
            }
        }
        "saphyr-spans" => {
            for (t, y, _) in &all {
                let node: serde_saphyr::Spanned<Placed> = serde_saphyr::from_str(&t[4..*y]).expect("YAML");
                count += matches!(node.value, Placed::Map(_)) as usize;
            }
        }
        "show-md" => {
            let body = std::fs::read_to_string(arg).expect("a file");
            println!("comrak:   {:?}", comrak_read(&body));
            println!("pulldown: {:?}", pulldown_read(&body));
        }
        "show-yaml" => {
            let yaml = std::fs::read_to_string(arg).expect("a file");
            match serde_saphyr::from_str::<serde_saphyr::Spanned<Placed>>(&yaml) {
                Ok(node) => show_placed(&yaml, &node, "$"),
                Err(e) => println!("  error: {e}"),
            }
        }
        "limits" => {
            let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..9 {
                let prev = (b'a' + i - 1) as char;
                let name = (b'a' + i) as char;
                bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            }
            let deep = format!("a: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
            let deep_block: String = (0..2000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
            for (name, text) in [("alias bomb (10^9 items)", &bomb), ("10,000 nested flow lists", &deep), ("2,000 nested block mappings", &deep_block)] {
                let a = yaml_serde::from_str::<Node>(text).err().map(|e| e.to_string());
                let b = serde_saphyr::from_str::<Node>(text).err().map(|e| e.to_string().lines().next().unwrap_or("").to_owned());
                println!("{name}:\n  yaml_serde:   {a:?}\n  serde-saphyr: {b:?}");
            }
        }
        "errors" => {
            // Values read as written (pqs reads each single value with `deserialize_str`), and the
            // place each parser gives for the errors pqs fixes up by itself today.
            for text in ["a: 6.10\n", "a: 0x10\n", "a: 1e3\n", "a: true\n", "a: ~\n", "a: 2026-03-02\n"] {
                let a = yaml_serde::from_str::<std::collections::BTreeMap<String, String>>(text).map(|m| m["a"].clone());
                let b = serde_saphyr::from_str::<std::collections::BTreeMap<String, String>>(text).map(|m| m["a"].clone());
                println!("{text:?}: yaml_serde {:?}, serde-saphyr {:?}", a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
            }
            for text in ["title: a\u{0}b\ndate: x\n", "title: ok\nname: {{ name }}\n", "title: [a\n", "a: b\na: c\n", "a: *nothing\n"] {
                let a = yaml_serde::from_str::<Node>(text).err().map(|e| e.to_string());
                let b = serde_saphyr::from_str::<Node>(text).err().map(|e| e.to_string().lines().next().unwrap_or("").to_owned());
                println!("{text:?}:\n  yaml_serde:   {a:?}\n  serde-saphyr: {b:?}");
            }
        }
        _ => panic!("unknown mode {mode}"),
    }
    println!("{mode}: {} records, {count}", all.len());
}
