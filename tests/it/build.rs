//! Builds the bundled example end to end and checks what a reader gets.

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use trinvis::config::Paths;

fn build_example(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let r = trinvis::build(&Paths::new(&repo(), Some(out)));
    assert!(r.ok(), "{}", r.diagnostics);
    let warnings = example_warnings(&r.diagnostics);
    assert!(
        warnings.is_empty(),
        "the example should build with no warning but Holm's long plan and next meeting and the Arabic draft:\n{}",
        r.diagnostics
    );
    assert_eq!(r.diagnostics.warning_count(), 3, "{}", r.diagnostics);
    snapshot(out)
}

/// Values of href= and src= attributes (quoted or not, as minify-html leaves them).
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let before = rest[..i].chars().last();
            rest = &rest[i + attr.len()..];
            if !matches!(before, Some(' ') | Some('\n') | Some('"') | Some('\'')) {
                continue;
            }
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>', '\n']).next().unwrap_or(""),
            };
            out.push(value.replace("&amp;", "&"));
        }
    }
    out
}

/// Browsers match `#frag` against ids after percent-decoding it.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("valid escape"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 fragment")
}

fn html_pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<(&String, String)> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b.clone()).expect("pages are UTF-8")))
        .collect()
}

#[test]
fn example_builds_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    for page in [
        "index.html",
        "robots.txt",
        "assets/style.css",
        "assets/print.css",
        "assets/fonts/trinvis-sans-regular.ttf",
        "metode/index.html",
        "metode/alle.html",
        "metode/velkommen.html",
        "metode/tilgange.html",
        "metode/trin-1-invitation.html",
        "metode/trin-7-udfasning.html",
        "metode/vaerktoejer.html",
        "metode/maaling.html",
        "metode/roller.html",
        "familier/holm/index.html",
        "familier/holm/rejse.html",
        "familier/amina/index.html",
        "familier/berg/diplom.html",
        "familier/nielsen/diplom.html",
        "familier/nielsen/rejse.html",
        "familier/nielsen/vores-rejse.html",
        "familier/nielsen/vores-rejse.pdf",
    ] {
        assert!(
            files.contains_key(page),
            "missing {page}; have {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }
    // The print-all page holds every chapter, with heading ids kept unique per chapter.
    let all = String::from_utf8(files["metode/alle.html"].clone()).unwrap();
    assert!(
        all.contains("id=trin-1-invitation") && all.contains("id=roller"),
        "chapters are anchored"
    );
    assert!(
        all.contains("id=trin-1-invitation-formål") && all.contains("id=trin-2-relation-formål")
    );
    // Families without a diploma get no diploma page.
    assert!(!files.contains_key("familier/holm/diplom.html"));
    let front = String::from_utf8(files["index.html"].clone()).unwrap();
    for name in [
        "Familien Holm",
        "Familien Haddad",
        "Familien Berg",
        "Familien Nielsen",
    ] {
        assert!(front.contains(name), "front page lists {name}");
    }
    // The current trin is marked on the front page.
    assert!(front.contains("Trin 5: Udvikling"));
}

#[test]
fn pages_show_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let plan = page("familier/holm/index.html");
    assert!(plan.contains("Sanne får fast arbejde i en daginstitution"));
    assert!(
        plan.contains("Starte på kurset Pædagogisk assistent – grundforløb")
            && !plan.contains("*Pædagogisk"),
        "sub-goals are drawn on the staircase, their Markdown as plain text"
    );
    assert!(
        plan.contains("Lone Bach (jobkonsulent)"),
        "staff owners get their names"
    );
    assert!(
        plan.contains("Høj risiko for depression og stress (0–35)")
            && plan.contains("Ingen umiddelbar risiko (over 50)"),
        "WHO-5 bands are named beside the chart"
    );
    assert!(
        plan.contains("15. december 2026"),
        "follow-up: last meeting + 3 months"
    );
    let diploma = page("familier/berg/diplom.html");
    assert!(
        diploma.contains("Veninden Camilla"),
        "livline printed on the diploma"
    );
    assert!(diploma.contains("Rasmus Krogh"));
    let journey = page("familier/nielsen/rejse.html");
    assert!(
        journey.contains("Rejsen på fire spor") && journey.contains("Kørekort kategori C bestået.")
    );
    let chapter = page("metode/trin-4-planlaegning.html");
    assert!(
        chapter.contains("aria-current=page"),
        "sidebar marks the current chapter"
    );
    assert!(
        chapter.contains("href=trin-3-kortlaegning.html")
            && chapter.contains("href=trin-5-udvikling.html"),
        "prev/next"
    );
    assert!(
        chapter.contains("href=vaerktoejer.html#familieplanen"),
        ".md links become page links"
    );
}

