//! The writing of a finished record: prompts from the template left in it, and sections its
//! template asks for that have no text. The sections are those of each type's template, rendered
//! with sample values.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::framework::Framework;
use crate::markdown;
use crate::model::RecordType;
use crate::portfolio::front_matter;
use crate::problem::Problem;
use crate::templates::Templates;
use crate::templates::record::{NewRecord, context, template_name};

/// The headings each record type's template asks for.
pub type Sections = BTreeMap<RecordType, Vec<String>>;

impl Checker<'_, '_> {
    /// Prompts left in the text, and sections the template asks for that have no text.
    pub(super) fn writing(
        &mut self,
        record_type: Option<RecordType>,
        body: &markdown::Reading<'_, '_>,
        body_line: usize,
    ) {
        let outline = markdown::outline_of(body.root(), body_line);
        for prompt in &outline.prompts {
            self.found.push(self.source.at_line_byte(&Problem::UnansweredPrompt, prompt.line, prompt.column));
        }
        let required = record_type.and_then(|t| self.context.sections.get(&t));
        for heading in &outline.headings {
            let asked_for = required.is_some_and(|r| r.contains(&heading.text));
            if asked_for && !heading.has_text && !heading.has_prompt {
                let problem = Problem::EmptySection { heading: heading.text.clone() };
                self.found.push(self.source.at_line_byte(&problem, heading.line, heading.column));
            }
        }
    }
}

/// The headings each type's template asks for: the template rendered with sample values, and
/// the headings of its body. For the built-in templates they are worked out once per framework
/// in a run, however many portfolios of a cohort use them.
pub fn sections(templates: &Templates, framework: &Framework) -> Result<Sections, Error> {
    static BUILT_IN: Mutex<Vec<(Framework, Sections)>> = Mutex::new(Vec::new());
    if !templates.is_built_in() {
        return sections_of(templates, framework);
    }
    let known = BUILT_IN
        .lock()
        .ok()
        .and_then(|known| known.iter().find(|(f, _)| f == framework).map(|(_, sections)| sections.clone()));
    if let Some(sections) = known {
        return Ok(sections);
    }
    let sections = sections_of(templates, framework)?;
    if let Ok(mut known) = BUILT_IN.lock() {
        known.push((framework.clone(), sections.clone()));
    }
    Ok(sections)
}

fn sections_of(templates: &Templates, framework: &Framework) -> Result<Sections, Error> {
    let jobs: Vec<(String, tera::Context)> = RecordType::ALL
        .into_iter()
        .map(|record_type| {
            let sample = NewRecord {
                record_type,
                title: "Sample".to_owned(),
                date: "2026-01-01".to_owned(),
                kind: record_type.kinds().first().map(|k| (*k).to_owned()),
                observer: Some("Observer".to_owned()),
                setting: Some("Setting".to_owned()),
                standards: framework.standards.iter().take(1).map(|s| s.id.clone()).collect(),
                tags: Vec::new(),
            };
            (template_name(record_type), context(&sample, framework))
        })
        .collect();
    // All at once: a portfolio's own templates are rendered by one other process.
    let texts = templates.render_all(&jobs)?;
    let mut sections = Sections::new();
    for (record_type, text) in RecordType::ALL.into_iter().zip(texts) {
        let body = match front_matter::split(text.as_bytes()) {
            Ok(split) => split.body().to_owned(),
            Err(_) => text.clone(),
        };
        let headings = markdown::outline(&body, 1).headings.into_iter().map(|h| h.text).collect();
        sections.insert(record_type, headings);
    }
    Ok(sections)
}

/// The sections of each record type, from the record templates. A portfolio's own template that
/// fails or goes over its budget when rendered is a finding at the template, and then no
/// record's sections are checked: the rest of the check goes on.
pub fn for_portfolio(
    root: &Path,
    templates: &Templates,
    framework: &Framework,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Sections, Error> {
    match sections(templates, framework) {
        Ok(sections) => Ok(sections),
        Err(Error::Template { file, line, message }) if file.starts_with(root) => {
            let at = line.map(|line| format!(" (line {line})")).unwrap_or_default();
            // The help that follows the message is the finding's own.
            let reason = message.split("\n  help:").next().unwrap_or_default();
            let problem = Problem::TemplateUnusable { reason: format!("{reason}{at}") };
            let shown = crate::paths::relative(root, &file);
            diagnostics.push(Diagnostic::new(&problem, Some(&shown), None));
            Ok(Sections::new())
        }
        Err(error) => Err(error),
    }
}
