//! Every finding `pqs` can report, with its code, severity and wording in one place.
//!
//! Messages are written for a social worker, not a programmer: they name the field and quote the
//! value in backticks, and the help line says what to do.

use std::borrow::Cow;

use crate::model::Severity;
use crate::text::{ordinal, plural, shell_quote};

/// A problem with a record, the manifest or the portfolio as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read.
    Unreadable {
        /// The operating system's reason.
        reason: String,
    },
    /// A folder of records could not be read, so the records in it were not checked.
    UnreadableFolder {
        /// The operating system's reason.
        reason: String,
    },
    /// The file is larger than [`crate::read::MAX_BYTES`].
    TooLarge {
        /// Its size in bytes.
        size: u64,
    },
    /// The file is a link to a file outside the portfolio.
    LinkOutside,
    /// A link under the evidence folder leads to a folder, whose records are not read.
    LinkToFolder,
    /// The file's path differs from `other`'s only in upper and lower case, or in how an
    /// accented letter is written: on macOS and Windows they are one file.
    NameCollision {
        /// The other file, relative to the portfolio.
        other: String,
    },
    /// A part of the file's path is a name Windows keeps for a device (`con`, `aux`, `com1`,
    /// ...), with any extension, or ends in a dot or a space, which Windows drops.
    ReservedName {
        /// The part, as written.
        name: String,
    },
    /// A portfolio's own record template failed, or went over what a template may use, when
    /// `check` rendered it to learn a record type's sections: no record's sections are checked.
    TemplateUnusable {
        /// Why, in the words of the template error.
        reason: String,
    },
    /// The front-matter is TOML between `+++` lines, as other tools write it.
    TomlFrontMatter,
    /// The front-matter is longer than [`crate::model::MAX_YAML_BYTES`]: it
    /// is not read.
    FrontMatterTooLarge {
        /// Its size in bytes.
        size: usize,
    },
    /// A value is a placeholder of another tool's templates (`{{ page.title }}`), which YAML
    /// reads as a group.
    Placeholder {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
    },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file is empty.
    EmptyFile,
    /// The file does not start with a `---` line.
    MissingFrontMatter {
        /// Blank lines found before a `---` line, if the fence was found lower down.
        blank_lines_before: usize,
    },
    /// The opening `---` has no closing `---`.
    UnclosedFrontMatter,
    /// The YAML could not be read.
    YamlSyntax {
        /// The YAML parser's explanation.
        detail: String,
    },
    /// The front-matter is YAML, but not a list of `field: value` lines.
    NotAMapping {
        /// What was found instead.
        file_kind: &'static str,
    },
    /// A field's value has the wrong shape (a list where one value belongs, ...).
    WrongShape {
        /// The field.
        field: String,
        /// The YAML parser's explanation.
        detail: String,
    },
    /// A field appears twice.
    DuplicateField {
        /// The field.
        field: String,
    },
    /// A field that the format does not know.
    UnknownField {
        /// The field as written.
        field: String,
        /// Where it was found: "a record", "a sign-off entry", "`pqs.yaml`".
        place: &'static str,
        /// The nearest known field.
        suggestion: Option<&'static str>,
    },
    /// A required field is missing.
    MissingField {
        /// The field.
        field: &'static str,
        /// Why it is required here, e.g. "an observation needs one".
        why: String,
        /// An example line to add.
        example: &'static str,
    },
    /// A required field is present but empty.
    EmptyField {
        /// The field.
        field: &'static str,
    },
    /// `type` is not a known record type.
    UnknownType {
        /// The value as written.
        value: String,
        /// The nearest known type.
        suggestion: Option<&'static str>,
    },
    /// A value outside a fixed list (a kind, a role).
    InvalidValue {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// The values allowed, for the help line.
        allowed: Vec<&'static str>,
        /// The nearest allowed value.
        suggestion: Option<&'static str>,
    },
    /// A date that is not a real `YYYY-MM-DD` date.
    InvalidDate {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// Why it is not a date.
        reason: String,
    },
    /// A record dated after today.
    FutureDate {
        /// The value as written.
        value: String,
        /// Today's date.
        today: String,
    },
    /// A field that is allowed only on some record types.
    FieldNotAllowed {
        /// The field.
        field: &'static str,
        /// The record's type.
        record_type: &'static str,
        /// The types that take this field.
        allowed_on: &'static str,
    },
    /// `draft` is not `true` or `false`.
    InvalidBool {
        /// The field.
        field: &'static str,
        /// The value as written.
        value: String,
    },
    /// An `id` with characters outside the allowed set.
    InvalidId {
        /// The value as written.
        value: String,
    },
    /// Two records share an id.
    DuplicateId {
        /// The id.
        id: String,
        /// The other file that uses it.
        other: String,
    },
    /// A standards reference that is neither `6` nor `6.2`.
    InvalidReference {
        /// The value as written.
        value: String,
    },
    /// A reference to a standard the framework does not have.
    UnknownStandard {
        /// The value as written.
        value: String,
        /// The framework id.
        framework: String,
        /// The ids it has.
        known: String,
    },
    /// A reference to a statement the framework does not list.
    UnknownStatement {
        /// The value as written.
        value: String,
        /// The standard it belongs to.
        standard: String,
        /// Whether the standard's list is known to be complete.
        list_complete: bool,
    },
    /// The same reference listed twice in one record.
    DuplicateReference {
        /// The value as written.
        value: String,
    },
    /// An attachment that does not exist.
    AttachmentMissing {
        /// The path as written.
        path: String,
    },
    /// An attachment path that leaves the portfolio or is not a file path.
    AttachmentOutside {
        /// The path as written.
        path: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// An image (an attachment, or one shown in the text) of more pixels than a pack shows
    /// ([`crate::model::MAX_PIXELS`]), read from its header alone.
    ImageTooLarge {
        /// The path as written.
        path: String,
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
    },
    /// A record whose text is over [`crate::model::MAX_PDF_BODY`]: its PDF pack may
    /// need more memory than a CI runner has.
    LargeForPdf {
        /// The size of its text in bytes.
        size: usize,
    },
    /// A record with no text after its front-matter.
    EmptyBody,
    /// A writing prompt from the template is still in a finished record.
    UnansweredPrompt,
    /// A section the record's template asks for has no text.
    EmptySection {
        /// The heading.
        heading: String,
    },
    /// A sign-off digest that is not `sha256:` and 64 hexadecimal digits.
    MalformedDigest {
        /// The value as written.
        value: String,
    },
    /// A sign-off whose digest no longer matches the record.
    SignoffStale {
        /// Who signed and as what: `Sam Patel (mentor)`.
        who: String,
        /// When, as written.
        date: String,
        /// The record, relative to the portfolio.
        file: String,
        /// Who signed, for the command that signs again.
        by: Option<String>,
        /// The role, for the command that signs again.
        role: Option<String>,
    },
    /// Something that looks like it identifies a person (the anonymisation lint).
    Privacy {
        /// The check's code, e.g. `privacy-postcode`.
        code: &'static str,
        /// What it looks like, e.g. "a full postcode".
        what: &'static str,
        /// Whether it is in the name of the record or of a folder it is in, not in its text.
        in_name: bool,
    },
    /// A `pqs-allow` comment with no reason after the colon.
    AllowWithoutReason,
    /// A `pqs-allow` comment naming something that is not a check of the lint.
    AllowUnknownCode {
        /// The name as written (empty when none is given).
        code: String,
        /// The nearest code.
        suggestion: Option<&'static str>,
    },
    /// A `pqs-allow` comment that allows nothing on the next line.
    AllowUnused {
        /// The code it names.
        code: &'static str,
    },
    /// `privacy.case_reference` in `pqs.yaml` is not a usable pattern.
    PrivacyPattern {
        /// The pattern as written.
        pattern: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// The mentor is also the line manager.
    MentorIsLineManager {
        /// The name.
        name: String,
    },
    /// The portfolio's mentor is not among the mentors of its cohort.
    MentorNotInCohort {
        /// The mentor named in `pqs.yaml`.
        name: String,
        /// The cohort's mentors.
        mentors: String,
    },
    /// The evidence folder named by `pqs.yaml` does not exist.
    EvidenceFolderMissing {
        /// The folder as written.
        folder: String,
    },
    /// The portfolio has no records yet.
    NoRecords {
        /// The evidence folder.
        folder: String,
    },
    /// A framework requirement is not yet met.
    RequirementUnmet {
        /// The requirement's label.
        label: String,
        /// The record type it counts.
        record_type: &'static str,
        /// The kind it counts, if any.
        kind: Option<String>,
        /// Records found.
        found: usize,
        /// Records required.
        required: usize,
    },
    /// The earliest observation is not of the kind the pathway starts with.
    InitialKind {
        /// The earliest observation's id.
        earliest: String,
        /// Its kind.
        earliest_kind: String,
        /// The kind required first.
        required_kind: String,
    },
    /// A sign-off dated before the record it signs.
    SignoffBeforeRecord {
        /// The sign-off's date, as written.
        signed: String,
        /// The record's date.
        record: String,
    },
    /// A record a requirement counts lacks a sign-off that holds in some role.
    SignoffMissing {
        /// The requirement's label.
        label: String,
        /// The record, relative to the portfolio.
        file: String,
        /// The roles missing.
        roles: Vec<String>,
    },
    /// A record the pathway asks for, whose due date has passed.
    Overdue {
        /// The requirement's label.
        label: String,
        /// Which of its records (1-based), and how many it asks for.
        occurrence: (usize, usize),
        /// The month of the pathway by which it was due.
        month: u32,
        /// The date by which it was due.
        due: String,
    },
    /// A standard with too few records.
    StandardUncovered {
        /// The standard's id.
        id: String,
        /// Its title.
        title: String,
        /// Records found.
        found: usize,
        /// Records required.
        required: usize,
    },
    /// A statement of a complete list with no record.
    StatementUncovered {
        /// The statement's id.
        id: String,
        /// Its label.
        label: String,
    },
    /// More findings of one code in one file than a report shows
    /// ([`crate::diagnostic::Capped::CAP`]): they are counted, not listed.
    Repeated {
        /// The code of the findings.
        code: String,
        /// How many more there are than are shown.
        more: usize,
    },
}

/// The code of an unmet requirement: `observation-minimum`, `pdp-review-minimum`, ...
fn minimum_code(record_type: &str) -> String {
    format!("{record_type}-minimum")
}

impl Problem {
    /// The problem a YAML parser's `message` describes: a value of the wrong shape in `field`,
    /// or a syntax error.
    pub fn from_yaml(field: Option<&str>, message: &str) -> Problem {
        match field {
            Some(field) => Problem::WrongShape { field: field.to_owned(), detail: shape_detail(message) },
            None => Problem::YamlSyntax { detail: syntax_detail(message) },
        }
    }

    /// The stable kebab-case code.
    pub fn code(&self) -> Cow<'static, str> {
        use Problem as P;
        Cow::Borrowed(match self {
            P::Unreadable { .. } | P::UnreadableFolder { .. } => "unreadable-file",
            P::TooLarge { .. } => "file-too-large",
            P::LinkOutside => "link-outside-portfolio",
            P::LinkToFolder => "link-to-folder",
            P::NameCollision { .. } => "file-name-collision",
            P::ReservedName { .. } => "reserved-file-name",
            P::TemplateUnusable { .. } => "template-unusable",
            P::TomlFrontMatter => "missing-front-matter",
            P::FrontMatterTooLarge { .. } => "front-matter-too-large",
            P::Placeholder { .. } => "wrong-value-type",
            P::NotUtf8 => "not-utf8",
            P::EmptyFile => "empty-file",
            P::MissingFrontMatter { .. } => "missing-front-matter",
            P::UnclosedFrontMatter => "unclosed-front-matter",
            P::YamlSyntax { .. } => "yaml-syntax",
            P::NotAMapping { .. } => "front-matter-not-mapping",
            P::WrongShape { .. } => "wrong-value-type",
            P::DuplicateField { .. } => "duplicate-field",
            P::UnknownField { .. } => "unknown-field",
            P::MissingField { .. } => "missing-field",
            P::EmptyField { .. } => "empty-field",
            P::UnknownType { .. } => "unknown-type",
            P::InvalidValue { .. } => "invalid-value",
            P::InvalidDate { .. } => "invalid-date",
            P::FutureDate { .. } => "future-date",
            P::FieldNotAllowed { .. } => "field-not-allowed",
            P::InvalidBool { .. } => "invalid-boolean",
            P::InvalidId { .. } => "invalid-id",
            P::DuplicateId { .. } => "duplicate-id",
            P::InvalidReference { .. } => "invalid-reference",
            P::UnknownStandard { .. } => "unknown-standard",
            P::UnknownStatement { .. } => "unknown-statement",
            P::DuplicateReference { .. } => "duplicate-reference",
            P::AttachmentMissing { .. } => "attachment-missing",
            P::AttachmentOutside { .. } => "attachment-outside-portfolio",
            P::ImageTooLarge { .. } => "image-too-large",
            P::LargeForPdf { .. } => "record-large-for-pdf",
            P::EmptyBody => "empty-body",
            P::UnansweredPrompt => "unanswered-prompt",
            P::EmptySection { .. } => "empty-section",
            P::MalformedDigest { .. } => "signoff-digest-malformed",
            P::Privacy { code, .. } => *code,
            P::AllowWithoutReason => "privacy-allow-without-reason",
            P::AllowUnknownCode { .. } => "privacy-allow-unknown-code",
            P::AllowUnused { .. } => "privacy-allow-unused",
            P::PrivacyPattern { .. } => "privacy-pattern-invalid",
            P::SignoffStale { .. } => "signoff-stale",
            P::SignoffBeforeRecord { .. } => "signoff-before-record",
            P::MentorIsLineManager { .. } => "mentor-is-line-manager",
            P::EvidenceFolderMissing { .. } => "evidence-folder-missing",
            P::MentorNotInCohort { .. } => "mentor-not-in-cohort",
            P::NoRecords { .. } => "no-records",
            P::RequirementUnmet { record_type, .. } => return Cow::Owned(minimum_code(record_type)),
            P::Repeated { code, .. } => return Cow::Owned(code.clone()),
            P::InitialKind { .. } => "initial-observation-kind",
            P::SignoffMissing { .. } => "signoff-missing",
            P::Overdue { .. } => "overdue",
            P::StandardUncovered { .. } => "standard-uncovered",
            P::StatementUncovered { .. } => "statement-uncovered",
        })
    }

    /// The default severity. Gaps are notes; `--complete` raises them to errors.
    pub fn severity(&self) -> Severity {
        use Problem as P;
        match self {
            P::FutureDate { .. }
            | P::DuplicateReference { .. }
            | P::EmptyBody
            | P::UnansweredPrompt
            | P::EmptySection { .. }
            | P::AllowUnused { .. }
            | P::SignoffBeforeRecord { .. }
            | P::Overdue { .. }
            | P::MentorNotInCohort { .. }
            | P::LinkToFolder
            | P::NameCollision { .. }
            | P::ReservedName { .. }
            | P::MentorIsLineManager { .. }
            | P::ImageTooLarge { .. }
            | P::LargeForPdf { .. } => Severity::Warning,
            P::Privacy { code, .. } => match crate::privacy::Code::from_code(code) {
                Some(code) if !code.is_error() => Severity::Warning,
                _ => Severity::Error,
            },
            P::UnknownStatement { list_complete, .. } => {
                if *list_complete {
                    Severity::Error
                } else {
                    Severity::Warning
                }
            }
            P::NoRecords { .. }
            | P::RequirementUnmet { .. }
            | P::InitialKind { .. }
            | P::SignoffMissing { .. }
            | P::StandardUncovered { .. }
            | P::StatementUncovered { .. } => Severity::Note,
            _ => Severity::Error,
        }
    }

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
            P::Privacy { what, in_name: true, .. } => {
                format!(
                    "this record's name, or a folder's, holds what looks like {what}, which could identify someone"
                )
            }
            P::Privacy { what, .. } => format!("this looks like {what}, which could identify someone"),
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
            P::AllowUnused { code } => {
                format!("this `pqs-allow {code}` comment allows nothing: the next line has no such finding")
            }
            P::PrivacyPattern { pattern, reason } => {
                format!("the case-reference pattern `{pattern}` cannot be used: {reason}")
            }
            P::SignoffStale { who, date, .. } => format!(
                "the sign-off by {who} on {date} no longer holds: the record has changed since it was signed"
            ),
            P::MentorIsLineManager { name } => {
                format!("`{name}` is both the mentor and the line manager")
            }
            P::EvidenceFolderMissing { folder } => format!("the evidence folder `{folder}` does not exist"),
            P::MentorNotInCohort { name, .. } => {
                format!("the mentor `{name}` is not one of the cohort's mentors in `pqs-cohort.yaml`")
            }
            P::NoRecords { folder } => format!("there are no records in `{folder}` yet"),
            P::RequirementUnmet { label, found, required, .. } => {
                format!("{label}: {found} of {required} found")
            }
            P::InitialKind { earliest, earliest_kind, required_kind } => format!(
                "the first observation should be {required_kind}, but the earliest, `{earliest}`, is {earliest_kind}"
            ),
            P::StandardUncovered { id, title, found, required } => {
                format!("standard {id} ({title}) has {found} of {required} records")
            }
            P::Overdue { label, occurrence: (n, of), month, due } => {
                let which = if *of > 1 {
                    format!("the {} record", ordinal(*n))
                } else {
                    "it".to_owned()
                };
                format!(
                    "{label}: {which} was due by {due} (month {month} of the pathway) and is not in the portfolio yet"
                )
            }
            P::SignoffMissing { label, file, roles } => {
                format!("{label}: `{file}` is not yet signed off by the {}", roles.join(" and the "))
            }
            P::StatementUncovered { id, label } => format!("statement {id} ({label}) has no records"),
            P::Repeated { code, more } => format!(
                "and {more} more `{code}` finding{} in this file, from here on, not shown one by one",
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
            P::Privacy { what, .. } => format!("{what}?"),
            _ => return None,
        })
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        use Problem as P;
        Some(match self {
            P::Unreadable { .. } => "check that the file exists and that you may read it".to_owned(),
            P::UnreadableFolder { .. } => "check that the folder exists and that you may open it".to_owned(),
            P::TooLarge { .. } => {
                "keep large documents as attachments and write a short record about them".to_owned()
            }
            P::LinkOutside => "copy the file into the portfolio instead of linking to it".to_owned(),
            P::LinkToFolder => {
                "move the folder into the evidence folder, or link each record (`.md` file) in it".to_owned()
            }
            P::NameCollision { .. } => {
                "rename one of the two so that their names differ in more than case or accents".to_owned()
            }
            P::ReservedName { .. } => "rename it: Windows keeps `con`, `prn`, `aux`, `nul`, `com0` to `com9` and `lpt0` to `lpt9`, with any extension and in any case, and drops a dot or a space at the end of a name".to_owned(),
            P::TemplateUnusable { .. } => "fix the template (a loop that repeats too often, or a text that grows in a loop, goes over its budget), or remove it to use the built-in one (`pqs templates export` copies the built-in ones out)".to_owned(),
            P::FrontMatterTooLarge { .. } => "keep the front-matter to the record's fields (a record's take a few hundred bytes), and write longer text in the body, under a heading".to_owned(),
            P::TomlFrontMatter => "convert it: make both `+++` lines `---`, and write each `field = \"value\"` as `field: value` (`title = \"A visit\"` becomes `title: A visit`)".to_owned(),
            P::Placeholder { field, value } => {
                let quoted = if value.contains('"') { format!("'{}'", value.replace('\'', "''")) } else { format!("\"{value}\"") };
                format!("write the value itself, or put it in quotes if it is meant as written: `{field}: {quoted}`")
            }
            P::NotUtf8 => "save the file as UTF-8 text (\"Save as\" with UTF-8 encoding in your editor)".to_owned(),
            P::EmptyFile => "start the file with front-matter; `pqs new` can write one for you".to_owned(),
            P::MissingFrontMatter { blank_lines_before: 0 } => {
                "start the file with `---`, the fields (title, type, date, ...), then `---`".to_owned()
            }
            P::MissingFrontMatter { .. } => "delete the blank lines above the first `---`".to_owned(),
            P::UnclosedFrontMatter => "add a line `---` after the last field".to_owned(),
            P::YamlSyntax { .. } => {
                "each line should read `field: value`; put a value that contains `: ` or starts with `[`, `{`, `*` or `&` in quotes".to_owned()
            }
            P::NotAMapping { .. } => "write each field on its own line as `field: value`".to_owned(),
            P::WrongShape { .. } => {
                "write one value after the colon (`title: My title`), and a list as `[6.1, 6.2]` or one `- item` per line".to_owned()
            }
            P::DuplicateField { .. } => "keep one of them and delete the other".to_owned(),
            P::UnknownField { suggestion: Some(s), .. } => format!("did you mean `{s}`?"),
            P::UnknownField { .. } => "remove it, or put the information in the text of the record".to_owned(),
            P::MissingField { example, .. } => format!("add a line such as `{example}`"),
            P::EmptyField { field } => format!("give `{field}` a value, or remove it"),
            P::UnknownType { suggestion: Some(s), .. } => format!("did you mean `{s}`?"),
            P::UnknownType { .. } => format!("use one of: {}", crate::model::RecordType::NAMES.join(", ")),
            P::InvalidValue { suggestion: Some(s), .. } => format!("did you mean `{s}`?"),
            P::InvalidValue { allowed, .. } => format!("use one of: {}", allowed.join(", ")),
            P::InvalidDate { .. } => "write dates as YYYY-MM-DD, e.g. `2026-03-02`".to_owned(),
            P::FutureDate { .. } => "check the year and month".to_owned(),
            P::FieldNotAllowed { field, allowed_on, .. } => {
                format!("`{field}` is only used on {allowed_on}; remove it from this record")
            }
            P::InvalidBool { .. } => "write `draft: true` while you work on it, `draft: false` when it is ready".to_owned(),
            P::InvalidId { .. } => {
                "use lowercase letters, digits, `-`, `_` and `.` only, e.g. `2026-03-obs-1`".to_owned()
            }
            P::DuplicateId { .. } => "give one of the records another `id`".to_owned(),
            P::InvalidReference { .. } => "write a standard as `6` or a statement as `6.2`".to_owned(),
            P::UnknownStandard { known, .. } => format!("the standards are {known}; `pqs standards` lists them"),
            P::UnknownStatement { standard, list_complete: false, .. } => format!(
                "the list for standard {standard} may be incomplete, so this still counts for standard {standard}; if it is an official statement, add it to your framework file"
            ),
            P::UnknownStatement { .. } => "`pqs standards` lists the statements".to_owned(),
            P::DuplicateReference { .. } => "remove the repeat".to_owned(),
            P::AttachmentMissing { .. } => {
                "attachment paths are relative to the record's folder; check the spelling".to_owned()
            }
            P::AttachmentOutside { .. } => {
                "copy the file into the portfolio and give its path relative to the record".to_owned()
            }
            P::ImageTooLarge { .. } => {
                "save a smaller copy of the image (a photo of 8000 by 6000 pixels is within the limit) and use that".to_owned()
            }
            P::LargeForPdf { .. } => {
                "split it into several records, or keep long documents as attachments".to_owned()
            }
            P::EmptyBody => "write what happened and what you learned below the closing `---`".to_owned(),
            P::UnansweredPrompt => {
                "replace the prompt with your own words, or set `draft: true` while you are still writing".to_owned()
            }
            P::EmptySection { .. } => {
                "write this part, or set `draft: true` while you are still writing".to_owned()
            }
            P::MalformedDigest { .. } => {
                "a digest is `sha256:` and 64 hexadecimal digits; sign again rather than edit it".to_owned()
            }
            P::Privacy { in_name: true, .. } => {
                "rename the file or folder: a name is shown in reports, as the text is".to_owned()
            }
            P::Privacy { code, .. } => format!(
                "remove it or use a pseudonym; if it identifies no one (an office address, a published number), put `<!-- pqs-allow {code}: why -->` on the line before"
            ),
            P::SignoffBeforeRecord { .. } => {
                "check both dates: a record is signed off after what it records happened".to_owned()
            }
            P::AllowWithoutReason => {
                "say why after a colon: `<!-- pqs-allow privacy-postcode: the team's office address -->`".to_owned()
            }
            P::AllowUnknownCode { suggestion: Some(s), .. } => format!("did you mean `{s}`?"),
            P::AllowUnknownCode { .. } => format!(
                "name the check, e.g. `pqs-allow privacy-postcode: why`; the checks are {}",
                crate::privacy::Code::ALL.map(crate::privacy::Code::as_str).join(", ")
            ),
            P::AllowUnused { .. } => {
                "put the comment on the line just before the one it is about, or remove it".to_owned()
            }
            P::PrivacyPattern { .. } => {
                "write a regular expression that matches your case numbers only, e.g. `\\bLAS-[0-9]{6}\\b`; until then, case references are not checked".to_owned()
            }
            P::SignoffStale { file, by, role, .. } => format!(
                "see what changed with `pqs diff-signed {file}`; if the change is right, sign again with `pqs sign {file} --by {} --role {}`",
                shell_quote(by.as_deref().unwrap_or("NAME")),
                shell_quote(role.as_deref().unwrap_or("ROLE")),
                file = shell_quote(file),
            ),
            P::MentorIsLineManager { .. } => {
                "the pathway asks for a mentor who is not your line manager, where your organisation can arrange it".to_owned()
            }
            P::MentorNotInCohort { mentors, .. } => {
                format!("the cohort's mentors are {mentors}; check the spelling, or add the mentor to `mentors` in `pqs-cohort.yaml`")
            }
            P::EvidenceFolderMissing { .. } => {
                "create the folder, or set `evidence:` in `pqs.yaml` to the folder that holds your records".to_owned()
            }
            P::NoRecords { .. } => "add your first record; each is a `.md` file with front-matter".to_owned(),
            P::RequirementUnmet { record_type, kind, .. } => match kind {
                Some(kind) => format!("add a record with `type: {record_type}` and `kind: {kind}`"),
                None => format!("add a record with `type: {record_type}`"),
            },
            P::InitialKind { required_kind, .. } => format!(
                "the pathway starts with a {required_kind} observation; check the dates and kinds of your observations"
            ),
            P::Overdue { .. } => {
                "add the record when it is done; `pqs status` shows the year. If your organisation plans other months, set `due_months` in your framework file".to_owned()
            }
            P::SignoffMissing { file, roles, .. } => format!(
                "when the record is final, ask the {} to sign it: `pqs sign {} --by NAME --role {}`",
                roles.join(" and the "),
                shell_quote(file),
                shell_quote(roles.first().map_or("ROLE", String::as_str))
            ),
            P::StandardUncovered { id, .. } => {
                format!("add `{id}` (or one of its statements) to `standards` in a record that evidences it")
            }
            P::StatementUncovered { id, .. } => {
                format!("add `{id}` to `standards` in a record that evidences it")
            }
            P::Repeated { .. } => {
                "fix the ones shown and check again; the same mistake is probably repeated".to_owned()
            }
        })
    }
}

