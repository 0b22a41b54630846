//! Atomic writes: a temporary file in the same folder, then a rename, so an interrupted run
//! never leaves a half-written file under a real name.
//!
//! The temporary file is created exclusively (`O_CREAT|O_EXCL`: it fails on any existing name,
//! a symbolic link included, and never follows one) under an unpredictable name, so whoever can
//! write the folder cannot make a render overwrite another file through a planted link. Its name
//! still starts with `.` and holds `.tmp-` ([`is_temp_name`]), so the next run removes one a
//! killed run left behind.
//!
//! No fsync: it guards against power loss, not interruption, and costs ~5 ms a file (a third of
//! a one-poster run). On ext4 (auto_da_alloc) and most journaling filesystems a rename over an
//! existing file flushes its data first anyway.

use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A fresh, unpredictable suffix: `RandomState` is seeded from the OS's randomness once per
/// process; the counter and the clock make every call differ.
fn random_suffix() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(N.fetch_add(1, Ordering::Relaxed));
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// Whether a file name is one of our temporary files (`.NAME.tmp-SUFFIX`).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.rsplit_once(".tmp-").is_some_and(|(_, s)| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Create `path`'s bytes in a new file that did not exist before (never through a link).
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)
}

/// Write `bytes` to `path` atomically. The folder must exist (callers create and check it).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp: PathBuf = dir.join(format!(".{name}.tmp-{}", random_suffix()));
    let result = create_new(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_and_unpredictable() {
        let (a, b) = (random_suffix(), random_suffix());
        assert_ne!(a, b);
        assert!(is_temp_name(&format!(".poster.pdf.tmp-{a}")));
        assert!(is_temp_name(".manifest.json.tmp-1234"));
        assert!(!is_temp_name("poster.pdf"));
        assert!(!is_temp_name(".poster.tmp-"));
        assert!(!is_temp_name(".x.tmp-../y"));
    }
}
