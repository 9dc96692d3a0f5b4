//! A small picture of the records along the pathway year: one row per record type, one mark per
//! record, months along the bottom. Drawn as inline SVG from escaped text.

use std::fmt::Write as _;

use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::model::RecordType;
use crate::rules::Record;
use crate::text::plural;
use crate::xml::attribute;

const WIDTH: f64 = 760.0;
const LEFT: f64 = 120.0;
const ROW: f64 = 22.0;
const TOP: f64 = 12.0;

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
    let height = TOP + ROW * types.len() as f64 + 28.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="timeline-title"><title id="timeline-title">{} record{} from {first} to {last}, by type</title>"#,
        records.len(),
        plural(records.len())
    );
    for (row, record_type) in types.iter().enumerate() {
        let y = TOP + ROW * row as f64 + ROW / 2.0;
        let _ = write!(
            out,
            r#"<text x="0" y="{:.1}" class="label">{}</text><line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" class="row"/>"#,
            y + 4.0,
            attribute(record_type.as_str()),
            WIDTH - 10.0
        );
        for record in records.iter().filter(|r| r.record_type == Some(*record_type)) {
            let Some(date) = record.date else { continue };
            let title = record.title.as_deref().unwrap_or(&record.id);
            let _ = write!(
                out,
                r#"<circle cx="{:.1}" cy="{y:.1}" r="5" class="mark {}{}"><title>{date}: {}</title></circle>"#,
                x(date),
                record_type.as_str(),
                if record.draft { " draft" } else { "" },
                attribute(title)
            );
        }
    }
    let axis = TOP + ROW * types.len() as f64 + 6.0;
    let mut month = first.first_of_month();
    while month <= last {
        if month >= first {
            let _ = write!(
                out,
                r#"<line x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{axis:.1}" class="tick"/><text x="{0:.1}" y="{1:.1}" class="month" text-anchor="middle">{2}</text>"#,
                x(month),
                axis + 14.0,
                month.strftime("%b %y")
            );
        }
        match month.checked_add(1.month()) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out.push_str("</svg>");
    out
}
