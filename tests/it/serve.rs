//! `trinvis serve` as staff use it: pages over HTTP from this computer only, a save that
//! reloads the open page, a broken save that shows its findings and recovers, and nothing
//! outside the site reachable.

use crate::common::*;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);

struct Serve {
    child: Child,
    lines: Receiver<String>,
    port: u16,
    /// The secret of the link serve printed.
    secret: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines_of(r: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The next line containing `what`, within the time allowed.
fn wait_for(rx: &Receiver<String>, what: &str) -> String {
    wait_seeing(rx, what).0
}

/// The next line containing `what`, within the time allowed, and the lines before it.
fn wait_seeing(rx: &Receiver<String>, what: &str) -> (String, Vec<String>) {
    let end = Instant::now() + WAIT;
    let mut seen = Vec::new();
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(l) if l.contains(what) => return (l, seen),
            Ok(l) => seen.push(l),
            Err(_) => break,
        }
    }
    panic!("no line with {what:?}; saw:\n{}", seen.join("\n"));
}

impl Serve {
    fn start(root: &Path, port: u16) -> Serve {
        let child = bin()
            .args(["serve", "--root", root.to_str().unwrap()])
            .args(["--port", &port.to_string()])
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        Serve::of(child)
    }

    /// A server started with its stderr piped, once it has drawn the site: its port and the
    /// secret of the link it printed.
    fn of(mut child: Child) -> Serve {
        let lines = lines_of(child.stderr.take().unwrap());
        let first = wait_for(&lines, "http://127.0.0.1:");
        let port = first
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("the port");
        let secret = first
            .split("/?adgang=")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .expect("the link's secret")
            .to_string();
        let s = Serve {
            child,
            lines,
            port,
            secret,
        };
        wait_for(&s.lines, "start →");
        s
    }

    /// A raw request, so paths reach the server exactly as written.
    fn request(&self, method: &str, path: &str, host: Option<&str>) -> (u16, String, Vec<u8>) {
        self.request_with(method, path, host, "")
    }

    /// The cookie the printed link sets.
    fn cookie(&self) -> String {
        format!("Cookie: trinvis_adgang_{}={}\r\n", self.port, self.secret)
    }

    /// A request as a browser that has opened the printed link sends it.
    fn request_with(
        &self,
        method: &str,
        path: &str,
        host: Option<&str>,
        headers: &str,
    ) -> (u16, String, Vec<u8>) {
        self.raw(method, path, host, &format!("{}{headers}", self.cookie()))
    }

