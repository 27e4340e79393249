//! Every letter the handbook's PDF sets should be one a font of the chain has (the theme's,
//! then Latin of every orthography, Greek and Cyrillic, Arabic script, Ethiopic, emoji): a
//! letter none has is a warning at its `file:line:col`, and the PDF shows an empty box for
//! it. (A family's PDFs check theirs as they lay their pages out:
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

/// The message for letters no font has (`{pdf}`: which PDF).
pub(crate) const MISSING_GLYPHS: &str =
    "tegn, som ingen af skrifterne har, bliver til en tom firkant i {pdf}";

/// Characters no font of the chain has, where a PDF (`pdf`, in words) would need them.
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
    src.warning_at(at, MISSING_GLYPHS.replace("{pdf}", pdf))
        .value(shown.join(", "))
        .help(
            "Resten af teksten kommer med. Skal tegnet kunne læses på papir, så skriv det også på en anden måde, fx et navn med latinske bogstaver i parentes.",
        )
}
