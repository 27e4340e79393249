//! Scene → printpdf drawing operations: the second writer of the one scene model (the first
//! is [`super::svg`]). A scene is placed with its top-left corner at a point of the page and
//! a scale; text is set in the same TrueType faces the scene was measured with, so what was
//! laid out is what is printed.

use super::font::Metrics;
use super::scene::{Anchor, Color, PathOp, Scene, Shape, Stroke, Weight};
use printpdf::{
    Color as PdfColor, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle,
    Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

/// The fonts charts and pages are set in, as the PDF's font resources: the theme's two
/// faces, and the fonts of the chain after it (each named from its place in the chain).
#[derive(Debug, Clone)]
pub struct Faces {
    pub regular: FontId,
    pub bold: FontId,
}

impl Faces {
    /// A font of the chain (0: the theme's own).
    pub fn id(&self, face: usize, w: Weight) -> FontId {
        match face {
            0 => match w {
                Weight::Regular => self.regular.clone(),
                Weight::Bold => self.bold.clone(),
            },
            k => FontId(format!(
                "TrvF{k}{}",
                if w == Weight::Bold { 'B' } else { 'R' }
            )),
        }
    }

    /// Which font of the chain a resource name is, and its weight.
    pub fn which(&self, id: &str) -> Option<(usize, Weight)> {
        if id == self.regular.0 {
            return Some((0, Weight::Regular));
        }
        if id == self.bold.0 {
            return Some((0, Weight::Bold));
        }
        let rest = id.strip_prefix("TrvF")?;
        let (k, w) = rest.split_at(rest.len().checked_sub(1)?);
        let w = match w {
            "R" => Weight::Regular,
            "B" => Weight::Bold,
            _ => return None,
        };
        Some((k.parse().ok()?, w))
    }
}

/// Where a scene goes: its top-left corner on the page (points from the page's top-left)
/// and how much it is scaled; the page's height turns the scene's downward y into PDF's
/// upward y.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub x: f32,
    pub y: f32,
    pub scale: f32,
    pub page_height: f32,
}

impl Place {
    fn pt(&self, x: f32, y: f32) -> Point {
        Point {
            x: Pt(self.x + x * self.scale),
            y: Pt(self.page_height - (self.y + y * self.scale)),
        }
    }
}

pub fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn stroke_ops(ops: &mut Vec<Op>, s: &Stroke, scale: f32) {
    ops.push(Op::SetOutlineColor { col: rgb(s.color) });
    ops.push(Op::SetOutlineThickness {
        pt: Pt(s.width * scale),
    });
    let pattern: Vec<f32> = match s.dash {
        Some((d, g)) => vec![d * scale, g * scale],
        None => Vec::new(),
    };
    ops.push(Op::SetLineDashPattern {
        dash: LineDashPattern::new(0.0, &pattern),
    });
}

/// A closed or open outline of points (control points marked), filled and/or stroked.
fn paint(
    ops: &mut Vec<Op>,
    rings: Vec<Vec<LinePoint>>,
    closed: bool,
    fill: Option<Color>,
    stroke: Option<&Stroke>,
    scale: f32,
) {
    if let Some(c) = fill {
        ops.push(Op::SetFillColor { col: rgb(c) });
    }
    if let Some(s) = stroke {
        stroke_ops(ops, s, scale);
    }
    match (fill, stroke) {
        (None, None) => {}
        (None, Some(_)) if !closed => {
            for points in rings {
                ops.push(Op::DrawLine {
                    line: Line {
                        points,
                        is_closed: false,
                    },
                });
            }
        }
        (fill, stroke) => ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: rings
                    .into_iter()
                    .map(|points| PolygonRing { points })
                    .collect(),
                mode: match (fill.is_some(), stroke.is_some()) {
                    (true, true) => PaintMode::FillStroke,
                    (true, false) => PaintMode::Fill,
                    _ => PaintMode::Stroke,
                },
                winding_order: WindingOrder::NonZero,
            },
        }),
    }
}

fn corner(p: Point) -> LinePoint {
    LinePoint { p, bezier: false }
}

fn control(p: Point) -> LinePoint {
    LinePoint { p, bezier: true }
}

/// Bézier handle length for a quarter circle.
const KAPPA: f32 = 0.552_284_8;

