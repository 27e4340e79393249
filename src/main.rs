use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use trinvis::config::Paths;

/// A build allocates many small, short-lived values on every core; mimalloc does that in
/// about two thirds of the time glibc's malloc takes (`cargo bench --bench build`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// trinvis – familieplaner, diplomer, borgerrejser og metodehåndbog som et privat, statisk site.
#[derive(Parser)]
#[command(name = "trinvis", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Byg sitet fra content/ til output/ (output/ røres kun, hvis alt lykkes).
    Build {
        /// Sitets mappe, den med content/ og trinvis.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Hvor sitet skrives hen (standard: output/ i sitets mappe).
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        day: Day,
    },
    /// Byg sitet, og byg det igen, hver gang en fil i det ændres (stop med Ctrl-C).
    Watch {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        /// Kig efter ændringer hvert halve sekund i stedet for at vente på systemets besked
        /// (netværksdrev, WSL, synkroniserede mapper).
        #[arg(long)]
        poll: bool,
        #[command(flatten)]
        day: Day,
    },
    /// Vis sitet i browseren, mens du skriver: det bygges i hukommelsen, og siderne opdaterer
    /// sig selv, når du gemmer (kun på denne computer; stop med Ctrl-C).
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Porten på 127.0.0.1 (0: en ledig port).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Åbn forsiden i browseren.
        #[arg(long)]
        open: bool,
        /// Kig efter ændringer hvert halve sekund (netværksdrev, WSL, synkroniserede mapper).
        #[arg(long)]
        poll: bool,
        #[command(flatten)]
        day: Day,
    },
    /// Udlevér én familie dens egne sider (vores plan, vores rejse, diplom – som HTML og PDF)
    /// i en mappe for sig, uden links til forsiden, tavlen, håndbogen eller andre familier.
    Udlever {
        /// Familiens mappenavn i content/familier/, fx holm.
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Hvor mappen skrives hen (standard: udlevering/FAMILIE i sitets mappe).
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        day: Day,
        /// Lås siderne med adgangskoden i denne fil (første linje; `-` læser den fra
        /// standard-input). Uden den: fra miljøvariablen TRINVIS_ADGANGSKODE, ellers spørger
        /// trinvis i terminalen – aldrig på kommandolinjen, aldrig fra en fil i sitets mappe.
        #[arg(
            long = "adgangskode-fil",
            value_name = "FIL",
            conflicts_with = "uden_adgangskode"
        )]
        adgangskode_fil: Option<PathBuf>,
        /// Udlevér siderne uden lås (og uden at spørge efter en adgangskode).
        #[arg(long = "uden-adgangskode")]
        uden_adgangskode: bool,
        /// Pak mappen som én zip-fil (standard: udlevering/FAMILIE.zip i sitets mappe).
        #[arg(long)]
        zip: bool,
    },
    /// Læs og kontrollér indholdet uden at skrive noget.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[command(flatten)]
        day: Day,
    },
    /// Lav et nyt site i MAPPE ud fra det medfølgende eksempel.
    Init {
        /// En ny eller tom mappe.
        dir: PathBuf,
    },
    /// Opret noget nyt i indholdet.
    New {
        #[command(subcommand)]
        what: NewWhat,
    },
}

/// `--dato`, which every command that draws the site takes.
#[derive(clap::Args)]
struct Day {
    /// Dagen sitet laves for, ÅÅÅÅ-MM-DD (tavlens forfaldne opfølgninger, ugens møder);
    /// standard: dagens dato. Samme dato giver præcis de samme filer.
    #[arg(long, value_name = "ÅÅÅÅ-MM-DD", value_parser = parse_date)]
    dato: Option<trinvis::model::Date>,
}

#[derive(Subcommand)]
enum NewWhat {
    /// Opret en familiemappe med familie.yaml og plan.md.
    Family {
        /// Familiens (pseudonyme) navn, fx "Holm".
        name: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// A date as `--dato` takes it.
fn parse_date(s: &str) -> Result<trinvis::model::Date, String> {
    trinvis::model::Date::parse(s.trim())
        .ok_or_else(|| format!("«{s}» er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2026-11-24"))
}

fn report(r: &trinvis::Report, verb: &str, output: Option<&std::path::Path>) -> ExitCode {
    eprint!("{}", r.diagnostics);
    if r.ok() {
        let warn = if r.diagnostics.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.diagnostics.summary())
        };
        match output {
            Some(o) => eprintln!(
                "{verb}: {} familier og {} kapitler → {} filer i {}{warn}",
                r.families,
                r.chapters,
                r.files,
                o.display()
            ),
            None => eprintln!(
                "{verb}: {} familier og {} kapitler er i orden{warn}",
                r.families, r.chapters
            ),
        }
        ExitCode::SUCCESS
    } else {
        let tail = if output.is_some() {
            " Output-mappen er ikke ændret."
        } else {
            ""
        };
        eprintln!("{verb} stoppet: {}.{tail}", r.diagnostics.summary());
        ExitCode::from(1)
    }
}

