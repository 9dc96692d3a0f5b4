//! `pqs schema [--manifest]`.

use anyhow::Context as _;
use clap::Args;

use super::{SUCCESS, Session};
use crate::schema;

/// Arguments of `pqs schema`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs schema > record.schema.json\n  pqs schema --manifest > pqs-yaml.schema.json"
)]
pub struct SchemaArgs {
    /// Print the schema of `pqs.yaml` instead of a record's front-matter.
    #[arg(long)]
    pub manifest: bool,
}

pub(super) fn run(args: &SchemaArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let schema = if args.manifest { schema::manifest() } else { schema::record() };
    session.out.write_all(schema::pretty(&schema).as_bytes()).context("could not write the schema")?;
    Ok(SUCCESS)
}
