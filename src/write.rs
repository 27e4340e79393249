//! Write the output atomically. Everything is written into a fresh sibling folder;
//! only when all of it is on disk is it swapped in place of the old output. On any error the
//! old output stays exactly as it was.

use crate::output::Output;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file in every output folder trinvis writes; trinvis only replaces folders that have it.
pub const MARKER: &str = ".trinvis-output";

#[derive(Debug)]
pub enum WriteError {
    /// The target exists, is not empty and was not made by trinvis.
    NotOurs(PathBuf),
    /// The target is the site itself or holds it.
    Unsafe(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "{} findes og er ikke lavet af trinvis; den bliver ikke overskrevet. Vælg en anden mappe med --output, eller tøm mappen først.",
                p.display()
            ),
            WriteError::Unsafe(p) => write!(
                f,
                "{} er sitets egen mappe eller ligger over den; vælg en output-mappe ved siden af content/.",
                p.display()
            ),
            WriteError::Io(p, e) => write!(
                f,
                "kan ikke skrive {}: {}",
                p.display(),
                crate::diagnostics::os_error(e)
            ),
        }
    }
}

fn io_err(p: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

/// Hidden folders a build writes beside the output: `.NAME.ny-PID` (being written) and
/// `.NAME.gammel-PID` (the old output, being deleted).
fn leftover_pid(name: &str, entry: &str) -> Option<u32> {
    let rest = entry.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".ny-")
        .or_else(|| rest.strip_prefix(".gammel-"))?;
    pid.parse().ok()
}

/// Whether a process is running (Linux: /proc). Where that cannot be told, it is assumed to
/// run, so nothing in use is ever deleted.
fn running(pid: u32) -> bool {
    let proc_ = Path::new("/proc");
    !proc_.is_dir() || proc_.join(pid.to_string()).exists()
}

/// Delete what killed builds left beside the output: only folders named as trinvis names
/// them, holding its marker, whose process is gone. They may hold family data that has since
/// been deleted on a family's request.
fn sweep_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let entry = e.file_name().to_string_lossy().to_string();
        let Some(pid) = leftover_pid(name, &entry) else {
            continue;
        };
        let path = e.path();
        let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if pid != std::process::id() && is_dir && path.join(MARKER).is_file() && !running(pid) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Where a file linked from content (or the emblem) is read from, checked at the moment it
/// is read: its real path (links resolved) must be inside content/, or, for the emblem,
/// inside the site's folder: the same rule the route table applies when the site is read,
/// applied again in case a file became a link since.
pub fn copy_source(root: &Path, out: &str, src: &Path) -> io::Result<PathBuf> {
    let real = crate::config::real_path(src);
    let content = crate::config::real_path(&root.join(crate::config::CONTENT_DIR));
    let emblem =
        out.starts_with("assets/emblem.") && real.starts_with(crate::config::real_path(root));
    if (real.starts_with(&content) || emblem) && real.is_file() {
        Ok(real)
    } else {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} fører uden for sitets indhold (til {}); den kommer ikke med",
                src.display(),
                real.display()
            ),
        ))
    }
}

/// Held while an output folder is swapped in: a process that is asked to stop waits for it.
pub static BUSY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// An output folder being written: files go into a hidden sibling folder as they are made
/// ([`Staging::put`], from any thread), and [`Staging::finish`] swaps it in place of the old
/// output. Dropped unfinished (an error, a panic), the folder is deleted and the old output
/// stays exactly as it was; a build killed outright leaves it for the next one to sweep.
pub struct Staging {
    /// The site's folder (files are copied only from inside it).
    root: PathBuf,
    /// The output folder as given (for messages) and as a real path.
    target: PathBuf,
    target_abs: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// Folders made so far, so each is made once.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    files: std::sync::atomic::AtomicUsize,
    done: bool,
}

