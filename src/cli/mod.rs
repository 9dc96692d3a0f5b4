//! The command line: the only part of `pqs` that knows clap or the terminal.
//!
//! [`run`] parses the arguments, turns them into options, calls the library and writes to the
//! streams it is given; it returns the exit status: 0 success, 1 findings that fail the run,
//! 2 could not run.

mod check;
mod standards;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Keep a practice supervisor's PQS portfolio as plain text in git.
#[derive(Debug, Parser)]
#[command(name = "pqs", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every record, and show what the portfolio still needs.
    Check(check::CheckArgs),
    /// List the standards, statements and requirements of the framework in use.
    Standards(standards::StandardsArgs),
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Colour even when writing to a file or a pipe.
    Always,
    /// No colour.
    Never,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Human,
    /// For programs: one JSON document.
    Json,
}

/// What `main` knows about the terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Standard output is a terminal.
    pub stdout_is_tty: bool,
    /// `NO_COLOR` is set to something.
    pub no_color: bool,
}

impl Terminal {
    fn color(self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stdout_is_tty && !self.no_color,
        }
    }
}

/// Exit status: success.
pub const SUCCESS: u8 = 0;
/// Exit status: findings that fail the run.
pub const FAILURE: u8 = 1;
/// Exit status: could not run.
pub const CANNOT_RUN: u8 = 2;

/// Run `pqs` with `args` (the first is the program name).
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write, terminal: Terminal) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let text = if terminal.color(ColorChoice::Auto) {
                error.render().ansi().to_string()
            } else {
                error.render().to_string()
            };
            let code = if error.use_stderr() { CANNOT_RUN } else { SUCCESS };
            let stream: &mut dyn Write = if error.use_stderr() { err } else { out };
            let _ = stream.write_all(text.as_bytes());
            return code;
        }
    };
    let color = terminal.color(cli.color);
    let result = match &cli.command {
        Command::Check(args) => check::run(args, color, out),
        Command::Standards(args) => standards::run(args, out),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "error: {error:#}");
            CANNOT_RUN
        }
    }
}

/// The portfolio folder argument shared by commands: defaults to the current folder.
fn default_path() -> PathBuf {
    PathBuf::from(".")
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn arguments_are_consistent() {
        super::Cli::command().debug_assert();
    }
}
