//! A PDF document: pages of printpdf operations in, finished bytes out. printpdf writes the
//! pages and fonts; a second pass with lopdf makes the file what trinvis promises and
//! printpdf 0.12.8 does not do: the same bytes for the same content (no random ids, no clock),
//! the document's language and title, a nested outline, page labels, and fonts subset to
//! the glyphs on the pages.

use super::compact::Compact;
use super::subset::subset;
use crate::draw::font::Metrics;
use crate::draw::pdf::Faces;
use crate::draw::scene::Weight;
use crate::model::Date;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};
use std::collections::{BTreeMap, BTreeSet};

/// The fonts of the chain (the theme's two faces first), as metrics for measuring and, from
/// them, bytes for embedding.
pub struct Fonts {
    pub metrics: Metrics,
    /// Subset font programs already made, compressed, by font and glyph set: most
    /// documents of a site use the same letters, so most are made once.
    subsets: std::sync::Mutex<SubsetCache>,
    /// The fonts as printpdf reads them, each read once, when a document first uses it.
    parsed: Vec<[std::sync::OnceLock<Option<ParsedFont>>; 2]>,
}

/// A face cut down to some glyphs, ready to embed.
struct Subset {
    /// The font program, zlib-compressed.
    program: Vec<u8>,
    /// Its length uncompressed (`/Length1`).
    len: usize,
    /// The six letters before the font's name that mark it as a subset.
    tag: String,
}

/// A font of the chain and its weight: (place in the chain, 0 regular or 1 bold).
type FontKey = (usize, usize);

/// Subsets already made, by font and glyphs.
type SubsetCache = BTreeMap<(FontKey, Vec<u16>), std::sync::Arc<Subset>>;

fn weight_of(w: usize) -> Weight {
    if w == 1 {
        Weight::Bold
    } else {
        Weight::Regular
    }
}

impl Fonts {
    /// The chain's fonts, or none when printpdf cannot read the theme's own.
    pub fn new(metrics: Metrics) -> Option<Fonts> {
        let parsed = (0..metrics.faces())
            .map(|_| [std::sync::OnceLock::new(), std::sync::OnceLock::new()])
            .collect();
        let fonts = Fonts {
            metrics,
            subsets: std::sync::Mutex::new(BTreeMap::new()),
            parsed,
        };
        fonts.parsed((0, 0))?;
        fonts.parsed((0, 1))?;
        Some(fonts)
    }

    fn bytes(&self, (face, w): FontKey) -> Option<&std::sync::Arc<Vec<u8>>> {
        self.metrics.bytes(face, weight_of(w))
    }

    fn parsed(&self, key: FontKey) -> Option<&ParsedFont> {
        let cell = self.parsed.get(key.0)?.get(key.1)?;
        cell.get_or_init(|| ParsedFont::from_bytes(self.bytes(key)?, 0, &mut Vec::new()))
            .as_ref()
    }

    /// The subset of a font with `glyphs`.
    fn subset(&self, key: FontKey, glyphs: &BTreeSet<u16>) -> Option<std::sync::Arc<Subset>> {
        let cache_key = (key, glyphs.iter().copied().collect::<Vec<_>>());
        if let Ok(cache) = self.subsets.lock()
            && let Some(hit) = cache.get(&cache_key)
        {
            return Some(hit.clone());
        }
        let small = subset(self.bytes(key)?, glyphs)?;
        // Made once and shared: worth the slower, smaller setting.
        let program = zlib(&small, &[6, 5, 7])?;
        let made = std::sync::Arc::new(Subset {
            tag: letters(&program, 6),
            program,
            len: small.len(),
        });
        if let Ok(mut cache) = self.subsets.lock() {
            cache.insert(cache_key, made.clone());
        }
        Some(made)
    }
}

/// What a document draws in one font: letters drawn as text (the theme's own font), and
/// glyphs drawn by number with the letters each stands for.
#[derive(Debug, Clone, Default)]
struct Used {
    letters: BTreeSet<char>,
    glyphs: BTreeMap<u16, String>,
}

/// Letters, digits and signs every Danish document is likely to use: always in the subset,
/// so that documents share one subset and it is made (and compressed) once.
const COMMON: &str = " !\"#%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyzÆØÅæøåÉéÜü–—‘’“”«»…·•";

