//! The diploma as one A4 page, by construction: laid out at full size, then, while it does
//! not fit, at a smaller type scale, down to body text of 9 pt. `check` asks [`fit`] the same
//! question, so it refuses exactly the diplomas that cannot fit and warns about those that
//! will be set smaller.

use super::doc::{Doc, Fonts, Meta, faces};
use super::tag::{self, Role};
use super::text::{self, Align, Line, Run};
use crate::draw::font::Metrics;
use crate::draw::palette::{ACCENT, INK, MUTED, WHITE};
use crate::draw::pdf::Faces;
use crate::draw::scene::{Color, Shape, Stroke, Weight};
use crate::draw::shape::isolate;
use crate::views::{DiplomaView, Strings};
use printpdf::Op;

use crate::draw::palette::ACCENT_BOX;
pub use crate::draw::paper::A4;
/// Body text at full size, and the smallest it may become.
pub(crate) const BODY: f32 = 11.0;
const MIN_BODY: f32 = 9.0;
/// The frame: its distance from the paper's edge, the band inside it, and the room between
/// the inner line and the text.
const FRAME: f32 = 30.0;
const BAND: f32 = 7.0;
const INSET: f32 = 36.0;
const LEADING: f32 = 1.38;

/// How the diploma fits on its page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// At this scale of the full type sizes (1.0: full size).
    Scale(f32),
    /// Not even at the smallest type: this many points too tall, about this many lines.
    TooLong { points: f32, lines: usize },
}

struct Page<'a> {
    ops: Vec<Op>,
    faces: &'a Faces,
    m: &'a Metrics,
    s: f32,
    x: f32,
    width: f32,
    /// Read from the right: laid out from the left as always, drawn mirrored.
    rtl: bool,
}

impl Page<'_> {
    fn lines(&self, runs: &[Run], size: f32, width: f32) -> Vec<Line> {
        text::wrap(runs, size * self.s, width, self.m)
    }

    /// Draw lines at `y` (their top); returns the height used.
    fn put(
        &mut self,
        lines: &[Line],
        (x, y, width): (f32, f32, f32),
        size: f32,
        align: Align,
        color: Color,
    ) -> f32 {
        let size = size * self.s;
        let x = if self.rtl { A4.0 - x - width } else { x };
        text::draw(
            &mut self.ops,
            self.faces,
            self.m,
            A4.1,
            lines,
            (x, y, width),
            size,
            size * LEADING,
            align.rtl(self.rtl),
            color,
        )
    }

    /// Shapes laid out from the left, where they are drawn.
    fn shapes(&mut self, shapes: Vec<Shape>) {
        let shapes = if self.rtl {
            shapes.into_iter().map(|s| s.mirrored(A4.0)).collect()
        } else {
            shapes
        };
        crate::draw::pdf::draw_shapes(&mut self.ops, shapes, A4.1, self.faces, self.m);
    }

    /// Lines drawn as a part of `role` of the structure.
    fn part(
        &mut self,
        role: Role,
        lines: &[Line],
        at: (f32, f32, f32),
        size: f32,
        align: Align,
        color: Color,
    ) -> f32 {
        self.ops.push(tag::open(role));
        let h = self.put(lines, at, size, align, color);
        self.ops.push(tag::close());
        h
    }

    fn heading(&mut self, t: &str, (x, y, width): (f32, f32, f32)) -> f32 {
        let lines = self.lines(&text::plain(t, Weight::Bold), 12.5, width);
        let at = (x, y, width);
        self.part(Role::H(2), &lines, at, 12.5, Align::START, ACCENT) + 4.0 * self.s
    }

    /// A bulleted list; returns its height.
    fn bullets(&mut self, items: &[Vec<Run>], (x, y, width): (f32, f32, f32)) -> f32 {
        let indent = 12.0 * self.s;
        let mut h = 0.0;
        self.ops.push(tag::open(Role::L));
        for item in items {
            self.ops.push(tag::open(Role::LI));
            let lines = self.lines(item, BODY, width - indent);
            let size = BODY * self.s;
            let r = 1.6 * self.s;
            let cy = y + h + self.m.ascent() * size * 0.62;
            self.shapes(vec![Shape::Circle {
                cx: x + r + 1.0,
                cy,
                r,
                fill: Some(INK),
                stroke: None,
            }]);
            h += self.part(
                Role::LBody,
                &lines,
                (x + indent, y + h, width - indent),
                BODY,
                Align::START,
                INK,
            );
            self.ops.push(tag::close());
            h += 3.0 * self.s;
        }
        self.ops.push(tag::close());
        h
    }
}

