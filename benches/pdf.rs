//! What one PDF costs: the example's diploma, family plan, journey and handbook, and a
//! 60-chapter handbook, each drawn many times in one process (the site loaded once), with
//! the median time per document and per page. Run with `cargo bench --bench pdf`;
//! `scripts/pdf-compare.sh` sets these beside WeasyPrint and Chromium printing the same
//! documents from their HTML.
// A benchmark stops loudly where it fails: it may unwrap, expect and panic, as tests may.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};
use trinvis::config::Paths;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(site: &trinvis::Session, path: &str, runs: usize) {
    let mut t = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        bytes = site
            .render(path)
            .expect("a page of the site")
            .expect("drawn");
        t.push(start.elapsed());
    }
    let pages = lopdf::Document::load_mem(&bytes)
        .expect("a PDF")
        .get_pages()
        .len();
    let ms = median(t).as_secs_f64() * 1000.0;
    println!(
        "{path}: {pages} pages, median {ms:.2} ms, {:.2} ms a page ({} KB)",
        ms / pages as f64,
        bytes.len() / 1024
    );
}

fn main() {
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = trinvis::Session::open(&Paths::new(&repo, None), trinvis::Options::BUILD);
    assert!(site.ok(), "{}", site.diagnostics());
    for p in [
        "familier/berg/diplom.pdf",
        "familier/holm/vores-plan.pdf",
        "familier/holm/rejse.pdf",
        "metode/metodehaandbog.pdf",
    ] {
        time(&site, p, 21);
    }

    // A handbook of 60 chapters: the example's chapters again and again.
    let (_dir, root) = common::handbook_site(60, true);
    let big = trinvis::Session::open(&Paths::new(&root, None), trinvis::Options::BUILD);
    assert!(big.ok(), "{}", big.diagnostics());
    time(&big, "metode/metodehaandbog.pdf", 11);
}