/// `bytes` zlib-compressed at the first of `levels` whose output holds nothing that looks
/// like a CPR number, or none. Compressed bytes are arbitrary, and now and then six digits
/// forming a date and four more come out of the compressor (270 times in the 2,252 PDFs of
/// 1,000 families at zlib-rs's fastest setting); a scanner looking for CPR numbers in the
/// files would flag them.
fn zlib(bytes: &[u8], levels: &[u32]) -> Option<Vec<u8>> {
    use std::io::Write;
    levels.iter().find_map(|&level| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
        z.write_all(bytes).ok()?;
        let out = z.finish().ok()?;
        crate::cpr::find_cpr_bytes(&out).is_empty().then_some(out)
    })
}

/// The font resource names: fixed, so that two builds write the same bytes.
const REGULAR: &str = "TrvReg";
const BOLD: &str = "TrvBol";

pub fn faces() -> Faces {
    Faces {
        regular: FontId(REGULAR.into()),
        bold: FontId(BOLD.into()),
    }
}

/// What the document says about itself.
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// `da`, `en`, …
    pub lang: String,
    /// The date the content is from (not the clock); none for a document without one.
    pub date: Option<Date>,
}

impl Meta {
    /// A document in a language of its own (a family's), when it has one.
    pub fn in_language(&mut self, lang: Option<&str>) {
        if let Some(l) = lang {
            self.lang = l.to_string();
        }
    }
}

/// A bookmark: its title, the page (from 0) it opens and the point (from the page's top)
/// it shows, and the bookmarks under it.
#[derive(Debug, Clone)]
pub struct Outline {
    pub title: String,
    pub page: usize,
    pub top: f32,
    pub children: Vec<Outline>,
}

/// How pages are numbered in a reader: the first page of a range and its style.
#[derive(Debug, Clone, Copy)]
pub struct Label {
    pub first_page: usize,
    /// `D` decimal, `r` lower-case roman.
    pub style: char,
}

/// An internal link: the rectangle (page points from the top-left) on a page that leads to
/// a point on another page.
#[derive(Debug, Clone)]
pub struct Link {
    pub page: usize,
    pub rect: super::text::Rect,
    pub to_page: usize,
    pub to_top: f32,
    /// What the link leads to, in words (the annotation's `/Contents`, which a screen reader
    /// says).
    pub contents: String,
    /// The key its place in the text was marked with ([`super::tag::link`]); a link with
    /// none (or whose mark is on no page) is put at the end of the document's structure.
    pub key: Option<usize>,
}

pub struct Doc<'a> {
    fonts: &'a Fonts,
    /// Every page's width and height, in points.
    sizes: Vec<(f32, f32)>,
    /// The pages' content streams made so far, compressed where that makes them smaller: the
    /// first pages of a long document.
    written: Vec<lopdf::Stream>,
    /// The pages after those, as drawing operations.
    held: Vec<Vec<Op>>,
    /// How many pages are held before they are written.
    hold: usize,
    /// The operations of the pages held.
    held_ops: usize,
    images: Vec<(printpdf::XObjectId, printpdf::RawImage)>,
    used: BTreeMap<FontKey, Used>,
    /// The first CPR-like number a page shows (masked), for [`Doc::finish`] to refuse.
    cpr: Option<String>,
    pub outline: Vec<Outline>,
    pub labels: Vec<Label>,
    pub links: Vec<Link>,
    /// The structure the pages' markers describe ([`super::tag`]).
    tree: super::tag::Tree,
}

/// How many pages a document holds as drawing operations before it makes them into content
/// streams: each operation takes 128 bytes, a page of the board about 40 KB.
const HELD_PAGES: usize = 64;
/// How many operations it holds at most (pages full of pictures, a family's goals as
/// staircases, have ten times a board page's): printpdf's making of the streams takes about
/// ten times their size again.
const HELD_OPS: usize = 40_000;

