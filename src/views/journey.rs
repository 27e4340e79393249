//! The citizen journey (`rejse.yaml`): the years before, the situation at the start and
//! after, and the events of the course on their tracks.

use super::*;

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
        timeline: cs.add(s, |m, l| figures::journey(f, j, s, m, l)),
    }
}
