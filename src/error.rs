//! Errors that stop a command before it can do its work (exit status 2).
//!
//! Problems inside a portfolio are not errors: they are [`crate::diagnostic::Diagnostic`]s.

mod input;

use std::path::{Path, PathBuf};

pub use input::{Input, InputError, Naming, RefusedReference};

use crate::text::shell_quote;

/// Why a command could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `pqs.yaml` in the folder or any folder above it.
    #[error("no `pqs.yaml` found in `{}` or any folder above it\n  help: {}", start.display(), no_manifest_help(below.as_deref()))]
    NoManifest {
        /// Where the search started.
        start: PathBuf,
        /// A portfolio in a folder of `start`: most likely the one meant, from the folder above
        /// it (where `pqs init` made it).
        below: Option<PathBuf>,
    },
    /// A file or folder could not be read.
    #[error("could not read `{}`: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// `pqs.yaml` is unusable as a whole (not YAML, or not `field: value` lines).
    #[error("`{}` cannot be read{}: {message}", path.display(), at_line(*line))]
    Manifest {
        /// The manifest's path.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// `framework:` names no built-in framework and no file.
    #[error(
        "`{name}` is not a built-in framework\n  help: use `{}` or the path of a framework file ending in `.yaml`",
        crate::model::DEFAULT_FRAMEWORK
    )]
    UnknownFramework {
        /// The name as written.
        name: String,
    },
    /// `framework:` or `evidence:` in `pqs.yaml` leads outside the portfolio.
    #[error(
        "`{}`{}: `{field}: {value}` leads outside the portfolio, so it is not used\n  help: {}",
        manifest.display(),
        at_line(*line),
        outside_help(field)
    )]
    Outside {
        /// The `pqs.yaml` that says so.
        manifest: PathBuf,
        /// The line of the value, when known.
        line: Option<usize>,
        /// `framework` or `evidence`.
        field: &'static str,
        /// The value as written.
        value: String,
    },
    /// A framework file is not valid.
    #[error("the framework `{}` is not valid{}: {message}", path.display(), at_line(*line))]
    Framework {
        /// The framework file.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A file could not be written.
    #[error("could not write `{}`: {}", path.display(), write_reason(path, source))]
    Write {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A file could not be replaced because another program has it open: on Windows, a pack open
    /// in Word, or a file a sync tool such as OneDrive is uploading, cannot be replaced.
    #[error(
        "could not replace `{}`: another program has it open (for example Word, or a sync tool such \
         as OneDrive)\n  help: close it there, or wait for the sync to finish, then try again",
        path.display()
    )]
    InUse {
        /// The file.
        path: PathBuf,
    },
    /// A template could not be read or rendered.
    #[error("the template `{}` cannot be used{}: {message}", file.display(), at_line(*line))]
    Template {
        /// The template file (or the built-in template's name).
        file: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The HTML pack would be larger than [`crate::render::MAX_PACK_BYTES`].
    #[error(
        "the HTML pack would be {} MiB, over the {} MiB a pack may be, so it was not made\n  help: make the \
         largest pictures smaller (each distinct picture is in the pack once, however often a record shows it)",
        bytes >> 20,
        limit >> 20
    )]
    PackTooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The pack's typst compiled, but no PDF could be made of it to the pack's standards.
    #[error("the PDF pack could not be made: {message}")]
    Pdf {
        /// typst's reasons.
        message: String,
    },
    /// A record cannot be signed as it is.
    #[error("cannot sign `{}`{}: {message}", path.display(), at_line(*line))]
    Sign {
        /// The record.
        path: PathBuf,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The portfolio cannot be endorsed as it is, or as asked.
    #[error("cannot endorse the portfolio: {message}")]
    Endorse {
        /// What is wrong, and what to do.
        message: String,
    },
    /// The portfolio's git history cannot be read.
    #[error("{message}")]
    Git {
        /// What is wrong, and what to do.
        message: String,
    },
    /// A value given to a command, or needed by it, stops it. Transparent, so that its words
    /// are not given again as its cause.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A record type that is not one of the types.
    #[error("`{value}` is not a record type")]
    UnknownRecordType {
        /// As written.
        value: String,
    },
    /// A folder to start a portfolio in already holds one.
    #[error(
        "`{}` already has a `pqs.yaml`, so it is already a portfolio; nothing was changed",
        dir.display()
    )]
    AlreadyAPortfolio {
        /// The folder.
        dir: PathBuf,
    },
    /// A folder to start a portfolio in is inside one already: the outer portfolio would read
    /// the new one's files as its records.
    #[error(
        "`{}` is inside the portfolio in `{}`, and a portfolio cannot hold another one; nothing was written\n  help: to add evidence to that portfolio, run `pqs new` in it; to start another portfolio, run `pqs init` outside it, such as `pqs init {}`",
        dir.display(),
        portfolio.display(),
        shell_quote(&beside.to_string_lossy())
    )]
    InsidePortfolio {
        /// The folder, as given.
        dir: PathBuf,
        /// The folder of the portfolio around it.
        portfolio: PathBuf,
        /// A folder beside that portfolio, to suggest instead.
        beside: PathBuf,
    },
    /// A folder to start a portfolio in already holds portfolios in its folders: it is a
    /// cohort's folder.
    #[error(
        "`{}` already holds a portfolio, in `{}`, and a portfolio cannot hold another one; nothing was written\n  help: to start another portfolio beside it, run `pqs init {}`",
        dir.display(),
        found.display(),
        shell_quote(&beside.to_string_lossy())
    )]
    HoldsPortfolios {
        /// The folder, as given.
        dir: PathBuf,
        /// The first portfolio found in it.
        found: PathBuf,
        /// A new folder in it, to suggest instead.
        beside: PathBuf,
    },
    /// `pqs init` with no folder named, in a folder that holds other files.
    #[error(
        "`{}` already holds other files, such as `{}`, and no folder was named; nothing was written\n  help: to start the portfolio in a new folder, run `pqs init my-portfolio`; to make this folder the portfolio all the same, run `pqs init .`",
        dir.display(),
        other.display()
    )]
    FolderInUse {
        /// The folder.
        dir: PathBuf,
        /// One of the files in it.
        other: PathBuf,
    },
    /// Every name a new record could take in its folder is taken.
    #[error("too many records named `{stem}` in `{}`", folder.display())]
    NamesTaken {
        /// The name, without its number and `.md`.
        stem: String,
        /// The folder.
        folder: PathBuf,
    },
    /// A path given as a record is not one of the portfolio's records that could be read.
    #[error(
        "`{file}` is not a record of the portfolio `{portfolio}` that could be read; run `pqs check` to see why"
    )]
    NotARecord {
        /// The file, relative to the portfolio.
        file: String,
        /// The portfolio's name.
        portfolio: String,
    },
    /// A record has no sign-off by the person or in the role asked about.
    #[error("`{file}` has no sign-off{}", signed_by(by.as_deref(), role.as_deref()))]
    NoSignoff {
        /// The record, relative to the portfolio.
        file: String,
        /// Only sign-offs by this person were asked about.
        by: Option<String>,
        /// Only sign-offs in this role were asked about.
        role: Option<String>,
    },
    /// The pathway year cannot be placed without a valid start date.
    #[error(
        "`pqs.yaml` of `{portfolio}` has no valid `started` date, so the pathway year cannot be placed; run `pqs check`"
    )]
    NoStartDate {
        /// The portfolio's name.
        portfolio: String,
    },
    /// `pqs serve` cannot start.
    #[error("{message}")]
    Serve {
        /// What is wrong, and what to do.
        message: String,
    },
    /// An answer could not be read from the terminal.
    #[error("could not read the answer from the terminal: {source}")]
    Terminal {
        /// The terminal's reason.
        source: std::io::Error,
    },
}

