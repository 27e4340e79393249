//! The team's board (`tavle.html`) for a fixed day: the exact flags of each family and the
//! team's figures, and the same bytes for the same `--dato`.

use crate::common::*;
use std::fs;

const DAY: &str = "2026-11-24";

fn built(root: &std::path::Path, out: &std::path::Path, day: &str) -> String {
    let o = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--dato",
        day,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    fs::read_to_string(out.join("tavle.html")).unwrap()
}

/// The text of an HTML fragment, tags dropped and spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each card on the board: (family, the kinds of its flags in order).
fn cards(page: &str) -> Vec<(String, Vec<String>)> {
    page.split("<article class=\"board-card")
        .chain(page.split("<article class=board-card"))
        .skip(1)
        .filter(|c| !c.starts_with("<!"))
        .map(|c| {
            let c = c.split("</article>").next().unwrap();
            let name = text(
                c.split("<h4>")
                    .nth(1)
                    .unwrap()
                    .split("</h4>")
                    .next()
                    .unwrap(),
            );
            let kinds = c
                .match_indices("flag flag-")
                .map(|(i, _)| {
                    c[i + 10..]
                        .split(|ch: char| !ch.is_alphanumeric())
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect();
            (name, kinds)
        })
        .collect()
}

#[test]
fn the_board_shows_what_is_overdue_on_the_day() {
    let (dir, root) = example_site();
    let page = built(&root, &dir.path().join("out"), DAY);
    let mut cards = cards(&page);
    cards.sort();
    assert_eq!(
        cards,
        [
            ("Familien Berg".to_string(), vec![]),
            ("Familien Haddad".to_string(), vec!["samtykke".to_string()]),
            (
                "Familien Holm".to_string(),
                ["opfoelgning", "delmaal", "delmaal", "aftale"]
                    .map(String::from)
                    .to_vec()
            ),
        ],
        "a finished family (Nielsen) is not on the board"
    );
    let t = text(&page);
    // Holm: follow-up every 2 months since 15 September; a sub-goal of 1 March and one of
    // 1 October not reached; an agreement of 1 November still open.
    for want in [
        "Opfølgning forfalden siden 15. november 2026",
        "Delmål over frist 1. marts 2026: Spise aftensmad sammen mindst fire dage om ugen",
        "Delmål over frist 1. oktober 2026",
        "Aftale over frist 1. november 2026",
        "Samtykke til forløbet mangler",
        "Opfølgning forfalden: 1 Delmål: 2 Aftale: 1 Samtykke mangler: 1",
        // Cards: trin since, weeks on it, next meeting.
        "på trinnet siden 6. oktober 2025 (59 uger)",
        "Næste møde: 3. december 2026",
        // This week (Monday 23 to Sunday 29 November) and next.
        "Denne uge (23. november 2026 – 29. november 2026)",
        "lørdag 28. november 2026 Familien Berg Aftale: Planlægger afslutningsarrangementet med familien",
        "Næste uge (30. november 2026 – 6. december 2026)",
        "torsdag 3. december 2026 Familien Holm Møde med familien",
        // The figures.
        "Inviteret: 1 · I forløb: 1 · I udfasning: 1 · Afsluttet: 1",
        "1 Invitation: 1 · 2 Relation: 0",
        // Trin 1: 35, 28 and 27 days (Holm, Berg, Nielsen): 30 days, 1,0 months.
        "1 Invitation: 1,0 mdr. (3)",
        // Trin 7: Nielsen's 168 days.
        "7 Udfasning: 5,5 mdr. (1)",
        // WHO-5: +24, +16, +32, +32, +28; all five started at 50 or below, four are above.
        "+26,4 point (5 voksne)",
        "ude af risikozonen (over 50) 4 af 5",
        // Employment by kind: Berg's mother and both Nielsens changed; the Holms did not.
        "3 af 5 voksne har en anden beskæftigelse end ved start",
        "Familien Berg, mor: Kontanthjælp → Fleksjob",
        "Familien Nielsen, far: Kontanthjælp → Ordinært job",
        "Familien Nielsen, mor: Kontanthjælp → Uddannelse",
        // Funds: 11.200 kr. used; 1 + 2 + 4 + 4 years begun at 5.000 kr.
        "11.200 af 55.000 kr. (20 %)",
    ] {
        assert!(t.contains(want), "«{want}» is not on the board:\n{t}");
    }
    // The front page links to it; it holds no notes and no diagnosis.
    let front = fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(front.contains("href=tavle.html"));
    for private in [
        "Beslutning om udfasning",
        "Borgerrejsen gennemgået",
        "depression",
    ] {
        assert!(!t.contains(private), "{private} is on the board");
    }
}

#[test]
fn the_same_day_gives_the_same_board_and_another_day_another() {
    let (dir, root) = example_site();
    let a = built(&root, &dir.path().join("a"), DAY);
    let b = built(&root, &dir.path().join("b"), DAY);
    assert_eq!(a, b);
    assert_eq!(
        snapshot(&dir.path().join("a")),
        snapshot(&dir.path().join("b"))
    );
    // A week on, Haddad's open agreements of 24 November are overdue too.
    let later = built(&root, &dir.path().join("c"), "2026-12-01");
    let haddad = cards(&later)
        .into_iter()
        .find(|c| c.0 == "Familien Haddad")
        .unwrap();
    assert_eq!(haddad.1, ["aftale", "aftale", "samtykke"]);
    // A date that is not one is refused in Danish.
    let o = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--dato",
        "24-11-2026",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("ÅÅÅÅ-MM-DD"), "{}", stderr(&o));
}

#[test]
fn trin_changes_are_checked() {
    let fam = |changes: &str| {
        FAMILIE.replace(
            "status: aktiv\n",
            &format!("status: aktiv\ntrinskift:\n{changes}"),
        )
    };
    // The fixture starts 2025-01-01 on trin 4.
    let (_d, root) = small_site(&[(
        "content/familier/test/familie.yaml",
        &fam(
            "  - trin: 1\n    fra: 2024-12-01\n  - trin: 3\n    fra: 2025-05-01\n  - trin: 2\n    fra: 2025-03-01\n",
        ),
    )]);
    let d = check(&root);
    let msgs: Vec<String> = d
        .iter()
        .filter(|x| x.is_error())
        .map(|x| format!("{}:{} {}", x.pos.line, x.pos.col, x.message))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.ends_with("trinskiftet er før forløbets start")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.ends_with("trinskiftene står ikke i tidsorden")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(
            |m| m.ends_with("det seneste trinskift er til trin 2, men familien står på trin 4")
        ),
        "{msgs:?}"
    );
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    let (_d, root) = small_site(&[(
        "content/familier/test/familie.yaml",
        &fam("  - trin: 1\n    fra: 2025-01-01\n  - trin: 4\n    fra: 2025-06-01\n"),
    )]);
    assert!(
        check(&root).iter().all(|x| !x.is_error()),
        "{:?}",
        check(&root)
    );
}

