//! The handbook: the reading path names chapters that exist, and the glossary explains each
//! word once, briefly, with its chapter there.

use super::*;

/// The reading path names chapters that exist.
pub(super) fn reading_path(
    path: &crate::model::Doc<crate::model::ReadingPath>,
    site: &Site,
    d: &mut Diagnostics,
) {
    let src = &path.source;
    texts(src, d);
    placeholders(src, d);
    let known: Vec<&str> = site.chapters.iter().map(|c| c.slug.as_str()).collect();
    for (i, k) in path.data.slugs().enumerate() {
        if !known.contains(&k) {
            let mut sample = known.clone();
            sample.sort();
            sample.truncate(5);
            d.push(
                src.error_at(
                    src.at(&format!("kapitler[{i}]")),
                    "kapitlet findes ikke i håndbogen",
                )
                .value(k)
                .help(format!(
                    "Skriv filnavnet på et kapitel i content/metode/ (med eller uden .md), fx {}.",
                    sample.join(", ")
                )),
            );
        }
    }
    if path.data.kapitler.is_empty() {
        d.push(
            src.warning_at(src.at("kapitler"), "forløbet har ingen kapitler")
                .help("Skriv kapitlerne under `kapitler:` i den rækkefølge, en ny medarbejder skal læse dem."),
        );
    }
}

/// Longer than this, an explanation is no longer short: it stands in the running text of
/// every chapter that uses the word.
const EXPLANATION_MAX: usize = 220;

/// The glossary: every word explained, once, and its chapter there.
pub(super) fn glossary(
    g: &crate::model::Doc<crate::model::Glossary>,
    site: &Site,
    metrics: Option<&crate::draw::font::Metrics>,
    d: &mut Diagnostics,
) {
    let src = &g.source;
    texts(src, d);
    placeholders(src, d);
    let stems = crate::words::Stems::default();
    // Each way of writing a word, as stems → where it was first written.
    let mut seen: BTreeMap<Vec<String>, (usize, String)> = BTreeMap::new();
    let known: Vec<&str> = site.chapters.iter().map(|c| c.slug.as_str()).collect();
    for (i, t) in g.data.ord.iter().enumerate() {
        let at = format!("ord[{i}]");
        not_empty(src, &format!("{at}.ord"), &t.ord, "teksten i `ord`", d);
        not_empty(
            src,
            &format!("{at}.forklaring"),
            &t.forklaring,
            "forklaringen",
            d,
        );
        let n = t.forklaring.trim().chars().count();
        if n > EXPLANATION_MAX {
            d.push(
                src.warning_at(src.at(&format!("{at}.forklaring")), "forklaringen er lang")
                    .value(format!("{n} tegn"))
                    .help(format!(
                        "Forklaringen står i teksten, hvor et kapitel første gang bruger ordet. Hold den under {EXPLANATION_MAX} tegn (en til to sætninger), og skriv resten i kapitlet under `kapitel:`."
                    )),
            );
        }
        let forms = std::iter::once((format!("{at}.ord"), &t.ord)).chain(
            t.ogsaa
                .iter()
                .enumerate()
                .map(|(j, o)| (format!("{at}.også[{j}]"), o)),
        );
        for (path, form) in forms {
            let key: Vec<String> = crate::words::words(form)
                .iter()
                .map(|w| stems.of(w))
                .collect();
            if key.is_empty() {
                continue;
            }
            if let Some((first, written)) = seen.get(&key) {
                d.push(
                    src.error_at(src.at(&path), "ordet står allerede i ordlisten")
                        .value(form.trim())
                        .help(format!(
                            "Det er det samme ord som \"{written}\" (ord nr. {}): saml forklaringerne under ét ord, og skriv andre skrivemåder under `også:`.",
                            first + 1
                        )),
                );
            } else {
                seen.insert(key, (i, form.trim().to_string()));
            }
        }
        if let Some(k) = t.chapter()
            && !known.contains(&k)
        {
            let mut sample = known.clone();
            sample.sort();
            sample.truncate(5);
            d.push(
                src.error_at(src.at(&format!("{at}.kapitel")), "kapitlet findes ikke i håndbogen")
                    .value(k)
                    .help(format!(
                        "Skriv filnavnet på det kapitel i content/metode/, der fortæller mere om ordet (med eller uden .md), fx {}.",
                        sample.join(", ")
                    )),
            );
        }
        // The handbook's PDF sets the glossary.
        if let Some(m) = metrics {
            for (path, text) in [("ord", &t.ord), ("forklaring", &t.forklaring)] {
                let missing = missing_chars(text, m);
                if !missing.is_empty() {
                    d.push(missing_glyphs(
                        src,
                        src.at(&format!("{at}.{path}")),
                        &missing,
                        "håndbogens PDF",
                    ));
                }
            }
        }
    }
}
