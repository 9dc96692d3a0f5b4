//! Drawing the outcome of a check: [`human`] for people, [`json`] for programs, [`signoffs`] for
//! `pqs sign --verify` and `pqs diff-signed`.

pub mod human;
pub mod json;
pub mod signoffs;
mod standards;

pub use standards::{standards_human, standards_json};
