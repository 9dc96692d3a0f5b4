//! Precision and recall of the anonymisation lint's default scanner over the labelled corpus of
//! realistic sentences in `tests/privacy/corpus.tsv`, printed by every `cargo test`. Each
//! sentence is read as the Markdown body of a record, as a reader sees it (`\n` in a sentence is
//! a line break), as the lint reads records.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pqs::privacy::reader::ReaderText;
use pqs::privacy::{Code, Scanner};

/// One labelled sentence of the corpus.
struct Example {
    line: usize,
    expected: Vec<Code>,
    sentence: String,
}

/// Parse the corpus, or name every line that does not parse.
fn parse(text: &str) -> Result<Vec<Example>, Vec<String>> {
    let mut examples = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let Some((labels, sentence)) = raw.split_once('\t') else {
            errors.push(format!("line {line}: no tab between the labels and the sentence"));
            continue;
        };
        if sentence.trim().is_empty() {
            errors.push(format!("line {line}: empty sentence"));
            continue;
        }
        let mut expected = Vec::new();
        if labels != "-" {
            for label in labels.split(',') {
                match Code::from_code(label) {
                    Some(code) => expected.push(code),
                    None => errors.push(format!("line {line}: unknown label {label:?}")),
                }
            }
        }
        examples.push(Example { line, expected, sentence: sentence.replace("\\n", "\n") });
    }
    if errors.is_empty() { Ok(examples) } else { Err(errors) }
}

/// Counts for one code, or for all of them.
#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[test]
fn corpus_precision_and_recall() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/privacy/corpus.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let examples = match parse(&text) {
        Ok(examples) => examples,
        Err(errors) => panic!("tests/privacy/corpus.tsv does not parse:\n{}", errors.join("\n")),
    };

    let scanner = Scanner::default();
    let mut per_code: BTreeMap<Code, Tally> = Code::ALL.into_iter().map(|c| (c, Tally::default())).collect();
    let (mut positives, mut negatives) = (0, 0);
    let mut mistakes = String::new();
    for example in &examples {
        if example.expected.is_empty() {
            negatives += 1;
        } else {
            positives += 1;
        }
        let reader = ReaderText::of_markdown(&example.sentence);
        let findings = scanner.scan(reader.text());
        let mut expected: BTreeMap<Code, usize> = BTreeMap::new();
        for code in &example.expected {
            *expected.entry(*code).or_default() += 1;
        }
        let mut got: BTreeMap<Code, Vec<&str>> = BTreeMap::new();
        for f in &findings {
            got.entry(f.code).or_default().push(&example.sentence[reader.source_range(f.range.clone())]);
        }
        for code in Code::ALL {
            let want = expected.get(&code).copied().unwrap_or(0);
            let have = got.get(&code).map_or(0, Vec::len);
            let tally = per_code.entry(code).or_default();
            tally.tp += want.min(have);
            tally.fp += have.saturating_sub(want);
            tally.fn_ += want.saturating_sub(have);
            if have != want {
                let kind = if have > want { "FP" } else { "FN" };
                let _ = writeln!(
                    mistakes,
                    "{kind} {} (line {}): found {:?} in {:?}",
                    code.as_str(),
                    example.line,
                    got.get(&code),
                    example.sentence
                );
            }
        }
    }

    let total = per_code.values().fold(Tally::default(), |a, t| Tally {
        tp: a.tp + t.tp,
        fp: a.fp + t.fp,
        fn_: a.fn_ + t.fn_,
    });
    // Written to standard error directly, not through the test harness's captured output, so
    // that every `cargo test` shows the figures.
    let mut report = String::new();
    let _ =
        writeln!(report, "corpus: {} sentences ({positives} positive, {negatives} negative)", examples.len());
    for (code, t) in &per_code {
        if t.tp + t.fp + t.fn_ > 0 {
            let _ = writeln!(
                report,
                "{:<30} precision {:.3}  recall {:.3}  (tp {}, fp {}, fn {})",
                code.as_str(),
                t.precision(),
                t.recall(),
                t.tp,
                t.fp,
                t.fn_
            );
        }
    }
    let _ = writeln!(
        report,
        "{:<30} precision {:.3}  recall {:.3}  (tp {}, fp {}, fn {})",
        "overall",
        total.precision(),
        total.recall(),
        total.tp,
        total.fp,
        total.fn_
    );
    if !mistakes.is_empty() {
        let _ = writeln!(report, "{mistakes}");
    }
    let _ = std::io::Write::write_all(&mut std::io::stderr(), report.as_bytes());
    assert!(positives >= 160 && negatives >= 160, "the corpus needs at least 160 of each kind");
    assert!(
        total.precision() >= 0.95 && total.recall() >= 0.95,
        "precision {:.3} or recall {:.3} below 0.95:\n{mistakes}",
        total.precision(),
        total.recall()
    );
    // Each check's own goals: precision 0.95 for every one; recall 0.95 for the identifiers the
    // lint has long found, 0.9 for the names, places and ages that need context. Each check needs
    // enough examples for its figures to mean something.
    for (code, t) in &per_code {
        if *code == Code::CaseReference {
            continue;
        }
        let contextual = matches!(
            code,
            Code::Name | Code::Address | Code::Place | Code::PartialDateOfBirth | Code::AgePlace
        );
        let recall_goal = if contextual { 0.9 } else { 0.95 };
        assert!(t.tp + t.fn_ >= 25, "{}: only {} examples in the corpus", code.as_str(), t.tp + t.fn_);
        assert!(
            t.precision() >= 0.95 && t.recall() >= recall_goal,
            "{}: precision {:.3} (goal 0.95) or recall {:.3} (goal {recall_goal}) missed:\n{mistakes}",
            code.as_str(),
            t.precision(),
            t.recall()
        );
    }
}
