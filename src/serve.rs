//! `trinvis serve`: the site drawn in memory and served on this computer only
//! (127.0.0.1), drawn again where a save reaches, and the open pages reloaded.
//!
//! - Only the loopback address, and only requests that name it (`Host`), so a web page
//!   elsewhere cannot reach family data through the browser (DNS rebinding).
//! - Only for whoever has the link it prints: a random secret made at start
//!   (`/?adgang=…`); the first visit with it sets a cookie (HttpOnly, SameSite=Strict) and
//!   goes on to the address without it, and every request without the cookie gets a short
//!   Danish page that says to open the printed link. Another account on a shared computer
//!   can reach the port, but not the pages.
//! - Only GET and HEAD; a path is looked up among the pages drawn, never on disk, so no
//!   path (`..`, encoded or not, symlinks) reaches anything else. Files content links to
//!   are read from where the route table says, and only while they really are inside the
//!   site (as `build` checks). Nothing may be framed or read by another site.
//! - Pages get a small script that listens for changes (server-sent events, one stream a
//!   browser, shared by its tabs) and the `connect-src 'self'` it needs; pages written by
//!   `build` have neither.
//! - When a save breaks the site, the open pages show the findings over the last good page,
//!   and recover by themselves when the file is fixed.
//! - HTML is drawn first and the pages reloaded; the PDFs follow. A PDF asked for before it
//!   is drawn again waits for it.
//! - No client can stall the others or make it take much memory (`http`).

mod bench;
mod http;

use crate::config::Paths;
use crate::routes::Format;
use crate::session::{Drawn, Key, Options, Session};
use crate::watch::{Sources, Tick};
use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Where serve's own files are; no page of a site can have this path.
pub const OWN: &str = "/__trinvis/";
const SCRIPT: &str = include_str!("serve/live.js");
/// The workbench's script: checks a form while it is filled in (the forms work without it).
const BENCH_SCRIPT: &str = include_str!("serve/bench.js");
const STYLE: &str = include_str!("serve/live.css");
/// How often a quiet event stream says it is alive (and finds out a browser has gone).
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a request for a PDF waits for it to be drawn again.
const PDF_WAIT: Duration = Duration::from_secs(120);

/// A file as serve keeps it: text compressed (a site of 1,000 families is some 260 MB as
/// drawn, most of it HTML and SVG, which compress about sixfold).
#[derive(Clone)]
struct Stored {
    bytes: Arc<[u8]>,
    gzip: bool,
}

impl Stored {
    /// Whether files at this path are kept compressed.
    fn packs(path: &str) -> bool {
        matches!(
            crate::urls::extension(path).as_str(),
            "html" | "css" | "js" | "svg" | "txt" | "json" | "ttf" | "otf"
        )
    }

    /// A drawn file compressed, where it is text ([`Session::pack_with`]).
    fn pack(path: &str, bytes: &[u8]) -> Option<Arc<[u8]>> {
        if !Stored::packs(path) {
            return None;
        }
        let mut z = flate2::write::GzEncoder::new(
            Vec::with_capacity(bytes.len() / 4),
            flate2::Compression::fast(),
        );
        z.write_all(bytes).ok()?;
        z.finish().ok().map(Into::into)
    }

    /// The file as drawn.
    fn plain(&self) -> Vec<u8> {
        if !self.gzip {
            return self.bytes.to_vec();
        }
        let mut out = Vec::with_capacity(self.bytes.len() * 6);
        match std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&*self.bytes), &mut out)
        {
            Ok(_) => out,
            Err(_) => Vec::new(),
        }
    }
}

/// The site as the pages are served: replaced whole after every change.
#[derive(Default)]
struct Published {
    files: BTreeMap<String, Stored>,
    copies: BTreeMap<String, PathBuf>,
    /// The findings of a failed build, as text; the pages show them.
    errors: Option<String>,
    /// Counts the builds; a page knows the one it came from.
    generation: u64,
    /// Whether the PDFs are drawn for this generation.
    pdfs_ready: bool,
    /// The source files whose change this generation drew (a save waits for its file).
    changed: Arc<[String]>,
}

struct Shared {
    site: Mutex<Arc<Published>>,
    /// Told when the site is replaced.
    replaced: Condvar,
    /// The browsers listening for changes.
    listeners: Mutex<Vec<Sender<String>>>,
    port: u16,
    /// The secret of the printed link, and of the cookie it sets.
    secret: String,
    /// The site's folder (files are served only from inside it).
    root: PathBuf,
    /// The session, once it is open: the workbench draws its forms from it and checks a save
    /// with it.
    session: std::sync::OnceLock<Arc<Mutex<Session>>>,
    /// The diplomas drawn for the workbench's preview, not saved.
    previews: bench::Previews,
}

