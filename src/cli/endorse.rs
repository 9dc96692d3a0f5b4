//! `pqs sign --portfolio --role mentor --endorse authenticity,anonymity`: the mentor's
//! endorsement of the whole portfolio, made by [`crate::signoff::endorse`].

use std::path::Path;

use anyhow::Context as _;

use super::sign::{SignArgs, date_of, key_note, open_key, signing_of};
use super::{SUCCESS, Session, shown};
use crate::error::Error;
use crate::portfolio::manifest;
use crate::signoff::Request;
use crate::signoff::endorse::{Endorse, endorse};
use crate::text::{escape, plural};

pub(super) fn run(args: &SignArgs, session: &mut Session<'_>) -> anyhow::Result<u8> {
    let start = match args.records.as_slice() {
        [] => Path::new("."),
        [one] => one.as_path(),
        _ => {
            let message =
                "`--portfolio` endorses one portfolio: name its folder, or none for the one you are in";
            return Err(Error::Endorse { message: message.to_owned() }.into());
        }
    };
    let date = date_of(args, session)?;
    let root = manifest::find(start)?;
    let role = args.role.clone().unwrap_or_else(|| "mentor".to_owned());
    let key = open_key(args.key.as_deref(), session)?;
    let signing = signing_of(&root)?;
    // With a key, the name the allowed-signers file gives it is the name to endorse with.
    let owner = key.as_ref().and_then(|key| {
        let names = signing.allowed.as_ref()?.signers.principals_of(&key.public_key());
        (names.len() == 1).then(|| names[0].clone())
    });
    let Some(by) = args.by.clone().or(owner) else {
        let message = match &signing.mentor {
            Some(mentor) => format!(
                "say who is endorsing it with `--by`, for example `--by {}`",
                crate::text::shell_quote(mentor)
            ),
            None => "say who is endorsing it with `--by NAME`".to_owned(),
        };
        return Err(Error::Endorse { message }.into());
    };
    let request = Endorse { by, role, date, endorse: args.endorse.clone() };
    let done = endorse(&root, &request, key.as_ref())?;
    let name = match signing.candidate.as_str() {
        "" => root.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        candidate => candidate.to_owned(),
    };
    let with = key
        .as_ref()
        .map(|k| format!(", with the key {}", k.fingerprint()))
        .unwrap_or_else(|| ", by typed name only (no key)".to_owned());
    let verb = if done.replaced { "endorsed again" } else { "endorsed" };
    writeln!(
        session.out,
        "{verb} the portfolio of {} as {} ({}), {}{with}: the {} of its {} record{}, as they are now",
        escape(&name),
        escape(request.by.trim()),
        request.role,
        request.date,
        request.endorse.join(" and "),
        done.records,
        plural(done.records),
    )
    .context("could not write to the terminal")?;
    writeln!(session.out, "  written to {}", shown(&done.file))?;
    if done.drafts > 0 {
        let (them, say) = if done.drafts == 1 { ("1 of them", "says") } else { ("", "say") };
        let them = if them.is_empty() { format!("{} of them", done.drafts) } else { them.to_owned() };
        writeln!(
            session.out,
            "  note: {them} still {say} `draft: true`; the endorsement covers drafts as they are now, so finishing them will need a new endorsement"
        )?;
    }
    if let Some(key) = &key {
        let request = Request { by: request.by.trim().to_owned(), role: request.role, date };
        key_note(key, &signing, &request, "endorsement", session)?;
    }
    Ok(SUCCESS)
}
