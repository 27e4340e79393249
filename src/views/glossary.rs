//! The handbook's glossary: its page (every word, in Danish alphabetical order, with the
//! chapters that use it) and the explanation a chapter gets where it first uses a word.
//!
//! A word is found in its inflected forms too: the text's words and the glossary's are
//! compared by their Danish stems, so "makkerparret" and "delmålene" are "makkerpar" and
//! "delmål". Headings, links, code and table headers are left as they are.

use super::rich::{Block, Body, Span};
use super::{ChapterLink, Strings, chapter_links};
use crate::markdown::anchor;
use crate::model::{Site, Term};
use crate::routes::Target;
use crate::words::{self, Stems};
use serde::Serialize;
use std::collections::HashSet;

/// The glossary's words, ready to be found in text.
pub(crate) struct Terms {
    entries: Vec<Entry>,
    stems: Stems,
}

struct Entry {
    /// The word's id on the glossary page.
    id: String,
    word: String,
    explain: String,
    /// Other ways it is written, as written.
    also: Vec<String>,
    /// The chapter that tells more (it explains the word itself, so gets no explanation).
    chapter: Option<String>,
    /// Each way the word is written, as its words' stems.
    phrases: Vec<Vec<String>>,
}

impl Terms {
    /// The site's glossary; empty when it has none.
    pub(crate) fn new(site: &Site) -> Terms {
        Terms::of(site.glossary.as_ref().map_or(&[], |g| &g.data.ord))
    }

