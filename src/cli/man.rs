//! `pqs man`: the manual page, one page for every command, made from the same command-line
//! definitions as `--help` (so it cannot drift from it), with the examples, the exit status and
//! the environment variables that `--help` leaves to the README.

use anyhow::Context as _;
use clap::{Args, CommandFactory as _};
use clap_mangen::Man;

use super::{Cli, SUCCESS, Session};

/// Arguments of `pqs man`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  pqs man > ~/.local/share/man/man1/pqs.1 && man pqs")]
pub struct ManArgs {}

/// A first session, command by command.
const EXAMPLES: &str = r#".SH EXAMPLES
Start a portfolio, then work inside its folder:
.PP
.nf
.RS 4
pqs init my\-portfolio \-\-candidate "Alex Morgan" \-\-mentor "Sam Patel"
cd my\-portfolio
.RE
.fi
.PP
Write a record from its template, then check the portfolio:
.PP
.nf
.RS 4
pqs new observation \-\-kind formative \-\-observer "Sam Patel" \-\-standards 6.1,6.4
pqs check
pqs status
.RE
.fi
.PP
The mentor signs a record off with their SSH key (a typed name without \fB\-\-key\fR); later,
check that no sign\-off has gone out of date:
.PP
.nf
.RS 4
pqs sign evidence/2026\-03\-02\-observation\-formative\-group\-supervision.md \-\-by "Sam Patel" \-\-role mentor \-\-key ~/.ssh/id_ed25519
pqs sign \-\-verify
.RE
.fi
.PP
Make the pack to submit:
.PP
.nf
.RS 4
pqs check \-\-complete
pqs render
.RE
.fi
"#;

/// What each exit status means, for every command.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
.B 0
The command did what it was asked; for \fBpqs check\fR, no record has an error.
.TP
.B 1
Findings fail the run: a record has an error (with \fB\-\-complete\fR, also a requirement not yet
met; with \fB\-\-deny warnings\fR, also a warning); \fBpqs render\fR found errors and made no pack;
\fBpqs sign \-\-verify\fR found a sign\-off that is no longer valid, is not accepted, or cannot be
checked.
.TP
.B 2
The command could not run: no \fIpqs.yaml\fR, a wrong argument, a value that was needed and not
given where no terminal can ask for it, or a file that could not be read or written.
.TP
.B 130
Stopped with Ctrl\-C while a question was asked; nothing was written.
"#;

/// The environment variables pqs reads.
const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
.B NO_COLOR
When set to anything, no colour (unless \fB\-\-color always\fR).
.TP
.B PQS_TODAY
The day every command takes as today, as YYYY\-MM\-DD.
.TP
.B SOURCE_DATE_EPOCH
The date on a pack when \fB\-\-date\fR is not given, for packs that are the same from one run to the next.
.TP
.BR VISUAL ", " EDITOR
The editor \fBpqs new \-\-edit\fR opens the new record in.
"#;

pub(super) fn run(_: &ManArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    session.out.write_all(page()?.as_bytes()).context("could not write the man page")?;
    Ok(SUCCESS)
}

/// The whole page, as roff.
fn page() -> anyhow::Result<String> {
    let mut command = Cli::command();
    command.build();
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    let mut page = String::from_utf8(page).context("the man page is not UTF-8")?;
    page.push_str(".SH COMMANDS\n");
    for sub in command.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help") {
        page.push_str(&command_section(sub)?);
    }
    page.push_str(EXAMPLES);
    page.push_str(EXIT_STATUS);
    page.push_str(ENVIRONMENT);
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    page.push_str(&String::from_utf8(version).context("the man page is not UTF-8")?);
    Ok(page)
}

/// One command's part of the page: how it is run, what it does, its options and its examples.
fn command_section(sub: &clap::Command) -> anyhow::Result<String> {
    let usage = sub.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    let mut text = format!(".SS \"{}\"\n", escape(&format!("pqs {}", sub.get_name())));
    text.push_str(&format!(".B {}\n.PP\n", escape(usage)));
    // `--color` and `--help` are the same on every command: the page gives them once, at the top.
    let own = sub.clone().mut_args(|arg| {
        let shared = arg.is_global_set() || arg.get_id() == "help";
        if shared { arg.hide(true) } else { arg }
    });
    let man = Man::new(own);
    let mut description = Vec::new();
    man.render_description_section(&mut description)?;
    text.push_str(&body(&description));
    let mut options = Vec::new();
    man.render_options_section(&mut options)?;
    text.push_str(&body(&options));
    if sub.get_after_help().is_some() {
        let mut extra = Vec::new();
        man.render_extra_section(&mut extra)?;
        text.push_str(".PP\n");
        text.push_str(&body(&extra));
    }
    Ok(text)
}

/// A section clap_mangen rendered, without its heading (each command's parts are under the
/// command's own heading) and without the definitions every rendering repeats at its start.
fn body(rendered: &[u8]) -> String {
    String::from_utf8_lossy(rendered)
        .lines()
        .filter(|line| !line.starts_with(".ie \\n(.g") && !line.starts_with(".el .ds Aq"))
        .skip_while(|line| !line.starts_with(".SH"))
        .skip(1)
        .map(|line| format!("{line}\n"))
        .collect()
}

/// `text` safe in a roff line: backslashes and hyphens escaped, and quotes, which would end a
/// macro's argument, turned to the roff character for them.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-").replace('"', "\\(dq")
}
