//! What a page reads, and so when it is drawn again: the pages named so that they survive
//! families and chapters coming and going ([`Key`]), and the rules from a change to the pages
//! it reaches ([`touched`]).

use crate::load::Unit;
use crate::model::Site;
use crate::routes::{Page, Routes};
use std::collections::BTreeSet;

/// Pages named so that they survive families and chapters coming and going (a [`Page`]
/// names them by their place in the site, which moves).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Front,
    Board,
    Results,
    /// Every page of one family.
    Family(String),
    Handbook,
    HandbookAll,
    Glossary,
    Chapter(String),
    EveryChapter,
    Everything,
}

impl Key {
    /// A family's or a chapter's own pages, as opposed to the pages that list them.
    pub fn is_own(&self) -> bool {
        matches!(self, Key::Family(_) | Key::Chapter(_))
    }
}

/// The dependency rules: the pages that read the units that changed. `list_changed` tells
/// whether the list of chapters (names, titles, trin, summaries, order) changed with them.
pub fn touched(changed: &BTreeSet<Unit>, list_changed: bool) -> BTreeSet<Key> {
    let mut keys = BTreeSet::new();
    for unit in changed {
        match unit {
            Unit::Family(slug) => {
                keys.insert(Key::Family(slug.clone()));
                keys.insert(Key::Front);
                keys.insert(Key::Board);
                keys.insert(Key::Results);
            }
            Unit::Chapter(slug) => {
                keys.insert(Key::Chapter(slug.clone()));
                keys.insert(Key::Handbook);
                keys.insert(Key::HandbookAll);
                keys.insert(Key::Glossary);
            }
        }
    }
    if list_changed {
        keys.extend([Key::EveryChapter, Key::Handbook, Key::Front]);
    }
    keys
}

/// What the handbook's index, the front page and every chapter's sidebar show of the
/// chapters: their names and front matter (title, trin, summary, part), in order.
pub(super) fn chapter_list(site: &Site) -> Vec<(String, crate::model::ChapterMeta)> {
    site.chapters
        .iter()
        .map(|c| (c.slug.clone(), c.doc.data.clone()))
        .collect()
}

/// Whether a page gathers the whole site (or the whole handbook) and so takes long to draw.
pub(super) fn gathers(page: Page) -> bool {
    matches!(
        page,
        Page::HandbookAll
            | Page::Board
            | Page::Results
            | Page::Front
            | Page::Glossary
            | Page::Handbook
    )
}

/// The key a page is drawn under: a family's pages under the family, a chapter under itself.
pub(super) fn key_of(site: &Site, page: Page) -> Key {
    match page {
        Page::Front => Key::Front,
        Page::Board => Key::Board,
        Page::Results => Key::Results,
        Page::Handbook => Key::Handbook,
        Page::HandbookAll => Key::HandbookAll,
        Page::Glossary => Key::Glossary,
        Page::Chapter(i) => Key::Chapter(site.chapters[i].slug.clone()),
        Page::Plan(i)
        | Page::FamilyView(i)
        | Page::Journey(i)
        | Page::FamilyJourney(i)
        | Page::Diploma(i) => Key::Family(site.families[i].slug.clone()),
    }
}

/// The key of a unit's own pages.
pub(super) fn unit_key(u: &Unit) -> Key {
    match u {
        Unit::Family(slug) => Key::Family(slug.clone()),
        Unit::Chapter(slug) => Key::Chapter(slug.clone()),
    }
}

/// The PNG pictures the handbook's PDF places: those a chapter shows (output path, and the
/// file's path from the site's root).
pub(super) fn placed_pictures(site: &Site, routes: &Routes) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in &site.chapters {
        for l in routes.links(&c.doc.source.rel) {
            if let (crate::markdown::RefKind::Image, crate::routes::Target::Asset(o)) =
                (&l.kind, &l.target)
                && crate::urls::extension(o) == "png"
                && let Some(rel) = routes.assets.get(o)
            {
                out.push((o.clone(), rel.clone()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Which chapter each trin's links go to (every family's pages show them).
pub(super) fn trin_chapters(site: &Site) -> Vec<Option<String>> {
    crate::model::Trin::all()
        .map(|t| crate::views::trin_chapter(site, t).map(|j| site.chapters[j].slug.clone()))
        .collect()
}

/// The pages of the site (as it is now) that the keys name, in the route table's order,
/// grouped under their own keys ([`key_of`]).
pub(super) fn pages(site: &Site, routes: &Routes, keys: &BTreeSet<Key>) -> Vec<(Key, Vec<Page>)> {
    let all = keys.contains(&Key::Everything);
    let chapters = keys.contains(&Key::EveryChapter);
    let mut out: Vec<(Key, Vec<Page>)> = Vec::new();
    for &p in routes.pages() {
        let k = key_of(site, p);
        if !(all || keys.contains(&k) || (chapters && matches!(k, Key::Chapter(_)))) {
            continue;
        }
        match out.last_mut() {
            Some((last, ps)) if *last == k => ps.push(p),
            _ => out.push((k, vec![p])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Change;

    fn units(u: &[Unit]) -> BTreeSet<Unit> {
        u.iter().cloned().collect()
    }

    #[test]
    fn a_family_touches_its_own_pages_and_the_front_page() {
        let keys = touched(&units(&[Unit::Family("holm".into())]), false);
        assert_eq!(
            keys,
            BTreeSet::from([
                Key::Front,
                Key::Board,
                Key::Results,
                Key::Family("holm".into())
            ])
        );
    }

    #[test]
    fn a_chapters_text_touches_it_and_the_handbooks_pages() {
        let keys = touched(&units(&[Unit::Chapter("trin-1".into())]), false);
        assert_eq!(
            keys,
            BTreeSet::from([
                Key::Handbook,
                Key::HandbookAll,
                Key::Glossary,
                Key::Chapter("trin-1".into())
            ])
        );
    }

    #[test]
    fn a_new_chapter_title_touches_every_page_that_lists_chapters() {
        let keys = touched(&units(&[Unit::Chapter("trin-1".into())]), true);
        for k in [
            Key::EveryChapter,
            Key::Front,
            Key::Handbook,
            Key::HandbookAll,
            Key::Glossary,
        ] {
            assert!(keys.contains(&k), "{k:?}");
        }
        assert!(!keys.iter().any(|k| matches!(k, Key::Family(_))));
    }

    #[test]
    fn changed_files_belong_to_their_family_or_chapter_or_to_everything() {
        let unit = |s: &str| match Change::of(s) {
            Change::Unit(u) => Some(u),
            Change::All => None,
        };
        assert_eq!(
            unit("content/familier/holm/plan.md"),
            Some(Unit::Family("holm".into()))
        );
        assert_eq!(
            unit("content/familier/holm"),
            Some(Unit::Family("holm".into()))
        );
        // An unused text in a family folder is reported with the family.
        assert_eq!(
            unit("content/familier/holm/noter.yaml"),
            Some(Unit::Family("holm".into()))
        );
        assert_eq!(
            unit("content/metode/trin-1.md"),
            Some(Unit::Chapter("trin-1".into()))
        );
        for all in [
            "trinvis.yaml",
            "themes/standard/templates/base.html",
            "content/familier/holm/tegning.png",
            "content/billeder/emblem.png",
            "content/metode/billeder/kort.png",
            "content/metode/ordliste.yaml",
            "content/metode/_forloeb.yaml",
            "content/familier",
        ] {
            assert_eq!(unit(all), None, "{all}");
        }
    }
}
