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

/// The metrics charts are laid out with.
#[derive(Debug, Clone)]
pub struct Metrics {
    regular: Face,
    bold: Face,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
}

impl Metrics {
    /// Read the metrics of a regular and a bold TrueType face.
    pub fn from_ttf(regular: &[u8], bold: &[u8]) -> Result<Metrics, String> {
        let r = ttf_parser::Face::parse(regular, 0).map_err(|e| e.to_string())?;
        let b = ttf_parser::Face::parse(bold, 0).map_err(|e| e.to_string())?;
        // The ink of the letters staff write (capitals with ring and stroke, descenders), not
        // the font's line metrics, which leave room for scripts we do not set.
        let ink = |chars: &str, top: bool| {
            chars
                .chars()
                .filter_map(|c| r.glyph_index(c).and_then(|g| r.glyph_bounding_box(g)))
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
            units_per_em: r.units_per_em() as f32,
            ascender: ink("ÅÆØÉHbdfhkl0123456789", true),
            descender: ink("gjpqyÅ(", false),
            regular: face(&r),
            bold: face(&b),
        })
    }

    /// Width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let f = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let units: u32 = text.chars().map(|c| f.advance(c)).sum();
        units as f32 * size / self.units_per_em
    }

    /// Height above the baseline, as a fraction of the size.
    pub fn ascent(&self) -> f32 {
        self.ascender / self.units_per_em
    }

    /// Depth below the baseline, as a fraction of the size.
    pub fn descent(&self) -> f32 {
        self.descender / self.units_per_em
    }

    /// Whether the font can draw `c` (in both weights).
    pub fn has(&self, c: char) -> bool {
        c.is_whitespace() || (self.regular.get(c).is_some() && self.bold.get(c).is_some())
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

fn face(f: &ttf_parser::Face) -> Face {
    let mut dense = vec![0u16; DENSE];
    let mut sparse = HashMap::new();
    if let Some(cmap) = f.tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp))
                    && let Some(adv) = f.glyph_hor_advance(g)
                {
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
    Face {
        dense,
        sparse,
        fallback,
    }
}

#[cfg(test)]
pub(crate) fn standard() -> Metrics {
    use crate::load::theme::{CHART_FONT_BOLD, CHART_FONT_REGULAR};
    let files = crate::load::theme::standard_files();
    Metrics::from_ttf(
        &files[&format!("static/{CHART_FONT_REGULAR}")].bytes,
        &files[&format!("static/{CHART_FONT_BOLD}")].bytes,
    )
    .unwrap()
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
        assert!(!m.has('\u{1F600}'));
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
