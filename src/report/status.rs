//! The report of `pqs status`: where the supervisor is in the pathway year, as a bar with the
//! months, a marker for each due record and one for today, then each due record in date order.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::pathway::{Due, Pathway, State};
use crate::text::{escape, wrap};

/// Columns per month on the bar.
const MONTH: usize = 4;
/// Columns before the bar.
const MARGIN: usize = 9;
/// Columns before what each due line is about.
const COLUMN: usize = 35;

/// The status report of `pathway` for `candidate`, its long lines wrapped at `width` columns.
pub fn render(pathway: &Pathway, candidate: &str, color: bool, width: usize) -> String {
    let paint =
        |style: Style, text: &str| if color { format!("{style}{text}{style:#}") } else { text.to_owned() };
    let last_due = pathway.due.iter().map(|d| d.month).max().unwrap_or(12);
    let months =
        usize::try_from(last_due.max(12)).unwrap_or(12).max(usize::try_from(pathway.months + 1).unwrap_or(0));
    let mut out = String::new();
    let month_now = pathway.months + 1;
    let title = format!("Pathway of {},", escape(candidate));
    let head = if pathway.today < pathway.started {
        format!("{title} starts {}, today {}", pathway.started, pathway.today)
    } else {
        format!("{title} started {}: month {month_now} of {months}, today {}", pathway.started, pathway.today)
    };
    // Wrapped as plain text, then the title made bold where it is.
    let mut text = wrap(&head, width, 0, 2).join("\n  ");
    text.replace_range(..title.len(), &paint(Style::new().bold(), &title));
    let _ = writeln!(out, "{text}\n");
    bar(pathway, months, &paint, &mut out);
    out.push('\n');
    for due in &pathway.due {
        line(due, &paint, width, &mut out);
    }
    if pathway.due.is_empty() {
        out.push_str("  The framework gives no due months (`due_months`) for its requirements.\n");
    }
    out.push('\n');
    let overdue = pathway.overdue().count();
    if overdue > 0 {
        let _ =
            writeln!(out, "{}", paint(AnsiColor::Red.on_default().bold(), &format!("{overdue} overdue.")));
    }
    match pathway.next() {
        Some(next) => {
            let days = (next.date - pathway.today).get_days();
            let when = match days {
                0 => "today".to_owned(),
                1 => "tomorrow".to_owned(),
                n => format!("in {n} days"),
            };
            let draft = next
                .draft
                .as_ref()
                .map(|file| format!(" Its draft `{}` counts once it says `draft: false`.", escape(file)))
                .unwrap_or_default();
            let text = format!("Next: {}, due by {} ({when}).{draft}", escape(&next.what()), next.date);
            for (n, line) in wrap(&text, width, 0, 6).iter().enumerate() {
                let _ = writeln!(out, "{}{line}", if n == 0 { "" } else { "      " });
            }
        }
        None if overdue == 0 && !pathway.due.is_empty() => out.push_str("Nothing more is due.\n"),
        None => {}
    }
    out
}

/// The bar: month numbers, ticks, a marker at each due month, and today.
fn bar(pathway: &Pathway, months: usize, paint: &dyn Fn(Style, &str) -> String, out: &mut String) {
    let mut labels = format!("{:<MARGIN$}", "  month");
    for month in 1..=months {
        let _ = write!(labels, "{month:>width$}", width = if month == 1 { MONTH - 1 } else { MONTH });
    }
    let _ = writeln!(out, "{}", labels.trim_end());
    let ticks: String = (0..months).map(|_| "───┼").collect::<String>();
    let _ = writeln!(out, "{:<MARGIN$}├{}┤", "", &ticks[..ticks.len() - "┼".len()]);
    let mut marks = vec![None::<State>; months + 1];
    for due in &pathway.due {
        let at = usize::try_from(due.month).unwrap_or(0).min(months);
        // At a month with several records, show the one that most needs attention.
        let rank = |s: State| match s {
            State::Overdue => 3,
            State::Upcoming => 2,
            State::DoneLate => 1,
            State::Done => 0,
        };
        if marks[at].is_none_or(|m| rank(due.state) > rank(m)) {
            marks[at] = Some(due.state);
        }
    }
    let mut line = String::from("  due");
    // Columns on screen so far: the line's own length counts the colour's escape codes too.
    let mut width = line.chars().count();
    for (tick, mark) in marks.iter().enumerate() {
        if let Some(state) = mark {
            let column = MARGIN + tick * MONTH;
            line.push_str(&" ".repeat(column.saturating_sub(width)));
            let (symbol, style) = symbol(*state);
            line.push_str(&paint(style, symbol));
            width = column + symbol.chars().count();
        }
    }
    let _ = writeln!(out, "{line}");
    let days = (pathway.today - pathway.started).get_days().max(0) as f64;
    let year = (months as f64) * 365.25 / 12.0;
    let at = MARGIN + ((days / year) * (months * MONTH) as f64).round().min((months * MONTH) as f64) as usize;
    let _ = writeln!(out, "{:<MARGIN$}{}▲", "  today", " ".repeat(at - MARGIN));
    let _ = writeln!(out, "{:<MARGIN$}● done  ◑ done late  ✗ overdue  ○ to come", "");
}

fn symbol(state: State) -> (&'static str, Style) {
    match state {
        State::Done => ("●", AnsiColor::Green.on_default()),
        State::DoneLate => ("◑", AnsiColor::Yellow.on_default()),
        State::Overdue => ("✗", AnsiColor::Red.on_default().bold()),
        State::Upcoming => ("○", Style::new()),
    }
}

fn line(due: &Due, paint: &dyn Fn(Style, &str) -> String, width: usize, out: &mut String) {
    let (symbol, style) = symbol(due.state);
    let word = match due.state {
        State::Done => "done",
        State::DoneLate => "late",
        State::Overdue => "overdue",
        State::Upcoming => "to come",
    };
    let record = match (&due.record, &due.draft) {
        (Some((id, date)), _) => format!(": {} ({date})", escape(id)),
        // A draft is there: it only needs marking ready.
        (None, Some(file)) => {
            format!(": the draft `{}` counts once it says `draft: false`", escape(file))
        }
        (None, None) => String::new(),
    };
    let head = format!("  {} {:<8} month {:<3} {}  ", paint(style, symbol), word, due.month, due.date);
    let text = format!("{}{record}", escape(&due.what()));
    for (n, line) in wrap(&text, width, COLUMN, COLUMN).iter().enumerate() {
        let start = if n == 0 { head.clone() } else { " ".repeat(COLUMN) };
        let _ = writeln!(out, "{start}{line}");
    }
}
