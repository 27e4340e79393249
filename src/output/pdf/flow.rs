//! Pages filled from top to bottom: blocks are measured before they are placed, a heading
//! is never left at the foot of a page (it moves with what follows it), and a picture or a
//! box is never split. Columns side by side ([`Flow::columns`]) go on over the pages
//! together, a picture in one cut across between its parts where the page ends.

use super::compact::Compact;
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
    /// Linked text: the page (from 0), its rectangle and where it leads.
    pub links: Vec<(usize, text::Rect, crate::routes::Target)>,
}

pub const LEADING: f32 = 1.35;

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
        let (faces, m, ph) = (self.faces, self.m, self.size.1);
        let sz = size * self.s;
        text::draw(
            self.ops(),
            faces,
            m,
            ph,
            lines,
            (x, y, w),
            sz,
            sz * LEADING,
            Align::Start,
            color,
        )
    }

    /// A heading, kept with the first `keep` points of what follows it.
    pub fn heading(&mut self, t: &str, size: f32, color: Color, keep: f32) {
        let lines = self.lines(&text::plain(t, Weight::Bold), size, self.width());
        let h = self.line_height(size) * lines.len() as f32;
        self.need(h + keep);
        let (x, y, w) = (self.x(), self.y, self.width());
        self.y += self.put(&lines, (x, y, w), size, color) + 3.0 * self.s;
    }

    /// Running text, broken between lines at the foot of a page.
    pub fn paragraph(&mut self, runs: &[Run], size: f32, color: Color, indent: f32) {
        let w = self.width() - indent;
        let lines = self.lines(runs, size, w);
        let lh = self.line_height(size);
        for l in lines {
            self.need(lh);
            let (x, y) = (self.x() + indent, self.y);
            let one = std::slice::from_ref(&l);
            let page = self.pages.len() - 1;
            for (rect, to) in text::links(self.m, one, (x, y), size * self.s, lh) {
                self.links.push((page, rect, to));
            }
            self.y += self.put(one, (x, y, w), size, color);
        }
    }

    /// Shapes in page coordinates (points from the top-left).
    pub fn shapes(&mut self, shapes: Vec<Shape>) {
        let (faces, m, ph) = (self.faces, self.m, self.size.1);
        crate::draw::pdf::draw_shapes(self.ops(), shapes, ph, faces, m);
    }

    /// A picture at (x, y), `width` wide; returns its height.
    pub fn scene(&mut self, scene: &Scene, (x, y, width): (f32, f32, f32)) -> f32 {
        let scale = width / scene.width.max(1.0);
        let (faces, m, ph) = (self.faces, self.m, self.size.1);
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
        scene.height * scale
    }

    /// A rounded box behind what will be drawn at (x, y, w, h).
    pub fn card(&mut self, (x, y, w, h): (f32, f32, f32, f32), fill: Color, line: Option<Color>) {
        self.shapes(vec![Shape::Rect {
            x,
            y,
            w,
            h,
            r: 4.0,
            fill: Some(fill),
            stroke: line.map(|c| Stroke::solid(c, 0.6)),
        }]);
    }

    /// Columns side by side from here, each filled from the top down and going on over the
    /// pages together: on each page every column takes what fits of it, then the next page
    /// begins; on a new page where only one column has more, that goes on through all the
    /// columns of the width it was set in (the rest of a long network's list in two columns,
    /// not one beside an empty one). A title stays with the start of what follows it; text
    /// breaks between lines; a picture that does not fit what is left is cut across between
    /// its parts ([`Scene::cut_after`]), where at least a third of the page is left or it is
    /// at the page's top. The flow ends under the longest column.
    pub fn columns(&mut self, columns: Vec<Column>) {
        let mut cols: Vec<(f32, f32, std::collections::VecDeque<Block>)> = columns
            .into_iter()
            .map(|c| (c.x, c.width, c.blocks.into()))
            .collect();
        let mut ys: Vec<f32> = vec![self.y; cols.len()];
        loop {
            for (i, (x, w, blocks)) in cols.iter_mut().enumerate() {
                ys[i] = self.column_page(blocks, (*x, *w), ys[i]);
            }
            if cols.iter().all(|c| c.2.is_empty()) {
                break;
            }
            self.new_page();
            ys.iter_mut().for_each(|y| *y = self.margin);
            let mut going = cols.iter_mut().filter(|c| !c.2.is_empty());
            if let (Some(only), None) = (going.next(), going.next()) {
                let (w, blocks) = (only.1, std::mem::take(&mut only.2));
                let same: Vec<(f32, f32)> = cols
                    .iter()
                    .filter(|c| (c.1 - w).abs() < 0.5)
                    .map(|c| (c.0, c.1))
                    .collect();
                self.newspaper(&same, blocks);
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
                Block::Title(lines, size) => {
                    let h = self.line_height(size) * lines.len() as f32 + 3.0 * self.s;
                    let next = blocks.front().map_or(0.0, |n| n.start(self, left - h));
                    if h + next > left && y > top {
                        blocks.push_front(Block::Title(lines, size));
                        return y;
                    }
                    y +=
                        self.put(&lines, (x, y, w), size, crate::draw::palette::INK) + 3.0 * self.s;
                }
                Block::Text(t) => {
                    let lh = self.line_height(t.size);
                    let mut rest = t.lines.into_iter();
                    let mut mark = t.mark;
                    let tx = x + t.indent * self.s;
                    let tw = w - t.indent * self.s;
                    while y + lh <= self.bottom() || y <= top {
                        let Some(l) = rest.next() else { break };
                        if let Some((m, mw)) = mark.take() {
                            self.scene(&m, (x, y, mw));
                        }
                        let one = std::slice::from_ref(&l);
                        let page = self.pages.len() - 1;
                        for (rect, to) in text::links(self.m, one, (tx, y), t.size * self.s, lh) {
                            self.links.push((page, rect, to));
                        }
                        y += self.put(one, (tx, y, tw), t.size, t.color);
                    }
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
    /// A title (its lines and type size), kept with the start of what follows it.
    Title(Vec<Line>, f32),
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
}

impl Text {
    /// Lines of ink, not indented, with nothing before them.
    pub fn plain(lines: Vec<Line>, size: f32, after: f32) -> Block {
        Block::Text(Text {
            lines,
            size,
            color: crate::draw::palette::INK,
            indent: 0.0,
            mark: None,
            after,
        })
    }
}

impl Block {
    /// The height its start takes where `left` points are left: a text's first line, a
    /// picture whole when it fits, else its first part (or all of it when it cannot be cut).
    fn start(&self, f: &Flow, left: f32) -> f32 {
        match self {
            Block::Gap(_) => 0.0,
            Block::Title(l, size) => f.line_height(*size) * l.len() as f32,
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
