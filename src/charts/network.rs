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

/// The three rings' radii when they are not crowded: the outer one as large as the picture
/// allows.
fn radii(width: f32) -> [f32; 3] {
    let outer = if width < 480.0 {
        width / 2.0 - 6.0
    } else {
        158.0
    };
    [outer * 0.39, outer * 0.7, outer]
}

/// The half circle a side's points may use, in radians either side of the horizontal.
const HALF_ARC: f32 = 0.43 * std::f32::consts::PI;

/// Where the rings stand and each relation's point: every point within its own ring, none
/// touching another, the centre or the ring names on the line between the sides. A ring
/// holding more points than one row of them fits gets rows further out, and the rings
/// beyond it move out.
struct Layout {
    radii: [f32; 3],
    /// The centre circle's radius.
    centre: f32,
    /// A point's radius.
    dot: f32,
    /// Each side's points, in the order of its relations.
    points: [Vec<(f32, f32)>; 2],
}

impl Layout {
    fn new(
        m: &Metrics,
        width: f32,
        per_side: &[Vec<&NetworkNode>; 2],
        rings: [&str; 3],
        (cx, cy): (f32, f32),
    ) -> Layout {
        let narrow = width < 480.0;
        let natural = radii(width);
        let centre = natural[0] * 0.66;
        let dot = if narrow { 8.0 } else { 7.0 };
        // Points keep this far apart, centre to centre, along a row and between rows.
        let step = 2.0 * dot + 3.0;
        // The line between the sides, with the rings' names on it, is kept free.
        let names = rings
            .iter()
            .map(|r| m.width(r, 11.0, Weight::Regular))
            .fold(0.0, f32::max);
        let strip = names / 2.0 + dot + 3.0;
        // How far a row of radius `r` may turn from the horizontal, up and down.
        let arc = |r: f32| -> f32 {
            if r <= strip {
                0.0
            } else {
                (strip / r).acos().min(HALF_ARC)
            }
        };
        let fits = |r: f32| (2.0 * arc(r) * r / step).floor().max(0.0) as usize + 1;
        let ring_of = |n: &NetworkNode| (n.closeness.clamp(1, 3) - 1) as usize;
        // The rows of each ring (radius, how many points), out from the ring inside it.
        let mut radii = [0.0f32; 3];
        let mut rows: Vec<Vec<(f32, usize)>> = Vec::new();
        let mut inner = centre;
        for k in 0..3 {
            let count = per_side
                .iter()
                .map(|l| l.iter().filter(|n| ring_of(n) == k).count())
                .max()
                .unwrap_or(0);
            let mut r = inner + dot + 4.0;
            let mut left = count;
            let mut ring_rows = Vec::new();
            while left > 0 {
                let n = fits(r).min(left);
                ring_rows.push((r, n));
                left -= n;
                r += step;
            }
            let used = ring_rows.last().map_or(inner, |(r, _)| r + dot + 4.0);
            // A ring's name stands just inside it: its band is at least that deep.
            radii[k] = used.max(natural[k]).max(inner + 24.0);
            // The rows in the middle of the band when it is deeper than they need.
            let slack = radii[k] - used;
            for (r, _) in &mut ring_rows {
                *r += slack / 2.0;
            }
            rows.push(ring_rows);
            inner = radii[k];
        }
        // More people than the picture holds apart (far beyond a real family's network): the
        // rings are drawn in toward the centre to stay in the picture, and points come closer.
        let most = if narrow {
            width / 2.0 - 6.0
        } else {
            (width - 2.0 * (COLUMN + 8.0)) / 2.0
        };
        if radii[2] > most {
            let f = (most - centre) / (radii[2] - centre);
            let pull = |r: f32| centre + (r - centre) * f;
            for r in &mut radii {
                *r = pull(*r);
            }
            for (r, _) in rows.iter_mut().flatten() {
                *r = pull(*r);
            }
        }
        let mut points: [Vec<(f32, f32)>; 2] = [Vec::new(), Vec::new()];
        let place = |side: usize, r: f32, t: f32| {
            let dx = r * t.cos();
            (if side == 0 { cx - dx } else { cx + dx }, cy + r * t.sin())
        };
        for (side, list) in per_side.iter().enumerate() {
            let mut at = vec![(cx, cy); list.len()];
            // Each relation's own angle, spread top to bottom over the side in its order, so
            // that the lines to their words do not cross; kept where a ring's points stand far
            // enough apart on its middle, else the ring's points go in rows.
            let k = list.len().max(1) as f32;
            let own = |i: usize| HALF_ARC * (2.0 * (i as f32 + 0.5) / k - 1.0);
            for (ring, ring_rows) in rows.iter().enumerate() {
                let mine: Vec<usize> = (0..list.len())
                    .filter(|&i| ring_of(list[i]) == ring)
                    .collect();
                let inside = if ring == 0 { centre } else { radii[ring - 1] };
                let mid = (inside + radii[ring]) / 2.0;
                let a = arc(mid);
                let angles: Vec<f32> = mine.iter().map(|&i| own(i).clamp(-a, a)).collect();
                let apart = angles
                    .windows(2)
                    .all(|w| 2.0 * mid * ((w[1] - w[0]) / 2.0).sin() >= step);
                if apart {
                    for (&i, t) in mine.iter().zip(angles) {
                        at[i] = place(side, mid, t);
                    }
                    continue;
                }
                let mut mine = mine.into_iter();
                for &(r, cap) in ring_rows {
                    let here: Vec<usize> = mine.by_ref().take(cap).collect();
                    let a = arc(r);
                    for (j, &i) in here.iter().enumerate() {
                        // Spread over the row's arc, top to bottom.
                        let t = if here.len() == 1 {
                            0.0
                        } else {
                            -a + 2.0 * a * j as f32 / (here.len() - 1) as f32
                        };
                        at[i] = place(side, r, t);
                    }
                }
            }
            points[side] = at;
        }
        Layout {
            radii,
            centre,
            dot,
            points,
        }
    }
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
    let per_side: [Vec<&NetworkNode>; 2] = [
        nodes.iter().filter(|n| !n.professional).collect(),
        nodes.iter().filter(|n| n.professional).collect(),
    ];
    // The rings first with the centre at 0, to know how tall the map is.
    let outer = Layout::new(m, width, &per_side, rings, (cx, 0.0)).radii[2];
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
    let layout = Layout::new(m, width, &per_side, rings, (cx, cy));
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
    draw_rings(&mut shapes, m, (cx, cy), &layout, rings, centre);
    let mut number = 0;
    let mut list_y = top + map_h + 8.0;
    for (side, list) in per_side.iter().enumerate() {
        let points = &layout.points[side];
        let side_blocks = blocks[side].clone();
        let dot = layout.dot;
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
            for ((n, p), b) in list.iter().zip(points).zip(side_blocks) {
                number += 1;
                let h = b.1;
                shapes.extend(numbered(n, *p, b, number, list_y, dot));
                list_y += h + 8.0;
            }
        } else {
            // The words in the order of their points from the top, so that no two lines
            // to them cross.
            let mut order: Vec<usize> = (0..list.len()).collect();
            order.sort_by(|&a, &b| points[a].1.total_cmp(&points[b].1));
            let wanted: Vec<(f32, f32)> = order
                .iter()
                .map(|&i| (points[i].1 - 10.0, side_blocks[i].1))
                .collect();
            let tops = spread(&wanted, 10.0, top, top + map_h);
            for (&i, t) in order.iter().zip(tops) {
                let b = side_blocks[i].clone();
                shapes.push(labelled(list[i], points[i], b, side, width, t, dot));
            }
        }
    }
    let height = if narrow { list_y } else { top + map_h + 4.0 };
    Scene::new(width, height, caption, shapes)
}

