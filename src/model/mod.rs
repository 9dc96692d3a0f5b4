//! The vocabulary every stage shares: the types and kinds of record, the roles of a sign-off,
//! how serious a finding is, and the built-in framework's name. It imports nothing of the crate,
//! so every other module may use it.

mod record_type;
mod severity;

pub use record_type::RecordType;
pub use severity::Severity;

/// The id of the framework used when `pqs.yaml` names none.
pub const DEFAULT_FRAMEWORK: &str = "pqs-asc-2018";

/// The roles a sign-off may be given in.
pub const SIGNOFF_ROLES: [&str; 5] = ["mentor", "observer", "candidate", "line-manager", "moderator"];

/// Every kind a record may have (which kinds suit which type is [`RecordType::kinds`]).
pub const ALL_KINDS: [&str; 8] =
    ["formative", "direct", "supervisee", "colleague", "manager", "person-using-services", "carer", "other"];
