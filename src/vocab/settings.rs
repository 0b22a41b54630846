//! What the backends are told besides the scene: how to encode a raster, how to write a PDF.
//! Resolved per asset by the plan, so the cache key covers them and backends read nothing else.

use super::date::Timestamp;
use super::icc::Profile;
use serde::Serialize;
use std::sync::Arc;

/// How deflate is tuned for a PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PngLevel {
    /// Social images: small files matter (2× smaller than Fast). Deflate level 3 rather than
    /// the default 6: zlib-rs's fast strategy, against level 4 ~1 % larger on a flat poster
    /// and ~4 % on a photo, for 20–36 % less time (BENCHMARKS.md).
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

/// When social posts go out (`posting:`): each week, the posts of one format are spread over
/// the first `spread_days` days of the campaign week, at `time` (local, 24-hour).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PostingTimes {
    pub hour: u32,
    pub minute: u32,
    /// 1..=7.
    pub spread_days: u32,
}

impl Default for PostingTimes {
    /// 10:00 on the first five days of the week (Monday to Friday for a campaign starting on a
    /// Monday): a working-hours post a team can answer replies to.
    fn default() -> Self {
        PostingTimes { hour: 10, minute: 0, spread_days: 5 }
    }
}

impl PostingTimes {
    /// Day offset within the week of post `i` of `n`: evenly spread, the first on day 0.
    pub fn day(&self, i: usize, n: usize) -> u32 {
        if n == 0 { 0 } else { (i as u64 * u64::from(self.spread_days) / n as u64) as u32 }
    }
    /// `HH:MM`.
    pub fn time(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// The composition an asset is laid out with (`layout:` on the campaign, a message or a
/// placement; the placement's wins, then the message's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Headline and body, then the helpline band, then web address, QR and imprint.
    #[default]
    Band,
    /// A photograph on one side (wide formats) or the top (tall and square), the copy on the other.
    Split,
    /// A full-bleed photograph; the headline on it (with a scrim where the pixels need one), the
    /// band and small print on a panel of the background colour.
    Photo,
}

impl Layout {
    pub const NAMES: [&'static str; 3] = ["band", "split", "photo"];
    pub fn parse(s: &str) -> Option<Layout> {
        match s {
            "band" => Some(Layout::Band),
            "split" => Some(Layout::Split),
            "photo" => Some(Layout::Photo),
            _ => None,
        }
    }
    pub fn as_str(&self) -> &'static str {
        Layout::NAMES[*self as usize]
    }
}

/// `brand.logo.size`: how tall the logo is drawn, as a multiple of the medium size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogoSize {
    Small,
    #[default]
    Medium,
    Large,
}

impl LogoSize {
    pub fn parse(s: &str) -> Option<LogoSize> {
        match s {
            "small" => Some(LogoSize::Small),
            "medium" => Some(LogoSize::Medium),
            "large" => Some(LogoSize::Large),
            _ => None,
        }
    }
    /// Height relative to medium: one step is a third up or down, enough to see, not so much
    /// that a large logo competes with the headline.
    pub fn factor(self) -> f32 {
        match self {
            LogoSize::Small => 0.7,
            LogoSize::Medium => 1.0,
            LogoSize::Large => 1.4,
        }
    }
}

/// `brand.logo.position`: under the imprint (foot) or in a corner of the safe area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogoPosition {
    #[default]
    Foot,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

impl LogoPosition {
    pub fn parse(s: &str) -> Option<LogoPosition> {
        match s {
            "foot" => Some(LogoPosition::Foot),
            "top-left" => Some(LogoPosition::TopLeft),
            "top-right" => Some(LogoPosition::TopRight),
            "bottom-left" => Some(LogoPosition::BottomLeft),
            "bottom-right" => Some(LogoPosition::BottomRight),
            _ => None,
        }
    }
}
