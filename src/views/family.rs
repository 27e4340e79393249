//! The family's own plan (`vores-plan.html`): their dreams, their goals as staircases, who
//! does what before the next meeting, when that meeting is, and who can help; in plain words
//! and without what is only for staff (scores and risk bands, staff notes, the fund ledger,
//! links to other families or the handbook).

use super::figures::{self as vc, ChartRef, PageCharts, Voice};
use super::rich::Rich;
use super::{AreaIcon, LifelineView, ServiceView, Strings, lifeline, meeting, services, short_who};
use crate::model::*;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct DreamView {
    pub(crate) who: String,
    pub(crate) text: Rich,
}

#[derive(Serialize)]
pub(crate) struct FamilyGoal {
    pub(crate) who: String,
    pub(crate) title: Rich,
    pub(crate) area: AreaIcon,
    pub(crate) area_label: String,
    /// Every step reached: shown as a success, not as a staircase.
    pub(crate) reached: bool,
    pub(crate) chart: Option<ChartRef>,
    /// Its steps in words, numbered as on the staircase.
    pub(crate) steps: Vec<StepView>,
}

/// A step of a goal, in words: "Tale med jobcentret" – "inden 1. juni 2026 · Sanne · klaret".
#[derive(Serialize)]
pub(crate) struct StepView {
    pub(crate) n: usize,
    pub(crate) text: Rich,
    pub(crate) detail: String,
    /// Its status's code (`i-gang`), for its mark.
    pub(crate) status: &'static str,
    #[serde(skip)]
    pub(crate) state: SubGoalStatus,
}

