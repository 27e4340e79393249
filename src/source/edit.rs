//! Lossless edits of a YAML text (a `.yaml` file, or a Markdown file's front matter): a value
//! set, an item added to a list. Only the bytes of what changes are touched; comments, blank
//! lines, key order, quoting and line endings elsewhere stay as they were.
//!
//! Built on the same parser as the position index (yaml-rust2), not on a lossless YAML crate:
//! the edits the workbench makes are few (a scalar replaced, a mapping key or a list item
//! added, a missing list or mapping created), trinvis's files are block YAML, and yaml-edit
//! (the one maintained lossless crate) would bring a second YAML parser with rowan and its
//! own idea of what a document is. Every edit is checked afterwards: the edited text is read
//! again with serde_yaml and must equal the old text's value with the edit made to it, or the
//! edit is refused and nothing is written.

use serde_yaml::Value;
use std::ops::Range;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One change to a YAML document, at a path like `mål[1].delmål[0].status`.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Set a value (its mappings on the way are made where missing).
    Set(String, Value),
    /// Add an item at the end of a list (made where missing).
    Push(String, Value),
    /// Take a field out of its mapping, with its lines.
    Remove(String),
    /// Swap a list's item with the one after it (`path` is the first of the two).
    SwapNext(String),
}

/// A step of a path: a mapping's key or a list's index.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(r) = rest.strip_prefix('[') {
                let Some(end) = r.find(']') else { break };
                if let Ok(n) = r[..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &r[end + 1..];
            }
        } else {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}

fn path_string(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Apply `ops` in order to the YAML part `yaml` of `text`; the whole text, edited. Why not,
/// in Danish, when the document cannot be edited losslessly (a list written on one line, a
/// value that is not where the path says).
pub fn apply(text: &str, yaml: Range<usize>, ops: &[Op]) -> Result<String, String> {
    let (head, part, tail) = (&text[..yaml.start], &text[yaml.clone()], &text[yaml.end..]);
    let before: Value = if part.trim().is_empty() {
        Value::Mapping(Default::default())
    } else {
        serde_yaml::from_str(part).map_err(|e| format!("filen kan ikke læses: {e}"))?
    };
    let mut expected = before;
    let mut out = part.to_string();
    for op in ops {
        out = apply_one(&out, op)?;
        apply_value(&mut expected, op)?;
    }
    let after: Value = serde_yaml::from_str(&out)
        .map_err(|_| "rettelsen ville gøre filen ulæselig; intet er gemt".to_string())?;
    if after != expected {
        return Err(
            "rettelsen kunne ikke skrives, uden at andet i filen ændrede sig; intet er gemt".into(),
        );
    }
    Ok(format!("{head}{out}{tail}"))
}

/// The edit made to a value, as serde_yaml reads it.
fn apply_value(v: &mut Value, op: &Op) -> Result<(), String> {
    let (path, new, push) = match op {
        Op::Set(p, n) => (p, n, false),
        Op::Push(p, n) => (p, n, true),
        Op::Remove(p) | Op::SwapNext(p) => {
            let mut segs = parse_path(p);
            let last = segs.pop();
            let mut at = &mut *v;
            for seg in &segs {
                at = match seg {
                    Seg::Key(k) => at.get_mut(k.as_str()),
                    Seg::Index(i) => at.get_mut(*i),
                }
                .ok_or_else(|| format!("`{p}` findes ikke i filen"))?;
            }
            return match (op, last) {
                (Op::Remove(_), Some(Seg::Key(k))) => at
                    .as_mapping_mut()
                    .and_then(|m| m.remove(k.as_str()))
                    .map(|_| ())
                    .ok_or_else(|| format!("`{p}` findes ikke i filen")),
                (Op::Remove(_), Some(Seg::Index(i))) => match at.as_sequence_mut() {
                    Some(l) if i < l.len() => {
                        l.remove(i);
                        Ok(())
                    }
                    _ => Err(format!("`{p}` findes ikke i filen")),
                },
                (Op::SwapNext(_), Some(Seg::Index(i))) => match at.as_sequence_mut() {
                    Some(l) if i + 1 < l.len() => {
                        l.swap(i, i + 1);
                        Ok(())
                    }
                    _ => Err(format!("`{p}` har ikke et punkt efter sig")),
                },
                _ => Err(format!("`{p}` kan ikke rettes sådan")),
            };
        }
    };
    let segs = parse_path(path);
    let mut at = v;
    for seg in &segs {
        at = match seg {
            Seg::Key(k) => {
                if at.is_null() {
                    *at = Value::Mapping(Default::default());
                }
                let Value::Mapping(m) = at else {
                    return Err(format!("`{path}` er ikke et felt i filen"));
                };
                m.entry(Value::String(k.clone())).or_insert(Value::Null)
            }
            Seg::Index(i) => at
                .as_sequence_mut()
                .and_then(|s| s.get_mut(*i))
                .ok_or_else(|| format!("`{path}` findes ikke i filen"))?,
        };
    }
    if push {
        if at.is_null() {
            *at = Value::Sequence(Vec::new());
        }
        at.as_sequence_mut()
            .ok_or_else(|| format!("`{path}` er ikke en liste"))?
            .push(new.clone());
    } else {
        *at = new.clone();
    }
    Ok(())
}

/// A node of the document, where it stands in the text.
#[derive(Debug)]
struct Node {
    path: Vec<Seg>,
    /// Where the node starts (for a block mapping: its first key).
    start: usize,
    /// Where its key starts, when it is a mapping's value.
    key: Option<usize>,
    kind: Kind,
    /// Its first and last event (a collection's last is its end).
    first: usize,
    last: usize,
}

#[derive(Debug, PartialEq)]
enum Kind {
    Scalar(TScalarStyle, String),
    Map,
    Seq,
}

struct Outline {
    nodes: Vec<Node>,
    /// Where each event stands.
    events: Vec<usize>,
}

/// An open collection: its node, the key waiting for its value (and where it stands), the
/// nodes it has had.
type Open = (usize, Option<(String, usize)>, usize);

struct Builder<'a> {
    lines: Vec<usize>,
    text: &'a str,
    nodes: Vec<Node>,
    events: Vec<usize>,
    /// Open collections: their node, for a mapping the key waiting for its value, and how
    /// many nodes (keys, items) it has had.
    stack: Vec<Open>,
}

