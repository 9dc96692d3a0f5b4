//! Every problem, from a table of sample values that names each variant of [`Problem`] (read
//! from the enum's own source, so a new variant without a sample fails here): its code is
//! kebab-case, its words are there, every problem of one code has the same few words, and the
//! codes are those the README lists.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::RecordType;
use crate::privacy::Code;
use crate::problem::Problem;

/// At least one sample of every variant, and one of each arm of the words where they differ.
fn samples() -> Vec<Problem> {
    use Problem as P;
    let text = |t: &str| t.to_owned();
    let mut samples = vec![
        P::Unreadable { reason: text("permission denied") },
        P::UnreadableFolder { reason: text("permission denied") },
        P::TooLarge { size: 6 * 1024 * 1024 },
        P::LinkOutside,
        P::LinkToFolder,
        P::NameCollision { other: text("evidence/A.md") },
        P::ReservedName { name: text("con.md") },
        P::ReservedName { name: text("notes.") },
        P::TemplateUnusable { reason: text("a loop went over its budget") },
        P::TomlFrontMatter,
        P::FrontMatterTooLarge { size: 2 * 1024 * 1024 },
        P::Placeholder { field: text("title"), value: text("{{ page.title }}") },
        P::NotUtf8,
        P::EmptyFile,
        P::MissingFrontMatter { blank_lines_before: 0 },
        P::MissingFrontMatter { blank_lines_before: 2 },
        P::UnclosedFrontMatter,
        P::YamlSyntax { detail: text("a value contains `: `") },
        P::NotAMapping { file_kind: "a list" },
        P::WrongShape { field: text("standards[0]"), detail: text("should be a single value") },
        P::DuplicateField { field: text("title") },
        P::UnknownField { field: text("titel"), place: "a record", suggestion: Some("title") },
        P::UnknownField { field: text("colour"), place: "a record", suggestion: None },
        P::MissingField { field: "kind", why: text("an observation needs one"), example: "kind: direct" },
        P::EmptyField { field: "title" },
        P::UnknownType { value: text("observaton"), suggestion: Some("observation") },
        P::UnknownType { value: text("essay"), suggestion: None },
        P::InvalidValue { field: text("kind"), value: text("x"), allowed: vec!["direct"], suggestion: None },
        P::InvalidDate { field: text("date"), value: text("2026-02-30"), reason: text("no such day") },
        P::FutureDate { value: text("2027-01-01"), today: text("2026-11-22") },
        P::FieldNotAllowed { field: "kind", record_type: "reflection", allowed_on: "observations" },
        P::InvalidBool { field: "draft", value: text("yes") },
        P::InvalidId { value: text("A B") },
        P::DuplicateId { id: text("a"), other: text("evidence/a.md") },
        P::InvalidReference { value: text("6.2.1") },
        P::UnknownStandard { value: text("12"), framework: text("pqs-asc-2018"), known: text("1 to 8") },
        P::UnknownStatement { value: text("6.99"), standard: text("6"), list_complete: false },
        P::UnknownStatement { value: text("6.99"), standard: text("6"), list_complete: true },
        P::DuplicateReference { value: text("6") },
        P::AttachmentMissing { path: text("a.pdf") },
        P::AttachmentOutside { path: text("../a.pdf"), reason: "it leaves the portfolio" },
        P::ImageTooLarge { path: text("a.png"), width: 20_000, height: 20_000 },
        P::LargeForPdf { size: 3 * 1024 * 1024 },
        P::EmptyBody,
        P::UnansweredPrompt,
        P::EmptySection { heading: text("What I learned") },
        P::MalformedDigest { value: text("sha256:00") },
        P::SignoffStale {
            date: text("2026-03-02"),
            file: text("evidence/a.md"),
            by: Some(text("Sam Patel")),
            role: None,
            changed: String::new(),
        },
        P::SignoffStale {
            date: text("2026-03-02"),
            file: text("evidence/a.md"),
            by: Some(text("Sam Patel")),
            role: Some(text("mentor")),
            changed: text("the file `notes.pdf`"),
        },
        P::SignoffTyped { who: text("Sam Patel (mentor)"), set_in: text("../pqs-cohort.yaml") },
        P::TypedSignoffs { count: 1 },
        P::TypedSignoffs { count: 7 },
        P::SignatureInvalid { who: text("Sam Patel (mentor)"), why: text("it was signed as Sam Patel") },
        P::SignerNotAllowed {
            who: text("Sam Patel (mentor)"),
            fingerprint: text("SHA256:abc"),
            why: text("the key is not in `allowed_signers`"),
        },
        P::SignerUnknown {
            who: text("Sam Patel (mentor)"),
            fingerprint: text("SHA256:abc"),
            required: false,
        },
        P::SignerUnknown { who: text("Sam Patel (mentor)"), fingerprint: text("SHA256:abc"), required: true },
        P::SignoffWrongPerson {
            who: text("Jo Reed (mentor)"),
            expected: text("Sam Patel"),
            from: "`mentor` in `pqs.yaml`",
            required: false,
        },
        P::SignoffOldDigest { who: text("Sam Patel (mentor)"), files: text("`notes.pdf`") },
        P::AllowedSignersLine { message: text("`ssh-foo` is not a kind of key") },
        P::EndorsementUnreadable { reason: text("its `role` is `observer`") },
        P::EndorsementStale {
            who: text("Sam Patel (mentor)"),
            date: text("2026-11-20"),
            changes: text("`evidence/a.md` changed"),
        },
        P::EndorsementSignatureInvalid {
            who: text("Sam Patel (mentor)"),
            why: text("it was signed on 2026-11-19"),
        },
        P::EndorsementSignerNotAllowed {
            who: text("Sam Patel (mentor)"),
            fingerprint: text("SHA256:abc"),
            why: text("the key is not in `allowed_signers`"),
        },
        P::EndorsementSignerUnknown {
            who: text("Sam Patel (mentor)"),
            fingerprint: text("SHA256:abc"),
            required: false,
        },
        P::EndorsementSignerUnknown {
            who: text("Sam Patel (mentor)"),
            fingerprint: text("SHA256:abc"),
            required: true,
        },
        P::EndorsementTyped { who: text("Sam Patel (mentor)"), required_by: None },
        P::EndorsementTyped { who: text("Sam Patel (mentor)"), required_by: Some(text("pqs.yaml")) },
        P::EndorsementWrongPerson {
            who: text("Jo Reed (mentor)"),
            expected: text("Sam Patel"),
            required: false,
        },
        P::EndorsementMissing { mentor: Some(text("Sam Patel")), stale: false },
        P::EndorsementMissing { mentor: None, stale: true },
        P::AllowedSignersUnusable { file: text("keys"), reason: text("it is a folder") },
        P::AllowWithoutReason,
        P::AllowUnknownCode { code: text("privacy-postcod"), suggestion: Some("privacy-postcode") },
        P::AllowUnknownCode { code: String::new(), suggestion: None },
        P::PrivacyPattern { pattern: text("LAS-[0-9"), reason: text("unclosed character class") },
        P::MentorIsLineManager { name: text("Sam Patel") },
        P::MentorNotInCohort { name: text("Sam Patel"), mentors: text("Jo Reed") },
        P::EvidenceFolderMissing { folder: text("evidence") },
        P::NoRecords { folder: text("evidence") },
        P::InitialKind {
            earliest: text("a"),
            earliest_kind: text("direct"),
            required_kind: text("formative"),
        },
        P::SignoffBeforeRecord { signed: text("2026-01-01"), record: text("2026-02-01") },
        P::SignoffMissing {
            label: text("Observations"),
            file: text("evidence/a.md"),
            roles: vec![text("mentor")],
        },
        P::Overdue {
            label: text("A PDP review"),
            occurrence: (2, 2),
            month: 12,
            due: jiff::civil::date(2026, 12, 1),
            record_type: "pdp-review",
            kind: None,
            draft: None,
        },
        P::Overdue {
            label: text("A PDP"),
            occurrence: (1, 1),
            month: 1,
            due: jiff::civil::date(2026, 1, 1),
            record_type: "pdp",
            kind: None,
            draft: Some(text("evidence/pdp.md")),
        },
        P::StandardUncovered { id: text("6"), title: text("Supervision"), found: 0, required: 1 },
        P::StatementUncovered { id: text("6.2"), label: text("Reflection") },
        P::Repeated { of: Box::new(P::EmptyBody), more: 3 },
    ];
    for check in Code::ALL {
        samples.push(P::Privacy { check, in_name: false });
        samples.push(P::Privacy { check, in_name: true });
        samples.push(P::AllowUnused { check });
    }
    for record_type in RecordType::NAMES {
        samples.push(P::RequirementUnmet {
            label: text("Observations"),
            record_type,
            kind: Some(text("direct")),
            found: 1,
            required: 2,
            drafts: Vec::new(),
        });
    }
    samples.push(P::RequirementUnmet {
        label: text("A PDP"),
        record_type: "pdp",
        kind: None,
        found: 0,
        required: 1,
        drafts: vec![text("evidence/pdp.md")],
    });
    samples
}

