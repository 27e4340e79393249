//! The team's board as a PDF (`tavle.pdf`), A4 landscape: the seven columns of cards on the
//! first page (more pages if a column runs over, the heads repeated), then the meetings and
//! deadlines and the team's figures. The flags have the marks they have on screen, so they
//! read in black and white.

use super::compact::Compact;
use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::Flow;
use super::tag::{self, Role};
use super::text::{self, Align, Line, Run};
use crate::draw::font::Metrics;
use crate::draw::palette::{ACCENT, ACCENT_SOFT, INK, LINE, MUTED, RED, WHITE};
use crate::draw::pdf::{Faces, draw_shapes};
use crate::draw::scene::{Color, PathOp, Shape, Stroke, Weight};
use crate::views::Strings;
use crate::views::board::{BoardView, Card, Column};
use printpdf::Op;

use crate::draw::paper::A4_LANDSCAPE as LANDSCAPE;
const MARGIN: f32 = 28.0;
const GAP: f32 = 6.0;
const PAD: f32 = 5.0;
/// The board's smallest type: staff read it at arm's length or on a projector.
const SMALL: f32 = 9.0;
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

    /// A marker of the structure ([`tag`]).
    fn tag(&mut self, op: Op) {
        self.compact.push(&mut self.ops, op);
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
                Align::START,
                color,
            )
        });
        h
    }

    /// Lines already broken, at (x, y), `w` wide.
    fn lines(&mut self, lines: &[Line], (x, y, w): (f32, f32, f32), size: f32, color: Color) {
        let leading = size * super::flow::LEADING;
        self.draw(|ops, faces, m| {
            text::draw(
                ops,
                faces,
                m,
                LANDSCAPE.1,
                lines,
                (x, y, w),
                size,
                leading,
                Align::START,
                color,
            );
        });
    }
}

