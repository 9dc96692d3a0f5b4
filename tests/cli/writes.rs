//! Nothing is lost: every file `pqs` writes (packs, reports, new records, signed records, a new
//! portfolio) appears whole or not at all, and no file is replaced but the one it was asked to
//! write.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use crate::{copy_tree, example, finish, snapshot};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

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
    let folders: Vec<PathBuf> = walkdir::WalkDir::new(dir.path())
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
    let runs: [(&[&str], &str); 8] = [
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
