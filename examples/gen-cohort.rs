//! Write a synthetic cohort for benchmarks: a folder per supervisor, each a portfolio with its
//! own `pqs.yaml` and records of 1 to 4 KiB with realistic front-matter and text, every one valid;
//! observations, the mentor's report and the reviews of the plan are signed off as `pqs sign` does.
//! The same seed gives the same files. Each record's text is checked in memory
//! (`pqs::check::record`) before it is written: one that is not valid stops the generator.
//!
//! ```sh
//! cargo run --release --example gen-cohort -- --portfolios 200 --records 100 --out target/cohort
//! ```

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use pqs::check::{self, CheckOptions, Prepared};
use pqs::framework::Framework;
use pqs::model::{DEFAULT_FRAMEWORK, Severity};
use pqs::signoff::Target;

/// Write a synthetic cohort of portfolios.
#[derive(Debug, Parser)]
struct Args {
    /// How many portfolios.
    #[arg(long, default_value_t = 200)]
    portfolios: usize,
    /// How many records in each.
    #[arg(long, default_value_t = 100)]
    records: usize,
    /// The folder to write them in (it must not exist yet).
    #[arg(long, default_value = "cohort")]
    out: PathBuf,
    /// The seed of the generator.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

/// A small fixed-seed generator (xorshift), so the cohort is the same on every machine.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const STATEMENTS: &[&str] = &[
    "1", "2", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3",
    "6.4", "7.1", "7.2", "7.3", "7.4", "7.5", "8",
];

const SENTENCES: &[&str] = &[
    "I prepared for the session by reading the worker's last two supervision notes and the team's caseload summary.",
    "We agreed at the start how long we had and what the worker most wanted to talk about.",
    "The worker described a visit where an adult declined the support that had been offered to them.",
    "I asked open questions to help the worker separate what they had seen from what they had assumed.",
    "We talked about how the Care Act's wellbeing principle applied to the decision in front of them.",
    "The worker said they felt anxious about getting the mental capacity assessment wrong.",
    "I noticed that I was tempted to give an answer rather than help the worker reach their own view.",
    "We looked at the evidence for and against each option and wrote down what was still unknown.",
    "The worker identified two people they could speak to before the case conference.",
    "I reflected afterwards that the power in the room sat mostly with me, and that I had not named it.",
    "Next time I will check in about workload before moving on to case discussion.",
    "My mentor suggested I try a reflective model with three stages to slow the conversation down.",
    "The group discussed how to record disagreement from a carer in a way that is fair to everyone.",
    "We returned to the supervision agreement and updated the section on how feedback is given.",
    "The worker gave feedback that the session felt safe and that they left with a clear plan.",
    "I used a strengths-based question to help the worker see what was already going well.",
    "We considered whether the risk was being managed proportionately or simply avoided.",
    "I shared a short piece of research on restorative supervision and we agreed to try it for a month.",
    "The worker asked for more time to reflect, so we agreed to come back to the question next week.",
    "I summarised the actions and checked that the worker agreed with how I had put them.",
    "Looking back, the most useful moment was when the worker challenged my first suggestion.",
    "I want to be clearer about the difference between management oversight and reflective space.",
    "We talked about the emotional impact of a difficult safeguarding enquiry on the whole team.",
    "The learning from this session has changed how I open supervision with newer workers.",
];

const HEADINGS: &[&str] = &[
    "What happened",
    "What I did",
    "What I learned",
    "What I will do next",
    "How it links to the standards",
];

/// One record: its file name and text.
fn record(random: &mut Random, index: usize, started: (i32, u32)) -> (String, String) {
    let (record_type, kind) = match index {
        0 => ("self-assessment", None),
        1 => ("pdp", None),
        2 => ("observation", Some("formative")),
        3 | 4 => ("observation", Some("direct")),
        5 | 6 => ("pdp-review", None),
        7 => ("mentor-report", None),
        _ => match random.below(5) {
            0 => ("supervision", None),
            1 => ("feedback", Some(random.pick(&["supervisee", "colleague", "manager"]))),
            2 => ("learning", None),
            3 => ("other", None),
            _ => ("reflection", None),
        },
    };
    let month_offset = match index {
        0 | 1 => 0,
        2 => 2,
        3 => 6,
        4 | 5 => 8,
        6 | 7 => 10,
        _ => random.below(11) as u32,
    };
    let month0 = started.1 - 1 + month_offset;
    let (year, month) = (started.0 + (month0 / 12) as i32, month0 % 12 + 1);
    let day = 1 + random.below(27);
    let date = format!("{year}-{month:02}-{day:02}");
    let mut front =
        format!("---\ntitle: {} {}\ntype: {record_type}\ndate: {date}\n", title(record_type), index + 1);
    if let Some(kind) = kind {
        let _ = writeln!(front, "kind: {kind}");
    }
    if record_type == "observation" {
        front.push_str("observer: Practice educator\nsetting: one-to-one supervision\n");
    }
    let mut standards: Vec<&str> = (0..1 + random.below(4)).map(|_| random.pick(STATEMENTS)).collect();
    standards.sort_unstable();
    standards.dedup();
    let _ = writeln!(front, "standards: [{}]", standards.join(", "));
    let _ = writeln!(
        front,
        "tags: [{}]",
        random.pick(&["group", "one-to-one", "restorative", "risk", "learning"])
    );
    front.push_str("---\n");
    // Between 1 and 4 KiB of text.
    let target = 1024 + random.below(3 * 1024);
    let mut body = String::new();
    let mut heading = 0;
    while front.len() + body.len() < target {
        let _ = writeln!(body, "## {}\n", HEADINGS[heading % HEADINGS.len()]);
        heading += 1;
        for _ in 0..2 + random.below(3) {
            let _ = write!(body, "{} ", random.pick(SENTENCES));
        }
        body.push_str("\n\n");
    }
    (format!("{date}-{record_type}-{:03}.md", index + 1), format!("{front}{body}"))
}

