//! Functioning level over time, one grid per person: a row per dimension, a column per
//! assessment (the latest [`COLUMNS`]), each cell its value 0–4 written in it and shaded darker
//! the greater the problem; the overall level A–E in the last row.

use super::{paragraph, text};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Color, Scene, Shape, Stroke, Weight};

/// The most assessments a grid shows: the latest. The chart's table has them all.
pub const COLUMNS: usize = 8;

/// The shades of 0 (no problem) to 4 (complete), lightest first, and the ink of a number on
/// each (4.5:1 or more).
const SHADES: [(Color, Color); 5] = [
    (Color(0xf6, 0xf8, 0xf9), INK),
    (Color(0xd6, 0xea, 0xec), INK),
    (Color(0xa6, 0xcf, 0xd4), INK),
    (Color(0x2f, 0x7a, 0x83), WHITE),
    (Color(0x1f, 0x4f, 0x56), WHITE),
];

#[derive(Debug, Clone)]
pub struct FunctioningPerson {
    pub who: String,
    /// Each assessment's date as two short lines ("mar.", "2025"), oldest first.
    pub dates: Vec<[String; 2]>,
    /// (dimension, its value 0–4 at each date).
    pub rows: Vec<(String, Vec<Option<i64>>)>,
    /// The overall level's name and the level A–E at each date.
    pub overall: (String, Vec<Option<String>>),
}

