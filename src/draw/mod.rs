//! The drawing base every picture and page is made with, apart from what is drawn: a scene
//! model ([`scene`]) and its two writers ([`svg`] for the pages, [`pdf`] for printpdf), font
//! metrics measured from the theme's faces ([`font`]), one palette ([`palette`]), the paper
//! sizes ([`paper`]) and the one escaper of text for HTML and SVG ([`escape`]).

pub mod font;
pub mod hyphen;
pub mod palette;
pub mod pdf;
pub mod scene;
pub mod shape;
pub mod svg;

/// Sizes of paper, in points (1/72 inch), width × height.
pub mod paper {
    /// A4 upright.
    pub const A4: (f32, f32) = (595.28, 841.89);
    /// A4 on its side.
    pub const A4_LANDSCAPE: (f32, f32) = (841.89, 595.28);
}

/// Append `text` escaped for HTML and SVG text and attribute values.
pub fn escape(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            // Private-use characters the HTML writer uses as markers of charts and parts.
            '\u{E000}' => "&#57344;",
            '\u{E001}' => "&#57345;",
            '\u{E002}' => "&#57346;",
            '\u{E003}' => "&#57347;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(rep);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// `text` escaped for HTML and SVG ([`escape`]), as a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}
