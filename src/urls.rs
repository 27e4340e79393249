//! URL helpers: what a URL written in content is, resolving relative paths, and relative
//! links between output files (the site must work opened straight from disk, so every link
//! is relative and names a file). Which page goes where is the route table's (`routes`).

/// The image types a site may show (content links, the emblem).
pub const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];
/// Other files content may link to and trinvis copies along.
pub const DOCUMENT_TYPES: &[&str] = &["pdf", "txt"];

/// A file name's extension, lower-cased ("" when it has none).
pub fn extension(path: &str) -> String {
    path.rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

/// Resolve `target` (a relative reference, without fragment) against the directory of `base`
/// (a slash-separated path). Returns None when it climbs above the root.
pub fn resolve(base: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Relative URL from the page at `from` to the file at `to` (both relative to the output root).
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The prefix that leads from a page back to the output root ("", "../", "../../").
pub fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// What a URL written in content points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind {
    /// Another origin: http(s), protocol-relative, or any scheme that could fetch.
    External,
    /// mailto: and tel: open a program; they make no request.
    Contact,
    /// `#anchor` on the same page.
    Fragment,
    /// A path relative to the file it is written in, and an optional `#fragment`.
    Relative {
        path: String,
        fragment: Option<String>,
    },
}

pub fn classify(url: &str) -> UrlKind {
    let u = url.trim();
    if u.starts_with('#') {
        return UrlKind::Fragment;
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        return UrlKind::Contact;
    }
    if u.starts_with("//") || u.starts_with('\\') || u.starts_with('/') {
        return UrlKind::External;
    }
    if let Some(colon) = u.find(':') {
        let scheme = &u[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return UrlKind::External;
        }
    }
    let (path, fragment) = match u.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (u.to_string(), None),
    };
    UrlKind::Relative { path, fragment }
}

/// The addresses in CSS: `url(…)`, `@import "…"`, `image-set("…")`, `src("…")`, after the
/// CSS escapes are read and the comments are gone.
pub fn css_urls(css: &str) -> Vec<String> {
    let css = unescape_css(css);
    let lower = css.to_ascii_lowercase();
    let mut out = Vec::new();
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &lower[i..];
        let func = ["url(", "src(", "image-set(", "-webkit-image-set("]
            .into_iter()
            .find(|f| rest.starts_with(f) && (i == 0 || !is_ident(b[i - 1])));
        if let Some(f) = func {
            let start = i + f.len();
            let inner = &css[start..];
            let t = inner.trim_start();
            let (url, used) = if let Some(q) = t.strip_prefix(['"', '\'']) {
                let quote = t.as_bytes()[0] as char;
                let end = q.find(quote).unwrap_or(q.len());
                (q[..end].to_string(), inner.len() - t.len() + end + 2)
            } else if f == "url(" {
                let end = t.find(')').unwrap_or(t.len());
                (t[..end].trim().to_string(), inner.len() - t.len() + end)
            } else {
                // image-set( url(…) 1x, "…" 2x ): the inner ones are found as the scan goes on.
                (String::new(), 0)
            };
            if !url.is_empty() {
                out.push(url);
            }
            i = start + used.min(inner.len());
            continue;
        }
        if rest.starts_with("@import") {
            let t = css[i + 7..].trim_start();
            if let Some(q) = t.strip_prefix(['"', '\'']) {
                let quote = t.as_bytes()[0] as char;
                let end = q.find(quote).unwrap_or(q.len());
                out.push(q[..end].to_string());
            }
            i += 7;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

/// CSS as the browser reads it: comments gone, escapes (`\75 rl(`, `\(`) read.
pub fn unescape_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '/' && css[i..].starts_with("/*") {
            let end = css[i + 2..].find("*/").map_or(css.len(), |e| i + 2 + e + 2);
            while chars.peek().is_some_and(|(j, _)| *j < end) {
                chars.next();
            }
            out.push(' ');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6
            && let Some((_, h)) = chars.peek().filter(|(_, h)| h.is_ascii_hexdigit())
        {
            hex.push(*h);
            chars.next();
        }
        if hex.is_empty() {
            if let Some((_, n)) = chars.next() {
                out.push(n);
            }
        } else {
            if chars.peek().is_some_and(|(_, w)| w.is_ascii_whitespace()) {
                chars.next();
            }
            let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        }
    }
    out
}

/// A script's text with its string escapes read (`\u002d`, `\x2d`, `\-`), as the numbers it
/// would put on the page.
pub fn unescape_js(js: &str) -> String {
    if !js.contains('\\') {
        return js.to_string();
    }
    let mut out = String::with_capacity(js.len());
    let mut chars = js.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let take = |chars: &mut std::iter::Peekable<std::str::Chars>, n: usize| {
            let mut s = String::new();
            while s.len() < n
                && let Some(h) = chars.peek().filter(|h| h.is_ascii_hexdigit())
            {
                s.push(*h);
                chars.next();
            }
            u32::from_str_radix(&s, 16).ok().and_then(char::from_u32)
        };
        match chars.next() {
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let c = take(&mut chars, 6);
                if chars.peek() == Some(&'}') {
                    chars.next();
                }
                out.extend(c);
            }
            Some('u') => out.extend(take(&mut chars, 4)),
            Some('x') => out.extend(take(&mut chars, 2)),
            Some('n' | 'r' | 't') => out.push(' '),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Whether an address leads to another origin (or out of the site altogether): a scheme
/// other than `mailto:`, `tel:` and `data:`, or `//host`. Read as a browser reads it: tabs
/// and line breaks inside are dropped, a backslash counts as a slash.
pub fn other_origin(url: &str) -> bool {
    let u: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if u.starts_with("//") {
        return true;
    }
    let scheme_end = u.find(':');
    let Some(end) = scheme_end else {
        return false;
    };
    let scheme = &u[..end];
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // `a/b:c` is a path, not a scheme.
    is_scheme && !matches!(scheme, "mailto" | "tel" | "data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(relative("index.html", "metode/a.html"), "metode/a.html");
        assert_eq!(relative("metode/a.html", "metode/b.html"), "b.html");
        assert_eq!(
            relative("familier/x/index.html", "metode/b.html"),
            "../../metode/b.html"
        );
        assert_eq!(relative("metode/a.html", "index.html"), "../index.html");
        assert_eq!(root_prefix("familier/x/index.html"), "../../");
    }

    #[test]
    fn resolve_and_classify() {
        assert_eq!(
            resolve("content/metode/a.md", "../familier/x/plan.md").unwrap(),
            "content/familier/x/plan.md"
        );
        assert_eq!(resolve("a.md", "../../x.md"), None);
        assert_eq!(classify("https://borger.dk"), UrlKind::External);
        assert_eq!(classify("//cdn.example/x.js"), UrlKind::External);
        assert_eq!(classify("javascript:alert(1)"), UrlKind::External);
        assert_eq!(classify("mailto:a@b.dk"), UrlKind::Contact);
        assert_eq!(classify("#mål"), UrlKind::Fragment);
        assert_eq!(
            classify("trin-2.md#formål"),
            UrlKind::Relative {
                path: "trin-2.md".into(),
                fragment: Some("formål".into())
            }
        );
    }

    #[test]
    fn css_urls_are_read() {
        assert_eq!(
            css_urls("a{b:url(x.png)} @import \"y.css\"; c{d:URL( 'z.woff2' )} /* url(n.png) */"),
            ["x.png", "y.css", "z.woff2"]
        );
    }
}
