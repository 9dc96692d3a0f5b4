//! Set the records against the framework: which requirements are met, which standards and
//! statements are evidenced, and by which records. Pure: no files, no printing.
//!
//! Only non-draft records with a known type count. Record ids in every list are sorted.

use std::collections::BTreeSet;

use crate::framework::{Framework, Requirement, Resolved};
use crate::model::RecordType;
use crate::problem::Problem;
use crate::rules::Record;

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
    /// The files of drafts it would count once they are marked ready, by date: a supervisor
    /// who has written one is told so rather than asked to write it.
    pub drafts: Vec<String>,
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

    /// Whether nothing keeps it from being met: for the portfolio's completeness. A requirement
    /// that asks for sign-offs while there is nothing to sign ([`Self::nothing_to_sign`]) keeps
    /// nothing from being complete, but reports do not count it as met.
    pub fn met(&self) -> bool {
        self.found() >= self.required && self.wrong_first.is_none() && self.unsigned.is_empty()
    }

    /// Whether it asks for sign-offs of records the portfolio does not have yet: "every
    /// observation signed off", with no observation.
    pub fn nothing_to_sign(&self) -> bool {
        !self.signed_by.is_empty() && self.required == 0
    }

    /// Whether a report counts it as met: met, with something in it.
    pub fn counts_as_met(&self) -> bool {
        self.met() && !self.nothing_to_sign()
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
                drafts: self.drafts.clone(),
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
        let mut drafts: Vec<&Record> =
            records.iter().filter(|r| r.draft && r.record_type.is_some()).collect();
        drafts.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
        let requirements =
            framework.requirements.iter().map(|req| requirement(req, &counted, &drafts)).collect();
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

fn requirement(req: &Requirement, counted: &[&Record], drafts: &[&Record]) -> RequirementResult {
    let of_type: Vec<&&Record> = counted.iter().filter(|r| r.record_type == Some(req.record_type)).collect();
    let matching = of_type.iter().filter(|r| counts(req, r)).copied();
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
        drafts: drafts.iter().filter(|r| counts(req, r)).map(|r| r.file.clone()).collect(),
        found,
    }
}

/// Whether `record` is of the type and kind `req` counts (draft or not).
fn counts(req: &Requirement, record: &Record) -> bool {
    record.record_type == Some(req.record_type) && (req.kind.is_none() || record.kind == req.kind)
}

fn ids<'a>(records: impl Iterator<Item = &'a Record>) -> Vec<String> {
    let mut ids: Vec<String> = records.map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests;
