//! The charts of the bundled example: which pages show which pictures, that each picture is
//! accessible, and SVG snapshots (set `TRINVIS_UPDATE_SNAPSHOTS=1` to rewrite them after an
//! intended change, then look at the pages before committing).

use crate::common::*;
use std::collections::BTreeMap;
use std::path::Path;
use trinvis::config::Paths;

/// The example built for one fixed day: the support history runs to the day drawn for, so a
/// snapshot holds for that day only.
fn build(out: &Path) -> BTreeMap<String, String> {
    let r = trinvis::run(
        &Paths::new(&repo(), Some(out)),
        trinvis::Options {
            today: trinvis::model::Date::new(2026, 12, 5),
            ..trinvis::Options::BUILD
        },
    );
    assert!(r.ok(), "{}", r.diagnostics);
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// Every chart (`<svg class="chart …">…</svg>`) of a page; decorative pictograms, hidden
/// from screen readers beside their word, are left out.
fn svgs(html: &str) -> Vec<&str> {
    all_svgs(html)
        .into_iter()
        .filter(|s| s.starts_with("<svg class=\"chart") || s.starts_with("<svg class=chart"))
        .collect()
}

/// Every inline `<svg>…</svg>` of a page.
fn all_svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").expect("closed svg") + i + "</svg>".len();
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

/// The text of the `<title>` right after a chart's `<svg …>` tag.
fn title(svg: &str) -> &str {
    let start = svg
        .find("<title")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
        .unwrap();
    &svg[start..start + svg[start..].find("</title>").unwrap()]
}

fn wide_titles(html: &str) -> Vec<String> {
    svgs(html)
        .into_iter()
        .filter(|s| s.contains("chart-wide"))
        .map(|s| title(s).to_string())
        .collect()
}

#[test]
fn every_family_page_draws_its_charts() {
    let dir = tempfile::tempdir().unwrap();
    let pages = build(&dir.path().join("out"));
    let plan = wide_titles(&pages["familier/holm/index.html"]);
    let expect = [
        "De 7 trin – Familien Holm",
        "Trappen mod målet: Faste rammer om morgen og aften",
        "Trappen mod målet: Sanne får fast arbejde i en daginstitution",
        "WHO-5 trivselsindeks (voksne, 0–100)",
        "SDQ samlede vanskeligheder (børn, 0–40)",
        "SDQ – de fem skalaer, første og seneste",
        "Funktionsniveau – personalets vurdering",
        "Forsørgelse",
        "Egne vurderinger af kapabiliteter (1–10)",
        "Netværkskort",
        "Aktivitetsmidler brugt pr. år",
    ];
    for t in expect {
        assert!(plan.iter().any(|p| p == t), "{t} missing from {plan:#?}");
    }
    let goals = plan.iter().filter(|t| t.starts_with("Trappen")).count();
    assert_eq!(goals, 7, "one staircase per goal");
    assert_eq!(
        wide_titles(&pages["familier/holm/rejse.html"]),
        ["De 7 trin – Familien Holm", "Rejsen på fire spor"]
    );
    // Every family page and the front page show the trin line; the diploma does not.
    for (p, html) in &pages {
        let t = wide_titles(html);
        // The staff's pages of a family (the family's own have no trin line).
        let family_page =
            p.starts_with("familier/") && (p.ends_with("index.html") || p.ends_with("/rejse.html"));
        if family_page || p == "index.html" {
            assert!(
                t.iter().any(|x| x.starts_with("De 7 trin – Familien")),
                "{p}"
            );
        }
        if p.ends_with("diplom.html") || p.starts_with("metode/") {
            assert!(t.is_empty(), "{p}: {t:?}");
        }
    }
    // A family with little data gets only the charts it has data for.
    let amina = wide_titles(&pages["familier/amina/index.html"]);
    assert!(!amina.iter().any(|t| t.starts_with("WHO-5")), "{amina:?}");
}

#[test]
fn charts_are_accessible_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let pages = build(&dir.path().join("out"));
    for (p, html) in &pages {
        let mut ids = std::collections::HashSet::new();
        for svg in svgs(html) {
            assert!(
                svg.contains("role=\"img\"") || svg.contains("role=img"),
                "{p}"
            );
            // Named by its title alone and described by its description: said once each.
            let attr = |name: &str| {
                svg.split(&format!("{name}=\""))
                    .nth(1)
                    .unwrap_or_else(|| panic!("{p}: no {name}"))
                    .split('"')
                    .next()
                    .unwrap()
                    .to_string()
            };
            let (labelled, described) = (attr("aria-labelledby"), attr("aria-describedby"));
            assert!(!labelled.contains(' '), "{p}: named by one element");
            assert!(svg.contains(&format!("<title id=\"{labelled}\"")), "{p}");
            assert!(svg.contains(&format!("<desc id=\"{described}\"")), "{p}");
            for id in [labelled, described] {
                assert!(ids.insert(id.clone()), "{p}: id {id} is used twice");
            }
            assert!(svg.contains("<desc"), "{p}: a description in words");
            assert!(
                !svg.contains("http"),
                "{p}: no address of any kind in a chart"
            );
        }
        for svg in all_svgs(html).into_iter().filter(|s| !svgs(s).contains(s)) {
            assert!(
                svg.contains("aria-hidden=true") || svg.contains("aria-hidden=\"true\""),
                "{p}: a picture that is neither a chart nor hidden: {svg}"
            );
        }
        // No two controls of a page have the same name: each says which chart it opens.
        let mut names = std::collections::HashSet::new();
        for part in html.split("<summary>").skip(1) {
            let name = part.split("</summary>").next().unwrap();
            assert!(names.insert(name), "{p}: two controls named {name}");
        }
        // Each chart is followed by its numbers.
        let figures = html.matches("<figure class=\"chart-figure\">").count()
            + html.matches("<figure class=chart-figure>").count();
        assert_eq!(
            figures * 2,
            svgs(html).len(),
            "{p}: a wide and a narrow picture per chart"
        );
    }
    // Each chart's control and its table's scroll region are named after the chart, and the
    // region can be reached with the keyboard; the table has the chart's name as caption.
    let plan = &pages["familier/holm/index.html"];
    assert!(plan.contains(
        "<summary>Vis tallene bag billedet<span class=\"visually-hidden\"> – Netværkskort</span></summary>\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Vis tallene bag billedet – Netværkskort\">\
         <table><caption class=\"visually-hidden\">Netværkskort</caption>"
    ));
    assert!(
        plan.contains("<td>Sanne (mor)</td><td>17. februar 2025</td><td>40</td>"),
        "WHO-5 in the table"
    );
}

