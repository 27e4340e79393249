//! Text for PDF pages: rich spans flattened to runs of one weight, broken into lines with
//! the font's own glyph advances (the advances printpdf writes), and drawn.

use crate::draw::font::Metrics;
use crate::draw::pdf::{Faces, pieces_at};
use crate::draw::scene::{Color, Weight};
use crate::routes::Target;
use crate::views::rich::{Block, Span};
use printpdf::Op;

/// Text of one weight, and where it links to.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub weight: Weight,
    pub link: Option<Target>,
}

impl Run {
    pub fn new(text: String, weight: Weight) -> Run {
        Run {
            text,
            weight,
            link: None,
        }
    }
}

fn push_linked(out: &mut Vec<Run>, text: &str, weight: Weight, link: Option<&Target>) {
    match out.last_mut() {
        Some(r) if r.weight == weight && r.link.as_ref() == link => r.text.push_str(text),
        _ => out.push(Run {
            text: text.to_string(),
            weight,
            link: link.cloned(),
        }),
    }
}

fn push(out: &mut Vec<Run>, text: &str, weight: Weight) {
    push_linked(out, text, weight, None)
}

fn flatten(out: &mut Vec<Run>, spans: &[Span], weight: Weight, link: Option<&Target>) {
    for s in spans {
        match s {
            // A soft line break in the source is a space; only a hard break breaks.
            Span::Text(t) | Span::Code(t) => push_linked(out, &t.replace('\n', " "), weight, link),
            Span::Strong(c) => flatten(out, c, Weight::Bold, link),
            Span::Emph(c) | Span::Strike(c) => flatten(out, c, weight, link),
            Span::Link { to, content } => flatten(out, content, weight, Some(to)),
            // Pictures in running text are shown by their words.
            Span::Image { alt, .. } => push_linked(out, alt, weight, link),
            Span::Break => push(out, BREAK, weight),
            Span::Note(label) => push(out, &format!("[{label}]"), weight),
            Span::Term { text, id, explain } => {
                let to = Target::Page(crate::routes::Page::Glossary, Some(id.clone()));
                push_linked(out, text, weight, Some(link.unwrap_or(&to)));
                // The explanation is not the text's: in plain type, also after a bold word.
                push_linked(out, &format!(" ({explain})"), Weight::Regular, link);
            }
        }
    }
}

/// A forced line break inside runs.
const BREAK: &str = "\u{2028}";

/// Rich spans as runs.
pub fn runs(spans: &[Span]) -> Vec<Run> {
    let mut out = Vec::new();
    flatten(&mut out, spans, Weight::Regular, None);
    out
}

/// Text the team or the family wrote, set apart in the order of a line
/// ([`crate::draw::shape::ISOLATE`]) as `<bdi>` sets it apart on the page: a Danish sentence
/// on a page in Arabic keeps its full stop at its end, on every line it takes.
pub fn own(spans: &[Span]) -> Vec<Run> {
    isolated(runs(spans))
}

/// Runs set apart in the order of a line, as one.
pub fn isolated(mut runs: Vec<Run>) -> Vec<Run> {
    let (open, close) = crate::draw::shape::ISOLATE;
    let weight = runs.first().map_or(Weight::Regular, |r| r.weight);
    runs.insert(0, Run::new(open.to_string(), weight));
    let weight = runs.last().map_or(Weight::Regular, |r| r.weight);
    runs.push(Run::new(close.to_string(), weight));
    runs
}

/// Plain text as one run.
pub fn plain(text: &str, weight: Weight) -> Vec<Run> {
    vec![Run::new(text.to_string(), weight)]
}

