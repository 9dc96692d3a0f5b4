//! A cohort: the sample portfolio copied under five names with different gaps, checked as one
//! folder; and its page from `pqs report`.

use std::fs;
use std::path::Path;

use crate::{copy_tree, example, pqs};

/// Five supervisors: one complete, one missing a direct observation, one with no PDP reviews,
/// one with an error in a record, one with no evidence for standard 1; and a `pqs-cohort.yaml`.
pub fn cohort() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["ana", "ben", "cat", "dan", "eve"] {
        let folder = dir.path().join("supervisors").join(name);
        fs::create_dir_all(&folder).expect("mkdir");
        copy_tree(&example("sample-portfolio"), &folder);
        fs::remove_dir_all(folder.join("dist")).ok();
        let manifest = folder.join("pqs.yaml");
        let text = fs::read_to_string(&manifest).expect("read");
        // Each copy's records still speak of the sample's candidate, which is no one's name here.
        let text = text.replace("Alex Morgan", &format!("{} Morgan", name.to_uppercase()));
        fs::write(&manifest, format!("{text}privacy:\n  pseudonyms: [Alex Morgan]\n")).expect("write");
    }
    let remove = |name: &str, file: &str| {
        fs::remove_file(dir.path().join("supervisors").join(name).join("evidence").join(file))
            .expect("remove");
    };
    remove("ben", "observations/2026-10-12-observation-direct-asye-supervision.md");
    remove("cat", "pdp/2026-06-15-pdp-review-six-month.md");
    remove("cat", "pdp/2026-11-02-pdp-review-end-of-year.md");
    let dan = dir.path().join("supervisors/dan/evidence/2026-08-03-learning-mental-capacity-refresher.md");
    let text = fs::read_to_string(&dan).expect("read");
    fs::write(&dan, text.replacen("---\n", "---\nmood: good\n", 1)).expect("write");
    remove("eve", "2026-05-11-reflection-responding-to-a-performance-concern.md");
    remove("eve", "2026-01-20-supervision-agreement-with-nqsw.md");
    fs::write(
        dir.path().join("pqs-cohort.yaml"),
        "name: Northshire practice supervisors 2026\nmoderation: 2027-01-15\nmentors: [Sam Patel]\n",
    )
    .expect("write");
    dir
}

fn check(dir: &Path, format: &str) -> (i32, String, String) {
    let output = pqs()
        .arg("check")
        .arg(dir)
        .args(["--format", format, "--today", "2026-11-22"])
        .output()
        .expect("runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (output.status.code().expect("exit"), text(output.stdout), text(output.stderr))
}

#[test]
fn the_cohort_table_and_exit_status() {
    let dir = cohort();
    let (code, out, err) = check(dir.path(), "human");
    assert_eq!(code, 1, "one supervisor has an error: {err}");
    assert_eq!(err, "", "no progress bar when standard error is not a terminal");
    let table = &out[out.find("Northshire practice supervisors 2026:").expect("the table")..];
    insta::assert_snapshot!("cohort_table", table);
    for name in ["ana", "ben", "cat", "dan", "eve"] {
        assert!(out.contains(&format!("━━ supervisors/{name} ━")), "each portfolio under its name");
    }
    assert!(out.contains("error[unknown-field]: `mood` is not a field of a record"));
}

#[test]
fn the_json_carries_the_portfolio_of_every_finding() {
    let dir = cohort();
    let (code, out, _) = check(dir.path(), "json");
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["name"], "Northshire practice supervisors 2026");
    let portfolios = report["portfolios"].as_array().expect("portfolios");
    assert_eq!(portfolios.len(), 5);
    for portfolio in portfolios {
        let name = &portfolio["portfolio"];
        for diagnostic in portfolio["diagnostics"].as_array().expect("diagnostics") {
            assert_eq!(&diagnostic["portfolio"], name);
        }
    }
    let dan = portfolios.iter().find(|p| p["portfolio"] == "supervisors/dan").expect("dan");
    assert_eq!(dan["counts"]["errors"], 1);
    let rows = report["table"].as_array().expect("table");
    let behind: Vec<&str> =
        rows.iter().filter(|r| r["behind"] == true).filter_map(|r| r["portfolio"].as_str()).collect();
    assert_eq!(behind, ["supervisors/cat"], "only the missing PDP review is overdue on 2026-11-22");
}

#[test]
fn a_portfolio_that_cannot_be_checked_is_named_and_the_others_still_are() {
    let dir = cohort();
    fs::write(dir.path().join("supervisors/eve/pqs.yaml"), "- not: a mapping\n").expect("write");
    let (code, out, _) = check(dir.path(), "human");
    assert_eq!(code, 2, "the worst of them: one could not be checked");
    assert!(out.contains("error: this portfolio could not be checked:"), "{out}");
    assert!(out.contains("supervisors/eve  "), "a row for it: {out}");
    assert!(out.contains("; 1 could not be checked.\n"), "{out}");
}

