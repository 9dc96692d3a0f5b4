//! `pqs check [PATH]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{FAILURE, Format, SUCCESS, Session, default_path, today};
use crate::check::{CheckOptions, check};
use crate::diagnostic::Severity;
use crate::report::{human, json};

/// Arguments of `pqs check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs check\n  pqs check --complete --deny warnings\n  pqs check supervisors/ --format json"
)]
pub struct CheckArgs {
    /// The portfolio, or any folder or file inside it; or a folder of portfolios (a cohort),
    /// each checked.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also fail while any requirement is unmet or any standard lacks evidence (for submission).
    #[arg(long)]
    pub complete: bool,
    /// Fail on warnings too.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Vec<Deny>,
    /// Check as if today were this date (YYYY-MM-DD): dates after it are warned about, and what
    /// was due before it; `PQS_TODAY` does the same.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// What `--deny` can make fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings.
    Warnings,
}

pub(super) fn run(args: &CheckArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let today = today(args.today.as_deref(), session.today)?;
    let options = CheckOptions { today, complete: args.complete };
    if let Some(root) = super::cohort::root(&args.path) {
        return super::cohort::run(&root, args, &options, color, session);
    }
    let outcome = check(&args.path, &options)?;
    let text = match args.format {
        Format::Human => human::render(&outcome, human::Options { color }),
        Format::Json => json::render(&outcome),
    };
    session.out.write_all(text.as_bytes()).context("could not write the report")?;
    let fails = outcome.count(Severity::Error) > 0
        || (args.deny.contains(&Deny::Warnings) && outcome.count(Severity::Warning) > 0);
    Ok(if fails { FAILURE } else { SUCCESS })
}
