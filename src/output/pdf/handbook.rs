//! The method handbook as one PDF (`metode/metodehaandbog.pdf`): a title page, a table of
//! contents whose page numbers are links, every chapter from a new page, the chapter's title
//! at the head of its pages and the page number at the foot, a nested outline (chapters and
//! their sections), page labels (roman for the front matter), headings kept with what
//! follows, table rows never split and their header repeated on a new page, and links
//! between chapters as links inside the file.

use super::doc::{Doc, Fonts, Label, Link, Meta, Outline, faces};
use super::flow::Flow;
use super::tag::{self, Role};
use super::text::{self, Run};
use crate::draw::palette::{ACCENT, INK, LINE, MUTED};
use crate::draw::pdf::Faces;
use crate::draw::scene::{Color, Shape, Stroke, Weight};
use crate::routes::Target;
use crate::views::rich::{Block, Item};
use crate::views::{AllChapterView, Strings};
use std::collections::BTreeMap;

use crate::draw::paper::{A4, A4_LANDSCAPE};
const MARGIN: f32 = 60.0;
const BODY: f32 = 10.5;
use crate::draw::palette::PALE;

/// Where things landed: chapter starts and headings, by page (from the first chapter page)
/// and top.
#[derive(Default)]
struct Marks {
    chapters: Vec<(usize, f32)>,
    /// (chapter, heading id) → (page, top).
    anchors: BTreeMap<(usize, String), (usize, f32)>,
    /// Outline: per chapter, its headings as (level, title, page, top).
    headings: Vec<Vec<(u8, String, usize, f32)>>,
}

struct Book<'a, 'f> {
    f: Flow<'f>,
    /// Pictures from content/ by output path (PNG files), as they are placed.
    load: &'a dyn Fn(&str) -> Option<super::image::Image>,
    images: Vec<super::image::Image>,
    marks: Marks,
    chapter: usize,
    /// Links as (page, rect, target, the chapter they are in, their key in the structure).
    links: Vec<(usize, text::Rect, Target, usize, usize)>,
    s: &'a Strings<'a>,
}

impl Book<'_, '_> {
    fn heading(&mut self, level: u8, id: &str, runs: &[Run]) {
        let (size, gap) = match level {
            0..=2 => (14.5, 10.0),
            3 => (12.0, 8.0),
            _ => (11.0, 6.0),
        };
        let f = &mut self.f;
        f.gap(gap);
        let lines = f.lines(runs, size, f.width());
        // Kept with two lines of what follows.
        let h = f.line_height(size) * lines.len() as f32 + 2.0 * f.line_height(BODY);
        f.need(h);
        let (x, y, w) = (f.x(), f.y, f.width());
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        self.marks
            .anchors
            .insert((self.chapter, id.to_string()), (f.page(), y));
        if let Some(list) = self.marks.headings.last_mut() {
            list.push((level, text, f.page(), y));
        }
        // The chapter's title is the level 1 heading; the chapter's own start under it.
        f.y += f.part(Role::H(level.clamp(2, 6)), &lines, (x, y, w), size, INK) + 3.0 * f.s;
    }

    fn para(&mut self, runs: &[Run], size: f32, color: Color, indent: f32) {
        let before = self.f.links.len();
        self.f.paragraph(runs, size, color, indent);
        for (p, r, t, key) in self.f.links.drain(before..) {
            self.links.push((p, r, t, self.chapter, key));
        }
    }

    fn blocks(&mut self, blocks: &[Block], indent: f32) {
        let mut it = blocks.iter().peekable();
        while let Some(b) = it.next() {
            // A heading is drawn by the table it stands over, on the table's page.
            if let (Block::Heading { .. }, Some(Block::Table { head, rows, .. })) = (b, it.peek()) {
                self.table(head, rows, indent, Some(b));
                it.next();
                continue;
            }
            self.block(b, indent);
        }
    }