impl<'a> Doc<'a> {
    pub fn new(fonts: &'a Fonts) -> Doc<'a> {
        Doc {
            fonts,
            sizes: Vec::new(),
            written: Vec::new(),
            held: Vec::new(),
            hold: HELD_PAGES,
            held_ops: 0,
            images: Vec::new(),
            used: BTreeMap::new(),
            cpr: None,
            outline: Vec::new(),
            labels: Vec::new(),
            links: Vec::new(),
            tree: super::tag::Tree::default(),
        }
    }

    /// Add a page `w` × `h` points.
    pub fn page(&mut self, w: f32, h: f32, ops: Vec<Op>) {
        // Compacted: held in less once it says each thing once.
        self.sizes.push((w, h));
        let ops = self.tree.page(Compact::page(ops));
        self.held_ops += ops.len();
        self.held.push(ops);
        if self.held.len() >= self.hold || self.held_ops >= HELD_OPS {
            self.write_held();
        }
    }

    /// Make the pages held as operations into compressed content streams: a long document
    /// (the board of thousands of families, the handbook of thousands of chapters) holds a
    /// few dozen pages' operations at a time, not all of them. The streams are printpdf's
    /// own, made by it from these pages alone: a page's stream does not depend on the others
    /// (its glyphs are the whole font's, not renumbered by subsetting).
    fn write_held(&mut self) {
        use rayon::prelude::*;
        self.collect_used();
        let held = std::mem::take(&mut self.held);
        self.held_ops = 0;
        let sizes = &self.sizes[self.written.len()..];
        // Only the pictures' sizes are needed to draw them (the pictures go in at the end).
        let images = self.images.iter().map(|(id, raw)| {
            let sized = printpdf::ExternalXObject {
                stream: Default::default(),
                width: Some(printpdf::Px(raw.width)),
                height: Some(printpdf::Px(raw.height)),
                dpi: None,
            };
            (id.clone(), printpdf::XObject::External(sized))
        });
        let pdf = self.printpdf("", images.collect(), sizes, held);
        let mut doc = pdf.to_lopdf_document(&save_options(), &mut Vec::new());
        drop(pdf);
        let mut streams: Vec<lopdf::Stream> = doc
            .get_pages()
            .into_values()
            .map(|page| {
                let content = doc.get_page_contents(page).first().copied();
                match content.and_then(|id| doc.objects.remove(&id)) {
                    Some(Object::Stream(st)) => st,
                    _ => lopdf::Stream::new(Dictionary::new(), Vec::new()),
                }
            })
            .collect();
        streams.par_iter_mut().for_each(compress_stream);
        self.written.append(&mut streams);
    }

    /// printpdf's document of `pages`, sized as `sizes`, with the fonts and `images`.
    fn printpdf(
        &self,
        title: &str,
        images: Vec<(printpdf::XObjectId, printpdf::XObject)>,
        sizes: &[(f32, f32)],
        pages: Vec<Vec<Op>>,
    ) -> PdfDocument {
        let mut pdf = PdfDocument::new(title);
        // The theme's two faces always (as before the chain); the others where used.
        let faces = faces();
        let keys = [(0, 0), (0, 1)]
            .into_iter()
            .chain(self.used.keys().copied().filter(|k| k.0 > 0));
        for key in keys {
            if let Some(font) = self.fonts.parsed(key) {
                pdf.resources.fonts.map.insert(
                    faces.id(key.0, weight_of(key.1)),
                    PdfFont::new(font.clone()),
                );
            }
        }
        pdf.resources.xobjects.map.extend(images);
        pdf.pages = sizes
            .iter()
            .zip(pages)
            .map(|(&(w, h), ops)| {
                let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
                let r = printpdf::Rect::from_wh(printpdf::Pt(w), printpdf::Pt(h));
                p.media_box = r.clone();
                p.trim_box = r.clone();
                p.crop_box = r;
                p
            })
            .collect();
        pdf
    }

    /// Make a picture available to the pages (drawn with [`super::image::Image::draw`]):
    /// before the pages that draw it are added, as pages are made into streams as they come.
    pub fn image(&mut self, img: &super::image::Image) {
        if !self.images.iter().any(|(id, _)| *id == img.id) {
            self.images.push((img.id.clone(), img.raw.clone()));
        }
    }

    /// Record the characters the held pages draw (for subsetting), from the text ops; and
    /// look at the text each page shows, its pieces in the order they are drawn with a space
    /// between them, for a CPR-like number (the last look: the texts were checked where they
    /// were written).
    fn collect_used(&mut self) {
        let mut shown = String::new();
        let faces = faces();
        for ops in &self.held {
            let mut key = (0, 0);
            shown.clear();
            for op in ops {
                match op {
                    Op::SetFont {
                        font: printpdf::PdfFontHandle::External(id),
                        ..
                    } => {
                        key = faces
                            .which(&id.0)
                            .map_or((0, 0), |(f, w)| (f, usize::from(w == Weight::Bold)))
                    }
                    Op::ShowText { items } => {
                        let used = self.used.entry(key).or_default();
                        for it in items {
                            match it {
                                printpdf::TextItem::Text(t) => {
                                    used.letters.extend(t.chars());
                                    shown.push_str(t);
                                }
                                printpdf::TextItem::GlyphIds(gs) => {
                                    for g in gs {
                                        let t = g.cid.clone().unwrap_or_default();
                                        shown.push_str(&t);
                                        used.glyphs.entry(g.gid).or_insert(t);
                                    }
                                }
                                printpdf::TextItem::Offset(_) => {}
                            }
                        }
                        shown.push(' ');
                    }
                    _ => {}
                }
            }
            if self.cpr.is_none()
                && let Some(r) = crate::cpr::find_cpr(&shown).into_iter().next()
            {
                self.cpr = Some(crate::cpr::mask(&shown[r]));
            }
        }
    }

    /// The first CPR-like number in what the document shows or names: its pages, its title
    /// and its bookmarks.
    fn cpr_shown(&self, meta: &Meta) -> Option<String> {
        fn titles<'o>(o: &'o [Outline], out: &mut Vec<&'o str>) {
            for x in o {
                out.push(&x.title);
                titles(&x.children, out);
            }
        }
        let mut texts = vec![
            meta.title.as_str(),
            meta.author.as_str(),
            meta.subject.as_str(),
        ];
        titles(&self.outline, &mut texts);
        self.cpr.clone().or_else(|| {
            texts.into_iter().find_map(|t| {
                let r = crate::cpr::find_cpr(t).into_iter().next()?;
                Some(crate::cpr::mask(&t[r]))
            })
        })
    }

