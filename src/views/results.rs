//! The team's results (`resultater.html`, `resultater.pdf`), for the team leader's report to
//! the municipality, the way the evaluations present them: WHO-5 and SDQ at the start and now,
//! functioning level per dimension, who moved from public support into work or education, and
//! the time on each trin — for the whole team and for the families that started each year.
//!
//! Privacy: numbers only, never a name; no figure over fewer than [`MIN_PEOPLE`] people or
//! fewer than [`MIN_FAMILIES`] families (the board's rule: three people of one family are that
//! family, and a year of start is often one family), and in the table of moves no count under
//! [`MIN_PEOPLE`] (nor one more, where a single hidden count could be found from the others).
//!
//! "At the start" is each person's first measurement and "now" their latest up to the day the
//! page is drawn for; a person counts in a figure when they have both, on two days.

use super::Strings;
use super::board::{MIN_FAMILIES, TrinTime, time_in_trin};
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// No figure over fewer people than this, so that no one can be recognised in one.
pub(crate) const MIN_PEOPLE: usize = 3;

#[derive(Serialize)]
pub(crate) struct ResultsView {
    /// The day the figures are for, in words.
    pub(crate) date: String,
    /// The rule, in words.
    pub(crate) rule: String,
    pub(crate) groups: Vec<ResultGroup>,
    /// Each measure in plain Danish: (name, what it is and how it is reckoned).
    pub(crate) about: Vec<(String, String)>,
}

/// The figures of a set of families: the whole team, or those that started in a year.
#[derive(Serialize)]
pub(crate) struct ResultGroup {
    /// The id of its part of the page.
    pub(crate) id: String,
    pub(crate) title: String,
    /// "3 familier med 11 personer".
    pub(crate) summary: String,
    pub(crate) tables: Vec<ResultTable>,
    pub(crate) time_in_trin: Vec<TrinTime>,
}

/// A table of figures: a row per figure, its first cell the figure's name.
#[derive(Serialize, Clone)]
pub(crate) struct ResultTable {
    pub(crate) title: String,
    pub(crate) head: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    /// Which columns hold numbers (aligned right).
    pub(crate) numeric: Vec<bool>,
    pub(crate) note: Option<String>,
}

/// A figure's start and now over some people of some families.
struct Figure {
    label: String,
    start: Option<String>,
    now: Option<String>,
    compare: String,
    people: usize,
    families: usize,
}

pub(crate) fn results_view(site: &Site, today: Date, s: &Strings) -> ResultsView {
    let begun: Vec<&Family> = site
        .families
        .iter()
        .filter(|f| f.familie.data.startdato <= today)
        .collect();
    let mut groups = vec![group("alle", s.get("results_all"), &begun, today, s)];
    let years: BTreeSet<i32> = begun
        .iter()
        .map(|f| f.familie.data.startdato.year)
        .collect();
    for y in years {
        let of: Vec<&Family> = begun
            .iter()
            .copied()
            .filter(|f| f.familie.data.startdato.year == y)
            .collect();
        groups.push(group(
            &format!("start-{y}"),
            s.fill("results_year", &[("year", &y.to_string())]),
            &of,
            today,
            s,
        ));
    }
    ResultsView {
        date: s.date(today),
        rule: rule("results_rule", s),
        groups,
        about: ["who5", "sdq", "fn", "support", "moves", "trin", "startnow"]
            .iter()
            .map(|k| {
                (
                    s.get(&format!("results_about_{k}_title")),
                    s.fill(
                        &format!("results_about_{k}"),
                        &[
                            ("n", &MIN_PEOPLE.to_string()),
                            ("families", &MIN_FAMILIES.to_string()),
                            ("population", &SDQ_POPULATION_NORMAL.to_string()),
                        ],
                    ),
                )
            })
            .collect(),
    }
}

/// A text that states the rule, with its numbers.
fn rule(key: &str, s: &Strings) -> String {
    s.fill(
        key,
        &[
            ("n", &MIN_PEOPLE.to_string()),
            ("families", &MIN_FAMILIES.to_string()),
        ],
    )
}

