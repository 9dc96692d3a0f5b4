//! The pages that show the portfolio: the dashboard, the records, one record, the pack, the
//! cohort. Each is a tera template (`templates/serve/`) given values made here from the check.

use serde_json::json;

pub use super::findings::{Finding, finding};
use super::reply::{Asked, PACK_POLICY, Reply, encode_path};
use super::workspace::Checked;
use super::{State, Workspace};
use crate::check::Outcome;
use crate::model::{RecordType, Severity};
use crate::pathway::State as Due;
use crate::render::view::{self, Pack, RecordView};
use crate::render::{self, PackOptions};
use crate::templates::Templates;

/// Render the page `name` with `values` and what every page has, through the portfolio's
/// templates.
pub fn render(templates: &Templates, name: &str, values: serde_json::Value, status: u16) -> Reply {
    let context = match tera::Context::from_serialize(&values) {
        Ok(context) => context,
        Err(error) => return Reply::text(500, &format!("the page could not be made: {error}")),
    };
    match templates.render(&format!("serve/{name}.html.tera"), &context) {
        Ok(html) => Reply::html(status, html),
        Err(error) => Reply::text(500, &format!("the page could not be made: {error}")),
    }
}

/// What every page of a portfolio has: where it is, whose it is, the counts of findings.
pub fn common(asked: &Asked<'_>, checked: &Checked, page: &str) -> serde_json::Value {
    let outcome = &checked.outcome;
    let manifest = &outcome.portfolio.manifest;
    json!({
        "base": asked.workspace.base,
        "page": page,
        "cohort": asked.state.cohort.is_some(),
        "candidate": manifest.candidate.clone().unwrap_or_else(|| outcome.name.clone()),
        "mentor": manifest.mentor,
        "errors": outcome.count(Severity::Error),
        "warnings": outcome.count(Severity::Warning),
        "today": asked.state.today().to_string(),
        "pdf": cfg!(feature = "pdf"),
        "fingerprint": checked.fingerprint.to_string(),
    })
}

/// The portfolio checked, or the page that says why it cannot be.
pub fn checked(asked: &Asked<'_>) -> Result<Checked, Reply> {
    asked.workspace.checked(asked.state.today()).map_err(|error| failed(asked, &error.to_string()))
}

/// The portfolio checked and the record `file` of it on the disk, or the page that says why not:
/// it cannot be checked, or `file` is none of its records (the page of an address that is
/// nothing here).
pub fn checked_record(asked: &Asked<'_>, file: &str) -> Result<(Checked, std::path::PathBuf), Reply> {
    let checked = checked(asked)?;
    match asked.workspace.record(&checked, file) {
        Some(path) => Ok((checked, path)),
        None => Err(not_found(asked.state, Some(asked.workspace))),
    }
}

/// A page saying what stopped the server from doing what was asked, in the portfolio's pages.
pub fn failed(asked: &Asked<'_>, message: &str) -> Reply {
    let values = json!({ "title": "Something is wrong", "message": message, "base": asked.workspace.base,
                         "cohort": asked.state.cohort.is_some(), "page": "message", "posted": true });
    match Templates::built_in() {
        Ok(templates) => render(&templates, "message", values, 500),
        Err(_) => Reply::text(500, message),
    }
}

/// The pack's view of the portfolio, drafts included; the body of the record `shown` as the pack
/// shows it (its images in it), the others' left empty: a page shows one record at most.
pub fn pack_view(outcome: &Outcome, made: jiff::civil::Date, shown: Option<&str>) -> Pack {
    let body = |record: &crate::rules::Record| {
        if shown == Some(record.file.as_str()) { render::record_html(record) } else { String::new() }
    };
    view::pack(
        outcome,
        PackOptions { made, drafts: true },
        &view::Format { body: &body, embed_images: false },
    )
}

/// Whether every sign-off of `record` holds: `signed`, `stale` or `unsigned`.
fn signed_state(record: &RecordView) -> &'static str {
    match (record.signoff.is_empty(), record.signoff.iter().all(|s| s.holds)) {
        (true, _) => "unsigned",
        (false, true) => "signed",
        (false, false) => "stale",
    }
}

/// A record as the lists show it.
fn listed(record: &RecordView, base: &str, checked: &Checked) -> serde_json::Value {
    let findings =
        checked.outcome.diagnostics.iter().filter(|d| d.file.as_deref() == Some(record.file.as_str()));
    let (mut errors, mut warnings) = (0, 0);
    for finding in findings {
        match finding.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Note => {}
        }
    }
    json!({
        "title": record.title, "type_name": record.type_name, "record_type": record.record_type,
        "kind": record.kind, "date": record.date, "draft": record.draft, "file": record.file,
        "link": format!("{base}/record/{}", encode_path(&record.file)),
        "edit": format!("{base}/edit/{}", encode_path(&record.file)),
        "signed": signed_state(record), "errors": errors, "warnings": warnings,
        "standards": record.standards.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
    })
}

