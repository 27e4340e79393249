//! Themes: tera templates, static files and UI strings. The standard theme is built into the
//! binary; a site's own `themes/<name>/` folder overrides it file by file. The templates are
//! compiled here, in the load stage, so `check` finds a broken template just as `build` does.

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::draw::font::Metrics;
use crate::source::Source;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

static STANDARD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/standard");

pub use crate::config::THEMES_DIR;

/// A theme file: where it came from (for messages) and its bytes.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub origin: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone)]
pub struct Theme {
    /// The compiled templates.
    pub tera: tera::Tera,
    /// `templates/…` files, by name relative to `templates/`.
    pub templates: BTreeMap<String, ThemeFile>,
    /// `static/…` files, by path relative to `static/`.
    pub statics: BTreeMap<String, ThemeFile>,
    /// UI text for the site's language.
    pub strings: BTreeMap<String, String>,
    /// UI text in the theme's other languages (for family views), each completed from the
    /// site's language.
    pub languages: BTreeMap<String, BTreeMap<String, String>>,
    /// Metrics of the font charts are set in (`static/fonts/`).
    pub metrics: Option<Metrics>,
}

impl Theme {
    /// The texts in a language the theme has, else in the site's.
    pub fn strings_in(&self, lang: &str) -> &BTreeMap<String, String> {
        self.languages.get(lang).unwrap_or(&self.strings)
    }

    /// Whether the theme has texts in a language.
    pub fn has_language(&self, lang: &str) -> bool {
        self.languages.contains_key(lang)
            || self.strings.get("lang_code").map(String::as_str) == Some(lang)
    }

    /// Whether a family's PDFs can be set in a language: the fonts have every letter of its
    /// texts (true when there is no font).
    pub fn pdf_sets(&self, lang: &str) -> bool {
        self.metrics.as_ref().is_none_or(|m| {
            self.strings_in(lang)
                .values()
                .all(|t| t.chars().all(|c| m.has(c)))
        })
    }

    /// Whether a language's texts are a draft no interpreter has read (`gennemlæst: false`
    /// in its strings file, the built-in one's or the site's on top of it).
    pub fn draft(&self, lang: &str) -> bool {
        self.languages
            .get(lang)
            .and_then(|s| s.get(READ))
            .is_some_and(|v| matches!(v.trim(), "false" | "nej" | "no"))
    }

    /// The language of a family's own view.
    pub fn family_language<'a>(&self, f: &'a crate::model::FamilyFile, site: &'a str) -> &'a str {
        f.view_language(site, |c| self.has_language(c))
    }
}

/// The key of a strings file that says whether an interpreter has read its texts.
pub const READ: &str = "gennemlæst";

/// Languages written from right to left, by code.
const RIGHT_TO_LEFT: &[&str] = &["ar", "ckb", "dv", "fa", "he", "prs", "ps", "ur", "yi"];

/// `rtl` or `ltr`: the strings file's `lang_dir` when it has one, else by its `lang_code`.
pub fn text_direction(strings: &BTreeMap<String, String>) -> &'static str {
    match strings.get("lang_dir").map(|d| d.trim()) {
        Some("rtl") => "rtl",
        Some("ltr") => "ltr",
        _ => match strings.get("lang_code") {
            Some(c) if RIGHT_TO_LEFT.contains(&c.as_str()) => "rtl",
            _ => "ltr",
        },
    }
}

fn embedded(dir: &Dir<'static>, out: &mut BTreeMap<String, ThemeFile>) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        out.insert(
            rel.clone(),
            ThemeFile {
                origin: format!("(indbygget tema) {rel}"),
                bytes: f.contents().to_vec(),
            },
        );
    }
    for d in dir.dirs() {
        embedded(d, out);
    }
}

/// The files of the built-in standard theme, by path relative to the theme folder.
pub fn standard_files() -> BTreeMap<String, ThemeFile> {
    let mut all = BTreeMap::new();
    embedded(&STANDARD, &mut all);
    all
}

