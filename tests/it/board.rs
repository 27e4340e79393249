//! The team's board (`tavle.html`) for a fixed day: the exact flags of each family and the
//! team's figures, and the same bytes for the same `--dato`.

use crate::common::html_text as text;
use crate::common::*;
use std::fs;

const DAY: &str = "2026-11-24";

fn built(root: &std::path::Path, out: &std::path::Path, day: &str) -> String {
    build_on(root, out, day);
    fs::read_to_string(out.join("tavle.html")).unwrap()
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
        // Trin 1: 35, 28 and 27 days (Holm, Berg, Nielsen): 30 days, 1,0 months, three
        // stays of three families.
        "1 Invitation 1,0 mdr. 3 3",
        // Trin 7: Nielsen's 168 days alone: too few families to be shown.
        "7 Udfasning – (færre end 3 familier) 1 1",
        "Intet tal regnes over færre end 3 familier",
        // WHO-5: +24, +16, +32, +32, +28; all five started at 50 or below, four are above;
        // three families.
        "WHO-5 +26,4 point i gennemsnit fra første til seneste måling (5 voksne); 4 af de 5, der startede i risikozonen, er nu over 50 3 Voksne med mindst to WHO-5-målinger",
        // Employment by kind: Berg's mother and both Nielsens changed; the Holms did not.
        "Beskæftigelse 3 af 5 voksne har en anden beskæftigelse end ved start 3",
        // Funds: 11.200 kr. used; 1 + 2 + 4 + 4 years begun at 5.000 kr.
        "11.200 af 55.000 kr. (20 %)",
    ] {
        assert!(t.contains(want), "«{want}» is not on the board:\n{t}");
    }
    // The front page links to it; it holds no notes and no diagnosis.
    let front = fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(front.contains("href=tavle.html"));
    for private in [
        // The figures say how many changed, not who.
        "Kontanthjælp → Fleksjob",
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
    // The figures' rule, and a figure over too few families left out.
    assert!(
        second.contains("Intet tal regnes over færre end 3 familier"),
        "{second}"
    );
    assert!(
        second.contains("7 Udfasning: – (færre end 3 familier, 1 afsluttet ophold, 1 familie)"),
        "{second}"
    );

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

/// The part of a page from `from` to the next `to`.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let rest = page
        .split_once(from)
        .unwrap_or_else(|| panic!("no {from}"))
        .1;
    rest.split(to).next().unwrap()
}

