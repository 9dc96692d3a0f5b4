//! `pqs schema [--manifest]` prints a schema; `pqs schema --write DIR` writes both, for an
//! editor's settings to name.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueHint};

use super::{SUCCESS, Session, shown};
use crate::error::Error;
use crate::schema::{self, Written};

/// Arguments of `pqs schema`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  pqs schema --write .vscode\n  pqs schema --manifest")]
pub struct SchemaArgs {
    /// Print the schema of `pqs.yaml` instead of a record's front-matter.
    #[arg(long, conflicts_with = "write")]
    pub manifest: bool,
    /// Write both schemas into this folder (created if needed) as pqs-record.schema.json and
    /// pqs-manifest.schema.json, replacing older ones that pqs wrote and nobody has changed since.
    #[arg(long, value_name = "FOLDER", value_hint = ValueHint::DirPath)]
    pub write: Option<PathBuf>,
}

pub(super) fn run(args: &SchemaArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    if let Some(folder) = &args.write {
        return write(folder, session);
    }
    let schema = if args.manifest { schema::manifest() } else { schema::record() };
    session.out.write_all(schema::pretty(&schema).as_bytes()).context("could not write the schema")?;
    Ok(SUCCESS)
}

fn write(folder: &Path, session: &mut Session<'_>) -> anyhow::Result<u8> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Write { path: folder.to_path_buf(), source })?;
    for (name, schema) in schema::files() {
        let path = folder.join(name);
        let file = shown(&path);
        let line = match schema::write_file(&path, &schema)? {
            Written::Created => format!("wrote {file}"),
            Written::Replaced => format!("wrote {file} (the newer schema, in place of the older one)"),
            Written::UpToDate => format!("{file} is up to date"),
            Written::Kept => format!(
                "kept your {file}: it was changed after pqs wrote it (or pqs did not write it); \
                 move it away and run this again for the schema of this pqs"
            ),
        };
        writeln!(session.out, "{line}").context("could not write to the terminal")?;
    }
    Ok(SUCCESS)
}
