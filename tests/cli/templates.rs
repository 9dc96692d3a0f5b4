//! `pqs templates list | export | show`, the warning about a copy of an older built-in template,
//! and a mistake in a portfolio's own template named at its file and line.

use std::fs;
use std::path::Path;

use crate::{copy_tree, example, pqs};

/// The sample portfolio in a new folder.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    fs::remove_dir_all(dir.path().join("dist")).ok();
    dir
}

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run(root: &Path, args: &[&str]) -> Run {
    let output = pqs().current_dir(root).args(args).output().expect("runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    Run { code: output.status.code().expect("exit"), out: text(output.stdout), err: text(output.stderr) }
}

/// `text` with the first line of `file` in the portfolio put back as `first`.
fn with_first_line(root: &Path, file: &str, first: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).expect("read");
    let rest = text.split_once('\n').expect("a first line").1;
    fs::write(&path, format!("{first}\n{rest}")).expect("write");
}

#[test]
fn the_list_says_what_each_template_makes_and_which_are_the_portfolios() {
    let dir = sample();
    let exported = run(dir.path(), &["templates", "export", "cover"]);
    assert_eq!(exported.code, 0);
    assert!(
        exported.out.starts_with("wrote templates/pack/cover.html.tera\nThe PDF pack"),
        "{}",
        exported.out
    );
    fs::write(dir.path().join("templates/pack.typ.tera"), "= My own pack\n").expect("write");
    fs::write(dir.path().join("templates/record.html.tera"), "<p>in the wrong folder</p>\n").expect("write");
    let listed = run(dir.path(), &["templates", "list"]);
    assert_eq!(listed.code, 0, "{}", listed.err);
    insta::assert_snapshot!("templates_list", listed.out);
}

