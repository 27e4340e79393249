//! Scene → SVG, inlined in the page: `role="img"` with a `<title>` and `<desc>`, numbers
//! written with fixed precision so the same scene always gives the same bytes. Written by
//! hand, without `format!`: a family's pages hold dozens of charts.

use super::escape as esc;
use super::scene::{Anchor, Color, PathOp, Scene, Shape, Stroke, Weight};

/// Append `v` with at most one decimal and no trailing zero ("12", "12.5", "-0.3").
fn num(out: &mut String, v: f32) {
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut int = t / 10;
    loop {
        i -= 1;
        digits[i] = b'0' + (int % 10) as u8;
        int /= 10;
        if int == 0 {
            break;
        }
    }
    for d in &digits[i..] {
        out.push(*d as char);
    }
    if !t.is_multiple_of(10) {
        out.push('.');
        out.push((b'0' + (t % 10) as u8) as char);
    }
}

/// The text colour and size set once on the `<svg>`, so text in them need not say it.
const TEXT_FILL: Color = super::palette::INK;
const TEXT_SIZE: f32 = 12.0;

/// `#rrggbb`, or `#rgb` where that says the same.
fn color(out: &mut String, c: Color) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('#');
    let short = [c.0, c.1, c.2].iter().all(|b| b >> 4 == b & 15);
    for b in [c.0, c.1, c.2] {
        out.push(HEX[(b >> 4) as usize] as char);
        if !short {
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

/// ` name="value"` for a number.
fn attr(out: &mut String, name: &str, v: f32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    num(out, v);
    out.push('"');
}

fn paint(out: &mut String, fill: Option<Color>, stroke: Option<&Stroke>) {
    out.push_str(" fill=\"");
    match fill {
        Some(c) => color(out, c),
        None => out.push_str("none"),
    }
    out.push('"');
    if let Some(s) = stroke {
        out.push_str(" stroke=\"");
        color(out, s.color);
        out.push('"');
        if s.width != 1.0 {
            attr(out, "stroke-width", s.width);
        }
        if let Some((d, g)) = s.dash {
            out.push_str(" stroke-dasharray=\"");
            num(out, d);
            out.push(' ');
            num(out, g);
            out.push('"');
        }
    }
}

fn point(out: &mut String, cmd: char, x: f32, y: f32) {
    out.push(cmd);
    num(out, x);
    out.push(' ');
    num(out, y);
}

fn shape(out: &mut String, s: &Shape) {
    match s {
        Shape::Rect {
            x,
            y,
            w,
            h,
            r,
            fill,
            stroke,
        } => {
            out.push_str("<rect");
            attr(out, "x", *x);
            attr(out, "y", *y);
            attr(out, "width", *w);
            attr(out, "height", *h);
            if *r > 0.0 {
                attr(out, "rx", *r);
            }
            paint(out, *fill, stroke.as_ref());
            out.push_str("/>");
        }
        Shape::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
        } => {
            out.push_str("<line");
            attr(out, "x1", *x1);
            attr(out, "y1", *y1);
            attr(out, "x2", *x2);
            attr(out, "y2", *y2);
            paint(out, None, Some(stroke));
            out.push_str("/>");
        }
        Shape::Polyline { points, stroke } => {
            out.push_str("<polyline points=\"");
            for (i, (x, y)) in points.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                num(out, *x);
                out.push(',');
                num(out, *y);
            }
            out.push('"');
            paint(out, None, Some(stroke));
            out.push_str(" stroke-linejoin=\"round\"/>");
        }
        Shape::Path { ops, fill, stroke } => {
            out.push_str("<path d=\"");
            for op in ops {
                match *op {
                    PathOp::Move(x, y) => point(out, 'M', x, y),
                    PathOp::Line(x, y) => point(out, 'L', x, y),
                    PathOp::Cubic(a, b, c, d, e, f) => {
                        point(out, 'C', a, b);
                        point(out, ' ', c, d);
                        point(out, ' ', e, f);
                    }
                    PathOp::Close => out.push('Z'),
                }
            }
            out.push('"');
            paint(out, *fill, stroke.as_ref());
            out.push_str("/>");
        }
        Shape::Circle {
            cx,
            cy,
            r,
            fill,
            stroke,
        } => {
            out.push_str("<circle");
            attr(out, "cx", *cx);
            attr(out, "cy", *cy);
            attr(out, "r", *r);
            paint(out, *fill, stroke.as_ref());
            out.push_str("/>");
        }
        Shape::Text {
            x,
            y,
            text,
            size,
            weight,
            anchor,
            fill,
        } => {
            out.push_str("<text");
            attr(out, "x", *x);
            attr(out, "y", *y);
            if *size != TEXT_SIZE {
                attr(out, "font-size", *size);
            }
            if *weight == Weight::Bold {
                out.push_str(" font-weight=\"700\"");
            }
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
                Anchor::End => out.push_str(" text-anchor=\"end\""),
            }
            if *fill != TEXT_FILL {
                out.push_str(" fill=\"");
                color(out, *fill);
                out.push('"');
            }
            out.push('>');
            esc(out, text);
            out.push_str("</text>");
        }
        Shape::Group { title, shapes } => {
            out.push_str("<g>");
            if let Some(t) = title {
                out.push_str("<title>");
                esc(out, t);
                out.push_str("</title>");
            }
            for s in shapes {
                shape(out, s);
            }
            out.push_str("</g>");
        }
    }
}

