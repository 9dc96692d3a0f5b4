//! Reading front-matter YAML into the fields a shape asks for: [`fields`] reads strict raw values
//! with their paths, [`values`] turns text into dates and booleans, and [`locate`] finds where a
//! field or an item is written, for a finding's underline, and [`set`] changes one field in place. It uses nothing else of the crate.

pub mod fields;
pub mod locate;
pub mod set;
pub mod values;
