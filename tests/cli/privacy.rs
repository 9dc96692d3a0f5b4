//! The anonymisation lint through `pqs check` and `pqs render`: identifiers planted in copies of
//! the sample are found at their line and column, the clean sample has none, `pqs-allow`
//! comments and `pqs.yaml` settings work, and no pack is made while one stands.

use std::fs;
use std::path::Path;

use crate::{check_json, copy_tree, error_codes, example, pqs};

/// A copy of the sample portfolio in a temporary folder.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    fs::remove_dir_all(dir.path().join("dist")).ok();
    dir
}

/// The privacy findings of a report: `(file, line, column, code)`, sorted.
fn privacy(report: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    let mut found = privacy_in_order(report);
    found.sort();
    found
}

/// The privacy findings of a report: `(file, line, column, code)`, in the report's order.
pub fn privacy_in_order(report: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("privacy-")))
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Put `text` into the record `file` after its line `after`; returns nothing.
fn plant(dir: &Path, file: &str, after: usize, text: &str) {
    let path = dir.join(file);
    let old = fs::read_to_string(&path).expect("read");
    let mut lines: Vec<&str> = old.lines().collect();
    lines.insert(after, text);
    fs::write(&path, lines.join("\n") + "\n").expect("write");
}

/// Where `needle` is in the record `file`: 1-based line and column (in characters).
fn position(dir: &Path, file: &str, needle: &str) -> (u64, u64) {
    let text = fs::read_to_string(dir.join(file)).expect("read");
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} in {file}"));
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line as u64, text[line_start..at].chars().count() as u64 + 1)
}

#[test]
fn the_clean_sample_has_no_finding() {
    let (code, report) = check_json(&example("sample-portfolio"), &["--complete", "--deny", "warnings"]);
    assert_eq!(code, 0);
    assert_eq!(privacy(&report), []);
    assert_eq!(report["allowances"], serde_json::json!([]));
}

#[test]
fn every_planted_identifier_is_found_at_its_line_and_column() {
    let dir = sample();
    let observation = "evidence/observations/2026-07-06-observation-direct-one-to-one-supervision.md";
    let reflection = "evidence/2026-05-11-reflection-responding-to-a-performance-concern.md";
    let feedback = "evidence/2026-09-07-feedback-manager-practice-quality-group.md";
    // In the front-matter, a paragraph, a list, a heading, a table and a code block.
    let planted = [
        (observation, 1, "tags: [visit to Mrs A Jones]", "Mrs A Jones", "privacy-name-title"),
        (
            reflection,
            12,
            "Her NHS number, 943 476 5919, was on the referral.",
            "943 476 5919",
            "privacy-nhs-number",
        ),
        (
            reflection,
            14,
            "- Her son asked us to ring 07700 900123 after six.",
            "07700 900123",
            "privacy-phone",
        ),
        (reflection, 16, "## Visit to the flat in M1 1AE", "M1 1AE", "privacy-postcode"),
        (feedback, 12, "| contact | jo.jones@nhs.net |", "jo.jones@nhs.net", "privacy-email"),
        (feedback, 14, "```\nNI: AB 12 34 56 C\n```", "AB 12 34 56 C", "privacy-ni-number"),
        (feedback, 18, "Mr Okafor (DOB 12/03/1948) agreed.", "12/03/1948", "privacy-date-of-birth"),
    ];
    for (file, after, text, _, _) in planted.iter().rev() {
        plant(dir.path(), file, *after, text);
    }
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "identifiers that are errors fail the check");
    let mut expected: Vec<_> = planted
        .iter()
        .map(|(file, _, _, needle, code)| {
            let (line, column) = position(dir.path(), file, needle);
            ((*file).to_owned(), line, column, (*code).to_owned())
        })
        .collect();
    let (line, column) = position(dir.path(), feedback, "Mr Okafor");
    expected.push((feedback.to_owned(), line, column, "privacy-name-title".to_owned()));
    expected.sort();
    assert_eq!(privacy(&report), expected);
}

