//! Each validation error: what it says, and that it points at the right file:line:col.

use crate::common::*;
use std::fs;

const FAM: &str = "content/familier/test/familie.yaml";
const PLAN_MD: &str = "content/familier/test/plan.md";

fn fam(from: &str, to: &str) -> String {
    assert!(FAMILIE.contains(from), "fixture has {from}");
    FAMILIE.replacen(from, to, 1)
}

fn plan(from: &str, to: &str) -> String {
    assert!(PLAN.contains(from), "fixture has {from}");
    PLAN.replacen(from, to, 1)
}

fn assert_at(d: &trinvis::diagnostics::Diagnostic, file: &str, line: usize, col: usize, msg: &str) {
    assert_eq!(d.location(), format!("{file}:{line}:{col}"), "{d}");
    assert!(d.message.contains(msg), "expected «{msg}» in: {d}");
    assert!(d.help.is_some(), "every error says how to fix it: {d}");
}

#[test]
fn the_fixture_is_valid() {
    let (_d, root) = small_site(&[]);
    let diags = check(&root);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn unknown_field() {
    let (_d, root) = small_site(&[(FAM, &fam("status: aktiv", "staus: aktiv"))]);
    let d = single_error(&root);
    assert_at(&d, FAM, 16, 1, "ukendt felt `staus`");
    let help = d.help.unwrap();
    assert!(help.starts_with("Mente du `status`?"), "{help}");
    assert!(
        help.contains("navn, medlemmer"),
        "lists the allowed fields: {help}"
    );
}

#[test]
fn every_unknown_field_in_a_file_and_later_errors_too() {
    // Unknown fields are all reported; a refused value (trin 8) is reported after them and
    // stops the reading of that file.
    let text = fam(
        "    rolle: barn\n",
        "    rolle: barn\n    skostørrelse: 32\n",
    )
    .replace("trin: 4", "trin: 8")
    .replace("startdato:", "farve: grøn\nstartdato:");
    let (_d, root) = small_site(&[(FAM, &text)]);
    let errs: Vec<_> = check(&root).into_iter().filter(|d| d.is_error()).collect();
    let locs: Vec<String> = errs.iter().map(|d| d.location()).collect();
    assert_eq!(
        locs,
        vec![
            format!("{FAM}:10:5"),
            format!("{FAM}:15:1"),
            format!("{FAM}:17:7")
        ],
        "{errs:#?}"
    );
    assert!(errs[2].message.contains("trin skal være"));
    assert_eq!(errs[2].value.as_deref(), Some("8"));
}

#[test]
fn wrong_type() {
    let (_d, root) = small_site(&[(FAM, &fam("trin: 4", "trin: fire"))]);
    let d = single_error(&root);
    assert_at(&d, FAM, 15, 7, "forkert type");
    assert_eq!(d.help.as_deref(), Some("Her skal stå et helt tal."));
}

#[test]
fn bad_date() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("frist: 2025-06-01", "frist: 31-06-2025"))]);
    let d = single_error(&root);
    assert_eq!(d.location(), format!("{PLAN_MD}:8:16"));
    assert!(
        d.message.contains("ugyldig dato `31-06-2025`") && d.message.contains("ÅÅÅÅ-MM-DD"),
        "{d}"
    );
}

#[test]
fn date_that_is_not_in_the_calendar() {
    let (_d, root) = small_site(&[(FAM, &fam("startdato: 2025-01-01", "startdato: 2025-02-29"))]);
    let d = single_error(&root);
    assert_eq!(d.location(), format!("{FAM}:14:12"));
    assert!(d.message.contains("2025-02-29"));
}

#[test]
fn trin_outside_1_to_7() {
    for (v, col) in [("0", 7), ("8", 7), ("-2", 7)] {
        let (_d, root) = small_site(&[(FAM, &fam("trin: 4", &format!("trin: {v}")))]);
        let d = single_error(&root);
        assert_at(&d, FAM, 15, col, "trin skal være et tal fra 1 til 7");
        assert_eq!(d.value.as_deref(), Some(v));
    }
}

#[test]
fn goal_owner_not_a_member() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("    hvem: mor", "    hvem: far"))]);
    let d = single_error(&root);
    assert_at(&d, PLAN_MD, 4, 11, "`far` er ikke et medlem af familien");
    assert!(d.help.unwrap().contains("mor, barn, familien"));
}

#[test]
fn subgoal_owner_not_a_member() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("ansvarlig: mor", "ansvarlig: nabo"))]);
    let d = single_error(&root);
    assert_at(&d, PLAN_MD, 9, 20, "`nabo` er ikke et medlem");
    assert!(
        d.help.unwrap().contains("jobkonsulent"),
        "staff may own sub-goals"
    );
}