/// The staff's plan opens with what is due on the day, in the board's flags and shapes, then
/// a menu to every section, then the agreements and the follow-up; a sub-goal or agreement
/// past its deadline is marked in its table too. `check` says when the next meeting is wrong.
#[test]
fn the_staff_plan_starts_with_what_is_due() {
    let (dir, root) = example_site();
    let out = dir.path().join("out");
    built(&root, &out, DAY);
    let plan =
        |slug: &str| fs::read_to_string(out.join(format!("familier/{slug}/index.html"))).unwrap();
    let holm = plan("holm");
    let overview = between(&holm, "class=overview>", "</section>");
    let t = text(overview);
    for want in [
        "Overblik pr. 24. november 2026",
        "Næste møde torsdag 3. december 2026 · kl. 10 · hjemme hos familien",
        "Senere end opfølgningen skal holdes: senest 15. november 2026 (hver 2. måned)",
        "Delmål over frist 1. marts 2026: Spise aftensmad sammen mindst fire dage om ugen",
        "Aftale over frist 1. november 2026",
        "Resten af ugen til og med søndag 29. november 2026 Ingen møder eller frister",
        "Samtykke til forløbet Givet 17. februar 2025",
    ] {
        assert!(t.contains(want), "«{want}» is not in Holm's overview:\n{t}");
    }
    // The board's marks, in its order: the meeting's, two sub-goals, an agreement.
    let kinds: Vec<&str> = overview
        .match_indices("flag flag-")
        .map(|(i, _)| {
            overview[i + 10..]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["opfoelgning", "delmaal", "delmaal", "aftale"]);
    // The overview, the menu, the agreements and the follow-up come before the goals, and
    // every link of the menu goes to a section of the page.
    let at = |s: &str| holm.find(s).unwrap_or_else(|| panic!("no {s}"));
    assert!(at("id=overview") < at("id=on-this-page"));
    assert!(at("id=on-this-page") < at("id=agreements"));
    assert!(at("id=agreements") < at("id=followup"));
    assert!(at("id=followup") < at("id=goals"));
    let menu = between(&holm, "class=on-this-page>", "</nav>");
    let targets: Vec<&str> = menu
        .split("href=#")
        .skip(1)
        .map(|h| h.split('>').next().unwrap())
        .collect();
    assert!(targets.len() >= 10, "{targets:?}");
    for id in targets {
        assert!(
            holm.contains(&format!("id={id}>")),
            "the menu links to #{id}, which is not on the page"
        );
    }
    // The tables mark what is past its deadline, each with its shape.
    let agreements = between(&holm, "id=agreements", "</section>");
    assert_eq!(agreements.matches("flag flag-aftale").count(), 1);
    let goals = between(&holm, "id=goals", "</section>");
    assert_eq!(goals.matches("flag flag-delmaal").count(), 2);
    // The follow-up says no second, contradicting next meeting.
    assert!(!holm.contains("Næste møde senest"));

    // Haddad: no meeting agreed; two agreements due today; no consent yet.
    let t = text(between(&plan("amina"), "class=overview>", "</section>"));
    for want in [
        "Intet møde aftalt – opfølgningen skal holdes senest 27. januar 2027",
        "tirsdag 24. november 2026 : Aftale: Kommer på hjemmebesøg med tolk",
        "Samtykke til forløbet Mangler",
    ] {
        assert!(
            t.contains(want),
            "«{want}» is not in Haddad's overview:\n{t}"
        );
    }
    // Nielsen: the course has ended; no meeting, no week.
    let t = text(between(&plan("nielsen"), "class=overview>", "</section>"));
    assert!(t.contains("Forløbet sluttede 30. juni 2025"), "{t}");
    assert!(
        !t.contains("Næste møde") && !t.contains("Resten af ugen"),
        "{t}"
    );

    // Ten days on, Holm's meeting has passed.
    let later = dir.path().join("later");
    built(&root, &later, "2026-12-04");
    let holm = fs::read_to_string(later.join("familier/holm/index.html")).unwrap();
    let t = text(between(&holm, "class=overview>", "</section>"));
    assert!(
        t.contains("Datoen er passeret: skriv mødet i mødeloggen, og aftal det næste"),
        "{t}"
    );

    // check says it, at the meeting's date, once: later than the cadence, then passed.
    for (day, want) in [
        (DAY, "det aftalte møde ligger efter opfølgningsfristen"),
        ("2026-12-04", "det aftalte møde er overstået"),
    ] {
        let o = run(&["check", "--root", root.to_str().unwrap(), "--dato", day]);
        let e = stderr(&o);
        assert_eq!(e.matches("det aftalte møde").count(), 1, "{e}");
        assert!(e.contains(want), "{e}");
        assert!(e.contains("content/familier/holm/plan.md:156:9"), "{e}");
    }
}

/// Without an agreed meeting, the overview says by when the follow-up must be held, and flags
/// it once that day has passed; an agreed meeting within the cadence is not flagged.
#[test]
fn a_follow_up_without_a_meeting_is_flagged_when_it_is_due() {
    let log = "opfølgning:\n  kadence_måneder: 3\n  log:\n    - dato: 2026-06-01\n      deltagere: [Anna]\n      notat: Møde.\n";
    let (dir, root) = small_site(&[(
        "content/familier/test/plan.md",
        &PLAN.replacen("---\n", &format!("---\n{log}"), 1),
    )]);
    let overview = |day: &str| {
        let out = dir.path().join(day);
        built(&root, &out, day);
        let page = fs::read_to_string(out.join("familier/test/index.html")).unwrap();
        text(between(&page, "class=overview>", "</section>"))
    };
    let t = overview("2026-08-01");
    assert!(
        t.contains("Intet møde aftalt – opfølgningen skal holdes senest 1. september 2026"),
        "{t}"
    );
    assert!(!t.contains("forfalden"), "{t}");
    let t = overview("2026-09-02");
    assert!(
        t.contains("Intet møde aftalt Opfølgning forfalden siden 1. september 2026"),
        "{t}"
    );
    // A meeting agreed within the cadence: no flag, and check is silent.
    let meeting = "næste_møde:\n  dato: 2026-08-20\n  tid: kl. 9\n";
    let plan = PLAN.replacen("---\n", &format!("---\n{meeting}{log}"), 1);
    fs::write(root.join("content/familier/test/plan.md"), plan).unwrap();
    let t = overview("2026-08-03");
    assert!(
        t.contains("Næste møde torsdag 20. august 2026 · kl. 9 Over frist"),
        "{t}"
    );
    let o = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--dato",
        "2026-08-03",
    ]);
    assert!(!stderr(&o).contains("det aftalte møde"), "{}", stderr(&o));
}

