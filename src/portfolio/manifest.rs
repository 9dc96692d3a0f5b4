//! `pqs.yaml`: who the portfolio belongs to, which framework it uses, where its records are.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Span};
use crate::error::Error;
use crate::framework::DEFAULT_FRAMEWORK;
use crate::portfolio::fields::{self, Field, Meaning, ReadError, Shape};
use crate::portfolio::locate::{self, Place};
use crate::portfolio::source::Source;
use crate::portfolio::values::parse_date;
use crate::problem::Problem;
use crate::suggest;

/// The manifest's file name.
pub const FILE_NAME: &str = "pqs.yaml";

/// The evidence folder when `pqs.yaml` names none.
pub const DEFAULT_EVIDENCE: &str = "evidence";

/// The fields `pqs.yaml` must have.
pub const REQUIRED: &[&str] = &["candidate", "mentor", "started"];

/// The fields of `pqs.yaml`.
pub const FIELDS: &[Field] = &[
    Field::new("candidate", Shape::Text, Meaning::Text, "The practice supervisor whose portfolio this is."),
    Field::new("mentor", Shape::Text, Meaning::Text, "Their mentor."),
    Field::new("line_manager", Shape::Text, Meaning::Text, "Their line manager; ideally not the mentor."),
    Field::new("organisation", Shape::Text, Meaning::Text, "Their organisation."),
    Field::new(
        "framework",
        Shape::Text,
        Meaning::Text,
        "A built-in framework id (pqs-asc-2018, the default) or the path of a framework file, relative to pqs.yaml.",
    ),
    Field::new("started", Shape::Text, Meaning::Date, "The day the pathway began, YYYY-MM-DD."),
    Field::new(
        "evidence",
        Shape::Text,
        Meaning::Text,
        "The folder that holds the records (default: evidence).",
    ),
];
/// What `pqs.yaml` says. Missing required values are reported and left as `None`.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// The practice supervisor whose portfolio it is.
    pub candidate: Option<String>,
    /// Their mentor.
    pub mentor: Option<String>,
    /// Their line manager.
    pub line_manager: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
    /// A built-in framework id or a path relative to `pqs.yaml`.
    pub framework: String,
    /// The day the pathway began.
    pub started: Option<Date>,
    /// The folder that holds the records, relative to `pqs.yaml`.
    pub evidence: String,
    /// Where the value of `evidence:` is written, for pointing at it.
    evidence_span: Option<Span>,
}

impl Manifest {
    /// The finding for an evidence folder that does not exist.
    pub fn evidence_missing(&self) -> Diagnostic {
        let problem = Problem::EvidenceFolderMissing { folder: self.evidence.clone() };
        Diagnostic::new(&problem, Some(FILE_NAME), self.evidence_span.clone())
    }
}

/// The folder holding the nearest `pqs.yaml` at or above `start`.
pub fn find(start: &Path) -> Result<PathBuf, Error> {
    let absolute =
        start.canonicalize().map_err(|source| Error::Read { path: start.to_path_buf(), source })?;
    let mut folder = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
    while let Some(dir) = folder {
        if dir.join(FILE_NAME).is_file() {
            return Ok(dir.to_path_buf());
        }
        folder = dir.parent();
    }
    Err(Error::NoManifest { start: start.to_path_buf() })
}

/// Read and check `pqs.yaml` in `root`.
pub fn read(root: &Path) -> Result<(Manifest, Vec<Diagnostic>), Error> {
    let path = root.join(FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::Manifest {
        path: path.clone(),
        line: None,
        message: "it is not UTF-8 text".to_owned(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fields = fields::read(text, 1, FIELDS).map_err(|e| match e {
        ReadError::Yaml(e) => Error::Manifest {
            path: path.clone(),
            line: e.line,
            message: Problem::from_yaml(e.field.as_deref(), &e.message).message(),
        },
        ReadError::NotAMapping(kind) => Error::Manifest {
            path: path.clone(),
            line: None,
            message: format!("it should be `field: value` lines, but it is {kind}"),
        },
    })?;
    let source =
        Source { path: FILE_NAME, text, locations: locate::locate(text, 0..text.len()), fallback: 0..0 };
    let mut diagnostics = Vec::new();
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    for (field, _) in &fields.unknown {
        let problem = Problem::UnknownField {
            field: field.clone(),
            place: "`pqs.yaml`",
            suggestion: suggest::nearest(field, &names),
        };
        diagnostics.push(source.at(&problem, &[Place::Key(field)]));
    }
    for field in &fields.repeated {
        diagnostics
            .push(source.at(&Problem::DuplicateField { field: (*field).to_owned() }, &[Place::Key(field)]));
    }
    let value = |name: &str| fields.given(name);
    let mut require = |name: &'static str, example: &'static str, why: &str| {
        let found = value(name);
        if found.is_none() {
            let problem = Problem::MissingField { field: name, why: why.to_owned(), example };
            diagnostics.push(source.at(&problem, &[Place::Key(name)]));
        }
        found
    };
    let candidate = require("candidate", "candidate: Alex Morgan", "whose portfolio is this?");
    let mentor = require("mentor", "mentor: Sam Patel", "every supervisor on the pathway has a mentor");
    let started_text = require("started", "started: 2026-01-12", "the day the pathway began");
    let line_manager = value("line_manager");
    let organisation = value("organisation");
    let framework = value("framework").unwrap_or_else(|| DEFAULT_FRAMEWORK.to_owned());
    let evidence = value("evidence").unwrap_or_else(|| DEFAULT_EVIDENCE.to_owned());
    let started = started_text.and_then(|value| match parse_date(&value) {
        Ok(date) => Some(date),
        Err(reason) => {
            let problem = Problem::InvalidDate { field: "started".to_owned(), value, reason };
            diagnostics.push(source.at(&problem, &[Place::Value("started"), Place::Key("started")]));
            None
        }
    });
    if let (Some(m), Some(l)) = (&mentor, &line_manager)
        && m.eq_ignore_ascii_case(l)
    {
        let problem = Problem::MentorIsLineManager { name: m.clone() };
        diagnostics.push(source.at(&problem, &[Place::Value("line_manager")]));
    }
    let evidence_span = source.locations.find(Place::Value("evidence")).map(|r| Span::in_text(text, r));
    let manifest = Manifest {
        candidate,
        mentor,
        line_manager,
        organisation,
        framework,
        started,
        evidence,
        evidence_span,
    };
    Ok((manifest, diagnostics))
}
