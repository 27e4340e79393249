//! The one route table: every page the site has, where it is written per output format, and
//! every link written in a Markdown body, resolved once. Validation reports the links that
//! do not resolve; the views and outputs ask the table and never build a path themselves.

use crate::config::{CONTENT_DIR, real_path};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::load::{FAMILIES_DIR, HANDBOOK_DIR};
use crate::markdown::{self, RefKind};
use crate::model::Site;
use crate::privacy;
use crate::urls::{self, UrlKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The glossary's name: its page's, and its part's on the page with every chapter.
pub const GLOSSARY_ID: &str = "ordliste";

/// From this many chapters on, the chapters' sidebar is one script shared by every chapter's
/// page ([`Routes::chapter_list_script`]) instead of a list written into each: a handbook's
/// output then grows with its chapters, not with their square (5,000 chapters would write
/// the list 5,000 times, 1.7 GB). Below it, the list is plain HTML in every page.
pub const SHARED_LIST_FROM: usize = 200;

/// A page of the site. Families and chapters are named by their index in [`Site`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Page {
    Front,
    /// The team's board (`tavle.html`): every active family by trin, what is overdue, the
    /// team's figures.
    Board,
    /// The team's results for the team leader's report (`resultater.html`): WHO-5, SDQ,
    /// functioning level, support and work, time on each trin, over the whole team and per
    /// year of start; numbers only.
    Results,
    /// A family's plan (staff view).
    Plan(usize),
    /// The family's own plan, in plain words (`vores-plan.html`).
    FamilyView(usize),
    /// The citizen journey (staff view).
    Journey(usize),
    /// The family's own journey, in its words and language (`vores-rejse.html`).
    FamilyJourney(usize),
    Diploma(usize),
    /// The handbook's table of contents.
    Handbook,
    Chapter(usize),
    /// The whole handbook on one page, for printing.
    HandbookAll,
    /// The handbook's glossary (`ordliste.yaml`), when it has one.
    Glossary,
}

impl Page {
    /// The family a page is about, if any.
    pub fn family(self) -> Option<usize> {
        match self {
            Page::Plan(i)
            | Page::FamilyView(i)
            | Page::Journey(i)
            | Page::FamilyJourney(i)
            | Page::Diploma(i) => Some(i),
            _ => None,
        }
    }

    /// The pages handed to a family as its own (`trinvis udlever`): its plan and its
    /// journey in plain words, and its diploma; never the staff's plan or journey.
    pub fn handout(family: usize) -> [Page; 3] {
        [
            Page::FamilyView(family),
            Page::FamilyJourney(family),
            Page::Diploma(family),
        ]
    }
}

/// An output format. Every page is HTML; the pages made for paper are PDF too
/// ([`Routes::has_pdf`]); the handbook's index has its search index as a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Html,
    Pdf,
    Js,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Html, Format::Pdf, Format::Js];

    fn ext(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Js => "js",
        }
    }
}

/// Where a link written in content points, once resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// Another page (or a heading on it).
    Page(Page, Option<String>),
    /// A heading on the same page.
    Anchor(String),
    /// `mailto:` or `tel:`, kept as written.
    Contact(String),
    /// A file copied along with the site (an image, a PDF), by output path.
    Asset(String),
    /// Another website: shown as text, never as a link.
    External,
    /// An absolute path (`/x`), which does not work from disk.
    RootPath,
    /// A relative path to a page or file that does not exist.
    Missing,
    /// A file (or a link to one) outside content/: its real path.
    Outside(String),
    /// A file of a type the site may not publish: its extension.
    Refused(String),
}

/// A link, image or piece of raw HTML in a Markdown body.
#[derive(Debug, Clone)]
pub struct Link {
    /// Byte offset in the body.
    pub offset: usize,
    pub kind: RefKind,
    pub url: String,
    pub target: Target,
}

#[derive(Debug, Default)]
pub struct Routes {
    /// Every page, in build order.
    pages: Vec<Page>,
    slugs: Vec<String>,
    chapters: Vec<String>,
    has_journey: Vec<bool>,
    has_diploma: Vec<bool>,
    /// Content file (relative to the site root) → the page it becomes.
    by_source: HashMap<String, Page>,
    /// Content file → the links in its body, in order.
    links: HashMap<String, Vec<Link>>,
    /// Linked files to copy: output path → content file.
    pub assets: BTreeMap<String, String>,
}

