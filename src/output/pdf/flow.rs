//! Pages filled from top to bottom: blocks are measured before they are placed, a heading
//! is never left at the foot of a page (it moves with what follows it), and a picture or a
//! box is never split.

use super::compact::Compact;
use super::text::{self, Align, Line, Run};
use crate::draw::font::Metrics;
use crate::draw::pdf::{Faces, Place, draw};
use crate::draw::scene::{Color, Scene, Shape, Stroke, Weight};
use printpdf::Op;

pub struct Flow<'a> {
    pub faces: &'a Faces,
    pub m: &'a Metrics,
    pub size: (f32, f32),
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
        self.y = self.margin;
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
}