    fn of(terms: &[Term]) -> Terms {
        let stems = Stems::default();
        let mut ids = HashSet::new();
        let mut entries = Vec::new();
        for t in terms {
            let word = t.ord.trim();
            let mut phrases: Vec<Vec<String>> = std::iter::once(word)
                .chain(t.ogsaa.iter().map(|o| o.trim()))
                .map(|p| words::words(p).iter().map(|w| stems.of(w)).collect())
                .filter(|p: &Vec<String>| !p.is_empty())
                .collect();
            if phrases.is_empty() {
                continue;
            }
            // The longest way first, so "Signs of Safety" wins over "Signs".
            phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            let mut id = anchor(word);
            let base = id.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            entries.push(Entry {
                id,
                word: word.to_string(),
                explain: t.forklaring.trim().to_string(),
                also: t
                    .ogsaa
                    .iter()
                    .map(|o| o.trim().to_string())
                    .filter(|o| !o.is_empty())
                    .collect(),
                chapter: t.chapter().map(str::to_string),
                phrases,
            });
        }
        Terms { entries, stems }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Explain each word where the chapter `slug` first uses it; returns the words explained
    /// (their places in the glossary).
    pub(crate) fn mark(&self, body: &mut Body, slug: &str) -> Vec<usize> {
        let mut st = Found {
            // A chapter that tells more about a word explains it itself.
            done: self
                .entries
                .iter()
                .map(|e| e.chapter.as_deref() == Some(slug))
                .collect(),
            order: Vec::new(),
        };
        if !self.is_empty() {
            self.blocks(&mut body.blocks, &mut st);
        }
        st.order
    }

    fn blocks(&self, blocks: &mut [Block], st: &mut Found) {
        for b in blocks {
            if st.all_done() {
                return;
            }
            match b {
                Block::Para(s) | Block::Plain(s) => self.spans(s, st),
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(&mut item.blocks, st);
                    }
                }
                Block::Quote(blocks) | Block::Footnote { blocks, .. } => self.blocks(blocks, st),
                Block::Table { rows, .. } => {
                    for cell in rows.iter_mut().flatten() {
                        self.spans(cell, st);
                    }
                }
                Block::Heading { .. } | Block::Code(_) | Block::Rule => {}
            }
        }
    }

    fn spans(&self, spans: &mut Vec<Span>, st: &mut Found) {
        if st.all_done() {
            return;
        }
        // Text split by line breaks in the source is one text here, so that a word of two
        // words can stand across a line.
        let mut old: Vec<Span> = Vec::with_capacity(spans.len());
        for s in std::mem::take(spans) {
            match (old.last_mut(), s) {
                (Some(Span::Text(a)), Span::Text(b)) => a.push_str(&b),
                (_, s) => old.push(s),
            }
        }
        for s in old {
            match s {
                Span::Text(t) => self.text(t, spans, st),
                Span::Emph(mut c) => {
                    self.spans(&mut c, st);
                    spans.push(Span::Emph(c));
                }
                Span::Strong(mut c) => {
                    self.spans(&mut c, st);
                    spans.push(Span::Strong(c));
                }
                Span::Strike(mut c) => {
                    self.spans(&mut c, st);
                    spans.push(Span::Strike(c));
                }
                other => spans.push(other),
            }
        }
    }

    /// A text, with the words in it that are still to be explained made terms.
    fn text(&self, t: String, out: &mut Vec<Span>, st: &mut Found) {
        let at = words::spans(&t);
        // Each word in lower case, and its stem once it is needed: made once per text.
        let lower: Vec<String> = at.iter().map(|&(a, b)| t[a..b].to_lowercase()).collect();
        let mut stems: Vec<Option<String>> = vec![None; at.len()];
        let mut from = 0;
        let mut k = 0;
        while k < at.len() && !st.all_done() {
            match self.find(&lower[k..], &mut stems[k..], st) {
                Some((e, n)) => {
                    let (a, b) = (at[k].0, at[k + n - 1].1);
                    if a > from {
                        out.push(Span::Text(t[from..a].to_string()));
                    }
                    let entry = &self.entries[e];
                    out.push(Span::Term {
                        text: t[a..b].to_string(),
                        id: entry.id.clone(),
                        explain: entry.explain.clone(),
                    });
                    st.done[e] = true;
                    st.order.push(e);
                    from = b;
                    k += n;
                }
                None => k += 1,
            }
        }
        if from < t.len() {
            out.push(Span::Text(t[from..].to_string()));
        }
    }

    /// The word still to be explained that the words from `lower[0]` on are (in lower
    /// case, with their stems as far as made), and how many words it takes.
    fn find(
        &self,
        lower: &[String],
        stems: &mut [Option<String>],
        st: &Found,
    ) -> Option<(usize, usize)> {
        for (e, entry) in self.entries.iter().enumerate() {
            if st.done[e] {
                continue;
            }
            for p in &entry.phrases {
                if p.len() > lower.len() {
                    continue;
                }
                let fits = p.iter().enumerate().all(|(j, want)| {
                    // A stem begins its word: most words are passed over without stemming.
                    if !lower[j].starts_with(want.as_str()) {
                        return false;
                    }
                    stems[j].get_or_insert_with(|| self.stems.of(&lower[j])) == want
                });
                if fits {
                    return Some((e, p.len()));
                }
            }
        }
        None
    }
}

/// The words explained so far in a chapter.
struct Found {
    done: Vec<bool>,
    order: Vec<usize>,
}

impl Found {
    fn all_done(&self) -> bool {
        self.done.iter().all(|d| *d)
    }
}

/// The glossary page.
#[derive(Serialize)]
pub(crate) struct GlossaryView {
    /// The first letters of the words, for the row of letters at the top.
    letters: Vec<Letter>,
    pub(crate) entries: Vec<EntryView>,
}

#[derive(Serialize)]
struct Letter {
    letter: String,
    /// The id of the first word under it.
    id: String,
}

#[derive(Serialize)]
pub(crate) struct EntryView {
    pub(crate) id: String,
    pub(crate) word: String,
    pub(crate) also: Vec<String>,
    pub(crate) explain: String,
    /// The chapter that tells more.
    pub(crate) more: Option<ChapterLink>,
    /// The other chapters that use the word.
    pub(crate) used_in: Vec<ChapterLink>,
}

