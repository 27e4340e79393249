//! The handbook's search index: every chapter's sections under their Danish stems, and
//! nothing of any family.

use crate::common::*;
use std::fs;

#[test]
fn every_term_of_the_handbook_is_found_under_its_stem() {
    let (_dir, index, text) = search_index();
    let terms = index["terms"].as_object().unwrap();
    let sections = index["sections"].as_array().unwrap();
    let chapters = index["chapters"].as_array().unwrap();
    // Twelve chapters, and the glossary.
    assert_eq!(chapters.len(), 13);
    assert_eq!(chapters[12][1], "ordliste.html");
    for word in [
        "livline",
        "netværksmøder",
        "udfasning",
        "kapabiliteter",
        "makkerpar",
        "delmål",
        "planlægningen",
        "diplom",
    ] {
        let stem = trinvis::words::stem(word);
        let hits = terms
            .get(&stem)
            .unwrap_or_else(|| panic!("{word} ({stem}) is not in the index"));
        // Each hit names a section whose heading or text has a form of the word.
        for pair in hits.as_array().unwrap().chunks(2) {
            let s = &sections[pair[0].as_u64().unwrap() as usize];
            let all = format!("{} {}", s[1].as_str().unwrap(), s[3].as_str().unwrap());
            assert!(
                trinvis::words::words(&all)
                    .iter()
                    .any(|w| trinvis::words::stem(w) == stem),
                "{word}: {s}"
            );
        }
    }
    // A heading counts more than the text under it.
    let hits = terms[&trinvis::words::stem("formål")].as_array().unwrap();
    assert!(hits.chunks(2).any(|p| p[1].as_u64().unwrap() >= 10));
    assert!(text.len() < 100_000, "{} bytes", text.len());
}

#[test]
fn no_family_is_in_the_index() {
    let (_dir, _index, text) = search_index();
    let lower = text.to_lowercase();
    for dir in fs::read_dir(repo().join("content/familier"))
        .unwrap()
        .flatten()
    {
        let familie = fs::read_to_string(dir.path().join("familie.yaml")).unwrap();
        let doc: serde_yaml::Value = serde_yaml::from_str(&familie).unwrap();
        let mut names = vec![doc["navn"].as_str().unwrap().to_string()];
        for m in doc["medlemmer"].as_sequence().unwrap() {
            names.push(m["navn"].as_str().unwrap().to_string());
        }
        for name in names {
            // "Familien Holm" → "holm": the family's own name.
            let own = name.split_whitespace().last().unwrap().to_lowercase();
            assert!(!lower.contains(&own), "{own} is in the search index");
        }
    }
}

/// The page with every chapter links within itself: a link to another chapter or a heading
/// in it goes to that part of the same page, and every part it names is there.
#[test]
fn the_all_chapters_page_links_within_itself() {
    let (_dir, root) = example_site();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = fs::read_to_string(root.join("output/metode/alle.html")).unwrap();
    let chapters: Vec<String> = fs::read_dir(root.join("content/metode"))
        .unwrap()
        .flatten()
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let mut inside = 0;
    for href in page.split("href=").skip(1) {
        let href = href
            .trim_start_matches('"')
            .split(['"', ' ', '>'])
            .next()
            .unwrap();
        for c in &chapters {
            assert_ne!(href, format!("{c}.html"), "a link out to {c}");
            assert!(
                !href.starts_with(&format!("{c}.html#")),
                "a link out: {href}"
            );
        }
        if let Some(id) = href.strip_prefix('#') {
            inside += 1;
            assert!(
                page.contains(&format!("id={id}>"))
                    || page.contains(&format!("id=\"{id}\""))
                    || page.contains(&format!("id={id} ")),
                "#{id} is not on the page"
            );
        }
    }
    assert!(inside > 20, "{inside} links within the page");
}

/// A family's trin links to the handbook's chapter on it, wherever staff see it.
#[test]
fn a_familys_trin_links_to_its_chapter() {
    let (_dir, root) = example_site();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = root.join("output");
    // Holm is on trin 5.
    for (page, href) in [
        ("index.html", "metode/trin-5-udvikling.html"),
        (
            "familier/holm/index.html",
            "../../metode/trin-5-udvikling.html",
        ),
        (
            "familier/holm/rejse.html",
            "../../metode/trin-5-udvikling.html",
        ),
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains(&format!("<a href={href}>Trin 5"))
                || html.contains(&format!("<a href=\"{href}\">Trin 5")),
            "{page} has no link to {href}"
        );
    }
    // The family's own plan is not a staff page.
    let own = fs::read_to_string(out.join("familier/holm/vores-plan.html")).unwrap();
    assert!(!own.contains("trin-5-udvikling.html"));
}

/// The handbook's index groups the chapters by part and shows the reading path for new
/// staff; a chapter on the path says where it stands on it.
#[test]
fn parts_and_the_reading_path() {
    let (_dir, root) = example_site();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = fs::read_to_string(root.join("output/metode/index.html")).unwrap();
    let mut at = 0;
    for part in [
        "Grundlag",
        "De 7 trin",
        "Værktøjer",
        "Måling",
        "Organisation",
    ] {
        let found = index[at..]
            .find(&format!(">{part}</h2>"))
            .unwrap_or_else(|| panic!("no part {part} after the one before"));
        at += found;
    }
    assert!(index.contains("Ny i teamet"));
    let roller = fs::read_to_string(root.join("output/metode/roller.html")).unwrap();
    assert!(
        roller.contains("kapitel 3 af 8"),
        "roller is third on the path"
    );
    assert!(roller.contains("Næste i forløbet: Invitation"));
    let trin3 = fs::read_to_string(root.join("output/metode/trin-3-kortlaegning.html")).unwrap();
    assert!(!trin3.contains(" af 8"), "not on the path");
}
