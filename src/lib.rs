//! `pqs` keeps a practice supervisor's PQS portfolio as plain text in git.
//!
//! Data flows one way, one stage per module ([`check`] runs them in order):
//! [`portfolio`] loads (finds `pqs.yaml`, the framework, the templates and the record files, and
//! reads a record's front-matter into fields), [`rules`] judges each record and the records
//! together, [`coverage`] and [`pathway`] set them against the [`framework`] and the year, and
//! [`report`] or [`render`] draws the outcome. [`check::record`] checks one record's text in
//! memory. Nothing here prints: [`cli`] writes to the streams it is given. `ARCHITECTURE.md`
//! gives the layers and what each may use.

pub mod check;
pub mod cli;
pub mod cohort;
pub mod coverage;
pub mod diagnostic;
pub mod error;
pub mod framework;
mod git;
pub mod keys;
pub mod lock;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod pathway;
pub mod portfolio;
pub mod privacy;
pub mod problem;
pub mod read;
pub mod render;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod signoff;
mod suggest;
pub mod templates;
#[cfg(test)]
mod testing;
pub mod text;
pub mod typeset;
pub mod write;
pub mod xml;
pub mod yaml;

pub use error::Error;
