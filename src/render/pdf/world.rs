//! The small world typst compiles the pack in: one source, the bundled fonts only, the
//! attachments' images as virtual files, and a fixed date. Nothing is read from the disk or the
//! network.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, is_default_ignorable};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use unicode_segmentation::UnicodeSegmentation as _;

/// The fonts of `typst-assets`, loaded once.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

/// Whether any bundled font has a glyph for `c`. What none has cannot be set in a PDF/A pack.
pub fn can_display(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    // Latin, with its accents, is in every bundled text font.
    if (' '..='\u{24f}').contains(&c) {
        return true;
    }
    // A font may list the replacement character yet draw it as its blank "no glyph" shape.
    c != char::REPLACEMENT_CHARACTER
        && fonts().1.iter().any(|font| font.info().coverage.contains(u32::from(c)))
}

/// The families that set a record's text before any other: the body's and the code's.
const FIRST_FAMILIES: [&str; 2] = ["Libertinus Serif", "DejaVu Sans Mono"];

/// Whether typst sets the grapheme cluster `cluster` whole with the bundled fonts. typst picks a
/// font for a whole cluster, falling back to another only by the cluster's first character: so a
/// cluster of several characters (a letter and its accents, a keycap `1️⃣`) is set only when every
/// face of the first families has all of its visible characters. A cluster that starts with a
/// combining mark joins the character before it when set, so it is never set as it is.
pub fn can_display_cluster(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else { return true };
    // Latin, with its accents, is in every bundled text font, and none of it is a mark.
    if second.is_none() && (' '..='\u{24f}').contains(&first) {
        return true;
    }
    if is_mark(cluster) {
        return false;
    }
    if second.is_none() {
        return can_display(first);
    }
    let visible: Vec<u32> = cluster.chars().filter(|&c| !is_default_ignorable(c)).map(u32::from).collect();
    let first_faces =
        || fonts().1.iter().filter(|font| FIRST_FAMILIES.contains(&font.info().family.as_str()));
    first_faces().all(|font| visible.iter().all(|&c| font.info().coverage.contains(c)))
}

/// Whether `cluster` starts with a combining mark (or another character that joins the one
/// before it), so that a letter put before it would join it.
fn is_mark(cluster: &str) -> bool {
    format!("a{cluster}").graphemes(true).nth(1).is_none()
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// A file id for a virtual path such as `/main.typ`.
pub fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path).ok().map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The world of one pack.
pub struct PackWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl PackWorld {
    /// A world whose main file is `text`, with `files` (virtual path, bytes), on `today`.
    pub fn new(text: String, files: Vec<(String, Vec<u8>)>, today: jiff::civil::Date) -> Option<PackWorld> {
        let main = Source::new(file_id("/main.typ")?, text);
        let files = files
            .into_iter()
            .filter_map(|(path, bytes)| Some((file_id(&path)?, Bytes::new(bytes))))
            .collect();
        let month = u8::try_from(today.month()).ok()?;
        let day = u8::try_from(today.day()).ok()?;
        let today = Datetime::from_ymd(i32::from(today.year()), month, day);
        Some(PackWorld { main, files, today })
    }

    /// The main source, for mapping error positions to lines.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for PackWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
