//! `trinvis.yaml`: the site's settings.

use super::*;

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