/// The front page shows the trin of every family: families in the same trin share one
/// drawing of it, which the others show by reference, and every id stays unique.
#[test]
fn a_picture_on_many_cards_is_drawn_once() {
    let (_dir, root) = example_site();
    let families = root.join("content/familier");
    for copy in ["amina-2", "amina-3"] {
        std::fs::create_dir_all(families.join(copy)).unwrap();
        for f in ["familie.yaml", "plan.md"] {
            std::fs::copy(families.join("amina").join(f), families.join(copy).join(f)).unwrap();
        }
    }
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    let html = std::fs::read_to_string(root.join("output/index.html")).unwrap();
    let amina: Vec<&str> = html
        .split("<li data-pair")
        .filter(|card| card.contains("familier/amina"))
        .collect();
    assert_eq!(amina.len(), 3);
    // The first card draws the pictures (wide and narrow) as groups; the others use them.
    // (The cards stand most urgent first, so the first copy's chart need not be the page's
    // first.)
    let n = amina[0]
        .split("<g id=\"chart-")
        .nth(1)
        .and_then(|s| s.split('-').next())
        .expect("the first card draws its picture");
    let groups = [format!("chart-{n}-b-p"), format!("chart-{n}-s-p")];
    for g in &groups {
        assert!(amina[0].contains(&format!("<g id=\"{g}\">")), "{g}");
    }
    for card in &amina[1..] {
        assert!(!card.contains("<circle"), "drawn by reference: {card}");
        for g in &groups {
            assert!(card.contains(&format!("<use href=\"#{g}\"/>")), "{card}");
        }
        assert!(
            card.contains("<desc"),
            "each card says what its picture shows"
        );
    }
    // Every id on the page once, and every reference to one of them.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "an id is used twice");
    for r in html.split("href=\"#").skip(1) {
        let target = r.split('"').next().unwrap();
        assert!(unique.contains(target), "#{target} is not on the page");
    }
    // Pictures shown once are drawn as before, with nothing to share.
    let holm = html
        .split("<li data-pair")
        .find(|card| card.contains("familier/holm"))
        .unwrap();
    assert!(!holm.contains("<use") && !holm.contains("-p\">"), "{holm}");
}

