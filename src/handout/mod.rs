//! The handout (`trinvis udlever`): one family's own pages — its plan in plain words, its
//! journey and its diploma, as HTML and PDF — and exactly the files they refer to, in a
//! folder (or a zip) of their own, with no link to the front page, the board, the handbook or
//! any other family; with a passphrase ([`passphrase`]), every page and file of the family's
//! sealed ([`crypt`]).

pub mod crypt;
pub mod passphrase;

use crate::config::Paths;
use crate::diagnostics::Diagnostics;
use crate::draw::escape;
use crate::model::Date;
use crate::routes::{Format, Page};
use crate::session::{Options, Session};
use std::path::Path;

/// The formats a handed-out page is drawn in: the page and its PDF; never the handbook's
/// search, nor any kind added later until it is chosen here.
const FORMATS: [Format; 2] = [Format::Html, Format::Pdf];

/// What went wrong: the site's findings, or a sentence.
#[derive(Debug)]
pub enum HandoutError {
    Site(Diagnostics),
    Other(String),
}

/// Draw family `slug`'s own pages and write them to `target` (atomically, as a build is
/// written). Returns the number of files written.
pub fn write(
    paths: &Paths,
    slug: &str,
    target: &Path,
    today: Option<Date>,
    passphrase: Option<&str>,
    zip: bool,
) -> Result<usize, HandoutError> {
    let session = Session::open(
        paths,
        Options {
            write: false,
            today,
            ..Options::BUILD
        },
    );
    if !session.ok() {
        return Err(HandoutError::Site(session.diagnostics().clone()));
    }
    let Some(site) = session.site() else {
        return Err(HandoutError::Site(session.diagnostics().clone()));
    };
    let Some(i) = site.families.iter().position(|f| f.slug == slug) else {
        let known: Vec<&str> = site.families.iter().map(|f| f.slug.as_str()).collect();
        return Err(HandoutError::Other(format!(
            "der er ingen familie med mappen «{slug}» i content/familier/. Familierne er: {}.",
            known.join(", ")
        )));
    };
    // A passphrase a guesser would try first (the family's own names among them) is not
    // good enough.
    if let Some(pass) = passphrase {
        let f = &site.families[i].familie.data;
        let mut names: Vec<&str> = vec![slug, &f.navn, &site.config.titel];
        names.extend(f.medlemmer.iter().map(|m| m.navn.as_str()));
        names.extend(site.config.team.as_deref());
        if let Some(w) = passphrase::weakness(pass, &names) {
            return Err(HandoutError::Other(w));
        }
    }
    let mut out = match session.handout(slug, &FORMATS) {
        Some(Ok(out)) => out,
        Some(Err(d)) => {
            let mut all = Diagnostics::new();
            all.push(d);
            return Err(HandoutError::Site(all));
        }
        None => return Err(HandoutError::Site(session.diagnostics().clone())),
    };
    // A first page that leads to the others, for whoever opens the folder.
    let routes = session.routes();
    let family = &site.families[i];
    // The pages the family opens first (the index, the page that asks for the passphrase)
    // are in the family's language, as its own plan is.
    let (strings, lang) = match session.theme() {
        Some(t) => {
            let l = t.family_language(&family.familie.data, &site.config.sprog);
            (t.strings_in(l), l)
        }
        None => (session.strings(), site.config.sprog.as_str()),
    };
    let s = crate::views::Strings(strings);
    let mut links = String::new();
    for p in Page::handout(i) {
        let html = routes.path(p, Format::Html);
        if !out.files.contains_key(&html) {
            continue;
        }
        let name = crate::views::family::own_page_label(p, &s);
        links.push_str("<li><a href=\"");
        escape(&mut links, &html);
        links.push_str("\">");
        escape(&mut links, &name);
        links.push_str("</a>");
        let pdf = routes.path(p, Format::Pdf);
        // A sealed folder offers each PDF from its own page, once that is opened.
        if passphrase.is_none() && out.files.contains_key(&pdf) {
            links.push_str(" · <a href=\"");
            escape(&mut links, &pdf);
            links.push_str("\">PDF</a>");
        }
        links.push_str("</li>");
    }
    let mut title = String::new();
    escape(&mut title, &family.familie.data.navn);
    let dir = crate::views::text_direction(strings);
    let mut lang_attr = String::new();
    escape(&mut lang_attr, lang);
    let mut private = String::new();
    escape(&mut private, &s.get("fv_private"));
    // Who they are and how to reach them, as the family's plan says it.
    let pair = &family.familie.data.makkerpar;
    let mut reach = String::from("<p class=\"handout-reach\">");
    escape(&mut reach, &s.get("fv_makkerpar"));
    reach.push_str(": <strong><bdi>");
    escape(&mut reach, &pair.names(&s.get("and")));
    reach.push_str("</bdi></strong>");
    if let Some(k) = pair.contact() {
        reach.push_str(". ");
        escape(&mut reach, &s.get("fv_call"));
        reach.push_str(": <strong><bdi>");
        escape(&mut reach, k);
        reach.push_str("</bdi></strong>");
        if let Some(t) = &pair.traeffes {
            reach.push_str(", <bdi>");
            escape(&mut reach, t);
            reach.push_str("</bdi>");
        }
    }
    reach.push_str("</p>");
    let index = format!(
        "<!doctype html><html lang=\"{lang_attr}\" dir=\"{dir}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"assets/style.css\"><title>{title}</title><main><h1>{title}</h1><ul class=\"handout\">{links}</ul>{reach}<p class=\"meta\">{private}</p></main></html>\n"
    );
    let index = crate::output::guard::secure(index.as_bytes())
        .map(|(page, _)| page)
        .map_err(|f| HandoutError::Other(format!("index.html: {}", f.message())))?;
    out.files.insert("index.html".into(), index.into());
    let one = |d: crate::diagnostics::Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        HandoutError::Site(all)
    };
    // What the pages refer to, before they are sealed and after (the page that asks for
    // the passphrase has a script of its own).
    complete(&mut out, &session, slug).map_err(one)?;
    if let Some(pass) = passphrase {
        let emblem = site
            .config
            .emblem
            .as_deref()
            .map(crate::model::emblem_output);
        seal(&mut out, &paths.root, pass, emblem.as_deref(), &s, lang)
            .map_err(HandoutError::Other)?;
        complete(&mut out, &session, slug).map_err(one)?;
    }
    if zip {
        write_zip(&out, &paths.root, target).map_err(HandoutError::Other)?;
    } else {
        crate::write::write(&paths.root, target, &out)
            .map_err(|e| HandoutError::Other(e.to_string()))?;
    }
    Ok(out.files.len() + out.copies.len())
}

