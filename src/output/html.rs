//! HTML pages: the views serialised into tera 2 templates, minified. Rich text, routes and
//! charts reach the templates already drawn as HTML (see [`htmlize`]).

use super::html_rich::{self, Here};
use super::{Input, OutputKind};
use crate::charts::{Chart, svg};
use crate::diagnostics::Diagnostic;
use crate::load::theme::tera_diag;
use crate::routes::{Format, Page};
use crate::views::charts::CHART_TAG;
use crate::views::rich::{Block, Span};
use crate::views::{self, BODY_TAG, RICH_TAG, ROUTE_TAG, Strings};
use serde::Serialize;
use serde_json::Value;
use tera::Context;

pub struct Html<'a> {
    input: &'a Input<'a>,
}

impl<'a> Html<'a> {
    pub fn new(input: &'a Input<'a>) -> Html<'a> {
        Html { input }
    }

    fn strings(&self) -> Strings<'a> {
        Strings(&self.input.theme.strings)
    }

    fn here(&self, page: Page) -> Here<'a> {
        Here {
            routes: self.input.routes,
            page,
        }
    }

    fn base_context(&self, page: Page, title: &str, kind: &str) -> Context {
        let site = self.input.site;
        let mut ctx = Context::new();
        ctx.insert("t", &self.input.theme.strings);
        ctx.insert(
            "site",
            &serde_json::json!({
                "title": site.config.titel,
                "team": site.config.team,
                "lang": site.config.sprog,
            }),
        );
        let path = self.input.routes.path(page, Format::Html);
        ctx.insert("root", &crate::urls::root_prefix(&path));
        ctx.insert(
            "page",
            &serde_json::json!({ "path": path, "title": title, "kind": kind }),
        );
        ctx
    }

    /// Insert a view into the context, with its rich values drawn as HTML for `page`.
    fn insert<T: Serialize + ?Sized>(
        &self,
        ctx: &mut Context,
        key: &'static str,
        value: &T,
        page: Page,
    ) {
        let mut v = serde_json::to_value(value).unwrap_or(Value::Null);
        htmlize(&mut v, &self.here(page));
        ctx.insert(key, &v);
    }

    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let html = self
            .input
            .theme
            .tera
            .render(template, ctx)
            .map_err(|e| tera_diag(&e, self.input.theme))?;
        Ok(minify(html.as_bytes()))
    }
}

impl OutputKind for Html<'_> {
    fn format(&self) -> Format {
        Format::Html
    }

    fn page(&self, page: Page) -> Result<Vec<u8>, Diagnostic> {
        let s = self.strings();
        let (site, routes, m) = (self.input.site, self.input.routes, self.input.metrics);
        let family = |i: usize, title: String, kind: &str| {
            let mut ctx = self.base_context(page, &title, kind);
            self.insert(
                &mut ctx,
                "family",
                &views::summary(site, i, routes, &s, m, "trin"),
                page,
            );
            ctx
        };
        let name = |i: usize| site.families[i].familie.data.navn.clone();
        match page {
            Page::Front => {
                let mut ctx = self.base_context(page, &site.config.titel, "front");
                let fams: Vec<_> = (0..site.families.len())
                    .map(|i| views::summary(site, i, routes, &s, m, &format!("trin-{i}")))
                    .collect();
                self.insert(&mut ctx, "families", &fams, page);
                self.insert(
                    &mut ctx,
                    "chapters",
                    &views::chapter_links(site, None, &s),
                    page,
                );
                self.insert(
                    &mut ctx,
                    "handbook_url",
                    &views::Route(Page::Handbook),
                    page,
                );
                self.render("index.html", &ctx)
            }
            Page::Plan(i) => {
                let mut ctx = family(i, name(i), "plan");
                let f = &site.families[i];
                self.insert(
                    &mut ctx,
                    "plan",
                    &views::plan_view(f, site, routes, &s, m),
                    page,
                );
                self.render("family.html", &ctx)
            }
            Page::Journey(i) => {
                let mut ctx = family(i, format!("{} – {}", s.get("journey"), name(i)), "journey");
                let f = &site.families[i];
                if let Some(r) = &f.rejse {
                    self.insert(
                        &mut ctx,
                        "journey",
                        &views::journey_view(f, &r.data, &s, m),
                        page,
                    );
                }
                self.render("journey.html", &ctx)
            }
            Page::Diploma(i) => {
                let mut ctx = family(i, format!("{} – {}", s.get("diploma"), name(i)), "diploma");
                let f = &site.families[i];
                if let Some(d) = &f.diplom {
                    self.insert(
                        &mut ctx,
                        "diploma",
                        &views::diploma_view(f, d, routes, &s),
                        page,
                    );
                }
                self.render("diploma.html", &ctx)
            }
            Page::Handbook => {
                let mut ctx = self.base_context(page, &s.get("handbook"), "handbook");
                self.insert(
                    &mut ctx,
                    "chapters",
                    &views::chapter_links(site, None, &s),
                    page,
                );
                self.insert(
                    &mut ctx,
                    "print_all_url",
                    &views::Route(Page::HandbookAll),
                    page,
                );
                self.render("handbook.html", &ctx)
            }
            Page::HandbookAll => {
                let mut ctx = self.base_context(page, &s.get("handbook_all"), "handbook-all");
                self.insert(
                    &mut ctx,
                    "chapters",
                    &views::all_chapters(site, routes, &s),
                    page,
                );
                self.render("handbook_all.html", &ctx)
            }
            Page::Chapter(i) => {
                let (chapter, all) = views::chapter_view(site, i, routes, &s);
                let mut ctx = self.base_context(page, &chapter.title, "chapter");
                self.insert(&mut ctx, "chapters", &all, page);
                self.insert(&mut ctx, "chapter", &chapter, page);
                self.render("chapter.html", &ctx)
            }
        }
    }
}

