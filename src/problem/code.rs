//! Each finding's stable code and default severity, and the finding a YAML parser's message
//! describes.

use std::borrow::Cow;

use super::Problem;
use super::yaml::{shape_detail, syntax_detail};
use crate::model::Severity;

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
            P::Privacy { check, .. } => check.as_str(),
            P::AllowWithoutReason => "privacy-allow-without-reason",
            P::AllowUnknownCode { .. } => "privacy-allow-unknown-code",
            P::AllowUnused { .. } => "privacy-allow-unused",
            P::PrivacyPattern { .. } => "privacy-pattern-invalid",
            P::SignoffStale { .. } => "signoff-stale",
            P::SignoffTyped { .. } | P::TypedSignoffs { .. } => "signoff-unsigned",
            P::SignatureInvalid { .. } => "signoff-signature-invalid",
            P::SignerNotAllowed { .. } => "signoff-signer-not-allowed",
            P::SignerUnknown { .. } => "signoff-signer-unknown",
            P::EndorsementUnreadable { .. } => "endorsement-unreadable",
            P::EndorsementStale { .. } => "endorsement-stale",
            P::EndorsementSignatureInvalid { .. } => "endorsement-signature-invalid",
            P::EndorsementSignerNotAllowed { .. } => "endorsement-signer-not-allowed",
            P::EndorsementSignerUnknown { .. } => "endorsement-signer-unknown",
            P::EndorsementTyped { .. } => "endorsement-unsigned",
            P::EndorsementWrongPerson { .. } => "endorsement-wrong-person",
            P::EndorsementMissing { .. } => "endorsement-missing",
            P::SignoffWrongPerson { .. } => "signoff-wrong-person",
            P::SignoffOldDigest { .. } => "signoff-digest-old",
            P::AllowedSignersLine { .. } | P::AllowedSignersUnusable { .. } => "allowed-signers-invalid",
            P::SignoffBeforeRecord { .. } => "signoff-before-record",
            P::MentorIsLineManager { .. } => "mentor-is-line-manager",
            P::EvidenceFolderMissing { .. } => "evidence-folder-missing",
            P::MentorNotInCohort { .. } => "mentor-not-in-cohort",
            P::NoRecords { .. } => "no-records",
            P::RequirementUnmet { record_type, .. } => return Cow::Owned(minimum_code(record_type)),
            P::Repeated { of, .. } => return of.code(),
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
            P::Privacy { check, .. } if !check.is_error() => Severity::Warning,
            P::SignerUnknown { required, .. } | P::EndorsementSignerUnknown { required, .. } => {
                if *required {
                    Severity::Error
                } else {
                    Severity::Note
                }
            }
            P::SignoffWrongPerson { required, .. } | P::EndorsementWrongPerson { required, .. } => {
                if *required {
                    Severity::Error
                } else {
                    Severity::Warning
                }
            }
            P::SignoffOldDigest { .. } | P::TypedSignoffs { .. } => Severity::Note,
            P::EndorsementTyped { required_by, .. } => {
                if required_by.is_some() {
                    Severity::Error
                } else {
                    Severity::Note
                }
            }
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
            | P::EndorsementMissing { .. }
            | P::StandardUncovered { .. }
            | P::StatementUncovered { .. } => Severity::Note,
            _ => Severity::Error,
        }
    }
}
