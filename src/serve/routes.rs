//! Which page or action answers a request, once [`super::guard`] has let it in.

use super::reply::{self, Asked, Form, Reply};
use super::{State, actions, editor, events, guard, images, pages};

/// The server's script, embedded: live checking, the preview and reloading.
const SCRIPT: &str = include_str!("assets/serve.js");

/// The worker that holds one connection to the change events for all the server's pages.
const EVENTS_WORKER: &str = include_str!("assets/events.js");

/// The server's style, after the pack's.
const STYLE: &str = include_str!("assets/serve.css");

/// Answer `request`.
pub fn answer(mut request: tiny_http::Request, state: &State) {
    let header = |name: &'static str| {
        request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_owned())
    };
    let (host, origin, cookie) = (header("Host"), header("Origin"), header("Cookie"));
    let method = request.method().as_str().to_owned();
    let url = request.url().to_owned();
    let head = guard::Head {
        method: &method,
        url: &url,
        host: host.as_deref(),
        origin: origin.as_deref(),
        cookie: cookie.as_deref(),
    };
    let reply = match guard::judge(&head, state.port, &state.token) {
        guard::Verdict::Refuse(status, why) => Reply::text(status, why),
        guard::Verdict::SetCookie { location } => {
            Reply::redirect(&location).with("Set-Cookie", guard::set_cookie(state.port, &state.token))
        }
        guard::Verdict::Admit => {
            let Some(path) = reply::path(&url) else {
                let _ = request.respond(Reply::text(400, "the address is not valid").into_response());
                return;
            };
            if path == "/events" && method == "GET" {
                events::stream(request, state);
                return;
            }
            let form = if method == "POST" {
                match reply::body(&mut request) {
                    Some(bytes) => Form::parse(&bytes),
                    None => {
                        let _ = request.respond(Reply::text(413, "the form is too large").into_response());
                        return;
                    }
                }
            } else {
                Form::default()
            };
            route(state, &method, &path, reply::query(&url), form)
        }
    };
    let _ = request.respond(reply.into_response());
}

/// The answer to `method` on `path`.
fn route(state: &State, method: &str, path: &str, query: Form, form: Form) -> Reply {
    match (method, path) {
        ("GET", "/assets/serve.js") => {
            return Reply::of(200, "text/javascript; charset=utf-8", SCRIPT.into());
        }
        ("GET", "/assets/events.js") => {
            return Reply::of(200, "text/javascript; charset=utf-8", EVENTS_WORKER.into());
        }
        ("GET", "/assets/serve.css") => return style(state),
        ("GET", "/fingerprints") => {
            return Reply::of(200, "application/json", events::fingerprints(state).into_bytes());
        }
        ("GET", "/") if state.cohort.is_some() => return pages::cohort(state),
        _ => {}
    }
    let found = state.workspaces.iter().find_map(|workspace| {
        if workspace.base.is_empty() {
            return Some((workspace, path));
        }
        let rest = path.strip_prefix(workspace.base.as_str())?;
        if rest.is_empty() {
            return Some((workspace, "/"));
        }
        rest.starts_with('/').then_some((workspace, rest))
    });
    let Some((workspace, path)) = found else { return pages::not_found(state, None) };
    let asked = Asked { state, workspace, query, form };
    let (name, file) = match path[1..].split_once('/') {
        Some((name, file)) => (name, Some(file)),
        None => (&path[1..], None),
    };
    match (method, name, file) {
        ("GET", "", None) => pages::dashboard(&asked),
        ("GET", "records", None) => pages::records(&asked),
        ("GET", "record", Some(file)) => pages::record(&asked, file),
        ("GET", "edit", Some(file)) => editor::page(&asked, file),
        ("POST", "check", Some(file)) => editor::check(&asked, file),
        ("POST", "save", Some(file)) => editor::save(&asked, file),
        ("GET", "version", Some(file)) => editor::version(&asked, file),
        ("GET", "image", Some(file)) => images::serve(&asked, file),
        ("GET", "new", None) => actions::new_page(&asked),
        ("POST", "new", None) => actions::create(&asked),
        ("POST", "sign", Some(file)) => actions::sign(&asked, file),
        ("POST", "commit", None) => actions::commit(&asked),
        ("GET", "pack", None) => pages::pack(&asked),
        ("GET", "pack.html", None) => pages::pack_html(&asked),
        ("POST", "pdf", None) => actions::pdf(&asked),
        _ => pages::not_found(state, Some(workspace)),
    }
}

/// The pages' style: the pack's own, so that a record looks as it will in the pack, then the
/// server's.
fn style(state: &State) -> Reply {
    let templates =
        state.workspaces.first().and_then(|w| crate::templates::Templates::load(Some(&w.root)).ok());
    let templates = templates.or_else(|| crate::templates::Templates::built_in().ok());
    let pack = templates
        .and_then(|t| t.render("pack/style.css.tera", &tera::Context::new()).ok())
        .unwrap_or_default();
    Reply::of(200, "text/css; charset=utf-8", format!("{pack}\n{STYLE}").into_bytes())
}
