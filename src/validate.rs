//! Stage 4: checks that need the whole typed model — ranges, references between files,
//! links, privacy. Every finding points at file:line:col and says how to fix it.

use crate::diagnostics::Diagnostics;
use crate::load::{Loaded, Unit};
use crate::markdown::RefKind;
use crate::model::{Decision, Family, SDQ, STAFF_OWNERS, Site, WHO5, WHOLE_FAMILY};
use crate::privacy;
use crate::routes::{Page, Routes, Target};
use crate::source::Source;
use std::collections::{BTreeMap, HashSet};

/// The checks of one family or chapter: its texts (privacy, placeholders) and its data. They
/// read nothing of other units, so a change to one unit checks only that unit again.
pub fn unit(loaded: &Loaded, u: &Unit) -> Diagnostics {
    let mut d = Diagnostics::new();
    for src in loaded.sources_of(u) {
        texts(src, &mut d);
        placeholders(src, &mut d);
    }
    let site = &loaded.site;
    let metrics = loaded.theme.as_ref().and_then(|t| t.metrics.as_ref());
    match u {
        Unit::Family(slug) => {
            let Some(fam) = site.family(slug) else {
                return d;
            };
            family(fam, site, &mut d);
            if let Some(theme) = &loaded.theme {
                view_language(fam, theme, &site.config, &mut d);
            }
            if let Some(m) = metrics {
                glyphs(fam, m, &mut d);
            }
        }
        Unit::Chapter(slug) => {
            let Some(ch) = site.chapters.iter().find(|c| &c.slug == slug) else {
                return d;
            };
            let (src, meta) = (&ch.doc.source, &ch.doc.data);
            if meta.titel.trim().is_empty() {
                d.push(
                    src.error_at(src.at("titel"), "kapitlet mangler en titel")
                        .help("Skriv kapitlets overskrift i feltet `titel:`."),
                );
            }
            // The handbook's PDF sets every chapter.
            if let Some(m) = metrics {
                let mut texts = vec![("titel", meta.titel.as_str())];
                if let Some(r) = &meta.resume {
                    texts.push(("resumé", r));
                }
                for (path, text) in texts {
                    let missing = missing_chars(text, m);
                    if !missing.is_empty() {
                        d.push(missing_glyphs(
                            src,
                            src.at(path),
                            &missing,
                            "håndbogens PDF",
                        ));
                    }
                }
                body_glyphs(src, m, "håndbogens PDF", &mut d);
            }
        }
    }
    d
}

/// The checks that read more than one unit: every link in every page body, against the
/// route table.
pub fn site_wide(loaded: &Loaded, routes: &Routes) -> Diagnostics {
    let mut d = Diagnostics::new();
    if let Some(path) = &loaded.site.path {
        reading_path(path, &loaded.site, &mut d);
    }
    if let Some(g) = &loaded.site.glossary {
        let metrics = loaded.theme.as_ref().and_then(|t| t.metrics.as_ref());
        glossary(g, &loaded.site, metrics, &mut d);
    }
    for src in loaded.site.page_sources() {
        links(src, routes, &mut d);
    }
    d
}

/// A file's own checks of its text, from one reading of its YAML: CPR-like numbers as
/// written and as read, and every field's length.
pub fn texts(src: &Source, d: &mut Diagnostics) {
    let walked = src.walk();
    d.extend_from(privacy::check_source(src, &walked.scalars));
    d.extend_from(walked.errors);
}

