//! `diplom.md`: what it must hold, and no diagnosis without consent.

use crate::diagnostics::Diagnostics;
use crate::model::Family;
use crate::privacy;

/// The diploma has what it must (what was reached, what to keep in focus, signers), is dated
/// within the course, and names no diagnosis without the family's consent. Whether it fits
/// its page is the PDF's finding ([`crate::output::OutputKind::findings`]).
pub(super) fn check(fam: &Family, d: &mut Diagnostics) {
    let f = &fam.familie.data;
    if let Some(dip) = &fam.diplom {
        let (ds, dd) = (&dip.source, &dip.data);
        if !f.samtykke.diagnoser_paa_diplom {
            for (offset, word) in privacy::find_diagnoses(&ds.text) {
                d.push(
                    ds.error_at(ds.pos_of(offset), "diagnoser må ikke stå på diplomet uden samtykke")
                        .value(word)
                        .help("Skriv om det, familien har opnået, uden diagnosen – eller registrér familiens samtykke med `diagnoser_på_diplom: true` under `samtykke:` i familie.yaml."),
                );
            }
        }
        for (key, list, what) in [
            ("opnået", &dd.opnaaet, "hvad familien har opnået"),
            ("fokus", &dd.fokus, "hvad familien skal holde fokus på"),
        ] {
            if list.is_empty() {
                d.push(
                    ds.error_at(ds.key_at(key), format!("diplomet mangler {what}"))
                        .help(format!("Skriv mindst ét punkt under `{key}:`.")),
                );
            }
        }
        if dd.underskrivere.is_empty() {
            d.push(
                ds.error_at(
                    ds.key_at("underskrivere"),
                    "diplomet har ingen underskrivere",
                )
                .help("Tilføj makkerparret under `underskrivere:` med navn og rolle."),
            );
        }
        if dd.dato < f.startdato {
            d.push(
                ds.error_at(ds.at("dato"), "diplomets dato ligger før forløbets start")
                    .value(dd.dato)
                    .help(format!("Forløbet startede {}.", f.startdato)),
            );
        }
        if dd.vis_livline && f.livline.is_empty() {
            d.push(
                ds.warning_at(
                    ds.at("vis_livline"),
                    "diplomet skal vise livlinen, men familien har ingen",
                )
                .help("Tilføj `livline:` i familie.yaml, eller slet `vis_livline`."),
            );
        }
    }
}
