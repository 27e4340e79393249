//! Text measurement with the real metrics of the theme's font, so chart labels can be laid
//! out without overlapping and the PDF writer can place them identically.

use super::scene::Weight;
use std::collections::HashMap;

/// Advance widths of one face, in font units, by character: a table for the first
/// [`DENSE`] code points (every letter and sign staff write), a map for the rest.
#[derive(Debug, Clone, Default)]
struct Face {
    dense: Vec<u16>,
    sparse: HashMap<char, u16>,
    /// Width used for a character the face does not have.
    fallback: u16,
}

/// Code points below this are looked up in a table (0 = not in the font).
const DENSE: usize = 0x3000;

impl Face {
    fn get(&self, c: char) -> Option<u16> {
        match self.dense.get(c as usize) {
            Some(0) => None,
            Some(w) => Some(*w),
            None => self.sparse.get(&c).copied(),
        }
    }

    fn advance(&self, c: char) -> u32 {
        self.get(c).unwrap_or(self.fallback) as u32
    }
}

/// One font file: its advances, its bytes (for shaping and embedding) and size of its em.
#[derive(Debug, Clone)]
struct Font {
    table: Face,
    bytes: std::sync::Arc<Vec<u8>>,
    upem: f32,
    /// The letter each glyph of the character map stands for (what a PDF reader takes out).
    letters: std::sync::Arc<HashMap<u16, char>>,
}

impl Font {
    fn read(bytes: &[u8]) -> Result<(Font, ttf_parser::Face<'_>), String> {
        // (ttf-parser's words are English.)
        let f = ttf_parser::Face::parse(bytes, 0)
            .map_err(|_| "filen er ikke en TrueType-skrift, eller den er beskadiget".to_string())?;
        let (table, letters) = face(&f);
        Ok((
            Font {
                table,
                bytes: std::sync::Arc::new(bytes.to_vec()),
                upem: f.units_per_em() as f32,
                letters: std::sync::Arc::new(letters),
            },
            f,
        ))
    }
}

/// The monochrome emoji font (Noto Emoji, OFL), the last of every chain: PDFs only (a
/// browser draws emoji in its own).
pub const EMOJI: &[u8] = include_bytes!("fonts/noto-emoji.ttf");

/// The metrics text is laid out with: the theme's font first, then fonts for the letters it
/// lacks (a chain: each letter is set in the first that has it), each in a regular and a
/// bold weight.
#[derive(Debug, Clone)]
pub struct Metrics {
    fonts: Vec<[Font; 2]>,
    ascender: f32,
    descender: f32,
}

impl Metrics {
    /// Read the metrics of a regular and a bold TrueType face.
    pub fn from_ttf(regular: &[u8], bold: &[u8]) -> Result<Metrics, String> {
        let (r, rf) = Font::read(regular)?;
        let (b, _) = Font::read(bold)?;
        // The ink of the letters staff write (capitals with ring and stroke, descenders), not
        // the font's line metrics, which leave room for scripts we do not set.
        let ink = |chars: &str, top: bool| {
            chars
                .chars()
                .filter_map(|c| rf.glyph_index(c).and_then(|g| rf.glyph_bounding_box(g)))
                .map(|b| {
                    if top {
                        b.y_max as f32
                    } else {
                        -(b.y_min as f32)
                    }
                })
                .fold(0.0f32, f32::max)
        };
        Ok(Metrics {
            ascender: ink("ÅÆØÉHbdfhkl0123456789", true) / r.upem,
            descender: ink("gjpqyÅ(", false) / r.upem,
            fonts: vec![[r, b]],
        })
    }

    /// The chain with one more font at its end, for the letters the ones before lack.
    pub fn with_fallback(mut self, regular: &[u8], bold: &[u8]) -> Result<Metrics, String> {
        let (r, _) = Font::read(regular)?;
        let (b, _) = Font::read(bold)?;
        self.fonts.push([r, b]);
        Ok(self)
    }

    /// How many fonts the chain has.
    pub fn faces(&self) -> usize {
        self.fonts.len()
    }

    fn font(&self, face: usize, weight: Weight) -> Option<&Font> {
        let pair = self.fonts.get(face)?;
        Some(match weight {
            Weight::Regular => &pair[0],
            Weight::Bold => &pair[1],
        })
    }

    /// The bytes of a font of the chain (for embedding in a PDF).
    pub fn bytes(&self, face: usize, weight: Weight) -> Option<&std::sync::Arc<Vec<u8>>> {
        self.font(face, weight).map(|f| &f.bytes)
    }

