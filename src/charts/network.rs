//! The network map: the family in the centre, rings for how close each relation is (1 tæt,
//! 2 en del, 3 lidt), private relations on the left and professional ones on the right. On a
//! wide picture each relation's name, role and what they can help with stand in a column on
//! its side, joined to its point by a line; on a narrow one the points are numbered and the
//! same words follow under the map. Either way labels never overlap.

use super::{spread, text};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Scene, Shape, Stroke, Weight};

const COLUMN: f32 = 150.0;

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

/// The words about one relation: (lines, weight, colour) per part, and their height.
type Block = (Vec<(Vec<String>, Weight, super::Color)>, f32);

fn block(m: &Metrics, n: &NetworkNode, w: f32) -> Block {
    let mut parts = vec![(
        m.wrap_lines(&n.name, 12.0, Weight::Bold, w, 2),
        Weight::Bold,
        INK,
    )];
    parts.push((
        m.wrap_lines(&n.relation, 11.0, Weight::Regular, w, 2),
        Weight::Regular,
        MUTED,
    ));
    if let Some(h) = &n.helps {
        parts.push((
            m.wrap_lines(h, 11.0, Weight::Regular, w, 3),
            Weight::Regular,
            INK,
        ));
    }
    let h = parts.iter().map(|(l, ..)| l.len() as f32 * 14.0).sum();
    (parts, h)
}

fn draw_block(out: &mut Vec<Shape>, b: Block, x: f32, top: f32, anchor: Anchor) {
    let mut y = top;
    for (lines, weight, color) in b.0 {
        for l in lines {
            let size = if weight == Weight::Bold { 12.0 } else { 11.0 };
            out.push(text(x, y + 11.0, l, size, weight, anchor, color));
            y += 14.0;
        }
    }
}

/// The three rings' radii: the outer one as large as the picture allows.
fn radii(width: f32) -> [f32; 3] {
    let outer = if width < 480.0 {
        width / 2.0 - 6.0
    } else {
        158.0
    };
    [outer * 0.39, outer * 0.7, outer]
}

/// `centre` names the family; `sides` are the two headings, `rings` the three ring names.
/// Below 480 points wide the points are numbered and described under the map.
pub fn network_map(
    m: &Metrics,
    width: f32,
    centre: &str,
    nodes: &[NetworkNode],
    sides: [&str; 2],
    rings: [&str; 3],
    caption: Caption,
) -> Scene {
    let narrow = width < 480.0;
    let cx = width / 2.0;
    let radii = radii(width);
    let outer = radii[2];
    let per_side: [Vec<&NetworkNode>; 2] = [
        nodes.iter().filter(|n| !n.professional).collect(),
        nodes.iter().filter(|n| n.professional).collect(),
    ];
    let blocks: Vec<Vec<Block>> = per_side
        .iter()
        .map(|l| {
            l.iter()
                .map(|n| block(m, n, if narrow { width - 28.0 } else { COLUMN }))
                .collect()
        })
        .collect();
    let top = 26.0;
    let need: f32 = if narrow {
        0.0
    } else {
        blocks
            .iter()
            .map(|b| b.iter().map(|x| x.1 + 10.0).sum::<f32>())
            .fold(0.0, f32::max)
    };
    let map_h = (2.0 * outer + 20.0).max(need);
    let cy = top + map_h / 2.0;
    let mut shapes = Vec::new();
    if !narrow {
        shapes.push(text(
            0.0,
            14.0,
            sides[0],
            13.0,
            Weight::Bold,
            Anchor::Start,
            INK,
        ));
        shapes.push(text(
            width,
            14.0,
            sides[1],
            13.0,
            Weight::Bold,
            Anchor::End,
            INK,
        ));
    }
    draw_rings(&mut shapes, m, (cx, cy), &radii, rings, centre);
    let mut number = 0;
    let mut list_y = top + map_h + 8.0;
    for (side, list) in per_side.iter().enumerate() {
        let points = points(list, side, (cx, cy), &radii);
        let side_blocks = blocks[side].clone();
        if narrow {
            if !list.is_empty() {
                shapes.push(text(
                    0.0,
                    list_y + 12.0,
                    sides[side],
                    13.0,
                    Weight::Bold,
                    Anchor::Start,
                    INK,
                ));
                list_y += 22.0;
            }
            for ((n, p), b) in list.iter().zip(&points).zip(side_blocks) {
                number += 1;
                let h = b.1;
                shapes.push(numbered(n, *p, b, number, list_y));
                list_y += h + 8.0;
            }
        } else {
            let wanted: Vec<(f32, f32)> = points
                .iter()
                .zip(&side_blocks)
                .map(|(p, b)| (p.1 - 10.0, b.1))
                .collect();
            let tops = spread(&wanted, 10.0, top, top + map_h);
            for (((n, p), b), t) in list.iter().zip(&points).zip(side_blocks).zip(tops) {
                shapes.push(labelled(n, *p, b, side, width, t));
            }
        }
    }
    let height = if narrow { list_y } else { top + map_h + 4.0 };
    Scene::new(width, height, caption, shapes)
}

