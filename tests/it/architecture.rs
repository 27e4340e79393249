//! The code keeps to ARCHITECTURE.md: every top-level module of `src/` has its row in the table
//! "Who may use whom", uses only the modules its row allows, and no two modules use each other,
//! directly or round about. A use is a path through `crate::` (or `super::` climbing out of
//! the module) outside comments and outside items compiled for tests only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The top-level modules: `src/x.rs` and `src/x/`, but not the crate's root files.
fn modules() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(root().join("src")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if p.is_dir()
            || (p.extension().is_some_and(|x| x == "rs") && name != "lib" && name != "main")
        {
            out.insert(name);
        }
    }
    out
}

/// The Rust files under `dir`, with their module's path inside `src/`.
fn files(dir: &Path, out: &mut Vec<(PathBuf, Vec<String>)>) {
    let src = root().join("src");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let rel = p.strip_prefix(&src).unwrap();
            let mut path: Vec<String> = rel
                .iter()
                .map(|c| c.to_string_lossy().to_string())
                .collect();
            let last = path.pop().unwrap();
            if last != "mod.rs" {
                path.push(last.trim_end_matches(".rs").to_string());
            }
            out.push((p, path));
        }
    }
}

/// The text of a file without its comments and without the items marked `#[cfg(test)]`
/// (the item after the mark, to the end of its braces or its `;`).
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    let (mut depth, mut opened) = (0i64, false);
    for line in text.lines() {
        let line = match line.find("//") {
            // A `//` inside a string ("https://…") is rare in this code; cutting the line
            // there can only hide a use, never invent one.
            Some(i) => &line[..i],
            None => line,
        };
        if line.trim() == "#[cfg(test)]" {
            skipping = true;
            depth = 0;
            opened = false;
            continue;
        }
        if skipping {
            for c in line.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            let ended = (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';'));
            if ended {
                skipping = false;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules a file's code names: `crate::x`, `crate::{x, y::z}`, and
/// `super::…::x` where the supers climb out of the file's top-level module.
fn uses(code: &str, path: &[String], modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut name = |n: String| {
        if modules.contains(&n) {
            out.insert(n);
        }
    };
    let b = code.as_bytes();
    for (at, _) in code.match_indices("crate::") {
        // Not `$crate::` of a macro, nor a word ending in "crate".
        if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_' || b[at - 1] == b'$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's first level.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        name(ident(item.trim()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            name(ident(item.trim()));
        } else {
            name(ident(rest));
        }
    }
    for (at, _) in code.match_indices("super::") {
        if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_' || b[at - 1] == b':') {
            continue;
        }
        let mut rest = &code[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        if ups >= path.len() {
            name(ident(rest));
        }
    }
    out
}

/// Which top-level module uses which, from the code.
fn graph() -> Graph {
    let modules = modules();
    let mut all = Vec::new();
    files(&root().join("src"), &mut all);
    let mut g = Graph::new();
    for (file, path) in all {
        let Some(top) = path.first() else { continue };
        if !modules.contains(top) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let used = uses(&code(&text), &path, &modules);
        let entry = g.entry(top.clone()).or_default();
        entry.extend(used.into_iter().filter(|u| u != top));
    }
    g
}

/// The table of ARCHITECTURE.md's "Who may use whom": a row per module, `| \`x\` | job |
/// \`a\`, \`b\` |`, the last cell "–" for none.
fn allowed() -> Graph {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let at = doc
        .find("## Who may use whom")
        .expect("ARCHITECTURE.md has a section \"## Who may use whom\"");
    let section = &doc[at..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut g = Graph::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let names = |cell: &str| -> BTreeSet<String> {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        let module = names(cells[0]).into_iter().next().unwrap();
        let may = names(cells.last().unwrap());
        assert!(
            g.insert(module.clone(), may).is_none(),
            "`{module}` has two rows in ARCHITECTURE.md"
        );
    }
    g
}

/// The groups of modules that use each other round about (Tarjan's strongly connected
/// components of more than one module, or of one that uses itself).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn listing(g: &Graph) -> String {
    g.iter()
        .map(|(k, v)| {
            let v: Vec<String> = v.iter().map(|x| format!("`{x}`")).collect();
            format!("{k} → {}", v.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_module_uses_one_that_uses_it() {
    let g = graph();
    let c = cycles(&g);
    assert!(
        c.is_empty(),
        "cycles between modules: {c:?}\n{}",
        listing(&g)
    );
}

#[test]
fn every_module_uses_only_what_architecture_md_allows() {
    let (g, allow) = (graph(), allowed());
    let modules = modules();
    let mut wrong = Vec::new();
    for m in &modules {
        let Some(may) = allow.get(m) else {
            wrong.push(format!(
                "`{m}` has no row in ARCHITECTURE.md's \"Who may use whom\""
            ));
            continue;
        };
        for u in g.get(m).into_iter().flatten() {
            if !may.contains(u) {
                wrong.push(format!("`{m}` uses `{u}`, which its row does not allow"));
            }
        }
        for u in may {
            if !modules.contains(u) {
                wrong.push(format!("`{m}`'s row names `{u}`, which is no module"));
            }
        }
    }
    for m in allow.keys() {
        if !modules.contains(m) {
            wrong.push(format!(
                "ARCHITECTURE.md has a row for `{m}`, which is no module"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\n\nwhat the code uses:\n{}",
        wrong.join("\n"),
        listing(&g)
    );
    // The table allows no cycle either, so the order of its rows is the order of the layers.
    assert!(
        cycles(&allow).is_empty(),
        "the table allows a cycle: {:?}",
        cycles(&allow)
    );
}

/// The scanner itself: a cycle is found, test items and comments are not read, groups and
/// supers are.
#[test]
fn the_scanner_reads_uses_as_rust_does() {
    let mods: BTreeSet<String> = ["a", "b", "c", "d", "e"].map(String::from).into();
    let src = "use crate::a::X;\n// crate::b in a comment\nuse crate::{c::Y, d};\n\
               #[cfg(test)]\nmod tests {\n    use crate::e;\n}\nfn f() { $crate::e; }\n";
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        uses(&code(src), &["m".into()], &mods),
        set(&["a", "c", "d"])
    );
    let up = "fn f() { super::e::g() }\nfn h() { super::super::b::g() }\n";
    assert_eq!(uses(&code(up), &["m".into()], &mods), set(&["b", "e"]));
    assert_eq!(
        uses(&code(up), &["m".into(), "n".into()], &mods),
        set(&["b"])
    );
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        cycles(&g),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
}