#[test]
fn agreement_owner_not_a_member() {
    let (_d, root) = small_site(&[(
        PLAN_MD,
        &plan("  - hvem: jobkonsulent", "  - hvem: sagsbehandler"),
    )]);
    assert_at(
        &single_error(&root),
        PLAN_MD,
        11,
        11,
        "`sagsbehandler` er ikke et medlem",
    );
}

#[test]
fn subgoal_without_due_date() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("        frist: 2025-06-01\n", ""))]);
    let d = single_error(&root);
    assert_at(&d, PLAN_MD, 7, 9, "delmålet har ingen frist");
    assert_eq!(d.value.as_deref(), Some("Praktik"));
}

#[test]
fn unknown_choice() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("område: beskæftigelse", "område: arbejde"))]);
    let d = single_error(&root);
    assert_eq!(d.location(), format!("{PLAN_MD}:5:13"));
    assert!(d.message.contains("ukendt værdi `arbejde`"), "{d}");
    assert!(d.help.unwrap().contains("beskæftigelse, uddannelse"));
}

#[test]
fn measurements_out_of_range() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("score: 48", "score: 104"))]);
    assert_at(
        &single_error(&root),
        PLAN_MD,
        17,
        14,
        "WHO-5 skal være mellem 0 og 100",
    );

    let text = plan(
        "målinger:\n",
        "målinger:\n  sdq:\n    - dato: 2025-01-10\n      hvem: barn\n      score: 41\n  kapabiliteter:\n    - dato: 2025-01-10\n      hvem: mor\n      arbejde: 11\n",
    );
    let (_d, root) = small_site(&[(PLAN_MD, &text)]);
    let errs: Vec<_> = check(&root).into_iter().filter(|d| d.is_error()).collect();
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_at(&errs[0], PLAN_MD, 17, 14, "SDQ");
    assert_at(
        &errs[1],
        PLAN_MD,
        21,
        16,
        "vurderingen skal være mellem 1 og 10",
    );
}

#[test]
fn who5_not_multiple_of_4_is_a_warning() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("score: 48", "score: 50"))]);
    let diags = check(&root);
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error() && diags[0].message.contains("går op i 4"));
}

#[test]
fn duplicate_member_ids() {
    let (_d, root) = small_site(&[(FAM, &fam("  - id: barn", "  - id: mor"))]);
    let errs: Vec<_> = check(&root).into_iter().filter(|d| d.is_error()).collect();
    assert_at(&errs[0], FAM, 7, 9, "to medlemmer har samme id");
}

#[test]
fn missing_required_files() {
    let (_d, root) = small_site(&[]);
    fs::remove_file(root.join(FAM)).unwrap();
    assert_at(&single_error(&root), FAM, 1, 1, "familie.yaml");
    let (_d, root) = small_site(&[]);
    fs::remove_file(root.join(PLAN_MD)).unwrap();
    assert_at(&single_error(&root), PLAN_MD, 1, 1, "plan.md");
}

#[test]
fn missing_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = single_error(dir.path());
    assert!(d.message.contains("content/"), "{d}");
}

#[test]
fn front_matter_missing_or_unclosed() {
    let (_d, root) = small_site(&[(PLAN_MD, "Bare tekst\n")]);
    assert_at(&single_error(&root), PLAN_MD, 1, 1, "front matter");
    let (_d, root) = small_site(&[("content/metode/a.md", "---\ntitel: A\nvægt: 1\nTekst\n")]);
    assert_at(
        &single_error(&root),
        "content/metode/a.md",
        1,
        1,
        "ikke afsluttet",
    );
}

#[test]
fn yaml_syntax_error() {
    let (_d, root) = small_site(&[(FAM, &fam("navn: Familien Test", "navn: Familien: Test"))]);
    let d = single_error(&root);
    assert_eq!(d.location(), format!("{FAM}:1:15"));
    assert!(d.message.contains("YAML kan ikke læses"), "{d}");
    // In Danish: libyaml's own words are not passed on.
    assert!(
        d.message
            .contains("et kolon står, hvor YAML ikke venter et felt"),
        "{d}"
    );
    assert!(!d.to_string().contains("mapping values"), "{d}");
}

#[test]
fn cpr_numbers_are_refused() {
    let (_d, root) = small_site(&[(PLAN_MD, &plan("Tekst.", "Sannes cpr er 0103901234."))]);
    let d = single_error(&root);
    assert_at(&d, PLAN_MD, 19, 15, "CPR-nummer");
    assert!(
        !d.to_string().contains("1234"),
        "the number is masked in the message: {d}"
    );
}

