//! The check across records: no two records of a portfolio with the same id.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::problem::Problem;
use crate::rules::Record;

/// Records whose ids collide: each later one is reported, naming the first.
pub fn duplicates(records: &[Record]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Record> = BTreeMap::new();
    let mut found = Vec::new();
    for record in records {
        match first.get(record.id.as_str()) {
            Some(earlier) => {
                let problem = Problem::DuplicateId { id: record.id.clone(), other: earlier.file.clone() };
                found.push(Diagnostic::new(&problem, Some(&record.file), record.id_span.clone()));
            }
            None => {
                first.insert(&record.id, record);
            }
        }
    }
    found
}
