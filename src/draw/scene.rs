//! The scene model every chart is drawn into: shapes, text runs and groups in a coordinate
//! space of points (y grows downwards). Its writers ([`super::svg`], [`super::pdf`]) draw a scene as it is;
//! nothing chart-specific lives in a writer.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Color(pub u8, pub u8, pub u8);

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Used by the tests that hold the theme's colours to WCAG contrast.
#[cfg(test)]
impl Color {
    /// WCAG relative luminance.
    pub fn luminance(self) -> f32 {
        let ch = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// WCAG contrast ratio between two colours (1–21).
    pub fn contrast(self, other: Color) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stroke {
    pub color: Color,
    pub width: f32,
    /// Dash and gap lengths; None for a solid line.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub fn solid(color: Color, width: f32) -> Stroke {
        Stroke {
            color,
            width,
            dash: None,
        }
    }

    pub fn dashed(color: Color, width: f32) -> Stroke {
        Stroke {
            color,
            width,
            dash: Some((4.0, 3.0)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One piece of a path.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PathOp {
    Move(f32, f32),
    Line(f32, f32),
    /// A cubic Bézier: two control points, then the end point.
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        /// Corner radius.
        r: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        stroke: Stroke,
    },
    Polyline {
        points: Vec<(f32, f32)>,
        stroke: Stroke,
    },
    Path {
        ops: Vec<PathOp>,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// One line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        weight: Weight,
        anchor: Anchor,
        fill: Color,
    },
    /// Shapes that belong together, with an accessible title.
    Group {
        title: Option<String>,
        shapes: Vec<Shape>,
    },
}

/// A finished chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// What the picture is, in a few words.
    pub title: String,
    /// What it shows, in sentences, for readers who cannot see it.
    pub desc: String,
    pub shapes: Vec<Shape>,
}

/// What a picture is and shows, in words (the strings file's, filled in by the views).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub title: String,
    pub desc: String,
}

impl Scene {
    /// The size of its smallest text, in its own units (None: it has no text).
    pub fn smallest_text(&self) -> Option<f32> {
        fn walk(shapes: &[Shape], min: &mut Option<f32>) {
            for s in shapes {
                match s {
                    Shape::Text { size, .. } => {
                        *min = Some(min.map_or(*size, |m: f32| m.min(*size)));
                    }
                    Shape::Group { shapes, .. } => walk(shapes, min),
                    _ => {}
                }
            }
        }
        let mut min = None;
        walk(&self.shapes, &mut min);
        min
    }

    /// How wide it must be printed for its smallest text to be `size` points (a hair wider,
    /// so that rounding does not set it a hair smaller).
    pub fn width_for_text(&self, size: f32) -> f32 {
        self.smallest_text()
            .map_or(0.0, |t| self.width * size / t.max(0.1) * 1.0001)
    }

    /// A finished picture `height` points tall (rounded up to whole points).
    pub fn new(width: f32, height: f32, caption: Caption, shapes: Vec<Shape>) -> Scene {
        Scene {
            width,
            height: height.ceil(),
            title: caption.title,
            desc: caption.desc,
            shapes,
        }
    }
}

/// An axis-aligned box, for overlap and bounds checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Bounds {
    pub fn overlaps(&self, o: &Bounds) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

impl Shape {
    /// The box a shape covers; text boxes use the font's measured width.
    pub fn bounds(&self, m: &super::font::Metrics) -> Option<Bounds> {
        let b = |x0: f32, y0: f32, x1: f32, y1: f32| {
            Some(Bounds {
                x0: x0.min(x1),
                y0: y0.min(y1),
                x1: x0.max(x1),
                y1: y0.max(y1),
            })
        };
        match self {
            Shape::Rect { x, y, w, h, .. } => b(*x, *y, x + w, y + h),
            Shape::Line { x1, y1, x2, y2, .. } => b(*x1, *y1, *x2, *y2),
            Shape::Circle { cx, cy, r, .. } => b(cx - r, cy - r, cx + r, cy + r),
            Shape::Polyline { points, .. } => points_bounds(points.iter().copied()),
            Shape::Path { ops, .. } => points_bounds(ops.iter().flat_map(|o| match *o {
                PathOp::Move(x, y) | PathOp::Line(x, y) => vec![(x, y)],
                PathOp::Cubic(a, b, c, d, e, f) => vec![(a, b), (c, d), (e, f)],
                PathOp::Close => vec![],
            })),
            Shape::Text {
                x,
                y,
                text,
                size,
                weight,
                anchor,
                ..
            } => {
                let w = m.width(text, *size, *weight);
                let x0 = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                b(x0, y - size * m.ascent(), x0 + w, y + size * m.descent())
            }
            Shape::Group { shapes, .. } => {
                let all: Vec<Bounds> = shapes.iter().filter_map(|s| s.bounds(m)).collect();
                all.iter().copied().reduce(|a, c| Bounds {
                    x0: a.x0.min(c.x0),
                    y0: a.y0.min(c.y0),
                    x1: a.x1.max(c.x1),
                    y1: a.y1.max(c.y1),
                })
            }
        }
    }
}

impl Shape {
    /// The shape moved down by `dy`.
    fn moved(self, dy: f32) -> Shape {
        self.placed(None, dy)
    }

    /// The shape mirrored across a page `width` wide, for a page read from the right: what
    /// stood at the left stands at the right. Text is moved, not reversed (a label anchored
    /// at its start is anchored at its end).
    pub fn mirrored(self, width: f32) -> Shape {
        self.placed(Some(width), 0.0)
    }

    /// The shape mirrored across a page of `mirror`'s width (if given) and moved down by `dy`.
    fn placed(self, mirror: Option<f32>, dy: f32) -> Shape {
        let x = |v: f32| mirror.map_or(v, |w| w - v);
        let y = |v: f32| v + dy;
        match self {
            Shape::Rect {
                x: rx,
                y: ry,
                w,
                h,
                r,
                fill,
                stroke,
            } => Shape::Rect {
                // Its left edge is where its right edge is mirrored to.
                x: mirror.map_or(rx, |pw| pw - rx - w),
                y: y(ry),
                w,
                h,
                r,
                fill,
                stroke,
            },
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
            } => Shape::Line {
                x1: x(x1),
                y1: y(y1),
                x2: x(x2),
                y2: y(y2),
                stroke,
            },
            Shape::Polyline { points, stroke } => Shape::Polyline {
                points: points.into_iter().map(|(a, b)| (x(a), y(b))).collect(),
                stroke,
            },
            Shape::Path { ops, fill, stroke } => Shape::Path {
                ops: ops
                    .into_iter()
                    .map(|op| match op {
                        PathOp::Move(a, b) => PathOp::Move(x(a), y(b)),
                        PathOp::Line(a, b) => PathOp::Line(x(a), y(b)),
                        PathOp::Cubic(a, b, c, d, e, f) => {
                            PathOp::Cubic(x(a), y(b), x(c), y(d), x(e), y(f))
                        }
                        PathOp::Close => PathOp::Close,
                    })
                    .collect(),
                fill,
                stroke,
            },
            Shape::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => Shape::Circle {
                cx: x(cx),
                cy: y(cy),
                r,
                fill,
                stroke,
            },
            Shape::Text {
                x: tx,
                y: ty,
                text,
                size,
                weight,
                anchor,
                fill,
            } => Shape::Text {
                x: x(tx),
                y: y(ty),
                text,
                size,
                weight,
                anchor: match (mirror, anchor) {
                    (Some(_), Anchor::Start) => Anchor::End,
                    (Some(_), Anchor::End) => Anchor::Start,
                    (_, a) => a,
                },
                fill,
            },
            Shape::Group { title, shapes } => Shape::Group {
                title,
                shapes: shapes.into_iter().map(|s| s.placed(mirror, dy)).collect(),
            },
        }
    }
}

impl Scene {
    /// The scene cut across into parts of at most `max` high, for paper: only where no shape
    /// (a group counts whole) crosses the cut, each part as tall as it can be, the shapes of
    /// each moved up to its top. One part, the scene itself, when it is not taller than `max`;
    /// a part is taller than `max` only where shapes allow no cut within it.
    #[cfg(test)]
    pub fn cut(self, max: f32, m: &super::font::Metrics) -> Vec<Scene> {
        self.cut_after(max, max, m)
    }

