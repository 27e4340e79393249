//! The family's own plan as a PDF (`vores-plan.pdf`): the family view, on one or two A4
//! pages. It is laid out at full size and, while it takes more than two pages, with type and
//! pictures a little smaller (down to 80 %); a family with very much on its plan can still
//! get a third page rather than unreadable type.

use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::Flow;
use super::text::{self, Run};
use crate::charts::Chart;
use crate::charts::icons::area_icon;
use crate::draw::palette::{ACCENT, INK, LINE, MUTED, WHITE};
use crate::draw::scene::{PathOp, Scene, Shape, Stroke, Weight};
use crate::views::Strings;
use crate::views::family::FamilyView;

use crate::draw::paper::A4;
const MARGIN: f32 = 40.0;
use crate::draw::palette::ACCENT_BOX;
const BODY: f32 = 10.5;

fn chart<'c>(
    charts: &'c [Chart],
    r: &Option<crate::views::figures::ChartRef>,
) -> Option<&'c Chart> {
    r.as_ref().and_then(|r| charts.get(r.0))
}

/// The family's plan from the top: the title, then each part in the family's order.
fn lay_out(f: &mut Flow, v: &FamilyView, title: &str, charts: &[Chart], s: &Strings) {
    f.heading(title, 20.0, INK, 40.0);
    dreams(f, v, s);
    goals(f, v, charts, s);
    before_next(f, v, s);
    contact(f, v, s);
    services(f, v, s);
    ratings(f, v, charts, s);
}

/// A part's heading, with a rule under it.
fn h2(f: &mut Flow, t: &str, keep: f32) {
    f.gap(8.0);
    f.heading(t, 13.5, INK, keep);
    let (x, y, w) = (f.x(), f.y, f.width());
    f.shapes(vec![Shape::Line {
        x1: x,
        y1: y - 1.0,
        x2: x + w,
        y2: y - 1.0,
        stroke: Stroke::solid(LINE, 0.6),
    }]);
    f.gap(3.0);
}

/// Their dreams, in their own words.
fn dreams(f: &mut Flow, v: &FamilyView, s: &Strings) {
    let sc = f.s;
    let w = f.width();
    let x = f.x();
    if !v.dreams.is_empty() {
        h2(f, &s.get("fv_dreams"), 24.0);
        for d in &v.dreams {
            let mut runs = vec![Run::new("»".into(), Weight::Regular)];
            runs.extend(text::runs(&d.text.0));
            runs.push(Run::new(format!("« – {}", d.who), Weight::Regular));
            let lines = f.lines(&runs, BODY, w - 16.0 * sc);
            let h = f.line_height(BODY) * lines.len() as f32 + 8.0 * sc;
            f.need(h);
            let y = f.y;
            f.card((x, y, w, h), ACCENT_BOX, None);
            f.shapes(vec![Shape::Rect {
                x,
                y,
                w: 4.0 * sc,
                h,
                r: 0.0,
                fill: Some(ACCENT),
                stroke: None,
            }]);
            f.put(
                &lines,
                (x + 12.0 * sc, y + 4.0 * sc, w - 16.0 * sc),
                BODY,
                INK,
            );
            f.y += h + 4.0 * sc;
        }
    }
}

/// The goals as staircases, two to a row, in the family's order.
fn goals(f: &mut Flow, v: &FamilyView, charts: &[Chart], s: &Strings) {
    let sc = f.s;
    let w = f.width();
    let x = f.x();
    if !v.goals.is_empty() || !v.reached.is_empty() {
        h2(f, &s.get("fv_goals"), 120.0);
        let gap = 18.0 * sc;
        let col = (w - gap) / 2.0;
        for pair in v.goals.chunks(2) {
            // A goal whose staircase is taller than a page stands alone, its parts one after
            // another down the page and on to the next: nothing runs off the page's foot.
            if pair.iter().any(|g| {
                chart(charts, &g.chart)
                    .is_some_and(|c| too_tall(f, &c.narrow, col, goal_label(f, g, col).1))
            }) {
                for g in pair {
                    goal_alone(f, g, charts, col);
                }
                continue;
            }
            // The labels of the pair in one height, so that their staircases start level.
            let label_h = pair
                .iter()
                .map(|g| goal_label(f, g, col).1)
                .fold(0.0, f32::max);
            let heights: Vec<f32> = pair
                .iter()
                .map(|g| {
                    label_h
                        + chart(charts, &g.chart)
                            .map_or(0.0, |c| c.narrow.height * col / c.narrow.width.max(1.0))
                })
                .collect();
            let row = heights.iter().copied().fold(0.0, f32::max);
            f.need(row);
            let y = f.y;
            for (i, g) in pair.iter().enumerate() {
                let cx = x + i as f32 * (col + gap);
                put_goal_label(f, g, (cx, y), col);
                if let Some(c) = chart(charts, &g.chart) {
                    f.scene(&c.narrow, (cx, y + label_h, col));
                }
            }
            f.y += row + 10.0 * sc;
        }
        if !v.reached.is_empty() {
            f.heading(&s.get("fv_reached"), 12.0, INK, 16.0);
            for g in &v.reached {
                let mut runs = text::runs(&g.title.0);
                for r in &mut runs {
                    r.weight = Weight::Bold;
                }
                runs.push(Run::new(format!(" – {}", g.who), Weight::Regular));
                let lh = f.line_height(BODY);
                f.need(lh);
                let y = f.y;
                let k = 4.0 * sc;
                f.shapes(vec![Shape::Path {
                    ops: vec![
                        PathOp::Move(x, y + lh * 0.45),
                        PathOp::Line(x + k, y + lh * 0.45 + k),
                        PathOp::Line(x + 2.4 * k, y + lh * 0.45 - k),
                    ],
                    fill: None,
                    stroke: Some(Stroke::solid(ACCENT, 1.6 * sc)),
                }]);
                f.paragraph(&runs, BODY, INK, 16.0 * sc);
            }
        }
    }
}

