//! Unit tests of the anonymisation lint.

use super::*;
use crate::privacy::numbers::nhs_checksum_ok;

#[test]
fn the_first_digit_is_found_in_any_block_and_in_the_rest() {
    for length in [0, 1, 31, 32, 33, 64, 95, 100] {
        let letters = vec![b'a'; length];
        assert_eq!(first_digit(&letters), None, "{length} letters");
        for at in 0..length {
            let mut bytes = letters.clone();
            bytes[at] = b'7';
            if at + 1 < length {
                bytes[length - 1] = b'0';
            }
            assert_eq!(first_digit(&bytes), Some(at), "a digit at {at} of {length}");
        }
    }
}

#[test]
fn a_number_on_a_line_after_one_with_a_digit_is_found() {
    let text = "date: 2026-03-02\nstandards: [6.1]\nCall 07700 900123 or use 943 476 5919.\n";
    let codes: Vec<&str> = Scanner::default().scan(text).iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["privacy-phone", "privacy-nhs-number"]);
}

/// Scan with the default scanner and return (code, matched text) pairs.
fn found(text: &str) -> Vec<(Code, &str)> {
    Scanner::default().scan(text).into_iter().map(|f| (f.code, &text[f.range])).collect()
}

#[test]
fn nhs_checksum() {
    let table = [
        ("9434765919", true),
        ("6260181590", true),
        ("4830166134", true),
        ("6260181593", false),
        ("1234567890", false), // check digit would be 10
        ("943476591", false),
        ("94347659190", false),
    ];
    for (digits, ok) in table {
        assert_eq!(nhs_checksum_ok(digits.as_bytes()), ok, "{digits}");
    }
}

