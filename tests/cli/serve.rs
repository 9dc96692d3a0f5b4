//! `pqs serve` in the test's own process: a server on a free port, asked by a plain HTTP client.
//! Who may use it (the token, the cookie, the Host and Origin checks) and what it will read and
//! write (the portfolio's record files, nothing else).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use pqs::serve::{Options, Running, Server};

use super::{copy_tree, example};

/// A server on a copy of a portfolio, and how to ask it.
pub struct Served {
    /// The folder served.
    pub dir: tempfile::TempDir,
    /// The port.
    pub port: u16,
    /// The token.
    pub token: String,
    _running: Running,
}

/// An answer.
#[derive(Debug)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl Answer {
    /// The value of the header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The day the tests see the pathway from.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 22)
}

/// Serve a copy of the sample portfolio, after `prepare` has changed it.
pub fn serve_sample(prepare: impl FnOnce(&Path)) -> Served {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&example("sample-portfolio"), dir.path());
    prepare(dir.path());
    serve(dir)
}

/// Serve the folder `dir`.
pub fn serve(dir: tempfile::TempDir) -> Served {
    let options =
        Options { port: 0, today: Some(today()), agent: None, poll: Some(Duration::from_millis(50)) };
    let server = Server::bind(dir.path(), options).expect("bind");
    let (port, token) = (server.port(), server.token().to_owned());
    Served { dir, port, token, _running: server.spawn() }
}

impl Served {
    /// The cookie the first visit sets.
    pub fn cookie(&self) -> String {
        format!("pqs-serve-{}={}", self.port, self.token)
    }

    /// The server's own origin.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// GET `path` as the browser that visited the printed address does.
    pub fn get(&self, path: &str) -> Answer {
        let cookie = self.cookie();
        self.raw("GET", path, &[("Cookie", &cookie)], "")
    }

    /// POST the form `form` (pairs) to `path` from the server's own page.
    pub fn post(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let (cookie, origin) = (self.cookie(), self.origin());
        let headers = [
            ("Cookie", cookie.as_str()),
            ("Origin", origin.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ];
        self.raw("POST", path, &headers, &body)
    }

    /// Send one request with `headers` (a `Host` of the server's own unless given) and read the
    /// whole answer.
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
        let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("host")) {
            request.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(request.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read");
        parse(&bytes)
    }
}

/// An HTTP/1.1 answer read whole: its status line, headers and body (chunks joined).
fn parse(bytes: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(bytes);
    let (head, rest) = text.split_once("\r\n\r\n").expect("a head");
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked { unchunk(rest) } else { rest.to_owned() };
    Answer { status, headers, body }
}

fn unchunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
    body
}

/// Make `root` a git repository with everything in it committed, by a committer of its own
/// settings (so that a commit made later through the pages has one too).
pub fn committed(root: &Path) {
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git").arg("-C").arg(root).args(args).status().expect("git");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Alex Morgan"]);
    git(&["config", "user.email", "alex@example.org"]);
    git(&["config", "commit.gpgSign", "false"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "start"]);
}

