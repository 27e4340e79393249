//! Rich text that every output kind can draw: spans (text, emphasis, strong, links to
//! routes) and blocks (paragraphs, headings, lists, tables …), made from Markdown with the
//! links the route table resolved. Raw HTML becomes text; HTML comments are dropped.

use crate::markdown::{Comments, anchor, options};
use crate::routes::{Link, Target};
use pulldown_cmark::{Alignment, Event, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Text(String),
    Code(String),
    Emph(Vec<Span>),
    Strong(Vec<Span>),
    Strike(Vec<Span>),
    Link {
        to: Target,
        content: Vec<Span>,
    },
    /// A copied file (output path) with its alternative text.
    Image {
        src: String,
        alt: String,
    },
    /// A hard line break.
    Break,
    /// A footnote reference, by label.
    Note(String),
    /// A word of the glossary where a chapter first uses it: the word as written, its id on
    /// the glossary page, and its short explanation (shown with it, not on hover).
    Term {
        text: String,
        id: String,
        explain: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Some(done) for a task-list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Para(Vec<Span>),
    /// Inline content without a paragraph (a tight list item).
    Plain(Vec<Span>),
    Heading {
        level: u8,
        id: String,
        content: Vec<Span>,
    },
    List {
        /// The first number of an ordered list.
        start: Option<u64>,
        items: Vec<Item>,
    },
    Quote(Vec<Block>),
    Code(String),
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    Rule,
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
}

/// A heading of a body, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Inline rich text (a goal's title, a list item written in YAML).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rich(pub Vec<Span>);

/// A Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
}

impl Rich {
    /// Inline Markdown from a YAML field. Links there are not checked, so only contact links
    /// and anchors stay links; other addresses are shown as text.
    pub fn inline(text: &str) -> Rich {
        if is_plain(text) {
            return Rich(vec![Span::Text(text.to_string())]);
        }
        let body = convert(text, 0, "", &|_, url| {
            let u = url.trim();
            match crate::urls::classify(u) {
                crate::urls::UrlKind::Contact => Target::Contact(u.to_string()),
                crate::urls::UrlKind::Fragment => Target::Anchor(u[1..].to_string()),
                _ => Target::External,
            }
        });
        let mut spans = Vec::new();
        for b in body.blocks {
            match b {
                Block::Para(s) | Block::Plain(s) | Block::Heading { content: s, .. } => {
                    if !spans.is_empty() {
                        spans.push(Span::Break);
                    }
                    spans.extend(s);
                }
                _ => {}
            }
        }
        Rich(spans)
    }

    /// The text without markup (for titles, charts and measuring).
    pub fn plain(&self) -> String {
        plain(&self.0)
    }
}

/// Text that Markdown would leave as it is: one line of letters, digits and ordinary
/// punctuation that starts with a letter (most goal titles and list items), so it need not be
/// parsed.
fn is_plain(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(char::is_whitespace)
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " ,.;:?'\"()/–-%+=@".contains(c))
}

pub fn plain(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Text(t) | Span::Code(t) | Span::Term { text: t, .. } => out.push_str(t),
            Span::Emph(c) | Span::Strong(c) | Span::Strike(c) | Span::Link { content: c, .. } => {
                out.push_str(&plain(c))
            }
            Span::Image { alt, .. } => out.push_str(alt),
            Span::Break => out.push(' '),
            Span::Note(_) => {}
        }
    }
    out
}

impl Body {
    /// A page body: `links` are the route table's links for this body, matched by offset.
    /// Headings are shifted down by `shift` levels and their ids (and links to them) start
    /// with `id_prefix`, so several bodies can share one page.
    pub fn from_markdown(text: &str, links: &[Link], shift: u8, id_prefix: &str) -> Body {
        convert(text, shift, id_prefix, &|offset, _| match links
            .iter()
            .find(|l| l.offset == offset)
            .map(|l| &l.target)
        {
            Some(Target::Anchor(a)) => Target::Anchor(format!("{id_prefix}{a}")),
            Some(t) => t.clone(),
            None => Target::Missing,
        })
    }
}

/// Where inline content is being collected.
enum Inline {
    Para,
    Plain,
    Heading(u8),
    Emph,
    Strong,
    Strike,
    Link(Target),
    /// A link shown as text: its address follows the text.
    TextLink(String),
    Image(Option<String>),
    Cell,
}

