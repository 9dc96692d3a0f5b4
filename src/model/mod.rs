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

/// The longest front-matter `pqs` reads, in bytes. A record's fields take a few hundred bytes;
/// read as YAML, each byte of front-matter takes some fifty of memory, so a front-matter as long
/// as the largest record (5 MiB) would take a quarter of a gigabyte.
pub const MAX_YAML_BYTES: usize = 1024 * 1024;

/// The most pixels an image in a pack may have: 50 million, more than a phone's photo (a
/// 48-megapixel camera saves 8000 by 6000), and about 200 MB once decoded.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The longest record text, in bytes, whose PDF pack is sure to be made in about 3 GB of memory:
/// typst needs about 0.4 GB per MiB of prose and 1.5 GB per MiB of tables (`tests/bench/large-pdf.sh`).
pub const MAX_PDF_BODY: usize = 2 * 1024 * 1024;