/// The reading path names chapters that exist.
fn reading_path(
    path: &crate::model::Doc<crate::model::ReadingPath>,
    site: &Site,
    d: &mut Diagnostics,
) {
    let src = &path.source;
    texts(src, d);
    placeholders(src, d);
    let known: Vec<&str> = site.chapters.iter().map(|c| c.slug.as_str()).collect();
    for (i, k) in path.data.slugs().enumerate() {
        if !known.contains(&k) {
            let mut sample = known.clone();
            sample.sort();
            sample.truncate(5);
            d.push(
                src.error_at(
                    src.at(&format!("kapitler[{i}]")),
                    "kapitlet findes ikke i håndbogen",
                )
                .value(k)
                .help(format!(
                    "Skriv filnavnet på et kapitel i content/metode/ (med eller uden .md), fx {}.",
                    sample.join(", ")
                )),
            );
        }
    }
    if path.data.kapitler.is_empty() {
        d.push(
            src.warning_at(src.at("kapitler"), "forløbet har ingen kapitler")
                .help("Skriv kapitlerne under `kapitler:` i den rækkefølge, en ny medarbejder skal læse dem."),
        );
    }
}

/// Longer than this, an explanation is no longer short: it stands in the running text of
/// every chapter that uses the word.
const EXPLANATION_MAX: usize = 220;

/// The glossary: every word explained, once, and its chapter there.
fn glossary(
    g: &crate::model::Doc<crate::model::Glossary>,
    site: &Site,
    metrics: Option<&crate::draw::font::Metrics>,
    d: &mut Diagnostics,
) {
    let src = &g.source;
    texts(src, d);
    placeholders(src, d);
    let stems = crate::words::Stems::default();
    // Each way of writing a word, as stems → where it was first written.
    let mut seen: BTreeMap<Vec<String>, (usize, String)> = BTreeMap::new();
    let known: Vec<&str> = site.chapters.iter().map(|c| c.slug.as_str()).collect();
    for (i, t) in g.data.ord.iter().enumerate() {
        let at = format!("ord[{i}]");
        not_empty(src, &format!("{at}.ord"), &t.ord, "teksten i `ord`", d);
        not_empty(
            src,
            &format!("{at}.forklaring"),
            &t.forklaring,
            "forklaringen",
            d,
        );
        let n = t.forklaring.trim().chars().count();
        if n > EXPLANATION_MAX {
            d.push(
                src.warning_at(src.at(&format!("{at}.forklaring")), "forklaringen er lang")
                    .value(format!("{n} tegn"))
                    .help(format!(
                        "Forklaringen står i teksten, hvor et kapitel første gang bruger ordet. Hold den under {EXPLANATION_MAX} tegn (en til to sætninger), og skriv resten i kapitlet under `kapitel:`."
                    )),
            );
        }
        let forms = std::iter::once((format!("{at}.ord"), &t.ord)).chain(
            t.ogsaa
                .iter()
                .enumerate()
                .map(|(j, o)| (format!("{at}.også[{j}]"), o)),
        );
        for (path, form) in forms {
            let key: Vec<String> = crate::words::words(form)
                .iter()
                .map(|w| stems.of(w))
                .collect();
            if key.is_empty() {
                continue;
            }
            if let Some((first, written)) = seen.get(&key) {
                d.push(
                    src.error_at(src.at(&path), "ordet står allerede i ordlisten")
                        .value(form.trim())
                        .help(format!(
                            "Det er det samme ord som \"{written}\" (ord nr. {}): saml forklaringerne under ét ord, og skriv andre skrivemåder under `også:`.",
                            first + 1
                        )),
                );
            } else {
                seen.insert(key, (i, form.trim().to_string()));
            }
        }
        if let Some(k) = t.chapter()
            && !known.contains(&k)
        {
            let mut sample = known.clone();
            sample.sort();
            sample.truncate(5);
            d.push(
                src.error_at(src.at(&format!("{at}.kapitel")), "kapitlet findes ikke i håndbogen")
                    .value(k)
                    .help(format!(
                        "Skriv filnavnet på det kapitel i content/metode/, der fortæller mere om ordet (med eller uden .md), fx {}.",
                        sample.join(", ")
                    )),
            );
        }
        // The handbook's PDF sets the glossary.
        if let Some(m) = metrics {
            for (path, text) in [("ord", &t.ord), ("forklaring", &t.forklaring)] {
                let missing = missing_chars(text, m);
                if !missing.is_empty() {
                    d.push(missing_glyphs(
                        src,
                        src.at(&format!("{at}.{path}")),
                        &missing,
                        "håndbogens PDF",
                    ));
                }
            }
        }
    }
}

