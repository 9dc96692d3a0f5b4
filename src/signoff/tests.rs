//! Unit tests of `signoff/mod.rs`.

use super::*;

fn request(by: &str, role: &str) -> Request {
    Request { by: by.to_owned(), role: role.to_owned(), date: Date::new(2026, 3, 9).expect("date") }
}

/// A record of no portfolio on the disk: it has no files to cover.
fn target() -> Target {
    let root = PathBuf::from("/nonexistent-pqs-portfolio");
    Target {
        given: PathBuf::from("r.md"),
        real: root.join("evidence/r.md"),
        root,
        record: "evidence/r.md".to_owned(),
        candidate: "Alex Morgan".to_owned(),
    }
}

fn sign(text: &str, by: &str, role: &str) -> Signed {
    sign_text(&target(), text.as_bytes(), &request(by, role), None).expect("signs")
}

/// The digest a sign-off of the record whose file holds `bytes` is made over (it has no files).
fn digest_of(bytes: &[u8]) -> Option<String> {
    let read = read(Path::new("r.md"), bytes).ok()?;
    Some(digest::digest_with_files(&read.fields, read.split.body(), &BTreeMap::new()))
}

const RECORD: &str = "---\n# What was observed\ntitle: \"Group supervision\"   # keep\ntype: observation\nkind: formative\n\ndate: 2026-03-02\nobserver: Sam Patel (mentor)\nstandards: [6.1, 6.10]\n---\nWe met.\n";

/// Everything outside the `signoff` block, for comparing byte for byte.
fn outside(text: &str) -> String {
    without_signoff(text.as_bytes())
}

#[test]
fn signing_twice_keeps_everything_outside_the_block() {
    let once = sign(RECORD, "Sam Patel", "mentor");
    assert_eq!(once.change, Change::Added);
    let twice = sign(&once.text, "Jo Reed", "observer");
    assert_eq!(twice.change, Change::Added);
    assert_eq!(outside(&twice.text), RECORD);
    assert!(twice.text.starts_with(&RECORD[..RECORD.find("---\nWe met").expect("fence")]));
    let entries = entries(&read(Path::new("r.md"), twice.text.as_bytes()).expect("reads").fields);
    assert_eq!(entries.iter().map(|e| e.by.as_str()).collect::<Vec<_>>(), ["Sam Patel", "Jo Reed"]);
    assert_eq!(Some(once.digest), digest_of(twice.text.as_bytes()));
}

#[test]
fn the_same_signer_renews_in_place() {
    let signed = sign(RECORD, "Sam Patel", "mentor").text;
    let edited = signed.replace("We met.", "We met and agreed a plan.");
    let renewed = sign(&edited, "sam patel", "mentor");
    assert_eq!(renewed.change, Change::Renewed);
    assert_eq!(renewed.text.matches("- by:").count(), 1);
    assert!(renewed.text.contains(&renewed.digest));
    assert_eq!(sign(&renewed.text, "Sam Patel", "mentor").change, Change::Unchanged);
}

#[test]
fn block_styles_are_kept_or_rewritten_safely() {
    let cases = [
        // Entries at the margin, with a comment inside the block and after it.
        "---\ntitle: T\nsignoff:\n- by: Jo Reed\n  role: observer # the observer\n  date: 2026-03-02\n  digest: sha256:00\n# after\ntype: reflection\n---\nText\n",
        // Flow style, empty list, CRLF line endings.
        "---\ntitle: T\nsignoff: [{by: Jo Reed, role: observer, date: 2026-03-02, digest: 'sha256:00'}]\ntype: reflection\n---\nText\n",
        "---\ntitle: T\nsignoff: []  # none yet\ntype: reflection\n---\nText\n",
        "---\r\ntitle: T\r\ntype: reflection\r\n---\r\nText\r\n",
        "---\n---\nText\n",
    ];
    for text in cases {
        let signed = sign(text, "Sam O'Neil: mentor", "mentor");
        let read = read(Path::new("r.md"), signed.text.as_bytes()).expect("reads back");
        let entries = entries(&read.fields);
        assert_eq!(entries.last().map(|e| e.by.as_str()), Some("Sam O'Neil: mentor"), "{text}");
        assert_eq!(Some(signed.digest), digest_of(text.as_bytes()), "{text}");
        if text.contains("\r\n") {
            assert!(!signed.text.replace("\r\n", "").contains('\n'), "line endings kept");
        }
        if text.contains("# the observer") {
            assert!(signed.text.contains("  role: observer # the observer\n"));
            assert!(
                signed.text.contains("  digest: sha256:00\n- by: \"Sam O'Neil: mentor\"\n  role: mentor\n")
            );
            assert!(signed.text.contains("# after\ntype: reflection\n"));
        }
    }
}

/// Mutations of a signed record, made by a fixed-seed generator: signing never panics, and
/// whenever it signs, the text outside the `signoff` block is unchanged and the record reads
/// the same.
#[test]
fn mangled_records_sign_safely_or_not_at_all() {
    let original = sign(RECORD, "Jo Reed", "observer")
        .text
        .replace("standards: [6.1, 6.10]", "standards: [6.1, 6.10] # c\nsignoff_note: x");
    let alphabet = b"-:#[]{}'\"\n\r\t &*!|>?,.%@`\\0aZ";
    let mut signed = 0;
    for (n, bytes) in
        crate::testing::mutations(original.as_bytes(), alphabet, 4, 3000).into_iter().enumerate()
    {
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let by = if n % 2 == 0 { "Jo Reed" } else { "Sam Patel" };
        let Ok(result) = sign_text(&target(), text.as_bytes(), &request(by, "observer"), None) else {
            continue;
        };
        signed += 1;
        assert_eq!(digest_of(result.text.as_bytes()), digest_of(text.as_bytes()), "{text:?}");
        let block =
            |t: &str| front_matter::split(t.as_bytes()).ok().and_then(|s| edit::find(&s).map(|b| b.range()));
        let after = block(&result.text).expect("a signed record has a block");
        let before = block(text).unwrap_or(after.start..after.start);
        assert_eq!(&text[..before.start], &result.text[..after.start], "{text:?}");
        assert_eq!(&text[before.end..], &result.text[after.end..], "{text:?}");
    }
    assert!(signed > 1000, "most mutations can still be signed: {signed}");
}

#[test]
fn refuses_what_it_cannot_read_or_name() {
    let unreadable = sign_text(&target(), b"---\ntitle: [\n---\n", &request("Sam", "mentor"), None);
    assert!(matches!(unreadable, Err(Error::Sign { line: Some(_), .. })), "{unreadable:?}");
    let role = sign_text(&target(), RECORD.as_bytes(), &request("Sam", "boss"), None);
    let role = role.expect_err("role");
    assert!(matches!(&role, Error::Input(InputError::UnknownRole { value }) if value == "boss"), "{role:?}");
    let name = sign_text(&target(), RECORD.as_bytes(), &request("Sam\nPatel", "mentor"), None);
    assert!(name.is_err());
}
