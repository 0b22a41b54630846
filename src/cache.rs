//! The incremental cache: an asset whose rendering inputs have not changed is not rendered again.
//!
//! The key of an asset hashes its *scene* — the complete, backend-neutral input to every
//! backend (positioned glyphs, colours, QR modules, sizes) — plus the font bytes the glyphs come
//! from, the backend settings, the file names, the alt text and the tool version. Layout is cheap
//! and always runs; the expensive part (rasterising, encoding, PDF, QR decode) is what the cache
//! saves. Hashing the scene rather than the campaign means nothing that reaches the pixels can be
//! forgotten, and an edit that does not change an asset (a comment, another message, a line moved
//! down) does not re-render it.
//!
//! Entries live in `<out>/<campaign-id>/.cache/`, one small JSON file per asset, written
//! atomically after the asset's files. A torn or unreadable entry is a miss. A hit is served only
//! when every file it names is on disk with the recorded SHA-256, so a deleted or edited output
//! file is rendered again: the cache never serves a stale file.

use crate::layout::scene::{ItemKind, Scene};
use crate::output::manifest::{sha256_hex, Entry, Finding};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Bump when output for the same scene changes in a way the version number does not capture.
const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct CachedFile {
    pub rel: String,
    pub sha256: String,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct CacheEntry {
    pub key: String,
    pub files: Vec<CachedFile>,
    pub entry: Entry,
    /// Findings that depend on the rendered bytes (QR decode, file size), re-located on a hit.
    pub pixel_findings: Vec<Finding>,
}

/// Streams the parts of a key into SHA-256 with unambiguous framing.
pub struct KeyHasher {
    h: Sha256,
    fonts: HashMap<usize, [u8; 32]>,
}

impl KeyHasher {
    pub fn new() -> Self {
        let mut k = KeyHasher { h: Sha256::new(), fonts: HashMap::new() };
        k.str(env!("CARGO_PKG_VERSION"));
        // A hash of the sources this binary was built from (build.rs): any change to an encoder,
        // the PDF writer or the marks invalidates the cache without anyone bumping a number.
        k.str(env!("BILLPOSTER_BUILD_ID"));
        k.u64(SCHEMA as u64);
        k
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.h.update(s.as_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.h.update(v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.h.update(v.to_bits().to_le_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.h.update(b);
    }
    fn font(&mut self, bytes: &std::sync::Arc<Vec<u8>>) {
        let id = std::sync::Arc::as_ptr(bytes) as usize;
        let digest = *self.fonts.entry(id).or_insert_with(|| Sha256::digest(bytes.as_slice()).into());
        self.h.update(digest);
    }
    /// Everything a backend reads from a scene. Spans (campaign line numbers) are left out:
    /// they do not reach a file.
    pub fn scene(&mut self, s: &Scene) {
        self.str(&s.key);
        for v in [s.width_mm, s.height_mm, s.bleed_mm, s.safe.x, s.safe.y, s.safe.w, s.safe.h] {
            self.f32(v);
        }
        self.colour(&s.background);
        for item in &s.items {
            self.str(item.role.as_str());
            self.rect(&item.region);
            match &item.kind {
                ItemKind::Fill { rect, colour } => {
                    self.u64(1);
                    self.rect(rect);
                    self.colour(colour);
                }
                ItemKind::Text(t) => {
                    self.u64(2);
                    self.str(&t.text);
                    self.f32(t.size_mm);
                    self.f32(t.cap_height_mm);
                    self.colour(&t.colour);
                    for l in &t.lines {
                        self.u64(l.text.start as u64);
                        self.u64(l.text.end as u64);
                        self.f32(l.baseline_y);
                        self.rect(&l.rect);
                    }
                    for r in &t.runs {
                        self.font(&r.font.bytes);
                        self.f32(r.size_mm);
                        for g in &r.glyphs {
                            self.u64(g.id as u64);
                            self.f32(g.x);
                            self.f32(g.y);
                            self.f32(g.advance);
                            self.u64(g.text.start as u64);
                            self.u64(g.text.end as u64);
                        }
                    }
                }
                ItemKind::Qr(q) => {
                    self.u64(3);
                    self.str(&q.link);
                    self.u64(q.matrix.size as u64);
                    self.bytes(&q.matrix.dark.iter().map(|d| *d as u8).collect::<Vec<u8>>());
                    self.str(&format!("{:?}", q.matrix.ec));
                    self.rect(&q.rect);
                    self.f32(q.module_mm);
                    self.colour(&q.dark);
                    self.colour(&q.light);
                }
                ItemKind::Image(i) => {
                    self.u64(4);
                    self.rect(&i.rect);
                    self.u64(i.width as u64);
                    self.u64(i.height as u64);
                    self.bytes(&i.rgba);
                }
            }
        }
    }
    fn rect(&mut self, r: &crate::units::Rect) {
        for v in [r.x, r.y, r.w, r.h] {
            self.f32(v);
        }
    }
    fn colour(&mut self, c: &crate::campaign::Colour) {
        self.h.update(c.srgb);
        for v in c.cmyk {
            self.f32(v);
        }
    }
    pub fn finish(self) -> String {
        self.h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The key of one asset: its scene, and everything else that reaches its files — names, the
/// format, the link, the alt text, the raster size, the weeks (manifest), and for print the PDF
/// settings (creation date, title, crop marks, output profile).
pub fn asset_key(c: &crate::campaign::Campaign, spec: &crate::plan::AssetSpec, scene: &Scene, main: &str, alt: Option<&str>, px: (u32, u32)) -> String {
    let f = &spec.format;
    let mut key = KeyHasher::new();
    key.scene(scene);
    for s in [spec.stem.as_str(), main, &format!("{f:?}"), spec.link.as_deref().unwrap_or(""), alt.unwrap_or("")] {
        key.str(s);
    }
    key.u64(((px.0 as u64) << 32) | px.1 as u64);
    key.str(&format!("{:?}", spec.weeks));
    if f.kind == crate::campaign::Kind::Print {
        key.str(&std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default());
        key.str(&c.name);
        key.str(&c.print.output_profile.as_ref().map(|(p, _)| p.display().to_string()).unwrap_or_default());
        key.u64(c.print.crop_marks as u64);
        key.bytes(c.print.output_profile.as_ref().map(|(_, b)| b.as_slice()).unwrap_or_default());
    }
    key.finish()
}

impl Default for KeyHasher {
    fn default() -> Self {
        Self::new()
    }
}

pub struct Cache {
    dir: PathBuf,
    out: PathBuf,
}

impl Cache {
    /// `out`: the campaign's output folder.
    pub fn new(out: &Path) -> Cache {
        Cache { dir: out.join(".cache"), out: out.to_path_buf() }
    }

    fn entry_path(&self, asset_key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", asset_key.replace('/', "__")))
    }

    /// The entry for `asset_key` if its key matches and every file it names is intact.
    pub fn lookup(&self, asset_key: &str, key: &str) -> Option<CacheEntry> {
        let text = std::fs::read(self.entry_path(asset_key)).ok()?;
        let e: CacheEntry = serde_json::from_slice(&text).ok()?;
        if e.key != key {
            return None;
        }
        for f in &e.files {
            let bytes = std::fs::read(self.out.join(&f.rel)).ok()?;
            if sha256_hex(&bytes) != f.sha256 {
                return None;
            }
        }
        Some(e)
    }

    /// After a full render: drop entries of assets the campaign no longer makes.
    pub fn prune(&self, keep: &[&str]) {
        let keep: Vec<PathBuf> = keep.iter().map(|k| self.entry_path(k)).collect();
        let Ok(rd) = std::fs::read_dir(&self.dir) else { return };
        for e in rd.flatten() {
            if !keep.contains(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    pub fn store(&self, asset_key: &str, e: &CacheEntry) -> std::io::Result<()> {
        let json = serde_json::to_vec(e).expect("cache entry serialises");
        crate::output::atomic::write(&self.entry_path(asset_key), &json)
    }
}