/// Add to a handed-out folder exactly the files its pages refer to: the theme's files they
/// use (and the fonts and pictures those stylesheets use in turn), and the pictures and files
/// the family's texts on those pages link to. The pages are read as they were drawn, so a
/// staff note's picture or another family's file never comes along unless a handed-out page
/// shows it; a handed-out page that refers to a file in another family's folder is refused,
/// at the link in the family's text that made it.
fn complete(
    out: &mut crate::output::Output,
    session: &Session,
    slug: &str,
) -> Result<(), crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, Pos};
    use crate::output::guard;
    let (Some(theme), routes) = (session.theme(), session.routes()) else {
        return Ok(());
    };
    let root = &session.paths().root;
    let mut todo: Vec<(String, String)> = Vec::new();
    for (path, bytes) in &out.files {
        if path.ends_with(".html") {
            for r in guard::read(bytes).refs {
                todo.push((path.clone(), r.url));
            }
        }
    }
    let own = format!("{}/{slug}/", crate::load::FAMILIES_DIR);
    while let Some((from, url)) = todo.pop() {
        let target = match crate::urls::classify(&url) {
            crate::urls::UrlKind::Relative { path, .. } if !path.is_empty() => {
                crate::urls::resolve(&from, &path)
            }
            // Within the page, or a program (mail, phone); `data:` is in the page itself.
            crate::urls::UrlKind::Fragment | crate::urls::UrlKind::Contact => continue,
            crate::urls::UrlKind::Relative { .. } => continue,
            crate::urls::UrlKind::External if url.trim().starts_with("data:") => continue,
            crate::urls::UrlKind::External => None,
        };
        let Some(target) = target else {
            return Err(Diagnostic::error(
                &from,
                Pos::START,
                "siden henviser til noget uden for mappen",
            )
            .value(crate::cpr::mask(&url))
            .help("En udleveret side må kun henvise til familiens egne sider og filer."));
        };
        if out.files.contains_key(&target) || out.copies.contains_key(&target) {
            continue;
        }
        if let Some(rest) = target.strip_prefix(&format!("{}/", crate::output::ASSETS_DIR))
            && let Some(f) = theme.statics.get(rest)
        {
            if rest.ends_with(".css") {
                for u in crate::urls::css_urls(&String::from_utf8_lossy(&f.bytes)) {
                    todo.push((target.clone(), u));
                }
            }
            out.files.insert(target, f.bytes.as_slice().into());
            continue;
        }
        if let Some(rel) = routes.assets.get(&target) {
            if target.starts_with(&format!("{}/", crate::load::FAMILIES_DIR))
                && !target.starts_with(&own)
            {
                return Err(another_familys_file(session, slug, &target, &from));
            }
            out.copies.insert(target, root.join(rel));
            continue;
        }
        return Err(Diagnostic::error(
            &from,
            Pos::START,
            "siden henviser til en fil, som ikke kan udleveres",
        )
        .value(crate::cpr::mask(&target))
        .help(
            "En udleveret side må kun henvise til familiens egne sider og filer og temaets filer.",
        ));
    }
    Ok(())
}

