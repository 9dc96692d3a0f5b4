//! `pqs templates list | export | show`: which template makes what, copying some of them out to
//! edit, and the warning `pqs check`, `pqs render` and `pqs report` give about a copy of an
//! older built-in template.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use super::{SUCCESS, Session, default_path, shown};
use crate::error::Error;
use crate::portfolio::manifest;
use crate::suggest::nearest;
use crate::templates::catalogue::{self, Output};
use crate::templates::copies::{self, Exported, Standing};
use crate::templates::{BUILT_IN, FOLDER, Templates};

/// Arguments of `pqs templates`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  pqs templates list\n  pqs templates export pack/cover.html.tera\n  \
                        pqs templates show pack.typ.tera")]
pub struct TemplatesArgs {
    /// What to do with the templates.
    #[command(subcommand)]
    pub action: TemplatesAction,
}

/// What `pqs templates` can do.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// List the templates: what each one makes, for which output, and which ones the portfolio
    /// has its own copy of.
    List {
        /// The portfolio, or any folder inside it; or a folder of portfolios (a cohort).
        #[arg(default_value_os_t = default_path())]
        path: PathBuf,
    },
    /// Copy built-in templates into the portfolio's `templates/` folder, to edit them. Copy only
    /// those you mean to change: a copy no longer gets pqs's later fixes to that template.
    /// A file already there is never overwritten (a copy you have not edited is brought up to
    /// date).
    Export {
        /// The templates to copy, by name, as `pqs templates list` gives them
        /// (e.g. `pack/cover.html.tera`).
        #[arg(value_name = "NAME", conflicts_with = "all")]
        names: Vec<String>,
        /// Copy every template.
        #[arg(long)]
        all: bool,
        /// The portfolio, or any folder inside it; or a folder of portfolios (a cohort).
        #[arg(long = "in", value_name = "FOLDER", default_value_os_t = default_path())]
        folder: PathBuf,
    },
    /// Print a built-in template as `export` would write it, to compare with your copy.
    Show {
        /// The template, by name (e.g. `pack/cover.html.tera`).
        #[arg(value_name = "NAME")]
        name: String,
    },
}

pub(super) fn run(args: &TemplatesArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let out = &mut *session.out;
    match &args.action {
        TemplatesAction::List { path } => list(&root(path)?, out)?,
        TemplatesAction::Export { names, all, folder } => {
            let names: Vec<&str> = if *all {
                BUILT_IN.iter().map(|(name, _)| *name).collect()
            } else if names.is_empty() {
                bail!(
                    "name the templates to copy, e.g. `pqs templates export pack/cover.html.tera`\n  help: \
                     `pqs templates list` lists them; `--all` copies every one, but a copy no longer gets \
                     pqs's later fixes, so copy only those you mean to change"
                )
            } else {
                names.iter().map(|name| known(name)).collect::<anyhow::Result<_>>()?
            };
            let root = root(folder)?;
            let names = if is_cohort(&root) { for_cohort(names, *all)? } else { names };
            let mut written = Vec::new();
            for ((path, exported), name) in copies::export(&root, &names)?.into_iter().zip(&names) {
                writeln!(out, "{}", exported_line(&shown(&path), exported)).context(TERMINAL)?;
                if exported == Exported::Written {
                    written.push(*name);
                }
            }
            if let Some(other) = other_pack(&written, &root) {
                writeln!(out, "{other}").context(TERMINAL)?;
            }
        }
        TemplatesAction::Show { name } => {
            let text = copies::marked(known(name)?).unwrap_or_default();
            out.write_all(text.as_bytes()).context(TERMINAL)?;
        }
    }
    Ok(SUCCESS)
}

const TERMINAL: &str = "could not write to the terminal";

/// The folder whose `templates/` is meant: the portfolio around `path`, else the cohort there.
fn root(path: &Path) -> Result<PathBuf, Error> {
    // `pqs.yaml` is a portfolio's, and a folder without one is a cohort's: see `is_cohort`.
    match manifest::find(path) {
        Err(Error::NoManifest { .. }) if path.is_dir() && !crate::cohort::discover(path).is_empty() => {
            dunce::canonicalize(path).map_err(Error::reading(path))
        }
        found => found,
    }
}

/// Whether `root` is a cohort's folder, where only the cohort page's template is used (each
/// portfolio's other templates are in its own folder).
fn is_cohort(root: &Path) -> bool {
    !root.join(manifest::FILE_NAME).is_file()
}

