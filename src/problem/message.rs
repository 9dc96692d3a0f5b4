//! What is wrong, in plain words: each finding's message (one sentence naming the field and
//! quoting the value) and the short label under the text it points at.

use crate::problem::Problem;
use crate::problem::yaml::field_in_words;
use crate::text::{ordinal, plural};

impl Problem {
    /// What is wrong.
    pub fn message(&self) -> String {
        use Problem as P;
        match self {
            P::Unreadable { reason } => format!("this file could not be read: {reason}"),
            P::UnreadableFolder { reason } => {
                format!("this folder could not be read, so the records in it were not checked: {reason}")
            }
            P::TooLarge { size } => format!(
                "this file is {} MiB, more than the {} MiB a record may be",
                size.div_ceil(1024 * 1024),
                crate::read::MAX_BYTES / (1024 * 1024)
            ),
            P::LinkOutside => {
                "this file is a link to a file outside the portfolio, so it is not read".to_owned()
            }
            P::LinkToFolder => "this is a link to a folder: the records in it are not read".to_owned(),
            P::NameCollision { other } => format!(
                "this file's name differs from `{other}` only in upper and lower case or in how an accented letter is written: on macOS and Windows they are one file, and one record would replace the other"
            ),
            P::ReservedName { name } if name.ends_with(['.', ' ']) => format!(
                "`{name}` ends with a dot or a space, which Windows drops: the file cannot be saved or opened there under this name"
            ),
            P::ReservedName { name } => format!(
                "`{name}` is a name Windows keeps for a device: the file cannot be saved or opened there"
            ),
            P::TemplateUnusable { reason } => format!(
                "this template cannot be used, so no record's sections were checked against the templates: {reason}"
            ),
            P::FrontMatterTooLarge { size } => format!(
                "this record's front-matter is {:.1} MiB, more than the {} MiB pqs reads, so the record is not read",
                *size as f64 / (1024.0 * 1024.0),
                crate::model::MAX_YAML_BYTES / (1024 * 1024)
            ),
            P::TomlFrontMatter => "this record's front-matter is TOML between `+++` lines, as Hugo or Zola write it; pqs reads YAML between `---` lines".to_owned(),
            P::Placeholder { field, value } => format!(
                "{} is `{value}`, a placeholder for another tool's templates: in YAML a value that starts with `{{` is a group, so this one cannot be read",
                field_in_words(field)
            ),
            P::NotUtf8 => "this file is not plain UTF-8 text".to_owned(),
            P::EmptyFile => "this file is empty".to_owned(),
            P::MissingFrontMatter { blank_lines_before: 0 } => {
                "this record has no front-matter: it must start with a line `---`".to_owned()
            }
            P::MissingFrontMatter { blank_lines_before } => format!(
                "the front-matter must start on line 1, but the file has {blank_lines_before} blank line{} before `---`",
                plural(*blank_lines_before)
            ),
            P::UnclosedFrontMatter => "the front-matter is never closed with a `---` line".to_owned(),
            P::YamlSyntax { detail } => format!("this is not valid YAML: {detail}"),
            P::NotAMapping { file_kind } => {
                format!("the front-matter should be `field: value` lines, but it is {file_kind}")
            }
            P::WrongShape { field, detail } => format!("{} {detail}", field_in_words(field)),
            P::DuplicateField { field } => format!("`{field}` is given more than once"),
            P::UnknownField { field, place, .. } => format!("`{field}` is not a field of {place}"),
            P::MissingField { field, why, .. } => format!("`{field}` is missing: {why}"),
            P::EmptyField { field } => format!("`{field}` is empty"),
            P::UnknownType { value, .. } => format!("`{value}` is not a record type"),
            P::InvalidValue { field, value, .. } => format!("`{value}` is not a valid `{field}`"),
            P::InvalidDate { field, value, reason } => {
                format!("`{field}` is `{value}`, which is not a date: {reason}")
            }
            P::FutureDate { value, today } => {
                format!("the date `{value}` is in the future (today is {today})")
            }
            P::FieldNotAllowed { field, record_type, .. } => {
                format!("`{field}` does not belong on a record of type `{record_type}`")
            }
            P::InvalidBool { field, value } => {
                format!("`{field}` is `{value}`, but it must be `true` or `false`")
            }
            P::InvalidId { value } => format!("`{value}` is not a valid id"),
            P::DuplicateId { id, other } => format!("the id `{id}` is already used by `{other}`"),
            P::InvalidReference { value } => {
                format!("`{value}` is not a standard or statement reference")
            }
            P::UnknownStandard { value, framework, .. } => {
                format!("`{value}` is not a standard of the framework `{framework}`")
            }
            P::UnknownStatement { value, standard, .. } => {
                format!("`{value}` is not a listed statement of standard {standard}")
            }
            P::DuplicateReference { value } => format!("`{value}` is listed more than once"),
            P::AttachmentMissing { path } => format!("the attachment `{path}` does not exist"),
            P::AttachmentOutside { path, reason } => format!("the attachment `{path}` is refused: {reason}"),
            P::ImageTooLarge { path, width, height } => format!(
                "the image `{path}` is {width} by {height} pixels, more than the {} million pixels a pack shows, so the pack lists it but does not show it",
                crate::model::MAX_PIXELS / 1_000_000
            ),
            P::LargeForPdf { size } => format!(
                "this record's text is {:.1} MiB; making the PDF pack of a record over {} MiB can take more than 3 GB of memory (tables take the most), more than some computers and CI runners have",
                *size as f64 / 1_048_576.0,
                crate::model::MAX_PDF_BODY / 1_048_576
            ),
            P::EmptyBody => "this record has no text after its front-matter".to_owned(),
            P::UnansweredPrompt => "a writing prompt is still here".to_owned(),
            P::EmptySection { heading } => format!("the section `{heading}` has no text"),
            P::MalformedDigest { value } => format!("the sign-off digest `{value}` is malformed"),
            P::Privacy { check, in_name: true } => format!(
                "this record's name, or a folder's, holds what looks like {}, which could identify someone",
                check.what()
            ),
            P::Privacy { check, in_name: false } => {
                format!("this looks like {}, which could identify someone", check.what())
            }
            P::SignoffBeforeRecord { signed, record } => {
                format!("this sign-off is dated {signed}, before the record's own date, {record}")
            }
            P::AllowWithoutReason => {
                "this `pqs-allow` comment gives no reason, so it allows nothing".to_owned()
            }
            P::AllowUnknownCode { code, .. } if code.is_empty() => {
                "this `pqs-allow` comment names no check to allow".to_owned()
            }
            P::AllowUnknownCode { code, .. } => format!("`{code}` is not a check of the anonymisation lint"),
            P::AllowUnused { check } => format!(
                "this `pqs-allow {}` comment allows nothing: the next line has no such finding",
                check.as_str()
            ),
            P::PrivacyPattern { pattern, reason } => {
                format!("the case-reference pattern `{pattern}` cannot be used: {reason}")
            }
            P::SignoffStale { by, role, date, changed, .. } => {
                let who = crate::text::who(by.as_deref().unwrap_or_default(), role.as_deref().unwrap_or_default());
                let changed = if changed.is_empty() { "the record" } else { changed.as_str() };
                format!("the sign-off by {who} on {date} is no longer valid: {changed} changed after it was signed")
            }
            P::SignoffTyped { who, set_in } => format!(
                "the sign-off by {who} is a typed name only, and `{set_in}` requires sign-offs to be signed with a key, so it does not count"
            ),
            P::TypedSignoffs { count: 1 } => {
                "1 sign-off is a typed name only, not signed with a key: it shows who says they signed, not who did".to_owned()
            }
            P::TypedSignoffs { count } => format!(
                "{count} sign-offs are typed names only, not signed with a key: they show who says they signed, not who did"
            ),
            P::SignatureInvalid { who, why } => {
                format!("the signature of the sign-off by {who} does not hold: {why}")
            }
            P::SignerNotAllowed { who, fingerprint, why } => {
                format!("the sign-off by {who} is signed with the key {fingerprint}, which is not allowed: {why}")
            }
            P::SignerUnknown { who, fingerprint, required: false } => format!(
                "the sign-off by {who} is signed with the key {fingerprint}, but no allowed-signers file says whose key that is"
            ),
            P::SignerUnknown { who, fingerprint, required: true } => format!(
                "the sign-off by {who} is signed with the key {fingerprint}, but no allowed-signers file says whose key that is, so it does not count"
            ),
            P::SignoffWrongPerson { who, expected, from, .. } => {
                format!("the sign-off by {who} should be by `{expected}`, {from}")
            }
            P::SignoffOldDigest { who, files } => format!(
                "the sign-off by {who} was made by an earlier version of pqs and does not cover {files}: it is still valid for the record's text"
            ),
            P::EndorsementUnreadable { reason } => {
                format!("the mentor's endorsement in `pqs-endorsement.yaml` cannot be read: {reason}")
            }
            P::EndorsementStale { who, date, changes } => format!(
                "the endorsement of the portfolio by {who} on {date} is no longer valid: since then, {changes}"
            ),
            P::EndorsementSignatureInvalid { who, why } => {
                format!("the signature of the endorsement by {who} does not hold: {why}")
            }
            P::EndorsementSignerNotAllowed { who, fingerprint, why } => {
                format!("the endorsement by {who} is signed with the key {fingerprint}, which is not allowed: {why}")
            }
            P::EndorsementSignerUnknown { who, fingerprint, required: false } => format!(
                "the endorsement by {who} is signed with the key {fingerprint}, but no allowed-signers file says whose key that is"
            ),
            P::EndorsementSignerUnknown { who, fingerprint, required: true } => format!(
                "the endorsement by {who} is signed with the key {fingerprint}, but no allowed-signers file says whose key that is, so it does not count"
            ),
            P::EndorsementTyped { who, required_by: None } => format!(
                "the endorsement of the portfolio by {who} is a typed name only, not signed with a key: it shows who says they endorsed it, not who did"
            ),
            P::EndorsementTyped { who, required_by: Some(file) } => format!(
                "the endorsement of the portfolio by {who} is a typed name only, and `{file}` requires signing with a key, so it does not count"
            ),
            P::EndorsementWrongPerson { who, expected, .. } => format!(
                "the endorsement of the portfolio by {who} should be by `{expected}`, the portfolio's mentor in `pqs.yaml`"
            ),
            P::EndorsementMissing { stale: false, .. } => {
                "the mentor has not endorsed the portfolio yet, and the settings require it before submission".to_owned()
            }
            P::EndorsementMissing { stale: true, .. } => {
                "the mentor's endorsement no longer holds, and the settings require it before submission".to_owned()
            }
            P::AllowedSignersLine { message } => format!("this line of the allowed-signers file cannot be used: {message}"),
            P::AllowedSignersUnusable { file, reason } => {
                format!("the allowed-signers file `{file}` cannot be used: {reason}")
            }
            P::MentorIsLineManager { name } => {
                format!("`{name}` is both the mentor and the line manager")
            }
            P::EvidenceFolderMissing { folder } => format!("the evidence folder `{folder}` does not exist"),
            P::MentorNotInCohort { name, .. } => {
                format!("the mentor `{name}` is not one of the cohort's mentors in `pqs-cohort.yaml`")
            }
            P::NoRecords { folder } => format!("there are no records in `{folder}` yet"),
            P::RequirementUnmet { label, found, required, drafts, .. } => match drafts.as_slice() {
                [] => format!("{label}: {found} of {required} found"),
                [draft] => format!(
                    "{label}: {found} of {required} found; `{draft}` is a draft, not counted until it is marked ready"
                ),
                drafts => format!(
                    "{label}: {found} of {required} found; {} are drafts, not counted until they are marked ready",
                    quoted_list(drafts)
                ),
            },
            P::InitialKind { earliest, earliest_kind, required_kind } => format!(
                "the first observation should be {required_kind}, but the earliest, `{earliest}`, is {earliest_kind}"
            ),
            P::StandardUncovered { id, title, found, required } => {
                match (found, required) {
                    (0, 1) => format!("standard {id} ({title}) has no record yet"),
                    _ => format!(
                        "standard {id} ({title}) has {found} record{} of the {required} it needs",
                        plural(*found)
                    ),
                }
            }
            P::Overdue { label, occurrence: (n, of), month, due, draft, .. } => {
                let which = if *of > 1 {
                    format!("the {} record", ordinal(*n))
                } else {
                    "it".to_owned()
                };
                match draft {
                    Some(draft) => format!(
                        "{label}: {which} was due by {due} (month {month} of the pathway); its draft `{draft}` is not counted until it is marked ready"
                    ),
                    None => format!(
                        "{label}: {which} was due by {due} (month {month} of the pathway) and is not in the portfolio yet"
                    ),
                }
            }
            P::SignoffMissing { label, file, roles } => {
                format!("{label}: `{file}` is not yet signed off by the {}", roles.join(" and the "))
            }
            P::StatementUncovered { id, label } => format!("statement {id} ({label}) has no records"),
            P::Repeated { of, more } => format!(
                "and {more} more `{}` finding{} in this file, from here on, not shown one by one",
                of.code(),
                plural(*more)
            ),
        }
    }

