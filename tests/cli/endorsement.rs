//! The mentor's endorsement of the whole portfolio: `pqs sign --portfolio` writes it, `pqs check`
//! says whether it still holds (which records changed, were added or removed since; whose key
//! signed it), `pqs sign --verify` reports it, and `ssh-keygen -Y verify` accepts its signature.
//!
//! Keys are made here with `ssh-keygen` (Debian's openssh-client, which CI installs); a test
//! fails, never skips, when it is missing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::{Run, check_json, example, finish, pqs};

const TODAY: &str = "2026-11-22";

/// A small portfolio of two records from the sample, one with an attachment, in a new folder;
/// and a key for its mentor, Sam Patel, which `allowed_signers` gives them when `allowed`.
struct Portfolio {
    _dir: tempfile::TempDir,
    root: PathBuf,
    key: PathBuf,
}

impl Portfolio {
    fn new(allowed: bool) -> Portfolio {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("alex");
        let evidence = root.join("evidence");
        fs::create_dir_all(evidence.join("attachments")).expect("folders");
        fs::write(
            root.join("pqs.yaml"),
            "candidate: Alex Morgan\nmentor: Sam Patel\nframework: pqs-asc-2018\nstarted: 2025-12-01\nevidence: evidence\n",
        )
        .expect("pqs.yaml");
        let sample = example("sample-portfolio").join("evidence");
        for file in [
            "2025-12-15-self-assessment-baseline.md",
            "2026-01-20-supervision-agreement-with-nqsw.md",
            "attachments/supervision-agreement-template.txt",
        ] {
            fs::copy(sample.join(file), evidence.join(file)).expect("copy a record");
        }
        let key = key(dir.path(), "mentor");
        if allowed {
            allow(&root, "Sam Patel", &key);
        }
        Portfolio { _dir: dir, root, key }
    }

    /// `pqs sign --portfolio` in the portfolio, with `extra` arguments.
    fn endorse(&self, extra: &[&str]) -> Run {
        finish(
            pqs()
                .current_dir(&self.root)
                .args(["sign", "--portfolio", "--role", "mentor", "--date", "2026-11-20"])
                .args(extra)
                .env("PQS_TODAY", TODAY)
                .env_remove("PQS_SIGNING_KEY")
                .env_remove("SSH_AUTH_SOCK"),
        )
    }

    /// `pqs sign --portfolio` by Sam Patel with the key, endorsing both.
    fn endorse_with_key(&self) -> Run {
        let key = self.key.to_string_lossy().into_owned();
        let run = self.endorse(&["--endorse", "authenticity,anonymity", "--by", "Sam Patel", "--key", &key]);
        assert_eq!(run.code, 0, "{run:?}");
        run
    }

    /// The endorsement findings of `pqs check --format json`, as `severity code: message`.
    fn findings(&self, extra: &[&str]) -> Vec<String> {
        let (_, report) = check_json(&self.root, extra);
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("endorsement-")))
            .map(|d| format!("{} {}: {}", d["severity"].as_str().unwrap_or(""), d["code"], d["message"]))
            .map(|line| line.replace('"', ""))
            .collect()
    }

    fn file(&self) -> String {
        fs::read_to_string(self.root.join("pqs-endorsement.yaml")).expect("the endorsement file")
    }

    fn edit_file(&self, from: &str, to: &str) {
        let text = self.file();
        assert!(text.contains(from), "{text}");
        fs::write(self.root.join("pqs-endorsement.yaml"), text.replacen(from, to, 1)).expect("edit");
    }
}

/// A new Ed25519 key without a passphrase at `dir/name`, made by `ssh-keygen`.
fn key(dir: &Path, name: &str) -> PathBuf {
    crate::ssh_key(dir, name).0
}