/// The variant a sample is, from its `Debug` form: `UnknownField { .. }` is `UnknownField`.
fn variant(problem: &Problem) -> String {
    format!("{problem:?}").chars().take_while(char::is_ascii_alphanumeric).collect()
}

/// The variants declared in the source of `enum Problem`: each a line indented once.
fn declared() -> BTreeSet<String> {
    let source = include_str!("mod.rs");
    let start = source.find("pub enum Problem {").expect("the enum");
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").expect("its end")];
    body.lines()
        .filter_map(|line| line.strip_prefix("    "))
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| line.chars().take_while(char::is_ascii_alphanumeric).collect())
        .collect()
}

fn is_kebab_case(code: &str) -> bool {
    !code.is_empty()
        && code.split('-').all(|word| {
            !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[test]
fn every_variant_has_a_sample() {
    let declared = declared();
    assert!(declared.len() > 50, "the enum is read: {declared:?}");
    let sampled: BTreeSet<String> = samples().iter().map(variant).collect();
    let missing: Vec<_> = declared.difference(&sampled).collect();
    assert!(missing.is_empty(), "variants without a sample: {missing:?}");
    assert_eq!(sampled, declared);
}

#[test]
fn every_problem_has_a_kebab_case_code_and_words() {
    for problem in samples() {
        let code = problem.code();
        assert!(is_kebab_case(&code), "{problem:?}: code `{code}`");
        assert!(!problem.message().trim().is_empty(), "{problem:?}: a message");
        for words in [problem.help(), problem.label()].into_iter().flatten() {
            assert!(!words.trim().is_empty(), "{problem:?}: help and label have words if any");
        }
        let describe = problem.describe();
        assert!(describe.starts_with(|c: char| c.is_uppercase()), "{code}: `{describe}` is capitalised");
        assert!(!describe.ends_with('.'), "{code}: `{describe}` is a phrase, not a sentence");
        let restated = code.replace('-', " ");
        assert!(!describe.eq_ignore_ascii_case(&restated), "{code}: `{describe}` says more than its code");
    }
}

#[test]
fn every_problem_of_a_code_has_the_same_few_words() {
    let mut words: BTreeMap<String, (String, Problem)> = BTreeMap::new();
    for problem in samples() {
        let describe = problem.describe().into_owned();
        match words.get(problem.code().as_ref()) {
            Some((first, other)) => {
                assert_eq!(&describe, first, "{problem:?} and {other:?} share a code, so their words")
            }
            None => {
                words.insert(problem.code().into_owned(), (describe, problem));
            }
        }
    }
}

#[test]
fn a_repeated_finding_is_one_more_of_its_code() {
    let repeated = Problem::Repeated { of: Box::new(Problem::EmptyBody), more: 3 };
    assert_eq!(repeated.code(), "empty-body");
    assert_eq!(repeated.describe(), Problem::EmptyBody.describe());
    assert_eq!(
        repeated.message(),
        "and 3 more `empty-body` findings in this file, from here on, not shown one by one"
    );
}

/// The words the README's "What `pqs check` reports" names in backticks that may be codes:
/// lowercase letters, digits and inner dashes (not `--complete`, `<type>-minimum` or
/// `privacy-`).
fn readme_codes() -> BTreeSet<String> {
    let readme = include_str!("../../README.md");
    let start = readme.find("## What `pqs check` reports").expect("the section");
    let section = &readme[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let section = &section[..section.find("```").unwrap_or(section.len())];
    section.split('`').skip(1).step_by(2).filter(|word| is_kebab_case(word)).map(str::to_owned).collect()
}

#[test]
fn the_readme_lists_the_codes() {
    let codes: BTreeSet<String> = samples().iter().map(|p| p.code().into_owned()).collect();
    let listed = readme_codes();
    assert!(listed.len() > 40, "the list is read: {listed:?}");
    // A word of one part (`error`, `title`) is not taken for a code unless it is one.
    let unknown: Vec<_> = listed.difference(&codes).filter(|word| word.contains('-')).collect();
    assert!(unknown.is_empty(), "the README names codes pqs does not have: {unknown:?}");
    // The README names the lint's findings together ("the `privacy-` findings") and the unmet
    // requirements by a pattern (`<type>-minimum`).
    let unlisted: Vec<_> = codes
        .iter()
        .filter(|code| !listed.contains(*code))
        .filter(|code| !code.ends_with("-minimum"))
        .filter(|code| Code::from_code(code).is_none() && !code.starts_with("privacy-allow-"))
        .collect();
    assert!(unlisted.is_empty(), "codes the README does not list: {unlisted:?}");
}
