//! Write a large synthetic site for benchmarks: a trinvis site with N families and M
//! handbook chapters, and the same handbook as a Hugo site and an mdBook.
//!
//! cargo run --release --example syntetisk -- MAPPE [--familier N] [--kapitler M] [--hugo MAPPE] [--mdbook MAPPE] [--ekstrem]
//!
//! `--ekstrem` adds a family and a chapter as big and long as a real team's can be
//! (`benches/common/extreme.rs`).
// A generator for benchmarks stops loudly where it fails: it may unwrap, expect and panic, as tests may.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../benches/common/extreme.rs"]
mod extreme;
#[path = "../benches/common/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut site = None;
    let (mut families, mut chapters) = (4, 13);
    let (mut hugo, mut mdbook): (Option<PathBuf>, Option<PathBuf>) = (None, None);
    let mut extreme_too = false;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--familier" => families = value().parse().unwrap_or(families),
            "--kapitler" => chapters = value().parse().unwrap_or(chapters),
            "--hugo" => hugo = Some(value().into()),
            "--mdbook" => mdbook = Some(value().into()),
            "--ekstrem" => extreme_too = true,
            _ if site.is_none() && !a.starts_with('-') => site = Some(PathBuf::from(a)),
            _ => {
                eprintln!("ukendt argument: {a}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(site) = site else {
        eprintln!(
            "brug: syntetisk MAPPE [--familier N] [--kapitler M] [--hugo MAPPE] [--mdbook MAPPE] [--ekstrem]"
        );
        return ExitCode::from(2);
    };
    let run = || -> std::io::Result<()> {
        let handbook = synth::handbook(chapters, 1)?;
        synth::site(&site, families, &handbook, 1)?;
        if extreme_too {
            extreme::write(&site)?;
        }
        if let Some(h) = &hugo {
            synth::write_hugo(h, &handbook)?;
        }
        if let Some(m) = &mdbook {
            synth::write_mdbook(m, &handbook)?;
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fejl: {e}");
            ExitCode::FAILURE
        }
    }
}
