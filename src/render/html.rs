//! HTML pages: view models for the templates (English keys, labels resolved, Markdown
//! rendered), tera 2 rendering, and minification.

use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::markdown::{self, Rewrite};
use crate::model::*;
use crate::source::Source;
use crate::urls::{self, UrlKind};
use serde::Serialize;
use std::collections::BTreeMap;
use tera::{Context, Tera};

/// Labels from the theme's strings file.
pub struct Strings<'a>(&'a BTreeMap<String, String>);

impl Strings<'_> {
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    pub fn date(&self, d: Date) -> String {
        self.get("date_format")
            .replace("{d}", &d.day.to_string())
            .replace("{m}", &self.get(&format!("month_{}", d.month)))
            .replace("{y}", &d.year.to_string())
    }

    fn opt_date(&self, d: Option<Date>) -> Option<String> {
        d.map(|d| self.date(d))
    }

    pub fn trin(&self, t: i64) -> String {
        self.get(&format!("trin_{t}"))
    }
}

/// Render a Markdown body that lives in `src`, for the page at `page`.
fn body_html(src: &Source, page: &str, shift: u8) -> (String, Vec<markdown::Heading>) {
    let rewrite = |url: &str, _image: bool| match urls::classify(url) {
        UrlKind::External => Rewrite::PlainText,
        UrlKind::Contact | UrlKind::Fragment => Rewrite::Url(url.to_string()),
        UrlKind::Relative { path, fragment } => {
            if path.is_empty() {
                return Rewrite::Url(url.to_string());
            }
            match urls::resolve(&src.rel, &path).and_then(|t| urls::output_for_content(&t)) {
                Some(out) => {
                    let mut u = urls::relative(page, &out);
                    if let Some(f) = fragment {
                        u.push('#');
                        u.push_str(&f);
                    }
                    Rewrite::Url(u)
                }
                None => Rewrite::PlainText,
            }
        }
    };
    markdown::to_html(src.body_text(), shift, &rewrite)
}

fn md(text: &str) -> String {
    markdown::inline_html(text)
}

// ---------- views ----------

#[derive(Serialize)]
struct MemberView {
    id: String,
    name: String,
    role: String,
    birth_year: i32,
    employment: Option<String>,
}

#[derive(Serialize)]
struct TrinStep {
    number: i64,
    name: String,
    state: &'static str,
}

#[derive(Serialize)]
struct FamilyLinks {
    plan: String,
    journey: Option<String>,
    diploma: Option<String>,
}

#[derive(Serialize)]
struct FamilySummary {
    slug: String,
    name: String,
    trin: i64,
    trin_name: String,
    steps: Vec<TrinStep>,
    status: &'static str,
    status_label: String,
    start: String,
    end: Option<String>,
    job_consultant: String,
    family_worker: String,
    members: Vec<MemberView>,
    links: FamilyLinks,
}

fn family_pages(f: &Family) -> (String, Option<String>, Option<String>) {
    let base = format!("familier/{}/", f.slug);
    (
        format!("{base}index.html"),
        f.rejse.as_ref().map(|_| format!("{base}rejse.html")),
        f.diplom.as_ref().map(|_| format!("{base}diplom.html")),
    )
}

fn summary(f: &Family, page: &str, s: &Strings) -> FamilySummary {
    let d = &f.familie.data;
    let (plan, journey, diploma) = family_pages(f);
    FamilySummary {
        slug: f.slug.clone(),
        name: d.navn.clone(),
        trin: d.trin,
        trin_name: s.trin(d.trin),
        steps: (1..=7)
            .map(|n| TrinStep {
                number: n,
                name: s.trin(n),
                state: if n < d.trin || d.status == Status::Afsluttet {
                    "done"
                } else if n == d.trin {
                    "current"
                } else {
                    "todo"
                },
            })
            .collect(),
        status: d.status.code(),
        status_label: s.get(&format!("status_{}", d.status.code())),
        start: s.date(d.startdato),
        end: s.opt_date(d.slutdato),
        job_consultant: d.makkerpar.jobkonsulent.clone(),
        family_worker: d.makkerpar.familiebehandler.clone(),
        members: d
            .medlemmer
            .iter()
            .map(|m| MemberView {
                id: m.id.clone(),
                name: m.navn.clone(),
                role: m.rolle.clone(),
                birth_year: m.foedselsaar,
                employment: m.beskaeftigelse.clone(),
            })
            .collect(),
        links: FamilyLinks {
            plan: urls::relative(page, &plan),
            journey: journey.map(|j| urls::relative(page, &j)),
            diploma: diploma.map(|j| urls::relative(page, &j)),
        },
    }
}