    /// A file of pages all of one size, and nothing else.
    pub fn of_pages(
        fonts: &Fonts,
        (w, h): (f32, f32),
        pages: Vec<Vec<Op>>,
        meta: &Meta,
    ) -> Result<Vec<u8>, String> {
        let mut doc = Doc::new(fonts);
        for ops in pages {
            doc.page(w, h, ops);
        }
        doc.finish(meta)
    }

    /// The finished file.
    pub fn finish(mut self, meta: &Meta) -> Result<Vec<u8>, String> {
        self.collect_used();
        if let Some(number) = self.cpr_shown(meta) {
            return Err(format!(
                "PDF'en ville vise noget, der ligner et CPR-nummer ({number}); den er ikke lavet. {}",
                crate::privacy::CPR_HELP
            ));
        }
        let mut pages: Vec<Vec<Op>> = vec![Vec::new(); self.written.len()];
        pages.append(&mut self.held);
        // The pages already written stand in empty, the first showing every letter the
        // document uses: printpdf makes the fonts' widths and text maps from the letters the
        // pages show. Its drawing is replaced by its own below, like the others'.
        if let Some(first) = pages.first_mut().filter(|_| !self.written.is_empty()) {
            *first = self.every_letter();
        }
        let images: Vec<_> = self
            .images
            .drain(..)
            .map(|(id, raw)| (id, printpdf::XObject::Image(raw)))
            .collect();
        let pdf = self.printpdf(&meta.title, images, &self.sizes, pages);
        let mut warnings = Vec::new();
        // printpdf's document as lopdf objects, fixed in place (not written out and read
        // back).
        let mut doc = pdf.to_lopdf_document(&save_options(), &mut warnings);
        // The drawing operations are in the objects now: a long document does not keep both.
        drop(pdf);
        let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        for (page, stream) in page_ids.iter().zip(std::mem::take(&mut self.written)) {
            if let Some(&id) = doc.get_page_contents(*page).first() {
                doc.objects.insert(id, Object::Stream(stream));
            }
        }
        let heights: Vec<f32> = self.sizes.iter().map(|&(_, h)| h).collect();
        let tree = std::mem::take(&mut self.tree);
        self.fix(&mut doc, meta, &heights, tree)
            .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        doc.save_to(&mut out).map_err(|e| e.to_string())?;
        // The file's id: a hash of everything else in it.
        Ok(with_id(out))
    }