/// Replace every tagged rich value in a serialised view by its HTML: `{"$rich": spans}` and
/// `{"$body": blocks}` by the markup, `{"$route": page}` by a URL relative to the page.
pub fn htmlize(v: &mut Value, here: &Here) {
    match v {
        Value::Object(m) if m.len() == 1 => {
            let Some((k, inner)) = m.iter_mut().next() else {
                return;
            };
            let mut html = String::new();
            match k.as_str() {
                RICH_TAG => {
                    let spans: Vec<Span> = serde_json::from_value(inner.take()).unwrap_or_default();
                    html_rich::spans(&mut html, &spans, here);
                }
                BODY_TAG => {
                    let blocks: Vec<Block> =
                        serde_json::from_value(inner.take()).unwrap_or_default();
                    html_rich::blocks(&mut html, &blocks, here);
                }
                CHART_TAG => match serde_json::from_value::<Chart>(inner.take()) {
                    Ok(c) => figure(&mut html, &c),
                    Err(_) => return,
                },
                ROUTE_TAG => match serde_json::from_value::<Page>(inner.take()) {
                    Ok(p) => html = here.routes.url(here.page, p, Format::Html),
                    Err(_) => return,
                },
                _ => return htmlize(inner, here),
            }
            *v = Value::String(html);
        }
        Value::Object(m) => m.values_mut().for_each(|x| htmlize(x, here)),
        Value::Array(a) => a.iter_mut().for_each(|x| htmlize(x, here)),
        _ => {}
    }
}

/// A chart: the picture inline, and its numbers in a table that opens on request.
fn figure(out: &mut String, c: &Chart) {
    use html_rich::escape;
    out.push_str("<figure class=\"chart-figure\">");
    // Wide for screens and paper, narrow for phones (style.css shows one of them).
    out.push_str(&svg::write(&c.wide, &format!("{}-b", c.id), "chart-wide"));
    out.push_str(&svg::write(
        &c.narrow,
        &format!("{}-s", c.id),
        "chart-narrow",
    ));
    if !c.table.rows.is_empty() {
        out.push_str("<details class=\"chart-data\"><summary>");
        escape(out, &c.table.summary);
        out.push_str("</summary><div class=\"scroll\"><table><thead><tr>");
        for h in &c.table.head {
            out.push_str("<th scope=\"col\">");
            escape(out, h);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for r in &c.table.rows {
            out.push_str("<tr>");
            for v in r {
                out.push_str("<td>");
                escape(out, v);
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div></details>");
    }
    out.push_str("</figure>");
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