/// The value of the first `<input name="name" value="...">` of a page.
pub fn input_value(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap_or_else(|| panic!("no input {name}"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').expect("end")].to_owned()
}

const RECORD: &str = "evidence/2026-11-09-mentor-report-final.md";

#[test]
fn only_the_printed_address_lets_a_browser_in_and_only_its_own_pages_change_anything() {
    let served = serve_sample(|_| {});
    let nothing: [(&str, &str); 0] = [];
    // No cookie and no token: refused, saying what to do.
    let bare = served.raw("GET", "/", &nothing, "");
    assert_eq!(
        (bare.status, bare.body.as_str()),
        (403, "open the address that `pqs serve` printed (it carries the token) to use this server\n")
    );
    // A wrong token is refused; the right one sets the cookie and drops the token from the address.
    assert_eq!(served.raw("GET", "/?token=0000", &nothing, "").status, 403);
    let first = served.raw("GET", &format!("/records?token={}&type=pdp", served.token), &nothing, "");
    assert_eq!(first.status, 303);
    assert_eq!(first.header("location"), Some("/records?type=pdp"));
    let set = format!("pqs-serve-{}={}; Path=/; HttpOnly; SameSite=Strict", served.port, served.token);
    assert_eq!(first.header("set-cookie"), Some(set.as_str()));
    let page = served.get("/");
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-security-policy")
            .is_some_and(|p| p.starts_with("default-src 'none'; script-src 'self'"))
    );
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    // Another host name (DNS rebinding) is refused, with the cookie too.
    let cookie = served.cookie();
    for host in ["evil.example", "evil.example:80", "127.0.0.1", "localhost:1"] {
        let answer = served.raw("GET", "/", &[("Host", host), ("Cookie", &cookie)], "");
        assert_eq!(answer.status, 421, "{host}");
    }
    let local = format!("localhost:{}", served.port);
    assert_eq!(served.raw("GET", "/", &[("Host", &local), ("Cookie", &cookie)], "").status, 200);
    // A change sent from another origin, or with none, is refused, and nothing is written.
    let before = std::fs::read(served.dir.path().join(RECORD)).expect("read");
    for origin in [None, Some("http://evil.example"), Some("null"), Some("http://127.0.0.1:1")] {
        let mut headers = vec![("Cookie", cookie.as_str())];
        if let Some(origin) = origin {
            headers.push(("Origin", origin));
        }
        let answer = served.raw("POST", "/commit", &headers, "message=x");
        assert_eq!(answer.status, 403, "{origin:?}");
        let answer = served.raw("POST", &format!("/save/{RECORD}"), &headers, "version=x&mine=eA%3D%3D");
        assert_eq!(answer.status, 403, "{origin:?}");
    }
    assert_eq!(std::fs::read(served.dir.path().join(RECORD)).expect("read"), before);
}

#[test]
fn nothing_outside_the_portfolio_s_records_is_served_or_written() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: secret\n---\nsecret\n").expect("write");
    let secret = outside.path().join("secret.md");
    let served = serve_sample(|root| {
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret, root.join("evidence/linked.md")).expect("link");
        std::fs::write(root.join("notes.md"), "---\ntitle: not a record\n---\n").expect("write");
    });
    let escaped = secret.display().to_string();
    for path in [
        "/record/pqs.yaml".to_owned(),
        "/edit/notes.md".to_owned(),
        "/edit/../secret.md".to_owned(),
        "/edit/evidence/%2e%2e/pqs.yaml".to_owned(),
        "/edit/evidence/..%2f..%2fpqs.yaml".to_owned(),
        format!("/edit/{escaped}"),
        format!("/edit//{escaped}"),
        "/edit/evidence/linked.md".to_owned(),
        "/version/evidence%5c..%5cpqs.yaml".to_owned(),
        "/assets/../pqs.yaml".to_owned(),
    ] {
        let answer = served.get(&path);
        assert!(answer.status == 404 || answer.status == 400, "{path}: {}", answer.status);
        assert!(!answer.body.contains("secret") && !answer.body.contains("candidate:"), "{path}");
    }
    let mine = base64_of("---\ntitle: x\n---\nwritten\n");
    for path in
        ["/save/notes.md", "/save/evidence/linked.md", "/save/evidence/%2e%2e/pqs.yaml", "/save/../x.md"]
    {
        let answer = served.post(path, &[("version", "x"), ("mine", &mine)]);
        assert_eq!(answer.status, 404, "{path}");
    }
    assert_eq!(std::fs::read_to_string(&secret).expect("read"), "---\ntitle: secret\n---\nsecret\n");
    assert_eq!(
        std::fs::read_to_string(served.dir.path().join("notes.md")).expect("read"),
        "---\ntitle: not a record\n---\n"
    );
    assert!(!served.dir.path().join("x.md").exists());
}

/// `text` in base64, as the pages carry a file.
pub fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// `command` (a `pqs serve`) started, and the first `count` lines it printed.
fn started(command: &mut std::process::Command, count: usize) -> (std::process::Child, Vec<String>) {
    let mut server = command.stdout(std::process::Stdio::piped()).spawn().expect("start");
    let mut out = std::io::BufReader::new(server.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    for _ in 0..count {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).expect("read");
        lines.push(line);
    }
    (server, lines)
}

#[test]
fn the_command_prints_its_address_and_a_folder_with_no_portfolio_is_an_error() {
    let empty = tempfile::tempdir().expect("tempdir");
    let run = super::pqs().args(["serve"]).arg(empty.path()).output().expect("run");
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.starts_with(&format!("error: no `pqs.yaml` found in `{}`", empty.path().display())),
        "{said}"
    );
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pqs"));
    command.args(["serve", "--today", "2026-11-22"]).arg(example("sample-portfolio"));
    let (mut server, lines) = started(&mut command, 5);
    let address = lines[2].trim().to_owned();
    let shown = lines.join("").replace(&address, "ADDRESS");
    assert_eq!(
        shown,
        "pqs is serving the portfolio at\n\n  ADDRESS\n\nOpen that address in your web browser; it is for you alone. Stop with Ctrl-C.\n"
    );
    let (port, token) = address
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.split_once("/?token="))
        .expect("an address with a port and a token");
    let mut stream = TcpStream::connect(("127.0.0.1", port.parse::<u16>().expect("port"))).expect("connect");
    let request =
        format!("GET /?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    server.kill().expect("stop");
    server.wait().expect("wait");
    assert!(answer.starts_with("HTTP/1.1 303 See Other\r\n"), "{answer}");
}