fn frame(ops: &mut Vec<Op>, faces: &Faces, m: &Metrics) {
    let (w, h) = A4;
    let shapes = vec![
        Shape::Rect {
            x: FRAME,
            y: FRAME,
            w: w - 2.0 * FRAME,
            h: h - 2.0 * FRAME,
            r: 0.0,
            fill: Some(ACCENT_BOX),
            stroke: Some(Stroke::solid(ACCENT, 1.8)),
        },
        Shape::Rect {
            x: FRAME + BAND,
            y: FRAME + BAND,
            w: w - 2.0 * (FRAME + BAND),
            h: h - 2.0 * (FRAME + BAND),
            r: 0.0,
            fill: Some(WHITE),
            stroke: Some(Stroke::solid(ACCENT, 0.7)),
        },
    ];
    crate::draw::pdf::draw_shapes(ops, shapes, h, faces, m);
}

/// Everything the diploma says, as runs.
struct Content {
    kicker: String,
    name: String,
    heading: Option<String>,
    achieved_title: String,
    achieved: Vec<Vec<Run>>,
    focus_title: String,
    focus: Vec<Vec<Run>>,
    journey_title: String,
    journey: Vec<Vec<Run>>,
    lifeline_title: String,
    lifeline: Vec<Vec<Run>>,
    date: String,
    family: Vec<String>,
    staff: Vec<(String, String)>,
    emblem: bool,
    /// In a language read from the right.
    rtl: bool,
}

fn content(v: &DiplomaView, name: &str, s: &Strings) -> Content {
    Content {
        kicker: upper(&s.get("diploma_for"), &s.get("lang_code")),
        name: isolate(name),
        heading: v.heading.as_deref().map(isolate),
        achieved_title: s.get("diploma_achieved"),
        achieved: v.achieved.iter().map(|r| text::own(&r.0)).collect(),
        focus_title: s.get("diploma_focus"),
        focus: v.focus.iter().map(|r| text::own(&r.0)).collect(),
        journey_title: s.get("diploma_journey"),
        journey: text::paragraphs(&v.body.blocks)
            .into_iter()
            .map(text::isolated)
            .collect(),
        lifeline_title: s.get("diploma_lifeline"),
        lifeline: v
            .lifeline
            .iter()
            .map(|l| {
                let mut r = text::plain(&isolate(&l.name), Weight::Bold);
                let rest = match &l.contact {
                    Some(c) => format!(" – {}: {}", isolate(&l.role), isolate(c)),
                    None => format!(" – {}", isolate(&l.role)),
                };
                r.push(Run::new(rest, Weight::Regular));
                r
            })
            .collect(),
        date: v.date.clone(),
        family: v.family_signers.iter().map(|n| isolate(n)).collect(),
        staff: v
            .signers
            .iter()
            .map(|x| (isolate(&x.name), isolate(&x.role)))
            .collect(),
        emblem: v.emblem.is_some(),
        rtl: crate::views::text_direction(s.0) == "rtl",
    }
}

/// Capitals as a language writes them: in Turkish and Azerbaijani, i is İ.
fn upper(text: &str, lang: &str) -> String {
    if matches!(lang, "tr" | "az") {
        text.replace('i', "İ").to_uppercase()
    } else {
        text.to_uppercase()
    }
}

/// The area inside the frame: left, top, width, bottom.
fn area() -> (f32, f32, f32, f32) {
    let edge = FRAME + BAND + INSET;
    (edge, edge, A4.0 - 2.0 * edge, A4.1 - edge)
}

