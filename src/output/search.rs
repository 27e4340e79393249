//! The handbook's search: words cut to their Danish stems with the Snowball stemmer
//! (rust-stemmers), the same way the browser cuts a query (`themes/standard/static/search.js`,
//! checked against this by a test).

use super::{Input, OutputKind};
use crate::diagnostics::Diagnostic;
use crate::routes::{Format, Page};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;

/// How much more a word in a heading counts than a word in the text under it.
const HEADING_WEIGHT: u32 = 10;

/// The handbook's search index, a script beside the handbook's pages
/// (`metode/searchindex.js`): loaded with `<script src>`, it works opened from disk under
/// the pages' strict policy, where fetching a JSON file would not.
pub struct Search<'a> {
    input: &'a Input<'a>,
}

impl<'a> Search<'a> {
    pub fn new(input: &'a Input<'a>) -> Search<'a> {
        Search { input }
    }
}

impl OutputKind for Search<'_> {
    fn format(&self) -> Format {
        Format::Js
    }

    fn draws(&self, page: Page) -> bool {
        page == Page::Handbook
    }

    fn page(&self, _: Page) -> Result<Vec<u8>, Diagnostic> {
        let (site, routes) = (self.input.site, self.input.routes);
        let stemmer = Stemmer::create(Algorithm::Danish);
        let sections = crate::views::search_sections(site, routes);
        // stem → [section, weight, section, weight, …], sections in order.
        let mut terms: BTreeMap<String, BTreeMap<usize, u32>> = BTreeMap::new();
        for (n, s) in sections.iter().enumerate() {
            for (text, weight) in [(&s.heading, HEADING_WEIGHT), (&s.text, 1)] {
                for w in words(text) {
                    *terms
                        .entry(stemmer.stem(&w).into_owned())
                        .or_default()
                        .entry(n)
                        .or_default() += weight;
                }
            }
        }
        let chapters: Vec<(String, String)> = (0..site.chapters.len())
            .map(|i| {
                (
                    site.chapters[i].doc.data.titel.clone(),
                    routes.url(Page::Handbook, Page::Chapter(i), Format::Html),
                )
            })
            .collect();
        let sections: Vec<(usize, &str, &str, &str)> = sections
            .iter()
            .map(|s| {
                (
                    s.chapter,
                    s.heading.as_str(),
                    s.anchor.as_str(),
                    s.text.as_str(),
                )
            })
            .collect();
        let terms: BTreeMap<String, Vec<u32>> = terms
            .into_iter()
            .map(|(t, hits)| {
                let flat = hits.into_iter().flat_map(|(n, w)| [n as u32, w]).collect();
                (t, flat)
            })
            .collect();
        let index = serde_json::json!({
            "chapters": chapters,
            "sections": sections,
            "terms": terms,
        });
        // `</` cannot end a script loaded from a file, but is escaped as in a page anyway.
        let json = index.to_string().replace("</", "<\\/");
        Ok(format!("window.trinvisSearchIndex={json};\n").into_bytes())
    }
}

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
