//! The document's structure for readers that cannot see the page (a tagged PDF, as PDF/UA-1
//! asks): what is a heading, a paragraph, a list, a table and its header cells, a picture and
//! what it shows, in the order it is read, and what is only decoration.
//!
//! Whoever draws a page says what it draws by putting markers among its drawing operations
//! ([`open`], [`close`], [`enter`], [`artifact`]): the markers travel with the drawing, through
//! the flow and its columns, page after page, so the structure is always that of the drawing.
//! [`Tree::page`] takes a page's markers out, wraps the drawing between them in marked content
//! (`BDC /P <</MCID 3>> … EMC`, or `/Artifact BMC … EMC`) and grows the tree; [`Tree::write`]
//! writes it into the file with its parent tree. What is drawn with no marker around it is
//! placed by a rule, so nothing is left out of the tree: lines and boxes between elements are
//! decoration (an artifact), and text is a paragraph of its own.

use lopdf::{Dictionary, Object, ObjectId};
use printpdf::{DictItem, Op};
use std::collections::BTreeMap;

/// What a part of the document is: the standard structure types of PDF 1.7 (14.8.4) trinvis
/// uses, and decoration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    /// A part with its own heading (a chapter, a column of the page).
    Sect,
    /// A heading of level 1 to 6.
    H(u8),
    P,
    /// A list, an item of it, the item's number or mark, and its body.
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A header cell of a column (or, `RowHeader`, of a row).
    TH,
    RowHeader,
    TD,
    /// A picture; its `/Alt` says what it shows.
    Figure,
    Caption,
    /// Decoration, running heads and page numbers: not read.
    Artifact,
}

impl Role {
    fn name(self) -> String {
        match self {
            Role::Document => "Document".into(),
            Role::Sect => "Sect".into(),
            Role::H(n) => format!("H{}", n.clamp(1, 6)),
            Role::P => "P".into(),
            Role::L => "L".into(),
            Role::LI => "LI".into(),
            Role::Lbl => "Lbl".into(),
            Role::LBody => "LBody".into(),
            Role::Table => "Table".into(),
            Role::TR => "TR".into(),
            Role::TH | Role::RowHeader => "TH".into(),
            Role::TD => "TD".into(),
            Role::Figure => "Figure".into(),
            Role::Caption => "Caption".into(),
            Role::Artifact => "Artifact".into(),
        }
    }

    fn from_name(n: &[u8]) -> Option<Role> {
        Some(match n {
            b"Document" => Role::Document,
            b"Sect" => Role::Sect,
            b"H1" => Role::H(1),
            b"H2" => Role::H(2),
            b"H3" => Role::H(3),
            b"H4" => Role::H(4),
            b"H5" => Role::H(5),
            b"H6" => Role::H(6),
            b"P" => Role::P,
            b"L" => Role::L,
            b"LI" => Role::LI,
            b"Lbl" => Role::Lbl,
            b"LBody" => Role::LBody,
            b"Table" => Role::Table,
            b"TR" => Role::TR,
            b"TH" => Role::TH,
            b"RowHeader" => Role::RowHeader,
            b"TD" => Role::TD,
            b"Figure" => Role::Figure,
            b"Caption" => Role::Caption,
            b"Artifact" => Role::Artifact,
            _ => return None,
        })
    }

    /// Whether drawing right inside it is its content (a paragraph's text, a picture's
    /// lines), not something between its parts.
    fn holds_content(self) -> bool {
        !matches!(
            self,
            Role::Document | Role::Sect | Role::L | Role::LI | Role::Table | Role::TR
        )
    }
}

const OPEN: &str = "TrvOpen";
const CLOSE: &str = "TrvClose";
const ENTER: &str = "TrvEnter";
const LINK: &str = "TrvLink";

/// The start of a part of `role`; what is drawn until its [`close`] is in it.
pub fn open(role: Role) -> Op {
    open_with(role, None, None)
}

/// The start of a picture that shows `alt`.
pub fn figure(alt: &str) -> Op {
    open_with(Role::Figure, Some(alt), None)
}

/// The start of a part that is gone back into later with [`enter`]`(key)` (a column of the
/// page, drawn a page at a time beside the others, read whole before the next).
pub fn keyed(role: Role, key: usize) -> Op {
    open_with(role, None, Some(key))
}