/// The theme, unless it has errors; and every diagnostic about it.
pub fn load(root: &Path, name: &str, lang: &str) -> (Option<Theme>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut all = if name == "standard" {
        standard_files()
    } else {
        BTreeMap::new()
    };
    let site_dir = root.join(THEMES_DIR).join(name);
    if site_dir.is_dir() {
        for e in WalkDir::new(&site_dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(&site_dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            let origin = format!("{THEMES_DIR}/{name}/{rel}");
            match std::fs::read(e.path()) {
                Ok(bytes) => {
                    // A site's own text files (templates, strings, styles) reach every page.
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        if rel.ends_with(".yaml") {
                            diags.extend_from(crate::privacy::check_yaml(&origin, text));
                        } else {
                            diags.extend_from(crate::privacy::check_text(&origin, text));
                        }
                        if rel.ends_with(".css") {
                            diags.extend_from(css_origins(&origin, text));
                        }
                    }
                    diags.extend_from(crate::privacy::check_name(&origin));
                    all.insert(rel, ThemeFile { origin, bytes });
                }
                Err(err) => diags.push(Diagnostic::error(
                    origin,
                    Pos::START,
                    format!("kan ikke læse filen: {err}"),
                )),
            }
        }
    } else if name != "standard" {
        diags.push(
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                Pos::START,
                format!("temaet `{name}` findes ikke"),
            )
            .help(format!(
                "Læg temaet i `{THEMES_DIR}/{name}/`, eller skriv `tema: standard` i trinvis.yaml."
            )),
        );
        return (None, diags);
    }

    let mut theme = Theme {
        tera: tera::Tera::default(),
        metrics: None,
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        strings: BTreeMap::new(),
        languages: BTreeMap::new(),
    };
    for (rel, f) in all {
        if let Some(t) = rel.strip_prefix("templates/") {
            theme.templates.insert(t.to_string(), f);
        } else if let Some(s) = rel.strip_prefix("static/") {
            theme.statics.insert(s.to_string(), f);
        }
    }
    // Strings: the site's language must have every text the theme uses.
    let (site_strings, last_origin) = strings(root, name, lang, &mut diags);
    theme.strings = site_strings;
    if let (Some(origin), Some(reference)) = (last_origin, STANDARD.get_file("strings/da.yaml")) {
        let missing = missing_keys(&theme.strings, reference.contents());
        if !missing.is_empty() && !diags.has_errors() {
            diags.push(
                Diagnostic::error(
                    origin,
                    Pos::START,
                    format!("der mangler {} tekster", missing.len()),
                )
                .value(missing.join(", "))
                .help("Tilføj teksterne (se standardtemaets strings/da.yaml for alle nøgler)."),
            );
        }
    }
    // Other languages, for family views (`sprog` in familie.yaml): a text one of them lacks
    // is taken from the site's language, with a warning that names it.
    let mut codes: Vec<String> = crate::config::BUILT_IN_LANGUAGES
        .iter()
        .chain(crate::config::FAMILY_LANGUAGES)
        .map(|c| c.to_string())
        .collect();
    let own_dir = root.join(THEMES_DIR).join(name).join("strings");
    if let Ok(entries) = std::fs::read_dir(&own_dir) {
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().to_string();
            if let Some(code) = file.strip_suffix(".yaml").filter(|c| is_language_code(c)) {
                codes.push(code.to_string());
            }
        }
    }
    codes.sort();
    codes.dedup();
    // A family's texts: the keys of the bundled family languages' files (the other texts
    // are the staff's, and stay in the site's language).
    let family: BTreeMap<String, String> = STANDARD
        .get_file("strings/ar.yaml")
        .and_then(|f| serde_yaml::from_slice(f.contents()).ok())
        .unwrap_or_default();
    for code in codes.into_iter().filter(|c| c != lang) {
        let (mut other, origin) = strings(root, name, &code, &mut diags);
        let Some(origin) = origin else { continue };
        // The language's own name, code and direction are never borrowed from another.
        other
            .entry("lang_code".into())
            .or_insert_with(|| code.clone());
        let missing: Vec<String> = family
            .keys()
            .filter(|k| !other.contains_key(*k) && !k.starts_with("lang_") && *k != READ)
            .filter(|k| !k.starts_with("month_short_"))
            .cloned()
            .collect();
        if !missing.is_empty() && !origin.starts_with("(indbygget") {
            diags.push(
                Diagnostic::warning(
                    origin,
                    Pos::START,
                    format!(
                        "der mangler {} tekster; familiens udgave viser dem på sitets sprog",
                        missing.len()
                    ),
                )
                .value(missing.join(", "))
                .help("Oversæt teksterne (standardtemaets strings/en.yaml har dem på engelsk)."),
            );
        }
        for (k, v) in &theme.strings {
            other.entry(k.clone()).or_insert_with(|| v.clone());
        }
        theme.languages.insert(code, other);
    }
    compile(&mut theme, &mut diags);
    theme.metrics = chart_font(&theme, &mut diags);
    let theme = (!diags.has_errors()).then_some(theme);
    (theme, diags)
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.templates.keys().collect::<Vec<_>>())
            .field("statics", &self.statics.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// The metrics of the fonts the charts and PDFs are set in: the theme's regular and bold
/// TrueType files, so the pictures are measured with the font the page shows, then the
/// fonts for the letters it lacks ([`FALLBACK_FONTS`], where the theme has them) and the
/// emoji font.
fn chart_font(theme: &Theme, diags: &mut Diagnostics) -> Option<Metrics> {
    let file = |rel: &str| theme.statics.get(rel);
    let (Some(r), Some(b)) = (file(CHART_FONT_REGULAR), file(CHART_FONT_BOLD)) else {
        diags.push(
            Diagnostic::error(THEMES_DIR, Pos::START, "temaet mangler skriften til diagrammerne")
                .value(format!("static/{CHART_FONT_REGULAR}, static/{CHART_FONT_BOLD}"))
                .help("Læg skriftfilerne (TrueType) i temaets static/fonts/, eller slet din egen udgave af mappen."),
        );
        return None;
    };
    let unreadable = |origin: &str, e: String| {
        Diagnostic::error(origin, Pos::START, format!("skriften kan ikke læses: {e}"))
            .help("Brug en TrueType-fil (.ttf).")
    };
    let mut m = match Metrics::from_ttf(&r.bytes, &b.bytes) {
        Ok(m) => m,
        Err(e) => {
            diags.push(unreadable(&r.origin, e));
            return None;
        }
    };
    for (regular, bold) in FALLBACK_FONTS {
        let (Some(r), Some(b)) = (file(regular), file(bold)) else {
            continue;
        };
        m = match m.clone().with_fallback(&r.bytes, &b.bytes) {
            Ok(m) => m,
            Err(e) => {
                diags.push(unreadable(&r.origin, e));
                m
            }
        };
    }
    use crate::draw::font::EMOJI;
    m.with_fallback(EMOJI, EMOJI).ok()
}

/// The chart font's files, relative to the theme's `static/`.
pub const CHART_FONT_REGULAR: &str = "fonts/trinvis-sans-regular.ttf";
pub const CHART_FONT_BOLD: &str = "fonts/trinvis-sans-bold.ttf";

/// The fonts for letters the chart font lacks, in the order they are asked (regular, bold):
/// more Latin (Turkish, Vietnamese, Romanian, African orthographies), Greek and Cyrillic;
/// Arabic script; Ethiopic. Pages load them only for a letter that needs them
/// (`unicode-range` in style.css).
pub const FALLBACK_FONTS: [(&str, &str); 3] = [
    (
        "fonts/trinvis-sans-extra-regular.ttf",
        "fonts/trinvis-sans-extra-bold.ttf",
    ),
    (
        "fonts/noto-sans-arabic-regular.ttf",
        "fonts/noto-sans-arabic-bold.ttf",
    ),
    (
        "fonts/noto-sans-ethiopic-regular.ttf",
        "fonts/noto-sans-ethiopic-bold.ttf",
    ),
];

/// The standard theme's font chain.
#[cfg(test)]
pub(crate) fn standard_metrics() -> Metrics {
    let files = standard_files();
    let statics = files
        .into_iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("static/")?.to_string(), v)))
        .collect();
    let theme = Theme {
        tera: tera::Tera::default(),
        templates: BTreeMap::new(),
        statics,
        strings: BTreeMap::new(),
        languages: BTreeMap::new(),
        metrics: None,
    };
    chart_font(&theme, &mut Diagnostics::new()).unwrap()
}

