//! `pqs report [PATH] --out FILE`: the cohort page for an organisation's lead.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::{SUCCESS, Session, default_path, shown, today};
use crate::check::CheckOptions;
use crate::report::cohort_page;
use crate::templates::Templates;
use crate::write;

/// Arguments of `pqs report`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs report portfolios/ --out cohort.html\n  pqs report --today 2027-01-15"
)]
pub struct ReportArgs {
    /// A folder of portfolios (a cohort), or one portfolio.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// Where to write the page (default: dist/cohort-report.html in the folder).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// See the pathway year as on this date (YYYY-MM-DD); `PQS_TODAY` does the same. The page
    /// says it was made on this date.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

pub(super) fn run(args: &ReportArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let today = today(args.today.as_deref(), session.today)?;
    let options = CheckOptions { today, complete: false, bodies: false };
    let cohort = super::cohort::check(&args.path, &options, session)?;
    let templates = Templates::load(Some(&cohort.root))?;
    super::templates::warn(&templates, &cohort.root, session.err);
    let html = cohort_page::html(&cohort, today, &templates)?;
    let out = args.out.clone().unwrap_or_else(|| cohort.root.join("dist").join("cohort-report.html"));
    write::replace(&out, html.as_bytes())?;
    writeln!(session.out, "{}", shown(&out)).context("could not write to the terminal")?;
    Ok(SUCCESS)
}
