//! `rejse.yaml`: the citizen journey.

use super::*;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyFile {
    #[serde(default, rename = "før")]
    pub foer: Vec<YearGroup>,
    #[serde(default)]
    pub start: Vec<Situation>,
    #[serde(default)]
    pub efter: Vec<Situation>,
    #[serde(default, rename = "forløb")]
    pub forloeb: Vec<JourneyEvent>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearGroup {
    #[serde(rename = "år")]
    pub aar: i32,
    #[serde(rename = "hændelser")]
    pub haendelser: Vec<String>,
    /// Only on the staff's journey, not on the family's own (by default it is: the years
    /// before hold reports of concern, diagnoses and placements).
    #[serde(default, rename = "kun_personale")]
    pub kun_personale: Option<bool>,
}

/// The five fields of the situation at start and after, per person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    pub hvem: String,
    pub alder: i64,
    pub familie: String,
    pub helbred: String,
    #[serde(rename = "beskæftigelse")]
    pub beskaeftigelse: String,
    pub karakteristik: String,
    /// Only on the staff's journey (by default it is: the situation is the staff's
    /// assessment, in their categories).
    #[serde(default, rename = "kun_personale")]
    pub kun_personale: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyEvent {
    pub dato: Date,
    pub spor: Track,
    #[serde(default)]
    pub hvem: Vec<String>,
    pub tekst: String,
    /// Only on the staff's journey (by default it is on the family's too).
    #[serde(default, rename = "kun_personale")]
    pub kun_personale: Option<bool>,
}

impl YearGroup {
    /// On the family's own journey: not by default (the years before hold reports of
    /// concern, diagnoses and placements).
    pub fn for_family(&self) -> bool {
        self.kun_personale == Some(false)
    }
}

impl Situation {
    /// On the family's own journey: not by default (the staff's assessment, in their
    /// categories).
    pub fn for_family(&self) -> bool {
        self.kun_personale == Some(false)
    }
}

impl JourneyEvent {
    /// On the family's own journey: by default (the events of the course are the family's).
    pub fn for_family(&self) -> bool {
        self.kun_personale != Some(true)
    }
}

impl JourneyFile {
    /// The journey as the family is handed it: what is not only for the staff.
    pub fn for_family(&self) -> JourneyFile {
        JourneyFile {
            foer: self
                .foer
                .iter()
                .filter(|y| y.for_family())
                .cloned()
                .collect(),
            start: self
                .start
                .iter()
                .filter(|x| x.for_family())
                .cloned()
                .collect(),
            efter: self
                .efter
                .iter()
                .filter(|x| x.for_family())
                .cloned()
                .collect(),
            forloeb: self
                .forloeb
                .iter()
                .filter(|e| e.for_family())
                .cloned()
                .collect(),
        }
    }
}