fn rounded_rect(at: &Place, x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<LinePoint> {
    let r = r.min(w / 2.0).min(h / 2.0);
    if r <= 0.0 {
        return vec![
            corner(at.pt(x, y)),
            corner(at.pt(x + w, y)),
            corner(at.pt(x + w, y + h)),
            corner(at.pt(x, y + h)),
        ];
    }
    let k = r * KAPPA;
    let (x1, y1) = (x + w, y + h);
    vec![
        corner(at.pt(x + r, y)),
        corner(at.pt(x1 - r, y)),
        control(at.pt(x1 - r + k, y)),
        control(at.pt(x1, y + r - k)),
        corner(at.pt(x1, y + r)),
        corner(at.pt(x1, y1 - r)),
        control(at.pt(x1, y1 - r + k)),
        control(at.pt(x1 - r + k, y1)),
        corner(at.pt(x1 - r, y1)),
        corner(at.pt(x + r, y1)),
        control(at.pt(x + r - k, y1)),
        control(at.pt(x, y1 - r + k)),
        corner(at.pt(x, y1 - r)),
        corner(at.pt(x, y + r)),
        control(at.pt(x, y + r - k)),
        control(at.pt(x + r - k, y)),
        corner(at.pt(x + r, y)),
    ]
}

fn circle(at: &Place, cx: f32, cy: f32, r: f32) -> Vec<LinePoint> {
    let k = r * KAPPA;
    vec![
        corner(at.pt(cx + r, cy)),
        control(at.pt(cx + r, cy + k)),
        control(at.pt(cx + k, cy + r)),
        corner(at.pt(cx, cy + r)),
        control(at.pt(cx - k, cy + r)),
        control(at.pt(cx - r, cy + k)),
        corner(at.pt(cx - r, cy)),
        control(at.pt(cx - r, cy - k)),
        control(at.pt(cx - k, cy - r)),
        corner(at.pt(cx, cy - r)),
        control(at.pt(cx + k, cy - r)),
        control(at.pt(cx + r, cy - k)),
        corner(at.pt(cx + r, cy)),
    ]
}

/// One line of text with its baseline at (x, y) in page points from the top-left, in the
/// order the Unicode Bidirectional Algorithm gives it (its first strong letter sets its
/// direction).
#[allow(clippy::too_many_arguments)]
pub fn text(
    ops: &mut Vec<Op>,
    faces: &Faces,
    m: &Metrics,
    page_height: f32,
    at: (f32, f32),
    s: &str,
    size: f32,
    weight: Weight,
    fill: Color,
) {
    let pieces = super::shape::pieces(m, s, weight, None);
    pieces_at(ops, faces, m, page_height, at, &pieces, size, weight, fill);
}

/// Parts of a line made by [`super::shape::pieces`], drawn from (x, y) to the right; returns
/// the width drawn.
#[allow(clippy::too_many_arguments)]
pub fn pieces_at(
    ops: &mut Vec<Op>,
    faces: &Faces,
    m: &Metrics,
    page_height: f32,
    (x, y): (f32, f32),
    pieces: &[super::shape::Piece],
    size: f32,
    weight: Weight,
    fill: Color,
) -> f32 {
    let mut at = x;
    for p in pieces {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFillColor { col: rgb(fill) });
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(faces.id(p.face, weight)),
            size: Pt(size),
        });
        match &p.glyphs {
            // Placed on the page, not moved from the text before: texts that follow each
            // other can share one text section (output::pdf::compact::Compact).
            None => {
                ops.push(Op::SetTextMatrix {
                    matrix: printpdf::TextMatrix::Translate(Pt(at), Pt(page_height - y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(p.text.clone())],
                });
            }
            Some(glyphs) => glyph_ops(ops, m, (at, page_height - y), p, glyphs, size, weight),
        }
        ops.push(Op::EndTextSection);
        at += p.em * size;
    }
    at - x
}

/// A shaped part's glyphs from the pen at (x, y) (PDF's upward y): runs of glyphs placed by
/// their advances in one text, a glyph moved off the pen (a mark over a letter) placed on
/// its own. A part whose glyphs do not give its letters back in the order typed says them
/// (`/ActualText`), so that a reader copies and reads aloud the words as typed.
fn glyph_ops(
    ops: &mut Vec<Op>,
    m: &Metrics,
    (x, y): (f32, f32),
    p: &super::shape::Piece,
    glyphs: &[super::shape::Glyph],
    size: f32,
    weight: Weight,
) {
    let (upem, advances) = m.advances(p.face, weight, glyphs);
    let scale = size / upem;
    if p.spoken {
        ops.push(actual_text(&p.text));
    }
    let mut pen = 0i32;
    let mut run: Vec<printpdf::Codepoint> = Vec::new();
    let mut run_at = 0i32;
    let flush = |ops: &mut Vec<Op>, run: &mut Vec<printpdf::Codepoint>, from: i32, dy: i32| {
        if run.is_empty() {
            return;
        }
        ops.push(Op::SetTextMatrix {
            matrix: printpdf::TextMatrix::Translate(
                Pt(x + from as f32 * scale),
                Pt(y + dy as f32 * scale),
            ),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(std::mem::take(run))],
        });
    };
    for (g, own) in glyphs.iter().zip(advances) {
        // A glyph said otherwise ([`super::shape::Glyph::said`]) is a span of its own.
        if let Some(t) = &g.said {
            flush(ops, &mut run, run_at, 0);
            ops.push(actual_text(t));
        }
        // The font's own advance moves the pen after a glyph; the shaped one differs by this
        // much (thousandths of an em, as TJ counts it).
        let adjust = (own - g.advance) as f32 * 1000.0 / upem;
        if g.dx != 0 || g.dy != 0 {
            flush(ops, &mut run, run_at, 0);
            let mut alone = vec![printpdf::Codepoint::with_cid(g.id, 0.0, g.text.clone())];
            flush(ops, &mut alone, pen + g.dx, g.dy);
            pen += g.advance;
            run_at = pen;
        } else {
            if run.is_empty() {
                run_at = pen;
            }
            run.push(printpdf::Codepoint::with_cid(g.id, adjust, g.text.clone()));
            pen += g.advance;
        }
        if g.said.is_some() {
            flush(ops, &mut run, run_at, 0);
            ops.push(Op::EndMarkedContent);
        }
    }
    flush(ops, &mut run, run_at, 0);
    if p.spoken {
        ops.push(Op::EndMarkedContent);
    }
}