/// The text of every page of a PDF, and each page's size.
fn pdf_pages(path: &std::path::Path) -> Vec<(String, Vec<f32>)> {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages()
        .into_iter()
        .map(|(n, id)| {
            let page = doc.get_dictionary(id).unwrap();
            let mb = page
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32))
                .collect();
            (doc.extract_text(&[n]).unwrap(), mb)
        })
        .collect()
}

#[test]
fn the_board_as_a_pdf_on_a4_landscape_with_its_flags() {
    let (dir, root) = example_site();
    let out = dir.path().join("out");
    let html = built(&root, &out, DAY);
    assert!(html.contains("href=tavle.pdf"), "the page offers its PDF");
    let pages = pdf_pages(&out.join("tavle.pdf"));
    assert_eq!(pages.len(), 2);
    for (_, mb) in &pages {
        assert_eq!(mb[2].round(), 842.0);
        assert_eq!(mb[3].round(), 595.0);
    }
    let first = pages[0].0.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Trin 1",
        "Trin 7",
        "Familien Haddad",
        "Familien Holm",
        "Familien Berg",
        "Samtykke",
        "Opfølgning forfalden",
    ] {
        assert!(first.contains(want), "{want} not on page 1: {first}");
    }
    let second = pages[1].0.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(second.contains("11.200 af 55.000 kr."), "{second}");

    // Twelve more families on trin 5: the column runs over onto a page of its own, under
    // the same head.
    for n in 0..12 {
        let to = root.join(format!("content/familier/holm{n}"));
        fs::create_dir_all(&to).unwrap();
        for f in ["familie.yaml", "plan.md"] {
            fs::copy(root.join("content/familier/holm").join(f), to.join(f)).unwrap();
        }
    }
    built(&root, &out, DAY);
    let pages = pdf_pages(&out.join("tavle.pdf"));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    // The pages of columns are those with the head; the lists follow them. A card with
    // four flags is tall: two do not fit a page.
    let columns: Vec<&String> = pages
        .iter()
        .map(|p| &p.0)
        .take_while(|t| t.contains("Tavlemøde"))
        .collect();
    assert!(columns.len() >= 7, "{} pages of columns", columns.len());
    let holms: usize = columns
        .iter()
        .map(|t| t.matches("Familien Holm").count())
        .sum();
    assert_eq!(holms, 13, "every card once");
    assert!(pages.len() > columns.len(), "the lists after the columns");
}

