//! `familie.yaml`: who the family are, their pair, their course and their consent.

use super::*;

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
    /// The language of the family view: `sprog`, else the interpreter's language, when the
    /// theme has texts in it (`has`); else the site's.
    pub fn view_language<'a>(&'a self, site: &'a str, has: impl Fn(&str) -> bool) -> &'a str {
        self.asked_language()
            .filter(|code| has(code))
            .unwrap_or(site)
    }

    /// The language the family's file asks for: `sprog`, else the code of the interpreter's
    /// language (`tolk: arabisk` → `ar`), else none (also for an interpreter's language
    /// trinvis does not know by name).
    pub fn asked_language(&self) -> Option<&str> {
        if let Some(l) = &self.sprog {
            return Some(l);
        }
        let tolk = self.tolk.as_deref()?.trim().to_lowercase();
        INTERPRETER_LANGUAGES
            .iter()
            .find(|(name, _)| tolk == *name)
            .map(|(_, code)| *code)
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

impl Makkerpar {
    /// How the family reaches the pair, where it is written (a blank `kontakt` is none).
    pub fn contact(&self) -> Option<&str> {
        self.kontakt.as_deref().filter(|k| !k.trim().is_empty())
    }

    /// The two by name, "Lone Bach og Karim Saleh", `and` in the page's language.
    pub fn names(&self, and: &str) -> String {
        format!("{} {and} {}", self.jobkonsulent, self.familiebehandler)
    }
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