impl Builder<'_> {
    fn offset(&self, m: &Marker) -> usize {
        let Some(&ls) = m.line().checked_sub(1).and_then(|l| self.lines.get(l)) else {
            return self.text.len();
        };
        self.text[ls..]
            .char_indices()
            .nth(m.col())
            .map_or(self.text.len(), |(i, _)| ls + i)
    }

    /// A node begins; None when it is a key.
    fn node(&mut self, kind: Kind, at: usize) -> Option<usize> {
        let ev = self.events.len() - 1;
        let (path, key) = match self.stack.last_mut() {
            None => (Vec::new(), None),
            Some((parent, waiting, count)) => {
                let parent = *parent;
                if self.nodes[parent].kind == Kind::Seq {
                    let mut p = self.nodes[parent].path.clone();
                    p.push(Seg::Index(*count));
                    *count += 1;
                    (p, None)
                } else {
                    match waiting.take() {
                        None => {
                            let k = match &kind {
                                Kind::Scalar(_, s) => s.clone(),
                                _ => "?".into(),
                            };
                            *waiting = Some((k, at));
                            // A block mapping starts where its first key does.
                            if *count == 0
                                && !self.text[self.nodes[parent].start..].starts_with('{')
                            {
                                self.nodes[parent].start = at;
                            }
                            *count += 1;
                            return None;
                        }
                        Some((k, kat)) => {
                            let mut p = self.nodes[parent].path.clone();
                            p.push(Seg::Key(k));
                            (p, Some(kat))
                        }
                    }
                }
            }
        };
        self.nodes.push(Node {
            path,
            start: at,
            key,
            kind,
            first: ev,
            last: ev,
        });
        Some(self.nodes.len() - 1)
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = self.offset(&mark);
        self.events.push(at);
        match ev {
            Event::Scalar(v, style, ..) => {
                self.node(Kind::Scalar(style, v), at);
            }
            Event::Alias(_) => {
                self.node(Kind::Scalar(TScalarStyle::Plain, "*".into()), at);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let kind = if matches!(ev, Event::MappingStart(..)) {
                    Kind::Map
                } else {
                    Kind::Seq
                };
                let n = self.node(kind, at).unwrap_or(usize::MAX);
                self.stack.push((n, None, 0));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((n, ..)) = self.stack.pop()
                    && let Some(node) = self.nodes.get_mut(n)
                {
                    node.last = self.events.len() - 1;
                }
            }
            _ => {}
        }
    }
}

