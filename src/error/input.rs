//! Stop-errors about a value a command was given or needs, and how their messages name it.
//!
//! The library knows which value is at fault ([`Input`]) but not how the person gave it: the
//! command line maps each input to its flag ([`Naming::Flags`]), so no flag is written here.
//! Every sentence is written once, in [`InputError::describe`], whoever names the input.

use std::fmt;

use crate::model::{RecordType, SIGNOFF_ROLES};

/// A value a command is given or asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// The day to judge the portfolio on.
    Today,
    /// The date of a new record, of a sign-off, or on a pack.
    Date,
    /// The day the pathway began.
    Started,
    /// The practice supervisor's name.
    Candidate,
    /// Their mentor's name.
    Mentor,
    /// Their line manager's name.
    LineManager,
    /// Their organisation.
    Organisation,
    /// The framework of a new portfolio.
    Framework,
    /// A new record's title.
    Title,
    /// A new record's kind.
    Kind,
    /// Who observed.
    Observer,
    /// Where an observation happened.
    Setting,
    /// The standards and statements a record evidences.
    Standards,
    /// The folder under the evidence folder to write a new record in.
    Folder,
    /// Who signs.
    By,
    /// The role they sign in.
    Role,
    /// The format of a pack.
    Format,
    /// `PQS_TODAY`: the day every command takes as today.
    TodayVariable,
    /// `SOURCE_DATE_EPOCH`: the moment a reproducible build says it was made.
    SourceDateEpoch,
}

impl Input {
    /// The input's name in the library's own messages (no flag).
    pub fn key(self) -> &'static str {
        match self {
            Input::Today => "today",
            Input::Date => "date",
            Input::Started => "started",
            Input::Candidate => "candidate",
            Input::Mentor => "mentor",
            Input::LineManager => "line manager",
            Input::Organisation => "organisation",
            Input::Framework => "framework",
            Input::Title => "title",
            Input::Kind => "kind",
            Input::Observer => "observer",
            Input::Setting => "setting",
            Input::Standards => "standards",
            Input::Folder => "folder",
            Input::By => "by",
            Input::Role => "role",
            Input::Format => "format",
            Input::TodayVariable | Input::SourceDateEpoch => self.variable().unwrap_or_default(),
        }
    }

    /// The environment variable that gives this input, if one does: it is named as it is
    /// everywhere, as it is not a flag.
    pub fn variable(self) -> Option<&'static str> {
        match self {
            Input::TodayVariable => Some("PQS_TODAY"),
            Input::SourceDateEpoch => Some("SOURCE_DATE_EPOCH"),
            _ => None,
        }
    }
}

/// How a message names the input it is about.
#[derive(Clone, Copy, Debug)]
pub enum Naming {
    /// By its [`Input::key`]: the library's words, for anyone but the command line.
    Keys,
    /// By the flag the command line maps it to.
    Flags(fn(Input) -> &'static str),
}

impl Naming {
    /// The input alone: `` `--kind` ``.
    fn input(self, input: Input) -> String {
        match self {
            Naming::Keys => format!("`{}`", input.key()),
            Naming::Flags(flag) => format!("`{}`", flag(input)),
        }
    }

    /// The input and the value given, as the subject of a sentence: `` `--date 2026-02-30` ``,
    /// or for a variable `` PQS_TODAY is `March`, which ``.
    fn given(self, input: Input, value: &str) -> String {
        match (input.variable(), self) {
            (Some(variable), _) => format!("{variable} is `{value}`, which"),
            (None, Naming::Keys) => format!("`{}: {value}`", input.key()),
            (None, Naming::Flags(flag)) => format!("`{} {value}`", flag(input)),
        }
    }

    /// How to give the input: ``pass `--mentor` ``.
    fn how_to_give(self, input: Input) -> String {
        match self {
            Naming::Keys => format!("give the `{}`", input.key()),
            Naming::Flags(flag) => format!("pass `{}`", flag(input)),
        }
    }
}

/// Why a standard or statement given for a new record cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefusedReference {
    /// It is neither `6` nor `6.2`.
    NotAReference,
    /// No standard has its number.
    UnknownStandard {
        /// The standards there are, in words.
        standards: String,
    },
    /// Its standard lists every statement, and this is not one of them.
    Unlisted {
        /// The standard's id.
        standard: String,
    },
}

