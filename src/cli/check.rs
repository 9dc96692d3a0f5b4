//! `pqs check [PATH]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::cohort::{self, Output};
use super::{CANNOT_RUN, FAILURE, SUCCESS, Session, default_path, today};
use crate::check::{CheckOptions, check};
use crate::model::Severity;
use crate::report::{self, Checked, Format, Options, Run};
use crate::write;

/// Arguments of `pqs check`.
#[derive(Debug, Args)]
#[command(
    after_help = "The anonymisation checks: privacy-nhs-number, privacy-ni-number, privacy-date-of-birth and \
                  privacy-case-reference (errors); privacy-postcode, privacy-email, privacy-phone, \
                  privacy-name-title, privacy-name, privacy-address, privacy-place, \
                  privacy-partial-date-of-birth and privacy-age-place (warnings). A portfolio can lower (or \
                  raise) the severity of each in `pqs.yaml`, for example \
                  `privacy: {severity: {privacy-nhs-number: warning}}`, and list the invented names it \
                  uses under `privacy: {pseudonyms: [...]}`.\n\n\
                  Examples:\n  pqs check\n  pqs check --complete --deny warnings\n  pqs check supervisors/ --format json"
)]
pub struct CheckArgs {
    /// The portfolio, or any folder or file inside it; or a folder of portfolios (a cohort),
    /// each checked.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the report of `--format` to this file instead (whole or not at all), and the report
    /// for people to standard output: one run for CI and for the person reading its log.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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

/// The reports `pqs check` can write: those of the other commands, and those CI services read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For people.
    Human,
    /// For programs: one JSON document.
    Json,
    /// GitHub Actions: an annotation on the file and line of each finding.
    Github,
    /// GitLab Code Quality: the findings on their files and lines in merge requests.
    Gitlab,
    /// JUnit XML, for the test reports of GitLab and Jenkins.
    Junit,
    /// SARIF 2.1.0, for GitHub code scanning and other code-analysis viewers.
    Sarif,
}

/// What `--deny` can make fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings.
    Warnings,
}

impl From<CheckFormat> for Format {
    fn from(format: CheckFormat) -> Format {
        match format {
            CheckFormat::Human => Format::Human,
            CheckFormat::Json => Format::Json,
            CheckFormat::Github => Format::Github,
            CheckFormat::Gitlab => Format::Gitlab,
            CheckFormat::Junit => Format::Junit,
            CheckFormat::Sarif => Format::Sarif,
        }
    }
}

pub(super) fn run(args: &CheckArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let today = today(args.today.as_deref(), session.today)?;
    let options = CheckOptions { today, complete: args.complete, bodies: false };
    let output = Output { format: args.format.into(), file: args.output.as_deref(), color };
    if let Some(root) = cohort::root(&args.path) {
        let tally = cohort::run(&root, &options, &output, session)?;
        if tally.unchecked > 0 {
            return Ok(CANNOT_RUN);
        }
        return Ok(status(args, tally.errors, tally.warnings));
    }
    let outcome = check(&args.path, &options)?;
    super::templates::warn(&outcome.portfolio.templates, &outcome.portfolio.root, session.err);
    let base = report::base(&outcome.portfolio.root);
    let run = Run::Portfolio(Checked { outcome: &outcome, base: &base });
    let mut text = Vec::new();
    if let Some(file) = output.file {
        report::write(output.format, run, Options { color: false, width: session.width }, &mut text)?;
        write::replace(file, &text)?;
        text.clear();
        report::write(Format::Human, run, Options { color, width: session.width }, &mut text)?;
    } else {
        report::write(output.format, run, Options { color, width: session.width }, &mut text)?;
    }
    session.out.write_all(&text).context("could not write the report")?;
    Ok(status(args, outcome.count(Severity::Error), outcome.count(Severity::Warning)))
}

/// The exit status for `errors` and `warnings`: failure on an error, or on a warning with
/// `--deny warnings`.
fn status(args: &CheckArgs, errors: usize, warnings: usize) -> u8 {
    let fails = errors > 0 || (args.deny.contains(&Deny::Warnings) && warnings > 0);
    if fails { FAILURE } else { SUCCESS }
}
