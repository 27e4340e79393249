//! The values of a source file as trinvis reads and shows them, with where each starts: every
//! YAML scalar after its escapes and line folding, the same scalar read as inline Markdown,
//! and every block of a Markdown body as its text (escapes and entities decoded, markup
//! between the words gone, line breaks as spaces). The CPR check looks at these as well as
//! at the text as written.

use crate::diagnostics::Pos;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A value as read: its text, and where in the file each piece of it starts.
#[derive(Debug)]
pub struct Value {
    pub text: String,
    /// (offset in `text`, position in the file, whether the piece stands in the file as it
    /// is, so that a place inside it is as far into the file).
    pieces: Vec<(usize, Pos, bool)>,
}

impl Value {
    fn at(pos: Pos, text: String) -> Value {
        Value {
            text,
            pieces: vec![(0, pos, false)],
        }
    }

    /// The position in the file of a byte offset in the text.
    pub fn pos(&self, offset: usize) -> Pos {
        let Some(&(start, pos, verbatim)) = self.pieces.iter().rev().find(|p| p.0 <= offset) else {
            return Pos::START;
        };
        if !verbatim {
            return pos;
        }
        let inside = self.text.get(start..offset).unwrap_or("");
        match inside.rfind('\n') {
            Some(nl) => Pos {
                line: pos.line + inside.matches('\n').count(),
                col: inside[nl + 1..].chars().count() + 1,
            },
            None => Pos {
                col: pos.col + inside.chars().count(),
                ..pos
            },
        }
    }
}

/// Every decoded value of a file: its YAML scalars (as the YAML parser read them, each also
/// read as inline Markdown where it could be) and its Markdown body's blocks.
pub fn values(scalars: &[(Pos, String)], body: Option<(&str, usize)>, text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for (pos, value) in scalars {
        // Text fields are inline Markdown.
        if value.contains(['\\', '&', '*', '_', '`', '~', '<', '[']) {
            for block in markdown(value) {
                out.push(Value::at(*pos, block.text));
            }
        }
        out.push(Value::at(*pos, value.clone()));
    }
    if let Some((body, start)) = body {
        for block in markdown(body) {
            out.push(Value {
                pieces: block
                    .pieces
                    .iter()
                    .map(|&(at, src, verbatim)| (at, pos_of(text, start + src), verbatim))
                    .collect(),
                text: block.text,
            });
        }
    }
    out
}

/// A block of Markdown as shown: its text, and for each piece of it, where the piece starts
/// in the text and in the Markdown, and whether it stands there as it is.
struct Block {
    text: String,
    pieces: Vec<(usize, usize, bool)>,
}

/// The text of each block of a Markdown text.
fn markdown(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut block: Option<Block> = None;
    let mut flush = |block: &mut Option<Block>| {
        if let Some(b) = block.take().filter(|b| !b.text.trim().is_empty()) {
            out.push(b);
        }
    };
    for (ev, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        let piece = match ev {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => t,
            Event::InlineMath(t) | Event::DisplayMath(t) => t,
            Event::SoftBreak | Event::HardBreak => " ".into(),
            Event::FootnoteReference(t) => t,
            Event::TaskListMarker(_) | Event::Rule => continue,
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::TableCell
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                flush(&mut block);
                continue;
            }
            Event::Start(_) | Event::End(_) => continue,
        };
        let b = block.get_or_insert_with(|| Block {
            text: String::new(),
            pieces: Vec::new(),
        });
        let verbatim = body.get(range.clone()) == Some(&*piece);
        b.pieces.push((b.text.len(), range.start, verbatim));
        b.text.push_str(&piece);
    }
    flush(&mut block);
    out
}

/// Line and column (1-based, in characters) of a byte offset.
fn pos_of(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    Pos {
        line: before.matches('\n').count() + 1,
        col: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalars(yaml: &str, line_offset: usize) -> Vec<(Pos, String)> {
        crate::source::lengths::walk("f.yaml", yaml, line_offset, &|_| None).scalars
    }

    fn texts(yaml: &str, body: Option<&str>) -> Vec<String> {
        let whole = format!("{yaml}{}", body.unwrap_or(""));
        values(&scalars(yaml, 0), body.map(|b| (b, yaml.len())), &whole)
            .into_iter()
            .map(|v| v.text)
            .collect()
    }

    #[test]
    fn yaml_values_are_read_with_their_escapes_and_folded_lines() {
        let t = texts(
            "a: \"120385\\x2d1234\"\nb: \"120385\\u20131234\"\nc: \"120385\\\n  -1234\"\nd: 120385\n  1234\n",
            None,
        );
        assert!(t.contains(&"120385-1234".to_string()), "{t:?}");
        assert!(t.contains(&"120385\u{2013}1234".to_string()), "{t:?}");
        assert!(t.contains(&"120385 1234".to_string()), "{t:?}");
        // The escaped line break joins the lines without a space.
        assert_eq!(t.iter().filter(|v| *v == "120385-1234").count(), 2, "{t:?}");
    }

    #[test]
    fn yaml_text_fields_are_read_as_markdown_too() {
        let t = texts("a: 120385\\-1234\nb: 120385&#45;1234\n", None);
        assert!(
            t.iter().filter(|v| *v == "120385-1234").count() == 2,
            "{t:?}"
        );
    }

    #[test]
    fn markdown_blocks_are_read_as_shown() {
        let body =
            "Tekst 120385\\-1234 og 120385&#45;1234.\n\nOg 120385`-`1234, `x`\n120385\n1234\n";
        let t = texts("", Some(body));
        assert_eq!(
            t,
            [
                "Tekst 120385-1234 og 120385-1234.",
                "Og 120385-1234, x 120385 1234"
            ]
        );
    }

    #[test]
    fn positions_are_where_the_value_starts() {
        let yaml = "a: x\nb: \"y\"\n";
        let v = values(
            &scalars(yaml, 1),
            Some(("\n\nTekst\n", 20)),
            &format!("---\n{yaml}---\n\n\nTekst\n"),
        );
        assert_eq!(v[1].pos(0), Pos { line: 2, col: 4 });
        assert_eq!(v[3].pos(0), Pos { line: 3, col: 4 });
        assert_eq!(v.last().unwrap().pos(0), Pos { line: 7, col: 1 });
        // Inside a block, a place is found in the piece it is in.
        let body = "Først\nSe 120385\\-1234.\n";
        let v = values(&[], Some((body, 0)), body);
        let at = v[0].text.find("120385").unwrap();
        assert_eq!(v[0].pos(at), Pos { line: 2, col: 4 });
    }
}
