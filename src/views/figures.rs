//! The charts of the family pages, built from the model with labels from the strings file.
//! Each comes with its description in words and its numbers as a table.

use super::{Strings, who_label};
use crate::charts::{self, Chart, DataTable, Labels, kr};
use crate::draw::font::Metrics;
use crate::draw::scene::Caption;
use crate::model::*;
use serde::{Serialize, Serializer};

/// The charts of one page, in the order they were drawn. Views refer to them by number
/// ([`ChartRef`]), so an output kind draws each chart straight from its scene.
pub struct PageCharts<'m> {
    metrics: Option<&'m Metrics>,
    pub list: Vec<Chart>,
    labels: Option<Labels>,
    /// The charts in the list by a hash of their title and description: a chart drawn again
    /// (the trin of every family in the same trin, on the front page) is kept once.
    by_caption: std::collections::HashMap<u64, Vec<usize>>,
}

impl<'m> PageCharts<'m> {
    /// `metrics` None draws no charts (only to measure what they cost).
    pub fn new(metrics: Option<&'m Metrics>) -> PageCharts<'m> {
        PageCharts {
            metrics,
            list: Vec::new(),
            labels: None,
            by_caption: std::collections::HashMap::new(),
        }
    }

    /// Whether charts are drawn at all.
    pub fn draws(&self) -> bool {
        self.metrics.is_some()
    }

    /// Draw a chart (if there is anything to draw) and give its number on the page: the
    /// number of the same chart drawn before, if there is one.
    pub fn add(
        &mut self,
        s: &Strings,
        draw: impl FnOnce(&Metrics, &Labels) -> Option<Chart>,
    ) -> Option<ChartRef> {
        use std::hash::{Hash, Hasher};
        let m = self.metrics?;
        let labels = self.labels.get_or_insert_with(|| s.chart_labels());
        let c = draw(m, labels)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&c.wide.title, &c.wide.desc).hash(&mut h);
        let same = self.by_caption.entry(h.finish()).or_default();
        if let Some(&n) = same.iter().find(|&&n| self.list[n] == c) {
            return Some(ChartRef(n));
        }
        same.push(self.list.len());
        self.list.push(c);
        Some(ChartRef(self.list.len() - 1))
    }
}

/// A chart in a view: its number in the page's [`PageCharts`]. Serialised as
/// `{"$chart": n}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartRef(pub usize);

pub const CHART_TAG: &str = "$chart";

impl Serialize for ChartRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        super::tagged(s, CHART_TAG, &self.0)
    }
}

impl Strings<'_> {
    /// A text with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut t = self.get(key);
        for (k, v) in values {
            t = t.replace(&format!("{{{k}}}"), v);
        }
        t
    }

    /// Month names as charts use them: "jan.", "maj", "jun." (or `month_short_N` where a
    /// language shortens its months otherwise, or not at all).
    pub fn chart_labels(&self) -> Labels {
        let months = std::array::from_fn(|i| {
            if let Some(short) = self.0.get(&format!("month_short_{}", i + 1)) {
                return short.clone();
            }
            let full = self.get(&format!("month_{}", i + 1));
            if full.chars().count() <= 4 {
                full
            } else {
                let short: String = full.chars().take(3).collect();
                format!("{short}.")
            }
        });
        Labels {
            months,
            date_format: self
                .0
                .get("date_format")
                .cloned()
                .unwrap_or_else(|| "{d}. {m} {y}".into()),
            rtl: super::text_direction(self.0) == "rtl",
        }
    }
}

