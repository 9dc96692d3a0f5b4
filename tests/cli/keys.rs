//! Sign-offs signed with an SSH key: `pqs check` verifies them against the allowed-signers file
//! and names what was changed since; `ssh-keygen -Y verify` accepts pqs's signatures and pqs
//! accepts `ssh-keygen -Y sign`'s; typed sign-offs and sign-offs made by earlier versions are still
//! read. Keys are made here with `ssh-keygen` (Debian's openssh-client, which `.ci/run` installs).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{check_json, copy_tree, example, finish, pqs, ssh_key as key};

const OBSERVATION: &str = "evidence/observations/2026-03-02-observation-formative-group-supervision.md";

/// A copy of the sample portfolio whose first observation has a text attachment, and a folder of
/// keys beside it: Sam Patel's (the mentor, in the portfolio's `allowed_signers`) and another.
struct Setup {
    portfolio: tempfile::TempDir,
    keys: tempfile::TempDir,
    sam: PathBuf,
    sam_public: String,
    other: PathBuf,
}

fn setup() -> Setup {
    let portfolio = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), portfolio.path());
    let root = portfolio.path();
    let record = root.join(OBSERVATION);
    let text = fs::read_to_string(&record).expect("read");
    let text = text.replacen("type: observation\n", "type: observation\nattachments: [notes.txt]\n", 1);
    fs::write(&record, text).expect("write");
    fs::write(record.with_file_name("notes.txt"), "Notes taken on the day.\n").expect("write");
    let keys = tempfile::tempdir().expect("temp dir");
    let (sam, sam_public) = key(keys.path(), "sam");
    let (other, _) = key(keys.path(), "other");
    let allowed =
        format!("# Northshire Council's signers\n\"Sam Patel\" namespaces=\"pqs-signoff\" {sam_public}\n");
    fs::write(root.join("allowed_signers"), allowed).expect("write");
    // The attachment changed the record: its two sign-offs are made again, by typed name.
    for role in ["observer", "mentor"] {
        let signed =
            run(root, &["sign", OBSERVATION, "--by", "Sam Patel", "--role", role, "--date", "2026-03-09"]);
        assert_eq!(signed.code, 0, "{signed:?}");
    }
    Setup { portfolio, keys, sam, sam_public, other }
}

fn run(dir: &Path, args: &[&str]) -> crate::Run {
    finish(pqs().current_dir(dir).env("PQS_TODAY", "2026-11-22").env_remove("PQS_SIGNING_KEY").args(args))
}

fn sign_with(dir: &Path, key: &Path, by: &str, role: &str) -> crate::Run {
    let key = key.to_str().expect("a UTF-8 path");
    run(dir, &["sign", OBSERVATION, "--by", by, "--role", role, "--date", "2026-11-20", "--key", key])
}

/// Fingerprints differ with each key made: replaced by one word.
fn fixed(text: &str) -> String {
    let pattern = regex::Regex::new("SHA256:[A-Za-z0-9+/]{43}").expect("pattern");
    pattern.replace_all(text, "[fingerprint]").into_owned()
}

/// The code and message of each finding about `file` in the JSON report of `dir`.
fn findings(dir: &Path, file: &str) -> Vec<(String, String)> {
    let (_, report) = check_json(dir, &[]);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    diagnostics
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                fixed(d["message"].as_str().unwrap_or_default()),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(c, m)| ((*c).to_owned(), (*m).to_owned())).collect()
}

