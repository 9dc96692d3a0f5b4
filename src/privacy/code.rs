//! The checks of the anonymisation lint ([`Code`]) and the levels `pqs.yaml` may set them to
//! ([`Level`]): the lint's vocabulary, which findings and settings carry as values.

use crate::model::Severity;

/// A kind of identifying detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A ten-digit NHS number whose mod-11 check digit is valid.
    NhsNumber,
    /// A National Insurance number with an allocated prefix.
    NiNumber,
    /// A full date next to "DOB", "date of birth", "born" or "birthday".
    DateOfBirth,
    /// A full UK postcode (outward and inward code).
    Postcode,
    /// An email address.
    Email,
    /// A UK phone number.
    Phone,
    /// An honorific followed by a capitalised name, such as "Mrs Jones" or "Rev Hughes".
    NameTitle,
    /// A match of the configured local case-reference pattern.
    CaseReference,
    /// A person's full name without a title, such as "Joan Pritchard".
    Name,
    /// A street address: a house or flat number, a street and its kind ("12 Mill Lane").
    Address,
    /// A named place that identifies: a ward, hospital, care home, surgery, school or a team
    /// named with its place.
    Place,
    /// A month and year, or a year, given as when someone was born ("born in May 1938").
    PartialDateOfBirth,
    /// A person's exact age with the town or district they live in or come from.
    AgePlace,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: [Code; 13] = [
        Code::NhsNumber,
        Code::NiNumber,
        Code::DateOfBirth,
        Code::Postcode,
        Code::Email,
        Code::Phone,
        Code::NameTitle,
        Code::CaseReference,
        Code::Name,
        Code::Address,
        Code::Place,
        Code::PartialDateOfBirth,
        Code::AgePlace,
    ];

    /// The stable code used in reports and configuration, such as `privacy-nhs-number`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::NhsNumber => "privacy-nhs-number",
            Code::NiNumber => "privacy-ni-number",
            Code::DateOfBirth => "privacy-date-of-birth",
            Code::Postcode => "privacy-postcode",
            Code::Email => "privacy-email",
            Code::Phone => "privacy-phone",
            Code::NameTitle => "privacy-name-title",
            Code::CaseReference => "privacy-case-reference",
            Code::Name => "privacy-name",
            Code::Address => "privacy-address",
            Code::Place => "privacy-place",
            Code::PartialDateOfBirth => "privacy-partial-date-of-birth",
            Code::AgePlace => "privacy-age-place",
        }
    }

    /// The code whose [`Code::as_str`] is `code`, if any.
    pub fn from_code(code: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The default severity: `true` for an error, `false` for a warning.
    pub fn is_error(self) -> bool {
        matches!(self, Code::NhsNumber | Code::NiNumber | Code::DateOfBirth | Code::CaseReference)
    }

    /// The level of the check when `pqs.yaml` sets none.
    pub fn default_level(self) -> Level {
        if self.is_error() { Level::Error } else { Level::Warning }
    }

    /// A few words naming the detail, for messages ("an NHS number").
    pub fn what(self) -> &'static str {
        match self {
            Code::NhsNumber => "an NHS number",
            Code::NiNumber => "a National Insurance number",
            Code::DateOfBirth => "a date of birth",
            Code::Postcode => "a full postcode",
            Code::Email => "an email address",
            Code::Phone => "a phone number",
            Code::NameTitle => "a name with a title",
            Code::CaseReference => "a case reference",
            Code::Name => "a person's name",
            Code::Address => "a street address",
            Code::Place => "a named place",
            Code::PartialDateOfBirth => "a partial date of birth",
            Code::AgePlace => "an age with a place",
        }
    }

    /// Which code wins when two findings overlap: lower is kept.
    pub(super) fn rank(self) -> u8 {
        match self {
            Code::NhsNumber => 0,
            Code::NiNumber => 1,
            Code::DateOfBirth => 2,
            Code::CaseReference => 3,
            Code::Email => 4,
            Code::Postcode => 5,
            Code::Phone => 6,
            Code::Address => 7,
            Code::PartialDateOfBirth => 8,
            Code::AgePlace => 9,
            Code::Place => 10,
            Code::NameTitle => 11,
            Code::Name => 12,
        }
    }
}

/// The level `privacy.severity` in `pqs.yaml` sets for a check: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Report its findings as errors.
    Error,
    /// Report its findings as warnings.
    Warning,
    /// Report its findings as notes.
    Note,
    /// Do not run the check.
    Off,
}

impl Level {
    /// Every level, in the order `pqs.yaml`'s documentation lists them.
    pub const ALL: [Level; 4] = [Level::Error, Level::Warning, Level::Note, Level::Off];

    /// The levels as `pqs.yaml` writes them, in the order of [`Level::ALL`] (a constant, for the
    /// schema of `pqs.yaml`).
    pub const NAMES: [&'static str; 4] = ["error", "warning", "note", "off"];

    /// The level as `pqs.yaml` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
            Level::Off => "off",
        }
    }

    /// The level written `name`, if any.
    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.as_str() == name)
    }

    /// The severity of the findings of a check at this level; `None` when it is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Note => Some(Severity::Note),
            Level::Off => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_describe_themselves() {
        for code in Code::ALL {
            assert_eq!(Code::from_code(code.as_str()), Some(code));
            assert!(code.as_str().starts_with("privacy-"));
            assert!(!code.what().is_empty());
        }
        assert_eq!(Code::from_code("privacy-nothing"), None);
        assert_eq!(Level::ALL.map(Level::as_str), Level::NAMES);
        for level in Level::ALL {
            assert_eq!(Level::from_name(level.as_str()), Some(level));
        }
        assert_eq!(Level::from_name("Error"), None, "written in lower case");
        let severities = Level::ALL.map(Level::severity);
        assert_eq!(severities, [Some(Severity::Error), Some(Severity::Warning), Some(Severity::Note), None]);
        let errors: Vec<Code> = Code::ALL.into_iter().filter(|c| c.is_error()).collect();
        assert_eq!(errors, [Code::NhsNumber, Code::NiNumber, Code::DateOfBirth, Code::CaseReference]);
    }
}
