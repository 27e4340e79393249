//! The typed content model, a module for each kind of file staff edit (`config`, `familie`,
//! `plan`, `rejse`, `diplom`, `handbook`), and here what they share: the closed sets of
//! values staff choose from, and the site as read. Field names follow the Danish keys staff
//! write in YAML; the README's content reference explains every field. Nothing here does I/O.

mod config;
mod date;
mod diplom;
mod familie;
mod handbook;
mod measures;
mod plan;
mod rejse;
mod trin;

pub use config::*;
pub use date::Date;
pub use diplom::*;
pub use familie::*;
pub use handbook::*;
pub use measures::{Band, SDQ, SDQ_POPULATION_NORMAL, SDQ_SCALES, Scale, WHO5};
pub use plan::*;
pub use rejse::*;
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
    /// What a person lives on (forsørgelse): public support, work, education or their own
    /// means.
    Support {
        KontanthjaelpAktivitetsparat = "kontanthjælp-aktivitetsparat",
        KontanthjaelpJobparat = "kontanthjælp-jobparat",
        Uddannelseshjaelp = "uddannelseshjælp",
        Ressourceforloeb = "ressourceforløb",
        Jobafklaring = "jobafklaring",
        Sygedagpenge = "sygedagpenge",
        Ledighedsydelse = "ledighedsydelse",
        Foertidspension = "førtidspension",
        Fleksjob = "fleksjob",
        Loentilskud = "løntilskud",
        Virksomhedspraktik = "virksomhedspraktik",
        OrdinaertJob = "ordinært-job",
        Smaajob = "småjob",
        Fritidsjob = "fritidsjob",
        Uddannelse = "uddannelse",
        Su = "su",
        Barsel = "barsel",
        Selvforsoergende = "selvforsørgende",
    } default KontanthjaelpAktivitetsparat
);

/// What a kind of support is, as the team's results count it: the one list every figure
/// of work and education reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SupportGroup {
    /// Public support (offentlig forsørgelse), also while in a subsidised placement
    /// (løntilskud, virksomhedspraktik).
    Public,
    /// In work: an ordinary job, a flexible job, a small job or a young person's spare-time
    /// job.
    Work,
    /// In education, with or without SU.
    Education,
    /// Neither: on leave, or living on their own means.
    Other,
}

impl SupportGroup {
    pub const ALL: [SupportGroup; 4] = [
        SupportGroup::Public,
        SupportGroup::Work,
        SupportGroup::Education,
        SupportGroup::Other,
    ];

    /// Key in the strings file (`group_public`, …).
    pub fn code(self) -> &'static str {
        match self {
            SupportGroup::Public => "public",
            SupportGroup::Work => "work",
            SupportGroup::Education => "education",
            SupportGroup::Other => "other",
        }
    }
}

impl Support {
    /// Which of the results' groups it is in.
    pub fn group(self) -> SupportGroup {
        match self {
            Support::OrdinaertJob | Support::Smaajob | Support::Fritidsjob | Support::Fleksjob => {
                SupportGroup::Work
            }
            Support::Uddannelse | Support::Su => SupportGroup::Education,
            Support::Barsel | Support::Selvforsoergende => SupportGroup::Other,
            Support::KontanthjaelpAktivitetsparat
            | Support::KontanthjaelpJobparat
            | Support::Uddannelseshjaelp
            | Support::Ressourceforloeb
            | Support::Jobafklaring
            | Support::Sygedagpenge
            | Support::Ledighedsydelse
            | Support::Foertidspension
            | Support::Loentilskud
            | Support::Virksomhedspraktik => SupportGroup::Public,
        }
    }

    /// A job, whose hours a week may be written.
    pub fn job(self) -> bool {
        matches!(
            self,
            Support::OrdinaertJob
                | Support::Smaajob
                | Support::Fritidsjob
                | Support::Fleksjob
                | Support::Loentilskud
                | Support::Virksomhedspraktik
        )
    }
}

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

impl Member {
    /// 18 or older in the year of `day` (the family's file has the year of birth only).
    pub fn adult_on(&self, day: Date) -> bool {
        day.year - self.foedselsaar >= 18
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
