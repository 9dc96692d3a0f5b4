//! Nothing is lost: every file `pqs` writes (packs, reports, new records, signed records, a new
//! portfolio) appears whole or not at all, and no file is replaced but the one it was asked to
//! write.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use tempfile::TempDir;

use crate::{copy_tree, example, finish, link_file, pqs, snapshot};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

const REFLECTION: &str = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";

/// A copy of the sample portfolio in a temporary folder.
fn sample() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    // Packs made by hand in the example (`dist/` is not in git) are not part of it.
    fs::remove_dir_all(dir.path().join("dist")).ok();
    dir
}

/// What changed between two snapshots: each name whose entry was added, removed or altered.
fn changed(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<String> {
    let names = before.keys().chain(after.keys()).collect::<std::collections::BTreeSet<_>>();
    names.into_iter().filter(|n| before.get(*n) != after.get(*n)).cloned().collect()
}

#[cfg(unix)]
#[test]
fn where_pqs_may_not_write_it_exits_2_naming_the_file_and_keeps_the_old_one() {
    use std::os::unix::fs::PermissionsExt as _;
    let user = crate::Unprivileged::find();
    let dir = tempfile::tempdir().expect("temp dir");
    user.share(dir.path());
    let root = dir.path().join("portfolio");
    fs::create_dir(&root).expect("mkdir");
    copy_tree(&example("sample-portfolio"), &root);
    let out = dir.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    for name in ["pack.html", "pack.pdf", "cohort.html", "report.json"] {
        fs::write(out.join(name), format!("the old {name}")).expect("write");
    }
    let folders: Vec<std::path::PathBuf> = walkdir::WalkDir::new(dir.path())
        .min_depth(1)
        .into_iter()
        .map(|e| e.expect("entry"))
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    let set = |mode: u32| {
        for folder in &folders {
            fs::set_permissions(folder, fs::Permissions::from_mode(mode)).expect("chmod");
        }
    };
    let place = |text: &str| {
        text.replace("ROOT", &root.display().to_string()).replace("OUT", &out.display().to_string())
    };
    let mut runs: Vec<(&[&str], &str)> = vec![
        (&["render", "ROOT", "--out", "OUT/pack.html"], "OUT/pack.html"),
        (&["render", "ROOT", "--format", "pdf", "--out", "OUT/pack.pdf"], "OUT/pack.pdf"),
        (&["render", "ROOT"], "ROOT/dist/alex-morgan-pqs-pack.html"),
        (&["report", "ROOT", "--out", "OUT/cohort.html"], "OUT/cohort.html"),
        (&["check", "ROOT", "--format", "json", "--output", "OUT/report.json"], "OUT/report.json"),
        (
            &["sign", OBSERVATION, "--by", "Jo Reed", "--role", "line-manager"],
            "ROOT/evidence/observations/2026-03-02-observation-formative-group-supervision.md",
        ),
        (
            &["new", "pdp", "--title", "A plan", "--date", "2026-11-20"],
            "ROOT/evidence/2026-11-20-pdp-a-plan.md",
        ),
        (&["init", "OUT/new-portfolio", "--candidate", "A", "--mentor", "B"], "OUT/new-portfolio/pqs.yaml"),
    ];
    // A pqs without PDF support refuses a PDF pack before it writes anything.
    runs.retain(|(args, _)| cfg!(feature = "pdf") || !args.contains(&"pdf"));
    let before = snapshot(dir.path());
    set(0o555);
    let results: Vec<_> = runs
        .iter()
        .map(|(args, _)| {
            let args = args.iter().map(|a| place(a));
            finish(user.pqs().current_dir(&root).args(args).env("PQS_TODAY", "2026-11-22"))
        })
        .collect();
    set(0o755);
    assert_eq!(changed(&before, &snapshot(dir.path())), Vec::<String>::new(), "no file was written");
    for ((args, file), run) in runs.iter().zip(results) {
        let file = place(file);
        assert_eq!(run.code, 2, "pqs {}: {run:?}", args.join(" "));
        assert!(
            run.stderr.contains(&format!("`{file}`")) && run.stderr.contains("Permission denied"),
            "pqs {} names `{file}` and why: {}",
            args.join(" "),
            run.stderr
        );
        assert!(!run.stderr.contains(".pqs-"), "no temporary file is named: {}", run.stderr);
    }
}

#[test]
fn init_keeps_every_file_already_there_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for (file, text) in [
        ("README.md", "my notes"),
        (".gitignore", "secret/\n"),
        (".gitattributes", "* text=auto\n"),
        ("evidence/.gitkeep", "kept"),
        (".github/workflows/pqs.yml", "our own CI"),
        ("evidence/mine.md", "---\ntitle: Mine\ntype: other\ndate: 2026-01-20\n---\nMine.\n"),
    ] {
        fs::create_dir_all(root.join(file).parent().expect("parent")).expect("mkdir");
        fs::write(root.join(file), text).expect("write");
    }
    let before = snapshot(root);
    let run = finish(
        pqs()
            .arg("init")
            .arg(root)
            .args(["--candidate", "Alex Morgan", "--mentor", "Sam Patel", "--started", "2026-01-12"])
            .args(["--ci", "github", "--no-git"]),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(changed(&before, &snapshot(root)), ["pqs.yaml"], "only the new pqs.yaml is written");
}

#[test]
fn new_and_init_neither_replace_nor_follow_a_link_where_they_would_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).expect("mkdir");
    let root = dir.path().join("portfolio");
    fs::create_dir(&root).expect("mkdir");
    link_file(&elsewhere.join("readme"), &root.join("README.md"));
    let run =
        finish(pqs().arg("init").arg(&root).args(["--candidate", "Alex Morgan", "--mentor", "Sam Patel"]));
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(fs::read_link(root.join("README.md")).expect("still a link"), elsewhere.join("readme"));

    let name = "evidence/2026-11-20-pdp-a-plan.md";
    link_file(&elsewhere.join("record"), &root.join(name));
    fs::create_dir(root.join("evidence/2026-11-20-pdp-a-plan-2.md")).expect("a folder");
    let run =
        finish(pqs().current_dir(&root).args(["new", "pdp", "--title", "A plan", "--date", "2026-11-20"]));
    assert_eq!(run.code, 0, "{run:?}");
    // Compared as paths: on Windows `pqs new` names the file with `\`.
    let written = Path::new(run.stdout.trim());
    assert_eq!(written, Path::new("evidence/2026-11-20-pdp-a-plan-3.md"), "the next free name");
    assert_eq!(fs::read_link(root.join(name)).expect("still a link"), elsewhere.join("record"));
    assert_eq!(fs::read_dir(&elsewhere).expect("list").count(), 0, "nothing was written through a link");
}

