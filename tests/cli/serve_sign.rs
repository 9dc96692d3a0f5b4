//! `pqs serve` for the mentor: what is signed and what changed since, signing with a typed name
//! or a key, and the pack (HTML, and PDF where this pqs makes them).

use super::serve::{committed, serve_sample};
use super::ssh_key;

const REPORT: &str = "evidence/2026-11-09-mentor-report-final.md";

#[test]
fn a_mentor_sees_a_stale_sign_off_with_what_changed_and_signs_again() {
    let served = serve_sample(|root| {
        committed(root);
        let path = root.join(REPORT);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text.replace("title: Mentor's final report", "title: Mentor's last report"))
            .expect("write");
    });
    let page = served.get(&format!("/record/{REPORT}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("The record changed after it was signed"), "{}", page.body);
    assert!(page.body.contains("<span class=\"del\">-title: Mentor&#39;s final report</span>\n<span class=\"ins\">+title: Mentor&#39;s last report</span>"), "{}", page.body);
    let records = served.get("/records?signed=stale");
    assert!(
        records.body.contains("Mentor&#x27;s last report")
            || records.body.contains("Mentor&#39;s last report"),
        "{}",
        records.body
    );
    // Signed again with a typed name (this portfolio does not require keys).
    let answer =
        served.post(&format!("/sign/{REPORT}"), &[("by", "Sam Patel"), ("role", "mentor"), ("key", "")]);
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("location"), Some(format!("/record/{REPORT}?done=signed").as_str()));
    let signed = served.get(&format!("/record/{REPORT}?done=signed"));
    assert!(signed.body.contains("<p class=\"notice\" role=\"status\">Signed.</p>"));
    assert!(!signed.body.contains("The record changed after it was signed"));
    let text = std::fs::read_to_string(served.dir.path().join(REPORT)).expect("read");
    assert!(text.contains("  - by: Sam Patel\n    role: mentor\n    date: 2026-11-22\n"), "{text}");
}

#[test]
fn a_mentor_signs_with_a_key_file_and_a_wrong_key_signs_nothing() {
    let keys = tempfile::tempdir().expect("tempdir");
    let (key, _) = ssh_key(keys.path(), "mentor");
    let served = serve_sample(|_| {});
    let file = "evidence/2025-12-15-self-assessment-baseline.md";
    let before = std::fs::read_to_string(served.dir.path().join(file)).expect("read");
    let not_a_key = keys.path().join("not-a-key");
    std::fs::write(&not_a_key, "hello").expect("write");
    let refused = served.post(
        &format!("/sign/{file}"),
        &[("by", "Sam Patel"), ("role", "mentor"), ("key", &not_a_key.display().to_string())],
    );
    assert_eq!(refused.status, 500);
    assert!(refused.body.contains("The key could not be used"), "{}", refused.body);
    assert_eq!(std::fs::read_to_string(served.dir.path().join(file)).expect("read"), before);
    let answer = served.post(
        &format!("/sign/{file}"),
        &[("by", "Sam Patel"), ("role", "mentor"), ("key", &key.display().to_string())],
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    let text = std::fs::read_to_string(served.dir.path().join(file)).expect("read");
    assert!(text.contains("    signature: |\n      -----BEGIN SSH SIGNATURE-----\n"), "{text}");
    let page = served.get(&format!("/record/{file}"));
    assert!(page.body.contains("signed with the key SHA256:"), "{}", page.body);
}

#[test]
fn the_pack_is_served_under_its_own_policy_and_refused_while_errors_stand() {
    let served = serve_sample(|_| {});
    let wrapper = served.get("/pack");
    assert!(
        wrapper
            .body
            .contains("<iframe id=\"pack\" class=\"pack\" src=\"/pack.html\" title=\"The pack\"></iframe>")
    );
    let pack = served.get("/pack.html");
    assert_eq!(pack.status, 200);
    assert_eq!(
        pack.header("content-security-policy"),
        Some(
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
        )
    );
    assert!(pack.body.contains("Alex Morgan"));
    #[cfg(feature = "pdf")]
    {
        let pdf = served.post("/pdf", &[]);
        assert_eq!(pdf.header("content-type"), Some("application/pdf"));
        assert!(pdf.header("content-disposition").is_some_and(|d| d.starts_with("attachment; filename=")));
        assert!(pdf.body.starts_with("%PDF-"));
    }
    // An error in a record: the pack is not made, and the page says why.
    let path = served.dir.path().join(REPORT);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("date: 2026-11-09", "date: 2026-13-09")).expect("write");
    assert_eq!(served.get("/pack.html").status, 409);
    assert!(served.get("/pack").body.contains("Fix these errors to make the pack"));
}

#[test]
fn a_portfolio_s_own_templates_make_its_pages() {
    let served = serve_sample(|root| {
        std::fs::create_dir_all(root.join("templates/serve")).expect("mkdir");
        let own = "{% extends \"serve/layout.html.tera\" %}{% block title %}{{ title }}{% endblock title %}{% block content %}<p>Our own words: {{ message }}</p>{% endblock content %}";
        std::fs::write(root.join("templates/serve/message.html.tera"), own).expect("write");
    });
    let page = served.get("/nowhere");
    assert_eq!(page.status, 404);
    assert!(
        page.body.contains("<p>Our own words: There is nothing at this address in the portfolio.</p>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<title>Not found · Alex Morgan · pqs</title>"), "{}", page.body);
}

#[test]
fn a_record_s_page_shows_its_images_inside_it_and_a_link_out_stays_a_link() {
    let served = serve_sample(|root| {
        std::fs::copy(super::fixture("hostile/evidence/square.png"), root.join("evidence/square.png"))
            .expect("copy");
        let text = "---\ntitle: A diagram\ntype: other\ndate: 2026-11-20\n---\nThe team's map: ![a square](square.png)\n\nNot from here: ![far](https://example.org/x.png)\n";
        std::fs::write(root.join("evidence/diagram.md"), text).expect("write");
    });
    let page = served.get("/record/evidence/diagram.md");
    assert!(page.body.contains("<img id=\"pqs-image-1\" src=\"data:image/png;base64,"), "{}", page.body);
    assert!(page.body.contains("<a href=\"https://example.org/x.png\">far</a>"), "{}", page.body);
    assert!(!page.body.contains("<img src=\"https:"), "{}", page.body);
}

#[test]
fn the_dashboard_of_the_sample_portfolio_says_where_it_stands() {
    let served = serve_sample(|_| {});
    let page = served.get("/").body;
    // The fingerprint of the files, which differs from copy to copy, is not part of the words.
    let at = page.find("data-fingerprint=\"").expect("a fingerprint") + 18;
    let end = at + page[at..].find('"').expect("its end");
    let page = format!("{}FINGERPRINT{}", &page[..at], &page[end..]);
    insta::assert_snapshot!("serve_dashboard", page);
}
