//! A portfolio's copies of the built-in templates. `pqs templates export` writes each copy with
//! a first line, a template comment (so nothing of it reaches what the template makes), naming
//! the built-in template and the version it was copied from: a short digest of its text. When
//! pqs's own template later changes, the copy's version no longer matches it, and pqs says so
//! ([`outdated`]); a copy whose text after that line still
//! has the digest was never edited, so export may bring it up to date. A template written from
//! scratch, with no such line, is the user's own: pqs has nothing to compare it with.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::error::Error;
use crate::templates::{BUILT_IN, FOLDER, Templates};
use crate::write::{self, NotReplaced, Original};

/// How the first line of a copy starts.
const MARK: &str = "{#- pqs: copied from the built-in template ";

/// The version of a template's text: the first 12 hexadecimal digits of its SHA-256.
pub fn version(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(6).map(|byte| format!("{byte:02x}")).collect()
}

/// The text `pqs templates export` writes for the built-in template `name`: its mark line,
/// then the template; `None` for a name that is no built-in template. The mark ends in `-#}`,
/// which also takes away the line break after it, so the copy makes exactly what the built-in
/// template makes.
pub fn marked(name: &str) -> Option<String> {
    let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
    Some(format!(
        "{MARK}{name} of pqs {}, version {}. Keep this line: pqs reads it to tell you when its own template \
         changes. -#}}\n{text}",
        env!("CARGO_PKG_VERSION"),
        version(text)
    ))
}

/// How a portfolio's template stands against the built-in one of its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// A copy of the built-in template as it is now (perhaps edited since).
    Current,
    /// A copy of an older version of the built-in template; `edited` if it was changed after it
    /// was copied.
    Outdated {
        /// Whether the copy was changed after it was copied.
        edited: bool,
    },
    /// No mark: written from scratch, or copied by a pqs that did not mark its copies.
    Own,
}

/// How the portfolio's `text` for the template `name` stands against the built-in one.
pub fn standing(name: &str, text: &str) -> Standing {
    let Some((_, built_in)) = BUILT_IN.iter().find(|(n, _)| *n == name) else { return Standing::Own };
    // Line ends as git on Windows may have written them are no edit.
    let text = &text.replace("\r\n", "\n");
    if text == *built_in {
        return Standing::Current;
    }
    let Some((first, rest)) = text.split_once('\n') else { return Standing::Own };
    let Some(copied) = first.strip_prefix(MARK).and_then(|mark| mark.split("version ").nth(1)) else {
        return Standing::Own;
    };
    let copied: String = copied.chars().take_while(char::is_ascii_hexdigit).collect();
    if copied == version(built_in) {
        Standing::Current
    } else {
        Standing::Outdated { edited: version(rest) != copied }
    }
}

/// A portfolio's copy of an older version of a built-in template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outdated {
    /// The template's name (a path under `templates/`).
    pub name: String,
    /// The portfolio's file.
    pub file: PathBuf,
    /// Whether it was changed after it was copied.
    pub edited: bool,
}

/// The copies among `templates` of an older version of the built-in template of their name, in
/// the built-in order: pqs's own has changed since.
pub fn outdated(templates: &Templates) -> Vec<Outdated> {
    let outdated = |(name, _): &(&str, &str)| {
        let text = templates.own_text(name)?;
        match standing(name, text) {
            Standing::Outdated { edited } => {
                Some(Outdated { name: (*name).to_owned(), file: templates.origin(name), edited })
            }
            Standing::Current | Standing::Own => None,
        }
    };
    BUILT_IN.iter().filter_map(outdated).collect()
}

/// A `.tera` file in a portfolio's `templates/` folder that no template is named after, so pqs
/// never uses it (a name mistyped, or a file put in the wrong folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused {
    /// The file.
    pub file: PathBuf,
    /// Its name under `templates/`, with `/`.
    pub name: String,
    /// The template it was perhaps meant to be.
    pub meant: Option<&'static str>,
}

/// The `.tera` files under `<root>/templates/` that pqs does not use, in path order. Other files
/// are left out: the folder may hold a person's own things.
pub fn unused(root: &Path) -> Vec<Unused> {
    let folder = root.join(FOLDER);
    let names: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
    let files =
        walkdir::WalkDir::new(&folder).max_depth(4).sort_by_file_name().into_iter().filter_map(Result::ok);
    files
        .filter(|entry| entry.file_type().is_file() && entry.file_name().to_string_lossy().ends_with(".tera"))
        .filter_map(|entry| {
            let name = crate::paths::relative(&folder, entry.path());
            if names.contains(&name.as_str()) {
                return None;
            }
            let file_name = name.rsplit('/').next().unwrap_or_default();
            // Its file name in the wrong folder, else the nearest name.
            let meant = names
                .iter()
                .copied()
                .find(|known| known.rsplit('/').next() == Some(file_name))
                .or_else(|| crate::suggest::nearest(&name, &names));
            Some(Unused { file: entry.into_path(), name, meant })
        })
        .collect()
}

/// What export did with one template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exported {
    /// There was no file: the copy was written.
    Written,
    /// The file was an unedited copy of an older version: it now holds the current one.
    Updated,
    /// The file was left as it is, standing so against the built-in template.
    Kept(Standing),
}

/// Copy the built-in templates `names` into `<root>/templates/`, each with its mark. A file
/// already there is never overwritten, unless it is a copy of an older version that was not
/// edited since. Returns each path and what was done; a name that is no built-in template is an
/// error before anything is written.
pub fn export(root: &Path, names: &[&str]) -> Result<Vec<(PathBuf, Exported)>, Error> {
    let mut texts = Vec::new();
    for name in names {
        let text = marked(name).ok_or_else(|| Error::Template {
            file: PathBuf::from(format!("{FOLDER}/{name}")),
            line: None,
            message: "pqs has no built-in template of that name".to_owned(),
        })?;
        texts.push((*name, text));
    }
    texts.into_iter().map(|(name, text)| export_one(root, name, &text)).collect()
}

