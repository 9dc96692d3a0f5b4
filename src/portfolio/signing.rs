//! The signing rules in force for one portfolio: its own `signing` settings joined with its
//! cohort's (the nearest folder above it with `pqs-cohort.yaml`), and the allowed-signers file
//! they name, read.
//!
//! The organisation's word wins where it speaks: the cohort's allowed-signers file and roles are
//! used when it names them, and the portfolio's own only when it does not (a supervisor cannot
//! add a key for their mentor to the organisation's list by writing their own). Keys and the
//! endorsement are required if either file requires them.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::keys::{AllowedSigners, LineError};
use crate::paths::relative;
use crate::portfolio::manifest::{self, COHORT_FILE_NAME, Manifest, SigningSettings};
use crate::portfolio::source::Source;
use crate::problem::Problem;
use crate::yaml::fields::{Field, Meaning, Shape};

/// The file name looked for when no settings file names one.
pub const DEFAULT_ALLOWED_SIGNERS: &str = "allowed_signers";

/// The one field of `pqs-cohort.yaml` read here; the rest is the cohort's business.
const COHORT_SIGNING: &[Field] =
    &[Field::new("signing", Shape::Group(manifest::SIGNING_FIELDS), Meaning::Mapping, "")];

/// The signing rules for a portfolio.
#[derive(Clone, Debug, Default)]
pub struct Signing {
    /// Every sign-off must be signed with an allowed key.
    pub keys_required: bool,
    /// The settings file that requires keys, as reports name it, when one does.
    pub keys_set_in: String,
    /// The mentor's endorsement of the whole portfolio is needed before submission.
    pub endorsement_required: bool,
    /// The file that says whose keys are whose, if there is one.
    pub allowed: Option<Allowed>,
    /// Who may sign with a key in each role listed; a role not listed is open to anyone the
    /// allowed-signers file lists.
    pub roles: BTreeMap<String, Vec<String>>,
    /// Where the roles were set: `pqs.yaml` or `../pqs-cohort.yaml`.
    pub roles_set_in: String,
    /// The portfolio's candidate, whose portfolio every statement is bound to.
    pub candidate: String,
    /// The portfolio's mentor, whom a mentor's sign-off must name.
    pub mentor: Option<String>,
}

/// An allowed-signers file, read.
#[derive(Clone, Debug)]
pub struct Allowed {
    /// The file as reports name it: relative to the portfolio, with `/` (`../allowed_signers`
    /// for the cohort's).
    pub shown: String,
    /// What it says.
    pub signers: AllowedSigners,
}

impl Signing {
    /// The rules for the portfolio at `root` (a real path) with `manifest`. Findings in the
    /// portfolio's own allowed-signers file go to `diagnostics`; the cohort's file and settings
    /// are reported by `pqs check` of the cohort.
    pub fn load(root: &Path, manifest: &Manifest, diagnostics: &mut Vec<Diagnostic>) -> Signing {
        let cohort = root.ancestors().skip(1).find(|dir| dir.join(COHORT_FILE_NAME).is_file());
        let cohort_settings = cohort.map(|dir| (dir, cohort_settings(dir)));
        let own = &manifest.signing;
        let mut signing = Signing {
            keys_required: own.keys_required.unwrap_or(false),
            keys_set_in: manifest::FILE_NAME.to_owned(),
            endorsement_required: own.endorsement_required.unwrap_or(false),
            roles: own.roles.clone(),
            roles_set_in: manifest::FILE_NAME.to_owned(),
            candidate: manifest.candidate.clone().unwrap_or_default(),
            mentor: manifest.mentor.clone(),
            allowed: None,
        };
        let mut file = None;
        if let Some((dir, Some(theirs))) = &cohort_settings {
            if theirs.keys_required == Some(true) && !signing.keys_required {
                signing.keys_required = true;
                signing.keys_set_in = shown(root, &dir.join(COHORT_FILE_NAME));
            }
            signing.endorsement_required |= theirs.endorsement_required.unwrap_or(false);
            if !theirs.roles.is_empty() {
                signing.roles = theirs.roles.clone();
                signing.roles_set_in = shown(root, &dir.join(COHORT_FILE_NAME));
            }
            file = chosen(dir, theirs).is_some().then(|| read_allowed(root, dir, theirs, COHORT_FILE_NAME).0);
        }
        signing.allowed = match file {
            // The cohort's file is reported by `pqs check` of the cohort, once.
            Some(theirs) => theirs,
            None => {
                let (allowed, found) = read_allowed(root, root, own, manifest::FILE_NAME);
                diagnostics.extend(found);
                allowed
            }
        };
        signing
    }
}

