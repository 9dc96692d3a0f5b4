//! `pqs templates export [PATH]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use super::{SUCCESS, Session, default_path, shown};
use crate::portfolio::manifest;
use crate::templates::Templates;

/// Arguments of `pqs templates`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  pqs templates export")]
pub struct TemplatesArgs {
    /// What to do with the templates.
    #[command(subcommand)]
    pub action: TemplatesAction,
}

/// What `pqs templates` can do.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Copy the built-in record and pack templates into the portfolio's `templates/` folder to
    /// edit them.
    /// Files already there are left alone.
    Export {
        /// The portfolio, or any folder inside it.
        #[arg(default_value_os_t = default_path())]
        path: PathBuf,
    },
}

pub(super) fn run(args: &TemplatesArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let TemplatesAction::Export { path } = &args.action;
    let root = manifest::find(path)?;
    for (path, written) in Templates::export(&root)? {
        let note = if written { "wrote" } else { "kept your" };
        writeln!(session.out, "{note} {}", shown(&path)).context("could not write to the terminal")?;
    }
    Ok(SUCCESS)
}

/// The hidden `pqs template-worker`: render what another pqs sends on standard input (see
/// [`crate::templates::budget`]).
pub(super) fn worker(session: &mut Session<'_>) -> anyhow::Result<u8> {
    Templates::serve(&mut std::io::stdin().lock(), session.out).context("could not render the templates")?;
    Ok(SUCCESS)
}
