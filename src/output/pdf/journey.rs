//! The borgerrejse as a PDF (`rejse.pdf`, and the family's own, `vores-rejse.pdf`, in its
//! language), A4 landscape: the timeline with its four tracks
//! across the first page (a long one part by part over as many pages as it needs, never
//! shrunk below a readable size: `charts::Chart::parts`), then the situation before and
//! after, person by person, as cards side by side, and the years before the course.

use super::doc::{Doc, Fonts, Meta, faces};
use super::flow::Flow;
use super::tag::Role;
use super::text::{self, Line, Run};
use crate::charts::Chart;
use crate::draw::palette::{ACCENT, INK, LINE, MUTED, WHITE};
use crate::draw::scene::Weight;
use crate::draw::shape::isolate;
use crate::views::{JourneyView, SituationView, Strings};

use crate::draw::paper::A4_LANDSCAPE as LANDSCAPE;
const MARGIN: f32 = 36.0;
const BODY: f32 = 11.0;
/// The smallest a picture's labels are printed, as on the family's plan.
const LABEL: f32 = 8.0;
use crate::draw::palette::ACCENT_BOX;

fn card_lines(f: &Flow, x: &Option<SituationView>, s: &Strings, width: f32) -> Vec<Vec<Line>> {
    let Some(x) = x else {
        return vec![f.lines(&text::plain("–", Weight::Regular), BODY, width)];
    };
    [
        (s.get("age"), format!("{} {}", x.age, s.get("age_years"))),
        (s.get("family_field"), x.family.clone()),
        (s.get("health"), x.health.clone()),
        (s.get("employment"), x.employment.clone()),
        (s.get("character"), x.character.clone()),
    ]
    .into_iter()
    .map(|(k, v)| {
        let mut r = text::plain(&format!("{k}: "), Weight::Bold);
        r.push(Run::new(isolate(&v), Weight::Regular));
        f.lines(&r, BODY, width)
    })
    .collect()
}

