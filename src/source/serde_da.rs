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
    if msg.contains("did not find expected")
        || msg.contains("mapping values are not allowed")
        || msg.contains("found character")
    {
        return (
            format!("YAML kan ikke læses: {msg}"),
            Some("Tjek indrykningen (brug mellemrum, ikke tabulator), at hvert felt har formen `navn: værdi`, og sæt tekst med kolon i anførselstegn.".into()),
        );
    }
    (msg.to_string(), None)
}
