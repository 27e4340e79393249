//! The team's board (`tavle.html`), for the tavlemøde: every active family in the column of
//! its trin, what is overdue on the day the site is drawn for, this week's and next week's
//! meetings and deadlines, and the team's figures.
//!
//! Privacy: the board shows pseudonyms, the pair, dates, goals and agreements as the plans
//! name them (without their words where those name a diagnosis), and numbers; never a
//! follow-up's notes or a journey's text.

use super::due::{Flag, FlagCount, counts, dated, day, flags};
use super::{Route, Strings, trin_chapter};
use crate::model::{Date, Family, Site, Status, Trin, WHO5};
use crate::routes::Page;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize)]
pub(crate) struct BoardView {
    /// The day the board is for, in words.
    pub(crate) date: String,
    pub(crate) columns: Vec<Column>,
    /// How many flags of each kind, for the line above the columns.
    pub(crate) flag_counts: Vec<FlagCount>,
    pub(crate) weeks: Vec<Week>,
    pub(crate) figures: Figures,
}

#[derive(Serialize)]
pub(crate) struct Column {
    pub(crate) trin: u8,
    pub(crate) name: String,
    pub(crate) chapter: Option<Route>,
    pub(crate) cards: Vec<Card>,
}

#[derive(Serialize)]
pub(crate) struct Card {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) url: Route,
    pub(crate) pair: String,
    pub(crate) status_label: String,
    /// Since when the family is on its trin, and for how many weeks.
    pub(crate) since: Option<String>,
    pub(crate) weeks_on_trin: Option<i64>,
    pub(crate) next_meeting: Option<String>,
    pub(crate) flags: Vec<Flag>,
}

#[derive(Serialize)]
pub(crate) struct Week {
    pub(crate) title: String,
    pub(crate) items: Vec<Due>,
}

/// A meeting or a deadline on a day.
#[derive(Serialize)]
pub(crate) struct Due {
    #[serde(skip)]
    pub(crate) day: Date,
    pub(crate) date: String,
    pub(crate) family: String,
    pub(crate) url: Route,
    pub(crate) what: String,
}

/// The team's figures, as a table: each with how many families it covers and how it is
/// reckoned. No figure is shown over fewer than [`MIN_FAMILIES`] families.
#[derive(Serialize)]
pub(crate) struct Figures {
    /// The rule, in words.
    pub(crate) rule: String,
    pub(crate) rows: Vec<FigureRow>,
    /// Time on each trin, a table of its own, and how it is reckoned.
    pub(crate) time_in_trin: Vec<TrinTime>,
    pub(crate) time_about: String,
}

/// No figure over fewer families than this, so that no family can be recognised in one.
pub(crate) const MIN_FAMILIES: usize = 3;

/// A figure: its name, its value ("–" when it covers too few families or none), the
/// families it covers, and how it is reckoned.
#[derive(Serialize)]
pub(crate) struct FigureRow {
    pub(crate) label: String,
    pub(crate) value: String,
    pub(crate) families: usize,
    /// Why there is no value ("færre end 3 familier").
    pub(crate) note: Option<String>,
    pub(crate) about: String,
}

#[derive(Serialize)]
pub(crate) struct TrinTime {
    pub(crate) trin: u8,
    pub(crate) name: String,
    /// The mean time of the stays that ended, "2,5 mdr.", or "–".
    pub(crate) mean: String,
    pub(crate) stays: usize,
    pub(crate) families: usize,
    pub(crate) note: Option<String>,
}

/// Months of one decimal, the Danish way ("2,5").
fn months(days: f64) -> String {
    format!("{:.1}", days / (365.25 / 12.0)).replace('.', ",")
}

