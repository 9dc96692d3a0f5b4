//! `pqs serve` writing records: a save that changes only what was edited, a save over a file
//! that changed on the disk (a conflict: nothing written until the user chooses), the check as
//! the user types, a new record, the events that tell pages of a change, git, and a cohort.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::serve::{base64_of, committed, input_value, serve, serve_sample};
use super::{copy_tree, example, fixture};

/// A record written by hand: comments, quoting, a block list, a key order of its own.
const HAND_WRITTEN: &str = "---\n# Written by hand; keep this comment.\ntype: reflection\ntitle: 'After the audit: what I learned'\ndate: 2026-09-21   # the day of the audit\nstandards:\n  - 6.4   # leadership\n  - \"5.1\"\ntags: [audit, quality]\n---\n# After the audit\n\nI led the audit with the team.\n";

#[test]
fn a_save_changes_only_what_was_edited_and_keeps_the_rest_byte_for_byte() {
    let served = serve_sample(|root| {
        std::fs::write(root.join("evidence/hand-written.md"), HAND_WRITTEN).expect("write");
    });
    let page = served.get("/edit/evidence/hand-written.md");
    assert_eq!(page.status, 200, "{}", page.body);
    let (version, base) = (input_value(&page.body, "version"), input_value(&page.body, "base"));
    assert_eq!(base, base64_of(HAND_WRITTEN));
    // The form as a browser sends it: every field, the text with CRLF line endings (as a text
    // area sends it), the title and one standard changed.
    let body = "# After the audit\r\n\r\nI led the audit with the team, and wrote up what we found.\r\n";
    let answer = served.post(
        "/save/evidence/hand-written.md",
        &[
            ("version", &version),
            ("base", &base),
            ("fields", "1"),
            ("title", "After the case-file audit"),
            ("date", "2026-09-21"),
            ("standards", "6.4"),
            ("standards", "6.2"),
            ("tags", "audit, quality"),
            ("body", body),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("location"), Some("/record/evidence/hand-written.md?done=saved"));
    let saved = std::fs::read_to_string(served.dir.path().join("evidence/hand-written.md")).expect("read");
    let expected = HAND_WRITTEN
        .replace("title: 'After the audit: what I learned'", "title: After the case-file audit")
        .replace("  - 6.4   # leadership\n  - \"5.1\"\n", "  - 6.4\n  - 6.2\n")
        .replace(
            "I led the audit with the team.",
            "I led the audit with the team, and wrote up what we found.",
        );
    assert_eq!(saved, expected);
    // Saved again unchanged: not a byte moves.
    let page = served.get("/edit/evidence/hand-written.md");
    let (version, base) = (input_value(&page.body, "version"), input_value(&page.body, "base"));
    let answer = served.post(
        "/save/evidence/hand-written.md",
        &[
            ("version", &version),
            ("base", &base),
            ("fields", "1"),
            ("title", "After the case-file audit"),
            ("date", "2026-09-21"),
            ("standards", "6.4"),
            ("standards", "6.2"),
            ("tags", "audit,quality"),
            ("body", &expected[expected.find("# After").expect("body")..]),
        ],
    );
    assert_eq!(answer.status, 303);
    assert_eq!(
        std::fs::read_to_string(served.dir.path().join("evidence/hand-written.md")).expect("read"),
        expected
    );
}

#[test]
fn a_save_over_a_file_changed_on_the_disk_writes_nothing_and_shows_both_versions() {
    // The record by hand, and a longer text: the difference shows the lines around each change.
    let written = format!(
        "{HAND_WRITTEN}\n## What we found\n\nSix files had no review date.\n\nTwo had none of the person's own words.\n\n## What next\n\nWe meet again in March.\n"
    );
    let served = serve_sample(|root| {
        std::fs::write(root.join("evidence/hand-written.md"), &written).expect("write");
    });
    let path = served.dir.path().join("evidence/hand-written.md");
    // Two tabs open the record.
    let first = served.get("/edit/evidence/hand-written.md");
    let second = served.get("/edit/evidence/hand-written.md");
    // The first saves; then an editor changes the file on the disk.
    let form = |page: &str, title: &str| {
        vec![
            ("version".to_owned(), input_value(page, "version")),
            ("base".to_owned(), input_value(page, "base")),
            ("title".to_owned(), title.to_owned()),
        ]
    };
    let pairs = form(&first.body, "Saved by the first tab");
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(served.post("/save/evidence/hand-written.md", &pairs).status, 303);
    let on_disk = std::fs::read_to_string(&path).expect("read").replace("March", "April");
    std::fs::write(&path, &on_disk).expect("write");
    // The second tab's save is refused: the file is as the editor left it.
    let pairs = form(&second.body, "Saved by the second tab");
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let conflict = served.post("/save/evidence/hand-written.md", &pairs);
    assert_eq!(conflict.status, 409);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), on_disk);
    assert!(conflict.body.contains("<h1>This record changed since you opened it</h1>"));
    let start = conflict.body.find("<pre class=\"diff\"").expect("the difference");
    let end = start + conflict.body[start..].find("</pre>").expect("its end");
    assert_eq!(
        &conflict.body[start..end],
        "<pre class=\"diff\" tabindex=\"0\" aria-label=\"The difference between the two versions\">\
         <span class=\"\">  ---</span>\n\
         <span class=\"\">  # Written by hand; keep this comment.</span>\n\
         <span class=\"\">  type: reflection</span>\n\
         <span class=\"del\">- title: Saved by the first tab</span>\n\
         <span class=\"ins\">+ title: Saved by the second tab</span>\n\
         <span class=\"\">  date: 2026-09-21   # the day of the audit</span>\n\
         <span class=\"\">  standards:</span>\n\
         <span class=\"\">    - 6.4   # leadership</span>\n\
         <span class=\"gap\">… 12 lines the same in both</span>\n\
         <span class=\"\">  </span>\n\
         <span class=\"\">  ## What next</span>\n\
         <span class=\"\">  </span>\n\
         <span class=\"del\">- We meet again in April.</span>\n\
         <span class=\"ins\">+ We meet again in March.</span>\n"
    );
    // Keeping the second tab's version replaces the file with it, whole.
    let (version, mine) = (input_value(&conflict.body, "version"), input_value(&conflict.body, "mine"));
    assert_eq!(
        served.post("/save/evidence/hand-written.md", &[("version", &version), ("mine", &mine)]).status,
        303
    );
    let kept = written.replace("title: 'After the audit: what I learned'", "title: Saved by the second tab");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), kept);
    // A choice made from a page older than the file is a conflict again.
    std::fs::write(&path, "changed again").expect("write");
    assert_eq!(
        served.post("/save/evidence/hand-written.md", &[("version", &version), ("mine", &mine)]).status,
        409
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "changed again");
}

