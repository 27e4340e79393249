//! All disk reading. The content tree (walkdir, front matter, YAML into the typed
//! model) and the theme (templates compiled, strings, static files). Reports unreadable files,
//! missing required files, YAML/type errors and template syntax errors.

pub mod theme;

use crate::config::{CONTENT_DIR, real_path};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::{Chapter, Config, Doc, Family, Site};
use crate::source::{MAX_FILE_BYTES, Source, limits, too_big};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

pub const FAMILIES_DIR: &str = "familier";
pub const HANDBOOK_DIR: &str = "metode";

/// Everything read: the site (only the parts that parsed) and every text source, so later
/// stages can check all of them (e.g. for CPR numbers) even where parsing failed.
#[derive(Debug)]
pub struct Loaded {
    pub site: Site,
    /// Every text read, by its path relative to the site's root.
    pub sources: BTreeMap<String, Arc<Source>>,
    /// None when the theme could not be loaded (reported).
    pub theme: Option<theme::Theme>,
    /// What each unit was read from, and what reading it reported.
    units: BTreeMap<Unit, UnitRead>,
    /// What looking through the content folder reported.
    scan: Diagnostics,
    theme_diags: Diagnostics,
}

/// What [`Loaded::try_family`] put aside.
pub struct Replaced {
    slug: String,
    /// Whether the family read with the texts given is in place (else only what reading
    /// reported is).
    pub read: bool,
    /// Whether it is a family that was not there before (it has no pages to lay out).
    pub new: bool,
    family: Option<Family>,
    unit: Option<UnitRead>,
    sources: Vec<(String, Option<Arc<Source>>)>,
}

#[derive(Debug)]
struct UnitRead {
    sources: Vec<String>,
    diags: Diagnostics,
}

fn rel_of(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A URL-safe folder or file name: lowercase ASCII letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Make a slug from a name: `Familien Søndergård` → `familien-soendergaard`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'é' | 'è' | 'ê' => out.push('e'),
            'ü' => out.push('u'),
            'ö' => out.push_str("oe"),
            'ä' => out.push_str("ae"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The entries directly inside `dir`, sorted by name.
fn children(dir: &Path) -> walkdir::IntoIter {
    WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
}

/// The entries of a folder that could be read; a folder (or entry) that cannot be read is
/// reported by name ("permission denied"), not mistaken for missing files.
fn readable(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<walkdir::DirEntry> {
    let mut out = Vec::new();
    for e in children(dir) {
        match e {
            Ok(e) => out.push(e),
            Err(err) => {
                let at = err.path().unwrap_or(dir);
                let why = err
                    .io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| err.to_string());
                diags.push(
                    Diagnostic::error(rel_of(root, at), Pos::START, format!("kan ikke læse mappen: {why}"))
                        .help("Giv trinvis lov til at læse mappen (rettigheder), eller flyt indholdet til en mappe, der kan læses."),
                );
            }
        }
    }
    out
}

/// Follow a link only while it stays inside content/: its real path, or an error naming the
/// link and where it leads.
fn linked(root: &Path, path: &Path) -> Result<std::path::PathBuf, Diagnostic> {
    let real = real_path(path);
    if real.starts_with(real_path(&root.join(CONTENT_DIR))) {
        return Ok(real);
    }
    Err(
        Diagnostic::error(rel_of(root, path), Pos::START, "genvejen fører ud af content/")
            .value(format!("{} → {}", rel_of(root, path), real.display()))
            .help("Kopiér filen eller mappen ind i content/ i stedet for at lægge en genvej (symlink); trinvis læser aldrig uden for sitets indhold."),
    )
}

fn read(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && let Err(d) = linked(root, path) {
        diags.push(d);
        return None;
    }
    // Checked before reading, so a huge file is never loaded.
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        diags.push(too_big(&rel_of(root, path), size));
        return None;
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) if s.contains('\0') => {
                let at = s.find('\0').unwrap_or(0);
                let before = &s[..at];
                let pos = Pos {
                    line: before.matches('\n').count() + 1,
                    col: before
                        .rsplit('\n')
                        .next()
                        .map(|l| l.chars().count())
                        .unwrap_or(0)
                        + 1,
                };
                diags.push(
                    Diagnostic::error(rel_of(root, path), pos, "filen indeholder et usynligt NUL-tegn")
                        .help("Gem filen igen som almindelig tekst (UTF-8), eller skriv linjen forfra; tegnet kommer ofte med, når tekst kopieres fra andre programmer."),
                );
                None
            }
            Ok(s) => Some(s),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let text = String::from_utf8_lossy(valid);
                let line = text.matches('\n').count() + 1;
                let col = text
                    .rsplit('\n')
                    .next()
                    .map(|l| l.chars().count())
                    .unwrap_or(0)
                    + 1;
                diags.push(
                    Diagnostic::error(rel_of(root, path), Pos { line, col }, "filen er ikke gemt som UTF-8")
                        .help("Gem filen igen som UTF-8 (i de fleste editorer: Gem som … → Kodning: UTF-8)."),
                );
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                rel_of(root, path),
                Pos::START,
                format!("kan ikke læse filen: {}", crate::diagnostics::os_error(&e)),
            ));
            None
        }
    }
}

