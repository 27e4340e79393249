//! Danish wording for serde and serde_yaml's English messages, for staff who are not
//! programmers.

/// Separates the parts of a [`value_error`].
pub const VALUE_ERROR_MARK: char = '\u{1f}';

/// A value a model type refuses while the YAML is read. serde carries errors as one string,
/// so the message, the value and the help travel in it separated by [`VALUE_ERROR_MARK`];
/// reading the file turns them back into a diagnostic's parts.
pub fn value_error(message: &str, value: impl std::fmt::Display, help: &str) -> String {
    let m = VALUE_ERROR_MARK;
    format!("{m}{message}{m}{value}{m}{help}")
}

/// Backtick-quoted words in a serde message, in order.
pub(super) fn quoted(msg: &str) -> Vec<String> {
    msg.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn danish_type(t: &str) -> String {
    let t = t.trim();
    let simple = match t {
        "a string" | "string" => Some("tekst"),
        "a sequence" | "sequence" => Some("en liste (linjer der starter med -)"),
        "a map" | "map" => Some("en samling af felter (navn: værdi)"),
        "a boolean" | "boolean" => Some("ja/nej (true eller false)"),
        "unit value" | "null" => Some("en tom værdi"),
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" | "an integer" => {
            Some("et helt tal")
        }
        "f64" | "f32" | "floating point" => Some("et tal"),
        _ => None,
    };
    if let Some(s) = simple {
        return s.to_string();
    }
    if t.starts_with("struct ") {
        return "en samling af felter (navn: værdi)".to_string();
    }
    if let Some(rest) = t.strip_prefix("string ") {
        return format!("teksten {rest}");
    }
    if let Some(rest) = t
        .strip_prefix("integer ")
        .or_else(|| t.strip_prefix("floating point "))
    {
        return format!("tallet {}", rest.trim_matches('`'));
    }
    if let Some(rest) = t.strip_prefix("boolean ") {
        return format!("ja/nej-værdien {}", rest.trim_matches('`'));
    }
    t.to_string()
}

/// How serde's messages about well-formed YAML with the wrong content begin (as opposed to
/// YAML syntax errors).
pub(super) const DATA_ERRORS: &[&str] = &[
    "unknown field",
    "unknown variant",
    "missing field",
    "duplicate field",
    "invalid type",
    "invalid value",
    "ugyldig dato",
    "\u{1f}",
];

/// Turn serde/serde_yaml's English messages into Danish guidance for staff. serde_yaml puts
/// the path of the offending field first (`mål[0].frist: invalid type…`); it is kept.
pub fn translate_serde_message(msg: &str) -> (String, Option<String>) {
    if let Some(i) = DATA_ERRORS.iter().filter_map(|p| msg.find(p)).min()
        && let Some(path) = msg[..i].strip_suffix(": ").filter(|p| !p.is_empty())
    {
        let (m, h) = translate_plain(&msg[i..]);
        return (format!("`{path}`: {m}"), h);
    }
    translate_plain(msg)
}