    /// A page's drawing that shows every letter the document uses, in each face.
    fn every_letter(&self) -> Vec<Op> {
        let faces = faces();
        let mut ops = vec![Op::StartTextSection];
        for (&(face, w), used) in &self.used {
            ops.push(Op::SetFont {
                font: printpdf::PdfFontHandle::External(faces.id(face, weight_of(w))),
                size: printpdf::Pt(10.0),
            });
            let mut items = Vec::new();
            if !used.letters.is_empty() {
                items.push(printpdf::TextItem::Text(used.letters.iter().collect()));
            }
            if !used.glyphs.is_empty() {
                items.push(printpdf::TextItem::GlyphIds(
                    used.glyphs
                        .iter()
                        .map(|(g, t)| printpdf::Codepoint::with_cid(*g, 0.0, t.clone()))
                        .collect(),
                ));
            }
            ops.push(Op::ShowText { items });
        }
        ops.push(Op::EndTextSection);
        ops
    }

    fn fix(
        &self,
        doc: &mut lopdf::Document,
        meta: &Meta,
        heights: &[f32],
        mut tree: super::tag::Tree,
    ) -> lopdf::Result<()> {
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let text = |s: &str| Object::String(utf16(s), StringFormat::Hexadecimal);
        let mut info = Dictionary::from_iter(vec![
            ("Title", text(&meta.title)),
            ("Author", text(&meta.author)),
            ("Subject", text(&meta.subject)),
            ("Creator", text("trinvis")),
            ("Producer", text("trinvis med printpdf 0.12.8")),
        ]);
        if let Some(d) = meta.date {
            let stamp = format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day);
            info.set("CreationDate", Object::string_literal(stamp.clone()));
            info.set("ModDate", Object::string_literal(stamp));
        }
        let info_id = doc.add_object(info);
        doc.trailer.set("Info", info_id);
        doc.trailer.remove(b"ID");

