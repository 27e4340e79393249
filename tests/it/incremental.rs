//! The incremental rebuild of `watch` and `serve`: after every edit of a series, the site
//! kept in memory and drawn again only where the edit reaches is byte for byte the site a
//! full build makes of the same files, and reports the same findings.

use crate::common::*;
use std::fs;
use std::path::Path;
use trinvis::config::Paths;
use trinvis::{Options, Session};

/// A session that would write keeps what it draws, to compare.
const OPTS: Options = Options {
    write: true,
    charts: true,
    pdf: true,
    today: None,
};

/// Tell the session what changed, draw what it touches, and compare with a full build.
fn step(s: &mut Session, root: &Path, what: &str, changed: &[&str]) -> Vec<String> {
    let changed: Vec<String> = changed.iter().map(|c| c.to_string()).collect();
    s.change(&changed);
    let drawn = s.draw_all().unwrap_or_default().changed;
    let mut full = Session::open(&Paths::new(root, None), OPTS);
    let _ = full.draw_all();
    assert_eq!(
        s.diagnostics().to_string(),
        full.diagnostics().to_string(),
        "{what}: the findings differ"
    );
    assert_eq!(s.ok(), full.ok(), "{what}");
    if s.ok() {
        let (a, b) = (&s.output().files, &full.output().files);
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "{what}: differs from a full build: {differ:?}"
        );
        assert_eq!(s.output().copies, full.output().copies, "{what}");
    }
    drawn
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_series_of_edits_gives_what_a_full_build_gives() {
    let (_dir, root) = example_site();
    let mut s = Session::open(&Paths::new(&root, None), OPTS);
    s.draw_all().expect("the example draws");
    assert!(s.ok(), "{}", s.diagnostics());

    // A new family.
    let ny = root.join("content/familier/ny");
    fs::create_dir_all(&ny).unwrap();
    fs::write(ny.join("familie.yaml"), FAMILIE).unwrap();
    fs::write(ny.join("plan.md"), PLAN).unwrap();
    let drawn = step(
        &mut s,
        &root,
        "add a family",
        &[
            "content/familier/ny/familie.yaml",
            "content/familier/ny/plan.md",
        ],
    );
    assert!(drawn.contains(&"familier/ny/index.html".to_string()));
    assert!(drawn.contains(&"index.html".to_string()), "{drawn:?}");
    assert!(
        !drawn.iter().any(|p| p.starts_with("familier/holm/")),
        "another family's pages are not drawn again: {drawn:?}"
    );

    // A goal's title.
    let drawn = step(&mut s, &root, "edit a goal", &{
        edit(
            &root,
            "content/familier/holm/plan.md",
            "Faste rammer om morgen og aften",
            "Faste rammer om morgenen",
        );
        ["content/familier/holm/plan.md"]
    });
    assert!(drawn.contains(&"familier/holm/index.html".to_string()));
    assert!(drawn.contains(&"familier/holm/vores-plan.pdf".to_string()));
    assert!(!drawn.iter().any(|p| p.starts_with("metode/")), "{drawn:?}");

    // Broken YAML, then fixed.
    let good = fs::read_to_string(root.join("content/familier/holm/familie.yaml")).unwrap();
    fs::write(
        root.join("content/familier/holm/familie.yaml"),
        good.replacen("navn:", "navn: [", 1),
    )
    .unwrap();
    step(
        &mut s,
        &root,
        "break YAML",
        &["content/familier/holm/familie.yaml"],
    );
    assert!(!s.ok());
    fs::write(root.join("content/familier/holm/familie.yaml"), &good).unwrap();
    let drawn = step(
        &mut s,
        &root,
        "fix YAML",
        &["content/familier/holm/familie.yaml"],
    );
    assert!(s.ok());
    // What changed while it was broken is drawn once it is fixed.
    assert!(drawn.is_empty() || drawn.iter().all(|p| !p.starts_with("familier/ny/")));

    // A chapter's text, then its title.
    edit(
        &root,
        "content/metode/roller.md",
        "## Makkerparret",
        "## Makkerparret\n\nEt nyt afsnit.",
    );
    let drawn = step(
        &mut s,
        &root,
        "edit a chapter's text",
        &["content/metode/roller.md"],
    );
    assert!(drawn.contains(&"metode/roller.html".to_string()));
    assert!(
        !drawn.contains(&"metode/tilgange.html".to_string()),
        "{drawn:?}"
    );
    edit(
        &root,
        "content/metode/roller.md",
        "titel: Roller og organisering",
        "titel: Roller",
    );
    let drawn = step(
        &mut s,
        &root,
        "rename a chapter's title",
        &["content/metode/roller.md"],
    );
    assert!(
        drawn.contains(&"metode/tilgange.html".to_string()),
        "{drawn:?}"
    );

    // A chapter no longer on a trin: the families on that trin no longer link to it.
    edit(&root, "content/metode/trin-5-udvikling.md", "trin: 5\n", "");
    let drawn = step(
        &mut s,
        &root,
        "a chapter's trin taken away",
        &["content/metode/trin-5-udvikling.md"],
    );
    assert!(
        drawn.contains(&"familier/holm/index.html".to_string()),
        "{drawn:?}"
    );

    // A chapter renamed: the links to it break, and are mended.
    fs::rename(
        root.join("content/metode/roller.md"),
        root.join("content/metode/roller-og-organisering.md"),
    )
    .unwrap();
    step(
        &mut s,
        &root,
        "rename a chapter",
        &[
            "content/metode/roller.md",
            "content/metode/roller-og-organisering.md",
        ],
    );
    let linking: Vec<String> = fs::read_dir(root.join("content/metode"))
        .unwrap()
        .flatten()
        .filter(|e| fs::read_to_string(e.path()).unwrap().contains("roller.md"))
        .map(|e| format!("content/metode/{}", e.file_name().to_string_lossy()))
        .collect();
    for rel in &linking {
        let text = fs::read_to_string(root.join(rel)).unwrap();
        fs::write(
            root.join(rel),
            text.replace("roller.md", "roller-og-organisering.md"),
        )
        .unwrap();
    }
    // The reading path names it too.
    edit(
        &root,
        "content/metode/_forloeb.yaml",
        "- roller\n",
        "- roller-og-organisering\n",
    );
    // And the glossary.
    let glossary = fs::read_to_string(root.join("content/metode/ordliste.yaml")).unwrap();
    fs::write(
        root.join("content/metode/ordliste.yaml"),
        glossary.replace("kapitel: roller\n", "kapitel: roller-og-organisering\n"),
    )
    .unwrap();
    let mut refs: Vec<&str> = linking.iter().map(String::as_str).collect();
    refs.push("content/metode/_forloeb.yaml");
    refs.push("content/metode/ordliste.yaml");
    step(&mut s, &root, "mend the links", &refs);
    assert!(s.ok(), "{}", s.diagnostics());
    assert!(!s.output().files.contains_key("metode/roller.html"));

    // A family deleted.
    fs::remove_dir_all(root.join("content/familier/berg")).unwrap();
    step(
        &mut s,
        &root,
        "delete a family",
        &[
            "content/familier/berg/familie.yaml",
            "content/familier/berg/plan.md",
        ],
    );
    assert!(
        !s.output()
            .files
            .keys()
            .any(|p| p.starts_with("familier/berg/"))
    );

    // A family copied over another.
    fs::copy(
        root.join("content/familier/holm/plan.md"),
        root.join("content/familier/ny/plan.md"),
    )
    .unwrap();
    fs::copy(
        root.join("content/familier/holm/familie.yaml"),
        root.join("content/familier/ny/familie.yaml"),
    )
    .unwrap();
    step(
        &mut s,
        &root,
        "a family copied from another",
        &[
            "content/familier/ny/plan.md",
            "content/familier/ny/familie.yaml",
        ],
    );

    // A diploma and a journey taken away, and the diploma given back.
    let diplom = root.join("content/familier/nielsen/diplom.md");
    let text = fs::read_to_string(&diplom).unwrap();
    fs::remove_file(&diplom).unwrap();
    fs::remove_file(root.join("content/familier/holm/rejse.yaml")).unwrap();
    step(
        &mut s,
        &root,
        "a diploma and a journey removed",
        &[
            "content/familier/nielsen/diplom.md",
            "content/familier/holm/rejse.yaml",
        ],
    );
    for gone in [
        "familier/nielsen/diplom.html",
        "familier/nielsen/diplom.pdf",
        "familier/holm/rejse.pdf",
    ] {
        assert!(!s.output().files.contains_key(gone), "{gone}");
    }
    fs::write(&diplom, text).unwrap();
    let drawn = step(
        &mut s,
        &root,
        "a diploma added",
        &["content/familier/nielsen/diplom.md"],
    );
    assert!(drawn.contains(&"familier/nielsen/diplom.pdf".to_string()));

    // A template: the site's own copy of the standard theme's base.html.
    let base = repo().join("themes/standard/templates/base.html");
    let own = root.join("themes/standard/templates/base.html");
    fs::create_dir_all(own.parent().unwrap()).unwrap();
    fs::write(
        &own,
        fs::read_to_string(base)
            .unwrap()
            .replacen("<body", "<body data-test=\"1\"", 1),
    )
    .unwrap();
    let drawn = step(
        &mut s,
        &root,
        "change a template",
        &["themes/standard/templates/base.html"],
    );
    assert!(drawn.contains(&"familier/holm/index.html".to_string()));

    // trinvis.yaml.
    edit(&root, "trinvis.yaml", "titel:", "titel: Nyt –");
    step(&mut s, &root, "change trinvis.yaml", &["trinvis.yaml"]);
}

