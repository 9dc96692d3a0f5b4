//! The flag that gives each value the library asks for or refuses: the library's errors name an
//! [`Input`], and only the command line knows it as `--today` or `--dir`.

use crate::error::{Error, Input, InputError, Naming};

/// How the command line names the inputs in its messages.
const FLAGS: Naming = Naming::Flags(flag);

/// The flag (or, for an environment variable, its name) that gives `input`.
fn flag(input: Input) -> &'static str {
    match input {
        Input::Today => "--today",
        Input::Date => "--date",
        Input::Started => "--started",
        Input::Candidate => "--candidate",
        Input::Mentor => "--mentor",
        Input::LineManager => "--line-manager",
        Input::Organisation => "--organisation",
        Input::Framework => "--framework",
        Input::Title => "--title",
        Input::Kind => "--kind",
        Input::Observer => "--observer",
        Input::Setting => "--setting",
        Input::Standards => "--standards",
        Input::Folder => "--dir",
        Input::By => "--by",
        Input::Role => "--role",
        Input::Format => "--format",
        Input::TodayVariable | Input::SourceDateEpoch => input.key(),
    }
}

/// One error of a chain in words, its inputs named by their flags.
pub(super) fn describe(cause: &(dyn std::error::Error + 'static)) -> String {
    if let Some(error) = cause.downcast_ref::<Error>() {
        error.describe(FLAGS)
    } else if let Some(error) = cause.downcast_ref::<InputError>() {
        error.describe(FLAGS)
    } else {
        cause.to_string()
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::error::RefusedReference;
    use crate::model::RecordType;

    /// The inputs the library names.
    const INPUTS: [Input; 19] = [
        Input::Today,
        Input::Date,
        Input::Started,
        Input::Candidate,
        Input::Mentor,
        Input::LineManager,
        Input::Organisation,
        Input::Framework,
        Input::Title,
        Input::Kind,
        Input::Observer,
        Input::Setting,
        Input::Standards,
        Input::Folder,
        Input::By,
        Input::Role,
        Input::Format,
        Input::TodayVariable,
        Input::SourceDateEpoch,
    ];

    #[test]
    fn every_flag_is_an_argument_of_some_command() {
        let command = super::super::Cli::command();
        let longs: Vec<String> = command
            .get_subcommands()
            .flat_map(|sub| sub.get_arguments())
            .chain(command.get_arguments())
            .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
            .collect();
        for input in INPUTS {
            let named = flag(input);
            match input.variable() {
                Some(variable) => assert_eq!(named, variable),
                None => assert!(longs.iter().any(|long| long == named), "{input:?}: no argument {named}"),
            }
        }
    }

    #[test]
    fn every_input_error_names_its_flag() {
        let date = jiff::civil::Date::new(2099, 1, 1).expect("date");
        let errors = [
            InputError::BadDate {
                input: Input::Today,
                value: "tomorrow".to_owned(),
                reason: "it is not YYYY-MM-DD".to_owned(),
            },
            InputError::BadDate {
                input: Input::TodayVariable,
                value: "March".to_owned(),
                reason: "it is not YYYY-MM-DD".to_owned(),
            },
            InputError::SignedInFuture { date },
            InputError::NotSeconds { input: Input::SourceDateEpoch, value: "soon".to_owned() },
            InputError::OutOfRange { input: Input::SourceDateEpoch, value: "99999999999999".to_owned() },
            InputError::MissingAnswer { question: "Your mentor's name".to_owned(), input: Input::Mentor },
            InputError::NotForType {
                input: Input::Observer,
                only_for: "observations",
                record_type: RecordType::Pdp,
            },
            InputError::UnknownKind { value: "sideways".to_owned(), record_type: RecordType::Observation },
            InputError::NoStandardChosen,
            InputError::BadReference { value: "6.x".to_owned(), why: RefusedReference::NotAReference },
            InputError::BadReference {
                value: "9".to_owned(),
                why: RefusedReference::UnknownStandard { standards: "1, 2".to_owned() },
            },
            InputError::BadReference {
                value: "6.12".to_owned(),
                why: RefusedReference::Unlisted { standard: "6".to_owned() },
            },
            InputError::UnknownRole { value: "boss".to_owned() },
            InputError::OutsideEvidence { value: "../elsewhere".to_owned() },
            InputError::WithoutPdf,
        ];
        let text: String = errors.iter().map(|error| describe(error) + "\n").collect();
        insta::assert_snapshot!(text);
    }
}
