//! The goal staircase: a goal's delmål as steps climbing over time towards the goal at the
//! top, with the dream it serves above it. Each step's place follows its due date and its
//! order; its fill and outline follow its status. The steps in words (text, due date, who,
//! status) are not in the picture: the page and the PDF set them as text under it, numbered
//! as on the stairs ([`step_order`]), in the reader's own text size.

use super::{Labels, TimeScale, paragraph, text, time_axis};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, PathOp, Scene, Shape, Stroke, Weight};
use crate::model::{Date, SubGoalStatus};

const PAD: f32 = 12.0;

/// One delmål as the chart draws it.
#[derive(Debug, Clone)]
pub struct GoalStep {
    pub text: String,
    pub due: Option<Date>,
    pub status: SubGoalStatus,
    /// "Frist 1. jun. 2025 · Sanne (mor) · Nået".
    pub detail: String,
}

/// The steps in the order they are numbered on the stairs: by due date, an undated step
/// after the dated ones.
pub fn step_order(dues: &[Option<Date>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..dues.len()).collect();
    order.sort_by_key(|&i| dues[i].map(|d| d.to_days()).unwrap_or(i64::MAX));
    order
}

/// Fill, outline and number colour of a step with this status.
pub fn status_style(s: SubGoalStatus) -> (super::Color, Stroke, super::Color) {
    match s {
        SubGoalStatus::Naaet => (ACCENT, Stroke::solid(ACCENT, 1.5), WHITE),
        SubGoalStatus::IGang => (ACCENT_SOFT, Stroke::solid(ACCENT, 2.0), INK),
        SubGoalStatus::IkkeStartet => (WHITE, Stroke::dashed(MUTED, 1.5), MUTED),
        SubGoalStatus::Udskudt => (AMBER_SOFT, Stroke::dashed(AMBER_DARK, 2.0), INK),
        SubGoalStatus::Opgivet => (PALE, Stroke::dashed(MUTED, 1.0), MUTED),
    }
}

/// Left edges of `n` boxes of width `w` placed as near as they can be to `centres`, in
/// order, at least `gap` apart, all within x0..x1 (the caller makes sure they fit).
pub(crate) fn place(centres: &[f32], w: f32, gap: f32, x0: f32, x1: f32) -> Vec<f32> {
    let mut left: Vec<f32> = Vec::with_capacity(centres.len());
    for (i, c) in centres.iter().enumerate() {
        let min = if i == 0 { x0 } else { left[i - 1] + w + gap };
        left.push((c - w / 2.0).max(min));
    }
    let mut max = x1 - w;
    for l in left.iter_mut().rev() {
        *l = l.min(max);
        max = *l - gap - w;
    }
    left
}

#[allow(clippy::too_many_arguments)]
pub fn goal_staircase(
    m: &Metrics,
    width: f32,
    labels: &Labels,
    goal: &str,
    dream: Option<(&str, &str)>,
    start: Date,
    steps: &[GoalStep],
    caption: Caption,
) -> Scene {
    let mut shapes = Vec::new();
    let mut y = 0.0;
    if let Some((who, text_)) = dream {
        y = dream_box(&mut shapes, m, width, who, text_) + 10.0;
    }
    y = goal_box(&mut shapes, m, width, goal, y);
    if !steps.is_empty() {
        let order = step_order(&steps.iter().map(|s| s.due).collect::<Vec<_>>());
        y = stairs(&mut shapes, m, labels, width, start, steps, &order, y) + 30.0;
    }
    Scene::new(width, y + 2.0, caption, shapes)
}

/// The family's dream in quotes, with who said it, in a box at the top; returns its foot.
fn dream_box(shapes: &mut Vec<Shape>, m: &Metrics, width: f32, who: &str, text_: &str) -> f32 {
    let inner = width - 2.0 * PAD;
    let y = 0.0;
    let lines = m.wrap_lines(&format!("»{text_}«"), 14.0, Weight::Regular, inner - 8.0, 3);
    let h = lines.len() as f32 * 14.0 * 1.3 + 30.0;
    shapes.push(Shape::Rect {
        x: 0.0,
        y,
        w: width,
        h,
        r: 6.0,
        fill: Some(ACCENT_SOFT),
        stroke: None,
    });
    shapes.push(Shape::Rect {
        x: 0.0,
        y,
        w: 5.0,
        h,
        r: 0.0,
        fill: Some(ACCENT),
        stroke: None,
    });
    let (t, below) = paragraph(m, &lines, PAD + 4.0, y + 7.0, 14.0, Weight::Regular, INK);
    shapes.extend(t);
    shapes.push(text(
        PAD + 4.0,
        below + 12.0,
        format!("– {who}"),
        12.0,
        Weight::Regular,
        Anchor::Start,
        MUTED,
    ));
    y + h
}

