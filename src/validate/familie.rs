//! `familie.yaml`: its members, the pair, the course's dates, trin and status, the consent,
//! the lifeline and the language of its own plan; and, from there, the family's other files.

use super::*;

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

pub(super) fn family(fam: &Family, site: &Site, today: Date, d: &mut Diagnostics) {
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
    // A family in the course reads on its own plan how to reach the pair.
    if f.makkerpar.contact().is_none() && f.status != crate::model::Status::Afsluttet {
        d.push(
            fs.warning_at(
                fs.key_at("makkerpar"),
                "familien kan ikke se, hvordan den når makkerparret",
            )
            .value("makkerpar.kontakt mangler")
            .help("Skriv under `makkerpar:` et telefonnummer, familien kan ringe eller skrive til, fx `kontakt: 21 43 65 87 (teamets telefon)`, og gerne hvornår I træffes: `træffes: hverdage kl. 8–15`. Det står på familiens egen plan, på diplomets livline og på forsiden af det, familien får udleveret."),
        );
    }
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
    super::plan::plan(fam, site, &who, today, d);
    super::rejse::check(fam, &who, d);
    super::diplom::check(fam, d);
}

/// `sprog` must be a language the theme has texts in.
pub(super) fn view_language(
    fam: &Family,
    theme: &crate::load::theme::Theme,
    c: &crate::model::Config,
    d: &mut Diagnostics,
) {
    let (src, f) = (&fam.familie.source, &fam.familie.data);
    // A language whose letters no font has: the page shows them with the reader's fonts, but
    // the PDF cannot.
    let view = theme.family_language(f, &c.sprog);
    if view != c.sprog && !theme.pdf_sets(view) {
        let key = if f.sprog.is_some() { "sprog" } else { "tolk" };
        d.push(
            src.warning_at(src.at(key), "familiens plan som PDF bliver på sitets sprog")
                .value(view)
                .help("Skrifterne har ikke bogstaverne til sproget. Siden vises på sproget; PDF'en kan ikke."),
        );
    }
    // A language asked for (by `sprog` or by the interpreter's language) that the theme has
    // no texts in: the plan is in the site's language, and the team is told which file to add.
    let Some(lang) = f.asked_language() else {
        if let Some(tolk) = &f.tolk {
            d.push(
                src.warning_at(src.at("tolk"), "trinvis kender ikke tolkens sprog; familiens plan er på sitets sprog")
                    .value(tolk.as_str())
                    .help(format!(
                        "Skriv sproget på dansk (fx arabisk, somali, tyrkisk, tigrinya, dari), eller vælg sproget med `sprog:` og dets kode, og læg teksterne i `{}`.",
                        crate::config::strings_file(&c.tema, "<kode>")
                    )),
            );
        }
        return;
    };
    if theme.has_language(lang) {
        return;
    }
    let key = if f.sprog.is_some() { "sprog" } else { "tolk" };
    let mut have: Vec<&str> = theme.languages.keys().map(String::as_str).collect();
    have.push(&c.sprog);
    have.sort_unstable();
    have.dedup();
    d.push(
        src.warning_at(
            src.at(key),
            format!("temaet har ikke tekster på sproget «{lang}»; familiens plan er på sitets sprog"),
        )
        .value(f.tolk.as_deref().filter(|_| key == "tolk").unwrap_or(lang))
        .help(format!(
            "Læg familiens tekster på sproget i `{}` (se standardtemaets strings/ar.yaml for nøglerne), eller brug et af temaets sprog ({}).",
            crate::config::strings_file(&c.tema, lang),
            have.join(", "),
        )),
    );
}

/// Once for each language families' plans are in whose texts no interpreter has read
/// (`gennemlæst: false`): at the first family that uses it.
pub(super) fn draft_languages(
    site: &crate::model::Site,
    theme: &crate::load::theme::Theme,
    d: &mut Diagnostics,
) {
    let mut told: Vec<&str> = Vec::new();
    for fam in &site.families {
        let (src, f) = (&fam.familie.source, &fam.familie.data);
        let lang = theme.family_language(f, &site.config.sprog);
        if lang == site.config.sprog || told.contains(&lang) || !theme.draft(lang) {
            continue;
        }
        told.push(lang);
        // The language's Danish name (the team's words), else its own.
        let name = crate::model::INTERPRETER_LANGUAGES
            .iter()
            .find(|(_, code)| *code == lang)
            .map(|(name, _)| name.to_string())
            .or_else(|| theme.strings_in(lang).get("lang_name").cloned())
            .unwrap_or_else(|| lang.to_string());
        let key = if f.sprog.is_some() { "sprog" } else { "tolk" };
        d.push(
            src.warning_at(
                src.at(key),
                format!("teksterne på {name} ({lang}) på familiens egne sider (plan, rejse, diplom) er et udkast, som ingen tolk har læst"),
            )
            .value(format!("{}: false", crate::load::theme::READ))
            .help(format!(
                "Bed en tolk læse teksterne. Ret dem, der skal rettes, i `{}` (kun de tekster, I retter; resten tages fra trinvis' udgave), og skriv `{}: true` i filen.",
                crate::config::strings_file(&site.config.tema, lang),
                crate::load::theme::READ,
            )),
        );
    }
}
