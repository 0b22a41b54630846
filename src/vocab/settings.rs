//! What the backends are told besides the scene: how to encode a raster, how to write a PDF.
//! Resolved per asset by the plan, so the cache key covers them and backends read nothing else.

use super::date::Timestamp;
use super::icc::Profile;
use serde::Serialize;
use std::sync::Arc;

/// How deflate is tuned for a PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PngLevel {
    /// Social images: small files matter (4–5× smaller than Fast). Deflate level 4 rather than
    /// the default 6: ~1% larger files for ~30% less time (BENCHMARKS.md).
    Balanced,
    /// Big proofs: speed matters more than bytes.
    Fast,
}

/// How an asset's raster becomes a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// `px_per_metre`: density of the physical artwork the image shows, for the pHYs chunk.
    Png { px_per_metre: u32, level: PngLevel },
    /// The highest quality that stays within `max_bytes`.
    Jpeg { dpi: u16, max_bytes: Option<u64> },
}

/// Everything the PDF backend needs besides the scene.
#[derive(Clone, Debug, Serialize)]
pub struct PdfSettings {
    /// Supply scale of the artwork (0.1 for a 48-sheet).
    pub scale: f32,
    pub crop_marks: bool,
    /// The printer's CMYK output profile, parsed once at load: makes the file PDF/X-4.
    pub output_profile: Option<Arc<Profile>>,
    pub title: String,
    /// The one date the file carries (creation and modification).
    pub created: Timestamp,
}

/// When a print site gets a new copy (`print.reposting`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reposting {
    /// Only when the artwork the site shows changes (the default).
    #[default]
    Changes,
    /// Every week, whatever it showed before.
    Weekly,
}

impl Reposting {
    pub fn as_str(self) -> &'static str {
        match self {
            Reposting::Changes => "changes",
            Reposting::Weekly => "weekly",
        }
    }
}
