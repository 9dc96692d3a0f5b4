//! git's allowed signers file (`gpg.ssh.allowedSignersFile`; ssh-keygen(1), "ALLOWED SIGNERS"):
//! whom each key belongs to, for what purposes and between which dates. Read as `ssh-keygen -Y
//! verify` reads it ([`parse`]), with principals matched as OpenSSH matches them ([`pattern`]),
//! so that a file an organisation keeps for git says the same thing to pqs.

mod parse;
mod pattern;

use jiff::civil::Date;
use ssh_key::PublicKey;
use ssh_key::public::KeyData;

use super::NAMESPACE;
use parse::Entry;

/// git's allowed signers file: one line per entry, `principals [options] keytype base64
/// [comment]`, `#` comments and blank lines ignored.
#[derive(Debug, Clone, Default)]
pub struct AllowedSigners {
    entries: Vec<Entry>,
}

/// A line of the file that does not read, left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line, counted from 1.
    pub line: usize,
    /// The part of the line at fault (the whole line when no one part is).
    pub text: String,
    /// Why, in plain words.
    pub message: String,
}

/// What the file says of one person signing with one key on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judgement {
    /// Allowed by the entry on this line.
    Allowed {
        /// The line of the entry (counted from 1).
        line: usize,
    },
    /// The key is in the file, but for other people (their literal principals), not this one.
    OtherPerson {
        /// The names written on the key's lines, patterns left out.
        principals: Vec<String>,
    },
    /// The key is not in the file at all.
    UnknownKey,
    /// The key is listed for this person, but not for pqs sign-offs (`namespaces=`).
    OtherPurpose {
        /// The line of the entry.
        line: usize,
    },
    /// The key is listed for this person, but not on that date.
    OutsideDates {
        /// The line of the entry.
        line: usize,
        /// Its `valid-after` day, if it has one.
        after: Option<Date>,
        /// Its `valid-before` day, if it has one.
        before: Option<Date>,
    },
}

impl AllowedSigners {
    /// Read the text of the file. Lines in error are reported (1-based line, the text at fault,
    /// why) and left out; the rest still count. Bounded in time and memory by the text's size.
    pub fn parse(text: &str) -> (AllowedSigners, Vec<LineError>) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        // `lines` takes "\r\n" as a line end: a file saved on Windows reads the same.
        for (index, line) in text.lines().enumerate() {
            match parse::line(index + 1, line) {
                Ok(Some(entry)) => entries.push(entry),
                Ok(None) => {}
                Err((text, message)) => errors.push(LineError { line: index + 1, text, message }),
            }
        }
        (AllowedSigners { entries }, errors)
    }

    /// What the file says of `principal` signing with the key `public_key` (one line
    /// `ssh-ed25519 AAAA...`, as `Signature::public_key` gives) on `date`, in NAMESPACE.
    /// Principal patterns match as OpenSSH matches them (`*`, `?`, `!negation`, case-sensitive).
    ///
    /// A sign-off carries a day, not a moment: a key valid at any moment of that day counts.
    /// When several lines name the key and the person, the first that allows wins; else the
    /// first line valid for pqs but not on that day is named, else the first for other purposes.
    pub fn judge(&self, principal: &str, public_key: &str, date: Date) -> Judgement {
        let Some(key) = key_data(public_key) else { return Judgement::UnknownKey };
        let lines: Vec<&Entry> = self.plain_lines_of(&key).collect();
        if lines.is_empty() {
            return Judgement::UnknownKey;
        }
        let for_person: Vec<&Entry> =
            lines.iter().copied().filter(|e| pattern::matches_list(principal, &e.principals)).collect();
        if for_person.is_empty() {
            let principals = literal_principals(lines.iter().copied());
            return Judgement::OtherPerson { principals };
        }
        let for_pqs = || for_person.iter().copied().filter(|e| for_namespace(e));
        if let Some(entry) = for_pqs().find(|e| within_dates(e, date)) {
            return Judgement::Allowed { line: entry.line };
        }
        if let Some(entry) = for_pqs().next() {
            let day = |moment: Option<jiff::civil::DateTime>| moment.map(|m| m.date());
            return Judgement::OutsideDates {
                line: entry.line,
                after: day(entry.options.after),
                before: day(entry.options.before),
            };
        }
        Judgement::OtherPurpose { line: for_person[0].line }
    }

    /// The principals written literally (no pattern characters) on the lines of this key that
    /// allow NAMESPACE: whom the key belongs to, for "signed as X".
    pub fn principals_of(&self, public_key: &str) -> Vec<String> {
        let Some(key) = key_data(public_key) else { return Vec::new() };
        literal_principals(self.plain_lines_of(&key).filter(|e| for_namespace(e)))
    }

    /// The lines marked `cert-authority`. pqs does not support certificates, so such a line
    /// allows no key: a caller can say so rather than leave the line silently unused.
    pub fn certificate_authority_lines(&self) -> Vec<usize> {
        let lines = self.entries.iter().filter(|e| e.options.certificate_authority);
        lines.map(|e| e.line).collect()
    }

    /// How many entries the file has, lines in error left out.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the file has no entry at all (lines in error left out).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries of `key` that can allow a plain key (not `cert-authority`), in file order.
    fn plain_lines_of<'a>(&'a self, key: &'a KeyData) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| !e.options.certificate_authority && e.key == *key)
    }
}

/// The key written as `ssh-ed25519 AAAA...` (a comment after it is allowed).
fn key_data(public_key: &str) -> Option<KeyData> {
    PublicKey::from_openssh(public_key.trim()).ok().map(|key| key.key_data().clone())
}

fn for_namespace(entry: &Entry) -> bool {
    entry.options.namespaces.as_deref().is_none_or(|list| pattern::matches_list(NAMESPACE, list))
}

fn within_dates(entry: &Entry, date: Date) -> bool {
    let after = entry.options.after.is_none_or(|after| after.date() <= date);
    let before = entry.options.before.is_none_or(|before| before.date() >= date);
    after && before
}

/// The literal principals of `entries`, each once, in the order written.
fn literal_principals<'a>(entries: impl Iterator<Item = &'a Entry>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for entry in entries {
        for principal in entry.principals.split(',') {
            if !principal.is_empty()
                && pattern::is_literal(principal)
                && !found.iter().any(|p| p == principal)
            {
                found.push(principal.to_owned());
            }
        }
    }
    found
}
