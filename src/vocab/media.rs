//! Handles to the bytes a campaign brings — fonts and images — loaded and checked once, shared
//! by every asset (`Arc`), and identified by a SHA-256 of their content so the render cache can
//! key on what they are rather than where they were read from.

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
}

impl Bitmap {
    pub fn new(rgba: Vec<u8>, width: u32, height: u32) -> Bitmap {
        let digest = Sha256::digest(&rgba).into();
        Bitmap { rgba: Arc::new(rgba), width, height, digest }
    }

    /// Width ÷ height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
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
