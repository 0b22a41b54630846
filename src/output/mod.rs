//! Stage 5: files on disk. Everything is rendered in memory first; only a run with no blocking
//! problem writes, and every file is written atomically. The manifest is written last.

pub mod atomic;
pub mod confine;
pub mod csv;
pub mod journal;
pub mod lock;
pub mod manifest;
pub mod posting_plan;
pub mod print_order;
pub mod proof;
pub mod redirects;

use std::path::Path;

/// Where a render puts each asset's files as soon as they are made, so memory stays flat
/// however many assets a campaign has; they move into place only when the whole run may write
/// (no blocking finding), and are discarded otherwise ([`journal`]: all or nothing).
pub struct Staging {
    root: std::path::PathBuf,
}

impl Staging {
    /// The staging folder inside the campaign's output folder (same filesystem: renames). A
    /// previous run's is dealt with before, by [`journal::recover`].
    pub fn new(dir: &Path) -> Staging {
        // Created by the first file put into it: a run that renders nothing touches nothing.
        Staging { root: dir.join(confine::STAGING_DIR) }
    }

    /// Write one file into the staging folder: created new, never through a link.
    pub fn put(&self, f: &OutFile) -> std::io::Result<()> {
        let path = self.root.join(&f.rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
        }
        atomic::create_new(&path, &f.bytes).map_err(|e| with_path(e, &path))
    }

    /// Remove the staging folder, and the campaign folder too if that leaves it empty (a run
    /// that writes nothing leaves nothing behind).
    pub fn discard(&self) {
        if std::fs::symlink_metadata(&self.root).is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_dir_all(&self.root);
        }
        if let Some(parent) = self.root.parent() {
            let _ = std::fs::remove_dir(parent);
        }
    }
}

/// An I/O error that names its file.
pub fn with_path(e: std::io::Error, p: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", p.display()))
}

/// A regular file's bytes (never a link, a FIFO or a device), at most 64 MiB: the tool's own
/// files read back (manifest, records, outputs compared before rewriting).
pub fn read_small(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    const CAP: u64 = 64 << 20;
    let m = std::fs::symlink_metadata(path)?;
    if !m.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut v = Vec::new();
    std::fs::File::open(path)?.take(CAP + 1).read_to_end(&mut v)?;
    if v.len() as u64 > CAP {
        return Err(std::io::Error::other("larger than billposter ever writes"));
    }
    Ok(v)
}

/// One file an asset produces, relative to the campaign's output folder.
#[derive(Clone, Debug)]
pub struct OutFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}