impl Shared {
    fn now(&self) -> Arc<Published> {
        self.site.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn publish(&self, p: Published) {
        if let Ok(mut s) = self.site.lock() {
            *s = Arc::new(p);
        }
        self.replaced.notify_all();
    }

    /// Send an event to every browser listening; forget those that have gone.
    fn tell(&self, event: &str, data: &str) {
        let msg = sse(event, data);
        if let Ok(mut l) = self.listeners.lock() {
            l.retain(|tx| tx.send(msg.clone()).is_ok());
        }
    }
}

fn sse(event: &str, data: &str) -> String {
    let mut s = format!("event: {event}\n");
    for line in data.lines() {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    s.push('\n');
    s
}

/// What a browser is told about the site: its generation and its findings, if it failed.
fn state_json(p: &Published) -> String {
    serde_json::json!({ "gen": p.generation, "errors": p.errors }).to_string()
}

/// How `serve` was asked to run.
pub struct ServeOptions {
    pub port: u16,
    pub poll: bool,
    pub open: bool,
    /// The day the site is drawn for; None: the computer's date.
    pub today: Option<crate::model::Date>,
}

/// Serve the site until the process is stopped. `say` gets the address, one line per
/// build, and the findings of a failed one.
pub fn serve(
    paths: &Paths,
    opts: &ServeOptions,
    mut say: impl FnMut(&str) + Send,
) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "port {} er optaget – måske kører trinvis serve allerede i et andet vindue. Luk det, eller vælg en anden port med --port, fx --port {}.",
                opts.port,
                opts.port.wrapping_add(1).max(1024)
            )
        } else {
            format!(
                "kan ikke åbne port {} på 127.0.0.1: {}",
                opts.port,
                crate::diagnostics::os_error(&e)
            )
        }
    })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let secret = secret();
    let shared = Arc::new(Shared {
        site: Mutex::new(Arc::new(Published::default())),
        replaced: Condvar::new(),
        listeners: Mutex::new(Vec::new()),
        port,
        secret: secret.clone(),
        root: paths.root.clone(),
        session: std::sync::OnceLock::new(),
        previews: bench::Previews::default(),
    });
    // Requests are answered while the site is drawn: the first pages wait for it.
    let (answering, log) = (shared.clone(), Arc::new(Mutex::new(Vec::<String>::new())));
    let said = log.clone();
    http::start(
        listener,
        Arc::new(move |req: &http::Request| answer(req, &answering)),
        Arc::new(move |line: &str| {
            if let Ok(mut l) = said.lock() {
                l.push(line.to_string());
            }
        }),
    );
    let url = format!("http://127.0.0.1:{port}/");
    let link = format!("{url}?{ACCESS}={secret}");
    say(&format!(
        "trinvis serve: {link} (kun på denne computer, og kun med dette link) – stop med Ctrl-C"
    ));
    let sources = Sources::new(paths);
    let start = Instant::now();
    let mut session = Session::open(
        paths,
        Options {
            write: false,
            today: opts.today,
            ..Options::BUILD
        },
    );
    session.pack_with(Stored::pack);
    let session = Arc::new(Mutex::new(session));
    let _ = shared.session.set(session.clone());
    let mut live = Live {
        session,
        changed: Arc::from([]),
        store: BTreeMap::new(),
        shared,
        generation: 0,
        pdfs: None,
        broken: 0,
    };
    live.change("start", start, &mut say);
    if opts.open {
        open_browser(&link, &mut say);
    }
    // What the server had to say (a failed accept) is said between changes.
    let tell_log = move |say: &mut dyn FnMut(&str)| {
        let lines: Vec<String> = log
            .lock()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default();
        for l in lines {
            say(&l);
        }
    };
    sources.follow(opts.poll, &mut say, |tick, say| {
        tell_log(say);
        match tick {
            Tick::Changed(c) => {
                let start = Instant::now();
                if let Ok(mut s) = live.session.lock() {
                    s.change(&c.files);
                }
                live.changed = c.files.into();
                live.change(&c.line, start, say)
            }
            Tick::Idle => live.idle(say),
        }
    });
    Ok(())
}

/// How many PDFs are drawn at a time between saves: a save waits at most for these.
const PDF_BATCH: usize = 8;