fn outline(text: &str) -> Result<Outline, String> {
    let mut lines = vec![0];
    lines.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut b = Builder {
        lines,
        text,
        nodes: Vec::new(),
        events: Vec::new(),
        stack: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut b, false)
        .map_err(|e| format!("filen kan ikke læses: {e}"))?;
    Ok(Outline {
        nodes: b.nodes,
        events: b.events,
    })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..]
        .find('\n')
        .map_or(text.len(), |i| at + i)
        .min(text.len())
}

/// The line's end without a `\r`.
fn content_end(text: &str, at: usize) -> usize {
    let e = line_end(text, at);
    if text[..e].ends_with('\r') { e - 1 } else { e }
}

fn indent_of(text: &str, at: usize) -> usize {
    text[line_start(text, at)..at].chars().count()
}

impl Outline {
    fn find(&self, segs: &[Seg]) -> Option<&Node> {
        self.nodes.iter().find(|n| n.path == segs)
    }

    /// The end of a block node's last line with content (before any blank or comment lines
    /// that follow it).
    fn block_end(&self, text: &str, n: &Node) -> usize {
        // Where the next node starts (a block mapping's own mark is after its first key, so
        // its first key's place is taken), or the next event's mark.
        let next = n.last + 1;
        let boundary = self
            .nodes
            .iter()
            .find(|m| m.first == next)
            .map(|m| m.start)
            .or_else(|| self.events.get(next).copied())
            .unwrap_or(text.len());
        let mut ls = line_start(text, boundary);
        // The next node stands on a line of its own, maybe after the `-` of its list item.
        let before_next = text[ls..boundary].trim_matches(|c| c == ' ' || c == '-');
        if !before_next.is_empty() {
            return text[..boundary].trim_end().len();
        }
        while ls > 0 {
            let prev = line_start(text, ls - 1);
            let line = text[prev..ls].trim();
            if !(line.is_empty() || line.starts_with('#')) || prev <= n.start {
                return content_end(text, prev);
            }
            ls = prev;
        }
        0
    }

    /// Where a node's text ends.
    fn end(&self, text: &str, n: &Node) -> usize {
        match n.kind {
            Kind::Scalar(..) => self.scalar_end(text, n),
            _ => self.block_end(text, n),
        }
    }

    /// Where a scalar's text ends.
    fn scalar_end(&self, text: &str, n: &Node) -> usize {
        let s = &text[n.start..];
        let quoted = |q: char, escape: bool| -> Option<usize> {
            let mut it = s.char_indices().skip(1).peekable();
            while let Some((i, c)) = it.next() {
                if escape && c == '\\' {
                    it.next();
                } else if c == q {
                    if !escape && it.peek().is_some_and(|(_, c)| *c == q) {
                        it.next();
                        continue;
                    }
                    return Some(n.start + i + 1);
                }
            }
            None
        };
        match &n.kind {
            Kind::Scalar(TScalarStyle::DoubleQuoted, _) => quoted('"', true),
            Kind::Scalar(TScalarStyle::SingleQuoted, _) => quoted('\'', false),
            Kind::Scalar(TScalarStyle::Plain, v) if v.is_empty() => Some(n.start),
            Kind::Scalar(TScalarStyle::Plain, _) => {
                let end = self.block_end(text, n);
                // A comment after the value on its last line is not the value.
                let last = &text[line_start(text, end).max(n.start)..end];
                let cut = last.find(" #").or_else(|| last.find("\t#"));
                Some(match cut {
                    Some(c) => line_start(text, end).max(n.start) + last[..c].trim_end().len(),
                    None => n.start + text[n.start..end].trim_end().len(),
                })
            }
            _ => Some(self.block_end(text, n)),
        }
        .unwrap_or(text.len())
    }
}

fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// A field taken out with its lines: from its key's line to the end of its value's last
/// line. Only a key that stands first on its line (not the first key of a list item).
fn remove(text: &str, o: &Outline, path: &str) -> Result<String, String> {
    let segs = parse_path(path);
    let n = o
        .find(&segs)
        .ok_or_else(|| format!("`{path}` findes ikke i filen"))?;
    // A list item: its lines, from its `-`.
    if let Some(Seg::Index(_)) = segs.last() {
        let dash = dash_of(text, n.start);
        let from = line_start(text, dash);
        if dash == n.start || !text[from..dash].trim().is_empty() {
            return Err(format!(
                "listen med `{path}` kan kun rettes, når hvert punkt står på sine egne linjer"
            ));
        }
        let to = (line_end(text, o.end(text, n)) + 1).min(text.len());
        return Ok(format!("{}{}", &text[..from], &text[to..]));
    }
    let key = n.key.ok_or_else(|| format!("`{path}` er ikke et felt"))?;
    let from = line_start(text, key);
    if !text[from..key].trim().is_empty() {
        return Err(format!(
            "`{path}` står først i sit punkt på listen og kan ikke tages ud herfra"
        ));
    }
    let end = o.end(text, n);
    let to = (line_end(text, end) + 1).min(text.len());
    Ok(format!("{}{}", &text[..from], &text[to..]))
}

