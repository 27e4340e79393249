//! Where each key and value of a YAML document sits, by path, so any check can point at
//! file:line:col.

use crate::diagnostics::Pos;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Positions of every key and value in a YAML document, by path (`a.b[2].c`).
#[derive(Debug, Clone, Default)]
pub struct YamlIndex {
    nodes: HashMap<String, (Pos, Pos)>,
}

impl YamlIndex {
    /// Index `text`; `line_offset` lines come before it in the file.
    pub fn build(text: &str, line_offset: usize) -> YamlIndex {
        let mut b = IndexBuilder {
            line_offset,
            stack: Vec::new(),
            nodes: HashMap::new(),
        };
        let mut parser = Parser::new_from_str(text);
        // A syntax error is reported by serde_yaml with its own location; keep what we have.
        let _ = parser.load(&mut b, false);
        YamlIndex { nodes: b.nodes }
    }

    fn lookup(&self, path: &str, key: bool) -> Pos {
        let mut p = path;
        loop {
            if let Some((k, v)) = self.nodes.get(p) {
                return if key { *k } else { *v };
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.nodes.get("").map(|n| n.1).unwrap_or(Pos::START),
            }
        }
    }

    pub fn value(&self, path: &str) -> Pos {
        self.lookup(path, false)
    }

    pub fn key(&self, path: &str) -> Pos {
        self.lookup(path, true)
    }
}

/// Where a key stands the first and the second time in one mapping: the mapping whose first
/// key is at `mapping` (where serde_yaml reports a duplicate field), else the first mapping
/// that has the key twice. `line_offset` lines come before `text` in the file.
pub fn duplicate_key(
    text: &str,
    line_offset: usize,
    key: &str,
    mapping: Pos,
) -> Option<(Pos, Pos)> {
    /// An open mapping: its first key's position, whether a key comes next, the keys seen.
    struct Mapping {
        first: Option<Pos>,
        expect_key: bool,
        keys: Vec<(String, Pos)>,
    }
    struct Dups<'k> {
        line_offset: usize,
        key: &'k str,
        /// The open collections, None for a sequence.
        stack: Vec<Option<Mapping>>,
        found: Vec<(Option<Pos>, Pos, Pos)>,
    }
    impl MarkedEventReceiver for Dups<'_> {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            let pos = Pos {
                line: mark.line() + self.line_offset,
                col: mark.col() + 1,
            };
            // A node in a mapping: a key, or the value after one.
            let mut is_key = false;
            let node = matches!(
                ev,
                Event::Scalar(..)
                    | Event::Alias(_)
                    | Event::MappingStart(..)
                    | Event::SequenceStart(..)
            );
            if let Some(Some(m)) = self.stack.last_mut()
                && node
            {
                is_key = m.expect_key;
                m.expect_key = !m.expect_key;
                if is_key && m.first.is_none() {
                    m.first = Some(pos);
                }
            }
            match ev {
                Event::Scalar(value, ..) if is_key => {
                    if let Some(Some(m)) = self.stack.last_mut() {
                        if value == self.key
                            && let Some((_, earlier)) = m.keys.iter().find(|(k, _)| *k == value)
                        {
                            self.found.push((m.first, *earlier, pos));
                        }
                        m.keys.push((value, pos));
                    }
                }
                Event::MappingStart(..) => self.stack.push(Some(Mapping {
                    first: None,
                    expect_key: true,
                    keys: Vec::new(),
                })),
                Event::SequenceStart(..) => self.stack.push(None),
                Event::MappingEnd | Event::SequenceEnd => {
                    self.stack.pop();
                }
                _ => {}
            }
        }
    }
    let mut d = Dups {
        line_offset,
        key,
        stack: Vec::new(),
        found: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    let _ = parser.load(&mut d, false);
    d.found
        .iter()
        .find(|(first, ..)| *first == Some(mapping))
        .or(d.found.first())
        .map(|&(_, earlier, at)| (earlier, at))
}

enum Frame {
    /// `first`: no key seen yet; the first key's position becomes the mapping's position
    /// (the parser's mark for a block mapping's start is not where a reader looks).
    Map {
        path: String,
        key: Option<(String, Pos)>,
        first: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

struct IndexBuilder {
    line_offset: usize,
    stack: Vec<Frame>,
    nodes: HashMap<String, (Pos, Pos)>,
}

impl IndexBuilder {
    fn pos(&self, m: &Marker) -> Pos {
        // yaml-rust2 markers: 1-based line, 0-based column.
        Pos {
            line: m.line() + self.line_offset,
            col: m.col() + 1,
        }
    }

    /// Called for each node start; returns the node's path, or None when the node is a key.
    fn node(&mut self, scalar: Option<&str>, pos: Pos) -> Option<String> {
        match self.stack.last_mut() {
            None => {
                self.nodes.insert(String::new(), (pos, pos));
                Some(String::new())
            }
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                self.nodes.insert(p.clone(), (pos, pos));
                Some(p)
            }
            Some(Frame::Map { path, key, first }) => match key.take() {
                None => {
                    *key = Some((scalar.unwrap_or("?").to_string(), pos));
                    if std::mem::take(first)
                        && let Some(n) = self.nodes.get_mut(path.as_str())
                    {
                        n.1 = pos;
                    }
                    None
                }
                Some((k, kpos)) => {
                    let p = if path.is_empty() {
                        k
                    } else {
                        format!("{path}.{k}")
                    };
                    self.nodes.insert(p.clone(), (kpos, pos));
                    Some(p)
                }
            },
        }
    }
}

impl MarkedEventReceiver for IndexBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = self.pos(&mark);
        match ev {
            Event::Scalar(value, ..) => {
                self.node(Some(&value), pos);
            }
            Event::Alias(_) => {
                self.node(Some("*"), pos);
            }
            Event::MappingStart(..) => {
                let path = self.node(None, pos).unwrap_or_else(|| "?".into());
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    first: true,
                });
            }
            Event::SequenceStart(..) => {
                let path = self.node(None, pos).unwrap_or_else(|| "?".into());
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}
