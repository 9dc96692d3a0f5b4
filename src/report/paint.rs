//! Colour and wrapping for the human reports: each text styled only when colour is on, and long
//! lines wrapped at the width, their later lines indented.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::text::wrap;

/// Colour, or none.
#[derive(Clone, Copy)]
pub(super) struct Paint {
    color: bool,
    width: usize,
}

impl Paint {
    /// Colour or none, wrapping at `width` columns.
    pub(super) fn new(color: bool, width: usize) -> Paint {
        Paint { color, width }
    }

    /// `text` after `prefix` (which takes `prefix_width` columns on the screen), wrapped at the
    /// width, its other lines indented by `indent` columns.
    pub(super) fn wrapped(
        self,
        out: &mut String,
        prefix: &str,
        prefix_width: usize,
        indent: usize,
        text: &str,
    ) {
        for (n, line) in wrap(text, self.width, prefix_width, indent).iter().enumerate() {
            let start = if n == 0 { prefix.to_owned() } else { " ".repeat(indent) };
            let _ = writeln!(out, "{start}{line}");
        }
    }

    /// The width lines are wrapped at.
    pub(super) fn width(self) -> usize {
        self.width
    }

    pub(super) fn style(self, style: Style, text: &str) -> String {
        if self.color { format!("{style}{text}{style:#}") } else { text.to_owned() }
    }
    pub(super) fn heading(self, text: &str) -> String {
        self.style(Style::new().bold(), text)
    }
    pub(super) fn mark(self, met: bool) -> String {
        if met {
            self.style(AnsiColor::Green.on_default(), "✓")
        } else {
            self.style(AnsiColor::Red.on_default().bold(), "✗")
        }
    }

    /// The mark of a gap that is not overdue.
    pub(super) fn todo(self) -> String {
        self.style(AnsiColor::Yellow.on_default(), "○")
    }

    /// The word before a help line.
    pub(super) fn help(self) -> String {
        self.style(Style::new().bold(), "help:")
    }
}
