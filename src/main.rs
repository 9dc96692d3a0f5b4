//! The `pqs` command: parse the arguments, run, and turn the result into an exit status.

use std::io::IsTerminal;
use std::process::ExitCode;

/// Checking a cohort makes and frees many small values on every core; mimalloc does that in
/// about half the time of the system's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A portfolio's own templates run in a second pqs, stopped when over its budget.
    if let Ok(program) = std::env::current_exe() {
        pqs::templates::budget::isolate_with(program);
    }
    let terminal = pqs::cli::Terminal {
        stdout_is_tty: std::io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        stderr_is_tty: std::io::stderr().is_terminal(),
        columns: terminal_size::terminal_size_of(std::io::stdout()).map(|(width, _)| usize::from(width.0)),
    };
    // pqs decides whether to colour (`--color`, `NO_COLOR`, a terminal) and writes ANSI codes
    // when it does; these streams make the console show them: on Windows they switch its ANSI
    // support on, or turn the codes into console calls where it has none. Elsewhere, and into a
    // file or pipe, the bytes pass as they are.
    let mut out = anstream::AutoStream::always(std::io::stdout().lock());
    let mut err = anstream::AutoStream::always(std::io::stderr());
    let code = pqs::cli::run(std::env::args_os(), &mut out, &mut err, terminal);
    ExitCode::from(code)
}