impl Error {
    /// The message, naming each [`Input`] as `naming` says (the command line names its flags;
    /// `Display` names the inputs in words).
    pub fn describe(&self, naming: Naming) -> String {
        match self {
            Error::Input(error) => error.describe(naming),
            other => other.to_string(),
        }
    }

    /// The same error with the file it names written from `folder` (with `/`) when it is inside
    /// it: a cohort's reports name a portfolio's files from the cohort's folder, not as paths of
    /// the computer that made them.
    #[must_use]
    pub fn relative_to(mut self, folder: &Path) -> Error {
        let path = match &mut self {
            Error::NoManifest { start: path, .. }
            | Error::Read { path, .. }
            | Error::Manifest { path, .. }
            | Error::Outside { manifest: path, .. }
            | Error::Framework { path, .. }
            | Error::Write { path, .. }
            | Error::InUse { path }
            | Error::Template { file: path, .. }
            | Error::Sign { path, .. }
            | Error::AlreadyAPortfolio { dir: path }
            | Error::NamesTaken { folder: path, .. } => path,
            _ => return self,
        };
        if path.starts_with(folder) && path != folder {
            *path = PathBuf::from(crate::paths::relative(folder, path));
        }
        self
    }

    /// For `map_err`: an input or output error at `path` as [`Error::Read`].
    pub fn reading(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Read { path: path.to_path_buf(), source }
    }
}

