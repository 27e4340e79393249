//! Scene → SVG, inlined in the page: `role="img"` with a `<title>` and `<desc>`, numbers
//! written with fixed precision so the same scene always gives the same bytes.

use super::scene::{Anchor, PathOp, Scene, Shape, Stroke, Weight};
use std::fmt::Write;

/// A number with at most one decimal, no trailing zero.
fn n(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn esc(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn paint(out: &mut String, fill: Option<super::scene::Color>, stroke: Option<&Stroke>) {
    match fill {
        Some(c) => {
            let _ = write!(out, " fill=\"{c}\"");
        }
        None => out.push_str(" fill=\"none\""),
    }
    if let Some(s) = stroke {
        let _ = write!(
            out,
            " stroke=\"{}\" stroke-width=\"{}\"",
            s.color,
            n(s.width)
        );
        if let Some((d, g)) = s.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", n(d), n(g));
        }
    }
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
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                n(*x),
                n(*y),
                n(*w),
                n(*h)
            );
            if *r > 0.0 {
                let _ = write!(out, " rx=\"{}\"", n(*r));
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
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"",
                n(*x1),
                n(*y1),
                n(*x2),
                n(*y2)
            );
            paint(out, None, Some(stroke));
            out.push_str("/>");
        }
        Shape::Polyline { points, stroke } => {
            out.push_str("<polyline points=\"");
            let pts: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                .collect();
            out.push_str(&pts.join(" "));
            out.push('"');
            paint(out, None, Some(stroke));
            out.push_str(" stroke-linejoin=\"round\"/>");
        }
        Shape::Path { ops, fill, stroke } => {
            out.push_str("<path d=\"");
            for op in ops {
                match *op {
                    PathOp::Move(x, y) => {
                        let _ = write!(out, "M{} {}", n(x), n(y));
                    }
                    PathOp::Line(x, y) => {
                        let _ = write!(out, "L{} {}", n(x), n(y));
                    }
                    PathOp::Cubic(a, b, c, d, e, f) => {
                        let _ = write!(
                            out,
                            "C{} {} {} {} {} {}",
                            n(a),
                            n(b),
                            n(c),
                            n(d),
                            n(e),
                            n(f)
                        );
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
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                n(*cx),
                n(*cy),
                n(*r)
            );
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
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
                n(*x),
                n(*y),
                n(*size)
            );
            if *weight == Weight::Bold {
                out.push_str(" font-weight=\"700\"");
            }
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
                Anchor::End => out.push_str(" text-anchor=\"end\""),
            }
            let _ = write!(out, " fill=\"{fill}\">");
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

/// The scene as an inline `<svg>` of class `chart` and `class`; `id` makes the title and
/// description ids unique on the page.
pub fn write(scene: &Scene, id: &str, class: &str) -> String {
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<svg class=\"chart {class}\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">",
        n(scene.width),
        n(scene.height),
        n(scene.width),
        n(scene.height),
    );
    esc(&mut out, &scene.title);
    let _ = write!(out, "</title><desc id=\"{id}-d\">");
    esc(&mut out, &scene.desc);
    out.push_str("</desc>");
    for s in &scene.shapes {
        shape(&mut out, s);
    }
    out.push_str("</svg>");
    out
}