/// A goal's steps in words, in the order the staircase numbers them.
fn steps(f: &Family, g: &Goal, s: &Strings) -> Vec<StepView> {
    let dues: Vec<Option<Date>> = g.delmaal.iter().map(|d| d.frist).collect();
    crate::charts::step_order(&dues)
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let d = &g.delmaal[i];
            let due = d.frist.map(|x| s.fill("fv_due", &[("date", &s.date(x))]));
            let detail = [
                due,
                Some(short_who(f, &d.ansvarlig, s)),
                Some(s.get(&format!("fv_step_{}", d.status.code()))),
            ]
            .into_iter()
            .flatten()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            StepView {
                n: k + 1,
                text: Rich::inline(&d.tekst),
                detail,
                status: d.status.code(),
                state: d.status,
            }
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct Todo {
    pub(crate) who: String,
    pub(crate) what: Rich,
    pub(crate) due: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct Helper {
    pub(crate) name: String,
    pub(crate) role: String,
}

#[derive(Serialize)]
pub(crate) struct Reach {
    pub(crate) contact: Option<String>,
    pub(crate) hours: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct FamilyView {
    pub(crate) dreams: Vec<DreamView>,
    /// Goals still being worked on, each with its staircase.
    pub(crate) goals: Vec<FamilyGoal>,
    /// Goals whose every step is reached.
    pub(crate) reached: Vec<FamilyGoal>,
    /// Open agreements the family takes care of, and those the staff do.
    pub(crate) family_todo: Vec<Todo>,
    pub(crate) staff_todo: Vec<Todo>,
    pub(crate) next_meeting: Option<String>,
    pub(crate) makkerpar: Vec<Helper>,
    /// How and when to reach the pair.
    pub(crate) reach: Reach,
    pub(crate) capabilities: Option<ChartRef>,
    pub(crate) network: Option<ChartRef>,
    pub(crate) lifeline: Vec<LifelineView>,
    /// The municipality's services and what the family decided about them.
    pub(crate) services: Vec<ServiceView>,
    /// The course has ended: no next meeting, and no "before the next meeting" unless
    /// something is still open.
    pub(crate) closed: bool,
}

pub(crate) fn family_view(f: &Family, s: &Strings, cs: &mut PageCharts) -> FamilyView {
    let (d, p) = (&f.familie.data, &f.plan.data);
    let todo = |staff: bool| -> Vec<Todo> {
        let mut list: Vec<&Agreement> = p
            .aftaler
            .iter()
            .filter(|a| a.status == AgreementStatus::Aaben)
            .filter(|a| STAFF_OWNERS.contains(&a.hvem.as_str()) == staff)
            .collect();
        list.sort_by_key(|a| a.frist);
        list.into_iter()
            .map(|a| Todo {
                who: short_who(f, &a.hvem, s),
                what: Rich::inline(&a.hvad),
                due: a.frist.map(|x| s.fill("fv_due", &[("date", &s.date(x))])),
            })
            .collect()
    };
    // The agreed meeting when there is one, else the latest day the cadence allows; none
    // once the course has ended.
    let next_meeting = match (&p.naeste_moede, d.status) {
        (_, Status::Afsluttet) => None,
        (Some(m), _) => Some(meeting(m, s)),
        (None, _) => Some(s.fill(
            "fv_next_meeting_by",
            &[("date", &s.date(p.follow_up_due(d.startdato)))],
        )),
    };
    // The family's own order first (`prioritet`), then the order they were written in.
    let mut ordered: Vec<&Goal> = p.maal.iter().collect();
    ordered.sort_by_key(|g| g.prioritet.unwrap_or(u32::MAX));
    let (reached, goals): (Vec<FamilyGoal>, Vec<FamilyGoal>) = ordered
        .into_iter()
        .map(|g| {
            let reached =
                !g.delmaal.is_empty() && g.delmaal.iter().all(|x| x.status == SubGoalStatus::Naaet);
            FamilyGoal {
                who: short_who(f, &g.hvem, s),
                title: Rich::inline(&g.titel),
                area: AreaIcon(g.omraade),
                area_label: s.get(&format!("area_{}", g.omraade.code())),
                reached,
                chart: if reached {
                    None
                } else {
                    cs.add(s, |m, l| Some(vc::goal(f, g, None, Voice::Family, s, m, l)))
                },
                steps: if reached { Vec::new() } else { steps(f, g, s) },
            }
        })
        .partition(|g| g.reached);
    FamilyView {
        goals,
        reached,
        dreams: p
            .droemme
            .iter()
            .map(|x| DreamView {
                who: short_who(f, &x.hvem, s),
                text: Rich::inline(&x.tekst),
            })
            .collect(),
        family_todo: todo(false),
        staff_todo: todo(true),
        next_meeting,
        makkerpar: vec![
            Helper {
                name: d.makkerpar.jobkonsulent.clone(),
                role: s.get("fv_job_consultant"),
            },
            Helper {
                name: d.makkerpar.familiebehandler.clone(),
                role: s.get("fv_family_worker"),
            },
        ],
        reach: Reach {
            contact: d.makkerpar.contact().map(String::from),
            hours: d.makkerpar.traeffes.clone(),
        },
        capabilities: cs.add(s, |m, _| vc::capabilities(f, p, Voice::Family, s, m)),
        network: cs.add(s, |m, _| vc::network(f, p, Voice::Family, s, m)),
        lifeline: lifeline(f),
        services: services(f, Voice::Family, s),
        closed: d.status == Status::Afsluttet,
    }
}

/// For the staff: whether the family needs an interpreter, and the language of their view
/// when it is not the site's.
#[derive(Serialize)]
pub(crate) struct LanguageView {
    pub(crate) interpreter: Option<String>,
    /// The family view's language by its own name ("English"), when not the site's.
    pub(crate) view: Option<String>,
    pub(crate) view_code: String,
}

pub(crate) fn language_view(
    f: &Family,
    theme: &crate::load::theme::Theme,
    site_lang: &str,
) -> LanguageView {
    let lang = theme.family_language(&f.familie.data, site_lang);
    LanguageView {
        interpreter: f.familie.data.tolk.clone(),
        view: (lang != site_lang).then(|| {
            let s = theme.strings_in(lang);
            s.get("lang_name")
                .cloned()
                .unwrap_or_else(|| lang.to_string())
        }),
        view_code: lang.to_string(),
    }
}

/// A page of the family's own, in the menu its pages share.
#[derive(Serialize)]
pub(crate) struct OwnPage {
    label: String,
    url: super::Route,
    current: bool,
}

/// What a page of the family's own is called, in the family's words.
pub(crate) fn own_page_label(page: crate::routes::Page, s: &Strings) -> String {
    use crate::routes::Page;
    s.get(match page {
        Page::FamilyJourney(_) => "fv_nav_journey",
        Page::Diploma(_) => "diploma",
        _ => "fv_nav_plan",
    })
}

/// The family's own pages (its plan, its journey, its diploma: the pages it is handed) that
/// it has, `here` among them.
pub(crate) fn own_pages(
    i: usize,
    routes: &crate::routes::Routes,
    here: crate::routes::Page,
    s: &Strings,
) -> Vec<OwnPage> {
    use crate::routes::Page;
    Page::handout(i)
        .into_iter()
        .filter(|p| match p {
            Page::FamilyJourney(_) => routes.family_journey(i).is_some(),
            Page::Diploma(_) => routes.diploma(i).is_some(),
            _ => true,
        })
        .map(|p| OwnPage {
            label: own_page_label(p, s),
            url: super::Route(p),
            current: p == here,
        })
        .collect()
}
