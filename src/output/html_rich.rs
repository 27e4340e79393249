//! Rich text (views::rich) as HTML. Every text is escaped; links point at routes, made
//! relative to the page they stand on.

use crate::draw::escape;
use crate::routes::{Format, Page, Routes, Target};
use crate::urls;
use crate::views::rich::{Align, Block, Span};
use std::fmt::Write;

/// Where the HTML is going: the page, so links can be made relative to it.
pub struct Here<'a> {
    pub routes: &'a Routes,
    pub page: Page,
    /// Drawn to hand one family its own pages ([`crate::output::Input::handout`]): a link
    /// to any other page is shown as text.
    pub handout: Option<usize>,
}

impl Here<'_> {
    fn href(&self, to: &Target) -> Option<String> {
        match to {
            Target::Page(p, _) if self.handout.is_some_and(|i| !Page::handout(i).contains(p)) => {
                None
            }
            Target::Page(p, frag) => {
                if let Some(u) = self.routes.within_all(self.page, *p, frag.as_deref()) {
                    return Some(u);
                }
                let mut u = self.routes.url(self.page, *p, Format::Html);
                if let Some(f) = frag {
                    u.push('#');
                    u.push_str(f);
                }
                Some(u)
            }
            Target::Anchor(a) => Some(format!("#{a}")),
            Target::Contact(c) => Some(c.clone()),
            Target::Asset(p) => Some(self.asset(p)),
            Target::External
            | Target::RootPath
            | Target::Missing
            | Target::Outside(_)
            | Target::Refused(_) => None,
        }
    }

    pub fn asset(&self, path: &str) -> String {
        urls::relative(&self.routes.path(self.page, Format::Html), path)
    }
}

pub fn spans(out: &mut String, spans_: &[Span], here: &Here) {
    for s in spans_ {
        match s {
            Span::Text(t) => escape(out, t),
            Span::Code(t) => {
                out.push_str("<code>");
                escape(out, t);
                out.push_str("</code>");
            }
            Span::Emph(c) => wrap(out, "em", c, here),
            Span::Strong(c) => wrap(out, "strong", c, here),
            Span::Strike(c) => wrap(out, "del", c, here),
            Span::Link { to, content } => match here.href(to) {
                Some(h) => {
                    out.push_str("<a href=\"");
                    escape(out, &h);
                    out.push_str("\">");
                    spans(out, content, here);
                    out.push_str("</a>");
                }
                None => spans(out, content, here),
            },
            Span::Image { src, alt } => {
                out.push_str("<img src=\"");
                escape(out, &here.asset(src));
                out.push_str("\" alt=\"");
                escape(out, alt);
                out.push_str("\">");
            }
            Span::Break => out.push_str("<br>"),
            // The word links to the glossary and its explanation follows it in brackets, so
            // it is read aloud and printed with it, and needs no hover or tap.
            Span::Term { text, id, explain } => {
                let to = Target::Page(Page::Glossary, Some(id.clone()));
                out.push_str("<a class=\"term\" href=\"");
                escape(out, &here.href(&to).unwrap_or_default());
                out.push_str("\">");
                escape(out, text);
                out.push_str("</a><span class=\"gloss\"> (");
                escape(out, explain);
                out.push_str(")</span>");
            }
            Span::Note(label) => {
                out.push_str("<sup class=\"footnote-reference\"><a href=\"#fn-");
                escape(out, label);
                out.push_str("\">");
                escape(out, label);
                out.push_str("</a></sup>");
            }
        }
    }
}

fn wrap(out: &mut String, tag: &str, c: &[Span], here: &Here) {
    let _ = write!(out, "<{tag}>");
    spans(out, c, here);
    let _ = write!(out, "</{tag}>");
}

fn cell(out: &mut String, tag: &str, align: Align, c: &[Span], here: &Here) {
    let style = match align {
        Align::None => "",
        Align::Left => " style=\"text-align:left\"",
        Align::Center => " style=\"text-align:center\"",
        Align::Right => " style=\"text-align:right\"",
    };
    let _ = write!(out, "<{tag}{style}>");
    spans(out, c, here);
    let _ = write!(out, "</{tag}>");
}

