//! Diagnostics: every problem a run finds, with the campaign location it came from.
//!
//! Errors are collected, never thrown one at a time: a campaign team fixing a file wants every
//! mistake in one run.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code (`yaml`, `campaign`, `fit`, `roadside`, `legibility`, ...).
    pub code: &'static str,
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
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
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
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.span.is_known()) {
            (Some(p), true) => write!(f, "{}:{}:{}: ", p.display(), self.span.line, self.span.column)?,
            (Some(p), false) => write!(f, "{}: ", p.display())?,
            _ => {}
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: ", self.code)?;
        if let Some(a) = &self.asset {
            write!(f, "{a}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(m), Some(r)) = (&self.measured, &self.required) {
            write!(f, " (measured {m}, required {r})")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
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

/// Every finding code billposter emits, so one read back from a manifest or cache keeps its code.
pub const CODES: &[&str] = &[
    "yaml", "campaign", "io", "usage", "presence", "schedule", "roadside", "caption", "fit", "glyph", "qr",
    "legibility", "contrast", "alt-text", "file-size", "pdf",
];

pub fn intern_code(code: &str) -> &'static str {
    CODES.iter().find(|c| **c == code).copied().unwrap_or("preflight")
}
