//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use trinvis::config::Paths;
use trinvis::diagnostics::Diagnostic;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_trinvis"))
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run trinvis")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A fresh site made from the bundled example with `trinvis init`.
pub fn example_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = run(&["init", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, root)
}

/// The example with a family and a chapter as big and long as a real team's beside it
/// (`benches/common/extreme.rs`).
pub fn extreme_site() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = example_site();
    crate::extreme::write(&root).unwrap();
    (dir, root)
}

/// The text of each page of a PDF as poppler reads it, in the order it is drawn, and only
/// what stands within the page: text drawn below the foot or beside the edge is not in it
/// (`pdftotext -raw`, from poppler-utils).
pub fn pdf_text_on_pages(path: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    // A broken line's space for readers, drawn after it, is left out.
    let text = text.replace(" \n", "\n");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// How many letters a PDF draws outside its pages: poppler's text of an area far larger than
/// each page, less its text of the page itself.
pub fn letters_outside_pages(path: &Path) -> usize {
    let text = |extra: &[&str]| -> std::collections::HashMap<char, usize> {
        let o = Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .args(extra)
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext (apt-get install poppler-utils)");
        assert!(o.status.success(), "{}", stderr(&o));
        let mut count = std::collections::HashMap::new();
        for c in String::from_utf8_lossy(&o.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
        {
            *count.entry(c).or_insert(0) += 1;
        }
        count
    };
    let inside = text(&[]);
    let all = text(&[
        "-r", "72", "-x", "-5000", "-y", "-5000", "-W", "20000", "-H", "20000",
    ]);
    all.iter()
        .map(|(c, n)| n.saturating_sub(*inside.get(c).unwrap_or(&0)))
        .sum()
}

/// Text as letters only, to find a text in a PDF whatever its lines: whitespace, hyphens
/// and soft hyphens dropped (a line may break a word, with a hyphen or without).
pub fn letters(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}' && *c != '‐')
        .collect()
}

/// The example's one warning, on purpose: the Holm family's plan takes three pages at the
/// smallest type a family is given (11 points), and `check` says so.
pub fn holms_long_plan(d: &trinvis::diagnostics::Diagnostic) -> bool {
    d.file == "content/familier/holm/plan.md" && d.message.contains("fylder 3 sider")
}

/// The example's other warning, on purpose: the Haddad family's plan is in Arabic (`tolk:
/// arabisk`), whose bundled texts no interpreter has read yet.
pub fn arabic_draft(d: &trinvis::diagnostics::Diagnostic) -> bool {
    d.file == "content/familier/amina/familie.yaml" && d.message.contains("udkast")
}

/// The example's third warning, on purpose: the Holm family's next meeting (3 December 2026)
/// is later than its follow-up every two months allows, or, built after that day, has passed.
pub fn holms_meeting(d: &trinvis::diagnostics::Diagnostic) -> bool {
    d.file == "content/familier/holm/plan.md" && d.message.starts_with("det aftalte møde")
}

/// The warnings of a build of the example, sorted, but the three it has on purpose (Holm's
/// long plan and next meeting, the Arabic draft).
pub fn example_warnings(
    ds: &trinvis::diagnostics::Diagnostics,
) -> Vec<&trinvis::diagnostics::Diagnostic> {
    ds.sorted()
        .into_iter()
        .filter(|d| !d.is_error() && !holms_long_plan(d) && !arabic_draft(d) && !holms_meeting(d))
        .collect()
}

/// How much text (bytes of shown strings) a PDF sets at each type size, over all its pages.
pub fn type_sizes(path: &Path) -> Vec<(f32, usize)> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for id in doc.get_pages().into_values() {
        let content = doc.get_page_content(id);
        let ops = lopdf::content::Content::decode(&content)
            .unwrap()
            .operations;
        let mut size = 0.0;
        for op in ops {
            let shown = |o: &lopdf::Object| o.as_str().map_or(0, |s| s.len());
            let n = match op.operator.as_str() {
                "Tf" => {
                    let o = &op.operands[1];
                    size = o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
                    continue;
                }
                "Tj" | "'" => op.operands.iter().map(shown).sum(),
                "TJ" => op.operands[0]
                    .as_array()
                    .map_or(0, |a| a.iter().map(shown).sum()),
                _ => continue,
            };
            match sizes.iter_mut().find(|(s, _)| (*s - size).abs() < 0.01) {
                Some((_, k)) => *k += n,
                None => sizes.push((size, n)),
            }
        }
    }
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    sizes
}