fn group(id: &str, title: String, fams: &[&Family], today: Date, s: &Strings) -> ResultGroup {
    let people: usize = fams.iter().map(|f| f.familie.data.medlemmer.len()).sum();
    let summary = s.fill(
        "results_summary",
        &[("families", &count(fams.len())), ("people", &count(people))],
    );
    ResultGroup {
        id: id.to_string(),
        title,
        summary,
        tables: vec![
            measure_table(s.get("results_who5"), who5(fams, today, s), s),
            measure_table(s.get("results_sdq"), sdq(fams, today, s), s),
            measure_table(s.get("results_fn"), functioning(fams, today, s), s),
            measure_table(s.get("results_support"), support(fams, today, s), s),
            moves(fams, today, s),
        ],
        time_in_trin: time_in_trin(fams, today, s),
    }
}

/// Whether a figure over `people` of `families` may be shown.
fn enough(people: usize, families: usize) -> bool {
    people >= MIN_PEOPLE && families >= MIN_FAMILIES
}

/// A table of figures with their start, now, comparison, people and families; a figure over
/// too few ([`enough`]) shows "–".
fn measure_table(title: String, figures: Vec<Figure>, s: &Strings) -> ResultTable {
    let hidden = figures
        .iter()
        .any(|f| f.people > 0 && !enough(f.people, f.families));
    let shown = |f: &Figure, v: &Option<String>| match v {
        Some(v) if enough(f.people, f.families) => v.clone(),
        _ => "–".to_string(),
    };
    let none = figures.iter().all(|f| f.people == 0);
    ResultTable {
        title,
        head: [
            "results_figure",
            "results_start",
            "results_now",
            "results_compare",
            "results_people",
            "results_families",
        ]
        .iter()
        .map(|k| s.get(k))
        .collect(),
        rows: figures
            .iter()
            .map(|f| {
                vec![
                    f.label.clone(),
                    shown(f, &f.start),
                    shown(f, &f.now),
                    f.compare.clone(),
                    count(f.people),
                    count(f.families),
                ]
            })
            .collect(),
        numeric: vec![false, true, true, false, true, true],
        note: if none {
            Some(s.get("results_none"))
        } else if hidden {
            Some(rule("results_hidden", s))
        } else {
            None
        },
    }
}

/// A figure with nothing to compare it with.
fn figure(
    label: String,
    start: Option<String>,
    now: Option<String>,
    people: usize,
    families: usize,
) -> Figure {
    Figure {
        label,
        start,
        now,
        compare: String::new(),
        people,
        families,
    }
}

