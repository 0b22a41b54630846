//! Stage 5: files on disk. Everything is rendered in memory first; only a run with no blocking
//! problem writes, and every file is written atomically. The manifest is written last.

pub mod atomic;
pub mod csv;
pub mod manifest;
pub mod posting_plan;
pub mod print_order;
pub mod proof;

use std::path::Path;

/// Where a render puts each asset's files as soon as they are made, so memory stays flat
/// however many assets a campaign has; they move into place only when the whole run may write
/// (no blocking finding), and are discarded otherwise.
pub struct Staging {
    root: std::path::PathBuf,
}

impl Staging {
    /// A fresh staging folder inside the campaign's output folder (same filesystem: renames).
    pub fn new(dir: &Path) -> std::io::Result<Staging> {
        let root = dir.join(".staging");
        // Left by an interrupted run: never committed, so never part of the output.
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        // Created by the first file put into it: a run that renders nothing touches nothing.
        Ok(Staging { root })
    }

    pub fn put(&self, f: &OutFile) -> std::io::Result<()> {
        let path = self.root.join(&f.rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &f.bytes)
    }

    /// Move staged files into `dir`; each rename is atomic.
    pub fn commit(&self, dir: &Path, rels: &[&str]) -> std::io::Result<()> {
        for rel in rels {
            let to = dir.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(self.root.join(rel), to)?;
        }
        self.discard();
        Ok(())
    }

    /// Remove the staging folder, and the campaign folder too if that leaves it empty (a run
    /// that writes nothing leaves nothing behind).
    pub fn discard(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
        if let Some(parent) = self.root.parent() {
            let _ = std::fs::remove_dir(parent);
        }
    }
}

/// One file an asset produces, relative to the campaign's output folder.
#[derive(Clone, Debug)]
pub struct OutFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// Write the files, then the manifest, skipping any whose bytes are already on disk (a rerun
/// with nothing changed writes nothing). Returns how many were written; stops at the first
/// I/O error.
pub fn write_all(dir: &Path, files: &[&OutFile], manifest_json: &str) -> std::io::Result<usize> {
    let manifest = OutFile { rel: "manifest.json".into(), bytes: manifest_json.as_bytes().to_vec() };
    let mut n = 0;
    for f in files.iter().copied().chain([&manifest]) {
        let path = dir.join(&f.rel);
        if std::fs::read(&path).is_ok_and(|old| old == f.bytes) {
            continue;
        }
        atomic::write(&path, &f.bytes)?;
        n += 1;
    }
    Ok(n)
}

/// After a full render, remove files a previous run left in the asset folders that this run
/// did not produce (a renamed message must not leave its old poster behind).
pub fn remove_stale(dir: &Path, owned: &[&str]) {
    for sub in ["print", "social", "screen"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else { continue };
        for e in rd.flatten() {
            let rel = format!("{sub}/{}", e.file_name().to_string_lossy());
            if e.path().is_file() && !owned.contains(&rel.as_str()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
