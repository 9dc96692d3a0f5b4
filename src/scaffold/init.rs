//! `pqs init`: start a portfolio in a folder: `pqs.yaml`, the evidence folder, a short README
//! for the people who keep it, a `.gitignore` for rendered output and a `.gitattributes` for
//! line endings and attachments. Where it may go is [`super::place`]'s to say, and its git
//! repository [`super::repository`]'s.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Error, Input};
use crate::framework::Framework;
use crate::model::DEFAULT_FRAMEWORK;
use crate::portfolio::manifest::{DEFAULT_EVIDENCE, FILE_NAME};
use crate::scaffold::ask::Ask;
use crate::scaffold::ask::date;
use crate::scaffold::ask::non_blank;
use crate::scaffold::ask::required;
use crate::templates;
use crate::write::create_new;

/// What the flags gave.
#[derive(Clone, Debug, Default)]
pub struct Given {
    /// `--candidate`.
    pub candidate: Option<String>,
    /// `--mentor`.
    pub mentor: Option<String>,
    /// `--line-manager`.
    pub line_manager: Option<String>,
    /// `--organisation`.
    pub organisation: Option<String>,
    /// `--started`, as written.
    pub started: Option<String>,
    /// `--framework`.
    pub framework: Option<String>,
}

/// The values of a new `pqs.yaml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// The practice supervisor.
    pub candidate: String,
    /// Their mentor.
    pub mentor: String,
    /// Their line manager, if given.
    pub line_manager: Option<String>,
    /// Their organisation, if given.
    pub organisation: Option<String>,
    /// The day the pathway began.
    pub started: String,
    /// The framework id or path.
    pub framework: String,
}

/// Complete `given`, asking for what is missing. The framework is loaded from `dir` first, so
/// that a framework that cannot be used stops the command before any question is asked.
pub fn complete(
    given: Given,
    dir: &Path,
    today: Date,
    ask: &mut dyn Ask,
) -> Result<(Settings, Framework), Error> {
    let framework = non_blank(given.framework).unwrap_or_else(|| DEFAULT_FRAMEWORK.to_owned());
    let loaded = Framework::load(&framework, dir)?;
    let candidate = required(given.candidate, ask, "Your name (the practice supervisor)", Input::Candidate)?;
    let mentor = required(given.mentor, ask, "Your mentor's name", Input::Mentor)?;
    let line_manager = optional(given.line_manager, ask, "Your line manager's name", Input::LineManager)?;
    let organisation = optional(given.organisation, ask, "Your organisation", Input::Organisation)?;
    let started = date(given.started, ask, "The day your pathway began", today, Input::Started)?.to_string();
    Ok((Settings { candidate, mentor, line_manager, organisation, started, framework }, loaded))
}

/// `given`, or the answer to `question`, which may be left blank.
fn optional(
    given: Option<String>,
    ask: &mut dyn Ask,
    question: &str,
    input: Input,
) -> Result<Option<String>, Error> {
    match given {
        Some(value) => Ok(non_blank(Some(value))),
        None => Ok(non_blank(Some(ask.text(
            &format!("{question} (optional, Enter to skip)"),
            Some(""),
            input,
        )?))),
    }
}

/// pqs's home (`repository` in Cargo.toml): its releases are under `/releases/download`.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// pqs's GitHub Action, `owner/name`: the repository's path on GitHub.
fn action() -> &'static str {
    REPOSITORY.strip_prefix("https://github.com/").unwrap_or(REPOSITORY)
}

/// A CI service to write a configuration for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions: `.github/workflows/pqs.yml`.
    GitHub,
    /// GitLab CI: `.gitlab-ci.yml`.
    GitLab,
}

/// The files of a new portfolio: path relative to its folder, and text.
pub fn files(
    settings: &Settings,
    framework: &Framework,
    ci: Option<Ci>,
) -> Result<Vec<(PathBuf, String)>, Error> {
    let mut context = tera::Context::new();
    context.insert("settings", settings);
    context.insert("framework", framework);
    context.insert("evidence", DEFAULT_EVIDENCE);
    context.insert("version", env!("CARGO_PKG_VERSION"));
    context.insert("action", action());
    context.insert("releases", &format!("{REPOSITORY}/releases/download"));
    let render = |name: &str, text: &str| templates::render_one(name, text, &context);
    let ci_file = match ci {
        Some(Ci::GitHub) => Some((
            PathBuf::from(".github/workflows/pqs.yml"),
            render("init/github.yml.tera", include_str!("../../templates/init/github.yml.tera"))?,
        )),
        Some(Ci::GitLab) => Some((
            PathBuf::from(".gitlab-ci.yml"),
            render("init/gitlab-ci.yml.tera", include_str!("../../templates/init/gitlab-ci.yml.tera"))?,
        )),
        None => None,
    };
    let mut files = vec![
        (
            PathBuf::from(FILE_NAME),
            render("init/pqs.yaml.tera", include_str!("../../templates/init/pqs.yaml.tera"))?,
        ),
        (PathBuf::from(DEFAULT_EVIDENCE).join(".gitkeep"), String::new()),
        (
            PathBuf::from("README.md"),
            render("init/README.md.tera", include_str!("../../templates/init/README.md.tera"))?,
        ),
        (
            PathBuf::from(".gitignore"),
            render("init/gitignore.tera", include_str!("../../templates/init/gitignore.tera"))?,
        ),
        (
            PathBuf::from(".gitattributes"),
            render("init/gitattributes.tera", include_str!("../../templates/init/gitattributes.tera"))?,
        ),
    ];
    files.extend(ci_file);
    Ok(files)
}