/// The error for a handed-out page that shows a file of another family's: at the link in the
/// family's texts that makes it, where it can be found.
fn another_familys_file(
    session: &Session,
    slug: &str,
    target: &str,
    page: &str,
) -> crate::diagnostics::Diagnostic {
    use crate::diagnostics::{Diagnostic, Pos};
    const MESSAGE: &str =
        "en side, familien får udleveret, viser en fil fra en anden families mappe";
    const HELP: &str = "Hver families filer hører kun til den familie. Læg filen i familiens egen mappe, eller fjern linket.";
    for src in session.sources_of(&crate::load::Unit::Family(slug.to_string())) {
        for l in session.routes().links(&src.rel) {
            if l.target == crate::routes::Target::Asset(target.to_string()) {
                return src
                    .error_at(src.pos_of(src.body.start + l.offset), MESSAGE)
                    .value(&l.url)
                    .help(HELP);
            }
        }
    }
    Diagnostic::error(page, Pos::START, MESSAGE)
        .value(target)
        .help(HELP)
}

/// What every handed-out zip says of itself (its archive comment): a zip that says it may be
/// replaced by the next one; any other file at the target is left alone.
const ZIP_MARK: &str = "Lavet af trinvis: en families udleverede sider.";

/// The folder as one `.zip` file, written whole or not at all. Entries are in path order,
/// dated 1980-01-01 and compressed the same way every time, so the same pages give the same
/// bytes (unless sealed: every seal has fresh random salt and nonces). The zip is written
/// into a new file beside the target with a random name, made exclusively and readable by
/// its owner only (no one can have a link waiting there, or read it as it is written), and
/// renamed into place. The target may not lie in the site's content, theme or output folders,
/// and only a zip trinvis made is replaced.
fn write_zip(out: &crate::output::Output, root: &Path, target: &Path) -> Result<(), String> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    if target.extension().is_none_or(|e| e != "zip") {
        return Err(format!(
            "{} skal ende på .zip, når mappen pakkes som zip.",
            target.display()
        ));
    }
    let real = crate::config::real_path(target);
    for folder in [
        crate::config::CONTENT_DIR,
        crate::config::THEMES_DIR,
        "output",
    ] {
        if real.starts_with(crate::config::real_path(&root.join(folder))) {
            return Err(format!(
                "{} ligger i sitets {folder}/-mappe, hvor den kan ende på sitet eller i en anden udlevering. Skriv zip-filen et andet sted, fx i udlevering/.",
                target.display()
            ));
        }
    }
    match std::fs::symlink_metadata(target) {
        Err(_) => {}
        Ok(m) if m.is_dir() => {
            return Err(format!("{} er en mappe, ikke en fil.", target.display()));
        }
        Ok(m) if m.is_file() && is_our_zip(target) => {}
        Ok(_) => {
            return Err(format!(
                "{} findes og er ikke en udlevering, trinvis har lavet; den bliver ikke overskrevet. Vælg et andet navn med --output, eller flyt filen først.",
                target.display()
            ));
        }
    }
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut entries: std::collections::BTreeMap<&str, std::borrow::Cow<[u8]>> = out
        .files
        .iter()
        .map(|(p, b)| (p.as_str(), std::borrow::Cow::Borrowed(&b[..])))
        .collect();
    for (p, src) in &out.copies {
        let bytes = crate::write::copy_source(root, p, src)
            .and_then(std::fs::read)
            .map_err(|e| format!("{}: {}", src.display(), crate::diagnostics::os_error(&e)))?;
        entries.insert(p.as_str(), std::borrow::Cow::Owned(bytes));
    }
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // (zip's own words are English; what went wrong is in the file system, said below.)
    let fail = |_: &dyn std::fmt::Display| "zip-filen kunne ikke laves".to_string();
    zw.set_comment(ZIP_MARK).map_err(|e| fail(&e))?;
    for (p, bytes) in entries {
        zw.start_file(p, options).map_err(|e| fail(&e))?;
        zw.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    let bytes = zw.finish().map_err(|e| fail(&e))?.into_inner();
    let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("{}: {}", dir.display(), crate::diagnostics::os_error(&e)))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".udlevering-")
        .suffix(".zip.ny")
        .tempfile_in(&dir)
        .map_err(|e| format!("{}: {}", dir.display(), crate::diagnostics::os_error(&e)))?;
    tmp.write_all(&bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| {
            format!(
                "{}: {}",
                tmp.path().display(),
                crate::diagnostics::os_error(&e)
            )
        })?;
    // It stays readable by its owner only: it holds a family's pages.
    tmp.persist(target)
        .map(|_| ())
        .map_err(|e| format!("{}: {}", target.display(), e.error))
}

