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
fn the_man_page_has_a_section_for_every_command_and_refers_to_no_other_page() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH pqs 1"), "a roff page");
    for command in COMMANDS.iter().filter(|c| **c != "help") {
        let heading = format!(".SS \"pqs {}\"", command.replace('-', "\\-"));
        let at = page.find(&heading).unwrap_or_else(|| panic!("a section for `{command}`"));
        let section = &page[at..];
        let usage = format!(".B pqs {}", command.replace('-', "\\-"));
        assert!(section.lines().nth(1).is_some_and(|l| l.starts_with(&usage)), "how `{command}` is run");
    }
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with(".SH")).collect();
    assert_eq!(
        sections,
        [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH COMMANDS",
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH VERSION"
        ]
    );
    // Only the page's own title names a section of the manual: there are no other pages of pqs.
    assert_eq!(page.matches("(1)").count(), 0, "no reference to a page such as pqs-check(1)");
    assert_eq!(
        page.matches("\\fB\\-\\-color\\fR \\fI<COLOR>").count(),
        1,
        "the global `--color` is given once"
    );
    for status in [".B 0\n", ".B 1\n", ".B 2\n", ".B 130\n"] {
        assert!(page.contains(status), "exit status {status}");
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

#[test]
fn a_mistyped_command_suggests_the_closest_first() {
    let output = pqs().arg("chek").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!("mistyped_command", String::from_utf8_lossy(&output.stderr));
}

/// What bash's completion of `pqs` (the `script`) offers for the last of `words` (the word being
/// typed), run in `folder`.
fn bash_completes(script: &std::path::Path, folder: &std::path::Path, words: &str) -> String {
    let harness = format!(
        "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
         _pqs pqs \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\" 2>/dev/null; echo \"${{COMPREPLY[*]}}\"",
        script.display()
    );
    let output = Command::new("bash").arg("-c").arg(harness).current_dir(folder).output().expect("bash runs");
    String::from_utf8(output.stdout).expect("UTF-8").trim().to_owned()
}

#[test]
fn completion_offers_the_values_a_flag_takes_and_no_file_names_for_free_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("pqs.bash");
    std::fs::write(&script, stdout(&["completions", "bash"])).expect("write");
    // A folder that holds one file, so a completion that offers file names shows it.
    let folder = dir.path().join("work");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("a-file.txt"), "").expect("write");
    let kinds = "formative direct supervisee colleague manager person-using-services carer other";
    let cases = [
        ("pqs new feedback --kind ''", kinds),
        ("pqs sign a.md --role ''", "mentor observer candidate line-manager moderator"),
        ("pqs check --format ''", "human json github gitlab junit sarif"),
        ("pqs new observation --title ''", ""),
        ("pqs new observation --observer ''", ""),
        ("pqs sign a.md --by ''", ""),
        ("pqs init --candidate ''", ""),
        ("pqs check --today ''", ""),
        ("pqs check --output ''", "a-file.txt"),
        ("pqs init --framework ''", "a-file.txt"),
    ];
    for (words, offered) in cases {
        assert_eq!(bash_completes(&script, &folder, words), offered, "{words}");
    }
}

/// Ctrl-C in a picker shows the cursor again and stops with status 130, writing nothing. The
/// questions need a terminal: util-linux's `script` runs pqs on one and passes it our keys.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_in_a_picker_shows_the_cursor_again() {
    use std::io::Read as _;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    const HIDE_CURSOR: &str = "\x1b[?25l";
    const SHOW_CURSOR: &str = "\x1b[?25h";
    let dir = tempfile::tempdir().expect("temp dir");
    crate::copy_tree(&crate::example("sample-portfolio"), dir.path());
    let before = crate::snapshot(dir.path());
    let pqs = env!("CARGO_BIN_EXE_pqs");
    let mut script = Command::new("script")
        .args(["-q", "-e", "-c", &format!("'{pqs}' new feedback --title T"), "/dev/null"])
        .current_dir(dir.path())
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script runs");
    let mut keys = script.stdin.take().expect("stdin");
    let mut screen = script.stdout.take().expect("stdout");
    let (sender, received) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buffer = [0; 4096];
        while let Ok(n @ 1..) = screen.read(&mut buffer) {
            if sender.send(buffer[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut shown = String::new();
    let wait_for = |text: &str, shown: &mut String| {
        let deadline = Instant::now() + crate::TIME_LIMIT;
        while !shown.contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            let chunk = received.recv_timeout(left).unwrap_or_else(|_| panic!("`{text}` shown: {shown:?}"));
            shown.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    wait_for("Date", &mut shown);
    keys.write_all(b"\r").expect("enter");
    wait_for(HIDE_CURSOR, &mut shown);
    keys.write_all(b"\x03").expect("Ctrl-C");
    let status = script.wait().expect("ends");
    while let Ok(chunk) = received.recv_timeout(Duration::from_secs(5)) {
        shown.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert_eq!(status.code(), Some(130), "{shown:?}");
    let hidden_at = shown.rfind(HIDE_CURSOR).expect("the picker hid the cursor");
    assert!(shown[hidden_at..].contains(SHOW_CURSOR), "the cursor is shown again: {shown:?}");
    assert_eq!(crate::snapshot(dir.path()), before, "nothing is written");
}
