//! The team's results (`resultater.html`, `resultater.pdf`) on a fixture whose answers are
//! worked out by hand: WHO-5, SDQ, functioning level, support and the moves between kinds of
//! support, for the whole team and per year of start; what is hidden below the rule; no name;
//! the same bytes for the same `--dato`.

use crate::common::html_text as text;
use crate::common::*;
use std::fs;

const DAY: &str = "2026-01-01";

fn familie(start: &str) -> String {
    FAMILIE.replace("startdato: 2025-01-01", &format!("startdato: {start}"))
}

/// A family's plan.md with these measures and this support history under `mor` and `barn`.
fn plan(measures: &str, support: &str) -> String {
    let measures = if measures.is_empty() {
        String::new()
    } else {
        format!("målinger:\n{measures}")
    };
    format!("---\nmål: []\n{measures}forsørgelse:\n{support}---\nTekst.\n")
}

fn who5(a: i64, b: i64) -> String {
    format!(
        "  who5:\n    - dato: 2024-02-01\n      hvem: mor\n      score: {a}\n    - dato: 2025-11-01\n      hvem: mor\n      score: {b}\n"
    )
}

fn sdq(a: i64, b: i64) -> String {
    format!(
        "  sdq:\n    - dato: 2024-02-01\n      hvem: barn\n      score: {a}\n    - dato: 2025-11-01\n      hvem: barn\n      score: {b}\n"
    )
}

fn functioning(a: (i64, &str), b: (i64, &str)) -> String {
    format!(
        "  funktionsniveau:\n    - dato: 2024-02-01\n      hvem: mor\n      samlet: {}\n      vurdering:\n        egenomsorg: {}\n    - dato: 2025-11-01\n      hvem: mor\n      samlet: {}\n      vurdering:\n        egenomsorg: {}\n",
        a.1, a.0, b.1, b.0
    )
}

fn support(entries: &[(&str, &str)]) -> String {
    entries
        .iter()
        .map(|(from, kind)| format!("  - hvem: mor\n    fra: {from}\n    slags: {kind}\n"))
        .collect()
}

