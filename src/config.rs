//! The site configuration (`trinvis.yaml` at the site root; optional).

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Config;
use crate::source::Source;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "trinvis.yaml";
pub const CONTENT_DIR: &str = "content";
pub const THEMES_DIR: &str = "themes";

/// A site's own strings file for a theme and language, relative to the site root.
pub fn strings_file(theme: &str, lang: &str) -> String {
    format!("{THEMES_DIR}/{theme}/strings/{lang}.yaml")
}

/// Languages the built-in theme has all its strings in (a site's language).
pub const BUILT_IN_LANGUAGES: &[&str] = &["da", "en"];

/// Languages the built-in theme has the family's texts in (the family's own plan and the
/// page that unlocks a handed-out family's pages), as drafts no interpreter has read yet
/// (`gennemlæst: false`).
pub const FAMILY_LANGUAGES: &[&str] = &["ar", "so", "tr"];

/// Where a site lives and where it builds to.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    pub output: PathBuf,
}

impl Paths {
    pub fn new(root: &Path, output: Option<&Path>) -> Paths {
        let output = output
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.join("output"));
        Paths {
            root: root.to_path_buf(),
            output,
        }
    }

    pub fn content(&self) -> PathBuf {
        self.root.join(CONTENT_DIR)
    }
}

/// Read `trinvis.yaml` if present. Returns the config (defaults on error) and diagnostics.
pub fn load(root: &Path) -> (Config, Diagnostics) {
    let mut diags = Diagnostics::new();
    let path = root.join(CONFIG_FILE);
    if !root.join(CONTENT_DIR).is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, Pos::START, format!("mappen `{CONTENT_DIR}/` findes ikke i {}", root.display()))
                .help("Kør kommandoen i sitets mappe, angiv mappen med --root, eller lav et nyt site med `trinvis init MAPPE`."),
        );
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), diags),
        Err(e) => {
            diags.push(Diagnostic::error(
                CONFIG_FILE,
                Pos::START,
                format!("kan ikke læse filen: {}", crate::diagnostics::os_error(&e)),
            ));
            return (Config::default(), diags);
        }
    };
    if let Some(d) = crate::source::limits(CONFIG_FILE, &text) {
        diags.push(d);
        return (Config::default(), diags);
    }
    let src = Source::yaml(CONFIG_FILE, text);
    let walked = src.walk();
    diags.extend_from(crate::privacy::check_source(&src, &walked.scalars));
    diags.extend_from(walked.errors);
    let (config, errors) = src.parse_all::<Config>();
    for e in errors {
        diags.push(e);
    }
    let Some(c) = config else {
        return (Config::default(), diags);
    };
    let own_strings = strings_file(&c.tema, &c.sprog);
    if !BUILT_IN_LANGUAGES.contains(&c.sprog.as_str()) && !root.join(&own_strings).is_file() {
        diags.push(
            src.error_at(src.at("sprog"), "ukendt sprog")
                .value(&c.sprog)
                .help(format!(
                    "Brug `da` (dansk) eller `en` (engelsk), eller læg temaets tekster på sproget i `{own_strings}`."
                )),
        );
    }
    if let Some(e) = &c.emblem {
        let real = real_path(&root.join(e));
        let ext = crate::urls::extension(e);
        let is_path = matches!(
            crate::urls::classify(e),
            crate::urls::UrlKind::Relative { fragment: None, .. }
        );
        let problem = if !is_path {
            Some("emblemet skal være en fil i sitets mappe, ikke en adresse")
        } else if !real.starts_with(real_path(root)) {
            Some("emblemet ligger uden for sitets mappe")
        } else if !real.is_file() {
            Some("emblemfilen findes ikke")
        } else if !crate::urls::IMAGE_TYPES.contains(&ext.as_str()) {
            Some("emblemet skal være et billede (png, jpg, gif eller webp)")
        } else {
            None
        };
        if let Some(msg) = problem {
            diags.push(
                src.error_at(src.at("emblem"), msg)
                    .value(e)
                    .help("Læg billedet i sitets mappe (fx `billeder/logo.png`), og skriv stien fra sitets mappe."),
            );
        } else if ext != "png" {
            diags.push(
                src.warning_at(src.at("emblem"), "emblemet kommer kun med på diplomets PDF, når det er en PNG-fil")
                    .value(e)
                    .help("Gem billedet som PNG (fx `billeder/logo.png`), så står det både på siden og i PDF'en."),
            );
        }
    }
    (c, diags)
}

/// Where a path really leads: its longest existing ancestor with every symlink and `..`
/// resolved, then the rest (which does not exist yet, so holds no links) with `.` and `..`
/// applied. Decisions about where trinvis may write are made on this, never on the text.
pub fn real_path(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let mut out = real;
            for c in rest.iter().rev() {
                match c {
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    std::path::Component::CurDir => {}
                    c => out.push(c),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}
