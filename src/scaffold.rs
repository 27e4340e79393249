//! `trinvis init` and `trinvis new family`: start a site from the bundled example, and add a
//! family folder with files that already pass validation.

use crate::diagnostics::os_error;
use crate::load::{FAMILIES_DIR, is_slug, slugify};
use crate::model::{Date, PLACEHOLDERS};
use include_dir::{Dir, include_dir};
use std::fs;
use std::path::{Path, PathBuf};

static EXAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EXAMPLE_CONFIG: &str = include_str!("../trinvis.yaml");

fn write_dir(dir: &Dir<'static>, target: &Path) -> std::io::Result<()> {
    for f in dir.files() {
        let p = target.join(f.path());
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(p, f.contents())?;
    }
    for d in dir.dirs() {
        write_dir(d, target)?;
    }
    Ok(())
}

/// Create a new site in `dir` (which must not exist or be empty) from the bundled example.
pub fn init(dir: &Path) -> Result<(), String> {
    if dir.exists()
        && fs::read_dir(dir)
            .map_err(|e| format!("kan ikke læse {}: {}", dir.display(), os_error(&e)))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} er ikke tom; vælg en ny eller tom mappe.",
            dir.display()
        ));
    }
    let content = dir.join(crate::config::CONTENT_DIR);
    fs::create_dir_all(&content)
        .map_err(|e| format!("kan ikke oprette {}: {}", content.display(), os_error(&e)))?;
    write_dir(&EXAMPLE_CONTENT, &content)
        .map_err(|e| format!("kan ikke skrive eksemplet: {}", os_error(&e)))?;
    fs::write(dir.join(crate::config::CONFIG_FILE), EXAMPLE_CONFIG)
        .map_err(|e| format!("kan ikke skrive trinvis.yaml: {}", os_error(&e)))?;
    // The built site, what killed builds left beside it, and the folders handed to
    // families: none of them belongs in git.
    fs::write(dir.join(".gitignore"), GITIGNORE)
        .map_err(|e| format!("kan ikke skrive .gitignore: {}", os_error(&e)))?;
    Ok(())
}

/// The `.gitignore` of a new site.
pub const GITIGNORE: &str = "/output/\n/.output.*\n/udlevering/\n/.udlevering.*\n/.trinvis/\n";

/// Create `content/familier/<slug>/` with a familie.yaml and plan.md to fill in.
pub fn new_family(root: &Path, name: &str) -> Result<PathBuf, String> {
    let new = family_files(name, Date::today())?;
    let dir = root
        .join(crate::config::CONTENT_DIR)
        .join(FAMILIES_DIR)
        .join(&new.slug);
    if dir.exists() {
        return Err(format!("{} findes allerede.", dir.display()));
    }
    fs::create_dir_all(&dir)
        .map_err(|e| format!("kan ikke oprette {}: {}", dir.display(), os_error(&e)))?;
    fs::write(dir.join("familie.yaml"), new.familie).map_err(|e| os_error(&e))?;
    fs::write(dir.join("plan.md"), new.plan).map_err(|e| os_error(&e))?;
    Ok(dir)
}

/// A new family's folder name and files, to fill in.
pub struct NewFamily {
    pub slug: String,
    pub familie: String,
    pub plan: String,
}