/// Where blocks are being collected.
enum Container {
    Root,
    Quote,
    Item(Option<bool>),
    Footnote(String),
    List(Option<u64>, Vec<Item>),
}

struct TableState {
    align: Vec<Align>,
    head: Vec<Vec<Span>>,
    rows: Vec<Vec<Vec<Span>>>,
    row: Vec<Vec<Span>>,
    in_head: bool,
}

struct Builder {
    blocks: Vec<(Container, Vec<Block>)>,
    inline: Vec<(Inline, Vec<Span>)>,
    table: Option<TableState>,
    code: Option<String>,
    headings: Vec<Heading>,
    used_ids: HashSet<String>,
    shift: u8,
    id_prefix: String,
}

impl Builder {
    fn push_block(&mut self, b: Block) {
        self.close_plain();
        if let Some((_, v)) = self.blocks.last_mut() {
            v.push(b);
        }
    }

    fn push_span(&mut self, s: Span) {
        if self.inline.is_empty() {
            self.inline.push((Inline::Plain, Vec::new()));
        }
        if let Some((_, v)) = self.inline.last_mut() {
            v.push(s);
        }
    }

    /// Close inline content that had no paragraph around it (tight list items).
    fn close_plain(&mut self) {
        if matches!(self.inline.last(), Some((Inline::Plain, _)))
            && let Some((_, spans)) = self.inline.pop()
            && let Some((_, v)) = self.blocks.last_mut()
        {
            v.push(Block::Plain(spans));
        }
    }