#[test]
fn an_allow_comment_with_a_reason_allows_one_finding_and_is_listed() {
    let dir = sample();
    let file = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";
    plant(
        dir.path(),
        file,
        11,
        "<!-- pqs-allow privacy-postcode: the team's office -->\nWe met at the office, B33 8TH.\n\n<!-- pqs-allow privacy-phone -->\nThe duty line is 07700 900456.\n\n<!-- pqs-allow privacy-email: nothing here -->\nNothing to allow.\n\n<!-- pqs-allow privacy-postcod: typo -->\nText.",
    );
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let (office, _) = position(dir.path(), file, "B33 8TH");
    assert_eq!(
        report["allowances"],
        serde_json::json!([{ "file": file, "line": office, "code": "privacy-postcode", "reason": "the team's office" }])
    );
    let line = |needle| position(dir.path(), file, needle);
    let codes: Vec<(u64, String)> =
        privacy(&report).into_iter().map(|(_, line, _, code)| (line, code)).collect();
    assert_eq!(
        codes,
        [
            (line("<!-- pqs-allow privacy-phone").0, "privacy-allow-without-reason".to_owned()),
            (line("07700 900456").0, "privacy-phone".to_owned()),
            (line("<!-- pqs-allow privacy-email").0, "privacy-allow-unused".to_owned()),
            (line("<!-- pqs-allow privacy-postcod:").0, "privacy-allow-unknown-code".to_owned()),
        ]
    );
}

#[test]
fn pqs_yaml_allows_texts_sets_levels_and_adds_a_case_reference_pattern() {
    let dir = sample();
    let manifest = dir.path().join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("read");
    fs::write(
        &manifest,
        format!(
            "{text}privacy:\n  allow: [Kingsgate House B33 8TH]\n  case_reference: 'LAS-[0-9]{{6}}'\n  severity:\n    privacy-phone: off\n    privacy-postcode: error\n"
        ),
    )
    .expect("write");
    let file = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";
    plant(
        dir.path(),
        file,
        11,
        "Sam Patel met Ms Morgan at Kingsgate House B33 8TH; the case is LAS-123456; ring 07700 900123; the flat is in M1 1AE.",
    );
    let (_, report) = check_json(dir.path(), &[]);
    let found: Vec<(u64, String)> =
        privacy(&report).into_iter().map(|(_, _, column, code)| (column, code)).collect();
    let column = |needle: &str| position(dir.path(), file, needle).1;
    assert_eq!(
        found,
        [
            (column("LAS-123456"), "privacy-case-reference".to_owned()),
            (column("M1 1AE"), "privacy-postcode".to_owned())
        ],
        "the candidate's name and the allowed address are not reported, phones are off"
    );
    let postcode = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "privacy-postcode")
        .expect("postcode");
    assert_eq!(postcode["severity"], "error", "raised by pqs.yaml");

    fs::write(&manifest, format!("{text}privacy:\n  case_reference: '[unclosed'\n")).expect("write");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let line = fs::read_to_string(&manifest).expect("read").lines().count() as u64;
    assert!(
        crate::located(&report).contains(&(
            "pqs.yaml".to_owned(),
            line,
            "privacy-pattern-invalid".to_owned()
        )),
        "{:?}",
        crate::located(&report)
    );
}

#[test]
fn a_record_may_name_its_observer_and_signers() {
    let dir = sample();
    let file = "evidence/observations/2026-10-12-observation-direct-asye-supervision.md";
    let path = dir.path().join(file);
    let text = fs::read_to_string(&path).expect("read");
    let text = text
        .replace(
            "observer: Principal social worker, Northshire Council",
            "observer: Dr Chris Lowe (principal social worker)",
        )
        .replace("by: Chris Lowe", "by: Dr Chris Lowe");
    fs::write(&path, format!("{text}\nDr Lowe and I met Mrs Ahmed afterwards.\n")).expect("write");
    let (_, report) = check_json(dir.path(), &[]);
    let (line, column) = position(dir.path(), file, "Mrs Ahmed");
    assert_eq!(privacy(&report), [(file.to_owned(), line, column, "privacy-name-title".to_owned())]);
}

#[test]
fn no_pack_is_made_while_an_identifier_stands_even_with_force() {
    let dir = sample();
    plant(
        dir.path(),
        "evidence/2026-09-21-reflection-leading-a-case-file-audit.md",
        11,
        "Her NHS number is 9434765919.",
    );
    let out = dir.path().join("pack.html");
    let output =
        pqs().arg("render").arg(dir.path()).arg("--force").arg("--out").arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("error[privacy-nhs-number]"), "{printed}");
    assert!(printed.contains("`--force` does not make a pack while any remain"), "{printed}");
    assert!(!out.exists(), "no pack is written");
}

