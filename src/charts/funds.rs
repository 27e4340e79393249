//! Activity funds: what was spent each year against the yearly budget.

use super::{kr, text};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Scene, Shape, Stroke, Weight};

#[derive(Debug, Clone)]
pub struct FundYear {
    pub year: i32,
    pub spent: i64,
    pub budget: i64,
    /// "1.750 kr. af 5.000 kr. – 3.250 kr. tilbage" (or over the budget).
    pub label: String,
}

pub fn funds(m: &Metrics, width: f32, years: &[FundYear], caption: Caption) -> Scene {
    let x0 = 56.0;
    let x1 = width - 8.0;
    let top = years
        .iter()
        .map(|y| y.spent.max(y.budget))
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let unit = (x1 - x0) / top;
    let mut shapes = Vec::new();
    let mut y = 0.0;
    for fy in years {
        let over = fy.spent > fy.budget;
        let mut g = vec![
            text(
                0.0,
                y + 17.0,
                fy.year.to_string(),
                14.0,
                Weight::Bold,
                Anchor::Start,
                INK,
            ),
            Shape::Rect {
                x: x0,
                y: y + 2.0,
                w: fy.budget as f32 * unit,
                h: 20.0,
                r: 3.0,
                fill: Some(PALE),
                stroke: Some(Stroke::solid(MUTED, 1.0)),
            },
            Shape::Rect {
                x: x0,
                y: y + 5.0,
                w: fy.spent.max(0) as f32 * unit,
                h: 14.0,
                r: 2.0,
                fill: Some(if over { RED } else { ACCENT }),
                stroke: None,
            },
        ];
        let lines = m.wrap_lines(
            &fy.label,
            12.0,
            if over { Weight::Bold } else { Weight::Regular },
            x1 - x0,
            2,
        );
        let mut ly = y + 38.0;
        for l in lines {
            g.push(text(
                x0,
                ly,
                l,
                12.0,
                if over { Weight::Bold } else { Weight::Regular },
                Anchor::Start,
                if over { RED } else { INK },
            ));
            ly += 15.0;
        }
        shapes.push(Shape::Group {
            title: Some(format!("{}: {} / {}", fy.year, kr(fy.spent), kr(fy.budget))),
            shapes: g,
        });
        y = ly + 6.0;
    }
    Scene::new(width, y, caption, shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap};
    use crate::draw::font::standard;

    #[test]
    fn spent_against_budget() {
        let m = standard();
        let s = funds(
            &m,
            640.0,
            &[
                FundYear {
                    year: 2025,
                    spent: 2500,
                    budget: 5000,
                    label: "2.500 kr. af 5.000 kr.".into(),
                },
                FundYear {
                    year: 2026,
                    spent: 6000,
                    budget: 5000,
                    label: "6.000 kr. af 5.000 kr. – over rammen".into(),
                },
            ],
            cap(),
        );
        assert_well_laid_out(&s, &m);
        let bars: Vec<f32> = s
            .shapes
            .iter()
            .flat_map(|g| match g {
                Shape::Group { shapes, .. } => shapes
                    .iter()
                    .filter_map(|r| match r {
                        Shape::Rect { w, .. } => Some(*w),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            })
            .collect();
        assert!(
            (bars[1] * 2.0 - bars[0]).abs() < 0.01,
            "half the budget: {bars:?}"
        );
        assert!(bars[3] > bars[2], "over budget is longer than the budget");
    }
}
