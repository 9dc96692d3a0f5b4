//! The reports CI services read (`--format github`, `gitlab`, `junit`, `sarif`) carry the same
//! findings as `--format json`, each in its tool's own syntax.

use std::path::Path;
use std::process::Output;

use regex::Regex;

use crate::{pqs, repo};

/// The portfolios every format is compared on, from the repository's root.
const PORTFOLIOS: [&str; 3] = ["examples/sample-portfolio", "examples/in-progress", "tests/fixtures/bad"];

/// A finding as every report can name it: severity, code, file (from where pqs ran), line, column.
type Key = (String, String, Option<String>, Option<u64>, Option<u64>);

/// Run `pqs check PORTFOLIO --format FORMAT` from `dir`, with a fixed today.
fn check_in(dir: &Path, portfolio: &str, format: &str) -> Output {
    pqs()
        .current_dir(dir)
        .args(["check", portfolio, "--format", format, "--today", "2026-11-22"])
        .output()
        .expect("pqs runs")
}

/// The standard output of `pqs check PORTFOLIO --format FORMAT` run from the repository's root.
fn report(portfolio: &str, format: &str) -> String {
    let output = check_in(&repo(), portfolio, format);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Each finding of the JSON report as `(key, message, help)`, its file named from where pqs ran.
fn json_findings(portfolio: &str) -> Vec<(Key, String, Option<String>)> {
    json_findings_in(&repo(), portfolio)
}

/// Undo GitHub's escaping of a workflow command's property or data: `%25`, `%0D`, `%0A`, `%3A`,
/// `%2C`, read in one pass so that `%253A` is `%3A`.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = &rest[at + 1..at + 3];
        out.push(match code {
            "25" => '%',
            "0D" => '\r',
            "0A" => '\n',
            "3A" => ':',
            "2C" => ',',
            _ => panic!("unknown escape %{code} in {text}"),
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// Each workflow command of a `--format github` report, read strictly, as `(key, message and
/// help)`; the closing line must be the plain totals.
fn github_findings(text: &str) -> Vec<(Key, String)> {
    let property = r"(?:[^%:,\r\n]|%(?:25|0D|0A|3A|2C))*";
    let data = r"(?:[^%\r\n]|%(?:25|0D|0A))*";
    let command = Regex::new(&format!(
        r"^::(error|warning|notice) (?:file=({property})(?:,line=([1-9][0-9]*),col=([1-9][0-9]*))?,)?title=({property})::({data})$"
    ))
    .expect("pattern");
    let totals = Regex::new(r"^pqs check: \d+ errors?, \d+ warnings? and \d+ notes? in \d+ portfolios?$")
        .expect("pattern");
    let lines: Vec<&str> = text.lines().collect();
    let (last, commands) = lines.split_last().expect("a closing line");
    assert!(totals.is_match(last), "closing line: {last}");
    let mut found: Vec<_> = commands
        .iter()
        .map(|line| {
            let parts = command.captures(line).unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let get = |n: usize| parts.get(n).map(|m| m.as_str());
            let severity = if &parts[1] == "notice" { "note" } else { &parts[1] };
            let number = |n: usize| get(n).map(|s| s.parse::<u64>().expect("number"));
            let key = (severity.to_owned(), unescape(&parts[5]), get(2).map(unescape), number(3), number(4));
            (key, unescape(&parts[6]))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn github_carries_every_finding_of_the_json_report() {
    for portfolio in PORTFOLIOS {
        let expected = with_help(json_findings(portfolio));
        assert_eq!(github_findings(&report(portfolio, "github")), expected, "{portfolio}");
    }
}

#[test]
fn github_escapes_what_the_runner_would_misread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = odd_portfolio(dir.path());
    let output = check_in(dir.path(), &folder, "github");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let findings = github_findings(&text);
    let unknown = findings.iter().find(|(key, _)| key.1 == "unknown-field").expect("unknown-field");
    assert_eq!(unknown.0.2.as_deref(), Some(format!("{folder}/evidence/{ODD_NAME}").as_str()));
    assert!(unknown.1.contains("50%,\r\nnext: line"), "{}", unknown.1);
    assert_eq!(findings, with_help(json_findings_in(dir.path(), &folder)), "every text comes back as it was");
}

/// A record file name with every character a workflow command property escapes, and more.
const ODD_NAME: &str = "odd, name: 100% <&> \"quoted\".md";

/// A portfolio in `dir` whose folder and record have names, and a field, full of characters
/// that reports must escape; returns the folder's name.
fn odd_portfolio(dir: &Path) -> String {
    let folder = "cohort 2026, group: A";
    let root = dir.join(folder);
    std::fs::create_dir_all(root.join("evidence")).expect("mkdir");
    std::fs::write(root.join("pqs.yaml"), "candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n")
        .expect("write manifest");
    let record = "---\ntitle: A note\ntype: other\ndate: 2026-02-01\n\"50%,\\r\\nnext: line <&> \\x01\": 1\n---\nText.\n";
    std::fs::write(root.join("evidence").join(ODD_NAME), record).expect("write record");
    folder.to_owned()
}

/// [`json_findings`] for a portfolio run from `dir`.
fn json_findings_in(dir: &Path, portfolio: &str) -> Vec<(Key, String, Option<String>)> {
    let output = check_in(dir, portfolio, "json");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut found: Vec<_> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let text = |field: &str| d[field].as_str().map(str::to_owned);
            let key = (
                text("severity").expect("severity"),
                text("code").expect("code"),
                text("file").map(|file| format!("{portfolio}/{file}")),
                d["line"].as_u64(),
                d["column"].as_u64(),
            );
            (key, text("message").expect("message"), text("help"))
        })
        .collect();
    found.sort();
    found
}

/// The findings written in a `--format junit` report, after checking that it parses and that
/// every count is right; sorted.
fn junit_keys(xml: &str) -> Vec<Key> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let mut totals = (0, 0);
    let mut found = Vec::new();
    for suite in &suites {
        assert_eq!(suite.tag_name().name(), "testsuite");
        let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
        let with = |tag: &str| cases.iter().filter(|c| c.children().any(|n| n.has_tag_name(tag))).count();
        assert_eq!(suite.attribute("tests"), Some(cases.len().to_string().as_str()));
        assert_eq!(suite.attribute("failures"), Some(with("failure").to_string().as_str()));
        assert_eq!(suite.attribute("skipped"), Some(with("skipped").to_string().as_str()));
        assert_eq!(suite.attribute("errors"), Some("0"));
        totals = (totals.0 + cases.len(), totals.1 + with("failure"));
        for case in cases {
            found.extend(junit_case_keys(case));
        }
    }
    assert_eq!(root.attribute("tests"), Some(totals.0.to_string().as_str()));
    assert_eq!(root.attribute("failures"), Some(totals.1.to_string().as_str()));
    assert_eq!(root.attribute("errors"), Some("0"));
    found.sort();
    found
}

/// The findings of one test case, checking that it fails exactly when one is an error, and is
/// skipped exactly when, otherwise, one is a gap of the portfolio.
fn junit_case_keys(case: roxmltree::Node<'_, '_>) -> Vec<Key> {
    let head =
        Regex::new(r"^(error|warning|note)\[([a-z0-9-]+)\](?: (.+?)(?::(\d+):(\d+))?)?: ").expect("pattern");
    let texts: Vec<&str> = case
        .children()
        .filter(|n| n.has_tag_name("failure") || n.has_tag_name("system-out"))
        .filter_map(|n| n.text())
        .collect();
    let keys: Vec<Key> = texts
        .iter()
        .flat_map(|text| text.lines())
        .filter_map(|line| head.captures(line))
        .map(|parts| {
            let get = |n: usize| parts.get(n).map(|m| m.as_str().to_owned());
            let number = |n: usize| get(n).map(|s| s.parse::<u64>().expect("number"));
            (parts[1].to_owned(), parts[2].to_owned(), get(3), number(4), number(5))
        })
        .collect();
    let name = case.attribute("name").unwrap_or_default();
    let failed = case.children().any(|n| n.has_tag_name("failure"));
    let skipped = case.children().any(|n| n.has_tag_name("skipped"));
    let has_error = keys.iter().any(|k| k.0 == "error");
    assert_eq!(failed, has_error, "{name}: fails exactly when it has an error");
    // A requirement for sign-offs with nothing to sign yet is skipped with no finding.
    let waiting = case
        .children()
        .any(|n| n.has_tag_name("skipped") && n.attribute("message") == Some("nothing to sign yet"));
    assert!(!waiting || keys.is_empty(), "{name}: nothing to sign, and no finding");
    let gap = !has_error && keys.iter().any(|k| k.2.is_none());
    assert_eq!(skipped, waiting || gap, "{name}: skipped when not met");
    keys
}

#[test]
fn junit_carries_every_finding_of_the_json_report_with_right_counts() {
    for portfolio in PORTFOLIOS {
        let expected: Vec<Key> = json_findings(portfolio).into_iter().map(|(key, _, _)| key).collect();
        assert_eq!(junit_keys(&report(portfolio, "junit")), expected, "{portfolio}");
    }
}

#[test]
fn junit_has_a_case_per_requirement_and_record_and_shows_warnings_without_failing() {
    let xml = report("tests/fixtures/bad", "junit");
    let document = roxmltree::Document::parse(&xml).expect("XML");
    let case = |name: &str| {
        document
            .descendants()
            .find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some(name))
            .unwrap_or_else(|| panic!("no test case {name}"))
    };
    let warned = case("tests/fixtures/bad/evidence/empty-body.md");
    assert!(!warned.children().any(|n| n.has_tag_name("failure")), "a warning does not fail");
    let out = warned.children().find(|n| n.has_tag_name("system-out")).and_then(|n| n.text());
    assert!(out.is_some_and(|text| text.contains("warning[empty-body]")), "{out:?}");
    let unmet = case("Two direct observations");
    assert!(unmet.children().any(|n| n.has_tag_name("skipped")), "a gap is not met yet");
    let whole = case("the portfolio as a whole: tests/fixtures/bad/pqs.yaml and the standards");
    let text = whole.children().filter_map(|n| n.text()).collect::<String>();
    assert!(text.contains("warning[mentor-is-line-manager] tests/fixtures/bad/pqs.yaml:4:15"), "{text}");
    assert!(text.contains("note[standard-uncovered]: "), "{text}");

    let output = pqs()
        .current_dir(repo())
        .args(["check", "tests/fixtures/bad", "--format", "junit", "--complete", "--today", "2026-11-22"])
        .output()
        .expect("runs");
    let xml = String::from_utf8(output.stdout).expect("UTF-8");
    let document = roxmltree::Document::parse(&xml).expect("XML");
    let unmet = document
        .descendants()
        .find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some("Two direct observations"))
        .expect("the requirement");
    assert!(unmet.children().any(|n| n.has_tag_name("failure")), "with --complete a gap fails");
    junit_keys(&xml);
}