/// The trin changes: in order, from the start on, ending on the family's trin.
fn trin_changes(fam: &Family, d: &mut Diagnostics) {
    let (f, fs) = (&fam.familie.data, &fam.familie.source);
    let mut before: Option<crate::model::Date> = None;
    for (i, c) in f.trinskift.iter().enumerate() {
        let at = || fs.at(&format!("trinskift[{i}].fra"));
        if c.fra < f.startdato {
            d.push(
                fs.error_at(at(), "trinskiftet er før forløbets start")
                    .value(c.fra)
                    .help(format!(
                        "Et trin kan tidligst begynde på startdatoen ({}). Ret datoen eller startdatoen.",
                        f.startdato
                    )),
            );
        } else if let Some(b) = before.filter(|b| c.fra < *b) {
            d.push(
                fs.error_at(at(), "trinskiftene står ikke i tidsorden")
                    .value(c.fra)
                    .help(format!(
                        "Skriv trinskiftene med det ældste først; det forrige er fra {b}."
                    )),
            );
        }
        before = Some(c.fra);
    }
    if let Some(last) = f.trinskift.last()
        && last.trin != f.trin
    {
        let i = f.trinskift.len() - 1;
        d.push(
            fs.error_at(
                fs.at(&format!("trinskift[{i}].trin")),
                format!(
                    "det seneste trinskift er til trin {}, men familien står på trin {}",
                    last.trin.number(),
                    f.trin.number()
                ),
            )
            .value(last.trin.number())
            .help(
                "Tilføj skiftet til det trin, familien står på nu (med datoen), eller ret `trin:`.",
            ),
        );
    }
}

fn range(src: &Source, path: &str, v: i64, lo: i64, hi: i64, what: &str, d: &mut Diagnostics) {
    if v < lo || v > hi {
        d.push(
            src.error_at(
                src.at(path),
                format!("{what} skal være mellem {lo} og {hi}"),
            )
            .value(v)
            .help(format!("Ret tallet, så det ligger fra {lo} til {hi}.")),
        );
    }
}

/// A text that must say something: not empty, and not `~` or `null`, which YAML reads as
/// "nothing" (serde hands them over as the words themselves).
fn not_empty(src: &Source, path: &str, text: &str, what: &str, d: &mut Diagnostics) {
    let t = text.trim();
    if t.is_empty() || t == "~" || t.eq_ignore_ascii_case("null") {
        let mut e = src
            .error_at(src.at(path), format!("{what} er tom"))
            .help("Skriv en tekst, eller slet linjen. `~` og `null` betyder \"ingenting\" i YAML.");
        if !t.is_empty() {
            e = e.value(t);
        }
        d.push(e);
    }
}

struct Who<'a> {
    members: Vec<&'a str>,
}

impl Who<'_> {
    fn is_member(&self, id: &str) -> bool {
        self.members.contains(&id)
    }

    /// Check `hvem`-style references. `staff` allows the staff roles too.
    fn check(
        &self,
        src: &Source,
        path: &str,
        id: &str,
        family_ok: bool,
        staff: bool,
        d: &mut Diagnostics,
    ) {
        let ok = self.is_member(id)
            || (family_ok && id == WHOLE_FAMILY)
            || (staff && STAFF_OWNERS.contains(&id));
        if ok {
            return;
        }
        let mut allowed: Vec<&str> = self.members.clone();
        if family_ok {
            allowed.push(WHOLE_FAMILY);
        }
        if staff {
            allowed.extend(STAFF_OWNERS);
        }
        d.push(
            src.error_at(src.at(path), format!("`{id}` er ikke et medlem af familien"))
                .value(id)
                .help(format!(
                    "Brug et `id` fra medlemmerne i familie.yaml, eller tilføj personen dér. Mulige værdier: {}.",
                    allowed.join(", ")
                )),
        );
    }
}

