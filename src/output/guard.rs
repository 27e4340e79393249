//! The last look at every HTML page before it leaves trinvis, whatever theme drew it: the page
//! is read as a browser reads it (html5gum, a tokenizer that follows the WHATWG standard), and
//! - it gets the security policy, `noindex` and the referrer policy as the first thing in its
//!   head ([`POLICY`]), so that a theme cannot leave them out;
//! - anything in it that asks for or leads to another origin (`src`, `href`, `srcset`,
//!   `action`, CSS `url()` and `@import`, a refresh, `<object>`, `<embed>`, `<iframe>` …) is
//!   refused;
//! - a CPR-like number in its text as shown (entities decoded, markup between the digits
//!   gone), in an attribute, a comment, a script or a style is refused;
//! - the addresses it refers to within the site are listed ([`Reading::refs`]), so that a
//!   family's handout holds exactly the files its pages use.

use html5gum::{Span, Tokenizer};

/// The security policy of every page (a macro, so that [`POLICY`] can be made of it).
macro_rules! csp {
    () => {
        "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    };
}

/// The security policy every page carries, whatever its theme: no origin but its own.
#[cfg(test)]
pub const CSP: &str = csp!();
/// What goes first in every page's head: the policy, no search engine, no address passed on
/// when a link is followed (as minify-html writes attributes).
pub const POLICY: &str = concat!(
    "<meta content=\"",
    csp!(),
    "\" http-equiv=Content-Security-Policy>",
    "<meta content=\"noindex, nofollow, noarchive\" name=robots>",
    "<meta content=no-referrer name=referrer>"
);

/// What a page refers to: the attribute (or `url()`) and the address as the browser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub attr: String,
    pub url: String,
}

/// What was found wrong in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A reference to another origin: where, and the address.
    Origin(Ref),
    /// A CPR-like number, masked, and what it stood in; and as it was written, to find it
    /// in the theme (never shown).
    Cpr {
        number: String,
        place: String,
        written: String,
    },
}

impl Finding {
    /// The finding in Danish, for a message.
    pub fn message(&self) -> String {
        match self {
            Finding::Origin(r) => format!(
                "siden henter eller linker til noget uden for sitet ({})",
                r.attr
            ),
            Finding::Cpr { place, .. } => {
                format!("siden ville vise noget, der ligner et CPR-nummer ({place})")
            }
        }
    }

    /// The offending value (masked).
    pub fn value(&self) -> String {
        match self {
            Finding::Origin(r) => crate::cpr::mask(&r.url),
            Finding::Cpr { number, .. } => number.clone(),
        }
    }
}

/// A page as read.
#[derive(Debug, Default)]
pub struct Reading {
    /// Every address the page refers to, in order.
    pub refs: Vec<Ref>,
    /// The first CPR-like number in the page's texts as a reader or a program gets them
    /// (text as shown, block by block; attribute values; comments; scripts and styles).
    pub cpr: Option<Finding>,
    /// Where the policy goes: after the doctype, the `<html>` and `<head>` tags and the
    /// `<meta charset>`, before anything else.
    pub head: usize,
}

/// Attributes whose value is an address.
const URL_ATTRS: &[&[u8]] = &[
    b"href",
    b"src",
    b"action",
    b"formaction",
    b"poster",
    b"data",
    b"cite",
    b"background",
    b"longdesc",
    b"manifest",
    b"codebase",
    b"classid",
    b"usemap",
    b"icon",
    b"lowsrc",
    b"dynsrc",
    b"profile",
    b"xlink:href",
];

/// Attributes whose value is a list of addresses.
const URL_LIST_ATTRS: &[&[u8]] = &[b"srcset", b"imagesrcset", b"ping", b"archive"];

/// Elements whose text runs on in the text around them; every other tag ends a block.
const INLINE: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"code", b"data", b"del", b"dfn", b"em", b"i",
    b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span", b"strong", b"sub", b"sup",
    b"time", b"tspan", b"u", b"var", b"wbr",
];

