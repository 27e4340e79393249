//! Every PDF is tagged (PDF/UA-1's checkpoints that can be read back without veraPDF): the
//! structure tree is walked from its root, every page's drawing is read operation by
//! operation, and poppler reads the tree as text.

use crate::common::*;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use trinvis::config::Paths;

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    out.sort();
    out
}

fn dict<'d>(doc: &'d Document, o: &'d Object) -> &'d Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        o => panic!("not a dictionary: {o:?}"),
    }
}

fn name(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// What the walk of the tree found.
#[derive(Default)]
struct Walk {
    /// (page object, MCID) → the element holding it.
    content: BTreeMap<(ObjectId, i64), ObjectId>,
    /// Heading levels in reading order.
    headings: Vec<u8>,
    /// Every element's type, in reading order.
    roles: Vec<String>,
    /// Link elements and the annotation each holds.
    links: BTreeMap<ObjectId, ObjectId>,
    /// The type of the element each Link element stands in.
    link_parents: Vec<String>,
    problems: Vec<String>,
}

fn walk(doc: &Document, id: ObjectId, page: Option<ObjectId>, parent: &str, w: &mut Walk) {
    let e = doc.get_dictionary(id).unwrap();
    let role = name(e, b"S");
    if role == "Link" {
        w.link_parents.push(parent.to_string());
    }
    assert_eq!(name(e, b"Type"), "StructElem", "{id:?}");
    let page = e.get(b"Pg").and_then(Object::as_reference).ok().or(page);
    if let Some(l) = role.strip_prefix('H').and_then(|n| n.parse::<u8>().ok()) {
        w.headings.push(l);
    }
    if role == "Figure" {
        let alt = e.get(b"Alt").map(pdf_string).unwrap_or_default();
        if alt.trim().is_empty() {
            w.problems.push(format!("a figure without /Alt: {id:?}"));
        }
    }
    if role == "TH" {
        let scope = e
            .get(b"A")
            .map(|a| name(dict(doc, a), b"Scope"))
            .unwrap_or_default();
        if scope != "Column" && scope != "Row" {
            w.problems
                .push(format!("a header cell without a scope: {id:?}"));
        }
    }
    w.roles.push(role.clone());
    let kids = match e.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    };
    for k in kids {
        match k {
            Object::Integer(mcid) => {
                let page = page.expect("an MCID with a page");
                w.content.insert((page, mcid), id);
            }
            Object::Reference(kid) => walk(doc, kid, page, &role, w),
            Object::Dictionary(d) => match name(&d, b"Type").as_str() {
                "MCR" => {
                    let pg = d.get(b"Pg").unwrap().as_reference().unwrap();
                    let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                    w.content.insert((pg, mcid), id);
                }
                "OBJR" => {
                    assert_eq!(role, "Link", "an annotation in a {role}");
                    let annot = d.get(b"Obj").unwrap().as_reference().unwrap();
                    w.links.insert(id, annot);
                }
                t => panic!("a kid of type {t}"),
            },
            o => panic!("a kid {o:?}"),
        }
    }
}

/// Every text a page shows, and whether it is in marked content with an MCID (its number)
/// or an artifact; returns the MCIDs and the texts outside both.
fn page_content(doc: &Document, page: ObjectId) -> (BTreeSet<i64>, Vec<String>) {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    // Each open sequence: Some(Some(mcid)), Some(None) for an artifact, None for another.
    let mut stack: Vec<Option<Option<i64>>> = Vec::new();
    let mut mcids = BTreeSet::new();
    let mut loose = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                let tag = op.operands[0].as_name().unwrap_or_default();
                if tag == b"Artifact" {
                    stack.push(Some(None));
                    continue;
                }
                let mcid = op.operands.get(1).and_then(|p| match p {
                    Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    _ => None,
                });
                if let Some(m) = mcid {
                    assert!(mcids.insert(m), "MCID {m} twice on a page");
                    assert!(
                        !stack.iter().any(|s| matches!(s, Some(Some(_)))),
                        "marked content with an MCID inside another"
                    );
                    stack.push(Some(Some(m)));
                } else {
                    stack.push(None);
                }
            }
            "EMC" => {
                stack.pop().expect("EMC without BMC/BDC");
            }
            "Tj" | "TJ" | "'" | "\"" if !stack.iter().any(Option::is_some) => {
                loose.push(format!("{:?}", op.operands));
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "marked content left open at a page's end");
    (mcids, loose)
}

