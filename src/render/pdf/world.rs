//! The small world typst compiles the pack in: one source, the bundled fonts only, the
//! attachments' images as virtual files, and a fixed date. Nothing is read from the disk or the
//! network.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

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
        &crate::typeset::fonts::fonts().0
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
        crate::typeset::fonts::fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