fn parse_doc<T: serde::de::DeserializeOwned>(
    source: Source,
    diags: &mut Diagnostics,
    sources: &mut Vec<Arc<Source>>,
) -> Option<Doc<T>> {
    let (parsed, errors) = source.parse_all::<T>();
    let source = Arc::new(source);
    sources.push(source.clone());
    for d in errors {
        diags.push(d);
    }
    parsed.map(|data| Doc { data, source })
}

/// Texts given for files (by their path relative to the site's root) instead of what is on
/// disk: the workbench checks an edit before it is written.
pub type Given = BTreeMap<String, String>;

fn load_source(root: &Path, path: &Path, given: &Given, diags: &mut Diagnostics) -> Option<Source> {
    let rel = rel_of(root, path);
    let text = match given.get(&rel) {
        Some(t) => t.clone(),
        None => read(root, path, diags)?,
    };
    if let Some(d) = limits(&rel, &text) {
        diags.push(d);
        return None;
    }
    if rel.ends_with(".md") {
        match Source::markdown(rel, text) {
            Ok(s) => Some(s),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    } else {
        Some(Source::yaml(rel, text))
    }
}

const FAMILY_FILES: &[&str] = &["familie.yaml", "plan.md", "rejse.yaml", "diplom.md"];

/// A part of the content that is read as a whole: a family folder or a handbook chapter,
/// by its slug. A change to a file reloads only the unit the file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Family(String),
    Chapter(String),
}

/// What a changed file (relative to the site's root) asks to be read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only this family or chapter.
    Unit(Unit),
    /// Everything: trinvis.yaml, the theme, or a file the pages draw from (a picture, the
    /// emblem).
    All,
}

impl Change {
    pub fn of(rel: &str) -> Change {
        let rel = rel.replace('\\', "/");
        let parts: Vec<&str> = rel.split('/').collect();
        match parts.as_slice() {
            [c, f, slug] if *c == CONTENT_DIR && *f == FAMILIES_DIR => {
                Change::Unit(Unit::Family(slug.to_string()))
            }
            [c, f, slug, file] if *c == CONTENT_DIR && *f == FAMILIES_DIR && is_text(file) => {
                Change::Unit(Unit::Family(slug.to_string()))
            }
            [c, h, file] if *c == CONTENT_DIR && *h == HANDBOOK_DIR && file.ends_with(".md") => {
                Change::Unit(Unit::Chapter(file.trim_end_matches(".md").to_string()))
            }
            _ => Change::All,
        }
    }
}

fn is_text(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml")
}

/// What a unit parsed into.
enum Parsed {
    Family(Option<Box<Family>>),
    Chapter(Option<Chapter>),
}

/// What reading one unit gave: what parsed, every text read (for the privacy checks, also
/// where parsing failed), and what was wrong.
#[derive(Debug, Default)]
struct Read {
    sources: Vec<Arc<Source>>,
    diags: Diagnostics,
}

