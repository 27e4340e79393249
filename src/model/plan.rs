//! `plan.md`: the family's plan — dreams, goals and steps, agreements, follow-up,
//! measurements, network and funds.

use super::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    #[serde(default)]
    pub opdateret: Option<Date>,
    #[serde(default, rename = "drømme")]
    pub droemme: Vec<Dream>,
    #[serde(default, rename = "mål")]
    pub maal: Vec<Goal>,
    #[serde(default)]
    pub aftaler: Vec<Agreement>,
    #[serde(default, rename = "opfølgning")]
    pub opfoelgning: FollowUp,
    #[serde(default, rename = "målinger")]
    pub maalinger: Measurements,
    #[serde(default, rename = "netværk")]
    pub netvaerk: Vec<NetworkEntry>,
    #[serde(default)]
    pub aktivitetsmidler: Vec<FundEntry>,
    /// The next meeting, when it is agreed.
    #[serde(default, rename = "næste_møde")]
    pub naeste_moede: Option<Meeting>,
    /// What the mapping in trin 3 found, in Signs of Safety's three columns.
    #[serde(default, rename = "kortlægning")]
    pub kortlaegning: Mapping,
    /// The family's overview of the municipality's services and what they decided about
    /// each.
    #[serde(default)]
    pub familieprioritering: Vec<Service>,
    /// What each adult (and young person) lives on, from which day: the support history.
    #[serde(default, rename = "forsørgelse")]
    pub forsoergelse: Vec<SupportEntry>,
}

/// A service or effort of the municipality in the family's life (indsats, tilbud), and the
/// family's decision about it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// What it is, e.g. "Samtaler i jobcentret hver 14. dag".
    pub indsats: String,
    pub forvaltning: Administration,
    /// For whom: a member's id or `familien`.
    pub hvem: String,
    #[serde(default)]
    pub siden: Option<Date>,
    #[serde(default)]
    pub beslutning: Option<Decision>,
    /// When it was decided.
    #[serde(default)]
    pub dato: Option<Date>,
    /// Why, in the family's words.
    #[serde(default)]
    pub hvorfor: Option<String>,
}

/// Signs of Safety's three columns: what goes well, what worries us, what is needed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default, rename = "går_godt")]
    pub gaar_godt: Vec<MappingItem>,
    #[serde(default)]
    pub bekymrer: Vec<MappingItem>,
    #[serde(default)]
    pub skal_til: Vec<MappingItem>,
}

/// One point of the mapping, for the whole family or one member.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingItem {
    pub tekst: String,
    #[serde(default)]
    pub hvem: Option<String>,
}

/// An agreed meeting: the day, and optionally the time and the place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub dato: Date,
    #[serde(default)]
    pub tid: Option<String>,
    #[serde(default)]
    pub sted: Option<String>,
}

impl PlanFile {
    /// Months between follow-up meetings, within 1–12.
    pub fn cadence(&self) -> u32 {
        self.opfoelgning.kadence_maaneder.clamp(1, 12) as u32
    }

    /// The last follow-up meeting held.
    pub fn last_meeting(&self) -> Option<Date> {
        self.opfoelgning.log.iter().map(|e| e.dato).max()
    }

