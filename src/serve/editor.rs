//! Writing a record in the browser: a form for its fields that knows its type and a text area
//! for its Markdown; each change is checked as `pqs check` checks it, from the text in memory,
//! with a preview; saving changes only what was edited, and never a file that changed on the
//! disk since the page read it (both versions are shown instead, for the user to choose).
//!
//! The page carries the file as it read it (`base`, in base64 so that no byte is changed on the
//! way) and its version (SHA-256): the new text is always the old one with the edits made in it.

use base64::Engine as _;
use serde_json::json;

use super::conflict;
use super::images;
use super::pages::{self, finding};
use super::reply::{Asked, Form, Reply, b64, encode_path, version_of};
use super::workspace::Checked;
use crate::check::{self, CheckOptions};
use crate::markdown;
use crate::model::RecordType;
use crate::portfolio::{front_matter, parse};
use crate::write;
use crate::yaml::set::{self, Value};
use crate::yaml::values::parse_date;

/// The page to write the record `file` in.
pub fn page(asked: &Asked<'_>, file: &str) -> Reply {
    let (checked, path) = match pages::checked_record(asked, file) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let bytes = match crate::read::ordinary(&path) {
        Ok(bytes) => bytes,
        Err(error) => return pages::failed(asked, &format!("`{file}` could not be read: {error}")),
    };
    let mut values = pages::common(asked, &checked, "records");
    values["file"] = json!(file);
    values["version"] = json!(version_of(&bytes));
    values["base_text"] = json!(b64().encode(&bytes));
    values["fields"] = fields_of(&checked, &bytes);
    let (findings, preview) = judged(asked, &checked, file, &bytes);
    values["findings"] = json!(findings);
    values["preview"] = json!(preview);
    values["git"] = json!(super::repository::is_repository(&asked.workspace.root));
    let base = &asked.workspace.base;
    values["actions"] = json!({
        "check": format!("{base}/check/{}", encode_path(file)),
        "save": format!("{base}/save/{}", encode_path(file)),
        "version": format!("{base}/version/{}", encode_path(file)),
        "record": format!("{base}/record/{}", encode_path(file)),
    });
    pages::render(&checked.outcome.portfolio.templates, "edit", values, 200)
}

/// What the form shows: each field as written, the kinds of the type, and the standards to tick
/// with their statements; `raw` (the whole file in one text area) where the front-matter cannot
/// be read into fields.
fn fields_of(checked: &Checked, bytes: &[u8]) -> serde_json::Value {
    let Ok(split) = front_matter::split(bytes) else {
        return json!({ "raw": true, "text": String::from_utf8_lossy(bytes) });
    };
    let Ok(parsed) = parse::read("", &split) else {
        return json!({ "raw": true, "text": split.text });
    };
    let fields = &parsed.fields;
    let text = |name: &str| fields.text(name).unwrap_or_default().to_owned();
    let record_type = RecordType::from_name(&text("type"));
    let ticked: Vec<String> = fields.list("standards").map(<[String]>::to_vec).unwrap_or_default();
    let framework = &checked.outcome.portfolio.framework;
    let mut known = Vec::new();
    let standards: Vec<_> = framework
        .standards
        .iter()
        .map(|standard| {
            known.push(standard.id.clone());
            let statements: Vec<_> = standard
                .statements
                .iter()
                .map(|s| {
                    known.push(s.id.clone());
                    json!({ "id": s.id, "label": s.label, "ticked": ticked.contains(&s.id) })
                })
                .collect();
            let open = ticked.iter().any(|t| t == &standard.id || t.split('.').next() == Some(&standard.id));
            json!({ "id": standard.id, "title": standard.title, "ticked": ticked.contains(&standard.id),
                    "open": open, "statements": statements })
        })
        .collect();
    let other: Vec<&String> = ticked.iter().filter(|t| !known.contains(t)).collect();
    let kinds = record_type.map_or(&[][..], RecordType::kinds);
    json!({
        "raw": false,
        "title": text("title"), "type": text("type"), "date": text("date"),
        "type_name": record_type.map_or_else(|| text("type"), |t| crate::render::timeline::name(t).to_owned()),
        "kind": text("kind"), "kinds": kinds, "observer": text("observer"), "setting": text("setting"),
        "observation": record_type == Some(RecordType::Observation),
        "draft": fields.text("draft").and_then(crate::yaml::values::parse_bool).unwrap_or(false),
        "tags": fields.list("tags").map(|t| t.join(", ")).unwrap_or_default(),
        "standards": standards, "other_standards": other,
        "body": split.body(), "body_line": split.body_line,
    })
}

