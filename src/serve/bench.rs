//! The workbench: forms under `trinvis serve` for the tasks staff do most (a meeting, a
//! status, a measurement, the next trin), writing the same files staff edit by hand and
//! changing nothing else in them (`source::edit`). A built site has no forms.
//!
//! A save:
//! 1. is only for the browser with serve's cookie, with a same-origin `Origin` and the
//!    form's token (an HMAC of the form's address with serve's secret);
//! 2. is refused when the file changed since the form was drawn (the form carries a hash of
//!    the file as it was): what was typed is kept and the user is told;
//! 3. is checked as `check` checks it (`Session::try_family`, with the edited text in
//!    place of the file): an error stands next to its field and in a summary at the top, and
//!    nothing is written;
//! 4. keeps the file as it was in `.trinvis/historik/` (the last 20 versions of each file),
//!    then writes a temporary file beside it, flushes it, and renames it into place;
//! 5. waits until the pages are drawn again, and goes back to the staff's plan.
//!
//! "Fortryd sidste ændring" puts back the version before the family's last save, when the
//! file is still as that save left it.

use crate::diagnostics::Diagnostics;
use crate::model::{AgreementStatus, Family, SubGoalStatus, Trin};
use crate::session::Session;
use crate::source::edit::{self, Op};
use serde_yaml::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where serve's forms are: `/__trinvis/rediger/<familie>/<form>`.
pub const PREFIX: &str = "/__trinvis/rediger/";
/// The folder inside the site where earlier versions of edited files are kept.
pub const HISTORY: &str = ".trinvis/historik";
/// How many earlier versions of a file are kept.
pub const KEEP: usize = 20;

/// The forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Meeting,
    Status,
    Goals,
    Measure,
    Trin,
    Diploma,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Meeting,
        Kind::Status,
        Kind::Goals,
        Kind::Measure,
        Kind::Trin,
        Kind::Diploma,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Kind::Meeting => "moede",
            Kind::Status => "status",
            Kind::Goals => "maal",
            Kind::Measure => "maaling",
            Kind::Trin => "trin",
            Kind::Diploma => "diplom",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Meeting => "Registrér møde",
            Kind::Status => "Status på delmål og aftaler",
            Kind::Goals => "Mål og delmål",
            Kind::Measure => "Ny måling",
            Kind::Trin => "Næste trin",
            Kind::Diploma => "Diplom",
        }
    }

    /// The file the form writes, in the family's folder.
    fn file(self) -> &'static str {
        match self {
            Kind::Trin => "familie.yaml",
            Kind::Diploma => "diplom.md",
            _ => "plan.md",
        }
    }

    fn of(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

/// A request for the workbench: the family, and the form (None: undo).
pub struct Target {
    pub family: String,
    pub kind: Option<Kind>,
}

/// The form or undo a path asks for.
pub fn target(url: &str) -> Option<Target> {
    let rest = url.split(['?', '#']).next()?.strip_prefix(PREFIX)?;
    let (family, form) = rest.split_once('/')?;
    if !crate::load::is_slug(family) {
        return None;
    }
    let kind = match form {
        "fortryd" => None,
        f => Some(Kind::of(f)?),
    };
    Some(Target {
        family: family.to_string(),
        kind,
    })
}

/// The form's token: proof that the form was drawn by this server.
pub fn token(secret: &str, family: &str, form: &str) -> String {
    use pbkdf2::hmac::{Hmac, Mac};
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(format!("{family}/{form}").as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A file's text as the pages read it (without a byte-order mark), hashed.
pub fn hash(text: &str) -> String {
    hex(&Sha256::digest(
        text.trim_start_matches('\u{feff}').as_bytes(),
    ))[..32]
        .to_string()
}

/// A form's body, `application/x-www-form-urlencoded`, as name–value pairs.
pub fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = b
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(x) => {
                            out.push(x);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                x => out.push(x),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).replace("\r\n", "\n")
    };
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// What a form was sent with.
pub struct Sent {
    fields: Vec<(String, String)>,
}

impl Sent {
    pub fn new(fields: Vec<(String, String)>) -> Sent {
        Sent { fields }
    }

    /// The form's token, as sent.
    pub fn token(&self) -> Option<&str> {
        self.get("token")
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_string()
    }
}

/// What a form page shows besides its fields: the findings by field, the summary.
#[derive(Default)]
pub struct Said {
    /// Messages by field name.
    fields: BTreeMap<String, Vec<String>>,
    /// Every message, with the field it belongs to, if any.
    summary: Vec<(Option<String>, String)>,
    /// Checked without saving ("Tjek", or the script while typing): say how it went.
    checked: bool,
    /// How the diploma fits its page, once laid out.
    room: Option<Room>,
}

/// How a diploma as typed fits its one A4 page, from the fit `check` uses.
pub struct Room {
    /// The body text's size in points; None when it cannot fit.
    size: Option<f32>,
    /// More lines of body text it has room for (at the smallest type), or too many.
    lines: usize,
    /// Where the page is shown, when it could be drawn.
    pdf: Option<String>,
}

/// The diplomas last drawn for the preview, by address: the newest few, in memory only.
#[derive(Default)]
pub struct Previews(std::sync::Mutex<Vec<(String, std::sync::Arc<[u8]>)>>);

/// How many previews are kept (one per open form is enough; a few forms at once).
const PREVIEWS: usize = 8;

impl Previews {
    /// Keep a family's preview; its address.
    fn put(&self, slug: &str, pdf: Vec<u8>) -> String {
        let url = format!(
            "{PREFIX}{slug}/forhaand/{}.pdf",
            &hex(&Sha256::digest(&pdf))[..20]
        );
        if let Ok(mut kept) = self.0.lock() {
            kept.retain(|(u, _)| *u != url);
            kept.push((url.clone(), pdf.into()));
            let over = kept.len().saturating_sub(PREVIEWS);
            kept.drain(..over);
        }
        url
    }

    /// A preview by its address.
    pub fn get(&self, url: &str) -> Option<std::sync::Arc<[u8]>> {
        let path = url.split(['?', '#']).next()?;
        let kept = self.0.lock().ok()?;
        kept.iter().find(|(u, _)| u == path).map(|(_, b)| b.clone())
    }
}

impl Said {
    fn one(msg: impl Into<String>) -> Said {
        Said {
            summary: vec![(None, msg.into())],
            ..Default::default()
        }
    }

    fn field(&mut self, name: &str, msg: String) {
        self.fields
            .entry(name.to_string())
            .or_default()
            .push(msg.clone());
        self.summary.push((Some(name.to_string()), msg));
    }
}

/// The outcome of a POST.
pub enum Outcome {
    /// Saved: go to this page when it is drawn again; the file written.
    Saved { file: String, back: String },
    /// Not saved: the form again, with what was typed and why (status, page).
    Again(u16, Vec<u8>),
}

fn family<'a>(session: &'a Session, slug: &str) -> Option<&'a Family> {
    session.site()?.family(slug)
}

/// The id and name of everyone a form can name: the members, then the pair.
fn people(f: &Family) -> Vec<(String, String)> {
    let d = &f.familie.data;
    let mut out: Vec<(String, String)> = d
        .medlemmer
        .iter()
        .map(|m| (m.id.clone(), format!("{} ({})", m.navn, m.rolle)))
        .collect();
    out.push(("familien".into(), "Hele familien".into()));
    out.push((
        "jobkonsulent".into(),
        format!("{} (jobkonsulent)", d.makkerpar.jobkonsulent),
    ));
    out.push((
        "familiebehandler".into(),
        format!("{} (familiebehandler)", d.makkerpar.familiebehandler),
    ));
    out.push(("makkerpar".into(), "Makkerparret".into()));
    out
}

fn esc(s: &str) -> String {
    crate::draw::escaped(&crate::cpr::mask(s))
}

/// A page of the workbench.
fn page(title: &str, family: &str, back: &str, body: &str) -> Vec<u8> {
    let own = super::OWN;
    let (title, family, back) = (esc(title), esc(family), esc(back));
    format!(
        "<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta content=\"{POLICY}\" http-equiv=Content-Security-Policy><link rel=\"stylesheet\" href=\"{own}live.css\"><script src=\"{own}bench.js\" defer></script><title>{title} – {family}</title><main class=\"trinvis-own trinvis-bench\"><p><a href=\"{back}\">← Tilbage til planen</a></p><h1>{title}</h1><p class=\"trinvis-family\">{family}</p>{body}</main>"
    )
    .into_bytes()
}

/// The policy of the workbench's pages: as every page's, but forms may be sent here.
pub const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The staff's plan of a family.
pub fn back(slug: &str) -> String {
    format!("/familier/{slug}/")
}

fn id(name: &str) -> String {
    format!(
        "f-{}",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    )
}

/// A labelled field: its error (linked by `aria-describedby`) and its input.
fn field(label: &str, name: &str, input: &str, said: &Said, hint: Option<&str>) -> String {
    let fid = id(name);
    let errs = said.fields.get(name);
    let mut described = Vec::new();
    let mut out = format!(
        "<div class=\"felt{}\">",
        if errs.is_some() { " fejl" } else { "" }
    );
    out.push_str(&format!("<label for=\"{fid}\">{}</label>", esc(label)));
    if let Some(h) = hint {
        out.push_str(&format!(
            "<p class=\"hint\" id=\"{fid}-hint\">{}</p>",
            esc(h)
        ));
        described.push(format!("{fid}-hint"));
    }
    if let Some(errs) = errs {
        for (i, e) in errs.iter().enumerate() {
            out.push_str(&format!(
                "<p class=\"fejltekst\" id=\"{fid}-fejl{i}\"><strong>Fejl:</strong> {}</p>",
                esc(e)
            ));
            described.push(format!("{fid}-fejl{i}"));
        }
    }
    let extra = format!(
        " id=\"{fid}\" name=\"{}\"{}{}",
        esc(name),
        if described.is_empty() {
            String::new()
        } else {
            format!(" aria-describedby=\"{}\"", described.join(" "))
        },
        if errs.is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        }
    );
    out.push_str(&input.replacen("{}", &extra, 1));
    out.push_str("</div>");
    out
}

fn input(kind: &str, value: &str, extra: &str) -> String {
    format!(
        "<input type=\"{kind}\"{{}} value=\"{}\"{extra}>",
        esc(value)
    )
}

fn select(options: &[(String, String)], chosen: &str) -> String {
    let mut s = String::from("<select{}>");
    for (v, label) in options {
        s.push_str(&format!(
            "<option value=\"{}\"{}>{}</option>",
            esc(v),
            if v == chosen { " selected" } else { "" },
            esc(label)
        ));
    }
    s.push_str("</select>");
    s
}

fn summary(said: &Said) -> String {
    if said.summary.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<div class=\"opsummering\" role=\"alert\" tabindex=\"-1\" id=\"opsummering\"><h2>Der er noget, der skal rettes</h2><p>Intet er gemt endnu.</p><ul>",
    );
    for (f, msg) in &said.summary {
        match f {
            Some(f) => s.push_str(&format!("<li><a href=\"#{}\">{}</a></li>", id(f), esc(msg))),
            None => s.push_str(&format!("<li>{}</li>", esc(msg))),
        }
    }
    s.push_str("</ul></div>");
    s
}

