//! Every letter the handbook's PDF sets must be one its font has, each at its
//! `file:line:col`. (A family's PDFs check theirs as they lay their pages out:
//! [`crate::output::OutputKind::findings`].)

use super::*;

/// The characters of `text` the font lacks, each once.
pub(super) fn missing_chars(text: &str, m: &crate::draw::font::Metrics) -> Vec<char> {
    text.chars()
        .filter(|c| !m.has(*c))
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        })
}

/// A Markdown body, character by character, so the message points at the character.
pub(super) fn body_glyphs(
    src: &Source,
    m: &crate::draw::font::Metrics,
    pdf: &str,
    d: &mut Diagnostics,
) {
    let start = src.body.start;
    let mut seen = Vec::new();
    for (at, c) in src.body_text().char_indices() {
        if !m.has(c) && !seen.contains(&c) {
            seen.push(c);
            d.push(missing_glyphs(src, src.pos_of(start + at), &[c], pdf));
        }
    }
}

/// Characters the theme's font does not have, where a PDF (`pdf`, in words) would need them.
pub(crate) fn missing_glyphs(
    src: &Source,
    at: crate::diagnostics::Pos,
    chars: &[char],
    pdf: &str,
) -> crate::diagnostics::Diagnostic {
    let shown: Vec<String> = chars
        .iter()
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    src.error_at(
        at,
        format!("tegn, som skriften ikke har, kan ikke stå i {pdf}"),
    )
    .value(shown.join(", "))
    .help(
        "Skriv teksten uden tegnet (fx uden emoji), eller brug et almindeligt bogstav eller tegn.",
    )
}