/// "Sanne (mor)", "Hele familien", "Jobkonsulent (Lone B.)".
fn who_label(f: &Family, id: &str, s: &Strings) -> String {
    if let Some(m) = f.member(id) {
        return format!("{} ({})", m.navn, m.rolle);
    }
    let d = &f.familie.data;
    match id {
        WHOLE_FAMILY => s.get("whole_family"),
        "jobkonsulent" => format!(
            "{} ({})",
            d.makkerpar.jobkonsulent,
            s.get("job_consultant").to_lowercase()
        ),
        "familiebehandler" => format!(
            "{} ({})",
            d.makkerpar.familiebehandler,
            s.get("family_worker").to_lowercase()
        ),
        "makkerpar" => s.get("makkerpar"),
        other => other.to_string(),
    }
}

#[derive(Serialize)]
struct SubGoalView {
    text: String,
    due: Option<String>,
    owner: String,
    status: &'static str,
    status_label: String,
}

#[derive(Serialize)]
struct GoalView {
    title: String,
    area: String,
    capability: Option<String>,
    done: usize,
    total: usize,
    subgoals: Vec<SubGoalView>,
}

#[derive(Serialize)]
struct GoalGroup {
    who: String,
    dreams: Vec<String>,
    goals: Vec<GoalView>,
}

#[derive(Serialize)]
struct AgreementView {
    who: String,
    what: String,
    due: Option<String>,
    status: &'static str,
    status_label: String,
}

#[derive(Serialize)]
struct LogView {
    date: String,
    participants: String,
    note: String,
}

#[derive(Serialize)]
struct FollowUpView {
    cadence: i64,
    last: Option<String>,
    next: Option<String>,
    log: Vec<LogView>,
}

#[derive(Serialize)]
struct ScoreView {
    date: String,
    who: String,
    score: i64,
    band: &'static str,
    band_label: String,
}

#[derive(Serialize)]
struct CapView {
    date: String,
    who: String,
    ratings: Vec<Option<i64>>,
}

#[derive(Serialize)]
struct NetView {
    name: String,
    relation: String,
    closeness: i64,
    closeness_label: String,
    who: Option<String>,
    helps: Option<String>,
}

#[derive(Serialize)]
struct FundView {
    date: String,
    amount: i64,
    purpose: String,
    who: String,
}

#[derive(Serialize)]
struct FundYear {
    year: i32,
    spent: i64,
    budget: i64,
    left: i64,
    over: bool,
}

#[derive(Serialize)]
struct LifelineView {
    name: String,
    role: String,
    contact: Option<String>,
    helps: Option<String>,
}

fn lifeline(f: &Family) -> Vec<LifelineView> {
    f.familie
        .data
        .livline
        .iter()
        .map(|l| LifelineView {
            name: l.navn.clone(),
            role: l.rolle.clone(),
            contact: l.kontakt.clone(),
            helps: l.hjaelper_med.clone(),
        })
        .collect()
}

fn who5_band(score: i64) -> &'static str {
    match score {
        0..=35 => "red",
        36..=50 => "amber",
        _ => "green",
    }
}

fn sdq_band(score: i64) -> &'static str {
    match score {
        0..=13 => "green",
        14..=16 => "amber",
        _ => "red",
    }
}

#[derive(Serialize)]
struct PlanView {
    updated: Option<String>,
    groups: Vec<GoalGroup>,
    agreements: Vec<AgreementView>,
    followup: FollowUpView,
    who5: Vec<ScoreView>,
    sdq: Vec<ScoreView>,
    capability_names: Vec<String>,
    capabilities: Vec<CapView>,
    network_private: Vec<NetView>,
    network_professional: Vec<NetView>,
    funds: Vec<FundView>,
    fund_years: Vec<FundYear>,
    lifeline: Vec<LifelineView>,
    body: String,
}