#[test]
fn internal_links_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let files = build_example(&out);
    let mut checked = 0;
    for (page, html) in html_pages(&files) {
        let page_dir = Path::new(page.as_str()).parent().unwrap();
        for r in references(&html) {
            let (path, fragment) = r
                .split_once('#')
                .map(|(p, f)| (p, Some(f)))
                .unwrap_or((r.as_str(), None));
            let target = if path.is_empty() {
                page.to_string()
            } else {
                let joined = page_dir.join(path);
                let mut parts: Vec<String> = Vec::new();
                for c in joined.components() {
                    match c {
                        std::path::Component::ParentDir => {
                            assert!(parts.pop().is_some(), "{page}: {r} leaves the site");
                        }
                        std::path::Component::Normal(s) => {
                            parts.push(s.to_string_lossy().to_string())
                        }
                        _ => {}
                    }
                }
                parts.join("/")
            };
            assert!(
                files.contains_key(&target),
                "{page}: link {r} → {target} does not exist"
            );
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let f = percent_decode(f);
                let t = String::from_utf8(files[&target].clone()).unwrap();
                assert!(
                    t.contains(&format!("id={f}")) || t.contains(&format!("id=\"{f}\"")),
                    "{page}: anchor #{f} missing in {target}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
    // Fonts referenced by the stylesheet exist.
    let css = String::from_utf8(files["assets/style.css"].clone()).unwrap();
    for part in css.split("url(\"").skip(1) {
        let p = part.split('"').next().unwrap();
        assert!(files.contains_key(&format!("assets/{p}")), "style.css: {p}");
    }
}

#[test]
fn site_is_private_by_construction() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    for (path, bytes) in &files {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        if path.ends_with(".pdf") {
            // A PDF's XMP metadata names its vocabularies by URI; nothing is fetched.
            for ns in [
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "http://purl.org/dc/elements/1.1/",
                "http://ns.adobe.com/pdf/1.3/",
                "http://ns.adobe.com/xap/1.0/",
                "http://www.aiim.org/pdfua/ns/id/",
            ] {
                text = text.replace(&format!("=\"{ns}\""), "");
            }
        }
        let lower = text.to_lowercase();
        for bad in [
            "http://",
            "https://",
            "url(//",
            "src=//",
            "href=//",
            "src=\"//",
            "href=\"//",
        ] {
            assert!(
                !lower.contains(bad),
                "{path} references another origin ({bad})"
            );
        }
        // Every byte, compressed streams and ids included: a scanner reads them all.
        assert!(
            trinvis::cpr::find_cpr_bytes(bytes).is_empty(),
            "{path} contains a CPR-like number"
        );
    }
    for (path, html) in html_pages(&files) {
        assert!(
            html.contains("http-equiv=Content-Security-Policy")
                && html.contains("default-src 'none'"),
            "{path} lacks the CSP"
        );
        let csp = html
            .split("content=\"default-src")
            .nth(1)
            .and_then(|c| c.split('"').next())
            .expect("CSP value");
        for loose in ["unsafe-inline", "unsafe-eval", "*", "http", "data: 'self'"] {
            assert!(
                !csp.contains(loose),
                "{path}: CSP too loose ({loose}): {csp}"
            );
        }
        assert!(
            !html.contains("<script>"),
            "{path}: inline scripts are not allowed by the CSP"
        );
        assert!(
            html.contains("content=\"noindex, nofollow, noarchive\" name=robots"),
            "{path} lacks noindex"
        );
        assert!(!html.contains("fetch("), "{path} uses fetch()");
    }
    assert_eq!(
        String::from_utf8(files["robots.txt"].clone()).unwrap(),
        "User-agent: *\nDisallow: /\n"
    );
}

#[test]
fn builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = build_example(&dir.path().join("a"));
    let b = build_example(&dir.path().join("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between builds");
    }
}

/// Drawn on one core or on several, the site is the same, byte for byte, and so are the
/// messages of a broken one, in the same order.
#[test]
fn one_core_and_many_give_the_same_site_and_the_same_messages() {
    let (dir, root) = example_site();
    let build = |threads: &str, out: &str| {
        let o = bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "--root", root.to_str().unwrap(), "--output"])
            .arg(dir.path().join(out))
            .args(["--dato", "2026-11-24"])
            .output()
            .unwrap();
        (o.status.success(), stderr(&o))
    };
    assert!(build("1", "one").0);
    assert!(build("4", "four").0);
    let one = snapshot(&dir.path().join("one"));
    let four = snapshot(&dir.path().join("four"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        four.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(v == &four[k], "{k} differs between one core and four");
    }
    // Several families broken at once: the same messages, in the same order.
    for slug in ["amina", "berg", "holm"] {
        let f = root.join(format!("content/familier/{slug}/familie.yaml"));
        let t = fs::read_to_string(&f)
            .unwrap()
            .replace("\nstatus: ", "\nstatus: ukendt-");
        fs::write(&f, t).unwrap();
    }
    let (ok1, said1) = build("1", "one");
    let (ok4, said4) = build("4", "four");
    assert!(!ok1 && !ok4);
    assert_eq!(said1, said4);
}

#[test]
fn html_is_minified() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let html = String::from_utf8(files["familier/holm/index.html"].clone()).unwrap();
    assert!(
        html.starts_with("<!doctype html><html dir=ltr lang=da><head>"),
        "{}",
        &html[..80]
    );
    assert!(!html.contains("\n\n"), "blank lines are removed");
}

#[test]
fn cli_build_check_and_exit_codes() {
    let (_d, root) = example_site();
    let r = root.to_str().unwrap();
    let o = run(&["check", "--root", r]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!root.join("output").exists(), "check writes nothing");
    let o = run(&["build", "--root", r]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("4 familier og 12 kapitler"),
        "{}",
        stderr(&o)
    );
    assert!(root.join("output/index.html").is_file());
    // No staging folders are left next to the output.
    let names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with(".output")), "{names:?}");
}

