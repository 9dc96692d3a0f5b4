//! A portfolio's own templates as an attacker writes them: a link to a file outside the
//! portfolio is never read, and a template that loops for ever or grows a text without end is
//! stopped within its budget: a finding naming it, while the rest of the check and a cohort's
//! other portfolios go on.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::{Run, copy_tree, example, finish, link_file, pqs, snapshot};

const TODAY: &str = "2026-11-22";

/// Loops in a loop: ten thousand million `x`.
const NESTED_LOOPS: &str =
    "{% for a in range(end=100000) %}{% for b in range(end=100000) %}x{% endfor %}{% endfor %}\n";

/// A text doubled 36 times: 64 GiB.
const DOUBLING: &str =
    "{% set_global s = \"x\" %}{% for i in range(end=36) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}\n";

/// The sample portfolio in a temporary folder, with `template` as its own observation template.
fn sample_with(template: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    put(dir.path(), "templates/new/observation.md.tera", template);
    dir
}

/// Write `text` to `file` under `root`, making its folder.
fn put(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// Run `pqs ARGS` in `root`, which it must not change, with the temporary folder's path in its
/// output written `<root>`.
fn run(root: &Path, args: &[&str]) -> Run {
    let before = snapshot(root);
    let mut run = finish(pqs().current_dir(root).args(args).env("PQS_TODAY", TODAY));
    assert_eq!(snapshot(root), before, "no file was written");
    let real = root.canonicalize().expect("the folder").display().to_string();
    run.stdout = run.stdout.replace(&real, "<root>");
    run.stderr = run.stderr.replace(&real, "<root>");
    run
}

/// The error `pqs` gives for the template `file` of the portfolio for `reason`.
fn cannot_use(file: &str, reason: &str) -> String {
    format!("error: the template `<root>/{file}` cannot be used: {reason}\n")
}

#[test]
fn a_pack_template_linked_outside_the_portfolio_is_never_read() {
    let outside = tempfile::tempdir().expect("temp dir");
    fs::write(outside.path().join("environ"), "SECRET=token\n").expect("write");
    let dir = sample_with("");
    fs::remove_file(dir.path().join("templates/new/observation.md.tera")).expect("remove");
    fs::create_dir_all(dir.path().join("templates/pack")).expect("mkdir");
    link_file(&outside.path().join("environ"), &dir.path().join("templates/pack/cover.html.tera"));
    let reason = "it is a link to a file outside the portfolio, and pqs reads only files inside it";
    let expected = cannot_use("templates/pack/cover.html.tera", reason);
    for args in [&["check", "."][..], &["render", "."], &["render", ".", "--format", "all"]] {
        if !cfg!(feature = "pdf") && args.contains(&"all") {
            continue;
        }
        let run = run(dir.path(), args);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (2, "", expected.as_str()),
            "{args:?}"
        );
    }
}

/// The finding `pqs check` gives for the portfolio's own observation template over its budget.
fn over_budget_finding() -> serde_json::Value {
    serde_json::json!({
        "severity": "error",
        "code": "template-unusable",
        "file": "templates/new/observation.md.tera",
        "line": null,
        "column": null,
        "message": "this template cannot be used, so no record's sections were checked against the templates: it went over what a template may use (10 seconds, 1024 MiB of memory, 256 MiB of text), so pqs stopped it",
        "help": "fix the template (a loop that repeats too often, or a text that grows in a loop, goes over its budget), or remove it to use the built-in one (`pqs templates show <name>` prints it)",
    })
}

/// `pqs check --format json` in `root`: its exit code and its findings, without the
/// portfolio's folder name (a temporary one).
fn findings(root: &Path) -> (i32, Vec<serde_json::Value>) {
    let run = run(root, &["check", ".", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut found = report["diagnostics"].as_array().expect("diagnostics").clone();
    found.iter_mut().for_each(|d| _ = d.as_object_mut().expect("object").remove("portfolio"));
    (run.code, found)
}

#[test]
fn a_record_template_that_loops_for_ever_is_a_finding_and_the_check_goes_on() {
    let clean = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), clean.path());
    let (_, mut expected) = findings(clean.path());
    expected.insert(0, over_budget_finding());
    assert_eq!(findings(sample_with(NESTED_LOOPS).path()), (1, expected));
}

