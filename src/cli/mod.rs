//! The command line: the only part of `pqs` that knows clap or the terminal.
//!
//! [`run`] parses the arguments, turns them into options, calls the library and writes to the
//! streams it is given; it returns the exit status: 0 success, 1 findings that fail the run,
//! 2 could not run.

mod check;
mod cohort;
mod endorse;
mod flags;
mod init;
mod man;
mod new;
mod render;
mod report;
mod schema;
#[cfg(feature = "serve")]
mod serve;
mod shell;
mod sign;
mod sign_ask;
mod standards;
mod status;
mod templates;
mod terminal;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Input, InputError};
use crate::scaffold::ask::Ask;
use crate::scaffold::ask::NoTerminal;
use crate::text::{escape, escape_message};
use crate::yaml::values::parse_date;

/// What `pqs --version` says: the version, and whether this pqs can make PDF packs.
const VERSION: &str = if cfg!(feature = "pdf") {
    env!("CARGO_PKG_VERSION")
} else {
    concat!(env!("CARGO_PKG_VERSION"), " (without PDF support)")
};

/// Keep a practice supervisor's PQS portfolio as plain text in git.
#[derive(Debug, Parser)]
#[command(name = "pqs", version = VERSION, about, long_about = None, max_term_width = WIDTH)]
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
    /// Start a portfolio in a folder: pqs.yaml, the evidence folder, a README and a git repository.
    Init(init::InitArgs),
    /// Write a new record from its template, ready to fill in.
    New(new::NewArgs),
    /// Make the submission pack: one self-contained HTML file to read, share and print.
    Render(render::RenderArgs),
    /// Make the cohort page: every supervisor's progress, a heat map of standards, who is behind.
    Report(report::ReportArgs),
    /// Sign records off: add who signed, as what, when, and the digest of what they signed.
    Sign(sign::SignArgs),
    /// Show what changed in a record since a sign-off that is no longer valid (needs git).
    DiffSigned(sign::DiffSignedArgs),
    /// Print the JSON Schema of a record's front-matter (or of pqs.yaml), or write both, for editors.
    Schema(schema::SchemaArgs),
    /// Open the portfolio in your web browser: see where it stands, write records, sign, make the pack.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Show where the portfolio is in the pathway year: what is done, overdue and due next.
    Status(status::StatusArgs),
    /// List the standards, statements and requirements of the framework in use.
    Standards(standards::StandardsArgs),
    /// List the templates (what each one makes) and copy those to change into the portfolio.
    Templates(templates::TemplatesArgs),
    /// Render a portfolio's own templates for another pqs, within its budget (not for people).
    #[command(name = "template-worker", hide = true)]
    TemplateWorker,
    /// Print shell completions for pqs (bash, zsh, fish, powershell, elvish).
    Completions(shell::CompletionsArgs),
    /// Print pqs's manual page (roff), for `man`.
    Man(man::ManArgs),
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
    /// Standard input and standard error are terminals, so questions can be asked.
    pub interactive: bool,
    /// Standard error is a terminal, so progress can be shown there.
    pub stderr_is_tty: bool,
    /// How many columns standard output's terminal has, when it is one.
    pub columns: Option<usize>,
}

/// The widest the human reports and `--help` are drawn, as clap's `max_term_width`: longer
/// lines are hard to read.
pub const WIDTH: usize = 100;
/// Narrower terminals than this still get lines this wide: a narrower column helps no one.
const MIN_WIDTH: usize = 40;

impl Terminal {
    /// The width the human reports wrap at: the terminal's, at most [`WIDTH`]; [`WIDTH`] into a
    /// file or a pipe, so that what is saved or compared is the same everywhere.
    fn width(self) -> usize {
        self.columns.filter(|&c| c > 0).map_or(WIDTH, |c| c.clamp(MIN_WIDTH, WIDTH))
    }

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
            let error = best_first(error);
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
    let ask: Box<dyn Ask> =
        if terminal.interactive { Box::new(terminal::TerminalAsk::new()) } else { Box::new(NoTerminal) };
    let today = match std::env::var("PQS_TODAY") {
        Ok(text) if !text.trim().is_empty() => match parse_date(text.trim()) {
            Ok(date) => date,
            Err(reason) => {
                let error =
                    Error::from(InputError::BadDate { input: Input::TodayVariable, value: text, reason });
                let _ = writeln!(err, "error: {}", chain(&error.into()));
                return CANNOT_RUN;
            }
        },
        _ => jiff::Zoned::now().date(),
    };
    let mut session = Session {
        out,
        err: &mut *err,
        today,
        ask,
        progress: terminal.stderr_is_tty,
        width: terminal.width(),
    };
    let result = match &cli.command {
        Command::Check(args) => check::run(args, color, &mut session),
        Command::Init(args) => init::run(args, &mut session),
        Command::New(args) => new::run(args, &mut session),
        Command::Render(args) => render::run(args, color, &mut session),
        Command::Report(args) => report::run(args, &mut session),
        Command::Schema(args) => schema::run(args, &mut session),
        // `--portfolio` endorses the whole portfolio: its own file, as it shares only the flags.
        Command::Sign(args) if args.portfolio => endorse::run(args, &mut session),
        Command::Sign(args) => sign::run(args, color, &mut session),
        Command::DiffSigned(args) => sign::diff_signed(args, color, &mut session),
        Command::Standards(args) => standards::run(args, session.out, session.width),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args, &mut session),
        Command::Status(args) => status::run(args, color, &mut session),
        Command::Templates(args) => templates::run(args, &mut session),
        Command::TemplateWorker => templates::worker(&mut session),
        Command::Completions(args) => shell::completions(args, &mut session),
        Command::Man(args) => man::run(args, &mut session),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "error: {}", chain(&error));
            CANNOT_RUN
        }
    }
}

