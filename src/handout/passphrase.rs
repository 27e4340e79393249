//! Where the passphrase that locks a handed-out folder comes from, and whether it is strong
//! enough: from a file (its first line; `-` is standard input), from the environment, or
//! typed at the terminal without echo; never from the command line itself, never from a file
//! inside the site's folder or the folder being written. A passphrase is refused below a
//! zxcvbn score of 3 (about 10⁸ guesses), under 12 characters, or on the list of the most
//! used ones; the refusal suggests four random words.

use aes_gcm::aead::{OsRng, rand_core::RngCore};
use std::io::{BufRead, IsTerminal};
use std::path::Path;

/// The environment variable a passphrase may be given in (instead of a file).
pub const ENV: &str = "TRINVIS_ADGANGSKODE";
/// Shorter passphrases are refused.
pub const MIN_LENGTH: usize = 12;
/// The lowest zxcvbn score a passphrase may have (0–4; 3: "safely unguessable", about 10⁸
/// guesses, each of which costs 600,000 rounds of PBKDF2 here).
pub const MIN_SCORE: u8 = 3;

const COMMON: &str = include_str!("common.txt");
/// Short Danish words without æ, ø and å (easy to type on any keyboard and to say on the
/// phone), for suggestions: four of them are about 39 bits.
const WORDS: &str = include_str!("ord.txt");

/// Where the passphrase is to come from.
pub enum Source<'a> {
    /// A file's first line; `-` is standard input.
    File(&'a Path),
    /// The environment variable, else the terminal (when there is one).
    Default,
    /// No passphrase: the folder is not locked.
    None,
}

/// The passphrase, if the folder is to be locked. `root` is the site's folder and `target`
/// the folder (or zip file) being written: a file inside either is refused.
pub fn read(source: Source, root: &Path, target: &Path) -> Result<Option<String>, String> {
    let text = match source {
        Source::None => return Ok(None),
        Source::File(f) if f.as_os_str() == "-" => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                format!(
                    "kan ikke læse adgangskoden fra standard-input: {}",
                    crate::diagnostics::os_error(&e)
                )
            })?;
            line
        }
        Source::File(f) => {
            let real = crate::config::real_path(f);
            for (place, what) in [
                (
                    root,
                    "sitets mappe, hvor den kan ende i sitet, i en udlevering eller i git",
                ),
                (target, "den mappe, der udleveres"),
            ] {
                if real.starts_with(crate::config::real_path(place)) {
                    return Err(format!(
                        "adgangskodefilen {} ligger i {what}. Læg den et andet sted, fx i din hjemmemappe, eller skriv den, når trinvis spørger.",
                        f.display()
                    ));
                }
            }
            std::fs::read_to_string(f).map_err(|e| {
                format!(
                    "kan ikke læse adgangskodefilen {}: {}",
                    f.display(),
                    crate::diagnostics::os_error(&e)
                )
            })?
        }
        Source::Default => match std::env::var(ENV) {
            Ok(v) => v,
            Err(_) if std::io::stdin().is_terminal() => return ask(),
            Err(_) => return Ok(None),
        },
    };
    let line = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_string();
    if line.trim().is_empty() {
        return Err("adgangskoden er tom: skriv den på første linje i filen.".into());
    }
    Ok(Some(line))
}

/// Ask at the terminal, without echo, twice. An empty answer hands the folder out unlocked.
fn ask() -> Result<Option<String>, String> {
    let prompt = |p: &str| {
        rpassword::prompt_password(p).map_err(|e| {
            format!(
                "kan ikke læse adgangskoden: {}",
                crate::diagnostics::os_error(&e)
            )
        })
    };
    let first = prompt(
        "Adgangskode til familiens sider (den vises ikke, mens du skriver; tryk bare Enter for at udlevere uden lås): ",
    )?;
    if first.is_empty() {
        return Ok(None);
    }
    if prompt("Skriv den igen: ")? != first {
        return Err("de to adgangskoder er ikke ens. Prøv igen.".into());
    }
    Ok(Some(first))
}

/// Why a passphrase is too weak, in Danish, with a suggestion; None when it is strong
/// enough. `names` are words of the site and the family (names, the folder's name), which a
/// guesser would try first.
pub fn weakness(passphrase: &str, names: &[&str]) -> Option<String> {
    let lower = passphrase.trim().to_lowercase();
    let n = passphrase.chars().count();
    let why = if COMMON.lines().any(|w| w.trim() == lower) {
        "den er en af de mest brugte og kan gættes på sekunder".to_string()
    } else if n < MIN_LENGTH {
        format!("den har kun {n} tegn; der skal mindst {MIN_LENGTH} til")
    } else {
        let score = u8::from(zxcvbn::zxcvbn(passphrase, names).score());
        if score >= MIN_SCORE {
            return None;
        }
        format!(
            "den er for let at gætte (styrke {score} af 4 på zxcvbn-skalaen; der skal mindst {MIN_SCORE} til), fx fordi den er ord, navne, datoer eller tegn i en let rækkefølge"
        )
    };
    Some(format!(
        "adgangskoden er for svag: {why}. Vælg fx fire tilfældige ord, som «{}».",
        suggestion()
    ))
}

/// Four words picked at random (the system's random source) from the list, each as likely.
pub fn suggestion() -> String {
    let words: Vec<&str> = WORDS.lines().filter(|w| !w.is_empty()).collect();
    let n = words.len() as u32;
    // The largest multiple of n that fits, so that every word is as likely.
    let zone = u32::MAX - u32::MAX % n;
    let pick = || loop {
        let r = OsRng.next_u32();
        if r < zone {
            return words[(r % n) as usize];
        }
    };
    (0..4).map(|_| pick()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_with_a_suggestion() {
        for weak in [
            "a",
            "kodeord123",
            "Sommer2026",
            "kort",
            "holmholmholm1",
            "qwertyuiopasd",
        ] {
            let w = weakness(weak, &["Familien Holm", "holm"]);
            assert!(
                w.as_deref()
                    .is_some_and(|w| w.contains("fire tilfældige ord")),
                "{weak}"
            );
        }
        assert!(weakness("kort", &[]).unwrap().contains("4 tegn"));
        assert!(weakness("hest batteri klips blå", &[]).is_none());
        // The family's own name is among the first guesses.
        assert!(weakness("Familien Holm 2026", &["Familien Holm"]).is_some());
    }

    #[test]
    fn suggestions_are_strong_and_differ() {
        let a = suggestion();
        let b = suggestion();
        assert_eq!(a.split(' ').count(), 4);
        assert_ne!(a, b, "about one chance in 5.8 × 10¹¹");
        assert!(weakness(&a, &[]).is_none(), "{a}");
        assert!(a.is_ascii());
    }

    #[test]
    fn the_word_list_is_plain_and_has_no_doubles() {
        let words: Vec<&str> = WORDS.lines().collect();
        let set: std::collections::BTreeSet<&str> = words.iter().copied().collect();
        assert_eq!(set.len(), words.len());
        assert!(words.len() >= 850, "{}", words.len());
        assert!(
            words
                .iter()
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }
}