pub(crate) fn board_view(site: &Site, today: Date, s: &Strings) -> BoardView {
    let active: Vec<(usize, &Family)> = site
        .families
        .iter()
        .enumerate()
        .filter(|(_, f)| f.familie.data.status != Status::Afsluttet)
        .collect();
    let mut columns: Vec<Column> = Trin::all()
        .map(|t| Column {
            trin: t.number(),
            name: s.trin(t),
            chapter: trin_chapter(site, t).map(|j| Route(Page::Chapter(j))),
            cards: Vec::new(),
        })
        .collect();
    for &(i, f) in &active {
        let d = &f.familie.data;
        let since = d.trin_since();
        let card = Card {
            slug: f.slug.clone(),
            name: d.navn.clone(),
            url: Route(Page::Plan(i)),
            pair: format!(
                "{} & {}",
                d.makkerpar.jobkonsulent, d.makkerpar.familiebehandler
            ),
            status_label: s.get(&format!("status_{}", d.status.code())),
            since: since.map(|x| s.date(x)),
            weeks_on_trin: since.map(|x| x.days_until(today).max(0) / 7),
            next_meeting: f
                .plan
                .data
                .naeste_moede
                .as_ref()
                .filter(|m| m.dato >= today)
                .map(|m| s.date(m.dato)),
            flags: flags(f, today, s),
        };
        if let Some(c) = columns.get_mut(d.trin.number() as usize - 1) {
            c.cards.push(card);
        }
    }
    let flag_counts = counts(
        columns.iter().flat_map(|c| &c.cards).flat_map(|c| &c.flags),
        s,
        "board_kind_",
        true,
    );
    BoardView {
        date: s.date(today),
        columns,
        flag_counts,
        weeks: weeks(&active, today, s),
        figures: figures(site, today, s),
    }
}

/// This week's and next week's meetings and deadlines (Monday to Sunday).
fn weeks(active: &[(usize, &Family)], today: Date, s: &Strings) -> Vec<Week> {
    let monday = today.to_days() - today.weekday() as i64;
    // This week's and next week's, as they are met.
    let mut weeks: [Vec<Due>; 2] = Default::default();
    for &(i, f) in active {
        for (d, what) in dated(f, s) {
            let week = (d.to_days() - monday).div_euclid(7);
            let Some(list) = usize::try_from(week).ok().and_then(|w| weeks.get_mut(w)) else {
                continue;
            };
            list.push(Due {
                day: d,
                date: day(d, s),
                family: f.familie.data.navn.clone(),
                url: Route(Page::Plan(i)),
                what,
            })
        }
    }
    [("board_this_week", 0), ("board_next_week", 7)]
        .into_iter()
        .zip(weeks)
        .map(|((key, from), mut items)| {
            items.sort_by(|a, b| (a.day, &a.family, &a.what).cmp(&(b.day, &b.family, &b.what)));
            let start = Date::from_days(monday + from);
            let end = Date::from_days(monday + from + 6);
            Week {
                title: format!("{} ({} – {})", s.get(key), s.date(start), s.date(end)),
                items,
            }
        })
        .collect()
}

/// A figure's value over `families`, or "–" with the reason when they are fewer than
/// [`MIN_FAMILIES`] or there is nothing to reckon yet (`value` None).
fn shown(value: Option<String>, families: usize, s: &Strings) -> (String, Option<String>) {
    match value {
        _ if families < MIN_FAMILIES => (
            "–".to_string(),
            Some(s.fill("board_too_few", &[("n", &MIN_FAMILIES.to_string())])),
        ),
        Some(v) => (v, None),
        None => ("–".to_string(), Some(s.get("board_no_figures"))),
    }
}

/// A row of the figures' table ([`shown`]), with how it is reckoned (the string `about`).
fn figure(
    label: String,
    value: Option<String>,
    families: usize,
    about: &str,
    s: &Strings,
) -> FigureRow {
    let (value, note) = shown(value, families, s);
    FigureRow {
        label,
        value,
        families,
        note,
        about: s.get(about),
    }
}