    fn block(&mut self, b: &Block, indent: f32) {
        let sc = self.f.s;
        match b {
            Block::Para(spans) => {
                // A paragraph of pictures: each placed whole, as wide as it is (at 150 dpi)
                // or as the text.
                let pictures: Vec<(&str, &str)> = spans
                    .iter()
                    .filter_map(|sp| match sp {
                        crate::views::rich::Span::Image { src, alt } => {
                            Some((src.as_str(), alt.as_str()))
                        }
                        _ => None,
                    })
                    .collect();
                let only_pictures = !pictures.is_empty()
                    && spans.iter().all(|sp| match sp {
                        crate::views::rich::Span::Image { .. } => true,
                        crate::views::rich::Span::Text(t) => t.trim().is_empty(),
                        _ => false,
                    });
                let loaded: Vec<(super::image::Image, &str)> = if only_pictures {
                    pictures
                        .iter()
                        .filter_map(|(p, alt)| Some(((self.load)(p)?, *alt)))
                        .collect()
                } else {
                    Vec::new()
                };
                if !loaded.is_empty() && loaded.len() == pictures.len() {
                    for (img, alt) in loaded {
                        let w = (self.f.width() - indent).min(img.raw.width as f32 * 72.0 / 150.0);
                        let h = w * img.raw.height as f32 / img.raw.width.max(1) as f32;
                        self.f.need(h);
                        let (cx, y) = (self.f.x() + indent + w / 2.0, self.f.y);
                        let ph = self.f.size.1;
                        // A picture with no words for it is decoration.
                        self.f.tag(if alt.trim().is_empty() {
                            tag::artifact()
                        } else {
                            tag::figure(alt)
                        });
                        img.draw(self.f.ops(), (cx, y, h), ph);
                        self.f.tag(tag::close());
                        self.f.y += h + 6.0 * sc;
                        self.images.push(img);
                    }
                } else {
                    self.para(&text::runs(spans), BODY, INK, indent);
                }
                self.f.gap(6.0);
            }
            Block::Plain(spans) => self.para(&text::runs(spans), BODY, INK, indent),
            Block::Heading { level, id, content } => {
                let mut r = text::runs(content);
                for x in &mut r {
                    x.weight = Weight::Bold;
                }
                self.heading(*level, id, &r);
            }
            Block::List { start, items } => {
                self.f.tag(tag::open(Role::L));
                for (n, item) in items.iter().enumerate() {
                    let marker = match start {
                        Some(first) => format!("{}.", first + n as u64),
                        None => "•".to_string(),
                    };
                    self.item(item, &marker, indent);
                }
                self.f.tag(tag::close());
                self.f.gap(4.0);
            }
            Block::Quote(inner) => {
                let (top_page, top) = (self.f.page(), self.f.y);
                self.blocks(inner, indent + 14.0 * sc);
                // The bar beside the quote, on the page where it ends.
                let y0 = if self.f.page() == top_page {
                    top
                } else {
                    self.f.margin
                };
                let (x, y1) = (self.f.x() + indent + 3.0 * sc, self.f.y - 6.0 * sc);
                self.f.shapes(vec![Shape::Line {
                    x1: x,
                    y1: y0,
                    x2: x,
                    y2: y1,
                    stroke: Stroke::solid(ACCENT, 2.0 * sc),
                }]);
            }
            Block::Code(code) => {
                for line in code.lines() {
                    self.para(
                        &text::plain(line, Weight::Regular),
                        9.0,
                        INK,
                        indent + 10.0 * sc,
                    );
                }
                self.f.gap(6.0);
            }
            Block::Table { head, rows, .. } => self.table(head, rows, indent, None),
            Block::Rule => {
                self.f.need(12.0 * sc);
                let (x, y, w) = (
                    self.f.x() + indent,
                    self.f.y + 5.0 * sc,
                    self.f.width() - indent,
                );
                self.f.shapes(vec![Shape::Line {
                    x1: x,
                    y1: y,
                    x2: x + w,
                    y2: y,
                    stroke: Stroke::solid(LINE, 0.8),
                }]);
                self.f.y += 12.0 * sc;
            }
            Block::Footnote { label, blocks } => {
                let mut first = true;
                for p in text::paragraphs(blocks) {
                    let mut r = if first {
                        text::plain(&format!("[{label}] "), Weight::Bold)
                    } else {
                        Vec::new()
                    };
                    first = false;
                    r.extend(p);
                    self.para(&r, 9.0, MUTED, indent);
                }
            }
        }
    }

