//! Unit tests of `yaml/locate.rs`.

use super::*;

fn text_at<'a>(text: &'a str, locations: &Locations, place: Place<'_>) -> Option<&'a str> {
    locations.find(place).map(|r| &text[r])
}

fn check(yaml: &str, expected: &[(Place<'_>, &str)]) {
    let text = format!("---\n{yaml}---\n");
    let locations = locate(&text, 4..4 + yaml.len());
    for (place, want) in expected {
        assert_eq!(text_at(&text, &locations, *place), Some(*want), "{place:?} in:\n{yaml}");
    }
}

#[test]
fn keys_and_scalar_values() {
    check(
        "title: Group supervision  # a comment\n\"date\": '2026-02-30'\nkind:   direct\n",
        &[
            (Place::Key("title"), "title"),
            (Place::Value("title"), "Group supervision"),
            (Place::Key("date"), "\"date\""),
            (Place::Value("date"), "'2026-02-30'"),
            (Place::Value("kind"), "direct"),
        ],
    );
}

#[test]
fn flow_lists_over_lines_with_quotes() {
    check(
        "standards: [6.10, \"7,2\" , '9']\ntags: [a,\n  b, # why\n  c]\ntitle: x\n",
        &[
            (Place::Item("standards", 0), "6.10"),
            (Place::Item("standards", 1), "\"7,2\""),
            (Place::Item("standards", 2), "'9'"),
            (Place::Item("tags", 1), "b"),
            (Place::Item("tags", 2), "c"),
            (Place::Value("title"), "x"),
        ],
    );
}

#[test]
fn block_lists_and_entries() {
    check(
        "standards:\n- 6.1\n-   \"6.3\" # note\nsignoff:\n  - by: Sam Patel\n    role: mentr\n  - {by: Jo}\ntitle: t\n",
        &[
            (Place::Item("standards", 0), "6.1"),
            (Place::Item("standards", 1), "\"6.3\""),
            (Place::EntryKey("signoff", 0, "by"), "by"),
            (Place::EntryValue("signoff", 0, "by"), "Sam Patel"),
            (Place::EntryValue("signoff", 0, "role"), "mentr"),
            (Place::Item("signoff", 1), "{by: Jo}"),
            (Place::Value("title"), "t"),
        ],
    );
}

#[test]
fn value_on_the_next_line() {
    check("title:\n  A long title\n  over lines\n", &[(Place::Value("title"), "A long title")]);
}

#[test]
fn crlf_and_unknown_shapes_do_not_panic() {
    let yaml = "a: [1, {b: [2,\r\n c]}, 'x'']\r\n? complex\r\n: value\r\n*alias : 3\r\n";
    let text = format!("---\r\n{yaml}---\r\n");
    let locations = locate(&text, 5..5 + yaml.len());
    assert_eq!(text_at(&text, &locations, Place::Item("a", 0)), Some("1"));
    assert_eq!(text_at(&text, &locations, Place::Item("a", 1)), Some("{b: [2,\r\n c]}"));
}
