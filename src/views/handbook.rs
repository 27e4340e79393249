//! The handbook (`content/metode/`): the list of chapters and its parts, the reading path,
//! a chapter, all chapters on one page or in the PDF, the glossary's page and the search's
//! sections.

use super::*;

#[derive(Serialize, Clone)]
pub(crate) struct ChapterLink {
    pub(crate) title: String,
    pub(crate) url: Route,
    trin: Option<u8>,
    trin_name: Option<String>,
    summary: Option<String>,
    current: bool,
}

#[derive(Serialize)]
pub(crate) struct ChapterView {
    pub(crate) title: String,
    trin: Option<u8>,
    trin_name: Option<String>,
    summary: Option<String>,
    body: Body,
    toc: Vec<Heading>,
    prev: Option<ChapterLink>,
    next: Option<ChapterLink>,
    path: Option<PathStep>,
}

/// Every chapter, for the handbook's index and sidebar; `current` marks the one shown.
pub(crate) fn chapter_links(site: &Site, current: Option<usize>, s: &Strings) -> Vec<ChapterLink> {
    (0..site.chapters.len())
        .map(|i| chapter_link(site, i, current == Some(i), s))
        .collect()
}

/// The link to chapter `i`.
fn chapter_link(site: &Site, i: usize, current: bool, s: &Strings) -> ChapterLink {
    let c = &site.chapters[i].doc.data;
    ChapterLink {
        title: c.titel.clone(),
        url: Route(Page::Chapter(i)),
        trin: c.trin.map(Trin::number),
        trin_name: c.trin.map(|t| s.trin(t)),
        summary: c.resume.clone(),
        current,
    }
}

/// A part of the handbook (`del:`) and its chapters, in order; chapters without a part
/// stand in a part without a name.
#[derive(Serialize)]
pub(crate) struct PartView {
    name: Option<String>,
    chapters: Vec<ChapterLink>,
}

/// The handbook's chapters grouped by part, in the order the parts first appear.
pub(crate) fn chapter_parts(site: &Site, s: &Strings) -> Vec<PartView> {
    let links = chapter_links(site, None, s);
    let mut parts: Vec<PartView> = Vec::new();
    for (c, link) in site.chapters.iter().zip(links) {
        let name = c
            .doc
            .data
            .del
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        match parts.iter_mut().find(|p| p.name == name) {
            Some(p) => p.chapters.push(link),
            None => parts.push(PartView {
                name,
                chapters: vec![link],
            }),
        }
    }
    parts
}

/// The reading path for new staff, as the handbook's index shows it.
#[derive(Serialize)]
pub(crate) struct PathView {
    title: String,
    chapters: Vec<ChapterLink>,
}

pub(crate) fn reading_path(site: &Site, s: &Strings) -> Option<PathView> {
    let path = site.path.as_ref()?;
    let links = chapter_links(site, None, s);
    let chapters = path
        .data
        .slugs()
        .filter_map(|k| site.chapters.iter().position(|c| c.slug == k))
        .map(|j| links[j].clone())
        .collect();
    Some(PathView {
        title: path.data.titel.clone(),
        chapters,
    })
}

/// Where a chapter stands in the reading path: "Ny i teamet: kapitel 3 af 8".
#[derive(Serialize)]
pub(crate) struct PathStep {
    title: String,
    number: usize,
    of: usize,
    url: Route,
    next: Option<ChapterLink>,
}

fn path_step(site: &Site, index: usize, s: &Strings) -> Option<PathStep> {
    let path = site.path.as_ref()?;
    let slugs: Vec<&str> = path.data.slugs().collect();
    let here = slugs.iter().position(|k| *k == site.chapters[index].slug)?;
    let next = slugs
        .get(here + 1)
        .and_then(|k| site.chapters.iter().position(|c| c.slug == *k))
        .map(|j| chapter_link(site, j, false, s));
    Some(PathStep {
        title: path.data.titel.clone(),
        number: here + 1,
        of: slugs.len(),
        url: Route(Page::Handbook),
        next,
    })
}

/// The handbook chapter at `index` in the site's order. The list of every chapter (the
/// sidebar) is not part of it: it is the same on every chapter's page, so it is drawn once
/// ([`chapter_links`]).
pub(crate) fn chapter_view(site: &Site, index: usize, routes: &Routes, s: &Strings) -> ChapterView {
    let c = &site.chapters[index];
    let mut body = body(&c.doc.source, routes, 0, "");
    glossary::Terms::new(site).mark(&mut body, &c.slug);
    let m = &c.doc.data;
    ChapterView {
        title: m.titel.clone(),
        trin: m.trin.map(Trin::number),
        trin_name: m.trin.map(|t| s.trin(t)),
        summary: m.resume.clone(),
        toc: body
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .cloned()
            .collect(),
        body,
        prev: index
            .checked_sub(1)
            .map(|j| chapter_link(site, j, false, s)),
        next: (index + 1 < site.chapters.len()).then(|| chapter_link(site, index + 1, false, s)),
        path: path_step(site, index, s),
    }
}

/// Every chapter, in order, for the print-all page: headings one level down and ids
/// prefixed with the chapter's name so they stay unique on the one page.
pub(crate) fn all_chapters(site: &Site, routes: &Routes, s: &Strings) -> Vec<AllChapterView> {
    chapters_in_one(site, routes, s, 1, true)
}

/// Every chapter with its headings as written (for the handbook's PDF, where each chapter
/// is a part of its own).
pub(crate) fn chapters_for_print(site: &Site, routes: &Routes, s: &Strings) -> Vec<AllChapterView> {
    chapters_in_one(site, routes, s, 0, false)
}