/// `scale` names the five values ("0 intet", …); below 480 points wide a dimension's name
/// stands above its cells.
pub fn functioning(
    m: &Metrics,
    width: f32,
    people: &[FunctioningPerson],
    scale: &[String; 5],
    caption: Caption,
) -> Scene {
    let stacked = width < 480.0;
    let label_w = if stacked { 0.0 } else { 230.0 };
    let mut shapes = Vec::new();
    // The key: the five shades with their names.
    let items: Vec<(super::Swatch, String)> = SHADES
        .iter()
        .zip(scale)
        .map(|((fill, _), name)| {
            (
                super::Swatch::Box(Some(*fill), Some(Stroke::solid(LINE, 1.0))),
                name.clone(),
            )
        })
        .collect();
    let (key, mut y) = super::legend(m, width, 0.0, &items);
    shapes.extend(key);
    y += 10.0;
    for p in people {
        let mut person = Vec::new();
        let who = m.wrap_lines(&p.who, 14.0, Weight::Bold, width, 2);
        let (t, below) = paragraph(m, &who, 0.0, y + 2.0, 14.0, Weight::Bold, INK);
        person.extend(t);
        y = below + 4.0;
        let from = p.dates.len().saturating_sub(COLUMNS);
        let n = p.dates.len() - from;
        let cell = ((width - label_w) / n.max(1) as f32).min(60.0);
        let col = |i: usize| label_w + (i - from) as f32 * cell;
        // The dates over the columns, on two lines.
        for (i, d) in p.dates.iter().enumerate().skip(from) {
            for (k, line) in d.iter().enumerate() {
                person.push(text(
                    col(i) + cell / 2.0,
                    y + 12.0 + k as f32 * 13.0,
                    line.clone(),
                    11.0,
                    Weight::Regular,
                    Anchor::Middle,
                    MUTED,
                ));
            }
        }
        y += 32.0;
        let levels: Vec<(String, Vec<Option<String>>)> = vec![p.overall.clone()];
        let rows = p
            .rows
            .iter()
            .map(|(name, v)| {
                let cells: Vec<Option<(String, usize)>> = v
                    .iter()
                    .map(|x| x.map(|x| (x.to_string(), x.clamp(0, 4) as usize)))
                    .collect();
                (name, cells, Weight::Regular)
            })
            .chain(levels.iter().map(|(name, v)| {
                let cells = v
                    .iter()
                    .map(|x| {
                        x.as_ref().map(|l| {
                            let i = crate::model::OVERALL_LEVELS
                                .iter()
                                .position(|a| a == l)
                                .unwrap_or(0);
                            (l.clone(), i)
                        })
                    })
                    .collect();
                (name, cells, Weight::Bold)
            }));
        for (name, cells, weight) in rows {
            let mut g = Vec::new();
            let label = m
                .wrap_lines(
                    name,
                    12.0,
                    weight,
                    if stacked { width } else { label_w - 10.0 },
                    1,
                )
                .concat();
            if stacked {
                g.push(text(0.0, y + 12.0, label, 12.0, weight, Anchor::Start, INK));
                y += 17.0;
            } else {
                g.push(text(0.0, y + 17.0, label, 12.0, weight, Anchor::Start, INK));
            }
            let mut said = Vec::new();
            for (i, c) in cells.iter().enumerate().skip(from) {
                let (fill, ink) = c.as_ref().map_or((WHITE, MUTED), |c| SHADES[c.1.min(4)]);
                g.push(Shape::Rect {
                    x: col(i) + 1.0,
                    y: y + 1.0,
                    w: cell - 2.0,
                    h: 24.0,
                    r: 2.0,
                    fill: Some(fill),
                    stroke: Some(Stroke::solid(LINE, 1.0)),
                });
                let v = c.as_ref().map_or("–".to_string(), |c| c.0.clone());
                g.push(text(
                    col(i) + cell / 2.0,
                    y + 17.5,
                    v.clone(),
                    12.0,
                    Weight::Bold,
                    Anchor::Middle,
                    ink,
                ));
                said.push(v);
            }
            person.push(Shape::Group {
                title: Some(format!("{name}: {}", said.join(", "))),
                shapes: g,
            });
            y += 27.0;
        }
        shapes.push(Shape::Group {
            title: Some(p.who.clone()),
            shapes: person,
        });
        y += 12.0;
    }
    Scene::new(width, y, caption, shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap};
    use crate::draw::font::standard;

    fn scale() -> [String; 5] {
        ["0 intet", "1 let", "2 moderat", "3 svært", "4 fuldstændigt"].map(String::from)
    }

    #[test]
    fn a_cell_is_as_dark_as_its_value_and_only_the_latest_columns_are_drawn() {
        let m = standard();
        let dates: Vec<[String; 2]> = (1..=12)
            .map(|i| [format!("m{i}."), "2025".to_string()])
            .collect();
        let p = FunctioningPerson {
            who: "Sanne Holm (mor)".into(),
            dates,
            rows: vec![
                (
                    "Psykisk funktionsnedsættelse".into(),
                    (0..12).map(|i| Some(4 - i % 5)).collect(),
                ),
                ("Samfundsliv".into(), vec![None; 12]),
            ],
            overall: ("Samlet niveau (A–E)".into(), vec![Some("C".into()); 12]),
        };
        for width in [640.0, 340.0] {
            let s = functioning(&m, width, std::slice::from_ref(&p), &scale(), cap());
            assert_well_laid_out(&s, &m);
            let Some(Shape::Group { shapes, .. }) = s.shapes.last() else {
                panic!("no person")
            };
            let rows: Vec<&Vec<Shape>> = shapes
                .iter()
                .filter_map(|g| match g {
                    Shape::Group { shapes, .. } => Some(shapes),
                    _ => None,
                })
                .collect();
            assert_eq!(rows.len(), 3);
            let cells = |r: &Vec<Shape>| -> Vec<(Color, String)> {
                let fills = r.iter().filter_map(|x| match x {
                    Shape::Rect { fill, .. } => *fill,
                    _ => None,
                });
                let texts = r.iter().filter_map(|x| match x {
                    Shape::Text {
                        text,
                        anchor: Anchor::Middle,
                        ..
                    } => Some(text.clone()),
                    _ => None,
                });
                fills.zip(texts).collect()
            };
            let first = cells(rows[0]);
            assert_eq!(first.len(), COLUMNS);
            // Columns 5–12: values 4-(i%5) for i = 4..12.
            for (k, (fill, t)) in first.iter().enumerate() {
                let v = 4 - (k + 4) % 5;
                assert_eq!(t, &v.to_string());
                assert_eq!(*fill, SHADES[v].0);
            }
            assert!(cells(rows[1]).iter().all(|(f, t)| *f == WHITE && t == "–"));
            assert!(
                cells(rows[2])
                    .iter()
                    .all(|(f, t)| *f == SHADES[2].0 && t == "C")
            );
        }
    }

    #[test]
    fn every_shade_carries_its_number_legibly() {
        for (fill, ink) in SHADES {
            assert!(ink.contrast(fill) >= 4.5, "{ink} on {fill}");
        }
        assert!(
            SHADES
                .windows(2)
                .all(|w| w[0].0.luminance() > w[1].0.luminance())
        );
    }
}