/// A list item swapped with the next: their lines change places, what stands between them
/// (blank lines, comments) stays.
fn swap_next(text: &str, o: &Outline, path: &str) -> Result<String, String> {
    let mut segs = parse_path(path);
    let Some(Seg::Index(i)) = segs.pop() else {
        return Err(format!("`{path}` er ikke et punkt på en liste"));
    };
    let item = |k: usize| {
        let mut p = segs.clone();
        p.push(Seg::Index(k));
        o.find(&p)
    };
    let (Some(a), Some(b)) = (item(i), item(i + 1)) else {
        return Err(format!("`{path}` har ikke et punkt efter sig"));
    };
    if text[a.start..].starts_with(['[', '{']) || !text[..a.start].trim_end().ends_with('-') {
        return Err(format!(
            "listen med `{path}` kan kun flyttes, når hvert punkt står på sine egne linjer"
        ));
    }
    let span = |n: &Node| line_start(text, dash_of(text, n.start))..o.end(text, n);
    let (ra, rb) = (span(a), span(b));
    Ok(format!(
        "{}{}{}{}{}",
        &text[..ra.start],
        &text[rb.clone()],
        &text[ra.end..rb.start],
        &text[ra.clone()],
        &text[rb.end..]
    ))
}

fn apply_one(text: &str, op: &Op) -> Result<String, String> {
    let nl = newline(text);
    let o = outline(text)?;
    let (path, value, push) = match op {
        Op::Set(p, v) => (p, v, false),
        Op::Push(p, v) => (p, v, true),
        Op::Remove(p) => return remove(text, &o, p),
        Op::SwapNext(p) => return swap_next(text, &o, p),
    };
    let segs = parse_path(path);
    // The deepest part of the path that is there.
    let mut have = segs.len();
    while have > 0 && o.find(&segs[..have]).is_none() {
        have -= 1;
    }
    let Some(node) = o.find(&segs[..have]) else {
        return Err("filen er tom eller ikke et sæt af felter".into());
    };
    let blank = |n: &Node| matches!(&n.kind, Kind::Scalar(TScalarStyle::Plain, v) if v.is_empty() || v == "~" || v == "null");
    let empty_flow = |n: &Node| {
        matches!(n.kind, Kind::Map | Kind::Seq)
            && n.last == n.first + 1
            && text[n.start..].starts_with(['[', '{'])
    };
    if have == segs.len() {
        match (&node.kind, push) {
            (Kind::Scalar(..), false)
                if !blank(node) && !matches!(value, Value::Mapping(_) | Value::Sequence(_)) =>
            {
                let end = o.scalar_end(text, node);
                return Ok(format!(
                    "{}{}{}",
                    &text[..node.start],
                    scalar(value),
                    &text[end..]
                ));
            }
            (Kind::Seq, true) if !empty_flow(node) => {
                if text[node.start..].starts_with('[') {
                    return Err(format!(
                        "listen `{path}` er skrevet på én linje med [ ]; skriv den som en liste med - foran hvert punkt, og prøv igen"
                    ));
                }
                let end = o.block_end(text, node);
                let col = indent_of(text, dash_of(text, node.start));
                let lines = entry(None, &Value::Sequence(vec![value.clone()]), col);
                return Ok(insert_lines(text, end, &lines, nl));
            }
            _ => {}
        }
        // A blank value, an empty `[]` or `{}`, or a value of another kind: the whole entry
        // is written again.
        let Some((Seg::Key(k), key_at)) = segs.last().cloned().zip(node.key) else {
            return Err(format!("`{path}` kan ikke rettes her"));
        };
        let end = match &node.kind {
            // `key:` with nothing (or `~`) after it: up to the colon and the `~`, so that a
            // comment after it stays.
            Kind::Scalar(..) if blank(node) => {
                let line = &text[key_at..content_end(text, key_at)];
                let Some(colon) = line.find(':') else {
                    return Err(format!("`{path}` kan ikke rettes her"));
                };
                let after = &line[colon + 1..];
                let word = after.trim_start();
                let skip = after.len() - word.len();
                let taken = ["null", "~"]
                    .iter()
                    .find(|w| word.starts_with(**w))
                    .map_or(0, |w| skip + w.len());
                key_at + colon + 1 + taken
            }
            Kind::Scalar(..) => o.scalar_end(text, node),
            _ if empty_flow(node) => text[node.start..]
                .find([']', '}'])
                .map_or(text.len(), |i| node.start + i + 1),
            _ => o.block_end(text, node),
        };
        let new = if push {
            Value::Sequence(vec![value.clone()])
        } else {
            value.clone()
        };
        let lines = entry_with(Some(&k), &new, indent_of(text, key_at), !push);
        let body = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { l.trim_start() } else { l.as_str() })
            .collect::<Vec<_>>()
            .join(nl);
        return Ok(format!("{}{body}{}", &text[..key_at], &text[end..]));
    }
    // Missing from `have` on: the first missing key is added to the mapping that is there.
    let Kind::Map = node.kind else {
        return Err(format!(
            "`{}` er ikke et sæt af felter",
            path_string(&segs[..have])
        ));
    };
    let Seg::Key(k) = &segs[have] else {
        return Err(format!("`{path}` findes ikke i filen"));
    };
    let mut new = if push {
        Value::Sequence(vec![value.clone()])
    } else {
        value.clone()
    };
    for seg in segs[have + 1..].iter().rev() {
        let Seg::Key(k) = seg else {
            return Err(format!("`{path}` findes ikke i filen"));
        };
        let mut m = serde_yaml::Mapping::new();
        m.insert(Value::String(k.clone()), new);
        new = Value::Mapping(m);
    }
    if text[node.start..].starts_with('{') {
        return Err(format!(
            "`{}` er skrevet på én linje med {{ }}; skriv felterne på hver sin linje, og prøv igen",
            path_string(&segs[..have])
        ));
    }
    let (end, col) = if node.path.is_empty() && node.last == node.first + 1 {
        // An empty document.
        (text.trim_end().len(), 0)
    } else {
        (o.block_end(text, node), indent_of(text, node.start))
    };
    let lines = entry_with(Some(k), &new, col, !push);
    if end == 0 {
        return Ok(format!("{}{nl}{text}", lines.join(nl)));
    }
    Ok(insert_lines(text, end, &lines, nl))
}

