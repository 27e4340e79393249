//! The colours of every picture trinvis draws, in SVG and in PDF, and of the standard theme's
//! pages (`STYLESHEET`): one palette for all three. Text colours meet WCAG AA (4.5:1) on white
//! and on the light fills they are drawn on; no meaning is carried by colour alone.

use super::scene::Color;
pub const INK: Color = Color(0x1f, 0x2a, 0x33);
pub const MUTED: Color = Color(0x55, 0x61, 0x6a);
pub const LINE: Color = Color(0xc4, 0xcb, 0xd0);
pub const WHITE: Color = Color(0xff, 0xff, 0xff);
pub const ACCENT: Color = Color(0x1f, 0x6f, 0x78);
pub const ACCENT_SOFT: Color = Color(0xdc, 0xee, 0xf0);
/// The soft accent of boxes on a page or on paper (the stylesheet's `--accent-soft`): a
/// shade lighter than the charts' own.
pub const ACCENT_BOX: Color = Color(0xe3, 0xf1, 0xf2);
pub const PALE: Color = Color(0xee, 0xf1, 0xf3);
pub const AMBER: Color = Color(0xf2, 0xb7, 0x05);
pub const AMBER_DARK: Color = Color(0x8a, 0x5a, 0x00);
/// Amber for small text on white (the board's flags), darker still to be read.
pub const AMBER_TEXT: Color = Color(0x8a, 0x4b, 0x00);
/// The band fills get darker as the risk grows, so they read in greyscale too.
pub const GREEN_SOFT: Color = Color(0xec, 0xf6, 0xec);
pub const AMBER_SOFT: Color = Color(0xfb, 0xe7, 0xb0);
pub const RED_SOFT: Color = Color(0xf2, 0xc4, 0xbf);
pub const RED: Color = Color(0xb3, 0x26, 0x1e);
/// The four journey tracks: teal, green, purple, orange (distinct for colour-blind
/// readers too, and each on its own labelled lane).
pub const TRACKS: [Color; 4] = [
    Color(0x1f, 0x6f, 0x78),
    Color(0x2e, 0x7d, 0x32),
    Color(0x7b, 0x3f, 0x9e),
    Color(0xa8, 0x4a, 0x00),
];

/// The standard theme's colours in light mode, by the name of their CSS variable
/// (`themes/standard/static/style.css`, `:root`); a test holds the stylesheet to this table.
/// Where a page shows what a picture shows (secondary text, the accent, the journey's tracks,
/// red) it is the picture's colour; the page's own are a card's border, the paper and the
/// boxes behind text, a shade lighter than the charts' fills.
/// (Only the test reads it: the stylesheet is the theme's own file, which staff may copy.)
#[cfg(test)]
pub const STYLESHEET: [(&str, Color); 17] = [
    ("ink", INK),
    ("muted", MUTED),
    ("line", Color(0xd9, 0xde, 0xe2)),
    ("bg", Color(0xfb, 0xfa, 0xf7)),
    ("card", WHITE),
    ("accent", ACCENT),
    ("accent-soft", ACCENT_BOX),
    ("green", Color(0x24, 0x66, 0x3f)),
    ("green-soft", Color(0xe2, 0xf3, 0xe8)),
    ("amber", Color(0x7a, 0x52, 0x00)),
    ("amber-soft", Color(0xfc, 0xf1, 0xd6)),
    ("red", RED),
    ("red-soft", Color(0xfb, 0xe4, 0xe2)),
    ("t-beskaeftigelse", TRACKS[0]),
    ("t-sundhed", TRACKS[1]),
    ("t-familie", TRACKS[2]),
    ("t-fritid", TRACKS[3]),
];
