//! Pages filled from top to bottom: blocks are measured before they are placed, a heading
//! is never left at the foot of a page (it moves with what follows it), and a picture or a
//! box is never split. Columns side by side ([`Flow::columns`]) go on over the pages
//! together, a picture in one cut across between its parts where the page ends.

use super::compact::Compact;
use super::tag::{self, Role};
use super::text::{self, Align, Line, Run};
use crate::draw::font::Metrics;
use crate::draw::pdf::{Faces, Place, draw};
use crate::draw::scene::{Color, Scene, Shape, Stroke, Weight};
use printpdf::Op;

pub struct Flow<'a> {
    pub faces: &'a Faces,
    pub m: &'a Metrics,
    /// The size of the page being filled.
    pub size: (f32, f32),
    /// Each page's size (a wide table's pages are turned: [`Flow::turn`]).
    pub sizes: Vec<(f32, f32)>,
    pub margin: f32,
    /// Type scale (1.0: full size).
    pub s: f32,
    pub pages: Vec<Vec<Op>>,
    /// Pages beyond this many are only counted: their drawing is dropped as each is done
    /// (a layout tried to see whether it fits needs its number of pages, not its pages).
    pub keep: usize,
    /// Where each page goes as soon as it is done (a document), instead of being held in
    /// `pages` (which then keeps an empty page in its place, so page numbers stay).
    pub sink: Option<Box<dyn FnMut(Vec<Op>) + 'a>>,
    pub y: f32,
    /// Linked text: the page (from 0), its rectangle, where it leads, and the key its place
    /// in the structure is marked with ([`tag::link`]).
    pub links: Vec<(usize, text::Rect, crate::routes::Target, usize)>,
    /// The key of the next link.
    pub next_link: usize,
    /// Whether the pages are read from the right (Arabic, Persian, Urdu): everything laid
    /// out from the left is drawn mirrored (what is said first stands at the right), its
    /// lines from the right edge in right-to-left order; pictures keep their own direction
    /// (as the page's charts do).
    pub rtl: bool,
    /// The next key for a part of the structure gone back into ([`tag::keyed`]).
    next_key: usize,
}

pub const LEADING: f32 = 1.35;

/// What a picture shows, in words, for its alternative text: its description, or its title
/// when it has none; nothing for decoration.
pub fn alt(scene: &Scene) -> String {
    match (scene.title.trim(), scene.desc.trim()) {
        (t, "") => t.to_string(),
        ("", d) => d.to_string(),
        (t, d) => format!("{t}. {d}"),
    }
}

/// The space inside a table's cell, around its text.
const TABLE_PAD: f32 = 4.0;