/// The paragraphs of a Markdown body (headings, list items and quotes as paragraphs of their
/// own), for short bodies such as the diploma's.
pub fn paragraphs(blocks: &[Block]) -> Vec<Vec<Run>> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(s) | Block::Plain(s) => out.push(runs(s)),
            Block::Heading { content, .. } => {
                let mut r = Vec::new();
                flatten(&mut r, content, Weight::Bold, None);
                out.push(r);
            }
            Block::List { items, .. } => {
                for item in items {
                    let mut p = paragraphs(&item.blocks);
                    if let Some(first) = p.first_mut() {
                        first.insert(0, Run::new("• ".into(), Weight::Regular));
                    }
                    out.extend(p);
                }
            }
            Block::Quote(inner) => out.extend(paragraphs(inner)),
            Block::Code(t) => out.push(plain(t, Weight::Regular)),
            Block::Table { .. } | Block::Rule | Block::Footnote { .. } => {}
        }
    }
    out
}

/// One laid-out line: pieces of text with their weight, and its width.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub pieces: Vec<Run>,
    pub width: f32,
}

/// Break runs into lines no wider than `max` at `size`: at spaces, and inside a word only
/// when the word alone is wider than a line. A hard break in the text breaks the line.
pub fn wrap(runs: &[Run], size: f32, max: f32, m: &Metrics) -> Vec<Line> {
    // Words, each a list of (text, weight) pieces; `None` is a forced break.
    let mut words: Vec<Option<Vec<Run>>> = vec![Some(Vec::new())];
    for r in runs {
        for (i, part) in r.text.split(BREAK).enumerate() {
            if i > 0 {
                words.push(None);
                words.push(Some(Vec::new()));
            }
            for (j, w) in part.split(' ').enumerate() {
                if j > 0 {
                    words.push(Some(Vec::new()));
                }
                if let Some(Some(cur)) = words.last_mut()
                    && !w.is_empty()
                {
                    push_linked(cur, w, r.weight, r.link.as_ref());
                }
            }
        }
    }
    let width = |w: &[Run]| -> f32 { w.iter().map(|p| m.width(&p.text, size, p.weight)).sum() };
    let space = m.width(" ", size, Weight::Regular);
    let mut lines = Vec::new();
    let mut cur = Line {
        pieces: Vec::new(),
        width: 0.0,
    };
    let finish = |cur: &mut Line, lines: &mut Vec<Line>| {
        lines.push(std::mem::replace(
            cur,
            Line {
                pieces: Vec::new(),
                width: 0.0,
            },
        ));
    };
    for word in words {
        let Some(word) = word else {
            finish(&mut cur, &mut lines);
            continue;
        };
        if word.is_empty() {
            continue;
        }
        let w = width(&word);
        if !cur.pieces.is_empty() && cur.width + space + w > max {
            finish(&mut cur, &mut lines);
        }
        if w > max {
            // A word wider than the line: cut where Danish allows (a name only at its own
            // hyphens), else between letters, a hyphen shown at the cut (draw::hyphen).
            let joined: String = word.iter().map(|p| p.text.as_str()).collect();
            let mut spans = Vec::with_capacity(word.len());
            let mut at = 0;
            for p in &word {
                spans.push((at, at + p.text.len(), p));
                at += p.text.len();
            }
            let piece_at = |i: usize| spans.iter().find(|(a, b, _)| i >= *a && i < *b);
            let hyphen = m.width("-", size, Weight::Regular);
            let cuts = crate::draw::hyphen::cut(&joined, max, hyphen, |i, c| {
                let weight = piece_at(i).map_or(Weight::Regular, |s| s.2.weight);
                m.width(c.encode_utf8(&mut [0; 4]), size, weight)
            });
            let mut from = 0;
            let n = cuts.len();
            for (k, (to, h)) in cuts.into_iter().enumerate() {
                for (a, b, p) in &spans {
                    let (lo, hi) = ((*a).max(from), (*b).min(to));
                    if lo < hi {
                        push_linked(
                            &mut cur.pieces,
                            &p.text[lo - a..hi - a],
                            p.weight,
                            p.link.as_ref(),
                        );
                    }
                }
                if h {
                    let last = piece_at(to.saturating_sub(1));
                    push_linked(
                        &mut cur.pieces,
                        "-",
                        last.map_or(Weight::Regular, |s| s.2.weight),
                        last.and_then(|s| s.2.link.as_ref()),
                    );
                }
                cur.width = cur
                    .pieces
                    .iter()
                    .map(|p| m.width(&p.text, size, p.weight))
                    .sum();
                if k + 1 < n {
                    finish(&mut cur, &mut lines);
                }
                from = to;
            }
            continue;
        }
        if !cur.pieces.is_empty() {
            // The space belongs to a link only when the words on both sides do.
            let last = cur.pieces.last().cloned();
            let (weight, link) = match (&last, word.first()) {
                (Some(l), Some(f)) if l.link == f.link => (l.weight, l.link.clone()),
                (Some(l), _) => (l.weight, None),
                _ => (Weight::Regular, None),
            };
            push_linked(&mut cur.pieces, " ", weight, link.as_ref());
            cur.width += space;
        }
        for p in word {
            push_linked(&mut cur.pieces, &p.text, p.weight, p.link.as_ref());
        }
        cur.width += w;
    }
    if !cur.pieces.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    carry_isolates(&mut lines);
    // A line broken from the next ends in a space, drawn after it and seen by no one (its
    // width is without it): a reader that takes the text out (a screen reader following the
    // tags) then reads "arbejde og", not "arbejdeog". Not after a hyphen: the word goes on.
    let n = lines.len();
    for l in lines.iter_mut().take(n.saturating_sub(1)) {
        if let Some(last) = l.pieces.last_mut()
            && !last.text.ends_with(['-', '\u{2010}', '/', ' ', '\n'])
        {
            last.text.push(' ');
        }
    }
    lines
}