fn open_with(role: Role, alt: Option<&str>, key: Option<usize>) -> Op {
    let mut map = BTreeMap::new();
    map.insert("S".to_string(), DictItem::Name(role.name().into_bytes()));
    if role == Role::RowHeader {
        map.insert("Row".to_string(), DictItem::Bool(true));
    }
    let text = |t: &str| DictItem::String {
        data: t.as_bytes().to_vec(),
        literal: true,
    };
    if let Some(a) = alt {
        map.insert("Alt".to_string(), text(a));
    }
    if let Some(k) = key {
        map.insert("Key".to_string(), DictItem::Int(k as i64));
    }
    Op::DefineMarkedContentPoint {
        tag: OPEN.into(),
        properties: vec![DictItem::Dict { map }],
    }
}

/// The end of the part last opened or entered.
pub fn close() -> Op {
    Op::DefineMarkedContentPoint {
        tag: CLOSE.into(),
        properties: Vec::new(),
    }
}

/// Go on inside the part opened with [`keyed`]`(key)` until the next [`close`].
pub fn enter(key: usize) -> Op {
    Op::DefineMarkedContentPoint {
        tag: ENTER.into(),
        properties: vec![DictItem::Int(key as i64)],
    }
}

/// Where the link of `key` ([`super::doc::Link::key`]) stands: in the part open, after what
/// is drawn before it.
pub fn link(key: usize) -> Op {
    Op::DefineMarkedContentPoint {
        tag: LINK.into(),
        properties: vec![DictItem::Int(key as i64)],
    }
}

/// The start of a table's row, or of decoration for its header row drawn `again` at the top
/// of a page (close either with [`close`]).
pub fn row(again: bool) -> Op {
    if again { artifact() } else { open(Role::TR) }
}

/// The start of decoration (close it with [`close`]).
pub fn artifact() -> Op {
    open(Role::Artifact)
}

/// A part of the tree.
#[derive(Debug, Clone)]
pub struct Elem {
    pub role: Role,
    pub alt: Option<String>,
    pub kids: Vec<Kid>,
}

#[derive(Debug, Clone, Copy)]
pub enum Kid {
    Elem(usize),
    /// Marked content on a page (from 0) with its number there.
    Content {
        page: usize,
        mcid: usize,
    },
    /// A link's annotation: the document's link of this number.
    Annot(usize),
    /// Where the link of this key stands ([`link`]).
    Link(usize),
}

/// The structure tree as it grows, page by page.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Every part, the document first.
    pub elems: Vec<Elem>,
    /// The parts open now, the document at the bottom.
    stack: Vec<usize>,
    keyed: BTreeMap<usize, usize>,
    /// Per page, the part each marked content (by its MCID) belongs to.
    pub parents: Vec<Vec<usize>>,
    /// The level of the last heading (0 before the first).
    heading: u8,
}

impl Default for Tree {
    fn default() -> Tree {
        Tree {
            elems: vec![Elem {
                role: Role::Document,
                alt: None,
                kids: Vec::new(),
            }],
            stack: vec![0],
            keyed: BTreeMap::new(),
            parents: Vec::new(),
            heading: 0,
        }
    }
}

/// The place of decoration on the stack: it is no part of the tree.
const ARTIFACT: usize = usize::MAX;

/// What a marker asks.
enum Marker {
    Open(Elem, Option<usize>),
    Close,
    Enter(usize),
    Link(usize),
}

fn marker(op: &Op) -> Option<Marker> {
    let Op::DefineMarkedContentPoint { tag, properties } = op else {
        return None;
    };
    match tag.as_str() {
        CLOSE => Some(Marker::Close),
        LINK => match properties.first() {
            Some(DictItem::Int(k)) => Some(Marker::Link(*k as usize)),
            _ => None,
        },
        ENTER => match properties.first() {
            Some(DictItem::Int(k)) => Some(Marker::Enter(*k as usize)),
            _ => Some(Marker::Close),
        },
        OPEN => {
            let Some(DictItem::Dict { map }) = properties.first() else {
                return None;
            };
            let text = |k: &str| match map.get(k) {
                Some(DictItem::String { data, .. }) => Some(String::from_utf8_lossy(data).into()),
                _ => None,
            };
            let mut role = match map.get("S") {
                Some(DictItem::Name(n)) => Role::from_name(n).unwrap_or(Role::P),
                _ => Role::P,
            };
            if role == Role::TH && matches!(map.get("Row"), Some(DictItem::Bool(true))) {
                role = Role::RowHeader;
            }
            let key = match map.get("Key") {
                Some(DictItem::Int(k)) => Some(*k as usize),
                _ => None,
            };
            Some(Marker::Open(
                Elem {
                    role,
                    alt: text("Alt"),
                    kids: Vec::new(),
                },
                key,
            ))
        }
        _ => None,
    }
}

