//! Unit tests of `coverage.rs`.

use std::path::Path;

use super::*;
use crate::rules::{Reference, Signoff, SignoffState};

/// Two standards, the first with a complete statement list, and a requirement of each shape:
/// an initial kind, a minimum, sign-offs only, and a minimum with sign-offs.
const FRAMEWORK: &str = r#"
id: t
title: Test
standards:
  - {id: "1", title: One, statements_complete: true, statements: [{id: "1.1", label: A}, {id: "1.2", label: B}]}
  - {id: "2", title: Two, statements: [{id: "2.1", label: C}]}
requirements:
  - {id: initial, label: Initial, type: observation, kind: formative, min: 1, initial: true}
  - {id: direct, label: Direct, type: observation, kind: direct, min: 2}
  - {id: signed, label: Signed, type: observation, signed_by: [observer, mentor]}
  - {id: reviews, label: Reviews, type: pdp-review, min: 2, signed_by: [mentor]}
"#;

/// One case: its records, one per line of words (the id first, then any of a type, a kind,
/// a date, `draft`, `file=F`, `refs=1,1.2`, and `valid=`, `stale=` or `unverifiable=`
/// with the roles of sign-offs in that state), and the lines of the summary it expects, each
/// found by what comes before its `:`.
struct Case {
    name: &'static str,
    records: &'static [&'static str],
    expect: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "no records: every minimum and standard is short, complete lists name statements",
        records: &[],
        expect: &[
            "initial: 0/1 unmet []",
            "direct: 0/2 unmet []",
            "signed: 0/0 met []",
            "reviews: 0/2 unmet []",
            "standard 1: 0/1 unmet [] 1.1=[] 1.2=[]",
            "standard 2: 0/1 unmet [] 2.1=[]",
            "complete: false",
            "gaps: observation-minimum 0/1, observation-minimum 0/2, pdp-review-minimum 0/2, \
             standard-uncovered 1, statement-uncovered 1.1, statement-uncovered 1.2, standard-uncovered 2",
        ],
    },
    Case {
        name: "a formative observation first is the initial one",
        records: &["a observation formative 2026-01-10", "b observation direct 2026-02-01"],
        expect: &["initial: 1/1 met [a]", "direct: 1/2 unmet [b]"],
    },
    Case {
        name: "a direct observation first does not count as initial",
        records: &["a observation formative 2026-02-01", "b observation direct 2026-01-05"],
        expect: &["initial: 1/1 unmet [a] first=b(direct)"],
    },
    Case {
        name: "on the same day the first id comes first",
        records: &["b observation formative 2026-01-05", "a observation direct 2026-01-05"],
        expect: &["initial: 1/1 unmet [b] first=a(direct)"],
    },
    Case {
        name: "an observation without a date or a kind is no one's first",
        records: &["a observation direct", "b observation 2026-01-01", "c observation formative 2026-02-01"],
        expect: &["initial: 1/1 met [c]", "direct: 1/2 unmet [a]"],
    },
    Case {
        name: "drafts count toward nothing, not even as the first observation",
        records: &[
            "d observation direct 2026-01-01 draft refs=1.1 valid=observer,mentor",
            "e pdp-review 2026-06-01 draft valid=mentor",
            "f observation direct 2026-01-02 draft",
            "a observation formative 2026-02-01 valid=observer,mentor",
        ],
        expect: &[
            "initial: 1/1 met [a]",
            "direct: 0/2 unmet []",
            "signed: 1/1 met [a]",
            "reviews: 0/2 unmet []",
            "standard 1: 0/1 unmet [] 1.1=[] 1.2=[]",
            "drafts: [d, e, f]",
        ],
    },
    Case {
        name: "a record of no known type counts toward nothing",
        records: &["x refs=1,1.1 2026-01-01 formative"],
        expect: &["initial: 0/1 unmet []", "standard 1: 0/1 unmet [] 1.1=[] 1.2=[]", "drafts: []"],
    },
    Case {
        name: "every record to be signed is required, those signed in every role are found",
        records: &[
            "a observation formative 2026-01-01 valid=observer,mentor",
            "b observation direct 2026-02-01 valid=mentor,observer",
            "c observation direct 2026-03-01 valid=observer,mentor",
        ],
        expect: &[
            "direct: 2/2 met [b, c]",
            "signed: 3/3 met [a, b, c]",
            "gaps: pdp-review-minimum 0/2, standard-uncovered 1, statement-uncovered 1.1, \
             statement-uncovered 1.2, standard-uncovered 2",
        ],
    },
    Case {
        name: "an unsigned record is not found, and its gap names every role",
        records: &[
            "a observation formative 2026-01-01 valid=observer,mentor",
            "b observation direct 2026-02-01 file=obs/b.md",
        ],
        expect: &[
            "signed: 1/2 unmet [a, b] unsigned=b(observer,mentor)",
            "gaps: observation-minimum 1/2, signoff-missing obs/b.md observer+mentor, pdp-review-minimum 0/2, \
             standard-uncovered 1, statement-uncovered 1.1, statement-uncovered 1.2, standard-uncovered 2",
        ],
    },
    Case {
        name: "a stale or unverifiable sign-off does not hold",
        records: &[
            "a observation formative 2026-01-01 valid=observer stale=mentor",
            "b observation direct 2026-02-01 unverifiable=observer valid=mentor",
        ],
        expect: &["signed: 0/2 unmet [a, b] unsigned=a(mentor) b(observer)"],
    },
    Case {
        name: "a sign-off in another role does not count for the role asked for",
        records: &["a observation formative 2026-01-01 valid=observer,line-manager,candidate"],
        expect: &["initial: 1/1 met [a]", "signed: 0/1 unmet [a] unsigned=a(mentor)"],
    },
    Case {
        name: "records of one id: the id is found only when all of them are signed",
        records: &[
            "a observation direct 2026-01-01 file=one.md valid=observer,mentor",
            "a observation direct 2026-02-01 file=two.md valid=observer",
            "a observation direct 2026-02-02 file=three.md valid=mentor",
            "b observation direct 2026-03-01 file=b.md valid=observer,mentor",
        ],
        expect: &["direct: 2/2 met [a, b]", "signed: 1/2 unmet [a, b] unsigned=a(mentor) a(observer)"],
    },
    Case {
        name: "a minimum with sign-offs needs every record signed once the minimum is reached",
        records: &[
            "r pdp-review 2026-06-01 valid=mentor",
            "s pdp-review 2026-07-01 stale=mentor",
            "t pdp-review 2026-08-01 valid=mentor",
        ],
        expect: &["reviews: 2/3 unmet [r, s, t] unsigned=s(mentor)"],
    },
    Case {
        name: "a minimum with sign-offs is met by enough records, each signed",
        records: &["r pdp-review 2026-06-01 valid=mentor", "s pdp-review 2026-07-01 valid=mentor"],
        expect: &["reviews: 2/2 met [r, s]"],
    },
    Case {
        name: "a minimum with sign-offs and too few records: the gap counts the records, signed or not",
        records: &["r pdp-review 2026-06-01 stale=mentor"],
        expect: &[
            "reviews: 0/2 unmet [r] unsigned=r(mentor)",
            "gaps: observation-minimum 0/1, observation-minimum 0/2, pdp-review-minimum 1/2, \
             signoff-missing r.md mentor, standard-uncovered 1, statement-uncovered 1.1, \
             statement-uncovered 1.2, standard-uncovered 2",
        ],
    },
    Case {
        name: "every requirement met but a standard without records is not complete",
        records: &[
            "a observation formative 2026-01-01 valid=observer,mentor refs=1.1,1.2",
            "b observation direct 2026-02-01 valid=observer,mentor",
            "c observation direct 2026-03-01 valid=observer,mentor",
            "r pdp-review 2026-06-01 valid=mentor",
            "s pdp-review 2026-07-01 valid=mentor",
        ],
        expect: &["standard 2: 0/1 unmet [] 2.1=[]", "complete: false", "gaps: standard-uncovered 2"],
    },
    Case {
        name: "complete: every requirement met and standard evidenced, a statement left is only a gap",
        records: &[
            "a observation formative 2026-01-01 valid=observer,mentor refs=1.1",
            "b observation direct 2026-02-01 valid=observer,mentor refs=2",
            "c observation direct 2026-03-01 valid=mentor,observer refs=1",
            "r pdp-review 2026-06-01 valid=mentor",
            "s pdp-review 2026-07-01 valid=mentor",
        ],
        expect: &[
            "initial: 1/1 met [a]",
            "direct: 2/2 met [b, c]",
            "signed: 3/3 met [a, b, c]",
            "reviews: 2/2 met [r, s]",
            "complete: true",
            "gaps: statement-uncovered 1.2",
        ],
    },
    Case {
        name: "a complete list is evidenced statement by statement, an incomplete one is not asked",
        records: &[
            "a reflection 2026-01-01 refs=1.1,2",
            "b reflection 2026-02-01 refs=1.2,2.9",
            "c reflection 2026-03-01 refs=9,3.1,x",
        ],
        expect: &[
            "standard 1: 2/1 met [a, b] 1.1=[a] 1.2=[b]",
            "standard 2: 2/1 met [a, b] 2.1=[]",
            "gaps: observation-minimum 0/1, observation-minimum 0/2, pdp-review-minimum 0/2",
        ],
    },
    Case {
        name: "a complete list with a statement not evidenced names it, though the standard is met",
        records: &["a reflection 2026-01-01 refs=1.2,1.2,1", "b supervision 2026-01-02 refs=1"],
        expect: &[
            "standard 1: 2/1 met [a, b] 1.1=[] 1.2=[a]",
            "gaps: observation-minimum 0/1, observation-minimum 0/2, pdp-review-minimum 0/2, \
             statement-uncovered 1.1, standard-uncovered 2",
        ],
    },
];