#[test]
fn finds_each_kind_of_detail() {
    use Code::*;
    let table: &[(&str, &[(Code, &str)])] = &[
        // NHS numbers
        ("NHS number 943 476 5919.", &[(NhsNumber, "943 476 5919")]),
        ("NHS 943-476-5919", &[(NhsNumber, "943-476-5919")]),
        ("nhs: 9434765919", &[(NhsNumber, "9434765919")]),
        ("ref 9434765918", &[]),
        ("id A9434765919 and 94347659190", &[]),
        ("sha256:ab9434765919cd", &[]),
        ("total 9434765919.5 units", &[]),
        // NI numbers
        ("NI: AB 12 34 56 C", &[(NiNumber, "AB 12 34 56 C")]),
        ("NI: AB123456C.", &[(NiNumber, "AB123456C")]),
        ("ni ab123456c", &[(NiNumber, "ab123456c")]),
        ("QQ 12 34 56 C is HMRC's example", &[]),
        ("GB123456A BG123456A TN123456A DA123456A AO123456A", &[]),
        ("AB123456E", &[]),
        ("NI number: SL 12 34 56, cut off", &[(NiNumber, "SL 12 34 56")]),
        ("National Insurance no. sl123456.", &[(NiNumber, "sl123456")]),
        ("ref SL 12 34 56 and SL123456", &[]),
        ("NI: AB 12 34 56 Carer", &[(NiNumber, "AB 12 34 56")]),
        ("Ab123456C", &[]),
        // Postcodes
        ("at SW1A 1AA today", &[(Postcode, "SW1A 1AA")]),
        ("M1 1AE", &[(Postcode, "M1 1AE")]),
        ("in B338TH", &[(Postcode, "B338TH")]),
        (
            "W1A 0AX, CR2 6XH, DN55 1PT, EC1A 1BB, GIR 0AA",
            &[
                (Postcode, "W1A 0AX"),
                (Postcode, "CR2 6XH"),
                (Postcode, "DN55 1PT"),
                (Postcode, "EC1A 1BB"),
                (Postcode, "GIR 0AA"),
            ],
        ),
        ("the M1 and the SW1A area", &[]),
        ("M1 1AC", &[]),  // C is not used in inward codes
        ("QA1 1AA", &[]), // Q never starts a postcode
        ("m1 1ae", &[]),
        ("XM1 1AE", &[]),
        // Emails
        ("mail jane.doe@council.gov.uk.", &[(Email, "jane.doe@council.gov.uk")]),
        ("<a_b+c@nhs.net>", &[(Email, "a_b+c@nhs.net")]),
        ("@sam and sha256:abc", &[]),
        ("name@example.com, logo@2x.png, git@github.com:org/repo.git", &[]),
        ("format firstname.lastname@nhs.net or your.name@council.gov.uk", &[]),
        // Phones
        ("ring 07700 900123", &[(Phone, "07700 900123")]),
        ("ring 07700900123.", &[(Phone, "07700900123")]),
        ("(0161) 496 0000", &[(Phone, "(0161) 496 0000")]),
        ("+44 (0)161 496 0000", &[(Phone, "+44 (0)161 496 0000")]),
        ("+44 7700 900123 or 0044 7700 900123", &[(Phone, "+44 7700 900123"), (Phone, "0044 7700 900123")]),
        ("020 7946 0958 x", &[(Phone, "020 7946 0958")]),
        ("0800 123 456", &[(Phone, "0800 123 456")]),
        ("0161 496 0000 12 times", &[(Phone, "0161 496 0000")]),
        ("tel. 0161 4960000", &[(Phone, "0161 4960000")]),
        ("07700 900123/07700 900456", &[(Phone, "07700 900123"), (Phone, "07700 900456")]),
        ("0161 496 0000/1", &[]),
        ("09:30-10:30, 0930 to 1100, 2014-2015, £0.45, 01/03/2026, 111", &[]),
        ("+1 202 555 0147 and 1-800-273-8255", &[]),
        // Names with titles
        ("saw Mr Smith today", &[(NameTitle, "Mr Smith")]),
        ("Mrs A Jones", &[(NameTitle, "Mrs A Jones")]),
        ("Ms J. Patel said", &[(NameTitle, "Ms J. Patel")]),
        ("Mr. O'Brien's wishes", &[(NameTitle, "Mr. O'Brien")]),
        ("Miss Ellie Brown told", &[(NameTitle, "Miss Ellie Brown")]),
        ("Mx Taylor", &[(NameTitle, "Mx Taylor")]),
        ("Mrs Zoë Clarke", &[(NameTitle, "Mrs Zoë Clarke")]),
        ("Mr\u{A0}Smith", &[(NameTitle, "Mr\u{A0}Smith")]),
        ("MRS JONES", &[(NameTitle, "MRS JONES")]),
        ("Mr and Mrs Graham", &[(NameTitle, "Mrs Graham")]),
        ("Mrs van der Berg and Mr de Souza", &[(NameTitle, "Mrs van der Berg"), (NameTitle, "Mr de Souza")]),
        ("Mr de la rue", &[]),
        ("Dr Google, Mr Right, Mr Happy, Miss Marple", &[]),
        ("Ms Teams, MS Teams, Mr Men, Dr Who, Mr A, Mrs B's, Mr AB, Dr X", &[]),
        ("called Mr. The student", &[]),
        ("Mr\nSmith", &[]),
        (
            "Mr smith, Professor Munro, Sir Robert",
            &[(NameTitle, "Professor Munro"), (NameTitle, "Sir Robert")],
        ),
        // Dates of birth
        ("DOB 12/03/1948", &[(DateOfBirth, "12/03/1948")]),
        ("D.O.B. 12.03.48", &[(DateOfBirth, "12.03.48")]),
        ("date of birth: 1948-03-12", &[(DateOfBirth, "1948-03-12")]),
        ("born on the 12th of March 1948", &[(DateOfBirth, "12th of March 1948")]),
        ("born March 12, 1948", &[(DateOfBirth, "March 12, 1948")]),
        ("born 12 Mar 48", &[(DateOfBirth, "12 Mar 48")]),
        ("born 12-Mar-1948", &[(DateOfBirth, "12-Mar-1948")]),
        ("12/03/1948 (DOB)", &[(DateOfBirth, "12/03/1948")]),
        ("DOB 12/03/1948, admitted 14/05/2025", &[(DateOfBirth, "12/03/1948")]),
        ("admitted 14/05/2025, DOB 12/03/1948", &[(DateOfBirth, "12/03/1948")]),
        ("born in 1948", &[(PartialDateOfBirth, "1948")]),
        ("born in March 1948", &[(PartialDateOfBirth, "March 1948")]),
        ("the idea was born on 12 March 2026", &[]),
        ("born out of a meeting on 12 March 2026", &[]),
        ("newborn 12/03/2026, stubborn 12/03/2026", &[]),
        ("her date of birth was checked on 12 March 2026", &[]),
        ("On 3 March 2026 she asked for his date of birth", &[]),
        ("born in Leeds and moved on 12 March 2020", &[]),
        ("DOB 31/02/1948", &[]),
        ("the birthday tea on 14 March 2026", &[]),
        ("her 80th birthday on 5 May 2026", &[(DateOfBirth, "5 May 2026")]),
        ("DOB.\n12/03/1948", &[]),
        ("Her DOB was\n12/03/1948, see file", &[(DateOfBirth, "12/03/1948")]),
        ("Her DOB was\r\n12/03/1948, see file", &[(DateOfBirth, "12/03/1948")]),
        ("dob:\n  1948-03-12", &[(DateOfBirth, "1948-03-12")]),
        ("DOB\n\n12/03/1948", &[]),
        ("dob_checked: true\ndate: 2026-03-02", &[]),
        ("born:\n- 12/03/1948", &[]),
        ("date: 2026-03-02\ndob_checked: true", &[]),
        ("12 March 2026", &[]),
    ];
    for (text, expected) in table {
        assert_eq!(found(text), *expected, "scanning {text:?}");
    }
}

