//! What each code of a finding is about, in a few words, for reports that list the checks as
//! well as the findings (the rules of the SARIF report). Each finding's own message, which
//! names the file, the value and the fix, is in [`crate::problem`].

/// A few words on what the check with `code` finds. A code not listed here (a new one) is
/// described by its own words.
pub fn describe(code: &str) -> String {
    if let Some(record_type) = code.strip_suffix("-minimum") {
        return format!("Fewer `{record_type}` records than the framework asks for");
    }
    match listed(code) {
        Some(text) => text.to_owned(),
        None => from_words(code),
    }
}

fn listed(code: &str) -> Option<&'static str> {
    Some(match code {
        "unreadable-file" => "A file or folder that cannot be read",
        "file-too-large" => "A record larger than 5 MiB",
        "link-outside-portfolio" => "A link that leads outside the portfolio",
        "link-to-folder" => "A link to a folder, whose records are not read",
        "file-name-collision" => "Two files whose names are one on macOS and Windows",
        "reserved-file-name" => "A name that Windows keeps for a device, or that ends in a dot or space",
        "template-unusable" => {
            "A portfolio template that fails or goes over its budget when check renders it"
        }
        "not-utf8" => "A file that is not UTF-8 text",
        "empty-file" => "An empty file",
        "missing-front-matter" => "A record without front-matter on line 1",
        "front-matter-too-large" => "Front-matter longer than 1 MiB, which is not read",
        "unclosed-front-matter" => "Front-matter without its closing `---` line",
        "yaml-syntax" => "Front-matter that is not valid YAML",
        "front-matter-not-mapping" => "Front-matter that is not a list of fields",
        "wrong-value-type" => "A field with the wrong kind of value",
        "duplicate-field" => "A field given twice",
        "unknown-field" => "A field that records do not have",
        "missing-field" => "A required field is missing",
        "empty-field" => "A required field is empty",
        "unknown-type" => "A record type that does not exist",
        "invalid-value" => "A value that the field does not allow",
        "invalid-date" => "A date that is not a real date in YYYY-MM-DD form",
        "future-date" => "A date in the future",
        "field-not-allowed" => "A field that this type of record does not have",
        "invalid-boolean" => "A value that should be true or false",
        "invalid-id" => "An id with characters that ids cannot have",
        "duplicate-id" => "Two records with the same id",
        "invalid-reference" => "A standard that is not written as `6` or `6.2`",
        "unknown-standard" => "A standard that the framework does not have",
        "unknown-statement" => "A statement that the framework does not list",
        "duplicate-reference" => "A standard or statement given twice",
        "attachment-missing" => "An attachment that does not exist",
        "attachment-outside-portfolio" => "An attachment outside the portfolio",
        "image-too-large" => "An image of more pixels than a pack shows",
        "record-large-for-pdf" => "A record whose PDF pack needs gigabytes of memory",
        "empty-body" => "A record with no text",
        "unanswered-prompt" => "A prompt from the template left in a finished record",
        "empty-section" => "A section of a finished record with no text",
        "signoff-digest-malformed" => "A sign-off whose digest is not well formed",
        "signoff-stale" => "A record changed since it was signed off",
        "signoff-before-record" => "A sign-off dated before the record",
        "signoff-missing" => "A record without a sign-off that the framework asks for",
        "privacy-nhs-number" => "An NHS number",
        "privacy-ni-number" => "A National Insurance number",
        "privacy-date-of-birth" => "A date of birth",
        "privacy-postcode" => "A full postcode",
        "privacy-email" => "An email address",
        "privacy-phone" => "A phone number",
        "privacy-name-title" => "A title and a name",
        "privacy-case-reference" => "A case number of the organisation",
        "privacy-allow-without-reason" => "A `pqs-allow` comment without a reason",
        "privacy-allow-unknown-code" => "A `pqs-allow` comment naming a check that does not exist",
        "privacy-allow-unused" => "A `pqs-allow` comment that allows nothing",
        "privacy-pattern-invalid" => "A case number pattern in `pqs.yaml` that cannot be used",
        "mentor-is-line-manager" => "The mentor is also the line manager",
        "mentor-not-in-cohort" => "A mentor who is not one of the cohort's mentors",
        "overdue" => "A record the pathway year asks for, past its due date",
        "evidence-folder-missing" => "The evidence folder does not exist",
        "no-records" => "A portfolio with no records yet",
        "initial-observation-kind" => "A first observation that is not of the kind the framework asks for",
        "standard-uncovered" => "A standard without enough evidence",
        "statement-uncovered" => "A statement without evidence",
        _ => return None,
    })
}

/// `unknown-thing` as `Unknown thing`.
fn from_words(code: &str) -> String {
    let words = code.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_few_words() {
        assert_eq!(describe("unknown-field"), "A field that records do not have");
        assert_eq!(describe("pdp-review-minimum"), "Fewer `pdp-review` records than the framework asks for");
        assert_eq!(describe("some-new-check"), "Some new check");
    }
}