/// The family folders, by slug; a folder whose name cannot be an address is reported.
fn family_dirs(root: &Path, diags: &mut Diagnostics) -> BTreeMap<String, PathBuf> {
    let fam_root = root.join(CONTENT_DIR).join(FAMILIES_DIR);
    let mut fam_dirs = BTreeMap::new();
    if !fam_root.is_dir() {
        return fam_dirs;
    }
    for e in readable(root, &fam_root, diags) {
        if !(e.file_type().is_dir() || e.path_is_symlink()) {
            continue;
        }
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        // A linked family folder is followed while it stays inside content/.
        if e.path_is_symlink() {
            match linked(root, e.path()) {
                Ok(real) if real.is_dir() => {}
                Ok(_) => continue,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            }
        }
        if !is_slug(&name) {
            diags.push(
                Diagnostic::error(
                    rel_of(root, e.path()),
                    Pos::START,
                    "mappenavnet kan ikke bruges i en adresse",
                )
                .value(&name)
                .help(format!(
                    "Omdøb mappen til kun små bogstaver a–z, tal og bindestreger, fx `{}`.",
                    slugify(&name)
                )),
            );
            continue;
        }
        fam_dirs.insert(name, e.path().to_path_buf());
    }
    fam_dirs
}

/// One family folder.
fn family(root: &Path, slug: &str, dir: &Path, given: &Given) -> (Option<Family>, Read) {
    let mut r = Read::default();
    let (diags, sources) = (&mut r.diags, &mut r.sources);
    // (A new family's folder, checked before it is made, is not there yet.)
    let entries = if dir.is_dir() {
        readable(root, dir, diags)
    } else {
        Vec::new()
    };
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_file() && is_text(&name) && !FAMILY_FILES.contains(&name.as_str()) {
            diags.push(
                Diagnostic::warning(
                    rel_of(root, entry.path()),
                    Pos::START,
                    "filen bliver ikke brugt",
                )
                .help(format!(
                    "En familiemappe kan have {}. Tjek stavningen af filnavnet.",
                    FAMILY_FILES.join(", ")
                )),
            );
        }
    }
    let required = |file: &str, what: &str, diags: &mut Diagnostics| -> Option<Source> {
        let p = dir.join(file);
        if !p.is_file() && !given.contains_key(&rel_of(root, &p)) {
            diags.push(
                Diagnostic::error(rel_of(root, &p), Pos::START, format!("{what} mangler"))
                    .help(format!("Opret filen `{file}` i mappen (se README, afsnittet om indhold, eller kør `trinvis new family`).")),
            );
            return None;
        }
        load_source(root, &p, given, diags)
    };
    let familie = required("familie.yaml", "familiens stamdata (familie.yaml)", diags)
        .and_then(|s| parse_doc(s, diags, sources));
    let plan = required("plan.md", "familieplanen (plan.md)", diags)
        .and_then(|s| parse_doc(s, diags, sources));
    let optional = |file: &str, diags: &mut Diagnostics| -> Option<Source> {
        let p = dir.join(file);
        if p.is_file() || given.contains_key(&rel_of(root, &p)) {
            load_source(root, &p, given, diags)
        } else {
            None
        }
    };
    // A broken optional file has already been reported; the build stops on errors.
    let rejse = optional("rejse.yaml", diags).and_then(|s| parse_doc(s, diags, sources));
    let diplom = optional("diplom.md", diags).and_then(|s| parse_doc(s, diags, sources));
    let family = match (familie, plan) {
        (Some(familie), Some(plan)) => Some(Family {
            slug: slug.to_string(),
            familie,
            plan,
            rejse,
            diplom,
        }),
        _ => None,
    };
    (family, r)
}

