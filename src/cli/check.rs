//! `pqs check [PATH]`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{FAILURE, SUCCESS, Session, default_path, today};
use crate::check::{CheckOptions, check};
use crate::model::Severity;
use crate::paths::{relative, slashed};
use crate::report::{Checked, github, gitlab, human, json, junit, sarif};
use crate::write;

/// Arguments of `pqs check`.
#[derive(Debug, Args)]
#[command(
    after_help = "A portfolio can lower (or raise) the severity of an anonymisation check in `pqs.yaml`, \
                  for example `privacy: {severity: {privacy-nhs-number: warning}}`.\n\n\
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

pub(super) fn run(args: &CheckArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let today = today(args.today.as_deref(), session.today)?;
    let options = CheckOptions { today, complete: args.complete, bodies: false };
    if let Some(root) = super::cohort::root(&args.path) {
        return super::cohort::run(&root, args, &options, color, session);
    }
    let outcome = check(&args.path, &options)?;
    let base = base(&outcome.portfolio.root);
    let checked = Checked { outcome: &outcome, base: &base };
    emit(args, color, session, |format, color| report(format, checked, color))?;
    Ok(status(args, outcome.count(Severity::Error), outcome.count(Severity::Warning)))
}

/// Write the report of `--format` made by `render` to standard output, or to `--output` with the
/// report for people on standard output.
pub(super) fn emit(
    args: &CheckArgs,
    color: bool,
    session: &mut Session<'_>,
    render: impl Fn(CheckFormat, bool) -> String,
) -> anyhow::Result<()> {
    let text = match &args.output {
        Some(file) => {
            write::replace(file, render(args.format, false).as_bytes())?;
            render(CheckFormat::Human, color)
        }
        None => render(args.format, color),
    };
    session.out.write_all(text.as_bytes()).context("could not write the report")
}

/// The exit status for `errors` and `warnings`: failure on an error, or on a warning with
/// `--deny warnings`.
pub(super) fn status(args: &CheckArgs, errors: usize, warnings: usize) -> u8 {
    let fails = errors > 0 || (args.deny.contains(&Deny::Warnings) && warnings > 0);
    if fails { FAILURE } else { SUCCESS }
}

/// The report of `checked` in `format`.
pub(super) fn report(format: CheckFormat, checked: Checked<'_>, color: bool) -> String {
    match format {
        CheckFormat::Human => human::render(checked.outcome, human::Options { color }),
        CheckFormat::Json => json::render(checked.outcome),
        CheckFormat::Github => github::render(&[checked]),
        CheckFormat::Gitlab => gitlab::render(&[checked], &[]),
        CheckFormat::Junit => junit::render(&[checked], &[]),
        CheckFormat::Sarif => sarif::render(&[checked], &[]),
    }
}

/// The portfolio's folder as CI reports name it: from the current folder (`../` from a folder
/// inside it), with `/` between parts and at the end; empty for the current folder itself.
pub(super) fn base(root: &Path) -> String {
    let here = std::env::current_dir().ok().and_then(|d| dunce::canonicalize(d).ok());
    let depth = here.as_deref().and_then(|here| here.strip_prefix(root).ok()).map(|p| p.components().count());
    let mut base = match depth {
        Some(depth) => "../".repeat(depth),
        None => here.as_deref().map_or_else(|| slashed(root), |here| relative(here, root)),
    };
    if !base.is_empty() && !base.ends_with('/') {
        base.push('/');
    }
    base
}
