//! `pqs status [PATH]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::{SUCCESS, Session, default_path, today};
use crate::check::{CheckOptions, check};
use crate::error::Error;
use crate::report::status;

/// Arguments of `pqs status`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  pqs status\n  pqs status examples/sample-portfolio --today 2026-06-01")]
pub struct StatusArgs {
    /// The portfolio, or any folder or file inside it.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// See the year as on this date (YYYY-MM-DD) instead of today; `PQS_TODAY` does the same.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

pub(super) fn run(args: &StatusArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let today = today(args.today.as_deref(), session.today)?;
    let outcome = check(&args.path, &CheckOptions { today, complete: false, bodies: false })?;
    let Some(pathway) = &outcome.pathway else {
        return Err(Error::NoStartDate { portfolio: outcome.name.clone() }.into());
    };
    let candidate = outcome.portfolio.manifest.candidate.as_deref().unwrap_or("(no candidate named)");
    let text = status::render(pathway, candidate, color, session.width);
    session.out.write_all(text.as_bytes()).context("could not write the report")?;
    Ok(SUCCESS)
}