#[test]
fn links_and_images() {
    let body = "Se [trin 9](trin-9.md), ![kort](https://kort.example/x.png), [borger.dk](https://borger.dk) og <b>fed</b>.\n";
    let (_d, root) = small_site(&[(
        "content/metode/a.md",
        &format!("---\ntitel: A\nvægt: 1\n---\n{body}"),
    )]);
    let diags = check(&root);
    let f = "content/metode/a.md";
    let got: Vec<(String, bool, &str)> = diags
        .iter()
        .map(|d| (d.location(), d.is_error(), d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                format!("{f}:5:4"),
                true,
                "linket peger på noget, der ikke findes: siden findes ikke"
            ),
            (
                format!("{f}:5:25"),
                true,
                "billeder fra andre websteder er ikke tilladt"
            ),
            (
                format!("{f}:5:62"),
                false,
                "eksterne links bliver vist som tekst, ikke som link"
            ),
            (
                format!("{f}:5:96"),
                false,
                "HTML i teksten vises som almindelig tekst"
            ),
            (
                format!("{f}:5:102"),
                false,
                "HTML i teksten vises som almindelig tekst"
            ),
        ]
    );
}

#[test]
fn absolute_paths_are_refused() {
    let (_d, root) = small_site(&[(
        "content/metode/a.md",
        "---\ntitel: A\nvægt: 1\n---\n[x](/metode/b.html)\n",
    )]);
    assert_at(
        &single_error(&root),
        "content/metode/a.md",
        5,
        1,
        "starter med /",
    );
}

#[test]
fn chapter_trin_out_of_range() {
    let (_d, root) = small_site(&[(
        "content/metode/a.md",
        "---\ntitel: A\nvægt: 1\ntrin: 12\n---\n",
    )]);
    assert_at(
        &single_error(&root),
        "content/metode/a.md",
        4,
        7,
        "trin skal være",
    );
}

#[test]
fn diploma_needs_signers_and_fits_a_page() {
    let dip = "---\ndato: 2025-06-01\nopnået: [Job]\nfokus: [Ro]\nunderskrivere: []\n---\nTak.\n";
    let (_d, root) = small_site(&[("content/familier/test/diplom.md", dip)]);
    assert_at(
        &single_error(&root),
        "content/familier/test/diplom.md",
        5,
        1,
        "ingen underskrivere",
    );

    let diploma = |body: String| {
        format!(
            "---\ndato: 2025-06-01\nopnået: [Job]\nfokus: [Ro]\nunderskrivere:\n  - navn: Lone\n    rolle: Jobkonsulent\n---\n{body}\n"
        )
    };
    // Somewhat long: printed smaller, with a warning.
    let (_d, root) = small_site(&[(
        "content/familier/test/diplom.md",
        &diploma("Lang tekst. ".repeat(200)),
    )]);
    let diags = check(&root);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        !diags[0].is_error() && diags[0].message.contains("mindre skrift"),
        "{}",
        diags[0]
    );
    assert_eq!(
        diags[0].value.as_deref(),
        Some("brødteksten sættes i 10,25 punkt i stedet for 11")
    );
    // Far too long: refused.
    let (_d, root) = small_site(&[(
        "content/familier/test/diplom.md",
        &diploma("Lang tekst. ".repeat(400)),
    )]);
    let d = single_error(&root);
    assert_at(
        &d,
        "content/familier/test/diplom.md",
        1,
        1,
        "for langt til én A4-side",
    );
    let value = d.value.unwrap_or_default();
    assert!(
        value.starts_with("ca. ")
            && value.ends_with("linjer for meget, også med den mindste skrift (9 punkt)"),
        "{value}"
    );
}

#[test]
fn diagnoses_on_the_diploma_need_consent() {
    let dip = "---\ndato: 2025-06-01\nopnået:\n  - Anna har fået styr på sin depression\nfokus: [Ro]\nunderskrivere:\n  - navn: Lone\n    rolle: Jobkonsulent\n---\nTak.\n";
    let (_d, root) = small_site(&[("content/familier/test/diplom.md", dip)]);
    let d = single_error(&root);
    assert_at(
        &d,
        "content/familier/test/diplom.md",
        4,
        31,
        "diagnoser må ikke stå på diplomet uden samtykke",
    );
    assert_eq!(d.value.as_deref(), Some("depression"));
    let consent = fam(
        "  forløb: true",
        "  forløb: true\n  diagnoser_på_diplom: true",
    );
    let (_d, root) = small_site(&[("content/familier/test/diplom.md", dip), (FAM, &consent)]);
    assert!(check(&root).is_empty());
}