/// Who signs a record of `record_type` off, as `pqs sign` would: observations by the observer
/// and the mentor, the mentor's report and the reviews of the plan by the mentor.
fn signers<'a>(record_type: &str, mentor: &'a str) -> Vec<(&'a str, &'static str)> {
    match record_type {
        "observation" => vec![("Practice educator", "observer"), (mentor, "mentor")],
        "mentor-report" | "pdp-review" => vec![(mentor, "mentor")],
        _ => Vec::new(),
    }
}

/// `text`, the record `target` will be, signed off by each of `signers` on `date`, through the
/// library as `pqs sign` does it (by typed name).
fn sign(target: &Target, mut text: String, signers: &[(&str, &str)], date: &str) -> std::io::Result<String> {
    let date: jiff::civil::Date = date.parse().map_err(std::io::Error::other)?;
    for (by, role) in signers {
        let request = pqs::signoff::Request { by: (*by).to_owned(), role: (*role).to_owned(), date };
        let signed = pqs::signoff::sign_text(target, text.as_bytes(), &request, None);
        text = signed.map_err(std::io::Error::other)?.text;
    }
    Ok(text)
}

fn title(record_type: &str) -> &'static str {
    match record_type {
        "observation" => "Observation of supervision",
        "self-assessment" => "Self-assessment against the standards",
        "pdp" => "Personal Development Plan",
        "pdp-review" => "Review of my development plan",
        "mentor-report" => "Mentor's report",
        "supervision" => "Supervision session",
        "feedback" => "Feedback on my supervision",
        "learning" => "Learning from a workshop",
        _ => "Reflection on practice",
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::write(path, text)
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let bytes = generate(&args)?;
    let records = args.portfolios * args.records;
    let line = format!(
        "{}: {} portfolios, {records} records, {:.1} MiB\n",
        args.out.display(),
        args.portfolios,
        bytes as f64 / 1024.0 / 1024.0
    );
    std::io::stdout().write_all(line.as_bytes())
}

/// Write the cohort `args` asks for; the bytes of the records written.
fn generate(args: &Args) -> std::io::Result<usize> {
    if args.out.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists; give a new folder with --out", args.out.display()),
        ));
    }
    let framework = Framework::built_in(DEFAULT_FRAMEWORK).map_err(std::io::Error::other)?;
    let options = CheckOptions { today: jiff::civil::date(2026, 11, 22), complete: false, bodies: false };
    let mut random = Random(args.seed | 1);
    let mut bytes = 0;
    for p in 0..args.portfolios {
        let folder = args.out.join(format!("supervisor-{:04}", p + 1));
        let started = (2025, 1 + random.below(12) as u32);
        let mentor = format!("Mentor {:02}", 1 + p % 20);
        let manifest = format!(
            "candidate: Supervisor {:04}\nmentor: {mentor}\norganisation: Synthetic Council\nstarted: {}-{:02}-01\n",
            p + 1,
            started.0,
            started.1
        );
        write(&folder.join("pqs.yaml"), &manifest)?;
        let names = [format!("Supervisor {:04}", p + 1), mentor.clone(), "Synthetic Council".to_owned()];
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let prepared = Prepared::built_in(&framework, &names).map_err(std::io::Error::other)?;
        let context = prepared.context(&folder, &framework, &options);
        for r in 0..args.records {
            let (name, text) = record(&mut random, r, started);
            // The name is `<date>-<type>-<number>.md`.
            let (date, rest) = name.split_at(10);
            let record_type = rest.trim_start_matches('-').rsplit_once('-').map_or("", |(t, _)| t);
            let file = format!("evidence/{name}");
            let target = Target {
                given: PathBuf::from(&file),
                real: folder.join("evidence").join(&name),
                root: folder.clone(),
                record: file.clone(),
                candidate: format!("Supervisor {:04}", p + 1),
            };
            let text = sign(&target, text, &signers(record_type, &mentor), date)?;
            let (_, found) = check::record(&file, text.as_bytes(), &context);
            if let Some(finding) = found.iter().find(|d| d.severity != Severity::Note) {
                let message = format!("the generator made {file}, which is not valid: {finding:?}");
                return Err(std::io::Error::other(message));
            }
            bytes += text.len();
            write(&folder.join("evidence").join(name), &text)?;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pqs::check::check;
    use pqs::rules::SignoffState;

    #[test]
    fn every_record_it_writes_is_valid_and_every_signoff_holds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("cohort");
        let args = Args { portfolios: 3, records: 30, out: out.clone(), seed: 2026 };
        generate(&args).expect("writes the cohort");
        let options = CheckOptions { today: jiff::civil::date(2026, 11, 22), complete: false, bodies: false };
        let mut signed = 0;
        for p in 1..=3 {
            let outcome = check(&out.join(format!("supervisor-{p:04}")), &options).expect("checks");
            assert_eq!(outcome.portfolio.records.len(), 30);
            let findings: Vec<_> =
                outcome.diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
            assert!(findings.is_empty(), "supervisor-{p:04}: {findings:#?}");
            let signoffs = outcome.portfolio.records.iter().flat_map(|r| &r.signoff);
            for signoff in signoffs {
                assert_eq!(signoff.state, SignoffState::Valid);
                signed += 1;
            }
        }
        // Three observations (two sign-offs each), two reviews and the mentor's report.
        assert_eq!(signed, 3 * 9);
    }
}