fn check(path: &Path) -> Walk {
    let who = path.display().to_string();
    let doc = Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark = catalog.get(b"MarkInfo").map(|m| dict(&doc, m)).unwrap();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap(), "{who}");
    let prefs = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    let lang = pdf_string(catalog.get(b"Lang").unwrap());
    assert!(!lang.is_empty(), "{who}: no /Lang");
    // The metadata: the title and the PDF/UA claim.
    let meta = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let Object::Stream(s) = doc.get_object(meta).unwrap() else {
        panic!("{who}: metadata not a stream")
    };
    let xmp = String::from_utf8(s.content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{who}");
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let title = pdf_string(doc.get_dictionary(info).unwrap().get(b"Title").unwrap());
    assert!(!title.is_empty(), "{who}: no title");
    let esc = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(xmp.contains(&format!(">{esc}</rdf:li>")), "{who}: {xmp}");

    // The tree, from its root.
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    assert_eq!(name(root, b"Type"), "StructTreeRoot");
    let mut w = Walk::default();
    for k in root.get(b"K").unwrap().as_array().unwrap() {
        walk(&doc, k.as_reference().unwrap(), None, "", &mut w);
    }
    assert_eq!(
        w.roles.first().map(String::as_str),
        Some("Document"),
        "{who}"
    );
    assert!(w.problems.is_empty(), "{who}: {:?}", w.problems);
    // Headings in order: the first is H1, none goes more than one level deeper.
    assert_eq!(w.headings.first(), Some(&1), "{who}: {:?}", w.headings);
    for p in w.headings.windows(2) {
        assert!(p[1] <= p[0] + 1, "{who}: H{} after H{}", p[1], p[0]);
    }

    // The parent tree.
    let parent_tree = dict(&doc, root.get(b"ParentTree").unwrap());
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|c| (c[0].as_i64().unwrap(), &c[1]))
        .collect();

    // Every page: each text in tagged content or an artifact, each MCID in the tree and
    // the parent tree.
    for (n, page) in doc.get_pages() {
        let (mcids, loose) = page_content(&doc, page);
        assert!(loose.is_empty(), "{who} page {n}: untagged text {loose:?}");
        let in_tree: BTreeSet<i64> = w
            .content
            .keys()
            .filter(|(p, _)| *p == page)
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(mcids, in_tree, "{who} page {n}: content and tree differ");
        let pd = doc.get_dictionary(page).unwrap();
        if !mcids.is_empty() {
            let key = pd.get(b"StructParents").unwrap().as_i64().unwrap();
            let list = parents[&key].as_array().unwrap();
            for m in &mcids {
                assert_eq!(
                    list[*m as usize].as_reference().unwrap(),
                    w.content[&(page, *m)],
                    "{who} page {n}: MCID {m}'s parent"
                );
            }
        }
        // Links: each in a Link element, said in words, visited in the structure's order.
        if let Ok(annots) = pd.get(b"Annots").and_then(Object::as_array)
            && !annots.is_empty()
        {
            assert_eq!(name(pd, b"Tabs"), "S", "{who} page {n}");
            for a in annots {
                let id = a.as_reference().unwrap();
                let ad = doc.get_dictionary(id).unwrap();
                assert!(!pdf_string(ad.get(b"Contents").unwrap()).trim().is_empty());
                let key = ad.get(b"StructParent").unwrap().as_i64().unwrap();
                let link = parents[&key].as_reference().unwrap();
                assert_eq!(w.links.get(&link), Some(&id), "{who}: link {id:?}");
            }
        }
    }

    // Poppler reads the tree without complaint.
    let o = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(path)
        .output()
        .expect("pdfinfo (apt-get install poppler-utils)");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && err.trim().is_empty(), "{who}: {err}");
    w
}

/// The words of a text, each with how often it stands there.
fn words(t: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for w in t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_string()).or_default() += 1;
    }
    out
}

/// The words `a` has that `b` has not at all (poppler leaves out a word drawn twice in the
/// same place, as a chart's scale can, so how often each stands is not compared).
fn missing(a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>) -> Vec<String> {
    a.keys().filter(|w| !b.contains_key(*w)).cloned().collect()
}

