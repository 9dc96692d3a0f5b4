//! Templates: the built-in ones are files under `templates/`, embedded in the binary; a
//! portfolio's own `templates/` folder overrides any of them by name, and [`copies::export`]
//! copies built-in ones out to be edited ([`catalogue`] says what each makes). A portfolio's own
//! templates are read only if they are ordinary files inside it, and run within a [`budget`].

pub mod budget;
pub mod catalogue;
pub mod copies;
pub mod record;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::error::Error;
use crate::templates::budget::{Failure, Limited, Reply, Request};

/// The folder of a portfolio that holds its own templates.
pub const FOLDER: &str = "templates";

/// The built-in templates: name (a path under `templates/`) and text.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("new/observation.md.tera", include_str!("../templates/new/observation.md.tera")),
    ("new/reflection.md.tera", include_str!("../templates/new/reflection.md.tera")),
    ("new/supervision.md.tera", include_str!("../templates/new/supervision.md.tera")),
    ("new/feedback.md.tera", include_str!("../templates/new/feedback.md.tera")),
    ("new/self-assessment.md.tera", include_str!("../templates/new/self-assessment.md.tera")),
    ("new/pdp.md.tera", include_str!("../templates/new/pdp.md.tera")),
    ("new/pdp-review.md.tera", include_str!("../templates/new/pdp-review.md.tera")),
    ("new/learning.md.tera", include_str!("../templates/new/learning.md.tera")),
    ("new/mentor-report.md.tera", include_str!("../templates/new/mentor-report.md.tera")),
    ("new/other.md.tera", include_str!("../templates/new/other.md.tera")),
    ("pack.html.tera", include_str!("../templates/pack.html.tera")),
    ("cohort.html.tera", include_str!("../templates/cohort.html.tera")),
    ("pack.typ.tera", include_str!("../templates/pack.typ.tera")),
    ("pack/style.css.tera", include_str!("../templates/pack/style.css.tera")),
    ("pack/cover.html.tera", include_str!("../templates/pack/cover.html.tera")),
    ("pack/status.html.tera", include_str!("../templates/pack/status.html.tera")),
    ("pack/contents.html.tera", include_str!("../templates/pack/contents.html.tera")),
    ("pack/record.html.tera", include_str!("../templates/pack/record.html.tera")),
    ("pack/attachments.html.tera", include_str!("../templates/pack/attachments.html.tera")),
    ("serve/layout.html.tera", include_str!("../templates/serve/layout.html.tera")),
    ("serve/dashboard.html.tera", include_str!("../templates/serve/dashboard.html.tera")),
    ("serve/records.html.tera", include_str!("../templates/serve/records.html.tera")),
    ("serve/record.html.tera", include_str!("../templates/serve/record.html.tera")),
    ("serve/edit.html.tera", include_str!("../templates/serve/edit.html.tera")),
    ("serve/conflict.html.tera", include_str!("../templates/serve/conflict.html.tera")),
    ("serve/new.html.tera", include_str!("../templates/serve/new.html.tera")),
    ("serve/pack.html.tera", include_str!("../templates/serve/pack.html.tera")),
    ("serve/cohort.html.tera", include_str!("../templates/serve/cohort.html.tera")),
    ("serve/message.html.tera", include_str!("../templates/serve/message.html.tera")),
    ("serve/findings.html.tera", include_str!("../templates/serve/findings.html.tera")),
];

