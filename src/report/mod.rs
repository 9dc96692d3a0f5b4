//! Drawing the outcome of a check: [`human`] for people, [`json`] for programs.

pub mod human;
pub mod json;
mod standards;

pub use standards::{standards_human, standards_json};
