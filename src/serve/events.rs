//! Telling the pages that a file changed: the folder is looked at every so often (polling works
//! on network drives and WSL, where notifications of changes do not), and each open page hears
//! of a change by server-sent events. An event gives each portfolio's fingerprint (its files as
//! they are now, see [`super::workspace::fingerprint`]) by the base of its pages; a page made from
//! other files than these reloads what it shows. The first event is sent as a page connects, so
//! a change made between making the page and connecting is not missed.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use super::State;

/// How often the folder is looked at, unless the options say.
const POLL: Duration = Duration::from_millis(700);

/// How long a stream waits before it sends a comment, to find a page that has gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// How many changes have been seen, and the fingerprints after the last, for every stream to wait
/// on: the folders are looked at once for all the pages open.
#[derive(Default)]
pub struct Changes {
    seen: Mutex<(u64, String)>,
    changed: Condvar,
}

impl Changes {
    /// Wake every stream, to see the server stop.
    pub fn wake(&self) {
        self.changed.notify_all();
    }
}

/// Look at every portfolio's folder until the server stops, and count each change seen.
pub fn watch(state: Arc<State>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut last = fingerprints(&state);
        let every = state.options.poll.unwrap_or(POLL);
        while !state.stopping.load(Ordering::SeqCst) {
            std::thread::sleep(every);
            let now = fingerprints(&state);
            if now != last {
                last = now.clone();
                let mut seen = state.changes.seen.lock().unwrap_or_else(PoisonError::into_inner);
                *seen = (seen.0 + 1, now);
                state.changes.changed.notify_all();
            }
        }
        // Wake every stream so that it sees the server stop.
        state.changes.changed.notify_all();
    })
}

/// Each portfolio's fingerprint by the base of its pages, as JSON; for a cohort, its page's too
/// (at the empty base): one number for all its portfolios.
pub fn fingerprints(state: &State) -> String {
    let mut map = serde_json::Map::new();
    let each: Vec<u64> = state.workspaces.iter().map(super::Workspace::fingerprint).collect();
    for (workspace, fingerprint) in state.workspaces.iter().zip(&each) {
        map.insert(workspace.base.clone(), fingerprint.to_string().into());
    }
    if state.cohort.is_some() {
        map.insert(String::new(), super::workspace::combined(&each).to_string().into());
    }
    serde_json::Value::Object(map).to_string()
}

/// Answer `request` with a stream of events: `change` each time a file changes, until the page
/// goes or the server stops.
pub fn stream(request: tiny_http::Request, state: &State) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    let mut seen = state.changes.seen.lock().unwrap_or_else(PoisonError::into_inner).0;
    // As the files are now, not as last seen: a change since the page was made is not missed.
    let first = format!("event: change\ndata: {}\n\n", fingerprints(state));
    if writer.write_all(first.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    while !state.stopping.load(Ordering::SeqCst) {
        let last = state.changes.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let (last, _) = state
            .changes
            .changed
            .wait_timeout_while(last, KEEP_ALIVE, |(count, _)| {
                *count == seen && !state.stopping.load(Ordering::SeqCst)
            })
            .unwrap_or_else(PoisonError::into_inner);
        let message = if last.0 == seen {
            ": still here\n\n".to_owned()
        } else {
            format!("event: change\ndata: {}\n\n", last.1)
        };
        seen = last.0;
        drop(last);
        if writer.write_all(message.as_bytes()).and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}