/// The site being served, and what is left to draw.
struct Live {
    session: Arc<Mutex<Session>>,
    /// The source files of the change being drawn.
    changed: Arc<[String]>,
    /// Every file drawn, as served.
    store: BTreeMap<String, Stored>,
    shared: Arc<Shared>,
    generation: u64,
    /// While PDFs are drawn again: what changed, since when, how many PDFs changed.
    pdfs: Option<(String, Instant, usize)>,
    /// The errors the pages show, until a change puts them right.
    broken: usize,
}

impl Live {
    fn publish(&self, session: &Session, errors: Option<String>) {
        self.shared.publish(Published {
            files: self.store.clone(),
            copies: session.output().copies.clone(),
            // While the site has errors, its PDFs are not drawn again: the last ones are
            // served.
            pdfs_ready: errors.is_some() || !session.is_stale(Format::Pdf),
            errors,
            generation: self.generation,
            changed: self.changed.clone(),
        });
    }

    /// Keep what a draw changed, and tell the browsers which pages changed (always on the
    /// first step of a change: a page showing findings reloads even when nothing changed).
    fn keep(&mut self, session: &Session, drawn: Drawn, tell: bool) -> usize {
        for path in &drawn.changed {
            match drawn.bytes.get(path) {
                Some(b) => {
                    // Packed text starts as gzip does, which UTF-8 text never does.
                    let stored = Stored {
                        bytes: b.clone(),
                        gzip: Stored::packs(path) && b.starts_with(&[0x1f, 0x8b]),
                    };
                    self.store.insert(path.clone(), stored);
                }
                None => {
                    self.store.remove(path);
                }
            }
        }
        if tell || !drawn.changed.is_empty() {
            self.publish(session, None);
            let paths: Vec<String> = drawn.changed.iter().map(|p| format!("/{p}")).collect();
            self.shared.tell(
                "reload",
                &serde_json::json!({ "gen": self.generation, "paths": paths }).to_string(),
            );
        }
        drawn.changed.len()
    }

    /// Show the findings of a failed read or draw, on the pages and in the terminal.
    fn failed(&mut self, session: &Session, what: &str, say: &mut dyn FnMut(&str)) {
        let d = session.diagnostics();
        // The errors first (what stops the site), then the warnings.
        let (errors, warnings): (Vec<_>, Vec<_>) =
            d.sorted().into_iter().partition(|x| x.is_error());
        let all: String = errors
            .into_iter()
            .chain(warnings)
            .map(|x| format!("{x}\n"))
            .collect();
        let text = crate::cpr::mask(&all);
        let summary = d.summary();
        self.broken = d.error_count().max(1);
        self.publish(session, Some(text.clone()));
        self.shared.tell("state", &state_json(&self.shared.now()));
        say(&text);
        say(&format!(
            "{what} → fejl ({summary}); siderne viser fejlen, til den er rettet."
        ));
    }

    /// After a change: the pages of what was saved first (the page being looked at), then
    /// the pages that list them (the front page of 1,000 families takes longer), then the
    /// handbook's search index. The PDFs
    /// follow when no save waits ([`Live::idle`]). Whether PDFs are left to draw.
    fn change(&mut self, what: &str, start: Instant, say: &mut dyn FnMut(&str)) -> bool {
        let session = self.session.clone();
        let Ok(mut session) = session.lock() else {
            return false;
        };
        self.generation += 1;
        let mut files = 0;
        let everything: fn(&Key) -> bool = |_| true;
        // The pages of what changed, then every other page of every format but the PDFs.
        let steps = std::iter::once((Format::Html, Key::is_own as fn(&Key) -> bool)).chain(
            Format::ALL
                .into_iter()
                .filter(|f| *f != Format::Pdf)
                .map(|f| (f, everything)),
        );
        for (i, (format, pick)) in steps.into_iter().enumerate() {
            let first = i == 0;
            match session.draw_where(format, pick, None) {
                Ok(d) if session.ok() => files += self.keep(&session, d, first),
                _ => {
                    self.failed(&session, what, say);
                    self.pdfs = None;
                    return false;
                }
            }
        }
        let d = session.diagnostics();
        let warn = if d.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.summary())
        };
        let pdfs = session.is_stale(Format::Pdf);
        say(&format!(
            "{what} → {files} filer ændret på {} ms{}{warn}{}",
            start.elapsed().as_millis(),
            if pdfs { "; PDF'erne følger" } else { "" },
            crate::watch::fixed(std::mem::take(&mut self.broken))
        ));
        if pdfs {
            let n = self.pdfs.take().map_or(0, |p| p.2);
            self.pdfs = Some((what.to_string(), start, n));
        }
        pdfs
    }

    /// A few PDFs more; whether there are more to draw.
    fn idle(&mut self, say: &mut dyn FnMut(&str)) -> bool {
        let Some((what, start, n)) = self.pdfs.take() else {
            return false;
        };
        let session = self.session.clone();
        let Ok(mut session) = session.lock() else {
            return false;
        };
        match session.draw_where(Format::Pdf, |_| true, Some(PDF_BATCH)) {
            Ok(d) => {
                let n = n + self.keep(&session, d, false);
                if session.is_stale(Format::Pdf) {
                    self.pdfs = Some((what, start, n));
                    return true;
                }
                // Ready: a request waiting for a PDF gets it.
                self.publish(&session, None);
                say(&format!(
                    "{what} → PDF'erne er tegnet på {} ms ({n} ændret)",
                    start.elapsed().as_millis()
                ));
                false
            }
            Err(_) => {
                self.failed(&session, &what, say);
                false
            }
        }
    }
}

