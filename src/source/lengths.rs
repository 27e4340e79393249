//! How long a value may be, field by field: a name or a code fits on a line, a title or a
//! sentence in a few lines, a note on a page. A value longer than its field's limit is an
//! error where it is written (a family name of 10,000 letters is a mistake, and every page,
//! chart and PDF it stands on would carry it). Markdown bodies have no limit but the file's.
//!
//! And how many items a list that is drawn as one picture may have ([`items`]): the steps of
//! a goal, the people of a network, the events of a journey. Within these and the file-size
//! limit, no file makes a build take much memory (README, *Safety and limits*).

use crate::diagnostics::{Diagnostic, Pos};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Names, roles, ids and codes.
pub const NAME: usize = 100;
/// Titles, and sentences: a goal, a step, an agreement, a dream.
pub const SENTENCE: usize = 500;
/// Anything else: a note, a characterisation, an explanation.
pub const NOTE: usize = 5_000;

/// The limit of a field, by its key (for a list of texts, the list's key).
pub fn limit(key: &str) -> usize {
    match key {
        "navn" | "rolle" | "relation" | "id" | "jobkonsulent" | "familiebehandler" | "kontakt"
        | "træffes" | "hvem" | "ansvarlig" | "tolk" | "sprog" | "status" | "spor" | "område"
        | "kapabilitet" | "forvaltning" | "beslutning" | "del" | "ord" | "også" | "deltagere"
        | "type" | "tid" | "sted" | "beskæftigelse" | "alder" | "kapitler" | "kapitel"
        | "emblem" | "tema" | "team" | "lang_code" | "lang_name" | "lang_dir" => NAME,
        "titel" | "overskrift" | "resumé" | "indsats" | "formål" | "hjælper_med"
        | "kan_hjælpe_med" | "tekst" | "hvad" | "hvorfor" | "opnået" | "fokus" | "hændelser"
        | "går_godt" | "bekymrer" | "skal_til" => SENTENCE,
        _ => NOTE,
    }
}

/// The most items a list may have, by its key: those drawn as one picture.
pub fn items(key: &str) -> Option<usize> {
    match key {
        "delmål" => Some(100),
        "netværk" => Some(200),
        "forløb" => Some(1_000),
        "før" | "hændelser" => Some(100),
        "medlemmer" => Some(50),
        _ => None,
    }
}

/// A YAML part walked once: every scalar (keys too) with where it starts, for the checks of
/// its values as read; and an error for every value longer than its field allows and every
/// list with more items than it may have.
pub struct Walked {
    pub scalars: Vec<(Pos, String)>,
    pub errors: Vec<Diagnostic>,
}

/// Walk `yaml` (the YAML part of the file `rel`, after `line_offset` lines).
pub fn walk(
    rel: &str,
    yaml: &str,
    line_offset: usize,
    line: &dyn Fn(usize) -> Option<String>,
) -> Walked {
    let mut w = Walk {
        line_offset,
        stack: Vec::new(),
        found: Vec::new(),
        too_many: None,
        lists: Vec::new(),
        scalars: Vec::new(),
    };
    let mut parser = Parser::new_from_str(yaml);
    // A syntax error is reported by the reading of the file.
    let _ = parser.load(&mut w, false);
    let scalars = std::mem::take(&mut w.scalars);
    Walked {
        scalars,
        errors: errors(rel, w, line),
    }
}

fn errors(rel: &str, w: Walk, line: &dyn Fn(usize) -> Option<String>) -> Vec<Diagnostic> {
    let lists = w.lists.into_iter().map(|(pos, key, max)| {
        Diagnostic::error(
            rel,
            pos,
            format!("`{key}` har mere end {max}; der er plads til {max}"),
        )
        .snippet(line(pos.line).as_deref())
        .help(format!(
            "Listen bliver tegnet som ét billede, og mere end {max} kan ikke læses i det. Saml nogle af dem, del dem op (fx et mål i flere mål), eller flyt de ældste til noterne."
        ))
    });
    w.found
        .into_iter()
        .map(|(pos, key, n)| {
            let max = limit(&key);
            let what = match max {
                NAME => "et navn eller en kort betegnelse",
                SENTENCE => "en titel eller en sætning",
                _ => "en note",
            };
            Diagnostic::error(
                rel,
                pos,
                format!("`{key}` er {n} tegn lang; der er plads til {max} tegn i {what}"),
            )
            .snippet(
                line(pos.line)
                    .map(|l| {
                        // The line as far as the caret and a little after: not 10,000 letters.
                        let cut: String = l.chars().take(pos.col + 60).collect();
                        if cut.len() < l.len() {
                            format!("{cut} …")
                        } else {
                            cut
                        }
                    })
                    .as_deref(),
            )
            .help(if max == NAME {
                "Skriv navnet kort, fx et pseudonym som «Familien Holm». Står der en hel tekst, hører den til i et andet felt eller i planens noter.".to_string()
            } else {
                "Skriv det kortere, eller del det op. Længere tekst hører til i noterne: den almindelige tekst under front matter.".to_string()
            })
        })
        .chain(lists)
        .collect()
}