/// A chart drawn wide and narrow by `draw(width)`, with its numbers.
fn chart(
    caption: Caption,
    draw: impl Fn(f32, Caption) -> crate::draw::scene::Scene,
    s: &Strings,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Chart {
    Chart {
        wide: draw(charts::WIDE, caption.clone()),
        narrow: draw(charts::NARROW, caption),
        table: DataTable {
            summary: s.get("chart_numbers"),
            head,
            rows,
        },
        parts: Vec::new(),
    }
}

/// The 7 trin with the family's place among them.
pub(crate) fn trin(f: &Family, s: &Strings, m: &Metrics) -> Chart {
    let d = &f.familie.data;
    let names: Vec<String> = Trin::all().map(|t| s.trin(t)).collect();
    let finished = d.status == Status::Afsluttet;
    let desc = if finished {
        s.get("trin_chart_done")
    } else {
        s.fill(
            "trin_chart_desc",
            &[("n", &d.trin.to_string()), ("name", &s.trin(d.trin))],
        )
    };
    // Named with the family: the front page has one for each, each with its numbers.
    let caption = Caption {
        title: format!("{} – {}", s.get("trin_chart_title"), d.navn),
        desc,
    };
    let scene = |w: f32, caption: Caption| {
        charts::trin_path(m, w, &names, d.trin.number(), finished, caption)
    };
    // The description says it all; the table lists the trin with their state.
    let rows = Trin::all()
        .map(|t| {
            let state = match d.trin_state(t) {
                TrinState::Done => s.get("trin_state_done"),
                TrinState::Current => s.get("trin_state_current"),
                TrinState::Todo => String::new(),
            };
            vec![t.to_string(), s.trin(t), state]
        })
        .collect();
    chart(
        caption,
        scene,
        s,
        vec![s.get("trin"), s.get("trin_name"), s.get("status")],
        rows,
    )
}

/// Whose words a chart speaks in: the staff's, or plain words for the family's own plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Voice {
    Staff,
    Family,
}

/// The staircase of one goal, with the dream it serves.
pub(crate) fn goal(
    f: &Family,
    g: &Goal,
    dream: Option<&Dream>,
    voice: Voice,
    s: &Strings,
    m: &Metrics,
    labels: &Labels,
) -> Chart {
    let steps: Vec<charts::GoalStep> = g
        .delmaal
        .iter()
        .map(|d| {
            let (due, owner, status) = match voice {
                Voice::Staff => (
                    d.frist
                        .map(|x| format!("{} {}", s.get("due"), labels.date(x)))
                        .unwrap_or_else(|| s.get("no_due")),
                    who_label(f, &d.ansvarlig, s),
                    s.get(&format!("subgoal_{}", d.status.code())),
                ),
                Voice::Family => (
                    d.frist
                        .map(|x| s.fill("fv_due", &[("date", &labels.date(x))]))
                        .unwrap_or_default(),
                    super::short_who(f, &d.ansvarlig, s),
                    s.get(&format!("fv_step_{}", d.status.code())),
                ),
            };
            charts::GoalStep {
                text: rich_plain(&d.tekst),
                due: d.frist,
                status: d.status,
                detail: s.fill(
                    "goal_chart_detail",
                    &[("due", &due), ("owner", &owner), ("status", &status)],
                ),
            }
        })
        .collect();
    let title = rich_plain(&g.titel);
    let done = g
        .delmaal
        .iter()
        .filter(|d| d.status == SubGoalStatus::Naaet)
        .count();
    let mut desc = s.fill(
        "goal_chart_desc",
        &[
            ("done", &done.to_string()),
            ("total", &g.delmaal.len().to_string()),
        ],
    );
    let mut open: Vec<&SubGoal> = g
        .delmaal
        .iter()
        .filter(|d| matches!(d.status, SubGoalStatus::IGang | SubGoalStatus::IkkeStartet))
        .collect();
    open.sort_by_key(|d| d.frist);
    if let Some(next) = open.first() {
        desc.push(' ');
        desc.push_str(
            &s.fill(
                "goal_chart_next",
                &[
                    ("text", &rich_plain(&next.tekst)),
                    (
                        "due",
                        &next
                            .frist
                            .map(|x| labels.date(x))
                            .unwrap_or_else(|| s.get("no_due")),
                    ),
                ],
            ),
        );
    }
    let dream_text = dream.map(|d| rich_plain(&d.tekst));
    let dream_who = dream.map(|d| who_label(f, &d.hvem, s));
    let caption = Caption {
        title: s.fill("goal_chart_title", &[("goal", &title)]),
        desc,
    };
    let scene = |w: f32, caption: Caption| {
        charts::goal_staircase(
            m,
            w,
            labels,
            &title,
            dream_who.as_deref().zip(dream_text.as_deref()),
            f.familie.data.startdato,
            &steps,
            caption,
        )
    };
    // No table of numbers: the page sets the steps in words right under the picture.
    chart(caption, scene, s, Vec::new(), Vec::new())
}

