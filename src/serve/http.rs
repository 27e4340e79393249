//! The HTTP of `trinvis serve`, on the standard library's sockets, made so that no client can
//! stall the others or make it take much memory:
//! - one request a connection (`Connection: close`), each connection on a thread of its
//!   own, at most [`MAX_CONNECTIONS`] at a time, and never more than half the files the
//!   process may have open (one more gets 503 at once), so a connection that says nothing,
//!   or sends request after request and reads no answer, holds only itself, and a crowd of
//!   them leaves the build the files it reads;
//! - the request's head must arrive within [`HEAD_TIME`] and be at most [`MAX_HEAD`] bytes
//!   (431 above); an answer that cannot be written within [`WRITE_TIME`] is given up;
//! - a failed accept (out of file descriptors, say) is said once in a while and waited out,
//!   never the end of the server;
//! - a stream of events (the live reload) runs on as long as the browser listens, at most
//!   [`MAX_STREAMS`] at a time.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The largest request head read (the request line and the headers).
pub const MAX_HEAD: usize = 16 * 1024;
/// How long a request's head may take to arrive.
pub const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long an answer may take to be written.
pub const WRITE_TIME: Duration = Duration::from_secs(10);
/// Connections served at once, at most.
pub const MAX_CONNECTIONS: usize = 256;

/// Connections served at once here: [`MAX_CONNECTIONS`], or half the files this process may
/// have open where that is less (macOS allows 256 by default, and a build reads files too).
fn max_connections() -> usize {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        if let Some(n) = limit.and_then(|n| usize::try_from(n / 2).ok()) {
            return n.clamp(4, MAX_CONNECTIONS);
        }
    }
    MAX_CONNECTIONS
}

/// The largest request body read (a form of the workbench); more is answered with 413.
pub const MAX_BODY: usize = 256 * 1024;

/// Streams of events open at once (a browser needs one, whatever its number of tabs).
pub const MAX_STREAMS: usize = 32;

/// A request as read.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/metode/index.html?q=x`).
    pub url: String,
    headers: Vec<(String, String)>,
    /// The body of a POST (at most [`MAX_BODY`] bytes); empty for other methods.
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value (the first of that name), by its name in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Parse a request head (without the blank line that ends it).
    pub fn parse(head: &[u8]) -> Option<Request> {
        let text = std::str::from_utf8(head).ok()?;
        let mut lines = text.split("\r\n");
        let mut first = lines.next()?.split(' ');
        let (method, url, version) = (first.next()?, first.next()?, first.next()?);
        if first.next().is_some()
            || !version.starts_with("HTTP/1.")
            || method.is_empty()
            || !method.bytes().all(|b| b.is_ascii_uppercase())
            || url.is_empty()
        {
            return None;
        }
        let mut headers = Vec::new();
        for line in lines {
            let (k, v) = line.split_once(':')?;
            if k.is_empty() || k.contains([' ', '\t']) {
                return None;
            }
            headers.push((k.to_string(), v.trim().to_string()));
        }
        Some(Request {
            method: method.to_string(),
            url: url.to_string(),
            headers,
            body: Vec::new(),
        })
    }
}

/// A stream of events, run on a thread of its own once its head is sent.
pub type Stream = Box<dyn FnOnce(TcpStream) + Send>;

/// What a request is answered with.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// `200` and the headers, then the connection is the stream's.
    Stream {
        headers: Vec<(String, String)>,
        run: Stream,
    },
}

/// How a request is answered.
pub type Handler = dyn Fn(&Request) -> Reply + Send + Sync;
/// Where the server says what went wrong with accepting connections.
pub type Log = dyn Fn(&str) + Send + Sync;

