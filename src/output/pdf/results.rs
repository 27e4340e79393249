//! The team's results as a PDF (`resultater.pdf`), A4 upright, for the team leader's report:
//! the rule first, then the whole team and each year of start on pages of their own (their
//! tables' rows never split, the header row again on a new page), then what each measure is,
//! in plain Danish.

use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::Flow;
use super::text;
use crate::draw::palette::{INK, MUTED};
use crate::draw::paper::A4;
use crate::draw::scene::Weight;
use crate::views::Strings;
use crate::views::results::{ResultTable, ResultsView};

const MARGIN: f32 = 50.0;
const SIZE: f32 = 9.5;

pub(crate) fn pdf(
    v: &ResultsView,
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let mut f = Flow::new(&faces, &fonts.metrics, A4, MARGIN, 1.0);
    f.heading(1, &s.get("results"), 20.0, INK, 40.0);
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
        f.heading(2, &g.title, 16.0, INK, 60.0);
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
    f.heading(2, &s.get("results_about"), 16.0, INK, 60.0);
    for (title, about) in &v.about {
        f.gap(4.0);
        f.heading(3, title, 11.0, INK, 30.0);
        f.paragraph(&p(about, Weight::Regular), 10.0, INK, 0.0);
    }
    let mut doc = Doc::new(fonts);
    for ops in f.pages {
        doc.page(A4.0, A4.1, ops);
    }
    doc.finish(meta)
}

/// A table's title and note, then its rows ([`Flow::table`]).
fn table(f: &mut Flow, tb: &ResultTable) {
    f.gap(10.0);
    f.heading(3, &tb.title, 12.0, INK, 70.0);
    if let Some(n) = &tb.note {
        f.paragraph(&text::plain(n, Weight::Regular), 9.0, MUTED, 0.0);
        f.gap(2.0);
    }
    f.table(None, &tb.head, &tb.rows, &tb.numeric, SIZE);
}
