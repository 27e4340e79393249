//! `trinvis watch`: build, then build again whenever a source changes, each time with the
//! atomic swap of `write` (the output folder is never half-written). Changes arrive from the
//! operating system through notify, or, with `--poll`, by looking at the files every half
//! second (network drives, WSL, synced folders, where the system's events do not arrive).
//! Editors' temporary files, the output folder and hidden folders are not sources.

use crate::config::Paths;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer_opt, notify};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait after a change for more changes (an editor's save is often several).
const QUIET: Duration = Duration::from_millis(200);
/// How often `--poll` looks at the files.
const POLL: Duration = Duration::from_millis(500);

/// Whether a changed path is a source of the site: not in the output folder, not in a
/// hidden folder (`.git`), not an editor's temporary or backup file.
pub fn is_source(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    if rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !(name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#")
        || name == "4913")
}

/// Every source file with its size and time of change: what a build reads.
type Snapshot = std::collections::BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)>;

fn snapshot(root: &Path, output: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    for top in [
        crate::config::CONFIG_FILE,
        crate::config::CONTENT_DIR,
        crate::config::THEMES_DIR,
    ] {
        for e in walkdir::WalkDir::new(root.join(top))
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            let p = e.path();
            if e.file_type().is_file() && is_source(root, output, p) {
                let meta = e.metadata().ok();
                out.insert(
                    p.to_path_buf(),
                    (
                        meta.as_ref().map_or(0, |m| m.len()),
                        meta.and_then(|m| m.modified().ok()),
                    ),
                );
            }
        }
    }
    out
}

/// The files added, removed or changed between two snapshots.
fn difference(before: &Snapshot, after: &Snapshot) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(*v))
        .map(|(p, _)| p.clone())
        .collect();
    out.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
    out.sort();
    out
}

/// A line about what changed: the first path, and how many more.
fn changed(root: &Path, paths: &[PathBuf]) -> String {
    let first = paths
        .first()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .unwrap_or_default();
    let first = crate::privacy::mask(&first);
    match paths.len() {
        0 | 1 => first,
        n => format!("{first} og {} til", n - 1),
    }
}

/// Build, then watch and build again on every change, until the process is stopped.
/// `say` gets one line per build (and the diagnostics of a failed one).
pub fn watch(paths: &Paths, poll: bool, mut say: impl FnMut(&str)) -> Result<(), String> {
    let root = crate::config::real_path(&paths.root);
    let output = crate::config::real_path(&paths.output);
    let build = |what: &str, say: &mut dyn FnMut(&str)| {
        let start = Instant::now();
        let r = crate::build(paths);
        let ms = start.elapsed().as_millis();
        if r.ok() {
            let warn = if r.diagnostics.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.diagnostics.summary())
            };
            say(&format!(
                "{what} → bygget på {ms} ms: {} filer{warn}",
                r.files
            ));
        } else {
            say(&format!("{}", r.diagnostics));
            say(&format!(
                "{what} → ikke bygget ({}); output-mappen er som før. Ret fejlen og gem igen.",
                r.diagnostics.summary()
            ));
        }
    };
    // The sources as the first build reads them: a save during that build, or before the
    // watcher below is listening, is still seen.
    let mut last = snapshot(&root, &output);
    build("start", &mut say);
    // Build while the sources differ from what was last built (a save during a build
    // builds again).
    let look = |last: &mut Snapshot, say: &mut dyn FnMut(&str)| loop {
        let now = snapshot(&root, &output);
        let changed_paths = difference(last, &now);
        *last = now;
        if changed_paths.is_empty() {
            break;
        }
        build(&changed(&root, &changed_paths), say);
    };

    if poll {
        // Look at the files ourselves: where the system's events do not arrive, a watcher
        // that polls would also miss what changed before its first look.
        say(&format!(
            "holder øje med {} (kigger efter ændringer hvert halve sekund) – stop med Ctrl-C",
            crate::privacy::mask(&paths.root.display().to_string())
        ));
        loop {
            look(&mut last, &mut say);
            std::thread::sleep(POLL);
        }
    }

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let config = notify_debouncer_mini::Config::default().with_timeout(QUIET);
    let err = |e: notify::Error| {
        crate::privacy::mask(&format!("kan ikke holde øje med {}: {e}", root.display()))
    };
    // Kept alive for as long as we watch.
    let mut debouncer =
        new_debouncer_opt::<_, notify::RecommendedWatcher>(config, tx).map_err(err)?;
    debouncer
        .watcher()
        .watch(&root, notify::RecursiveMode::Recursive)
        .map_err(err)?;
    say(&format!(
        "holder øje med {} – stop med Ctrl-C",
        crate::privacy::mask(&paths.root.display().to_string())
    ));
    // The system reports more than changes (a file read, an editor's temporary file, the
    // build's own staging folder): only a difference in the sources starts a build.
    look(&mut last, &mut say);
    while let Ok(events) = rx.recv() {
        if let Err(e) = events {
            say(&format!("advarsel: {e}"));
            continue;
        }
        // Events that queued up meanwhile are seen by this one look.
        while rx.try_recv().is_ok() {}
        look(&mut last, &mut say);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_files_output_and_hidden_folders_are_not_sources() {
        let root = Path::new("/site");
        let out = Path::new("/site/output");
        for yes in [
            "/site/content/familier/holm/plan.md",
            "/site/trinvis.yaml",
            "/site/themes/standard/static/style.css",
        ] {
            assert!(is_source(root, out, Path::new(yes)), "{yes}");
        }
        for no in [
            "/site/output/index.html",
            "/site/.git/index",
            "/site/content/familier/holm/.plan.md.swp",
            "/site/content/familier/holm/plan.md~",
            "/site/content/familier/holm/#plan.md#",
            "/site/content/familier/holm/.#plan.md",
            "/site/content/familier/holm/4913",
        ] {
            assert!(!is_source(root, out, Path::new(no)), "{no}");
        }
    }
}
