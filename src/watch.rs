//! `trinvis watch`: build, then build again whenever a source changes, each time with the
//! atomic swap of `write` (the output folder is never half-written). Changes arrive from the
//! operating system through notify, or, with `--poll`, by looking at the files every half
//! second (network drives, WSL, synced folders, where the system's events do not arrive).
//! Editors' temporary files, the output folder and hidden folders are not sources.

use crate::config::Paths;
use crate::session::{Options, Session};
use notify::Watcher;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait after a change for more changes (an editor's save is often several
/// steps: a temporary file, a rename). Short, so a save shows at once; a save caught half-way
/// is only drawn again when its last step arrives.
const QUIET: Duration = Duration::from_millis(25);
/// The longest a stream of changes (a folder copied in) waits before a look.
const QUIET_MAX: Duration = Duration::from_millis(250);
/// What `follow` calls with every tick: whether it has more to do.
type On<'a> = dyn FnMut(Tick, &mut dyn FnMut(&str)) -> bool + 'a;

/// The system's watcher and its events.
type SystemWatcher = (
    notify::RecommendedWatcher,
    mpsc::Receiver<notify::Result<notify::Event>>,
);

/// How often `--poll` looks at the files, and how often `follow` ticks while nothing
/// happens.
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
        snapshot_of(root, output, &root.join(top), &mut out);
    }
    out
}

/// The sources at and under `at`, into `out`.
fn snapshot_of(root: &Path, output: &Path, at: &Path, out: &mut Snapshot) {
    for e in walkdir::WalkDir::new(at)
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
    let first = crate::cpr::mask(&first);
    match paths.len() {
        0 | 1 => first,
        n => format!("{first} og {} til", n - 1),
    }
}

/// The site's sources, followed: what changed since they were last looked at.
pub struct Sources {
    root: PathBuf,
    output: PathBuf,
    shown: PathBuf,
    last: Snapshot,
}

/// What [`Sources::follow`] calls its handler with.
pub enum Tick {
    /// Sources changed.
    Changed(Changed),
    /// Nothing waits: time for what the handler left for later.
    Idle,
}

/// A batch of changed sources: paths relative to the site's root, and a line naming them.
pub struct Changed {
    pub files: Vec<String>,
    pub line: String,
}

impl Sources {
    /// Look at the sources now; [`Sources::follow`] reports what changes after this.
    pub fn new(paths: &Paths) -> Sources {
        let root = crate::config::real_path(&paths.root);
        let output = crate::config::real_path(&paths.output);
        let last = snapshot(&root, &output);
        Sources {
            root,
            output,
            shown: paths.root.clone(),
            last,
        }
    }

    /// Whether an event from the system may be a change to a source. Reading files (a build,
    /// a look) is reported too, as access: it is not a change, and counting it would look
    /// again and again.
    fn matters(&self, e: &notify::Event) -> bool {
        use notify::EventKind;
        use notify::event::{MetadataKind, ModifyKind};
        let read = matches!(
            e.kind,
            EventKind::Access(_)
                | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
        );
        !read
            && (e.paths.is_empty()
                || e.paths
                    .iter()
                    .any(|p| is_source(&self.root, &self.output, p)))
    }