fn chapters_in_one(
    site: &Site,
    routes: &Routes,
    s: &Strings,
    shift: u8,
    prefix_ids: bool,
) -> Vec<AllChapterView> {
    // Each chapter's text with the glossary's words explained, on every core; the words
    // each chapter explains give the glossary's "used in".
    let terms = glossary::Terms::new(site);
    let (mut out, used): (Vec<AllChapterView>, Vec<Vec<usize>>) = site
        .chapters
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let prefix = if prefix_ids {
                format!("{}-", c.slug)
            } else {
                String::new()
            };
            let mut body = body(&c.doc.source, routes, shift, &prefix);
            let used = terms.mark(&mut body, &c.slug);
            let m = &c.doc.data;
            let view = AllChapterView {
                page: Page::Chapter(i),
                id: c.slug.clone(),
                title: m.titel.clone(),
                trin: m.trin.map(Trin::number),
                trin_name: m.trin.map(|t| s.trin(t)),
                summary: m.resume.clone(),
                body,
            };
            (view, used)
        })
        .unzip();
    let glossary = site
        .glossary
        .is_some()
        .then(|| glossary::glossary_of(site, &terms, used, s));
    // The glossary closes the printed handbook.
    if let Some(g) = glossary {
        let id = crate::routes::GLOSSARY_ID;
        let prefix = if prefix_ids {
            format!("{id}-")
        } else {
            String::new()
        };
        out.push(AllChapterView {
            page: Page::Glossary,
            id: id.into(),
            title: s.get("glossary"),
            trin: None,
            trin_name: None,
            summary: Some(s.get("glossary_intro")),
            body: Body {
                blocks: glossary::glossary_blocks(&g, 3, &prefix),
                headings: Vec::new(),
            },
        });
    }
    out
}

/// The glossary page: every word, and the chapters that use it.
pub(crate) fn glossary_page(site: &Site, routes: &Routes, s: &Strings) -> glossary::GlossaryView {
    // The words each chapter explains, found on every core.
    let terms = glossary::Terms::new(site);
    let explained = site
        .chapters
        .par_iter()
        .map(|c| terms.mark(&mut body(&c.doc.source, routes, 0, ""), &c.slug))
        .collect();
    glossary::glossary_of(site, &terms, explained, s)
}

#[derive(Serialize)]
pub(crate) struct AllChapterView {
    /// The page it is on its own: a chapter, or the glossary.
    #[serde(skip)]
    pub(crate) page: Page,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) trin: Option<u8>,
    pub(crate) trin_name: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) body: Body,
}

/// A part of the handbook as the search finds it: the text under one heading of a chapter,
/// or before the first (then under the chapter's title), or a word of the glossary. Only the
/// handbook: no family page is ever searched.
#[derive(Debug, Serialize)]
pub(crate) struct SearchSection {
    /// The page it is on, by its place in the list of pages searched.
    pub(crate) page: usize,
    pub(crate) heading: String,
    /// The heading's id on its page; empty for the text before the first heading.
    pub(crate) anchor: String,
    pub(crate) text: String,
}

/// The pages searched (title and page: every chapter, then the glossary) and their
/// sections, in order.
pub(crate) fn search_sections(
    site: &Site,
    routes: &Routes,
    s: &Strings,
) -> (Vec<(String, Page)>, Vec<SearchSection>) {
    let mut pages = Vec::new();
    let mut out = Vec::new();
    for (i, c) in site.chapters.iter().enumerate() {
        // A trin's chapter as the sidebar names it, "Trin 4: Planlægning", so that "trin 4"
        // finds it first.
        let title = match c.doc.data.trin {
            Some(n) => format!("{} {}: {}", s.get("trin"), n.number(), c.doc.data.titel),
            None => c.doc.data.titel.clone(),
        };
        pages.push((title.clone(), Page::Chapter(i)));
        let mut here = SearchSection {
            page: i,
            heading: title,
            anchor: String::new(),
            text: c.doc.data.resume.clone().unwrap_or_default(),
        };
        for b in &body(&c.doc.source, routes, 0, "").blocks {
            if let rich::Block::Heading { id, content, .. } = b {
                let next = SearchSection {
                    page: i,
                    heading: rich::plain(content),
                    anchor: id.clone(),
                    text: String::new(),
                };
                let done = std::mem::replace(&mut here, next);
                if !done.text.trim().is_empty() || done.anchor.is_empty() {
                    out.push(done);
                }
            } else {
                block_text(b, &mut here.text);
            }
        }
        out.push(here);
    }
    if site.glossary.is_some() {
        let n = pages.len();
        pages.push((s.get("glossary"), Page::Glossary));
        for e in glossary::glossary_of(site, &glossary::Terms::new(site), Vec::new(), s).entries {
            let mut heading = e.word;
            if !e.also.is_empty() {
                heading = format!("{heading} ({})", e.also.join(", "));
            }
            out.push(SearchSection {
                page: n,
                heading,
                anchor: e.id,
                text: e.explain,
            });
        }
    }
    (pages, out)
}

/// The words of a block, as plain text.
fn block_text(b: &rich::Block, out: &mut String) {
    use rich::Block;
    let mut add = |t: &str| {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    match b {
        Block::Para(s) | Block::Plain(s) => add(&rich::plain(s)),
        Block::Heading { content, .. } => add(&rich::plain(content)),
        Block::Code(t) => add(t),
        Block::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                add(&rich::plain(cell));
            }
        }
        Block::List { items, .. } => {
            for item in items {
                for b in &item.blocks {
                    block_text(b, out);
                }
            }
        }
        Block::Quote(blocks) | Block::Footnote { blocks, .. } => {
            for b in blocks {
                block_text(b, out);
            }
        }
        Block::Rule => {}
    }
}