/// Elements whose content is raw text, not markup (as html5gum switches for them).
const RAW: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"title",
    b"textarea",
    b"plaintext",
];

/// How deep a page's HTML within its HTML (`srcdoc`, `<noscript>`) is read.
const NESTED: u8 = 3;

/// Read a page.
pub fn read(html: &[u8]) -> Reading {
    let mut r = Reading::default();
    read_into(html, &mut r, 0);
    r
}

/// What the reader keeps while it goes through a page.
struct State<'r> {
    r: &'r mut Reading,
    depth: u8,
    /// Still before the first element or text of the page.
    head: bool,
    tag: Vec<u8>,
    attr: Vec<u8>,
    /// A `<meta>`'s `http-equiv` is `refresh`, and its `content`.
    refresh: bool,
    content: Option<String>,
    /// The element whose raw text comes next (script, style, noscript …).
    raw: Option<Vec<u8>>,
    /// The text of the block being read, white space as one space.
    text: String,
}

impl State<'_> {
    fn cpr(&mut self, place: &'static str, text: &str) {
        if self.r.cpr.is_some() {
            return;
        }
        if let Some(found) = crate::cpr::find_cpr(text).into_iter().next() {
            self.r.cpr = Some(Finding::Cpr {
                number: crate::cpr::mask(&text[found.clone()]),
                place: place.to_string(),
                written: text[found].to_string(),
            });
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        self.cpr("tekst", &text);
        self.text = text;
        self.text.clear();
    }

    fn push_ref(&mut self, name: &[u8], url: &str) {
        let attr = format!(
            "<{} {}>",
            String::from_utf8_lossy(&self.tag),
            String::from_utf8_lossy(name)
        );
        self.r.refs.push(Ref {
            attr,
            url: url.to_string(),
        });
    }

    fn attribute(&mut self, value: &[u8]) {
        let value = String::from_utf8_lossy(value);
        let name = std::mem::take(&mut self.attr);
        let name = name.as_slice();
        if URL_ATTRS.contains(&name) {
            self.push_ref(name, &value);
        } else if URL_LIST_ATTRS.contains(&name) {
            let srcset = name.ends_with(b"srcset");
            for part in value.split(if srcset { ',' } else { ' ' }) {
                if let Some(url) = part.split_ascii_whitespace().next() {
                    self.push_ref(name, url);
                }
            }
        } else if name == b"srcdoc" && self.depth < NESTED {
            read_into(value.as_bytes(), self.r, self.depth + 1);
        }
        if self.tag == b"meta" {
            if name == b"http-equiv" && value.trim().eq_ignore_ascii_case("refresh") {
                self.refresh = true;
            } else if name == b"content" {
                self.content = Some(value.to_string());
            }
        }
        // `style`, and SVG's `fill="url(…)"`, `filter`, `mask` …
        if value.contains('(') || value.contains('\\') {
            for url in crate::urls::css_urls(&value) {
                self.r.refs.push(Ref {
                    attr: format!(
                        "<{} {}> url()",
                        String::from_utf8_lossy(&self.tag),
                        String::from_utf8_lossy(name)
                    ),
                    url,
                });
            }
        }
        self.cpr("attribut", &value);
        self.attr = name.to_vec();
    }

    /// `<meta http-equiv=refresh content="0; url=…">`
    fn refresh(&mut self) {
        let (Some(content), true) = (self.content.take(), std::mem::take(&mut self.refresh)) else {
            return;
        };
        let lower = content.to_ascii_lowercase();
        let url = match lower.find("url") {
            Some(i) => content[i + 3..]
                .trim_start()
                .trim_start_matches('=')
                .trim()
                .trim_matches(['\'', '"'])
                .to_string(),
            None => content.clone(),
        };
        self.r.refs.push(Ref {
            attr: "<meta http-equiv=refresh>".into(),
            url,
        });
    }

    fn string(&mut self, value: &[u8]) {
        let s = String::from_utf8_lossy(value);
        match self.raw.as_deref() {
            Some(b"style") => {
                for url in crate::urls::css_urls(&s) {
                    self.r.refs.push(Ref {
                        attr: "<style> url()".into(),
                        url,
                    });
                }
                self.cpr("<style>", &s);
            }
            Some(b"script") => self.cpr("<script>", &crate::urls::unescape_js(&s)),
            // What a browser without scripts reads as HTML.
            Some(b"noscript" | b"noembed" | b"noframes") if self.depth < NESTED => {
                read_into(value, self.r, self.depth + 1);
            }
            Some(_) => self.cpr("tekst", &s),
            None => {
                if !s.trim().is_empty() {
                    self.head = false;
                }
                let mut last_space = self.text.ends_with(' ');
                for c in s.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            self.text.push(' ');
                        }
                        last_space = true;
                    } else {
                        self.text.push(c);
                        last_space = false;
                    }
                }
            }
        }
    }
}

