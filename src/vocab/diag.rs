//! Diagnostics: every problem a run finds, with the campaign location it came from.
//!
//! Errors are collected, never thrown one at a time: a campaign team fixing a file wants every
//! mistake in one run.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a source file, 1-based line and column (0 means unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub line: u32,
    pub column: u32,
}

impl Span {
    pub const UNKNOWN: Span = Span { line: 0, column: 0 };
    pub fn new(line: u64, column: u64) -> Self {
        Span { line: line as u32, column: column as u32 }
    }
    pub fn is_known(&self) -> bool {
        self.line > 0
    }
}

/// Stable machine-readable finding codes: the `code` of every finding in the manifest and in
/// `--format json`, and the word in `error[code]`. An enum, so a typo cannot compile and a code
/// read back from a manifest or cache either is one of these or is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    Yaml,
    Campaign,
    Io,
    Usage,
    Presence,
    Schedule,
    Roadside,
    Caption,
    Fit,
    Glyph,
    Qr,
    Legibility,
    Contrast,
    AltText,
    FileSize,
    Pdf,
    /// A phone number, web address or opening hours in published copy that is not the
    /// campaign's.
    Copy,
    /// A photograph's effective resolution for its format and viewing distance.
    Resolution,
}

impl Code {
    pub const ALL: [Code; 18] = [
        Code::Yaml,
        Code::Campaign,
        Code::Io,
        Code::Usage,
        Code::Presence,
        Code::Schedule,
        Code::Roadside,
        Code::Caption,
        Code::Fit,
        Code::Glyph,
        Code::Qr,
        Code::Legibility,
        Code::Contrast,
        Code::AltText,
        Code::FileSize,
        Code::Pdf,
        Code::Copy,
        Code::Resolution,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Code::Yaml => "yaml",
            Code::Campaign => "campaign",
            Code::Io => "io",
            Code::Usage => "usage",
            Code::Presence => "presence",
            Code::Schedule => "schedule",
            Code::Roadside => "roadside",
            Code::Caption => "caption",
            Code::Fit => "fit",
            Code::Glyph => "glyph",
            Code::Qr => "qr",
            Code::Legibility => "legibility",
            Code::Contrast => "contrast",
            Code::AltText => "alt-text",
            Code::FileSize => "file-size",
            Code::Pdf => "pdf",
            Code::Copy => "copy",
            Code::Resolution => "resolution",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and callers compare with the written code: `d.code == "fit"`.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code.
    pub code: Code,
    pub message: String,
    pub file: Option<PathBuf>,
    pub span: Span,
    pub hint: Option<String>,
    /// The asset a finding is about (`format/message/language`), if any.
    pub asset: Option<String>,
    /// What was measured and what the rule requires, for preflight findings.
    pub measured: Option<String>,
    pub required: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            span: Span::UNKNOWN,
            hint: None,
            asset: None,
            measured: None,
            required: None,
        }
    }
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error(code, message) }
    }
    pub fn at(mut self, file: &Path, span: Span) -> Self {
        self.file = Some(file.to_path_buf());
        self.span = span;
        self
    }
    /// Set the location, keeping the file (or none, for `in_file` to fill in later).
    pub fn at_span(mut self, span: Span) -> Self {
        self.span = span;
        self
    }
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn for_asset(mut self, key: &str) -> Self {
        self.asset = Some(key.to_string());
        self
    }
    pub fn measured(mut self, measured: impl Into<String>, required: impl Into<String>) -> Self {
        self.measured = Some(measured.into());
        self.required = Some(required.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Text from the input (a key, a value, a file name) made safe to print on a terminal: control
/// characters (escape sequences that could clear the screen or fake a line, carriage returns,
/// bells) and the bidirectional overrides that reorder what is shown are written as `\u{…}`.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every part that may hold input text is escaped; the layout's own newline (the hint) is
        // the only control character written.
        let e = |s: &str| escape_controls(s).into_owned();
        match (&self.file, self.span.is_known()) {
            (Some(p), true) => write!(f, "{}:{}:{}: ", e(&p.display().to_string()), self.span.line, self.span.column)?,
            (Some(p), false) => write!(f, "{}: ", e(&p.display().to_string()))?,
            _ => {}
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: ", self.code)?;
        if let Some(a) = &self.asset {
            write!(f, "{}: ", e(a))?;
        }
        write!(f, "{}", e(&self.message))?;
        if let (Some(m), Some(r)) = (&self.measured, &self.required) {
            write!(f, " (measured {}, required {})", e(m), e(r))?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {}", e(h))?;
        }
        Ok(())
    }
}

/// All diagnostics of a run, in the order found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// One finding as the manifest and `--format json` report it (a stable schema).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub asset: Option<String>,
    pub message: String,
    pub measured: Option<String>,
    pub required: Option<String>,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl From<&Diagnostic> for Finding {
    fn from(d: &Diagnostic) -> Self {
        let known = d.span.is_known();
        Finding {
            code: d.code,
            severity: d.severity,
            asset: d.asset.clone(),
            message: d.message.clone(),
            measured: d.measured.clone(),
            required: d.required.clone(),
            file: d.file.as_ref().map(|p| p.display().to_string()),
            line: known.then_some(d.span.line),
            column: known.then_some(d.span.column),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_the_input_are_escaped() {
        let d = Diagnostic::error(Code::Yaml, "unknown key `\u{1b}[2J\u{1b}[HOK`").hint("a\rb\u{202e}c").in_file(Path::new("x\u{7}.yaml"));
        let s = d.to_string();
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        assert!(s.contains("\\u{1b}[2J"), "{s}");
        assert!(s.contains("x\\u{7}.yaml"), "{s}");
        assert_eq!(s.matches('\n').count(), 1);
        assert_eq!(escape_controls("Café – 0808 1000 900"), "Café – 0808 1000 900");
    }
}
