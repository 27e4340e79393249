//! WHO-5 or SDQ over time, one panel per person: the scores as a line with points, the
//! scale's risk bands shaded behind it and named beside it.

use super::{Labels, TimeScale, paragraph, spread, text, time_axis};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Bounds, Caption, Scene, Shape, Stroke, Weight};
use crate::model::{Band, Date, Scale};

const PLOT_H: f32 = 140.0;
const X0: f32 = 34.0;

#[derive(Debug, Clone)]
pub struct ScorePerson {
    pub who: String,
    /// (date, score), by date.
    pub points: Vec<(Date, i64)>,
}

fn band_fill(b: Band) -> super::Color {
    match b {
        Band::Green => GREEN_SOFT,
        Band::Amber => AMBER_SOFT,
        Band::Red => RED_SOFT,
    }
}

/// The score at the lower edge of each band: a band covers its scores up to the next edge.
pub fn band_edges(scale: &Scale) -> Vec<(f32, f32, Band)> {
    scale
        .bands
        .iter()
        .map(|(lo, hi, b)| {
            let top = if *hi == scale.max {
                *hi as f32
            } else {
                *hi as f32 + 1.0
            };
            (*lo as f32, top, *b)
        })
        .collect()
}

/// `band_labels` name the scale's bands in its order.
/// Below 480 points wide the bands are named under the plot instead of beside it.
pub fn scores(
    m: &Metrics,
    width: f32,
    labels: &Labels,
    scale: &Scale,
    band_labels: &[String],
    people: &[ScorePerson],
    caption: Caption,
) -> Scene {
    let narrow = width < 480.0;
    let x1 = if narrow { width - 4.0 } else { width - 200.0 };
    let legend = if narrow {
        (0.0, width - 20.0)
    } else {
        (x1 + 6.0, width - x1 - 24.0)
    };
    let mut shapes = Vec::new();
    let mut y = 0.0;
    for p in people {
        let who = m.wrap_lines(&p.who, 14.0, Weight::Bold, width, 2);
        let (t, below) = paragraph(m, &who, 0.0, y + 2.0, 14.0, Weight::Bold, INK);
        shapes.extend(t);
        let plot = Plot {
            scale,
            top: below + 6.0,
            x1,
        };
        let legend_bottom = bands(&mut shapes, m, &plot, band_labels, narrow, legend);
        scale_marks(&mut shapes, &plot);
        score_line(&mut shapes, m, labels, &plot, p);
        y = if narrow {
            legend_bottom + 12.0
        } else {
            plot.top + PLOT_H + 34.0
        };
    }
    Scene::new(width, y, caption, shapes)
}

/// One person's plot: from `top` down `PLOT_H`, from `X0` across to `x1`.
struct Plot<'a> {
    scale: &'a Scale,
    top: f32,
    x1: f32,
}

impl Plot<'_> {
    /// Where a score stands.
    fn y(&self, v: f32) -> f32 {
        self.top
            + (1.0 - (v - self.scale.min as f32) / (self.scale.max - self.scale.min) as f32)
                * PLOT_H
    }
}

/// The scale's bands shaded behind the plot, and their names beside it at `label_x` (spread so
/// they never overlap) or, when narrow, under it; returns the foot of the names.
fn bands(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    plot: &Plot,
    band_labels: &[String],
    narrow: bool,
    (label_x, label_w): (f32, f32),
) -> f32 {
    let scale = plot.scale;
    // Bands, and their names beside the plot (spread so they never overlap).
    let mut wanted = Vec::new();
    let mut names = Vec::new();
    for (i, (lo, hi, band)) in band_edges(scale).into_iter().enumerate() {
        shapes.push(Shape::Rect {
            x: X0,
            y: plot.y(hi),
            w: plot.x1 - X0,
            h: plot.y(lo) - plot.y(hi),
            r: 0.0,
            fill: Some(band_fill(band)),
            stroke: None,
        });
        if i > 0 {
            // The edge between two bands, drawn so it shows without colour too.
            shapes.push(Shape::Line {
                x1: X0,
                y1: plot.y(lo),
                x2: plot.x1,
                y2: plot.y(lo),
                stroke: Stroke::dashed(MUTED, 1.0),
            });
        }
        let name = band_labels.get(i).cloned().unwrap_or_default();
        let lines = m.wrap_lines(&name, 11.0, Weight::Regular, label_w, 2);
        let h = lines.len() as f32 * 14.0;
        wanted.push(((plot.y(hi) + plot.y(lo)) / 2.0 - h / 2.0, h));
        names.push((lines, band));
    }
    // Highest band first: the labels are spread from the top down.
    wanted.reverse();
    names.reverse();
    let legend_top = plot.top + PLOT_H + 28.0;
    let tops = if narrow {
        let mut t = legend_top;
        wanted
            .iter()
            .map(|(_, h)| {
                t += h + 3.0;
                t - h - 3.0
            })
            .collect()
    } else {
        spread(&wanted, 3.0, plot.top - 4.0, plot.top + PLOT_H + 4.0)
    };
    let legend_bottom = tops
        .last()
        .zip(wanted.last())
        .map(|(t, w)| t + w.1)
        .unwrap_or(legend_top);
    for ((lines, band), t) in names.into_iter().zip(tops) {
        shapes.push(Shape::Rect {
            x: label_x,
            y: t + 2.0,
            w: 10.0,
            h: 10.0,
            r: 2.0,
            fill: Some(band_fill(band)),
            stroke: Some(Stroke::solid(MUTED, 1.0)),
        });
        for (k, l) in lines.into_iter().enumerate() {
            shapes.push(text(
                label_x + 14.0,
                t + 11.0 + k as f32 * 14.0,
                l,
                11.0,
                Weight::Regular,
                Anchor::Start,
                INK,
            ));
        }
    }
    legend_bottom
}