#[test]
fn names_addresses_places_and_ages_are_found_allowed_set_and_do_not_stop_the_pack() {
    let dir = sample();
    let file = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";
    plant(
        dir.path(),
        file,
        11,
        "Joan Pritchard told me she would not go back to 14 Hawthorn Crescent.\n\n\
         She was on Larch Ward, born in May 1938, and is aged 86, of Rotherham.\n\n\
         Rev Hughes visited. Mary Hill is the name we agreed to use, and Mrs A agreed.\n\n\
         <!-- pqs-allow privacy-place: the ward closed years ago -->\n\
         She was moved to Ward 12 at St Luke's Hospital.\n\n\
         As Gillian Okafor (2019) argues, Skills for Care and the Care Act matter.",
    );
    let manifest = dir.path().join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("read");
    fs::write(&manifest, format!("{text}privacy:\n  pseudonyms: [Mary Hill]\n")).expect("write");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "the new checks are warnings: {report}");
    let at = |needle: &str, code: &str| {
        let (line, column) = position(dir.path(), file, needle);
        (file.to_owned(), line, column, code.to_owned())
    };
    let mut expected = vec![
        at("Joan Pritchard", "privacy-name"),
        at("14 Hawthorn Crescent", "privacy-address"),
        at("Larch Ward", "privacy-place"),
        at("May 1938", "privacy-partial-date-of-birth"),
        at("aged 86, of Rotherham", "privacy-age-place"),
        at("Rev Hughes", "privacy-name-title"),
    ];
    expected.sort();
    assert_eq!(privacy(&report), expected);
    // SARIF's rules name each check found, with a few words on what it finds.
    let sarif = pqs().arg("check").arg(dir.path()).args(["--format", "sarif"]).output().expect("runs");
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    let rules: Vec<(String, String)> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter(|r| r["id"].as_str().is_some_and(|id| id.starts_with("privacy-")))
        .map(|r| {
            (
                r["id"].as_str().unwrap_or("").to_owned(),
                r["shortDescription"]["text"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let rule = |id: &str, text: &str| (id.to_owned(), text.to_owned());
    assert_eq!(
        rules,
        [
            rule("privacy-address", "A street address"),
            rule("privacy-age-place", "An age with the place someone lives"),
            rule("privacy-name", "A person's full name"),
            rule("privacy-name-title", "A title and a name"),
            rule("privacy-partial-date-of-birth", "A month or year of birth"),
            rule("privacy-place", "A named ward, hospital, care home, surgery, school or team"),
        ]
    );
    let (ward, _) = position(dir.path(), file, "Ward 12");
    assert_eq!(
        report["allowances"],
        serde_json::json!([{ "file": file, "line": ward, "code": "privacy-place", "reason": "the ward closed years ago" }])
    );

    // The severity of a new check can be raised, and then the pack is refused for it alone.
    fs::write(
        &manifest,
        format!("{text}privacy:\n  pseudonyms: [Mary Hill]\n  severity:\n    privacy-address: error\n"),
    )
    .expect("write");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let errors = error_codes(&report);
    assert_eq!(errors, ["privacy-address"]);
    let out = dir.path().join("pack.html");
    let refused =
        pqs().arg("render").arg(dir.path()).arg("--force").arg("--out").arg(&out).output().expect("runs");
    assert_eq!(refused.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&refused.stdout);
    assert!(printed.contains("error[privacy-address]"), "{printed}");
    assert!(!out.exists(), "no pack while an address is an error");

    // As warnings, they leave the pack to be made.
    fs::write(&manifest, format!("{text}privacy:\n  pseudonyms: [Mary Hill]\n")).expect("write");
    let made = pqs().arg("render").arg(dir.path()).arg("--out").arg(&out).output().expect("runs");
    assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(out.exists(), "the pack is made while only warnings stand");
    // And says which details stand.
    let line = |needle: &str| position(dir.path(), file, needle).0;
    let (name, place, age) = (line("Joan Pritchard"), line("Larch Ward"), line("aged 86"));
    let title = line("Rev Hughes");
    assert_eq!(
        String::from_utf8_lossy(&made.stderr),
        format!(
            "warning: 6 details that may identify someone stand in the pack (as warnings, which do not stop it); read them before you share it:\n\
             \x20 {file}:{name}: a person's name (privacy-name)\n\
             \x20 {file}:{name}: a street address (privacy-address)\n\
             \x20 {file}:{place}: a named place (privacy-place)\n\
             \x20 {file}:{age}: a partial date of birth (privacy-partial-date-of-birth)\n\
             \x20 {file}:{age}: an age with a place (privacy-age-place)\n\
             \x20 {file}:{title}: a name with a title (privacy-name-title)\n\
             `pqs check` shows each where it is, with what to do about it.\n"
        )
    );
}
