//! The YAML parser's messages in plain words: a path to a value as a reader says it, a wrong
//! shape as what was expected and what was found, and the common syntax mistakes explained.

/// A parser's path to a value in words: `standards[0]` is "item 1 of `standards`",
/// `signoff[1].by` is "`by` in entry 2 of `signoff`".
pub(super) fn field_in_words(path: &str) -> String {
    let (head, tail) = path.split_once('.').map_or((path, None), |(h, t)| (h, Some(t)));
    let described = match head.split_once('[') {
        Some((name, index)) => {
            let n = index.trim_end_matches(']').parse::<usize>().map_or(0, |i| i + 1);
            match tail {
                Some(key) => return format!("`{key}` in entry {n} of `{name}`"),
                None => format!("item {n} of `{name}`"),
            }
        }
        None => format!("`{head}`"),
    };
    match tail {
        Some(key) => format!("`{key}` in {described}"),
        None => described,
    }
}

/// A parser's complaint about the value at `field` (its path, such as `requirements[0].type`),
/// in plain words: "`type` in item 1 of `requirements`: `essay` is not allowed here; use one of
/// ...".
pub fn value_in_words(field: Option<&str>, message: &str) -> String {
    let detail = if let Some((value, expected)) =
        message.strip_prefix("unknown variant ").and_then(|rest| rest.split_once(", expected one of "))
    {
        format!("{value} is not allowed here; use one of {expected}")
    } else if let Some((name, expected)) =
        message.strip_prefix("unknown field ").and_then(|rest| rest.split_once(", expected one of "))
    {
        format!("{name} is not a field here; the fields are {expected}")
    } else {
        shape_detail(message)
    };
    match field {
        Some(field) => format!("{}: {detail}", field_in_words(field)),
        None => detail,
    }
}

/// The parser's "invalid type: sequence, expected a single value" in plain words:
/// "should be a single value, but it is a list".
pub(super) fn shape_detail(message: &str) -> String {
    let Some((found, expected)) =
        message.strip_prefix("invalid type: ").and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return message.to_owned();
    };
    let found = match found {
        "sequence" => "a list".to_owned(),
        "map" => "a group of `field: value` lines".to_owned(),
        "unit value" => "empty".to_owned(),
        other => match other.split_once(' ') {
            Some((_, value)) if value.starts_with('`') || value.starts_with('"') => {
                format!("the single value {}", value.replace('"', "`"))
            }
            _ => other.to_owned(),
        },
    };
    let expected = match expected {
        "usize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" => "a whole number",
        "a boolean" | "bool" => "`true` or `false`",
        other => other,
    };
    format!("should be {expected}, but it is {found}")
}

/// The YAML parser's message in plain words where a common mistake explains it.
pub(super) fn syntax_detail(message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("mapping values are not allowed", "a value contains `: `, which starts a new field"),
        ("did not find expected ',' or ']'", "a list that opens with `[` is not closed with `]`"),
        ("did not find expected ',' or '}'", "a group that opens with `{` is not closed with `}`"),
        (
            "found character that cannot start any token",
            "a character here cannot start a value (a tab, `@` or a backtick?)",
        ),
        ("did not find expected key", "a line is indented differently from the lines around it"),
        (
            "did not find expected '-' indicator",
            "a list item is indented differently from the items around it",
        ),
        ("found unexpected end of stream", "a quote is opened but never closed"),
        ("unknown anchor", "`*` starts a reference to an anchor that does not exist; quote the value"),
        (
            "repetition limit exceeded",
            "its anchors (`&name`) and references (`*name`) repeat the text too many times; write the values out",
        ),
        (
            "did not find expected node content",
            "a value is missing here, or starts with a character that cannot start one (such as `-` inside `[...]`); put the value in quotes",
        ),
        (
            "did not find expected alphabetic or numeric character",
            "`&` or `*` must be followed by a name here; put a value that starts with `&` or `*` in quotes",
        ),
        (
            "could not find expected ':'",
            "a field name is not followed by `:`, or a quoted value runs on past its line",
        ),
        (
            "block sequence entries are not allowed",
            "a `- item` is on the same line as its field; put each `- item` on a line of its own under the field",
        ),
        (
            "found undefined tag handle",
            "`!` starts a YAML tag here; put a value that starts with `!` in quotes",
        ),
        (
            "found unknown escape character",
            "a `\\` in a value in double quotes starts no known escape; use single quotes instead",
        ),
        (
            "did not find expected <document start>",
            "the front-matter holds a second document (a line `...` or `---`); remove that line",
        ),
        ("recursion limit exceeded", "lists or groups are nested inside each other too deeply"),
        ("duplicate", "a field is given more than once"),
        ("tab character", "a tab is used to indent a line; indent with spaces"),
        (
            "control characters are not allowed",
            "the text contains an invisible control character; retype the line",
        ),
        (
            "invalid type: sequence",
            "a field name is written as a list; field names are single words such as `title`",
        ),
        (
            "invalid type: map",
            "a field name is written as a group; field names are single words such as `title`",
        ),
    ];
    KNOWN
        .iter()
        .find(|(start, _)| message.contains(start))
        .map_or_else(|| message.to_owned(), |(_, plain)| (*plain).to_owned())
}

#[cfg(test)]
mod tests {
    use super::field_in_words;

    #[test]
    fn paths_in_words() {
        assert_eq!(field_in_words("title"), "`title`");
        assert_eq!(field_in_words("standards[0]"), "item 1 of `standards`");
        assert_eq!(field_in_words("signoff[1].by"), "`by` in entry 2 of `signoff`");
    }
}
