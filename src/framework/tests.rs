//! Unit tests of `framework.rs`.

use super::*;
use crate::model::DEFAULT_FRAMEWORK;

fn pqs() -> Framework {
    Framework::built_in(DEFAULT_FRAMEWORK).expect("built-in framework loads")
}

#[test]
fn built_in_has_eight_standards_and_the_pathway_minimums() {
    let f = pqs();
    assert_eq!(f.standards.len(), 8);
    assert_eq!(f.standards[5].title, "Relationship-based practice supervision");
    let observations: usize =
        f.requirements.iter().filter(|r| r.record_type == RecordType::Observation).map(|r| r.min).sum();
    assert_eq!(observations, 3);
    assert!(f.requirements.iter().any(|r| r.initial && r.kind.as_deref() == Some("formative")));
    assert!(f.standards.iter().all(|s| !s.statements_complete));
}

#[test]
fn resolves_references() {
    let f = pqs();
    assert_eq!(f.resolve("6"), Resolved::Standard(5));
    assert_eq!(f.resolve(" 6.2 "), Resolved::Statement(5, 1));
    assert_eq!(f.resolve("6.10"), Resolved::Unlisted(5));
    assert_eq!(f.resolve("9"), Resolved::UnknownStandard);
    assert_eq!(f.resolve("9.1"), Resolved::UnknownStandard);
    assert_eq!(f.resolve("six"), Resolved::UnknownStandard);
    assert_eq!(f.resolve("6..2"), Resolved::Invalid);
    assert_eq!(f.resolve(""), Resolved::Invalid);
    assert_eq!(f.resolve("6 2"), Resolved::Invalid);
}

#[test]
fn rejects_duplicate_ids_and_bad_kinds() {
    let dup = "id: x\ntitle: X\nstandards:\n  - {id: '1', title: A}\n  - {id: '1', title: B}\n";
    let err = Framework::parse(dup, Path::new("f.yaml")).expect_err("duplicate");
    assert!(err.to_string().contains("(line 5): standard id `1` is used twice"), "{err}");
    let kind = "id: x\ntitle: X\nstandards: []\nrequirements:\n  - {id: r, label: R, type: pdp, kind: direct, min: 1}\n";
    let err = Framework::parse(kind, Path::new("f.yaml")).expect_err("kind");
    assert!(err.to_string().contains("no kind"), "{err}");
    let unknown =
        "id: x\ntitle: X\nstandards: []\nrequirements:\n  - {id: r, label: R, type: essay, min: 1}\n";
    let err = Framework::parse(unknown, Path::new("f.yaml")).expect_err("type");
    assert!(err.to_string().starts_with("the framework `f.yaml` is not valid (line 5): `type` in entry 1 of `requirements`: `essay` is not allowed here"), "{err}");
    assert!(!err.to_string().contains("column"), "the line is said once: {err}");
    let role = "id: x\ntitle: X\nstandards: []\nrequirements:\n  - {id: r, label: R, type: pdp, signed_by: [mentr]}\n";
    let err = Framework::parse(role, Path::new("f.yaml")).expect_err("role");
    assert!(err.to_string().contains("`mentr`, which is not a role"), "{err}");
    let nothing = "id: x\ntitle: X\nstandards: []\nrequirements:\n  - {id: r, label: R, type: pdp}\n";
    let err = Framework::parse(nothing, Path::new("f.yaml")).expect_err("nothing");
    assert!(err.to_string().contains("asks for nothing"), "{err}");
}
