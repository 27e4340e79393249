//! HTML pages: the views serialised into tera 2 templates, minified. Rich text, routes and
//! charts reach the templates already drawn as HTML (see [`htmlize`]).

use super::guard;
use super::html_rich::{self, Here};
use super::{Input, OutputKind};
use crate::charts::Chart;
use crate::diagnostics::Diagnostic;
use crate::draw::svg;
use crate::load::theme::tera_diag;
use crate::routes::{Format, Page};
use crate::views::figures::CHART_TAG;
use crate::views::figures::PageCharts;
use crate::views::rich::{Block, Span};
use crate::views::{self, BODY_TAG, ICON_TAG, RICH_TAG, ROUTE_TAG, Strings};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use tera::Context;

pub struct Html<'a> {
    input: &'a Input<'a>,
    /// The list of every chapter, as every chapter's sidebar has it: drawn and minified
    /// once, and put into each chapter's page after that page is minified.
    chapter_list: std::sync::OnceLock<Result<String, Diagnostic>>,
}

impl<'a> Html<'a> {
    pub fn new(input: &'a Input<'a>) -> Html<'a> {
        Html {
            input,
            chapter_list: std::sync::OnceLock::new(),
        }
    }

    /// The chapters' list (`chapter_list.html`), minified. Every chapter lives in the same
    /// folder, so the links are the same from each.
    fn chapter_list(&self) -> Result<&str, Diagnostic> {
        let list = self.chapter_list.get_or_init(|| {
            let s = self.strings();
            let mut sh = self.sheet(Page::Chapter(0), "", "chapter-list");
            sh.insert("chapters", &views::chapter_links(self.input.site, None, &s));
            let html = self
                .input
                .theme
                .tera
                .render("chapter_list.html", &sh.ctx)
                .map_err(|e| tera_diag(&e, self.input.theme, Some("chapter_list.html")))?;
            let list = String::from_utf8_lossy(&minify(html.as_bytes()))
                .trim()
                .to_string();
            // It goes into every chapter's page after the page's own look.
            match guard::check(&guard::read(list.as_bytes())) {
                None => Ok(list),
                Some(f) => Err(guard::diagnostic(&f, "metode/", self.input.theme)),
            }
        });
        list.as_deref().map_err(Clone::clone)
    }

    /// The shared chapters' list of a large handbook, as a script that hands the list's
    /// HTML to the theme's `assets/chapters.js`: its path and bytes. None below
    /// [`crate::routes::SHARED_LIST_FROM`] chapters.
    pub fn chapter_list_script(&self) -> Option<Result<(String, Vec<u8>), Diagnostic>> {
        let path = self.input.routes.chapter_list_script()?;
        Some(self.chapter_list().map(|list| {
            // A JSON string is a JavaScript string; `</` is broken so no `</script>` ends it.
            let text = serde_json::Value::String(list.to_string())
                .to_string()
                .replace("</", "<\\/");
            (
                path,
                format!("window.trinvisChapters={text};\n").into_bytes(),
            )
        }))
    }

    fn strings(&self) -> Strings<'a> {
        Strings(&self.input.theme.strings)
    }

    fn here(&self, page: Page) -> Here<'a> {
        Here {
            routes: self.input.routes,
            page,
            handout: self.input.handout,
        }
    }

    fn sheet(&self, page: Page, title: &str, kind: &str) -> Sheet<'a> {
        self.sheet_in(page, title, kind, &self.input.theme.strings, false)
    }

    /// A page of the family's own (its plan, its journey, its diploma), with its fixed texts in the
    /// family's language, the menu of the family's pages and none of the site's.
    fn family_sheet(
        &self,
        page: Page,
        title: &str,
        kind: &str,
        strings: &'a BTreeMap<String, String>,
    ) -> Sheet<'a> {
        let mut sh = self.sheet_in(page, title, kind, strings, true);
        if let Some(i) = page.family() {
            let s = Strings(strings);
            let pages = views::family::own_pages(i, self.input.routes, page, &s);
            sh.insert("own_pages", &pages);
            let name = &self.input.site.families[i].familie.data.navn;
            sh.insert("family", &serde_json::json!({ "name": name }));
        }
        sh
    }

    /// The texts of a family's own pages: in the family's language.
    fn family_strings(&self, i: usize) -> Strings<'a> {
        let (site, theme) = (self.input.site, self.input.theme);
        let f = &site.families[i].familie.data;
        Strings(theme.strings_in(theme.family_language(f, &site.config.sprog)))
    }

    fn sheet_in(
        &self,
        page: Page,
        title: &str,
        kind: &str,
        strings: &BTreeMap<String, String>,
        for_family: bool,
    ) -> Sheet<'a> {
        let site = self.input.site;
        let mut ctx = Context::new();
        ctx.insert("t", strings);
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
            &serde_json::json!({
                "path": path,
                "title": title,
                "kind": kind,
                "dir": views::text_direction(strings),
                "for_family": for_family,
            }),
        );
        // The language the team's own words are in, as an attribute, on a page whose fixed
        // texts are in another (the family's): their Danish sentences are marked Danish.
        let own = strings
            .get("lang_code")
            .is_some_and(|l| *l != site.config.sprog);
        ctx.insert(
            "own_lang",
            &if own {
                format!(" lang=\"{}\"", site.config.sprog)
            } else {
                String::new()
            },
        );
        // The page's PDF, where there is one (PDFs are made when the theme's fonts are).
        if self.input.pdf && self.input.routes.has_pdf(page) {
            let pdf = self.input.routes.path(page, Format::Pdf);
            ctx.insert("pdf", &crate::urls::relative(&path, &pdf));
        }
        // The handbook's pages search it.
        if matches!(page, Page::Handbook | Page::Chapter(_) | Page::Glossary) {
            let index = self.input.routes.path(Page::Handbook, Format::Js);
            ctx.insert("search_index", &crate::urls::relative(&path, &index));
        }
        // Links every page has, from the route table; none in pages handed to a family.
        if self.input.handout.is_some() {
            ctx.insert("handout", &true);
            ctx.insert("nav", &serde_json::json!({}));
            return Sheet {
                ctx,
                here: self.here(page),
                charts: PageCharts::new(self.input.metrics),
            };
        }
        let url = |to: Page| self.input.routes.url(page, to, Format::Html);
        let glossary = site.glossary.is_some().then(|| url(Page::Glossary));
        ctx.insert(
            "nav",
            &serde_json::json!({
                "front": url(Page::Front),
                "board": url(Page::Board),
                "results": url(Page::Results),
                "handbook": url(Page::Handbook),
                "glossary": glossary,
            }),
        );
        Sheet {
            ctx,
            here: self.here(page),
            charts: PageCharts::new(self.input.metrics),
        }
    }

    /// Render a page and minify it. The charts' SVG, already compact, is put in after the
    /// minifier has run: minifying it again costs more than the rest of the page.
    ///
    /// Before the charts go in, the page has its last look ([`guard`]): it gets the policy
    /// every page carries, and is refused if it refers to another origin or shows a CPR-like
    /// number. The charts, drawn by trinvis from the views (their only address is a reference
    /// to another chart on the page), are looked at for CPR-like numbers in their text.
    fn render(&self, template: &str, sheet: Sheet) -> Result<Vec<u8>, Diagnostic> {
        let Sheet { ctx, charts, here } = sheet;
        let theme = self.input.theme;
        let html = theme
            .tera
            .render(template, &ctx)
            .map_err(|e| tera_diag(&e, theme, Some(template)))?;
        // Each step's input goes as soon as the next has it: a long page (the front page of
        // thousands of families) is held as data, HTML and minified HTML at most two at once.
        drop(ctx);
        let small = minify_in_parts(&html);
        drop(html);
        let path = self.input.routes.path(here.page, Format::Html);
        let small = match guard::secure(&small) {
            Ok((page, _)) => page,
            Err(f) => return Err(guard::diagnostic(&f, &path, theme)),
        };
        if charts.list.is_empty() {
            return Ok(small);
        }
        let small = String::from_utf8_lossy(&small);
        // Each chart as it goes in (its text is the views' text, escaped).
        let mut found = None;
        let page = put_figures(&small, charts.list, |out, c, at| {
            let from = out.len();
            figure(out, c, at);
            if found.is_none()
                && let Some(r) = crate::cpr::find_cpr(&out[from..]).into_iter().next()
            {
                found = Some(out[from + r.start..from + r.end].to_string());
            }
        });
        if let Some(written) = found {
            let f = guard::Finding::Cpr {
                number: crate::cpr::mask(&written),
                place: "figur".into(),
                written,
            };
            return Err(guard::diagnostic(&f, &path, theme));
        }
        Ok(page.into_bytes())
    }
}