fn lay_out(f: &mut Flow, v: &JourneyView, title: &str, charts: &[Chart], s: &Strings) {
    let (x, w, sc) = (f.x(), f.width(), f.s);
    f.heading(1, title, 18.0, INK, 40.0);
    if let Some(c) = v.timeline.as_ref().and_then(|r| charts.get(r.0))
        && !c.parts.is_empty()
    {
        // A long journey part by part, each at the page's width, a page each if need be:
        // never shrunk to fit one page.
        let head_h = f.line_height(13.0) + 4.0 * sc;
        let fresh = f.room() - head_h;
        for (i, part) in c.parts.iter().enumerate() {
            // As wide as the page, or less if a part is taller than a page under its heading.
            let full = part.height * w / part.width.max(1.0);
            // What is left of this page (under the title, on the first) takes the part, a
            // little smaller, where at least a third of a page is left and its labels stay
            // LABEL points or more; else it starts the next page. A title is never left alone.
            let here = f.left() - head_h;
            let h = if full > here
                && here >= fresh / 3.0
                && w * here / full >= part.width_for_text(LABEL)
            {
                here
            } else {
                full.min(fresh)
            };
            let width = w * h / full.max(1.0);
            let head = if i == 0 {
                s.get("during")
            } else {
                format!("{} ({})", s.get("during"), s.get("continued"))
            };
            f.need(head_h + h);
            f.heading(2, &head, 13.0, ACCENT, 20.0);
            let y = f.y;
            f.scene(part, (x + (w - width) / 2.0, y, width));
            f.y += h;
        }
    } else if let Some(c) = v.timeline.as_ref().and_then(|r| charts.get(r.0)) {
        f.heading(2, &s.get("during"), 13.0, ACCENT, 20.0);
        // The whole timeline on the page: as wide as the page, or less if it is tall.
        let room = f.left();
        let width = w.min(room * c.wide.width / c.wide.height.max(1.0));
        let h = c.wide.height * width / c.wide.width.max(1.0);
        f.need(h);
        let y = f.y;
        f.scene(&c.wide, (x + (w - width) / 2.0, y, width));
        f.y += h;
    } else {
        // No charts: the events by track, as text.
        f.heading(2, &s.get("during"), 13.0, ACCENT, 20.0);
        for tr in &v.tracks {
            if tr.events.is_empty() {
                continue;
            }
            f.heading(3, &tr.label, 11.0, INK, 14.0);
            for e in &tr.events {
                let mut r = text::plain(&format!("{} ", e.date), Weight::Bold);
                r.extend(text::own(&e.text.0));
                f.paragraph(&r, BODY, INK, 8.0);
            }
        }
    }

    if !v.situations.is_empty() {
        f.gap(14.0);
        f.heading(2, &s.get("situation"), 13.0, ACCENT, 80.0);
        let gap = 16.0 * sc;
        let col = (w - gap) / 2.0;
        let pad = 8.0 * sc;
        for p in &v.situations {
            let cards = [
                (
                    s.get("situation_start"),
                    card_lines(f, &p.start, s, col - 2.0 * pad),
                    WHITE,
                ),
                (
                    s.get("situation_after"),
                    card_lines(f, &p.after, s, col - 2.0 * pad),
                    ACCENT_BOX,
                ),
            ];
            let head = f.line_height(11.0);
            let body = |c: &Vec<Vec<Line>>| -> f32 {
                c.iter()
                    .map(|l| f.line_height(BODY) * l.len() as f32 + 2.0 * sc)
                    .sum()
            };
            let row =
                2.0 * pad + head + 4.0 * sc + cards.iter().map(|c| body(&c.1)).fold(0.0, f32::max);
            let who = f.line_height(11.5);
            f.need(who + row);
            let l = f.lines(&text::plain(&isolate(&p.who), Weight::Bold), 11.5, w);
            let (y0, fx) = (f.y, f.x());
            f.y += f.part(Role::H(3), &l, (fx, y0, w), 11.5, INK);
            let y = f.y;
            for (i, (t, lines, fill)) in cards.iter().enumerate() {
                let cx = x + i as f32 * (col + gap);
                f.card((cx, y, col, row), *fill, Some(LINE));
                let mut yy = y + pad;
                let tl = f.lines(&text::plain(t, Weight::Bold), 11.0, col - 2.0 * pad);
                let at = (cx + pad, yy, col - 2.0 * pad);
                yy += f.part(Role::H(4), &tl, at, 11.0, ACCENT) + 4.0 * sc;
                for l in lines {
                    yy += f.part(Role::P, l, (cx + pad, yy, col - 2.0 * pad), BODY, INK) + 2.0 * sc;
                }
            }
            f.y += row + 10.0 * sc;
        }
    }

    if !v.before.is_empty() {
        f.gap(6.0);
        f.heading(2, &s.get("before"), 13.0, ACCENT, 30.0);
        for y in &v.before {
            for (i, e) in y.events.iter().enumerate() {
                let mut r = if i == 0 {
                    text::plain(&format!("{}  ", y.year), Weight::Bold)
                } else {
                    Vec::new()
                };
                r.extend(text::own(&e.0));
                f.paragraph(
                    &r,
                    BODY,
                    if i == 0 { INK } else { MUTED },
                    if i == 0 { 0.0 } else { 34.0 * sc },
                );
            }
        }
    }
}

pub(crate) fn pdf(
    v: &JourneyView,
    title: &str,
    charts: &[Chart],
    s: &Strings,
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, String> {
    let faces = faces();
    let mut f = Flow::new(&faces, &fonts.metrics, LANDSCAPE, MARGIN, 1.0);
    // In a language read from the right (the family's own journey), mirrored as its page is.
    f.rtl = crate::views::text_direction(s.0) == "rtl";
    lay_out(&mut f, v, title, charts, s);
    Doc::of_pages(fonts, LANDSCAPE, f.pages, meta)
}