/// The three rings round (cx, cy) with their names, the line between the sides (broken where
/// a ring's name stands on it), and the family's name in the centre.
fn draw_rings(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    (cx, cy): (f32, f32),
    layout: &Layout,
    rings: [&str; 3],
    centre: &str,
) {
    let radii = &layout.radii;
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
            11.0,
            Weight::Regular,
            Anchor::Middle,
            MUTED,
        ));
    }
    // Above the centre the line stops short of each name (which stands from 3 to 16 points
    // inside its ring); below it there are none.
    for (y1, y2) in [
        (cy - radii[2] + 18.0, cy - radii[1] + 1.0),
        (cy - radii[1] + 18.0, cy - radii[0]),
        (cy + radii[0], cy + radii[2]),
    ] {
        if y2 > y1 {
            shapes.push(Shape::Line {
                x1: cx,
                y1,
                x2: cx,
                y2,
                stroke: Stroke::solid(LINE, 1.0),
            });
        }
    }
    let cr = layout.centre;
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
fn numbered(
    n: &NetworkNode,
    p: (f32, f32),
    b: Block,
    number: usize,
    list_y: f32,
    dot_r: f32,
) -> [Shape; 2] {
    let ink = if n.professional { ACCENT } else { WHITE };
    // The point and its entry are two groups, so that a printed page may fall between the
    // map and the list (`Scene::cut`); the point carries the name for a screen reader.
    let point = vec![
        dot(p, n, dot_r),
        text(
            p.0,
            p.1 + 3.5,
            number.to_string(),
            11.0,
            Weight::Bold,
            Anchor::Middle,
            ink,
        ),
    ];
    let mut entry = vec![
        dot((9.0, list_y + 8.0), n, 9.0),
        text(
            9.0,
            list_y + 11.5,
            number.to_string(),
            11.0,
            Weight::Bold,
            Anchor::Middle,
            ink,
        ),
    ];
    draw_block(&mut entry, b, 26.0, list_y, Anchor::Start);
    [
        Shape::Group {
            title: Some(format!("{} – {}", n.name, n.relation)),
            shapes: point,
        },
        Shape::Group {
            title: None,
            shapes: entry,
        },
    ]
}

