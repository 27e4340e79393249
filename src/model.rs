//! The typed content model. Field names follow the Danish keys staff write in YAML;
//! DOMAIN.md explains the concepts. Nothing here does I/O.

use crate::source::Source;
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A calendar date written as `ÅÅÅÅ-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        if !s
            .chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            return None;
        }
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The same day `months` later (clamped to the month's last day).
    pub fn add_months(self, months: u32) -> Date {
        let total = self.year * 12 + (self.month as i32 - 1) + months as i32;
        let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn to_days(self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// Today's date (UTC) from the system clock; used only for scaffolding, never in builds.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en dato skrevet ÅÅÅÅ-MM-DD, fx 2025-03-01")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s.trim()).ok_or_else(|| {
                    E::custom(format!(
                        "ugyldig dato `{s}`: skriv datoen som ÅÅÅÅ-MM-DD (fx 2025-03-01), og tjek at dagen findes i kalenderen"
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// Declares a closed set of values staff may write, with the Danish spelling in YAML and a
/// key into the theme's strings file for display.
macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $yaml:literal),+ $(,)? } default $def:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $yaml)] $variant,)+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value as written in YAML; also the suffix of its strings-file key.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $yaml,)+ }
            }
        }
        impl Default for $name {
            fn default() -> Self { $name::$def }
        }
    };
}

choice!(
    /// Where a family is in its course.
    Status { Inviteret = "inviteret", Aktiv = "aktiv", Udfasning = "udfasning", Afsluttet = "afsluttet" } default Aktiv
);

choice!(
    /// Life areas a goal belongs to.
    Area {
        Beskaeftigelse = "beskæftigelse",
        Uddannelse = "uddannelse",
        Sundhed = "sundhed",
        Familie = "familie",
        Fritid = "fritid",
        Oekonomi = "økonomi",
        Bolig = "bolig",
    } default Familie
);

choice!(
    /// Hilary Cottam's four capabilities.
    Capability { Arbejde = "arbejde", Sundhed = "sundhed", Faellesskab = "fællesskab", Relationer = "relationer" } default Arbejde
);

choice!(
    SubGoalStatus { IkkeStartet = "ikke-startet", IGang = "i-gang", Naaet = "nået", Udskudt = "udskudt", Opgivet = "opgivet" } default IkkeStartet
);

choice!(
    AgreementStatus { Aaben = "åben", Udfoert = "udført", Droppet = "droppet" } default Aaben
);

choice!(
    /// The four tracks of the borgerrejse.
    Track { Beskaeftigelse = "beskæftigelse", Sundhed = "sundhed", Familie = "familie", Fritid = "fritid" } default Familie
);

choice!(
    NetworkKind { Privat = "privat", Professionel = "professionel" } default Privat
);

// ---------- trinvis.yaml ----------

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_title")]
    pub titel: String,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default = "default_language")]
    pub sprog: String,
    #[serde(default = "default_theme")]
    pub tema: String,
    /// Discretionary activity funds per family per year, in DKK.
    #[serde(default = "default_fund", rename = "aktivitetsmidler_pr_år")]
    pub aktivitetsmidler_pr_aar: u32,
}

fn default_title() -> String {
    "Trinvis".into()
}
fn default_language() -> String {
    "da".into()
}
fn default_theme() -> String {
    "standard".into()
}
fn default_fund() -> u32 {
    5000
}

impl Default for Config {
    fn default() -> Self {
        serde_yaml::from_str("{}").expect("all config fields have defaults")
    }
}

// ---------- familie.yaml ----------

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyFile {
    /// Pseudonymous family name, e.g. "Familien Holm".
    pub navn: String,
    pub medlemmer: Vec<Member>,
    pub makkerpar: Makkerpar,
    pub startdato: Date,
    pub trin: i64,
    pub status: Status,
    #[serde(default)]
    pub slutdato: Option<Date>,
    #[serde(default)]
    pub samtykke: Consent,
    #[serde(default)]
    pub livline: Vec<LifelineEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Short handle used elsewhere (goal owners, measurements), e.g. `mor` or `amina`.
    pub id: String,
    /// Pseudonym, never the real name.
    pub navn: String,
    pub rolle: String,
    #[serde(rename = "fødselsår")]
    pub foedselsaar: i32,
    #[serde(default, rename = "beskæftigelse")]
    pub beskaeftigelse: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Makkerpar {
    pub jobkonsulent: String,
    pub familiebehandler: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The family agreed to the plan and the course.
    #[serde(default)]
    pub forløb: bool,
    /// An anonymised journey may be used in the handbook.
    #[serde(default, rename = "håndbog")]
    pub haandbog: bool,
    /// Diagnoses may be mentioned on the diploma.
    #[serde(default, rename = "diagnoser_på_diplom")]
    pub diagnoser_paa_diplom: bool,
    #[serde(default)]
    pub dato: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifelineEntry {
    pub navn: String,
    pub rolle: String,
    #[serde(default)]
    pub kontakt: Option<String>,
    #[serde(default, rename = "hjælper_med")]
    pub hjaelper_med: Option<String>,
}

// ---------- plan.md ----------

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
    pub sdq: Vec<Score>,
    #[serde(default)]
    pub kapabiliteter: Vec<CapabilityRating>,
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

// ---------- rejse.yaml ----------

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

// ---------- diplom.md ----------

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiplomaFile {
    pub dato: Date,
    #[serde(default)]
    pub overskrift: Option<String>,
    #[serde(rename = "opnået")]
    pub opnaaet: Vec<String>,
    pub fokus: Vec<String>,
    pub underskrivere: Vec<Signer>,
    /// Print the family's livline on the diploma.
    #[serde(default)]
    pub vis_livline: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub navn: String,
    pub rolle: String,
}

// ---------- content/metode/*.md ----------

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterMeta {
    pub titel: String,
    #[serde(rename = "vægt")]
    pub vaegt: i64,
    #[serde(default)]
    pub trin: Option<i64>,
    #[serde(default, rename = "resumé")]
    pub resume: Option<String>,
}

// ---------- the whole site ----------

/// A parsed file: its typed data and the source it came from (for positions and body).
#[derive(Debug, Clone)]
pub struct Doc<T> {
    pub data: T,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Family {
    pub slug: String,
    pub familie: Doc<FamilyFile>,
    pub plan: Doc<PlanFile>,
    pub rejse: Option<Doc<JourneyFile>>,
    pub diplom: Option<Doc<DiplomaFile>>,
}

impl Family {
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.familie.data.medlemmer.iter().find(|m| m.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub slug: String,
    pub doc: Doc<ChapterMeta>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Sorted by slug.
    pub families: Vec<Family>,
    /// Sorted by weight, then slug.
    pub chapters: Vec<Chapter>,
}

impl Site {
    /// Sources whose Markdown body becomes a page: chapters, plans and diplomas.
    pub fn page_sources(&self) -> Vec<&Source> {
        let mut v: Vec<&Source> = self.chapters.iter().map(|c| &c.doc.source).collect();
        for f in &self.families {
            v.push(&f.plan.source);
            if let Some(dip) = &f.diplom {
                v.push(&dip.source);
            }
        }
        v
    }
}

/// Staff roles that may own a sub-goal or agreement besides family members.
pub const STAFF_OWNERS: &[&str] = &["jobkonsulent", "familiebehandler", "makkerpar"];
/// The word for the family as a whole in `hvem`.
pub const WHOLE_FAMILY: &str = "familien";

/// The names of the 7 trin, in order (for messages; pages take theirs from the strings file).
pub const TRIN_NAMES: [&str; 7] = [
    "Invitation",
    "Relation",
    "Kortlægning",
    "Planlægning",
    "Udvikling",
    "Realisering",
    "Udfasning",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_reject() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("1.3.2025"), None);
        assert_eq!(Date::parse("2025-3-01"), None);
        assert_eq!(Date::parse("２０２５-03-01"), None);
    }

    #[test]
    fn date_arithmetic() {
        let d = Date::parse("2025-11-30").unwrap();
        assert_eq!(d.add_months(3).to_string(), "2026-02-28");
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
    }

    #[test]
    fn config_defaults() {
        let c = Config::default();
        assert_eq!(c.sprog, "da");
        assert_eq!(c.aktivitetsmidler_pr_aar, 5000);
    }
}