fn family(fam: &Family, site: &Site, d: &mut Diagnostics) {
    let f = &fam.familie.data;
    let fs = &fam.familie.source;
    not_empty(fs, "navn", &f.navn, "familiens navn", d);
    not_empty(
        fs,
        "makkerpar.jobkonsulent",
        &f.makkerpar.jobkonsulent,
        "jobkonsulentens navn",
        d,
    );
    not_empty(
        fs,
        "makkerpar.familiebehandler",
        &f.makkerpar.familiebehandler,
        "familiebehandlerens navn",
        d,
    );
    trin_changes(fam, d);
    if f.medlemmer.is_empty() {
        d.push(
            fs.error_at(fs.at("medlemmer"), "familien har ingen medlemmer")
                .help(
                    "Tilføj mindst én person under `medlemmer:` med id, navn, rolle og fødselsår.",
                ),
        );
    }
    let mut seen = HashSet::new();
    for (i, m) in f.medlemmer.iter().enumerate() {
        let p = format!("medlemmer[{i}]");
        if !seen.insert(m.id.as_str()) {
            d.push(
                fs.error_at(fs.at(&format!("{p}.id")), "to medlemmer har samme id")
                    .value(&m.id)
                    .help("Giv hvert medlem sit eget id, fx `barn1` og `barn2`."),
            );
        }
        if m.id == WHOLE_FAMILY || STAFF_OWNERS.contains(&m.id.as_str()) {
            d.push(fs.error_at(fs.at(&format!("{p}.id")), "id'et er reserveret").value(&m.id).help("`familien`, `jobkonsulent`, `familiebehandler` og `makkerpar` betyder noget særligt; vælg et andet id."));
        }
        if m.id.trim().is_empty() || m.id.contains(char::is_whitespace) {
            d.push(
                fs.error_at(fs.at(&format!("{p}.id")), "id skal være ét ord")
                    .value(&m.id)
                    .help("Brug et kort ord uden mellemrum, fx `mor` eller `amina`."),
            );
        }
        not_empty(fs, &format!("{p}.navn"), &m.navn, "navnet", d);
        let max_year = f.startdato.year + 4;
        if m.foedselsaar < 1900 || m.foedselsaar > max_year {
            d.push(
                fs.error_at(fs.at(&format!("{p}.fødselsår")), "fødselsåret ser forkert ud")
                    .value(m.foedselsaar)
                    .help(format!("Skriv kun årstallet med fire cifre, mellem 1900 og {max_year} (aldrig CPR-nummer eller fuld fødselsdato).")),
            );
        }
    }
    if let Some(end) = f.slutdato
        && end < f.startdato
    {
        d.push(
            fs.error_at(fs.at("slutdato"), "slutdatoen ligger før startdatoen")
                .value(end)
                .help(format!(
                    "Forløbet startede {}; ret en af datoerne.",
                    f.startdato
                )),
        );
    }
    use crate::model::Status;
    match f.status {
        Status::Inviteret if f.trin.number() != 1 => d.push(
            fs.warning_at(fs.at("status"), "en inviteret familie er normalt i trin 1")
                .value(f.trin)
                .help("Sæt `trin: 1`, eller ret status til `aktiv`."),
        ),
        Status::Afsluttet if f.slutdato.is_none() => d.push(
            fs.warning_at(fs.at("status"), "afsluttet forløb uden slutdato")
                .help("Tilføj `slutdato: ÅÅÅÅ-MM-DD`."),
        ),
        Status::Aktiv | Status::Udfasning if !f.samtykke.forløb => d.push(
            fs.warning_at(
                fs.key_at("samtykke"),
                "familiens samtykke til forløbet er ikke registreret",
            )
            .help("Skriv `samtykke:` med `forløb: true`, når familien har givet samtykke."),
        ),
        _ => {}
    }
    for (i, l) in f.livline.iter().enumerate() {
        not_empty(
            fs,
            &format!("livline[{i}].navn"),
            &l.navn,
            "navnet i livlinen",
            d,
        );
    }
    if let Some(t) = &f.tolk {
        not_empty(fs, "tolk", t, "tolkebehovet", d);
    }

    let who = Who {
        members: f.medlemmer.iter().map(|m| m.id.as_str()).collect(),
    };
    plan(fam, site, &who, d);
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

fn plan(fam: &Family, site: &Site, who: &Who, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
    let start = fam.familie.data.startdato;
    for (i, dr) in p.droemme.iter().enumerate() {
        who.check(ps, &format!("drømme[{i}].hvem"), &dr.hvem, true, false, d);
        not_empty(ps, &format!("drømme[{i}].tekst"), &dr.tekst, "drømmen", d);
    }
    for (i, g) in p.maal.iter().enumerate() {
        let gp = format!("mål[{i}]");
        who.check(ps, &format!("{gp}.hvem"), &g.hvem, true, false, d);
        not_empty(ps, &format!("{gp}.titel"), &g.titel, "målets titel", d);
        for (j, s) in g.delmaal.iter().enumerate() {
            let sp = format!("{gp}.delmål[{j}]");
            match s.frist {
                None => d.push(
                    ps.error_at(ps.at(&sp), "delmålet har ingen frist")
                        .value(&s.tekst)
                        .help("Et delmål skal være tidsbestemt: tilføj `frist: ÅÅÅÅ-MM-DD`."),
                ),
                Some(fr) if fr < start => d.push(
                    ps.warning_at(
                        ps.at(&format!("{sp}.frist")),
                        "fristen ligger før forløbets start",
                    )
                    .value(fr)
                    .help(format!("Forløbet startede {start}.")),
                ),
                _ => {}
            }
            who.check(ps, &format!("{sp}.ansvarlig"), &s.ansvarlig, true, true, d);
            not_empty(ps, &format!("{sp}.tekst"), &s.tekst, "delmålets tekst", d);
        }
    }
    for (key, items) in [
        ("går_godt", &p.kortlaegning.gaar_godt),
        ("bekymrer", &p.kortlaegning.bekymrer),
        ("skal_til", &p.kortlaegning.skal_til),
    ] {
        for (i, item) in items.iter().enumerate() {
            let path = format!("kortlægning.{key}[{i}]");
            not_empty(ps, &format!("{path}.tekst"), &item.tekst, "punktet", d);
            if let Some(h) = &item.hvem {
                who.check(ps, &format!("{path}.hvem"), h, true, false, d);
            }
        }
    }
    for (i, x) in p.familieprioritering.iter().enumerate() {
        let path = format!("familieprioritering[{i}]");
        not_empty(ps, &format!("{path}.indsats"), &x.indsats, "indsatsen", d);
        who.check(ps, &format!("{path}.hvem"), &x.hvem, true, false, d);
        if let Some(r) = &x.hvorfor {
            not_empty(ps, &format!("{path}.hvorfor"), r, "begrundelsen", d);
        }
        match (x.beslutning, x.dato) {
            (Some(b), None) => d.push(
                ps.error_at(ps.at(&format!("{path}.beslutning")), "beslutningen mangler en dato")
                    .value(b.code())
                    .help("Skriv hvornår I besluttede det, fx `dato: 2025-10-01`."),
            ),
            (None, Some(_)) => d.push(
                ps.error_at(ps.at(&format!("{path}.dato")), "der er en dato, men ingen beslutning")
                    .help("Skriv hvad I besluttede (`beslutning:` fortsæt, igangsæt, afslut, nedtrap, intensivér, fremryk eller udskyd), eller slet datoen."),
            ),
            _ => {}
        }
        if let (Some(since), Some(on)) = (x.siden, x.dato)
            // Continuing, ending, shrinking or growing a service is decided while it runs.
            && matches!(
                x.beslutning,
                Some(Decision::Fortsaet | Decision::Afslut | Decision::Nedtrap | Decision::Intensiver)
            )
            && on < since
        {
            d.push(
                ps.warning_at(
                    ps.at(&format!("{path}.dato")),
                    "beslutningen er dateret før indsatsen begyndte",
                )
                .value(on)
                .help(format!("Indsatsen begyndte {since}. Tjek datoerne.")),
            );
        }
    }
    for (i, a) in p.aftaler.iter().enumerate() {
        who.check(ps, &format!("aftaler[{i}].hvem"), &a.hvem, true, true, d);
        not_empty(ps, &format!("aftaler[{i}].hvad"), &a.hvad, "aftalen", d);
    }
    if let (Some(next), Some(last)) = (&p.naeste_moede, p.last_meeting())
        && next.dato < last
    {
        d.push(
            ps.warning_at(ps.at("næste_møde.dato"), "det aftalte møde ligger før det seneste møde")
                .value(next.dato)
                .help(format!("Det seneste møde i loggen var {last}. Ret datoen, eller slet `næste_møde`, når mødet er holdt.")),
        );
    }
    range(
        ps,
        "opfølgning.kadence_måneder",
        p.opfoelgning.kadence_maaneder,
        1,
        12,
        "kadencen i måneder",
        d,
    );
    for (i, s) in p.maalinger.who5.iter().enumerate() {
        let sp = format!("målinger.who5[{i}]");
        who.check(ps, &format!("{sp}.hvem"), &s.hvem, false, false, d);
        range(
            ps,
            &format!("{sp}.score"),
            s.score,
            WHO5.min,
            WHO5.max,
            "WHO-5",
            d,
        );
        if WHO5.contains(s.score) && s.score % 4 != 0 {
            d.push(
                ps.warning_at(ps.at(&format!("{sp}.score")), "WHO-5 i procent går op i 4")
                    .value(s.score)
                    .help("Gang rå-scoren (0–25) med 4, fx 12 → 48."),
            );
        }
    }
    for (i, s) in p.maalinger.sdq.iter().enumerate() {
        let sp = format!("målinger.sdq[{i}]");
        who.check(ps, &format!("{sp}.hvem"), &s.hvem, false, false, d);
        range(
            ps,
            &format!("{sp}.score"),
            s.score,
            SDQ.min,
            SDQ.max,
            "SDQ (samlede vanskeligheder)",
            d,
        );
    }
    for (i, r) in p.maalinger.kapabiliteter.iter().enumerate() {
        let rp = format!("målinger.kapabiliteter[{i}]");
        who.check(ps, &format!("{rp}.hvem"), &r.hvem, false, false, d);
        if r.ratings().is_empty() {
            d.push(ps.error_at(ps.at(&rp), "målingen har ingen vurderinger").help("Skriv mindst én af arbejde, sundhed, fællesskab, relationer med et tal fra 1 til 10."));
        }
        for (c, v) in r.ratings() {
            range(
                ps,
                &format!("{rp}.{}", c.code()),
                v,
                1,
                10,
                "vurderingen",
                d,
            );
        }
    }
    for (i, n) in p.netvaerk.iter().enumerate() {
        range(
            ps,
            &format!("netværk[{i}].nærhed"),
            n.naerhed,
            1,
            3,
            "nærheden (1 tæt, 2 en del, 3 lidt)",
            d,
        );
        if let Some(h) = &n.hvem {
            who.check(ps, &format!("netværk[{i}].hvem"), h, true, false, d);
        }
    }
    let mut per_year: BTreeMap<i32, (i64, usize)> = BTreeMap::new();
    for (i, a) in p.aktivitetsmidler.iter().enumerate() {
        who.check(
            ps,
            &format!("aktivitetsmidler[{i}].hvem"),
            &a.hvem,
            true,
            false,
            d,
        );
        if a.beloeb <= 0 {
            d.push(
                ps.error_at(
                    ps.at(&format!("aktivitetsmidler[{i}].beløb")),
                    "beløbet skal være større end 0",
                )
                .value(a.beloeb)
                .help("Skriv beløbet i hele kroner uden punktum, fx 750."),
            );
        }
        let e = per_year.entry(a.dato.year).or_insert((0, i));
        e.0 += a.beloeb;
        e.1 = i;
    }
    let budget = site.config.aktivitetsmidler_pr_aar as i64;
    for (year, (sum, last)) in per_year {
        if sum > budget {
            d.push(
                ps.warning_at(
                    ps.at(&format!("aktivitetsmidler[{last}]")),
                    format!("aktivitetsmidlerne for {year} overstiger rammen"),
                )
                .value(format!("{sum} kr. af {budget} kr."))
                .help("Tjek beløbene, eller ret rammen `aktivitetsmidler_pr_år` i trinvis.yaml."),
            );
        }
    }
}

/// Report every link and image in a page's Markdown body that the route table could not
/// resolve to something the site can show.
/// The other family whose folder a file (its output path) lies in, when a family's text
/// (`from`, its path from the site's root) links to it.
fn other_familys<'a>(from: &str, out: &'a str) -> Option<&'a str> {
    let families = format!("{}/", crate::load::FAMILIES_DIR);
    let own = from
        .strip_prefix(crate::config::CONTENT_DIR)?
        .strip_prefix('/')?
        .strip_prefix(&families)?
        .split('/')
        .next()?;
    let theirs = out.strip_prefix(&families)?.split('/').next()?;
    (theirs != own).then_some(theirs)
}

