//! The team's results as a PDF (`resultater.pdf`), A4 upright, for the team leader's report:
//! the rule first, then the whole team and each year of start on pages of their own (their
//! tables' rows never split, the header row again on a new page), then what each measure is,
//! in plain Danish.

use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::Flow;
use super::text::{self, Run};
use crate::draw::palette::{INK, LINE, MUTED, PALE};
use crate::draw::paper::A4;
use crate::draw::scene::{Shape, Stroke, Weight};
use crate::views::Strings;
use crate::views::results::{ResultTable, ResultsView};

const MARGIN: f32 = 50.0;
const SIZE: f32 = 9.5;
const PAD: f32 = 4.0;

pub(crate) fn pdf(
    v: &ResultsView,
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0);
    f.heading(&s.get("results"), 20.0, INK, 40.0);
    let p = |t: &str, w| text::plain(t, w);
    f.paragraph(
        &p(
            &format!("{} {}", s.get("results_for"), v.date),
            Weight::Regular,
        ),
        11.0,
        MUTED,
        0.0,
    );
    f.gap(4.0);
    f.paragraph(&p(&s.get("results_intro"), Weight::Regular), 10.0, INK, 0.0);
    f.gap(4.0);
    f.paragraph(&p(&v.rule, Weight::Bold), 10.0, INK, 0.0);
    for (i, g) in v.groups.iter().enumerate() {
        if i > 0 {
            f.new_page();
        } else {
            f.gap(12.0);
        }
        f.heading(&g.title, 16.0, INK, 60.0);
        f.paragraph(&p(&g.summary, Weight::Regular), 10.0, MUTED, 0.0);
        for tb in &g.tables {
            table(&mut f, tb);
        }
        let trin = ResultTable {
            title: s.get("board_time_in_trin"),
            head: vec![
                s.get("trin"),
                s.get("board_col_mean"),
                s.get("board_col_stays"),
                s.get("board_col_families"),
            ],
            rows: g
                .time_in_trin
                .iter()
                .map(|x| {
                    vec![
                        format!("{} {}", x.trin, x.name),
                        x.mean.clone(),
                        x.stays.to_string(),
                        x.families.to_string(),
                    ]
                })
                .collect(),
            numeric: vec![false, true, true, true],
            note: None,
        };
        table(&mut f, &trin);
    }
    f.new_page();
    f.heading(&s.get("results_about"), 16.0, INK, 60.0);
    for (title, about) in &v.about {
        f.gap(4.0);
        f.heading(title, 11.0, INK, 30.0);
        f.paragraph(&p(about, Weight::Regular), 10.0, INK, 0.0);
    }
    let mut doc = Doc::new(fonts);
    for ops in f.pages {
        doc.page(A4.0, A4.1, ops);
    }
    doc.finish(meta)
}

/// A table's title and note, then its rows: the first column takes what the others leave, a
/// number stands at the right of its cell; a row is never split, and the header row is drawn
/// again at the top of a new page.
fn table(f: &mut Flow, tb: &ResultTable) {
    f.gap(10.0);
    f.heading(&tb.title, 12.0, INK, 70.0);
    if let Some(n) = &tb.note {
        f.paragraph(&text::plain(n, Weight::Regular), 9.0, MUTED, 0.0);
        f.gap(2.0);
    }
    if tb.rows.is_empty() {
        return;
    }
    let full = f.width();
    let n = tb.head.len();
    // A numeric column is as wide as its widest cell asks, text columns share the rest.
    let need = |j: usize| {
        std::iter::once(&tb.head[j])
            .chain(tb.rows.iter().filter_map(|r| r.get(j)))
            .map(|c| f.m.width(c, SIZE, Weight::Bold))
            .fold(0.0, f32::max)
            + 2.0 * PAD
    };
    let mut widths: Vec<f32> = (0..n)
        .map(|j| {
            if tb.numeric.get(j) == Some(&true) {
                need(j).clamp(40.0, 90.0)
            } else {
                0.0
            }
        })
        .collect();
    let text_cols = (0..n).filter(|j| widths[*j] == 0.0).count().max(1) as f32;
    let left = full - widths.iter().sum::<f32>();
    for w in widths.iter_mut().filter(|w| **w == 0.0) {
        *w = left / text_cols;
    }
    let layout = |f: &Flow, cells: &[String], bold: bool| {
        let lines: Vec<_> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(j, (c, w))| {
                let weight = if bold || j == 0 {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                f.lines(&[Run::new(c.clone(), weight)], SIZE, w - 2.0 * PAD)
            })
            .collect();
        let h = lines
            .iter()
            .map(|l| f.line_height(SIZE) * l.len() as f32)
            .fold(0.0, f32::max)
            + 2.0 * PAD;
        (lines, h)
    };
    let x0 = f.x();
    let draw = |f: &mut Flow, cells: &[String], header: bool| {
        let (lines, h) = layout(f, cells, header);
        let y = f.y;
        if header {
            f.shapes(vec![Shape::Rect {
                x: x0,
                y,
                w: full,
                h,
                r: 0.0,
                fill: Some(PALE),
                stroke: None,
            }]);
        }
        let mut cx = x0;
        for (j, (l, w)) in lines.iter().zip(&widths).enumerate() {
            let inner = w - 2.0 * PAD;
            let x = if tb.numeric.get(j) == Some(&true) && l.len() == 1 {
                let weight = if header {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                let used = f.m.width(&cells[j], SIZE, weight);
                cx + PAD + (inner - used).max(0.0)
            } else {
                cx + PAD
            };
            let color = if header { MUTED } else { INK };
            f.put(l, (x, y + PAD, inner), SIZE, color);
            cx += w;
        }
        f.shapes(vec![Shape::Line {
            x1: x0,
            y1: y + h,
            x2: x0 + full,
            y2: y + h,
            stroke: Stroke::solid(LINE, 0.6),
        }]);
        f.y += h;
    };
    let first = tb.rows.first().map_or(0.0, |r| layout(f, r, false).1);
    f.need(layout(f, &tb.head, true).1 + first);
    draw(f, &tb.head, true);
    for r in &tb.rows {
        let h = layout(f, r, false).1;
        let page = f.page();
        f.need(h);
        if f.page() != page {
            draw(f, &tb.head, true);
        }
        draw(f, r, false);
    }
}