/// `da`, `en`, `ar`, `prs`: two or three lower-case letters (as ISO 639).
fn is_language_code(c: &str) -> bool {
    (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase())
}

/// Keys of the reference strings file that `strings` lacks.
fn missing_keys(strings: &BTreeMap<String, String>, reference: &[u8]) -> Vec<String> {
    let reference: BTreeMap<String, String> = serde_yaml::from_slice(reference).unwrap_or_default();
    reference
        .into_keys()
        .filter(|k| !strings.contains_key(k))
        .collect()
}

/// The texts of one language: the built-in file first, then the site's own on top, key by
/// key; and where the last of them came from (`None`: the theme has no such language, and
/// the texts are the built-in Danish ones so that everything else can still be checked).
fn strings(
    root: &Path,
    name: &str,
    lang: &str,
    diags: &mut Diagnostics,
) -> (BTreeMap<String, String>, Option<String>) {
    let file = format!("strings/{lang}.yaml");
    let mut layers = Vec::new();
    if let Some(f) = STANDARD.get_file(&file) {
        layers.push((
            format!("(indbygget tema) {file}"),
            String::from_utf8_lossy(f.contents()).to_string(),
        ));
    }
    let own = crate::config::strings_file(name, lang);
    if root.join(&own).is_file() {
        match std::fs::read_to_string(root.join(&own)) {
            Ok(t) => layers.push((own.clone(), t)),
            Err(err) => diags.push(Diagnostic::error(
                &own,
                Pos::START,
                format!("kan ikke læse filen: {err}"),
            )),
        }
    }
    let last_origin = layers.last().map(|l| l.0.clone());
    if layers.is_empty()
        && let Some(f) = STANDARD.get_file("strings/da.yaml")
    {
        // An unknown site language is reported by config (at trinvis.yaml's `sprog`).
        layers.push((
            "(indbygget tema) strings/da.yaml".to_string(),
            String::from_utf8_lossy(f.contents()).to_string(),
        ));
    }
    let mut out = BTreeMap::new();
    for (origin, text) in layers {
        if let Some(d) = crate::source::limits(&origin, &text) {
            diags.push(d);
            continue;
        }
        let src = Source::yaml(origin, text);
        let (strings, errors) = src.parse_all::<BTreeMap<String, String>>();
        for e in errors {
            diags.push(e);
        }
        out.extend(strings.unwrap_or_default());
    }
    (out, last_origin)
}