    /// A short label under the underlined text.
    pub fn label(&self) -> Option<String> {
        use Problem as P;
        Some(match self {
            P::UnknownField { .. } => "unknown field".to_owned(),
            P::DuplicateField { .. } => "repeated here".to_owned(),
            P::UnknownType { .. } => "unknown type".to_owned(),
            P::InvalidDate { .. } => "not a date".to_owned(),
            P::FutureDate { .. } => "in the future".to_owned(),
            P::UnknownStandard { .. } => "unknown standard".to_owned(),
            P::UnknownStatement { .. } => "not listed".to_owned(),
            P::FieldNotAllowed { .. } => "not allowed here".to_owned(),
            P::InvalidValue { .. } => "not allowed".to_owned(),
            P::DuplicateId { .. } => "used twice".to_owned(),
            P::MissingField { .. } => "in this front-matter".to_owned(),
            P::UnansweredPrompt => "replace this".to_owned(),
            P::EmptySection { .. } => "nothing under this heading".to_owned(),
            P::SignoffStale { .. } => "signed a different version".to_owned(),
            P::SignatureInvalid { .. } => "does not match".to_owned(),
            P::SignerNotAllowed { .. } => "key not allowed".to_owned(),
            P::SignoffWrongPerson { .. } => "not who the portfolio names".to_owned(),
            P::Privacy { check, .. } => format!("{}?", check.what()),
            _ => return None,
        })
    }
}

/// `a`, `b` and `c`, each in backticks.
fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    crate::text::and_list(&quoted)
}
