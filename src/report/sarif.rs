//! The report of `pqs check --format sarif`: SARIF 2.1.0, which GitHub code scanning and other
//! code-analysis viewers read.
//!
//! One run of the tool `pqs`, with a rule for each code found and a result for each finding,
//! naming its portfolio. GitHub refuses a whole SARIF file if any result has no file, so a
//! finding about the portfolio as a whole is placed at the portfolio's `pqs.yaml`, with no line,
//! and marked `wholePortfolio`. Columns count characters (`columnKind: unicodeCodePoints`). A
//! portfolio of a cohort that could not be checked at all is a tool execution notification of
//! level `error`, and the run's invocation is marked unsuccessful. A cohort's findings in its own
//! `pqs-cohort.yaml` are results at that file, first, naming no portfolio.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::stream::{Failure, Head, Part, Writer};
use super::{Checked, Unchecked};
use crate::diagnostic::Diagnostic;
use crate::portfolio::manifest::FILE_NAME as MANIFEST;

/// The schema that the report follows.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log of the findings of `checked`, pretty-printed, ending with a newline.
pub fn render(checked: &[Checked<'_>], unchecked: &[Unchecked<'_>]) -> String {
    let mut text = serde_json::to_string_pretty(&log(checked, unchecked)).unwrap_or_default();
    text.push('\n');
    text
}

/// A SARIF log.
#[derive(Debug, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// Given only when a portfolio could not be checked, which makes the run unsuccessful.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

/// Why a portfolio could not be checked.
#[derive(Debug, Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    properties: Properties,
}

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    short_description: Message,
}

#[derive(Debug, Serialize)]
struct Message {
    text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    properties: Properties,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    portfolio: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    whole_portfolio: bool,
}

/// The log of the findings of `checked`, and of the portfolios that could not be checked.
pub fn log(checked: &[Checked<'_>], unchecked: &[Unchecked<'_>]) -> Log {
    let mut cohort = Cohort::default();
    for portfolio in checked {
        cohort.add(portfolio);
    }
    cohort.log(unchecked)
}

/// The SARIF log of a cohort. Its rules, which come first, are the codes of every finding, and
/// each result gives its rule's place among them; so the results are made as each portfolio
/// comes and kept, with the codes, until the end.
#[derive(Default)]
pub(crate) struct Cohort {
    /// Each code met, and the words of its rule.
    codes: BTreeMap<String, String>,
    results: Vec<SarifResult>,
    unchecked: Vec<Failure>,
}

impl Cohort {
    fn add(&mut self, checked: &Checked<'_>) {
        for diagnostic in &checked.outcome.diagnostics {
            self.rule(diagnostic);
            self.results.push(result(checked, diagnostic));
        }
    }

    /// Keep the rule of `diagnostic`'s code.
    fn rule(&mut self, diagnostic: &Diagnostic) {
        let code = diagnostic.code();
        if !self.codes.contains_key(code.as_ref()) {
            // Every finding of a code has the same words (see `Problem::describe`).
            self.codes.insert(code.into_owned(), diagnostic.problem.describe().into_owned());
        }
    }

    fn log(&mut self, unchecked: &[Unchecked<'_>]) -> Log {
        let codes: Vec<&str> = self.codes.keys().map(String::as_str).collect();
        let rules = self
            .codes
            .iter()
            .map(|(code, words)| Rule {
                id: code.clone(),
                short_description: Message { text: words.clone() },
            })
            .collect();
        let mut results = std::mem::take(&mut self.results);
        for result in &mut results {
            result.rule_index = codes.binary_search(&result.rule_id.as_str()).unwrap_or_default();
        }
        let driver = Driver { name: "pqs", version: env!("CARGO_PKG_VERSION"), rules };
        let notifications: Vec<Notification> = unchecked
            .iter()
            .map(|portfolio| Notification {
                level: "error",
                message: Message { text: format!("{}: {}", portfolio.folder, portfolio.message()) },
                properties: Properties { portfolio: portfolio.folder.to_owned(), whole_portfolio: true },
            })
            .collect();
        let invocations = if notifications.is_empty() {
            Vec::new()
        } else {
            vec![Invocation { execution_successful: false, tool_execution_notifications: notifications }]
        };
        let run = Run { tool: Tool { driver }, invocations, column_kind: "unicodeCodePoints", results };
        Log { schema: SCHEMA, version: "2.1.0", runs: vec![run] }
    }
}

impl Writer for Cohort {
    fn begin(&mut self, head: &Head<'_>, _: &mut dyn Write) -> io::Result<()> {
        // The cohort's own file: its findings come first, of no portfolio.
        for diagnostic in head.diagnostics {
            self.rule(diagnostic);
            let path = head.path(diagnostic.file.as_deref().unwrap_or("pqs-cohort.yaml"));
            self.results.push(result_at(&path, "", diagnostic));
        }
        Ok(())
    }

    fn portfolio(&mut self, part: &Part<'_>, _: &mut dyn Write) -> io::Result<()> {
        match part.checked() {
            Ok(checked) => self.add(&checked),
            Err(failure) => self.unchecked.push(failure),
        }
        Ok(())
    }