/// The templates a portfolio uses: built-in, overridden by its own files.
#[derive(Clone, Debug)]
pub struct Templates {
    /// Shared by every portfolio without templates of its own: a cohort compiles them once.
    tera: Arc<Tera>,
    /// For each template, where it came from (a file, or `None` for built-in).
    origins: Vec<(&'static str, Option<PathBuf>)>,
    /// The portfolio's own templates (name and text), for the process that renders them.
    own: Arc<Vec<(String, String)>>,
}

impl Templates {
    /// The built-in templates, overridden by those in `<root>/templates/` when `root` is given.
    /// A template there that is not an ordinary file inside the portfolio (a link leading out of
    /// it, a pipe, a device) is never read: it is an error naming it.
    pub fn load(root: Option<&Path>) -> Result<Templates, Error> {
        let folder = root.map(|r| r.join(FOLDER)).filter(|folder| folder.is_dir());
        let (Some(root), Some(folder)) = (root, folder) else { return Templates::built_in() };
        let real_root = dunce::canonicalize(root).map_err(Error::reading(root))?;
        let mut origins = Vec::new();
        let mut texts = Vec::new();
        let mut own = Vec::new();
        for (name, text) in BUILT_IN {
            let path = folder.join(name);
            let text = match std::fs::symlink_metadata(&path) {
                Ok(_) => {
                    let text = read_own(&path, &real_root)?;
                    own.push(((*name).to_owned(), text.clone()));
                    origins.push((*name, Some(path)));
                    text
                }
                Err(_) => {
                    origins.push((*name, None));
                    (*text).to_owned()
                }
            };
            texts.push((*name, text));
        }
        if own.is_empty() {
            return Templates::built_in();
        }
        let tera =
            compile(texts, |name| origins.iter().find(|(n, _)| *n == name).and_then(|(_, p)| p.clone()))?;
        Ok(Templates { tera: Arc::new(tera), origins, own: Arc::new(own) })
    }

    /// The built-in templates alone, compiled once per run.
    pub fn built_in() -> Result<Templates, Error> {
        static COMPILED: OnceLock<Arc<Tera>> = OnceLock::new();
        let tera = match COMPILED.get() {
            Some(tera) => Arc::clone(tera),
            None => {
                let texts = BUILT_IN.iter().map(|(name, text)| (*name, (*text).to_owned()));
                let tera = Arc::new(compile(texts, |_| None)?);
                Arc::clone(COMPILED.get_or_init(|| tera))
            }
        };
        let origins = BUILT_IN.iter().map(|(name, _)| (*name, None)).collect();
        Ok(Templates { tera, origins, own: Arc::default() })
    }

    /// Whether every template is the built-in one.
    pub fn is_built_in(&self) -> bool {
        self.origins.iter().all(|(_, own)| own.is_none())
    }

    /// Where the template `name` came from: the portfolio's file, or the built-in name.
    pub fn origin(&self, name: &str) -> PathBuf {
        let own = self.origins.iter().find(|(n, _)| *n == name).and_then(|(_, p)| p.clone());
        own.unwrap_or_else(|| built_in_path(name))
    }

    /// The text of the template `name`: the portfolio's own, as read when the templates were
    /// loaded, or the built-in one; `None` for a name that is no template.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.own_text(name).or_else(|| BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text))
    }

    /// The portfolio's own text of the template `name`, if it has one.
    pub fn own_text(&self, name: &str) -> Option<&str> {
        self.own.iter().find(|(n, _)| n == name).map(|(_, text)| text.as_str())
    }