#[test]
fn junit_escapes_any_text_and_drops_what_xml_forbids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = odd_portfolio(dir.path());
    let output = check_in(dir.path(), &folder, "junit");
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout).expect("UTF-8");
    let document = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let path = format!("{folder}/evidence/{ODD_NAME}");
    let case = document
        .descendants()
        .find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some(path.as_str()))
        .unwrap_or_else(|| panic!("no test case for {path}:\n{xml}"));
    let failure =
        case.children().find(|n| n.has_tag_name("failure")).and_then(|n| n.text()).expect("failure");
    assert!(failure.contains("`50%,\r\nnext: line <&> \u{FFFD}`"), "{failure:?}");
    assert_eq!(document.root_element().attribute("failures"), Some("1"));
}

/// `%XX` escapes of a URI decoded.
fn percent_decode(text: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(&tail[..2]).expect("ASCII");
            bytes.push(u8::from_str_radix(hex, 16).expect("hex"));
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).expect("UTF-8")
}

/// The findings of a `--format sarif` report as `(key, message)`, after checking the shape
/// SARIF 2.1.0 asks for and that every result names `portfolio`; sorted.
fn sarif_findings(text: &str, portfolio: &str) -> Vec<(Key, String)> {
    let log: serde_json::Value = serde_json::from_str(text).expect("JSON");
    assert!(
        log["$schema"].as_str().is_some_and(|s| s.ends_with("sarif-schema-2.1.0.json")),
        "{}",
        log["$schema"]
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "one run");
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "pqs");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules: Vec<&str> = driver["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            let id = r["id"].as_str().expect("id");
            let text = r["shortDescription"]["text"].as_str().expect("a short description");
            // Words of its own, not the code read out ("Unknown field" for `unknown-field`).
            assert!(!text.is_empty() && !text.eq_ignore_ascii_case(&id.replace('-', " ")), "{r}");
            id
        })
        .collect();
    assert!(rules.windows(2).all(|w| w[0] < w[1]), "each code once: {rules:?}");
    let mut found: Vec<_> = runs[0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| sarif_result(r, &rules, portfolio))
        .collect();
    let used: std::collections::BTreeSet<&str> = found.iter().map(|(key, _)| key.1.as_str()).collect();
    assert_eq!(used.into_iter().collect::<Vec<_>>(), rules, "a rule for each code used, and no other");
    found.sort();
    found
}

