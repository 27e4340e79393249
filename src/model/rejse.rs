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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyEvent {
    pub dato: Date,
    pub spor: Track,
    #[serde(default)]
    pub hvem: Vec<String>,
    pub tekst: String,
}