#[test]
fn a_record_template_that_doubles_a_text_is_stopped_without_aborting() {
    let (code, found) = findings(sample_with(DOUBLING).path());
    assert_eq!((code, &found[..1]), (1, &[over_budget_finding()][..]));
}

#[test]
fn a_record_template_that_loops_for_ever_ends_sign_verify_and_render() {
    let dir = sample_with(NESTED_LOOPS);
    let verify = run(dir.path(), &["sign", "--verify"]);
    assert_eq!((verify.code, verify.stderr.as_str()), (0, ""), "{verify:?}");
    let render = run(dir.path(), &["render", "."]);
    assert_eq!(render.code, 1, "{render:?}");
    assert!(
        render.stdout.starts_with("error[template-unusable]: this template cannot be used")
            && render.stdout.ends_with("The pack was not made: fix the errors above, or pass `--force`.\n"),
        "{render:?}"
    );
}

#[test]
fn in_a_cohort_the_portfolio_with_a_looping_template_is_named_and_the_other_is_whole() {
    let cohort = tempfile::tempdir().expect("temp dir");
    let good = cohort.path().join("supervisors/ana");
    fs::create_dir_all(&good).expect("mkdir");
    copy_tree(&example("sample-portfolio"), &good);
    let bad = cohort.path().join("supervisors/ben");
    fs::create_dir_all(&bad).expect("mkdir");
    copy_tree(&example("sample-portfolio"), &bad);
    put(&bad, "templates/new/observation.md.tera", NESTED_LOOPS);
    let run = run(cohort.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    insta::assert_snapshot!("templates_hostile_cohort", run.stdout);
}

#[test]
fn an_image_shown_many_times_is_in_the_html_pack_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    put(dir.path(), "pqs.yaml", "candidate: Alex Morgan\nmentor: Sam Patel\nstarted: 2026-01-12\n");
    fs::write(dir.path().join("logo.png"), b"not really a PNG").expect("write");
    fs::create_dir_all(dir.path().join("evidence")).expect("mkdir");
    fs::copy(dir.path().join("logo.png"), dir.path().join("evidence/copy.png")).expect("copy");
    let uses = (1..=4).map(|n| format!("![Logo {n}](../logo.png)")).collect::<Vec<_>>().join("\n");
    let record = format!(
        "---\ntitle: Notes with a logo\ntype: other\ndate: 2026-02-01\nattachments: [copy.png, ../logo.png]\n---\n{uses}\n\n![The same bytes](copy.png) ![](../logo.png)\n"
    );
    put(dir.path(), "evidence/notes.md", &record);
    let run = run_writing(dir.path(), &["render", ".", "--out", "pack.html", "--date", TODAY]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let pack = fs::read_to_string(dir.path().join("pack.html")).expect("the pack");
    assert_eq!(pack.matches("data:image/png;base64,bm90IHJlYWxseSBhIFBORw==").count(), 1, "{pack}");
    let body = &pack[pack.find("<div class=\"body\">").expect("the body")..];
    let body = &body[..body.find("</div>").expect("its end")];
    insta::assert_snapshot!("templates_hostile_image_once", body);
    let figures = pack.matches("<figure class=\"image\">").count();
    assert_eq!(figures, 0, "the attachments show no second copy");
}

/// Run `pqs ARGS` in `root`, which it may write to.
fn run_writing(root: &Path, args: &[&str]) -> Run {
    finish(pqs().current_dir(root).args(args).env("PQS_TODAY", TODAY))
}

/// A part of the HTML pack that loops for ever is named, not the built-in page that includes it.
#[test]
fn a_pack_part_that_loops_for_ever_is_named_not_the_page_including_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    put(dir.path(), "templates/pack/cover.html.tera", NESTED_LOOPS);
    let render = run(dir.path(), &["render", "."]);
    let reason = "it went over what a template may use (10 seconds, 1024 MiB of memory, 256 MiB of text), so \
                  pqs stopped it\n  help: look for a loop that repeats too often, or a text that grows in a loop";
    assert_eq!((render.code, render.stderr), (2, cannot_use("templates/pack/cover.html.tera", reason)));
}