#[test]
fn a_change_that_was_not_reported_is_still_seen() {
    // A family folder added while nobody listened: the next change finds it.
    let (_dir, root) = example_site();
    let mut s = Session::open(&Paths::new(&root, None), OPTS);
    s.draw_all().unwrap();
    let ny = root.join("content/familier/ny");
    fs::create_dir_all(&ny).unwrap();
    fs::write(ny.join("familie.yaml"), FAMILIE).unwrap();
    fs::write(ny.join("plan.md"), PLAN).unwrap();
    edit(
        &root,
        "content/metode/roller.md",
        "## Makkerparret",
        "## Makkerparret\n\nEt nyt afsnit.",
    );
    step(&mut s, &root, "a chapter", &["content/metode/roller.md"]);
    assert!(s.output().files.contains_key("familier/ny/index.html"));
}

#[test]
fn a_preview_writes_what_a_save_changed_and_links_the_rest() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, root) = example_site();
    let out = root.join("output");
    let inode = |rel: &str| fs::metadata(out.join(rel)).unwrap().ino();
    let mut s = Session::open(&Paths::new(&root, None), OPTS);
    s.draw_all().expect("the example draws");
    s.write().expect("written");
    let (berg, holm) = (
        inode("familier/berg/index.html"),
        inode("familier/holm/index.html"),
    );

    // A save of Holm's plan: its pages are written anew, Berg's are the same files.
    edit(
        &root,
        "content/familier/holm/plan.md",
        "titel: Faste rammer om morgen og aften",
        "titel: Faste rammer om morgenen og aftenen",
    );
    s.change(&["content/familier/holm/plan.md".to_string()]);
    s.draw_all().expect("drawn");
    s.write().expect("written");
    assert_eq!(
        inode("familier/berg/index.html"),
        berg,
        "linked, not written"
    );
    assert_ne!(inode("familier/holm/index.html"), holm, "written anew");
    let written = snapshot(&out);
    let full = root.join("fuld");
    assert!(trinvis::build(&Paths::new(&root, Some(&full))).ok());
    assert_eq!(written, snapshot(&full), "the same files as a full build");

    // Another build puts a folder of its own in place: nothing of it is trusted.
    assert!(trinvis::build(&Paths::new(&root, None)).ok());
    let other = inode("familier/berg/index.html");
    s.change(&["content/familier/holm/plan.md".to_string()]);
    s.draw_all().expect("drawn");
    s.write().expect("written");
    assert_ne!(inode("familier/berg/index.html"), other);
    assert_eq!(snapshot(&out), written);
}