fn links(src: &Source, routes: &Routes, d: &mut Diagnostics) {
    for l in routes.links(&src.rel) {
        let pos = src.pos_of(src.body.start + l.offset);
        match (&l.kind, &l.target) {
            (RefKind::OpenComment, _) => d.push(
                src.warning_at(pos, "kommentaren bliver aldrig lukket, så resten af teksten vises ikke")
                    .value(&l.url)
                    .help("Afslut kommentaren med --> der, hvor den skal slutte, eller slet <!--."),
            ),
            (RefKind::RawHtml, _) => d.push(
                src.warning_at(pos, "HTML i teksten vises som almindelig tekst")
                    .value(&l.url)
                    .help("Brug Markdown i stedet, fx **fed**, *kursiv*, lister med - og links som [tekst](side.md)."),
            ),
            (_, Target::RootPath) => d.push(
                src.error_at(pos, "en sti der starter med / virker ikke, når sitet åbnes fra disken")
                    .value(&l.url)
                    .help("Skriv stien relativt til denne fil, fx `trin-2.md` eller `../metode/trin-2.md`."),
            ),
            (RefKind::Image, Target::External) => d.push(
                src.error_at(pos, "billeder fra andre websteder er ikke tilladt")
                    .value(&l.url)
                    .help("Gem billedet i content/ ved siden af teksten og henvis til det med en relativ sti, fx `billeder/kort.png`."),
            ),
            (RefKind::Link, Target::External) => d.push(
                src.warning_at(pos, "eksterne links bliver vist som tekst, ikke som link")
                    .value(&l.url)
                    .help("Sitet må ikke henvise til andre websteder. Adressen står i parentes, så læseren selv kan skrive den."),
            ),
            (_, Target::Asset(out)) => {
                if let Some(other) = other_familys(&src.rel, out) {
                    // A page the family is handed shows only its own files; a staff page
                    // should not lean on another family's either.
                    let handed = routes.page_of(&src.rel).is_some_and(|p| {
                        matches!(p, Page::FamilyView(_) | Page::Journey(_) | Page::Diploma(_))
                    });
                    let message = format!("linket viser en fil fra en anden families mappe (familier/{other}/)");
                    let help = "Hver families filer hører kun til den familie: læg filen i denne families mappe (eller i en fælles mappe som content/billeder/, hvis den ikke handler om en familie), eller fjern linket.";
                    let diag = if handed {
                        src.error_at(pos, format!("{message}, på en side familien får udleveret"))
                    } else {
                        src.warning_at(pos, message)
                    };
                    d.push(diag.value(&l.url).help(help));
                }
            }
            (_, Target::Outside(real)) => d.push(
                src.error_at(pos, "linket peger på en fil uden for content/")
                    .value(format!("{} → {real}", l.url))
                    .help("Kopiér filen ind i content/ (ikke som genvej), eller fjern linket. trinvis lægger aldrig filer uden for sitets indhold ud."),
            ),
            (_, Target::Refused(ext)) => d.push(
                src.error_at(pos, format!("filtypen .{ext} kan ikke lægges på sitet"))
                    .value(&l.url)
                    .help(format!(
                        "Sitet kan vise billeder og dokumenter af typerne {}. Gem filen som en af dem (et SVG-billede fx som PNG); HTML og andet, der kan køre i en browser, lægges aldrig ud.",
                        [crate::urls::IMAGE_TYPES, crate::urls::DOCUMENT_TYPES].concat().join(", ")
                    )),
            ),
            (_, Target::Missing) => {
                let what = if l.url.split('#').next().unwrap_or("").ends_with(".md") { "siden findes ikke" } else { "filen findes ikke" };
                let sample: Vec<&str> = routes.chapter_files().take(4).collect();
                d.push(
                    src.error_at(pos, format!("linket peger på noget, der ikke findes: {what}"))
                        .value(&l.url)
                        .help(format!(
                            "Stien er relativ til denne fil. Tjek stavningen; kapitler i håndbogen hedder fx {}.",
                            sample.join(", ")
                        )),
                );
            }
            _ => {}
        }
    }
}

