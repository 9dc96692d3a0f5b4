//! The checks of a record's own fields: the required ones, the type, the date, the draft flag, the
//! fields each type has, and the id.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;

use super::{Checker, Record};
use crate::diagnostic::Span;
use crate::model::{MAX_PDF_BODY, RecordType};
use crate::portfolio::parse::FIELDS;
use crate::problem::Problem;
use crate::suggest;
use crate::yaml::locate::Place;
use crate::yaml::values::{parse_bool, parse_date};

impl Checker<'_, '_> {
    pub(super) fn record(&mut self, path: &Path, body: Range<usize>, body_line: usize) -> Record {
        self.unknown_and_repeated();
        let title = self.required(
            "title",
            "title: Group supervision with the duty team",
            "every record needs a title",
        );
        let record_type = self.record_type();
        let date = self.date();
        let draft = self.draft();
        let (kind, observer, setting) = self.type_specific(record_type);
        let references = self.references(record_type);
        let (id, id_span) = self.id(path);
        let attachments = self.attachments(path);
        self.images_shown(path, &self.source.text[body.clone()], body_line);
        let signoff = self.signoff(&self.source.text[body.clone()], date, observer.as_deref());
        let fence_end = self.source.text[..body.start].trim_end().len();
        if body.len() > MAX_PDF_BODY {
            let problem = Problem::LargeForPdf { size: body.len() };
            self.found.push(self.source.at_range(&problem, fence_end.saturating_sub(3)..fence_end));
        }
        if !draft && self.source.text[body.clone()].trim().is_empty() {
            // Point at the closing `---`, the line just before the body.
            let problem = Problem::EmptyBody;
            self.found.push(self.source.at_range(&problem, fence_end.saturating_sub(3)..fence_end));
        }
        Record {
            id,
            id_span,
            file: self.source.path.to_owned(),
            title,
            record_type,
            date,
            kind,
            observer,
            setting,
            draft,
            references,
            tags: self.fields.list("tags").map(<[String]>::to_vec).unwrap_or_default(),
            attachments,
            signoff,
            body: String::new(),
            body_line: 0,
            allowances: Vec::new(),
            files: BTreeMap::new(),
        }
    }

    pub(super) fn unknown_and_repeated(&mut self) {
        let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        for (field, _) in &self.fields.unknown {
            let problem =
                |suggestion| Problem::UnknownField { field: field.clone(), place: "a record", suggestion };
            // The nearest field is looked for only for a finding that is kept.
            self.found.add(&problem(None), || {
                self.source.at(&problem(suggest::nearest(field, &names)), &[Place::Key(field)])
            });
        }
        self.found.extend(self.source.repeated_fields(self.fields));
    }

    /// A required single value: reported when missing or blank.
    pub(super) fn required(
        &mut self,
        name: &'static str,
        example: &'static str,
        why: &str,
    ) -> Option<String> {
        let value = self.text(name);
        if value.is_none() {
            if self.fields.get(name).is_some() {
                self.report(Problem::EmptyField { field: name }, &[Place::Value(name), Place::Key(name)]);
            } else {
                let problem = Problem::MissingField { field: name, why: why.to_owned(), example };
                self.report(problem, &[]);
            }
        }
        value
    }

    pub(super) fn record_type(&mut self) -> Option<RecordType> {
        let written = self.required("type", "type: reflection", "it says what kind of evidence this is")?;
        let record_type = RecordType::from_name(&written);
        if record_type.is_none() {
            let problem = Problem::UnknownType {
                suggestion: suggest::nearest(&written, &RecordType::NAMES),
                value: written,
            };
            self.report(problem, &[Place::Value("type")]);
        }
        record_type
    }

    pub(super) fn date(&mut self) -> Option<Date> {
        let written = self.required("date", "date: 2026-03-02", "every record is dated")?;
        match parse_date(&written) {
            Ok(date) => {
                if date > self.context.today {
                    let today = self.context.today.to_string();
                    self.report(Problem::FutureDate { value: written, today }, &[Place::Value("date")]);
                }
                Some(date)
            }
            Err(reason) => {
                let problem = Problem::InvalidDate { field: "date".to_owned(), value: written, reason };
                self.report(problem, &[Place::Value("date")]);
                None
            }
        }
    }

    pub(super) fn draft(&mut self) -> bool {
        let Some(written) = self.text("draft") else { return false };
        parse_bool(&written).unwrap_or_else(|| {
            self.report(Problem::InvalidBool { field: "draft", value: written }, &[Place::Value("draft")]);
            false
        })
    }

    pub(super) fn type_specific(
        &mut self,
        record_type: Option<RecordType>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let kind = self.kind(record_type);
        let is_observation = record_type == Some(RecordType::Observation);
        let observer = if is_observation {
            self.required("observer", "observer: Sam Patel (mentor)", "say who observed, by name or role")
        } else {
            self.not_allowed("observer", record_type, "observations")
        };
        let setting = if is_observation {
            self.text("setting")
        } else {
            self.not_allowed("setting", record_type, "observations")
        };
        (kind, observer, setting)
    }

    /// Report `name` if it is given on a type that does not take it.
    pub(super) fn not_allowed(
        &mut self,
        name: &'static str,
        record_type: Option<RecordType>,
        allowed_on: &'static str,
    ) -> Option<String> {
        if let (Some(record_type), Some(_)) = (record_type, self.fields.get(name)) {
            let problem =
                Problem::FieldNotAllowed { field: name, record_type: record_type.as_str(), allowed_on };
            self.report(problem, &[Place::Key(name)]);
        }
        None
    }

    pub(super) fn kind(&mut self, record_type: Option<RecordType>) -> Option<String> {
        let record_type = record_type?;
        let kinds = record_type.kinds();
        if kinds.is_empty() {
            return self.not_allowed("kind", Some(record_type), "observations and feedback");
        }
        let why = format!("a record of type `{record_type}` needs one: {}", kinds.join(", "));
        let example =
            if record_type == RecordType::Observation { "kind: formative" } else { "kind: supervisee" };
        let written = self.required("kind", example, &why)?;
        if kinds.contains(&written.as_str()) {
            return Some(written);
        }
        let problem = Problem::InvalidValue {
            field: "kind".to_owned(),
            suggestion: suggest::nearest(&written, kinds),
            value: written,
            allowed: kinds.to_vec(),
        };
        self.report(problem, &[Place::Value("kind")]);
        None
    }

    pub(super) fn id(&mut self, path: &Path) -> (String, Option<Span>) {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(written) = self.text("id") else { return (stem, None) };
        let span =
            self.source.locations().find(Place::Value("id")).map(|r| Span::in_text(self.source.text, r));
        let valid =
            written.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if !valid {
            self.report(Problem::InvalidId { value: written.clone() }, &[Place::Value("id")]);
        }
        (written, span)
    }
}
