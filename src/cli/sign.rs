//! `pqs sign <RECORD>... --by NAME --role ROLE`, `pqs sign --verify` and `pqs diff-signed`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, ValueHint};

use super::{FAILURE, SUCCESS, Session, shown, sign_ask};
use crate::check::{CheckOptions, Outcome, check};
use crate::error::{self, Error, Input, InputError};
use crate::keys::{Judgement, Signer};
use crate::model::SIGNOFF_ROLES;
use crate::paths::relative;
use crate::portfolio::manifest;
use crate::portfolio::signing::Signing;
use crate::report::signoffs;
use crate::rules::Record;
use crate::rules::{Seal, SignoffState, TEXT_CHANGED};
use crate::signoff::{self, Change, Request, history};
use crate::text::escape;
use crate::yaml::values::parse_date;

/// Arguments of `pqs sign`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs sign evidence/observations/2026-03-02-formative.md --by \"Sam Patel\" --role mentor\n  pqs sign evidence/observations/2026-03-02-formative.md --role mentor --key ~/.ssh/id_ed25519\n  pqs sign --portfolio --role mentor --endorse authenticity,anonymity --by \"Sam Patel\" --key ~/.ssh/id_ed25519\n  pqs sign --verify"
)]
pub struct SignArgs {
    /// The records to sign; with `--verify`, the records or folders to report on (default: every
    /// record of the portfolio in the current folder); with `--portfolio`, the portfolio's folder
    /// (default: the one the current folder is in).
    #[arg(value_name = "RECORD", required_unless_present_any = ["verify", "portfolio"], value_hint = ValueHint::FilePath)]
    pub records: Vec<PathBuf>,
    /// Sign with this SSH key, which proves who signed: a private key file (its passphrase is
    /// asked for if it has one), or a public key file (`.pub`) whose private half ssh-agent holds.
    /// Default: the file $PQS_SIGNING_KEY names, if it is set; with neither, the sign-off is a
    /// typed name only.
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath, conflicts_with = "verify")]
    pub key: Option<PathBuf>,
    /// Who is signing, by name.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// The role they sign in.
    #[arg(long, value_parser = roles())]
    pub role: Option<String>,
    /// The date of signing, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Endorse the whole portfolio, as its mentor: one signed statement over every record and
    /// its files as they are now (drafts too), written to `pqs-endorsement.yaml`. Needs
    /// `--endorse`.
    #[arg(long, requires = "endorse", conflicts_with = "verify")]
    pub portfolio: bool,
    /// With `--portfolio`: what the mentor endorses, `authenticity` (the evidence is the
    /// candidate's own), `anonymity` (no one can be identified from it), or both, separated by a
    /// comma.
    #[arg(long, value_name = "WHAT", value_delimiter = ',', requires = "portfolio", value_parser = ["authenticity", "anonymity"])]
    pub endorse: Vec<String>,
    /// Sign nothing: show each record's sign-offs, whether they are still valid and how each was
    /// signed. Fails if any is not still valid.
    #[arg(long, conflicts_with_all = ["by", "role", "date"])]
    pub verify: bool,
    /// With `--verify`: `human` (the default) or `json` (its schema is
    /// `schemas/signoffs-report.schema.json`).
    #[arg(long, value_enum, default_value_t = VerifyFormat::Human, requires = "verify")]
    pub format: VerifyFormat,
}

/// The formats of `pqs sign --verify`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum VerifyFormat {
    /// In words, for a person.
    Human,
    /// JSON, for programs.
    Json,
}

/// Arguments of `pqs diff-signed`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  pqs diff-signed evidence/observations/2026-03-02-formative.md")]
pub struct DiffSignedArgs {
    /// The record.
    #[arg(value_name = "RECORD", value_hint = ValueHint::FilePath)]
    pub record: PathBuf,
    /// Only the sign-offs by this person.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Only the sign-offs in this role.
    #[arg(long, value_parser = roles())]
    pub role: Option<String>,
}

