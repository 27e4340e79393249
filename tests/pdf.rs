//! The PDFs, opened and read back with lopdf: pages and their size, fonts embedded and
//! subset, language and title, the text in reading order, the same bytes whatever else is
//! built, and the diploma on one page right up to where it no longer fits.

mod common;

use common::*;
use lopdf::{Document, Object};
use std::fs;
use std::path::Path;
use trinvis::config::Paths;

fn build_into(root: &Path, out: &Path) {
    let r = trinvis::build(&Paths::new(root, Some(out)));
    assert!(r.ok(), "{}", r.diagnostics);
}

fn open(path: &Path) -> Document {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
    Document::load_mem(&bytes).unwrap()
}

fn string(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        _ => panic!("not a string: {o:?}"),
    }
}

fn info(doc: &Document, key: &[u8]) -> String {
    let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    string(doc.get_dictionary(id).unwrap().get(key).unwrap())
}

/// Every page's text, in reading order.
fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// Every font program in the file: (name, embedded bytes' length).
fn fonts(doc: &Document) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice())
        {
            let name = String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap())
                .into_owned();
            let file = d.get(b"FontFile2").unwrap().as_reference().unwrap();
            let len = match doc.get_object(file).unwrap() {
                Object::Stream(s) => s
                    .decompressed_content()
                    .map(|c| c.len())
                    .unwrap_or(s.content.len()),
                o => panic!("font program is {o:?}"),
            };
            out.push((name, len));
        }
    }
    out
}

#[test]
fn every_diploma_is_one_a4_page_with_its_fonts_language_and_danish_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_into(&repo(), &out);
    for (slug, name, says) in [
        (
            "berg",
            "Familien Berg",
            "Tina har fået fleksjob i supermarkedet",
        ),
        (
            "nielsen",
            "Familien Nielsen",
            "Brian har fået kørekort til lastbil og",
        ),
    ] {
        let doc = open(&out.join(format!("familier/{slug}/diplom.pdf")));
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1, "{slug}: one page");
        let page = doc.get_dictionary(pages[&1]).unwrap();
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert_eq!(media, vec![0.0, 0.0, 595.28, 841.89], "{slug}: A4");

        let catalog = doc.catalog().unwrap();
        assert_eq!(string(catalog.get(b"Lang").unwrap()), "da");
        assert_eq!(info(&doc, b"Title"), format!("Diplom – {name}"));
        assert_eq!(
            info(&doc, b"Author"),
            "Familieteamet, Jobcenter og Familieafdeling"
        );
        assert!(info(&doc, b"CreationDate").starts_with("D:20"));

        let f = fonts(&doc);
        assert_eq!(f.len(), 2, "{slug}: regular and bold: {f:?}");
        for (font, len) in &f {
            let (tag, face) = font.split_once('+').expect("a subset tag");
            assert!(
                tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
                "{font}"
            );
            assert!(face.starts_with("TrinvisSans-"), "{font}");
            // The whole faces are 37 KB; what is left is mostly the tables kept whole.
            assert!(
                *len < 25_000,
                "{font}: subset to the glyphs used ({len} bytes)"
            );
        }

        let t = text(&doc);
        for s in [name, "Det har I opnået", says, "Jobkonsulent"] {
            assert!(t.contains(s), "{slug}: «{s}» in\n{t}");
        }
        assert!(
            trinvis::privacy::find_cpr(&t).is_empty(),
            "{slug}: no CPR-like number"
        );
    }
    // The diploma page offers it.
    let html = fs::read_to_string(out.join("familier/berg/diplom.html")).unwrap();
    assert!(html.contains("<a href=diplom.pdf>Hent som PDF til print</a>"));
}

#[test]
fn a_pdf_is_the_same_whatever_else_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all");
    build_into(&repo(), &all);
    // The same site with only the Berg family.
    let (_d, root) = example_site();
    for other in ["amina", "holm", "nielsen"] {
        fs::remove_dir_all(root.join("content/familier").join(other)).unwrap();
    }
    let one = dir.path().join("one");
    build_into(&root, &one);
    assert_eq!(
        fs::read(all.join("familier/berg/diplom.pdf")).unwrap(),
        fs::read(one.join("familier/berg/diplom.pdf")).unwrap(),
        "the diploma's bytes depend only on its content"
    );
}

fn diploma(body: &str) -> String {
    format!(
        "---\ndato: 2025-06-01\nopnået: [Anna har fået et job, hun er glad for]\nfokus: [At holde fast i det, der virker]\nunderskrivere:\n  - navn: Lone\n    rolle: Jobkonsulent\n---\n{body}\n"
    )
}

