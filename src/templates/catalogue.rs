//! What each built-in template makes, and for which output. The HTML pack and the PDF pack are
//! made from different templates (HTML and typst are different languages), so a change to the
//! HTML pack's cover does not reach the PDF's: `pqs templates list` and the README say which
//! template is which, from this one table.

/// The output a template is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A new record, written by `pqs new`.
    NewRecord,
    /// The HTML pack of `pqs render`.
    HtmlPack,
    /// The PDF pack of `pqs render --format pdf`.
    PdfPack,
    /// The cohort page of `pqs report`.
    CohortPage,
    /// The pages of `pqs serve`.
    Serve,
}

impl Output {
    /// Its name, as the list of templates gives it.
    pub fn title(self) -> &'static str {
        match self {
            Output::NewRecord => "New records (`pqs new`)",
            Output::HtmlPack => "The HTML pack (`pqs render`)",
            Output::PdfPack => "The PDF pack (`pqs render --format pdf`)",
            Output::CohortPage => "The cohort page (`pqs report`)",
            Output::Serve => "The portfolio in the browser (`pqs serve`)",
        }
    }

    /// Every output, in the order the list gives them.
    pub const ALL: [Output; 5] =
        [Output::NewRecord, Output::HtmlPack, Output::PdfPack, Output::CohortPage, Output::Serve];
}

/// A built-in template's output and what it makes, in a few words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct About {
    /// The output it is part of.
    pub output: Output,
    /// What it makes.
    pub makes: &'static str,
}

/// What the built-in template `name` makes; `None` for a name that is no built-in template.
pub fn about(name: &str) -> Option<About> {
    let (output, makes) = match name {
        "pack.html.tera" => (
            Output::HtmlPack,
            "the page that holds the parts below, in this order (edit it to leave a part out)",
        ),
        "pack/style.css.tera" => (Output::HtmlPack, "the HTML pack's look: type, colours, layout, printing"),
        "pack/cover.html.tera" => {
            (Output::HtmlPack, "the cover (the PDF's cover is at the top of `pack.typ.tera`)")
        }
        "pack/status.html.tera" => {
            (Output::HtmlPack, "the status page: what is missing, requirements, standards")
        }
        "pack/contents.html.tera" => (Output::HtmlPack, "the contents"),
        "pack/record.html.tera" => (Output::HtmlPack, "each record: its details and its text"),
        "pack/attachments.html.tera" => (Output::HtmlPack, "the attachments"),
        "pack.typ.tera" => {
            (Output::PdfPack, "the whole PDF pack in typst: cover, status, contents, records, attachments")
        }
        "cohort.html.tera" => (Output::CohortPage, "the whole page, its look included"),
        "serve/layout.html.tera" => (Output::Serve, "what every page has: its head, the bar and the menu"),
        "serve/dashboard.html.tera" => {
            (Output::Serve, "the dashboard: the year, requirements, standards, findings, git")
        }
        "serve/records.html.tera" => (Output::Serve, "the list of records and its filters"),
        "serve/record.html.tera" => {
            (Output::Serve, "one record as the pack shows it, its findings and the sign-off form")
        }
        "serve/edit.html.tera" => {
            (Output::Serve, "the form to write a record in, with its findings and preview")
        }
        "serve/conflict.html.tera" => {
            (Output::Serve, "the choice when a record changed on the disk while it was edited")
        }
        "serve/new.html.tera" => (Output::Serve, "the form to start a new record"),
        "serve/pack.html.tera" => (Output::Serve, "the page that shows the pack as it stands"),
        "serve/cohort.html.tera" => (Output::Serve, "the cohort's page: each portfolio and where it stands"),
        "serve/message.html.tera" => (Output::Serve, "a message: a page not found, or what went wrong"),
        "serve/findings.html.tera" => (Output::Serve, "a list of findings, as the pages show them"),
        _ => return record(name).map(|makes| About { output: Output::NewRecord, makes }),
    };
    Some(About { output, makes })
}

/// What a record template makes.
fn record(name: &str) -> Option<&'static str> {
    Some(match name.strip_prefix("new/")?.strip_suffix(".md.tera")? {
        "observation" => "an observation (`pqs new observation`)",
        "reflection" => "a reflection (`pqs new reflection`)",
        "supervision" => "a supervision record (`pqs new supervision`)",
        "feedback" => "feedback (`pqs new feedback`)",
        "self-assessment" => "a self-assessment (`pqs new self-assessment`)",
        "pdp" => "a personal development plan (`pqs new pdp`)",
        "pdp-review" => "a review of the plan (`pqs new pdp-review`)",
        "learning" => "a learning record (`pqs new learning`)",
        "mentor-report" => "the mentor's report (`pqs new mentor-report`)",
        "other" => "any other record (`pqs new other`)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::BUILT_IN;

    #[test]
    fn every_built_in_template_says_what_it_makes() {
        for (name, _) in BUILT_IN {
            assert!(about(name).is_some(), "{name} needs a line in templates/catalogue.rs");
        }
        assert_eq!(about("pack/nope.html.tera"), None);
        assert_eq!(about("new/nope.md.tera"), None);
    }
}