#[test]
fn the_ci_reports_name_a_portfolio_that_cannot_be_checked() {
    let dir = cohort();
    fs::write(dir.path().join("supervisors/eve/pqs.yaml"), "- not: a mapping\n").expect("write");

    let (code, junit, _) = check(dir.path(), "junit");
    assert_eq!(code, 2);
    let xml = roxmltree::Document::parse(&junit).expect("XML");
    let root = xml.root_element();
    assert_eq!(root.attribute("errors"), Some("1"), "{junit}");
    let eve = root
        .children()
        .find(|n| n.has_tag_name("testsuite") && n.attribute("name") == Some("supervisors/eve"))
        .expect("a suite for eve");
    assert_eq!(eve.attribute("errors"), Some("1"));
    let error = eve.descendants().find(|n| n.has_tag_name("error")).expect("an error");
    assert!(
        error.attribute("message").is_some_and(|m| m.starts_with("this portfolio could not be checked:"))
    );
    let suites = root.children().filter(|n| n.has_tag_name("testsuite")).count();
    assert_eq!(suites, 5, "the other four are there too");

    let (code, sarif, _) = check(dir.path(), "sarif");
    assert_eq!(code, 2);
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(notification["properties"]["portfolio"], "supervisors/eve");
    let text = notification["message"]["text"].as_str().expect("text");
    assert!(text.starts_with("supervisors/eve: this portfolio could not be checked:"), "{text}");

    let (code, gitlab) = check_here(dir.path(), "gitlab");
    assert_eq!(code, 2);
    let issues = crate::ci_formats::gitlab_issues(&gitlab);
    let eve = issues.iter().find(|(key, _)| key.1 == "portfolio-not-checked").expect("an issue for eve");
    assert_eq!(
        eve.0,
        ("critical".to_owned(), "portfolio-not-checked".to_owned(), "supervisors/eve/pqs.yaml".to_owned(), 1)
    );
    assert!(eve.1.starts_with("this portfolio could not be checked:"), "{}", eve.1);
    // The cohort's folder is a new temporary one each time.
    let root = dir.path().canonicalize().expect("the cohort's folder").display().to_string();
    insta::assert_snapshot!("gitlab_cohort_one_unchecked", gitlab.replace(&root, "[cohort]"));
}

#[test]
fn github_names_a_portfolio_that_cannot_be_checked_in_its_place() {
    let dir = cohort();
    fs::write(dir.path().join("supervisors/cat/pqs.yaml"), "- not: a mapping\n").expect("write");
    let (code, github) = check_here(dir.path(), "github");
    assert_eq!(code, 2);
    let lines: Vec<&str> = github.lines().collect();
    let cat =
        lines.iter().position(|l| l.starts_with("::error title=supervisors/cat::")).expect("a line for cat");
    let before = |name: &str| lines.iter().position(|l| l.contains(&format!("title=supervisors/{name}%3A")));
    assert!(before("ben") < Some(cat) && Some(cat) < before("dan"), "in the cohort's order: {github}");
    assert!(lines[cat].contains("::this portfolio could not be checked: "), "{github}");
    let root = dir.path().canonicalize().expect("the cohort's folder").display().to_string();
    insta::assert_snapshot!("github_cohort_one_unchecked", github.replace(&root, "[cohort]"));
}