fn export_one(root: &Path, name: &str, text: &str) -> Result<(PathBuf, Exported), Error> {
    let path = root.join(FOLDER).join(name);
    if write::create_new(&path, text.as_bytes())? {
        return Ok((path, Exported::Written));
    }
    let original = Original::read(&path).map_err(Error::reading(&path))?;
    let standing = match std::str::from_utf8(&original.bytes) {
        Ok(own) => standing(name, own),
        Err(_) => Standing::Own,
    };
    if standing != (Standing::Outdated { edited: false }) {
        return Ok((path, Exported::Kept(standing)));
    }
    match write::replace_unchanged(vec![write::stage(original, text.as_bytes())?]) {
        Ok(()) => Ok((path, Exported::Updated)),
        // Saved by someone else meanwhile: theirs now, so it is kept.
        Err(NotReplaced::Changed(_)) => Ok((path, Exported::Kept(Standing::Own))),
        Err(NotReplaced::Failed(error)) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordType;
    use crate::templates::record::{self, NewRecord};

    #[test]
    fn a_marked_copy_makes_what_the_built_in_template_makes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let names: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
        export(dir.path(), &names).expect("exports");
        let own = Templates::load(Some(dir.path())).expect("loads");
        let built_in = Templates::built_in().expect("built in");
        let framework =
            crate::framework::Framework::built_in(crate::model::DEFAULT_FRAMEWORK).expect("framework");
        for record_type in [RecordType::Observation, RecordType::Pdp] {
            let record = NewRecord {
                record_type,
                title: "A visit".to_owned(),
                date: "2026-03-02".to_owned(),
                kind: Some("direct".to_owned()),
                observer: None,
                setting: None,
                standards: vec!["1".to_owned()],
                tags: Vec::new(),
            };
            let (name, context) = (record::template_name(record_type), record::context(&record, &framework));
            let made = own.render(&name, &context).expect("renders");
            assert!(made.starts_with("---\n"), "{made}");
            assert_eq!(made, built_in.render(&name, &context).expect("renders"));
        }
        assert!(outdated(&own).is_empty());
    }

    #[test]
    fn a_copy_stands_as_current_outdated_edited_or_own() {
        let name = "pack/cover.html.tera";
        let copy = marked(name).expect("a template");
        assert_eq!(standing(name, &copy), Standing::Current);
        assert_eq!(standing(name, &copy.replace("Mentor", "Our mentor")), Standing::Current);
        let built_in = BUILT_IN.iter().find(|(n, _)| *n == name).expect("built in").1;
        let old = copy.replace(&version(built_in), &version("an older text"));
        let old = old.replacen(built_in, "an older text", 1);
        assert_eq!(standing(name, &old), Standing::Outdated { edited: false });
        assert_eq!(standing(name, &old.replace("older", "edited")), Standing::Outdated { edited: true });
        assert_eq!(standing(name, &old.replace('\n', "\r\n")), Standing::Outdated { edited: false });
        assert_eq!(standing(name, "<p>mine</p>\n"), Standing::Own);
        assert_eq!(standing(name, built_in), Standing::Current);
    }

    #[test]
    fn a_tera_file_no_template_is_named_after_is_unused() {
        let dir = tempfile::tempdir().expect("temp dir");
        for file in ["cover.html.tera", "new/observaton.md.tera", "new/pdp.md.tera", "letter.docx", "zz.tera"]
        {
            let path = dir.path().join(FOLDER).join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "x").expect("write");
        }
        let found: Vec<(String, Option<&str>)> =
            unused(dir.path()).into_iter().map(|unused| (unused.name, unused.meant)).collect();
        assert_eq!(
            found,
            [
                ("cover.html.tera".to_owned(), Some("pack/cover.html.tera")),
                ("new/observaton.md.tera".to_owned(), Some("new/observation.md.tera")),
                ("zz.tera".to_owned(), None),
            ]
        );
    }

    #[test]
    fn export_updates_an_unedited_old_copy_and_keeps_every_other_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let put = |name: &str, text: &str| {
            let path = dir.path().join(FOLDER).join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, text).expect("write");
            path
        };
        let old = format!("{MARK}new/pdp.md.tera, version {}. -#}}\nold text\n", version("old text\n"));
        let pdp = put("new/pdp.md.tera", &old);
        let edited = old.replace("old text", "my text");
        let learning = put("new/learning.md.tera", &edited.replace("pdp", "learning"));
        let other = put("new/other.md.tera", "mine\n");
        let names = ["new/pdp.md.tera", "new/learning.md.tera", "new/other.md.tera", "new/feedback.md.tera"];
        let done = export(dir.path(), &names).expect("exports");
        let done: Vec<Exported> = done.into_iter().map(|(_, exported)| exported).collect();
        let kept_edited = Exported::Kept(Standing::Outdated { edited: true });
        assert_eq!(done, [Exported::Updated, kept_edited, Exported::Kept(Standing::Own), Exported::Written]);
        assert_eq!(std::fs::read_to_string(&pdp).expect("read"), marked("new/pdp.md.tera").expect("marked"));
        assert!(std::fs::read_to_string(&learning).expect("read").contains("my text"));
        assert_eq!(std::fs::read_to_string(&other).expect("read"), "mine\n");
        let error = export(dir.path(), &["pack/nope.html.tera"]).expect_err("no such template");
        assert!(error.to_string().contains("no built-in template"), "{error}");
    }
}
