//! Source files: their text, where the YAML part and the Markdown body sit, and how to turn
//! byte offsets, YAML paths and serde errors into file:line:col diagnostics. The Danish
//! wording of serde's messages lives in `serde_da`, the YAML position index in `yaml_index`.

pub mod edit;
pub mod lengths;
mod serde_da;
mod yaml_index;

pub use serde_da::{VALUE_ERROR_MARK, translate_serde_message, value_error};
pub use yaml_index::YamlIndex;

use crate::diagnostics::{Diagnostic, Pos};
use serde_da::{DATA_ERRORS, quoted};
use std::ops::Range;

/// The largest text file trinvis reads (a plan, a chapter, a theme's strings): far above any
/// real one, low enough that reading it stays quick and small.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// How deep YAML may nest: indentation in columns (a leading `- ` counts as two) and
/// brackets `[ {` open at once. Real files stay under 20 and 3.
pub const MAX_INDENT: usize = 120;
pub const MAX_BRACKETS: usize = 32;

/// Where a YAML text nests deeper than trinvis reads (checked in one pass before parsing,
/// so time and memory stay linear in the file): the line and what is too deep.
pub fn too_deep(text: &str) -> Option<(usize, String)> {
    let mut brackets = 0usize;
    let mut quote: Option<char> = None;
    for (i, line) in text.lines().enumerate() {
        let mut indent = 0;
        let mut rest = line;
        loop {
            if let Some(r) = rest.strip_prefix(' ') {
                indent += 1;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("- ") {
                indent += 2;
                rest = r;
            } else {
                break;
            }
        }
        if indent > MAX_INDENT && quote.is_none() {
            return Some((
                i + 1,
                format!("rykket {indent} tegn ind; højst {MAX_INDENT}"),
            ));
        }
        // A quote opens a quoted scalar only where a value starts (an apostrophe inside
        // plain text does not).
        let mut value_start = true;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if value_start => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => brackets += 1,
                (None, ']' | '}') => brackets = brackets.saturating_sub(1),
                _ => {}
            }
            if quote.is_none() && !c.is_whitespace() {
                value_start = matches!(c, ':' | '-' | '[' | '{' | ',');
            }
            if brackets > MAX_BRACKETS {
                return Some((
                    i + 1,
                    format!("over {MAX_BRACKETS} [ eller {{ inden i hinanden"),
                ));
            }
        }
    }
    None
}

/// An error when a YAML file (or a Markdown file's front matter) is larger or nests deeper
/// than trinvis reads; checked before any parsing.
pub fn limits(rel: &str, text: &str) -> Option<Diagnostic> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Some(too_big(rel, text.len() as u64));
    }
    let (line, what) = too_deep(yaml_part(rel, text))?;
    Some(
        Diagnostic::error(rel, Pos { line, col: 1 }, "YAML'en er indlejret for dybt")
            .value(what)
            .help("Tjek indrykningen og parenteserne på linjen. En familieplan behøver kun få niveauer."),
    )
}

/// The error for a file over [`MAX_FILE_BYTES`].
pub fn too_big(rel: &str, size: u64) -> Diagnostic {
    Diagnostic::error(rel, Pos::START, "filen er for stor til at blive læst")
        .value(
            format!("{:.1} MB; højst {} MB", size as f64 / 1_048_576.0, MAX_FILE_BYTES / 1_048_576)
                .replace('.', ","),
        )
        .help("Tjek, at det er den rigtige fil. En plan eller et kapitel fylder normalt under 100 kB; del meget lange kapitler op.")
}

/// The front matter of a Markdown file (between its first two `---` lines), or all of a
/// YAML file: the part [`too_deep`] looks at.
pub fn yaml_part<'a>(rel: &str, text: &'a str) -> &'a str {
    if !rel.ends_with(".md") {
        return text;
    }
    let Some(rest) = text.strip_prefix("---") else {
        return "";
    };
    match rest.find("\n---") {
        Some(end) => &rest[..end],
        None => rest,
    }
}

/// One file read from the content tree.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the site root, with forward slashes (for messages).
    pub rel: String,
    pub text: String,
    /// Byte range of the YAML part: the whole file for .yaml, the front matter for .md.
    pub yaml: Range<usize>,
    /// Byte range of the Markdown body (empty for .yaml files).
    pub body: Range<usize>,
    /// Where each YAML node sits: built the first time a message needs a position, since
    /// a file without mistakes never does.
    index: std::sync::OnceLock<YamlIndex>,
}