fn read_into(html: &[u8], r: &mut Reading, depth: u8) {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    let mut st = State {
        r,
        depth,
        head: depth == 0,
        tag: Vec::new(),
        attr: Vec::new(),
        refresh: false,
        content: None,
        raw: None,
        text: String::new(),
    };
    let mut charset = false;
    let emitter = CallbackEmitter::new(|ev: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
        match ev {
            CallbackEvent::Doctype { .. } => {
                if st.head {
                    st.r.head = span.end;
                }
            }
            CallbackEvent::OpenStartTag { name } => {
                st.tag.clear();
                st.tag.extend(name.iter().map(u8::to_ascii_lowercase));
                if !INLINE.contains(&st.tag.as_slice()) {
                    st.flush();
                }
                charset = false;
            }
            CallbackEvent::AttributeName { name } => {
                st.attr.clear();
                st.attr.extend(name.iter().map(u8::to_ascii_lowercase));
                charset |= st.tag == b"meta" && st.attr == b"charset";
            }
            CallbackEvent::AttributeValue { value } => st.attribute(value),
            CallbackEvent::CloseStartTag { .. } => {
                let tag = std::mem::take(&mut st.tag);
                if st.head && (tag == b"html" || tag == b"head" || charset) {
                    st.r.head = span.end;
                } else {
                    st.head = false;
                }
                if tag == b"meta" {
                    st.refresh();
                }
                st.raw = RAW.contains(&tag.as_slice()).then(|| tag.clone());
                st.tag = tag;
                st.content = None;
                st.refresh = false;
            }
            CallbackEvent::EndTag { name } => {
                if !INLINE.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    st.flush();
                }
                st.raw = None;
            }
            CallbackEvent::String { value } => st.string(value),
            CallbackEvent::Comment { value } => {
                st.cpr("kommentar", &String::from_utf8_lossy(value));
            }
            CallbackEvent::Error(_) => {}
        }
        None
    });
    let mut emitter = emitter;
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
    st.flush();
}

/// Check a page: the first thing wrong with it, if anything.
pub fn check(r: &Reading) -> Option<Finding> {
    if let Some(bad) = r.refs.iter().find(|x| crate::urls::other_origin(&x.url)) {
        return Some(Finding::Origin(bad.clone()));
    }
    r.cpr.clone()
}

