//! Charts: pure functions from plan data to a [`Scene`], one per chart, laid out with the
//! real metrics of the theme's font, drawn for the pages and the PDFs by the writers of
//! [`crate::draw`]. Every chart has a title and a description in words, and its data as a
//! table for screen readers and for staff who want the numbers.

pub mod icons;

mod capabilities;
mod functioning;
mod funds;
mod goal;
mod journey;
mod network;
mod scores;
mod sdq;
mod support;
mod trin;

pub use capabilities::{CapabilityPerson, capabilities};
pub use functioning::{FunctioningPerson, functioning};
pub use funds::{FundYear, funds};
pub use goal::{GoalStep, goal_staircase, status_style, step_order};
pub use journey::{JourneyEvent, journey_timeline};
pub use network::{NetworkNode, network_map};
pub use scores::{ScorePerson, scores};
pub use sdq::{ProfileRow, SdqPerson, sdq_profile};
pub use support::{SupportPerson, SupportStretch, support_track};
pub use trin::trin_path;

use crate::draw::font::Metrics;
use crate::draw::palette;
use crate::draw::scene::{self, Anchor, Color, Shape, Weight};
use crate::model::Date;
use serde::{Deserialize, Serialize};

/// The width of a chart on a page or a sheet of paper, in points.
pub const WIDE: f32 = 640.0;
/// The width of a chart on a phone (360–390 px screens), where a wide chart scaled down
/// would make its text too small to read.
pub const NARROW: f32 = 340.0;
/// The most a chart may be high at `WIDE` to be printed whole, and the most each part of one
/// cut for paper is ([`Chart::parts`]): what a landscape A4 page holds under its heading with
/// the chart's smallest text at 8 pt or more, so that a long chart is printed part by part
/// at a readable size instead of shrunk onto one page.
pub const PART: f32 = 500.0;

/// A chart as a view holds it: the picture laid out for a wide and a narrow space, and the
/// same data as a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub wide: scene::Scene,
    pub narrow: scene::Scene,
    pub table: DataTable,
    /// The journey cut for paper when it is taller than [`PART`]: runs of its events, each
    /// laid out at `WIDE` with its own axis. Empty otherwise. (Any other picture too tall for
    /// its printed column is cut across by the PDF that prints it: `Scene::cut`.)
    #[serde(skip)]
    pub parts: Vec<scene::Scene>,
}

/// The numbers behind a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataTable {
    /// The label of the "show the numbers" control.
    pub summary: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Cut `n` items, in order, into runs whose drawing (`draw(from, to)`, the items
/// `from..to`) is at most `max` high, each run as long as it can be and at least one item:
/// the drawings, in order. Used to print a long chart part by part ([`Chart::parts`]).
pub fn runs(n: usize, max: f32, draw: impl Fn(usize, usize) -> scene::Scene) -> Vec<scene::Scene> {
    let mut out = Vec::new();
    let mut a = 0;
    while a < n {
        let mut best = draw(a, a + 1);
        let mut b = a + 1;
        while b < n {
            let next = draw(a, b + 1);
            if next.height > max {
                break;
            }
            best = next;
            b += 1;
        }
        out.push(best);
        a = b;
    }
    out
}

/// Labels every chart needs, resolved from the strings file by the views.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Short month names, January first.
    pub months: [String; 12],
    /// How a date is written ("{d}. {m} {y}").
    pub date_format: String,
    /// The language is read from the right: a date is a right-to-left isolate in the
    /// picture's left-to-right drawing ("20 أبريل 2023" reads from the right, its day first).
    pub rtl: bool,
}

impl Labels {
    /// "jun. 2025"
    pub fn month_year(&self, d: Date) -> String {
        self.apart(format!("{} {}", self.months[d.month as usize - 1], d.year))
    }

    /// "1. jun. 2025"
    pub fn date(&self, d: Date) -> String {
        self.apart(d.written(&self.date_format, &self.months[d.month as usize - 1]))
    }

    fn apart(&self, text: String) -> String {
        if self.rtl {
            format!("\u{2067}{text}\u{2069}")
        } else {
            text
        }
    }
}

/// A text shape.
pub(crate) fn text(
    x: f32,
    y: f32,
    t: impl Into<String>,
    size: f32,
    weight: Weight,
    anchor: Anchor,
    fill: Color,
) -> Shape {
    Shape::Text {
        x,
        y,
        text: t.into(),
        size,
        weight,
        anchor,
        fill,
    }
}

