//! What a record template (`new/<type>.md.tera`) is given, and the record's text made from it.

use serde::Serialize;

use crate::error::Error;
use crate::framework::Framework;
use crate::model::RecordType;
use crate::templates::Templates;

/// A record ready to be written: every required value present and valid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewRecord {
    /// The record type.
    pub record_type: RecordType,
    /// Its title.
    pub title: String,
    /// Its date.
    pub date: String,
    /// Its kind, for observations and feedback.
    pub kind: Option<String>,
    /// Who observed, for observations.
    pub observer: Option<String>,
    /// Where, for observations.
    pub setting: Option<String>,
    /// Standards and statements, as written.
    pub standards: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// The record's text, from its template.
pub fn render(record: &NewRecord, templates: &Templates, framework: &Framework) -> Result<String, Error> {
    templates.render(&template_name(record.record_type), &context(record, framework))
}

/// What a record's template is given.
pub fn context(record: &NewRecord, framework: &Framework) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("title", &record.title);
    context.insert("record_type", record.record_type.as_str());
    context.insert("date", &record.date);
    context.insert("kind", &record.kind);
    context.insert("observer", &record.observer);
    context.insert("setting", &record.setting);
    context.insert("standards", &record.standards);
    context.insert("tags", &record.tags);
    context.insert("framework", framework);
    context
}

/// The template for a record type.
pub fn template_name(record_type: RecordType) -> String {
    format!("new/{record_type}.md.tera")
}