/// Lay the diploma out at scale `s`: its drawing, and how far the top part runs into the
/// signatures (negative: room to spare).
fn lay_out(c: &Content, s: f32, faces: &Faces, m: &Metrics) -> (Vec<Op>, f32) {
    let (x, top, width, bottom) = area();
    let mut p = Page {
        ops: Vec::new(),
        faces,
        m,
        s,
        x,
        width,
        rtl: c.rtl,
    };
    let mut y = top;
    if c.emblem {
        // The emblem's place; the picture itself is drawn by the caller.
        y += 56.0 * s + 8.0 * s;
    }
    let line = |p: &Page, t: &str, size: f32, w: Weight| p.lines(&text::plain(t, w), size, p.width);
    let l = line(&p, &c.kicker, 10.0, Weight::Regular);
    y += p.part(Role::P, &l, (x, y, width), 10.0, Align::CENTER, ACCENT) + 2.0 * s;
    let l = line(&p, &c.name, 28.0, Weight::Bold);
    y += p.part(Role::H(1), &l, (x, y, width), 28.0, Align::CENTER, INK) + 2.0 * s;
    if let Some(h) = &c.heading {
        let l = line(&p, h, 14.0, Weight::Regular);
        y += p.part(Role::P, &l, (x, y, width), 14.0, Align::CENTER, MUTED);
    }
    y += 18.0 * s;

    // What they reached and what to hold on to, side by side.
    let gap = 24.0 * s;
    let col = (width - gap) / 2.0;
    let mut cols = [0.0f32; 2];
    for (i, (title, items)) in [(&c.achieved_title, &c.achieved), (&c.focus_title, &c.focus)]
        .into_iter()
        .enumerate()
    {
        if items.is_empty() {
            continue;
        }
        let cx = x + i as f32 * (col + gap);
        let mut h = p.heading(title, (cx, y, col));
        h += p.bullets(items, (cx, y + h, col));
        cols[i] = h;
    }
    y += cols[0].max(cols[1]);

    if !c.journey.is_empty() {
        y += 12.0 * s;
        y += p.heading(&c.journey_title, (x, y, width));
        for para in &c.journey {
            let l = p.lines(para, BODY, width);
            y += p.part(Role::P, &l, (x, y, width), BODY, Align::START, INK) + 5.0 * s;
        }
    }

    if !c.lifeline.is_empty() {
        y += 12.0 * s;
        y += p.heading(&c.lifeline_title, (x, y, width));
        let size = BODY;
        p.ops.push(tag::open(Role::L));
        for pair in c.lifeline.chunks(2) {
            let mut row = 0.0f32;
            for (i, entry) in pair.iter().enumerate() {
                let cx = x + i as f32 * (col + gap);
                let l = p.lines(entry, size, col);
                p.ops.push(tag::open(Role::LI));
                let h = p.part(Role::LBody, &l, (cx, y, col), size, Align::START, INK);
                p.ops.push(tag::close());
                row = row.max(h);
            }
            y += row + 3.0 * s;
        }
        p.ops.push(tag::close());
    }
    let content_bottom = y;

    // The date and the signatures stand at the bottom.
    let sig = signatures(&mut p, c, bottom);
    (p.ops, content_bottom + 16.0 * s - sig)
}

/// The most signers on one row.
const PER_ROW: usize = 4;

/// A signer's name and role, wrapped.
type Signer = (Vec<Line>, Vec<Line>);

/// Draw the date and signature rows ending at `bottom`; returns where they begin. Each row
/// is a line to sign on per signer, with the name (and the role) under it, whole.
fn signatures(p: &mut Page, c: &Content, bottom: f32) -> f32 {
    let s = p.s;
    let lead = BODY * s * LEADING;
    let signers: Vec<Vec<(&str, Option<&str>)>> = [
        c.family
            .iter()
            .map(|n| (n.as_str(), None))
            .collect::<Vec<_>>(),
        c.staff
            .iter()
            .map(|(n, r)| (n.as_str(), Some(r.as_str())))
            .collect(),
    ]
    .into_iter()
    .filter(|r| !r.is_empty())
    // At most four signers side by side, the rows evenly filled: a big family's names stay
    // whole rather than break into syllables in a slot too narrow for them.
    .flat_map(|r| {
        let per = r.len().div_ceil(r.len().div_ceil(PER_ROW));
        r.chunks(per).map(<[_]>::to_vec).collect::<Vec<_>>()
    })
    .collect();
    // Each signer's lines, wrapped to its share of the width.
    let rows: Vec<(f32, Vec<Signer>)> = signers
        .iter()
        .map(|r| {
            let slot = p.width / r.len() as f32;
            let cells = r
                .iter()
                .map(|(name, role)| {
                    let n = p.lines(&text::plain(name, Weight::Bold), BODY, slot - 8.0);
                    let ro = role.map_or(Vec::new(), |x| {
                        p.lines(&text::plain(x, Weight::Regular), BODY, slot - 8.0)
                    });
                    (n, ro)
                })
                .collect();
            (slot, cells)
        })
        .collect();
    let row_h = |cells: &[Signer]| {
        let lines = cells
            .iter()
            .map(|(n, r)| n.len() + r.len())
            .max()
            .unwrap_or(1);
        26.0 * s + lead * lines as f32 + 10.0 * s
    };
    let total: f32 = lead + 6.0 * s + rows.iter().map(|(_, c)| row_h(c)).sum::<f32>();
    let start = bottom - total;
    let mut y = start;
    let date = p.lines(&text::plain(&c.date, Weight::Regular), BODY, p.width);
    y += p.part(Role::P, &date, (p.x, y, p.width), BODY, Align::CENTER, INK) + 6.0 * s;
    for (slot, cells) in &rows {
        let line_w = (150.0 * s).min(slot - 16.0);
        let top = y + 26.0 * s;
        for (i, (name, role)) in cells.iter().enumerate() {
            let left = p.x + slot * i as f32;
            let cx = left + slot / 2.0;
            let shape = Shape::Line {
                x1: cx - line_w / 2.0,
                y1: top - 4.0 * s,
                x2: cx + line_w / 2.0,
                y2: top - 4.0 * s,
                stroke: Stroke::solid(INK, 0.7),
            };
            p.shapes(vec![shape]);
            // The line to sign on is decoration; the name and role are one paragraph.
            p.ops.push(tag::open(Role::P));
            let h = p.put(name, (left, top, *slot), BODY, Align::CENTER, INK);
            p.put(role, (left, top + h, *slot), BODY, Align::CENTER, MUTED);
            p.ops.push(tag::close());
        }
        y += row_h(cells);
    }
    start
}

