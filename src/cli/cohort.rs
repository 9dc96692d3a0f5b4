//! `pqs check` on a folder of portfolios, and the progress bar shown while they are checked.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::check::{CheckArgs, CheckFormat, base, emit, status};
use super::{CANNOT_RUN, Session};
use crate::check::CheckOptions;
use crate::cohort::{self, Cohort};
use crate::error::Error;
use crate::model::Severity;
use crate::portfolio::manifest;
use crate::report::cohort as report;
use crate::report::{Checked, Unchecked, github, gitlab, human, junit, sarif};

/// The folder to check as a cohort: `path`, when it is a folder with no `pqs.yaml` at or above
/// it. With no portfolio below it either, checking the cohort gives the same error as checking
/// one portfolio would.
pub(super) fn root(path: &Path) -> Option<PathBuf> {
    match manifest::find(path) {
        Err(Error::NoManifest { .. }) if path.is_dir() => Some(path.to_path_buf()),
        _ => None,
    }
}

/// Check the cohort under `root`, with a progress bar on a terminal.
pub(super) fn check(root: &Path, options: &CheckOptions, session: &Session<'_>) -> Result<Cohort, Error> {
    let show = session.progress;
    let progress = move |done: usize, total: usize| {
        if show {
            draw(done, total);
        }
    };
    let cohort = cohort::check_cohort(root, options, &progress);
    if show {
        // Clear the bar's line with spaces, which every console understands (the escape code
        // that erases a line is shown as it is by Windows' older consoles).
        let total = cohort.as_ref().map_or(0, |c| c.members.len());
        let blank = " ".repeat(bar(total, total).len());
        let _ = std::io::stderr().write_all(format!("\r{blank}\r").as_bytes());
    }
    cohort
}

/// The bar, drawn over itself on standard error.
fn draw(done: usize, total: usize) {
    let _ = std::io::stderr().write_all(format!("\r{}", bar(done, total)).as_bytes());
}

/// `[#########...........]   12/200 portfolios`.
fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH).min(WIDTH);
    format!("[{}{}] {done:>4}/{total} portfolios", "#".repeat(filled), ".".repeat(WIDTH - filled))
}

/// `pqs check` on the cohort under `root`.
pub(super) fn run(
    root: &Path,
    args: &CheckArgs,
    options: &CheckOptions,
    color: bool,
    session: &mut Session<'_>,
) -> anyhow::Result<u8> {
    let cohort = check(root, options, session)?;
    emit(args, color, session, |format, color| render(&cohort, format, color))?;
    if cohort.members.iter().any(|m| m.result.is_err()) {
        return Ok(CANNOT_RUN);
    }
    Ok(status(args, cohort.count(Severity::Error), cohort.count(Severity::Warning)))
}

/// The report of `cohort` in `format`: the cohort's own for people and programs, the CI formats
/// over every portfolio that could be checked.
fn render(cohort: &Cohort, format: CheckFormat, color: bool) -> String {
    let bases: Vec<String> = cohort.outcomes().map(|(_, o)| base(&o.portfolio.root)).collect();
    let checked: Vec<Checked<'_>> =
        cohort.outcomes().zip(&bases).map(|((_, outcome), base)| Checked { outcome, base }).collect();
    let failed: Vec<(&str, String, &Error)> = cohort
        .members
        .iter()
        .filter_map(|m| {
            m.result
                .as_ref()
                .err()
                .map(|error| (m.folder.as_str(), base(&cohort.root.join(&m.folder)), error))
        })
        .collect();
    let unchecked: Vec<Unchecked<'_>> =
        failed.iter().map(|(folder, base, error)| Unchecked { folder, base, error }).collect();
    match format {
        CheckFormat::Human => report::render(cohort, human::Options { color }),
        CheckFormat::Json => report::json(cohort),
        CheckFormat::Github => {
            let mut text = String::new();
            for portfolio in &unchecked {
                let message = github::data(&portfolio.message());
                text.push_str(&format!("::error title={}::{message}\n", github::property(portfolio.folder)));
            }
            text + &github::render(&checked)
        }
        CheckFormat::Gitlab => gitlab::render(&checked, &unchecked),
        CheckFormat::Junit => junit::render(&checked, &unchecked),
        CheckFormat::Sarif => sarif::render(&checked, &unchecked),
    }
}