/// What the last look at a page found, as a diagnostic: at the place in the theme's templates
/// or texts that writes the address or the number, when it can be found there (a site's own
/// theme files first), else at the page.
pub fn diagnostic(
    f: &Finding,
    page: &str,
    theme: &crate::load::theme::Theme,
) -> crate::diagnostics::Diagnostic {
    let needle = match f {
        Finding::Origin(r) => r.url.trim().to_string(),
        Finding::Cpr { written, .. } => written.clone(),
    };
    let mut files: Vec<&crate::load::theme::ThemeFile> = theme.templates.values().collect();
    // The site's own files before the built-in ones.
    files.sort_by_key(|f| f.origin.starts_with('('));
    let found = files.iter().find_map(|file| {
        let text = std::str::from_utf8(&file.bytes).ok()?;
        let at = text.find(needle.as_str()).or_else(|| {
            let host = needle
                .split("//")
                .nth(1)?
                .split(['/', '"', '\'', ')'])
                .next()?;
            (host.len() > 3).then(|| text.find(host)).flatten()
        })?;
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let pos = crate::diagnostics::Pos {
            line: before.matches('\n').count() + 1,
            col: before[line_start..].chars().count() + 1,
        };
        Some((
            file.origin.clone(),
            pos,
            text[line_start..].lines().next().map(str::to_string),
        ))
    });
    let help = match f {
        Finding::Origin(_) => {
            "Ingen side må hente eller linke til noget fra internettet: familiernes data må ikke kunne nå andre. Læg filen i temaets static/-mappe og henvis til den dér, eller fjern henvisningen."
        }
        Finding::Cpr { .. } => crate::privacy::CPR_HELP,
    };
    match found {
        // The same on every page the template draws: told once.
        Some((origin, pos, line)) => {
            crate::diagnostics::Diagnostic::error(origin, pos, f.message())
                .value(f.value())
                .help(help)
                .snippet(line.as_deref())
        }
        None => {
            crate::diagnostics::Diagnostic::error(page, crate::diagnostics::Pos::START, f.message())
                .value(f.value())
                .help(help)
        }
    }
}

/// The last look at a file that is not a page (pages have theirs in [`secure`], PDFs in
/// their writer): a CPR-like number in a script as it would run (its escapes read), in a
/// stylesheet as the browser reads it, or anywhere in any other file's bytes.
pub fn file_cpr(path: &str, bytes: &[u8]) -> Option<Finding> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let (place, shown) = match crate::urls::extension(path).as_str() {
        "html" | "pdf" => return None,
        "js" => ("script", crate::urls::unescape_js(&text(bytes))),
        "css" => ("stylesheet", crate::urls::unescape_css(&text(bytes))),
        _ => {
            let r = crate::cpr::find_cpr_bytes(bytes).into_iter().next()?;
            let written = text(&bytes[r]);
            return Some(Finding::Cpr {
                number: crate::cpr::mask(&written),
                place: "fil".into(),
                written,
            });
        }
    };
    let r = crate::cpr::find_cpr(&shown).into_iter().next()?;
    Some(Finding::Cpr {
        number: crate::cpr::mask(&shown[r.clone()]),
        place: place.into(),
        written: shown[r].to_string(),
    })
}

