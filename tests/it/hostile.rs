//! Hostile and clumsy input: whatever a site holds, no CPR number reaches the output or a
//! message, nothing leaves the site folder, and every problem is named with its file.

use crate::common::*;
use std::fs;
use trinvis::config::Paths;

const CPR: &str = "120385-1234";
/// The serial part: it must never be printed.
const SERIAL: &str = "1234";

/// Build; the build must fail, print no serial, and leave no output.
fn refused(root: &std::path::Path) -> String {
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains(SERIAL), "a CPR number was printed: {err}");
    assert!(!root.join("output").exists());
    err
}

#[test]
fn cpr_in_the_site_settings() {
    let (_d, root) = small_site(&[("trinvis.yaml", &format!("titel: Team {CPR}\n"))]);
    let err = refused(&root);
    assert!(err.contains("trinvis.yaml:1:13"), "{err}");
    assert!(err.contains("120385-****"), "{err}");
}

#[test]
fn cpr_in_the_sites_own_theme_strings() {
    let (_d, root) = small_site(&[(
        "themes/standard/strings/da.yaml",
        &format!("footer_private: Kontakt {CPR}\n"),
    )]);
    let err = refused(&root);
    assert!(
        err.contains("themes/standard/strings/da.yaml:1:25"),
        "{err}"
    );
}

#[test]
fn cpr_as_a_family_folder_or_a_chapter_name() {
    for (folder, file) in [
        (format!("content/familier/{CPR}"), "familie.yaml"),
        ("content/metode".to_string(), "120385-1234.md"),
    ] {
        let (_d, root) = small_site(&[]);
        let dir = root.join(&folder);
        fs::create_dir_all(&dir).unwrap();
        if file == "familie.yaml" {
            fs::write(dir.join("familie.yaml"), FAMILIE).unwrap();
            fs::write(dir.join("plan.md"), PLAN).unwrap();
        } else {
            fs::write(dir.join(file), CHAPTER).unwrap();
        }
        let err = refused(&root);
        assert!(err.contains("navnet ligner et CPR-nummer"), "{err}");
    }
}

#[test]
fn cpr_as_a_linked_file_name() {
    let plan = PLAN.replace("Tekst.", "Se ![kort](120385-1234.png).");
    let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
    fs::write(
        root.join("content/familier/test/120385-1234.png"),
        b"\x89PNG",
    )
    .unwrap();
    let err = refused(&root);
    assert!(err.contains("filnavnet ligner et CPR-nummer"), "{err}");
}

#[test]
fn cpr_with_any_separator() {
    for sep in ["", " ", ".", "\u{2013}", "\u{2014}", "\u{00A0}", "-"] {
        let note = format!("120385{sep}1234");
        let plan = PLAN.replace("Tekst.", &format!("Noteret: {note}"));
        let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
        let err = refused(&root);
        assert!(
            err.contains("teksten ligner et CPR-nummer"),
            "{sep:?}: {err}"
        );
    }
}

#[test]
fn every_message_masks_the_number() {
    // An unknown field named like a CPR number, and a link to an address holding one: each
    // is reported by other checks too, and none of them may echo it.
    let fam = FAMILIE.replace("status: aktiv", &format!("status: aktiv\n{CPR}: x"));
    let plan = PLAN.replace("Tekst.", &format!("[side](https://eksempel.dk/{CPR})"));
    let (_d, root) = small_site(&[
        ("content/familier/test/familie.yaml", &fam),
        ("content/familier/test/plan.md", &plan),
    ]);
    let err = refused(&root);
    assert!(err.contains("ukendt felt"), "{err}");
    assert!(err.contains("eksterne links"), "{err}");
}

