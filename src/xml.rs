//! Text made safe for XML (the JUnit report, the SVG timeline of the packs): markup characters
//! as entities, and characters XML 1.0 forbids replaced, so any text a portfolio holds reads back
//! the same.

/// `text` as XML character data: `&`, `<` and `>` as entities, a carriage return as a
/// reference (a parser would drop it), and characters XML 1.0 forbids as U+FFFD.
pub fn text(text: &str) -> String {
    escape(text, false)
}

/// `text` as an XML attribute value in double quotes: as [`text`], and quotes, tabs and line
/// ends as references, so that a parser gives back the same text.
pub fn attribute(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_forbids() {
        assert_eq!(text("a < b & \"c\"\r\n\u{1}\u{FFFF}"), "a &lt; b &amp; \"c\"&#13;\n\u{FFFD}\u{FFFD}");
        assert_eq!(attribute("say \"hi\"\n\tnow"), "say &quot;hi&quot;&#10;&#9;now");
    }
}