/// The handbook's chapter files, by slug; a name that cannot be an address is reported.
fn chapter_files(root: &Path, diags: &mut Diagnostics) -> BTreeMap<String, PathBuf> {
    let hb = root.join(CONTENT_DIR).join(HANDBOOK_DIR);
    let mut out = BTreeMap::new();
    if !hb.is_dir() {
        diags.push(
            Diagnostic::warning(
                format!("{CONTENT_DIR}/{HANDBOOK_DIR}"),
                Pos::START,
                "der er ingen metodehåndbog",
            )
            .help(format!(
                "Læg håndbogens kapitler som Markdown-filer i `{CONTENT_DIR}/{HANDBOOK_DIR}/`."
            )),
        );
        return out;
    }
    for entry in readable(root, &hb, diags) {
        let name = entry.file_name().to_string_lossy().to_string();
        // A linked chapter is read like any other (`read` refuses links out of content/).
        let is_file = entry.file_type().is_file() || entry.path_is_symlink();
        if !is_file || !name.ends_with(".md") {
            continue;
        }
        let slug = name.trim_end_matches(".md").to_string();
        if !is_slug(&slug) {
            diags.push(
                Diagnostic::error(
                    rel_of(root, entry.path()),
                    Pos::START,
                    "filnavnet kan ikke bruges i en adresse",
                )
                .value(&name)
                .help(format!(
                    "Omdøb filen til kun små bogstaver a–z, tal og bindestreger, fx `{}.md`.",
                    slugify(&slug)
                )),
            );
            continue;
        }
        out.insert(slug, entry.path().to_path_buf());
    }
    out
}

/// One handbook chapter.
fn chapter(root: &Path, slug: &str, path: &Path) -> (Option<Chapter>, Read) {
    let mut r = Read::default();
    let chapter = load_source(root, path, &Given::new(), &mut r.diags)
        .and_then(|s| parse_doc(s, &mut r.diags, &mut r.sources))
        .map(|doc| Chapter {
            slug: slug.to_string(),
            doc,
        });
    (chapter, r)
}

/// What the content folder holds, apart from its units.
fn scan(root: &Path) -> (BTreeMap<Unit, PathBuf>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = root.join(CONTENT_DIR);
    for dir in [FAMILIES_DIR, HANDBOOK_DIR] {
        let p = content.join(dir);
        if p.exists() && !p.is_dir() {
            diags.push(
                Diagnostic::error(
                    rel_of(root, &p),
                    Pos::START,
                    "her skal være en mappe, men det er en fil",
                )
                .help(format!(
                    "Slet eller omdøb filen, og lav en mappe `{CONTENT_DIR}/{dir}/` til indholdet."
                )),
            );
        }
    }
    let mut units: BTreeMap<Unit, PathBuf> = family_dirs(root, &mut diags)
        .into_iter()
        .map(|(s, p)| (Unit::Family(s), p))
        .collect();
    units.extend(
        chapter_files(root, &mut diags)
            .into_iter()
            .map(|(s, p)| (Unit::Chapter(s), p)),
    );
    (units, diags)
}

/// Read and parse everything under `root/content`, and the theme.
pub fn load(root: &Path, config: Config) -> (Loaded, Diagnostics) {
    let (theme, theme_diags) = theme::load(root, &config.tema, &config.sprog);
    // config has checked that the emblem is an image file inside the site.
    let emblem = config
        .emblem
        .as_deref()
        .and_then(|e| std::fs::read(root.join(e.trim())).ok());
    let mut loaded = Loaded {
        theme,
        site: Site {
            emblem,
            config,
            families: Vec::new(),
            chapters: Vec::new(),
            path: None,
            glossary: None,
        },
        sources: BTreeMap::new(),
        units: BTreeMap::new(),
        scan: Diagnostics::new(),
        theme_diags,
    };
    loaded.reload(root, &BTreeSet::new());
    let diags = loaded.diagnostics();
    (loaded, diags)
}

