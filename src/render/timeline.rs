//! A small picture of the records along the pathway year: one row per record type, named in
//! words, one mark per record, months along the bottom, and a key to the marks under them.
//! Drawn as inline SVG from escaped text. Its colours and sizes are written on the shapes, not
//! left to the page's style sheet, so the same picture stands alone in the PDF pack.

use std::fmt::Write as _;

use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::model::RecordType;
use crate::rules::Record;
use crate::text::plural;
use crate::xml::attribute;

const WIDTH: f64 = 760.0;
/// Room for the longest row name ("Development plan (PDP)") at [`FONT`].
const LEFT: f64 = 170.0;
const ROW: f64 = 24.0;
const TOP: f64 = 12.0;
/// The size of the words, in the picture's units: a pack shows the picture about as wide as its
/// text, so this is about the size of the pack's small print.
const FONT: f64 = 13.0;
const FONT_STYLE: &str = r##"font-family="Helvetica Neue, Arial, sans-serif" font-size="13" fill="#333""##;
const RECORD: &str = "#1d4f7a";
const OBSERVATION: &str = "#8a1c1c";

/// The name of a record type in the pack's words.
pub fn name(record_type: RecordType) -> &'static str {
    match record_type {
        RecordType::Observation => "Observation",
        RecordType::Reflection => "Reflection",
        RecordType::Supervision => "Supervision",
        RecordType::Feedback => "Feedback",
        RecordType::SelfAssessment => "Self-assessment",
        RecordType::Pdp => "Development plan (PDP)",
        RecordType::PdpReview => "PDP review",
        RecordType::Learning => "Learning",
        RecordType::MentorReport => "Mentor's report",
        RecordType::Other => "Other",
    }
}

/// The timeline of `records` (already in date order) from `started` over a year, or over the
/// records' own span if they fall outside it.
pub fn svg(records: &[&Record], started: Option<Date>) -> String {
    let dates: Vec<Date> = records.iter().filter_map(|r| r.date).collect();
    let Some(first) = started.or_else(|| dates.first().copied()) else {
        return String::new();
    };
    let first = dates.first().map_or(first, |d| first.min(*d));
    let year_end = first.checked_add(12.months()).unwrap_or(first);
    let last = dates.last().map_or(year_end, |d| year_end.max(*d));
    let span = (last - first).get_days().max(1) as f64;
    let x = |date: Date| LEFT + (date - first).get_days() as f64 / span * (WIDTH - LEFT - 30.0);
    let types: Vec<RecordType> =
        RecordType::ALL.into_iter().filter(|t| records.iter().any(|r| r.record_type == Some(*t))).collect();
    let axis = TOP + ROW * types.len() as f64 + 6.0;
    let key = axis + FONT + 22.0;
    let height = key + 10.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="timeline-title"><title id="timeline-title">{} record{} from {first} to {last}, by type</title>"#,
        records.len(),
        plural(records.len())
    );
    // The months' lines first, so that no line is drawn over a record's mark; their names after
    // the rows, so that the picture's text reads rows, then months.
    let mut months = String::new();
    let mut month = first.first_of_month();
    while month <= last {
        if month >= first {
            let _ = write!(
                out,
                r##"<line x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{axis:.1}" class="tick" stroke="#e3e8ec"/>"##,
                x(month)
            );
            let _ = write!(
                months,
                r#"<text x="{:.1}" y="{:.1}" class="month" text-anchor="middle" {FONT_STYLE}>{}</text>"#,
                x(month),
                axis + FONT + 2.0,
                month.strftime("%b %y")
            );
        }
        match month.checked_add(1.month()) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    for (row, record_type) in types.iter().enumerate() {
        let y = TOP + ROW * row as f64 + ROW / 2.0;
        let _ = write!(
            out,
            r##"<text x="0" y="{:.1}" class="label" {FONT_STYLE}>{}</text><line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" class="row" stroke="#c9d2da"/>"##,
            y + FONT / 3.0,
            attribute(name(*record_type)),
            WIDTH - 10.0
        );
        for record in records.iter().filter(|r| r.record_type == Some(*record_type)) {
            let Some(date) = record.date else { continue };
            let title = record.title.as_deref().unwrap_or(&record.id);
            let _ = write!(
                out,
                r#"<circle cx="{:.1}" cy="{y:.1}" r="5" class="mark {}{}" {}><title>{date}: {}</title></circle>"#,
                x(date),
                record_type.as_str(),
                if record.draft { " draft" } else { "" },
                mark_colours(*record_type, record.draft),
                attribute(title)
            );
        }
    }
    out.push_str(&months);
    legend(&mut out, key, &types, records.iter().any(|r| r.draft));
    out.push_str("</svg>");
    out
}

/// The fill and outline of a record's mark.
fn mark_colours(record_type: RecordType, draft: bool) -> String {
    let fill = if record_type == RecordType::Observation { OBSERVATION } else { RECORD };
    if draft { r##"fill="#fff" stroke="#555""##.to_owned() } else { format!(r#"fill="{fill}""#) }
}

/// The key under the months: what each kind of mark means, only for marks the picture has.
fn legend(out: &mut String, y: f64, types: &[RecordType], drafts: bool) {
    let mut entries = vec![(mark_colours(RecordType::Other, false), "a record, on its date")];
    if types.contains(&RecordType::Observation) {
        entries.push((mark_colours(RecordType::Observation, false), "an observation"));
    }
    if drafts {
        entries.push((mark_colours(RecordType::Other, true), "a draft"));
    }
    let _ =
        write!(out, r#"<g class="legend"><text x="0" y="{:.1}" {FONT_STYLE}>Key:</text>"#, y + FONT / 3.0);
    let mut at = 50.0;
    for (colours, words) in entries {
        let _ = write!(
            out,
            r#"<circle cx="{at:.1}" cy="{y:.1}" r="5" {colours}/><text x="{:.1}" y="{:.1}" {FONT_STYLE}>{words}</text>"#,
            at + 10.0,
            y + FONT / 3.0
        );
        at += 30.0 + words.len() as f64 * FONT * 0.55;
    }
    out.push_str("</g>");
}