    fn item(&mut self, item: &Item, marker: &str, indent: f32) {
        let sc = self.f.s;
        let hang = 14.0 * sc;
        let marker = match item.task {
            Some(true) => "[x]".to_string(),
            Some(false) => "[ ]".to_string(),
            None => marker.to_string(),
        };
        let mut first = true;
        self.f.tag(tag::open(Role::LI));
        for b in &item.blocks {
            if first && let Block::Para(spans) | Block::Plain(spans) = b {
                let lh = self.f.line_height(BODY);
                self.f.need(lh);
                let (x, y) = (self.f.x() + indent, self.f.y);
                let l = self
                    .f
                    .lines(&text::plain(&marker, Weight::Regular), BODY, hang);
                self.f.part(Role::Lbl, &l, (x, y, hang), BODY, INK);
                self.f.tag(tag::open(Role::LBody));
                self.para(&text::runs(spans), BODY, INK, indent + hang);
                self.f.gap(2.0);
                first = false;
                continue;
            }
            if first {
                self.f.tag(tag::open(Role::LBody));
            }
            first = false;
            self.block(b, indent + hang);
        }
        if !first {
            self.f.tag(tag::close());
        }
        self.f.tag(tag::close());
    }

    /// A table (with the heading over it, if any): columns as wide as their text asks
    /// (within the page), rows never split, the header row again at the top of a new page.
    /// A table whose longest words do not fit a portrait page even in 9-point type goes on
    /// pages turned on their side, its heading with it, and the chapter goes on upright
    /// after it.
    fn table(
        &mut self,
        head: &[Vec<crate::views::rich::Span>],
        rows: &[Vec<Vec<crate::views::rich::Span>>],
        indent: f32,
        heading: Option<&Block>,
    ) {
        let sc = self.f.s;
        let Some((head, body)) = cells(head, rows) else {
            if let Some(h) = heading {
                self.block(h, indent);
            }
            return;
        };
        let mut fit = column_widths(&self.f, &head, &body, self.f.width() - indent, 4.0 * sc);
        if !fit.3 && self.f.size == A4 {
            self.f.turn(A4_LANDSCAPE);
            fit = column_widths(&self.f, &head, &body, self.f.width() - indent, 4.0 * sc);
        }
        if let Some(h) = heading {
            self.block(h, indent);
        }
        let (size, pad, widths, _) = fit;
        let f = &self.f;
        let layout = |f: &Flow, cells: &[Vec<Run>]| {
            let lines: Vec<_> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| f.lines(c, size, w - 2.0 * pad))
                .collect();
            let h = lines
                .iter()
                .map(|l| f.line_height(size) * l.len() as f32)
                .fold(0.0, f32::max)
                + 2.0 * pad;
            (lines, h)
        };
        let (head_lines, head_h) = layout(f, &head);
        let x0 = f.x() + indent;
        // `again`: the header row drawn again at the top of a page, decoration.
        let draw_row = |book: &mut Book,
                        lines: &[Vec<super::text::Line>],
                        h: f32,
                        header: bool,
                        again: bool| {
            let y = book.f.y;
            book.f.tag(tag::row(again));
            let full: f32 = widths.iter().sum();
            if header {
                book.f.shapes(vec![Shape::Rect {
                    x: x0,
                    y,
                    w: full,
                    h,
                    r: 0.0,
                    fill: Some(PALE),
                    stroke: None,
                }]);
            }
            let mut cx = x0;
            for (l, w) in lines.iter().zip(&widths) {
                let lh = book.f.line_height(size);
                book.f
                    .tag(tag::open(if header { Role::TH } else { Role::TD }));
                let before = book.f.links.len();
                for (rect, to) in text::links(book.f.m, l, (cx + pad, y + pad), size * book.f.s, lh)
                {
                    book.f.link(rect, to);
                }
                for (p, r, t, key) in book.f.links.drain(before..) {
                    book.links.push((p, r, t, book.chapter, key));
                }
                book.f.put(l, (cx + pad, y + pad, w - 2.0 * pad), size, INK);
                book.f.tag(tag::close());
                cx += w;
            }
            book.f.shapes(vec![Shape::Line {
                x1: x0,
                y1: y + h,
                x2: x0 + full,
                y2: y + h,
                stroke: Stroke::solid(LINE, 0.6),
            }]);
            book.f.tag(tag::close());
            book.f.y += h;
        };
        let first = body.first().map(|r| layout(&self.f, r).1).unwrap_or(0.0);
        self.f.need(head_h + first);
        self.f.tag(tag::open(Role::Table));
        draw_row(self, &head_lines, head_h, true, false);
        for r in &body {
            let (lines, h) = layout(&self.f, r);
            let page = self.f.page();
            self.f.need(h);
            if self.f.page() != page {
                draw_row(self, &head_lines, head_h, true, true);
            }
            draw_row(self, &lines, h, false, false);
        }
        self.f.tag(tag::close());
        self.f.gap(8.0);
        self.f.turn(A4);
    }

    fn chapter(&mut self, i: usize, c: &AllChapterView) {
        self.chapter = i;
        if i > 0 || self.f.y > self.f.margin {
            self.f.new_page();
        }
        if i > 0 {
            self.f.tag(tag::close());
        }
        self.f.tag(tag::open(Role::Sect));
        self.marks.chapters.push((self.f.page(), self.f.y));
        self.marks.headings.push(Vec::new());
        if let (Some(n), Some(name)) = (c.trin, &c.trin_name) {
            let l = format!("{} {n}: {name}", self.s.get("trin"));
            self.para(&text::plain(&l, Weight::Bold), 10.0, ACCENT, 0.0);
        }
        let f = &mut self.f;
        let lines = f.lines(&text::plain(&c.title, Weight::Bold), 22.0, f.width());
        let (x, y, w) = (f.x(), f.y, f.width());
        f.y += f.part(Role::H(1), &lines, (x, y, w), 22.0, INK) + 6.0 * f.s;
        if let Some(sum) = &c.summary {
            self.para(&text::plain(sum, Weight::Regular), 11.5, MUTED, 0.0);
            self.f.gap(8.0);
        }
        self.blocks(&c.body.blocks, 0.0);
    }
}

