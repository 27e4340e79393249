//! `trinvis udlever`: one family's own pages and nothing else, every link inside the folder.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `href` and `src` of an HTML file (minified: values may be unquoted).
fn refs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=", "src="] {
        for part in html.split(attr).skip(1) {
            let v = if let Some(q) = part.strip_prefix('"') {
                q.split('"').next().unwrap()
            } else {
                part.split([' ', '>']).next().unwrap()
            };
            out.push(v.to_string());
        }
    }
    out
}

fn files(dir: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn a_family_gets_its_own_pages_and_nothing_else() {
    let (dir, root) = example_site();
    let slugs = ["amina", "berg", "holm", "nielsen"];
    for slug in slugs {
        let out = dir.path().join(format!("ud-{slug}"));
        let o = run(&[
            "udlever",
            slug,
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--dato",
            "2026-11-24",
        ]);
        assert!(o.status.success(), "{slug}: {}", stderr(&o));
        let all = files(&out);
        // Its own plan in plain words, as a page and a PDF; never the staff's plan.
        let own = out.join(format!("familier/{slug}"));
        assert!(all.contains(&own.join("vores-plan.html")), "{slug}");
        assert!(all.contains(&own.join("vores-plan.pdf")), "{slug}");
        assert!(
            !all.contains(&own.join("index.html")),
            "{slug}: the staff's plan"
        );
        for f in &all {
            let rel = f.strip_prefix(&out).unwrap().to_string_lossy().to_string();
            assert!(
                rel.starts_with(&format!("familier/{slug}/"))
                    || rel.starts_with("assets/")
                    || rel == "index.html"
                    || rel == ".trinvis-output",
                "{slug}: {rel} does not belong in the folder"
            );
            assert!(!rel.contains("search"), "{slug}: {rel}");
        }
        // Every link and picture leads to a file in the folder.
        let mut links = 0;
        for f in all
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
        {
            let html = fs::read_to_string(f).unwrap();
            for r in refs(&html) {
                if r.starts_with('#') || r.starts_with("mailto:") || r.starts_with("tel:") {
                    continue;
                }
                assert!(!r.contains("://"), "{slug}: {r} leaves the folder");
                let path = r.split('#').next().unwrap();
                let to = f.parent().unwrap().join(path);
                let to = fs::canonicalize(&to).unwrap_or_else(|_| {
                    panic!("{slug}: {} links to {r}, which is not there", f.display())
                });
                assert!(
                    to.starts_with(fs::canonicalize(&out).unwrap()),
                    "{slug}: {r}"
                );
                links += 1;
            }
            // Nothing of the rest of the site.
            for other in ["tavle.html", "metode/", "Metodehåndbog", "Tavle"] {
                assert!(
                    !html.contains(other),
                    "{slug}: {} names {other}",
                    f.display()
                );
            }
            for o in slugs.iter().filter(|o| **o != slug) {
                assert!(
                    !html.contains(&format!("familier/{o}")),
                    "{slug}: a link to {o}"
                );
            }
        }
        assert!(links >= 4, "{slug}: {links} links");
    }
    // Berg's diploma is handed out with its emblem.
    assert!(
        dir.path()
            .join("ud-berg/familier/berg/diplom.pdf")
            .is_file()
    );
    assert!(dir.path().join("ud-berg/assets/emblem.png").is_file());
}

#[test]
fn an_unknown_family_is_named_and_export_is_the_same_command() {
    let (dir, root) = example_site();
    let o = run(&["export", "holmen", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("holmen") && err.contains("amina, berg, holm, nielsen"),
        "{err}"
    );
    // The default folder is udlevering/<slug> in the site.
    let o = run(&[
        "export",
        "holm",
        "--root",
        root.to_str().unwrap(),
        "--dato",
        "2026-11-24",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        root.join("udlevering/holm/familier/holm/vores-plan.html")
            .is_file()
    );
    drop(dir);
}
