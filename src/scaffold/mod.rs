//! Writing new files from the templates: [`new`] makes a record, [`init`] a portfolio, and
//! [`ask`] puts the questions both ask when a terminal is there to answer them ([`date`] asks
//! for a date until it is one).

pub mod ask;
pub mod date;
pub mod init;
pub mod new;