/// A parser's path to a value in words: `standards[0]` is "item 1 of `standards`",
/// `signoff[1].by` is "`by` in entry 2 of `signoff`".
fn field_in_words(path: &str) -> String {
    let (head, tail) = path.split_once('.').map_or((path, None), |(h, t)| (h, Some(t)));
    let described = match head.split_once('[') {
        Some((name, index)) => {
            let n = index.trim_end_matches(']').parse::<usize>().map_or(0, |i| i + 1);
            match tail {
                Some(key) => return format!("`{key}` in entry {n} of `{name}`"),
                None => format!("item {n} of `{name}`"),
            }
        }
        None => format!("`{head}`"),
    };
    match tail {
        Some(key) => format!("`{key}` in {described}"),
        None => described,
    }
}

/// A parser's complaint about the value at `field` (its path, such as `requirements[0].type`),
/// in plain words: "`type` in item 1 of `requirements`: `essay` is not allowed here; use one of
/// ...".
pub fn value_in_words(field: Option<&str>, message: &str) -> String {
    let detail = if let Some((value, expected)) =
        message.strip_prefix("unknown variant ").and_then(|rest| rest.split_once(", expected one of "))
    {
        format!("{value} is not allowed here; use one of {expected}")
    } else if let Some((name, expected)) =
        message.strip_prefix("unknown field ").and_then(|rest| rest.split_once(", expected one of "))
    {
        format!("{name} is not a field here; the fields are {expected}")
    } else {
        shape_detail(message)
    };
    match field {
        Some(field) => format!("{}: {detail}", field_in_words(field)),
        None => detail,
    }
}