/// The words poppler reads from the tree, and those it reads from the pages.
fn tree_and_page_words(path: &Path) -> (BTreeMap<String, usize>, BTreeMap<String, usize>) {
    let tree: String = struct_text(path)
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix('"'))
        .collect::<Vec<_>>()
        .join("\n");
    (words(&tree), words(&pdf_text_on_pages(path).concat()))
}

/// poppler's reading of the tree: each element's text, in the tree's order.
fn struct_text(path: &Path) -> String {
    let o = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn every_pdf_is_tagged_in_reading_order_with_its_text_figures_tables_and_links() {
    let (_dir, root) = extreme_site();
    let out = root.join("ud");
    let r = trinvis::build(&Paths::new(&root, Some(&out)));
    assert!(r.ok(), "{}", r.diagnostics);
    let all = pdfs(&out);
    assert!(all.len() >= 20, "{all:?}");
    let mut roles: BTreeMap<String, usize> = BTreeMap::new();
    for p in &all {
        let w = check(p);
        // The tree says every word the page shows, and nothing it does not: a word of the
        // page missing from the tree is decoration (a running head, a page number, a table's
        // header again, a step's number in its mark). Pages read from the right are left to
        // the tests of the family's language: poppler orders their words itself.
        let arabic = Document::load(p)
            .ok()
            .and_then(|d| d.catalog().ok()?.get(b"Lang").ok().map(pdf_string))
            .is_some_and(|l| l == "ar");
        if !arabic {
            let (tree, page) = tree_and_page_words(p);
            let extra = missing(&tree, &page);
            assert!(
                extra.is_empty(),
                "{}: {extra:?} not on the pages",
                p.display()
            );
            let name = p.file_name().unwrap().to_string_lossy();
            if ["diplom.pdf", "rejse.pdf", "vores-rejse.pdf"].contains(&name.as_ref()) {
                let lost = missing(&page, &tree);
                assert!(lost.is_empty(), "{}: {lost:?} not in the tree", p.display());
            }
        }
        for r in w.roles {
            *roles.entry(r).or_default() += 1;
        }
    }
    for role in [
        "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure",
        "Caption", "Link",
    ] {
        assert!(roles.contains_key(role), "no {role} in any PDF: {roles:?}");
    }

    // The handbook's links stand where they are in the text: in the paragraph, the table
    // cell, the contents' line.
    let h = check(&out.join("metode/metodehaandbog.pdf"));
    assert!(h.link_parents.len() > 100, "{}", h.link_parents.len());
    for p in &h.link_parents {
        assert!(
            ["P", "TD", "TH", "LBody", "Lbl"].contains(&p.as_str()),
            "a link in a {p}"
        );
    }

    // The diploma's two columns are read one after the other, each heading before its
    // list, and the signatures last.
    let d = struct_text(&out.join("familier/berg/diplom.pdf"));
    let at = |t: &str| d.find(t).unwrap_or_else(|| panic!("{t:?} not in {d}"));
    assert!(at("Familien Berg") < at("Det har I opnået"));
    assert!(at("Det har I opnået") < at("Tina har fået fleksjob"));
    assert!(at("har fået nye venner") < at("Det skal I blive ved med"));
    assert!(at("Det skal I blive ved med") < at("At sige til, når noget"));
    assert!(at("At spise morgenmad sammen") < at("Jeres livline"));
    assert!(at("Jeres livline") < at("Lone Bach"));
    // A line broken from the next is read with a space between them.
    assert!(d.contains("fleksjob i supermarkedet og er glad"), "{d}");

    // The board: each trin's column read whole, its heading before its families.
    let b = struct_text(&out.join("tavle.pdf"));
    let at = |t: &str| b.find(t).unwrap_or_else(|| panic!("{t:?} not in {b}"));
    assert!(at("Trin 1 Invitation") < at("Familien Haddad"));
    assert!(at("Familien Haddad") < at("Trin 2 Relation"));

    // The family's plan: the goals' columns are read whole, one after the other.
    let p = struct_text(&out.join("familier/holm/vores-plan.pdf"));
    let at = |t: &str| p.find(t).unwrap_or_else(|| panic!("{t:?} not in {p}"));
    assert!(at("Sanne · Beskæftigelse") < at("Øge praktikken til 20 timer"));
    assert!(at("Øge praktikken til 20 timer") < at("Kenneth · Beskæftigelse"));
}
