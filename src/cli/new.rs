//! `pqs new <type> [PATH]`.

use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use clap::builder::{PossibleValue, PossibleValuesParser, StringValueParser, TypedValueParser};
use clap::{Args, ValueHint};

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
    #[arg(default_value_os_t = default_path(), value_hint = ValueHint::DirPath)]
    pub path: PathBuf,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// The date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The kind: formative or direct for an observation; supervisee, colleague, manager,
    /// person-using-services, carer or other for feedback.
    #[arg(long, value_parser = Kinds, hide_possible_values = true)]
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
    #[arg(long, value_name = "FOLDER", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
    /// Open the new record in $VISUAL or $EDITOR (without either, it says how to set one).
    #[arg(long)]
    pub edit: bool,
}

/// `--kind`: any word is taken here, as which kinds suit a record depends on its type and
/// [`new::complete`] says so in plain words; the kinds of every type are offered to the shell's
/// completion.
#[derive(Clone, Copy, Debug)]
struct Kinds;

impl TypedValueParser for Kinds {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let kinds = RecordType::ALL.into_iter().flat_map(|record_type| {
            record_type
                .kinds()
                .iter()
                .map(move |kind| PossibleValue::new(*kind).help(format!("{record_type}")))
        });
        Some(Box::new(kinds))
    }
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
    let record = new::complete(record_type, given, &framework, session.today, session.ask.as_mut())?;
    let text = crate::templates::record::render(&record, &templates, &framework)?;
    let template = crate::templates::record::template_name(record_type);
    super::templates::warn_outdated(&templates, Some(&template), session.err);
    let path = new::write(&folder, &new::file_stem(&record), &text)?;
    writeln!(session.out, "{}", shown(&path)).context("could not write to the terminal")?;
    if args.edit {
        match editor() {
            Some(editor) => edit(&editor, &path)?,
            None => writeln!(session.err, "{NO_EDITOR}").context("could not write to the terminal")?,
        }
    }
    Ok(SUCCESS)
}

/// What `--edit` says when no editor is named: the record is written all the same.
const NO_EDITOR: &str =
    "note: the new record is written (above), but `--edit` could not open it: no editor is set.
  Set VISUAL (or EDITOR) to your editor's command, for example VISUAL=nano or VISUAL=\"code --wait\";
  until then, open the file as you open any other.";

/// `--dir` must name a folder under the evidence folder.
fn inside(dir: &Path) -> Result<&Path, Error> {
    let leaves = dir.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if leaves {
        return Err(InputError::OutsideEvidence { value: dir.display().to_string() }.into());
    }
    Ok(dir)
}

/// The person's editor: `$VISUAL`, else `$EDITOR`.
fn editor() -> Option<String> {
    ["VISUAL", "EDITOR"].iter().find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
}

/// Open `path` in `editor` and wait for it. On Unix the shell reads `editor`, as git does, so
/// quotes and a path with spaces in it work (`VISUAL="code --wait"`); elsewhere a value that names
/// a program is run as it is, and any other is split at spaces.
fn edit(editor: &str, path: &Path) -> anyhow::Result<()> {
    let mut command = if cfg!(unix) {
        let mut shell = std::process::Command::new("sh");
        shell.arg("-c").arg(format!("{editor} \"$@\"")).arg(editor);
        shell
    } else if Path::new(editor).is_file() {
        std::process::Command::new(editor)
    } else {
        let mut words = editor.split_whitespace();
        let mut program = std::process::Command::new(words.next().unwrap_or_default());
        program.args(words);
        program
    };
    let status = command.arg(path).status().with_context(|| {
        format!(
            "the new record is written, but the editor `{editor}` (from VISUAL or EDITOR) could not start"
        )
    })?;
    // 127: the shell found no such program.
    if cfg!(unix) && status.code() == Some(127) {
        anyhow::bail!(
            "the new record is written, but the editor `{editor}` (from VISUAL or EDITOR) could not start: \
             there is no such program"
        );
    }
    if !status.success() {
        anyhow::bail!("the editor `{editor}` stopped with {status}; the new record is written");
    }
    Ok(())
}