fn sarif_result(result: &serde_json::Value, rules: &[&str], portfolio: &str) -> (Key, String) {
    let rule = result["ruleId"].as_str().expect("ruleId").to_owned();
    let index = usize::try_from(result["ruleIndex"].as_u64().expect("ruleIndex")).expect("index");
    assert_eq!(rules[index], rule);
    let level = result["level"].as_str().expect("level").to_owned();
    assert!(["error", "warning", "note"].contains(&level.as_str()), "{level}");
    let locations = result["locations"].as_array().expect("locations");
    assert_eq!(locations.len(), 1, "{result}");
    let physical = &locations[0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let uri = percent_decode(physical["artifactLocation"]["uri"].as_str().expect("uri"));
    let name = Path::new(portfolio).file_name().and_then(|n| n.to_str()).expect("name");
    assert_eq!(result["properties"]["portfolio"], name);
    let whole = result["properties"]["wholePortfolio"] == true;
    if whole {
        assert_eq!(uri, format!("{portfolio}/pqs.yaml"), "a gap is placed at pqs.yaml");
        assert!(physical.get("region").is_none(), "with no line");
    }
    let region = &physical["region"];
    let key =
        (level, rule, (!whole).then_some(uri), region["startLine"].as_u64(), region["startColumn"].as_u64());
    (key, result["message"]["text"].as_str().expect("message").to_owned())
}

fn with_help(findings: Vec<(Key, String, Option<String>)>) -> Vec<(Key, String)> {
    findings
        .into_iter()
        .map(|(key, message, help)| match help {
            Some(help) => (key, format!("{message}\nhelp: {help}")),
            None => (key, message),
        })
        .collect()
}

#[test]
fn sarif_carries_every_finding_of_the_json_report() {
    for portfolio in PORTFOLIOS {
        let sarif = sarif_findings(&report(portfolio, "sarif"), portfolio);
        assert_eq!(sarif, with_help(json_findings(portfolio)), "{portfolio}");
    }
}

#[test]
fn sarif_paths_are_uri_references() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = odd_portfolio(dir.path());
    let output = check_in(dir.path(), &folder, "sarif");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains("\"uri\": \"cohort%202026,%20group%3A%20A/evidence/odd,%20name%3A%20100%25%20%3C&%3E%20%22quoted%22.md\""), "{text}");
    assert_eq!(sarif_findings(&text, &folder), with_help(json_findings_in(dir.path(), &folder)));
}

