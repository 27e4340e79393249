//! PDF pages, written natively with printpdf's drawing operations (no HTML layout, no
//! browser): a small layout layer of our own ([`text`]) measures with the same TrueType faces
//! that are embedded, charts come from the scene model through [`crate::draw::pdf`], and
//! [`doc`] finishes each file (deterministic bytes, language, outline, subset fonts).

pub mod board;
mod compact;
pub mod diploma;
pub mod doc;
pub mod family;
mod flow;
pub mod handbook;
pub mod image;
pub mod journey;
mod measures;
mod results;
mod subset;
pub mod tag;
pub mod text;

use super::{Input, OutputKind};
use crate::diagnostics::{Diagnostic, Pos};
use crate::load::theme::Theme;
use crate::model::Family;
use crate::routes::{Format, Page};
use crate::views::figures::PageCharts;
use crate::views::{self, Strings};
use doc::{Fonts, Meta};

/// Every string in a view as it serialises (its texts; keys are names, not text).
fn strings(v: &serde_json::Value, f: &mut dyn FnMut(&str)) {
    match v {
        serde_json::Value::String(t) => f(t),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, f)),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings(x, f)),
        _ => {}
    }
}

/// A view as JSON, whatever its type.
mod erased {
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

/// The theme's faces for PDFs, when it has them.
pub fn fonts(theme: &Theme) -> Option<Fonts> {
    Fonts::new(theme.metrics.clone()?)
}

pub struct Pdf<'a> {
    input: &'a Input<'a>,
    fonts: Fonts,
    emblem: Option<image::Image>,
}