/// Lines of wrapped text from (x, y) down; returns the shapes and the y below the last line.
pub(crate) fn paragraph(
    m: &Metrics,
    lines: &[String],
    x: f32,
    y: f32,
    size: f32,
    weight: Weight,
    fill: Color,
) -> (Vec<Shape>, f32) {
    let lh = size * 1.3;
    let mut out = Vec::new();
    let mut baseline = y + size * m.ascent();
    for l in lines {
        out.push(text(
            x,
            baseline,
            l.clone(),
            size,
            weight,
            Anchor::Start,
            fill,
        ));
        baseline += lh;
    }
    (out, y + lines.len() as f32 * lh)
}

/// How a legend shows one item: a box of the fill and stroke, or a dot.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    Box(Option<Color>, Option<scene::Stroke>),
    Dot(Option<Color>, Option<scene::Stroke>),
}

/// A legend from `y` down: each item's swatch and name side by side, on as many lines as
/// `width` needs (a name too long for a line is cut with "…"; the chart's table has it
/// whole). Returns the shapes and the foot of the last line.
pub(crate) fn legend(
    m: &Metrics,
    width: f32,
    y: f32,
    items: &[(Swatch, String)],
) -> (Vec<Shape>, f32) {
    let size = 12.0;
    let mut out = Vec::new();
    let (mut x, mut line) = (0.0, y);
    for (swatch, name) in items {
        let name = m
            .wrap_lines(name, size, Weight::Regular, width - 32.0, 1)
            .concat();
        let w = 32.0 + m.width(&name, size, Weight::Regular);
        if x > 0.0 && x + w > width {
            (x, line) = (0.0, line + 20.0);
        }
        out.push(match *swatch {
            Swatch::Box(fill, stroke) => Shape::Rect {
                x: x + 1.0,
                y: line + 3.0,
                w: 24.0,
                h: 12.0,
                r: 2.0,
                fill,
                stroke,
            },
            Swatch::Dot(fill, stroke) => Shape::Circle {
                cx: x + 13.0,
                cy: line + 9.0,
                r: 5.0,
                fill,
                stroke,
            },
        });
        out.push(text(
            x + 32.0,
            line + 13.5,
            name,
            size,
            Weight::Regular,
            Anchor::Start,
            palette::INK,
        ));
        x += w + 20.0;
    }
    (out, line + 18.0)
}

/// A linear time scale from dates to x.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeScale {
    pub d0: i64,
    pub d1: i64,
    pub x0: f32,
    pub x1: f32,
}

impl TimeScale {
    pub fn new(first: Date, last: Date, x0: f32, x1: f32) -> TimeScale {
        let (a, b) = (first.to_days(), last.to_days());
        TimeScale {
            d0: a,
            d1: b.max(a + 1),
            x0,
            x1,
        }
    }

    pub fn x(&self, d: Date) -> f32 {
        let t = (d.to_days() - self.d0) as f32 / (self.d1 - self.d0) as f32;
        self.x0 + t.clamp(0.0, 1.0) * (self.x1 - self.x0)
    }

    /// First days of months to mark on the axis: at most `max` of them, evenly stepped.
    pub fn ticks(&self, max: usize) -> Vec<Date> {
        let first = Date::from_days(self.d0);
        let last = Date::from_days(self.d1);
        let months = (last.year - first.year) * 12 + last.month as i32 - first.month as i32 + 1;
        let step = [1, 2, 3, 6, 12, 24, 60]
            .into_iter()
            .find(|s| months / s < max as i32)
            .unwrap_or(120);
        let mut d = Date::new(first.year, first.month, 1).unwrap_or(first);
        if d < first {
            d = d.add_months(1);
        }
        // Align to the step (January, April … for quarters).
        while (d.month as i32 - 1) % step.min(12) != 0 {
            d = d.add_months(1);
        }
        let mut out = Vec::new();
        while d <= last {
            out.push(d);
            d = d.add_months(step as u32);
        }
        out
    }
}

/// The axis along the bottom: a line and labelled ticks at `y`; labels that would collide
/// are left out.
pub(crate) fn time_axis(m: &Metrics, scale: &TimeScale, y: f32, labels: &Labels) -> Vec<Shape> {
    let mut out = vec![Shape::Line {
        x1: scale.x0,
        y1: y,
        x2: scale.x1,
        y2: y,
        stroke: scene::Stroke::solid(palette::MUTED, 1.0),
    }];
    let size = 11.0;
    let mut right_of_last = f32::MIN;
    for d in scale.ticks(7) {
        let x = scale.x(d);
        let label = labels.month_year(d);
        let w = m.width(&label, size, Weight::Regular);
        let (lx, anchor) = if x - w / 2.0 < scale.x0 - 8.0 {
            (x, Anchor::Start)
        } else if x + w / 2.0 > scale.x1 + 8.0 {
            (x, Anchor::End)
        } else {
            (x, Anchor::Middle)
        };
        let left = match anchor {
            Anchor::Start => lx,
            Anchor::Middle => lx - w / 2.0,
            Anchor::End => lx - w,
        };
        out.push(Shape::Line {
            x1: x,
            y1: y,
            x2: x,
            y2: y + 4.0,
            stroke: scene::Stroke::solid(palette::MUTED, 1.0),
        });
        if left > right_of_last + 6.0 {
            out.push(text(
                lx,
                y + 17.0,
                label,
                size,
                Weight::Regular,
                anchor,
                palette::MUTED,
            ));
            right_of_last = left + w;
        }
    }
    out
}