/// The goal, at the top of the stairs, in a box from `y`; returns its foot.
fn goal_box(shapes: &mut Vec<Shape>, m: &Metrics, width: f32, goal: &str, y: f32) -> f32 {
    let inner = width - 2.0 * PAD;
    let glines = m.wrap_lines(goal, 16.0, Weight::Bold, inner - 8.0, 3);
    let gh = glines.len() as f32 * 16.0 * 1.3 + 16.0;
    shapes.push(Shape::Rect {
        x: 1.0,
        y,
        w: width - 2.0,
        h: gh,
        r: 6.0,
        fill: Some(WHITE),
        stroke: Some(Stroke::solid(ACCENT, 2.0)),
    });
    let (t, _) = paragraph(m, &glines, PAD + 4.0, y + 8.0, 16.0, Weight::Bold, INK);
    shapes.extend(t);
    y + gh
}

/// The steps as stairs along a time axis below the goal's box at `y`, each standing at its
/// due date, and a dashed path from the top step up to the goal; returns the axis' line.
#[allow(clippy::too_many_arguments)]
fn stairs(
    shapes: &mut Vec<Shape>,
    m: &Metrics,
    labels: &Labels,
    width: f32,
    start: Date,
    steps: &[GoalStep],
    order: &[usize],
    y: f32,
) -> f32 {
    let dates: Vec<Date> = steps.iter().filter_map(|s| s.due).collect();
    let first = dates
        .iter()
        .copied()
        .min()
        .map(|d| d.min(start))
        .unwrap_or(start);
    let last = dates
        .iter()
        .copied()
        .max()
        .unwrap_or(start)
        .max(first.add_months(1));
    let (x0, x1) = (PAD + 4.0, width - PAD - 4.0);
    let n = steps.len() as f32;
    let w = ((x1 - x0 - (n - 1.0) * 4.0) / n).clamp(8.0, 64.0);
    let pad_days = ((last.to_days() - first.to_days()) / 12).max(10);
    let scale = TimeScale::new(
        Date::from_days(first.to_days() - pad_days),
        Date::from_days(last.to_days() + pad_days),
        x0,
        x1,
    );
    let mut prev = scale.x0;
    let centres: Vec<f32> = order
        .iter()
        .map(|&i| {
            let c = steps[i].due.map(|d| scale.x(d)).unwrap_or(prev + w);
            prev = c;
            c
        })
        .collect();
    let lefts = place(&centres, w, 4.0, x0, x1);
    // The stairs stand at most about 300 points high, however many steps (60 steps of 18
    // points would be taller than a page).
    let riser = (150.0 / n).clamp(18.0, 30.0).min((300.0 / n).max(4.0));
    let top = y + 22.0;
    let base = top + n * riser;
    let mut last_top = (x1, top);
    for (k, &i) in order.iter().enumerate() {
        let s = &steps[i];
        let h = (k as f32 + 1.0) * riser;
        let (fill, stroke, ink) = status_style(s.status);
        let x = lefts[k];
        let mut g = vec![Shape::Rect {
            x,
            y: base - h,
            w,
            h,
            r: 3.0,
            fill: Some(fill),
            stroke: Some(stroke),
        }];
        if w >= 14.0 {
            g.push(text(
                x + w / 2.0,
                base - h + 15.0,
                (k + 1).to_string(),
                13.0,
                Weight::Bold,
                Anchor::Middle,
                ink,
            ));
        }
        if s.status == SubGoalStatus::Opgivet {
            g.push(Shape::Line {
                x1: x,
                y1: base - h,
                x2: x + w,
                y2: base,
                stroke: Stroke::solid(MUTED, 1.0),
            });
        }
        shapes.push(Shape::Group {
            title: Some(format!("{}. {} – {}", k + 1, s.text, s.detail)),
            shapes: g,
        });
        last_top = (x + w / 2.0, base - h);
    }
    // A dashed path from the top step up to the goal.
    shapes.push(Shape::Path {
        ops: vec![
            PathOp::Move(last_top.0, last_top.1 - 2.0),
            PathOp::Cubic(
                last_top.0,
                y + 14.0,
                last_top.0,
                y + 10.0,
                last_top.0,
                y + 2.0,
            ),
        ],
        fill: None,
        stroke: Some(Stroke::dashed(ACCENT, 1.5)),
    });
    shapes.extend(time_axis(m, &scale, base, labels));
    base
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap, d, labels};
    use crate::draw::font::standard;

    fn step(t: &str, due: &str, status: SubGoalStatus) -> GoalStep {
        GoalStep {
            text: t.into(),
            due: Some(d(due)),
            status,
            detail: format!("Frist {due} · Sanne (mor)"),
        }
    }

    fn rects(s: &Scene) -> Vec<(f32, f32, f32)> {
        s.shapes
            .iter()
            .filter_map(|g| match g {
                Shape::Group {
                    title: Some(_),
                    shapes,
                } => match shapes[0] {
                    Shape::Rect { x, y, h, .. } => Some((x, y, h)),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    #[test]
    fn steps_climb_with_their_index_and_move_with_their_due_date() {
        let m = standard();
        let steps = vec![
            step(
                "Tale med jobcentret om praktik",
                "2025-06-01",
                SubGoalStatus::Naaet,
            ),
            step(
                "Praktik i 8 uger hos Netto",
                "2025-03-01",
                SubGoalStatus::Naaet,
            ),
            step("Ansøge om fleksjob", "2025-12-01", SubGoalStatus::IGang),
        ];
        let s = goal_staircase(
            &m,
            640.0,
            &labels(),
            "Sanne får et job",
            Some(("Sanne", "Jeg vil arbejde i en butik")),
            d("2025-01-01"),
            &steps,
            cap(),
        );
        assert_well_laid_out(&s, &m);
        let r = rects(&s);
        assert_eq!(r.len(), 3);
        // Sorted by due date: left to right, and each higher than the one before.
        assert!(r[0].0 < r[1].0 && r[1].0 < r[2].0, "{r:?}");
        assert!(r[0].2 < r[1].2 && r[1].2 < r[2].2, "{r:?}");
        // The gap in time (3 months, then 6) shows in the gaps between the steps.
        assert!(r[2].0 - r[1].0 > r[1].0 - r[0].0, "{r:?}");
        // A later due date moves a step right.
        let mut later = steps.clone();
        later[2].due = Some(d("2026-06-01"));
        let s2 = goal_staircase(
            &m,
            640.0,
            &labels(),
            "Sanne får et job",
            None,
            d("2025-01-01"),
            &later,
            cap(),
        );
        let r2 = rects(&s2);
        assert!(r2[2].0 > r2[1].0);
    }

    #[test]
    fn many_steps_on_one_day_still_fit_without_overlap() {
        let m = standard();
        let steps: Vec<GoalStep> = (0..9)
            .map(|i| {
                step(
                    &format!(
                        "Delmål nummer {i} med en ret lang tekst der skal brydes over flere linjer"
                    ),
                    "2025-05-01",
                    SubGoalStatus::IkkeStartet,
                )
            })
            .collect();
        for width in [640.0, 340.0] {
            let s = goal_staircase(
                &m,
                width,
                &labels(),
                "Et mål",
                Some((
                    "Sanne (mor)",
                    "En drøm der er så lang, at den skal brydes over flere linjer, også på en telefon",
                )),
                d("2025-01-01"),
                &steps,
                cap(),
            );
            assert_well_laid_out(&s, &m);
            let r = rects(&s);
            assert!(r.windows(2).all(|w| w[1].0 > w[0].0), "{width}: {r:?}");
        }
    }

    #[test]
    fn placing_boxes_keeps_order_gap_and_bounds() {
        let l = place(&[50.0, 50.0, 50.0, 600.0], 40.0, 4.0, 0.0, 620.0);
        assert_eq!(l[0], 30.0);
        assert!(l.windows(2).all(|w| w[1] >= w[0] + 44.0 - 0.01));
        assert!(l[3] + 40.0 <= 620.0);
    }
}
