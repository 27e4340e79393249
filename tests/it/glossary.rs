//! The handbook's glossary: its page, the explanation at a word's first use in each
//! chapter, the glossary in the search, and its checks.

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;

/// The example's glossary words (`ord:`) as written.
fn example_words() -> Vec<String> {
    let text = fs::read_to_string(repo().join("content/metode/ordliste.yaml")).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    doc["ord"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["ord"].as_str().unwrap().to_string())
        .collect()
}

/// The `href`s of the explained words on a page (minified HTML: attributes may be unquoted).
fn term_links(page: &str) -> Vec<String> {
    page.split("class=term href=")
        .chain(page.split("class=\"term\" href="))
        .skip(1)
        .filter(|s| !s.starts_with("<!"))
        .map(|s| {
            s.trim_start_matches('"')
                .split(['"', '>', ' '])
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn has_id(page: &str, id: &str) -> bool {
    page.contains(&format!("id={id}>"))
        || page.contains(&format!("id=\"{id}\""))
        || page.contains(&format!("id={id} "))
}

#[test]
fn each_chapter_explains_a_word_once_and_links_to_it_in_the_glossary() {
    let (_dir, root) = example_site();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = root.join("output/metode");
    let glossary = fs::read_to_string(out.join("ordliste.html")).unwrap();
    // Every word has its entry, in Danish order, with an id to link to.
    let words = example_words();
    let mut at = Vec::new();
    for w in &words {
        let i = glossary
            .find(&format!(">{w}<"))
            .or_else(|| glossary.find(&format!(">{w} <")))
            .unwrap_or_else(|| panic!("{w} is not on the glossary page"));
        at.push((i, w.to_lowercase()));
    }
    at.sort();
    let order: Vec<&str> = at.iter().map(|(_, w)| w.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "the glossary in alphabetical order");

    let mut explained: BTreeMap<String, usize> = BTreeMap::new();
    for e in fs::read_dir(&out).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.ends_with(".html")
            || ["alle.html", "index.html", "ordliste.html"].contains(&name.as_str())
        {
            continue;
        }
        let page = fs::read_to_string(e.path()).unwrap();
        let links = term_links(&page);
        let mut seen = Vec::new();
        for href in &links {
            let id = href
                .strip_prefix("ordliste.html#")
                .unwrap_or_else(|| panic!("{name}: {href} does not lead to the glossary"));
            assert!(
                has_id(&glossary, id),
                "{name}: #{id} is not in the glossary"
            );
            assert!(!seen.contains(&id), "{name}: {id} is explained twice");
            seen.push(id);
            *explained.entry(id.to_string()).or_default() += 1;
        }
        // The explanation stands with the word, as text (no hover).
        assert_eq!(
            page.matches("class=gloss").count() + page.matches("class=\"gloss\"").count(),
            links.len(),
            "{name}"
        );
    }
    // The example's chapters use most of the words; each chapter at most once.
    assert!(explained.len() >= 12, "{explained:?}");
    // "delmål" is explained where other chapters use it, not in its own chapter.
    let own = fs::read_to_string(out.join("trin-4-planlaegning.html")).unwrap();
    assert!(
        !own.contains("#delmål"),
        "its own chapter explains delmål itself"
    );
    let other = fs::read_to_string(out.join("vaerktoejer.html")).unwrap();
    assert!(other.contains("ordliste.html#delmål"));

    // The handbook's index and every chapter link to the glossary.
    for page in ["index.html", "velkommen.html", "maaling.html"] {
        let p = fs::read_to_string(out.join(page)).unwrap();
        assert!(p.contains("href=ordliste.html"), "{page}");
    }
}

#[test]
fn the_glossary_is_searched() {
    let (_dir, index, _) = search_index();
    let pages = index["chapters"].as_array().unwrap();
    let glossary = pages
        .iter()
        .position(|p| p[1] == "ordliste.html")
        .expect("the glossary among the pages searched");
    // "sos" finds the glossary's entry for Signs of Safety, at its id.
    let hits = index["terms"]["sos"].as_array().unwrap();
    let sections = index["sections"].as_array().unwrap();
    assert!(hits.chunks(2).any(|h| {
        let s = &sections[h[0].as_u64().unwrap() as usize];
        s[0].as_u64().unwrap() as usize == glossary && s[2] == "signs-of-safety"
    }));
}

#[test]
fn the_glossary_is_checked_where_it_is_wrong() {
    let (_d, root) = small_site(&[(
        "content/metode/ordliste.yaml",
        "ord:\n  - ord: makkerpar\n    forklaring: To medarbejdere.\n    kapitel: roller\n  - ord: Makkerparret\n    forklaring: Igen.\n  - ord: livline\n    forklaring: \"\"\n",
    )]);
    let d = check(&root);
    let errors: Vec<_> = d
        .iter()
        .filter(|x| x.severity == trinvis::diagnostics::Severity::Error)
        .collect();
    let find = |msg: &str| {
        errors
            .iter()
            .find(|e| e.message.contains(msg))
            .unwrap_or_else(|| panic!("no «{msg}» in {d:?}"))
    };
    let chapter = find("kapitlet findes ikke i håndbogen");
    assert_eq!(
        (chapter.file.as_str(), chapter.pos.line, chapter.pos.col),
        ("content/metode/ordliste.yaml", 4, 14)
    );
    assert_eq!(chapter.value.as_deref(), Some("roller"));
    let twice = find("ordet står allerede i ordlisten");
    assert_eq!(twice.pos.line, 5);
    assert!(twice.help.as_deref().unwrap().contains("makkerpar"));
    let empty = find("forklaringen er tom");
    assert_eq!(empty.pos.line, 8);
    assert_eq!(errors.len(), 3, "{d:?}");

    // A long explanation is a warning; a chapter that exists is fine.
    let long = "Ord. ".repeat(60);
    let (_d, root) = small_site(&[(
        "content/metode/ordliste.yaml",
        &format!("ord:\n  - ord: makkerpar\n    forklaring: {long}\n    kapitel: a.md\n"),
    )]);
    let d = check(&root);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].message, "forklaringen er lang");
    assert_eq!(d[0].severity, trinvis::diagnostics::Severity::Warning);

    // A chapter may not take the glossary's address.
    let (_d, root) = small_site(&[
        ("content/metode/ordliste.yaml", "ord: []\n"),
        (
            "content/metode/ordliste.md",
            "---\ntitel: O\nvægt: 1\n---\nTekst.\n",
        ),
    ]);
    let d = single_error(&root);
    assert!(d.message.contains("optaget"), "{d}");
}
