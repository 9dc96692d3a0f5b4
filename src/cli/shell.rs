//! `pqs completions <SHELL>`: shell completions, made from the same command-line definitions as
//! `--help`, so they cannot drift from it (`man.rs` makes the manual page from them too).

use clap::{Args, Command, CommandFactory as _, ValueHint};
use clap_complete::Shell;

use super::{Cli, SUCCESS, Session};

/// Arguments of `pqs completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  pqs completions bash > ~/.local/share/bash-completion/completions/pqs\n  pqs completions zsh > ~/.zfunc/_pqs\n  pqs completions fish > ~/.config/fish/completions/pqs.fish"
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub(super) fn completions(args: &CompletionsArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let mut command = free_text(Cli::command());
    clap_complete::generate(args.shell, &mut command, "pqs", session.out);
    Ok(SUCCESS)
}

/// `command` with every value that is neither one of a list nor a path marked as free text (a
/// title, a name, a date), so a shell offers no file names for it; clap's completions offer files
/// for any value they know nothing of.
fn free_text(command: Command) -> Command {
    command
        .mut_args(|arg| {
            let listed = arg.get_value_parser().possible_values().is_some();
            let takes_value = arg.get_action().takes_values();
            if takes_value && !listed && arg.get_value_hint() == ValueHint::Unknown {
                arg.value_hint(ValueHint::Other)
            } else {
                arg
            }
        })
        .mut_subcommands(free_text)
}
