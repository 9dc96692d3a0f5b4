//! The packs show how each sign-off was made and whether it still counts (issue 17): signed with
//! an allowed key, with a key no allowed-signers file names, with a key that is refused, or a
//! typed name only; no longer valid since a file changed; made by an earlier pqs that did not
//! cover the record's files. Keys are made here with `ssh-keygen`, so their fingerprints change
//! with each run and are replaced by fixed words before pinning.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use sha2::{Digest as _, Sha256};

use crate::{finish, pqs};

const MANIFEST: &str = "candidate: Alex Morgan\nmentor: Sam Patel\nline_manager: Jo Reed\nframework: pqs-asc-2018\nstarted: 2025-12-01\nevidence: evidence\n";

/// A record of `title` on `date` with the attachment `notes.txt` if `attached`, and `more`
/// lines of front-matter.
fn record(title: &str, date: &str, attached: bool, more: &str) -> String {
    let attachments = if attached { "attachments:\n  - notes.txt\n" } else { "" };
    format!(
        "---\ntitle: {title}\ntype: reflection\ndate: {date}\nstandards:\n  - 6.4\n{attachments}{more}---\n## What happened\n\nWe met and talked it through.\n"
    )
}

/// A new Ed25519 key pair at `path` (and `path.pub`); its fingerprint, `SHA256:...`.
fn key(path: &Path) -> String {
    let (dir, name) = (path.parent().expect("a folder"), path.file_name().expect("a name"));
    crate::ssh_key(dir, &name.to_string_lossy());
    let listed =
        Process::new("ssh-keygen").arg("-lf").arg(path.with_extension("pub")).output().expect("lists");
    let listed = String::from_utf8(listed.stdout).expect("UTF-8");
    listed.split_whitespace().nth(1).expect("a fingerprint").to_owned()
}

/// `allowed_signers` lines giving the public key at `public` to `name` for sign-offs.
fn allowed(name: &str, public: &Path) -> String {
    let key = fs::read_to_string(public).expect("public key");
    let key: Vec<&str> = key.split_whitespace().take(2).collect();
    format!("\"{name}\" namespaces=\"pqs-signoff\" {}\n", key.join(" "))
}

/// `pqs sign` of `file` in `dir` by `by` as `role`, with the key file `key` if given.
fn sign(dir: &Path, file: &str, by: &str, role: &str, key: Option<&Path>) {
    let mut command = pqs();
    command.env_remove("PQS_SIGNING_KEY").current_dir(dir);
    command.args(["sign", file, "--by", by, "--role", role, "--date", "2026-11-20"]);
    if let Some(key) = key {
        command.arg("--key").arg(key);
    }
    let run = finish(&mut command);
    assert_eq!(run.code, 0, "{file}: {}{}", run.stdout, run.stderr);
}

/// The digest an earlier pqs wrote for a record of `title` on `date` with the attachment
/// `notes.txt` and the text `record` gives: form 1, over the fields and text only.
fn form_one(title: &str, date: &str) -> String {
    let canonical = serde_json::json!({
        "body": "## What happened\n\nWe met and talked it through.",
        "fields": {
            "attachments": ["notes.txt"],
            "date": date,
            "standards": ["6.4"],
            "title": title,
            "type": "reflection",
        },
    });
    let text = format!("pqs-record 1\n{canonical}\n");
    let digest: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{digest}")
}

/// The HTML pack of the portfolio in `dir`.
fn html(dir: &Path) -> String {
    let out = dir.join("pack.html");
    let run = finish(
        pqs().current_dir(dir).args(["render", ".", "--date", "2026-11-22", "--force", "--out"]).arg(&out),
    );
    assert!(out.exists(), "{}{}", run.stdout, run.stderr);
    fs::read_to_string(out).expect("the pack")
}

/// What a reader of the pack sees of its sign-offs: the key to them and each record's details.
fn signoff_parts(html: &str) -> String {
    let key = html.find("<h3>Reading the sign-offs</h3>").expect("the key to the sign-offs");
    let key_end = key + html[key..].find("</dl>").expect("the key's end") + "</dl>".len();
    let mut parts = vec![&html[key..key_end]];
    let mut rest = html;
    while let Some(start) = rest.find("<tr><th scope=\"row\">Sign-off</th>") {
        let end = start + rest[start..].find("</tr>").expect("the row's end") + "</tr>".len();
        parts.push(&rest[start..end]);
        rest = &rest[end..];
    }
    parts.join("\n")
}

