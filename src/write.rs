//! Stage 6: write the output atomically. Everything is written into a fresh sibling folder;
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
            WriteError::Io(p, e) => write!(f, "kan ikke skrive {}: {e}", p.display()),
        }
    }
}

fn io_err(p: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Write `out` to `target`, replacing what was there only on success.
pub fn write(root: &Path, target: &Path, out: &Output) -> Result<(), WriteError> {
    let target_abs = absolute(target);
    let root_abs = absolute(root);
    if root_abs.starts_with(&target_abs)
        || target_abs.starts_with(root_abs.join(crate::config::CONTENT_DIR))
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
    let staging = parent.join(format!(".{name}.ny-{}", std::process::id()));
    let old = parent.join(format!(".{name}.gammel-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);

    let result = (|| {
        fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        for (rel, bytes) in &out.files {
            let p = staging.join(rel);
            if let Some(dir) = p.parent() {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            fs::write(&p, bytes).map_err(io_err(&p))?;
        }
        for (rel, src) in &out.copies {
            let p = staging.join(rel);
            if let Some(dir) = p.parent() {
                fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            fs::copy(src, &p).map_err(io_err(src))?;
        }
        fs::write(
            staging.join(MARKER),
            "Lavet af trinvis. Mappen bliver erstattet ved næste build.\n",
        )
        .map_err(io_err(&staging))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }

    // Swap: move the old output aside, move the new one in, then delete the old one.
    let had_old = target_abs.exists();
    if had_old && let Err(e) = fs::rename(&target_abs, &old) {
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError::Io(target.to_path_buf(), e));
    }
    if let Err(e) = fs::rename(&staging, &target_abs) {
        if had_old {
            let _ = fs::rename(&old, &target_abs);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError::Io(target.to_path_buf(), e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        let mut o = Output::default();
        for (p, c) in files {
            o.files.insert(p.to_string(), c.as_bytes().to_vec());
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