/// Serve `listener` on threads of its own; returns at once.
pub fn start(listener: TcpListener, handle: Arc<Handler>, log: Arc<Log>) {
    let open = Arc::new(AtomicUsize::new(0));
    let streams = Arc::new(AtomicUsize::new(0));
    let max = max_connections();
    std::thread::spawn(move || {
        let mut failures: u32 = 0;
        let mut said = Instant::now() - Duration::from_secs(60);
        loop {
            match listener.accept() {
                Ok((stream, _)) => {
                    failures = 0;
                    if open.fetch_add(1, Ordering::SeqCst) >= max {
                        open.fetch_sub(1, Ordering::SeqCst);
                        busy(stream);
                        continue;
                    }
                    let (handle, done, streams) = (handle.clone(), open.clone(), streams.clone());
                    let spawned =
                        std::thread::Builder::new()
                            .stack_size(512 * 1024)
                            .spawn(move || {
                                connection(stream, &*handle, &streams);
                                done.fetch_sub(1, Ordering::SeqCst);
                            });
                    if spawned.is_err() {
                        open.fetch_sub(1, Ordering::SeqCst);
                    }
                }
                Err(e) => {
                    // Out of file descriptors, a connection reset before it was taken …:
                    // say so now and then, wait a little longer each time, and go on.
                    failures = failures.saturating_add(1);
                    if said.elapsed() >= Duration::from_secs(10) {
                        log(&format!(
                            "trinvis serve kan ikke tage imod en forbindelse: {} (prøver igen)",
                            crate::diagnostics::os_error(&e)
                        ));
                        said = Instant::now();
                    }
                    let wait = 10u64.saturating_mul(1 << failures.min(7)).min(1000);
                    std::thread::sleep(Duration::from_millis(wait));
                }
            }
        }
    });
}

/// A connection over the limit: 503, written without waiting, and closed.
fn busy(mut s: TcpStream) {
    const TEXT: &str = "trinvis serve har travlt; prøv igen om et øjeblik.\n";
    let headers = [
        (
            "Content-Type".to_string(),
            "text/plain; charset=utf-8".to_string(),
        ),
        ("Retry-After".to_string(), "1".to_string()),
    ];
    let mut out = head_of(503, &headers, Some(TEXT.len()));
    out.extend_from_slice(TEXT.as_bytes());
    let _ = s.set_nonblocking(true);
    let _ = s.write_all(&out);
}