/// The page with [`POLICY`] put first in its head, or what is wrong with it.
pub fn secure(html: &[u8]) -> Result<(Vec<u8>, Reading), Finding> {
    let r = read(html);
    if let Some(f) = check(&r) {
        return Err(f);
    }
    let at = r.head.min(html.len());
    let mut out = Vec::with_capacity(html.len() + POLICY.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(POLICY.as_bytes());
    out.extend_from_slice(&html[at..]);
    Ok((out, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(html: &str) -> Vec<String> {
        read(html.as_bytes())
            .refs
            .into_iter()
            .map(|r| r.url)
            .collect()
    }

    #[test]
    fn the_policy_goes_first_in_the_head() {
        let (out, _) =
            secure(b"<!doctype html><html lang=da><head><meta charset=utf-8><title>x</title>")
                .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with(&format!(
            "<!doctype html><html lang=da><head><meta charset=utf-8>{POLICY}<title>"
        )));
        // A page without a head gets it before its first element.
        let (out, _) = secure(b"<link rel=stylesheet href=a.css><p>x").unwrap();
        assert!(String::from_utf8(out).unwrap().starts_with(POLICY));
        assert!(POLICY.contains(CSP));
    }

    #[test]
    fn every_way_to_reach_another_origin_is_found() {
        for html in [
            "<script src=https://cdn.example/x.js></script>",
            "<img src='//cdn.example/x.png'>",
            "<img srcset='a.png 1x, https://x.example/b.png 2x'>",
            "<link rel=preload href=https://x.example/f.woff2>",
            "<link rel=prefetch href=HTTPS://x.example/>",
            "<meta http-equiv=refresh content='0; url=https://x.example/'>",
            "<form action=https://x.example/></form>",
            "<object data=https://x.example/a></object>",
            "<embed src=https://x.example/a>",
            "<iframe src=https://x.example/></iframe>",
            "<iframe srcdoc='<img src=https://x.example/a>'></iframe>",
            "<div style='background:url( \"https://x.example/a.png\" )'></div>",
            "<style>@import 'https://x.example/a.css';</style>",
            "<style>p{background:u\\72l(https://x.example/a.png)}</style>",
            "<style>/* x */p{background:image-set(\"https://x.example/a.png\" 1x)}</style>",
            "<noscript><img src=https://x.example/a.png></noscript>",
            "<a href=\"ht&#116;ps://x.example/\">x</a>",
            "<a href=\" \\\\x.example/\">x</a>",
            "<a href=\"h\ttps://x.example/\">x</a>",
            "<svg><image href=https://x.example/a.png /></svg>",
            "<svg><rect fill='url(https://x.example/a.svg#g)'/></svg>",
            "<img/src=https://x.example/a.png>",
            "<base href=https://x.example/>",
        ] {
            let r = read(html.as_bytes());
            assert!(
                matches!(check(&r), Some(Finding::Origin(_))),
                "{html}: {:?}",
                r.refs
            );
        }
    }

    #[test]
    fn what_stays_in_the_site_passes() {
        let html = "<a href=../x.html#y>a</a><a href=#top>b</a><a href=mailto:a@b.dk>c</a><a href=tel:+4512345678>d</a><img src=data:image/png;base64,AAAA><svg><use href=#chart-1-b-p /></svg><a href=a/b:c.html>e</a>";
        let r = read(html.as_bytes());
        assert_eq!(check(&r), None, "{:?}", r.refs);
        assert_eq!(
            refs(html),
            [
                "../x.html#y",
                "#top",
                "mailto:a@b.dk",
                "tel:+4512345678",
                "data:image/png;base64,AAAA",
                "#chart-1-b-p",
                "a/b:c.html"
            ]
        );
    }

    #[test]
    fn cpr_numbers_are_found_however_the_page_writes_them() {
        for html in [
            "<p>120385-1234</p>",
            "<p>120385&#45;1234</p>",
            "<p>120385&#x2D;1234</p>",
            "<p>120385<em>-</em>1234</p>",
            "<p>120385<span></span>1234</p>",
            "<p>120385\n   1234</p>",
            "<p title='120385&ndash;1234'>x</p>",
            "<!-- 120385-1234 -->",
            "<script>var a = \"120385\\u002d1234\";</script>",
            "<script>var a = \"120385\\x2d1234\";</script>",
        ] {
            assert!(
                matches!(check(&read(html.as_bytes())), Some(Finding::Cpr { .. })),
                "{html}"
            );
        }
        // Two cells, two blocks: not one number.
        assert_eq!(
            check(&read(
                b"<table><tr><td>120385</td><td>1234</td></tr></table>"
            )),
            None
        );
    }

    #[test]
    fn scripts_and_stylesheets_are_read_as_they_run() {
        assert!(file_cpr("a/x.js", b"var a='120385\\u002d1234';").is_some());
        assert!(file_cpr("a/x.css", b"p::after{content:'120385\\2d 1234'}").is_some());
        assert!(file_cpr("robots.txt", b"120385-1234").is_some());
        assert!(file_cpr("a/x.js", b"var a='2025-03-01';").is_none());
        assert!(
            file_cpr("a/x.html", b"120385-1234").is_none(),
            "pages have their own"
        );
    }
}