/// The dashboard: the requirements, the standards with their records, the pathway year, what is
/// not committed, and every finding.
pub fn dashboard(asked: &Asked<'_>) -> Reply {
    let checked = match checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let outcome = &checked.outcome;
    let base = &asked.workspace.base;
    let pack = pack_view(outcome, asked.state.today(), None);
    let link_of = |anchor: &str| {
        let file =
            pack.records.iter().find(|r| r.anchor == anchor).map(|r| r.file.as_str()).unwrap_or_default();
        format!("{base}/record/{}", encode_path(file))
    };
    let requirements: Vec<_> = pack
        .requirements
        .iter()
        .map(|r| {
            let records: Vec<_> =
                r.records.iter().map(|l| json!({ "title": l.title, "link": link_of(&l.anchor) })).collect();
            json!({ "label": r.label, "found": r.found, "required": r.required, "met": r.met,
                    "nothing_to_sign": r.nothing_to_sign, "records": records })
        })
        .collect();
    let standards: Vec<_> = pack
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.statement)
        .map(|(i, column)| {
            let records: Vec<_> = pack
                .records
                .iter()
                .filter(|r| !r.draft && r.cells.get(i).copied().unwrap_or(false))
                .map(|r| json!({ "title": r.title, "link": link_of(&r.anchor) }))
                .collect();
            json!({ "id": column.id, "label": column.label, "records": records })
        })
        .collect();
    let pathway = outcome.pathway.as_ref().map(|pathway| {
        let due: Vec<_> = pathway
            .due
            .iter()
            .map(|due| {
                let state = match due.state {
                    Due::Done => "done",
                    Due::DoneLate => "done late",
                    Due::Overdue => "overdue",
                    Due::Upcoming => "to do",
                };
                let records = &outcome.portfolio.records;
                let file = due.record.as_ref().and_then(|(id, _)| records.iter().find(|r| &r.id == id));
                let record = file.map(|r| format!("{base}/record/{}", encode_path(&r.file)));
                json!({ "what": due.what(), "date": due.date.to_string(), "state": state, "link": record,
                        "record_type": due.record_type.as_str(), "kind": due.kind })
            })
            .collect();
        json!({ "started": pathway.started.to_string(), "months": pathway.months, "due": due })
    });
    let findings: Vec<_> = outcome.diagnostics.iter().map(|d| finding(d, base)).collect();
    let git = super::repository::uncommitted(&outcome.portfolio.root);
    let mut values = common(asked, &checked, "dashboard");
    values["requirements"] = json!(requirements);
    values["standards"] = json!(standards);
    values["pathway"] = json!(pathway);
    values["findings"] = json!(findings);
    values["git"] = json!(git);
    values["records"] = json!(pack.records.len());
    let states: Vec<&str> = pack.records.iter().map(signed_state).collect();
    let count = |state: &str| states.iter().filter(|s| **s == state).count();
    values["signoffs"] =
        json!({ "signed": count("signed"), "stale": count("stale"), "unsigned": count("unsigned") });
    values["complete"] = json!(outcome.complete());
    values["message"] = json!(asked.query.get("done"));
    render(&outcome.portfolio.templates, "dashboard", values, 200)
}

/// The records, filtered by type, standard, draft and sign-off as the query asks.
pub fn records(asked: &Asked<'_>) -> Reply {
    let checked = match checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let outcome = &checked.outcome;
    let pack = pack_view(outcome, asked.state.today(), None);
    let query = &asked.query;
    let (kind, standard, draft, signed) =
        (query.text("type"), query.text("standard"), query.text("draft"), query.text("signed"));
    let shown: Vec<_> = pack
        .records
        .iter()
        .filter(|r| kind.is_empty() || r.record_type == kind)
        .filter(|r| {
            standard.is_empty()
                || r.standards.iter().any(|s| s.id == standard || s.id.split('.').next() == Some(standard))
        })
        .filter(|r| match draft {
            "yes" => r.draft,
            "no" => !r.draft,
            _ => true,
        })
        .filter(|r| signed.is_empty() || signed_state(r) == signed)
        .map(|r| listed(r, &asked.workspace.base, &checked))
        .collect();
    let types: Vec<_> = RecordType::ALL
        .iter()
        .map(|t| json!({ "name": t.as_str(), "selected": t.as_str() == kind }))
        .collect();
    let standards: Vec<_> = outcome
        .portfolio
        .framework
        .standards
        .iter()
        .map(|s| json!({ "id": s.id, "title": s.title, "selected": s.id == standard }))
        .collect();
    let mut values = common(asked, &checked, "records");
    values["records"] = json!(shown);
    values["total"] = json!(pack.records.len());
    values["types"] = json!(types);
    values["standards"] = json!(standards);
    values["filter"] = json!({ "type": kind, "standard": standard, "draft": draft, "signed": signed });
    render(&outcome.portfolio.templates, "records", values, 200)
}