fn open_browser(url: &str, say: &mut dyn FnMut(&str)) {
    let opened = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if opened.is_err() {
        say(&format!("kunne ikke åbne browseren; åbn selv {url}"));
    }
}

/// A request's path as a path in the site: percent-decoded, without query or fragment;
/// None for anything that is not a plain path inside the site (`..`, `.`, backslashes,
/// NUL, invalid UTF-8).
pub fn site_path(url: &str) -> Option<String> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let raw = raw.strip_prefix('/')?;
    let mut bytes = Vec::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(b[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    if path.contains(['\\', '\0']) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == "." || *s == ".." || (s.is_empty() && i != last) {
            return None;
        }
    }
    Some(if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    })
}

fn content_type(path: &str) -> &'static str {
    match crate::urls::extension(path).as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// The query parameter of the printed link that carries the secret.
pub const ACCESS: &str = "adgang";

/// A new random secret for the printed link: 32 hex digits from the system's random source
/// (drawn again in the few cases, about one in twenty, where ten of its digits in a row read
/// like a CPR number: no message shows one).
fn secret() -> String {
    use aes_gcm::aead::{OsRng, rand_core::RngCore};
    loop {
        let mut b = [0u8; 16];
        OsRng.fill_bytes(&mut b);
        let s: String = b.iter().map(|x| format!("{x:02x}")).collect();
        if crate::cpr::find_cpr(&s).is_empty() {
            return s;
        }
    }
}

/// The cookie that says a browser has opened the printed link (its name has the port: two
/// servers on one computer do not share it).
fn cookie_name(port: u16) -> String {
    format!("trinvis_adgang_{port}")
}

/// Whether two secrets are equal, in a time that does not tell how much of one was right.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether the request carries the cookie.
fn has_cookie(req: &http::Request, shared: &Shared) -> bool {
    let name = cookie_name(shared.port);
    req.header("Cookie").is_some_and(|c| {
        c.split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .any(|(k, v)| k == name && same(v, &shared.secret))
    })
}

/// An answer with the headers every answer has: no caching, no sniffing, no referrer, and
/// nothing another site may read or frame.
fn reply(status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) -> http::Reply {
    let mut headers: Vec<(String, String)> = [
        ("Content-Type", ctype),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", "frame-ancestors 'none'"),
    ]
    .iter()
    // A header given replaces the one every answer has.
    .filter(|(k, _)| !extra.iter().any(|(e, _)| e.eq_ignore_ascii_case(k)))
    .chain(extra)
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    headers.dedup();
    http::Reply::Full {
        status,
        headers,
        body,
    }
}

/// Whether the request names this computer (`Host: 127.0.0.1:PORT`, `localhost:PORT`).
fn host_ok(req: &http::Request, port: u16) -> bool {
    let Some(host) = req.header("Host") else {
        return false;
    };
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
    .iter()
    .any(|ok| host.eq_ignore_ascii_case(ok))
}

/// The page for a request without the cookie: open the printed link.
fn locked_out() -> http::Reply {
    let page = format!(
        "<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{}<link rel=\"stylesheet\" href=\"{OWN}live.css\"><title>Åbn linket fra trinvis serve</title><main class=\"trinvis-own\"><h1>Åbn linket fra trinvis serve</h1><p>Sitet vises kun for den, der har linket. Se i vinduet, hvor du startede <code>trinvis serve</code>, og åbn linket, der står dér (det slutter med <code>?{ACCESS}=</code> og en lang kode).</p><p>Har du lukket vinduet, så start <code>trinvis serve</code> igen: det skriver et nyt link.</p></main>",
        crate::output::guard::POLICY
    );
    reply(403, "text/html; charset=utf-8", page.into_bytes(), &[])
}