/// A portfolio with one sign-off of each kind but an unknown key (which needs a portfolio with
/// no allowed-signers file), in `dir`; the fingerprints of Sam's key and of Jo's.
fn portfolio(dir: &Path, keys: &Path) -> (String, String) {
    let sam = key(&keys.join("sam"));
    let jo = key(&keys.join("jo"));
    fs::write(dir.join("pqs.yaml"), MANIFEST).expect("manifest");
    let signers = allowed("Sam Patel", &keys.join("sam.pub")) + &allowed("Jo Reed", &keys.join("jo.pub"));
    fs::write(dir.join("allowed_signers"), signers).expect("allowed signers");
    let evidence = dir.join("evidence");
    fs::create_dir_all(&evidence).expect("mkdir");
    fs::write(evidence.join("notes.txt"), "Notes of the meeting.\n").expect("attachment");
    let records = [
        ("a-typed.md", "Typed", "2026-01-05", false),
        ("b-verified.md", "Verified", "2026-01-12", false),
        ("c-refused.md", "Refused", "2026-01-19", false),
        ("d-stale.md", "Stale", "2026-01-26", true),
        ("e-earlier.md", "Earlier", "2026-02-02", true),
    ];
    for (file, title, date, attached) in records {
        fs::write(evidence.join(file), record(title, date, attached, "")).expect("record");
    }
    sign(dir, "evidence/a-typed.md", "Sam Patel", "mentor", None);
    sign(dir, "evidence/b-verified.md", "Sam Patel", "mentor", Some(&keys.join("sam")));
    // Jo's key, allowed for Jo only, used to sign as Sam.
    sign(dir, "evidence/c-refused.md", "Sam Patel", "mentor", Some(&keys.join("jo")));
    sign(dir, "evidence/d-stale.md", "Sam Patel", "mentor", Some(&keys.join("sam")));
    fs::write(evidence.join("notes.txt"), "Notes of the meeting, changed after signing.\n").expect("edit");
    let signoff = format!(
        "signoff:\n  - by: Sam Patel\n    role: mentor\n    date: 2026-02-09\n    digest: {}\n",
        form_one("Earlier", "2026-02-02")
    );
    fs::write(evidence.join("e-earlier.md"), record("Earlier", "2026-02-02", true, &signoff))
        .expect("record");
    // An entry with no digest, and one whose signature is not one.
    let damaged = "signoff:\n  - by: Sam Patel\n    role: mentor\n    date: 2026-02-10\n  - by: Jo Reed\n    role: moderator\n    date: 2026-02-10\n    digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n    signature: not a signature\n";
    fs::write(evidence.join("f-damaged.md"), record("Damaged", "2026-02-09", false, damaged))
        .expect("record");
    (sam, jo)
}

#[test]
fn the_html_pack_says_how_each_signoff_was_made_and_whether_it_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (keys, known, unknown) =
        (dir.path().join("keys"), dir.path().join("known"), dir.path().join("unknown"));
    for folder in [&keys, &known, &unknown] {
        fs::create_dir_all(folder).expect("mkdir");
    }
    let (sam, jo) = portfolio(&known, &keys);
    let pack = html(&known);

    // The same key, where no allowed-signers file says whose it is.
    fs::write(unknown.join("pqs.yaml"), MANIFEST).expect("manifest");
    fs::create_dir_all(unknown.join("evidence")).expect("mkdir");
    fs::write(unknown.join("evidence/f-unknown.md"), record("Unknown", "2026-02-09", false, ""))
        .expect("record");
    sign(&unknown, "evidence/f-unknown.md", "Sam Patel", "mentor", Some(&keys.join("sam")));
    let unknown_pack = html(&unknown);

    let shown = format!(
        "{}\n--- with no allowed-signers file\n{}",
        signoff_parts(&pack),
        signoff_parts(&unknown_pack)
    )
    .replace(&sam, "[Sam's fingerprint]")
    .replace(&jo, "[Jo's fingerprint]");
    // Every key's fingerprint is replaced: what is left is the key to the sign-offs of each pack.
    assert_eq!(shown.matches("SHA256:").count(), 2, "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn where_keys_are_required_the_pack_says_why_a_typed_name_or_another_mentor_is_not_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (keys, root) = (dir.path().join("keys"), dir.path().join("portfolio"));
    fs::create_dir_all(root.join("evidence")).expect("mkdir");
    fs::create_dir_all(&keys).expect("mkdir");
    let other = key(&keys.join("other"));
    fs::write(root.join("pqs.yaml"), format!("{MANIFEST}signing:\n  keys: required\n")).expect("manifest");
    fs::write(root.join("allowed_signers"), allowed("Random Person", &keys.join("other.pub")))
        .expect("signers");
    fs::write(root.join("evidence/a-typed.md"), record("Typed", "2026-01-05", false, "")).expect("record");
    fs::write(root.join("evidence/b-other.md"), record("Other", "2026-01-12", false, "")).expect("record");
    sign(&root, "evidence/a-typed.md", "Sam Patel", "mentor", None);
    sign(&root, "evidence/b-other.md", "Random Person", "mentor", Some(&keys.join("other")));
    let shown = signoff_parts(&html(&root)).replace(&other, "[fingerprint]");
    let rows: Vec<&str> = shown.split("<tr>").skip(1).collect();
    assert_eq!(
        rows,
        [
            "<th scope=\"row\">Sign-off</th><td><ul class=\"signoffs\"><li>Sam Patel (mentor), 2026-11-20: <strong class=\"signoff-broken\">not accepted: a typed name only, and <code>pqs.yaml</code> requires sign-offs to be signed with a key</strong>\n<br><span class=\"signoff-how\">typed name only, not signed with a key</span></li></ul></td></tr>\n",
            "<th scope=\"row\">Sign-off</th><td><ul class=\"signoffs\"><li>Random Person (mentor), 2026-11-20: <strong class=\"signoff-broken\">not accepted: it should be signed by <code>Sam Patel</code>, the portfolio&#39;s mentor in <code>pqs.yaml</code></strong>\n<br><span class=\"signoff-how\">signed with a key (<code>[fingerprint]</code>), allowed by <code>allowed_signers</code></span></li></ul></td></tr>",
        ]
    );
}

