//! The capitalised words of a text that may be part of a name: each beside another
//! capitalised word ("Joan Pritchard", "Care Act") or naming a home ("Meadowbank care home"),
//! found eight bytes at a time.

use std::ops::Range;

/// A capitalised word: its range, without a possessive `'s`.
#[derive(Clone, Debug)]
pub(super) struct Word {
    pub(super) range: Range<usize>,
}

/// Every word of `text` in `within` (which starts at a word) that starts with a capital and goes
/// on in lower case ("O'Brien", "Smith-Jones", "McDonald"), or is a single capital and a full stop
/// ("J."), and stands beside another such word or names a home, in order.
pub(super) fn capitalised(text: &str, within: Range<usize>) -> Vec<Word> {
    debug_assert!(text.is_char_boundary(within.start) && text.is_char_boundary(within.end));
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = within.start;
    // Only a byte that can start a capital: an ASCII capital or the lead byte of a non-ASCII
    // character, found many bytes at a time.
    while let Some(found) = first_capital(&bytes[i..within.end]) {
        let start = i + found;
        i = start;
        // Inside a character beyond ASCII, or one that cannot be a capital's first byte.
        if (0x80..0xC0).contains(&bytes[start]) {
            i = start + 1;
            continue;
        }
        // "I", "I'm", "A": a capital alone is no word of a name (an initial has its full stop).
        let next = bytes.get(start + 1).copied();
        let contraction = next == Some(b'\'') && bytes.get(start + 2).is_some_and(u8::is_ascii_lowercase);
        let alone =
            next.is_none_or(|b| b < 0x80 && !b.is_ascii_alphabetic() && !matches!(b, b'.' | b'\'' | b'-'));
        if bytes[start].is_ascii_uppercase() && (alone || contraction) {
            i = start + 1;
            continue;
        }
        // The common case, all ASCII: a capital after a space and small letters after it.
        if bytes[start].is_ascii_uppercase() {
            let prev = start.checked_sub(1).map_or(b' ', |p| bytes[p]);
            let mut end = start + 1;
            while end < within.end && bytes[end].is_ascii_lowercase() {
                end += 1;
            }
            let stop = bytes.get(end).copied().unwrap_or(b' ');
            let plain_end =
                !(stop >= 0x80 || stop.is_ascii_uppercase() || matches!(stop, b'\'' | b'-' | b'.'));
            let plain_start = prev < 0x80
                && !prev.is_ascii_alphanumeric()
                && !matches!(prev, b'\'' | b'-' | b'@' | b'/' | b'_');
            if plain_start && plain_end && end > start + 1 && !stop.is_ascii_digit() {
                let joined_before =
                    out.last().is_some_and(|w: &Word| w.range.end + 1 == start && bytes[w.range.end] == b' ');
                // Not "What I did": the next word is more than a capital.
                let joined_after = stop == b' '
                    && bytes.get(end + 1).is_some_and(|b| b.is_ascii_uppercase() || *b >= 0xC0)
                    && bytes
                        .get(end + 2)
                        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'.' | b'\'') || *b >= 0x80);
                let home = (stop == b','
                    || stop == b' ' && matches!(bytes.get(end + 1), Some(b'c' | b'n' | b'r')))
                    && names_a_home(&bytes[end..]);
                if joined_before || joined_after || home {
                    out.push(Word { range: start..end });
                }
                i = end;
                continue;
            }
        }
        let before = text[..start].chars().next_back();
        let Some(first) = text[start..].chars().next() else { break };
        if !first.is_uppercase()
            || before.is_some_and(|c| {
                c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '@' || c == '/' || c == '_'
            })
        {
            i += first.len_utf8();
            continue;
        }
        let mut end = start + first.len_utf8();
        let mut lower = 0;
        let mut upper_inside = 0;
        loop {
            // A run of ASCII small letters, the common case, byte by byte.
            let run = bytes[end..].iter().take_while(|b| b.is_ascii_lowercase()).count();
            lower += run;
            end += run;
            let Some(c) = text[end..].chars().next() else { break };
            let next = &text[end + c.len_utf8()..];
            if c.is_lowercase() {
                lower += 1;
            } else if c.is_uppercase() {
                upper_inside += 1;
            } else if !(matches!(c, '\'' | '’' | '-')
                && next.chars().next().is_some_and(char::is_alphabetic)
                && !is_possessive_s(next))
            {
                break;
            }
            end += c.len_utf8();
        }
        let after = text[end..].chars().next();
        // Only a word beside another capitalised one can be part of a name: the one before ends
        // one space before it, or one starts one space after it.
        let joined_before =
            out.last().is_some_and(|w: &Word| w.range.end + 1 == start && bytes[w.range.end] == b' ');
        let joined_after = bytes.get(end) == Some(&b' ')
            && bytes.get(end + 1).is_some_and(|b| b.is_ascii_uppercase() || *b >= 0xC0);
        let joined_initial = after == Some('.') && bytes.get(end + 1) == Some(&b' ');
        if !(joined_before || joined_after || joined_initial || names_a_home(&bytes[end..])) {
            i = end.max(start + 1);
            continue;
        }
        if lower == 0 && after == Some('.') {
            // An initial: "J." (a pseudonym alone, a middle initial inside a name).
            out.push(Word { range: start..end + 1 });
        } else if lower > 0 && upper_inside <= lower && !after.is_some_and(|c| c.is_ascii_digit()) {
            out.push(Word { range: start..end });
        }
        i = end.max(start + 1);
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

