//! Unit tests of `yaml/fields.rs`.

use super::*;

const SIGNOFF: &[Field] =
    &[Field::new("by", Shape::Text, Meaning::Text, ""), Field::new("role", Shape::Text, Meaning::Text, "")];
const SHAPES: &[Field] = &[
    Field::new("title", Shape::Text, Meaning::Text, ""),
    Field::new("standards", Shape::List, Meaning::Reference, ""),
    Field::new("signoff", Shape::Entries(SIGNOFF), Meaning::Mapping, ""),
];

fn fields(yaml: &str) -> Fields {
    read(yaml, 2, SHAPES).expect("reads")
}

#[test]
fn keeps_values_as_written() {
    let f = fields("title: 2026\nstandards: [6.10, '6.2', 8, 1.0]\n");
    assert_eq!(f.text("title"), Some("2026"));
    assert_eq!(f.list("standards").expect("list"), ["6.10", "6.2", "8", "1.0"].map(String::from));
}

#[test]
fn block_lists_and_nested_entries() {
    let f = fields("standards:\n  - 6.10\n  - \"7\"\nsignoff:\n  - by: Sam\n    role: mentor\n    when: x\n");
    assert_eq!(f.list("standards").expect("list"), ["6.10", "7"].map(String::from));
    let entries = f.entries("signoff").expect("entries");
    assert_eq!(entries[0].text("role"), Some("mentor"));
    assert_eq!(entries[0].unknown, [("when".to_owned(), Other::Text("x".to_owned()))]);
}

#[test]
fn empty_list_and_empty_value() {
    let f = fields("title:\nstandards:\n");
    assert_eq!(f.text("title"), Some(""));
    assert_eq!(f.list("standards"), Some(&[][..]));
}

#[test]
fn collects_unknown_and_repeated_fields() {
    let f = fields("titel: A\ntitle: B\ntitle: C\n");
    assert_eq!(f.unknown, [("titel".to_owned(), Other::Text("A".to_owned()))]);
    assert_eq!(f.repeated, ["title"]);
    assert_eq!(f.text("title"), Some("B"));
}

#[test]
fn wrong_shape_names_field_line_and_column() {
    let Err(ReadError::Yaml(e)) = read("title: A\nstandards: 6.2\n", 2, SHAPES) else {
        panic!("should fail");
    };
    assert_eq!((e.line, e.column, e.field.as_deref()), (Some(3), Some(12), Some("standards")));
    assert!(e.message.contains("a list"), "{}", e.message);
}

#[test]
fn syntax_error_has_the_file_line() {
    let Err(ReadError::Yaml(e)) = read("title: A\nstandards: [6.1\n", 2, SHAPES) else {
        panic!("should fail");
    };
    assert_eq!(e.line, Some(4));
}

#[test]
fn not_a_mapping() {
    assert_eq!(read("- a\n- b\n", 2, SHAPES), Err(ReadError::NotAMapping("a list")));
    assert_eq!(read("just words\n", 2, SHAPES), Err(ReadError::NotAMapping("a single line of text")));
    assert_eq!(read("# only a comment\n", 2, SHAPES), Ok(Fields::default()));
}
