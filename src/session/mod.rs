//! A site kept in memory between changes: `build` and `check` open one and draw it whole;
//! `watch` and `serve` keep it and, on every change, read again only the family or chapter
//! that changed, check it again, and draw again only the pages that read it (after Zola's
//! `ChangeKind`). A change to trinvis.yaml, the theme or a picture reads everything again.
//!
//! What a page reads, and so when it is drawn again ([`touched`]):
//! - a family's pages (plan, own plan, journey, diploma; HTML and PDF): that family, and
//!   which chapter is on its trin (a new one draws every page again);
//! - the front page: every family, and the list of chapters; the board: every family;
//! - a chapter: itself, and the list of chapters (its sidebar, previous and next);
//! - the handbook's index: the list of chapters; the all-in-one page, the handbook PDF and
//!   the glossary (which lists the chapters that use each word): every chapter.
//!
//! The list of chapters is each chapter's name and front matter, in order: editing
//! a chapter's text leaves it as it was, so only that chapter and the all-in-one pages are
//! drawn again; a new title, a new or deleted chapter draws every page that lists them.

use crate::config::{self, Paths};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::load::{self, Change, Loaded, Unit};
use crate::model::Site;
use crate::output::{self, Output, OutputKind};
use crate::routes::{Format, Page, Routes};
use crate::validate;
pub use keys::{Key, touched};
use keys::{chapter_list, gathers, pages, placed_pictures, trin_chapters, unit_key};

mod keys;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What a run does beyond checking.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Write the output folder (build) or not (check).
    pub write: bool,
    /// Draw the charts; off only to measure what they cost (`cargo bench`).
    pub charts: bool,
    /// Write the PDFs (they need the charts); off only to measure what they cost.
    pub pdf: bool,
    /// The day the site is drawn for (the board's overdue follow-ups, this week's
    /// meetings); None: the computer's date. The same day gives the same bytes.
    pub today: Option<crate::model::Date>,
}

impl Options {
    pub const BUILD: Options = Options {
        write: true,
        charts: true,
        pdf: true,
        today: None,
    };
}

/// What a draw changed.
#[derive(Debug, Default)]
pub struct Drawn {
    /// Every output path added, changed or gone, sorted.
    pub changed: Vec<String>,
    /// When the session packs ([`Session::pack_with`]): the bytes of the files drawn among
    /// them, packed (not of files gone, nor of files copied from content/, which are read
    /// where they are: [`Output::copies`]).
    pub bytes: BTreeMap<String, Arc<[u8]>>,
}

/// A file a draw changed: its fingerprint, the file packed when the session packs, and
/// whole when the session keeps its output in memory.
struct Made {
    hash: u64,
    packed: Option<Arc<[u8]>>,
    kept: Option<Arc<[u8]>>,
}

/// A file drawn: its path, and what changed (None: the same bytes as last time).
type Piece = (String, Option<Made>);

/// A way to pack a drawn file for keeping (path, bytes); None keeps it as it is.
pub type Pack = fn(&str, &[u8]) -> Option<Arc<[u8]>>;

fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    // Fixed keys: the same bytes give the same number in every run.
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A site read, checked and (when it has no errors) drawn, in memory.
pub struct Session {
    paths: Paths,
    opts: Options,
    /// The day the site is drawn for.
    today: crate::model::Date,
    /// What reading trinvis.yaml reported.
    config: Diagnostics,
    /// None when there is no content folder to read.
    loaded: Option<Loaded>,
    routes: Routes,
    /// Each unit's checks, kept until the unit changes.
    checks: BTreeMap<Unit, Diagnostics>,
    /// The PNG pictures the handbook's PDF places, as read ([`load::pictures`]).
    pictures: BTreeMap<String, Arc<[u8]>>,
    /// Everything reading, routing and checking reported.
    diagnostics: Diagnostics,
    /// The site as drawn: kept whole only by a session that writes it (build, watch); the
    /// files content links to always.
    out: Output,
    /// A fingerprint of every file drawn, to tell what a draw changed.
    hashes: BTreeMap<String, u64>,
    /// The fingerprints of the files as this session last wrote them to the output folder.
    written: BTreeMap<String, u64>,
    /// The output folder this session last wrote ([`folder_id`]).
    written_folder: Option<u64>,
    /// How the files a draw hands out are packed ([`Session::pack_with`]).
    pack: Option<Pack>,
    /// Pages read by what changed since they were last drawn, per format.
    stale: BTreeMap<Format, BTreeSet<Key>>,
    /// Where a build writes each file as it is drawn ([`Session::stream`]); None keeps the
    /// output in memory (`watch`) or nowhere (`check`).
    sink: Option<crate::write::Staging>,
}

