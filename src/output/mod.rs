//! Turn the views into files. Each output kind (HTML, PDF, the handbook's search index)
//! implements [`OutputKind`] and is listed once in [`Kinds`]; a driver (a build, the preview,
//! a handout) asks it for the pages of the route table, one at a time, so one page can also be
//! drawn alone. Every HTML page gets its last look in [`guard`]. Theme assets, robots.txt
//! and the files content links to are added here.

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
    /// The PNG pictures the handbook's PDF places, by output path, as the load stage read
    /// them ([`crate::load::pictures`]).
    pub pictures: &'a BTreeMap<String, Arc<[u8]>>,
}

/// One kind of output (after mdBook's `Renderer`): a format, and a way to draw one page.
pub trait OutputKind: Sync {
    fn format(&self) -> Format;
    /// Whether this kind draws the page at all.
    fn draws(&self, page: Page) -> bool;
    /// The bytes of one page.
    fn page(&self, page: Page) -> Result<Vec<u8>, Diagnostic>;
    /// What laying the page out finds about its content, before anything is drawn (a diploma
    /// that only fits its one page with smaller type): run by `check` and `build` alike, for
    /// every page, whether this kind draws it or prints its content elsewhere.
    fn findings(&self, _page: Page) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// Every output kind, one for each format of the route table: the one list the drivers
/// (`build` and `check`, the preview, a handout) draw pages with. A new kind of output is a
/// format in [`crate::routes`] and a kind here.
pub struct Kinds<'a> {
    html: html::Html<'a>,
    /// None when the theme has no faces for PDFs (or PDFs are off, to measure what they cost).
    pdf: Option<pdf::Pdf<'a>>,
    search: search::Search<'a>,
}

impl<'a> Kinds<'a> {
    pub fn new(input: &'a Input<'a>) -> Result<Kinds<'a>, Diagnostic> {
        Ok(Kinds {
            html: html::Html::new(input),
            pdf: pdf::Pdf::new(input)?.filter(|_| input.pdf),
            search: search::Search::new(input),
        })
    }

    /// The kind that writes a format.
    pub fn of(&self, format: Format) -> Option<&dyn OutputKind> {
        match format {
            Format::Html => Some(&self.html),
            Format::Pdf => self.pdf.as_ref().map(|p| p as &dyn OutputKind),
            Format::Js => Some(&self.search),
        }
    }

    /// Every kind, in the order of the formats.
    pub fn all(&self) -> impl Iterator<Item = &dyn OutputKind> {
        Format::ALL.into_iter().filter_map(|f| self.of(f))
    }

    /// What every kind finds about the page: one that draws it, or one that prints its
    /// content in another document (a chapter in the handbook's PDF).
    pub fn findings(&self, page: Page) -> Vec<Diagnostic> {
        self.all().flat_map(|k| k.findings(page)).collect()
    }

    /// The PDF writer, when PDFs are made (how a diploma fits, for the workbench).
    pub fn pdf(&self) -> Option<&pdf::Pdf<'a>> {
        self.pdf.as_ref()
    }

    /// The HTML writer (the shared chapter list of a large handbook).
    pub fn html(&self) -> &html::Html<'a> {
        &self.html
    }
}

/// The theme's static files, robots.txt and the files content links to.
pub fn extras(root: &Path, input: &Input, kinds: &Kinds, out: &mut Output) {
    for (rel, f) in &input.theme.statics {
        out.files
            .insert(format!("{ASSETS_DIR}/{rel}"), f.bytes.as_slice().into());
    }
    out.files
        .insert("robots.txt".into(), ROBOTS_TXT.as_bytes().into());
    // A template error in the list is the chapters' pages' error too, reported with them.
    if let Some(Ok((path, bytes))) = kinds.html().chapter_list_script() {
        out.files.insert(path, bytes.into());
    }
    for (o, rel) in &input.routes.assets {
        out.copies.insert(o.clone(), root.join(rel));
    }
}