fn plan_view(f: &Family, site: &Site, page: &str, s: &Strings) -> PlanView {
    let p = &f.plan.data;
    // One group for the whole family, then one per member, in the order of familie.yaml.
    let mut order: Vec<&str> = vec![WHOLE_FAMILY];
    order.extend(f.familie.data.medlemmer.iter().map(|m| m.id.as_str()));
    let groups = order
        .iter()
        .filter_map(|id| {
            let dreams: Vec<String> = p
                .droemme
                .iter()
                .filter(|d| d.hvem == *id)
                .map(|d| md(&d.tekst))
                .collect();
            let goals: Vec<GoalView> = p
                .maal
                .iter()
                .filter(|g| g.hvem == *id)
                .map(|g| GoalView {
                    title: md(&g.titel),
                    area: s.get(&format!("area_{}", g.omraade.code())),
                    capability: g
                        .kapabilitet
                        .map(|c| s.get(&format!("capability_{}", c.code()))),
                    done: g
                        .delmaal
                        .iter()
                        .filter(|d| d.status == SubGoalStatus::Naaet)
                        .count(),
                    total: g.delmaal.len(),
                    subgoals: g
                        .delmaal
                        .iter()
                        .map(|d| SubGoalView {
                            text: md(&d.tekst),
                            due: s.opt_date(d.frist),
                            owner: who_label(f, &d.ansvarlig, s),
                            status: d.status.code(),
                            status_label: s.get(&format!("subgoal_{}", d.status.code())),
                        })
                        .collect(),
                })
                .collect();
            (!dreams.is_empty() || !goals.is_empty()).then(|| GoalGroup {
                who: who_label(f, id, s),
                dreams,
                goals,
            })
        })
        .collect();
    let mut log: Vec<&FollowUpEntry> = p.opfoelgning.log.iter().collect();
    log.sort_by_key(|e| std::cmp::Reverse(e.dato));
    let last = log.first().map(|e| e.dato);
    let cadence = p.opfoelgning.kadence_maaneder.clamp(1, 12) as u32;
    let scores =
        |list: &Vec<Score>, band: fn(i64) -> &'static str, prefix: &str| -> Vec<ScoreView> {
            let mut v: Vec<&Score> = list.iter().collect();
            v.sort_by(|a, b| (&a.hvem, a.dato).cmp(&(&b.hvem, b.dato)));
            v.into_iter()
                .map(|x| ScoreView {
                    date: s.date(x.dato),
                    who: who_label(f, &x.hvem, s),
                    score: x.score,
                    band: band(x.score),
                    band_label: s.get(&format!("{prefix}_{}", band(x.score))),
                })
                .collect()
        };
    let net = |kind: NetworkKind| -> Vec<NetView> {
        let mut v: Vec<&NetworkEntry> = p.netvaerk.iter().filter(|n| n.kind == kind).collect();
        v.sort_by_key(|n| n.naerhed);
        v.into_iter()
            .map(|n| NetView {
                name: n.navn.clone(),
                relation: n.relation.clone(),
                closeness: n.naerhed,
                closeness_label: s.get(&format!("closeness_{}", n.naerhed.clamp(1, 3))),
                who: n.hvem.as_ref().map(|h| who_label(f, h, s)),
                helps: n.kan_hjaelpe_med.clone(),
            })
            .collect()
    };
    let mut funds: Vec<&FundEntry> = p.aktivitetsmidler.iter().collect();
    funds.sort_by_key(|e| e.dato);
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    for e in &funds {
        *years.entry(e.dato.year).or_default() += e.beloeb;
    }
    let budget = site.config.aktivitetsmidler_pr_aar as i64;
    let mut caps: Vec<&CapabilityRating> = p.maalinger.kapabiliteter.iter().collect();
    caps.sort_by(|a, b| (&a.hvem, a.dato).cmp(&(&b.hvem, b.dato)));
    PlanView {
        updated: s.opt_date(p.opdateret),
        groups,
        agreements: p
            .aftaler
            .iter()
            .map(|a| AgreementView {
                who: who_label(f, &a.hvem, s),
                what: md(&a.hvad),
                due: s.opt_date(a.frist),
                status: a.status.code(),
                status_label: s.get(&format!("agreement_{}", a.status.code())),
            })
            .collect(),
        followup: FollowUpView {
            cadence: cadence as i64,
            last: s.opt_date(last),
            next: s.opt_date(last.map(|d| d.add_months(cadence))),
            log: log
                .iter()
                .map(|e| LogView {
                    date: s.date(e.dato),
                    participants: e.deltagere.join(", "),
                    note: md(&e.notat),
                })
                .collect(),
        },
        who5: scores(&p.maalinger.who5, who5_band, "who5"),
        sdq: scores(&p.maalinger.sdq, sdq_band, "sdq"),
        capability_names: Capability::ALL
            .iter()
            .map(|c| s.get(&format!("capability_{}", c.code())))
            .collect(),
        capabilities: caps
            .into_iter()
            .map(|r| CapView {
                date: s.date(r.dato),
                who: who_label(f, &r.hvem, s),
                ratings: vec![r.arbejde, r.sundhed, r.faellesskab, r.relationer],
            })
            .collect(),
        network_private: net(NetworkKind::Privat),
        network_professional: net(NetworkKind::Professionel),
        funds: funds
            .into_iter()
            .map(|e| FundView {
                date: s.date(e.dato),
                amount: e.beloeb,
                purpose: e.formaal.clone(),
                who: who_label(f, &e.hvem, s),
            })
            .collect(),
        fund_years: years
            .into_iter()
            .map(|(year, spent)| FundYear {
                year,
                spent,
                budget,
                left: budget - spent,
                over: spent > budget,
            })
            .collect(),
        lifeline: lifeline(f),
        body: body_html(&f.plan.source, page, 1).0,
    }
}