    /// A request with only the headers given (and Host).
    fn raw(
        &self,
        method: &str,
        path: &str,
        host: Option<&str>,
        headers: &str,
    ) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        let host = host
            .map(str::to_string)
            .unwrap_or_else(|| format!("127.0.0.1:{}", self.port));
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut all = Vec::new();
        s.read_to_end(&mut all).unwrap();
        let split = all
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers");
        let head = String::from_utf8_lossy(&all[..split]).to_string();
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap();
        (status, head, all[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        let (code, head, body) = self.request("GET", path, None);
        (code, head, String::from_utf8_lossy(&body).to_string())
    }

    /// The events a page listens to, one line at a time.
    fn events(&self) -> (TcpStream, Receiver<String>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "GET /__trinvis/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{}\r\n",
            self.port,
            self.cookie()
        )
        .unwrap();
        let rx = lines_of(s.try_clone().unwrap());
        (s, rx)
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn pages_pdfs_and_nothing_else() {
    let (_dir, root) = example_site();
    // A link out of the site, which must never be served.
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", root.join("content/familier/holm/adgang.txt"))
        .unwrap();
    let s = Serve::start(&root, 0);

    let (code, head, body) = s.get("/");
    assert_eq!(code, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(head.contains("Cache-Control: no-store"), "{head}");
    assert!(body.contains("/__trinvis/live.js"));
    assert!(body.contains("connect-src 'self'"));
    assert!(!body.contains("connect-src 'none'"));

    let (code, head, body) = s.request("HEAD", "/familier/holm/", None);
    assert_eq!(code, 200, "{head}");
    assert!(body.is_empty());

    let (code, head, body) = s.request("GET", "/familier/holm/vores-plan.pdf", None);
    assert_eq!(code, 200);
    assert!(head.contains("application/pdf"), "{head}");
    assert!(body.starts_with(b"%PDF-"));

    // Text is kept compressed, and sent so to a browser that accepts it.
    let style = fs::read(repo().join("themes/standard/static/style.css")).unwrap();
    let (code, head, body) = s.request("GET", "/assets/style.css", None);
    assert_eq!(code, 200);
    assert!(!head.contains("Content-Encoding"), "{head}");
    assert_eq!(body, style);
    let (code, head, body) = s.request_with(
        "GET",
        "/assets/style.css",
        None,
        "Accept-Encoding: gzip\r\n",
    );
    assert_eq!(code, 200);
    assert!(head.contains("Content-Encoding: gzip"), "{head}");
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain, style);
    let (code, head, body) = s.get("/metode/searchindex.js");
    assert_eq!(code, 200);
    assert!(head.contains("text/javascript"), "{head}");
    assert!(body.starts_with("window.trinvisSearchIndex="));
    let (code, head, _) = s.get("/familier/holm");
    assert_eq!(code, 301);
    assert!(head.contains("Location: /familier/holm/"), "{head}");

    for bad in [
        "/../trinvis.yaml",
        "/familier/../../trinvis.yaml",
        "/%2e%2e/trinvis.yaml",
        "/%2E%2E%2Ftrinvis.yaml",
        "/familier/holm/%2e%2e/%2e%2e/%2e%2e/trinvis.yaml",
        "/..%5c..%5ctrinvis.yaml",
        "/content/familier/holm/plan.md",
        "/familier/holm/plan.md",
        "/familier/holm/adgang.txt",
        "/trinvis.yaml",
        "//etc/passwd",
        "/ikke-her.html",
    ] {
        let (code, _, body) = s.get(bad);
        assert_eq!(code, 404, "{bad}");
        assert!(!body.contains("root:"), "{bad}");
        assert!(!body.contains("samtykke"), "{bad}");
    }
    let (_, head, body) = s.get("/ikke-her.html");
    assert!(head.contains("text/html"));
    assert!(body.contains("Siden findes ikke"));

    let (code, head, _) = s.request("POST", "/", None);
    assert_eq!(code, 405);
    assert!(head.contains("Allow: GET, HEAD"), "{head}");
    for m in ["PUT", "DELETE", "OPTIONS"] {
        assert_eq!(s.request(m, "/", None).0, 405, "{m}");
    }
    // A page elsewhere that points its own name at this computer gets nothing.
    let (code, _, body) = s.request("GET", "/", Some("angriber.example:80"));
    assert_eq!(code, 403);
    assert!(!String::from_utf8_lossy(&body).contains("Holm"));
    let (code, _, _) = s.request("GET", "/", Some(&format!("localhost:{}", s.port)));
    assert_eq!(code, 200);
}

#[test]
fn a_save_reloads_the_page_and_a_broken_save_shows_the_error_until_fixed() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    wait_for(&s.lines, "PDF'erne er tegnet");
    let (_conn, events) = s.events();
    wait_for(&events, "event: state");
    wait_for(&events, "\"errors\":null");

    edit(
        &root,
        "content/familier/holm/plan.md",
        "Faste rammer om morgen og aften",
        "Faste rammer hver morgen",
    );
    let data = wait_for(&events, "/familier/holm/index.html");
    assert!(!data.contains("/familier/berg/"), "{data}");
    let (_, _, page) = s.get("/familier/holm/");
    assert!(page.contains("Faste rammer hver morgen"));
    // The PDF is drawn after the pages; asking for it waits for the new one.
    let (code, _, _) = s.request("GET", "/familier/holm/vores-plan.pdf", None);
    assert_eq!(code, 200);

    let good = fs::read_to_string(root.join("content/familier/holm/familie.yaml")).unwrap();
    fs::write(
        root.join("content/familier/holm/familie.yaml"),
        good.replacen("navn:", "navn: [", 1),
    )
    .unwrap();
    let state = wait_for(&events, "\"errors\":\"fejl");
    assert!(
        state.contains("content/familier/holm/familie.yaml:2:"),
        "{state}"
    );
    assert!(state.contains("sådan retter du det"), "{state}");
    wait_for(&s.lines, "siderne viser fejlen");
    // The last good page is still there, with the script that shows the findings over it.
    let (code, _, page) = s.get("/familier/holm/");
    assert_eq!(code, 200);
    assert!(page.contains("Faste rammer hver morgen") && page.contains("live.js"));
    // A page opened now is told at once.
    let (_c2, late) = s.events();
    wait_for(&late, "\"errors\":\"fejl");

    fs::write(root.join("content/familier/holm/familie.yaml"), &good).unwrap();
    wait_for(&events, "event: reload");
    let (_c3, after) = s.events();
    wait_for(&after, "\"errors\":null");
    // The terminal says the error is gone.
    wait_for(&s.lines, " er rettet");
}

#[test]
fn a_site_that_never_built_shows_its_errors_and_recovers() {
    let (_dir, root) = example_site();
    let good = fs::read_to_string(root.join("content/familier/holm/plan.md")).unwrap();
    fs::write(
        root.join("content/familier/holm/plan.md"),
        good.replacen("mål:", "mål: [", 1),
    )
    .unwrap();
    let s = Serve::start(&root, 0);
    let (code, _, body) = s.get("/");
    assert_eq!(code, 503);
    assert!(body.contains("Sitet kan ikke bygges endnu"), "{body}");
    assert!(body.contains("content/familier/holm/plan.md:"), "{body}");
    fs::write(root.join("content/familier/holm/plan.md"), &good).unwrap();
    let (_c, events) = s.events();
    let end = Instant::now() + WAIT;
    loop {
        if s.get("/").2.contains("Familien Holm") {
            break;
        }
        assert!(Instant::now() < end, "the site never recovered");
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(events);
}

#[test]
fn a_port_in_use_says_so_and_how_to_choose_another() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let o = bin()
        .args(["serve", "--root", root.to_str().unwrap()])
        .args(["--port", &s.port.to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("er optaget"), "{err}");
    assert!(err.contains("--port"), "{err}");
}

#[test]
fn built_pages_have_no_reload_script() {
    let (_dir, root) = example_site();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for e in walkdir::WalkDir::new(root.join("output"))
        .into_iter()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "html") {
            let page = fs::read_to_string(e.path()).unwrap();
            assert!(!page.contains("__trinvis"), "{}", e.path().display());
            assert!(
                page.contains("connect-src 'none'"),
                "{}",
                e.path().display()
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_cleanly() {
    let (_dir, root) = example_site();
    let mut s = Serve::start(&root, 0);
    let killed = std::process::Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    wait_for(&s.lines, "stoppet.");
    let status = s.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    // The port is free again.
    assert!(TcpStream::connect(("127.0.0.1", s.port)).is_err());
}

/// Another account on the same computer can reach the port but not the pages: only the
/// printed link's secret sets the cookie, and everything but the look of the page that
/// says so needs it.
#[test]
fn only_the_printed_link_opens_the_site() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    for path in [
        "/",
        "/familier/holm/",
        "/familier/holm/vores-plan.pdf",
        "/metode/searchindex.js",
        "/__trinvis/events",
        "/__trinvis/live.js",
        "/assets/style.css",
    ] {
        let (code, head, body) = s.raw("GET", path, None, "");
        assert_eq!(code, 403, "{path}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            body.contains("Åbn linket") && !body.contains("Holm"),
            "{path}: {body}"
        );
        assert!(head.contains("text/html"), "{head}");
        // A wrong secret, or the right one for another port, is no better.
        let wrong = format!("Cookie: trinvis_adgang_{}={}x\r\n", s.port, s.secret);
        assert_eq!(s.raw("GET", path, None, &wrong).0, 403, "{path}");
        let other = format!("Cookie: trinvis_adgang_{}={}\r\n", s.port + 1, s.secret);
        assert_eq!(s.raw("GET", path, None, &other).0, 403, "{path}");
    }
    let (code, _, _) = s.raw("GET", "/?adgang=0000", None, "");
    assert_eq!(code, 403);
    // The link: the cookie, and on to the address without the secret (other parameters kept).
    let (code, head, _) = s.raw(
        "GET",
        &format!("/metode/index.html?q=livline&adgang={}", s.secret),
        None,
        "",
    );
    assert_eq!(code, 303, "{head}");
    assert!(
        head.contains("Location: /metode/index.html?q=livline\r\n"),
        "{head}"
    );
    let cookie = head
        .lines()
        .find(|l| l.starts_with("Set-Cookie: "))
        .expect("a cookie");
    assert_eq!(
        cookie,
        format!(
            "Set-Cookie: trinvis_adgang_{}={}; Path=/; HttpOnly; SameSite=Strict",
            s.port, s.secret
        )
    );
    let (code, _, body) = s.get("/metode/index.html?q=livline");
    assert_eq!(code, 200);
    assert!(body.contains("Metodehåndbog") || body.contains("håndbog"));
}

/// Nothing another site can use: every answer forbids being framed or read from another
/// origin; a file linked from content that has since become a link out of the site is not
/// served, even while the site has errors and the last good pages are served.
#[test]
fn nothing_framed_read_from_elsewhere_or_served_through_a_link() {
    let (_dir, root) = example_site();
    let png = fs::read(root.join("content/billeder/emblem.png")).unwrap();
    fs::write(root.join("content/familier/holm/tegning.png"), &png).unwrap();
    let plan = root.join("content/familier/holm/plan.md");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(&plan, format!("{text}\n![Tegning](tegning.png)\n")).unwrap();
    let s = Serve::start(&root, 0);
    for path in ["/", "/metode/searchindex.js", "/familier/holm/tegning.png"] {
        let (code, head, _) = s.get(path);
        assert_eq!(code, 200, "{path}");
        for h in [
            "Cross-Origin-Resource-Policy: same-origin",
            "X-Frame-Options: DENY",
            "Content-Security-Policy: frame-ancestors 'none'",
        ] {
            assert!(head.contains(h), "{path}: no {h}\n{head}");
        }
    }
    // The site breaks; the picture becomes a link to a file outside it.
    let good = fs::read_to_string(root.join("content/familier/holm/familie.yaml")).unwrap();
    fs::write(
        root.join("content/familier/holm/familie.yaml"),
        good.replacen("navn:", "navn: [", 1),
    )
    .unwrap();
    wait_for(&s.lines, "siderne viser fejlen");
    #[cfg(unix)]
    {
        let secret = root.join("../hemmelig.png");
        fs::write(&secret, b"\x89PNG hemmeligt").unwrap();
        fs::remove_file(root.join("content/familier/holm/tegning.png")).unwrap();
        std::os::unix::fs::symlink(&secret, root.join("content/familier/holm/tegning.png"))
            .unwrap();
        let (code, _, body) = s.request("GET", "/familier/holm/tegning.png", None);
        assert_eq!(code, 404);
        assert!(!String::from_utf8_lossy(&body).contains("hemmeligt"));
    }
}

/// No client can stall the others: connections that say nothing, a connection that sends
/// request after request and reads no answer, a head of 64 MB, a burst of 300 connections.
#[test]
fn no_client_stalls_the_others() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let quick = |what: &str| {
        let t = Instant::now();
        let (code, _, _) = s.get("/familier/holm/");
        assert_eq!(code, 200, "{what}");
        // Not a timing test of the product: a guard against answers that never come (the
        // head's own deadline is ten seconds).
        assert!(
            t.elapsed() < Duration::from_secs(8),
            "{what}: {:?}",
            t.elapsed()
        );
    };
    // Forty connections that say nothing.
    let idle: Vec<TcpStream> = (0..40)
        .map(|_| TcpStream::connect(("127.0.0.1", s.port)).unwrap())
        .collect();
    quick("beside 40 silent connections");
    // One that sends 200 requests and never reads.
    let mut greedy = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let one = format!(
        "GET /familier/holm/vores-plan.pdf HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{}\r\n",
        s.port,
        s.cookie()
    );
    let _ = greedy.write_all(one.repeat(200).as_bytes());
    quick("beside a connection that reads nothing");
    // A head of 64 MB is cut short at 16 KB.
    let mut big = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    big.set_read_timeout(Some(WAIT)).unwrap();
    let head = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Stor: {}",
        s.port,
        "a".repeat(64 * 1024)
    );
    let _ = big.write_all(head.as_bytes());
    let mut answer = String::new();
    let _ = big.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 431 "),
        "{}",
        &answer[..answer.len().min(200)]
    );
    // A burst: every connection is answered, by a page or by "busy".
    let burst: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
            let _ = write!(
                c,
                "GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{}\r\n",
                s.port,
                s.cookie()
            );
            c
        })
        .collect();
    let mut answered = 0;
    for mut c in burst {
        c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut first = [0u8; 12];
        if c.read_exact(&mut first).is_ok()
            && (first.starts_with(b"HTTP/1.1 200") || first.starts_with(b"HTTP/1.1 503"))
        {
            answered += 1;
        }
    }
    assert_eq!(answered, 300);
    drop(idle);
    quick("after all that");
}

