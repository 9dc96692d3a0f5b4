//! `pqs render`: one self-contained HTML pack, escaped, deterministic, written atomically.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{example, fixture, pqs};

/// Render `portfolio` to `out` with `args`; returns the exit status and what was printed.
fn render(portfolio: &Path, out: &Path, args: &[&str]) -> (i32, String) {
    let output = pqs()
        .env_remove("SOURCE_DATE_EPOCH")
        .arg("render")
        .arg(portfolio)
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .expect("runs");
    let printed =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code().expect("exit"), printed)
}

fn pack(portfolio: &Path, args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.html");
    let (code, printed) = render(portfolio, &out, args);
    assert_eq!(code, 0, "{printed}");
    fs::read_to_string(out).expect("pack written")
}

#[test]
fn the_sample_pack_has_the_cover_status_contents_and_every_record() {
    let html = pack(&example("sample-portfolio"), &["--date", "2026-11-22"]);
    for text in [
        "<h1 id=\"cover-title\">Alex Morgan</h1>",
        "Northshire Council",
        "Sam Patel",
        "2025-12-01",
        "2025-12-08 to 2026-11-09",
        "<dd>2026-11-22</dd>",
    ] {
        assert!(html.contains(text), "cover shows {text}");
    }
    assert!(html.contains("Every requirement is met and every standard has evidence."));
    assert!(!html.contains("Incomplete: not for submission"));
    assert_eq!(html.matches("<article class=\"record\"").count(), 17);
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\""));
    assert_eq!(html.matches("<td class=\"on\">").count(), 33, "one filled cell per record and standard");
    for forbidden in ["<script", "src=\"http", "href=\"http", "url(", "<link", "<iframe"] {
        assert!(!html.contains(forbidden), "no {forbidden} in a self-contained pack");
    }
    let attachment =
        fs::read(example("sample-portfolio/evidence/attachments/supervision-agreement-template.txt"))
            .expect("attachment");
    let digest: String = Sha256::digest(&attachment).iter().map(|b| format!("{b:02x}")).collect();
    assert!(html.contains(&digest), "the attachment is listed with its SHA-256");
}

#[test]
fn two_renders_are_byte_identical_and_the_date_comes_from_source_date_epoch() {
    let first = pack(&example("sample-portfolio"), &["--date", "2026-11-22"]);
    let second = pack(&example("sample-portfolio"), &["--date", "2026-11-22"]);
    assert!(first == second, "byte-identical");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.html");
    let output = pqs()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .arg("render")
        .arg(example("sample-portfolio"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(fs::read_to_string(&out).expect("read").contains("<dt>Pack made</dt><dd>2026-01-01</dd>"));
}

#[test]
fn an_incomplete_portfolio_is_marked_on_every_page_and_lists_what_is_missing() {
    let html = pack(&example("in-progress"), &["--date", "2026-11-22"]);
    assert!(
        html.contains("<div class=\"incomplete-mark\" role=\"note\">Incomplete: not for submission</div>")
    );
    assert!(html.contains("<li>Two direct observations: 0 of 2 found; "), "the status page lists the gaps");
    assert!(!html.contains("(draft)"), "drafts are left out");
    let with_drafts = pack(&example("in-progress"), &["--date", "2026-11-22", "--drafts"]);
    assert_eq!(with_drafts.matches("<span class=\"draft-mark\">(draft)</span>").count(), 1);
}

#[test]
fn raw_html_in_a_record_is_shown_as_text() {
    let html = pack(&fixture("hostile"), &["--date", "2026-11-22"]);
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<svg onload"), "no element from the record");
    assert!(!html.contains("javascript:"), "no script link");
    assert!(!html.contains("<img src=\"x\""), "no image from the record's raw HTML");
    assert!(html.contains("&lt;img src=&quot;x&quot; onerror="), "shown as text instead");
    assert!(
        html.contains("<title>PQS portfolio of Test &lt;b&gt;Candidate&lt;&#x2F;b&gt;</title>")
            || html.contains("<title>PQS portfolio of Test &lt;b&gt;Candidate&lt;/b&gt;</title>")
    );
    assert!(html.contains("<img id=\"pqs-image-1\" src=\"data:image/png;base64,"), "images are embedded");
    assert!(
        html.contains("alt=\"A small blue and red square\""),
        "an image in the text that is a file in the portfolio is embedded"
    );
    // Shown in the text and listed as an attachment: its bytes are in the pack once.
    assert_eq!(html.matches("src=\"data:image/png;base64,").count(), 1);
    assert!(
        html.contains("<a href=\"https://example.org/tracker.png\">tracker</a>"),
        "a remote image is only linked"
    );
    for gfm in ["<del>struck</del>", "type=\"checkbox\"", "<table>", "footnote"] {
        assert!(html.contains(gfm), "{gfm}");
    }
}

#[test]
fn the_pack_says_whether_each_signoff_is_still_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_tree(&example("sample-portfolio"), dir.path());
    let report = dir.path().join("evidence/2026-11-09-mentor-report-final.md");
    let text = fs::read_to_string(&report).expect("read");
    fs::write(&report, format!("{text}\nA sentence added after signing.\n")).expect("edit");
    let html = pack(dir.path(), &["--date", "2026-11-22", "--force"]);
    assert!(html.contains(
        "<li>Sam Patel (mentor), 2026-11-10: <strong class=\"signoff-broken\">no longer valid: the record&#39;s text or details changed after it was signed</strong>\n<br><span class=\"signoff-how\">typed name only, not signed with a key</span></li>"
    ));
    assert_eq!(
        html.matches("<span class=\"signoff-holds\">still valid</span>").count(),
        6,
        "the observations' sign-offs are still valid"
    );
}

#[test]
fn a_portfolio_with_errors_is_not_rendered_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.html");
    let (code, printed) = render(&fixture("typos"), &out, &[]);
    assert_eq!(code, 1);
    assert!(printed.contains("error[invalid-date]"), "the diagnostics are shown: {printed}");
    assert!(printed.contains("--force"));
    assert!(!out.exists());
    let (code, _) = render(&fixture("typos"), &out, &["--force"]);
    assert_eq!(code, 0);
    assert!(out.exists());
}

