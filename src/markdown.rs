//! Markdown via pulldown-cmark: the options every reader uses, scanning a body for links,
//! images and raw HTML (for the route table), and heading anchors. Rendering is
//! `views::rich` (format-neutral) and `output::html_rich`.

use pulldown_cmark::{Event, Options, Parser, Tag};

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefKind {
    Link,
    Image,
    RawHtml,
    /// An HTML comment `<!--` that is never closed: everything after it is hidden.
    OpenComment,
}

/// A link, image or piece of raw HTML in a Markdown body, with its byte offset in the body.
#[derive(Debug, Clone)]
pub struct MdRef {
    pub kind: RefKind,
    pub url: String,
    pub offset: usize,
}

/// Tells HTML comments (which may span several HTML events) from other raw HTML.
#[derive(Default)]
pub(crate) struct Comments {
    pub(crate) open: bool,
}

impl Comments {
    /// True if this piece of raw HTML is (part of) a comment.
    pub(crate) fn is_comment(&mut self, html: &str) -> bool {
        let t = html.trim();
        if self.open || t.starts_with("<!--") {
            self.open = !t.ends_with("-->");
            return true;
        }
        false
    }
}

/// Where each table of a body starts (byte offsets in the body), in the order they stand.
pub(crate) fn table_offsets(body: &str) -> Vec<usize> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter(|(ev, _)| matches!(ev, Event::Start(Tag::Table(_))))
        .map(|(_, range)| range.start)
        .collect()
}

pub fn scan(body: &str) -> Vec<MdRef> {
    let mut out = Vec::new();
    let mut comments = Comments::default();
    let mut comment_start = None;
    for (ev, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Html(h) | Event::InlineHtml(h) = &ev
            && !comments.open
            && h.trim().starts_with("<!--")
        {
            comment_start = Some(range.start);
        }
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => out.push(MdRef {
                kind: RefKind::Link,
                url: dest_url.to_string(),
                offset: range.start,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => out.push(MdRef {
                kind: RefKind::Image,
                url: dest_url.to_string(),
                offset: range.start,
            }),
            Event::Html(h) | Event::InlineHtml(h) if !comments.is_comment(&h) => out.push(MdRef {
                kind: RefKind::RawHtml,
                url: h.trim().to_string(),
                offset: range.start,
            }),
            _ => {}
        }
    }
    if comments.open
        && let Some(offset) = comment_start
    {
        out.push(MdRef {
            kind: RefKind::OpenComment,
            url: "<!--".into(),
            offset,
        });
    }
    out
}

/// Heading anchors: `Mål og delmål` → `mål-og-delmål` (letters kept, so æøå stay readable).
pub fn anchor(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_not_raw_html() {
        let body = "Før\n\n<!--\nintern note\n-->\n\nEfter <!-- kort --> slut\n";
        assert!(
            scan(body).is_empty(),
            "comments are not reported as raw HTML"
        );
    }

    #[test]
    fn an_unclosed_comment_is_found() {
        let body = "Før\n\n<!-- glemt at lukke\n\nTekst der forsvinder\n";
        let r = scan(body);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!((r[0].kind.clone(), r[0].offset), (RefKind::OpenComment, 6));
        assert!(scan("a <!-- x --> b\n\n<!--\ny\n-->\n").is_empty());
    }

    #[test]
    fn anchors_keep_danish_letters() {
        assert_eq!(anchor("Mål og delmål"), "mål-og-delmål");
        assert_eq!(anchor("  Hvad? Hvorfor!  "), "hvad-hvorfor");
    }

    #[test]
    fn scan_finds_refs_with_offsets() {
        let body = "a [x](y.md)\n\n![b](c.png) <b>";
        let r = scan(body);
        assert_eq!(r.len(), 3);
        assert_eq!(
            (r[0].kind.clone(), r[0].url.as_str(), r[0].offset),
            (RefKind::Link, "y.md", 2)
        );
        assert_eq!(r[1].kind, RefKind::Image);
        assert_eq!(r[2].kind, RefKind::RawHtml);
    }
}