/// The glossary in Danish alphabetical order (æ, ø, å after z; "aa" as å), each word with
/// the chapter that tells more and the chapters that use it: `explained` holds the words
/// each chapter explains ([`Terms::mark`]), chapter by chapter in order (empty: none known).
pub(crate) fn glossary_of(
    site: &Site,
    terms: &Terms,
    explained: Vec<Vec<usize>>,
    s: &Strings,
) -> GlossaryView {
    let links = chapter_links(site, None, s);
    let mut used: Vec<Vec<usize>> = vec![Vec::new(); terms.entries.len()];
    for (i, words) in explained.into_iter().enumerate() {
        for e in words {
            used[e].push(i);
        }
    }
    let mut entries: Vec<EntryView> = terms
        .entries
        .iter()
        .zip(used)
        .map(|(e, used)| {
            let more = e
                .chapter
                .as_deref()
                .and_then(|k| site.chapters.iter().position(|c| c.slug == k));
            EntryView {
                id: e.id.clone(),
                word: e.word.clone(),
                also: e.also.clone(),
                explain: e.explain.clone(),
                more: more.map(|j| links[j].clone()),
                used_in: used
                    .into_iter()
                    .filter(|j| Some(*j) != more)
                    .map(|j| links[j].clone())
                    .collect(),
            }
        })
        .collect();
    entries.sort_by_cached_key(|e| (sort_key(&e.word), e.word.clone()));
    let mut letters: Vec<Letter> = Vec::new();
    for e in &entries {
        let l = first_letter(&e.word);
        if letters.last().is_none_or(|x| x.letter != l) {
            letters.push(Letter {
                letter: l,
                id: e.id.clone(),
            });
        }
    }
    GlossaryView { letters, entries }
}