#[test]
fn folder_names_must_be_slugs() {
    let (_d, root) = small_site(&[
        ("content/familier/Familien Ø/familie.yaml", FAMILIE),
        ("content/familier/Familien Ø/plan.md", PLAN),
    ]);
    let d = single_error(&root);
    assert_eq!(d.file, "content/familier/Familien Ø");
    assert!(d.help.unwrap().contains("familien-oe"));
}

#[test]
fn chapter_names_of_the_handbooks_own_pages_are_refused() {
    for name in ["index", "alle"] {
        let (_d, root) = small_site(&[(&format!("content/metode/{name}.md"), CHAPTER)]);
        let d = single_error(&root);
        assert_at(&d, &format!("content/metode/{name}.md"), 1, 1, "optaget");
    }
}

#[test]
fn non_utf8_file() {
    let (_d, root) = small_site(&[]);
    let mut bytes = b"navn: Familien S".to_vec();
    bytes.push(0xF8); // 'ø' in Latin-1
    bytes.extend_from_slice(b"rensen\n");
    fs::write(root.join(FAM), bytes).unwrap();
    assert_at(&single_error(&root), FAM, 1, 17, "UTF-8");
}

#[test]
fn config_errors() {
    let (_d, root) = small_site(&[("trinvis.yaml", "titel: X\nsprg: da\n")]);
    assert_at(
        &single_error(&root),
        "trinvis.yaml",
        2,
        1,
        "ukendt felt `sprg`",
    );
    let (_d, root) = small_site(&[("trinvis.yaml", "sprog: sv\n")]);
    assert_at(&single_error(&root), "trinvis.yaml", 1, 8, "ukendt sprog");
}

#[test]
fn misspelled_family_file_is_a_warning() {
    let (_d, root) = small_site(&[("content/familier/test/diplm.md", "---\n---\n")]);
    let diags = check(&root);
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error() && diags[0].message.contains("bliver ikke brugt"));
}

#[test]
fn activity_funds_over_budget_is_a_warning() {
    let text = plan(
        "målinger:\n",
        "aktivitetsmidler:\n  - dato: 2025-03-01\n    beløb: 4000\n    formål: Cykel\n    hvem: mor\n  - dato: 2025-05-01\n    beløb: 1500\n    formål: Kontingent\n    hvem: barn\nmålinger:\n",
    );
    let (_d, root) = small_site(&[(PLAN_MD, &text)]);
    let diags = check(&root);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].message.contains("2025 overstiger rammen")
            && diags[0].value.as_deref() == Some("5500 kr. af 5000 kr.")
    );
}

#[test]
fn nothing_panics_on_garbage() {
    let garbage: &[&str] = &[
        "",
        "---",
        "- - -",
        "[",
        "{a: [}",
        "navn: !!binary x",
        "&a [*a]",
        "? [a]\n: b",
        "\u{0}",
        "trin: 99999999999999999999",
        "medlemmer: {}",
        "---\n---\n---",
        "\t- x",
        "navn: x\nnavn: y",
        "ø: æ",
    ];
    for g in garbage {
        for file in [
            FAM,
            PLAN_MD,
            "content/metode/a.md",
            "content/familier/test/rejse.yaml",
            "content/familier/test/diplom.md",
            "trinvis.yaml",
        ] {
            let (_d, root) = small_site(&[(file, g)]);
            let r = trinvis::build(&trinvis::config::Paths::new(&root, None));
            for d in r.diagnostics.iter() {
                assert!(d.pos.line >= 1 && d.pos.col >= 1, "{d}");
            }
            assert_eq!(
                r.ok(),
                root.join("output/index.html").is_file(),
                "{file} with {g:?}"
            );
        }
    }
    // The required files cannot be empty or garbage.
    for g in garbage {
        let (_d, root) = small_site(&[(FAM, g)]);
        assert!(
            !trinvis::check(&trinvis::config::Paths::new(&root, None)).ok(),
            "familie.yaml {g:?}"
        );
    }
}

