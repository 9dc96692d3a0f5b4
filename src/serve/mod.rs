//! `pqs serve`: the portfolio in the browser, for people who do not use a terminal.
//!
//! A small HTTP server ([`tiny_http`], threads, no async runtime) on the loopback address serves
//! pages built here from tera templates (`templates/serve/`, overridable like the others): the
//! dashboard, the records, a form to write a record with its findings as the user types, the
//! pack as it stands, sign-off and git. Everything a page shows comes from the same check as
//! `pqs check`; everything it writes goes through the same safe writing as `pqs sign`.
//!
//! Only the person who started it may use it ([`guard`]): a random token in the printed address
//! becomes a cookie, a request for another host name (DNS rebinding) or a change sent from
//! another origin is refused, and only the portfolio's own record files are read or written.
//! Nothing here prints: [`Server::url`] is for the caller to show.

mod actions;
mod conflict;
mod editor;
mod events;
mod findings;
mod guard;
mod images;
mod nudge;
mod pages;
mod reply;
mod repository;
mod routes;
mod signed;
mod workspace;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use jiff::civil::Date;

use crate::error::Error;
use workspace::Workspace;

/// How many requests are worked on at once; more wait for a free thread (a page makes a few).
const THREADS: usize = 64;

/// How to serve.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The port, or 0 for any free one.
    pub port: u16,
    /// The day the pages count from; today's date where `None`.
    pub today: Option<Date>,
    /// The ssh-agent's socket (SSH_AUTH_SOCK), for signing with a key the agent holds.
    pub agent: Option<PathBuf>,
    /// How often the folder is looked at for changes.
    pub poll: Option<Duration>,
}

/// What every request may read: the portfolios served and how to reach them.
pub(crate) struct State {
    /// The token of the address printed.
    pub token: String,
    /// The port listened on.
    pub port: u16,
    /// The portfolio, or each portfolio of the cohort.
    pub workspaces: Vec<Workspace>,
    /// The cohort's folder, when a cohort is served.
    pub cohort: Option<PathBuf>,
    /// The options given.
    pub options: Options,
    /// Set when the server stops: the watcher and the event streams end.
    pub stopping: AtomicBool,
    /// The changes seen in the portfolios' folders.
    pub changes: events::Changes,
    /// When a request last came, for [`nudge`].
    pub recent: nudge::Recent,
}

impl State {
    /// Today, as the pages count it.
    pub fn today(&self) -> Date {
        self.options.today.unwrap_or_else(|| jiff::Zoned::now().date())
    }
}

/// A server listening on the loopback address, not yet answering.
pub struct Server {
    http: Arc<tiny_http::Server>,
    state: Arc<State>,
}

/// A server answering on its own threads, stopped when dropped.
pub struct Running {
    http: Arc<tiny_http::Server>,
    state: Arc<State>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Listen on 127.0.0.1 for the portfolio at or above `path`, or for the cohort of portfolios
    /// under it.
    pub fn bind(path: &Path, options: Options) -> Result<Server, Error> {
        let (workspaces, cohort) = workspace::open(path)?;
        let address = SocketAddr::from(([127, 0, 0, 1], options.port));
        let failed = |error: &dyn std::fmt::Display| Error::Serve {
            message: format!("could not listen on {address}: {error} (choose another port with `--port`)"),
        };
        let listener = std::net::TcpListener::bind(address).map_err(|e| failed(&e))?;
        no_delay(&listener);
        let http = tiny_http::Server::from_listener(listener, None).map_err(|e| failed(&e))?;
        let port = http.server_addr().to_ip().map_or(options.port, |a| a.port());
        let token = guard::new_token()?;
        let stopping = AtomicBool::new(false);
        let changes = events::Changes::default();
        let recent = nudge::Recent::default();
        let state = State { token, port, workspaces, cohort, options, stopping, changes, recent };
        Ok(Server { http: Arc::new(http), state: Arc::new(state) })
    }

    /// The address to open: it carries the token.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.state.port, self.state.token)
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.state.port
    }

    /// The token, which the address carries.
    pub fn token(&self) -> &str {
        &self.state.token
    }

    /// Answer requests until the process ends.
    pub fn run(self) {
        let watcher = events::watch(Arc::clone(&self.state));
        let nudger = nudge::start(Arc::clone(&self.state));
        serve(&self.http, &self.state);
        self.state.stopping.store(true, Ordering::SeqCst);
        let _ = watcher.join();
        let _ = nudger.join();
    }

    /// Answer requests on other threads until the returned value is dropped.
    pub fn spawn(self) -> Running {
        let (http, state) = (Arc::clone(&self.http), Arc::clone(&self.state));
        let thread = std::thread::spawn(move || self.run());
        Running { http, state, thread: Some(thread) }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.state.stopping.store(true, Ordering::SeqCst);
        self.state.changes.wake();
        self.http.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Send each answer as soon as it is written. tiny_http writes an answer's head and its body
/// apart: without this, the body waits for the browser to acknowledge the head, which it delays
/// by up to 40 ms (Nagle's algorithm meeting delayed acknowledgement). The connections accepted
/// take the setting from the listener on Linux and macOS.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn no_delay(listener: &std::net::TcpListener) {
    let _ = rustix::net::sockopt::set_tcp_nodelay(listener, true);
}

/// Elsewhere the setting cannot be made without code of our own that is not safe Rust: answers
/// may wait for the acknowledgement there.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn no_delay(_: &std::net::TcpListener) {}

/// Take each request and answer it on a thread of its own, at most [`THREADS`] at once.
fn serve(http: &tiny_http::Server, state: &Arc<State>) {
    let busy = Arc::new(AtomicUsize::new(0));
    while let Ok(request) = http.recv() {
        if state.stopping.load(Ordering::SeqCst) {
            break;
        }
        state.recent.now();
        while busy.load(Ordering::SeqCst) >= THREADS {
            std::thread::sleep(Duration::from_millis(5));
        }
        busy.fetch_add(1, Ordering::SeqCst);
        let (state, busy) = (Arc::clone(state), Arc::clone(&busy));
        std::thread::spawn(move || {
            routes::answer(request, &state);
            busy.fetch_sub(1, Ordering::SeqCst);
        });
    }
}
