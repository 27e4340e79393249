//! trinvis: a static site generator for municipal teams working with vulnerable families.
//!
//! Pipeline, one module per stage, each using only what earlier stages produced:
//! [`config`] → [`load`] → [`model`] → [`validate`] → [`render`] → [`write`].

// Diagnostics are returned by value on cold paths; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod diagnostics;
pub mod load;
pub mod markdown;
pub mod model;
pub mod privacy;
pub mod render;
pub mod scaffold;
pub mod source;
pub mod urls;
pub mod validate;
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

fn check_stages(paths: &config::Paths) -> (Option<load::Loaded>, Diagnostics) {
    let (config, mut diags) = config::load(&paths.root);
    if diags.has_errors() && !paths.content().is_dir() {
        return (None, diags);
    }
    let (loaded, d) = load::load(&paths.root, config);
    diags.extend(d);
    diags.extend(validate::validate(&paths.root, &loaded));
    (Some(loaded), diags)
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

/// Load and validate; write nothing.
pub fn check(paths: &config::Paths) -> Report {
    let (loaded, diagnostics) = check_stages(paths);
    report(loaded.as_ref(), diagnostics, 0)
}

/// The whole pipeline. On any error nothing is written and the old output stays as it was.
pub fn build(paths: &config::Paths) -> Report {
    let (loaded, mut diagnostics) = check_stages(paths);
    let mut files = 0;
    if let Some(l) = loaded.as_ref().filter(|_| !diagnostics.has_errors()) {
        match render::render(&paths.root, &l.site) {
            Ok(out) => match write::write(&paths.root, &paths.output, &out) {
                Ok(()) => files = out.files.len() + out.copies.len(),
                Err(e) => diagnostics.push(Diagnostic::error(
                    paths.output.display().to_string(),
                    Pos::START,
                    e.to_string(),
                )),
            },
            Err(d) => diagnostics.extend(d),
        }
    }
    report(loaded.as_ref(), diagnostics, files)
}
