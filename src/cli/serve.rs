//! `pqs serve [PATH]`.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueHint};

use super::{SUCCESS, Session, default_path, today};
use crate::serve::{Options, Server};

/// Arguments of `pqs serve`.
#[derive(Debug, Args)]
#[command(
    after_help = "Only you can use it: it listens on this computer alone (127.0.0.1), and the address it prints carries a secret token; keep the address to yourself. Stop it with Ctrl-C.\n\nExamples:\n  pqs serve\n  pqs serve my-portfolio --open\n  pqs serve cohort-2026 --port 8800"
)]
pub struct ServeArgs {
    /// The portfolio, or any folder inside it; or a folder of portfolios (a cohort).
    #[arg(default_value_os_t = default_path(), value_hint = ValueHint::DirPath)]
    pub path: PathBuf,
    /// The port to listen on (default: any free one).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Open the address in the web browser.
    #[arg(long)]
    pub open: bool,
    /// See the year as on this date (YYYY-MM-DD) instead of today; `PQS_TODAY` does the same.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

pub(super) fn run(args: &ServeArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    // A day given (`--today`, `PQS_TODAY`) stays; otherwise each page counts from the day it is
    // made, so a server left running over midnight moves on with the calendar.
    let fixed = args.today.is_some() || std::env::var_os("PQS_TODAY").is_some_and(|v| !v.is_empty());
    let today = fixed.then(|| today(args.today.as_deref(), session.today)).transpose()?;
    let agent = std::env::var_os("SSH_AUTH_SOCK").filter(|v| !v.is_empty()).map(PathBuf::from);
    let options = Options { port: args.port, today, agent, poll: None };
    let server = Server::bind(&args.path, options)?;
    let url = server.url();
    writeln!(
        session.out,
        "pqs is serving the portfolio at\n\n  {url}\n\nOpen that address in your web browser; it is for you alone. Stop with Ctrl-C."
    )
    .context("could not write to the terminal")?;
    session.out.flush().context("could not write to the terminal")?;
    if args.open
        && let Err(error) = open(&url)
    {
        writeln!(
            session.err,
            "note: the browser could not be opened ({error}); open the address above in it"
        )
        .context("could not write to the terminal")?;
    }
    server.run();
    Ok(SUCCESS)
}

/// Open `url` in the person's web browser, by way of a page of their own that leads there (as
/// Jupyter does): the address, with its token, is never on a command line, which other users of
/// the computer can read while the browser starts. The page is readable by its owner alone, and
/// removed a minute later.
fn open(url: &str) -> std::io::Result<()> {
    let mut page = tempfile::Builder::new().prefix("pqs-serve-").suffix(".html").tempfile()?;
    let url = crate::xml::attribute(url);
    write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"refresh\" content=\"0;url={url}\">\n<title>pqs serve</title>\n</head>\n\
         <body>\n<p><a href=\"{url}\">Open the portfolio in pqs</a></p>\n</body>\n</html>\n"
    )?;
    page.flush()?;
    let page = page.into_temp_path();
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut start = std::process::Command::new("rundll32");
        start.arg("url.dll,FileProtocolHandler");
        start
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(&*page).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    command.stderr(std::process::Stdio::null()).spawn()?;
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(60));
        drop(page);
    });
    Ok(())
}