    /// The size of a font's em, and the advance its table gives each of `glyphs`.
    pub fn advances(
        &self,
        face: usize,
        weight: Weight,
        glyphs: &[super::shape::Glyph],
    ) -> (f32, Vec<i32>) {
        let Some(f) = self.font(face, weight) else {
            return (1000.0, glyphs.iter().map(|g| g.advance).collect());
        };
        let parsed = ttf_parser::Face::parse(&f.bytes, 0).ok();
        let own = glyphs
            .iter()
            .map(|g| {
                parsed
                    .as_ref()
                    .and_then(|p| p.glyph_hor_advance(ttf_parser::GlyphId(g.id)))
                    .map_or(g.advance, i32::from)
            })
            .collect();
        (f.upem, own)
    }

    /// Width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        if text.chars().all(|c| super::shape::plain(self, c)) {
            return self.plain_em(text, weight) * size;
        }
        super::shape::pieces(self, text, weight, None)
            .iter()
            .map(|p| p.em)
            .sum::<f32>()
            * size
    }

    /// Width at size 1 of letters of the first font, from its advance table.
    pub(super) fn plain_em(&self, text: &str, weight: Weight) -> f32 {
        let f = &self.fonts[0][usize::from(weight == Weight::Bold)];
        let units: u32 = text
            .chars()
            .filter(|c| !super::shape::is_isolate(*c))
            .map(|c| f.table.advance(c))
            .sum();
        units as f32 / f.upem
    }

    /// Whether the first font has `c`.
    pub(super) fn first_has(&self, c: char) -> bool {
        self.fonts[0][0].table.get(c).is_some()
    }

    /// The first font of the chain that has every letter of a cluster (a letter with its
    /// marks), else the first that has its first letter, else the first font.
    pub(super) fn face_for(&self, cluster: &str) -> usize {
        let has = |f: &[Font; 2], c: char| f[0].table.get(c).is_some();
        self.fonts
            .iter()
            .position(|f| {
                cluster
                    .chars()
                    .all(|c| has(f, c) || super::shape::ignorable(c))
            })
            .or_else(|| {
                let first = cluster.chars().next()?;
                self.fonts.iter().position(|f| has(f, first))
            })
            .unwrap_or(0)
    }

    /// `text` shaped in one font of the chain.
    pub(super) fn shape(
        &self,
        face: usize,
        text: &str,
        weight: Weight,
        rtl: bool,
    ) -> super::shape::Piece {
        let made = self.font(face, weight).and_then(|f| {
            let rb = rustybuzz::Face::from_slice(&f.bytes, 0)?;
            let (glyphs, width, spoken) =
                super::shape::shape(&rb, text, rtl, |g| f.letters.get(&g).copied());
            Some((glyphs, width as f32 / f.upem, spoken))
        });
        let (glyphs, em, spoken) = made.unwrap_or_default();
        super::shape::Piece {
            face,
            rtl,
            text: text.to_string(),
            glyphs: Some(glyphs),
            em,
            spoken,
        }
    }

    /// Height above the baseline, as a fraction of the size.
    pub fn ascent(&self) -> f32 {
        self.ascender
    }

    /// Depth below the baseline, as a fraction of the size.
    pub fn descent(&self) -> f32 {
        self.descender
    }

    /// Whether a font of the chain can draw `c`.
    pub fn has(&self, c: char) -> bool {
        c.is_whitespace()
            || super::shape::is_isolate(c)
            || super::shape::ignorable(c)
            || self
                .fonts
                .iter()
                .any(|f| f[0].table.get(c).is_some() && f[1].table.get(c).is_some())
    }

    /// Break `text` into lines no wider than `max` (a word longer than a line is cut). Each
    /// character is measured once and each line is made to its own size: time and memory
    /// grow with the text's length, however long a word is.
    pub fn wrap(&self, text: &str, size: f32, weight: Weight, max: f32) -> Vec<String> {
        let space = self.width(" ", size, weight);
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in text.split_whitespace() {
            let w = self.width(word, size, weight);
            if !line.is_empty() && line_w + space + w <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= max {
                line.push_str(word);
                line_w = w;
                continue;
            }
            // A word wider than a line: cut where Danish allows (a name only at its own
            // hyphens), else between letters, a hyphen shown at the cut.
            let hyphen = self.width("-", size, weight);
            let cuts = super::hyphen::cut(word, max, hyphen, |_, c| {
                self.width(c.encode_utf8(&mut [0u8; 4]), size, weight)
            });
            let mut from = 0;
            for (to, h) in cuts {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // Each line holds its own letters only (a cut of a long word takes no more).
                line = String::with_capacity(to - from + usize::from(h));
                line.push_str(&word[from..to]);
                if h {
                    line.push('-');
                }
                from = to;
            }
            line_w = self.width(&line, size, weight);
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `wrap`, but at most `max_lines`; the last line kept ends with "…" when text was cut.
    pub fn wrap_lines(
        &self,
        text: &str,
        size: f32,
        weight: Weight,
        max: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(text, size, weight, max);
        if lines.len() > max_lines && max_lines > 0 {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                last.push('…');
                while self.width(last, size, weight) > max && last.chars().count() > 1 {
                    last.pop();
                    last.pop();
                    last.push('…');
                }
            }
        }
        lines
    }
}

