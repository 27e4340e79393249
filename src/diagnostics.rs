//! Diagnostics: what went wrong, where (file:line:col), the offending value and how to fix it.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with forward slashes.
    pub file: String,
    pub pos: Pos,
    pub message: String,
    pub value: Option<String>,
    pub help: Option<String>,
    /// The source line the position points into, for the snippet.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.into(),
            value: None,
            help: None,
            snippet: None,
        }
    }

    pub fn warning(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn value(mut self, value: impl fmt::Display) -> Self {
        self.value = Some(value.to_string());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn snippet(mut self, line: Option<&str>) -> Self {
        self.snippet = line.map(|l| l.trim_end().to_string());
        self
    }

    /// The diagnostic with the serial part of every CPR-like number in it replaced by `****`.
    pub fn masked(self) -> Diagnostic {
        use crate::cpr::mask;
        Diagnostic {
            file: mask(&self.file),
            message: mask(&self.message),
            value: self.value.as_deref().map(mask),
            help: self.help.as_deref().map(mask),
            snippet: self.snippet.as_deref().map(mask),
            ..self
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.pos.line, self.pos.col)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "fejl",
            Severity::Warning => "advarsel",
        };
        writeln!(f, "{label}: {}", self.message)?;
        writeln!(f, "  --> {}", self.location())?;
        if let Some(line) = &self.snippet {
            let num = self.pos.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "  {pad} |")?;
            writeln!(f, "  {num} | {line}")?;
            let caret_pad: String = line
                .chars()
                .take(self.pos.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "  {pad} | {caret_pad}^")?;
        }
        if let Some(v) = &self.value {
            writeln!(f, "  = værdi: {v}")?;
        }
        if let Some(h) = &self.help {
            writeln!(f, "  = sådan retter du det: {h}")?;
        }
        Ok(())
    }
}

/// All diagnostics of one run, reported together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a diagnostic. Every text in it is masked first: a CPR-like number never reaches a
    /// terminal or a log, whatever echoed it (a file name, an unknown field, a URL).
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d.masked());
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn extend_from(&mut self, items: impl IntoIterator<Item = Diagnostic>) {
        for d in items {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Errors, each counted once (a theme's mistake is found on every page it draws).
    pub fn error_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| !d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, position and severity so output is stable; the same finding made
    /// more than once (a theme's mistake, on every page it draws) is there once.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message, &a.value)
                .cmp(&(&b.file, b.pos, b.severity, &b.message, &b.value))
        });
        v.dedup_by(|a, b| a == b);
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// A human summary line, e.g. "2 fejl og 1 advarsel".
    pub fn summary(&self) -> String {
        let e = self.error_count();
        let w = self.warning_count();
        let warn = if w == 1 { "advarsel" } else { "advarsler" };
        format!("{e} fejl og {w} {warn}")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.sorted() {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// An error from the operating system (a file that cannot be read or written, a port in
/// use) in Danish: the system's own wording is English.
pub fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let said = match e.kind() {
        K::NotFound => "findes ikke",
        K::PermissionDenied => "ingen adgang (tjek filens eller mappens rettigheder)",
        K::AlreadyExists => "findes allerede",
        K::AddrInUse => "porten bruges allerede af et andet program",
        K::AddrNotAvailable => "adressen findes ikke på denne computer",
        K::StorageFull => "disken er fuld",
        K::ReadOnlyFilesystem => "disken er skrivebeskyttet",
        K::IsADirectory => "er en mappe, ikke en fil",
        K::NotADirectory => "er en fil, ikke en mappe",
        K::DirectoryNotEmpty => "mappen er ikke tom",
        K::InvalidData => "indholdet kan ikke læses (ikke gyldig UTF-8-tekst?)",
        K::UnexpectedEof => "filen slutter for tidligt",
        K::Interrupted => "blev afbrudt",
        K::TimedOut => "tog for lang tid",
        K::OutOfMemory => "der er ikke hukommelse nok",
        K::FileTooLarge => "filen er for stor",
        K::CrossesDevices => "kan ikke flyttes til en anden disk",
        K::ResourceBusy => "er i brug af et andet program",
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => "forbindelsen blev afbrudt",
        _ => "styresystemet afviste det",
    };
    match e.raw_os_error() {
        Some(code) => format!("{said} (systemfejl {code})"),
        None => said.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_location_value_help_and_caret() {
        let d = Diagnostic::error(
            "content/a.yaml",
            Pos { line: 3, col: 7 },
            "trin skal være 1–7",
        )
        .value(9)
        .help("skriv et tal fra 1 til 7")
        .snippet(Some("trin: 9"));
        let s = d.to_string();
        assert!(s.starts_with("fejl: trin skal være 1–7\n"));
        assert!(s.contains("--> content/a.yaml:3:7"));
        assert!(s.contains("  3 | trin: 9\n"));
        assert!(s.contains("    |       ^\n"), "{s}");
        assert!(s.contains("= værdi: 9"));
        assert!(s.contains("= sådan retter du det: skriv et tal fra 1 til 7"));
    }

    #[test]
    fn the_same_finding_twice_is_told_once() {
        let mut ds = Diagnostics::new();
        for _ in 0..3 {
            ds.push(Diagnostic::error("t.html", Pos::START, "x").value("v"));
        }
        ds.push(Diagnostic::error("t.html", Pos::START, "x").value("w"));
        assert_eq!(ds.sorted().len(), 2);
        assert_eq!(ds.summary(), "2 fejl og 0 advarsler");
    }

    #[test]
    fn summary_counts() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("a", Pos::START, "x"));
        ds.push(Diagnostic::warning("a", Pos::START, "y"));
        assert!(ds.has_errors());
        assert_eq!(ds.summary(), "1 fejl og 1 advarsel");
    }
}