impl Session {
    /// Read and check the whole site; nothing is drawn yet.
    pub fn open(paths: &Paths, opts: Options) -> Session {
        let mut s = Session {
            paths: paths.clone(),
            opts,
            today: opts.today.unwrap_or_else(crate::model::Date::today),
            config: Diagnostics::new(),
            loaded: None,
            routes: Routes::default(),
            checks: BTreeMap::new(),
            pictures: BTreeMap::new(),
            diagnostics: Diagnostics::new(),
            out: Output::default(),
            hashes: BTreeMap::new(),
            written: BTreeMap::new(),
            written_folder: None,
            pack: None,
            stale: BTreeMap::new(),
            sink: None,
        };
        s.read_all();
        s
    }

    fn read_all(&mut self) {
        let root = &self.paths.root;
        let (config, diags) = config::load(root);
        self.config = diags;
        self.checks.clear();
        self.pictures.clear();
        if self.config.has_errors() && !self.paths.content().is_dir() {
            self.loaded = None;
            self.routes = Routes::default();
        } else {
            self.loaded = Some(load::load(root, config).0);
        }
        self.mark(BTreeSet::from([Key::Everything]));
        self.check(None);
    }

    fn mark(&mut self, keys: BTreeSet<Key>) {
        for f in Format::ALL {
            self.stale
                .entry(f)
                .or_default()
                .extend(keys.iter().cloned());
        }
    }

    /// Route and check again: every unit when `changed` is None, else the units named.
    fn check(&mut self, changed: Option<&BTreeSet<Unit>>) {
        let Some(loaded) = &self.loaded else {
            self.diagnostics = self.config.clone();
            return;
        };
        let (routes, routes_diags) = Routes::build(&self.paths.root, &loaded.site);
        self.routes = routes;
        let (pictures, picture_diags) = load::pictures(
            &self.paths.root,
            &placed_pictures(&loaded.site, &self.routes),
            &self.pictures,
        );
        self.pictures = pictures;
        let all: BTreeSet<&Unit> = loaded.units().collect();
        self.checks
            .retain(|u, _| all.contains(u) && changed.is_some_and(|c| !c.contains(u)));
        // Checked on every core; kept in order.
        let missing: Vec<&Unit> = loaded
            .units()
            .filter(|u| !self.checks.contains_key(*u))
            .collect();
        let done = unit_checks(
            loaded,
            &self.routes,
            &self.pictures,
            self.today,
            self.opts,
            &missing,
        );
        for (u, d) in missing.into_iter().zip(done) {
            self.checks.insert(u.clone(), d);
        }
        let mut d = self.config.clone();
        d.extend(loaded.diagnostics());
        d.extend(routes_diags);
        d.extend(picture_diags);
        for c in self.checks.values() {
            d.extend(c.clone());
        }
        d.extend(validate::site_wide(loaded, &self.routes));
        self.diagnostics = d;
    }

    /// What `check` would say of a family were its files the texts `given` (by their paths
    /// relative to the site's root) instead of what is on disk: what reading them reports,
    /// the family's own checks, and what laying out its pages finds. The session is left as
    /// it was. None when the site or the family could not be read.
    pub fn try_family(&mut self, slug: &str, given: &load::Given) -> Option<Diagnostics> {
        self.try_family_then(slug, given, |_, _| ()).map(|(d, _)| d)
    }