impl<'a> Pdf<'a> {
    /// The PDF writer, or none when the theme has no fonts to set PDFs in (then a build
    /// makes no PDFs; charts are off the same way).
    pub fn new(input: &'a Input<'a>) -> Result<Option<Pdf<'a>>, Diagnostic> {
        let Some(fonts) = fonts(input.theme).filter(|_| input.metrics.is_some()) else {
            return Ok(None);
        };
        // Only diplomas show the emblem.
        let diplomas = input.site.families.iter().any(|f| f.diplom.is_some());
        let emblem = match (&input.site.emblem, &input.site.config.emblem) {
            (Some(bytes), Some(name)) if diplomas && crate::urls::extension(name) == "png" => {
                Some(image::Image::from_png("Emblem", bytes).map_err(|e| {
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        Pos::START,
                        format!("emblemet kan ikke læses som PNG: {e}"),
                    )
                    .value(name)
                    .help("Gem billedet igen som PNG, fx med et billedprogram.")
                })?)
            }
            _ => None,
        };
        Ok(Some(Pdf {
            input,
            fonts,
            emblem,
        }))
    }

    /// The texts of a family's own PDFs (its plan, its journey, its diploma): in the family's language
    /// where the fonts can set it (then the language), else the site's.
    fn family_strings(&self, f: &'a Family) -> (Strings<'a>, Option<&'a str>) {
        let (site, theme) = (self.input.site, self.input.theme);
        let lang = theme.family_language(&f.familie.data, &site.config.sprog);
        if theme.pdf_sets(lang) {
            (Strings(theme.strings_in(lang)), Some(lang))
        } else {
            (Strings(&theme.strings), None)
        }
    }

    /// The charts of a family's measures, in the order its measures' PDF prints them.
    fn measures(&self, f: &Family, s: &Strings) -> Vec<crate::charts::Chart> {
        let mut cs = PageCharts::new(Some(&self.fonts.metrics));
        let refs = views::measure_charts(f, s, &mut cs, self.input.today).all();
        refs.into_iter()
            .filter_map(|r| cs.list.get(r.0).cloned())
            .collect()
    }

    /// The family's own plan as its PDF sets it.
    fn family_view(
        &self,
        i: usize,
    ) -> (
        Strings<'a>,
        Option<&'a str>,
        views::family::FamilyView,
        PageCharts<'_>,
    ) {
        let f = &self.input.site.families[i];
        let (s, lang) = self.family_strings(f);
        let mut charts = PageCharts::new(Some(&self.fonts.metrics));
        let v = views::family::family_view(f, &s, &mut charts);
        (s, lang, v, charts)
    }

    /// A journey as its PDF draws it: the staff's, in the site's language; or the family's
    /// own (what is not only for the staff), in the family's.
    fn journey_of<'j>(
        &self,
        page: Page,
        f: &'a Family,
        j: &'j crate::model::JourneyFile,
    ) -> (
        Strings<'a>,
        Option<&'a str>,
        std::borrow::Cow<'j, crate::model::JourneyFile>,
    ) {
        match page {
            Page::FamilyJourney(_) => {
                let (s, lang) = self.family_strings(f);
                (s, lang, std::borrow::Cow::Owned(j.for_family()))
            }
            _ => (
                Strings(&self.input.theme.strings),
                None,
                std::borrow::Cow::Borrowed(j),
            ),
        }
    }

    /// The journey as its PDF sets it.
    fn journey_view(
        &self,
        f: &Family,
        j: &crate::model::JourneyFile,
        s: &Strings,
    ) -> (views::JourneyView, PageCharts<'_>) {
        let mut charts = PageCharts::new(Some(&self.fonts.metrics));
        let v = views::journey_view(f, j, s, &mut charts);
        (v, charts)
    }

    /// Every letter a family's page sets should be one a font of the chain has. The texts are
    /// taken from the page as it is drawn (its view and its charts), not from a list of
    /// fields, so no field can be forgotten; a letter no font has is a warning where the
    /// family's files write it (each value, or each place in a Markdown text), else at the
    /// page. The PDF is made all the same: the letter is an empty box, the rest is there.
    fn letters(&self, f: &Family, page: &str, drawn: &[serde_json::Value]) -> Vec<Diagnostic> {
        let m = &self.fonts.metrics;
        let mut missing: Vec<char> = Vec::new();
        for v in drawn {
            strings(v, &mut |t| {
                for c in t.chars() {
                    if !m.has(c) && !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            });
        }
        if missing.is_empty() {
            return Vec::new();
        }
        const WHAT: &str = "familiens PDF'er";
        let mut out = Vec::new();
        let mut found: Vec<char> = Vec::new();
        let sources = [
            Some(&f.familie.source),
            Some(&f.plan.source),
            f.rejse.as_ref().map(|r| &r.source),
            f.diplom.as_ref().map(|d| &d.source),
        ];
        for src in sources.into_iter().flatten() {
            for (pos, value) in src.walk().scalars {
                let here: Vec<char> = missing
                    .iter()
                    .copied()
                    .filter(|c| value.contains(*c))
                    .collect();
                if !here.is_empty() {
                    found.extend(&here);
                    out.push(crate::validate::missing_glyphs(src, pos, &here, WHAT));
                }
            }
            let start = src.body.start;
            let mut seen = Vec::new();
            for (at, c) in src.body_text().char_indices() {
                if missing.contains(&c) && !seen.contains(&c) {
                    seen.push(c);
                    found.push(c);
                    out.push(crate::validate::missing_glyphs(
                        src,
                        src.pos_of(start + at),
                        &[c],
                        WHAT,
                    ));
                }
            }
        }
        let rest: Vec<char> = missing.into_iter().filter(|c| !found.contains(c)).collect();
        if !rest.is_empty() {
            let shown: Vec<String> = rest
                .iter()
                .map(|c| format!("{c} (U+{:04X})", *c as u32))
                .collect();
            out.push(
                Diagnostic::warning(page, Pos::START, crate::validate::MISSING_GLYPHS.replace("{pdf}", WHAT))
                    .value(shown.join(", "))
                    .help("Tegnet kommer fra temaets tekster: ret dem, eller brug et almindeligt bogstav eller tegn."),
            );
        }
        out
    }

    fn meta(&self, title: String, date: Option<crate::model::Date>) -> Meta {
        let c = &self.input.site.config;
        Meta {
            title,
            author: c.team.clone().unwrap_or_else(|| c.titel.clone()),
            subject: c.titel.clone(),
            lang: c.sprog.clone(),
            date,
        }
    }
}