/// Read one request from a connection, answer it and close it.
fn connection(mut s: TcpStream, handle: &Handler, streams: &AtomicUsize) {
    let _ = s.set_nodelay(true);
    let (head, rest) = match read_head(&mut s) {
        Ok(h) => h,
        Err(Some(status)) => return plain(&mut s, status, ""),
        Err(None) => return,
    };
    let Some(mut req) = Request::parse(&head) else {
        return plain(&mut s, 400, "");
    };
    if req.method == "POST" {
        match read_body(&mut s, &req, rest) {
            Ok(b) => req.body = b,
            Err(Some(status)) => return plain(&mut s, status, ""),
            Err(None) => return,
        }
    }
    let head_only = req.method == "HEAD";
    match handle(&req) {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let _ = s.set_write_timeout(Some(WRITE_TIME));
            let mut out = head_of(status, &headers, Some(body.len()));
            if !head_only {
                out.extend_from_slice(&body);
            }
            if s.write_all(&out).and_then(|()| s.flush()).is_ok() {
                close(s);
            }
        }
        Reply::Stream { headers, run } => {
            if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
                streams.fetch_sub(1, Ordering::SeqCst);
                return plain(&mut s, 503, "");
            }
            let _ = s.set_write_timeout(Some(WRITE_TIME));
            let _ = s.set_read_timeout(None);
            if s.write_all(&head_of(200, &headers, None)).is_err() {
                streams.fetch_sub(1, Ordering::SeqCst);
                return;
            }
            run(s);
            streams.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A POST's body: `Content-Length` bytes (at most [`MAX_BODY`]), `rest` of them already
/// read with the head, all within [`HEAD_TIME`]; or the status to answer with.
fn read_body(s: &mut TcpStream, req: &Request, mut rest: Vec<u8>) -> Result<Vec<u8>, Option<u16>> {
    let len: usize = match req.header("Content-Length").map(str::parse) {
        Some(Ok(n)) => n,
        // No body read without its length (a browser's form always says it): the handler
        // refuses what has none.
        None => return Ok(Vec::new()),
        Some(Err(_)) => return Err(Some(400)),
    };
    if len > MAX_BODY {
        return Err(Some(413));
    }
    let start = Instant::now();
    let mut chunk = [0u8; 4096];
    while rest.len() < len {
        let n = read_by(s, start, &mut chunk)?;
        rest.extend_from_slice(&chunk[..n]);
    }
    rest.truncate(len);
    Ok(rest)
}

/// Read what has come, as long as [`HEAD_TIME`] since `start` allows: how much (never 0);
/// or the status to answer with (408 when the time is up; None: the client has gone).
fn read_by(s: &mut TcpStream, start: Instant, chunk: &mut [u8]) -> Result<usize, Option<u16>> {
    loop {
        let left = HEAD_TIME
            .checked_sub(start.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or(Some(408))?;
        s.set_read_timeout(Some(left)).map_err(|_| None)?;
        match s.read(chunk) {
            Ok(0) => return Err(None),
            Ok(n) => return Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Some(408));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Err(None),
        }
    }
}

/// The request's head, without the blank line that ends it, and what came after it; or the
/// status to answer with (None: the client has gone, nothing to answer).
fn read_head(s: &mut TcpStream) -> Result<(Vec<u8>, Vec<u8>), Option<u16>> {
    let start = Instant::now();
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let n = read_by(s, start, &mut chunk)?;
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            let end = from + end;
            if end > MAX_HEAD {
                return Err(Some(431));
            }
            let rest = buf.split_off(end + 4);
            buf.truncate(end);
            return Ok((buf, rest));
        }
        if buf.len() > MAX_HEAD {
            return Err(Some(431));
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        500 => "Internal Server Error",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// A response head: the status, the headers, the length when known, and `Connection: close`.
fn head_of(status: u16, headers: &[(String, String)], len: Option<usize>) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        // Names and values are trinvis's own; nothing that could end a line goes out.
        if !k.contains(['\r', '\n']) && !v.contains(['\r', '\n']) {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    if let Some(n) = len {
        out.push_str(&format!("Content-Length: {n}\r\n"));
    }
    out.push_str("Connection: close\r\n\r\n");
    out.into_bytes()
}

/// A short answer of trinvis's own, for what went wrong before a request could be read.
fn plain(s: &mut TcpStream, status: u16, text: &str) {
    let text = if text.is_empty() {
        match status {
            400 => "Forespørgslen kan ikke læses.\n",
            408 => "Forespørgslen kom ikke i tide.\n",
            431 => "Forespørgslens hoved er for stort.\n",
            413 => "Formularen er for stor.\n",
            _ => "trinvis serve har travlt; prøv igen.\n",
        }
    } else {
        text
    };
    let headers = vec![(
        "Content-Type".to_string(),
        "text/plain; charset=utf-8".to_string(),
    )];
    let mut out = head_of(status, &headers, Some(text.len()));
    out.extend_from_slice(text.as_bytes());
    let _ = s.set_write_timeout(Some(Duration::from_secs(2)));
    if s.write_all(&out).is_ok() {
        let _ = s.shutdown(Shutdown::Write);
    }
}

/// Close after an answer: the write side first, then a moment for what the client sent
/// besides (a pipelined request), so that the answer is not lost to a reset.
fn close(mut s: TcpStream) {
    let _ = s.shutdown(Shutdown::Write);
    let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut read = 0;
    while read < 64 * 1024 {
        match s.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_read_as_sent() {
        let r =
            Request::parse(b"GET /a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nCookie: x=y").unwrap();
        assert_eq!((r.method.as_str(), r.url.as_str()), ("GET", "/a?b=1"));
        assert_eq!(r.header("host"), Some("127.0.0.1:4000"));
        assert_eq!(r.header("COOKIE"), Some("x=y"));
        for bad in [
            &b"GET /a"[..],
            b"GET /a HTTP/2",
            b"get /a HTTP/1.1",
            b"GET /a HTTP/1.1 x",
            b"GET /a HTTP/1.1\r\nNo colon",
            b"GET /a HTTP/1.1\r\nBad Name: x",
            b"\xff /a HTTP/1.1",
        ] {
            assert!(
                Request::parse(bad).is_none(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn a_response_head_says_its_length_and_closes() {
        let h = String::from_utf8(head_of(
            200,
            &[
                ("A".into(), "b".into()),
                ("Evil".into(), "x\r\nSet-Cookie: y".into()),
            ],
            Some(3),
        ))
        .unwrap();
        assert_eq!(
            h,
            "HTTP/1.1 200 OK\r\nA: b\r\nContent-Length: 3\r\nConnection: close\r\n\r\n"
        );
    }
}
