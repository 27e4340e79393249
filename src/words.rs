//! Words and their Danish stems (the Snowball stemmer, from rust-stemmers), shared by the
//! handbook's search and its glossary, so that "planlægningen" and "planlægning", or
//! "delmålene" and "delmål", are the same word to both.

use rust_stemmers::{Algorithm, Stemmer};

/// The words of a text, in lower case: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of a text with where each stands (byte ranges in `text`), as written.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A Danish stemmer, made once and used for many words.
pub struct Stems(Stemmer);

impl Default for Stems {
    fn default() -> Stems {
        Stems(Stemmer::create(Algorithm::Danish))
    }
}

impl Stems {
    /// One word's stem (the word in lower case first). Snowball only cuts endings, so the
    /// stem of a word always begins the word.
    pub fn of(&self, word: &str) -> String {
        self.0.stem(&word.to_lowercase()).into_owned()
    }
}

/// One lower-case word cut to its stem: `planlægningen` and `planlægning` become
/// `planlægning`, `planlægge` becomes `planlæg` (the search matches a stem that begins
/// another, so the three find each other).
pub fn stem(word: &str) -> String {
    Stems::default().of(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word_share_a_stem() {
        assert_eq!(stem("planlægningen"), "planlægning");
        assert_eq!(stem("planlægning"), "planlægning");
        assert_eq!(stem("planlægge"), "planlæg");
        assert_eq!(stem("netværksmøder"), stem("netværksmøde"));
        assert_eq!(stem("Delmålene"), stem("delmål"));
        assert_eq!(
            words("Livline – og NETVÆRK, 2025!"),
            ["livline", "og", "netværk", "2025"]
        );
    }

    #[test]
    fn word_spans_are_where_the_words_stand() {
        let t = "Et makkerpar, to – SoS!";
        let w: Vec<&str> = spans(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(w, ["Et", "makkerpar", "to", "SoS"]);
    }
}