/// Each line is ordered on its own ([`draw`]): a text set apart that a break cuts in two is
/// closed at the end of its first line and opened again at the start of the next, so that
/// every line keeps it apart. The marks have no width.
fn carry_isolates(lines: &mut [Line]) {
    let opens = |c: char| matches!(c, '\u{2066}'..='\u{2068}');
    let close = crate::draw::shape::ISOLATE.1;
    if !lines
        .iter()
        .any(|l| l.pieces.iter().any(|p| p.text.contains(opens)))
    {
        return;
    }
    let mut open: Vec<char> = Vec::new();
    for l in lines.iter_mut() {
        if !open.is_empty() {
            let weight = l.pieces.first().map_or(Weight::Regular, |p| p.weight);
            l.pieces.insert(0, Run::new(open.iter().collect(), weight));
        }
        // What is open at the line's end (the carried marks counted again).
        open.clear();
        for c in l.pieces.iter().flat_map(|p| p.text.chars()) {
            if opens(c) {
                open.push(c);
            } else if c == close {
                open.pop();
            }
        }
        if !open.is_empty() {
            let weight = l.pieces.last().map_or(Weight::Regular, |p| p.weight);
            l.pieces
                .push(Run::new(open.iter().map(|_| close).collect(), weight));
        }
    }
}

/// Where a line goes along its width, and which way it reads: a line read from the right
/// (a page in Arabic) starts at the right edge, and its words are in the order the Unicode
/// Bidirectional Algorithm gives a right-to-left paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Align {
    center: bool,
    rtl: bool,
}

impl Align {
    pub const START: Align = Align {
        center: false,
        rtl: false,
    };
    pub const CENTER: Align = Align {
        center: true,
        rtl: false,
    };

    /// The same place, on a page read from the right when `rtl`.
    pub fn rtl(self, rtl: bool) -> Align {
        Align { rtl, ..self }
    }
}