fn rich_plain(t: &str) -> String {
    super::rich::Rich::inline(t).plain()
}

/// Each person's first capability ratings against their latest.
pub(crate) fn capabilities(
    f: &Family,
    p: &PlanFile,
    voice: Voice,
    s: &Strings,
    m: &Metrics,
) -> Option<Chart> {
    let mut people: Vec<&str> = Vec::new();
    for r in &p.maalinger.kapabiliteter {
        if !people.contains(&r.hvem.as_str()) {
            people.push(&r.hvem);
        }
    }
    if people.is_empty() {
        return None;
    }
    let mut persons = Vec::new();
    let mut rows = Vec::new();
    let mut desc = vec![s.get("capabilities_desc")];
    for who in people {
        let mut list: Vec<&CapabilityRating> = p
            .maalinger
            .kapabiliteter
            .iter()
            .filter(|r| r.hvem == who)
            .collect();
        list.sort_by_key(|r| r.dato);
        let first = list.first().copied();
        let latest = list
            .last()
            .copied()
            .filter(|l| list.len() > 1 && Some(l.dato) != first.map(|f| f.dato));
        let value = |r: Option<&CapabilityRating>, c: Capability| {
            r.and_then(|r| r.ratings().into_iter().find(|x| x.0 == c).map(|x| x.1))
        };
        let name = match voice {
            Voice::Staff => who_label(f, who, s),
            Voice::Family => super::short_who(f, who, s),
        };
        let mut parts = Vec::new();
        let cap_rows: Vec<(String, Option<i64>, Option<i64>)> = Capability::ALL
            .iter()
            .filter(|c| value(first, **c).is_some() || value(latest, **c).is_some())
            .map(|c| {
                let label = s.get(&format!("capability_{}", c.code()));
                let (a, b) = (value(first, *c), value(latest, *c));
                let show = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
                parts.push(match b {
                    Some(b) => format!("{label} {} → {b}", show(a)),
                    None => format!("{label} {}", show(a)),
                });
                rows.push(vec![name.clone(), label.clone(), show(a), show(b)]);
                (label, a, b)
            })
            .collect();
        desc.push(format!("{name}: {}.", parts.join(", ")));
        // Each person's own dates: people are not always rated on the same day.
        let when = match (first, latest) {
            (Some(a), Some(b)) => format!(" – {} → {}", s.date(a.dato), s.date(b.dato)),
            (Some(a), None) => format!(" – {}", s.date(a.dato)),
            _ => String::new(),
        };
        persons.push(charts::CapabilityPerson {
            who: format!("{name}{when}"),
            rows: cap_rows,
        });
    }
    let first_label = s.get("capabilities_first");
    let latest_label = s.get("capabilities_latest");
    let caption = Caption {
        title: s.get("capabilities_title"),
        desc: desc.join(" "),
    };
    let scene = |w: f32, caption: Caption| {
        charts::capabilities(m, w, &persons, &first_label, &latest_label, caption)
    };
    Some(chart(
        caption,
        scene,
        s,
        vec![
            s.get("who"),
            s.get("capability"),
            s.get("capabilities_first"),
            s.get("capabilities_latest"),
        ],
        rows,
    ))
}

/// WHO-5 or SDQ over time, a panel per person.
pub(crate) fn scores(
    f: &Family,
    list: &[Score],
    scale: &Scale,
    title_key: &str,
    s: &Strings,
    m: &Metrics,
    labels: &Labels,
) -> Option<Chart> {
    if list.is_empty() {
        return None;
    }
    let mut people: Vec<&str> = Vec::new();
    for x in list {
        if !people.contains(&x.hvem.as_str()) {
            people.push(&x.hvem);
        }
    }
    let band_label = |b: Band| s.get(&format!("{}_{}", scale.code, b.code()));
    let mut persons = Vec::new();
    let mut desc = vec![s.get("scores_desc")];
    let mut rows = Vec::new();
    for who in people {
        let mut pts: Vec<(Date, i64)> = list
            .iter()
            .filter(|x| x.hvem == who)
            .map(|x| (x.dato, x.score))
            .collect();
        pts.sort();
        let name = who_label(f, who, s);
        let said: Vec<String> = pts
            .iter()
            .map(|(d, v)| format!("{v} ({})", s.date(*d)))
            .collect();
        desc.push(format!("{name}: {}.", said.join(" → ")));
        rows.extend(pts.iter().map(|(d, v)| {
            vec![
                name.clone(),
                s.date(*d),
                v.to_string(),
                band_label(scale.band(*v)),
            ]
        }));
        persons.push(charts::ScorePerson {
            who: name,
            points: pts,
        });
    }
    let bands: Vec<String> = scale.bands.iter().map(|b| band_label(b.2)).collect();
    let caption = Caption {
        title: s.get(title_key),
        desc: desc.join(" "),
    };
    let scene =
        |w: f32, caption: Caption| charts::scores(m, w, labels, scale, &bands, &persons, caption);
    Some(chart(
        caption,
        scene,
        s,
        vec![s.get("who"), s.get("date"), s.get("score"), s.get("band")],
        rows,
    ))
}