/// The hidden fields every form carries.
fn hidden(secret: &str, slug: &str, kind: Kind, hash: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"hash\" value=\"{}\">",
        token(secret, slug, kind.slug()),
        esc(hash)
    )
}

fn action(slug: &str, kind: Kind) -> String {
    format!("{PREFIX}{slug}/{}", kind.slug())
}

/// The file a form writes, as the session read it; None for a diploma not written yet.
fn file_of(f: &Family, kind: Kind) -> Option<&crate::source::Source> {
    match kind {
        Kind::Trin => Some(&f.familie.source),
        Kind::Diploma => f.diplom.as_ref().map(|d| &*d.source),
        _ => Some(&f.plan.source),
    }
}

/// The text of the file a form writes ("" for one not there yet).
fn text_of(f: &Family, kind: Kind) -> &str {
    file_of(f, kind).map_or("", |s| s.text.as_str())
}

/// A form, drawn from the family as the session read it, with what was sent (if any).
pub fn form(
    session: &Session,
    secret: &str,
    slug: &str,
    kind: Kind,
    sent: Option<&Sent>,
    said: &Said,
) -> Option<Vec<u8>> {
    let f = family(session, slug)?;
    let empty = Sent::new(Vec::new());
    let sent = sent.unwrap_or(&empty);
    let today = session.today();
    let hash = sent
        .get("hash")
        .map(str::to_string)
        .unwrap_or_else(|| hash(text_of(f, kind)));
    let mut body = summary(said);
    // The first button is the one Enter presses: Gem, not a Flyt further down.
    body.push_str(&format!(
        "<form method=\"post\" action=\"{}\" novalidate data-live>{}<button type=\"submit\" class=\"vh\" tabindex=\"-1\" aria-hidden=\"true\">Gem</button>",
        action(slug, kind),
        hidden(secret, slug, kind, &hash)
    ));
    let posted = !sent.fields.is_empty();
    let val = |name: &str, default: &str| -> String {
        if posted {
            sent.text(name)
        } else {
            default.to_string()
        }
    };
    let plan = &f.plan.data;
    match kind {
        Kind::Meeting => {
            body.push_str("<fieldset><legend>Mødet</legend>");
            body.push_str(&field(
                "Dato for mødet",
                "dato",
                &input("date", &val("dato", &today.to_string()), " required"),
                said,
                None,
            ));
            let names = people(f);
            body.push_str("<fieldset class=\"valg\"><legend>Hvem var med?</legend>");
            let chosen = sent.all("deltager");
            for (i, (_, name)) in names.iter().enumerate() {
                let short = name.split(" (").next().unwrap_or(name);
                if short == "Hele familien" || short == "Makkerparret" {
                    continue;
                }
                body.push_str(&format!(
                    "<div><input type=\"checkbox\" name=\"deltager\" id=\"d-{i}\" value=\"{}\"{}><label for=\"d-{i}\">{}</label></div>",
                    esc(short),
                    if chosen.contains(&short) { " checked" } else { "" },
                    esc(name)
                ));
            }
            body.push_str("</fieldset>");
            body.push_str(&field(
                "Andre, der var med (adskil med komma)",
                "andre",
                &input("text", &val("andre", ""), ""),
                said,
                None,
            ));
            body.push_str(&field(
                "Notat fra mødet",
                "notat",
                &format!(
                    "<textarea{{}} rows=\"4\" required>{}</textarea>",
                    esc(&val("notat", ""))
                ),
                said,
                Some("Skriv kort, hvad I talte om. Det står i opfølgningens log."),
            ));
            body.push_str("</fieldset>");
            let open: Vec<(usize, &crate::model::Agreement)> = plan
                .aftaler
                .iter()
                .enumerate()
                .filter(|(_, a)| a.status == AgreementStatus::Aaben)
                .collect();
            if !open.is_empty() {
                body.push_str("<fieldset><legend>Opfølgning på aftalerne</legend>");
                for (i, a) in open {
                    let opts: Vec<(String, String)> = [
                        ("", "Ikke fulgt op"),
                        ("klaret", "Klaret"),
                        ("ikke-klaret", "Ikke klaret"),
                        ("udskudt", "Udskudt (ny frist herunder)"),
                        ("droppet", "Droppet"),
                    ]
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect();
                    body.push_str(&format!(
                        "<div class=\"aftale\"><p><strong>{}</strong> – {}</p>",
                        esc(&a.hvad),
                        esc(&who(f, &a.hvem))
                    ));
                    body.push_str(&field(
                        "Hvordan gik det?",
                        &format!("aftale-{i}"),
                        &select(&opts, &val(&format!("aftale-{i}"), "")),
                        said,
                        None,
                    ));
                    body.push_str(&field(
                        "Ny frist (hvis udskudt)",
                        &format!("aftale-{i}-frist"),
                        &input("date", &val(&format!("aftale-{i}-frist"), ""), ""),
                        said,
                        None,
                    ));
                    body.push_str("</div>");
                }
                body.push_str("</fieldset>");
            }
            body.push_str("<fieldset><legend>Nye aftaler</legend><p class=\"hint\">Udfyld kun de linjer, I skal bruge.</p>");
            let mut whom = vec![(String::new(), "Vælg …".to_string())];
            whom.extend(people(f));
            for n in 0..3 {
                body.push_str(&format!(
                    "<div class=\"aftale\"><p class=\"nr\">Ny aftale {}</p>",
                    n + 1
                ));
                body.push_str(&field(
                    "Hvad er aftalt?",
                    &format!("ny-{n}-hvad"),
                    &input("text", &val(&format!("ny-{n}-hvad"), ""), ""),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Hvem gør det?",
                    &format!("ny-{n}-hvem"),
                    &select(&whom, &val(&format!("ny-{n}-hvem"), "")),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Frist",
                    &format!("ny-{n}-frist"),
                    &input("date", &val(&format!("ny-{n}-frist"), ""), ""),
                    said,
                    None,
                ));
                body.push_str("</div>");
            }
            body.push_str("</fieldset>");
            let going: Vec<(usize, usize, &str, &crate::model::SubGoal)> = plan
                .maal
                .iter()
                .enumerate()
                .flat_map(|(i, g)| {
                    g.delmaal
                        .iter()
                        .enumerate()
                        .map(move |(j, s)| (i, j, g.titel.as_str(), s))
                })
                .filter(|(.., s)| {
                    !matches!(s.status, SubGoalStatus::Naaet | SubGoalStatus::Opgivet)
                })
                .collect();
            if !going.is_empty() {
                body.push_str("<fieldset><legend>Delmål, der er i gang</legend>");
                for (i, j, title, s) in going {
                    let name = format!("delmaal-{i}-{j}");
                    body.push_str(&field(
                        &format!("{} – {}", title, s.tekst),
                        &name,
                        &select(&sub_goal_options(), &val(&name, s.status.code())),
                        said,
                        None,
                    ));
                }
                body.push_str("</fieldset>");
            }
            let next = plan.naeste_moede.as_ref();
            body.push_str("<fieldset><legend>Næste møde</legend>");
            body.push_str(&field(
                "Dato",
                "naeste-dato",
                &input("date", &val("naeste-dato", ""), ""),
                said,
                Some("Lad datoen stå tom, hvis næste møde ikke er aftalt endnu."),
            ));
            body.push_str(&field(
                "Tid",
                "naeste-tid",
                &input(
                    "text",
                    &val(
                        "naeste-tid",
                        next.and_then(|m| m.tid.as_deref()).unwrap_or(""),
                    ),
                    "",
                ),
                said,
                None,
            ));
            body.push_str(&field(
                "Sted",
                "naeste-sted",
                &input(
                    "text",
                    &val(
                        "naeste-sted",
                        next.and_then(|m| m.sted.as_deref()).unwrap_or(""),
                    ),
                    "",
                ),
                said,
                None,
            ));
            body.push_str("</fieldset>");
        }
        Kind::Status => {
            // One form for all, so one press saves what was changed.
            for (i, g) in plan.maal.iter().enumerate() {
                if g.delmaal.is_empty() {
                    continue;
                }
                body.push_str(&format!("<fieldset><legend>{}</legend>", esc(&g.titel)));
                for (j, s) in g.delmaal.iter().enumerate() {
                    let name = format!("delmaal-{i}-{j}");
                    body.push_str(&field(
                        &s.tekst,
                        &name,
                        &select(&sub_goal_options(), &val(&name, s.status.code())),
                        said,
                        None,
                    ));
                }
                body.push_str("</fieldset>");
            }
            if !plan.aftaler.is_empty() {
                body.push_str("<fieldset><legend>Aftaler</legend>");
                let opts: Vec<(String, String)> = AgreementStatus::ALL
                    .iter()
                    .map(|s| (s.code().to_string(), s.code().to_string()))
                    .collect();
                for (i, a) in plan.aftaler.iter().enumerate() {
                    let name = format!("aftale-{i}");
                    body.push_str(&field(
                        &format!("{} – {}", a.hvad, who(f, &a.hvem)),
                        &name,
                        &select(&opts, &val(&name, a.status.code())),
                        said,
                        None,
                    ));
                }
                body.push_str("</fieldset>");
            }
        }
        Kind::Goals => {
            let mut whom = people(f);
            whom.retain(|(id, _)| {
                id != "jobkonsulent" && id != "familiebehandler" && id != "makkerpar"
            });
            let mut owners = vec![(String::new(), "Vælg …".to_string())];
            owners.extend(people(f));
            let areas: Vec<(String, String)> = crate::model::Area::ALL
                .iter()
                .map(|a| (a.code().to_string(), a.code().to_string()))
                .collect();
            let mut caps = vec![(String::new(), "(ingen)".to_string())];
            caps.extend(
                crate::model::Capability::ALL
                    .iter()
                    .map(|c| (c.code().to_string(), c.code().to_string())),
            );
            let n = plan.maal.len();
            for (i, g) in plan.maal.iter().enumerate() {
                body.push_str(&format!(
                    "<fieldset id=\"maal-{i}\"><legend>Mål {}: {}</legend>",
                    i + 1,
                    esc(&g.titel)
                ));
                let p = |k: &str| format!("maal-{i}-{k}");
                body.push_str(&field(
                    "Titel",
                    &p("titel"),
                    &input("text", &val(&p("titel"), &g.titel), ""),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Hvis mål",
                    &p("hvem"),
                    &select(&whom, &val(&p("hvem"), &g.hvem)),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Område",
                    &p("omraade"),
                    &select(&areas, &val(&p("omraade"), g.omraade.code())),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Kapabilitet",
                    &p("kapabilitet"),
                    &select(
                        &caps,
                        &val(&p("kapabilitet"), g.kapabilitet.map_or("", |c| c.code())),
                    ),
                    said,
                    None,
                ));
                let prio = g.prioritet.map(|x| x.to_string()).unwrap_or_default();
                body.push_str(&field(
                    "Familiens prioritet (1 er vigtigst; tom: ingen)",
                    &p("prioritet"),
                    &input(
                        "number",
                        &val(&p("prioritet"), &prio),
                        " min=\"1\" inputmode=\"numeric\"",
                    ),
                    said,
                    None,
                ));
                body.push_str(&moves(&format!("maal-{i}"), &g.titel, "målet", i, n));
                body.push_str("<fieldset><legend>Delmål</legend>");
                let m = g.delmaal.len();
                for (j, sg) in g.delmaal.iter().enumerate() {
                    let q = |k: &str| format!("dm-{i}-{j}-{k}");
                    body.push_str(&format!(
                        "<div class=\"aftale\"><p class=\"nr\">Delmål {}</p>",
                        j + 1
                    ));
                    body.push_str(&field(
                        "Hvad",
                        &q("tekst"),
                        &input("text", &val(&q("tekst"), &sg.tekst), ""),
                        said,
                        None,
                    ));
                    let frist = sg.frist.map(|d| d.to_string()).unwrap_or_default();
                    body.push_str(&field(
                        "Frist",
                        &q("frist"),
                        &input("date", &val(&q("frist"), &frist), ""),
                        said,
                        None,
                    ));
                    body.push_str(&field(
                        "Ansvarlig",
                        &q("ansvarlig"),
                        &select(&owners, &val(&q("ansvarlig"), &sg.ansvarlig)),
                        said,
                        None,
                    ));
                    body.push_str(&field(
                        "Status",
                        &q("status"),
                        &select(&sub_goal_options(), &val(&q("status"), sg.status.code())),
                        said,
                        None,
                    ));
                    body.push_str(&moves(&format!("dm-{i}-{j}"), &sg.tekst, "delmålet", j, m));
                    body.push_str("</div>");
                }
                let q = |k: &str| format!("dm-{i}-ny-{k}");
                body.push_str("<div class=\"aftale\"><p class=\"nr\">Nyt delmål</p>");
                body.push_str(&field(
                    "Hvad",
                    &q("tekst"),
                    &input("text", &val(&q("tekst"), ""), ""),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Frist",
                    &q("frist"),
                    &input("date", &val(&q("frist"), ""), ""),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Ansvarlig",
                    &q("ansvarlig"),
                    &select(&owners, &val(&q("ansvarlig"), "")),
                    said,
                    None,
                ));
                body.push_str("</div></fieldset></fieldset>");
            }
            body.push_str("<fieldset id=\"nyt-maal\"><legend>Nyt mål</legend><p class=\"hint\">Udfyld kun, hvis I har sat et nyt mål.</p>");
            let mut whom_blank = vec![(String::new(), "Vælg …".to_string())];
            whom_blank.extend(whom.iter().cloned());
            body.push_str(&field(
                "Titel",
                "nyt-titel",
                &input("text", &val("nyt-titel", ""), ""),
                said,
                None,
            ));
            body.push_str(&field(
                "Hvis mål",
                "nyt-hvem",
                &select(&whom_blank, &val("nyt-hvem", "")),
                said,
                None,
            ));
            body.push_str(&field(
                "Område",
                "nyt-omraade",
                &select(&areas, &val("nyt-omraade", "familie")),
                said,
                None,
            ));
            body.push_str(&field(
                "Kapabilitet",
                "nyt-kapabilitet",
                &select(&caps, &val("nyt-kapabilitet", "")),
                said,
                None,
            ));
            body.push_str(&field(
                "Første delmål",
                "nyt-dm-tekst",
                &input("text", &val("nyt-dm-tekst", ""), ""),
                said,
                None,
            ));
            body.push_str(&field(
                "Frist",
                "nyt-dm-frist",
                &input("date", &val("nyt-dm-frist", ""), ""),
                said,
                None,
            ));
            body.push_str(&field(
                "Ansvarlig",
                "nyt-dm-ansvarlig",
                &select(&owners, &val("nyt-dm-ansvarlig", "")),
                said,
                None,
            ));
            body.push_str("</fieldset>");
        }
        Kind::Measure => {
            let adults: Vec<(String, String)> = f
                .familie
                .data
                .medlemmer
                .iter()
                .filter(|m| today.year - m.foedselsaar >= 18)
                .map(|m| (m.id.clone(), format!("{} ({})", m.navn, m.rolle)))
                .collect();
            body.push_str("<fieldset><legend>WHO-5 trivselsindeks</legend>");
            body.push_str(&field(
                "Hvem",
                "hvem",
                &select(
                    &adults,
                    &val("hvem", adults.first().map_or("", |a| a.0.as_str())),
                ),
                said,
                None,
            ));
            body.push_str(&field(
                "Dato",
                "dato",
                &input("date", &val("dato", &today.to_string()), " required"),
                said,
                None,
            ));
            body.push_str(&field(
                "Samlet score (0–100)",
                "score",
                &input("number", &val("score", ""), " min=\"0\" max=\"100\" step=\"4\" inputmode=\"numeric\""),
                said,
                Some("Skriv enten den samlede score, eller de fem svar herunder (så lægges de sammen og ganges med 4). Hvad scoren betyder, står under svarene."),
            ));
            body.push_str("<fieldset class=\"svar\"><legend>Eller de fem svar (0–5)</legend>");
            for (n, q) in [
                "Glad og i godt humør",
                "Rolig og afslappet",
                "Aktiv og energisk",
                "Frisk og udhvilet, når jeg vågner",
                "Dagligdagen fyldt med ting, der interesserer mig",
            ]
            .iter()
            .enumerate()
            {
                let name = format!("svar-{n}");
                body.push_str(&field(
                    &format!("{}. {q}", n + 1),
                    &name,
                    &input(
                        "number",
                        &val(&name, ""),
                        " min=\"0\" max=\"5\" inputmode=\"numeric\"",
                    ),
                    said,
                    None,
                ));
            }
            body.push_str("</fieldset>");
            let answers: Option<i64> = (0..5)
                .map(|n| {
                    sent.get(&format!("svar-{n}"))
                        .and_then(|a| a.parse::<i64>().ok())
                        .filter(|a| (0..=5).contains(a))
                })
                .sum::<Option<i64>>()
                .map(|x| x * 4);
            let who5 = sent.get("score").and_then(|x| x.parse().ok()).or(answers);
            body.push_str(&band(
                "band-score",
                &crate::model::WHO5,
                who5,
                session.strings(),
            ));
            body.push_str("</fieldset>");
            let members: Vec<(String, String)> = f
                .familie
                .data
                .medlemmer
                .iter()
                .map(|m| (m.id.clone(), format!("{} ({})", m.navn, m.rolle)))
                .collect();
            let children: Vec<(String, String)> = f
                .familie
                .data
                .medlemmer
                .iter()
                .filter(|m| today.year - m.foedselsaar < 18)
                .map(|m| (m.id.clone(), format!("{} ({})", m.navn, m.rolle)))
                .collect();
            if !children.is_empty() {
                body.push_str("<fieldset><legend>SDQ (børn, forældrene udfylder)</legend><p class=\"hint\">Udfyld kun, hvis I har taget en SDQ. Skriv totalen (0–40) og/eller skalaerne (0–10 hver).</p>");
                body.push_str(&field(
                    "Hvem",
                    "sdq-hvem",
                    &select(
                        &children,
                        &val("sdq-hvem", children.first().map_or("", |c| c.0.as_str())),
                    ),
                    said,
                    None,
                ));
                body.push_str(&field(
                    "Total (0–40)",
                    "sdq-score",
                    &input(
                        "number",
                        &val("sdq-score", ""),
                        " min=\"0\" max=\"40\" inputmode=\"numeric\"",
                    ),
                    said,
                    None,
                ));
                let sdq = sent.get("sdq-score").and_then(|x| x.parse().ok());
                body.push_str(&band(
                    "band-sdq",
                    &crate::model::SDQ,
                    sdq,
                    session.strings(),
                ));
                body.push_str(&numbers("sdq", &SDQ_FIELDS, (0, 10), &val, said));
                body.push_str("</fieldset>");
            }
            body.push_str("<fieldset><legend>Kapabiliteter (familiens egne vurderinger, 1–10)</legend><p class=\"hint\">Udfyld kun de kapabiliteter, personen har vurderet.</p>");
            body.push_str(&field(
                "Hvem",
                "kap-hvem",
                &select(
                    &members,
                    &val("kap-hvem", members.first().map_or("", |c| c.0.as_str())),
                ),
                said,
                None,
            ));
            body.push_str(&numbers("kap", &CAPABILITY_FIELDS, (1, 10), &val, said));
            body.push_str("</fieldset>");
        }
        Kind::Trin => {
            let d = &f.familie.data;
            let next = Trin::new(i64::from(d.trin.number()) + 1).unwrap_or(d.trin);
            body.push_str(&format!(
                "<p>Familien står nu på trin {} ({}).</p>",
                d.trin.number(),
                esc(d.trin.name())
            ));
            let opts: Vec<(String, String)> = Trin::all()
                .map(|t| {
                    (
                        t.number().to_string(),
                        format!("Trin {}: {}", t.number(), t.name()),
                    )
                })
                .collect();
            body.push_str(&field(
                "Nyt trin",
                "trin",
                &select(&opts, &val("trin", &next.number().to_string())),
                said,
                None,
            ));
            body.push_str(&field(
                "Fra dato",
                "fra",
                &input("date", &val("fra", &today.to_string()), " required"),
                said,
                None,
            ));
        }
        Kind::Diploma => {
            let d = f.diplom.as_ref().map(|d| &d.data);
            let fam = &f.familie.data;
            if d.is_none() {
                body.push_str("<p>Familien har ikke noget diplom endnu. Udfyld felterne, og tryk Gem: så laves <code>diplom.md</code> i familiens mappe.</p>");
            }
            let lines = |l: Option<&Vec<String>>| {
                l.map(|l| {
                    l.iter()
                        .map(|x| x.replace('\n', " "))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
            };
            let date_now = d.map_or_else(|| today.to_string(), |d| d.dato.to_string());
            body.push_str(&field(
                "Dato for afslutningen",
                "dato",
                &input("date", &val("dato", &date_now), " required"),
                said,
                None,
            ));
            body.push_str(&field(
                "Overskrift (kan udelades)",
                "overskrift",
                &input(
                    "text",
                    &val(
                        "overskrift",
                        d.and_then(|d| d.overskrift.as_deref()).unwrap_or(""),
                    ),
                    "",
                ),
                said,
                Some("Står under familiens navn, fx «Vi klarede det sammen»."),
            ));
            for (name, label, hint, list) in [
                (
                    "opnaaet",
                    "Det har familien opnået",
                    "Ét punkt på hver linje.",
                    d.map(|d| &d.opnaaet),
                ),
                (
                    "fokus",
                    "Det skal familien holde fast i",
                    "Ét punkt på hver linje.",
                    d.map(|d| &d.fokus),
                ),
            ] {
                body.push_str(&field(
                    label,
                    name,
                    &format!(
                        "<textarea{{}} rows=\"5\">{}</textarea>",
                        esc(&val(name, &lines(list)))
                    ),
                    said,
                    Some(hint),
                ));
            }
            let now_body = f
                .diplom
                .as_ref()
                .map(|d| body_text(&d.source))
                .unwrap_or_default();
            // The lines left are said with the text they are about.
            body.push_str(
                &field(
                    "Familiens rejse (teksten på diplomet)",
                    "tekst",
                    &format!(
                        "<textarea{{}} rows=\"8\">{}</textarea>",
                        esc(&val("tekst", &now_body))
                    ),
                    said,
                    Some("En tom linje mellem afsnittene."),
                )
                .replacen(
                    "aria-describedby=\"f-tekst-hint",
                    "aria-describedby=\"plads f-tekst-hint",
                    1,
                ),
            );
            body.push_str(&room_note(said.room.as_ref()));
            let livline = if fam.livline.is_empty() {
                "Familien har ingen livline i familie.yaml endnu."
            } else {
                "Hvem familien kan ringe til, som det står i familie.yaml."
            };
            let on = if posted {
                sent.get("vis_livline").is_some()
            } else {
                d.is_some_and(|d| d.vis_livline)
            };
            body.push_str(&format!(
                "<div class=\"felt kryds\"><input type=\"checkbox\" name=\"vis_livline\" id=\"f-vis_livline\" value=\"ja\" aria-describedby=\"f-vis_livline-hint\"{}><label for=\"f-vis_livline\">Vis familiens livline på diplomet</label><p class=\"hint\" id=\"f-vis_livline-hint\">{}</p></div>",
                if on { " checked" } else { "" },
                esc(livline)
            ));
            // The signers: those there are, then room for two more.
            let signers: Vec<(String, String)> = match d {
                Some(d) => d
                    .underskrivere
                    .iter()
                    .map(|x| (x.navn.clone(), x.rolle.clone()))
                    .collect(),
                None => vec![
                    (fam.makkerpar.jobkonsulent.clone(), "Jobkonsulent".into()),
                    (
                        fam.makkerpar.familiebehandler.clone(),
                        "Familiebehandler".into(),
                    ),
                ],
            };
            body.push_str("<fieldset><legend>Underskrivere</legend><p class=\"hint\">Tøm navn og rolle for at tage en underskriver af.</p>");
            for i in 0..signers.len() + 2 {
                let (navn, rolle) = signers.get(i).cloned().unwrap_or_default();
                body.push_str("<div class=\"underskriver\">");
                body.push_str(&field(
                    &format!("Navn {}", i + 1),
                    &format!("navn-{i}"),
                    &input("text", &val(&format!("navn-{i}"), &navn), ""),
                    said,
                    None,
                ));
                body.push_str(&field(
                    &format!("Rolle {}", i + 1),
                    &format!("rolle-{i}"),
                    &input("text", &val(&format!("rolle-{i}"), &rolle), ""),
                    said,
                    None,
                ));
                body.push_str("</div>");
            }
            body.push_str("</fieldset>");
        }
    }
    body.push_str(&checked(said));
    body.push_str("<p class=\"knapper\"><button type=\"submit\">Gem</button> <button type=\"submit\" name=\"handling\" value=\"tjek\" class=\"anden\">Tjek uden at gemme</button></p></form>");
    if kind == Kind::Diploma {
        body = format!(
            "<div class=\"med-forhaand\"><div>{body}</div>{}</div>",
            preview(said)
        );
    }
    Some(page(kind.title(), &f.familie.data.navn, &back(slug), &body))
}

/// The band a score falls in, as the plan names it (the theme's `who5_red`, …): shown under
/// the score while it is typed (the script), or when the form is checked or drawn again.
fn band(
    id: &str,
    scale: &crate::model::Scale,
    score: Option<i64>,
    strings: &BTreeMap<String, String>,
) -> String {
    match score.filter(|x| scale.contains(*x)) {
        Some(x) => {
            let b = scale.band(x);
            let name = strings
                .get(&format!("{}_{}", scale.code, b.code()))
                .map_or(String::new(), |n| format!(": {}", esc(n)));
            format!(
                "<p id=\"{id}\" class=\"band band-{}\" aria-live=\"polite\">Score {x}{name}</p>",
                b.code()
            )
        }
        None => format!("<p id=\"{id}\" class=\"band\" aria-live=\"polite\"></p>"),
    }
}

/// A diploma's text below its front matter, as the form shows it (without the blank lines
/// around it, with `\n` for line ends).
fn body_text(src: &crate::source::Source) -> String {
    src.text[src.body.clone()]
        .replace("\r\n", "\n")
        .trim_matches('\n')
        .to_string()
}

/// What a check without saving found, said where a screen reader hears it (the script
/// keeps it up to date while the user types).
fn checked(said: &Said) -> String {
    let text = if !said.checked {
        String::new()
    } else if said.summary.is_empty() {
        "Tjekket: alt ser rigtigt ud. Intet er gemt endnu – tryk Gem.".to_string()
    } else {
        let n = said.summary.len();
        let elsewhere: Vec<String> = said
            .summary
            .iter()
            .filter(|(f, _)| f.is_none())
            .map(|(_, m)| esc(m))
            .collect();
        let said = format!(
            "{n} ting skal rettes, før der kan gemmes{}",
            if elsewhere.is_empty() {
                " (se ved felterne)".to_string()
            } else {
                format!(": {}", elsewhere.join(" "))
            }
        );
        format!("{}. Intet er gemt.", said.trim_end_matches('.'))
    };
    format!("<p id=\"tjek\" class=\"tjek\" role=\"status\">{text}</p>")
}

/// How many lines are left on the diploma's page (`plads`, which the text field names).
fn room_note(room: Option<&Room>) -> String {
    let text = match room {
        None => String::new(),
        Some(Room {
            size: Some(pt),
            lines,
            ..
        }) => format!(
            "<strong>{lines} {} tilbage</strong> på diplomets side. Brødteksten står i {} punkt; jo mere der står, jo mindre bliver den (ned til 9 punkt).",
            if *lines == 1 { "linje" } else { "linjer" },
            points(*pt)
        ),
        Some(Room { lines, .. }) => format!(
            "<strong>{lines} {} for meget</strong>: diplomet kan ikke stå på én A4-side, heller ikke med den mindste skrift. Forkort teksten eller punkterne.",
            if *lines == 1 { "linje" } else { "linjer" }
        ),
    };
    format!("<p id=\"plads\" class=\"plads\">{text}</p>")
}

/// A size in points as Danish writes it: 10,5.
fn points(pt: f32) -> String {
    format!("{pt:.2}")
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",")
}

/// The diploma's page as it would print, beside the form.
fn preview(said: &Said) -> String {
    let shown = match &said.room {
        Some(Room { pdf: Some(url), .. }) => format!(
            "<iframe src=\"{0}#toolbar=0&amp;view=Fit\" title=\"Diplomet som det bliver udskrevet (PDF, A4)\"></iframe><p><a href=\"{0}\">Åbn diplomet som PDF</a></p>",
            esc(url)
        ),
        Some(Room { size: None, .. }) => {
            "<p>Diplomet kan vises, når det kan stå på én A4-side.</p>".to_string()
        }
        _ => "<p>Tryk «Tjek uden at gemme» for at se diplomet.</p>".to_string(),
    };
    let shown = format!("<div id=\"forhaand\">{shown}</div>");
    format!(
        "<section class=\"forhaand\" aria-labelledby=\"forhaand-h\"><h2 id=\"forhaand-h\">Sådan ser diplomet ud</h2><p class=\"hint\">Siden, som den bliver udskrevet – med det, der står i felterne, også før det er gemt.</p>{shown}</section>"
    )
}

/// The buttons that move a goal or a delmål up or down; each saves the form as it stands.
fn moves(id: &str, title: &str, what: &str, i: usize, n: usize) -> String {
    let mut s = String::from("<p class=\"flyt\">");
    if i > 0 {
        s.push_str(&format!(
            "<button type=\"submit\" name=\"flyt\" value=\"{id}-op\">Flyt op<span class=\"vh\">: {what} «{}»</span></button> ",
            esc(title)
        ));
    }
    if i + 1 < n {
        s.push_str(&format!(
            "<button type=\"submit\" name=\"flyt\" value=\"{id}-ned\">Flyt ned<span class=\"vh\">: {what} «{}»</span></button>",
            esc(title)
        ));
    }
    s.push_str("</p>");
    s
}

fn sub_goal_options() -> Vec<(String, String)> {
    SubGoalStatus::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.code().to_string()))
        .collect()
}