    /// As [`Session::try_family`], and what `look` sees of the family so read (given the
    /// output kinds drawing that site and the family's place in it) when it reads and is
    /// not new: how its diploma fits, its pages as they would be drawn.
    pub fn try_family_then<T>(
        &mut self,
        slug: &str,
        given: &load::Given,
        look: impl FnOnce(&output::Kinds, usize) -> T,
    ) -> Option<(Diagnostics, Option<T>)> {
        let root = self.paths.root.clone();
        let replaced = self.loaded.as_mut()?.try_family(&root, slug, given)?;
        let unit = Unit::Family(slug.to_string());
        let (read, new) = (replaced.read, replaced.new);
        let found = self.loaded.as_ref().map(|loaded| {
            let mut d = loaded.read_findings(&unit);
            // A family that does not read is told why; its checks need it read.
            if !read {
                return (d, None);
            }
            // A new family has no pages in the route table yet: its data is checked.
            if new {
                d.extend(validate::unit(loaded, &unit, self.today));
                return (d, None);
            }
            // Routed again when the given texts add or take away a page (a first diploma, a
            // journey); else the route table is the one there is.
            let Some(at) = loaded.site.families.iter().position(|f| f.slug == slug) else {
                return (d, None);
            };
            let f = &loaded.site.families[at];
            let same = (
                self.routes.diploma(at).is_some(),
                self.routes.journey(at).is_some(),
            ) == (f.diplom.is_some(), f.rejse.is_some());
            let fresh;
            let routes = if same {
                &self.routes
            } else {
                fresh = Routes::build(&root, &loaded.site).0;
                &fresh
            };
            for c in unit_checks(
                loaded,
                routes,
                &self.pictures,
                self.today,
                self.opts,
                &[&unit],
            ) {
                d.extend(c);
            }
            let seen = loaded.theme.as_ref().and_then(|theme| {
                let input = output::Input {
                    site: &loaded.site,
                    routes,
                    theme,
                    metrics: theme.metrics.as_ref(),
                    pdf: self.opts.pdf && self.opts.charts,
                    today: self.today,
                    handout: None,
                    pictures: &self.pictures,
                };
                let kinds = output::Kinds::new(&input).ok()?;
                Some(look(&kinds, at))
            });
            (d, seen)
        });
        if let Some(l) = self.loaded.as_mut() {
            l.restore(replaced);
        }
        found
    }

    /// The day the site is drawn for.
    pub fn today(&self) -> crate::model::Date {
        self.today
    }

    /// Read again what the changed files (paths relative to the site's root) belong to, and
    /// check it. Drawing is left to [`Session::draw`].
    pub fn change(&mut self, files: &[String]) {
        let mut units = BTreeSet::new();
        for f in files {
            match Change::of(f) {
                Change::Unit(u) => {
                    units.insert(u);
                }
                Change::All => return self.read_all(),
            }
        }
        let Some(loaded) = &mut self.loaded else {
            return self.read_all();
        };
        let before = chapter_list(&loaded.site);
        let trin_before = trin_chapters(&loaded.site);
        let read = loaded.reload(&self.paths.root, &units);
        let list_changed = chapter_list(&loaded.site) != before;
        // Every family's trin links to the chapter on it.
        let trin_changed = trin_chapters(&loaded.site) != trin_before;
        self.mark(touched(&read, list_changed));
        if trin_changed {
            self.mark(BTreeSet::from([Key::Everything]));
        }
        self.check(Some(&read));
    }

    /// Hand out the files a draw changed packed by `pack` (the live preview keeps text
    /// compressed). The session's own copy, when it writes, stays as drawn.
    pub fn pack_with(&mut self, pack: Pack) {
        self.pack = Some(pack);
    }