/// A goal's label (whose it is and its area), broken to the column, and its height: a line
/// beside the area's icon, more lines for a long name.
fn goal_label(
    f: &Flow,
    g: &crate::views::family::FamilyGoal,
    col: f32,
) -> (Vec<super::text::Line>, f32) {
    let sc = f.s;
    let label = format!("{} · {}", g.who, g.area_label);
    let l = f.lines(&text::plain(&label, Weight::Regular), 9.5, col - 16.0 * sc);
    let h = (l.len() as f32 * f.line_height(9.5) + 3.0 * sc).max(16.0 * sc);
    (l, h)
}

/// A goal's icon and label at (x, y).
fn put_goal_label(
    f: &mut Flow,
    g: &crate::views::family::FamilyGoal,
    (x, y): (f32, f32),
    col: f32,
) {
    let sc = f.s;
    let icon = area_icon(g.area.0, &g.area_label);
    f.scene(&icon, (x, y, 12.0 * sc));
    let (l, _) = goal_label(f, g, col);
    f.put(&l, (x + 16.0 * sc, y, col - 16.0 * sc), 9.5, MUTED);
}

/// One goal in the left column: its person and area, then its staircase, cut across between
/// its steps when it is taller than a page holds, each part on the next page when it does not
/// fit what is left.
fn goal_alone(f: &mut Flow, g: &crate::views::family::FamilyGoal, charts: &[Chart], col: f32) {
    let sc = f.s;
    let x = f.x();
    let label_h = goal_label(f, g, col).1;
    let parts =
        chart(charts, &g.chart).map_or_else(Vec::new, |c| column_parts(f, &c.narrow, col, label_h));
    let first = parts
        .first()
        .map_or(0.0, |p| p.height * col / p.width.max(1.0));
    f.need(label_h + first);
    let y = f.y;
    put_goal_label(f, g, (x, y), col);
    f.y += label_h;
    put_parts(f, &parts, x, col);
    f.y += 10.0 * sc;
}

/// Whether a picture printed `col` wide under `head` is taller than a page holds.
fn too_tall(f: &Flow, scene: &Scene, col: f32, head: f32) -> bool {
    scene.height * col / scene.width.max(1.0) > f.room() - head
}

/// A picture to be printed `col` wide under `head`: itself when a page holds it, else cut
/// across between its parts (a goal's steps, a network's people: `Scene::cut`) into pieces a
/// page holds.
fn column_parts(f: &Flow, scene: &Scene, col: f32, head: f32) -> Vec<Scene> {
    let scale = col / scene.width.max(1.0);
    if too_tall(f, scene, col, head) {
        scene.clone().cut((f.room() - head) / scale, f.m)
    } else {
        vec![scene.clone()]
    }
}

/// Pictures `col` wide at `x`, one under another, each on the next page when it does not fit
/// what is left of this one.
fn put_parts(f: &mut Flow, parts: &[Scene], x: f32, col: f32) {
    for p in parts {
        let h = p.height * col / p.width.max(1.0);
        f.need(h);
        let y = f.y;
        f.scene(p, (x, y, col));
        f.y += h;
    }
}

