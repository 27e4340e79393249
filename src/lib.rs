//! trinvis: a static site generator for municipal teams working with vulnerable families.
//!
//! Pipeline, one module per stage, each using only what earlier stages produced:
//! [`config`] → [`load`] (content and theme, into the [`model`]) → [`routes`] →
//! [`validate`] → [`views`] → [`output`] → [`write`]. `check` is `build` without the write.

// Diagnostics are returned by value on cold paths; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod charts;
pub mod config;
pub mod diagnostics;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod privacy;
pub mod routes;
pub mod scaffold;
pub mod source;
pub mod urls;
pub mod validate;
pub mod views;
pub mod write;

use diagnostics::{Diagnostic, Diagnostics, Pos};

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

fn report(loaded: Option<&load::Loaded>, diagnostics: Diagnostics, files: usize) -> Report {
    let (families, chapters) = loaded
        .map(|l| (l.site.families.len(), l.site.chapters.len()))
        .unwrap_or((0, 0));
    Report {
        diagnostics,
        files,
        families,
        chapters,
    }
}

/// What a run does beyond checking.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Write the output folder (build) or not (check).
    pub write: bool,
    /// Draw the charts; off only to measure what they cost (`cargo bench`).
    pub charts: bool,
    /// Write the PDFs (they need the charts); off only to measure what they cost.
    pub pdf: bool,
}

/// The whole pipeline. Every stage runs for `check` too; only the write is left out. On any
/// error nothing is written and the old output stays as it was.
pub fn run(paths: &config::Paths, opts: Options) -> Report {
    let (config, mut diags) = config::load(&paths.root);
    if diags.has_errors() && !paths.content().is_dir() {
        return report(None, diags, 0);
    }
    let (loaded, d) = load::load(&paths.root, config);
    diags.extend(d);
    let (routes, d) = routes::Routes::build(&paths.root, &loaded.site);
    diags.extend(d);
    diags.extend(validate::validate(&loaded, &routes));
    let mut files = 0;
    if let Some(theme) = loaded.theme.as_ref().filter(|_| !diags.has_errors()) {
        let input = output::Input {
            site: &loaded.site,
            routes: &routes,
            theme,
            metrics: theme.metrics.as_ref().filter(|_| opts.charts),
            pdf: opts.pdf && opts.charts,
        };
        match output::render(&paths.root, &input) {
            Ok(out) if opts.write => match write::write(&paths.root, &paths.output, &out) {
                Ok(()) => files = out.files.len() + out.copies.len(),
                Err(e) => diags.push(Diagnostic::error(
                    paths.output.display().to_string(),
                    Pos::START,
                    e.to_string(),
                )),
            },
            Ok(_) => {}
            Err(d) => diags.extend(d),
        }
    }
    report(Some(&loaded), diags, files)
}

/// Load, validate and render in memory; write nothing.
pub fn check(paths: &config::Paths) -> Report {
    run(
        paths,
        Options {
            write: false,
            charts: true,
            pdf: true,
        },
    )
}

/// Check, then write the site into the output folder atomically.
pub fn build(paths: &config::Paths) -> Report {
    run(
        paths,
        Options {
            write: true,
            charts: true,
            pdf: true,
        },
    )
}