    /// Where to look after an event: the folder it happened in (or the folder itself); None
    /// to look at everything (trinvis.yaml, a path elsewhere, the system lost track).
    fn scope_of(&self, e: &notify::Event) -> Option<Vec<PathBuf>> {
        if e.need_rescan() || e.paths.is_empty() {
            return None;
        }
        let content = self.root.join(crate::config::CONTENT_DIR);
        let themes = self.root.join(crate::config::THEMES_DIR);
        let mut out = Vec::new();
        for p in &e.paths {
            if !(p.starts_with(&content) || p.starts_with(&themes)) {
                return None;
            }
            let dir = if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf)?
            };
            out.push(dir);
        }
        Some(out)
    }

    /// The sources that differ from the last look, if any.
    fn look(&mut self) -> Option<Changed> {
        self.look_in(None)
    }

    /// Look again at the folders `scopes` (at every source when None): what differs.
    fn look_in(&mut self, scopes: Option<&BTreeSet<PathBuf>>) -> Option<Changed> {
        let paths = match scopes {
            None => {
                let now = snapshot(&self.root, &self.output);
                let paths = difference(&self.last, &now);
                self.last = now;
                paths
            }
            Some(scopes) => {
                let mut paths = Vec::new();
                for scope in scopes {
                    let mut now = Snapshot::new();
                    snapshot_of(&self.root, &self.output, scope, &mut now);
                    let before: Snapshot = self
                        .last
                        .range(scope.clone()..)
                        .take_while(|(p, _)| p.starts_with(scope))
                        .map(|(p, v)| (p.clone(), *v))
                        .collect();
                    paths.extend(difference(&before, &now));
                    for p in before.keys() {
                        self.last.remove(p);
                    }
                    self.last.extend(now);
                }
                paths.sort();
                paths.dedup();
                paths
            }
        };
        if paths.is_empty() {
            return None;
        }
        let line = changed(&self.root, &paths);
        let files = paths
            .iter()
            .map(|p| {
                p.strip_prefix(&self.root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        Some(Changed { files, line })
    }

    /// Call `on` with every batch of changes, until the process is stopped, and with
    /// [`Tick::Idle`] while it says it has more to do and no change waits, and at least
    /// every half second (so what `on` has to tell is told while nothing changes). Changes
    /// arrive from the system through notify, or with `poll` by looking every half second;
    /// where the system cannot watch (out of file descriptors or inotify watches), it says
    /// so and looks every half second itself.
    pub fn follow(
        mut self,
        poll: bool,
        say: &mut dyn FnMut(&str),
        mut on: impl FnMut(Tick, &mut dyn FnMut(&str)) -> bool,
    ) {
        // Whether `on` has more to do when nothing else happens (it may, from the start).
        let mut busy = true;
        // Look again while the sources differ from what was last seen (a save while `on`
        // works is seen by the next look).
        let look = |s: &mut Sources, say: &mut dyn FnMut(&str), busy: &mut bool, on: &mut On| {
            while let Some(c) = s.look() {
                *busy = on(Tick::Changed(c), say);
            }
            let start = Instant::now();
            loop {
                *busy = on(Tick::Idle, say);
                if !*busy || start.elapsed() >= POLL {
                    break;
                }
            }
        };
        let shown = crate::cpr::mask(&self.shown.display().to_string());
        let watched = (!poll).then(|| self.system_watcher());
        let (_watcher, rx) = match watched {
            Some(Ok(w)) => w,
            not => {
                // Look at the files ourselves: where the system's events do not arrive, a
                // watcher that polls would also miss what changed before its first look.
                if let Some(Err(why)) = not {
                    say(&crate::cpr::mask(&format!(
                        "advarsel: systemet kan ikke holde øje med {shown} ({why}); trinvis kigger i stedet selv efter ændringer hvert halve sekund"
                    )));
                }
                say(&format!(
                    "holder øje med {shown} (kigger efter ændringer hvert halve sekund) – stop med Ctrl-C"
                ));
                loop {
                    look(&mut self, say, &mut busy, &mut on);
                    if !busy {
                        std::thread::sleep(POLL);
                    }
                }
            }
        };
        say(&format!("holder øje med {shown} – stop med Ctrl-C"));
        // The system reports more than changes (a file read, an editor's temporary file, the
        // build's own staging folder): only a difference in the sources counts.
        look(&mut self, say, &mut busy, &mut on);
        loop {
            let event = if busy {
                match rx.try_recv() {
                    Ok(e) => e,
                    Err(mpsc::TryRecvError::Empty) => {
                        busy = on(Tick::Idle, say);
                        continue;
                    }
                    Err(mpsc::TryRecvError::Disconnected) => break,
                }
            } else {
                match rx.recv_timeout(POLL) {
                    Ok(e) => e,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        busy = on(Tick::Idle, say);
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            };
            // The folders to look at again; None: everything.
            let mut scopes: Option<BTreeSet<PathBuf>> = Some(BTreeSet::new());
            let mut add = |s: &Sources,
                           e: notify::Result<notify::Event>,
                           say: &mut dyn FnMut(&str)| {
                match e {
                    Err(e) => {
                        say(&format!("advarsel: {}", notify_error(&e)));
                        false
                    }
                    Ok(e) if s.matters(&e) => {
                        match (s.scope_of(&e), scopes.as_mut()) {
                            (Some(dirs), Some(set)) => set.extend(dirs),
                            _ => scopes = None,
                        }
                        true
                    }
                    Ok(_) => false,
                }
            };
            if !add(&self, event, say) {
                continue;
            }
            // Wait until the changes have been quiet a moment: one look sees them all.
            // Reading files (ours too) is reported, but is not a change: it does not wait.
            let start = Instant::now();
            let mut until = start + QUIET;
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                match rx.recv_timeout(left) {
                    Ok(e) => {
                        if add(&self, e, say) {
                            until = (Instant::now() + QUIET).min(start + QUIET_MAX);
                        }
                    }
                    Err(_) => break,
                }
            }
            // Folders inside another folder looked at are seen with it.
            let scopes = scopes.map(|set| {
                set.iter()
                    .filter(|d| !set.iter().any(|o| o != *d && d.starts_with(o)))
                    .cloned()
                    .collect::<BTreeSet<_>>()
            });
            if let Some(c) = self.look_in(scopes.as_ref()) {
                busy = on(Tick::Changed(c), say);
            }
        }
    }

    /// The system's watcher on the sources (kept alive for as long as we watch) and its
    /// events; why not, where the system cannot watch.
    fn system_watcher(&self) -> Result<SystemWatcher, String> {
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| notify_error(&e))?;
        watcher
            .watch(&self.root, notify::RecursiveMode::Recursive)
            .map_err(|e| notify_error(&e))?;
        Ok((watcher, rx))
    }
}

/// What the system's watcher says went wrong, in Danish (notify's words are English).
fn notify_error(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(e) => crate::diagnostics::os_error(e),
        notify::ErrorKind::PathNotFound => "mappen findes ikke".into(),
        notify::ErrorKind::MaxFilesWatch => {
            "systemet kan ikke holde øje med flere filer (hæv grænsen: fs.inotify.max_user_watches)"
                .into()
        }
        _ => "systemet kan ikke holde øje med mappen".into(),
    }
}

