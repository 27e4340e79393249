//! The family's own plan as a PDF (`vores-plan.pdf`): the family view, on one or two A4
//! pages for nearly every family. Its text is never smaller than 11 points, nor a picture's
//! labels than 8 (a picture too small for that beside another is set alone, wider); where
//! the plan leaves room on its pages, type and pictures are set larger (up to 120 %). A plan
//! that does not fit two pages goes on over more, and `check` warns, naming its longest part
//! ([`longest_part`]).

use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::{Block, Column, Flow, Text};
use super::tag::{self, Role};
use super::text::{self, Run};
use crate::charts::Chart;
use crate::charts::icons::area_icon;
use crate::draw::palette::{ACCENT, INK, LINE, MUTED, WHITE};
use crate::draw::scene::{PathOp, Scene, Shape, Stroke, Weight};
use crate::draw::shape::{ISOLATE, isolate};
use crate::views::Strings;
use crate::views::family::{FamilyGoal, FamilyView};

use crate::draw::paper::A4;
const MARGIN: f32 = 40.0;
use crate::draw::palette::ACCENT_BOX;
/// The family's text (a goal's person and area, the lifeline too), at its smallest.
const BODY: f32 = 11.0;
/// The smallest a picture's labels are printed.
const LABEL: f32 = 8.0;

fn chart<'c>(
    charts: &'c [Chart],
    r: &Option<crate::views::figures::ChartRef>,
) -> Option<&'c Chart> {
    r.as_ref().and_then(|r| charts.get(r.0))
}

/// A part of the family's plan: the file and the YAML key it comes from, and its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Dreams,
    Goals,
    BeforeNext,
    Contact,
    Services,
    Ratings,
}

impl Part {
    /// Whether it is written in `plan.md` (else in `familie.yaml`), and its key there.
    pub(crate) fn source(self) -> (bool, &'static str) {
        match self {
            Part::Dreams => (true, "drømme"),
            Part::Goals => (true, "mål"),
            Part::BeforeNext => (true, "aftaler"),
            Part::Contact => (false, "makkerpar"),
            Part::Services => (true, "familieprioritering"),
            Part::Ratings => (true, "netværk"),
        }
    }

    /// The keys of its headings in the strings file.
    pub(crate) fn headings(self) -> &'static [&'static str] {
        match self {
            Part::Dreams => &["fv_dreams"],
            Part::Goals => &["fv_goals"],
            Part::BeforeNext => &["fv_before_next"],
            Part::Contact => &["fv_contact"],
            Part::Services => &["fv_services"],
            Part::Ratings => &["fv_capabilities", "fv_network", "fv_lifeline"],
        }
    }

    /// What staff can shorten in it, in Danish.
    pub(crate) fn shorten(self) -> &'static str {
        match self {
            Part::Dreams => "færre eller kortere drømme",
            Part::Goals => "mål, der er nået, færre delmål eller kortere tekster",
            Part::BeforeNext => "færre eller kortere aftaler",
            Part::Contact => "kortere roller og kontaktoplysninger",
            Part::Services => "kortere begrundelser for afgørelserne",
            Part::Ratings => "færre personer på netværkskortet eller i livlinen",
        }
    }
}

/// The family's plan from the top: the title, then each part in the family's order; how
/// much of the pages each part took, in points.
fn lay_out(
    f: &mut Flow,
    v: &FamilyView,
    title: &str,
    charts: &[Chart],
    s: &Strings,
) -> Vec<(Part, f32)> {
    // In a language read from the right, the page is mirrored as the family's page is.
    f.rtl = crate::views::text_direction(s.0) == "rtl";
    f.heading(1, title, 20.0, INK, 40.0);
    let at = |f: &Flow| (f.pages.len() - 1) as f32 * f.room() + f.y;
    type Lay<'a> = &'a dyn Fn(&mut Flow);
    let parts: [(Part, Lay); 6] = [
        (Part::Dreams, &|f| dreams(f, v, s)),
        (Part::Goals, &|f| goals(f, v, charts, s)),
        (Part::BeforeNext, &|f| before_next(f, v, s)),
        (Part::Contact, &|f| contact(f, v, s)),
        (Part::Services, &|f| services(f, v, s)),
        (Part::Ratings, &|f| ratings(f, v, charts, s)),
    ];
    parts
        .into_iter()
        .map(|(p, lay)| {
            let from = at(f);
            lay(f);
            (p, at(f) - from)
        })
        .collect()
}

