//! Format-neutral page models: what a page shows, with English keys, labels resolved from
//! the strings file and dates formatted, but no markup and no URLs. Rich text is spans and
//! blocks ([`rich`]), links are routes ([`Route`]), charts are scenes; each output kind (HTML
//! now, PDF next) draws them in its own form.

pub mod board;
pub mod charts;
pub mod family;
pub mod glossary;
pub mod rich;

use charts::{ChartRef, PageCharts};

use crate::model::*;
use crate::routes::{Page, Routes};
use crate::source::Source;
use rayon::prelude::*;
use rich::{Body, Heading, Rich};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;

/// A link to a page of the site, drawn by each output kind in its own form (a relative URL
/// in HTML). Serialised as `{"$route": page}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route(pub Page);

/// Serialise `value` as a one-key map `{key: value}`: how rich values are tagged for the
/// output kinds that take the views through serde (the HTML templates).
fn tagged<S: Serializer, T: Serialize + ?Sized>(
    s: S,
    key: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(key, value)?;
    m.end()
}

pub const ROUTE_TAG: &str = "$route";
pub const ICON_TAG: &str = "$icon";

/// A life area's pictogram, drawn by each output kind (inline SVG in HTML). Serialised as
/// `{"$icon": "beskæftigelse"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaIcon(pub Area);

impl Serialize for AreaIcon {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, ICON_TAG, self.0.code())
    }
}
pub const RICH_TAG: &str = "$rich";
pub const BODY_TAG: &str = "$body";

impl Serialize for Route {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, ROUTE_TAG, &self.0)
    }
}

impl Serialize for Rich {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, RICH_TAG, &self.0)
    }
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, BODY_TAG, &self.blocks)
    }
}

const MONTH_KEYS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
    "month_9", "month_10", "month_11", "month_12",
];

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

/// Labels from the theme's strings file.
pub struct Strings<'a>(pub &'a BTreeMap<String, String>);

impl Strings<'_> {
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A date as the strings file's `date_format` writes it ("{d}. {m} {y}").
    pub fn date(&self, d: Date) -> String {
        let format = self
            .0
            .get("date_format")
            .map(String::as_str)
            .unwrap_or("{y}-{m}-{d}");
        let month = self
            .0
            .get(MONTH_KEYS[d.month as usize - 1])
            .map(String::as_str)
            .unwrap_or("");
        let mut out = String::with_capacity(format.len() + month.len() + 8);
        let mut rest = format;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let field = &rest[i..];
            let (value, len) = if field.starts_with("{d}") {
                (d.day.to_string(), 3)
            } else if field.starts_with("{m}") {
                (month.to_string(), 3)
            } else if field.starts_with("{y}") {
                (d.year.to_string(), 3)
            } else {
                ("{".to_string(), 1)
            };
            out.push_str(&value);
            rest = &field[len..];
        }
        out.push_str(rest);
        out
    }

    fn opt_date(&self, d: Option<Date>) -> Option<String> {
        d.map(|d| self.date(d))
    }

    pub fn trin(&self, t: Trin) -> String {
        self.get(&format!("trin_{t}"))
    }
}

/// A page body with its links resolved by the route table.
fn body(src: &Source, routes: &Routes, shift: u8, id_prefix: &str) -> Body {
    Body::from_markdown(src.body_text(), routes.links(&src.rel), shift, id_prefix)
}

fn md(text: &str) -> Rich {
    Rich::inline(text)
}

