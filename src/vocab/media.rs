//! Handles to the bytes a campaign brings — fonts and images — loaded and checked once, shared
//! by every asset (`Arc`), and identified by a SHA-256 of their content so the render cache can
//! key on what they are rather than where they were read from.

use super::made_once::MadeOnce;
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

/// A font file's bytes (TrueType or OpenType), checked at load.
#[derive(Clone)]
pub struct FontFile {
    pub path: PathBuf,
    pub bytes: Arc<Vec<u8>>,
    pub digest: [u8; 32],
}

impl FontFile {
    pub fn new(path: PathBuf, bytes: Vec<u8>) -> FontFile {
        let digest = Sha256::digest(&bytes).into();
        FontFile { path, bytes: Arc::new(bytes), digest }
    }
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontFile({}, {} bytes)", self.path.display(), self.bytes.len())
    }
}

/// What reaches a file is the font's content, not its path.
impl Serialize for FontFile {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.digest)
    }
}

/// Decoded pixels: straight (not premultiplied) RGBA8, row-major.
#[derive(Clone)]
pub struct Bitmap {
    pub rgba: Arc<Vec<u8>>,
    pub width: u32,
    pub height: u32,
    pub digest: [u8; 32],
    /// The bitmap as the print backend embeds it (a photograph's CMYK JPEG), made once and
    /// shared by every clone: a photo crop is cloned into each asset that shows it, so one
    /// encode serves every PDF, and the bytes go when the run's photo does (not on a static
    /// that a long `watch` would grow). The backend fills it; nothing else reads it.
    pub print: Arc<MadeOnce<Result<Arc<Vec<u8>>, String>>>,
}

impl Bitmap {
    pub fn new(rgba: Vec<u8>, width: u32, height: u32) -> Bitmap {
        let digest = Sha256::digest(&rgba).into();
        Bitmap::with_digest(rgba, width, height, digest)
    }

    /// Pixels whose identity is already known without reading them: a resample of a photo is
    /// named by the photo's digest and the crop and size (hashing 45 MB of a print crop to learn
    /// what those say cost more than a tenth of the resample).
    pub fn with_digest(rgba: Vec<u8>, width: u32, height: u32, digest: [u8; 32]) -> Bitmap {
        Bitmap { rgba: Arc::new(rgba), width, height, digest, print: Arc::default() }
    }

    /// Width ÷ height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
    }
}

/// WCAG 2.x 1.4.11: graphical objects ≥ 3:1 against adjacent colours.
pub const GRAPHIC_CONTRAST: f64 = 3.0;

impl Bitmap {
    /// The share of the visible pixels (more than half opaque) that reach 3:1 against
    /// `surface`: how much of a logo can be made out there. `None` for a fully transparent one.
    pub fn stand_out_share(&self, surface: &super::Colour) -> Option<f64> {
        let (mut visible, mut standing_out) = (0u64, 0u64);
        for px in self.rgba.chunks_exact(4).filter(|p| p[3] > 127) {
            visible += 1;
            if super::Colour::from_srgb([px[0], px[1], px[2]]).contrast(surface) >= GRAPHIC_CONTRAST {
                standing_out += 1;
            }
        }
        (visible > 0).then(|| standing_out as f64 / visible as f64)
    }
}

impl std::fmt::Debug for Bitmap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bitmap({} × {})", self.width, self.height)
    }
}

impl Serialize for Bitmap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.width, self.height, &self.digest[..]).serialize(s)
    }
}
