//! The `pqs` command: parse the arguments, run, and turn the result into an exit status.

use std::io::IsTerminal;
use std::process::ExitCode;

/// Checking a cohort makes and frees many small values on every core; mimalloc does that in
/// about half the time of the system's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let terminal = pqs::cli::Terminal {
        stdout_is_tty: std::io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        stderr_is_tty: std::io::stderr().is_terminal(),
    };
    let code =
        pqs::cli::run(std::env::args_os(), &mut std::io::stdout().lock(), &mut std::io::stderr(), terminal);
    ExitCode::from(code)
}