/// The `-` before a list item that starts at `item`.
fn dash_of(text: &str, item: usize) -> usize {
    let before = text[..item].trim_end_matches([' ', '\t']);
    if before.ends_with('-') {
        before.len() - 1
    } else {
        item
    }
}

fn insert_lines(text: &str, at: usize, lines: &[String], nl: &str) -> String {
    let mut s = String::with_capacity(text.len() + 200);
    s.push_str(&text[..at]);
    for l in lines {
        s.push_str(nl);
        s.push_str(l);
    }
    s.push_str(&text[at..]);
    s
}

/// `key: value` (or, without a key, the items of a list) as block YAML lines indented by
/// `col`.
fn entry(key: Option<&str>, v: &Value, col: usize) -> Vec<String> {
    entry_with(key, v, col, true)
}

/// As [`entry`]; with `flow` false, every list on lines of its own (a list that grows).
fn entry_with(key: Option<&str>, v: &Value, col: usize, flow: bool) -> Vec<String> {
    let pad = " ".repeat(col);
    let mut out = Vec::new();
    let head = key.map(|k| format!("{pad}{}:", scalar(&Value::String(k.into()))));
    match v {
        Value::Mapping(m) if !m.is_empty() => {
            out.extend(head);
            for (k, v) in m {
                let k = k.as_str().unwrap_or("?");
                out.extend(entry_with(Some(k), v, col + 2, flow));
            }
        }
        Value::Sequence(items) if !items.is_empty() => {
            if let (Some(h), Some(short), true) = (&head, flow_list(items), flow) {
                out.push(format!("{h} {short}"));
                return out;
            }
            let inner = if key.is_some() { col + 2 } else { col };
            out.extend(head);
            let ipad = " ".repeat(inner);
            for item in items {
                match item {
                    Value::Mapping(m) if !m.is_empty() => {
                        let mut lines = Vec::new();
                        for (k, v) in m {
                            lines.extend(entry_with(
                                Some(k.as_str().unwrap_or("?")),
                                v,
                                inner + 2,
                                true,
                            ));
                        }
                        for (i, l) in lines.into_iter().enumerate() {
                            if i == 0 {
                                out.push(format!("{ipad}- {}", &l[inner + 2..]));
                            } else {
                                out.push(l);
                            }
                        }
                    }
                    other => out.push(format!("{ipad}- {}", scalar(other))),
                }
            }
        }
        Value::Mapping(_) => out.push(format!("{}: {{}}", head.unwrap_or(pad))),
        Value::Sequence(_) => out.push(format!("{}: []", head.unwrap_or(pad))),
        other => match (head, literal(other)) {
            // Text of several lines as a block, one line under the other, as staff write it.
            (Some(h), Some(lines)) => {
                out.push(format!("{h} |-"));
                out.extend(lines.iter().map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("{pad}  {l}")
                    }
                }));
            }
            (Some(h), None) => out.push(format!("{h} {}", scalar(other))),
            (None, _) => out.push(format!("{pad}{}", scalar(other))),
        },
    }
    out
}