impl Routes {
    /// Every page of the site, and every link in every page body resolved against them.
    pub fn build(root: &Path, site: &Site) -> (Routes, Diagnostics) {
        let mut r = Routes {
            slugs: site.families.iter().map(|f| f.slug.clone()).collect(),
            chapters: site.chapters.iter().map(|c| c.slug.clone()).collect(),
            has_journey: site.families.iter().map(|f| f.rejse.is_some()).collect(),
            has_diploma: site.families.iter().map(|f| f.diplom.is_some()).collect(),
            ..Routes::default()
        };
        let mut diags = Diagnostics::new();
        r.pages.push(Page::Front);
        r.pages.push(Page::Board);
        r.pages.push(Page::Results);
        for (i, f) in site.families.iter().enumerate() {
            // The folder's name becomes the family's address.
            diags.extend_from(privacy::check_name(&format!(
                "{CONTENT_DIR}/{FAMILIES_DIR}/{}",
                f.slug
            )));
            r.pages.push(Page::Plan(i));
            r.by_source
                .insert(f.familie.source.rel.clone(), Page::Plan(i));
            r.by_source.insert(f.plan.source.rel.clone(), Page::Plan(i));
            r.pages.push(Page::FamilyView(i));
            if let Some(j) = &f.rejse {
                r.pages.push(Page::Journey(i));
                r.pages.push(Page::FamilyJourney(i));
                r.by_source.insert(j.source.rel.clone(), Page::Journey(i));
            }
            if let Some(d) = &f.diplom {
                r.pages.push(Page::Diploma(i));
                r.by_source.insert(d.source.rel.clone(), Page::Diploma(i));
            }
        }
        r.pages.push(Page::Handbook);
        r.pages.push(Page::HandbookAll);
        if let Some(g) = &site.glossary {
            r.pages.push(Page::Glossary);
            r.by_source.insert(g.source.rel.clone(), Page::Glossary);
        }
        if let Some(e) = &site.config.emblem {
            r.assets
                .insert(crate::model::emblem_output(e), e.trim().to_string());
        }
        // Two pages may not share an address: a chapter named like the handbook's own pages
        // (`index.md`, `alle.md`) is refused here, by the same rule as any other clash.
        let mut taken: HashMap<String, Page> = r
            .pages
            .iter()
            .map(|p| (r.path(*p, Format::Html), *p))
            .collect();
        for (i, c) in site.chapters.iter().enumerate() {
            diags.extend_from(privacy::check_name(&c.doc.source.rel));
            let path = r.path(Page::Chapter(i), Format::Html);
            if taken.contains_key(&path) {
                diags.push(
                    Diagnostic::error(&c.doc.source.rel, Pos::START, format!("adressen {path} er optaget af en anden side"))
                        .value(format!("{}.md", c.slug))
                        .help("Omdøb filen; index.md, alle.md og ordliste.md bruges til håndbogens forside, udskriftsside og ordliste."),
                );
                continue;
            }
            taken.insert(path, Page::Chapter(i));
            r.pages.push(Page::Chapter(i));
            r.by_source
                .insert(c.doc.source.rel.clone(), Page::Chapter(i));
        }

        let content_real = real_path(&root.join(CONTENT_DIR));
        for src in site.page_sources() {
            let mut links = Vec::new();
            for m in markdown::scan(src.body_text()) {
                let target = match m.kind {
                    // Raw HTML is shown as text, a comment hides text; neither points anywhere.
                    RefKind::RawHtml | RefKind::OpenComment => Target::External,
                    _ => r.resolve(root, &content_real, &src.rel, &m.url),
                };
                if let Target::Asset(out) = &target {
                    if !crate::cpr::find_cpr(out).is_empty() {
                        diags.push(
                            src.error_at(
                                src.pos_of(src.body.start + m.offset),
                                "filnavnet ligner et CPR-nummer",
                            )
                            .value(&m.url)
                            .help("Omdøb filen, og ret linket til den: navnet bliver filens adresse på sitet."),
                        );
                    } else if taken.contains_key(out) {
                        diags.push(
                            src.error_at(
                                src.pos_of(src.body.start + m.offset),
                                format!("filen ville erstatte siden {out}"),
                            )
                            .value(&m.url)
                            .help("Omdøb filen, og ret linket til den."),
                        );
                    } else {
                        // A text file goes out as it is: it may hold no CPR-like number.
                        if urls::extension(out) == "txt" {
                            diags.extend_from(text_file(root, &format!("{CONTENT_DIR}/{out}")));
                        }
                        r.assets.insert(out.clone(), format!("{CONTENT_DIR}/{out}"));
                    }
                }
                links.push(Link {
                    offset: m.offset,
                    kind: m.kind,
                    url: m.url,
                    target,
                });
            }
            r.links.insert(src.rel.clone(), links);
        }
        (r, diags)
    }

