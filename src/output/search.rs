//! The handbook's search: words cut to their Danish stems with the Snowball stemmer
//! (rust-stemmers), the same way the browser cuts a query (`themes/standard/static/search.js`,
//! checked against this by a test).

use rust_stemmers::{Algorithm, Stemmer};

/// The words of a text, in lower case: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// One lower-case word cut to its stem: `planlægningen` and `planlægning` become
/// `planlægning`, `planlægge` becomes `planlæg` (the search matches a stem that begins
/// another, so the three find each other).
pub fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::Danish).stem(word).into_owned()
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
        assert_eq!(
            words("Livline – og NETVÆRK, 2025!"),
            ["livline", "og", "netværk", "2025"]
        );
    }
}