fn translate_plain(msg: &str) -> (String, Option<String>) {
    if let Some(rest) = msg.strip_prefix(VALUE_ERROR_MARK) {
        // A model type's own message, value and help ([`value_error`]); the value stays
        // behind the mark for the caller to take.
        let mut parts = rest.splitn(3, VALUE_ERROR_MARK);
        let (m, v, h) = (parts.next(), parts.next(), parts.next());
        return (
            format!(
                "{}{}{}",
                m.unwrap_or_default(),
                VALUE_ERROR_MARK,
                v.unwrap_or_default()
            ),
            h.map(str::to_string),
        );
    }
    if msg.starts_with("unknown field") {
        let q = quoted(msg);
        let field = q.first().cloned().unwrap_or_default();
        let allowed = q[1.min(q.len())..].join(", ");
        let help = if allowed.is_empty() {
            "Fjern feltet; der hører ingen felter til her.".to_string()
        } else {
            format!("Tjek stavningen (også æ, ø og å). Tilladte felter her: {allowed}.")
        };
        return (format!("ukendt felt `{field}`"), Some(help));
    }
    if msg.starts_with("unknown variant") {
        let q = quoted(msg);
        let v = q.first().cloned().unwrap_or_default();
        let allowed = q[1.min(q.len())..].join(", ");
        return (
            format!("ukendt værdi `{v}`"),
            Some(format!("Vælg en af: {allowed}.")),
        );
    }
    if msg.starts_with("missing field") {
        let f = quoted(msg).first().cloned().unwrap_or_default();
        return (
            format!("feltet `{f}` mangler"),
            Some(format!("Tilføj en linje `{f}: …` her.")),
        );
    }
    if msg.starts_with("duplicate field") {
        let f = quoted(msg).first().cloned().unwrap_or_default();
        return (
            format!("feltet `{f}` står to gange"),
            Some("Slet den ene af de to linjer.".into()),
        );
    }
    for (prefix, what) in [
        ("invalid type: ", "forkert type"),
        ("invalid value: ", "ugyldig værdi"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let mut help = format!("Her skal stå {}.", danish_type(expected));
            if found.starts_with("map") && danish_type(expected) == "tekst" {
                help.push_str(" Står der et kolon i teksten, så sæt hele teksten i anførselstegn, fx \"Møde: tirsdag kl. 10\".");
            }
            return (format!("{what}: fandt {}", danish_type(found)), Some(help));
        }
    }
    // What libyaml and serde_yaml say of a file they cannot read, in Danish. Anything else
    // is a model type's own message, in Danish already.
    match SYNTAX.iter().find(|(english, _)| msg.starts_with(english)) {
        Some((_, said)) => (
            format!("YAML kan ikke læses: {said}"),
            Some("Tjek indrykningen (brug mellemrum, ikke tabulator), at hvert felt har formen `navn: værdi`, og sæt tekst med kolon eller # i anførselstegn.".into()),
        ),
        None => (msg.to_string(), None),
    }
}