#[test]
fn a_signoff_signed_with_an_allowed_key_verifies_and_each_later_edit_is_named() {
    let setup = setup();
    let root = setup.portfolio.path();
    let signed = sign_with(root, &setup.sam, "Sam Patel", "mentor");
    assert_eq!(
        (signed.code, fixed(&signed.stdout), signed.stderr.as_str()),
        (
            0,
            format!(
                "signed again {OBSERVATION} as Sam Patel (mentor), 2026-11-20, with the key [fingerprint]\n"
            ),
            ""
        )
    );
    assert_eq!(findings(root, OBSERVATION), [], "the new sign-off holds");
    let verify = run(root, &["sign", "--verify", OBSERVATION]);
    assert_eq!(
        (verify.code, fixed(&verify.stdout)),
        (
            0,
            format!(
                "{OBSERVATION}\n  ✓ still valid       Sam Patel (observer), signed 2026-03-09, typed name only\n  ✓ still valid       Sam Patel (mentor), signed 2026-11-20, with the key [fingerprint], allowed by `allowed_signers`\n\n2 sign-offs still valid (1 signed with an allowed key), 0 no longer valid, 0 cannot be checked, 0 not accepted; 0 still needed.\n"
            )
        ),
        "{}",
        verify.stderr
    );
    let text = fs::read_to_string(root.join(OBSERVATION)).expect("read");

    // Each edit on a copy of the signed portfolio, and what `pqs check` says of it.
    let edits: [Edit<'_>; 6] = [
        (
            "the text",
            &|dir| edit(dir, &text, "The session lasted ninety minutes.", "The session lasted two hours."),
            pairs(&[
                (
                    "signoff-stale",
                    "the sign-off by Sam Patel (observer) on 2026-03-09 is no longer valid: the record's text or details changed after it was signed",
                ),
                (
                    "signoff-stale",
                    "the sign-off by Sam Patel (mentor) on 2026-11-20 is no longer valid: the record's text or details changed after it was signed",
                ),
            ]),
        ),
        (
            "the attachment",
            &|dir| fs::write(dir.join("evidence/observations/notes.txt"), "Notes, edited.\n").expect("write"),
            pairs(&[
                (
                    "signoff-stale",
                    "the sign-off by Sam Patel (observer) on 2026-03-09 is no longer valid: the file `notes.txt` changed after it was signed",
                ),
                (
                    "signoff-stale",
                    "the sign-off by Sam Patel (mentor) on 2026-11-20 is no longer valid: the file `notes.txt` changed after it was signed",
                ),
            ]),
        ),
        (
            "the name",
            &|dir| {
                edit(dir, &text, "  - by: Sam Patel\n    role: mentor", "  - by: Jo Reed\n    role: mentor")
            },
            pairs(&[
                (
                    "signoff-signature-invalid",
                    "the signature of the sign-off by Jo Reed (mentor) does not hold: it was signed by Sam Patel, not Jo Reed",
                ),
                (
                    "signoff-wrong-person",
                    "the sign-off by Jo Reed (mentor) should be by `Sam Patel`, the portfolio's mentor in `pqs.yaml`",
                ),
            ]),
        ),
        (
            "the role",
            &|dir| {
                edit(
                    dir,
                    &text,
                    "    role: mentor\n    date: 2026-11-20",
                    "    role: line-manager\n    date: 2026-11-20",
                )
            },
            pairs(&[(
                "signoff-signature-invalid",
                "the signature of the sign-off by Sam Patel (line-manager) does not hold: it was signed in the role mentor, not line-manager",
            )]),
        ),
        (
            "the date",
            &|dir| edit(dir, &text, "    date: 2026-11-20", "    date: 2026-11-02"),
            pairs(&[(
                "signoff-signature-invalid",
                "the signature of the sign-off by Sam Patel (mentor) does not hold: it was signed on 2026-11-20, not 2026-11-02",
            )]),
        ),
        (
            "the allowed signers",
            &|dir| fs::write(dir.join("allowed_signers"), "").expect("write"),
            pairs(&[(
                "signoff-signer-not-allowed",
                "the sign-off by Sam Patel (mentor) is signed with the key [fingerprint], which is not allowed: the key is not in `allowed_signers`",
            )]),
        ),
    ];
    for (what, change, expected) in edits {
        let copy = tempfile::tempdir().expect("temp dir");
        copy_tree(root, copy.path());
        change(copy.path());
        assert_eq!(findings(copy.path(), OBSERVATION), expected, "after editing {what}");
        let (code, _) = check_json(copy.path(), &[]);
        assert_eq!(code, 1, "after editing {what}, the check fails");
    }
}

/// What is edited, how, and the findings expected after it.
type Edit<'a> = (&'a str, &'a dyn Fn(&Path), Vec<(String, String)>);