impl Source {
    /// A YAML file: all of it is YAML.
    pub fn yaml(rel: impl Into<String>, text: String) -> Source {
        let text = strip_bom(text);
        let len = text.len();
        Source {
            rel: rel.into(),
            text,
            yaml: 0..len,
            body: len..len,
            index: Default::default(),
        }
    }

    /// A Markdown file with YAML front matter between `---` lines.
    /// Returns the diagnostic when the front matter is missing or not closed.
    pub fn markdown(rel: impl Into<String>, text: String) -> Result<Source, Diagnostic> {
        let rel = rel.into();
        let text = strip_bom(text);
        let first_line_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
        if text[..first_line_end].trim_end() != "---" {
            return Err(Diagnostic::error(&rel, Pos::START, "filen mangler front matter")
                .snippet(text.lines().next())
                .help("Start filen med en linje med tre bindestreger (---), skriv felterne, og afslut med endnu en linje med ---."));
        }
        let mut offset = first_line_end;
        let mut close = None;
        for line in text[first_line_end..].split_inclusive('\n') {
            if line.trim_end() == "---" {
                close = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let Some((yaml_end, body_start)) = close else {
            return Err(Diagnostic::error(&rel, Pos::START, "front matter bliver ikke afsluttet")
                .snippet(text.lines().next())
                .help("Tilføj en linje med tre bindestreger (---) efter det sidste felt, før den almindelige tekst."));
        };
        let len = text.len();
        Ok(Source {
            rel,
            text,
            yaml: first_line_end..yaml_end,
            body: body_start..len,
            index: Default::default(),
        })
    }

    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml.clone()]
    }

    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// Lines before the YAML part (1 for front matter).
    fn yaml_line_offset(&self) -> usize {
        self.text[..self.yaml.start].matches('\n').count()
    }

    /// Line and column (1-based, in characters) of a byte offset in the whole file.
    pub fn pos_of(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        Pos {
            line: before.matches('\n').count() + 1,
            col: before[line_start..].chars().count() + 1,
        }
    }

    /// The text of a 1-based line.
    pub fn line(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }

    pub fn error_at(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.rel, pos, message).snippet(self.line(pos.line))
    }

    pub fn warning_at(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.rel, pos, message).snippet(self.line(pos.line))
    }

    /// Position of the value at a YAML path such as `mål[0].delmål[1].frist`, or of its
    /// nearest existing parent.
    pub fn at(&self, path: &str) -> Pos {
        self.index().value(path)
    }

    fn index(&self) -> &YamlIndex {
        self.index
            .get_or_init(|| YamlIndex::build(self.yaml_text(), self.yaml_line_offset()))
    }

    /// The YAML part walked once ([`lengths::walk`]): its scalars as read, and an error for
    /// every value longer than its field allows.
    pub fn walk(&self) -> lengths::Walked {
        lengths::walk(&self.rel, self.yaml_text(), self.yaml_line_offset(), &|l| {
            self.line(l).map(str::to_string)
        })
    }

    /// Position of the key at a YAML path (falls back like [`Source::at`]).
    pub fn key_at(&self, path: &str) -> Pos {
        self.index().key(path)
    }

    /// Deserialize the YAML part, turning serde errors into located, translated diagnostics.
    /// Every unknown field is reported, not just the first: each one is blanked out (with its nested lines) and parsing goes on, so a typo does not hide the
    /// errors after it. Other errors stop parsing. The value is returned when, apart from
    /// unknown fields, the file is correct, so later checks can still run on it.
    pub fn parse_all<T: serde::de::DeserializeOwned>(&self) -> (Option<T>, Vec<Diagnostic>) {
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut unknown_fields: Vec<String> = Vec::new();
        let offset = self.yaml_line_offset();
        let mut text = self.indentation(offset, &mut errors);
        // Whether the text was changed to read on (a field blanked, a value stood in for).
        let mut changed = false;
        // A wrong value was stood in for: the result is not the author's, so it is not kept.
        let mut stood_in = false;
        let mut last_stand_in: Option<Pos> = None;
        loop {
            let input = if text.trim().is_empty() { "{}" } else { &*text };
            match serde_yaml::from_str::<T>(input) {
                Ok(v) => return ((!stood_in).then_some(v), errors),
                Err(e) => {
                    let raw = e.to_string();
                    if changed && !DATA_ERRORS.iter().any(|p| raw.contains(p)) {
                        // Our own change broke the YAML itself (a one-line `{…}` mapping):
                        // that error is ours, not the author's.
                        return (None, errors);
                    }
                    let q = quoted(&raw);
                    if raw.contains("missing field") {
                        // A misspelt field shows up twice: unknown, then missing. Say it once.
                        let missing = q.first().cloned().unwrap_or_default();
                        if unknown_fields.iter().any(|u| similar(u, &missing)) {
                            return (None, errors);
                        }
                    }
                    let mut d = self.serde_error(&e);
                    if last_stand_in == Some(d.pos) {
                        // The stand-in itself did not fit: stop rather than report it.
                        return (None, errors);
                    }
                    let unknown = raw.contains("unknown field");
                    if unknown && let Some(field) = q.first() {
                        if let Some(best) = q[1..].iter().find(|c| similar(field, c)) {
                            d.help =
                                Some(format!("Mente du `{best}`? {}", d.help.unwrap_or_default()));
                        }
                        unknown_fields.push(field.clone());
                    }
                    let (line, col) = (d.pos.line.saturating_sub(offset), d.pos.col);
                    let read_on = errors.len() < 50
                        && if unknown {
                            blank_node(text.to_mut(), line, col)
                        } else {
                            // A wrong value: put a harmless value of the right kind in its
                            // place and read on, so every such mistake of the file is
                            // reported in one run.
                            match stand_in(&raw, &q) {
                                Some(v) if blank_node(text.to_mut(), line, col) => {
                                    insert_at(text.to_mut(), line, col, &v);
                                    stood_in = true;
                                    last_stand_in = Some(d.pos);
                                    true
                                }
                                _ => false,
                            }
                        };
                    errors.push(d);
                    if !read_on {
                        return (None, errors);
                    }
                    changed = true;
                }
            }
        }
    }

    /// The YAML part with hard spaces and tabs in the indentation (pasted from Word, say)
    /// turned into spaces, each reported where it stands, so the rest of the file can still
    /// be read and checked.
    /// Borrowed when there is nothing to turn (nearly always): no copy of the file is made.
    fn indentation(
        &self,
        offset: usize,
        errors: &mut Vec<Diagnostic>,
    ) -> std::borrow::Cow<'_, str> {
        if !self.yaml_text().contains(['\t', '\u{a0}']) {
            return self.yaml_text().into();
        }
        let mut out = String::with_capacity(self.yaml.len());
        for (i, line) in self.yaml_text().split_inclusive('\n').enumerate() {
            let indent: String = line
                .chars()
                .take_while(|c| matches!(c, ' ' | '\u{a0}' | '\t'))
                .collect();
            if let Some((col, c)) = indent.chars().enumerate().find(|(_, c)| *c != ' ') {
                let (name, code) = if c == '\t' {
                    ("en tabulator", "U+0009")
                } else {
                    ("et hårdt mellemrum", "U+00A0")
                };
                errors.push(
                    self.error_at(
                        Pos { line: i + 1 + offset, col: col + 1 },
                        format!("linjen er rykket ind med {name}, som YAML ikke kan læse"),
                    )
                    .value(code)
                    .help("Slet tegnene foran teksten på linjen, og ryk ind med almindelige mellemrum. Hårde mellemrum og tabulatorer kommer ofte med, når tekst kopieres fra Word eller en mail."),
                );
                out.push_str(&" ".repeat(indent.chars().count()));
                out.push_str(&line[indent.len()..]);
            } else {
                out.push_str(line);
            }
        }
        out.into()
    }

    fn serde_error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let pos = match e.location() {
            Some(l) => Pos {
                line: l.line() + self.yaml_line_offset(),
                col: l.column(),
            },
            None => Pos {
                line: self.yaml_line_offset() + 1,
                col: 1,
            },
        };
        let raw = e.to_string();
        // A quote that is never closed: libyaml notices at the end of the file and names where
        // the quoted text began; point there.
        if let Some(ctx) = raw
            .split(", while scanning a quoted scalar at line ")
            .nth(1)
            && let Some((l, c)) = ctx.split_once(" column ")
            && let (Ok(l), Ok(c)) = (l.trim().parse::<usize>(), c.trim().parse::<usize>())
        {
            let pos = Pos {
                line: l + self.yaml_line_offset(),
                col: c,
            };
            return self
                .error_at(pos, "anførselstegnet her bliver aldrig lukket")
                .help("Sæt det afsluttende anførselstegn (samme slags, \" eller ') sidst i teksten. Resten af filen bliver ellers læst som en del af teksten.");
        }
        let msg = match raw.find(" at line ") {
            Some(i) => raw[..i].to_string(),
            None => raw,
        };
        // serde_yaml names the mapping a field stands in twice; the second one is the one
        // to look at.
        let twice = msg
            .split_once("duplicate field `")
            .and_then(|(_, k)| k.split('`').next())
            .and_then(|k| {
                yaml_index::duplicate_key(self.yaml_text(), self.yaml_line_offset(), k, pos)
            });
        if let Some((first, second)) = twice {
            let (message, _) = translate_serde_message(&msg);
            return self.error_at(second, message).help(format!(
                "Feltet står også på linje {}. Saml det, der skal stå, under det ene af dem, og slet det andet.",
                first.line
            ));
        }
        let (message, help) = translate_serde_message(&msg);
        let mut d = match message.split_once(VALUE_ERROR_MARK) {
            Some((m, value)) => self.error_at(pos, m).value(value),
            None => self.error_at(pos, message),
        };
        if let Some(h) = help {
            d = d.help(h);
        }
        d
    }
}

