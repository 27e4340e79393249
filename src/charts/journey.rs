//! The borgerrejse timeline: the events of the course on four tracks (beskæftigelse,
//! sundhed, familie og børn, fritid og fællesskaber) along one shared time axis, each marked
//! with the initials of the people it concerns. Labels are set in rows within their track so
//! they never collide.

use super::{Labels, TimeScale, paragraph, text, time_axis};
use crate::draw::font::Metrics;
use crate::draw::palette::*;
use crate::draw::scene::{Anchor, Caption, Color, Scene, Shape, Weight};
use crate::model::Date;

const LANE_LABEL: f32 = 112.0;

#[derive(Debug, Clone)]
pub struct JourneyEvent {
    pub date: Date,
    /// Index into the tracks.
    pub track: usize,
    /// "S", "M" …
    pub initials: Vec<String>,
    pub text: String,
}

/// `tracks` name the four tracks in order; `before` and `after` are the words at the ends of
/// the axis ("← Før: 2019–2023", "Efter →"); `span` is the course's start and end. Below 480
/// points wide each track's name stands above its lane instead of beside it.
#[allow(clippy::too_many_arguments)]
pub fn journey_timeline(
    m: &Metrics,
    width: f32,
    labels: &Labels,
    tracks: &[String],
    events: &[JourneyEvent],
    span: (Date, Option<Date>),
    ends: (Option<String>, Option<String>),
    caption: Caption,
) -> Scene {
    let narrow = width < 480.0;
    let (x0, x1) = (if narrow { 8.0 } else { 128.0 }, width - 4.0);
    let label_w = if narrow { 124.0 } else { 150.0 };
    let scale = time_scale(events, span, x0, x1);
    let mut shapes = Vec::new();
    let mut y = axis_ends(m, &ends, x0, x1, &mut shapes);
    for (ti, name) in tracks.iter().enumerate() {
        let color = TRACKS[ti % TRACKS.len()];
        let mut evs: Vec<&JourneyEvent> = events.iter().filter(|e| e.track == ti).collect();
        evs.sort_by_key(|e| e.date);
        let (placed, rows) = place(m, labels, &scale, &evs, x1, label_w);
        let row_h: Vec<f32> = (0..rows)
            .map(|i| {
                placed
                    .iter()
                    .filter(|p| p.row == i)
                    .map(|p| (p.lines.len() + 1) as f32 * 14.0)
                    .fold(20.0, f32::max)
                    + 8.0
            })
            .collect();
        let nl = m.wrap_lines(
            name,
            12.0,
            Weight::Bold,
            if narrow {
                width - 20.0
            } else {
                LANE_LABEL - 12.0
            },
            3,
        );
        // On a narrow picture the track's name takes a line of its own above the events.
        let head = if narrow {
            nl.len() as f32 * 15.6 + 6.0
        } else {
            0.0
        };
        let lane_h = (row_h.iter().sum::<f32>() + head).max(30.0) + 8.0;
        shapes.push(Shape::Rect {
            x: 0.0,
            y,
            w: width,
            h: lane_h,
            r: 0.0,
            fill: Some(if ti % 2 == 0 { PALE } else { WHITE }),
            stroke: None,
        });
        shapes.push(Shape::Rect {
            x: 0.0,
            y,
            w: 5.0,
            h: lane_h,
            r: 0.0,
            fill: Some(color),
            stroke: None,
        });
        let (t, _) = paragraph(m, &nl, 10.0, y + 8.0, 12.0, Weight::Bold, color);
        shapes.extend(t);
        for p in placed {
            let ry = y + head + 4.0 + row_h[..p.row].iter().sum::<f32>();
            shapes.push(event(p, ry, color));
        }
        y += lane_h;
    }
    shapes.extend(time_axis(m, &scale, y, labels));
    Scene::new(width, y + 24.0, caption, shapes)
}

/// The time axis between `x0` and `x1`: the course and its events, with a margin of a
/// thirtieth of the span (at least a week) either side.
fn time_scale(events: &[JourneyEvent], span: (Date, Option<Date>), x0: f32, x1: f32) -> TimeScale {
    let first = events
        .iter()
        .map(|e| e.date)
        .min()
        .unwrap_or(span.0)
        .min(span.0);
    let last = events
        .iter()
        .map(|e| e.date)
        .max()
        .unwrap_or(span.0)
        .max(span.1.unwrap_or(first))
        .max(first.add_months(2));
    let pad = ((last.to_days() - first.to_days()) / 30).max(7);
    TimeScale::new(
        Date::from_days(first.to_days() - pad),
        Date::from_days(last.to_days() + pad),
        x0 + 10.0,
        x1 - 10.0,
    )
}

