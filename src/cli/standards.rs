//! `pqs standards [PATH]`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::{Format, SUCCESS, default_path};
use crate::error::Error;
use crate::framework::Framework;
use crate::model::DEFAULT_FRAMEWORK;
use crate::portfolio::manifest;
use crate::report::{standards_human, standards_json};

/// Arguments of `pqs standards`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  pqs standards\n  pqs standards --format json")]
pub struct StandardsArgs {
    /// A portfolio (or a folder inside one) whose framework to list. Outside a portfolio, the
    /// built-in framework is listed.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// List this framework instead: a built-in id or the path of a framework file.
    #[arg(long, value_name = "NAME", value_hint = clap::ValueHint::FilePath)]
    pub framework: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

pub(super) fn run(args: &StandardsArgs, out: &mut dyn Write, width: usize) -> anyhow::Result<u8> {
    let framework = match &args.framework {
        Some(name) => Framework::load(name, &std::env::current_dir()?)?,
        None => match manifest::find(&args.path) {
            Ok(root) => {
                let (manifest, _) = manifest::read(&root)?;
                Framework::load(&manifest.framework, &root)?
            }
            Err(Error::NoManifest { .. }) => Framework::built_in(DEFAULT_FRAMEWORK)?,
            Err(error) => return Err(error.into()),
        },
    };
    let text = match args.format {
        Format::Human => standards_human(&framework, width),
        Format::Json => standards_json(&framework),
    };
    out.write_all(text.as_bytes()).context("could not write the list")?;
    Ok(SUCCESS)
}
