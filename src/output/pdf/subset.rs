//! TrueType subsetting that keeps glyph numbers: every glyph a document does not use is
//! emptied (its outline removed from `glyf`, its `loca` entry made zero-length), the shaping
//! tables are left out (the text was shaped before), all other tables stay as they are. The PDF's glyph ids, widths and ToUnicode map stay valid, and the
//! embedded outlines shrink to the glyphs on the page (a diploma's face: about 15 KB instead of
//! 37 KB; the rest is the tables kept whole).

use std::collections::BTreeSet;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

struct Table {
    tag: [u8; 4],
    data: Vec<u8>,
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Glyphs a composite glyph is made of.
fn components(glyph: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    // numberOfContours below zero: a composite glyph.
    if glyph.len() < 10 || i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(index)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push(index);
        at += 4;
        at += if flags & 0x0001 != 0 { 4 } else { 2 };
        if flags & 0x0008 != 0 {
            at += 2;
        } else if flags & 0x0040 != 0 {
            at += 4;
        } else if flags & 0x0080 != 0 {
            at += 8;
        }
        if flags & 0x0020 == 0 {
            break;
        }
    }
    out
}

/// The font with only `keep` (and glyph 0, and the parts of composite glyphs) left in it;
/// `None` when the font is not a TrueType font this understands (then embed it whole).
pub fn subset(font: &[u8], keep: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let n = usize::from(u16_at(font, 4)?);
    let mut tables = Vec::with_capacity(n);
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        // What a PDF reader draws with: the glyphs, their advances and the font's own
        // tables. Shaping happened before (GSUB, GPOS, GDEF, kern), and a big font's
        // shaping tables would be most of each PDF's copy (the Arabic font's, the emoji
        // font's sequences).
        if matches!(
            &tag,
            b"GSUB" | b"GPOS" | b"GDEF" | b"kern" | b"BASE" | b"JSTF" | b"MATH"
        ) {
            continue;
        }
        tables.push(Table {
            tag,
            data: font.get(off..off + len)?.to_vec(),
        });
    }
    let n = tables.len();
    let find = |t: &[u8; 4]| tables.iter().position(|x| &x.tag == t);
    let (head, loca, glyf) = (find(b"head")?, find(b"loca")?, find(b"glyf")?);
    let long = u16_at(&tables[head].data, 50)? == 1;
    let count = if long {
        tables[loca].data.len() / 4
    } else {
        tables[loca].data.len() / 2
    }
    .checked_sub(1)?;
    let offset = |i: usize| -> Option<usize> {
        let l = &tables[loca].data;
        if long {
            u32_at(l, i * 4).map(|v| v as usize)
        } else {
            u16_at(l, i * 2).map(|v| usize::from(v) * 2)
        }
    };
    let glyph = |i: usize| -> Option<&[u8]> { tables[glyf].data.get(offset(i)?..offset(i + 1)?) };

    // Glyph 0 and what is kept, with the parts of composite glyphs, transitively.
    let mut kept: BTreeSet<u16> = keep
        .iter()
        .copied()
        .filter(|g| usize::from(*g) < count)
        .collect();
    kept.insert(0);
    let mut todo: Vec<u16> = kept.iter().copied().collect();
    while let Some(g) = todo.pop() {
        for c in components(glyph(usize::from(g))?) {
            if usize::from(c) < count && kept.insert(c) {
                todo.push(c);
            }
        }
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((count + 1) * 4);
    for i in 0..count {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if kept.contains(&(i as u16)) {
            new_glyf.extend_from_slice(glyph(i)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    tables[glyf].data = new_glyf;
    tables[loca].data = new_loca;
    // The new loca is the long format.
    tables[head]
        .data
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    tables[head].data.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    // Write the font again: header, table records (sorted by tag), tables 4-aligned.
    tables.sort_by_key(|t| t.tag);
    let mut out = Vec::new();
    out.extend_from_slice(font.get(0..4)?);
    out.extend_from_slice(&(n as u16).to_be_bytes());
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    out.extend_from_slice(&((pow * 16) as u16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&((n * 16 - pow * 16) as u16).to_be_bytes());
    let mut at = 12 + 16 * n;
    let mut body = Vec::new();
    for t in &tables {
        out.extend_from_slice(&t.tag);
        out.extend_from_slice(&checksum(&t.data).to_be_bytes());
        out.extend_from_slice(&(at as u32).to_be_bytes());
        out.extend_from_slice(&(t.data.len() as u32).to_be_bytes());
        body.extend_from_slice(&t.data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        at = 12 + 16 * n + body.len();
    }
    out.extend_from_slice(&body);
    // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let head_at = 12
        + 16 * n
        + tables
            .iter()
            .take_while(|t| &t.tag != b"head")
            .map(|t| t.data.len().div_ceil(4) * 4)
            .sum::<usize>();
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_glyph_numbers_and_drops_the_rest() {
        let font = crate::load::theme::standard_files()["static/fonts/trinvis-sans-regular.ttf"]
            .bytes
            .clone();
        let face = ttf_parser::Face::parse(&font, 0).unwrap();
        let keep: BTreeSet<u16> = "Familien Æblø"
            .chars()
            .filter_map(|c| face.glyph_index(c))
            .map(|g| g.0)
            .collect();
        let small = subset(&font, &keep).unwrap();
        assert!(
            small.len() < font.len() / 2,
            "{} of {}",
            small.len(),
            font.len()
        );
        let sub = ttf_parser::Face::parse(&small, 0).unwrap();
        assert_eq!(sub.number_of_glyphs(), face.number_of_glyphs());
        for c in "Familien Æblø".chars() {
            let g = face.glyph_index(c).unwrap();
            assert_eq!(sub.glyph_index(c), Some(g), "{c}");
            assert_eq!(sub.glyph_hor_advance(g), face.glyph_hor_advance(g));
            assert!(
                sub.glyph_bounding_box(g).is_some() || c == ' ',
                "{c} keeps its outline"
            );
        }
        let z = face.glyph_index('z').unwrap();
        assert!(
            sub.glyph_bounding_box(z).is_none(),
            "an unused glyph is empty"
        );
        assert_eq!(checksum(&small), 0xB1B0_AFBA);
    }
}