/// The team's figures: families by status and by trin, WHO-5, employment, the activity funds,
/// and the time on each trin.
fn figures(site: &Site, today: Date, s: &Strings) -> Figures {
    let fams = &site.families;
    let join = |v: Vec<String>| v.join(" · ");
    let by_status = join(
        [
            Status::Inviteret,
            Status::Aktiv,
            Status::Udfasning,
            Status::Afsluttet,
        ]
        .into_iter()
        .map(|st| {
            let n = fams.iter().filter(|f| f.familie.data.status == st).count();
            format!("{}: {n}", s.get(&format!("status_{}", st.code())))
        })
        .collect(),
    );
    let active = fams
        .iter()
        .filter(|f| f.familie.data.status != Status::Afsluttet)
        .count();
    let by_trin = join(
        Trin::all()
            .map(|t| {
                let n = fams
                    .iter()
                    .filter(|f| {
                        f.familie.data.status != Status::Afsluttet && f.familie.data.trin == t
                    })
                    .count();
                format!("{} {}: {n}", t.number(), s.trin(t))
            })
            .collect(),
    );
    let (who5, who5_families) = who5(fams, today, s);
    let (employment, employment_families) = employment(fams, s);
    let (funds, funds_families) = funds(site, today, s);
    Figures {
        rule: s.fill("board_rule", &[("n", &MIN_FAMILIES.to_string())]),
        rows: vec![
            figure(
                s.get("board_by_status"),
                Some(by_status),
                fams.len(),
                "board_about_status",
                s,
            ),
            figure(
                s.get("board_by_trin"),
                Some(by_trin),
                active,
                "board_about_trin",
                s,
            ),
            figure("WHO-5".into(), who5, who5_families, "board_about_who5", s),
            figure(
                s.get("board_employment"),
                employment,
                employment_families,
                "board_about_employment",
                s,
            ),
            figure(
                s.get("board_funds"),
                funds,
                funds_families,
                "board_about_funds",
                s,
            ),
        ],
        time_in_trin: time_in_trin(&fams.iter().collect::<Vec<_>>(), today, s),
        time_about: s.get("board_about_time"),
    }
}

/// Time on each trin: the stays that ended (the next trin began, or the course did), and the
/// families they are of.
pub(crate) fn time_in_trin(fams: &[&Family], today: Date, s: &Strings) -> Vec<TrinTime> {
    let mut stays: Vec<Vec<i64>> = vec![Vec::new(); 7];
    let mut families: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 7];
    for (i, f) in fams.iter().enumerate() {
        let d = &f.familie.data;
        for (k, c) in d.trinskift.iter().enumerate() {
            let end = match d.trinskift.get(k + 1) {
                Some(next) => Some(next.fra),
                None if d.status == Status::Afsluttet => d.slutdato,
                None => None,
            };
            if let Some(end) = end.filter(|e| *e <= today) {
                let t = c.trin.number() as usize - 1;
                stays[t].push(c.fra.days_until(end).max(0));
                families[t].insert(i);
            }
        }
    }
    Trin::all()
        .map(|t| {
            let k = t.number() as usize - 1;
            let (v, n) = (&stays[k], families[k].len());
            let mean = (!v.is_empty()).then(|| {
                format!(
                    "{} {}",
                    months(v.iter().sum::<i64>() as f64 / v.len() as f64),
                    s.get("board_months")
                )
            });
            let (mean, note) = shown(mean, n, s);
            TrinTime {
                trin: t.number(),
                name: s.trin(t),
                mean,
                stays: v.len(),
                families: n,
                note,
            }
        })
        .collect()
}

/// WHO-5: each adult's first score against their latest (up to the day); the families of
/// the adults with two scores.
fn who5(fams: &[Family], today: Date, s: &Strings) -> (Option<String>, usize) {
    let mut changes = Vec::new();
    let (mut at_risk_start, mut out_of_risk, mut families) = (0, 0, 0);
    for f in fams {
        let mut by: BTreeMap<&str, Vec<(Date, i64)>> = BTreeMap::new();
        for sc in f
            .plan
            .data
            .maalinger
            .who5
            .iter()
            .filter(|x| x.dato <= today)
        {
            by.entry(sc.hvem.as_str())
                .or_default()
                .push((sc.dato, sc.score));
        }
        let before = changes.len();
        for v in by.values_mut() {
            v.sort();
            if v.len() < 2 {
                continue;
            }
            let (first, last) = (v[0].1, v[v.len() - 1].1);
            changes.push(last - first);
            let safe = |x: i64| WHO5.band(x) == crate::model::Band::Green;
            if !safe(first) {
                at_risk_start += 1;
                if safe(last) {
                    out_of_risk += 1;
                }
            }
        }
        if changes.len() > before {
            families += 1;
        }
    }
    let value = (!changes.is_empty()).then(|| {
        let m = changes.iter().sum::<i64>() as f64 / changes.len() as f64;
        let mean = format!("{m:+.1}").replace('.', ",").replace('-', "−");
        s.fill(
            "board_who5_value",
            &[
                ("mean", &mean),
                ("people", &changes.len().to_string()),
                ("out", &out_of_risk.to_string()),
                ("start", &at_risk_start.to_string()),
            ],
        )
    });
    (value, families)
}