    /// Every page, in build order.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The output path of a page in a format, relative to the output folder.
    pub fn path(&self, page: Page, format: Format) -> String {
        let ext = format.ext();
        let fam = |i: usize| format!("{FAMILIES_DIR}/{}", self.slugs[i]);
        match page {
            Page::Front => format!("index.{ext}"),
            Page::Board => format!("tavle.{ext}"),
            Page::Results => format!("resultater.{ext}"),
            // The staff's plan on paper is its measures.
            Page::Plan(i) if format == Format::Pdf => format!("{}/maalinger.pdf", fam(i)),
            Page::Plan(i) => format!("{}/index.{ext}", fam(i)),
            Page::FamilyView(i) => format!("{}/vores-plan.{ext}", fam(i)),
            Page::Journey(i) => format!("{}/rejse.{ext}", fam(i)),
            Page::FamilyJourney(i) => format!("{}/vores-rejse.{ext}", fam(i)),
            Page::Diploma(i) => format!("{}/diplom.{ext}", fam(i)),
            // The search index of the handbook (a script, so that it loads from disk).
            Page::Handbook if format == Format::Js => format!("{HANDBOOK_DIR}/searchindex.js"),
            Page::Handbook => format!("{HANDBOOK_DIR}/index.{ext}"),
            // The whole handbook as one PDF has a name of its own.
            Page::HandbookAll if format == Format::Pdf => {
                format!("{HANDBOOK_DIR}/metodehaandbog.pdf")
            }
            Page::HandbookAll => format!("{HANDBOOK_DIR}/alle.{ext}"),
            Page::Glossary => format!("{HANDBOOK_DIR}/{GLOSSARY_ID}.{ext}"),
            Page::Chapter(i) => format!("{HANDBOOK_DIR}/{}.{ext}", self.chapters[i]),
        }
    }

    /// Where the chapters' sidebar is written as one shared script, when the handbook has
    /// [`SHARED_LIST_FROM`] chapters or more.
    pub fn chapter_list_script(&self) -> Option<String> {
        (self.chapters.len() >= SHARED_LIST_FROM).then(|| format!("{HANDBOOK_DIR}/kapitelliste.js"))
    }

    /// Whether a page is also written as a PDF: the pages people hold in their hands.
    pub fn has_pdf(&self, page: Page) -> bool {
        matches!(
            page,
            Page::Diploma(_)
                | Page::Plan(_)
                | Page::FamilyView(_)
                | Page::Journey(_)
                | Page::FamilyJourney(_)
                | Page::HandbookAll
                | Page::Board
                | Page::Results
        )
    }

    /// A relative URL from one page to another (the site works opened from disk).
    pub fn url(&self, from: Page, to: Page, format: Format) -> String {
        urls::relative(&self.path(from, format), &self.path(to, format))
    }

    /// A link from the page with every chapter to a chapter or the glossary (or a heading in
    /// it): to its part of the same page, whose ids are its name and its name before each
    /// heading's.
    pub fn within_all(&self, from: Page, to: Page, heading: Option<&str>) -> Option<String> {
        let slug = match (from, to) {
            (Page::HandbookAll, Page::Chapter(i)) => self.chapters.get(i)?.as_str(),
            // The glossary closes the page, under the id its own page has for a name.
            (Page::HandbookAll, Page::Glossary) => GLOSSARY_ID,
            _ => return None,
        };
        Some(match heading {
            Some(h) => format!("#{slug}-{h}"),
            None => format!("#{slug}"),
        })
    }

    pub fn journey(&self, family: usize) -> Option<Page> {
        self.has_journey
            .get(family)?
            .then_some(Page::Journey(family))
    }

    pub fn family_journey(&self, family: usize) -> Option<Page> {
        self.has_journey
            .get(family)?
            .then_some(Page::FamilyJourney(family))
    }