#[test]
fn broken_content_exits_1_and_leaves_output_untouched() {
    let (_d, root) = example_site();
    let r = root.to_str().unwrap();
    assert!(run(&["build", "--root", r]).status.success());
    let before = snapshot(&root.join("output"));

    let fam = root.join("content/familier/holm/familie.yaml");
    let text = fs::read_to_string(&fam)
        .unwrap()
        .replace("\ntrin: 5\n", "\ntrin: 9\n");
    fs::write(&fam, text).unwrap();
    let plan = root.join("content/familier/berg/plan.md");
    let text =
        fs::read_to_string(&plan)
            .unwrap()
            .replacen("ansvarlig: mads", "ansvarlig: morfar", 1);
    fs::write(&plan, text).unwrap();
    fs::remove_file(root.join("content/familier/amina/plan.md")).unwrap();

    let o = run(&["build", "--root", r]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/familier/holm/familie.yaml:32:7"),
        "{err}"
    );
    assert!(err.contains("trin skal være et tal fra 1 til 7"), "{err}");
    assert!(err.contains("content/familier/berg/plan.md:29:20"), "{err}");
    assert!(
        err.contains("`morfar` er ikke et medlem af familien"),
        "{err}"
    );
    assert!(err.contains("content/familier/amina/plan.md:1:1"), "{err}");
    assert!(
        err.contains("3 fejl"),
        "all errors are reported at once: {err}"
    );
    assert!(err.contains("Output-mappen er ikke ændret"), "{err}");
    assert_eq!(
        snapshot(&root.join("output")),
        before,
        "output/ is left exactly as it was"
    );
}

#[test]
fn a_failure_while_drawing_leaves_the_old_output_and_no_half_written_folder() {
    // Pages go to disk as they are drawn: when a page late in the build fails (the
    // chapters come after the front page and the families), the pages already written are
    // thrown away with their folder, and the last good output stays as it was.
    let (_d, root) = example_site();
    let r = root.to_str().unwrap();
    assert!(run(&["build", "--root", r]).status.success());
    let before = snapshot(&root.join("output"));
    let template = root.join("themes/standard/templates/chapter.html");
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    fs::write(
        &template,
        "{% extends \"base.html\" %}{% block content %}{{ t.findes_ikke }}{% endblock content %}",
    )
    .unwrap();
    let o = run(&["build", "--root", r]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("themes/standard/templates/chapter.html"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&root.join("output")), before);
    let mut names: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".gitignore", "content", "output", "themes", "trinvis.yaml"]
    );
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_make() {
    let (_d, root) = example_site();
    let other = root.join("mine");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("budget.xlsx"), "vigtigt").unwrap();
    let o = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        other.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ikke lavet af trinvis"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(other.join("budget.xlsx")).unwrap(),
        "vigtigt"
    );
}

