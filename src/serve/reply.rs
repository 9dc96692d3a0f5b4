//! What the server sends back, with the headers every answer carries, and what it reads from a
//! request: its path, its query and its form.

use std::collections::BTreeMap;
use std::io::Read;

use sha2::{Digest as _, Sha256};

use crate::portfolio::digest::hex;

/// The content security policy of the server's own pages: scripts, styles, images, forms and
/// connections from the server itself only; no inline script, no plug-in, no framing by others.
pub const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of the pack, which is one file with its style inside: no script at all, and shown
/// only inside the server's own page.
pub const PACK_POLICY: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/// The content security policy of a file of the portfolio served as it is (an image): nothing in
/// it may run or load anything, even opened on its own.
pub const FILE_POLICY: &str = "default-src 'none'; sandbox";

/// The largest request body read: a record's form, its text in it twice.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// An answer.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// More headers: name and value.
    pub headers: Vec<(&'static str, String)>,
    /// The content security policy.
    pub policy: &'static str,
}

impl Reply {
    /// A page of HTML.
    pub fn html(status: u16, body: String) -> Reply {
        Reply::of(status, "text/html; charset=utf-8", body.into_bytes())
    }

    /// JSON.
    pub fn json(value: &serde_json::Value) -> Reply {
        Reply::of(200, "application/json", value.to_string().into_bytes())
    }

    /// Plain words, for a refusal before any page can be made.
    pub fn text(status: u16, words: &str) -> Reply {
        Reply::of(status, "text/plain; charset=utf-8", format!("{words}\n").into_bytes())
    }

    /// `body` with `content_type`.
    pub fn of(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply { status, content_type, body, headers: Vec::new(), policy: PAGE_POLICY }
    }

    /// Send the browser to `location` (after a form is sent: 303, so it asks with GET).
    pub fn redirect(location: &str) -> Reply {
        let mut reply = Reply::of(303, "text/plain; charset=utf-8", Vec::new());
        reply.headers.push(("Location", location.to_owned()));
        reply
    }

    /// With one more header.
    pub fn with(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    /// As a tiny_http response, with the headers every answer carries.
    pub fn into_response(self) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
        let mut response = tiny_http::Response::from_data(self.body).with_status_code(self.status);
        let mut headers = vec![
            ("Content-Type", self.content_type.to_owned()),
            ("Content-Security-Policy", self.policy.to_owned()),
            ("X-Content-Type-Options", "nosniff".to_owned()),
            // Not `no-referrer`: with it a browser sends `Origin: null` with a form, and the change is
            // refused. `same-origin` gives no address to another site.
            ("Referrer-Policy", "same-origin".to_owned()),
            ("Cache-Control", "no-store".to_owned()),
            ("Cross-Origin-Resource-Policy", "same-origin".to_owned()),
            ("X-Frame-Options", if self.policy == PACK_POLICY { "SAMEORIGIN" } else { "DENY" }.to_owned()),
        ];
        // A header of the answer's own replaces the one every answer carries (`Cache-Control`).
        headers.retain(|(name, _)| !self.headers.iter().any(|(own, _)| own.eq_ignore_ascii_case(name)));
        headers.extend(self.headers);
        for (name, value) in headers {
            if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(header);
            }
        }
        response
    }
}

/// What a page or an action is asked: the portfolio, the rest of the path and the request's
/// query and form.
pub struct Asked<'a> {
    /// The server.
    pub state: &'a super::State,
    /// The portfolio.
    pub workspace: &'a super::Workspace,
    /// The query.
    pub query: Form,
    /// The form sent, for a POST.
    pub form: Form,
}

/// A request's form or query: each name with its values in order.
#[derive(Debug, Default)]
pub struct Form {
    values: BTreeMap<String, Vec<String>>,
}

impl Form {
    /// Read from `application/x-www-form-urlencoded` bytes.
    pub fn parse(bytes: &[u8]) -> Form {
        let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, value) in form_urlencoded::parse(bytes) {
            values.entry(key.into_owned()).or_default().push(value.into_owned());
        }
        Form { values }
    }

    /// The first value of `name`, if sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    /// The first value of `name`, or empty.
    pub fn text(&self, name: &str) -> &str {
        self.get(name).unwrap_or_default()
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> &[String] {
        self.values.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `name` was sent (a ticked box).
    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
}

/// Read a request's body, up to [`MAX_BODY`]; `None` when it is larger or cannot be read.
pub fn body(request: &mut tiny_http::Request) -> Option<Vec<u8>> {
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return None;
    }
    let mut bytes = Vec::new();
    let read = request.as_reader().take(MAX_BODY as u64 + 1).read_to_end(&mut bytes);
    (read.is_ok() && bytes.len() <= MAX_BODY).then_some(bytes)
}

/// The path of `url` decoded (`%20` to a space), without its query; `None` when it does not
/// decode to UTF-8.
pub fn path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    percent_decode(path)
}

/// The query of `url`.
pub fn query(url: &str) -> Form {
    Form::parse(url.split_once('?').map_or("", |(_, q)| q).as_bytes())
}

/// `%xx` decoded; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `text` made safe inside a URL path: each part encoded, the `/` between them kept.
pub fn encode_path(text: &str) -> String {
    const KEEP: &[u8] = b"-._~/";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || KEEP.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The version of a file's bytes, as a form carries it: their SHA-256, in hex.
pub fn version_of(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The base64 that a form carries a file's bytes in.
pub fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_decode_and_encode() {
        assert_eq!(path("/record/evidence/a%20b.md?x=1").as_deref(), Some("/record/evidence/a b.md"));
        assert_eq!(path("/a%zz"), None);
        assert_eq!(path("/a%FF"), None);
        assert_eq!(encode_path("evidence/Zoë's notes.md"), "evidence/Zo%C3%AB%27s%20notes.md");
        let form = Form::parse(b"standards=6.1&standards=6.2&title=A+b%26c");
        assert_eq!(form.all("standards"), ["6.1", "6.2"]);
        assert_eq!(form.text("title"), "A b&c");
        assert!(!form.has("draft"));
    }
}
