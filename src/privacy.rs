//! Privacy checks: CPR numbers (DDMMYY-SSSS) must never be in content, so never in output.

use crate::diagnostics::{Diagnostic, Pos};
use crate::model::Date;
use crate::source::Source;
use std::collections::HashSet;

mod decoded;

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
        // Any century: a real day and month is enough to treat it as a CPR number.
        if Date::new(2000 + y as i32, m, d).is_some() || Date::new(1900 + y as i32, m, d).is_some()
        {
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

/// One error per CPR-like number in a text file (`rel`, relative to the site root). The
/// diagnostics mask the number themselves (see `Diagnostics::push`).
pub fn check_text(rel: &str, text: &str) -> Vec<Diagnostic> {
    find_cpr(text)
        .into_iter()
        .map(|r| {
            let before = &text[..r.start];
            let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let pos = Pos {
                line: before.matches('\n').count() + 1,
                col: before[line_start..].chars().count() + 1,
            };
            let line = text[line_start..].lines().next();
            Diagnostic::error(rel, pos, "teksten ligner et CPR-nummer")
                .value(&text[r])
                .help(CPR_HELP)
                .snippet(line)
        })
        .collect()
}

pub const CPR_HELP: &str = "CPR-numre må aldrig stå i trinvis. Slet nummeret; brug personens pseudonym og fødselsår i stedet.";

/// One error per CPR-like number in a source file: in its text as written, and in its values
/// as they are read and shown ([`decoded`]), so that no way of writing one gets it through.
/// `scalars` are its YAML part's, as [`Source::walk`] reads them.
pub fn check_source(src: &Source, scalars: &[(Pos, String)]) -> Vec<Diagnostic> {
    let mut out = check_text(&src.rel, &src.text);
    out.extend(check_decoded(
        &src.rel,
        &src.text,
        scalars,
        (!src.body.is_empty()).then(|| (src.body_text(), src.body.start)),
    ));
    out
}

/// [`check_source`] for a YAML file that is not content (a theme's strings).
pub fn check_yaml(rel: &str, text: &str) -> Vec<Diagnostic> {
    let src = Source::yaml(rel, text.to_string());
    check_source(&src, &src.walk().scalars)
}

/// The errors for CPR-like numbers that only the decoded values show (the text as written
/// holds none of them): YAML's `\x2d`, `\u2013` and escaped line breaks, lines folded into
/// one, Markdown's backslashes and entities (`&#45;`), markup between the digits.
fn check_decoded(
    rel: &str,
    text: &str,
    scalars: &[(Pos, String)],
    body: Option<(&str, usize)>,
) -> Vec<Diagnostic> {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let written: HashSet<String> = find_cpr(text)
        .into_iter()
        .map(|r| digits(&text[r]))
        .collect();
    let mut out = Vec::new();
    let mut seen = written;
    for value in decoded::values(scalars, body, text) {
        for r in find_cpr(&value.text) {
            let pos = value.pos(r.start);
            let number = &value.text[r];
            if seen.insert(digits(number)) {
                // No snippet: the line as written holds the number in a form a mask would
                // not recognise.
                out.push(
                    Diagnostic::error(rel, pos, "teksten bliver til noget, der ligner et CPR-nummer, når den læses")
                        .value(number)
                        .help(format!("{CPR_HELP} Her er det skrevet med tegnkoder, escape-tegn eller opmærkning, men på siden står det som et CPR-nummer.")),
                );
            }
        }
    }
    out
}

/// An error for a file or folder whose name (or path) holds a CPR-like number: the name
/// would be published as the page's address.
pub fn check_name(rel: &str) -> Option<Diagnostic> {
    (!find_cpr(rel).is_empty()).then(|| {
        Diagnostic::error(rel, Pos::START, "navnet ligner et CPR-nummer")
            .value(rel)
            .help("Omdøb filen eller mappen: navnet bliver sidens adresse. Brug fx familiens pseudonym.")
    })
}

/// Word beginnings that name a diagnosis or an addiction. Such words stay off the diploma
/// (and other material that leaves the team) unless the family has consented.
pub const DIAGNOSIS_WORDS: &[&str] = &[
    "diagnose",
    "depression",
    "depressiv",
    "adhd",
    "autisme",
    "autist",
    "asperger",
    "ptsd",
    "skizofren",
    "bipolar",
    "ocd",
    "spiseforstyrrelse",
    "anoreksi",
    "bulimi",
    "misbrug",
    "alkoholiker",
    "alkoholisme",
    "angstlidelse",
    "personlighedsforstyrrelse",
    "psykose",
    "psykotisk",
];

/// Byte offsets and words in `text` that begin with one of [`DIAGNOSIS_WORDS`].
pub fn find_diagnoses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            let word = text[s..i].to_lowercase();
            if DIAGNOSIS_WORDS.iter().any(|d| word.starts_with(d)) {
                out.push((s, text[s..i].to_string()));
            }
        }
    }
    out
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
    fn finds_diagnosis_words() {
        let found = find_diagnoses(
            "Sanne har haft en depression og ADHD; Diagnosen kom sent. Angst for møder er ok.",
        );
        let words: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(words, ["depression", "ADHD", "Diagnosen"]);
        assert_eq!(found[0].0, 18);
    }

    #[test]
    fn error_masks_the_number() {
        let s = Source::yaml("f.yaml", "navn: x\nnote: 120385-1234\n".into());
        let d = check_source(&s, &s.walk().scalars);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].pos.line, d[0].pos.col), (2, 7));
        let mut all = crate::diagnostics::Diagnostics::new();
        all.extend_from(d);
        let d = all.iter().next().unwrap();
        assert_eq!(d.value.as_deref(), Some("120385-****"));
        assert!(!d.to_string().contains("1234"));
    }
}
