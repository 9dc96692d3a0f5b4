//! Text for typst, the PDF pack's typesetter: [`string`] writes any text as a typst string
//! literal (so nothing in it is read as markup or code); with PDF support, `fonts` knows what the
//! bundled fonts can show and `literal` writes a value as the pack sets it. Used by the
//! templates' `typst` filter and by the PDF pack; it uses nothing else of the crate.

#[cfg(feature = "pdf")]
pub mod fonts;
#[cfg(feature = "pdf")]
pub mod literal;
pub mod string;
