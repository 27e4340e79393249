//! Markdown via pulldown-cmark: scanning references (for validation) and rendering HTML
//! (for the render stage). Raw HTML in content is never passed through: it is shown as text.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

fn options() -> Options {
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
struct Comments {
    open: bool,
}

impl Comments {
    /// True if this piece of raw HTML is (part of) a comment.
    fn is_comment(&mut self, html: &str) -> bool {
        let t = html.trim();
        if self.open || t.starts_with("<!--") {
            self.open = !t.ends_with("-->");
            return true;
        }
        false
    }
}

pub fn scan(body: &str) -> Vec<MdRef> {
    let mut out = Vec::new();
    let mut comments = Comments::default();
    for (ev, range) in Parser::new_ext(body, options()).into_offset_iter() {
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
    out
}

/// What the renderer should do with a link or image URL.
pub enum Rewrite {
    /// Use this URL.
    Url(String),
    /// Drop the link and show its address as plain text.
    PlainText,
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

/// A heading found while rendering, for tables of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Render a body to HTML. `rewrite(url)` decides each link's and image's target.
/// Heading ids start with `id_prefix`, so several bodies can share one page.
/// Headings are shifted down by `shift` levels (so a body's `#` can sit under the page's h1)
/// and get stable ids.
pub fn to_html(
    body: &str,
    shift: u8,
    id_prefix: &str,
    rewrite: &dyn Fn(&str) -> Rewrite,
) -> (String, Vec<Heading>) {
    let mut events: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut in_heading: Option<(usize, u8)> = None;
    let mut heading_text = String::new();
    let mut dropped_links: Vec<Option<String>> = Vec::new();
    let mut comments = Comments::default();

    for ev in Parser::new_ext(body, options()) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => {
                if !comments.is_comment(&h) {
                    events.push(Event::Text(h));
                }
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let lvl = (level as u8 + shift).min(6);
                in_heading = Some((events.len(), lvl));
                heading_text.clear();
                events.push(Event::Start(Tag::Heading {
                    level: HeadingLevel::try_from(lvl as usize).unwrap_or(HeadingLevel::H6),
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((idx, lvl)) = in_heading.take() {
                    let mut id = anchor(&heading_text);
                    if id.is_empty() {
                        id = "afsnit".into();
                    }
                    id.insert_str(0, id_prefix);
                    let base = id.clone();
                    let mut n = 2;
                    while !used.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[idx] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    headings.push(Heading {
                        level: lvl,
                        id,
                        text: heading_text.trim().to_string(),
                    });
                    let level = HeadingLevel::try_from(lvl as usize).unwrap_or(HeadingLevel::H6);
                    events.push(Event::End(TagEnd::Heading(level)));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match rewrite(&dest_url) {
                Rewrite::Url(u) => {
                    dropped_links.push(None);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: u.into(),
                        title,
                        id,
                    }));
                }
                Rewrite::PlainText => dropped_links.push(Some(dest_url.to_string())),
            },
            Event::End(TagEnd::Link) => match dropped_links.pop().flatten() {
                Some(url) => events.push(Event::Text(format!(" ({url})").into())),
                None => events.push(Event::End(TagEnd::Link)),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = match rewrite(&dest_url) {
                    Rewrite::Url(u) => u,
                    Rewrite::PlainText => String::new(),
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                }));
            }
            Event::Text(t) => {
                if in_heading.is_some() {
                    heading_text.push_str(&t);
                }
                events.push(Event::Text(t));
            }
            Event::Code(t) => {
                if in_heading.is_some() {
                    heading_text.push_str(&t);
                }
                events.push(Event::Code(t));
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (html, headings)
}

/// Render a short inline text (a goal title, a list item) without a wrapping paragraph.
pub fn inline_html(text: &str) -> String {
    let (html, _) = to_html(text, 0, "", &|u| match crate::urls::classify(u) {
        crate::urls::UrlKind::Contact | crate::urls::UrlKind::Fragment => {
            Rewrite::Url(u.to_string())
        }
        _ => Rewrite::PlainText,
    });
    let t = html.trim();
    t.strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(t)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(u: &str) -> Rewrite {
        Rewrite::Url(u.to_string())
    }

    #[test]
    fn raw_html_is_escaped() {
        let (h, _) = to_html(
            "Hej <script>alert(1)</script> og <img src=\"https://x\">",
            0,
            "",
            &keep,
        );
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains("&lt;script&gt;"));
        assert!(!h.contains("<img"));
    }

    #[test]
    fn comments_are_dropped_even_over_several_lines() {
        let body = "Før\n\n<!--\nintern note\n-->\n\nEfter <!-- kort --> slut\n";
        let (h, _) = to_html(body, 0, "", &keep);
        assert!(!h.contains("intern note") && !h.contains("kort"), "{h}");
        assert!(h.contains("Før") && h.contains("Efter") && h.contains("slut"));
        assert!(
            scan(body).is_empty(),
            "comments are not reported as raw HTML"
        );
    }

    #[test]
    fn headings_get_ids_and_shift() {
        let (h, hs) = to_html("# Mål og delmål\n\n# Mål og delmål\n", 1, "", &keep);
        assert!(h.contains("<h2 id=\"mål-og-delmål\">"), "{h}");
        assert!(h.contains("<h2 id=\"mål-og-delmål-2\">"));
        assert_eq!(hs[0].text, "Mål og delmål");
    }

    #[test]
    fn heading_ids_take_a_prefix() {
        let (h, hs) = to_html("## Formål\n", 0, "trin-1-", &keep);
        assert!(h.contains("<h2 id=\"trin-1-formål\">"), "{h}");
        assert_eq!(hs[0].id, "trin-1-formål");
    }

    #[test]
    fn links_can_be_dropped_to_text() {
        let (h, _) = to_html("Se [borger.dk](https://borger.dk) nu", 0, "", &|_| {
            Rewrite::PlainText
        });
        assert_eq!(h.trim(), "<p>Se borger.dk (https://borger.dk) nu</p>");
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

    #[test]
    fn inline_strips_paragraph() {
        assert_eq!(inline_html("Hej *du*"), "Hej <em>du</em>");
    }
}