/// Five families besides the small site's own `test` (started 2025, one WHO-5, no support):
/// f1–f3 started 1 January 2024, f4 and f5 on 1 January 2025.
fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let fams: Vec<(String, String, String)> = vec![
        (
            "f1".into(),
            familie("2024-01-01"),
            plan(
                &format!(
                    "{}{}{}",
                    who5(40, 60),
                    sdq(18, 10),
                    functioning((2, "C"), (1, "B"))
                ),
                &support(&[
                    ("2024-01-01", "kontanthjælp-aktivitetsparat"),
                    ("2024-07-01", "ordinært-job"),
                ]),
            ),
        ),
        (
            "f2".into(),
            familie("2024-01-01"),
            plan(
                &format!(
                    "{}{}{}",
                    who5(30, 50),
                    sdq(14, 12),
                    functioning((3, "D"), (1, "B"))
                ),
                &support(&[
                    ("2024-01-01", "kontanthjælp-jobparat"),
                    ("2024-04-01", "uddannelse"),
                ]),
            ),
        ),
        (
            "f3".into(),
            familie("2024-01-01"),
            plan(
                &format!(
                    "{}{}{}",
                    who5(50, 70),
                    sdq(20, 18),
                    functioning((1, "B"), (0, "A"))
                ),
                &support(&[("2024-01-01", "sygedagpenge")]),
            ),
        ),
        (
            "f4".into(),
            familie("2025-01-01"),
            plan(
                &who5(20, 80).replace("2024-02-01", "2025-02-01"),
                &support(&[
                    ("2025-01-01", "kontanthjælp-jobparat"),
                    ("2025-07-02", "fleksjob"),
                ]),
            ),
        ),
        (
            "f5".into(),
            familie("2025-01-01"),
            plan(
                "",
                &support(&[
                    ("2024-12-01", "uddannelseshjælp"),
                    ("2025-04-01", "ordinært-job"),
                ]),
            ),
        ),
    ];
    let files: Vec<(String, String)> = fams
        .into_iter()
        .flat_map(|(slug, f, p)| {
            [
                (format!("content/familier/{slug}/familie.yaml"), f),
                (format!("content/familier/{slug}/plan.md"), p),
            ]
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    small_site(&refs)
}

/// The rows of the tables of a group's part of the page, each as its text.
fn rows(page: &str, group: &str) -> Vec<String> {
    let at = page
        .find(&format!("<h2 id={group}>"))
        .unwrap_or_else(|| panic!("no part {group}"));
    let end = page[at..].find("</section>").unwrap() + at;
    page[at..end]
        .split("<tr>")
        .skip(1)
        .map(|r| text(r.split("</tr>").next().unwrap()))
        .collect()
}

fn has(rows: &[String], want: &str) {
    assert!(
        rows.iter().any(|r| r == want),
        "no row «{want}» in {rows:#?}"
    );
}

#[test]
fn the_results_are_the_ones_worked_out_by_hand() {
    let (dir, root) = site();
    let out = dir.path().join("out");
    build_on(&root, &out, DAY);
    let page = fs::read_to_string(out.join("resultater.html")).unwrap();
    assert!(
        text(&page)
            .contains("Intet tal vises over færre end 3 personer eller færre end 3 familier")
    );
    assert!(text(&page).contains("6 familier med 12 personer i alt"));

    let all = rows(&page, "alle");
    // WHO-5 of f1–f4's mothers: (40+30+50+20)/4 = 35 → (60+50+70+80)/4 = 65; above 50: none
    // at the start, 60, 70 and 80 now. The test family's one score is no pair.
    has(&all, "Gennemsnit (0–100, højere er bedre) 35,0 65,0 4 4");
    has(&all, "Andel over 50 (ingen umiddelbar risiko) 0 % 75 % 4 4");
    // SDQ of f1–f3's children: 18, 14, 20 → 10, 12, 18; normal (0–13) none, then two of three.
    has(
        &all,
        "Andel i normalområdet (0–13) 0 % 67 % Befolkningen: ca. 80 %. Evalueringen (Deloitte): 54 % → 72 % 3 3",
    );
    has(
        &all,
        "Gennemsnit samlede vanskeligheder (0–40, lavere er bedre) 17,3 13,3 3 3",
    );
    // Self-care: 2, 3, 1 → 1, 1, 0; the overall level C, D, B → B, B, A: medians C and B.
    has(&all, "Egenomsorg (voksne) 2,0 0,7 3 3");
    has(&all, "Samlet niveau, typisk (A bedst, E sværest) C B 3 3");
    // Support of five mothers, all on public support at the start (f5's written before the
    // family's start and in force on its first day); now f1 and f5 in a job, f4 in a flexible
    // job, f2 in education, f3 still on sickness benefit.
    has(&all, "Andel i job eller uddannelse 0 % 80 % 5 5");
    has(&all, "Andel på offentlig forsørgelse 100 % 20 % 5 5");
    // Weeks: 182 + 91 + 731 + 182 + 90 days (f5's from its start) = 1276 / 7 / 5 = 36.5.
    has(
        &all,
        "Uger på offentlig forsørgelse i forløbet, gennemsnit – 36 5 5",
    );
    // Moves: public → work 3 shown; public → public 1 and → education 1 hidden.
    has(&all, "Offentlig forsørgelse – 3 – 0");
    // Time on each trin: no stay has ended, nothing to show.
    has(&all, "4 Planlægning – 0 0");

    // Started 2024: f1–f3, three people of three families, shown.
    let y2024 = rows(&page, "start-2024");
    has(&y2024, "Gennemsnit (0–100, højere er bedre) 40,0 60,0 3 3");
    has(
        &y2024,
        "Andel over 50 (ingen umiddelbar risiko) 0 % 67 % 3 3",
    );
    // The moves of three people of three families: each count under 3, all hidden.
    has(&y2024, "Offentlig forsørgelse – – – 0");
    // Started 2025: f4's one mother with two WHO-5 scores is hidden, and so is the support
    // of two people.
    let y2025 = rows(&page, "start-2025");
    has(&y2025, "Gennemsnit (0–100, højere er bedre) – – 1 1");
    has(&y2025, "Andel i job eller uddannelse – – 2 2");
    assert!(text(&page).contains(
        "– betyder, at tallet ville bygge på færre end 3 personer eller færre end 3 familier."
    ));

    // Numbers only: no family's or person's name.
    for name in ["Familien Test", "Anna", "f1", "Lone", "Karim"] {
        assert!(!text(&page).contains(name), "{name} on the results page");
    }

    // The PDF says the same.
    let pdf = letters(&pdf_text_on_pages(&out.join("resultater.pdf")).join(" "));
    for want in [
        "Intet tal vises over færre end 3 personer",
        "35,0",
        "65,0",
        "Befolkningen: ca. 80 %",
        "Familier, der startede i 2024",
        "Om tallene",
    ] {
        assert!(pdf.contains(&letters(want)), "{want} missing from the PDF");
    }
    for name in ["Familien Test", "Anna"] {
        assert!(!pdf.contains(&letters(name)), "{name} in the PDF");
    }

    // The same day, the same bytes.
    let again = dir.path().join("again");
    build_on(&root, &again, DAY);
    for f in ["resultater.html", "resultater.pdf"] {
        assert_eq!(
            fs::read(out.join(f)).unwrap(),
            fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }
}
