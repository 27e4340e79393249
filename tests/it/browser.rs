//! What a family holds in its hands, checked in a real browser: every family view prints on
//! at most two A4 pages, every diploma on exactly one, and no family view scrolls sideways on
//! a 390 px phone. And the handbook search's stemmer in the browser against the build's.
//!
//! Needs headless Chromium (Debian package `chromium`; another binary can be named with
//! `TRINVIS_CHROMIUM`). In CI (`CI` set) a missing Chromium fails the test; on a developer
//! machine the test says loudly that it was skipped.

use crate::common::*;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use trinvis::config::Paths;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TRINVIS_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// Chromium, or `None` after saying loudly why the test does nothing (fails in CI).
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        let ci = std::env::var("CI")
            .map(|v| !v.is_empty() && v != "false")
            .unwrap_or(false);
        assert!(
            !ci,
            "{test}: Chromium is not installed, and CI is set: .ci/run must install the Debian package `chromium`"
        );
        // Straight to stderr, past the test harness's capture, so that it is seen.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED {test}: no Chromium found (install the Debian package `chromium` or set TRINVIS_CHROMIUM) ***\n"
        );
    }
    found
}

/// Headless Chromium that asks nothing of the network (this machine's is closed).
const QUIET: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Runs Chromium headless with a fresh profile; kills it after two minutes.
fn headless(chrome: &Path, profile: &Path, args: &[String]) -> String {
    let mut child = Command::new(chrome)
        .args(QUIET)
        .arg("--hide-scrollbars")
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Chromium");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for Chromium").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("Chromium did not finish within two minutes: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("read Chromium's output");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Pages in a PDF as Chromium writes it: one `/Type /Page` object per page.
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphanumeric())
        .count()
}

fn print_pages(chrome: &Path, work: &Path, page: &Path) -> usize {
    let pdf = work.join("print.pdf");
    let _ = fs::remove_file(&pdf);
    headless(
        chrome,
        &work.join("profile"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            format!("file://{}", page.display()),
        ],
    );
    let bytes =
        fs::read(&pdf).unwrap_or_else(|e| panic!("{}: no PDF printed: {e}", page.display()));
    page_count(&bytes)
}