#[derive(Serialize)]
struct SituationView {
    age: i64,
    family: String,
    health: String,
    employment: String,
    character: String,
}

#[derive(Serialize)]
struct PersonSituations {
    who: String,
    start: Option<SituationView>,
    after: Option<SituationView>,
}

#[derive(Serialize)]
struct EventView {
    date: String,
    track: &'static str,
    track_label: String,
    who: Vec<String>,
    text: String,
}

#[derive(Serialize)]
struct TrackView {
    code: &'static str,
    label: String,
    events: Vec<EventView>,
}

#[derive(Serialize)]
struct YearView {
    year: i32,
    events: Vec<String>,
}

#[derive(Serialize)]
struct JourneyView {
    before: Vec<YearView>,
    situations: Vec<PersonSituations>,
    tracks: Vec<TrackView>,
    events: Vec<EventView>,
}

fn journey_view(f: &Family, j: &JourneyFile, s: &Strings) -> JourneyView {
    let sit = |x: &Situation| SituationView {
        age: x.alder,
        family: x.familie.clone(),
        health: x.helbred.clone(),
        employment: x.beskaeftigelse.clone(),
        character: x.karakteristik.clone(),
    };
    let mut people: Vec<&str> = Vec::new();
    for x in j.start.iter().chain(&j.efter) {
        if !people.contains(&x.hvem.as_str()) {
            people.push(&x.hvem);
        }
    }
    let mut before: Vec<&YearGroup> = j.foer.iter().collect();
    before.sort_by_key(|y| y.aar);
    let mut events: Vec<&JourneyEvent> = j.forloeb.iter().collect();
    events.sort_by_key(|e| e.dato);
    let ev = |e: &JourneyEvent| EventView {
        date: s.date(e.dato),
        track: e.spor.code(),
        track_label: s.get(&format!("track_{}", e.spor.code())),
        who: e
            .hvem
            .iter()
            .map(|h| {
                f.member(h)
                    .map(|m| m.navn.clone())
                    .unwrap_or_else(|| who_label(f, h, s))
            })
            .collect(),
        text: md(&e.tekst),
    };
    JourneyView {
        before: before
            .into_iter()
            .map(|y| YearView {
                year: y.aar,
                events: y.haendelser.iter().map(|h| md(h)).collect(),
            })
            .collect(),
        situations: people
            .into_iter()
            .map(|p| PersonSituations {
                who: who_label(f, p, s),
                start: j.start.iter().find(|x| x.hvem == p).map(sit),
                after: j.efter.iter().find(|x| x.hvem == p).map(sit),
            })
            .collect(),
        tracks: Track::ALL
            .iter()
            .map(|t| TrackView {
                code: t.code(),
                label: s.get(&format!("track_{}", t.code())),
                events: events
                    .iter()
                    .filter(|e| e.spor == *t)
                    .map(|e| ev(e))
                    .collect(),
            })
            .collect(),
        events: events.iter().map(|e| ev(e)).collect(),
    }
}