#[test]
fn new_family_scaffold_builds() {
    let (_d, root) = example_site();
    let r = root.to_str().unwrap();
    let o = run(&["new", "family", "Søndergård", "--root", r]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        root.join("content/familier/soendergaard/familie.yaml")
            .is_file()
    );
    let o = run(&["new", "family", "Søndergård", "--root", r]);
    assert_eq!(o.status.code(), Some(1), "refuses to overwrite");
    // It builds, with a warning for each placeholder left in …
    let o = run(&["check", "--root", r]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o)
            .matches("pladsholderteksten står her stadig")
            .count(),
        4,
        "{}",
        stderr(&o)
    );
    // … and once they are filled in, the first check is clean.
    let dir = root.join("content/familier/soendergaard");
    for (file, from, to) in [
        ("familie.yaml", "Skriv et pseudonym", "Anna"),
        ("familie.yaml", "Skriv navnet", "Lone"),
        // How the family reaches the pair: `check` warns until it is there.
        (
            "familie.yaml",
            "  # kontakt: teamets telefon 12 34 56 78",
            "  kontakt: teamets telefon 12 34 56 78",
        ),
        (
            "plan.md",
            "Skriv her, med familiens egne ord, hvad der er vigtigt for dem lige nu.",
            "Ro på.",
        ),
    ] {
        let t = fs::read_to_string(dir.join(file))
            .unwrap()
            .replace(from, to);
        fs::write(dir.join(file), t).unwrap();
    }
    // The measures it offers, taken in (with a child for the SDQ), are valid as written.
    let plan = fs::read_to_string(dir.join("plan.md")).unwrap();
    let block = plan.find("# målinger:").unwrap();
    let end = plan[block..].find("---").unwrap() + block;
    let taken: String = plan[block..end]
        .lines()
        .filter(|l| !l.starts_with("# Hvad"))
        .map(|l| format!("{}\n", l.strip_prefix("# ").unwrap_or(l)))
        .collect();
    assert!(taken.contains("funktionsniveau:") && taken.contains("forsørgelse:"));
    fs::write(
        dir.join("plan.md"),
        format!("{}{taken}{}", &plan[..block], &plan[end..]),
    )
    .unwrap();
    let familie = fs::read_to_string(dir.join("familie.yaml"))
        .unwrap()
        .replace(
            "makkerpar:",
            "  - id: barn\n    navn: Bo\n    rolle: barn\n    fødselsår: 2016\nmakkerpar:",
        );
    fs::write(dir.join("familie.yaml"), familie).unwrap();
    let r2 = trinvis::check(&Paths::new(&root, None));
    let own: Vec<String> = r2
        .diagnostics
        .iter()
        .filter(|d| d.file.contains("soendergaard"))
        .map(|d| d.to_string())
        .collect();
    assert!(
        own.iter()
            .all(|d| d.contains("samtykke") || d.contains("inviteret")),
        "{own:#?}"
    );
    let o = run(&["build", "--root", r]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = fs::read_to_string(root.join("output/familier/soendergaard/index.html")).unwrap();
    assert!(page.contains("Familien Søndergård"));
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let (_d, root) = example_site();
    let o = run(&["init", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn site_theme_overrides_strings_and_templates() {
    let (_d, root) = small_site(&[
        (
            "themes/standard/strings/da.yaml",
            "nav_handbook: Vores håndbog\n",
        ),
        (
            "themes/standard/templates/handbook.html",
            "{% extends \"base.html\" %}{% block content %}<p>egen forside til håndbogen</p>{% endblock content %}",
        ),
    ]);
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    let hb = fs::read_to_string(root.join("output/metode/index.html")).unwrap();
    assert!(hb.contains("egen forside til håndbogen"));
    assert!(hb.contains("Vores håndbog"));
    // Other strings still come from the built-in file.
    assert!(hb.contains("Forside"));
}

#[test]
fn broken_template_is_reported_with_its_location() {
    let (_d, root) = small_site(&[(
        "themes/standard/templates/handbook.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ t.findes_ikke }}\n{% endblock content %}",
    )]);
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(!r.ok());
    let d = r.diagnostics.iter().next().unwrap();
    assert_eq!(d.file, "themes/standard/templates/handbook.html");
    assert_eq!(d.pos.line, 3, "{d}");
    assert!(!root.join("output").exists());
}

#[test]
fn english_ui() {
    let (_d, root) = small_site(&[("trinvis.yaml", "titel: Team\nsprog: en\n")]);
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    let page = fs::read_to_string(root.join("output/familier/test/index.html")).unwrap();
    assert!(
        page.contains("lang=en") && page.contains("Sub-goal") && page.contains("1 June 2025"),
        "{page}"
    );
}

#[test]
fn linked_images_are_copied() {
    let (_d, root) = small_site(&[(
        "content/metode/a.md",
        "---\ntitel: A\nvægt: 1\n---\n![Kort](billeder/kort.png)\n",
    )]);
    let png = fs::read(repo().join("content/billeder/emblem.png")).unwrap();
    fs::create_dir_all(root.join("content/metode/billeder")).unwrap();
    fs::write(root.join("content/metode/billeder/kort.png"), &png).unwrap();
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    assert_eq!(
        fs::read(root.join("output/metode/billeder/kort.png")).unwrap(),
        png
    );
    let page = fs::read_to_string(root.join("output/metode/a.html")).unwrap();
    assert!(page.contains("src=billeder/kort.png"), "{page}");
    // A picture the handbook's PDF would place but cannot read is an error at the file, not
    // a picture silently left out.
    fs::write(root.join("content/metode/billeder/kort.png"), b"\x89PNG").unwrap();
    let e = single_error(&root);
    assert_eq!(e.location(), "content/metode/billeder/kort.png:1:1", "{e}");
    assert!(e.message.contains("kan ikke læses som PNG"), "{e}");
}

#[test]
/// A linked HTML file could replace a page; it is refused as a file type the site never
/// publishes, pointing at the link.
fn a_linked_file_may_not_replace_a_page() {
    let (_d, root) = small_site(&[(
        "content/metode/a.md",
        "---\ntitel: A\nvægt: 1\n---\n[gammel](a.html)\n",
    )]);
    fs::write(root.join("content/metode/a.html"), "<p>gammel</p>").unwrap();
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(!r.ok());
    let d = r.diagnostics.iter().next().unwrap();
    assert_eq!(
        d.location(),
        "content/metode/a.md:5:1",
        "points at the link"
    );
    assert!(d.message.contains("filtypen .html"), "{d}");
    assert_eq!(d.value.as_deref(), Some("a.html"));
    assert!(!root.join("output").exists());
}

#[test]
fn a_language_of_the_sites_own() {
    let da = fs::read_to_string(repo().join("themes/standard/strings/da.yaml")).unwrap();
    // A complete Swedish file (here: the Danish texts with one changed) builds.
    let sv = da
        .replace("nav_handbook: Metodehåndbog", "nav_handbook: Metodhandbok")
        .replace("lang_code: da", "lang_code: sv");
    let (_d, root) = small_site(&[
        ("trinvis.yaml", "sprog: sv\n"),
        ("themes/standard/strings/sv.yaml", &sv),
    ]);
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    let page = fs::read_to_string(root.join("output/index.html")).unwrap();
    assert!(page.contains("lang=sv") && page.contains("Metodhandbok"));
    // An incomplete one is refused with the missing keys named.
    let (_d, root) = small_site(&[
        ("trinvis.yaml", "sprog: sv\n"),
        ("themes/standard/strings/sv.yaml", "lang_code: sv\n"),
    ]);
    let r = trinvis::build(&Paths::new(&root, None));
    let d = r.diagnostics.iter().next().expect("an error");
    assert_eq!(d.file, "themes/standard/strings/sv.yaml");
    assert!(
        d.message.starts_with("der mangler")
            && d.value.as_deref().unwrap().contains("nav_handbook"),
        "{d}"
    );
}

/// `check` is `build` without the write: whatever stops a build stops a check, at the same
/// place.
#[test]
fn check_finds_what_build_finds() {
    for (file, text, line) in [
        // A syntax error (found when the theme is compiled).
        (
            "themes/standard/templates/handbook.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}",
            3,
        ),
        // An error that only shows when the page is drawn.
        (
            "themes/standard/templates/handbook.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ t.findes_ikke }}\n{% endblock content %}",
            3,
        ),
    ] {
        let (_d, root) = small_site(&[(file, text)]);
        let paths = Paths::new(&root, None);
        let c = trinvis::check(&paths);
        let b = trinvis::build(&paths);
        assert!(!c.ok() && !b.ok(), "{text}");
        let loc = |r: &trinvis::Report| {
            r.diagnostics
                .iter()
                .map(|d| d.location())
                .collect::<Vec<_>>()
        };
        assert_eq!(loc(&c), loc(&b));
        assert!(
            loc(&c)[0].starts_with(&format!("{file}:{line}:")),
            "{:?}",
            loc(&c)
        );
        assert!(!root.join("output").exists());
        let o = run(&["check", "--root", root.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    }
}

/// Raw HTML pasted into any Markdown text is shown as text with a warning; it never stops
/// the build.
#[test]
fn raw_html_is_shown_as_text_and_builds() {
    let plan = PLAN.replace(
        "Tekst.\n",
        "Linje<br>næste <b>fed</b>\n\n<div class=\"x\">indsat</div>\n",
    );
    let plan = plan.replace(
        "    hvad: Ringer til praktikstedet",
        "    hvad: Ringer<br>til praktikstedet",
    );
    let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    let warnings: Vec<String> = r.diagnostics.iter().map(|d| d.location()).collect();
    assert!(warnings.len() >= 3, "{warnings:?}");
    let page = fs::read_to_string(root.join("output/familier/test/index.html")).unwrap();
    assert!(
        page.contains("Linje&lt;br>næste &lt;b>fed&lt;/b>")
            || page.contains("Linje&lt;br&gt;næste"),
        "{page}"
    );
    assert!(
        page.contains("&lt;div class=\"x\">indsat")
            || page.contains("&lt;div class=&quot;x&quot;&gt;indsat"),
        "{page}"
    );
    assert!(!page.contains("<div class=\"x\">") && !page.contains("<b>"));
    assert!(page.contains("Ringer&lt;br>til") || page.contains("Ringer&lt;br&gt;til"));
}

/// The diploma: the family signs too (its adults), and without a personal heading none is
/// made up.
#[test]
fn the_diploma_is_signed_by_the_family_too() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let nielsen = page("familier/nielsen/diplom.html");
    for adult in ["Brian", "Louise"] {
        assert!(
            nielsen.contains(&format!(
                "<span class=line></span><strong><bdi>{adult}</bdi></strong>"
            )),
            "{adult} signs"
        );
    }
    assert!(
        !nielsen.contains("<strong><bdi>Sofie</bdi></strong>"),
        "a child does not sign"
    );
    assert!(
        !nielsen.contains("diploma-heading"),
        "no heading made up when there is none"
    );
    let berg = page("familier/berg/diplom.html");
    assert!(
        berg.contains("diploma-heading"),
        "a personal heading is shown"
    );
    assert!(
        berg.contains("diploma-lifeline-list"),
        "the livline as a short list"
    );
    assert!(
        berg.contains("<strong><bdi>Lone Bach og Rasmus Krogh</bdi></strong> – <bdi>jeres makkerpar fra forløbet</bdi>: <bdi>21 43 65 87 (teamets telefon), hverdage kl. 8–15</bdi></li>"),
        "the pair's contact ends the livline"
    );
}

#[test]
fn the_mapping_stands_on_the_staff_plan_only() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let staff = page("familier/holm/index.html");
    for t in [
        "Det går godt",
        "Det bekymrer os",
        "Det skal der til",
        "Gælden til boligselskabet",
        "Kenneths ryg og søvn – Kenneth (far)",
    ] {
        assert!(staff.contains(t), "{t}");
    }
    assert!(!page("familier/holm/vores-plan.html").contains("Gælden til boligselskabet"));
}

/// The example with an Arabic strings file added to its theme folder, as a team would.
fn example_with_arabic(
    familie_edit: impl Fn(&str) -> String,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = example_site();
    let strings = root.join("themes/standard/strings");
    fs::create_dir_all(&strings).unwrap();
    fs::copy(
        repo().join("tests/fixtures/ar.yaml"),
        strings.join("ar.yaml"),
    )
    .unwrap();
    let f = root.join("content/familier/holm/familie.yaml");
    let text = fs::read_to_string(&f).unwrap();
    fs::write(&f, familie_edit(&text)).unwrap();
    (dir, root)
}

/// The Holm family's own words (a dream, a goal, a step, an agreement, a service and its
/// reason, the livline) marked Danish in a family page in another language; their names not.
fn assert_danish_marked(view: &str) {
    for said in [
        "<bdi lang=da>Vi vil have mere ro derhjemme",
        "<bdi lang=da>Sanne får fast arbejde i en daginstitution",
        "<bdi lang=da>Virksomhedspraktik i Børnehuset Kløverengen",
        "<bdi lang=da>Ringer til værkstedslederen",
        "<bdi lang=da>Samtaler i jobcentret hver 14. dag",
        "<bdi lang=da>Kenneth vil hellere bruge kræfterne",
        "<bdi lang=da>Sannes mor",
    ] {
        assert!(view.contains(said), "«{said}» in\n{view}");
    }
    assert!(
        !view.contains("<bdi lang=da>Sanne</bdi>"),
        "a name is not Danish"
    );
}

#[test]
fn family_view_speaks_the_interpreters_language_when_the_team_has_it() {
    let (dir, root) = example_with_arabic(|t| format!("{t}tolk: Arabisk\n"));
    let out = dir.path().join("out");
    let r = trinvis::build(&Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    // The team's file lays its texts over the bundled Arabic ones, which fill in the rest:
    // no text is missing. The Arabic texts are still a draft (the team's file does not say
    // `gennemlæst: true`): said once, at the first family whose plan is in Arabic.
    let warnings = example_warnings(&r.diagnostics);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let drafts: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("udkast"))
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:#?}");
    assert_eq!(drafts[0].file, "content/familier/amina/familie.yaml");
    assert!(drafts[0].message.contains("arabisk (ar)"), "{}", drafts[0]);
    // The families' PDFs are in Arabic too, mirrored as the page is.
    let pdf = out.join("familier/holm/vores-plan.pdf");
    let doc = lopdf::Document::load(&pdf).unwrap();
    let lang = doc.catalog().unwrap().get(b"Lang").unwrap();
    assert_eq!(lang.as_str().unwrap(), b"ar");
    let words = pdf_text_on_pages(&pdf).concat();
    assert!(words.contains("الاجتماع"), "{words}");

    let view = fs::read_to_string(out.join("familier/holm/vores-plan.html")).unwrap();
    assert!(view.contains("<html dir=rtl lang=ar>"), "{}", &view[..120]);
    assert!(view.contains("خطتنا – Familien Holm"));
    assert!(view.contains("قبل الاجتماع القادم"));
    assert!(
        view.contains("ديسمبر"),
        "dates use the language's month names"
    );
    // The charts keep their left-to-right drawing inside the right-to-left page.
    assert!(!view.contains("Det drømmer vi om"));
    // The family's own Danish sentences are marked Danish in the Arabic page (WCAG 3.1.2);
    // names are not marked, and the fixed texts are the page's language.
    assert_danish_marked(&view);

    // The staff page stays Danish, says an interpreter is needed, and which language the
    // family's version is in.
    let plan = fs::read_to_string(out.join("familier/holm/index.html")).unwrap();
    assert!(plan.contains("<html dir=ltr lang=da>"));
    assert!(plan.contains("Tolk: Arabisk"));
    assert!(
        plan.contains("Familiens udgave <span lang=ar>(العربية)</span>"),
        "{plan}"
    );
    // Other families keep the site's language.
    let berg = fs::read_to_string(out.join("familier/berg/vores-plan.html")).unwrap();
    assert!(berg.contains("<html dir=ltr lang=da>"));
}

#[test]
fn sprog_picks_the_family_views_language_and_must_be_one_the_theme_has() {
    let (dir, root) = example_with_arabic(|t| format!("{t}tolk: arabisk\nsprog: en\n"));
    let out = dir.path().join("out");
    let r = trinvis::build(&Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    let view = fs::read_to_string(out.join("familier/holm/vores-plan.html")).unwrap();
    assert!(view.contains("<html dir=ltr lang=en>"));
    assert!(view.contains("Our plan"), "{}", &view[..400]);
    assert_danish_marked(&view);

    // Somali: bundled with trinvis (a draft).
    let f = root.join("content/familier/holm/familie.yaml");
    let set = |from: &str, to: &str| {
        let text = fs::read_to_string(&f).unwrap().replace(from, to);
        fs::write(&f, text).unwrap();
    };
    set("sprog: en", "sprog: so");
    let r = trinvis::build(&Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    let view = fs::read_to_string(out.join("familier/holm/vores-plan.html")).unwrap();
    assert!(view.contains("<html dir=ltr lang=so>"));
    assert!(
        view.contains("Qorshahayaga – Familien Holm"),
        "{}",
        &view[..400]
    );

    // Tigrinya: no texts. A warning names the language and the file to add, and the plan
    // is in the site's language.
    set("sprog: so", "sprog: ti");
    let w = warnings_about(&root, "ikke tekster på sproget");
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].file, "content/familier/holm/familie.yaml");
    assert_eq!(w[0].value.as_deref(), Some("ti"));
    let help = w[0].help.clone().unwrap_or_default();
    assert!(
        help.contains("ar, da, en, so, tr") && help.contains("themes/standard/strings/ti.yaml"),
        "{help}"
    );
    assert!(check(&root).iter().all(|d| !d.is_error()));
    let r = trinvis::build(&Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    let view = fs::read_to_string(out.join("familier/holm/vores-plan.html")).unwrap();
    assert!(view.contains("<html dir=ltr lang=da>"));

    // An interpreter's language trinvis does not know by name: said too.
    set("sprog: ti\n", "");
    set("tolk: arabisk", "tolk: swahili");
    let w = warnings_about(&root, "kender ikke tolkens sprog");
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].value.as_deref(), Some("swahili"));
}

#[test]
fn familieprioritering_on_the_staff_page_and_in_plain_words_for_the_family() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let staff = page("familier/holm/index.html");
    for t in [
        "Familieprioritering – indsatser og tilbud",
        "Samtaler i jobcentret hver 14. dag",
        "Familieafdelingen",
        "Kenneth (far)",
        "1. september 2024",
        "decision-nedtrap\">Nedtrap",
        "besluttet 1. oktober 2025",
        "»Kenneth vil hellere bruge kræfterne på afklaringen af ryggen.«",
    ] {
        assert!(staff.contains(t), "staff page: {t}");
    }
    let family = page("familier/holm/vores-plan.html");
    for t in [
        "Jeres tilbud fra kommunen – og hvad I har besluttet",
        "decision-nedtrap\">Mindre af det",
        "decision-udskyd\">Det venter",
        "decision-igangsæt\">Det skal starte",
        "jobcentret",
    ] {
        assert!(family.contains(t), "family view: {t}");
    }
    // The staff words stay on the staff page.
    for t in ["Nedtrap", "Forvaltning", "Familieprioritering"] {
        assert!(!family.contains(t), "family view: {t}");
    }
    // Families without any have no such section.
    assert!(!page("familier/berg/vores-plan.html").contains("Jeres tilbud fra kommunen"));
}

#[test]
fn a_large_handbook_writes_its_chapter_list_once() {
    use trinvis::routes::SHARED_LIST_FROM;
    let links = |html: &str| html.matches("<li><a ").count();
    // Below the threshold: every chapter's page lists every chapter, the shown one marked.
    let (_d, root) = handbook_of(SHARED_LIST_FROM - 1);
    let out = root.join("output/metode");
    assert!(!out.join("kapitelliste.js").exists());
    let page = fs::read_to_string(out.join("ekstra-0100.html")).unwrap();
    assert_eq!(links(&page), SHARED_LIST_FROM - 1);
    assert!(page.contains("<a aria-current=page href=ekstra-0100.html>"));
    let small = page.len();

    // From it on: one shared list; each page names itself for it and, without scripts,
    // links to the handbook's index.
    let (_d, root) = handbook_of(SHARED_LIST_FROM);
    let out = root.join("output/metode");
    let list = fs::read_to_string(out.join("kapitelliste.js")).unwrap();
    assert!(list.starts_with("window.trinvisChapters=\""), "{list:.80}");
    assert_eq!(list.matches("<li><a href=").count(), SHARED_LIST_FROM);
    assert!(list.contains("ekstra-0100.html") && list.contains("velkommen.html"));
    assert!(!list.contains("</"), "a `</` could end a script");
    let page = fs::read_to_string(out.join("ekstra-0100.html")).unwrap();
    assert_eq!(links(&page), 0);
    assert!(
        page.contains("data-trinvis-chapters=ekstra-0100.html"),
        "{page}"
    );
    assert!(
        page.contains("<a href=index.html>Alle kapitler</a>"),
        "{page}"
    );
    assert!(page.contains("<script defer src=kapitelliste.js>"));
    assert!(page.contains("<script defer src=../assets/chapters.js>"));
    assert!(root.join("output/assets/chapters.js").is_file());
    assert!(
        page.len() * 2 < small,
        "the page no longer carries the list: {} bytes against {small}",
        page.len()
    );
    // Pages without the sidebar do not load it.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("kapitelliste.js"));
}

/// The family's own journey shows what is not only for the staff: by default the events of
/// the course, not the years before or the staff's assessment of the situation; a staff term
/// on it is a warning at its text, gone when the event is kept for the staff.
#[test]
fn the_familys_journey_leaves_the_staffs_things_out() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let staff = page("familier/nielsen/rejse.html");
    let family = page("familier/nielsen/vores-rejse.html");
    for both in [
        "Brian bliver ledig efter en konkurs.",
        "Kørekort kategori C bestået.",
    ] {
        assert!(staff.contains(both) && family.contains(both), "{both}");
    }
    for staff_only in [
        "Familien får huslejerestance.",
        "Kontanthjælp, jobparat",
        "Ved start",
    ] {
        assert!(staff.contains(staff_only), "{staff_only}");
        assert!(
            !family.contains(staff_only),
            "{staff_only} on the family's journey"
        );
    }
    let berg = page("familier/berg/vores-rejse.html");
    assert!(page("familier/berg/rejse.html").contains("Borgerrejsen gennemgået"));
    assert!(!berg.contains("Borgerrejsen gennemgået"));
    // Its PDF leaves them out too, and takes its date from what it shows (the staff's review
    // of 1 October is not; the last event it shows is of 20 June).
    let pdf = dir.path().join("out/familier/berg/vores-rejse.pdf");
    let words = pdf_text_on_pages(&pdf).concat();
    let doc = lopdf::Document::load(&pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let created = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap();
    assert!(
        created.as_str().unwrap().starts_with(b"D:20260620"),
        "{created:?}"
    );
    assert!(words.contains("Fleksjob i supermarkedet"), "{words}");
    assert!(!words.contains("Borgerrejsen gennemgået"), "{words}");

    // A staff term on the family's journey is a warning at its text.
    let (_dir, root) = example_site();
    let p = root.join("content/familier/holm/rejse.yaml");
    let text = fs::read_to_string(&p).unwrap();
    let text = text.replace(
        "    tekst: Emil starter til fodbold.",
        "    tekst: Underretning fra skolen om Emils fravær; WHO-5 på 40.",
    );
    fs::write(&p, &text).unwrap();
    let words = warnings_about(&root, "personalets fagord");
    assert_eq!(words.len(), 1, "{words:#?}");
    let w = &words[0];
    assert_eq!(w.file, "content/familier/holm/rejse.yaml");
    assert_eq!(w.value.as_deref(), Some("«Underretning», «WHO»"), "{w}");
    assert!(
        w.help
            .as_deref()
            .unwrap_or("")
            .contains("kun_personale: true"),
        "{w}"
    );
    // Kept for the staff, it is no longer on the family's journey, and not warned about.
    fs::write(
        &p,
        text.replace(
            "    tekst: Underretning fra skolen om Emils fravær; WHO-5 på 40.",
            "    tekst: Underretning fra skolen om Emils fravær; WHO-5 på 40.\n    kun_personale: true",
        ),
    )
    .unwrap();
    assert!(warnings_about(&root, "personalets fagord").is_empty());
}

/// The command line speaks Danish: its help and every mistake on it (clap's own words are
/// English).
#[test]
fn the_command_line_speaks_danish() {
    let english = [
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Print help",
        "[default",
        "error:",
        "tip:",
        "For more information",
    ];
    let all = |o: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["udlever", "--help"],
        &["serve", "-h"],
        &["new", "family", "--help"],
    ] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}");
        let text = all(&o);
        assert!(text.contains("Brug: trinvis"), "{args:?}: {text}");
        for e in english {
            assert!(!text.contains(e), "{args:?}: «{e}» in\n{text}");
        }
    }
    for (args, said) in [
        (
            &["bild"][..],
            "fejl: ukendt kommando «bild». Mente du «build»?",
        ),
        (&["build", "--nope"], "fejl: ukendt valg «--nope»"),
        (
            &["build", "--dato", "2026-13-01"],
            "er ikke en dato; skriv den som ÅÅÅÅ-MM-DD",
        ),
        (&["udlever"], "fejl: der mangler <FAMILIE>"),
        (
            &[
                "udlever",
                "holm",
                "--uden-adgangskode",
                "--adgangskode-fil",
                "x",
            ],
            "kan ikke bruges sammen",
        ),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let text = all(&o);
        assert!(text.contains(said), "{args:?}: {text}");
        for e in english {
            assert!(!text.contains(e), "{args:?}: «{e}» in\n{text}");
        }
    }
}

