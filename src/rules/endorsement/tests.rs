//! Unit tests of the endorsement's check: the records named as changed, added and removed.

use super::*;

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn changes_name_what_changed_was_added_and_was_removed() {
    let endorsed = map(&[("a.md", "1"), ("b.md", "2"), ("c.md", "3")]);
    let current: BTreeMap<String, Option<String>> =
        [("a.md", Some("1")), ("b.md", Some("9")), ("d.md", Some("4"))]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.map(str::to_owned)))
            .collect();
    let changes = changes(&endorsed, &current);
    assert_eq!(changes.words(), "`b.md` changed; `d.md` was added; `c.md` was removed");
}

#[test]
fn many_changes_are_named_up_to_a_few() {
    let files: Vec<String> = (1..=8).map(|n| format!("r{n}.md")).collect();
    let changes = Changes { added: files, ..Changes::default() };
    assert_eq!(changes.words(), "`r1.md`, `r2.md`, `r3.md`, `r4.md`, `r5.md` and 3 more records were added");
}
