//! What the pack templates see: plain serialisable values made from a checked portfolio.
//! Everything an HTML template prints is escaped by tera, except a record's `body` and the
//! `timeline_svg`, which are made from escaped parts.

use serde::Serialize;

use crate::check::Outcome;
use crate::framework::Resolved;
use crate::render::attachments::{self, AttachmentView};
use crate::render::endorsement::{self, EndorsementView};
use crate::render::missing::{self, Piece};
use crate::render::signoffs;
pub use crate::render::signoffs::SignoffView;
use crate::render::timeline;
use crate::render::{PackOptions, git};
use crate::rules::Record;
use crate::text::anchor;

/// The whole pack.
#[derive(Debug, Serialize)]
pub struct Pack {
    /// The candidate's name.
    pub candidate: String,
    /// Their organisation.
    pub organisation: Option<String>,
    /// Their mentor.
    pub mentor: Option<String>,
    /// Their line manager.
    pub line_manager: Option<String>,
    /// The framework's title and id.
    pub framework_title: String,
    /// The framework's id.
    pub framework_id: String,
    /// Where the framework's official text is.
    pub framework_source: Option<String>,
    /// The day the pathway began.
    pub started: Option<String>,
    /// The first and last dates of the records in the pack.
    pub evidence_from: Option<String>,
    /// The last date.
    pub evidence_to: Option<String>,
    /// The day the pack was made.
    pub made: String,
    /// The git commit of the portfolio, if it is in a repository.
    pub commit: Option<String>,
    /// True when a requirement is unmet or a standard lacks evidence.
    pub incomplete: bool,
    /// What is missing, one sentence per gap, in pieces of words and of code.
    pub missing: Vec<Vec<Piece>>,
    /// The mentor's endorsements of the whole portfolio.
    pub endorsements: Vec<EndorsementView>,
    /// Whether the settings require the mentor's endorsement before submission.
    pub endorsement_required: bool,
    /// Whether drafts are included.
    pub drafts_included: bool,
    /// The requirements.
    pub requirements: Vec<RequirementView>,
    /// The coverage matrix's columns: standards, and statements of complete lists.
    pub columns: Vec<Column>,
    /// The records, in order, with their rows of the matrix.
    pub records: Vec<RecordView>,
    /// Records per column.
    pub column_counts: Vec<usize>,
    /// The timeline picture.
    pub timeline_svg: String,
    /// Every attachment, by record.
    pub attachments: Vec<AttachmentView>,
    /// Whether any record in the pack has a sign-off: the key to the sign-offs is shown then.
    pub signed: bool,
    /// The allowed-signers file keys are checked against, as named from the portfolio, if any.
    pub allowed_signers: Option<String>,
}

/// A requirement and the records that count.
#[derive(Debug, Serialize)]
pub struct RequirementView {
    /// What it asks.
    pub label: String,
    /// Records found: those that count and have every sign-off it asks for, still valid.
    pub found: usize,
    /// Records needed: for a requirement that asks for sign-offs, every record that counts.
    pub required: usize,
    /// Whether it is met (never while it only asks for sign-offs of records not there yet).
    pub met: bool,
    /// Whether it asks for sign-offs of records the portfolio does not have yet: shown as
    /// "nothing to sign yet", neither met nor a gap of its own.
    pub nothing_to_sign: bool,
    /// The records that count.
    pub records: Vec<Link>,
}

/// A link to a record in the pack.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// The HTML anchor.
    pub anchor: String,
    /// The record's title.
    pub title: String,
}

/// A column of the coverage matrix.
#[derive(Debug, Serialize)]
pub struct Column {
    /// `6` or `6.2`.
    pub id: String,
    /// Title or label.
    pub label: String,
    /// True for a statement.
    pub statement: bool,
}

/// A record as the pack shows it.
#[derive(Debug, Serialize)]
pub struct RecordView {
    /// The record's id.
    pub id: String,
    /// Its HTML anchor.
    pub anchor: String,
    /// Its title.
    pub title: String,
    /// Its type, as written.
    pub record_type: String,
    /// Its type in words: `Development plan (PDP)`.
    pub type_name: String,
    /// Its kind.
    pub kind: Option<String>,
    /// Its date.
    pub date: String,
    /// Who observed.
    pub observer: Option<String>,
    /// Where.
    pub setting: Option<String>,
    /// Whether it is a draft.
    pub draft: bool,
    /// The standards and statements it evidences, with their labels.
    pub standards: Vec<Column>,
    /// Sign-offs as written, each with whether it is still valid.
    pub signoff: Vec<SignoffView>,
    /// One cell per matrix column: whether the record evidences it.
    pub cells: Vec<bool>,
    /// The body in the pack's markup (HTML or typst), the writer's text never passed through as
    /// markup.
    pub body: String,
    /// The file, relative to the portfolio.
    pub file: String,
}

/// What differs between the formats of the pack.
pub struct Format<'a> {
    /// A record's body in the format's markup.
    pub body: &'a dyn Fn(&Record) -> String,
    /// Whether image attachments are given as `data:` addresses.
    pub embed_images: bool,
}