fn face(f: &ttf_parser::Face) -> (Face, HashMap<u16, char>) {
    let mut dense = vec![0u16; DENSE];
    let mut sparse = HashMap::new();
    let mut letters: HashMap<u16, char> = HashMap::new();
    if let Some(cmap) = f.tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp))
                    && let Some(adv) = f.glyph_hor_advance(g)
                {
                    // The lowest letter of a glyph that several stand for; never a
                    // presentation form (the joined shapes of Arabic letters: a reader is
                    // to get the letter typed).
                    if !(0xFB50..=0xFDFF).contains(&cp) && !(0xFE70..=0xFEFF).contains(&cp) {
                        letters
                            .entry(g.0)
                            .and_modify(|l| *l = (*l).min(c))
                            .or_insert(c);
                    }
                    // A zero advance would read as "missing" in the table; 1 unit is nothing.
                    match dense.get_mut(c as usize) {
                        Some(slot) => *slot = adv.max(1),
                        None => {
                            sparse.insert(c, adv);
                        }
                    }
                }
            });
        }
    }
    let fallback = dense[usize::from(b'n')];
    let fallback = if fallback == 0 {
        f.units_per_em() / 2
    } else {
        fallback
    };
    (
        Face {
            dense,
            sparse,
            fallback,
        },
        letters,
    )
}

#[cfg(test)]
pub(crate) fn standard() -> Metrics {
    crate::load::theme::standard_metrics()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_real_advances() {
        let m = standard();
        assert!(m.width("2026", 10.0, Weight::Regular) > 15.0);
        assert!(m.width("mmmm", 10.0, Weight::Regular) > m.width("iiii", 10.0, Weight::Regular));
        assert!(m.width("Hej", 10.0, Weight::Bold) >= m.width("Hej", 10.0, Weight::Regular));
        assert!("æøåÆØÅé–…".chars().all(|c| m.has(c)));
        assert!(m.has('\u{1F600}'), "emoji from the emoji font");
        assert!(!m.has('中'), "no font for Chinese");
    }

    #[test]
    fn wraps_within_the_width() {
        let m = standard();
        let text = "Sanne får et fleksjob på 15 timer om ugen hos den lokale Netto";
        let lines = m.wrap(text, 12.0, Weight::Regular, 120.0);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| m.width(l, 12.0, Weight::Regular) <= 120.0)
        );
        assert_eq!(lines.join(" "), text);
        let cut = m.wrap_lines(text, 12.0, Weight::Regular, 120.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
    }

    /// A word far longer than a line is cut between characters into lines that each hold
    /// only their own letters: the lines of a word of 200,000 letters take about as much
    /// memory as the word (they took the word's length each, 200,000 × the number of
    /// lines, before).
    #[test]
    fn a_long_word_is_cut_into_lines_of_their_own_size() {
        let m = standard();
        let word = "Beskæftigelsesindsatsen".repeat(200_000 / 23);
        let lines = m.wrap(&word, 10.0, Weight::Regular, 100.0);
        assert!(lines.len() > 1000);
        // Each cut shows a hyphen; without them the lines are the word.
        let (last, cut) = lines.split_last().unwrap();
        assert!(cut.iter().all(|l| l.ends_with('-')));
        let joined: String = cut
            .iter()
            .map(|l| l.trim_end_matches('-'))
            .collect::<String>()
            + last;
        assert!(joined == word, "the lines are not the word");
        let held: usize = lines.iter().map(String::capacity).sum();
        assert!(
            held < 2 * word.len(),
            "{held} bytes held for {}",
            word.len()
        );
        assert!(
            lines
                .iter()
                .all(|l| m.width(l, 10.0, Weight::Regular) <= 100.0)
        );
    }
}