/// `error` with its suggested commands most likely first: clap lists them least likely first
/// (`pqs chek` would suggest `schema` before `check`), and a reader takes the first.
fn best_first(mut error: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue};
    if let Some(ContextValue::Strings(names)) = error.get(ContextKind::SuggestedSubcommand) {
        let reversed = names.iter().rev().cloned().collect();
        error.insert(ContextKind::SuggestedSubcommand, ContextValue::Strings(reversed));
    }
    error
}

/// An error and its causes, each after a colon, leaving out a cause whose words the message
/// already gives (`could not write `x`: File exists` is not followed by `File exists` again).
/// The library's errors name the values they are about by their flags ([`flags::describe`]).
/// Paths and values in it are escaped ([`escape_message`]).
fn chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let words = escape_message(&flags::describe(cause)).into_owned();
        if !text.contains(&words) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&words);
        }
    }
    text
}

/// What every command may use: where to write, today's date, and how to ask questions.
pub(crate) struct Session<'a> {
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error, for what is shown while a command runs (the progress bar); an error that
    /// ends the command is written by [`run`].
    pub err: &'a mut dyn Write,
    /// Today.
    pub today: jiff::civil::Date,
    /// Asks for missing values (or names the flag to pass).
    pub ask: Box<dyn Ask>,
    /// Show progress on standard error (it is a terminal).
    pub progress: bool,
    /// The width to wrap the human reports at.
    pub width: usize,
}

/// A path as shown to the person: relative to the current folder when it is inside it.
fn shown(path: &std::path::Path) -> String {
    let here = std::env::current_dir().ok().and_then(|d| dunce::canonicalize(d).ok());
    let relative = here.as_deref().and_then(|here| path.strip_prefix(here).ok());
    escape(&relative.unwrap_or(path).display().to_string()).into_owned()
}

/// `--today DATE` if given, else the session's today (`PQS_TODAY` or the real date).
fn today(given: Option<&str>, session_today: jiff::civil::Date) -> Result<jiff::civil::Date, Error> {
    match given {
        Some(text) => parse_date(text).map_err(|reason| {
            InputError::BadDate { input: Input::Today, value: text.to_owned(), reason }.into()
        }),
        None => Ok(session_today),
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
    fn reports_wrap_at_the_terminal_width_and_at_most_100() {
        use super::Terminal;
        let width = |columns| Terminal { columns, ..Terminal::default() }.width();
        assert_eq!(width(Some(60)), 60);
        assert_eq!(width(Some(300)), 100, "wider terminals get readable lines");
        assert_eq!(width(Some(12)), 40, "a very narrow terminal still gets a usable column");
        assert_eq!(width(None), 100, "into a file or a pipe: the same everywhere");
        assert_eq!(width(Some(0)), 100);
    }

    #[test]
    fn a_terminal_60_columns_wide_gets_lines_of_60() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let terminal = super::Terminal { columns: Some(60), ..super::Terminal::default() };
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/in-progress");
        for command in ["check", "status", "standards"] {
            out.clear();
            let args = ["pqs", command, example, "--today", "2027-03-02"];
            let args = if command == "standards" { &args[..3] } else { &args[..] };
            assert_eq!(super::run(args, &mut out, &mut err, terminal), super::SUCCESS);
            let text = String::from_utf8(out.clone()).expect("UTF-8");
            // Only what cannot be cut is longer: a path (a finding's place too), a command in
            // backticks, the bar.
            for line in text.lines().filter(|l| l.chars().count() > 60) {
                let cannot_cut = line.trim().split(' ').count() == 1
                    || line.trim_start().starts_with("--> ")
                    || line.contains(" `")
                    || line.contains('─')
                    || line.contains("done late");
                assert!(cannot_cut, "{command}: {line:?} in\n{text}");
            }
        }
    }

    #[test]
    fn arguments_are_consistent() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn an_error_names_its_cause_once() {
        let source = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "File exists");
        let error = crate::error::Error::Write { path: "out/x.json".into(), source };
        let error = anyhow::Error::from(error).context("could not make the report");
        assert_eq!(
            super::chain(&error),
            "could not make the report: could not write `out/x.json`: File exists"
        );
    }
}