/// What happens before the next meeting: theirs and ours, side by side.
fn before_next(f: &mut Flow, v: &FamilyView, s: &Strings) {
    let sc = f.s;
    let w = f.width();
    let x = f.x();
    let open = !v.family_todo.is_empty() || !v.staff_todo.is_empty();
    if !v.closed || open {
        h2(f, &s.get("fv_before_next"), 60.0);
        if let Some(m) = &v.next_meeting {
            let runs = vec![
                Run::new(format!("{}: ", s.get("fv_next_meeting")), Weight::Regular),
                Run::new(m.clone(), Weight::Bold),
            ];
            f.paragraph(&runs, 11.5, INK, 0.0);
            f.gap(4.0);
        }
        let gap = 12.0 * sc;
        let col = (w - gap) / 2.0;
        let boxes: Vec<(String, Vec<Vec<Run>>)> = [
            (s.get("fv_you_do"), &v.family_todo),
            (s.get("fv_we_do"), &v.staff_todo),
        ]
        .into_iter()
        .map(|(t, list)| {
            let items: Vec<Vec<Run>> = if list.is_empty() {
                vec![text::plain(&s.get("fv_nothing_open"), Weight::Regular)]
            } else {
                list.iter()
                    .map(|a| {
                        let mut r = text::plain(&format!("{}: ", a.who), Weight::Bold);
                        r.extend(text::runs(&a.what.0));
                        if let Some(d) = &a.due {
                            r.push(Run::new(format!(" ({d})"), Weight::Regular));
                        }
                        r
                    })
                    .collect()
            };
            (t, items)
        })
        .collect();
        let pad = 8.0 * sc;
        let measured: Vec<(Vec<super::text::Line>, Vec<Vec<super::text::Line>>)> = boxes
            .iter()
            .map(|(t, items)| {
                (
                    f.lines(&text::plain(t, Weight::Bold), 11.5, col - 2.0 * pad),
                    items
                        .iter()
                        .map(|i| f.lines(i, BODY, col - 2.0 * pad))
                        .collect(),
                )
            })
            .collect();
        let height = |(t, items): &(Vec<super::text::Line>, Vec<Vec<super::text::Line>>)| {
            2.0 * pad
                + f.line_height(11.5) * t.len() as f32
                + 4.0 * sc
                + items
                    .iter()
                    .map(|l| f.line_height(BODY) * l.len() as f32 + 3.0 * sc)
                    .sum::<f32>()
        };
        let row = measured.iter().map(height).fold(0.0, f32::max);
        if row > A4.1 - 2.0 * MARGIN - 60.0 {
            // Side by side they would be taller than a page: one after the other instead,
            // going on over the pages like any text.
            for (t, items) in &boxes {
                f.heading(t, 11.5, INK, 20.0);
                for i in items {
                    f.paragraph(i, BODY, INK, 0.0);
                    f.gap(3.0);
                }
            }
            return;
        }
        f.need(row);
        let y = f.y;
        for (i, (t, items)) in measured.iter().enumerate() {
            let cx = x + i as f32 * (col + gap);
            f.card((cx, y, col, row), WHITE, Some(LINE));
            let mut yy = y + pad;
            yy += f.put(t, (cx + pad, yy, col - 2.0 * pad), 11.5, INK) + 4.0 * sc;
            for l in items {
                yy += f.put(l, (cx + pad, yy, col - 2.0 * pad), BODY, INK) + 3.0 * sc;
            }
        }
        f.y += row;
    }
}

/// Who they are and how to reach them.
fn contact(f: &mut Flow, v: &FamilyView, s: &Strings) {
    h2(f, &s.get("fv_contact"), 30.0);
    for h in &v.makkerpar {
        let mut r = text::plain(&h.name, Weight::Bold);
        r.push(Run::new(format!(" – {}", h.role), Weight::Regular));
        f.paragraph(&r, BODY, INK, 0.0);
    }
    if v.reach.contact.is_some() || v.reach.hours.is_some() {
        let mut r = Vec::new();
        if let Some(c) = &v.reach.contact {
            r.push(Run::new(format!("{}: ", s.get("fv_call")), Weight::Regular));
            r.push(Run::new(c.clone(), Weight::Bold));
        }
        if let Some(h) = &v.reach.hours {
            r.push(Run::new(format!(" · {h}"), Weight::Regular));
        }
        f.gap(3.0);
        f.paragraph(&r, BODY, INK, 0.0);
    }
}

/// The municipality's services and what they decided.
fn services(f: &mut Flow, v: &FamilyView, s: &Strings) {
    if !v.services.is_empty() {
        h2(f, &s.get("fv_services"), 30.0);
        for x in &v.services {
            let mut r = text::plain(&format!("{}: ", x.decision_label), Weight::Bold);
            r.extend(text::runs(&x.what.0).into_iter().map(|mut p| {
                p.weight = Weight::Bold;
                p
            }));
            r.push(Run::new(
                format!(" – {} · {}", x.who, x.administration),
                Weight::Regular,
            ));
            if let Some(reason) = &x.reason {
                r.push(Run::new(" »".into(), Weight::Regular));
                r.extend(text::runs(&reason.0));
                r.push(Run::new("«".into(), Weight::Regular));
            }
            f.paragraph(&r, BODY, INK, 0.0);
            f.gap(3.0);
        }
    }
}

