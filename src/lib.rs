//! `pqs` keeps a practice supervisor's PQS portfolio as plain text in git.
//!
//! Data flows one way: [`portfolio::discover`] finds the record files, [`portfolio::front_matter`]
//! splits each one, [`portfolio::fields`] reads its YAML into strict raw values,
//! [`portfolio::record`] and [`check`] judge them, [`coverage`] sets the records against the
//! [`framework`], and [`report`] draws the result. Nothing here prints: [`cli`] writes to the
//! streams it is given.

pub mod check;
pub mod cli;
pub mod cohort;
pub mod coverage;
pub mod diagnostic;
pub mod error;
pub mod framework;
mod git;
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