/// The start of a span whose letters a reader takes out as `text` (`/ActualText`).
fn actual_text(text: &str) -> Op {
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: printpdf::DictItem::Dict {
            map: [(
                "ActualText".to_string(),
                printpdf::DictItem::String {
                    data: utf16_text(text),
                    literal: false,
                },
            )]
            .into_iter()
            .collect(),
        },
    }
}

/// Text as a PDF text string: UTF-16BE with its byte order mark.
pub fn utf16_text(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

fn shape(ops: &mut Vec<Op>, s: &Shape, at: &Place, faces: &Faces, m: &Metrics) {
    let sc = at.scale;
    match s {
        Shape::Rect {
            x,
            y,
            w,
            h,
            r,
            fill,
            stroke,
        } => paint(
            ops,
            vec![rounded_rect(at, *x, *y, *w, *h, *r)],
            true,
            *fill,
            stroke.as_ref(),
            sc,
        ),
        Shape::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
        } => paint(
            ops,
            vec![vec![corner(at.pt(*x1, *y1)), corner(at.pt(*x2, *y2))]],
            false,
            None,
            Some(stroke),
            sc,
        ),
        Shape::Polyline { points, stroke } => paint(
            ops,
            vec![points.iter().map(|(x, y)| corner(at.pt(*x, *y))).collect()],
            false,
            None,
            Some(stroke),
            sc,
        ),
        Shape::Path {
            ops: path,
            fill,
            stroke,
        } => {
            let mut rings: Vec<Vec<LinePoint>> = Vec::new();
            let mut closed = false;
            for op in path {
                match *op {
                    PathOp::Move(x, y) => rings.push(vec![corner(at.pt(x, y))]),
                    PathOp::Line(x, y) => {
                        if let Some(r) = rings.last_mut() {
                            r.push(corner(at.pt(x, y)));
                        }
                    }
                    PathOp::Cubic(a, b, c, d, x, y) => {
                        if let Some(r) = rings.last_mut() {
                            r.push(control(at.pt(a, b)));
                            r.push(control(at.pt(c, d)));
                            r.push(corner(at.pt(x, y)));
                        }
                    }
                    PathOp::Close => closed = true,
                }
            }
            paint(
                ops,
                rings,
                closed || fill.is_some(),
                *fill,
                stroke.as_ref(),
                sc,
            );
        }
        Shape::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
        } => paint(
            ops,
            vec![circle(at, *cx, *cy, *r)],
            true,
            *fill,
            stroke.as_ref(),
            sc,
        ),
        Shape::Text {
            x,
            y,
            text: t,
            size,
            weight,
            anchor,
            fill,
        } => {
            let w = m.width(t, *size, *weight);
            let x0 = match anchor {
                Anchor::Start => *x,
                Anchor::Middle => x - w / 2.0,
                Anchor::End => x - w,
            };
            // A label ends in a space drawn after it, never seen, so that a reader taking the
            // text out reads "jan. 2025 juli 2025", not "2025juli". Not after text read from
            // the right, where the space would stand first.
            let spaced;
            let t = if t.ends_with(char::is_whitespace)
                || !t.chars().all(|c| super::shape::plain(m, c))
            {
                t
            } else {
                spaced = format!("{t} ");
                &spaced
            };
            text(
                ops,
                faces,
                m,
                at.page_height,
                (at.x + x0 * sc, at.y + y * sc),
                t,
                size * sc,
                *weight,
                *fill,
            );
        }
        Shape::Group { shapes, .. } => {
            for s in shapes {
                shape(ops, s, at, faces, m);
            }
        }
    }
}

/// Draw a scene at `at`.
pub fn draw(ops: &mut Vec<Op>, scene: &Scene, at: &Place, faces: &Faces, m: &Metrics) {
    ops.push(Op::SaveGraphicsState);
    for s in &scene.shapes {
        shape(ops, s, at, faces, m);
    }
    ops.push(Op::RestoreGraphicsState);
}

/// Shapes given in page points from the top-left, drawn as they are.
pub fn draw_shapes(
    ops: &mut Vec<Op>,
    shapes: Vec<Shape>,
    page_height: f32,
    faces: &Faces,
    m: &Metrics,
) {
    let scene = Scene {
        width: 0.0,
        height: 0.0,
        title: String::new(),
        desc: String::new(),
        shapes,
    };
    let at = Place {
        x: 0.0,
        y: 0.0,
        scale: 1.0,
        page_height,
    };
    draw(ops, &scene, &at, faces, m);
}