/// The findings of the record `file` as `text`, and its body as the pack shows it.
fn judged(asked: &Asked<'_>, checked: &Checked, file: &str, text: &[u8]) -> (Vec<pages::Finding>, String) {
    let portfolio = &checked.outcome.portfolio;
    let options = CheckOptions { today: asked.state.today(), complete: false, bodies: false };
    checked.prepared.renew();
    let context = checked.prepared.context(&portfolio.root, &portfolio.framework, &options);
    let (_, diagnostics) = check::record(file, text, &context);
    let mut findings: Vec<_> = diagnostics.iter().map(|d| finding(d, &asked.workspace.base)).collect();
    findings.sort_by_key(|f| (f.line, f.column));
    let Ok(split) = front_matter::split(text) else { return (findings, String::new()) };
    for finding in &mut findings {
        finding.place = finding.line.map(|line| place(&split, line));
    }
    let (base, root) = (&asked.workspace.base, &portfolio.root);
    (findings, markdown::to_html(split.body(), 3, &|written| images::address(base, root, file, written)))
}

/// Where the file's `line` is in the form, in words: a line of the text, or a field.
fn place(split: &front_matter::Split<'_>, line: usize) -> String {
    if line >= split.body_line {
        return format!("line {} of the text", line - split.body_line + 1);
    }
    let lines: Vec<&str> = split.text.lines().take(line).collect();
    let field = lines.iter().rev().find_map(|l| {
        let top = !l.starts_with([' ', '\t', '-', '#']) && !l.trim().is_empty() && l.trim() != "---";
        top.then(|| l.split(':').next().unwrap_or_default().trim().trim_matches(['"', '\'']))
    });
    match field {
        Some(field) => format!("the {field} field"),
        None => "the fields at the top".to_owned(),
    }
}

/// The new text: the file as the page read it with the form's edits made in it. Fields the
/// user did not change are left as written, byte for byte.
pub fn compose(base: &str, form: &Form) -> String {
    // The ranges of a split are of the text without its byte-order mark, which is kept.
    let (bom, base) = match base.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", base),
    };
    let crlf = base.contains("\r\n");
    let lines = |text: &str| {
        let text = text.replace("\r\n", "\n");
        if crlf { text.replace('\n', "\r\n") } else { text }
    };
    if form.has("raw") {
        let text = lines(form.text("text"));
        return format!("{bom}{}", text.strip_prefix('\u{feff}').unwrap_or(&text));
    }
    let unchanged = || format!("{bom}{base}");
    let Ok(split) = front_matter::split(base.as_bytes()) else { return unchanged() };
    let Ok(parsed) = parse::read("", &split) else { return unchanged() };
    let fields = &parsed.fields;
    let mut text = base.to_owned();
    let change = |text: &mut String, key: &str, value: Option<Value<'_>>| {
        let Ok(split) = front_matter::split(text.as_bytes()) else { return };
        *text = set::set(split.text, split.yaml.clone(), key, value);
    };
    for key in ["title", "observer", "setting", "kind"] {
        let Some(new) = form.get(key) else { continue };
        let new = new.trim();
        if fields.text(key).unwrap_or_default() != new {
            change(&mut text, key, (!new.is_empty() || key == "title").then_some(Value::Text(new)));
        }
    }
    if let Some(date) = form.get("date").map(str::trim)
        && fields.text("date").unwrap_or_default() != date
    {
        let value = if parse_date(date).is_ok() { Value::Plain(date) } else { Value::Text(date) };
        change(&mut text, "date", Some(value));
    }
    let draft = form.has("draft");
    let was = fields.text("draft").and_then(crate::yaml::values::parse_bool).unwrap_or(false);
    if form.has("fields") && draft != was {
        change(&mut text, "draft", Some(Value::Plain(if draft { "true" } else { "false" })));
    }
    if form.has("fields") {
        let before: Vec<String> = fields.list("standards").map(<[String]>::to_vec).unwrap_or_default();
        let ticked = form.all("standards");
        // The boxes come in the framework's order: the same ones ticked is no change, whatever
        // order the file lists them in.
        let (mut old, mut new): (Vec<&String>, Vec<&String>) =
            (before.iter().collect(), ticked.iter().collect());
        old.sort();
        new.sort();
        if old != new {
            // Those kept stay where they were; those added follow, in the form's order.
            let mut list: Vec<String> = before.iter().filter(|s| ticked.contains(s)).cloned().collect();
            list.extend(ticked.iter().filter(|s| !before.contains(s)).cloned());
            change(&mut text, "standards", Some(Value::List(&list)));
        }
    }
    if let Some(tags) = form.get("tags") {
        let new: Vec<String> =
            tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
        let old: Vec<String> = fields.list("tags").map(<[String]>::to_vec).unwrap_or_default();
        if new != old {
            change(&mut text, "tags", (!new.is_empty()).then_some(Value::List(&new)));
        }
    }
    if let Some(body) = form.get("body").map(lines)
        && let Ok(split) = front_matter::split(text.as_bytes())
        && split.body() != body
    {
        let start = split.body.start;
        text.truncate(start);
        text.push_str(&body);
    }
    format!("{bom}{text}")
}

/// The file as the page read it, from the form.
fn base_of(form: &Form) -> Option<String> {
    let bytes = b64().decode(form.get("base")?).ok()?;
    String::from_utf8(bytes).ok()
}

