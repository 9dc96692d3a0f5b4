//! `pqs.yaml`: who the portfolio belongs to, which framework it uses, where its records are.

use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Span};
use crate::error::Error;
use crate::model::DEFAULT_FRAMEWORK;
use crate::portfolio::front_matter;
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::yaml::fields::{self, Field, Fields, Meaning, ReadError, Shape};
use crate::yaml::locate::Place;
use crate::yaml::values::parse_date;

mod privacy;
mod signing;

use privacy::privacy;
pub use privacy::{PRIVACY_FIELDS, PRIVACY_LEVELS, PRIVACY_SEVERITY_FIELDS, PrivacySettings};
pub use signing::{ROLE_FIELDS, SIGNING_FIELDS, SIGNING_LEVELS, SigningSettings, signing};

/// The manifest's file name.
pub const FILE_NAME: &str = "pqs.yaml";

/// The cohort file's name: a cohort's shared framework may be in the folder that holds it.
pub const COHORT_FILE_NAME: &str = "pqs-cohort.yaml";

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
    Field::new(
        "privacy",
        Shape::Group(PRIVACY_FIELDS),
        Meaning::Mapping,
        "How the anonymisation lint is set: texts to allow, a case-reference pattern, levels.",
    ),
    Field::new(
        "signing",
        Shape::Group(SIGNING_FIELDS),
        Meaning::Mapping,
        "How sign-offs are made: with keys or typed names, whose keys are whose, the mentor's endorsement.",
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
    /// How the anonymisation lint is set.
    pub privacy: PrivacySettings,
    /// How sign-offs are made (`signing:`).
    pub signing: SigningSettings,
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
    let absolute = dunce::canonicalize(start).map_err(Error::reading(start))?;
    let mut folder = if absolute.is_dir() { Some(absolute.as_path()) } else { absolute.parent() };
    while let Some(dir) = folder {
        // Anything but a folder: a pipe or a device is found, and then refused with a reason.
        if dir.join(FILE_NAME).metadata().is_ok_and(|meta| !meta.is_dir()) {
            return Ok(dir.to_path_buf());
        }
        folder = dir.parent();
    }
    let below = if absolute.is_dir() { portfolio_below(&absolute) } else { None };
    let below = below.map(|name| start.join(name)).map(|path| match path.strip_prefix(".") {
        Ok(inner) => inner.to_path_buf(),
        Err(_) => path,
    });
    Err(Error::NoManifest { start: start.to_path_buf(), below })
}

/// The name of the first folder of `dir` (by name; hidden ones aside) that holds a `pqs.yaml`.
fn portfolio_below(dir: &Path) -> Option<std::ffi::OsString> {
    let mut names: Vec<_> = dir
        .read_dir()
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| name.as_encoded_bytes().first() != Some(&b'.'))
        .filter(|name| dir.join(name).join(FILE_NAME).is_file())
        .collect();
    names.sort();
    names.into_iter().next()
}

/// The text of a settings file (`pqs.yaml`, `pqs-cohort.yaml`) without a byte-order mark, and
/// its fields read as `shapes`; or why it cannot be used at all, with the line where known.
pub fn read_file(path: &Path, shapes: &'static [Field]) -> Result<(String, Fields), Error> {
    let unusable = |line, message| Error::Manifest { path: path.to_path_buf(), line, message };
    let bytes = crate::read::ordinary(path).map_err(Error::reading(path))?;
    let text = String::from_utf8(bytes).map_err(|_| unusable(None, "it is not UTF-8 text".to_owned()))?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    let fields = fields::read(&text, 1, shapes).map_err(|e| match e {
        ReadError::Yaml(e) => {
            // The parser gives no place for a control character: its line is found here.
            let control =
                front_matter::first_control(&text).filter(|_| e.message.contains("control characters"));
            let line = control.map(|at| text[..at].matches('\n').count() + 1).or(e.line);
            unusable(line, Problem::from_yaml(e.field.as_deref(), &e.message).message())
        }
        ReadError::NotAMapping(kind) => {
            unusable(None, format!("it should be `field: value` lines, but it is {kind}"))
        }
    })?;
    Ok((text, fields))
}

/// Read and check `pqs.yaml` in `root`.
pub fn read(root: &Path) -> Result<(Manifest, Vec<Diagnostic>), Error> {
    let (text, fields) = read_file(&root.join(FILE_NAME), FIELDS)?;
    let text = text.as_str();
    let source = Source::new(FILE_NAME, text, 0..text.len(), 0..0);
    let mut diagnostics = source.unknown_fields(&fields, FIELDS, "`pqs.yaml`");
    diagnostics.extend(source.repeated_fields(&fields));
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
    let line_of = |name| source.locations().find(Place::Value(name)).map(|r| Span::in_text(text, r).line);
    let refuse = |field, value: &str| Error::Outside {
        manifest: root.join(FILE_NAME),
        line: line_of(field),
        field,
        value: value.to_owned(),
    };
    if !framework_inside(root, &framework) {
        return Err(refuse("framework", &framework));
    }
    if !evidence_inside(root, &evidence) {
        return Err(refuse("evidence", &evidence));
    }
    let privacy = privacy(&fields, &source, &mut diagnostics);
    let signing = signing(&fields, &source, FILE_NAME, &mut diagnostics);
    let evidence_span = source.locations().find(Place::Value("evidence")).map(|r| Span::in_text(text, r));
    let manifest = Manifest {
        candidate,
        mentor,
        line_manager,
        organisation,
        framework,
        started,
        evidence,
        privacy,
        signing,
        evidence_span,
    };
    Ok((manifest, diagnostics))
}

/// Whether the framework `name` is built in, or a file inside the portfolio at `root` or in its
/// cohort's folder (the nearest folder above with `pqs-cohort.yaml`), links followed.
fn framework_inside(root: &Path, name: &str) -> bool {
    if crate::framework::BUILT_IN.iter().any(|(id, _)| *id == name) {
        return true;
    }
    let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let cohort = root.ancestors().skip(1).find(|dir| dir.join(COHORT_FILE_NAME).is_file());
    let allowed: Vec<&Path> = [Some(root.as_path()), cohort].into_iter().flatten().collect();
    leads_inside(&root.join(name), &allowed)
}

/// Whether the evidence folder `name` is inside the portfolio at `root`: written relative to it,
/// without `..`, and not a link out of it.
fn evidence_inside(root: &Path, name: &str) -> bool {
    let written = Path::new(name);
    let relative = written.components().all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
    let root = dunce::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    relative && leads_inside(&root.join(written), &[root.as_path()])
}

/// Whether `path` is under one of the folders `allowed` (each a real path) as written, and, if it
/// exists, once every link on its way is followed.
fn leads_inside(path: &Path, allowed: &[&Path]) -> bool {
    let mut written = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                written.pop();
            }
            Component::CurDir => {}
            other => written.push(other),
        }
    }
    let under = |path: &Path| allowed.iter().any(|folder| path.starts_with(folder));
    under(&written) && dunce::canonicalize(path).map_or(true, |real| under(&real))
}