impl Loaded {
    /// Everything reading reported, in the order of a full load.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        d.extend_from(self.scan.iter().cloned());
        for u in self.units.values() {
            d.extend_from(u.diags.iter().cloned());
        }
        d.extend_from(self.theme_diags.iter().cloned());
        d
    }

    /// Read again the units named, and every unit that has come or gone since the last read
    /// (so a change that was not reported is still seen); the units read, sorted.
    pub fn reload(&mut self, root: &Path, changed: &BTreeSet<Unit>) -> BTreeSet<Unit> {
        let (found, scan) = scan(root);
        self.scan = scan;
        let mut todo: BTreeSet<Unit> = changed.clone();
        todo.extend(
            found
                .keys()
                .filter(|u| !self.units.contains_key(*u))
                .cloned(),
        );
        todo.extend(
            self.units
                .keys()
                .filter(|u| !found.contains_key(*u))
                .cloned(),
        );
        for unit in &todo {
            if let Some(old) = self.units.remove(unit) {
                for rel in old.sources {
                    self.sources.remove(&rel);
                }
            }
            match unit {
                Unit::Family(slug) => {
                    if let Ok(i) = self.site.families.binary_search_by(|f| f.slug.cmp(slug)) {
                        self.site.families.remove(i);
                    }
                }
                Unit::Chapter(slug) => self.site.chapters.retain(|c| &c.slug != slug),
            }
        }
        // Read on every core; put in place in order.
        let reads: Vec<(&Unit, Parsed, Read)> = todo
            .par_iter()
            .filter_map(|unit| {
                let path = found.get(unit)?;
                Some(match unit {
                    Unit::Family(slug) => {
                        let (f, read) = family(root, slug, path, &Given::new());
                        (unit, Parsed::Family(f.map(Box::new)), read)
                    }
                    Unit::Chapter(slug) => {
                        let (c, read) = chapter(root, slug, path);
                        (unit, Parsed::Chapter(c), read)
                    }
                })
            })
            .collect();
        for (unit, parsed, read) in reads {
            match parsed {
                Parsed::Family(Some(f)) => {
                    let i = self
                        .site
                        .families
                        .binary_search_by(|x| x.slug.cmp(&f.slug))
                        .unwrap_or_else(|i| i);
                    self.site.families.insert(i, *f);
                }
                Parsed::Chapter(c) => self.site.chapters.extend(c),
                Parsed::Family(None) => {}
            }
            let rels = read.sources.iter().map(|s| s.rel.clone()).collect();
            for s in read.sources {
                self.sources.insert(s.rel.clone(), s);
            }
            self.units.insert(
                unit.clone(),
                UnitRead {
                    sources: rels,
                    diags: read.diags,
                },
            );
        }
        self.site
            .chapters
            .sort_by(|a, b| (a.doc.data.vaegt, &a.slug).cmp(&(b.doc.data.vaegt, &b.slug)));
        // The reading path and the glossary are small and read every time.
        self.site.path = self.handbook_file(root, crate::model::READING_PATH_FILE);
        self.site.glossary = self.handbook_file(root, crate::model::GLOSSARY_FILE);
        todo
    }

    /// A YAML file of the handbook's own (the reading path, the glossary), if it is there;
    /// what is wrong with it goes with the scan's diagnostics.
    fn handbook_file<T: serde::de::DeserializeOwned>(
        &mut self,
        root: &Path,
        name: &str,
    ) -> Option<Doc<T>> {
        let path = root.join(CONTENT_DIR).join(HANDBOOK_DIR).join(name);
        if !path.is_file() {
            return None;
        }
        let mut found = Vec::new();
        load_source(root, &path, &Given::new(), &mut self.scan)
            .and_then(|s| parse_doc(s, &mut self.scan, &mut found))
    }

    /// Read a family again with the texts `given` for some of its files, and put it in the
    /// place of the one read before; what it replaced, for [`Loaded::restore`]. None when
    /// the family has no folder.
    pub fn try_family(&mut self, root: &Path, slug: &str, given: &Given) -> Option<Replaced> {
        let dir = root.join(CONTENT_DIR).join(FAMILIES_DIR).join(slug);
        if !dir.is_dir() && given.is_empty() {
            return None;
        }
        let unit = Unit::Family(slug.to_string());
        let (fam, read) = family(root, slug, &dir, given);
        // Only a family that reads swaps places with the one read before: the route table
        // is made for the families there are.
        let at = self
            .site
            .families
            .binary_search_by(|f| f.slug.as_str().cmp(slug));
        let mut new = false;
        let family = match (at, fam) {
            (Ok(i), Some(f)) => Some(std::mem::replace(&mut self.site.families[i], f)),
            // A family not there before (a new one) is put in for its own checks; it has no
            // pages in the route table.
            (Err(i), Some(f)) => {
                self.site.families.insert(i, f);
                new = true;
                None
            }
            _ => None,
        };
        let mut sources = Vec::new();
        let rels = read.sources.iter().map(|s| s.rel.clone()).collect();
        for s in read.sources {
            sources.push((s.rel.clone(), self.sources.insert(s.rel.clone(), s)));
        }
        let old = self.units.insert(
            unit.clone(),
            UnitRead {
                sources: rels,
                diags: read.diags,
            },
        );
        Some(Replaced {
            slug: slug.to_string(),
            read: family.is_some() || new,
            new,
            family,
            unit: old,
            sources,
        })
    }

    /// What reading a unit reported.
    pub fn read_findings(&self, unit: &Unit) -> Diagnostics {
        self.units
            .get(unit)
            .map(|u| u.diags.clone())
            .unwrap_or_default()
    }

    /// Put back what [`Loaded::try_family`] replaced.
    pub fn restore(&mut self, r: Replaced) {
        let unit = Unit::Family(r.slug.clone());
        let at = self.site.families.binary_search_by(|f| f.slug.cmp(&r.slug));
        match (at, r.family) {
            (Ok(i), Some(f)) => self.site.families[i] = f,
            (Ok(i), None) if r.new => {
                self.site.families.remove(i);
            }
            _ => {}
        }
        for (rel, old) in r.sources {
            match old {
                Some(s) => self.sources.insert(rel, s),
                None => self.sources.remove(&rel),
            };
        }
        match r.unit {
            Some(u) => self.units.insert(unit, u),
            None => self.units.remove(&unit),
        };
    }

    /// Every family and chapter read, sorted.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.units.keys()
    }

    /// The sources a unit was read from (relative to the site's root).
    pub fn sources_of(&self, unit: &Unit) -> impl Iterator<Item = &Source> {
        self.units
            .get(unit)
            .into_iter()
            .flat_map(|u| u.sources.iter())
            .filter_map(|rel| self.sources.get(rel).map(|s| &**s))
    }
}