impl Pdf<'_> {
    /// How a family's diploma fits its page, and how many more lines it has room for
    /// ([`diploma::room`]); None when the family has no diploma.
    pub fn diploma_room(&self, family: usize) -> Option<(diploma::Fit, usize)> {
        let site = self.input.site;
        let fam = site.families.get(family)?;
        let dip = fam.diplom.as_ref()?;
        let (s, _) = self.family_strings(fam);
        let view = views::diploma_view(site, fam, dip, self.input.routes, &s);
        Some(diploma::room(
            &view,
            &fam.familie.data.navn,
            &s,
            &self.fonts.metrics,
        ))
    }

    /// A family's plan that takes more than two pages: a warning at its longest part.
    fn too_long(&self, f: &Family, pages: usize, part: family::Part, of: f32) -> Diagnostic {
        let danish = Strings(&self.input.theme.strings);
        let names: Vec<String> = part
            .headings()
            .iter()
            .map(|k| format!("«{}»", danish.get(k)))
            .collect();
        let name = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} og {last}", rest.join(", ")),
            _ => names.concat(),
        };
        let (in_plan, key) = part.source();
        let src = if in_plan {
            &f.plan.source
        } else {
            &f.familie.source
        };
        src.warning_at(
            src.key_at(key),
            format!("familiens plan (vores-plan.pdf) fylder {pages} sider, ikke én eller to"),
        )
        .value(format!(
            "det længste er {name}, som fylder ca. {} sider",
            format!("{of:.1}").replace('.', ",")
        ))
        .help(format!(
            "Det er i orden: planen fortsætter på de næste sider med samme skrift. Skal den kunne hænge på køleskabet, så gør den del kortere: {}.",
            part.shorten()
        ))
    }
}