/// Whether `rest`, what follows a capitalised word, makes it the name of a home ("Meadowbank
/// care home"), which is a place of one word: kept, for the search for places.
fn names_a_home(rest: &[u8]) -> bool {
    let rest = rest.strip_prefix(b",").unwrap_or(rest);
    let rest = rest.strip_prefix(b" the").unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(b" ") else { return false };
    [&b"care home"[..], b"nursing home", b"residential home", b"retirement home"]
        .iter()
        .any(|h| rest.starts_with(h))
}

/// Where the first byte of `bytes` is that may start a capital: an ASCII capital or any byte
/// beyond ASCII (the caller passes over those that are not a character's first). Eight bytes are
/// tested at a time, as one word.
fn first_capital(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let may = |b: &u8| b.is_ascii_uppercase() || *b >= 0x80;
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    for (index, chunk) in chunks.enumerate() {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        // 'A' to 'Z': adding 0x3F to the low seven bits sets the high bit from 'A' (0x41) up,
        // adding 0x25 from '[' (0x5B) up, and never carries into the next byte; a byte beyond
        // ASCII has its own high bit set.
        let low = x & LOW7;
        if ((low + 0x3F3F_3F3F_3F3F_3F3F) & !(low + 0x2525_2525_2525_2525) | x) & HIGH != 0 {
            return chunk.iter().position(may).map(|i| index * 8 + i);
        }
    }
    rest.iter().position(may).map(|i| bytes.len() - rest.len() + i)
}

/// Whether `rest` (just after an apostrophe) is a possessive or contracted `s` ending the word.
fn is_possessive_s(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next() == Some('s') && !chars.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::first_capital;

    /// The word-at-a-time search finds what a byte-by-byte one does, in every position.
    #[test]
    fn first_capital_is_the_first_capital_or_byte_beyond_ascii() {
        let samples: Vec<u8> = (0..=255).collect();
        for &b in &samples {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = b;
                let expected = bytes.iter().position(|b| b.is_ascii_uppercase() || *b >= 0x80);
                assert_eq!(first_capital(&bytes), expected, "byte {b:#x} at {at}");
            }
        }
        assert_eq!(first_capital("the worker said Ó".as_bytes()), Some(16));
        assert_eq!(first_capital("didn’t".as_bytes()), Some(4));
        assert_eq!(first_capital(b"@[`{"), None);
    }
}
