//! The types of record a portfolio holds, and the rules that differ between them.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RecordType {
    /// An observation of the supervisor's practice (formative or direct).
    Observation,
    /// A written reflection.
    Reflection,
    /// A note of a supervision session the supervisor gave.
    Supervision,
    /// Feedback from a supervisee, colleague, manager, person using services or carer.
    Feedback,
    /// The self-assessment against the standards.
    SelfAssessment,
    /// The Personal Development Plan.
    Pdp,
    /// A review of the Personal Development Plan.
    PdpReview,
    /// Learning and development: a course, reading, a workshop.
    Learning,
    /// The mentor's report.
    MentorReport,
    /// Anything else.
    Other,
}

impl RecordType {
    /// Every type, in the order the format lists them.
    pub const ALL: [RecordType; 10] = [
        RecordType::Observation,
        RecordType::Reflection,
        RecordType::Supervision,
        RecordType::Feedback,
        RecordType::SelfAssessment,
        RecordType::Pdp,
        RecordType::PdpReview,
        RecordType::Learning,
        RecordType::MentorReport,
        RecordType::Other,
    ];

    /// Every type's name as written in front-matter.
    pub const NAMES: [&'static str; 10] = [
        "observation",
        "reflection",
        "supervision",
        "feedback",
        "self-assessment",
        "pdp",
        "pdp-review",
        "learning",
        "mentor-report",
        "other",
    ];

    /// The name as written in front-matter.
    pub fn as_str(self) -> &'static str {
        let index = RecordType::ALL.iter().position(|t| *t == self).unwrap_or(0);
        RecordType::NAMES[index]
    }

    /// The type named `name`, exactly as the format spells it.
    pub fn from_name(name: &str) -> Option<RecordType> {
        RecordType::NAMES.iter().position(|n| *n == name).map(|i| RecordType::ALL[i])
    }

    /// The kinds this type takes; empty when it takes none.
    pub fn kinds(self) -> &'static [&'static str] {
        match self {
            RecordType::Observation => &["formative", "direct"],
            RecordType::Feedback => {
                &["supervisee", "colleague", "manager", "person-using-services", "carer", "other"]
            }
            _ => &[],
        }
    }

    /// Whether a record of this type must list the standards it evidences.
    pub fn needs_standards(self) -> bool {
        matches!(
            self,
            RecordType::Observation
                | RecordType::Reflection
                | RecordType::Supervision
                | RecordType::Feedback
                | RecordType::Learning
        )
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for t in RecordType::ALL {
            assert_eq!(RecordType::from_name(t.as_str()), Some(t));
            let yaml = yaml_serde::to_string(&t).expect("serialises");
            assert_eq!(yaml.trim(), t.as_str());
        }
        assert_eq!(RecordType::from_name("Observation"), None);
    }
}