/// A server whose own limit on file descriptors is `files`, once it has printed its link.
#[cfg(target_os = "linux")]
// The server's own limit on file descriptors is set with libc's setrlimit before it starts.
#[allow(unsafe_code)]
fn starved_server(root: &Path, files: u64) -> Serve {
    use std::os::unix::process::CommandExt;
    let mut cmd = bin();
    cmd.args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; only this process's limit is changed.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: files,
                rlim_max: files,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    Serve::of(cmd.spawn().unwrap())
}

/// `n` silent connections, until dropped (those the server does not take wait in its
/// backlog, of 128).
fn hog(s: &Serve, n: usize) -> Vec<TcpStream> {
    (0..n)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", s.port)).ok())
        .collect()
}

/// Wait until the server answers a page again.
fn answers_again(s: &Serve) {
    let end = Instant::now() + WAIT;
    loop {
        let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        let _ = write!(
            c,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{}\r\n",
            s.port,
            s.cookie()
        );
        let mut first = [0u8; 12];
        if c.read_exact(&mut first).is_ok() && first.starts_with(b"HTTP/1.1 200") {
            return;
        }
        assert!(Instant::now() < end, "the port never answered again");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The next line containing `what`, none before it a failure.
fn wait_clean(rx: &Receiver<String>, what: &str) {
    let (_, seen) = wait_seeing(rx, what);
    let bad = ["fejl:", "→ fejl", "ikke bygget", "Too many", "kan ikke"];
    assert!(
        !seen.iter().any(|s| bad.iter().any(|b| s.contains(b))),
        "a failure before {what:?}:\n{}",
        seen.join("\n")
    );
}

/// Out of file descriptors, the server says so (while nothing else happens) and goes on:
/// the port does not close for good, and answers again when descriptors are free.
#[cfg(target_os = "linux")]
#[test]
fn running_out_of_file_descriptors_is_survived() {
    let (_dir, root) = example_site();
    // Too few files for the connections it lets in (4) and what it has open besides.
    let s = starved_server(&root, 10);
    // Once the site is drawn and watched, nothing changes: what the server has to say is
    // said all the same.
    wait_for(&s.lines, "PDF'erne er tegnet");
    let hogs = hog(&s, 40);
    wait_for(&s.lines, "kan ikke tage imod en forbindelse");
    drop(hogs);
    answers_again(&s);
}

/// A crowd of silent connections, while the server starts and while staff save, leaves
/// the build the files it reads: every build succeeds, and the port answers again.
#[cfg(target_os = "linux")]
#[test]
fn a_crowd_of_connections_leaves_the_build_its_files() {
    let (_dir, root) = example_site();
    let s = starved_server(&root, 96);
    // More than it has files for.
    let hogs = hog(&s, 150);
    wait_clean(&s.lines, "PDF'erne er tegnet");
    edit(
        &root,
        "content/familier/holm/plan.md",
        "Faste rammer om morgen og aften",
        "Faste rammer hver morgen",
    );
    wait_clean(&s.lines, "PDF'erne er tegnet");
    drop(hogs);
    answers_again(&s);
    let (_, _, page) = s.get("/familier/holm/");
    assert!(page.contains("Faste rammer hver morgen"));
}

/// A form's body, as a browser encodes it.
fn form_body(fields: &[(&str, &str)]) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

impl Serve {
    /// A form sent as a browser sends it: `headers` are the cookie and the origin (or not).
    fn post(&self, path: &str, headers: &str, body: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .unwrap();
        let mut all = Vec::new();
        s.read_to_end(&mut all).unwrap();
        let text = String::from_utf8_lossy(&all).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap();
        (status, head.to_string(), body.to_string())
    }

    fn origin(&self) -> String {
        format!("Origin: http://127.0.0.1:{}\r\n", self.port)
    }

    /// A form of the workbench: its page, its token and its hash.
    fn open_form(&self, family: &str, form: &str) -> (String, String, String) {
        let (code, head, page) = self.get(&format!("/__trinvis/rediger/{family}/{form}"));
        assert_eq!(code, 200, "{page}");
        assert!(head.contains("form-action 'self'"), "{head}");
        let hidden = |name: &str| {
            page.split(&format!("name=\"{name}\" value=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap()
                .to_string()
        };
        (hidden("token"), hidden("hash"), page)
    }

    /// "Fortryd sidste ændring" pressed on the family's staff plan: the answer.
    fn undo(&self, family: &str) -> (u16, String, String) {
        let staff = self.get(&format!("/familier/{family}/")).2;
        let token = staff
            .split("fortryd\"><input type=\"hidden\" name=\"token\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("the undo button")
            .to_string();
        self.post(
            &format!("/__trinvis/rediger/{family}/fortryd"),
            &format!("{}{}", self.cookie(), self.origin()),
            &form_body(&[("token", &token)]),
        )
    }

    /// Fill in and send a form as staff would: the answer.
    fn send(&self, family: &str, form: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let (token, hash, _) = self.open_form(family, form);
        let mut all = vec![("token", token.as_str()), ("hash", hash.as_str())];
        all.extend_from_slice(fields);
        self.post(
            &format!("/__trinvis/rediger/{family}/{form}"),
            &format!("{}{}", self.cookie(), self.origin()),
            &form_body(&all),
        )
    }
}

#[test]
fn the_workbench_writes_only_what_each_form_changes_and_undoes_the_last() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let plan_rel = "content/familier/holm/plan.md";
    let fam_rel = "content/familier/holm/familie.yaml";
    let read = |rel: &str| fs::read_to_string(root.join(rel)).unwrap();
    let (plan0, fam0) = (read(plan_rel), read(fam_rel));

    // The staff plan as served has the links; the built page has none.
    let (_, _, staff) = s.get("/familier/holm/");
    for f in ["moede", "status", "maaling", "trin"] {
        assert!(
            staff.contains(&format!("/__trinvis/rediger/holm/{f}")),
            "{f}"
        );
    }
    assert!(!staff.contains("Fortryd sidste ændring"));

    // Status: one line.
    let (code, head, _) = s.send("holm", "status", &[("delmaal-1-1", "nået")]);
    assert_eq!(code, 303, "{head}");
    assert!(head.contains("Location: /familier/holm/"), "{head}");
    let want = plan0.replacen(
        "Øge praktikken til 20 timer og tale om løntilskud\n        frist: 2026-12-01\n        ansvarlig: mor\n        status: i-gang",
        "Øge praktikken til 20 timer og tale om løntilskud\n        frist: 2026-12-01\n        ansvarlig: mor\n        status: nået",
        1,
    );
    assert_ne!(want, plan0);
    assert_eq!(read(plan_rel), want);
    let plan1 = want;

    // A meeting: the log, the agreements followed up and a new one, the next meeting.
    let (code, head, _) = s.send(
        "holm",
        "moede",
        &[
            ("dato", "2026-12-05"),
            ("deltager", "Sanne"),
            ("deltager", "Lone Bach"),
            ("andre", "Mormor Inge"),
            ("notat", "Godt møde: praktikken kører."),
            ("aftale-2", "klaret"),
            ("aftale-3", "udskudt"),
            ("aftale-3-frist", "2027-01-15"),
            ("ny-0-hvad", "Ringer til skolen om pauserne"),
            ("ny-0-hvem", "mor"),
            ("ny-0-frist", "2026-12-20"),
            ("naeste-dato", "2027-02-01"),
            ("naeste-tid", "kl. 9"),
        ],
    );
    assert_eq!(code, 303, "{head}");
    let want = plan1
        .replacen(
            "hvad: Ringer til værkstedslederen og aftaler besøg\n    frist: 2026-11-30\n    status: åben",
            "hvad: Ringer til værkstedslederen og aftaler besøg\n    frist: 2026-11-30\n    status: udført",
            1,
        )
        .replacen(
            "hvad: Tager med til skolemødet om Freja\n    frist: 2026-12-15\n    status: åben\n",
            "hvad: Tager med til skolemødet om Freja\n    frist: 2027-01-15\n    status: åben\n  - hvem: mor\n    hvad: Ringer til skolen om pauserne\n    frist: 2026-12-20\n    status: åben\n",
            1,
        )
        .replacen("  dato: 2026-12-03\n  tid: kl. 10\n", "  dato: 2027-02-01\n  tid: kl. 9\n", 1)
        .replacen(
            "      notat: Praktikken går godt. Næste skridt er flere timer og et løntilskud.\n",
            "      notat: Praktikken går godt. Næste skridt er flere timer og et løntilskud.\n    - dato: 2026-12-05\n      deltagere: [Sanne, Lone Bach, Mormor Inge]\n      notat: \"Godt møde: praktikken kører. Opfølgning på aftalerne: Ringer til værkstedslederen og aftaler besøg: klaret; Tager med til skolemødet om Freja: udskudt til 2027-01-15.\"\n",
            1,
        );
    assert_eq!(read(plan_rel), want);
    // The staff plan is drawn again before the browser is sent back to it.
    let (_, _, staff) = s.get("/familier/holm/");
    assert!(staff.contains("Ringer til skolen om pauserne"));
    assert!(staff.contains("Fortryd sidste ændring"));
    let plan2 = want;

    // WHO-5 from the five answers: (3+3+2+2+1)×4 = 44.
    let answers = [
        ("svar-0", "3"),
        ("svar-1", "3"),
        ("svar-2", "2"),
        ("svar-3", "2"),
        ("svar-4", "1"),
    ];
    let mut fields = vec![("hvem", "far"), ("dato", "2026-12-05")];
    fields.extend_from_slice(&answers);
    let (code, head, _) = s.send("holm", "maaling", &fields);
    assert_eq!(code, 303, "{head}");
    let want = plan2.replacen(
        "    - dato: 2026-09-15\n      hvem: far\n      score: 48\n",
        "    - dato: 2026-09-15\n      hvem: far\n      score: 48\n    - dato: 2026-12-05\n      hvem: far\n      score: 44\n",
        1,
    );
    assert_eq!(read(plan_rel), want);

    // The next trin, in familie.yaml: its comment and everything else stay.
    let (code, head, _) = s.send("holm", "trin", &[("trin", "6"), ("fra", "2026-12-05")]);
    assert_eq!(code, 303, "{head}");
    let want_fam = fam0.replacen("trin: 5\n", "trin: 6\n", 1).replacen(
        "  - trin: 5\n    fra: 2025-10-06\n",
        "  - trin: 5\n    fra: 2025-10-06\n  - trin: 6\n    fra: 2026-12-05\n",
        1,
    );
    assert_eq!(read(fam_rel), want_fam);
    assert!(s.get("/familier/holm/").2.contains("Trin 6 af 7"));

    // Undo: the last save (the trin) is put back, byte for byte; once.
    let (code, head, _) = s.undo("holm");
    assert_eq!(code, 303, "{head}");
    assert_eq!(read(fam_rel), fam0);
    // The earlier versions are kept inside the site, in a hidden folder nothing reads.
    let kept = root.join(".trinvis/historik").join(fam_rel);
    assert!(fs::read_dir(&kept).unwrap().count() >= 2);
    assert!(!s.get("/familier/holm/").2.contains("Trin 6 af 7"));
    // The plan's last save is the WHO-5: undo again takes that back.
    let (code, ..) = s.undo("holm");
    assert_eq!(code, 303);
    assert_eq!(read(plan_rel), plan2);
}

#[test]
fn the_workbench_refuses_and_writes_nothing() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let rel = "content/familier/holm/plan.md";
    let read = || fs::read_to_string(root.join(rel)).unwrap();
    let before = read();
    let path = "/__trinvis/rediger/holm/maaling";
    let (token, hash, _) = s.open_form("holm", "maaling");
    let body = |score: &str, token: &str, hash: &str| {
        form_body(&[
            ("token", token),
            ("hash", hash),
            ("hvem", "mor"),
            ("dato", "2026-12-05"),
            ("score", score),
        ])
    };
    let ok = body("48", &token, &hash);

    // Without the cookie, from another origin, without the form's token.
    let (code, _, page) = s.post(path, &s.origin(), &ok);
    assert_eq!(code, 403);
    assert!(page.contains("Åbn linket fra trinvis serve"), "{page}");
    let (code, ..) = s.post(
        path,
        &format!("{}Origin: http://evil.example\r\n", s.cookie()),
        &ok,
    );
    assert_eq!(code, 403);
    let (code, ..) = s.post(path, &s.cookie(), &ok);
    assert_eq!(code, 403, "no Origin");
    let (code, ..) = s.post(
        path,
        &format!("{}{}", s.cookie(), s.origin()),
        &body("48", "x", &hash),
    );
    assert_eq!(code, 403);
    let (code, ..) = s.post(
        "/__trinvis/rediger/holm/status",
        &format!("{}{}", s.cookie(), s.origin()),
        &ok,
    );
    assert_eq!(code, 403, "a token is for its own form");
    assert_eq!(read(), before);

    // Checked without saving (the button, or the script while typing): the bands the scores
    // fall in, as the plan names them; nothing written.
    let mut checked = body("44", &token, &hash);
    checked.push_str("&sdq-hvem=emil&sdq-score=15&handling=tjek");
    let (code, _, page) = s.post(path, &format!("{}{}", s.cookie(), s.origin()), &checked);
    assert_eq!(code, 200, "{page}");
    assert!(
        page.contains("band-amber\" aria-live=\"polite\">Score 44: Risiko for stress (36–50)<"),
        "{page}"
    );
    assert!(page.contains("Score 15: Grænseområde (14–16)<"), "{page}");
    assert!(page.contains("Tjekket: alt ser rigtigt ud"), "{page}");
    assert_eq!(read(), before);

    // A value the check refuses: the message at its field and in the summary.
    let (code, _, page) = s.post(
        path,
        &format!("{}{}", s.cookie(), s.origin()),
        &body("140", &token, &hash),
    );
    assert_eq!(code, 422, "{page}");
    assert!(
        page.contains("<a href=\"#f-score\">WHO-5 skal være mellem 0 og 100"),
        "{page}"
    );
    assert!(
        page.contains(
            "aria-describedby=\"f-score-hint f-score-fejl0\" aria-invalid=\"true\" value=\"140\""
        ),
        "{page}"
    );
    assert_eq!(read(), before);

    // A CPR number, in any field: refused, and not shown back.
    let (code, _, page) = s.send(
        "holm",
        "moede",
        &[("dato", "2026-12-05"), ("notat", "Mors nr. 010203-1234")],
    );
    assert_eq!(code, 422);
    assert!(page.contains("CPR"), "{page}");
    assert!(!page.contains("1234"), "{page}");
    assert_eq!(read(), before);

    // The file changed in an editor since the form was drawn: refused, the typed value kept.
    edit(&root, rel, "tid: kl. 10", "tid: kl. 11");
    let changed = read();
    let (code, _, page) = s.post(
        path,
        &format!("{}{}", s.cookie(), s.origin()),
        &body("52", &token, &hash),
    );
    assert_eq!(code, 409, "{page}");
    assert!(
        page.contains("er blevet ændret, siden du åbnede formularen"),
        "{page}"
    );
    assert!(page.contains("value=\"52\""), "{page}");
    assert_eq!(read(), changed);
    // Sent again from that page, it is saved onto the file as it now is.
    let new_hash = page
        .split("name=\"hash\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let (code, ..) = s.post(
        path,
        &format!("{}{}", s.cookie(), s.origin()),
        &body("52", &token, &new_hash),
    );
    assert_eq!(code, 303);
    let now = read();
    assert!(
        now.contains("tid: kl. 11") && now.contains("      score: 52\n"),
        "{now}"
    );
    // Nothing in the family's folder but its files.
    let names: Vec<String> = fs::read_dir(root.join("content/familier/holm"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[test]
fn goals_are_added_edited_and_moved_with_only_their_lines_changed() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let rel = "content/familier/holm/plan.md";
    let read = || fs::read_to_string(root.join(rel)).unwrap();
    let before = read();
    let sanne = "  - titel: Sanne får fast arbejde i en daginstitution\n    prioritet: 1\n";
    let kenneth_start = before.find("  - titel: Kenneth finder et job").unwrap();
    let kenneth_end = before.find("  - titel: Kenneth sover bedre").unwrap();
    let kenneth = &before[kenneth_start..kenneth_end];
    let (code, head, _) = s.send(
        "holm",
        "maal",
        &[
            ("maal-1-prioritet", ""),
            ("dm-0-1-tekst", "Spise aftensmad sammen fem dage om ugen"),
            ("dm-0-ny-tekst", "Lave en ugeplan"),
            ("dm-0-ny-frist", "2027-01-10"),
            ("dm-0-ny-ansvarlig", "mor"),
            ("nyt-titel", "Theo starter i børnehave"),
            ("nyt-hvem", "theo"),
            ("nyt-omraade", "familie"),
            ("nyt-dm-tekst", "Besøg i børnehaven"),
            ("nyt-dm-frist", "2027-01-20"),
            ("nyt-dm-ansvarlig", "familiebehandler"),
            ("flyt", "maal-2-op"),
        ],
    );
    assert_eq!(code, 303, "{head}");
    // Back to the form, at the goal that moved, where it stands now.
    assert!(
        head.contains("Location: /__trinvis/rediger/holm/maal#maal-1"),
        "{head}"
    );
    let want = before
        .replacen(
            "Spise aftensmad sammen mindst fire dage om ugen\n        frist: 2026-03-01\n        ansvarlig: familien\n        status: i-gang\n",
            "Spise aftensmad sammen fem dage om ugen\n        frist: 2026-03-01\n        ansvarlig: familien\n        status: i-gang\n      - tekst: Lave en ugeplan\n        frist: 2027-01-10\n        ansvarlig: mor\n        status: ikke-startet\n",
            1,
        )
        .replacen(kenneth, "", 1)
        .replacen(
            sanne,
            &format!("{kenneth}  - titel: Sanne får fast arbejde i en daginstitution\n"),
            1,
        )
        .replacen(
            "        status: nået\naftaler:\n",
            "        status: nået\n  - titel: Theo starter i børnehave\n    hvem: theo\n    område: familie\n    delmål:\n      - tekst: Besøg i børnehaven\n        frist: 2027-01-20\n        ansvarlig: familiebehandler\n        status: ikke-startet\naftaler:\n",
            1,
        );
    assert_eq!(read(), want);
    let staff = s.get("/familier/holm/").2;
    assert!(staff.contains("Theo starter i børnehave") && staff.contains("Lave en ugeplan"));
    // A delmål without a deadline is refused at its field, as `check` refuses it.
    let (code, _, page) = s.send(
        "holm",
        "maal",
        &[
            ("dm-0-ny-tekst", "Uden frist"),
            ("dm-0-ny-ansvarlig", "mor"),
        ],
    );
    assert_eq!(code, 422, "{page}");
    assert!(
        page.contains("href=\"#f-dm-0-ny-tekst\">delmålet har ingen frist"),
        "{page}"
    );
    assert_eq!(read(), want);
}

#[test]
fn a_new_family_is_made_from_the_browser_checked_before_its_folder_is() {
    let (_dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let (_, _, front) = s.get("/");
    assert!(front.contains("/__trinvis/rediger/_ny"));
    let (code, _, form) = s.get("/__trinvis/rediger/_ny");
    assert_eq!(code, 200);
    let token = form
        .split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let send = |fields: &[(&str, &str)]| {
        let mut all = vec![("token", token.as_str())];
        all.extend_from_slice(fields);
        s.post(
            "/__trinvis/rediger/_ny",
            &format!("{}{}", s.cookie(), s.origin()),
            &form_body(&all),
        )
    };
    let dir = root.join("content/familier/jensen");
    // A birth year that is no year: refused at its field, no folder made.
    let (code, _, page) = send(&[
        ("navn", "Jensen"),
        ("medlem-navn", "Mette"),
        ("medlem-aar", "nitten"),
    ]);
    assert_eq!(code, 422, "{page}");
    assert!(page.contains("href=\"#f-medlem-aar\""), "{page}");
    assert!(!dir.exists());
    let (code, _, page) = send(&[("navn", "010203-1234")]);
    assert_eq!(code, 422);
    assert!(!page.contains("1234"));
    let (code, head, _) = send(&[
        ("navn", "Jensen"),
        ("startdato", "2026-12-05"),
        ("medlem-navn", "Mette"),
        ("medlem-rolle", "mor"),
        ("medlem-aar", "1991"),
        ("jobkonsulent", "Lone Bach"),
        ("familiebehandler", "Karim Saleh"),
    ]);
    assert_eq!(code, 303, "{head}");
    assert!(head.contains("Location: /familier/jensen/"), "{head}");
    let familie = fs::read_to_string(dir.join("familie.yaml")).unwrap();
    assert!(
        familie.contains("    navn: Mette\n    rolle: mor\n    fødselsår: 1991\n"),
        "{familie}"
    );
    assert!(familie.contains("startdato: 2026-12-05\n"));
    let (code, _, page) = s.get("/familier/jensen/");
    assert_eq!(code, 200);
    assert!(page.contains("Familien Jensen"));
    // The same name again: refused, the first family left as it is.
    let (code, ..) = send(&[("navn", "Jensen")]);
    assert_eq!(code, 409);
    assert_eq!(
        fs::read_to_string(dir.join("familie.yaml")).unwrap(),
        familie
    );
}

impl Serve {
    /// The diploma form's lines left (negative: too many), and the address of its page.
    fn diploma_room(page: &str) -> (i64, Option<String>) {
        let note = page
            .split("<p id=\"plads\" class=\"plads\"><strong>")
            .nth(1)
            .unwrap_or_else(|| panic!("no lines left: {page}"));
        let n: i64 = note.split(' ').next().unwrap().parse().unwrap();
        let sign = if note.split('<').next().unwrap().contains("for meget") {
            -1
        } else {
            1
        };
        let pdf = page
            .split("<iframe src=\"")
            .nth(1)
            .and_then(|r| r.split('#').next())
            .map(str::to_string);
        (sign * n, pdf)
    }

    /// A PDF the workbench shows, as text.
    fn pdf_text(&self, path: &str, dir: &Path) -> String {
        let (code, head, pdf) = self.request("GET", path, None);
        assert_eq!(code, 200, "{head}");
        assert!(head.contains("Content-Type: application/pdf"), "{head}");
        assert!(head.contains("frame-ancestors 'self'"), "{head}");
        let file = dir.join("forhaand.pdf");
        fs::write(&file, pdf).unwrap();
        pdf_text_on_pages(&file).join("\n")
    }
}

#[test]
fn the_diploma_is_written_from_its_form_beside_its_page_and_the_lines_left() {
    let (dir, root) = example_site();
    let s = Serve::start(&root, 0);
    let rel = "content/familier/nielsen/diplom.md";
    let read = |rel: &str| fs::read_to_string(root.join(rel)).unwrap();
    let before = read(rel);
    let (token, hash, page) = s.open_form("nielsen", "diplom");
    let (left0, pdf0) = Serve::diploma_room(&page);
    assert!(left0 > 5, "{page}");
    // The page beside the form is the diploma as it prints; only with serve's cookie.
    let pdf0 = pdf0.unwrap();
    assert!(s.pdf_text(&pdf0, dir.path()).contains("Familien Nielsen"));
    let (code, ..) = s.raw("GET", &pdf0, None, "");
    assert_eq!(code, 403);

    // Every field as the form shows it, changed by `changes`.
    let fields = |changes: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = [
            ("token", token.as_str()),
            ("hash", hash.as_str()),
            ("dato", "2025-06-30"),
            ("overskrift", ""),
            ("opnaaet", "Brian har fået kørekort til lastbil og fast job som chauffør.\nLouise er i gang med SOSU-hjælperuddannelsen.\nI er flyttet til en lejlighed med et værelse til Sofie."),
            ("fokus", "At planlægge økonomien måned for måned, ligesom nu.\nAt holde fast i fredagsaftenerne med Sofie."),
            ("tekst", "I mødte os med en lang liste af bekymringer. I dag har I arbejde, uddannelse\nog en bolig, hvor der er plads til jer alle tre."),
            ("vis_livline", "ja"),
            ("navn-0", "Mette Dahl"),
            ("rolle-0", "Jobkonsulent"),
            ("navn-1", "Karim Saleh"),
            ("rolle-1", "Familiebehandler"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in changes {
            match f.iter_mut().find(|(n, _)| n == k) {
                Some(x) => x.1 = v.to_string(),
                None => f.push((k.to_string(), v.to_string())),
            }
        }
        f
    };
    let send = |changes: &[(&str, &str)]| {
        let f = fields(changes);
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        s.post(
            "/__trinvis/rediger/nielsen/diplom",
            &format!("{}{}", s.cookie(), s.origin()),
            &form_body(&f),
        )
    };

    // Nothing changed and checked: the same lines left, nothing written.
    let (code, _, page) = send(&[("handling", "tjek")]);
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("Tjekket: alt ser rigtigt ud"), "{page}");
    assert_eq!(Serve::diploma_room(&page).0, left0);

    // More text, checked: fewer lines left, the page drawn with it, nothing written.
    let more = "I mødte os med en lang liste af bekymringer.\n\nNu står I stærkere. Reza og hele netværket omkring jer har været med hele vejen, og I har lært at bede om hjælp i tide.";
    let (code, _, page) = send(&[("handling", "tjek"), ("tekst", more)]);
    assert_eq!(code, 200, "{page}");
    let (left1, pdf1) = Serve::diploma_room(&page);
    assert!(left1 < left0, "{left0} → {left1}");
    assert!(
        s.pdf_text(&pdf1.unwrap(), dir.path())
            .contains("Nu står I stærkere")
    );
    assert_eq!(read(rel), before);

    // Far too long: the lines too many are the ones `check` gives, and nothing is written.
    let long = "Lang tekst om hele forløbet, skridt for skridt, måned for måned. ".repeat(150);
    let (code, _, page) = send(&[("handling", "tjek"), ("tekst", &long)]);
    assert_eq!(code, 422, "{page}");
    let (over, pdf) = Serve::diploma_room(&page);
    assert!(over < 0 && pdf.is_none(), "{page}");
    assert!(
        page.contains(&format!("ca. {} linjer for meget", -over)),
        "{page}"
    );
    let (code, _, page) = send(&[("tekst", &long)]);
    assert_eq!(code, 422, "{page}");
    assert_eq!(read(rel), before);

    // A day that does not exist: at its field, in plain words (no YAML path).
    let (code, _, page) = send(&[("dato", "2025-02-30")]);
    assert_eq!(code, 422, "{page}");
    assert!(
        page.contains("<a href=\"#f-dato\">ugyldig dato `2025-02-30`"),
        "{page}"
    );

    // A diagnosis in the text without the family's consent: at the text field.
    let (code, _, page) = send(&[("tekst", "Trods ADHD klarede I det.")]);
    assert_eq!(code, 422, "{page}");
    assert!(
        page.contains("<a href=\"#f-tekst\">diagnoser må ikke stå på diplomet"),
        "{page}"
    );
    assert_eq!(read(rel), before);

    // Saved: a point taken out, a heading and a signer added, a new text; nothing else.
    let (code, head, _) = send(&[
        ("overskrift", "Vi klarede det sammen"),
        (
            "opnaaet",
            "Brian har fået kørekort til lastbil og fast job som chauffør.\nLouise er i gang med SOSU-hjælperuddannelsen.",
        ),
        ("navn-2", "Aisha Ben-Youssef"),
        ("rolle-2", "Leder"),
        ("tekst", more),
    ]);
    assert_eq!(code, 303, "{head}");
    let (front, _) = before.split_once("\n---\n").unwrap();
    let want = format!(
        "{}\noverskrift: Vi klarede det sammen\n---\n\n{more}\n",
        front
            .replace(
                "  - I er flyttet til en lejlighed med et værelse til Sofie.\n",
                ""
            )
            .replace(
                "    rolle: Familiebehandler",
                "    rolle: Familiebehandler\n  - navn: Aisha Ben-Youssef\n    rolle: Leder"
            )
    );
    assert_eq!(read(rel), want);

    // A family without a diploma: the form makes one, and undo takes it away again.
    let holm = "content/familier/holm/diplom.md";
    let (code, _, page) = s.get("/__trinvis/rediger/holm/diplom");
    assert_eq!(code, 200);
    assert!(
        page.contains("value=\"Lone Bach\""),
        "the pair signs: {page}"
    );
    let (code, head, _) = s.send(
        "holm",
        "diplom",
        &[
            ("dato", "2026-12-05"),
            ("opnaaet", "Et fast job.\nEn ny bolig."),
            ("fokus", "At holde fast i rutinerne."),
            ("tekst", "En god rejse."),
            ("navn-0", "Lone Bach"),
            ("rolle-0", "Jobkonsulent"),
            ("navn-1", ""),
            ("rolle-1", ""),
            ("navn-2", "Nguyễn Thị Minh-Châu"),
            ("rolle-2", "Leder"),
            ("navn-3", ""),
            ("rolle-3", ""),
        ],
    );
    assert_eq!(code, 303, "{head}");
    assert_eq!(
        read(holm),
        "---\ndato: 2026-12-05\nopnået:\n  - Et fast job.\n  - En ny bolig.\nfokus:\n  - At holde fast i rutinerne.\nunderskrivere:\n  - navn: Lone Bach\n    rolle: Jobkonsulent\n  - navn: Nguyễn Thị Minh-Châu\n    rolle: Leder\n---\n\nEn god rejse.\n"
    );
    let (code, ..) = s.get("/familier/holm/diplom.pdf");
    assert_eq!(code, 200);
    let (code, ..) = s.undo("holm");
    assert_eq!(code, 303);
    assert!(!root.join(holm).exists());
}