/// What `new family` writes for a family called `name`, started `today`; why not (a name
/// that reads like a CPR number, or gives no folder name).
pub fn family_files(name: &str, today: Date) -> Result<NewFamily, String> {
    if !crate::cpr::find_cpr(name).is_empty() {
        return Err(format!(
            "navnet \"{}\" ligner et CPR-nummer; brug familiens pseudonym, fx \"Holm\".",
            crate::cpr::mask(name)
        ));
    }
    let slug = slugify(name);
    if !is_slug(&slug) {
        return Err(format!(
            "\"{name}\" giver ikke et brugbart mappenavn; brug bogstaver og tal."
        ));
    }
    let display = if name.to_lowercase().starts_with("familien") {
        name.trim().to_string()
    } else {
        format!("Familien {}", name.trim())
    };
    let familie = format!(
        "# Familiens stamdata. Brug pseudonymer og fødselsår – aldrig CPR-numre.\n\
navn: \"{display}\"\n\
medlemmer:\n  - id: mor\n    navn: \"{pseudonym}\"\n    rolle: mor\n    fødselsår: 1990\n\
makkerpar:\n  jobkonsulent: \"{staff}\"\n  familiebehandler: \"{staff}\"\n\
\x20\x20# Hvordan familien når jer, og hvornår (står på familiens udgave og diplomet;\n\
\x20\x20# check advarer, indtil kontakt står her):\n\
\x20\x20# kontakt: teamets telefon 12 34 56 78\n\
\x20\x20# træffes: hverdage kl. 8–15\n\
startdato: {today}\n\
trin: 1\n\
status: inviteret\n\
samtykke:\n  forløb: false\n  håndbog: false\n  diagnoser_på_diplom: false\n\
livline: []\n\
# Brug for tolk, og på hvilket sprog (står på jeres side; vælger sproget i familiens udgave,\n\
# hvis temaet har tekster på det):\n\
# tolk: arabisk\n\
# Sproget i familiens udgave af planen (da, en eller et sprog, temaet har tekster på):\n\
# sprog: en\n",
        pseudonym = PLACEHOLDERS[0],
        staff = PLACEHOLDERS[1],
    );
    let plan = format!(
        "---\n\
# Familiens plan. Målene står med familiens egne ord.\n\
opdateret: {today}\n\
drømme: []\n\
mål: []\n\
aftaler: []\n\
# Næste møde, når det er aftalt:\n\
# næste_møde:\n#   dato: {today}\n#   tid: kl. 10\n#   sted: hjemme hos familien\n\
# Kommunens indsatser og tilbud, og hvad familien har besluttet om dem:\n\
familieprioritering: []\n\
opfølgning:\n  kadence_måneder: 3\n  log: []\n\
# Målingerne, når de er taget (fjern # foran linjerne; hvem er et id fra familie.yaml):\n\
# målinger:\n\
#   who5:              # voksne, selv udfyldt: 0–100\n\
#     - dato: {today}\n#       hvem: mor\n#       score: 48\n\
#   sdq:               # børn, forældrene udfylder: fire problemskalaer og prosocial, 0–10 hver\n\
#     - dato: {today}\n#       hvem: barn\n\
#       følelsesmæssige: 3\n#       adfærd: 2\n#       hyperaktivitet: 4\n#       kammerater: 1\n#       prosocial: 8\n\
#   funktionsniveau:   # jeres faglige vurdering hver 3. måned: 0 intet problem … 4 fuldstændigt, samlet A–E\n\
#     - dato: {today}\n#       hvem: mor\n#       samlet: C\n#       vurdering:\n\
#         psykisk_funktionsnedsættelse: 2\n#         sociale_problemer: 2\n#         egenomsorg: 1\n\
#         praktiske_opgaver: 2\n#         socialt_liv: 3\n#         samfundsliv: 3\n\
#   kapabiliteter:     # familiens egne vurderinger, 1–10\n\
#     - dato: {today}\n#       hvem: mor\n#       arbejde: 3\n#       sundhed: 5\n#       fællesskab: 4\n#       relationer: 6\n\
# Hvad hver voksen og ung lever af, fra hvilken dag (og timer om ugen for et job):\n\
# forsørgelse:\n\
#   - hvem: mor\n#     fra: {today}\n#     slags: kontanthjælp-aktivitetsparat\n\
---\n\n\
{body}, hvad der er vigtigt for dem lige nu.\n",
        body = PLACEHOLDERS[2],
    );
    Ok(NewFamily {
        slug,
        familie,
        plan,
    })
}
