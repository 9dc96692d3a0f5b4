//! One line of an allowed signers file read as `ssh-keygen` reads it (ssh-keygen(1), "ALLOWED
//! SIGNERS"): `principals [options] keytype base64 [comment]`. Principals may be in double
//! quotes (a name with spaces); options are `cert-authority`, `namespaces="..."`,
//! `valid-after="..."` and `valid-before="..."`, their values in double quotes as ssh-keygen
//! requires. Each step takes what it reads off the front of the rest of the line.

use jiff::civil::{Date, DateTime, Time};
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, PublicKey};

/// One entry of the file: a line that reads.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub line: usize,
    /// The principal patterns, as written (without the quotes).
    pub principals: String,
    pub key: KeyData,
    pub options: Options,
}

/// A line's options.
#[derive(Debug, Clone, Default)]
pub(super) struct Options {
    /// `cert-authority`: the key signs certificates, and never allows a plain key.
    pub certificate_authority: bool,
    /// `namespaces="..."`: the purposes (patterns) the key may sign for; any when absent.
    pub namespaces: Option<String>,
    /// `valid-after="..."`: the first moment the key may sign.
    pub after: Option<DateTime>,
    /// `valid-before="..."`: the last moment the key may sign.
    pub before: Option<DateTime>,
}

/// Why a line does not read: the text at fault and why, in plain words.
pub(super) type Fault = (String, String);

/// What OpenSSH counts as space between the parts of a line.
const SPACE: [char; 2] = [' ', '\t'];

/// The entry on `text`, the `line`th line (1-based); `None` for a blank line or a comment.
pub(super) fn line(line: usize, text: &str) -> Result<Option<Entry>, Fault> {
    let text = text.trim_matches(SPACE);
    if text.is_empty() || text.starts_with('#') {
        return Ok(None);
    }
    let (principals, rest) = principals(text)?;
    if is_key_type(&principals) {
        return Err(whole(
            text,
            "the line starts with a key: write whom it belongs to first (a name, or an email \
             address), then the key",
        ));
    }
    if rest.is_empty() {
        return Err(whole(text, "there is no key after the name: add the person's public key"));
    }
    let mut words = rest.split(SPACE).filter(|w| !w.is_empty());
    let (first, second) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
    // A key's base64 starts with "AAAA" (the length of its kind's name): a word before one is a
    // kind of key, known or not, rather than options.
    let (options, rest) = if is_key_type(first) || second.starts_with("AAAA") {
        (Options::default(), rest)
    } else {
        let (written, rest) = options_part(rest)?;
        (options(written)?, rest)
    };
    let key = key(rest)?;
    Ok(Some(Entry { line, principals, key, options }))
}

fn whole(text: &str, why: &str) -> Fault {
    (text.to_owned(), why.to_owned())
}

/// The principals at the front of `text`, and the rest with its leading space removed. Read as
/// OpenSSH's `strdelimw` reads: up to a space, or, from a double quote, up to the next one.
fn principals(text: &str) -> Result<(String, &str), Fault> {
    let end = text.find([' ', '\t', '"']).unwrap_or(text.len());
    let (before, rest) = text.split_at(end);
    let (principals, rest) = match rest.strip_prefix('"') {
        Some(quoted) => {
            let close = quoted.find('"').ok_or_else(|| {
                whole(text, "a double quote around the name is not closed: add the closing `\"`")
            })?;
            let rest = &quoted[close + 1..];
            // OpenSSH ends the names at the closing quote: `"Sam Patel",sam@example.org` would
            // leave `,sam@example.org` to be read as options, and fail.
            if !rest.is_empty() && !rest.starts_with(SPACE) {
                return Err(whole(
                    text,
                    "put every name of the line inside the double quotes, such as \
                     `\"Sam Patel,sam@example.org\"`, or the quoted name last",
                ));
            }
            (format!("{before}{}", &quoted[..close]), rest)
        }
        None => (before.to_owned(), rest),
    };
    Ok((principals, rest.trim_start_matches(SPACE)))
}

/// Whether `word` names a kind of key (`ssh-ed25519`, `ecdsa-sha2-nistp256`, ...).
fn is_key_type(word: &str) -> bool {
    Algorithm::new(word).is_ok_and(|a| !matches!(a, Algorithm::Other(_)))
}

/// The options at the front of `text` (up to a space outside double quotes), and the rest.
fn options_part(text: &str) -> Result<(&str, &str), Fault> {
    let mut quoted = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => {
                return Ok((&text[..at], text[at..].trim_start_matches(SPACE)));
            }
            _ => {}
        }
    }
    if quoted {
        return Err(whole(text, "a double quote in the options is not closed: add the closing `\"`"));
    }
    Err(whole(text, "there is no key after the options: add the person's public key"))
}