#[test]
fn a_diploma_right_at_the_edge_of_fitting_is_still_one_page() {
    // The longest body that still fits: found by halving, asking check as staff would.
    let sentence = "Vi har arbejdet sammen om store og små ting. ";
    let fits = |n: usize| {
        let (_d, root) = small_site(&[(
            "content/familier/test/diplom.md",
            &diploma(&sentence.repeat(n)),
        )]);
        let errors = check(&root).into_iter().filter(|d| d.is_error()).count();
        errors == 0
    };
    let (mut lo, mut hi) = (1, 400);
    assert!(fits(lo) && !fits(hi));
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let (dir, root) = small_site(&[(
        "content/familier/test/diplom.md",
        &diploma(&sentence.repeat(lo)),
    )]);
    let out = dir.path().join("out");
    let r = trinvis::build(&Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| !d.is_error() && d.message.contains("mindre skrift")),
        "set smaller, and said so"
    );
    let doc = open(&out.join("familier/test/diplom.pdf"));
    assert_eq!(doc.get_pages().len(), 1);
    let t = text(&doc);
    assert!(
        t.contains("Lone") && t.contains("Jobkonsulent"),
        "the signatures are on it"
    );
    assert_eq!(
        t.replace('\n', " ").matches("store og små ting").count(),
        lo,
        "all of the text is on the page"
    );
}

#[test]
fn a_character_the_font_cannot_draw_is_refused_with_where_it_is() {
    let (_d, root) = small_site(&[(
        "content/familier/test/diplom.md",
        &diploma("Tak for samarbejdet ☺ og held og lykke."),
    )]);
    let d = single_error(&root);
    assert_eq!(d.location(), "content/familier/test/diplom.md:9:21");
    assert!(d.message.contains("diplomets PDF"), "{d}");
    assert_eq!(d.value.as_deref(), Some("☺ (U+263A)"));
}

#[test]
fn every_familys_plan_is_a_pdf_of_one_or_two_pages_with_only_what_the_family_view_shows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_into(&repo(), &out);
    for slug in ["amina", "berg", "holm", "nielsen"] {
        let doc = open(&out.join(format!("familier/{slug}/vores-plan.pdf")));
        let n = doc.get_pages().len();
        assert!((1..=2).contains(&n), "{slug}: {n} pages");
        assert_eq!(string(doc.catalog().unwrap().get(b"Lang").unwrap()), "da");
        assert_eq!(fonts(&doc).len(), 2);
        let t = text(&doc);
        assert!(t.contains("Vores plan – Familien"), "{slug}:\n{t}");
        for staff_only in [
            "WHO-5",
            "SDQ",
            "risiko",
            "normalområdet",
            "Vi skal huske",
            "Aktivitetsmidler",
            "kr.",
            "Nedtrap",
        ] {
            assert!(!t.contains(staff_only), "{slug}: «{staff_only}» in its PDF");
        }
        assert!(trinvis::privacy::find_cpr(&t).is_empty());
    }
    let holm = text(&open(&out.join("familier/holm/vores-plan.pdf"))).replace('\n', " ");
    for s in [
        "Det drømmer vi om",
        "Sanne får fast arbejde i en",
        "Inden næste møde",
        "3. december 2026 · kl. 10 · hjemme hos familien",
        "Ringer til værkstedslederen",
        "Mindre af det",
        "Dem, der kan hjælpe",
        "Mormor Inge",
    ] {
        assert!(holm.contains(s), "Holm: «{s}» in\n{holm}");
    }
}

#[test]
fn every_journey_is_a_landscape_pdf_with_its_timeline_and_cards() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_into(&repo(), &out);
    for slug in ["berg", "holm", "nielsen"] {
        let doc = open(&out.join(format!("familier/{slug}/rejse.pdf")));
        for (_, id) in doc.get_pages() {
            let media: Vec<f32> = doc
                .get_dictionary(id)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_float().unwrap())
                .collect();
            assert_eq!(
                media,
                vec![0.0, 0.0, 841.89, 595.28],
                "{slug}: A4 landscape"
            );
        }
        let t = text(&doc);
        for s in [
            "Borgerrejse – Familien",
            "Under forløbet",
            "Beskæftigelse",
            "Ved start",
            "Efter forløbet",
        ] {
            assert!(t.contains(s), "{slug}: «{s}» in\n{t}");
        }
    }
    let html = fs::read_to_string(out.join("familier/holm/rejse.html")).unwrap();
    assert!(html.contains("<a href=rejse.pdf>"));
}