/// What became of one of a new portfolio's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Where it is.
    pub path: PathBuf,
    /// Whether it was written: `false` when a file was there already, which is kept as it is.
    pub written: bool,
    /// For a kept `.gitignore`, the lines of pqs's own that it lacks (what `pqs` makes, which
    /// does not belong in git): the person may add them by hand.
    pub lacking: Vec<String>,
}

/// Write `files` into `dir`, refusing if it already holds a `pqs.yaml` and leaving any other
/// file that exists alone.
pub fn write(dir: &Path, files: &[(PathBuf, String)]) -> Result<Vec<Written>, Error> {
    refuse_existing(dir)?;
    let mut done = Vec::new();
    for (path, text) in files {
        let path = dir.join(path);
        let written = create_new(&path, text.as_bytes())?;
        if path.ends_with(FILE_NAME) && !written {
            return Err(already(dir));
        }
        let theirs = if path.ends_with(".gitignore") && !written {
            crate::read::ordinary_text(&path).ok()
        } else {
            None
        };
        let lacking = theirs.map(|theirs| lacking(&theirs, text)).unwrap_or_default();
        done.push(Written { path, written, lacking });
    }
    Ok(done)
}

/// The lines of `ours` (comments and blank lines aside) that `theirs` does not have.
fn lacking(theirs: &str, ours: &str) -> Vec<String> {
    let have: Vec<&str> = theirs.lines().map(str::trim).collect();
    ours.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#') && !have.contains(line))
        .map(str::to_owned)
        .collect()
}

/// An error if `dir` already holds a portfolio.
fn refuse_existing(dir: &Path) -> Result<(), Error> {
    if dir.join(FILE_NAME).exists() { Err(already(dir)) } else { Ok(()) }
}

