//! The handbook: a chapter's front matter (`content/metode/*.md`), the reading path and the
//! glossary.

use super::*;

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