    /// Render the template `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Error> {
        let mut texts = self.render_all(&[(name.to_owned(), context.clone())])?;
        Ok(texts.pop().unwrap_or_default())
    }

    /// Render each template of `jobs` with its context, in order. A portfolio's own templates
    /// run within the [`budget`]: one over it is an error naming it.
    pub fn render_all(&self, jobs: &[(String, Context)]) -> Result<Vec<String>, Error> {
        let replies = if self.is_built_in() {
            // pqs's own templates make what their data asks for: the pack's size is bounded
            // where it is made.
            let render = |(name, context): &(String, Context)| match self.tera.render(name, context) {
                Ok(text) => Reply::Text(text),
                Err(error) => failed(name, &error),
            };
            jobs.iter().map(render).collect()
        } else {
            let jobs = jobs.iter().map(|(name, context)| (name.clone(), budget::context_json(context)));
            let request = Request { own: self.own.to_vec(), jobs: jobs.collect() };
            budget::in_worker(&request).unwrap_or_else(|| {
                let contexts = request.jobs.iter().map(|(name, json)| (name, Context::from_serialize(json)));
                let render = |(name, context): (&String, tera::TeraResult<Context>)| match context {
                    Ok(context) => render_limited(&self.tera, name, &context),
                    Err(error) => failed(name, &error),
                };
                contexts.map(render).collect()
            })
        };
        replies
            .into_iter()
            .map(|reply| match reply {
                Reply::Text(text) => Ok(text),
                Reply::Failed(Failure { name, line, message }) => {
                    // A failure at a line is in the template tera names; one without, perhaps not.
                    let name = if line.is_none() { self.at_fault(&name) } else { &name };
                    Err(Error::Template { file: self.origin(name), line, message })
                }
            })
            .collect()
    }

    /// The template to name for a failure in `name` that says nothing of where it is (one
    /// stopped over its budget): a built-in template goes wrong only through a portfolio's own
    /// template it includes, so when it includes just one, that one is named.
    fn at_fault<'n>(&'n self, name: &'n str) -> &'n str {
        if self.own_text(name).is_some() {
            return name;
        }
        let mut included = Vec::new();
        let mut next = vec![name];
        while let Some(including) = next.pop() {
            let text = self.text(including).unwrap_or_default();
            for (own, _) in self.own.iter() {
                let quoted = [format!("\"{own}\""), format!("'{own}'")];
                if quoted.iter().any(|q| text.contains(q.as_str())) && !included.contains(&own.as_str()) {
                    included.push(own.as_str());
                    next.push(own.as_str());
                }
            }
        }
        match included.as_slice() {
            [only] => only,
            _ => name,
        }
    }

    /// The worker's side of [`budget`]: read what to render from `input`, compile the built-in
    /// templates overridden by the ones given, and write what each makes to `output`.
    pub fn serve(input: &mut dyn io::Read, output: &mut dyn io::Write) -> io::Result<()> {
        let request = budget::read_request(input)?;
        let texts = BUILT_IN.iter().map(|(name, text)| {
            let own = request.own.iter().find(|(n, _)| n == name).map(|(_, text)| text.clone());
            (*name, own.unwrap_or_else(|| (*text).to_owned()))
        });
        let tera = compile(texts, |_| None).map_err(|error| io::Error::other(error.to_string()))?;
        for (name, json) in &request.jobs {
            let reply = match Context::from_serialize(json) {
                Ok(context) => render_limited(&tera, name, &context),
                Err(error) => failed(name, &error),
            };
            budget::write_reply(output, &reply)?;
        }
        Ok(())
    }
}

/// Compile `texts` (name and text) together, so that they can include each other; `own` says
/// which file a template came from, for the error naming a broken one.
fn compile(
    texts: impl IntoIterator<Item = (&'static str, String)>,
    own: impl Fn(&str) -> Option<PathBuf>,
) -> Result<Tera, Error> {
    let mut tera = engine();
    tera.add_raw_templates(texts).map_err(|e| {
        // An error that names no template is about the portfolio's own templates as a whole.
        let file = failing_template(&e)
            .map_or_else(|| PathBuf::from(FOLDER), |name| own(name).unwrap_or_else(|| built_in_path(name)));
        template_error(file, &e)
    })?;
    Ok(tera)
}

/// Render a built-in template that a portfolio cannot override (the files `pqs init` writes).
pub fn render_one(name: &str, text: &str, context: &Context) -> Result<String, Error> {
    let mut tera = engine();
    tera.add_raw_template(name, text).map_err(|e| template_error(built_in_path(name), &e))?;
    tera.render(name, context).map_err(|e| template_error(built_in_path(name), &e))
}

/// A template engine with pqs's filters. HTML templates (`.html.tera`) escape every value; the
/// others (Markdown, YAML, typst) use the `yaml` and `typst` filters where values need quoting.
fn engine() -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on([".html.tera"]);
    tera.register_filter("yaml", yaml);
    tera.register_filter("typst", typst_literal);
    tera
}

/// `{{ value | typst }}`: a value as a typst string literal, so it is always text.
fn typst_literal(value: Value, _: Kwargs, _: &State) -> String {
    let text = match value.as_str() {
        Some(text) => text.to_owned(),
        None => value.to_string(),
    };
    typst_text(&text)
}

