//! What an allowed signers file says of a person signing with a key on a day, each case, and
//! `ssh-keygen -Y verify` agreeing with it on the same file: Good exactly where pqs allows.

use jiff::civil::{Date, date};

use super::{make_key, open, ssh_keygen_verifies};
use crate::keys::{AllowedSigners, Judgement, Signer};

const MESSAGE: &[u8] = b"the statement signed";

/// Keys made for the test: Sam's, Ana's, one for git only, one that is nobody's.
struct Keys {
    sam: Signer,
    ana: Signer,
    git_only: Signer,
    stranger: Signer,
}

fn keys(dir: &std::path::Path) -> Keys {
    let key = |name: &str| open(&make_key(dir, name, "ed25519", ""));
    Keys { sam: key("sam"), ana: key("ana"), git_only: key("git"), stranger: key("stranger") }
}

fn file(keys: &Keys) -> String {
    let (sam, ana, git) = (keys.sam.public_key(), keys.ana.public_key(), keys.git_only.public_key());
    [
        "# The 2025 cohort's signers, kept by the workforce development lead".to_owned(),
        String::new(),
        format!(
            "sam@example.org,\"Sam Patel\" valid-after=\"20250101\",valid-before=\"20251231\" {sam} laptop"
        ),
        format!("ana@example.org,\"Ana Lopes\" namespaces=\"git,pqs-*\" {ana}"),
        format!("*@mentors.example.org,!former@mentors.example.org {ana}"),
        format!("\"Sam Patel\" namespaces=\"git\" {git}"),
        // The same key for Sam again, after a gap: the later line allows the later dates.
        format!("\"Sam Patel\" valid-after=\"20260301\" {sam}"),
    ]
    .join("\r\n")
}

#[test]
fn each_judgement_and_ssh_keygen_agrees() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let keys = keys(dir.path());
    let text = file(&keys);
    let (allowed, errors) = AllowedSigners::parse(&text);
    assert_eq!(errors, []);
    let in_2025 = date(2025, 6, 1);
    let cases: Vec<(&str, &Signer, Date, Judgement)> = vec![
        ("Sam Patel", &keys.sam, in_2025, Judgement::Allowed { line: 3 }),
        ("sam@example.org", &keys.sam, date(2025, 1, 1), Judgement::Allowed { line: 3 }),
        ("Sam Patel", &keys.sam, date(2025, 12, 31), Judgement::Allowed { line: 3 }),
        ("Sam Patel", &keys.sam, date(2026, 3, 1), Judgement::Allowed { line: 7 }),
        (
            "Sam Patel",
            &keys.sam,
            date(2024, 12, 31),
            Judgement::OutsideDates {
                line: 3,
                after: Some(date(2025, 1, 1)),
                before: Some(date(2025, 12, 31)),
            },
        ),
        (
            "Sam Patel",
            &keys.sam,
            date(2026, 1, 15),
            Judgement::OutsideDates {
                line: 3,
                after: Some(date(2025, 1, 1)),
                before: Some(date(2025, 12, 31)),
            },
        ),
        ("Ana Lopes", &keys.ana, in_2025, Judgement::Allowed { line: 4 }),
        ("jo@mentors.example.org", &keys.ana, in_2025, Judgement::Allowed { line: 5 }),
        (
            "former@mentors.example.org",
            &keys.ana,
            in_2025,
            Judgement::OtherPerson { principals: vec!["ana@example.org".into(), "Ana Lopes".into()] },
        ),
        // Names are compared exactly, as OpenSSH compares them.
        (
            "sam patel",
            &keys.sam,
            in_2025,
            Judgement::OtherPerson { principals: vec!["sam@example.org".into(), "Sam Patel".into()] },
        ),
        (
            "Ana Lopes",
            &keys.sam,
            in_2025,
            Judgement::OtherPerson { principals: vec!["sam@example.org".into(), "Sam Patel".into()] },
        ),
        ("Sam Patel", &keys.git_only, in_2025, Judgement::OtherPurpose { line: 6 }),
        ("Sam Patel", &keys.stranger, in_2025, Judgement::UnknownKey),
    ];
    for (principal, signer, day, expected) in cases {
        let judged = allowed.judge(principal, &signer.public_key(), day);
        assert_eq!(judged, expected, "{principal} on {day}");
        let signature = signer.sign(MESSAGE).expect("signs");
        let when = day.strftime("%Y%m%d").to_string();
        let (good, said) =
            ssh_keygen_verifies(dir.path(), &text, principal, &signature, MESSAGE, Some(&when));
        let allows = matches!(expected, Judgement::Allowed { .. });
        assert_eq!(good, allows, "{principal} on {day}: ssh-keygen said {said}");
    }
}