/// The parser's "invalid type: sequence, expected a single value" in plain words:
/// "should be a single value, but it is a list".
fn shape_detail(message: &str) -> String {
    let Some((found, expected)) =
        message.strip_prefix("invalid type: ").and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return message.to_owned();
    };
    let found = match found {
        "sequence" => "a list".to_owned(),
        "map" => "a group of `field: value` lines".to_owned(),
        "unit value" => "empty".to_owned(),
        other => match other.split_once(' ') {
            Some((_, value)) if value.starts_with('`') || value.starts_with('"') => {
                format!("the single value {}", value.replace('"', "`"))
            }
            _ => other.to_owned(),
        },
    };
    let expected = match expected {
        "usize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" => "a whole number",
        "a boolean" | "bool" => "`true` or `false`",
        other => other,
    };
    format!("should be {expected}, but it is {found}")
}

/// The YAML parser's message in plain words where a common mistake explains it.
fn syntax_detail(message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("mapping values are not allowed", "a value contains `: `, which starts a new field"),
        ("did not find expected ',' or ']'", "a list that opens with `[` is not closed with `]`"),
        ("did not find expected ',' or '}'", "a group that opens with `{` is not closed with `}`"),
        (
            "found character that cannot start any token",
            "a character here cannot start a value (a tab, `@` or a backtick?)",
        ),
        ("did not find expected key", "a line is indented differently from the lines around it"),
        (
            "did not find expected '-' indicator",
            "a list item is indented differently from the items around it",
        ),
        ("found unexpected end of stream", "a quote is opened but never closed"),
        ("unknown anchor", "`*` starts a reference to an anchor that does not exist; quote the value"),
        (
            "repetition limit exceeded",
            "its anchors (`&name`) and references (`*name`) repeat the text too many times; write the values out",
        ),
        (
            "did not find expected node content",
            "a value is missing here, or starts with a character that cannot start one (such as `-` inside `[...]`); put the value in quotes",
        ),
        (
            "did not find expected alphabetic or numeric character",
            "`&` or `*` must be followed by a name here; put a value that starts with `&` or `*` in quotes",
        ),
        (
            "could not find expected ':'",
            "a field name is not followed by `:`, or a quoted value runs on past its line",
        ),
        (
            "block sequence entries are not allowed",
            "a `- item` is on the same line as its field; put each `- item` on a line of its own under the field",
        ),
        (
            "found undefined tag handle",
            "`!` starts a YAML tag here; put a value that starts with `!` in quotes",
        ),
        (
            "found unknown escape character",
            "a `\\` in a value in double quotes starts no known escape; use single quotes instead",
        ),
        (
            "did not find expected <document start>",
            "the front-matter holds a second document (a line `...` or `---`); remove that line",
        ),
        ("recursion limit exceeded", "lists or groups are nested inside each other too deeply"),
        ("duplicate", "a field is given more than once"),
        ("tab character", "a tab is used to indent a line; indent with spaces"),
        (
            "control characters are not allowed",
            "the text contains an invisible control character; retype the line",
        ),
        (
            "invalid type: sequence",
            "a field name is written as a list; field names are single words such as `title`",
        ),
        (
            "invalid type: map",
            "a field name is written as a group; field names are single words such as `title`",
        ),
    ];
    KNOWN
        .iter()
        .find(|(start, _)| message.contains(start))
        .map_or_else(|| message.to_owned(), |(_, plain)| (*plain).to_owned())
}

#[cfg(test)]
mod tests {
    use super::field_in_words;

    #[test]
    fn paths_in_words() {
        assert_eq!(field_in_words("title"), "`title`");
        assert_eq!(field_in_words("standards[0]"), "item 1 of `standards`");
        assert_eq!(field_in_words("signoff[1].by"), "`by` in entry 2 of `signoff`");
    }
}
