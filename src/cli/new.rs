//! `pqs new <type> [PATH]`.

use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use clap::builder::PossibleValuesParser;

use super::{SUCCESS, Session, default_path, shown};
use crate::error::{Error, InputError};
use crate::framework::Framework;
use crate::model::RecordType;
use crate::portfolio::manifest;
use crate::scaffold::new;
use crate::scaffold::new::Given;
use crate::templates::Templates;

/// Arguments of `pqs new`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs new observation --kind formative --observer \"Sam Patel (mentor)\" --standards 6.1,6.4\n  pqs new reflection --title \"After the team meeting\" --edit"
)]
pub struct NewArgs {
    /// The type of record.
    #[arg(value_parser = PossibleValuesParser::new(RecordType::NAMES))]
    pub record_type: String,
    /// The portfolio, or any folder inside it.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// The date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The kind: formative or direct for an observation; supervisee, colleague, manager,
    /// person-using-services, carer or other for feedback.
    #[arg(long)]
    pub kind: Option<String>,
    /// Who observed (observations).
    #[arg(long)]
    pub observer: Option<String>,
    /// Where it happened, e.g. "group supervision" (observations).
    #[arg(long)]
    pub setting: Option<String>,
    /// Standards and statements it evidences, e.g. 6.1,6.2.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub standards: Vec<String>,
    /// Tags, e.g. group,restorative.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub tags: Vec<String>,
    /// A folder under the evidence folder to write it in, e.g. observations.
    #[arg(long, value_name = "FOLDER")]
    pub dir: Option<PathBuf>,
    /// Open the new record in $VISUAL or $EDITOR.
    #[arg(long)]
    pub edit: bool,
}

pub(super) fn run(args: &NewArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let record_type = RecordType::from_name(&args.record_type)
        .ok_or_else(|| Error::UnknownRecordType { value: args.record_type.clone() })?;
    let root = manifest::find(&args.path)?;
    let (manifest, _) = manifest::read(&root)?;
    let framework = Framework::load(&manifest.framework, &root)?;
    let templates = Templates::load(Some(&root))?;
    let folder = match &args.dir {
        Some(dir) => root.join(&manifest.evidence).join(inside(dir)?),
        None => root.join(&manifest.evidence),
    };
    let given = Given {
        title: args.title.clone(),
        date: args.date.clone(),
        kind: args.kind.clone(),
        observer: args.observer.clone(),
        setting: args.setting.clone(),
        standards: args.standards.clone(),
        tags: args.tags.clone(),
    };
    let editor = if args.edit { Some(editor()?) } else { None };
    let record = new::complete(record_type, given, &framework, session.today, session.ask.as_mut())?;
    let text = crate::templates::record::render(&record, &templates, &framework)?;
    let template = crate::templates::record::template_name(record_type);
    super::templates::warn_outdated(&templates, Some(&template), session.err);
    let path = new::write(&folder, &new::file_stem(&record), &text)?;
    writeln!(session.out, "{}", shown(&path)).context("could not write to the terminal")?;
    if let Some(editor) = editor {
        edit(&editor, &path)?;
    }
    Ok(SUCCESS)
}

/// `--dir` must name a folder under the evidence folder.
fn inside(dir: &Path) -> Result<&Path, Error> {
    let leaves = dir.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if leaves {
        return Err(InputError::OutsideEvidence { value: dir.display().to_string() }.into());
    }
    Ok(dir)
}

/// The person's editor: `$VISUAL`, else `$EDITOR`.
fn editor() -> Result<String, Error> {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .ok_or_else(|| InputError::NoEditor.into())
}

/// Open `path` in `editor` and wait for it.
fn edit(editor: &str, path: &Path) -> anyhow::Result<()> {
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .with_context(|| format!("could not start the editor `{editor}`"))?;
    if !status.success() {
        anyhow::bail!("the editor `{editor}` stopped with {status}");
    }
    Ok(())
}
