//! SDQ's profile, one panel per child: each of the five scales (and the total) as a track
//! shaded with its own bands, the first assessment as a ring and the latest as a dot on it,
//! and the two numbers written at the track's end.

use super::{Swatch, legend, paragraph, text};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Scene, Shape, Stroke, Weight};
use crate::model::Scale;

/// One scale of a child's profile.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub name: String,
    pub scale: Scale,
    pub first: Option<i64>,
    /// None with one assessment.
    pub latest: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct SdqPerson {
    /// The child's name and the dates of the two assessments.
    pub who: String,
    pub rows: Vec<ProfileRow>,
}

/// `bands` names the three bands, normal first; `first` and `latest` the two markers.
/// Below 480 points wide a scale's name stands above its track.
pub fn sdq_profile(
    m: &Metrics,
    width: f32,
    people: &[SdqPerson],
    bands: &[String; 3],
    first: &str,
    latest: &str,
    caption: Caption,
) -> Scene {
    let stacked = width < 480.0;
    let (x0, x1) = (if stacked { 8.0 } else { 230.0 }, width - 64.0);
    let row_h = if stacked { 44.0 } else { 30.0 };
    let fills = [GREEN_SOFT, AMBER_SOFT, RED_SOFT];
    let mut items: Vec<(Swatch, String)> = fills
        .iter()
        .zip(bands)
        .map(|(f, b)| {
            (
                Swatch::Box(Some(*f), Some(Stroke::solid(LINE, 1.0))),
                b.clone(),
            )
        })
        .collect();
    items.push((ring(), first.to_string()));
    items.push((Swatch::Dot(Some(INK), None), latest.to_string()));
    let (mut shapes, mut y) = legend(m, width, 0.0, &items);
    y += 10.0;
    for p in people {
        let mut person = Vec::new();
        let who = m.wrap_lines(&p.who, 14.0, Weight::Bold, width, 2);
        let (t, below) = paragraph(m, &who, 0.0, y + 2.0, 14.0, Weight::Bold, INK);
        person.extend(t);
        y = below + 6.0;
        for (i, r) in p.rows.iter().enumerate() {
            // The total, the last row, stands apart under a line.
            if i > 0 && i + 1 == p.rows.len() {
                person.push(Shape::Line {
                    x1: 0.0,
                    y1: y + 2.0,
                    x2: width,
                    y2: y + 2.0,
                    stroke: Stroke::solid(LINE, 1.0),
                });
                y += 6.0;
            }
            person.push(row(m, r, y, x0, x1, width, stacked));
            y += row_h;
        }
        shapes.push(Shape::Group {
            title: Some(p.who.clone()),
            shapes: person,
        });
        y += 10.0;
    }
    Scene::new(width, y, caption, shapes)
}

fn ring() -> Swatch {
    Swatch::Dot(Some(WHITE), Some(Stroke::solid(INK, 2.0)))
}

