//! `pqs completions` and `pqs man`, made from the command-line definitions, and an example in
//! every command's help.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::pqs;

const COMMANDS: [&str; 14] = [
    "check",
    "init",
    "new",
    "render",
    "report",
    "sign",
    "diff-signed",
    "schema",
    "status",
    "standards",
    "templates",
    "completions",
    "man",
    "help",
];

fn stdout(args: &[&str]) -> String {
    let output = pqs().args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn completions_for_each_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} completes `{command}`");
        }
    }
}

#[test]
fn the_bash_completions_are_valid_bash() {
    let script = stdout(&["completions", "bash"]);
    let mut bash = Command::new("bash").arg("-n").stdin(Stdio::piped()).spawn().expect("bash runs");
    bash.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("write");
    assert!(bash.wait().expect("bash ends").success(), "bash -n accepts the script");
}

#[test]
fn the_man_page_has_a_section_for_every_command() {
    let page = stdout(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq") || page.contains(".TH pqs 1"), "a roff page");
    for command in COMMANDS.iter().filter(|c| **c != "help") {
        assert!(
            page.contains(&format!(".SH \"PQS {}\"", command.to_uppercase())),
            "a section for `{command}`"
        );
    }
}

#[test]
fn every_command_has_an_example_in_its_help() {
    for command in COMMANDS.iter().filter(|c| **c != "help") {
        let help = stdout(&[command, "--help"]);
        assert!(help.contains("\nExample"), "`pqs {command} --help` shows an example");
        assert!(help.contains(&format!("  pqs {command}")), "`pqs {command} --help` shows it run");
    }
}
