//! The team's board as a PDF (`tavle.pdf`), A4 landscape: the seven columns of cards on the
//! first page (more pages if a column runs over, the heads repeated), then the meetings and
//! deadlines and the team's figures. The flags have the marks they have on screen, so they
//! read in black and white.

use super::compact::Compact;
use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::Flow;
use super::text::{self, Align, Run};
use crate::draw::font::Metrics;
use crate::draw::palette::{ACCENT, ACCENT_SOFT, INK, LINE, MUTED, RED, WHITE};
use crate::draw::pdf::{Faces, draw_shapes};
use crate::draw::scene::{Color, PathOp, Shape, Stroke, Weight};
use crate::views::Strings;
use crate::views::board::{BoardView, Card, Column, Count};
use printpdf::Op;

use crate::draw::paper::A4_LANDSCAPE as LANDSCAPE;
const MARGIN: f32 = 28.0;
const GAP: f32 = 6.0;
const PAD: f32 = 5.0;
const SMALL: f32 = 7.5;
use crate::draw::palette::AMBER_TEXT;

/// A flag's mark at (x, y), `d` across.
fn mark(kind: &str, x: f32, y: f32, d: f32) -> Vec<Shape> {
    let r = d / 2.0;
    match kind {
        "opfoelgning" => vec![Shape::Circle {
            cx: x + r,
            cy: y + r,
            r,
            fill: Some(RED),
            stroke: None,
        }],
        "delmaal" => vec![Shape::Rect {
            x,
            y,
            w: d,
            h: d,
            r: 0.0,
            fill: Some(WHITE),
            stroke: Some(Stroke::solid(RED, 1.2)),
        }],
        "aftale" => vec![Shape::Path {
            ops: vec![
                PathOp::Move(x + r, y),
                PathOp::Line(x + d, y + r),
                PathOp::Line(x + r, y + d),
                PathOp::Line(x, y + r),
                PathOp::Close,
            ],
            fill: Some(RED),
            stroke: None,
        }],
        _ => {
            // Consent: a box struck through.
            vec![
                Shape::Rect {
                    x,
                    y,
                    w: d,
                    h: d,
                    r: 0.0,
                    fill: Some(WHITE),
                    stroke: Some(Stroke::solid(AMBER_TEXT, 1.2)),
                },
                Shape::Line {
                    x1: x,
                    y1: y + d,
                    x2: x + d,
                    y2: y,
                    stroke: Stroke::solid(AMBER_TEXT, 1.2),
                },
            ]
        }
    }
}

/// The page of columns being drawn, each drawing compacted as it is added.
struct Sheet<'a> {
    faces: &'a Faces,
    m: &'a Metrics,
    ops: Vec<Op>,
    compact: Compact,
    drawn: Vec<Op>,
}

impl Sheet<'_> {
    fn draw(&mut self, draw: impl FnOnce(&mut Vec<Op>, &Faces, &Metrics)) {
        draw(&mut self.drawn, self.faces, self.m);
        for op in self.drawn.drain(..) {
            self.compact.push(&mut self.ops, op);
        }
    }

    /// The page as drawn; the sheet is blank again.
    fn take(&mut self) -> Vec<Op> {
        let mut ops = std::mem::take(&mut self.ops);
        std::mem::take(&mut self.compact).finish(&mut ops);
        ops
    }

    fn shapes(&mut self, shapes: Vec<Shape>) {
        self.draw(|ops, faces, m| draw_shapes(ops, shapes, LANDSCAPE.1, faces, m));
    }

    /// Text at (x, y), `w` wide; returns its height.
    fn text(&mut self, runs: &[Run], (x, y, w): (f32, f32, f32), size: f32, color: Color) -> f32 {
        let lines = text::wrap(runs, size, w, self.m);
        let leading = size * super::flow::LEADING;
        let mut h = 0.0;
        self.draw(|ops, faces, m| {
            h = text::draw(
                ops,
                faces,
                m,
                LANDSCAPE.1,
                &lines,
                (x, y, w),
                size,
                leading,
                Align::Start,
                color,
            )
        });
        h
    }

    fn height(&self, runs: &[Run], size: f32, w: f32) -> f32 {
        text::wrap(runs, size, w, self.m).len() as f32 * size * super::flow::LEADING
    }
}

/// A card's lines: (runs, size, colour, flag kind).
fn card_lines(c: &Card, s: &Strings) -> Vec<CardLine> {
    let mut v = vec![
        (text::plain(&c.name, Weight::Bold), 9.0, INK, None),
        (text::plain(&c.pair, Weight::Regular), SMALL, MUTED, None),
    ];
    let mut status = c.status_label.clone();
    if let (Some(since), Some(w)) = (&c.since, c.weeks_on_trin) {
        status = format!(
            "{status} · {} {since} ({w} {})",
            s.get("board_since"),
            s.get("board_weeks")
        );
    }
    v.push((text::plain(&status, Weight::Regular), SMALL, MUTED, None));
    if let Some(m) = &c.next_meeting {
        let t = format!("{}: {m}", s.get("board_next_meeting"));
        v.push((text::plain(&t, Weight::Regular), SMALL, MUTED, None));
    }
    for f in &c.flags {
        v.push((
            text::plain(&f.text, Weight::Regular),
            SMALL,
            INK,
            Some(f.kind),
        ));
    }
    v
}