    /// Everything this read and check reported.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors() && self.loaded.as_ref().is_some_and(|l| l.theme.is_some())
    }

    /// The site as read, if it could be.
    pub fn site(&self) -> Option<&Site> {
        self.loaded.as_ref().map(|l| &l.site)
    }

    /// The route table.
    pub fn routes(&self) -> &Routes {
        &self.routes
    }

    /// The theme's texts (empty without a theme).
    pub fn strings(&self) -> &BTreeMap<String, String> {
        static NONE: BTreeMap<String, String> = BTreeMap::new();
        self.loaded
            .as_ref()
            .and_then(|l| l.theme.as_ref())
            .map_or(&NONE, |t| &t.strings)
    }

    pub fn families(&self) -> usize {
        self.loaded.as_ref().map_or(0, |l| l.site.families.len())
    }

    pub fn chapters(&self) -> usize {
        self.loaded.as_ref().map_or(0, |l| l.site.chapters.len())
    }

    /// Whether pages of this format wait to be drawn.
    pub fn is_stale(&self, format: Format) -> bool {
        self.stale.get(&format).is_some_and(|k| !k.is_empty())
    }

    /// Draw the stale pages of one format (when the site has no errors), and the theme's
    /// files and robots.txt: what changed, or the errors drawing reported (then the output
    /// stays as it was). Pages that no longer exist are removed.
    pub fn draw(&mut self, format: Format) -> Result<Drawn, Diagnostics> {
        self.draw_formats(&[format], |_| true, None)
    }

    /// Draw every stale page of every format, all at once on every core.
    pub fn draw_all(&mut self) -> Result<Drawn, Diagnostics> {
        self.draw_formats(&Format::ALL, |_| true, None)
    }

    /// [`Session::draw`] for the stale pages `pick` picks, at most about `budget` files of
    /// them (whole families and chapters); the rest stay stale. The live preview draws a
    /// family's or chapter's own pages first (`Key::is_own`) and the pages that list them
    /// after, and the PDFs a few at a time between saves.
    pub fn draw_where(
        &mut self,
        format: Format,
        pick: impl Fn(&Key) -> bool,
        budget: Option<usize>,
    ) -> Result<Drawn, Diagnostics> {
        self.draw_formats(&[format], pick, budget)
    }

    /// Draw the stale pages of `formats` that `pick` picks, within `budget`: choose them,
    /// draw them on every core, add the extras, and settle what changed.
    fn draw_formats(
        &mut self,
        formats: &[Format],
        pick: impl Fn(&Key) -> bool,
        budget: Option<usize>,
    ) -> Result<Drawn, Diagnostics> {
        if !self.ok() {
            return Ok(Drawn::default());
        }
        let Some(loaded) = &self.loaded else {
            return Ok(Drawn::default());
        };
        let Some(full) = self.input(None) else {
            return Ok(Drawn::default());
        };
        let input = output::Input {
            metrics: full.metrics.filter(|_| self.opts.charts),
            pdf: self.opts.pdf && self.opts.charts,
            ..full
        };
        let mut diags = Diagnostics::new();
        let kinds = match output::Kinds::new(&input) {
            Ok(k) => k,
            Err(d) => {
                diags.push(d);
                self.diagnostics.extend(diags.clone());
                return Err(diags);
            }
        };
        let (todo, drawn_keys) = choose(
            &self.stale,
            &loaded.site,
            &self.routes,
            &kinds,
            formats,
            &pick,
            budget,
        );
        let keeper = Keeper {
            sink: self.sink.as_ref(),
            hashes: &self.hashes,
            keep: self.opts.write && self.sink.is_none(),
            pack: self.pack,
            theme: input.theme,
            paths: &self.paths,
        };
        let mut made = self.draw_pages(&todo, &keeper, &mut diags);
        let mut extras = Output::default();
        if !diags.has_errors() {
            output::extras(&self.paths.root, &input, &kinds, &mut extras);
            for (path, bytes) in std::mem::take(&mut extras.files) {
                match keeper.piece(path, bytes.to_vec()) {
                    Ok((path, m)) => {
                        made.insert(path, m);
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        if diags.has_errors() {
            self.diagnostics.extend(diags.clone());
            return Err(diags);
        }
        // What the site has now: every page in every format made, and the extras.
        let mut expected: BTreeSet<String> = made.keys().cloned().collect();
        for &p in self.routes.pages() {
            for kind in kinds.all().filter(|k| k.draws(p)) {
                expected.insert(self.routes.path(p, kind.format()));
            }
        }
        drop(kinds);
        Ok(self.settle(made, extras.copies, &expected, drawn_keys))
    }

    /// Draw the pages on every core, the pages that gather the whole site first (the
    /// handbook's PDF, the board), so that no core is left alone with one of them at the
    /// end; put together in the route table's order: the same files and messages as one
    /// core would make.
    fn draw_pages(
        &self,
        todo: &[(&dyn OutputKind, Page)],
        keeper: &Keeper,
        diags: &mut Diagnostics,
    ) -> BTreeMap<String, Option<Made>> {
        let mut order: Vec<usize> = (0..todo.len()).collect();
        order.sort_by_key(|&i| !gathers(todo[i].1));
        let mut drawn: Vec<(usize, Result<Piece, Diagnostic>)> = order
            .into_par_iter()
            // Split down to single pages, so that a core done with its share takes pages
            // from the other's instead of waiting for it.
            .with_max_len(1)
            .map(|i| {
                let (kind, page) = todo[i];
                let path = self.routes.path(page, kind.format());
                (
                    i,
                    kind.page(page).and_then(|bytes| keeper.piece(path, bytes)),
                )
            })
            .collect();
        drawn.sort_by_key(|(i, _)| *i);
        let mut made = BTreeMap::new();
        for (_, r) in drawn {
            match r {
                Ok((path, m)) => {
                    made.insert(path, m);
                }
                Err(d) => diags.push(d),
            }
        }
        made
    }

    /// Keep what a draw made: files changed or gone (against `expected`, what the site has
    /// now), the files copied from content, and which pages are still stale.
    fn settle(
        &mut self,
        made: BTreeMap<String, Option<Made>>,
        copies: BTreeMap<String, std::path::PathBuf>,
        expected: &BTreeSet<String>,
        drawn_keys: Vec<(Format, BTreeSet<Key>, BTreeSet<Key>)>,
    ) -> Drawn {
        let mut d = Drawn::default();
        let gone: Vec<String> = self
            .hashes
            .keys()
            .filter(|k| !expected.contains(*k))
            .cloned()
            .collect();
        for path in gone {
            self.hashes.remove(&path);
            self.out.files.remove(&path);
            d.changed.push(path);
        }
        for (path, m) in made {
            let Some(Made { hash, packed, kept }) = m else {
                continue;
            };
            self.hashes.insert(path.clone(), hash);
            d.changed.push(path.clone());
            if let Some(kept) = kept {
                self.out.files.insert(path.clone(), kept);
            }
            if let Some(packed) = packed {
                d.bytes.insert(path, packed);
            }
        }
        for (k, v) in &copies {
            if self.out.copies.get(k) != Some(v) {
                d.changed.push(k.clone());
            }
        }
        for k in self.out.copies.keys() {
            if !copies.contains_key(k) {
                d.changed.push(k.clone());
            }
        }
        self.out.copies = copies;
        for (format, keys, later) in drawn_keys {
            if let Some(stale) = self.stale.get_mut(&format) {
                stale.retain(|k| !keys.contains(k));
                stale.extend(later);
            }
        }
        d.changed.sort();
        d.changed.dedup();
        d
    }

    /// The site as last drawn (its files only when the session writes).
    pub fn output(&self) -> &Output {
        &self.out
    }

    /// What the output kinds draw from: the site as read, with charts and PDFs; `handout`
    /// names a family whose own pages are drawn to be handed to it. None without a site or
    /// a theme.
    fn input(&self, handout: Option<usize>) -> Option<output::Input<'_>> {
        let loaded = self.loaded.as_ref()?;
        let theme = loaded.theme.as_ref()?;
        Some(output::Input {
            site: &loaded.site,
            routes: &self.routes,
            theme,
            metrics: theme.metrics.as_ref(),
            pdf: true,
            today: self.today,
            handout,
            pictures: &self.pictures,
        })
    }

    /// Draw the page written at `path` (e.g. `familier/holm/diplom.pdf`) afresh, keeping
    /// nothing (to measure one kind of page).
    pub fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        let input = self.input(None)?;
        let kinds = match output::Kinds::new(&input) {
            Ok(k) => k,
            Err(d) => return Some(Err(d)),
        };
        self.routes.pages().iter().find_map(|&p| {
            Format::ALL.into_iter().find_map(|f| {
                let kind = kinds.of(f).filter(|k| k.draws(p))?;
                (self.routes.path(p, f) == path).then(|| kind.page(p))
            })
        })
    }

    /// One family's own pages, drawn to be handed to it (`trinvis udlever`): its plan in
    /// plain words, its journey and its diploma ([`Page::handout`]), in the `formats` the
    /// handout module chooses, with no link to any other page. What else the folder holds is
    /// what these pages refer to ([`crate::handout`]). None if the site has errors or no such
    /// family.
    pub fn handout(&self, slug: &str, formats: &[Format]) -> Option<Result<Output, Diagnostic>> {
        if !self.ok() {
            return None;
        }
        let loaded = self.loaded.as_ref()?;
        let i = loaded.site.families.iter().position(|f| f.slug == slug)?;
        let input = self.input(Some(i))?;
        let mut out = Output::default();
        let kinds = match output::Kinds::new(&input) {
            Ok(k) => k,
            Err(d) => return Some(Err(d)),
        };
        for p in Page::handout(i) {
            if !self.routes.pages().contains(&p) {
                continue;
            }
            for &f in formats {
                let Some(kind) = kinds.of(f).filter(|k| k.draws(p)) else {
                    continue;
                };
                match kind.page(p) {
                    Ok(bytes) => {
                        out.files.insert(self.routes.path(p, f), bytes.into());
                    }
                    Err(d) => return Some(Err(d)),
                }
            }
        }
        Some(Ok(out))
    }

    /// The theme as read (None without one).
    pub fn theme(&self) -> Option<&crate::load::theme::Theme> {
        self.loaded.as_ref().and_then(|l| l.theme.as_ref())
    }

    /// The content files of one unit (a family's `familie.yaml`, `plan.md` …).
    pub fn sources_of(&self, unit: &Unit) -> Vec<&crate::source::Source> {
        self.loaded
            .as_ref()
            .map(|l| l.sources_of(unit).collect())
            .unwrap_or_default()
    }

    /// The site's folder and output.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// From now on, write each file into a fresh staging folder as soon as it is drawn,
    /// instead of keeping the output in memory (`build`): memory does not grow with the
    /// output. [`Session::write`] swaps the folder in; dropped before that, the session
    /// deletes it and the output stays as it was.
    pub fn stream(&mut self) -> Result<(), Diagnostic> {
        let s = crate::write::Staging::begin(&self.paths.root, &self.paths.output)
            .map_err(|e| write_error(&self.paths, e))?;
        self.sink = Some(s);
        Ok(())
    }

    /// Write the site as drawn into the output folder, atomically: swap in the staging
    /// folder the draws wrote into ([`Session::stream`]), or write the output kept in
    /// memory. The number of files written.
    pub fn write(&mut self) -> Result<usize, Diagnostic> {
        let paths = &self.paths;
        let err = |e| write_error(paths, e);
        let s = match self.sink.take() {
            Some(s) => s,
            None => {
                // The output kept in memory (`watch`): a file this session wrote last time
                // with the same bytes is linked from there, not written again, so a save
                // writes what it changed, not the whole site.
                // Only while the folder is the one it wrote (another build swaps in another).
                let ours = self.written_folder.is_some()
                    && folder_id(&paths.output) == self.written_folder;
                let s = crate::write::Staging::begin(&paths.root, &paths.output).map_err(err)?;
                for (rel, bytes) in &self.out.files {
                    let same = ours
                        && self
                            .written
                            .get(rel)
                            .is_some_and(|h| self.hashes.get(rel) == Some(h));
                    if !(same && s.link(rel, &paths.output.join(rel)).map_err(err)?) {
                        s.put(rel, bytes).map_err(err)?;
                    }
                }
                s
            }
        };
        for (rel, src) in &self.out.copies {
            s.copy(rel, src).map_err(err)?;
        }
        let files = s.files();
        s.finish().map_err(err)?;
        self.written = self.hashes.clone();
        self.written_folder = folder_id(&paths.output);
        Ok(files)
    }
}

/// What tells one folder from another put in its place: its inode (None where there is
/// none to read, and then nothing is linked).
fn folder_id(dir: &std::path::Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// The pages to draw, format after format in the route table's order; per format, the keys
/// drawn and those left for later (over the `budget` of files).
#[allow(clippy::type_complexity)]
fn choose<'k>(
    stale: &BTreeMap<Format, BTreeSet<Key>>,
    site: &Site,
    routes: &Routes,
    kinds: &'k output::Kinds,
    formats: &[Format],
    pick: &dyn Fn(&Key) -> bool,
    budget: Option<usize>,
) -> (
    Vec<(&'k dyn OutputKind, Page)>,
    Vec<(Format, BTreeSet<Key>, BTreeSet<Key>)>,
) {
    let mut todo: Vec<(&dyn OutputKind, Page)> = Vec::new();
    let mut drawn_keys = Vec::new();
    for &format in formats {
        let Some(stale) = stale.get(&format) else {
            continue;
        };
        let keys: BTreeSet<Key> = stale.iter().filter(|k| pick(k)).cloned().collect();
        let mut later = BTreeSet::new();
        if let Some(kind) = kinds.of(format) {
            for (key, pages) in pages(site, routes, &keys) {
                let pages: Vec<Page> = pages.into_iter().filter(|p| kind.draws(*p)).collect();
                if budget.is_some_and(|b| !todo.is_empty() && todo.len() + pages.len() > b) {
                    later.insert(key);
                    continue;
                }
                todo.extend(pages.into_iter().map(|p| (kind, p)));
            }
        }
        drawn_keys.push((format, keys, later));
    }
    (todo, drawn_keys)
}

/// What becomes of a file as drawn, on whichever core drew it: its last look (a file that is
/// not a page), written at once when the session streams, fingerprinted, and, when it
/// changed, packed and kept as the session needs it.
struct Keeper<'s> {
    sink: Option<&'s crate::write::Staging>,
    hashes: &'s BTreeMap<String, u64>,
    keep: bool,
    pack: Option<Pack>,
    theme: &'s crate::load::theme::Theme,
    paths: &'s Paths,
}

impl Keeper<'_> {
    fn piece(&self, path: String, bytes: Vec<u8>) -> Result<Piece, Diagnostic> {
        // Pages and PDFs had their last look as they were drawn.
        if let Some(f) = output::guard::file_cpr(&path, &bytes) {
            return Err(output::guard::diagnostic(&f, &path, self.theme));
        }
        if let Some(s) = self.sink {
            s.put(&path, &bytes)
                .map_err(|e| write_error(self.paths, e))?;
        }
        let hash = fingerprint(&bytes);
        if self.hashes.get(&path) == Some(&hash) {
            return Ok((path, None));
        }
        let packed = self.pack.map(|p| p(&path, &bytes));
        let plain: Option<Arc<[u8]>> =
            (self.keep || packed.as_ref().is_some_and(Option::is_none)).then(|| bytes.into());
        let made = Made {
            hash,
            packed: packed.map(|p| p.or_else(|| plain.clone()).unwrap_or_default()),
            kept: plain.filter(|_| self.keep),
        };
        Ok((path, Some(made)))
    }
}