/// A record from a line of words (see [`Case`]).
fn record(framework: &Framework, words: &str) -> Record {
    let mut words = words.split_whitespace();
    let id = words.next().expect("an id");
    let mut record = Record {
        id: id.to_owned(),
        id_span: None,
        file: format!("{id}.md"),
        title: None,
        record_type: None,
        date: None,
        kind: None,
        observer: None,
        setting: None,
        draft: false,
        references: Vec::new(),
        tags: Vec::new(),
        attachments: Vec::new(),
        signoff: Vec::new(),
        body: String::new(),
        body_line: 1,
        allowances: Vec::new(),
        files: Default::default(),
    };
    for word in words {
        let state = |name| match name {
            "valid" => Some(SignoffState::Valid),
            "stale" => Some(SignoffState::Stale),
            "unverifiable" => Some(SignoffState::Unverifiable),
            _ => None,
        };
        match word.split_once('=') {
            Some(("file", file)) => record.file = file.to_owned(),
            Some(("refs", refs)) => record.references.extend(
                refs.split(',')
                    .map(|text| Reference { text: text.to_owned(), resolved: framework.resolve(text) }),
            ),
            Some((name, roles)) if state(name).is_some() => {
                record.signoff.extend(roles.split(',').map(|role| Signoff {
                    by: Some("Sam Patel".to_owned()),
                    role: Some(role.to_owned()),
                    date: None,
                    digest: None,
                    state: state(name).expect("a state"),
                    form: None,
                    changed: String::new(),
                    files: std::collections::BTreeMap::new(),
                    seal: crate::rules::Seal::Typed,
                    expected: None,
                }));
            }
            Some(_) => panic!("`{word}` is not a field of a test record"),
            None if word == "draft" => record.draft = true,
            None if RecordType::from_name(word).is_some() => record.record_type = RecordType::from_name(word),
            None if word.parse::<jiff::civil::Date>().is_ok() => record.date = word.parse().ok(),
            None => record.kind = Some(word.to_owned()),
        }
    }
    record
}