        // Fonts: the subset program in place of the whole one, with a tag made from it.
        let faces = faces();
        let mut font_files: Vec<(ObjectId, ObjectId, FontKey)> = Vec::new();
        for (id, obj) in &doc.objects {
            if let Ok(d) = obj.as_dict()
                && d.get(b"Type").and_then(Object::as_name).ok()
                    == Some(b"FontDescriptor".as_slice())
                && let Ok(file) = d.get(b"FontFile2").and_then(Object::as_reference)
            {
                let name = d
                    .get(b"FontName")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).to_string())
                    .unwrap_or_default();
                // printpdf names the font after its resource.
                let key = (0..name.len())
                    .filter(|&i| name.is_char_boundary(i))
                    .find_map(|i| faces.which(&name[i..]))
                    .map_or((0, 0), |(f, w)| (f, usize::from(w == Weight::Bold)));
                font_files.push((*id, file, key));
            }
        }
        let mut renames: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for (desc, file, key) in font_files {
            let Some(bytes) = self.fonts.bytes(key) else {
                continue;
            };
            let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
                continue;
            };
            let used = self.used.get(&key).cloned().unwrap_or_default();
            let common = if key.0 == 0 { COMMON } else { "" };
            let glyphs: BTreeSet<u16> = used
                .letters
                .iter()
                .copied()
                .chain(common.chars())
                .filter_map(|c| face.glyph_index(c))
                .map(|g| g.0)
                .chain(used.glyphs.keys().copied())
                .collect();
            let Some(sub) = self.fonts.subset(key, &glyphs) else {
                continue;
            };
            if let Ok(Object::Stream(s)) = doc.get_object_mut(file) {
                s.dict.set("Length1", sub.len as i64);
                s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                s.set_content(sub.program.clone());
            }
            let d = doc.get_dictionary_mut(desc)?;
            let old = d.get(b"FontName")?.as_name()?.to_vec();
            let own = match key {
                (0, 1) => "TrinvisSans-Bold".to_string(),
                (0, _) => "TrinvisSans-Regular".to_string(),
                _ => postscript_name(&face),
            };
            let new = format!("{}+{own}", sub.tag).into_bytes();
            d.set("FontName", Object::Name(new.clone()));
            renames.insert(old, new);
        }
        for obj in doc.objects.values_mut() {
            if let Object::Dictionary(d) = obj
                && let Ok(name) = d.get(b"BaseFont").and_then(Object::as_name)
                && let Some(new) = renames.get(name)
            {
                d.set("BaseFont", Object::Name(new.clone()));
            }
        }

        // Outline and internal links point at pages by their objects.
        let outline = if self.outline.is_empty() {
            None
        } else {
            Some(add_outline(doc, &self.outline, &pages, heights))
        };
        // Each link: an annotation saying where it leads, in a Link part of the structure.
        let mut annots: Vec<(ObjectId, usize)> = Vec::new();
        let placed = tree.placed();
        let mut keyed: BTreeMap<usize, usize> = BTreeMap::new();
        for l in &self.links {
            let (Some(&from), Some(&to)) = (pages.get(l.page), pages.get(l.to_page)) else {
                continue;
            };
            let h = heights.get(l.page).copied().unwrap_or(0.0);
            let th = heights.get(l.to_page).copied().unwrap_or(0.0);
            let (x0, y0, x1, y1) = l.rect;
            let annot = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                (
                    "Rect",
                    Object::Array(vec![x0.into(), (h - y1).into(), x1.into(), (h - y0).into()]),
                ),
                ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
                ("Dest", dest(to, th - l.to_top)),
                ("Contents", text(&l.contents)),
                ("F", Object::Integer(4)),
            ]);
            let annot_id = doc.add_object(annot);
            match l.key.filter(|k| placed.contains(k)) {
                Some(k) => {
                    keyed.insert(k, annots.len());
                }
                None => tree.unplaced(annots.len()),
            }
            annots.push((annot_id, l.page));
            let page = doc.get_dictionary_mut(from)?;
            // Links are visited in the order of the structure.
            page.set("Tabs", Object::Name(b"S".to_vec()));
            match page.get_mut(b"Annots") {
                Ok(Object::Array(a)) => a.push(annot_id.into()),
                _ => page.set("Annots", Object::Array(vec![annot_id.into()])),
            }
        }
        let struct_root = tree.write(doc, &pages, &annots, &keyed, text)?;
        let xmp = xmp(meta);
        let mut metadata = lopdf::Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Metadata".to_vec())),
                ("Subtype", Object::Name(b"XML".to_vec())),
            ]),
            xmp.into_bytes(),
        );
        // Left readable, as the format asks of metadata a reader may look for.
        metadata.allows_compression = false;
        let metadata = doc.add_object(metadata);

        let catalog = doc.catalog_mut()?;
        catalog.set("Lang", Object::string_literal(meta.lang.clone()));
        // printpdf's XMP metadata (with a time in it) goes; nothing else points at it, so it
        // is taken out directly instead of by walking every object (that walk took a sixth of
        // a large PDF's time). The free number it leaves is allowed by the format.
        if let Some(Object::Reference(id)) = catalog.remove(b"Metadata") {
            doc.objects.remove(&id);
        }
        let catalog = doc.catalog_mut()?;
        catalog.set("Metadata", metadata);
        catalog.set("StructTreeRoot", struct_root);
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
        catalog.remove(b"PageMode");
        if let Some(o) = outline {
            catalog.set("Outlines", o);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        if !self.labels.is_empty() {
            let mut nums = Vec::new();
            for l in &self.labels {
                nums.push(Object::Integer(l.first_page as i64));
                nums.push(Object::Dictionary(Dictionary::from_iter(vec![(
                    "S",
                    Object::Name(vec![l.style as u8]),
                )])));
            }
            catalog.set(
                "PageLabels",
                Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))])),
            );
        }

        compress(doc);
        Ok(())
    }
}

/// The document's XMP metadata: its title, author, subject and language, the date of its
/// content (never the clock), and that it claims PDF/UA-1.
fn xmp(meta: &Meta) -> String {
    let esc = crate::draw::escaped;
    let date = meta.date.map_or(String::new(), |d| {
        let stamp = format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day);
        format!("<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>")
    });
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Producer>trinvis med printpdf 0.12.8</pdf:Producer><xmp:CreatorTool>trinvis</xmp:CreatorTool>{date}\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"r\"?>",
        title = esc(&meta.title),
        author = esc(&meta.author),
        subject = esc(&meta.subject),
        lang = esc(&meta.lang),
    )
}

/// Every stream not yet compressed (the pages' drawing).
fn compress(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
    // On every core: a long PDF (the handbook's) has a stream for each of its pages.
    doc.objects.par_iter_mut().for_each(|(_, obj)| {
        if let Object::Stream(st) = obj {
            compress_stream(st);
        }
    });
}

/// A stream compressed at a fast setting, unless it is compressed already or would not get
/// smaller: made for every page of every document, where the default setting cost a sixth of
/// the PDF time. Level 2, not 1: zlib-rs's level 1 is a looser method, 6 % bigger in the same
/// time, and its output looked like a CPR number far more often.
fn compress_stream(st: &mut lopdf::Stream) {
    if st.dict.has(b"Filter") || !st.allows_compression {
        return;
    }
    if let Some(small) = zlib(&st.content, &[2, 1, 3])
        && small.len() < st.content.len()
    {
        st.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        st.set_content(small);
    }
}

