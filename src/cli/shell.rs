//! `pqs completions <SHELL>` and `pqs man`: shell completions and a man page, both made from
//! the same command-line definitions as `--help`, so they cannot drift from it.

use anyhow::Context as _;
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

/// Arguments of `pqs man`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  pqs man > ~/.local/share/man/man1/pqs.1 && man pqs")]
pub struct ManArgs {}

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

pub(super) fn man(_: &ManArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page).context("could not make the man page")?;
    // One page: each command's own section, after the summary.
    for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("pqs {}", sub.get_name());
        page.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let man = clap_mangen::Man::new(sub.clone().display_name(name));
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
    }
    session.out.write_all(&page).context("could not write the man page")?;
    Ok(SUCCESS)
}
