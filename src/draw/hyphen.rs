//! Where a word too wide for its line may be cut: after a hyphen it has, and at the points
//! Danish hyphenation allows (Knuth–Liang with the TeX patterns by Frank Jensen, MIT, in
//! `hyph-da.standard.bincode` from the `hyphenation` crate). A name is never hyphenated: it is
//! cut only at its own hyphens. A word cut anywhere else shows a hyphen at the cut, so a
//! reader sees that it goes on.
//!
//! Every writer of lines (the charts' labels, the PDFs' text) cuts words with [`cut`], so a
//! word is cut the same way on screen and on paper.

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

const DANISH: &[u8] = include_bytes!("hyph-da.standard.bincode");

/// Longer than any Danish word: a "word" of more letters is cut between letters only.
const LONGEST_WORD: usize = 80;

fn danish() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_reader(Language::Danish, &mut &DANISH[..]).ok())
        .as_ref()
}

/// Whether a word reads as a name: it begins with a capital and is not longer than a name
/// is. A compound at the start of a sentence ("Beskæftigelsesindsatsen") is longer than that
/// and is hyphenated as a word.
fn is_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() < 16
}

/// The places a word may be cut, as byte offsets, each with whether a hyphen must be shown
/// there: after each of its own hyphens (none added), and at each Danish hyphenation point
/// of its parts that are not names (one added). In order, without the word's ends.
pub fn breaks(word: &str) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, part) in word.split_inclusive('-').enumerate() {
        let letters = part.trim_end_matches('-');
        if i > 0 && start < word.len() {
            out.push((start, false));
        }
        if !is_name(letters)
            && letters.chars().count() <= LONGEST_WORD
            && let Some(d) = danish()
        {
            let lower = letters.to_lowercase();
            // The patterns' points are byte offsets into the lowercased word; they stand for
            // the same letters only when lowercasing kept every letter's length.
            if lower.len() == letters.len() {
                out.extend(
                    d.hyphenate(&lower)
                        .breaks
                        .into_iter()
                        .map(|b| (start + b, true)),
                );
            }
        }
        start += part.len();
    }
    out.retain(|(b, _)| *b > 0 && *b < word.len());
    out.sort_unstable();
    out.dedup_by_key(|(b, _)| *b);
    out
}

/// A word wider than `max` cut into pieces that each fit: at the furthest of its
/// [`breaks`] that fits, else between letters, as many as fit with the hyphen shown. `width`
/// measures a letter (with its byte offset); `hyphen` is the hyphen's width. Returns each
/// piece's end (a byte offset) and whether it shows a hyphen; the last piece ends the word.
/// Every piece has at least one letter, so a box narrower than a letter still gets the word.
pub fn cut(
    word: &str,
    max: f32,
    hyphen: f32,
    width: impl Fn(usize, char) -> f32,
) -> Vec<(usize, bool)> {
    // The width of the word up to each letter's start, and to its end.
    let mut at: Vec<usize> = Vec::with_capacity(word.len() / 2 + 1);
    let mut sum: Vec<f32> = Vec::with_capacity(word.len() / 2 + 2);
    let mut total = 0.0;
    sum.push(0.0);
    for (i, c) in word.char_indices() {
        at.push(i);
        total += width(i, c);
        sum.push(total);
    }
    at.push(word.len());
    let index = |byte: usize| at.binary_search(&byte).ok();
    let breaks: Vec<(usize, usize, bool)> = if at.len() - 1 <= LONGEST_WORD {
        breaks(word)
            .into_iter()
            .filter_map(|(b, h)| index(b).map(|k| (k, b, h)))
            .collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let mut from = 0; // a letter's index
    let last = at.len() - 1;
    while from < last {
        if sum[last] - sum[from] <= max {
            out.push((word.len(), false));
            break;
        }
        let fits = |k: usize, h: bool| sum[k] - sum[from] + if h { hyphen } else { 0.0 } <= max;
        let at_break = breaks
            .iter()
            .rfind(|(k, _, h)| *k > from && fits(*k, *h))
            .map(|(k, _, h)| (*k, *h));
        let (to, h) = match at_break {
            Some(b) => b,
            None => {
                // Between letters, with a hyphen: as many letters as fit, and at least one.
                let mut k = from + 1;
                while k + 1 < last && fits(k + 1, true) {
                    k += 1;
                }
                (k, k < last)
            }
        };
        out.push((at[to], h));
        from = to;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(word: &str, max: usize) -> Vec<String> {
        // One unit a letter, one for the hyphen.
        let cuts = cut(word, max as f32, 1.0, |_, _| 1.0);
        let mut from = 0;
        cuts.into_iter()
            .map(|(to, h)| {
                let p = format!("{}{}", &word[from..to], if h { "-" } else { "" });
                from = to;
                p
            })
            .collect()
    }

    #[test]
    fn danish_compounds_are_hyphenated_where_danish_allows() {
        let b = breaks("beskæftigelsesindsatsen");
        assert!(!b.is_empty());
        assert!(b.iter().all(|(_, h)| *h));
        let p = pieces("Beskæftigelsesindsatsen", 12);
        assert!(p.len() >= 2, "{p:?}");
        assert!(p.iter().all(|x| x.chars().count() <= 12), "{p:?}");
        assert_eq!(p.concat().replace('-', ""), "Beskæftigelsesindsatsen");
        assert!(p[..p.len() - 1].iter().all(|x| x.ends_with('-')), "{p:?}");
    }

    #[test]
    fn names_are_cut_at_their_own_hyphens_only() {
        assert_eq!(breaks("Hassan"), vec![]);
        assert_eq!(breaks("Thomsen-Østergaard"), vec![(8, false)]);
        assert_eq!(
            pieces("Thomsen-Østergaard", 12),
            vec!["Thomsen-".to_string(), "Østergaard".into()]
        );
    }

    /// Where no cut fits, a word is cut between letters and the cut shows a hyphen; even a
    /// box narrower than a letter gets one letter a line, and nothing is lost.
    #[test]
    fn a_word_that_cannot_be_hyphenated_still_shows_its_cut() {
        let p = pieces("Hassanabdirahmanwarsame", 6);
        assert!(p[..p.len() - 1].iter().all(|x| x.ends_with('-')), "{p:?}");
        assert_eq!(p.concat().replace('-', ""), "Hassanabdirahmanwarsame");
        let p = pieces("abc", 0);
        assert_eq!(p.concat().replace('-', ""), "abc");
    }
}