#[test]
fn example_charts_match_their_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let pages = build(&dir.path().join("out"));
    let snap_dir = repo().join("tests/snapshots");
    let update = std::env::var_os("TRINVIS_UPDATE_SNAPSHOTS").is_some();
    for (page, name) in [
        ("familier/holm/index.html", "holm-plan.txt"),
        ("familier/holm/rejse.html", "holm-rejse.txt"),
        ("familier/berg/index.html", "berg-plan.txt"),
    ] {
        // One picture per line, so a change shows as a changed line.
        let got: String = svgs(&pages[page])
            .iter()
            .map(|s| format!("{s}\n"))
            .collect();
        let path = snap_dir.join(name);
        if update {
            std::fs::create_dir_all(&snap_dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run with TRINVIS_UPDATE_SNAPSHOTS=1",
                path.display()
            )
        });
        for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "{name}: picture {} differs from its snapshot", i + 1);
        }
        assert_eq!(
            got.lines().count(),
            want.lines().count(),
            "{name}: number of pictures"
        );
    }
}

/// The family's own plan holds nothing that is only for staff, and leads nowhere else.
#[test]
fn the_family_view_is_the_familys_own() {
    let dir = tempfile::tempdir().unwrap();
    let pages = build(&dir.path().join("out"));
    for slug in ["amina", "berg", "holm", "nielsen"] {
        let html = &pages[&format!("familier/{slug}/vores-plan.html")];
        for staff_only in [
            "WHO-5",
            "SDQ",
            "risiko",
            "normalområdet",
            "Noter",
            "Vi skal huske",
            "Aktivitetsmidler",
            "kr.",
            "Metodehåndbog",
        ] {
            assert!(
                !html.contains(staff_only),
                "{slug}: «{staff_only}» on the family view"
            );
        }
        // Its only links are to its own text (skip to content), its own PDF and the family's
        // other pages (its journey, its diploma); no page of the team's.
        for a in html.split("<a ").skip(1) {
            let href = a
                .split("href=")
                .nth(1)
                .unwrap_or("")
                .trim_start_matches('"');
            assert!(
                [
                    "#",
                    "vores-plan.pdf",
                    "vores-plan.html",
                    "vores-rejse.html",
                    "diplom.html"
                ]
                .iter()
                .any(|own| href.starts_with(own)),
                "{slug}: the family view links to {href}"
            );
        }
        assert!(html.contains("<a href=vores-plan.pdf>"), "{slug}: its PDF");
        let staff = &pages[&format!("familier/{slug}/index.html")];
        assert!(
            staff.contains("vores-plan.html"),
            "{slug}: the staff page links to it"
        );
    }
    let holm = &pages["familier/holm/vores-plan.html"];
    assert!(holm.contains("Det gør I") && holm.contains("Det gør vi"));
    assert!(
        holm.contains("Ringer til værkstedslederen"),
        "an open agreement of the family"
    );
    assert!(
        !holm.contains("Spørger lederen i Kløverengen"),
        "a done agreement is not listed"
    );
    assert!(
        holm.contains("inden 1. okt. 2025 · Karim · klaret"),
        "plain words on the steps"
    );
}

#[test]
fn the_family_view_shows_the_agreed_meeting_the_pair_and_the_familys_order() {
    let dir = tempfile::tempdir().unwrap();
    let pages = build(&dir.path().join("out"));
    let holm = &pages["familier/holm/vores-plan.html"];
    assert!(
        holm.contains("3. december 2026 · kl. 10 · hjemme hos familien"),
        "agreed meeting"
    );
    assert!(
        holm.contains("21 43 65 87") && holm.contains("hverdage kl. 8–15"),
        "how to reach the pair"
    );
    let sanne = holm.find("Sanne får fast arbejde").unwrap();
    let kenneth = holm.find("Kenneth finder et job").unwrap();
    let family = holm.find("Faste rammer om morgen og aften").unwrap();
    assert!(
        sanne < kenneth && kenneth < family,
        "priority 1, then 2, then the rest"
    );
    // A finished course has no next meeting.
    assert!(!pages["familier/nielsen/vores-plan.html"].contains("Næste møde"));
    assert!(
        pages["familier/holm/index.html"].contains("hjemme hos familien"),
        "the staff plan too"
    );
}
