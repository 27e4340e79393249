//! Build time of a 1,000-family site (the bundled example with 996 copies of the Holm
//! family) and of a 60-chapter handbook, with and without the charts and the PDFs, measured
//! side by side, and what a PDF page costs; the HTML of handbooks of 100, 1,000 and 3,000
//! chapters (time per chapter). Run with `cargo bench`. It reports timings; it
//! asserts nothing about speed.

mod common;

/// The binary's allocator, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::{Duration, Instant};
use trinvis::Options;
use trinvis::config::Paths;

const FAMILIES: usize = 1000;
const CHAPTERS: usize = 60;
const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Pages of every PDF below `dir`.
fn pdf_pages(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| {
            lopdf::Document::load(e.path())
                .expect("read pdf")
                .get_pages()
                .len()
        })
        .sum()
}

/// Build `root` RUNS times in each configuration, interleaved so all see the same machine;
/// medians of (HTML without charts, HTML with charts, HTML with charts and PDFs) and the
/// number of PDF pages.
fn measure(root: &Path, write: bool) -> [Duration; 3] {
    let out = root.join("output");
    let paths = Paths::new(root, Some(&out));
    let run = |charts: bool, pdf: bool| {
        let start = Instant::now();
        let r = trinvis::run(
            &paths,
            Options {
                write,
                charts,
                pdf,
                today: None,
            },
        );
        let t = start.elapsed();
        assert!(r.ok(), "{}", r.diagnostics);
        t
    };
    run(true, true); // warm-up
    let mut t: [Vec<Duration>; 3] = Default::default();
    for _ in 0..RUNS {
        t[0].push(run(false, false));
        t[1].push(run(true, false));
        t[2].push(run(true, true));
    }
    t.map(median)
}

fn report(what: &str, t: [Duration; 3], pages: usize) {
    let pct = |a: Duration, b: Duration| (ms(a) / ms(b) - 1.0) * 100.0;
    println!(
        "{what}: median {:.0} ms without charts, {:.0} ms with charts ({:+.1} %), {:.0} ms with charts and PDFs",
        ms(t[0]),
        ms(t[1]),
        pct(t[1], t[0]),
        ms(t[2]),
    );
    if pages > 0 {
        let pdf = ms(t[2]) - ms(t[1]);
        println!(
            "  PDFs: {pages} pages add {pdf:.0} ms = {:.2} ms a page, {:.2}× the HTML build",
            pdf / pages as f64,
            pdf / ms(t[1]),
        );
    }
}

fn main() {
    // The families.
    let (_dir, root) = common::families_site(FAMILIES);
    let build = measure(&root, true);
    let pages = pdf_pages(&root.join("output"));
    report(&format!("build, {FAMILIES} families"), build, pages);
    let check = measure(&root, false);
    report("check (all but the write)", check, 0);

    // A handbook of 60 chapters: the example's chapters again and again.
    let (_dir, root) = common::handbook_site(CHAPTERS, false);
    let build = measure(&root, true);
    let pages = pdf_pages(&root.join("output"));
    report(
        &format!("build, a handbook of {CHAPTERS} chapters"),
        build,
        pages,
    );

    // A chapter's pages at three sizes of handbook: the time per chapter should not grow
    // with the number of chapters (each sidebar is drawn once, not once per page).
    for n in [100, 1000, 3000] {
        let (_dir, root) = common::handbook_site(n, false);
        let mut s = trinvis::Session::open(&Paths::new(&root, None), Options::BUILD);
        assert!(s.ok(), "{}", s.diagnostics());
        let mut times = Vec::new();
        for _ in 0..3 {
            s.change(&["trinvis.yaml".to_string()]);
            let start = Instant::now();
            s.draw(trinvis::routes::Format::Html).expect("the pages");
            times.push(start.elapsed());
        }
        let t = median(times);
        println!(
            "HTML of a handbook of {n} chapters: {:.0} ms (median of 3), {:.2} ms a chapter",
            ms(t),
            ms(t) / n as f64
        );
    }

    // The search index of a handbook of 1,000 chapters.
    let (_dir, root) = common::handbook_site(1000, false);
    let mut s = trinvis::Session::open(&Paths::new(&root, None), Options::BUILD);
    assert!(s.ok(), "{}", s.diagnostics());
    // Hand out the files drawn as they are, to measure them.
    s.pack_with(|_, _| None);
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        s.change(&["content/metode/velkommen.md".to_string()]);
        let start = Instant::now();
        let d = s
            .draw(trinvis::routes::Format::Js)
            .expect("the search index");
        times.push(start.elapsed());
        size = d.bytes.values().map(|b| b.len()).sum::<usize>().max(size);
    }
    println!(
        "search index, a handbook of 1000 chapters: {:.0} ms (median of {RUNS}), {:.0} KB",
        ms(median(times)),
        size as f64 / 1024.0
    );
}
