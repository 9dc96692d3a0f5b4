//! `pqs init [DIR]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{SUCCESS, Session, default_path, shown};
use crate::scaffold::init;
use crate::scaffold::init::Ci;
use crate::scaffold::init::Given;

/// Arguments of `pqs init`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs init my-portfolio --candidate \"Alex Morgan\" --mentor \"Sam Patel\"\n  pqs init my-portfolio --ci github"
)]
pub struct InitArgs {
    /// The folder to make a portfolio of (created if needed).
    #[arg(default_value_os_t = default_path())]
    pub dir: PathBuf,
    /// Your name: the practice supervisor whose portfolio it is.
    #[arg(long)]
    pub candidate: Option<String>,
    /// Your mentor's name.
    #[arg(long)]
    pub mentor: Option<String>,
    /// Your line manager's name.
    #[arg(long)]
    pub line_manager: Option<String>,
    /// Your organisation.
    #[arg(long)]
    pub organisation: Option<String>,
    /// The day your pathway began, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub started: Option<String>,
    /// The framework: a built-in id (pqs-asc-2018) or the path of a framework file, relative to
    /// the portfolio.
    #[arg(long, value_name = "NAME", value_hint = clap::ValueHint::FilePath)]
    pub framework: Option<String>,
    /// Also write a CI file that runs `pqs check` on every push.
    #[arg(long, value_enum, value_name = "SERVICE")]
    pub ci: Option<CiService>,
}

/// CI services `pqs init --ci` can write for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CiService {
    /// GitHub Actions (.github/workflows/pqs.yml).
    Github,
    /// GitLab CI (.gitlab-ci.yml).
    Gitlab,
}

pub(super) fn run(args: &InitArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    init::refuse_existing(&args.dir)?;
    let given = Given {
        candidate: args.candidate.clone(),
        mentor: args.mentor.clone(),
        line_manager: args.line_manager.clone(),
        organisation: args.organisation.clone(),
        started: args.started.clone(),
        framework: args.framework.clone(),
    };
    let (settings, framework) = init::complete(given, &args.dir, session.today, session.ask.as_mut())?;
    let ci = args.ci.map(|service| match service {
        CiService::Github => Ci::GitHub,
        CiService::Gitlab => Ci::GitLab,
    });
    let files = init::files(&settings, &framework, ci)?;
    for (path, written) in init::write(&args.dir, &files)? {
        let note = if written { "wrote" } else { "kept your" };
        writeln!(session.out, "{note} {}", shown(&path)).context("could not write to the terminal")?;
    }
    writeln!(session.out, "\nNext: `pqs new self-assessment`, then `pqs check`.")
        .context("could not write")?;
    Ok(SUCCESS)
}
