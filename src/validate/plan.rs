//! `plan.md`: its goals and steps, agreements, follow-up, measurements, network, funds and
//! services, each owned by someone of the family (or the pair) and dated within reason.

use super::*;
use crate::model::{
    ADULT_DIMENSIONS, CHILD_DIMENSIONS, Functioning, OVERALL_LEVELS, SDQ_PROBLEM_SCALES, SdqScore,
};

/// The plan's parts, each on its own.
pub(super) fn plan(fam: &Family, site: &Site, who: &Who, today: Date, d: &mut Diagnostics) {
    goals(fam, who, d);
    services(fam, who, d);
    support(fam, who, d);
    meetings(fam, who, today, d);
    measurements(fam, who, d);
    network(fam, who, d);
    funds(fam, site, who, d);
}

/// The dreams and goals, each step owned and dated, and what the mapping found.
fn goals(fam: &Family, who: &Who, d: &mut Diagnostics) {
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
}

/// The services and the decisions about them.
fn services(fam: &Family, who: &Who, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
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
}

/// The support history: whose, each person's entries in date order and one a day, hours
/// only for a job and within reason.
fn support(fam: &Family, who: &Who, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
    let mut last: BTreeMap<&str, Date> = BTreeMap::new();
    for (i, e) in p.forsoergelse.iter().enumerate() {
        let path = format!("forsørgelse[{i}]");
        who.check(ps, &format!("{path}.hvem"), &e.hvem, false, false, d);
        if let Some(before) = last.insert(&e.hvem, e.fra) {
            if e.fra == before {
                d.push(
                    ps.error_at(
                        ps.at(&format!("{path}.fra")),
                        "to skift af forsørgelse samme dag for samme person",
                    )
                    .value(e.fra)
                    .help("Skriv det, der gælder fra den dag, én gang; slet det andet."),
                );
            } else if e.fra < before {
                d.push(
                    ps.error_at(ps.at(&format!("{path}.fra")), "forsørgelsen står ikke i tidsorden")
                        .value(e.fra)
                        .help(format!("Skriv hver persons skift med det ældste først; det forrige for `{}` er fra {before}.", e.hvem)),
                );
            }
        }
        if let Some(h) = e.timer {
            if !e.slags.job() {
                d.push(
                    ps.error_at(ps.at(&format!("{path}.timer")), format!("timer hører til et job, ikke til {}", e.slags.code()))
                        .value(h)
                        .help("Slet `timer:`, eller ret `slags:` til det job, timerne er i (ordinært-job, småjob, fritidsjob, fleksjob, løntilskud, virksomhedspraktik)."),
                );
            } else {
                range(ps, &format!("{path}.timer"), h, 1, 60, "timer om ugen", d);
            }
        }
    }
}

