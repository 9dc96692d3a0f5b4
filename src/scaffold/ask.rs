//! Asking the person for a value that was not given as a flag.
//!
//! Commands fill in missing values through [`Ask`]. On a terminal the command line supplies an
//! implementation that prompts; everywhere else [`NoTerminal`] answers every question with an
//! error naming the [`Input`] that answers it (the command line names its flag), so scripts and
//! CI never wait for input.

use jiff::civil::Date;

use crate::error::{Error, Input, InputError};
use crate::text::escape;
use crate::yaml::values::{likely_date, long_date, parse_date};

/// Something that can answer questions.
pub trait Ask {
    /// A line of text. `default` is offered and used for an empty answer.
    fn text(&mut self, question: &str, default: Option<&str>, input: Input) -> Result<String, Error>;
    /// One of `options`; returns its index.
    fn choose(&mut self, question: &str, options: &[String], input: Input) -> Result<usize, Error>;
    /// Any number of `options` (at least one); returns their indexes.
    fn choose_many(&mut self, question: &str, options: &[String], input: Input) -> Result<Vec<usize>, Error>;
    /// A secret (a key's passphrase), not shown as it is typed; `None` where no one can be asked.
    fn secret(&mut self, question: &str) -> Option<String>;
}

/// `value` trimmed, or `None` if it is missing or blank.
pub fn non_blank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// `given` if it is not blank, else the answer to `question`, asked until it is not blank.
pub fn required(
    given: Option<String>,
    ask: &mut dyn Ask,
    question: &str,
    input: Input,
) -> Result<String, Error> {
    if let Some(value) = non_blank(given) {
        return Ok(value);
    }
    loop {
        if let Some(answer) = non_blank(Some(ask.text(question, None, input)?)) {
            return Ok(answer);
        }
    }
}

/// `given` if it is a date (an error naming `input` if it is not: the person wrote it as a flag,
/// and a script must not go on with a guess); else the answer to `question`, `default` offered,
/// asked again until it is a date. A wrong answer is never the end: the question comes back
/// saying what was wrong, and a date written another way (`01/09/2026`) is offered back in the
/// right form, taken with Enter.
pub fn date(
    given: Option<String>,
    ask: &mut dyn Ask,
    question: &str,
    default: Date,
    input: Input,
) -> Result<Date, Error> {
    if let Some(value) = non_blank(given) {
        return parse_date(&value).map_err(|reason| InputError::BadDate { input, value, reason }.into());
    }
    let mut prompt = format!("{question} (YYYY-MM-DD)");
    let mut offered = default;
    loop {
        let answer = ask.text(&prompt, Some(&offered.to_string()), input)?;
        let answer = answer.trim();
        let reason = match parse_date(answer) {
            Ok(date) => return Ok(date),
            Err(reason) => reason,
        };
        (prompt, offered) = match likely_date(answer) {
            Some(meant) => (
                format!(
                    "Did you mean {}? Press Enter for it, or write the date as YYYY-MM-DD",
                    long_date(meant)
                ),
                meant,
            ),
            None => (format!("`{}` is not a date: {reason}. {question}", escape(answer)), default),
        };
    }
}

/// No terminal: every question is an error that names the input that answers it.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTerminal;

impl Ask for NoTerminal {
    fn text(&mut self, question: &str, default: Option<&str>, input: Input) -> Result<String, Error> {
        default.map(str::to_owned).ok_or_else(|| missing(question, input))
    }
    fn choose(&mut self, question: &str, _: &[String], input: Input) -> Result<usize, Error> {
        Err(missing(question, input))
    }
    fn choose_many(&mut self, question: &str, _: &[String], input: Input) -> Result<Vec<usize>, Error> {
        Err(missing(question, input))
    }
    fn secret(&mut self, _: &str) -> Option<String> {
        None
    }
}

fn missing(question: &str, input: Input) -> Error {
    InputError::MissingAnswer { question: question.to_owned(), input }.into()
}

/// Answers given in advance, in order: for tests of the questions a command asks.
#[cfg(test)]
#[derive(Clone, Debug, Default)]
pub struct Scripted {
    /// The answers still to give: text, an option's text, or options' texts joined by `|`.
    pub answers: std::collections::VecDeque<String>,
    /// The questions asked so far.
    pub asked: Vec<String>,
}

#[cfg(test)]
impl Scripted {
    /// Answers in the order they will be given.
    pub fn new(answers: &[&str]) -> Scripted {
        Scripted { answers: answers.iter().map(|a| (*a).to_owned()).collect(), asked: Vec::new() }
    }

    fn next(&mut self, question: &str, input: Input) -> Result<String, Error> {
        self.asked.push(question.to_owned());
        self.answers.pop_front().ok_or_else(|| missing(question, input))
    }
}

#[cfg(test)]
impl Ask for Scripted {
    fn text(&mut self, question: &str, default: Option<&str>, input: Input) -> Result<String, Error> {
        let answer = self.next(question, input)?;
        Ok(if answer.is_empty() { default.unwrap_or_default().to_owned() } else { answer })
    }
    fn choose(&mut self, question: &str, options: &[String], input: Input) -> Result<usize, Error> {
        let answer = self.next(question, input)?;
        options.iter().position(|o| *o == answer).ok_or_else(|| missing(question, input))
    }
    fn choose_many(&mut self, question: &str, options: &[String], input: Input) -> Result<Vec<usize>, Error> {
        let answer = self.next(question, input)?;
        answer
            .split('|')
            .map(|a| options.iter().position(|o| o == a).ok_or_else(|| missing(question, input)))
            .collect()
    }
    fn secret(&mut self, question: &str) -> Option<String> {
        self.next(question, Input::By).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        parse_date(text).expect("a date")
    }

    #[test]
    fn a_date_offered_back_is_taken_with_enter_or_replaced() {
        let today = day("2026-11-22");
        for (answers, taken, asked) in [
            (&["01/09/2026", ""][..], "2026-09-01", 2),
            (&["01/09/2026", "2026-01-09"][..], "2026-01-09", 2),
            (&["1 Sept 2026", "1/9/2026", " 2026-09-02 "][..], "2026-09-02", 3),
            (&["", "unused"][..], "2026-11-22", 1),
        ] {
            let mut ask = Scripted::new(answers);
            let date = date(None, &mut ask, "When", today, Input::Date).expect("a date");
            assert_eq!((date, ask.asked.len()), (day(taken), asked), "{answers:?}");
        }
    }

    #[test]
    fn a_date_given_as_a_flag_is_never_asked_again() {
        let mut ask = Scripted::new(&["2026-09-01"]);
        let error = date(Some("01/09/2026".to_owned()), &mut ask, "When", day("2026-11-22"), Input::Started)
            .expect_err("not a date");
        assert!(
            matches!(&error, Error::Input(InputError::BadDate { input: Input::Started, value, .. }) if value == "01/09/2026"),
            "{error:?}"
        );
        assert!(ask.asked.is_empty());
        assert_eq!(
            date(None, &mut NoTerminal, "When", day("2026-11-22"), Input::Date).expect("today"),
            day("2026-11-22")
        );
    }

    #[test]
    fn control_characters_in_an_answer_are_not_sent_back_to_the_terminal() {
        let mut ask = Scripted::new(&["\u{1b}[2Jsoon", "2026-01-02"]);
        date(None, &mut ask, "When", day("2026-11-22"), Input::Date).expect("a date");
        assert!(!ask.asked[1].contains('\u{1b}'), "{:?}", ask.asked[1]);
    }
}