/// Every message libyaml (unsafe-libyaml 0.2) and serde_yaml 0.9 give for a file they cannot
/// read, with its Danish; one not here (a later version's) is said in Danish all the same.
const SYNTAX: &[(&str, &str)] = &[
    (
        "block sequence entries are not allowed",
        "en liste (linjer med -) står, hvor der ikke må stå en liste",
    ),
    (
        "control characters are not allowed",
        "filen har et usynligt styretegn, som ikke må stå i tekst",
    ),
    (
        "could not find expected directive name",
        "et direktiv (%) mangler sit navn",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "her mangler et bogstav eller et tal",
    ),
    (
        "did not find expected comment or line break",
        "efter værdien må kun stå en kommentar (#) eller et linjeskift",
    ),
    (
        "did not find expected hexadecimal number",
        "et tegn skrevet med \\x, \\u eller \\U mangler sit tal",
    ),
    (
        "could not find expected ':'",
        "her mangler et kolon efter feltets navn",
    ),
    (
        "did not find URI escaped octet",
        "et mærke (!) har en ugyldig %-kode",
    ),
    (
        "did not find expected '!'",
        "et mærke (!) er ikke afsluttet",
    ),
    (
        "did not find expected ',' or ']'",
        "en liste i [ ] mangler et komma eller sin ]",
    ),
    (
        "did not find expected ',' or '}'",
        "felter i { } mangler et komma eller sin }",
    ),
    (
        "did not find expected '-' indicator",
        "her ventede YAML et nyt punkt i listen (en linje med -) med samme indrykning som punkterne før",
    ),
    (
        "did not find expected <document start>",
        "her ventede YAML --- (et nyt dokument)",
    ),
    (
        "did not find expected <stream-start>",
        "filen kan ikke læses fra begyndelsen",
    ),
    (
        "did not find expected digit or '.' character",
        "versionsnummeret kan ikke læses",
    ),
    (
        "did not find expected tag URI",
        "et mærke (!) mangler sin adresse",
    ),
    (
        "did not find the expected '>'",
        "et mærke (!<…>) mangler sin >",
    ),
    (
        "found an incorrect leading UTF-8 octet",
        "filen har et ugyldigt tegn",
    ),
    (
        "found an incorrect trailing UTF-8 octet",
        "filen har et ugyldigt tegn",
    ),
    (
        "found an indentation indicator equal to 0",
        "en tekstblok (| eller >) har indrykningen 0",
    ),
    ("found duplicate %", "et direktiv (%) står to gange"),
    (
        "found incompatible YAML document",
        "filen er en YAML-udgave, trinvis ikke kan læse",
    ),
    (
        "found invalid Unicode character escape code",
        "et tegn skrevet med \\u eller \\U er ugyldigt",
    ),
    (
        "found unexpected ':'",
        "et kolon står, hvor YAML ikke venter det",
    ),
    (
        "did not find expected key",
        "her ventede YAML et nyt felt (`navn: værdi`) med samme indrykning som felterne før",
    ),
    ("did not find expected node content", "her mangler en værdi"),
    (
        "did not find expected version number",
        "direktivet mangler sit versionsnummer",
    ),
    (
        "did not find expected whitespace",
        "her mangler et mellemrum",
    ),
    (
        "expected low surrogate area",
        "et tegn skrevet med \\u er ugyldigt",
    ),
    (
        "unexpected low surrogate area",
        "et tegn skrevet med \\u er ugyldigt",
    ),
    (
        "found a tab character",
        "en tabulator står, hvor der skal være mellemrum",
    ),
    (
        "found character that cannot start any token",
        "tegnet her kan ikke stå først i en værdi (fx @ eller `)",
    ),
    (
        "found extremely long version number",
        "versionsnummeret er for langt",
    ),
    (
        "found undefined tag handle",
        "et mærke (!) er ikke defineret",
    ),
    (
        "found unexpected document indicator",
        "--- eller ... står midt i en tekst i anførselstegn",
    ),
    (
        "found unexpected end of stream",
        "filen slutter, før teksten er afsluttet",
    ),
    (
        "found unexpected non-alphabetical character",
        "tegnet her må ikke stå i et navn",
    ),
    ("found unknown directive name", "ukendt direktiv (%)"),
    (
        "found unknown escape character",
        "en ukendt kode med \\ i en tekst i dobbelte anførselstegn",
    ),
    ("incomplete UTF", "filen har et ufuldstændigt tegn"),
    ("invalid Unicode character", "filen har et ugyldigt tegn"),
    ("invalid leading UTF-8 octet", "filen har et ugyldigt tegn"),
    (
        "invalid length of a UTF-8 sequence",
        "filen har et ugyldigt tegn",
    ),
    ("invalid trailing UTF-8 octet", "filen har et ugyldigt tegn"),
    ("input error", "filen kan ikke læses"),
    ("input is too long", "filen er for lang"),
    (
        "mapping keys are not allowed",
        "et felt står, hvor der ikke må stå felter",
    ),
    (
        "mapping values are not allowed",
        "et kolon står, hvor YAML ikke venter et felt",
    ),
    ("EOF while parsing", "filen slutter midt i en værdi"),
    (
        "recursion limit exceeded",
        "værdierne er lagt for dybt inden i hinanden",
    ),
    (
        "repetition limit exceeded",
        "filen gentager de samme værdier (ankre) for mange gange",
    ),
    (
        "unknown anchor",
        "et anker (*navn) henviser til et, der ikke findes",
    ),
    ("expected a mapping", "<< kan kun flette felter ind"),
    (
        "unexpected tagged value in merge",
        "<< kan kun flette felter ind",
    ),
    (
        "empty YAML tag is not allowed",
        "et tomt mærke (!) er ikke tilladt",
    ),
    ("failed to parse YAML number", "tallet kan ikke læses"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message of a file libyaml and serde_yaml cannot read comes out in Danish.
    #[test]
    fn yaml_syntax_errors_are_said_in_danish() {
        for (bad, english) in [
            (
                "a: b: c\n",
                "mapping values are not allowed in this context",
            ),
            ("a:\n  - x\n b: y\n", "did not find expected key"),
            ("a: @x\n", "found character that cannot start any token"),
            ("a: \"x\\q\"\n", "found unknown escape character"),
            ("a: *nope\n", "unknown anchor"),
            ("- a\nb: c\n", "did not find expected"),
        ] {
            let e = serde_yaml::from_str::<serde_yaml::Value>(bad)
                .unwrap_err()
                .to_string();
            let problem = e.split(" at line ").next().unwrap_or(&e);
            assert!(
                problem.starts_with(english) || e.contains(english),
                "{bad:?}: {e}"
            );
            let (m, h) = translate_serde_message(problem);
            assert!(m.starts_with("YAML kan ikke læses: "), "{m}");
            assert!(!m.contains(english), "{m}");
            assert!(h.is_some());
        }
        for (english, _) in SYNTAX {
            let (m, _) = translate_serde_message(english);
            assert!(!m.contains(english), "{m}");
        }
    }
}
