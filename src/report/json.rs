//! The JSON report of `pqs check --format json`.
//!
//! These types are the report's schema: `schemas/check-report.schema.json` is generated from
//! them (a test keeps the file in step). Everything is sorted and every id is a string, so the
//! same portfolio gives byte-identical JSON.

use schemars::JsonSchema;
use serde::Serialize;

use crate::check::Outcome;
use crate::diagnostic::Diagnostic;
use crate::model::Severity;
use crate::rules::privacy::Allowance;

/// The version of this report's format.
pub const VERSION: u32 = 1;

/// The result of `pqs check`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckReport {
    /// The version of this report's format.
    pub version: u32,
    /// The portfolio's folder name.
    pub portfolio: String,
    /// The candidate named in `pqs.yaml`.
    pub candidate: Option<String>,
    /// The id of the framework the portfolio is measured against.
    pub framework: String,
    /// True when every requirement is met and every standard evidenced.
    pub complete: bool,
    /// How many records and findings.
    pub counts: Counts,
    /// Every finding, sorted by file, line and column; findings about the whole portfolio last.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Findings of the anonymisation lint that a `pqs-allow` comment allowed, with the reason
    /// given, sorted by file and line.
    pub allowances: Vec<Allowance>,
    /// The framework's requirements, in framework order.
    pub requirements: Vec<JsonRequirement>,
    /// The standards, in framework order.
    pub coverage: Vec<JsonStandard>,
}

/// How many records and findings.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Records read, drafts included.
    pub records: usize,
    /// Drafts among them.
    pub drafts: usize,
    /// Findings of severity `error`.
    pub errors: usize,
    /// Findings of severity `warning`.
    pub warnings: usize,
    /// Findings of severity `note`.
    pub notes: usize,
}

/// One finding.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonDiagnostic {
    /// The portfolio it is in (its folder name, or its folder in a cohort); null for a finding
    /// in `pqs-cohort.yaml`.
    pub portfolio: Option<String>,
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Stable kebab-case code.
    pub code: String,
    /// The file, relative to the portfolio with `/`; null for the portfolio as a whole.
    pub file: Option<String>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

/// One requirement of the pathway.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonRequirement {
    /// The requirement's id.
    pub id: String,
    /// What it asks.
    pub label: String,
    /// Records needed: the requirement's minimum; of one that asks for sign-offs, every record
    /// that counts (and at least the minimum), since each must be signed.
    pub required: usize,
    /// Records found: those that count and hold every sign-off the requirement asks for.
    pub found: usize,
    /// Whether it is met: false for one that asks for sign-offs while there is nothing to sign
    /// (`nothing_to_sign`), which is not met but does not keep the portfolio from being complete.
    pub met: bool,
    /// True for a requirement that asks for sign-offs of records the portfolio does not have
    /// yet ("every observation signed off", with no observation).
    pub nothing_to_sign: bool,
    /// The ids of the records that count, sorted.
    pub records: Vec<String>,
    /// The roles every record that counts must be signed off in.
    pub signed_by: Vec<String>,
    /// Records that count but lack a sign-off that holds in some of those roles.
    pub unsigned: Vec<JsonUnsigned>,
}

/// A record that lacks sign-offs a requirement asks for.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonUnsigned {
    /// The record's id.
    pub record: String,
    /// Its file, relative to the portfolio with `/`.
    pub file: String,
    /// The roles with no sign-off that holds.
    pub roles: Vec<String>,
}

/// One standard and its evidence.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonStandard {
    /// The standard's id, e.g. `"6"`.
    pub standard: String,
    /// Its title.
    pub title: String,
    /// The ids of the records that evidence it, sorted.
    pub records: Vec<String>,
    /// Whether it has enough records.
    pub met: bool,
    /// Its listed statements.
    pub statements: Vec<JsonStatement>,
}

/// One statement and its evidence.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonStatement {
    /// The statement's id, e.g. `"6.2"`.
    pub id: String,
    /// Its short label.
    pub label: String,
    /// The ids of the records that reference it, sorted.
    pub records: Vec<String>,
}

impl JsonDiagnostic {
    /// The finding `diagnostic` of the portfolio `portfolio`.
    pub fn new(diagnostic: &Diagnostic, portfolio: Option<&str>) -> JsonDiagnostic {
        JsonDiagnostic {
            portfolio: portfolio.map(str::to_owned),
            severity: diagnostic.severity,
            code: diagnostic.code().into_owned(),
            file: diagnostic.file.clone(),
            line: diagnostic.span.as_ref().map(|s| s.line),
            column: diagnostic.span.as_ref().map(|s| s.column),
            message: diagnostic.message(),
            help: diagnostic.help(),
        }
    }
}

impl CheckReport {
    /// The report of `outcome`.
    pub fn new(outcome: &Outcome) -> CheckReport {
        let portfolio = &outcome.portfolio;
        CheckReport {
            version: VERSION,
            portfolio: outcome.name.clone(),
            candidate: portfolio.manifest.candidate.clone(),
            framework: portfolio.framework.id.clone(),
            complete: outcome.complete(),
            counts: Counts {
                records: portfolio.records.len(),
                drafts: outcome.coverage.drafts.len(),
                errors: outcome.count(Severity::Error),
                warnings: outcome.count(Severity::Warning),
                notes: outcome.count(Severity::Note),
            },
            diagnostics: outcome
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic::new(d, Some(&outcome.name)))
                .collect(),
            allowances: outcome.portfolio.records.iter().flat_map(|r| r.allowances.iter().cloned()).collect(),
            requirements: outcome
                .coverage
                .requirements
                .iter()
                .map(|r| JsonRequirement {
                    id: r.id.clone(),
                    label: r.label.clone(),
                    required: r.required,
                    found: r.found(),
                    met: r.counts_as_met(),
                    nothing_to_sign: r.nothing_to_sign(),
                    records: r.records.clone(),
                    signed_by: r.signed_by.clone(),
                    unsigned: r
                        .unsigned
                        .iter()
                        .map(|u| JsonUnsigned {
                            record: u.id.clone(),
                            file: u.file.clone(),
                            roles: u.roles.clone(),
                        })
                        .collect(),
                })
                .collect(),
            coverage: outcome
                .coverage
                .standards
                .iter()
                .map(|s| JsonStandard {
                    standard: s.id.clone(),
                    title: s.title.clone(),
                    records: s.records.clone(),
                    met: s.met(),
                    statements: s
                        .statements
                        .iter()
                        .map(|st| JsonStatement {
                            id: st.id.clone(),
                            label: st.label.clone(),
                            records: st.records.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The JSON report of `outcome`, pretty-printed, ending with a newline.
pub fn render(outcome: &Outcome) -> String {
    let mut text = serde_json::to_string_pretty(&CheckReport::new(outcome)).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of the report, as shipped in `schemas/check-report.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(CheckReport);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
