//! `pqs check` on a folder of portfolios, its report written while they are checked, and the
//! progress bar shown meanwhile. `cli/check.rs` calls it; it knows nothing of `pqs check`'s
//! arguments, only where the report goes.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Session;
use crate::check::CheckOptions;
use crate::cohort::{self, Cohort, Roster};
use crate::error::Error;
use crate::model::Severity;
use crate::portfolio::manifest;
use crate::report::{self, Format, Head, Options, Part, Stream};
use crate::text::{escape, shell_quote};
use crate::write;

/// Where a report goes: `format` to standard output; or, with `file`, `format` to the file
/// (whole or not at all) and the report for people to standard output.
#[derive(Clone, Copy, Debug)]
pub(super) struct Output<'a> {
    pub format: Format,
    pub file: Option<&'a Path>,
    /// Colour in the report on standard output.
    pub color: bool,
}

/// What the exit status of a cohort's check depends on.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tally {
    pub errors: usize,
    pub warnings: usize,
    /// Portfolios that could not be checked at all.
    pub unchecked: usize,
}

/// The folder to check as a cohort: `path`, when it is a folder with no `pqs.yaml` at or above
/// it. With no portfolio below it either, checking the cohort gives the same error as checking
/// one portfolio would.
pub(super) fn root(path: &Path) -> Option<PathBuf> {
    match manifest::find(path) {
        Err(Error::NoManifest { .. }) if path.is_dir() => Some(path.to_path_buf()),
        _ => None,
    }
}

/// Check the cohort under `root`, keeping every portfolio, with a progress bar on a terminal.
pub(super) fn check(root: &Path, options: &CheckOptions, session: &mut Session<'_>) -> Result<Cohort, Error> {
    let mut bar = Bar::new(session.progress);
    let cohort = cohort::check_cohort(root, options, &mut |done, total| bar.draw(session.err, done, total));
    bar.clear(session.err);
    cohort
}