/// A page being put together: its template context, and the charts drawn for it, which
/// stand in the context as markers until the page is minified.
struct Sheet<'a> {
    ctx: Context,
    here: Here<'a>,
    charts: PageCharts<'a>,
}

impl Sheet<'_> {
    /// Insert a view into the context, with its rich values drawn as HTML for the page.
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        let v = self.value(value);
        self.ctx.insert_value(key, v);
    }

    /// Insert a list of views, each made (with its charts drawn into the page's) and turned
    /// into tera's value in turn: a list of thousands (the front page's families) is never
    /// held whole as views, nor as JSON.
    fn insert_each<T: Serialize, I>(
        &mut self,
        key: &'static str,
        items: impl IntoIterator<Item = I>,
        mut make: impl FnMut(I, &mut PageCharts) -> T,
    ) {
        let list: Vec<tera::Value> = items
            .into_iter()
            .map(|i| {
                let view = make(i, &mut self.charts);
                self.value(&view)
            })
            .collect();
        self.ctx.insert_value(key, list.into());
    }

    fn value<T: Serialize + ?Sized>(&self, value: &T) -> tera::Value {
        let mut v = serde_json::to_value(value).unwrap_or(Value::Null);
        htmlize(&mut v, &self.here);
        tera_value(v)
    }
}