/// The options written as `written`, one after another, separated by commas.
fn options(written: &str) -> Result<Options, Fault> {
    let mut options = Options::default();
    // As ssh-keygen reads them: empty options between commas are passed over, but the options
    // may not end with a comma.
    if written.ends_with(',') {
        return Err((written.to_owned(), "the options end with a comma: remove it".to_owned()));
    }
    let mut rest = written;
    while !rest.is_empty() {
        if let Some(next) = rest.strip_prefix(',') {
            rest = next;
            continue;
        }
        let name_end = rest.find([',', '=']).unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        let duplicate = || (rest.to_owned(), format!("`{name}` is given twice: keep one"));
        if name == "cert-authority" && !rest[name_end..].starts_with('=') {
            options.certificate_authority = true;
            rest = &rest[name_end..];
        } else if rest[name_end..].starts_with('=') && is_valued(&name) {
            let (value, after) = dequote(&rest[name_end + 1..]).ok_or_else(|| {
                (rest.to_owned(), format!("the value of `{name}` must be in double quotes"))
            })?;
            match name.as_str() {
                "namespaces" if options.namespaces.is_some() => return Err(duplicate()),
                "namespaces" => options.namespaces = Some(value),
                "valid-after" if options.after.is_some() => return Err(duplicate()),
                "valid-after" => options.after = Some(moment(&name, &value)?),
                _ if options.before.is_some() => return Err(duplicate()),
                _ => options.before = Some(moment(&name, &value)?),
            }
            rest = after;
        } else {
            let option = rest.split(',').next().filter(|o| !o.is_empty()).unwrap_or(written);
            return Err((
                option.to_owned(),
                "pqs does not know this option: the options are `namespaces=\"...\"`, \
                 `valid-after=\"...\"`, `valid-before=\"...\"` and `cert-authority`"
                    .to_owned(),
            ));
        }
        match rest.strip_prefix(',') {
            Some(next) => rest = next,
            None if rest.is_empty() => {}
            None => return Err((rest.to_owned(), "options must be separated by commas".to_owned())),
        }
    }
    if let (Some(after), Some(before)) = (options.after, options.before)
        && before <= after
    {
        return Err((written.to_owned(), "`valid-before` is not after `valid-after`".to_owned()));
    }
    Ok(options)
}

fn is_valued(name: &str) -> bool {
    ["namespaces", "valid-after", "valid-before"].contains(&name)
}

/// The value in double quotes at the front of `text` (`\"` stands for a quote), and the rest.
fn dequote(text: &str) -> Option<(String, &str)> {
    let inner = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = inner.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((value, &inner[at + 1..])),
            '\\' if inner[at + 1..].starts_with('"') => {
                chars.next();
                value.push('"');
            }
            _ => value.push(c),
        }
    }
    None
}

/// A time written `YYYYMMDD[HHMM[SS]][Z]` (`z` too), as ssh-keygen reads it. The `Z` (UTC rather than the
/// local time) is accepted and left aside: a sign-off's date is a day, with no time zone.
fn moment(name: &str, value: &str) -> Result<DateTime, Fault> {
    let fault = || {
        (
            value.to_owned(),
            format!(
                "`{name}` is not a date written as YYYYMMDD (such as 20250131), with the time \
                     as HHMM or HHMMSS after it if wanted"
            ),
        )
    };
    let digits = value.strip_suffix(['Z', 'z']).unwrap_or(value);
    if !digits.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 14].contains(&digits.len()) {
        return Err(fault());
    }
    // Two digits at `from`, or zero where the time was left out.
    let two = |from: usize| digits.get(from..from + 2).map_or(0, |d| d.parse::<i8>().unwrap_or(-1));
    let year = digits[..4].parse::<i16>().map_err(|_| fault())?;
    let date = Date::new(year, two(4), two(6)).map_err(|_| fault())?;
    let time = Time::new(two(8), two(10), two(12), 0).map_err(|_| fault())?;
    Ok(date.to_datetime(time))
}

/// The key at the front of `text` (`keytype base64`), a comment after it left aside.
fn key(text: &str) -> Result<KeyData, Fault> {
    let mut words = text.split(SPACE).filter(|w| !w.is_empty());
    let (Some(kind), Some(base64)) = (words.next(), words.next()) else {
        return Err(whole(text, "the key is not complete: it needs its kind and its long code"));
    };
    if !is_key_type(kind) {
        return Err((kind.to_owned(), "this is not a kind of SSH key pqs knows".to_owned()));
    }
    PublicKey::from_openssh(&format!("{kind} {base64}")).map(|key| key.key_data().clone()).map_err(|_| {
        (base64.to_owned(), "the key is damaged: part of it is missing or was changed".to_owned())
    })
}