fn answer(req: &http::Request, shared: &Arc<Shared>) -> http::Reply {
    let form = req.url.starts_with(bench::PREFIX);
    let allowed = matches!(req.method.as_str(), "GET" | "HEAD") || (form && req.method == "POST");
    if !allowed {
        return reply(
            405,
            "text/plain; charset=utf-8",
            "Kun GET og HEAD (og POST til formularerne).\n".into(),
            &[("Allow", if form { "GET, HEAD, POST" } else { "GET, HEAD" })],
        );
    }
    if !host_ok(req, shared.port) {
        return reply(
            403,
            "text/plain; charset=utf-8",
            "trinvis serve svarer kun på adressen 127.0.0.1 eller localhost.\n".into(),
            &[],
        );
    }
    let url = req.url.as_str();
    // The printed link: set the cookie, and go on to the address without the secret.
    let (path_part, query) = url.split_once('?').unwrap_or((url, ""));
    let query = query.split('#').next().unwrap_or("");
    if let Some(given) = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(ACCESS).and_then(|v| v.strip_prefix('=')))
    {
        if !same(given, &shared.secret) {
            return locked_out();
        }
        let rest: Vec<&str> = query
            .split('&')
            .filter(|kv| !kv.starts_with(&format!("{ACCESS}=")) && !kv.is_empty())
            .collect();
        let to = if rest.is_empty() {
            path_part.to_string()
        } else {
            format!("{path_part}?{}", rest.join("&"))
        };
        let cookie = format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            cookie_name(shared.port),
            shared.secret
        );
        return reply(
            303,
            "text/plain; charset=utf-8",
            Vec::new(),
            &[("Location", &to), ("Set-Cookie", &cookie)],
        );
    }
    // The look of the page that says to open the link; nothing else without the cookie.
    if url == format!("{OWN}live.css") {
        return reply(200, content_type("x.css"), STYLE.into(), &[]);
    }
    if !has_cookie(req, shared) {
        return locked_out();
    }
    if form {
        return workbench(req, shared);
    }
    if let Some(own) = url.strip_prefix(OWN) {
        return match own.split('?').next().unwrap_or("") {
            "events" => events(shared.clone()),
            "live.js" => reply(200, content_type("x.js"), SCRIPT.into(), &[]),
            "bench.js" => reply(200, content_type("x.js"), BENCH_SCRIPT.into(), &[]),
            _ => not_found(url, &shared.now()),
        };
    }
    let Some(path) = site_path(url) else {
        return not_found(url, &shared.now());
    };
    let mut site = shared.now();
    // A PDF is drawn after the pages: wait for it rather than hand out the old one.
    if path.ends_with(".pdf")
        && !site.pdfs_ready
        && let Ok(guard) = shared.site.lock()
        && let Ok((g, _)) = shared
            .replaced
            .wait_timeout_while(guard, PDF_WAIT, |s| !s.pdfs_ready)
    {
        site = g.clone();
    }
    if let Some(f) = site.files.get(&path) {
        if path.ends_with(".html") {
            let mut body = live(&f.plain(), &path, site.generation);
            if path == "index.html" {
                let bar = format!(
                    "<nav class=\"trinvis-bench-bar\" aria-label=\"Familier\"><ul><li><a href=\"{}\">Ny familie</a></li></ul></nav>",
                    bench::NEW_FAMILY
                );
                body = with_toolbar(body, &bar, false);
            }
            if let Some(slug) = staff_plan(&path) {
                body = with_toolbar(
                    body,
                    &bench::toolbar(&shared.root, slug, &shared.secret),
                    true,
                );
                let same = [("Referrer-Policy", "same-origin")];
                return reply(200, content_type(&path), body, &same);
            }
            return reply(200, content_type(&path), body, &[]);
        }
        let gzip = req
            .header("Accept-Encoding")
            .is_some_and(|v| v.contains("gzip"));
        if f.gzip && gzip {
            let extra = [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")];
            return reply(200, content_type(&path), f.bytes.to_vec(), &extra);
        }
        return reply(200, content_type(&path), f.plain(), &[]);
    }
    if let Some(src) = site.copies.get(&path) {
        // As `build` checks it, and again now: a file linked from content (or the
        // emblem) only while it really is inside the site, whatever became of it since.
        return match crate::write::copy_source(&shared.root, &path, src).and_then(std::fs::read) {
            Ok(bytes) => reply(200, content_type(&path), bytes, &[]),
            Err(_) => not_found(url, &site),
        };
    }
    // A folder without its slash: its index, where it has one.
    if site.files.contains_key(&format!("{path}/index.html")) {
        let to = format!("/{path}/");
        return reply(
            301,
            "text/plain; charset=utf-8",
            Vec::new(),
            &[("Location", &to)],
        );
    }
    if site.files.is_empty() && path.ends_with(".html") {
        // Nothing good drawn yet: the findings on a page of their own, which recovers.
        let retry = [("Retry-After", "1")];
        return reply(503, content_type(&path), waiting(&path, &site), &retry);
    }
    not_found(url, &site)
}