    pub fn diploma(&self, family: usize) -> Option<Page> {
        self.has_diploma
            .get(family)?
            .then_some(Page::Diploma(family))
    }

    /// The file names of the handbook's chapters, sorted (for hints in messages).
    pub fn chapter_files(&self) -> impl Iterator<Item = &str> {
        let mut v: Vec<&str> = self.chapters.iter().map(String::as_str).collect();
        v.sort();
        v.into_iter()
    }

    /// The page a content file becomes (its family's staff plan for `familie.yaml` and
    /// `plan.md`).
    pub fn page_of(&self, source: &str) -> Option<Page> {
        self.by_source.get(source).copied()
    }

    /// The links in a content file's Markdown body, in order.
    pub fn links(&self, source: &str) -> &[Link] {
        self.links.get(source).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Resolve a URL written in the content file `from`.
    /// `content_real` is the real path of content/ (links may not lead out of it).
    fn resolve(&self, root: &Path, content_real: &Path, from: &str, url: &str) -> Target {
        match urls::classify(url) {
            UrlKind::External if url.trim().starts_with('/') && !url.trim().starts_with("//") => {
                Target::RootPath
            }
            UrlKind::External => Target::External,
            UrlKind::Contact => Target::Contact(url.trim().to_string()),
            UrlKind::Fragment => Target::Anchor(url.trim()[1..].to_string()),
            UrlKind::Relative { path, fragment } => {
                if path.is_empty() {
                    return Target::Anchor(fragment.unwrap_or_default());
                }
                let Some(t) = urls::resolve(from, &path) else {
                    return Target::Missing;
                };
                if let Some(p) = self.by_source.get(&t) {
                    return Target::Page(*p, fragment);
                }
                let content_prefix = format!("{CONTENT_DIR}/");
                let is_text = [".md", ".yaml", ".yml"].iter().any(|e| t.ends_with(e));
                let Some(rest) = t.strip_prefix(&content_prefix).filter(|_| !is_text) else {
                    return Target::Missing;
                };
                let file = root.join(&t);
                if std::fs::symlink_metadata(&file).is_err() {
                    return Target::Missing;
                }
                // Where the file really is: a link may not lead out of content/.
                let real = real_path(&file);
                if !real.starts_with(content_real) {
                    return Target::Outside(real.display().to_string());
                }
                if !real.is_file() {
                    return Target::Missing;
                }
                // Images, PDF and plain text only: anything that can run in a browser (HTML,
                // SVG with its scripts, JavaScript) is refused.
                let ext = urls::extension(rest);
                if urls::IMAGE_TYPES.contains(&ext.as_str())
                    || urls::DOCUMENT_TYPES.contains(&ext.as_str())
                {
                    Target::Asset(rest.to_string())
                } else {
                    Target::Refused(ext)
                }
            }
        }
    }
}

/// The CPR check of a linked text file (`rel`: its path from the site's root), within the
/// size limit of every text trinvis reads.
fn text_file(root: &Path, rel: &str) -> Vec<Diagnostic> {
    let path = root.join(rel);
    match std::fs::metadata(&path) {
        Ok(m) if m.len() > crate::source::MAX_FILE_BYTES => {
            return vec![crate::source::too_big(rel, m.len())];
        }
        Err(_) => return Vec::new(),
        Ok(_) => {}
    }
    match std::fs::read(&path) {
        Ok(bytes) => privacy::check_text(rel, &String::from_utf8_lossy(&bytes)),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_per_format() {
        let r = Routes {
            slugs: vec!["holm".into()],
            chapters: vec!["trin-1".into()],
            ..Routes::default()
        };
        assert_eq!(
            r.path(Page::Plan(0), Format::Html),
            "familier/holm/index.html"
        );
        assert_eq!(
            r.path(Page::Diploma(0), Format::Pdf),
            "familier/holm/diplom.pdf"
        );
        assert_eq!(r.path(Page::Chapter(0), Format::Html), "metode/trin-1.html");
        assert_eq!(
            r.url(Page::Plan(0), Page::Chapter(0), Format::Html),
            "../../metode/trin-1.html"
        );
        assert_eq!(
            r.url(Page::Chapter(0), Page::Handbook, Format::Html),
            "index.html"
        );
    }
}