/// A view as tera's value, taken apart as it is built, so that a large page's data (the
/// front page and the board of thousands of families) is never held twice. The same value
/// tera would make of it by serialising it.
fn tera_value(v: Value) -> tera::Value {
    match v {
        Value::Null => tera::Value::none(),
        Value::Bool(b) => b.into(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into(),
            (None, Some(i)) => i.into(),
            _ => n.as_f64().unwrap_or_default().into(),
        },
        Value::String(s) => s.into(),
        Value::Array(a) => a.into_iter().map(tera_value).collect::<Vec<_>>().into(),
        Value::Object(m) => m
            .into_iter()
            .map(|(k, v)| (k, tera_value(v)))
            .collect::<BTreeMap<String, tera::Value>>()
            .into(),
    }
}

/// Where the chapters' list goes in a chapter's page: an element no content can make (its
/// text is escaped) and the minifier leaves as it is.
const LIST_MARK: &str = "<trinvis-chapters></trinvis-chapters>";

/// The chapters' list with the link to `href` marked as the page shown (as the minifier
/// would have written it: attributes in order).
fn current(list: &str, href: &str) -> String {
    for form in [format!("<a href={href}>"), format!("<a href=\"{href}\">")] {
        if let Some(i) = list.find(&form) {
            let at = i + "<a ".len();
            return format!("{}aria-current=page {}", &list[..at], &list[at..]);
        }
    }
    list.to_string()
}

const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

fn marker(n: usize) -> String {
    format!("{MARK_OPEN}{n}{MARK_CLOSE}")
}