/// The templates of `names` (or of them `all`) a cohort's folder uses: the cohort page's; any
/// other is refused.
fn for_cohort(names: Vec<&'static str>, all: bool) -> anyhow::Result<Vec<&'static str>> {
    if all {
        return Ok(vec![COHORT_PAGE]);
    }
    if let Some(other) = names.iter().find(|name| **name != COHORT_PAGE) {
        bail!(
            "`{other}` is not used in a cohort's folder, only `{COHORT_PAGE}` is\n  help: copy it into a \
             portfolio's folder: `pqs templates export {other} --in <portfolio>`"
        );
    }
    Ok(names)
}

/// The template of the cohort page, the one a cohort's folder uses.
const COHORT_PAGE: &str = "cohort.html.tera";

/// The built-in template `written` names: its name, or its path from the portfolio
/// (`templates/pack/cover.html.tera`), or the start of either when only one template has it
/// (`cover`, `pack/cover`, `observation`).
fn known(written: &str) -> anyhow::Result<&'static str> {
    let names: Vec<&'static str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
    let given = written.trim().replace('\\', "/");
    let given = given.trim_start_matches("./");
    let given = given.strip_prefix(&format!("{FOLDER}/")).unwrap_or(given);
    if let Some(name) = names.iter().find(|name| **name == given) {
        return Ok(name);
    }
    let starts = |name: &str| name == given || name.starts_with(&format!("{given}."));
    let matching: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| starts(name) || name.split('/').next_back().is_some_and(starts))
        .collect();
    match matching.as_slice() {
        [name] => Ok(name),
        [] if Path::new(written).is_dir() => bail!(
            "`{written}` is a folder, not a template\n  help: name the templates to copy, and give the \
             folder with `--in`: `pqs templates export pack/cover.html.tera --in {written}`"
        ),
        [] => {
            // Compared with the names and with their files' names alone (`cover`).
            let short = |name: &'static str| name.rsplit('/').next().and_then(|file| file.split('.').next());
            let shorts: Vec<&str> = names.iter().filter_map(|name| short(name)).collect();
            let near = nearest(given, &names).or_else(|| {
                nearest(given, &shorts).and_then(|s| names.iter().copied().find(|n| short(n) == Some(s)))
            });
            let hint = near.map(|name| format!("did you mean `{name}`? ")).unwrap_or_default();
            bail!("`{written}` is not one of pqs's templates\n  help: {hint}`pqs templates list` lists them")
        }
        several => bail!(
            "`{written}` could be any of {}\n  help: give the whole name",
            several.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// What to say after new copies (`written`) of one pack's templates when `root` has none of the
/// other pack's: a change to one pack's templates does not reach the other pack.
fn other_pack(written: &[&str], root: &Path) -> Option<&'static str> {
    let of = |output: Output, name: &str| catalogue::about(name).is_some_and(|about| about.output == output);
    let has = |output: Output| {
        BUILT_IN.iter().any(|(name, _)| of(output, name) && root.join(FOLDER).join(name).exists())
    };
    let wrote = |output: Output| written.iter().any(|name| of(output, name));
    let html = wrote(Output::HtmlPack) && !has(Output::PdfPack);
    let pdf = wrote(Output::PdfPack) && !has(Output::HtmlPack);
    match (html, pdf) {
        (true, false) => Some(
            "The PDF pack is made from another template: to make the same change there, \
             `pqs templates export pack.typ.tera`.",
        ),
        (false, true) => Some(
            "The HTML pack is made from other templates (`pqs templates list` names them): a change \
             to the PDF's does not reach it.",
        ),
        _ => None,
    }
}

/// What `export` says it did with one file.
fn exported_line(path: &str, exported: Exported) -> String {
    match exported {
        Exported::Written => format!("wrote {path}"),
        Exported::Updated => format!("updated {path} (you had not changed it)"),
        Exported::Kept(Standing::Current) => format!("kept your {path}"),
        Exported::Kept(Standing::Outdated { .. }) => {
            format!("kept your {path} (you changed it; `pqs templates show` prints the new built-in one)")
        }
        Exported::Kept(Standing::Own) => format!("kept your {path} (your own template)"),
    }
}

/// Every template by output: its name, what it makes, and whether `root` has its own copy.
fn list(root: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let templates = Templates::load(Some(root))?;
    let head = format!(
        "Templates, by what they make. A file of the same name in the `{FOLDER}/` folder replaces the\n\
         built-in one. The HTML and the PDF packs are made from different templates: a change to the\n\
         HTML pack's cover (`pack/cover.html.tera`) is made again in `pack.typ.tera` for the PDF.\n"
    );
    out.write_all(head.as_bytes()).context(TERMINAL)?;
    if is_cohort(root) {
        let note = format!(
            "This is a cohort's folder: only `{COHORT_PAGE}` is used from its `{FOLDER}/`; each portfolio's\n\
             other templates are in the portfolio's own `{FOLDER}/` folder.\n"
        );
        out.write_all(note.as_bytes()).context(TERMINAL)?;
    }
    for output in Output::ALL {
        writeln!(out, "\n{}", output.title()).context(TERMINAL)?;
        for (name, _) in BUILT_IN {
            let Some(about) = catalogue::about(name).filter(|about| about.output == output) else { continue };
            writeln!(out, "  {name}{}\n      {}", own_copy(&templates, name), about.makes)
                .context(TERMINAL)?;
        }
    }
    let unused = copies::unused(root);
    if !unused.is_empty() {
        writeln!(out, "\nNot used (no template has the name)").context(TERMINAL)?;
        for file in unused {
            let meant = file.meant.map(|name| format!("\n      did you mean {name}?")).unwrap_or_default();
            writeln!(out, "  {FOLDER}/{}{meant}", file.name).context(TERMINAL)?;
        }
    }
    let copy = "\nCopy one to edit it: pqs templates export pack/cover.html.tera\n";
    out.write_all(copy.as_bytes()).context(TERMINAL)
}

/// What the list says of the portfolio's own copy of `name`, if it has one.
fn own_copy(templates: &Templates, name: &str) -> &'static str {
    let Some(own) = templates.own_text(name) else { return "" };
    match copies::standing(name, own) {
        Standing::Current => "   (your copy is used)",
        Standing::Outdated { .. } => "   (your copy is used: it is of an older version)",
        Standing::Own => "   (your own template is used)",
    }
}

