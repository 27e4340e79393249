//! The typed content model. Field names follow the Danish keys staff write in YAML;
//! the README's content reference explains every field. Nothing here does I/O.

mod date;
mod measures;
mod trin;

pub use date::Date;
pub use measures::{Band, SDQ, Scale, WHO5};
pub use trin::Trin;

use crate::source::Source;
use serde::Deserialize;

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
    /// The part of the municipality a service (indsats, tilbud) comes from.
    Administration {
        Beskaeftigelse = "beskæftigelse",
        Familieafdeling = "familieafdeling",
        Sundhed = "sundhed",
        Skole = "skole",
        Dagtilbud = "dagtilbud",
        Psykiatri = "psykiatri",
        Handicap = "handicap",
        Bolig = "bolig",
        Ydelser = "ydelser",
        Andet = "andet",
    } default Andet
);

choice!(
    /// What the family and the pair decided about a service.
    Decision {
        Fortsaet = "fortsæt",
        Igangsaet = "igangsæt",
        Afslut = "afslut",
        Nedtrap = "nedtrap",
        Intensiver = "intensivér",
        Fremryk = "fremryk",
        Udskyd = "udskyd",
    } default Fortsaet
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
    /// An emblem or logo for the diploma: an image file in the site folder (png, jpg, gif,
    /// webp), by its path from the site root. Nothing remote.
    #[serde(default)]
    pub emblem: Option<String>,
}

/// Where the emblem is written in the output, by its extension.
pub fn emblem_output(emblem: &str) -> String {
    format!("assets/emblem.{}", crate::urls::extension(emblem))
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
    /// The settings of a site without `trinvis.yaml`: each field's own default, as serde
    /// gives it to a field left out.
    fn default() -> Self {
        Config {
            titel: default_title(),
            team: None,
            sprog: default_language(),
            tema: default_theme(),
            aktivitetsmidler_pr_aar: default_fund(),
            emblem: None,
        }
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
    pub trin: Trin,
    pub status: Status,
    #[serde(default)]
    pub slutdato: Option<Date>,
    #[serde(default)]
    pub samtykke: Consent,
    #[serde(default)]
    pub livline: Vec<LifelineEntry>,
    /// The language of the family view's fixed texts (a strings file of the theme, e.g.
    /// `en`); without it, the interpreter's language where the theme has it, else the site's.
    #[serde(default)]
    pub sprog: Option<String>,
    /// The family needs an interpreter, and for which language, e.g. "arabisk".
    #[serde(default)]
    pub tolk: Option<String>,
    /// When the family moved to each trin, in order (the board's "trin since" and the
    /// team's time in each trin).
    #[serde(default)]
    pub trinskift: Vec<TrinChange>,
}

/// The day a family moved to a trin.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrinChange {
    pub trin: Trin,
    pub fra: Date,
}

impl FamilyFile {
    /// Since when the family has been on its current trin, if its trin changes say so.
    pub fn trin_since(&self) -> Option<Date> {
        self.trinskift
            .last()
            .filter(|c| c.trin == self.trin)
            .map(|c| c.fra)
    }
}

/// Language codes of the languages an interpreter need is usually written as (in Danish).
pub const INTERPRETER_LANGUAGES: &[(&str, &str)] = &[
    ("arabisk", "ar"),
    ("dari", "prs"),
    ("engelsk", "en"),
    ("farsi", "fa"),
    ("fransk", "fr"),
    ("kurdisk", "ku"),
    ("pashto", "ps"),
    ("persisk", "fa"),
    ("polsk", "pl"),
    ("rumænsk", "ro"),
    ("russisk", "ru"),
    ("somali", "so"),
    ("somalisk", "so"),
    ("tigrinya", "ti"),
    ("tyrkisk", "tr"),
    ("ukrainsk", "uk"),
    ("urdu", "ur"),
    ("vietnamesisk", "vi"),
];

impl FamilyFile {
    /// The language of the family view: `sprog`, else the interpreter's language when the
    /// theme has texts in it (`has`), else the site's.
    pub fn view_language<'a>(&'a self, site: &'a str, has: impl Fn(&str) -> bool) -> &'a str {
        if let Some(l) = &self.sprog {
            return l;
        }
        let tolk = self.tolk.as_deref().map(|t| t.trim().to_lowercase());
        INTERPRETER_LANGUAGES
            .iter()
            .find(|(name, code)| tolk.as_deref() == Some(*name) && has(code))
            .map(|(_, code)| *code)
            .unwrap_or(site)
    }
}

/// How far a family has come with one trin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrinState {
    Done,
    Current,
    Todo,
}

impl FamilyFile {
    /// A finished course has every trin done; otherwise the trin before the current one are.
    pub fn trin_state(&self, t: Trin) -> TrinState {
        if self.status == Status::Afsluttet || t < self.trin {
            TrinState::Done
        } else if t == self.trin {
            TrinState::Current
        } else {
            TrinState::Todo
        }
    }
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
    /// How the family reaches the pair, e.g. a phone number.
    #[serde(default)]
    pub kontakt: Option<String>,
    /// When they can be reached, e.g. "hverdage 8–15".
    #[serde(default, rename = "træffes")]
    pub traeffes: Option<String>,
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