/// Where a template marks a part of a page that is minified on its own: a whole element
/// (a card of the board or of the front page, a chapter of the whole handbook). A page of
/// thousands of them is minified part by part, so that the minifier's tree of the page,
/// about twelve times the page's size (144 MB for the board of 10,000 families), is never
/// made whole. Parts do not nest.
const PART_OPEN: &str = "<!--part-->";
const PART_CLOSE: &str = "<!--/part-->";
const PART_MARK: (char, char) = ('\u{E002}', '\u{E003}');

/// The places of the markers `open` n `close` in `text` with n below `count`: (start, end,
/// n). Any other use of the characters is left as it is.
fn marks(text: &str, (open, close): (char, char), count: usize) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(open).map(|i| from + i) {
        let digits = i + open.len_utf8();
        from = digits;
        let Some(j) = text[digits..].find(close).map(|j| digits + j) else {
            break;
        };
        if let Some(n) = text[digits..j].parse::<usize>().ok().filter(|&n| n < count) {
            from = j + close.len_utf8();
            found.push((i, from, n));
        }
    }
    found
}

/// The page minified, its marked parts ([`PART_OPEN`]) each on its own. Whitespace beside a
/// part goes, as the minifier takes it out beside the elements of a list.
fn minify_in_parts(html: &str) -> Vec<u8> {
    let space = |c: char| c.is_ascii_whitespace();
    // A page that has the markers' characters already is minified whole.
    if html.contains([PART_MARK.0, PART_MARK.1]) {
        return minify(html.as_bytes());
    }
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut rest = html;
    let mut skeleton = String::new();
    while let Some(i) = rest.find(PART_OPEN) {
        let start = i + PART_OPEN.len();
        let Some(len) = rest[start..].find(PART_CLOSE) else {
            break;
        };
        let mut before = rest[..i].trim_end_matches(space);
        if !parts.is_empty() {
            before = before.trim_start_matches(space);
        }
        skeleton.push_str(before);
        skeleton.push(PART_MARK.0);
        skeleton.push_str(&parts.len().to_string());
        skeleton.push(PART_MARK.1);
        parts.push(minify(&rest.as_bytes()[start..start + len]));
        rest = &rest[start + len + PART_CLOSE.len()..];
    }
    if parts.is_empty() {
        return minify(html.as_bytes());
    }
    skeleton.push_str(rest.trim_start_matches(space));
    let small = minify(skeleton.as_bytes());
    drop(skeleton);
    let small = String::from_utf8_lossy(&small);
    let found = marks(&small, PART_MARK, parts.len());
    let len = small.len() - found.iter().map(|&(i, j, _)| j - i).sum::<usize>()
        + found.iter().map(|&(_, _, n)| parts[n].len()).sum::<usize>();
    let mut out = Vec::with_capacity(len);
    let mut at = 0;
    for (i, j, n) in found {
        out.extend_from_slice(small[at..i].as_bytes());
        out.extend_from_slice(&parts[n]);
        at = j;
    }
    out.extend_from_slice(small[at..].as_bytes());
    out
}

/// Where a chart is shown: its number on the page, and how many times it was shown before
/// on the page (0 the first time) and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    n: usize,
    before: usize,
    after: usize,
}

/// Draw each chart whose marker stands in `html` there (a template may leave a chart out:
/// the diploma shows no trin line). A chart shown more than once (the same trin on many of
/// the front page's cards) is drawn in full at its first place and by reference at the
/// others. The page is made at its full length once: the front page of thousands of cards
/// is megabytes.
fn put_figures<C>(
    html: &str,
    charts: Vec<C>,
    mut draw: impl FnMut(&mut String, &C, Place),
) -> String {
    let marks = marks(html, (MARK_OPEN, MARK_CLOSE), charts.len());
    let mut uses = vec![0; charts.len()];
    for &(_, _, n) in &marks {
        uses[n] += 1;
    }
    let mut shown = vec![0; charts.len()];
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for &(i, j, n) in &marks {
        out.push_str(&html[at..i]);
        let before = shown[n];
        shown[n] += 1;
        let after = uses[n] - shown[n];
        draw(&mut out, &charts[n], Place { n, before, after });
        at = j;
    }
    out.push_str(&html[at..]);
    out
}