fn paints(op: &Op) -> bool {
    matches!(
        op,
        Op::ShowText { .. } | Op::DrawLine { .. } | Op::DrawPolygon { .. } | Op::UseXobject { .. }
    )
}

impl Tree {
    /// The part open now (decoration is no part: the part it stands in).
    fn top(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find(|&&i| i != ARTIFACT)
            .copied()
            .unwrap_or(0)
    }

    fn add(&mut self, e: Elem) -> usize {
        let parent = self.top();
        let i = self.elems.len();
        self.elems.push(e);
        if let Some(p) = self.elems.get_mut(parent) {
            p.kids.push(Kid::Elem(i));
        }
        i
    }

    /// A page's drawing with its markers made into marked content, and the tree grown by
    /// what it draws. Parts go on from one page to the next as they were left.
    pub fn page(&mut self, ops: Vec<Op>) -> Vec<Op> {
        let page = self.parents.len();
        self.parents.push(Vec::new());
        let mut out = Vec::with_capacity(ops.len() + 8);
        let mut seg = Vec::new();
        for op in ops {
            match marker(&op) {
                None => seg.push(op),
                Some(m) => {
                    self.mark(page, std::mem::take(&mut seg), &mut out);
                    match m {
                        Marker::Open(e, _) if e.role == Role::Artifact => {
                            self.stack.push(ARTIFACT);
                        }
                        Marker::Open(mut e, key) => {
                            // A heading goes at most one level deeper than the one before
                            // it (a chapter's `###` straight under its title is read as
                            // its second level): a reader's list of headings has no holes.
                            if let Role::H(n) = e.role {
                                let n = n.clamp(1, self.heading + 1);
                                e.role = Role::H(n);
                                self.heading = n;
                            }
                            let i = self.add(e);
                            if let Some(k) = key {
                                self.keyed.insert(k, i);
                            }
                            self.stack.push(i);
                        }
                        Marker::Enter(k) => {
                            let i = self.keyed.get(&k).copied().unwrap_or(0);
                            self.stack.push(i);
                        }
                        Marker::Close => {
                            if self.stack.len() > 1 {
                                self.stack.pop();
                            }
                        }
                        Marker::Link(k) => {
                            let top = self.top();
                            if let Some(e) = self.elems.get_mut(top) {
                                e.kids.push(Kid::Link(k));
                            }
                        }
                    }
                }
            }
        }
        self.mark(page, seg, &mut out);
        out
    }