/// A failed write, as a diagnostic on the output folder.
fn write_error(paths: &Paths, e: crate::write::WriteError) -> Diagnostic {
    Diagnostic::error(
        paths.output.display().to_string(),
        Pos::START,
        e.to_string(),
    )
}

/// The checks of each of `units`: its data, and what the output kinds find as they lay out
/// its pages (a diploma too long). On every core; in the order given.
fn unit_checks(
    loaded: &Loaded,
    routes: &Routes,
    pictures: &BTreeMap<String, Arc<[u8]>>,
    today: crate::model::Date,
    opts: Options,
    units: &[&Unit],
) -> Vec<Diagnostics> {
    let input = loaded.theme.as_ref().map(|theme| output::Input {
        site: &loaded.site,
        routes,
        theme,
        metrics: theme.metrics.as_ref(),
        pdf: opts.pdf && opts.charts,
        today,
        handout: None,
        pictures,
    });
    let kinds = input.as_ref().and_then(|i| output::Kinds::new(i).ok());
    let wanted: BTreeSet<Key> = units.iter().map(|u| unit_key(u)).collect();
    let own_pages: BTreeMap<Key, Vec<Page>> =
        pages(&loaded.site, routes, &wanted).into_iter().collect();
    units
        .par_iter()
        .map(|u| {
            let mut d = validate::unit(loaded, u, today);
            if let (Some(kinds), Some(ps)) = (&kinds, own_pages.get(&unit_key(u))) {
                for &p in ps {
                    d.extend_from(kinds.findings(p));
                }
            }
            d
        })
        .collect()
}