fn who(f: &Family, id: &str) -> String {
    people(f)
        .into_iter()
        .find(|(k, _)| k == id)
        .map_or_else(|| id.to_string(), |(_, n)| n)
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn map(kv: Vec<(&str, Value)>) -> Value {
    let mut m = serde_yaml::Mapping::new();
    for (k, v) in kv {
        m.insert(s(k), v);
    }
    Value::Mapping(m)
}

/// A date as the form sent it, as YAML: a date where it reads as one (the check says what
/// is wrong with anything else).
fn date(v: &str) -> Value {
    s(v)
}

/// The edits a form asks for; the field each edited path comes from; or what is wrong
/// before anything can be edited.
/// A number field for each of `fields` (YAML key, label), named `prefix-key`, within `range`.
fn numbers(
    prefix: &str,
    fields: &[(&str, &str)],
    (min, max): (u32, u32),
    val: &dyn Fn(&str, &str) -> String,
    said: &Said,
) -> String {
    fields
        .iter()
        .map(|(key, label)| {
            let name = format!("{prefix}-{key}");
            let range = format!(" min=\"{min}\" max=\"{max}\" inputmode=\"numeric\"");
            field(
                label,
                &name,
                &input("number", &val(&name, ""), &range),
                said,
                None,
            )
        })
        .collect()
}

/// SDQ's scales as the form asks for them: YAML key, label.
const SDQ_FIELDS: [(&str, &str); 5] = [
    ("følelsesmæssige", "Følelsesmæssige symptomer (0–10)"),
    ("adfærd", "Adfærdsproblemer (0–10)"),
    ("hyperaktivitet", "Hyperaktivitet og opmærksomhed (0–10)"),
    ("kammerater", "Problemer med kammerater (0–10)"),
    ("prosocial", "Prosocial adfærd (0–10)"),
];

/// The four capabilities as the form asks for them: YAML key, label.
const CAPABILITY_FIELDS: [(&str, &str); 4] = [
    ("arbejde", "Arbejde (1–10)"),
    ("sundhed", "Sundhed (1–10)"),
    ("fællesskab", "Fællesskab (1–10)"),
    ("relationer", "Relationer (1–10)"),
];

/// A new delmål, not started.
fn sub_goal(tekst: &str, frist: &str, ansvarlig: &str) -> Value {
    let mut item = vec![("tekst", s(tekst))];
    if !frist.is_empty() {
        item.push(("frist", date(frist)));
    }
    item.push(("ansvarlig", s(ansvarlig)));
    item.push(("status", s("ikke-startet")));
    map(item)
}

/// The list item a move button swaps with the next one: `maal-2-op` swaps goals 1 and 2.
fn moved(plan: &crate::model::PlanFile, m: &str) -> Option<String> {
    let parts: Vec<&str> = m.split('-').collect();
    // Up swaps with the one before, down with the one after.
    let first = |i: usize, up: bool| if up { i.checked_sub(1) } else { Some(i) };
    match parts.as_slice() {
        ["maal", i, dir] => {
            let i: usize = i.parse().ok()?;
            let at = first(i, *dir == "op")?;
            (at + 1 < plan.maal.len()).then(|| format!("mål[{at}]"))
        }
        ["dm", i, j, dir] => {
            let (i, j): (usize, usize) = (i.parse().ok()?, j.parse().ok()?);
            let at = first(j, *dir == "op")?;
            (at + 1 < plan.maal.get(i)?.delmaal.len()).then(|| format!("mål[{i}].delmål[{at}]"))
        }
        _ => None,
    }
}

/// The edits a form asks for, and for each edited path the field it comes from.
type Edits = (Vec<Op>, Vec<(String, String)>);

fn ops(f: &Family, kind: Kind, sent: &Sent) -> Result<Edits, Said> {
    let mut ops = Vec::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut said = Said::default();
    let set = |ops: &mut Vec<Op>,
               fields: &mut Vec<(String, String)>,
               path: String,
               v: Value,
               field: &str| {
        fields.push((path.clone(), field.to_string()));
        ops.push(Op::Set(path, v));
    };
    let plan = &f.plan.data;
    let sub_goals = |ops: &mut Vec<Op>, fields: &mut Vec<(String, String)>, said: &mut Said| {
        for (i, g) in plan.maal.iter().enumerate() {
            for (j, sg) in g.delmaal.iter().enumerate() {
                let name = format!("delmaal-{i}-{j}");
                let Some(v) = sent.get(&name) else { continue };
                if v == sg.status.code() {
                    continue;
                }
                if !SubGoalStatus::ALL.iter().any(|s| s.code() == v) {
                    said.field(
                        &name,
                        format!(
                            "status skal være en af: {}",
                            SubGoalStatus::ALL
                                .iter()
                                .map(|s| s.code())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                    continue;
                }
                let path = format!("mål[{i}].delmål[{j}].status");
                fields.push((path.clone(), name));
                ops.push(Op::Set(path, s(v)));
            }
        }
    };
    match kind {
        Kind::Status => {
            sub_goals(&mut ops, &mut fields, &mut said);
            for (i, a) in plan.aftaler.iter().enumerate() {
                let name = format!("aftale-{i}");
                let Some(v) = sent.get(&name) else { continue };
                if v != a.status.code() {
                    set(
                        &mut ops,
                        &mut fields,
                        format!("aftaler[{i}].status"),
                        s(v),
                        &name,
                    );
                }
            }
        }
        Kind::Meeting => {
            let dato = sent.text("dato");
            if dato.is_empty() {
                said.field("dato", "skriv datoen for mødet".into());
            }
            let notat = sent.text("notat");
            if notat.is_empty() {
                said.field("notat", "skriv et kort notat fra mødet".into());
            }
            let mut notes = Vec::new();
            for (i, a) in plan.aftaler.iter().enumerate() {
                let name = format!("aftale-{i}");
                let frist = sent.text(&format!("aftale-{i}-frist"));
                match sent.get(&name).unwrap_or("") {
                    "" => {}
                    "klaret" => {
                        set(
                            &mut ops,
                            &mut fields,
                            format!("aftaler[{i}].status"),
                            s("udført"),
                            &name,
                        );
                        notes.push(format!("{}: klaret", a.hvad));
                    }
                    "droppet" => {
                        set(
                            &mut ops,
                            &mut fields,
                            format!("aftaler[{i}].status"),
                            s("droppet"),
                            &name,
                        );
                        notes.push(format!("{}: droppet", a.hvad));
                    }
                    "ikke-klaret" => notes.push(format!("{}: ikke klaret", a.hvad)),
                    "udskudt" => {
                        if frist.is_empty() {
                            said.field(
                                &format!("aftale-{i}-frist"),
                                "skriv den nye frist for den udskudte aftale".into(),
                            );
                        } else {
                            set(
                                &mut ops,
                                &mut fields,
                                format!("aftaler[{i}].frist"),
                                date(&frist),
                                &format!("aftale-{i}-frist"),
                            );
                        }
                        notes.push(format!("{}: udskudt til {frist}", a.hvad));
                    }
                    _ => said.field(&name, "vælg, hvordan det gik".into()),
                }
            }
            sub_goals(&mut ops, &mut fields, &mut said);
            let mut n_new = plan.aftaler.len();
            for n in 0..3 {
                let hvad = sent.text(&format!("ny-{n}-hvad"));
                let hvem = sent.text(&format!("ny-{n}-hvem"));
                let frist = sent.text(&format!("ny-{n}-frist"));
                if hvad.is_empty() && hvem.is_empty() && frist.is_empty() {
                    continue;
                }
                if hvad.is_empty() {
                    said.field(&format!("ny-{n}-hvad"), "skriv, hvad der er aftalt".into());
                }
                if hvem.is_empty() {
                    said.field(&format!("ny-{n}-hvem"), "vælg, hvem der gør det".into());
                }
                let mut item = vec![("hvem", s(&hvem)), ("hvad", s(&hvad))];
                if !frist.is_empty() {
                    item.push(("frist", date(&frist)));
                }
                item.push(("status", s("åben")));
                fields.push((format!("aftaler[{n_new}].hvad"), format!("ny-{n}-hvad")));
                fields.push((format!("aftaler[{n_new}].hvem"), format!("ny-{n}-hvem")));
                fields.push((format!("aftaler[{n_new}].frist"), format!("ny-{n}-frist")));
                n_new += 1;
                ops.push(Op::Push("aftaler".into(), map(item)));
            }
            let mut deltagere: Vec<Value> = sent.all("deltager").iter().map(|d| s(d)).collect();
            deltagere.extend(
                sent.text("andre")
                    .split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(s),
            );
            let mut text = notat.clone();
            if !notes.is_empty() {
                text.push_str(&format!(" Opfølgning på aftalerne: {}.", notes.join("; ")));
            }
            let mut entry = vec![("dato", date(&dato))];
            if !deltagere.is_empty() {
                entry.push(("deltagere", Value::Sequence(deltagere)));
            }
            entry.push(("notat", s(&text)));
            let log = plan.opfoelgning.log.len();
            fields.push((format!("opfølgning.log[{log}].dato"), "dato".into()));
            fields.push((format!("opfølgning.log[{log}].notat"), "notat".into()));
            fields.push((format!("opfølgning.log[{log}].deltagere"), "andre".into()));
            ops.push(Op::Push("opfølgning.log".into(), map(entry)));
            let nd = sent.text("naeste-dato");
            if !nd.is_empty() {
                set(
                    &mut ops,
                    &mut fields,
                    "næste_møde.dato".into(),
                    date(&nd),
                    "naeste-dato",
                );
                for (key, name) in [("tid", "naeste-tid"), ("sted", "naeste-sted")] {
                    let v = sent.text(name);
                    let had = plan.naeste_moede.as_ref().and_then(|m| {
                        if key == "tid" {
                            m.tid.clone()
                        } else {
                            m.sted.clone()
                        }
                    });
                    if !v.is_empty() && had.as_deref() != Some(v.as_str()) {
                        set(
                            &mut ops,
                            &mut fields,
                            format!("næste_møde.{key}"),
                            s(&v),
                            name,
                        );
                    }
                }
            }
        }
        Kind::Goals => {
            // A field as sent, compared with what is there: set, taken out, or left.
            let change = |ops: &mut Vec<Op>,
                          fields: &mut Vec<(String, String)>,
                          name: String,
                          path: String,
                          now: Option<String>,
                          number: bool| {
                let Some(v) = sent.get(&name) else { return };
                if Some(v) == now.as_deref() || (v.is_empty() && now.is_none()) {
                    return;
                }
                fields.push((path.clone(), name));
                if v.is_empty() {
                    ops.push(Op::Remove(path));
                } else if let (true, Ok(n)) = (number, v.parse::<i64>()) {
                    ops.push(Op::Set(path, n.into()));
                } else {
                    ops.push(Op::Set(path, s(v)));
                }
            };
            for (i, g) in plan.maal.iter().enumerate() {
                let p = |k: &str| format!("maal-{i}-{k}");
                change(
                    &mut ops,
                    &mut fields,
                    p("titel"),
                    format!("mål[{i}].titel"),
                    Some(g.titel.clone()),
                    false,
                );
                change(
                    &mut ops,
                    &mut fields,
                    p("hvem"),
                    format!("mål[{i}].hvem"),
                    Some(g.hvem.clone()),
                    false,
                );
                change(
                    &mut ops,
                    &mut fields,
                    p("omraade"),
                    format!("mål[{i}].område"),
                    Some(g.omraade.code().into()),
                    false,
                );
                change(
                    &mut ops,
                    &mut fields,
                    p("kapabilitet"),
                    format!("mål[{i}].kapabilitet"),
                    g.kapabilitet.map(|c| c.code().into()),
                    false,
                );
                change(
                    &mut ops,
                    &mut fields,
                    p("prioritet"),
                    format!("mål[{i}].prioritet"),
                    g.prioritet.map(|x| x.to_string()),
                    true,
                );
                for (j, sg) in g.delmaal.iter().enumerate() {
                    let q = |k: &str| format!("dm-{i}-{j}-{k}");
                    let at = |k: &str| format!("mål[{i}].delmål[{j}].{k}");
                    change(
                        &mut ops,
                        &mut fields,
                        q("tekst"),
                        at("tekst"),
                        Some(sg.tekst.clone()),
                        false,
                    );
                    change(
                        &mut ops,
                        &mut fields,
                        q("frist"),
                        at("frist"),
                        sg.frist.map(|d| d.to_string()),
                        false,
                    );
                    change(
                        &mut ops,
                        &mut fields,
                        q("ansvarlig"),
                        at("ansvarlig"),
                        Some(sg.ansvarlig.clone()),
                        false,
                    );
                    change(
                        &mut ops,
                        &mut fields,
                        q("status"),
                        at("status"),
                        Some(sg.status.code().into()),
                        false,
                    );
                }
                let q = |k: &str| format!("dm-{i}-ny-{k}");
                let (tekst, frist, ansvarlig) = (
                    sent.text(&q("tekst")),
                    sent.text(&q("frist")),
                    sent.text(&q("ansvarlig")),
                );
                if !(tekst.is_empty() && frist.is_empty() && ansvarlig.is_empty()) {
                    if tekst.is_empty() {
                        said.field(&q("tekst"), "skriv, hvad delmålet er".into());
                    }
                    if ansvarlig.is_empty() {
                        said.field(&q("ansvarlig"), "vælg, hvem der er ansvarlig".into());
                    }
                    let j = g.delmaal.len();
                    for k in ["tekst", "frist", "ansvarlig"] {
                        fields.push((format!("mål[{i}].delmål[{j}].{k}"), q(k)));
                    }
                    ops.push(Op::Push(
                        format!("mål[{i}].delmål"),
                        sub_goal(&tekst, &frist, &ansvarlig),
                    ));
                }
            }
            let titel = sent.text("nyt-titel");
            let dm = sent.text("nyt-dm-tekst");
            if !titel.is_empty() || !dm.is_empty() {
                let hvem = sent.text("nyt-hvem");
                for (name, v, msg) in [
                    ("nyt-titel", &titel, "skriv målets titel"),
                    ("nyt-hvem", &hvem, "vælg, hvis mål det er"),
                    ("nyt-dm-tekst", &dm, "skriv det første delmål"),
                ] {
                    if v.is_empty() {
                        said.field(name, msg.into());
                    }
                }
                let ansvarlig = sent.text("nyt-dm-ansvarlig");
                if ansvarlig.is_empty() {
                    said.field("nyt-dm-ansvarlig", "vælg, hvem der er ansvarlig".into());
                }
                let mut goal = vec![
                    ("titel", s(&titel)),
                    ("hvem", s(&hvem)),
                    ("område", s(&sent.text("nyt-omraade"))),
                ];
                let cap = sent.text("nyt-kapabilitet");
                if !cap.is_empty() {
                    goal.push(("kapabilitet", s(&cap)));
                }
                goal.push((
                    "delmål",
                    Value::Sequence(vec![sub_goal(&dm, &sent.text("nyt-dm-frist"), &ansvarlig)]),
                ));
                let i = plan.maal.len();
                for (k, name) in [
                    ("titel", "nyt-titel"),
                    ("hvem", "nyt-hvem"),
                    ("område", "nyt-omraade"),
                    ("kapabilitet", "nyt-kapabilitet"),
                    ("delmål[0].tekst", "nyt-dm-tekst"),
                    ("delmål[0].frist", "nyt-dm-frist"),
                    ("delmål[0].ansvarlig", "nyt-dm-ansvarlig"),
                ] {
                    fields.push((format!("mål[{i}].{k}"), name.into()));
                }
                ops.push(Op::Push("mål".into(), map(goal)));
            }
            // A move last, after the edits sent with it (their paths are from before it).
            if let Some(m) = sent.get("flyt") {
                match moved(plan, m) {
                    Some(path) => ops.push(Op::SwapNext(path)),
                    None => said
                        .summary
                        .push((None, "det kan ikke flyttes derhen".into())),
                }
            }
        }
        Kind::Measure => {
            let hvem = sent.text("hvem");
            let dato = sent.text("dato");
            let score = sent.text("score");
            let answers: Vec<String> = (0..5).map(|n| sent.text(&format!("svar-{n}"))).collect();
            let total: Option<i64> = if !score.is_empty() {
                match score.parse::<i64>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        said.field(
                            "score",
                            format!(
                                "scoren skal være et helt tal fra 0 til 100 (ikke \"{score}\")"
                            ),
                        );
                        None
                    }
                }
            } else if answers.iter().all(|a| !a.is_empty()) {
                let mut sum = 0;
                for (n, a) in answers.iter().enumerate() {
                    match a.parse::<i64>() {
                        Ok(v) if (0..=5).contains(&v) => sum += v,
                        _ => said.field(
                            &format!("svar-{n}"),
                            "svaret skal være et tal fra 0 til 5".into(),
                        ),
                    }
                }
                Some(sum * 4)
            } else if answers.iter().any(|a| !a.is_empty()) {
                said.field(
                    "score",
                    "skriv den samlede score, eller alle fem svar".into(),
                );
                None
            } else {
                None
            };
            if let Some(t) = total {
                let n = plan.maalinger.who5.len();
                fields.push((format!("målinger.who5[{n}].score"), "score".into()));
                fields.push((format!("målinger.who5[{n}].dato"), "dato".into()));
                fields.push((format!("målinger.who5[{n}].hvem"), "hvem".into()));
                ops.push(Op::Push(
                    "målinger.who5".into(),
                    map(vec![
                        ("dato", date(&dato)),
                        ("hvem", s(&hvem)),
                        ("score", t.into()),
                    ]),
                ));
            }
            // SDQ and the capabilities: a part with any number in it is saved.
            let number = |v: &str| v.parse::<i64>().map_or_else(|_| s(v), Value::from);
            for (list, prefix, keys, first) in [
                ("sdq", "sdq", &SDQ_FIELDS[..], Some(("score", "sdq-score"))),
                ("kapabiliteter", "kap", &CAPABILITY_FIELDS[..], None),
            ] {
                let mut values = Vec::new();
                for (key, name) in first
                    .iter()
                    .copied()
                    .chain(keys.iter().map(|(k, _)| (*k, "")))
                {
                    let name = if name.is_empty() {
                        format!("{prefix}-{key}")
                    } else {
                        name.to_string()
                    };
                    let v = sent.text(&name);
                    if !v.is_empty() {
                        values.push((key, number(&v), name));
                    }
                }
                if values.is_empty() {
                    continue;
                }
                let n = match list {
                    "sdq" => plan.maalinger.sdq.len(),
                    _ => plan.maalinger.kapabiliteter.len(),
                };
                let who = sent.text(&format!("{prefix}-hvem"));
                let mut item = vec![("dato", date(&dato)), ("hvem", s(&who))];
                fields.push((
                    format!("målinger.{list}[{n}].hvem"),
                    format!("{prefix}-hvem"),
                ));
                for (key, v, name) in values {
                    fields.push((format!("målinger.{list}[{n}].{key}"), name));
                    item.push((key, v));
                }
                ops.push(Op::Push(format!("målinger.{list}"), map(item)));
            }
            if ops.is_empty() && said.summary.is_empty() {
                said.field(
                    "score",
                    "skriv mindst én måling: WHO-5, SDQ eller kapabiliteter".into(),
                );
            }
        }
        Kind::Trin => {
            let d = &f.familie.data;
            let trin = sent.text("trin");
            let fra = sent.text("fra");
            match trin.parse::<i64>().ok().and_then(Trin::new) {
                Some(t) if t == d.trin => said.field(
                    "trin",
                    format!(
                        "familien står allerede på trin {}; vælg det trin, den går videre til",
                        t.number()
                    ),
                ),
                Some(t) => {
                    let n = d.trinskift.len();
                    if t != d.trin {
                        set(
                            &mut ops,
                            &mut fields,
                            "trin".into(),
                            (t.number() as i64).into(),
                            "trin",
                        );
                    }
                    fields.push((format!("trinskift[{n}].fra"), "fra".into()));
                    fields.push((format!("trinskift[{n}].trin"), "trin".into()));
                    ops.push(Op::Push(
                        "trinskift".into(),
                        map(vec![
                            ("trin", (t.number() as i64).into()),
                            ("fra", date(&fra)),
                        ]),
                    ));
                }
                None => said.field("trin", "vælg et trin fra 1 til 7".into()),
            }
        }
        Kind::Diploma => {
            let d = f.diplom.as_ref().map(|d| &d.data);
            let dato = sent.text("dato");
            if d.is_none_or(|d| d.dato.to_string() != dato) {
                set(&mut ops, &mut fields, "dato".into(), date(&dato), "dato");
            }
            let heading = sent.text("overskrift");
            match d.and_then(|d| d.overskrift.as_deref()) {
                Some(_) if heading.is_empty() => ops.push(Op::Remove("overskrift".into())),
                now if !heading.is_empty() && now != Some(heading.as_str()) => set(
                    &mut ops,
                    &mut fields,
                    "overskrift".into(),
                    s(&heading),
                    "overskrift",
                ),
                _ => {}
            }
            for (key, name, now) in [
                ("opnået", "opnaaet", d.map(|d| &d.opnaaet)),
                ("fokus", "fokus", d.map(|d| &d.fokus)),
            ] {
                let new: Vec<String> = sent
                    .text(name)
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                if new.is_empty() {
                    said.field(name, "skriv mindst ét punkt".into());
                    continue;
                }
                let now = now.cloned().unwrap_or_default();
                for (i, item) in new.iter().enumerate() {
                    let path = format!("{key}[{i}]");
                    fields.push((path.clone(), name.into()));
                    match now.get(i) {
                        // Shown on one line: a line break in it is no change.
                        Some(was) if was.replace('\n', " ") == *item => {}
                        Some(_) => ops.push(Op::Set(path, s(item))),
                        None => ops.push(Op::Push(key.into(), s(item))),
                    }
                }
                for i in (new.len()..now.len()).rev() {
                    ops.push(Op::Remove(format!("{key}[{i}]")));
                }
                fields.push((key.into(), name.into()));
            }
            let now: Vec<(&str, &str)> = d.map_or_else(Vec::new, |d| {
                d.underskrivere
                    .iter()
                    .map(|x| (x.navn.as_str(), x.rolle.as_str()))
                    .collect()
            });
            let mut new = Vec::new();
            // Every row the form had: those there were, and the empty ones after them.
            let rows = (0..)
                .take_while(|i| {
                    sent.get(&format!("navn-{i}")).is_some()
                        || sent.get(&format!("rolle-{i}")).is_some()
                })
                .count();
            for i in 0..rows {
                let (navn, rolle) = (
                    sent.text(&format!("navn-{i}")),
                    sent.text(&format!("rolle-{i}")),
                );
                match (navn.is_empty(), rolle.is_empty()) {
                    (true, true) => {}
                    (false, false) => new.push((navn, rolle, i)),
                    (true, false) => {
                        said.field(&format!("navn-{i}"), "skriv underskriverens navn".into())
                    }
                    (false, true) => said.field(
                        &format!("rolle-{i}"),
                        "skriv underskriverens rolle, fx Jobkonsulent".into(),
                    ),
                }
            }
            if new.is_empty() && said.summary.is_empty() {
                said.field("navn-0", "diplomet skal have mindst én underskriver".into());
            }
            for (k, (navn, rolle, i)) in new.iter().enumerate() {
                let at = format!("underskrivere[{k}]");
                fields.push((format!("{at}.navn"), format!("navn-{i}")));
                fields.push((format!("{at}.rolle"), format!("rolle-{i}")));
                match now.get(k) {
                    Some((n, r)) => {
                        if n != navn {
                            ops.push(Op::Set(format!("{at}.navn"), s(navn)));
                        }
                        if r != rolle {
                            ops.push(Op::Set(format!("{at}.rolle"), s(rolle)));
                        }
                    }
                    None => ops.push(Op::Push(
                        "underskrivere".into(),
                        map(vec![("navn", s(navn)), ("rolle", s(rolle))]),
                    )),
                }
            }
            for k in (new.len()..now.len()).rev() {
                ops.push(Op::Remove(format!("underskrivere[{k}]")));
            }
            fields.push(("underskrivere".into(), "navn-0".into()));
            let on = sent.get("vis_livline").is_some();
            if on != d.is_some_and(|d| d.vis_livline) {
                set(
                    &mut ops,
                    &mut fields,
                    "vis_livline".into(),
                    on.into(),
                    "vis_livline",
                );
            }
        }
    }
    if said.summary.is_empty() {
        Ok((ops, fields))
    } else {
        Err(said)
    }
}

/// A diploma not written yet, as the form starts it: the fields it must have, empty.
const NEW_DIPLOMA: &str = "---\ndato:\nopnået: []\nfokus: []\nunderskrivere: []\n---\n";

/// The field a diploma's text below its front matter is checked as.
const BODY_FIELD: (&str, &str) = ("#tekst", "tekst");

/// Answer a form sent: check, keep, write; or the form again. With `handling=tjek` (the
/// button, or the script while the user types) it is checked and drawn again, and nothing
/// is written.
pub fn save(
    session: &mut Session,
    secret: &str,
    root: &Path,
    slug: &str,
    kind: Kind,
    sent: &Sent,
    previews: &Previews,
) -> Outcome {
    let dry = sent.get("handling") == Some("tjek");
    let again = |session: &Session, status: u16, mut said: Said| -> Outcome {
        said.checked = dry;
        match form(session, secret, slug, kind, Some(sent), &said) {
            Some(p) => Outcome::Again(status, p),
            None => Outcome::Again(404, Vec::new()),
        }
    };
    if family(session, slug).is_none() {
        return Outcome::Again(404, Vec::new());
    }
    let rel = format!("{}/{}", family_dir(slug), kind.file());
    let path = root.join(&rel);
    let on_disk = match std::fs::read(&path).map(String::from_utf8) {
        Ok(Ok(t)) => t,
        // A diploma is made by its form.
        Err(e) if kind == Kind::Diploma && e.kind() == std::io::ErrorKind::NotFound => {
            String::new()
        }
        _ => {
            return again(
                session,
                409,
                Said::one(format!(
                    "{rel} kan ikke læses lige nu; prøv igen om et øjeblik"
                )),
            );
        }
    };
    let now = hash(&on_disk);
    // Saved in an editor a moment ago, and not read yet: read now, so that what is checked
    // and drawn again is the file as it is.
    if family(session, slug).is_some_and(|f| hash(text_of(f, kind)) != now) {
        session.change(std::slice::from_ref(&rel));
    }
    let Some(f) = family(session, slug).cloned() else {
        return again(
            session,
            409,
            Said::one(format!(
                "{rel} kan ikke læses; ret fejlen i filen, og prøv igen"
            )),
        );
    };
    let bom = if on_disk.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &on_disk[bom..];
    if sent.get("hash") != Some(now.as_str()) || text != text_of(&f, kind) {
        // Drawn again from the file as it is now, with what was typed.
        let mut said = Said::one(format!(
            "{rel} er blevet ændret, siden du åbnede formularen (måske i en teksteditor). Intet er gemt. Det, du skrev, står her stadig: se formularen igennem, og tryk Gem igen."
        ));
        said.checked = dry;
        let mut fresh: Vec<(String, String)> = sent
            .fields
            .iter()
            .filter(|(k, _)| k != "hash")
            .cloned()
            .collect();
        fresh.push(("hash".into(), hash(text_of(&f, kind))));
        let fresh = Sent::new(fresh);
        return match form(session, secret, slug, kind, Some(&fresh), &said) {
            Some(p) => Outcome::Again(409, p),
            None => Outcome::Again(404, Vec::new()),
        };
    }
    let (ops, mut fields) = match ops(&f, kind, sent) {
        Ok(x) => x,
        Err(said) => return again(session, 422, said),
    };
    // The file as the session read it is the file on disk (compared above): where its YAML
    // and its text stand is known. A diploma not there yet starts empty.
    let start;
    let src = match file_of(&f, kind) {
        Some(src) => src,
        None => {
            start = crate::source::Source::markdown(&rel, NEW_DIPLOMA.to_string())
                .unwrap_or_else(|_| crate::source::Source::yaml(&rel, String::new()));
            &start
        }
    };
    let body = (kind == Kind::Diploma)
        .then(|| new_body(src, &sent.text("tekst"), file_of(&f, kind).is_none()))
        .flatten();
    if ops.is_empty() && body.is_none() && file_of(&f, kind).is_some() {
        if dry {
            let said = looked(session, slug, kind, &BTreeMap::new(), previews).1;
            return again(session, 200, said);
        }
        return Outcome::Saved {
            file: String::new(),
            back: back(slug),
        };
    }
    let edited = match edit::apply(&src.text[..src.body.start], src.yaml.clone(), &ops) {
        Ok(t) => {
            let rest = body.unwrap_or_else(|| src.text[src.body.start..].to_string());
            format!("{}{t}{rest}", &on_disk[..bom])
        }
        Err(e) => return again(session, 422, Said::one(e)),
    };
    if kind == Kind::Diploma {
        fields.push((BODY_FIELD.0.into(), BODY_FIELD.1.into()));
    }
    let given = BTreeMap::from([(rel.clone(), edited.clone())]);
    let (found, room) = looked(session, slug, kind, &given, previews);
    let Some(found) = found else {
        return again(session, 409, Said::one("familien kan ikke læses lige nu"));
    };
    let mut said = findings(&found, &rel, &edited, &fields);
    said.room = room.room;
    if dry || !said.summary.is_empty() {
        let status = if said.summary.is_empty() { 200 } else { 422 };
        return again(session, status, said);
    }
    if let Err(e) = keep_and_write(root, &rel, &on_disk, &edited, true) {
        return again(session, 500, Said::one(e));
    }
    // After a move, the form again, at the goal that moved (where it stands now), or at the
    // goal whose delmål moved.
    let back = match sent.get("flyt") {
        Some(m) => {
            let parts: Vec<&str> = m.split('-').collect();
            let goal = match parts.as_slice() {
                ["maal", i, "ned"] => i.parse::<usize>().map(|i| i + 1),
                ["maal", i, _] => i.parse::<usize>().map(|i| i.saturating_sub(1)),
                [_, i, ..] => i.parse::<usize>(),
                _ => Ok(0),
            };
            format!("{}#maal-{}", action(slug, kind), goal.unwrap_or(0))
        }
        None => back(slug),
    };
    Outcome::Saved { file: rel, back }
}

/// A diploma's new text below its front matter, when the form changed it: the blank lines
/// before it as they were, the file's line ends.
fn new_body(src: &crate::source::Source, typed: &str, new_file: bool) -> Option<String> {
    let typed = typed.replace("\r\n", "\n");
    let typed = typed.trim_matches('\n');
    if !new_file && typed == body_text(src) {
        return None;
    }
    let nl = if src.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let was = &src.text[src.body.clone()];
    let lead = &was[..was.len() - was.trim_start_matches(['\r', '\n']).len()];
    let lead = if lead.is_empty() && !typed.is_empty() {
        nl
    } else {
        lead
    };
    if typed.is_empty() {
        return Some(lead.to_string());
    }
    Some(format!("{lead}{}{nl}", typed.replace('\n', nl)))
}

/// What `check` says of the family with the texts `given`, and for a diploma how it fits
/// its page, with the page drawn for the preview.
fn looked(
    session: &mut Session,
    slug: &str,
    kind: Kind,
    given: &crate::load::Given,
    previews: &Previews,
) -> (Option<Diagnostics>, Said) {
    let mut said = Said::default();
    if kind != Kind::Diploma {
        return (session.try_family(slug, given), said);
    }
    let tried = session.try_family_then(slug, given, |kinds, at| {
        let (fit, left) = kinds.pdf()?.diploma_room(at)?;
        let page = crate::routes::Page::Diploma(at);
        let pdf = kinds
            .of(crate::routes::Format::Pdf)
            .and_then(|k| k.page(page).ok());
        Some((fit, left, pdf))
    });
    let Some((found, seen)) = tried else {
        return (None, said);
    };
    if let Some((fit, left, pdf)) = seen.flatten() {
        use crate::output::pdf::diploma::Fit;
        said.room = Some(match fit {
            Fit::Scale(x) => Room {
                size: Some(crate::output::pdf::diploma::BODY * x),
                lines: left,
                pdf: pdf.map(|p| previews.put(slug, p)),
            },
            Fit::TooLong { lines, .. } => Room {
                size: None,
                lines,
                pdf: None,
            },
        });
    }
    (Some(found), said)
}

/// The diploma form as first opened: how the diploma on disk fits, and its page.
pub fn diploma_room(session: &mut Session, slug: &str, previews: &Previews) -> Said {
    looked(session, slug, Kind::Diploma, &BTreeMap::new(), previews).1
}

/// The errors of a check, each at the field whose value stands where it points.
fn findings(d: &Diagnostics, rel: &str, edited: &str, fields: &[(String, String)]) -> Said {
    let src = if rel.ends_with(".md") {
        crate::source::Source::markdown(rel, edited.trim_start_matches('\u{feff}').to_string()).ok()
    } else {
        Some(crate::source::Source::yaml(rel, edited.to_string()))
    };
    let mut said = Said::default();
    for x in d.iter().filter(|x| x.is_error()) {
        let x = x.clone().masked();
        let mut msg = x.message.clone();
        if let Some(v) = &x.value {
            msg.push_str(&format!(" ({v})"));
        }
        if let Some(h) = &x.help {
            msg.push_str(&format!(". {h}"));
        }
        let at = src.as_ref().filter(|_| x.file == rel).and_then(|s| {
            fields
                .iter()
                .find(|(path, _)| {
                    if path == BODY_FIELD.0 {
                        !s.body.is_empty() && x.pos.line >= s.pos_of(s.body.start).line
                    } else {
                        s.at(path).line == x.pos.line
                    }
                })
                .map(|(_, f)| f.clone())
        });
        match at {
            // At its field, a message needs no YAML path (`trinskift[5].fra`: …).
            Some(f) => {
                let own = msg
                    .strip_prefix('`')
                    .and_then(|m| m.split_once("`: "))
                    .filter(|(path, _)| !path.contains(' '))
                    .map_or(msg.as_str(), |(_, rest)| rest);
                said.field(&f, own.to_string())
            }
            // The form's own file needs no name; another file's place is said.
            None if x.file == rel => said.summary.push((None, msg)),
            None => said
                .summary
                .push((None, format!("{}: {msg}", x.location()))),
        }
    }
    said
}

/// A family's folder, relative to the site's root.
fn family_dir(slug: &str) -> String {
    format!(
        "{}/{}/{slug}",
        crate::config::CONTENT_DIR,
        crate::load::FAMILIES_DIR
    )
}

/// The folder of a file's earlier versions.
fn history_dir(root: &Path, rel: &str) -> PathBuf {
    root.join(HISTORY).join(rel)
}

/// A version's name: the time it was put aside, so that names sort in time.
fn stamp() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:020}", t.as_nanos())
}