/// `text` with `from` replaced by `to` (which must be there), written to the record in `dir`.
fn edit(dir: &Path, text: &str, from: &str, to: &str) {
    assert!(text.contains(from), "{from:?} in {text}");
    fs::write(dir.join(OBSERVATION), text.replacen(from, to, 1)).expect("write");
}

#[test]
fn a_key_the_allowed_signers_give_to_someone_else_is_refused() {
    let setup = setup();
    let root = setup.portfolio.path();
    let signed = sign_with(root, &setup.other, "Sam Patel", "mentor");
    assert_eq!(signed.code, 0, "{signed:?}");
    assert_eq!(
        fixed(&signed.stderr),
        format!(
            "note: signed with the key [fingerprint], but `allowed_signers` does not allow it for Sam Patel, so `pqs check` will not accept the sign-off until it does. Give the organisation this public key:\n  {}\n",
            fs::read_to_string(setup.keys.path().join("other.pub"))
                .expect("read")
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        )
    );
    assert_eq!(
        findings(root, OBSERVATION),
        pairs(&[(
            "signoff-signer-not-allowed",
            "the sign-off by Sam Patel (mentor) is signed with the key [fingerprint], which is not allowed: the key is not in `allowed_signers`",
        )])
    );
    // The organisation gives the key to someone else, and says who may sign as mentor.
    let other = fs::read_to_string(setup.keys.path().join("other.pub")).expect("read");
    let other = other.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    let allowed = format!("\"Sam Patel\" {}\n\"Jo Reed\" {other}\n", setup.sam_public);
    fs::write(root.join("allowed_signers"), allowed).expect("write");
    assert_eq!(
        findings(root, OBSERVATION),
        pairs(&[(
            "signoff-signer-not-allowed",
            "the sign-off by Sam Patel (mentor) is signed with the key [fingerprint], which is not allowed: `allowed_signers` gives that key to Jo Reed, not to Sam Patel",
        )])
    );
}