/// On a wide picture: the point at `p` joined by a line to its words in the side's column,
/// from `t` down.
fn labelled(
    n: &NetworkNode,
    p: (f32, f32),
    b: Block,
    side: usize,
    width: f32,
    t: f32,
    dot_r: f32,
) -> Shape {
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
        dot(p, n, dot_r),
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

    /// The rings' radii as drawn, inside out.
    fn rings_of(s: &Scene) -> Vec<f32> {
        let mut r: Vec<f32> = s
            .shapes
            .iter()
            .filter_map(|x| match x {
                Shape::Circle { r, fill: None, .. } => Some(*r),
                _ => None,
            })
            .collect();
        r.sort_by(f32::total_cmp);
        r
    }

    /// Each relation's point on the map (the group named for it): (centre, radius).
    fn dots(s: &Scene) -> Vec<((f32, f32), f32)> {
        s.shapes
            .iter()
            .filter_map(|g| match g {
                Shape::Group {
                    title: Some(_),
                    shapes,
                } => shapes.iter().find_map(|c| match c {
                    Shape::Circle { cx, cy, r, .. } => Some(((*cx, *cy), *r)),
                    _ => None,
                }),
                _ => None,
            })
            .collect()
    }

    /// A network as big as a real one (60 people, most of them close, on both sides) and one
    /// of the generator's (45, a side's 15 all on the inner ring): no two points touch, none
    /// touches the centre, each stays in its ring and in the picture, no name is crossed by
    /// the line between the sides, and the words never overlap.
    #[test]
    fn sixty_people_fit_without_a_point_on_another() {
        let m = standard();
        let sixty: Vec<NetworkNode> = (0..60)
            .map(|i| node(&format!("Person {i}"), [1, 1, 2, 3][i % 4], i % 3 == 0))
            .collect();
        let forty_five: Vec<NetworkNode> = (0..45)
            .map(|i| node(&format!("Person {i}"), 1 + (i % 3) as i64, i % 3 == 0))
            .collect();
        for nodes in [&sixty, &forty_five] {
            for width in [640.0, 340.0] {
                let s = network_map(
                    &m,
                    width,
                    "Familien Hansen-Østergaard",
                    nodes,
                    ["Privat", "Professionelt"],
                    ["Tæt", "En del", "Lidt"],
                    cap(),
                );
                assert_well_laid_out(&s, &m);
                let d = dots(&s);
                assert_eq!(d.len(), nodes.len());
                let centre = s
                    .shapes
                    .iter()
                    .find_map(|x| match x {
                        Shape::Circle {
                            cx,
                            cy,
                            r,
                            fill: Some(ACCENT),
                            ..
                        } => Some(((*cx, *cy), *r)),
                        _ => None,
                    })
                    .unwrap();
                let dist = |a: (f32, f32), b: (f32, f32)| {
                    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
                };
                for (i, (p, r)) in d.iter().enumerate() {
                    assert!(
                        dist(*p, centre.0) >= centre.1 + r,
                        "{width}: point {i} touches the centre"
                    );
                    for (q, rq) in &d[i + 1..] {
                        assert!(dist(*p, *q) >= r + rq, "{width}: two points touch at {p:?}");
                    }
                }
                let rings = rings_of(&s);
                assert!(
                    rings[2] <= width / 2.0,
                    "{width}: rings {rings:?} leave the picture"
                );
                // The line between the sides never runs through a ring's name.
                let names: Vec<_> = crate::draw::scene::texts(&s.shapes)
                    .into_iter()
                    .filter(|t| matches!(t, Shape::Text { text, .. } if ["Tæt", "En del", "Lidt"].contains(&text.as_str())))
                    .filter_map(|t| t.bounds(&m))
                    .collect();
                assert_eq!(names.len(), 3);
                for l in &s.shapes {
                    if let Shape::Line { x1, y1, x2, y2, .. } = l
                        && (x1 - x2).abs() < 0.01
                    {
                        for b in &names {
                            let (lo, hi) = (y1.min(*y2), y1.max(*y2));
                            assert!(
                                !(*x1 > b.x0 && *x1 < b.x1 && hi > b.y0 && lo < b.y1),
                                "{width}: the line crosses a ring's name"
                            );
                        }
                    }
                }
            }
        }
    }

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
                // Within its own ring: outside the one inside it, inside its own.
                let rings = rings_of(&s);
                let inner = if c == 1 { 0.0 } else { rings[(c - 2) as usize] };
                assert!(
                    *r > inner && *r < rings[(c - 1) as usize],
                    "{width} {t} {r} not in ring {c}: {rings:?}"
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