    /// The latest date the next follow-up meeting may be: the last one plus the cadence.
    pub fn next_meeting_by(&self) -> Option<Date> {
        self.last_meeting().map(|d| d.add_months(self.cadence()))
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterMeta {
    pub titel: String,
    #[serde(rename = "vægt")]
    pub vaegt: i64,
    #[serde(default)]
    pub trin: Option<Trin>,
    #[serde(default, rename = "resumé")]
    pub resume: Option<String>,
    /// The part of the handbook the chapter belongs to ("Grundlag", "De 7 trin", …); the
    /// handbook's index groups chapters by it.
    #[serde(default)]
    pub del: Option<String>,
}

/// A reading path through the handbook for new staff (`content/metode/_forloeb.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingPath {
    pub titel: String,
    /// Chapter file names, in reading order (with or without `.md`).
    pub kapitler: Vec<String>,
}

impl ReadingPath {
    /// The chapter names, without `.md`.
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.kapitler
            .iter()
            .map(|k| k.trim().trim_end_matches(".md"))
    }
}

/// Where the reading path is kept, in the handbook's folder.
pub const READING_PATH_FILE: &str = "_forloeb.yaml";

/// The handbook's glossary (`content/metode/ordliste.yaml`): the words new staff meet,
/// each explained briefly where a chapter first uses it and in full on the glossary page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub ord: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The word as it is written in the handbook ("makkerpar", "SoS").
    pub ord: String,
    /// A short explanation, one or two sentences in plain words.
    pub forklaring: String,
    /// Other ways the handbook writes it ("Signs of Safety"); inflected forms
    /// ("makkerparret", "delmålene") are found without being listed.
    #[serde(default, rename = "også")]
    pub ogsaa: Vec<String>,
    /// The chapter that tells more (its file name, with or without `.md`).
    #[serde(default)]
    pub kapitel: Option<String>,
}

impl Term {
    /// The chapter's name, without `.md`.
    pub fn chapter(&self) -> Option<&str> {
        self.kapitel
            .as_deref()
            .map(|k| k.trim().trim_end_matches(".md"))
            .filter(|k| !k.is_empty())
    }
}

/// Where the glossary is kept, in the handbook's folder.
pub const GLOSSARY_FILE: &str = "ordliste.yaml";

// ---------- the whole site ----------

/// A parsed file: its typed data and the source it came from (for positions and body).
#[derive(Debug, Clone)]
pub struct Doc<T> {
    pub data: T,
    /// Shared with the loader's list of every text read.
    pub source: std::sync::Arc<Source>,
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
    /// The emblem's bytes, read by the load stage (for the PDFs).
    pub emblem: Option<Vec<u8>>,
    /// Sorted by slug.
    pub families: Vec<Family>,
    /// Sorted by weight, then slug.
    pub chapters: Vec<Chapter>,
    /// The handbook's reading path for new staff, if it has one.
    pub path: Option<Doc<ReadingPath>>,
    /// The handbook's glossary, if it has one.
    pub glossary: Option<Doc<Glossary>>,
}

impl Site {
    /// The family with this slug.
    pub fn family(&self, slug: &str) -> Option<&Family> {
        self.families
            .binary_search_by(|f| f.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &self.families[i])
    }

    /// Sources whose Markdown body becomes a page: chapters, plans and diplomas.
    pub fn page_sources(&self) -> Vec<&Source> {
        let mut v: Vec<&Source> = self.chapters.iter().map(|c| &*c.doc.source).collect();
        for f in &self.families {
            v.push(&f.plan.source);
            if let Some(dip) = &f.diplom {
                v.push(&dip.source);
            }
        }
        v
    }
}

/// The texts `trinvis new family` writes for staff to replace; `check` warns where one is
/// left, so a placeholder is never published as if it were the family's.
pub const PLACEHOLDERS: &[&str] = &[
    "Skriv et pseudonym",
    "Skriv navnet",
    "Skriv her, med familiens egne ord",
];

/// The kinds of employment status the team counts (the words as written in Danish, and
/// as shown); the board compares a person's kind at the start with the kind now.
pub const EMPLOYMENT_KINDS: &[(&str, &str)] = &[
    ("kontanthjælp", "Kontanthjælp"),
    ("uddannelseshjælp", "Uddannelseshjælp"),
    ("ressourceforløb", "Ressourceforløb"),
    ("jobafklaring", "Jobafklaring"),
    ("sygedagpenge", "Sygedagpenge"),
    ("ledighedsydelse", "Ledighedsydelse"),
    ("fleksjob", "Fleksjob"),
    ("løntilskud", "Løntilskud"),
    ("virksomhedspraktik", "Virksomhedspraktik"),
    ("ordinært job", "Ordinært job"),
    ("uddannelse", "Uddannelse"),
    ("førtidspension", "Førtidspension"),
];

/// The kind of employment a text names first ("Kontanthjælp (jobparat), praktik 12
/// timer" is Kontanthjælp), as shown.
pub fn employment_kind(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    EMPLOYMENT_KINDS
        .iter()
        .filter_map(|(word, shown)| lower.find(word).map(|at| (at, *shown)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, shown)| shown)
}

/// Staff roles that may own a sub-goal or agreement besides family members.
pub const STAFF_OWNERS: &[&str] = &["jobkonsulent", "familiebehandler", "makkerpar"];
/// The word for the family as a whole in `hvem`.
pub const WHOLE_FAMILY: &str = "familien";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_settings_are_those_of_an_empty_file() {
        let empty: Config = serde_yaml::from_str("{}").unwrap();
        let d = Config::default();
        assert_eq!(
            (
                empty.titel,
                empty.team,
                empty.sprog,
                empty.tema,
                empty.aktivitetsmidler_pr_aar,
                empty.emblem
            ),
            (
                d.titel,
                d.team,
                d.sprog,
                d.tema,
                d.aktivitetsmidler_pr_aar,
                d.emblem
            )
        );
    }

    #[test]
    fn config_defaults() {
        let c = Config::default();
        assert_eq!(c.sprog, "da");
        assert_eq!(c.aktivitetsmidler_pr_aar, 5000);
    }
}
