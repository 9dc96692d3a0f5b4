//! OpenSSH's patterns, as `ssh-keygen -Y verify` matches principals and namespaces with them:
//! a comma-separated list of patterns where `*` stands for any run of bytes and `?` for one byte,
//! compared case-sensitively; a pattern that starts with `!` excludes what it matches, whatever
//! else in the list matches.

/// OpenSSH copies each pattern of a list into a buffer of 1024 bytes; a longer one makes the
/// whole list match nothing.
const LONGEST_PATTERN: usize = 1023;

/// Whether `text` matches the pattern list `list` (OpenSSH's `match_pattern_list` being 1).
pub(super) fn matches_list(text: &str, list: &str) -> bool {
    let mut positive = false;
    for pattern in list.split(',') {
        let (negated, pattern) = match pattern.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        if pattern.len() >= LONGEST_PATTERN {
            return false;
        }
        if matches(text.as_bytes(), pattern.as_bytes()) {
            if negated {
                return false;
            }
            positive = true;
        }
    }
    positive
}

/// Whether a pattern is written literally: it matches one text, itself.
pub(super) fn is_literal(pattern: &str) -> bool {
    !pattern.starts_with('!') && !pattern.contains(['*', '?'])
}

/// Whether `text` matches `pattern` (`*` any run of bytes, `?` one byte). Greedy, going back
/// only to the last `*`: for these two wildcards that finds a match whenever one exists, in time
/// bounded by the product of the lengths.
fn matches(text: &[u8], pattern: &[u8]) -> bool {
    let (mut t, mut p) = (0, 0);
    // Where the last `*` was, and where in the text it was tried up to.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                t += 1;
                p += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    star = Some((star_p, star_t + 1));
                    p = star_p + 1;
                    t = star_t + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_openssh_matches_them() {
        let cases: &[(&str, &str, bool)] = &[
            ("Sam Patel", "Sam Patel", true),
            ("Sam Patel", "sam patel", false),
            ("Sam Patel", "Sam*", true),
            ("Sam Patel", "*Patel", true),
            ("Sam Patel", "S?m Patel", true),
            ("Sam Patel", "S?m", false),
            ("sam@example.org", "*@example.org", true),
            ("sam@example.org.evil", "*@example.org", false),
            ("sam@example.org", "*@example.org,!sam@*", false),
            ("ana@example.org", "*@example.org,!sam@*", true),
            ("ana@example.org", "!sam@*", false),
            ("", "", true),
            ("a", "", false),
            ("a", "a,", true),
            ("abc", "a*b*c", true),
            ("abcbd", "a*b?d", false),
            ("abcbxd", "a*b?d", true),
            ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*a*c", false),
            // `?` is one byte, as in OpenSSH: "ë" is two.
            ("Zoë", "Zo?", false),
            ("Zoë", "Zo??", true),
        ];
        for &(text, list, expected) in cases {
            assert_eq!(matches_list(text, list), expected, "{text:?} against {list:?}");
        }
        assert!(!matches_list("a", &"a".repeat(LONGEST_PATTERN)));
        assert!(!matches_list(&"a".repeat(2000), &format!("{},*", "a".repeat(2000))));
    }

    #[test]
    fn a_literal_pattern_has_no_wildcard_and_no_negation() {
        assert!(is_literal("Sam Patel"));
        assert!(!is_literal("*@example.org"));
        assert!(!is_literal("S?m"));
        assert!(!is_literal("!sam"));
    }
}
