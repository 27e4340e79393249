//! The network map: the family in the centre, rings for how close each relation is (1 tæt,
//! 2 en del, 3 lidt), private relations on the left and professional ones on the right. Each
//! relation's name, role and what they can help with stand in a column on its side, joined
//! to its point by a line, so labels never overlap.

use super::font::Metrics;
use super::palette::*;
use super::scene::{Anchor, Scene, Shape, Stroke, Weight};
use super::{spread, text};

pub const WIDTH: f32 = 640.0;
const COLUMN: f32 = 150.0;
const RINGS: [f32; 3] = [62.0, 110.0, 158.0];

#[derive(Debug, Clone)]
pub struct NetworkNode {
    pub name: String,
    /// "Mormor (Sanne)", "Sagsbehandler".
    pub relation: String,
    pub helps: Option<String>,
    /// 1–3.
    pub closeness: i64,
    pub professional: bool,
}

/// `centre` names the family; `sides` are the two column headings, `rings` the three ring
/// names.
pub fn network_map(
    m: &Metrics,
    centre: &str,
    nodes: &[NetworkNode],
    sides: [&str; 2],
    rings: [&str; 3],
    title: String,
    desc: String,
) -> Scene {
    let cx = WIDTH / 2.0;
    let top = 26.0;
    let mut shapes = vec![
        text(0.0, 14.0, sides[0], 13.0, Weight::Bold, Anchor::Start, INK),
        text(WIDTH, 14.0, sides[1], 13.0, Weight::Bold, Anchor::End, INK),
    ];
    // Label blocks first: their heights decide the map's height.
    let block = |n: &NetworkNode| {
        let mut lines = vec![(
            m.wrap_lines(&n.name, 12.0, Weight::Bold, COLUMN, 2),
            Weight::Bold,
            INK,
        )];
        lines.push((
            m.wrap_lines(&n.relation, 11.0, Weight::Regular, COLUMN, 2),
            Weight::Regular,
            MUTED,
        ));
        if let Some(h) = &n.helps {
            lines.push((
                m.wrap_lines(h, 11.0, Weight::Regular, COLUMN, 3),
                Weight::Regular,
                INK,
            ));
        }
        let h: f32 = lines.iter().map(|(l, ..)| l.len() as f32 * 14.0).sum();
        (lines, h)
    };
    let per_side: [Vec<&NetworkNode>; 2] = [
        nodes.iter().filter(|n| !n.professional).collect(),
        nodes.iter().filter(|n| n.professional).collect(),
    ];
    let need: f32 = per_side
        .iter()
        .map(|s| s.iter().map(|n| block(n).1 + 10.0).sum::<f32>())
        .fold(0.0, f32::max);
    let height = (2.0 * RINGS[2] + 20.0).max(need) + top + 4.0;
    let cy = top + (height - top) / 2.0;
    for (r, name) in RINGS.iter().zip(rings) {
        shapes.push(Shape::Circle {
            cx,
            cy,
            r: *r,
            fill: None,
            stroke: Some(Stroke::dashed(LINE, 1.2)),
        });
        shapes.push(text(
            cx,
            cy - r + 13.0,
            name,
            10.0,
            Weight::Regular,
            Anchor::Middle,
            MUTED,
        ));
    }
    shapes.push(Shape::Line {
        x1: cx,
        y1: cy - RINGS[2],
        x2: cx,
        y2: cy - RINGS[0],
        stroke: Stroke::solid(LINE, 1.0),
    });
    shapes.push(Shape::Line {
        x1: cx,
        y1: cy + RINGS[0],
        x2: cx,
        y2: cy + RINGS[2],
        stroke: Stroke::solid(LINE, 1.0),
    });
    let clines = m.wrap_lines(centre, 12.0, Weight::Bold, 70.0, 3);
    shapes.push(Shape::Circle {
        cx,
        cy,
        r: 40.0,
        fill: Some(ACCENT),
        stroke: None,
    });
    for (k, l) in clines.iter().enumerate() {
        let y = cy + 4.0 + (k as f32 - (clines.len() as f32 - 1.0) / 2.0) * 15.0;
        shapes.push(text(
            cx,
            y,
            l.clone(),
            12.0,
            Weight::Bold,
            Anchor::Middle,
            WHITE,
        ));
    }
    for (side, list) in per_side.iter().enumerate() {
        let k = list.len();
        // Points spread over the side's half circle, top to bottom.
        let points: Vec<(f32, f32)> = list
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let a = std::f32::consts::PI * ((i as f32 + 0.5) / k as f32 - 0.5) * 0.86;
                let r = RINGS[(n.closeness.clamp(1, 3) - 1) as usize] - 14.0;
                let dx = r * a.cos();
                (if side == 0 { cx - dx } else { cx + dx }, cy + r * a.sin())
            })
            .collect();
        let blocks: Vec<_> = list.iter().map(|n| block(n)).collect();
        let wanted: Vec<(f32, f32)> = points
            .iter()
            .zip(&blocks)
            .map(|(p, b)| (p.1 - 10.0, b.1))
            .collect();
        let tops = spread(&wanted, 10.0, top, height);
        for (((n, p), (lines, _)), t) in list.iter().zip(&points).zip(blocks).zip(tops) {
            let (tx, anchor, lx) = if side == 0 {
                (0.0, Anchor::Start, COLUMN + 4.0)
            } else {
                (WIDTH, Anchor::End, WIDTH - COLUMN - 4.0)
            };
            let mut g = vec![
                Shape::Line {
                    x1: lx,
                    y1: t + 8.0,
                    x2: p.0,
                    y2: p.1,
                    stroke: Stroke::solid(LINE, 1.0),
                },
                Shape::Circle {
                    cx: p.0,
                    cy: p.1,
                    r: 7.0,
                    fill: Some(if n.professional { WHITE } else { ACCENT }),
                    stroke: Some(Stroke::solid(ACCENT, 2.0)),
                },
            ];
            let mut y = t;
            for (ls, weight, color) in lines {
                for l in ls {
                    let size = if weight == Weight::Bold { 12.0 } else { 11.0 };
                    g.push(text(tx, y + 11.0, l, size, weight, anchor, color));
                    y += 14.0;
                }
            }
            shapes.push(Shape::Group {
                title: Some(format!("{} – {}", n.name, n.relation)),
                shapes: g,
            });
        }
    }
    Scene {
        width: WIDTH,
        height: height.ceil(),
        title,
        desc,
        shapes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::font::standard;
    use crate::charts::testkit::assert_well_laid_out;

    fn node(name: &str, c: i64, professional: bool) -> NetworkNode {
        NetworkNode {
            name: name.into(),
            relation: "Veninde (Sanne)".into(),
            helps: Some("Kan passe børnene, når mor er til samtale".into()),
            closeness: c,
            professional,
        }
    }

    #[test]
    fn closer_relations_sit_nearer_the_centre_and_labels_never_overlap() {
        let m = standard();
        let mut nodes: Vec<NetworkNode> = (0..7)
            .map(|i| node(&format!("Person {i}"), i % 3 + 1, false))
            .collect();
        nodes.extend((0..5).map(|i| node(&format!("Fagperson {i}"), 2, true)));
        let s = network_map(
            &m,
            "Familien Holm",
            &nodes,
            ["Privat", "Professionelt"],
            ["Tæt", "En del", "Lidt"],
            "t".into(),
            "d".into(),
        );
        assert_well_laid_out(&s, &m);
        let cx = WIDTH / 2.0;
        let cy = match s
            .shapes
            .iter()
            .find(|x| matches!(x, Shape::Circle { r, .. } if *r == 40.0))
        {
            Some(Shape::Circle { cy, .. }) => *cy,
            _ => panic!(),
        };
        let dist: Vec<(String, f32, f32)> = s
            .shapes
            .iter()
            .filter_map(|g| match g {
                Shape::Group {
                    title: Some(t),
                    shapes,
                } => match shapes[1] {
                    Shape::Circle { cx: x, cy: y, .. } => {
                        Some((t.clone(), ((x - cx).powi(2) + (y - cy).powi(2)).sqrt(), x))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(dist.len(), 12);
        for (t, r, x) in &dist {
            let c = if t.starts_with("Person") {
                t[7..8].parse::<i64>().unwrap() % 3 + 1
            } else {
                2
            };
            assert!(
                (r - (RINGS[(c - 1) as usize] - 14.0)).abs() < 0.5,
                "{t} {r}"
            );
            assert_eq!(
                t.starts_with("Person"),
                *x < cx,
                "private left, professional right"
            );
        }
    }
}
