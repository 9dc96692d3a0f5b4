//! Making sure that no connection waits unseen. tiny_http 0.12 gives each connection to a pool of
//! threads, and a thread stays with its connection for as long as the browser keeps it open
//! (keep-alive), which may be for ever. When connections arrive together (a page loading its
//! parts), the pool can count as free a thread it has just woken for another, and queue a
//! connection that no thread then takes: its request waits until some other connection closes.
//!
//! A connection of our own, opened and closed at once, finds no free thread and makes the pool
//! start one, which takes what was queued once it has seen ours close. One is opened every tenth
//! of a second while requests are coming (when connections arrive together), and every 0.7 s
//! otherwise: a request waits a moment at most.

use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::State;

/// How often a connection is opened while requests are coming.
const OFTEN: Duration = Duration::from_millis(100);
/// Every how many of those one is opened when none are.
const SELDOM: u32 = 7;
/// How long after a request they are still coming.
const COMING: Duration = Duration::from_secs(5);

/// When a request last came.
#[derive(Debug)]
pub struct Recent {
    start: Instant,
    /// Milliseconds from `start`.
    last: AtomicU64,
}

impl Default for Recent {
    fn default() -> Recent {
        Recent { start: Instant::now(), last: AtomicU64::new(0) }
    }
}

impl Recent {
    /// A request came now.
    pub fn now(&self) {
        let millis = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(millis, Ordering::Relaxed);
    }

    /// Whether a request came in the last [`COMING`].
    fn coming(&self) -> bool {
        let since =
            self.start.elapsed().saturating_sub(Duration::from_millis(self.last.load(Ordering::Relaxed)));
        since < COMING
    }
}

/// Open a connection to the server now and then, until it stops.
pub fn start(state: Arc<State>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let address = SocketAddr::from(([127, 0, 0, 1], state.port));
        let mut ticks = 0u32;
        while !state.stopping.load(Ordering::SeqCst) {
            std::thread::sleep(OFTEN);
            ticks = ticks.wrapping_add(1);
            if state.recent.coming() || ticks.is_multiple_of(SELDOM) {
                let _ = TcpStream::connect_timeout(&address, Duration::from_secs(1));
            }
        }
    })
}