/// The roles a sign-off is made in, with a few words each for `--help` and the shell's completion.
fn roles() -> PossibleValuesParser {
    PossibleValuesParser::new(SIGNOFF_ROLES.map(|role| {
        let who = match role {
            "mentor" => "The practice supervisor's mentor",
            "observer" => "Who observed an observation",
            "candidate" => "The practice supervisor whose portfolio it is",
            "line-manager" => "Their line manager",
            "moderator" => "Who moderates the portfolio",
            _ => "",
        };
        PossibleValue::new(role).help(who)
    }))
}

pub(super) fn run(args: &SignArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    if args.verify {
        return verify(args, color, session);
    }
    let date = date_of(args, session)?;
    let targets = args.records.iter().map(|path| signoff::locate(path)).collect::<Result<Vec<_>, _>>()?;
    let key = open_key(args.key.as_deref(), session)?;
    let signing = match targets.first() {
        Some(target) => Some(signing_of(&target.root)?),
        None => None,
    };
    // With a key, the name the allowed-signers file gives it is the name to sign with.
    let owner = key.as_ref().zip(signing.as_ref()).and_then(|(key, signing)| {
        let names = signing.allowed.as_ref()?.signers.principals_of(&key.public_key());
        (names.len() == 1).then(|| names[0].clone())
    });
    let by = args.by.clone().or(owner);
    let Some((by, role)) = sign_ask::who_signs(by, args.role.clone(), date, &targets, session)? else {
        return Ok(SUCCESS);
    };
    let request = Request { by, role, date };
    let with = key.as_ref().map(|k| format!(", with the key {}", k.fingerprint())).unwrap_or_default();
    for done in signoff::sign_files(&targets, &request, key.as_ref())? {
        let what = match done.change {
            Change::Added => "signed",
            Change::Renewed => "signed again",
            Change::Unchanged => "already signed, unchanged:",
        };
        writeln!(
            session.out,
            "{what} {} as {} ({}), {}{with}",
            shown(&done.target.real),
            request.by,
            request.role,
            request.date
        )
        .context("could not write to the terminal")?;
        if done.draft {
            writeln!(
                session.out,
                "  note: it still says `draft: true`; changing that to `false` changes the record, so it will need signing again"
            )?;
        }
    }
    if let (Some(key), Some(signing)) = (&key, &signing) {
        key_note(key, signing, &request, "sign-off", session)?;
    }
    Ok(SUCCESS)
}

/// The date of signing: `--date`, else today; never in the future.
pub(super) fn date_of(args: &SignArgs, session: &Session<'_>) -> Result<jiff::civil::Date, Error> {
    let date = match &args.date {
        Some(text) => parse_date(text).map_err(|reason| InputError::BadDate {
            input: Input::Date,
            value: text.clone(),
            reason,
        })?,
        None => session.today,
    };
    if date > session.today {
        return Err(Error::from(InputError::SignedInFuture { date }));
    }
    Ok(date)
}

/// The key to sign with: the one `--key` names, else the one $PQS_SIGNING_KEY names, else none.
/// Its passphrase, if it has one, is asked for on the terminal.
pub(super) fn open_key(given: Option<&Path>, session: &mut Session<'_>) -> anyhow::Result<Option<Signer>> {
    let configured = std::env::var_os("PQS_SIGNING_KEY").filter(|v| !v.is_empty()).map(PathBuf::from);
    let Some(path) = given.map(Path::to_path_buf).or(configured) else { return Ok(None) };
    let agent = std::env::var_os("SSH_AUTH_SOCK").filter(|v| !v.is_empty()).map(PathBuf::from);
    let question = format!("Passphrase of the key {}", shown(&path));
    let signer = Signer::open(&path, agent.as_deref(), &mut || session.ask.secret(&question))?;
    Ok(Some(signer))
}

/// The signing rules of the portfolio at `root`.
pub(super) fn signing_of(root: &Path) -> Result<Signing, Error> {
    let (manifest, _) = manifest::read(root)?;
    Ok(Signing::load(root, &manifest, &mut Vec::new()))
}