/// The largest body text of a diploma, where the page has room.
const MAX_BODY: f32 = 14.0;

/// Scales tried, largest first, a quarter point of body text apart: from body text of
/// [`MAX_BODY`] (a short diploma fills its page rather than leave a quarter of it blank)
/// through full size down to [`MIN_BODY`].
fn scales() -> impl Iterator<Item = f32> {
    (0..)
        .map(|i| MAX_BODY - 0.25 * i as f32)
        .take_while(|b| *b >= MIN_BODY)
        .map(|b| b / BODY)
}

/// The largest scale at which the diploma fits, and its drawing: a short one is laid out
/// once, any other in a few tries, halving the scales left between one that fits and one
/// that does not (a smaller scale never takes more room).
fn best(c: &Content, faces: &Faces, m: &Metrics) -> (Fit, Vec<Op>) {
    let scales: Vec<f32> = scales().collect();
    let at = |i: usize| lay_out(c, scales[i], faces, m);
    let (ops, over) = at(0);
    if over <= 0.0 {
        return (Fit::Scale(scales[0]), ops);
    }
    let last = scales.len() - 1;
    let (mut ops, over) = at(last);
    if over > 0.0 {
        let line = MIN_BODY * LEADING;
        let fit = Fit::TooLong {
            points: over,
            lines: (over / line).ceil() as usize,
        };
        return (fit, ops);
    }
    // Fits at `hi`, not at `lo`.
    let (mut lo, mut hi) = (0, last);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let (o, over) = at(mid);
        if over <= 0.0 {
            (hi, ops) = (mid, o);
        } else {
            lo = mid;
        }
    }
    (Fit::Scale(scales[hi]), ops)
}

/// Whether and at what size the diploma fits on one page.
pub(crate) fn fit(v: &DiplomaView, name: &str, s: &Strings, m: &Metrics) -> Fit {
    best(&content(v, name, s), &faces(), m).0
}

/// How the diploma fits, and how many more lines of body text at the smallest type
/// ([`MIN_BODY`]) it has room for before it no longer does (0 when it does not fit): what
/// the workbench says while the diploma is written.
pub(crate) fn room(v: &DiplomaView, name: &str, s: &Strings, m: &Metrics) -> (Fit, usize) {
    let (c, faces) = (content(v, name, s), faces());
    let fit = best(&c, &faces, m).0;
    let over = lay_out(&c, MIN_BODY / BODY, &faces, m).1;
    let left = if over < 0.0 {
        (-over / (MIN_BODY * LEADING)).floor() as usize
    } else {
        0
    };
    (fit, left)
}

/// The diploma's PDF; an error when it cannot fit (`check` has said so already).
pub(crate) fn pdf(
    v: &DiplomaView,
    name: &str,
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
    emblem: Option<&super::image::Image>,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let c = content(v, name, s);
    let (fit, body) = best(&c, &faces, &fonts.metrics);
    let scale = match fit {
        Fit::Scale(x) => x,
        Fit::TooLong { lines, .. } => {
            return Err(format!(
                "diplomet kan ikke stå på én side: ca. {lines} linjer for meget"
            ));
        }
    };
    let mut ops = Vec::new();
    frame(&mut ops, &faces, &fonts.metrics);
    if let Some(img) = emblem {
        let (x, top, width, _) = area();
        let h = 56.0 * scale;
        img.draw(&mut ops, (x + width / 2.0, top, h), A4.1);
    }
    ops.extend(body);
    let mut doc = Doc::new(fonts);
    if let Some(img) = emblem {
        doc.image(img);
    }
    doc.page(A4.0, A4.1, ops);
    doc.finish(meta)
}