/// The most memory a picture's pixels may take (an A4 page at 300 dpi in colour is 26 MB):
/// a small file can claim a huge size.
pub const MAX_PICTURE_BYTES: usize = 64 * 1024 * 1024;

/// Whether `bytes` is a whole PNG picture whose pixels fit in [`MAX_PICTURE_BYTES`]; why not.
pub fn check_png(bytes: &[u8]) -> Result<(), String> {
    let mut dec = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: MAX_PICTURE_BYTES,
        },
    );
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().map_err(|e| png_error(&e))?;
    let size = reader
        .output_buffer_size()
        .filter(|n| *n <= MAX_PICTURE_BYTES)
        .ok_or("billedet er for stort")?;
    let mut buf = vec![0; size];
    reader.next_frame(&mut buf).map_err(|e| png_error(&e))?;
    Ok(())
}

/// Why a PNG picture cannot be read, in Danish (the png crate's words are English).
pub fn png_error(e: &png::DecodingError) -> String {
    match e {
        png::DecodingError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "filen slutter, før billedet er slut (den er beskadiget eller ikke hentet helt)".into()
        }
        png::DecodingError::IoError(e) => crate::diagnostics::os_error(e),
        png::DecodingError::LimitsExceeded => "billedet er for stort".into(),
        _ => "filen er ikke et gyldigt PNG-billede, eller den er beskadiget".into(),
    }
}