#[test]
fn export_copies_only_the_templates_named_and_all_only_when_asked() {
    let dir = sample();
    let none = run(dir.path(), &["templates", "export"]);
    assert_eq!(none.code, 2);
    assert!(none.err.starts_with("error: name the templates to copy"), "{}", none.err);
    assert!(!dir.path().join("templates").exists(), "nothing is copied without a name");
    let folder = run(dir.path(), &["templates", "export", "."]);
    assert_eq!(folder.code, 2);
    assert!(folder.err.contains("give the folder with `--in`"), "{}", folder.err);
    let typo = run(dir.path(), &["templates", "export", "pack/covr.html.tera"]);
    assert_eq!(
        typo.err,
        "error: `pack/covr.html.tera` is not one of pqs's templates\n  help: did you mean \
         `pack/cover.html.tera`? `pqs templates list` lists them\n"
    );
    let two = run(dir.path(), &["templates", "export", "templates/pack/cover.html.tera", "observation"]);
    assert_eq!(
        two.out,
        "wrote templates/pack/cover.html.tera\nwrote templates/new/observation.md.tera\nThe PDF pack is made \
         from another template: to make the same change there, `pqs templates export pack.typ.tera`.\n"
    );
    let files: Vec<_> = walkdir::WalkDir::new(dir.path().join("templates"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .collect();
    assert_eq!(files.len(), 2);
    let pdf = run(sample().path(), &["templates", "export", "pack.typ"]);
    assert_eq!(
        pdf.out,
        "wrote templates/pack.typ.tera\nThe HTML pack is made from other templates (`pqs templates list` \
         names them): a change to the PDF's does not reach it.\n"
    );
    let all = run(dir.path(), &["templates", "export", "--all"]);
    assert_eq!(all.out.lines().count(), pqs::templates::BUILT_IN.len());
    assert!(all.out.contains("kept your templates/pack/cover.html.tera\n"), "{}", all.out);
    assert!(!all.out.contains("is made from"), "both packs' templates are copied: {}", all.out);
    // A copy makes what the built-in template makes.
    let with_copies = run(dir.path(), &["render", "--date", "2026-11-22", "--out", "copies.html"]);
    fs::remove_dir_all(dir.path().join("templates")).expect("remove");
    let without = run(dir.path(), &["render", "--date", "2026-11-22", "--out", "built-in.html"]);
    assert_eq!((with_copies.code, without.code), (0, 0), "{}{}", with_copies.err, without.err);
    assert_eq!(
        fs::read(dir.path().join("copies.html")).expect("read"),
        fs::read(dir.path().join("built-in.html")).expect("read")
    );
}

#[test]
fn a_copy_of_an_older_template_is_warned_about_once_and_an_unedited_one_brought_up_to_date() {
    let dir = sample();
    run(dir.path(), &["templates", "export", "pack/cover.html.tera", "new/pdp.md.tera"]);
    let current = run(dir.path(), &["check"]);
    assert_eq!((current.code, current.err.as_str()), (0, ""), "an up-to-date copy is not warned about");
    // Copies of an older version: the cover edited since, the PDP's template not.
    let old = "{#- pqs: copied from the built-in template NAME, version 0123456789ab. Keep this line. -#}";
    with_first_line(
        dir.path(),
        "templates/pack/cover.html.tera",
        &old.replace("NAME", "pack/cover.html.tera"),
    );
    let cover = dir.path().join("templates/pack/cover.html.tera");
    let edited = fs::read_to_string(&cover).expect("read").replace("Portfolio of evidence", "Our portfolio");
    fs::write(&cover, &edited).expect("write");
    let pdp = dir.path().join("templates/new/pdp.md.tera");
    let built_in = fs::read_to_string(&pdp).expect("read");
    let body = "---\ntitle: {{ title | yaml }}\n---\n";
    let version = run(dir.path(), &["templates", "show", "pdp"]).out;
    assert_eq!(version, built_in, "show prints what export writes");
    let digest = |text: &str| {
        use sha2::Digest as _;
        sha2::Sha256::digest(text.as_bytes()).iter().take(6).map(|b| format!("{b:02x}")).collect::<String>()
    };
    let old_pdp =
        format!("{}\n{body}", old.replace("NAME", "new/pdp.md.tera").replace("0123456789ab", &digest(body)));
    fs::write(&pdp, &old_pdp).expect("write");
    for args in [&["check", "--format", "json"][..], &["render", "--date", "2026-11-22"][..]] {
        let warned = run(dir.path(), args);
        assert_eq!(warned.code, 0, "{args:?}: {}", warned.err);
        insta::assert_snapshot!("templates_outdated_warning", warned.err);
    }
    // `pqs new` warns of the one template it uses.
    let new =
        run(dir.path(), &["new", "pdp", "--title", "Plan two", "--date", "2026-11-01", "--standards", "1"]);
    assert_eq!(new.code, 0, "{}", new.err);
    assert!(new.err.starts_with("warning: `templates/new/pdp.md.tera` is a copy of an older"), "{}", new.err);
    assert!(!new.err.contains("cover"), "{}", new.err);
    fs::remove_file(dir.path().join(new.out.trim())).expect("remove");
    let exported = run(dir.path(), &["templates", "export", "cover", "pdp"]);
    assert_eq!(
        exported.out,
        "kept your templates/pack/cover.html.tera (you changed it; `pqs templates show` prints the new \
         built-in one)\nupdated templates/new/pdp.md.tera (you had not changed it)\n"
    );
    assert_eq!(fs::read_to_string(&cover).expect("read"), edited, "an edited copy is never overwritten");
    assert_eq!(fs::read_to_string(&pdp).expect("read"), built_in);
    let after = run(dir.path(), &["check"]);
    assert!(!after.err.contains("pdp.md.tera") && after.err.contains("cover.html.tera"), "{}", after.err);
}

#[test]
fn a_tera_file_that_no_template_is_named_after_is_warned_about() {
    let dir = sample();
    fs::create_dir_all(dir.path().join("templates/new")).expect("mkdir");
    fs::write(dir.path().join("templates/new/observaton.md.tera"), "---\n").expect("write");
    fs::write(dir.path().join("templates/notes.txt"), "my own notes\n").expect("write");
    let checked = run(dir.path(), &["check"]);
    assert_eq!(checked.code, 0);
    assert_eq!(
        checked.err,
        "warning: `templates/new/observaton.md.tera` is not used: no template of pqs is named \
         `new/observaton.md.tera`\n  help: did you mean `templates/new/observation.md.tera`? `pqs templates \
         list` lists the names\n"
    );
}

#[test]
fn a_template_written_from_scratch_is_not_warned_about() {
    let dir = sample();
    fs::create_dir_all(dir.path().join("templates/pack")).expect("mkdir");
    fs::write(dir.path().join("templates/pack/cover.html.tera"), "<h1>{{ pack.candidate }}</h1>\n")
        .expect("write");
    let rendered = run(dir.path(), &["render", "--date", "2026-11-22"]);
    assert_eq!((rendered.code, rendered.err.as_str()), (0, ""));
}

/// A mistake in a template that another includes is named at its own file and line, the
/// portfolio's file, whether the template including it is the portfolio's or the built-in one.
#[test]
fn an_undefined_value_in_an_included_template_names_that_file_and_line() {
    for including_too in [false, true] {
        let dir = sample();
        let mut names = vec!["pack/cover.html.tera"];
        if including_too {
            names.push("pack.html.tera");
        }
        run(dir.path(), &[&["templates", "export"][..], &names].concat());
        let cover = dir.path().join("templates/pack/cover.html.tera");
        let text =
            fs::read_to_string(&cover).expect("read").replace("{{ pack.candidate }}", "{{ candidate }}");
        fs::write(&cover, text).expect("write");
        let failed = run(dir.path(), &["render", "--date", "2026-11-22"]);
        assert_eq!(failed.code, 2);
        let root = dir.path().canonicalize().expect("canonical").display().to_string();
        assert_eq!(
            failed.err.replace(&root, "<root>"),
            "error: the template `<root>/templates/pack/cover.html.tera` cannot be used (line 4): Variable \
             `candidate` is not defined. Available variables: pack\n",
            "including template exported too: {including_too}"
        );
    }
}

/// In a cohort's folder only the cohort page's template is used: export copies only it, and a
/// pack template there is said to be unused.
#[test]
fn a_cohorts_folder_takes_only_the_cohort_page_template() {
    let dir = crate::cohort::cohort();
    let refused = run(dir.path(), &["templates", "export", "pack/cover.html.tera"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.err.starts_with("error: `pack/cover.html.tera` is not used in a cohort's folder"),
        "{}",
        refused.err
    );
    let all = run(dir.path(), &["templates", "export", "--all"]);
    assert_eq!((all.code, all.out.as_str()), (0, "wrote templates/cohort.html.tera\n"), "{}", all.err);
    fs::create_dir_all(dir.path().join("templates/pack")).expect("mkdir");
    fs::write(dir.path().join("templates/pack/cover.html.tera"), "<h1>{{ pack.candidate }}</h1>\n")
        .expect("write");
    let report = run(dir.path(), &["report", ".", "--today", "2026-11-22"]);
    assert_eq!(report.code, 0, "{}", report.err);
    assert_eq!(
        report.err,
        "warning: `templates/pack/cover.html.tera` is not used: a cohort's folder uses only \
         `templates/cohort.html.tera`\n  help: move it into each portfolio's `templates/` folder that should use it\n"
    );
}