/// Why `path` could not be written, in words: a file standing where one of its folders must be
/// is named (the system says only "File exists" or "Not a directory"). The system's words are
/// kept, so that the causes that follow an error do not repeat them.
fn write_reason(path: &Path, source: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let blocked = matches!(source.kind(), ErrorKind::AlreadyExists | ErrorKind::NotADirectory);
    let file_in_the_way = path
        .ancestors()
        .skip(1)
        .filter(|folder| !folder.as_os_str().is_empty())
        .find(|folder| folder.symlink_metadata().is_ok_and(|meta| !meta.is_dir()) && !folder.is_dir());
    match file_in_the_way {
        Some(file) if blocked => format!(
            "`{}` is a file, where a folder is needed (the system said: {source})\n  help: rename or move \
             the file `{}`, so that a folder can be made there",
            file.display(),
            file.display()
        ),
        _ => source.to_string(),
    }
}

/// What to do when no portfolio was found: go into the one below, if there is one.
fn no_manifest_help(below: Option<&Path>) -> String {
    match below {
        Some(below) => format!(
            "`{}` is a portfolio: run `cd {}` first, or pass that folder",
            below.display(),
            shell_quote(&below.to_string_lossy())
        ),
        None => "run `pqs init` to start a portfolio, or pass the portfolio's folder".to_owned(),
    }
}

/// What `framework:` or `evidence:` may name instead.
fn outside_help(field: &str) -> &'static str {
    if field == "framework" {
        "a framework file must be inside the portfolio's folder, or in its cohort's folder (the \
         nearest folder above with `pqs-cohort.yaml`); copy it there and name it relative to `pqs.yaml`"
    } else {
        "the evidence folder must be inside the portfolio's folder, named relative to `pqs.yaml` \
         without `..` (such as `evidence`), and not a link to a folder elsewhere"
    }
}

/// ` by NAME as ROLE`, ` by NAME` or ` by a ROLE`: whose sign-offs were asked about (also in
/// what `pqs diff-signed` reports).
pub fn signed_by(by: Option<&str>, role: Option<&str>) -> String {
    match (by, role) {
        (Some(by), Some(role)) => format!(" by {by} as {role}"),
        (Some(by), None) => format!(" by {by}"),
        (None, Some(role)) => format!(" by a {role}"),
        (None, None) => String::new(),
    }
}

/// ` (line N)`, when the line is known.
fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}