/// The front page's cards show each family's trin, next meeting and flags, most urgent first,
/// with what the browser needs to filter and sort them.
#[test]
fn the_front_page_shows_what_is_due_most_urgent_first() {
    let (dir, root) = example_site();
    let out = dir.path().join("out");
    built(&root, &out, DAY);
    let front = fs::read_to_string(out.join("index.html")).unwrap();
    let list = between(&front, "id=family-cards>", "</ul></section>");
    let cards: Vec<&str> = list.split("<li data-pair").skip(1).collect();
    // Holm's oldest open deadline (1 March), Haddad's agreements of the day, Berg's of 28
    // November.
    let names: Vec<String> = cards
        .iter()
        .map(|c| text(between(c, "<h3>", "</h3>")))
        .collect();
    assert_eq!(names, ["Familien Holm", "Familien Haddad", "Familien Berg"]);
    assert!(cards[0].contains("data-due=2026-03-01"), "{}", cards[0]);
    assert!(cards[0].contains("data-trin=5"));
    let holm = text(cards[0]);
    for want in [
        "Trin 5: Udvikling",
        "Næste møde: torsdag 3. december 2026 · kl. 10 · hjemme hos familien",
        "Senere end opfølgningen skal holdes: senest 15. november 2026",
        "Delmål over frist: 2",
        "Aftaler over frist: 1",
    ] {
        assert!(
            holm.contains(want),
            "«{want}» is not on Holm's card: {holm}"
        );
    }
    let haddad = text(cards[1]);
    assert!(haddad.contains("Samtykke til forløbet mangler"), "{haddad}");
    assert!(haddad.contains("Intet møde aftalt"), "{haddad}");
    // The choices: every member of a pair in the course, each once, and the seven trin.
    let form = between(&front, "id=family-filter>", "</form>");
    for who in [
        "Lone Bach",
        "Karim Saleh",
        "Mette Dahl",
        "Jonas Vinther",
        "Rasmus Krogh",
    ] {
        assert_eq!(
            form.matches(&format!(">{who}<")).count(),
            1,
            "{who}: {form}"
        );
    }
    assert!(form.contains("7 Udfasning"));
}

/// A big family's hundred late steps do not push the rest of its plan away: the overview
/// lists the first three of each kind and says how many more there are, with a link to the
/// table that marks them; none is lost from the tables.
#[test]
fn a_big_familys_overview_says_how_many_more_are_late() {
    let (dir, root) = extreme_site();
    let out = dir.path().join("out");
    built(&root, &out, DAY);
    let page = fs::read_to_string(out.join("familier/hansen-oestergaard/index.html")).unwrap();
    let overview = between(&page, "class=overview>", "</section>");
    assert_eq!(overview.matches("flag flag-delmaal").count(), 3);
    assert_eq!(overview.matches("flag flag-aftale").count(), 3);
    let goals = between(&page, "id=goals>", "</section>")
        .matches("flag flag-delmaal")
        .count();
    let agreements = between(&page, "id=agreements>", "</section>")
        .matches("flag flag-aftale")
        .count();
    assert!(goals > 100 && agreements > 3, "{goals} {agreements}");
    let t = text(overview);
    for want in [
        format!("… og {} delmål mere over frist", goals - 3),
        format!("… og {} aftaler mere over frist", agreements - 3),
    ] {
        assert!(t.contains(&want), "«{want}» is not in the overview: {t}");
    }
    assert!(overview.contains("href=#goals>") && overview.contains("href=#agreements>"));
}