/// `sprog` must be a language the theme has texts in.
fn view_language(
    fam: &Family,
    theme: &crate::load::theme::Theme,
    c: &crate::model::Config,
    d: &mut Diagnostics,
) {
    let (src, f) = (&fam.familie.source, &fam.familie.data);
    // A language whose letters the theme's font lacks: the page shows them with the reader's
    // fonts, but the PDF cannot.
    let view = theme.family_language(f, &c.sprog);
    if view != c.sprog && !theme.font_sets(view) {
        let key = if f.sprog.is_some() { "sprog" } else { "tolk" };
        d.push(
            src.warning_at(src.at(key), "familiens plan som PDF bliver på sitets sprog")
                .value(view)
                .help("Temaets skrift har ikke bogstaverne til sproget. Siden vises på sproget; PDF'en kan ikke."),
        );
    }
    let Some(lang) = &f.sprog else { return };
    if theme.has_language(lang) {
        return;
    }
    let mut have: Vec<&str> = theme.languages.keys().map(String::as_str).collect();
    have.push(&c.sprog);
    have.sort_unstable();
    d.push(
        src.error_at(src.at("sprog"), "temaet har ikke tekster på det sprog")
            .value(lang)
            .help(format!(
                "Brug et af temaets sprog ({}), eller læg tekster på sproget i `{}`.",
                have.join(", "),
                crate::config::strings_file(&c.tema, lang)
            )),
    );
}

/// Every text of a family that its PDFs set (the family's plan, the journey, the diploma),
/// with its YAML path: a character the theme's font lacks would be an empty box there, so it
/// is an error at its place.
fn glyphs(fam: &Family, m: &crate::draw::font::Metrics, d: &mut Diagnostics) {
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
fn missing_chars(text: &str, m: &crate::draw::font::Metrics) -> Vec<char> {
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
fn body_glyphs(src: &Source, m: &crate::draw::font::Metrics, pdf: &str, d: &mut Diagnostics) {
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
fn missing_glyphs(
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

/// Warn where a text `trinvis new family` wrote for staff to replace is still there.
fn placeholders(src: &Source, d: &mut Diagnostics) {
    for p in crate::model::PLACEHOLDERS {
        for (at, _) in src.text.match_indices(p) {
            d.push(
                src.warning_at(src.pos_of(at), "pladsholderteksten står her stadig")
                    .value(p)
                    .help("Skriv den rigtige tekst i stedet (for navne: et pseudonym), så den ikke kommer på familiens sider."),
            );
        }
    }
}
