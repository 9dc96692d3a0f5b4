//! Writing new files from the templates: [`new`] makes a record, [`init`] a portfolio (in a
//! [`place`] that may hold one, with its git [`repository`]), and [`ask`] puts the questions
//! both ask when a terminal is there to answer them.

pub mod ask;
pub mod init;
pub mod new;
pub mod place;
pub mod repository;