fn roman(mut n: usize) -> String {
    let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (v, r) in table {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

/// The keys of the contents' links start here, after any the chapters' text can have.
const TOC_LINKS: usize = usize::MAX / 2;

/// A contents line's link: its page, rectangle, and the page and top it leads to.
type TocLink = (usize, text::Rect, usize, f32, String);

/// The table of contents: chapters and their sections, each with its page number, drawn from
/// `first_page` on; returns its pages and the links of its lines (page from 0 in it).
fn contents(
    faces: &Faces,
    fonts: &Fonts,
    s: &Strings,
    chapters: &[AllChapterView],
    marks: &Marks,
    label: &dyn Fn(usize) -> String,
) -> (Vec<Vec<printpdf::Op>>, Vec<TocLink>) {
    let mut f = Flow::new(faces, &fonts.metrics, A4, MARGIN, 1.0);
    let mut links = Vec::new();
    f.heading(1, &s.get("toc"), 20.0, INK, 30.0);
    f.gap(6.0);
    for (i, c) in chapters.iter().enumerate() {
        let (page, top) = marks.chapters.get(i).copied().unwrap_or((0, MARGIN));
        let mut entries = vec![(0u8, c.title.clone(), page, top)];
        entries.extend(
            marks
                .headings
                .get(i)
                .into_iter()
                .flatten()
                .filter(|h| h.0 <= 2)
                .cloned(),
        );
        for (level, title, page, top) in entries {
            let (size, weight, indent) = if level == 0 {
                (11.5, Weight::Bold, 0.0)
            } else {
                (10.0, Weight::Regular, 16.0)
            };
            let number = label(page);
            let nw = fonts.metrics.width(&number, size, weight);
            let w = f.width() - indent - nw - 24.0;
            let lines = f.lines(&text::plain(&title, weight), size, w);
            let h = f.line_height(size) * lines.len() as f32;
            f.need(h);
            let (x, y) = (f.x() + indent, f.y);
            f.tag(tag::open(Role::P));
            f.put(&lines, (x, y, w), size, INK);
            let last = y + f.line_height(size) * (lines.len() as f32 - 1.0);
            let nx = f.x() + f.width() - nw;
            let nl = f.lines(&text::plain(&number, weight), size, nw + 1.0);
            f.put(&nl, (nx, last, nw + 1.0), size, INK);
            // A dotted guide from the title to its number.
            let end = lines.last().map_or(0.0, |l| l.width);
            let gy = last + f.line_height(size) * 0.72;
            if x + end + 6.0 < nx - 6.0 {
                f.tag(tag::artifact());
                f.shapes(vec![Shape::Line {
                    x1: x + end + 6.0,
                    y1: gy,
                    x2: nx - 6.0,
                    y2: gy,
                    stroke: Stroke {
                        color: LINE,
                        width: 0.8,
                        dash: Some((1.0, 3.0)),
                    },
                }]);
                f.tag(tag::close());
            }
            f.tag(tag::link(TOC_LINKS + links.len()));
            f.tag(tag::close());
            links.push((
                f.page(),
                (x, y, f.x() + f.width(), y + h),
                page,
                top,
                s.fill("pdf_link_to", &[("title", &title)]),
            ));
            f.y += h + if level == 0 { 4.0 } else { 1.0 };
        }
        f.gap(4.0);
    }
    (f.pages, links)
}

/// The running head (the chapter's title) and the page number at the foot.
fn head_and_foot(
    ops: &mut Vec<printpdf::Op>,
    faces: &Faces,
    fonts: &Fonts,
    (pw, ph): (f32, f32),
    head: Option<&str>,
    number: &str,
) {
    let m = &fonts.metrics;
    ops.push(tag::artifact());
    if let Some(h) = head {
        let lines = text::wrap(&text::plain(h, Weight::Regular), 8.5, pw - 2.0 * MARGIN, m);
        text::draw(
            ops,
            faces,
            m,
            ph,
            &lines[..1.min(lines.len())],
            (MARGIN, 30.0, pw - 2.0 * MARGIN),
            8.5,
            11.0,
            text::Align::START,
            MUTED,
        );
        let line = vec![Shape::Line {
            x1: MARGIN,
            y1: 44.0,
            x2: pw - MARGIN,
            y2: 44.0,
            stroke: Stroke::solid(LINE, 0.6),
        }];
        crate::draw::pdf::draw_shapes(ops, line, ph, faces, m);
    }
    let lines = text::wrap(&text::plain(number, Weight::Regular), 9.0, 100.0, m);
    text::draw(
        ops,
        faces,
        m,
        ph,
        &lines,
        (pw / 2.0 - 50.0, ph - 38.0, 100.0),
        9.0,
        12.0,
        text::Align::CENTER,
        MUTED,
    );
    ops.push(tag::close());
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn pdf(
    chapters: &[AllChapterView],
    book_title: &str,
    team: &str,
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
    load: &dyn Fn(&str) -> Option<super::image::Image>,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let mut book = Book {
        f: Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0),
        load,
        images: Vec::new(),
        marks: Marks::default(),
        chapter: 0,
        links: Vec::new(),
        s,
    };
    for (i, c) in chapters.iter().enumerate() {
        book.chapter(i, c);
    }
    if !chapters.is_empty() {
        book.f.tag(tag::close());
    }
    let Book {
        f,
        marks,
        links,
        images,
        ..
    } = book;
    let (body_pages, sizes) = (f.pages, f.sizes);

    // The table of contents: its numbers count from the first chapter page, so they are
    // known before its own length is.
    let arabic = |p: usize| (p + 1).to_string();
    let (toc, toc_links) = contents(&faces, fonts, s, chapters, &marks, &arabic);
    let front = 1 + toc.len();

    let mut doc = Doc::new(fonts);
    for img in &images {
        doc.image(img);
    }
    let mut title_ops = title_page(&faces, fonts, book_title, team);
    head_and_foot(&mut title_ops, &faces, fonts, A4, None, "");
    doc.page(A4.0, A4.1, title_ops);
    for (i, mut ops) in toc.into_iter().enumerate() {
        head_and_foot(&mut ops, &faces, fonts, A4, None, &roman(i + 2));
        doc.page(A4.0, A4.1, ops);
    }
    // Each body page has the title of the chapter it belongs to at its head.
    for (p, (mut ops, size)) in body_pages.into_iter().zip(sizes).enumerate() {
        let chapter = marks.chapters.iter().rposition(|(start, _)| *start <= p);
        let head = chapter
            .and_then(|c| chapters.get(c))
            .map(|c| c.title.as_str());
        head_and_foot(&mut ops, &faces, fonts, size, head, &arabic(p));
        doc.page(size.0, size.1, ops);
    }
    doc.labels = vec![
        Label {
            first_page: 0,
            style: 'r',
        },
        Label {
            first_page: front,
            style: 'D',
        },
    ];
    for (key, (page, rect, to_page, to_top, contents)) in toc_links.into_iter().enumerate() {
        doc.links.push(Link {
            page: 1 + page,
            rect,
            to_page: front + to_page,
            to_top,
            contents,
            key: Some(TOC_LINKS + key),
        });
    }
    for (page, rect, to, chapter, key) in links {
        let (j, dest) = match &to {
            Target::Page(p, anchor) => {
                let j = chapters.iter().position(|c| c.page == *p);
                let dest = j.and_then(|j| {
                    anchor
                        .as_ref()
                        .and_then(|a| marks.anchors.get(&(j, a.clone())).copied())
                        .or_else(|| marks.chapters.get(j).copied())
                });
                (j, dest)
            }
            Target::Anchor(a) => (
                Some(chapter),
                marks.anchors.get(&(chapter, a.clone())).copied(),
            ),
            _ => (None, None),
        };
        if let Some((to_page, to_top)) = dest {
            let title = j
                .and_then(|j| chapters.get(j))
                .map_or("", |c| c.title.as_str());
            doc.links.push(Link {
                page: front + page,
                rect,
                to_page: front + to_page,
                to_top,
                contents: s.fill("pdf_link_to", &[("title", title)]),
                key: Some(key),
            });
        }
    }
    doc.outline = outline(chapters, &marks, front);
    doc.finish(meta)
}

type Cells = Vec<Vec<Run>>;

/// A table's header and rows as runs, each row as many cells as the widest (the header's
/// bold); None for a table of no columns.
fn cells(
    head: &[Vec<crate::views::rich::Span>],
    rows: &[Vec<Vec<crate::views::rich::Span>>],
) -> Option<(Cells, Vec<Cells>)> {
    let cols = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return None;
    }
    let cell_runs = |cells: &[Vec<crate::views::rich::Span>], bold: bool| -> Cells {
        (0..cols)
            .map(|i| {
                let mut r = cells.get(i).map(|c| text::runs(c)).unwrap_or_default();
                if bold {
                    for x in &mut r {
                        x.weight = Weight::Bold;
                    }
                }
                r
            })
            .collect()
    };
    Some((
        cell_runs(head, true),
        rows.iter().map(|r| cell_runs(r, false)).collect(),
    ))
}

/// Which of a chapter's tables, counted in the order they stand, are too wide for the
/// handbook's PDF even on a page turned on its side in 9-point type: their longest words
/// are broken there (`check` warns at each).
pub(crate) fn too_wide_tables(
    body: &crate::views::rich::Body,
    fonts: &Fonts,
) -> Vec<(usize, usize)> {
    fn tables<'b>(blocks: &'b [Block], out: &mut Vec<&'b Block>) {
        for b in blocks {
            match b {
                Block::Table { .. } => out.push(b),
                Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => tables(inner, out),
                Block::List { items, .. } => items.iter().for_each(|i| tables(&i.blocks, out)),
                _ => {}
            }
        }
    }
    let mut all = Vec::new();
    tables(&body.blocks, &mut all);
    let faces = faces();
    let f = Flow::new(&faces, &fonts.metrics, A4_LANDSCAPE, MARGIN, 1.0);
    all.into_iter()
        .enumerate()
        .filter(|(_, t)| {
            let Block::Table { head, rows, .. } = t else {
                return false;
            };
            cells(head, rows).is_some_and(|(h, b)| !column_widths(&f, &h, &b, f.width(), 4.0).3)
        })
        .map(|(i, t)| match t {
            Block::Table { head, .. } => (i, head.len()),
            _ => (i, 0),
        })
        .collect()
}