/// The people some measure names, in the order of familie.yaml, then anyone else it names
/// (validation has reported them), in the order first named.
fn people_of<'a>(f: &'a Family, named: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let named: Vec<&str> = named.collect();
    let mut people: Vec<&str> = f
        .familie
        .data
        .medlemmer
        .iter()
        .map(|m| m.id.as_str())
        .filter(|id| named.contains(id))
        .collect();
    for id in named {
        if !people.contains(&id) {
            people.push(id);
        }
    }
    people
}

/// "first → latest" of a list by date, as the profile and the captions say it.
fn span_words(s: &Strings, first: Date, latest: Option<Date>) -> String {
    match latest {
        Some(l) => format!("{} → {}", s.date(first), s.date(l)),
        None => s.date(first),
    }
}

/// Each child's SDQ profile: the five scales and the total, the first assessment with any
/// scale written against the latest. None when no SDQ has a scale (the totals have their own
/// chart over time).
pub(crate) fn sdq_profile(f: &Family, s: &Strings, m: &Metrics) -> Option<Chart> {
    let all: Vec<&SdqScore> = f
        .plan
        .data
        .maalinger
        .sdq
        .iter()
        .filter(|x| x.problems().iter().any(Option::is_some) || x.prosocial.is_some())
        .collect();
    if all.is_empty() {
        return None;
    }
    let mut names: Vec<String> = SDQ_PROBLEM_SCALES
        .iter()
        .chain(&["prosocial"])
        .map(|k| s.get(&format!("sdq_scale_{k}")))
        .collect();
    names.push(s.get("sdq_total"));
    let mut scales: Vec<Scale> = SDQ_SCALES.to_vec();
    scales.push(SDQ);
    let mut persons = Vec::new();
    let mut rows = Vec::new();
    let mut desc = vec![s.get("sdq_profile_desc")];
    for who in people_of(f, all.iter().map(|x| x.hvem.as_str())) {
        let mut list: Vec<&SdqScore> = all.iter().copied().filter(|x| x.hvem == who).collect();
        list.sort_by_key(|x| x.dato);
        let name = who_label(f, who, s);
        let values = |x: &SdqScore| {
            let [a, b, c, d] = x.problems();
            [a, b, c, d, x.prosocial, x.total()]
        };
        let (Some(first), last) = (list.first(), list.last().filter(|_| list.len() > 1)) else {
            continue;
        };
        let (a, b) = (values(first), last.map(|l| values(l)));
        let profile: Vec<charts::ProfileRow> = (0..6)
            .map(|i| charts::ProfileRow {
                name: names[i].clone(),
                scale: scales[i],
                first: a[i],
                latest: b.and_then(|b| b[i]),
            })
            .collect();
        let said: Vec<String> = profile
            .iter()
            .map(|r| {
                let band = |v: i64| s.get(&format!("sdq_band_{}", r.scale.band(v).code()));
                let v = |x: Option<i64>| {
                    x.map_or("–".to_string(), |v| {
                        format!("{v} ({})", band(v).to_lowercase())
                    })
                };
                match b {
                    Some(_) => format!("{} {} → {}", r.name, v(r.first), v(r.latest)),
                    None => format!("{} {}", r.name, v(r.first)),
                }
            })
            .collect();
        let when = span_words(s, first.dato, last.map(|l| l.dato));
        desc.push(format!("{name}, {when}: {}.", said.join(", ")));
        for x in &list {
            let show = |v: Option<i64>| v.map_or("–".to_string(), |v| v.to_string());
            let mut row = vec![name.clone(), s.date(x.dato)];
            row.extend(values(x).into_iter().map(show));
            rows.push(row);
        }
        persons.push(charts::SdqPerson {
            who: format!("{name} – {when}"),
            rows: profile,
        });
    }
    let bands =
        [Band::Green, Band::Amber, Band::Red].map(|b| s.get(&format!("sdq_band_{}", b.code())));
    let (first, latest) = (s.get("capabilities_first"), s.get("capabilities_latest"));
    let caption = Caption {
        title: s.get("sdq_profile_title"),
        desc: desc.join(" "),
    };
    let scene = |w: f32, caption: Caption| {
        charts::sdq_profile(m, w, &persons, &bands, &first, &latest, caption)
    };
    let mut head = vec![s.get("who"), s.get("date")];
    head.extend(names);
    Some(chart(caption, scene, s, head, rows))
}

