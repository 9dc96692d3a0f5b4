//! What the pages do besides writing a record: start a new one from its template, sign one off,
//! commit the portfolio to git, and make the PDF pack.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::pages;
use super::reply::{Asked, Reply, encode_path};
use super::repository;
use crate::error::{Error, Naming};
use crate::keys::Signer;
use crate::model::{RecordType, SIGNOFF_ROLES};
use crate::paths::relative;
use crate::scaffold::ask::NoTerminal;
use crate::scaffold::new::{self, Given};
use crate::signoff;

/// The form for a new record: its type first, then what that type needs.
pub fn new_page(asked: &Asked<'_>) -> Reply {
    new_form(asked, None, 200)
}

/// The new-record form, with `problem` said over it when there is one.
fn new_form(asked: &Asked<'_>, problem: Option<String>, status: u16) -> Reply {
    let checked = match pages::checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let source = if asked.form.has("type") { &asked.form } else { &asked.query };
    let chosen = RecordType::from_name(source.text("type"));
    let types: Vec<_> = RecordType::ALL
        .iter()
        .map(|t| json!({ "name": t.as_str(), "words": crate::render::timeline::name(*t), "selected": Some(*t) == chosen }))
        .collect();
    let framework = &checked.outcome.portfolio.framework;
    let ticked = source.all("standards");
    let standards: Vec<_> = framework
        .standards
        .iter()
        .map(|s| {
            let statements: Vec<_> = s
                .statements
                .iter()
                .map(|st| json!({ "id": st.id, "label": st.label, "ticked": ticked.contains(&st.id) }))
                .collect();
            json!({ "id": s.id, "title": s.title, "ticked": ticked.contains(&s.id), "statements": statements,
                    "open": ticked.iter().any(|t| t.split('.').next() == Some(&s.id)) })
        })
        .collect();
    let mut values = pages::common(asked, &checked, "new");
    values["types"] = json!(types);
    values["chosen"] = json!(chosen.map(RecordType::as_str));
    values["kinds"] = json!(chosen.map_or(&[][..], RecordType::kinds));
    values["observation"] = json!(chosen == Some(RecordType::Observation));
    values["standards"] = json!(standards);
    values["given"] = json!({
        "title": source.text("title"), "date": source.get("date").map_or_else(|| asked.state.today().to_string(), str::to_owned),
        "kind": source.text("kind"), "observer": source.text("observer"), "setting": source.text("setting"),
    });
    values["posted"] = json!(problem.is_some());
    values["problem"] = json!(problem);
    pages::render(&checked.outcome.portfolio.templates, "new", values, status)
}

/// Write a new record from its template, as `pqs new` does, and open it to write in.
pub fn create(asked: &Asked<'_>) -> Reply {
    let form = &asked.form;
    let Some(record_type) = RecordType::from_name(form.text("type")) else {
        return new_form(asked, Some("Choose what kind of record to start.".to_owned()), 400);
    };
    let checked = match pages::checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let portfolio = &checked.outcome.portfolio;
    let some = |name: &str| Some(form.text(name).trim().to_owned()).filter(|v| !v.is_empty());
    let given = Given {
        title: some("title"),
        date: some("date"),
        kind: some("kind"),
        observer: some("observer"),
        setting: some("setting"),
        standards: form.all("standards").to_vec(),
        tags: Vec::new(),
    };
    let made = new::complete(record_type, given, &portfolio.framework, asked.state.today(), &mut NoTerminal)
        .and_then(|record| {
            let text = crate::templates::record::render(&record, &portfolio.templates, &portfolio.framework)?;
            let folder = portfolio.root.join(&portfolio.manifest.evidence);
            std::fs::create_dir_all(&folder)
                .map_err(|source| Error::Write { path: folder.clone(), source })?;
            new::write(&folder, &new::file_stem(&record), &text)
        });
    match made {
        Ok(path) => {
            let file = relative(&portfolio.root, &path);
            Reply::redirect(&format!("{}/edit/{}", asked.workspace.base, encode_path(&file)))
        }
        Err(error) => new_form(asked, Some(in_words(&error)), 400),
    }
}