/// A value given to a command, or needed by it, that stops it.
#[derive(Debug)]
pub enum InputError {
    /// A date that cannot be read.
    BadDate {
        /// Where it was given.
        input: Input,
        /// As written.
        value: String,
        /// Why it is not a date.
        reason: String,
    },
    /// A sign-off dated after today.
    SignedInFuture {
        /// The date given.
        date: jiff::civil::Date,
    },
    /// A number of seconds that is not one.
    NotSeconds {
        /// Where it was given.
        input: Input,
        /// As written.
        value: String,
    },
    /// A number of seconds too large or small for a date.
    OutOfRange {
        /// Where it was given.
        input: Input,
        /// As written.
        value: String,
    },
    /// A value is needed and nothing can be asked: no terminal, or no answer left.
    MissingAnswer {
        /// The question, as it would be asked.
        question: String,
        /// What answers it.
        input: Input,
    },
    /// A value given for a record type that has no such field.
    NotForType {
        /// The input given.
        input: Input,
        /// The types it is for, in words.
        only_for: &'static str,
        /// The type of the record.
        record_type: RecordType,
    },
    /// A kind that the record type does not have.
    UnknownKind {
        /// As written.
        value: String,
        /// The type of the record.
        record_type: RecordType,
    },
    /// The person chose no standard or statement for a record that needs one.
    NoStandardChosen,
    /// A standard or statement that `pqs check` would reject.
    BadReference {
        /// As written.
        value: String,
        /// Why.
        why: RefusedReference,
    },
    /// A sign-off role that is not one of the roles.
    UnknownRole {
        /// As written.
        value: String,
    },
    /// A folder for a new record that leads out of the evidence folder.
    OutsideEvidence {
        /// As written.
        value: String,
    },
    /// A PDF pack was asked of a pqs built without the `pdf` feature.
    WithoutPdf,
}

impl InputError {
    /// The message, naming each input as `naming` says.
    pub fn describe(&self, naming: Naming) -> String {
        match self {
            InputError::BadDate { input, value, reason } => {
                format!("{} is not a date: {reason}", naming.given(*input, value))
            }
            InputError::SignedInFuture { date } => {
                format!("{} is in the future; sign on the day", naming.given(Input::Date, &date.to_string()))
            }
            InputError::NotSeconds { input, value } => {
                format!("{} is not a number of seconds", naming.given(*input, value))
            }
            InputError::OutOfRange { input, value } => {
                format!("{} is out of range", naming.given(*input, value))
            }
            InputError::MissingAnswer { question, input } => {
                format!("{} is needed: {}", question.trim_end_matches(['?', ':']), naming.how_to_give(*input))
            }
            InputError::NotForType { input, only_for, record_type } => format!(
                "{} is only for {only_for}, not for a record of type `{record_type}`",
                naming.input(*input)
            ),
            InputError::UnknownKind { value, record_type } => format!(
                "{} is not a kind of {record_type}: use one of {}",
                naming.given(Input::Kind, value),
                record_type.kinds().join(", ")
            ),
            InputError::NoStandardChosen => "choose at least one standard or statement".to_owned(),
            InputError::BadReference { value, why } => {
                let why = match why {
                    RefusedReference::NotAReference => {
                        "write a standard as `6` or a statement as `6.2`".to_owned()
                    }
                    RefusedReference::UnknownStandard { standards } => {
                        format!("the standards are {standards}")
                    }
                    RefusedReference::Unlisted { standard } => {
                        format!("standard {standard} lists its statements and this is not one")
                    }
                };
                format!("{} cannot be used: {why}", naming.given(Input::Standards, value))
            }
            InputError::UnknownRole { value } => {
                format!(
                    "{} is not a role; use one of {}",
                    naming.given(Input::Role, value),
                    SIGNOFF_ROLES.join(", ")
                )
            }
            InputError::OutsideEvidence { value } => {
                format!("{} must be a folder inside the evidence folder", naming.given(Input::Folder, value))
            }
            InputError::WithoutPdf => format!(
                "this pqs was built without PDF support, so it cannot make a PDF pack ({} makes the HTML \
                 pack); for PDF, install a release of pqs (see \"Install\" in its README) or build it with \
                 its default features",
                naming.given(Input::Format, "html")
            ),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Naming::Keys))
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flags as a command line might name them, for the tests.
    fn flag(input: Input) -> &'static str {
        match input {
            Input::Date => "-d",
            _ => "-x",
        }
    }

    #[test]
    fn each_naming_words_the_same_sentence() {
        let error = InputError::BadDate {
            input: Input::Date,
            value: "2026-02-30".to_owned(),
            reason: "February 2026 has 28 days".to_owned(),
        };
        assert_eq!(error.to_string(), "`date: 2026-02-30` is not a date: February 2026 has 28 days");
        assert_eq!(
            error.describe(Naming::Flags(flag)),
            "`-d 2026-02-30` is not a date: February 2026 has 28 days"
        );
        let error = InputError::MissingAnswer { question: "Title?".to_owned(), input: Input::Date };
        assert_eq!(error.to_string(), "Title is needed: give the `date`");
        assert_eq!(error.describe(Naming::Flags(flag)), "Title is needed: pass `-d`");
    }

    #[test]
    fn a_variable_is_named_as_itself() {
        let error = InputError::NotSeconds { input: Input::SourceDateEpoch, value: "soon".to_owned() };
        let expected = "SOURCE_DATE_EPOCH is `soon`, which is not a number of seconds";
        assert_eq!(error.to_string(), expected);
        assert_eq!(error.describe(Naming::Flags(flag)), expected);
    }
}
