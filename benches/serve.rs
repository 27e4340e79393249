//! `trinvis serve` with 1,000 families: from saving one family's plan.md to the reload
//! event reaching a browser's event stream, and the server's memory. Run with
//! `cargo bench --bench serve`. It reports timings; it asserts nothing about speed.
//! `scripts/serve-compare.py` measures the same save against `hugo server` and
//! `mdbook serve`.
// A benchmark stops loudly where it fails: it may unwrap, expect and panic, as tests may.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const FAMILIES: usize = 1000;
const RUNS: usize = 31;

fn lines_of(r: impl std::io::Read + Send + 'static) -> Receiver<String> {
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

fn wait_for(rx: &Receiver<String>, what: &str) -> String {
    loop {
        let l = rx
            .recv_timeout(Duration::from_secs(300))
            .expect("trinvis serve stopped answering");
        if l.contains(what) {
            return l;
        }
    }
}

/// The server's memory (kB) as Linux reports it: now, and at most.
fn memory(pid: u32) -> (u64, u64) {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (kb("VmRSS:"), kb("VmHWM:"))
}

fn stats(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: median {:.0} ms (min {:.0}, max {:.0}, {} saves)",
        ms(v[v.len() / 2]),
        ms(v[0]),
        ms(v[v.len() - 1]),
        v.len()
    );
}

/// One request, its whole answer as text.
fn http(port: u16, method: &str, path: &str, headers: &str, body: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}Connection: close\r\n\r\n{body}"
    )
    .expect("send");
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut s, &mut out).expect("answer");
    String::from_utf8_lossy(&out).into_owned()
}

fn main() {
    let (_dir, root) = common::families_site(FAMILIES);
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_trinvis"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start trinvis serve");
    let log = lines_of(child.stderr.take().expect("stderr"));
    let first = wait_for(&log, "http://127.0.0.1:");
    let port: u16 = first
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("port");
    let secret = first
        .split("?adgang=")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .expect("the link's secret")
        .to_string();
    wait_for(&log, "start →");
    let pages = start.elapsed();
    wait_for(&log, "PDF'erne er tegnet");
    println!(
        "trinvis serve, {FAMILIES} families: the pages served after {:.1} s, the PDFs after {:.1} s",
        pages.as_secs_f64(),
        start.elapsed().as_secs_f64()
    );
    let (rss, peak) = memory(child.id());
    println!(
        "  memory after the first build: {} MB (peak {} MB)",
        rss / 1024,
        peak / 1024
    );

    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        events,
        "GET /__trinvis/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: trinvis_adgang_{port}={secret}\r\n\r\n"
    )
    .expect("ask for events");
    let events = lines_of(events.try_clone().expect("stream"));
    wait_for(&events, "event: state");

    let plan = root.join("content/familier/familie-0500/plan.md");
    let original = fs::read_to_string(&plan).expect("plan");
    let (mut page, mut all) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        let text = format!("{original}\nMarkør {run}.\n");
        let t0 = Instant::now();
        fs::write(&plan, text).expect("save");
        wait_for(&events, "/familier/familie-0500/index.html");
        page.push(t0.elapsed());
        wait_for(&log, "PDF'erne er tegnet");
        all.push(t0.elapsed());
        std::thread::sleep(Duration::from_millis(200));
    }
    stats("  save → reload event for the family's page", page);
    stats(
        "  save → everything drawn (the front page, the family's PDFs)",
        all,
    );
    // The workbench: a status changed in the browser, from pressing Gem to the staff plan
    // drawn again and shown (the POST answers once the page is drawn; then the page is got).
    fs::write(&plan, &original).expect("restore");
    wait_for(&log, "PDF'erne er tegnet");
    let cookie = format!("Cookie: trinvis_adgang_{port}={secret}\r\n");
    let mut shown = Vec::new();
    for run in 0..RUNS {
        let form = http(
            port,
            "GET",
            "/__trinvis/rediger/familie-0500/status",
            &cookie,
            "",
        );
        let hidden = |name: &str| {
            form.split(&format!("name=\"{name}\" value=\""))
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("hidden field")
                .to_string()
        };
        let (token, hash) = (hidden("token"), hidden("hash"));
        let status = if run % 2 == 0 { "udskudt" } else { "i-gang" };
        let body = format!("token={token}&hash={hash}&delmaal-0-0={status}");
        let t0 = Instant::now();
        let answer = http(
            port,
            "POST",
            "/__trinvis/rediger/familie-0500/status",
            &format!(
                "{cookie}Origin: http://127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            ),
            &body,
        );
        assert!(
            answer.starts_with("HTTP/1.1 303"),
            "{}",
            &answer[..answer.len().min(400)]
        );
        let page = http(port, "GET", "/familier/familie-0500/", &cookie, "");
        assert!(page.starts_with("HTTP/1.1 200"));
        shown.push(t0.elapsed());
        wait_for(&log, "PDF'erne er tegnet");
        std::thread::sleep(Duration::from_millis(200));
    }
    stats(
        "  workbench: Gem pressed → the staff plan shown again",
        shown,
    );
    // The diploma's form checked while typing (handling=tjek): the site checked with the
    // typed text, the lines left counted and the page drawn, nothing written.
    let mut checked = Vec::new();
    for run in 0..RUNS {
        let form = http(
            port,
            "GET",
            "/__trinvis/rediger/familie-0500/diplom",
            &cookie,
            "",
        );
        let token = form
            .split("name=\"token\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("token");
        let hash = form
            .split("name=\"hash\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("hash");
        let text = "Vi+har+arbejdet+sammen+i+to+år.+".repeat(run + 1);
        let body = format!(
            "token={token}&hash={hash}&handling=tjek&dato=2026-11-30&opnaaet=Et+fast+job.&fokus=At+holde+fast.&tekst={text}&navn-0=Lone+Bach&rolle-0=Jobkonsulent"
        );
        let t0 = Instant::now();
        let answer = http(
            port,
            "POST",
            "/__trinvis/rediger/familie-0500/diplom",
            &format!(
                "{cookie}Origin: http://127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            ),
            &body,
        );
        checked.push(t0.elapsed());
        assert!(
            answer.starts_with("HTTP/1.1 200") && answer.contains("linjer tilbage"),
            "{}",
            &answer[..answer.len().min(600)]
        );
    }
    stats(
        "  workbench: the diploma checked while typing → lines left and its page",
        checked,
    );
    let (rss, peak) = memory(child.id());
    println!(
        "  memory after {RUNS} saves: {} MB (peak {} MB)",
        rss / 1024,
        peak / 1024
    );
    let _ = child.kill();
    let _ = child.wait();
}
