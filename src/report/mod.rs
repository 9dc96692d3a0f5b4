//! Drawing the outcome of a check: [`human`] for people, [`json`] for programs, [`github`],
//! [`gitlab`], [`junit`] and [`sarif`] for CI services, [`signoffs`] for `pqs sign --verify` and
//! `pqs diff-signed`.
//!
//! A run of `pqs check` is reported through one entry point, [`write`], in a [`Format`]; a
//! cohort's report can also be written while it is checked, a portfolio at a time, through a
//! [`Stream`], which is what [`write`] uses for a cohort too.

pub mod cohort;
pub mod cohort_page;
pub mod endorsements;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
mod paint;
pub mod sarif;
pub mod signoffs;
mod standards;
pub mod status;
mod stream;
mod todo;

pub use human::Options;
pub use standards::{standards_human, standards_json};
pub use stream::{Head, Part};

use stream::Writer;

use std::io::{self, Write};
use std::path::Path;

use crate::check::Outcome;
use crate::cohort::Cohort;
use crate::paths::{relative, slashed};

/// The formats a run of `pqs check` can be reported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Human,
    /// For programs: one JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// SARIF 2.1.0.
    Sarif,
}

/// What a run of `pqs check` checked: one portfolio, or a cohort of them.
#[derive(Clone, Copy, Debug)]
pub enum Run<'a> {
    /// One portfolio.
    Portfolio(Checked<'a>),
    /// A cohort, every portfolio of it checked or not.
    Cohort(&'a Cohort),
}

/// Write the report of `run` in `format` to `out`.
pub fn write(format: Format, run: Run<'_>, options: Options, out: &mut dyn Write) -> io::Result<()> {
    match run {
        Run::Portfolio(checked) => out.write_all(portfolio(format, checked, options).as_bytes()),
        Run::Cohort(cohort) => {
            let root = base(&cohort.root);
            let head = Head {
                settings: &cohort.settings,
                diagnostics: &cohort.diagnostics,
                members: cohort.members.len(),
                base: &root,
            };
            let mut stream = Stream::new(format, head, options, out)?;
            for member in &cohort.members {
                let base = match &member.result {
                    Ok(outcome) => base(&outcome.portfolio.root),
                    Err(_) => base(&cohort.root.join(&member.folder)),
                };
                stream.portfolio(Part { member, base: &base }, out)?;
            }
            stream.finish(out)
        }
    }
}

/// The report of one portfolio in `format`.
fn portfolio(format: Format, checked: Checked<'_>, options: Options) -> String {
    match format {
        Format::Human => human::render(checked.outcome, options),
        Format::Json => json::render(checked.outcome),
        Format::Github => github::render(&[checked]),
        Format::Gitlab => gitlab::render(&[checked], &[]),
        Format::Junit => junit::render(&[checked], &[]),
        Format::Sarif => sarif::render(&[checked], &[]),
    }
}

/// A portfolio's folder as CI reports name it: from the current folder (`../` from a folder
/// inside it), with `/` between parts and at the end; empty for the current folder itself.
pub fn base(root: &Path) -> String {
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

/// A portfolio of a cohort that could not be checked at all: the CI reports name it too.
#[derive(Clone, Copy, Debug)]
pub struct Unchecked<'a> {
    /// Its folder, relative to the cohort's folder, with `/`.
    pub folder: &'a str,
    /// Its folder from where `pqs` runs, ending in `/`, or empty, as [`Checked::base`]: for
    /// reports that must name a file of it.
    pub base: &'a str,
    /// Why it could not be checked: the error's words.
    pub reason: &'a str,
}

impl Unchecked<'_> {
    /// The message the reports give.
    pub fn message(&self) -> String {
        format!("this portfolio could not be checked: {}", self.reason)
    }

    /// The path of a file of the portfolio (relative to it) from where `pqs` runs.
    pub fn path(&self, file: &str) -> String {
        format!("{}{file}", self.base)
    }
}

/// One portfolio of a run of `pqs check`, and where its folder is from where `pqs` runs: `base`
/// is that path with `/` between parts and a `/` at the end (empty for the current folder). CI
/// reports put it before each file, so that a file is named as the repository knows it.
#[derive(Clone, Copy, Debug)]
pub struct Checked<'a> {
    /// What the check found.
    pub outcome: &'a Outcome,
    /// The portfolio's folder from where `pqs` runs, ending in `/`, or empty.
    pub base: &'a str,
}

impl Checked<'_> {
    /// The path of a file of the portfolio (relative to it) from where `pqs` runs.
    pub fn path(&self, file: &str) -> String {
        format!("{}{file}", self.base)
    }
}

/// A cohort's report being written.
pub struct Stream<'h> {
    head: Head<'h>,
    writer: Box<dyn Writer>,
}

impl<'h> Stream<'h> {
    /// Start the report of the cohort `head` in `format`, writing its beginning to `out`.
    pub fn new(
        format: Format,
        head: Head<'h>,
        options: Options,
        out: &mut dyn Write,
    ) -> io::Result<Stream<'h>> {
        let mut writer: Box<dyn Writer> = match format {
            Format::Human => Box::new(cohort::Human::new(options)),
            Format::Json => Box::new(cohort::Json::default()),
            Format::Github => Box::new(github::Cohort::default()),
            Format::Gitlab => Box::new(gitlab::Cohort::default()),
            Format::Junit => Box::new(junit::Cohort::default()),
            Format::Sarif => Box::new(sarif::Cohort::default()),
        };
        writer.begin(&head, out)?;
        Ok(Stream { head, writer })
    }

    /// Write the part of the next portfolio, in the cohort's order.
    pub fn portfolio(&mut self, part: Part<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.writer.portfolio(&part, out)
    }

    /// Write the end of the report.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        self.writer.finish(&self.head, out)
    }
}