/// The family whose staff plan a path is.
fn staff_plan(path: &str) -> Option<&str> {
    let slug = path
        .strip_prefix(&format!("{}/", crate::load::FAMILIES_DIR))?
        .strip_suffix("/index.html")?;
    crate::load::is_slug(slug).then_some(slug)
}

/// A page as served with the workbench's links at the top of its main part; with `forms`
/// (a staff plan, with its undo button), the policy a form needs: sent to this server, with
/// its origin.
fn with_toolbar(page: Vec<u8>, bar: &str, forms: bool) -> Vec<u8> {
    let mut html = String::from_utf8_lossy(&page).into_owned();
    if forms {
        html = html
            .replacen("form-action 'none'", "form-action 'self'", 1)
            .replacen(
                "<meta content=no-referrer name=referrer>",
                "<meta content=same-origin name=referrer>",
                1,
            );
    }
    let Some(main) = html.find("<main") else {
        return page;
    };
    let Some(end) = html[main..].find('>') else {
        return page;
    };
    let at = main + end + 1;
    format!("{}{bar}{}", &html[..at], &html[at..]).into_bytes()
}

/// Whether a POST comes from a page of this server (`Origin`, which browsers send with
/// every form).
fn origin_ok(req: &http::Request, port: u16) -> bool {
    let Some(origin) = req.header("Origin") else {
        return false;
    };
    [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
        format!("http://[::1]:{port}"),
    ]
    .iter()
    .any(|ok| origin.eq_ignore_ascii_case(ok))
}

/// How long a save waits for its pages to be drawn again before it goes back to them.
const SAVE_WAIT: Duration = Duration::from_secs(10);

/// The headers of the workbench's pages: forms may be sent to this server, and a page says
/// its origin to it (a form sent from a `no-referrer` page has the origin `null`).
const BENCH_HEADERS: [(&str, &str); 2] = [
    ("Content-Security-Policy", bench::POLICY),
    ("Referrer-Policy", "same-origin"),
];

fn refused(why: &str) -> http::Reply {
    reply(
        403,
        "text/plain; charset=utf-8",
        format!("{why}\n").into_bytes(),
        &[],
    )
}

/// A form as sent, when it comes from a page of this server with the token of the form
/// `form` of `family`; else the refusal.
fn sent_form(
    req: &http::Request,
    shared: &Shared,
    family: &str,
    form: &str,
) -> Result<bench::Sent, http::Reply> {
    if !origin_ok(req, shared.port) {
        return Err(refused(
            "Formularen blev ikke sendt fra trinvis serve på denne computer; intet er gemt.",
        ));
    }
    let sent = bench::Sent::new(bench::form_fields(&req.body));
    let token = bench::token(&shared.secret, family, form);
    if !sent.token().is_some_and(|given| same(given, &token)) {
        return Err(refused(
            "Formularen mangler sit kendetegn (den er ikke åbnet fra trinvis serve); åbn den igen. Intet er gemt.",
        ));
    }
    Ok(sent)
}

/// How a save or an undo is answered: back to the page, once it is drawn again; or the form
/// again.
fn saved(
    req: &http::Request,
    shared: &Shared,
    outcome: bench::Outcome,
    before: u64,
) -> http::Reply {
    match outcome {
        bench::Outcome::Saved { file, back } => {
            if !file.is_empty() {
                drawn_again(shared, &file, before);
            }
            see_other(&back)
        }
        bench::Outcome::Again(404, _) => not_found(&req.url, &shared.now()),
        bench::Outcome::Again(status, page) => {
            reply(status, "text/html; charset=utf-8", page, &BENCH_HEADERS)
        }
    }
}

