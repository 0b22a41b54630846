//! Reading the files a campaign names (the campaign itself, fonts, logo, output profile) with
//! bounds: only a regular file is opened (a FIFO would block forever, a device such as
//! `/dev/zero` never ends), and at most `cap` bytes are read whatever size the file reports.

use super::wording::io_reason;
use std::io::Read;
use std::path::Path;

/// Campaign files are hand-written; anything this large is a mistake or an attack.
pub(super) const MAX_CAMPAIGN_BYTES: u64 = 4 * 1024 * 1024;
/// Fonts: a full CJK font is ~20 MB.
pub(super) const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;
/// A logo (or, later, a photo): a 24-megapixel JPEG is ~10–25 MB.
pub(super) const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;
/// ICC output profiles are 0.5–5 MB.
pub(super) const MAX_PROFILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file could not be read, worded to follow "cannot read PATH: ".
pub(super) fn read_bounded(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    // stat, not open, first: opening a FIFO blocks until someone writes to it.
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    kind_ok(&meta)?;
    // A reported size past the cap is refused without reading; a smaller one is not trusted
    // (a file can grow, a special file reports 0): the read below stops at the cap either way.
    if meta.len() > cap {
        return Err(too_large(cap));
    }
    let f = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    // The file opened may not be the one looked at (replaced in between): look again.
    kind_ok(&f.metadata().map_err(|e| io_reason(&e))?)?;
    let mut bytes = Vec::new();
    f.take(cap + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    Ok(bytes)
}

fn kind_ok(m: &std::fs::Metadata) -> Result<(), String> {
    if m.is_dir() {
        return Err("it is a directory".into());
    }
    if !m.is_file() {
        return Err("it is not a regular file (a device, FIFO or socket)".into());
    }
    Ok(())
}

fn too_large(cap: u64) -> String {
    format!("it is larger than {} MiB, the most billposter reads", cap >> 20)
}
