//! Questions asked at a terminal, for values not given as flags.

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Select};

use crate::error::{self, Error};
use crate::scaffold::ask::Ask;

/// Asks on the terminal (standard error), with arrow keys and space to choose.
pub struct TerminalAsk {
    theme: ColorfulTheme,
}

impl TerminalAsk {
    /// A new asker.
    pub fn new() -> TerminalAsk {
        TerminalAsk { theme: ColorfulTheme::default() }
    }
}

fn failed(error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(source) = error;
    Error::Terminal { source }
}

impl Ask for TerminalAsk {
    fn text(&mut self, question: &str, default: Option<&str>, _input: error::Input) -> Result<String, Error> {
        let mut input = Input::<String>::with_theme(&self.theme).with_prompt(question).allow_empty(true);
        // An empty default is an optional question: shown as nothing rather than as `()`.
        if let Some(default) = default.filter(|d| !d.is_empty()) {
            input = input.default(default.to_owned());
        }
        input.interact_text().map_err(failed)
    }

    fn choose(&mut self, question: &str, options: &[String], _input: error::Input) -> Result<usize, Error> {
        Select::with_theme(&self.theme)
            .with_prompt(question)
            .items(options)
            .default(0)
            .interact()
            .map_err(failed)
    }

    fn choose_many(
        &mut self,
        question: &str,
        options: &[String],
        _input: error::Input,
    ) -> Result<Vec<usize>, Error> {
        let prompt = format!("{question} (space to choose, enter when done)");
        loop {
            let chosen = MultiSelect::with_theme(&self.theme)
                .with_prompt(&prompt)
                .items(options)
                .interact()
                .map_err(failed)?;
            if !chosen.is_empty() {
                return Ok(chosen);
            }
        }
    }
}
