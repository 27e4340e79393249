//! Text measurement with the real metrics of the theme's font, so chart labels can be laid
//! out without overlapping and the PDF writer can place them identically.

use super::scene::Weight;
use std::collections::HashMap;

/// Advance widths of one face, in font units, by character.
#[derive(Debug, Clone, Default)]
struct Face {
    advances: HashMap<char, u16>,
    /// Width used for a character the face does not have.
    fallback: u16,
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
        let units: u32 = text
            .chars()
            .map(|c| *f.advances.get(&c).unwrap_or(&f.fallback) as u32)
            .sum();
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
        c.is_whitespace()
            || (self.regular.advances.contains_key(&c) && self.bold.advances.contains_key(&c))
    }

    /// Break `text` into lines no wider than `max` (a word longer than a line is cut).
    pub fn wrap(&self, text: &str, size: f32, weight: Weight, max: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, weight) <= max || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
            while self.width(&line, size, weight) > max && line.chars().count() > 1 {
                let cut = self.fit(&line, size, weight, max);
                let rest = line.split_off(cut);
                lines.push(std::mem::replace(&mut line, rest));
            }
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

    /// Byte index where `text` must be cut to fit `max`.
    fn fit(&self, text: &str, size: f32, weight: Weight, max: f32) -> usize {
        let mut end = 0;
        for (i, c) in text.char_indices() {
            if self.width(&text[..i + c.len_utf8()], size, weight) > max {
                break;
            }
            end = i + c.len_utf8();
        }
        end.max(text.chars().next().map(char::len_utf8).unwrap_or(0))
    }
}

fn face(f: &ttf_parser::Face) -> Face {
    let mut advances = HashMap::new();
    if let Some(cmap) = f.tables().cmap {
        for sub in cmap.subtables {
            if !sub.is_unicode() {
                continue;
            }
            sub.codepoints(|cp| {
                if let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp))
                    && let Some(adv) = f.glyph_hor_advance(g)
                {
                    advances.insert(c, adv);
                }
            });
        }
    }
    let fallback = advances.get(&'n').copied().unwrap_or(f.units_per_em() / 2);
    Face { advances, fallback }
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
}