    /// The latest day the next follow-up meeting may be held: the last one in the log (or,
    /// before the first, the course's `start`) plus the cadence.
    pub fn follow_up_due(&self, start: Date) -> Date {
        self.last_meeting()
            .unwrap_or(start)
            .add_months(self.cadence())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dream {
    pub hvem: String,
    pub tekst: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub titel: String,
    /// `familien` or a member id.
    pub hvem: String,
    #[serde(rename = "område")]
    pub omraade: Area,
    #[serde(default)]
    pub kapabilitet: Option<Capability>,
    #[serde(default, rename = "delmål")]
    pub delmaal: Vec<SubGoal>,
    /// The family's own order of importance (1 first); goals without one come after.
    #[serde(default)]
    pub prioritet: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubGoal {
    pub tekst: String,
    /// Required; optional here so validation can point at the sub-goal that lacks it.
    #[serde(default)]
    pub frist: Option<Date>,
    pub ansvarlig: String,
    #[serde(default)]
    pub status: SubGoalStatus,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub hvem: String,
    pub hvad: String,
    #[serde(default)]
    pub frist: Option<Date>,
    #[serde(default)]
    pub status: AgreementStatus,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Months between follow-up meetings (3 in most teams, 4 in some).
    #[serde(default = "default_cadence", rename = "kadence_måneder")]
    pub kadence_maaneder: i64,
    #[serde(default)]
    pub log: Vec<FollowUpEntry>,
}

fn default_cadence() -> i64 {
    3
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            kadence_maaneder: default_cadence(),
            log: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpEntry {
    pub dato: Date,
    #[serde(default)]
    pub deltagere: Vec<String>,
    pub notat: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurements {
    #[serde(default)]
    pub who5: Vec<Score>,
    #[serde(default)]
    pub sdq: Vec<SdqScore>,
    #[serde(default)]
    pub kapabiliteter: Vec<CapabilityRating>,
    #[serde(default, rename = "funktionsniveau")]
    pub funktionsniveau: Vec<Functioning>,
}

/// The staff's professional assessment of a person's functioning level (funktionsniveau),
/// every third month or so: each dimension 0–4 (0 no problem … 4 complete), adults on
/// [`ADULT_DIMENSIONS`], children on [`CHILD_DIMENSIONS`], and an overall level A–E that is its
/// own judgement, not an average.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Functioning {
    pub dato: Date,
    pub hvem: String,
    /// The overall level, A (no problem) to E (complete).
    #[serde(default)]
    pub samlet: Option<String>,
    /// Dimension (its YAML key) → 0–4.
    #[serde(default)]
    pub vurdering: BTreeMap<String, i64>,
}

/// An adult's ten dimensions of functioning level, as YAML keys.
pub const ADULT_DIMENSIONS: [&str; 10] = [
    "fysisk_funktionsnedsættelse",
    "psykisk_funktionsnedsættelse",
    "sociale_problemer",
    "egenomsorg",
    "mobilitet",
    "kommunikation",
    "sundhed",
    "praktiske_opgaver",
    "socialt_liv",
    "samfundsliv",
];

/// A child's five dimensions of functioning level, as YAML keys.
pub const CHILD_DIMENSIONS: [&str; 5] = [
    "skole_og_læring",
    "sundhed",
    "fritid_og_venskaber",
    "udvikling_og_adfærd",
    "familierelationer",
];

/// The overall levels, A (no problem) to E (complete).
pub const OVERALL_LEVELS: [&str; 5] = ["A", "B", "C", "D", "E"];

/// From a day on, what a person lives on (forsørgelse), and for a job its hours a week.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportEntry {
    pub hvem: String,
    pub fra: Date,
    pub slags: Support,
    #[serde(default)]
    pub timer: Option<i64>,
}

/// An SDQ: the total difficulties score (0–40), or the four problem scales it is the sum of
/// (0–10 each), or both (then they must agree); and the strengths scale (prosocial, 0–10,
/// higher is better), which is not part of the total.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdqScore {
    pub dato: Date,
    pub hvem: String,
    #[serde(default)]
    pub score: Option<i64>,
    #[serde(default, rename = "følelsesmæssige")]
    pub foelelsesmaessige: Option<i64>,
    #[serde(default, rename = "adfærd")]
    pub adfaerd: Option<i64>,
    #[serde(default)]
    pub hyperaktivitet: Option<i64>,
    #[serde(default)]
    pub kammerater: Option<i64>,
    #[serde(default)]
    pub prosocial: Option<i64>,
}

/// SDQ's four problem scales, in the order of the questionnaire: their YAML keys.
pub const SDQ_PROBLEM_SCALES: [&str; 4] =
    ["følelsesmæssige", "adfærd", "hyperaktivitet", "kammerater"];

impl SdqScore {
    /// The four problem scales, in [`SDQ_PROBLEM_SCALES`]' order.
    pub fn problems(&self) -> [Option<i64>; 4] {
        [
            self.foelelsesmaessige,
            self.adfaerd,
            self.hyperaktivitet,
            self.kammerater,
        ]
    }

    /// The sum of the four problem scales, when all four are written.
    pub fn sum(&self) -> Option<i64> {
        self.problems().into_iter().sum()
    }

    /// The total difficulties score: as written, or else the sum of the problem scales.
    pub fn total(&self) -> Option<i64> {
        self.score.or_else(|| self.sum())
    }

    /// The score as one number on the total's scale, for the charts and tables of totals.
    pub fn as_total(&self) -> Option<Score> {
        Some(Score {
            dato: self.dato,
            hvem: self.hvem.clone(),
            score: self.total()?,
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub dato: Date,
    pub hvem: String,
    pub score: i64,
}

/// Own 1–10 ratings per capability (not the licensed Outcomes Star scales).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityRating {
    pub dato: Date,
    pub hvem: String,
    #[serde(default)]
    pub arbejde: Option<i64>,
    #[serde(default)]
    pub sundhed: Option<i64>,
    #[serde(default, rename = "fællesskab")]
    pub faellesskab: Option<i64>,
    #[serde(default)]
    pub relationer: Option<i64>,
}

impl CapabilityRating {
    /// (capability, rating) for each rating given.
    pub fn ratings(&self) -> Vec<(Capability, i64)> {
        [
            (Capability::Arbejde, self.arbejde),
            (Capability::Sundhed, self.sundhed),
            (Capability::Faellesskab, self.faellesskab),
            (Capability::Relationer, self.relationer),
        ]
        .into_iter()
        .filter_map(|(c, v)| v.map(|v| (c, v)))
        .collect()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkEntry {
    pub navn: String,
    pub relation: String,
    #[serde(rename = "type")]
    pub kind: NetworkKind,
    /// 1 = close, 2 = some contact, 3 = distant.
    #[serde(rename = "nærhed")]
    pub naerhed: i64,
    /// Member id the relation belongs to; empty means the whole family.
    #[serde(default)]
    pub hvem: Option<String>,
    #[serde(default, rename = "kan_hjælpe_med")]
    pub kan_hjaelpe_med: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundEntry {
    pub dato: Date,
    /// Whole kroner.
    #[serde(rename = "beløb")]
    pub beloeb: i64,
    #[serde(rename = "formål")]
    pub formaal: String,
    pub hvem: String,
}
