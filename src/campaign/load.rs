//! Bytes → `Campaign`: read the file, parse YAML with budgets, then validate.

use super::{Campaign, parse::parse, validate};
use crate::vocab::{Code, Diagnostic, Diagnostics};
use std::path::Path;

use super::input::{MAX_CAMPAIGN_BYTES, read_bounded};

/// Load and validate. On failure, every problem found, each located in the file.
/// Warnings found along the way are returned with the campaign.
pub fn load(path: &Path) -> Result<(Campaign, Diagnostics), Diagnostics> {
    let fail = |d: Diagnostic| Err(Diagnostics(vec![d.in_file(path)]));
    let bytes = match read_bounded(path, MAX_CAMPAIGN_BYTES) {
        Ok(b) => b,
        Err(e) if e.starts_with("it is larger") => {
            return fail(
                Diagnostic::error(Code::Yaml, format!("the campaign file is too big: {e}"))
                    .hint("a campaign file is hand-written YAML, a few KB; check you gave the right file"),
            );
        }
        Err(e) if e.starts_with("it is a directory") => return fail(Diagnostic::error(Code::Io, "expected a campaign file, found a directory")),
        Err(e) => return fail(Diagnostic::error(Code::Io, format!("cannot read campaign file: {e}"))),
    };
    let model = match parse(&bytes) {
        Ok(m) => m,
        Err(ds) => return Err(Diagnostics(ds.into_iter().map(|d| d.in_file(path)).collect())),
    };
    validate::validate(path, model)
}
