//! A family's measures as a PDF for the staff (`familier/<slug>/maalinger.pdf`), A4 upright:
//! each chart of the staff's plan's measures (support, WHO-5, SDQ and its five scales,
//! functioning level, capabilities) under its title, cut between its parts where a page ends,
//! and its numbers as a table under it. Never handed to the family: the family's own pages
//! show none of these measures but the capabilities.

use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::{Block, Column, Flow, Text};
use super::text;
use crate::charts::Chart;
use crate::draw::palette::{INK, MUTED};
use crate::draw::paper::A4;
use crate::draw::scene::Weight;
use crate::views::Strings;

const MARGIN: f32 = 40.0;

/// `title` names the family; `date` is the day the measures are drawn up to, in words.
pub(crate) fn pdf(
    charts: &[&Chart],
    title: &str,
    date: &str,
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0);
    f.heading(1, title, 20.0, INK, 40.0);
    f.paragraph(
        &text::plain(
            &s.fill("measures_pdf_for", &[("date", date)]),
            Weight::Regular,
        ),
        10.5,
        MUTED,
        0.0,
    );
    if charts.is_empty() {
        f.gap(6.0);
        f.paragraph(
            &text::plain(&s.get("measures_pdf_none"), Weight::Regular),
            11.0,
            INK,
            0.0,
        );
    }
    for c in charts {
        f.gap(14.0);
        let width = f.width();
        let lines = f.lines(&text::plain(&c.wide.title, Weight::Bold), 14.0, width);
        // Its title kept with its start; the picture cut between its parts at a page's end.
        f.columns(vec![Column {
            x: f.x(),
            width,
            blocks: vec![
                Text::title(lines, 14.0, 2),
                Block::Picture(c.wide.clone(), width),
            ],
        }]);
        f.gap(6.0);
        let numbers = s.get("measures_pdf_numbers");
        f.table(
            Some(&numbers),
            &c.table.head,
            &c.table.rows,
            &numeric(c),
            8.5,
        );
    }
    let mut doc = Doc::new(fonts);
    for ops in f.pages {
        doc.page(A4.0, A4.1, ops);
    }
    doc.finish(meta)
}

/// The columns that hold numbers only (or nothing, or "–"), to stand at the right.
fn numeric(c: &Chart) -> Vec<bool> {
    (0..c.table.head.len())
        .map(|j| {
            j > 0
                && c.table.rows.iter().all(|r| {
                    r.get(j).is_none_or(|v| {
                        v.is_empty()
                            || v == "–"
                            || v.chars()
                                .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '-')
                    })
                })
        })
        .collect()
}