/// A part's heading, with a rule under it.
fn h2(f: &mut Flow, t: &str, keep: f32) {
    f.gap(8.0);
    f.heading(2, t, 13.5, INK, keep);
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
            // The dream and whose it is each keep their own direction (an Arabic dream in a
            // Danish plan does not take the name after it into its order).
            let mut runs = vec![Run::new(format!("»{}", ISOLATE.0), Weight::Regular)];
            runs.extend(text::runs(&d.text.0));
            runs.push(Run::new(
                format!("{}« – {}", ISOLATE.1, isolate(&d.who)),
                Weight::Regular,
            ));
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
            f.part(
                Role::P,
                &lines,
                (x + 12.0 * sc, y + 4.0 * sc, w - 16.0 * sc),
                BODY,
                INK,
            );
            f.y += h + 4.0 * sc;
        }
    }
}

/// The goals as staircases, two to a row, in the family's order, each with its steps in
/// words under it at the family's text size, numbered as on the stairs. A pair's columns go
/// on over the pages together; a goal whose staircase is too small to read in a column
/// stands alone, wider.
fn goals(f: &mut Flow, v: &FamilyView, charts: &[Chart], s: &Strings) {
    let sc = f.s;
    let w = f.width();
    let x = f.x();
    if !v.goals.is_empty() || !v.reached.is_empty() {
        h2(f, &s.get("fv_goals"), 120.0);
        let col = (w - GAP) / 2.0;
        // How wide a goal's staircase is printed: its column, or wider, where its labels
        // would be smaller than LABEL in the column.
        let width =
            |g: &FamilyGoal| chart(charts, &g.chart).map_or(col, |c| readable(&c.narrow, col, w));
        for pair in v.goals.chunks(2) {
            if pair.iter().any(|g| width(g) > col) {
                for g in pair {
                    let blocks = goal(f, g, charts, w, width(g).min(w), 0.0);
                    f.columns(vec![Column {
                        x,
                        width: w,
                        blocks,
                    }]);
                    f.gap(10.0);
                }
                continue;
            }
            // The labels of the pair in one height, so that their staircases start level.
            let label_h = pair
                .iter()
                .map(|g| goal_label(f, g, col).1)
                .fold(0.0, f32::max);
            let columns = pair
                .iter()
                .enumerate()
                .map(|(i, g)| Column {
                    x: x + i as f32 * (col + GAP),
                    width: col,
                    blocks: goal(f, g, charts, col, col, label_h),
                })
                .collect();
            f.columns(columns);
            f.gap(10.0);
        }
        if !v.reached.is_empty() {
            f.heading(3, &s.get("fv_reached"), 12.0, INK, 16.0);
            for g in &v.reached {
                let mut runs = text::own(&g.title.0);
                for r in &mut runs {
                    r.weight = Weight::Bold;
                }
                runs.push(Run::new(format!(" – {}", isolate(&g.who)), Weight::Regular));
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
fn goal_label(f: &Flow, g: &FamilyGoal, col: f32) -> (Vec<super::text::Line>, f32) {
    let sc = f.s;
    let label = format!("{} · {}", isolate(&g.who), g.area_label);
    let l = f.lines(&text::plain(&label, Weight::Regular), BODY, col - 16.0 * sc);
    let h = l.len() as f32 * f.line_height(BODY) + 3.0 * sc;
    (l, h)
}

/// A goal in a column `col` wide: its icon and label (as tall as `label_h`, where that is
/// more), its staircase `pw` wide, and its steps in words, each with its number in the mark
/// the stairs give its status.
fn goal(f: &Flow, g: &FamilyGoal, charts: &[Chart], col: f32, pw: f32, label_h: f32) -> Vec<Block> {
    let sc = f.s;
    let lh = f.line_height(BODY);
    let (label, h) = goal_label(f, g, col);
    let icon = area_icon(g.area.0, &g.area_label);
    // A shorter label is set lower, so that the pair's staircases start level.
    let mut b = Vec::new();
    if label_h > h {
        b.push(Block::Gap((label_h - h) / sc));
    }
    b.push(Block::Text(Text {
        lines: label,
        size: BODY,
        color: MUTED,
        indent: 16.0,
        mark: Some((icon, 12.0 * sc)),
        after: 3.0,
        keep: true,
        role: Role::P,
    }));
    if let Some(c) = chart(charts, &g.chart) {
        b.push(Block::Picture(c.narrow.clone(), pw));
        b.push(Block::Gap(4.0));
    }
    let indent = lh * 1.3 / sc;
    for st in &g.steps {
        let mut runs = text::own(&st.text.0);
        for r in &mut runs {
            r.weight = Weight::Bold;
        }
        b.push(Block::Text(Text {
            lines: f.lines(&runs, BODY, col - indent * sc),
            size: BODY,
            color: INK,
            indent,
            mark: Some((step_mark(st.n, st.state), lh * 0.95)),
            after: 0.0,
            keep: true,
            role: Role::P,
        }));
        b.push(Block::Text(Text {
            lines: f.lines(
                &text::plain(&isolate(&st.detail), Weight::Regular),
                BODY,
                col - indent * sc,
            ),
            size: BODY,
            color: MUTED,
            indent,
            mark: None,
            after: 5.0,
            keep: false,
            role: Role::P,
        }));
    }
    b
}

/// A step's number in a circle filled and outlined as its step on the stairs.
fn step_mark(n: usize, status: crate::model::SubGoalStatus) -> Scene {
    let (fill, stroke, ink) = crate::charts::status_style(status);
    let caption = crate::draw::scene::Caption {
        title: String::new(),
        desc: String::new(),
    };
    Scene::new(
        20.0,
        20.0,
        caption,
        vec![
            Shape::Circle {
                cx: 10.0,
                cy: 10.0,
                r: 9.0,
                fill: Some(fill),
                stroke: Some(stroke),
            },
            Shape::Text {
                x: 10.0,
                y: 14.2,
                text: n.to_string(),
                size: 12.0,
                weight: Weight::Bold,
                anchor: crate::draw::scene::Anchor::Middle,
                fill: ink,
            },
        ],
    )
}

/// Between two columns (not scaled with the type: a column holds a picture's labels at
/// LABEL at full size and larger).
const GAP: f32 = 18.0;

/// How wide to print a picture meant for a column `col` wide: the column, or wider (at most
/// `full`) where its smallest label would be smaller than [`LABEL`] in it.
fn readable(scene: &Scene, col: f32, full: f32) -> f32 {
    scene.width_for_text(LABEL).clamp(col, full.max(col))
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
                        let mut r = text::plain(&format!("{}: ", isolate(&a.who)), Weight::Bold);
                        r.extend(text::own(&a.what.0));
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
                f.heading(3, t, 11.5, INK, 20.0);
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
            yy += f.part(Role::H(3), t, (cx + pad, yy, col - 2.0 * pad), 11.5, INK) + 4.0 * sc;
            f.tag(tag::open(Role::L));
            for l in items {
                f.tag(tag::open(Role::LI));
                let at = (cx + pad, yy, col - 2.0 * pad);
                yy += f.part(Role::LBody, l, at, BODY, INK) + 3.0 * sc;
                f.tag(tag::close());
            }
            f.tag(tag::close());
        }
        f.y += row;
    }
}

/// Who they are and how to reach them.
fn contact(f: &mut Flow, v: &FamilyView, s: &Strings) {
    h2(f, &s.get("fv_contact"), 30.0);
    for h in &v.makkerpar {
        let mut r = text::plain(&isolate(&h.name), Weight::Bold);
        r.push(Run::new(format!(" – {}", h.role), Weight::Regular));
        f.paragraph(&r, BODY, INK, 0.0);
    }
    if v.reach.contact.is_some() || v.reach.hours.is_some() {
        let mut r = Vec::new();
        if let Some(c) = &v.reach.contact {
            r.push(Run::new(format!("{}: ", s.get("fv_call")), Weight::Regular));
            r.push(Run::new(isolate(c), Weight::Bold));
        }
        if let Some(h) = &v.reach.hours {
            r.push(Run::new(format!(" · {}", isolate(h)), Weight::Regular));
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
            r.extend(text::own(&x.what.0).into_iter().map(|mut p| {
                p.weight = Weight::Bold;
                p
            }));
            r.push(Run::new(
                format!(" – {} · {}", isolate(&x.who), x.administration),
                Weight::Regular,
            ));
            if let Some(reason) = &x.reason {
                r.push(Run::new(" »".into(), Weight::Regular));
                r.extend(text::own(&reason.0));
                r.push(Run::new("«".into(), Weight::Regular));
            }
            if let Some(d) = &x.decided {
                r.push(Run::new(format!(" ({d})"), Weight::Regular));
            }
            f.paragraph(&r, BODY, INK, 0.0);
            f.gap(3.0);
        }
    }
}

/// Their own ratings and the network map side by side, the lifeline under the shorter of
/// the two; where the pictures are too small to read side by side, one after the other. The
/// columns go on over the pages together, a picture cut across between its parts (a
/// person's ratings, the map and its list) where a page ends.
fn ratings(f: &mut Flow, v: &FamilyView, charts: &[Chart], s: &Strings) {
    let sc = f.s;
    let w = f.width();
    let x = f.x();
    let col = (w - GAP) / 2.0;
    // A picture's width: about 200 points at full size, wider where its labels ask.
    let width = |c: &Chart| readable(&c.narrow, col.min(200.0 * sc), w);
    let height = |c: &Chart| c.narrow.height * width(c) / c.narrow.width.max(1.0);
    let cap = chart(charts, &v.capabilities);
    let net = chart(charts, &v.network);
    let title =
        |t: &str, cw: f32| Text::title(f.lines(&text::plain(t, Weight::Bold), 12.0, cw), 12.0, 3);
    let picture = |c: Option<&Chart>, t: &str, cw: f32| -> Vec<Block> {
        c.map_or_else(Vec::new, |c| {
            vec![
                Block::Gap(10.0),
                title(t, cw),
                Block::Picture(c.narrow.clone(), width(c)),
            ]
        })
    };
    let lifeline = |cw: f32| -> Vec<Block> {
        if v.lifeline.is_empty() {
            return Vec::new();
        }
        let mut b = vec![Block::Gap(10.0), title(&s.get("fv_lifeline"), cw)];
        for l in &v.lifeline {
            let mut r = text::plain(&isolate(&l.name), Weight::Bold);
            let mut rest = format!(" – {}", isolate(&l.role));
            if let Some(c) = &l.contact {
                rest.push_str(&format!(". {}: {}", s.get("contact"), isolate(c)));
            }
            if let Some(h) = &l.helps {
                rest.push_str(&format!(" ({})", isolate(h)));
            }
            r.push(Run::new(rest, Weight::Regular));
            b.push(Text::plain(f.lines(&r, BODY, cw), BODY, 3.0));
        }
        b
    };
    let (capabilities, network) = (s.get("fv_capabilities"), s.get("fv_network"));
    let columns = if cap.is_none() && net.is_none() {
        vec![Column {
            x,
            width: w,
            blocks: lifeline(w),
        }]
    } else if [cap, net].into_iter().flatten().all(|c| width(c) <= col) {
        let mut left = picture(cap, &capabilities, col);
        let mut right = picture(net, &network, col);
        if left.is_empty() {
            // The map alone: on the left, the lifeline beside it.
            std::mem::swap(&mut left, &mut right);
            right.extend(lifeline(col));
        } else {
            let shorter = if cap.map_or(0.0, height) <= net.map_or(0.0, height) {
                &mut left
            } else {
                &mut right
            };
            shorter.extend(lifeline(col));
        }
        vec![
            Column {
                x,
                width: col,
                blocks: left,
            },
            Column {
                x: x + col + GAP,
                width: col,
                blocks: right,
            },
        ]
    } else {
        let mut one = picture(cap, &capabilities, w);
        one.extend(lifeline(w));
        one.extend(picture(net, &network, w));
        vec![Column {
            x,
            width: w,
            blocks: one,
        }]
    };
    f.columns(columns);
}

/// The type scales tried, largest first, where the plan leaves room on its pages at full
/// size, and how full its pages must be at most for each to be tried.
const LARGER: [(f32, f32); 2] = [(1.2, 0.72), (1.1, 0.86)];

/// Where the plan is longer than two pages at its smallest type: how many pages it takes,
/// and its longest part with how many pages that part takes.
pub(crate) fn longest_part(
    v: &FamilyView,
    title: &str,
    charts: &[Chart],
    s: &Strings,
    fonts: &Fonts,
) -> Option<(usize, Part, f32)> {
    let faces = faces();
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0);
    f.keep = 0;
    let parts = lay_out(&mut f, v, title, charts, s);
    let pages = f.pages.len();
    if pages <= 2 {
        return None;
    }
    let room = f.room();
    parts
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, h)| (pages, p, h / room))
}