/// The lines of a text that reads back as itself in a literal block (`|-`): several lines,
/// none starting with a space (the first would set the block's indentation), no line-end
/// spaces or tabs, no control characters, no line break at its end.
fn literal(v: &Value) -> Option<Vec<&str>> {
    let t = v.as_str()?;
    let fits = t.contains('\n')
        && !t.starts_with([' ', '\n'])
        && !t.ends_with('\n')
        && !t.chars().any(|c| c.is_control() && c != '\n')
        && t.lines()
            .all(|l| !l.starts_with(' ') && !l.ends_with([' ', '\t']));
    fits.then(|| t.split('\n').collect())
}

/// A short list of names on one line, `[Sanne, Kenneth]`, as the files write them; None
/// when an item needs a line of its own.
fn flow_list(items: &[Value]) -> Option<String> {
    let mut parts = Vec::new();
    for v in items {
        if !matches!(v, Value::String(_) | Value::Number(_)) {
            return None;
        }
        let s = scalar(v);
        if s.contains([',', '[', ']', '{', '}']) || s.starts_with('"') || s.len() > 40 {
            return None;
        }
        parts.push(s);
    }
    Some(format!("[{}]", parts.join(", ")))
}

/// A scalar as YAML: plain where it reads back as itself, else in double quotes.
pub fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "~".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let plain = !s.is_empty()
                && !s.contains(['\n', '\r', '\t'])
                && s.trim() == s
                && !s.contains(": ")
                && !s.contains(" #")
                && !s.ends_with(':')
                && !s.starts_with([
                    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'',
                    '"', '%', '@', '`',
                ])
                && serde_yaml::from_str::<Value>(s).ok().as_ref() == Some(v);
            if plain {
                s.clone()
            } else {
                serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
            }
        }
        other => serde_yaml::to_string(other)
            .map(|s| s.trim_end().to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, ops: &[Op]) -> String {
        apply(text, 0..text.len(), ops).unwrap()
    }

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    fn map(kv: &[(&str, Value)]) -> Value {
        let mut m = serde_yaml::Mapping::new();
        for (k, v) in kv {
            m.insert(s(k), v.clone());
        }
        Value::Mapping(m)
    }

    #[test]
    fn a_value_is_replaced_and_nothing_else() {
        let t = "# top\nmål:\n  - titel: A   # note\n    delmål:\n      - tekst: x\n        status: i-gang  # her\n\n# sidst\nb: 'q'\n";
        let out = edit(t, &[Op::Set("mål[0].delmål[0].status".into(), s("nået"))]);
        assert_eq!(out, t.replace("i-gang", "nået"));
        let out = edit(t, &[Op::Set("b".into(), s("a: b"))]);
        assert_eq!(out, t.replace("'q'", "\"a: b\""));
        let out = edit(t, &[Op::Set("mål[0].titel".into(), s("Ny titel"))]);
        assert_eq!(out, t.replace("titel: A ", "titel: Ny titel "));
    }

    #[test]
    fn a_missing_key_is_added_at_the_mappings_indentation() {
        let t = "a: 1\nmål:\n  - titel: A\n    delmål:\n      - tekst: x\n\n# sidst\nb: 2\n";
        let out = edit(t, &[Op::Set("mål[0].delmål[0].status".into(), s("nået"))]);
        assert_eq!(
            out,
            "a: 1\nmål:\n  - titel: A\n    delmål:\n      - tekst: x\n        status: nået\n\n# sidst\nb: 2\n"
        );
        let out = edit(t, &[Op::Set("næste_møde.dato".into(), s("2026-12-03"))]);
        assert_eq!(out, format!("{t}næste_møde:\n  dato: 2026-12-03\n"));
    }

    #[test]
    fn an_item_is_added_after_the_last_one_in_the_same_style() {
        let t = "aftaler:\n  - hvem: mor\n    hvad: x\n# om log\nopfølgning:\n  log:\n    - dato: 2025-01-01\n      deltagere: [A, B]\n      notat: x\n";
        let item = map(&[("hvem", s("far")), ("hvad", s("Ringer: i morgen"))]);
        let out = edit(t, &[Op::Push("aftaler".into(), item)]);
        assert_eq!(
            out,
            t.replace(
                "hvad: x\n#",
                "hvad: x\n  - hvem: far\n    hvad: \"Ringer: i morgen\"\n#"
            )
        );
        let e = map(&[
            ("dato", s("2026-12-05")),
            ("deltagere", Value::Sequence(vec![s("Sanne"), s("Lone")])),
            ("notat", s("Godt møde")),
        ]);
        let out = edit(t, &[Op::Push("opfølgning.log".into(), e)]);
        assert!(out.ends_with(
            "      notat: x\n    - dato: 2026-12-05\n      deltagere: [Sanne, Lone]\n      notat: Godt møde\n"
        ), "{out}");
    }

    #[test]
    fn empty_and_missing_lists_are_made() {
        let t = "a: 1\naftaler: []\nb:\nc: 2\n";
        let out = edit(
            t,
            &[
                Op::Push("aftaler".into(), map(&[("hvem", s("mor"))])),
                Op::Push("b".into(), s("x")),
                Op::Push("målinger.who5".into(), map(&[("score", 40.into())])),
            ],
        );
        assert_eq!(
            out,
            "a: 1\naftaler:\n  - hvem: mor\nb:\n  - x\nc: 2\nmålinger:\n  who5:\n    - score: 40\n"
        );
    }

    #[test]
    fn line_endings_and_front_matter_are_kept() {
        let t = "---\r\na: 1\r\nl:\r\n  - x\r\n---\r\n\r\nBrødtekst: ja\r\n";
        let yaml = 5..t.find("---\r\n\r\n").unwrap();
        let out = apply(
            t,
            yaml,
            &[Op::Push("l".into(), s("y")), Op::Set("a".into(), 2.into())],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\r\na: 2\r\nl:\r\n  - x\r\n  - y\r\n---\r\n\r\nBrødtekst: ja\r\n"
        );
    }

    #[test]
    fn texts_that_are_not_plain_are_quoted() {
        for (text, want) in [
            ("ja", "ja"),
            ("yes", "yes"),
            ("true", "\"true\""),
            ("12", "\"12\""),
            ("2026-01-01", "2026-01-01"),
            ("- x", "\"- x\""),
            ("a #b", "\"a #b\""),
            (" x", "\" x\""),
            ("to\nlinjer", "\"to\\nlinjer\""),
            ("Kl. 10: hjemme", "\"Kl. 10: hjemme\""),
            ("", "\"\""),
        ] {
            assert_eq!(scalar(&s(text)), want, "{text}");
        }
    }

    #[test]
    fn fields_are_taken_out_and_items_swapped_with_their_lines() {
        let t = "mål:\n  - titel: A\n    prioritet: 1   # vigtigst\n    delmål:\n      - tekst: a1\n  # om B\n  - titel: B\n    delmål: [x]\nc: 1\n";
        let out = edit(t, &[Op::Remove("mål[0].prioritet".into())]);
        assert_eq!(out, t.replace("    prioritet: 1   # vigtigst\n", ""));
        let out = edit(t, &[Op::SwapNext("mål[0]".into())]);
        assert_eq!(
            out,
            "mål:\n  - titel: B\n    delmål: [x]\n  # om B\n  - titel: A\n    prioritet: 1   # vigtigst\n    delmål:\n      - tekst: a1\nc: 1\n"
        );
        assert!(apply(t, 0..t.len(), &[Op::Remove("mål[0].titel".into())]).is_err());
        assert!(apply(t, 0..t.len(), &[Op::SwapNext("mål[1]".into())]).is_err());
    }

    #[test]
    fn a_list_pushed_to_is_written_on_lines_of_its_own() {
        let t = "a: 1\nl: []\nb: 2\n";
        let out = edit(
            t,
            &[Op::Push("l".into(), s("x")), Op::Push("l".into(), s("y"))],
        );
        assert_eq!(out, "a: 1\nl:\n  - x\n  - y\nb: 2\n");
        let out = edit("a: 1\n", &[Op::Push("l".into(), s("x"))]);
        assert_eq!(out, "a: 1\nl:\n  - x\n");
    }

    #[test]
    fn text_of_several_lines_is_written_as_a_block() {
        let t = "log:\n  - dato: 2026-12-01\n";
        let note = map(&[("notat", s("Godt møde.\n\nNæste gang: skolen."))]);
        let out = edit(t, &[Op::Push("log".into(), note)]);
        assert_eq!(
            out,
            "log:\n  - dato: 2026-12-01\n  - notat: |-\n      Godt møde.\n\n      Næste gang: skolen.\n"
        );
        // Lines that start with a space are quoted, as before.
        let note = map(&[("notat", s("a\n  b"))]);
        let out = edit(t, &[Op::Push("log".into(), note)]);
        assert!(out.ends_with("  - notat: \"a\\n  b\"\n"), "{out}");
    }

    #[test]
    fn list_items_are_taken_out_with_their_lines() {
        let t = "opnået:\r\n  - Et job   # fast\r\n  - En bolig\r\nunderskrivere:\r\n  - navn: A\r\n    rolle: B\r\n  - navn: C\r\n    rolle: D\r\nfokus: [x, y]\r\n";
        let out = edit(t, &[Op::Remove("opnået[0]".into())]);
        assert_eq!(out, t.replace("  - Et job   # fast\r\n", ""));
        let out = edit(t, &[Op::Remove("underskrivere[1]".into())]);
        assert_eq!(out, t.replace("  - navn: C\r\n    rolle: D\r\n", ""));
        let out = edit(t, &[Op::Remove("underskrivere[0]".into())]);
        assert_eq!(out, t.replace("  - navn: A\r\n    rolle: B\r\n", ""));
        // On one line, or the last item (the list would be read as nothing): refused.
        assert!(apply(t, 0..t.len(), &[Op::Remove("fokus[0]".into())]).is_err());
        let one = "l:\n  - a\nm: 1\n";
        assert!(apply(one, 0..one.len(), &[Op::Remove("l[0]".into())]).is_err());
        assert!(apply(one, 0..one.len(), &[Op::Remove("l[1]".into())]).is_err());
    }

    #[test]
    fn an_edit_that_would_change_more_is_refused() {
        let t = "l: [a, b]\n";
        assert!(apply(t, 0..t.len(), &[Op::Push("l".into(), s("c"))]).is_err());
        let t = "m: {a: 1}\n";
        assert!(apply(t, 0..t.len(), &[Op::Set("m.b".into(), 2.into())]).is_err());
    }
}

