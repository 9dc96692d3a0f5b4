//! One record: read the file, split it, read its fields and check each one.
//!
//! Everything that can be judged from the record alone is judged here; checks across records
//! (duplicate ids) are in [`crate::check`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path};

use jiff::civil::Date;

use crate::diagnostic::{Capped, Diagnostic, Span};
use crate::framework::{Framework, Resolved};
use crate::markdown;
use crate::model::RecordType;
use crate::model::{ALL_KINDS, MAX_PDF_BODY, MAX_YAML_BYTES, SIGNOFF_ROLES};
use crate::paths::relative;
use crate::portfolio::anonymity::{Allowance, Privacy};
use crate::portfolio::digest;
use crate::portfolio::front_matter::{self, SplitError};
use crate::portfolio::pixels;
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::suggest;
use crate::yaml::fields;
use crate::yaml::fields::Field;
use crate::yaml::fields::Fields;
use crate::yaml::fields::Meaning;
use crate::yaml::fields::ReadError;
use crate::yaml::fields::Shape;
use crate::yaml::locate::Place;
use crate::yaml::values::is_blank;
use crate::yaml::values::parse_bool;
use crate::yaml::values::parse_date;

/// The fields of a sign-off entry.
pub const SIGNOFF_FIELDS: &[Field] = &[
    Field::new("by", Shape::Text, Meaning::Text, "Who signed."),
    Field::new("role", Shape::Text, Meaning::OneOf(&SIGNOFF_ROLES), "The role they signed in."),
    Field::new("date", Shape::Text, Meaning::Date, "When they signed, YYYY-MM-DD."),
    Field::new("digest", Shape::Text, Meaning::Digest, "`sha256:` and the digest of the record as signed."),
];

/// The fields every record must have.
pub const REQUIRED: &[&str] = &["title", "type", "date"];

/// The fields a record may have.
pub const FIELDS: &[Field] = &[
    Field::new("title", Shape::Text, Meaning::Text, "The record's title."),
    Field::new("type", Shape::Text, Meaning::OneOf(&RecordType::NAMES), "What kind of evidence this is."),
    Field::new("date", Shape::Text, Meaning::Date, "When it happened, YYYY-MM-DD."),
    Field::new(
        "standards",
        Shape::List,
        Meaning::Reference,
        "The standards (`6`) and statements (`6.2`) it evidences.",
    ),
    Field::new(
        "kind",
        Shape::Text,
        Meaning::OneOf(&ALL_KINDS),
        "Observations: formative or direct. Feedback: who gave it.",
    ),
    Field::new("observer", Shape::Text, Meaning::Text, "Observations: who observed, by name or role."),
    Field::new("setting", Shape::Text, Meaning::Text, "Observations: where, e.g. group supervision."),
    Field::new("draft", Shape::Text, Meaning::Boolean, "A draft is checked but counts toward nothing."),
    Field::new("id", Shape::Text, Meaning::Id, "A unique id; the file name without `.md` if not given."),
    Field::new("tags", Shape::List, Meaning::Text, "Free tags."),
    Field::new(
        "attachments",
        Shape::List,
        Meaning::Text,
        "Files inside the portfolio, relative to the record.",
    ),
    Field::new("signoff", Shape::Entries(SIGNOFF_FIELDS), Meaning::Mapping, "Sign-offs of the record."),
];

/// A record, as far as it could be understood. Fields that were missing or wrong are `None`
/// (and reported).
#[derive(Clone, Debug)]
pub struct Record {
    /// The id: `id:` if given, else the file name without `.md`.
    pub id: String,
    /// Where the id is written (for duplicate ids), if given.
    pub id_span: Option<Span>,
    /// The file, relative to the portfolio, with `/`.
    pub file: String,
    /// The title.
    pub title: Option<String>,
    /// The type.
    pub record_type: Option<RecordType>,
    /// The date.
    pub date: Option<Date>,
    /// The kind (observations and feedback).
    pub kind: Option<String>,
    /// Who observed (observations).
    pub observer: Option<String>,
    /// Where it happened (observations).
    pub setting: Option<String>,
    /// A draft counts toward nothing.
    pub draft: bool,
    /// The standards and statements it evidences.
    pub references: Vec<Reference>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Attached files, relative to the record.
    pub attachments: Vec<String>,
    /// Sign-offs, as written, each with whether it still matches.
    pub signoff: Vec<Signoff>,
    /// The Markdown after the front-matter (empty unless asked for, see [`Context::bodies`]).
    pub body: String,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Findings of the anonymisation lint that a `pqs-allow` comment allowed.
    pub allowances: Vec<Allowance>,
}