/// A value of the kind a serde error says was expected, to stand in for a wrong one; None
/// where the message does not say (a missing or duplicate field, YAML syntax).
fn stand_in(raw: &str, quoted: &[String]) -> Option<String> {
    if raw.contains("missing field") || raw.contains("duplicate field") {
        return None;
    }
    if raw.contains("unknown variant") {
        return quoted.get(1).cloned();
    }
    if raw.contains("ugyldig dato") {
        return Some("2000-01-01".into());
    }
    if raw.contains(VALUE_ERROR_MARK) {
        // A model type's own refusal (trin 1–7): a small whole number fits.
        return Some("1".into());
    }
    let expected = raw.split(", expected ").nth(1)?;
    let v = if expected.contains("string") || expected.contains("en dato") {
        "x"
    } else if expected.contains("integer")
        || ["i64", "u32", "i32", "u8", "u16", "u64", "usize"]
            .iter()
            .any(|t| expected.starts_with(t))
    {
        "1"
    } else if expected.contains("bool") {
        "false"
    } else if expected.contains("sequence") {
        "[]"
    } else if expected.contains("map") || expected.contains("struct") {
        "{}"
    } else {
        return None;
    };
    Some(v.into())
}

/// Insert `value` at (1-based) `line` and character column `col`.
fn insert_at(text: &mut String, line: usize, col: usize, value: &str) {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let at = l
                .char_indices()
                .nth(col.saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(l.len());
            text.insert_str(offset + at, value);
            return;
        }
        offset += l.len();
    }
}

/// Two field names that differ by at most two edits (a typo, a missing æ/ø/å).
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

/// Replace the YAML node whose key starts at (1-based) `line`/`col` with spaces: the rest of
/// that line and every following line indented deeper than the key (its children). Line
/// and column positions of everything else stay the same. Returns false if nothing changed.
fn blank_node(text: &mut String, line: usize, col: usize) -> bool {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut in_node = false;
    let key_indent = col.saturating_sub(1);
    for (i, l) in text.split_inclusive('\n').enumerate() {
        let content = l.trim_end_matches(['\n', '\r']);
        let ending = &l[content.len()..];
        let indent = content.chars().take_while(|c| *c == ' ').count();
        if i + 1 == line {
            let keep: String = content.chars().take(key_indent).collect();
            let rest = content.chars().count().saturating_sub(key_indent);
            out.push_str(&keep);
            out.push_str(&" ".repeat(rest));
            changed = rest > 0;
            in_node = true;
        } else if in_node && (content.trim().is_empty() || indent > key_indent) {
            out.push_str(&" ".repeat(content.chars().count()));
        } else {
            in_node = false;
            out.push_str(content);
        }
        out.push_str(ending);
    }
    *text = out;
    changed
}