/// A text as a typst string literal for the PDF pack, a character no bundled font can show
/// written as its code.
#[cfg(feature = "pdf")]
fn typst_text(text: &str) -> String {
    crate::typeset::literal::literal(text)
}

/// A text as a typst string literal. A pqs without PDF support has no fonts to ask and makes no
/// PDF; its templates are still compiled (a portfolio's own `pack.typ.tera` too), so the filter
/// is there and quotes every character.
#[cfg(not(feature = "pdf"))]
fn typst_text(text: &str) -> String {
    crate::typeset::string::quoted(text, |_| true)
}

/// `{{ value | yaml }}`: a value written so that YAML reads it back exactly (strings quoted,
/// lists as `["6.1", "6.2"]`).
fn yaml(value: Value, _: Kwargs, _: &State) -> String {
    serde_json::to_string(&value).unwrap_or_default()
}

/// The name of the template an error is in, when the error says.
fn failing_template(error: &tera::Error) -> Option<&'static str> {
    let file = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => report.filename(),
        // Other errors (a template that extends or includes one that does not exist) name the
        // template in their words.
        _ => {
            let text = error.to_string();
            let named =
                |name: &str| text.contains(&format!("'{name}'")) || text.contains(&format!("--> {name}:"));
            return BUILT_IN.iter().map(|(name, _)| *name).find(|name| named(name));
        }
    };
    BUILT_IN.iter().map(|(name, _)| *name).find(|name| *name == file)
}

/// How a built-in template is named in messages.
fn built_in_path(name: &str) -> PathBuf {
    PathBuf::from(format!("<built-in {FOLDER}/{name}>"))
}

fn template_error(file: PathBuf, error: &tera::Error) -> Error {
    let (line, message) = line_and_message(error);
    Error::Template { file, line, message }
}

/// The line an error of tera's is at, when it says, and its words.
fn line_and_message(error: &tera::Error) -> (Option<usize>, String) {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            (Some(report.span().start_line), report.message().to_owned())
        }
        _ => (None, error.to_string()),
    }
}

/// The template `name` failed with `error` (perhaps in a template it includes).
fn failed(name: &str, error: &tera::Error) -> Reply {
    let (line, message) = line_and_message(error);
    let name = failing_template(error).unwrap_or(name).to_owned();
    Reply::Failed(Failure { name, line, message })
}

/// Render `name` with `context`, making at most [`budget::OUTPUT`] bytes.
fn render_limited(tera: &Tera, name: &str, context: &Context) -> Reply {
    let mut output = Limited::default();
    match tera.render_to(name, context, &mut output) {
        Ok(()) => match String::from_utf8(output.bytes) {
            Ok(text) => Reply::Text(text),
            Err(_) => {
                let message = "it made text that is not UTF-8".to_owned();
                Reply::Failed(Failure { name: name.to_owned(), line: None, message })
            }
        },
        Err(_) if output.over => {
            Reply::Failed(Failure { name: name.to_owned(), line: None, message: budget::over_budget() })
        }
        Err(error) => failed(name, &error),
    }
}

/// The text of a portfolio's own template at `path`, if it is an ordinary file inside the
/// portfolio (whose real folder is `real_root`), read at its real place; else why not.
fn read_own(path: &Path, real_root: &Path) -> Result<String, Error> {
    let refuse =
        |message: &str| Error::Template { file: path.to_path_buf(), line: None, message: message.to_owned() };
    let real = dunce::canonicalize(path).map_err(Error::reading(path))?;
    if !real.starts_with(real_root) {
        return Err(refuse(
            "it is a link to a file outside the portfolio, and pqs reads only files inside it",
        ));
    }
    if !std::fs::metadata(&real).map_err(Error::reading(path))?.is_file() {
        return Err(refuse("it is not an ordinary file (a folder, pipe or device), so pqs does not read it"));
    }
    crate::read::ordinary_text(&real).map_err(Error::reading(path))
}

#[cfg(test)]
mod tests;
