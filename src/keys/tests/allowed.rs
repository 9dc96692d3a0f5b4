//! Reading allowed signers files: what each line says, and each line in error with its words.
//! The keys here are fixed text: reading a file checks no signature.

use jiff::civil::date;

use crate::keys::{AllowedSigners, Judgement, LineError};

const SAM: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM1P+rsmdIkyBgBV2WysldMcHlZRzqNr63PsL624AObC";
const ANA: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIqzCqtXGRhCHldADKnAx4Igf5hgtB0RbOEAvM1qIJwE";

fn error(line: usize, text: &str, message: &str) -> LineError {
    LineError { line, text: text.to_owned(), message: message.to_owned() }
}

#[test]
fn lines_in_error_are_named_and_left_out_and_the_rest_count() {
    let text = [
        "\u{feff}# kept by the organisation",
        &format!("\"Sam Patel {SAM}"),
        &format!("sam colour=\"blue\" {SAM}"),
        &format!("sam valid-after=20250101 {SAM}"),
        &format!("sam valid-after=\"2025-01-01\" {SAM}"),
        &format!("sam valid-after=\"20250230\" {SAM}"),
        &format!("sam valid-after=\"20250101\",valid-before=\"20240101\" {SAM}"),
        &format!("sam namespaces=\"a\",namespaces=\"b\" {SAM}"),
        &format!("sam namespaces=\"pqs-signoff\", {SAM}"),
        &format!("sam namespaces=\"pqs-signoff {SAM}"),
        "sam ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM1P+rsmdIky",
        "sam ssh-ed25519",
        "sam ssh-foo AAAA",
        SAM,
        "Sam",
        "sam namespaces=\"pqs-signoff\"",
        &format!("\"Sam Patel\",sam@example.org {SAM}"),
        &format!("sam ,,namespaces=\"git\",,valid-before=\"20250101z\",cert-authority {SAM}"),
        &format!("sam namespaces=\"git\"x {SAM}"),
        &format!("   \"Sam Patel\"\t{SAM}   comment with spaces  "),
    ]
    .join("\r\n");
    let (allowed, errors) = AllowedSigners::parse(&text);
    let not_known = "pqs does not know this option: the options are `namespaces=\"...\"`, \
                     `valid-after=\"...\"`, `valid-before=\"...\"` and `cert-authority`";
    let not_a_date = "`valid-after` is not a date written as YYYYMMDD (such as 20250131), with the \
                      time as HHMM or HHMMSS after it if wanted";
    let no_key = "there is no key after the options: add the person's public key";
    assert_eq!(
        errors,
        [
            error(
                2,
                &format!("\"Sam Patel {SAM}"),
                "a double quote around the name is not closed: add the closing `\"`"
            ),
            error(3, "colour=\"blue\"", not_known),
            error(4, "valid-after=20250101", "the value of `valid-after` must be in double quotes"),
            error(5, "2025-01-01", not_a_date),
            error(6, "20250230", not_a_date),
            error(
                7,
                "valid-after=\"20250101\",valid-before=\"20240101\"",
                "`valid-before` is not after `valid-after`"
            ),
            error(8, "namespaces=\"b\"", "`namespaces` is given twice: keep one"),
            error(9, "namespaces=\"pqs-signoff\",", "the options end with a comma: remove it"),
            error(
                10,
                &format!("namespaces=\"pqs-signoff {SAM}"),
                "a double quote in the options is not closed: add the closing `\"`"
            ),
            error(
                11,
                "AAAAC3NzaC1lZDI1NTE5AAAAIM1P+rsmdIky",
                "the key is damaged: part of it is missing or was changed"
            ),
            error(12, "ssh-ed25519", "the key is not complete: it needs its kind and its long code"),
            error(13, "ssh-foo", "this is not a kind of SSH key pqs knows"),
            error(
                14,
                SAM,
                "the line starts with a key: write whom it belongs to first (a name, or an email \
                 address), then the key"
            ),
            error(15, "Sam", "there is no key after the name: add the person's public key"),
            error(16, "namespaces=\"pqs-signoff\"", no_key),
            error(
                17,
                &format!("\"Sam Patel\",sam@example.org {SAM}"),
                "put every name of the line inside the double quotes, such as \
                 `\"Sam Patel,sam@example.org\"`, or the quoted name last"
            ),
            error(19, "x", "options must be separated by commas"),
        ]
    );
    // Line 18 reads (empty options between commas are passed over, as ssh-keygen passes them
    // over) and names a certificate authority; the last line reads and allows Sam.
    assert_eq!(allowed.len(), 2);
    assert_eq!(allowed.certificate_authority_lines(), [18]);
    assert_eq!(allowed.judge("Sam Patel", SAM, date(2025, 6, 1)), Judgement::Allowed { line: 20 });
}

#[test]
fn quoted_names_several_principals_and_options_read_as_ssh_keygen_reads_them() {
    let text = format!(
        "ana@example.org,\"Ana Lopes\" {ANA}\n\
         Sam\" Patel\" NAMESPACES=\"pqs-signoff\",Valid-After=\"202501011200Z\" {SAM}\n\
         jo namespaces=\"say \\\"hi\\\",pqs-signoff\" {SAM}\n"
    );
    let (allowed, errors) = AllowedSigners::parse(&text);
    assert_eq!(errors, []);
    assert_eq!(allowed.principals_of(ANA), ["ana@example.org", "Ana Lopes"]);
    // A quote in the middle of the names joins what is before it to what is inside it.
    assert_eq!(allowed.principals_of(SAM), ["Sam Patel", "jo"]);
    assert_eq!(allowed.judge("Sam Patel", SAM, date(2025, 1, 1)), Judgement::Allowed { line: 2 });
    assert_eq!(
        allowed.judge("Sam Patel", SAM, date(2024, 12, 31)),
        Judgement::OutsideDates { line: 2, after: Some(date(2025, 1, 1)), before: None }
    );
    assert_eq!(allowed.judge("jo", SAM, date(2025, 1, 1)), Judgement::Allowed { line: 3 });
}

#[test]
fn an_empty_file_or_one_of_comments_allows_nobody() {
    for text in ["", "\n\n", "# nobody yet\r\n   # still nobody\r\n\t\r\n"] {
        let (allowed, errors) = AllowedSigners::parse(text);
        assert_eq!(errors, [], "{text:?}");
        assert!(allowed.is_empty());
        assert_eq!(allowed.judge("Sam Patel", SAM, date(2025, 6, 1)), Judgement::UnknownKey);
    }
}

#[test]
fn a_large_file_reads_in_time_proportional_to_its_size() {
    // Many lines of long patterns, one name matched against all of them: the matcher never goes
    // back further than the last star, so this stays quick.
    let pattern = format!("{}b", "*a".repeat(400));
    let line = format!("{pattern} {ANA}\n");
    let text = line.repeat(2000);
    let started = std::time::Instant::now();
    let (allowed, errors) = AllowedSigners::parse(&text);
    assert_eq!((allowed.len(), errors.len()), (2000, 0));
    let name = "a".repeat(1000);
    assert!(matches!(allowed.judge(&name, ANA, date(2025, 6, 1)), Judgement::OtherPerson { .. }));
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}
