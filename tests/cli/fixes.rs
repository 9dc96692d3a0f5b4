//! Fixes made on the way through issue 15, each pinned so it stays fixed: `pqs status` draws its
//! year bar in colour at the same columns as without.

use crate::{example, pqs};

/// `pqs --color COLOR status` of the in-progress example as on `today`.
fn status(color: &str, today: &str) -> String {
    let output = pqs()
        .args(["--color", color, "status"])
        .arg(example("in-progress"))
        .args(["--today", today])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// `text` without its ANSI escape sequences (ESC, `[`, parameters, one final letter): what the
/// terminal shows.
fn visible(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            assert_eq!(chars.next(), Some('['), "only CSI sequences are expected: {text:?}");
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_status_bar_in_colour_lines_up_as_without() {
    // Before the first due date, with several done, and with one overdue: each day marks the bar
    // with a different set of coloured symbols.
    for today in ["2026-07-01", "2026-12-02", "2027-03-02", "2027-06-02"] {
        let plain = status("never", today);
        let coloured = status("always", today);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        let due = coloured.lines().find(|l| l.starts_with("  due")).expect("a due line");
        assert!(due.contains("\u{1b}["), "the due marks are coloured on {today}: {due:?}");
        assert_eq!(visible(&coloured), plain, "on {today}");
    }
}