/// The workbench: a form (GET), a save or an undo (POST).
fn workbench(req: &http::Request, shared: &Arc<Shared>) -> http::Reply {
    if req.url.split(['?', '#']).next() == Some(bench::NEW_FAMILY) {
        return new_family(req, shared);
    }
    // A diploma drawn for the preview, shown in the form's frame.
    if req.method != "POST"
        && let Some(pdf) = shared.previews.get(&req.url)
    {
        let framed = [
            ("X-Frame-Options", "SAMEORIGIN"),
            ("Content-Security-Policy", "frame-ancestors 'self'"),
        ];
        return reply(200, content_type("x.pdf"), pdf.to_vec(), &framed);
    }
    let Some(t) = bench::target(&req.url) else {
        return not_found(&req.url, &shared.now());
    };
    let Some(session) = shared.session.get() else {
        let retry = [("Retry-After", "1")];
        let page = waiting(&req.url, &shared.now());
        return reply(503, "text/html; charset=utf-8", page, &retry);
    };
    let html = "text/html; charset=utf-8";
    // A form sent from a page whose policy is `no-referrer` has the origin `null`: the
    // workbench's pages say their origin to this server, and to nothing else.
    if req.method != "POST" {
        let Some(kind) = t.kind else {
            return not_found(&req.url, &shared.now());
        };
        let page = session.lock().ok().and_then(|mut s| {
            let said = match kind {
                bench::Kind::Diploma => bench::diploma_room(&mut s, &t.family, &shared.previews),
                _ => Default::default(),
            };
            bench::form(&s, &shared.secret, &t.family, kind, None, &said)
        });
        return match page {
            Some(p) => reply(200, html, p, &BENCH_HEADERS),
            None => not_found(&req.url, &shared.now()),
        };
    }
    let form = t.kind.map_or("fortryd", bench::Kind::slug);
    let sent = match sent_form(req, shared, &t.family, form) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let before = shared.now().generation;
    let outcome = match (t.kind, session.lock()) {
        (None, _) => match bench::undo(&shared.root, &t.family) {
            Ok(file) => bench::Outcome::Saved {
                file,
                back: bench::back(&t.family),
            },
            Err(why) => bench::Outcome::Again(409, bench::not_undone(&t.family, &why)),
        },
        (Some(kind), Ok(mut s)) => {
            let previews = &shared.previews;
            bench::save(
                &mut s,
                &shared.secret,
                &shared.root,
                &t.family,
                kind,
                &sent,
                previews,
            )
        }
        (Some(_), Err(_)) => return refused("trinvis serve kan ikke gemme lige nu; prøv igen."),
    };
    saved(req, shared, outcome, before)
}

/// The workbench's form for a new family, and its POST.
fn new_family(req: &http::Request, shared: &Arc<Shared>) -> http::Reply {
    let html = "text/html; charset=utf-8";
    let Some(session) = shared.session.get() else {
        return reply(
            503,
            html,
            waiting(&req.url, &shared.now()),
            &[("Retry-After", "1")],
        );
    };
    if req.method != "POST" {
        let today = session
            .lock()
            .map(|s| s.today())
            .unwrap_or_else(|_| crate::model::Date::today());
        let page = bench::new_family_form(&shared.secret, today, None, &Default::default());
        return reply(200, html, page, &BENCH_HEADERS);
    }
    let sent = match sent_form(
        req,
        shared,
        bench::NEW_FAMILY_TOKEN.0,
        bench::NEW_FAMILY_TOKEN.1,
    ) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let before = shared.now().generation;
    let outcome = match session.lock() {
        Ok(mut s) => bench::create_family(&mut s, &shared.secret, &shared.root, &sent),
        Err(_) => return refused("trinvis serve kan ikke gemme lige nu; prøv igen."),
    };
    saved(req, shared, outcome, before)
}

fn see_other(to: &str) -> http::Reply {
    reply(
        303,
        "text/plain; charset=utf-8",
        Vec::new(),
        &[("Location", to)],
    )
}

/// Wait (at most [`SAVE_WAIT`]) until a generation after `after` has drawn the change to
/// `file`, so that the page gone back to shows it.
fn drawn_again(shared: &Shared, file: &str, after: u64) {
    let Ok(guard) = shared.site.lock() else {
        return;
    };
    let _ = shared.replaced.wait_timeout_while(guard, SAVE_WAIT, |s| {
        !(s.generation > after && s.changed.iter().any(|c| c == file))
    });
}

/// A page as served: with the script that reloads it, and the one connection it needs.
fn live(page: &[u8], path: &str, generation: u64) -> Vec<u8> {
    let html =
        String::from_utf8_lossy(page).replacen("connect-src 'none'", "connect-src 'self'", 1);
    let script = format!(
        "<script src=\"{OWN}live.js\" data-path=\"/{}\" data-gen=\"{generation}\"></script>",
        crate::draw::escaped(path)
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => html + &script,
    }
    .into_bytes()
}

/// A page of serve's own, in the site's style of plain words.
fn own_page(title: &str, body: &str, path: &str, generation: u64) -> Vec<u8> {
    let page = format!(
        "<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{}<link rel=\"stylesheet\" href=\"{OWN}live.css\"><title>{}</title><main class=\"trinvis-own\"><h1>{}</h1>{body}</main>",
        crate::output::guard::POLICY,
        crate::draw::escaped(title),
        crate::draw::escaped(title)
    );
    live(page.as_bytes(), path, generation)
}

