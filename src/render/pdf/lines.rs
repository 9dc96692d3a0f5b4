//! Which line of the pack template made a line of the typst source: a typst error is reported at
//! the template's line, where the portfolio's author can fix it, not at the line of the source
//! the template made (which repeats the template's loop once per record).
//!
//! The template is rendered again with a mark at the end of each of its lines that ends outside
//! a tag. Marks hold no line break, so the source made so has the same lines, and the mark ending
//! a line of it names the template line that ended it.

use std::fmt::Write as _;

use crate::templates;

/// The characters a mark starts and ends with: private-use characters, which a template has no
/// reason to hold.
const OPEN: char = '\u{f8f0}';
const CLOSE: char = '\u{f8f1}';

/// The 1-based line of the template `text` that made 1-based line `line` of what it renders
/// with `context`.
pub fn template_line(text: &str, context: &tera::Context, line: usize) -> Option<usize> {
    let marked = templates::render_one(super::TEMPLATE, &marked(text), context).ok()?;
    let rest = marked.split_inclusive('\n').skip(line.checked_sub(1)?).collect::<String>();
    let start = rest.find(OPEN)?;
    let number = &rest[start + OPEN.len_utf8()..];
    number[..number.find(CLOSE)?].parse().ok()
}

/// `text` with a mark naming each line at the end of every line that ends outside a tag and
/// does not end in a tag that trims what follows it (`-%}`).
fn marked(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut inside: Option<&str> = None;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let mut rest = line;
        while !rest.is_empty() {
            match inside {
                None => match ["{{", "{%", "{#"].iter().filter_map(|open| rest.find(open)).min() {
                    Some(at) => {
                        inside = Some(match &rest[at..at + 2] {
                            "{{" => "}}",
                            "{%" => "%}",
                            _ => "#}",
                        });
                        rest = &rest[at + 2..];
                    }
                    None => rest = "",
                },
                Some(close) => match rest.find(close) {
                    Some(at) => {
                        inside = None;
                        rest = &rest[at + 2..];
                    }
                    None => rest = "",
                },
            }
        }
        let (content, ending) = match line.strip_suffix('\n') {
            Some(content) => (content, "\n"),
            None => (line, ""),
        };
        out.push_str(content);
        let trims = ["-%}", "-}}", "-#}"].iter().any(|end| content.trim_end().ends_with(end));
        if inside.is_none() && !trims && !ending.is_empty() {
            let _ = write!(out, "{OPEN}{}{CLOSE}", number + 1);
        }
        out.push_str(ending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_marked_outside_tags_only() {
        let text = "a {{ x }}\n{% if y %}\nb {# c\nd #}\ne {%- z -%}\nlast";
        assert_eq!(
            marked(text),
            "a {{ x }}\u{f8f0}1\u{f8f1}\n{% if y %}\u{f8f0}2\u{f8f1}\nb {# c\nd #}\u{f8f0}4\u{f8f1}\ne {%- z -%}\nlast"
        );
    }

    #[test]
    fn a_line_made_in_a_loop_is_the_loop_line() {
        let mut context = tera::Context::new();
        context.insert("items", &["one", "two", "three"]);
        let text = "top\n{% for i in items %}\nitem {{ i }}\n{% endfor %}\nend\n";
        let rendered = templates::render_one(super::super::TEMPLATE, text, &context).expect("renders");
        let made: Vec<(usize, &str)> = rendered.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        let lines: Vec<(&str, Option<usize>)> =
            made.iter().map(|(n, l)| (*l, template_line(text, &context, *n))).collect();
        assert_eq!(
            lines,
            [
                ("top", Some(1)),
                ("", Some(2)),
                ("item one", Some(3)),
                ("", Some(2)),
                ("item two", Some(3)),
                ("", Some(2)),
                ("item three", Some(3)),
                ("", Some(4)),
                ("end", Some(5)),
            ]
        );
    }
}