#[test]
fn overlapping_codes_keep_the_most_specific() {
    use Code::*;
    let table: &[(&str, &[(Code, &str)])] = &[
        // A ten-digit number that is both a valid NHS number and phone-shaped.
        ("0123456789", &[(NhsNumber, "0123456789")]),
        (
            "Mrs Jones, DOB 12/03/1948, NHS 943 476 5919, M1 1AE, 07700 900123, j@x.org",
            &[
                (NameTitle, "Mrs Jones"),
                (DateOfBirth, "12/03/1948"),
                (NhsNumber, "943 476 5919"),
                (Postcode, "M1 1AE"),
                (Phone, "07700 900123"),
                (Email, "j@x.org"),
            ],
        ),
    ];
    assert!(nhs_checksum_ok(b"0123456789"));
    for (text, expected) in table {
        assert_eq!(found(text), *expected, "scanning {text:?}");
    }
}

#[test]
fn scans_front_matter_and_markdown_alike() {
    let record = "---\n\
        title: Observation of a home visit\n\
        date: 2026-03-02\n\
        standards: [6.1, 6.2]\n\
        observer: Sam Patel (mentor)\n\
        digest: sha256:4c7d6260181590ab3f09e1d2c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170615\n\
        ---\n\
        \n\
        # What happened\n\
        \n\
        Mr A (born 1948) lives alone. I met the NQSW on 12 March 2026, see p. 112.\n\
        Her DOB was\n\
        12/03/1948 according to the file.\n\
        \n\
        ```text\n\
        contact: jo@team.org\n\
        ```\n";
    assert_eq!(
        found(record),
        [
            (Code::Name, "Sam Patel"),
            (Code::PartialDateOfBirth, "1948"),
            (Code::DateOfBirth, "12/03/1948"),
            (Code::Email, "jo@team.org")
        ]
    );
    for f in Scanner::default().scan(record) {
        assert!(!record[f.range].contains('\n'), "a finding spans a line break");
    }
}

