//! Bytes → `Campaign`: read the file, parse YAML with budgets, then validate.

use super::{model::FileModel, validate, Campaign};
use crate::diag::{Diagnostic, Diagnostics, Span};
use std::path::Path;

/// Campaign files are hand-written; anything this large is a mistake or an attack.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Load and validate. On failure, every problem found, each located in the file.
/// Warnings found along the way are returned with the campaign.
pub fn load(path: &Path) -> Result<(Campaign, Diagnostics), Diagnostics> {
    let fail = |d: Diagnostic| Err(Diagnostics(vec![d.in_file(path)]));
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(Diagnostic::error("io", format!("cannot read campaign file: {e}"))),
    };
    if meta.is_dir() {
        return fail(Diagnostic::error("io", "expected a campaign file, found a directory"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return fail(Diagnostic::error("yaml", format!("file is {} bytes; a campaign file may be at most {MAX_FILE_BYTES}", meta.len())));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(Diagnostic::error("io", format!("cannot read campaign file: {e}"))),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => return fail(Diagnostic::error("yaml", format!("file is not UTF-8 text (invalid byte at offset {})", e.valid_up_to()))),
    };
    if text.trim().is_empty() {
        return fail(Diagnostic::error("yaml", "the file is empty; expected a campaign (version: 1, campaign:, contact:, messages:, placements:)")
            .hint("start from campaigns/stop-it-now-scotland.yaml"));
    }
    let model: FileModel = match parse(text) {
        Ok(m) => m,
        Err(d) => return Err(Diagnostics(vec![d.in_file(path)])),
    };
    validate::validate(path, model)
}

fn parse(text: &str) -> Result<FileModel, Diagnostic> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| yaml_error(&e))
}

/// Turn a parser error into our one-line form, with serde-saphyr's own location.
fn yaml_error(e: &serde_saphyr::Error) -> Diagnostic {
    let span = e.location().map(|l| Span::new(l.line(), l.column())).unwrap_or(Span::UNKNOWN);
    let raw = e.without_snippet().to_string();
    // serde-saphyr prefixes "line L column C: " on some messages; the location is ours to print.
    let msg = strip_location_prefix(&raw);
    let mut d = Diagnostic::error("yaml", msg.to_string());
    d.span = span;
    if let Some(h) = hint_for(msg) {
        d = d.hint(h);
    }
    d
}

fn strip_location_prefix(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("error: ").unwrap_or(s);
    if let Some(rest) = s.strip_prefix("line ") {
        if let Some(i) = rest.find(": ") {
            if rest[..i].chars().all(|c| c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic()) {
                return rest[i + 2..].trim();
            }
        }
    }
    s.lines().next().unwrap_or(s)
}

fn hint_for(msg: &str) -> Option<&'static str> {
    if msg.contains("unknown field") {
        Some("check the spelling against shared/campaign-format.md; unknown keys are refused so a typo cannot pass silently")
    } else if msg.contains("duplicate") {
        Some("each key may appear once in a mapping")
    } else if msg.contains("budget") || msg.contains("alias") {
        Some("the file expands to far more data than a campaign needs (alias bomb?)")
    } else if msg.contains("missing field") {
        Some("see shared/campaign-format.md for the required keys")
    } else {
        None
    }
}