/// `--root` must be a folder; anything else is a usage error (exit 2), not a content error.
fn site_root(root: &std::path::Path) -> Result<(), ExitCode> {
    if root.is_dir() {
        return Ok(());
    }
    let what = if root.exists() {
        "er ikke en mappe"
    } else {
        "findes ikke"
    };
    eprintln!(
        "fejl: --root {} {what}. Angiv sitets mappe (den med content/ og trinvis.yaml), eller kør kommandoen i den.",
        trinvis::cpr::mask(&root.display().to_string())
    );
    Err(ExitCode::from(2))
}

/// clap's own words (its headings, the help and version flags, "default:", its errors) are
/// English: every command gets Danish ones, and a mistake on the command line is said in
/// Danish ([`cli_error`]).
fn danish(cmd: clap::Command, path: &str) -> clap::Command {
    use clap::{Arg, ArgAction};
    let has_sub = cmd.has_subcommands();
    let positionals: String = cmd
        .get_positionals()
        .map(|a| {
            let id = a.get_id().as_str();
            format!(
                " <{}>",
                value_name(id).map_or(id.to_uppercase(), String::from)
            )
        })
        .collect();
    let mut template = String::from("{about-with-newline}\nBrug: {usage}\n");
    if has_sub {
        template.push_str("\nKommandoer:\n{subcommands}\n");
    }
    if !positionals.is_empty() {
        template.push_str("\nArgumenter:\n{positionals}\n");
    }
    template.push_str("\nValg:\n{options}\n");
    let usage = if has_sub {
        format!("{path} <KOMMANDO>")
    } else {
        format!("{path} [VALG]{positionals}")
    };
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .help_template(template)
        .override_usage(usage)
        .subcommand_value_name("KOMMANDO")
        .mut_args(|a| {
            let id = a.get_id().as_str().to_string();
            let default: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_else(|| {
                match id.as_str() {
                    "root" => "Sitets mappe, den med content/ og trinvis.yaml.",
                    "output" => "Hvor sitet skrives hen (standard: output/ i sitets mappe).",
                    _ => "",
                }
                .to_string()
            });
            if !default.is_empty() && !help.contains("standard") {
                let default = match default.join(", ").as_str() {
                    "." => "den mappe, du står i".to_string(),
                    other => other.to_string(),
                };
                help = format!("{} (standard: {default}).", help.trim_end_matches('.'));
            }
            let a = a.help(help);
            if !a.get_action().takes_values() {
                return a;
            }
            let a = a.hide_default_value(true);
            match value_name(&id) {
                Some(v) => a.value_name(v),
                None => a,
            }
        })
        .arg(
            Arg::new("hjælp")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Vis denne hjælp"),
        );
    if path == "trinvis" {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("udgave")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Vis trinvis' udgave"),
        );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        let p = format!("{path} {s}");
        cmd = cmd.mut_subcommand(&s, |c| danish(c, &p));
    }
    cmd
}

/// A value's name in help and usage, in Danish, where clap's would be English.
fn value_name(id: &str) -> Option<&'static str> {
    match id {
        "root" | "output" | "dir" => Some("MAPPE"),
        "slug" => Some("FAMILIE"),
        "name" => Some("NAVN"),
        _ => None,
    }
}