/// The findings in the allowed-signers file that the cohort settings `settings` of the cohort
/// folder `dir` name: its lines that cannot be read, or why it cannot be used at all.
pub fn cohort_file_findings(dir: &Path, settings: &SigningSettings) -> Vec<Diagnostic> {
    let dir = dunce::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    read_allowed(&dir, &dir, settings, COHORT_FILE_NAME).1
}

/// The allowed-signers file that `settings` (of the settings file `settings_file` in `dir`) name,
/// read and named from the folder `from`; and the findings in it: its lines that cannot be read,
/// or why it cannot be used, at its name in the settings file.
fn read_allowed(
    from: &Path,
    dir: &Path,
    settings: &SigningSettings,
    settings_file: &str,
) -> (Option<Allowed>, Vec<Diagnostic>) {
    let unusable = |file: String, reason: String| {
        let problem = Problem::AllowedSignersUnusable { file, reason };
        let span = settings.allowed_signers.as_ref().and_then(|(_, span)| span.clone());
        vec![Diagnostic::new(&problem, Some(settings_file), span)]
    };
    match chosen(dir, settings) {
        Some(Ok(path)) => {
            let shown = shown(from, &path);
            match crate::read::ordinary_text(&path) {
                Ok(text) => {
                    let (signers, errors) = AllowedSigners::parse(&text);
                    let found = line_errors(&shown, &text, &errors);
                    (Some(Allowed { shown, signers }), found)
                }
                Err(error) => (None, unusable(shown, error.to_string())),
            }
        }
        Some(Err(reason)) => {
            let written = settings.allowed_signers.as_ref().map(|(w, _)| w.clone()).unwrap_or_default();
            (None, unusable(written, reason.to_owned()))
        }
        None => (None, Vec::new()),
    }
}

/// The `signing` settings of the cohort file in `dir` (all defaults when it has none, so that an
/// `allowed_signers` beside it is still found), if the file can be read.
fn cohort_settings(dir: &Path) -> Option<SigningSettings> {
    let (text, fields) = manifest::read_file(&dir.join(COHORT_FILE_NAME), COHORT_SIGNING).ok()?;
    let source = Source::new(COHORT_FILE_NAME, &text, 0..text.len(), 0..0);
    Some(manifest::signing(&fields, &source, COHORT_FILE_NAME, &mut Vec::new()))
}

/// The allowed-signers file that settings in `dir` name, or the default one if it is there; a
/// file named that is outside `dir` (a name with `..`, an absolute path or a link out of it) is
/// refused with the reason, and never read.
fn chosen(dir: &Path, settings: &SigningSettings) -> Option<Result<PathBuf, &'static str>> {
    let Some((written, _)) = &settings.allowed_signers else {
        let path = dir.join(DEFAULT_ALLOWED_SIGNERS);
        return path.is_file().then_some(Ok(path));
    };
    let path = Path::new(written);
    if !path.components().all(|part| matches!(part, Component::Normal(_) | Component::CurDir)) {
        return Some(Err("it is not inside the folder of the settings file that names it"));
    }
    let full = dir.join(path);
    match dunce::canonicalize(&full) {
        Ok(real) if !real.starts_with(dir) => Some(Err("it is a link to a file outside the folder")),
        _ => Some(Ok(full)),
    }
}

/// `path` as reports name it from the portfolio at `root`.
fn shown(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(inside) => relative(Path::new(""), inside),
        Err(_) => match path.parent().and_then(|dir| root.strip_prefix(dir).ok()) {
            Some(below) => {
                let up = below.components().count();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                format!("{}{name}", "../".repeat(up))
            }
            None => relative(Path::new(""), path),
        },
    }
}

/// The findings for the lines of an allowed-signers file that could not be read.
fn line_errors(shown: &str, text: &str, errors: &[LineError]) -> Vec<Diagnostic> {
    let source = Source::new(shown, text, 0..text.len(), 0..0);
    errors
        .iter()
        .map(|error| {
            let problem = Problem::AllowedSignersLine { message: error.message.clone() };
            source.at_line_byte(&problem, error.line, 1)
        })
        .collect()
}