pub fn blocks(out: &mut String, blocks_: &[Block], here: &Here) {
    let mut heading: Option<String> = None;
    for b in blocks_ {
        // The heading just before a table names it (its caption and its scroll region).
        let over = heading.take();
        if let Block::Heading { content, .. } = b {
            heading = Some(crate::views::rich::plain(content));
        }
        match b {
            Block::Para(s) => wrap(out, "p", s, here),
            Block::Plain(s) => spans(out, s, here),
            Block::Heading { level, id, content } => {
                out.push_str(&format!("<h{level} id=\""));
                escape(out, id);
                out.push_str("\">");
                spans(out, content, here);
                let _ = write!(out, "</h{level}>");
            }
            Block::List { start, items } => {
                match start {
                    Some(1) => out.push_str("<ol>"),
                    Some(n) => {
                        let _ = write!(out, "<ol start=\"{n}\">");
                    }
                    None => out.push_str("<ul>"),
                }
                for i in items {
                    out.push_str("<li>");
                    if let Some(done) = i.task {
                        out.push_str(if done {
                            "<input disabled type=\"checkbox\" checked> "
                        } else {
                            "<input disabled type=\"checkbox\"> "
                        });
                    }
                    blocks(out, &i.blocks, here);
                    out.push_str("</li>");
                }
                out.push_str(if start.is_some() { "</ol>" } else { "</ul>" });
            }
            Block::Quote(b) => {
                out.push_str("<blockquote>");
                blocks(out, b, here);
                out.push_str("</blockquote>");
            }
            Block::Code(t) => {
                out.push_str("<pre><code>");
                escape(out, t);
                out.push_str("</code></pre>");
            }
            Block::Table { align, head, rows } => {
                let al = |i: usize| align.get(i).copied().unwrap_or(Align::None);
                // A region a keyboard can scroll, named by the heading over the table or else
                // by its columns' heads.
                let name = over.unwrap_or_else(|| {
                    head.iter()
                        .map(|c| crate::views::rich::plain(c))
                        .filter(|t| !t.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(", ")
                });
                out.push_str("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
                escape(out, &name);
                out.push_str("\"><table>");
                if !name.trim().is_empty() {
                    out.push_str("<caption class=\"visually-hidden\">");
                    escape(out, &name);
                    out.push_str("</caption>");
                }
                out.push_str("<thead><tr>");
                for (i, c) in head.iter().enumerate() {
                    cell(out, "th", al(i), c, here);
                }
                out.push_str("</tr></thead><tbody>");
                for r in rows {
                    out.push_str("<tr>");
                    for (i, c) in r.iter().enumerate() {
                        cell(out, "td", al(i), c, here);
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table></div>");
            }
            Block::Rule => out.push_str("<hr>"),
            Block::Footnote { label, blocks: b } => {
                out.push_str("<div class=\"footnote-definition\" id=\"fn-");
                escape(out, label);
                out.push_str("\"><sup class=\"footnote-definition-label\">");
                escape(out, label);
                out.push_str("</sup>");
                blocks(out, b, here);
                out.push_str("</div>");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::Link;
    use crate::views::rich::{Body, Rich};

    fn html(md: &str, shift: u8, prefix: &str) -> String {
        let routes = Routes::default();
        let here = Here {
            routes: &routes,
            page: Page::Front,
            handout: None,
        };
        let links: Vec<Link> = Vec::new();
        let mut out = String::new();
        blocks(
            &mut out,
            &Body::from_markdown(md, &links, shift, prefix).blocks,
            &here,
        );
        out
    }

    #[test]
    fn raw_html_is_text() {
        let h = html(
            "Hej <script>alert(1)</script> og <img src=\"https://x\"><br>",
            0,
            "",
        );
        assert!(
            !h.contains("<script>") && !h.contains("<img") && !h.contains("<br>"),
            "{h}"
        );
        assert!(
            h.contains("&lt;script&gt;") && h.contains("&lt;br&gt;"),
            "{h}"
        );
    }

    #[test]
    fn comments_are_dropped_even_over_several_lines() {
        let h = html(
            "Før\n\n<!--\nintern note\n-->\n\nEfter <!-- kort --> slut\n",
            0,
            "",
        );
        assert!(!h.contains("intern note") && !h.contains("kort"), "{h}");
        assert!(h.contains("Før") && h.contains("Efter") && h.contains("slut"));
    }

    #[test]
    fn headings_get_ids_shift_and_prefix() {
        let h = html("# Mål og delmål\n\n# Mål og delmål\n", 1, "");
        assert!(h.contains("<h2 id=\"mål-og-delmål\">"), "{h}");
        assert!(h.contains("<h2 id=\"mål-og-delmål-2\">"), "{h}");
        let h = html("## Formål\n\nSe [her](#formål).\n", 0, "trin-1-");
        assert!(h.contains("<h2 id=\"trin-1-formål\">"), "{h}");
    }

    #[test]
    fn unresolved_links_become_text_with_their_address() {
        let h = html("Se [borger.dk](https://borger.dk) nu", 0, "");
        assert_eq!(h, "<p>Se borger.dk (https://borger.dk) nu</p>");
    }

    #[test]
    fn lists_tables_and_emphasis() {
        let h = html(
            "- a *b*\n- [x] **c**\n\n| x | y |\n|--:|---|\n| 1 | 2 |\n",
            0,
            "",
        );
        assert!(h.contains("<ul><li>a <em>b</em></li><li><input disabled type=\"checkbox\" checked> <strong>c</strong></li></ul>"), "{h}");
        assert!(h.contains("<th style=\"text-align:right\">x</th>"), "{h}");
        assert!(h.contains("<td style=\"text-align:right\">1</td>"), "{h}");
    }

    #[test]
    fn inline_text_from_yaml() {
        let r = Rich::inline("Hej *du* [mail](mailto:a@b.dk) [x](https://x.dk)");
        let mut out = String::new();
        let routes = Routes::default();
        spans(
            &mut out,
            &r.0,
            &Here {
                routes: &routes,
                page: Page::Front,
                handout: None,
            },
        );
        assert_eq!(
            out,
            "Hej <em>du</em> <a href=\"mailto:a@b.dk\">mail</a> x (https://x.dk)"
        );
        assert_eq!(r.plain(), "Hej du mail x (https://x.dk)");
    }
}