#[test]
fn sign_writes_only_the_records_it_was_asked_to_sign() {
    let dir = sample();
    let root = dir.path();
    let sign = |files: &[&str]| {
        finish(pqs().current_dir(root).arg("sign").args(files).args([
            "--by",
            "Jo Reed",
            "--role",
            "line-manager",
            "--date",
            "2026-11-20",
        ]))
    };
    let before = snapshot(root);
    let run = sign(&[OBSERVATION]);
    assert_eq!(run.code, 0, "{run:?}");
    // The first write to a portfolio also leaves its lock file, `.pqs.lock`, which holds nothing.
    assert_eq!(changed(&before, &snapshot(root)), [".pqs.lock", OBSERVATION]);

    let before = snapshot(root);
    let run = sign(&[REFLECTION, OBSERVATION]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(changed(&before, &snapshot(root)), [REFLECTION], "the observation was signed already");

    fs::write(root.join("evidence/broken.md"), "---\ntitle: [unclosed\n---\nText\n").expect("write");
    let before = snapshot(root);
    let other = "evidence/2026-11-09-mentor-report-final.md";
    let run = sign(&[other, "evidence/broken.md"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(changed(&before, &snapshot(root)), Vec::<String>::new(), "none is signed if one cannot be");
}

#[test]
fn rendering_in_a_git_repository_leaves_the_repository_as_it_was() {
    let dir = sample();
    let root = dir.path();
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .current_dir(root)
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    git(&["init", "--quiet"]);
    git(&["add", "."]);
    git(&["commit", "--quiet", "--message", "The portfolio"]);
    let head = git(&["rev-parse", "HEAD"]);
    // Records touched since they were committed: `git status` would refresh its index.
    let later = SystemTime::now() + Duration::from_secs(60);
    for entry in walkdir::WalkDir::new(root.join("evidence")) {
        let entry = entry.expect("entry");
        if entry.file_type().is_file() {
            fs::File::options()
                .write(true)
                .open(entry.path())
                .expect("open")
                .set_modified(later)
                .expect("touch");
        }
    }
    let before = snapshot(&root.join(".git"));
    let out = tempfile::tempdir().expect("temp dir");
    let run = finish(pqs().arg("render").arg(root).arg("--out").arg(out.path().join("pack.html")));
    assert_eq!(run.code, 0, "{run:?}");
    let html = fs::read_to_string(out.path().join("pack.html")).expect("pack");
    assert!(html.contains(head.trim()), "the cover names the commit");
    assert_eq!(
        changed(&before, &snapshot(&root.join(".git"))),
        Vec::<String>::new(),
        "nothing in `.git` changed"
    );
}

/// The PDF pack, which only a pqs with PDF support makes.
#[cfg(feature = "pdf")]
mod pdf_pack {
    use std::fs;
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant, SystemTime};

    use super::sample;

    const PACK: &str = "dist/alex-morgan-pqs-pack.pdf";

    /// Whether `name` is a temporary file of `pqs`: `.pqs-` and six letters or digits.
    fn is_temporary(name: &str) -> bool {
        name.strip_prefix(".pqs-")
            .is_some_and(|r| r.len() == 6 && r.chars().all(|c| c.is_ascii_alphanumeric()))
    }

    /// The names in `folder` but `keep` that are not temporary files of `pqs`.
    fn strays(folder: &Path, keep: &str) -> Vec<String> {
        let names = fs::read_dir(folder).expect("list").map(|e| e.expect("entry").file_name());
        let names = names.map(|n| n.to_string_lossy().into_owned());
        names.filter(|n| n != keep && !is_temporary(n)).collect()
    }

    #[test]
    fn a_pdf_render_killed_part_way_leaves_the_old_pack_whole() {
        let dir = sample();
        let root = dir.path();
        let render = |date: &str| {
            let mut command = Command::new(env!("CARGO_BIN_EXE_pqs"));
            command.arg("render").arg(root).args(["--format", "pdf", "--date", date]);
            command.stdout(Stdio::null()).stderr(Stdio::null());
            command
        };
        assert!(render("2026-11-20").status().expect("runs").success());
        let old = fs::read(root.join(PACK)).expect("the old pack");
        // The new pack whole, and how long making it takes, to kill the next ones part-way.
        let started = Instant::now();
        assert!(render("2026-11-22").status().expect("runs").success());
        let whole = started.elapsed();
        let new = fs::read(root.join(PACK)).expect("the new pack");
        assert_ne!(old, new, "the packs differ by their date");

        let mut killed = 0;
        for eighths in 0..=8 {
            fs::write(root.join(PACK), &old).expect("the old pack back");
            let mut child = render("2026-11-22").spawn().expect("starts");
            std::thread::sleep(whole * eighths / 8);
            let _ = child.kill();
            let status = child.wait().expect("ends");
            let now = fs::read(root.join(PACK)).expect("a pack is there");
            if status.success() {
                assert!(now == new, "a render that finished wrote the whole new pack");
            } else {
                killed += 1;
                assert!(now == old || now == new, "killed at {eighths}/8 of a render: a pack half written");
            }
            let strays = strays(&root.join("dist"), "alex-morgan-pqs-pack.pdf");
            assert!(strays.is_empty(), "killed at {eighths}/8: {strays:?} beside the pack");
        }
        assert!(killed > 0, "at least one render was killed before it finished");

        // A temporary file left by a killed render is removed by a later one once it is stale.
        let put = |name: &str, age: Duration| {
            let file = fs::File::create(root.join("dist").join(name)).expect("create");
            file.set_modified(SystemTime::now() - age).expect("set the time");
        };
        put(".pqs-Left01", Duration::from_secs(3600));
        put(".pqs-Left02", Duration::ZERO);
        assert!(render("2026-11-22").status().expect("runs").success());
        assert_eq!(fs::read(root.join(PACK)).expect("pack"), new);
        assert!(!root.join("dist/.pqs-Left01").exists(), "a stale temporary file is removed");
        assert!(
            root.join("dist/.pqs-Left02").exists(),
            "one that may be another pqs's, still writing, is kept"
        );
    }
}