/// A card's lines: (runs, size, colour, flag kind).
fn card_lines(c: &Card, s: &Strings) -> Vec<(Vec<Run>, f32, Color, Option<&'static str>)> {
    let mut v = vec![
        (text::plain(&c.name, Weight::Bold), 10.5, INK, None),
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

/// The page's measures: where each column stands and how wide it is. A column without
/// families is narrow, so that the others have room for long words.
struct Grid {
    w: f32,
    bottom: f32,
    /// Each column's left edge and width.
    cols: Vec<(f32, f32)>,
}

/// The width of a column without families: room for its head.
const EMPTY: f32 = 64.0;

impl Grid {
    fn new(v: &BoardView) -> Grid {
        let w = LANDSCAPE.0 - 2.0 * MARGIN;
        let n = v.columns.len().max(1);
        let empty = v.columns.iter().filter(|c| c.cards.is_empty()).count();
        let full = n - empty;
        let gaps = (n - 1) as f32 * GAP;
        let wide = if full == 0 {
            (w - gaps) / n as f32
        } else {
            (w - gaps - empty as f32 * EMPTY) / full as f32
        };
        let mut x = MARGIN;
        let cols = v
            .columns
            .iter()
            .map(|c| {
                let cw = if c.cards.is_empty() && full > 0 {
                    EMPTY
                } else {
                    wide
                };
                let at = (x, cw);
                x += cw + GAP;
                at
            })
            .collect();
        Grid {
            w,
            bottom: LANDSCAPE.1 - MARGIN,
            cols,
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
    f.heading(2, &s.get("board_figures"), 14.0, INK, 40.0);
    let fig = &v.figures;
    f.paragraph(&text::plain(&fig.rule, Weight::Regular), 9.0, MUTED, 0.0);
    // "1 familie", "3 familier"; "1 afsluttet ophold", "3 afsluttede ophold".
    let count = |key: &str, n: usize| {
        let key = if n == 1 {
            format!("{key}_1")
        } else {
            format!("{key}_n")
        };
        s.fill(&key, &[("n", &n.to_string())])
    };
    // "Label: value (why not, how many)".
    let line = |f: &mut Flow, label: &str, value: &str, note: &Option<String>, counts: String| {
        let mut p = text::plain(&format!("{label}: "), Weight::Bold);
        let note = note.as_ref().map(|n| format!("{n}, ")).unwrap_or_default();
        p.push(Run::new(
            format!("{value} ({note}{counts})"),
            Weight::Regular,
        ));
        f.paragraph(&p, 9.5, INK, 0.0);
    };
    let small = |f: &mut Flow, t: &str, indent: f32| {
        f.paragraph(&text::plain(t, Weight::Regular), 8.5, MUTED, indent);
    };
    for r in &fig.rows {
        line(
            &mut f,
            &r.label,
            &r.value,
            &r.note,
            count("board_families", r.families),
        );
        small(&mut f, &r.about, 10.0);
    }
    f.gap(4.0);
    f.paragraph(
        &text::plain(&s.get("board_time_in_trin"), Weight::Bold),
        9.5,
        INK,
        0.0,
    );
    small(&mut f, &fig.time_about, 0.0);
    for x in &fig.time_in_trin {
        let counts = format!(
            "{}, {}",
            count("board_stays", x.stays),
            count("board_families", x.families)
        );
        line(
            &mut f,
            &format!("{} {}", x.trin, x.name),
            &x.mean,
            &x.note,
            counts,
        );
    }
    for ops in f.pages {
        doc.page(LANDSCAPE.0, LANDSCAPE.1, ops);
    }
    doc.finish(meta)
}

/// Where a column goes on from on the next page: its card, and the row of that card.
#[derive(Clone, Copy, Default)]
struct Resume {
    card: usize,
    row: usize,
}

/// The pages of columns. Page by page, each column going on from where it stopped on the page
/// before, a card too tall for what is left of its column going on at the top of the next
/// page under "(fortsat)": nothing is drawn below the page's foot. A page is finished and
/// handed to the document before the next is begun, so the board of thousands of families is
/// never held whole as drawing operations.
fn columns(doc: &mut Doc, v: &BoardView, s: &Strings, faces: &Faces, m: &Metrics) {
    let g = Grid::new(v);
    let mut sh = Sheet {
        faces,
        m,
        ops: Vec::new(),
        compact: Compact::default(),
        drawn: Vec::new(),
    };
    let mut at = vec![Resume::default(); v.columns.len()];
    // Each column is a part read whole, and each card one inside it, though both go on
    // over the pages beside the others.
    let column_key = |ci: usize| ci << 32;
    let card_key = |ci: usize, card: usize| (ci << 32) + card + 1;
    for page in 0.. {
        let left = |ci: usize| at[ci].card < v.columns[ci].cards.len();
        if page > 0 && !(0..v.columns.len()).any(left) {
            break;
        }
        let top = head(&mut sh, v, s, &g, page > 0);
        for (ci, c) in v.columns.iter().enumerate() {
            if page > 0 && at[ci].card >= c.cards.len() {
                continue;
            }
            let (x, cw) = g.cols[ci];
            if page == 0 {
                sh.tag(tag::keyed(Role::Sect, column_key(ci)));
            } else {
                sh.tag(tag::enter(column_key(ci)));
            }
            let mut y = column_top(&mut sh, s, &g, c, (x, cw), top, page > 0);
            if c.cards.is_empty() {
                sh.text(
                    &text::plain(&s.get("board_empty"), Weight::Regular),
                    (x + PAD, y, cw - 2.0 * PAD),
                    SMALL,
                    MUTED,
                );
            }
            let mut first = true;
            while let Some(card) = c.cards.get(at[ci].card) {
                let rows = card_rows(card, s, cw, m);
                let labels = Labels::new(card, s, cw, m);
                let from = at[ci].row;
                let room = g.bottom - PAD - y;
                let whole = chunk_height(&rows[from..], &labels, (from > 0, false));
                let key = card_key(ci, at[ci].card);
                if whole <= room {
                    let flags = (from > 0, false);
                    sh.tag(part(key, from > 0));
                    draw_card(&mut sh, card, &rows[from..], &labels, (x, y, cw), flags);
                    sh.tag(tag::close());
                    y += whole + 4.0;
                    at[ci] = Resume {
                        card: at[ci].card + 1,
                        row: 0,
                    };
                    first = false;
                    continue;
                }
                // The card does not fit what is left. One that would fit a fresh column waits
                // for the next page; one taller than that is split here, with at least one
                // row on each page.
                let fresh = g.bottom - PAD - (top + COLUMN_HEAD);
                if !first && whole <= fresh {
                    break;
                }
                let mut to = from;
                while to < rows.len()
                    && chunk_height(&rows[from..=to], &labels, (from > 0, true)) <= room
                {
                    to += 1;
                }
                if to == from {
                    // Not one row fits below the cards above it: the card starts the next
                    // page's column. At the top of a column a row always fits.
                    if !first {
                        break;
                    }
                    to = from + 1;
                }
                let split = to < rows.len();
                let flags = (from > 0, split);
                sh.tag(part(key, from > 0));
                draw_card(&mut sh, card, &rows[from..to], &labels, (x, y, cw), flags);
                sh.tag(tag::close());
                at[ci] = if split {
                    Resume {
                        card: at[ci].card,
                        row: to,
                    }
                } else {
                    Resume {
                        card: at[ci].card + 1,
                        row: 0,
                    }
                };
                break;
            }
            sh.tag(tag::close());
        }
        doc.page(LANDSCAPE.0, LANDSCAPE.1, sh.take());
    }
}

/// The start of a card's part of the structure, or the way back into it where it goes on.
fn part(key: usize, continued: bool) -> Op {
    if continued {
        tag::enter(key)
    } else {
        tag::keyed(Role::Sect, key)
    }
}

/// The head of every page of columns: the title, the day and the count of each flag; returns
/// where the columns start. Read once: `again` on the pages after the first.
fn head(sh: &mut Sheet, v: &BoardView, s: &Strings, g: &Grid, again: bool) -> f32 {
    let mut y = MARGIN;
    let title = format!("{} – {} {}", s.get("board"), s.get("board_for"), v.date);
    sh.tag(if again {
        tag::artifact()
    } else {
        tag::open(Role::H(1))
    });
    y += sh.text(
        &text::plain(&title, Weight::Bold),
        (MARGIN, y, g.w),
        15.0,
        INK,
    ) + 4.0;
    sh.tag(tag::close());
    sh.tag(if again {
        tag::artifact()
    } else {
        tag::open(Role::L)
    });
    let mut x = MARGIN;
    for k in &v.flag_counts {
        sh.shapes(mark(k.kind, x, y + 1.5, 8.0));
        let t = format!("{}: {}", k.label, k.count);
        let tw = sh.m.width(&t, SMALL, Weight::Regular);
        sh.tag(tag::open(Role::LI));
        sh.tag(tag::open(Role::LBody));
        sh.text(
            &text::plain(&t, Weight::Regular),
            (x + 11.0, y, tw + 2.0),
            SMALL,
            INK,
        );
        sh.tag(tag::close());
        sh.tag(tag::close());
        x += tw + 28.0;
    }
    sh.tag(tag::close());
    y + 18.0
}

/// The most a column's head takes (its trin and name on two lines each), so that a card is
/// only split when it would not fit a fresh column either.
const COLUMN_HEAD: f32 =
    2.0 * PAD + 2.0 * 11.0 * super::flow::LEADING + 2.0 * SMALL * super::flow::LEADING + 4.0;

/// A column's head at `x`, `w` wide, below the page's head at `top`; returns where its cards
/// start.
fn column_top(
    sh: &mut Sheet,
    s: &Strings,
    g: &Grid,
    c: &Column,
    (x, w): (f32, f32),
    top: f32,
    again: bool,
) -> f32 {
    sh.shapes(vec![Shape::Rect {
        x,
        y: top,
        w,
        h: g.bottom - top,
        r: 4.0,
        fill: Some(ACCENT_SOFT),
        stroke: None,
    }]);
    let mut y = top + PAD;
    let inner = w - 2.0 * PAD;
    // The trin and its name, one heading.
    let t = format!("{} {}", s.get("trin"), c.trin);
    sh.tag(if again {
        tag::artifact()
    } else {
        tag::open(Role::H(2))
    });
    y += sh.text(
        &text::plain(&t, Weight::Bold),
        (x + PAD, y, inner),
        11.0,
        ACCENT,
    );
    y += sh.text(
        &text::plain(&c.name, Weight::Regular),
        (x + PAD, y, inner),
        SMALL,
        MUTED,
    );
    sh.tag(tag::close());
    y + 4.0
}

/// One line of a card as set: its text, size and colour, the flag whose mark stands before
/// it (on a flag's first line), whether it is indented as a flag's text is, and its height
/// with the space after it.
struct Row {
    line: Line,
    size: f32,
    color: Color,
    mark: Option<&'static str>,
    indent: bool,
    h: f32,
    /// Which of the card's lines ([`card_lines`]) it is part of: the first is its name.
    entry: usize,
}

/// The space before a flag's text, for its mark.
const MARK: f32 = 11.0;

/// A card's lines, each broken to the column's width.
fn card_rows(card: &Card, s: &Strings, col: f32, m: &Metrics) -> Vec<Row> {
    let inner = col - 4.0 * PAD;
    let mut rows = Vec::new();
    for (entry, (runs, size, color, flag)) in card_lines(card, s).into_iter().enumerate() {
        let w = if flag.is_some() { inner - MARK } else { inner };
        let lines = text::wrap(&runs, size, w, m);
        let n = lines.len();
        for (k, line) in lines.into_iter().enumerate() {
            rows.push(Row {
                line,
                size,
                color,
                mark: if k == 0 { flag } else { None },
                indent: flag.is_some(),
                h: size * super::flow::LEADING + if k + 1 == n { 1.5 } else { 0.0 },
                entry,
            });
        }
    }
    rows
}

/// The words over a card that goes on from the page before ("Familien Holm (fortsat)") and
/// under one that goes on to the next, broken to the column's width.
struct Labels {
    continued: Vec<Line>,
    continues: Vec<Line>,
}

impl Labels {
    fn new(card: &Card, s: &Strings, col: f32, m: &Metrics) -> Labels {
        let inner = col - 4.0 * PAD;
        let lines = |t: String| text::wrap(&text::plain(&t, Weight::Regular), SMALL, inner, m);
        Labels {
            continued: lines(format!("{} ({})", card.name, s.get("continued"))),
            continues: lines(format!("{} …", s.get("continues_next_page"))),
        }
    }

    fn height(lines: &[Line]) -> f32 {
        lines.len() as f32 * SMALL * super::flow::LEADING + 1.5
    }
}

/// The height of a card's rows in their frame, with the label above when it goes on from the
/// page before and the one below when it goes on to the next.
fn chunk_height(rows: &[Row], labels: &Labels, (continued, continues): (bool, bool)) -> f32 {
    2.0 * PAD
        + rows.iter().map(|r| r.h).sum::<f32>()
        + if continued {
            Labels::height(&labels.continued)
        } else {
            0.0
        }
        + if continues {
            Labels::height(&labels.continues)
        } else {
            0.0
        }
}

/// A card's `rows` at (x, y) in a column `w` wide: its frame (red when flagged), then the
/// rows, under "(fortsat)" when it goes on from the page before and above "fortsættes …"
/// when it goes on to the next.
fn draw_card(
    sh: &mut Sheet,
    card: &Card,
    rows: &[Row],
    labels: &Labels,
    (x, y, w): (f32, f32, f32),
    (continued, continues): (bool, bool),
) {
    let h = chunk_height(rows, labels, (continued, continues));
    let edge = if card.flags.is_empty() { LINE } else { RED };
    sh.shapes(vec![Shape::Rect {
        x: x + PAD,
        y,
        w: w - 2.0 * PAD,
        h,
        r: 3.0,
        fill: Some(WHITE),
        stroke: Some(Stroke::solid(
            edge,
            if card.flags.is_empty() { 0.6 } else { 1.2 },
        )),
    }]);
    let tx = x + 2.0 * PAD;
    let inner = w - 4.0 * PAD;
    let mut yy = y + PAD;
    if continued {
        // Said for the eye: the card's part goes on in the structure.
        sh.tag(tag::artifact());
        sh.lines(&labels.continued, (tx, yy, inner), SMALL, MUTED);
        sh.tag(tag::close());
        yy += Labels::height(&labels.continued);
    }
    // Each of the card's lines a part: its name a heading, the others paragraphs.
    let mut entry = None;
    for r in rows {
        if entry != Some(r.entry) {
            if entry.is_some() {
                sh.tag(tag::close());
            }
            entry = Some(r.entry);
            sh.tag(tag::open(if r.entry == 0 { Role::H(3) } else { Role::P }));
        }
        let (lx, lw) = if r.indent {
            (tx + MARK, inner - MARK)
        } else {
            (tx, inner)
        };
        if let Some(kind) = r.mark {
            sh.shapes(mark(kind, tx, yy + 1.5, 7.0));
        }
        sh.lines(std::slice::from_ref(&r.line), (lx, yy, lw), r.size, r.color);
        yy += r.h;
    }
    if entry.is_some() {
        sh.tag(tag::close());
    }
    if continues {
        sh.tag(tag::artifact());
        sh.lines(&labels.continues, (tx, yy, inner), SMALL, MUTED);
        sh.tag(tag::close());
    }
}

/// The meetings and deadlines, week by week.
fn weeks(f: &mut Flow, v: &BoardView, s: &Strings) {
    f.heading(2, &s.get("board_weeks_title"), 14.0, INK, 40.0);
    for wk in &v.weeks {
        f.heading(3, &wk.title, 11.0, ACCENT, 20.0);
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