/// The schema of GitLab's Code Quality report that `tests/ci-formats/validate.sh` validates with
/// too, written from GitLab's documentation.
fn gitlab_schema() -> jsonschema::Validator {
    let path = repo().join("tests/ci-formats/gitlab-codequality.schema.json");
    let text = std::fs::read_to_string(&path).expect("read the schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// A finding as a `--format gitlab` report names it: severity, code, path, line.
type GitlabKey = (String, String, String, u64);

/// The issues of a `--format gitlab` report as `(key, description)`, after checking it against
/// the schema and that each fingerprint is a SHA-256 in hexadecimal, found once; sorted.
pub fn gitlab_issues(text: &str) -> Vec<(GitlabKey, String)> {
    assert!(!text.starts_with('\u{FEFF}'), "GitLab refuses a byte order mark");
    let report: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let errors: Vec<String> =
        gitlab_schema().iter_errors(&report).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    let issues = report.as_array().expect("an array");
    let fingerprints: std::collections::BTreeSet<&str> =
        issues.iter().filter_map(|i| i["fingerprint"].as_str()).collect();
    assert_eq!(fingerprints.len(), issues.len(), "each fingerprint once");
    let sha256 = Regex::new("^[0-9a-f]{64}$").expect("pattern");
    assert!(fingerprints.iter().all(|f| sha256.is_match(f)), "{fingerprints:?}");
    let mut found: Vec<_> = issues
        .iter()
        .map(|issue| {
            let text = |value: &serde_json::Value| value.as_str().expect("text").to_owned();
            let path = text(&issue["location"]["path"]);
            assert!(!path.contains('\\'), "paths have `/`: {path}");
            let line = issue["location"]["lines"]["begin"].as_u64().expect("line");
            let key = (text(&issue["severity"]), text(&issue["check_name"]), path, line);
            (key, text(&issue["description"]))
        })
        .collect();
    found.sort();
    found
}

/// The findings of the JSON report of `portfolio` (run from `dir`) as a `--format gitlab` report
/// should give them: GitLab's severity, and a finding about the portfolio as a whole, or at no
/// line, on line 1 of `pqs.yaml` or of its file.
fn expected_gitlab_issues(dir: &Path, portfolio: &str) -> Vec<(GitlabKey, String)> {
    let mut expected: Vec<_> = with_help(json_findings_in(dir, portfolio))
        .into_iter()
        .map(|((severity, code, file, line, _), description)| {
            let severity = match severity.as_str() {
                "error" => "major",
                "warning" => "minor",
                "note" => "info",
                other => panic!("severity {other}"),
            };
            let path = file.unwrap_or_else(|| format!("{portfolio}/pqs.yaml"));
            ((severity.to_owned(), code, path, line.unwrap_or(1)), description)
        })
        .collect();
    expected.sort();
    expected
}

#[test]
fn gitlab_carries_every_finding_of_the_json_report() {
    for portfolio in PORTFOLIOS {
        let issues = gitlab_issues(&report(portfolio, "gitlab"));
        assert_eq!(issues, expected_gitlab_issues(&repo(), portfolio), "{portfolio}");
    }
}

#[test]
fn gitlab_reports_of_a_good_an_unfinished_and_a_bad_portfolio() {
    insta::assert_snapshot!("gitlab_sample_portfolio", report("examples/sample-portfolio", "gitlab"));
    insta::assert_snapshot!("gitlab_in_progress", report("examples/in-progress", "gitlab"));
    insta::assert_snapshot!("gitlab_bad", report("tests/fixtures/bad", "gitlab"));
}

#[test]
fn gitlab_keeps_any_text_as_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = odd_portfolio(dir.path());
    let output = check_in(dir.path(), &folder, "gitlab");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let issues = gitlab_issues(&text);
    let unknown = issues.iter().find(|(key, _)| key.1 == "unknown-field").expect("unknown-field");
    assert_eq!(unknown.0.2, format!("{folder}/evidence/{ODD_NAME}"));
    assert!(unknown.1.contains("`50%,\r\nnext: line <&> \u{1}`"), "{}", unknown.1);
    assert_eq!(issues, expected_gitlab_issues(dir.path(), &folder));
}

#[test]
fn a_gitlab_fingerprint_stays_when_the_finding_moves_down() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("p/evidence")).expect("mkdir");
    std::fs::write(dir.path().join("p/pqs.yaml"), "candidate: Alex Morgan\nmentor: Sam Patel\n")
        .expect("write");
    let record = dir.path().join("p/evidence/note.md");
    let unknown_field = |front_matter: &str| {
        std::fs::write(&record, format!("---\n{front_matter}mood: good\n---\nText.\n")).expect("write");
        let output = check_in(dir.path(), "p", "gitlab");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let issues = report.as_array().expect("issues");
        let issue = issues.iter().find(|i| i["check_name"] == "unknown-field").expect("unknown-field");
        (issue["location"]["lines"]["begin"].as_u64(), issue["fingerprint"].as_str().map(str::to_owned))
    };
    let (line, fingerprint) = unknown_field("title: A note\ntype: other\ndate: 2026-02-01\n");
    let (lower, moved) = unknown_field("title: A note\n# a line more\ntype: other\ndate: 2026-02-01\n");
    assert_eq!((line, lower), (Some(5), Some(6)));
    assert_eq!(moved, fingerprint, "the same fingerprint, so GitLab sees the same finding");
}

