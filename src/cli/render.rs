//! `pqs render [PATH]`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use super::{FAILURE, SUCCESS, Session, default_path, shown};
use crate::check::{CheckOptions, check};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Input, InputError};
use crate::model::Severity;
use crate::problem::Problem;
use crate::render::{self, PackOptions};
use crate::report::human;
use crate::write;
use crate::yaml::values::parse_date;

/// Arguments of `pqs render`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  pqs render\n  pqs render --format all --out dist/pack.html")]
pub struct RenderArgs {
    /// The portfolio, or any folder inside it.
    #[arg(default_value_os_t = default_path())]
    pub path: PathBuf,
    /// Where to write the pack (default: dist/<candidate>-pqs-pack.html or .pdf in the
    /// portfolio). With `--format all`, the file name's extension is replaced for each format.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The pack's format.
    #[arg(long, value_enum, default_value_t = PackFormat::Html)]
    pub format: PackFormat,
    /// Make the pack even if some record has an error.
    #[arg(long)]
    pub force: bool,
    /// Include drafts, marked as such.
    #[arg(long)]
    pub drafts: bool,
    /// The date the pack says it was made, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub(super) fn run(args: &RenderArgs, color: bool, session: &mut Session<'_>) -> anyhow::Result<u8> {
    // Refused before anything is read or checked, so the one sentence says all there is.
    if !cfg!(feature = "pdf") && args.format != PackFormat::Html {
        return Err(Error::from(InputError::WithoutPdf).into());
    }
    let made = made(args.date.as_deref(), session.today)?;
    let outcome = check(&args.path, &CheckOptions { today: session.today, complete: false, bodies: true })?;
    super::templates::warn(&outcome.portfolio.templates, &outcome.portfolio.root, session.err);
    let identifying = outcome.identifying();
    if identifying || (outcome.count(Severity::Error) > 0 && !args.force) {
        let report = human::render(&outcome, human::Options { color, width: session.width });
        session.out.write_all(report.as_bytes()).context("could not write the report")?;
        let advice = if identifying {
            "remove the details above that could identify someone (`--force` does not make a pack while any remain)"
        } else {
            "fix the errors above, or pass `--force`"
        };
        writeln!(session.out, "\nThe pack was not made: {advice}.")?;
        return Ok(FAILURE);
    }
    let options = PackOptions { made, drafts: args.drafts };
    let base = match &args.out {
        Some(out) => out.clone(),
        None => {
            render::default_output(&outcome.portfolio.root, outcome.portfolio.manifest.candidate.as_deref())
        }
    };
    // Make every pack before writing any, so a failure leaves all files as they were; but a PDF
    // that cannot be made does not keep the HTML pack from being written.
    let mut packs = Vec::new();
    if matches!(args.format, PackFormat::Html | PackFormat::All) {
        let out = if args.format == PackFormat::All { base.with_extension("html") } else { base.clone() };
        packs.push((out, render::html(&outcome, options)?.into_bytes()));
    }
    // A pqs without the `pdf` feature refused a PDF pack above.
    #[cfg(not(feature = "pdf"))]
    let failed: Option<Error> = None;
    #[cfg(feature = "pdf")]
    let failed = if matches!(args.format, PackFormat::Pdf | PackFormat::All) {
        let keep = args.out.is_some() && args.format == PackFormat::Pdf;
        let out = if keep { base.clone() } else { base.with_extension("pdf") };
        render::pdf::pdf(&outcome, options).map(|bytes| packs.push((out, bytes))).err()
    } else {
        None
    };
    let note = if outcome.complete() { "" } else { " (incomplete: not for submission)" };
    for (out, bytes) in packs {
        write::replace(&out, &bytes)?;
        writeln!(session.out, "{}{note}", shown(&out)).context("could not write to the terminal")?;
    }
    // Made past errors: say so, as the pack itself does not (`pqs check` shows them).
    let errors = outcome.count(Severity::Error);
    if errors > 0 {
        let s = crate::text::plural(errors);
        writeln!(
            session.err,
            "warning: the pack was made with `--force` despite {errors} error{s} (`pqs check` shows each)"
        )
        .context("could not write to the terminal")?;
    }
    // Made while details that may identify someone stand as warnings: say which, to be read
    // before the pack is shared.
    let left = outcome.identifying_left();
    if !left.is_empty() {
        writeln!(session.err, "{}", standing(&left)).context("could not write to the terminal")?;
    }
    match failed {
        Some(error) => Err(error.into()),
        None => Ok(SUCCESS),
    }
}

/// How many of the shown details may identify someone.
const STANDING_SHOWN: usize = 10;

/// The warning that `left`, details the anonymisation lint found that are not errors, stand in
/// the pack: each at its file and line, the first [`STANDING_SHOWN`] of them.
fn standing(left: &[&Diagnostic]) -> String {
    let n = left.len();
    let s = crate::text::plural(n);
    let (verb, pronoun) = if n == 1 { ("stands", "it") } else { ("stand", "them") };
    let mut text = format!(
        "warning: {n} detail{s} that may identify someone {verb} in the pack (as warnings, which do not stop it); read {pronoun} before you share it:"
    );
    for d in left.iter().take(STANDING_SHOWN) {
        let place = match (&d.file, &d.span) {
            (Some(file), Some(span)) => format!("{file}:{}", span.line),
            (Some(file), None) => file.clone(),
            (None, _) => "the portfolio".to_owned(),
        };
        let what = match &d.problem {
            Problem::Privacy { check, .. } => check.what(),
            _ => "a detail",
        };
        text.push_str(&format!("\n  {place}: {what} ({})", d.code()));
    }
    if n > STANDING_SHOWN {
        text.push_str(&format!("\n  and {} more", n - STANDING_SHOWN));
    }
    text.push_str("\n`pqs check` shows each where it is, with what to do about it.");
    text
}

/// The formats of the pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PackFormat {
    /// One self-contained HTML file.
    Html,
    /// A typeset PDF (PDF/UA-1 and PDF/A-2b).
    Pdf,
    /// Both.
    All,
}

/// The pack date: `--date`, else `SOURCE_DATE_EPOCH`, else today.
fn made(date: Option<&str>, today: jiff::civil::Date) -> Result<jiff::civil::Date, Error> {
    if let Some(text) = date {
        return parse_date(text).map_err(|reason| {
            InputError::BadDate { input: Input::Date, value: text.to_owned(), reason }.into()
        });
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) if !epoch.trim().is_empty() => {
            let seconds: i64 = epoch.trim().parse().map_err(|_| InputError::NotSeconds {
                input: Input::SourceDateEpoch,
                value: epoch.clone(),
            })?;
            let timestamp = jiff::Timestamp::from_second(seconds).map_err(|_| InputError::OutOfRange {
                input: Input::SourceDateEpoch,
                value: epoch.clone(),
            })?;
            Ok(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
        }
        _ => Ok(today),
    }
}