#[test]
fn github_totals_count_every_portfolio_and_the_cohort_file() {
    let dir = cohort();
    // One of the five cannot be checked, and the cohort's own file has a finding.
    fs::write(dir.path().join("supervisors/cat/pqs.yaml"), "- not: a mapping\n").expect("write");
    let settings = dir.path().join("pqs-cohort.yaml");
    let text = fs::read_to_string(&settings).expect("read");
    fs::write(&settings, format!("{text}colour: blue\n")).expect("write");
    let (code, github) = check_here(dir.path(), "github");
    assert_eq!(code, 2, "{github}");
    let lines: Vec<&str> = github.lines().collect();
    assert!(
        lines[0].starts_with(
            "::error file=pqs-cohort.yaml,line=4,col=1,title=pqs-cohort.yaml%3A unknown-field::`colour` is not a field of"
        ),
        "the cohort file's finding comes first, on its line: {github}"
    );
    // dan's unknown field, cat that cannot be checked, and the cohort file's unknown field; ben's
    // gap, and in each of the four checked the note of its sign-offs by typed name.
    assert_eq!(
        lines.last(),
        Some(&"pqs check: 3 errors, 0 warnings and 6 notes in 5 portfolios"),
        "{github}"
    );

    // The other CI reports carry the cohort file's finding too, at its file and line.
    let (_, gitlab) = check_here(dir.path(), "gitlab");
    let issues = crate::ci_formats::gitlab_issues(&gitlab);
    let key = ("major".to_owned(), "unknown-field".to_owned(), "pqs-cohort.yaml".to_owned(), 4);
    assert!(issues.iter().any(|(k, _)| *k == key), "{gitlab}");
    let (_, sarif) = check_here(dir.path(), "sarif");
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let first = &sarif["runs"][0]["results"][0];
    assert_eq!(first["ruleId"], "unknown-field", "{first}");
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "pqs-cohort.yaml");
    assert_eq!(first["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
    let (_, junit) = check_here(dir.path(), "junit");
    let finding = "error[unknown-field] pqs-cohort.yaml:4:1: `colour` is not a field of `pqs-cohort.yaml`";
    assert!(junit.contains(finding), "{junit}");
}

#[test]
fn the_report_page_has_the_table_the_heat_map_and_who_is_behind() {
    let dir = cohort();
    let html = report_page(dir.path(), "cohort.html", "2026-11-22");
    assert!(html.contains("<h1>Northshire practice supervisors 2026</h1>"));
    assert!(html.contains("default-src 'none'"), "the page fetches nothing");
    assert!(!html.contains("<script"), "no script");
    // The heat map: eve has no record for standard 1; the others have two.
    let row = |name: &str| {
        let start = html
            .rfind(&format!("<tr><th scope=\"row\">supervisors/{name}</th><td class=\"cell"))
            .expect("heat row");
        let end = start + html[start..].find("</tr>").expect("end of row");
        html[start..end].to_owned()
    };
    assert!(
        row("eve").contains("<td class=\"cell level-0\">–</td><td class=\"cell level-3\">3</td>"),
        "{}",
        row("eve")
    );
    assert!(row("ana").starts_with(
        "<tr><th scope=\"row\">supervisors/ana</th><td class=\"cell level-2\">2</td><td class=\"cell level-3\">3</td>"
    ));
    let behind = &html[html.find("<h2 id=\"behind\">").expect("behind")..];
    assert!(behind.contains("<strong>supervisors/cat</strong> (CAT Morgan)"), "{behind}");
    assert!(
        behind.contains(
            "<li>PDP reviewed at two points in the year (1 of 2): due by 2026-06-01 (month 6)</li>"
        )
    );
    assert!(!behind.contains("supervisors/ana"));
}

/// `pqs check . --format FORMAT` run in the cohort's folder, so paths are as the repository has them.
fn check_here(dir: &Path, format: &str) -> (i32, String) {
    let output = pqs()
        .current_dir(dir)
        .args(["check", ".", "--format", format, "--today", "2026-11-22"])
        .output()
        .expect("runs");
    (output.status.code().expect("exit"), String::from_utf8(output.stdout).expect("UTF-8"))
}

#[test]
fn the_ci_formats_carry_every_finding_with_its_portfolio_and_path() {
    let dir = cohort();
    let (_, json) = check_here(dir.path(), "json");
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    // (portfolio, code, path from the cohort's folder)
    let mut expected: Vec<(String, String, String)> = Vec::new();
    for portfolio in report["portfolios"].as_array().expect("portfolios") {
        let name = portfolio["portfolio"].as_str().expect("name");
        for d in portfolio["diagnostics"].as_array().expect("diagnostics") {
            let file = d["file"].as_str().map(|f| format!("{name}/{f}")).unwrap_or_default();
            expected.push((name.to_owned(), d["code"].as_str().expect("code").to_owned(), file));
        }
    }
    expected.sort();
    assert!(expected.len() > 3, "{expected:?}");

    let (code, github) = check_here(dir.path(), "github");
    assert_eq!(code, 1, "the same exit status in every format");
    let mut annotations: Vec<(String, String, String)> = github
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(|line| {
            let command = line.split("::").nth(1).expect("command");
            let properties = command.split_once(' ').map_or("", |(_, p)| p);
            let get = |key: &str| {
                let found = properties.split(',').find_map(|p| p.strip_prefix(&format!("{key}=")));
                found.unwrap_or_default().replace("%3A", ":")
            };
            let title = get("title");
            let (portfolio, code) = title.split_once(": ").expect("the title is `portfolio: code`");
            (portfolio.to_owned(), code.to_owned(), get("file"))
        })
        .collect();
    annotations.sort();
    assert_eq!(annotations, expected);

    let (_, sarif) = check_here(dir.path(), "sarif");
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let mut results: Vec<(String, String, String)> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let portfolio = r["properties"]["portfolio"].as_str().expect("portfolio").to_owned();
            let uri =
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap_or_default();
            // A finding about a portfolio as a whole is placed at its pqs.yaml.
            let file = if r["properties"]["wholePortfolio"] == true { String::new() } else { uri.to_owned() };
            (portfolio, r["ruleId"].as_str().expect("rule").to_owned(), file)
        })
        .collect();
    results.sort();
    assert_eq!(results, expected);

    let (_, gitlab) = check_here(dir.path(), "gitlab");
    let mut issues: Vec<(String, String, String)> = crate::ci_formats::gitlab_issues(&gitlab)
        .into_iter()
        .map(|((_, code, path, _), _)| {
            // Every portfolio is `supervisors/NAME`.
            let portfolio = path.splitn(3, '/').take(2).collect::<Vec<_>>().join("/");
            (portfolio, code, path)
        })
        .collect();
    issues.sort();
    // A finding about a portfolio as a whole is placed at its pqs.yaml.
    let mut placed: Vec<(String, String, String)> = expected
        .iter()
        .map(|(portfolio, code, file)| {
            let file = if file.is_empty() { format!("{portfolio}/pqs.yaml") } else { file.clone() };
            (portfolio.clone(), code.clone(), file)
        })
        .collect();
    placed.sort();
    assert_eq!(issues, placed);

    let (_, junit) = check_here(dir.path(), "junit");
    let document = roxmltree::Document::parse(&junit).expect("XML");
    let suites: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(
        suites,
        ["supervisors/ana", "supervisors/ben", "supervisors/cat", "supervisors/dan", "supervisors/eve"]
    );
}