/// Random damage to real content files (deterministic, so failures reproduce): the checks
/// must report it, never panic.
#[test]
fn nothing_panics_on_damaged_content() {
    let mut seed: u64 = 0x0074_7269_6e76_6973;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let files = [
        "content/familier/holm/familie.yaml",
        "content/familier/holm/plan.md",
        "content/familier/holm/rejse.yaml",
        "content/familier/berg/diplom.md",
        "content/metode/trin-4-planlaegning.md",
    ];
    for file in files {
        let original = fs::read(repo().join(file)).unwrap();
        for _ in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..(1 + next() % 4) {
                let at = (next() as usize) % bytes.len();
                match next() % 6 {
                    0 => bytes[at] = (next() % 256) as u8,
                    5 => {
                        // What people paste: hard spaces, tabs, NUL, CPR numbers written
                        // every way, deep brackets, comments left open, null, emoji.
                        let hostile: [&[u8]; 10] = [
                            "\u{a0}\u{a0}".as_bytes(),
                            b"\t",
                            b"\0",
                            "120385\u{2013}1234".as_bytes(),
                            b"120385.1234",
                            b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                            b"<!-- ",
                            b"null",
                            "😊".as_bytes(),
                            b"- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
                        ];
                        let h = hostile[(next() as usize) % hostile.len()];
                        bytes.splice(at..at, h.iter().copied());
                    }
                    1 => {
                        bytes.remove(at);
                    }
                    2 => {
                        let specials = b":-[{\n\t#&*!|>'\"";
                        bytes.insert(at, specials[(next() as usize) % specials.len()]);
                    }
                    3 => {
                        let end = (at + (next() as usize % 200)).min(bytes.len());
                        bytes.drain(at..end);
                    }
                    _ => {
                        let end = (at + (next() as usize % 200)).min(bytes.len());
                        let chunk = bytes[at..end].to_vec();
                        bytes.splice(at..at, chunk);
                    }
                }
                if bytes.is_empty() {
                    break;
                }
            }
            let (_d, root) = small_site(&[]);
            // The damaged file goes into the Holm family (or the handbook) of a small site.
            let file = file.replace("/berg/", "/holm/");
            let file = file.as_str();
            fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
            for f in files {
                if f != file && f.starts_with("content/familier/holm") {
                    fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
                    fs::write(root.join(f), fs::read(repo().join(f)).unwrap()).unwrap();
                }
            }
            fs::write(root.join(file), &bytes).unwrap();
            let r = trinvis::build(&trinvis::config::Paths::new(&root, None));
            for d in r.diagnostics.iter() {
                assert!(d.pos.line >= 1 && d.pos.col >= 1, "{d}");
                assert!(!d.file.is_empty());
                assert!(trinvis::cpr::find_cpr(&d.to_string()).is_empty(), "{d}");
            }
            if r.ok() {
                for (path, b) in snapshot(&root.join("output")) {
                    let text = String::from_utf8_lossy(&b);
                    assert!(trinvis::cpr::find_cpr(&text).is_empty(), "CPR in {path}");
                }
            }
        }
    }
}

#[test]
fn characters_no_font_has_are_a_warning_where_they_stand() {
    let (_d, root) = small_site(&[(
        PLAN_MD,
        &plan("      - tekst: Praktik", "      - tekst: Praktik 😊 中文"),
    )]);
    // The step is drawn in the family's plan as a PDF: the emoji from the emoji font, the
    // Chinese letters (no font has them) as boxes, with a warning.
    assert!(check(&root).iter().all(|d| !d.is_error()));
    let w = warnings_about(&root, "tom firkant");
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(!w[0].is_error());
    assert!(w[0].message.contains("familiens PDF"), "{}", w[0]);
    assert_eq!(w[0].location(), format!("{PLAN_MD}:7:16"));
    let v = w[0].value.as_deref().unwrap();
    assert!(v.contains("U+4E2D") && !v.contains("U+1F60A"), "{v}");
}

#[test]
fn an_agreed_meeting_before_the_last_one_is_a_warning() {
    let p = plan(
        "---\n",
        "---\nnæste_møde:\n  dato: 2025-01-01\nopfølgning:\n  log:\n    - dato: 2025-03-01\n      notat: Møde\n",
    );
    let (_d, root) = small_site(&[(PLAN_MD, &p)]);
    let diags = check(&root);
    let w: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("aftalte møde"))
        .collect();
    assert_eq!(w.len(), 1, "{diags:#?}");
    assert!(!w[0].is_error());
    assert_eq!(w[0].location(), format!("{PLAN_MD}:3:9"));
}

