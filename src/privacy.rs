//! Privacy checks: CPR numbers (DDMMYY-SSSS) must never be in content, so never in output
//! (found by [`crate::cpr`]); diagnoses stay off what leaves the team.

use crate::cpr::find_cpr;

use crate::diagnostics::{Diagnostic, Pos};
use crate::source::Source;
use std::collections::HashSet;

mod decoded;

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
    find_words(text, DIAGNOSIS_WORDS, &[])
}

/// Word beginnings of the staff's own terms that a family does not use of itself: a report
/// of concern, the scores, the job centre's categories, paragraphs. A page handed to the
/// family says it in everyday words.
pub const STAFF_WORDS: &[&str] = &[
    "underretning",
    "aktivitetsparat",
    "jobparat",
    "uddannelsesparat",
    "sanktion",
    "visitation",
    "visiteret",
    "børnefaglig",
    "paragraf",
];

/// The staff's terms that are whole words (the scores' names).
pub const STAFF_WHOLE_WORDS: &[&str] = &["who", "sdq"];

/// Byte offsets and words in `text` that begin with one of [`STAFF_WORDS`], are one of
/// [`STAFF_WHOLE_WORDS`], or a paragraph sign ("§ 50").
pub fn find_staff_words(text: &str) -> Vec<(usize, String)> {
    let mut out = find_words(text, STAFF_WORDS, STAFF_WHOLE_WORDS);
    if let Some(i) = text.find('§') {
        out.push((i, "§".to_string()));
        out.sort();
    }
    out
}

/// Byte offsets and words in `text` that begin with one of `list` or are one of `whole` (in
/// lower case).
fn find_words(text: &str, list: &[&str], whole: &[&str]) -> Vec<(usize, String)> {
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
            if list.iter().any(|d| word.starts_with(d)) || whole.contains(&word.as_str()) {
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
    fn finds_diagnosis_words() {
        let found = find_diagnoses(
            "Sanne har haft en depression og ADHD; Diagnosen kom sent. Angst for møder er ok.",
        );
        let words: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(words, ["depression", "ADHD", "Diagnosen"]);
        assert_eq!(found[0].0, 18);
    }

    #[test]
    fn finds_staff_words() {
        let found = find_staff_words("Underretningen fra skolen; WHO-5 steget, § 50, Whoopi");
        let words: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(words, ["Underretningen", "WHO", "§"]);
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