/// The words at the axis' ends, "before" at the left and "after" at the right (a line lower
/// when both do not fit on one); returns where the lanes start.
fn axis_ends(
    m: &Metrics,
    ends: &(Option<String>, Option<String>),
    x0: f32,
    x1: f32,
    shapes: &mut Vec<Shape>,
) -> f32 {
    if ends.0.is_none() && ends.1.is_none() {
        return 0.0;
    }
    let both = ends
        .0
        .iter()
        .chain(&ends.1)
        .map(|t| m.width(t, 12.0, Weight::Regular) + 10.0)
        .sum::<f32>();
    let after_y = if both > x1 - x0 { 29.0 } else { 13.0 };
    if let Some(b) = &ends.0 {
        shapes.push(text(
            x0,
            13.0,
            b.clone(),
            12.0,
            Weight::Regular,
            Anchor::Start,
            MUTED,
        ));
    }
    if let Some(a) = &ends.1 {
        shapes.push(text(
            x1,
            after_y,
            a.clone(),
            12.0,
            Weight::Regular,
            Anchor::End,
            MUTED,
        ));
    }
    after_y + 9.0
}

/// An event's marker and label as laid out in its lane.
struct Placed {
    row: usize,
    x: f32,
    r: f32,
    left: bool,
    lines: Vec<String>,
    date: String,
    initials: String,
}

/// Each of a lane's events in the first row where its marker and label fit (the label to the
/// marker's left when it would run past `x1`); returns them and the number of rows.
fn place(
    m: &Metrics,
    labels: &Labels,
    scale: &TimeScale,
    evs: &[&JourneyEvent],
    x1: f32,
    label_w: f32,
) -> (Vec<Placed>, usize) {
    let mut rows: Vec<f32> = Vec::new(); // right edge used in each row
    let mut placed: Vec<Placed> = Vec::new();
    for e in evs {
        let x = scale.x(e.date);
        let initials = e.initials.join("·");
        let r = (m.width(&initials, 9.0, Weight::Bold) / 2.0 + 4.0).max(8.0);
        let date = labels.date(e.date);
        let lines = m.wrap_lines(&e.text, 11.0, Weight::Regular, label_w, 3);
        let w = lines
            .iter()
            .map(|l| m.width(l, 11.0, Weight::Regular))
            .fold(m.width(&date, 11.0, Weight::Bold), f32::max);
        let left = x + r + 4.0 + w > x1;
        let (b0, b1) = if left {
            (x - r - 4.0 - w, x + r)
        } else {
            (x - r, x + r + 4.0 + w)
        };
        let row = match rows.iter().position(|right| *right + 8.0 <= b0) {
            Some(i) => i,
            None => {
                rows.push(f32::MIN);
                rows.len() - 1
            }
        };
        rows[row] = b1;
        placed.push(Placed {
            row,
            x,
            r,
            left,
            lines,
            date,
            initials,
        });
    }
    (placed, rows.len())
}

/// An event drawn in its row starting at `ry`: the marker with the initials, the date and
/// the text, titled for a screen reader.
fn event(p: Placed, ry: f32, color: Color) -> Shape {
    let cy = ry + 4.0 + p.r;
    let mut g = vec![Shape::Circle {
        cx: p.x,
        cy,
        r: p.r,
        fill: Some(color),
        stroke: None,
    }];
    if !p.initials.is_empty() {
        g.push(text(
            p.x,
            cy + 3.5,
            p.initials.clone(),
            9.0,
            Weight::Bold,
            Anchor::Middle,
            WHITE,
        ));
    }
    let (tx, anchor) = if p.left {
        (p.x - p.r - 4.0, Anchor::End)
    } else {
        (p.x + p.r + 4.0, Anchor::Start)
    };
    g.push(text(
        tx,
        ry + 14.0,
        p.date.clone(),
        11.0,
        Weight::Bold,
        anchor,
        INK,
    ));
    for (k, l) in p.lines.iter().enumerate() {
        g.push(text(
            tx,
            ry + 28.0 + k as f32 * 14.0,
            l.clone(),
            11.0,
            Weight::Regular,
            anchor,
            INK,
        ));
    }
    Shape::Group {
        title: Some(format!("{}: {}", p.date, p.lines.join(" "))),
        shapes: g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{assert_well_laid_out, cap, d, labels};
    use crate::draw::font::standard;

    #[test]
    fn events_on_the_same_days_never_collide() {
        let m = standard();
        let tracks: Vec<String> = [
            "Beskæftigelse",
            "Sundhed",
            "Familie og børn",
            "Fritid og fællesskaber",
        ]
        .map(String::from)
        .to_vec();
        let mut events = Vec::new();
        for i in 0..12 {
            events.push(JourneyEvent {
                date: d(if i % 2 == 0 {
                    "2025-03-01"
                } else {
                    "2025-03-08"
                }),
                track: i % 4,
                initials: vec!["S".into(), "M".into()],
                text: format!("Hændelse {i} med en tekst der er lang nok til at blive brudt"),
            });
        }
        events.push(JourneyEvent {
            date: d("2026-12-20"),
            track: 0,
            initials: vec![],
            text: "Sidst på aksen".into(),
        });
        for width in [640.0, 340.0] {
            let s = journey_timeline(
                &m,
                width,
                &labels(),
                &tracks,
                &events,
                (d("2025-01-01"), Some(d("2026-12-31"))),
                (Some("← Før: 2019–2024".into()), Some("Efter →".into())),
                cap(),
            );
            assert_well_laid_out(&s, &m);
        }
    }
}