/// Tell the signer, on standard error, when `pqs check` will not accept their key yet: no
/// allowed-signers file, or one that does not allow it for them in this role.
pub(super) fn key_note(
    key: &Signer,
    signing: &Signing,
    request: &Request,
    what: &str,
    session: &mut Session<'_>,
) -> anyhow::Result<()> {
    let public = key.public_key();
    let refused =
        |why: String| Some(format!("{why}, so `pqs check` will not accept the {what} until it does"));
    let why = match &signing.allowed {
        None if signing.keys_required => refused("no allowed-signers file says whose key it is".to_owned()),
        None => Some(format!(
            "no allowed-signers file says whose key it is yet: `pqs check` counts the {what} but shows the key as unknown until one does"
        )),
        Some(allowed) => match allowed.signers.judge(&request.by, &public, request.date) {
            Judgement::Allowed { .. } => match signing.roles.get(&request.role) {
                Some(names) if !names.contains(&request.by) => refused(format!(
                    "`signing.roles.{}` in `{}` does not list {}",
                    request.role, signing.roles_set_in, request.by
                )),
                _ => None,
            },
            _ => refused(format!("`{}` does not allow it for {}", allowed.shown, request.by)),
        },
    };
    if let Some(why) = why {
        writeln!(
            session.err,
            "note: signed with the key {}, but {why}. Give the organisation this public key:\n  {public}",
            key.fingerprint()
        )?;
    }
    Ok(())
}

fn verify(args: &SignArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let start = args.records.first().map_or_else(|| PathBuf::from("."), Clone::clone);
    let outcome = check(&start, &CheckOptions { today: session.today, complete: false, bodies: false })?;
    // Each path is a record, or a folder whose records are all reported on.
    let mut files = Vec::new();
    for path in &args.records {
        if path.is_dir() {
            let real = dunce::canonicalize(path).map_err(Error::reading(path))?;
            let folder = relative(&outcome.portfolio.root, &real);
            let inside = |file: &str| folder.is_empty() || file.starts_with(&format!("{folder}/"));
            files
                .extend(outcome.portfolio.records.iter().filter(|r| inside(&r.file)).map(|r| r.file.clone()));
        } else {
            files.push(record_file(&outcome, path)?);
        }
    }
    let files = if args.records.is_empty() { None } else { Some(files) };
    let report = signoffs::SignoffReport::new(&outcome, files.as_deref());
    let text = match args.format {
        VerifyFormat::Human => report.human(color),
        VerifyFormat::Json => report.json(),
    };
    session.out.write_all(text.as_bytes()).context("could not write the report")?;
    Ok(if report.passes() { SUCCESS } else { FAILURE })
}