/// The family's plan as a PDF: at full size (type of 11 points) on as many pages as it
/// takes, larger where that leaves its pages emptier than [`LARGER`] says and the larger
/// type takes no more pages.
pub(crate) fn pdf(
    v: &FamilyView,
    title: &str,
    charts: &[Chart],
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    // Full size, counted: a plan of thousands of goals is not held whole to count it.
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0);
    f.keep = 2;
    lay_out(&mut f, v, title, charts, s);
    let n = f.pages.len();
    if n <= 2 {
        let full = ((n - 1) as f32 * f.room() + f.y - MARGIN) / (n as f32 * f.room());
        let mut best = f.pages;
        for (scale, most) in LARGER {
            if full > most {
                continue;
            }
            let mut g = Flow::new(&faces, &fonts.metrics, A4, MARGIN, scale);
            g.keep = n;
            lay_out(&mut g, v, title, charts, s);
            if g.pages.len() <= n {
                best = g.pages;
                break;
            }
        }
        return Doc::of_pages(fonts, A4, best, meta);
    }
    // Each page handed to the document as it is done.
    let mut doc = Doc::new(fonts);
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0);
    f.sink = Some(Box::new(|ops| doc.page(A4.0, A4.1, ops)));
    lay_out(&mut f, v, title, charts, s);
    f.finish();
    drop(f);
    doc.finish(meta)
}