#[derive(Serialize)]
struct SignerView {
    name: String,
    role: String,
}

#[derive(Serialize)]
struct DiplomaView {
    heading: String,
    date: String,
    achieved: Vec<String>,
    focus: Vec<String>,
    signers: Vec<SignerView>,
    lifeline: Vec<LifelineView>,
    body: String,
}

fn diploma_view(f: &Family, d: &Doc<DiplomaFile>, page: &str, s: &Strings) -> DiplomaView {
    let dd = &d.data;
    DiplomaView {
        heading: dd.overskrift.clone().unwrap_or_else(|| s.get("diploma")),
        date: s.date(dd.dato),
        achieved: dd.opnaaet.iter().map(|x| md(x)).collect(),
        focus: dd.fokus.iter().map(|x| md(x)).collect(),
        signers: dd
            .underskrivere
            .iter()
            .map(|x| SignerView {
                name: x.navn.clone(),
                role: x.rolle.clone(),
            })
            .collect(),
        lifeline: if dd.vis_livline {
            lifeline(f)
        } else {
            Vec::new()
        },
        body: body_html(&d.source, page, 1).0,
    }
}

#[derive(Serialize, Clone)]
struct ChapterLink {
    title: String,
    url: String,
    trin: Option<i64>,
    trin_name: Option<String>,
    summary: Option<String>,
    current: bool,
}

#[derive(Serialize)]
struct ChapterView {
    title: String,
    trin: Option<i64>,
    trin_name: Option<String>,
    summary: Option<String>,
    body: String,
    toc: Vec<markdown::Heading>,
    prev: Option<ChapterLink>,
    next: Option<ChapterLink>,
}

pub fn chapter_page(c: &Chapter) -> String {
    format!("metode/{}.html", c.slug)
}

fn chapter_links(site: &Site, page: &str, s: &Strings) -> Vec<ChapterLink> {
    site.chapters
        .iter()
        .map(|c| {
            let target = chapter_page(c);
            ChapterLink {
                title: c.doc.data.titel.clone(),
                url: urls::relative(page, &target),
                trin: c.doc.data.trin,
                trin_name: c.doc.data.trin.map(|t| s.trin(t)),
                summary: c.doc.data.resume.clone(),
                current: target == page,
            }
        })
        .collect()
}

// ---------- rendering ----------

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
        emit(page.to_string(), self.render("handbook.html", &ctx));
        for (i, c) in site.chapters.iter().enumerate() {
            let page = chapter_page(c);
            let all = chapter_links(site, &page, &s);
            let (body, toc) = body_html(&c.doc.source, &page, 0);
            let prev = i.checked_sub(1).and_then(|j| all.get(j)).cloned();
            let next = all.get(i + 1).cloned();
            let m = &c.doc.data;
            let mut ctx = self.base_context(&page, &m.titel, "chapter");
            ctx.insert("chapters", &all);
            ctx.insert(
                "chapter",
                &ChapterView {
                    title: m.titel.clone(),
                    trin: m.trin,
                    trin_name: m.trin.map(|t| s.trin(t)),
                    summary: m.resume.clone(),
                    body,
                    toc: toc.into_iter().filter(|h| h.level == 2).collect(),
                    prev,
                    next,
                },
            );
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
