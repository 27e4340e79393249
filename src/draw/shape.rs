//! Text in any script: which of the fonts sets each letter (the first of the chain that has
//! a letter and its marks), the order of a line's parts (the Unicode Bidirectional Algorithm,
//! by unicode-bidi) and the glyphs of each part (rustybuzz: Arabic letters joined, marks
//! placed, emoji sequences made one picture).
//!
//! Text of the first font's plain letters (all Danish text) is not shaped: it is measured
//! from the advance table and drawn as text, as before shaping came in.

use super::font::Metrics;
use super::scene::Weight;
use unicode_bidi::{BidiInfo, Level};

/// One glyph of a shaped part, in font units of its font.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// How far the pen moves after it.
    pub advance: i32,
    /// Where it is drawn from the pen (marks over letters).
    pub dx: i32,
    pub dy: i32,
    /// The letters it stands for when the text is taken out of the PDF: the letter whose
    /// glyph it is, or a cluster's letters on its first glyph, or nothing.
    pub text: String,
    /// What a reader takes out for this glyph in place of its letters (`/ActualText`): read
    /// from the right, a letter with marks says them all, and its marks nothing.
    pub said: Option<String>,
}

/// A part of a line set in one font and one direction, in the order the parts stand on the
/// line from the left.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Which font of the chain (0: the theme's own).
    pub face: usize,
    pub rtl: bool,
    /// The letters as typed (logical order).
    pub text: String,
    /// The glyphs from the left, or none for plain letters of the first font (drawn as text:
    /// each letter its glyph, in the order typed).
    pub glyphs: Option<Vec<Glyph>>,
    /// Its width at size 1.
    pub em: f32,
    /// Whether its glyphs alone do not give its letters back (a letter made of several glyphs,
    /// a glyph standing for a letter other than its own): the PDF then says them
    /// (ActualText). Right-to-left letters are not: a reader orders them itself.
    pub spoken: bool,
}

/// Whether a character joins the one before it into one cluster: combining marks, joiners,
/// variation selectors, emoji modifiers and tags.
fn joins(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED | 0x0898..=0x089F | 0x08CA..=0x08E1 | 0x08E3..=0x08FF
        | 0x135D..=0x135F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Characters no font needs to draw: a cluster is set in a font that has its other letters.
pub(super) fn ignorable(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFE00..=0xFE0F | 0xE0000..=0xE0FFF)
}

/// The marks that set a typed value apart in the order of a line (first strong isolate …
/// pop directional isolate): a name in Arabic script after a Danish word keeps its own
/// direction without taking the punctuation around it along. Never drawn.
pub const ISOLATE: (char, char) = ('\u{2068}', '\u{2069}');

/// `value` set apart in the order of a line ([`ISOLATE`]).
pub fn isolate(value: &str) -> String {
    format!("{}{value}{}", ISOLATE.0, ISOLATE.1)
}

/// The isolates (U+2066–U+2069): plain, of no width, never drawn.
pub fn is_isolate(c: char) -> bool {
    ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Whether the first font's advance table alone measures and draws `c`: a letter or sign it
/// has, of the scripts written left to right with no marks to place (or an isolate).
pub fn plain(m: &Metrics, c: char) -> bool {
    let u = c as u32;
    is_isolate(c)
        || ((u < 0x0300
            || (0x2010..=0x2027).contains(&u)
            || (0x2030..=0x205E).contains(&u)
            || (0x20A0..=0x20CF).contains(&u)
            || (0x2190..=0x21FF).contains(&u)
            || u == 0x2212)
            && m.first_has(c))
}

/// Plain text as it is drawn: without isolates.
fn drawn(text: &str) -> String {
    if text.contains(is_isolate) {
        text.chars().filter(|c| !is_isolate(*c)).collect()
    } else {
        text.to_string()
    }
}

/// The clusters of `text` (a letter with the marks and joiners after it), as byte ranges.
fn clusters(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut after_joiner = false;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(last) if joins(c) || after_joiner => last.end = end,
            _ => out.push(i..end),
        }
        after_joiner = c == '\u{200D}';
    }
    out
}

