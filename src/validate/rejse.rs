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
        family_words(r, d);
    }
}

/// What the family's own journey shows is in everyday words: a staff term in it (a report
/// of concern, a score, a benefit category) is a warning at its text, saying how to word it
/// for the family or keep it for the staff.
fn family_words(r: &crate::model::Doc<crate::model::JourneyFile>, d: &mut Diagnostics) {
    let (rs, j) = (&r.source, &r.data);
    let mut shown: Vec<(String, &str)> = Vec::new();
    for (i, y) in j.foer.iter().enumerate() {
        if y.for_family() {
            for (k, h) in y.haendelser.iter().enumerate() {
                shown.push((format!("før[{i}].hændelser[{k}]"), h));
            }
        }
    }
    for (key, list) in [("start", &j.start), ("efter", &j.efter)] {
        for (i, x) in list.iter().enumerate().filter(|(_, x)| x.for_family()) {
            for (field, t) in [
                ("familie", &x.familie),
                ("helbred", &x.helbred),
                ("beskæftigelse", &x.beskaeftigelse),
                ("karakteristik", &x.karakteristik),
            ] {
                shown.push((format!("{key}[{i}].{field}"), t));
            }
        }
    }
    for (i, e) in j.forloeb.iter().enumerate().filter(|(_, e)| e.for_family()) {
        shown.push((format!("forløb[{i}].tekst"), &e.tekst));
    }
    for (path, text) in shown {
        let found = crate::privacy::find_staff_words(text);
        if found.is_empty() {
            continue;
        }
        let words: Vec<String> = found.into_iter().map(|(_, w)| format!("«{w}»")).collect();
        let item = path.split(['[', '.']).next().unwrap_or("");
        d.push(
            rs.warning_at(
                rs.at(&path),
                "familiens egen rejse bruger personalets fagord",
            )
            .value(words.join(", "))
            .help(format!(
                "Skriv det med ord, familien selv bruger (fx «skolen var bekymret for fraværet» i stedet for «underretning»), eller vis det kun på personalets rejse: `kun_personale: true` på {}.",
                match item {
                    "forløb" => "hændelsen",
                    "før" => "året",
                    _ => "personens situation",
                }
            )),
        );
    }
}
