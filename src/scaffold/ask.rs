//! Asking the person for a value that was not given as a flag.
//!
//! Commands fill in missing values through [`Ask`]. On a terminal the command line supplies an
//! implementation that prompts; everywhere else [`NoTerminal`] answers every question with an
//! error naming the [`Input`] that answers it (the command line names its flag), so scripts and
//! CI never wait for input.

use crate::error::{Error, Input, InputError};

/// Something that can answer questions.
pub trait Ask {
    /// A line of text. `default` is offered and used for an empty answer.
    fn text(&mut self, question: &str, default: Option<&str>, input: Input) -> Result<String, Error>;
    /// One of `options`; returns its index.
    fn choose(&mut self, question: &str, options: &[String], input: Input) -> Result<usize, Error>;
    /// Any number of `options` (at least one); returns their indexes.
    fn choose_many(&mut self, question: &str, options: &[String], input: Input) -> Result<Vec<usize>, Error>;
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
}