#[test]
fn a_name_in_a_signoff_and_in_the_reason_it_is_refused_never_becomes_markup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (keys, root) = (dir.path().join("keys"), dir.path().join("portfolio"));
    fs::create_dir_all(root.join("evidence")).expect("mkdir");
    fs::create_dir_all(&keys).expect("mkdir");
    key(&keys.join("jo"));
    fs::write(root.join("pqs.yaml"), MANIFEST).expect("manifest");
    fs::write(root.join("allowed_signers"), allowed("Jo Reed", &keys.join("jo.pub"))).expect("signers");
    fs::write(root.join("evidence/a.md"), record("Hostile", "2026-01-05", false, "")).expect("record");
    // HTML, typst markup and code, and a backtick that the reason's words are cut at.
    let name = "Sam <b>Bold</b> *star* #strong[x] ]) `tick";
    sign(&root, "evidence/a.md", name, "moderator", Some(&keys.join("jo")));
    let page = html(&root);
    let escaped = "Sam &lt;b&gt;Bold&lt;/b&gt; *star* #strong[x] ]) `tick";
    assert!(!page.contains("<b>Bold"), "{page}");
    assert_eq!(page.matches(escaped).count(), 2, "the name and the reason: {page}");
    #[cfg(feature = "pdf")]
    {
        let text = pdf_extract::extract_text_from_mem(&pdf(&root)).expect("text").replace('\u{200b}', "");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(says(&text, &format!("{name} (moderator), 2026-11-20: not accepted")), "{flat}");
        assert!(says(&text, &format!("gives that key to Jo Reed, not to {name}")), "{flat}");
    }
}

/// Whether the text taken out of a PDF holds `words`, compared without spaces: that text splits
/// a word now and then where its letters were placed one by one ("notes.t x t"), as the layout
/// around it falls, and runs lines together.
#[cfg(feature = "pdf")]
fn says(text: &str, words: &str) -> bool {
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    bare(text).contains(&bare(words))
}

/// The PDF pack of the portfolio in `dir`.
#[cfg(feature = "pdf")]
fn pdf(dir: &Path) -> Vec<u8> {
    let out = dir.join("pack.pdf");
    let run = finish(
        pqs()
            .env_remove("SOURCE_DATE_EPOCH")
            .current_dir(dir)
            .args(["render", ".", "--format", "pdf", "--date", "2026-11-22", "--force", "--out"])
            .arg(&out),
    );
    assert!(out.exists(), "{}{}", run.stdout, run.stderr);
    fs::read(out).expect("the pack")
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_pack_says_the_same_and_keeps_each_fingerprint_inside_the_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (keys, known) = (dir.path().join("keys"), dir.path().join("known"));
    fs::create_dir_all(&keys).expect("mkdir");
    fs::create_dir_all(&known).expect("mkdir");
    let (sam, jo) = portfolio(&known, &keys);
    let pdf = pdf(&known);
    // Without the invisible places to break a line that the pack puts in long names.
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text").replace('\u{200b}', "");
    // Words as a reader sees them; and without spaces, as a fingerprint broken across lines.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let joined: String = text.split_whitespace().collect();
    for words in [
        "Reading the sign-offs",
        "Sam Patel (mentor), 2026-11-20: still valid",
        "typed name only, not signed with a key",
        "not accepted: `allowed_signers` gives that key to Jo Reed, not to Sam Patel",
        "no longer valid: the file `notes.txt` changed after it was signed",
        "made by an earlier version of pqs, it covers the record's text but not its files: notes.txt",
        "cannot be checked: it does not say which version of the record was signed",
        "signed with a key, but the signature cannot be read",
    ] {
        let words = words.replace('`', "");
        assert!(says(&text, &words), "{words:?} in:\n{flat}");
    }
    for fingerprint in [&sam, &jo] {
        assert!(joined.contains(&format!("signedwithakey({fingerprint})")), "{fingerprint} in:\n{flat}");
    }
    assert!(joined.contains(&format!("({sam}),allowedbyallowed_signers")), "{flat}");
    assert_eq!(crate::pdf::past_the_margin(&pdf), [], "{flat}");
}
