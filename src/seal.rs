//! `trinvis udlever`: hand one family exactly its own pages — its plan in plain words, its
//! journey and its diploma, as HTML and PDF, with the theme's files — in a folder of their
//! own, with no link to the front page, the board, the handbook or any other family.

use crate::config::Paths;
use crate::diagnostics::Diagnostics;
use crate::model::Date;
use crate::output::html_rich::escape;
use crate::routes::{Format, Page};
use crate::session::{Options, Session};
use std::path::Path;

/// What went wrong: the site's findings, or a sentence.
#[derive(Debug)]
pub enum HandoutError {
    Site(Diagnostics),
    Other(String),
}

/// Draw family `slug`'s own pages and write them to `target` (atomically, as a build is
/// written). Returns the number of files written.
pub fn udlever(
    paths: &Paths,
    slug: &str,
    target: &Path,
    today: Option<Date>,
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
    let mut out = match session.handout(slug) {
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
    let strings = session.strings();
    let s = crate::views::Strings(strings);
    let mut links = String::new();
    for p in Page::handed_out(i) {
        let html = routes.path(p, Format::Html);
        if !out.files.contains_key(&html) {
            continue;
        }
        let name = match p {
            Page::FamilyView(_) => s.get("fv_link"),
            Page::Journey(_) => s.get("journey"),
            _ => s.get("diploma"),
        };
        links.push_str("<li><a href=\"");
        escape(&mut links, &html);
        links.push_str("\">");
        escape(&mut links, &name);
        links.push_str("</a>");
        let pdf = routes.path(p, Format::Pdf);
        if out.files.contains_key(&pdf) {
            links.push_str(" · <a href=\"");
            escape(&mut links, &pdf);
            links.push_str("\">PDF</a>");
        }
        links.push_str("</li>");
    }
    let mut title = String::new();
    escape(&mut title, &family.familie.data.navn);
    let mut lang = String::new();
    escape(&mut lang, &site.config.sprog);
    let mut private = String::new();
    escape(&mut private, &s.get("footer_private"));
    let index = format!(
        "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\"><link rel=\"stylesheet\" href=\"assets/style.css\"><title>{title}</title><main><h1>{title}</h1><ul class=\"handout\">{links}</ul><p class=\"meta\">{private}</p></main></html>\n"
    );
    out.files
        .insert("index.html".into(), index.into_bytes().into());
    crate::write::write(&paths.root, target, &out)
        .map_err(|e| HandoutError::Other(e.to_string()))?;
    Ok(out.files.len() + out.copies.len())
}