/// The findings and preview of the form's text, as JSON, for the page to show as the user types.
pub fn check(asked: &Asked<'_>, file: &str) -> Reply {
    let checked = match pages::checked_record(asked, file) {
        Ok((checked, _)) => checked,
        Err(reply) => return reply,
    };
    let Some(base) = base_of(&asked.form) else {
        return Reply::text(400, "the form does not hold the record");
    };
    let text = compose(&base, &asked.form);
    let (findings, preview) = judged(asked, &checked, file, text.as_bytes());
    Reply::json(&json!({ "findings": findings, "preview": preview }))
}

/// The version of the record on the disk now, for the page to tell whether it changed.
pub fn version(asked: &Asked<'_>, file: &str) -> Reply {
    let path = match pages::checked_record(asked, file) {
        Ok((_, path)) => path,
        Err(reply) => return reply,
    };
    let version = crate::read::ordinary(&path).ok().map(|bytes| version_of(&bytes));
    Reply::json(&json!({ "version": version }))
}

/// Save the form's text, unless the file changed since the page read it: then show both.
pub fn save(asked: &Asked<'_>, file: &str) -> Reply {
    let (checked, path) = match pages::checked_record(asked, file) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let form = &asked.form;
    let mine = if form.has("mine") {
        match b64().decode(form.text("mine")).ok().and_then(|b| String::from_utf8(b).ok()) {
            Some(mine) => mine,
            None => return Reply::text(400, "the form does not hold the record"),
        }
    } else {
        match base_of(form) {
            Some(base) => compose(&base, form),
            None => return Reply::text(400, "the form does not hold the record"),
        }
    };
    let original = match write::Original::read(&path) {
        Ok(original) => original,
        Err(error) => return pages::failed(asked, &format!("`{file}` could not be read: {error}")),
    };
    let base = &asked.workspace.base;
    let done = format!("{base}/record/{}?done=saved", encode_path(file));
    if version_of(&original.bytes) != form.text("version") {
        return conflict::page(asked, &checked, file, &original.bytes, &mine);
    }
    // Saved: committed too, where the user asked.
    let finish = || {
        if !form.has("commit") {
            return Reply::redirect(&done);
        }
        let message = Some(form.text("message").trim()).filter(|m| !m.is_empty());
        let message = message.map_or_else(|| format!("Update {file}"), str::to_owned);
        match super::repository::commit(&asked.workspace.root, file, &message) {
            Ok(()) => Reply::redirect(&format!("{base}/record/{}?done=committed", encode_path(file))),
            Err(why) => pages::failed(asked, &format!("Saved, but not committed: {why}")),
        }
    };
    if original.bytes == mine.as_bytes() {
        return finish();
    }
    let disk = original.bytes.clone();
    let staged = match write::stage(original, mine.as_bytes()) {
        Ok(staged) => staged,
        Err(error) => return pages::failed(asked, &error.to_string()),
    };
    match write::replace_unchanged(vec![staged]) {
        Ok(()) => finish(),
        Err(write::NotReplaced::Changed(_)) => {
            let now = crate::read::ordinary(&path).unwrap_or(disk);
            conflict::page(asked, &checked, file, &now, &mine)
        }
        Err(write::NotReplaced::Failed(error)) => pages::failed(asked, &error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        Form::parse(form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish().as_bytes())
    }

    #[test]
    fn keeps_a_byte_order_mark_and_windows_line_endings() {
        let base = "\u{feff}---\r\ntitle: Old\r\ntype: reflection\r\ndate: 2026-01-02\r\ndraft: true\r\n---\r\nText.\r\n";
        let sent =
            form(&[("fields", "1"), ("title", "New"), ("date", "2026-01-02"), ("body", "Text,\nmore.\n")]);
        let expected = "\u{feff}---\r\ntitle: New\r\ntype: reflection\r\ndate: 2026-01-02\r\ndraft: false\r\n---\r\nText,\r\nmore.\r\n";
        assert_eq!(compose(base, &sent), expected);
    }

    #[test]
    fn a_field_not_in_the_form_is_left_alone_and_a_bad_date_is_quoted() {
        let base = "---\ntitle: T\ntype: feedback\nkind: colleague\ndate: 2026-01-02\n---\nBody\n";
        assert_eq!(compose(base, &form(&[("title", "T")])), base);
        let changed = compose(base, &form(&[("date", "2nd: of May")]));
        assert_eq!(changed, base.replace("date: 2026-01-02", "date: \"2nd: of May\""));
        let emptied = compose(base, &form(&[("kind", "")]));
        assert_eq!(emptied, base.replace("kind: colleague\n", ""));
    }

    #[test]
    fn a_file_that_cannot_be_read_into_fields_is_written_whole() {
        let base = "---\ntitle: [unclosed\n---\r\n";
        let sent = form(&[("raw", "1"), ("text", "---\r\ntitle: Fixed\r\n---\r\n")]);
        assert_eq!(compose(base, &sent), "---\r\ntitle: Fixed\r\n---\r\n");
        assert_eq!(compose("---\ntitle: [unclosed\n---\n", &sent), "---\ntitle: Fixed\n---\n");
    }
}
