//! `rejse.yaml`: whose the journey's situations and events are, and when.

use super::{Who, not_empty, range};
use crate::diagnostics::Diagnostics;
use crate::model::Family;

/// The journey's people are the family's, its years before the course and its events after
/// the start.
pub(super) fn check(fam: &Family, who: &Who, d: &mut Diagnostics) {
    let f = &fam.familie.data;
    if let Some(r) = &fam.rejse {
        let (rs, j) = (&r.source, &r.data);
        for (i, y) in j.foer.iter().enumerate() {
            if y.aar > f.startdato.year {
                d.push(
                    rs.warning_at(
                        rs.at(&format!("før[{i}].år")),
                        "året ligger efter forløbets start",
                    )
                    .value(y.aar)
                    .help(
                        "`før:` er tiden inden forløbet; flyt hændelsen til `forløb:` med en dato.",
                    ),
                );
            }
        }
        for (key, list) in [("start", &j.start), ("efter", &j.efter)] {
            for (i, s) in list.iter().enumerate() {
                let p = format!("{key}[{i}]");
                who.check(rs, &format!("{p}.hvem"), &s.hvem, false, false, d);
                range(rs, &format!("{p}.alder"), s.alder, 0, 120, "alderen", d);
            }
        }
        for (i, e) in j.forloeb.iter().enumerate() {
            let p = format!("forløb[{i}]");
            for (k, h) in e.hvem.iter().enumerate() {
                who.check(rs, &format!("{p}.hvem[{k}]"), h, true, false, d);
            }
            if e.dato < f.startdato {
                d.push(
                    rs.warning_at(
                        rs.at(&format!("{p}.dato")),
                        "hændelsen ligger før forløbets start",
                    )
                    .value(e.dato)
                    .help(format!(
                        "Forløbet startede {}. Ældre hændelser hører under `før:`.",
                        f.startdato
                    )),
                );
            }
            not_empty(rs, &format!("{p}.tekst"), &e.tekst, "teksten", d);
        }
    }
}