/// The agreements, the next meeting and the cadence of follow-up. The next meeting of a
/// course not ended is said once, the first that holds: before the last meeting in the log,
/// passed on `today`, or later than the cadence allows.
fn meetings(fam: &Family, who: &Who, today: Date, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
    for (i, a) in p.aftaler.iter().enumerate() {
        who.check(ps, &format!("aftaler[{i}].hvem"), &a.hvem, true, true, d);
        not_empty(ps, &format!("aftaler[{i}].hvad"), &a.hvad, "aftalen", d);
    }
    if let Some(next) = &p.naeste_moede
        && fam.familie.data.status != Status::Afsluttet
    {
        let at = ps.at("næste_møde.dato");
        let due = p.follow_up_due(fam.familie.data.startdato);
        let n = p.cadence();
        let finding = match p.last_meeting() {
            Some(last) if next.dato < last => Some(
                ps.warning_at(at, "det aftalte møde ligger før det seneste møde")
                    .help(format!("Det seneste møde i loggen var {last}. Ret datoen, eller slet `næste_møde`, når mødet er holdt.")),
            ),
            _ if next.dato < today => Some(
                ps.warning_at(at, "det aftalte møde er overstået")
                    .help(format!("Dagen, siden laves for (i dag eller `--dato`), er {today}. Skriv mødet i `opfølgning.log`, og ret `næste_møde` til det næste møde, I har aftalt med familien.")),
            ),
            last if next.dato > due => Some(
                ps.warning_at(at, "det aftalte møde ligger efter opfølgningsfristen")
                    .help(format!(
                        "Med opfølgning hver {n}. måned skal næste møde holdes senest {due} ({} plus {n} måned{}). Flyt mødet frem, eller ret `opfølgning.kadence_måneder`, hvis I har aftalt en anden kadence.",
                        match last {
                            Some(l) => format!("seneste møde {l}"),
                            None => format!("forløbets start {}", fam.familie.data.startdato),
                        },
                        if n == 1 { "" } else { "er" },
                    )),
            ),
            _ => None,
        };
        if let Some(f) = finding {
            d.push(f.value(next.dato));
        }
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
}

/// One SDQ: whose; its total and scales within their ranges; a total, or all four problem
/// scales to make it; and a total that agrees with the scales it is the sum of.
fn sdq(ps: &Source, sp: &str, s: &SdqScore, who: &Who, d: &mut Diagnostics) {
    who.check(ps, &format!("{sp}.hvem"), &s.hvem, false, false, d);
    if let Some(total) = s.score {
        range(
            ps,
            &format!("{sp}.score"),
            total,
            SDQ.min,
            SDQ.max,
            "SDQ (samlede vanskeligheder)",
            d,
        );
    }
    let scales = SDQ_PROBLEM_SCALES
        .iter()
        .zip(s.problems())
        .chain([(&"prosocial", s.prosocial)]);
    let mut in_range = true;
    for (key, v) in scales {
        if let Some(v) = v {
            in_range &= (0..=10).contains(&v);
            range(
                ps,
                &format!("{sp}.{key}"),
                v,
                0,
                10,
                &format!("SDQ-skalaen «{key}»"),
                d,
            );
        }
    }
    let written = s.problems().iter().filter(|v| v.is_some()).count();
    match (s.score, s.sum()) {
        (None, None) if written == 0 => d.push(
            ps.error_at(ps.at(sp), "SDQ-målingen har ingen score")
                .help("Skriv den samlede score (`score: 0–40`) eller de fire problemskalaer (`følelsesmæssige`, `adfærd`, `hyperaktivitet`, `kammerater`, 0–10 hver), gerne begge."),
        ),
        (None, None) => d.push(
            ps.error_at(ps.at(sp), "SDQ-målingen mangler problemskalaer til en samlet score")
                .value(format!("{written} af 4"))
                .help(format!(
                    "Den samlede score er summen af de fire problemskalaer. Skriv dem, der mangler ({}), eller skriv `score:`.",
                    SDQ_PROBLEM_SCALES
                        .iter()
                        .zip(s.problems())
                        .filter(|(_, v)| v.is_none())
                        .map(|(k, _)| *k)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        ),
        (Some(total), Some(sum)) if total != sum && in_range => d.push(
            ps.error_at(
                ps.at(&format!("{sp}.score")),
                "den samlede SDQ-score passer ikke med skalaerne",
            )
            .value(total)
            .help(format!(
                "De fire problemskalaer giver tilsammen {sum} (prosocial tæller ikke med). Ret den samlede score eller den skala, der er skrevet forkert."
            )),
        ),
        _ => {}
    }
}

/// A measure meant for adults (WHO-5) or for children (SDQ) given to someone who is not: a
/// warning at its `hvem`.
fn for_whom(
    fam: &Family,
    path: &str,
    (hvem, day): (&str, Date),
    adults: bool,
    what: &str,
    d: &mut Diagnostics,
) {
    let ps = &fam.plan.source;
    let Some(m) = fam.member(hvem) else { return };
    if m.adult_on(day) != adults {
        let (is, meant) = if adults {
            ("et barn", "voksne")
        } else {
            ("voksen", "børn")
        };
        d.push(
            ps.warning_at(
                ps.at(&format!("{path}.hvem")),
                format!("{what} er til {meant}, men {} er {is}", m.navn),
            )
            .value(hvem)
            .help(format!(
                "{} er født {} og var {} år på målingens dato. Tjek `hvem` og datoen.",
                m.navn,
                m.foedselsaar,
                day.year - m.foedselsaar
            )),
        );
    }
}

/// One assessment of functioning level: whose; its dimensions those of an adult or a child
/// (by age on its date), each 0–4; its overall level A–E.
fn functioning(
    fam: &Family,
    ps: &Source,
    fp: &str,
    x: &Functioning,
    who: &Who,
    d: &mut Diagnostics,
) {
    who.check(ps, &format!("{fp}.hvem"), &x.hvem, false, false, d);
    if let Some(l) = &x.samlet
        && !OVERALL_LEVELS.contains(&l.trim())
    {
        d.push(
            ps.error_at(ps.at(&format!("{fp}.samlet")), "det samlede funktionsniveau skal være A, B, C, D eller E")
                .value(l)
                .help("A: intet problem, B: let, C: moderat, D: svært, E: fuldstændigt. Det er en samlet faglig vurdering, ikke et gennemsnit af dimensionerne."),
        );
    }
    if x.samlet.is_none() && x.vurdering.is_empty() {
        d.push(
            ps.error_at(ps.at(fp), "vurderingen af funktionsniveau er tom")
                .help("Skriv `samlet:` (A–E) og `vurdering:` med dimensionerne, hver fra 0 (intet problem) til 4 (fuldstændigt)."),
        );
    }
    let member = fam.member(&x.hvem);
    for (k, v) in &x.vurdering {
        let kp = format!("{fp}.vurdering.{k}");
        range(ps, &kp, *v, 0, 4, "funktionsniveauet", d);
        let Some(m) = member else { continue };
        let adult = m.adult_on(x.dato);
        let (dims, other, is) = if adult {
            (&ADULT_DIMENSIONS[..], &CHILD_DIMENSIONS[..], "voksen")
        } else {
            (&CHILD_DIMENSIONS[..], &ADULT_DIMENSIONS[..], "et barn")
        };
        if !dims.contains(&k.as_str()) {
            let why = if other.contains(&k.as_str()) {
                format!(
                    "«{k}» hører til {}s funktionsniveau, og {} er {is} på datoen",
                    if adult { "et barn" } else { "en voksen" },
                    m.navn
                )
            } else {
                format!("«{k}» er ikke en dimension af funktionsniveau")
            };
            d.push(ps.error_at(ps.at(&kp), why).help(format!(
                "For {} er dimensionerne: {}.",
                if adult { "en voksen" } else { "et barn" },
                dims.join(", ")
            )));
        }
    }
}

/// WHO-5, SDQ, the family's own ratings and the functioning level: whose, for an adult or a
/// child, and within their scales.
fn measurements(fam: &Family, who: &Who, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
    for (i, s) in p.maalinger.who5.iter().enumerate() {
        let path = format!("målinger.who5[{i}]");
        for_whom(fam, &path, (&s.hvem, s.dato), true, "WHO-5", d);
    }
    for (i, s) in p.maalinger.sdq.iter().enumerate() {
        let path = format!("målinger.sdq[{i}]");
        for_whom(fam, &path, (&s.hvem, s.dato), false, "SDQ", d);
    }
    for (i, x) in p.maalinger.funktionsniveau.iter().enumerate() {
        functioning(
            fam,
            ps,
            &format!("målinger.funktionsniveau[{i}]"),
            x,
            who,
            d,
        );
    }
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
        sdq(ps, &format!("målinger.sdq[{i}]"), s, who, d);
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
}

/// The network: how close each person is, and whose they are.
fn network(fam: &Family, who: &Who, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
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
}

/// The activity funds: whose, above nothing, and within the year's budget.
fn funds(fam: &Family, site: &Site, who: &Who, d: &mut Diagnostics) {
    let (ps, p) = (&fam.plan.source, &fam.plan.data);
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
