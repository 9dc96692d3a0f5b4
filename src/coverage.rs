//! Set the records against the framework: which requirements are met, which standards and
//! statements are evidenced, and by which records. Pure: no files, no printing.
//!
//! Only non-draft records with a known type count. Record ids in every list are sorted.

use std::collections::BTreeSet;

use crate::framework::{Framework, Requirement, Resolved};
use crate::model::RecordType;
use crate::portfolio::Record;
use crate::problem::Problem;

/// The result of one requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequirementResult {
    /// The requirement's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The record type it counts.
    pub record_type: RecordType,
    /// The kind it counts, if any.
    pub kind: Option<String>,
    /// How many records it needs: its `min`; for a requirement that asks for sign-offs, every
    /// record that counts must be signed, so all of them (and never fewer than `min`).
    pub required: usize,
    /// The ids of the records that count, signed or not.
    pub records: Vec<String>,
    /// For an `initial` requirement: the earliest record of the type, if it is of another kind
    /// (its id and kind).
    pub wrong_first: Option<(String, String)>,
    /// The roles every counted record must be signed off in.
    pub signed_by: Vec<String>,
    /// Counted records that lack a sign-off that holds in some of those roles.
    pub unsigned: Vec<Unsigned>,
    /// How many of `records` hold every sign-off asked for. Kept rather than worked out from
    /// `unsigned`, which lists files: two records can share an id.
    found: usize,
}

/// A record that lacks sign-offs a requirement asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsigned {
    /// The record's id.
    pub id: String,
    /// Its file, relative to the portfolio.
    pub file: String,
    /// The roles with no sign-off that holds, in the requirement's order.
    pub roles: Vec<String>,
}

impl RequirementResult {
    /// How many records count and hold every sign-off it asks for (for a requirement that asks
    /// for none, every record that counts).
    pub fn found(&self) -> usize {
        self.found
    }

    /// Whether it is met.
    pub fn met(&self) -> bool {
        self.found() >= self.required && self.wrong_first.is_none() && self.unsigned.is_empty()
    }

    /// What keeps it from being met, as problems: too few records, a first record of the wrong
    /// kind, records without the sign-offs it asks for. Empty when it is met.
    pub fn gaps(&self) -> Vec<Problem> {
        let mut gaps = Vec::new();
        // Too few records, signed or not. `required` only exceeds the records when there are
        // fewer than `min`, and is then `min`; the unsigned ones are their own gaps below.
        if self.records.len() < self.required {
            gaps.push(Problem::RequirementUnmet {
                label: self.label.clone(),
                record_type: self.record_type.as_str(),
                kind: self.kind.clone(),
                found: self.records.len(),
                required: self.required,
            });
        }
        if let (Some((earliest, earliest_kind)), Some(kind)) = (&self.wrong_first, &self.kind) {
            gaps.push(Problem::InitialKind {
                earliest: earliest.clone(),
                earliest_kind: earliest_kind.clone(),
                required_kind: kind.clone(),
            });
        }
        for unsigned in &self.unsigned {
            gaps.push(Problem::SignoffMissing {
                label: self.label.clone(),
                file: unsigned.file.clone(),
                roles: unsigned.roles.clone(),
            });
        }
        gaps
    }
}

/// The evidence for one standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardResult {
    /// The standard's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The ids of the records that reference it or one of its statements.
    pub records: Vec<String>,
    /// How many records it needs.
    pub required: usize,
    /// Its listed statements and their records.
    pub statements: Vec<StatementResult>,
    /// Whether the statement list is complete (and statement gaps are reported).
    pub statements_complete: bool,
}

impl StandardResult {
    /// Whether it has enough records.
    pub fn met(&self) -> bool {
        self.records.len() >= self.required
    }
}

/// The evidence for one statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementResult {
    /// The statement's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The ids of the records that reference it.
    pub records: Vec<String>,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// One result per framework requirement, in framework order.
    pub requirements: Vec<RequirementResult>,
    /// One result per standard, in framework order.
    pub standards: Vec<StandardResult>,
    /// The ids of drafts, which count toward nothing.
    pub drafts: Vec<String>,
}