/// Where the walk is: in a mapping (the key of the value that comes next, if a key was read)
/// or in a list (the key it stands under).
enum Frame {
    Map { key: Option<String> },
    List { key: String, count: usize },
}

struct Walk {
    line_offset: usize,
    stack: Vec<Frame>,
    /// (where, key, characters) of every value too long.
    found: Vec<(Pos, String, usize)>,
    /// A list just got one item more than it may have: its key and its limit.
    too_many: Option<(String, usize)>,
    /// (where, key, limit) of the first item too many of every list.
    lists: Vec<(Pos, String, usize)>,
    /// Every scalar, keys too, and where it starts.
    scalars: Vec<(Pos, String)>,
}

impl Walk {
    /// The key a node starting now stands under, and whether it is a key itself.
    fn place(&mut self) -> (Option<String>, bool) {
        match self.stack.last_mut() {
            Some(Frame::Map { key }) => match key.take() {
                Some(k) => (Some(k), false),
                None => (None, true),
            },
            Some(Frame::List { key, count }) => {
                *count += 1;
                if let Some(max) = items(key).filter(|m| *count == m + 1) {
                    self.too_many = Some((key.clone(), max));
                }
                (Some(key.clone()), false)
            }
            None => (None, false),
        }
    }
}

impl MarkedEventReceiver for Walk {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = Pos {
            line: mark.line() + self.line_offset,
            col: mark.col() + 1,
        };
        // Where an item starts is where its first scalar is (a block mapping's own mark is
        // after its first key).
        let scalar = matches!(ev, Event::Scalar(..) | Event::Alias(_));
        self.on(ev, pos);
        if scalar && let Some((key, max)) = self.too_many.take() {
            self.lists.push((pos, key, max));
        }
    }
}

impl Walk {
    fn on(&mut self, ev: Event, pos: Pos) {
        match ev {
            Event::Scalar(value, ..) => {
                let (under, is_key) = self.place();
                if is_key {
                    if let Some(Frame::Map { key }) = self.stack.last_mut() {
                        *key = Some(value.clone());
                    }
                } else {
                    let key = under.unwrap_or_default();
                    let n = value.chars().count();
                    if n > limit(&key) {
                        self.found.push((pos, key, n));
                    }
                }
                self.scalars.push((pos, value));
            }
            Event::MappingStart(..) => {
                self.place();
                self.stack.push(Frame::Map { key: None });
            }
            Event::SequenceStart(..) => {
                let (under, _) = self.place();
                self.stack.push(Frame::List {
                    key: under.unwrap_or_default(),
                    count: 0,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                self.place();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<(usize, usize, String)> {
        walk("f.yaml", yaml, 0, &|_| None)
            .errors
            .into_iter()
            .map(|d| (d.pos.line, d.pos.col, d.message))
            .collect()
    }

    #[test]
    fn each_field_has_its_limit() {
        let long_name = "a".repeat(NAME + 1);
        let long_title = "b ".repeat(SENTENCE);
        let yaml = format!(
            "navn: {long_name}\nmedlemmer:\n  - id: mor\n    navn: Anna\n    rolle: {long_name}\nmål:\n  - titel: {long_title}\n    delmål:\n      - tekst: kort\nopnået:\n  - {long_title}\n  - kort\nnotat: {long_title}\n"
        );
        let f = found(&yaml);
        let places: Vec<(usize, usize)> = f.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(places, [(1, 7), (5, 12), (7, 12), (11, 5)], "{f:?}");
        assert!(
            f[0].2
                .contains("`navn` er 101 tegn lang; der er plads til 100"),
            "{f:?}"
        );
        assert!(f[3].2.contains("`opnået`"), "{f:?}");
    }

    #[test]
    fn lists_drawn_as_one_picture_have_a_limit() {
        let mut yaml = String::from("mål:\n  - titel: Et mål\n    delmål:\n");
        for i in 0..102 {
            yaml.push_str(&format!(
                "      - tekst: Skridt {i}\n        frist: 2026-01-01\n"
            ));
        }
        let f = found(&yaml);
        assert_eq!(f.len(), 1, "{f:?}");
        // The 101st step.
        assert_eq!((f[0].0, f[0].1), (4 + 2 * 100, 9), "{f:?}");
        assert!(f[0].2.contains("`delmål` har mere end 100"), "{f:?}");
        yaml.truncate(yaml.find("      - tekst: Skridt 100").unwrap());
        assert!(found(&yaml).is_empty());
    }
}