/// Draw lines with their first baseline `ascent` below `top`, `leading` apart, between
/// `x` and `x + width`. Returns the height used.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    ops: &mut Vec<Op>,
    faces: &Faces,
    m: &Metrics,
    page_height: f32,
    lines: &[Line],
    (x, top, width): (f32, f32, f32),
    size: f32,
    leading: f32,
    align: Align,
    color: Color,
) -> f32 {
    let ascent = m.ascent() * size;
    for (i, l) in lines.iter().enumerate() {
        let y = top + ascent + leading * i as f32;
        let mut at = if align.center {
            x + (width - l.width) / 2.0
        } else if align.rtl {
            x + width - l.width
        } else {
            x
        };
        // A line ends in a space for a reader taking the text out: a broken line has it from
        // [`wrap`], and the last line gets one here, so that what is drawn next ("Lone Bach",
        // then "Jobkonsulent" under it) is not read as one word. It is drawn after the line,
        // never seen: in a line read from the right, where its end stands at the left, on
        // its own.
        let last = l.pieces.last();
        let spaced = last.is_some_and(|p| p.text.ends_with(' '));
        let open = i + 1 == lines.len()
            && last.is_some_and(|p| !p.text.is_empty() && !p.text.ends_with(char::is_whitespace));
        let trailing = last.filter(|_| spaced || open);
        let changed;
        let pieces: &[Run] = match trailing {
            Some(end) if align.rtl || !spaced => {
                let mut t = l.pieces.clone();
                if let Some(p) = t.last_mut() {
                    p.text = if spaced {
                        end.text[..end.text.len() - 1].to_string()
                    } else if align.rtl {
                        end.text.clone()
                    } else {
                        format!("{} ", end.text)
                    };
                }
                changed = t;
                &changed
            }
            _ => &l.pieces,
        };
        let trailing = trailing.filter(|_| align.rtl);
        for (t, weight, rtl) in visual(pieces, m, align.rtl) {
            let mut pieces = Vec::new();
            crate::draw::shape::run(m, t, weight, rtl, &mut pieces);
            at += pieces_at(
                ops,
                faces,
                m,
                page_height,
                (at, y),
                &pieces,
                size,
                weight,
                color,
            );
        }
        if let Some(last) = trailing {
            let mut space = Vec::new();
            crate::draw::shape::run(m, " ", last.weight, false, &mut space);
            // Under the line's start: it is never seen.
            let end = x + width - l.width;
            pieces_at(
                ops,
                faces,
                m,
                page_height,
                (end, y),
                &space,
                size,
                last.weight,
                color,
            );
        }
    }
    leading * lines.len() as f32
}