impl Staging {
    /// Check that `target` may be replaced and open its staging folder.
    pub fn begin(root: &Path, target: &Path) -> Result<Staging, WriteError> {
        let target_abs = crate::config::real_path(target);
        let root_abs = crate::config::real_path(root);
        if root_abs.starts_with(&target_abs)
            || target_abs.starts_with(crate::config::real_path(
                &root.join(crate::config::CONTENT_DIR),
            ))
        {
            return Err(WriteError::Unsafe(target.to_path_buf()));
        }
        if target.exists() {
            let empty = fs::read_dir(target)
                .map_err(io_err(target))?
                .next()
                .is_none();
            if !empty && !target.join(MARKER).is_file() {
                return Err(WriteError::NotOurs(target.to_path_buf()));
            }
        }
        let parent = target_abs
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = target_abs
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "output".into());
        let dir = parent.join(format!(".{name}.ny-{}", std::process::id()));
        let old = parent.join(format!(".{name}.gammel-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        sweep_leftovers(&parent, &name);
        let staging = Staging {
            root: root.to_path_buf(),
            target: target.to_path_buf(),
            target_abs,
            made: Default::default(),
            files: Default::default(),
            done: false,
            old,
            dir,
        };
        fs::create_dir_all(&staging.dir).map_err(io_err(&staging.dir))?;
        // The marker first: a build killed half-way leaves a folder the next one can prove
        // is its own.
        fs::write(
            staging.dir.join(MARKER),
            "Lavet af trinvis. Mappen bliver erstattet ved næste build.\n",
        )
        .map_err(io_err(&staging.dir))?;
        Ok(staging)
    }

    /// The staging folder's path for `rel`, with its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let p = self.dir.join(rel);
        if let Some(dir) = p.parent() {
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            if !made.contains(dir) {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
                made.insert(dir.to_path_buf());
            }
        }
        self.files
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(p)
    }

    /// Write one file of the output (`rel`: its path in the output folder).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let p = self.place(rel)?;
        fs::write(&p, bytes).map_err(io_err(&p))
    }

    /// Put the file `from` (a file of the output being replaced, known to hold the same
    /// bytes) in place by a hard link instead of writing it again; false when it cannot be
    /// linked (gone, another file system), and then nothing is done.
    pub fn link(&self, rel: &str, from: &Path) -> Result<bool, WriteError> {
        let p = self.place(rel)?;
        if fs::hard_link(from, &p).is_ok() {
            return Ok(true);
        }
        self.files
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        Ok(false)
    }

    /// Copy a file from the site into the output ([`copy_source`]).
    pub fn copy(&self, rel: &str, src: &Path) -> Result<(), WriteError> {
        let from = copy_source(&self.root, rel, src).map_err(io_err(src))?;
        let p = self.place(rel)?;
        fs::copy(&from, &p).map(|_| ()).map_err(io_err(src))
    }

    /// Files written so far.
    pub fn files(&self) -> usize {
        self.files.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Swap the finished folder in place of the old output: move the old output aside, move
    /// the new one in, then delete the old one. What is moved aside is looked at again once
    /// it is aside (a folder someone else put at the output path while the build ran is not
    /// trinvis's): only a folder with trinvis's marker, or an empty one, is ever deleted;
    /// any other is put back and the build refused.
    pub fn finish(mut self) -> Result<(), WriteError> {
        let _busy = BUSY.lock();
        let had_old = fs::symlink_metadata(&self.target_abs).is_ok();
        if had_old {
            fs::rename(&self.target_abs, &self.old)
                .map_err(|e| WriteError::Io(self.target.clone(), e))?;
            if !ours_or_empty(&self.old) {
                let _ = fs::rename(&self.old, &self.target_abs);
                return Err(WriteError::NotOurs(self.target.clone()));
            }
        }
        if let Err(e) = fs::rename(&self.dir, &self.target_abs) {
            if had_old {
                let _ = fs::rename(&self.old, &self.target_abs);
            }
            return Err(WriteError::Io(self.target.clone(), e));
        }
        self.done = true;
        if had_old {
            let _ = fs::remove_dir_all(&self.old);
        }
        Ok(())
    }
}

/// Whether a folder is one trinvis made (it has the marker) or holds nothing.
fn ours_or_empty(dir: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return true;
    };
    meta.is_dir()
        && (fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
            || fs::read_dir(dir).is_ok_and(|mut e| e.next().is_none()))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Write `out` to `target`, replacing what was there only on success.
