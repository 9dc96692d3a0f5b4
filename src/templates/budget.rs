//! The budget a portfolio's own templates run within. A template is a small program: a loop in
//! a loop, or a string doubled in a loop, can run for hours or ask for more memory than the
//! computer has, and tera has no limit of its own on either. So `pqs` renders them in a second
//! `pqs` process (see [`isolate_with`]) that it stops when it runs over [`TIME`] or [`MEMORY`],
//! and reads at most [`OUTPUT`] bytes of what it makes. Built-in templates run in the process.

use std::io::{self, BufRead as _, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tera::{Context, Kwargs, State, Tera, Value};

/// How long one use of a portfolio's own templates may take (all the record templates when
/// learning their sections, or one pack).
pub const TIME: Duration = Duration::from_secs(10);

/// The most text one template may make.
pub const OUTPUT: u64 = 256 * 1024 * 1024;

/// The most memory the process rendering a portfolio's own templates may hold (measured on
/// Linux; elsewhere the operating system's own limit ends it).
pub const MEMORY: u64 = 1024 * 1024 * 1024;

/// The argument that makes `pqs` a template worker (a hidden command).
pub const WORKER_COMMAND: &str = "template-worker";

/// The program that renders a portfolio's own templates: set by `pqs` itself to its own path.
static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Render a portfolio's own templates in a separate run of `program` (the `pqs` binary), which
/// is stopped when over budget. Without it (the library on its own, in tests) they run in the
/// process, held to [`OUTPUT`] only.
pub fn isolate_with(program: PathBuf) {
    let _ = PROGRAM.set(program);
}

/// What a worker is asked: the portfolio's own templates and what to render.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// The portfolio's own templates, by built-in name.
    pub own: Vec<(String, String)>,
    /// The templates to render, each with its context as JSON.
    pub jobs: Vec<(String, serde_json::Value)>,
}

/// What became of one template.
#[derive(Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The text it made.
    Text(String),
    /// Why it failed: the template at fault, the line when known, the reason.
    Failed(Failure),
}

/// A template that failed or went over budget.
#[derive(Debug, Serialize, Deserialize)]
pub struct Failure {
    /// The template's name (a path under `templates/`).
    pub name: String,
    /// The line, when known.
    pub line: Option<usize>,
    /// What went wrong, in words.
    pub message: String,
}

/// The words for a template stopped over its budget. Which limit it reached first depends on
/// the computer and how busy it is, so the words name them all.
pub fn over_budget() -> String {
    format!(
        "it went over what a template may use ({} seconds, {} MiB of memory, {} MiB of text), so \
         pqs stopped it\n  help: look for a loop that repeats too often, or a text that grows in a loop",
        TIME.as_secs(),
        MEMORY >> 20,
        OUTPUT >> 20
    )
}

/// An output that refuses to grow past [`OUTPUT`] bytes.
#[derive(Debug, Default)]
pub struct Limited {
    /// What was written.
    pub bytes: Vec<u8>,
    /// Whether a write went over the budget.
    pub over: bool,
}

impl Write for Limited {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if (self.bytes.len() + buf.len()) as u64 > OUTPUT {
            self.over = true;
            return Err(io::Error::other("over the output budget"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `context` as JSON, to send to a worker: tera's context cannot be read from outside, so a
/// template prints it (`__tera_context` is tera's name for the whole context).
pub fn context_json(context: &Context) -> serde_json::Value {
    let mut tera = Tera::new();
    tera.register_filter("json", |value: Value, _: Kwargs, _: &State| {
        serde_json::to_string(&value).unwrap_or_default()
    });
    let printed = tera
        .add_raw_template("context", "{{ __tera_context | json }}")
        .and_then(|()| tera.render("context", context));
    printed.ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// Run `request` in a worker, if `pqs` set one up: `None` means render in the process.
pub fn in_worker(request: &Request) -> Option<Vec<Reply>> {
    let program = PROGRAM.get()?;
    Some(run_worker(program, request).unwrap_or_else(|message| {
        let name = request.jobs.first().map(|(name, _)| name.clone()).unwrap_or_default();
        vec![Reply::Failed(Failure { name, line: None, message })]
    }))
}

/// Start a worker, give it `request`, and collect its replies until it ends or is stopped. A
/// stopped worker's last reply says why, for the first template it did not finish.
fn run_worker(program: &PathBuf, request: &Request) -> Result<Vec<Reply>, String> {
    let mut child = Command::new(program)
        .arg(WORKER_COMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("pqs could not start a process to render it: {error}"))?;
    let input = serde_json::to_vec(request).map_err(|error| error.to_string())?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("pqs could not talk to the process rendering it".to_owned());
    };
    let mut replies = std::thread::scope(|scope| {
        scope.spawn(move || stdin.write_all(&input));
        let reader = scope.spawn(move || read_replies(stdout));
        watch(&mut child);
        reader.join().unwrap_or_default()
    });
    if replies.len() < request.jobs.len() {
        let name = request.jobs[replies.len()].0.clone();
        // Stopped, or ended by the system (out of memory).
        replies.push(Reply::Failed(Failure { name, line: None, message: over_budget() }));
    }
    Ok(replies)
}

/// Every reply a worker writes, one JSON line each, reading at most a little over [`OUTPUT`]
/// per reply.
fn read_replies(stdout: impl Read) -> Vec<Reply> {
    let mut replies = Vec::new();
    let mut reader = io::BufReader::new(stdout);
    let mut line = Vec::new();
    loop {
        line.clear();
        let limit = 2 * OUTPUT + 4096;
        match reader.by_ref().take(limit).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => match serde_json::from_slice(&line) {
                Ok(reply) => replies.push(reply),
                Err(_) => break,
            },
        }
    }
    replies
}

/// Wait for `child` to end, stopping it when it runs over [`TIME`] or [`MEMORY`].
fn watch(child: &mut Child) {
    let started = Instant::now();
    loop {
        if let Ok(Some(_)) | Err(_) = child.try_wait() {
            return;
        }
        if started.elapsed() > TIME || memory(child.id()).is_some_and(|bytes| bytes > MEMORY) {
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The memory process `id` holds, where the system says (Linux's `/proc`).
fn memory(id: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{id}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 =
        line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kilobytes * 1024)
}

/// The worker's side: the [`Request`] it is given on `input`.
pub fn read_request(input: &mut dyn Read) -> io::Result<Request> {
    serde_json::from_reader(input).map_err(io::Error::other)
}

/// The worker's side: send one [`Reply`] (one JSON line) as soon as it is made.
pub fn write_reply(output: &mut dyn Write, reply: &Reply) -> io::Result<()> {
    serde_json::to_writer(&mut *output, reply).map_err(io::Error::other)?;
    output.write_all(b"\n")?;
    output.flush()
}