/// A line's pieces in the order they stand from the left, cut where the direction changes
/// (the Unicode Bidirectional Algorithm over the whole line, `rtl` its direction): an Arabic
/// phrase in a Danish line reads from the right, and the line's words around it stay put.
fn visual<'r>(pieces: &'r [Run], m: &Metrics, rtl: bool) -> Vec<(&'r str, Weight, bool)> {
    let plain = |p: &Run| p.text.chars().all(|c| crate::draw::shape::plain(m, c));
    if !rtl && pieces.iter().all(plain) {
        return pieces
            .iter()
            .map(|p| (p.text.as_str(), p.weight, false))
            .collect();
    }
    let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let mut spans = Vec::with_capacity(pieces.len());
    let mut from = 0;
    for p in pieces {
        spans.push((from, from + p.text.len(), p));
        from += p.text.len();
    }
    let level = if rtl {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let bidi = unicode_bidi::BidiInfo::new(&joined, Some(level));
    let mut out = Vec::new();
    for para in &bidi.paragraphs {
        let (_, runs) = bidi.visual_runs(para, para.range.clone());
        for run in runs {
            let run_rtl = bidi.levels.get(run.start).is_some_and(|l| l.is_rtl());
            let mut parts: Vec<(&str, Weight, bool)> = spans
                .iter()
                .filter_map(|(a, b, p)| {
                    let (lo, hi) = ((*a).max(run.start), (*b).min(run.end));
                    (lo < hi).then(|| (&p.text[lo - a..hi - a], p.weight, run_rtl))
                })
                .collect();
            if run_rtl {
                parts.reverse();
            }
            out.extend(parts);
        }
    }
    out
}

/// A rectangle in page points from the top-left: left, top, right, bottom.
pub type Rect = (f32, f32, f32, f32);

/// Where the linked pieces of lines drawn by [`draw`] (aligned to the start) stand:
/// rectangles in page points from the top-left, with their targets.
pub fn links(
    m: &Metrics,
    lines: &[Line],
    (x, top): (f32, f32),
    size: f32,
    leading: f32,
) -> Vec<(Rect, Target)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let y = top + leading * i as f32;
        let mut at = x;
        for p in &l.pieces {
            let w = m.width(&p.text, size, p.weight);
            if let Some(t) = &p.link {
                out.push(((at, y, at + w, y + leading), t.clone()));
            }
            at += w;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glossary_words_explanation_is_plain_after_a_bold_word() {
        let spans = vec![Span::Strong(vec![Span::Term {
            text: "makkerpar".into(),
            id: "makkerpar".into(),
            explain: "to fra teamet".into(),
        }])];
        let r = runs(&spans);
        assert_eq!(r[0].text, "makkerpar");
        assert_eq!(r[0].weight, Weight::Bold);
        assert_eq!(r[1].text, " (to fra teamet)");
        assert_eq!(r[1].weight, Weight::Regular);
    }

    #[test]
    fn a_text_set_apart_stays_apart_on_every_line_it_takes() {
        let m = crate::draw::font::standard();
        let (open, close) = crate::draw::shape::ISOLATE;
        let runs = isolated(plain(
            "Brian har fået kørekort til lastbil og fast job som chauffør.",
            Weight::Regular,
        ));
        let lines = wrap(&runs, 11.0, 90.0, &m);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            let t: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
            // A broken line's space for readers stands after it (see `wrap`).
            let t = t.trim_end_matches(' ');
            assert!(t.starts_with(open) && t.ends_with(close), "{t:?}");
            assert_eq!(t.matches(open).count(), t.matches(close).count(), "{t:?}");
        }
        // The marks take no room.
        let plain_lines = wrap(&runs[1..2], 11.0, 90.0, &m);
        let widths = |ls: &[Line]| ls.iter().map(|l| l.width).collect::<Vec<_>>();
        assert_eq!(widths(&lines), widths(&plain_lines));
    }

    #[test]
    fn wraps_at_spaces_within_the_width_and_keeps_weights() {
        let m = crate::draw::font::standard();
        let runs = vec![
            Run::new("Tina har fået ".into(), Weight::Regular),
            Run::new("fleksjob".into(), Weight::Bold),
            Run::new(
                " i supermarkedet og er glad for sine kolleger.".into(),
                Weight::Regular,
            ),
        ];
        let lines = wrap(&runs, 11.0, 120.0, &m);
        assert!(lines.len() >= 3);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.width <= 120.0, "{l:?}");
            let text: String = l.pieces.iter().map(|p| p.text.as_str()).collect();
            assert!(!text.starts_with(' ') && !text.ends_with("  "), "{text:?}");
            // A line broken from the next ends in one space, for a reader taking the text
            // out; its width is without it.
            assert_eq!(text.ends_with(' '), i + 1 < lines.len(), "{text:?}");
        }
        assert!(
            lines
                .iter()
                .flat_map(|l| &l.pieces)
                .any(|p| p.text.trim() == "fleksjob" && p.weight == Weight::Bold)
        );
        let all: Vec<String> = lines
            .iter()
            .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(
            all.join(""),
            "Tina har fået fleksjob i supermarkedet og er glad for sine kolleger."
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_split() {
        let m = crate::draw::font::standard();
        let lines = wrap(
            &plain("Familiebehandlingsindsatsen", Weight::Regular),
            11.0,
            50.0,
            &m,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 50.0));
    }
}