/// The example built once into a scratch folder.
fn built_example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = trinvis::build(&Paths::new(&repo(), Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    (dir, out)
}

fn family_dirs(site: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(site.join("familier"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 4, "the example has four families");
    dirs
}

#[test]
fn family_views_print_on_two_pages_and_diplomas_on_one() {
    let Some(chrome) = chromium_or_skip("family_views_print_on_two_pages_and_diplomas_on_one")
    else {
        return;
    };
    let (dir, site) = built_example();
    let mut diplomas = 0;
    for fam in family_dirs(&site) {
        let n = print_pages(&chrome, dir.path(), &fam.join("vores-plan.html"));
        assert!(
            (1..=2).contains(&n),
            "{}/vores-plan.html prints on {n} A4 pages; the family's plan must fit on one or two",
            fam.display()
        );
        let diploma = fam.join("diplom.html");
        if diploma.exists() {
            diplomas += 1;
            let n = print_pages(&chrome, dir.path(), &diploma);
            assert_eq!(n, 1, "{}/diplom.html prints on {n} pages", fam.display());
        }
    }
    assert!(diplomas >= 2, "the example has diplomas to print");
}

/// Every HTML page of a built site, by path.
fn html_pages(site: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![site.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.ends_with("assets") {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// How wide each page's document becomes in a phone of each width: (width, page, px). Chromium
/// will not open a window narrower than 500 px, so every page goes in an iframe of the
/// phone's width, all on one page, and a script reports each document's scroll width.
fn widths_on_phones(
    chrome: &Path,
    work: &Path,
    pages: &[PathBuf],
    phones: &[u32],
) -> Vec<(u32, String, u32)> {
    let sizes: Vec<(u32, u32)> = phones.iter().map(|w| (*w, 600)).collect();
    measure_in_frames(chrome, work, pages, &sizes, "d.documentElement.scrollWidth")
        .into_iter()
        .map(|(w, p, px)| (w, p, px.parse().unwrap()))
        .collect()
}

/// `expr` (JavaScript, of the frame's document `d`) for each page in a frame of each size:
/// (width, page, what it gave).
fn measure_in_frames(
    chrome: &Path,
    work: &Path,
    pages: &[PathBuf],
    sizes: &[(u32, u32)],
    expr: &str,
) -> Vec<(u32, String, String)> {
    let mut frames = String::new();
    for p in pages {
        for (w, h) in sizes {
            frames.push_str(&format!(
                "<iframe data-w=\"{w}\" data-p=\"{}\" src=\"file://{}\" style=\"width:{w}px;height:{h}px;border:0\"></iframe>",
                p.display(),
                p.display()
            ));
        }
    }
    let wrapper = work.join("phones.html");
    fs::write(
        &wrapper,
        format!(
            "<html><body style=\"margin:0\">{frames}<pre id=out></pre><script>\
             window.onload=function(){{var o=[];document.querySelectorAll('iframe').forEach(function(f){{\
             var d=f.contentDocument;o.push(f.dataset.w+' '+({expr})+' '+f.dataset.p);}});\
             document.getElementById('out').textContent='BEGIN\\n'+o.join('\\n')+'\\nEND';}};</script></body></html>"
        ),
    )
    .unwrap();
    let dom = headless(
        chrome,
        &work.join("profile"),
        &[
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=20000".into(),
            "--window-size=1200,900".into(),
            "--dump-dom".into(),
            format!("file://{}", wrapper.display()),
        ],
    );
    let body = dom
        .split("BEGIN")
        .nth(1)
        .and_then(|r| r.split("END").next())
        .expect("the pages reported their widths");
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut it = l.splitn(3, ' ');
            let w = it.next().unwrap().parse().unwrap();
            let got = it.next().unwrap().to_string();
            (w, it.next().unwrap().to_string(), got)
        })
        .collect()
}

/// The board on a projector of 1024 × 768 and of 1280 × 720, with the example's families
/// and one as big and long-worded as a real one: the page does not scroll sideways, the
/// seven columns stand side by side within the screen (an empty one narrower than one with
/// families), and no card's text runs out of its card.
#[test]
fn the_board_fits_a_projector() {
    let Some(chrome) = chromium_or_skip("the_board_fits_a_projector") else {
        return;
    };
    let (xdir, xroot) = extreme_site();
    let site = xdir.path().join("out");
    let r = trinvis::build(&Paths::new(&xroot, Some(&site)));
    assert!(r.ok(), "{}", r.diagnostics);
    // Page width, the right edge of the last column, the widths of an empty column and of
    // a full one, and how many cards' text is wider than the card.
    let expr = "[d.documentElement.scrollWidth,\
        Math.round(d.querySelector('.board-columns > :last-child').getBoundingClientRect().right),\
        d.querySelector('.board-column-empty').offsetWidth,\
        d.querySelector('.board-column:not(.board-column-empty)').offsetWidth,\
        [].filter.call(d.querySelectorAll('.board-card, .board-card *'), function(e){return e.scrollWidth>e.clientWidth+1;}).length].join(',')";
    let got = measure_in_frames(
        &chrome,
        xdir.path(),
        &[site.join("tavle.html")],
        &[(1024, 768), (1280, 720)],
        expr,
    );
    assert_eq!(got.len(), 2);
    for (w, _, m) in got {
        let v: Vec<u32> = m.split(',').map(|x| x.parse().unwrap()).collect();
        assert!(v[0] <= w, "{w} px: the board is {} px wide", v[0]);
        assert!(v[1] <= w, "{w} px: the last trin ends at {} px", v[1]);
        assert!(
            v[2] < v[3],
            "{w} px: an empty column {} px, a full one {}",
            v[2],
            v[3]
        );
        assert_eq!(v[4], 0, "{w} px: {} cards' text runs out of them", v[4]);
    }
}

/// No page scrolls sideways on a phone of 390 px, nor at 320 px (WCAG 1.4.10, 400 % zoom):
/// every page of the example, and of a family as big and long-worded as a real one with a
/// chapter of 500-row and 40-column tables and ten levels of lists (a table may scroll in
/// its own box; the page may not).
#[test]
fn no_page_scrolls_sideways_on_a_phone() {
    let Some(chrome) = chromium_or_skip("no_page_scrolls_sideways_on_a_phone") else {
        return;
    };
    let (dir, site) = built_example();
    let (xdir, xroot) = extreme_site();
    let xsite = xdir.path().join("out");
    let r = trinvis::build(&Paths::new(&xroot, Some(&xsite)));
    assert!(r.ok(), "{}", r.diagnostics);
    for site in [&site, &xsite] {
        let pages = html_pages(site);
        assert!(pages.len() >= 30, "{} pages", pages.len());
        let widths = widths_on_phones(&chrome, dir.path(), &pages, &[320, 390]);
        assert_eq!(widths.len(), pages.len() * 2, "every page reported");
        let wide: Vec<String> = widths
            .iter()
            .filter(|(w, _, px)| px > w)
            .map(|(w, p, px)| format!("{p} is {px} px wide on a {w} px phone"))
            .collect();
        assert!(
            wide.is_empty(),
            "pages scroll sideways:\n{}",
            wide.join("\n")
        );
        for (w, p, px) in &widths {
            assert!(*px + 40 >= *w, "{p}: reported {px} px at {w} px");
        }
    }
}

#[test]
fn page_count_reads_chromium_pdfs() {
    let pdf = b"1 0 obj << /Type /Pages /Count 2 >> 2 0 obj << /Type /Page /Parent 1 0 R >> 3 0 obj <</Type /Page/Parent 1 0 R>>";
    assert_eq!(page_count(pdf), 2);
}

/// The browser cuts a query to the same stems as the build cuts the handbook: every word of
/// the example handbook and of the example families' plans, and words chosen to reach every
/// rule of the Danish stemmer, through `search.js` in Chromium and through rust-stemmers.
#[test]
fn the_browsers_stemmer_agrees_with_the_builds() {
    use trinvis::words::{stem, words};
    let Some(chrome) = chromium_or_skip("the_browsers_stemmer_agrees_with_the_builds") else {
        return;
    };
    let mut all = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "md" || x == "yaml")
        })
    {
        all.extend(words(&fs::read_to_string(e.path()).unwrap()));
    }
    for w in [
        "planlægningen",
        "planlægge",
        "hedens",
        "erendes",
        "vigtigst",
        "løst",
        "kærlig",
        "kærlighed",
        "opgaverne",
        "glemme",
        "dagligt",
        "mindst",
        "bygd",
        "sagt",
        "huset",
        "børns",
        "aftalers",
        "hjælpeløst",
        "arbejdsløst",
        "håbløst",
        "å",
        "øer",
        "aa",
        "sss",
        "eee",
        "x1",
        "2025",
    ] {
        all.insert(w.to_string());
    }
    let list: Vec<String> = all.into_iter().collect();
    let work = tempfile::tempdir().unwrap();
    fs::copy(
        repo().join("themes/standard/static/search.js"),
        work.path().join("search.js"),
    )
    .unwrap();
    let page = work.path().join("stem.html");
    fs::write(
        &page,
        format!(
            "<!doctype html><meta charset=\"utf-8\"><body><pre id=\"out\"></pre><script src=\"search.js\"></script><script>\
             var words = {};\
             document.getElementById('out').textContent = words.map(function (w) {{ return w + ' ' + trinvisSearch.stem(w); }}).join('\\n') + '\\nEND';\
             </script>",
            serde_json::to_string(&list).unwrap()
        ),
    )
    .unwrap();
    let dom = headless(
        &chrome,
        &work.path().join("profile"),
        &[
            "--dump-dom".to_string(),
            format!("file://{}", page.display()),
        ],
    );
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|r| r.split("END").next())
        .expect("the stems");
    let browser: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(browser.len(), list.len(), "{out}");
    let mut differ = Vec::new();
    for (w, line) in list.iter().zip(&browser) {
        let expected = format!("{w} {}", stem(w));
        if *line != expected {
            differ.push(format!("{line} (rust-stemmers: {expected})"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} words differ:\n{}",
        differ.len(),
        list.len(),
        differ.join("\n")
    );
}

/// The handbook's search works opened from disk, under the pages' strict policy: a search
/// given in the address (`?q=`) shows its results, typed with or without æ, ø, å.
#[test]
fn the_handbook_search_finds_terms_from_disk() {
    let Some(chrome) = chromium_or_skip("the_handbook_search_finds_terms_from_disk") else {
        return;
    };
    let (dir, site) = built_example();
    let index = site.join("metode/index.html");
    for (q, expect) in [
        ("livline", "livline"),
        ("netværksmøde", "netværksmøder"),
        ("netvaerksmoede", "netværksmøder"),
        ("planlægge", "planlæg"),
        ("planlægningen", "planlæg"),
        ("udfasning", "udfasning"),
        ("kapabiliteter", "kapabilitet"),
        ("maal", "mål"),
    ] {
        let url = format!("file://{}?q={}", index.display(), urlencode(q));
        let dom = headless(
            &chrome,
            &dir.path().join("profile"),
            &["--dump-dom".to_string(), url],
        );
        let results = dom
            .split("id=\"search-results\">")
            .nth(1)
            .and_then(|r| r.split("</ol>").next())
            .unwrap_or_else(|| panic!("{q}: no results list in the page"));
        assert!(results.contains("<a href=\""), "{q}: no results: {results}");
        assert!(
            results.to_lowercase().contains(&format!("<mark>{expect}")),
            "{q}: no marked {expect}: {results}"
        );
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// On a screen whose system asks for dark mode, the pages are dark; otherwise light.
#[test]
fn pages_follow_the_systems_dark_mode() {
    let Some(chrome) = chromium_or_skip("pages_follow_the_systems_dark_mode") else {
        return;
    };
    let (dir, site) = built_example();
    let page = format!("file://{}", site.join("metode/index.html").display());
    for (dark, flags) in [(true, vec!["--force-dark-mode"]), (false, vec![])] {
        let shot = dir.path().join(format!("dark-{dark}.png"));
        let mut args: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
        args.push(format!("--screenshot={}", shot.display()));
        args.push("--window-size=800,600".to_string());
        args.push(page.clone());
        headless(&chrome, &dir.path().join(format!("profile-{dark}")), &args);
        let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&shot).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.line_size / info.width as usize;
        // A point of the page's background, below the header, beside the text.
        let (x, y) = (790usize, 500usize);
        let at = y * info.line_size + x * channels;
        let luma = (buf[at] as u32 * 3 + buf[at + 1] as u32 * 6 + buf[at + 2] as u32) / 10;
        if dark {
            assert!(luma < 60, "dark mode: the background is light ({luma})");
        } else {
            assert!(luma > 200, "light mode: the background is dark ({luma})");
        }
    }
}

/// The handbook's keys, pressed in Chromium on a chapter opened from disk: `/` goes to the
/// search (and does nothing when turned off), ↓ and ↑ move through the results and back to the box, Enter opens the first,
/// → and ← go to the next and previous chapter, and ← while typing stays in the box.
#[test]
fn the_handbooks_keys_work() {
    let Some(chrome) = chromium_or_skip("the_handbooks_keys_work") else {
        return;
    };
    let (dir, site) = built_example();
    // A page beside the site's that opens a chapter in a frame and presses keys in it; the
    // chapter's own policy forbids scripts in the page, so they run from outside.
    let page = site.join("keys.html");
    fs::write(
        &page,
        r#"<!doctype html><meta charset="utf-8"><body><pre id="out"></pre>
<iframe id="f" src="metode/trin-2-relation.html" style="width:1200px;height:800px"></iframe>
<script>
var f = document.getElementById('f'), out = [], steps;
function say(s) { out.push(s); }
function press(el, key) {
  var w = f.contentWindow;
  el.dispatchEvent(new w.KeyboardEvent('keydown', { key: key, bubbles: true, cancelable: true }));
}
function doc() { return f.contentWindow.document; }
function here() { return f.contentWindow.location.pathname.split('/').pop(); }
function focused() {
  var a = doc().activeElement;
  return a.id || a.getAttribute('href') || a.tagName;
}
var loads = 0;
f.addEventListener('load', function () {
  loads += 1;
  setTimeout(steps[loads - 1], 50);
});
steps = [
  function () {
    say('page ' + here());
    press(doc().body, '/');
    say('slash ' + focused());
    // Turned off, "/" does nothing; turned on again, the box has the focus back.
    var box = doc().getElementById('search-slash');
    doc().activeElement.blur();
    box.checked = false;
    box.dispatchEvent(new f.contentWindow.Event('change'));
    press(doc().body, '/');
    say('slash-off ' + focused());
    box.checked = true;
    box.dispatchEvent(new f.contentWindow.Event('change'));
    press(doc().body, '/');
    var input = doc().getElementById('search-q');
    input.value = 'livline';
    input.dispatchEvent(new f.contentWindow.Event('input'));
    var links = doc().querySelectorAll('#search-results a');
    say('results ' + links.length);
    press(input, 'ArrowDown');
    say('down ' + (doc().activeElement === links[0]));
    press(doc().activeElement, 'ArrowDown');
    say('down ' + (doc().activeElement === links[1]));
    press(doc().activeElement, 'ArrowUp');
    press(doc().activeElement, 'ArrowUp');
    say('up ' + focused());
    press(input, 'ArrowLeft');
    setTimeout(function () {
      say('typing-left ' + here());
      say('first ' + links[0].getAttribute('href'));
      press(input, 'Enter');
    }, 100);
  },
  function () {
    say('enter ' + here());
    doc().activeElement.blur();
    press(doc().body, 'ArrowRight');
  },
  function () {
    say('right ' + here());
    press(doc().body, 'ArrowLeft');
  },
  function () {
    say('left ' + here());
    document.getElementById('out').textContent = out.join('\n') + '\nEND';
  },
];
</script>"#,
    )
    .unwrap();
    let dom = headless(
        &chrome,
        &dir.path().join("profile"),
        &[
            "--allow-file-access-from-files".to_string(),
            "--virtual-time-budget=10000".to_string(),
            "--dump-dom".to_string(),
            format!("file://{}", page.display()),
        ],
    );
    let out = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|r| r.split_once("\nEND"))
        .map(|(out, _)| out)
        .unwrap_or_else(|| panic!("the keys did not run to the end: {dom}"));
    let lines: Vec<&str> = out.lines().collect();
    let first = lines
        .iter()
        .find_map(|l| l.strip_prefix("first "))
        .expect("a first result");
    let first_page = first.split('#').next().unwrap();
    let results: usize = lines
        .iter()
        .find_map(|l| l.strip_prefix("results "))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(results >= 2, "{out}");
    assert_eq!(
        lines,
        [
            "page trin-2-relation.html",
            "slash search-q",
            "slash-off BODY",
            &format!("results {results}"),
            "down true",
            "down true",
            "up search-q",
            "typing-left trin-2-relation.html",
            &format!("first {first}"),
            &format!("enter {first_page}"),
            // From the chapter the search opened, to the chapter after it and back.
            &format!("right {}", next_of(&site, first_page)),
            &format!("left {first_page}"),
        ],
        "{out}"
    );
}

/// The chapter after a chapter, as its page's `rel=next` link says.
fn next_of(site: &Path, page: &str) -> String {
    let html = fs::read_to_string(site.join("metode").join(page)).unwrap();
    let at = html.find("rel=next").expect("a next chapter");
    let href = html[..at].rsplit("href=").next().unwrap();
    href.trim().trim_matches('"').to_string()
}

/// Chromium driven over its DevTools protocol on a pipe (`--remote-debugging-pipe`):
/// for pages whose work runs in real time (WebCrypto's key derivation), which the headless
/// `--virtual-time-budget` does not wait for.
#[cfg(unix)]
struct Devtools {
    child: std::process::Child,
    to: fs::File,
    from: std::io::BufReader<fs::File>,
    next: u64,
}

#[cfg(unix)]
impl Devtools {
    // Chromium's DevTools pipe is two file descriptors it is started with: libc's pipe and
    // dup2, the only unsafe code in trinvis (each block says why it is sound).
    #[allow(unsafe_code)]
    fn start(chrome: &Path, profile: &Path, extra: &[&str]) -> Devtools {
        use std::os::fd::{FromRawFd, IntoRawFd};
        use std::os::unix::process::CommandExt;
        let mut a = [0; 2];
        let mut b = [0; 2];
        // SAFETY: pipe() fills the two arrays with new descriptors; nothing else is touched.
        unsafe {
            assert_eq!(libc::pipe(a.as_mut_ptr()), 0);
            assert_eq!(libc::pipe(b.as_mut_ptr()), 0);
        }
        // Chromium reads commands on fd 3 (a[0]) and writes answers on fd 4 (b[1]).
        let (read_end, write_end) = (a[0], b[1]);
        let mut cmd = Command::new(chrome);
        cmd.args(QUIET)
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: between fork and exec only async-signal-safe dup2 calls are made.
        unsafe {
            cmd.pre_exec(move || {
                if libc::dup2(read_end, 3) < 0 || libc::dup2(write_end, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start Chromium");
        // SAFETY: the descriptors are ours; each is wrapped once, and the child's ends closed.
        let (to, from) = unsafe {
            libc::close(a[0]);
            libc::close(b[1]);
            (fs::File::from_raw_fd(a[1]), fs::File::from_raw_fd(b[0]))
        };
        let _ = (a[1].into_raw_fd(), b[0].into_raw_fd());
        Devtools {
            child,
            to,
            from: std::io::BufReader::new(from),
            next: 0,
        }
    }

    /// Send a command (to a page's session, if given) and wait for its answer.
    fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: serde_json::Value,
    ) -> serde_json::Value {
        match self.try_call(session, method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e}"),
        }
    }

    /// [`Devtools::call`], with Chromium's error as an error (a page between two documents
    /// has nothing to evaluate in).
    fn try_call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        use std::io::BufRead;
        self.next += 1;
        let mut msg = serde_json::json!({ "id": self.next, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = s.into();
        }
        let mut bytes = msg.to_string().into_bytes();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to Chromium");
        loop {
            let mut buf = Vec::new();
            self.from
                .read_until(0, &mut buf)
                .expect("read from Chromium");
            assert!(!buf.is_empty(), "Chromium closed the pipe during {method}");
            buf.pop();
            let v: serde_json::Value = serde_json::from_slice(&buf).expect("JSON from Chromium");
            if v["id"] == self.next {
                return match v.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(v["result"].clone()),
                };
            }
        }
    }

    /// Open `url` in a new page; its session, once a page (not the blank one before it)
    /// has loaded, wherever it was sent on to.
    fn open(&mut self, url: &str) -> String {
        let t = self.call(
            None,
            "Target.createTarget",
            serde_json::json!({ "url": url }),
        );
        let a = self.call(
            None,
            "Target.attachToTarget",
            serde_json::json!({ "targetId": t["targetId"], "flatten": true }),
        );
        let session = a["sessionId"].as_str().unwrap().to_string();
        let start = Instant::now();
        loop {
            let state = self.eval(&session, "location.href + ' ' + document.readyState");
            let state = state.as_str().unwrap_or("").to_string();
            if !state.starts_with("about:") && state.ends_with(" complete") {
                return session;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{url} did not load: {state}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The value of an expression in a page.
    /// Null while the page has no document to evaluate in (it is being loaded).
    fn eval(&mut self, session: &str, expr: &str) -> serde_json::Value {
        match self.try_call(
            Some(session),
            "Runtime.evaluate",
            serde_json::json!({ "expression": expr, "returnByValue": true }),
        ) {
            Ok(r) => r["result"]["value"].clone(),
            Err(_) => serde_json::Value::Null,
        }
    }

    /// Open `url` in a new page, and run `script` (an async function's body) in it once it
    /// has loaded; its result.
    fn run(&mut self, url: &str, script: &str) -> serde_json::Value {
        let session = self.open(url);
        let expr = format!("(async () => {{ {script} }})()");
        let r = self.call(
            Some(&session),
            "Runtime.evaluate",
            serde_json::json!({ "expression": expr, "awaitPromise": true, "returnByValue": true }),
        );
        assert!(r.get("exceptionDetails").is_none(), "{r}");
        r["result"]["value"].clone()
    }
}

#[cfg(unix)]
impl Drop for Devtools {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A folder handed out with a passphrase opens in Chromium from disk: a wrong passphrase is
/// told so, the right one shows the family's page as it was drawn, with its PDF offered as
/// a download.
#[test]
fn a_sealed_page_opens_with_its_passphrase() {
    let Some(chrome) = chromium_or_skip("a_sealed_page_opens_with_its_passphrase") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let pass = work.path().join("adgangskode.txt");
    fs::write(&pass, "hest batteri klips blå\n").unwrap();
    let out = work.path().join("ud");
    let o = Command::new(env!("CARGO_BIN_EXE_trinvis"))
        .args(["udlever", "holm", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(&out)
        .args(["--dato", "2026-11-24", "--adgangskode-fil"])
        .arg(&pass)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The sealed page in a frame of a page beside it, so that the frame's document can be
    // read as the passphrase is typed.
    let page = out.join("try.html");
    fs::write(
        &page,
        r#"<!doctype html><meta charset="utf-8"><iframe id="f" src="familier/holm/vores-plan.html"></iframe>"#,
    )
    .unwrap();
    let script = r#"
const f = document.getElementById('f');
const doc = () => f.contentWindow.document;
const until = async (test) => { for (let n = 0; n < 600 && !test(); n++) await new Promise(r => setTimeout(r, 50)); };
const submit = (pass) => { doc().getElementById('pw').value = pass; doc().getElementById('unlock').requestSubmit(); };
const out = [];
await until(() => doc().getElementById('unlock') && !doc().getElementById('unlock').hidden);
out.push('locked ' + doc().title);
submit('forkert kode');
await until(() => /passer ikke/.test(doc().getElementById('msg').textContent));
out.push('wrong ' + doc().getElementById('msg').textContent);
submit('hest batteri klips blå');
await until(() => !doc().getElementById('unlock') && doc().querySelector('a[download]'));
out.push('open ' + doc().title);
const pdf = doc().querySelector('a[download]');
out.push('pdf ' + (pdf ? pdf.getAttribute('download') + ' ' + pdf.href.slice(0, 5) : 'none'));
out.push('storage ' + f.contentWindow.localStorage.length + ' ' + f.contentWindow.location.href.indexOf('#'));
return out.join('\n');
"#;
    let mut dt = Devtools::start(
        &chrome,
        &work.path().join("profile"),
        &["--allow-file-access-from-files"],
    );
    let out_dir = out;
    let out = dt.run(&format!("file://{}", page.display()), script);
    let out = out.as_str().expect("the steps, as text").to_string();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "locked Familiens sider er låst",
            "wrong Adgangskoden passer ikke. Prøv igen – store og små bogstaver tæller.",
            "open Vores plan – Familien Holm · Familieteamet – Eksempelby Kommune",
            "pdf vores-plan.pdf blob:",
            "storage 0 -1",
        ],
        "{out}"
    );
    // The journey's sealed page put in the place of the plan's: the right passphrase does
    // not open it there.
    fs::copy(
        out_dir.join("familier/holm/vores-rejse.html"),
        out_dir.join("familier/holm/vores-plan.html"),
    )
    .unwrap();
    let script = r#"
const f = document.getElementById('f');
const doc = () => f.contentWindow.document;
const until = async (test) => { for (let n = 0; n < 600 && !test(); n++) await new Promise(r => setTimeout(r, 50)); };
await until(() => doc().getElementById('unlock') && !doc().getElementById('unlock').hidden);
doc().getElementById('pw').value = 'hest batteri klips blå';
doc().getElementById('unlock').requestSubmit();
await until(() => /flyttet/.test(doc().getElementById('msg').textContent));
return doc().getElementById('msg').textContent + ' | ' + (doc().getElementById('unlock') ? 'locked' : 'open');
"#;
    let swapped = dt.run(&format!("file://{}", page.display()), script);
    assert_eq!(
        swapped.as_str(),
        Some(
            "Siden er flyttet eller ændret og kan ikke låses op. Åbn den i mappen, som I fik den, eller bed jeres makkerpar om en ny. | locked"
        ),
        "{swapped}"
    );
}

#[test]
fn a_large_handbooks_shared_chapter_list_fills_the_sidebar() {
    let Some(chrome) = chromium_or_skip("a_large_handbooks_shared_chapter_list_fills_the_sidebar")
    else {
        return;
    };
    let n = trinvis::routes::SHARED_LIST_FROM;
    let (dir, root) = handbook_of(n);
    let page = root.join("output/metode/ekstra-0100.html");
    let dom = headless(
        &chrome,
        &dir.path().join("profile"),
        &[
            "--dump-dom".to_string(),
            format!("file://{}", page.display()),
        ],
    );
    let sidebar = dom
        .split("class=\"sidebar\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .expect("the sidebar");
    assert_eq!(sidebar.matches("<li>").count(), n, "{sidebar}");
    assert!(
        sidebar.contains("<a href=\"ekstra-0100.html\" aria-current=\"page\">"),
        "{sidebar}"
    );
    assert_eq!(sidebar.matches("aria-current").count(), 1);
    assert!(
        !sidebar.contains("data-trinvis-chapters"),
        "the stand-in is replaced"
    );
}

/// `trinvis serve` in a browser with twenty tabs open on the site: every tab loads (a
/// browser opens six connections to a server, and each tab used to hold one for its live
/// reload), and a save reloads every tab that shows what changed. The first tab opens the
/// printed link, which sets the cookie the others go in with.
#[cfg(unix)]
#[test]
fn twenty_tabs_share_one_live_reload() {
    use std::io::BufRead;
    let Some(chrome) = chromium_or_skip("twenty_tabs_share_one_live_reload") else {
        return;
    };
    let (_dir, root) = example_site();
    let mut serve = Command::new(env!("CARGO_BIN_EXE_trinvis"))
        .args(["serve", "--port", "0", "--dato", "2026-11-24", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let err = serve.stderr.take().unwrap();
    std::thread::spawn(move || {
        for l in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(l);
        }
    });
    let wait = |what: &str| loop {
        let l = rx.recv_timeout(Duration::from_secs(120)).expect(what);
        if l.contains(what) {
            return l;
        }
    };
    let first = wait("http://127.0.0.1:");
    let link = first
        .split(' ')
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let base = link.split("?adgang=").next().unwrap().to_string();
    wait("start →");
    let work = tempfile::tempdir().unwrap();
    let mut dt = Devtools::start(&chrome, &work.path().join("profile"), &[]);
    let front = dt.open(&link);
    let title = dt.eval(&front, "document.title + ' ' + location.search");
    assert!(
        title.as_str().unwrap().starts_with("Familieteamet"),
        "the link opens the front page, without the secret: {title}"
    );
    let page = format!("{base}familier/holm/");
    let tabs: Vec<String> = (0..20).map(|_| dt.open(&page)).collect();
    for t in &tabs {
        let v = dt.eval(t, "document.title");
        assert!(v.as_str().unwrap().contains("Holm"), "{v}");
        dt.eval(t, "window.__before = 1");
    }
    let plan = root.join("content/familier/holm/plan.md");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        text.replacen(
            "Faste rammer om morgen og aften",
            "Faste rammer hver dag",
            1,
        ),
    )
    .unwrap();
    let start = Instant::now();
    let mut reloaded = 0;
    for t in &tabs {
        loop {
            let v = dt.eval(
                t,
                "(window.__before === undefined && document.readyState === 'complete' && document.body.textContent.includes('Faste rammer hver dag'))",
            );
            if v == serde_json::Value::Bool(true) {
                reloaded += 1;
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{reloaded} of 20 tabs reloaded"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    assert_eq!(reloaded, 20);
    let _ = serve.kill();
    let _ = serve.wait();
}

/// The front page's cards as the browser left them: (family, shown).
fn front_cards(dom: &str) -> Vec<(String, bool)> {
    dom.split("<li ")
        .skip(1)
        .filter(|c| c.split('>').next().unwrap().contains("class=\"card\""))
        .map(|c| {
            let tag = c.split('>').next().unwrap();
            let name = c
                .split("<h3><a href=\"")
                .nth(1)
                .and_then(|h| h.split('>').nth(1))
                .and_then(|h| h.split('<').next())
                .unwrap()
                .to_string();
            (name, !tag.contains("hidden"))
        })
        .collect()
}

/// The front page, opened from disk under its own policy, filters its families by a member
/// of the pair and by trin and sorts them as its address says; the choices appear only when
/// the script runs, and a choice that fits no family says so.
#[test]
fn the_front_page_filters_and_sorts_from_disk() {
    let Some(chrome) = chromium_or_skip("the_front_page_filters_and_sorts_from_disk") else {
        return;
    };
    let (dir, site) = built_example();
    let index = site.join("index.html");
    let open = |query: &str| {
        let url = format!("file://{}{query}", index.display());
        headless(
            &chrome,
            &dir.path().join("profile"),
            &["--dump-dom".to_string(), url],
        )
    };
    let shown = |dom: &str| -> Vec<String> {
        front_cards(dom)
            .into_iter()
            .filter(|c| c.1)
            .map(|c| c.0)
            .collect()
    };
    let all = open("");
    assert!(
        !all.contains("id=\"family-filter\" hidden"),
        "the choices stay hidden"
    );
    assert_eq!(front_cards(&all).len(), 3, "three families in the course");
    assert!(all.contains("Viser 3 af 3 familier"));
    // Lone Bach is in the Holm and the Berg pair; by name, Berg first.
    let lone = open("?makkerpar=Lone%20Bach&sortering=navn");
    assert_eq!(shown(&lone), ["Familien Berg", "Familien Holm"]);
    assert!(lone.contains("Viser 2 af 3 familier"));
    // Mette Dahl only in Haddad's.
    assert_eq!(shown(&open("?makkerpar=Mette%20Dahl")), ["Familien Haddad"]);
    // Trin 5 is Holm's; by trin, 1 (Haddad), 5 (Holm), 7 (Berg).
    assert_eq!(shown(&open("?trin=5")), ["Familien Holm"]);
    assert_eq!(
        shown(&open("?sortering=trin")),
        ["Familien Haddad", "Familien Holm", "Familien Berg"]
    );
    let none = open("?makkerpar=Mette%20Dahl&trin=7");
    assert!(shown(&none).is_empty());
    assert!(none.contains("Ingen familier passer til valget."));
}

/// The handbook's search as a new staff member asks it: a trin by its number in any of the
/// ways it is said puts its chapter first; "trin" never reaches the product's name; a
/// question finds its answer without its question words; words no section has together
/// fall back to the sections with most of them, and say so.
#[test]
fn the_handbook_search_answers_trin_numbers_and_questions() {
    let Some(chrome) = chromium_or_skip("the_handbook_search_answers_trin_numbers_and_questions")
    else {
        return;
    };
    let (dir, site) = built_example();
    let index = site.join("metode/index.html");
    // (status, [(title, snippet)])
    let ask = |q: &str| -> (String, Vec<(String, String)>) {
        let url = format!("file://{}?q={}", index.display(), urlencode(q));
        let dom = headless(
            &chrome,
            &dir.path().join("profile"),
            &["--dump-dom".to_string(), url],
        );
        let status = dom
            .split("role=\"status\"")
            .nth(1)
            .and_then(|s| s.split('>').nth(1))
            .and_then(|s| s.split('<').next())
            .unwrap_or_default()
            .to_string();
        let list = dom
            .split("id=\"search-results\">")
            .nth(1)
            .and_then(|r| r.split("</ol>").next())
            .unwrap_or_else(|| panic!("{q}: no results list"));
        let results = list
            .split("<li>")
            .skip(1)
            .map(|li| {
                let title = li
                    .split("\">")
                    .nth(1)
                    .unwrap()
                    .split("</a>")
                    .next()
                    .unwrap();
                (title.replace("&gt;", ">"), li.to_string())
            })
            .collect();
        (status, results)
    };
    for q in ["trin 4", "trin fire", "4. trin", "fjerde trin", "Trin 4"] {
        let (_, r) = ask(q);
        assert_eq!(
            r.first().map(|r| r.0.as_str()),
            Some("Trin 4: Planlægning"),
            "{q}: {r:?}"
        );
    }
    // "trin" finds the trin chapters, and marks no "trinvis" (the handbook names it often).
    let (_, r) = ask("trin");
    assert!(r.len() >= 7, "{r:?}");
    assert!(r[0].0.starts_with("Trin "), "{r:?}");
    assert!(
        r.iter()
            .all(|x| !x.1.to_lowercase().contains("<mark>trinvis")),
        "{r:?}"
    );
    // A question: its question words are left out, and the meeting is found.
    let (_, r) = ask("hvordan holder vi et netværksmøde");
    assert!(!r.is_empty(), "a question finds nothing");
    assert!(
        r[0].1.to_lowercase().contains("<mark>netværksmøde"),
        "{r:?}"
    );
    // No section has all three words: the sections with some, most first, and it says so.
    let (status, r) = ask("netværkskort budget xyzzy");
    assert!(
        status.starts_with("Intet afsnit har alle ordene"),
        "{status}"
    );
    assert!(!r.is_empty());
}