    /// Drawing between two markers, marked as what it is in the part open.
    fn mark(&mut self, page: usize, seg: Vec<Op>, out: &mut Vec<Op>) {
        if !seg.iter().any(paints) {
            out.extend(seg);
            return;
        }
        let mut top = self.top();
        let role = self.elems.get(top).map_or(Role::Document, |e| e.role);
        let text = seg.iter().any(|o| matches!(o, Op::ShowText { .. }));
        let in_artifact = self.stack.contains(&ARTIFACT);
        if in_artifact || (!role.holds_content() && !text) {
            out.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            });
            out.extend(seg);
            out.push(Op::EndMarkedContent);
            return;
        }
        if !role.holds_content() {
            // Text between the parts: a paragraph of its own.
            top = self.add(Elem {
                role: Role::P,
                alt: None,
                kids: Vec::new(),
            });
        }
        let Some(mcids) = self.parents.get_mut(page) else {
            out.extend(seg);
            return;
        };
        let mcid = mcids.len();
        mcids.push(top);
        let role = self.elems.get(top).map_or(Role::P, |e| e.role);
        if let Some(e) = self.elems.get_mut(top) {
            e.kids.push(Kid::Content { page, mcid });
        }
        out.push(Op::BeginMarkedContentWithProperties {
            tag: role.name(),
            properties: DictItem::Dict {
                map: [("MCID".to_string(), DictItem::Int(mcid as i64))]
                    .into_iter()
                    .collect(),
            },
        });
        out.extend(seg);
        out.push(Op::EndMarkedContent);
    }

    /// A link's annotation (the document's link `n`) in a part of its own under the
    /// document, for a link whose place in the text is not known.
    pub fn unplaced(&mut self, n: usize) {
        let i = self.elems.len();
        self.elems.push(Elem {
            role: Role::P,
            alt: None,
            kids: vec![Kid::Annot(n)],
        });
        if let Some(d) = self.elems.get_mut(0) {
            d.kids.push(Kid::Elem(i));
        }
    }

    /// The keys of the links whose place in the text the pages marked.
    pub fn placed(&self) -> std::collections::BTreeSet<usize> {
        self.elems
            .iter()
            .flat_map(|e| &e.kids)
            .filter_map(|k| match k {
                Kid::Link(key) => Some(*key),
                _ => None,
            })
            .collect()
    }

    /// The tree written into `doc`: the structure tree root, its parts, the parent tree
    /// (each page's marked content and each link's annotation back to its part), and each
    /// page's and annotation's key into it. `annots` are the links' annotations (by link
    /// number), with their pages; `keyed` the link number of each link's key.
    pub fn write(
        &self,
        doc: &mut lopdf::Document,
        pages: &[ObjectId],
        annots: &[(ObjectId, usize)],
        keyed: &BTreeMap<usize, usize>,
        text: impl Fn(&str) -> Object,
    ) -> lopdf::Result<ObjectId> {
        let ids: Vec<ObjectId> = self.elems.iter().map(|_| doc.new_object_id()).collect();
        let root = doc.new_object_id();
        let mut parent_of = vec![root; self.elems.len()];
        for (i, e) in self.elems.iter().enumerate() {
            for k in &e.kids {
                if let Kid::Elem(c) = k
                    && let Some(p) = parent_of.get_mut(*c)
                {
                    *p = ids[i];
                }
            }
        }
        // A link annotation's part: a Link of its own in the part it was put in.
        let mut annot_parent: BTreeMap<usize, ObjectId> = BTreeMap::new();
        let n_pages = pages.len();
        for (i, e) in self.elems.iter().enumerate() {
            let first_page = e.kids.iter().find_map(|k| match k {
                Kid::Content { page, .. } => Some(*page),
                _ => None,
            });
            let mut kids = Vec::new();
            for k in &e.kids {
                let k = match *k {
                    Kid::Link(key) => match keyed.get(&key) {
                        Some(&n) => Kid::Annot(n),
                        None => continue,
                    },
                    k => k,
                };
                match k {
                    Kid::Link(_) => {}
                    Kid::Elem(c) => kids.push(Object::Reference(ids[c])),
                    Kid::Content { page, mcid } if Some(page) == first_page => {
                        kids.push(Object::Integer(mcid as i64))
                    }
                    Kid::Content { page, mcid } => {
                        let Some(&pg) = pages.get(page) else { continue };
                        kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", Object::Reference(pg)),
                            ("MCID", Object::Integer(mcid as i64)),
                        ])));
                    }
                    Kid::Annot(n) => {
                        let Some(&(annot, page)) = annots.get(n) else {
                            continue;
                        };
                        let Some(&pg) = pages.get(page) else { continue };
                        let link = doc.add_object(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"StructElem".to_vec())),
                            ("S", Object::Name(b"Link".to_vec())),
                            ("P", Object::Reference(ids[i])),
                            (
                                "K",
                                Object::Dictionary(Dictionary::from_iter(vec![
                                    ("Type", Object::Name(b"OBJR".to_vec())),
                                    ("Pg", Object::Reference(pg)),
                                    ("Obj", Object::Reference(annot)),
                                ])),
                            ),
                        ]));
                        annot_parent.insert(n, link);
                        kids.push(Object::Reference(link));
                    }
                }
            }
            let mut d = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(e.role.name().into_bytes())),
                ("P", Object::Reference(parent_of[i])),
                ("K", Object::Array(kids)),
            ]);
            if let Some(p) = first_page.and_then(|p| pages.get(p)) {
                d.set("Pg", Object::Reference(*p));
            }
            if let Some(a) = &e.alt {
                d.set("Alt", text(a));
            }
            if matches!(e.role, Role::TH | Role::RowHeader) {
                let scope: &[u8] = if e.role == Role::TH {
                    b"Column"
                } else {
                    b"Row"
                };
                d.set(
                    "A",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("O", Object::Name(b"Table".to_vec())),
                        ("Scope", Object::Name(scope.to_vec())),
                    ])),
                );
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        // The parent tree: each page's marked content by MCID, then each annotation.
        let mut nums = Vec::new();
        for (p, parents) in self.parents.iter().enumerate() {
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(
                parents.iter().map(|&e| Object::Reference(ids[e])).collect(),
            ));
        }
        for (n, link) in &annot_parent {
            nums.push(Object::Integer((n_pages + n) as i64));
            nums.push(Object::Reference(*link));
            if let Some(&(annot, _)) = annots.get(*n)
                && let Ok(a) = doc.get_dictionary_mut(annot)
            {
                a.set("StructParent", Object::Integer((n_pages + n) as i64));
            }
        }
        for (p, id) in pages.iter().enumerate().take(self.parents.len()) {
            if let Ok(d) = doc.get_dictionary_mut(*id) {
                d.set("StructParents", Object::Integer(p as i64));
            }
        }
        let parent_tree =
            doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
        doc.objects.insert(
            root,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"StructTreeRoot".to_vec())),
                ("K", Object::Array(vec![Object::Reference(ids[0])])),
                ("ParentTree", Object::Reference(parent_tree)),
                (
                    "ParentTreeNextKey",
                    Object::Integer((n_pages + annots.len()) as i64),
                ),
            ])),
        );
        Ok(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(t: &str) -> Op {
        Op::ShowText {
            items: vec![printpdf::TextItem::Text(t.into())],
        }
    }

    fn line() -> Op {
        Op::DrawLine {
            line: printpdf::Line {
                points: Vec::new(),
                is_closed: false,
            },
        }
    }

    #[test]
    fn markers_become_marked_content_and_parts_go_on_over_pages() {
        let mut t = Tree::default();
        let p1 = t.page(vec![
            open(Role::H(1)),
            show("Titel"),
            close(),
            line(),
            open(Role::P),
            show("Første linje"),
        ]);
        let p2 = t.page(vec![show("anden linje"), close(), show("løs tekst")]);
        let tags: Vec<String> = p1
            .iter()
            .chain(&p2)
            .filter_map(|o| match o {
                Op::BeginMarkedContentWithProperties { tag, .. } => Some(tag.clone()),
                Op::BeginMarkedContent { tag } => Some(tag.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(tags, ["H1", "Artifact", "P", "P", "P"]);
        assert!(
            !p1.iter()
                .chain(&p2)
                .any(|o| matches!(o, Op::DefineMarkedContentPoint { .. })),
            "no marker is left in the drawing"
        );
        let roles: Vec<Role> = t.elems.iter().map(|e| e.role).collect();
        assert_eq!(roles, [Role::Document, Role::H(1), Role::P, Role::P]);
        assert_eq!(t.parents, vec![vec![1, 2], vec![2, 3]]);
        assert_eq!(t.elems[2].kids.len(), 2, "the paragraph on both pages");
    }

    #[test]
    fn headings_never_skip_a_level_and_links_stand_where_they_are_marked() {
        let mut t = Tree::default();
        t.page(vec![
            open(Role::H(1)),
            show("Kapitel"),
            close(),
            open(Role::H(3)),
            show("Afsnit"),
            close(),
            open(Role::P),
            show("Se"),
            link(7),
            show("Relation"),
            close(),
        ]);
        let roles: Vec<Role> = t.elems.iter().map(|e| e.role).collect();
        assert_eq!(
            roles[1..3],
            [Role::H(1), Role::H(2)],
            "H3 under H1 is read as H2"
        );
        assert!(
            matches!(t.elems[3].kids[1], Kid::Link(7)),
            "{:?}",
            t.elems[3]
        );
        assert_eq!(t.placed().into_iter().collect::<Vec<_>>(), [7]);
    }

    #[test]
    fn a_keyed_part_is_gone_back_into_and_read_whole() {
        let mut t = Tree::default();
        t.page(vec![
            keyed(Role::Sect, 1),
            close(),
            keyed(Role::Sect, 2),
            close(),
            enter(1),
            open(Role::P),
            show("a"),
            close(),
            close(),
            enter(2),
            open(Role::P),
            show("c"),
            close(),
            close(),
        ]);
        t.page(vec![enter(1), open(Role::P), show("b"), close(), close()]);
        let sect = |i: usize| t.elems[i].kids.len();
        assert_eq!((sect(1), sect(2)), (2, 1), "a and b in the first column");
    }
}
