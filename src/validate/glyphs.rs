//! Every letter a PDF sets must be one its font has: the texts of a family's PDFs and of the
//! handbook's, each at its `file:line:col`.

use super::*;

/// Every text of a family that its PDFs set (the family's plan, the journey, the diploma),
/// with its YAML path: a character the theme's font lacks would be an empty box there, so it
/// is an error at its place.
pub(super) fn glyphs(fam: &Family, m: &crate::draw::font::Metrics, d: &mut Diagnostics) {
    let mut texts: Vec<(&Source, String, &str)> = Vec::new();
    let (fs, f) = (&fam.familie.source, &fam.familie.data);
    texts.push((fs, "navn".into(), &f.navn));
    for (i, x) in f.medlemmer.iter().enumerate() {
        texts.push((fs, format!("medlemmer[{i}].navn"), &x.navn));
    }
    texts.push((
        fs,
        "makkerpar.jobkonsulent".into(),
        &f.makkerpar.jobkonsulent,
    ));
    texts.push((
        fs,
        "makkerpar.familiebehandler".into(),
        &f.makkerpar.familiebehandler,
    ));
    for (key, v) in [
        ("kontakt", &f.makkerpar.kontakt),
        ("træffes", &f.makkerpar.traeffes),
    ] {
        if let Some(v) = v {
            texts.push((fs, format!("makkerpar.{key}"), v));
        }
    }
    for (i, l) in f.livline.iter().enumerate() {
        texts.push((fs, format!("livline[{i}].navn"), &l.navn));
        texts.push((fs, format!("livline[{i}].rolle"), &l.rolle));
        for (key, v) in [("kontakt", &l.kontakt), ("hjælper_med", &l.hjaelper_med)] {
            if let Some(v) = v {
                texts.push((fs, format!("livline[{i}].{key}"), v));
            }
        }
    }
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
    for (i, x) in p.droemme.iter().enumerate() {
        texts.push((ps, format!("drømme[{i}].tekst"), &x.tekst));
    }
    for (i, g) in p.maal.iter().enumerate() {
        texts.push((ps, format!("mål[{i}].titel"), &g.titel));
        for (j, x) in g.delmaal.iter().enumerate() {
            texts.push((ps, format!("mål[{i}].delmål[{j}].tekst"), &x.tekst));
        }
    }
    for (i, a) in p.aftaler.iter().enumerate() {
        texts.push((ps, format!("aftaler[{i}].hvad"), &a.hvad));
    }
    if let Some(n) = &p.naeste_moede {
        for (key, v) in [("tid", &n.tid), ("sted", &n.sted)] {
            if let Some(v) = v {
                texts.push((ps, format!("næste_møde.{key}"), v));
            }
        }
    }
    for (i, x) in p.familieprioritering.iter().enumerate() {
        texts.push((ps, format!("familieprioritering[{i}].indsats"), &x.indsats));
        if let Some(h) = &x.hvorfor {
            texts.push((ps, format!("familieprioritering[{i}].hvorfor"), h));
        }
    }
    for (i, n) in p.netvaerk.iter().enumerate() {
        texts.push((ps, format!("netværk[{i}].navn"), &n.navn));
        texts.push((ps, format!("netværk[{i}].relation"), &n.relation));
        if let Some(h) = &n.kan_hjaelpe_med {
            texts.push((ps, format!("netværk[{i}].kan_hjælpe_med"), h));
        }
    }
    if let Some(r) = &fam.rejse {
        let rs = &r.source;
        for (i, y) in r.data.foer.iter().enumerate() {
            for (j, e) in y.haendelser.iter().enumerate() {
                texts.push((rs, format!("før[{i}].hændelser[{j}]"), e));
            }
        }
        for (key, list) in [("start", &r.data.start), ("efter", &r.data.efter)] {
            for (i, x) in list.iter().enumerate() {
                for (field, v) in [
                    ("familie", &x.familie),
                    ("helbred", &x.helbred),
                    ("beskæftigelse", &x.beskaeftigelse),
                    ("karakteristik", &x.karakteristik),
                ] {
                    texts.push((rs, format!("{key}[{i}].{field}"), v));
                }
            }
        }
        for (i, e) in r.data.forloeb.iter().enumerate() {
            texts.push((rs, format!("forløb[{i}].tekst"), &e.tekst));
        }
    }
    if let Some(dip) = &fam.diplom {
        let (ds, dd) = (&dip.source, &dip.data);
        if let Some(h) = &dd.overskrift {
            texts.push((ds, "overskrift".into(), h));
        }
        for (i, x) in dd.opnaaet.iter().enumerate() {
            texts.push((ds, format!("opnået[{i}]"), x));
        }
        for (i, x) in dd.fokus.iter().enumerate() {
            texts.push((ds, format!("fokus[{i}]"), x));
        }
        for (i, x) in dd.underskrivere.iter().enumerate() {
            texts.push((ds, format!("underskrivere[{i}].navn"), &x.navn));
            texts.push((ds, format!("underskrivere[{i}].rolle"), &x.rolle));
        }
        body_glyphs(ds, m, "familiens PDF'er", d);
    }
    for (src, path, text) in texts {
        let missing = missing_chars(text, m);
        if !missing.is_empty() {
            d.push(missing_glyphs(
                src,
                src.at(&path),
                &missing,
                "familiens PDF'er",
            ));
        }
    }
}

/// The characters of `text` the font lacks, each once.
pub(super) fn missing_chars(text: &str, m: &crate::draw::font::Metrics) -> Vec<char> {
    text.chars()
        .filter(|c| !m.has(*c))
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        })
}

/// A Markdown body, character by character, so the message points at the character.
pub(super) fn body_glyphs(
    src: &Source,
    m: &crate::draw::font::Metrics,
    pdf: &str,
    d: &mut Diagnostics,
) {
    let start = src.body.start;
    let mut seen = Vec::new();
    for (at, c) in src.body_text().char_indices() {
        if !m.has(c) && !seen.contains(&c) {
            seen.push(c);
            d.push(missing_glyphs(src, src.pos_of(start + at), &[c], pdf));
        }
    }
}

/// Characters the theme's font does not have, where a PDF (`pdf`, in words) would need them.
pub(super) fn missing_glyphs(
    src: &Source,
    at: crate::diagnostics::Pos,
    chars: &[char],
    pdf: &str,
) -> crate::diagnostics::Diagnostic {
    let shown: Vec<String> = chars
        .iter()
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    src.error_at(
        at,
        format!("tegn, som skriften ikke har, kan ikke stå i {pdf}"),
    )
    .value(shown.join(", "))
    .help(
        "Skriv teksten uden tegnet (fx uden emoji), eller brug et almindeligt bogstav eller tegn.",
    )
}