#[test]
fn new_family_refuses_a_cpr_number() {
    let (_d, root) = small_site(&[]);
    let o = run(&[
        "new",
        "family",
        &format!("Holm {CPR}"),
        "--root",
        root.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains(SERIAL), "{err}");
    assert!(err.contains("CPR"), "{err}");
    let families: Vec<String> = fs::read_dir(root.join("content/familier"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(families, ["test"], "no folder was made");
}

#[test]
fn the_example_has_no_cpr_anywhere_in_its_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let r = trinvis::build(&Paths::new(&repo(), Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(trinvis::cpr::find_cpr(&path).is_empty(), "{path}");
        assert!(trinvis::cpr::find_cpr(&text).is_empty(), "{path}");
    }
}

#[test]
fn a_root_that_is_not_a_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fil.txt");
    fs::write(&file, "x").unwrap();
    for root in [dir.path().join("findes-ikke"), file] {
        for cmd in ["build", "check"] {
            let o = run(&[cmd, "--root", root.to_str().unwrap()]);
            assert_eq!(
                o.status.code(),
                Some(2),
                "{cmd} {}: {}",
                root.display(),
                stderr(&o)
            );
            assert!(stderr(&o).contains("--root"), "{}", stderr(&o));
        }
    }
}

#[test]
fn output_into_content_through_dots_or_a_link_is_refused() {
    let (_d, root) = small_site(&[]);
    let r = root.to_str().unwrap();
    let dotted = format!("{r}/x/../content/ud");
    let o = run(&["build", "--root", r, "--output", &dotted]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!root.join("content/ud").exists());
    #[cfg(unix)]
    {
        let link = root.parent().unwrap().join("genvej");
        std::os::unix::fs::symlink(root.join("content"), &link).unwrap();
        let through = link.join("ud");
        let o = run(&["build", "--root", r, "--output", through.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(!root.join("content/ud").exists());
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_content_are_refused_with_their_target() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("hemmelig.png");
    fs::write(&secret, b"\x89PNG hemmelig").unwrap();
    let secret_txt = outside.path().join("plan.md");
    fs::write(&secret_txt, PLAN).unwrap();

    // A linked image, a linked plan and a linked family folder, all leading out.
    let plan = PLAN.replace("Tekst.", "![kort](kort.png)");
    let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
    symlink(&secret, root.join("content/familier/test/kort.png")).unwrap();
    let fam2 = root.join("content/familier/anden");
    fs::create_dir_all(&fam2).unwrap();
    fs::write(fam2.join("familie.yaml"), FAMILIE).unwrap();
    symlink(&secret_txt, fam2.join("plan.md")).unwrap();
    symlink(outside.path(), root.join("content/familier/ude")).unwrap();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("linket peger på en fil uden for content/"),
        "{err}"
    );
    assert!(err.contains("hemmelig.png"), "names the target: {err}");
    assert!(err.contains("content/familier/anden/plan.md"), "{err}");
    assert!(err.contains("content/familier/ude"), "{err}");
    assert_eq!(
        err.matches("genvejen fører ud af content/").count(),
        2,
        "{err}"
    );
    assert!(!root.join("output").exists());
}

#[cfg(unix)]
#[test]
fn links_inside_content_are_followed() {
    use std::os::unix::fs::symlink;
    let (_d, root) = small_site(&[]);
    // A family folder and a chapter kept elsewhere in content/ and linked into place.
    let store = root.join("content/arkiv");
    fs::create_dir_all(store.join("holm")).unwrap();
    fs::write(store.join("holm/familie.yaml"), FAMILIE).unwrap();
    fs::write(store.join("holm/plan.md"), PLAN).unwrap();
    fs::write(
        store.join("b.md"),
        CHAPTER.replace("Kapitel", "Linket kapitel"),
    )
    .unwrap();
    symlink(store.join("holm"), root.join("content/familier/holm")).unwrap();
    symlink(store.join("b.md"), root.join("content/metode/b.md")).unwrap();
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    assert_eq!((r.families, r.chapters), (2, 2));
    assert!(root.join("output/familier/holm/index.html").is_file());
    assert!(
        fs::read_to_string(root.join("output/metode/b.html"))
            .unwrap()
            .contains("Linket kapitel")
    );
}

#[test]
fn only_safe_file_types_are_published() {
    for (file, bytes) in [
        ("side.html", &b"<script>alert(1)</script>"[..]),
        ("tegning.svg", b"<svg><script>alert(1)</script></svg>"),
        ("program.js", b"alert(1)"),
        ("makro.docm", b"PK"),
    ] {
        let plan = PLAN.replace("Tekst.", &format!("[bilag]({file})"));
        let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
        fs::write(root.join("content/familier/test").join(file), bytes).unwrap();
        let o = run(&["build", "--root", root.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        assert!(
            err.contains("kan ikke lægges på sitet") && err.contains(file),
            "{err}"
        );
    }
    for file in [
        "kort.png",
        "foto.JPG",
        "brev.pdf",
        "noter.txt",
        "billede.webp",
    ] {
        let plan = PLAN.replace("Tekst.", &format!("[bilag]({file})"));
        let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
        fs::write(root.join("content/familier/test").join(file), b"data").unwrap();
        let r = trinvis::build(&Paths::new(&root, None));
        assert!(r.ok(), "{file}: {}", r.diagnostics);
        assert!(root.join("output/familier/test").join(file).is_file());
    }
}

#[test]
fn a_nul_byte_is_refused_where_it_stands() {
    let plan = PLAN.replace("Tekst.", "Tekst\0med NUL.");
    let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
    let err = stderr(&run(&["build", "--root", root.to_str().unwrap()]));
    assert!(err.contains("content/familier/test/plan.md:19:6"), "{err}");
    assert!(err.contains("NUL"), "{err}");
    assert!(!root.join("output").exists());
}

#[test]
fn an_unclosed_comment_is_a_warning_at_its_start() {
    let plan = PLAN.replace(
        "Tekst.",
        "Tekst.\n\n<!-- intern note\n\nDenne tekst forsvinder.",
    );
    let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
    let r = trinvis::build(&Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    let w: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("kommentaren"))
        .map(|d| d.location())
        .collect();
    assert_eq!(w, ["content/familier/test/plan.md:21:1"]);
}

#[test]
fn null_is_not_a_name() {
    for v in ["null", "~", "Null"] {
        let fam = FAMILIE.replace("navn: Familien Test", &format!("navn: {v}"));
        let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
        let err = refused(&root);
        assert!(
            err.contains("familie.yaml:1:7") && err.contains("er tom"),
            "{v}: {err}"
        );
    }
}

#[test]
fn a_file_where_a_folder_should_be() {
    for dir in ["familier", "metode"] {
        let (_d, root) = small_site(&[]);
        fs::remove_dir_all(root.join("content").join(dir)).unwrap();
        fs::write(root.join("content").join(dir), "ups").unwrap();
        let err = refused(&root);
        assert!(
            err.contains(&format!("content/{dir}:1:1")) && err.contains("skal være en mappe"),
            "{err}"
        );
    }
}

#[test]
fn indentation_pasted_from_word_is_named() {
    let fam = FAMILIE.replace(
        "  - id: barn\n    navn: Bo",
        "  - id: barn\n\u{a0}\u{a0}\u{a0}\u{a0}navn: Bo",
    );
    let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
    let err = refused(&root);
    assert!(err.contains("familie.yaml:8:1"), "{err}");
    assert!(
        err.contains("hårdt mellemrum") && err.contains("U+00A0"),
        "{err}"
    );
    // The rest of the file is still read: nothing else is reported for it.
    assert!(err.contains("1 fejl"), "{err}");
}

#[test]
fn an_unclosed_quote_is_found_where_it_opens() {
    let fam = FAMILIE.replace("navn: Familien Test", "navn: \"Familien Test");
    let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
    let err = refused(&root);
    assert!(err.contains("familie.yaml:1:7"), "{err}");
    assert!(
        err.contains("anførselstegnet her bliver aldrig lukket"),
        "{err}"
    );
    assert!(
        !err.contains("unexpected end of stream"),
        "in Danish: {err}"
    );
}

#[test]
fn a_colon_in_a_list_item_asks_for_quotes() {
    let dip = "---\ndato: 2025-06-01\nopnået:\n  - Møde: tirsdag\nfokus: [Ro]\nunderskrivere:\n  - navn: Lone\n    rolle: jobkonsulent\n---\nTak.\n";
    let (_d, root) = small_site(&[("content/familier/test/diplom.md", dip)]);
    let err = refused(&root);
    assert!(err.contains("diplom.md:4:5"), "{err}");
    assert!(err.contains("anførselstegn"), "{err}");
}

#[test]
fn oversized_and_overnested_files_are_refused_quickly() {
    let started = std::time::Instant::now();
    let big = format!("---\n---\n{}", "Lang tekst. ".repeat(300_000));
    let flow = format!("navn: {}x{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let mut block = String::from("før:\n");
    for depth in 0..200 {
        block.push_str(&" ".repeat(depth * 2));
        block.push_str("- a:\n");
    }
    let (_d, root) = small_site(&[
        ("content/familier/test/plan.md", &big),
        ("content/familier/test/familie.yaml", &flow),
        ("content/familier/test/rejse.yaml", &block),
    ]);
    let err = refused(&root);
    assert!(
        err.contains("plan.md:1:1") && err.contains("for stor"),
        "{err}"
    );
    assert!(
        err.contains("familie.yaml:1:1") && err.contains("for dybt"),
        "{err}"
    );
    assert!(
        err.contains("rejse.yaml:") && err.contains("rykket"),
        "{err}"
    );
    // Not a timing test of the product: a guard that the limits are checked before parsing
    // (without them this input took minutes and gigabytes).
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn theme_errors_point_into_the_template() {
    const T: &str = "themes/standard/templates/handbook.html";
    for (text, at) in [
        (
            "{% extends \"base.html\" %}{% block content %}{{ t.x | nofilter }}{% endblock content %}",
            ":1:54",
        ),
        (
            "{% extends \"base.html\" %}{% block content %}{% include \"findes-ikke.html\" %}{% endblock content %}",
            ":1:56",
        ),
        (
            "{% extends \"findes.html\" %}{% block content %}x{% endblock content %}",
            ":1:1",
        ),
        (
            "{% extends \"handbook.html\" %}{% block content %}x{% endblock content %}",
            ":1:1",
        ),
    ] {
        let (_d, root) = small_site(&[(T, text)]);
        let d = check(&root).into_iter().find(|d| d.is_error()).unwrap();
        assert_eq!(d.location(), format!("{T}{at}"), "{text}: {d}");
        assert!(d.help.is_some());
    }
    // The empty parent is the site's own file (see theme_errors_name_the_sites_own_template).
    let (_d, root) = small_site(&[("themes/standard/templates/base.html", "")]);
    let d = check(&root).into_iter().find(|d| d.is_error()).unwrap();
    assert_eq!(
        d.location(),
        "themes/standard/templates/base.html:1:1",
        "{d}"
    );
    assert!(d.help.unwrap().contains("base.html"));
}

#[test]
fn every_wrong_value_of_a_file_in_one_run() {
    let fam = FAMILIE
        .replace("fødselsår: 1990", "fødselsår: nitten-halvfems")
        .replace("startdato: 2025-01-01", "startdato: 1-1-2025")
        .replace("trin: 4", "trin: fire")
        .replace("status: aktiv", "status: aktivv")
        .replace("forløb: true", "forløb: måske");
    let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
    let errors: Vec<String> = check(&root)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.pos.line, d.message))
        .collect();
    let lines: Vec<&str> = errors
        .iter()
        .map(|e| e.split(' ').next().unwrap())
        .collect();
    assert_eq!(lines, ["6", "14", "15", "16", "18"], "{errors:#?}");
    assert!(errors[3].contains("ukendt værdi `aktivv`"), "{errors:#?}");
}

/// The cases: a CPR number written with YAML escapes, an escaped line break, an HTML
/// entity or a Markdown backslash is read as it is shown, and refused where it is written.
#[test]
fn cpr_written_with_escapes_entities_or_markup_is_refused_where_it_is_written() {
    let cases: [(&str, String, &str); 7] = [
        (
            "content/familier/test/familie.yaml",
            FAMILIE.replace(
                "navn: Familien Test",
                "navn: \"Familien Test 120385\\x2d1234\"",
            ),
            "familie.yaml:1:7",
        ),
        (
            "content/familier/test/familie.yaml",
            FAMILIE.replace(
                "navn: Familien Test",
                "navn: \"Familien Test 120385\\u20131234\"",
            ),
            "familie.yaml:1:7",
        ),
        (
            "content/familier/test/familie.yaml",
            FAMILIE.replace(
                "navn: Familien Test",
                "navn: \"Familien Test 120385\\\n  -1234\"",
            ),
            "familie.yaml:1:7",
        ),
        (
            "content/familier/test/plan.md",
            PLAN.replace("Tekst.", "Noter om 120385\\-1234."),
            "plan.md:19:10",
        ),
        (
            "content/familier/test/plan.md",
            PLAN.replace("Tekst.", "Noter om 120385&#45;1234."),
            "plan.md:19:10",
        ),
        (
            "content/metode/a.md",
            CHAPTER.replace("titel: Kapitel", "titel: \"Kapitel 120385\\x2d1234\""),
            "a.md:2:8",
        ),
        (
            "content/familier/test/plan.md",
            PLAN.replace("titel: Job", "titel: Job 120385\\-1234"),
            "plan.md:3:12",
        ),
    ];
    for (file, text, at) in cases {
        let (_d, root) = small_site(&[(file, &text)]);
        let err = refused(&root);
        assert!(err.contains(at), "{file}: {err}");
        assert!(
            err.contains("120385-****") || err.contains("120385–****"),
            "{err}"
        );
    }
}

/// A site's own theme that writes a CPR number in a way no check of its text finds (joined
/// by the template, or as an entity) is refused when the page is drawn, before anything is
/// written; so is one in a script of the theme's.
#[test]
fn a_theme_that_puts_a_cpr_number_on_a_page_is_refused_before_anything_is_written() {
    for (file, text) in [
        (
            "themes/standard/templates/chapter.html",
            "{% extends \"base.html\" %}{% block content %}<p>120385{{ \"-\" }}1234</p>{% endblock content %}",
        ),
        (
            "themes/standard/templates/chapter.html",
            "{% extends \"base.html\" %}{% block content %}<p title=\"120385&#45;1234\">x</p>{% endblock content %}",
        ),
        (
            "themes/standard/static/ekstra.js",
            "var nr = '120385\\u002d1234';",
        ),
        (
            "themes/standard/static/ekstra.css",
            "p::after { content: '120385\\2d 1234' }",
        ),
    ] {
        let (_d, root) = small_site(&[(file, text)]);
        let err = refused(&root);
        assert!(err.contains("CPR-nummer"), "{file}: {err}");
        assert!(!root.join("output").exists());
        let o = run(&["check", "--root", root.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "check finds it too: {file}");
    }
}

/// "No page loads anything from the internet" holds whatever the theme: a base template
/// without the security policy and with a script from another origin is refused at its line,
/// and every page carries the policy, `noindex` and the referrer policy even when the theme
/// leaves them out.
#[test]
fn a_theme_cannot_drop_the_policy_or_reach_another_origin() {
    let bare = "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title>\n<link rel=\"stylesheet\" href=\"{{ root }}assets/style.css\">{% block scripts %}{% endblock scripts %}\n</head><body>{% block content %}{% endblock content %}</body></html>\n";
    let (_d, root) = small_site(&[("themes/standard/templates/base.html", bare)]);
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut pages = 0;
    for e in walkdir::WalkDir::new(root.join("output")) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = fs::read_to_string(e.path()).unwrap();
            let head = html.split("</head>").next().unwrap();
            for want in [
                "http-equiv=Content-Security-Policy",
                "default-src 'none'",
                "name=robots",
                "noindex",
                "content=no-referrer name=referrer",
            ] {
                assert!(head.contains(want), "{}: no {want}", e.path().display());
            }
            // Before anything that could load.
            let csp = html.find("Content-Security-Policy").unwrap();
            let first_link = html.find("<link").unwrap_or(usize::MAX);
            assert!(csp < first_link, "{}", e.path().display());
            pages += 1;
        }
    }
    assert!(pages >= 7, "{pages}");
    for (extra, what) in [
        (
            "<script src=\"https://cdn.example.org/x.js\"></script>",
            "<script src>",
        ),
        (
            "<link rel=\"preload\" href=\"//cdn.example.org/f.woff2\">",
            "<link href>",
        ),
        (
            "<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/\">",
            "refresh",
        ),
        (
            "<img srcset=\"a.png 1x, https://example.org/b.png 2x\">",
            "<img srcset>",
        ),
        (
            "<div style=\"background: url('https://example.org/a.png')\"></div>",
            "url()",
        ),
        (
            "<form action=\"https://example.org/\"></form>",
            "<form action>",
        ),
        (
            "<iframe src=\"https://example.org/\"></iframe>",
            "<iframe src>",
        ),
        ("<a href=\"https://example.org/\">x</a>", "<a href>"),
    ] {
        let theme = bare.replace("</head>", &format!("{extra}\n</head>"));
        let (_d, root) = small_site(&[("themes/standard/templates/base.html", &theme)]);
        let o = run(&["build", "--root", root.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{extra}: {err}");
        assert!(
            err.contains("themes/standard/templates/base.html:3:"),
            "{extra}: {err}"
        );
        assert!(
            err.contains("uden for sitet") && err.contains(what),
            "{extra}: {err}"
        );
        assert!(!root.join("output").exists());
    }
}

#[test]
fn a_themes_stylesheet_may_not_fetch_from_another_origin() {
    let (_d, root) = small_site(&[(
        "themes/standard/static/ekstra.css",
        "p { color: red }\n@import url(\"https://fonts.example.org/css?family=X\");\n",
    )]);
    let err = refused(&root);
    assert!(
        err.contains("themes/standard/static/ekstra.css:2:14") && err.contains("uden for sitet"),
        "{err}"
    );
}

/// A mistake in a site's own template is told at that file, not at the built-in template that
/// uses it: an empty `base.html`, and a component that calls itself.
#[test]
fn theme_errors_name_the_sites_own_template() {
    let (_d, root) = small_site(&[("themes/standard/templates/base.html", "")]);
    let err = refused(&root);
    assert!(
        err.contains("--> themes/standard/templates/base.html:1:1")
            && err.contains("tom og har ikke blokken `content`")
            && !err.contains("indbygget tema"),
        "{err}"
    );
    let chapter = fs::read_to_string(repo().join("themes/standard/templates/chapter.html"))
        .unwrap()
        .replace(
            "{% block content %}",
            "{% component loop(n=1) %}x{{<loop n={n}/>}}{% endcomponent loop %}\n{% block content %}{{<loop n={1}/>}}",
        );
    let at = chapter
        .lines()
        .position(|l| l.starts_with("{% component"))
        .unwrap()
        + 1;
    let (_d, root) = small_site(&[("themes/standard/templates/chapter.html", &chapter)]);
    let err = refused(&root);
    assert!(
        err.contains(&format!(
            "--> themes/standard/templates/chapter.html:{at}:1"
        )) && err.contains("komponenten `loop` kalder sig selv"),
        "{err}"
    );
}

/// One long word where a name belongs (10,000 or 80,000 letters) is an error where it is
/// written, at once: nothing is drawn, so no picture or PDF is made of it.
#[test]
fn a_name_of_thousands_of_letters_is_refused_where_it_is_written() {
    for n in [101, 10_000, 80_000] {
        let fam = FAMILIE.replace(
            "navn: Familien Test",
            &format!("navn: Familien{}", "a".repeat(n)),
        );
        let (_d, root) = small_site(&[("content/familier/test/familie.yaml", &fam)]);
        let err = refused(&root);
        assert!(
            err.contains("familie.yaml:1:7")
                && err.contains("`navn` er")
                && err.contains("plads til 100 tegn"),
            "{n}: {}",
            &err[..err.len().min(600)]
        );
        // The message quotes the line's start, not all of it.
        assert!(err.len() < 2_000, "{n}: {} bytes", err.len());
    }
    // A goal of more steps than a staircase can show.
    let mut steps = String::new();
    for i in 0..101 {
        steps.push_str(&format!(
            "      - tekst: Skridt {i}\n        frist: 2025-06-01\n        ansvarlig: mor\n"
        ));
    }
    let plan = PLAN.replace(
        "      - tekst: Praktik\n        frist: 2025-06-01\n        ansvarlig: mor\n",
        &steps,
    );
    assert_ne!(plan, PLAN);
    let (_d, root) = small_site(&[("content/familier/test/plan.md", &plan)]);
    let err = refused(&root);
    assert!(err.contains("`delmål` har mere end 100"), "{err}");
}
