//! Support history as a track per person: from each entry's day to the next (the last to the
//! day the site is drawn for), a stretch marked by what kind of living it is — public support
//! dashed and pale, work dark, education purple, the rest grey — its name in it where it fits,
//! and what the person lives on now written under the track.

use super::{Labels, Swatch, TimeScale, legend, paragraph, text, time_axis};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Color, Scene, Shape, Stroke, Weight};
use crate::model::{Date, SupportGroup};

#[derive(Debug, Clone)]
pub struct SupportStretch {
    pub from: Date,
    pub name: String,
    pub group: SupportGroup,
}

#[derive(Debug, Clone)]
pub struct SupportPerson {
    pub who: String,
    /// Oldest first.
    pub stretches: Vec<SupportStretch>,
    /// What they live on now, in words ("Nu: Ordinært job, 25 timer om ugen").
    pub now: String,
}

/// How a group's stretch is drawn: fill, outline, ink of its name.
fn style(g: SupportGroup) -> (Color, Option<Stroke>, Color) {
    match g {
        SupportGroup::Public => (AMBER_SOFT, Some(Stroke::dashed(AMBER_DARK, 1.5)), INK),
        SupportGroup::Work => (ACCENT, None, WHITE),
        SupportGroup::Education => (TRACKS[2], None, WHITE),
        SupportGroup::Other => (PALE, Some(Stroke::solid(MUTED, 1.0)), INK),
    }
}

/// `groups` names the four groups in [`SupportGroup::ALL`]'s order; `end` is the day drawn for.
pub fn support_track(
    m: &Metrics,
    width: f32,
    labels: &Labels,
    people: &[SupportPerson],
    groups: &[String; 4],
    end: Date,
    caption: Caption,
) -> Scene {
    let items: Vec<(Swatch, String)> = SupportGroup::ALL
        .iter()
        .zip(groups)
        .map(|(g, name)| {
            let (fill, stroke, _) = style(*g);
            (Swatch::Box(Some(fill), stroke), name.clone())
        })
        .collect();
    let (mut shapes, mut y) = legend(m, width, 0.0, &items);
    y += 10.0;
    let first = people
        .iter()
        .filter_map(|p| p.stretches.first().map(|s| s.from))
        .min()
        .unwrap_or(end);
    let scale = TimeScale::new(first, end.max(first), 4.0, width - 4.0);
    for p in people {
        let mut person = Vec::new();
        let who = m.wrap_lines(&p.who, 14.0, Weight::Bold, width, 2);
        let (t, below) = paragraph(m, &who, 0.0, y + 2.0, 14.0, Weight::Bold, INK);
        person.extend(t);
        y = below + 4.0;
        for (i, s) in p.stretches.iter().enumerate() {
            let to = p.stretches.get(i + 1).map_or(end, |n| n.from);
            let (a, b) = (scale.x(s.from), scale.x(to.max(s.from)));
            let (fill, stroke, ink) = style(s.group);
            let mut g = vec![Shape::Rect {
                x: a,
                y,
                w: (b - a).max(2.0),
                h: 24.0,
                r: 0.0,
                fill: Some(fill),
                stroke,
            }];
            // A white line where a stretch begins, so that two of one group stay two.
            if i > 0 {
                g.push(Shape::Line {
                    x1: a,
                    y1: y,
                    x2: a,
                    y2: y + 24.0,
                    stroke: Stroke::solid(WHITE, 2.0),
                });
            }
            if m.width(&s.name, 11.0, Weight::Regular) + 8.0 <= b - a {
                g.push(text(
                    a + 4.0,
                    y + 16.0,
                    s.name.clone(),
                    11.0,
                    Weight::Regular,
                    Anchor::Start,
                    ink,
                ));
            }
            person.push(Shape::Group {
                title: Some(format!("{} {}", labels.date(s.from), s.name)),
                shapes: g,
            });
        }
        let now = m.wrap_lines(&p.now, 12.0, Weight::Regular, width, 2);
        let (t, below) = paragraph(m, &now, 0.0, y + 28.0, 12.0, Weight::Regular, INK);
        person.extend(t);
        y = below + 10.0;
        shapes.push(Shape::Group {
            title: Some(p.who.clone()),
            shapes: person,
        });
    }
    shapes.extend(time_axis(m, &scale, y, labels));
    Scene::new(width, y + 24.0, caption, shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap, d, labels};
    use crate::draw::font::standard;

    #[test]
    fn each_stretch_runs_to_the_next_and_the_last_to_the_day() {
        let m = standard();
        let p = SupportPerson {
            who: "Sanne Holm (mor)".into(),
            stretches: vec![
                SupportStretch {
                    from: d("2025-01-01"),
                    name: "Kontanthjælp (aktivitetsparat)".into(),
                    group: SupportGroup::Public,
                },
                SupportStretch {
                    from: d("2025-07-02"),
                    name: "Virksomhedspraktik".into(),
                    group: SupportGroup::Public,
                },
                SupportStretch {
                    from: d("2025-08-01"),
                    name: "Ordinært job".into(),
                    group: SupportGroup::Work,
                },
            ],
            now: "Nu: Ordinært job, 25 timer om ugen".into(),
        };
        let groups = ["Offentlig forsørgelse", "Job", "Uddannelse", "Andet"].map(String::from);
        for width in [640.0, 340.0] {
            let s = support_track(
                &m,
                width,
                &labels(),
                std::slice::from_ref(&p),
                &groups,
                d("2026-01-01"),
                cap(),
            );
            assert_well_laid_out(&s, &m);
            let Some(Shape::Group { shapes, .. }) = s
                .shapes
                .iter()
                .rev()
                .find(|s| matches!(s, Shape::Group { .. }))
            else {
                panic!("no person")
            };
            let rects: Vec<(f32, f32, Option<Color>)> = shapes
                .iter()
                .filter_map(|g| match g {
                    Shape::Group { shapes, .. } => shapes.iter().find_map(|r| match r {
                        Shape::Rect { x, w, fill, .. } => Some((*x, *w, *fill)),
                        _ => None,
                    }),
                    _ => None,
                })
                .collect();
            assert_eq!(rects.len(), 3);
            // Half a year of public support, then a month, then five months of work.
            assert!(
                (rects[0].1 / (width - 8.0) - 182.0 / 365.0).abs() < 0.01,
                "{rects:?}"
            );
            assert!((rects[0].0 + rects[0].1 - rects[1].0).abs() < 0.01);
            assert!((rects[2].0 + rects[2].1 - (width - 4.0)).abs() < 0.01);
            assert_eq!(rects[2].2, Some(ACCENT));
        }
    }
}