/// A scale's name, its track shaded by band, the markers and "first → latest".
fn row(m: &Metrics, r: &ProfileRow, y: f32, x0: f32, x1: f32, width: f32, stacked: bool) -> Shape {
    let size = 12.0;
    let track = if stacked { y + 20.0 } else { y + 6.0 };
    let name = m
        .wrap_lines(
            &r.name,
            size,
            Weight::Regular,
            if stacked { width } else { x0 - 12.0 },
            1,
        )
        .concat();
    let mut g = vec![text(
        0.0,
        if stacked { y + 13.0 } else { track + 11.0 },
        name,
        size,
        Weight::Regular,
        Anchor::Start,
        INK,
    )];
    let span = (r.scale.max - r.scale.min) as f32;
    let x = |v: f32| x0 + (v - r.scale.min as f32) / span * (x1 - x0);
    let fills = |b| match b {
        crate::model::Band::Green => GREEN_SOFT,
        crate::model::Band::Amber => AMBER_SOFT,
        crate::model::Band::Red => RED_SOFT,
    };
    for (lo, hi, band) in r.scale.bands {
        // A band covers its scores from half a point below to half a point above.
        let a = x((lo as f32 - 0.5).max(r.scale.min as f32));
        let b = x((hi as f32 + 0.5).min(r.scale.max as f32));
        g.push(Shape::Rect {
            x: a,
            y: track,
            w: b - a,
            h: 14.0,
            r: 0.0,
            fill: Some(fills(band)),
            stroke: None,
        });
    }
    // The track's outline, so that its ends show where the normal band is pale.
    g.push(Shape::Rect {
        x: x0,
        y: track,
        w: x1 - x0,
        h: 14.0,
        r: 0.0,
        fill: None,
        stroke: Some(Stroke::solid(LINE, 1.0)),
    });
    let cy = track + 7.0;
    if let Some(v) = r.first {
        g.push(Shape::Circle {
            cx: x(v as f32),
            cy,
            r: 5.5,
            fill: Some(WHITE),
            stroke: Some(Stroke::solid(INK, 2.0)),
        });
    }
    if let Some(v) = r.latest {
        g.push(Shape::Circle {
            cx: x(v as f32),
            cy,
            r: 4.0,
            fill: Some(INK),
            stroke: None,
        });
    }
    let said = match (r.first, r.latest) {
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (Some(a), None) => a.to_string(),
        (None, Some(b)) => format!("– → {b}"),
        (None, None) => "–".into(),
    };
    g.push(text(
        width,
        track + 11.0,
        said.clone(),
        size,
        Weight::Bold,
        Anchor::End,
        INK,
    ));
    Shape::Group {
        title: Some(format!("{}: {said}", r.name)),
        shapes: g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap};
    use crate::draw::font::standard;
    use crate::model::{SDQ, SDQ_SCALES};

    #[test]
    fn each_scale_is_shaded_by_its_own_bands_and_the_markers_stand_at_the_scores() {
        let m = standard();
        let mut rows: Vec<ProfileRow> = [
            "Følelsesmæssige problemer",
            "Adfærdsproblemer",
            "Hyperaktivitet og opmærksomhed",
            "Problemer med kammerater",
            "Prosocial adfærd",
        ]
        .iter()
        .zip(SDQ_SCALES)
        .map(|(n, scale)| ProfileRow {
            name: n.to_string(),
            scale,
            first: Some(5),
            latest: Some(2),
        })
        .collect();
        rows.push(ProfileRow {
            name: "Samlede vanskeligheder".into(),
            scale: SDQ,
            first: Some(20),
            latest: Some(8),
        });
        let p = SdqPerson {
            who: "Emil Holm (søn) – 1. marts 2025 → 3. november 2026".into(),
            rows,
        };
        let bands = [
            "Normalt".into(),
            "Grænseområde".into(),
            "Uden for normalområdet".into(),
        ];
        for width in [640.0, 340.0] {
            let s = sdq_profile(
                &m,
                width,
                std::slice::from_ref(&p),
                &bands,
                "Først",
                "Senest",
                cap(),
            );
            assert_well_laid_out(&s, &m);
            let Shape::Group { shapes, .. } = &s.shapes[s.shapes.len() - 1] else {
                panic!("no person")
            };
            let rows: Vec<&Vec<Shape>> = shapes
                .iter()
                .filter_map(|g| match g {
                    Shape::Group { shapes, .. } => Some(shapes),
                    _ => None,
                })
                .collect();
            assert_eq!(rows.len(), 6);
            // Emotional problems: normal to 3, borderline 4, abnormal 5–10, so three bands of
            // widths 3.5, 1 and 5.5 points of score.
            let w: Vec<f32> = rows[0]
                .iter()
                .filter_map(|r| match r {
                    Shape::Rect { w, .. } => Some(*w),
                    _ => None,
                })
                .collect();
            assert!(
                (w[0] / w[1] - 3.5).abs() < 0.01 && (w[2] / w[1] - 5.5).abs() < 0.01,
                "{w:?}"
            );
            // Prosocial's bands run the other way: red first.
            let fills: Vec<_> = rows[4]
                .iter()
                .filter_map(|r| match r {
                    Shape::Rect { fill, .. } => *fill,
                    _ => None,
                })
                .collect();
            assert_eq!(fills, [RED_SOFT, AMBER_SOFT, GREEN_SOFT]);
            // The ring at 20 of 40 is half way along the total's track, the dot at 8 a fifth.
            let xs: Vec<f32> = rows[5]
                .iter()
                .filter_map(|r| match r {
                    Shape::Circle { cx, .. } => Some(*cx),
                    _ => None,
                })
                .collect();
            let (x0, x1) = (if width < 480.0 { 8.0 } else { 230.0 }, width - 64.0);
            assert!((xs[0] - (x0 + (x1 - x0) / 2.0)).abs() < 0.01);
            assert!((xs[1] - (x0 + (x1 - x0) / 5.0)).abs() < 0.01);
        }
    }
}