pub(super) fn diff_signed(
    args: &DiffSignedArgs,
    color: bool,
    session: &mut Session<'_>,
) -> anyhow::Result<u8> {
    let outcome =
        check(&args.record, &CheckOptions { today: session.today, complete: false, bodies: false })?;
    let file = record_file(&outcome, &args.record)?;
    let record = record_of(&outcome, &file)?;
    let chosen: Vec<_> = record
        .signoff
        .iter()
        .filter(|s| {
            args.by.as_deref().is_none_or(|by| s.by.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(by)))
        })
        .filter(|s| args.role.is_none() || s.role == args.role)
        .collect();
    if chosen.is_empty() {
        return Err(Error::NoSignoff { file, by: args.by.clone(), role: args.role.clone() }.into());
    }
    for signoff in chosen.iter().filter(|s| s.state == SignoffState::Unverifiable) {
        writeln!(
            session.out,
            "The sign-off by {} has no usable digest, so the version it signed cannot be found.\n",
            escape(&signoff.who())
        )?;
    }
    for signoff in chosen.iter().filter(|s| s.state == SignoffState::Untrusted) {
        let why = match &signoff.seal {
            Seal::Refused { why, .. } => why.clone(),
            Seal::Unknown { .. } => "no allowed-signers file says whose key signed it".to_owned(),
            Seal::Typed | Seal::Verified { .. } => {
                "it is not signed by a key the settings accept, or not by the person they name".to_owned()
            }
        };
        writeln!(
            session.out,
            "The sign-off by {} is not accepted: {}.\n",
            escape(&signoff.who()),
            escape(&why)
        )?;
    }
    // A sign-off not accepted may also be over another version: what changed is shown for it too.
    let stale: Vec<_> = chosen
        .iter()
        .filter(|s| {
            s.state == SignoffState::Stale || (s.state == SignoffState::Untrusted && !s.changed.is_empty())
        })
        .collect();
    let failed =
        chosen.iter().any(|s| matches!(s.state, SignoffState::Unverifiable | SignoffState::Untrusted));
    if stale.is_empty() && failed {
        return Ok(FAILURE);
    }
    if stale.is_empty() {
        writeln!(
            session.out,
            "Every sign-off of `{}`{} is still valid: nothing has changed since.",
            escape(&file),
            escape(&error::signed_by(args.by.as_deref(), args.role.as_deref()))
        )?;
        return Ok(SUCCESS);
    }
    let path = outcome.portfolio.root.join(&file);
    let now = crate::read::ordinary(&path).map_err(Error::reading(&path))?;
    let now_text = signoff::without_signoff(&now);
    let mut code = SUCCESS;
    let mut shown_digests = Vec::new();
    for signoff in stale {
        let Some(digest) = signoff.digest.as_deref() else { continue };
        let date = signoff.date.map(|d| format!(" on {d}")).unwrap_or_default();
        if shown_digests.contains(&digest) {
            writeln!(session.out, "{} signed the same version{date}.\n", escape(&signoff.who()))?;
            continue;
        }
        shown_digests.push(digest);
        // The diff below shows a change of the text; what it cannot show is said.
        if !signoff.changed.is_empty() && signoff.changed != TEXT_CHANGED {
            let changed = escape(&signoff.changed);
            writeln!(
                session.out,
                "Since {} signed `{}`{date}, {changed} changed.",
                escape(&signoff.who()),
                escape(&file)
            )?;
        }
        if !signoff.changed.is_empty() && !signoff.changed.starts_with(TEXT_CHANGED) {
            writeln!(session.out, "The record's own text is as it was signed.\n")?;
            continue;
        }
        match history::signed_version(&path, digest, &signoff.files)? {
            Some(version) => {
                let short = &version.commit[..version.commit.len().min(10)];
                writeln!(
                    session.out,
                    "What changed in `{}` since {} signed it{date} (the version in commit {short}, {}):\n",
                    escape(&file),
                    escape(&signoff.who()),
                    version.date
                )?;
                let old = signoff::without_signoff(&version.bytes);
                let old_label = format!("{} (signed, {short})", version.path);
                let text = signoffs::diff(&old, &now_text, &old_label, &format!("{file} (now)"), color);
                let text = if text.is_empty() { "(only the sign-offs differ)\n".to_owned() } else { text };
                writeln!(session.out, "{text}")?;
            }
            None => {
                code = FAILURE;
                writeln!(
                    session.out,
                    "No commit holds the version of `{}` that {} signed{date}: it was changed before it was committed, or the history was rewritten. Read the record as it is now, and sign again if it is right.\n",
                    escape(&file),
                    escape(&signoff.who())
                )?;
            }
        }
    }
    Ok(if failed { FAILURE } else { code })
}

/// The file of the record at `path`, relative to the portfolio, if it is one of its records.
fn record_file(outcome: &Outcome, path: &Path) -> Result<String, Error> {
    let real = dunce::canonicalize(path).map_err(Error::reading(path))?;
    let file = relative(&outcome.portfolio.root, &real);
    record_of(outcome, &file)?;
    Ok(file)
}

fn record_of<'a>(outcome: &'a Outcome, file: &str) -> Result<&'a Record, Error> {
    outcome
        .portfolio
        .records
        .iter()
        .find(|r| r.file == file)
        .ok_or_else(|| Error::NotARecord { file: file.to_owned(), portfolio: outcome.name.clone() })
}
