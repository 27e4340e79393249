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

#[derive(Serialize)]
pub(crate) struct Figures {
    pub(crate) by_status: Vec<Count>,
    pub(crate) by_trin: Vec<Count>,
    pub(crate) time_in_trin: Vec<TrinTime>,
    pub(crate) who5: Who5Figures,
    pub(crate) employment: Employment,
    pub(crate) funds: Funds,
}

/// How many families under a label.
#[derive(Serialize)]
pub(crate) struct Count {
    pub(crate) label: String,
    pub(crate) count: usize,
}

#[derive(Serialize)]
pub(crate) struct TrinTime {
    pub(crate) trin: u8,
    pub(crate) name: String,
    /// The mean time, in months with one decimal ("2,5"), of the stays that ended.
    pub(crate) months: Option<String>,
    pub(crate) stays: usize,
}

#[derive(Serialize)]
pub(crate) struct Who5Figures {
    /// Adults with at least two WHO-5 scores.
    pub(crate) people: usize,
    /// The mean change from the first score to the latest, signed ("+19,5").
    pub(crate) mean_change: Option<String>,
    /// Of those who started at 50 or below (at risk), how many are now above 50.
    pub(crate) at_risk_start: usize,
    pub(crate) out_of_risk: usize,
}

#[derive(Serialize)]
pub(crate) struct Employment {
    /// Adults whose employment at the start (the journey) and now (familie.yaml) are known;
    /// the changes are by kind ([`crate::model::EMPLOYMENT_KINDS`]).
    pub(crate) known: usize,
    pub(crate) changes: Vec<EmploymentChange>,
}

#[derive(Serialize)]
pub(crate) struct EmploymentChange {
    pub(crate) family: String,
    pub(crate) who: String,
    pub(crate) from: String,
    pub(crate) to: String,
}

#[derive(Serialize)]
pub(crate) struct Funds {
    pub(crate) used: String,
    pub(crate) budget: String,
    pub(crate) percent: u32,
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

/// The team's figures: families by status and by trin, time in each trin, WHO-5, employment
/// and the activity funds.
fn figures(site: &Site, today: Date, s: &Strings) -> Figures {
    let fams = &site.families;
    let by_status = [
        Status::Inviteret,
        Status::Aktiv,
        Status::Udfasning,
        Status::Afsluttet,
    ]
    .into_iter()
    .map(|st| Count {
        label: s.get(&format!("status_{}", st.code())),
        count: fams.iter().filter(|f| f.familie.data.status == st).count(),
    })
    .collect();
    let by_trin = Trin::all()
        .map(|t| {
            let n = fams
                .iter()
                .filter(|f| f.familie.data.status != Status::Afsluttet && f.familie.data.trin == t)
                .count();
            Count {
                label: format!("{} {}", t.number(), s.trin(t)),
                count: n,
            }
        })
        .collect();
    Figures {
        by_status,
        by_trin,
        time_in_trin: time_in_trin(fams, today, s),
        who5: who5(fams, today),
        employment: employment(fams),
        funds: funds(site, today),
    }
}

/// Time in each trin: the stays that ended (the next trin began, or the course did).
fn time_in_trin(fams: &[Family], today: Date, s: &Strings) -> Vec<TrinTime> {
    let mut stays: Vec<Vec<i64>> = vec![Vec::new(); 7];
    for f in fams {
        let d = &f.familie.data;
        for (k, c) in d.trinskift.iter().enumerate() {
            let end = match d.trinskift.get(k + 1) {
                Some(next) => Some(next.fra),
                None if d.status == Status::Afsluttet => d.slutdato,
                None => None,
            };
            if let Some(end) = end.filter(|e| *e <= today) {
                stays[c.trin.number() as usize - 1].push(c.fra.days_until(end).max(0));
            }
        }
    }
    Trin::all()
        .map(|t| {
            let v = &stays[t.number() as usize - 1];
            TrinTime {
                trin: t.number(),
                name: s.trin(t),
                months: (!v.is_empty())
                    .then(|| months(v.iter().sum::<i64>() as f64 / v.len() as f64)),
                stays: v.len(),
            }
        })
        .collect()
}

/// WHO-5: each adult's first score against their latest (up to the day).
fn who5(fams: &[Family], today: Date) -> Who5Figures {
    let mut changes = Vec::new();
    let (mut at_risk_start, mut out_of_risk) = (0, 0);
    for f in fams {
        let mut by: std::collections::BTreeMap<&str, Vec<(Date, i64)>> = Default::default();
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
    }
    let mean_change = (!changes.is_empty()).then(|| {
        let m = changes.iter().sum::<i64>() as f64 / changes.len() as f64;
        let t = format!("{m:+.1}").replace('.', ",");
        t.replace('-', "−")
    });
    Who5Figures {
        people: changes.len(),
        mean_change,
        at_risk_start,
        out_of_risk,
    }
}

/// Employment: at the start (the journey's start situation) against now (familie.yaml).
fn employment(fams: &[Family]) -> Employment {
    let mut known = 0;
    let mut emp = Vec::new();
    for f in fams {
        let Some(r) = &f.rejse else { continue };
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
            // By kind where the texts name one, so "Kontanthjælp, jobparat" and
            // "Kontanthjælp (jobparat)" are the same.
            let kind = |t: &str| {
                crate::model::employment_kind(t)
                    .map(str::to_string)
                    .unwrap_or_else(|| t.to_string())
            };
            let (from, to) = (kind(then), kind(now));
            if !from.eq_ignore_ascii_case(&to) {
                emp.push(EmploymentChange {
                    family: f.familie.data.navn.clone(),
                    who: m.rolle.clone(),
                    from,
                    to,
                });
            }
        }
    }
    Employment {
        known,
        changes: emp,
    }
}

/// Activity funds: what was spent against each family's yearly amount for every year
/// of its course begun by the day.
fn funds(site: &Site, today: Date) -> Funds {
    let fams = &site.families;
    let used: i64 = fams
        .iter()
        .flat_map(|f| &f.plan.data.aktivitetsmidler)
        .filter(|x| x.dato <= today)
        .map(|x| x.beloeb)
        .sum();
    let per_year = site.config.aktivitetsmidler_pr_aar as i64;
    let budget: i64 = fams
        .iter()
        .map(|f| {
            let d = &f.familie.data;
            let end = d.slutdato.filter(|e| *e < today).unwrap_or(today);
            let days = d.startdato.days_until(end).max(0);
            // Every year begun counts whole.
            (days / 365 + 1) * per_year
        })
        .sum();
    let percent = if budget > 0 {
        ((used * 100 + budget / 2) / budget) as u32
    } else {
        0
    };
    Funds {
        used: crate::charts::kr(used),
        budget: crate::charts::kr(budget),
        percent,
    }
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