/// The public half of the key at `key`, without its comment.
fn public(key: &Path) -> String {
    let text = fs::read_to_string(key.with_extension("pub")).expect("public key");
    text.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

/// An `allowed_signers` file at the portfolio's root giving `key` to `name`.
fn allow(root: &Path, name: &str, key: &Path) {
    let line = format!("\"{name}\" namespaces=\"pqs-signoff\" {}\n", public(key));
    fs::write(root.join("allowed_signers"), line).expect("allowed_signers");
}

/// `text` with every key fingerprint replaced by a fixed word.
fn fingerprints_out(text: &str) -> String {
    let pattern = regex::Regex::new(r"SHA256:[A-Za-z0-9+/]{43}").expect("pattern");
    pattern.replace_all(text, "FINGERPRINT").into_owned()
}

#[test]
fn an_endorsement_with_an_allowed_key_holds() {
    let portfolio = Portfolio::new(true);
    let run = portfolio.endorse_with_key();
    insta::assert_snapshot!(fingerprints_out(&run.stdout), @r"
    endorsed the portfolio of Alex Morgan as Sam Patel (mentor), 2026-11-20, with the key FINGERPRINT: the authenticity and anonymity of its 2 records, as they are now
      written to pqs-endorsement.yaml
    ");
    assert_eq!(run.stderr, "", "no note: the key is allowed");
    let text = portfolio.file();
    assert!(text.starts_with("# The mentor's endorsement of this portfolio"), "{text}");
    assert!(text.contains("evidence/2026-01-20-supervision-agreement-with-nqsw.md: sha256:"), "{text}");
    assert_eq!(portfolio.findings(&[]), Vec::<String>::new());
}

#[test]
fn records_changed_added_or_removed_since_are_named() {
    let portfolio = Portfolio::new(true);
    portfolio.endorse_with_key();
    let evidence = portfolio.root.join("evidence");
    let baseline = evidence.join("2025-12-15-self-assessment-baseline.md");
    let text = fs::read_to_string(&baseline).expect("record");
    fs::write(&baseline, text.replace("simple scale", "three-point scale")).expect("edit a record");
    fs::write(evidence.join("attachments/supervision-agreement-template.txt"), "another template\n")
        .expect("change an attachment");
    fs::copy(&baseline, evidence.join("2026-11-21-late-reflection.md")).expect("add a record");
    let endorsed = portfolio.findings(&[]);
    insta::assert_snapshot!(endorsed.join("\n"), @"error endorsement-stale: the endorsement of the portfolio by Sam Patel (mentor) on 2026-11-20 is no longer valid: since then, `evidence/2025-12-15-self-assessment-baseline.md` and `evidence/2026-01-20-supervision-agreement-with-nqsw.md` changed; `evidence/2026-11-21-late-reflection.md` was added");
    fs::remove_file(evidence.join("2026-11-21-late-reflection.md")).expect("remove the new one");
    fs::remove_file(&baseline).expect("remove a record");
    let endorsed = portfolio.findings(&[]);
    insta::assert_snapshot!(endorsed.join("\n"), @"error endorsement-stale: the endorsement of the portfolio by Sam Patel (mentor) on 2026-11-20 is no longer valid: since then, `evidence/2026-01-20-supervision-agreement-with-nqsw.md` changed; `evidence/2025-12-15-self-assessment-baseline.md` was removed");
}

#[test]
fn signing_a_record_after_the_endorsement_leaves_it_holding() {
    let portfolio = Portfolio::new(true);
    portfolio.endorse_with_key();
    let key = portfolio.key.to_string_lossy().into_owned();
    let run = finish(
        pqs()
            .current_dir(&portfolio.root)
            .args([
                "sign",
                "evidence/2025-12-15-self-assessment-baseline.md",
                "--role",
                "mentor",
                "--key",
                &key,
            ])
            .args(["--date", "2026-11-21"])
            .env("PQS_TODAY", TODAY)
            .env_remove("SSH_AUTH_SOCK"),
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(portfolio.findings(&[]), Vec::<String>::new(), "a sign-off is outside the digest");
}

#[test]
fn an_edited_endorsement_file_says_what_was_edited() {
    for (from, to, said) in [
        ("by: Sam Patel", "by: Jo Reed", "it was made by Sam Patel, not Jo Reed"),
        ("date: 2026-11-20", "date: 2026-11-19", "it was made on 2026-11-20, not 2026-11-19"),
        (
            "  - authenticity\n  - anonymity\n",
            "  - authenticity\n",
            "it endorsed authenticity and anonymity, not authenticity",
        ),
        (
            "nqsw.md: sha256:",
            "nqsw.md: sha256:0",
            "it was not made over the endorsement as written: its name, role, date, what it endorses or its list of records changed after it was signed, the candidate in `pqs.yaml` changed, or the signature was damaged",
        ),
    ] {
        let portfolio = Portfolio::new(true);
        portfolio.endorse_with_key();
        portfolio.edit_file(from, to);
        let findings = portfolio.findings(&[]);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0].starts_with("error endorsement-signature-invalid: ") && findings[0].ends_with(said),
            "{from} -> {to}: {findings:?}"
        );
    }
}

#[test]
fn a_key_the_allowed_signers_do_not_give_the_mentor_is_an_error() {
    let portfolio = Portfolio::new(false);
    let other = key(portfolio.root.parent().expect("parent"), "other");
    allow(&portfolio.root, "Sam Patel", &other);
    let run = portfolio.endorse_with_key();
    assert_eq!(
        fingerprints_out(&run.stderr),
        format!(
            "note: signed with the key FINGERPRINT, but `allowed_signers` does not allow it for Sam Patel, so `pqs check` will not accept the endorsement until it does. Give the organisation this public key:\n  {}\n",
            public(&portfolio.key)
        )
    );
    let findings = fingerprints_out(&portfolio.findings(&[]).join("\n"));
    insta::assert_snapshot!(findings, @"error endorsement-signer-not-allowed: the endorsement by Sam Patel (mentor) is signed with the key FINGERPRINT, which is not allowed: the key is not in `allowed_signers`");
}

#[test]
fn a_required_endorsement_not_made_is_a_gap_with_the_command_to_run() {
    let portfolio = Portfolio::new(true);
    let manifest = portfolio.root.join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("pqs.yaml");
    fs::write(&manifest, format!("{text}signing:\n  endorsement: required\n")).expect("require it");
    assert_eq!(
        portfolio.findings(&[]),
        [
            "note endorsement-missing: the mentor has not endorsed the portfolio yet, and the settings require it before submission"
        ]
    );
    assert_eq!(portfolio.findings(&["--complete"])[0].split(':').next(), Some("error endorsement-missing"));
    let human = finish(pqs().arg("check").arg(&portfolio.root).args(["--today", TODAY]).env("NO_COLOR", "1"));
    let todo = human.stdout.split("\nStill to do").nth(1).expect("a Still to do");
    assert!(
        todo.contains("The mentor has not endorsed the portfolio yet")
            && todo.contains("pqs sign --portfolio --role mentor --endorse authenticity,anonymity --by 'Sam Patel' --key KEY"),
        "{todo}"
    );
    portfolio.endorse_with_key();
    assert_eq!(portfolio.findings(&["--complete"]), Vec::<String>::new());
}

#[test]
fn a_typed_endorsement_is_shown_as_such_and_does_not_count_where_keys_are_required() {
    let portfolio = Portfolio::new(true);
    let run = portfolio.endorse(&["--endorse", "anonymity", "--by", "Sam Patel"]);
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!(run.stdout, @r"
    endorsed the portfolio of Alex Morgan as Sam Patel (mentor), 2026-11-20, by typed name only (no key): the anonymity of its 2 records, as they are now
      written to pqs-endorsement.yaml
    ");
    assert!(!portfolio.file().contains("signature"), "{}", portfolio.file());
    assert_eq!(
        portfolio.findings(&[]),
        [
            "note endorsement-unsigned: the endorsement of the portfolio by Sam Patel (mentor) is a typed name only, not signed with a key: it shows who says they endorsed it, not who did"
        ]
    );
    let manifest = portfolio.root.join("pqs.yaml");
    let text = fs::read_to_string(&manifest).expect("pqs.yaml");
    fs::write(&manifest, format!("{text}signing:\n  keys: required\n  endorsement: required\n"))
        .expect("require keys");
    let findings = portfolio.findings(&[]);
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(findings[0].starts_with("error endorsement-unsigned: "), "{findings:?}");
    assert!(findings[1].starts_with("note endorsement-missing: "), "{findings:?}");
}

#[test]
fn only_the_mentor_endorses_and_a_new_endorsement_replaces_theirs() {
    let portfolio = Portfolio::new(true);
    let run = finish(
        pqs()
            .current_dir(&portfolio.root)
            .args(["sign", "--portfolio", "--role", "observer", "--endorse", "anonymity", "--by", "Jo Reed"])
            .env("PQS_TODAY", TODAY),
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("only the mentor endorses a portfolio"), "{}", run.stderr);
    assert!(!portfolio.root.join("pqs-endorsement.yaml").exists());
    portfolio.endorse(&["--endorse", "anonymity", "--by", "Sam Patel"]);
    let run = portfolio.endorse_with_key();
    assert!(run.stdout.starts_with("endorsed again the portfolio"), "{}", run.stdout);
    assert_eq!(portfolio.file().matches("- by:").count(), 1, "{}", portfolio.file());
    assert_eq!(portfolio.findings(&[]), Vec::<String>::new());
}

#[test]
fn ssh_keygen_accepts_the_signature_over_the_statement() {
    let portfolio = Portfolio::new(true);
    portfolio.endorse_with_key();
    let entries = pqs::portfolio::endorsement::parse(&portfolio.file()).expect("the file reads");
    let [entry] = entries.as_slice() else { panic!("one entry: {entries:?}") };
    // The statement as its documentation gives it, made here without pqs's own code.
    let values = serde_json::json!({
        "by": entry.by,
        "candidate": "Alex Morgan",
        "date": entry.date,
        "endorse": entry.endorse,
        "records": entry.records,
        "role": entry.role,
    });
    let statement = format!("pqs endorsement 1\n{values}\n");
    let dir = portfolio.root.parent().expect("parent");
    fs::write(dir.join("statement"), &statement).expect("statement");
    fs::write(dir.join("signature"), entry.signature.as_deref().expect("signed")).expect("signature");
    let output = Process::new("ssh-keygen")
        .args(["-Y", "verify", "-n", "pqs-signoff", "-I", "Sam Patel", "-f"])
        .arg(portfolio.root.join("allowed_signers"))
        .arg("-s")
        .arg(dir.join("signature"))
        .stdin(fs::File::open(dir.join("statement")).expect("open"))
        .output()
        .expect("ssh-keygen runs: install openssh-client");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_link_in_place_of_the_file_is_not_followed() {
    let portfolio = Portfolio::new(true);
    let outside = portfolio.root.parent().expect("parent").join("elsewhere.yaml");
    fs::write(&outside, "endorsements: []\n").expect("outside");
    crate::link_file(&outside, &portfolio.root.join("pqs-endorsement.yaml"));
    let findings = portfolio.findings(&[]);
    assert_eq!(
        findings,
        [
            "error endorsement-unreadable: the mentor's endorsement in `pqs-endorsement.yaml` cannot be read: it is a link; pqs reads only an ordinary file of that name"
        ]
    );
}

#[test]
fn sign_verify_reports_the_endorsement_in_words_and_in_json() {
    let portfolio = Portfolio::new(true);
    portfolio.endorse_with_key();
    let verify = |format: &str| {
        finish(
            pqs()
                .current_dir(&portfolio.root)
                .args(["sign", "--verify", "--format", format])
                .env("PQS_TODAY", TODAY)
                .env("NO_COLOR", "1"),
        )
    };
    let run = verify("human");
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!(fingerprints_out(&run.stdout), @r"
    evidence/2025-12-15-self-assessment-baseline.md
      not signed
    evidence/2026-01-20-supervision-agreement-with-nqsw.md
      not signed

    The mentor's endorsement of the whole portfolio
      ✓ still valid       Sam Patel (mentor) endorsed on 2026-11-20 the authenticity and anonymity of 2 records, with the key FINGERPRINT, allowed by `allowed_signers`

    0 sign-offs still valid, 0 no longer valid, 0 cannot be checked, 0 not accepted; 0 still needed.
    ");
    fs::remove_file(portfolio.root.join("evidence/2025-12-15-self-assessment-baseline.md")).expect("remove");
    let run = verify("json");
    assert_eq!(run.code, 1, "{run:?}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let endorsement = &report["endorsements"][0];
    assert_eq!(endorsement["state"], "stale");
    assert_eq!(endorsement["seal"], "verified");
    assert_eq!(
        endorsement["removed"],
        serde_json::json!(["evidence/2025-12-15-self-assessment-baseline.md"])
    );
    assert_eq!(report["endorsement_required"], false);
}

#[test]
fn the_pack_shows_the_endorsement_in_words() {
    let portfolio = Portfolio::new(true);
    portfolio.endorse_with_key();
    let render = |name: &str| {
        let out = portfolio.root.parent().expect("parent").join(name);
        let run = finish(
            pqs()
                .current_dir(&portfolio.root)
                .args(["render", "--force", "--out"])
                .arg(&out)
                .env("PQS_TODAY", TODAY),
        );
        assert_eq!(run.code, 0, "{run:?}");
        let html = fs::read_to_string(out).expect("the pack");
        let start = html.find("<h3>The mentor's endorsement</h3>").expect("the section");
        let end = start + html[start..].find("</ul>").expect("its end");
        fingerprints_out(&html[start..end])
    };
    insta::assert_snapshot!(render("valid.html"), @r#"
    <h3>The mentor's endorsement</h3>
    <ul class="requirements endorsements">
    <li class="met"><span class="state">Still valid</span> Sam Patel (mentor) endorsed on 2026-11-20, over the portfolio's 2 records: that the evidence is the candidate&#39;s own (authenticity) and that no one can be identified from it (anonymity). Signed with the key FINGERPRINT, which the organisation&#39;s file allowed_signers gives them.</li>
    "#);
    let added = portfolio.root.join("evidence/2026-11-21-late-reflection.md");
    fs::copy(portfolio.root.join("evidence/2025-12-15-self-assessment-baseline.md"), added).expect("add");
    insta::assert_snapshot!(render("stale.html"), @r#"
    <h3>The mentor's endorsement</h3>
    <ul class="requirements endorsements">
    <li class="unmet"><span class="state">No longer valid</span> Sam Patel (mentor) endorsed on 2026-11-20, over the portfolio's 2 records: that the evidence is the candidate&#39;s own (authenticity) and that no one can be identified from it (anonymity). Signed with the key FINGERPRINT, which the organisation&#39;s file allowed_signers gives them. Since then, <code>evidence/2026-11-21-late-reflection.md</code> was added.</li>
    "#);
}

#[test]
fn a_forged_endorsement_of_many_records_is_refused_in_bounded_time() {
    let portfolio = Portfolio::new(true);
    portfolio.endorse_with_key();
    // About 4 MB of records no one endorsed: each statement tried to tell what was edited is as
    // large, so the tries stop at a budget of bytes rather than of tries.
    let forged: String =
        (0..40_000).map(|n| format!("    evidence/forged-{n:05}.md: sha256:{}\n", "0".repeat(64))).collect();
    portfolio.edit_file("    evidence/2025-12-15", &format!("{forged}    evidence/2025-12-15"));
    let started = std::time::Instant::now();
    let findings = portfolio.findings(&[]);
    let took = started.elapsed();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].starts_with("error endorsement-signature-invalid: "), "{findings:?}");
    assert!(took < std::time::Duration::from_secs(20), "pqs check took {took:?}");
}

#[test]
fn a_portfolio_is_not_endorsed_before_a_record_it_covers() {
    let portfolio = Portfolio::new(true);
    let run = finish(
        pqs()
            .current_dir(&portfolio.root)
            .args([
                "sign",
                "--portfolio",
                "--endorse",
                "anonymity",
                "--by",
                "Sam Patel",
                "--date",
                "2026-01-19",
            ])
            .env("PQS_TODAY", TODAY),
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: cannot endorse the portfolio: the record `evidence/2026-01-20-supervision-agreement-with-nqsw.md` is dated 2026-01-20, so the portfolio cannot be endorsed on 2026-01-19, before it\n"
    );
    assert!(!portfolio.root.join("pqs-endorsement.yaml").exists());
}
