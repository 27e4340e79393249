//! `diplom.md`: the diploma.

use super::*;

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
