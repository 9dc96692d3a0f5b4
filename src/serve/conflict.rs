//! The page shown when a record changed on the disk since its edit page read it: the difference
//! between the two versions, both in full, and the choice of which to keep.

use base64::Engine as _;
use serde_json::json;

use super::pages;
use super::reply::{Asked, Reply, b64, encode_path, version_of};
use super::workspace::Checked;

/// The page shown when the file changed on the disk since the page read it: both versions, the
/// difference, and a choice; nothing is written until the user chooses.
pub fn page(asked: &Asked<'_>, checked: &Checked, file: &str, disk: &[u8], mine: &str) -> Reply {
    let disk_text = String::from_utf8_lossy(disk);
    let lines = difference(&disk_text, mine);
    let mut values = pages::common(asked, checked, "records");
    let base = &asked.workspace.base;
    values["file"] = json!(file);
    values["disk"] = json!(disk_text);
    values["mine"] = json!(mine);
    values["mine_b64"] = json!(b64().encode(mine.as_bytes()));
    values["version"] = json!(version_of(disk));
    values["diff"] = json!(lines);
    values["posted"] = json!(true);
    values["save"] = json!(format!("{base}/save/{}", encode_path(file)));
    values["edit"] = json!(format!("{base}/edit/{}", encode_path(file)));
    pages::render(&checked.outcome.portfolio.templates, "conflict", values, 409)
}

/// The lines that differ between `disk` and `mine`, each with three lines around it as they are
/// in both, and a line saying how many are left out between (`sign` "…"): the rest of a long
/// record is in the two versions shown in full below.
fn difference(disk: &str, mine: &str) -> Vec<serde_json::Value> {
    let diff = similar::TextDiff::from_lines(disk, mine);
    let same = |count: usize| {
        let words = if count == 1 {
            "1 line the same in both".to_owned()
        } else {
            format!("{count} lines the same in both")
        };
        json!({ "sign": "…", "text": words })
    };
    let mut lines = Vec::new();
    let mut shown = 0;
    for group in diff.grouped_ops(3) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else { continue };
        if first.old_range().start > shown {
            lines.push(same(first.old_range().start - shown));
        }
        for change in group.iter().flat_map(|op| diff.iter_changes(op)) {
            let sign = match change.tag() {
                similar::ChangeTag::Delete => "-",
                similar::ChangeTag::Insert => "+",
                similar::ChangeTag::Equal => " ",
            };
            lines.push(json!({ "sign": sign, "text": change.value().trim_end_matches(['\n', '\r']) }));
        }
        shown = last.old_range().end;
    }
    let total = diff.old_slices().len();
    if total > shown {
        lines.push(same(total - shown));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::difference;

    /// The difference as the page shows it, a line each.
    fn shown(disk: &str, mine: &str) -> String {
        difference(disk, mine)
            .iter()
            .map(|line| {
                format!("{} {}\n", line["sign"].as_str().unwrap_or("?"), line["text"].as_str().unwrap_or("?"))
            })
            .collect()
    }

    #[test]
    fn changes_far_apart_are_shown_with_three_lines_around_each_and_the_rest_counted() {
        let disk: String = (1..=20).map(|n| format!("line {n}\n")).collect();
        let mine = disk
            .replace("line 2\n", "line two\n")
            .replace("line 15\n", "")
            .replace("line 20\n", "line 20\nline 21\n");
        assert_eq!(
            shown(&disk, &mine),
            "  line 1\n- line 2\n+ line two\n  line 3\n  line 4\n  line 5\n\
             … 6 lines the same in both\n  line 12\n  line 13\n  line 14\n- line 15\n  line 16\n  \
             line 17\n  line 18\n  line 19\n  line 20\n+ line 21\n"
        );
    }

    #[test]
    fn a_change_in_the_middle_counts_the_lines_left_out_before_and_after() {
        let disk: String = (1..=9).map(|n| format!("line {n}\r\n")).collect();
        let mine = disk.replace("line 5\r\n", "line five\r\n");
        assert_eq!(
            shown(&disk, &mine),
            "… 1 line the same in both\n  line 2\n  line 3\n  line 4\n- line 5\n+ line five\n  line 6\n  \
             line 7\n  line 8\n… 1 line the same in both\n"
        );
    }

    #[test]
    fn versions_alike_or_empty_show_what_is_so() {
        assert_eq!(shown("a\nb\n", "a\nb\n"), "… 2 lines the same in both\n");
        assert_eq!(shown("", "new\n"), "+ new\n");
        assert_eq!(shown("old", ""), "- old\n");
        assert_eq!(shown("", ""), "");
    }
}