/// Each person's functioning level: a grid of the dimensions by assessment, and a table with
/// a row per assessment.
pub(crate) fn functioning(f: &Family, s: &Strings, m: &Metrics, labels: &Labels) -> Option<Chart> {
    let all = &f.plan.data.maalinger.funktionsniveau;
    if all.is_empty() {
        return None;
    }
    let people = people_of(f, all.iter().map(|x| x.hvem.as_str()));
    // The table's columns: every dimension any assessment of the family has, an adult's first.
    let dims: Vec<&str> = {
        let mut v: Vec<&str> = Vec::new();
        for k in ADULT_DIMENSIONS.iter().chain(&CHILD_DIMENSIONS) {
            if !v.contains(k) && all.iter().any(|x| x.vurdering.contains_key(*k)) {
                v.push(k);
            }
        }
        v
    };
    let dim_name = |k: &str| s.get(&format!("fn_dim_{k}"));
    let mut persons = Vec::new();
    let mut rows = Vec::new();
    let mut desc = vec![s.get("fn_desc")];
    for id in people {
        let mut list: Vec<&Functioning> = all.iter().filter(|x| x.hvem == id).collect();
        list.sort_by_key(|x| x.dato);
        let name = who_label(f, id, s);
        // A child's dimensions first for a child; "sundhed" is both an adult's and a child's.
        let child = f.member(id).is_some_and(|m| !m.adult_on(list[0].dato));
        let (a, b) = if child {
            (&CHILD_DIMENSIONS[..], &ADULT_DIMENSIONS[..])
        } else {
            (&ADULT_DIMENSIONS[..], &CHILD_DIMENSIONS[..])
        };
        let mut keys: Vec<&str> = Vec::new();
        for k in a.iter().chain(b) {
            if !keys.contains(k) && list.iter().any(|x| x.vurdering.contains_key(*k)) {
                keys.push(k);
            }
        }
        let (first, latest) = (list[0], list[list.len() - 1]);
        let mut said = vec![match list.len() {
            1 => s.fill("fn_desc_one", &[("date", &s.date(first.dato))]),
            n => s.fill(
                "fn_desc_many",
                &[
                    ("n", &n.to_string()),
                    ("first", &s.date(first.dato)),
                    ("latest", &s.date(latest.dato)),
                ],
            ),
        }];
        let show = |v: Option<i64>| v.map_or("–".to_string(), |v| v.to_string());
        for k in &keys {
            let (x, y) = (
                first.vurdering.get(*k).copied(),
                latest.vurdering.get(*k).copied(),
            );
            said.push(if list.len() > 1 {
                format!("{} {} → {}", dim_name(k), show(x), show(y))
            } else {
                format!("{} {}", dim_name(k), show(x))
            });
        }
        let level = |x: &Functioning| x.samlet.clone().unwrap_or_else(|| "–".into());
        said.push(if list.len() > 1 {
            format!(
                "{} {} → {}",
                s.get("fn_overall"),
                level(first),
                level(latest)
            )
        } else {
            format!("{} {}", s.get("fn_overall"), level(first))
        });
        desc.push(format!("{name}: {}.", said.join(", ")));
        for x in &list {
            let mut row = vec![name.clone(), s.date(x.dato), level(x)];
            row.extend(dims.iter().map(|k| show(x.vurdering.get(*k).copied())));
            rows.push(row);
        }
        persons.push(charts::FunctioningPerson {
            who: name,
            dates: list
                .iter()
                .map(|x| {
                    [
                        labels.months[x.dato.month as usize - 1].clone(),
                        x.dato.year.to_string(),
                    ]
                })
                .collect(),
            rows: keys
                .iter()
                .map(|k| {
                    (
                        dim_name(k),
                        list.iter().map(|x| x.vurdering.get(*k).copied()).collect(),
                    )
                })
                .collect(),
            overall: (
                s.get("fn_overall"),
                list.iter().map(|x| x.samlet.clone()).collect(),
            ),
        });
    }
    let scale: [String; 5] = std::array::from_fn(|i| s.get(&format!("fn_value_{i}")));
    let caption = Caption {
        title: s.get("fn_title"),
        desc: desc.join(" "),
    };
    let scene = |w: f32, caption: Caption| charts::functioning(m, w, &persons, &scale, caption);
    let mut head = vec![s.get("who"), s.get("date"), s.get("fn_overall")];
    head.extend(dims.iter().map(|k| dim_name(k)));
    Some(chart(caption, scene, s, head, rows))
}