impl Coverage {
    /// Compute coverage of `framework` by `records`.
    pub fn compute(framework: &Framework, records: &[Record]) -> Coverage {
        let counted: Vec<&Record> = records.iter().filter(|r| !r.draft && r.record_type.is_some()).collect();
        let requirements = framework.requirements.iter().map(|req| requirement(req, &counted)).collect();
        let standards = framework
            .standards
            .iter()
            .enumerate()
            .map(|(s, standard)| StandardResult {
                id: standard.id.clone(),
                title: standard.title.clone(),
                records: ids(counted
                    .iter()
                    .copied()
                    .filter(|r| r.references.iter().any(|x| x.standard() == Some(s)))),
                required: framework.coverage.min_per_standard,
                statements: standard
                    .statements
                    .iter()
                    .enumerate()
                    .map(|(n, statement)| StatementResult {
                        id: statement.id.clone(),
                        label: statement.label.clone(),
                        records: ids(counted.iter().copied().filter(|r| {
                            r.references.iter().any(|x| x.resolved == Resolved::Statement(s, n))
                        })),
                    })
                    .collect(),
                statements_complete: standard.statements_complete,
            })
            .collect();
        let drafts = ids(records.iter().filter(|r| r.draft));
        Coverage { requirements, standards, drafts }
    }

    /// Whether every requirement is met and every standard evidenced.
    pub fn complete(&self) -> bool {
        self.requirements.iter().all(RequirementResult::met) && self.standards.iter().all(StandardResult::met)
    }

    /// The gaps, as problems: unmet requirements, uncovered standards, and uncovered statements
    /// of complete lists.
    pub fn gaps(&self) -> Vec<Problem> {
        let mut gaps = Vec::new();
        for req in &self.requirements {
            gaps.extend(req.gaps());
        }
        for standard in &self.standards {
            if !standard.met() {
                gaps.push(Problem::StandardUncovered {
                    id: standard.id.clone(),
                    title: standard.title.clone(),
                    found: standard.records.len(),
                    required: standard.required,
                });
            }
            if standard.statements_complete {
                for statement in standard.statements.iter().filter(|s| s.records.is_empty()) {
                    gaps.push(Problem::StatementUncovered {
                        id: statement.id.clone(),
                        label: statement.label.clone(),
                    });
                }
            }
        }
        gaps
    }
}

fn requirement(req: &Requirement, counted: &[&Record]) -> RequirementResult {
    let of_type: Vec<&&Record> = counted.iter().filter(|r| r.record_type == Some(req.record_type)).collect();
    let matching = of_type.iter().filter(|r| req.kind.is_none() || r.kind == req.kind).copied();
    let wrong_first = if req.initial {
        of_type
            .iter()
            .filter(|r| r.date.is_some() && r.kind.is_some())
            .min_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)))
            .filter(|first| first.kind != req.kind)
            .map(|first| (first.id.clone(), first.kind.clone().unwrap_or_default()))
    } else {
        None
    };
    let unsigned: Vec<Unsigned> = matching
        .clone()
        .filter_map(|record| {
            let roles: Vec<String> =
                req.signed_by.iter().filter(|role| !record.signed_as(role)).cloned().collect();
            (!roles.is_empty()).then(|| Unsigned { id: record.id.clone(), file: record.file.clone(), roles })
        })
        .collect();
    let records = ids(matching.copied());
    // An id is found when none of the records of that id lacks a sign-off.
    let found = records.len() - unsigned.iter().map(|u| &u.id).collect::<BTreeSet<_>>().len();
    // Sign-offs are asked of every record that counts, so each of them is needed, signed.
    let required = if req.signed_by.is_empty() { req.min } else { req.min.max(records.len()) };
    RequirementResult {
        id: req.id.clone(),
        label: req.label.clone(),
        record_type: req.record_type,
        kind: req.kind.clone(),
        required,
        records,
        wrong_first,
        signed_by: req.signed_by.clone(),
        unsigned,
        found,
    }
}

fn ids<'a>(records: impl Iterator<Item = &'a Record>) -> Vec<String> {
    let mut ids: Vec<String> = records.map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::portfolio::record::{Reference, Signoff, SignoffState};

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
            records: &[
                "a observation direct",
                "b observation 2026-01-01",
                "c observation formative 2026-02-01",
            ],
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
                    }));
                }
                Some(_) => panic!("`{word}` is not a field of a test record"),
                None if word == "draft" => record.draft = true,
                None if RecordType::from_name(word).is_some() => {
                    record.record_type = RecordType::from_name(word)
                }
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
}
