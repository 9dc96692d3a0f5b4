//! Writing new files from the templates: [`new`] makes a record, [`init`] a portfolio, and
//! [`ask`] puts the questions both ask when a terminal is there to answer them.

pub mod ask;
pub mod init;
pub mod new;