    /// [`Scene::cut`], its first part at most `first` high (what is left of a page).
    pub fn cut_after(self, first: f32, max: f32, m: &super::font::Metrics) -> Vec<Scene> {
        if self.height <= first {
            return vec![self];
        }
        // Each shape's extent down the picture (none for a shape with no size).
        let spans: Vec<(f32, f32)> = self
            .shapes
            .iter()
            .map(|s| s.bounds(m).map_or((0.0, 0.0), |b| (b.y0, b.y1)))
            .collect();
        // Where to cut: above a shape that would go past the part's foot, when nothing above
        // it reaches down past its top.
        let mut by_top: Vec<(f32, f32)> = spans.clone();
        by_top.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cuts: Vec<f32> = Vec::new();
        let (mut top, mut reach, mut any) = (0.0f32, 0.0f32, false);
        for (y0, y1) in by_top {
            let max = if cuts.is_empty() { first } else { max };
            if y1 - top > max && any && reach <= y0 {
                top = y0 - 2.0;
                cuts.push(top);
            }
            reach = reach.max(y1);
            any = true;
        }
        // Each shape to its part, in the order it was drawn.
        let mut parts: Vec<Vec<Shape>> = vec![Vec::new(); cuts.len() + 1];
        for (shape, (y0, _)) in self.shapes.into_iter().zip(spans) {
            let k = cuts.iter().take_while(|c| **c <= y0).count();
            let dy = if k == 0 { 0.0 } else { cuts[k - 1] };
            parts[k].push(shape.moved(-dy));
        }
        let tops: Vec<f32> = std::iter::once(0.0).chain(cuts.iter().copied()).collect();
        let foots: Vec<f32> = cuts.iter().copied().chain([self.height]).collect();
        parts
            .into_iter()
            .zip(tops.into_iter().zip(foots))
            .map(|(shapes, (t, f))| {
                let caption = Caption {
                    title: self.title.clone(),
                    desc: self.desc.clone(),
                };
                Scene::new(self.width, f - t, caption, shapes)
            })
            .collect()
    }
}

fn points_bounds(mut it: impl Iterator<Item = (f32, f32)>) -> Option<Bounds> {
    let (x, y) = it.next()?;
    let mut bb = Bounds {
        x0: x,
        y0: y,
        x1: x,
        y1: y,
    };
    for (x, y) in it {
        bb.x0 = bb.x0.min(x);
        bb.y0 = bb.y0.min(y);
        bb.x1 = bb.x1.max(x);
        bb.y1 = bb.y1.max(y);
    }
    Some(bb)
}

/// Every text shape of a scene, groups flattened (for tests).
#[cfg(test)]
pub fn texts(shapes: &[Shape]) -> Vec<&Shape> {
    let mut out = Vec::new();
    for s in shapes {
        match s {
            Shape::Text { .. } => out.push(s),
            Shape::Group { shapes, .. } => out.extend(texts(shapes)),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of 40 entries, each a group of a box and its words, under a header: cut into
    /// parts no taller than asked, only between entries, every shape kept once, in the order
    /// drawn, and moved up to its part's top.
    #[test]
    fn a_tall_scene_is_cut_between_its_groups() {
        let m = crate::draw::font::standard();
        let entry = |k: usize| Shape::Group {
            title: None,
            shapes: vec![
                Shape::Rect {
                    x: 0.0,
                    y: 100.0 + k as f32 * 30.0,
                    w: 50.0,
                    h: 25.0,
                    r: 0.0,
                    fill: None,
                    stroke: None,
                },
                Shape::Text {
                    x: 5.0,
                    y: 115.0 + k as f32 * 30.0,
                    text: format!("Skridt {k}"),
                    size: 12.0,
                    weight: Weight::Regular,
                    anchor: Anchor::Start,
                    fill: Color(0, 0, 0),
                },
            ],
        };
        let mut shapes = vec![Shape::Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 90.0,
            r: 0.0,
            fill: None,
            stroke: None,
        }];
        shapes.extend((0..40).map(entry));
        let caption = Caption {
            title: "t".into(),
            desc: "d".into(),
        };
        let scene = Scene::new(100.0, 100.0 + 40.0 * 30.0, caption, shapes);
        let parts = scene.clone().cut(400.0, &m);
        assert!(parts.len() >= 4, "{} parts", parts.len());
        assert!(parts.iter().all(|p| p.height <= 400.0));
        let all: Vec<&Shape> = parts.iter().flat_map(|p| &p.shapes).collect();
        assert_eq!(all.len(), 41);
        let words: Vec<String> = texts(
            &parts
                .iter()
                .flat_map(|p| p.shapes.clone())
                .collect::<Vec<_>>(),
        )
        .iter()
        .filter_map(|t| match t {
            Shape::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
        assert_eq!(
            words,
            (0..40).map(|k| format!("Skridt {k}")).collect::<Vec<_>>()
        );
        for p in &parts[1..] {
            for s in &p.shapes {
                let b = s.bounds(&m).unwrap();
                assert!(b.y0 >= 0.0 && b.y1 <= p.height, "{b:?} outside its part");
            }
        }
        assert_eq!(scene.clone().cut(5000.0, &m), vec![scene]);
    }

    /// Mirrored across a page: a box's left edge where its right edge was, a label anchored
    /// at its other end, a point at the other side; twice is the shape itself.
    #[test]
    fn a_mirrored_shape_stands_at_the_other_side() {
        let group = Shape::Group {
            title: None,
            shapes: vec![
                Shape::Rect {
                    x: 10.0,
                    y: 5.0,
                    w: 20.0,
                    h: 8.0,
                    r: 0.0,
                    fill: None,
                    stroke: None,
                },
                Shape::Text {
                    x: 10.0,
                    y: 20.0,
                    text: "Mål".into(),
                    size: 10.0,
                    weight: Weight::Regular,
                    anchor: Anchor::Start,
                    fill: Color(0, 0, 0),
                },
                Shape::Circle {
                    cx: 25.0,
                    cy: 30.0,
                    r: 2.0,
                    fill: None,
                    stroke: None,
                },
            ],
        };
        let Shape::Group { shapes, .. } = group.clone().mirrored(100.0) else {
            panic!("a group stays a group");
        };
        assert!(matches!(shapes[0], Shape::Rect { x, y, .. } if x == 70.0 && y == 5.0));
        assert!(matches!(shapes[1], Shape::Text { x, anchor: Anchor::End, .. } if x == 90.0));
        assert!(matches!(shapes[2], Shape::Circle { cx, cy, .. } if cx == 75.0 && cy == 30.0));
        assert_eq!(group.clone().mirrored(100.0).mirrored(100.0), group);
    }
}