#[test]
fn allow_list() {
    let allow = ["Alex  Morgan".to_owned(), String::new(), "Northshire, 0161 496 0000".to_owned()];
    let scanner = Scanner::new(None, &allow).expect("no pattern");
    let table: &[(&str, usize)] = &[
        ("Ms Morgan joined", 0),
        ("Dr Alex Morgan joined", 0),
        ("Mr Morganson joined", 1),
        ("call 0161 496 0000", 0),
        ("call 0161 496 0001", 1),
        ("alex morgan", 0),
    ];
    for (text, n) in table {
        assert_eq!(scanner.scan(text).len(), *n, "scanning {text:?}");
    }
    // Empty allowed strings are ignored rather than allowing everything.
    let scanner = Scanner::new(None, &[String::new(), " ".to_owned()]).expect("no pattern");
    assert_eq!(scanner.scan("Mr Smith").len(), 1);
}

#[test]
fn names_addresses_places_and_ages_are_found_whole() {
    use Code::*;
    let table: &[(&str, &[(Code, &str)])] = &[
        ("Joan Pritchard told me she was frightened.", &[(Name, "Joan Pritchard")]),
        ("Her daughter, Chioma Eze, rang twice.", &[(Name, "Chioma Eze")]),
        ("Anne-Marie D'Arcy's son rang.", &[(Name, "Anne-Marie D'Arcy")]),
        ("As Gillian Okafor (2019) argues", &[]),
        ("(Okafor, 2019) and Okafor et al.", &[]),
        ("## References\n\nJoan Pritchard and Ann Hill wrote it.", &[]),
        ("Will Care Act eligibility apply?", &[]),
        ("Skills for Care and Research in Practice", &[]),
        ("the Ministry of Justice Design System", &[]),
        ("Mrs A, Person B and Social Worker C agreed", &[]),
        ("Flat 6, 31 Birchwood Road is upstairs.", &[(Address, "Flat 6, 31 Birchwood Road")]),
        (
            "Flat 11, Priestley House, 40 Gledhow Lane",
            &[(Address, "Flat 11, Priestley House, 40 Gledhow Lane")],
        ),
        ("at number 12a Ryecroft Close.", &[(Address, "12a Ryecroft Close")]),
        ("Section 42 Enquiry; 2 High Court judges; Band 7 Lead", &[]),
        ("She was moved to Ward 12 at St Luke's Hospital.", &[(Place, "Ward 12 at St Luke's Hospital")]),
        ("Oakwood Lodge care home", &[(Place, "Oakwood Lodge")]),
        ("She moved to Meadowbank care home in May.", &[(Place, "Meadowbank")]),
        ("the nurse on Ward 12 rang", &[(Place, "Ward 12")]),
        (
            "the Halifax North Community Mental Health Team",
            &[(Place, "Halifax North Community Mental Health Team")],
        ),
        ("the Community Mental Health Team and a care home", &[]),
        ("born in May 1938 in a village", &[(PartialDateOfBirth, "May 1938")]),
        ("DOB: 06/1947", &[(PartialDateOfBirth, "06/1947")]),
        ("the idea was born in 2023", &[]),
        ("a 91-year-old man from Barnsley", &[(AgePlace, "91-year-old man from Barnsley")]),
        ("She is aged 79, of Rotherham.", &[(AgePlace, "aged 79, of Rotherham")]),
        ("an 89-year-old Harrogate woman", &[(AgePlace, "89-year-old Harrogate")]),
        ("people aged 65 and over in Wakefield; a 100-year-old chapel in Mirfield", &[]),
        ("Rev Hughes and Lady Armitage", &[(NameTitle, "Rev Hughes"), (NameTitle, "Lady Armitage")]),
        ("Dear Sir or Madam; Kingsway Dr Leeds is ours; Title: Mr Name: [removed]", &[]),
    ];
    for (text, expected) in table {
        let text = text.replace("\\n", "\n");
        assert_eq!(found(&text), *expected, "scanning {text:?}");
    }
}