/// `<svg class="CLASS" viewBox="…" width="…" height="…"` (the tag left open for more
/// attributes).
fn open(out: &mut String, scene: &Scene, class: &[&str]) {
    out.push_str("<svg class=\"");
    out.push_str(&class.join(" "));
    out.push_str("\" viewBox=\"0 0 ");
    num(out, scene.width);
    out.push(' ');
    num(out, scene.height);
    out.push('"');
    attr(out, "width", scene.width);
    attr(out, "height", scene.height);
}

/// The scene's shapes and the closing tag.
fn shapes_and_close(out: &mut String, scene: &Scene) {
    for s in &scene.shapes {
        shape(out, s);
    }
    out.push_str("</svg>");
}

/// Where a chart's picture is drawn: a picture shown more than once on a page (the trin of
/// every family on the front page) is drawn at its first place and shown by reference at the
/// others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture<'a> {
    /// Drawn here, and only here.
    Drawn,
    /// Drawn here as a group named `ID-p`, for other places to show.
    Shared,
    /// Shown here from the group drawn where the chart's id was this.
    From(&'a str),
}

/// Write the scene as an inline `<svg>` of class `chart` and `class`; `id` makes the title
/// and description ids unique on the page.
pub fn write(out: &mut String, scene: &Scene, id: &str, class: &str, picture: Picture) {
    open(out, scene, &["chart", class]);
    // Set on the `<svg>`, where a `<use>` inside it inherits them too.
    attr(out, "font-size", TEXT_SIZE);
    out.push_str(" fill=\"");
    color(out, TEXT_FILL);
    out.push('"');
    // Named by its title and described by its description: a screen reader says each once.
    out.push_str(" role=\"img\" aria-labelledby=\"");
    out.push_str(id);
    out.push_str("-t\" aria-describedby=\"");
    out.push_str(id);
    out.push_str("-d\"><title id=\"");
    out.push_str(id);
    out.push_str("-t\">");
    esc(out, &scene.title);
    out.push_str("</title><desc id=\"");
    out.push_str(id);
    out.push_str("-d\">");
    esc(out, &scene.desc);
    out.push_str("</desc>");
    match picture {
        Picture::Drawn => shapes_and_close(out, scene),
        Picture::Shared => {
            out.push_str("<g id=\"");
            out.push_str(id);
            out.push_str("-p\">");
            for s in &scene.shapes {
                shape(out, s);
            }
            out.push_str("</g></svg>");
        }
        Picture::From(first) => {
            out.push_str("<use href=\"#");
            out.push_str(first);
            out.push_str("-p\"/></svg>");
        }
    }
}

/// Write a small decorative picture (a pictogram beside its word): hidden from screen
/// readers, which read the word.
pub fn write_decorative(out: &mut String, scene: &Scene, class: &str) {
    open(out, scene, &[class]);
    out.push_str(" aria-hidden=\"true\" focusable=\"false\">");
    shapes_and_close(out, scene);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_fixed() {
        let s: Vec<String> = [0.0, 12.0, 12.04, 12.06, -0.3, -2.5, 640.0]
            .iter()
            .map(|v| {
                let mut o = String::new();
                num(&mut o, *v);
                o
            })
            .collect();
        assert_eq!(s, ["0", "12", "12", "12.1", "-0.3", "-2.5", "640"]);
    }

    #[test]
    fn accessible_svg_with_title_and_desc() {
        let scene = Scene {
            width: 100.0,
            height: 20.5,
            title: "Trin & mål".into(),
            desc: "Familien er i trin 5.".into(),
            shapes: vec![
                Shape::Circle {
                    cx: 5.0,
                    cy: 5.0,
                    r: 2.0,
                    fill: Some(Color(255, 0, 16)),
                    stroke: None,
                },
                Shape::Circle {
                    cx: 1.0,
                    cy: 1.0,
                    r: 1.0,
                    fill: Some(Color(255, 255, 255)),
                    stroke: None,
                },
            ],
        };
        let mut out = String::new();
        write(&mut out, &scene, "c1", "chart-wide", Picture::Drawn);
        // Shared: drawn as a group with a name; from elsewhere: the same svg, with its own
        // title, description and ids, showing that group.
        let mut shared = String::new();
        write(&mut shared, &scene, "c1", "chart-wide", Picture::Shared);
        let mut again = String::new();
        write(
            &mut again,
            &scene,
            "c1-2",
            "chart-wide",
            Picture::From("c1"),
        );
        assert_eq!(
            shared,
            out.replace("</desc>", "</desc><g id=\"c1-p\">")
                .replace("</svg>", "</g></svg>")
        );
        let tag = &out[..out.find("<title").unwrap()];
        assert_eq!(
            again,
            format!(
                "{}<title id=\"c1-2-t\">Trin &amp; mål</title><desc id=\"c1-2-d\">Familien er i trin 5.</desc><use href=\"#c1-p\"/></svg>",
                tag.replace("c1-", "c1-2-")
            )
        );
        assert_eq!(
            out,
            "<svg class=\"chart chart-wide\" viewBox=\"0 0 100 20.5\" width=\"100\" height=\"20.5\" font-size=\"12\" fill=\"#1f2a33\" role=\"img\" aria-labelledby=\"c1-t\" aria-describedby=\"c1-d\"><title id=\"c1-t\">Trin &amp; mål</title><desc id=\"c1-d\">Familien er i trin 5.</desc><circle cx=\"5\" cy=\"5\" r=\"2\" fill=\"#ff0010\"/><circle cx=\"1\" cy=\"1\" r=\"1\" fill=\"#fff\"/></svg>"
        );
    }
}
