//! Stage 5: files on disk. Everything is rendered in memory first; only a run with no blocking
//! problem writes, and every file is written atomically. The manifest is written last.

pub mod alt;
pub mod atomic;
pub mod manifest;
pub mod posting_plan;
pub mod print_order;

use std::path::Path;

/// One file an asset produces, relative to the campaign's output folder.
#[derive(Clone, Debug)]
pub struct OutFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// Write all files, then the manifest. Stops at the first I/O error.
pub fn write_all(dir: &Path, files: &[&OutFile], manifest_json: &str) -> std::io::Result<()> {
    for f in files {
        atomic::write(&dir.join(&f.rel), &f.bytes)?;
    }
    atomic::write(&dir.join("manifest.json"), manifest_json.as_bytes())
}

/// After a full render, remove files a previous run left in the asset folders that this run
/// did not produce (a renamed message must not leave its old poster behind).
pub fn remove_stale(dir: &Path, files: &[&OutFile]) {
    for sub in ["print", "social", "screen"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else { continue };
        for e in rd.flatten() {
            let rel = format!("{sub}/{}", e.file_name().to_string_lossy());
            if e.path().is_file() && !files.iter().any(|f| f.rel == rel) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
