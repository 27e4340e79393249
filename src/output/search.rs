//! The handbook's search: words cut to their Danish stems with the Snowball stemmer
//! (rust-stemmers), the same way the browser cuts a query (`themes/standard/static/search.js`,
//! checked against this by a test).

use super::{Input, OutputKind};
use crate::diagnostics::Diagnostic;
use crate::routes::{Format, Page};
use crate::words::{Stems, words};
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
        let stems = Stems::default();
        let s = crate::views::Strings(&self.input.theme.strings);
        let (pages, sections) = crate::views::search_sections(site, routes, &s);
        // stem → [section, weight, section, weight, …], sections in order.
        let mut terms: BTreeMap<String, BTreeMap<usize, u32>> = BTreeMap::new();
        for (n, s) in sections.iter().enumerate() {
            for (text, weight) in [(&s.heading, HEADING_WEIGHT), (&s.text, 1)] {
                for w in words(text) {
                    *terms.entry(stems.of(&w)).or_default().entry(n).or_default() += weight;
                }
            }
        }
        // The pages searched, as "chapters" with a title and an address.
        let chapters: Vec<(String, String)> = pages
            .into_iter()
            .map(|(title, p)| (title, routes.url(Page::Handbook, p, Format::Html)))
            .collect();
        let sections: Vec<(usize, &str, &str, &str)> = sections
            .iter()
            .map(|s| {
                (
                    s.page,
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