fn already(dir: &Path) -> Error {
    Error::AlreadyAPortfolio { dir: dir.to_path_buf() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::InputError;
    use crate::scaffold::ask::NoTerminal;
    use crate::scaffold::ask::Scripted;

    fn today() -> Date {
        Date::new(2026, 11, 22).expect("date")
    }

    #[test]
    fn asks_for_each_missing_value_in_turn() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ask = Scripted::new(&["Alex Morgan", "", "Sam Patel", "", "Northshire Council", ""]);
        let (settings, _) = complete(Given::default(), dir.path(), today(), &mut ask).expect("complete");
        assert_eq!(settings.candidate, "Alex Morgan");
        assert_eq!(settings.mentor, "Sam Patel", "a blank required answer is asked again");
        assert_eq!(settings.line_manager, None);
        assert_eq!(settings.organisation.as_deref(), Some("Northshire Council"));
        assert_eq!(settings.started, "2026-11-22", "the default is today");
        insta::assert_snapshot!(ask.asked.join("\n"), @r"
        Your name (the practice supervisor)
        Your mentor's name
        Your mentor's name
        Your line manager's name (optional, Enter to skip)
        Your organisation (optional, Enter to skip)
        The day your pathway began (YYYY-MM-DD)
        ");
    }

    /// A UK date, a day that does not exist, or words: each is asked again, and the answers
    /// already given are kept.
    #[test]
    fn a_wrong_date_is_asked_again_keeping_every_answer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let answers =
            ["Alex Morgan", "Sam Patel", "Jo Reed", "", "next week", "2026-02-30", "01/09/2026", ""];
        let mut ask = Scripted::new(&answers);
        let (settings, _) = complete(Given::default(), dir.path(), today(), &mut ask).expect("complete");
        assert_eq!(
            (settings.candidate.as_str(), settings.line_manager.as_deref(), settings.started.as_str()),
            ("Alex Morgan", Some("Jo Reed"), "2026-09-01")
        );
        insta::assert_snapshot!(ask.asked[4..].join("\n"), @r"
        The day your pathway began (YYYY-MM-DD)
        `next week` is not a date: it should be written YYYY-MM-DD. The day your pathway began
        `2026-02-30` is not a date: February 2026 has 28 days. The day your pathway began
        Did you mean 1 September 2026? Press Enter for it, or write the date as YYYY-MM-DD
        ");
    }

    #[test]
    fn a_framework_that_cannot_be_used_stops_before_any_question() {
        let dir = tempfile::tempdir().expect("temp dir");
        let given = Given { framework: Some("no-such-framework".to_owned()), ..Given::default() };
        let mut ask = Scripted::new(&["Alex Morgan"]);
        complete(given, dir.path(), today(), &mut ask).expect_err("no such framework");
        assert_eq!(ask.asked, Vec::<String>::new());
    }

    #[test]
    fn without_a_terminal_names_the_flag() {
        let dir = tempfile::tempdir().expect("temp dir");
        let given = Given { candidate: Some("A".to_owned()), ..Given::default() };
        let error = complete(given, dir.path(), today(), &mut NoTerminal).expect_err("mentor missing");
        assert!(
            matches!(error, Error::Input(InputError::MissingAnswer { input: Input::Mentor, .. })),
            "{error:?}"
        );
        let given =
            Given { candidate: Some("A".to_owned()), mentor: Some("B".to_owned()), ..Given::default() };
        let (settings, framework) =
            complete(given, dir.path(), today(), &mut NoTerminal).expect("optional ones skipped");
        assert_eq!((settings.line_manager, settings.started.as_str()), (None, "2026-11-22"));
        assert_eq!(framework.id, DEFAULT_FRAMEWORK);
    }

    #[test]
    fn a_kept_git_file_is_told_the_lines_it_lacks() {
        let ours = "# Packs.\n/dist/\n\n# Lock.\n/.pqs.lock\n";
        assert_eq!(lacking("secret/\n /dist/ \r\n", ours), ["/.pqs.lock"]);
        assert_eq!(lacking("/.pqs.lock\n/dist/\n", ours), Vec::<String>::new());
    }

    #[test]
    fn values_are_quoted_so_yaml_reads_them_back() {
        let settings = Settings {
            candidate: "O'Neil: \"Sam\"".to_owned(),
            mentor: "# not a comment".to_owned(),
            line_manager: None,
            organisation: Some("yes".to_owned()),
            started: "2026-01-12".to_owned(),
            framework: DEFAULT_FRAMEWORK.to_owned(),
        };
        let framework = Framework::built_in(DEFAULT_FRAMEWORK).expect("framework");
        let files = files(&settings, &framework, None).expect("files");
        let manifest = &files[0].1;
        let value: yaml_serde::Value = yaml_serde::from_str(manifest).expect("YAML");
        assert_eq!(value["candidate"].as_str(), Some("O'Neil: \"Sam\""));
        assert_eq!(value["mentor"].as_str(), Some("# not a comment"));
        assert_eq!(value["organisation"].as_str(), Some("yes"));
        assert!(value.get("line_manager").is_none());
    }

    #[test]
    fn ci_files_are_yaml_that_run_pqs_check() {
        let settings = Settings {
            candidate: "A".to_owned(),
            mentor: "B".to_owned(),
            line_manager: None,
            organisation: None,
            started: "2026-01-12".to_owned(),
            framework: DEFAULT_FRAMEWORK.to_owned(),
        };
        let framework = Framework::built_in(DEFAULT_FRAMEWORK).expect("framework");
        let github = files(&settings, &framework, Some(Ci::GitHub)).expect("files");
        let (path, text) = github.last().expect("CI file");
        assert_eq!(path, Path::new(".github/workflows/pqs.yml"));
        let value: yaml_serde::Value = yaml_serde::from_str(text).expect("YAML");
        let steps = value["jobs"]["check"]["steps"].as_sequence().expect("steps");
        let action = format!("pqs-tool/pqs@v{}", env!("CARGO_PKG_VERSION"));
        assert_eq!(steps.last().and_then(|s| s["uses"].as_str()), Some(action.as_str()));
        assert!(!text.contains("cargo"), "{text}");
        let gitlab = files(&settings, &framework, Some(Ci::GitLab)).expect("files");
        let (path, text) = gitlab.last().expect("CI file");
        assert_eq!(path, Path::new(".gitlab-ci.yml"));
        let value: yaml_serde::Value = yaml_serde::from_str(text).expect("YAML");
        let job = &value["pqs-check"];
        assert_eq!(job["variables"]["PQS_VERSION"].as_str(), Some(env!("CARGO_PKG_VERSION")));
        let script = job["script"].as_sequence().expect("script");
        let check = script.first().and_then(|s| s.as_str()).expect("a line");
        assert!(check.contains("pqs check \"$PQS_PATH\" --format gitlab"), "{check}");
        assert_eq!(job["artifacts"]["reports"]["codequality"].as_str(), Some("gl-code-quality-report.json"));
        assert!(!text.contains("cargo"), "{text}");
    }
}