#[test]
fn the_record_is_checked_as_it_is_typed_and_its_text_is_never_run() {
    let served = serve_sample(|root| {
        std::fs::write(root.join("evidence/hand-written.md"), HAND_WRITTEN).expect("write");
    });
    let page = served.get("/edit/evidence/hand-written.md");
    let base = input_value(&page.body, "base");
    let check = |body: &str| {
        let answer = served.post(
            "/check/evidence/hand-written.md",
            &[
                ("base", &base),
                ("fields", "1"),
                ("title", "After the audit"),
                ("date", "2026-09-21"),
                ("standards", "6.4"),
                ("body", body),
            ],
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
        serde_json::from_str::<serde_json::Value>(&answer.body).expect("json")
    };
    let found = check("# After the audit\n\nI met Mrs Pritchard at <script>alert(1)</script> home.\n");
    let findings = found["findings"].as_array().expect("findings");
    let codes: Vec<(&str, u64)> = findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap_or(""), f["line"].as_u64().unwrap_or(0)))
        .collect();
    // Line 12 of the file: the front-matter is nine lines long with one standard left.
    assert_eq!(codes, [("privacy-name-title", 12)]);
    let preview = found["preview"].as_str().expect("preview");
    assert_eq!(
        preview,
        "<h3>After the audit</h3>\n<p>I met Mrs Pritchard at &lt;script&gt;alert(1)&lt;/script&gt; home.</p>\n"
    );
    let fixed = check("# After the audit\n\nI met Mrs A at home.\n");
    assert_eq!(fixed["findings"], serde_json::json!([]));
    // Saved with the script in it, the record's page shows it as text.
    std::fs::write(
        served.dir.path().join("evidence/hand-written.md"),
        HAND_WRITTEN.replace("I led the audit", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
    )
    .expect("write");
    let shown = served.get("/record/evidence/hand-written.md");
    assert!(!shown.body.contains("<script>alert") && !shown.body.contains("<img src=x"), "{}", shown.body);
    assert!(shown.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_new_record_is_written_from_its_template_and_opened_to_write_in() {
    let served = serve_sample(|_| {});
    let refused = served.post("/new", &[("type", "observation"), ("title", "Formative observation")]);
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("role=\"alert\""), "{}", refused.body);
    let answer = served.post(
        "/new",
        &[
            ("type", "observation"),
            ("title", "Observation of a team meeting"),
            ("date", "2026-11-20"),
            ("kind", "direct"),
            ("observer", "Sam Patel (mentor)"),
            ("standards", "6.1"),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    let file = "evidence/2026-11-20-observation-direct-team-meeting.md";
    assert_eq!(answer.header("location"), Some(format!("/edit/{file}").as_str()));
    let text = std::fs::read_to_string(served.dir.path().join(file)).expect("written");
    assert!(text.starts_with("---\ntitle: \"Observation of a team meeting\"\ntype: observation\nkind: \"direct\"\ndate: 2026-11-20\n"), "{text}");
    assert_eq!(served.get(&format!("/edit/{file}")).status, 200);
}

#[test]
fn pages_hear_of_a_change_on_the_disk() {
    let served = serve_sample(|_| {});
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let request = format!(
        "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {}\r\n\r\n",
        served.port,
        served.cookie()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let mut head = Vec::new();
    while reader.read_line(&mut line).expect("read") > 0 && line != "retry: 1000\n" {
        head.push(line.clone());
        line.clear();
    }
    assert_eq!(head[0], "HTTP/1.1 200 OK\r\n");
    assert!(head.contains(&"Content-Type: text/event-stream\r\n".to_owned()));
    // Let the watcher see the folder as it is, then change a record.
    std::thread::sleep(Duration::from_millis(200));
    let record = served.dir.path().join("evidence/2026-11-09-mentor-report-final.md");
    let text = std::fs::read_to_string(&record).expect("read");
    std::fs::write(&record, text + "\nOne more line.\n").expect("write");
    let started = Instant::now();
    line.clear();
    while reader.read_line(&mut line).expect("an event") > 0 && !line.starts_with("event:") {
        line.clear();
    }
    assert_eq!(line, "event: change\n", "after {:?}", started.elapsed());
}

#[test]
fn save_and_commit_runs_no_program_of_the_repository_s_configuration() {
    let served = serve_sample(|root| {
        committed(root);
        let git = |args: &[&str]| {
            let status =
                std::process::Command::new("git").arg("-C").arg(root).args(args).status().expect("git");
            assert!(status.success());
        };
        // A hostile configuration: a hook, a monitor and a filter that would leave a mark.
        let mark = root.join("ran");
        let hook = format!("#!/bin/sh\ntouch '{}'\n", mark.display());
        std::fs::write(root.join(".git/hooks/pre-commit"), &hook).expect("hook");
        std::fs::write(root.join(".git/hooks/post-commit"), &hook).expect("hook");
        #[cfg(unix)]
        for name in ["pre-commit", "post-commit"] {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(
                root.join(".git/hooks").join(name),
                std::fs::Permissions::from_mode(0o755),
            )
            .expect("chmod");
        }
        let touch = format!("touch '{}'", mark.display());
        git(&["config", "core.fsmonitor", &touch]);
        git(&["config", "filter.mark.clean", &touch]);
        std::fs::write(root.join(".gitattributes"), "*.md filter=mark\n").expect("attributes");
    });
    let root = served.dir.path();
    let record = root.join("evidence/2026-11-09-mentor-report-final.md");
    let text = std::fs::read_to_string(&record).expect("read");
    std::fs::write(&record, text + "\nOne more line.\n").expect("write");
    let dashboard = served.get("/");
    assert!(
        dashboard.body.contains("<li><code>evidence/2026-11-09-mentor-report-final.md</code></li>"),
        "{}",
        dashboard.body
    );
    let answer = served.post("/commit", &[("message", "Add a line to the mentor's report")]);
    assert_eq!(answer.status, 303, "{}", answer.body);
    let log = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "-1", "--format=%s"])
        .output()
        .expect("git");
    assert_eq!(String::from_utf8_lossy(&log.stdout), "Add a line to the mentor's report\n");
    assert!(!root.join("ran").exists(), "a program of the repository's configuration ran");
    assert!(served.get("/").body.contains("Everything is committed."));
    // Save and commit, from the record's form: the record alone is committed, with the words given.
    std::fs::write(root.join("evidence/other.md"), "not committed\n").expect("write");
    let page = served.get("/edit/evidence/2026-11-09-mentor-report-final.md");
    let (version, base) = (input_value(&page.body, "version"), input_value(&page.body, "base"));
    let answer = served.post(
        "/save/evidence/2026-11-09-mentor-report-final.md",
        &[
            ("version", &version),
            ("base", &base),
            ("title", "Mentor's report"),
            ("commit", "1"),
            ("message", ""),
        ],
    );
    assert_eq!(
        answer.header("location"),
        Some("/record/evidence/2026-11-09-mentor-report-final.md?done=committed")
    );
    let log = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "-1", "--format=%s", "--name-only"])
        .output()
        .expect("git");
    assert_eq!(
        String::from_utf8_lossy(&log.stdout),
        "Update evidence/2026-11-09-mentor-report-final.md\n\nevidence/2026-11-09-mentor-report-final.md\n"
    );
    assert!(!root.join("ran").exists(), "a program of the repository's configuration ran");
}

