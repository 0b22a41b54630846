//! The incremental cache: an asset whose rendering inputs have not changed is not rendered again.
//!
//! The key of an asset hashes its resolved spec — everything the plan decided reaches its files
//! (file names, link, alt text, backend settings, PDF date and profile, font and image content by
//! digest) — and its *scene*, the complete, backend-neutral input to every backend (positioned
//! glyphs, colours, QR modules, sizes), plus the tool version. Layout is cheap and always runs;
//! the expensive part (rasterising, encoding, PDF, QR decode) is what the cache saves. Neither
//! reads the campaign, so an edit that does not change an asset (a comment, another message, a
//! line moved down) does not re-render it.
//!
//! Entries live in `<out>/<campaign-id>/.cache/`, one small JSON file per asset, written
//! atomically after the asset's files. A torn or unreadable entry is a miss. A hit is served only
//! when every file it names is on disk with the recorded SHA-256, so a deleted or edited output
//! file is rendered again: the cache never serves a stale file.
//!
//! An entry is not trusted for what it says about itself either: it carries a seal, the SHA-256
//! of the key and everything else it holds (files, manifest entry, findings), so an entry whose
//! link, alt text or findings were edited is a miss, and its link, alt text and file names must
//! also be what the current spec says ([`matches_spec`]). The seal is not secret (anyone who can
//! write the folder can also rewrite the outputs); it makes an edit, a torn write or a bug read
//! as a miss rather than as findings or a manifest entry.

use crate::layout::scene::Scene;
use crate::output::manifest::{Entry, Finding, sha256_hex};
use crate::output::read_small;
use crate::plan::AssetSpec;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bump when output for the same scene changes in a way the version number does not capture.
const SCHEMA: u32 = 3;

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
    /// SHA-256 of the key and every field above ([`seal`]); a mismatch is a miss.
    #[serde(default)]
    pub seal: String,
}

/// What protects an entry's content: its key and all it holds, serialised.
fn seal(e: &CacheEntry) -> String {
    let mut h = HashWriter(Sha256::new());
    serde_json::to_writer(&mut h, &(&e.key, &e.files, &e.entry, &e.pixel_findings)).expect("cache entry serialises");
    h.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A hit must also say what the spec says: the same files, link and alt text.
pub fn matches_spec(e: &CacheEntry, spec: &AssetSpec) -> bool {
    let link = spec.qr.as_ref().map(|_| spec.link.text.as_str());
    let alt = spec.alt.as_ref().map(|a| a.text.as_str());
    let names = [Some(&spec.files.main), spec.files.proof.as_ref(), spec.files.alt.as_ref()];
    e.entry.link.as_deref() == link
        && e.entry.alt.as_deref() == alt
        && e.files.iter().all(|f| names.contains(&Some(&f.rel)) && crate::output::confine::is_owned_rel(&f.rel))
        && e.files.iter().any(|f| f.rel == e.entry.path)
}

/// SHA-256 fed by a serialiser, so a key is computed without holding its text.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The key of one asset: its resolved spec and its scene, serialised whole (spans, which reach
/// no file, are the only fields left out), plus the tool's version and build. Nothing is listed
/// by hand, so a field added to either is in the key without anyone remembering to add it.
pub fn asset_key(spec: &AssetSpec, scene: &Scene) -> String {
    let mut h = HashWriter(Sha256::new());
    // A hash of the sources this binary was built from (build.rs): any change to an encoder,
    // the PDF writer or the marks invalidates the cache without anyone bumping a number.
    let tool = (env!("CARGO_PKG_VERSION"), env!("BILLPOSTER_BUILD_ID"), SCHEMA);
    serde_json::to_writer(&mut h, &(tool, spec, scene)).expect("spec and scene serialise");
    h.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
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
        let text = read_small(&self.entry_path(asset_key)).ok()?;
        let e: CacheEntry = serde_json::from_slice(&text).ok()?;
        if e.key != key || e.seal != seal(&e) {
            return None;
        }
        for f in &e.files {
            // Only a plain file counts (a link to a file with the right bytes is not ours).
            let bytes = read_small(&self.out.join(&f.rel)).ok()?;
            if sha256_hex(&bytes) != f.sha256 {
                return None;
            }
        }
        Some(e)
    }

    /// After a full render: drop entries of assets the campaign no longer makes. Only entry
    /// files (`*.json`, not folders) are removed: nothing else the folder holds is ours.
    pub fn prune(&self, keep: &[&str]) {
        if crate::output::confine::real_dir_or_absent(&self.dir).is_err() {
            return;
        }
        let keep: Vec<PathBuf> = keep.iter().map(|k| self.entry_path(k)).collect();
        let Ok(rd) = std::fs::read_dir(&self.dir) else { return };
        for e in rd.flatten() {
            let entry_file = e.file_type().is_ok_and(|t| !t.is_dir()) && e.file_name().to_str().is_some_and(|n| n.ends_with(".json"));
            if entry_file && !keep.contains(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    pub fn store(&self, asset_key: &str, e: &CacheEntry) -> std::io::Result<()> {
        crate::output::confine::real_dir_or_absent(&self.dir).map_err(|r| std::io::Error::other(r.message))?;
        if let Err(err) = std::fs::create_dir(&self.dir)
            && err.kind() != std::io::ErrorKind::AlreadyExists
        {
            return Err(err);
        }
        let mut e = e.clone();
        e.seal = seal(&e);
        let json = serde_json::to_vec(&e).expect("cache entry serialises");
        crate::output::atomic::write(&self.entry_path(asset_key), &json)
    }
}
