//! What each code of a finding is about, in a few words, for reports that list the checks as
//! well as the findings (the rules of the SARIF report). Each finding's own message, which names
//! the file, the value and the fix, is in [`Problem::message`].
//!
//! The match names every variant, with no catch-all arm, so a new finding does not compile until
//! it has its words here.

use std::borrow::Cow;

use crate::privacy::Code;
use crate::problem::Problem;

impl Problem {
    /// A few words on what the check that finds this problem is about; every problem of one code
    /// has the same words.
    pub fn describe(&self) -> Cow<'static, str> {
        use Problem as P;
        Cow::Borrowed(match self {
            P::Unreadable { .. } | P::UnreadableFolder { .. } => "A file or folder that cannot be read",
            P::TooLarge { .. } => "A record larger than 5 MiB",
            P::LinkOutside => "A link that leads outside the portfolio",
            P::LinkToFolder => "A link to a folder, whose records are not read",
            P::NameCollision { .. } => "Two files whose names are one on macOS and Windows",
            P::ReservedName { .. } => {
                "A name that Windows keeps for a device, or that ends in a dot or space"
            }
            P::TemplateUnusable { .. } => {
                "A portfolio template that fails or goes over its budget when check renders it"
            }
            P::NotUtf8 => "A file that is not UTF-8 text",
            P::EmptyFile => "An empty file",
            P::TomlFrontMatter | P::MissingFrontMatter { .. } => "A record without front-matter on line 1",
            P::FrontMatterTooLarge { .. } => "Front-matter longer than 1 MiB, which is not read",
            P::UnclosedFrontMatter => "Front-matter without its closing `---` line",
            P::YamlSyntax { .. } => "Front-matter that is not valid YAML",
            P::NotAMapping { .. } => "Front-matter that is not a list of fields",
            P::Placeholder { .. } | P::WrongShape { .. } => "A field with the wrong kind of value",
            P::DuplicateField { .. } => "A field given twice",
            P::UnknownField { .. } => "A field that records do not have",
            P::MissingField { .. } => "A required field is missing",
            P::EmptyField { .. } => "A required field is empty",
            P::UnknownType { .. } => "A record type that does not exist",
            P::InvalidValue { .. } => "A value that the field does not allow",
            P::InvalidDate { .. } => "A date that is not a real date in YYYY-MM-DD form",
            P::FutureDate { .. } => "A date in the future",
            P::FieldNotAllowed { .. } => "A field that this type of record does not have",
            P::InvalidBool { .. } => "A value that should be true or false",
            P::InvalidId { .. } => "An id with characters that ids cannot have",
            P::DuplicateId { .. } => "Two records with the same id",
            P::InvalidReference { .. } => "A standard that is not written as `6` or `6.2`",
            P::UnknownStandard { .. } => "A standard that the framework does not have",
            P::UnknownStatement { .. } => "A statement that the framework does not list",
            P::DuplicateReference { .. } => "A standard or statement given twice",
            P::AttachmentMissing { .. } => "An attachment that does not exist",
            P::AttachmentOutside { .. } => "An attachment outside the portfolio",
            P::ImageTooLarge { .. } => "An image of more pixels than a pack shows",
            P::LargeForPdf { .. } => "A record whose PDF pack needs gigabytes of memory",
            P::EmptyBody => "A record with no text",
            P::UnansweredPrompt => "A prompt from the template left in a finished record",
            P::EmptySection { .. } => "A section of a finished record with no text",
            P::MalformedDigest { .. } => "A sign-off whose digest is not well formed",
            P::SignoffStale { .. } => "A record changed since it was signed off",
            P::SignoffTyped { .. } | P::TypedSignoffs { .. } => {
                "A sign-off by typed name, not signed with a key"
            }
            P::SignatureInvalid { .. } => "A sign-off whose signature does not match it",
            P::SignerNotAllowed { .. } => "A sign-off signed with a key not allowed for that person or role",
            P::SignerUnknown { .. } => "A sign-off signed with a key no allowed-signers file names",
            P::SignoffWrongPerson { .. } => "A mentor's or observer's sign-off by someone else",
            P::SignoffOldDigest { .. } => "A sign-off made before sign-offs covered a record's files",
            P::EndorsementUnreadable { .. } => "A mentor's endorsement file that cannot be read",
            P::EndorsementStale { .. } => "Records changed since the mentor endorsed the portfolio",
            P::EndorsementSignatureInvalid { .. } => {
                "A mentor's endorsement whose signature does not match it"
            }
            P::EndorsementSignerNotAllowed { .. } => {
                "A mentor's endorsement signed with a key not allowed for them"
            }
            P::EndorsementSignerUnknown { .. } => {
                "A mentor's endorsement signed with a key no allowed-signers file names"
            }
            P::EndorsementTyped { .. } => "A mentor's endorsement by typed name, not signed with a key",
            P::EndorsementWrongPerson { .. } => "An endorsement by someone other than the portfolio's mentor",
            P::EndorsementMissing { .. } => {
                "The mentor's endorsement of the portfolio, required and not yet made"
            }
            P::AllowedSignersLine { .. } | P::AllowedSignersUnusable { .. } => {
                "An allowed-signers file or line that cannot be used"
            }
            P::SignoffBeforeRecord { .. } => "A sign-off dated before the record",
            P::SignoffMissing { .. } => "A record without a sign-off that the framework asks for",
            P::Privacy { check, .. } => match check {
                Code::NhsNumber => "An NHS number",
                Code::NiNumber => "A National Insurance number",
                Code::DateOfBirth => "A date of birth",
                Code::Postcode => "A full postcode",
                Code::Email => "An email address",
                Code::Phone => "A phone number",
                Code::NameTitle => "A title and a name",
                Code::CaseReference => "A case number of the organisation",
                Code::Name => "A person's full name",
                Code::Address => "A street address",
                Code::Place => "A named ward, hospital, care home, surgery, school or team",
                Code::PartialDateOfBirth => "A month or year of birth",
                Code::AgePlace => "An age with the place someone lives",
            },
            P::AllowWithoutReason => "A `pqs-allow` comment without a reason",
            P::AllowUnknownCode { .. } => "A `pqs-allow` comment naming a check that does not exist",
            P::AllowUnused { .. } => "A `pqs-allow` comment that allows nothing",
            P::PrivacyPattern { .. } => "A case number pattern in `pqs.yaml` that cannot be used",
            P::MentorIsLineManager { .. } => "The mentor is also the line manager",
            P::MentorNotInCohort { .. } => "A mentor who is not one of the cohort's mentors",
            P::Overdue { .. } => "A record the pathway year asks for, past its due date",
            P::EvidenceFolderMissing { .. } => "The evidence folder does not exist",
            P::NoRecords { .. } => "A portfolio with no records yet",
            P::InitialKind { .. } => "A first observation that is not of the kind the framework asks for",
            P::StandardUncovered { .. } => "A standard without enough evidence",
            P::StatementUncovered { .. } => "A statement without evidence",
            P::RequirementUnmet { record_type, .. } => {
                return Cow::Owned(format!("Fewer `{record_type}` records than the framework asks for"));
            }
            // The summary of repeated findings is one more finding of their check.
            P::Repeated { of, .. } => return of.describe(),
        })
    }
}
