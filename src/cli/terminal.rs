//! Questions asked at a terminal, for values not given as flags, and what Ctrl-C at one of them
//! does: the pickers hide the cursor while they draw, so pqs shows it again before it stops.

use std::io::Write as _;
use std::sync::OnceLock;

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Password, Select};

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

/// The exit status after Ctrl-C, as a shell gives a command that SIGINT stopped.
const INTERRUPTED: i32 = 130;

/// The terminal's code that shows the cursor.
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// Whether pqs handles Ctrl-C itself (set at the first question).
static HANDLING_CTRL_C: OnceLock<bool> = OnceLock::new();

/// From the first question on, Ctrl-C shows the cursor again and stops pqs with status 130.
/// Without this, Ctrl-C in a picker (which reads keys itself and hides the cursor) stops pqs at
/// once and leaves the person's terminal with no cursor. The handler runs on a thread of its own
/// and is the one place pqs stops itself: nothing has been written while questions are asked.
fn handle_ctrl_c() {
    HANDLING_CTRL_C.get_or_init(|| {
        ctrlc::set_handler(|| {
            let mut err = std::io::stderr();
            let _ = err.write_all(SHOW_CURSOR);
            let _ = err.write_all(b"\n");
            let _ = err.flush();
            std::process::exit(INTERRUPTED);
        })
        .is_ok()
    });
}

fn failed(error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(source) = error;
    if source.kind() == std::io::ErrorKind::Interrupted && HANDLING_CTRL_C.get() == Some(&true) {
        // Ctrl-C read as a key: the terminal library has raised the signal, and the handler is
        // stopping pqs; wait for it rather than report an error that would race its words.
        loop {
            std::thread::park();
        }
    }
    Error::Terminal { source }
}

impl Ask for TerminalAsk {
    fn text(&mut self, question: &str, default: Option<&str>, _input: error::Input) -> Result<String, Error> {
        handle_ctrl_c();
        let mut input = Input::<String>::with_theme(&self.theme).with_prompt(question).allow_empty(true);
        // An empty default is an optional question: shown as nothing rather than as `()`.
        if let Some(default) = default.filter(|d| !d.is_empty()) {
            input = input.default(default.to_owned());
        }
        input.interact_text().map_err(failed)
    }

    fn choose(&mut self, question: &str, options: &[String], _input: error::Input) -> Result<usize, Error> {
        handle_ctrl_c();
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
        handle_ctrl_c();
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

    fn secret(&mut self, question: &str) -> Option<String> {
        handle_ctrl_c();
        Password::with_theme(&self.theme).with_prompt(question).allow_empty_password(true).interact().ok()
    }
}