/// The page's table says what each portfolio needs, the most pressing first: errors to fix (the
/// row stands out), what is overdue, what the pathway year has due only after moderation (a
/// supervisor who started later), what is next; a portfolio that cannot be read is named from
/// the cohort's folder, in its place in the table.
#[test]
fn the_report_page_flags_errors_records_due_after_moderation_and_unreadable_portfolios() {
    let dir = cohort();
    let supervisors = dir.path().join("supervisors");
    // Gus started three months after the others: his second direct observation is due by
    // 2027-03-01, after moderation on 2027-01-15.
    fs::create_dir_all(supervisors.join("gus")).expect("mkdir");
    copy_tree(&supervisors.join("ana"), &supervisors.join("gus"));
    let manifest = supervisors.join("gus/pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("read");
    let text = text.replace("ANA", "GUS").replace("started: 2025-12-01", "started: 2026-03-01");
    fs::write(&manifest, text).expect("write");
    fs::remove_file(
        supervisors.join("gus/evidence/observations/2026-10-12-observation-direct-asye-supervision.md"),
    )
    .expect("remove");
    // Hal too, and without his formative observation (overdue): he is behind and late for moderation.
    fs::create_dir_all(supervisors.join("hal")).expect("mkdir");
    copy_tree(&supervisors.join("gus"), &supervisors.join("hal"));
    let manifest = supervisors.join("hal/pqs.yaml");
    fs::write(&manifest, fs::read_to_string(&manifest).expect("read").replace("GUS", "HAL")).expect("write");
    for entry in fs::read_dir(supervisors.join("hal/evidence/observations")).expect("list") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().contains("formative") {
            fs::remove_file(path).expect("remove");
        }
    }
    fs::create_dir_all(supervisors.join("fay")).expect("mkdir");
    fs::write(supervisors.join("fay/pqs.yaml"), "candidate: [\n").expect("write");
    let html = report_page(dir.path(), "cohort.html", "2026-11-22");
    let root = dir.path().canonicalize().expect("canonical").display().to_string();
    assert!(!html.contains(&root), "no path of this computer in the page");
    let main = &html[html.find("<main>").expect("main")..];
    // The heat map is the other test's: left out here.
    let (before, after) = main.split_at(main.find("<h2 id=\"heat-map\">").expect("heat map"));
    let after = &after[after.find("<h2 id=\"behind\">").expect("behind")..];
    insta::assert_snapshot!("cohort_page_table", format!("{before}{after}"));

    let check = pqs().arg("check").arg(dir.path()).args(["--today", "2026-11-22"]).output().expect("runs");
    let human = String::from_utf8(check.stdout).expect("UTF-8");
    let table = &human[human.find("Northshire practice supervisors 2026:").expect("the table")..];
    insta::assert_snapshot!("cohort_table_moderation", table);

    // Seen after moderation, nothing is counted against it.
    let html = report_page(dir.path(), "later.html", "2027-02-01");
    assert!(html.contains("<p>Moderation on 2027-01-15 has passed, so nothing is counted against it.</p>"));
    assert!(!html.contains("class=\"moderation\""), "no row is flagged for moderation once it has passed");
}

/// The cohort page `pqs report` writes for the cohort in `dir` as `name`, seen on `today`; the
/// report must succeed.
fn report_page(dir: &Path, name: &str, today: &str) -> String {
    let out = dir.join(name);
    let output =
        pqs().arg("report").arg(dir).args(["--today", today, "--out"]).arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    fs::read_to_string(&out).expect("written")
}
