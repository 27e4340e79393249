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
pub mod watch;
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

/// A site loaded, routed and validated, ready to draw any one of its pages (the live
/// preview, and benchmarks of one kind of page).
pub struct Prepared {
    root: std::path::PathBuf,
    loaded: load::Loaded,
    routes: routes::Routes,
}

/// Load, route and validate a site; its diagnostics when it has errors.
pub fn prepare(paths: &config::Paths) -> Result<Prepared, Diagnostics> {
    let (config, mut diags) = config::load(&paths.root);
    let (loaded, d) = load::load(&paths.root, config);
    diags.extend(d);
    let (routes, d) = routes::Routes::build(&paths.root, &loaded.site);
    diags.extend(d);
    diags.extend(validate::validate(&loaded, &routes));
    if diags.has_errors() || loaded.theme.is_none() {
        return Err(diags);
    }
    Ok(Prepared {
        root: paths.root.clone(),
        loaded,
        routes,
    })
}

impl Prepared {
    /// The output paths of every page, HTML and PDF.
    pub fn paths(&self) -> Vec<String> {
        let mut out = Vec::new();
        for &p in self.routes.pages() {
            out.push(self.routes.path(p, routes::Format::Html));
            if self.routes.has_pdf(p) {
                out.push(self.routes.path(p, routes::Format::Pdf));
            }
        }
        out
    }

    /// The bytes of the page written at `path` (e.g. `familier/holm/diplom.pdf`).
    pub fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        use output::OutputKind;
        let theme = self.loaded.theme.as_ref()?;
        let input = output::Input {
            site: &self.loaded.site,
            routes: &self.routes,
            theme,
            metrics: theme.metrics.as_ref(),
            pdf: true,
        };
        let page = self.routes.pages().iter().copied().find(|p| {
            self.routes.path(*p, routes::Format::Html) == path
                || self.routes.path(*p, routes::Format::Pdf) == path
        })?;
        if path.ends_with(".pdf") {
            let pdf = match output::pdf::Pdf::new(&self.root, &input) {
                Ok(p) => p?,
                Err(d) => return Some(Err(d)),
            };
            Some(pdf.page(page))
        } else {
            Some(output::html::Html::new(&input).page(page))
        }
    }
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