/// How printpdf is to make its document: uncompressed, as the fonts are replaced by their
/// subsets and every stream is compressed once at the end (printpdf and lopdf compress at
/// the slowest level).
fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    }
}

fn dest(page: ObjectId, top: f32) -> Object {
    Object::Array(vec![
        page.into(),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        top.into(),
        Object::Null,
    ])
}

/// Outline items, nested, linked First/Last/Next/Prev/Parent as the format wants.
fn add_outline(
    doc: &mut lopdf::Document,
    items: &[Outline],
    pages: &[ObjectId],
    heights: &[f32],
) -> ObjectId {
    let root = doc.new_object_id();
    let (first, last, count) = add_items(doc, items, root, pages, heights);
    let mut d = Dictionary::from_iter(vec![("Type", Object::Name(b"Outlines".to_vec()))]);
    if let (Some(f), Some(l)) = (first, last) {
        d.set("First", f);
        d.set("Last", l);
        d.set("Count", count as i64);
    }
    doc.objects.insert(root, Object::Dictionary(d));
    root
}

fn add_items(
    doc: &mut lopdf::Document,
    items: &[Outline],
    parent: ObjectId,
    pages: &[ObjectId],
    heights: &[f32],
) -> (Option<ObjectId>, Option<ObjectId>, usize) {
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    let mut count = items.len();
    for (i, it) in items.iter().enumerate() {
        let (first, last, n) = add_items(doc, &it.children, ids[i], pages, heights);
        count += n;
        let page = pages.get(it.page).copied().unwrap_or(pages[0]);
        let h = heights.get(it.page).copied().unwrap_or(0.0);
        let mut d = Dictionary::from_iter(vec![
            (
                "Title",
                Object::String(utf16(&it.title), StringFormat::Hexadecimal),
            ),
            ("Parent", parent.into()),
            ("Dest", dest(page, h - it.top)),
        ]);
        if i > 0 {
            d.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d.set("Next", ids[i + 1]);
        }
        if let (Some(f), Some(l)) = (first, last) {
            d.set("First", f);
            d.set("Last", l);
            // Chapters open, showing their sections.
            d.set("Count", n as i64);
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids.first().copied(), ids.last().copied(), count)
}

/// UTF-16BE with a byte-order mark: how PDF text strings hold æ, ø and å.
fn utf16(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

/// FNV-1a, 64 bits: for names that must be the same in every build.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// `n` capital letters (at most 13) made from `bytes`: a name that is the same in every build
/// and has no digits, so never anything like a CPR number. Six of them tag a font subset.
pub fn letters(bytes: &[u8], n: usize) -> String {
    let mut h = fnv(bytes);
    (0..n)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// Put a trailer `/ID` made from the file's own bytes before its trailer.
fn with_id(mut pdf: Vec<u8>) -> Vec<u8> {
    // SHA-256, its first 16 bytes (the usual length): two FNV passes, a byte at a time, took
    // 7 % of the PDF stage's time; SHA-256 runs in the processor's own instructions. Hashed
    // again while its digits look like a CPR number.
    use sha2::Digest;
    let hex = |h: &[u8]| {
        h[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let mut hash = sha2::Sha256::digest(&pdf);
    let mut id = hex(&hash);
    while !crate::cpr::find_cpr(&id).is_empty() {
        hash = sha2::Sha256::digest(hash);
        id = hex(&hash);
    }
    let Some(at) = find_last(&pdf, b"trailer") else {
        return pdf;
    };
    let Some(open) = find_from(&pdf, at, b"<<") else {
        return pdf;
    };
    let insert = format!("/ID[<{id}><{id}>]");
    pdf.splice(open + 2..open + 2, insert.bytes());
    pdf
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// A font's PostScript name (name 6), letters and digits and hyphens only.
fn postscript_name(face: &ttf_parser::Face) -> String {
    let name = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())
        .unwrap_or_default();
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if clean.is_empty() {
        "Font".into()
    } else {
        clean
    }
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::palette::INK;
    use crate::draw::pdf::text;
    use crate::draw::scene::Weight;

    #[test]
    fn compressed_streams_never_look_like_a_cpr_number() {
        use std::io::Read;
        let text = b"Born 120385-1234 is not in the content, but stored bytes keep it";
        assert_eq!(
            zlib(text, &[0]),
            None,
            "level 0 stores the bytes as they are"
        );
        let z = zlib(text, &[0, 2]).unwrap();
        assert!(crate::cpr::find_cpr_bytes(&z).is_empty());
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&z[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }

    /// The standard theme's two faces, as a build has them.
    fn standard_fonts() -> Fonts {
        Fonts::new(crate::draw::font::standard()).unwrap()
    }

    #[test]
    fn pages_written_as_they_come_give_the_same_file() {
        let fonts = standard_fonts();
        let picture = crate::output::pdf::image::Image {
            id: printpdf::XObjectId("Img".into()),
            raw: printpdf::RawImage {
                pixels: printpdf::RawImageData::U8(vec![200; 2 * 3 * 3]),
                width: 2,
                height: 3,
                data_format: printpdf::RawImageFormat::RGB8,
                tag: Vec::new(),
            },
        };
        let meta = Meta {
            title: "Tavle".into(),
            author: "Teamet".into(),
            subject: String::new(),
            lang: "da".into(),
            date: None,
        };
        let f = faces();
        let file = |hold: usize| {
            let mut doc = Doc::new(&fonts);
            doc.hold = hold;
            doc.image(&picture);
            for i in 0..10 {
                let mut ops = Vec::new();
                // Letters only some pages show, in both faces: the fonts must have them all.
                let words = ["Æblegrød", "Zebra", "Quiz", "wøx"][i % 4];
                let weight = if i > 6 { Weight::Bold } else { Weight::Regular };
                text(
                    &mut ops,
                    &f,
                    &fonts.metrics,
                    800.0,
                    (10.0, 20.0),
                    words,
                    10.0,
                    weight,
                    INK,
                );
                picture.draw(&mut ops, (100.0, 100.0, 30.0), 800.0);
                doc.page(600.0, 800.0, ops);
            }
            doc.outline.push(Outline {
                title: "Side 9".into(),
                page: 8,
                top: 10.0,
                children: Vec::new(),
            });
            doc.finish(&meta).unwrap()
        };
        let whole = file(usize::MAX);
        for hold in [1, 3, 9] {
            assert!(file(hold) == whole, "written {hold} pages at a time");
        }
        let read = lopdf::Document::load_mem(&whole).unwrap();
        assert_eq!(read.get_pages().len(), 10);
        let shown = (1..=10)
            .map(|p| read.extract_text(&[p]).unwrap())
            .collect::<String>();
        for w in ["Æblegrød", "Zebra", "Quiz", "wøx"] {
            assert!(shown.contains(w), "{w} in {shown}");
        }
    }

    #[test]
    fn a_document_that_would_show_a_cpr_number_is_refused() {
        let fonts = standard_fonts();
        let f = faces();
        let meta = |title: &str| Meta {
            title: title.into(),
            author: "Teamet".into(),
            subject: String::new(),
            lang: "da".into(),
            date: None,
        };
        let doc = |pieces: &[&str]| {
            let mut doc = Doc::new(&fonts);
            doc.hold = 1;
            for p in 0..3 {
                let mut ops = Vec::new();
                for (i, w) in pieces.iter().enumerate() {
                    let y = 20.0 + 20.0 * i as f32;
                    text(
                        &mut ops,
                        &f,
                        &fonts.metrics,
                        800.0,
                        (10.0, y),
                        w,
                        10.0,
                        Weight::Regular,
                        INK,
                    );
                }
                if p == 2 {
                    doc.page(600.0, 800.0, ops);
                } else {
                    doc.page(600.0, 800.0, Vec::new());
                }
            }
            doc
        };
        // On the last page, whether written with the others or held to the end; in one
        // piece, or in two drawn beside each other.
        for pieces in [&["Født 120385-1234"][..], &["Født 120385", "1234"]] {
            let e = doc(pieces).finish(&meta("Plan")).unwrap_err();
            assert!(
                e.contains("120385-****") || e.contains("120385 ****"),
                "{e}"
            );
            assert!(!e.contains("1234"), "{e}");
        }
        let e = doc(&["Plan"])
            .finish(&meta("Plan 120385-1234"))
            .unwrap_err();
        assert!(e.contains("CPR"), "{e}");
        assert!(
            doc(&["Født 1985, tlf. 12 34 56 78"])
                .finish(&meta("Plan"))
                .is_ok()
        );
    }
}