impl OutputKind for Html<'_> {
    fn format(&self) -> Format {
        Format::Html
    }

    fn draws(&self, _: Page) -> bool {
        true
    }

    fn page(&self, page: Page) -> Result<Vec<u8>, Diagnostic> {
        let s = self.strings();
        let (site, routes) = (self.input.site, self.input.routes);
        let family = |i: usize, title: String, kind: &str| {
            let mut sh = self.sheet(page, &title, kind);
            // The staff's pages of a family (never handed out: `Page::handout`).
            let v = views::family_head(site, i, routes, &s, &mut sh.charts);
            sh.insert("family", &v);
            let theme = self.input.theme;
            let l = views::family::language_view(&site.families[i], theme, &site.config.sprog);
            sh.insert("language", &l);
            sh
        };
        let name = |i: usize| site.families[i].familie.data.navn.clone();
        match page {
            Page::Front => {
                let mut sh = self.sheet(page, &site.config.titel, "front");
                let today = self.input.today;
                sh.insert_each("families", views::front_order(site), |i, charts| {
                    views::front_card(site, i, routes, &s, charts, today)
                });
                sh.insert("staff", &views::front_staff(site));
                sh.insert("trins", &views::trin_names(&s));
                sh.insert("chapters", &views::chapter_links(site, None, &s));
                sh.insert("handbook_url", &views::Route(Page::Handbook));
                self.render("index.html", sh)
            }
            Page::Plan(i) => {
                let mut sh = family(i, name(i), "plan");
                let f = &site.families[i];
                let v = views::plan_view(f, site, routes, &s, &mut sh.charts, self.input.today);
                sh.insert("plan", &v);
                self.render("family.html", sh)
            }
            Page::FamilyView(i) => {
                let f = &site.families[i];
                let s = self.family_strings(i);
                let title = s.fill("fv_title_of", &[("name", &f.familie.data.navn)]);
                let mut sh = self.family_sheet(page, &title, "family", s.0);
                let v = views::family::family_view(f, &s, &mut sh.charts);
                sh.insert("fv", &v);
                self.render("family_view.html", sh)
            }
            Page::FamilyJourney(i) => {
                let f = &site.families[i];
                let s = self.family_strings(i);
                let title = s.fill("fj_title_of", &[("name", &f.familie.data.navn)]);
                let mut sh = self.family_sheet(page, &title, "family-journey", s.0);
                if let Some(r) = &f.rejse {
                    let v = views::journey_view(f, &r.data.for_family(), &s, &mut sh.charts);
                    sh.insert("journey", &v);
                }
                self.render("family_journey.html", sh)
            }
            Page::Journey(i) => {
                let mut sh = family(i, format!("{} – {}", s.get("journey"), name(i)), "journey");
                let f = &site.families[i];
                if let Some(r) = &f.rejse {
                    let v = views::journey_view(f, &r.data, &s, &mut sh.charts);
                    sh.insert("journey", &v);
                }
                self.render("journey.html", sh)
            }
            Page::Diploma(i) => {
                let f = &site.families[i];
                let s = self.family_strings(i);
                let title = format!("{} – {}", s.get("diploma"), name(i));
                let mut sh = self.family_sheet(page, &title, "diploma", s.0);
                if let Some(d) = &f.diplom {
                    sh.insert("diploma", &views::diploma_view(site, f, d, routes, &s));
                }
                self.render("diploma.html", sh)
            }
            Page::Handbook => {
                let mut sh = self.sheet(page, &s.get("handbook"), "handbook");
                sh.insert("chapters", &views::chapter_links(site, None, &s));
                sh.insert("parts", &views::chapter_parts(site, &s));
                sh.insert("path", &views::reading_path(site, &s));
                sh.insert("print_all_url", &views::Route(Page::HandbookAll));
                if self.input.pdf {
                    let pdf = routes.path(Page::HandbookAll, Format::Pdf);
                    let here = routes.path(page, Format::Html);
                    sh.ctx
                        .insert("handbook_pdf", &crate::urls::relative(&here, &pdf));
                }
                self.render("handbook.html", sh)
            }
            Page::HandbookAll => {
                let mut sh = self.sheet(page, &s.get("handbook_all"), "handbook-all");
                sh.insert("chapters", &views::all_chapters(site, routes, &s));
                self.render("handbook_all.html", sh)
            }
            Page::Board => {
                let mut sh = self.sheet(page, &s.get("board"), "board");
                sh.insert(
                    "board",
                    &views::board::board_view(site, self.input.today, &s),
                );
                self.render("board.html", sh)
            }
            Page::Results => {
                let mut sh = self.sheet(page, &s.get("results"), "results");
                sh.insert(
                    "results",
                    &views::results::results_view(site, self.input.today, &s),
                );
                self.render("results.html", sh)
            }
            Page::Glossary => {
                let mut sh = self.sheet(page, &s.get("glossary"), "glossary");
                sh.insert("glossary", &views::glossary_page(site, routes, &s));
                self.render("glossary.html", sh)
            }
            Page::Chapter(i) => {
                let chapter = views::chapter_view(site, i, routes, &s);
                let mut sh = self.sheet(page, &chapter.title, "chapter");
                sh.insert("chapter", &chapter);
                // How the chapter's own link reads in the list (every chapter lives in the
                // same folder).
                let here = routes.url(Page::Chapter(0), page, Format::Html);
                if let Some(script) = routes.chapter_list_script() {
                    // A large handbook: the list is one shared script; the page names itself
                    // for it, and links to the index without scripts.
                    let path = routes.path(page, Format::Html);
                    sh.ctx.insert(
                        "chapter_list_script",
                        &crate::urls::relative(&path, &script),
                    );
                    sh.ctx.insert("chapter_here", &here);
                    return self.render("chapter.html", sh);
                }
                sh.ctx.insert("chapter_list", LIST_MARK);
                let page_html = self.render("chapter.html", sh)?;
                // The list goes in where its mark is, with this chapter marked as the one shown.
                let list = current(self.chapter_list()?, &here);
                let page_html = String::from_utf8_lossy(&page_html).replacen(LIST_MARK, &list, 1);
                Ok(page_html.into_bytes())
            }
        }
    }
}