/// One entry of `standards`, as written and as understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// As written, e.g. `6.10`.
    pub text: String,
    /// What it points at.
    pub resolved: Resolved,
}

impl Reference {
    /// The index of the standard it counts for, if any.
    pub fn standard(&self) -> Option<usize> {
        match self.resolved {
            Resolved::Standard(s) | Resolved::Statement(s, _) | Resolved::Unlisted(s) => Some(s),
            Resolved::UnknownStandard | Resolved::Invalid => None,
        }
    }
}

/// One sign-off entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signoff {
    /// Who signed.
    pub by: Option<String>,
    /// In what role.
    pub role: Option<String>,
    /// When.
    pub date: Option<Date>,
    /// The digest of the record as signed.
    pub digest: Option<String>,
    /// Whether it still matches the record.
    pub state: SignoffState,
}

/// Whether a sign-off still holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignoffState {
    /// Its digest matches the record as it is now.
    Valid,
    /// The record has changed since it was signed.
    Stale,
    /// Its digest is missing or malformed, so it cannot be checked.
    Unverifiable,
}

impl SignoffState {
    /// One word for reports: `valid`, `stale`, `unverifiable`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignoffState::Valid => "valid",
            SignoffState::Stale => "stale",
            SignoffState::Unverifiable => "unverifiable",
        }
    }
}

impl Record {
    /// Whether the record has a sign-off in `role` that still holds.
    pub fn signed_as(&self, role: &str) -> bool {
        self.signoff.iter().any(|s| s.role.as_deref() == Some(role) && s.state == SignoffState::Valid)
    }
}

impl Signoff {
    /// Who signed and as what, for messages: `Sam Patel (mentor)`.
    pub fn who(&self) -> String {
        let by = self.by.as_deref().unwrap_or("someone unnamed");
        match &self.role {
            Some(role) => format!("{by} ({role})"),
            None => by.to_owned(),
        }
    }
}

/// What checking a record needs beyond the file.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The portfolio folder.
    pub root: &'a Path,
    /// The framework, for standards references.
    pub framework: &'a Framework,
    /// Today, for dates in the future.
    pub today: Date,
    /// The headings each type's template asks for, for finding empty sections.
    pub sections: &'a Sections,
    /// The anonymisation lint.
    pub privacy: &'a Privacy,
    /// Keep the record's Markdown in [`Record::body`] (for a pack); else it is left empty.
    pub bodies: bool,
}

/// The headings each record type's template asks for.
pub type Sections = BTreeMap<RecordType, Vec<String>>;

/// Read and check the record at `path`.
pub fn load(path: &Path, context: &Context<'_>) -> (Option<Record>, Vec<Diagnostic>) {
    let file = relative(context.root, path);
    match crate::read::ordinary(path) {
        Ok(bytes) => parse(&file, path, &bytes, context),
        Err(error) => {
            let problem = match crate::read::TooLarge::size_in(&error) {
                Some(size) => Problem::TooLarge { size },
                None => Problem::Unreadable { reason: error.to_string() },
            };
            (None, vec![Diagnostic::new(&problem, Some(&file), None)])
        }
    }
}

/// Check the record `file` (relative name) whose contents are `bytes`; `path` locates its
/// attachments.
pub fn parse(
    file: &str,
    path: &Path,
    bytes: &[u8],
    context: &Context<'_>,
) -> (Option<Record>, Vec<Diagnostic>) {
    let split = match front_matter::split(bytes) {
        Ok(split) => split,
        Err(error) => return (None, vec![split_error(file, bytes, error)]),
    };
    let (record, mut found) = parse_split(file, path, &split, context);
    let names: Vec<String> = record
        .iter()
        .flat_map(|r| r.observer.iter().chain(r.signoff.iter().filter_map(|s| s.by.as_ref())))
        .cloned()
        .collect();
    let (identifying, allowances) = context.privacy.lint(file, &split, &names);
    found.extend(identifying);
    let record = record.map(|record| Record { allowances, ..record });
    (record, found)
}