/// Build, then watch and build again on every change, until the process is stopped.
/// `say` gets one line per build (and the diagnostics of a failed one). Only what a change
/// reaches is read and drawn again ([`Session`]); every build is swapped in whole,
/// atomically (the files a save did not change are hard links to the last ones, not written
/// again).
pub fn watch(
    paths: &Paths,
    poll: bool,
    today: Option<crate::model::Date>,
    mut say: impl FnMut(&str),
) {
    // The sources as the first build reads them: a save during that build is still seen.
    let sources = Sources::new(paths);
    let start = Instant::now();
    let mut session = Session::open(
        paths,
        Options {
            today,
            ..Options::BUILD
        },
    );
    // The errors of the last build that failed, until one succeeds.
    let mut broken = 0;
    build("start", &mut session, start, &mut broken, &mut say);
    sources.follow(poll, &mut say, |tick, say| {
        if let Tick::Changed(c) = tick {
            let start = Instant::now();
            session.change(&c.files);
            build(&c.line, &mut session, start, &mut broken, say);
        }
        false
    });
}

/// What is said when a build succeeds after one that failed with `errors` errors (none: it
/// did not fail).
pub(crate) fn fixed(errors: usize) -> &'static str {
    match errors {
        0 => "",
        1 => " – fejlen er rettet",
        _ => " – fejlene er rettet",
    }
}

/// Draw what changed and write the site; a line about it. `broken`: the errors of the last
/// build, when it failed.
fn build(
    what: &str,
    session: &mut Session,
    start: Instant,
    broken: &mut usize,
    say: &mut dyn FnMut(&str),
) {
    let drawn = session.draw_all();
    let d = session.diagnostics();
    let Some(drawn) = drawn.ok().filter(|_| session.ok()) else {
        say(&format!("{d}"));
        say(&format!(
            "{what} → ikke bygget ({}); output-mappen er som før. Ret fejlen og gem igen.",
            d.summary()
        ));
        *broken = d.error_count().max(1);
        return;
    };
    let warn = if d.is_empty() {
        String::new()
    } else {
        format!(" ({})", d.summary())
    };
    match session.write() {
        Ok(files) => {
            say(&format!(
                "{what} → bygget på {} ms: {} af {files} filer ændret{warn}{}",
                start.elapsed().as_millis(),
                drawn.changed.len(),
                fixed(std::mem::take(broken))
            ));
        }
        Err(e) => {
            say(&format!("{e}"));
            say(&format!("{what} → ikke skrevet; output-mappen er som før."));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_files_is_not_a_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, Event, EventKind, ModifyKind};
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::new(dir.path(), None);
        let s = Sources::new(&paths);
        let plan = s.root.join("content/familier/holm/plan.md");
        let ev = |kind, p: &Path| Event::new(kind).add_path(p.to_path_buf());
        assert!(!s.matters(&ev(EventKind::Access(AccessKind::Any), &plan)));
        assert!(s.matters(&ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &plan
        )));
        assert!(s.matters(&ev(EventKind::Create(CreateKind::File), &plan)));
        // The build's own output, and an editor's swap file.
        assert!(!s.matters(&ev(
            EventKind::Create(CreateKind::File),
            &s.output.join("index.html")
        )));
        assert!(!s.matters(&ev(
            EventKind::Create(CreateKind::File),
            &s.root.join("content/familier/holm/.plan.md.swp")
        )));
    }

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