/// Keep `before` as the newest earlier version of `rel` (at most [`KEEP`]), and write `after`
/// in its place; with `journal`, remember the save for undo (a stack in `sidste`: each line
/// the version before a save and the hash of the file as that save left it).
fn keep_and_write(
    root: &Path,
    rel: &str,
    before: &str,
    after: &str,
    journal: bool,
) -> Result<(), String> {
    let dir = history_dir(root, rel);
    let fail = |what: &str, e: std::io::Error| {
        format!(
            "{what}: {}; intet er gemt",
            crate::diagnostics::os_error(&e)
        )
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| fail("kan ikke lave mappen til tidligere versioner", e))?;
    let name = stamp();
    std::fs::write(dir.join(format!("{name}.tekst")), before)
        .map_err(|e| fail("kan ikke gemme den tidligere version", e))?;
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tekst"))
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    while versions.len() > KEEP {
        let old = versions.remove(0);
        let _ = std::fs::remove_file(old);
    }
    if journal {
        let mut lines = journal_of(&dir);
        lines.push((name, hash(after)));
        let from = lines.len().saturating_sub(KEEP);
        write_journal(&dir, &lines[from..])
            .map_err(|e| fail("kan ikke gemme, hvad der kan fortrydes", e))?;
    }
    // A file that was not there (a first diploma, undone) is taken away again.
    if after.is_empty() {
        return std::fs::remove_file(root.join(rel))
            .map_err(|e| fail(&format!("kan ikke fjerne {rel}"), e));
    }
    write_safely(&root.join(rel), after).map_err(|e| fail(&format!("kan ikke skrive {rel}"), e))
}