/// Check the record `file`, split into front-matter and body.
fn parse_split(
    file: &str,
    path: &Path,
    split: &front_matter::Split<'_>,
    context: &Context<'_>,
) -> (Option<Record>, Vec<Diagnostic>) {
    let source = Source::new(file, split.text, split.yaml.clone(), 0..3);
    let size = split.yaml.len();
    if size > MAX_YAML_BYTES {
        return (None, vec![source.at_range(&Problem::FrontMatterTooLarge { size }, 0..3)]);
    }
    let fields = match fields::read(split.yaml(), split.yaml_line, FIELDS) {
        Ok(fields) => fields,
        Err(ReadError::Yaml(e)) => {
            if let Some((field, at, value)) = placeholder(split.yaml(), e.offset) {
                let start = split.yaml.start + at;
                let range = start..start + value.len();
                return (None, vec![source.at_range(&Problem::Placeholder { field, value }, range)]);
            }
            let problem = Problem::from_yaml(e.field.as_deref(), &e.message);
            let control = front_matter::first_control(split.yaml())
                .filter(|_| e.message.contains("control characters"));
            let diagnostic = match (control, e.offset, e.line, e.column) {
                // The parser gives the start of the text as the place of a control character.
                (Some(at), ..) => source.at_offset(&problem, split.yaml.start + at),
                (None, Some(offset), ..) => source.at_offset(&problem, split.yaml.start + offset),
                (None, None, Some(line), Some(column)) => source.at_line_column(&problem, line, column),
                // The parser gives no place for aliases that expand too far: point at the first.
                _ => match first_alias(split.yaml()) {
                    Some(alias) if e.message.contains("repetition limit") => {
                        let start = split.yaml.start;
                        source.at_range(&problem, start + alias.start..start + alias.end)
                    }
                    _ => source.at(&problem, &[]),
                },
            };
            return (None, vec![diagnostic]);
        }
        Err(ReadError::NotAMapping(kind)) => {
            let problem = Problem::NotAMapping { file_kind: kind };
            let start = split.yaml.start;
            return (None, vec![source.at_range(&problem, start..start)]);
        }
    };
    let mut checker = Checker { source: &source, fields: &fields, context, found: Capped::default() };
    let mut record = checker.record(path, split.body.clone());
    checker.images_shown(path, split.body(), split.body_line);
    if context.bodies {
        record.body = split.body().to_owned();
    }
    record.body_line = split.body_line;
    if !record.draft {
        checker.writing(record.record_type, split.body(), split.body_line);
    }
    (Some(record), checker.found.finish())
}

/// The field, offset and text of a value that is another tool's template placeholder (`{{ ... }}`
/// or `{% ... %}`) on the line of `yaml` at `offset`, where the parser stopped.
fn placeholder(yaml: &str, offset: Option<usize>) -> Option<(String, usize, String)> {
    let offset = offset?.min(yaml.len());
    let start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = yaml[start..].split('\n').next().unwrap_or_default();
    let (key, value) = line.split_once(':')?;
    let trimmed = value.trim_start();
    let at = start + key.len() + 1 + (value.len() - trimmed.len());
    let value = trimmed.trim_end_matches('\r').trim_end().to_owned();
    (value.starts_with("{{") || value.starts_with("{%")).then(|| (key.trim().to_owned(), at, value))
}

/// The byte range of the first alias (`*name`) in `yaml`, outside quotes and comments as far as
/// one line shows.
fn first_alias(yaml: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let mut quote = None;
        let mut before = ' ';
        for (at, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') if before.is_whitespace() || "[{,:".contains(before) => quote = Some(c),
                (None, '#') if before.is_whitespace() => break,
                (None, '*') if before.is_whitespace() || "[{,".contains(before) => {
                    let name = line[at + 1..].find(|c: char| c.is_whitespace() || ",[]{}".contains(c));
                    let end = at + 1 + name.unwrap_or(line.len() - at - 1);
                    if end > at + 1 {
                        return Some(offset + at..offset + end);
                    }
                }
                _ => {}
            }
            before = c;
        }
        offset += line.len();
    }
    None
}

