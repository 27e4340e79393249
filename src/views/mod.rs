//! Format-neutral page models: what a page shows, with English keys, labels resolved from
//! the strings file and dates formatted, but no markup and no URLs. Rich text is spans and
//! blocks ([`rich`]), links are routes ([`Route`]), charts are scenes; each output kind (HTML,
//! PDF, the search index) draws them in its own form.

pub mod board;
mod diploma;
mod due;
pub mod family;
pub mod figures;
pub mod glossary;
mod handbook;
mod journey;
mod plan;
pub mod results;
pub mod rich;

pub(crate) use diploma::*;
pub(crate) use handbook::*;
pub(crate) use journey::*;
pub(crate) use plan::*;

use figures::{ChartRef, PageCharts};

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

pub use crate::load::theme::text_direction;

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
        d.written(format, month)
    }

    fn opt_date(&self, d: Option<Date>) -> Option<String> {
        d.map(|d| self.date(d))
    }

    pub fn trin(&self, t: Trin) -> String {
        self.get(&format!("trin_{t}"))
    }
}

/// Where each table of a Markdown file's body starts (byte offsets in the file), in the
/// order they stand.
pub(crate) fn table_offsets(src: &Source) -> Vec<usize> {
    crate::markdown::table_offsets(src.body_text())
        .into_iter()
        .map(|o| src.body.start + o)
        .collect()
}

/// A page body with its links resolved by the route table.
pub(crate) fn body(src: &Source, routes: &Routes, shift: u8, id_prefix: &str) -> Body {
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
    family_journey: Option<Route>,
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

/// A family's card on the front page: its brief, and what is due on the day the site is
/// drawn for: the next meeting (flagged as on the staff's plan) and the board's other flags
/// counted by kind.
#[derive(Serialize)]
pub(crate) struct FrontCard {
    #[serde(flatten)]
    summary: FamilySummary,
    meeting: Option<due::Line>,
    flags: Vec<due::FlagCount>,
    /// Its first open date (ISO), to sort by what is due.
    due: String,
    /// The pair's names, one per line, to filter by.
    pair: String,
}

pub(crate) fn front_card(
    site: &Site,
    i: usize,
    routes: &Routes,
    s: &Strings,
    cs: &mut PageCharts,
    today: Date,
) -> FrontCard {
    let f = &site.families[i];
    let m = &f.familie.data.makkerpar;
    let flags = due::flags(f, today, s);
    FrontCard {
        summary: summary(site, i, routes, s, cs),
        meeting: due::meeting_line(f, today, s),
        // The follow-up is the meeting line's.
        flags: due::counts(
            flags.iter().filter(|f| f.kind != "opfoelgning"),
            s,
            "card_flag_",
            false,
        ),
        due: due::first_due(f).to_string(),
        pair: format!("{}\n{}", m.jobkonsulent, m.familiebehandler),
    }
}

/// The front page's order: the families in the course, the one with the earliest open date
/// (the most overdue) first, then the ended ones as the site lists them.
pub(crate) fn front_order(site: &Site) -> Vec<usize> {
    let (mut active, ended): (Vec<usize>, Vec<usize>) = (0..site.families.len())
        .partition(|&i| site.families[i].familie.data.status != Status::Afsluttet);
    active.sort_by_cached_key(|&i| {
        let f = &site.families[i];
        (due::first_due(f), f.familie.data.navn.clone())
    });
    active.extend(ended);
    active
}

/// The staff of the families in the course, each once, in alphabetical order: the front
/// page's filter by makkerpar.
pub(crate) fn front_staff(site: &Site) -> Vec<String> {
    let mut v: Vec<String> = site
        .families
        .iter()
        .filter(|f| f.familie.data.status != Status::Afsluttet)
        .flat_map(|f| {
            let m = &f.familie.data.makkerpar;
            [m.jobkonsulent.clone(), m.familiebehandler.clone()]
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The seven trin as (number, name), for a choice of trin.
pub(crate) fn trin_names(s: &Strings) -> Vec<(u8, String)> {
    Trin::all().map(|t| (t.number(), s.trin(t))).collect()
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
            family_journey: routes.family_journey(i).map(Route),
            diploma: routes.diploma(i).map(Route),
        },
        trin_chart: cs.add(s, |m, _| Some(figures::trin(f, s, m))),
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