#[cfg(test)]
mod example {
    use super::*;

    /// Every file of the example, read and written with no edit, and with a value set to
    /// what it is, is the same bytes.
    #[test]
    fn example_files_are_kept_byte_for_byte() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/familier");
        let mut seen = 0;
        for fam in std::fs::read_dir(root).unwrap() {
            for file in std::fs::read_dir(fam.unwrap().path()).unwrap() {
                let p = file.unwrap().path();
                let text = std::fs::read_to_string(&p).unwrap();
                let rel = p.to_string_lossy().to_string();
                let yaml = if rel.ends_with(".md") {
                    crate::source::Source::markdown(rel.clone(), text.clone())
                        .unwrap()
                        .yaml
                } else {
                    0..text.len()
                };
                assert_eq!(apply(&text, yaml.clone(), &[]).unwrap(), text, "{rel}");
                let doc: Value = serde_yaml::from_str(&text[yaml.clone()]).unwrap();
                // The first top-level plain text or number, set to itself.
                if let Some((k, v)) = doc.as_mapping().and_then(|m| {
                    m.iter().find(|(_, v)| {
                        v.is_number()
                            || v.as_str()
                                .is_some_and(|s| scalar(&Value::String(s.into())) == s)
                    })
                }) {
                    let op = Op::Set(k.as_str().unwrap().into(), v.clone());
                    assert_eq!(apply(&text, yaml, &[op]).unwrap(), text, "{rel}");
                }
                seen += 1;
            }
        }
        assert!(seen >= 10);
    }
}