impl OutputKind for Pdf<'_> {
    fn format(&self) -> Format {
        Format::Pdf
    }

    /// What laying a page out as its PDF finds: in a family's plan, letters the font lacks
    /// and more than two pages; in a diploma, that it fits only with smaller type or not at
    /// all; in a chapter, tables too wide for the handbook's PDF.
    fn findings(&self, page: Page) -> Vec<Diagnostic> {
        // A chapter is printed in the handbook's PDF.
        let printed = match page {
            Page::Chapter(_) => Page::HandbookAll,
            other => other,
        };
        if !self.draws(printed) {
            return Vec::new();
        }
        let (site, routes) = (self.input.site, self.input.routes);
        let path = routes.path(page, Format::Pdf);
        let json = |v: &dyn erased::Json| v.json();
        match page {
            Page::FamilyView(i) => {
                let f = &site.families[i];
                let (s, _, v, charts) = self.family_view(i);
                let drawn = [json(&v), json(&charts.list)];
                let found = self.letters(f, &path, &drawn);
                if !found.is_empty() {
                    return found;
                }
                let title = s.fill("fv_title_of", &[("name", &f.familie.data.navn)]);
                return family::longest_part(&v, &title, &charts.list, &s, &self.fonts)
                    .map(|(pages, part, of)| self.too_long(f, pages, part, of))
                    .into_iter()
                    .collect();
            }
            // What the measures' charts print of the family's files is the family's name and
            // who each person measured is (name and role): checked without drawing the charts.
            Page::Plan(i) => {
                let f = &site.families[i];
                let p = &f.plan.data;
                let m = &p.maalinger;
                let named: std::collections::BTreeSet<&str> = (m.who5.iter().map(|x| &x.hvem))
                    .chain(m.sdq.iter().map(|x| &x.hvem))
                    .chain(m.kapabiliteter.iter().map(|x| &x.hvem))
                    .chain(m.funktionsniveau.iter().map(|x| &x.hvem))
                    .chain(p.forsoergelse.iter().map(|x| &x.hvem))
                    .map(String::as_str)
                    .collect();
                let mut who: Vec<&str> = vec![f.familie.data.navn.as_str()];
                for x in &f.familie.data.medlemmer {
                    if named.contains(x.id.as_str()) {
                        who.extend([x.navn.as_str(), x.rolle.as_str()]);
                    }
                }
                return self.letters(f, &path, &[json(&who)]);
            }
            Page::Journey(i) | Page::FamilyJourney(i) => {
                let f = &site.families[i];
                let Some(r) = &f.rejse else {
                    return Vec::new();
                };
                let (s, _, j) = self.journey_of(page, f, &r.data);
                let (v, charts) = self.journey_view(f, &j, &s);
                let drawn = [json(&v), json(&charts.list)];
                return self.letters(f, &path, &drawn);
            }
            // A chapter's tables too wide for the handbook's PDF, at the chapter's file.
            Page::Chapter(i) => {
                let Some(src) = site.chapters.get(i).map(|c| &c.doc.source) else {
                    return Vec::new();
                };
                let body = views::body(src, routes, 0, "");
                let starts = views::table_offsets(src);
                return handbook::too_wide_tables(&body, &self.fonts)
                    .into_iter()
                    .map(|(k, cols)| {
                        let pos = starts.get(k).map_or(Pos::START, |o| src.pos_of(*o));
                        src.warning_at(
                            pos,
                            "tabellen er for bred til håndbogens PDF, også på en side på tværs",
                        )
                        .value(format!("{cols} kolonner"))
                        .help("I PDF'en brydes dens længste ord midt i, med bindestreg. Del tabellen i to, eller forkort overskrifterne og de længste ord.")
                    })
                    .collect();
            }
            _ => {}
        }
        let Page::Diploma(i) = page else {
            return Vec::new();
        };
        let fam = &site.families[i];
        let Some(dip) = &fam.diplom else {
            return Vec::new();
        };
        let (s, _) = self.family_strings(fam);
        let view = views::diploma_view(site, fam, dip, routes, &s);
        let mut found = self.letters(fam, &path, &[json(&view)]);
        if !found.is_empty() {
            // Laid out with letters it cannot set, the diploma's length means little.
            return found;
        }
        let ds = &dip.source;
        found.extend(match diploma::fit(&view, &fam.familie.data.navn, &s, &self.fonts.metrics) {
            diploma::Fit::Scale(x) if x >= 1.0 => Vec::new(),
            diploma::Fit::Scale(x) => vec![
                ds.warning_at(
                    Pos::START,
                    "diplomet udskrives med mindre skrift for at passe på én side",
                )
                .value(format!(
                    "brødteksten sættes i {} punkt i stedet for 11",
                    format!("{:.2}", 11.0 * x)
                        .trim_end_matches('0')
                        .trim_end_matches('.')
                        .replace('.', ",")
                ))
                .help("Det er i orden. Forkort teksten, hvis skriften skal være større."),
            ],
            diploma::Fit::TooLong { lines, .. } => vec![
                ds.error_at(Pos::START, "diplomet er for langt til én A4-side")
                    .value(format!(
                        "ca. {lines} {} for meget, også med den mindste skrift (9 punkt)",
                        if lines == 1 { "linje" } else { "linjer" }
                    ))
                    .help("Forkort brødteksten eller punkterne under opnået og fokus, eller lad være med at vise livlinen (`vis_livline: false`)."),
            ],
        });
        found
    }

    fn draws(&self, page: Page) -> bool {
        self.input.routes.has_pdf(page)
    }

    fn page(&self, page: Page) -> Result<Vec<u8>, Diagnostic> {
        let (site, routes) = (self.input.site, self.input.routes);
        let s = Strings(&self.input.theme.strings);
        let path = routes.path(page, Format::Pdf);
        let fail = |file: &str, e: String| Diagnostic::error(file, Pos::START, e);
        match page {
            Page::Diploma(i) => {
                let f = &site.families[i];
                let Some(d) = &f.diplom else {
                    return Err(fail(&path, "familien har intet diplom".into()));
                };
                let (s, lang) = self.family_strings(f);
                let v = views::diploma_view(site, f, d, routes, &s);
                let name = &f.familie.data.navn;
                let title = format!("{} – {name}", s.get("diploma"));
                let mut meta = self.meta(title, Some(d.data.dato));
                meta.in_language(lang);
                diploma::pdf(&v, name, &s, &self.fonts, &meta, self.emblem.as_ref())
                    .map_err(|e| fail(&d.source.rel, e))
            }
            Page::FamilyView(i) => {
                let f = &site.families[i];
                let (s, lang, v, charts) = self.family_view(i);
                let title = s.fill("fv_title_of", &[("name", &f.familie.data.navn)]);
                let mut meta = self.meta(
                    title.clone(),
                    Some(f.plan.data.opdateret.unwrap_or(f.familie.data.startdato)),
                );
                meta.in_language(lang);
                family::pdf(&v, &title, &charts.list, &s, &self.fonts, &meta)
                    .map_err(|e| fail(&f.plan.source.rel, e))
            }
            Page::Journey(i) | Page::FamilyJourney(i) => {
                let f = &site.families[i];
                let Some(r) = &f.rejse else {
                    return Err(fail(&path, "familien har ingen borgerrejse".into()));
                };
                let name = &f.familie.data.navn;
                let (s, lang, j) = self.journey_of(page, f, &r.data);
                let title = match page {
                    Page::FamilyJourney(_) => s.fill("fj_title_of", &[("name", name)]),
                    _ => format!("{} – {name}", s.get("journey")),
                };
                let (v, charts) = self.journey_view(f, &j, &s);
                let date = j
                    .forloeb
                    .iter()
                    .map(|e| e.dato)
                    .max()
                    .unwrap_or(f.familie.data.startdato);
                let mut meta = self.meta(title.clone(), Some(date));
                meta.in_language(lang);
                journey::pdf(&v, &title, &charts.list, &s, &self.fonts, &meta)
                    .map_err(|e| fail(&r.source.rel, e))
            }
            Page::HandbookAll => {
                let chapters = views::chapters_for_print(site, routes, &s);
                let c = &site.config;
                let book = s.get("handbook");
                let team = c.team.clone().unwrap_or_else(|| c.titel.clone());
                // No date: the newest plan's would be family data on a shared document.
                let meta = self.meta(format!("{book} – {}", c.titel), None);
                // Pictures the chapters show: the PNG files the load stage read (and found
                // whole); any other picture is shown by its alternative text.
                let load = |out: &str| {
                    let bytes = self.input.pictures.get(out)?;
                    let id = format!("Img{}", doc::letters(out.as_bytes(), 13));
                    image::Image::from_png(&id, bytes).ok()
                };
                handbook::pdf(&chapters, &book, &team, &s, &self.fonts, &meta, &load)
                    .map_err(|e| fail(&path, e))
            }
            Page::Board => {
                let v = views::board::board_view(site, self.input.today, &s);
                let title = format!("{} – {}", s.get("board"), site.config.titel);
                let meta = self.meta(title, Some(self.input.today));
                board::pdf(&v, &s, &self.fonts, &meta).map_err(|e| fail(&path, e))
            }
            Page::Plan(i) => {
                let f = &site.families[i];
                let charts = self.measures(f, &s);
                let name = &f.familie.data.navn;
                let title = s.fill("measures_pdf_title", &[("name", name)]);
                let meta = self.meta(title.clone(), Some(self.input.today));
                let list: Vec<&crate::charts::Chart> = charts.iter().collect();
                let day = s.date(self.input.today);
                measures::pdf(&list, &title, &day, &s, &self.fonts, &meta)
                    .map_err(|e| fail(&f.plan.source.rel, e))
            }
            Page::Results => {
                let v = views::results::results_view(site, self.input.today, &s);
                let title = format!("{} – {}", s.get("results"), site.config.titel);
                let meta = self.meta(title, Some(self.input.today));
                results::pdf(&v, &s, &self.fonts, &meta).map_err(|e| fail(&path, e))
            }
            _ => Err(fail(&path, "siden findes ikke som PDF".into())),
        }
    }
}
