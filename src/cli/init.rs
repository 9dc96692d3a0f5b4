//! `pqs init [DIR]`: the questions, the files, the git repository, and what to do next.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{SUCCESS, Session, default_path, shown};
use crate::scaffold::init::{self, Ci, Given, Written};
use crate::scaffold::place;
use crate::scaffold::repository::{self, Repository};
use crate::text::{escape, shell_quote};

/// Arguments of `pqs init`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs init my-portfolio --candidate \"Alex Morgan\" --mentor \"Sam Patel\"\n  pqs init my-portfolio --ci github"
)]
pub struct InitArgs {
    /// The folder to make a portfolio of (created if needed; default: the current folder, if it
    /// holds no other files).
    pub dir: Option<PathBuf>,
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
    /// Do not make a git repository in the folder.
    #[arg(long)]
    pub no_git: bool,
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
    let dir = args.dir.clone().unwrap_or_else(default_path);
    // Before any question, so that no answer is given for nothing.
    let place = place::check(&dir, args.dir.is_some())?;
    let given = Given {
        candidate: args.candidate.clone(),
        mentor: args.mentor.clone(),
        line_manager: args.line_manager.clone(),
        organisation: args.organisation.clone(),
        started: args.started.clone(),
        framework: args.framework.clone(),
    };
    let (settings, framework) = init::complete(given, &dir, session.today, session.ask.as_mut())?;
    let ci = args.ci.map(|service| match service {
        CiService::Github => Ci::GitHub,
        CiService::Gitlab => Ci::GitLab,
    });
    let files = init::files(&settings, &framework, ci)?;
    let written = init::write(&dir, &files)?;
    let repository = (!args.no_git).then(|| repository::start(&dir, place.other_files()));
    tell(&dir, &written, repository.as_ref(), session).context("could not write to the terminal")?;
    Ok(SUCCESS)
}

/// What was written and kept, what became of the repository, how the mentor gets a copy, and
/// the next commands, which work from where the person is.
fn tell(
    dir: &Path,
    written: &[Written],
    repository: Option<&Repository>,
    session: &mut Session<'_>,
) -> std::io::Result<()> {
    let folder = named(dir);
    for file in written {
        tell_file(file, session.out)?;
    }
    if let Some(repository) = repository {
        tell_repository(repository, &folder, session)?;
    }
    let out = &mut *session.out;
    let readme = written.iter().any(|file| file.written && file.path.ends_with("README.md"));
    writeln!(
        out,
        "\nYour mentor needs a copy of the folder to read and sign your records: share it as a private\n\
         git repository on your organisation's own git service, or send a zip of it by a route your\n\
         organisation approves.{}",
        if readme { " README.md says where a portfolio may be kept and who may see it." } else { "" }
    )?;
    writeln!(out, "\nNext:")?;
    if !is_here(dir) {
        writeln!(out, "  cd {}", shell_quote(&folder))?;
    }
    writeln!(out, "  pqs new self-assessment\n  pqs check")
}

/// `wrote FILE`, or that the person's own is kept, with the lines of ours it lacks.
fn tell_file(file: &Written, out: &mut dyn Write) -> std::io::Result<()> {
    let path = shown(file.path.strip_prefix(".").unwrap_or(&file.path));
    match (file.written, file.lacking.as_slice()) {
        (true, _) => writeln!(out, "wrote {path}"),
        (false, []) => writeln!(out, "kept your {path} as it is"),
        (false, lacking) => writeln!(
            out,
            "kept your {path} as it is: add {} to it, to keep what pqs makes out of git",
            listed(lacking)
        ),
    }
}

/// What became of the repository: on standard output as planned, on standard error when git
/// could not do its part (a note: the portfolio is made all the same).
fn tell_repository(repository: &Repository, folder: &str, session: &mut Session<'_>) -> std::io::Result<()> {
    match repository {
        Repository::Made => writeln!(
            session.out,
            "started a git repository in `{folder}`: save your work in it with `git add .` and `git commit`"
        ),
        Repository::Inside(top) => {
            writeln!(
                session.out,
                "`{folder}` is in the git repository in `{}`, so no new one was made",
                named(top)
            )
        }
        Repository::OtherFiles => writeln!(
            session.out,
            "no git repository was made: `{folder}` already held other files, which git would keep too;\n\
             if the folder is for the portfolio alone, run `git init` in it"
        ),
        Repository::NoGit => writeln!(
            session.err,
            "note: git is not installed, so no git repository was made; the portfolio works without it.\n\
             To keep every version of your records, install git (https://git-scm.com), then run `git init`\n\
             in `{folder}`."
        ),
        Repository::Failed(reason) => writeln!(
            session.err,
            "note: git could not make a repository in `{folder}` ({}); the portfolio works without it",
            escape(reason)
        ),
    }
}

/// A folder as the person would write it from where they are: `.` for the current folder.
fn named(folder: &Path) -> String {
    let shown = shown(folder.strip_prefix(".").unwrap_or(folder));
    if shown.is_empty() { ".".to_owned() } else { shown }
}

/// `a`, `a and b`, `a, b and c`, each in backticks.
fn listed(lines: &[String]) -> String {
    let quoted: Vec<String> = lines.iter().map(|line| format!("`{}`", escape(line))).collect();
    crate::text::and_list(&quoted)
}

/// Whether `dir` is the current folder.
fn is_here(dir: &Path) -> bool {
    let canonical = |path: &Path| dunce::canonicalize(path).ok();
    let here = std::env::current_dir().ok();
    here.is_some_and(|here| canonical(&here).is_some() && canonical(&here) == canonical(dir))
}