/// The three rings round (cx, cy) with their names, the line between the sides, and the
/// family's name in the centre.
fn draw_rings(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    (cx, cy): (f32, f32),
    radii: &[f32; 3],
    rings: [&str; 3],
    centre: &str,
) {
    for (r, name) in radii.iter().zip(rings) {
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
    for (y1, y2) in [
        (cy - radii[2], cy - radii[0]),
        (cy + radii[0], cy + radii[2]),
    ] {
        shapes.push(Shape::Line {
            x1: cx,
            y1,
            x2: cx,
            y2,
            stroke: Stroke::solid(LINE, 1.0),
        });
    }
    let cr = radii[0] * 0.66;
    let clines = m.wrap_lines(centre, 11.0, Weight::Bold, cr * 1.7, 3);
    shapes.push(Shape::Circle {
        cx,
        cy,
        r: cr,
        fill: Some(ACCENT),
        stroke: None,
    });
    for (k, l) in clines.iter().enumerate() {
        let y = cy + 4.0 + (k as f32 - (clines.len() as f32 - 1.0) / 2.0) * 14.0;
        shapes.push(text(
            cx,
            y,
            l.clone(),
            11.0,
            Weight::Bold,
            Anchor::Middle,
            WHITE,
        ));
    }
}

/// Each relation's point, spread over its side's half circle top to bottom, on its ring.
fn points(
    list: &[&NetworkNode],
    side: usize,
    (cx, cy): (f32, f32),
    radii: &[f32; 3],
) -> Vec<(f32, f32)> {
    let k = list.len();
    list.iter()
        .enumerate()
        .map(|(i, n)| {
            let a = std::f32::consts::PI * ((i as f32 + 0.5) / k as f32 - 0.5) * 0.86;
            let r = radii[(n.closeness.clamp(1, 3) - 1) as usize] - 14.0;
            let dx = r * a.cos();
            (if side == 0 { cx - dx } else { cx + dx }, cy + r * a.sin())
        })
        .collect()
}

/// A relation's point, filled for a private relation and hollow for a professional one.
fn dot(p: (f32, f32), n: &NetworkNode, r: f32) -> Shape {
    Shape::Circle {
        cx: p.0,
        cy: p.1,
        r,
        fill: Some(if n.professional { WHITE } else { ACCENT }),
        stroke: Some(Stroke::solid(ACCENT, 2.0)),
    }
}

/// On a narrow picture: the point at `p` numbered, and the same number before the words in
/// the list under the map at `list_y`.
fn numbered(n: &NetworkNode, p: (f32, f32), b: Block, number: usize, list_y: f32) -> Shape {
    let ink = if n.professional { ACCENT } else { WHITE };
    let mut g = vec![
        dot(p, n, 9.0),
        text(
            p.0,
            p.1 + 3.5,
            number.to_string(),
            10.0,
            Weight::Bold,
            Anchor::Middle,
            ink,
        ),
        dot((9.0, list_y + 8.0), n, 9.0),
        text(
            9.0,
            list_y + 11.5,
            number.to_string(),
            10.0,
            Weight::Bold,
            Anchor::Middle,
            ink,
        ),
    ];
    draw_block(&mut g, b, 26.0, list_y, Anchor::Start);
    Shape::Group {
        title: Some(format!("{} – {}", n.name, n.relation)),
        shapes: g,
    }
}

/// On a wide picture: the point at `p` joined by a line to its words in the side's column,
/// from `t` down.
fn labelled(n: &NetworkNode, p: (f32, f32), b: Block, side: usize, width: f32, t: f32) -> Shape {
    let (tx, anchor, lx) = if side == 0 {
        (0.0, Anchor::Start, COLUMN + 4.0)
    } else {
        (width, Anchor::End, width - COLUMN - 4.0)
    };
    let mut g = vec![
        Shape::Line {
            x1: lx,
            y1: t + 8.0,
            x2: p.0,
            y2: p.1,
            stroke: Stroke::solid(LINE, 1.0),
        },
        dot(p, n, 7.0),
    ];
    draw_block(&mut g, b, tx, t, anchor);
    Shape::Group {
        title: Some(format!("{} – {}", n.name, n.relation)),
        shapes: g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap};
    use crate::draw::font::standard;

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
        for width in [640.0, 340.0] {
            let s = network_map(
                &m,
                width,
                "Familien Holm",
                &nodes,
                ["Privat", "Professionelt"],
                ["Tæt", "En del", "Lidt"],
                cap(),
            );
            assert_well_laid_out(&s, &m);
            let cx = width / 2.0;
            let cy = s
                .shapes
                .iter()
                .find_map(|x| match x {
                    Shape::Circle {
                        cy,
                        fill: Some(ACCENT),
                        ..
                    } => Some(*cy),
                    _ => None,
                })
                .unwrap();
            let dist: Vec<(String, f32, f32)> = s
                .shapes
                .iter()
                .filter_map(|g| match g {
                    Shape::Group {
                        title: Some(t),
                        shapes,
                    } => shapes.iter().find_map(|c| match c {
                        Shape::Circle { cx: x, cy: y, .. } => {
                            Some((t.clone(), ((x - cx).powi(2) + (y - cy).powi(2)).sqrt(), *x))
                        }
                        _ => None,
                    }),
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
                    (r - (radii(width)[(c - 1) as usize] - 14.0)).abs() < 0.5,
                    "{width} {t} {r}"
                );
                assert_eq!(
                    t.starts_with("Person"),
                    *x < cx,
                    "private left, professional right"
                );
            }
        }
    }
}