/// The parts of one line of `text` from the left. `rtl`: the paragraph's direction (`None`:
/// from its first strong letter).
pub fn pieces(m: &Metrics, text: &str, weight: Weight, rtl: Option<bool>) -> Vec<Piece> {
    if rtl != Some(true) && text.chars().all(|c| plain(m, c)) {
        let t = drawn(text);
        if t.is_empty() {
            // Nothing to draw (the isolates alone).
            return Vec::new();
        }
        return vec![Piece {
            face: 0,
            rtl: false,
            em: m.plain_em(&t, weight),
            text: t,
            glyphs: None,
            spoken: false,
        }];
    }
    let mut out = Vec::new();
    let level = rtl.map(|r| if r { Level::rtl() } else { Level::ltr() });
    let bidi = BidiInfo::new(text, level);
    for para in &bidi.paragraphs {
        let (_, runs) = bidi.visual_runs(para, para.range.clone());
        for r in runs {
            if let Some(level) = bidi.levels.get(r.start) {
                run(m, &text[r], weight, level.is_rtl(), &mut out);
            }
        }
    }
    out
}

/// The parts of a run of one direction (as the Unicode Bidirectional Algorithm cuts a line),
/// from the left: in one font each, shaped where they need it.
pub fn run(m: &Metrics, text: &str, weight: Weight, rtl: bool, out: &mut Vec<Piece>) {
    // Plain letters of the first font, left to right: as they are (as one part).
    if !rtl && text.chars().all(|c| plain(m, c)) {
        out.extend(pieces(m, text, weight, Some(false)));
        return;
    }
    // The run in parts of one font each, in the order typed.
    let mut parts: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for cl in clusters(text) {
        let face = m.face_for(&text[cl.clone()]);
        match parts.last_mut() {
            Some((f, r)) if *f == face => r.end = cl.end,
            _ => parts.push((face, cl)),
        }
    }
    if rtl {
        parts.reverse();
    }
    for (face, r) in parts {
        // The isolates have done their work in the order: they are not drawn.
        let t = drawn(&text[r]);
        if t.is_empty() {
            continue;
        }
        if !rtl && face == 0 && t.chars().all(|c| plain(m, c)) {
            out.push(Piece {
                face,
                rtl: false,
                em: m.plain_em(&t, weight),
                text: t,
                glyphs: None,
                spoken: false,
            });
        } else {
            out.push(m.shape(face, &t, weight, rtl));
        }
    }
}