#[test]
fn ssh_keygen_verifies_the_signatures_of_pqs_and_pqs_those_of_ssh_keygen() {
    let setup = setup();
    let root = setup.portfolio.path();
    assert_eq!(sign_with(root, &setup.sam, "Sam Patel", "mentor").code, 0);
    let text = fs::read_to_string(root.join(OBSERVATION)).expect("read");
    let digest = entry_value(&text, "Sam Patel", "digest");
    let statement = pqs::portfolio::statement::Signoff {
        by: "Sam Patel",
        candidate: "Alex Morgan",
        date: "2026-11-20",
        digest: &digest,
        record: OBSERVATION,
        role: "mentor",
    };
    let work = setup.keys.path();
    fs::write(work.join("statement"), statement.bytes()).expect("write");
    fs::write(work.join("statement.sig"), signature_of(&text)).expect("write");
    let allowed = root.join("allowed_signers");
    let verify = |statement: &[u8]| {
        let mut child = Command::new("ssh-keygen")
            .args(["-Y", "verify", "-n", "pqs-signoff", "-I", "Sam Patel", "-f"])
            .arg(&allowed)
            .arg("-s")
            .arg(work.join("statement.sig"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ssh-keygen runs");
        use std::io::Write as _;
        child.stdin.take().expect("stdin").write_all(statement).expect("write");
        let output = child.wait_with_output().expect("ssh-keygen ends");
        (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (good, said) = verify(&statement.bytes());
    assert!(good, "ssh-keygen accepts pqs's signature: {said}");
    assert!(said.starts_with("Good \"pqs-signoff\" signature for Sam Patel"), "{said}");
    let forged = pqs::portfolio::statement::Signoff { date: "2026-11-19", ..statement.clone() };
    assert!(!verify(&forged.bytes()).0, "nor of another statement");

    // The other way: a typed sign-off by Jo Reed as observer, its statement signed by ssh-keygen
    // and the signature put in the entry by hand.
    let (jo, jo_public) = key(work, "jo");
    fs::write(
        &allowed,
        format!(
            "\"Sam Patel\" {}\n\"Jo Reed\" namespaces=\"pqs-signoff,git\" {jo_public}\n",
            setup.sam_public
        ),
    )
    .expect("write");
    let reflection = "evidence/2026-03-23-reflection-after-formative-observation.md";
    let typed =
        run(root, &["sign", reflection, "--by", "Jo Reed", "--role", "line-manager", "--date", "2026-11-21"]);
    assert_eq!(typed.code, 0, "{typed:?}");
    let text = fs::read_to_string(root.join(reflection)).expect("read");
    let digest = entry_value(&text, "Jo Reed", "digest");
    let statement = pqs::portfolio::statement::Signoff {
        by: "Jo Reed",
        candidate: "Alex Morgan",
        date: "2026-11-21",
        digest: &digest,
        record: reflection,
        role: "line-manager",
    };
    fs::write(work.join("jo-statement"), statement.bytes()).expect("write");
    let signed = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "pqs-signoff", "-f"])
        .arg(&jo)
        .arg(work.join("jo-statement"))
        .status()
        .expect("ssh-keygen runs");
    assert!(signed.success());
    let signature = fs::read_to_string(work.join("jo-statement.sig")).expect("the signature");
    let block: String = signature.lines().map(|line| format!("      {line}\n")).collect();
    let anchor = format!("    date: 2026-11-21\n    digest: {digest}\n");
    assert!(text.contains(&anchor), "{text}");
    let text = text.replacen(&anchor, &format!("{anchor}    signature: |\n{block}"), 1);
    fs::write(root.join(reflection), &text).expect("write");
    assert_eq!(findings(root, reflection), [], "pqs accepts ssh-keygen's signature");
    let report = run(root, &["sign", "--verify", reflection, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&report.stdout).expect("JSON");
    let entry =
        &report["records"][0]["signoffs"].as_array().expect("sign-offs").last().cloned().expect("one");
    assert_eq!(
        (entry["seal"].as_str(), entry["state"].as_str()),
        (Some("verified"), Some("valid")),
        "{report}"
    );
}

/// The value of `field` in the sign-off entry by `by` in the record `text`.
fn entry_value(text: &str, by: &str, field: &str) -> String {
    let start = text.find(&format!("- by: {by}\n")).expect("the entry");
    let rest = &text[start..];
    let line = rest.lines().find(|l| l.trim_start().starts_with(&format!("{field}:"))).expect("the field");
    line.split_once(": ").expect("a value").1.trim().to_owned()
}

/// The armoured signature in the last `signature: |` block of `text`.
fn signature_of(text: &str) -> String {
    let start = text.rfind("signature: |\n").expect("a signature") + "signature: |\n".len();
    text[start..].lines().take_while(|l| l.starts_with("      ")).map(|l| format!("{}\n", l.trim())).collect()
}

#[test]
fn where_keys_are_required_a_typed_signoff_does_not_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example("sample-portfolio"), dir.path());
    let manifest = dir.path().join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("read");
    fs::write(&manifest, format!("{text}signing:\n  keys: required\n")).expect("write");
    let (code, report) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let typed: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "signoff-unsigned")
        .collect();
    assert_eq!(typed.len(), 7, "one error for each typed sign-off");
    assert!(typed.iter().all(|d| d["severity"] == "error" && d["line"].is_u64()));
    assert_eq!(
        typed[0]["message"],
        "the sign-off by Sam Patel (mentor) is a typed name only, and `pqs.yaml` requires sign-offs to be signed with a key, so it does not count"
    );
    let unmet: Vec<&str> = report["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .filter(|r| r["met"] == false)
        .map(|r| r["id"].as_str().unwrap_or_default())
        .collect();
    assert!(unmet.contains(&"observations-signed"), "{unmet:?}");
}

#[test]
fn a_signoff_made_before_files_were_covered_still_holds_with_a_note() {
    let setup = setup();
    let root = setup.portfolio.path();
    // The observation, now with its attachment, signed as an earlier version of pqs signed:
    // the digest of the record's fields and text alone (form 1).
    let path = root.join(OBSERVATION);
    let text = fs::read_to_string(&path).expect("read");
    let split = pqs::portfolio::front_matter::split(text.as_bytes()).expect("front-matter");
    let fields = pqs::yaml::fields::read(split.yaml(), split.yaml_line, pqs::portfolio::parse::FIELDS)
        .expect("fields");
    let form_1 = pqs::portfolio::digest::digest(&fields, split.body());
    let old = entry_value(&text, "Sam Patel", "digest");
    fs::write(&path, text.replace(&old, &form_1)).expect("write");
    assert_eq!(
        findings(root, OBSERVATION),
        pairs(&[
            (
                "signoff-digest-old",
                "the sign-off by Sam Patel (observer) was made by an earlier version of pqs and does not cover `notes.txt`: it is still valid for the record's text",
            ),
            (
                "signoff-digest-old",
                "the sign-off by Sam Patel (mentor) was made by an earlier version of pqs and does not cover `notes.txt`: it is still valid for the record's text",
            ),
        ])
    );
    let (code, _) = check_json(root, &["--complete"]);
    assert_eq!(code, 0, "they still count");
}

#[test]
fn a_key_held_by_ssh_agent_signs_from_its_public_half() {
    let setup = setup();
    let root = setup.portfolio.path();
    let socket = setup.keys.path().join("agent.sock");
    let mut agent = Command::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&socket)
        .stdout(Stdio::null())
        .spawn()
        .expect("ssh-agent runs");
    // The socket can be there a moment before the agent listens on it: ssh-add is tried until
    // it reaches the agent, for a few seconds at most.
    let mut added = false;
    for _ in 0..100 {
        let add = Command::new("ssh-add")
            .arg(&setup.sam)
            .env("SSH_AUTH_SOCK", &socket)
            .stderr(Stdio::null())
            .status();
        if add.expect("ssh-add runs").success() {
            added = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let public = setup.keys.path().join("sam.pub");
    let signed = finish(
        pqs()
            .current_dir(root)
            .env("PQS_TODAY", "2026-11-22")
            .env("SSH_AUTH_SOCK", &socket)
            .args([
                "sign",
                OBSERVATION,
                "--by",
                "Sam Patel",
                "--role",
                "mentor",
                "--date",
                "2026-11-20",
                "--key",
            ])
            .arg(&public),
    );
    let _ = agent.kill();
    let _ = agent.wait();
    assert!(added, "ssh-add gives the key to the agent");
    assert_eq!(signed.code, 0, "{signed:?}");
    assert_eq!(findings(root, OBSERVATION), [], "the agent's signature holds");
}

#[test]
fn diff_signed_names_a_changed_file_and_a_signoff_not_accepted() {
    let setup = setup();
    let root = setup.portfolio.path();
    assert_eq!(sign_with(root, &setup.sam, "Sam Patel", "mentor").code, 0);
    fs::write(root.join("evidence/observations/notes.txt"), "Notes, edited.\n").expect("write");
    let diff = run(root, &["diff-signed", OBSERVATION]);
    assert_eq!(
        (diff.code, diff.stdout.as_str(), diff.stderr.as_str()),
        (
            0,
            format!(
                "Since Sam Patel (observer) signed `{OBSERVATION}` on 2026-03-09, the file `notes.txt` changed.\nThe record's own text is as it was signed.\n\nSam Patel (mentor) signed the same version on 2026-11-20.\n\n"
            )
            .as_str(),
            ""
        )
    );
    let text = fs::read_to_string(root.join(OBSERVATION)).expect("read");
    edit(root, &text, "  - by: Sam Patel\n    role: mentor", "  - by: Jo Reed\n    role: mentor");
    let diff = run(root, &["diff-signed", OBSERVATION, "--role", "mentor"]);
    assert_eq!(
        (diff.code, diff.stdout.as_str()),
        (
            1,
            format!(
                "The sign-off by Jo Reed (mentor) is not accepted: it was signed by Sam Patel, not Jo Reed.\n\nSince Jo Reed (mentor) signed `{OBSERVATION}` on 2026-11-20, the file `notes.txt` changed.\nThe record's own text is as it was signed.\n\n"
            )
            .as_str()
        )
    );
}

#[test]
fn a_cohorts_allowed_signers_and_rules_win_over_the_portfolios_own() {
    let cohort = tempfile::tempdir().expect("temp dir");
    let root = cohort.path().join("alex");
    fs::create_dir(&root).expect("mkdir");
    copy_tree(&example("sample-portfolio"), &root);
    fs::write(cohort.path().join("pqs-cohort.yaml"), "name: Practice supervisors 2026\n").expect("write");
    let keys = tempfile::tempdir().expect("temp dir");
    let (sam, sam_public) = key(keys.path(), "sam");
    let (forged, forged_public) = key(keys.path(), "forged");
    fs::write(cohort.path().join("allowed_signers"), format!("\"Sam Patel\" {sam_public}\n")).expect("write");
    // The supervisor lists a key of their own as their mentor's: the organisation's list is the one
    // used.
    fs::write(root.join("allowed_signers"), format!("\"Sam Patel\" {forged_public}\n")).expect("write");
    let reflection = "evidence/2026-03-23-reflection-after-formative-observation.md";
    let sign = |key: &Path| {
        let key = key.to_str().expect("UTF-8");
        run(
            &root,
            &[
                "sign",
                reflection,
                "--by",
                "Sam Patel",
                "--role",
                "mentor",
                "--date",
                "2026-11-20",
                "--key",
                key,
            ],
        )
    };
    assert_eq!(sign(&forged).code, 0);
    let expected = pairs(&[(
        "signoff-signer-not-allowed",
        "the sign-off by Sam Patel (mentor) is signed with the key [fingerprint], which is not allowed: the key is not in `../allowed_signers`",
    )]);
    assert_eq!(findings(&root, reflection), expected, "checked alone");
    let (_, report) = check_json(cohort.path(), &[]);
    let members = report["portfolios"].as_array().expect("portfolios");
    let messages: Vec<String> = members[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"] == reflection)
        .map(|d| fixed(d["message"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(messages, [expected[0].1.clone()], "checked as one of the cohort");
    assert_eq!(sign(&sam).code, 0);
    assert_eq!(findings(&root, reflection), [], "the organisation's key for Sam Patel");

    // The organisation requires keys: the portfolio's typed sign-offs no longer count.
    fs::write(
        cohort.path().join("pqs-cohort.yaml"),
        "name: Practice supervisors 2026\nsigning:\n  keys: required\n",
    )
    .expect("write");
    let typed = findings(&root, OBSERVATION);
    assert_eq!(
        typed,
        pairs(&[
            (
                "signoff-unsigned",
                "the sign-off by Sam Patel (observer) is a typed name only, and `../pqs-cohort.yaml` requires sign-offs to be signed with a key, so it does not count",
            ),
            (
                "signoff-unsigned",
                "the sign-off by Sam Patel (mentor) is a typed name only, and `../pqs-cohort.yaml` requires sign-offs to be signed with a key, so it does not count",
            ),
        ])
    );
}

#[test]
fn an_allowed_signers_file_that_cannot_be_used_is_reported_where_it_is_wrong() {
    let setup = setup();
    let root = setup.portfolio.path();
    let allowed = format!("\"Sam Patel\" {}\nJo Reed ssh-foo AAAA\n", setup.sam_public);
    fs::write(root.join("allowed_signers"), allowed).expect("write");
    let (_, report) = check_json(root, &[]);
    let found: Vec<(String, u64, String)> = crate::located(&report);
    assert_eq!(found, [("allowed_signers".to_owned(), 2, "allowed-signers-invalid".to_owned())], "{report}");
    // A file named outside the portfolio is never read.
    let manifest = root.join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("read");
    fs::write(&manifest, format!("{text}signing:\n  allowed_signers: ../../etc/passwd\n")).expect("write");
    let (code, report) = check_json(root, &[]);
    assert_eq!(code, 1);
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "allowed-signers-invalid")
        .map(|d| d["message"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        messages,
        [
            "the allowed-signers file `../../etc/passwd` cannot be used: it is not inside the folder of the settings file that names it"
        ]
    );
}
