//! Checks that need the whole typed model — ranges, references between files,
//! links, privacy. Every finding points at file:line:col and says how to fix it.

use crate::diagnostics::Diagnostics;
use crate::load::{Loaded, Unit};
use crate::markdown::RefKind;
use crate::model::{Date, Decision, Family, SDQ, STAFF_OWNERS, Site, Status, WHO5, WHOLE_FAMILY};
use crate::privacy;
use crate::routes::{Page, Routes, Target};
use crate::source::Source;
use std::collections::{BTreeMap, HashSet};

mod diplom;
mod familie;
mod glyphs;
pub(crate) use glyphs::{MISSING_GLYPHS, missing_glyphs};
use glyphs::{body_glyphs, missing_chars};
mod handbook;
mod links;
mod plan;
mod rejse;

/// The checks of one family or chapter: its texts (privacy, placeholders) and its data. They
/// read nothing of other units, so a change to one unit checks only that unit again. `today`
/// is the day the site is drawn for (whether the next meeting has passed).
pub fn unit(loaded: &Loaded, u: &Unit, today: Date) -> Diagnostics {
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
            familie::family(fam, site, today, &mut d);
            if let Some(theme) = &loaded.theme {
                familie::view_language(fam, theme, &site.config, &mut d);
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
/// route table; and once for each language in use, whether its texts are a draft.
pub fn site_wide(loaded: &Loaded, routes: &Routes) -> Diagnostics {
    let mut d = Diagnostics::new();
    if let Some(path) = &loaded.site.path {
        handbook::reading_path(path, &loaded.site, &mut d);
    }
    if let Some(g) = &loaded.site.glossary {
        let metrics = loaded.theme.as_ref().and_then(|t| t.metrics.as_ref());
        handbook::glossary(g, &loaded.site, metrics, &mut d);
    }
    for src in loaded.site.page_sources() {
        links::links(src, routes, &mut d);
    }
    if let Some(theme) = &loaded.theme {
        familie::draft_languages(&loaded.site, theme, &mut d);
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