/// `text` shaped in one font, in one direction.
pub(super) fn shape(
    face: &rustybuzz::Face,
    text: &str,
    rtl: bool,
    natural: impl Fn(u16) -> Option<char>,
) -> (Vec<Glyph>, i32, bool) {
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.guess_segment_properties();
    buf.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let shaped = rustybuzz::shape(face, &[], buf);
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Each cluster's letters: from its start to the next cluster's start in the text.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| -> &str {
        // The next start after this one (found by halving: a long word has many clusters).
        let end = starts
            .get(starts.partition_point(|&s| s <= start))
            .copied()
            .unwrap_or(text.len());
        text.get(start..end).unwrap_or("")
    };
    // Read from the right, each cluster's glyphs, and the letters they are the own glyphs
    // of; below, the clusters of more than one glyph (a letter with its marks).
    let mut glyphs_of: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    let mut claimed: std::collections::BTreeMap<usize, Vec<char>> = Default::default();
    if rtl {
        for (i, g) in infos.iter().enumerate() {
            let cl = g.cluster as usize;
            glyphs_of.entry(cl).or_default().push(i);
            if let Some(c) = natural(g.glyph_id as u16) {
                claimed.entry(cl).or_default().push(c);
            }
        }
    }
    // The glyph of such a cluster's letter: the one that moves the pen (the last, if more
    // do).
    let marked: std::collections::BTreeMap<usize, usize> = glyphs_of
        .into_iter()
        .filter(|(_, g)| g.len() > 1)
        .filter_map(|(cl, g)| {
            let base = g.iter().rev().find(|i| positions[**i].x_advance != 0);
            Some((cl, *base.or(g.last())?))
        })
        .collect();
    // The first glyph of a cluster in the order typed carries its letters.
    let order: Vec<usize> = if rtl {
        (0..infos.len()).rev().collect()
    } else {
        (0..infos.len()).collect()
    };
    let mut texts = vec![String::new(); infos.len()];
    let mut said = std::collections::BTreeSet::new();
    let mut spoken = false;
    for i in order {
        let cl = infos[i].cluster as usize;
        let id = infos[i].glyph_id as u16;
        let letters = cluster_text(cl);
        let first = said.insert(cl);
        let own = natural(id);
        texts[i] = match (own, first) {
            (Some(c), true) if letters.chars().eq(std::iter::once(c)) => c.to_string(),
            // Read from the right, a letter with marks: each glyph says its own letter (the
            // letter's glyph, which may stand for it elsewhere without them, only the letter),
            // and the cluster as a whole says them all ([`Glyph::said`]). A mark said by its
            // glyph alone would stand on a line of its own for poppler, which stands higher.
            (Some(c), _) if rtl && marked.contains_key(&cl) && letters.contains(c) => c.to_string(),
            (_, true) if rtl && marked.contains_key(&cl) => {
                let mut rest: Vec<char> = letters.chars().collect();
                for c in claimed.get(&cl).into_iter().flatten() {
                    if let Some(k) = rest.iter().position(|x| x == c) {
                        rest.remove(k);
                    }
                }
                rest.into_iter().rev().collect()
            }
            // One glyph for letters written right to left (lam-alef): readers that order the
            // letters of a line by where they stand (poppler's pdftotext) spread them over the
            // glyph from the left and then read the line from the right, so they are given in
            // the order they stand.
            (_, true) if rtl => letters.chars().rev().collect(),
            (_, false) if rtl => String::new(),
            (Some(c), _) => {
                spoken = true;
                c.to_string()
            }
            (None, true) => {
                if letters.chars().count() > 1 {
                    spoken = true;
                }
                letters.to_string()
            }
            (None, false) => {
                spoken = true;
                String::new()
            }
        };
    }
    let mut width = 0;
    let glyphs: Vec<Glyph> = infos
        .iter()
        .zip(positions)
        .zip(texts)
        .enumerate()
        .map(|(i, ((g, p), text))| {
            width += p.x_advance;
            let cl = g.cluster as usize;
            Glyph {
                id: g.glyph_id as u16,
                advance: p.x_advance,
                dx: p.x_offset,
                dy: p.y_offset,
                text,
                // In the order they stand, as a ligature's (above), on the letter's glyph.
                said: marked.get(&cl).map(|base| {
                    if *base == i {
                        cluster_text(cl).chars().rev().collect()
                    } else {
                        String::new()
                    }
                }),
            }
        })
        .collect();
    (glyphs, width, spoken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_text_is_one_plain_piece() {
        let m = crate::draw::font::standard();
        let p = pieces(&m, "Familien Ærø – 5 mål", Weight::Regular, None);
        assert_eq!(p.len(), 1);
        assert!(p[0].glyphs.is_none());
        assert_eq!(
            p[0].em,
            m.width("Familien Ærø – 5 mål", 1.0, Weight::Regular)
        );
    }

    #[test]
    fn arabic_is_joined_right_to_left_in_its_font() {
        let m = crate::draw::font::standard();
        let p = pieces(&m, "Mål: سلام عليكم 2026", Weight::Regular, None);
        let texts: Vec<&str> = p.iter().map(|x| x.text.as_str()).collect();
        // Left to right on the line: the Danish, then the Arabic words from the right.
        assert_eq!(texts.first(), Some(&"Mål: "));
        let arabic: Vec<&Piece> = p.iter().filter(|x| x.rtl && x.face != 0).collect();
        assert!(!arabic.is_empty(), "{p:#?}");
        // Each glyph says its own letters: readers put right-to-left letters in the order
        // typed themselves (an ActualText would be read backwards by poppler).
        assert!(arabic.iter().all(|x| !x.spoken));
        // Joined: the glyphs are the letters' joining forms, not their own.
        let salam = p.iter().find(|x| x.text == "سلام").unwrap();
        let g = salam.glyphs.as_ref().unwrap();
        assert_eq!(g.len(), 3, "lam-alef is one glyph: {g:?}");
        // Each glyph gives its letters back; the ligature in the order they stand.
        let said: Vec<&str> = g.iter().rev().map(|x| x.text.as_str()).collect();
        assert_eq!(said, ["س", "ال", "م"]);
        assert!(m.width("سلام", 10.0, Weight::Regular) > 5.0);
    }

    #[test]
    fn a_letter_with_a_mark_read_from_the_right_is_said_as_typed() {
        let m = crate::draw::font::standard();
        let p = pieces(&m, "حقّقتموه", Weight::Bold, Some(true));
        assert_eq!(p.len(), 1, "{p:#?}");
        assert!(!p[0].spoken, "poppler reads a part's /ActualText backwards");
        let g = p[0].glyphs.as_ref().unwrap();
        // The qaf with the shadda on it says both (in the order they stand, as poppler
        // wants them), the shadda's own glyph nothing; every other glyph its own letter.
        let said: Vec<&str> = g.iter().filter_map(|x| x.said.as_deref()).collect();
        assert_eq!(said, ["", "\u{651}ق"], "{g:#?}");
        let letters: String = g
            .iter()
            .rev()
            .map(|x| {
                x.said
                    .as_deref()
                    .map_or(x.text.clone(), |s| s.chars().rev().collect())
            })
            .collect();
        assert_eq!(letters, "حقّقتموه");
        // The two qafs are one glyph, which says only its letter wherever it is.
        let qaf: Vec<&Glyph> = g
            .iter()
            .filter(|x| x.advance != 0 && x.text == "ق")
            .collect();
        assert_eq!(qaf.len(), 2, "{g:#?}");
        assert_eq!(qaf[0].id, qaf[1].id);
    }

    #[test]
    fn every_name_finds_a_font() {
        let m = crate::draw::font::standard();
        for name in [
            "Nguyễn Thị Hương",
            "Ștefan Țurcanu",
            "Çağrı Öztürk",
            "Ɓaaba Ŋgom",
            "Олена Шевченко",
            "ሰላም ተስፋይ",
            "زهرا احمدی",
            "⚽️ 👨‍👦",
        ] {
            for c in name.chars() {
                assert!(m.has(c), "{c} U+{:04X} in {name}", c as u32);
            }
            let p = pieces(&m, name, Weight::Bold, None);
            let all: usize = p
                .iter()
                .filter_map(|x| x.glyphs.as_ref())
                .flatten()
                .filter(|g| g.id == 0)
                .count();
            assert_eq!(all, 0, "no missing glyph in {name}: {p:?}");
        }
        // The father-and-son sequence is one picture.
        let p = pieces(&m, "👨‍👦", Weight::Regular, None);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].glyphs.as_ref().unwrap().len(), 1, "{p:?}");
    }

    /// A long word in Arabic script (no spaces to break it at) is shaped in time that grows
    /// with its length, and every letter comes back.
    #[test]
    fn a_long_arabic_word_is_shaped_whole() {
        let m = crate::draw::font::standard();
        let word = "بسم".repeat(20_000);
        let p = pieces(&m, &word, Weight::Regular, None);
        let glyphs: usize = p
            .iter()
            .filter_map(|x| x.glyphs.as_ref())
            .map(Vec::len)
            .sum();
        assert_eq!(glyphs, 60_000);
        let said: usize = p
            .iter()
            .filter_map(|x| x.glyphs.as_ref())
            .flatten()
            .map(|g| g.text.chars().count())
            .sum();
        assert_eq!(said, 60_000);
    }
}