/// An error in the words of the form: each missing value named by its field.
fn in_words(error: &Error) -> String {
    error.describe(Naming::Keys)
}

/// Sign the record `file` off as the form says: with a key file (and its passphrase) or a key
/// the ssh-agent holds, or as a typed name where the portfolio allows it.
pub fn sign(asked: &Asked<'_>, file: &str) -> Reply {
    let path = match pages::checked_record(asked, file) {
        Ok((_, path)) => path,
        Err(reply) => return reply,
    };
    let form = &asked.form;
    let back = |done: &str| format!("{}/record/{}?done={done}", asked.workspace.base, encode_path(file));
    let (by, role) = (form.text("by").trim().to_owned(), form.text("role").to_owned());
    if by.is_empty() || !SIGNOFF_ROLES.contains(&role.as_str()) {
        return pages::failed(asked, "To sign, give your name and choose the role you sign in.");
    }
    let key_path = form.text("key").trim();
    let signer = if key_path.is_empty() {
        None
    } else {
        let mut given = Some(form.text("passphrase").to_owned()).filter(|p| !p.is_empty());
        let agent = asked.state.options.agent.as_deref();
        match Signer::open(&expand_home(key_path), agent, &mut || given.take()) {
            Ok(signer) => Some(signer),
            Err(error) => return pages::failed(asked, &format!("The key could not be used: {error}")),
        }
    };
    let target = match signoff::locate(&path) {
        Ok(target) => target,
        Err(error) => return pages::failed(asked, &error.to_string()),
    };
    let request = signoff::Request { by, role, date: asked.state.today() };
    match signoff::sign_files(&[target], &request, signer.as_ref()) {
        Ok(_) => Reply::redirect(&back("signed")),
        Err(error) => pages::failed(asked, &error.to_string()),
    }
}

/// `~/` at the start of a key's path is the home folder, as people write it.
fn expand_home(path: &str) -> PathBuf {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Commit every change in the portfolio's folder with the form's message.
pub fn commit(asked: &Asked<'_>) -> Reply {
    let root = &asked.workspace.root;
    let message = asked.form.text("message").trim();
    if message.is_empty() {
        return pages::failed(asked, "Write a few words that say what changed, then commit.");
    }
    match repository::commit(root, ".", message) {
        Ok(()) => Reply::redirect(&format!("{}/?done=committed", asked.workspace.base)),
        Err(why) => pages::failed(asked, &format!("The changes could not be committed: {why}")),
    }
}

/// The PDF pack, made as `pqs render --format pdf` makes it, to download.
pub fn pdf(asked: &Asked<'_>) -> Reply {
    let checked = match pages::checked(asked) {
        Ok(checked) => checked,
        Err(reply) => return reply,
    };
    let outcome = &checked.outcome;
    if outcome.count(crate::model::Severity::Error) > 0 {
        return pages::failed(asked, "The pack is made once every error is fixed: the dashboard lists them.");
    }
    pdf_of(asked, outcome)
}

#[cfg(feature = "pdf")]
fn pdf_of(asked: &Asked<'_>, outcome: &crate::check::Outcome) -> Reply {
    let options = crate::render::PackOptions { made: asked.state.today(), drafts: false };
    match crate::render::pdf::pdf(outcome, options) {
        Ok(bytes) => {
            let name = crate::render::default_output(
                &outcome.portfolio.root,
                outcome.portfolio.manifest.candidate.as_deref(),
            );
            let name = name.with_extension("pdf");
            let name = name.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Reply::of(200, "application/pdf", bytes)
                .with("Content-Disposition", format!("attachment; filename=\"{}\"", name.replace('"', "")))
        }
        Err(error) => pages::failed(asked, &format!("The PDF pack could not be made: {error}")),
    }
}

#[cfg(not(feature = "pdf"))]
fn pdf_of(asked: &Asked<'_>, _: &crate::check::Outcome) -> Reply {
    pages::failed(
        asked,
        "This pqs was built without PDF support: make the HTML pack, or install a pqs with it.",
    )
}