/// A temporary file beside `path`, flushed to disk, then renamed into its place (with the
/// old file's permissions).
fn write_safely(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".trinvis-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Ok(m) = std::fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(m.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The family's last save that can be undone: the file, the version before it.
fn last_save(root: &Path, slug: &str) -> Option<(String, PathBuf, String)> {
    [Kind::Meeting, Kind::Trin, Kind::Diploma]
        .map(Kind::file)
        .iter()
        .filter_map(|file| {
            let rel = format!("{}/{file}", family_dir(slug));
            let dir = history_dir(root, &rel);
            let (name, written) = journal_of(&dir).pop()?;
            let version = dir.join(format!("{name}.tekst"));
            Some((name, rel, version, written))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, rel, version, written)| (rel, version, written))
}

/// The saves of a file that can be undone, oldest first: (version before it, hash after it).
fn journal_of(dir: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join("sidste"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn write_journal(dir: &Path, lines: &[(String, String)]) -> std::io::Result<()> {
    let text: String = lines.iter().map(|(a, b)| format!("{a} {b}\n")).collect();
    if text.is_empty() {
        return match std::fs::remove_file(dir.join("sidste")) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    std::fs::write(dir.join("sidste"), text)
}

/// Whether the family has a save to undo.
pub fn can_undo(root: &Path, slug: &str) -> bool {
    last_save(root, slug).is_some()
}

/// Put back the version before the family's last save; the file written, or why not.
pub fn undo(root: &Path, slug: &str) -> Result<String, String> {
    let (rel, version, written) =
        last_save(root, slug).ok_or("der er ingen ændring at fortryde")?;
    let now = std::fs::read_to_string(root.join(&rel))
        .map_err(|e| format!("{rel} kan ikke læses: {}", crate::diagnostics::os_error(&e)))?;
    if hash(&now) != written {
        return Err(format!(
            "{rel} er ændret siden den sidste gemning (måske i en teksteditor), så den kan ikke fortrydes herfra. De tidligere versioner ligger i {HISTORY}/."
        ));
    }
    let before = std::fs::read_to_string(&version).map_err(|e| {
        format!(
            "den tidligere version kan ikke læses: {}",
            crate::diagnostics::os_error(&e)
        )
    })?;
    // The undone save is kept too (so undo itself can be undone by hand), but not in the
    // stack: the next press takes back the save before this one.
    keep_and_write(root, &rel, &now, &before, false)?;
    let dir = history_dir(root, &rel);
    let mut lines = journal_of(&dir);
    lines.pop();
    write_journal(&dir, &lines).map_err(|e| {
        format!(
            "kan ikke gemme, hvad der kan fortrydes: {}",
            crate::diagnostics::os_error(&e)
        )
    })?;
    Ok(rel)
}

/// Where the form for a new family is (`_` is in no family's folder name).
pub const NEW_FAMILY: &str = "/__trinvis/rediger/_ny";
/// What the new family's form token is made of (see [`token`]).
pub const NEW_FAMILY_TOKEN: (&str, &str) = ("_ny", "familie");

/// The form for a new family: the `new family` scaffold with its first facts filled in.
pub fn new_family_form(
    secret: &str,
    today: crate::model::Date,
    sent: Option<&Sent>,
    said: &Said,
) -> Vec<u8> {
    let empty = Sent::new(Vec::new());
    let sent = sent.unwrap_or(&empty);
    let val = |name: &str, default: &str| {
        sent.get(name)
            .map_or_else(|| default.to_string(), str::to_string)
    };
    let mut body = summary(said);
    body.push_str(&format!(
        "<form method=\"post\" action=\"{NEW_FAMILY}\" novalidate><input type=\"hidden\" name=\"token\" value=\"{}\">",
        token(secret, NEW_FAMILY_TOKEN.0, NEW_FAMILY_TOKEN.1)
    ));
    body.push_str("<fieldset><legend>Familien</legend>");
    body.push_str(&field(
        "Familiens navn (pseudonym)",
        "navn",
        &input("text", &val("navn", ""), " required"),
        said,
        Some("Fx Holm. Bliver til »Familien Holm« og til mappenavnet. Aldrig et CPR-nummer."),
    ));
    body.push_str(&field(
        "Startdato",
        "startdato",
        &input("date", &val("startdato", &today.to_string()), " required"),
        said,
        None,
    ));
    body.push_str("</fieldset><fieldset><legend>Første person i familien</legend><p class=\"hint\">Resten af familien skrives i familie.yaml.</p>");
    body.push_str(&field(
        "Navn (pseudonym)",
        "medlem-navn",
        &input("text", &val("medlem-navn", ""), ""),
        said,
        None,
    ));
    body.push_str(&field(
        "Rolle",
        "medlem-rolle",
        &input("text", &val("medlem-rolle", "mor"), ""),
        said,
        Some("Fx mor, far, barn. Rollen bliver også personens id i filerne."),
    ));
    body.push_str(&field(
        "Fødselsår",
        "medlem-aar",
        &input(
            "number",
            &val("medlem-aar", ""),
            " min=\"1900\" inputmode=\"numeric\"",
        ),
        said,
        None,
    ));
    body.push_str("</fieldset><fieldset><legend>Makkerparret</legend>");
    body.push_str(&field(
        "Jobkonsulent",
        "jobkonsulent",
        &input("text", &val("jobkonsulent", ""), ""),
        said,
        None,
    ));
    body.push_str(&field(
        "Familiebehandler",
        "familiebehandler",
        &input("text", &val("familiebehandler", ""), ""),
        said,
        None,
    ));
    body.push_str("</fieldset><p class=\"knapper\"><button type=\"submit\">Opret familien</button></p></form>");
    page("Ny familie", "Familieteamet", "/", &body)
}

/// Make a new family from the form: checked as `check` checks it before anything is written.
pub fn create_family(session: &mut Session, secret: &str, root: &Path, sent: &Sent) -> Outcome {
    let today = session.today();
    let again = |status: u16, said: Said| {
        Outcome::Again(status, new_family_form(secret, today, Some(sent), &said))
    };
    let name = sent.text("navn");
    if name.is_empty() {
        let mut said = Said::default();
        said.field("navn", "skriv familiens navn (et pseudonym)".into());
        return again(422, said);
    }
    let new = match crate::scaffold::family_files(&name, today) {
        Ok(n) => n,
        Err(e) => {
            let mut said = Said::default();
            said.field("navn", e);
            return again(422, said);
        }
    };
    let dir_rel = family_dir(&new.slug);
    if root.join(&dir_rel).exists() {
        let mut said = Said::default();
        said.field(
            "navn",
            format!("der er allerede en familie i mappen {dir_rel}; vælg et andet navn"),
        );
        return again(409, said);
    }
    let mut ops = Vec::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut put = |path: &str, v: Value, field: &str| {
        fields.push((path.to_string(), field.to_string()));
        ops.push(Op::Set(path.to_string(), v));
    };
    for (path, name) in [
        ("medlemmer[0].navn", "medlem-navn"),
        ("makkerpar.jobkonsulent", "jobkonsulent"),
        ("makkerpar.familiebehandler", "familiebehandler"),
        ("startdato", "startdato"),
    ] {
        let v = sent.text(name);
        if !v.is_empty() {
            put(path, s(&v), name);
        }
    }
    let rolle = sent.text("medlem-rolle");
    if !rolle.is_empty() {
        put("medlemmer[0].rolle", s(&rolle), "medlem-rolle");
        let id = crate::load::slugify(&rolle);
        if crate::load::is_slug(&id) {
            put("medlemmer[0].id", s(&id), "medlem-rolle");
        }
    }
    let aar = sent.text("medlem-aar");
    if !aar.is_empty() {
        put(
            "medlemmer[0].fødselsår",
            aar.parse::<i64>().map_or_else(|_| s(&aar), Value::from),
            "medlem-aar",
        );
    }
    let familie = match edit::apply(&new.familie, 0..new.familie.len(), &ops) {
        Ok(t) => t,
        Err(e) => return again(422, Said::one(e)),
    };
    let (f_rel, p_rel) = (
        format!("{dir_rel}/familie.yaml"),
        format!("{dir_rel}/plan.md"),
    );
    let given = BTreeMap::from([
        (f_rel.clone(), familie.clone()),
        (p_rel.clone(), new.plan.clone()),
    ]);
    let Some(found) = session.try_family(&new.slug, &given) else {
        return again(409, Said::one("familien kan ikke prøves lige nu"));
    };
    let said = findings(&found, &f_rel, &familie, &fields);
    if !said.summary.is_empty() {
        return again(422, said);
    }
    let dir = root.join(&dir_rel);
    let written = std::fs::create_dir(&dir)
        .and_then(|()| write_safely(&root.join(&f_rel), &familie))
        .and_then(|()| write_safely(&root.join(&p_rel), &new.plan));
    if let Err(e) = written {
        return again(
            500,
            Said::one(format!(
                "kan ikke oprette {dir_rel}: {}",
                crate::diagnostics::os_error(&e)
            )),
        );
    }
    Outcome::Saved {
        file: p_rel,
        back: back(&new.slug),
    }
}

/// The links to the forms, put on a family's staff plan as served.
pub fn toolbar(root: &Path, slug: &str, secret: &str) -> String {
    let mut s = String::from(
        "<nav class=\"trinvis-bench-bar\" aria-label=\"Ret planen\"><p><strong>Ret planen:</strong></p><ul>",
    );
    for k in Kind::ALL {
        s.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>",
            action(slug, k),
            k.title()
        ));
    }
    s.push_str("</ul>");
    if can_undo(root, slug) {
        s.push_str(&format!(
            "<form method=\"post\" action=\"{PREFIX}{slug}/fortryd\"><input type=\"hidden\" name=\"token\" value=\"{}\"><button type=\"submit\">Fortryd sidste ændring</button></form>",
            token(secret, slug, "fortryd")
        ));
    }
    s.push_str("</nav>");
    s
}

/// The page that says what undo could not do.
pub fn not_undone(slug: &str, why: &str) -> Vec<u8> {
    page(
        "Kunne ikke fortryde",
        slug,
        &back(slug),
        &format!("<p role=\"alert\">{}</p>", esc(why)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_are_decoded() {
        let f = form_fields(b"a=1&b=%C3%A6+x&c&d=%zz&e=a%0D%0Ab");
        assert_eq!(
            f,
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "æ x".into()),
                ("c".into(), "".into()),
                ("d".into(), "%zz".into()),
                ("e".into(), "a\nb".into()),
            ]
        );
    }

    #[test]
    fn tokens_depend_on_the_secret_and_the_form() {
        let a = token("s1", "holm", "moede");
        assert_eq!(a.len(), 64);
        assert_eq!(a, token("s1", "holm", "moede"));
        assert_ne!(a, token("s2", "holm", "moede"));
        assert_ne!(a, token("s1", "holm", "status"));
        assert_ne!(a, token("s1", "berg", "moede"));
    }

    #[test]
    fn paths_name_a_family_and_a_form() {
        let t = target("/__trinvis/rediger/holm/moede").unwrap();
        assert_eq!((t.family.as_str(), t.kind), ("holm", Some(Kind::Meeting)));
        assert!(
            target("/__trinvis/rediger/holm/fortryd")
                .unwrap()
                .kind
                .is_none()
        );
        assert!(target("/__trinvis/rediger/../moede").is_none());
        assert!(target("/__trinvis/rediger/holm/x").is_none());
    }
}