#[test]
fn whom_a_key_belongs_to() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let keys = keys(dir.path());
    let (allowed, _) = AllowedSigners::parse(&file(&keys));
    assert_eq!(allowed.principals_of(&keys.sam.public_key()), ["sam@example.org", "Sam Patel"]);
    // Patterns name nobody in particular; a line for git only does not count for pqs.
    assert_eq!(allowed.principals_of(&keys.ana.public_key()), ["ana@example.org", "Ana Lopes"]);
    assert_eq!(allowed.principals_of(&keys.git_only.public_key()), Vec::<String>::new());
    assert_eq!(allowed.principals_of(&keys.stranger.public_key()), Vec::<String>::new());
    // The key is taken with or without its comment, and nonsense is nobody's.
    let with_comment = format!("{} sam's laptop", keys.sam.public_key());
    assert_eq!(allowed.principals_of(&with_comment), ["sam@example.org", "Sam Patel"]);
    assert_eq!(allowed.principals_of("not a key"), Vec::<String>::new());
    assert_eq!(allowed.judge("Sam Patel", "not a key", date(2025, 6, 1)), Judgement::UnknownKey);
}

#[test]
fn a_certificate_authority_allows_no_plain_key() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let keys = keys(dir.path());
    let text = format!("*@example.org cert-authority {}\n", keys.sam.public_key());
    let (allowed, errors) = AllowedSigners::parse(&text);
    assert_eq!(errors, []);
    assert_eq!(allowed.certificate_authority_lines(), [1]);
    let day = date(2025, 6, 1);
    assert_eq!(allowed.judge("sam@example.org", &keys.sam.public_key(), day), Judgement::UnknownKey);
    let signature = keys.sam.sign(MESSAGE).expect("signs");
    let (good, said) = ssh_keygen_verifies(dir.path(), &text, "sam@example.org", &signature, MESSAGE, None);
    assert!(!good, "ssh-keygen took a certificate authority's key as a plain key: {said}");
}

#[test]
fn ssh_keygen_refuses_the_lines_pqs_refuses_and_takes_the_odd_ones_it_takes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let signer = open(&make_key(dir.path(), "sam", "ed25519", ""));
    let signature = signer.sign(MESSAGE).expect("signs");
    let key = signer.public_key();
    let refused = [
        "sam colour=\"blue\" {key}",
        "sam valid-after=20250101 {key}",
        "sam valid-after=\"2025-01-01\" {key}",
        "sam valid-after=\"20250101\",valid-before=\"20240101\" {key}",
        "sam namespaces=\"pqs-signoff\",namespaces=\"pqs-signoff\" {key}",
        "sam namespaces=\"pqs-signoff\", {key}",
        "sam namespaces=\"pqs-signoff\"x {key}",
        "\"sam\",other {key}",
        "\"sam {key}",
    ];
    let taken = [
        "sam ,,namespaces=\"pqs-signoff\",,valid-after=\"20250101z\" {key}",
        "SAM,\"sam\" NAMESPACES=\"pqs-*\" {key} a comment",
        "s\"am\" {key}",
        "\t sam \t {key}",
    ];
    let day = date(2025, 6, 1);
    for (lines, refuse) in [(&refused[..], true), (&taken[..], false)] {
        for line in lines {
            let text = line.replace("{key}", &key);
            let (allowed, errors) = AllowedSigners::parse(&text);
            assert_eq!(errors.len(), usize::from(refuse), "{text}: {errors:?}");
            let judged = allowed.judge("sam", &key, day);
            assert_eq!(matches!(judged, Judgement::Allowed { .. }), !refuse, "{text}: {judged:?}");
            let (good, said) =
                ssh_keygen_verifies(dir.path(), &text, "sam", &signature, MESSAGE, Some("20250601"));
            assert_eq!(good, !refuse, "{text}: ssh-keygen said {said}");
        }
    }
}