#[test]
fn a_cohort_shows_each_portfolio_opening_its_own_dashboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["alex", "sam"] {
        std::fs::create_dir_all(dir.path().join(name)).expect("mkdir");
        copy_tree(&example("sample-portfolio"), &dir.path().join(name));
    }
    std::fs::create_dir_all(dir.path().join("bad")).expect("mkdir");
    copy_tree(&fixture("bad"), &dir.path().join("bad"));
    let served = serve(dir);
    let page = served.get("/");
    assert_eq!(page.status, 200);
    for link in [
        "<a href=\"/p/alex/\">Alex Morgan</a>",
        "<a href=\"/p/sam/\">Alex Morgan</a>",
        "<a href=\"/p/bad/\">",
    ] {
        assert!(page.body.contains(link), "{link} in {}", page.body);
    }
    let alex = served.get("/p/alex/");
    assert_eq!(alex.status, 200);
    assert!(alex.body.contains("<a href=\"/p/alex/records\">Records</a>"));
    assert_eq!(served.get("/p/alex/record/evidence/2026-11-09-mentor-report-final.md").status, 200);
    assert_eq!(served.get("/p/nobody/").status, 404);
    assert_eq!(served.get("/records").status, 404);
}

#[test]
fn every_record_type_is_started_and_completed_in_the_pages() {
    let served = serve_sample(|_| {});
    for (n, record_type) in pqs::model::RecordType::NAMES.into_iter().enumerate() {
        let title = format!("A {record_type} written in the browser");
        let mut form = vec![
            ("type", record_type),
            ("title", title.as_str()),
            ("date", "2026-11-21"),
            ("standards", "6.1"),
        ];
        match record_type {
            "observation" => form.extend([("kind", "direct"), ("observer", "Sam Patel (mentor)")]),
            "feedback" => form.push(("kind", "colleague")),
            _ => {}
        }
        let answer = served.post("/new", &form);
        assert_eq!(answer.status, 303, "{record_type}: {}", answer.body);
        let edit = answer.header("location").expect("the new record's page").to_owned();
        let file = edit.strip_prefix("/edit/").expect("an edit page").to_owned();
        let page = served.get(&edit);
        assert_eq!(page.status, 200, "{record_type}");
        // Each prompt answered, the draft made ready, as a supervisor does in the form.
        let text = std::fs::read_to_string(served.dir.path().join(&file)).expect("written");
        let body = &text[text.find("\n---\n").expect("front-matter") + 5..];
        let answered: String = body
            .lines()
            .map(|line| {
                if line.starts_with("_Prompt:") {
                    format!("My own words, part {n}, with Mrs A.")
                } else {
                    line.to_owned()
                }
            })
            .map(|line| line + "\n")
            .collect();
        let (version, base) = (input_value(&page.body, "version"), input_value(&page.body, "base"));
        let mut save = vec![
            ("version", version.as_str()),
            ("base", base.as_str()),
            ("fields", "1"),
            ("title", title.as_str()),
            ("date", "2026-11-21"),
            ("standards", "6.1"),
            ("body", answered.as_str()),
        ];
        match record_type {
            "observation" => save.extend([("kind", "direct"), ("observer", "Sam Patel (mentor)")]),
            "feedback" => save.push(("kind", "colleague")),
            _ => {}
        }
        let saved = served.post(&format!("/save/{file}"), &save);
        assert_eq!(saved.status, 303, "{record_type}: {}", saved.body);
        let record = served.get(&format!("/record/{file}"));
        assert!(
            record.body.contains("<p class=\"good\">Nothing found.</p>"),
            "{record_type}: {}",
            record.body
        );
        assert!(!record.body.contains("draft-mark"), "{record_type} is still a draft");
    }
    // Every one of them counts: the records page lists them, none a draft.
    let records = served.get("/records?draft=yes");
    assert!(records.body.contains("<p>0 of 27 records.</p>"), "{}", records.body);
}

