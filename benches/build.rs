//! What a build costs, on generated sites (`benches/common/synth.rs`): run with
//! `cargo bench --bench build`. It reports timings; it asserts nothing about speed.
//!
//! - build and check of 1,000 families: HTML without charts, with charts, and with PDFs
//!   (interleaved runs, medians);
//! - one family changed in a running preview (`watch`/`serve`): reading it again, checking
//!   and drawing what it touches, and (watch) writing the output;
//! - the HTML of handbooks of 100, 1,000 and 3,000 chapters (time per chapter).
//!
//! The whole command, against Hugo and mdBook, is `scripts/compare-handbook.py`; time and
//! memory from 100 to 10,000 families, `scripts/families-curve.py`.
// A benchmark stops loudly where it fails: it may unwrap, expect and panic, as tests may.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

/// The binary's allocator, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::{Duration, Instant};
use trinvis::Options;
use trinvis::config::Paths;
use trinvis::routes::Format;

const FAMILIES: usize = 1000;
const RUNS: usize = 5;
/// The day the sites are drawn for: the same work on every day the bench is run.
fn day() -> Option<trinvis::model::Date> {
    trinvis::model::Date::new(2026, 11, 24)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Build (or check) `root` RUNS times in each configuration, interleaved so all see the
/// same machine: medians of HTML without charts, HTML with charts, and with PDFs too.
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
                today: day(),
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

fn report(what: &str, t: [Duration; 3]) {
    println!(
        "{what}: median {:.0} ms HTML without charts, {:.0} ms with charts, {:.0} ms with charts and PDFs ({:.2}× the HTML)",
        ms(t[0]),
        ms(t[1]),
        ms(t[2]),
        ms(t[2]) / ms(t[1]),
    );
}

/// One family's plan changed in a running preview, RUNS times: the median time to read,
/// check and draw what it touches, and to write the whole output (as `watch` does).
fn incremental(root: &Path) {
    let paths = Paths::new(root, None);
    let mut s = trinvis::Session::open(
        &paths,
        Options {
            today: day(),
            ..Options::BUILD
        },
    );
    assert!(s.ok(), "{}", s.diagnostics());
    s.draw_all().expect("the site");
    let plan = root.join("content/familier/familie-00500/plan.md");
    let text = std::fs::read_to_string(&plan).expect("a plan");
    let (mut draw, mut write, mut changed) = (Vec::new(), Vec::new(), 0);
    for i in 0..RUNS {
        std::fs::write(&plan, format!("{text}\nGemt igen ({i}).\n")).expect("save");
        let start = Instant::now();
        s.change(&["content/familier/familie-00500/plan.md".to_string()]);
        let d = s.draw_all().expect("drawn");
        draw.push(start.elapsed());
        changed = d.changed.len();
        let start = Instant::now();
        s.write().expect("written");
        write.push(start.elapsed());
    }
    println!(
        "one family's plan saved, {FAMILIES} families: read, check and draw {:.0} ms ({changed} files changed), writing the whole output {:.0} ms (medians of {RUNS})",
        ms(median(draw)),
        ms(median(write)),
    );
}

fn main() {
    let (_dir, root) = common::synthetic(FAMILIES, 13);
    report(&format!("build, {FAMILIES} families"), measure(&root, true));
    report(
        &format!("check, {FAMILIES} families"),
        measure(&root, false),
    );
    incremental(&root);

    // A chapter's pages at three sizes of handbook: the time per chapter should not grow
    // with the number of chapters (the sidebar is drawn once, or shared).
    for n in [100, 1000, 3000] {
        let (_dir, root) = common::synthetic(0, n);
        let mut s = trinvis::Session::open(&Paths::new(&root, None), Options::BUILD);
        assert!(s.ok(), "{}", s.diagnostics());
        let mut times = Vec::new();
        for _ in 0..3 {
            s.change(&["trinvis.yaml".to_string()]);
            let start = Instant::now();
            s.draw(Format::Html).expect("the pages");
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
    let (_dir, root) = common::synthetic(0, 1000);
    let mut s = trinvis::Session::open(&Paths::new(&root, None), Options::BUILD);
    assert!(s.ok(), "{}", s.diagnostics());
    // Hand out the files drawn as they are, to measure them.
    s.pack_with(|_, _| None);
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..RUNS {
        s.change(&["content/metode/velkommen.md".to_string()]);
        let start = Instant::now();
        let d = s.draw(Format::Js).expect("the search index");
        times.push(start.elapsed());
        size = d.bytes.values().map(|b| b.len()).sum::<usize>().max(size);
    }
    println!(
        "search index, a handbook of 1000 chapters: {:.0} ms (median of {RUNS}), {:.0} KB",
        ms(median(times)),
        size as f64 / 1024.0
    );
}