#[test]
fn output_writes_the_report_and_still_shows_people_theirs() {
    let dir = tempfile::tempdir().expect("temp dir");
    for format in ["junit", "sarif", "github", "gitlab", "json"] {
        let file = dir.path().join(format!("reports/pqs.{format}"));
        std::fs::create_dir_all(dir.path().join("reports")).expect("mkdir");
        std::fs::write(&file, "an older report, replaced whole").expect("write");
        let output = pqs()
            .current_dir(repo())
            .args(["check", "tests/fixtures/bad", "--format", format, "--today", "2026-11-22", "--output"])
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "the exit status is the check's");
        assert_eq!(std::fs::read_to_string(&file).expect("written"), report("tests/fixtures/bad", format));
        assert_eq!(String::from_utf8(output.stdout).expect("UTF-8"), report("tests/fixtures/bad", "human"));
    }
    let left: Vec<_> = std::fs::read_dir(dir.path().join("reports")).expect("list").collect();
    assert_eq!(left.len(), 5, "no temporary file is left behind");
}

#[test]
fn output_that_cannot_be_written_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a-file"), "not a folder").expect("write");
    let output = pqs()
        .current_dir(dir.path())
        .arg("check")
        .arg(repo().join("examples/sample-portfolio"))
        .args(["--format", "sarif", "--output", "a-file/pqs.sarif"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: could not write `a-file/pqs.sarif`"), "{stderr}");
    assert!(output.stdout.is_empty(), "no report when the run could not finish");
    let left: Vec<_> =
        std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(left, ["a-file"], "nothing half-written");
    assert_eq!(std::fs::read_to_string(dir.path().join("a-file")).expect("read"), "not a folder");
}

fn yaml(path: &str) -> yaml_serde::Value {
    let text = std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

#[test]
fn the_github_workflow_annotates_and_can_upload_sarif() {
    let workflow = yaml("examples/ci/github-workflow.yml");
    let on = workflow.get("on").expect("`on` (the events that start it)");
    assert!(on.get("push").is_some() && on.get("pull_request").is_some(), "{on:?}");
    let action = format!("pqs-tool/pqs@v{}", env!("CARGO_PKG_VERSION"));
    let steps = |job: &str| workflow["jobs"][job]["steps"].as_sequence().expect("steps").clone();
    let check = steps("check");
    assert_eq!(
        check.last().and_then(|s| s["uses"].as_str()),
        Some(action.as_str()),
        "annotations by default"
    );
    assert!(check.last().and_then(|s| s.get("with")).is_none(), "{check:?}");
    assert_eq!(workflow["jobs"]["check"]["permissions"]["security-events"], yaml_serde::Value::Null);
    // Code scanning: its own job, with its own permission, only when the variable says so.
    let scanning = &workflow["jobs"]["code-scanning"];
    assert_eq!(scanning["if"].as_str(), Some("vars.PQS_CODE_SCANNING == 'true'"));
    assert_eq!(scanning["permissions"]["security-events"].as_str(), Some("write"));
    let steps = steps("code-scanning");
    let sarif = steps.iter().find(|s| s["uses"].as_str() == Some(action.as_str())).expect("the action");
    assert_eq!(sarif["with"]["format"].as_str(), Some("sarif"));
    let id = sarif["id"].as_str().expect("an id");
    let upload = steps
        .iter()
        .find(|step| {
            step["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("the upload");
    let report = format!("${{{{ steps.{id}.outputs.report }}}}");
    assert_eq!(upload["with"]["sarif_file"].as_str(), Some(report.as_str()));
}

#[test]
fn the_gitlab_job_declares_its_code_quality_and_junit_reports() {
    let ci = yaml("examples/ci/gitlab-ci.yml");
    let job = &ci["pqs-check"];
    let script: Vec<&str> =
        job["script"].as_sequence().expect("script").iter().filter_map(|s| s.as_str()).collect();
    let outputs = [("gitlab", "gl-code-quality-report.json"), ("junit", "pqs-junit.xml")];
    for (format, file) in outputs {
        let check = format!("pqs check \"$PQS_PATH\" --format {format} --output {file} $PQS_ARGS");
        assert!(script.iter().any(|s| s.contains(&check)), "{check} in {script:?}");
    }
    assert_eq!(job["artifacts"]["reports"]["codequality"].as_str(), Some("gl-code-quality-report.json"));
    assert_eq!(job["artifacts"]["reports"]["junit"].as_str(), Some("pqs-junit.xml"));
    assert_eq!(
        job["artifacts"]["when"].as_str(),
        Some("always"),
        "the reports are kept when the check fails"
    );
}

#[test]
fn the_pre_commit_hooks_run_pqs_check_on_records_and_pqs_yaml() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_sequence().expect("a list of hooks");
    let ids: Vec<_> = hooks.iter().map(|h| (h["id"].as_str(), h["language"].as_str())).collect();
    assert_eq!(ids, [(Some("pqs-check"), Some("python")), (Some("pqs-check-source"), Some("rust"))]);
    for hook in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(hook[key].as_str().is_some_and(|v| !v.is_empty()), "{key} in {hook:?}");
        }
        assert_eq!(hook["entry"].as_str(), Some("pqs check"));
        assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
        let files = Regex::new(hook["files"].as_str().expect("files")).expect("a regular expression");
        for path in ["pqs.yaml", "portfolio/pqs.yaml", "evidence/2026-03-02-observation.md", "README.md"] {
            assert!(files.is_match(path), "{path}");
        }
        for path in ["notpqs.yaml", "evidence/photo.png", "pqs.yaml.bak"] {
            assert!(!files.is_match(path), "{path}");
        }
    }
}

#[test]
fn files_are_named_from_where_pqs_runs() {
    let from = |dir: &str, path: &str| {
        let output = check_in(&repo().join(dir), path, "github");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        github_findings(&text)
            .into_iter()
            .find(|(key, _)| key.1 == "mentor-is-line-manager")
            .expect("found")
            .0
            .2
    };
    assert_eq!(from(".", "tests/fixtures/bad").as_deref(), Some("tests/fixtures/bad/pqs.yaml"));
    assert_eq!(from("tests/fixtures/bad", ".").as_deref(), Some("pqs.yaml"));
    assert_eq!(from("tests/fixtures/bad/evidence/sub", ".").as_deref(), Some("../../pqs.yaml"));
    assert_eq!(from("tests/fixtures", "bad/evidence").as_deref(), Some("bad/pqs.yaml"));
}
