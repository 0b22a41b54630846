//! Bytes → `Campaign`: read the file, parse YAML with budgets, then validate.

use super::{Campaign, parse::parse, validate};
use crate::vocab::{Code, Diagnostic, Diagnostics};
use std::path::Path;

use super::wording::io_reason;

/// Campaign files are hand-written; anything this large is a mistake or an attack.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Load and validate. On failure, every problem found, each located in the file.
/// Warnings found along the way are returned with the campaign.
pub fn load(path: &Path) -> Result<(Campaign, Diagnostics), Diagnostics> {
    let fail = |d: Diagnostic| Err(Diagnostics(vec![d.in_file(path)]));
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(Diagnostic::error(Code::Io, format!("cannot read campaign file: {}", io_reason(&e)))),
    };
    if meta.is_dir() {
        return fail(Diagnostic::error(Code::Io, "expected a campaign file, found a directory"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return fail(Diagnostic::error(Code::Yaml, format!("file is {} bytes; a campaign file may be at most {MAX_FILE_BYTES}", meta.len())));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(Diagnostic::error(Code::Io, format!("cannot read campaign file: {}", io_reason(&e)))),
    };
    let model = match parse(&bytes) {
        Ok(m) => m,
        Err(ds) => return Err(Diagnostics(ds.into_iter().map(|d| d.in_file(path)).collect())),
    };
    validate::validate(path, model)
}