/// `pqs check` on the cohort under `root`: each portfolio's part of the report is written as soon
/// as it and those before it are checked, then dropped. With a file to write, both reports are
/// kept until the end instead, so that nothing is written when the file cannot be.
pub(super) fn run(
    root: &Path,
    options: &CheckOptions,
    output: &Output<'_>,
    session: &mut Session<'_>,
) -> anyhow::Result<Tally> {
    let roster = cohort::roster(root)?;
    alone(root, &roster, session.err).context("could not write to the terminal")?;
    let base = report::base(&roster.root);
    let head = Head {
        settings: &roster.settings,
        diagnostics: &roster.diagnostics,
        members: roster.folders.len(),
        base: &base,
    };
    let own = |severity| roster.diagnostics.iter().filter(|d| d.severity == severity).count();
    let mut tally = Tally { errors: own(Severity::Error), warnings: own(Severity::Warning), unchecked: 0 };
    let (mut file_text, mut human_text) = (Vec::new(), Vec::new());
    let mut targets: Vec<(Stream<'_>, &mut dyn Write)> = Vec::new();
    match output.file {
        Some(_) => {
            let mut file: &mut dyn Write = &mut file_text;
            let mut human: &mut dyn Write = &mut human_text;
            let stream =
                Stream::new(output.format, head, Options { color: false, width: session.width }, &mut file)?;
            targets.push((stream, file));
            let stream = Stream::new(
                Format::Human,
                head,
                Options { color: output.color, width: session.width },
                &mut human,
            )?;
            targets.push((stream, human));
        }
        None => {
            let stream = Stream::new(
                output.format,
                head,
                Options { color: output.color, width: session.width },
                session.out,
            )
            .context("could not write the report")?;
            targets.push((stream, &mut *session.out));
        }
    }
    let mut bar = Bar::new(session.progress);
    let err = &mut *session.err;
    let mut failed: Option<io::Error> = None;
    stream(&roster, options, &mut bar, err, &mut |part| {
        match &part.member.result {
            Ok(outcome) => {
                tally.errors += outcome.count(Severity::Error);
                tally.warnings += outcome.count(Severity::Warning);
            }
            Err(_) => tally.unchecked += 1,
        }
        for (stream, out) in &mut targets {
            if failed.is_none()
                && let Err(error) = stream.portfolio(part, &mut **out)
            {
                failed = Some(error);
            }
        }
    });
    if let Some(error) = failed {
        return Err(error).context("could not write the report");
    }
    for (stream, out) in targets {
        stream.finish(out).context("could not write the report")?;
    }
    if let Some(file) = output.file {
        write::replace(file, &file_text)?;
        session.out.write_all(&human_text).context("could not write the report")?;
    }
    Ok(tally)
}

/// A folder with one portfolio in it and no `pqs-cohort.yaml` is most likely the folder above a
/// supervisor's own portfolio (where `pqs init my-portfolio` was run): say on standard error
/// that it is checked as a cohort, and how to check the portfolio alone.
fn alone(root: &Path, roster: &Roster, err: &mut dyn Write) -> io::Result<()> {
    let [folder] = roster.folders.as_slice() else { return Ok(()) };
    if roster.root.join(cohort::FILE_NAME).exists() {
        return Ok(());
    }
    let inner = folder.strip_prefix(&roster.root).unwrap_or(folder);
    let joined = root.join(inner);
    let portfolio = joined.strip_prefix(".").unwrap_or(&joined).display().to_string();
    writeln!(
        err,
        "note: `{}` is not a portfolio (it has no `pqs.yaml`), so it is checked as a cohort: a folder of\n  \
         portfolios, here only `{}`.\n  To check that portfolio alone, run `cd {}` first, or `pqs check {}`.",
        escape(&root.display().to_string()),
        escape(&portfolio),
        shell_quote(&portfolio),
        shell_quote(&portfolio)
    )
}

/// Check `roster`'s portfolios, giving each, with its folder as CI reports name it, to `each`;
/// the bar is cleared while `each` writes, so that a report on the same terminal is not drawn
/// over it.
fn stream(
    roster: &Roster,
    options: &CheckOptions,
    bar: &mut Bar,
    err: &mut dyn Write,
    each: &mut dyn FnMut(Part<'_>),
) {
    // The progress callback and the member callback both draw on standard error; they run one
    // after the other on this thread, so they share it through a cell.
    let err = std::cell::RefCell::new(err);
    let bar = std::cell::RefCell::new(bar);
    cohort::check_each(
        roster,
        options,
        &mut |done, total| bar.borrow_mut().draw(&mut **err.borrow_mut(), done, total),
        &mut |member| {
            let base = match &member.result {
                Ok(outcome) => report::base(&outcome.portfolio.root),
                Err(_) => report::base(&roster.root.join(&member.folder)),
            };
            bar.borrow_mut().clear(&mut **err.borrow_mut());
            if let Ok(outcome) = &member.result {
                let err = &mut **err.borrow_mut();
                super::templates::warn(&outcome.portfolio.templates, &outcome.portfolio.root, err);
            }
            each(Part { member: &member, base: &base });
            bar.borrow_mut().redraw(&mut **err.borrow_mut());
        },
    );
    bar.borrow_mut().clear(&mut **err.borrow_mut());
}

/// The progress bar, drawn over itself on standard error when that is a terminal.
struct Bar {
    shown: bool,
    /// What it shows: how many portfolios are done, of how many.
    state: Option<(usize, usize)>,
    /// Whether it is on the screen now.
    drawn: bool,
}

impl Bar {
    fn new(shown: bool) -> Bar {
        Bar { shown, state: None, drawn: false }
    }

    fn draw(&mut self, err: &mut dyn Write, done: usize, total: usize) {
        self.state = Some((done, total));
        self.redraw(err);
    }

    fn redraw(&mut self, err: &mut dyn Write) {
        if let Some((done, total)) = self.state.filter(|_| self.shown) {
            let _ = err.write_all(format!("\r{}", bar(done, total)).as_bytes());
            let _ = err.flush();
            self.drawn = true;
        }
    }

    /// Take the bar off its line with spaces, which every console understands (the escape code
    /// that erases a line is shown as it is by Windows' older consoles).
    fn clear(&mut self, err: &mut dyn Write) {
        if let Some((_, total)) = self.state.filter(|_| self.drawn) {
            let blank = " ".repeat(bar(total, total).len());
            let _ = err.write_all(format!("\r{blank}\r").as_bytes());
            let _ = err.flush();
            self.drawn = false;
        }
    }
}

/// `[#########...........]   12/200 portfolios`.
fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH).min(WIDTH);
    format!("[{}{}] {done:>4}/{total} portfolios", "#".repeat(filled), ".".repeat(WIDTH - filled))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::cli::{Terminal, run};

    /// A cohort of the two example portfolios, in a new folder.
    fn cohort() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a folder");
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        for name in ["in-progress", "sample-portfolio"] {
            let from = examples.join(name);
            for entry in walkdir::WalkDir::new(&from).into_iter().map(|e| e.expect("listed")) {
                let to = dir.path().join(name).join(entry.path().strip_prefix(&from).expect("inside"));
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&to).expect("a folder");
                } else {
                    std::fs::copy(entry.path(), &to).expect("copied");
                }
            }
        }
        dir
    }

    fn check(dir: &Path, terminal: Terminal) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let args =
            ["pqs".as_ref(), "check".as_ref(), dir.as_os_str(), "--today".as_ref(), "2026-11-22".as_ref()];
        let code = run(args, &mut out, &mut err, terminal);
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
        (code, text(out), text(err))
    }

    #[test]
    fn the_progress_bar_is_drawn_on_the_sessions_standard_error() {
        let dir = cohort();
        let (code, out, err) = check(dir.path(), Terminal { stderr_is_tty: true, ..Terminal::default() });
        assert_eq!(code, 0, "{out}{err}");
        assert!(err.contains("\r[##############################]    2/2 portfolios"), "{err:?}");
        let blank = format!("\r{}\r", " ".repeat(super::bar(2, 2).len()));
        assert!(err.ends_with(&blank), "the bar is taken off its line at the end: {err:?}");
        assert!(
            !out.contains("portfolios\r") && !out.contains('\r'),
            "nothing of the bar on standard output"
        );
        assert!(out.contains("Cohort: 2 portfolios"), "{out}");

        let (_, quiet_out, err) = check(dir.path(), Terminal::default());
        assert_eq!(err, "", "no bar when standard error is not a terminal");
        assert_eq!(quiet_out, out, "the same report either way");
    }
}