#[test]
fn odd_requests_get_a_plain_answer_and_odd_file_names_work() {
    let served = serve_sample(|root| {
        let text = "---\ntitle: Zoë's notes\ntype: other\ndate: 2026-11-20\n---\nNotes.\n";
        std::fs::write(root.join("evidence/Zoë's notes #1.md"), text).expect("write");
    });
    let named = served.get("/record/evidence/Zo%C3%AB%27s%20notes%20%231.md");
    assert_eq!(named.status, 200);
    assert!(
        named.body.contains("<a class=\"button\" href=\"/edit/evidence/Zo%C3%AB%27s%20notes%20%231.md\">"),
        "{}",
        named.body
    );
    assert_eq!(served.get("/record/evidence/%FF.md").status, 400);
    assert_eq!(served.get("/record/evidence/%zz.md").status, 400);
    let cookie = served.cookie();
    let origin = served.origin();
    let huge = served.raw(
        "POST",
        "/save/evidence/x.md",
        &[("Cookie", &cookie), ("Origin", &origin), ("Content-Length", "999999999")],
        "",
    );
    assert_eq!((huge.status, huge.body.as_str()), (413, "the form is too large\n"));
    assert_eq!(served.raw("DELETE", "/", &[("Cookie", &cookie), ("Origin", &origin)], "").status, 404);
    // A form with no record in it, or a base that is not base64, writes nothing.
    let before = std::fs::read(served.dir.path().join(RECORD)).expect("read");
    assert_eq!(served.post(&format!("/save/{RECORD}"), &[("version", "x")]).status, 400);
    assert_eq!(served.post(&format!("/save/{RECORD}"), &[("version", "x"), ("base", "%%%")]).status, 400);
    assert_eq!(served.post(&format!("/check/{RECORD}"), &[("base", "!")]).status, 400);
    assert_eq!(std::fs::read(served.dir.path().join(RECORD)).expect("read"), before);
}

/// `--open` hands the browser a page of the user's own that leads to the address: the token is
/// never on a command line, where other users of the computer could read it as the browser starts.
#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_browser_a_page_of_the_user_s_own_and_never_the_token() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let (bin, tmp, said) = (dir.path().join("bin"), dir.path().join("tmp"), dir.path().join("said"));
    std::fs::create_dir(&bin).expect("mkdir");
    std::fs::create_dir(&tmp).expect("mkdir");
    // A stand-in for the browser's opener: it writes down what it was given, the mode of the file
    // it names and that file's text.
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        "#!/bin/sh\n{ printf '%s\\n' \"$#\" \"$1\"; stat -c %a \"$1\"; cat \"$1\"; } > \"$SAID.part\"; mv \"$SAID.part\" \"$SAID\"\n",
    )
    .expect("write");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pqs"));
    command.args(["serve", "--open", "--today", "2026-11-22"]).arg(example("sample-portfolio"));
    command.env("PATH", path).env("TMPDIR", &tmp).env("SAID", &said);
    let (mut server, lines) = started(&mut command, 3);
    let address = lines[2].trim().to_owned();
    let started = std::time::Instant::now();
    while !said.exists() && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    server.kill().expect("stop");
    server.wait().expect("wait");
    let said = std::fs::read_to_string(&said).expect("the opener was run");
    let token = address.split_once("token=").expect("a token").1;
    assert!(!said.lines().take(2).any(|line| line.contains(token)), "{said}");
    let (count, rest) = said.split_once('\n').expect("lines");
    let (page, rest) = rest.split_once('\n').expect("lines");
    assert_eq!(count, "1", "{said}");
    assert!(page.starts_with(&format!("{}/pqs-serve-", tmp.display())) && page.ends_with(".html"), "{page}");
    assert_eq!(
        rest.replace(&address, "ADDRESS"),
        "600\n<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"refresh\" content=\"0;url=ADDRESS\">\n<title>pqs serve</title>\n</head>\n\
         <body>\n<p><a href=\"ADDRESS\">Open the portfolio in pqs</a></p>\n</body>\n</html>\n"
    );
}

/// Browsers keep each connection open after its answer (keep-alive) and open several at once
/// when a page loads: every one is answered, however many are open and idle.
#[test]
fn every_connection_is_answered_while_others_stay_open() {
    // Without `src/serve/nudge.rs`, one connection in a burst now and then is never answered.
    let served = serve_sample(|_| {});
    let (port, cookie) = (served.port, served.cookie());
    let mut open = Vec::new();
    // Six bursts of eight, all kept open: an answer that never comes fails at the read's limit.
    for _ in 0..6 {
        let bursts: Vec<_> = (0..8)
            .map(|_| {
                let cookie = cookie.clone();
                std::thread::spawn(move || {
                    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
                    let request = format!(
                        "GET /assets/serve.js HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\r\n"
                    );
                    stream.write_all(request.as_bytes()).expect("send");
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        stream
                            .read_exact(&mut byte)
                            .expect("an answer, while the other connections stay open");
                        head.push(byte[0]);
                    }
                    let head = String::from_utf8_lossy(&head).to_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .expect("a length");
                    let mut body = vec![0u8; length];
                    stream.read_exact(&mut body).expect("the body");
                    stream
                })
            })
            .collect();
        for burst in bursts {
            open.push(burst.join().expect("answered"));
        }
    }
}