/// The page's measures: the columns' width and the card's inner width.
struct Grid {
    w: f32,
    bottom: f32,
    col: f32,
    inner: f32,
}

impl Grid {
    fn new() -> Grid {
        let w = LANDSCAPE.0 - 2.0 * MARGIN;
        let col = (w - 6.0 * GAP) / 7.0;
        Grid {
            w,
            bottom: LANDSCAPE.1 - MARGIN,
            col,
            inner: col - 2.0 * PAD,
        }
    }
}

pub(crate) fn pdf(
    v: &BoardView,
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let mut doc = Doc::new(fonts);
    columns(&mut doc, v, s, &faces, &fonts.metrics);
    // Then the meetings and deadlines, and the figures.
    let mut f = Flow::new(&faces, &fonts.metrics, LANDSCAPE, MARGIN + 8.0, 1.0);
    weeks(&mut f, v, s);
    f.gap(10.0);
    f.heading(&s.get("board_figures"), 14.0, INK, 40.0);
    for (k, val) in figures(v, s) {
        let mut r = text::plain(&format!("{k}: "), Weight::Bold);
        r.push(Run::new(val, Weight::Regular));
        f.paragraph(&r, 9.5, INK, 0.0);
    }
    for ops in f.pages {
        doc.page(LANDSCAPE.0, LANDSCAPE.1, ops);
    }
    doc.finish(meta)
}

/// The pages of columns. Page by page, each column going on from the card it stopped at on the
/// page before: a page is finished and handed to the document before the next is begun, so the
/// board of thousands of families is never held whole as drawing operations.
fn columns(doc: &mut Doc, v: &BoardView, s: &Strings, faces: &Faces, m: &Metrics) {
    let g = Grid::new();
    let mut sh = Sheet {
        faces,
        m,
        ops: Vec::new(),
        compact: Compact::default(),
        drawn: Vec::new(),
    };
    let mut next = vec![0; v.columns.len()];
    for page in 0.. {
        let left = |ci: usize| next[ci] < v.columns[ci].cards.len();
        if page > 0 && !(0..v.columns.len()).any(left) {
            break;
        }
        let top = head(&mut sh, v, s, &g);
        for (ci, c) in v.columns.iter().enumerate() {
            if page > 0 && next[ci] >= c.cards.len() {
                continue;
            }
            let x = MARGIN + ci as f32 * (g.col + GAP);
            let mut y = column_top(&mut sh, s, &g, c, x, top);
            if c.cards.is_empty() {
                sh.text(
                    &text::plain(&s.get("board_empty"), Weight::Regular),
                    (x + PAD, y, g.inner),
                    SMALL,
                    MUTED,
                );
            }
            let mut first = true;
            while let Some(card) = c.cards.get(next[ci]) {
                let lines = card_lines(card, s);
                let h = card_height(&sh, &g, &lines);
                // A card taller than a page is drawn anyway, running over its foot.
                if y + h > g.bottom - PAD && !first {
                    break;
                }
                first = false;
                draw_card(&mut sh, &g, card, &lines, (x, y, h));
                y += h + 4.0;
                next[ci] += 1;
            }
        }
        doc.page(LANDSCAPE.0, LANDSCAPE.1, sh.take());
    }
}

/// The head of every page of columns: the title, the day and the count of each flag; returns
/// where the columns start.
fn head(sh: &mut Sheet, v: &BoardView, s: &Strings, g: &Grid) -> f32 {
    let mut y = MARGIN;
    let title = format!("{} – {} {}", s.get("board"), s.get("board_for"), v.date);
    y += sh.text(
        &text::plain(&title, Weight::Bold),
        (MARGIN, y, g.w),
        15.0,
        INK,
    ) + 4.0;
    let mut x = MARGIN;
    for k in &v.flag_counts {
        sh.shapes(mark(k.kind, x, y + 1.5, 7.0));
        let t = format!("{}: {}", k.label, k.count);
        let tw = sh.m.width(&t, 8.5, Weight::Regular);
        sh.text(
            &text::plain(&t, Weight::Regular),
            (x + 10.0, y, tw + 2.0),
            8.5,
            INK,
        );
        x += tw + 26.0;
    }
    y + 16.0
}

/// A column's head at `x`, below the page's head at `top`; returns where its cards start.
fn column_top(sh: &mut Sheet, s: &Strings, g: &Grid, c: &Column, x: f32, top: f32) -> f32 {
    sh.shapes(vec![Shape::Rect {
        x,
        y: top,
        w: g.col,
        h: g.bottom - top,
        r: 4.0,
        fill: Some(ACCENT_SOFT),
        stroke: None,
    }]);
    let mut y = top + PAD;
    let t = format!("{} {}", s.get("trin"), c.trin);
    y += sh.text(
        &text::plain(&t, Weight::Bold),
        (x + PAD, y, g.inner),
        10.0,
        ACCENT,
    );
    y += sh.text(
        &text::plain(&c.name, Weight::Regular),
        (x + PAD, y, g.inner),
        SMALL,
        MUTED,
    );
    y + 4.0
}