/// Warn on standard error, once for each, of the copies among `templates` of older built-in
/// templates (pqs's own have changed since: fixes they do not get), and of the `.tera` files in
/// `<root>/templates/` that pqs does not use.
pub(super) fn warn(templates: &Templates, root: &Path, err: &mut dyn Write) {
    warn_outdated(templates, None, err);
    if is_cohort(root) {
        for (name, _) in BUILT_IN.iter().filter(|(name, _)| *name != COHORT_PAGE) {
            if templates.own_text(name).is_some() {
                let _ = writeln!(
                    err,
                    "warning: `{}` is not used: a cohort's folder uses only `{FOLDER}/{COHORT_PAGE}`\n  help: \
                     move it into each portfolio's `{FOLDER}/` folder that should use it",
                    shown(&templates.origin(name))
                );
            }
        }
    }
    for unused in copies::unused(root) {
        let meant = unused.meant.map(|name| format!("did you mean `{FOLDER}/{name}`? ")).unwrap_or_default();
        let _ = writeln!(
            err,
            "warning: `{}` is not used: no template of pqs is named `{}`\n  help: {meant}`pqs templates \
             list` lists the names",
            shown(&unused.file),
            unused.name
        );
    }
}

/// Warn on standard error of the copies among `templates` of older built-in templates, or only
/// of the copy of `only` when it is given.
pub(super) fn warn_outdated(templates: &Templates, only: Option<&str>, err: &mut dyn Write) {
    let outdated = copies::outdated(templates);
    for copy in outdated.iter().filter(|copy| only.is_none_or(|name| copy.name == name)) {
        let file = shown(&copy.file);
        let name = &copy.name;
        let help = if copy.edited {
            format!(
                "see the new one with `pqs templates show {name}`, and make your changes in it again; or \
                 delete your copy to use the built-in one"
            )
        } else {
            format!("you have not changed it: `pqs templates export {name}` brings it up to date")
        };
        let _ = writeln!(
            err,
            "warning: `{file}` is a copy of an older version of pqs's template `{name}`, which has \
             changed since\n  help: {help}"
        );
    }
}

/// The hidden `pqs template-worker`: render what another pqs sends on standard input (see
/// [`crate::templates::budget`]).
pub(super) fn worker(session: &mut Session<'_>) -> anyhow::Result<u8> {
    Templates::serve(&mut std::io::stdin().lock(), session.out).context("could not render the templates")?;
    Ok(SUCCESS)
}