/// Compile every template; syntax errors are reported with the template's file:line:col.
fn compile(theme: &mut Theme, diags: &mut Diagnostics) {
    let mut templates = Vec::new();
    for (name, f) in &theme.templates {
        match std::str::from_utf8(&f.bytes) {
            Ok(t) => templates.push((name.clone(), t.to_string())),
            Err(_) => diags.push(
                Diagnostic::error(&f.origin, Pos::START, "skabelonen er ikke gemt som UTF-8")
                    .help("Gem skabelonen igen som UTF-8."),
            ),
        }
    }
    if let Err(e) = theme.tera.add_raw_templates(templates) {
        diags.push(tera_diag(&e, theme, None));
    }
}

/// The origin that marks a built-in theme file.
const BUILT_IN: &str = "(indbygget tema) ";

/// The templates `name` reads, itself first: what it extends, includes and imports, and what
/// those read in turn.
fn involved(theme: &Theme, name: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![name.to_string()];
    let mut i = 0;
    while let Some(t) = out.get(i).cloned() {
        i += 1;
        let Some(text) = theme
            .templates
            .get(&t)
            .and_then(|f| std::str::from_utf8(&f.bytes).ok())
        else {
            continue;
        };
        for tag in text.split("{%").skip(1) {
            let tag = tag
                .split("%}")
                .next()
                .unwrap_or("")
                .trim_start_matches(['-', ' ']);
            let Some(rest) = ["extends", "include", "import"]
                .iter()
                .find_map(|k| tag.strip_prefix(k))
            else {
                continue;
            };
            let rest = rest.trim_start();
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(target) = rest[1..].split(q).next()
                && !out.iter().any(|o| o == target)
            {
                out.push(target.to_string());
            }
        }
    }
    out
}