/// Read the PNG pictures a PDF places (`wanted`: output path and the file's path from the
/// site's root), each checked to be a whole PNG picture; an unreadable one is an error at
/// the file, not a picture silently left out. Pictures already read (`had`) are kept, not
/// read again (a change to a picture reads the whole site again).
pub fn pictures(
    root: &Path,
    wanted: &[(String, String)],
    had: &BTreeMap<String, Arc<[u8]>>,
) -> (BTreeMap<String, Arc<[u8]>>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut out = BTreeMap::new();
    for (o, rel) in wanted {
        if let Some(b) = had.get(o) {
            out.insert(o.clone(), b.clone());
            continue;
        }
        let read = std::fs::metadata(root.join(rel))
            .map_err(|e| crate::diagnostics::os_error(&e))
            .and_then(|m| {
                if m.len() > MAX_FILE_BYTES * 16 {
                    Err(format!(
                        "filen fylder {} MB; højst 32 MB",
                        m.len() / 1_000_000
                    ))
                } else {
                    std::fs::read(root.join(rel)).map_err(|e| crate::diagnostics::os_error(&e))
                }
            })
            .and_then(|b| check_png(&b).map(|()| b));
        match read {
            Ok(b) => {
                out.insert(o.clone(), b.into());
            }
            Err(e) => diags.push(
                Diagnostic::error(rel, Pos::START, format!("billedet kan ikke læses som PNG: {e}"))
                    .help("Gem billedet igen som PNG (fx med et billedprogram), eller fjern linket til det."),
            ),
        }
    }
    (out, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    const FAMILIE: &str = "navn: F\nmedlemmer:\n  - id: mor\n    navn: A\n    rolle: mor\n    fødselsår: 1990\nmakkerpar:\n  jobkonsulent: L\n  familiebehandler: K\nstartdato: 2025-01-01\ntrin: 2\nstatus: aktiv\n";

    #[test]
    fn loads_families_and_chapters_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for slug in ["b-familie", "a-familie"] {
            write(
                root,
                &format!("content/familier/{slug}/familie.yaml"),
                FAMILIE,
            );
            write(
                root,
                &format!("content/familier/{slug}/plan.md"),
                "---\n---\nTekst\n",
            );
        }
        write(
            root,
            "content/familier/a-familie/rejse.yaml",
            "forløb: []\n",
        );
        write(
            root,
            "content/metode/z.md",
            "---\ntitel: Først\nvægt: 1\n---\n",
        );
        write(
            root,
            "content/metode/a.md",
            "---\ntitel: Sidst\nvægt: 2\n---\n",
        );
        write(
            root,
            "content/metode/b.md",
            "---\ntitel: Også sidst\nvægt: 2\n---\n",
        );
        write(root, "content/metode/noter.txt", "ignored");
        let (loaded, diags) = load(root, Config::default());
        assert!(diags.is_empty(), "{diags}");
        let site = &loaded.site;
        let slugs: Vec<&str> = site.families.iter().map(|f| f.slug.as_str()).collect();
        assert_eq!(slugs, ["a-familie", "b-familie"]);
        assert!(site.families[0].rejse.is_some() && site.families[1].rejse.is_none());
        assert!(site.families[0].diplom.is_none());
        assert_eq!(site.families[0].familie.data.trin.number(), 2);
        assert_eq!(site.families[0].plan.source.body_text(), "Tekst\n");
        let chapters: Vec<&str> = site.chapters.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(chapters, ["z", "a", "b"], "by weight, then name");
        assert_eq!(
            loaded.sources.len(),
            2 * 2 + 1 + 3,
            "every file read is kept for checks"
        );
    }

    #[test]
    fn reports_missing_files_and_keeps_going() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/familier/x/plan.md", "---\n---\n");
        write(root, "content/familier/y/familie.yaml", FAMILIE);
        let (loaded, diags) = load(root, Config::default());
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.file.clone())
            .collect();
        assert_eq!(
            errors,
            [
                "content/familier/x/familie.yaml",
                "content/familier/y/plan.md"
            ]
        );
        assert!(loaded.site.families.is_empty());
        assert!(
            diags
                .iter()
                .any(|d| !d.is_error() && d.message.contains("håndbog")),
            "no handbook is a warning"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Familien Søndergård"), "familien-soendergaard");
        assert_eq!(slugify("  Æble & Co. "), "aeble-co");
        assert!(is_slug("holm-2"));
        assert!(!is_slug("Holm"));
        assert!(!is_slug("holm--2"));
        assert!(!is_slug(""));
    }
}
