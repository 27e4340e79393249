//! Sites the benchmarks build.
#![allow(dead_code)]

pub mod synth;

use std::fs;
use std::path::PathBuf;

/// A generated site ([`synth`]): `families` families and a handbook of `chapters` chapters
/// (at least the example's).
pub fn synthetic(families: usize, chapters: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    let handbook = synth::handbook(chapters, 1).expect("the handbook");
    synth::site(&root, families, &handbook, 1).expect("the site");
    (dir, root)
}

/// The bundled example with its handbook grown to `chapters` chapters (each of the example's
/// chapters again and again) and, when `families` is false, without its families.
pub fn handbook_site(chapters: usize, families: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    trinvis::scaffold::init(&root).expect("init");
    let metode = root.join("content/metode");
    let originals: Vec<_> = fs::read_dir(&metode)
        .expect("chapters")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    let mut n = originals.len();
    'copies: for round in 1.. {
        for p in &originals {
            if n >= chapters {
                break 'copies;
            }
            let text = fs::read_to_string(p).expect("chapter");
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("kapitel");
            fs::write(metode.join(format!("{stem}-{round}.md")), text).expect("copy");
            n += 1;
        }
    }
    if !families {
        for f in fs::read_dir(root.join("content/familier"))
            .expect("families")
            .flatten()
        {
            fs::remove_dir_all(f.path()).expect("remove family");
        }
    }
    (dir, root)
}

/// The bundled example grown to `families` families: copies of the Holm family (its
/// family data, plan and journey).
pub fn families_site(families: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    trinvis::scaffold::init(&root).expect("init");
    let holm = root.join("content/familier/holm");
    let existing = fs::read_dir(root.join("content/familier"))
        .expect("families")
        .count();
    for i in 0..families.saturating_sub(existing) {
        let target = root.join(format!("content/familier/familie-{i:04}"));
        fs::create_dir_all(&target).expect("mkdir");
        for f in ["familie.yaml", "plan.md", "rejse.yaml"] {
            fs::copy(holm.join(f), target.join(f)).expect("copy");
        }
    }
    (dir, root)
}