/// Replace every tagged rich value in a serialised view by its HTML: `{"$rich": spans}` and
/// `{"$body": blocks}` by the markup, `{"$route": page}` by a URL relative to the page.
/// A chart reference `{"$chart": n}` becomes a marker where the page's chart n goes.
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
                CHART_TAG => match inner.as_u64() {
                    Some(n) => html = marker(n as usize),
                    None => return,
                },
                ICON_TAG => match serde_json::from_value::<crate::model::Area>(inner.take()) {
                    Ok(a) => {
                        let scene = crate::charts::icons::area_icon(a, a.code());
                        svg::write_decorative(&mut html, &scene, "icon");
                    }
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

/// A chart: the picture inline, and its numbers in a table that opens on request. The ids
/// are the chart's number on the page, and the time it is shown after the first.
fn figure(out: &mut String, c: &Chart, at: Place) {
    use crate::draw::escape;
    let first = format!("chart-{}", at.n + 1);
    let id = match at.before {
        0 => first.clone(),
        k => format!("{first}-{}", k + 1),
    };
    out.push_str("<figure class=\"chart-figure\">");
    // Wide for screens and paper, narrow for phones (style.css shows one of them).
    for (scene, size, class) in [
        (&c.wide, "b", "chart-wide"),
        (&c.narrow, "s", "chart-narrow"),
    ] {
        let drawn_at = format!("{first}-{size}");
        let picture = match (at.before, at.after) {
            (0, 0) => svg::Picture::Drawn,
            (0, _) => svg::Picture::Shared,
            _ => svg::Picture::From(&drawn_at),
        };
        svg::write(out, scene, &format!("{id}-{size}"), class, picture);
    }
    if !c.table.rows.is_empty() {
        // The control and the table are named after the chart: a page with thirteen charts
        // has thirteen different "show the numbers", and a region a keyboard can scroll.
        let title = c.wide.title.trim();
        out.push_str("<details class=\"chart-data\"><summary>");
        escape(out, &c.table.summary);
        if !title.is_empty() {
            out.push_str("<span class=\"visually-hidden\"> – ");
            escape(out, title);
            out.push_str("</span>");
        }
        // The region is named as its control is ("Vis tallene bag billedet – Netværkskort"),
        // not as the section around it, which the chart's title often names too.
        out.push_str(
            "</summary><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"",
        );
        escape(out, &c.table.summary);
        if !title.is_empty() {
            out.push_str(" – ");
            escape(out, title);
        }
        out.push_str("\"><table>");
        if !title.is_empty() {
            out.push_str("<caption class=\"visually-hidden\">");
            escape(out, title);
            out.push_str("</caption>");
        }
        out.push_str("<thead><tr>");
        for h in &c.table.head {
            // A column with no name of its own gets an empty cell over it, not a header
            // that says nothing to a screen reader.
            if h.trim().is_empty() {
                out.push_str("<td></td>");
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_minified_alone_into_the_same_page() {
        let whole = |html: &str| String::from_utf8(minify(html.as_bytes())).unwrap();
        let parts = |html: &str| String::from_utf8(minify_in_parts(html)).unwrap();
        let page = "<!doctype html><html><head><title>T</title></head><body>\n<h3>Trin 1</h3>\n\
                    <!--part--><article class=\"card\" id=\"a\">\n<p>  Anna   og Bo </p>\n</article><!--/part-->\n\
                    <!--part--><article class=\"card\" id=\"b\"><pre> 2  3 </pre></article><!--/part-->\n\
                    <p>Slut</p></body></html>";
        let got = parts(page);
        assert_eq!(
            got,
            whole(&page.replace("<!--part-->", "").replace("<!--/part-->", ""))
                .replace("</h3> <article", "</h3><article")
        );
        assert!(
            got.contains("<p>Anna og Bo</p></article><article class=card id=b><pre> 2  3 </pre>"),
            "{got}"
        );
        // A part never closed, and a page with the markers' own characters: minified whole.
        let open = "<p>x</p><!--part--><p>y</p>";
        assert_eq!(parts(open), whole(open));
        let odd = "<p>\u{E002}0\u{E003}</p><!--part--><p>z</p><!--/part-->";
        assert_eq!(parts(odd), whole(odd));
    }

    #[test]
    fn figures_go_in_at_their_markers() {
        let figs = ["a", "b", "c"];
        let draw = |out: &mut String, f: &&str, at: Place| {
            out.push_str(&format!("<svg>{f}{}{}</svg>", at.before, at.after))
        };
        let html = format!("<p>x</p>{}<p>y</p>{}", marker(1), marker(0));
        assert_eq!(
            put_figures(&html, figs.to_vec(), draw),
            "<p>x</p><svg>b00</svg><p>y</p><svg>a00</svg>",
            "in their places; chart 2, which the template left out, is not drawn"
        );
        let thrice = format!("{}<p>y</p>{}{}", marker(2), marker(2), marker(2));
        assert_eq!(
            put_figures(&thrice, figs.to_vec(), draw),
            "<svg>c02</svg><p>y</p><svg>c11</svg><svg>c20</svg>",
            "a chart shown three times knows its place among them"
        );
        let stray = format!("{MARK_OPEN}x{}", marker(7));
        assert_eq!(
            put_figures(&stray, figs.to_vec(), draw),
            stray,
            "a stray marker stays as it is"
        );
    }
}
