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
}