/// One record as the pack shows it, with its findings beside it and the sign-off form.
pub fn record(asked: &Asked<'_>, file: &str) -> Reply {
    let (checked, path) = match checked_record(asked, file) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let outcome = &checked.outcome;
    let base = &asked.workspace.base;
    let pack = pack_view(outcome, asked.state.today(), Some(file));
    let shown = pack.records.iter().find(|r| r.file == file);
    let findings: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == Some(file))
        .map(|d| finding(d, base))
        .collect();
    let manifest = &outcome.portfolio.manifest;
    let judged = outcome.portfolio.records.iter().find(|r| r.file == file);
    let changes = judged.map(|r| super::signed::changes(r, &path));
    let mut values = common(asked, &checked, "records");
    values["changes"] = json!(changes.unwrap_or_default());
    values["record"] = json!(shown);
    values["listed"] = json!(shown.map(|r| listed(r, base, &checked)));
    values["file"] = json!(file);
    values["edit"] = json!(format!("{base}/edit/{}", encode_path(file)));
    values["sign_action"] = json!(format!("{base}/sign/{}", encode_path(file)));
    values["findings"] = json!(findings);
    values["roles"] = json!(crate::model::SIGNOFF_ROLES);
    values["signer"] = json!(manifest.mentor);
    values["keys_required"] = json!(outcome.portfolio.signing.keys_required);
    values["message"] = json!(asked.query.get("done"));
    render(&outcome.portfolio.templates, "record", values, 200)
}

/// The pack as it stands, inside a page that lists the findings over it and reloads it when a
/// file changes.
pub fn pack(asked: &Asked<'_>) -> Reply {
    let checked = match checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let outcome = &checked.outcome;
    let base = &asked.workspace.base;
    let shown: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| finding(d, base))
        .collect();
    let mut values = common(asked, &checked, "pack");
    values["findings"] = json!(shown);
    values["refused"] = json!(outcome.count(Severity::Error) > 0);
    render(&outcome.portfolio.templates, "pack", values, 200)
}

/// The pack itself, as `pqs render` makes it today: refused while any error stands.
pub fn pack_html(asked: &Asked<'_>) -> Reply {
    let checked = match checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let outcome = &checked.outcome;
    if outcome.count(Severity::Error) > 0 {
        return Reply::text(409, "the pack is made once every error is fixed: the page above lists them");
    }
    match render::html(outcome, PackOptions { made: asked.state.today(), drafts: false }) {
        Ok(html) => {
            let mut reply = Reply::html(200, html);
            reply.policy = PACK_POLICY;
            reply
        }
        Err(error) => Reply::text(500, &format!("the pack could not be made: {error}")),
    }
}

/// The cohort: each portfolio with where it stands, opening its own dashboard.
pub fn cohort(state: &State) -> Reply {
    let today = state.today();
    let portfolios: Vec<_> = state
        .workspaces
        .iter()
        .map(|workspace| match workspace.checked(today) {
            Ok(checked) => {
                let outcome = &checked.outcome;
                let met = outcome.coverage.requirements.iter().filter(|r| r.met()).count();
                let candidate = outcome.portfolio.manifest.candidate.clone().unwrap_or_else(|| workspace.name.clone());
                let overdue = outcome.pathway.as_ref().map_or(0, |p| p.overdue().count());
                json!({ "name": workspace.name, "candidate": candidate, "link": format!("{}/", workspace.base),
                        "errors": outcome.count(Severity::Error), "warnings": outcome.count(Severity::Warning),
                        "met": met, "requirements": outcome.coverage.requirements.len(), "overdue": overdue,
                        "records": outcome.portfolio.records.len(), "complete": outcome.complete() })
            }
            Err(error) => json!({ "name": workspace.name, "candidate": workspace.name,
                                  "link": format!("{}/", workspace.base), "failed": error.to_string() }),
        })
        .collect();
    let name = state.cohort.as_ref().and_then(|c| c.file_name()).map(|n| n.to_string_lossy().into_owned());
    let each: Vec<u64> = state.workspaces.iter().map(Workspace::fingerprint).collect();
    let fingerprint = super::workspace::combined(&each).to_string();
    let values = json!({ "base": "", "page": "cohort", "cohort": true, "name": name, "portfolios": portfolios,
                         "today": today.to_string(), "fingerprint": fingerprint });
    match Templates::built_in() {
        Ok(templates) => render(&templates, "cohort", values, 200),
        Err(error) => Reply::text(500, &error.to_string()),
    }
}

/// The page for an address that is nothing here.
pub fn not_found(state: &State, workspace: Option<&Workspace>) -> Reply {
    let base = workspace.map_or("", |w| w.base.as_str());
    let checked = workspace.and_then(|w| w.checked(state.today()).ok());
    let templates = checked.as_ref().map(|c| c.outcome.portfolio.templates.clone());
    let outcome = checked.as_ref().map(|c| &c.outcome);
    let mut values = json!({ "title": "Not found", "base": base, "cohort": state.cohort.is_some(),
                             "message": "There is nothing at this address in the portfolio.", "page": "message" });
    if let Some(outcome) = outcome {
        values["candidate"] =
            json!(outcome.portfolio.manifest.candidate.clone().unwrap_or_else(|| outcome.name.clone()));
        values["errors"] = json!(outcome.count(Severity::Error));
        values["warnings"] = json!(outcome.count(Severity::Warning));
    }
    match templates.or_else(|| Templates::built_in().ok()) {
        Some(templates) => render(&templates, "message", values, 404),
        None => Reply::text(404, "not found"),
    }
}
