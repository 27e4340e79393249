//! The diploma (`diplom.md`): what the family reached and will keep in focus, its lifeline
//! and the signers.

use super::*;

#[derive(Serialize)]
pub(crate) struct SignerView {
    pub(crate) name: String,
    pub(crate) role: String,
}

#[derive(Serialize)]
pub(crate) struct DiplomaView {
    /// The personal heading; none is shown when there is none.
    pub(crate) heading: Option<String>,
    pub(crate) date: String,
    pub(crate) achieved: Vec<Rich>,
    pub(crate) focus: Vec<Rich>,
    pub(crate) signers: Vec<SignerView>,
    /// The family's own signature lines: every adult member (18 or older on the day).
    pub(crate) family_signers: Vec<String>,
    /// The site's emblem, when it has one.
    pub(crate) emblem: Option<Rich>,
    pub(crate) lifeline: Vec<LifelineView>,
    pub(crate) body: Body,
}

pub(crate) fn diploma_view(
    site: &Site,
    f: &Family,
    d: &Doc<DiplomaFile>,
    routes: &Routes,
    s: &Strings,
) -> DiplomaView {
    let dd = &d.data;
    DiplomaView {
        emblem: site.config.emblem.as_deref().map(|e| {
            Rich(vec![rich::Span::Image {
                src: emblem_output(e),
                alt: String::new(),
            }])
        }),
        heading: dd.overskrift.clone().filter(|h| !h.trim().is_empty()),
        family_signers: f
            .familie
            .data
            .medlemmer
            .iter()
            .filter(|m| m.adult_on(dd.dato))
            .map(|m| m.navn.clone())
            .collect(),
        date: s.date(dd.dato),
        achieved: dd.opnaaet.iter().map(|x| md(x)).collect(),
        focus: dd.fokus.iter().map(|x| md(x)).collect(),
        signers: dd
            .underskrivere
            .iter()
            .map(|x| SignerView {
                name: x.navn.clone(),
                role: x.rolle.clone(),
            })
            .collect(),
        lifeline: if dd.vis_livline {
            let mut l = lifeline(f);
            l.extend(pair_on_the_lifeline(f, s));
            l
        } else {
            Vec::new()
        },
        body: body(&d.source, routes, 1, ""),
    }
}