/// A word's first letter, in capitals ("aa" is Å).
fn first_letter(word: &str) -> String {
    let lower = word.trim().to_lowercase();
    if lower.starts_with("aa") {
        return "Å".into();
    }
    lower
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

/// Danish alphabetical order: æ, ø, å after z, and "aa" as å.
fn sort_key(word: &str) -> Vec<u32> {
    word.trim()
        .to_lowercase()
        .replace("aa", "å")
        .chars()
        .map(|c| match c {
            'æ' | 'ä' => 'z' as u32 + 1,
            'ø' | 'ö' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// The glossary as a part of a printed handbook: each word a heading of `level` (its id
/// after `id_prefix`), with its explanation and where to read more.
pub(crate) fn glossary_blocks(view: &GlossaryView, level: u8, id_prefix: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for e in &view.entries {
        let mut word = e.word.clone();
        if !e.also.is_empty() {
            word = format!("{word} ({})", e.also.join(", "));
        }
        out.push(Block::Heading {
            level,
            id: format!("{id_prefix}{}", e.id),
            content: vec![Span::Text(word)],
        });
        let mut spans = vec![Span::Text(e.explain.clone())];
        if let Some(more) = &e.more {
            spans.push(Span::Text(" → ".into()));
            spans.push(Span::Link {
                to: Target::Page(more.url.0, None),
                content: vec![Span::Text(more.title.clone())],
            });
        }
        out.push(Block::Para(spans));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(ord: &str, also: &[&str], chapter: Option<&str>) -> Term {
        Term {
            ord: ord.into(),
            forklaring: format!("om {ord}"),
            ogsaa: also.iter().map(|a| a.to_string()).collect(),
            kapitel: chapter.map(str::to_string),
        }
    }

    /// The terms a chapter's text gets, as (word as written, id), in order.
    fn marked(terms: &[Term], slug: &str, text: &str) -> (Vec<(String, String)>, Body) {
        // Links to `#a` resolve (to an anchor), so they stay links.
        let links: Vec<crate::routes::Link> = text
            .match_indices("](#a)")
            .map(|(end, _)| crate::routes::Link {
                offset: text[..end].rfind('[').unwrap_or(0),
                kind: crate::markdown::RefKind::Link,
                url: "#a".into(),
                target: Target::Anchor("a".into()),
            })
            .collect();
        let mut body = Body::from_markdown(text, &links, 0, "");
        Terms::of(terms).mark(&mut body, slug);
        let mut found = Vec::new();
        fn walk(spans: &[Span], found: &mut Vec<(String, String)>) {
            for s in spans {
                match s {
                    Span::Term { text, id, .. } => found.push((text.clone(), id.clone())),
                    Span::Emph(c) | Span::Strong(c) | Span::Strike(c) => walk(c, found),
                    Span::Link { content, .. } => walk(content, found),
                    _ => {}
                }
            }
        }
        fn blocks(bs: &[Block], found: &mut Vec<(String, String)>) {
            for b in bs {
                match b {
                    Block::Para(s) | Block::Plain(s) => walk(s, found),
                    Block::Heading { content, .. } => walk(content, found),
                    Block::List { items, .. } => {
                        items.iter().for_each(|i| blocks(&i.blocks, found))
                    }
                    Block::Quote(b) | Block::Footnote { blocks: b, .. } => blocks(b, found),
                    Block::Table { head, rows, .. } => head
                        .iter()
                        .chain(rows.iter().flatten())
                        .for_each(|c| walk(c, found)),
                    _ => {}
                }
            }
        }
        blocks(&body.blocks, &mut found);
        (found, body)
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn the_first_use_in_any_form_is_explained_once() {
        let terms = [term("makkerpar", &[], None), term("delmål", &[], None)];
        let (found, body) = marked(
            &terms,
            "x",
            "Makkerparret mødes.\n\nDelmålene skrives, og hvert delmål har en frist.\n\nEt makkerpar.",
        );
        assert_eq!(
            found,
            pairs(&[("Makkerparret", "makkerpar"), ("Delmålene", "delmål")])
        );
        // The text around a word stays as it was.
        assert_eq!(
            crate::views::rich::plain(match &body.blocks[1] {
                Block::Para(s) => s,
                _ => panic!(),
            }),
            "Delmålene skrives, og hvert delmål har en frist."
        );
    }

    #[test]
    fn headings_links_and_code_are_left_alone() {
        let terms = [term("livline", &[], None)];
        let (found, _) = marked(
            &terms,
            "x",
            "## Livline\n\n[livline](#a) og `livline`\n\n| livline |\n|---|\n| Livlinen |\n\n- *en livline*\n",
        );
        assert_eq!(found, pairs(&[("Livlinen", "livline")]));
    }

    #[test]
    fn a_word_of_several_words_and_its_other_forms() {
        let terms = [
            term("Signs of Safety", &["SoS"], None),
            term("motiverende samtale", &[], None),
        ];
        let (found, _) = marked(
            &terms,
            "x",
            "Vi bruger SoS og\nmotiverende\nsamtaler.\n\nSigns of Safety igen.",
        );
        assert_eq!(
            found,
            pairs(&[
                ("SoS", "signs-of-safety"),
                ("motiverende\nsamtaler", "motiverende-samtale")
            ])
        );
    }

    #[test]
    fn the_chapter_that_tells_more_explains_the_word_itself() {
        let terms = [term("udfasning", &[], Some("trin-7.md"))];
        assert!(
            marked(&terms, "trin-7", "Udfasningen begynder.")
                .0
                .is_empty()
        );
        assert_eq!(marked(&terms, "trin-1", "Udfasningen begynder.").0.len(), 1);
    }

    #[test]
    fn words_are_not_found_inside_other_words() {
        let terms = [term("trin", &[], None)];
        assert!(marked(&terms, "x", "Trinvis og trinene.").0.len() == 1);
        assert!(marked(&terms, "x", "Trinvis.").0.is_empty());
    }

    #[test]
    fn danish_order_puts_aeoeaa_last() {
        let mut w = vec!["åben", "zebra", "ønske", "æble", "aarhus", "abe"];
        w.sort_by_key(|x| sort_key(x));
        assert_eq!(w, ["abe", "zebra", "æble", "ønske", "åben", "aarhus"]);
        assert_eq!(first_letter("aarhus"), "Å");
        assert_eq!(first_letter("SoS"), "S");
    }
}
