//! Links in a Markdown body: to pages and files that exist, inside the site, of types a
//! browser cannot run, and never to another family's files.

use super::*;

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

/// Report every link and image in a page's Markdown body that the route table could not
/// resolve to something the site can show.
pub(super) fn links(src: &Source, routes: &Routes, d: &mut Diagnostics) {
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
                        // (`rejse.yaml` is the staff's journey's source, and the family's.)
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