impl<'a> Flow<'a> {
    pub fn new(
        faces: &'a Faces,
        m: &'a Metrics,
        size: (f32, f32),
        margin: f32,
        s: f32,
    ) -> Flow<'a> {
        Flow {
            faces,
            m,
            size,
            sizes: vec![size],
            margin,
            s,
            pages: vec![Vec::new()],
            keep: usize::MAX,
            sink: None,
            y: margin,
            links: Vec::new(),
            next_link: 0,
            rtl: false,
            next_key: 0,
        }
    }

    pub fn x(&self) -> f32 {
        self.margin
    }

    pub fn width(&self) -> f32 {
        self.size.0 - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.size.1 - self.margin
    }

    /// The height a page holds from its top margin to its bottom one.
    pub fn room(&self) -> f32 {
        self.bottom() - self.margin
    }

    /// The height left on this page, from where the flow stands to the bottom margin.
    pub fn left(&self) -> f32 {
        self.bottom() - self.y
    }

    pub fn ops(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Start a new page. The page done is compacted at once: a long document (the board's
    /// list of meetings for thousands of families) is not held uncompacted until it is
    /// finished.
    pub fn new_page(&mut self) {
        let counted = self.pages.len() >= self.keep;
        if let Some(done) = self.pages.last_mut() {
            let ops = std::mem::take(done);
            if let Some(sink) = &mut self.sink {
                sink(ops);
            } else if !counted {
                *done = Compact::page(ops);
            }
        }
        self.pages.push(Vec::new());
        self.sizes.push(self.size);
        self.y = self.margin;
    }

    /// Go on on pages of `size` (a page turned on its side for a wide table, and back): on
    /// this page where nothing is on it yet, else from the next.
    pub fn turn(&mut self, size: (f32, f32)) {
        if size == self.size {
            return;
        }
        if self.y > self.margin || !self.ops().is_empty() {
            self.new_page();
        }
        self.size = size;
        if let Some(last) = self.sizes.last_mut() {
            *last = size;
        }
    }

    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    /// Hand the last page to the sink, if there is one.
    pub fn finish(&mut self) {
        if let (Some(sink), Some(last)) = (&mut self.sink, self.pages.last_mut()) {
            sink(std::mem::take(last));
        }
    }

    /// Start a new page unless `h` points still fit on this one.
    pub fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > self.margin {
            self.new_page();
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h * self.s;
    }

    pub fn lines(&self, runs: &[Run], size: f32, width: f32) -> Vec<Line> {
        text::wrap(runs, size * self.s, width, self.m)
    }

    pub fn line_height(&self, size: f32) -> f32 {
        size * self.s * LEADING
    }

    /// Draw lines at (x, y) without moving the flow; returns their height.
    pub fn put(
        &mut self,
        lines: &[Line],
        (x, y, w): (f32, f32, f32),
        size: f32,
        color: Color,
    ) -> f32 {
        let (faces, m, (pw, ph)) = (self.faces, self.m, self.size);
        let sz = size * self.s;
        let x = if self.rtl { pw - x - w } else { x };
        let align = Align::START.rtl(self.rtl);
        text::draw(
            self.ops(),
            faces,
            m,
            ph,
            lines,
            (x, y, w),
            sz,
            sz * LEADING,
            align,
            color,
        )
    }

    /// Lines drawn at (x, y) as a part of `role` of the structure, without moving the flow;
    /// returns their height.
    pub fn part(
        &mut self,
        role: Role,
        lines: &[Line],
        at: (f32, f32, f32),
        size: f32,
        color: Color,
    ) -> f32 {
        self.tag(tag::open(role));
        let h = self.put(lines, at, size, color);
        self.tag(tag::close());
        h
    }

    /// A rectangle laid out from the left, where it is drawn (mirrored on a page read from
    /// the right).
    fn placed(&self, (x0, y0, x1, y1): text::Rect) -> text::Rect {
        if self.rtl {
            let pw = self.size.0;
            (pw - x1, y0, pw - x0, y1)
        } else {
            (x0, y0, x1, y1)
        }
    }

    /// Put a marker of the structure ([`tag`]) among the drawing.
    pub fn tag(&mut self, op: Op) {
        self.ops().push(op);
    }

    /// Linked text at `rect` (laid out from the left) on this page, leading to `to`: kept
    /// in [`Flow::links`], its place marked in the part open.
    pub fn link(&mut self, rect: text::Rect, to: crate::routes::Target) {
        let key = self.next_link;
        self.next_link += 1;
        let page = self.page();
        let rect = self.placed(rect);
        self.links.push((page, rect, to, key));
        self.tag(tag::link(key));
    }

    /// A heading of `level` (1 to 6), kept with the first `keep` points of what follows it.
    pub fn heading(&mut self, level: u8, t: &str, size: f32, color: Color, keep: f32) {
        let lines = self.lines(&text::plain(t, Weight::Bold), size, self.width());
        let h = self.line_height(size) * lines.len() as f32;
        self.need(h + keep);
        let (x, y, w) = (self.x(), self.y, self.width());
        self.tag(tag::open(Role::H(level)));
        self.y += self.put(&lines, (x, y, w), size, color) + 3.0 * self.s;
        self.tag(tag::close());
    }

    /// Running text, broken between lines at the foot of a page.
    pub fn paragraph(&mut self, runs: &[Run], size: f32, color: Color, indent: f32) {
        let w = self.width() - indent;
        let lines = self.lines(runs, size, w);
        let lh = self.line_height(size);
        if !lines.is_empty() {
            // Opened on the page its first line stands on.
            self.need(lh);
        }
        self.tag(tag::open(Role::P));
        for l in lines {
            self.need(lh);
            let (x, y) = (self.x() + indent, self.y);
            let one = std::slice::from_ref(&l);
            for (rect, to) in text::links(self.m, one, (x, y), size * self.s, lh) {
                self.link(rect, to);
            }
            self.y += self.put(one, (x, y, w), size, color);
        }
        self.tag(tag::close());
    }

    /// Shapes in page coordinates (points from the top-left).
    pub fn shapes(&mut self, shapes: Vec<Shape>) {
        let (faces, m, (pw, ph)) = (self.faces, self.m, self.size);
        let shapes = if self.rtl {
            shapes.into_iter().map(|s| s.mirrored(pw)).collect()
        } else {
            shapes
        };
        crate::draw::pdf::draw_shapes(self.ops(), shapes, ph, faces, m);
    }

    /// A picture at (x, y), `width` wide; returns its height. A picture with words for what
    /// it shows is a figure with them as its alternative text; one without (a list item's
    /// number, an icon) is decoration.
    pub fn scene(&mut self, scene: &Scene, (x, y, width): (f32, f32, f32)) -> f32 {
        let scale = width / scene.width.max(1.0);
        let (faces, m, (pw, ph)) = (self.faces, self.m, self.size);
        let x = if self.rtl { pw - x - width } else { x };
        let alt = alt(scene);
        self.tag(if alt.is_empty() {
            tag::artifact()
        } else {
            tag::figure(&alt)
        });
        draw(
            self.ops(),
            scene,
            &Place {
                x,
                y,
                scale,
                page_height: ph,
            },
            faces,
            m,
        );
        self.tag(tag::close());
        scene.height * scale
    }

    /// A table across the flow's width in `size` type, its first column and header row in
    /// bold, a numeric column's (`numeric`) numbers at the right of their cells; a row is
    /// never split, and the header row is drawn again at the top of a new page. Each column
    /// is as wide as its longest word asks (a number column as its widest number, its head
    /// broken between lines), the text columns sharing what is left. A table wider than the
    /// page is printed as several, one under the other, each with the leading text columns
    /// (who, when) again and as many of the others as fit.
    /// A `caption` stands over it (over its first part), said as the table's caption.
    pub fn table(
        &mut self,
        caption: Option<&str>,
        head: &[String],
        rows: &[Vec<String>],
        numeric: &[bool],
        size: f32,
    ) {
        if rows.is_empty() || head.is_empty() {
            return;
        }
        let full = self.width();
        let is_num = |j: usize| numeric.get(j) == Some(&true);
        let words = |t: &str, w: Weight| {
            t.split_whitespace()
                .map(|x| self.m.width(x, size, w))
                .fold(0.0, f32::max)
        };
        let cells = |j: usize| rows.iter().filter_map(move |r| r.get(j));
        let natural: Vec<f32> = (0..head.len())
            .map(|j| {
                if is_num(j) {
                    let v = cells(j)
                        .map(|c| self.m.width(c, size, Weight::Regular))
                        .fold(0.0, f32::max);
                    (v.max(words(&head[j], Weight::Bold).min(56.0)) + 2.0 * TABLE_PAD)
                        .clamp(28.0, 90.0)
                } else {
                    let w = if j == 0 {
                        Weight::Bold
                    } else {
                        Weight::Regular
                    };
                    let v = cells(j).map(|c| words(c, w)).fold(0.0, f32::max);
                    (v.max(words(&head[j], Weight::Bold)) + 2.0 * TABLE_PAD).clamp(60.0, 200.0)
                }
            })
            .collect();
        // The leading text columns, repeated in every part.
        let keys: Vec<usize> = (0..head.len()).take_while(|j| !is_num(*j)).collect();
        let keys = if keys.is_empty() { vec![0] } else { keys };
        let key_w: f32 = keys.iter().map(|j| natural[*j]).sum();
        let mut parts: Vec<Vec<usize>> = Vec::new();
        let mut part: Vec<usize> = Vec::new();
        let mut used = key_w;
        for j in (0..head.len()).filter(|j| !keys.contains(j)) {
            if !part.is_empty() && used + natural[j] > full {
                parts.push(std::mem::take(&mut part));
                used = key_w;
            }
            part.push(j);
            used += natural[j];
        }
        if !part.is_empty() || parts.is_empty() {
            parts.push(part);
        }
        for (k, part) in parts.iter().enumerate() {
            let cols: Vec<usize> = keys.iter().chain(part).copied().collect();
            let mut widths: Vec<f32> = cols.iter().map(|j| natural[*j]).collect();
            // What is left goes to the text columns (or, with none, to all).
            let left = full - widths.iter().sum::<f32>();
            if left > 0.0 {
                let texts: Vec<usize> = (0..cols.len()).filter(|i| !is_num(cols[*i])).collect();
                let take: Vec<usize> = if texts.is_empty() {
                    (0..cols.len()).collect()
                } else {
                    texts
                };
                for i in &take {
                    widths[*i] += left / take.len() as f32;
                }
            }
            if k > 0 {
                self.gap(6.0);
            }
            let pick = |r: &[String]| -> Vec<String> {
                cols.iter()
                    .map(|j| r.get(*j).cloned().unwrap_or_default())
                    .collect()
            };
            let nums: Vec<bool> = cols.iter().map(|j| is_num(*j)).collect();
            let part_rows: Vec<Vec<String>> = rows.iter().map(|r| pick(r)).collect();
            let caption = caption.filter(|_| k == 0);
            self.table_part(caption, &pick(head), &part_rows, &nums, &widths, size);
        }
    }

    /// One part of a [`Flow::table`]: its columns at these widths.
    fn table_part(
        &mut self,
        caption: Option<&str>,
        head: &[String],
        rows: &[Vec<String>],
        numeric: &[bool],
        widths: &[f32],
        size: f32,
    ) {
        const PAD: f32 = TABLE_PAD;
        let full: f32 = widths.iter().sum();
        let is_num = |j: usize| numeric.get(j) == Some(&true);
        let weight = |j: usize, header: bool| {
            if header || j == 0 {
                Weight::Bold
            } else {
                Weight::Regular
            }
        };
        let layout = |f: &Flow, cells: &[String], header: bool| {
            let lines: Vec<Vec<Line>> = cells
                .iter()
                .zip(widths)
                .enumerate()
                .map(|(j, (c, w))| {
                    f.lines(
                        &[Run::new(c.clone(), weight(j, header))],
                        size,
                        w - 2.0 * PAD,
                    )
                })
                .collect();
            let h = lines
                .iter()
                .map(|l| f.line_height(size) * l.len() as f32)
                .fold(0.0, f32::max)
                + 2.0 * PAD;
            (lines, h)
        };
        let x0 = self.x();
        // `again`: the header row drawn again at the top of a page, decoration.
        let draw = |f: &mut Flow, cells: &[String], header: bool, again: bool| {
            let (lines, h) = layout(f, cells, header);
            let y = f.y;
            f.tag(tag::row(again));
            if header {
                f.shapes(vec![Shape::Rect {
                    x: x0,
                    y,
                    w: full,
                    h,
                    r: 0.0,
                    fill: Some(crate::draw::palette::PALE),
                    stroke: None,
                }]);
            }
            let mut cx = x0;
            for (j, (l, w)) in lines.iter().zip(widths).enumerate() {
                let inner = w - 2.0 * PAD;
                let x = if is_num(j) && l.len() == 1 {
                    let used = f.m.width(&cells[j], size, weight(j, header));
                    cx + PAD + (inner - used).max(0.0)
                } else {
                    cx + PAD
                };
                let color = if header {
                    crate::draw::palette::MUTED
                } else {
                    crate::draw::palette::INK
                };
                f.tag(tag::open(match (header, j) {
                    (true, _) => Role::TH,
                    (false, 0) => Role::RowHeader,
                    _ => Role::TD,
                }));
                f.put(l, (x, y + PAD, inner), size, color);
                f.tag(tag::close());
                cx += w;
            }
            f.shapes(vec![Shape::Line {
                x1: x0,
                y1: y + h,
                x2: x0 + full,
                y2: y + h,
                stroke: Stroke::solid(crate::draw::palette::LINE, 0.6),
            }]);
            f.tag(tag::close());
            f.y += h;
        };
        let first = layout(self, &rows[0], false).1;
        let caption = caption.map(|c| self.lines(&text::plain(c, Weight::Bold), 9.5, full));
        let caption_h = caption
            .as_ref()
            .map_or(0.0, |l| self.line_height(9.5) * l.len() as f32);
        self.need(caption_h + layout(self, head, true).1 + first);
        self.tag(tag::open(Role::Table));
        if let Some(lines) = caption {
            let at = (x0, self.y, full);
            self.y += self.part(Role::Caption, &lines, at, 9.5, crate::draw::palette::MUTED);
        }
        draw(self, head, true, false);
        for r in rows {
            let h = layout(self, r, false).1;
            let page = self.page();
            self.need(h);
            if self.page() != page {
                draw(self, head, true, true);
            }
            draw(self, r, false, false);
        }
        self.tag(tag::close());
    }

    /// A rounded box behind what will be drawn at (x, y, w, h).
    pub fn card(&mut self, (x, y, w, h): (f32, f32, f32, f32), fill: Color, line: Option<Color>) {
        self.tag(tag::artifact());
        self.shapes(vec![Shape::Rect {
            x,
            y,
            w,
            h,
            r: 4.0,
            fill: Some(fill),
            stroke: line.map(|c| Stroke::solid(c, 0.6)),
        }]);
        self.tag(tag::close());
    }

    /// Columns side by side from here, each filled from the top down and going on over the
    /// pages together: on each page every column takes what fits of it, then the next page
    /// begins; on a new page where only one column has more, that goes on through all the
    /// columns of the width it was set in (the rest of a long network's list in two columns,
    /// not one beside an empty one). A title or a label stays with the start of what follows
    /// it; text
    /// breaks between lines; a picture that does not fit what is left is cut across between
    /// its parts ([`Scene::cut_after`]), where at least a third of the page is left or it is
    /// at the page's top. The flow ends under the longest column.
    /// Each column is a part of the structure of its own, read whole before the next.
    pub fn columns(&mut self, columns: Vec<Column>) {
        let mut cols: Vec<(f32, f32, std::collections::VecDeque<Block>, usize)> = columns
            .into_iter()
            .map(|c| {
                let key = self.next_key;
                self.next_key += 1;
                self.tag(tag::keyed(Role::Sect, key));
                self.tag(tag::close());
                (c.x, c.width, c.blocks.into(), key)
            })
            .collect();
        let mut ys: Vec<f32> = vec![self.y; cols.len()];
        loop {
            for (i, (x, w, blocks, key)) in cols.iter_mut().enumerate() {
                self.tag(tag::enter(*key));
                ys[i] = self.column_page(blocks, (*x, *w), ys[i]);
                self.tag(tag::close());
            }
            if cols.iter().all(|c| c.2.is_empty()) {
                break;
            }
            self.new_page();
            ys.iter_mut().for_each(|y| *y = self.margin);
            let mut going = cols.iter_mut().filter(|c| !c.2.is_empty());
            if let (Some(only), None) = (going.next(), going.next()) {
                let (w, blocks, key) = (only.1, std::mem::take(&mut only.2), only.3);
                let same: Vec<(f32, f32)> = cols
                    .iter()
                    .filter(|c| (c.1 - w).abs() < 0.5)
                    .map(|c| (c.0, c.1))
                    .collect();
                self.tag(tag::enter(key));
                self.newspaper(&same, blocks);
                self.tag(tag::close());
                return;
            }
        }
        self.y = ys.into_iter().fold(self.margin, f32::max);
    }

    /// Blocks down one column and on in the next, page after page, from here.
    fn newspaper(&mut self, cols: &[(f32, f32)], mut blocks: std::collections::VecDeque<Block>) {
        let mut y = self.y;
        loop {
            let mut foot = y;
            for &(x, w) in cols {
                foot = foot.max(self.column_page(&mut blocks, (x, w), y));
                if blocks.is_empty() {
                    self.y = foot;
                    return;
                }
            }
            self.new_page();
            y = self.margin;
        }
    }

    /// What fits of a column on this page from `y`; returns where it ends. What does not fit
    /// is left in `blocks`.
    fn column_page(
        &mut self,
        blocks: &mut std::collections::VecDeque<Block>,
        (x, w): (f32, f32),
        mut y: f32,
    ) -> f32 {
        let top = self.margin;
        while let Some(b) = blocks.pop_front() {
            let left = self.bottom() - y;
            match b {
                Block::Gap(g) => {
                    if y > top {
                        y += g * self.s;
                    }
                }
                Block::Text(t) => {
                    let lh = self.line_height(t.size);
                    if t.keep && y > top {
                        // All of it, and the start of what follows, or none of it here.
                        let h = lh * t.lines.len() as f32 + t.after * self.s;
                        let next = blocks.front().map_or(0.0, |n| n.start(self, left - h));
                        if h + next > left {
                            blocks.push_front(Block::Text(t));
                            return y;
                        }
                    }
                    let mut rest = t.lines.into_iter();
                    let mut mark = t.mark;
                    self.tag(tag::open(t.role));
                    let tx = x + t.indent * self.s;
                    let tw = w - t.indent * self.s;
                    while y + lh <= self.bottom() || y <= top {
                        let Some(l) = rest.next() else { break };
                        if let Some((m, mw)) = mark.take() {
                            self.scene(&m, (x, y, mw));
                        }
                        let one = std::slice::from_ref(&l);
                        for (rect, to) in text::links(self.m, one, (tx, y), t.size * self.s, lh) {
                            self.link(rect, to);
                        }
                        y += self.put(one, (tx, y, tw), t.size, t.color);
                    }
                    self.tag(tag::close());
                    let lines: Vec<Line> = rest.collect();
                    if !lines.is_empty() {
                        blocks.push_front(Block::Text(Text { lines, mark, ..t }));
                        return y;
                    }
                    y += t.after * self.s;
                }
                Block::Picture(scene, pw) => {
                    let scale = pw / scene.width.max(1.0);
                    let cx = x + (w - pw) / 2.0;
                    if scene.height * scale <= left {
                        y += self.scene(&scene, (cx, y, pw));
                        continue;
                    }
                    if y > top && left < self.room() / 3.0 {
                        blocks.push_front(Block::Picture(scene, pw));
                        return y;
                    }
                    let mut parts = scene
                        .cut_after(left / scale, self.room() / scale, self.m)
                        .into_iter();
                    if let Some(first) = parts.next() {
                        if first.height * scale > left && y > top {
                            // Nothing of it fits here: all of it on the next page.
                            let mut all = vec![first];
                            all.extend(parts);
                            for p in all.into_iter().rev() {
                                blocks.push_front(Block::Picture(p, pw));
                            }
                            return y;
                        }
                        y += self.scene(&first, (cx, y, pw));
                    }
                    let rest: Vec<Scene> = parts.collect();
                    if !rest.is_empty() {
                        for p in rest.into_iter().rev() {
                            blocks.push_front(Block::Picture(p, pw));
                        }
                        return y;
                    }
                }
            }
        }
        y
    }
}

/// A column of [`Flow::columns`]: where it is, how wide, and what it holds from the top.
pub struct Column {
    pub x: f32,
    pub width: f32,
    pub blocks: Vec<Block>,
}

/// What a column holds.
pub enum Block {
    /// Running text, broken between lines at a page's foot.
    Text(Text),
    /// A picture printed this wide, in the middle of its column.
    Picture(Scene, f32),
    /// Space (unscaled), dropped at a page's top.
    Gap(f32),
}

/// Running text in a column.
pub struct Text {
    pub lines: Vec<Line>,
    pub size: f32,
    pub color: Color,
    /// How far in from the column's edge (unscaled).
    pub indent: f32,
    /// A picture before its first line in the indent (a list item's number, an icon), and
    /// how wide it is printed.
    pub mark: Option<(Scene, f32)>,
    /// Space after it (unscaled).
    pub after: f32,
    /// Kept whole and with the start of what follows it (a title, a label).
    pub keep: bool,
    /// What it is in the document's structure: a paragraph, a heading.
    pub role: Role,
}

impl Text {
    /// Lines of ink, not indented, with nothing before them.
    pub fn plain(lines: Vec<Line>, size: f32, after: f32) -> Block {
        Text::ink(lines, size, after, false, Role::P)
    }

    /// A title, a heading of `level`: lines of ink, kept with the start of what follows them.
    pub fn title(lines: Vec<Line>, size: f32, level: u8) -> Block {
        Text::ink(lines, size, 3.0, true, Role::H(level))
    }

    fn ink(lines: Vec<Line>, size: f32, after: f32, keep: bool, role: Role) -> Block {
        Block::Text(Text {
            lines,
            size,
            color: crate::draw::palette::INK,
            indent: 0.0,
            mark: None,
            after,
            keep,
            role,
        })
    }
}

impl Block {
    /// The height its start takes where `left` points are left: a text's first line, a
    /// picture whole when it fits, else its first part (or all of it when it cannot be cut).
    fn start(&self, f: &Flow, left: f32) -> f32 {
        match self {
            Block::Gap(_) => 0.0,
            Block::Text(t) => f.line_height(t.size),
            Block::Picture(scene, pw) => {
                let scale = pw / scene.width.max(1.0);
                if scene.height * scale <= left || left < f.room() / 3.0 {
                    scene.height * scale
                } else {
                    scene
                        .clone()
                        .cut_after(left / scale, f.room() / scale, f.m)
                        .first()
                        .map_or(0.0, |p| p.height * scale)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::font::standard;

    fn lines(f: &Flow, n: usize) -> Vec<Line> {
        (0..n)
            .flat_map(|i| {
                f.lines(
                    &text::plain(&format!("Linje {i}"), Weight::Regular),
                    11.0,
                    200.0,
                )
            })
            .collect()
    }

    /// A label kept with what follows moves to the next page with it, rather than stand
    /// alone at the foot of a page; running text breaks between its lines.
    #[test]
    fn a_kept_label_goes_with_what_follows_and_text_breaks_between_lines() {
        let (faces, m) = (super::super::doc::faces(), standard());
        let mut f = Flow::new(&faces, &m, (300.0, 300.0), 20.0, 1.0);
        let lh = f.line_height(11.0);
        // Room for a line and a half.
        f.y = 280.0 - 1.5 * lh;
        let label = Text::title(lines(&f, 1), 11.0, 2);
        let body = Text::plain(lines(&f, 5), 11.0, 0.0);
        f.columns(vec![Column {
            x: 20.0,
            width: 200.0,
            blocks: vec![label, body],
        }]);
        // The label and the start of the text did not fit together: both on page 2.
        assert_eq!(f.pages.len(), 2);
        let drawn = |ops: &[Op]| {
            ops.iter()
                .any(|o| !matches!(o, Op::DefineMarkedContentPoint { .. }))
        };
        assert!(!drawn(&f.pages[0]), "nothing left at the foot of page 1");
        assert!((f.y - (20.0 + 6.0 * lh + 3.0)).abs() < 0.01, "{}", f.y);

        // Without the label, the text starts on page 1 and goes on on page 2.
        let mut g = Flow::new(&faces, &m, (300.0, 300.0), 20.0, 1.0);
        g.y = 280.0 - 1.5 * lh;
        let body = Text::plain(lines(&g, 5), 11.0, 0.0);
        g.columns(vec![Column {
            x: 20.0,
            width: 200.0,
            blocks: vec![body],
        }]);
        assert_eq!(g.pages.len(), 2);
        assert!(!g.pages[0].is_empty());
        assert!((g.y - (20.0 + 4.0 * lh)).abs() < 0.01, "{}", g.y);
    }
}
