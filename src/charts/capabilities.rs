//! Capabilities: the family's own 1–10 ratings of the four capabilities (work and learning,
//! health, community, relationships) per person, the first rating against the latest, as
//! paired bars. Our own chart of Cottam's four capabilities, not the Outcomes Star.

use super::{paragraph, text};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Scene, Shape, Stroke, Weight};

/// One person's ratings: per capability (in the model's order) the first and the latest.
#[derive(Debug, Clone)]
pub struct CapabilityPerson {
    pub who: String,
    /// (capability name, first rating, latest rating); the latest is None with one rating.
    pub rows: Vec<(String, Option<i64>, Option<i64>)>,
}

/// `first_label` and `latest_label` name the two dates ("Først: 3. mar. 2025").
/// Below 480 points wide the capability names stand above their bars.
pub fn capabilities(
    m: &Metrics,
    width: f32,
    people: &[CapabilityPerson],
    first_label: &str,
    latest_label: &str,
    caption: Caption,
) -> Scene {
    let stacked = width < 480.0;
    let (x0, x1) = (if stacked { 0.0 } else { 160.0 }, width - 36.0);
    let (row_h, off) = if stacked { (50.0, 17.0) } else { (34.0, 0.0) };
    let unit = (x1 - x0) / 10.0;
    let mut shapes = Vec::new();
    // Legend: the outlined bar is the first rating, the filled one the latest.
    shapes.push(Shape::Rect {
        x: 0.0,
        y: 4.0,
        w: 26.0,
        h: 10.0,
        r: 2.0,
        fill: Some(PALE),
        stroke: Some(Stroke::dashed(MUTED, 1.2)),
    });
    shapes.push(text(
        32.0,
        13.0,
        first_label,
        12.0,
        Weight::Regular,
        Anchor::Start,
        INK,
    ));
    let mut lx = 32.0 + m.width(first_label, 12.0, Weight::Regular) + 24.0;
    let mut ly = 0.0;
    if lx + 32.0 + m.width(latest_label, 12.0, Weight::Regular) > width {
        (lx, ly) = (0.0, 20.0);
    }
    shapes.push(Shape::Rect {
        x: lx,
        y: 2.0 + ly,
        w: 26.0,
        h: 14.0,
        r: 2.0,
        fill: Some(ACCENT),
        stroke: None,
    });
    shapes.push(text(
        lx + 32.0,
        13.0 + ly,
        latest_label,
        12.0,
        Weight::Regular,
        Anchor::Start,
        INK,
    ));
    let mut y = 30.0 + ly;
    for p in people {
        // A person's ratings under their name, one group: a page is not turned between them.
        let mut person: Vec<Shape> = Vec::new();
        let who = m.wrap_lines(&p.who, 14.0, Weight::Bold, width, 2);
        let (t, below) = paragraph(m, &who, 0.0, y + 2.0, 14.0, Weight::Bold, INK);
        person.extend(t);
        y = below + 6.0;
        // Scale: 0, 5 and 10.
        for v in [0, 5, 10] {
            let x = x0 + v as f32 * unit;
            person.push(Shape::Line {
                x1: x,
                y1: y,
                x2: x,
                y2: y + p.rows.len() as f32 * row_h,
                stroke: Stroke::solid(LINE, 1.0),
            });
        }
        for (name, first, latest) in &p.rows {
            let mut g = vec![text(
                0.0,
                if stacked { y + 13.0 } else { y + 18.0 },
                name.clone(),
                13.0,
                Weight::Regular,
                Anchor::Start,
                INK,
            )];
            // The first rating thin, dashed and pale; the latest thick and filled; each
            // with its number after it.
            let bars = [
                (
                    *first,
                    3.0,
                    9.0,
                    Some(PALE),
                    Some(Stroke::dashed(MUTED, 1.2)),
                    11.0,
                    Weight::Regular,
                    MUTED,
                ),
                (
                    *latest,
                    14.0,
                    14.0,
                    Some(ACCENT),
                    None,
                    13.0,
                    Weight::Bold,
                    INK,
                ),
            ];
            for (value, dy, h, fill, stroke, size, weight, ink) in bars {
                let Some(v) = value else { continue };
                let w = v as f32 * unit;
                let top = y + off + dy;
                g.push(Shape::Rect {
                    x: x0,
                    y: top,
                    w,
                    h,
                    r: 2.0,
                    fill,
                    stroke,
                });
                g.push(text(
                    x0 + w + 5.0,
                    top + h - 0.5,
                    v.to_string(),
                    size,
                    weight,
                    Anchor::Start,
                    ink,
                ));
            }
            let t = match (first, latest) {
                (Some(f), Some(l)) => format!("{name}: {f} → {l}"),
                (Some(f), None) => format!("{name}: {f}"),
                _ => name.clone(),
            };
            person.push(Shape::Group {
                title: Some(t),
                shapes: g,
            });
            y += row_h;
        }
        shapes.push(Shape::Group {
            title: Some(p.who.clone()),
            shapes: person,
        });
        y += 8.0;
    }
    Scene::new(width, y, caption, shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap};
    use crate::draw::font::standard;

    #[test]
    fn bars_are_as_long_as_the_ratings() {
        let m = standard();
        let p = CapabilityPerson {
            who: "Kenneth (far) – 17. februar 2025 → 15. september 2026".into(),
            rows: vec![
                ("Arbejde og læring".into(), Some(3), Some(7)),
                ("Sundhed".into(), Some(10), None),
            ],
        };
        for width in [640.0, 340.0] {
            let s = capabilities(
                &m,
                width,
                std::slice::from_ref(&p),
                "Først (3. mar. 2025)",
                "Senest (1. okt. 2025)",
                cap(),
            );
            assert_well_laid_out(&s, &m);
            // The person's group, and in it a group for each capability.
            let widths: Vec<f32> = s
                .shapes
                .iter()
                .filter_map(|p| match p {
                    Shape::Group { shapes, .. } => Some(shapes),
                    _ => None,
                })
                .flatten()
                .filter_map(|g| match g {
                    Shape::Group { shapes, .. } => Some(
                        shapes
                            .iter()
                            .filter_map(|r| match r {
                                Shape::Rect { w, .. } => Some(*w),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                })
                .flatten()
                .collect();
            assert_eq!(widths.len(), 3);
            assert!(
                (widths[1] / widths[0] - 7.0 / 3.0).abs() < 0.01,
                "{widths:?}"
            );
            assert!((widths[2] / widths[0] - 10.0 / 3.0).abs() < 0.01);
        }
    }
}