/// Employment: at the start (the journey's start situation) against now (familie.yaml), by
/// kind where the texts name one, so "Kontanthjælp, jobparat" and "Kontanthjælp
/// (jobparat)" are the same.
fn employment(fams: &[Family], s: &Strings) -> (Option<String>, usize) {
    let (mut known, mut changed, mut families) = (0, 0, 0);
    let kind = |t: &str| {
        crate::model::employment_kind(t)
            .map(str::to_string)
            .unwrap_or_else(|| t.to_string())
    };
    for f in fams {
        let Some(r) = &f.rejse else { continue };
        let before = known;
        for st in &r.data.start {
            let Some(m) = f.member(&st.hvem) else {
                continue;
            };
            let Some(now) = m.beskaeftigelse.as_deref().map(str::trim) else {
                continue;
            };
            let then = st.beskaeftigelse.trim();
            if then.is_empty() || now.is_empty() {
                continue;
            }
            known += 1;
            if !kind(then).eq_ignore_ascii_case(&kind(now)) {
                changed += 1;
            }
        }
        if known > before {
            families += 1;
        }
    }
    let value = (known > 0).then(|| {
        s.fill(
            "board_employment_value",
            &[("n", &changed.to_string()), ("of", &known.to_string())],
        )
    });
    (value, families)
}

/// Activity funds: what was spent against each family's yearly amount for every year of its
/// course begun by the day; the families whose course has begun.
fn funds(site: &Site, today: Date, s: &Strings) -> (Option<String>, usize) {
    let begun: Vec<&Family> = site
        .families
        .iter()
        .filter(|f| f.familie.data.startdato <= today)
        .collect();
    let used: i64 = begun
        .iter()
        .flat_map(|f| &f.plan.data.aktivitetsmidler)
        .filter(|x| x.dato <= today)
        .map(|x| x.beloeb)
        .sum();
    let per_year = site.config.aktivitetsmidler_pr_aar as i64;
    let budget: i64 = begun
        .iter()
        .map(|f| {
            let d = &f.familie.data;
            let end = d.slutdato.filter(|e| *e < today).unwrap_or(today);
            let days = d.startdato.days_until(end).max(0);
            // Every year begun counts whole.
            (days / 365 + 1) * per_year
        })
        .sum();
    let value = (budget > 0).then(|| {
        let percent = (used * 100 + budget / 2) / budget;
        s.fill(
            "board_funds_value",
            &[
                ("used", &crate::charts::kr(used)),
                ("budget", &crate::charts::kr(budget)),
                ("percent", &percent.to_string()),
            ],
        )
    });
    (value, begun.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employment_by_kind() {
        use crate::model::employment_kind as k;
        assert_eq!(
            k("Kontanthjælp (aktivitetsparat), virksomhedspraktik 12 timer"),
            Some("Kontanthjælp")
        );
        assert_eq!(k("Sygedagpenge, jobafklaring"), Some("Sygedagpenge"));
        assert_eq!(k("Ordinært job, 37 timer om ugen"), Some("Ordinært job"));
        assert_eq!(k("Uddannelse (SOSU-hjælper)"), Some("Uddannelse"));
        assert_eq!(k("Hjemmegående"), None);
    }

    #[test]
    fn months_the_danish_way() {
        assert_eq!(months(76.0), "2,5");
    }
}