fn split_error(file: &str, bytes: &[u8], error: SplitError) -> Diagnostic {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let source = Source::new(file, text, 0..0, 0..0);
    match error {
        SplitError::NotUtf8 { line, column } => source.at_line_column(&Problem::NotUtf8, line, column),
        SplitError::Empty => Diagnostic::new(&Problem::EmptyFile, Some(file), None),
        SplitError::Missing { blank_lines_before } => {
            let first_line = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
            let problem = if first_line.trim_end() == "+++" {
                Problem::TomlFrontMatter
            } else {
                Problem::MissingFrontMatter { blank_lines_before }
            };
            source.at_range(&problem, 0..first_line.len())
        }
        SplitError::Unclosed => source.at_range(&Problem::UnclosedFrontMatter, 0..3),
    }
}

struct Checker<'a> {
    source: &'a Source<'a>,
    fields: &'a Fields,
    context: &'a Context<'a>,
    found: Capped,
}

impl Checker<'_> {
    fn report(&mut self, problem: Problem, places: &[Place<'_>]) {
        self.found.add(&problem, || self.source.at(&problem, places));
    }

    /// A single-value field's text, if given and not blank.
    fn text(&self, name: &str) -> Option<String> {
        self.fields.given(name)
    }

    fn record(&mut self, path: &Path, body: Range<usize>) -> Record {
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
        let signoff = self.signoff(&self.source.text[body.clone()], date);
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
        }
    }

    /// Prompts left in the text, and sections the template asks for that have no text.
    fn writing(&mut self, record_type: Option<RecordType>, body: &str, body_line: usize) {
        let outline = markdown::outline(body, body_line);
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

    fn unknown_and_repeated(&mut self) {
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
    fn required(&mut self, name: &'static str, example: &'static str, why: &str) -> Option<String> {
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

    fn record_type(&mut self) -> Option<RecordType> {
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

    fn date(&mut self) -> Option<Date> {
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

    fn draft(&mut self) -> bool {
        let Some(written) = self.text("draft") else { return false };
        parse_bool(&written).unwrap_or_else(|| {
            self.report(Problem::InvalidBool { field: "draft", value: written }, &[Place::Value("draft")]);
            false
        })
    }

    fn type_specific(
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
    fn not_allowed(
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

    fn kind(&mut self, record_type: Option<RecordType>) -> Option<String> {
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

    fn references(&mut self, record_type: Option<RecordType>) -> Vec<Reference> {
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

    fn id(&mut self, path: &Path) -> (String, Option<Span>) {
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

    fn attachments(&mut self, path: &Path) -> Vec<String> {
        let items = self.fields.list("attachments").map(<[String]>::to_vec).unwrap_or_default();
        let folder = path.parent().unwrap_or(Path::new(""));
        for (index, written) in items.iter().enumerate() {
            let problem = if is_blank(written) {
                Some(Problem::EmptyField { field: "attachments" })
            } else {
                match resolve_attachment(self.context.root, folder, written) {
                    Ok(found) => pixels::too_many(&found).map(|(width, height)| Problem::ImageTooLarge {
                        path: written.clone(),
                        width,
                        height,
                    }),
                    Err(problem) => Some(problem),
                }
            };
            if let Some(problem) = problem {
                self.report(problem, &[Place::Item("attachments", index), Place::Value("attachments")]);
            }
        }
        items
    }

    /// Images shown in the text that are inside the portfolio but of more pixels than a pack shows.
    fn images_shown(&mut self, path: &Path, body: &str, body_line: usize) {
        let folder = path.parent().unwrap_or(Path::new(""));
        for image in pixels::shown(body, body_line) {
            let found = resolve_attachment(self.context.root, folder, &image.url).ok();
            if let Some((width, height)) = found.as_deref().and_then(pixels::too_many) {
                let problem = Problem::ImageTooLarge { path: image.url, width, height };
                self.found.push(self.source.at_line_byte(&problem, image.line, image.column));
            }
        }
    }

    fn signoff(&mut self, body: &str, record_date: Option<Date>) -> Vec<Signoff> {
        let Some(entries) = self.fields.entries("signoff") else { return Vec::new() };
        let current = digest::digest(self.fields, body);
        let names: Vec<&str> = SIGNOFF_FIELDS.iter().map(|f| f.name).collect();
        let mut signoffs = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let at_key = |name| [Place::EntryKey("signoff", index, name), Place::Item("signoff", index)];
            let at_value = |name| {
                [
                    Place::EntryValue("signoff", index, name),
                    Place::EntryKey("signoff", index, name),
                    Place::Item("signoff", index),
                ]
            };
            for (field, _) in &entry.unknown {
                let problem = Problem::UnknownField {
                    field: field.clone(),
                    place: "a sign-off entry",
                    suggestion: suggest::nearest(field, &names),
                };
                self.report(problem, &at_key(field));
            }
            let text = |name| entry.given(name);
            for (name, example) in [
                ("by", "by: Sam Patel"),
                ("role", "role: mentor"),
                ("date", "date: 2026-03-02"),
                ("digest", "digest: sha256:..."),
            ] {
                if text(name).is_none() {
                    let problem = Problem::MissingField {
                        field: name,
                        why: "each sign-off says who signed, as what, when, and what they signed".to_owned(),
                        example,
                    };
                    self.report(problem, &[Place::Item("signoff", index)]);
                }
            }
            let role = text("role");
            if let Some(written) = role.as_deref().filter(|r| !SIGNOFF_ROLES.contains(r)) {
                let problem = Problem::InvalidValue {
                    field: "role".to_owned(),
                    value: written.to_owned(),
                    allowed: SIGNOFF_ROLES.to_vec(),
                    suggestion: suggest::nearest(written, &SIGNOFF_ROLES),
                };
                self.report(problem, &at_value("role"));
            }
            let date = text("date").and_then(|written| match parse_date(&written) {
                Ok(date) => {
                    if let Some(record_date) = record_date.filter(|r| date < *r) {
                        let problem =
                            Problem::SignoffBeforeRecord { signed: written, record: record_date.to_string() };
                        self.report(problem, &at_value("date"));
                    } else if date > self.context.today {
                        let today = self.context.today.to_string();
                        self.report(Problem::FutureDate { value: written, today }, &at_value("date"));
                    }
                    Some(date)
                }
                Err(reason) => {
                    let problem = Problem::InvalidDate { field: "date".to_owned(), value: written, reason };
                    self.report(problem, &at_value("date"));
                    None
                }
            });
            let digest = text("digest");
            let state = match digest.as_deref() {
                Some(written) if !is_sha256_digest(written) => {
                    self.report(Problem::MalformedDigest { value: written.to_owned() }, &at_value("digest"));
                    SignoffState::Unverifiable
                }
                Some(written) if written == current.as_str() => SignoffState::Valid,
                Some(_) => SignoffState::Stale,
                None => SignoffState::Unverifiable,
            };
            let signoff = Signoff { by: text("by"), role, date, digest, state };
            if state == SignoffState::Stale {
                let problem = Problem::SignoffStale {
                    who: signoff.who(),
                    date: text("date").unwrap_or_else(|| "an unknown date".to_owned()),
                    file: self.source.path.to_owned(),
                    by: signoff.by.clone(),
                    role: signoff.role.clone(),
                };
                self.report(problem, &at_value("digest"));
            }
            signoffs.push(signoff);
        }
        signoffs
    }
}

/// Whether `digest` is `sha256:` followed by 64 lowercase hexadecimal digits.
pub fn is_sha256_digest(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The real path of the attachment `written` in a record in `folder`, or why it is refused or
/// missing. A path is refused before anything is read if it is a web address, absolute, leads
/// out of the portfolio with `..`, or is a link to a file outside it.
pub fn resolve_attachment(root: &Path, folder: &Path, written: &str) -> Result<std::path::PathBuf, Problem> {
    let outside = |reason| Err(Problem::AttachmentOutside { path: written.to_owned(), reason });
    if written.contains("://") || written.starts_with("mailto:") {
        return outside("a web address is not a file in the portfolio");
    }
    let relative_path = Path::new(written);
    let windows_absolute = written.as_bytes().get(1) == Some(&b':') || written.starts_with('\\');
    if relative_path.has_root() || relative_path.is_absolute() || windows_absolute {
        return outside("it is an absolute path; give a path relative to the record");
    }
    // Resolve `..` by hand: the path must stay inside the portfolio before any link is followed.
    let mut inside = folder.strip_prefix(root).unwrap_or(Path::new("")).to_path_buf();
    for component in relative_path.components() {
        match component {
            Component::ParentDir if !inside.pop() => return outside("it leads outside the portfolio"),
            Component::Normal(part) => inside.push(part),
            _ => {}
        }
    }
    let full = root.join(&inside);
    match (dunce::canonicalize(&full), dunce::canonicalize(root)) {
        (Ok(real), Ok(real_root)) if !real.starts_with(&real_root) => {
            outside("it is a link to a file outside the portfolio")
        }
        (Ok(real), _) if real.is_dir() => outside("it is a folder, not a file"),
        // A pipe or a device would never finish being read.
        (Ok(real), _) if !real.is_file() => outside("it is not an ordinary file (a pipe or a device?)"),
        (Ok(real), _) => Ok(real),
        (Err(_), _) => Err(Problem::AttachmentMissing { path: written.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DEFAULT_FRAMEWORK;

    /// Check `bytes` as the record `r.md` against the built-in framework.
    fn check(bytes: &[u8]) -> Vec<Diagnostic> {
        let framework = Framework::built_in(DEFAULT_FRAMEWORK).expect("framework");
        let sections = Sections::new();
        let today = Date::new(2026, 11, 22).expect("date");
        let privacy = Privacy::new(&Default::default(), &[]).0;
        let context = Context {
            root: Path::new("."),
            framework: &framework,
            today,
            sections: &sections,
            privacy: &privacy,
            bodies: true,
        };
        parse("r.md", Path::new("r.md"), bytes, &context).1
    }

    #[test]
    fn yaml_errors_in_text_with_lone_carriage_returns_point_at_the_right_place() {
        let found = check(b"---\ntitle: T\rkind: a: b\n---\nText.\n");
        let span = found
            .iter()
            .find(|d| matches!(d.problem, Problem::YamlSyntax { .. }))
            .and_then(|d| d.span.clone())
            .expect("a span");
        assert_eq!((span.line, span.source_line.as_str()), (2, "title: T\rkind: a: b"));
        assert_eq!(&span.source_line[span.range.start..], ": b", "{span:?}");
    }

    /// Mutations of a realistic record, made by a fixed-seed generator: whatever the bytes, the
    /// checks report and never panic.
    #[test]
    fn mangled_records_never_panic() {
        let original = "\u{feff}---\r\ntitle: \"Obs: one\" # c\ntype: observation\nkind: direct\ndate: 2026-02-30\nobserver: M\nstandards:\n  - 6.10\n  - [x]\ntags: [a, 'b', \"c\"]\nsignoff:\n  - by: S\n    role: mentor\n    digest: sha256:00\nattachments: [../x, /y]\n---\n## Heading\n\n_Prompt: p_\n\nText é 日本 Mr Smith 943 476 5919\n";
        let alphabet = b"-:#[]{}'\"\n\r\t &*!|>?,.%@`\\0aZ\xc3\xa9\xff";
        for bytes in crate::testing::mutations(original.as_bytes(), alphabet, 6, 3000) {
            for diagnostic in check(&bytes) {
                if let Some(span) = diagnostic.span {
                    assert!(span.range.end <= span.source_line.len(), "a span inside its line");
                    assert!(span.source_line.is_char_boundary(span.range.start));
                }
            }
        }
    }

    #[test]
    fn an_empty_front_matter_misses_exactly_the_required_fields() {
        let found = check(b"---\n---\nText.\n");
        let missing: Vec<&str> = found
            .iter()
            .filter_map(|d| match d.problem {
                Problem::MissingField { field, .. } => Some(field),
                _ => None,
            })
            .collect();
        let mut required = REQUIRED.to_vec();
        required.sort_unstable();
        let mut missing_sorted = missing.clone();
        missing_sorted.sort_unstable();
        assert_eq!(missing_sorted, required);
        assert_eq!(found.len(), missing.len(), "nothing else is reported");
    }
}