/// A mistake on the command line, said in Danish; help and version asked for are shown.
fn cli_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind as C, ContextValue, ErrorKind as K};
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        K::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let get = |k: C| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let mut msg = match e.kind() {
        K::InvalidSubcommand => format!("ukendt kommando «{}»", get(C::InvalidSubcommand)),
        K::UnknownArgument => format!("ukendt valg «{}»", get(C::InvalidArg)),
        K::InvalidValue | K::ValueValidation => {
            let why = std::error::Error::source(&e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!(
                "ugyldig værdi «{}» til {}{why}",
                get(C::InvalidValue),
                get(C::InvalidArg)
            )
        }
        K::MissingRequiredArgument => format!("der mangler {}", get(C::InvalidArg)),
        K::MissingSubcommand => "der mangler en kommando".into(),
        K::ArgumentConflict => format!(
            "{} og {} kan ikke bruges sammen",
            get(C::InvalidArg),
            get(C::PriorArg)
        ),
        K::NoEquals | K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues => {
            format!("forkert antal værdier til {}", get(C::InvalidArg))
        }
        K::InvalidUtf8 => "kommandolinjen har tegn, der ikke er gyldig UTF-8".into(),
        _ => "kommandolinjen kan ikke læses".into(),
    };
    for k in [C::SuggestedSubcommand, C::SuggestedArg] {
        let s = get(k);
        if !s.is_empty() {
            msg.push_str(&format!(". Mente du «{s}»?"));
        }
    }
    eprintln!("fejl: {msg}\nSe `trinvis --help` for kommandoerne og deres valg.");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let cli = match danish(Cli::command(), "trinvis")
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return cli_error(e),
    };
    if matches!(cli.command, Command::Watch { .. } | Command::Serve { .. }) {
        stop_on_ctrl_c();
    }
    match &cli.command {
        Command::Build { root, .. }
        | Command::Watch { root, .. }
        | Command::Serve { root, .. }
        | Command::Check { root, .. }
        | Command::Udlever { root, .. }
        | Command::New {
            what: NewWhat::Family { root, .. },
        } => {
            if let Err(code) = site_root(root) {
                return code;
            }
        }
        Command::Init { .. } => {}
    }
    match cli.command {
        Command::Build { root, output, day } => {
            let paths = Paths::new(&root, output.as_deref());
            let r = trinvis::run(
                &paths,
                trinvis::Options {
                    today: day.dato,
                    ..trinvis::Options::BUILD
                },
            );
            report(&r, "build", Some(&paths.output))
        }
        Command::Watch {
            root,
            output,
            poll,
            day,
        } => {
            let paths = Paths::new(&root, output.as_deref());
            trinvis::watch::watch(&paths, poll, day.dato, |line| eprintln!("{line}"));
            ExitCode::SUCCESS
        }
        Command::Serve {
            root,
            port,
            open,
            poll,
            day,
        } => {
            let paths = Paths::new(&root, None);
            let opts = trinvis::serve::ServeOptions {
                port,
                poll,
                open,
                today: day.dato,
            };
            match trinvis::serve::serve(&paths, &opts, |line| eprintln!("{line}")) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("fejl: {}", trinvis::cpr::mask(&e));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, day } => {
            let r = trinvis::run(
                &Paths::new(&root, None),
                trinvis::Options {
                    write: false,
                    today: day.dato,
                    ..trinvis::Options::BUILD
                },
            );
            report(&r, "check", None)
        }
        Command::Udlever {
            slug,
            root,
            output,
            day,
            adgangskode_fil,
            uden_adgangskode,
            zip,
        } => udlever(
            &slug,
            &root,
            output,
            day.dato,
            adgangskode_fil.as_deref(),
            uden_adgangskode,
            zip,
        ),
        Command::Init { dir } => match trinvis::scaffold::init(&dir) {
            Ok(()) => {
                eprintln!(
                    "Nyt site i {}. Byg det med: trinvis build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fejl: {}", trinvis::cpr::mask(&e));
                ExitCode::from(1)
            }
        },
        Command::New {
            what: NewWhat::Family { name, root },
        } => match trinvis::scaffold::new_family(&root, &name) {
            Ok(dir) => {
                eprintln!(
                    "Oprettet {}. Udfyld familie.yaml og plan.md, og kør `trinvis check`.",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("fejl: {}", trinvis::cpr::mask(&e));
                ExitCode::from(1)
            }
        },
    }
}

/// `trinvis udlever`: the passphrase from where it is asked for, then the handout.
fn udlever(
    slug: &str,
    root: &std::path::Path,
    output: Option<PathBuf>,
    dato: Option<trinvis::model::Date>,
    adgangskode_fil: Option<&std::path::Path>,
    uden_adgangskode: bool,
    zip: bool,
) -> ExitCode {
    let paths = Paths::new(root, None);
    let target = output.unwrap_or_else(|| {
        let name = if zip {
            format!("{slug}.zip")
        } else {
            slug.to_string()
        };
        root.join("udlevering").join(name)
    });
    use trinvis::handout::passphrase::{self, Source};
    let source = match (adgangskode_fil, uden_adgangskode) {
        (Some(f), _) => Source::File(f),
        (None, true) => Source::None,
        (None, false) => Source::Default,
    };
    let pass = match passphrase::read(source, root, &target) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("fejl: {e}");
            return ExitCode::from(1);
        }
    };
    match trinvis::handout::write(&paths, slug, &target, dato, pass.as_deref(), zip) {
        Ok(n) => {
            let how = if pass.is_some() {
                "låst med adgangskoden"
            } else {
                "IKKE låst (lås dem med en adgangskode: kør kommandoen i en terminal, eller brug --adgangskode-fil)"
            };
            eprintln!(
                "udleveret: {n} filer i {} – kun familiens egne sider, {how}.",
                target.display()
            );
            ExitCode::SUCCESS
        }
        Err(trinvis::handout::HandoutError::Site(d)) => {
            eprint!("{d}");
            eprintln!("intet udleveret: ret fejlene først.");
            ExitCode::from(1)
        }
        Err(trinvis::handout::HandoutError::Other(e)) => {
            eprintln!("fejl: {}", trinvis::cpr::mask(&e));
            ExitCode::from(1)
        }
    }
}

/// Ctrl-C stops `watch` and `serve` with a line saying so. A swap in progress is finished
/// first, so the output folder is never left half-swapped (`serve` writes nothing); a staging
/// folder left half-written is deleted by the next build.
fn stop_on_ctrl_c() {
    let handler = ctrlc::set_handler(|| {
        let _busy = trinvis::write::BUSY.lock();
        eprintln!("stoppet.");
        std::process::exit(0);
    });
    // (ctrlc's words are English.)
    if handler.is_err() {
        eprintln!("advarsel: Ctrl-C kan ikke fanges; processen stoppes brat.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own checks of the commands as set up in Danish (made only when a command is
    /// used, in a debug build).
    #[test]
    fn the_danish_commands_are_well_formed() {
        danish(Cli::command(), "trinvis").debug_assert();
    }
}