    fn heading_id(&mut self, text: &str) -> String {
        let mut id = anchor(text);
        if id.is_empty() {
            id = "afsnit".into();
        }
        id.insert_str(0, &self.id_prefix);
        let base = id.clone();
        let mut n = 2;
        while !self.used_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn end_inline(&mut self) {
        let Some((kind, spans)) = self.inline.pop() else {
            return;
        };
        match kind {
            Inline::Para => self.push_block(Block::Para(spans)),
            Inline::Plain => self.push_block(Block::Plain(spans)),
            Inline::Heading(level) => {
                let text = plain(&spans).trim().to_string();
                let id = self.heading_id(&text);
                self.headings.push(Heading {
                    level,
                    id: id.clone(),
                    text,
                });
                self.push_block(Block::Heading {
                    level,
                    id,
                    content: spans,
                });
            }
            Inline::Emph => self.push_span(Span::Emph(spans)),
            Inline::Strong => self.push_span(Span::Strong(spans)),
            Inline::Strike => self.push_span(Span::Strike(spans)),
            Inline::Link(to) => self.push_span(Span::Link { to, content: spans }),
            Inline::TextLink(url) => {
                for s in spans {
                    self.push_span(s);
                }
                self.push_span(Span::Text(format!(" ({url})")));
            }
            Inline::Image(src) => {
                let alt = plain(&spans);
                match src {
                    Some(src) => self.push_span(Span::Image { src, alt }),
                    None => self.push_span(Span::Text(alt)),
                }
            }
            Inline::Cell => {
                if let Some(t) = self.table.as_mut() {
                    t.row.push(spans);
                }
            }
        }
    }

    fn end_container(&mut self) {
        self.close_plain();
        let Some((kind, blocks)) = self.blocks.pop() else {
            return;
        };
        match kind {
            Container::Root => self.blocks.push((Container::Root, blocks)),
            Container::Quote => self.push_block(Block::Quote(blocks)),
            Container::Footnote(label) => self.push_block(Block::Footnote { label, blocks }),
            Container::Item(task) => {
                if let Some((Container::List(_, items), _)) = self.blocks.last_mut() {
                    items.push(Item { task, blocks });
                }
            }
            Container::List(start, items) => self.push_block(Block::List { start, items }),
        }
    }
}

impl Builder {
    /// A tag opens: a block, an inline span or a table's part. A link or image at `at` is
    /// resolved where it stands.
    fn start(&mut self, tag: Tag, at: usize, resolve: &dyn Fn(usize, &str) -> Target) {
        match tag {
            Tag::Paragraph => {
                self.close_plain();
                self.inline.push((Inline::Para, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                self.close_plain();
                let lvl = (level as u8 + self.shift).min(6);
                self.inline.push((Inline::Heading(lvl), Vec::new()));
            }
            Tag::BlockQuote(_) => {
                self.close_plain();
                self.blocks.push((Container::Quote, Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.close_plain();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.close_plain();
                self.blocks
                    .push((Container::List(start, Vec::new()), Vec::new()));
            }
            Tag::Item => self.blocks.push((Container::Item(None), Vec::new())),
            Tag::FootnoteDefinition(label) => {
                self.close_plain();
                self.blocks
                    .push((Container::Footnote(label.to_string()), Vec::new()));
            }
            Tag::Table(align) => {
                self.close_plain();
                self.table = Some(TableState {
                    align: align
                        .iter()
                        .map(|a| match a {
                            Alignment::None => Align::None,
                            Alignment::Left => Align::Left,
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                        })
                        .collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {}
            Tag::TableCell => self.inline.push((Inline::Cell, Vec::new())),
            Tag::Emphasis => self.inline.push((Inline::Emph, Vec::new())),
            Tag::Strong => self.inline.push((Inline::Strong, Vec::new())),
            Tag::Strikethrough => self.inline.push((Inline::Strike, Vec::new())),
            Tag::Link { dest_url, .. } => {
                let kind = match resolve(at, &dest_url) {
                    Target::External
                    | Target::Missing
                    | Target::RootPath
                    | Target::Outside(_)
                    | Target::Refused(_) => Inline::TextLink(dest_url.to_string()),
                    t => Inline::Link(t),
                };
                if self.inline.is_empty() {
                    self.inline.push((Inline::Plain, Vec::new()));
                }
                self.inline.push((kind, Vec::new()));
            }
            Tag::Image { dest_url, .. } => {
                let src = match resolve(at, &dest_url) {
                    Target::Asset(p) => Some(p),
                    _ => None,
                };
                if self.inline.is_empty() {
                    self.inline.push((Inline::Plain, Vec::new()));
                }
                self.inline.push((Inline::Image(src), Vec::new()));
            }
            _ => {}
        }
    }

    /// A tag closes.
    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.end_inline(),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::TableCell => self.end_inline(),
            TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::List(_) | TagEnd::FootnoteDefinition => {
                self.end_container()
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push_block(Block::Code(code));
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.head = std::mem::take(&mut t.row);
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut()
                    && !t.in_head
                {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table {
                        align: t.align,
                        head: t.head,
                        rows: t.rows,
                    });
                }
            }
            _ => {}
        }
    }
}

/// Markdown to blocks. `resolve(offset, url)` says where each link and image points.
fn convert(
    text: &str,
    shift: u8,
    id_prefix: &str,
    resolve: &dyn Fn(usize, &str) -> Target,
) -> Body {
    let mut b = Builder {
        blocks: vec![(Container::Root, Vec::new())],
        inline: Vec::new(),
        table: None,
        code: None,
        headings: Vec::new(),
        used_ids: HashSet::new(),
        shift,
        id_prefix: id_prefix.to_string(),
    };
    let mut comments = Comments::default();
    for (ev, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match ev {
            Event::Start(tag) => b.start(tag, range.start, resolve),
            Event::End(end) => b.end(end),
            Event::Text(t) => match b.code.as_mut() {
                Some(code) => code.push_str(&t),
                None => b.push_span(Span::Text(t.to_string())),
            },
            Event::Code(t) => b.push_span(Span::Code(t.to_string())),
            Event::Html(h) | Event::InlineHtml(h) if !comments.is_comment(&h) => {
                b.push_span(Span::Text(h.to_string()))
            }
            Event::SoftBreak => b.push_span(Span::Text("\n".into())),
            Event::HardBreak => b.push_span(Span::Break),
            Event::Rule => b.push_block(Block::Rule),
            Event::FootnoteReference(l) => b.push_span(Span::Note(l.to_string())),
            Event::TaskListMarker(done) => {
                if let Some((Container::Item(task), _)) = b.blocks.last_mut() {
                    *task = Some(done);
                }
            }
            _ => {}
        }
    }
    while !b.inline.is_empty() {
        b.end_inline();
    }
    while b.blocks.len() > 1 {
        b.end_container();
    }
    Body {
        blocks: b.blocks.pop().map(|(_, v)| v).unwrap_or_default(),
        headings: b.headings,
    }
}