/// The smallest type set on each page of a PDF, from its content streams' `Tf` operators.
pub fn smallest_type(path: &Path) -> Vec<f32> {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages()
        .into_values()
        .map(|id| {
            let content = doc.get_page_content(id);
            let ops = lopdf::content::Content::decode(&content)
                .unwrap()
                .operations;
            ops.iter()
                .filter(|op| op.operator == "Tf")
                .filter_map(|op| op.operands.get(1))
                .map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32))
                .fold(f32::MAX, f32::min)
        })
        .collect()
}

pub const FAMILIE: &str = "navn: Familien Test
medlemmer:
  - id: mor
    navn: Anna
    rolle: mor
    fødselsår: 1990
  - id: barn
    navn: Bo
    rolle: barn
    fødselsår: 2015
makkerpar: {jobkonsulent: Lone,
  familiebehandler: Karim,
  kontakt: 12 34 56 78}
startdato: 2025-01-01
trin: 4
status: aktiv
samtykke:
  forløb: true
";

pub const PLAN: &str = "---
mål:
  - titel: Job
    hvem: mor
    område: beskæftigelse
    delmål:
      - tekst: Praktik
        frist: 2025-06-01
        ansvarlig: mor
aftaler:
  - hvem: jobkonsulent
    hvad: Ringer til praktikstedet
målinger:
  who5:
    - dato: 2025-01-10
      hvem: mor
      score: 48
---
Tekst.
";

pub const CHAPTER: &str = "---
titel: Kapitel
vægt: 1
---
## Afsnit
Tekst.
";

/// A small valid site: one family (`test`) and one handbook chapter (`a.md`).
/// `files` adds or replaces files, by path relative to the site root.
pub fn small_site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let mut all: BTreeMap<&str, &str> = BTreeMap::from([
        ("content/familier/test/familie.yaml", FAMILIE),
        ("content/familier/test/plan.md", PLAN),
        ("content/metode/a.md", CHAPTER),
    ]);
    for (p, c) in files {
        all.insert(p, c);
    }
    for (p, c) in all {
        let path = root.join(p);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, c).unwrap();
    }
    (dir, root)
}

/// Diagnostics of `trinvis check` on a site.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    trinvis::check(&Paths::new(root, None))
        .diagnostics
        .sorted()
        .into_iter()
        .cloned()
        .collect()
}

/// The only error of a check; fails if there is not exactly one.
pub fn single_error(root: &Path) -> Diagnostic {
    let errors: Vec<Diagnostic> = check(root).into_iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "expected one error, got: {errors:#?}");
    errors.into_iter().next().unwrap()
}

/// The warnings of a check whose message contains `about`.
pub fn warnings_about(root: &Path, about: &str) -> Vec<Diagnostic> {
    check(root)
        .into_iter()
        .filter(|d| !d.is_error() && d.message.contains(about))
        .collect()
}

/// Every file below `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    out
}

/// The example built, and its search index as JSON.
pub fn search_index() -> (tempfile::TempDir, serde_json::Value, String) {
    let (dir, root) = example_site();
    let o = run(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(root.join("output/metode/searchindex.js")).unwrap();
    let json = text
        .strip_prefix("window.trinvisSearchIndex=")
        .and_then(|t| t.strip_suffix(";\n"))
        .expect("a script that sets the index");
    (dir, serde_json::from_str(json).expect("JSON"), text)
}

/// The example with its handbook grown to `n` chapters (short ones of its own), built.
pub fn handbook_of(n: usize) -> (tempfile::TempDir, PathBuf) {
    let (d, root) = example_site();
    let metode = root.join("content/metode");
    let have = fs::read_dir(&metode)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    for i in have..n {
        fs::write(
            metode.join(format!("ekstra-{i:04}.md")),
            format!(
                "---\ntitel: Ekstra kapitel {i}\nvægt: {}\n---\n\nTekst om emne {i}.\n",
                100 + i
            ),
        )
        .unwrap();
    }
    let r = trinvis::build(&trinvis::config::Paths::new(&root, None));
    assert!(r.ok(), "{}", r.diagnostics);
    assert_eq!(r.chapters, n);
    (d, root)
}

/// The text of an HTML fragment, tags dropped and spaces collapsed.
pub fn html_text(html: &str) -> String {
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

/// `trinvis build` of the site at `root` into `out`, drawn for `day` (`--dato`); it must
/// succeed.
pub fn build_on(root: &Path, out: &Path, day: &str) {
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
}

/// A PDF text string (UTF-16 with its byte order mark, or bytes) as text.
pub fn pdf_string(o: &lopdf::Object) -> String {
    match o {
        lopdf::Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        lopdf::Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        _ => panic!("not a string: {o:?}"),
    }
}