    fn finish(&mut self, _: &Head<'_>, out: &mut dyn Write) -> io::Result<()> {
        let failures = std::mem::take(&mut self.unchecked);
        let unchecked: Vec<Unchecked<'_>> = failures.iter().map(Failure::unchecked).collect();
        let log = self.log(&unchecked);
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}

/// One finding as a result, its rule's place among the rules given when they are all known.
fn result(checked: &Checked<'_>, diagnostic: &Diagnostic) -> SarifResult {
    let file = checked.path(diagnostic.file.as_deref().unwrap_or(MANIFEST));
    result_at(&file, &checked.outcome.name, diagnostic)
}

/// One finding, in the file at `path` (from where `pqs` runs), of `portfolio` (empty for the
/// cohort's own file).
fn result_at(path: &str, portfolio: &str, diagnostic: &Diagnostic) -> SarifResult {
    let region = diagnostic.span.as_ref().map(|s| Region { start_line: s.line, start_column: s.column });
    SarifResult {
        rule_id: diagnostic.code().into_owned(),
        rule_index: 0,
        level: diagnostic.severity.as_str(),
        message: Message { text: diagnostic.message_and_help() },
        locations: vec![Location {
            physical_location: PhysicalLocation { artifact_location: artifact(path), region },
        }],
        properties: Properties {
            portfolio: portfolio.to_owned(),
            whole_portfolio: diagnostic.file.is_none(),
        },
    }
}

/// Where a file is, given its path as reports write it ([`crate::paths::slashed`]): a URI
/// relative to the root of the sources (`%SRCROOT%`, the folder `pqs` runs from, which CI makes
/// the repository's), or a `file:` URI for a path from a root.
fn artifact(path: &str) -> ArtifactLocation {
    location(path, cfg!(windows))
}

/// [`artifact`], for a path as Windows writes it (`windows`: `C:/p` is from the root of a drive)
/// or as other systems do (where `C:` is the name of a folder).
fn location(path: &str, windows: bool) -> ArtifactLocation {
    let absolute = |uri| ArtifactLocation { uri, uri_base_id: None };
    if let Some(share) = path.strip_prefix("//") {
        // `//server/share/p`: the server is the URI's authority.
        absolute(format!("file://{}", uri_path(share)))
    } else if path.starts_with('/') {
        absolute(format!("file://{}", uri_path(path)))
    } else if let Some((drive, rest)) = drive(path).filter(|_| windows) {
        absolute(format!("file:///{drive}:{}", uri_path(rest)))
    } else {
        ArtifactLocation { uri: uri_path(path), uri_base_id: Some("%SRCROOT%") }
    }
}

/// The letter of a path from the root of a Windows drive, and the rest from its `/`: `C` and
/// `/p` for `C:/p`.
fn drive(path: &str) -> Option<(char, &str)> {
    let letter = path.chars().next().filter(char::is_ascii_alphabetic)?;
    let rest = path[1..].strip_prefix(':')?;
    rest.starts_with('/').then_some((letter, rest))
}

/// `path` as the path of a URI: every byte but letters, digits, `/` and the few marks a path
/// may hold as they are is percent-encoded (`:` too, which would read as a scheme).
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("a b/c:d%é#?.md"), "a%20b/c%3Ad%25%C3%A9%23%3F.md");
        assert_eq!(artifact("/tmp/x y.md").uri, "file:///tmp/x%20y.md");
        assert_eq!(artifact("p/x.md").uri_base_id, Some("%SRCROOT%"));
    }

    #[test]
    fn windows_paths_become_file_uris() {
        let uri = |path: &str| {
            let location = location(path, true);
            (location.uri, location.uri_base_id)
        };
        assert_eq!(
            uri("C:/cohort/alex/evidence/a b.md"),
            ("file:///C:/cohort/alex/evidence/a%20b.md".to_owned(), None)
        );
        assert_eq!(
            uri("//server/share/p #1/é.md"),
            ("file://server/share/p%20%231/%C3%A9.md".to_owned(), None)
        );
        assert_eq!(uri("evidence/x%.md"), ("evidence/x%25.md".to_owned(), Some("%SRCROOT%")));
        assert_eq!(location("C:/x.md", false).uri, "C%3A/x.md", "elsewhere `C:` is a folder's name");
    }

    #[test]
    fn one_run_names_the_portfolio_of_every_result() {
        let outcomes = crate::testing::example_outcomes();
        let log = serde_json::to_value(log(&crate::testing::checked(&outcomes), &[])).expect("JSON");
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(
            results.len(),
            8,
            "the in-progress example's 6 gaps, and a note of typed sign-offs in each"
        );
        for result in results {
            let portfolio = result["properties"]["portfolio"].as_str().expect("a portfolio");
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str();
            assert!(uri.expect("a file").starts_with(&format!("examples/{portfolio}/")), "{result}");
        }
        let gap = results.iter().find(|r| r["ruleId"] == "pdp-review-minimum").expect("a gap");
        let location = &gap["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "examples/in-progress/pqs.yaml");
        assert!(location.get("region").is_none(), "a gap has no line");
        assert_eq!(gap["properties"]["wholePortfolio"], true);
    }
}
