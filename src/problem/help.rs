//! What to do about each finding: the help line a report shows under its message.

use crate::privacy::Code;
use crate::problem::Problem;
use crate::text::shell_quote;

impl Problem {
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
            P::TemplateUnusable { .. } => "fix the template (a loop that repeats too often, or a text that grows in a loop, goes over its budget), or remove it to use the built-in one (`pqs templates show <name>` prints it)".to_owned(),
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
            P::UnknownField { place: "a record", .. } => {
                "remove it, or put the information in the text of the record".to_owned()
            }
            // In `pqs.yaml`, `pqs-cohort.yaml` or a sign-off there is no text to put it in.
            P::UnknownField { .. } => "remove it, or check its spelling".to_owned(),
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
            P::Privacy { check: check @ (Code::Name | Code::NameTitle), .. } => format!(
                "use a pseudonym (Mrs A, Person B); list the invented names you use under `privacy.pseudonyms` in `pqs.yaml`; if it names no one the record is about (an author, a public figure), put `<!-- pqs-allow {}: why -->` on the line before",
                check.as_str()
            ),
            P::Privacy { check: check @ (Code::Place | Code::Address | Code::AgePlace), .. } => format!(
                "say what kind of place it is instead (a hospital ward, a care home, a town in the north); if it identifies no one (the team's office), put `<!-- pqs-allow {}: why -->` on the line before",
                check.as_str()
            ),
            P::Privacy { check, .. } => format!(
                "remove it or use a pseudonym; if it identifies no one (an office address, a published number), put `<!-- pqs-allow {}: why -->` on the line before",
                check.as_str()
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
            P::SignoffTyped { .. } | P::TypedSignoffs { .. } => "whoever signed can sign again with their own key, which proves it was them: `pqs sign RECORD --key KEY` (\"Signing with a key\" in the README says how to make one); `pqs sign --verify` lists each sign-off".to_owned(),
            P::SignatureInvalid { .. } => "sign-off entries are written by `pqs sign` and must not be edited; if the record is right, whoever signed signs it again".to_owned(),
            P::SignerNotAllowed { .. } | P::SignerUnknown { .. } => "the organisation adds the signer's public key to its allowed-signers file (the README's \"Signing with a key\" says how), or the sign-off is made again with a key that is in it".to_owned(),
            P::SignoffWrongPerson { expected, .. } => format!("check the spelling of both names; if `{expected}` is right, they sign it"),
            P::SignoffOldDigest { .. } => "to cover the files too, whoever signed signs the record again".to_owned(),
            P::EndorsementUnreadable { .. } | P::EndorsementSignatureInvalid { .. } => "`pqs-endorsement.yaml` is written by `pqs sign --portfolio` and must not be edited; the mentor endorses the portfolio again to replace it".to_owned(),
            P::EndorsementStale { .. } => format!(
                "once the mentor has read the changes, they endorse the portfolio again: `{}`",
                endorse_command(None)
            ),
            P::EndorsementSignerNotAllowed { .. } | P::EndorsementSignerUnknown { .. } => "the organisation adds the mentor's public key to its allowed-signers file (the README's \"Signing with a key\" says how), or the mentor endorses again with a key that is in it".to_owned(),
            P::EndorsementTyped { .. } => format!(
                "the mentor endorses again with their own key, which proves it was them: `{}`",
                endorse_command(None)
            ),
            P::EndorsementWrongPerson { expected, .. } => {
                format!("check the spelling of both names; if `{expected}` is right, they endorse it")
            }
            P::EndorsementMissing { mentor, .. } => format!(
                "when the portfolio is ready, the mentor reads it and endorses it: `{}`",
                endorse_command(mentor.as_deref())
            ),
            P::AllowedSignersLine { .. } => "each line is a name (in double quotes if it has spaces), then optionally `namespaces=\"pqs-signoff\"`, then the public key as `ssh-ed25519 AAAA...`".to_owned(),
            P::AllowedSignersUnusable { .. } => "set `signing.allowed_signers` to the file's name, relative to the settings file and inside its folder".to_owned(),
            P::MentorIsLineManager { .. } => {
                "the pathway asks for a mentor who is not your line manager, where your organisation can arrange it".to_owned()
            }
            P::MentorNotInCohort { mentors, .. } => {
                format!("the cohort's mentors are {mentors}; check the spelling, or add the mentor to `mentors` in `pqs-cohort.yaml`")
            }
            P::EvidenceFolderMissing { .. } => {
                "create the folder, or set `evidence:` in `pqs.yaml` to the folder that holds your records".to_owned()
            }
            P::NoRecords { .. } => "start one with `pqs new` and its type, such as `pqs new reflection`; each record is a `.md` file with front-matter".to_owned(),
            P::RequirementUnmet { record_type, kind, found, required, drafts, .. } => {
                let command = new_command(record_type, kind.as_deref());
                let missing = required.saturating_sub(*found);
                match drafts.len() {
                    0 if missing > 1 => format!("start each with `{command}`"),
                    0 => format!("start one with `{command}`"),
                    1 if missing <= 1 => {
                        "when the draft is ready, change `draft: true` to `draft: false` in it".to_owned()
                    }
                    n if n >= missing => {
                        "when each draft is ready, change `draft: true` to `draft: false` in it".to_owned()
                    }
                    n => format!(
                        "when {} is ready, change `draft: true` to `draft: false` in it; start {} more with `{command}`",
                        if n == 1 { "the draft" } else { "a draft" },
                        if missing - n == 1 { "one".to_owned() } else { (missing - n).to_string() }
                    ),
                }
            }
            P::InitialKind { required_kind, .. } => format!(
                "the pathway starts with a {required_kind} observation; check the dates and kinds of your observations"
            ),
            P::Overdue { draft: Some(draft), .. } => format!(
                "when `{draft}` is ready, change `draft: true` to `draft: false` in it; `pqs status` shows the year"
            ),
            P::Overdue { record_type, kind, .. } => format!(
                "start it with `{}`; `pqs status` shows the year. If your organisation plans other months, set `due_months` in your framework file",
                new_command(record_type, kind.as_deref())
            ),
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

/// The command that starts a record of `record_type` (and `kind`) from its template.
pub fn new_command(record_type: &str, kind: Option<&str>) -> String {
    match kind {
        Some(kind) => format!("pqs new {record_type} --kind {}", shell_quote(kind)),
        None => format!("pqs new {record_type}"),
    }
}

/// The command that endorses a portfolio, with the mentor's name if known.
fn endorse_command(mentor: Option<&str>) -> String {
    let by = mentor.map(|name| format!(" --by {}", shell_quote(name))).unwrap_or_default();
    format!("pqs sign --portfolio --role mentor --endorse authenticity,anonymity{by} --key KEY")
}