/// The title page: the book's title and the team's name, centred a third down.
fn title_page(faces: &Faces, fonts: &Fonts, book_title: &str, team: &str) -> Vec<printpdf::Op> {
    let mut title = Flow::new(faces, &fonts.metrics, A4, MARGIN, 1.0);
    title.y = A4.1 * 0.33;
    let w = title.width();
    for (t, size, color, weight, role) in [
        (book_title, 30.0, INK, Weight::Bold, Role::H(1)),
        (team, 13.0, MUTED, Weight::Regular, Role::P),
    ] {
        let l = title.lines(&text::plain(t, weight), size, w);
        let (x, y) = (title.x(), title.y);
        title.tag(tag::open(role));
        title.y += text::draw(
            title.ops(),
            faces,
            &fonts.metrics,
            A4.1,
            &l,
            (x, y, w),
            size,
            size * 1.3,
            text::Align::CENTER,
            color,
        ) + 10.0;
        title.tag(tag::close());
    }
    title.pages.into_iter().next().unwrap_or_default()
}

/// The outline: chapters, their sections, and the sections' subsections.
fn outline(chapters: &[AllChapterView], marks: &Marks, front: usize) -> Vec<Outline> {
    chapters
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (page, top) = marks.chapters.get(i).copied().unwrap_or((0, MARGIN));
            // Sections, and under each the deeper headings that follow it; a deeper heading
            // with no section before it stands on its own.
            let mut children: Vec<Outline> = Vec::new();
            let mut in_section = false;
            for (level, t, p, y) in marks.headings.get(i).into_iter().flatten() {
                let o = Outline {
                    title: t.clone(),
                    page: front + p,
                    top: *y,
                    children: Vec::new(),
                };
                match children.last_mut() {
                    Some(parent) if *level > 2 && in_section => parent.children.push(o),
                    _ => {
                        in_section = *level <= 2;
                        children.push(o);
                    }
                }
            }
            Outline {
                title: c.title.clone(),
                page: front + page,
                top,
                children,
            }
        })
        .collect()
}
/// A table's type size and its columns' widths, as a browser lays out a table whose width is
/// not set: each column as wide as its widest text when they all fit; otherwise each at least
/// as wide as its longest word, the room left shared in proportion to how much more each
/// would take. When even the longest words do not fit, the cells' padding goes down, then the
/// type, to 9 pt at the least, and then the columns share the width in proportion to their
/// longest words (a word wider than its column is then hyphenated, with the hyphen shown).
/// Returns the type size, the padding, the widths and whether every longest word fits.
fn column_widths(
    f: &Flow,
    head: &[Vec<Run>],
    body: &[Vec<Vec<Run>>],
    width: f32,
    pad: f32,
) -> (f32, f32, Vec<f32>, bool) {
    let cols = head.len();
    let measure = |size: f32, pad: f32| -> (Vec<f32>, Vec<f32>) {
        let mut least = vec![0.0f32; cols];
        let mut most = vec![0.0f32; cols];
        for row in std::iter::once(head).chain(body.iter().map(Vec::as_slice)) {
            for (i, cell) in row.iter().enumerate().take(cols) {
                let mut whole = 0.0;
                for r in cell {
                    whole += f.m.width(&r.text, size * f.s, r.weight);
                    for word in r.text.split_whitespace() {
                        least[i] = least[i].max(f.m.width(word, size * f.s, r.weight));
                    }
                }
                most[i] = most[i].max(whole);
            }
        }
        let with_pad = |v: Vec<f32>| v.into_iter().map(|w| w.max(12.0) + 2.0 * pad).collect();
        (with_pad(least), with_pad(most))
    };
    let sum = |v: &[f32]| v.iter().sum::<f32>();
    let natural = measure(BODY, pad).0;
    let mut size = BODY;
    // Crowded columns first give up their padding, down to a point and a half a side.
    let pad = if sum(&natural) > width {
        let text = sum(&natural) - cols as f32 * 2.0 * pad;
        ((width - text) / (2.0 * cols as f32)).clamp(1.5, pad)
    } else {
        pad
    };
    let (mut least, mut most) = measure(BODY, pad);
    if sum(&least) > width {
        // Smaller type, as far as the longest words need (and 9 pt at the least).
        let text = sum(&least) - cols as f32 * 2.0 * pad;
        let room = width - cols as f32 * 2.0 * pad;
        size = (BODY * room / text.max(1.0)).clamp(9.0, BODY);
        (least, most) = measure(size, pad);
    }
    let (sl, sm) = (sum(&least), sum(&most));
    let fits = sl <= width;
    let widths = if sm <= width {
        most
    } else if sl <= width {
        let extra = (width - sl) / (sm - sl).max(0.001);
        least
            .iter()
            .zip(&most)
            .map(|(l, m)| l + (m - l) * extra)
            .collect()
    } else {
        least.iter().map(|l| l * width / sl).collect()
    };
    (size, pad, widths, fits)
}