/// The coverage as lines: one per requirement and standard, the drafts, and the gaps.
fn summary(coverage: &Coverage) -> Vec<String> {
    let mut lines = Vec::new();
    for req in &coverage.requirements {
        let met = if req.met() { "met" } else { "unmet" };
        let mut line =
            format!("{}: {}/{} {met} [{}]", req.id, req.found(), req.required, req.records.join(", "));
        if let Some((id, kind)) = &req.wrong_first {
            line.push_str(&format!(" first={id}({kind})"));
        }
        if !req.unsigned.is_empty() {
            let unsigned: Vec<String> =
                req.unsigned.iter().map(|u| format!("{}({})", u.id, u.roles.join(","))).collect();
            line.push_str(&format!(" unsigned={}", unsigned.join(" ")));
        }
        lines.push(line);
    }
    for standard in &coverage.standards {
        let met = if standard.met() { "met" } else { "unmet" };
        let mut line = format!(
            "standard {}: {}/{} {met} [{}]",
            standard.id,
            standard.records.len(),
            standard.required,
            standard.records.join(", ")
        );
        for statement in &standard.statements {
            line.push_str(&format!(" {}=[{}]", statement.id, statement.records.join(", ")));
        }
        lines.push(line);
    }
    lines.push(format!("drafts: [{}]", coverage.drafts.join(", ")));
    lines.push(format!("complete: {}", coverage.complete()));
    let gaps: Vec<String> = coverage
        .gaps()
        .iter()
        .map(|gap| match gap {
            Problem::RequirementUnmet { found, required, .. } => {
                format!("{} {found}/{required}", gap.code())
            }
            Problem::InitialKind { earliest, .. } => format!("{} {earliest}", gap.code()),
            Problem::SignoffMissing { file, roles, .. } => {
                format!("{} {file} {}", gap.code(), roles.join("+"))
            }
            Problem::StandardUncovered { id, .. } | Problem::StatementUncovered { id, .. } => {
                format!("{} {id}", gap.code())
            }
            other => panic!("coverage made a gap it should not: {other:?}"),
        })
        .collect();
    lines.push(format!("gaps: {}", gaps.join(", ")));
    lines
}

#[test]
fn coverage_of_each_case() {
    let framework = Framework::parse(FRAMEWORK, Path::new("t.yaml")).expect("the test framework");
    // Every case is run and every difference listed, so one change shows all it breaks.
    let mut wrong = Vec::new();
    for case in CASES {
        let records: Vec<Record> = case.records.iter().map(|words| record(&framework, words)).collect();
        let summary = summary(&Coverage::compute(&framework, &records));
        for expected in case.expect {
            let key = expected.split_once(':').expect("a key").0;
            let got = summary.iter().find(|line| line.split_once(':').map(|(k, _)| k) == Some(key));
            if got.map(String::as_str) != Some(*expected) {
                wrong.push(format!("{}:\n  expected {expected}\n       got {got:?}", case.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