fn strip_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_limits() {
        assert_eq!(too_deep("a:\n  b:\n    - c\n"), None);
        assert_eq!(too_deep("tekst: Sanne's [job] {x}\n"), None);
        let deep = format!("a: {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(too_deep(&deep).map(|d| d.0), Some(1));
        let dashes = format!("{}x\n", "- ".repeat(70));
        assert_eq!(too_deep(&dashes).map(|d| d.0), Some(1));
        // A quoted bracket does not count; an apostrophe in plain text opens no quote.
        assert_eq!(too_deep(&format!("a: \"{}\"\n", "[".repeat(40))), None);
        assert!(too_deep(&format!("a: it's\nb: {}\n", "[".repeat(40))).is_some());
        assert_eq!(yaml_part("p.md", "---\na: 1\n---\n[[[[\n"), "\na: 1");
    }

    const DOC: &str =
        "navn: Holm\nmedlemmer:\n  - id: mor\n    fødselsår: 1988\n  - id: far\ntrin: 9\n";

    #[test]
    fn index_finds_nested_values() {
        let s = Source::yaml("f.yaml", DOC.to_string());
        assert_eq!(s.at("trin"), Pos { line: 6, col: 7 });
        assert_eq!(s.key_at("trin"), Pos { line: 6, col: 1 });
        assert_eq!(s.at("medlemmer[1].id"), Pos { line: 5, col: 9 });
        assert_eq!(s.at("medlemmer[0].fødselsår"), Pos { line: 4, col: 16 });
        // Missing paths fall back to the nearest parent.
        assert_eq!(s.at("medlemmer[1].navn"), s.at("medlemmer[1]"));
    }

    #[test]
    fn front_matter_lines_are_offset() {
        let s =
            Source::markdown("p.md", "---\ntitel: Hej\nvægt: 2\n---\n# Tekst\n".into()).unwrap();
        assert_eq!(s.at("vægt"), Pos { line: 3, col: 7 });
        assert_eq!(s.body_text(), "# Tekst\n");
        assert_eq!(s.pos_of(s.body.start), Pos { line: 5, col: 1 });
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        let e = Source::markdown("p.md", "# Ingen\n".into()).unwrap_err();
        assert!(e.message.contains("front matter"));
        let e = Source::markdown("p.md", "---\ntitel: x\n".into()).unwrap_err();
        assert!(e.message.contains("afsluttet"));
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        navn: String,
        trin: u8,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        navn: String,
        liste: Vec<T>,
    }

    #[test]
    fn parse_all_reports_every_unknown_field_and_keeps_the_value() {
        let text = "navn: x\nfarve: blå\nliste:\n  - navn: a\n    trinn: 1\n    trin: 2\n  - ekstra:\n      dybt: 1\n    navn: b\n    trin: 3\n";
        let s = Source::yaml("f.yaml", text.into());
        let (v, errs) = s.parse_all::<Outer>();
        let found: Vec<(String, usize)> = errs
            .iter()
            .map(|e| (e.message.clone(), e.pos.line))
            .collect();
        assert_eq!(
            found,
            vec![
                ("ukendt felt `farve`".to_string(), 2),
                ("`liste[0]`: ukendt felt `trinn`".to_string(), 5),
                ("`liste[1]`: ukendt felt `ekstra`".to_string(), 7),
            ]
        );
        let v = v.expect("the rest of the file is valid");
        assert_eq!(v.liste[1].trin, 3);
    }

    #[test]
    fn parse_all_does_not_report_what_its_blanking_broke() {
        let s = Source::yaml(
            "f.yaml",
            "navn: x\nliste: [{navn: a, farve: rød, trin: 1}]\n".into(),
        );
        let (v, errs) = s.parse_all::<Outer>();
        assert!(v.is_none());
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(errs[0].message.contains("ukendt felt `farve`"));
    }

    #[test]
    fn parse_all_stops_at_other_errors() {
        let s = Source::yaml("f.yaml", "navn: x\nfoo: 1\nliste: 3\n".into());
        let (v, errs) = s.parse_all::<Outer>();
        assert!(v.is_none());
        assert_eq!(errs.len(), 2);
        assert!(
            errs[1].message.contains("forkert type"),
            "{}",
            errs[1].message
        );
    }

    #[test]
    fn serde_errors_are_located_and_translated() {
        let s = Source::markdown("p.md", "---\nnavn: x\ntrinn: 3\n---\n".into()).unwrap();
        let e = s.parse_all::<T>().1.remove(0);
        assert_eq!(e.message, "ukendt felt `trinn`");
        assert_eq!(e.pos.line, 3);
        assert!(e.help.unwrap().contains("navn, trin"));

        let s = Source::yaml("f.yaml", "navn: x\ntrin: tre\n".into());
        let e = s.parse_all::<T>().1.remove(0);
        assert_eq!((e.pos.line, e.pos.col), (2, 7));
        assert_eq!(e.message, "`trin`: forkert type: fandt teksten \"tre\"");
        assert!(e.help.unwrap().contains("helt tal"));
    }
}
