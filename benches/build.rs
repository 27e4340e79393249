//! Build time for a team-sized site: the bundled example with 150 more families.
//! Run with `cargo bench`. It reports timings; it asserts nothing about speed.

use std::fs;
use std::time::{Duration, Instant};
use trinvis::config::Paths;

const EXTRA_FAMILIES: usize = 150;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    trinvis::scaffold::init(&root).expect("init");
    let holm = root.join("content/familier/holm");
    for i in 0..EXTRA_FAMILIES {
        let target = root.join(format!("content/familier/familie-{i:03}"));
        fs::create_dir_all(&target).expect("mkdir");
        for f in ["familie.yaml", "plan.md", "rejse.yaml"] {
            fs::copy(holm.join(f), target.join(f)).expect("copy");
        }
    }
    let paths = Paths::new(&root, None);
    let mut times: Vec<Duration> = Vec::new();
    let mut files = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let r = trinvis::build(&paths);
        times.push(start.elapsed());
        assert!(r.ok(), "{}", r.diagnostics);
        files = r.files;
    }
    let check = {
        let start = Instant::now();
        let r = trinvis::check(&paths);
        assert!(r.ok());
        start.elapsed()
    };
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "build: {} families, {files} files: median {:.0} ms, fastest {:.0} ms ({:.0} files/s); check alone {:.0} ms",
        EXTRA_FAMILIES + 4,
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        files as f64 / median.as_secs_f64(),
        check.as_secs_f64() * 1000.0,
    );
}