type CardLine = (Vec<Run>, f32, Color, Option<&'static str>);

/// The width of a flag's text, beside its mark.
fn flag_width(g: &Grid) -> f32 {
    g.inner - 2.0 * PAD - 9.0
}

fn card_height(sh: &Sheet, g: &Grid, lines: &[CardLine]) -> f32 {
    2.0 * PAD
        + lines
            .iter()
            .map(|(r, size, _, flag)| {
                let w = if flag.is_some() {
                    flag_width(g)
                } else {
                    g.inner - 2.0 * PAD
                };
                sh.height(r, *size, w) + 1.5
            })
            .sum::<f32>()
}

/// A card at (x, y), `h` high: its frame (red when flagged), then its lines.
fn draw_card(
    sh: &mut Sheet,
    g: &Grid,
    card: &Card,
    lines: &[CardLine],
    (x, y, h): (f32, f32, f32),
) {
    let edge = if card.flags.is_empty() { LINE } else { RED };
    sh.shapes(vec![Shape::Rect {
        x: x + PAD,
        y,
        w: g.inner,
        h,
        r: 3.0,
        fill: Some(WHITE),
        stroke: Some(Stroke::solid(
            edge,
            if card.flags.is_empty() { 0.6 } else { 1.2 },
        )),
    }]);
    let mut yy = y + PAD;
    for (runs, size, color, flag) in lines {
        let tx = x + 2.0 * PAD;
        match flag {
            Some(kind) => {
                sh.shapes(mark(kind, tx, yy + 1.0, 6.0));
                yy += sh.text(runs, (tx + 9.0, yy, flag_width(g)), *size, *color) + 1.5;
            }
            None => yy += sh.text(runs, (tx, yy, g.inner - 2.0 * PAD), *size, *color) + 1.5,
        }
    }
}

/// The meetings and deadlines, week by week.
fn weeks(f: &mut Flow, v: &BoardView, s: &Strings) {
    f.heading(&s.get("board_weeks_title"), 14.0, INK, 40.0);
    for wk in &v.weeks {
        f.heading(&wk.title, 11.0, ACCENT, 20.0);
        if wk.items.is_empty() {
            f.paragraph(
                &text::plain(&s.get("board_nothing"), Weight::Regular),
                9.0,
                MUTED,
                0.0,
            );
        }
        for d in &wk.items {
            let mut r = text::plain(&format!("{}  ", d.date), Weight::Bold);
            r.push(Run::new(
                format!("{} – {}", d.family, d.what),
                Weight::Regular,
            ));
            f.paragraph(&r, 9.0, INK, 0.0);
        }
    }
}

/// The team's figures as (label, value) lines.
fn figures(v: &BoardView, s: &Strings) -> Vec<(String, String)> {
    let fig = &v.figures;
    let join = |items: Vec<String>| items.join(" · ");
    let counts = |cs: &[Count]| {
        join(
            cs.iter()
                .map(|c| format!("{}: {}", c.label, c.count))
                .collect(),
        )
    };
    let mut rows: Vec<(String, String)> = vec![
        (s.get("board_by_status"), counts(&fig.by_status)),
        (s.get("board_by_trin"), counts(&fig.by_trin)),
        (
            s.get("board_time_in_trin"),
            join(
                fig.time_in_trin
                    .iter()
                    .filter_map(|t| {
                        t.months.as_ref().map(|m| {
                            format!(
                                "{} {}: {m} {} ({})",
                                t.trin,
                                t.name,
                                s.get("board_months"),
                                t.stays
                            )
                        })
                    })
                    .collect(),
            ),
        ),
    ];
    let who5 = match &fig.who5.mean_change {
        Some(m) => format!(
            "{} {m} {} ({} {}); {} {} {} {}",
            s.get("board_who5_mean"),
            s.get("board_who5_points"),
            fig.who5.people,
            s.get("board_adults"),
            s.get("board_who5_out"),
            fig.who5.out_of_risk,
            s.get("board_of"),
            fig.who5.at_risk_start
        ),
        None => s.get("board_no_figures"),
    };
    rows.push(("WHO-5".into(), who5));
    let mut emp = format!(
        "{} {} {} {}",
        fig.employment.changes.len(),
        s.get("board_of"),
        fig.employment.known,
        s.get("board_employment_changed")
    );
    for c in &fig.employment.changes {
        emp.push_str(&format!("; {}, {}: {} → {}", c.family, c.who, c.from, c.to));
    }
    rows.push((s.get("board_employment"), emp));
    rows.push((
        s.get("board_funds"),
        format!(
            "{} {} {} kr. ({} %)",
            fig.funds.used,
            s.get("board_of"),
            fig.funds.budget,
            fig.funds.percent
        ),
    ));
    rows
}