/// Build the pack of `outcome` in `format`.
pub fn pack(outcome: &Outcome, options: PackOptions, format: &Format<'_>) -> Pack {
    let drafts = options.drafts;
    let portfolio = &outcome.portfolio;
    let framework = &portfolio.framework;
    let mut records: Vec<&Record> = portfolio
        .records
        .iter()
        .filter(|r| r.record_type.is_some() && r.date.is_some() && (drafts || !r.draft))
        .collect();
    records.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let columns = columns(outcome);
    let views: Vec<RecordView> =
        records.iter().map(|r| record_view(r, outcome, &columns, (format.body)(r))).collect();
    let column_counts = (0..columns.len()).map(|c| views.iter().filter(|v| v.cells[c]).count()).collect();
    let link = |id: &String| {
        let title =
            records.iter().find(|r| &r.id == id).and_then(|r| r.title.clone()).unwrap_or_else(|| id.clone());
        Link { anchor: anchor(id), title }
    };
    let requirements = outcome
        .coverage
        .requirements
        .iter()
        .map(|r| RequirementView {
            label: r.label.clone(),
            found: r.found(),
            required: r.required,
            met: r.counts_as_met(),
            nothing_to_sign: r.nothing_to_sign(),
            records: r.records.iter().map(link).collect(),
        })
        .collect();
    let missing = missing::missing(outcome);
    let manifest = &portfolio.manifest;
    Pack {
        candidate: manifest.candidate.clone().unwrap_or_default(),
        organisation: manifest.organisation.clone(),
        mentor: manifest.mentor.clone(),
        line_manager: manifest.line_manager.clone(),
        framework_title: framework.title.clone(),
        framework_id: framework.id.clone(),
        framework_source: framework.source.clone(),
        started: manifest.started.map(|d| d.to_string()),
        evidence_from: records.first().and_then(|r| r.date).map(|d| d.to_string()),
        evidence_to: records.last().and_then(|r| r.date).map(|d| d.to_string()),
        made: options.made.to_string(),
        commit: git::commit(&portfolio.root),
        incomplete: !outcome.complete(),
        missing,
        endorsements: endorsement::views(outcome),
        endorsement_required: portfolio.signing.endorsement_required,
        drafts_included: drafts,
        requirements,
        column_counts,
        timeline_svg: timeline::svg(&records, manifest.started),
        attachments: attachments::views(&records, format.embed_images),
        columns,
        signed: views.iter().any(|v| !v.signoff.is_empty()),
        allowed_signers: portfolio.signing.allowed.as_ref().map(|a| a.shown.clone()),
        records: views,
    }
}

/// Standards, each followed by its statements when its list is complete.
fn columns(outcome: &Outcome) -> Vec<Column> {
    let mut columns = Vec::new();
    for standard in &outcome.portfolio.framework.standards {
        columns.push(Column { id: standard.id.clone(), label: standard.title.clone(), statement: false });
        if standard.statements_complete {
            for statement in &standard.statements {
                columns.push(Column {
                    id: statement.id.clone(),
                    label: statement.label.clone(),
                    statement: true,
                });
            }
        }
    }
    columns
}

fn record_view(record: &Record, outcome: &Outcome, columns: &[Column], body: String) -> RecordView {
    let framework = &outcome.portfolio.framework;
    let standards = record
        .references
        .iter()
        .map(|reference| {
            let label = match reference.resolved {
                Resolved::Standard(s) | Resolved::Unlisted(s) => framework.standards[s].title.clone(),
                Resolved::Statement(s, n) => framework.standards[s].statements[n].label.clone(),
                Resolved::UnknownStandard | Resolved::Invalid => String::new(),
            };
            Column { id: reference.text.clone(), label, statement: reference.text.contains('.') }
        })
        .collect();
    let cells = columns
        .iter()
        .map(|column| {
            record.references.iter().any(|reference| match reference.resolved {
                Resolved::Standard(s) | Resolved::Unlisted(s) => {
                    !column.statement && framework.standards[s].id == column.id
                }
                Resolved::Statement(s, n) => {
                    framework.standards[s].id == column.id
                        || framework.standards[s].statements[n].id == column.id
                }
                Resolved::UnknownStandard | Resolved::Invalid => false,
            })
        })
        .collect();
    RecordView {
        id: record.id.clone(),
        anchor: anchor(&record.id),
        title: record.title.clone().unwrap_or_else(|| record.id.clone()),
        record_type: record.record_type.map(|t| t.as_str().to_owned()).unwrap_or_default(),
        type_name: record.record_type.map(|t| timeline::name(t).to_owned()).unwrap_or_default(),
        kind: record.kind.clone(),
        date: record.date.map(|d| d.to_string()).unwrap_or_default(),
        observer: record.observer.clone(),
        setting: record.setting.clone(),
        draft: record.draft,
        standards,
        signoff: signoffs::views(record, &outcome.portfolio.signing),
        cells,
        body,
        file: record.file.clone(),
    }
}
