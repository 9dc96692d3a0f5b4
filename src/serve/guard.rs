//! Who may use the server: only the person who started it, on this machine.
//!
//! The server listens on 127.0.0.1 only. A random token is in the address it prints (as Jupyter
//! does); the first visit with it sets a cookie holding it, and every request after must carry
//! the cookie. A request whose `Host` is not the loopback address and port is refused: a web
//! page elsewhere cannot reach the server through a name of its own that resolves to 127.0.0.1
//! (DNS rebinding). A request that changes anything must come from the server's own pages: its
//! `Origin` must be the server's own.

use crate::error::Error;

/// The request's parts that decide whether it is let in.
#[derive(Clone, Copy, Debug, Default)]
pub struct Head<'a> {
    /// GET, POST...
    pub method: &'a str,
    /// The path and query, as sent.
    pub url: &'a str,
    /// The `Host` header.
    pub host: Option<&'a str>,
    /// The `Origin` header.
    pub origin: Option<&'a str>,
    /// The `Cookie` header.
    pub cookie: Option<&'a str>,
}

/// What to do with a request.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Answer it.
    Admit,
    /// It carries the right token in its address: set the cookie and send the browser to the
    /// same address without the token.
    SetCookie {
        /// The address without the token.
        location: String,
    },
    /// Refuse it, with a status and the reason in words.
    Refuse(u16, &'static str),
}

/// A new random token: 32 bytes from the system's random source, in hex.
pub fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|error| Error::Serve { message: format!("could not make a random token: {error}") })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The cookie's name: with the port, so that two servers on one machine keep their own.
pub fn cookie_name(port: u16) -> String {
    format!("pqs-serve-{port}")
}

/// The `Set-Cookie` header's value for `token`.
pub fn set_cookie(port: u16, token: &str) -> String {
    format!("{}={token}; Path=/; HttpOnly; SameSite=Strict", cookie_name(port))
}

/// Whether `head` may be answered by the server on `port` whose token is `token`.
pub fn judge(head: &Head<'_>, port: u16, token: &str) -> Verdict {
    let own_hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let Some(host) = head.host else { return Verdict::Refuse(400, "the request names no host") };
    if !own_hosts.iter().any(|own| own.eq_ignore_ascii_case(host)) {
        return Verdict::Refuse(
            421,
            "the request is for another host: this server answers only its own address",
        );
    }
    let changes = !matches!(head.method, "GET" | "HEAD");
    if changes {
        let own = own_hosts.iter().map(|h| format!("http://{h}"));
        let from_own = head.origin.is_some_and(|origin| own.clone().any(|o| o.eq_ignore_ascii_case(origin)));
        if !from_own {
            return Verdict::Refuse(403, "a change must come from this server's own pages");
        }
    }
    let (path, query) = head.url.split_once('?').unwrap_or((head.url, ""));
    let given = form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "token").map(|(_, v)| v);
    if let Some(given) = given {
        if !changes && same(given.as_bytes(), token.as_bytes()) {
            let rest: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .filter(|(key, _)| key != "token")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut location = path.to_owned();
            if !rest.is_empty() {
                location.push('?');
                location
                    .push_str(&form_urlencoded::Serializer::new(String::new()).extend_pairs(rest).finish());
            }
            return Verdict::SetCookie { location };
        }
        return Verdict::Refuse(403, "the token in the address is not this server's");
    }
    let name = cookie_name(port);
    let cookie = head.cookie.unwrap_or_default().split(';').filter_map(|pair| pair.trim().split_once('='));
    let held =
        cookie.filter(|(key, _)| *key == name).any(|(_, value)| same(value.as_bytes(), token.as_bytes()));
    if held {
        Verdict::Admit
    } else {
        Verdict::Refuse(
            403,
            "open the address that `pqs serve` printed (it carries the token) to use this server",
        )
    }
}

/// Whether `a` and `b` are equal, taking the same time wherever they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "abc123";

    fn head<'a>(method: &'a str, url: &'a str) -> Head<'a> {
        Head {
            method,
            url,
            host: Some("127.0.0.1:8000"),
            origin: None,
            cookie: Some("pqs-serve-8000=abc123"),
        }
    }

    #[test]
    fn the_token_becomes_a_cookie_and_the_cookie_lets_in() {
        let first = Head { cookie: None, ..head("GET", "/records?type=pdp&token=abc123") };
        assert_eq!(judge(&first, 8000, TOKEN), Verdict::SetCookie { location: "/records?type=pdp".into() });
        assert_eq!(judge(&head("GET", "/"), 8000, TOKEN), Verdict::Admit);
        let wrong = Head { cookie: Some("a=b; pqs-serve-8000=abc124"), ..head("GET", "/") };
        assert!(matches!(judge(&wrong, 8000, TOKEN), Verdict::Refuse(403, _)));
        let other_port = Head { cookie: Some("pqs-serve-8001=abc123"), ..head("GET", "/") };
        assert!(matches!(judge(&other_port, 8000, TOKEN), Verdict::Refuse(403, _)));
        assert!(matches!(judge(&head("GET", "/?token=abc"), 8000, TOKEN), Verdict::Refuse(403, _)));
    }

    #[test]
    fn another_host_or_origin_is_refused() {
        for host in [None, Some("evil.example:8000"), Some("127.0.0.1:8001"), Some("127.0.0.1")] {
            let request = Head { host, ..head("GET", "/") };
            assert!(matches!(judge(&request, 8000, TOKEN), Verdict::Refuse(_, _)), "{host:?}");
        }
        assert_eq!(
            judge(&Head { host: Some("localhost:8000"), ..head("GET", "/") }, 8000, TOKEN),
            Verdict::Admit
        );
        for origin in [None, Some("http://evil.example"), Some("http://127.0.0.1:8001"), Some("null")] {
            let request = Head { origin, ..head("POST", "/save") };
            assert!(matches!(judge(&request, 8000, TOKEN), Verdict::Refuse(403, _)), "{origin:?}");
        }
        let own = Head { origin: Some("http://127.0.0.1:8000"), ..head("POST", "/save") };
        assert_eq!(judge(&own, 8000, TOKEN), Verdict::Admit);
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (new_token().expect("token"), new_token().expect("token"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