pub fn write(root: &Path, target: &Path, out: &Output) -> Result<(), WriteError> {
    let staging = Staging::begin(root, target)?;
    for (rel, bytes) in &out.files {
        staging.put(rel, bytes)?;
    }
    for (rel, src) in &out.copies {
        staging.copy(rel, src)?;
    }
    staging.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut o = Output::default();
        for (p, c) in files {
            o.files.insert(p.to_string(), c.as_bytes().into());
        }
        o
    }

    #[test]
    fn replaces_previous_output_completely() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        write(
            dir.path(),
            &target,
            &output(&[("a.html", "1"), ("x/b.html", "2")]),
        )
        .unwrap();
        write(dir.path(), &target, &output(&[("a.html", "3")])).unwrap();
        assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), "3");
        assert!(!target.join("x/b.html").exists());
        // No staging or old folders are left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
    }

    #[test]
    fn refuses_folders_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("mine");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("vigtigt.txt"), "x").unwrap();
        let e = write(dir.path(), &target, &output(&[("a.html", "1")])).unwrap_err();
        assert!(matches!(e, WriteError::NotOurs(_)));
        assert_eq!(fs::read_to_string(target.join("vigtigt.txt")).unwrap(), "x");
    }

    #[test]
    fn real_paths_resolve_dots_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(base.join("site/content")).unwrap();
        assert_eq!(
            crate::config::real_path(&base.join("site/x/../content/ud")),
            base.join("site/content/ud")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("site/content"), base.join("genvej")).unwrap();
            assert_eq!(
                crate::config::real_path(&base.join("genvej/ud")),
                base.join("site/content/ud")
            );
            let site = base.join("site");
            for target in [site.join("x/../content/ud"), base.join("genvej/ud")] {
                let e = write(&site, &target, &output(&[("a.html", "1")])).unwrap_err();
                assert!(matches!(e, WriteError::Unsafe(_)), "{}", target.display());
            }
            assert!(!base.join("site/content/ud").exists());
        }
    }

    #[test]
    fn leftovers_of_killed_builds_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let make = |name: &str, marker: bool| {
            let p = dir.path().join(name);
            fs::create_dir_all(p.join("familier/x")).unwrap();
            fs::write(p.join("familier/x/index.html"), "gamle data").unwrap();
            if marker {
                fs::write(p.join(MARKER), "").unwrap();
            }
        };
        // PIDs far above any pid_max in use: those processes are gone.
        make(".output.ny-2000000001", true);
        make(".output.gammel-2000000002", true);
        make(".output.ny-2000000003", false); // not provably ours
        make(".andet.ny-2000000004", true); // another output's
        write(
            dir.path(),
            &dir.path().join("output"),
            &output(&[("a.html", "1")]),
        )
        .unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [".andet.ny-2000000004", ".output.ny-2000000003", "output"]
        );
    }

    #[test]
    fn an_unfinished_staging_folder_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        write(dir.path(), &target, &output(&[("a.html", "gammel")])).unwrap();
        let s = Staging::begin(dir.path(), &target).unwrap();
        s.put("familier/x/index.html", b"ny").unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        drop(s);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
        assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), "gammel");
    }

    #[test]
    fn a_folder_put_at_the_output_path_during_the_build_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        // Nothing there when the build begins; someone's folder there when it is swapped in.
        let s = Staging::begin(dir.path(), &target).unwrap();
        s.put("index.html", b"ny").unwrap();
        fs::create_dir(&target).unwrap();
        fs::write(target.join("vigtigt.txt"), "mit").unwrap();
        let e = s.finish().unwrap_err();
        assert!(matches!(e, WriteError::NotOurs(_)), "{e}");
        assert_eq!(
            fs::read_to_string(target.join("vigtigt.txt")).unwrap(),
            "mit"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("output")],
            "staging deleted"
        );
        // A file put there is not ours either.
        let _ = fs::remove_dir_all(&target);
        let s = Staging::begin(dir.path(), &target).unwrap();
        fs::write(&target, "en fil").unwrap();
        assert!(matches!(s.finish().unwrap_err(), WriteError::NotOurs(_)));
        assert_eq!(fs::read_to_string(&target).unwrap(), "en fil");
    }

    #[test]
    fn refuses_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        let e = write(dir.path(), dir.path(), &output(&[])).unwrap_err();
        assert!(matches!(e, WriteError::Unsafe(_)));
    }

    #[test]
    fn failed_write_leaves_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("output");
        write(dir.path(), &target, &output(&[("a.html", "gammel")])).unwrap();
        let mut bad = output(&[("b.html", "ny")]);
        bad.copies
            .insert("c.png".into(), dir.path().join("findes-ikke.png"));
        assert!(write(dir.path(), &target, &bad).is_err());
        assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), "gammel");
        assert!(!target.join("b.html").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }
}