/// Each person's support history as a track to `today`, with a table of the entries.
pub(crate) fn support(
    f: &Family,
    s: &Strings,
    m: &Metrics,
    labels: &Labels,
    today: Date,
) -> Option<Chart> {
    let all = &f.plan.data.forsoergelse;
    if all.is_empty() {
        return None;
    }
    let what = |e: &SupportEntry| s.get(&format!("support_{}", e.slags.code()));
    let group = |g: SupportGroup| s.get(&format!("support_group_{}", g.code()));
    let mut persons = Vec::new();
    let mut rows = Vec::new();
    let mut desc = vec![s.get("support_desc")];
    for id in people_of(f, all.iter().map(|e| e.hvem.as_str())) {
        let mut list: Vec<&SupportEntry> = all.iter().filter(|e| e.hvem == id).collect();
        list.sort_by_key(|e| e.fra);
        // What is written for a day after the one drawn for is not yet so.
        let known: Vec<&SupportEntry> = list.iter().copied().filter(|e| e.fra <= today).collect();
        let name = who_label(f, id, s);
        let said: Vec<String> = list
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    s.fill("support_from_day", &[("date", &s.date(e.fra))]),
                    what(e)
                )
            })
            .collect();
        desc.push(format!("{name}: {}.", said.join(", ")));
        for e in &list {
            rows.push(vec![
                name.clone(),
                s.date(e.fra),
                what(e),
                e.timer.map(|t| t.to_string()).unwrap_or_default(),
                group(e.slags.group()),
            ]);
        }
        let now = match known.last() {
            Some(e) => {
                let mut w = what(e);
                if let Some(t) = e.timer {
                    w = format!(
                        "{w}, {}",
                        s.fill("support_hours_n", &[("n", &t.to_string())])
                    );
                }
                s.fill("support_now", &[("what", &w), ("date", &s.date(e.fra))])
            }
            None => s.get("support_none_yet"),
        };
        persons.push(charts::SupportPerson {
            who: name,
            stretches: known
                .iter()
                .map(|e| charts::SupportStretch {
                    from: e.fra,
                    name: what(e),
                    group: e.slags.group(),
                })
                .collect(),
            now,
        });
    }
    let groups: [String; 4] = SupportGroup::ALL.map(group);
    let caption = Caption {
        title: s.get("support_title"),
        desc: desc.join(" "),
    };
    let scene = |w: f32, caption: Caption| {
        charts::support_track(m, w, labels, &persons, &groups, today, caption)
    };
    Some(chart(
        caption,
        scene,
        s,
        vec![
            s.get("who"),
            s.get("support_from"),
            s.get("support_what"),
            s.get("support_hours"),
            s.get("support_group"),
        ],
        rows,
    ))
}

