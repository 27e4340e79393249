//! The trin path: the 7 trin as a row of steps, the finished ones filled, the current one
//! marked.

use super::text;
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Scene, Shape, Stroke, Weight};

/// `names` are the 7 trin names; `current` is 1–7; `finished` marks a course that is over
/// (every trin done). `title` and `desc` come from the strings file. Where the names do not
/// fit under their steps (a narrow picture), only the current one is named.
pub fn trin_path(
    m: &Metrics,
    width: f32,
    names: &[String],
    current: u8,
    finished: bool,
    caption: Caption,
) -> Scene {
    let n = names.len().max(1);
    let gap = width / n as f32;
    let all_names = names.iter().all(|name| {
        name.split_whitespace()
            .all(|w| m.width(w, 12.0, Weight::Bold) <= gap - 6.0)
    });
    let cy = 26.0;
    let mut shapes = vec![Shape::Line {
        x1: gap / 2.0,
        y1: cy,
        x2: width - gap / 2.0,
        y2: cy,
        stroke: Stroke::solid(LINE, 3.0),
    }];
    let mut bottom: f32 = 0.0;
    for (i, name) in names.iter().enumerate() {
        let number = i as u8 + 1;
        let x = gap / 2.0 + i as f32 * gap;
        let done = finished || number < current;
        let here = !finished && number == current;
        let (r, fill, stroke, ink) = if here {
            (19.0, AMBER, Stroke::solid(INK, 2.5), INK)
        } else if done {
            (15.0, ACCENT, Stroke::solid(ACCENT, 1.5), WHITE)
        } else {
            (15.0, WHITE, Stroke::dashed(MUTED, 1.5), MUTED)
        };
        let mut g = vec![
            Shape::Circle {
                cx: x,
                cy,
                r,
                fill: Some(fill),
                stroke: Some(stroke),
            },
            text(
                x,
                cy + 5.0,
                number.to_string(),
                14.0,
                Weight::Bold,
                Anchor::Middle,
                ink,
            ),
        ];
        let weight = if here { Weight::Bold } else { Weight::Regular };
        let color = if done || here { INK } else { MUTED };
        let mut y = cy + 38.0;
        if all_names {
            for l in m.wrap_lines(name, 12.0, weight, gap - 6.0, 2) {
                g.push(text(x, y, l, 12.0, weight, Anchor::Middle, color));
                y += 15.0;
            }
        } else if here {
            // The one name, centred under its step but kept inside the picture.
            let w = m.width(name, 12.0, weight);
            let (lx, anchor) = if x - w / 2.0 < 0.0 {
                (0.0, Anchor::Start)
            } else if x + w / 2.0 > width {
                (width, Anchor::End)
            } else {
                (x, Anchor::Middle)
            };
            g.push(text(lx, y, name.clone(), 12.0, weight, anchor, color));
            y += 15.0;
        }
        bottom = bottom.max(y - 11.0);
        shapes.push(Shape::Group {
            title: Some(format!("{number} {name}")),
            shapes: g,
        });
    }
    Scene::new(width, bottom + 6.0, caption, shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap};
    use crate::draw::font::standard;
    use crate::model::Trin;

    #[test]
    fn current_step_is_marked_and_earlier_ones_filled() {
        let m = standard();
        let names: Vec<String> = Trin::NAMES.iter().map(|s| s.to_string()).collect();
        let s = trin_path(&m, 640.0, &names, 5, false, cap());
        assert_well_laid_out(&s, &m);
        let circles: Vec<(f32, Option<crate::draw::scene::Color>)> = s
            .shapes
            .iter()
            .filter_map(|g| match g {
                Shape::Group { shapes, .. } => shapes.iter().find_map(|c| match c {
                    Shape::Circle { r, fill, .. } => Some((*r, *fill)),
                    _ => None,
                }),
                _ => None,
            })
            .collect();
        assert_eq!(circles.len(), 7);
        assert!(circles[..4].iter().all(|c| c.1 == Some(ACCENT)));
        assert_eq!(circles[4], (19.0, Some(AMBER)));
        assert!(circles[5..].iter().all(|c| c.1 == Some(WHITE)));
        let done = trin_path(&m, 640.0, &names, 7, true, cap());
        assert!(
            matches!(&done.shapes[7], Shape::Group { shapes, .. } if matches!(shapes[0], Shape::Circle { fill: Some(ACCENT), .. }))
        );
        // Narrow: only the current trin is named, and it stays inside the picture.
        for current in 1..=7 {
            let s = trin_path(&m, 340.0, &names, current, false, cap());
            assert_well_laid_out(&s, &m);
            let named: Vec<String> = crate::draw::scene::texts(&s.shapes)
                .iter()
                .filter_map(|t| match t {
                    Shape::Text { text, .. } if text.parse::<u8>().is_err() => Some(text.clone()),
                    _ => None,
                })
                .collect();
            assert_eq!(named, vec![names[current as usize - 1].clone()]);
        }
    }
}