#[test]
fn a_failed_write_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("pack.html");
    fs::create_dir(&out).expect("a folder where the pack would go");
    fs::write(out.join("keep.txt"), "mine").expect("write");
    let (code, printed) = render(&example("sample-portfolio"), &out, &[]);
    assert_eq!(code, 2, "{printed}");
    assert!(printed.contains("could not write"), "{printed}");
    assert_eq!(fs::read_to_string(out.join("keep.txt")).expect("read"), "mine");
    let names: Vec<PathBuf> =
        fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").path()).collect();
    assert_eq!(names, [out], "no temporary file is left behind");
}

#[test]
fn the_default_output_is_in_dist_and_a_portfolio_template_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("pqs.yaml"), "candidate: Jamie Fox\nmentor: M\nstarted: 2026-01-01\n")
        .expect("manifest");
    fs::create_dir_all(root.join("evidence")).expect("mkdir");
    fs::write(root.join("evidence/a.md"), "---\ntitle: A\ntype: other\ndate: 2026-02-01\n---\nText.\n")
        .expect("record");
    fs::create_dir_all(root.join("templates/pack")).expect("mkdir");
    fs::write(
        root.join("templates/pack/cover.html.tera"),
        "<section><h1>Our own cover for {{ pack.candidate }}</h1></section>\n",
    )
    .expect("template");
    let output = pqs().current_dir(root).args(["render", "--date", "2026-11-22"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "dist/jamie-fox-pqs-pack.html (incomplete: not for submission)\n"
    );
    let html = fs::read_to_string(root.join("dist/jamie-fox-pqs-pack.html")).expect("read");
    assert!(html.contains("<h1>Our own cover for Jamie Fox</h1>"));
}

/// A pqs built without the `pdf` feature says so, in one sentence, for a PDF pack or both, and
/// writes nothing: not even the HTML pack of `--format all`.
#[test]
#[cfg(not(feature = "pdf"))]
fn without_pdf_support_a_pdf_pack_is_refused_in_one_sentence() {
    for format in ["pdf", "all"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("pack.pdf");
        let output = pqs()
            .arg("render")
            .arg(example("sample-portfolio"))
            .args(["--format", format, "--out"])
            .arg(&out)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "--format {format}");
        assert_eq!(String::from_utf8_lossy(&output.stdout), "");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: this pqs was built without PDF support, so it cannot make a PDF pack (`--format html` \
             makes the HTML pack); for PDF, install a release of pqs (see \"Install\" in its README) or \
             build it with its default features\n"
        );
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 0, "nothing written");
    }
}

