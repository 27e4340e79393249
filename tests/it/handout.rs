//! `trinvis udlever`: one family's own pages and nothing else, every link inside the folder.

use crate::common::*;
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

/// `trinvis udlever SLUG` into `out` for the example's day, locked with the passphrase in
/// `pass` when there is one.
fn hand_out(root: &Path, slug: &str, out: &Path, pass: Option<&Path>) -> std::process::Output {
    let mut args = vec![
        "udlever",
        slug,
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--dato",
        "2026-11-24",
    ];
    if let Some(p) = pass {
        args.extend(["--adgangskode-fil", p.to_str().unwrap()]);
    }
    run(&args)
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
        // Its own journey, never the staff's.
        assert!(!all.contains(&own.join("rejse.html")), "{slug}");
        assert!(!all.contains(&own.join("rejse.pdf")), "{slug}");
        let journey = root
            .join(format!("content/familier/{slug}/rejse.yaml"))
            .exists();
        assert_eq!(
            all.contains(&own.join("vores-rejse.html")),
            journey,
            "{slug}"
        );
        assert_eq!(
            all.contains(&own.join("vores-rejse.pdf")),
            journey,
            "{slug}"
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
            // Nothing of the rest of the site, nor of its staff's words.
            for other in [
                "tavle.html",
                "metode/",
                "Metodehåndbog",
                "Tavle",
                "internt brug",
                "Borgerrejse",
            ] {
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
    // The first page a family opens is in its language: the Haddad family's in Arabic,
    // from the right; the others' in Danish.
    let index =
        |slug: &str| fs::read_to_string(dir.path().join(format!("ud-{slug}/index.html"))).unwrap();
    let amina = index("amina");
    assert!(amina.contains("lang=\"ar\" dir=\"rtl\""), "{amina}");
    assert!(amina.contains("خطتنا"), "{amina}");
    // It says who the pair are and how to reach them, in the family's words.
    assert!(
        amina.contains("<bdi>Mette Dahl و Jonas Vinther</bdi>")
            && amina.contains("<bdi>21 43 65 87 (teamets telefon)</bdi>"),
        "{amina}"
    );
    let berg = index("berg");
    assert!(berg.contains("lang=\"da\" dir=\"ltr\""), "{berg}");
    // Berg's diploma is handed out with its emblem.
    assert!(
        dir.path()
            .join("ud-berg/familier/berg/diplom.pdf")
            .is_file()
    );
    assert!(dir.path().join("ud-berg/assets/emblem.png").is_file());
}

#[test]
fn an_unknown_family_is_named_and_the_folder_has_a_default_place() {
    let (dir, root) = example_site();
    let o = run(&["udlever", "holmen", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("holmen") && err.contains("amina, berg, holm, nielsen"),
        "{err}"
    );
    // The default folder is udlevering/<slug> in the site.
    let o = run(&[
        "udlever",
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

/// Python's `cryptography` (an implementation of its own, OpenSSL underneath), or None after
/// saying why; in CI (`CI` set) it must be there (.ci/run installs it).
fn python_with_cryptography() -> Option<&'static str> {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import cryptography"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(!ci, "python3 with the package cryptography is needed in CI");
        eprintln!(
            "\n*** SKIPPED: python3 -c 'import cryptography' failed (pip install cryptography) ***\n"
        );
        return None;
    }
    Some("python3")
}

/// Opens a sealed page as `assets/unlock.js` does: the page must be where its sealed path
/// says (its path in the folder is the script's second argument), and each item's associated
/// data is its kind, its page, its path, the salt and the rounds.
const DECRYPT_PY: &str = r#"
import base64, json, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives import hashes
page, where, passphrase, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
html = open(page, encoding="utf-8").read()
data = html.split('<script id="sealed" type="application/json">')[1].split("</script>")[0]
sealed = json.loads(data.replace("<\\/", "</"))
assert sealed["v"] == 2, sealed["v"]
assert sealed["iterations"] >= 600000, sealed["iterations"]
assert sealed["page"]["path"] == where, "moved: " + sealed["page"]["path"]
salt = base64.b64decode(sealed["salt"])
key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=sealed["iterations"]).derive(passphrase.encode())
def open_(kind, item):
    nonce = base64.b64decode(item["nonce"])
    assert len(nonce) == 12
    aad = "\n".join(["trinvis-udlevering/2", kind, sealed["page"]["path"], item["path"], sealed["salt"], str(sealed["iterations"])])
    return AESGCM(key).decrypt(nonce, base64.b64decode(item["data"]), aad.encode())
open(out + ".html", "wb").write(open_("side", sealed["page"]))
for i, f in enumerate(sealed["files"]):
    open(out + "." + str(i) + "." + f["href"].rsplit("/", 1)[-1], "wb").write(open_("fil", f))
print(len(sealed["files"]), sealed["page"]["path"])
"#;

#[test]
fn a_sealed_folder_opens_with_another_implementation_and_holds_no_family_text() {
    let (dir, root) = example_site();
    let pass = dir.path().join("kode.txt");
    fs::write(&pass, "hest batteri klips blå\n").unwrap();
    let hand = |out: &Path, sealed: bool| {
        let o = hand_out(&root, "berg", out, sealed.then_some(pass.as_path()));
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    let plain = dir.path().join("plain");
    let sealed = dir.path().join("sealed");
    hand(&plain, false);
    let said = hand(&sealed, true);
    assert!(said.contains("låst med adgangskoden"), "{said}");
    assert!(!said.contains("advarsel"), "a good passphrase: {said}");

    // No family text in the sealed folder: not the names, not the goals.
    let familie = fs::read_to_string(root.join("content/familier/berg/familie.yaml")).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&familie).unwrap();
    let mut words = vec![
        "Berg".to_string(),
        "Fleksjob".to_string(),
        "håndbold".to_string(),
    ];
    for m in doc["medlemmer"].as_sequence().unwrap() {
        words.push(m["navn"].as_str().unwrap().to_string());
    }
    for f in files(&sealed) {
        let bytes = fs::read(&f).unwrap();
        let mut text = String::from_utf8_lossy(&bytes).to_string();
        // The sealed data is base64, where any short word turns up by chance: look at
        // everything else, and at the sealed data's plain fields.
        const OPEN: &str = "<script id=\"sealed\" type=\"application/json\">";
        if let Some((before, rest)) = text.clone().split_once(OPEN) {
            let (data, after) = rest.split_once("</script>").unwrap();
            let v: serde_json::Value = serde_json::from_str(&data.replace("<\\/", "</")).unwrap();
            let mut plain = vec![v["page"]["path"].to_string()];
            for item in v["files"].as_array().unwrap() {
                for k in ["path", "href", "type"] {
                    plain.push(item[k].to_string());
                }
            }
            text = format!("{before}{after}{}", plain.join(" "));
        }
        for w in &words {
            assert!(!text.contains(w.as_str()), "{} holds «{w}»", f.display());
        }
        assert!(
            !f.to_string_lossy().ends_with(".pdf"),
            "{} is not sealed",
            f.display()
        );
    }

    // Another implementation opens every page, and gets the page and its PDF as drawn.
    let Some(py) = python_with_cryptography() else {
        return;
    };
    let script = dir.path().join("open.py");
    fs::write(&script, DECRYPT_PY).unwrap();
    for page in [
        "familier/berg/vores-plan.html",
        "familier/berg/diplom.html",
        "index.html",
    ] {
        let got = dir.path().join("got");
        let o = std::process::Command::new(py)
            .arg(&script)
            .arg(sealed.join(page))
            .arg(page)
            .arg("hest batteri klips blå")
            .arg(&got)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{page}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let html = fs::read(dir.path().join("got.html")).unwrap();
        if page == "index.html" {
            assert!(String::from_utf8_lossy(&html).contains("Familien Berg"));
        } else {
            assert_eq!(html, fs::read(plain.join(page)).unwrap(), "{page}");
            let pdf = page.replace(".html", ".pdf");
            let name = pdf.rsplit('/').next().unwrap();
            let opened = fs::read(dir.path().join(format!("got.0.{name}"))).unwrap();
            let drawn = fs::read(plain.join(&pdf)).unwrap();
            assert_eq!(opened, drawn, "{pdf}");
        }
        // The wrong passphrase opens nothing.
        let o = std::process::Command::new(py)
            .arg(&script)
            .arg(sealed.join(page))
            .arg(page)
            .arg("Hest batteri klips blå")
            .arg(&got)
            .output()
            .unwrap();
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("InvalidTag"));
    }
    // The journey's sealed data in the plan's place does not open: not where it is (its
    // sealed path says vores-rejse.html), nor with its path rewritten (bound to the item), nor with
    // the salt or the rounds changed (bound too).
    let journey = fs::read_to_string(sealed.join("familier/berg/vores-rejse.html")).unwrap();
    let open = |html: &str, expect: &str| {
        let moved = dir.path().join("byttet.html");
        fs::write(&moved, html).unwrap();
        let o = std::process::Command::new(py)
            .arg(&script)
            .arg(&moved)
            .arg("familier/berg/vores-plan.html")
            .arg("hest batteri klips blå")
            .arg(dir.path().join("got2"))
            .output()
            .unwrap();
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(err.contains(expect), "{expect}: {err}");
    };
    open(&journey, "moved");
    let forged = journey.replace(
        "\"path\":\"familier/berg/vores-rejse.html\"",
        "\"path\":\"familier/berg/vores-plan.html\"",
    );
    assert_ne!(forged, journey);
    open(&forged, "InvalidTag");
}

#[test]
fn passphrases_come_from_a_file_stdin_or_the_environment_and_weak_ones_are_refused() {
    let (dir, root) = example_site();
    let out = dir.path().join("ud");
    let base = |extra: &[&str]| {
        let mut a = vec![
            "udlever".to_string(),
            "amina".into(),
            "--root".into(),
            root.to_str().unwrap().into(),
            "--output".into(),
            out.to_str().unwrap().into(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    // A file anywhere in the site's folder, or in the folder being written, is refused.
    for inside in [
        root.join("content/kode.txt"),
        root.join("themes/standard/static/kode.txt"),
        root.join("kode.txt"),
        out.join("kode.txt"),
    ] {
        fs::create_dir_all(inside.parent().unwrap()).unwrap();
        fs::write(&inside, "hest batteri klips blå\n").unwrap();
        let o = bin()
            .args(base(&["--adgangskode-fil", inside.to_str().unwrap()]))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", inside.display());
        assert!(
            stderr(&o).contains("Læg den et andet sted"),
            "{}",
            stderr(&o)
        );
        fs::remove_file(&inside).unwrap();
    }
    assert!(!out.join("index.html").exists());
    // Weak ones are refused, with four words to use instead; the family's own name too.
    for weak in ["a", "kodeord123", "sommer2026", "Familien Haddad 2026"] {
        let o = bin()
            .args(base(&[]))
            .env("TRINVIS_ADGANGSKODE", weak)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{weak}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("adgangskoden er for svag") && err.contains("fire tilfældige ord, som «"),
            "{weak}: {err}"
        );
        assert!(
            !out.join("index.html").exists(),
            "{weak}: nothing handed out"
        );
        // The suggestion is good enough.
        let suggested = err.split('«').nth(1).unwrap().split('»').next().unwrap();
        let o = bin()
            .args(base(&[]))
            .env("TRINVIS_ADGANGSKODE", suggested)
            .output()
            .unwrap();
        assert!(o.status.success(), "{suggested}: {}", stderr(&o));
        assert!(stderr(&o).contains("låst med adgangskoden"));
        fs::remove_dir_all(&out).unwrap();
    }
    // From standard input, with `-`.
    let mut child = bin()
        .args(base(&["--adgangskode-fil", "-"]))
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"hest batteri klips bold\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("låst med adgangskoden"));
    // Without a passphrase and without a terminal: not locked, and said so.
    let o = bin()
        .args(base(&[]))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(stderr(&o).contains("IKKE låst"), "{}", stderr(&o));
    // There is no option for the passphrase itself.
    let o = bin()
        .args(base(&["--adgangskode", "hest batteri klips blå"]))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_folder_as_one_zip_holds_the_same_files_and_the_same_bytes_each_time() {
    let (dir, root) = example_site();
    let folder = dir.path().join("ud");
    let r = root.to_str().unwrap();
    let o = run(&[
        "udlever",
        "berg",
        "--root",
        r,
        "--output",
        folder.to_str().unwrap(),
        "--dato",
        "2026-11-24",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let zip_it = || {
        let o = run(&[
            "udlever",
            "berg",
            "--root",
            r,
            "--zip",
            "--dato",
            "2026-11-24",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    zip_it();
    let zip_path = root.join("udlevering/berg.zip");
    let first = fs::read(&zip_path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(first.clone())).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        assert_eq!(bytes, fs::read(folder.join(&name)).unwrap(), "{name}");
        names.push(name);
    }
    let mut in_folder: Vec<String> = files(&folder)
        .iter()
        .map(|p| {
            p.strip_prefix(&folder)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .filter(|p| p != ".trinvis-output")
        .collect();
    in_folder.sort();
    assert_eq!(names, in_folder);
    // Again: the same bytes.
    zip_it();
    assert_eq!(fs::read(&zip_path).unwrap(), first);
    // A zip must be named so.
    let o = run(&[
        "udlever",
        "berg",
        "--root",
        r,
        "--zip",
        "--output",
        dir.path().join("x.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(".zip"), "{}", stderr(&o));
}

/// Every file a folder's pages and stylesheets refer to, as paths from the folder's root.
fn referenced(out: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for f in files(out) {
        let rel = f.strip_prefix(out).unwrap().to_string_lossy().to_string();
        let text = String::from_utf8_lossy(&fs::read(&f).unwrap()).to_string();
        let mut urls = Vec::new();
        if rel.ends_with(".html") {
            urls = refs(&text);
        } else if rel.ends_with(".css") {
            for part in text.split("url(").skip(1) {
                let u = part
                    .split(')')
                    .next()
                    .unwrap()
                    .trim()
                    .trim_matches(['"', '\'']);
                urls.push(u.to_string());
            }
        }
        for u in urls {
            let path = u.split('#').next().unwrap();
            if path.is_empty() || u.contains(':') {
                continue;
            }
            let to = fs::canonicalize(f.parent().unwrap().join(path))
                .unwrap_or_else(|_| panic!("{rel} refers to {u}, which is not there"));
            let to = to.strip_prefix(fs::canonicalize(out).unwrap()).unwrap();
            found.insert(to.to_string_lossy().to_string());
        }
    }
    found
}

/// The issue's case: a staff note in `plan.md` shows another family's photo, a scanned
/// report of concern and an internal note. None of them is on a page the family is handed,
/// so none of them is in the handout, sealed or not; and a handed-out page that shows
/// another family's file is refused at the link.
#[test]
fn a_handout_holds_exactly_the_files_its_pages_refer_to() {
    let (dir, root) = example_site();
    let png = fs::read(root.join("content/billeder/emblem.png")).unwrap();
    fs::write(root.join("content/familier/berg/berg-foto.png"), &png).unwrap();
    fs::write(
        root.join("content/familier/holm/underretning-scan.png"),
        &png,
    )
    .unwrap();
    fs::write(
        root.join("content/familier/holm/intern-note.txt"),
        "intern note\n",
    )
    .unwrap();
    let plan = root.join("content/familier/holm/plan.md");
    let mut text = fs::read_to_string(&plan).unwrap();
    text.push_str(
        "\n![Berg](../berg/berg-foto.png) ![Scan](underretning-scan.png) [note](intern-note.txt)\n",
    );
    fs::write(&plan, text).unwrap();
    let pass = dir.path().join("kode.txt");
    fs::write(&pass, "hest batteri klips blå\n").unwrap();
    let hand = |slug: &str, out: &Path, sealed: bool| {
        hand_out(&root, slug, out, sealed.then_some(pass.as_path()))
    };
    let mut plain_files: std::collections::BTreeMap<&str, BTreeSet<String>> = Default::default();
    for (slug, sealed) in [
        ("holm", false),
        ("holm", true),
        ("berg", false),
        ("berg", true),
    ] {
        let out = dir.path().join(format!("ud-{slug}-{sealed}"));
        let o = hand(slug, &out, sealed);
        assert!(o.status.success(), "{}", stderr(&o));
        let all: BTreeSet<String> = files(&out)
            .iter()
            .map(|f| f.strip_prefix(&out).unwrap().to_string_lossy().to_string())
            .filter(|p| p != ".trinvis-output")
            .collect();
        for f in &all {
            assert!(
                !f.contains("berg-foto")
                    && !f.contains("underretning")
                    && !f.contains("intern-note"),
                "{slug} (sealed: {sealed}): {f}"
            );
            assert!(
                !f.contains("search") && !f.contains("chapters"),
                "{slug}: {f}"
            );
            let other = if slug == "holm" { "berg" } else { "holm" };
            assert!(!f.contains(other), "{slug}: {f} names another family");
        }
        // Each file is one a page or a stylesheet refers to, or a page itself; sealed, the
        // files the pages refer to once opened, and the script that opens them.
        if sealed {
            let plain = &plain_files[slug];
            for f in &all {
                assert!(
                    plain.contains(f) || f == "assets/unlock.js",
                    "{slug} (sealed): {f} is not in the open folder"
                );
            }
            assert!(referenced(&out).contains("assets/unlock.js"));
        } else {
            let used = referenced(&out);
            for f in &all {
                assert!(
                    used.contains(f) || f.ends_with(".html") || f.ends_with(".pdf"),
                    "{slug}: nothing refers to {f}"
                );
            }
            plain_files.insert(slug, all.clone());
        }
        if !sealed {
            // Only the diploma prints itself to fit: its script is there only with it.
            assert_eq!(all.contains("assets/fit.js"), slug == "berg", "{slug}");
        }
    }
    // A page the family is handed that shows another family's file: refused at the link, by
    // `check` and by `udlever`.
    let diplom = root.join("content/familier/berg/diplom.md");
    let mut text = fs::read_to_string(&diplom).unwrap();
    let line = text.lines().count() + 2;
    text.push_str("\n![Scan](../holm/underretning-scan.png)\n");
    fs::write(&diplom, text).unwrap();
    for args in [
        vec!["check", "--root", root.to_str().unwrap()],
        vec!["udlever", "berg", "--root", root.to_str().unwrap()],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("content/familier/berg/diplom.md:{line}:1"))
                && err.contains("en anden families mappe"),
            "{args:?}: {err}"
        );
    }
    assert!(!root.join("udlevering/berg").exists());
}

/// `trinvis init`'s `.gitignore` keeps the handed-out folders out of git, as the README says.
#[test]
fn a_new_sites_git_ignores_the_handouts() {
    let (_dir, root) = example_site();
    let o = run(&[
        "udlever",
        "holm",
        "--root",
        root.to_str().unwrap(),
        "--dato",
        "2026-11-24",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(args)
            .output()
    };
    let Ok(init) = git(&["init", "-q"]) else {
        let ignore = fs::read_to_string(root.join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "/udlevering/"), "{ignore}");
        return;
    };
    assert!(init.status.success());
    for path in [
        "udlevering/holm/familier/holm/vores-plan.html",
        "output/index.html",
    ] {
        let o = git(&["check-ignore", "-q", "--no-index", path]).unwrap();
        assert!(o.status.success(), "{path} is not ignored");
    }
    let o = git(&[
        "check-ignore",
        "-q",
        "--no-index",
        "content/familier/holm/plan.md",
    ])
    .unwrap();
    assert!(!o.status.success(), "the content is kept");
}

/// `--zip` writes only where a handout may go, replaces only a zip it made itself, and
/// writes it to a new private file of its own before it is put in place.
#[test]
fn a_zip_goes_only_where_it_may_and_replaces_only_its_own() {
    let (dir, root) = example_site();
    let r = root.to_str().unwrap();
    let zip_to = |target: &Path| {
        run(&[
            "udlever",
            "berg",
            "--root",
            r,
            "--zip",
            "--output",
            target.to_str().unwrap(),
            "--dato",
            "2026-11-24",
        ])
    };
    for inside in [
        root.join("content/familier/holm/berg.zip"),
        root.join("content/berg.zip"),
        root.join("themes/standard/static/berg.zip"),
        root.join("output/berg.zip"),
    ] {
        let o = zip_to(&inside);
        assert_eq!(o.status.code(), Some(1), "{}", inside.display());
        assert!(
            stderr(&o).contains("Skriv zip-filen et andet sted"),
            "{}",
            stderr(&o)
        );
        assert!(!inside.exists());
    }
    // Someone else's zip, and a link, are left alone.
    let theirs = dir.path().join("andet.zip");
    fs::write(&theirs, b"PK\x05\x06 not ours").unwrap();
    let o = zip_to(&theirs);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bliver ikke overskrevet"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(&theirs).unwrap(), b"PK\x05\x06 not ours");
    #[cfg(unix)]
    {
        let link = dir.path().join("link.zip");
        std::os::unix::fs::symlink(&theirs, &link).unwrap();
        let o = zip_to(&link);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    // Its own is replaced; it is its owner's only; nothing is left beside it.
    let own = dir.path().join("ud/berg.zip");
    for _ in 0..2 {
        let o = zip_to(&own);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&own).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    let beside: Vec<_> = fs::read_dir(own.parent().unwrap()).unwrap().collect();
    assert_eq!(beside.len(), 1);
}