#[test]
fn a_place_named_after_the_organisation_is_allowed() {
    let scanner = Scanner::new(None, &["Northshire Council".to_owned()]).expect("no pattern");
    assert_eq!(scanner.scan("the Northshire North Community Team").len(), 0);
    assert_eq!(scanner.scan("the Halifax North Community Team").len(), 1);
}

#[test]
fn case_reference_pattern() {
    let scanner = Scanner::new(Some(r"\bCR-[0-9]{6}\b"), &[]).expect("valid pattern");
    let text = "Case CR-123456 and CR-654321, not CR-12.";
    let refs: Vec<&str> = scanner.scan(text).into_iter().map(|f| &text[f.range]).collect();
    assert_eq!(refs, ["CR-123456", "CR-654321"]);
    assert!(Scanner::default().scan(text).is_empty());
    let spaces = Scanner::new(Some("CR-[0-9]+|  +"), &[]).expect("valid pattern");
    assert_eq!(spaces.scan("a  b CR-1").len(), 1, "a match of spaces alone is no finding");

    let bad: &[(&str, &str)] = &[
        ("", "empty"),
        ("   ", "empty"),
        ("(", "not a valid regular expression"),
        ("a*", "empty text"),
        (r"\b", "empty text"),
        ("x?", "empty text"),
        (".", "a single character"),
        (r"\d", "a single character"),
        ("[A-Z][0-9]*", "a single character"),
    ];
    for (pattern, message) in bad {
        let err = Scanner::new(Some(pattern), &[]).expect_err(pattern);
        assert!(err.to_string().contains(message), "{pattern:?}: {err}");
    }
}

#[test]
fn ranges_are_on_char_boundaries_and_never_panic() {
    let sample = "Zoë’s DOB: 12/03/1948 — Mrs Zoë Ñúñez, M1 1AE; ☎ 07700 900123 \
                  ✉ zoë@x.org \
                  NHS 943 476 5919 NI AB 12 34 56 C 日本語 Mr 💡 born 1 May 1950 é \
                  Siân Ó Súilleabháin’s daughter Zoë Ñúñez said: Flat 2, 14a Ñandú Road; \
                  aged 84, of Ystradgynlais; b. 1949; born in Mai 1938 – Ward 7 at St Ñ’s Hospital, \
                  Tŷ Hafan care home, a 91-year-old Ørsted man (82), Rev Ñ.";
    let scanner = Scanner::new(Some("Ñ+"), &["é".to_owned()]).expect("valid pattern");
    let boundaries: Vec<usize> = sample.char_indices().map(|(i, _)| i).chain([sample.len()]).collect();
    for &a in &boundaries {
        for &b in boundaries.iter().filter(|&&b| b >= a).step_by(7) {
            let part = &sample[a..b];
            let findings = scanner.scan(part);
            for pair in findings.windows(2) {
                assert!(pair[0].range.end <= pair[1].range.start, "overlap in {part:?}");
            }
            for f in findings {
                assert!(part.get(f.range.clone()).is_some(), "bad range {:?} in {part:?}", f.range);
            }
        }
    }
    assert!(!scanner.scan(sample).is_empty());
}

#[test]
fn scans_a_large_text() {
    let paragraph = "I observed the NQSW's visit to Mr Smith (DOB 12/03/1948) at M1 1AE. We discussed \
                     section 42 of the Care Act 2014, PQS 6.2 and the 3,000 people on the list; call \
                     07700 900123 or email a.b@council.gov.uk. Born out of need, digest: sha256:\
                     4c7d6260181590ab3f09e1d2c8b7a6f5e4d3c2b1a09f8e7d6c5b4a3928170615. Ms Teams.\n";
    let per = Scanner::default().scan(paragraph).len();
    assert_eq!(per, 5);
    let text = paragraph.repeat((1 << 20) / paragraph.len() + 1);
    assert!(text.len() >= 1 << 20);
    let findings = Scanner::default().scan(&text);
    assert_eq!(findings.len(), per * (text.len() / paragraph.len()));
}
