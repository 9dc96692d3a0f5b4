//! `pqs status`: the pathway year on several days, and the `overdue` warning of `pqs check`.

use crate::{example, pqs};

/// `pqs status` of the in-progress example as on `today`.
fn status(today: &str) -> String {
    let output =
        pqs().arg("status").arg(example("in-progress")).args(["--today", today]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The lines of a status report for due records in `state` ("done", "overdue", ...): their month
/// and what is due.
fn items<'a>(report: &'a str, state: &str) -> Vec<&'a str> {
    report
        .lines()
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| {
            let mut chars = line.trim_start().chars();
            chars.next()?;
            chars.as_str().trim_start().strip_prefix(state)?.strip_prefix(' ').map(str::trim)
        })
        .collect()
}

fn next(report: &str) -> &str {
    report.lines().find_map(|l| l.strip_prefix("Next: ")).unwrap_or("")
}

#[test]
fn the_year_across_its_months() {
    // Started 2026-06-01: self-assessment and PDP due by 2026-08-01, the formative observation
    // by 2026-10-01, the PDP reviews by 2026-12-01 and 2027-06-01, the direct observations by
    // 2027-03-01 and 2027-06-01.
    let july = status("2026-07-01");
    assert!(july.starts_with("Pathway of Priya Shah, started 2026-06-01: month 2 of 12, today 2026-07-01\n"));
    assert_eq!(items(&july, "done").len(), 2, "{july}");
    assert_eq!(items(&july, "overdue"), Vec::<&str>::new());
    assert_eq!(next(&july), "At least one initial formative observation, due by 2026-10-01 (in 92 days).");

    let october = status("2026-10-02");
    assert_eq!(items(&october, "done").len(), 3, "{october}");
    assert_eq!(
        next(&october),
        "PDP reviewed at two points in the year (1 of 2), due by 2026-12-01 (in 60 days)."
    );

    let march = status("2027-03-02");
    // Its draft is there: the line says so, and what it needs.
    assert_eq!(
        items(&march, "overdue"),
        ["month 9   2027-03-01  Two direct observations (1 of 2): the draft"]
    );
    assert!(
        march.contains("`evidence/observations/2026-10-19-observation-direct-team-supervision.md`\n"),
        "{march}"
    );
    assert!(march.contains("counts once it says `draft: false`\n"), "{march}");
    assert_eq!(items(&march, "done").len(), 4);
    assert!(march.contains("\n1 overdue.\n"));

    let june = status("2027-06-02");
    assert_eq!(items(&june, "overdue").len(), 3, "{june}");
    assert!(june.ends_with("3 overdue.\n"), "nothing is left to come: {june}");
}

#[test]
fn the_bar_marks_each_due_month_and_today() {
    insta::assert_snapshot!("in_progress_march", status("2027-03-02"));
}

#[test]
fn pqs_today_pins_the_date_and_a_bad_one_is_refused() {
    let output = pqs()
        .env("PQS_TODAY", "2027-03-02")
        .arg("status")
        .arg(example("in-progress"))
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), status("2027-03-02"));
    let output =
        pqs().env("PQS_TODAY", "March").arg("status").arg(example("in-progress")).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("PQS_TODAY is `March`"));
}