/// Danish thousands: 5000 → "5.000".
pub fn kr(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out
}

/// The initials of a name: "Sanne Holm" → "SH".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(2)
        .collect()
}

#[cfg(test)]
pub(crate) mod testkit {
    use super::*;

    pub fn labels() -> Labels {
        Labels {
            months: [
                "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
                "nov.", "dec.",
            ]
            .map(String::from),
            date_format: "{d}. {m} {y}".into(),
            rtl: false,
        }
    }

    pub fn cap() -> scene::Caption {
        scene::Caption {
            title: "t".into(),
            desc: "d".into(),
        }
    }

    pub fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// Every shape lies inside the scene, and no two texts overlap.
    pub fn assert_well_laid_out(scene: &scene::Scene, m: &Metrics) {
        for s in &scene.shapes {
            if let Some(b) = s.bounds(m) {
                assert!(
                    b.x0 >= -0.5
                        && b.y0 >= -0.5
                        && b.x1 <= scene.width + 0.5
                        && b.y1 <= scene.height + 0.5,
                    "{s:?} lies outside the {}×{} viewBox: {b:?}",
                    scene.width,
                    scene.height
                );
            }
        }
        let texts = scene::texts(&scene.shapes);
        let boxes: Vec<_> = texts.iter().filter_map(|t| t.bounds(m)).collect();
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                // Lines of one paragraph touch; shrink a little so touching is not overlap.
                let a = scene::Bounds {
                    y0: boxes[i].y0 + 1.0,
                    y1: boxes[i].y1 - 1.0,
                    ..boxes[i]
                };
                assert!(
                    !a.overlaps(&boxes[j]),
                    "labels overlap: {:?} and {:?}",
                    texts[i],
                    texts[j]
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers_and_initials() {
        assert_eq!(kr(5000), "5.000");
        assert_eq!(kr(355000), "355.000");
        assert_eq!(kr(750), "750");
        assert_eq!(initials("Sanne"), "S");
        assert_eq!(initials("Ali Hassan"), "AH");
    }

    #[test]
    fn time_scale_and_ticks() {
        let s = TimeScale::new(
            testkit::d("2025-01-01"),
            testkit::d("2026-01-01"),
            0.0,
            365.0,
        );
        assert_eq!(s.x(testkit::d("2025-07-02")).round(), 182.0);
        let t = s.ticks(7);
        assert!(t.len() <= 7 && t.len() >= 3, "{t:?}");
        assert!(t.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn risk_bands_darken_with_the_risk() {
        use palette::*;
        assert!(GREEN_SOFT.luminance() > AMBER_SOFT.luminance() + 0.05);
        assert!(AMBER_SOFT.luminance() > RED_SOFT.luminance() + 0.05);
    }

    #[test]
    fn palette_text_contrast() {
        use palette::*;
        for (fg, bg) in [
            (INK, WHITE),
            (MUTED, WHITE),
            (ACCENT, WHITE),
            (WHITE, ACCENT),
            (INK, AMBER),
            (MUTED, PALE),
            (INK, RED_SOFT),
            (INK, AMBER_SOFT),
            (INK, GREEN_SOFT),
            (AMBER_DARK, WHITE),
            (RED, WHITE),
        ] {
            assert!(fg.contrast(bg) >= 4.5, "{fg} on {bg}: {}", fg.contrast(bg));
        }
        for t in TRACKS {
            assert!(t.contrast(WHITE) >= 4.5, "{t}");
        }
    }
}

/// Tops for boxes of the given heights, each as near as it can be to its wanted top, in
/// order, not overlapping, within `min..max` (when they fit).
pub(crate) fn spread(wanted: &[(f32, f32)], gap: f32, min: f32, max: f32) -> Vec<f32> {
    let mut tops: Vec<f32> = Vec::with_capacity(wanted.len());
    for (i, (top, _)) in wanted.iter().enumerate() {
        let floor = if i == 0 {
            min
        } else {
            tops[i - 1] + wanted[i - 1].1 + gap
        };
        tops.push(top.max(floor));
    }
    let mut ceil = max;
    for (i, t) in tops.iter_mut().enumerate().rev() {
        *t = t.min(ceil - wanted[i].1);
        ceil = *t - gap;
    }
    tops
}