/// The handbook's sidebar does not number the chapters (a chapter's place would clash with
/// its trin): a trin's chapter shows its trin.
#[test]
fn the_sidebar_shows_the_trin_not_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let page = String::from_utf8(files["metode/trin-4-planlaegning.html"].clone()).unwrap();
    assert!(page.contains("<ul class=chapter-list>"), "{page}");
    assert!(
        page.contains(
            "<a aria-current=page href=trin-4-planlaegning.html><span class=chapter-trin>Trin 4:</span> Planlægning</a>"
        ),
        "{page}"
    );
    assert!(page.contains("<a href=tilgange.html>Tilgange</a>"));
}

/// What trinvis itself says on a family's own pages is in the family's words: the network
/// is "Familie og venner" and "Folk, der hjælper jer i deres arbejde", not the staff's
/// "private" and "professionelle relationer"; no page of theirs says "internt brug" or names
/// the staff's pages.
#[test]
fn the_familys_pages_say_nothing_in_staff_words() {
    let dir = tempfile::tempdir().unwrap();
    let files = build_example(&dir.path().join("out"));
    let own: Vec<(&String, String)> = html_pages(&files)
        .into_iter()
        .filter(|(p, _)| {
            p.starts_with("familier/") && (p.contains("/vores-") || p.ends_with("/diplom.html"))
        })
        .collect();
    assert!(own.len() >= 8, "{}", own.len());
    for (path, html) in &own {
        for staff in [
            "Private relationer",
            "Professionelle relationer",
            "professionelle",
            "Nærhed",
            "internt brug",
            "Borgerrejse",
            "Familieplan",
            "SDQ",
            "problemer",
            "Funktionsniveau",
            "Forsørgelse",
            "aktivitetsparat",
        ] {
            assert!(!html.contains(staff), "{path} says «{staff}»");
        }
    }
    let holm = &files["familier/holm/vores-plan.html"];
    let holm = String::from_utf8_lossy(holm);
    assert!(holm.contains("Familie og venner"));
    assert!(holm.contains("Folk, der hjælper jer i deres arbejde"));
    // The staff's plan keeps the staff's words, and the measures only staff read.
    let staff = String::from_utf8_lossy(&files["familier/holm/index.html"]);
    assert!(staff.contains("Private relationer"));
    assert!(staff.contains("Funktionsniveau – personalets vurdering"));
    assert!(staff.contains("SDQ – de fem skalaer"));
    assert!(staff.contains("Kontanthjælp (aktivitetsparat)"));
}