/// `pqs --version` says whether this pqs can make PDF packs.
#[test]
fn the_version_says_whether_pdf_packs_can_be_made() {
    let output = pqs().arg("--version").output().expect("runs");
    let version = env!("CARGO_PKG_VERSION");
    let expected = if cfg!(feature = "pdf") {
        format!("pqs {version}\n")
    } else {
        format!("pqs {version} (without PDF support)\n")
    };
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
}

/// The part of `html` from `start` to the first `end` after it, both included.
fn part<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let from = html.find(start).expect("the part's start");
    let to = from + html[from..].find(end).expect("the part's end") + end.len();
    &html[from..to]
}

#[test]
fn still_missing_says_each_gap_once_and_shows_file_names_as_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("pqs.yaml"), "candidate: Jo Bloggs\nmentor: Sam Patel\nstarted: 2026-01-05\n")
        .expect("manifest");
    fs::create_dir_all(root.join("evidence")).expect("mkdir");
    fs::write(
        root.join("evidence/obs.md"),
        "---\ntitle: An observation\ntype: observation\nkind: formative\ndate: 2026-03-01\nobserver: Dee Okafor\nstandards: [1, 2, 3, 4, 5, 6, 7, 8]\n---\nText.\n",
    )
    .expect("record");
    let html = pack(root, &["--date", "2026-11-22", "--force"]);
    insta::assert_snapshot!("render_still_missing", part(&html, "<div class=\"missing\">", "</div>"));
}

#[test]
fn the_standards_table_has_a_key_and_the_timeline_names_types_in_words() {
    let html = pack(&example("sample-portfolio"), &["--date", "2026-11-22"]);
    insta::assert_snapshot!("render_standards_key", part(&html, "<dl class=\"key\"", "</dl>"));
    let svg = part(&html, "<svg", "</svg>");
    let labels: Vec<&str> = svg
        .split("class=\"label\"")
        .skip(1)
        .map(|rest| rest[rest.find('>').expect("tag") + 1..].split('<').next().expect("text"))
        .collect();
    assert_eq!(
        labels,
        [
            "Observation",
            "Reflection",
            "Supervision",
            "Feedback",
            "Self-assessment",
            "Development plan (PDP)",
            "PDP review",
            "Learning",
            "Mentor's report",
            "Other"
        ]
    );
    let key = part(svg, "<g class=\"legend\">", "</g>");
    assert!(
        key.contains(">Key:</text>")
            && key.contains(">a record, on its date</text>")
            && key.contains(">an observation</text>"),
        "{key}"
    );
    assert!(!key.contains("a draft"), "no draft in the pack, none in the key");
}

/// A framework whose standards list every statement: the table stays as wide as the standards,
/// and the key under it says how many records evidence each statement.
#[test]
fn statements_of_a_complete_list_are_counted_in_the_key_not_added_as_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(
        root.join("framework.yaml"),
        "id: ours\ntitle: Our standards\nstandards:\n  - id: \"1\"\n    title: Values\n    summary: Values.\n    statements_complete: true\n    statements:\n      - id: \"1.1\"\n        label: Listen\n      - id: \"1.2\"\n        label: Explain\n  - id: \"2\"\n    title: Practice\n    summary: Practice.\n    statements_complete: false\n    statements: []\nrequirements: []\n",
    )
    .expect("framework");
    fs::write(
        root.join("pqs.yaml"),
        "candidate: Jo Bloggs\nmentor: Sam Patel\nstarted: 2026-01-05\nframework: framework.yaml\n",
    )
    .expect("manifest");
    fs::create_dir_all(root.join("evidence")).expect("mkdir");
    fs::write(
        root.join("evidence/a.md"),
        "---\ntitle: A reflection\ntype: reflection\ndate: 2026-02-01\nstandards: [\"1.1\", \"2\"]\n---\nText.\n",
    )
    .expect("record");
    let html = pack(root, &["--date", "2026-11-22", "--force"]);
    insta::assert_snapshot!(
        "render_statements_key",
        format!(
            "{}\n{}",
            part(&html, "<table class=\"matrix\">", "</table>"),
            part(&html, "<dl class=\"key\">", "</dl>")
        )
    );
}
