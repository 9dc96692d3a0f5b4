//! Every finding `pqs` can report, with its code, severity and wording in one place.
//!
//! Messages are written for a social worker, not a programmer: they name the field and quote the
//! value in backticks, and the help line says what to do.
//!
//! This file is the list of findings alone, each variant with its documentation: the one file of
//! `src/` over 400 lines, because a finding's fields and its doc belong together. The code and
//! severity of each are in `code.rs`, its words in `message.rs`, `help.rs` and `describe.rs`.

mod code;
mod describe;
mod help;
mod message;
mod yaml;

pub use yaml::value_in_words;

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
        /// When, as written.
        date: String,
        /// The record, relative to the portfolio.
        file: String,
        /// Who signed, for the message and the command that signs again.
        by: Option<String>,
        /// The role, for the message and the command that signs again.
        role: Option<String>,
        /// What changed, in words: `the record's text or details`, `the file \`a.pdf\``, or empty when
        /// that cannot be told.
        changed: String,
    },
    /// A sign-off made by typed name only, where the settings require keys: it does not count.
    SignoffTyped {
        /// Who signed and as what.
        who: String,
        /// The settings file that requires keys, for the message.
        set_in: String,
    },
    /// Sign-offs of the portfolio made by typed name only, where keys are not required: one
    /// note for them all.
    TypedSignoffs {
        /// How many.
        count: usize,
    },
    /// A sign-off whose signature does not hold for the entry as written.
    SignatureInvalid {
        /// Who signed and as what, as the entry says.
        who: String,
        /// Why, in words: what changed, or what is wrong with the signature.
        why: String,
    },
    /// A sign-off signed with a key the allowed signers do not allow for that person or role.
    SignerNotAllowed {
        /// Who signed and as what.
        who: String,
        /// The key's fingerprint, `SHA256:...`.
        fingerprint: String,
        /// Why, in words, naming the allowed-signers file or the settings.
        why: String,
    },
    /// A sign-off signed with a key, but no allowed-signers file says whose key it is.
    SignerUnknown {
        /// Who signed and as what.
        who: String,
        /// The key's fingerprint.
        fingerprint: String,
        /// Whether the settings require keys.
        required: bool,
    },
    /// A mentor's or observer's sign-off naming someone other than the portfolio's mentor or the
    /// record's observer.
    SignoffWrongPerson {
        /// Who signed and as what.
        who: String,
        /// The name expected.
        expected: String,
        /// Where that name comes from: "the record's `observer`", "`mentor` in `pqs.yaml`".
        from: &'static str,
        /// Whether the settings require keys (then it is an error).
        required: bool,
    },
    /// The file of the mentor's endorsement (`pqs-endorsement.yaml`) cannot be read or is not
    /// in the form `pqs sign --portfolio` writes.
    EndorsementUnreadable {
        /// Why, in words.
        reason: String,
    },
    /// An endorsement of the portfolio made before records changed, were added or were removed.
    EndorsementStale {
        /// Who endorsed and as what.
        who: String,
        /// The date written.
        date: String,
        /// What changed, in words, naming the records (a few, then how many more).
        changes: String,
    },
    /// An endorsement whose signature does not hold for it as written.
    EndorsementSignatureInvalid {
        /// Who endorsed and as what, as the file says.
        who: String,
        /// Why, in words.
        why: String,
    },
    /// An endorsement signed with a key the allowed signers do not allow for that person or role.
    EndorsementSignerNotAllowed {
        /// Who endorsed and as what.
        who: String,
        /// The key's fingerprint.
        fingerprint: String,
        /// Why, in words.
        why: String,
    },
    /// An endorsement signed with a key, but no allowed-signers file says whose key it is.
    EndorsementSignerUnknown {
        /// Who endorsed and as what.
        who: String,
        /// The key's fingerprint.
        fingerprint: String,
        /// Whether the settings require keys.
        required: bool,
    },
    /// An endorsement made by typed name only: a note, or an error where keys are required.
    EndorsementTyped {
        /// Who endorsed and as what.
        who: String,
        /// The settings file that requires keys, when one does.
        required_by: Option<String>,
    },
    /// An endorsement by someone other than the mentor `pqs.yaml` names.
    EndorsementWrongPerson {
        /// Who endorsed and as what.
        who: String,
        /// The mentor's name in `pqs.yaml`.
        expected: String,
        /// Whether the settings require keys (then it is an error).
        required: bool,
    },
    /// The settings require the mentor's endorsement and none holds: a gap until it is made.
    EndorsementMissing {
        /// The mentor `pqs.yaml` names, for the command to run.
        mentor: Option<String>,
        /// Whether an endorsement is there but no longer holds.
        stale: bool,
    },
    /// A sign-off whose digest is the earlier form, which does not cover the record's files.
    SignoffOldDigest {
        /// Who signed and as what.
        who: String,
        /// The files it does not cover, quoted and joined.
        files: String,
    },
    /// A line of an allowed-signers file that cannot be read.
    AllowedSignersLine {
        /// Why.
        message: String,
    },
    /// An allowed-signers file named in the settings that cannot be used.
    AllowedSignersUnusable {
        /// The file, as named.
        file: String,
        /// Why.
        reason: String,
    },
    /// Something that looks like it identifies a person (the anonymisation lint).
    Privacy {
        /// The check that found it (its code is e.g. `privacy-postcode`).
        check: crate::privacy::Code,
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
        /// The check it names.
        check: crate::privacy::Code,
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
        /// The files of drafts that would count once marked ready.
        drafts: Vec<String>,
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
        due: jiff::civil::Date,
        /// The record type it counts, and the kind if only one does: for the command that
        /// starts one.
        record_type: &'static str,
        /// The kind it counts, if any.
        kind: Option<String>,
        /// The file of a draft that would do once marked ready.
        draft: Option<String>,
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
        /// The first of them not shown, which gives their code.
        of: Box<Problem>,
        /// How many more there are than are shown.
        more: usize,
    },
}

#[cfg(test)]
mod tests;