/// The scale's ends and band edges on the left.
fn scale_marks(shapes: &mut Vec<Shape>, plot: &Plot) {
    let scale = plot.scale;
    // The scale's ends and band edges on the left.
    let mut edges: Vec<i64> = vec![scale.min, scale.max];
    edges.extend(band_edges(scale).iter().skip(1).map(|e| e.0 as i64));
    edges.sort();
    let mut last_y = f32::MAX;
    for v in edges.iter().rev() {
        let yy = plot.y(*v as f32);
        if (last_y - yy).abs() >= 12.0 || last_y == f32::MAX {
            shapes.push(text(
                X0 - 5.0,
                yy + 4.0,
                v.to_string(),
                10.0,
                Weight::Regular,
                Anchor::End,
                MUTED,
            ));
            last_y = yy;
        }
    }
}

/// A person's scores as a line with points, each labelled above (or below, when that would
/// collide with the one before), along a time axis of their own.
fn score_line(shapes: &mut Vec<Shape>, m: &Metrics, labels: &Labels, plot: &Plot, p: &ScorePerson) {
    let first = p.points.first().map(|p| p.0);
    let last = p.points.last().map(|p| p.0);
    if let (Some(a), Some(b)) = (first, last) {
        let pad = ((b.to_days() - a.to_days()) / 10).max(20);
        let scale_x = TimeScale::new(
            Date::from_days(a.to_days() - pad),
            Date::from_days(b.to_days() + pad),
            X0 + 8.0,
            plot.x1 - 8.0,
        );
        let pts: Vec<(f32, f32)> = p
            .points
            .iter()
            .map(|(d, v)| (scale_x.x(*d), plot.y(*v as f32)))
            .collect();
        if pts.len() > 1 {
            shapes.push(Shape::Polyline {
                points: pts.clone(),
                stroke: Stroke::solid(ACCENT, 2.5),
            });
        }
        let mut prev: Option<Bounds> = None;
        for ((d, v), (x, yy)) in p.points.iter().zip(&pts) {
            let label = v.to_string();
            let w = m.width(&label, 12.0, Weight::Bold);
            let above = Bounds {
                x0: x - w / 2.0,
                y0: yy - 22.0,
                x1: x + w / 2.0,
                y1: yy - 8.0,
            };
            let below = Bounds {
                x0: x - w / 2.0,
                y0: yy + 8.0,
                x1: x + w / 2.0,
                y1: yy + 22.0,
            };
            let b = if above.y0 < plot.top || prev.is_some_and(|p| p.overlaps(&above)) {
                below
            } else {
                above
            };
            shapes.push(Shape::Group {
                title: Some(format!("{}: {v}", labels.date(*d))),
                shapes: vec![
                    Shape::Circle {
                        cx: *x,
                        cy: *yy,
                        r: 5.0,
                        fill: Some(WHITE),
                        stroke: Some(Stroke::solid(ACCENT, 2.5)),
                    },
                    text(
                        *x,
                        b.y1 - 2.0,
                        label,
                        12.0,
                        Weight::Bold,
                        Anchor::Middle,
                        INK,
                    ),
                ],
            });
            prev = Some(b);
        }
        shapes.extend(time_axis(m, &scale_x, plot.top + PLOT_H, labels));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap, d, labels};
    use crate::draw::font::standard;
    use crate::model::{SDQ, WHO5};

    fn band_rects(s: &Scene) -> Vec<(f32, f32)> {
        s.shapes
            .iter()
            .filter_map(|r| match r {
                Shape::Rect { y, h, x, .. } if *x == X0 => Some((*y, *y + *h)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn band_edges_sit_at_the_right_scores() {
        let m = standard();
        let names: Vec<String> = [
            "Høj risiko for depression og stress (0–35)",
            "Risiko for stress (36–50)",
            "Ingen umiddelbar risiko (over 50)",
        ]
        .map(String::from)
        .to_vec();
        let p = ScorePerson {
            who: "Sanne".into(),
            points: vec![
                (d("2025-01-10"), 44),
                (d("2025-04-10"), 52),
                (d("2025-04-20"), 56),
                (d("2025-10-01"), 68),
            ],
        };
        let s = scores(&m, 640.0, &labels(), &WHO5, &names, &[p], cap());
        assert_well_laid_out(&s, &m);
        let r = band_rects(&s);
        // The plot's top is score 100; each band edge sits at its score below it.
        let top = r[2].0;
        let y = |v: f32| top + (1.0 - v / 100.0) * PLOT_H;
        // red 0–35 ends where amber (36) starts; amber ends where green (51) starts.
        assert!(
            (r[0].0 - y(36.0)).abs() < 0.01 && (r[0].1 - y(0.0)).abs() < 0.01,
            "{r:?}"
        );
        assert!((r[1].0 - y(51.0)).abs() < 0.01 && (r[1].1 - y(36.0)).abs() < 0.01);
        assert!((r[2].1 - y(51.0)).abs() < 0.01);
        // SDQ: its narrow amber band (14–16) still gets a label of its own.
        let names: Vec<String> = [
            "Normalt (0–13)",
            "Grænseområde (14–16)",
            "Udenfor normalområdet (17–40)",
        ]
        .map(String::from)
        .to_vec();
        let p = ScorePerson {
            who: "Ida (barn), der er vurderet af sin mor og sin lærer".into(),
            points: vec![(d("2025-01-10"), 18)],
        };
        for width in [640.0, 340.0] {
            let s = scores(
                &m,
                width,
                &labels(),
                &SDQ,
                &names,
                std::slice::from_ref(&p),
                cap(),
            );
            assert_well_laid_out(&s, &m);
        }
    }
}
