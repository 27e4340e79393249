//! `trinvis watch`, as staff use it: start it, save files, and see the output follow, with
//! the system's change events and with `--poll`.

use crate::common::*;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Watch {
    child: Child,
    lines: Receiver<String>,
}

impl Watch {
    fn start(root: &Path, poll: bool) -> Watch {
        let mut cmd = bin();
        cmd.args(["watch", "--root", root.to_str().unwrap()]);
        if poll {
            cmd.arg("--poll");
        }
        let mut child = cmd.stderr(Stdio::piped()).spawn().expect("start watch");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut w = Watch { child, lines };
        w.wait_for("holder øje med");
        w
    }

    /// The next line that contains `what`, within 30 seconds (every line on the way is kept
    /// for the failure message).
    fn wait_for(&mut self, what: &str) -> String {
        let end = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(l) if l.contains(what) => return l,
                Ok(l) => seen.push(l),
                Err(_) => break,
            }
        }
        panic!(
            "no line with «{what}» within 30 s; saw:\n{}",
            seen.join("\n")
        );
    }

    /// No line at all for `d` (nothing was built).
    fn quiet_for(&mut self, d: Duration) {
        if let Ok(l) = self.lines.recv_timeout(d) {
            panic!("expected nothing, got: {l}");
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let t = fs::read_to_string(path).unwrap();
    assert!(t.contains(from), "{from}");
    // As editors save: a temporary file next to it, renamed over it.
    let tmp = path.with_extension("yaml.tmp");
    fs::write(&tmp, t.replacen(from, to, 1)).unwrap();
    fs::rename(&tmp, path).unwrap();
}

fn follows_saves(poll: bool) {
    let (_d, root) = example_site();
    let mut w = Watch::start(&root, poll);
    let familie = root.join("content/familier/holm/familie.yaml");
    let index = root.join("output/index.html");
    assert!(
        fs::read_to_string(&index)
            .unwrap()
            .contains("Familien Holm")
    );

    edit(&familie, "navn: Familien Holm", "navn: Familien Holmgaard");
    let line = w.wait_for("bygget på");
    assert!(
        line.starts_with("content/familier/holm/familie.yaml → bygget på"),
        "{line}"
    );
    assert!(
        fs::read_to_string(&index)
            .unwrap()
            .contains("Familien Holmgaard")
    );

    // An editor's swap and backup files are not sources.
    fs::write(root.join("content/familier/holm/.plan.md.swp"), "x").unwrap();
    fs::write(root.join("content/familier/holm/plan.md~"), "x").unwrap();
    w.quiet_for(Duration::from_secs(2));

    // A broken save: said, and the output stays as it was; fixed, it builds again.
    edit(
        &familie,
        "navn: Familien Holmgaard",
        "navn: \"Familien Holm",
    );
    w.wait_for("anførselstegnet her bliver aldrig lukket");
    w.wait_for("ikke bygget");
    assert!(
        fs::read_to_string(&index)
            .unwrap()
            .contains("Familien Holmgaard")
    );
    edit(&familie, "navn: \"Familien Holm", "navn: Familien Hansen");
    let line = w.wait_for("bygget på");
    assert!(line.ends_with("– fejlen er rettet"), "{line}");
    assert!(
        fs::read_to_string(&index)
            .unwrap()
            .contains("Familien Hansen")
    );

    // A new family folder is seen too.
    let new = root.join("content/familier/ny");
    fs::create_dir_all(&new).unwrap();
    fs::write(new.join("familie.yaml"), FAMILIE).unwrap();
    fs::write(new.join("plan.md"), PLAN).unwrap();
    w.wait_for("bygget på");
    assert!(root.join("output/familier/ny/index.html").exists());

    // A family folder deleted: its pages go.
    fs::remove_dir_all(root.join("content/familier/berg")).unwrap();
    w.wait_for("bygget på");
    assert!(!root.join("output/familier/berg").exists());
    assert!(root.join("output/familier/holm/index.html").exists());
}

#[test]
fn watch_builds_again_when_a_source_is_saved() {
    follows_saves(false);
}

#[test]
fn watch_with_poll_builds_again_too() {
    follows_saves(true);
}
