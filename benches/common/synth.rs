//! Large synthetic sites for the benchmarks: the bundled example grown to any number of
//! families and handbook chapters, with Danish text, and the same handbook laid out for Hugo
//! and mdBook so that the three can be timed on the same Markdown
//! (`scripts/compare-handbook.sh`, through `cargo run --release --example syntetisk`).
//!
//! Families are the example's four families again and again under new surnames (their
//! plans, goals, measures, journeys and diplomas are the example's own). Chapters are built
//! from the example handbook's own sentences, shuffled by a fixed seed: the same numbers
//! give the same files.
#![allow(dead_code)]

use std::fs;
use std::io;
use std::path::Path;

/// A small, fixed pseudo-random sequence (SplitMix64): the same seed, the same site.
pub struct Seq(u64);

impl Seq {
    pub fn new(seed: u64) -> Seq {
        Seq(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const SURNAMES: &[&str] = &[
    "Andersen",
    "Bak",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Frandsen",
    "Gregersen",
    "Hansen",
    "Iversen",
    "Jensen",
    "Kristiansen",
    "Larsen",
    "Mortensen",
    "Nørgaard",
    "Olsen",
    "Pedersen",
    "Quist",
    "Rasmussen",
    "Sørensen",
    "Thomsen",
    "Uldall",
    "Vestergaard",
    "Winther",
    "Østergaard",
    "Ahmadi",
    "Yilmaz",
    "Nowak",
    "Hussein",
    "Kaya",
    "Petrović",
];

const TOPICS: &[&str] = &[
    "Netværksmødet",
    "Den første samtale",
    "Hjemmebesøg",
    "Samarbejde med skolen",
    "Økonomi i hverdagen",
    "Praktik i en virksomhed",
    "Fritidsjob for de store børn",
    "Sundhed og søvn",
    "Tolk i samtalen",
    "Når en aftale ikke holdes",
    "Fælles mål i familien",
    "Aktivitetsmidler",
    "Livlinen efter forløbet",
    "Motiverende samtale",
    "Signs of Safety i praksis",
    "Udvidet CV",
    "Det gode overblik",
    "Dokumentation og samtykke",
    "Brug af trappen",
    "Fejring af delmål",
];

const PLACES: &[&str] = &[
    "i trin 1",
    "i trin 3",
    "i trin 5",
    "med hele familien",
    "med en forælder",
    "med børnene",
    "på jobcentret",
    "i hjemmet",
    "ved overgangen til job",
    "i udfasningen",
];

const HEADINGS: &[&str] = &[
    "Formål",
    "Sådan gør vi",
    "Eksempel fra praksis",
    "Gode råd",
    "Faldgruber",
    "Hvem gør hvad",
    "Når det går svært",
    "Opfølgning",
];

/// The example's families, each used again and again under new surnames.
const TEMPLATES: &[&str] = &["holm", "berg", "nielsen", "amina"];

/// The example's sentences and list items, to build chapters from.
struct Bank {
    sentences: Vec<String>,
    items: Vec<String>,
}

/// The sentences and list items of the chapters' bodies.
fn bank(chapters: &[Chapter]) -> Bank {
    let mut sentences = Vec::new();
    let mut items = Vec::new();
    for c in chapters {
        let body = &c.body;
        let mut para = String::new();
        let mut item: Option<String> = None;
        for raw in body.lines().chain([""]) {
            let line = raw.trim();
            // A list item runs on over indented lines.
            if let Some(it) = item.as_mut()
                && raw.starts_with("  ")
                && !line.is_empty()
            {
                it.push(' ');
                it.push_str(line);
                continue;
            }
            if let Some(it) = item.take() {
                items.push(unlink(&it));
            }
            if let Some(rest) = line.strip_prefix("- ") {
                item = Some(rest.to_string());
            } else if line.is_empty() || line.starts_with('#') || line.starts_with('|') {
                for s in unlink(&para).split_inclusive(". ") {
                    let s = s.trim();
                    let capital = s.chars().next().is_some_and(char::is_uppercase);
                    if s.len() > 20 && s.ends_with('.') && capital {
                        sentences.push(s.to_string());
                    }
                }
                para.clear();
            } else if !line.starts_with('>') && !line.starts_with('*') {
                para.push_str(line);
                para.push(' ');
            }
        }
    }
    sentences.sort();
    sentences.dedup();
    items.sort();
    items.dedup();
    Bank { sentences, items }
}

/// `[text](target)` → `text`.
fn unlink(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .find("](")
            .and_then(|j| after[j..].find(')').map(|k| (j, j + k)))
        {
            Some((j, k)) => {
                out.push_str(&after[..j]);
                rest = &after[k + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One generated chapter: its file name (without .md), title, summary and Markdown body
/// (without front matter or title).
pub struct Chapter {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
}

fn paragraph(bank: &Bank, seq: &mut Seq) -> String {
    let n = 3 + seq.below(3);
    (0..n)
        .map(|_| seq.pick(&bank.sentences).as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn chapter(bank: &Bank, i: usize, n: usize, seq: &mut Seq) -> Chapter {
    let slug = format!("kapitel-{:05}", i + 1);
    let title = format!("{} {} ({})", seq.pick(TOPICS), seq.pick(PLACES), i + 1);
    let summary = seq.pick(&bank.sentences).clone();
    let mut body = String::new();
    let sections = 3 + seq.below(2);
    for s in 0..sections {
        body.push_str(&format!("## {}\n\n", HEADINGS[(i + s) % HEADINGS.len()]));
        for _ in 0..1 + seq.below(2) {
            body.push_str(&paragraph(bank, seq));
            body.push_str("\n\n");
        }
        if s == 1 {
            for _ in 0..3 + seq.below(3) {
                body.push_str(&format!("- {}\n", seq.pick(&bank.items)));
            }
            body.push('\n');
        }
    }
    // A link on to the next chapter, as handbooks have.
    if i + 1 < n {
        body.push_str(&format!(
            "Læs videre i [næste kapitel](kapitel-{:05}.md).\n",
            i + 2
        ));
    }
    Chapter {
        slug,
        title,
        summary,
        body,
    }
}

/// A handbook of `n` chapters (at least the example's): the example's own chapters, then
/// chapters of Danish text made from their sentences.
pub fn handbook(n: usize, seed: u64) -> io::Result<Vec<Chapter>> {
    let dir = tempfile::tempdir()?;
    trinvis::scaffold::init(&dir.path().join("site")).map_err(io::Error::other)?;
    let metode = dir.path().join("site/content/metode");
    let mut out = Vec::new();
    let mut files: Vec<_> = fs::read_dir(&metode)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    for p in files {
        let text = fs::read_to_string(&p)?;
        let mut parts = text.splitn(3, "---\n");
        let front = parts.nth(1).unwrap_or("");
        let field = |name: &str| {
            front
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().trim_matches('"').to_string())
                .unwrap_or_default()
        };
        out.push(Chapter {
            slug: p
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default(),
            title: field("titel:"),
            summary: field("resumé:"),
            body: parts.next().unwrap_or("").trim_start().to_string(),
        });
    }
    let bank = bank(&out);
    let mut seq = Seq::new(seed);
    let more = n.saturating_sub(out.len());
    out.extend((0..more).map(|i| chapter(&bank, i, more, &mut seq)));
    Ok(out)
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A trinvis site at `root` (which must not exist or be empty): the bundled example, its
/// families grown to `families` (or cut to fewer) and its handbook grown to `handbook`
/// ([`handbook`]: the same chapters [`write_hugo`] and [`write_mdbook`] lay out).
pub fn site(root: &Path, families: usize, handbook: &[Chapter], seed: u64) -> io::Result<()> {
    trinvis::scaffold::init(root).map_err(io::Error::other)?;
    let content = root.join("content");
    let metode = content.join("metode");
    for (i, c) in handbook.iter().enumerate() {
        let path = metode.join(format!("{}.md", c.slug));
        if path.exists() {
            continue; // one of the example's own
        }
        fs::write(
            path,
            format!(
                "---\ntitel: {}\nvægt: {}\ndel: Praksis\nresumé: {}\n---\n\n{}",
                yaml_quote(&c.title),
                1000 + i,
                yaml_quote(&c.summary),
                c.body
            ),
        )?;
    }
    let familier = content.join("familier");
    let mut seq = Seq::new(seed ^ 0xFA);
    let existing = TEMPLATES.len();
    if families < existing {
        // Fewer than the example's four: keep the first ones.
        for t in &TEMPLATES[families..] {
            fs::remove_dir_all(familier.join(t))?;
        }
    }
    for i in 0..families.saturating_sub(existing) {
        let t = TEMPLATES[i % TEMPLATES.len()];
        let from = familier.join(t);
        let to = familier.join(format!("familie-{:05}", i + 1));
        fs::create_dir_all(&to)?;
        let surname = format!(
            "{}{}",
            seq.pick(SURNAMES),
            if i % 3 == 0 { "" } else { "-Holst" }
        );
        for e in fs::read_dir(&from)?.flatten() {
            let text = fs::read_to_string(e.path())?;
            let text = rename(&text, &surname);
            fs::write(to.join(e.file_name()), text)?;
        }
    }
    Ok(())
}

/// A family's files under a new surname: "Familien X" becomes "Familien {surname}".
fn rename(text: &str, surname: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("Familien ") {
        let (head, tail) = rest.split_at(i + "Familien ".len());
        out.push_str(head);
        let end = tail
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(tail.len());
        out.push_str(surname);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The same chapters as a Hugo site: a minimal theme with a sidebar that lists every
/// chapter, as trinvis's does.
pub fn write_hugo(root: &Path, handbook: &[Chapter]) -> io::Result<()> {
    let layouts = root.join("layouts/_default");
    fs::create_dir_all(&layouts)?;
    fs::create_dir_all(root.join("content"))?;
    fs::write(
        root.join("config.toml"),
        "baseURL = \"/\"\nlanguageCode = \"da\"\ntitle = \"Metodehåndbog\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n",
    )?;
    let head = "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>{{ .Title }}</title></head><body>";
    let nav = "<nav><ol>{{ range .Site.RegularPages.ByWeight }}<li><a href=\"{{ .RelPermalink }}\"\
        {{ if eq .RelPermalink $.RelPermalink }} aria-current=\"page\"{{ end }}>{{ .Title }}</a>\
        </li>{{ end }}</ol></nav>";
    fs::write(
        layouts.join("single.html"),
        format!(
            "{head}{nav}<main><h1>{{{{ .Title }}}}</h1>{{{{ .Content }}}}</main></body></html>\n"
        ),
    )?;
    fs::write(
        layouts.join("list.html"),
        format!("{head}{nav}<main><h1>{{{{ .Title }}}}</h1></main></body></html>\n"),
    )?;
    fs::write(
        root.join("layouts/index.html"),
        format!("{head}<main><h1>{{{{ .Site.Title }}}}</h1>{nav}</main></body></html>\n"),
    )?;
    for (i, c) in handbook.iter().enumerate() {
        fs::write(
            root.join(format!("content/{}.md", c.slug)),
            format!(
                "---\ntitle: {}\nweight: {}\nsummary: {}\n---\n\n{}",
                yaml_quote(&c.title),
                i + 1,
                yaml_quote(&c.summary),
                c.body
            ),
        )?;
    }
    Ok(())
}

/// The same chapters as an mdBook.
pub fn write_mdbook(root: &Path, handbook: &[Chapter]) -> io::Result<()> {
    fs::create_dir_all(root.join("src"))?;
    fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Metodehåndbog\"\nlanguage = \"da\"\n",
    )?;
    let mut summary = String::from("# Indhold\n\n");
    for c in handbook {
        summary.push_str(&format!(
            "- [{}]({}.md)\n",
            c.title.replace(['[', ']'], ""),
            c.slug
        ));
        fs::write(
            root.join(format!("src/{}.md", c.slug)),
            format!("# {}\n\n{}", c.title, c.body),
        )?;
    }
    fs::write(root.join("src/SUMMARY.md"), summary)?;
    Ok(())
}