/// Their own ratings with the lifeline under them, and the network map beside them.
fn ratings(f: &mut Flow, v: &FamilyView, charts: &[Chart], s: &Strings) {
    let sc = f.s;
    let w = f.width();
    let x = f.x();
    let gap = 18.0 * sc;
    let col = (w - gap) / 2.0;
    let pic = col.min(200.0 * sc);
    let scaled = |c: &Chart| c.narrow.height * pic / c.narrow.width.max(1.0);
    let lifeline: Vec<Vec<super::text::Line>> = v
        .lifeline
        .iter()
        .map(|l| {
            let mut r = text::plain(&l.name, Weight::Bold);
            let mut rest = format!(" – {}", l.role);
            if let Some(c) = &l.contact {
                rest.push_str(&format!(". {}: {c}", s.get("contact")));
            }
            if let Some(h) = &l.helps {
                rest.push_str(&format!(" ({h})"));
            }
            r.push(Run::new(rest, Weight::Regular));
            f.lines(&r, 9.5, col)
        })
        .collect();
    let title_h = f.line_height(12.0) + 4.0 * sc;
    let cap = chart(charts, &v.capabilities);
    // A network too tall for a page beside the ratings goes after them, part by part.
    let (net, tall_net) = match chart(charts, &v.network) {
        Some(c) if too_tall(f, &c.narrow, col, title_h) => (None, Some(c)),
        c => (c, None),
    };
    let life_h = if lifeline.is_empty() {
        0.0
    } else {
        10.0 * sc
            + title_h
            + lifeline
                .iter()
                .map(|l| f.line_height(9.5) * l.len() as f32 + 3.0 * sc)
                .sum::<f32>()
    };
    let left = cap.map_or(0.0, |c| title_h + scaled(c)) + life_h;
    let right = net.map_or(0.0, |c| title_h + scaled(c));
    if left + right > 0.0 {
        f.gap(10.0);
        f.need(left.max(right));
        let y = f.y;
        let mut ly = y;
        let title = |f: &mut Flow, t: &str, at: (f32, f32)| {
            let l = f.lines(&text::plain(t, Weight::Bold), 12.0, col);
            f.put(&l[..1.min(l.len())], (at.0, at.1, col), 12.0, INK);
        };
        if let Some(c) = cap {
            title(f, &s.get("fv_capabilities"), (x, ly));
            ly += title_h;
            ly += f.scene(&c.narrow, (x + (col - pic) / 2.0, ly, pic));
        }
        if !lifeline.is_empty() {
            ly += 10.0 * sc;
            title(f, &s.get("fv_lifeline"), (x, ly));
            ly += title_h;
            for l in &lifeline {
                ly += f.put(l, (x, ly, col), 9.5, INK) + 3.0 * sc;
            }
        }
        if let Some(c) = net {
            let cx = x + col + gap;
            title(f, &s.get("fv_network"), (cx, y));
            f.scene(&c.narrow, (cx + (col - pic) / 2.0, y + title_h, pic));
        }
        f.y = y + left.max(right);
    }
    if let Some(c) = tall_net {
        let parts = column_parts(f, &c.narrow, col, title_h);
        f.gap(10.0);
        f.need(
            title_h
                + parts
                    .first()
                    .map_or(0.0, |p| p.height * col / p.width.max(1.0)),
        );
        let l = f.lines(&text::plain(&s.get("fv_network"), Weight::Bold), 12.0, col);
        let (tx, ty) = (f.x(), f.y);
        f.put(&l[..1.min(l.len())], (tx, ty, col), 12.0, INK);
        f.y += title_h;
        put_parts(f, &parts, x, col);
    }
}

/// The family's plan as a PDF of as few pages as it takes (two for nearly every family).
pub(crate) fn pdf(
    v: &FamilyView,
    title: &str,
    charts: &[Chart],
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    // A size that is tried only counts its pages past the two it must fit on: a plan of
    // thousands of goals is not held whole at every size.
    for scale in [1.0, 0.94, 0.88] {
        let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, scale);
        f.keep = 2;
        lay_out(&mut f, v, title, charts, s);
        if f.pages.len() <= 2 {
            return Doc::of_pages(fonts, A4, f.pages, meta);
        }
    }
    // The smallest size, each page handed to the document as it is done.
    let mut doc = Doc::new(fonts);
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 0.82);
    f.sink = Some(Box::new(|ops| doc.page(A4.0, A4.1, ops)));
    lay_out(&mut f, v, title, charts, s);
    f.finish();
    drop(f);
    doc.finish(meta)
}