#[test]
fn the_preview_shows_the_portfolio_s_images_from_the_server_and_nothing_from_elsewhere() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("hostile/evidence/square.png"), outside.path().join("secret.png")).expect("copy");
    let secret = outside.path().join("secret.png");
    let served = serve_sample(|root| {
        std::fs::write(root.join("evidence/hand-written.md"), HAND_WRITTEN).expect("write");
        std::fs::copy(fixture("hostile/evidence/square.png"), root.join("evidence/square.png"))
            .expect("copy");
        std::fs::write(root.join("evidence/notes.txt"), "notes").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret, root.join("evidence/link.png")).expect("link");
    });
    let page = served.get("/edit/evidence/hand-written.md");
    let base = input_value(&page.body, "base");
    let body = "![a square](square.png)\n\n![far](https://example.org/x.png)\n\n![up](../../secret.png)\n\n\
                ![linked](link.png)\n\n![text](notes.txt)\n\n![gone](missing.png)\n";
    let answer = served.post(
        "/check/evidence/hand-written.md",
        &[("base", &base), ("fields", "1"), ("title", "Pictures"), ("body", body)],
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let preview: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    let preview = preview["preview"].as_str().expect("a preview");
    // The portfolio's image has an address of the server's own, which changes with the file.
    let square = std::fs::metadata(served.dir.path().join("evidence/square.png")).expect("the image");
    let changed = square.modified().expect("time").duration_since(std::time::UNIX_EPOCH).expect("after 1970");
    let address =
        format!("/image/evidence/hand-written.md?src=square.png&v={}-{}", square.len(), changed.as_nanos());
    assert_eq!(
        preview,
        format!(
            "<p><img src=\"{}\" alt=\"a square\" /></p>\n\
             <p><a href=\"https://example.org/x.png\">far</a></p>\n\
             <p><a href=\"../../secret.png\">up</a></p>\n\
             <p><a href=\"link.png\">linked</a></p>\n\
             <p><a href=\"notes.txt\">text</a></p>\n\
             <p><a href=\"missing.png\">gone</a></p>\n",
            address.replace('&', "&amp;")
        )
    );
    let image = served.get(&address);
    assert_eq!(image.status, 200);
    assert_eq!(image.header("content-type"), Some("image/png"));
    assert_eq!(image.header("content-security-policy"), Some("default-src 'none'; sandbox"));
    assert_eq!(image.header("cache-control"), Some("private, max-age=86400"));
    assert_eq!(image.header("x-content-type-options"), Some("nosniff"));
    let bytes = std::fs::read(served.dir.path().join("evidence/square.png")).expect("read");
    assert_eq!(image.header("content-length"), Some(bytes.len().to_string().as_str()));
    assert_eq!(image.body, String::from_utf8_lossy(&bytes));
    // Nothing else is served, whatever the address asks for.
    for refused in [
        "/image/evidence/hand-written.md?src=..%2F..%2Fsecret.png",
        "/image/evidence/hand-written.md?src=link.png",
        "/image/evidence/hand-written.md?src=notes.txt",
        "/image/evidence/hand-written.md?src=missing.png",
        &format!("/image/evidence/hand-written.md?src={}", secret.display()),
        "/image/evidence/hand-written.md",
        "/image/evidence/square.png?src=square.png",
        "/image/evidence/no-such-record.md?src=square.png",
        "/image/..%2Fevidence/hand-written.md?src=square.png",
    ] {
        let answer = served.get(refused);
        assert_eq!(answer.status, 404, "{refused}: {}", answer.body);
        assert!(!answer.header("content-type").is_some_and(|t| t.starts_with("image/")), "{refused}");
    }
}
