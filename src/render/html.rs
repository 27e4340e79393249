//! HTML pages: tera 2 rendering of the views, and minification.

use super::theme::Theme;
use super::views::*;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::model::Site;
use crate::urls;
use tera::{Context, Tera};

pub struct Renderer<'a> {
    tera: Tera,
    theme: &'a Theme,
    site: &'a Site,
}

fn tera_diag(e: &tera::Error, theme: &Theme) -> Diagnostic {
    let origin = |name: &str| {
        theme
            .templates
            .get(name)
            .map(|f| f.origin.clone())
            .unwrap_or_else(|| format!("templates/{name}"))
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            Diagnostic::error(origin(r.filename()), Pos { line: span.start_line.max(1), col: span.start_col + 1 }, format!("fejl i skabelonen: {}", r.message()))
                .help("Ret skabelonen i temaet (tera 2-syntaks), eller slet din egen udgave for at bruge standardtemaets.")
        }
        _ => {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                src = s.source();
            }
            Diagnostic::error(
                "themes",
                Pos::START,
                format!("fejl i temaets skabeloner: {msg}"),
            )
        }
    }
}

impl<'a> Renderer<'a> {
    pub fn new(theme: &'a Theme, site: &'a Site) -> Result<Renderer<'a>, Diagnostics> {
        let mut tera = Tera::default();
        let mut templates = Vec::new();
        let mut diags = Diagnostics::new();
        for (name, f) in &theme.templates {
            match std::str::from_utf8(&f.bytes) {
                Ok(t) => templates.push((name.clone(), t.to_string())),
                Err(_) => diags.push(Diagnostic::error(
                    &f.origin,
                    Pos::START,
                    "skabelonen er ikke gemt som UTF-8",
                )),
            }
        }
        if let Err(e) = tera.add_raw_templates(templates) {
            diags.push(tera_diag(&e, theme));
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Renderer { tera, theme, site })
    }

    fn strings(&self) -> Strings<'a> {
        Strings(&self.theme.strings)
    }

    fn base_context(&self, page: &str, title: &str, kind: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("t", &self.theme.strings);
        ctx.insert(
            "site",
            &serde_json::json!({
                "title": self.site.config.titel,
                "team": self.site.config.team,
                "lang": self.site.config.sprog,
            }),
        );
        ctx.insert("root", &urls::root_prefix(page));
        ctx.insert(
            "page",
            &serde_json::json!({ "path": page, "title": title, "kind": kind }),
        );
        ctx
    }

    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let html = self
            .tera
            .render(template, ctx)
            .map_err(|e| tera_diag(&e, self.theme))?;
        Ok(minify(html.as_bytes()))
    }

    /// All HTML pages: (output path, bytes).
    pub fn pages(&self) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
        let s = self.strings();
        let site = self.site;
        let mut out = Vec::new();
        let mut diags = Diagnostics::new();
        let mut emit = |path: String, r: Result<Vec<u8>, Diagnostic>| match r {
            Ok(b) => out.push((path, b)),
            Err(d) => diags.push(d),
        };

        // Front page.
        let page = "index.html";
        let mut ctx = self.base_context(page, &site.config.titel, "front");
        let fams: Vec<FamilySummary> = site.families.iter().map(|f| summary(f, page, &s)).collect();
        ctx.insert("families", &fams);
        ctx.insert("chapters", &chapter_links(site, page, &s));
        ctx.insert("handbook_url", "metode/index.html");
        emit(page.to_string(), self.render("index.html", &ctx));

        for f in &site.families {
            let (plan, journey, diploma) = family_pages(f);
            let name = &f.familie.data.navn;
            let mut ctx = self.base_context(&plan, name, "plan");
            ctx.insert("family", &summary(f, &plan, &s));
            ctx.insert("plan", &plan_view(f, site, &plan, &s));
            emit(plan.clone(), self.render("family.html", &ctx));
            if let (Some(page), Some(r)) = (journey, &f.rejse) {
                let mut ctx = self.base_context(
                    &page,
                    &format!("{} – {}", s.get("journey"), name),
                    "journey",
                );
                ctx.insert("family", &summary(f, &page, &s));
                ctx.insert("journey", &journey_view(f, &r.data, &s));
                emit(page, self.render("journey.html", &ctx));
            }
            if let (Some(page), Some(d)) = (diploma, &f.diplom) {
                let mut ctx = self.base_context(
                    &page,
                    &format!("{} – {}", s.get("diploma"), name),
                    "diploma",
                );
                ctx.insert("family", &summary(f, &page, &s));
                ctx.insert("diploma", &diploma_view(f, d, &page, &s));
                emit(page, self.render("diploma.html", &ctx));
            }
        }

        let page = "metode/index.html";
        let mut ctx = self.base_context(page, &s.get("handbook"), "handbook");
        ctx.insert("chapters", &chapter_links(site, page, &s));
        ctx.insert("print_all_url", "alle.html");
        emit(page.to_string(), self.render("handbook.html", &ctx));
        let page = "metode/alle.html";
        let mut ctx = self.base_context(page, &s.get("handbook_all"), "handbook-all");
        ctx.insert("chapters", &all_chapters(site, page, &s));
        emit(page.to_string(), self.render("handbook_all.html", &ctx));
        for (i, c) in site.chapters.iter().enumerate() {
            let page = chapter_page(c);
            let (chapter, all) = chapter_view(site, i, &page, &s);
            let mut ctx = self.base_context(&page, &chapter.title, "chapter");
            ctx.insert("chapters", &all);
            ctx.insert("chapter", &chapter);
            emit(page, self.render("chapter.html", &ctx));
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(out)
        }
    }
}

/// Minify HTML and inline CSS; scripts are left as written.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    minify_html::minify(html, &cfg)
}