#[derive(Serialize)]
pub(crate) struct MemberView {
    id: String,
    name: String,
    role: String,
    birth_year: i32,
    employment: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct TrinStep {
    number: u8,
    name: String,
    state: &'static str,
}

#[derive(Serialize)]
pub(crate) struct FamilyLinks {
    plan: Option<Route>,
    family_view: Route,
    journey: Option<Route>,
    diploma: Option<Route>,
}

#[derive(Serialize)]
pub(crate) struct FamilySummary {
    slug: String,
    name: String,
    trin: u8,
    trin_name: String,
    /// The handbook's chapter on the family's trin, for staff.
    trin_url: Option<Route>,
    steps: Vec<TrinStep>,
    status: &'static str,
    status_label: String,
    start: String,
    end: Option<String>,
    job_consultant: String,
    family_worker: String,
    links: FamilyLinks,
    trin_chart: Option<ChartRef>,
}

/// A family as the head of each of its own pages shows it: in brief, and its members. The
/// pages that list every family (the front page) have the brief only.
#[derive(Serialize)]
pub(crate) struct FamilyHead {
    #[serde(flatten)]
    pub summary: FamilySummary,
    members: Vec<MemberView>,
}

/// The head of family `i`'s pages, with its trin chart drawn into `cs`.
pub(crate) fn family_head(
    site: &Site,
    i: usize,
    routes: &Routes,
    s: &Strings,
    cs: &mut PageCharts,
) -> FamilyHead {
    let members = site.families[i].familie.data.medlemmer.iter();
    FamilyHead {
        summary: summary(site, i, routes, s, cs),
        members: members
            .map(|m| MemberView {
                id: m.id.clone(),
                name: m.navn.clone(),
                role: m.rolle.clone(),
                birth_year: m.foedselsaar,
                employment: m.beskaeftigelse.clone(),
            })
            .collect(),
    }
}

impl FamilySummary {
    /// For pages handed to the family: no link to the staff's plan or the handbook.
    pub(crate) fn for_handout(&mut self) {
        self.links.plan = None;
        self.trin_url = None;
    }
}

/// The first chapter of the handbook on a trin.
pub(crate) fn trin_chapter(site: &Site, trin: Trin) -> Option<usize> {
    site.chapters
        .iter()
        .position(|c| c.doc.data.trin == Some(trin))
}

/// A family in brief, with its trin chart drawn into `cs`.
pub(crate) fn summary(
    site: &Site,
    i: usize,
    routes: &Routes,
    s: &Strings,
    cs: &mut PageCharts,
) -> FamilySummary {
    let f = &site.families[i];
    let d = &f.familie.data;
    FamilySummary {
        slug: f.slug.clone(),
        name: d.navn.clone(),
        trin: d.trin.number(),
        trin_name: s.trin(d.trin),
        trin_url: trin_chapter(site, d.trin).map(|j| Route(Page::Chapter(j))),
        steps: Trin::all()
            .map(|n| TrinStep {
                number: n.number(),
                name: s.trin(n),
                state: match d.trin_state(n) {
                    TrinState::Done => "done",
                    TrinState::Current => "current",
                    TrinState::Todo => "todo",
                },
            })
            .collect(),
        status: d.status.code(),
        status_label: s.get(&format!("status_{}", d.status.code())),
        start: s.date(d.startdato),
        end: s.opt_date(d.slutdato),
        job_consultant: d.makkerpar.jobkonsulent.clone(),
        family_worker: d.makkerpar.familiebehandler.clone(),
        links: FamilyLinks {
            plan: Some(Route(Page::Plan(i))),
            family_view: Route(Page::FamilyView(i)),
            journey: routes.journey(i).map(Route),
            diploma: routes.diploma(i).map(Route),
        },
        trin_chart: cs.add(s, |m, _| Some(charts::trin(f, s, m))),
    }
}

/// "3. december 2026 · kl. 10 · hjemme hos familien".
fn meeting(m: &Meeting, s: &Strings) -> String {
    [Some(s.date(m.dato)), m.tid.clone(), m.sted.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Names as the family says them: "Sanne", "Hele familien", "Lone" (the staff member's first
/// name), "Jeres makkerpar".
fn short_who(f: &Family, id: &str, s: &Strings) -> String {
    if let Some(m) = f.member(id) {
        return m.navn.clone();
    }
    let d = &f.familie.data;
    let first = |n: &str| n.split_whitespace().next().unwrap_or(n).to_string();
    match id {
        WHOLE_FAMILY => s.get("whole_family"),
        "jobkonsulent" => first(&d.makkerpar.jobkonsulent),
        "familiebehandler" => first(&d.makkerpar.familiebehandler),
        "makkerpar" => s.get("fv_makkerpar"),
        other => other.to_string(),
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
pub(crate) struct SubGoalView {
    text: Rich,
    due: Option<String>,
    owner: String,
    status: &'static str,
    status_label: String,
}

#[derive(Serialize)]
pub(crate) struct GoalView {
    title: Rich,
    area: String,
    capability: Option<String>,
    done: usize,
    total: usize,
    subgoals: Vec<SubGoalView>,
    chart: Option<ChartRef>,
}

#[derive(Serialize)]
pub(crate) struct GoalGroup {
    who: String,
    dreams: Vec<Rich>,
    goals: Vec<GoalView>,
}

#[derive(Serialize)]
pub(crate) struct AgreementView {
    who: String,
    what: Rich,
    due: Option<String>,
    status: &'static str,
    status_label: String,
}

/// A service of the municipality and the family's decision about it (familieprioritering),
/// in staff words or, for the family's own view, in plain words (`fv_` strings).
#[derive(Serialize)]
pub(crate) struct ServiceView {
    pub(crate) what: Rich,
    pub(crate) who: String,
    pub(crate) administration: String,
    pub(crate) since: Option<String>,
    /// The decision's code (for styling; `none` while undecided) and words.
    pub(crate) decision: &'static str,
    pub(crate) decision_label: String,
    pub(crate) decided: Option<String>,
    pub(crate) reason: Option<Rich>,
}

pub(crate) fn services(f: &Family, voice: charts::Voice, s: &Strings) -> Vec<ServiceView> {
    let family = voice == charts::Voice::Family;
    let key = |k: &str| {
        if family {
            format!("fv_{k}")
        } else {
            k.to_string()
        }
    };
    f.plan
        .data
        .familieprioritering
        .iter()
        .map(|x| ServiceView {
            what: Rich::inline(&x.indsats),
            who: if family {
                short_who(f, &x.hvem, s)
            } else {
                who_label(f, &x.hvem, s)
            },
            administration: s.get(&key(&format!("admin_{}", x.forvaltning.code()))),
            since: x.siden.map(|d| s.date(d)),
            decision: x.beslutning.map_or("none", |b| b.code()),
            decision_label: match x.beslutning {
                Some(b) => s.get(&key(&format!("decision_{}", b.code()))),
                None => s.get(&key("not_decided")),
            },
            decided: x
                .dato
                .map(|d| s.fill(&key("decided_on"), &[("date", &s.date(d))])),
            reason: x.hvorfor.as_deref().map(Rich::inline),
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct LogView {
    date: String,
    participants: String,
    note: Rich,
}

#[derive(Serialize)]
pub(crate) struct FollowUpView {
    cadence: i64,
    /// The agreed next meeting: date, time and place.
    agreed: Option<String>,
    last: Option<String>,
    next: Option<String>,
    log: Vec<LogView>,
}

#[derive(Serialize)]
pub(crate) struct ScoreView {
    date: String,
    who: String,
    score: i64,
    band: &'static str,
    band_label: String,
}

#[derive(Serialize)]
pub(crate) struct CapView {
    date: String,
    who: String,
    ratings: Vec<Option<i64>>,
}

#[derive(Serialize)]
pub(crate) struct NetView {
    name: String,
    relation: String,
    closeness: i64,
    closeness_label: String,
    who: Option<String>,
    helps: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct FundView {
    date: String,
    amount: String,
    purpose: String,
    who: String,
}

#[derive(Serialize)]
pub(crate) struct FundYear {
    year: i32,
    spent: i64,
    budget: i64,
    left: i64,
    over: bool,
}

#[derive(Serialize)]
pub(crate) struct LifelineView {
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) contact: Option<String>,
    pub(crate) helps: Option<String>,
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

/// The pair, as the last entry of the livline on the diploma, when the family has a way to
/// reach them (`makkerpar.kontakt`).
fn pair_on_the_lifeline(f: &Family, s: &Strings) -> Option<LifelineView> {
    let m = &f.familie.data.makkerpar;
    let contact = m.kontakt.as_ref()?;
    Some(LifelineView {
        name: format!("{} {} {}", m.jobkonsulent, s.get("and"), m.familiebehandler),
        role: s.get("diploma_pair"),
        contact: Some(match &m.traeffes {
            Some(h) => format!("{contact}, {h}"),
            None => contact.clone(),
        }),
        helps: None,
    })
}

#[derive(Serialize)]
pub(crate) struct PlanView {
    updated: Option<String>,
    groups: Vec<GoalGroup>,
    agreements: Vec<AgreementView>,
    services: Vec<ServiceView>,
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
    body: Body,
    /// Signs of Safety's three columns: (heading, points).
    mapping: Vec<(String, Vec<Rich>)>,
    capabilities_chart: Option<ChartRef>,
    who5_chart: Option<ChartRef>,
    sdq_chart: Option<ChartRef>,
    network_chart: Option<ChartRef>,
    funds_chart: Option<ChartRef>,
}

pub(crate) fn plan_view(
    f: &Family,
    site: &Site,
    routes: &Routes,
    s: &Strings,
    cs: &mut PageCharts,
) -> PlanView {
    let p = &f.plan.data;
    // One group for the whole family, then one per member, in the order of familie.yaml.
    let mut order: Vec<&str> = vec![WHOLE_FAMILY];
    order.extend(f.familie.data.medlemmer.iter().map(|m| m.id.as_str()));
    let groups = order
        .iter()
        .filter_map(|id| {
            // Each of the person's goals shows one of their dreams above its staircase, in
            // order; dreams left over are listed on their own.
            let own_dreams: Vec<&Dream> = p.droemme.iter().filter(|d| d.hvem == *id).collect();
            let own_goals: Vec<&Goal> = p.maal.iter().filter(|g| g.hvem == *id).collect();
            let shown = if cs.draws() {
                own_goals.len().min(own_dreams.len())
            } else {
                0
            };
            let dreams: Vec<Rich> = own_dreams[shown..].iter().map(|d| md(&d.tekst)).collect();
            let goals: Vec<GoalView> = own_goals
                .iter()
                .enumerate()
                .map(|(k, g)| GoalView {
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
                    chart: cs.add(s, |m, l| {
                        Some(charts::goal(
                            f,
                            g,
                            own_dreams.get(k).copied(),
                            charts::Voice::Staff,
                            s,
                            m,
                            l,
                        ))
                    }),
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
    let cadence = p.cadence();
    let scores = |list: &Vec<Score>, scale: Scale| -> Vec<ScoreView> {
        let mut v: Vec<&Score> = list.iter().collect();
        v.sort_by(|a, b| (&a.hvem, a.dato).cmp(&(&b.hvem, b.dato)));
        v.into_iter()
            .map(|x| ScoreView {
                date: s.date(x.dato),
                who: who_label(f, &x.hvem, s),
                score: x.score,
                band: scale.band(x.score).code(),
                band_label: s.get(&format!("{}_{}", scale.code, scale.band(x.score).code())),
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
        services: services(f, charts::Voice::Staff, s),
        followup: FollowUpView {
            cadence: cadence as i64,
            agreed: p.naeste_moede.as_ref().map(|m| meeting(m, s)),
            last: s.opt_date(p.last_meeting()),
            next: s.opt_date(p.next_meeting_by()),
            log: log
                .iter()
                .map(|e| LogView {
                    date: s.date(e.dato),
                    participants: e.deltagere.join(", "),
                    note: md(&e.notat),
                })
                .collect(),
        },
        who5: scores(&p.maalinger.who5, WHO5),
        sdq: scores(&p.maalinger.sdq, SDQ),
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
                amount: crate::charts::kr(e.beloeb),
                purpose: e.formaal.clone(),
                who: who_label(f, &e.hvem, s),
            })
            .collect(),
        funds_chart: cs.add(s, |m, _| {
            let y: Vec<(i32, i64, i64)> = years.iter().map(|(y, sp)| (*y, *sp, budget)).collect();
            charts::funds(&y, s, m)
        }),
        mapping: {
            let k = &p.kortlaegning;
            [
                ("mapping_good", &k.gaar_godt),
                ("mapping_worry", &k.bekymrer),
                ("mapping_needed", &k.skal_til),
            ]
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(key, items)| {
                let points = items
                    .iter()
                    .map(|i| match &i.hvem {
                        Some(h) => Rich::inline(&format!("{} – {}", i.tekst, who_label(f, h, s))),
                        None => Rich::inline(&i.tekst),
                    })
                    .collect();
                (s.get(key), points)
            })
            .collect()
        },
        capabilities_chart: cs.add(s, |m, _| {
            charts::capabilities(f, p, charts::Voice::Staff, s, m)
        }),
        who5_chart: cs.add(s, |m, l| {
            charts::scores(f, &p.maalinger.who5, &WHO5, "who5_title", s, m, l)
        }),
        sdq_chart: cs.add(s, |m, l| {
            charts::scores(f, &p.maalinger.sdq, &SDQ, "sdq_title", s, m, l)
        }),
        network_chart: cs.add(s, |m, _| charts::network(f, p, s, m)),
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
        body: body(&f.plan.source, routes, 1, ""),
    }
}

#[derive(Serialize)]
pub(crate) struct SituationView {
    pub(crate) age: i64,
    pub(crate) family: String,
    pub(crate) health: String,
    pub(crate) employment: String,
    pub(crate) character: String,
}

#[derive(Serialize)]
pub(crate) struct PersonSituations {
    pub(crate) who: String,
    pub(crate) start: Option<SituationView>,
    pub(crate) after: Option<SituationView>,
}

#[derive(Serialize)]
pub(crate) struct EventView {
    pub(crate) date: String,
    pub(crate) track: &'static str,
    pub(crate) track_label: String,
    pub(crate) who: Vec<String>,
    pub(crate) text: Rich,
}

#[derive(Serialize)]
pub(crate) struct TrackView {
    pub(crate) code: &'static str,
    pub(crate) label: String,
    pub(crate) events: Vec<EventView>,
}

#[derive(Serialize)]
pub(crate) struct YearView {
    pub(crate) year: i32,
    pub(crate) events: Vec<Rich>,
}

#[derive(Serialize)]
pub(crate) struct JourneyView {
    pub(crate) before: Vec<YearView>,
    pub(crate) situations: Vec<PersonSituations>,
    pub(crate) tracks: Vec<TrackView>,
    pub(crate) events: Vec<EventView>,
    pub(crate) timeline: Option<ChartRef>,
}

pub(crate) fn journey_view(
    f: &Family,
    j: &JourneyFile,
    s: &Strings,
    cs: &mut PageCharts,
) -> JourneyView {
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
        timeline: cs.add(s, |m, l| charts::journey(f, j, s, m, l)),
    }
}

#[derive(Serialize)]
pub(crate) struct SignerView {
    pub(crate) name: String,
    pub(crate) role: String,
}

#[derive(Serialize)]
pub(crate) struct DiplomaView {
    /// The personal heading; none is shown when there is none.
    pub(crate) heading: Option<String>,
    pub(crate) date: String,
    pub(crate) achieved: Vec<Rich>,
    pub(crate) focus: Vec<Rich>,
    pub(crate) signers: Vec<SignerView>,
    /// The family's own signature lines: every adult member (18 or older on the day).
    pub(crate) family_signers: Vec<String>,
    /// The site's emblem, when it has one.
    pub(crate) emblem: Option<Rich>,
    pub(crate) lifeline: Vec<LifelineView>,
    pub(crate) body: Body,
}

pub(crate) fn diploma_view(
    site: &Site,
    f: &Family,
    d: &Doc<DiplomaFile>,
    routes: &Routes,
    s: &Strings,
) -> DiplomaView {
    let dd = &d.data;
    DiplomaView {
        emblem: site.config.emblem.as_deref().map(|e| {
            Rich(vec![rich::Span::Image {
                src: emblem_output(e),
                alt: String::new(),
            }])
        }),
        heading: dd.overskrift.clone().filter(|h| !h.trim().is_empty()),
        family_signers: f
            .familie
            .data
            .medlemmer
            .iter()
            .filter(|m| dd.dato.year - m.foedselsaar >= 18)
            .map(|m| m.navn.clone())
            .collect(),
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
            let mut l = lifeline(f);
            l.extend(pair_on_the_lifeline(f, s));
            l
        } else {
            Vec::new()
        },
        body: body(&d.source, routes, 1, ""),
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct ChapterLink {
    title: String,
    url: Route,
    trin: Option<u8>,
    trin_name: Option<String>,
    summary: Option<String>,
    current: bool,
}

#[derive(Serialize)]
pub(crate) struct ChapterView {
    pub(crate) title: String,
    trin: Option<u8>,
    trin_name: Option<String>,
    summary: Option<String>,
    body: Body,
    toc: Vec<Heading>,
    prev: Option<ChapterLink>,
    next: Option<ChapterLink>,
    path: Option<PathStep>,
}

/// Every chapter, for the handbook's index and sidebar; `current` marks the one shown.
pub(crate) fn chapter_links(site: &Site, current: Option<usize>, s: &Strings) -> Vec<ChapterLink> {
    (0..site.chapters.len())
        .map(|i| chapter_link(site, i, current == Some(i), s))
        .collect()
}

/// The link to chapter `i`.
fn chapter_link(site: &Site, i: usize, current: bool, s: &Strings) -> ChapterLink {
    let c = &site.chapters[i].doc.data;
    ChapterLink {
        title: c.titel.clone(),
        url: Route(Page::Chapter(i)),
        trin: c.trin.map(Trin::number),
        trin_name: c.trin.map(|t| s.trin(t)),
        summary: c.resume.clone(),
        current,
    }
}

/// A part of the handbook (`del:`) and its chapters, in order; chapters without a part
/// stand in a part without a name.
#[derive(Serialize)]
pub(crate) struct PartView {
    name: Option<String>,
    chapters: Vec<ChapterLink>,
}

/// The handbook's chapters grouped by part, in the order the parts first appear.
pub(crate) fn chapter_parts(site: &Site, s: &Strings) -> Vec<PartView> {
    let links = chapter_links(site, None, s);
    let mut parts: Vec<PartView> = Vec::new();
    for (c, link) in site.chapters.iter().zip(links) {
        let name = c
            .doc
            .data
            .del
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        match parts.iter_mut().find(|p| p.name == name) {
            Some(p) => p.chapters.push(link),
            None => parts.push(PartView {
                name,
                chapters: vec![link],
            }),
        }
    }
    parts
}

/// The reading path for new staff, as the handbook's index shows it.
#[derive(Serialize)]
pub(crate) struct PathView {
    title: String,
    chapters: Vec<ChapterLink>,
}

pub(crate) fn reading_path(site: &Site, s: &Strings) -> Option<PathView> {
    let path = site.path.as_ref()?;
    let links = chapter_links(site, None, s);
    let chapters = path
        .data
        .slugs()
        .filter_map(|k| site.chapters.iter().position(|c| c.slug == k))
        .map(|j| links[j].clone())
        .collect();
    Some(PathView {
        title: path.data.titel.clone(),
        chapters,
    })
}

/// Where a chapter stands in the reading path: "Ny i teamet: kapitel 3 af 8".
#[derive(Serialize)]
pub(crate) struct PathStep {
    title: String,
    number: usize,
    of: usize,
    url: Route,
    next: Option<ChapterLink>,
}

fn path_step(site: &Site, index: usize, s: &Strings) -> Option<PathStep> {
    let path = site.path.as_ref()?;
    let slugs: Vec<&str> = path.data.slugs().collect();
    let here = slugs.iter().position(|k| *k == site.chapters[index].slug)?;
    let next = slugs
        .get(here + 1)
        .and_then(|k| site.chapters.iter().position(|c| c.slug == *k))
        .map(|j| chapter_link(site, j, false, s));
    Some(PathStep {
        title: path.data.titel.clone(),
        number: here + 1,
        of: slugs.len(),
        url: Route(Page::Handbook),
        next,
    })
}

/// The handbook chapter at `index` in the site's order. The list of every chapter (the
/// sidebar) is not part of it: it is the same on every chapter's page, so it is drawn once
/// ([`chapter_links`]).
pub(crate) fn chapter_view(site: &Site, index: usize, routes: &Routes, s: &Strings) -> ChapterView {
    let c = &site.chapters[index];
    let mut body = body(&c.doc.source, routes, 0, "");
    glossary::Terms::new(site).mark(&mut body, &c.slug);
    let m = &c.doc.data;
    ChapterView {
        title: m.titel.clone(),
        trin: m.trin.map(Trin::number),
        trin_name: m.trin.map(|t| s.trin(t)),
        summary: m.resume.clone(),
        toc: body
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .cloned()
            .collect(),
        body,
        prev: index
            .checked_sub(1)
            .map(|j| chapter_link(site, j, false, s)),
        next: (index + 1 < site.chapters.len()).then(|| chapter_link(site, index + 1, false, s)),
        path: path_step(site, index, s),
    }
}

/// Every chapter, in order, for the print-all page: headings one level down and ids
/// prefixed with the chapter's name so they stay unique on the one page.
pub(crate) fn all_chapters(site: &Site, routes: &Routes, s: &Strings) -> Vec<AllChapterView> {
    chapters_in_one(site, routes, s, 1, true)
}

/// Every chapter with its headings as written (for the handbook's PDF, where each chapter
/// is a part of its own).
pub(crate) fn chapters_for_print(site: &Site, routes: &Routes, s: &Strings) -> Vec<AllChapterView> {
    chapters_in_one(site, routes, s, 0, false)
}

fn chapters_in_one(
    site: &Site,
    routes: &Routes,
    s: &Strings,
    shift: u8,
    prefix_ids: bool,
) -> Vec<AllChapterView> {
    // Each chapter's text with the glossary's words explained, on every core; the words
    // each chapter explains give the glossary's "used in".
    let terms = glossary::Terms::new(site);
    let (mut out, used): (Vec<AllChapterView>, Vec<Vec<usize>>) = site
        .chapters
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let prefix = if prefix_ids {
                format!("{}-", c.slug)
            } else {
                String::new()
            };
            let mut body = body(&c.doc.source, routes, shift, &prefix);
            let used = terms.mark(&mut body, &c.slug);
            let m = &c.doc.data;
            let view = AllChapterView {
                page: Page::Chapter(i),
                id: c.slug.clone(),
                title: m.titel.clone(),
                trin: m.trin.map(Trin::number),
                trin_name: m.trin.map(|t| s.trin(t)),
                summary: m.resume.clone(),
                body,
            };
            (view, used)
        })
        .unzip();
    let glossary = site
        .glossary
        .is_some()
        .then(|| glossary::glossary_of(site, &terms, used, s));
    // The glossary closes the printed handbook.
    if let Some(g) = glossary {
        let id = crate::routes::GLOSSARY_ID;
        let prefix = if prefix_ids {
            format!("{id}-")
        } else {
            String::new()
        };
        out.push(AllChapterView {
            page: Page::Glossary,
            id: id.into(),
            title: s.get("glossary"),
            trin: None,
            trin_name: None,
            summary: Some(s.get("glossary_intro")),
            body: Body {
                blocks: glossary::glossary_blocks(&g, 3, &prefix),
                headings: Vec::new(),
            },
        });
    }
    out
}

/// The glossary page: every word, and the chapters that use it.
pub(crate) fn glossary_page(site: &Site, routes: &Routes, s: &Strings) -> glossary::GlossaryView {
    // The words each chapter explains, found on every core.
    let terms = glossary::Terms::new(site);
    let explained = site
        .chapters
        .par_iter()
        .map(|c| terms.mark(&mut body(&c.doc.source, routes, 0, ""), &c.slug))
        .collect();
    glossary::glossary_of(site, &terms, explained, s)
}

#[derive(Serialize)]
pub(crate) struct AllChapterView {
    /// The page it is on its own: a chapter, or the glossary.
    #[serde(skip)]
    pub(crate) page: Page,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) trin: Option<u8>,
    pub(crate) trin_name: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) body: Body,
}

/// A part of the handbook as the search finds it: the text under one heading of a chapter,
/// or before the first (then under the chapter's title), or a word of the glossary. Only the
/// handbook: no family page is ever searched.
#[derive(Debug, Serialize)]
pub(crate) struct SearchSection {
    /// The page it is on, by its place in the list of pages searched.
    pub(crate) page: usize,
    pub(crate) heading: String,
    /// The heading's id on its page; empty for the text before the first heading.
    pub(crate) anchor: String,
    pub(crate) text: String,
}

/// The pages searched (title and page: every chapter, then the glossary) and their
/// sections, in order.
pub(crate) fn search_sections(
    site: &Site,
    routes: &Routes,
    s: &Strings,
) -> (Vec<(String, Page)>, Vec<SearchSection>) {
    let mut pages = Vec::new();
    let mut out = Vec::new();
    for (i, c) in site.chapters.iter().enumerate() {
        pages.push((c.doc.data.titel.clone(), Page::Chapter(i)));
        let mut here = SearchSection {
            page: i,
            heading: c.doc.data.titel.clone(),
            anchor: String::new(),
            text: c.doc.data.resume.clone().unwrap_or_default(),
        };
        for b in &body(&c.doc.source, routes, 0, "").blocks {
            if let rich::Block::Heading { id, content, .. } = b {
                let next = SearchSection {
                    page: i,
                    heading: rich::plain(content),
                    anchor: id.clone(),
                    text: String::new(),
                };
                let done = std::mem::replace(&mut here, next);
                if !done.text.trim().is_empty() || done.anchor.is_empty() {
                    out.push(done);
                }
            } else {
                block_text(b, &mut here.text);
            }
        }
        out.push(here);
    }
    if site.glossary.is_some() {
        let n = pages.len();
        pages.push((s.get("glossary"), Page::Glossary));
        for e in glossary::glossary_of(site, &glossary::Terms::new(site), Vec::new(), s).entries {
            let mut heading = e.word;
            if !e.also.is_empty() {
                heading = format!("{heading} ({})", e.also.join(", "));
            }
            out.push(SearchSection {
                page: n,
                heading,
                anchor: e.id,
                text: e.explain,
            });
        }
    }
    (pages, out)
}

/// The words of a block, as plain text.
fn block_text(b: &rich::Block, out: &mut String) {
    use rich::Block;
    let mut add = |t: &str| {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    match b {
        Block::Para(s) | Block::Plain(s) => add(&rich::plain(s)),
        Block::Heading { content, .. } => add(&rich::plain(content)),
        Block::Code(t) => add(t),
        Block::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                add(&rich::plain(cell));
            }
        }
        Block::List { items, .. } => {
            for item in items {
                for b in &item.blocks {
                    block_text(b, out);
                }
            }
        }
        Block::Quote(blocks) | Block::Footnote { blocks, .. } => {
            for b in blocks {
                block_text(b, out);
            }
        }
        Block::Rule => {}
    }
}
