//! Tests of loading, overriding and rendering templates, and of the errors naming a broken one.

use super::*;

#[test]
fn a_portfolio_template_overrides_the_built_in_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let own = dir.path().join("templates/new/other.md.tera");
    std::fs::create_dir_all(own.parent().expect("parent")).expect("mkdir");
    std::fs::write(&own, "title: {{ title | yaml }}\n").expect("write");
    let templates = Templates::load(Some(dir.path())).expect("loads");
    let mut context = Context::new();
    context.insert("title", "Say \"hi\": now");
    let text = templates.render("new/other.md.tera", &context).expect("renders");
    assert_eq!(text, "title: \"Say \\\"hi\\\": now\"\n");
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let own = dir.path().join("templates/new/pdp.md.tera");
    std::fs::create_dir_all(own.parent().expect("parent")).expect("mkdir");
    std::fs::write(&own, "---\ntitle: x\n{% if %}\n").expect("write");
    let error = Templates::load(Some(dir.path())).expect_err("fails");
    let text = error.to_string();
    assert!(text.contains("templates/new/pdp.md.tera"), "{text}");
    assert!(text.contains("line 3"), "{text}");
}

#[test]
fn a_rendering_error_names_its_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let own = dir.path().join("templates/new/pdp.md.tera");
    std::fs::create_dir_all(own.parent().expect("parent")).expect("mkdir");
    std::fs::write(&own, "a\nb\n{{ missing.field }}\n").expect("write");
    let templates = Templates::load(Some(dir.path())).expect("loads");
    let error = templates.render("new/pdp.md.tera", &Context::new()).expect_err("fails");
    assert!(error.to_string().contains("line 3"), "{error}");
}