/// A diagnostic that points into a built-in template, or at the theme as a whole, moved to the
/// site's own template that causes it, where the site has one among the templates involved:
/// a block no parent defines is missing from the site's own parent (an empty `base.html`);
/// a component that calls itself is where it is defined; anything else is told at the
/// site's own file, with where tera found it.
fn own_file(d: Diagnostic, theme: &Theme, rendering: Option<&str>) -> Diagnostic {
    let in_built_in = d.file.starts_with(BUILT_IN) || d.file == THEMES_DIR;
    let name = d
        .file
        .strip_prefix(BUILT_IN)
        .and_then(|f| f.strip_prefix("templates/"))
        .or(rendering);
    let Some(name) = name.filter(|_| in_built_in) else {
        return d;
    };
    let own: Vec<(&String, &ThemeFile)> = involved(theme, name)
        .iter()
        .filter_map(|t| theme.templates.get_key_value(t))
        .filter(|(_, f)| !f.origin.starts_with(BUILT_IN))
        .collect();
    let Some(&(first_name, first)) = own.first() else {
        return d;
    };
    let text = |f: &ThemeFile| String::from_utf8_lossy(&f.bytes).into_owned();
    let pos_of = |t: &str, at: usize| {
        let before = &t[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos {
            line: before.matches('\n').count() + 1,
            col: before[line_start..].chars().count() + 1,
        }
    };
    const HELP: &str =
        "Ret din egen udgave af skabelonen, eller slet den for at bruge standardtemaets.";
    if let Some(block) = d
        .message
        .split("Block `")
        .nth(1)
        .and_then(|b| b.split('`').next())
        .filter(|_| d.message.contains("not defined in any parent template"))
    {
        // The site's own parent without the block: the last of its own in the chain.
        let (parent_name, parent) = own.last().copied().unwrap_or((first_name, first));
        let t = text(parent);
        let empty = t.trim().is_empty();
        return Diagnostic::error(
            &parent.origin,
            Pos::START,
            format!(
                "skabelonen {}har ikke blokken `{block}`, som {name} udfylder",
                if empty { "er tom og " } else { "" }
            ),
        )
        .value(parent_name)
        .help(format!(
            "Skriv {{% block {block} %}}{{% endblock {block} %}} der, hvor indholdet skal stå (se standardtemaets {parent_name}), eller slet din udgave for at bruge standardtemaets."
        ));
    }
    if d.message.contains("recursion depth for components") {
        // A component that calls itself, where it is defined.
        for &(_, f) in &own {
            let t = text(f);
            let mut from = 0;
            while let Some(i) = t[from..].find("{% component ").map(|i| from + i) {
                from = i + 1;
                let def = &t[i + "{% component ".len()..];
                let cname: String = def
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                let body = def.split("{% endcomponent").next().unwrap_or("");
                if !cname.is_empty() && body.contains(&format!("<{cname}")) {
                    return Diagnostic::error(
                        &f.origin,
                        pos_of(&t, i),
                        format!("komponenten `{cname}` kalder sig selv uden ende"),
                    )
                    .snippet(t[i..].lines().next())
                    .help("En komponent må ikke kalde sig selv (direkte eller gennem en anden) uden en betingelse, der stopper den. Ret din skabelon, eller slet den for at bruge standardtemaets.");
                }
            }
        }
    }
    let found = if d.file == THEMES_DIR {
        String::new()
    } else {
        format!(" (fundet i {}:{}:{})", d.file, d.pos.line, d.pos.col)
    };
    Diagnostic::error(&first.origin, Pos::START, format!("{}{found}", d.message))
        .value(first_name)
        .help(HELP)
}

/// A theme's stylesheet may use nothing from another origin (every page's policy would
/// block it anyway; this says where it is written).
fn css_origins(origin: &str, css: &str) -> Vec<Diagnostic> {
    crate::urls::css_urls(css)
        .into_iter()
        .filter(|u| crate::urls::other_origin(u))
        .map(|u| {
            let at = css.find(u.as_str()).unwrap_or(0);
            let before = &css[..at];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let pos = Pos {
                line: before.matches('\n').count() + 1,
                col: before[line_start..].chars().count() + 1,
            };
            Diagnostic::error(origin, pos, "stilarket henter noget uden for sitet")
                .value(crate::cpr::mask(&u))
                .snippet(css[line_start..].lines().next())
                .help("Ingen side må hente noget fra internettet. Læg filen (en skrifttype, et billede) i temaets static/-mappe, og henvis til den med en relativ sti.")
        })
        .collect()
}

/// A tera error as a diagnostic pointing into the template it came from; where that is a
/// built-in template (or no template at all) while the site has its own versions of templates
/// it reads, into the site's own file ([`own_file`]). `rendering` is the template being
/// drawn, if any.
pub fn tera_diag(e: &tera::Error, theme: &Theme, rendering: Option<&str>) -> Diagnostic {
    own_file(located_diag(e, theme), theme, rendering)
}

/// What tera says, where it says it.
fn located_diag(e: &tera::Error, theme: &Theme) -> Diagnostic {
    let origin = |name: &str| {
        theme
            .templates
            .get(name)
            .map(|f| f.origin.clone())
            .unwrap_or_else(|| format!("templates/{name}"))
    };
    const HELP: &str = "Ret skabelonen i temaet (tera 2-syntaks), eller slet din egen udgave for at bruge standardtemaets.";
    let at = |name: &str, message: String| {
        Diagnostic::error(origin(name), Pos::START, message).help(HELP)
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            Diagnostic::error(
                origin(r.filename()),
                Pos {
                    line: span.start_line.max(1),
                    col: span.start_col + 1,
                },
                format!("fejl i skabelonen: {}", r.message()),
            )
            .help(HELP)
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => at(
            tpl,
            format!(
                "skabelonerne udvider hinanden i ring: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::CircularInclude { tpl, include_chain } => at(
            tpl,
            format!(
                "skabelonerne indsætter hinanden i ring: {}",
                include_chain.join(" → ")
            ),
        ),
        tera::ErrorKind::MissingParent { current, parent } => at(
            current,
            format!("skabelonen udvider `{parent}`, som ikke findes"),
        ),
        _ => {
            // The span is often on an error further down the chain (an unknown filter, a
            // missing include): point there.
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                if let Some(inner) = s.downcast_ref::<tera::Error>() {
                    return located_diag(inner, theme);
                }
                src = s.source();
            }
            // tera 2 reports missing filters, includes and the like as text that names the
            // place (`error: Unknown filter `x`` … ` --> file.html:1:54`): read it from there.
            let text = e.to_string();
            let located = text.lines().find_map(|l| {
                let (name, rest) = l.trim().strip_prefix("--> ")?.split_once(':')?;
                let (line, col) = rest.split_once(':')?;
                Some((
                    name.to_string(),
                    Pos {
                        line: line.parse().ok()?,
                        col: col.parse().ok()?,
                    },
                ))
            });
            let message = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("error: "))
                .unwrap_or(&text)
                .to_string();
            let help = if message.contains("not defined in any parent template") {
                format!(
                    "{HELP} Er en skabelon, den bygger på (fx base.html), tom eller uden blokken?"
                )
            } else {
                HELP.to_string()
            };
            match located {
                Some((name, pos)) => {
                    Diagnostic::error(origin(&name), pos, format!("fejl i skabelonen: {message}"))
                        .help(help)
                }
                None => Diagnostic::error(
                    THEMES_DIR,
                    Pos::START,
                    format!("fejl i temaets skabeloner: {message}"),
                )
                .help(HELP),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_theme_has_templates_statics_and_both_languages() {
        let t = load(Path::new("/nonexistent"), "standard", "da").0.unwrap();
        for name in [
            "base.html",
            "index.html",
            "family.html",
            "diploma.html",
            "journey.html",
            "chapter.html",
            "handbook.html",
        ] {
            assert!(t.templates.contains_key(name), "{name}");
        }
        assert!(t.statics.contains_key("style.css"));
        let en = load(Path::new("/nonexistent"), "standard", "en").0.unwrap();
        let da_keys: Vec<_> = t.strings.keys().collect();
        let en_keys: Vec<_> = en.strings.keys().collect();
        assert_eq!(
            da_keys, en_keys,
            "da.yaml and en.yaml must have the same keys"
        );
    }

    #[test]
    fn unknown_theme_is_an_error() {
        let (t, e) = load(Path::new("/nonexistent"), "findes-ikke", "da");
        assert!(t.is_none());
        assert!(e.iter().any(|d| d.message.contains("findes-ikke")));
    }

    /// The standard stylesheet's colours are the palette's (`draw::palette::STYLESHEET`), so a
    /// page and the pictures on it show a thing in one colour: each variable of its light
    /// `:root` is in the table with the same value, and each of the table's is in the sheet.
    #[test]
    fn standard_stylesheet_uses_the_palette() {
        use crate::draw::palette::STYLESHEET;
        let t = load(Path::new("/nonexistent"), "standard", "da").0.unwrap();
        let css = String::from_utf8(t.statics["style.css"].bytes.clone()).unwrap();
        let at = css.find(":root {").unwrap();
        let root = &css[at..at + css[at..].find('}').unwrap()];
        let vars: Vec<(&str, &str)> = root
            .split(';')
            .filter_map(|d| {
                d.trim()
                    .trim_start_matches(":root {")
                    .trim()
                    .strip_prefix("--")
            })
            .map(|d| {
                let (k, v) = d.split_once(':').unwrap();
                (k.trim(), v.trim())
            })
            .collect();
        let hex = |c: crate::draw::scene::Color| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
        for (k, v) in &vars {
            let want = STYLESHEET.iter().find(|(n, _)| n == k);
            let want = want.unwrap_or_else(|| panic!("--{k} is not in palette::STYLESHEET"));
            assert_eq!(
                *v,
                hex(want.1),
                "--{k}: the stylesheet and the palette differ"
            );
        }
        for (n, _) in STYLESHEET {
            assert!(vars.iter().any(|(k, _)| *k == n), "--{n} is not in :root");
        }
        assert_eq!(vars.len(), STYLESHEET.len());
    }

    /// The standard theme's text colours meet WCAG AA (4.5:1) on the backgrounds they are
    /// set on, and the focus outline stands out (3:1) from the page.
    #[test]
    fn standard_colours_meet_wcag_contrast() {
        use crate::draw::scene::Color;
        let t = load(Path::new("/nonexistent"), "standard", "da").0.unwrap();
        let css = String::from_utf8(t.statics["style.css"].bytes.clone()).unwrap();
        let var = |name: &str| -> Color {
            let at = css
                .find(&format!("--{name}: #"))
                .unwrap_or_else(|| panic!("--{name}"));
            let hex = &css[at + name.len() + 5..at + name.len() + 11];
            let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
            Color(c(0), c(2), c(4))
        };
        for (fg, bg) in [
            ("ink", "bg"),
            ("muted", "bg"),
            ("accent", "bg"),
            ("muted", "card"),
            ("green", "green-soft"),
            ("amber", "amber-soft"),
            ("red", "red-soft"),
            ("accent", "accent-soft"),
        ] {
            let r = var(fg).contrast(var(bg));
            assert!(r >= 4.5, "--{fg} on --{bg}: {r:.2}:1");
        }
        assert!(
            css.contains("a:focus-visible, summary:focus-visible { outline: 3px solid var(--ink)")
        );
        assert!(var("ink").contrast(var("bg")) >= 3.0);
    }
}