/// The network map. In the family's voice its words are the family's (`fv_` strings):
/// "Familie og venner" and "Folk, der hjælper jer i deres arbejde", not "private" and
/// "professionelle relationer".
pub(crate) fn network(
    f: &Family,
    p: &PlanFile,
    voice: Voice,
    s: &Strings,
    m: &Metrics,
) -> Option<Chart> {
    if p.netvaerk.is_empty() {
        return None;
    }
    let say = |k: &str| match voice {
        Voice::Family => s.get(&format!("fv_{k}")),
        Voice::Staff => s.get(k),
    };
    let mut list: Vec<&NetworkEntry> = p.netvaerk.iter().collect();
    list.sort_by_key(|n| n.naerhed);
    let nodes: Vec<charts::NetworkNode> = list
        .iter()
        .map(|n| charts::NetworkNode {
            name: n.navn.clone(),
            relation: match &n.hvem {
                Some(h) if h != WHOLE_FAMILY => format!(
                    "{} ({})",
                    n.relation,
                    f.member(h)
                        .map(|m| m.navn.clone())
                        .unwrap_or_else(|| who_label(f, h, s))
                ),
                _ => n.relation.clone(),
            },
            helps: n.kan_hjaelpe_med.clone(),
            closeness: n.naerhed,
            professional: n.kind == NetworkKind::Professionel,
        })
        .collect();
    let private = nodes.iter().filter(|n| !n.professional).count();
    let desc = s.fill(
        &match voice {
            Voice::Family => "fv_network_desc".to_string(),
            Voice::Staff => "network_desc".to_string(),
        },
        &[
            ("n", &nodes.len().to_string()),
            ("private", &private.to_string()),
            ("professional", &(nodes.len() - private).to_string()),
        ],
    );
    let rings = [
        s.get("closeness_1"),
        s.get("closeness_2"),
        s.get("closeness_3"),
    ];
    let caption = Caption {
        title: say("network"),
        desc,
    };
    let scene = |w: f32, caption: Caption| {
        charts::network_map(
            m,
            w,
            &f.familie.data.navn,
            &nodes,
            [&say("network_private"), &say("network_professional")],
            [&rings[0], &rings[1], &rings[2]],
            caption,
        )
    };
    let rows = list
        .iter()
        .map(|n| {
            vec![
                n.navn.clone(),
                n.relation.clone(),
                say(if n.kind == NetworkKind::Professionel {
                    "network_professional"
                } else {
                    "network_private"
                }),
                s.get(&format!("closeness_{}", n.naerhed.clamp(1, 3))),
                n.kan_hjaelpe_med.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Some(chart(
        caption,
        scene,
        s,
        vec![
            say("network"),
            say("relation"),
            say("network_kind"),
            say("closeness"),
            s.get("can_help_with"),
        ],
        rows,
    ))
}

/// Activity funds spent per year against the budget: (year, spent, budget).
pub(crate) fn funds(years: &[(i32, i64, i64)], s: &Strings, m: &Metrics) -> Option<Chart> {
    if years.is_empty() {
        return None;
    }
    let fy: Vec<charts::FundYear> = years
        .iter()
        .map(|&(year, spent, budget)| charts::FundYear {
            year,
            spent,
            budget,
            label: if spent > budget {
                s.fill(
                    "funds_label_over",
                    &[
                        ("spent", &kr(spent)),
                        ("budget", &kr(budget)),
                        ("over", &kr(spent - budget)),
                    ],
                )
            } else {
                s.fill(
                    "funds_label",
                    &[
                        ("spent", &kr(spent)),
                        ("budget", &kr(budget)),
                        ("left", &kr(budget - spent)),
                    ],
                )
            },
        })
        .collect();
    let desc: Vec<String> = fy
        .iter()
        .map(|y| format!("{}: {}.", y.year, y.label))
        .collect();
    let rows = fy
        .iter()
        .map(|y| vec![y.year.to_string(), kr(y.spent), kr(y.budget)])
        .collect();
    let caption = Caption {
        title: s.get("funds_chart_title"),
        desc: desc.join(" "),
    };
    let scene = |w: f32, caption: Caption| charts::funds(m, w, &fy, caption);
    Some(chart(
        caption,
        scene,
        s,
        vec![s.get("year"), s.get("spent"), s.get("budget")],
        rows,
    ))
}

/// The borgerrejse on its four tracks.
pub(crate) fn journey(
    f: &Family,
    j: &JourneyFile,
    s: &Strings,
    m: &Metrics,
    labels: &Labels,
) -> Option<Chart> {
    if j.forloeb.is_empty() {
        return None;
    }
    let tracks: Vec<String> = Track::ALL
        .iter()
        .map(|t| s.get(&format!("track_{}", t.code())))
        .collect();
    let mut events: Vec<&JourneyEvent> = j.forloeb.iter().collect();
    events.sort_by_key(|e| e.dato);
    let ev: Vec<charts::JourneyEvent> = events
        .iter()
        .map(|e| charts::JourneyEvent {
            date: e.dato,
            track: Track::ALL.iter().position(|t| *t == e.spor).unwrap_or(0),
            initials: e
                .hvem
                .iter()
                .map(|h| {
                    f.member(h)
                        .map(|m| charts::initials(&m.navn))
                        .unwrap_or_else(|| charts::initials(&who_label(f, h, s)))
                })
                .collect(),
            text: rich_plain(&e.tekst),
        })
        .collect();
    let years: Vec<i32> = j.foer.iter().map(|y| y.aar).collect();
    let before = match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) => {
            let years = if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            };
            Some(s.fill("journey_before_span", &[("years", &years)]))
        }
        _ => None,
    };
    let after = (!j.efter.is_empty()).then(|| s.get("journey_after_span"));
    let (from, to) = (events[0].dato, events[events.len() - 1].dato);
    let desc = s.fill(
        "journey_chart_desc",
        &[
            ("n", &events.len().to_string()),
            ("from", &s.date(from)),
            ("to", &s.date(to)),
        ],
    );
    let d = &f.familie.data;
    let caption = Caption {
        title: s.get("journey_chart_title"),
        desc,
    };
    let scene = |w: f32, caption: Caption| {
        charts::journey_timeline(
            m,
            w,
            labels,
            &tracks,
            &ev,
            (d.startdato, d.slutdato),
            (before.clone(), after.clone()),
            caption,
        )
    };
    let rows = events
        .iter()
        .map(|e| {
            vec![
                s.date(e.dato),
                s.get(&format!("track_{}", e.spor.code())),
                e.hvem
                    .iter()
                    .map(|h| who_label(f, h, s))
                    .collect::<Vec<_>>()
                    .join(", "),
                rich_plain(&e.tekst),
            ]
        })
        .collect();
    let mut c = chart(
        caption.clone(),
        scene,
        s,
        vec![s.get("date"), s.get("track"), s.get("who"), s.get("what")],
        rows,
    );
    if c.wide.height > charts::PART {
        c.parts = charts::runs(ev.len(), charts::PART, |a, b| {
            let part = &ev[a..b];
            let (first, last) = (part.first(), part.last());
            charts::journey_timeline(
                m,
                charts::WIDE,
                labels,
                &tracks,
                part,
                (first.map_or(d.startdato, |e| e.date), last.map(|e| e.date)),
                (
                    before.clone().filter(|_| a == 0),
                    after.clone().filter(|_| b == ev.len()),
                ),
                caption.clone(),
            )
        });
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::assert_well_laid_out;
    use crate::routes::Routes;

    /// Every chart of every family of the bundled example, wide and narrow: inside its
    /// picture, and no two labels overlapping.
    #[test]
    fn every_example_chart_is_well_laid_out() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (config, _) = crate::config::load(root);
        let (loaded, diags) = crate::load::load(root, config);
        assert!(!diags.has_errors(), "{diags}");
        let theme = loaded.theme.as_ref().unwrap();
        let m = theme.metrics.as_ref().unwrap();
        let (routes, _) = Routes::build(root, &loaded.site);
        let s = Strings(&theme.strings);
        let mut cs = PageCharts::new(Some(m));
        for (i, f) in loaded.site.families.iter().enumerate() {
            super::super::summary(&loaded.site, i, &routes, &s, &mut cs);
            super::super::plan_view(
                f,
                &loaded.site,
                &routes,
                &s,
                &mut cs,
                Date::new(2026, 11, 24).unwrap(),
            );
            if let Some(j) = &f.rejse {
                super::super::journey_view(f, &j.data, &s, &mut cs);
            }
        }
        assert!(cs.list.len() > 25, "{}", cs.list.len());
        for c in &cs.list {
            assert_well_laid_out(&c.wide, m);
            assert_well_laid_out(&c.narrow, m);
        }
    }
}
