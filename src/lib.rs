//! trinvis: a static site generator for municipal teams working with vulnerable families.
//!
//! Pipeline, one module per stage, each using only what earlier stages produced:
//! `config` → `load` (content and theme, into the `model`) → `routes` → `validate` → `views`
//! → `output` → `write`. `check` is `build` without the write. A [`Session`] keeps a site read,
//! checked and drawn between changes, so that `watch` and `serve` read and draw again only
//! what a change reaches; `build` and `check` are a session drawn whole.
//!
//! ARCHITECTURE.md, beside Cargo.toml, is the map: each module's job and which may use which
//! (a test holds the code to it). The stages are `pub(crate)`; what stays public is what the
//! binary, the tests and the benchmarks use.

// Diagnostics are returned by value on cold paths; boxing them buys nothing.
#![allow(clippy::result_large_err)]

// Helpers every stage may use.
pub mod cpr;
pub mod diagnostics;
pub(crate) mod draw;
pub(crate) mod markdown;
pub(crate) mod source;
pub(crate) mod urls;
pub mod words;

// The pipeline's stages (their order, and who may use whom, in ARCHITECTURE.md).
pub(crate) mod charts;
pub mod config;
pub(crate) mod load;
pub mod model;
pub(crate) mod output;
pub(crate) mod privacy;
pub mod routes;
pub(crate) mod validate;
pub(crate) mod views;
pub mod write;

// What runs the pipeline, and the commands.
pub mod handout;
pub mod scaffold;
pub mod serve;
pub(crate) mod session;
pub mod watch;

use diagnostics::Diagnostics;
pub use session::{Options, Session};

/// What a build or check produced.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Diagnostics,
    /// Number of files written (0 for a check or a failed build).
    pub files: usize,
    pub families: usize,
    pub chapters: usize,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// The whole pipeline. Every stage runs for `check` too; only the write is left out. On any
/// error nothing is written and the old output stays as it was.
pub fn run(paths: &config::Paths, opts: Options) -> Report {
    let mut s = Session::open(paths, opts);
    let mut files = 0;
    let mut failed = None;
    // Each file is written into a staging folder as it is drawn; on any error the session
    // deletes that folder. A failed draw's errors are among the session's diagnostics.
    if s.ok() && opts.write {
        match s.stream() {
            Ok(()) => {
                if s.draw_all().is_ok() && s.ok() {
                    match s.write() {
                        Ok(n) => files = n,
                        Err(d) => failed = Some(d),
                    }
                }
            }
            Err(d) => failed = Some(d),
        }
    } else {
        let _ = s.draw_all();
    }
    let mut diagnostics = s.diagnostics().clone();
    diagnostics.extend_from(failed);
    Report {
        diagnostics,
        files,
        families: s.families(),
        chapters: s.chapters(),
    }
}

/// Load, validate and render in memory; write nothing.
pub fn check(paths: &config::Paths) -> Report {
    run(
        paths,
        Options {
            write: false,
            ..Options::BUILD
        },
    )
}

/// Check, then write the site into the output folder atomically.
pub fn build(paths: &config::Paths) -> Report {
    run(paths, Options::BUILD)
}