/// Whether a file is a zip trinvis made ([`ZIP_MARK`]).
fn is_our_zip(path: &Path) -> bool {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
        .is_some_and(|z| z.comment() == ZIP_MARK.as_bytes())
}

/// Replace every page of a handed-out folder by a page that asks for the passphrase and
/// opens the sealed page in the browser; each page carries its PDF and the family's own
/// files (pictures it shows) sealed too. The theme's files and the team's emblem stay
/// as they are.
fn seal(
    out: &mut crate::output::Output,
    root: &Path,
    passphrase: &str,
    emblem: Option<&str>,
    s: &crate::views::Strings,
    lang: &str,
) -> Result<(), String> {
    let sealer = crypt::Sealer::new(passphrase);
    // The family's own files: its PDFs, and what its texts link to.
    let mut own: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, bytes) in &out.files {
        if path.ends_with(".pdf") {
            own.push((path.clone(), bytes.to_vec()));
        }
    }
    for (path, src) in &out.copies {
        if Some(path.as_str()) != emblem {
            let bytes = crate::write::copy_source(root, path, src)
                .and_then(std::fs::read)
                .map_err(|e| format!("{}: {}", src.display(), crate::diagnostics::os_error(&e)))?;
            own.push((path.clone(), bytes));
        }
    }
    for (path, _) in &own {
        out.files.remove(path);
        out.copies.remove(path);
    }
    let pages: Vec<String> = out
        .files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .cloned()
        .collect();
    for page in pages {
        let Some(plain) = out.files.get(&page).cloned() else {
            continue;
        };
        // The files the page refers to (its PDF, the pictures it shows), each named as the
        // page links to it.
        let refers: std::collections::BTreeSet<String> = crate::output::guard::read(&plain)
            .refs
            .iter()
            .filter_map(|r| match crate::urls::classify(&r.url) {
                crate::urls::UrlKind::Relative { path, .. } => crate::urls::resolve(&page, &path),
                _ => None,
            })
            .collect();
        let mut files = Vec::new();
        for (path, bytes) in &own {
            if !refers.contains(path) {
                continue;
            }
            let sealed = sealer.seal(crypt::Kind::File, &page, path, bytes)?;
            let mut item = serde_json::to_value(sealed).map_err(|e| e.to_string())?;
            item["href"] = crate::urls::relative(&page, path).into();
            item["type"] = mime(path).into();
            files.push(item);
        }
        let sealed = serde_json::json!({
            "v": crypt::VERSION,
            "kdf": "PBKDF2-HMAC-SHA256",
            "iterations": crypt::ITERATIONS,
            "salt": sealer.salt(),
            "page": sealer.seal(crypt::Kind::Page, &page, &page, &plain)?,
            "files": files,
        });
        let html = unlock_page(&page, &sealed, s, lang);
        // The page's policy, and the last look every page gets.
        let html = crate::output::guard::secure(html.as_bytes())
            .map(|(page, _)| page)
            .map_err(|f| format!("{page}: {}", f.message()))?;
        out.files.insert(page, html.into());
    }
    Ok(())
}

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The page that stands in a sealed page's place: a passphrase box, and the sealed page as
/// data for `assets/unlock.js`.
fn unlock_page(
    path: &str,
    sealed: &serde_json::Value,
    s: &crate::views::Strings,
    lang: &str,
) -> String {
    let root = crate::urls::root_prefix(path);
    let t = |key: &str| {
        let mut out = String::new();
        escape(&mut out, &s.get(key));
        out
    };
    let mut l = String::new();
    escape(&mut l, lang);
    // `</` cannot end the data early.
    let data = sealed.to_string().replace("</", "<\\/");
    format!(
        "<!doctype html><html lang=\"{l}\" dir=\"{dir}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"stylesheet\" href=\"{root}assets/style.css\"><title>{title}</title><main class=\"unlock\"><h1>{title}</h1><p>{intro}</p><form id=\"unlock\" data-working=\"{working}\" data-wrong=\"{wrong}\" data-moved=\"{moved}\" hidden><label for=\"pw\">{label}</label> <input id=\"pw\" type=\"password\" autocomplete=\"current-password\" required autofocus> <button type=\"submit\">{button}</button><p id=\"msg\" role=\"alert\"></p></form><noscript><p>{noscript}</p></noscript></main><script id=\"sealed\" type=\"application/json\">{data}</script><script src=\"{root}assets/unlock.js\"></script></html>\n",
        dir = crate::views::text_direction(s.0),
        title = t("unlock_title"),
        intro = t("unlock_intro"),
        working = t("unlock_working"),
        wrong = t("unlock_wrong"),
        moved = t("unlock_moved"),
        label = t("unlock_label"),
        button = t("unlock_button"),
        noscript = t("unlock_noscript"),
    )
}
