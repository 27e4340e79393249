//! Stage 5: render the validated model into output files, in memory. Split by output kind:
//! `html` (pages), `assets` (theme static files, robots.txt, linked content files). Charts
//! and PDFs plug in here as further kinds.

pub mod html;
pub mod theme;
pub mod views;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Site;
use crate::urls::{self, UrlKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Everything a build writes, keyed by path relative to the output folder (sorted, so
/// writing is deterministic).
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files copied as they are from the content tree: output path → source path.
    pub copies: BTreeMap<String, PathBuf>,
}

pub const ROBOTS_TXT: &str = "User-agent: *\nDisallow: /\n";
pub const ASSETS_DIR: &str = "assets";

/// Local files (images, documents) that page bodies link to, by path relative to the root.
/// Validation has already made sure each exists.
fn linked_assets(site: &Site) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for src in site.page_sources() {
        for r in crate::markdown::scan(src.body_text()) {
            if let UrlKind::Relative { path, .. } = urls::classify(&r.url) {
                if path.is_empty() || path.ends_with(".md") {
                    continue;
                }
                if let Some(t) = urls::resolve(&src.rel, &path) {
                    out.insert(t);
                }
            }
        }
    }
    out
}

pub fn render(root: &Path, site: &Site) -> Result<Output, Diagnostics> {
    let theme = theme::load(root, &site.config.tema, &site.config.sprog)?;
    let renderer = html::Renderer::new(&theme, site)?;
    let mut out = Output::default();
    for (path, bytes) in renderer.pages()? {
        out.files.insert(path, bytes);
    }
    for (rel, f) in &theme.statics {
        out.files
            .insert(format!("{ASSETS_DIR}/{rel}"), f.bytes.clone());
    }
    out.files
        .insert("robots.txt".into(), ROBOTS_TXT.as_bytes().to_vec());
    let mut diags = Diagnostics::new();
    for rel in linked_assets(site) {
        if let Some(o) = urls::output_for_content(&rel) {
            if out.files.contains_key(&o) {
                diags.push(
                    Diagnostic::error(&rel, Pos::START, format!("filen ville erstatte siden {o}"))
                        .help("Omdøb filen, og ret linket til den."),
                );
                continue;
            }
            out.copies.insert(o, root.join(&rel));
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}
