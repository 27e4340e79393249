//! Build time of a 1,000-family site (the bundled example with 996 copies of the Holm
//! family), with and without the charts, measured side by side. Run with `cargo bench`. It
//! reports timings; it asserts nothing about speed.

use std::fs;
use std::time::{Duration, Instant};
use trinvis::Options;
use trinvis::config::Paths;

const FAMILIES: usize = 1000;
const RUNS: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    trinvis::scaffold::init(&root).expect("init");
    let holm = root.join("content/familier/holm");
    let existing = fs::read_dir(root.join("content/familier"))
        .expect("families")
        .count();
    for i in 0..FAMILIES - existing {
        let target = root.join(format!("content/familier/familie-{i:04}"));
        fs::create_dir_all(&target).expect("mkdir");
        for f in ["familie.yaml", "plan.md", "rejse.yaml"] {
            fs::copy(holm.join(f), target.join(f)).expect("copy");
        }
    }
    let paths = Paths::new(&root, None);
    let run_opts = |write: bool, charts: bool| {
        let start = Instant::now();
        let r = trinvis::run(&paths, Options { write, charts });
        let t = start.elapsed();
        assert!(r.ok(), "{}", r.diagnostics);
        (t, r.files)
    };
    let run = |charts: bool| run_opts(true, charts);
    run(true); // warm-up
    let (mut with, mut without) = (Vec::new(), Vec::new());
    let mut files = 0;
    for _ in 0..RUNS {
        // Interleaved, so both see the same machine.
        without.push(run(false).0);
        let (t, f) = run(true);
        with.push(t);
        files = f;
    }
    let (mut check_with, mut check_without) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        check_without.push(run_opts(false, false).0);
        check_with.push(run_opts(false, true).0);
    }
    let pct = |a: Duration, b: Duration| (ms(a) / ms(b) - 1.0) * 100.0;
    let (w, wo) = (median(with), median(without));
    let (cw, cwo) = (median(check_with), median(check_without));
    println!(
        "build: {FAMILIES} families, {files} files: median {:.0} ms with charts, {:.0} ms without (charts add {:+.1} %)",
        ms(w),
        ms(wo),
        pct(w, wo),
    );
    println!(
        "check (everything but the write): median {:.0} ms with charts, {:.0} ms without (charts add {:+.1} %)",
        ms(cw),
        ms(cwo),
        pct(cw, cwo),
    );
}
