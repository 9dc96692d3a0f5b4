//! The check of a record's `standards`: each entry a standard or statement of the framework, given
//! once.

use super::{Checker, Reference};
use crate::framework::Resolved;
use crate::model::RecordType;
use crate::problem::Problem;
use crate::yaml::locate::Place;

impl Checker<'_, '_> {
    pub(super) fn references(&mut self, record_type: Option<RecordType>) -> Vec<Reference> {
        let needed = record_type.is_some_and(RecordType::needs_standards);
        let Some(items) = self.fields.list("standards") else {
            if needed && self.fields.get("standards").is_none() {
                let why = format!(
                    "say which standards this {} evidences",
                    record_type.map_or("record", RecordType::as_str)
                );
                let problem =
                    Problem::MissingField { field: "standards", why, example: "standards: [6.1, 6.2]" };
                self.report(problem, &[]);
            }
            return Vec::new();
        };
        if items.is_empty() && needed {
            self.report(
                Problem::EmptyField { field: "standards" },
                &[Place::Value("standards"), Place::Key("standards")],
            );
        }
        let framework = self.context.framework;
        let mut references: Vec<Reference> = Vec::new();
        // The standards and statements listed so far, each once: no more than the framework has.
        let mut listed: Vec<Resolved> = Vec::new();
        for (index, text) in items.iter().enumerate() {
            let place = [Place::Item("standards", index), Place::Value("standards")];
            let resolved = framework.resolve(text);
            let value = text.trim().to_owned();
            match resolved {
                Resolved::Invalid => self.report(Problem::InvalidReference { value }, &place),
                Resolved::UnknownStandard => {
                    let problem = Problem::UnknownStandard {
                        value,
                        framework: framework.id.clone(),
                        known: framework.standard_ids(),
                    };
                    self.report(problem, &place);
                }
                Resolved::Unlisted(s) => {
                    let standard = &framework.standards[s];
                    let problem = Problem::UnknownStatement {
                        value,
                        standard: standard.id.clone(),
                        list_complete: standard.statements_complete,
                    };
                    self.report(problem, &place);
                }
                Resolved::Standard(_) | Resolved::Statement(..) => {
                    if listed.contains(&resolved) {
                        self.report(Problem::DuplicateReference { value }, &place);
                    } else {
                        listed.push(resolved);
                    }
                }
            }
            references.push(Reference { text: text.trim().to_owned(), resolved });
        }
        references
    }
}
