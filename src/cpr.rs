//! CPR-like numbers (DDMMYY and four digits) in text and in bytes, and masking them: the one
//! rule every check, every last look and every message uses. It depends on nothing else in
//! trinvis, so that messages ([`crate::diagnostics`]) can mask what they print.

/// Whether day `d` of month `m` exists in a year ending in `yy`, in any century (a real day
/// and month is enough to treat ten digits as a CPR number; 29 February counts when it
/// exists in 19yy or 20yy).
fn real_day(d: u32, m: u32, yy: u32) -> bool {
    let leap = |y: u32| (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(1900 + yy) || leap(2000 + yy) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// What may stand between the date and the serial number of a CPR number as people write
/// it: nothing, a hyphen, a space or a dot, and the look-alikes pasted from word processors
/// (non-breaking space and hyphen, figure, en and em dash, minus).
const SEPARATORS: &[char] = &[
    '-', ' ', '.', '\u{00A0}', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}',
    '\u{2212}',
];

/// Byte ranges of CPR-like numbers: six digits forming a real date (DDMMYY), an optional
/// separator, four digits, and no digit right before or after.
pub fn find_cpr(text: &str) -> Vec<std::ops::Range<usize>> {
    find_cpr_bytes(text.as_bytes())
}

/// `find_cpr` in any bytes, such as a file's compressed streams: the separators are looked
/// for as UTF-8. It goes from one run of digits to the next, so a page is read about as fast
/// as it is copied.
pub fn find_cpr_bytes(b: &[u8]) -> Vec<std::ops::Range<usize>> {
    let run_end = |from: usize| {
        b[from..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map_or(b.len(), |n| from + n)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(n) = b[i..].iter().position(u8::is_ascii_digit) {
        let start = i + n;
        let end = run_end(start);
        i = end;
        let serial = match end - start {
            10 => start + 6,
            6 => {
                let Some(sep) = SEPARATORS.iter().find_map(|c| {
                    let mut buf = [0; 4];
                    let s = c.encode_utf8(&mut buf).as_bytes();
                    b[end..].starts_with(s).then_some(s.len())
                }) else {
                    continue;
                };
                let serial = end + sep;
                if run_end(serial) != serial + 4 {
                    continue;
                }
                serial
            }
            _ => continue,
        };
        let num = |a: usize| (b[a] - b'0') as u32 * 10 + (b[a + 1] - b'0') as u32;
        let (d, m, y) = (num(start), num(start + 2), num(start + 4));
        if real_day(d, m, y) {
            out.push(start..serial + 4);
            i = serial + 4;
        }
    }
    out
}

/// The text with the serial part of every CPR-like number replaced by `*`, also where the
/// separator is written as an escape, an entity or markup (`120385\x2d1234`,
/// `120385&#45;1234`, ``120385`-`1234``), as a message may quote a line as it was written.
pub fn mask(text: &str) -> String {
    let mut out = text.to_string();
    for r in find_cpr(text) {
        out.replace_range(r.end - 4..r.end, "****");
    }
    let b = out.as_bytes().to_vec();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i + 6 <= b.len() {
        if (i > 0 && digit(i - 1)) || !(i..i + 6).all(digit) {
            i += 1;
            continue;
        }
        let mut j = i + 6;
        let mut written = 0;
        while let Some(n) = written_separator(&b[j..]) {
            j += n;
            written += 1;
        }
        if written > 0 && (j..j + 4).all(digit) && !digit(j + 4) {
            out.replace_range(j..j + 4, "****");
            i = j + 4;
        } else {
            i += 6;
        }
    }
    out
}

/// The length of a separator written otherwise than as itself at the start of `b`: an escape
/// (`\x2d`, `\u2013`, `\-`), an HTML entity (`&#45;`, `&#x2d;`, `&ndash;`), markup
/// (`` ` ``, `*`, `_`, `~`) or a separator.
fn written_separator(b: &[u8]) -> Option<usize> {
    let hex = |from: usize, n: usize| {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_hexdigit)
    };
    match b {
        [b'\\', b'x', ..] if hex(2, 2) => Some(4),
        [b'\\', b'u', ..] if hex(2, 4) => Some(6),
        [b'\\', b'U', ..] if hex(2, 8) => Some(10),
        [b'\\', c, ..] if !c.is_ascii_alphanumeric() => Some(2),
        [b'&', rest @ ..] => {
            let end = rest.iter().take(10).position(|&c| c == b';')?;
            let name = &rest[..end];
            let ok = match name {
                [b'#', b'x' | b'X', h @ ..] => !h.is_empty() && h.iter().all(u8::is_ascii_hexdigit),
                [b'#', d @ ..] => !d.is_empty() && d.iter().all(u8::is_ascii_digit),
                n => !n.is_empty() && n.iter().all(u8::is_ascii_alphabetic),
            };
            ok.then_some(end + 2)
        }
        [b'`' | b'*' | b'_' | b'~', ..] => Some(1),
        _ => {
            let s = std::str::from_utf8(&b[..b.len().min(4)])
                .or_else(|e| std::str::from_utf8(&b[..e.valid_up_to()]))
                .ok()?;
            let c = s.chars().next()?;
            SEPARATORS.contains(&c).then(|| c.len_utf8())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cpr_numbers_in_all_forms() {
        for t in [
            "cpr 120385-1234 ok",
            "1203851234",
            "120385 1234",
            "120385.1234",
            "120385\u{2013}1234",
            "120385\u{2014}1234",
            "120385\u{00A0}1234",
            "120385\u{2011}1234",
            "familier/120385-1234/index.html",
        ] {
            assert_eq!(find_cpr(t).len(), 1, "{t}");
            assert!(!mask(t).contains("1234"), "{t}");
        }
    }

    #[test]
    fn finds_cpr_numbers_among_bytes_that_are_not_text() {
        let mut b = vec![0xFF, 0x00, b'x'];
        b.extend_from_slice("120385\u{00A0}1234".as_bytes());
        b.extend_from_slice(&[0xC3, b'9']);
        assert_eq!(find_cpr_bytes(&b), vec![3..15]);
        assert!(find_cpr_bytes(&[0xFF, b'1', b'2', 0x00]).is_empty());
    }

    #[test]
    fn masks_numbers_written_with_escapes_entities_or_markup() {
        for t in [
            "nr: \"120385\\x2d1234\"",
            "nr: \"120385\\u20131234\"",
            "nr: 120385\\-1234",
            "nr: 120385&#45;1234",
            "nr: 120385&#x2D;1234",
            "nr: 120385&ndash;1234",
            "nr: 120385`-`1234",
        ] {
            let m = mask(t);
            assert!(m.contains("****") && !m.contains("1234"), "{t} → {m}");
        }
        assert_eq!(mask("år 2025-03-01 kl. 1234"), "år 2025-03-01 kl. 1234");
    }

    #[test]
    fn ignores_what_is_not_a_cpr_number() {
        assert!(find_cpr("tlf. 12 34 56 78").is_empty());
        assert!(find_cpr("991385-1234").is_empty(), "month 13 is no date");
        assert!(find_cpr("12038512345").is_empty(), "11 digits");
        assert!(find_cpr("beløb 5000 kr, 2025-03-01").is_empty());
    }

    #[test]
    fn a_real_day_in_any_century() {
        assert!(real_day(29, 2, 0), "2000 is a leap year");
        assert!(real_day(29, 2, 4));
        assert!(!real_day(29, 2, 1));
        assert!(!real_day(31, 4, 85));
        assert!(!real_day(0, 1, 85));
        assert!(!real_day(1, 13, 85));
    }
}