#[test]
fn a_goal_that_names_a_diagnosis_is_on_the_board_without_its_words() {
    let (dir, root) = example_site();
    let plan = root.join("content/familier/holm/plan.md");
    let md = fs::read_to_string(&plan).unwrap().replace(
        "Spise aftensmad sammen mindst fire dage om ugen",
        "Samtaler hos psykolog om depression",
    );
    fs::write(&plan, md).unwrap();
    let page = built(&root, &dir.path().join("out"), DAY);
    let t = text(&page);
    assert!(!t.contains("depression"), "{t}");
    assert!(
        t.contains("Delmål over frist 1. marts 2026 Delmål over frist 1. oktober 2026"),
        "{t}"
    );
    let pdf = pdf_pages(&dir.path().join("out/tavle.pdf"));
    assert!(pdf.iter().all(|p| !p.0.contains("depression")));
}

/// The texts of each card's flags on the board page, in order: (family, flag texts).
fn flag_texts(page: &str) -> Vec<(String, Vec<String>)> {
    page.split("<article class=")
        .skip(1)
        .filter(|c| c.starts_with("board-card") || c.starts_with("\"board-card"))
        .map(|c| {
            let c = c.split("</article>").next().unwrap();
            let name = text(
                c.split("<h4>")
                    .nth(1)
                    .unwrap()
                    .split("</h4>")
                    .next()
                    .unwrap(),
            );
            let flags = c
                .split("<li class=\"flag flag-")
                .skip(1)
                .map(|f| text(&format!("<{}", f.split("</li>").next().unwrap())))
                .collect();
            (name, flags)
        })
        .collect()
}

/// A family as big as a real one (106 overdue steps and 12 long agreements on its card) fills
/// more than a page of its column: the card goes on at the top of the next page, under its
/// name and "(fortsat)", and every flag of every card is in the PDF within its pages, in the
/// order the board page has them. The cards' type is at least 9 pt.
#[test]
fn a_card_taller_than_a_page_goes_on_and_loses_nothing() {
    let (dir, root) = extreme_site();
    let out = dir.path().join("out");
    let html = built(&root, &out, DAY);
    let cards = flag_texts(&html);
    let big = cards
        .iter()
        .find(|(n, _)| n.contains("Hansen-Østergaard"))
        .expect("the big family's card");
    assert!(big.1.len() > 100, "{} flags", big.1.len());

    let pdf = out.join("tavle.pdf");
    let pages = pdf_text_on_pages(&pdf);
    let columns: Vec<&String> = pages
        .iter()
        .take_while(|t| t.contains("Tavlemøde"))
        .collect();
    assert!(columns.len() > 3, "{} pages of columns", columns.len());
    // A card cut by the page's foot reads on after the next page's head: drop what stands
    // between "fortsættes på næste side …" and "<family> (fortsat)" (here one column goes on).
    let mut all = letters(&columns.iter().map(|p| p.as_str()).collect::<String>());
    let (cut, resume) = (
        letters("fortsættes på næste side …"),
        letters(&format!("{} (fortsat)", big.0)),
    );
    let mut splits = 0;
    while let Some(a) = all.find(&cut) {
        let b = a + all[a..]
            .find(&resume)
            .expect("the card goes on under its name");
        all.replace_range(a..b + resume.len(), "");
        splits += 1;
    }
    assert!(splits >= 2, "the card goes on over {splits} page breaks");
    let mut from = 0;
    for (family, flags) in &cards {
        for f in flags {
            let want = letters(f);
            match all[from..].find(&want) {
                Some(i) => from += i + want.len(),
                None => panic!("{family}: «{f}» is not in tavle.pdf's pages (in order)"),
            }
        }
        from = 0;
    }
    let sizes = smallest_type(&pdf);
    for (i, s) in sizes.iter().take(columns.len()).enumerate() {
        assert!(*s >= 9.0, "page {}: type of {s} pt", i + 1);
    }
}