fn not_found(url: &str, site: &Published) -> http::Reply {
    let path = site_path(url).unwrap_or_default();
    let body = if path.ends_with(".html") || !path.contains('.') {
        own_page(
            "Siden findes ikke",
            "<p>Der er ingen side på denne adresse. Måske er familien eller kapitlet omdøbt eller slettet.</p><p><a href=\"/\">Gå til forsiden</a></p>",
            &path,
            site.generation,
        )
    } else {
        "Findes ikke.\n".into()
    };
    let ctype = if body.starts_with(b"<!doctype") {
        "text/html; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    };
    reply(404, ctype, body, &[])
}

/// The page shown while the site has never been drawn: the findings, or a wait.
fn waiting(path: &str, site: &Published) -> Vec<u8> {
    match &site.errors {
        Some(e) => own_page(
            "Sitet kan ikke bygges endnu",
            &format!(
                "<p>Ret fejlen herunder, og gem filen. Siden opdaterer sig selv.</p><pre>{}</pre>",
                crate::draw::escaped(e)
            ),
            path,
            site.generation,
        ),
        None => own_page(
            "Sitet bygges …",
            "<p>Siden kommer om et øjeblik.</p>",
            path,
            site.generation,
        ),
    }
}

/// A stream of server-sent events for one browser (its tabs share it), on a thread of its
/// own, until the browser goes.
fn events(shared: Arc<Shared>) -> http::Reply {
    let headers = [
        ("Content-Type", "text/event-stream; charset=utf-8"),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    http::Reply::Stream {
        headers,
        run: Box::new(move |mut w: TcpStream| {
            let (tx, rx): (Sender<String>, Receiver<String>) = channel();
            // The state first: a page drawn before a change it missed reloads, a broken
            // site shows its findings at once.
            let first = sse("state", &state_json(&shared.now()));
            if w.write_all(first.as_bytes())
                .and_then(|()| w.flush())
                .is_err()
            {
                return;
            }
            if let Ok(mut l) = shared.listeners.lock() {
                l.push(tx);
            }
            loop {
                let msg = match rx.recv_timeout(KEEP_ALIVE) {
                    Ok(m) => m,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": \n\n".to_string(),
                    Err(_) => return,
                };
                if w.write_all(msg.as_bytes())
                    .and_then(|()| w.flush())
                    .is_err()
                {
                    return;
                }
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_the_site_only() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/familier/holm/").as_deref(),
            Some("familier/holm/index.html")
        );
        assert_eq!(
            site_path("/metode/trin-1.html?x=1#top").as_deref(),
            Some("metode/trin-1.html")
        );
        assert_eq!(
            site_path("/billeder/f%C3%A6lles.png").as_deref(),
            Some("billeder/fælles.png")
        );
        for bad in [
            "/../trinvis.yaml",
            "/familier/../../etc/passwd",
            "/%2e%2e/trinvis.yaml",
            "/%2E%2E%2Ftrinvis.yaml",
            "/familier/holm/%2e%2e/%2e%2e/x",
            "/a//b",
            "/./index.html",
            "/..%5c..%5cx",
            "/x%00.html",
            "/%ff.html",
            "/%zz",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_served_page_gets_the_script_and_the_connection_it_needs() {
        let page = b"<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; connect-src 'none'\"><p>x";
        let out = String::from_utf8(live(page, "familier/holm/index.html", 7)).unwrap();
        assert!(out.contains("connect-src 'self'"));
        assert!(!out.contains("connect-src 'none'"));
        assert!(out.ends_with(
            "<script src=\"/__trinvis/live.js\" data-path=\"/familier/holm/index.html\" data-gen=\"7\"></script>"
        ));
        let out = String::from_utf8(live(b"<p>x</body></html>", "index.html", 1)).unwrap();
        assert!(
            out.ends_with("data-gen=\"1\"></script></body></html>"),
            "{out}"
        );
    }

    #[test]
    fn secrets_differ_and_never_read_like_a_cpr_number() {
        let all: std::collections::BTreeSet<String> = (0..2000).map(|_| secret()).collect();
        assert_eq!(all.len(), 2000);
        for s in &all {
            assert_eq!(s.len(), 32);
            assert!(crate::cpr::find_cpr(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn events_are_one_data_line_per_line() {
        assert_eq!(sse("state", "a\nb"), "event: state\ndata: a\ndata: b\n\n");
    }
}