#[test]
fn the_emblem_is_an_image_in_the_site() {
    for (emblem, msg) in [
        ("https://eksempel.dk/logo.png", "ikke en adresse"),
        ("findes-ikke.png", "findes ikke"),
        ("logo.svg", "et billede"),
        ("../uden-for.png", "uden for sitets mappe"),
    ] {
        let (_d, root) = small_site(&[("trinvis.yaml", &format!("emblem: {emblem}\n"))]);
        fs::write(root.join("logo.svg"), "<svg/>").unwrap();
        fs::write(root.parent().unwrap().join("uden-for.png"), b"\x89PNG").unwrap();
        let d = single_error(&root);
        assert_at(&d, "trinvis.yaml", 1, 9, msg);
    }
    let (_d, root) = small_site(&[("trinvis.yaml", "emblem: billeder/logo.png\n")]);
    fs::create_dir_all(root.join("billeder")).unwrap();
    let logo = fs::read(repo().join("content/billeder/emblem.png")).unwrap();
    fs::write(root.join("billeder/logo.png"), &logo).unwrap();
    let r = trinvis::build(&trinvis::config::Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    assert_eq!(
        fs::read(root.join("output/assets/emblem.png")).unwrap(),
        logo
    );

    // A file that only says it is a PNG is refused where the diploma's PDF needs it.
    let dip = "---\ndato: 2025-06-01\nopnået: [Job]\nfokus: [Ro]\nunderskrivere:\n  - navn: Lone\n    rolle: Jobkonsulent\n---\nTak.\n";
    fs::write(root.join("billeder/logo.png"), b"\x89PNG logo").unwrap();
    fs::write(root.join("content/familier/test/diplom.md"), dip).unwrap();
    let d = single_error(&root);
    assert_eq!(d.file, "trinvis.yaml");
    assert!(d.message.contains("emblemet kan ikke læses som PNG"), "{d}");
}

/// The family's decisions about the municipality's services (familieprioritering).
fn with_services(services: &str) -> String {
    plan(
        "aftaler:",
        &format!("familieprioritering:\n{services}aftaler:"),
    )
}

#[test]
fn familieprioritering_is_checked() {
    // A decision without a date, a member who is not in the family, an unknown decision.
    let (_d, root) = small_site(&[(
        PLAN_MD,
        &with_services(
            "  - indsats: Samtaler i jobcentret\n    forvaltning: beskæftigelse\n    hvem: mor\n    beslutning: nedtrap\n  - indsats: Lektiecafé\n    forvaltning: skole\n    hvem: søster\n",
        ),
    )]);
    let errors: Vec<_> = check(&root).into_iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_at(&errors[0], PLAN_MD, 14, 17, "beslutningen mangler en dato");
    assert_eq!(errors[0].value.as_deref(), Some("nedtrap"));
    assert_at(&errors[1], PLAN_MD, 17, 11, "`søster` er ikke et medlem");

    let (_d, root) = small_site(&[(
        PLAN_MD,
        &with_services(
            "  - indsats: Samtaler\n    forvaltning: jobcenter\n    hvem: mor\n    beslutning: stop\n    dato: 2025-03-01\n",
        ),
    )]);
    let errors: Vec<_> = check(&root).into_iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "every wrong value at once: {errors:#?}");
    assert!(
        errors[0].message.contains("ukendt værdi `jobcenter`"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("familieafdeling")
    );
    assert!(
        errors[1].message.contains("ukendt værdi `stop`"),
        "{}",
        errors[1]
    );
    assert!(
        errors[1]
            .help
            .as_deref()
            .unwrap()
            .contains("nedtrap, intensivér")
    );
}

#[test]
fn a_reading_path_names_chapters_that_exist() {
    let (_d, root) = small_site(&[(
        "content/metode/_forloeb.yaml",
        "titel: Ny i teamet\nkapitler:\n  - a\n  - b.md\n",
    )]);
    let d = single_error(&root);
    assert_at(
        &d,
        "content/metode/_forloeb.yaml",
        4,
        5,
        "kapitlet findes ikke i håndbogen",
    );
    assert_eq!(d.value.as_deref(), Some("b"));
    assert!(d.help.as_deref().unwrap_or("").contains("a"), "{d}");
    // With or without .md, a chapter that exists is fine.
    let (_d, root) = small_site(&[(
        "content/metode/_forloeb.yaml",
        "titel: Ny i teamet\nkapitler: [a.md]\n",
    )]);
    assert!(check(&root).is_empty(), "{:?}", check(&root));
}

/// A field written twice is shown where it stands the second time, and the first is named.
#[test]
fn a_field_written_twice_is_found_where_it_is_written_again() {
    let lines = FAMILIE.lines().count();
    let fam = format!(
        "{FAMILIE}medlemmer:\n  - id: x\n    navn: X\n    rolle: mor\n    fødselsår: 1990\n"
    );
    let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
    let e = single_error(&root);
    assert_eq!((e.pos.line, e.pos.col), (lines + 1, 1), "{e}");
    assert!(
        e.message.contains("medlemmer") && e.help.as_deref().unwrap().contains("linje 2"),
        "{e}"
    );
    // Inside a list item too: the item's second `navn`.
    let fam = FAMILIE.replace("    navn: Bo\n", "    navn: Bo\n    navn: Bodil\n");
    let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
    let e = single_error(&root);
    let at = fam.lines().position(|l| l == "    navn: Bodil").unwrap() + 1;
    assert_eq!((e.pos.line, e.pos.col), (at, 5), "{e}");
}

/// A family in the course that cannot see how to reach the pair is a warning at
/// `makkerpar:`; a family whose course has ended is not.
#[test]
fn a_plan_the_family_cannot_act_on_is_warned_about() {
    let without = fam(",\n  kontakt: 12 34 56 78}", "}");
    let (_d, root) = small_site(&[(FAM, &without)]);
    let w = warnings_about(&root, "makkerparret");
    assert_eq!(w.len(), 1, "{w:#?}");
    let line = without
        .lines()
        .position(|l| l.starts_with("makkerpar:"))
        .unwrap()
        + 1;
    assert_at(
        &w[0],
        FAM,
        line,
        1,
        "familien kan ikke se, hvordan den når makkerparret",
    );
    assert!(w[0].help.as_deref().unwrap().contains("kontakt:"));
    let ended = without.replace("status: aktiv", "status: afsluttet\nslutdato: 2026-01-01");
    let (_d, root) = small_site(&[(FAM, &ended)]);
    assert!(warnings_about(&root, "makkerparret").is_empty());
    let (_d, root) = small_site(&[]);
    assert!(warnings_about(&root, "makkerparret").is_empty());
}

/// SDQ's five scales: each 0–10; a total, or all four problem scales to make one; a total
/// that contradicts its scales is an error at the total, saying their sum; the prosocial
/// scale is not part of it.
#[test]
fn sdq_scales_are_checked_against_their_total() {
    let block = "målinger:\n  sdq:\n    - dato: 2025-01-10\n      hvem: barn\n      score: 20\n      følelsesmæssige: 5\n      adfærd: 5\n      hyperaktivitet: 5\n      kammerater: 4\n      prosocial: 9\n    - dato: 2025-04-10\n      hvem: barn\n      adfærd: 3\n    - dato: 2025-07-10\n      hvem: barn\n      prosocial: 11\n";
    let (_d, root) = small_site(&[(PLAN_MD, &plan("målinger:\n", block))]);
    let errs: Vec<_> = check(&root).into_iter().filter(|d| d.is_error()).collect();
    let said: Vec<String> = errs
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert_eq!(errs.len(), 4, "{said:#?}");
    assert_at(
        &errs[0],
        PLAN_MD,
        17,
        14,
        "den samlede SDQ-score passer ikke med skalaerne",
    );
    assert!(
        errs[0].help.as_deref().unwrap().contains("tilsammen 19"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[0].value.as_deref(), Some("20"));
    assert!(said[1].starts_with(&format!("{PLAN_MD}:23:")), "{said:#?}");
    assert!(said[1].contains("mangler problemskalaer"), "{said:#?}");
    assert!(
        errs[1]
            .help
            .as_deref()
            .unwrap()
            .contains("følelsesmæssige, hyperaktivitet, kammerater")
    );
    assert!(said[2].starts_with(&format!("{PLAN_MD}:26:")), "{said:#?}");
    assert!(said[2].contains("ingen score"), "{said:#?}");
    assert_at(
        &errs[3],
        PLAN_MD,
        28,
        18,
        "SDQ-skalaen «prosocial» skal være mellem 0 og 10",
    );

    // The four scales alone make the total, shown on the staff's plan with them.
    let block = "målinger:\n  sdq:\n    - dato: 2025-01-10\n      hvem: barn\n      følelsesmæssige: 5\n      adfærd: 0\n      hyperaktivitet: 5\n      kammerater: 4\n";
    let (dir, root) = small_site(&[(PLAN_MD, &plan("målinger:\n", block))]);
    assert!(check(&root).iter().all(|d| !d.is_error()));
    let out = dir.path().join("out");
    let r = trinvis::build(&trinvis::config::Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    let page = std::fs::read_to_string(out.join("familier/test/index.html")).unwrap();
    assert!(page.contains("SDQ – de fem skalaer"));
    assert!(
        page.contains("Samlede vanskeligheder 14 (grænseområde)"),
        "the total of 5 + 0 + 5 + 4, in the profile's words"
    );
}

/// Where `needle` stands in `text`: "line:col", 1-based, of its first letter, the column in
/// letters.
fn where_is(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].chars().count() + 1;
    format!("{line}:{col}")
}

/// Functioning level: an adult's dimensions for an adult and a child's for a child (by age on
/// the date), each 0–4, the overall level A–E; an empty assessment is an error. A measure
/// for adults given to a child (WHO-5) is a warning.
#[test]
fn functioning_level_is_checked_for_adults_and_children() {
    let block = "målinger:\n  funktionsniveau:\n    - dato: 2025-03-01\n      hvem: mor\n      samlet: F\n      vurdering:\n        mobilitet: 5\n        skole_og_læring: 2\n        humør: 1\n    - dato: 2025-03-01\n      hvem: barn\n      samlet: B\n      vurdering:\n        skole_og_læring: 2\n        sundhed: 1\n    - dato: 2025-06-01\n      hvem: barn\n";
    // The fixture's WHO-5 given to the child.
    let text = plan("målinger:\n", block)
        .replace("hvem: mor\n      score: 48", "hvem: barn\n      score: 48");
    let (_d, root) = small_site(&[(PLAN_MD, &text)]);
    let all = check(&root);
    let errs: Vec<String> = all
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    let at = |needle: &str| format!("{PLAN_MD}:{}", where_is(&text, needle));
    for want in [
        format!(
            "{} det samlede funktionsniveau skal være A, B, C, D eller E",
            at("F\n")
        ),
        format!("{} funktionsniveauet skal være mellem 0 og 4", at("5\n")),
        format!(
            "{} «skole_og_læring» hører til et barns funktionsniveau, og Anna er voksen på datoen",
            at("2\n        humør")
        ),
        format!(
            "{} «humør» er ikke en dimension af funktionsniveau",
            at("1\n    - dato")
        ),
    ] {
        assert!(errs.contains(&want), "missing «{want}» in {errs:#?}");
    }
    assert!(
        errs.iter()
            .any(|e| e.contains("vurderingen af funktionsniveau er tom")),
        "{errs:#?}"
    );
    // The child's own dimensions, "sundhed" among them, are in order.
    assert!(!errs.iter().any(|e| e.contains("sundhed")), "{errs:#?}");
    assert_eq!(errs.len(), 5, "{errs:#?}");
    let warnings: Vec<String> = all
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(warnings, ["WHO-5 er til voksne, men Bo er et barn"]);
}

/// The support history: each person's entries in date order and one a day; hours a week only
/// for a job, 1–60; a kind of support trinvis does not know is an error listing those it does.
#[test]
fn the_support_history_is_checked() {
    let block = "forsørgelse:\n  - hvem: mor\n    fra: 2025-03-01\n    slags: sygedagpenge\n    timer: 10\n  - hvem: mor\n    fra: 2025-02-01\n    slags: fleksjob\n    timer: 70\n  - hvem: mor\n    fra: 2025-02-01\n    slags: ordinært-job\naftaler:\n";
    let text = plan("aftaler:\n", block);
    let (_d, root) = small_site(&[(PLAN_MD, &text)]);
    let errs: Vec<String> = check(&root)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    let at = |needle: &str| format!("{PLAN_MD}:{}", where_is(&text, needle));
    for want in [
        format!(
            "{} timer hører til et job, ikke til sygedagpenge",
            at("10\n")
        ),
        format!(
            "{} forsørgelsen står ikke i tidsorden",
            at("2025-02-01\n    slags: fleksjob")
        ),
        format!("{} timer om ugen skal være mellem 1 og 60", at("70\n")),
        format!(
            "{} to skift af forsørgelse samme dag for samme person",
            at("2025-02-01\n    slags: ordinært")
        ),
    ] {
        assert!(errs.contains(&want), "missing «{want}» in {errs:#?}");
    }
    assert_eq!(errs.len(), 4, "{errs:#?}");

    let text = plan(
        "aftaler:\n",
        "forsørgelse:\n  - hvem: mor\n    fra: 2025-03-01\n    slags: bistandshjælp\naftaler:\n",
    );
    let (_d, root) = small_site(&[(PLAN_MD, &text)]);
    let d = single_error(&root);
    assert!(d.message.contains("bistandshjælp"), "{d}");
    assert!(
        format!("{d}").contains("kontanthjælp-aktivitetsparat"),
        "the kinds it knows are listed: {d}"
    );
}