/// One decimal, the Danish way: "52,3".
fn decimal(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// A share as a whole percent: "67 %", the sign kept with its number.
fn percent(part: usize, of: usize) -> String {
    format!("{}\u{a0}%", (part * 200 + of) / (2 * of.max(1)))
}

/// The share of `items` that `pred` holds for, as a percent; None of none.
fn share<T>(items: &[T], pred: impl Fn(&T) -> bool) -> Option<String> {
    (!items.is_empty()).then(|| percent(items.iter().filter(|x| pred(x)).count(), items.len()))
}

/// A count the Danish way: "1.250".
fn count(n: usize) -> String {
    crate::charts::kr(n as i64)
}

/// Each person's (first, latest) of the values `of` gives a family, by date up to `today`,
/// when they are on two days; with the number of families they are in.
fn paired<T: Clone>(
    fams: &[&Family],
    today: Date,
    of: impl Fn(&Family) -> Vec<(String, Date, T)>,
) -> (Vec<(T, T)>, usize) {
    let mut pairs = Vec::new();
    let mut families = 0;
    for f in fams {
        let mut all: Vec<(String, Date, T)> = of(f).into_iter().filter(|x| x.1 <= today).collect();
        all.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        let before = pairs.len();
        let mut i = 0;
        while i < all.len() {
            let j = all[i..]
                .iter()
                .position(|x| x.0 != all[i].0)
                .map_or(all.len(), |k| i + k);
            let (a, b) = (&all[i], &all[j - 1]);
            if a.1 < b.1 {
                pairs.push((a.2.clone(), b.2.clone()));
            }
            i = j;
        }
        if pairs.len() > before {
            families += 1;
        }
    }
    (pairs, families)
}

fn mean(v: impl Iterator<Item = f64>) -> Option<f64> {
    let (n, sum) = v.fold((0usize, 0.0), |(n, s), x| (n + 1, s + x));
    (n > 0).then(|| sum / n as f64)
}

fn who5(fams: &[&Family], today: Date, s: &Strings) -> Vec<Figure> {
    let (pairs, families) = paired(fams, today, |f| {
        f.plan
            .data
            .maalinger
            .who5
            .iter()
            .map(|x| (x.hvem.clone(), x.dato, x.score))
            .collect()
    });
    let n = pairs.len();
    let above = |v: i64| v > 50;
    vec![
        figure(
            s.get("results_who5_mean"),
            mean(pairs.iter().map(|p| p.0 as f64)).map(decimal),
            mean(pairs.iter().map(|p| p.1 as f64)).map(decimal),
            n,
            families,
        ),
        figure(
            s.get("results_who5_above"),
            share(&pairs, |p| above(p.0)),
            share(&pairs, |p| above(p.1)),
            n,
            families,
        ),
    ]
}

fn sdq(fams: &[&Family], today: Date, s: &Strings) -> Vec<Figure> {
    let (pairs, families) = paired(fams, today, |f| {
        f.plan
            .data
            .maalinger
            .sdq
            .iter()
            .filter_map(|x| Some((x.hvem.clone(), x.dato, x.total()?)))
            .collect()
    });
    let n = pairs.len();
    let normal = |v: i64| SDQ.band(v) == Band::Green;
    vec![
        Figure {
            label: s.get("results_sdq_normal"),
            start: share(&pairs, |p| normal(p.0)),
            now: share(&pairs, |p| normal(p.1)),
            compare: s.fill(
                "results_sdq_compare",
                &[("population", &SDQ_POPULATION_NORMAL.to_string())],
            ),
            people: n,
            families,
        },
        figure(
            s.get("results_sdq_mean"),
            mean(pairs.iter().map(|p| p.0 as f64)).map(decimal),
            mean(pairs.iter().map(|p| p.1 as f64)).map(decimal),
            n,
            families,
        ),
    ]
}

/// Per dimension (an adult's, then a child's, by age at the first assessment) the mean at
/// the start and now, of the people whose first and latest assessment both have it; then the
/// overall level's median. Dimensions no one has are left out.
fn functioning(fams: &[&Family], today: Date, s: &Strings) -> Vec<Figure> {
    let mut out = Vec::new();
    for (adult, dims) in [
        (true, &ADULT_DIMENSIONS[..]),
        (false, &CHILD_DIMENSIONS[..]),
    ] {
        for k in dims {
            let (pairs, families) = paired(fams, today, |f| {
                f.plan
                    .data
                    .maalinger
                    .funktionsniveau
                    .iter()
                    .filter(|x| {
                        f.member(&x.hvem)
                            .is_some_and(|m| m.adult_on(first_of(f, &x.hvem)) == adult)
                    })
                    .filter_map(|x| Some((x.hvem.clone(), x.dato, *x.vurdering.get(*k)?)))
                    .collect()
            });
            if pairs.is_empty() {
                continue;
            }
            let who = s.get(if adult {
                "results_adults"
            } else {
                "results_children"
            });
            out.push(figure(
                format!("{} ({who})", s.get(&format!("fn_dim_{k}"))),
                mean(pairs.iter().map(|p| p.0 as f64)).map(decimal),
                mean(pairs.iter().map(|p| p.1 as f64)).map(decimal),
                pairs.len(),
                families,
            ));
        }
    }
    let (pairs, families) = paired(fams, today, |f| {
        f.plan
            .data
            .maalinger
            .funktionsniveau
            .iter()
            .filter_map(|x| {
                let l = OVERALL_LEVELS
                    .iter()
                    .position(|a| Some(*a) == x.samlet.as_deref())?;
                Some((x.hvem.clone(), x.dato, l))
            })
            .collect()
    });
    if !pairs.is_empty() {
        let median = |mut v: Vec<usize>| {
            v.sort_unstable();
            OVERALL_LEVELS[v[v.len() / 2]].to_string()
        };
        out.push(figure(
            s.get("results_fn_overall"),
            Some(median(pairs.iter().map(|p| p.0).collect())),
            Some(median(pairs.iter().map(|p| p.1).collect())),
            pairs.len(),
            families,
        ));
    }
    if out.is_empty() {
        out.push(figure(s.get("fn_title"), None, None, 0, 0));
    }
    out
}

/// The day of a person's first assessment of functioning level (their age then decides
/// whether they are counted as an adult or a child throughout).
fn first_of(f: &Family, who: &str) -> Date {
    f.plan
        .data
        .maalinger
        .funktionsniveau
        .iter()
        .filter(|x| x.hvem == who)
        .map(|x| x.dato)
        .min()
        .unwrap_or(f.familie.data.startdato)
}

/// How many days into the course the first entry of support still counts as the start.
const START_GRACE: i64 = 91;

/// A person's support at the start of the family's course (the entry in force on its first
/// day, or one written in its first three months) and now (the entry in force on `today`), with the weeks of the
/// course they lived on public support; None without an entry by `today`.
struct Course {
    start: SupportGroup,
    now: SupportGroup,
    public_weeks: f64,
}

fn courses(f: &Family, today: Date) -> Vec<Course> {
    let d = &f.familie.data;
    let end = d.slutdato.filter(|e| *e < today).unwrap_or(today);
    let mut out = Vec::new();
    for m in &d.medlemmer {
        let mut list: Vec<&SupportEntry> = f
            .plan
            .data
            .forsoergelse
            .iter()
            .filter(|e| e.hvem == m.id && e.fra <= today)
            .collect();
        list.sort_by_key(|e| e.fra);
        let Some(first) = list.first() else {
            continue;
        };
        let at = |day: Date| list.iter().rev().find(|e| e.fra <= day).copied();
        // What they lived on on the family's first day; written a little late, the first
        // entry of the course's first three months. Without either, no start to count from.
        let Some(start) = at(d.startdato)
            .or_else(|| Some(*first).filter(|e| d.startdato.days_until(e.fra) <= START_GRACE))
        else {
            continue;
        };
        let Some(now) = at(today) else { continue };
        // The days of the course on public support: each entry's stretch, within the course.
        let mut days = 0;
        for (i, e) in list.iter().enumerate() {
            let to = list.get(i + 1).map_or(end, |n| n.fra.min(end));
            let from = e.fra.max(d.startdato);
            if e.slags.group() == SupportGroup::Public && from < to {
                days += from.days_until(to);
            }
        }
        out.push(Course {
            start: start.slags.group(),
            now: now.slags.group(),
            public_weeks: days as f64 / 7.0,
        });
    }
    out
}

fn support(fams: &[&Family], today: Date, s: &Strings) -> Vec<Figure> {
    let mut all = Vec::new();
    let mut families = 0;
    for f in fams {
        let c = courses(f, today);
        if !c.is_empty() {
            families += 1;
        }
        all.extend(c);
    }
    let n = all.len();
    let working = |g: SupportGroup| matches!(g, SupportGroup::Work | SupportGroup::Education);
    vec![
        figure(
            s.get("results_support_work"),
            share(&all, |c| working(c.start)),
            share(&all, |c| working(c.now)),
            n,
            families,
        ),
        figure(
            s.get("results_support_public"),
            share(&all, |c| c.start == SupportGroup::Public),
            share(&all, |c| c.now == SupportGroup::Public),
            n,
            families,
        ),
        figure(
            s.get("results_support_weeks"),
            None,
            mean(all.iter().map(|c| c.public_weeks)).map(|w| format!("{w:.0}")),
            n,
            families,
        ),
    ]
}

/// The moves from the start to now between the groups of support: a row per group at the
/// start, a column per group now. A count under [`MIN_PEOPLE`] is hidden, and where that
/// hides one count only in a row or a column, the smallest other count of it too, so that
/// no hidden count can be found from the totals.
fn moves(fams: &[&Family], today: Date, s: &Strings) -> ResultTable {
    let per: Vec<Vec<Course>> = fams.iter().map(|f| courses(f, today)).collect();
    let families = per.iter().filter(|c| !c.is_empty()).count();
    let all: Vec<Course> = per.into_iter().flatten().collect();
    let g = SupportGroup::ALL;
    let mut counts = [[0usize; 4]; 4];
    for c in &all {
        counts[c.start as usize][c.now as usize] += 1;
    }
    let mut hide = suppress(&counts);
    if families < MIN_FAMILIES {
        hide = counts.map(|row| row.map(|n| n > 0));
    }
    let name = |x: SupportGroup| s.get(&format!("support_group_{}", x.code()));
    let mut head = vec![s.get("results_moves_from")];
    head.extend(g.iter().map(|x| name(*x)));
    let rows = g
        .iter()
        .enumerate()
        .filter(|(i, _)| counts[*i].iter().any(|n| *n > 0))
        .map(|(i, x)| {
            let mut row = vec![name(*x)];
            row.extend((0..4).map(|j| {
                if hide[i][j] {
                    "–".to_string()
                } else {
                    count(counts[i][j])
                }
            }));
            row
        })
        .collect();
    let any_hidden = hide.iter().flatten().any(|h| *h);
    ResultTable {
        title: s.get("results_moves"),
        head,
        rows,
        numeric: vec![false, true, true, true, true],
        note: if all.is_empty() {
            Some(s.get("results_none"))
        } else {
            let mut n = s.fill("results_moves_note", &[("people", &all.len().to_string())]);
            if any_hidden {
                n = format!("{n} {}", rule("results_moves_hidden", s));
            }
            Some(n)
        },
    }
}

/// Which counts to hide: every one from 1 to under [`MIN_PEOPLE`], and then, as long as a row
/// or a column has exactly one hidden count, its smallest shown count above 0 too.
fn suppress(counts: &[[usize; 4]; 4]) -> [[bool; 4]; 4] {
    let mut hide = [[false; 4]; 4];
    for i in 0..4 {
        for j in 0..4 {
            hide[i][j] = counts[i][j] > 0 && counts[i][j] < MIN_PEOPLE;
        }
    }
    loop {
        let mut changed = false;
        // Rows, then columns: the cells of each line as (row, column).
        let lines = (0..4)
            .map(|i| (0..4).map(|j| (i, j)).collect::<Vec<_>>())
            .chain((0..4).map(|j| (0..4).map(|i| (i, j)).collect::<Vec<_>>()));
        for line in lines {
            if line.iter().filter(|(i, j)| hide[*i][*j]).count() != 1 {
                continue;
            }
            let other = line
                .iter()
                .filter(|(i, j)| !hide[*i][*j] && counts[*i][*j] > 0)
                .min_by_key(|(i, j)| counts[*i][*j]);
            if let Some((i, j)) = other {
                hide[*i][*j] = true;
                changed = true;
            }
        }
        if !changed {
            return hide;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_hidden_count_takes_another_with_it() {
        let mut c = [[0; 4]; 4];
        c[0][1] = 2; // public → work: 2, hidden
        c[0][0] = 5; // public → public: 5
        c[1][1] = 4; // work → work: 4
        let h = suppress(&c);
        assert!(h[0][1]);
        // Row 0 had one hidden: 5 goes too; column 1 had one: 4 goes too.
        assert!(h[0][0] && h[1][1]);
        // Nothing with 3 or more and alone.
        let mut c = [[0; 4]; 4];
        c[0][0] = 3;
        c[1][1] = 7;
        assert_eq!(suppress(&c), [[false; 4]; 4]);
    }

    #[test]
    fn shares_round_half_up_and_decimals_have_a_comma() {
        assert_eq!(percent(2, 3), "67\u{a0}%");
        assert_eq!(percent(1, 8), "13\u{a0}%");
        assert_eq!(percent(0, 0), "0\u{a0}%");
        assert_eq!(count(1250), "1.250");
        assert_eq!(decimal(52.25), "52,2");
        assert_eq!(decimal(40.0), "40,0");
    }
}
