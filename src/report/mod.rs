//! Drawing the outcome of a check: [`human`] for people, [`json`] for programs, [`github`],
//! [`gitlab`], [`junit`] and [`sarif`] for CI services, [`signoffs`] for `pqs sign --verify` and
//! `pqs diff-signed`.

pub mod cohort;
pub mod cohort_page;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod signoffs;
mod standards;
pub mod status;

pub use standards::{standards_human, standards_json};

use crate::check::Outcome;
use crate::error::Error;

/// A portfolio of a cohort that could not be checked at all: the CI reports name it too.
#[derive(Clone, Copy, Debug)]
pub struct Unchecked<'a> {
    /// Its folder, relative to the cohort's folder, with `/`.
    pub folder: &'a str,
    /// Its folder from where `pqs` runs, ending in `/`, or empty, as [`Checked::base`]: for
    /// reports that must name a file of it.
    pub base: &'a str,
    /// Why it could not be checked.
    pub error: &'a Error,
}

impl Unchecked<'_> {
    /// The message the reports give.
    pub fn message(&self) -> String {
        format!("this portfolio could not be checked: {}", self.error)
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
