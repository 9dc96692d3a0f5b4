//! The images a record's text shows, in the preview beside its form: each is given an address of
//! the server's own, and read when the browser asks for it (once, then kept by the browser), not
//! at every keystroke. Only what the checks would let the pack show is served: a PNG, JPEG, GIF or
//! WebP file inside the portfolio, found from the record as its text names it.

use std::path::Path;
use std::time::UNIX_EPOCH;

use super::pages;
use super::reply::{Asked, FILE_POLICY, Reply, encode_path};
use crate::portfolio::pixels;
use crate::render::attachments;
use crate::rules::attachments::resolve;

/// How long the browser keeps an image: its address changes with the file's size and time.
const KEPT: &str = "private, max-age=86400";

/// The address the preview gives the image `written` in the text of the record `file` of the
/// portfolio at `root`, if it is an image file of the portfolio; its size and time of change are
/// in it, so that a file changed is asked for again.
pub fn address(base: &str, root: &Path, file: &str, written: &str) -> Option<String> {
    let folder = root.join(file);
    let path = resolve(root, folder.parent()?, written).ok()?;
    // An image of more pixels than a pack shows is a link there, and here (see `image-too-large`).
    if !attachments::is_image(&path) || pixels::too_many(&path).is_some() {
        return None;
    }
    let meta = std::fs::metadata(&path).ok()?;
    let changed = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("src", written)
        .append_pair("v", &format!("{}-{changed}", meta.len()))
        .finish();
    Some(format!("{base}/image/{}?{query}", encode_path(file)))
}

/// The image that the record `file` names as `src` in the query, found as the checks find it.
pub fn serve(asked: &Asked<'_>, file: &str) -> Reply {
    let (checked, path) = match pages::checked_record(asked, file) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let root = &checked.outcome.portfolio.root;
    let image = asked
        .query
        .get("src")
        .and_then(|written| resolve(root, path.parent()?, written).ok())
        .and_then(|found| attachments::image_at(&found))
        .filter(|image| pixels::too_many_in(&image.bytes).is_none());
    match image {
        Some(image) => {
            let mut reply = Reply::of(200, image.mime, image.bytes).with("Cache-Control", KEPT.to_owned());
            reply.policy = FILE_POLICY;
            reply
        }
        None => Reply::text(404, "no image of the portfolio is at that address"),
    }
}
