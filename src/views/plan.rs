//! The staff's plan (`familier/<slug>/index.html`): `plan.md` and `familie.yaml` as the
//! makkerpar reads them, with every goal's staircase, the agreements, the follow-up, the
//! measurements, the network and the funds.

use super::*;

#[derive(Serialize)]
pub(crate) struct SubGoalView {
    /// Its number on the staircase.
    n: usize,
    text: Rich,
    due: Option<String>,
    owner: String,
    status: &'static str,
    status_label: String,
    /// Open and past its deadline on the day the site is drawn for.
    late: bool,
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
    /// Open and past its deadline on the day the site is drawn for.
    late: bool,
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

pub(crate) fn services(f: &Family, voice: figures::Voice, s: &Strings) -> Vec<ServiceView> {
    let family = voice == figures::Voice::Family;
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
    last: Option<String>,
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
    /// The role is trinvis's own text, in the page's language (the pair's, on the diploma),
    /// not words the team wrote.
    pub(crate) fixed_role: bool,
    pub(crate) contact: Option<String>,
    pub(crate) helps: Option<String>,
}

pub(crate) fn lifeline(f: &Family) -> Vec<LifelineView> {
    f.familie
        .data
        .livline
        .iter()
        .map(|l| LifelineView {
            name: l.navn.clone(),
            role: l.rolle.clone(),
            fixed_role: false,
            contact: l.kontakt.clone(),
            helps: l.hjaelper_med.clone(),
        })
        .collect()
}

/// The pair, as the last entry of the livline on the diploma, when the family has a way to
/// reach them (`makkerpar.kontakt`).
pub(crate) fn pair_on_the_lifeline(f: &Family, s: &Strings) -> Option<LifelineView> {
    let m = &f.familie.data.makkerpar;
    let contact = m.contact()?;
    Some(LifelineView {
        name: m.names(&s.get("and")),
        role: s.get("diploma_pair"),
        fixed_role: true,
        contact: Some(match &m.traeffes {
            Some(h) => format!("{contact}, {h}"),
            None => contact.to_string(),
        }),
        helps: None,
    })
}

#[derive(Serialize)]
pub(crate) struct PlanView {
    overview: due::Overview,
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
    #[serde(flatten)]
    measures: MeasureCharts,
    network_chart: Option<ChartRef>,
    funds_chart: Option<ChartRef>,
}

/// The charts of a family's measures, over time: on the staff's plan and in its PDF of the
/// measures (`maalinger.pdf`).
#[derive(Serialize)]
pub(crate) struct MeasureCharts {
    who5_chart: Option<ChartRef>,
    sdq_chart: Option<ChartRef>,
    /// The SDQ's five scales as a profile per child.
    sdq_profile_chart: Option<ChartRef>,
    /// The staff's assessments of functioning level.
    functioning_chart: Option<ChartRef>,
    capabilities_chart: Option<ChartRef>,
    /// What each person lives on over time.
    support_chart: Option<ChartRef>,
}

impl MeasureCharts {
    /// The charts there are, in the order the PDF prints them.
    pub(crate) fn all(&self) -> Vec<ChartRef> {
        [
            self.support_chart,
            self.who5_chart,
            self.sdq_chart,
            self.sdq_profile_chart,
            self.functioning_chart,
            self.capabilities_chart,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The SDQ assessments that have a total, as scores.
fn sdq_totals(p: &crate::model::PlanFile) -> Vec<Score> {
    p.maalinger
        .sdq
        .iter()
        .filter_map(SdqScore::as_total)
        .collect()
}

/// Draw the charts of a family's measures on a page, up to `today`.
pub(crate) fn measure_charts(
    f: &Family,
    s: &Strings,
    cs: &mut PageCharts,
    today: Date,
) -> MeasureCharts {
    let p = &f.plan.data;
    let sdq_totals = sdq_totals(p);
    MeasureCharts {
        capabilities_chart: cs.add(s, |m, _| {
            figures::capabilities(f, p, figures::Voice::Staff, s, m)
        }),
        who5_chart: cs.add(s, |m, l| {
            figures::scores(f, &p.maalinger.who5, &WHO5, "who5_title", s, m, l)
        }),
        sdq_chart: cs.add(s, |m, l| {
            figures::scores(f, &sdq_totals, &SDQ, "sdq_title", s, m, l)
        }),
        sdq_profile_chart: cs.add(s, |m, _| figures::sdq_profile(f, s, m)),
        functioning_chart: cs.add(s, |m, l| figures::functioning(f, s, m, l)),
        support_chart: cs.add(s, |m, l| figures::support(f, s, m, l, today)),
    }
}

pub(crate) fn plan_view(
    f: &Family,
    site: &Site,
    routes: &Routes,
    s: &Strings,
    cs: &mut PageCharts,
    today: Date,
) -> PlanView {
    let p = &f.plan.data;
    // The charts are numbered in the order they are added: goals first, then the rest in
    // the order of the fields below.
    let groups = goal_groups(f, s, cs, today);
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    for e in &p.aktivitetsmidler {
        *years.entry(e.dato.year).or_default() += e.beloeb;
    }
    let budget = site.config.aktivitetsmidler_pr_aar as i64;
    let mut caps: Vec<&CapabilityRating> = p.maalinger.kapabiliteter.iter().collect();
    let sdq_totals = sdq_totals(p);
    caps.sort_by(|a, b| (&a.hvem, a.dato).cmp(&(&b.hvem, b.dato)));
    PlanView {
        overview: due::overview(f, today, s),
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
                late: a.status == AgreementStatus::Aaben && due::late(a.frist, today),
            })
            .collect(),
        services: services(f, figures::Voice::Staff, s),
        followup: followup(f, s),
        who5: scores(f, &p.maalinger.who5, WHO5, s),
        sdq: scores(f, &sdq_totals, SDQ, s),
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
        network_private: network(f, NetworkKind::Privat, s),
        network_professional: network(f, NetworkKind::Professionel, s),
        funds: funds(f, s),
        funds_chart: cs.add(s, |m, _| {
            let y: Vec<(i32, i64, i64)> = years.iter().map(|(y, sp)| (*y, *sp, budget)).collect();
            figures::funds(&y, s, m)
        }),
        mapping: mapping(f, s),
        measures: measure_charts(f, s, cs, today),
        network_chart: cs.add(s, |m, _| {
            figures::network(f, p, figures::Voice::Staff, s, m)
        }),
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

/// The goals, one group for the whole family, then one per member, in the order of
/// familie.yaml; each goal with its staircase, and above it one of the person's dreams, in
/// order (dreams left over are listed on their own).
fn goal_groups(f: &Family, s: &Strings, cs: &mut PageCharts, today: Date) -> Vec<GoalGroup> {
    let p = &f.plan.data;
    let mut order: Vec<&str> = vec![WHOLE_FAMILY];
    order.extend(f.familie.data.medlemmer.iter().map(|m| m.id.as_str()));
    order
        .iter()
        .filter_map(|id| {
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
                .map(|(k, g)| goal(f, g, own_dreams.get(k).copied(), s, cs, today))
                .collect();
            (!dreams.is_empty() || !goals.is_empty()).then(|| GoalGroup {
                who: who_label(f, id, s),
                dreams,
                goals,
            })
        })
        .collect()
}

/// A goal, its steps and its staircase (with the dream above it, if any).
fn goal(
    f: &Family,
    g: &Goal,
    dream: Option<&Dream>,
    s: &Strings,
    cs: &mut PageCharts,
    today: Date,
) -> GoalView {
    GoalView {
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
        // In the order the staircase numbers them.
        subgoals: crate::charts::step_order(&g.delmaal.iter().map(|d| d.frist).collect::<Vec<_>>())
            .into_iter()
            .enumerate()
            .map(|(k, i)| (k + 1, &g.delmaal[i]))
            .map(|(n, d)| SubGoalView {
                n,
                text: md(&d.tekst),
                due: s.opt_date(d.frist),
                owner: who_label(f, &d.ansvarlig, s),
                status: d.status.code(),
                status_label: s.get(&format!("subgoal_{}", d.status.code())),
                late: !matches!(d.status, SubGoalStatus::Naaet | SubGoalStatus::Opgivet)
                    && due::late(d.frist, today),
            })
            .collect(),
        chart: cs.add(s, |m, l| {
            Some(figures::goal(f, g, dream, figures::Voice::Staff, s, m, l))
        }),
    }
}

/// The follow-up: its cadence, the latest meeting and the log, newest first (the next
/// meeting is the overview's).
fn followup(f: &Family, s: &Strings) -> FollowUpView {
    let p = &f.plan.data;
    let mut log: Vec<&FollowUpEntry> = p.opfoelgning.log.iter().collect();
    log.sort_by_key(|e| std::cmp::Reverse(e.dato));
    FollowUpView {
        cadence: p.cadence() as i64,
        last: s.opt_date(p.last_meeting()),
        log: log
            .iter()
            .map(|e| LogView {
                date: s.date(e.dato),
                participants: e.deltagere.join(", "),
                note: md(&e.notat),
            })
            .collect(),
    }
}

/// A measure's scores, by person and date, each with its band.
fn scores(f: &Family, list: &[Score], scale: Scale, s: &Strings) -> Vec<ScoreView> {
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
}

/// The network's people of one kind, the closest first.
fn network(f: &Family, kind: NetworkKind, s: &Strings) -> Vec<NetView> {
    let mut v: Vec<&NetworkEntry> = f
        .plan
        .data
        .netvaerk
        .iter()
        .filter(|n| n.kind == kind)
        .collect();
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
}

/// The activity funds' ledger, oldest first.
fn funds(f: &Family, s: &Strings) -> Vec<FundView> {
    let mut funds: Vec<&FundEntry> = f.plan.data.aktivitetsmidler.iter().collect();
    funds.sort_by_key(|e| e.dato);
    funds
        .into_iter()
        .map(|e| FundView {
            date: s.date(e.dato),
            amount: crate::charts::kr(e.beloeb),
            purpose: e.formaal.clone(),
            who: who_label(f, &e.hvem, s),
        })
        .collect()
}

/// What the mapping found, in Signs of Safety's three columns (those with something in
/// them).
fn mapping(f: &Family, s: &Strings) -> Vec<(String, Vec<Rich>)> {
    let k = &f.plan.data.kortlaegning;
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
}
