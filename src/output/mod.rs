//! Stage 6: turn the views into files, in memory. Each output kind (HTML now, PDF next)
//! implements [`OutputKind`]; the driver asks it for every page of the route table, so one
//! page can also be rendered alone (the live preview). Theme assets, robots.txt and the files
//! content links to are added here.

pub mod guard;
pub mod html;
pub mod html_rich;
pub mod pdf;
pub mod search;

use crate::diagnostics::Diagnostic;
use crate::draw::font::Metrics;
use crate::load::theme::Theme;
use crate::model::Site;
use crate::routes::{Format, Page, Routes};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a build writes, keyed by path relative to the output folder (sorted, so
/// writing is deterministic).
#[derive(Debug, Default)]
pub struct Output {
    /// Shared, so the live preview can hand a page out while the next change is drawn.
    pub files: BTreeMap<String, Arc<[u8]>>,
    /// Files copied as they are from the content tree: output path → source path.
    pub copies: BTreeMap<String, PathBuf>,
}

pub const ROBOTS_TXT: &str = "User-agent: *\nDisallow: /\n";
pub const ASSETS_DIR: &str = "assets";

/// What every output kind draws from: the validated site, its routes and the theme.
pub struct Input<'a> {
    pub site: &'a Site,
    pub routes: &'a Routes,
    pub theme: &'a Theme,
    /// The font charts are measured with; None draws no charts (only to measure what they
    /// cost).
    pub metrics: Option<&'a Metrics>,
    /// Whether PDFs are made (always, but to measure what they cost).
    pub pdf: bool,
    /// The day the site is drawn for.
    pub today: crate::model::Date,
    /// Drawn to hand this family its own pages: no link to any other page.
    pub handout: Option<usize>,
}

/// One kind of output (after mdBook's `Renderer`): a format, and a way to draw one page.
pub trait OutputKind: Sync {
    fn format(&self) -> Format;
    /// Whether this kind draws the page at all.
    fn draws(&self, page: Page) -> bool;
    /// The bytes of one page.
    fn page(&self, page: Page) -> Result<Vec<u8>, Diagnostic>;
}

/// The theme's static files, robots.txt and the files content links to.
pub fn extras(root: &Path, input: &Input, out: &mut Output) {
    for (rel, f) in &input.theme.statics {
        out.files
            .insert(format!("{ASSETS_DIR}/{rel}"), f.bytes.as_slice().into());
    }
    out.files
        .insert("robots.txt".into(), ROBOTS_TXT.as_bytes().into());
    // A template error in the list is the chapters' pages' error too, reported with them.
    if let Some(Ok((path, bytes))) = html::Html::new(input).chapter_list_script() {
        out.files.insert(path, bytes.into());
    }
    for (o, rel) in &input.routes.assets {
        out.copies.insert(o.clone(), root.join(rel));
    }
}
